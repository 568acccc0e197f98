//! The options of cna 4.0 beyond the parity fixtures (none of which sets them): `notcols`,
//! `exclude`, `acyclic.only`, `con.msc`, `measures`; the `expression` strings; and the
//! fit-robustness scores of the frscore package. Each against an independent reference:
//! the same analysis on transformed data, the default analysis filtered by hand, measures
//! recomputed term by term, and scores counted by hand in the comments.

mod support;

use std::collections::{BTreeMap, BTreeSet};

use kantel_qca::SetData;
use kantel_qca::cna::{
    CnaAtomic, CnaLiteral, CnaMeasure, CnaOptions, CnaResult, CnaValue, CycleType, FrNormalize,
    FrScoreOptions, cna, frscore, frscored_cna, is_submodel,
};
use support::load;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// Data with column `name` replaced by 1 − itself.
fn negate(data: &SetData, name: &str) -> SetData {
    let names = data.names().to_vec();
    let columns: Vec<Vec<f64>> = (0..names.len())
        .map(|i| {
            let c = data.column_at(i).to_vec();
            if names[i] == name {
                c.iter().map(|v| 1.0 - v).collect()
            } else {
                c
            }
        })
        .collect();
    let cases: Vec<String> = (0..data.n_cases()).map(|c| format!("c{c}")).collect();
    SetData::new(cases, names, columns).unwrap()
}

fn flip(l: &CnaLiteral, factor: &str) -> CnaLiteral {
    let mut l = l.clone();
    if l.factor == factor {
        l.value = match l.value {
            CnaValue::Present => CnaValue::Absent,
            CnaValue::Absent => CnaValue::Present,
            v => v,
        };
    }
    l
}

type Formula = (CnaLiteral, BTreeSet<BTreeSet<CnaLiteral>>);

/// msc, asf and csf of a result as sets with their (con, cov), literals of `factor` flipped.
#[allow(clippy::type_complexity)]
fn sets(
    r: &CnaResult,
    factor: &str,
) -> (
    BTreeMap<Formula, (u64, u64)>,
    BTreeMap<Formula, (u64, u64)>,
    BTreeMap<BTreeSet<Formula>, (u64, u64)>,
) {
    let f = |a: &CnaAtomic| -> Formula {
        (
            flip(&a.outcome, factor),
            a.disjuncts
                .iter()
                .map(|c| c.iter().map(|l| flip(l, factor)).collect())
                .collect(),
        )
    };
    // con/cov rounded to 1e-12 so that the maps compare.
    let k = |c: f64, v: f64| ((c * 1e12).round() as u64, (v * 1e12).round() as u64);
    let msc = r
        .msc
        .iter()
        .map(|m| {
            let a = CnaAtomic {
                outcome: m.outcome.clone(),
                disjuncts: vec![m.condition.clone()],
            };
            (f(&a), k(m.con, m.cov))
        })
        .collect();
    let asf = r
        .asf
        .iter()
        .map(|a| (f(&a.formula), k(a.con, a.cov)))
        .collect();
    let csf = r
        .csf
        .iter()
        .map(|c| (c.asfs.iter().map(f).collect(), k(c.con, c.cov)))
        .collect();
    (msc, asf, csf)
}

#[test]
fn notcols_equals_the_analysis_of_the_negated_column() {
    // cna 4.0's notcols = "E" analyses the outcome e (E absent). The same analysis on data
    // whose column E is replaced by 1 − E has outcome E; flipping E's literals maps one
    // result onto the other (crisp d.educate, fuzzy d.jobsecurity at con = cov = 0.8).
    for (name, factor, con) in [("d.educate", "E", 1.0), ("d.jobsecurity", "JSR", 0.8)] {
        let data = load(name);
        let with = cna(
            &data,
            &CnaOptions {
                con,
                cov: con,
                notcols: vec![factor.to_string()],
                ..CnaOptions::default()
            },
        )
        .unwrap();
        let negated = cna(
            &negate(&data, factor),
            &CnaOptions {
                con,
                cov: con,
                ..CnaOptions::default()
            },
        )
        .unwrap();
        let outcome = with.outcomes.iter().find(|o| o.factor == factor).unwrap();
        assert_eq!(outcome.value, CnaValue::Absent, "{name}");
        assert!(
            with.asf.iter().any(|a| a.formula.outcome.factor == factor),
            "{name}"
        );
        assert_eq!(sets(&with, ""), sets(&negated, factor), "{name}");
        // A lower-case outcome is the same as notcols.
        let lower = cna(
            &data,
            &CnaOptions {
                con,
                cov: con,
                outcomes: Some(vec![factor.to_lowercase()]),
                ..CnaOptions::default()
            },
        )
        .unwrap();
        let only: Vec<_> = with
            .asf
            .iter()
            .filter(|a| a.formula.outcome.factor == factor)
            .map(|a| a.expression.clone())
            .collect();
        let lower_asf: Vec<_> = lower.asf.iter().map(|a| a.expression.clone()).collect();
        assert_eq!(only, lower_asf, "{name}");
    }
    // notcols = "all" negates every outcome.
    let all = cna(
        &load("d.educate"),
        &CnaOptions {
            notcols: vec!["all".into()],
            ..CnaOptions::default()
        },
    )
    .unwrap();
    assert!(all.outcomes.iter().all(|o| o.value == CnaValue::Absent));
}

#[test]
fn notcols_errors() {
    let e = cna(
        &load("d.educate"),
        &CnaOptions {
            notcols: vec!["X".into()],
            ..CnaOptions::default()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("X"), "{e}");
    let e = cna(
        &load("d.pban"),
        &CnaOptions {
            notcols: vec!["C".into()],
            ..CnaOptions::default()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("notcols"), "{e}");
}

#[test]
fn exclude_removes_exactly_the_excluded_values_from_the_msc() {
    // Leaving a value out of the candidates removes the msc that contain it and nothing
    // else: a candidate without it cannot contain an msc with it, so minimality of the
    // others is unchanged. Expected = the default msc minus those containing the values.
    type Case<'a> = (&'a str, f64, &'a str, &'a str, &'a [(&'a str, CnaValue)]);
    let cases: [Case; 4] = [
        ("d.educate", 1.0, "L -> E", "E", &[("L", CnaValue::Present)]),
        (
            "d.educate",
            1.0,
            "G* -> E",
            "E",
            &[("G", CnaValue::Present), ("G", CnaValue::Absent)],
        ),
        (
            "d.jobsecurity",
            0.8,
            "S,c -> JSR",
            "JSR",
            &[("S", CnaValue::Present), ("C", CnaValue::Absent)],
        ),
        // cna's mixed-case reading: "coLd"-style names are upper case.
        (
            "d.educate",
            1.0,
            "u,D -> L",
            "L",
            &[("U", CnaValue::Absent), ("D", CnaValue::Present)],
        ),
    ];
    for (name, con, rule, outcome, values) in cases {
        let data = load(name);
        let base = CnaOptions {
            con,
            cov: con,
            ..CnaOptions::default()
        };
        let all = cna(&data, &base).unwrap();
        let excl = cna(
            &data,
            &CnaOptions {
                exclude: vec![rule.to_string()],
                ..base.clone()
            },
        )
        .unwrap();
        let excluded = |l: &CnaLiteral| values.iter().any(|(f, v)| l.factor == *f && l.value == *v);
        let expected: Vec<(String, u64)> = all
            .msc
            .iter()
            .filter(|m| m.outcome.to_cna() != outcome || !m.condition.iter().any(excluded))
            .map(|m| (m.expression.clone(), (m.con * 1e12).round() as u64))
            .collect();
        let got: Vec<(String, u64)> = excl
            .msc
            .iter()
            .map(|m| (m.expression.clone(), (m.con * 1e12).round() as u64))
            .collect();
        let (e, g): (BTreeSet<_>, BTreeSet<_>) =
            (expected.into_iter().collect(), got.into_iter().collect());
        assert_eq!(e, g, "{name} {rule}");
        assert!(
            all.msc.len() > excl.msc.len(),
            "{name} {rule}: nothing excluded"
        );
        for a in excl
            .asf
            .iter()
            .filter(|a| a.formula.outcome.to_cna() == outcome)
        {
            assert!(
                !a.formula.disjuncts.iter().flatten().any(excluded),
                "{rule}"
            );
        }
    }
    // A rule for an outcome not analysed changes nothing (as cna).
    let data = load("d.educate");
    let plain = cna(&data, &CnaOptions::default()).unwrap();
    let other = cna(
        &data,
        &CnaOptions {
            exclude: vec!["L -> e".into()],
            ..CnaOptions::default()
        },
    )
    .unwrap();
    assert_eq!(plain.msc, other.msc);
}

#[test]
fn exclude_errors_name_the_rule() {
    let data = load("d.educate");
    for (rule, needle) in [
        ("L E", "L E"),
        ("X -> E", "X"),
        ("L -> Q", "Q"),
        ("L=1 -> E", "L=1"),
    ] {
        let e = cna(
            &data,
            &CnaOptions {
                exclude: vec![rule.into()],
                ..CnaOptions::default()
            },
        )
        .unwrap_err();
        assert!(e.to_string().contains(needle), "{rule}: {e}");
    }
}

/// Data generated by C = A + B and A = C*D: the csfs (C*D <-> A)*(A + B <-> C) and
/// (b*C + B*D <-> A)*(A + B <-> C) are cyclic (A -> C -> A).
fn cyclic_data() -> SetData {
    let rows = [
        [1., 0., 1., 1.],
        [1., 1., 1., 1.],
        [0., 0., 0., 0.],
        [0., 0., 0., 1.],
        [0., 1., 1., 0.],
    ];
    let columns = (0..4)
        .map(|j| rows.iter().map(|r| r[j]).collect())
        .collect();
    SetData::new(
        (1..=5).map(|i| format!("r{i}")).collect(),
        ["A", "B", "C", "D"].map(String::from).to_vec(),
        columns,
    )
    .unwrap()
}

#[test]
fn acyclic_only_removes_cyclic_csfs() {
    let data = cyclic_data();
    let plain = cna(&data, &CnaOptions::default()).unwrap();
    let exprs: BTreeSet<&str> = plain.csf.iter().map(|c| c.expression.as_str()).collect();
    assert!(exprs.contains("(C*D <-> A)*(A + B <-> C)"), "{exprs:?}");
    assert!(plain.csf.iter().all(|c| c.cyclic));
    let acyclic = cna(
        &data,
        &CnaOptions {
            acyclic_only: true,
            ..CnaOptions::default()
        },
    )
    .unwrap();
    // All csfs were cyclic: as cna, the asfs are returned alone.
    assert!(acyclic.csf.iter().all(|c| !c.cyclic && c.asfs.len() == 1));
    assert_eq!(acyclic.csf.len(), plain.asf.len());
    // On d.educate nothing is cyclic and nothing changes.
    let e1 = cna(&load("d.educate"), &CnaOptions::default()).unwrap();
    let e2 = cna(
        &load("d.educate"),
        &CnaOptions {
            acyclic_only: true,
            ..CnaOptions::default()
        },
    )
    .unwrap();
    assert_eq!(e1.csf, e2.csf);
}

#[test]
fn con_msc_admits_less_consistent_msc_only() {
    let data = load("d.jobsecurity");
    let r = cna(
        &data,
        &CnaOptions {
            con: 0.9,
            cov: 0.8,
            con_msc: Some(0.8),
            ..CnaOptions::default()
        },
    )
    .unwrap();
    assert!(r.msc.iter().all(|m| m.con >= 0.8 - 1e-9));
    assert!(r.msc.iter().any(|m| m.con < 0.9));
    assert!(
        r.asf
            .iter()
            .all(|a| a.con >= 0.9 - 1e-9 && a.cov >= 0.8 - 1e-9)
    );
    let d = cna(
        &data,
        &CnaOptions {
            con: 0.9,
            cov: 0.8,
            ..CnaOptions::default()
        },
    )
    .unwrap();
    assert!(d.msc.iter().all(|m| m.con >= 0.9 - 1e-9));
}

#[test]
fn measures_by_hand_on_d_educate() {
    // L for E in d.educate: L = 1,1,1,1,1,1,0,0 and E = 1,1,1,1,1,1,1,0 (cases A..H).
    // Only case H has L = E = 0. Contrapositive consistency Σ(1 − max(L, E)) / Σ(1 − E)
    // = 1/1 = 1; contrapositive coverage Σ(1 − max) / Σ(1 − L) = 1/2.
    let r = cna(
        &load("d.educate"),
        &CnaOptions {
            measures: (
                CnaMeasure::parse("ccon").unwrap(),
                CnaMeasure::parse("ccov").unwrap(),
            ),
            cov: 0.5,
            outcomes: Some(vec!["E".into()]),
            ..CnaOptions::default()
        },
    )
    .unwrap();
    let m = r.msc.iter().find(|m| m.expression == "L -> E").unwrap();
    assert!(
        close(m.con, 1.0) && close(m.cov, 0.5),
        "{} {}",
        m.con,
        m.cov
    );
    assert_eq!(
        r.measures,
        vec![
            CnaMeasure::ContrapositiveConsistency,
            CnaMeasure::ContrapositiveCoverage
        ]
    );
}

/// The eight measures written out again (cna's C code, as its documentation states them).
fn reference(m: usize, x: &[f64], y: &[f64]) -> f64 {
    let s = |f: &dyn Fn(usize) -> f64| (0..x.len()).map(f).sum::<f64>();
    let n = x.len() as f64;
    let wcon = |x: &[f64], y: &[f64]| {
        let sy = s(&|i| y[i]);
        let w = sy / (n - sy);
        let sxy = s(&|i| x[i].min(y[i]));
        sxy / (sxy
            + w * (s(&|i| x[i].min(1. - y[i]))
                - s(&|i| x[i].min(y[i]).min(1. - x[i]).min(1. - y[i]))))
    };
    let wccov = |x: &[f64], y: &[f64]| {
        let sny = s(&|i| 1. - y[i]);
        let w = sny / (n - sny);
        let a = s(&|i| (1. - x[i]).min(1. - y[i]));
        a / (a + w
            * (s(&|i| (1. - x[i]).min(y[i]))
                - s(&|i| x[i].min(y[i]).min(1. - x[i]).min(1. - y[i]))))
    };
    match m {
        0 => s(&|i| x[i].min(y[i])) / s(&|i| x[i]),
        1 => s(&|i| x[i].min(y[i])) / s(&|i| y[i]),
        2 => s(&|i| 1. - x[i].max(y[i])) / s(&|i| 1. - y[i]),
        3 => s(&|i| 1. - x[i].max(y[i])) / s(&|i| 1. - x[i]),
        4 => wcon(x, y),
        5 => wcon(y, x),
        6 => wccov(y, x),
        _ => wccov(x, y),
    }
}

#[test]
fn every_measure_pair_reports_what_it_thresholds() {
    // For each of cna's sufficiency/necessity pairs, on fuzzy data: every asf's con and cov
    // equal the measures recomputed from the case memberships, and reach the thresholds.
    let data = load("d.jobsecurity");
    let names = data.names().to_vec();
    let col = |n: &str| {
        data.column_at(names.iter().position(|x| x == n).unwrap())
            .to_vec()
    };
    let value = |l: &CnaLiteral| -> Vec<f64> {
        let c = col(&l.factor);
        match l.value {
            CnaValue::Absent => c.iter().map(|v| 1. - v).collect(),
            _ => c,
        }
    };
    for (a, b) in [(0, 1), (2, 3), (4, 5), (6, 7)] {
        let r = cna(
            &data,
            &CnaOptions {
                con: 0.8,
                cov: 0.8,
                outcomes: Some(vec!["JSR".into()]),
                measures: (CnaMeasure::ALL[a], CnaMeasure::ALL[b]),
                maxstep: (2, 3, 6),
                ..CnaOptions::default()
            },
        )
        .unwrap();
        let y = col("JSR");
        assert!(!r.asf.is_empty(), "measures {a}, {b}: no asf");
        for asf in &r.asf {
            let mut x = vec![0.0_f64; y.len()];
            for c in &asf.formula.disjuncts {
                let conj = c.iter().map(value).fold(vec![1.0_f64; y.len()], |m, v| {
                    m.iter().zip(&v).map(|(a, b)| a.min(*b)).collect()
                });
                x = x.iter().zip(&conj).map(|(a, b)| a.max(*b)).collect();
            }
            // d.jobsecurity has no identical cases: case weights are all 1.
            let (c, v) = (reference(a, &x, &y), reference(b, &x, &y));
            assert!((asf.con - c).abs() < 1e-9, "{a}: {}", asf.expression);
            assert!((asf.cov - v).abs() < 1e-9, "{b}: {}", asf.expression);
            assert!(c >= 0.8 - 1e-9 && v >= 0.8 - 1e-9);
        }
    }
}

#[test]
fn measure_names_as_cna_reads_them() {
    assert_eq!(
        CnaMeasure::parse("standard con").unwrap(),
        CnaMeasure::StandardConsistency
    );
    assert_eq!(
        CnaMeasure::parse("PACcov").unwrap(),
        CnaMeasure::PrevalenceAdjustedContrapositiveCoverage
    );
    assert_eq!(
        CnaMeasure::parse("aac-con").unwrap(),
        CnaMeasure::AntecedentAdjustedContrapositiveConsistency
    );
    assert_eq!(
        CnaMeasure::parse("4").unwrap(),
        CnaMeasure::ContrapositiveCoverage
    );
    // "s" starts several names: ambiguous, as R's pmatch.
    assert!(CnaMeasure::parse("s").is_err());
    assert!(CnaMeasure::parse("9").is_err());
}

#[test]
fn expressions_in_cna_notation() {
    let r = cna(&load("d.educate"), &CnaOptions::default()).unwrap();
    let asf: BTreeSet<&str> = r.asf.iter().map(|a| a.expression.as_str()).collect();
    assert!(
        asf.contains("L + G <-> E") && asf.contains("U + D <-> L"),
        "{asf:?}"
    );
    let csf: BTreeSet<&str> = r.csf.iter().map(|c| c.expression.as_str()).collect();
    assert!(csf.contains("(L + G <-> E)*(U + D <-> L)"), "{csf:?}");
    assert!(r.msc.iter().any(|m| m.expression == "d*L -> U"));
    // The strings parse back to the structured formulas.
    for a in &r.asf {
        assert_eq!(CnaAtomic::parse_cna(&a.expression).unwrap(), a.formula);
    }
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["csf"][0]["expression"], r.csf[0].expression.as_str());
}

fn asf(text: &str) -> Vec<CnaAtomic> {
    kantel_qca::cna::parse_cna_csf(text).unwrap()
}

#[test]
fn frscore_by_hand() {
    // Tokens: A<->E twice, A+B<->E once, C<->E once. A<->E is a submodel of A+B<->E.
    // Scores (frscore's "full"): A<->E: 2·(2−1) for its other token + 1 (its supermodel)
    // = 3; A+B<->E: 0 + 2 (its submodel's tokens) = 2; C<->E: 0.
    // truemax: 3/3, 2/3, 0. idealmax: tokens per complexity 1: 3, 2: 1, of 4 in all;
    // best possible 2·(3−1) + 1 = 5 (complexity 1) against 2·0 + 3 = 3: scores / 5.
    let tokens = vec![asf("A<->E"), asf("A+B<->E"), asf("C<->E"), asf("A<->E")];
    let (scored, excluded) = frscore(&tokens, FrNormalize::Truemax, 50);
    assert_eq!(excluded, 0);
    let got: Vec<(String, f64, f64, usize)> = scored
        .iter()
        .map(|(t, s, n, k)| (tokens[*t][0].to_cna(), *s, *n, *k))
        .collect();
    assert_eq!(
        got,
        vec![
            ("A<->E".to_string(), 3.0, 1.0, 2),
            ("A+B<->E".to_string(), 2.0, 2.0 / 3.0, 1),
            ("C<->E".to_string(), 0.0, 0.0, 1),
        ]
    );
    let (ideal, _) = frscore(&tokens, FrNormalize::Idealmax, 50);
    assert!(close(ideal[0].2, 3.0 / 5.0) && close(ideal[1].2, 2.0 / 5.0));
    let (none, _) = frscore(&tokens, FrNormalize::None, 50);
    assert!(close(none[0].2, 3.0));
    // maxsols = 1: groups by complexity (1: A<->E ×2, C<->E; 2: A+B<->E), one pick each
    // (1/2 + 1), then the first one kept: A<->E alone, scored 2·(2−1) = 2; 2 left out.
    let (one, excluded) = frscore(&tokens, FrNormalize::None, 1);
    assert_eq!(excluded, 2);
    assert_eq!(one.len(), 1);
    assert_eq!(tokens[one[0].0][0].to_cna(), "A<->E");
    assert!(close(one[0].1, 2.0));
    // Ties in score are ordered by R's model string in C collation: "A*B<->E" before
    // "A+B<->E" ('*' is 0x2A, '+' 0x2B), though the spaced "A + B <-> E" would sort first.
    let tied = vec![asf("A+B<->E"), asf("A*B<->E")];
    let (t, _) = frscore(&tied, FrNormalize::Truemax, 50);
    assert_eq!(tied[t[0].0][0].to_cna(), "A*B<->E");
    assert!(t.iter().all(|x| x.1 == 0.0 && x.2 == 0.0));
}

#[test]
fn submodels_of_csfs() {
    assert!(is_submodel(&asf("A<->E"), &asf("(A+B<->E)*(C<->D)")));
    assert!(is_submodel(
        &asf("(A<->E)*(C<->D)"),
        &asf("(A*F+B<->E)*(C+G<->D)")
    ));
    assert!(!is_submodel(&asf("A+B<->E"), &asf("A*B<->E")));
    assert!(!is_submodel(&asf("A<->D"), &asf("A+B<->E")));
}

#[test]
fn fr_series_is_the_same_with_one_and_two_threads() {
    for name in ["d.educate", "d.jobsecurity"] {
        let data = load(name);
        let base = CnaOptions::default();
        // con and cov 0.7 take seconds on d.jobsecurity in a debug build: three values.
        let mut fr = FrScoreOptions {
            grid: vec![1.0, 0.9, 0.8],
            ..FrScoreOptions::default()
        };
        let one = frscored_cna(&data, &base, &fr).unwrap();
        fr.threads = 2;
        let two = frscored_cna(&data, &base, &fr).unwrap();
        let (a, b) = (
            serde_json::to_string(&one.models).unwrap(),
            serde_json::to_string(&two.models).unwrap(),
        );
        assert_eq!(a, b, "{name}");
        assert_eq!(one.runs, two.runs);
        assert_eq!(one.runs.len(), 9);
        // Every run returned what a direct cna at its thresholds returns.
        for run in &one.runs {
            let direct = cna(
                &data,
                &CnaOptions {
                    con: run.con,
                    cov: run.cov,
                    ..CnaOptions::default()
                },
            )
            .unwrap();
            assert_eq!(
                run.models,
                direct.csf.len(),
                "{name} {} {}",
                run.con,
                run.cov
            );
        }
        let tokens: usize = one.models.iter().map(|m| m.tokens).sum::<usize>();
        assert!(tokens <= one.runs.iter().map(|r| r.models).sum());
        assert!(close(one.models[0].norm_score, 1.0));
        assert!(one.models.windows(2).all(|w| w[0].score >= w[1].score));
    }
    // Too many analyses: an error naming the option.
    let e = frscored_cna(
        &load("d.educate"),
        &CnaOptions::default(),
        &FrScoreOptions {
            grid: (0..30).map(|i| 1.0 - i as f64 / 100.0).collect(),
            ..FrScoreOptions::default()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("--fr-max-runs"), "{e}");
}

#[test]
fn cycles_of_factors_and_of_values() {
    // All configurations of C = A*E + B and a = c*D (9 of 32). With notcols A the outcome
    // is a: csfs such as (c*D <-> a)*(B + A*E <-> C) have the factor cycle A -> C -> A but
    // no cycle of values (A -> C, c -> a; "A" and "a" are different values).
    let rows: Vec<[f64; 5]> = (0..32u32)
        .map(|i| std::array::from_fn(|k| f64::from((i >> (4 - k)) & 1)))
        .filter(|r: &[f64; 5]| {
            let [a, b, c, d, e] = r.map(|v| v == 1.0);
            c == ((a && e) || b) && a == (c || !d)
        })
        .collect();
    assert_eq!(rows.len(), 9);
    let data = SetData::new(
        (0..rows.len()).map(|i| format!("r{i}")).collect(),
        ["A", "B", "C", "D", "E"].map(String::from).to_vec(),
        (0..5)
            .map(|j| rows.iter().map(|r| r[j]).collect())
            .collect(),
    )
    .unwrap();
    let run = |cycle_type, acyclic_only| {
        cna(
            &data,
            &CnaOptions {
                notcols: vec!["A".into()],
                cycle_type,
                acyclic_only,
                ..CnaOptions::default()
            },
        )
        .unwrap()
    };
    let factor = run(CycleType::Factor, false);
    assert!(
        factor
            .csf
            .iter()
            .any(|c| c.expression == "(c*D <-> a)*(B + A*E <-> C)")
    );
    assert!(factor.csf.iter().all(|c| c.cyclic && c.asfs.len() == 2));
    let value = run(CycleType::Value, false);
    assert!(value.csf.iter().all(|c| !c.cyclic));
    assert_eq!(value.csf.len(), factor.csf.len());
    // acyclic_only: by factor every csf goes (the asfs are listed alone), by value none.
    assert!(
        run(CycleType::Factor, true)
            .csf
            .iter()
            .all(|c| c.asfs.len() == 1)
    );
    assert_eq!(run(CycleType::Value, true).csf.len(), factor.csf.len());
}

#[test]
fn exclude_on_multi_value_data() {
    // d.pban: "C=1 -> PB=1" removes the msc of PB=1 with C=1; "F -> PB" (for multi-value
    // data a bare name is every value) removes every msc of PB=0 and PB=1 with F.
    let data = load("d.pban");
    let all = cna(&data, &CnaOptions::default()).unwrap();
    let check = |rule: &str, hit: &dyn Fn(&kantel_qca::cna::CnaMsc) -> bool| {
        let r = cna(
            &data,
            &CnaOptions {
                exclude: vec![rule.to_string()],
                ..CnaOptions::default()
            },
        )
        .unwrap();
        let expected: BTreeSet<String> = all
            .msc
            .iter()
            .filter(|m| !hit(m))
            .map(|m| m.expression.clone())
            .collect();
        let got: BTreeSet<String> = r.msc.iter().map(|m| m.expression.clone()).collect();
        assert_eq!(expected, got, "{rule}");
        assert!(got.len() < all.msc.len(), "{rule}: nothing excluded");
    };
    check("C=1 -> PB=1", &|m| {
        m.outcome.to_cna() == "PB=1" && m.condition.iter().any(|l| l.to_cna() == "C=1")
    });
    check("F -> PB", &|m| {
        m.outcome.factor == "PB" && m.condition.iter().any(|l| l.factor == "F")
    });
    // A level not observed is an error.
    assert!(
        cna(
            &data,
            &CnaOptions {
                exclude: vec!["C=7 -> PB=1".into()],
                ..CnaOptions::default()
            },
        )
        .is_err()
    );
}
