//! Robustness sweeps (`kantel_qca::sweep`): parity with SetMethods 4.1 where a sweep along
//! one parameter is what SetMethods computes (`rob.inclrange`, `rob.ncutrange`,
//! `rob.calibrange`, `rob.fit` and `rob.corefit` with one test solution; fixtures
//! `LIPF_rob.*.json`), agreement with the library's own `robustness_fit` on a grid, hand
//! calculations of the case groups, and the same result with 1 and 2 threads.

mod support;

use support::{fixture, load};

use kantel_qca::SetData;
use kantel_qca::calibrate::Calibration;
use kantel_qca::minimize::{MinimizeOptions, minimize};
use kantel_qca::progress::NoProgress;
use kantel_qca::robustness::robustness_fit;
use kantel_qca::sweep::{
    Anchor, Parameter, SetCalibration, SettingOutcome, Sweep, SweepAxis, SweepSpec, sweep,
};
use kantel_qca::truth_table::{HalfMembership, Outcome, TruthTable, TruthTableSpec};

const LIPF_CONDITIONS: [&str; 5] = ["DEVELOPED", "URBAN", "LITERATE", "INDUSTRIAL", "STABLE"];

fn lipf_spec(incl_cut: f64, n_cut: usize) -> TruthTableSpec {
    let mut spec = TruthTableSpec::new(
        Outcome::parse("SURVIVED").unwrap(),
        LIPF_CONDITIONS.iter().map(|c| c.to_string()).collect(),
    );
    spec.incl_cut = incl_cut;
    spec.n_cut = n_cut;
    spec.half_membership = HalfMembership::Warn;
    spec
}

fn include_remainders() -> MinimizeOptions {
    MinimizeOptions {
        include_remainders: true,
        ..MinimizeOptions::default()
    }
}

fn spec_with(axes: Vec<SweepAxis>, calibrations: Vec<SetCalibration>) -> SweepSpec {
    SweepSpec {
        spec: lipf_spec(0.8, 1),
        options: include_remainders(),
        calibrations,
        axes,
        max_settings: 100_000,
        threads: None,
    }
}

fn grid(from: f64, to: f64, step: f64) -> Vec<f64> {
    let n = ((to - from) / step).round() as usize;
    (0..=n)
        .map(|k| ((from + k as f64 * step) * 1e9).round() / 1e9)
        .collect()
}

fn run(data: &SetData, spec: &SweepSpec) -> Sweep {
    sweep(data, spec, &NoProgress).unwrap()
}

#[test]
fn incl_cut_axis_gives_rob_inclrange() {
    // rob.inclrange(step = 0.01, max.runs = 20) from 0.8: lower 0.71, upper 0.80 (the
    // solution changes at 0.70 and at 0.81).
    let f = fixture("LIPF_rob.inclrange.json");
    let expected = f["result"]["RCT"].as_array().unwrap();
    let data = load("LIPF");
    let s = run(
        &data,
        &spec_with(
            vec![SweepAxis {
                parameter: Parameter::InclCut,
                values: grid(0.6, 1.0, 0.01),
            }],
            vec![],
        ),
    );
    let r = &s.axes[0].range;
    assert_eq!(r.lower, expected[0].as_f64());
    assert_eq!(r.upper, expected[1].as_f64());
    assert!(r.lower_closed && r.upper_closed);
    assert_eq!(s.axes[0].initial, 0.8);
    assert_eq!(s.counts.total, 41);
}

#[test]
fn n_cut_axis_gives_rob_ncutrange() {
    let f = fixture("LIPF_rob.ncutrange.json");
    let expected = f["result"]["NCUT"].as_array().unwrap();
    let data = load("LIPF");
    let s = run(
        &data,
        &spec_with(
            vec![SweepAxis {
                parameter: Parameter::NCut,
                values: (1..=10).map(f64::from).collect(),
            }],
            vec![],
        ),
    );
    let r = &s.axes[0].range;
    assert_eq!(r.lower, expected[0].as_f64());
    assert_eq!(r.upper, expected[1].as_f64());
    // The grid starts at the initial value: the range reaches its lower end (SetMethods
    // cannot go below n.cut 1 either), and ends inside the grid above.
    assert!(!r.lower_closed && r.upper_closed);
}

#[test]
fn anchor_axes_give_rob_calibrange() {
    // rob.calibrange(test.thresholds = c(400, 550, 900), step = 20, max.runs = 20): each
    // anchor moved on its own in steps of 20 from its initial value.
    let f = fixture("LIPF_rob.calibrange.json");
    let result = &f["runs"]["DEVELOPED_in_conditions"]["result"];
    let data = load("LIPF");
    let raw = load("LIPR").column("DEVELOPED").unwrap().to_vec();
    let calibration = SetCalibration {
        set: "DEVELOPED".into(),
        raw,
        calibration: Calibration::Fuzzy {
            exclusion: 400.0,
            crossover: 550.0,
            inclusion: 900.0,
            idm: 0.95,
        },
    };
    for (anchor, initial, column) in [
        (Anchor::Exclusion, 400.0, "E"),
        (Anchor::Crossover, 550.0, "C"),
        (Anchor::Inclusion, 900.0, "I"),
    ] {
        let s = run(
            &data,
            &spec_with(
                vec![SweepAxis {
                    parameter: Parameter::Anchor {
                        set: "DEVELOPED".into(),
                        anchor,
                    },
                    values: grid(initial - 400.0, initial + 400.0, 20.0),
                }],
                vec![calibration.clone()],
            ),
        );
        let expected = result[column].as_array().unwrap();
        let r = &s.axes[0].range;
        assert_eq!(
            (r.lower, r.upper),
            (expected[0].as_f64(), expected[1].as_f64()),
            "{column}: {r:?}"
        );
    }
}

#[test]
fn one_test_setting_gives_rob_fit_and_rob_corefit() {
    // rob.fit(test_sol = TS1, initial_sol = IS): TS1 is incl.cut 0.7, the only other
    // setting of an incl.cut axis {0.7, 0.8}.
    let fit = fixture("LIPF_rob.fit.json");
    let core = fixture("LIPF_rob.corefit.json");
    let data = load("LIPF");
    let s = run(
        &data,
        &spec_with(
            vec![SweepAxis {
                parameter: Parameter::InclCut,
                values: vec![0.7],
            }],
            vec![],
        ),
    );
    let c = s.comparison.as_ref().expect("comparison");
    assert_eq!(c.test_solutions, 1);
    let expected = fit["runs"]["TS1_only"]["result"]["data"][0]
        .as_array()
        .unwrap();
    let printed = c.fit.printed;
    let got = [
        printed.rf_cov,
        printed.rf_cons,
        printed.rf_sc_min_ts,
        printed.rf_sc_max_ts,
    ];
    for (g, e) in got.iter().zip(expected) {
        assert!(
            (g - e.as_f64().unwrap()).abs() < 1e-9,
            "{got:?} vs {expected:?}"
        );
    }
    let r = &core["runs"]["TS1_only"]["result"];
    assert_eq!(c.core_fit.printed.cons, r["Cons.Suf"].as_f64().unwrap());
    assert_eq!(c.core_fit.printed.cov, r["Cov.Suf"].as_f64().unwrap());
    assert_eq!(c.core_fit.printed.pri, r["PRI"].as_f64().unwrap());
}

#[test]
fn grid_comparison_equals_robustness_fit_over_every_test_setting() {
    // A 2-axis grid: the comparison must be the library's rob.fit with every model of every
    // other setting as a test solution.
    let data = load("LIPF");
    let incl = [0.7, 0.75, 0.8, 0.85];
    let ncut = [1.0, 2.0];
    let s = run(
        &data,
        &spec_with(
            vec![
                SweepAxis {
                    parameter: Parameter::InclCut,
                    values: incl.to_vec(),
                },
                SweepAxis {
                    parameter: Parameter::NCut,
                    values: ncut.to_vec(),
                },
            ],
            vec![],
        ),
    );
    assert_eq!(s.counts.total, 8);
    let initial = minimize(
        &TruthTable::build(&data, &lipf_spec(0.8, 1)).unwrap(),
        &include_remainders(),
    )
    .unwrap();
    let mut tests = Vec::new();
    for (k, setting) in s.settings.iter().enumerate() {
        if k == s.initial_setting {
            continue;
        }
        let tt = TruthTable::build(
            &data,
            &lipf_spec(setting.values[0], setting.values[1] as usize),
        )
        .unwrap();
        let m = minimize(&tt, &include_remainders()).unwrap();
        let models = m.parsimonious.as_ref().unwrap().models.clone();
        match &setting.outcome {
            SettingOutcome::Models { models: ids, .. } => assert_eq!(ids.len(), models.len()),
            other => panic!("setting {k}: {other:?}"),
        }
        // robustness_fit compares the first model of each minimization (as SetMethods
        // does): one minimization per model makes it compare all of them.
        for model in models {
            let mut one = m.clone();
            one.parsimonious.as_mut().unwrap().models = vec![model];
            tests.push(one);
        }
    }
    let expected = robustness_fit(&data, &initial, &tests).unwrap();
    let c = s.comparison.as_ref().unwrap();
    assert_eq!(c.test_solutions, tests.len());
    assert!(tests.len() > 7, "some setting has several models");
    for (a, b) in [
        (c.fit.exact.rf_cov, expected.exact.rf_cov),
        (c.fit.exact.rf_cons, expected.exact.rf_cons),
        (c.fit.exact.rf_sc_min_ts, expected.exact.rf_sc_min_ts),
        (c.fit.exact.rf_sc_max_ts, expected.exact.rf_sc_max_ts),
    ] {
        assert!((a - b).abs() < 1e-12, "{a} vs {b}");
    }
    // Each setting is in the output with its values, the last axis fastest.
    assert_eq!(s.settings[0].values, vec![0.7, 1.0]);
    assert_eq!(s.settings[1].values, vec![0.7, 2.0]);
    assert_eq!(s.settings[s.initial_setting].values, vec![0.8, 1.0]);
}

/// A crisp table made by hand: cases a..h, conditions A, B, outcome Y.
fn hand_data() -> SetData {
    // case: A B Y
    let rows = [
        ("a", 1.0, 1.0, 1.0),
        ("b", 1.0, 1.0, 1.0),
        ("c", 1.0, 0.0, 1.0),
        ("d", 1.0, 0.0, 0.0),
        ("e", 0.0, 1.0, 0.0),
        ("f", 0.0, 1.0, 1.0),
        ("g", 0.0, 0.0, 0.0),
        ("h", 0.0, 0.0, 0.0),
    ];
    SetData::new(
        rows.iter().map(|r| r.0.to_string()).collect(),
        vec!["A".into(), "B".into(), "Y".into()],
        vec![
            rows.iter().map(|r| r.1).collect(),
            rows.iter().map(|r| r.2).collect(),
            rows.iter().map(|r| r.3).collect(),
        ],
    )
    .unwrap()
}

#[test]
fn hand_computed_sweep_over_incl_cut() {
    // Row consistencies: A*B 2/2 = 1, A*~B 1/2 = 0.5, ~A*B 1/2 = 0.5, ~A*~B 0/2 = 0.
    // Conservative solution (no remainders):
    //   incl.cut 1.0 and 0.9: only A*B is positive           -> A*B
    //   incl.cut 0.5: A*B, A*~B, ~A*B positive              -> A + B
    // Initial 1.0; axis {0.5, 0.9, 1.0}: the solution stays A*B from 0.9 to 1.0 (changes
    // at 0.5, so the lower end is closed at 0.9; 1.0 is the grid's top).
    let data = hand_data();
    let mut tts = TruthTableSpec::new(Outcome::parse("Y").unwrap(), vec!["A".into(), "B".into()]);
    tts.incl_cut = 1.0;
    let spec = SweepSpec {
        spec: tts,
        options: MinimizeOptions::default(),
        calibrations: vec![],
        axes: vec![SweepAxis {
            parameter: Parameter::InclCut,
            values: vec![0.5, 0.9],
        }],
        max_settings: 10,
        threads: Some(1),
    };
    let s = run(&data, &spec);
    assert_eq!(s.axes[0].values, vec![0.5, 0.9, 1.0]);
    assert_eq!(s.initial_setting, 2);
    let r = &s.axes[0].range;
    assert_eq!((r.lower, r.upper), (Some(0.9), Some(1.0)));
    assert!(r.lower_closed && !r.upper_closed);
    let exprs: Vec<&str> = s.models.iter().map(|m| m.expression.as_str()).collect();
    assert_eq!(exprs, vec!["A + B", "A*B"]);
    assert_eq!((s.models[0].settings, s.models[1].settings), (1, 2));
    // Terms: A*B is the initial term; it is in 2 of 3 settings' every model; A and B in 1.
    let t = &s.terms[0];
    assert_eq!(
        (t.term.as_str(), t.initial, t.in_all_models, t.robust),
        ("A*B", true, 2, false)
    );
    // Test solutions: A*B (at 0.9) and A + B (at 0.5). IS = A*B.
    // minTS = min(A*B, A + B) = A*B; maxTS = A + B. Robust core = A*B.
    // Outcome Y: a b c f. IS*minTS > 0.5: a, b (both Y = 1): robust typical {a, b}.
    // Shaky (IS*~minTS): none. Possible (~IS*maxTS): c, d, e, f -> typical side c, f;
    // deviant side d, e.
    // RCR_typ = 2 / (0 + 2 + 2) = 0.5; RCR_dev = 0 / (0 + 2 + 0) = 0; RCC_Rank = 2.
    let c = s.comparison.as_ref().unwrap();
    assert_eq!(c.test_solutions, 2);
    let group = |k: &str| -> Vec<&str> {
        c.case_groups
            .iter()
            .find(|g| g.key == k)
            .unwrap()
            .cases
            .iter()
            .map(String::as_str)
            .collect()
    };
    assert_eq!(group("S1S2Y"), vec!["a", "b"]);
    assert!(group("S1S2y").is_empty() && group("S1s2Y").is_empty());
    // rob.cases uses minTS for "possible": ~IS*minTS = ~(A*B)*A*B is empty.
    assert!(group("s1S2Y").is_empty());
    // Extreme deviant coverage: ~IS*~minTS with Y = 1: c and f.
    assert_eq!(group("s1s2Y"), vec!["c", "f"]);
    assert_eq!(group("s1s2y"), vec!["d", "e", "g", "h"]);
    assert_eq!(c.case_ratios.rcr_typ, 0.5);
    assert_eq!(c.case_ratios.rcr_dev, 0.0);
    assert_eq!(c.case_ratios.rcc_rank, 2);
    // Core fit: core = A*B, inclS 2/2 = 1, covS 2/4 = 0.5; IS fit the same, so RF_cov =
    // RF_cons = 1. RF_SC_minTS = |IS ∩ minTS| / |IS ∪ minTS| = 2/2 = 1;
    // RF_SC_maxTS = 2 / |A + B| = 2/6.
    assert_eq!(c.core_fit.exact.cons, 1.0);
    assert_eq!(c.core_fit.exact.cov, 0.5);
    assert_eq!(c.fit.exact.rf_cov, 1.0);
    assert_eq!(c.fit.exact.rf_sc_min_ts, 1.0);
    assert!((c.fit.exact.rf_sc_max_ts - 2.0 / 6.0).abs() < 1e-15);
}

#[test]
fn settings_without_a_positive_row_are_counted_not_compared() {
    // incl.cut above every row's consistency: no positive row -> the empty solution.
    let data = hand_data();
    let mut tts = TruthTableSpec::new(Outcome::parse("Y").unwrap(), vec!["A".into(), "B".into()]);
    tts.incl_cut = 1.0;
    tts.n_cut = 1;
    let spec = SweepSpec {
        spec: tts,
        options: MinimizeOptions::default(),
        calibrations: vec![],
        axes: vec![SweepAxis {
            parameter: Parameter::NCut,
            values: vec![1.0, 3.0],
        }],
        max_settings: 10,
        threads: Some(2),
    };
    let s = run(&data, &spec);
    // n.cut 3: no row has 3 cases -> every row is a remainder -> empty.
    assert!(
        matches!(s.settings[1].outcome, SettingOutcome::Empty),
        "{:?}",
        s.settings[1]
    );
    assert_eq!(
        (s.counts.with_models, s.counts.empty, s.counts.failed),
        (1, 1, 0)
    );
    // Without a positive row there is no solution to compare: no test solution at all.
    assert!(s.comparison.is_none());
    assert_eq!(s.no_comparison.as_ref().unwrap().key, "qca-sweep-no-tests");
}

#[test]
fn budget_and_bad_axes_are_named() {
    let data = hand_data();
    let tts = TruthTableSpec::new(Outcome::parse("Y").unwrap(), vec!["A".into(), "B".into()]);
    let mut spec = SweepSpec {
        spec: tts,
        options: MinimizeOptions::default(),
        calibrations: vec![],
        axes: vec![
            SweepAxis {
                parameter: Parameter::InclCut,
                values: grid(0.5, 1.0, 0.01),
            },
            SweepAxis {
                parameter: Parameter::PriCut,
                values: grid(0.0, 1.0, 0.01),
            },
        ],
        max_settings: 1000,
        threads: None,
    };
    let e = sweep(&data, &spec, &NoProgress).unwrap_err().to_string();
    assert!(
        e.contains("5151 settings") && e.contains("--max-settings"),
        "{e}"
    );
    spec.axes = vec![SweepAxis {
        parameter: Parameter::Anchor {
            set: "A".into(),
            anchor: Anchor::Crossover,
        },
        values: vec![1.0],
    }];
    let e = sweep(&data, &spec, &NoProgress).unwrap_err().to_string();
    assert!(e.contains("A.c") && e.contains("not calibrated"), "{e}");
    spec.axes = vec![SweepAxis {
        parameter: Parameter::NCut,
        values: vec![1.5],
    }];
    let e = sweep(&data, &spec, &NoProgress).unwrap_err().to_string();
    assert!(e.contains("1.5"), "{e}");
}

#[test]
fn same_result_with_one_and_two_threads() {
    let data = load("LIPF");
    let raw = load("LIPR").column("DEVELOPED").unwrap().to_vec();
    let mut spec = spec_with(
        vec![
            SweepAxis {
                parameter: Parameter::Anchor {
                    set: "DEVELOPED".into(),
                    anchor: Anchor::Crossover,
                },
                values: grid(450.0, 750.0, 25.0),
            },
            SweepAxis {
                parameter: Parameter::InclCut,
                values: grid(0.7, 0.9, 0.02),
            },
            SweepAxis {
                parameter: Parameter::NCut,
                values: vec![1.0, 2.0],
            },
        ],
        vec![SetCalibration {
            set: "DEVELOPED".into(),
            raw,
            calibration: Calibration::Fuzzy {
                exclusion: 400.0,
                crossover: 550.0,
                inclusion: 900.0,
                idm: 0.95,
            },
        }],
    );
    spec.threads = Some(1);
    let one = serde_json::to_string(&run(&data, &spec)).unwrap();
    spec.threads = Some(2);
    let two = serde_json::to_string(&run(&data, &spec)).unwrap();
    assert_eq!(one, two);
    let s: serde_json::Value = serde_json::from_str(&one).unwrap();
    assert_eq!(s["counts"]["total"], 13 * 11 * 2);
}

#[test]
fn new_cutoffs_on_a_built_table_equal_a_table_built_with_them() {
    // The sweep builds one table per calibration and gives it each setting's cut-offs:
    // that must be the table `build` makes, to the last bit, for fuzzy, crisp and
    // multi-value data, with excluded rows and with contradictions.
    for (file, outcome) in [("LIPF", "SURVIVED"), ("LC", "SURV"), ("LM", "SURV")] {
        let data = load(file);
        let conditions: Vec<String> = data
            .names()
            .iter()
            .filter(|n| *n != outcome)
            .cloned()
            .collect();
        let mut base = TruthTableSpec::new(Outcome::parse(outcome).unwrap(), conditions);
        base.exclude = vec![1, 2];
        base.half_membership = HalfMembership::Warn;
        let mut all = base.clone();
        all.n_cut = 0;
        let table = TruthTable::build(&data, &all).unwrap();
        for incl in [0.5, 0.7, 0.75, 0.8, 0.9, 1.0] {
            for contradiction in [None, Some(0.6)] {
                for pri in [0.0, 0.5, 0.7] {
                    for n_cut in [0, 1, 2, 3, 40] {
                        let mut spec = base.clone();
                        spec.incl_cut = incl;
                        spec.incl_cut_contradiction = contradiction;
                        spec.pri_cut = pri;
                        spec.n_cut = n_cut;
                        let built = TruthTable::build(&data, &spec);
                        let recut = table.with_cutoffs(incl, contradiction, pri, n_cut);
                        match (built, recut) {
                            (Ok(a), Ok(b)) => assert_eq!(
                                serde_json::to_string(&a).unwrap(),
                                serde_json::to_string(&b).unwrap(),
                                "{file} {incl} {contradiction:?} {pri} {n_cut}"
                            ),
                            (Err(a), Err(b)) => assert_eq!(a, b),
                            (a, b) => panic!("{file} {incl} {n_cut}: {a:?} vs {b:?}"),
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn progress_is_reported_per_phase_and_adds_up() {
    use kantel_qca::progress::{Progress, ProgressWhat};
    use std::sync::Mutex;
    /// Every phase: what, its total, the units reported.
    #[derive(Default)]
    struct Count(Mutex<Vec<(ProgressWhat, Option<u64>, u64)>>);
    impl Progress for Count {
        fn start(&self, what: ProgressWhat, total: Option<u64>) {
            self.0.lock().unwrap().push((what, total, 0));
        }
        fn inc(&self, n: u64) {
            if let Some(last) = self.0.lock().unwrap().last_mut() {
                last.2 += n;
            }
        }
        fn finish(&self) {}
    }
    let data = load("LIPF");
    let mut spec = spec_with(
        vec![
            SweepAxis {
                parameter: Parameter::InclCut,
                values: grid(0.7, 0.9, 0.01),
            },
            SweepAxis {
                parameter: Parameter::NCut,
                values: vec![1.0, 2.0, 3.0],
            },
        ],
        vec![],
    );
    spec.threads = Some(2);
    let count = Count::default();
    let s = sweep(&data, &spec, &count).unwrap();
    let phases = count.0.into_inner().unwrap();
    let total = s.counts.total as u64;
    assert_eq!(phases.len(), 3, "{phases:?}");
    assert_eq!(phases[0], (ProgressWhat::Robustness, Some(total), total));
    assert_eq!(phases[1].0, ProgressWhat::Minimize);
    assert_eq!(Some(phases[1].2), phases[1].1);
    assert_eq!(phases[2], (ProgressWhat::Robustness, Some(total), total));
}

#[test]
fn failures_are_grouped_by_reason_and_incomplete_lists_counted() {
    // Moving the exclusion anchor of DEVELOPED (400) past its crossover (550) makes those
    // settings fail: anchors out of order. Every failed setting belongs to one reason, and
    // each reason's first setting is a failed one.
    let data = load("LIPF");
    let raw = load("LIPR").column("DEVELOPED").unwrap().to_vec();
    let mut spec = spec_with(
        vec![
            SweepAxis {
                parameter: Parameter::Anchor {
                    set: "DEVELOPED".into(),
                    anchor: Anchor::Exclusion,
                },
                values: grid(400.0, 700.0, 50.0),
            },
            SweepAxis {
                parameter: Parameter::InclCut,
                values: vec![0.5, 0.8],
            },
        ],
        vec![SetCalibration {
            set: "DEVELOPED".into(),
            raw,
            calibration: Calibration::Fuzzy {
                exclusion: 400.0,
                crossover: 550.0,
                inclusion: 900.0,
                idm: 0.95,
            },
        }],
    );
    spec.spec.half_membership = HalfMembership::Warn;
    spec.options.max_models = 1;
    let s = run(&data, &spec);
    let failures = s.failures();
    assert!(s.counts.failed > 0, "{:?}", s.counts);
    assert_eq!(
        failures.iter().map(|f| f.settings).sum::<usize>(),
        s.counts.failed
    );
    for f in &failures {
        assert!(matches!(
            s.settings[f.first].outcome,
            SettingOutcome::Failed { .. }
        ));
        // The first setting of a reason: values 550 and above (exclusion at or past the
        // crossover).
        assert!(s.settings[f.first].values[0] >= 550.0, "{f:?}");
    }
    // incl.cut 0.5 has five models on LIPF; with max_models 1 those lists are incomplete.
    let incomplete = s
        .settings
        .iter()
        .filter(|x| {
            matches!(
                x.outcome,
                SettingOutcome::Models {
                    complete: false,
                    ..
                }
            )
        })
        .count();
    assert!(incomplete > 0);
    assert_eq!(s.counts.incomplete, incomplete);
}
