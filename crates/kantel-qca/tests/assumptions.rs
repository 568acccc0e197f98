//! Simplifying assumptions and counterfactuals are counted from the terms (cubes) and the
//! observed rows, never by listing the configuration space; they are listed row by row
//! only when few (`LISTED_ASSUMPTIONS`) or when asked (`list_assumptions`). Expected values
//! come from brute force over the whole space or from hand calculation.

use kantel_qca::SetData;
use kantel_qca::find_rows::{NegatedCutoffs, RowKind, find_rows};
use kantel_qca::minimize::{
    AssumptionTerm, Assumptions, LISTED_ASSUMPTIONS, MinimizeOptions, Model, minimize,
};
use kantel_qca::truth_table::{Outcome, TruthTable, TruthTableSpec};

fn data(names: &[String], rows: &[Vec<f64>]) -> SetData {
    let cases = (1..=rows.len()).map(|i| format!("c{i}")).collect();
    let columns = (0..names.len())
        .map(|j| rows.iter().map(|r| r[j]).collect())
        .collect();
    SetData::new(cases, names.to_vec(), columns).unwrap()
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn spec(outcome: &str, conditions: &[String]) -> TruthTableSpec {
    TruthTableSpec::new(Outcome::parse(outcome).unwrap(), conditions.to_vec())
}

fn pars() -> MinimizeOptions {
    MinimizeOptions {
        include_remainders: true,
        ..MinimizeOptions::default()
    }
}

/// A, B, C crisp; 110 and 100 positive, 000 and 011 negative; remainders 001, 010, 101,
/// 111 (rows 2, 3, 6, 8, A first). The parsimonious model is A (B*~C is prime but not
/// needed); it assumes 101 and 111 positive: rows 6 and 8.
fn small_table() -> TruthTable {
    let n = names(&["A", "B", "C", "Y"]);
    let rows = [
        vec![1.0, 1.0, 0.0, 1.0],
        vec![1.0, 0.0, 0.0, 1.0],
        vec![0.0, 0.0, 0.0, 0.0],
        vec![0.0, 1.0, 1.0, 0.0],
    ];
    TruthTable::build(&data(&n, &rows), &spec("Y", &n[..3])).unwrap()
}

#[test]
fn hand_checked_simplifying_assumptions_and_counterfactuals() {
    let tt = small_table();
    let m = minimize(&tt, &pars()).unwrap();
    let p = m.parsimonious.as_ref().unwrap();
    assert_eq!(p.models.len(), 1);
    assert_eq!(p.models[0].expression, "A");
    assert_eq!(
        p.models[0].simplifying_assumptions,
        Assumptions {
            count: 2,
            terms: vec![AssumptionTerm {
                term: "A".into(),
                implicant: vec![2, 0, 0],
                count: 2
            }],
            rows: Some(vec![6, 8]),
        }
    );
    let json = serde_json::to_value(&p.models[0]).unwrap();
    assert_eq!(
        json["simplifying_assumptions"],
        serde_json::json!({"count": 2, "terms": [{"term": "A", "implicant": [2, 0, 0], "count": 2}], "rows": [6, 8]})
    );

    // The conservative term A*~C; expecting C present, ~C runs against it and is dropped:
    // the intermediate term is A, whose remainders 6 and 8 are easy counterfactuals.
    let m = minimize(
        &tt,
        &MinimizeOptions {
            dir_exp: Some("A, B, C".into()),
            ..pars()
        },
    )
    .unwrap();
    assert_eq!(m.intermediate.len(), 1);
    let i = &m.intermediate[0];
    assert_eq!(i.models[0].expression, "A");
    assert_eq!(i.easy_counterfactuals.count, 2);
    assert_eq!(i.easy_counterfactuals.rows, Some(vec![6, 8]));
    assert_eq!(i.easy_counterfactuals.terms[0].term, "A");
    assert_eq!(i.difficult_counterfactuals.count, 0);
    assert_eq!(i.difficult_counterfactuals.rows, Some(vec![]));
    // A term that assumes nothing is not listed.
    assert!(i.difficult_counterfactuals.terms.is_empty());

    // Expecting ~C keeps A*~C: it covers only positive rows, so no easy counterfactual,
    // and both of A's assumptions are difficult.
    let m = minimize(
        &tt,
        &MinimizeOptions {
            dir_exp: Some("~C".into()),
            ..pars()
        },
    )
    .unwrap();
    let i = &m.intermediate[0];
    assert_eq!(i.models[0].expression, "A*~C");
    assert_eq!(i.easy_counterfactuals.count, 0);
    // A*~C covers positive rows only: no term to list.
    assert!(i.easy_counterfactuals.terms.is_empty());
    assert_eq!(i.difficult_counterfactuals.count, 2);
    assert_eq!(i.difficult_counterfactuals.rows, Some(vec![6, 8]));
    assert_eq!(
        i.difficult_counterfactuals.terms,
        vec![AssumptionTerm {
            term: "A".into(),
            implicant: vec![2, 0, 0],
            count: 2
        }]
    );
}

/// A seeded generator (64-bit LCG), so the data are the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// `k` crisp conditions, `n` distinct observed configurations, half of them positive.
fn wide_table(k: usize, n: usize, seed: u64) -> (TruthTable, Vec<u32>, Vec<bool>) {
    let mut rng = Lcg(seed);
    let mut configs: Vec<u32> = Vec::new();
    while configs.len() < n {
        let c = (rng.next() as u32) & ((1u32 << k) - 1);
        if !configs.contains(&c) {
            configs.push(c);
        }
    }
    let outcome: Vec<bool> = (0..n).map(|i| i % 2 == 0).collect();
    let mut n_all: Vec<String> = (1..=k).map(|j| format!("X{j}")).collect();
    n_all.push("Y".into());
    let rows: Vec<Vec<f64>> = configs
        .iter()
        .zip(&outcome)
        .map(|(c, y)| {
            let mut r: Vec<f64> = (0..k).map(|j| f64::from((c >> (k - 1 - j)) & 1)).collect();
            r.push(f64::from(u8::from(*y)));
            r
        })
        .collect();
    let tt = TruthTable::build(&data(&n_all, &rows), &spec("Y", &n_all[..k])).unwrap();
    (tt, configs, outcome)
}

/// Brute force over the whole space: the configurations (as bits, X1 highest) covered by
/// any of the model's terms that are not positive rows, and per term.
fn brute_force(m: &Model, k: usize, positive: &[u32]) -> (Vec<u32>, Vec<u64>) {
    let cubes: Vec<(u32, u32)> = m
        .terms
        .iter()
        .map(|t| {
            let mut mask = 0u32;
            let mut value = 0u32;
            for (j, v) in t.implicant.iter().enumerate() {
                if *v != 0 {
                    mask |= 1 << (k - 1 - j);
                    value |= u32::from(*v - 1) << (k - 1 - j);
                }
            }
            (mask, value)
        })
        .collect();
    let mut all = Vec::new();
    let mut per_term = vec![0u64; cubes.len()];
    for c in 0..(1u32 << k) {
        if positive.contains(&c) {
            continue;
        }
        let mut any = false;
        for (t, (mask, value)) in cubes.iter().enumerate() {
            if c & mask == *value {
                per_term[t] += 1;
                any = true;
            }
        }
        if any {
            all.push(c);
        }
    }
    (all, per_term)
}

#[test]
fn twenty_conditions_twenty_rows_are_counted_not_listed() {
    let k = 20;
    let (tt, configs, outcome) = wide_table(k, 20, 8);
    let positive: Vec<u32> = configs
        .iter()
        .zip(&outcome)
        .filter(|(_, y)| **y)
        .map(|(c, _)| *c)
        .collect();
    let m = minimize(&tt, &pars()).unwrap();
    let models = &m.parsimonious.as_ref().unwrap().models;
    assert!(!models.is_empty());
    for model in models {
        let sa = &model.simplifying_assumptions;
        let (all, per_term) = brute_force(model, k, &positive);
        assert_eq!(sa.count, all.len() as u64, "{}", model.expression);
        let counts: Vec<u64> = sa.terms.iter().map(|t| t.count).collect();
        assert_eq!(counts, per_term, "{}", model.expression);
        // Terms of a handful of literals over 20 conditions cover tens of thousands of
        // remainders: counted, not listed.
        assert!(sa.count > LISTED_ASSUMPTIONS, "{}", sa.count);
        assert_eq!(sa.rows, None);
    }

    // Asked for, they are listed (up to 2^20), and the list is the brute-force one.
    let listed = minimize(
        &tt,
        &MinimizeOptions {
            list_assumptions: true,
            ..pars()
        },
    )
    .unwrap();
    let model = &listed.parsimonious.as_ref().unwrap().models[0];
    let (all, _) = brute_force(model, k, &positive);
    let expected: Vec<u64> = all.iter().map(|c| u64::from(*c) + 1).collect();
    assert_eq!(model.simplifying_assumptions.rows.as_ref(), Some(&expected));
}

#[test]
fn contradictory_simplifying_assumptions_match_brute_force() {
    // findRows type 2 on 16 conditions: remainders both the outcome's and the negated
    // outcome's parsimonious models assume, counted from cubes before they are listed.
    let k = 16;
    let (tt, configs, outcome) = wide_table(k, 12, 3);
    let found = find_rows(
        &tt,
        RowKind::ContradictorySimplifyingAssumptions,
        &NegatedCutoffs::default(),
    )
    .unwrap();
    let positive: Vec<u32> = configs
        .iter()
        .zip(&outcome)
        .filter(|(_, y)| **y)
        .map(|(c, _)| *c)
        .collect();
    let negative: Vec<u32> = configs
        .iter()
        .zip(&outcome)
        .filter(|(_, y)| !**y)
        .map(|(c, _)| *c)
        .collect();
    let union = |m: &kantel_qca::minimize::Minimization, on: &[u32]| -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for model in &m.parsimonious.as_ref().unwrap().models {
            out.extend(brute_force(model, k, on).0);
        }
        out.sort_unstable();
        out.dedup();
        out
    };
    let a = union(&minimize(&tt, &pars()).unwrap(), &positive);
    let ntt = kantel_qca::find_rows::negated_table(&tt, &NegatedCutoffs::default()).unwrap();
    let b = union(&minimize(&ntt, &pars()).unwrap(), &negative);
    let expected: Vec<u64> = a
        .iter()
        .filter(|c| b.binary_search(c).is_ok())
        .map(|c| u64::from(*c) + 1)
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(found, expected);
}
