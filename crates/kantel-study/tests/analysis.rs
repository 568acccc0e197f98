//! The analysis of a study, checked against direct engine and statistics calls on the same
//! data, hand-made cases for logical equivalence, error cases, and recovery of the structure
//! a simulation planted.

use std::sync::OnceLock;

use kantel_i18n::{Arg, Lang, MISSING, Msg};
use kantel_qca::calibrate::{CalibrationOptions, calibrate};
use kantel_qca::minimize::{MinimizeOptions, minimize};
use kantel_qca::necessity::{SearchOptions, necessity_table, super_subset};
use kantel_qca::truth_table::{HalfMembership, Outcome, TruthTable, TruthTableSpec};
use kantel_stats::{Correction, adjust_p_values, mann_whitney};
use kantel_study::StudyError;
use kantel_study::analysis::{
    Recovery, Solutions, StepName, StepStatus, StudyAnalysis, analyse, logically_equivalent,
};
use kantel_study::measure::{Measurement, measure};
use kantel_study::simulate::{PLANTED, SimConfig, SimulatedStudy, simulate};
use kantel_study::study::HalfMembershipRule;

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

/// The recovery check of an analysis that made one.
fn rec(a: &StudyAnalysis) -> &Recovery {
    a.recovery().expect("recovery")
}

/// A message in both languages, checked for untranslated keys and parts.
fn both(m: &Msg) -> (String, String) {
    let nl = m.render(Lang::Nl);
    let en = m.render(Lang::En);
    assert!(
        !nl.contains(MISSING) && !en.contains(MISSING),
        "{nl} / {en}"
    );
    (nl, en)
}

/// Every message an analysis holds (warnings, reasons, explanations), rendered in both
/// languages without untranslated keys.
fn all_messages_translate(a: &StudyAnalysis) {
    for w in &a.warnings {
        both(w);
    }
    for m in &a.missing {
        both(&m.reason);
    }
    for s in a.steps() {
        both(&s.step.label());
        if let Some(r) = s.reason {
            both(r);
        }
    }
    if let Some(r) = a.recovery() {
        both(&r.verdict());
        for m in &r.explanation {
            both(m);
        }
    }
    for s in &a.sources {
        if let Some(n) = &s.year_note {
            both(n);
        }
    }
    both(&a.headline());
}

fn text_arg<'a>(m: &'a Msg, name: &str) -> &'a str {
    match m.get(name) {
        Some(Arg::Text(t)) => t,
        other => panic!("{}: argument {name} is {other:?}", m.key),
    }
}

#[test]
fn recovers_the_planted_structure_with_120_municipalities() {
    let (_, _, a) = large();
    let r = rec(a);
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
        let r = rec(&a);
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
        let a = run(&sim, seed).unwrap();
        let r = rec(&a);
        if r.recovered {
            large_ok += 1;
        } else {
            println!("120, seed {seed}: found {}", r.found);
        }
        let sim = simulate(&SimConfig::pre_study(seed)).unwrap();
        match run(&sim, seed) {
            Ok(a) => small_ok += usize::from(rec(&a).recovered),
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
        assert!(a.all_steps_ok(), "{:?}", a.steps());
        assert_eq!(a.raw().unwrap().n_cases() + a.dropped.len(), 16);
        assert_eq!(a.sets().unwrap().n_cases(), a.raw().unwrap().n_cases());
        assert_eq!(a.cases.study, 16);
        assert_eq!(a.cases.analysed, a.raw().unwrap().n_cases());
        let r = rec(&a);
        // Sixteen cases in 64 configurations: most are remainders, so the parsimonious
        // solution rests on many simplifying assumptions and often differs from the truth.
        let observed = a.truth_table().unwrap().rows().len();
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
    assert!(a.missing.is_empty());
    let raw_values = a.raw().unwrap();
    assert_eq!(raw_values.n_cases(), 120);
    let cases = raw_values.cases();
    for set in ["BESTLEID", "MANDAAT", "VISIE"] {
        let raw = raw_values.column(set).unwrap();
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
    let raw = raw_values.column("EERSTELIJN").unwrap();
    for (k, code) in cases.iter().enumerate() {
        let v = sim
            .register
            .iter()
            .find(|v| &v.code == code && v.year == Some(2024))
            .unwrap();
        assert_eq!(Some(raw[k]), v.value);
    }
    let w = a
        .warnings
        .iter()
        .find(|w| w.key == "analysis-warn-register-year")
        .unwrap();
    assert_eq!(text_arg(w, "year"), "2024");
    assert!(both(w).1.contains("used 2024"), "{w}");
    // The data source records the indicator and the year used, and why.
    let source = a.sources.iter().find(|s| s.set == "EERSTELIJN").unwrap();
    assert_eq!(source.year, Some(2024));
    assert_eq!(source.n_values, 120);
    assert!(source.indicator.is_some());
    let note = source.year_note.as_ref().unwrap();
    assert_eq!(note.key, "analysis-year-latest");
    assert!(both(note).1.contains("2025"));
    all_messages_translate(a);
    // Calibration: the engine on the raw column with the study's anchors.
    for cal in a.calibrations() {
        let spec = sim.study.calibration[&cal.set].to_engine().unwrap();
        let direct = calibrate(
            raw_values.column(&cal.set).unwrap(),
            &spec,
            &CalibrationOptions::default(),
        )
        .unwrap();
        assert_eq!(
            a.sets().unwrap().column(&cal.set).unwrap(),
            direct.values.as_slice()
        );
        assert_eq!(cal.method, spec.to_string());
        assert_eq!(cal.anchors.len(), 3);
    }
    let source = |set: &str| {
        a.calibrations()
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
    let x = raw_values.column("BESTLEID").unwrap()[0];
    let scale = if x >= 3.4537 {
        4.2 - 3.4537
    } else {
        3.4537 - 2.5
    };
    let hand = 1.0 / (1.0 + (-(x - 3.4537) * 19f64.ln() / scale).exp());
    assert!((a.sets().unwrap().column("BESTLEID").unwrap()[0] - hand).abs() < 1e-12);
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
    let sets = a.sets().unwrap();
    let tt = TruthTable::build(sets, &spec).unwrap();
    assert_eq!(&tt, a.truth_table().unwrap());
    let min = minimize(
        &tt,
        &MinimizeOptions {
            include_remainders: true,
            dir_exp: Some(plan.dir_exp.join(", ")),
            ..MinimizeOptions::default()
        },
    )
    .unwrap();
    assert_eq!(&min, a.minimization().unwrap());
    assert_eq!(
        rec(a).found,
        min.parsimonious.as_ref().unwrap().models[0].expression
    );
    let nec = a.necessity.ok().unwrap();
    assert_eq!(
        necessity_table(sets, "EERSTELIJN", false, &plan.conditions).unwrap(),
        nec.conditions
    );
    let search = super_subset(
        sets,
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
    assert_eq!(search, nec.search);
    // Every necessity row's inclusion, by hand: sum(min(x, y)) / sum(y).
    let y = sets.column("EERSTELIJN").unwrap();
    let x = sets.column("MANDAAT").unwrap();
    let incl = x.iter().zip(y).map(|(x, y)| x.min(*y)).sum::<f64>() / y.iter().sum::<f64>();
    let row = nec
        .conditions
        .iter()
        .find(|r| r.expression == "MANDAAT")
        .unwrap();
    assert!((row.fit.incl - incl).abs() < 1e-12);
}

#[test]
fn comparison_and_correlations_equal_direct_statistics() {
    let (_, _, a) = large();
    let y = a.sets().unwrap().column("EERSTELIJN").unwrap();
    let raw = a.raw().unwrap();
    let cases = raw.cases();
    let stats = a.statistics().unwrap();
    let leading: Vec<usize> = (0..cases.len()).filter(|&i| y[i] > 0.5).collect();
    let lagging: Vec<usize> = (0..cases.len()).filter(|&i| y[i] < 0.5).collect();
    assert_eq!(
        stats.comparison.leading,
        leading
            .iter()
            .map(|&i| cases[i].clone())
            .collect::<Vec<_>>()
    );
    assert_eq!(
        stats.comparison.lagging,
        lagging
            .iter()
            .map(|&i| cases[i].clone())
            .collect::<Vec<_>>()
    );
    assert_eq!(stats.comparison.conditions.len(), 6);
    let x = raw.column("LOSLATEN").unwrap();
    let lead: Vec<f64> = leading.iter().map(|&i| x[i]).collect();
    let lag: Vec<f64> = lagging.iter().map(|&i| x[i]).collect();
    let c = stats
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
    let p: Vec<f64> = stats
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
        assert_eq!(stats.comparison.conditions[i].p_adjusted, running);
    }
    assert_eq!(a.correction, Correction::Holm);
    // Causal conditions separate leaders from laggards far more than noise conditions.
    let delta = |set: &str| {
        stats
            .comparison
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

    let yr = raw.column("EERSTELIJN").unwrap();
    for (k, corr) in stats.correlations.iter().enumerate() {
        let xr = raw.column(&corr.set).unwrap();
        let direct = kantel_stats::spearman_permutation(xr, yr, 2_000, 42 + k as u64).unwrap();
        assert_eq!(corr.spearman, direct, "{}", corr.set);
        let direct = kantel_stats::kendall_tau_b_permutation(xr, yr, 2_000, 42 + k as u64).unwrap();
        assert_eq!(corr.kendall, direct, "{}", corr.set);
    }
    let ps: Vec<f64> = stats
        .correlations
        .iter()
        .map(|c| c.spearman.p_value)
        .collect();
    let adj = adjust_p_values(&ps, Correction::Holm);
    for (c, p) in stats.correlations.iter().zip(adj) {
        assert_eq!(c.spearman_p_adjusted, p);
    }
}

#[test]
fn a_rating_outcome_is_used_as_membership() {
    let mut sim = simulate(&SimConfig::large(5)).unwrap();
    sim.study.analysis.outcome = "TRANSFORMATIE".into();
    let a = run(&sim, 1).unwrap();
    let raw = a.raw().unwrap().column("TRANSFORMATIE").unwrap();
    assert_eq!(raw, a.sets().unwrap().column("TRANSFORMATIE").unwrap());
    for (k, code) in a.raw().unwrap().cases().iter().enumerate() {
        let r = sim.ratings.iter().find(|(c, _, _)| c == code).unwrap();
        assert_eq!(r.2, raw[k]);
    }
    let cal = a
        .calibrations()
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
    assert_eq!(a.dropped, missing);
    // One missing value per dropped municipality, on the register outcome, with the
    // indicator and the year in the reason.
    assert_eq!(a.missing.len(), missing.len());
    for (m, code) in a.missing.iter().zip(&missing) {
        assert_eq!(&m.municipality, code);
        assert_eq!(m.set, "EERSTELIJN");
        assert_eq!(m.reason.key, "analysis-missing-register");
        assert_eq!(text_arg(&m.reason, "year"), "2024");
        let (nl, en) = both(&m.reason);
        assert!(en.contains("no register value for indicator") && en.contains("in 2024"));
        assert!(nl.contains("geen registerwaarde") && nl.contains("2024"));
        assert_eq!(a.missing_for(code).count(), 1);
    }
    let raw = a.raw().unwrap();
    assert_eq!(raw.n_cases(), 16 - missing.len());
    assert!(raw.cases().iter().all(|c| !missing.contains(c)));
    assert_eq!(a.cases.study, 16);
    assert_eq!(a.cases.analysed, 16 - missing.len());
    let (nl, en) = both(&a.cases_msg());
    assert!(en.contains(&format!(
        "{} of 16 municipalities analysed",
        16 - missing.len()
    )));
    assert!(nl.contains(&format!("{} van 16 gemeenten", 16 - missing.len())));
    let (_, headline) = both(&a.headline());
    assert!(
        headline.contains(&format!("{} of 16", 16 - missing.len())),
        "{headline}"
    );
    all_messages_translate(&a);
}

#[test]
fn a_municipality_without_a_register_row_for_the_year_is_listed_with_the_reason() {
    let sim = simulate(&SimConfig::pre_study(7)).unwrap();
    let m = measure(&sim.study, &sim.answers).unwrap();
    let gone = sim.study.municipalities[5].code.to_string();
    // The register has 2023 and 2024; the municipality's 2024 row is absent altogether.
    let register: Vec<_> = sim
        .register
        .iter()
        .filter(|v| !(v.code == gone && v.year == Some(2024)))
        .cloned()
        .collect();
    let a = analyse(&sim.study, &m, &register, &sim.ratings, 1).unwrap();
    assert!(a.all_steps_ok(), "{:?}", a.steps());
    assert_eq!(a.dropped, std::slice::from_ref(&gone));
    let reasons: Vec<&kantel_study::analysis::MissingValue> = a.missing_for(&gone).collect();
    assert_eq!(reasons.len(), 1);
    assert_eq!(reasons[0].set, "EERSTELIJN");
    let (_, en) = both(&reasons[0].reason);
    assert!(
        en.starts_with("EERSTELIJN: no register value for indicator"),
        "{en}"
    );
    assert!(en.ends_with("in 2024"), "{en}");
    assert_eq!(a.cases.analysed, 15);
    // No value in any year: the reason says the register lacks the indicator's value.
    let none: Vec<_> = sim
        .register
        .iter()
        .filter(|v| v.code != gone)
        .cloned()
        .collect();
    let a = analyse(&sim.study, &m, &none, &sim.ratings, 1).unwrap();
    assert_eq!(a.dropped, std::slice::from_ref(&gone));
    // Ratings: an unrated municipality, when the outcome is the rating.
    let mut study = sim.study.clone();
    study.analysis.outcome = "TRANSFORMATIE".into();
    let ratings: Vec<_> = sim
        .ratings
        .iter()
        .filter(|(c, _, _)| *c != gone)
        .cloned()
        .collect();
    let a = analyse(&study, &m, &sim.register, &ratings, 1).unwrap();
    let reason = &a.missing_for(&gone).next().unwrap().reason;
    assert_eq!(reason.key, "analysis-missing-rating");
    assert_eq!(both(reason).0, "TRANSFORMATIE: geen beoordeling");
}

#[test]
fn scale_values_missing_for_no_answers_or_too_few_items_say_which() {
    let sim = simulate(&SimConfig::pre_study(8)).unwrap();
    let silent = sim.study.municipalities[0].code.to_string();
    let sparse = sim.study.municipalities[1].code.to_string();
    let mut answers = sim.answers.clone();
    answers.retain(|r| r.municipality != silent);
    for r in &mut answers {
        if r.municipality == sparse {
            // One MANDAAT item each: below min_items_answered = 0.6.
            let mut first = true;
            r.answers.retain(|item, _| {
                if !item.starts_with("C6_") {
                    return true;
                }
                std::mem::replace(&mut first, false)
            });
        }
    }
    let m = measure(&sim.study, &answers).unwrap();
    let a = analyse(&sim.study, &m, &sim.register, &sim.ratings, 1).unwrap();
    assert_eq!(a.dropped, [silent.clone(), sparse.clone()]);
    // The silent municipality lacks every scale, each listed with "no answers".
    let silent_sets: Vec<&str> = a.missing_for(&silent).map(|m| m.set.as_str()).collect();
    assert_eq!(silent_sets, sim.study.analysis.conditions);
    assert!(
        a.missing_for(&silent)
            .all(|m| m.reason.key == "analysis-missing-no-answers")
    );
    let sparse_reasons: Vec<_> = a.missing_for(&sparse).collect();
    assert_eq!(sparse_reasons.len(), 1);
    assert_eq!(sparse_reasons[0].set, "MANDAAT");
    assert_eq!(sparse_reasons[0].reason.key, "analysis-missing-few-items");
    let (_, en) = both(&sparse_reasons[0].reason);
    assert!(en.contains("min_items_answered = 0.6"), "{en}");
    // Missing values are listed per set, in analysis order.
    let order: Vec<usize> = a
        .missing
        .iter()
        .map(|m| {
            sim.study
                .analysis
                .conditions
                .iter()
                .position(|c| *c == m.set)
                .unwrap()
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
}

#[test]
fn a_set_without_any_data_fails_the_measurement_step_only() {
    let sim = simulate(&SimConfig::pre_study(2)).unwrap();
    let m = measure(&sim.study, &sim.answers).unwrap();
    // No register data at all for the outcome.
    let a = analyse(&sim.study, &m, &[], &sim.ratings, 1).unwrap();
    assert_eq!(a.measurement.status(), StepStatus::Failed);
    let reason = a.measurement.reason().unwrap();
    assert_eq!(reason.key, "analysis-fail-set-empty");
    assert!(
        both(reason)
            .1
            .contains("no municipality has a value for EERSTELIJN")
    );
    // Reliability does not need the analysed values; everything else does.
    assert!(a.reliability.is_ok());
    for step in [
        &a.calibration.status(),
        &a.necessity.status(),
        &a.truth_table.status(),
        &a.minimization.status(),
        &a.statistics.status(),
    ] {
        assert_eq!(*step, StepStatus::Skipped);
    }
    assert_eq!(a.missing.len(), 16);
    assert!(!a.all_steps_ok());
    assert_eq!(a.failures().len(), 1);
    assert_eq!(a.failures()[0].0, StepName::Measurement);
    assert_eq!(a.headline().key, "analysis-headline-failed");
    all_messages_translate(&a);
    // Steps serialise with their status, and come back.
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(json["measurement"]["status"], "failed");
    assert_eq!(
        json["measurement"]["reason"]["key"],
        "analysis-fail-set-empty"
    );
    assert_eq!(json["calibration"]["status"], "skipped");
    assert_eq!(json["reliability"]["status"], "ok");
    let back: StudyAnalysis = serde_json::from_value(json).unwrap();
    assert_eq!(back, a);

    // A condition nobody answered.
    let mut answers = sim.answers.clone();
    for r in &mut answers {
        r.answers.retain(|item, _| !item.starts_with("C6_"));
    }
    let m = measure(&sim.study, &answers).unwrap();
    let a = analyse(&sim.study, &m, &sim.register, &sim.ratings, 1).unwrap();
    let reason = a.measurement.reason().unwrap();
    assert_eq!(text_arg(reason, "set"), "MANDAAT");
    // A condition the measurement does not know at all: measurement and reliability fail.
    let mut study = sim.study.clone();
    study.analysis.outcome = "TRANSFORMATIE".into();
    let m = measure(&sim.study, &sim.answers).unwrap();
    let empty = Measurement {
        scales: Vec::new(),
        municipalities: m.municipalities.clone(),
    };
    let a = analyse(&study, &empty, &sim.register, &sim.ratings, 1).unwrap();
    let reason = a.measurement.reason().unwrap();
    assert_eq!(reason.key, "analysis-fail-scale-not-measured");
    assert_eq!(text_arg(reason, "set"), "BESTLEID");
    assert_eq!(a.reliability.status(), StepStatus::Failed);
    all_messages_translate(&a);
}

#[test]
fn all_municipalities_dropped_fails_the_measurement_and_lists_every_value() {
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
    let a = analyse(&sim.study, &m, &register, &sim.ratings, 1).unwrap();
    let reason = a.measurement.reason().unwrap();
    assert_eq!(reason.key, "analysis-fail-no-complete-case");
    assert!(both(reason).1.contains("none is left"));
    assert_eq!(a.dropped, codes);
    // Per set: MANDAAT for the second half, then the register outcome for the first half.
    let listed: Vec<(&str, &str)> = a
        .missing
        .iter()
        .map(|m| (m.set.as_str(), m.municipality.as_str()))
        .collect();
    let expected: Vec<(&str, &str)> = second
        .iter()
        .map(|c| ("MANDAAT", c.as_str()))
        .chain(first.iter().map(|c| ("EERSTELIJN", c.as_str())))
        .collect();
    assert_eq!(listed, expected);
    assert_eq!(a.cases.analysed, 0);
    all_messages_translate(&a);
}

/// A pre-study in which municipality 3 sits exactly on the LOSLATEN crossover.
fn on_the_crossover(rule: HalfMembershipRule) -> (SimulatedStudy, Measurement, String) {
    let mut sim = simulate(&SimConfig::pre_study(4)).unwrap();
    let m = measure(&sim.study, &sim.answers).unwrap();
    let x = m.municipalities[3].scale("LOSLATEN").unwrap().mean.unwrap();
    let cal = sim.study.calibration.get_mut("LOSLATEN").unwrap();
    cal.crossover = Some(x);
    cal.exclusion = Some(x - 1.0);
    cal.inclusion = Some(x + 1.0);
    sim.study.analysis.half_membership = rule;
    let code = m.municipalities[3].municipality.clone();
    (sim, m, code)
}

#[test]
fn a_municipality_on_the_crossover_under_each_half_membership_rule() {
    // "error": the truth table fails naming the municipality; the rest is reported.
    let (sim, m, code) = on_the_crossover(HalfMembershipRule::Error);
    let a = analyse(&sim.study, &m, &sim.register, &sim.ratings, 1).unwrap();
    assert_eq!(a.half_membership, HalfMembershipRule::Error);
    assert_eq!(
        a.sets().unwrap().column("LOSLATEN").unwrap()[3],
        0.5,
        "the case is on the crossover"
    );
    assert_eq!(a.truth_table.status(), StepStatus::Failed);
    let reason = a.truth_table.reason().unwrap();
    assert_eq!(reason.key, "analysis-fail-half-membership");
    assert!(text_arg(reason, "cases").contains(&format!("({code}): LOSLATEN")));
    let (nl, en) = both(reason);
    assert!(en.contains(&code) && en.contains("exactly 0.5"), "{en}");
    assert!(nl.contains(&code) && nl.contains("precies 0,5"), "{nl}");
    assert_eq!(a.minimization.status(), StepStatus::Skipped);
    assert!(a.calibration.is_ok() && a.necessity.is_ok() && a.statistics.is_ok());
    assert_eq!(a.recovery.as_ref().unwrap().status(), StepStatus::Skipped);
    assert!(!a.all_steps_ok());
    assert_eq!(a.failures(), vec![(StepName::TruthTable, reason)]);
    assert_eq!(a.headline().key, "analysis-headline-failed");
    assert_eq!(a.cases.truth_table, None);
    all_messages_translate(&a);

    // "exclude" (the default): the municipality is left out of the truth table only.
    let (sim, m, code) = on_the_crossover(HalfMembershipRule::Exclude);
    assert_eq!(
        HalfMembershipRule::default(),
        HalfMembershipRule::Exclude,
        "the default does not stop the analysis"
    );
    let a = analyse(&sim.study, &m, &sim.register, &sim.ratings, 1).unwrap();
    assert!(a.all_steps_ok(), "{:?}", a.steps());
    let tt = a.truth_table().unwrap();
    assert_eq!(tt.case_names().len(), 15);
    assert!(!tt.case_names().contains(&code));
    assert_eq!(a.sets().unwrap().n_cases(), 16, "calibration keeps it");
    assert_eq!(a.cases.truth_table, Some(15));
    let result = a.truth_table.ok().unwrap();
    assert_eq!(result.half_cases.len(), 1);
    assert_eq!(result.half_cases[0].municipality, code);
    assert_eq!(result.half_cases[0].conditions, ["LOSLATEN"]);
    let w = a
        .warnings
        .iter()
        .find(|w| w.key == "analysis-warn-half-excluded")
        .unwrap();
    assert!(both(w).1.contains(&code));
    let (_, en) = both(&a.headline());
    assert!(en.contains("16 of 16 municipalities analysed, 15 of them in the truth table"));
    all_messages_translate(&a);

    // "r": R's behaviour, the municipality is in the table's data but in no row.
    let (sim, m, code) = on_the_crossover(HalfMembershipRule::R);
    let a = analyse(&sim.study, &m, &sim.register, &sim.ratings, 1).unwrap();
    assert!(a.all_steps_ok(), "{:?}", a.steps());
    let tt = a.truth_table().unwrap();
    assert_eq!(tt.case_names().len(), 16);
    let k = tt.case_names().iter().position(|c| *c == code).unwrap();
    assert!(tt.rows().iter().all(|r| !r.cases.contains(&k)));
    assert!(a.warnings.iter().any(|w| w.key == "analysis-warn-half-r"));
    // The engine's own (code-only) warning about it is replaced, not repeated.
    assert!(
        !a.warnings
            .iter()
            .any(|w| w.key == kantel_study::analysis::ENGINE_HALF_WARNING)
    );
    assert!(
        tt.warning_msgs()
            .iter()
            .any(|w| w.key == kantel_study::analysis::ENGINE_HALF_WARNING)
    );
    all_messages_translate(&a);
}

#[test]
fn the_half_membership_key_is_read_from_the_study_file() {
    let base = kantel_study::study::template();
    let study = kantel_study::study::Study::from_toml_str(base).unwrap();
    assert_eq!(study.analysis.half_membership, HalfMembershipRule::Exclude);
    for (text, rule) in [
        ("error", HalfMembershipRule::Error),
        ("exclude", HalfMembershipRule::Exclude),
        ("r", HalfMembershipRule::R),
    ] {
        let toml = base.replace(
            "half_membership = \"exclude\"",
            &format!("half_membership = \"{text}\""),
        );
        let s = kantel_study::study::Study::from_toml_str(&toml).unwrap();
        assert_eq!(s.analysis.half_membership, rule);
        assert_eq!(rule.as_str(), text);
        let back = kantel_study::study::Study::from_toml_str(&s.to_toml_string().unwrap()).unwrap();
        assert_eq!(back, s);
    }
    let bad = base.replace(
        "half_membership = \"exclude\"",
        "half_membership = \"warn\"",
    );
    let err = kantel_study::study::Study::from_toml_str(&bad).unwrap_err();
    assert!(
        err.to_string().contains("half_membership") || err.to_string().contains("warn"),
        "{err}"
    );
    // Without the key: the default.
    let without = base.replace("half_membership = \"exclude\"\n", "");
    let s = kantel_study::study::Study::from_toml_str(&without).unwrap();
    assert_eq!(s.analysis.half_membership, HalfMembershipRule::Exclude);
}

#[test]
fn the_template_crossover_is_no_possible_mean_of_group_means() {
    // 3.4537 = 34537/10000 needs the factor 5^4 in the denominator of a score; with three
    // groups and short scales that takes a group of at least 125 scored respondents. Check
    // directly, for two groups of 1 to 12 respondents answering 3 to 6 items each, that no
    // mean of the two group means comes within a millionth of it, while 3.45 is hit.
    let study = kantel_study::study::Study::builtin().unwrap();
    let crossover = study.calibration["BESTLEID"].crossover.unwrap();
    assert_eq!(crossover, 3.4537);
    assert!(
        study.calibration["BESTLEID"]
            .justification
            .contains("3.45 ")
    );
    let mut group_means = std::collections::BTreeSet::new();
    for items in 3..=6u32 {
        for n in 1..=12u32 {
            // A group mean is a total of 1-5 answers over n respondents and `items` items.
            for total in (n * items)..=(5 * n * items) {
                group_means.insert((total, n * items));
            }
        }
    }
    let means: Vec<f64> = group_means
        .iter()
        .map(|&(t, d)| f64::from(t) / f64::from(d))
        .collect();
    let near = |target: f64, tolerance: f64| {
        means.iter().enumerate().any(|(i, a)| {
            means[i..]
                .iter()
                .any(|b| ((a + b) / 2.0 - target).abs() < tolerance)
        })
    };
    assert!(!near(crossover, 1e-6));
    assert!(near(3.45, 1e-12), "3.45 is a possible score");
}

#[test]
fn no_positive_row_is_an_empty_solution_not_a_failure() {
    // An outcome hardly any municipality is in: every share lies far below the anchors.
    let mut sim = simulate(&SimConfig::pre_study(1)).unwrap();
    let cal = sim.study.calibration.get_mut("EERSTELIJN").unwrap();
    cal.exclusion = Some(0.6);
    cal.crossover = Some(0.7);
    cal.inclusion = Some(0.8);
    let a = run(&sim, 1).unwrap();
    assert!(a.all_steps_ok(), "{:?}", a.steps());
    assert!(a.necessity.is_ok() && a.calibration.is_ok() && a.statistics.is_ok());
    let tt = a.truth_table().unwrap();
    assert!(
        tt.rows()
            .iter()
            .all(|r| r.out != kantel_qca::truth_table::Out::One)
    );
    let solutions = a.minimization.ok().unwrap();
    assert!(a.minimization().is_none());
    let Solutions::Empty { empty } = solutions else {
        panic!("expected an empty solution");
    };
    // The best configuration is the one with the highest consistency.
    let best = tt
        .rows()
        .iter()
        .filter(|r| r.n >= 1)
        .map(|r| r.incl)
        .fold(f64::NEG_INFINITY, f64::max);
    assert_eq!(empty.best_incl, Some(best));
    let row = empty.best_row.unwrap();
    let (nl, en) = both(&empty.reason);
    assert!(en.contains("no configuration passes"), "{en}");
    assert!(en.contains(&format!("row {row}")), "{en}");
    assert!(nl.contains(&format!("rij {row}")), "{nl}");
    assert_eq!(a.headline().key, "analysis-headline-empty");
    // Recovery is assessed, and explains that there is no solution to compare.
    let r = rec(&a);
    assert!(!r.recovered && r.found.is_empty());
    assert_eq!(r.explanation[0].key, "analysis-recovery-empty");
    all_messages_translate(&a);
}

#[test]
fn recovery_explains_what_was_found_and_the_limited_diversity() {
    let (_, _, large) = large();
    let r = rec(large);
    assert!(
        r.explanation
            .iter()
            .any(|m| m.key == "analysis-recovery-equivalent")
    );
    assert!(
        r.explanation
            .iter()
            .any(|m| m.key == "analysis-recovery-found")
    );
    assert!(
        !r.explanation
            .iter()
            .any(|m| m.key == "analysis-recovery-limited-diversity")
    );
    // A 16-municipality pre-study that misses part of the structure.
    let mut checked = 0;
    for seed in 0..20 {
        let sim = simulate(&SimConfig::pre_study(seed)).unwrap();
        let a = run(&sim, seed).unwrap();
        let r = rec(&a);
        let tt = a.truth_table().unwrap();
        assert_eq!(r.cases, tt.case_names().len());
        assert_eq!(r.configurations, 64);
        assert_eq!(
            r.observed_configurations,
            tt.rows().iter().filter(|row| row.n > 0).count() as u64
        );
        if r.recovered {
            continue;
        }
        checked += 1;
        let keys: Vec<&str> = r.explanation.iter().map(|m| m.key.as_ref()).collect();
        assert!(
            keys.contains(&"analysis-recovery-not-equivalent"),
            "{keys:?}"
        );
        assert!(keys.contains(&"analysis-recovery-diversity"));
        assert!(keys.contains(&"analysis-recovery-limited-diversity"));
        // One explanation per missing planted term, naming it.
        let missing: Vec<&Msg> = r
            .explanation
            .iter()
            .filter(|m| m.key == "analysis-recovery-missing")
            .collect();
        assert_eq!(missing.len(), r.terms_missing.len());
        for (m, term) in missing.iter().zip(&r.terms_missing) {
            assert_eq!(text_arg(m, "term"), term);
        }
        if !r.terms_found.is_empty() {
            assert!(keys.contains(&"analysis-recovery-found"));
        }
        let (nl, en) = both(&r.verdict());
        assert!(en.starts_with("No") || en.starts_with("Partly"), "{en}");
        assert!(
            nl.starts_with("Nee") || nl.starts_with("Gedeeltelijk"),
            "{nl}"
        );
        let diversity = r
            .explanation
            .iter()
            .find(|m| m.key == "analysis-recovery-diversity")
            .unwrap();
        let (_, en) = both(diversity);
        assert!(
            en.contains(&format!(
                "in {} of the 64 configurations",
                r.observed_configurations
            )),
            "{en}"
        );
        all_messages_translate(&a);
    }
    assert!(checked > 0, "no pre-study seed missed the structure");
}

#[test]
fn a_wrong_planted_structure_is_not_recovered() {
    let mut sim = simulate(&SimConfig::pre_study(5)).unwrap();
    sim.study.study.planted_structure = Some("BESTLEID*MANDAAT + VISIE".into());
    let a = run(&sim, 1).unwrap();
    let r = rec(&a);
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
    assert!(
        a.warnings
            .iter()
            .any(|w| w.key == "analysis-warn-planted-not-simulated")
    );
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
