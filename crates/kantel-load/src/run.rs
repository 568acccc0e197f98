//! The load: one task per simulated respondent connection, each saving answers one by one.
//!
//! Respondents are split statically over the connections (link i goes to connection
//! i mod C), so all saves of one respondent come from one task, in order: the journal then
//! gives, per respondent and item, the saves in the order the server received them.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use rand::SeedableRng;
use tokio::sync::Barrier;

use crate::client::{Connection, Reply, Server, form_encode};
use crate::plan::{self, Answer, Respondent};

/// How the load runs.
#[derive(Clone, Debug)]
pub struct Config {
    /// The server.
    pub server: Server,
    /// Concurrent connections (= respondents answering at the same time).
    pub concurrency: usize,
    /// Stop sending after this long.
    pub duration: Option<Duration>,
    /// Stop after this many saves.
    pub saves: Option<u64>,
    /// Target saves per second in total (open loop), or as fast as answered.
    pub rate: Option<f64>,
    /// Share of "don't know" answers.
    pub dont_know: f64,
    /// Seed of the answers.
    pub seed: u64,
    /// Longest wait for one save.
    pub timeout: Duration,
    /// Ask for htmx's fragment answer.
    pub htmx: bool,
    /// Stop a respondent when the server cannot be reached instead of reconnecting.
    pub stop_when_down: bool,
}

/// What became of a save.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fate {
    /// 2xx: the server says it is stored.
    Acked,
    /// 4xx: refused, so not stored.
    Rejected,
    /// No answer (connection lost, timeout) or a 5xx: may or may not be stored.
    Unknown,
}

impl Fate {
    /// As written in the journal.
    pub fn as_str(self) -> &'static str {
        match self {
            Fate::Acked => "acked",
            Fate::Rejected => "rejected",
            Fate::Unknown => "unknown",
        }
    }
}

/// One save sent.
#[derive(Clone, Copy, Debug)]
pub struct Save {
    /// Index into [`Outcome::respondents`].
    pub respondent: u32,
    /// Index into that respondent's items.
    pub item: u16,
    /// The answer sent.
    pub answer: Answer,
    /// What became of it.
    pub fate: Fate,
}

/// What one connection saw.
#[derive(Default)]
pub struct WorkerLog {
    /// Every save sent, in order.
    pub saves: Vec<Save>,
    /// Send to answer of each acknowledged save, in microseconds.
    pub latencies_us: Vec<u64>,
    /// Scheduled time to answer of each acknowledged save (with `--rate`), in µs.
    pub scheduled_us: Vec<u64>,
    /// Acknowledged saves per second since the start.
    pub per_second: Vec<u64>,
    /// Failed saves and connection attempts by kind (`409 Conflict`, `io`, `connect`).
    pub errors: BTreeMap<String, u64>,
    /// The first answer that was not a success, for the report.
    pub first_error: Option<String>,
}

/// A finished run.
pub struct Outcome {
    /// The configuration.
    pub config: Config,
    /// The respondents (the journal names them by index).
    pub respondents: Vec<Respondent>,
    /// One log per connection.
    pub logs: Vec<WorkerLog>,
    /// From the start signal until the last answer came in.
    pub elapsed: Duration,
}

/// Connects every respondent, starts them together, waits until the end.
pub async fn run(config: Config, respondents: Vec<Respondent>) -> anyhow::Result<Outcome> {
    // One connection first, so that a wrong address is one clear error.
    Connection::open(&config.server)
        .await
        .map_err(|kind| anyhow::anyhow!("{kind} failed"))
        .with_context(|| format!("cannot reach the server at {}", config.server.origin))?;
    let csrf: Vec<String> = respondents
        .iter()
        .map(|r| form_encode(&kantel_web::security::link_csrf(&r.link.token)))
        .collect();
    let shared = Arc::new(Shared {
        config: config.clone(),
        respondents,
        csrf,
        budget: config.saves.map(AtomicU64::new),
        barrier: Barrier::new(config.concurrency + 1),
    });
    let mut tasks = Vec::with_capacity(config.concurrency);
    for w in 0..config.concurrency {
        let shared = shared.clone();
        tasks.push(tokio::spawn(async move { worker(w, &shared).await }));
    }
    shared.barrier.wait().await;
    let start = Instant::now();
    let mut logs = Vec::with_capacity(tasks.len());
    for t in tasks {
        logs.push(t.await.context("a load task failed")?);
    }
    let elapsed = start.elapsed();
    let shared = Arc::try_unwrap(shared)
        .map_err(|_| anyhow::anyhow!("load tasks still running after they ended"))?;
    Ok(Outcome {
        config,
        respondents: shared.respondents,
        logs,
        elapsed,
    })
}

struct Shared {
    config: Config,
    respondents: Vec<Respondent>,
    csrf: Vec<String>,
    budget: Option<AtomicU64>,
    barrier: Barrier,
}

impl Shared {
    /// Takes one save from the budget; false when it is used up.
    fn take_save(&self) -> bool {
        match &self.budget {
            None => true,
            Some(b) => b
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
                .is_ok(),
        }
    }
}

/// Pause between connection attempts while the server is down.
const RECONNECT_PAUSE: Duration = Duration::from_millis(50);

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

async fn worker(w: usize, shared: &Shared) -> WorkerLog {
    let config = &shared.config;
    let c = config.concurrency;
    let mine: Vec<u32> = (w..shared.respondents.len())
        .step_by(c)
        .filter_map(|i| u32::try_from(i).ok())
        .collect();
    let mut previous: Vec<Vec<Option<Answer>>> = mine
        .iter()
        .map(|&r| vec![None; shared.respondents[r as usize].items.len()])
        .collect();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(
        config.seed.wrapping_mul(1_000_003).wrapping_add(w as u64),
    );
    let mut log = WorkerLog::default();
    let mut conn = Connection::open(&config.server).await.ok();
    shared.barrier.wait().await;

    let start = Instant::now();
    let deadline = config.duration.map(|d| start + d);
    // With a rate, connection w sends at start + offset + k·period, offsets spread evenly.
    let pacing = config.rate.map(|rate| {
        let period = Duration::from_secs_f64(c as f64 / rate);
        (period, period.mul_f64(w as f64 / c as f64))
    });
    let mut k: u32 = 0;
    let past = |t: Instant| deadline.is_some_and(|d| t >= d);

    'run: loop {
        for (local, &r) in mine.iter().enumerate() {
            let respondent = &shared.respondents[r as usize];
            for (i, item) in respondent.items.iter().enumerate() {
                if past(Instant::now()) || !shared.take_save() {
                    break 'run;
                }
                let scheduled = pacing.map(|(period, offset)| start + offset + period * k);
                k = k.saturating_add(1);
                if let Some(at) = scheduled {
                    // A slot after the end is not waited for: it would stretch the run.
                    if past(at) {
                        break 'run;
                    }
                    tokio::time::sleep_until(at.into()).await;
                }
                // A connection that is gone is reopened; while the server is down this
                // retries until it is back or the run ends (the save is not sent yet).
                let open = loop {
                    match conn.take() {
                        Some(c) if c.is_open() => break c,
                        _ => match Connection::open(&config.server).await {
                            Ok(c) => break c,
                            Err(kind) => {
                                *log.errors.entry(kind.to_owned()).or_default() += 1;
                                if config.stop_when_down || past(Instant::now() + RECONNECT_PAUSE) {
                                    break 'run;
                                }
                                tokio::time::sleep(RECONNECT_PAUSE).await;
                            }
                        },
                    }
                };
                let mut open = open;
                let answer = plan::choose(&mut rng, item, config.dont_know, previous[local][i]);
                previous[local][i] = Some(answer);
                let mut body = format!(
                    "item={}&value={}&csrf={}",
                    form_encode(&item.id),
                    plan::form_value(answer),
                    shared.csrf[r as usize]
                );
                if config.htmx {
                    // As the questionnaire page's hx-vals: the page to come back to.
                    body.push_str(&format!("&section={}", item.section));
                }
                let path = format!("/r/{}/answer", respondent.link.token);
                let sent = Instant::now();
                let reply = open
                    .post_form(&config.server, &path, body, config.htmx, config.timeout)
                    .await;
                let done = Instant::now();
                let fate = match &reply {
                    Reply::Status(s, _) if s.is_success() => Fate::Acked,
                    Reply::Status(s, _) if s.is_client_error() => Fate::Rejected,
                    _ => Fate::Unknown,
                };
                match reply {
                    Reply::Status(s, _) if s.is_success() => {
                        log.latencies_us.push(micros(done - sent));
                        if let Some(at) = scheduled {
                            log.scheduled_us
                                .push(micros(done.saturating_duration_since(at)));
                        }
                        let second = (done - start).as_secs() as usize;
                        if log.per_second.len() <= second {
                            log.per_second.resize(second + 1, 0);
                        }
                        log.per_second[second] += 1;
                        conn = Some(open);
                    }
                    Reply::Status(s, body) => {
                        *log.errors.entry(s.to_string()).or_default() += 1;
                        if log.first_error.is_none() {
                            let text = String::from_utf8_lossy(&body);
                            let snippet: String = text.chars().take(300).collect();
                            log.first_error = Some(format!(
                                "{s} for item {} of {}: {}",
                                item.id,
                                respondent.link.respondent,
                                snippet.trim()
                            ));
                        }
                        conn = Some(open);
                    }
                    Reply::Failed(kind) => {
                        *log.errors.entry(kind.to_owned()).or_default() += 1;
                        // The connection is dropped; the next save opens a new one.
                    }
                }
                log.saves.push(Save {
                    respondent: r,
                    item: u16::try_from(i).unwrap_or(u16::MAX),
                    answer,
                    fate,
                });
            }
        }
    }
    log
}
