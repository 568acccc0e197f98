//! The Boolean core against a brute-force oracle (every implicant of the space, every subset
//! of prime implicants), against R's QCA outputs in testdata/validation, and on handpicked
//! regressions and error cases.

use std::collections::{BTreeSet, HashSet};

use kantel_qca::QcaError;
use kantel_qca::boolean::{
    ChartOptions, CoverProblem, CoverSearch, DontCare, Implicant, Limits, prime_implicants,
    solve_chart, solve_chart_with_budget, solve_chart_with_search,
};
use proptest::prelude::*;

// ---------------------------------------------------------------- brute-force oracle

fn all_configs(noflevels: &[u8]) -> Vec<Vec<u8>> {
    let mut out = vec![vec![]];
    for &n in noflevels {
        out = out
            .into_iter()
            .flat_map(|c| {
                (0..n).map(move |l| {
                    let mut c2 = c.clone();
                    c2.push(l);
                    c2
                })
            })
            .collect();
    }
    out
}

/// Every term of the space: entry j in 0..=noflevels[j].
fn all_terms(noflevels: &[u8]) -> Vec<Vec<u8>> {
    let plus: Vec<u8> = noflevels.iter().map(|n| n + 1).collect();
    all_configs(&plus)
}

fn term_covers(t: &[u8], c: &[u8]) -> bool {
    t.iter().zip(c).all(|(&x, &v)| x == 0 || x == v + 1)
}

/// The oracle's primes: allowed terms covering an ON configuration from which no literal can
/// be dropped without covering a forbidden configuration.
fn oracle_primes(p: &CoverProblem) -> Vec<Implicant> {
    let configs = all_configs(&p.noflevels);
    let on: HashSet<&Vec<u8>> = p.on.iter().collect();
    let allowed_cfg = |c: &Vec<u8>| -> bool {
        on.contains(c)
            || match &p.dont_care {
                DontCare::Listed(l) => l.contains(c),
                DontCare::AllExcept(off) => !off.contains(c),
            }
    };
    let allowed_term = |t: &[u8]| {
        configs
            .iter()
            .filter(|c| term_covers(t, c))
            .all(&allowed_cfg)
    };
    let mut out: Vec<Implicant> = all_terms(&p.noflevels)
        .into_iter()
        .filter(|t| p.on.iter().any(|c| term_covers(t, c)))
        .filter(|t| allowed_term(t))
        .filter(|t| {
            (0..t.len()).filter(|&j| t[j] != 0).all(|j| {
                let mut bigger = t.clone();
                bigger[j] = 0;
                !allowed_term(&bigger)
            })
        })
        .map(Implicant)
        .collect();
    out.sort_by(|a, b| {
        a.n_literals()
            .cmp(&b.n_literals())
            .then_with(|| a.0.cmp(&b.0))
    });
    out
}

struct OracleCovers {
    minimum: BTreeSet<Vec<usize>>,
    irredundant: BTreeSet<Vec<usize>>,
}

/// All subsets of `rows` (indices into primes) that cover every ON configuration.
fn oracle_covers(primes: &[Implicant], rows: &[usize], on: &[Vec<u8>]) -> OracleCovers {
    let full: u64 = if on.len() == 64 {
        u64::MAX
    } else {
        (1u64 << on.len()) - 1
    };
    let masks: Vec<u64> = rows
        .iter()
        .map(|&p| {
            on.iter()
                .enumerate()
                .filter(|(_, c)| primes[p].covers(c))
                .fold(0u64, |m, (i, _)| m | (1u64 << i))
        })
        .collect();
    let n = rows.len();
    let mut covers: Vec<u32> = Vec::new();
    for s in 0u32..(1u32 << n) {
        let m = (0..n)
            .filter(|i| s >> i & 1 == 1)
            .fold(0u64, |a, i| a | masks[i]);
        if m == full {
            covers.push(s);
        }
    }
    let cover_set: HashSet<u32> = covers.iter().copied().collect();
    let to_idx = |s: u32| -> Vec<usize> {
        (0..n)
            .filter(|i| s >> i & 1 == 1)
            .map(|i| rows[i])
            .collect()
    };
    let min = covers.iter().map(|s| s.count_ones()).min().unwrap_or(0);
    let minimum = covers
        .iter()
        .filter(|s| s.count_ones() == min)
        .map(|&s| to_idx(s))
        .collect();
    let irredundant = covers
        .iter()
        .filter(|&&s| {
            (0..n)
                .filter(|i| s >> i & 1 == 1)
                .all(|i| !cover_set.contains(&(s & !(1 << i))))
        })
        .map(|&s| to_idx(s))
        .collect();
    OracleCovers {
        minimum,
        irredundant,
    }
}

/// R's row dominance: drop rows whose ON coverage is a strict subset of another row's.
fn oracle_row_dominance(primes: &[Implicant], on: &[Vec<u8>]) -> Vec<usize> {
    let cov: Vec<BTreeSet<usize>> = primes
        .iter()
        .map(|p| (0..on.len()).filter(|&i| p.covers(&on[i])).collect())
        .collect();
    (0..primes.len())
        .filter(|&p| !(0..primes.len()).any(|q| cov[p].is_subset(&cov[q]) && cov[p] != cov[q]))
        .collect()
}

fn chart_essential(primes: &[Implicant], rows: &[usize], on: &[Vec<u8>]) -> Vec<usize> {
    let mut ess = BTreeSet::new();
    for c in on {
        let who: Vec<usize> = rows
            .iter()
            .copied()
            .filter(|&p| primes[p].covers(c))
            .collect();
        if who.len() == 1 {
            ess.insert(who[0]);
        }
    }
    ess.into_iter().collect()
}

// ---------------------------------------------------------------- random problems

/// noflevels and a state per configuration of the space: 0 ON, 1 OFF, 2 don't care.
fn problem_strategy() -> impl Strategy<Value = CoverProblem> {
    let levels = prop_oneof![
        (1usize..=6).prop_map(|k| vec![2u8; k]),
        prop::collection::vec(prop_oneof![Just(2u8), Just(3u8)], 1..=4),
    ];
    (levels, any::<bool>(), 0u8..3)
        .prop_flat_map(|(noflevels, all_except, density)| {
            let size: usize = noflevels.iter().map(|&n| n as usize).product();
            // Thresholds on a draw in 0..10: below the first ON, below the second OFF.
            let cuts = match density {
                0 => (4u8, 8u8),
                1 => (2, 4),
                _ => (2, 8),
            };
            let state = (0u8..10).prop_map(move |x| {
                if x < cuts.0 {
                    0u8
                } else if x < cuts.1 {
                    1
                } else {
                    2
                }
            });
            (
                Just(noflevels),
                Just(all_except),
                prop::collection::vec(state, size),
                0..size,
            )
        })
        .prop_map(|(noflevels, all_except, states, forced_on)| {
            let configs = all_configs(&noflevels);
            let mut on = Vec::new();
            let mut off = Vec::new();
            let mut dc = Vec::new();
            for (i, c) in configs.into_iter().enumerate() {
                match if i == forced_on { 0 } else { states[i] } {
                    0 => on.push(c),
                    1 => off.push(c),
                    _ => dc.push(c),
                }
            }
            CoverProblem {
                noflevels,
                on,
                dont_care: if all_except {
                    DontCare::AllExcept(off)
                } else {
                    DontCare::Listed(dc)
                },
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn primes_and_covers_match_brute_force(p in problem_strategy()) {
        let primes = prime_implicants(&p, &Limits::default()).unwrap();
        let expected = oracle_primes(&p);
        prop_assert_eq!(&primes, &expected);

        if primes.len() <= 16 {
            let all_rows: Vec<usize> = (0..primes.len()).collect();
            let oracle = oracle_covers(&primes, &all_rows, &p.on);

            let m = solve_chart(&primes, &p.on, &ChartOptions::default()).unwrap();
            prop_assert!(!m.truncated);
            let got: BTreeSet<Vec<usize>> = m.models.iter().cloned().collect();
            prop_assert_eq!(got.len(), m.models.len());
            prop_assert_eq!(&got, &oracle.minimum);
            prop_assert_eq!(m.min_size, oracle.minimum.iter().next().unwrap().len());
            prop_assert_eq!(&m.essential, &chart_essential(&primes, &all_rows, &p.on));
            let inter: Vec<usize> = all_rows.iter().copied()
                .filter(|i| m.models.iter().all(|mm| mm.contains(i))).collect();
            prop_assert_eq!(&m.in_all_models, &inter);
            // Deterministic order: by size, then lexicographic.
            let mut sorted = m.models.clone();
            sorted.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
            prop_assert_eq!(&sorted, &m.models);

            let all = solve_chart(&primes, &p.on, &ChartOptions { all_solutions: true, ..ChartOptions::default() }).unwrap();
            prop_assert!(!all.truncated);
            let got_all: BTreeSet<Vec<usize>> = all.models.iter().cloned().collect();
            prop_assert_eq!(&got_all, &oracle.irredundant);
            prop_assert_eq!(all.min_size, m.min_size);

            let kept = oracle_row_dominance(&primes, &p.on);
            let oracle_rd = oracle_covers(&primes, &kept, &p.on);
            let rd = solve_chart(&primes, &p.on, &ChartOptions { row_dominance: true, ..ChartOptions::default() }).unwrap();
            let got_rd: BTreeSet<Vec<usize>> = rd.models.iter().cloned().collect();
            prop_assert_eq!(&got_rd, &oracle_rd.minimum);
            prop_assert_eq!(&rd.essential, &chart_essential(&primes, &kept, &p.on));

            // A cap of one model: exact minimum size, incomplete list flagged.
            let capped = solve_chart(&primes, &p.on, &ChartOptions { max_models: 1, ..ChartOptions::default() }).unwrap();
            prop_assert_eq!(capped.models.len(), 1);
            prop_assert_eq!(capped.truncated, oracle.minimum.len() > 1);
            prop_assert!(oracle.minimum.contains(&capped.models[0]));
        }
    }

    /// Without remainders both don't-care variants describe the same problem.
    #[test]
    fn saturated_tables_agree(
        k in 2usize..=7,
        states in prop::collection::vec(any::<bool>(), 128),
    ) {
        let configs = all_configs(&vec![2u8; k]);
        let (mut on, mut off) = (Vec::new(), Vec::new());
        for (i, c) in configs.into_iter().enumerate() {
            if states[i] { on.push(c) } else { off.push(c) }
        }
        prop_assume!(!on.is_empty());
        let pars = CoverProblem { noflevels: vec![2; k], on: on.clone(), dont_care: DontCare::AllExcept(off) };
        let cons = CoverProblem { noflevels: vec![2; k], on, dont_care: DontCare::Listed(vec![]) };
        prop_assert_eq!(
            prime_implicants(&pars, &Limits::default()).unwrap(),
            prime_implicants(&cons, &Limits::default()).unwrap()
        );
    }
}

// ---------------------------------------------------------------- handpicked regressions

#[test]
fn single_column_chart_every_prime_is_a_model() {
    // One ON row 101 with OFF 000 and 111: primes through 101 are the minimal hitting sets of
    // {A, C} (differences with 000) and {B} (with 111): A*~B and ~B*C.
    let p = CoverProblem {
        noflevels: vec![2, 2, 2],
        on: vec![vec![1, 0, 1]],
        dont_care: DontCare::AllExcept(vec![vec![0, 0, 0], vec![1, 1, 1]]),
    };
    let primes = prime_implicants(&p, &Limits::default()).unwrap();
    assert_eq!(
        primes,
        vec![Implicant(vec![0, 1, 2]), Implicant(vec![2, 1, 0])]
    );
    let m = solve_chart(&primes, &p.on, &ChartOptions::default()).unwrap();
    assert_eq!(m.models, vec![vec![0], vec![1]]);
    assert!(m.essential.is_empty());
    assert!(m.in_all_models.is_empty());
    let all = solve_chart(
        &primes,
        &p.on,
        &ChartOptions {
            all_solutions: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(all.models, vec![vec![0], vec![1]]);
}

#[test]
fn no_off_rows_minimize_everything() {
    let p = CoverProblem {
        noflevels: vec![2, 3],
        on: vec![vec![1, 2]],
        dont_care: DontCare::AllExcept(vec![]),
    };
    let primes = prime_implicants(&p, &Limits::default()).unwrap();
    assert_eq!(primes, vec![Implicant(vec![0, 0])]);
}

#[test]
fn conservative_merges_multi_value_levels_only_when_all_present() {
    // A has 3 levels. ON: A=0,B=1 / A=1,B=1 -> no merge over A (A=2 missing): two primes.
    let mut p = CoverProblem {
        noflevels: vec![3, 2],
        on: vec![vec![0, 1], vec![1, 1]],
        dont_care: DontCare::Listed(vec![]),
    };
    let primes = prime_implicants(&p, &Limits::default()).unwrap();
    assert_eq!(primes, vec![Implicant(vec![1, 2]), Implicant(vec![2, 2])]);
    p.on.push(vec![2, 1]);
    let primes = prime_implicants(&p, &Limits::default()).unwrap();
    assert_eq!(primes, vec![Implicant(vec![0, 2])]);
}

/// Xorshift: a tiny deterministic generator so the test needs no extra dependency.
fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn twelve_conditions_hitting_sets_equal_explicit_merging() {
    // Parsimonious primes by hitting sets versus Quine-McCluskey over every allowed
    // configuration listed explicitly (two independent algorithms, 4096 configurations).
    let k = 12;
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    for _round in 0..3 {
        let configs = all_configs(&vec![2u8; k]);
        let (mut on, mut off, mut dc) = (Vec::new(), Vec::new(), Vec::new());
        for c in configs {
            match xorshift(&mut seed) % 100 {
                0..=1 => on.push(c),
                2..=40 => off.push(c),
                _ => dc.push(c),
            }
        }
        let pars = CoverProblem {
            noflevels: vec![2; k],
            on: on.clone(),
            dont_care: DontCare::AllExcept(off.clone()),
        };
        let listed = CoverProblem {
            noflevels: vec![2; k],
            on: on.clone(),
            dont_care: DontCare::Listed(dc),
        };
        let a = prime_implicants(&pars, &Limits::default()).unwrap();
        let b = prime_implicants(&listed, &Limits::default()).unwrap();
        assert!(!a.is_empty());
        assert_eq!(a, b);
        // Each prime excludes every OFF row, and dropping any literal breaks that.
        for p in &a {
            assert!(off.iter().all(|o| !p.covers(o)));
            for j in (0..k).filter(|&j| p.0[j] != 0) {
                let mut q = p.clone();
                q.0[j] = 0;
                assert!(off.iter().any(|o| q.covers(o)), "{p:?} is not prime");
            }
        }
        let m = solve_chart(&a, &on, &ChartOptions::default()).unwrap();
        assert!(!m.models.is_empty());
        for model in &m.models {
            assert_eq!(model.len(), m.min_size);
            assert!(on.iter().all(|c| model.iter().any(|&i| a[i].covers(c))));
        }
    }
}

#[test]
fn r_order_puts_negations_first_and_absent_last() {
    let mut v = vec![
        Implicant(vec![0, 2, 2, 2, 0]),
        Implicant(vec![2, 0, 2, 2, 0]),
        Implicant(vec![2, 2, 0, 1, 0]),
        Implicant(vec![2, 2, 2, 0, 0]),
        Implicant(vec![1, 2, 0, 2, 0]),
        Implicant(vec![0, 0, 0, 0, 1]),
    ];
    v.sort_by(|a, b| a.cmp_r_order(b));
    // R's order of the CVF parsimonious primes (testdata CVF_PROTEST_i0.8.json).
    assert_eq!(
        v,
        vec![
            Implicant(vec![0, 0, 0, 0, 1]),
            Implicant(vec![1, 2, 0, 2, 0]),
            Implicant(vec![2, 2, 2, 0, 0]),
            Implicant(vec![2, 2, 0, 1, 0]),
            Implicant(vec![2, 0, 2, 2, 0]),
            Implicant(vec![0, 2, 2, 2, 0]),
        ]
    );
}

// ---------------------------------------------------------------- errors

fn minimization_message(r: Result<Vec<Implicant>, QcaError>) -> String {
    match r {
        Err(QcaError::Minimization(m)) => m.to_string(),
        other => panic!("expected a minimization error, got {other:?}"),
    }
}

#[test]
fn invalid_problems_are_named_errors() {
    let base = CoverProblem {
        noflevels: vec![2, 3],
        on: vec![vec![0, 2], vec![1, 1]],
        dont_care: DontCare::AllExcept(vec![vec![0, 0]]),
    };
    let lim = Limits::default();

    let mut p = base.clone();
    p.dont_care = DontCare::AllExcept(vec![vec![0, 0], vec![1, 1]]);
    let m = minimization_message(prime_implicants(&p, &lim));
    assert!(m.contains("both ON (row 1) and OFF (row 1)"), "{m}");

    let mut p = base.clone();
    p.on[1] = vec![1, 3];
    let m = minimization_message(prime_implicants(&p, &lim));
    assert!(
        m.contains("ON configuration 1, condition 1: level 3"),
        "{m}"
    );

    let mut p = base.clone();
    p.on[0] = vec![1];
    let m = minimization_message(prime_implicants(&p, &lim));
    assert!(m.contains("ON configuration 0 has 1 values"), "{m}");

    let mut p = base.clone();
    p.dont_care = DontCare::Listed(vec![vec![0, 0], vec![2, 0]]);
    let m = minimization_message(prime_implicants(&p, &lim));
    assert!(
        m.contains("don't-care configuration 1, condition 0: level 2"),
        "{m}"
    );

    let mut p = base.clone();
    p.dont_care = DontCare::AllExcept(vec![vec![0, 0, 0]]);
    let m = minimization_message(prime_implicants(&p, &lim));
    assert!(m.contains("OFF configuration 0 has 3 values"), "{m}");

    let mut p = base.clone();
    p.on.clear();
    let m = minimization_message(prime_implicants(&p, &lim));
    assert!(m.contains("no ON configuration"), "{m}");

    let p = CoverProblem {
        noflevels: vec![2; 65],
        on: vec![vec![0; 65]],
        dont_care: DontCare::Listed(vec![]),
    };
    let m = minimization_message(prime_implicants(&p, &lim));
    assert!(m.contains("65 conditions"), "{m}");

    let p = CoverProblem {
        noflevels: vec![2, 1],
        on: vec![vec![0, 0]],
        dont_care: DontCare::Listed(vec![]),
    };
    let m = minimization_message(prime_implicants(&p, &lim));
    assert!(m.contains("condition 1 has 1 level"), "{m}");

    // The prime limit is an error, never a silent partial list.
    let p = CoverProblem {
        noflevels: vec![2; 4],
        on: vec![vec![0, 0, 0, 0], vec![1, 1, 1, 1]],
        dont_care: DontCare::AllExcept(vec![vec![0, 1, 1, 1], vec![1, 0, 0, 0]]),
    };
    let m = minimization_message(prime_implicants(&p, &Limits { max_primes: 1 }));
    assert!(m.contains("could not be proved complete"), "{m}");
}

#[test]
fn unsolvable_or_malformed_charts_are_errors() {
    let primes = vec![Implicant(vec![2, 0])];
    let err = solve_chart(&primes, &[vec![1, 0], vec![0, 1]], &ChartOptions::default());
    match err {
        Err(QcaError::Minimization(m)) => {
            assert!(m.to_string().contains("ON configuration 1 [0, 1]"), "{m}")
        }
        other => panic!("{other:?}"),
    }
    let err = solve_chart(&primes, &[vec![1, 0, 0]], &ChartOptions::default());
    assert!(
        matches!(err, Err(QcaError::Minimization(m)) if m.to_string().contains("prime implicant 0 has 2 entries"))
    );
    let err = solve_chart(&primes, &[], &ChartOptions::default());
    assert!(matches!(err, Err(QcaError::Minimization(_))));
}

// ---------------------------------------------------------------- R's QCA outputs

fn fixture(name: &str) -> serde_json::Value {
    let path = format!(
        "{}/../../testdata/validation/expected/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// R's JSON writer unboxes vectors of length one: accept a string or an array of strings.
fn str_list(v: &serde_json::Value) -> Vec<&str> {
    match v {
        serde_json::Value::String(s) => vec![s.as_str()],
        serde_json::Value::Array(a) => a.iter().map(|x| x.as_str().unwrap()).collect(),
        other => panic!("expected strings, got {other}"),
    }
}

/// Name -> implicant vector of R's `primes` matrix.
fn r_primes(result: &serde_json::Value) -> Vec<(String, Vec<u8>)> {
    let primes = &result["primes"];
    let names = str_list(&primes["rownames"]);
    let rows = primes["data"].as_array().unwrap();
    names
        .iter()
        .zip(rows)
        .map(|(n, r)| {
            (
                n.to_string(),
                r.as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_u64().unwrap() as u8)
                    .collect(),
            )
        })
        .collect()
}

fn lookup(primes: &[(String, Vec<u8>)], name: &str) -> Vec<u8> {
    primes
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("term {name} not in R's primes"))
        .1
        .clone()
}

/// Solutions of one R `minimize` result as sets of implicant vectors.
fn r_models(result: &serde_json::Value) -> BTreeSet<BTreeSet<Vec<u8>>> {
    let primes = r_primes(result);
    let sol = result["solution"].as_array().unwrap();
    let models: Vec<Vec<&str>> = if sol.iter().all(|m| m.is_string()) {
        vec![str_list(&result["solution"])]
    } else {
        sol.iter().map(str_list).collect()
    };
    models
        .into_iter()
        .map(|m| m.into_iter().map(|t| lookup(&primes, t)).collect())
        .collect()
}

fn r_essential(result: &serde_json::Value) -> BTreeSet<Vec<u8>> {
    let primes = r_primes(result);
    str_list(&result["essential"])
        .into_iter()
        .map(|t| lookup(&primes, t))
        .collect()
}

#[test]
fn r_fixtures_conservative_and_parsimonious() {
    let files = [
        "CVF_PROTEST_i0.8.json",
        "CVF_PROTEST_i0.85.json",
        "CVF_negPROTEST_i0.8.json",
        "LC_SURV.json",
        "LC_negSURV.json",
        "LF_SURV_i0.8.json",
        "LF_negSURV_i0.8.json",
        "LM_SURV.json",
        "LM_SURV_4cond.json",
        "LM_negSURV_4cond.json",
    ];
    let mut checked = 0;
    for file in files {
        let d = fixture(file);
        let tt = &d["truthTable"];
        let conditions: Vec<&str> = tt["options"]["conditions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let noflevels: Vec<u8> = tt["noflevels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as u8)
            .collect();
        let out: Vec<&str> = tt["tt"]["OUT"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let config = |r: usize| -> Vec<u8> {
            conditions
                .iter()
                .map(|c| tt["tt"][c][r].as_u64().unwrap() as u8)
                .collect()
        };
        let on: Vec<Vec<u8>> = (0..out.len())
            .filter(|&r| out[r] == "1")
            .map(config)
            .collect();
        let off: Vec<Vec<u8>> = (0..out.len())
            .filter(|&r| out[r] == "0" || out[r] == "C")
            .map(config)
            .collect();
        for (key, opts) in [
            ("conservative", ChartOptions::default()),
            ("parsimonious", ChartOptions::default()),
            (
                "parsimonious_rowdom",
                ChartOptions {
                    row_dominance: true,
                    ..Default::default()
                },
            ),
            (
                "parsimonious_allsol",
                ChartOptions {
                    all_solutions: true,
                    ..Default::default()
                },
            ),
        ] {
            let Some(result) = d["minimize"].get(key) else {
                continue;
            };
            let dont_care = if key == "conservative" {
                DontCare::Listed(vec![])
            } else {
                DontCare::AllExcept(off.clone())
            };
            let p = CoverProblem {
                noflevels: noflevels.clone(),
                on: on.clone(),
                dont_care,
            };
            let primes = prime_implicants(&p, &Limits::default()).unwrap();
            let m = solve_chart(&primes, &on, &opts).unwrap();
            let ours: BTreeSet<BTreeSet<Vec<u8>>> = m
                .models
                .iter()
                .map(|model| model.iter().map(|&i| primes[i].0.clone()).collect())
                .collect();
            assert_eq!(ours, r_models(result), "{file} {key}");
            let ess: BTreeSet<Vec<u8>> = m
                .in_all_models
                .iter()
                .map(|&i| primes[i].0.clone())
                .collect();
            assert_eq!(ess, r_essential(result), "{file} {key} essential");
            checked += 1;
        }
    }
    assert_eq!(checked, 22);
}

// ---------------------------------------------------------------- the two chart searches

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// Larger random parsimonious problems (up to 8 conditions, up to hundreds of primes, beyond
    /// brute force over subsets): the Lagrangian search with its reductions and the baseline
    /// search (both exact, independent implementations) return the same minimum size and the
    /// same set of minimum covers, and every model is a cover of that size.
    #[test]
    fn lagrangian_and_baseline_searches_agree(
        k in 5usize..=8,
        states in prop::collection::vec(0u8..10, 256),
    ) {
        let configs = all_configs(&vec![2u8; k]);
        let (mut on, mut off) = (Vec::new(), Vec::new());
        for (i, c) in configs.into_iter().enumerate() {
            match states[i] {
                0..=1 => on.push(c),
                2..=5 => off.push(c),
                _ => {}
            }
        }
        prop_assume!(!on.is_empty());
        let p = CoverProblem { noflevels: vec![2; k], on: on.clone(), dont_care: DontCare::AllExcept(off) };
        let primes = prime_implicants(&p, &Limits::default()).unwrap();
        let opts = ChartOptions { max_models: 2_000, ..ChartOptions::default() };
        let a = solve_chart_with_search(&primes, &on, &opts, u64::MAX, CoverSearch::Lagrangian).unwrap();
        let b = solve_chart_with_search(&primes, &on, &opts, u64::MAX, CoverSearch::Disjoint).unwrap();
        prop_assert_eq!(a.min_size, b.min_size);
        prop_assert_eq!(a.truncated, b.truncated);
        if !a.truncated {
            prop_assert_eq!(&a.models, &b.models);
        }
        prop_assert_eq!(&a.essential, &b.essential);
        for m in &a.models {
            prop_assert_eq!(m.len(), a.min_size);
            prop_assert!(on.iter().all(|c| m.iter().any(|&i| primes[i].covers(c))));
        }
        // all.sol's minimum size comes from the Lagrangian search too.
        let all = solve_chart(&primes, &on, &ChartOptions { all_solutions: true, max_models: 5, ..ChartOptions::default() }).unwrap();
        prop_assert_eq!(all.min_size, a.min_size);
    }
}

#[test]
fn unproved_minimum_gives_the_best_cover_with_bounds() {
    // Twelve conditions, dense random data: a large cyclic chart that 50 nodes cannot solve.
    let k = 12;
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let (mut on, mut off) = (Vec::new(), Vec::new());
    for c in all_configs(&vec![2u8; k]) {
        match xorshift(&mut seed) % 100 {
            0..=9 => on.push(c),
            10..=21 => off.push(c),
            _ => {}
        }
    }
    let p = CoverProblem {
        noflevels: vec![2; k],
        on: on.clone(),
        dont_care: DontCare::AllExcept(off),
    };
    let primes = prime_implicants(&p, &Limits::default()).unwrap();
    // Never an error when an answer exists: the best cover found, with proved bounds.
    let m = solve_chart_with_budget(&primes, &on, &ChartOptions::default(), 50).unwrap();
    assert!(!m.minimum_proved);
    assert!(
        m.lower_bound < m.min_size,
        "{} {}",
        m.lower_bound,
        m.min_size
    );
    assert_eq!(m.models.len(), 1);
    assert!(m.truncated && !m.count_exact);
    let model = &m.models[0];
    assert_eq!(model.len(), m.min_size);
    for c in &on {
        assert!(
            model.iter().any(|&i| primes[i].covers(c)),
            "{c:?} uncovered"
        );
    }
}
