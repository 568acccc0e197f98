//! The simulator: determinism, valid answers, the planted model, the study file and the
//! CSV round trips through the import functions.

use std::collections::BTreeMap;

use kantel_study::StudyError;
use kantel_study::import::{AnswerSpec, RegisterOptions, import_register, read_answers};
use kantel_study::measure::measure;
use kantel_study::register::MunicipalityRegister;
use kantel_study::simulate::{
    CAUSAL_CONDITIONS, NOISE_CONDITIONS, OUTCOME_INDICATOR, OUTCOME_RATING, PLANTED, SimConfig,
    simulate,
};
use kantel_study::study::Study;
use kantel_study::table::{ReadOptions, Table};

#[test]
fn same_seed_same_study_other_seed_other_study() {
    let a = simulate(&SimConfig::pre_study(7)).unwrap();
    let b = simulate(&SimConfig::pre_study(7)).unwrap();
    assert_eq!(a.study_toml, b.study_toml);
    assert_eq!(a.answers, b.answers);
    assert_eq!(a.register, b.register);
    assert_eq!(a.ratings, b.ratings);
    assert_eq!(a.latent, b.latent);
    let c = simulate(&SimConfig::pre_study(8)).unwrap();
    assert_ne!(a.latent, c.latent);
    assert_ne!(a.answers, c.answers);
}

#[test]
fn study_file_reads_back_and_says_it_is_simulated() {
    let sim = simulate(&SimConfig::pre_study(1)).unwrap();
    let reread = Study::from_toml_str(&sim.study_toml).unwrap();
    assert_eq!(reread, sim.study);
    let info = &sim.study.study;
    assert!(info.simulated);
    assert!(info.title_nl.starts_with("Gesimuleerde studie"));
    assert!(info.title_en.starts_with("Simulated study"));
    assert_eq!(info.planted_structure.as_deref(), Some(PLANTED));
    assert_eq!(sim.planted, PLANTED);
    let plan = &sim.study.analysis;
    assert_eq!(plan.outcome, OUTCOME_INDICATOR);
    let mut want: Vec<&str> = CAUSAL_CONDITIONS.to_vec();
    want.extend(NOISE_CONDITIONS);
    assert_eq!(plan.conditions, want);
    // Every analysed set has anchors whose crossover no Likert mean of this design hits.
    for c in &plan.conditions {
        let cal = &sim.study.calibration[c];
        assert_eq!(cal.crossover, Some(3.4537), "{c}");
    }
    assert!(sim.study.calibration.contains_key(OUTCOME_INDICATOR));
    assert!(sim.study.set(OUTCOME_RATING).is_some());
}

#[test]
fn municipalities_are_real_with_2019_inhabitants() {
    let sim = simulate(&SimConfig::large(3)).unwrap();
    assert_eq!(sim.study.municipalities.len(), 120);
    // The CBS 2019 population table, read here independently of the simulator.
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../testdata/register/kwb_2019_gemeenten.csv"
    ))
    .unwrap();
    let mut population = BTreeMap::new();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    for record in reader.records() {
        let record = record.unwrap();
        population.insert(record[1].to_string(), record[2].parse::<u64>().unwrap());
    }
    assert_eq!(population.len(), 355);
    let register = MunicipalityRegister::builtin();
    let mut codes = Vec::new();
    for m in &sim.study.municipalities {
        let known = register.get(m.code.as_str()).unwrap();
        assert_eq!(known.name, m.name);
        assert!(known.exists_in(2025), "{} no longer exists", m.code);
        assert_eq!(population[m.code.as_str()], m.inhabitants, "{}", m.code);
        codes.push(m.code.to_string());
    }
    let mut sorted = codes.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted, codes, "codes are unique and sorted");
    // Another seed draws another sample.
    let other = simulate(&SimConfig::large(4)).unwrap();
    assert_ne!(other.study.municipalities, sim.study.municipalities);
}

#[test]
fn answers_are_likert_or_dont_know_and_follow_the_groups() {
    let config = SimConfig::large(5);
    let sim = simulate(&config).unwrap();
    let study = &sim.study;
    let mut per_group: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut dont_know = 0usize;
    let mut total = 0usize;
    for r in &sim.answers {
        assert!(study.municipality(&r.municipality).is_some());
        let plan = config.groups.iter().find(|g| g.group == r.group).unwrap();
        *per_group
            .entry((r.municipality.clone(), r.group.clone()))
            .or_default() += 1;
        // Exactly the items of the respondent's group, each 1-5 or "weet niet".
        let expected: Vec<&str> = study
            .conditions
            .iter()
            .flat_map(|c| c.items_for_group(&plan.group).map(|i| i.id.as_str()))
            .collect();
        let mut got: Vec<&str> = r.answers.keys().map(String::as_str).collect();
        let mut want = expected.clone();
        got.sort();
        want.sort();
        assert_eq!(got, want, "respondent {}", r.respondent);
        for v in r.answers.values() {
            total += 1;
            match v {
                Some(x) => assert!((1..=5).contains(x)),
                None => dont_know += 1,
            }
        }
    }
    // Invited 2/3/6 (+-1), minus non-response: never more than invited + 1.
    for ((_, group), n) in &per_group {
        let plan = config.groups.iter().find(|g| &g.group == group).unwrap();
        assert!(*n <= plan.invited + config.invited_spread, "{group}: {n}");
    }
    let rate = dont_know as f64 / total as f64;
    assert!((0.03..0.07).contains(&rate), "weet-niet rate {rate}");
    // Some non-response: fewer respondents than invited on average.
    let invited: usize = config.groups.iter().map(|g| g.invited).sum();
    let mean = sim.answers.len() as f64 / 120.0;
    assert!(
        mean < invited as f64 && mean > 0.8 * invited as f64,
        "{mean}"
    );
    // The measurement accepts them.
    measure(study, &sim.answers).unwrap();
}

#[test]
fn answers_follow_the_latent_levels_and_reverse_items_are_mirrored() {
    let sim = simulate(&SimConfig::large(6)).unwrap();
    let m = measure(&sim.study, &sim.answers).unwrap();
    for cond in CAUSAL_CONDITIONS.iter().chain(NOISE_CONDITIONS.iter()) {
        let latent: Vec<f64> = sim.latent.iter().map(|l| l.conditions[*cond]).collect();
        let means: Vec<f64> = m
            .municipalities
            .iter()
            .map(|s| s.scale(cond).unwrap().mean.unwrap())
            .collect();
        let rho = kantel_stats::pearson(&latent, &means).unwrap();
        assert!(rho > 0.9, "{cond}: r = {rho}");
    }
    // C4_2 (LOSLATEN) is a reversed statement: its raw answers fall as the level rises.
    let mut raw = Vec::new();
    let mut level = Vec::new();
    for r in &sim.answers {
        if let Some(Some(x)) = r.answers.get("C4_2") {
            raw.push(f64::from(*x));
            let l = sim
                .latent
                .iter()
                .find(|l| l.code == r.municipality)
                .unwrap();
            level.push(l.conditions["LOSLATEN"]);
        }
    }
    assert!(kantel_stats::pearson(&level, &raw).unwrap() < -0.5);
}

#[test]
fn outcome_follows_the_planted_structure() {
    let sim = simulate(&SimConfig::large(9)).unwrap();
    let mut shares = Vec::new();
    let mut degrees = Vec::new();
    for l in &sim.latent {
        let c = |k: &str| l.conditions[k];
        let planted = (c("BESTLEID").min(c("LOSLATEN"))).max(c("EXPERIMENT").min(c("MANDAAT")));
        assert_eq!(l.planted_transformation, planted);
        assert!((0.0..=1.0).contains(&l.transformation));
        assert!((l.transformation - planted).abs() < 0.2);
        let last = sim
            .register
            .iter()
            .find(|v| v.code == l.code && v.year == Some(2024))
            .unwrap();
        shares.push(last.value.unwrap());
        degrees.push(l.transformation);
        let rating = sim
            .ratings
            .iter()
            .find(|(code, _, _)| *code == l.code)
            .unwrap();
        assert_eq!(rating.1, OUTCOME_RATING);
        assert!([0.0, 0.33, 0.67, 1.0].contains(&rating.2));
    }
    // Share = 0.06 + 0.30 T plus sampling noise.
    let r = kantel_stats::pearson(&degrees, &shares).unwrap();
    assert!(r > 0.95, "r = {r}");
    let fitted: f64 = degrees
        .iter()
        .zip(&shares)
        .map(|(t, s)| s - (0.06 + 0.30 * t))
        .sum::<f64>()
        / degrees.len() as f64;
    assert!(fitted.abs() < 0.01, "mean residual {fitted}");
    // The earlier year shows less of the shift.
    let mean = |year: i32| {
        let v: Vec<f64> = sim
            .register
            .iter()
            .filter(|v| v.year == Some(year))
            .filter_map(|v| v.value)
            .collect();
        v.iter().sum::<f64>() / v.len() as f64
    };
    assert!(mean(2023) < mean(2024));
}

#[test]
fn answers_csv_round_trips_through_read_answers() {
    let sim = simulate(&SimConfig::pre_study(11)).unwrap();
    let csv = sim.answers_csv();
    let table =
        Table::from_csv_bytes(csv.as_bytes(), "answers.csv", &ReadOptions::default()).unwrap();
    let items: Vec<String> = sim
        .study
        .sets()
        .flat_map(|s| s.set.items.iter().map(|i| i.id.clone()))
        .collect();
    let spec = AnswerSpec::from_study(&sim.study);
    let rows = read_answers(&table, &spec, &MunicipalityRegister::builtin())
        .unwrap()
        .rows;
    assert_eq!(rows.len(), sim.answers.len());
    assert!(csv.contains("weet niet"));
    for (row, r) in rows.iter().zip(&sim.answers) {
        assert_eq!(row.respondent, r.respondent);
        assert_eq!(row.municipality, r.municipality);
        assert_eq!(row.group, r.group);
        // Only the items the respondent's group is asked are read.
        let asked = sim
            .study
            .sets()
            .flat_map(|s| s.set.items.iter())
            .filter(|i| i.groups.contains(&row.group))
            .count();
        assert!(row.answers.len() <= items.len());
        assert_eq!(row.answers.len(), asked);
        for (item, value) in &row.answers {
            assert_eq!(*value, r.answers.get(item).copied().flatten(), "{item}");
        }
    }
}

#[test]
fn register_csv_round_trips_through_import_register() {
    let mut config = SimConfig::pre_study(12);
    config.register_missing = 0.3;
    let sim = simulate(&config).unwrap();
    assert!(sim.register.iter().any(|v| v.value.is_none()));
    let csv = sim.register_csv();
    // A Dutch CBS-style export: ';' and decimal commas, '.' for missing.
    assert!(csv.starts_with("Gemeente;Code;EERSTELIJN|2023;EERSTELIJN|2024"));
    let table =
        Table::from_csv_bytes(csv.as_bytes(), "register.csv", &ReadOptions::default()).unwrap();
    let import = import_register(
        &table,
        &MunicipalityRegister::builtin(),
        &RegisterOptions::default(),
    )
    .unwrap();
    assert!(import.unmatched.is_empty(), "{:?}", import.unmatched);
    let mut got = import.values.clone();
    let mut want = sim.register.clone();
    let key = |v: &kantel_study::import::RegisterValue| (v.code.clone(), v.year);
    got.sort_by_key(key);
    want.sort_by_key(key);
    assert_eq!(got, want);
}

#[test]
fn bad_settings_are_errors() {
    let check = |config: SimConfig, field: &str| match simulate(&config) {
        Err(StudyError::Invalid { location, .. }) => {
            assert!(location.contains(field), "{location} should name {field}")
        }
        other => panic!("expected an error about {field}, got {other:?}"),
    };
    let mut c = SimConfig::pre_study(1);
    c.municipalities = 0;
    check(c, "municipalities");
    let mut c = SimConfig::pre_study(1);
    c.municipalities = 400;
    check(c, "municipalities");
    let mut c = SimConfig::pre_study(1);
    c.nonresponse = 1.0;
    check(c, "nonresponse");
    let mut c = SimConfig::pre_study(1);
    c.rater_noise = -0.1;
    check(c, "rater_noise");
    let mut c = SimConfig::pre_study(1);
    c.groups[0].group = "raad".into();
    check(c, "raad");
}
