//! Parameters of fit against R's `pof()` (testdata/validation/expected/pof.json), a hand
//! calculation, and properties that must hold for any memberships.

mod support;

use std::collections::HashMap;

use kantel_qca::fit::{
    ModelFit, model_fit, model_fit_with_floor, necessity, necessity_model_fit, pof_expression,
    sufficiency,
};
use proptest::prelude::*;
use serde_json::Value;
use support::{load, testdata};

/// Reads data/<name>.csv into columns by name.
fn read_data(name: &str) -> HashMap<String, Vec<f64>> {
    let d = load(name);
    d.names()
        .iter()
        .enumerate()
        .map(|(i, n)| (n.clone(), d.column_at(i).to_vec()))
        .collect()
}

/// A JSON value that R wrote either as an array or, for one element, as a scalar.
fn numbers(v: &Value) -> Vec<f64> {
    match v {
        Value::Array(items) => items
            .iter()
            .map(|x| x.as_f64().unwrap_or(f64::NAN))
            .collect(),
        other => vec![other.as_f64().unwrap_or(f64::NAN)],
    }
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items
            .iter()
            .map(|x| x.as_str().expect("string").to_string())
            .collect(),
        other => vec![other.as_str().expect("string").to_string()],
    }
}

/// Equal within 1e-6, or both NaN (R's NA/NaN arrive as null).
fn close(actual: f64, expected: f64) -> bool {
    (actual.is_nan() && expected.is_nan()) || (actual - expected).abs() <= 1e-6
}

/// Membership in a product of literals (`~` negates), computed directly from the columns.
fn product(data: &HashMap<String, Vec<f64>>, literals: &[&str]) -> Vec<f64> {
    let columns: Vec<(bool, &Vec<f64>)> = literals
        .iter()
        .map(|lit| match lit.strip_prefix('~') {
            Some(name) => (true, &data[name]),
            None => (false, &data[*lit]),
        })
        .collect();
    let n = columns[0].1.len();
    (0..n)
        .map(|r| {
            columns
                .iter()
                .map(|(neg, col)| if *neg { 1.0 - col[r] } else { col[r] })
                .fold(f64::INFINITY, f64::min)
        })
        .collect()
}

#[derive(Clone, Copy, PartialEq)]
enum Rel {
    Nec,
    Suf,
}

/// What each pof.json key computed (see expected/INDEX.md for the R calls).
enum Setms {
    /// Every condition column separately (optionally as 1 − column), as `pof(LF[, 1:5], ...)`.
    EachColumn { complement: bool },
    /// A sum of products, each term a list of literals, as `pof("A*~B + C -> Y", data)`.
    Expression(&'static [&'static [&'static str]]),
}

struct Spec {
    data: &'static str,
    setms: Setms,
    outcome: &'static str,
    relation: Rel,
}

fn spec(key: &str) -> Spec {
    use Rel::*;
    use Setms::*;
    let (data, setms, outcome, relation) = match key {
        "LF_each_nec" => ("LF", EachColumn { complement: false }, "SURV", Nec),
        "LF_each_neg_nec" => ("LF", EachColumn { complement: true }, "SURV", Nec),
        "LF_each_suf" => ("LF", EachColumn { complement: false }, "SURV", Suf),
        "LF_sol_suf" => (
            "LF",
            Expression(&[&["DEV", "~IND"], &["URB", "STB"]]),
            "SURV",
            Suf,
        ),
        "LF_STB_LIT_nec" => ("LF", Expression(&[&["STB"], &["LIT"]]), "SURV", Nec),
        "LC_each_nec" => ("LC", EachColumn { complement: false }, "SURV", Nec),
        "LC_each_suf" => ("LC", EachColumn { complement: false }, "SURV", Suf),
        "CVF_each_nec" => ("CVF", EachColumn { complement: false }, "PROTEST", Nec),
        "CVF_each_suf" => ("CVF", EachColumn { complement: false }, "PROTEST", Suf),
        "CVF_expr_suf" => (
            "CVF",
            Expression(&[&["~NATPRIDE"], &["GEOCON"]]),
            "PROTEST",
            Suf,
        ),
        "CVF_expr_suf_neg" => (
            "CVF",
            Expression(&[&["~NATPRIDE"], &["GEOCON"]]),
            "~PROTEST",
            Suf,
        ),
        "CVF_expr_nec" => (
            "CVF",
            Expression(&[&["~NATPRIDE"], &["GEOCON"]]),
            "PROTEST",
            Nec,
        ),
        other => panic!("pof.json key {other} has no specification in this test"),
    };
    Spec {
        data,
        setms,
        outcome,
        relation,
    }
}

/// Our rows (name, values in R's column order) for one key.
fn compute(spec: &Spec, expected_rows: &[String]) -> Vec<(String, Vec<f64>)> {
    let data = read_data(spec.data);
    let y: Vec<f64> = match spec.outcome.strip_prefix('~') {
        Some(name) => data[name].iter().map(|v| 1.0 - v).collect(),
        None => data[spec.outcome].clone(),
    };
    let (names, terms, with_expression): (Vec<String>, Vec<Vec<f64>>, bool) = match &spec.setms {
        Setms::EachColumn { complement } => {
            let names: Vec<String> = expected_rows.to_vec();
            let terms = names
                .iter()
                .map(|n| {
                    data[n]
                        .iter()
                        .map(|v| if *complement { 1.0 - v } else { *v })
                        .collect()
                })
                .collect();
            (names, terms, false)
        }
        Setms::Expression(products) => {
            let names = products.iter().map(|p| p.join("*")).collect();
            let terms = products.iter().map(|p| product(&data, p)).collect();
            (names, terms, true)
        }
    };
    let mut rows = Vec::new();
    match spec.relation {
        Rel::Nec => {
            let fit = necessity_model_fit(&terms, &y);
            for (name, t) in names.iter().zip(&fit.terms) {
                rows.push((name.clone(), vec![t.incl, t.ron, t.cov]));
            }
            if with_expression {
                let e = fit.expression;
                rows.push(("expression".into(), vec![e.incl, e.ron, e.cov]));
            }
        }
        Rel::Suf => {
            let fit: ModelFit = model_fit(&terms, &y);
            for (name, t) in names.iter().zip(&fit.terms) {
                rows.push((name.clone(), vec![t.incl, t.pri, t.cov, t.cov_u]));
            }
            if with_expression {
                rows.push((
                    "expression".into(),
                    vec![fit.incl, fit.pri, fit.cov, f64::NAN],
                ));
            }
        }
    }
    rows
}

#[test]
fn parity_with_r_pof_for_every_key() {
    let path = testdata().join("expected/pof.json");
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("pof.json")).expect("JSON");
    let keys = json.as_object().expect("object");
    assert_eq!(
        keys.len(),
        12,
        "pof.json keys changed: update the specifications"
    );
    let mut checked = 0;
    for (key, entry) in keys {
        let spec = spec(key);
        let table = &entry["incl.cov"];
        let expected_rows = strings(&table[".row"]);
        let columns: &[&str] = match spec.relation {
            Rel::Nec => &["inclN", "RoN", "covN"],
            Rel::Suf => &["inclS", "PRI", "covS", "covU"],
        };
        let expected: Vec<Vec<f64>> = columns.iter().map(|c| numbers(&table[*c])).collect();
        let ours = compute(&spec, &expected_rows);
        let our_names: Vec<&String> = ours.iter().map(|(n, _)| n).collect();
        assert_eq!(
            our_names,
            expected_rows.iter().collect::<Vec<_>>(),
            "{key}: rows"
        );
        for (r, (name, values)) in ours.iter().enumerate() {
            for (c, column) in columns.iter().enumerate() {
                let want = expected[c][r];
                assert!(
                    close(values[c], want),
                    "{key}, row {name}, {column}: ours {} R {want}",
                    values[c]
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 150, "only {checked} numbers compared");
}

#[test]
fn hand_calculated_example() {
    let x = [0.2, 0.6, 1.0, 0.0];
    let y = [0.5, 0.4, 0.9, 0.3];
    // min(X,Y) = .2 .4 .9 0 → 1.5; ΣX = 1.8; ΣY = 2.1
    // min(X,Y,1−Y) = .2 .4 .1 0 → 0.7; Σ(1−X) = 2.2; Σ(1−min(X,Y)) = 2.5
    let fit = pof_expression(&x, &y);
    let s = fit.sufficiency;
    assert!((s.incl - 1.5 / 1.8).abs() < 1e-12);
    assert!((s.pri - 0.8 / 1.1).abs() < 1e-12);
    assert!((s.cov - 1.5 / 2.1).abs() < 1e-12);
    let n = fit.necessity;
    assert!((n.incl - 1.5 / 2.1).abs() < 1e-12);
    assert!((n.ron - 2.2 / 2.5).abs() < 1e-12);
    assert!((n.cov - 1.5 / 1.8).abs() < 1e-12);
}

#[test]
fn hand_calculated_unique_coverage() {
    // Y covers cases 0, 1, 2. A covers 0 and 1, B covers 1 and 2: each covers one case alone.
    let a = vec![1.0, 1.0, 0.0, 0.0];
    let b = vec![0.0, 1.0, 1.0, 0.0];
    let y = [1.0, 1.0, 1.0, 0.0];
    let fit = model_fit(&[a.clone(), b], &y);
    for t in &fit.terms {
        assert!((t.cov - 2.0 / 3.0).abs() < 1e-12);
        assert!((t.cov_u - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!((t.incl, t.pri), (1.0, 1.0));
    }
    assert_eq!((fit.incl, fit.pri, fit.cov), (1.0, 1.0, 1.0));
    // R reports covU as NA for a model with a single term.
    assert!(model_fit(&[a], &y).terms[0].cov_u.is_nan());
}

#[test]
fn zero_denominators_give_nan_and_tiny_values_are_floored() {
    let fit = sufficiency(&[0.0, 0.0], &[0.3, 0.8]);
    assert!(fit.incl.is_nan() && fit.pri.is_nan());
    assert_eq!(fit.cov, 0.0);
    let fit = necessity(&[0.4, 0.2], &[0.0, 0.0]);
    assert!(fit.incl.is_nan());
    assert_eq!(fit.cov, 0.0);
    // Everyone fully in X and Y: Σ(1−min(X,Y)) = 0.
    assert!(necessity(&[1.0], &[1.0]).ron.is_nan());
    // R sets values below 1e-5 to 0: inclS = 1e-6 / 1.
    let fit = sufficiency(&[1.0, 0.0], &[0.000_001, 0.0]);
    assert_eq!(fit.incl, 0.0);
    assert!(sufficiency(&[], &[]).incl.is_nan());
}

fn memberships(len: std::ops::Range<usize>) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(
        prop_oneof![
            (0_u32..=100).prop_map(|v| f64::from(v) / 100.0),
            0.0..=1.0_f64
        ],
        len,
    )
}

fn pair() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
    (0_usize..25).prop_flat_map(|n| (memberships(n..n + 1), memberships(n..n + 1)))
}

fn in_unit_or_nan_for_zero(value: f64, denominator: f64) -> bool {
    if value.is_nan() {
        denominator == 0.0
    } else {
        (0.0..=1.0).contains(&value)
    }
}

proptest! {
    #[test]
    fn fits_lie_in_unit_interval_or_are_nan_for_zero_denominators((x, y) in pair()) {
        let sx: f64 = x.iter().sum();
        let sy: f64 = y.iter().sum();
        let sxy: f64 = x.iter().zip(&y).map(|(a, b)| a.min(*b)).sum();
        let s3: f64 = x.iter().zip(&y).map(|(a, b)| a.min(*b).min(1.0 - b)).sum();
        let s_not_xy: f64 = x.iter().zip(&y).map(|(a, b)| 1.0 - a.min(*b)).sum();
        let s = sufficiency(&x, &y);
        prop_assert!(in_unit_or_nan_for_zero(s.incl, sx));
        prop_assert!(in_unit_or_nan_for_zero(s.pri, sx - s3));
        prop_assert!(in_unit_or_nan_for_zero(s.cov, sy));
        let n = necessity(&x, &y);
        prop_assert!(in_unit_or_nan_for_zero(n.incl, sy));
        prop_assert!(in_unit_or_nan_for_zero(n.ron, s_not_xy));
        prop_assert!(in_unit_or_nan_for_zero(n.cov, sx));
        prop_assert!(sxy <= sx + 1e-12);
    }

    #[test]
    fn necessity_is_sufficiency_with_roles_swapped((x, y) in pair()) {
        let n = necessity(&x, &y);
        let s = sufficiency(&y, &x);
        prop_assert!(n.incl.to_bits() == s.incl.to_bits() || (n.incl.is_nan() && s.incl.is_nan()));
        prop_assert!(n.cov.to_bits() == s.cov.to_bits() || (n.cov.is_nan() && s.cov.is_nan()));
    }

    #[test]
    fn unique_coverage_is_coverage_lost_without_the_term(
        (terms, y) in (1_usize..12, 2_usize..5).prop_flat_map(|(n, k)| {
            (prop::collection::vec(memberships(n..n + 1), k), memberships(n..n + 1))
        })
    ) {
        let fit = model_fit_with_floor(&terms, &y, 0.0);
        let union = |skip: Option<usize>| -> Vec<f64> {
            (0..y.len())
                .map(|r| {
                    terms.iter().enumerate().filter(|(i, _)| Some(*i) != skip).map(|(_, t)| t[r]).fold(0.0, f64::max)
                })
                .collect()
        };
        let sy: f64 = y.iter().sum();
        let sxy = |v: &[f64]| -> f64 { v.iter().zip(&y).map(|(a, b)| a.min(*b)).sum() };
        for (i, t) in fit.terms.iter().enumerate() {
            if sy > 0.0 {
                // cov(model) − cov(model without the term), unfloored.
                let expected = (sxy(&union(None)) - sxy(&union(Some(i)))) / sy;
                prop_assert!((t.cov_u - expected).abs() < 1e-9, "term {i}: {} vs {expected}", t.cov_u);
            } else {
                prop_assert!(t.cov_u.is_nan());
            }
        }
        let whole = union(None);
        let sum_whole: f64 = whole.iter().sum();
        prop_assert!(close(fit.incl, sxy(&whole) / sum_whole) && close(fit.cov, sxy(&whole) / sy));
    }
}
