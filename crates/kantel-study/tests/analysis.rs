//! The analysis of a study, checked against direct engine and statistics calls on the same
//! data, hand-made cases for logical equivalence, error cases, and recovery of the structure
//! a simulation planted.

use std::sync::OnceLock;

use kantel_qca::calibrate::{CalibrationOptions, calibrate};
use kantel_qca::minimize::{MinimizeOptions, minimize};
use kantel_qca::necessity::{SearchOptions, necessity_table, super_subset};
use kantel_qca::truth_table::{HalfMembership, Outcome, TruthTable, TruthTableSpec};
use kantel_stats::{Correction, adjust_p_values, mann_whitney};
use kantel_study::StudyError;
use kantel_study::analysis::{StudyAnalysis, analyse, logically_equivalent};
use kantel_study::measure::{Measurement, measure};
use kantel_study::simulate::{PLANTED, SimConfig, SimulatedStudy, simulate};

/// One 120-municipality simulation and its analysis, shared by several tests (the
/// analysis takes a few seconds in an unoptimised build).
fn large() -> &'static (SimulatedStudy, Measurement, StudyAnalysis) {
    static CELL: OnceLock<(SimulatedStudy, Measurement, StudyAnalysis)> = OnceLock::new();
    CELL.get_or_init(|| {
        let sim = simulate(&SimConfig::large(1)).unwrap();
        let m = measure(&sim.study, &sim.answers).unwrap();
        let a = analyse(&sim.study, &m, &sim.register, &sim.ratings, 42).unwrap();
        (sim, m, a)
    })
}

fn run(sim: &SimulatedStudy, seed: u64) -> Result<StudyAnalysis, StudyError> {
    let m = measure(&sim.study, &sim.answers)?;
    analyse(&sim.study, &m, &sim.register, &sim.ratings, seed)
}

#[test]
fn recovers_the_planted_structure_with_120_municipalities() {
    let (_, _, a) = large();
    let r = a.recovery.as_ref().unwrap();
    assert!(r.recovered, "seed 1: found {}", r.found);
    assert_eq!(r.planted, PLANTED);
    assert_eq!(r.solution, "parsimonious");
    assert_eq!(r.terms_found, ["BESTLEID*LOSLATEN", "EXPERIMENT*MANDAAT"]);
    assert!(r.terms_missing.is_empty());
    assert!(a.simulated);
    // Two further seeds.
    for seed in [2, 3] {
        let sim = simulate(&SimConfig::large(seed)).unwrap();
        let a = run(&sim, seed).unwrap();
        let r = a.recovery.unwrap();
        assert!(r.recovered, "seed {seed}: found {}", r.found);
    }
}

/// How often the planted structure is recovered over 50 seeds (reported in
/// docs/simulation.md). `cargo test -p kantel-study --test analysis -- --nocapture` prints
/// the rates.
#[test]
fn recovery_rate_over_50_seeds() {
    let mut large_ok = 0;
    let mut small_ok = 0;
    for seed in 0..50 {
        let sim = simulate(&SimConfig::large(seed)).unwrap();
        let r = run(&sim, seed).unwrap().recovery.unwrap();
        if r.recovered {
            large_ok += 1;
        } else {
            println!("120, seed {seed}: found {}", r.found);
        }
        let sim = simulate(&SimConfig::pre_study(seed)).unwrap();
        match run(&sim, seed) {
            Ok(a) => small_ok += usize::from(a.recovery.unwrap().recovered),
            Err(e) => println!("16, seed {seed}: {e}"),
        }
    }
    println!("recovered: 120 municipalities {large_ok}/50, 16 municipalities {small_ok}/50");
    assert!(large_ok >= 45, "{large_ok}/50");
}

#[test]
fn sixteen_municipalities_run_end_to_end() {
    for seed in [1, 2, 3] {
        let sim = simulate(&SimConfig::pre_study(seed)).unwrap();
        let a = run(&sim, seed).unwrap();
        assert_eq!(a.raw.n_cases() + a.dropped.len(), 16);
        assert_eq!(a.sets.n_cases(), a.raw.n_cases());
        let r = a.recovery.unwrap();
        // Sixteen cases in 64 configurations: most are remainders, so the parsimonious
        // solution rests on many simplifying assumptions and often differs from the truth.
        let observed = a.truth_table.rows().len();
        assert!(observed <= 16);
        assert_eq!(r.terms_found.len() + r.terms_missing.len(), 2);
        println!(
            "16 municipalities, seed {seed}: {} configurations observed, found {} (recovered: {})",
            observed, r.found, r.recovered
        );
    }
}

#[test]
fn same_inputs_and_seed_give_the_same_analysis() {
    let sim = simulate(&SimConfig::pre_study(4)).unwrap();
    let a = run(&sim, 9).unwrap();
    let b = run(&sim, 9).unwrap();
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
    assert_eq!(a.seed, 9);
}

#[test]
fn raw_values_and_calibration_match_their_sources() {
    let (sim, m, a) = large();
    assert!(a.dropped.is_empty());
    assert_eq!(a.raw.n_cases(), 120);
    let cases = a.raw.cases();
    for set in ["BESTLEID", "MANDAAT", "VISIE"] {
        let raw = a.raw.column(set).unwrap();
        for (k, code) in cases.iter().enumerate() {
            let mean = m
                .municipalities
                .iter()
                .find(|s| &s.municipality == code)
                .and_then(|s| s.scale(set))
                .and_then(|s| s.mean)
                .unwrap();
            assert_eq!(raw[k], mean, "{set} {code}");
        }
    }
    // The register outcome: the latest year (2024), since the register has no 2025.
    let raw = a.raw.column("EERSTELIJN").unwrap();
    for (k, code) in cases.iter().enumerate() {
        let v = sim
            .register
            .iter()
            .find(|v| &v.code == code && v.year == Some(2024))
            .unwrap();
        assert_eq!(Some(raw[k]), v.value);
    }
    assert!(a.warnings.iter().any(|w| w.contains("used 2024")));
    // Calibration: the engine on the raw column with the study's anchors.
    for cal in &a.calibrations {
        let spec = sim.study.calibration[&cal.set].to_engine().unwrap();
        let direct = calibrate(
            a.raw.column(&cal.set).unwrap(),
            &spec,
            &CalibrationOptions::default(),
        )
        .unwrap();
        assert_eq!(a.sets.column(&cal.set).unwrap(), direct.values.as_slice());
        assert_eq!(cal.method, spec.to_string());
        assert_eq!(cal.anchors.len(), 3);
    }
    let source = |set: &str| {
        a.calibrations
            .iter()
            .find(|c| c.set == set)
            .unwrap()
            .source
            .clone()
    };
    assert_eq!(source("LOSLATEN"), "survey");
    assert_eq!(source("EERSTELIJN"), "register");
    // A hand check of the logistic calibration at one case: e=2.5, c=3.4537, i=4.2,
    // membership = 1 / (1 + exp(-(x - c) * ln(19) / (i - c))) above the crossover.
    let x = a.raw.column("BESTLEID").unwrap()[0];
    let scale = if x >= 3.4537 {
        4.2 - 3.4537
    } else {
        3.4537 - 2.5
    };
    let hand = 1.0 / (1.0 + (-(x - 3.4537) * 19f64.ln() / scale).exp());
    assert!((a.sets.column("BESTLEID").unwrap()[0] - hand).abs() < 1e-12);
}

#[test]
fn qca_results_equal_direct_engine_calls() {
    let (sim, _, a) = large();
    let plan = &sim.study.analysis;
    let spec = TruthTableSpec {
        incl_cut: plan.incl_cut,
        pri_cut: plan.pri_cut,
        n_cut: plan.n_cut as usize,
        half_membership: HalfMembership::Error,
        ..TruthTableSpec::new(
            Outcome::parse("EERSTELIJN").unwrap(),
            plan.conditions.clone(),
        )
    };
    let tt = TruthTable::build(&a.sets, &spec).unwrap();
    assert_eq!(tt, a.truth_table);
    let min = minimize(
        &tt,
        &MinimizeOptions {
            include_remainders: true,
            dir_exp: Some(plan.dir_exp.join(", ")),
            ..MinimizeOptions::default()
        },
    )
    .unwrap();
    assert_eq!(min, a.minimization);
    assert_eq!(
        a.recovery.as_ref().unwrap().found,
        min.parsimonious.as_ref().unwrap().models[0].expression
    );
    assert_eq!(
        necessity_table(&a.sets, "EERSTELIJN", false, &plan.conditions).unwrap(),
        a.necessity
    );
    let search = super_subset(
        &a.sets,
        "EERSTELIJN",
        false,
        &plan.conditions,
        &SearchOptions {
            incl_cut: 0.9,
            cov_cut: 0.6,
            ..SearchOptions::default()
        },
    )
    .unwrap();
    assert_eq!(search, a.necessity_search);
    // Every necessity row's inclusion, by hand: sum(min(x, y)) / sum(y).
    let y = a.sets.column("EERSTELIJN").unwrap();
    let x = a.sets.column("MANDAAT").unwrap();
    let incl = x.iter().zip(y).map(|(x, y)| x.min(*y)).sum::<f64>() / y.iter().sum::<f64>();
    let row = a
        .necessity
        .iter()
        .find(|r| r.expression == "MANDAAT")
        .unwrap();
    assert!((row.fit.incl - incl).abs() < 1e-12);
}

#[test]
fn comparison_and_correlations_equal_direct_statistics() {
    let (_, _, a) = large();
    let y = a.sets.column("EERSTELIJN").unwrap();
    let cases = a.raw.cases();
    let leading: Vec<usize> = (0..cases.len()).filter(|&i| y[i] > 0.5).collect();
    let lagging: Vec<usize> = (0..cases.len()).filter(|&i| y[i] < 0.5).collect();
    assert_eq!(
        a.comparison.leading,
        leading
            .iter()
            .map(|&i| cases[i].clone())
            .collect::<Vec<_>>()
    );
    assert_eq!(
        a.comparison.lagging,
        lagging
            .iter()
            .map(|&i| cases[i].clone())
            .collect::<Vec<_>>()
    );
    assert_eq!(a.comparison.conditions.len(), 6);
    let x = a.raw.column("LOSLATEN").unwrap();
    let lead: Vec<f64> = leading.iter().map(|&i| x[i]).collect();
    let lag: Vec<f64> = lagging.iter().map(|&i| x[i]).collect();
    let c = a
        .comparison
        .conditions
        .iter()
        .find(|c| c.set == "LOSLATEN")
        .unwrap();
    assert_eq!(c.test, mann_whitney(&lead, &lag).unwrap());
    assert!(c.test.exact);
    assert_eq!(c.median_leading, kantel_stats::median(&lead).unwrap());
    assert_eq!(
        c.cliffs_delta,
        kantel_stats::cliffs_delta(&lead, &lag).unwrap()
    );
    // Holm by hand on the six p-values: sorted ascending, (m - j + 1) * p, running maximum.
    let p: Vec<f64> = a
        .comparison
        .conditions
        .iter()
        .map(|c| c.test.p_value)
        .collect();
    let mut order: Vec<usize> = (0..p.len()).collect();
    order.sort_by(|&i, &j| p[i].total_cmp(&p[j]));
    let mut running: f64 = 0.0;
    for (j, &i) in order.iter().enumerate() {
        running = running.max(((6 - j) as f64 * p[i]).min(1.0));
        assert_eq!(a.comparison.conditions[i].p_adjusted, running);
    }
    assert_eq!(a.correction, Correction::Holm);
    // Causal conditions separate leaders from laggards far more than noise conditions.
    let delta = |set: &str| {
        a.comparison
            .conditions
            .iter()
            .find(|c| c.set == set)
            .unwrap()
            .cliffs_delta
    };
    let causal = ["BESTLEID", "LOSLATEN", "EXPERIMENT", "MANDAAT"].map(delta);
    let noise = ["INTEGRAAL", "VISIE"].map(delta);
    let weakest_causal = causal.iter().copied().fold(f64::INFINITY, f64::min);
    let strongest_noise = noise.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    assert!(weakest_causal > strongest_noise, "{causal:?} vs {noise:?}");

    let yr = a.raw.column("EERSTELIJN").unwrap();
    for (k, corr) in a.correlations.iter().enumerate() {
        let xr = a.raw.column(&corr.set).unwrap();
        let direct = kantel_stats::spearman_permutation(xr, yr, 2_000, 42 + k as u64).unwrap();
        assert_eq!(corr.spearman, direct, "{}", corr.set);
        let direct = kantel_stats::kendall_tau_b_permutation(xr, yr, 2_000, 42 + k as u64).unwrap();
        assert_eq!(corr.kendall, direct, "{}", corr.set);
    }
    let ps: Vec<f64> = a.correlations.iter().map(|c| c.spearman.p_value).collect();
    let adj = adjust_p_values(&ps, Correction::Holm);
    for (c, p) in a.correlations.iter().zip(adj) {
        assert_eq!(c.spearman_p_adjusted, p);
    }
}

#[test]
fn a_rating_outcome_is_used_as_membership() {
    let mut sim = simulate(&SimConfig::large(5)).unwrap();
    sim.study.analysis.outcome = "TRANSFORMATIE".into();
    let a = run(&sim, 1).unwrap();
    let raw = a.raw.column("TRANSFORMATIE").unwrap();
    assert_eq!(raw, a.sets.column("TRANSFORMATIE").unwrap());
    for (k, code) in a.raw.cases().iter().enumerate() {
        let r = sim.ratings.iter().find(|(c, _, _)| c == code).unwrap();
        assert_eq!(r.2, raw[k]);
    }
    let cal = a
        .calibrations
        .iter()
        .find(|c| c.set == "TRANSFORMATIE")
        .unwrap();
    assert_eq!(cal.source, "rating");
    assert!(cal.anchors.is_empty());
}

#[test]
fn municipalities_with_missing_values_are_dropped_and_listed() {
    let mut config = SimConfig::pre_study(6);
    config.register_missing = 0.25;
    let sim = simulate(&config).unwrap();
    let missing: Vec<String> = sim
        .register
        .iter()
        .filter(|v| v.year == Some(2024) && v.value.is_none())
        .map(|v| v.code.clone())
        .collect();
    assert!(!missing.is_empty());
    let a = run(&sim, 1).unwrap();
    let dropped: Vec<String> = a.dropped.iter().map(|(c, _)| c.clone()).collect();
    assert_eq!(dropped, missing);
    assert!(a.dropped[0].1.contains("EERSTELIJN"), "{}", a.dropped[0].1);
    assert_eq!(a.raw.n_cases(), 16 - missing.len());
    assert!(a.raw.cases().iter().all(|c| !missing.contains(c)));
}

#[test]
fn a_set_without_any_data_is_an_error() {
    let sim = simulate(&SimConfig::pre_study(2)).unwrap();
    let m = measure(&sim.study, &sim.answers).unwrap();
    // No register data at all for the outcome.
    match analyse(&sim.study, &m, &[], &sim.ratings, 1) {
        Err(StudyError::Measurement { set, message }) => {
            assert_eq!(set, "EERSTELIJN");
            assert!(message.contains("no municipality has a value"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    // A condition nobody answered.
    let mut answers = sim.answers.clone();
    for r in &mut answers {
        r.answers.retain(|item, _| !item.starts_with("C6_"));
    }
    let m = measure(&sim.study, &answers).unwrap();
    match analyse(&sim.study, &m, &sim.register, &sim.ratings, 1) {
        Err(StudyError::Measurement { set, .. }) => assert_eq!(set, "MANDAAT"),
        other => panic!("{other:?}"),
    }
    // A condition the measurement does not know at all.
    let mut study = sim.study.clone();
    study.analysis.outcome = "TRANSFORMATIE".into();
    let m = measure(&sim.study, &sim.answers).unwrap();
    let empty = Measurement {
        scales: Vec::new(),
        municipalities: m.municipalities.clone(),
    };
    match analyse(&study, &empty, &sim.register, &sim.ratings, 1) {
        Err(StudyError::Measurement { set, message }) => {
            assert_eq!(set, "BESTLEID");
            assert!(message.contains("survey scale"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn all_municipalities_dropped_is_an_error() {
    let sim = simulate(&SimConfig::pre_study(3)).unwrap();
    let codes: Vec<String> = sim
        .study
        .municipalities
        .iter()
        .map(|m| m.code.to_string())
        .collect();
    let (first, second) = codes.split_at(8);
    // The first half has no register value, the second half no MANDAAT answers.
    let register: Vec<_> = sim
        .register
        .iter()
        .filter(|v| !first.contains(&v.code))
        .cloned()
        .collect();
    let mut answers = sim.answers.clone();
    for r in &mut answers {
        if second.contains(&r.municipality) {
            r.answers.retain(|item, _| !item.starts_with("C6_"));
        }
    }
    let m = measure(&sim.study, &answers).unwrap();
    match analyse(&sim.study, &m, &register, &sim.ratings, 1) {
        Err(StudyError::Measurement { message, .. }) => {
            assert!(message.contains("none is left"), "{message}");
            assert!(message.contains(&codes[0]) && message.contains(&codes[15]));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_raw_value_on_the_crossover_is_the_engines_error() {
    let mut sim = simulate(&SimConfig::pre_study(4)).unwrap();
    let m = measure(&sim.study, &sim.answers).unwrap();
    let x = m.municipalities[3].scale("LOSLATEN").unwrap().mean.unwrap();
    let cal = sim.study.calibration.get_mut("LOSLATEN").unwrap();
    cal.crossover = Some(x);
    cal.exclusion = Some(x - 1.0);
    cal.inclusion = Some(x + 1.0);
    match analyse(&sim.study, &m, &sim.register, &sim.ratings, 1) {
        Err(StudyError::Invalid { location, message }) => {
            assert_eq!(location, "[analysis]");
            assert!(message.contains("0.5"), "{message}");
            assert!(
                message.contains(&m.municipalities[3].municipality),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_wrong_planted_structure_is_not_recovered() {
    let mut sim = simulate(&SimConfig::pre_study(5)).unwrap();
    sim.study.study.planted_structure = Some("BESTLEID*MANDAAT + VISIE".into());
    let a = run(&sim, 1).unwrap();
    let r = a.recovery.unwrap();
    assert!(!r.recovered);
    assert_eq!(
        r.terms_found.len() + r.terms_missing.len(),
        2,
        "{:?} {:?}",
        r.terms_found,
        r.terms_missing
    );
    // Not simulated: no recovery, and a warning says why.
    sim.study.study.simulated = false;
    let a = run(&sim, 1).unwrap();
    assert!(a.recovery.is_none());
    assert!(a.warnings.iter().any(|w| w.contains("planted_structure")));
}

#[test]
fn logical_equivalence_by_enumeration() {
    assert!(logically_equivalent("A*B + A*~B", "A").unwrap());
    assert!(logically_equivalent("A*B + C", "C + B*A").unwrap());
    assert!(logically_equivalent("A*B + ~A*C + B*C", "A*B + ~A*C").unwrap()); // consensus
    assert!(!logically_equivalent("A*B", "A").unwrap());
    assert!(!logically_equivalent("A*B + C*D", "A*B + C").unwrap());
    assert!(logically_equivalent(PLANTED, "EXPERIMENT*MANDAAT + LOSLATEN*BESTLEID").unwrap());
    assert!(matches!(
        logically_equivalent("A*", "A"),
        Err(StudyError::Invalid { .. })
    ));
}
