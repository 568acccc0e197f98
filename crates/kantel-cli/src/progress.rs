//! Progress of long searches on the terminal: the engine's [`Progress`] drawn with
//! `indicatif` on stderr.
//!
//! Nothing is drawn for a search that ends within a second (most do), nothing when stderr is
//! not a terminal (pipes, CI, tests), and never anything on stdout, which carries the result
//! (JSON for `--json`). A bar that was drawn is cleared when the search ends, so that the
//! terminal shows the result alone.

use std::io::IsTerminal;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use kantel_i18n::Lang;
use kantel_qca::progress::{Progress, ProgressWhat};

/// How long a search runs before its progress is shown.
const DELAY: Duration = Duration::from_secs(1);

/// A [`Progress`] for the `kantel` command line.
pub struct CliProgress {
    inner: Arc<Inner>,
}

struct Inner {
    lang: Lang,
    delay: Duration,
    /// Whether to draw at all (stderr is a terminal).
    enabled: bool,
    /// Where a revealed bar draws; stderr, or hidden in tests.
    target: fn() -> ProgressDrawTarget,
    state: Mutex<State>,
    /// Wakes the timer of a search when it finishes before the delay.
    wake: Condvar,
}

#[derive(Default)]
struct State {
    /// Counts searches (and phases), so that a timer knows whether its search still runs.
    generation: u64,
    running: bool,
    what: Option<ProgressWhat>,
    total: Option<u64>,
    position: u64,
    /// When the search started (the bar's elapsed time counts from there).
    started: Option<Instant>,
    bar: Option<ProgressBar>,
}

impl CliProgress {
    /// Progress drawn on stderr after a second, if stderr is a terminal.
    pub fn new(lang: Lang) -> Self {
        Self::with(
            lang,
            DELAY,
            std::io::stderr().is_terminal(),
            ProgressDrawTarget::stderr,
        )
    }

    fn with(
        lang: Lang,
        delay: Duration,
        enabled: bool,
        target: fn() -> ProgressDrawTarget,
    ) -> Self {
        CliProgress {
            inner: Arc::new(Inner {
                lang,
                delay,
                enabled,
                target,
                state: Mutex::new(State::default()),
                wake: Condvar::new(),
            }),
        }
    }
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, State> {
        // Progress is cosmetic: a panic elsewhere must not make it panic too.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Shows the bar of the running search.
    fn reveal(&self, state: &mut State) {
        let label = state
            .what
            .map(|w| self.lang.t(&format!("progress-{}", w.id())))
            .unwrap_or_default();
        let bar = match state.total {
            Some(total) => ProgressBar::with_draw_target(Some(total), (self.target)()).with_style(
                ProgressStyle::with_template(
                    "{spinner} {msg} [{bar:30}] {human_pos}/{human_len} ({elapsed})",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            ),
            None => ProgressBar::with_draw_target(None, (self.target)()).with_style(
                ProgressStyle::with_template("{spinner} {msg} {human_pos} ({elapsed})")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            ),
        };
        let bar = bar.with_elapsed(state.started.map(|t| t.elapsed()).unwrap_or_default());
        bar.set_position(state.position);
        bar.set_message(label);
        // Redraws (elapsed time, spinner) also while the search reports nothing.
        bar.enable_steady_tick(Duration::from_millis(200));
        state.bar = Some(bar);
    }
}

impl Progress for CliProgress {
    fn start(&self, what: ProgressWhat, total: Option<u64>) {
        if !self.inner.enabled {
            return;
        }
        let generation = {
            let mut state = self.inner.lock();
            if let Some(bar) = state.bar.take() {
                bar.finish_and_clear();
            }
            state.generation += 1;
            state.running = true;
            state.what = Some(what);
            state.total = total;
            state.position = 0;
            state.started = Some(Instant::now());
            state.generation
        };
        self.inner.wake.notify_all();
        // The timer: after the delay, if this search still runs, show its bar.
        let inner = Arc::clone(&self.inner);
        thread::spawn(move || {
            let state = inner.lock();
            let (mut state, _) = inner
                .wake
                .wait_timeout_while(state, inner.delay, |s| {
                    s.generation == generation && s.running
                })
                .unwrap_or_else(PoisonError::into_inner);
            if state.generation == generation && state.running && state.bar.is_none() {
                inner.reveal(&mut state);
            }
        });
    }

    fn inc(&self, n: u64) {
        if !self.inner.enabled {
            return;
        }
        let mut state = self.inner.lock();
        state.position = state.position.saturating_add(n);
        if let Some(bar) = &state.bar {
            bar.set_position(state.position);
        }
    }

    fn finish(&self) {
        if !self.inner.enabled {
            return;
        }
        {
            let mut state = self.inner.lock();
            state.running = false;
            if let Some(bar) = state.bar.take() {
                bar.finish_and_clear();
            }
        }
        self.inner.wake.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(p: &CliProgress) -> bool {
        p.inner.lock().bar.is_some()
    }

    #[test]
    fn nothing_is_shown_for_a_search_shorter_than_the_delay() {
        let p = CliProgress::with(
            Lang::En,
            Duration::from_millis(300),
            true,
            ProgressDrawTarget::hidden,
        );
        p.start(ProgressWhat::Cna, None);
        p.inc(5_000);
        p.finish();
        thread::sleep(Duration::from_millis(500));
        assert!(!shown(&p));
    }

    #[test]
    fn a_search_longer_than_the_delay_shows_its_bar_with_label_and_position() {
        let p = CliProgress::with(
            Lang::En,
            Duration::from_millis(50),
            true,
            ProgressDrawTarget::hidden,
        );
        p.start(ProgressWhat::Retention, Some(10_000));
        p.inc(2_048);
        thread::sleep(Duration::from_millis(400));
        {
            let state = p.inner.lock();
            let bar = state.bar.as_ref().expect("bar shown after the delay");
            assert_eq!(bar.position(), 2_048);
            assert_eq!(bar.length(), Some(10_000));
            assert_eq!(bar.message(), Lang::En.t("progress-retention"));
        }
        p.inc(1_024);
        assert_eq!(p.inner.lock().bar.as_ref().unwrap().position(), 3_072);
        p.finish();
        assert!(!shown(&p));
    }

    #[test]
    fn disabled_progress_never_shows() {
        let p = CliProgress::with(Lang::Nl, Duration::ZERO, false, ProgressDrawTarget::hidden);
        p.start(ProgressWhat::Necessity, Some(10));
        thread::sleep(Duration::from_millis(100));
        assert!(!shown(&p));
        p.finish();
    }

    #[test]
    fn every_search_has_a_label_in_both_languages() {
        for what in ProgressWhat::ALL {
            let key = format!("progress-{}", what.id());
            for lang in [Lang::Nl, Lang::En] {
                assert!(
                    kantel_i18n::has_key(lang, &key),
                    "{key} missing in {lang:?}"
                );
            }
        }
    }
}
