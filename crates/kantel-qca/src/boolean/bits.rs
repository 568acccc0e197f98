//! Small fixed-width bitset helpers on `[u64]` words.

/// Words needed for `n` bits.
pub(crate) fn words(n: usize) -> usize {
    n.div_ceil(64)
}

pub(crate) fn set(b: &mut [u64], i: usize) {
    b[i / 64] |= 1u64 << (i % 64);
}

pub(crate) fn clear(b: &mut [u64], i: usize) {
    b[i / 64] &= !(1u64 << (i % 64));
}

pub(crate) fn get(b: &[u64], i: usize) -> bool {
    b[i / 64] >> (i % 64) & 1 == 1
}

/// Popcount of `a & b`.
pub(crate) fn count_and(a: &[u64], b: &[u64]) -> usize {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x & y).count_ones() as usize)
        .sum()
}

/// Whether `a & b` has any bit.
pub(crate) fn intersects(a: &[u64], b: &[u64]) -> bool {
    a.iter().zip(b).any(|(x, y)| x & y != 0)
}

/// Whether every bit of `a` is in `b`.
pub(crate) fn subset(a: &[u64], b: &[u64]) -> bool {
    a.iter().zip(b).all(|(x, y)| x & !y == 0)
}

/// Indices of the set bits, ascending.
pub(crate) fn ones(b: &[u64]) -> impl Iterator<Item = usize> + '_ {
    b.iter().enumerate().flat_map(|(w, &word)| {
        let mut x = word;
        std::iter::from_fn(move || {
            if x == 0 {
                None
            } else {
                let t = x.trailing_zeros() as usize;
                x &= x - 1;
                Some(w * 64 + t)
            }
        })
    })
}

/// Indices of the set bits of a single word, ascending.
pub(crate) fn ones64(mut x: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        if x == 0 {
            None
        } else {
            let t = x.trailing_zeros() as usize;
            x &= x - 1;
            Some(t)
        }
    })
}
