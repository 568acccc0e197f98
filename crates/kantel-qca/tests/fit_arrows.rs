//! Expressions with R's arrows, as `pof("A*B + C -> Y", data)` and `pof("A + B <- Y", data)`
//! take them (issue 8, item 6): parsing (`expr::Statement`), the outcome they name
//! (`fit::statements_outcome`) and the fit of the relation (`fit::relation_fit`), against R's
//! output in testdata/validation/expected/pof.json and against hand calculations.

mod support;

use kantel_qca::expr::{Expression, Statement};
use kantel_qca::fit::{RelationFit, relation_fit, statements_outcome};
use kantel_qca::necessity::Relation;
use kantel_qca::{QcaError, SetData};
use serde_json::Value;
use support::{fixture, load};

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_f64().unwrap_or(f64::NAN))
        .collect()
}

fn close(ours: f64, r: f64) -> bool {
    (ours.is_nan() && r.is_nan()) || (ours - r).abs() <= 1e-6
}

/// What `pof(text, data)` computes: the statement's relation and outcome, each term's fit
/// and the whole expression's, as rows in R's column order.
fn pof(data: &SetData, text: &str) -> (Relation, Vec<Vec<f64>>) {
    let statement = Statement::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    let arrow = statement.arrow.clone().expect("an arrow");
    let outcome = statements_outcome(std::slice::from_ref(&statement), None).expect("outcome");
    assert_eq!(outcome, arrow.outcome);
    let y = outcome.membership(data).expect("outcome membership");
    let terms: Vec<Vec<f64>> = statement
        .expression
        .terms
        .iter()
        .map(|t| t.membership(data).expect("term"))
        .collect();
    let rows = match relation_fit(arrow.relation, &terms, &y) {
        RelationFit::Sufficiency(m) => m
            .terms
            .iter()
            .map(|t| vec![t.incl, t.pri, t.cov, t.cov_u])
            .chain([vec![m.incl, m.pri, m.cov, f64::NAN]])
            .collect(),
        RelationFit::Necessity(m) => m
            .terms
            .iter()
            .map(|t| vec![t.incl, t.ron, t.cov])
            .chain([vec![m.expression.incl, m.expression.ron, m.expression.cov]])
            .collect(),
    };
    (arrow.relation, rows)
}

/// Compares our rows with one key of pof.json (rows: each term, then "expression").
fn assert_matches_r(key: &str, relation: Relation, rows: &[Vec<f64>]) {
    let table = &fixture("pof.json")[key]["incl.cov"];
    let columns: &[&str] = match relation {
        Relation::Sufficiency => &["inclS", "PRI", "covS", "covU"],
        Relation::Necessity => &["inclN", "RoN", "covN"],
    };
    let expected: Vec<Vec<f64>> = columns.iter().map(|c| numbers(&table[*c])).collect();
    assert_eq!(rows.len(), expected[0].len(), "{key}: rows");
    for (r, row) in rows.iter().enumerate() {
        for (c, column) in columns.iter().enumerate() {
            assert!(
                close(row[c], expected[c][r]),
                "{key}, row {r}, {column}: ours {} R {}",
                row[c],
                expected[c][r]
            );
        }
    }
}

#[test]
fn sufficiency_arrow_matches_r_pof_lf_sol_suf() {
    // pof("DEV*~IND + URB*STB -> SURV", data = LF)
    let (relation, rows) = pof(&load("LF"), "DEV*~IND + URB*STB -> SURV");
    assert_eq!(relation, Relation::Sufficiency);
    assert_matches_r("LF_sol_suf", relation, &rows);
}

#[test]
fn necessity_arrow_matches_r_pof_lf_stb_lit_nec() {
    // pof("STB + LIT <- SURV", data = LF)
    let (relation, rows) = pof(&load("LF"), "STB + LIT <- SURV");
    assert_eq!(relation, Relation::Necessity);
    assert_matches_r("LF_STB_LIT_nec", relation, &rows);
}

#[test]
fn arrows_to_a_negated_outcome_and_necessity_match_r_pof_cvf() {
    let cvf = load("CVF");
    let (relation, rows) = pof(&cvf, "~NATPRIDE + GEOCON -> PROTEST");
    assert_matches_r("CVF_expr_suf", relation, &rows);
    let (relation, rows) = pof(&cvf, "~NATPRIDE + GEOCON -> ~PROTEST");
    assert_matches_r("CVF_expr_suf_neg", relation, &rows);
    let (relation, rows) = pof(&cvf, "~NATPRIDE + GEOCON <- PROTEST");
    assert_matches_r("CVF_expr_nec", relation, &rows);
    // R's other spellings of the arrows.
    for (other, arrow) in [("=>", "->"), ("<=", "<-")] {
        let parse =
            |a: &str| Statement::parse(&format!("~NATPRIDE + GEOCON {a} PROTEST")).expect(a);
        assert_eq!(parse(other), parse(arrow));
    }
}

#[test]
fn outcome_on_the_left_turns_the_arrow_as_r_does() {
    // R's pof reads `Y <- A*B + C` as `A*B + C -> Y` (the right side holds + or *).
    let lf = load("LF");
    let turned = Statement::parse("SURV <- DEV*~IND + URB*STB").expect("parse");
    let plain = Statement::parse("DEV*~IND + URB*STB -> SURV").expect("parse");
    assert_eq!(turned, plain);
    assert_eq!(turned.to_string(), "DEV*~IND + URB*STB -> SURV");
    let (relation, rows) = pof(&lf, "SURV -> STB + LIT");
    assert_eq!(relation, Relation::Necessity);
    assert_matches_r("LF_STB_LIT_nec", relation, &rows);
    // A single literal on the right stays the outcome, as in R.
    let s = Statement::parse("STB <- SURV").expect("parse");
    assert_eq!(s.expression.to_string(), "STB");
    assert_eq!(s.arrow.expect("arrow").outcome.name, "SURV");
}

#[test]
fn multi_value_outcome_after_an_arrow_by_hand() {
    // Y has levels 0, 1, 2; Y[2] is the set of cases at level 2: cases 3 and 4.
    let data = SetData::new(
        (1..=5).map(|i| format!("c{i}")).collect(),
        vec!["A".into(), "B".into(), "Y".into()],
        vec![
            vec![0.2, 0.9, 0.8, 0.6, 0.1],
            vec![1.0, 0.0, 1.0, 0.0, 1.0],
            vec![0.0, 1.0, 2.0, 2.0, 0.0],
        ],
    )
    .expect("data");
    let s = Statement::parse("A*B -> Y[2]").expect("parse");
    let arrow = s.arrow.clone().expect("arrow");
    assert_eq!(
        (arrow.outcome.name.as_str(), arrow.outcome.levels.as_slice()),
        ("Y", &[2_u32][..])
    );
    // A*B = min: 0.2, 0, 0.8, 0, 0.1; Y[2] = 0, 0, 1, 1, 0.
    // ΣX = 1.1, Σmin(X,Y) = 0.8, ΣY = 2: inclS = 0.8/1.1, covS = 0.8/2.
    // Σmin(X,Y,1−Y) = 0: PRI = inclS.
    let (_, rows) = pof(&data, "A*B -> Y[2]");
    let expected = [0.8 / 1.1, 0.8 / 1.1, 0.4];
    for (c, want) in expected.iter().enumerate() {
        assert!(
            close(rows[0][c], *want),
            "column {c}: {} vs {want}",
            rows[0][c]
        );
    }
    // Necessity of A + ~B for ~Y[2] (cases 1, 2, 5): A + ~B = max: 0.2, 1, 0.8, 1, 0.1.
    // ΣY = 3, Σmin(X,Y) = 0.2 + 1 + 0.1 = 1.3: inclN = 1.3/3; ΣX = 3.1: covN = 1.3/3.1;
    // RoN = Σ(1−X) / Σ(1−min(X,Y)) = (0.8+0+0.2+0+0.9) / (0.8+0+1+1+0.9) = 1.9/3.7.
    let (relation, rows) = pof(&data, "A + ~B <- ~Y[2]");
    assert_eq!(relation, Relation::Necessity);
    let whole = rows.last().expect("expression row");
    for (c, want) in [1.3 / 3.0, 1.9 / 3.7, 1.3 / 3.1].iter().enumerate() {
        assert!(close(whole[c], *want), "column {c}: {} vs {want}", whole[c]);
    }
}

/// The catalogue key of an engine error, and its position for expression errors.
fn key_of(e: &QcaError) -> (String, Option<usize>) {
    match e {
        QcaError::Expression {
            position, message, ..
        } => (message.key.to_string(), Some(*position)),
        other => (other.msg().key.to_string(), None),
    }
}

#[test]
fn both_way_arrow_is_refused_in_fit() {
    for (text, position) in [("A <-> Y", 3), ("A<=>Y", 2)] {
        let e = Statement::parse(text).expect_err(text);
        assert_eq!(
            key_of(&e),
            ("qca-fit-arrow-both".into(), Some(position)),
            "{text}"
        );
        let english = e.to_string();
        assert!(
            english.contains("->") && english.contains("<-"),
            "{english}"
        );
    }
}

#[test]
fn malformed_arrows_give_errors_at_their_place() {
    let cases: [(&str, &str, usize); 7] = [
        ("A -> Y -> Z", "qca-fit-arrow-twice", 8),
        ("-> Y", "qca-fit-arrow-no-expression", 1),
        ("A*B ->  ", "qca-fit-arrow-no-outcome", 9),
        ("A + B -> C*D", "qca-fit-arrow-outcome-not-a-set", 1),
        ("A -> (Y)", "qca-fit-arrow-outcome-not-a-set", 5),
        // The expression's own errors point into the whole text.
        ("A*+B -> Y", "qca-expr-expected-name-after", 3),
        ("A -> Y[x]", "qca-outcome-bad-level", 8),
    ];
    for (text, key, position) in cases {
        let e = Statement::parse(text).expect_err(text);
        assert_eq!(key_of(&e), (key.to_string(), Some(position)), "{text}: {e}");
        if let QcaError::Expression { expression, .. } = &e {
            assert_eq!(expression, text, "the error quotes the whole text");
        }
    }
    // An outcome that is not a set name (a digit first).
    let e = Statement::parse("A -> 1Y").expect_err("1Y");
    assert_eq!(
        key_of(&e),
        ("qca-fit-arrow-outcome-not-a-set".into(), Some(6))
    );
}

#[test]
fn an_arrow_where_only_an_expression_is_read_is_named() {
    // Before issue 8 item 6, `A*B -> Y` in an expression said "unexpected character '-'".
    let e = Expression::parse("A*B -> Y").expect_err("arrow");
    assert_eq!(key_of(&e), ("qca-expr-arrow".into(), Some(5)));
    assert!(e.to_string().contains("'->'"), "{e}");
    let e = Expression::parse("A <- Y").expect_err("arrow");
    assert_eq!(key_of(&e), ("qca-expr-arrow".into(), Some(3)));
    // A statement without an arrow is the expression.
    let s = Statement::parse("~A*B + C").expect("parse");
    assert_eq!(s.arrow, None);
    assert_eq!(s.expression, Expression::parse("~A*B + C").expect("parse"));
}

#[test]
fn outcome_of_the_arrow_and_outcome_option_must_agree() {
    let parse = |t: &str| Statement::parse(t).expect(t);
    let suf = parse("A*B -> Y");
    let plain = parse("A + B");
    // The arrow's outcome alone, or the same given separately (in another spelling).
    assert_eq!(
        statements_outcome(&[suf.clone(), plain.clone()], None)
            .expect("outcome")
            .to_string(),
        "Y"
    );
    assert!(statements_outcome(std::slice::from_ref(&suf), Some(" Y ")).is_ok());
    let multi = parse("A -> Y{2,1}");
    assert_eq!(
        statements_outcome(&[multi], Some("Y[1,2]"))
            .expect("same set")
            .to_string(),
        "Y[1,2]"
    );
    // Different: an error naming both.
    let e = statements_outcome(std::slice::from_ref(&suf), Some("~Y")).expect_err("conflict");
    assert_eq!(key_of(&e).0, "qca-fit-outcome-conflict");
    let english = e.to_string();
    assert!(
        english.contains("--outcome ~Y")
            && english.contains("outcome Y")
            && english.contains("A*B -> Y"),
        "{english}"
    );
    let e = statements_outcome(&[suf, parse("C <- Z")], None).expect_err("two outcomes");
    assert_eq!(key_of(&e).0, "qca-fit-outcomes-differ");
    assert!(
        e.to_string().contains("Y in \"A*B -> Y\"") && e.to_string().contains("Z in \"C <- Z\""),
        "{e}"
    );
    // Nowhere: an error naming --outcome and the arrow.
    let e = statements_outcome(&[plain], None).expect_err("no outcome");
    assert_eq!(key_of(&e).0, "qca-fit-no-outcome");
    assert!(e.to_string().contains("--outcome") && e.to_string().contains("->"));
    assert_eq!(
        key_of(&statements_outcome(&[], None).expect_err("none")).0,
        "qca-fit-no-outcome"
    );
    // Without arrows the given outcome is used.
    assert_eq!(
        statements_outcome(&[], Some("~SURV"))
            .expect("given")
            .to_string(),
        "~SURV"
    );
}
