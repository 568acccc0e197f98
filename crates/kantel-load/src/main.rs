//! `kantel-load`: simulates many respondents saving answers through their personal links
//! against a running `kantel serve`, reports throughput and latency, and checks afterwards
//! that every acknowledged save is in the database (also after the server was killed).
//!
//! A developer tool (English output), not part of the default build:
//! `cargo build --release -p kantel-load`. See `scripts/load-test.sh`,
//! `scripts/kill-test.sh` and `docs/performance.md`.

mod client;
mod journal;
mod links;
mod plan;
mod run;
mod stats;
mod verify;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "kantel-load",
    version,
    about = "Load and durability test for kantel's web questionnaire"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Simulate concurrent respondents saving answers one by one (`POST /r/{token}/answer`).
    Run(RunArgs),
    /// Check that every acknowledged save of a run is stored.
    Verify(VerifyArgs),
}

#[derive(clap::Args)]
struct RunArgs {
    /// The server, e.g. http://127.0.0.1:8080 (the first line `kantel serve` prints). The
    /// links' own host is ignored: only their tokens are used.
    #[arg(long)]
    server: String,
    /// Links file from `kantel respondents invite` (municipality,group,respondent,link).
    #[arg(long)]
    links: PathBuf,
    /// The study file: items and answer scales per respondent group.
    #[arg(long)]
    study: PathBuf,
    /// Concurrent respondents, each on its own keep-alive HTTP/1.1 connection.
    #[arg(long, default_value_t = 200)]
    concurrency: usize,
    /// How long to run, e.g. `20s`, `1.5m`, `500ms` (default 20s unless --saves is given).
    #[arg(long, value_parser = parse_duration)]
    duration: Option<Duration>,
    /// Stop after this many saves (sent, whatever their outcome).
    #[arg(long)]
    saves: Option<u64>,
    /// Target total saves per second, spread evenly over the respondents (open loop:
    /// latency is also reported from each save's scheduled time). Without it every
    /// respondent saves again as soon as the previous save is answered.
    #[arg(long)]
    rate: Option<f64>,
    /// Share of answers given as "don't know" (`dk`).
    #[arg(long, default_value_t = 0.05)]
    dont_know: f64,
    /// Where to write every save and its outcome (input of `verify`).
    #[arg(long)]
    journal: PathBuf,
    /// Also write the figures as JSON to this file.
    #[arg(long)]
    summary: Option<PathBuf>,
    /// Seed of the answers chosen.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Threads of the load generator (1 leaves the other cores to the server).
    #[arg(long, default_value_t = 1)]
    threads: usize,
    /// Seconds a save may take before it counts as failed (its outcome is then unknown).
    #[arg(long, default_value_t = 30.0)]
    timeout: f64,
    /// End the run as soon as the server cannot be reached (a respondent whose connection
    /// fails stops instead of reconnecting), so the journal ends where the server died:
    /// `verify` then checks the database as the crash left it.
    #[arg(long)]
    stop_when_down: bool,
    /// Save as the questionnaire page does with JavaScript: `HX-Request: true` and the
    /// item's `section` (the server then also records the page and answers with the
    /// progress fragment instead of 204).
    #[arg(long)]
    htmx: bool,
}

#[derive(clap::Args)]
struct VerifyArgs {
    /// The journal written by `run`.
    #[arg(long)]
    journal: PathBuf,
    /// The study file; its database is the SQLite file next to it (as `kantel serve
    /// --study` uses), unless --database is given.
    #[arg(long, required_unless_present = "database")]
    study: Option<PathBuf>,
    /// Database URL (`postgres://…`, `sqlite://…`) the server ran on.
    #[arg(long)]
    database: Option<String>,
}

/// `20s`, `1.5m`, `500ms`, `2h` or a bare number of seconds.
fn parse_duration(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    let (number, unit) = match t.find(|c: char| c.is_ascii_alphabetic()) {
        Some(i) => t.split_at(i),
        None => (t, "s"),
    };
    let value: f64 = number
        .trim()
        .parse()
        .map_err(|_| format!("not a duration: {text:?} (examples: 20s, 1.5m, 500ms)"))?;
    let seconds = match unit {
        "ms" => value / 1000.0,
        "s" => value,
        "m" => value * 60.0,
        "h" => value * 3600.0,
        _ => {
            return Err(format!(
                "unknown unit {unit:?} in {text:?} (use ms, s, m or h)"
            ));
        }
    };
    if !seconds.is_finite() || seconds <= 0.0 || seconds > 7.0 * 86_400.0 {
        return Err(format!("duration out of range: {text:?}"));
    }
    Ok(Duration::from_secs_f64(seconds))
}

fn runtime(threads: usize) -> anyhow::Result<tokio::runtime::Runtime> {
    let rt = if threads <= 1 {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
    } else {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(threads)
            .enable_all()
            .build()
    };
    rt.context("cannot start the async runtime")
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => run_command(args),
        Command::Verify(args) => verify_command(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("kantel-load: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run_command(a: RunArgs) -> anyhow::Result<ExitCode> {
    if a.concurrency == 0 {
        bail!("--concurrency must be at least 1");
    }
    if !(0.0..=1.0).contains(&a.dont_know) {
        bail!("--dont-know must be a share between 0 and 1");
    }
    if let Some(rate) = a.rate
        && !(rate.is_finite() && rate > 0.0)
    {
        bail!("--rate must be a positive number of saves per second");
    }
    if !(a.timeout.is_finite() && a.timeout > 0.0) {
        bail!("--timeout must be a positive number of seconds");
    }
    if a.saves == Some(0) {
        bail!("--saves must be at least 1");
    }
    let server = client::Server::parse(&a.server)?;
    let study = plan::read_study(&a.study)?;
    let links = links::read_links(&a.links)?;
    let respondents = plan::respondents(&study, &links)?;
    if respondents.len() < a.concurrency {
        bail!(
            "{} concurrent respondents need at least {} links; {} has {}",
            a.concurrency,
            a.concurrency,
            a.links.display(),
            respondents.len()
        );
    }
    let duration = match (a.duration, a.saves) {
        (Some(d), _) => Some(d),
        (None, Some(_)) => None,
        (None, None) => Some(Duration::from_secs(20)),
    };
    let config = run::Config {
        server,
        concurrency: a.concurrency,
        duration,
        saves: a.saves,
        rate: a.rate,
        dont_know: a.dont_know,
        seed: a.seed,
        timeout: Duration::from_secs_f64(a.timeout),
        htmx: a.htmx,
        stop_when_down: a.stop_when_down,
    };
    let rt = runtime(a.threads)?;
    let outcome = rt.block_on(run::run(config, respondents))?;
    journal::write(&a.journal, &outcome)?;
    let summary = stats::Summary::of(&outcome);
    print!("{}", summary.text());
    if let Some(path) = &a.summary {
        let json = serde_json::to_string_pretty(&summary.json())
            .context("cannot format the summary as JSON")?;
        std::fs::write(path, json + "\n")
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(if summary.acked == 0 {
        eprintln!("kantel-load: no save was acknowledged");
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn verify_command(a: VerifyArgs) -> anyhow::Result<ExitCode> {
    let journal = journal::read(&a.journal)?;
    let rt = runtime(1)?;
    let report = rt.block_on(verify::verify(
        a.study.as_deref(),
        a.database.as_deref(),
        &journal,
    ))?;
    print!("{}", report.text());
    Ok(if report.lost.is_empty() && report.checked > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

#[cfg(test)]
mod tests {
    use super::parse_duration;
    use std::time::Duration;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("20s"), Ok(Duration::from_secs(20)));
        assert_eq!(parse_duration("20"), Ok(Duration::from_secs(20)));
        assert_eq!(parse_duration("1.5m"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert!(parse_duration("-1s").is_err());
        assert!(parse_duration("abc").is_err());
        assert!(parse_duration("3 weeks").is_err());
        assert!(parse_duration("0").is_err());
    }
}
