//! The sufficiency search (R's `superSubset(relation = "sufficiency")`, issue 8 item 6):
//! against a brute force that enumerates every conjunction up to the depth and computes
//! inclS, PRI and covS from their formulas, on R's data sets and on pseudo-random data;
//! the table of single conditions against R's `pof(relation = "sufficiency")`
//! (testdata/validation/expected/pof.json); and the search budget (`max_expressions`).

mod support;

use kantel_qca::SetData;
use kantel_qca::necessity::{
    Relation, SearchOptions, SubsetSearch, TermKind, sufficiency_table, super_subset,
    super_subset_searched,
};
use support::{fixture, load};

/// R compares with cut-offs less √ε (`.Machine$double.eps ^ 0.5`).
const R_TOLERANCE: f64 = 1.490_116_119_384_765_6e-8;

/// 0/0 is 0 in R's search code.
fn q(a: f64, b: f64) -> f64 {
    if a == 0.0 && b == 0.0 { 0.0 } else { a / b }
}

/// One brute-force result: the expression in R notation and inclS, PRI, covS.
type Found = (String, [f64; 3]);

/// The sufficiency search restated: for k = 1, 2, …, depth, every k conditions in
/// lexicographic order, every assignment of presence/absence (the last condition
/// fastest, absence first); a conjunction is kept when inclS and covS reach their cut-offs
/// and it contains no conjunction kept at a smaller size. PRI is applied afterwards. Without
/// `exhaustive`, R's shortcut: stop after a level above 3 that added nothing, once
/// something was found. Conditions are binary (crisp 0/1 or fuzzy): the literal of level 1
/// is the membership, of level 0 its complement.
fn brute_force(
    names: &[String],
    columns: &[Vec<f64>],
    y: &[f64],
    options: &SearchOptions,
) -> Vec<Found> {
    let n_conds = columns.len();
    let depth = options.depth.unwrap_or(n_conds).min(n_conds);
    let mut kept: Vec<(Vec<(usize, u32)>, Found)> = Vec::new();
    for k in 1..=depth {
        let before = kept.len();
        for combo in combinations(n_conds, k) {
            for bits in 0..(1_u32 << k) {
                let literals: Vec<(usize, u32)> = combo
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (*c, (bits >> (k - 1 - i)) & 1))
                    .collect();
                let x: Vec<f64> = (0..y.len())
                    .map(|r| {
                        literals
                            .iter()
                            .map(|(c, l)| {
                                if *l == 1 {
                                    columns[*c][r]
                                } else {
                                    1.0 - columns[*c][r]
                                }
                            })
                            .fold(f64::INFINITY, f64::min)
                    })
                    .collect();
                let sx: f64 = x.iter().sum();
                let sy: f64 = y.iter().sum();
                let sxy: f64 = x.iter().zip(y).map(|(a, b)| a.min(*b)).sum();
                let s_pri: f64 = x.iter().zip(y).map(|(a, b)| a.min(*b).min(1.0 - b)).sum();
                let incl = q(sxy, sx);
                let cov = q(sxy, sy);
                let pri = q(sxy - s_pri, sx - s_pri);
                let passes =
                    incl >= options.incl_cut - R_TOLERANCE && cov >= options.cov_cut - R_TOLERANCE;
                let contains_kept = kept[..before]
                    .iter()
                    .any(|(smaller, _)| smaller.iter().all(|l| literals.contains(l)));
                if passes && !contains_kept {
                    let text = literals
                        .iter()
                        .map(|(c, l)| {
                            if *l == 1 {
                                names[*c].clone()
                            } else {
                                format!("~{}", names[*c])
                            }
                        })
                        .collect::<Vec<_>>()
                        .join("*");
                    kept.push((literals, (text, [incl, pri, cov])));
                }
            }
        }
        if !options.exhaustive && k > 3 && before > 0 && kept.len() == before {
            break;
        }
    }
    kept.into_iter()
        .map(|(_, f)| f)
        .filter(|(_, v)| v[1] >= options.pri_cut - R_TOLERANCE)
        .collect()
}

/// Every k-subset of 0..n in lexicographic order.
fn combinations(n: usize, k: usize) -> Vec<Vec<usize>> {
    if k == 0 {
        return vec![Vec::new()];
    }
    let mut out = Vec::new();
    for first in 0..n {
        for mut rest in combinations(n, k - 1) {
            if rest.first().is_none_or(|r| *r > first) {
                rest.insert(0, first);
                out.push(rest);
            }
        }
    }
    out
}

/// The engine's result, in the same shape as the brute force's.
fn engine(data: &SetData, outcome: &str, options: &SearchOptions) -> Vec<Found> {
    super_subset(data, outcome, false, &[], options)
        .expect("search")
        .into_iter()
        .map(|t| {
            assert_eq!(
                t.kind,
                TermKind::Conjunction,
                "{}: sufficiency finds conjunctions only",
                t.expression
            );
            (t.expression, [t.incl, t.ron_or_pri, t.cov])
        })
        .collect()
}

fn assert_same(ours: &[Found], expected: &[Found], what: &str) {
    let names = |v: &[Found]| v.iter().map(|(e, _)| e.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(ours),
        names(expected),
        "{what}: expressions and their order"
    );
    for ((e, a), (_, b)) in ours.iter().zip(expected) {
        for c in 0..3 {
            assert!(
                (a[c] - b[c]).abs() <= 1e-9,
                "{what}, {e}, column {c}: engine {} brute force {}",
                a[c],
                b[c]
            );
        }
    }
}

/// The condition columns of a validation data set (every column but the outcome).
fn conditions_of(data: &SetData, outcome: &str) -> (Vec<String>, Vec<Vec<f64>>, Vec<f64>) {
    let names: Vec<String> = data
        .names()
        .iter()
        .filter(|n| *n != outcome)
        .cloned()
        .collect();
    let columns = names
        .iter()
        .map(|n| data.column(n).expect("column").to_vec())
        .collect();
    (
        names,
        columns,
        data.column(outcome).expect("outcome").to_vec(),
    )
}

#[test]
fn sufficiency_search_equals_brute_force_on_r_data_sets() {
    let settings = [
        (0.8, 0.0, 0.0, None, false),
        (0.85, 0.0, 0.0, None, false),
        (0.8, 0.3, 0.75, None, true),
        (0.75, 0.0, 0.8, Some(2), true),
        (1.0, 0.0, 0.0, None, false),
    ];
    for (name, outcome) in [("LF", "SURV"), ("CVF", "PROTEST"), ("LC", "SURV")] {
        let data = load(name);
        let (names, columns, y) = conditions_of(&data, outcome);
        for (incl_cut, cov_cut, pri_cut, depth, exhaustive) in settings {
            let options = SearchOptions {
                relation: Relation::Sufficiency,
                incl_cut,
                cov_cut,
                pri_cut,
                depth,
                exhaustive,
                ..SearchOptions::default()
            };
            let what = format!("{name} {outcome} {options:?}");
            assert_same(
                &engine(&data, outcome, &options),
                &brute_force(&names, &columns, &y, &options),
                &what,
            );
        }
    }
}

#[test]
fn brute_force_reproduces_r_super_subset_sufficiency() {
    // The brute force itself against R: superSubset(LF, "SURV", relation = "sufficiency",
    // incl.cut = 0.8) and superSubset(CVF, "PROTEST", relation = "sufficiency",
    // incl.cut = 0.85), testdata/validation/expected/superSubset.json.
    let expected = fixture("superSubset.json");
    for (key, name, outcome, incl_cut) in [
        ("LF_SURV_suf_i0.8", "LF", "SURV", 0.8),
        ("CVF_PROTEST_suf_i0.85", "CVF", "PROTEST", 0.85),
    ] {
        let table = &expected[key]["incl.cov"];
        let column = |c: &str| -> Vec<f64> {
            table[c]
                .as_array()
                .expect("array")
                .iter()
                .map(|v| v.as_f64().expect("number"))
                .collect()
        };
        let rows: Vec<Found> = table[".row"]
            .as_array()
            .expect("rows")
            .iter()
            .enumerate()
            .map(|(i, r)| {
                (
                    r.as_str().expect("name").to_string(),
                    [column("inclS")[i], column("PRI")[i], column("covS")[i]],
                )
            })
            .collect();
        let data = load(name);
        let (names, columns, y) = conditions_of(&data, outcome);
        let options = SearchOptions {
            relation: Relation::Sufficiency,
            incl_cut,
            ..SearchOptions::default()
        };
        let brute = brute_force(&names, &columns, &y, &options);
        let names_of = |v: &[Found]| v.iter().map(|(e, _)| e.clone()).collect::<Vec<_>>();
        assert_eq!(names_of(&brute), names_of(&rows), "{key}");
        for ((e, a), (_, b)) in brute.iter().zip(&rows) {
            for c in 0..3 {
                assert!(
                    (a[c] - b[c]).abs() <= 1e-6,
                    "{key}, {e}: brute force {} R {}",
                    a[c],
                    b[c]
                );
            }
        }
    }
}

#[test]
fn sufficiency_search_equals_brute_force_on_random_data() {
    // A fixed linear congruential generator: the same 300 data sets every run.
    let mut state: u64 = 0x5eed_2024;
    let mut next = |m: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % m
    };
    let mut with_results = 0;
    for round in 0..300 {
        let n = 1 + next(14) as usize;
        let k = 2 + next(4) as usize;
        let mut columns: Vec<Vec<f64>> = Vec::new();
        for _ in 0..k {
            let crisp = next(2) == 0;
            columns.push(
                (0..n)
                    .map(|_| {
                        if crisp {
                            next(2) as f64
                        } else {
                            next(11) as f64 / 10.0
                        }
                    })
                    .collect(),
            );
        }
        let y: Vec<f64> = (0..n).map(|_| next(11) as f64 / 10.0).collect();
        let names: Vec<String> = (0..k).map(|i| format!("C{i}")).collect();
        let mut all = names.clone();
        all.push("Y".into());
        let mut data_columns = columns.clone();
        data_columns.push(y.clone());
        let data = SetData::new(
            (1..=n).map(|i| format!("c{i}")).collect(),
            all,
            data_columns,
        )
        .expect("data");
        let options = SearchOptions {
            relation: Relation::Sufficiency,
            incl_cut: [0.6, 0.75, 0.9, 1.0][next(4) as usize],
            cov_cut: [0.0, 0.3][next(2) as usize],
            pri_cut: [0.0, 0.5, 0.8][next(3) as usize],
            depth: [None, Some(2)][next(2) as usize],
            exhaustive: next(2) == 0,
            ..SearchOptions::default()
        };
        let what = format!("round {round}: {options:?}, columns {columns:?}, Y {y:?}");
        let found = engine(&data, "Y", &options);
        with_results += usize::from(!found.is_empty());
        assert_same(&found, &brute_force(&names, &columns, &y, &options), &what);
    }
    // The comparison is not vacuous: most data sets have sufficient conjunctions.
    assert!(
        with_results >= 100,
        "only {with_results} of 300 searches found anything"
    );
}

#[test]
fn sufficiency_table_matches_r_pof_of_each_condition() {
    // pof(LF[, 1:5], LF$SURV, relation = "sufficiency") and likewise for LC and CVF: the
    // rows of the conditions themselves (the table adds their negations).
    let expected = fixture("pof.json");
    for (key, name, outcome) in [
        ("LF_each_suf", "LF", "SURV"),
        ("LC_each_suf", "LC", "SURV"),
        ("CVF_each_suf", "CVF", "PROTEST"),
    ] {
        let table = &expected[key]["incl.cov"];
        let rows = sufficiency_table(&load(name), outcome, false, &[]).expect("table");
        let r_rows: Vec<&str> = table[".row"]
            .as_array()
            .expect("rows")
            .iter()
            .map(|r| r.as_str().expect("name"))
            .collect();
        assert_eq!(
            rows.len(),
            2 * r_rows.len(),
            "{key}: each condition and its negation"
        );
        for (i, r_name) in r_rows.iter().enumerate() {
            let row = &rows[2 * i];
            assert_eq!(row.expression, *r_name, "{key}");
            assert_eq!(rows[2 * i + 1].expression, format!("~{r_name}"), "{key}");
            for (column, ours) in [
                ("inclS", row.fit.incl),
                ("PRI", row.fit.pri),
                ("covS", row.fit.cov),
            ] {
                let want = table[column][i].as_f64().expect("number");
                assert!(
                    (ours - want).abs() <= 1e-6,
                    "{key}, {r_name}, {column}: ours {ours} R {want}"
                );
            }
        }
    }
}

/// 40 cases × 20 crisp conditions, fixed pseudo-random; Y is C0 AND C1.
fn twenty_conditions() -> SetData {
    let k = 20;
    let mut state: u64 = 777;
    let mut bit = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) & 1) as f64
    };
    let mut columns: Vec<Vec<f64>> = vec![Vec::new(); k + 1];
    for _ in 0..40 {
        let row: Vec<f64> = (0..k).map(|_| bit()).collect();
        let y = row[0].min(row[1]);
        for (c, v) in row.iter().chain([y].iter()).enumerate() {
            columns[c].push(*v);
        }
    }
    let mut names: Vec<String> = (0..k).map(|i| format!("C{i}")).collect();
    names.push("Y".into());
    SetData::new((1..=40).map(|i| format!("c{i}")).collect(), names, columns).expect("data")
}

#[test]
fn sufficiency_search_stops_at_its_budget_with_what_it_found() {
    let data = twenty_conditions();
    let options = SearchOptions {
        relation: Relation::Sufficiency,
        max_expressions: 20_000,
        ..SearchOptions::default()
    };
    let search: SubsetSearch =
        super_subset_searched(&data, "Y", false, &[], &options).expect("search");
    let warning = search
        .warning
        .as_ref()
        .expect("the budget runs out")
        .to_string();
    assert!(
        warning.contains("--max-expressions") && warning.contains("--depth"),
        "{warning}"
    );
    // 40 + 760 + 9,120 expressions fill levels 1 to 3; level 4 (77,520) does not fit.
    assert_eq!(search.depth_searched, 3);
    // What it returns is what a search limited to the complete levels finds.
    let limited = SearchOptions {
        depth: Some(search.depth_searched),
        exhaustive: true,
        max_expressions: u64::MAX,
        ..options
    };
    let full = super_subset_searched(&data, "Y", false, &[], &limited).expect("search");
    assert!(full.warning.is_none());
    assert_eq!(search.terms, full.terms);
    assert!(
        search.terms.iter().any(|t| t.expression == "C0*C1"),
        "the planted conjunction is found"
    );
    // The plain function reports the stop as an error instead of a partial list.
    assert!(super_subset(&data, "Y", false, &[], &options).is_err());
    // With room for every level it asks for, the same search ends without a warning.
    let enough = SearchOptions {
        depth: Some(2),
        ..options
    };
    assert!(
        super_subset_searched(&data, "Y", false, &[], &enough)
            .expect("search")
            .warning
            .is_none()
    );
}
