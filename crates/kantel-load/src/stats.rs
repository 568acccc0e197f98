//! The figures of a run: saves per second, latency percentiles, errors.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde_json::json;

use crate::run::{Fate, Outcome};

/// Latency percentiles in milliseconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Latency {
    /// Median.
    pub p50: f64,
    /// 90th percentile.
    pub p90: f64,
    /// 99th percentile.
    pub p99: f64,
    /// Slowest.
    pub max: f64,
}

impl Latency {
    /// Nearest-rank percentiles of microsecond samples; `None` without samples.
    pub fn of(mut samples: Vec<u64>) -> Option<Latency> {
        if samples.is_empty() {
            return None;
        }
        samples.sort_unstable();
        let rank = |p: f64| {
            let i = (p / 100.0 * samples.len() as f64).ceil() as usize;
            samples[i.clamp(1, samples.len()) - 1] as f64 / 1000.0
        };
        Some(Latency {
            p50: rank(50.0),
            p90: rank(90.0),
            p99: rank(99.0),
            max: rank(100.0),
        })
    }

    fn text(&self) -> String {
        format!(
            "p50 {:.2}  p90 {:.2}  p99 {:.2}  max {:.2}",
            self.p50, self.p90, self.p99, self.max
        )
    }

    fn json(&self) -> serde_json::Value {
        json!({ "p50_ms": self.p50, "p90_ms": self.p90, "p99_ms": self.p99, "max_ms": self.max })
    }
}

/// The figures of a run.
pub struct Summary {
    /// Concurrent connections.
    pub concurrency: usize,
    /// Target rate, if paced.
    pub rate: Option<f64>,
    /// Seconds from start to the last answer.
    pub seconds: f64,
    /// Saves sent.
    pub sent: usize,
    /// Acknowledged saves.
    pub acked: usize,
    /// Refused saves (4xx).
    pub rejected: usize,
    /// Saves without an answer or with a 5xx.
    pub unknown: usize,
    /// Send-to-answer latency of acknowledged saves.
    pub latency: Option<Latency>,
    /// Scheduled-time-to-answer latency (paced runs).
    pub scheduled_latency: Option<Latency>,
    /// Errors by kind.
    pub errors: BTreeMap<String, u64>,
    /// The first error answer.
    pub first_error: Option<String>,
    /// Acknowledged saves in each second.
    pub per_second: Vec<u64>,
}

impl Summary {
    /// Sums up a run.
    pub fn of(outcome: &Outcome) -> Summary {
        let mut errors = BTreeMap::new();
        let mut per_second: Vec<u64> = Vec::new();
        let mut latencies = Vec::new();
        let mut scheduled = Vec::new();
        let (mut sent, mut acked, mut rejected, mut unknown) = (0, 0, 0, 0);
        for log in &outcome.logs {
            for (k, n) in &log.errors {
                *errors.entry(k.clone()).or_insert(0) += n;
            }
            if per_second.len() < log.per_second.len() {
                per_second.resize(log.per_second.len(), 0);
            }
            for (s, n) in log.per_second.iter().enumerate() {
                per_second[s] += n;
            }
            latencies.extend_from_slice(&log.latencies_us);
            scheduled.extend_from_slice(&log.scheduled_us);
            sent += log.saves.len();
            for save in &log.saves {
                match save.fate {
                    Fate::Acked => acked += 1,
                    Fate::Rejected => rejected += 1,
                    Fate::Unknown => unknown += 1,
                }
            }
        }
        Summary {
            concurrency: outcome.config.concurrency,
            rate: outcome.config.rate,
            seconds: outcome.elapsed.as_secs_f64(),
            sent,
            acked,
            rejected,
            unknown,
            latency: Latency::of(latencies),
            scheduled_latency: Latency::of(scheduled),
            errors,
            first_error: outcome.logs.iter().find_map(|l| l.first_error.clone()),
            per_second,
        }
    }

    /// Acknowledged saves per second over the whole run.
    pub fn saves_per_second(&self) -> f64 {
        if self.seconds > 0.0 {
            self.acked as f64 / self.seconds
        } else {
            0.0
        }
    }

    /// The report for people.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let pacing = match self.rate {
            Some(r) => format!(", paced at {r:.0} saves/s"),
            None => ", each saving again as soon as answered".to_owned(),
        };
        let _ = writeln!(
            out,
            "load: {} concurrent respondents{pacing}",
            self.concurrency
        );
        let _ = writeln!(
            out,
            "load: {} saves sent in {:.1} s: {} acknowledged, {} refused, {} without answer",
            self.sent, self.seconds, self.acked, self.rejected, self.unknown
        );
        let _ = writeln!(
            out,
            "load: {:.0} acknowledged saves per second",
            self.saves_per_second()
        );
        match &self.latency {
            Some(l) => {
                let _ = writeln!(out, "load: latency ms (send to answer)   {}", l.text());
            }
            None => {
                let _ = writeln!(out, "load: no latency: nothing was acknowledged");
            }
        }
        if let Some(l) = &self.scheduled_latency {
            let _ = writeln!(out, "load: latency ms (from schedule)    {}", l.text());
        }
        if self.errors.is_empty() {
            let _ = writeln!(out, "load: errors: none");
        } else {
            let list: Vec<String> = self
                .errors
                .iter()
                .map(|(k, n)| format!("{k}: {n}"))
                .collect();
            let _ = writeln!(out, "load: errors: {}", list.join(", "));
        }
        if let Some(e) = &self.first_error {
            let _ = writeln!(out, "load: first error answer: {e}");
        }
        out
    }

    /// The figures as JSON.
    pub fn json(&self) -> serde_json::Value {
        json!({
            "concurrency": self.concurrency,
            "rate": self.rate,
            "seconds": self.seconds,
            "sent": self.sent,
            "acked": self.acked,
            "rejected": self.rejected,
            "unknown": self.unknown,
            "saves_per_second": self.saves_per_second(),
            "latency": self.latency.map(|l| l.json()),
            "scheduled_latency": self.scheduled_latency.map(|l| l.json()),
            "errors": self.errors,
            "first_error": self.first_error,
            "acked_per_second": self.per_second,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Latency;

    #[test]
    fn percentiles_are_nearest_rank() {
        let l = Latency::of((1..=100).map(|ms| ms * 1000).collect()).unwrap();
        assert_eq!((l.p50, l.p90, l.p99, l.max), (50.0, 90.0, 99.0, 100.0));
        let one = Latency::of(vec![1500]).unwrap();
        assert_eq!((one.p50, one.max), (1.5, 1.5));
        assert!(Latency::of(vec![]).is_none());
    }
}
