//! The necessity/sufficiency search against R's `superSubset()`
//! (testdata/validation/expected/superSubset.json), the necessity table against R's `pof()`,
//! and a brute-force restatement of the search rules on random data.

mod support;

use std::collections::BTreeSet;

use kantel_qca::necessity::{
    OutcomeSpec, Relation, SearchOptions, TermKind, necessity_table, super_subset,
};
use kantel_qca::{QcaError, SetData};
use proptest::prelude::*;
use serde_json::Value;
use support::{load, testdata};

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

/// The R call behind each superSubset.json key (expected/INDEX.md).
fn spec(key: &str) -> (&'static str, &'static str, SearchOptions) {
    let nec = |incl_cut: f64, cov_cut: f64| SearchOptions {
        incl_cut,
        cov_cut,
        ..SearchOptions::default()
    };
    let suf = |incl_cut: f64| SearchOptions {
        relation: Relation::Sufficiency,
        incl_cut,
        ..SearchOptions::default()
    };
    match key {
        "LC_SURV" => ("LC", "SURV", SearchOptions::default()),
        "LC_negSURV" => ("LC", "~SURV", SearchOptions::default()),
        "LM_SURV" => ("LM", "SURV", SearchOptions::default()),
        "LF_SURV_nec_i0.9_c0.5" => ("LF", "SURV", nec(0.9, 0.5)),
        "LF_SURV_suf_i0.8" => ("LF", "SURV", suf(0.8)),
        "CVF_PROTEST_nec_i0.9_c0.6" => ("CVF", "PROTEST", nec(0.9, 0.6)),
        "CVF_negPROTEST_nec_i0.9_c0.6" => ("CVF", "~PROTEST", nec(0.9, 0.6)),
        "CVF_PROTEST_suf_i0.85" => ("CVF", "PROTEST", suf(0.85)),
        other => panic!("superSubset.json key {other} has no specification in this test"),
    }
}

#[test]
fn parity_with_r_super_subset_for_every_key() {
    let path = testdata().join("expected/superSubset.json");
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("superSubset.json"))
            .expect("JSON");
    let keys = json.as_object().expect("object");
    assert_eq!(
        keys.len(),
        8,
        "superSubset.json keys changed: update the specifications"
    );
    for (key, entry) in keys {
        let (data_name, outcome, options) = spec(key);
        let data = load(data_name);
        let found = super_subset(&data, outcome, false, &[], &options)
            .unwrap_or_else(|e| panic!("{key}: {e}"));
        let table = &entry["incl.cov"];
        let expected_rows = strings(&table[".row"]);
        let ours: Vec<&str> = found.iter().map(|t| t.expression.as_str()).collect();
        // Same expressions in the same order as R.
        assert_eq!(ours, expected_rows, "{key}: expressions");
        let columns: [&str; 3] = match options.relation {
            Relation::Necessity => ["inclN", "RoN", "covN"],
            Relation::Sufficiency => ["inclS", "PRI", "covS"],
        };
        for (c, column) in columns.iter().enumerate() {
            let expected = numbers(&table[*column]);
            for (term, want) in found.iter().zip(&expected) {
                let got = [term.incl, term.ron_or_pri, term.cov][c];
                assert!(
                    (got - want).abs() <= 1e-6,
                    "{key}, {}, {column}: ours {got} R {want}",
                    term.expression
                );
            }
        }
    }
}

#[test]
fn memberships_and_literals_of_found_terms() {
    let data = load("LC");
    let found = super_subset(&data, "SURV", false, &[], &SearchOptions::default()).expect("search");
    let col = |n: &str| data.column(n).expect("column").to_vec();
    let dev_lit = found
        .iter()
        .find(|t| t.expression == "DEV*LIT")
        .expect("DEV*LIT");
    assert_eq!(dev_lit.kind, TermKind::Conjunction);
    let expected: Vec<f64> = col("DEV")
        .iter()
        .zip(col("LIT"))
        .map(|(a, b)| a.min(b))
        .collect();
    assert_eq!(dev_lit.memberships, expected);
    let disj = found
        .iter()
        .find(|t| t.expression == "~URB + IND")
        .expect("~URB + IND");
    assert_eq!(disj.kind, TermKind::Disjunction);
    let expected: Vec<f64> = col("URB")
        .iter()
        .zip(col("IND"))
        .map(|(u, i)| (1.0 - u).max(i))
        .collect();
    assert_eq!(disj.memberships, expected);
    assert_eq!(
        disj.literals
            .iter()
            .map(|l| (l.condition.as_str(), l.level))
            .collect::<Vec<_>>(),
        [("URB", 0), ("IND", 1)]
    );
}

#[test]
fn ron_cut_filters_after_the_search() {
    // R applies ron.cut after the search; the rows of LC_SURV with RoN ≥ 0.75 (read off the
    // R output above) remain, in the same order.
    let data = load("LC");
    let options = SearchOptions {
        ron_cut: 0.75,
        ..SearchOptions::default()
    };
    let found = super_subset(&data, "SURV", false, &[], &options).expect("search");
    let names: Vec<&str> = found.iter().map(|t| t.expression.as_str()).collect();
    assert_eq!(
        names,
        ["DEV", "DEV*LIT", "DEV*STB", "LIT*STB", "DEV*LIT*STB"]
    );
    // A RoN exactly at the cut-off passes (DEV has RoN 0.8 = 4/5).
    let options = SearchOptions {
        ron_cut: 0.8,
        ..SearchOptions::default()
    };
    let found = super_subset(&data, "SURV", false, &[], &options).expect("search");
    assert!(found.iter().any(|t| t.expression == "DEV"));
}

#[test]
fn conditions_and_depth_limit_the_search() {
    let data = load("LC");
    let conditions = vec!["URB".to_string(), "IND".to_string()];
    let found =
        super_subset(&data, "SURV", false, &conditions, &SearchOptions::default()).expect("search");
    let names: Vec<&str> = found.iter().map(|t| t.expression.as_str()).collect();
    assert_eq!(names, ["~URB + IND"]);
    let options = SearchOptions {
        depth: Some(1),
        ..SearchOptions::default()
    };
    let found = super_subset(&data, "SURV", false, &[], &options).expect("search");
    let names: Vec<&str> = found.iter().map(|t| t.expression.as_str()).collect();
    assert_eq!(names, ["DEV", "LIT", "STB"]);
    // Negating twice (a `~` and the flag) is the outcome itself.
    let twice = super_subset(&data, "~SURV", true, &[], &SearchOptions::default()).expect("search");
    let once = super_subset(&data, "SURV", false, &[], &SearchOptions::default()).expect("search");
    assert_eq!(twice, once);
}

#[test]
fn necessity_table_matches_r_pof() {
    let path = testdata().join("expected/pof.json");
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("pof.json")).expect("JSON");
    for (data_name, outcome, positive, negative) in [
        ("LF", "SURV", "LF_each_nec", Some("LF_each_neg_nec")),
        ("LC", "SURV", "LC_each_nec", None),
        ("CVF", "PROTEST", "CVF_each_nec", None),
    ] {
        let data = load(data_name);
        let rows = necessity_table(&data, outcome, false, &[]).expect("table");
        for (key, negated) in [(Some(positive), false), (negative, true)] {
            let Some(key) = key else { continue };
            let table = &json[key]["incl.cov"];
            let names = strings(&table[".row"]);
            let (incl, ron, cov) = (
                numbers(&table["inclN"]),
                numbers(&table["RoN"]),
                numbers(&table["covN"]),
            );
            for (i, name) in names.iter().enumerate() {
                let expression = if negated {
                    format!("~{name}")
                } else {
                    name.clone()
                };
                let row = rows
                    .iter()
                    .find(|r| r.expression == expression)
                    .expect("row");
                let fit = row.fit;
                assert!(
                    (fit.incl - incl[i]).abs() <= 1e-6,
                    "{key} {expression} inclN"
                );
                assert!((fit.ron - ron[i]).abs() <= 1e-6, "{key} {expression} RoN");
                assert!((fit.cov - cov[i]).abs() <= 1e-6, "{key} {expression} covN");
            }
        }
        assert_eq!(
            rows.len(),
            10,
            "{data_name}: each condition and its negation"
        );
        assert_eq!(rows[0].expression, data.names()[0]);
        assert_eq!(rows[1].expression, format!("~{}", data.names()[0]));
    }
}

#[test]
fn multi_value_levels_and_outcomes() {
    let data = load("LM");
    let rows = necessity_table(&data, "SURV", false, &[]).expect("table");
    // DEV has levels 0, 1, 2; with a multi-value condition present every literal has a level.
    let names: Vec<&str> = rows.iter().map(|r| r.expression.as_str()).collect();
    assert_eq!(
        &names[..5],
        ["DEV[0]", "DEV[1]", "DEV[2]", "URB[0]", "URB[1]"]
    );
    // LIT[1] is necessary for SURV (inclN = 1 in the R output of superSubset(LM, "SURV")).
    let lit1 = rows
        .iter()
        .find(|r| r.expression == "LIT[1]")
        .expect("LIT[1]");
    assert!((lit1.fit.incl - 1.0).abs() < 1e-12 && (lit1.fit.ron - 0.5).abs() < 1e-12);

    // A multi-value outcome needs a level; `DEV[2]` is level 2, `~DEV[2]` everything else.
    let dev = data.column("DEV").expect("DEV").to_vec();
    let level2 = OutcomeSpec::parse("DEV[2]")
        .expect("parse")
        .membership(&data)
        .expect("membership");
    assert_eq!(
        level2,
        dev.iter()
            .map(|v| if *v == 2.0 { 1.0 } else { 0.0 })
            .collect::<Vec<_>>()
    );
    let not2 = OutcomeSpec::parse(" ~DEV{2} ")
        .expect("parse")
        .membership(&data)
        .expect("membership");
    assert_eq!(
        not2,
        dev.iter()
            .map(|v| if *v == 2.0 { 0.0 } else { 1.0 })
            .collect::<Vec<_>>()
    );
    let either = OutcomeSpec::parse("DEV[1,2]")
        .expect("parse")
        .membership(&data)
        .expect("membership");
    assert_eq!(
        either,
        dev.iter()
            .map(|v| if *v >= 1.0 { 1.0 } else { 0.0 })
            .collect::<Vec<_>>()
    );
    let conditions: Vec<String> = ["URB", "LIT", "IND", "STB"].map(String::from).to_vec();
    let found = super_subset(
        &data,
        "DEV[2]",
        false,
        &conditions,
        &SearchOptions::default(),
    )
    .expect("search");
    assert!(!found.is_empty());
    for t in &found {
        assert!(t.incl >= 1.0 - 1e-9, "{}", t.expression);
        // As in R, only multi-value conditions switch to level notation; these are crisp.
        assert!(!t.expression.contains('['), "{}", t.expression);
    }
    assert!(matches!(
        super_subset(&data, "DEV", false, &conditions, &SearchOptions::default()),
        Err(QcaError::Settings(m)) if m.to_string().contains("DEV[2]")
    ));
}

#[test]
fn bad_input_gives_errors_that_name_the_problem() {
    let lf = load("LF");
    let lr = load("LR");
    let default = SearchOptions::default();
    assert!(matches!(
        super_subset(&lf, "NOPE", false, &[], &default),
        Err(QcaError::UnknownColumn { .. })
    ));
    assert!(
        matches!(super_subset(&lr, "SURV", false, &[], &default), Err(QcaError::Membership(m)) if m.to_string().contains("SURV"))
    );
    let raw_cond = lr
        .with_column("SURV", vec![0.0; lr.n_cases()])
        .expect("column");
    assert!(
        matches!(super_subset(&raw_cond, "SURV", false, &[], &default), Err(QcaError::Membership(m)) if m.to_string().contains("DEV"))
    );
    assert!(matches!(
        super_subset(&lf, "SURV[1]", false, &[], &default),
        Err(QcaError::Settings(_))
    ));
    let both = vec!["DEV".to_string(), "SURV".to_string()];
    assert!(
        matches!(super_subset(&lf, "SURV", false, &both, &default), Err(QcaError::Settings(m)) if m.to_string().contains("SURV"))
    );
    let bad_cut = SearchOptions {
        incl_cut: 1.5,
        ..default
    };
    assert!(
        matches!(super_subset(&lf, "SURV", false, &[], &bad_cut), Err(QcaError::Settings(m)) if m.to_string().contains("incl.cut"))
    );
    let zero_depth = SearchOptions {
        depth: Some(0),
        ..default
    };
    assert!(super_subset(&lf, "SURV", false, &[], &zero_depth).is_err());
    assert!(matches!(
        OutcomeSpec::parse("Y[2"),
        Err(QcaError::Expression { position: 4, .. })
    ));
    assert!(matches!(
        OutcomeSpec::parse("Y[a]"),
        Err(QcaError::Expression { position: 3, .. })
    ));
    assert!(matches!(
        OutcomeSpec::parse("~"),
        Err(QcaError::Expression { .. })
    ));
    let lc = load("LC");
    assert!(matches!(
        OutcomeSpec::parse("SURV[2]")
            .expect("parse")
            .membership(&lc),
        Err(QcaError::Settings(_))
    ));
    // Nothing passes: an empty result, not an error.
    let strict = SearchOptions {
        cov_cut: 1.0,
        ..default
    };
    assert_eq!(
        super_subset(&lf, "SURV", false, &[], &strict).expect("search"),
        vec![]
    );
}

// ---------------------------------------------------------------------------------------
// Brute force: the search rules restated over sets of literals.

type LiteralSet = BTreeSet<(usize, u32)>;

/// All sets of up to `depth` literals with at most one level per condition.
fn all_literal_sets(levels: &[u32], depth: usize) -> Vec<LiteralSet> {
    let mut out: Vec<LiteralSet> = vec![LiteralSet::new()];
    for (c, n) in levels.iter().enumerate() {
        let mut extended = Vec::new();
        for set in &out {
            for l in 0..*n {
                if set.len() < depth {
                    let mut s = set.clone();
                    s.insert((c, l));
                    extended.push(s);
                }
            }
        }
        out.extend(extended);
    }
    out.retain(|s| !s.is_empty());
    out.sort_by_key(|s| s.len());
    out
}

fn literal_value(column: &[f64], fuzzy: bool, level: u32, r: usize) -> f64 {
    if fuzzy {
        if level == 1 {
            column[r]
        } else {
            1.0 - column[r]
        }
    } else if column[r] == f64::from(level) {
        1.0
    } else {
        0.0
    }
}

/// (inclusion, coverage) of a membership vector for the relation, with 0/0 read as 0.
fn incl_cov(x: &[f64], y: &[f64], nec: bool) -> (f64, f64) {
    let q = |a: f64, b: f64| if a == 0.0 && b == 0.0 { 0.0 } else { a / b };
    let sxy: f64 = x.iter().zip(y).map(|(a, b)| a.min(*b)).sum();
    let (sx, sy): (f64, f64) = (x.iter().sum(), y.iter().sum());
    if nec {
        (q(sxy, sy), q(sxy, sx))
    } else {
        (q(sxy, sx), q(sxy, sy))
    }
}

#[derive(Debug)]
struct Random {
    columns: Vec<Vec<f64>>,
    fuzzy: Vec<bool>,
    levels: Vec<u32>,
    outcome: Vec<f64>,
}

fn random_data(conditions: std::ops::Range<usize>) -> impl Strategy<Value = Random> {
    (1_usize..14, conditions).prop_flat_map(|(n, k)| {
        let column = prop_oneof![
            prop::collection::vec((0_u32..=10).prop_map(|v| f64::from(v) / 10.0), n)
                .prop_map(|c| (c, 0)),
            prop::collection::vec((0_u32..=1).prop_map(f64::from), n).prop_map(|c| (c, 1)),
            prop::collection::vec((0_u32..=2).prop_map(f64::from), n).prop_map(|c| (c, 2)),
        ];
        (
            prop::collection::vec(column, k),
            prop::collection::vec((0_u32..=10).prop_map(|v| f64::from(v) / 10.0), n),
        )
            .prop_map(|(cols, outcome)| {
                let fuzzy = cols
                    .iter()
                    .map(|(c, _)| c.iter().any(|v| v.fract() != 0.0))
                    .collect();
                let levels = cols
                    .iter()
                    .map(|(c, _)| {
                        if c.iter().any(|v| v.fract() != 0.0) {
                            2
                        } else {
                            (c.iter().cloned().fold(0.0, f64::max) as u32 + 1).max(2)
                        }
                    })
                    .collect();
                Random {
                    columns: cols.into_iter().map(|(c, _)| c).collect(),
                    fuzzy,
                    levels,
                    outcome,
                }
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn search_keeps_exactly_what_the_rules_say(
        d in random_data(2..5),
        incl_cut in prop_oneof![Just(0.6), Just(0.75), Just(0.9), Just(1.0)],
        cov_cut in prop_oneof![Just(0.0), Just(0.5)],
        nec in any::<bool>(),
    ) {
        let names: Vec<String> = (0..d.columns.len()).map(|i| format!("C{i}")).collect();
        let mut all_names = names.clone();
        all_names.push("Y".into());
        let mut columns = d.columns.clone();
        columns.push(d.outcome.clone());
        let n = d.outcome.len();
        let data = SetData::new((1..=n).map(|i| format!("case{i}")).collect(), all_names, columns).expect("data");
        let relation = if nec { Relation::Necessity } else { Relation::Sufficiency };
        let options = SearchOptions { relation, incl_cut, cov_cut, exhaustive: true, ..SearchOptions::default() };
        let found = super_subset(&data, "Y", false, &[], &options).expect("search");

        let tol = 1.5e-8;
        let passes = |x: &[f64]| {
            let (i, c) = incl_cov(x, &d.outcome, nec);
            i >= incl_cut - tol && c >= cov_cut - tol
        };
        let mut conj: Vec<LiteralSet> = Vec::new();
        let mut disj: Vec<LiteralSet> = Vec::new();
        for set in all_literal_sets(&d.levels, d.columns.len()) {
            let (columns, fuzzy) = (&d.columns, &d.fuzzy);
            let cells: Vec<Vec<f64>> = (0..n)
                .map(|r| set.iter().map(|(c, l)| literal_value(&columns[*c], fuzzy[*c], *l, r)).collect())
                .collect();
            let and: Vec<f64> = cells.iter().map(|v| v.iter().cloned().fold(f64::INFINITY, f64::min)).collect();
            let or: Vec<f64> = cells.iter().map(|v| v.iter().cloned().fold(0.0, f64::max)).collect();
            let smaller_in = |kept: &[LiteralSet]| kept.iter().any(|k| k.len() < set.len() && k.is_subset(&set));
            if passes(&and) {
                if nec || !smaller_in(&conj) {
                    conj.push(set);
                }
            } else if nec && passes(&or) && !smaller_in(&conj) && !smaller_in(&disj) {
                disj.push(set);
            }
        }
        let as_sets = |kind: TermKind| -> BTreeSet<LiteralSet> {
            found
                .iter()
                .filter(|t| t.kind == kind)
                .map(|t| {
                    t.literals
                        .iter()
                        .map(|l| (names.iter().position(|x| *x == l.condition).expect("name"), l.level))
                        .collect()
                })
                .collect()
        };
        prop_assert_eq!(as_sets(TermKind::Conjunction), conj.into_iter().collect::<BTreeSet<_>>());
        prop_assert_eq!(as_sets(TermKind::Disjunction), disj.into_iter().collect::<BTreeSet<_>>());
        // Conjunctions first, smaller expressions before larger ones within each kind.
        for w in found.windows(2) {
            let rank = |t: &kantel_qca::necessity::NecessityTerm| (t.kind == TermKind::Disjunction, t.literals.len());
            prop_assert!(rank(&w[0]) <= rank(&w[1]));
        }
    }

    #[test]
    fn r_early_stop_only_drops_expressions(d in random_data(5..7), nec in any::<bool>()) {
        let mut names: Vec<String> = (0..d.columns.len()).map(|i| format!("C{i}")).collect();
        names.push("Y".into());
        let mut columns = d.columns.clone();
        columns.push(d.outcome.clone());
        let n = d.outcome.len();
        let data = SetData::new((1..=n).map(|i| format!("case{i}")).collect(), names, columns).expect("data");
        let relation = if nec { Relation::Necessity } else { Relation::Sufficiency };
        let base = SearchOptions { relation, incl_cut: 0.7, ..SearchOptions::default() };
        let r_like = super_subset(&data, "Y", false, &[], &base).expect("search");
        let full = super_subset(&data, "Y", false, &[], &SearchOptions { exhaustive: true, ..base }).expect("search");
        for t in &r_like {
            prop_assert!(full.contains(t), "{} missing from the exhaustive search", t.expression);
        }
    }
}

/// Issue 8 item 5: `necessity` on 20 conditions ran without limit (3^20 expressions). The
/// search has a budget; when it runs out, the complete levels are returned with a warning
/// naming `--max-expressions` and `--depth`, and `super_subset` says so as an error.
#[test]
fn a_search_over_many_conditions_stops_at_its_budget_with_what_it_found() {
    use kantel_qca::necessity::super_subset_searched;
    // 40 cases × 20 crisp conditions, pseudo-random but fixed; Y is C0 OR C1.
    let k = 20;
    let mut state: u64 = 12345;
    let mut bit = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) & 1) as f64
    };
    let mut columns: Vec<Vec<f64>> = vec![Vec::new(); k + 1];
    for _ in 0..40 {
        let row: Vec<f64> = (0..k).map(|_| bit()).collect();
        let y = row[0].max(row[1]);
        for (c, v) in row.iter().chain([y].iter()).enumerate() {
            columns[c].push(*v);
        }
    }
    let mut names: Vec<String> = (0..k).map(|i| format!("C{i}")).collect();
    names.push("Y".into());
    let data = SetData::new((1..=40).map(|i| format!("c{i}")).collect(), names, columns).unwrap();
    let options = SearchOptions {
        max_expressions: 20_000,
        ..SearchOptions::default()
    };
    let search = super_subset_searched(&data, "Y", false, &[], &options).unwrap();
    let warning = search
        .warning
        .as_ref()
        .expect("the budget runs out")
        .to_string();
    assert!(
        warning.contains("--max-expressions") && warning.contains("--depth"),
        "{warning}"
    );
    assert!(search.depth_searched >= 1 && search.depth_searched < k);
    // What it returns is what a search limited to the complete levels finds.
    let limited = SearchOptions {
        depth: Some(search.depth_searched),
        exhaustive: true,
        max_expressions: u64::MAX,
        ..SearchOptions::default()
    };
    let full = super_subset_searched(&data, "Y", false, &[], &limited).unwrap();
    assert!(full.warning.is_none());
    let exprs = |s: &kantel_qca::necessity::SubsetSearch| {
        s.terms
            .iter()
            .map(|t| t.expression.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(exprs(&search), exprs(&full));
    assert!(exprs(&search).contains(&"C0 + C1".to_string()));
    // The plain function reports the stop as an error instead of a partial list.
    assert!(super_subset(&data, "Y", false, &[], &options).is_err());
}
