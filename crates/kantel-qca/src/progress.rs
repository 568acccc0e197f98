//! Progress reports from long searches, without I/O.
//!
//! The engine does no I/O and knows nothing of terminals, yet some searches (minimization of
//! many conditions, coincidence analysis, dependent retention, robustness sweeps, necessity
//! disjunctions) can run for seconds. A search that may run long accepts a `&dyn Progress`
//! and reports to it; the shell decides what to draw (the CLI draws a bar on stderr after one
//! second, a web handler or test may count or ignore).
//!
//! # For a search (the caller of `Progress`)
//!
//! 1. Call [`Progress::start`] with what is running and, if known, the total units of work
//!    (for instance the budget, when the search stops at the budget at the latest).
//! 2. Report work with [`Progress::inc`], but cheaply: at most about once per 1,000 units of
//!    work (a unit being one candidate, one combination, one evaluation). [`Ticker`] does the
//!    batching: call [`Ticker::tick`] per unit, it forwards every [`Ticker::BATCH`] units.
//! 3. Call [`Progress::finish`] when the search ends, also when it stops at its budget or
//!    fails. A search may run several phases: each `start` begins a new one.
//!
//! ```
//! use kantel_qca::progress::{NoProgress, Progress, ProgressWhat, Ticker};
//!
//! fn search(progress: &dyn Progress) -> u64 {
//!     progress.start(ProgressWhat::Cna, Some(10_000));
//!     let mut ticker = Ticker::new(progress);
//!     let mut found = 0;
//!     for i in 0..10_000_u64 {
//!         ticker.tick();
//!         found += i % 7;
//!     }
//!     ticker.flush();
//!     progress.finish();
//!     found
//! }
//! assert_eq!(search(&NoProgress), (0..10_000_u64).map(|i| i % 7).sum());
//! ```
//!
//! # For a shell (the implementer)
//!
//! Implementations must be cheap and must not fail: the engine ignores whatever the shell
//! does with the reports. `Progress` is `Sync` so that a search may report from several
//! threads (and so that one value can be shared by reference).

use std::cell::Cell;

/// Which search is running, so that a shell can label the progress in the user's language.
///
/// Not `non_exhaustive` on purpose: a shell that matches on it must label every search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProgressWhat {
    /// Boolean minimization of a truth table as a whole.
    Minimize,
    /// Finding all prime implicants (part of minimization).
    PrimeImplicants,
    /// Finding minimal covers of the prime implicant chart (part of minimization).
    Cover,
    /// Necessity: single conditions and disjunctions (R's `superSubset`).
    Necessity,
    /// Coincidence analysis (R's `cna`): minimally sufficient conditions, asf and csf.
    Cna,
    /// Retention probability (dependent perturbations: row combinations × patterns).
    Retention,
    /// Robustness: threshold ranges, test sets, rob.fit.
    Robustness,
}

impl ProgressWhat {
    /// A stable identifier ("minimize", "prime-implicants", …); shells build message ids from
    /// it (the CLI uses `progress-<id>` in `cli.ftl`).
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            ProgressWhat::Minimize => "minimize",
            ProgressWhat::PrimeImplicants => "prime-implicants",
            ProgressWhat::Cover => "cover",
            ProgressWhat::Necessity => "necessity",
            ProgressWhat::Cna => "cna",
            ProgressWhat::Retention => "retention",
            ProgressWhat::Robustness => "robustness",
        }
    }

    /// Every variant, in a fixed order (for shells and tests that need a label for each).
    pub const ALL: [ProgressWhat; 7] = [
        ProgressWhat::Minimize,
        ProgressWhat::PrimeImplicants,
        ProgressWhat::Cover,
        ProgressWhat::Necessity,
        ProgressWhat::Cna,
        ProgressWhat::Retention,
        ProgressWhat::Robustness,
    ];
}

/// Receives progress reports from a search. See the [module documentation](self).
pub trait Progress: Sync {
    /// A search (or a phase of one) begins; `total` is the number of units of work when known
    /// (an upper bound such as the budget is fine), `None` when it is not.
    fn start(&self, what: ProgressWhat, total: Option<u64>);
    /// `n` more units of work are done. Callers batch: at most about once per 1,000 units.
    fn inc(&self, n: u64);
    /// The search (or phase) has ended, whether it completed, stopped at its budget or failed.
    fn finish(&self);
}

/// Ignores all reports: for callers that want no progress (the default of every search).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _what: ProgressWhat, _total: Option<u64>) {}
    fn inc(&self, _n: u64) {}
    fn finish(&self) {}
}

/// Batches unit increments so that a hot loop can call [`Ticker::tick`] per unit of work
/// while the [`Progress`] hears of it only every [`Ticker::BATCH`] units.
///
/// Call [`Ticker::flush`] before [`Progress::finish`] to report the remainder; a dropped
/// ticker also flushes, so an early return (`?`) does not lose the count.
pub struct Ticker<'a> {
    progress: &'a dyn Progress,
    pending: Cell<u64>,
}

impl<'a> Ticker<'a> {
    /// Units of work per call of [`Progress::inc`].
    pub const BATCH: u64 = 1024;

    /// A ticker reporting to `progress`.
    #[must_use]
    pub fn new(progress: &'a dyn Progress) -> Self {
        Ticker {
            progress,
            pending: Cell::new(0),
        }
    }

    /// One unit of work is done.
    #[inline]
    pub fn tick(&self) {
        self.add(1);
    }

    /// `n` units of work are done.
    #[inline]
    pub fn add(&self, n: u64) {
        let pending = self.pending.get().saturating_add(n);
        if pending >= Self::BATCH {
            self.progress.inc(pending);
            self.pending.set(0);
        } else {
            self.pending.set(pending);
        }
    }

    /// Reports the units not yet reported.
    pub fn flush(&self) {
        let pending = self.pending.replace(0);
        if pending > 0 {
            self.progress.inc(pending);
        }
    }
}

impl Drop for Ticker<'_> {
    fn drop(&mut self) {
        self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[derive(Default)]
    struct Log(Mutex<Vec<u64>>);

    impl Progress for Log {
        fn start(&self, _what: ProgressWhat, _total: Option<u64>) {}
        fn inc(&self, n: u64) {
            self.0.lock().unwrap().push(n);
        }
        fn finish(&self) {}
    }

    #[test]
    fn ticker_batches_increments_and_loses_none() {
        let log = Log::default();
        {
            let ticker = Ticker::new(&log);
            for _ in 0..2_500 {
                ticker.tick();
            }
            ticker.add(10);
            // Dropped here without flush: the remainder must still be reported.
        }
        let incs = log.0.lock().unwrap().clone();
        assert_eq!(incs.iter().sum::<u64>(), 2_510);
        assert_eq!(incs, vec![1024, 1024, 462]);
    }

    #[test]
    fn ids_are_distinct() {
        let mut ids: Vec<&str> = ProgressWhat::ALL.iter().map(|w| w.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), ProgressWhat::ALL.len());
    }
}
