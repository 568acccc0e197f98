//! Study file: parsing, validation errors with their places, round trip, built-in template.

use kantel_study::StudyError;
use kantel_study::codebook::{MeasureKind, ResponseKind, SetKind};
use kantel_study::study::{CalibrationMethod, MinItems, Study, template};

/// A small but complete study: 2 municipalities, 2 groups, one condition with a
/// reversed item, one rating outcome, one context condition.
const MINIMAL: &str = r#"[study]
name = "mini"
title_nl = "Mini-studie"
title_en = "Mini study"
year = 2025
simulated = true

[[municipality]]
code = "GM0363"
name = "Amsterdam"
inhabitants = 862965
group = "pilot"

[[municipality]]
code = "GM0344"
name = "Utrecht"
inhabitants = 352866

[[respondent_group]]
id = "bestuur"
label_nl = "Bestuurder"
label_en = "Administrator"
min_respondents = 1

[[respondent_group]]
id = "wijkteam"
label_nl = "Wijkteammedewerker"
label_en = "Team worker"
min_respondents = 2

[[condition]]
id = "BESTLEID"
code = "C1"
label_nl = "Zichtbaar bestuurlijk leiderschap"
label_en = "Visible leadership"
sources = ["Kotter"]

[[condition.item]]
id = "C1_1"
text_nl = "De wethouder draagt de werkwijze uit."
text_en = "The alderman champions the way of working."
groups = ["bestuur", "wijkteam"]

[[condition.item]]
id = "C1_5"
text_nl = "Het is vooral een bezuiniging."
text_en = "It is mainly cost-cutting."
reverse = true
groups = ["bestuur"]

[[outcome]]
id = "TRANSFORMATIE"
code = "O8"
label_nl = "Mate van transformatie"
label_en = "Degree of transformation"
measure = "rating"

[[context]]
id = "TEAMRIJP"
code = "K3"
label_nl = "Volwassenheid"
label_en = "Team maturity"
measure = "indicator"

[context.indicator]
name = "years since start"
source = "fact sheet"
unit = "years"
direction = "higher"

[calibration.BESTLEID]
method = "fuzzy"
exclusion = 2.5
crossover = 3.45
inclusion = 4.2
justification = "Codebook section 5."

[calibration.TEAMRIJP]
method = "crisp"
thresholds = [3.0]
justification = "Raab et al."

[analysis]
outcome = "TRANSFORMATIE"
conditions = ["BESTLEID", "TEAMRIJP"]
incl_cut = 0.8
dir_exp = ["BESTLEID", "~TEAMRIJP"]
min_items_answered = 2
"#;

/// 1-based number of the first line of `text` that contains `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("{needle:?} not in text"))
}

fn parse_err(text: &str) -> (usize, usize, String) {
    match Study::from_toml_str(text) {
        Err(StudyError::Parse {
            line,
            column,
            message,
        }) => (line, column, message),
        other => panic!("expected a parse error, got {other:?}"),
    }
}

fn invalid(text: &str) -> (String, String) {
    match Study::from_toml_str(text) {
        Err(StudyError::Invalid { location, message }) => (location, message.to_string()),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn minimal_study_parses_with_defaults() {
    let s = Study::from_toml_str(MINIMAL).unwrap();
    assert_eq!(s.study.name, "mini");
    assert!(s.study.simulated);
    assert_eq!(s.municipalities.len(), 2);
    assert_eq!(s.municipalities[0].code.as_str(), "GM0363");
    assert_eq!(s.municipalities[0].group.as_deref(), Some("pilot"));
    assert_eq!(s.municipalities[1].group, None);
    let c1 = &s.conditions[0];
    assert_eq!(c1.measure, MeasureKind::Scale);
    assert!(!c1.items[0].reverse, "reverse defaults to false");
    assert!(c1.items[1].reverse);
    assert_eq!(c1.items[0].response, ResponseKind::Likert5);
    assert_eq!(c1.groups(), vec!["bestuur", "wijkteam"]);
    assert_eq!(c1.items_for_group("wijkteam").count(), 1);
    assert_eq!(s.analysis.n_cut, 1, "n_cut defaults to 1");
    assert_eq!(s.analysis.pri_cut, 0.0);
    assert!(!s.analysis.negate_outcome);
    assert_eq!(s.analysis.min_items_answered, MinItems::Count(2));
    assert_eq!(s.calibration["TEAMRIJP"].method, CalibrationMethod::Crisp);
    assert_eq!(s.set("TEAMRIJP").unwrap().kind, SetKind::Context);
    assert_eq!(s.item("C1_5").unwrap().0.set.id, "BESTLEID");
    assert!(s.municipality("GM0344").is_some());
    assert!(s.respondent_group("wijkteam").is_some());
}

#[test]
fn broken_toml_names_the_line() {
    let text = MINIMAL.replace("name = \"Utrecht\"", "name = \"Utrecht");
    let (line, _col, msg) = parse_err(&text);
    assert_eq!(line, line_of(&text, "name = \"Utrecht"), "{msg}");
    let shown = Study::from_toml_str(&text).unwrap_err().to_string();
    assert!(shown.contains(&format!("line {line}")), "{shown}");
}

#[test]
fn unknown_key_names_key_line_and_column() {
    let text = MINIMAL.replace(
        "inhabitants = 352866",
        "inhabitants = 352866\n  colour = \"red\"",
    );
    let (line, col, msg) = parse_err(&text);
    assert_eq!(line, line_of(&text, "colour"));
    assert_eq!(col, 3, "the key starts after two spaces");
    assert!(msg.contains("colour"), "{msg}");
}

#[test]
fn unknown_key_in_nested_item_table() {
    let text = MINIMAL.replace("reverse = true", "reversed = true");
    let (line, _, msg) = parse_err(&text);
    assert_eq!(line, line_of(&text, "reversed"));
    assert!(msg.contains("reversed"), "{msg}");
}

#[test]
fn missing_key_is_reported_with_the_table_place() {
    // Utrecht's municipality table loses its name.
    let text = MINIMAL.replace("name = \"Utrecht\"\n", "");
    let (line, _, msg) = parse_err(&text);
    assert!(msg.contains("missing field `name`"), "{msg}");
    let header = line_of(&text, "code = \"GM0344\"") - 1;
    let end = line_of(&text, "inhabitants = 352866");
    assert!(
        (header..=end).contains(&line),
        "line {line} outside the table {header}..={end}"
    );
}

#[test]
fn missing_analysis_table_is_an_error() {
    let cut = MINIMAL.find("[analysis]").unwrap();
    let (_, _, msg) = parse_err(&MINIMAL[..cut]);
    assert!(msg.contains("analysis"), "{msg}");
}

#[test]
fn bad_cbs_code_names_line_and_value() {
    for bad in ["GM363", "0363", "gm0363", "GM03630", "GMabcd"] {
        let text = MINIMAL.replace("\"GM0344\"", &format!("\"{bad}\""));
        let (line, _, msg) = parse_err(&text);
        assert_eq!(line, line_of(&text, &format!("\"{bad}\"")), "{bad}: {msg}");
        assert!(
            msg.contains(bad) && msg.contains("GM followed by four digits"),
            "{msg}"
        );
    }
}

#[test]
fn wrong_type_names_the_line() {
    let text = MINIMAL.replace("inhabitants = 352866", "inhabitants = \"veel\"");
    let (line, _, _) = parse_err(&text);
    assert_eq!(line, line_of(&text, "inhabitants = \"veel\""));
}

#[test]
fn unknown_group_in_item() {
    let text = MINIMAL.replace("groups = [\"bestuur\"]", "groups = [\"bestuur\", \"raad\"]");
    let (loc, msg) = invalid(&text);
    assert!(loc.contains("C1_5") && loc.contains("BESTLEID"), "{loc}");
    assert!(msg.contains("\"raad\""), "{msg}");
}

#[test]
fn duplicates_are_rejected() {
    let dup_code = MINIMAL.replace("code = \"K3\"", "code = \"C1\"");
    let (loc, msg) = invalid(&dup_code);
    assert!(
        loc.contains("TEAMRIJP") && msg.contains("\"C1\""),
        "{loc}: {msg}"
    );

    let dup_item = MINIMAL.replace("id = \"C1_5\"", "id = \"C1_1\"");
    let (loc, msg) = invalid(&dup_item);
    assert!(
        loc.contains("C1_1") && msg.contains("twice"),
        "{loc}: {msg}"
    );

    let dup_muni = MINIMAL.replace("\"GM0344\"", "\"GM0363\"");
    let (loc, _) = invalid(&dup_muni);
    assert!(loc.contains("#2") && loc.contains("GM0363"), "{loc}");

    let dup_group = MINIMAL.replace("id = \"wijkteam\"", "id = \"bestuur\"");
    let (loc, _) = invalid(&dup_group);
    assert!(
        loc.contains("respondent_group") && loc.contains("#2"),
        "{loc}"
    );

    let dup_set = MINIMAL.replace("id = \"TEAMRIJP\"", "id = \"BESTLEID\"");
    let (_, msg) = invalid(&dup_set);
    assert!(msg.contains("used twice"), "{msg}");
}

#[test]
fn analysis_references_are_checked() {
    let text = MINIMAL.replace(
        "conditions = [\"BESTLEID\", \"TEAMRIJP\"]",
        "conditions = [\"BESTLEID\", \"MANDAAT\"]",
    );
    let (loc, msg) = invalid(&text);
    assert!(
        loc.contains("conditions") && msg.contains("MANDAAT"),
        "{loc}: {msg}"
    );

    let text = MINIMAL.replace("outcome = \"TRANSFORMATIE\"", "outcome = \"BESTLEID\"");
    let (_, msg) = invalid(&text);
    assert!(msg.contains("not an outcome"), "{msg}");

    let text = MINIMAL.replace("\"~TEAMRIJP\"]", "\"~VISIE\"]");
    let (loc, msg) = invalid(&text);
    assert!(
        loc.contains("dir_exp") && msg.contains("~VISIE"),
        "{loc}: {msg}"
    );
}

#[test]
fn calibration_must_exist_for_analysed_sets() {
    let start = MINIMAL.find("[calibration.TEAMRIJP]").unwrap();
    let end = MINIMAL.find("[analysis]").unwrap();
    let text = format!("{}{}", &MINIMAL[..start], &MINIMAL[end..]);
    let (_, msg) = invalid(&text);
    assert!(
        msg.contains("TEAMRIJP") && msg.contains("no [calibration.TEAMRIJP]"),
        "{msg}"
    );
}

#[test]
fn calibration_for_unknown_set_is_rejected() {
    let text = MINIMAL.replace("[calibration.TEAMRIJP]", "[calibration.TEAMRIJPX]");
    let (loc, _) = invalid(&text);
    assert_eq!(loc, "[calibration.TEAMRIJPX]");
}

#[test]
fn anchors_in_wrong_order() {
    let text = MINIMAL.replace("crossover = 3.45", "crossover = 4.5");
    let (loc, msg) = invalid(&text);
    assert_eq!(loc, "[calibration.BESTLEID]");
    assert!(msg.contains("wrong order"), "{msg}");

    // A decreasing set (inclusion below exclusion) is fine.
    let text = MINIMAL
        .replace("exclusion = 2.5", "exclusion = 4.2")
        .replace("inclusion = 4.2", "inclusion = 2.5");
    Study::from_toml_str(&text).unwrap();

    let text = MINIMAL.replace("thresholds = [3.0]", "thresholds = [3.0, 2.0]");
    let (_, msg) = invalid(&text);
    assert!(msg.contains("strictly increasing"), "{msg}");

    let text = MINIMAL.replace("crossover = 3.45\n", "");
    let (_, msg) = invalid(&text);
    assert!(
        msg.contains("needs exclusion, crossover and inclusion"),
        "{msg}"
    );

    let text = MINIMAL.replace("justification = \"Raab et al.\"", "justification = \"  \"");
    let (loc, msg) = invalid(&text);
    assert!(
        loc.contains("TEAMRIJP") && msg.contains("justification"),
        "{loc}: {msg}"
    );
}

#[test]
fn other_semantic_checks() {
    let text = MINIMAL.replace("min_items_answered = 2", "min_items_answered = 1.5");
    let (_, msg) = invalid(&text);
    assert!(msg.contains("fraction"), "{msg}");

    let text = MINIMAL.replace("incl_cut = 0.8", "incl_cut = 1.2");
    let (loc, _) = invalid(&text);
    assert!(loc.contains("incl_cut"));

    let text = MINIMAL.replace("id = \"BESTLEID\"\ncode", "id = \"bestleid\"\ncode");
    let (_, msg) = invalid(&text);
    assert!(msg.contains("upper-case"), "{msg}");

    let text = MINIMAL.replace("measure = \"rating\"", "measure = \"scale\"");
    let (loc, msg) = invalid(&text);
    assert!(
        loc.contains("TRANSFORMATIE") && msg.contains("no [[item]]"),
        "{loc}: {msg}"
    );

    let text = MINIMAL.replace("text_en = \"It is mainly cost-cutting.\"", "text_en = \"\"");
    let (loc, _) = invalid(&text);
    assert!(loc.contains("C1_5"), "{loc}");
}

#[test]
fn integers_are_accepted_as_anchors() {
    let text = MINIMAL
        .replace("inclusion = 4.2", "inclusion = 5")
        .replace("[3.0]", "[3]");
    let s = Study::from_toml_str(&text).unwrap();
    assert_eq!(s.calibration["BESTLEID"].inclusion, Some(5.0));
    assert_eq!(s.calibration["TEAMRIJP"].thresholds, Some(vec![3.0]));
}

#[test]
fn min_items_required_counts() {
    assert_eq!(MinItems::Fraction(0.6).required(5), 3);
    assert_eq!(MinItems::Fraction(0.6).required(4), 3); // 2.4 rounds up
    assert_eq!(MinItems::Fraction(0.5).required(4), 2);
    assert_eq!(MinItems::Fraction(0.01).required(4), 1);
    assert_eq!(MinItems::Count(3).required(5), 3);
    assert_eq!(
        MinItems::Count(3).required(2),
        2,
        "a count above the items means all"
    );
    // min_items_answered as float in TOML is a fraction, as integer a count
    let text = MINIMAL.replace("min_items_answered = 2", "min_items_answered = 1.0");
    let s = Study::from_toml_str(&text).unwrap();
    assert_eq!(s.analysis.min_items_answered, MinItems::Fraction(1.0));
}

#[test]
fn column_counts_characters_not_bytes() {
    // "één" has two 2-byte characters before the error.
    let text = MINIMAL.replace(
        "text_nl = \"Het is vooral een bezuiniging.\"",
        "text_nl = \"één\" x",
    );
    let (line, col, _) = parse_err(&text);
    assert_eq!(line, line_of(&text, "\"één\" x"));
    // The stray `x` is the last character of the line.
    assert_eq!(col, "text_nl = \"één\" x".chars().count());
}

#[test]
fn round_trip_minimal_and_template() {
    for text in [MINIMAL, template()] {
        let a = Study::from_toml_str(text).unwrap();
        let written = a.to_toml_string().unwrap();
        let b = Study::from_toml_str(&written).unwrap();
        assert_eq!(a, b);
        // Writing again gives the same text (stable order).
        assert_eq!(written, b.to_toml_string().unwrap());
    }
}

#[test]
fn template_holds_the_codebook() {
    let s = Study::from_toml_str(template()).unwrap();
    assert_eq!(s.conditions.len(), 13);
    assert_eq!(s.outcomes.len(), 8);
    assert_eq!(s.contexts.len(), 5);
    let codes: Vec<&str> = s.conditions.iter().map(|c| c.code.as_str()).collect();
    let expected: Vec<String> = (1..=13).map(|i| format!("C{i}")).collect();
    assert_eq!(codes, expected);
    let ids: Vec<&str> = s.conditions.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "BESTLEID",
            "MANLEID",
            "VISIE",
            "LOSLATEN",
            "EXPERIMENT",
            "MANDAAT",
            "INTEGRAAL",
            "TEAM",
            "EIGENKRACHT",
            "BASIS",
            "PREVENTIE",
            "KETEN",
            "LEREN"
        ]
    );
    // Items per condition as listed in codebook.md section 5.1.
    let counts: Vec<usize> = s.conditions.iter().map(|c| c.items.len()).collect();
    assert_eq!(counts, [5, 5, 4, 5, 5, 5, 5, 5, 5, 4, 4, 4, 4]);
    // The (R) items of the codebook, and only those.
    let reversed: Vec<&str> = s
        .conditions
        .iter()
        .flat_map(|c| &c.items)
        .filter(|i| i.reverse)
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(reversed, ["C1_5", "C4_2", "C7_5", "C9_5"]);
    for c in &s.conditions {
        assert!(
            !c.definition_nl.is_empty() && !c.definition_en.is_empty(),
            "{}",
            c.id
        );
        assert!(!c.sources.is_empty(), "{}", c.id);
        for (k, item) in c.items.iter().enumerate() {
            assert_eq!(item.id, format!("{}_{}", c.code, k + 1));
            assert!(
                item.text_nl.trim().len() > 10,
                "{} lacks Dutch text",
                item.id
            );
            assert!(
                item.text_en.trim().len() > 10,
                "{} lacks English text",
                item.id
            );
            assert_ne!(item.text_nl, item.text_en, "{}", item.id);
        }
    }
    // Respondent groups per condition (codebook: C1 B,M; C6 M,W; C3 B,M,W).
    let groups = |id: &str| {
        let mut g = s.set(id).unwrap().set.groups();
        g.sort();
        g
    };
    assert_eq!(groups("BESTLEID"), ["bestuur", "management"]);
    assert_eq!(groups("MANDAAT"), ["management", "wijkteam"]);
    assert_eq!(groups("VISIE"), ["bestuur", "management", "wijkteam"]);
    // Spot-check wording against codebook.md.
    let (_, c6_3) = s.item("C6_3").unwrap();
    assert_eq!(
        c6_3.text_nl,
        "Als een instantie niet meewerkt, heeft ons team doorzettingsmacht."
    );
    assert_eq!(
        c6_3.text_en,
        "If an agency does not cooperate, our team can push things through."
    );
    assert_eq!(s.item("C13_1").unwrap().1.response, ResponseKind::YesNo);
    // Likert anchors from codebook section 5.
    let cal = &s.calibration["BESTLEID"];
    assert_eq!(
        (cal.exclusion, cal.crossover, cal.inclusion),
        (Some(2.5), Some(3.4537), Some(4.2))
    );
    for c in &s.conditions {
        assert!(
            s.calibration.contains_key(&c.id),
            "{} has no calibration",
            c.id
        );
    }
    // Real CBS codes of the example municipalities.
    for (code, name) in [
        ("GM0363", "Amsterdam"),
        ("GM0344", "Utrecht"),
        ("GM0599", "Rotterdam"),
        ("GM0518", "'s-Gravenhage"),
    ] {
        assert_eq!(s.municipality(code).unwrap().name, name);
    }
    let o_codes: Vec<&str> = s.outcomes.iter().map(|o| o.code.as_str()).collect();
    assert_eq!(o_codes, ["O1", "O2", "O3", "O4", "O5", "O6", "O7", "O8"]);
    let k_codes: Vec<&str> = s.contexts.iter().map(|o| o.code.as_str()).collect();
    assert_eq!(k_codes, ["K1", "K2", "K3", "K4", "K5"]);
    assert!(!s.study.simulated);
    assert_eq!(Study::builtin().unwrap(), s);
}

#[test]
fn calibration_options_map_to_the_engine() {
    use kantel_qca::calibrate::Calibration;
    let s = Study::from_toml_str(MINIMAL).unwrap();
    assert_eq!(
        s.calibration["BESTLEID"].to_engine().unwrap(),
        Calibration::Fuzzy {
            exclusion: 2.5,
            crossover: 3.45,
            inclusion: 4.2,
            idm: 0.95
        }
    );
    assert_eq!(
        s.calibration["TEAMRIJP"].to_engine().unwrap(),
        Calibration::Crisp {
            thresholds: vec![3.0]
        }
    );
    let text = MINIMAL.replace("crossover = 3.45", "crossover = 3.45\nlogistic = false");
    let s = Study::from_toml_str(&text).unwrap();
    assert_eq!(
        s.calibration["BESTLEID"].to_engine().unwrap(),
        Calibration::Linear {
            exclusion: 2.5,
            crossover: 3.45,
            inclusion: 4.2,
            below: 1.0,
            above: 1.0
        }
    );
    let text = MINIMAL.replace("crossover = 3.45", "crossover = 3.45\nidm = 0.99");
    let s = Study::from_toml_str(&text).unwrap();
    assert!(matches!(
        s.calibration["BESTLEID"].to_engine().unwrap(),
        Calibration::Fuzzy { idm, .. } if idm == 0.99
    ));
    let text = MINIMAL.replace("crossover = 3.45", "crossover = 3.45\nidm = 0.4");
    let (_, msg) = invalid(&text);
    assert!(msg.contains("idm"), "{msg}");
    let text = MINIMAL.replace("thresholds = [3.0]", "thresholds = [3.0]\nlogistic = true");
    let (loc, msg) = invalid(&text);
    assert!(
        loc.contains("TEAMRIJP") && msg.contains("fuzzy"),
        "{loc}: {msg}"
    );
}
