//! Measurement: scale scores, two-step aggregation, flags, Cronbach's alpha and
//! calibration, checked against hand calculations written out below.

use std::collections::BTreeMap;

use kantel_study::StudyError;
use kantel_study::measure::{Flag, RespondentAnswers, calibrate_scales, calibrate_values, measure};
use kantel_study::study::Study;

const STUDY: &str = r#"[study]
name = "meting"
title_nl = "Meettest"
title_en = "Measurement test"
year = 2025
simulated = true

[[municipality]]
code = "GM0363"
name = "Amsterdam"
inhabitants = 862965

[[municipality]]
code = "GM0344"
name = "Utrecht"
inhabitants = 352866

[[municipality]]
code = "GM0599"
name = "Rotterdam"
inhabitants = 644618

[[respondent_group]]
id = "bestuur"
label_nl = "Bestuurder"
label_en = "Administrator"
min_respondents = 2

[[respondent_group]]
id = "wijkteam"
label_nl = "Wijkteammedewerker"
label_en = "Team worker"
min_respondents = 2

[[condition]]
id = "BESTLEID"
code = "C1"
label_nl = "Bestuurlijk leiderschap"
label_en = "Leadership"

[[condition.item]]
id = "C1_1"
text_nl = "a"
text_en = "a"
groups = ["bestuur", "wijkteam"]

[[condition.item]]
id = "C1_2"
text_nl = "b"
text_en = "b"
groups = ["bestuur", "wijkteam"]

[[condition.item]]
id = "C1_3"
text_nl = "c"
text_en = "c"
reverse = true
groups = ["bestuur", "wijkteam"]

[[condition]]
id = "MANDAAT"
code = "C6"
label_nl = "Mandaat"
label_en = "Mandate"

[[condition.item]]
id = "C6_1"
text_nl = "d"
text_en = "d"
groups = ["wijkteam"]

[[condition.item]]
id = "C6_2"
text_nl = "e"
text_en = "e"
groups = ["wijkteam"]

[[condition]]
id = "LEREN"
code = "C13"
label_nl = "Leren"
label_en = "Learning"

[[condition.item]]
id = "C13_1"
text_nl = "Wijkanalyse gemaakt?"
text_en = "Neighbourhood analysis done?"
groups = ["bestuur"]
response = "yes_no"

[[condition.item]]
id = "C13_2"
text_nl = "f"
text_en = "f"
groups = ["bestuur"]

[[outcome]]
id = "TRANSFORMATIE"
code = "O8"
label_nl = "Transformatie"
label_en = "Transformation"
measure = "rating"

[calibration.BESTLEID]
method = "fuzzy"
exclusion = 2.5
crossover = 3.45
inclusion = 4.2
justification = "Codebook section 5."

[calibration.MANDAAT]
method = "crisp"
thresholds = [3.0, 4.0]
justification = "Test of crisp calibration."

[analysis]
outcome = "TRANSFORMATIE"
conditions = ["BESTLEID"]
incl_cut = 0.8
min_items_answered = 2
"#;

fn resp(id: &str, muni: &str, group: &str, answers: &[(&str, Option<u8>)]) -> RespondentAnswers {
    RespondentAnswers {
        respondent: id.into(),
        municipality: muni.into(),
        group: group.into(),
        answers: answers
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect::<BTreeMap<_, _>>(),
    }
}

/// Amsterdam: r1, r2 (bestuur) and r3 (wijkteam). Utrecht: r4 (too few items), r5.
fn answers() -> Vec<RespondentAnswers> {
    vec![
        resp(
            "r1",
            "GM0363",
            "bestuur",
            &[
                ("C1_1", Some(4)),
                ("C1_2", Some(5)),
                ("C1_3", Some(2)),
                ("C13_1", Some(1)),
                ("C13_2", Some(3)),
            ],
        ),
        resp(
            "r2",
            "GM0363",
            "bestuur",
            &[
                ("C1_1", Some(3)),
                ("C1_2", None), // weet niet
                ("C1_3", Some(1)),
                ("C13_1", Some(0)),
                ("C13_2", Some(2)),
            ],
        ),
        resp(
            "r3",
            "GM0363",
            "wijkteam",
            &[
                ("C1_1", Some(2)),
                ("C1_2", Some(3)),
                ("C1_3", Some(4)),
                ("C6_1", Some(5)),
                ("C6_2", Some(4)),
            ],
        ),
        // One answered item of three: below min_items_answered = 2, so no score.
        resp(
            "r4",
            "GM0344",
            "bestuur",
            &[("C1_1", Some(3)), ("C1_2", None)],
        ),
        resp(
            "r5",
            "GM0344",
            "bestuur",
            &[("C1_1", Some(5)), ("C1_2", Some(4)), ("C1_3", Some(1))],
        ),
    ]
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn scale_scores_match_hand_calculation() {
    let study = Study::from_toml_str(STUDY).unwrap();
    let m = measure(&study, &answers()).unwrap();
    let ams = &m.municipalities[0];
    assert_eq!(ams.municipality, "GM0363");
    assert_eq!(ams.respondents["bestuur"], 2);
    assert_eq!(ams.respondents["wijkteam"], 1);

    // Respondent scores on BESTLEID (C1_3 reversed: 6 - x):
    //   r1: (4 + 5 + (6-2)) / 3 = 13/3
    //   r2: (3 + (6-1)) / 2 = 4        (C1_2 "weet niet": 2 of 3 answered, enough)
    //   r3: (2 + 3 + (6-4)) / 3 = 7/3
    let c1 = ams.scale("BESTLEID").unwrap();
    let bestuur = &c1.groups[0];
    let wijkteam = &c1.groups[1];
    assert_eq!(bestuur.group, "bestuur");
    assert_eq!(wijkteam.group, "wijkteam");
    // bestuur: mean (13/3 + 4)/2 = 25/6, sd |13/3 - 4| / sqrt(2) = (1/3)/sqrt(2)
    assert!(close(bestuur.mean.unwrap(), 25.0 / 6.0));
    assert!(close(bestuur.sd.unwrap(), (1.0 / 3.0) / 2f64.sqrt()));
    assert_eq!((bestuur.n, bestuur.n_missing), (2, 0));
    // wijkteam: a single respondent, no sd
    assert!(close(wijkteam.mean.unwrap(), 7.0 / 3.0));
    assert_eq!(wijkteam.sd, None);
    assert_eq!(wijkteam.n, 1);
    // municipality: mean of group means (25/6 + 14/6)/2 = 39/12 = 3.25, not the
    // respondent mean 32/9.
    assert!(close(c1.mean.unwrap(), 3.25));
    assert_eq!(c1.n, 3);
    // sd over respondents 13/3, 4, 7/3: mean 32/9, deviations 7/9, 4/9, -11/9,
    // sum of squares 186/81, variance 93/81 = 31/27.
    assert!(close(c1.sd.unwrap(), (31.0f64 / 27.0).sqrt()));
    // gap: 25/6 - 7/3 = 11/6
    assert!(close(c1.gap.unwrap(), 11.0 / 6.0));

    // MANDAAT only for wijkteam: r3 (5 + 4)/2 = 4.5, no gap with one group.
    let c6 = ams.scale("MANDAAT").unwrap();
    assert_eq!(c6.groups.len(), 1);
    assert!(close(c6.mean.unwrap(), 4.5));
    assert_eq!(c6.gap, None);

    // LEREN: yes/no item scored ja = 5, nee = 1.
    //   r1: (5 + 3)/2 = 4, r2: (1 + 2)/2 = 1.5 -> mean 2.75 (bestuur only)
    let c13 = ams.scale("LEREN").unwrap();
    assert!(close(c13.mean.unwrap(), 2.75));
    assert_eq!(c13.n, 2);

    // Utrecht: r4 answered 1 of 3 items -> missing; r5: (5 + 4 + (6-1))/3 = 14/3.
    let utr = &m.municipalities[1];
    let c1u = utr.scale("BESTLEID").unwrap();
    assert_eq!((c1u.groups[0].n, c1u.groups[0].n_missing), (1, 1));
    assert!(close(c1u.mean.unwrap(), 14.0 / 3.0));
    assert_eq!(
        c1u.groups[1].mean, None,
        "no wijkteam respondents in Utrecht"
    );
    assert_eq!(c1u.gap, None);
    assert_eq!(utr.scale("MANDAAT").unwrap().mean, None);

    // Rotterdam has no respondents at all.
    let rot = &m.municipalities[2];
    assert!(rot.scales.iter().all(|s| s.mean.is_none() && s.n == 0));
}

#[test]
fn flags_for_too_few_respondents() {
    let study = Study::from_toml_str(STUDY).unwrap();
    let m = measure(&study, &answers()).unwrap();
    // Amsterdam: 1 wijkteam respondent, minimum 2.
    assert_eq!(
        m.municipalities[0].flags,
        vec![Flag::FewRespondents {
            group: "wijkteam".into(),
            n: 1,
            min: 2
        }]
    );
    // Utrecht: 2 bestuur respondents (enough) but only 1 with a BESTLEID score; no wijkteam.
    let utr = &m.municipalities[1].flags;
    assert!(utr.contains(&Flag::FewRespondents {
        group: "wijkteam".into(),
        n: 0,
        min: 2
    }));
    assert!(utr.contains(&Flag::FewScored {
        set: "BESTLEID".into(),
        group: "bestuur".into(),
        n: 1,
        min: 2
    }));
    // LEREN: r4 and r5 answered no LEREN items, so 0 of 2 present bestuur respondents scored.
    assert!(utr.contains(&Flag::FewScored {
        set: "LEREN".into(),
        group: "bestuur".into(),
        n: 0,
        min: 2
    }));
    assert_eq!(utr.len(), 3);
    assert_eq!(
        m.municipalities[2].flags.len(),
        2,
        "{:?}",
        m.municipalities[2].flags
    );
}

#[test]
fn cronbach_alpha_flows_through() {
    let study = Study::from_toml_str(STUDY).unwrap();
    let m = measure(&study, &answers()).unwrap();
    let rel = m.scales.iter().find(|s| s.set == "BESTLEID").unwrap();
    assert_eq!(rel.items, ["C1_1", "C1_2", "C1_3"]);
    // Complete rows (reverse-scored): r1 [4,5,4], r3 [2,3,2], r5 [5,4,5].
    // Item variances: 7/3, 1, 7/3 (sum 17/3); totals 13, 7, 14 have variance 43/3.
    // alpha = 3/2 * (1 - (17/3)/(43/3)) = 39/43.
    assert_eq!(rel.n_complete, 3);
    assert!(close(rel.alpha.unwrap(), 39.0 / 43.0), "{:?}", rel.alpha);
    // Without C1_2 the two remaining items are identical: alpha = 1.
    assert!(close(rel.alpha_if_deleted[1].unwrap(), 1.0));
    assert_eq!(rel.alpha_if_deleted.len(), 3);
    assert_eq!(rel.item_rest.len(), 3);
    assert!(rel.note.is_none());

    // MANDAAT has a single complete respondent: no alpha, with a reason.
    let rel = m.scales.iter().find(|s| s.set == "MANDAAT").unwrap();
    assert_eq!(rel.n_complete, 1);
    assert_eq!(rel.alpha, None);
    assert!(
        rel.note.as_deref().unwrap().contains("1 complete"),
        "{:?}",
        rel.note
    );
    // Measurement serialises (NaN-free) to JSON.
    serde_json::to_string(&m).unwrap();
}

/// R's logistic direct calibration, written out independently of the engine.
fn logistic(x: f64, e: f64, c: f64, i: f64) -> f64 {
    let scale = (0.95f64 / 0.05).ln();
    let z = if x >= c {
        (x - c) / (i - c) * scale
    } else {
        (x - c) / (c - e) * scale
    };
    1.0 / (1.0 + (-z).exp())
}

#[test]
fn calibration_into_set_data() {
    let study = Study::from_toml_str(STUDY).unwrap();
    let m = measure(&study, &answers()).unwrap();
    let cal = calibrate_scales(&study, &m, &["BESTLEID"]).unwrap();
    // Rotterdam has no score and is dropped.
    assert_eq!(cal.data.cases(), ["GM0363", "GM0344"]);
    assert_eq!(
        cal.dropped,
        vec![("GM0599".to_string(), vec!["BESTLEID".to_string()])]
    );
    assert_eq!(cal.raw[0].1, vec![3.25, 14.0 / 3.0]);
    let col = cal.data.column("BESTLEID").unwrap();
    assert!(
        (col[0] - logistic(3.25, 2.5, 3.45, 4.2)).abs() < 1e-9,
        "{}",
        col[0]
    );
    assert!(
        (col[1] - logistic(14.0 / 3.0, 2.5, 3.45, 4.2)).abs() < 1e-9,
        "{}",
        col[1]
    );
    assert!(col[0] < 0.5 && col[1] > 0.95);

    // Crisp thresholds 3 and 4: 4.5 reaches both -> 2.
    let crisp = calibrate_values(&study, "MANDAAT", &[2.9, 3.0, 3.5, 4.5]).unwrap();
    assert_eq!(crisp.values, vec![0.0, 1.0, 1.0, 2.0]);

    // Two sets: only Amsterdam has both.
    let both = calibrate_scales(&study, &m, &["BESTLEID", "MANDAAT"]).unwrap();
    assert_eq!(both.data.cases(), ["GM0363"]);
    assert_eq!(both.data.column("MANDAAT").unwrap(), [2.0]);
}

#[test]
fn calibration_errors() {
    let study = Study::from_toml_str(STUDY).unwrap();
    let m = measure(&study, &answers()).unwrap();
    match calibrate_scales(&study, &m, &["LEREN"]) {
        Err(StudyError::Calibration { set, message }) => {
            assert_eq!(set, "LEREN");
            assert!(message.contains("[calibration.LEREN]"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        calibrate_scales(&study, &m, &["TRANSFORMATIE"]),
        Err(StudyError::Measurement { .. })
    ));
    // Only Amsterdam's r3 answers MANDAAT; without r3 no municipality has a score.
    let few: Vec<_> = answers()
        .into_iter()
        .filter(|r| r.respondent != "r3")
        .collect();
    let m = measure(&study, &few).unwrap();
    assert!(matches!(
        calibrate_scales(&study, &m, &["MANDAAT"]),
        Err(StudyError::Measurement { .. })
    ));
}

fn answer_error(answers: Vec<RespondentAnswers>) -> (String, String) {
    let study = Study::from_toml_str(STUDY).unwrap();
    match measure(&study, &answers) {
        Err(StudyError::Answer {
            respondent,
            message,
        }) => (respondent, message),
        other => panic!("expected an answer error, got {other:?}"),
    }
}

#[test]
fn bad_answers_are_errors_naming_the_respondent() {
    let (who, msg) = answer_error(vec![resp("x1", "GM9999", "bestuur", &[])]);
    assert_eq!(who, "x1");
    assert!(msg.contains("GM9999"), "{msg}");

    let (_, msg) = answer_error(vec![resp("x1", "GM0363", "raad", &[])]);
    assert!(msg.contains("\"raad\""), "{msg}");

    let (_, msg) = answer_error(vec![resp("x1", "GM0363", "bestuur", &[("C9_9", Some(3))])]);
    assert!(msg.contains("C9_9"), "{msg}");

    let (_, msg) = answer_error(vec![resp("x1", "GM0363", "bestuur", &[("C6_1", Some(3))])]);
    assert!(
        msg.contains("C6_1") && msg.contains("not asked of group"),
        "{msg}"
    );

    for bad in [0u8, 6] {
        let (_, msg) = answer_error(vec![resp(
            "x1",
            "GM0363",
            "bestuur",
            &[("C1_1", Some(bad))],
        )]);
        assert!(
            msg.contains(&format!("answer {bad}")) && msg.contains("1..5"),
            "{msg}"
        );
    }
    let (_, msg) = answer_error(vec![resp("x1", "GM0363", "bestuur", &[("C13_1", Some(2))])]);
    assert!(msg.contains("0 (nee) or 1 (ja)"), "{msg}");

    let (who, msg) = answer_error(vec![
        resp("x1", "GM0363", "bestuur", &[]),
        resp("x1", "GM0344", "bestuur", &[]),
    ]);
    assert_eq!(who, "x1");
    assert!(msg.contains("more than once"), "{msg}");
}

#[test]
fn min_items_fraction_is_applied_per_group() {
    // With a fraction of 1.0 every item a group gets must be answered, so r2
    // (C1_2 "weet niet") loses the BESTLEID score and bestuur in Amsterdam is r1 alone.
    let text = STUDY.replace("min_items_answered = 2", "min_items_answered = 1.0");
    let study = Study::from_toml_str(&text).unwrap();
    let m = measure(&study, &answers()).unwrap();
    let c1 = m.municipalities[0].scale("BESTLEID").unwrap();
    assert_eq!((c1.groups[0].n, c1.groups[0].n_missing), (1, 1));
    // (13/3 + 7/3) / 2 = 10/3
    assert!(close(c1.mean.unwrap(), 10.0 / 3.0));
}

#[test]
fn builtin_template_measures() {
    // Every item of the built-in instrument can be answered by its groups; a full
    // "4" for every item gives 4 on non-reversed scales and a 2 on reversed items.
    let study = Study::builtin().unwrap();
    let mut rs = Vec::new();
    for (k, group) in ["bestuur", "management", "wijkteam"].iter().enumerate() {
        let answers: Vec<(&str, Option<u8>)> = study
            .sets()
            .flat_map(|s| s.set.items.iter())
            .filter(|i| i.groups.iter().any(|g| g == group))
            .map(|i| {
                (
                    i.id.as_str(),
                    Some(
                        if i.response == kantel_study::codebook::ResponseKind::YesNo {
                            1
                        } else {
                            4
                        },
                    ),
                )
            })
            .collect();
        rs.push(resp(&format!("t{k}"), "GM0363", group, &answers));
    }
    let m = measure(&study, &rs).unwrap();
    let ams = &m.municipalities[0];
    // VISIE has no reversed items: every group scores 4.
    assert!(close(ams.scale("VISIE").unwrap().mean.unwrap(), 4.0));
    // BESTLEID: 4 items at 4, one reversed at 6 - 4 = 2 -> 18/5 for B and M.
    assert!(close(
        ams.scale("BESTLEID").unwrap().mean.unwrap(),
        18.0 / 5.0
    ));
    // LEREN: ja = 5 plus three 4s -> 17/4.
    assert!(close(ams.scale("LEREN").unwrap().mean.unwrap(), 17.0 / 4.0));
    assert_eq!(m.scales.len(), 13);
}
