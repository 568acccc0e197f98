//! Parity with R's `cna` package 4.0: every `*_cna*.json` fixture in
//! `testdata/validation/expected/` rerun by kantel and compared in full — msc, asf and csf
//! as sets of formulas (a formula is a set of disjuncts, each a set of literals, so the
//! order of rows, disjuncts and literals does not matter), every column the fixture has
//! within 1e-6: outcome, condition, con, cov, complexity (msc); plus inus, exhaustiveness,
//! faithfulness (asf); plus cyclic and coherence (csf). No column is left out.
//!
//! `d.educate_causalChain.json` is QCA's `causalChain()`: one `minimize()` per factor as
//! outcome with the other factors as conditions (include = "?", all.sol = TRUE); it is
//! compared with kantel's truth table and minimizer.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use support::{fixture, load, testdata};

use kantel_qca::SetData;
use kantel_qca::cna::{CnaAtomic, CnaLiteral, CnaOptions, CnaResult, cna, parse_cna_csf};
use kantel_qca::minimize::{MinimizeOptions, minimize};
use kantel_qca::truth_table::{Outcome, TruthTable, TruthTableSpec};
use serde_json::Value;

/// A fixture column as a list (R writes a one-row table's columns as scalars).
fn column(table: &Value, key: &str) -> Vec<Value> {
    match table.get(key) {
        Some(Value::Array(a)) => a.clone(),
        Some(v) => vec![v.clone()],
        None => panic!("fixture table has no column {key}"),
    }
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

type Key = BTreeSet<(CnaLiteral, BTreeSet<BTreeSet<CnaLiteral>>)>;

fn key_of(asfs: &[CnaAtomic]) -> Key {
    asfs.iter()
        .map(|a| (a.outcome.clone(), a.condition_set()))
        .collect()
}

fn options_of(f: &Value) -> CnaOptions {
    let o = &f["options"];
    let maxstep: Vec<usize> = o["maxstep"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap() as usize)
        .collect();
    let ordering = match o["ordering"].as_str() {
        None => Vec::new(),
        Some(s) => s
            .split('<')
            .map(|level| level.split(',').map(|f| f.trim().to_string()).collect())
            .collect(),
    };
    let outcomes = match &o["outcome"] {
        Value::Bool(true) => None,
        Value::String(s) => Some(vec![s.clone()]),
        Value::Array(a) => Some(a.iter().map(|v| v.as_str().unwrap().to_string()).collect()),
        other => panic!("unexpected outcome option {other}"),
    };
    assert_eq!(o["inus.only"], Value::Bool(true));
    CnaOptions {
        con: num(&o["con"]),
        cov: num(&o["cov"]),
        maxstep: (maxstep[0], maxstep[1], maxstep[2]),
        ordering,
        strict: o["strict"].as_bool().unwrap(),
        outcomes,
        ..CnaOptions::default()
    }
}

fn check_msc(name: &str, f: &Value, r: &CnaResult) {
    let t = &f["msc"];
    let outcome = column(t, "outcome");
    let condition = column(t, "condition");
    let con = column(t, "con");
    let cov = column(t, "cov");
    let complexity = column(t, "complexity");
    let mut expected: BTreeMap<Key, usize> = BTreeMap::new();
    for (i, c) in condition.iter().enumerate() {
        let a = CnaAtomic::parse_cna(c.as_str().unwrap()).unwrap();
        assert_eq!(
            a.outcome.to_cna(),
            outcome[i].as_str().unwrap(),
            "{name}: msc {c}"
        );
        assert!(
            expected.insert(key_of(&[a]), i).is_none(),
            "{name}: msc {c} twice"
        );
    }
    assert_eq!(r.msc.len(), expected.len(), "{name}: number of msc");
    for m in &r.msc {
        // The printer's output must parse back to the same formula.
        let printed = CnaAtomic::parse_cna(&m.to_cna()).unwrap();
        let k = key_of(&[printed]);
        let i = *expected
            .get(&k)
            .unwrap_or_else(|| panic!("{name}: msc {} not in R's output", m.to_cna()));
        let what = m.to_cna();
        assert!(close(m.con, num(&con[i])), "{name}: con of msc {what}");
        assert!(close(m.cov, num(&cov[i])), "{name}: cov of msc {what}");
        assert_eq!(m.complexity as f64, num(&complexity[i]), "{name}: {what}");
        assert!(m.minimal);
    }
}

fn check_asf(name: &str, f: &Value, r: &CnaResult) {
    let t = &f["asf"];
    let outcome = column(t, "outcome");
    let condition = column(t, "condition");
    let mut expected: BTreeMap<Key, usize> = BTreeMap::new();
    for (i, c) in condition.iter().enumerate() {
        let a = CnaAtomic::parse_cna(c.as_str().unwrap()).unwrap();
        assert_eq!(a.outcome.to_cna(), outcome[i].as_str().unwrap());
        assert!(expected.insert(key_of(&[a]), i).is_none());
    }
    assert_eq!(
        r.asf.len(),
        expected.len(),
        "{name}: asf {:?}",
        r.asf.iter().map(|a| a.formula.to_cna()).collect::<Vec<_>>()
    );
    for a in &r.asf {
        let what = a.formula.to_cna();
        let printed = CnaAtomic::parse_cna(&what).unwrap();
        assert_eq!(printed, a.formula, "{name}: printer round trip");
        let i = *expected
            .get(&key_of(&[printed]))
            .unwrap_or_else(|| panic!("{name}: asf {what} not in R's output"));
        for (col, mine) in [
            ("con", a.con),
            ("cov", a.cov),
            ("complexity", a.complexity as f64),
            ("exhaustiveness", a.exhaustiveness),
            ("faithfulness", a.faithfulness),
        ] {
            let theirs = num(&column(t, col)[i]);
            assert!(
                close(mine, theirs),
                "{name}: {col} of asf {what}: {mine} vs R {theirs}"
            );
        }
        assert_eq!(
            Value::Bool(a.inus),
            column(t, "inus")[i],
            "{name}: inus {what}"
        );
    }
}

fn check_csf(name: &str, f: &Value, r: &CnaResult) {
    let t = &f["csf"];
    let outcome = column(t, "outcome");
    let condition = column(t, "condition");
    let mut expected: BTreeMap<Key, usize> = BTreeMap::new();
    for (i, c) in condition.iter().enumerate() {
        let asfs = parse_cna_csf(c.as_str().unwrap()).unwrap();
        assert!(expected.insert(key_of(&asfs), i).is_none());
    }
    assert_eq!(
        r.csf.len(),
        expected.len(),
        "{name}: csf {:?}",
        r.csf.iter().map(|c| c.to_cna()).collect::<Vec<_>>()
    );
    for c in &r.csf {
        let what = c.to_cna();
        let printed = parse_cna_csf(&what).unwrap();
        assert_eq!(printed, c.asfs, "{name}: printer round trip");
        let i = *expected
            .get(&key_of(&printed))
            .unwrap_or_else(|| panic!("{name}: csf {what} not in R's output"));
        assert_eq!(
            c.outcome_label(),
            outcome[i].as_str().unwrap(),
            "{name}: {what}"
        );
        for (col, mine) in [
            ("con", c.con),
            ("cov", c.cov),
            ("complexity", c.complexity as f64),
            ("exhaustiveness", c.exhaustiveness),
            ("faithfulness", c.faithfulness),
            ("coherence", c.coherence),
        ] {
            let theirs = num(&column(t, col)[i]);
            assert!(
                close(mine, theirs),
                "{name}: {col} of csf {what}: {mine} vs R {theirs}"
            );
        }
        assert_eq!(
            Value::Bool(c.inus),
            column(t, "inus")[i],
            "{name}: inus {what}"
        );
        assert_eq!(
            Value::Bool(c.cyclic),
            column(t, "cyclic")[i],
            "{name}: cyclic {what}"
        );
    }
}

fn run_fixture(file: &str) {
    let f = fixture(file);
    let data = load(f["data"].as_str().unwrap());
    let result = cna(&data, &options_of(&f)).unwrap();
    assert!(result.warnings.is_empty(), "{file}: {:?}", result.warnings);
    for (part, n) in [
        ("msc", result.msc.len()),
        ("asf", result.asf.len()),
        ("csf", result.csf.len()),
    ] {
        assert_eq!(n as f64, num(&f["n"][part]), "{file}: number of {part}");
    }
    check_msc(file, &f, &result);
    check_asf(file, &f, &result);
    check_csf(file, &f, &result);
}

#[test]
fn educate() {
    run_fixture("d.educate_cna.json");
}

#[test]
fn educate_without_case_a() {
    run_fixture("d.educateNoA_cna.json");
}

#[test]
fn autonomy_ordering_not_strict() {
    run_fixture("d.autonomyEL_cna_nonstrict.json");
}

#[test]
fn autonomy_ordering_strict() {
    run_fixture("d.autonomyEL_cna_strict.json");
}

#[test]
fn jobsecurity_fuzzy_one_outcome() {
    run_fixture("d.jobsecurity_cna_JSR_con0.9_cov0.85_ms3-5-12.json");
}

#[test]
fn pban_multi_value() {
    run_fixture("d.pban_cna_cov0.95_ms6-6-10.json");
}

#[test]
fn women_crisp() {
    run_fixture("d.women_cna_ms3-4-9.json");
}

/// Every cna fixture in the directory is one of the tests above.
#[test]
fn every_cna_fixture_is_tested() {
    let mut names: Vec<String> = std::fs::read_dir(testdata().join("expected"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("_cna") && n.ends_with(".json"))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "d.autonomyEL_cna_nonstrict.json",
            "d.autonomyEL_cna_strict.json",
            "d.educateNoA_cna.json",
            "d.educate_cna.json",
            "d.jobsecurity_cna_JSR_con0.9_cov0.85_ms3-5-12.json",
            "d.pban_cna_cov0.95_ms6-6-10.json",
            "d.women_cna_ms3-4-9.json",
        ]
    );
}

/// Hand calculation on d.educate (8 cases, crisp): L -> E holds in the 6 cases with L = 1
/// (all have E = 1), and 6 of the 7 cases with E = 1 have L, so con = 1 and cov = 6/7.
#[test]
fn educate_hand_calculation() {
    let r = cna(&load("d.educate"), &CnaOptions::default()).unwrap();
    let m = r
        .msc
        .iter()
        .find(|m| m.to_cna() == "L->E")
        .expect("L->E is an msc");
    assert_eq!(m.con, 1.0);
    assert!(close(m.cov, 6.0 / 7.0));
    assert_eq!(m.to_qca(), "L -> E");
    let low = r.msc.iter().find(|m| m.to_cna() == "d*L->U").unwrap();
    assert_eq!(low.to_qca(), "~D*L -> U");
}

#[test]
fn bad_options_are_errors() {
    let data = load("d.educate");
    let bad = |o: CnaOptions| cna(&data, &o).unwrap_err().to_string();
    let e = bad(CnaOptions {
        ordering: vec![vec!["U".into(), "X".into()], vec!["E".into()]],
        ..CnaOptions::default()
    });
    assert!(e.contains("\"X\"") && e.contains("level 1"), "{e}");
    let e = bad(CnaOptions {
        ordering: vec![vec!["U".into()], vec!["U".into()]],
        ..CnaOptions::default()
    });
    assert!(e.contains("twice"), "{e}");
    let e = bad(CnaOptions {
        con: 1.5,
        ..CnaOptions::default()
    });
    assert!(e.contains("con"), "{e}");
    let e = bad(CnaOptions {
        maxstep: (0, 4, 10),
        ..CnaOptions::default()
    });
    assert!(e.contains("maxstep"), "{e}");
    let e = bad(CnaOptions {
        outcomes: Some(vec!["Q".into()]),
        ..CnaOptions::default()
    });
    assert!(e.contains("\"Q\""), "{e}");
    let raw = SetData::new(
        vec!["a".into(), "b".into()],
        vec!["A".into(), "B".into()],
        vec![vec![0.0, 1.0], vec![150.5, 3.2]],
    )
    .unwrap();
    let e = cna(&raw, &CnaOptions::default()).unwrap_err().to_string();
    assert!(e.contains("column B"), "{e}");
}

/// `causalChain(d.educate)`: per factor as outcome, QCA's minimize on the truth table of the
/// other factors (in data order) with remainders included and all solutions.
#[test]
fn educate_causal_chain() {
    let f = fixture("d.educate_causalChain.json");
    let data = load("d.educate");
    let chain = f["chain"].as_object().unwrap();
    assert_eq!(chain.len(), data.names().len());
    for (outcome, entry) in chain {
        let conditions: Vec<String> = data
            .names()
            .iter()
            .filter(|n| *n != outcome)
            .cloned()
            .collect();
        let expected_conditions: Vec<String> = entry["truthTable"]["options"]["conditions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        assert_eq!(conditions, expected_conditions);
        let spec = TruthTableSpec::new(Outcome::parse(outcome).unwrap(), conditions);
        let tt = TruthTable::build(&data, &spec).unwrap();
        let m = minimize(
            &tt,
            &MinimizeOptions {
                include_remainders: true,
                all_solutions: true,
                ..MinimizeOptions::default()
            },
        )
        .unwrap();
        let sol = m.parsimonious.as_ref().unwrap();
        let expected = &entry["solution"];
        // Models: one model is a list of terms; several are a list of lists.
        // R lists per-model fit under IC$individual only when there are several models.
        let n_models = match expected["IC"].get("individual") {
            Some(Value::Array(a)) => a.len(),
            _ => 1,
        };
        let models: BTreeSet<BTreeSet<String>> = match &expected["solution"] {
            Value::Array(a) if a.iter().all(Value::is_string) => {
                if n_models == 1 {
                    [a.iter().map(|t| t.as_str().unwrap().to_string()).collect()].into()
                } else {
                    a.iter()
                        .map(|t| [t.as_str().unwrap().to_string()].into())
                        .collect()
                }
            }
            Value::Array(a) => a
                .iter()
                .map(|m| {
                    m.as_array()
                        .unwrap()
                        .iter()
                        .map(|t| t.as_str().unwrap().to_string())
                        .collect()
                })
                .collect(),
            other => panic!("{outcome}: unexpected solution {other}"),
        };
        let mine: BTreeSet<BTreeSet<String>> = sol
            .models
            .iter()
            .map(|m| m.terms.iter().map(|t| t.term.clone()).collect())
            .collect();
        assert_eq!(mine, models, "{outcome}: models");
        let primes: BTreeSet<String> = match &expected["primes"]["rownames"] {
            Value::String(s) => [s.clone()].into(),
            Value::Array(a) => a.iter().map(|v| v.as_str().unwrap().to_string()).collect(),
            other => panic!("{other}"),
        };
        assert_eq!(
            sol.primes.iter().cloned().collect::<BTreeSet<_>>(),
            primes,
            "{outcome}: primes"
        );
        let essential: BTreeSet<String> = match &expected["essential"] {
            Value::String(s) => [s.clone()].into(),
            Value::Array(a) => a.iter().map(|v| v.as_str().unwrap().to_string()).collect(),
            other => panic!("{other}"),
        };
        assert_eq!(
            sol.essential.iter().cloned().collect::<BTreeSet<_>>(),
            essential,
            "{outcome}: essential"
        );
        // Fit of every model's terms and of the model (R: IC, or IC$individual per model).
        let ic = &expected["IC"];
        let per_model: Vec<&Value> = match ic.get("individual") {
            Some(Value::Array(a)) => a.iter().collect(),
            _ => vec![ic],
        };
        assert_eq!(
            per_model.len(),
            sol.models.len(),
            "{outcome}: models with fit"
        );
        for block in per_model {
            let rows = column(&block["incl.cov"], ".row");
            let names: BTreeSet<String> = rows
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect();
            let model = sol
                .models
                .iter()
                .find(|m| {
                    m.terms
                        .iter()
                        .map(|t| t.term.clone())
                        .collect::<BTreeSet<_>>()
                        == names
                })
                .unwrap_or_else(|| panic!("{outcome}: no model with terms {names:?}"));
            for (i, row) in rows.iter().enumerate() {
                let term = model
                    .terms
                    .iter()
                    .find(|t| t.term == row.as_str().unwrap())
                    .unwrap();
                let t = &block["incl.cov"];
                assert!(close(term.incl, num(&column(t, "inclS")[i])), "{outcome}");
                assert!(close(term.pri, num(&column(t, "PRI")[i])), "{outcome}");
                assert!(close(term.cov, num(&column(t, "covS")[i])), "{outcome}");
                // R leaves covU empty (NA) for a model of one term.
                if let Some(u) = column(t, "covU")[i].as_f64() {
                    assert!(close(term.cov_u, u), "{outcome}: covU of {}", term.term);
                }
            }
            let s = &block["sol.incl.cov"];
            assert!(
                close(model.incl, num(&s["inclS"])),
                "{outcome}: model inclS"
            );
            assert!(close(model.pri, num(&s["PRI"])), "{outcome}: model PRI");
            assert!(close(model.cov, num(&s["covS"])), "{outcome}: model covS");
        }
        // The printed chain lists the outcomes whose models have full coverage; those are
        // exactly the outcomes for which cna finds asfs at con = cov = 1.
        let shown = entry["shown_in_print"].as_bool().unwrap();
        assert_eq!(
            shown,
            sol.models.iter().all(|m| close(m.cov, 1.0)),
            "{outcome}: shown in print"
        );
    }
}

/// Evaluates a cna formula's condition on a crisp configuration (factor -> 0/1).
fn eval_condition(disjuncts: &[BTreeSet<CnaLiteral>], config: &BTreeMap<String, u8>) -> bool {
    use kantel_qca::cna::CnaValue;
    disjuncts.iter().any(|c| {
        c.iter().all(|l| match l.value {
            CnaValue::Present => config[&l.factor] == 1,
            CnaValue::Absent => config[&l.factor] == 0,
            CnaValue::Level(v) => u32::from(config[&l.factor]) == v,
        })
    })
}

fn all_crisp_configs(factors: &[String]) -> Vec<BTreeMap<String, u8>> {
    (0..1u32 << factors.len())
        .map(|bits| {
            factors
                .iter()
                .enumerate()
                .map(|(i, f)| (f.clone(), ((bits >> i) & 1) as u8))
                .collect()
        })
        .collect()
}

/// Brute force: an asf's condition is INUS when no disjunct and no literal can be dropped
/// without changing its truth value in some configuration of the factors involved.
fn brute_force_inus(a: &CnaAtomic) -> bool {
    let d: Vec<BTreeSet<CnaLiteral>> = a
        .disjuncts
        .iter()
        .map(|c| c.iter().cloned().collect())
        .collect();
    let factors: Vec<String> = d
        .iter()
        .flatten()
        .map(|l| l.factor.clone())
        .chain([a.outcome.factor.clone()])
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let configs = all_crisp_configs(&factors);
    let truth = |x: &[BTreeSet<CnaLiteral>]| -> Vec<bool> {
        configs.iter().map(|c| eval_condition(x, c)).collect()
    };
    let original = truth(&d);
    if original.iter().all(|v| *v == original[0]) {
        return false;
    }
    for j in 0..d.len() {
        if d.len() > 1 {
            let mut fewer = d.clone();
            fewer.remove(j);
            if truth(&fewer) == original {
                return false;
            }
        }
        if d[j].len() > 1 {
            for l in &d[j] {
                let mut shorter = d.clone();
                shorter[j].remove(l);
                if truth(&shorter) == original {
                    return false;
                }
            }
        }
    }
    true
}

/// With `inus_only` off, the asfs that R's default hides come back flagged; the flag agrees
/// with a brute-force check of redundant disjuncts and literals, and the INUS ones are
/// exactly R's asfs (crisp and fuzzy fixtures; fuzzy data yield non-INUS candidates).
#[test]
fn inus_flag_matches_brute_force() {
    let mut non_inus = 0;
    for file in [
        "d.women_cna_ms3-4-9.json",
        "d.jobsecurity_cna_JSR_con0.9_cov0.85_ms3-5-12.json",
        "d.autonomyEL_cna_nonstrict.json",
    ] {
        let f = fixture(file);
        let data = load(f["data"].as_str().unwrap());
        let mut options = options_of(&f);
        options.inus_only = false;
        let r = cna(&data, &options).unwrap();
        for a in &r.asf {
            assert_eq!(
                a.inus,
                brute_force_inus(&a.formula),
                "{}",
                a.formula.to_cna()
            );
        }
        non_inus += r.asf.iter().filter(|a| !a.inus).count();
        let inus: BTreeSet<_> = r
            .asf
            .iter()
            .filter(|a| a.inus)
            .map(|a| a.formula.to_cna())
            .collect();
        let default = cna(&data, &options_of(&f)).unwrap();
        let expected: BTreeSet<_> = default.asf.iter().map(|a| a.formula.to_cna()).collect();
        assert_eq!(inus, expected, "{file}");
    }
    assert!(non_inus > 0, "the data must yield non-INUS asfs");
}

/// With `only_minimal_msc` off, sufficient conditions with a sufficient proper part are
/// listed too, flagged as not minimal; the minimal ones are R's msc.
#[test]
fn non_minimal_msc_are_flagged() {
    let data = load("d.educate");
    let all = cna(
        &data,
        &CnaOptions {
            only_minimal_msc: false,
            ..CnaOptions::default()
        },
    )
    .unwrap();
    let default = cna(&data, &CnaOptions::default()).unwrap();
    let minimal: BTreeSet<String> = all
        .msc
        .iter()
        .filter(|m| m.minimal)
        .map(|m| m.to_cna())
        .collect();
    let expected: BTreeSet<String> = default.msc.iter().map(|m| m.to_cna()).collect();
    assert_eq!(minimal, expected);
    assert!(all.msc.len() > default.msc.len());
    for m in all.msc.iter().filter(|m| !m.minimal) {
        let parts: BTreeSet<&CnaLiteral> = m.condition.iter().collect();
        assert!(
            default
                .msc
                .iter()
                .any(|d| d.outcome == m.outcome && d.condition.iter().all(|l| parts.contains(l))),
            "{} has no sufficient proper part",
            m.to_cna()
        );
        assert_eq!(m.con, 1.0);
    }
}

/// Multi-value outcome given as one value: the same asfs as the full run for that value.
#[test]
fn single_multi_value_outcome() {
    let f = fixture("d.pban_cna_cov0.95_ms6-6-10.json");
    let mut options = options_of(&f);
    options.outcomes = Some(vec!["PB=1".into()]);
    let r = cna(&load("d.pban"), &options).unwrap();
    assert_eq!(r.outcomes.len(), 1);
    assert_eq!(r.outcomes[0].to_cna(), "PB=1");
    check_asf("d.pban PB=1", &f, &r);
}

/// Structural redundancy (hand example): C = A xor B in all four configurations. Each of
/// the three asfs `A*b + a*B <-> C`, `A*c + a*C <-> B`, `B*c + b*C <-> A` holds in exactly
/// the same four of the eight configurations, so any one implies the others: the csf of
/// all three reduces, step by step, to each asf alone.
#[test]
fn structural_redundancies_are_removed() {
    let data = SetData::new(
        (1..=4).map(|i| format!("c{i}")).collect(),
        vec!["A".into(), "B".into(), "C".into()],
        vec![
            vec![0.0, 0.0, 1.0, 1.0],
            vec![0.0, 1.0, 0.0, 1.0],
            vec![0.0, 1.0, 1.0, 0.0],
        ],
    )
    .unwrap();
    let r = cna(&data, &CnaOptions::default()).unwrap();
    let asfs: BTreeSet<String> = r.asf.iter().map(|a| a.formula.to_cna()).collect();
    assert_eq!(asfs.len(), 3, "{asfs:?}");
    let csfs: BTreeSet<Key> = r.csf.iter().map(|c| key_of(&c.asfs)).collect();
    let expected: BTreeSet<Key> = r
        .asf
        .iter()
        .map(|a| key_of(std::slice::from_ref(&a.formula)))
        .collect();
    assert_eq!(csfs, expected);
    for c in &r.csf {
        assert_eq!((c.con, c.cov, c.complexity), (1.0, 1.0, 4));
        // 4 configurations in the data, all compatible; 4 of 8 possible are compatible.
        assert_eq!(
            (c.exhaustiveness, c.faithfulness, c.coherence),
            (1.0, 1.0, 1.0)
        );
        assert!(c.inus && !c.cyclic);
    }
}
