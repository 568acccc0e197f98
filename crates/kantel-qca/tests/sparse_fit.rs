//! `fit::model_fit_sparse` (what minimize uses for models of thousands of terms) against the
//! dense `fit::model_fit`: equal to the last bit, on fuzzy and crisp memberships with zeros.

use kantel_qca::fit::{model_fit, model_fit_sparse};
use proptest::prelude::*;

fn membership() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(1.0),
        Just(0.5),
        (0u32..=100).prop_map(|v| f64::from(v) / 100.0)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn sparse_model_fit_equals_the_dense_one_bit_for_bit(
        (y, terms) in (1usize..30).prop_flat_map(|n| (
            prop::collection::vec(membership(), n),
            prop::collection::vec(prop::collection::vec(membership(), n), 1..6),
        ))
    ) {
        let dense = model_fit(&terms, &y);
        let sparse_terms: Vec<Vec<(u32, f64)>> = terms
            .iter()
            .map(|x| {
                x.iter()
                    .enumerate()
                    .filter(|(_, v)| **v != 0.0)
                    .map(|(c, &v)| (c as u32, v))
                    .collect()
            })
            .collect();
        let refs: Vec<&[(u32, f64)]> = sparse_terms.iter().map(Vec::as_slice).collect();
        let sparse = model_fit_sparse(&refs, &y);
        let bits = |v: f64| if v.is_nan() { u64::MAX } else { v.to_bits() };
        prop_assert_eq!(bits(dense.incl), bits(sparse.incl));
        prop_assert_eq!(bits(dense.pri), bits(sparse.pri));
        prop_assert_eq!(bits(dense.cov), bits(sparse.cov));
        for (d, s) in dense.terms.iter().zip(&sparse.terms) {
            prop_assert_eq!(bits(d.incl), bits(s.incl));
            prop_assert_eq!(bits(d.pri), bits(s.pri));
            prop_assert_eq!(bits(d.cov), bits(s.cov));
            prop_assert_eq!(bits(d.cov_u), bits(s.cov_u));
        }
    }
}
