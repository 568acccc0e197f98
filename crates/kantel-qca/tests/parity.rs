//! Parity with R's QCA package: every truth-table/minimize fixture in
//! `testdata/validation/expected/` (R 4.2, QCA 3.25), rebuilt by kantel and compared:
//! truth-table rows, models (order-insensitive), fits within 1e-6, counterfactual rows.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use support::{load, testdata};

use kantel_qca::minimize::{Minimization, MinimizeOptions, Model, minimize};
use kantel_qca::truth_table::{Outcome, TruthTable, TruthTableSpec};
use serde_json::Value;

fn fixtures() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(testdata().join("expected"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    for name in names {
        let v: Value = serde_json::from_str(
            &std::fs::read_to_string(testdata().join("expected").join(&name)).unwrap(),
        )
        .unwrap();
        if v.get("truthTable").is_some() && v.get("minimize").is_some() {
            out.push((name, v));
        }
    }
    out
}

fn numbers(v: &Value) -> Vec<f64> {
    match v {
        Value::Array(a) => a.iter().map(|x| x.as_f64().unwrap_or(f64::NAN)).collect(),
        Value::Number(n) => vec![n.as_f64().unwrap()],
        _ => vec![f64::NAN],
    }
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a
            .iter()
            .map(|x| x.as_str().unwrap_or("").to_string())
            .collect(),
        Value::String(s) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn spec_of(fixture: &Value) -> (String, TruthTableSpec) {
    let o = &fixture["truthTable"]["options"];
    let dataset = String::new();
    let outcome = Outcome::parse(o["outcome"].as_str().unwrap()).unwrap();
    let conditions = strings(&o["conditions"]);
    let mut spec = TruthTableSpec::new(outcome, conditions);
    let ic = numbers(&o["incl.cut"]);
    spec.incl_cut = ic[0];
    spec.incl_cut_contradiction = ic.get(1).copied();
    spec.pri_cut = o["pri.cut"].as_f64().unwrap();
    spec.n_cut = o["n.cut"].as_f64().unwrap() as usize;
    (dataset, spec)
}

fn close(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || (a - b).abs() < 1e-6
}

fn check_truth_table(name: &str, fixture: &Value, tt: &TruthTable) {
    let r = &fixture["truthTable"]["tt"];
    let out = strings(&r["OUT"]);
    let n = numbers(&r["n"]);
    let incl = numbers(&r["incl"]);
    let pri = numbers(&r["PRI"]);
    let cases = strings(&r["cases"]);
    let complete = tt.complete_rows(1 << 16).unwrap();
    assert_eq!(complete.len(), out.len(), "{name}: number of rows");
    for (i, row) in complete.iter().enumerate() {
        for (ci, c) in tt.conditions().iter().enumerate() {
            let expected = numbers(&r[c.as_str()])[i];
            assert_eq!(
                f64::from(row.values[ci]),
                expected,
                "{name}: row {} condition {c}",
                i + 1
            );
        }
        assert_eq!(row.out.code(), out[i], "{name}: OUT of row {}", i + 1);
        assert_eq!(row.n as f64, n[i], "{name}: n of row {}", i + 1);
        if row.n > 0 {
            assert!(
                close(row.incl, incl[i]),
                "{name}: incl of row {}: {} vs R {}",
                i + 1,
                row.incl,
                incl[i]
            );
            assert!(
                close(row.pri, pri[i]),
                "{name}: PRI of row {}: {} vs R {}",
                i + 1,
                row.pri,
                pri[i]
            );
        }
        let ours: Vec<&str> = row
            .cases
            .iter()
            .map(|c| tt.case_names()[*c].as_str())
            .collect();
        assert_eq!(ours.join(","), cases[i], "{name}: cases of row {}", i + 1);
    }
}

/// R's models: a list of lists of terms; R's JSON writer collapses a list of one-term
/// models into a plain list, which the IC's `individual` entries disambiguate.
fn r_models(sol: &Value, ic: &Value) -> Vec<BTreeSet<String>> {
    match sol {
        Value::Array(a) if a.iter().all(|x| x.is_array()) => {
            a.iter().map(|m| strings(m).into_iter().collect()).collect()
        }
        Value::Array(a) => {
            let terms: Vec<String> = a.iter().map(|x| x.as_str().unwrap().to_string()).collect();
            if ic.get("individual").is_some() {
                terms.into_iter().map(|t| BTreeSet::from([t])).collect()
            } else {
                vec![terms.into_iter().collect()]
            }
        }
        Value::String(s) => vec![BTreeSet::from([s.clone()])],
        _ => panic!("unexpected solution {sol}"),
    }
}

fn model_terms(m: &Model) -> BTreeSet<String> {
    m.terms.iter().map(|t| t.term.clone()).collect()
}

/// Compares R's IC (incl.cov / sol.incl.cov) with a kantel model.
fn check_fit(ctx: &str, ic: &Value, model: &Model) {
    let ic_terms = strings(&ic["incl.cov"][".row"]);
    let fields = [("inclS", 0), ("PRI", 1), ("covS", 2), ("covU", 3)];
    for (field, k) in fields {
        let values = numbers(&ic["incl.cov"][field]);
        for (t, v) in ic_terms.iter().zip(values) {
            if v.is_nan() {
                continue; // R leaves covU empty for one-term models
            }
            let term = model
                .terms
                .iter()
                .find(|x| &x.term == t)
                .unwrap_or_else(|| panic!("{ctx}: no term {t}"));
            let ours = [term.incl, term.pri, term.cov, term.cov_u][k];
            assert!(
                close(ours, v),
                "{ctx}: {field} of {t}: kantel {ours} vs R {v}"
            );
        }
    }
    let sol = &ic["sol.incl.cov"];
    for (field, ours) in [
        ("inclS", model.incl),
        ("PRI", model.pri),
        ("covS", model.cov),
    ] {
        let v = numbers(&sol[field])[0];
        assert!(
            close(ours, v),
            "{ctx}: solution {field}: kantel {ours} vs R {v}"
        );
    }
    // Cases per term, as R lists them (rows joined by "; ", cases by ",").
    if let Some(cases) = ic["incl.cov"].get("cases") {
        for (t, c) in ic_terms.iter().zip(strings(cases)) {
            let term = model.terms.iter().find(|x| &x.term == t).unwrap();
            let r: BTreeSet<String> = c
                .split([',', ';'])
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            let ours: BTreeSet<String> = term.cases.iter().cloned().collect();
            assert_eq!(ours, r, "{ctx}: cases of {t}");
        }
    }
}

fn check_solution_models(ctx: &str, r: &Value, models: &[Model]) {
    let expected = r_models(&r["solution"], &r["IC"]);
    let ours: Vec<BTreeSet<String>> = models.iter().map(model_terms).collect();
    let e: BTreeSet<_> = expected.iter().cloned().collect();
    let o: BTreeSet<_> = ours.iter().cloned().collect();
    assert_eq!(o, e, "{ctx}: models");
    assert_eq!(ours.len(), expected.len(), "{ctx}: number of models");
    // Fits: one IC for a single model, `individual` per model otherwise.
    let ic = &r["IC"];
    if let Some(ind) = ic.get("individual") {
        for m in ind.as_array().unwrap() {
            let terms: BTreeSet<String> = strings(&m["incl.cov"][".row"]).into_iter().collect();
            let model = models.iter().find(|x| model_terms(x) == terms).unwrap();
            check_fit(ctx, m, model);
        }
    } else {
        check_fit(ctx, ic, &models[0]);
    }
}

fn rows_of(v: &Value) -> BTreeSet<u64> {
    let r = v.get(".row").or_else(|| v.get("rownames"));
    match r {
        Some(x) => strings(x).iter().map(|s| s.parse().unwrap()).collect(),
        None => BTreeSet::new(),
    }
}

fn options_from_call(call: &str) -> MinimizeOptions {
    let mut o = MinimizeOptions::default();
    if let Some(i) = call.find("include = \"") {
        let rest = &call[i + 11..];
        let inc = &rest[..rest.find('"').unwrap()];
        o.include_remainders = inc.contains('?');
        o.include_contradictions = inc.contains('C');
    }
    if let Some(i) = call.find("dir.exp = \"") {
        let rest = &call[i + 11..];
        o.dir_exp = Some(rest[..rest.find('"').unwrap()].to_string());
    }
    o.row_dominance = call.contains("row.dom = TRUE");
    o.all_solutions = call.contains("all.sol = TRUE");
    o
}

fn check_minimization(
    name: &str,
    key: &str,
    r: &Value,
    m: &Minimization,
    options: &MinimizeOptions,
) {
    let ctx = format!("{name} {key}");
    let solution = if options.include_remainders {
        &m.parsimonious.as_ref().unwrap().models
    } else {
        &m.conservative.as_ref().unwrap().models
    };
    check_solution_models(&ctx, r, solution);
    let primes: BTreeSet<String> = strings(&r["primes"]["rownames"]).into_iter().collect();
    let ours_primes: BTreeSet<String> = if options.include_remainders {
        m.parsimonious
            .as_ref()
            .unwrap()
            .primes
            .iter()
            .cloned()
            .collect()
    } else {
        m.conservative
            .as_ref()
            .unwrap()
            .primes
            .iter()
            .cloned()
            .collect()
    };
    assert_eq!(ours_primes, primes, "{ctx}: prime implicants in models");
    let essential: BTreeSet<String> = strings(&r["essential"]).into_iter().collect();
    let ours_ess: BTreeSet<String> = if options.include_remainders {
        m.parsimonious
            .as_ref()
            .unwrap()
            .essential
            .iter()
            .cloned()
            .collect()
    } else {
        m.conservative
            .as_ref()
            .unwrap()
            .essential
            .iter()
            .cloned()
            .collect()
    };
    assert_eq!(ours_ess, essential, "{ctx}: essential prime implicants");
    let chart_cols: Vec<u64> = strings(&r["PIchart"]["colnames"])
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
    assert_eq!(m.explained_rows, chart_cols, "{ctx}: PI chart columns");

    // Simplifying assumptions per parsimonious model.
    if options.include_remainders
        && let Some(sa) = r.get("SA").and_then(|s| s.as_object())
    {
        let expected: BTreeSet<BTreeSet<u64>> = sa.values().map(rows_of).collect();
        let ours: BTreeSet<BTreeSet<u64>> = m
            .parsimonious
            .as_ref()
            .unwrap()
            .models
            .iter()
            .map(|x| {
                let sa = &x.simplifying_assumptions;
                let rows = sa.rows.clone().expect("few assumptions are listed");
                assert_eq!(sa.count, rows.len() as u64, "{ctx}: count of assumptions");
                rows.into_iter().collect()
            })
            .collect();
        assert_eq!(ours, expected, "{ctx}: simplifying assumptions");
    }

    if let Some(isol) = r.get("i.sol").and_then(|x| x.as_object()) {
        assert_eq!(
            m.intermediate.len(),
            isol.len(),
            "{ctx}: number of C×P pairs"
        );
        let cons = &m.conservative.as_ref().unwrap().models;
        let pars = &m.parsimonious.as_ref().unwrap().models;
        for (pair, v) in isol {
            let c_terms: BTreeSet<String> = strings(&v["c.sol"]).into_iter().collect();
            let p_terms: BTreeSet<String> = strings(&v["p.sol"]).into_iter().collect();
            let ci = cons.iter().position(|x| model_terms(x) == c_terms).unwrap();
            let pi = pars.iter().position(|x| model_terms(x) == p_terms).unwrap();
            let ours = m
                .intermediate
                .iter()
                .find(|x| x.from == format!("C{}P{}", ci + 1, pi + 1))
                .unwrap();
            let ctx = format!("{ctx} {pair}");
            assert_eq!(
                ours.easy_counterfactuals
                    .rows
                    .iter()
                    .flatten()
                    .copied()
                    .collect::<BTreeSet<_>>(),
                rows_of(&v["EC"]),
                "{ctx}: EC"
            );
            assert_eq!(
                ours.difficult_counterfactuals
                    .rows
                    .iter()
                    .flatten()
                    .copied()
                    .collect::<BTreeSet<_>>(),
                rows_of(&v["DC"]),
                "{ctx}: DC"
            );
            for cf in [&ours.easy_counterfactuals, &ours.difficult_counterfactuals] {
                assert_eq!(
                    cf.rows.as_ref().map(Vec::len),
                    Some(cf.count as usize),
                    "{ctx}: counterfactuals listed and counted"
                );
            }
            check_solution_models(&ctx, v, &ours.models);
        }
    }
}

#[test]
fn every_truth_table_and_minimization_fixture_matches_r() {
    let fixtures = fixtures();
    assert!(
        fixtures.len() >= 10,
        "expected the shared fixtures, found {}",
        fixtures.len()
    );
    let mut checked = BTreeMap::new();
    for (name, fixture) in &fixtures {
        let dataset = name.split('_').next().unwrap();
        let data = load(dataset);
        let (_, spec) = spec_of(fixture);
        let tt = TruthTable::build(&data, &spec).unwrap_or_else(|e| panic!("{name}: {e}"));
        check_truth_table(name, fixture, &tt);
        for (key, r) in fixture["minimize"].as_object().unwrap() {
            let options = options_from_call(r["call"].as_str().unwrap());
            let m = minimize(&tt, &options).unwrap_or_else(|e| panic!("{name} {key}: {e}"));
            check_minimization(name, key, r, &m, &options);
            *checked.entry(name.clone()).or_insert(0) += 1;
        }
    }
    // Every minimize call in every fixture was compared.
    let total: usize = checked.values().sum();
    eprintln!("compared {total} minimizations: {checked:?}");
    assert!(
        total >= 20,
        "only {total} minimizations compared: {checked:?}"
    );
}
