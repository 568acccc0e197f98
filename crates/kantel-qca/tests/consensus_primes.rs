//! Issue 8: `boolean::primes_by_consensus` (the intermediate solution's prime implicants
//! from the terms of its easy counterfactuals, without listing them) gives exactly the prime
//! implicants of the configurations those terms span, as the merging path computes them.

use kantel_qca::boolean::{CoverProblem, DontCare, Limits, prime_implicants, primes_by_consensus};
use proptest::prelude::*;

fn configs_of(cube: &[u8]) -> Vec<Vec<u8>> {
    let mut out = vec![Vec::new()];
    for &v in cube {
        out = out
            .into_iter()
            .flat_map(|c: Vec<u8>| {
                let levels: Vec<u8> = if v == 0 { vec![0, 1] } else { vec![v - 1] };
                levels
                    .into_iter()
                    .map(move |l| [c.clone(), vec![l]].concat())
            })
            .collect();
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn consensus_primes_equal_the_primes_of_the_listed_configurations(
        (k, on, terms) in (1usize..=7).prop_flat_map(|k| (
            Just(k),
            prop::collection::vec(prop::collection::vec(0u8..2, k), 1..8),
            prop::collection::vec(prop::collection::vec(0u8..3, k), 0..5),
        ))
    ) {
        let noflevels = vec![2u8; k];
        let mut cubes: Vec<Vec<u8>> = on.iter().map(|c| c.iter().map(|v| v + 1).collect()).collect();
        cubes.extend(terms.iter().cloned());
        let by_consensus = primes_by_consensus(&noflevels, &cubes, 100_000).expect("small");
        let dc: Vec<Vec<u8>> = terms.iter().flat_map(|t| configs_of(t)).collect();
        let listed = prime_implicants(
            &CoverProblem { noflevels: noflevels.clone(), on: on.clone(), dont_care: DontCare::Listed(dc) },
            &Limits::default(),
        ).unwrap();
        // The merging path may also return primes that cover only don't cares; compare
        // the primes that cover an ON configuration (the chart's rows).
        let relevant = |ps: &[kantel_qca::boolean::Implicant]| -> Vec<Vec<u8>> {
            let mut v: Vec<Vec<u8>> = ps.iter().filter(|p| on.iter().any(|c| p.covers(c))).map(|p| p.0.clone()).collect();
            v.sort();
            v
        };
        prop_assert_eq!(relevant(&by_consensus), relevant(&listed));
    }
}

#[test]
fn multi_value_conditions_are_left_to_the_listing_path() {
    assert!(primes_by_consensus(&[2, 3], &[vec![1, 1]], 100).is_none());
}
