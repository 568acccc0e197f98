//! Regression tests for the bug classes R's QCA package has had, and the engine's errors.
//! Each test names the class; expected values are worked out by hand in the comments.

use kantel_qca::minimize::{MinimizeOptions, minimize};
use kantel_qca::truth_table::{HalfMembership, Out, Outcome, TruthTable, TruthTableSpec};
use kantel_qca::{QcaError, SetData};

fn data(names: &[&str], rows: &[&[f64]]) -> SetData {
    let cases = (1..=rows.len()).map(|i| format!("c{i}")).collect();
    let columns = (0..names.len())
        .map(|j| rows.iter().map(|r| r[j]).collect())
        .collect();
    SetData::new(
        cases,
        names.iter().map(|s| s.to_string()).collect(),
        columns,
    )
    .unwrap()
}

fn spec(outcome: &str, conditions: &[&str]) -> TruthTableSpec {
    TruthTableSpec::new(
        Outcome::parse(outcome).unwrap(),
        conditions.iter().map(|s| s.to_string()).collect(),
    )
}

fn pars() -> MinimizeOptions {
    MinimizeOptions {
        include_remainders: true,
        ..MinimizeOptions::default()
    }
}

fn expressions(models: &[kantel_qca::minimize::Model]) -> Vec<String> {
    models.iter().map(|m| m.expression.clone()).collect()
}

#[test]
fn pi_chart_with_a_single_column() {
    // One positive row (A=1,B=1) and two negative rows: the chart has one column.
    let d = data(
        &["A", "B", "Y"],
        &[&[1.0, 1.0, 1.0], &[0.0, 1.0, 0.0], &[1.0, 0.0, 0.0]],
    );
    let tt = TruthTable::build(&d, &spec("Y", &["A", "B"])).unwrap();
    let m = minimize(&tt, &pars()).unwrap();
    assert_eq!(m.explained_rows, vec![4]);
    assert_eq!(
        expressions(&m.conservative.as_ref().unwrap().models),
        ["A*B"]
    );
    // Remainder 00 may be used, but 01 and 10 are negative: A*B is still the only cover.
    assert_eq!(expressions(&m.parsimonious.unwrap().models), ["A*B"]);
}

#[test]
fn saturated_truth_table_with_remainders_included() {
    // All four configurations observed: including remainders changes nothing.
    let d = data(
        &["A", "B", "Y"],
        &[
            &[0.0, 0.0, 0.0],
            &[0.0, 1.0, 1.0],
            &[1.0, 0.0, 1.0],
            &[1.0, 1.0, 1.0],
        ],
    );
    let tt = TruthTable::build(&d, &spec("Y", &["A", "B"])).unwrap();
    let m = minimize(&tt, &pars()).unwrap();
    assert_eq!(
        expressions(&m.conservative.as_ref().unwrap().models),
        ["A + B"]
    );
    assert_eq!(
        expressions(&m.parsimonious.as_ref().unwrap().models),
        ["A + B"]
    );
    assert_eq!(
        m.parsimonious.unwrap().models[0].simplifying_assumptions,
        kantel_qca::minimize::Assumptions {
            count: 0,
            // Terms that assume nothing are not listed.
            terms: vec![],
            rows: Some(vec![]),
        }
    );
}

#[test]
fn all_positive_table_with_remainders_is_a_clear_error() {
    let d = data(&["A", "B", "Y"], &[&[0.0, 0.0, 1.0], &[1.0, 1.0, 1.0]]);
    let tt = TruthTable::build(&d, &spec("Y", &["A", "B"])).unwrap();
    let err = minimize(&tt, &pars()).unwrap_err();
    assert!(
        err.to_string()
            .contains("every condition is minimized away"),
        "{err}"
    );
}

#[test]
fn all_dont_care_directional_expectations_give_the_conservative_solution() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../testdata/validation/data/LF.csv"
    ))
    .unwrap();
    let d = parse_csv(&text);
    let mut s = spec("SURV", &["DEV", "URB", "LIT", "IND", "STB"]);
    s.incl_cut = 0.8;
    let tt = TruthTable::build(&d, &s).unwrap();
    let options = MinimizeOptions {
        dir_exp: Some("-, -, -, -, -".into()),
        ..pars()
    };
    let m = minimize(&tt, &options).unwrap();
    assert_eq!(m.intermediate.len(), 1);
    assert_eq!(
        expressions(&m.intermediate[0].models),
        expressions(&m.conservative.as_ref().unwrap().models)
    );
    assert_eq!(m.intermediate[0].easy_counterfactuals.count, 0);
    assert_eq!(m.intermediate[0].easy_counterfactuals.rows, Some(vec![]));
}

#[test]
fn n_cut_above_one_keeps_case_bookkeeping() {
    // Row 01 has one case and becomes a remainder under n.cut = 2; its case stays listed
    // with the row and counts in n, but it is not a positive row.
    let d = data(
        &["A", "B", "Y"],
        &[
            &[1.0, 1.0, 1.0],
            &[1.0, 1.0, 1.0],
            &[0.0, 1.0, 1.0],
            &[0.0, 0.0, 0.0],
            &[0.0, 0.0, 0.0],
        ],
    );
    let mut s = spec("Y", &["A", "B"]);
    s.n_cut = 2;
    let tt = TruthTable::build(&d, &s).unwrap();
    let row2 = tt.rows().iter().find(|r| r.row == 2).unwrap();
    assert_eq!(
        (row2.out, row2.n, row2.cases.clone()),
        (Out::Remainder, 1, vec![2])
    );
    let m = minimize(&tt, &pars()).unwrap();
    assert_eq!(m.explained_rows, vec![4]);
    // Row 2 (01) is a remainder: B alone would cover 2 and 4 and no negative row.
    let p = m.parsimonious.unwrap();
    assert_eq!(expressions(&p.models), ["A", "B"]);
    // Cases of a term are those of the positive rows it covers only.
    assert_eq!(*p.models[1].terms[0].cases, ["c1", "c2"]);
}

#[test]
fn more_than_seven_conditions_number_rows_as_r() {
    // 9 conditions: row number = 1 + sum(value * 2^(8 - j)); last condition fastest.
    let names = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "Y"];
    let d = data(
        &names,
        &[
            &[1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0],
            &[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0],
            &[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
        ],
    );
    let tt = TruthTable::build(&d, &spec("Y", &names[..9])).unwrap();
    let rows: Vec<u64> = tt.rows().iter().map(|r| r.row).collect();
    assert_eq!(rows, vec![3, 258, 512]);
    let m = minimize(&tt, &pars()).unwrap();
    // The negative row has only H=1: A alone, or I alone, covers both positive rows and
    // excludes it, so there are two one-term models (model ambiguity).
    assert_eq!(expressions(&m.parsimonious.unwrap().models), ["A", "I"]);
}

#[test]
fn exclusions_beyond_the_table_are_errors() {
    let d = data(&["A", "B", "Y"], &[&[1.0, 1.0, 1.0], &[0.0, 0.0, 0.0]]);
    let mut s = spec("Y", &["A", "B"]);
    s.exclude = vec![5];
    let err = TruthTable::build(&d, &s).unwrap_err();
    assert_eq!(
        err.to_string(),
        "exclude: row 5 is outside the truth table (rows 1..4)"
    );
    s.exclude = vec![2];
    let tt = TruthTable::build(&d, &s).unwrap();
    assert_eq!(
        tt.rows().iter().find(|r| r.row == 2).unwrap().out,
        Out::Zero
    );
    // The excluded remainder now blocks B: only A (or ~B would cover row 1, negative) remains.
    assert_eq!(
        expressions(&minimize(&tt, &pars()).unwrap().parsimonious.unwrap().models),
        ["A"]
    );
}

#[test]
fn condition_names_with_a_hyphen() {
    let d = data(
        &["HIGH-INC", "LOW-DEBT", "GOOD-OUT"],
        &[&[1.0, 1.0, 1.0], &[1.0, 0.0, 0.0], &[0.0, 1.0, 0.0]],
    );
    let tt = TruthTable::build(&d, &spec("GOOD-OUT", &["HIGH-INC", "LOW-DEBT"])).unwrap();
    let options = MinimizeOptions {
        dir_exp: Some("HIGH-INC, LOW-DEBT".into()),
        ..pars()
    };
    let m = minimize(&tt, &options).unwrap();
    assert_eq!(
        expressions(&m.conservative.as_ref().unwrap().models),
        ["HIGH-INC*LOW-DEBT"]
    );
    assert_eq!(
        expressions(&m.intermediate[0].models),
        ["HIGH-INC*LOW-DEBT"]
    );
    let e = kantel_qca::expr::Expression::parse("HIGH-INC*~LOW-DEBT").unwrap();
    assert_eq!(e.membership(&d).unwrap(), vec![0.0, 1.0, 0.0]);
}

#[test]
fn multi_value_negated_outcome() {
    // Outcome Y has three levels; ~Y[2] is "not level 2".
    let d = data(
        &["A", "Y"],
        &[&[0.0, 2.0], &[1.0, 0.0], &[2.0, 1.0], &[2.0, 2.0]],
    );
    let tt = TruthTable::build(&d, &spec("~Y[2]", &["A"])).unwrap();
    let outs: Vec<(u64, Out)> = tt.rows().iter().map(|r| (r.row, r.out)).collect();
    // A=0: Y=2 → not in ~Y[2]; A=1: Y=0 → in; A=2: one in, one out → incl 0.5.
    assert_eq!(outs, vec![(1, Out::Zero), (2, Out::One), (3, Out::Zero)]);
    let m = minimize(&tt, &MinimizeOptions::default()).unwrap();
    assert_eq!(
        expressions(&m.conservative.as_ref().unwrap().models),
        ["A[1]"]
    );
}

#[test]
fn crisp_thresholds_outside_the_data_warn() {
    use kantel_qca::calibrate::{Calibration, CalibrationOptions, calibrate};
    let c = calibrate(
        &[1.0, 2.0, 3.0],
        &Calibration::Crisp {
            thresholds: vec![10.0],
        },
        &CalibrationOptions::default(),
    )
    .unwrap();
    assert_eq!(c.values, vec![0.0, 0.0, 0.0]);
    assert!(
        !c.warnings.is_empty(),
        "a threshold outside the data must warn"
    );
}

// ---- errors named in the issue ----

#[test]
fn unknown_column_names_the_known_ones() {
    let d = data(&["A", "Y"], &[&[1.0, 1.0]]);
    let err = TruthTable::build(&d, &spec("Y", &["A", "Q"])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown column \"Q\" (known columns: A, Y)"
    );
}

#[test]
fn outcome_listed_as_condition() {
    let d = data(&["A", "Y"], &[&[1.0, 1.0]]);
    let err = TruthTable::build(&d, &spec("Y", &["A", "Y"])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Y is the outcome and cannot also be a condition"
    );
}

#[test]
fn memberships_outside_unit_interval() {
    let d = data(&["A", "Y"], &[&[0.3, 1.0], &[1.4, 0.0]]);
    let err = TruthTable::build(&d, &spec("Y", &["A"])).unwrap_err();
    assert!(matches!(err, QcaError::Membership(_)));
    assert!(
        err.to_string().contains("condition A, case c2: value 1.4"),
        "{err}"
    );
    let d = data(&["A", "Y"], &[&[0.3, 1.2], &[1.0, 0.0]]);
    let err = TruthTable::build(&d, &spec("Y", &["A"])).unwrap_err();
    assert!(
        err.to_string()
            .contains("outcome Y, case c1: membership 1.2 outside [0,1]"),
        "{err}"
    );
}

#[test]
fn half_membership_is_an_error_unless_r_behaviour_is_chosen() {
    let d = data(
        &["A", "B", "Y"],
        &[&[0.5, 0.7, 1.0], &[0.2, 0.9, 0.0], &[0.8, 0.5, 1.0]],
    );
    let err = TruthTable::build(&d, &spec("Y", &["A", "B"])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "fuzzy memberships of exactly 0.5 cannot be assigned to a truth-table row: c1 in A, c3 in B \
         (recalibrate, or --allow-half for R's behaviour: warn and continue)"
    );
    // Many such cases: the first ten are named, then how many more.
    let names: Vec<String> = ["A", "Y"].iter().map(|s| s.to_string()).collect();
    let cases: Vec<String> = (1..=25).map(|i| format!("c{i}")).collect();
    let many = kantel_qca::SetData::new(
        cases,
        names,
        vec![vec![0.5; 25], (0..25).map(|i| f64::from(i % 2)).collect()],
    )
    .unwrap();
    let err = TruthTable::build(&many, &spec("Y", &["A"]))
        .unwrap_err()
        .to_string();
    assert!(err.contains("c10 in A, … (+15)"), "{err}");
    assert!(!err.contains("c11 in A"), "{err}");
    let mut s = spec("Y", &["A", "B"]);
    s.half_membership = HalfMembership::Warn;
    let tt = TruthTable::build(&d, &s).unwrap();
    assert_eq!(tt.warnings().len(), 1);
    // Case c1 (A=0.5) sits in row 01 by R's rounding but is listed in no row and not counted.
    let listed: Vec<usize> = tt.rows().iter().flat_map(|r| r.cases.clone()).collect();
    assert_eq!(listed, vec![1]);
}

#[test]
fn empty_and_all_negative_truth_tables() {
    let d = data(&["A", "Y"], &[&[1.0, 1.0], &[0.0, 0.0]]);
    let mut s = spec("Y", &["A"]);
    s.n_cut = 2;
    let err = TruthTable::build(&d, &s).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the truth table is empty: no configuration has at least n.cut = 2 cases"
    );
    let d = data(&["A", "Y"], &[&[1.0, 0.0], &[0.0, 0.0]]);
    let tt = TruthTable::build(&d, &spec("Y", &["A"])).unwrap();
    let err = minimize(&tt, &MinimizeOptions::default()).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("nothing to explain: no truth-table row has OUT = 1 for Y"),
        "{err}"
    );
}

#[test]
fn malformed_expression_names_the_position() {
    let err = kantel_qca::expr::Expression::parse("A*B + *C").unwrap_err();
    match err {
        QcaError::Expression { position, .. } => assert_eq!(position, 7),
        other => panic!("{other}"),
    }
}

#[test]
fn too_many_conditions_for_a_truth_table() {
    // 60 multi-value conditions with 3 levels: 3^60 configurations cannot be numbered.
    let names: Vec<String> = (0..60)
        .map(|i| format!("X{i}"))
        .chain(["Y".to_string()])
        .collect();
    let cols: Vec<Vec<f64>> = (0..61)
        .map(|i| vec![if i < 60 { 2.0 } else { 1.0 }])
        .collect();
    let d = SetData::new(vec!["c1".into()], names.clone(), cols).unwrap();
    let s = TruthTableSpec::new(Outcome::parse("Y").unwrap(), names[..60].to_vec());
    let err = TruthTable::build(&d, &s).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("too many conditions: 60 conditions"),
        "{err}"
    );
}

#[test]
fn edits_are_recorded_and_minimization_reports_them() {
    let d = data(
        &["A", "B", "Y"],
        &[&[1.0, 1.0, 1.0], &[0.0, 0.0, 0.0], &[1.0, 0.0, 0.0]],
    );
    let tt = TruthTable::build(&d, &spec("Y", &["A", "B"])).unwrap();
    let edited = tt.with_out(3, Out::One, "expert judgement").unwrap();
    assert_eq!(tt.edits().len(), 0, "the original is unchanged");
    let m = minimize(&edited, &MinimizeOptions::default()).unwrap();
    assert_eq!(m.truth_table_edits.len(), 1);
    assert_eq!(expressions(&m.conservative.as_ref().unwrap().models), ["A"]);
    assert!(edited.with_out(9, Out::One, "x").is_err());
}

fn parse_csv(text: &str) -> SetData {
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .unwrap()
        .split(',')
        .map(|s| s.trim_matches('"').to_string())
        .collect();
    let mut cases = Vec::new();
    let mut columns = vec![Vec::new(); header.len() - 1];
    for line in lines.filter(|l| !l.is_empty()) {
        let cells: Vec<&str> = line.split(',').collect();
        cases.push(cells[0].trim_matches('"').to_string());
        for (i, c) in cells[1..].iter().enumerate() {
            columns[i].push(c.parse().unwrap());
        }
    }
    SetData::new(cases, header[1..].to_vec(), columns).unwrap()
}

/// Issue 8 item 5: 10,000 nested brackets or 50,000 leading `~` overflowed the stack
/// (abort, rc 134). Now an error naming the nesting limit, at the bracket or tilde that
/// goes one level too deep, on a test thread's small stack.
#[test]
fn deeply_nested_expressions_are_an_error_not_a_stack_overflow() {
    use kantel_qca::expr::{Expression, MAX_NESTING};
    let brackets = format!("{}A{}", "(".repeat(10_000), ")".repeat(10_000));
    let tildes = format!("{}A", "~".repeat(50_000));
    let mixed = format!("{}B", "~(".repeat(20_000));
    for text in [&brackets, &tildes, &mixed] {
        match Expression::parse(text) {
            Err(QcaError::Expression {
                position, message, ..
            }) => {
                assert_eq!(position, MAX_NESTING + 1, "{}", &text[..20]);
                assert!(message.to_string().contains(&MAX_NESTING.to_string()));
            }
            other => panic!("expected a nesting error, got {other:?}"),
        }
    }
    // Up to the limit it parses (and means what it says).
    let ok = format!("{}A{}", "(".repeat(MAX_NESTING), ")".repeat(MAX_NESTING));
    assert_eq!(Expression::parse(&ok).unwrap().to_string(), "A");
    let even = format!("{}A", "~".repeat(MAX_NESTING));
    assert_eq!(Expression::parse(&even).unwrap().to_string(), "A");
}

/// Issue 8 item 5: `--dir-exp "1,0,-,1"` for five conditions was read as an expression and
/// refused with '"1" is not a condition'. Values only, in the wrong number, now say how
/// many are needed and in which order.
#[test]
fn directional_values_in_the_wrong_number_say_how_many_are_needed() {
    use kantel_qca::intermediate::DirectionalExpectations;
    let conditions: Vec<String> = ["DEV", "URB", "LIT", "IND", "STB"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let levels = [2u8; 5];
    for (text, given) in [
        ("1,0,-,1", "4 values"),
        ("1", "1 value"),
        ("1,0,-,1,1,0", "6 values"),
    ] {
        match DirectionalExpectations::parse(text, &conditions, &levels) {
            Err(QcaError::Expression { message, .. }) => {
                let m = message.to_string();
                assert!(m.starts_with(&format!("{given} for 5 conditions")), "{m}");
                assert!(m.contains("DEV, URB, LIT, IND, STB"), "{m}");
            }
            other => panic!("{text}: expected an error, got {other:?}"),
        }
    }
    assert!(DirectionalExpectations::parse("1,0,-,1,1", &conditions, &levels).is_ok());
    assert!(DirectionalExpectations::parse("DEV, ~URB", &conditions, &levels).is_ok());
}
