//! Issue 8: every long search has a budget (stopping with a warning or error that names the
//! option raising it) and reports progress through `kantel_qca::progress`.
//!
//! `cna` on a wide table (10,000 crisp columns) ran without limit (8 GB after 60 s): the msc
//! search materialized every combination of three factors. These tests guard the budgets of
//! the msc, asf and csf searches, that a search stopped at a budget returns what it found
//! (a part of the full answer, never something else), and that each wired search reports
//! progress (start, increments within the total, finish).

mod support;

use std::collections::BTreeSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use kantel_i18n::{Lang, Msg};
use kantel_qca::SetData;
use kantel_qca::cna::{CnaOptions, CnaResult, cna, cna_with_progress};
use kantel_qca::minimize::MinimizeOptions;
use kantel_qca::necessity::{SearchOptions, super_subset_searched_with_progress};
use kantel_qca::progress::{Progress, ProgressWhat};
use kantel_qca::retention::{Assumption, Perturbation, RetentionSpec, retention_with_progress};
use kantel_qca::robustness::{incl_range_with_progress, ncut_range_with_progress};
use kantel_qca::truth_table::{Outcome, TruthTableSpec};
use support::load;

/// Counts what a search reports.
#[derive(Default)]
struct Count {
    starts: Mutex<Vec<(ProgressWhat, Option<u64>)>>,
    units: AtomicU64,
    incs: AtomicU64,
    finishes: AtomicU64,
}

impl Progress for Count {
    fn start(&self, what: ProgressWhat, total: Option<u64>) {
        self.starts.lock().unwrap().push((what, total));
    }
    fn inc(&self, n: u64) {
        self.units.fetch_add(n, Ordering::Relaxed);
        self.incs.fetch_add(1, Ordering::Relaxed);
    }
    fn finish(&self) {
        self.finishes.fetch_add(1, Ordering::Relaxed);
    }
}

impl Count {
    fn units(&self) -> u64 {
        self.units.load(Ordering::Relaxed)
    }
    fn incs(&self) -> u64 {
        self.incs.load(Ordering::Relaxed)
    }
    fn finishes(&self) -> u64 {
        self.finishes.load(Ordering::Relaxed)
    }
    fn starts(&self) -> Vec<(ProgressWhat, Option<u64>)> {
        self.starts.lock().unwrap().clone()
    }
}

/// Crisp data, `cols` columns X1.. of `rows` cases, from a fixed linear congruential
/// generator (the same table on every run).
fn random_crisp(rows: usize, cols: usize) -> SetData {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut columns = vec![Vec::with_capacity(rows); cols];
    for _ in 0..rows {
        for column in columns.iter_mut() {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            column.push((state >> 63) as f64);
        }
    }
    SetData::new(
        (1..=rows).map(|i| format!("c{i}")).collect(),
        (1..=cols).map(|i| format!("X{i}")).collect(),
        columns,
    )
    .unwrap()
}

fn keys(r: &CnaResult) -> Vec<String> {
    r.warning_msgs.iter().map(|m| m.key.to_string()).collect()
}

fn rendered(r: &CnaResult) -> Vec<String> {
    r.warning_msgs
        .iter()
        .flat_map(|m: &Msg| [m.render(Lang::En), m.render(Lang::Nl)])
        .collect()
}

fn asf_set(r: &CnaResult) -> BTreeSet<String> {
    r.asf.iter().map(|a| a.formula.to_cna()).collect()
}

#[test]
fn cna_on_a_wide_table_stops_within_its_msc_budget_naming_the_option() {
    // 10,000 factors: conjunctions of two need 50 million combinations × 50 configurations,
    // far beyond the default budget, so that level is not started.
    let data = random_crisp(50, 10_000);
    let options = CnaOptions {
        outcomes: Some(vec!["X1".to_string()]),
        ..CnaOptions::default()
    };
    let count = Count::default();
    let r = cna_with_progress(&data, &options, &count).unwrap();
    assert!(
        keys(&r).contains(&"qca-cna-msc-budget".to_string()),
        "{:?}",
        r.warnings
    );
    for text in rendered(&r) {
        assert!(text.contains("--max-msc-candidates"), "{text}");
    }
    // Within the budget: every unit of work is reported, and the total is the sum of the
    // three budgets.
    let total =
        options.max_msc_candidates + options.max_asf_candidates + options.max_csf_candidates;
    assert_eq!(count.starts(), vec![(ProgressWhat::Cna, Some(total))]);
    assert!(
        count.units() > 0 && count.units() <= total,
        "{}",
        count.units()
    );
    assert_eq!(count.finishes(), 1);
}

#[test]
fn cna_with_every_factor_as_outcome_names_the_outcomes_left_once() {
    // 2,000 outcomes: the budget runs out after a few; the rest are named in one warning,
    // not in 2,000.
    let data = random_crisp(40, 2_000);
    let options = CnaOptions {
        max_msc_candidates: 1_000_000,
        ..CnaOptions::default()
    };
    let r = cna(&data, &options).unwrap();
    let skipped: Vec<&Msg> = r
        .warning_msgs
        .iter()
        .filter(|m| m.key == "qca-cna-outcomes-skipped")
        .collect();
    assert_eq!(skipped.len(), 1, "{:?}", r.warnings);
    let text = skipped[0].render(Lang::En);
    assert!(
        text.contains("--max-msc-candidates") && text.contains("--outcome"),
        "{text}"
    );
    assert!(
        r.warning_msgs.len() < 10,
        "{} warnings",
        r.warning_msgs.len()
    );
}

#[test]
fn cna_msc_budget_mid_level_keeps_a_part_of_the_full_answer() {
    let data = load("d.educate");
    let full = cna(&data, &CnaOptions::default()).unwrap();
    assert!(full.warnings.is_empty());
    let full_msc: BTreeSet<String> = full.msc.iter().map(|m| m.to_cna()).collect();
    // Budgets from tiny to enough: every stopped run lists only msc of the full run, and
    // some budget stops inside a level (searched in part) with msc already found.
    let mut stopped_with_msc = false;
    for budget in (50..3_000).step_by(50) {
        let r = cna(
            &data,
            &CnaOptions {
                max_msc_candidates: budget,
                ..CnaOptions::default()
            },
        )
        .unwrap();
        let msc: BTreeSet<String> = r.msc.iter().map(|m| m.to_cna()).collect();
        assert!(msc.is_subset(&full_msc), "budget {budget}: {msc:?}");
        assert!(asf_set(&r).is_subset(&asf_set(&full)), "budget {budget}");
        let warned = r
            .warning_msgs
            .iter()
            .any(|m| m.render(Lang::En).contains("--max-msc-candidates"));
        if msc.len() < full_msc.len() {
            assert!(warned, "budget {budget}: msc missing without a warning");
        }
        stopped_with_msc |= warned && !msc.is_empty();
    }
    assert!(stopped_with_msc);
}

#[test]
fn cna_asf_budget_returns_the_asfs_found_so_far_with_a_warning() {
    // Never an error when an answer exists: a budget too small for the whole asf search
    // returns asfs of the full answer, with a warning naming --max-asf-candidates.
    let data = load("d.educate");
    let full = cna(&data, &CnaOptions::default()).unwrap();
    let full_asf = asf_set(&full);
    assert!(!full_asf.is_empty());
    let mut partial_answer = false;
    for budget in 1..400 {
        let r = cna(
            &data,
            &CnaOptions {
                max_asf_candidates: budget,
                ..CnaOptions::default()
            },
        )
        .unwrap();
        let asf = asf_set(&r);
        assert!(asf.is_subset(&full_asf), "budget {budget}: {asf:?}");
        // Stopped within an outcome's search (qca-cna-asf-budget), or before an outcome
        // (qca-cna-outcomes-skipped): either way the option is named.
        let warned = rendered(&r)
            .iter()
            .any(|t| t.contains("--max-asf-candidates"));
        if asf.len() < full_asf.len() {
            assert!(warned, "budget {budget}: asfs missing without a warning");
        }
        partial_answer |= warned && !asf.is_empty();
    }
    assert!(partial_answer, "no budget gave a partial answer");
}

#[test]
fn cna_csf_budget_stops_with_a_warning_naming_the_option() {
    let data = load("d.educate");
    let full = cna(&data, &CnaOptions::default()).unwrap();
    assert!(!full.csf.is_empty());
    let r = cna(
        &data,
        &CnaOptions {
            max_csf_candidates: 1,
            ..CnaOptions::default()
        },
    )
    .unwrap();
    assert!(
        keys(&r).contains(&"qca-cna-csf-budget".to_string()),
        "{:?}",
        r.warnings
    );
    assert!(
        rendered(&r)
            .iter()
            .any(|t| t.contains("--max-csf-candidates") && t.contains("--n-init"))
    );
    // The asfs are those of the full run: only the csf search was cut short.
    assert_eq!(asf_set(&r), asf_set(&full));
}

#[test]
fn cna_budget_of_zero_is_an_error_naming_the_option() {
    let data = load("d.educate");
    for (options, name) in [
        (
            CnaOptions {
                max_msc_candidates: 0,
                ..CnaOptions::default()
            },
            "--max-msc-candidates",
        ),
        (
            CnaOptions {
                max_asf_candidates: 0,
                ..CnaOptions::default()
            },
            "--max-asf-candidates",
        ),
        (
            CnaOptions {
                max_csf_candidates: 0,
                ..CnaOptions::default()
            },
            "--max-csf-candidates",
        ),
    ] {
        let e = cna(&data, &options).unwrap_err();
        assert!(e.msg().render(Lang::En).contains(name), "{e}");
    }
}

#[test]
fn cna_reports_progress() {
    let data = random_crisp(60, 12);
    let options = CnaOptions {
        outcomes: Some(vec!["X1".to_string()]),
        con: 0.8,
        cov: 0.8,
        ..CnaOptions::default()
    };
    let count = Count::default();
    let with = cna_with_progress(&data, &options, &count).unwrap();
    assert!(count.incs() > 0);
    assert_eq!(count.finishes(), 1);
    // Progress changes nothing in the result.
    assert_eq!(with, cna(&data, &options).unwrap());
}

#[test]
fn necessity_search_reports_progress_up_to_its_budget() {
    // 9 crisp conditions: 3^9 - 1 = 19,682 expressions at full depth.
    let data = random_crisp(40, 10);
    let conditions: Vec<String> = (2..=10).map(|i| format!("X{i}")).collect();
    let options = SearchOptions {
        incl_cut: 0.9,
        exhaustive: true,
        ..SearchOptions::default()
    };
    let count = Count::default();
    let search =
        super_subset_searched_with_progress(&data, "X1", false, &conditions, &options, &count)
            .unwrap();
    assert!(search.warning.is_none());
    assert_eq!(
        count.starts(),
        vec![(ProgressWhat::Necessity, Some(options.max_expressions))]
    );
    assert!(count.incs() >= 19, "{} incs", count.incs());
    assert!(count.units() >= 19_000 && count.units() <= options.max_expressions);
    assert_eq!(count.finishes(), 1);

    // At a small budget the search stops (with its warning) and still finishes its progress.
    let small = SearchOptions {
        max_expressions: 3_000,
        ..options
    };
    let count = Count::default();
    let search =
        super_subset_searched_with_progress(&data, "X1", false, &conditions, &small, &count)
            .unwrap();
    assert!(search.warning.is_some());
    assert!(count.units() <= 3_000 + 1_024, "{}", count.units());
    assert_eq!(count.finishes(), 1);
}

/// 200 cases of 4 crisp conditions, every configuration present, outcome A*B + C.
fn retention_data() -> SetData {
    let mut columns = vec![Vec::new(); 5];
    for i in 0..200usize {
        let bits: Vec<f64> = (0..4).map(|b| ((i >> b) & 1) as f64).collect();
        let y = if (bits[0] == 1.0 && bits[1] == 1.0) || bits[2] == 1.0 {
            1.0
        } else {
            0.0
        };
        for (c, v) in bits.iter().chain([y].iter()).enumerate() {
            columns[c].push(*v);
        }
    }
    SetData::new(
        (1..=200).map(|i| format!("c{i}")).collect(),
        ["A", "B", "C", "D", "Y"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        columns,
    )
    .unwrap()
}

#[test]
fn dependent_retention_reports_progress_and_finishes_also_at_its_budget() {
    let data = retention_data();
    let spec = |n_pert| RetentionSpec {
        outcome: Outcome::parse("Y").unwrap(),
        conditions: Vec::new(),
        incl_cut: 1.0,
        n_cut: 1,
        perturbation: Perturbation::Corruption,
        assumption: Assumption::Dependent { n_pert },
    };
    let count = Count::default();
    let p = retention_with_progress(&data, &spec(4), &count).unwrap();
    assert!((0.0..=1.0).contains(&p));
    let starts = count.starts();
    assert_eq!(starts.len(), 1);
    assert_eq!(starts[0].0, ProgressWhat::Retention);
    let total = starts[0].1.unwrap();
    assert!(count.incs() > 0 && count.units() <= total);
    assert_eq!(count.finishes(), 1);

    // n.pert = 20 runs out of the budget: an error, and the progress still finishes.
    let count = Count::default();
    assert!(retention_with_progress(&data, &spec(20), &count).is_err());
    assert!(count.incs() > 0);
    assert_eq!(count.finishes(), 1);
}

#[test]
fn robustness_ranges_report_one_unit_per_analysis() {
    let data = load("LIPF");
    let mut spec = TruthTableSpec::new(
        Outcome::parse("SURVIVED").unwrap(),
        ["DEVELOPED", "URBAN", "LITERATE", "INDUSTRIAL", "STABLE"]
            .iter()
            .map(|c| c.to_string())
            .collect(),
    );
    spec.incl_cut = 0.8;
    let options = MinimizeOptions {
        include_remainders: true,
        ..MinimizeOptions::default()
    };
    let count = Count::default();
    let r = incl_range_with_progress(&data, &spec, &options, 0.01, 20, &count).unwrap();
    // The initial analysis and one per step.
    assert_eq!(count.units(), r.steps as u64 + 1);
    assert_eq!(count.starts(), vec![(ProgressWhat::Robustness, Some(41))]);
    assert_eq!(count.finishes(), 1);

    let count = Count::default();
    let r = ncut_range_with_progress(&data, &spec, &options, 1, 5, &count).unwrap();
    assert_eq!(count.units(), r.steps as u64 + 1);
    assert!(count.units() <= 11);
    assert_eq!(count.finishes(), 1);
}
