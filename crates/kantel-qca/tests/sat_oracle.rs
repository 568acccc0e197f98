//! The SAT search for minimum covers against the all-primes path (prime implicants listed,
//! chart solved exactly): on random tables up to 8 conditions both give exactly the same
//! models, with and without row dominance; at 12-30 conditions every returned model is a
//! cover of the ON rows by prime implicants that include no OFF row.

use std::collections::BTreeSet;

use kantel_qca::boolean::sat::{MAX_ENUMERATED_TERMS, SatOptions, Stop, min_covers};
use kantel_qca::boolean::{
    ChartOptions, CoverProblem, DontCare, Implicant, Limits, prime_implicants, solve_chart,
};
use proptest::prelude::*;

fn covers(term: &[u8], c: &[u8]) -> bool {
    term.iter().zip(c).all(|(&t, &v)| t == 0 || t == v + 1)
}

/// Random distinct configurations split into ON, OFF (the rest are remainders).
fn table(max_k: usize, levels: std::ops::RangeInclusive<u8>) -> impl Strategy<Value = Table> {
    (2..=max_k)
        .prop_flat_map(move |k| {
            (
                proptest::collection::vec(levels.clone(), k),
                proptest::collection::vec((any::<u64>(), 0u8..3), 1..40),
            )
        })
        .prop_map(|(noflevels, rows)| {
            let mut seen = BTreeSet::new();
            let mut on = Vec::new();
            let mut off = Vec::new();
            for (seed, kind) in rows {
                let mut s = seed;
                let c: Vec<u8> = noflevels
                    .iter()
                    .map(|&n| {
                        let v = (s % u64::from(n)) as u8;
                        s /= u64::from(n);
                        v
                    })
                    .collect();
                if !seen.insert(c.clone()) {
                    continue;
                }
                match kind {
                    0 => on.push(c),
                    1 => off.push(c),
                    _ => {}
                }
            }
            Table { noflevels, on, off }
        })
        .prop_filter("needs ON and OFF rows", |t| {
            !t.on.is_empty() && !t.off.is_empty()
        })
}

#[derive(Clone, Debug)]
struct Table {
    noflevels: Vec<u8>,
    on: Vec<Vec<u8>>,
    off: Vec<Vec<u8>>,
}

fn sat_options(row_dominance: bool) -> SatOptions {
    SatOptions {
        max_models: 1_000_000,
        max_count: 1_000_000,
        max_conflicts: 10_000_000,
        row_dominance,
        start_terms: 1,
        give_up_above: None,
    }
}

/// Models of the all-primes path as sets of terms.
fn by_chart(t: &Table, row_dominance: bool) -> BTreeSet<BTreeSet<Vec<u8>>> {
    let problem = CoverProblem {
        noflevels: t.noflevels.clone(),
        on: t.on.clone(),
        dont_care: DontCare::AllExcept(t.off.clone()),
    };
    let primes = prime_implicants(&problem, &Limits::default()).unwrap();
    let chart = ChartOptions {
        row_dominance,
        all_solutions: false,
        max_models: 1_000_000,
        max_count: 0,
    };
    let models = solve_chart(&primes, &t.on, &chart).unwrap();
    assert!(!models.truncated);
    models
        .models
        .iter()
        .map(|m| m.iter().map(|&i| primes[i].0.clone()).collect())
        .collect()
}

/// Models of the SAT search; `None` when the minimum has more terms than it enumerates
/// (then the minimum size is checked instead, and `minimize` falls back to the chart).
fn by_sat(t: &Table, row_dominance: bool) -> Option<BTreeSet<BTreeSet<Vec<u8>>>> {
    let r = min_covers(
        &t.noflevels,
        &t.on,
        &t.off,
        &sat_options(row_dominance),
        &mut |_| {},
    )
    .unwrap();
    assert!(r.minimum_proved, "{r:?}");
    if r.stopped == Some(Stop::TooManyTerms) {
        assert!(r.lower_bound > MAX_ENUMERATED_TERMS);
        let chart = by_chart(t, row_dominance);
        assert!(
            chart.iter().all(|m| m.len() == r.lower_bound),
            "same minimum"
        );
        return None;
    }
    assert!(r.count_exact, "{r:?}");
    let set: BTreeSet<BTreeSet<Vec<u8>>> = r
        .models
        .iter()
        .map(|m| m.iter().map(|p| p.0.clone()).collect())
        .collect();
    assert_eq!(set.len() as u64, r.model_count, "no cover listed twice");
    Some(set)
}

/// The empty term (no OFF row constrains anything) is reported by the caller, not here.
fn trivially_explained(t: &Table) -> bool {
    let problem = CoverProblem {
        noflevels: t.noflevels.clone(),
        on: t.on.clone(),
        dont_care: DontCare::AllExcept(t.off.clone()),
    };
    prime_implicants(&problem, &Limits::default())
        .unwrap()
        .iter()
        .any(|p| p.n_literals() == 0)
}

proptest! {
    // A fixed seed: SAT enumeration of every cover (up to a million) varies from seconds
    // to a minute between random draws; CI must stay predictable. Change it to explore.
    #![proptest_config(ProptestConfig {
        cases: 200,
        rng_seed: proptest::test_runner::RngSeed::Fixed(8),
        ..ProptestConfig::default()
    })]

    #[test]
    fn sat_equals_all_primes_path_crisp(t in table(8, 2..=2), rd in any::<bool>()) {
        prop_assume!(!trivially_explained(&t));
        if let Some(sat) = by_sat(&t, rd) {
            prop_assert_eq!(sat, by_chart(&t, rd));
        }
    }

    #[test]
    fn sat_equals_all_primes_path_multi_value(t in table(5, 2..=4), rd in any::<bool>()) {
        prop_assume!(!trivially_explained(&t));
        if let Some(sat) = by_sat(&t, rd) {
            prop_assert_eq!(sat, by_chart(&t, rd));
        }
    }
}

/// A random crisp table as in Dusa (2018): uniform rows, outcome from a random DNF of three
/// terms of three literals.
fn dusa(k: usize, n: usize, seed: u64) -> Table {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    let dnf: Vec<Vec<(usize, u8)>> = (0..3)
        .map(|_| {
            let mut vars = BTreeSet::new();
            while vars.len() < 3 {
                vars.insert((next() % k as u64) as usize);
            }
            vars.into_iter().map(|v| (v, (next() % 2) as u8)).collect()
        })
        .collect();
    let mut seen = BTreeSet::new();
    let (mut on, mut off) = (Vec::new(), Vec::new());
    for _ in 0..n {
        let c: Vec<u8> = (0..k).map(|_| (next() % 2) as u8).collect();
        if !seen.insert(c.clone()) {
            continue;
        }
        if dnf.iter().any(|t| t.iter().all(|&(v, p)| c[v] == p)) {
            on.push(c);
        } else {
            off.push(c);
        }
    }
    Table {
        noflevels: vec![2; k],
        on,
        off,
    }
}

#[test]
fn models_at_12_to_30_conditions_are_covers_by_primes() {
    for (k, n) in [(12, 200), (16, 300), (20, 200), (24, 300), (30, 400)] {
        for seed in 1..=3 {
            let t = dusa(k, n, seed);
            let mut opts = sat_options(false);
            opts.max_models = 200;
            let r = min_covers(&t.noflevels, &t.on, &t.off, &opts, &mut |_| {}).unwrap();
            assert!(r.minimum_proved, "k={k} n={n} seed={seed}: {r:?}");
            assert!(!r.models.is_empty());
            for m in &r.models {
                assert_eq!(m.len(), r.lower_bound);
                for c in &t.on {
                    assert!(m.iter().any(|p| covers(&p.0, c)), "ON row uncovered");
                }
                for p in m {
                    check_prime(p, &t.off);
                }
            }
            if r.lower_bound > 1 {
                // Minimality proved by the search; spot-check that no single term covers
                // everything.
                assert!(r.models.iter().all(|m| m.len() > 1));
            }
        }
    }
}

fn check_prime(p: &Implicant, off: &[Vec<u8>]) {
    assert!(
        off.iter().all(|o| !covers(&p.0, o)),
        "term includes an OFF row"
    );
    for j in 0..p.0.len() {
        if p.0[j] == 0 {
            continue;
        }
        let mut wider = p.0.clone();
        wider[j] = 0;
        assert!(
            off.iter().any(|o| covers(&wider, o)),
            "term {:?} is not prime: literal {j} can go",
            p.0
        );
    }
}
