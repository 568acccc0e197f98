//! Cube arithmetic on implicants in R's primes-matrix form: one entry per condition, 0 when
//! the condition is absent from the term and level+1 when the term fixes it to that level
//! (multi-value conditions allowed, `noflevels[j]` levels each).
//!
//! Simplifying assumptions and counterfactuals are sets of configurations of the whole space,
//! which has 2^20 configurations at 20 crisp conditions and 9·10^15 at the truth table's
//! limit. They are computed here from the terms (cubes) that cover them and the observed
//! rows, never by listing the space: a union is counted by splitting on one condition at a
//! time (Shannon expansion) and, where the cubes fall apart into groups on disjoint
//! conditions, by multiplying the groups' complements; configurations are listed only from a
//! disjoint decomposition and only up to a limit the caller gives. Every recursion counts
//! its steps against a [`Budget`]: counting unions of cubes is #P-hard in general, so a
//! pathological input ends in [`Exhausted`] rather than in a search without end.

use std::collections::{HashMap, HashSet};

use crate::truth_table::row_weights;

/// Default number of recursion steps for one count or listing. Models of real analyses (a
/// few dozen terms over at most a few dozen conditions) need hundreds of steps; this many
/// take about a second.
pub const DEFAULT_BUDGET: u64 = 1 << 22;

/// A computation ran out of its budget of recursion steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exhausted {
    /// The budget that was spent.
    pub budget: u64,
}

/// Recursion steps left for one computation; several calls may share one budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    max: u64,
    used: u64,
}

impl Budget {
    /// A budget of `max` steps.
    pub fn new(max: u64) -> Budget {
        Budget { max, used: 0 }
    }

    /// Steps used so far.
    pub fn used(&self) -> u64 {
        self.used
    }

    fn step(&mut self) -> Result<(), Exhausted> {
        if self.used >= self.max {
            return Err(Exhausted { budget: self.max });
        }
        self.used += 1;
        Ok(())
    }
}

impl Default for Budget {
    fn default() -> Self {
        Budget::new(DEFAULT_BUDGET)
    }
}

/// Number of configurations of the whole space (saturating at `u128::MAX`, which only
/// 17 or more conditions of 255 levels could reach).
pub fn space_size(noflevels: &[u8]) -> u128 {
    noflevels
        .iter()
        .fold(1u128, |acc, l| acc.saturating_mul(u128::from(*l)))
}

/// Number of configurations a cube covers: the product of the levels of its free
/// conditions (saturating as [`space_size`]).
pub fn size(cube: &[u8], noflevels: &[u8]) -> u128 {
    cube.iter()
        .zip(noflevels)
        .filter(|(v, _)| **v == 0)
        .fold(1u128, |acc, (_, l)| acc.saturating_mul(u128::from(*l)))
}

/// Whether `cube` covers the configuration `config` (levels, 0-based).
pub fn covers(cube: &[u8], config: &[u8]) -> bool {
    cube.iter().zip(config).all(|(v, c)| *v == 0 || *v == c + 1)
}

/// Whether every configuration of `inner` lies in `outer`.
pub fn subsumes(outer: &[u8], inner: &[u8]) -> bool {
    outer.iter().zip(inner).all(|(o, i)| *o == 0 || o == i)
}

/// The cube of the configurations both cubes cover, `None` when they share none.
pub fn intersection(a: &[u8], b: &[u8]) -> Option<Vec<u8>> {
    a.iter()
        .zip(b)
        .map(|(&x, &y)| match (x, y) {
            (0, y) => Some(y),
            (x, 0) => Some(x),
            (x, y) if x == y => Some(x),
            _ => None,
        })
        .collect()
}

/// How many of the given (distinct) configurations fall in the union of `cubes`: a pass
/// over the configurations, O(configurations × cubes × conditions).
pub fn count_covered<C: AsRef<[u8]>>(cubes: &[C], configs: &[Vec<u8>]) -> u128 {
    configs
        .iter()
        .filter(|c| cubes.iter().any(|q| covers(q.as_ref(), c)))
        .count() as u128
}

/// Number of configurations in the union of `cubes`, without listing them.
pub fn union_size<C: AsRef<[u8]>>(
    cubes: &[C],
    noflevels: &[u8],
    budget: &mut Budget,
) -> Result<u128, Exhausted> {
    let owned: Vec<Vec<u8>> = cubes.iter().map(|c| c.as_ref().to_vec()).collect();
    count_union(owned, noflevels, budget)
}

/// Number of configurations in the union of `a` that are not in the union of `b`:
/// |A| − |A ∩ B|, the intersection being the union of the pairwise intersections.
pub fn difference_size<A: AsRef<[u8]>, B: AsRef<[u8]>>(
    a: &[A],
    b: &[B],
    noflevels: &[u8],
    budget: &mut Budget,
) -> Result<u128, Exhausted> {
    let whole = union_size(a, noflevels, budget)?;
    let mut both = Vec::new();
    for x in a {
        for y in b {
            if let Some(i) = intersection(x.as_ref(), y.as_ref()) {
                both.push(i);
            }
        }
    }
    let shared = count_union(both, noflevels, budget)?;
    Ok(whole - shared)
}

/// The configurations, as 1-based row numbers in R's order (sorted), that lie in the union
/// of `a`, not in the union of `b`, and whose row number is not in `except`. `None` when
/// there are more than `limit`: the listing stops there, so its cost stays within `limit`
/// configurations plus those in `except`.
pub fn list_difference<A: AsRef<[u8]>, B: AsRef<[u8]>>(
    a: &[A],
    b: &[B],
    noflevels: &[u8],
    except: &HashSet<u64>,
    limit: u64,
    budget: &mut Budget,
) -> Result<Option<Vec<u64>>, Exhausted> {
    let a: Vec<&[u8]> = a.iter().map(AsRef::as_ref).collect();
    let b: Vec<&[u8]> = b.iter().map(AsRef::as_ref).collect();
    let mut lister = Lister {
        noflevels,
        weights: row_weights(noflevels),
        except,
        limit,
        out: Vec::new(),
        over: false,
    };
    let mut path = vec![0u8; noflevels.len()];
    lister.walk(&a, &b, &mut path, budget)?;
    if lister.over {
        return Ok(None);
    }
    lister.out.sort_unstable();
    Ok(Some(lister.out))
}

/// Counts a union with a memo of solved sub-problems (different splitting paths often
/// leave the same cubes on the same conditions); the memo is bounded in bytes.
fn count_union(
    cubes: Vec<Vec<u8>>,
    noflevels: &[u8],
    budget: &mut Budget,
) -> Result<u128, Exhausted> {
    let mut counter = Counter {
        memo: HashMap::new(),
        memo_bytes: 0,
    };
    counter.count(cubes, noflevels, budget)
}

/// Bytes of keys the memo may hold: it speeds up hard counts, it must not grow the
/// process (a whole run stays well under 100 MB).
const MEMO_BYTES: usize = 16 << 20;

struct Counter {
    memo: HashMap<Vec<u8>, u128>,
    memo_bytes: usize,
}

impl Counter {
    /// The number of configurations of the space `noflevels` in the union of `cubes`.
    fn count(
        &mut self,
        cubes: Vec<Vec<u8>>,
        noflevels: &[u8],
        budget: &mut Budget,
    ) -> Result<u128, Exhausted> {
        budget.step()?;
        if cubes.is_empty() {
            return Ok(0);
        }
        if cubes.iter().any(|c| c.iter().all(|v| *v == 0)) {
            return Ok(space_size(noflevels));
        }
        if cubes.len() == 1 {
            return Ok(size(&cubes[0], noflevels));
        }
        let cubes = absorb(cubes);
        if cubes.len() == 1 {
            return Ok(size(&cubes[0], noflevels));
        }

        // Conditions no cube fixes multiply the count: drop them, so that sub-problems
        // that differ only there are one in the memo.
        let k = noflevels.len();
        let active: Vec<usize> = (0..k)
            .filter(|&x| cubes.iter().any(|c| c[x] != 0))
            .collect();
        let factor = (0..k)
            .filter(|x| !active.contains(x))
            .fold(1u128, |acc, x| acc.saturating_mul(u128::from(noflevels[x])));
        let levels: Vec<u8> = active.iter().map(|&x| noflevels[x]).collect();
        let mut cubes: Vec<Vec<u8>> = cubes
            .iter()
            .map(|c| active.iter().map(|&x| c[x]).collect())
            .collect();
        cubes.sort_unstable();
        let mut key = levels.clone();
        for c in &cubes {
            key.extend_from_slice(c);
        }
        if let Some(n) = self.memo.get(&key) {
            return Ok(n.saturating_mul(factor));
        }
        let n = self.split(cubes, &levels, budget)?;
        if self.memo_bytes + key.len() <= MEMO_BYTES {
            self.memo_bytes += key.len();
            self.memo.insert(key, n);
        }
        Ok(n.saturating_mul(factor))
    }

    /// `count` for cubes of which none is the whole space and every condition is fixed by
    /// some cube.
    fn split(
        &mut self,
        cubes: Vec<Vec<u8>>,
        noflevels: &[u8],
        budget: &mut Budget,
    ) -> Result<u128, Exhausted> {
        let k = noflevels.len();
        let total = space_size(noflevels);

        // Cubes on disjoint sets of conditions are independent: a configuration escapes
        // the union when it escapes every group, so |¬U| is the product of the |¬U_g|.
        let groups = components(&cubes, k);
        if groups.len() > 1 {
            let mut complement: u128 = 1;
            for (vars, members) in &groups {
                let mut sub_levels = vec![1u8; k];
                for &x in vars {
                    sub_levels[x] = noflevels[x];
                }
                let group_total = space_size(&sub_levels);
                let sub: Vec<Vec<u8>> = members.iter().map(|&i| cubes[i].clone()).collect();
                let covered = self.count(sub, &sub_levels, budget)?;
                complement = complement.saturating_mul(group_total - covered);
            }
            return Ok(total.saturating_sub(complement));
        }

        // Split on the condition that the most cubes fix; the branch for each level keeps
        // the cubes free on it or fixing that level. Levels no cube fixes share one branch.
        let x = most_fixed(cubes.iter().map(Vec::as_slice), k);
        let mut sub_levels = noflevels.to_vec();
        sub_levels[x] = 1;
        let mut sum: u128 = 0;
        let mut unfixed_levels: u128 = 0;
        for level in 1..=noflevels[x] {
            if !cubes.iter().any(|c| c[x] == level) {
                unfixed_levels += 1;
                continue;
            }
            let sub: Vec<Vec<u8>> = cubes
                .iter()
                .filter(|c| c[x] == 0 || c[x] == level)
                .map(|c| {
                    let mut c = c.clone();
                    c[x] = 0;
                    c
                })
                .collect();
            sum = sum.saturating_add(self.count(sub, &sub_levels, budget)?);
        }
        if unfixed_levels > 0 {
            let free: Vec<Vec<u8>> = cubes.iter().filter(|c| c[x] == 0).cloned().collect();
            let c = self.count(free, &sub_levels, budget)?;
            sum = sum.saturating_add(unfixed_levels.saturating_mul(c));
        }
        Ok(sum)
    }
}

/// Drops cubes that another cube contains (and duplicates): they add nothing to a union.
fn absorb(cubes: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    let m = cubes.len();
    let mut keep = vec![true; m];
    for i in 0..m {
        for j in 0..m {
            if i != j && keep[j] && subsumes(&cubes[j], &cubes[i]) {
                keep[i] = false;
                break;
            }
        }
    }
    cubes
        .into_iter()
        .zip(keep)
        .filter_map(|(c, k)| k.then_some(c))
        .collect()
}

/// Groups of cubes that share no fixed condition with other groups: (the group's fixed
/// conditions, the indices of its cubes). Every cube fixes at least one condition.
fn components(cubes: &[Vec<u8>], k: usize) -> Vec<(Vec<usize>, Vec<usize>)> {
    let mut parent: Vec<usize> = (0..k).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for c in cubes {
        let mut first = None;
        for (x, v) in c.iter().enumerate() {
            if *v == 0 {
                continue;
            }
            match first {
                None => first = Some(x),
                Some(f) => {
                    let (a, b) = (root(&mut parent, f), root(&mut parent, x));
                    parent[a] = b;
                }
            }
        }
    }
    let mut groups: Vec<(usize, Vec<usize>, Vec<usize>)> = Vec::new();
    for (i, c) in cubes.iter().enumerate() {
        let Some(x) = c.iter().position(|v| *v != 0) else {
            continue;
        };
        let r = root(&mut parent, x);
        match groups.iter_mut().find(|g| g.0 == r) {
            Some(g) => g.2.push(i),
            None => groups.push((r, Vec::new(), vec![i])),
        }
    }
    for g in &mut groups {
        let mut vars: Vec<usize> =
            g.2.iter()
                .flat_map(|&i| (0..k).filter(move |&x| cubes[i][x] != 0))
                .collect();
        vars.sort_unstable();
        vars.dedup();
        g.1 = vars;
    }
    groups.into_iter().map(|(_, v, m)| (v, m)).collect()
}

/// The condition fixed by the most cubes (the first on ties).
fn most_fixed<'a>(cubes: impl Iterator<Item = &'a [u8]>, k: usize) -> usize {
    let mut counts = vec![0usize; k];
    for c in cubes {
        for (x, v) in c.iter().enumerate() {
            if *v != 0 {
                counts[x] += 1;
            }
        }
    }
    let mut best = 0;
    for x in 1..k {
        if counts[x] > counts[best] {
            best = x;
        }
    }
    best
}

/// Lists U(a) \ U(b) by splitting a path cube until one cube of `a` contains it and no cube
/// of `b` meets it (then the path is a disjoint piece of the difference), or a cube of `b`
/// contains it (nothing to list), or no cube of `a` meets it.
struct Lister<'a> {
    noflevels: &'a [u8],
    weights: Vec<u64>,
    except: &'a HashSet<u64>,
    limit: u64,
    out: Vec<u64>,
    over: bool,
}

impl Lister<'_> {
    fn walk(
        &mut self,
        a: &[&[u8]],
        b: &[&[u8]],
        path: &mut Vec<u8>,
        budget: &mut Budget,
    ) -> Result<(), Exhausted> {
        budget.step()?;
        if self.over || b.iter().any(|q| subsumes(q, path)) {
            return Ok(());
        }
        let a: Vec<&[u8]> = a
            .iter()
            .copied()
            .filter(|q| intersection(q, path).is_some())
            .collect();
        if a.is_empty() {
            return Ok(());
        }
        let b: Vec<&[u8]> = b
            .iter()
            .copied()
            .filter(|q| intersection(q, path).is_some())
            .collect();
        if b.is_empty() {
            if a.iter().any(|q| subsumes(q, path)) {
                let piece = path.clone();
                self.emit(&piece);
                return Ok(());
            }
            if a.len() == 1 {
                if let Some(piece) = intersection(a[0], path) {
                    self.emit(&piece);
                }
                return Ok(());
            }
        }
        // Some live cube fixes a condition the path leaves free (else a cube of `b` or of
        // `a` would contain the path, handled above).
        let k = path.len();
        let mut counts = vec![0usize; k];
        for q in a.iter().chain(&b) {
            for x in 0..k {
                if path[x] == 0 && q[x] != 0 {
                    counts[x] += 1;
                }
            }
        }
        let Some(x) = (0..k).filter(|&x| counts[x] > 0).max_by_key(|&x| counts[x]) else {
            return Ok(());
        };
        for level in 1..=self.noflevels[x] {
            path[x] = level;
            self.walk(&a, &b, path, budget)?;
            if self.over {
                break;
            }
        }
        path[x] = 0;
        Ok(())
    }

    /// Adds the row numbers of a cube's configurations (an odometer over its free
    /// conditions), stopping when more than `limit` are listed.
    fn emit(&mut self, cube: &[u8]) {
        let free: Vec<usize> = (0..cube.len()).filter(|&x| cube[x] == 0).collect();
        let base: u64 = cube
            .iter()
            .zip(&self.weights)
            .filter(|(v, _)| **v != 0)
            .map(|(v, w)| u64::from(*v - 1) * w)
            .sum::<u64>()
            + 1;
        let mut digits = vec![0u8; free.len()];
        let mut offset = 0u64;
        loop {
            let row = base + offset;
            if !self.except.contains(&row) {
                if self.out.len() as u64 >= self.limit {
                    self.over = true;
                    return;
                }
                self.out.push(row);
            }
            // Next configuration: the last free condition varies fastest.
            let mut i = free.len();
            loop {
                if i == 0 {
                    return;
                }
                i -= 1;
                let x = free[i];
                if digits[i] + 1 < self.noflevels[x] {
                    digits[i] += 1;
                    offset += self.weights[x];
                    break;
                }
                offset -= u64::from(digits[i]) * self.weights[x];
                digits[i] = 0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every configuration of a small space.
    fn all_configs(noflevels: &[u8]) -> Vec<Vec<u8>> {
        let mut out = vec![Vec::new()];
        for &l in noflevels {
            out = out
                .into_iter()
                .flat_map(|c: Vec<u8>| {
                    (0..l).map(move |v| {
                        let mut c = c.clone();
                        c.push(v);
                        c
                    })
                })
                .collect();
        }
        out
    }

    fn row(config: &[u8], noflevels: &[u8]) -> u64 {
        crate::truth_table::row_number(config, &row_weights(noflevels))
    }

    /// Levels, cubes `a`, cubes `b` and configurations.
    type Problem = (Vec<u8>, Vec<Vec<u8>>, Vec<Vec<u8>>, Vec<Vec<u8>>);

    /// A space of 1 to 6 conditions with 2 to 4 levels, some cubes and some configurations.
    fn problem() -> impl Strategy<Value = Problem> {
        prop::collection::vec(2u8..=4, 1..=6).prop_flat_map(|nl| {
            let cube = nl.iter().map(|&l| 0u8..=l).collect::<Vec<_>>();
            let config = nl.iter().map(|&l| 0u8..l).collect::<Vec<_>>();
            (
                Just(nl.clone()),
                prop::collection::vec(cube.clone(), 0..8),
                prop::collection::vec(cube, 0..5),
                prop::collection::vec(config, 0..10),
            )
        })
    }

    proptest! {
        #[test]
        fn counts_and_lists_match_brute_force((nl, a, b, configs) in problem()) {
            let space = all_configs(&nl);
            let in_a = |c: &Vec<u8>| a.iter().any(|q| covers(q, c));
            let in_b = |c: &Vec<u8>| b.iter().any(|q| covers(q, c));
            for q in &a {
                prop_assert_eq!(size(q, &nl), space.iter().filter(|c| covers(q, c)).count() as u128);
            }
            for (p, q) in a.iter().zip(&b) {
                let both = space.iter().filter(|c| covers(p, c) && covers(q, c)).count();
                match intersection(p, q) {
                    Some(i) => prop_assert_eq!(size(&i, &nl), both as u128),
                    None => prop_assert_eq!(both, 0),
                }
            }
            let mut budget = Budget::default();
            let union = space.iter().filter(|c| in_a(c)).count() as u128;
            prop_assert_eq!(union_size(&a, &nl, &mut budget).unwrap(), union);
            let diff: Vec<&Vec<u8>> = space.iter().filter(|c| in_a(c) && !in_b(c)).collect();
            prop_assert_eq!(
                difference_size(&a, &b, &nl, &mut budget).unwrap(),
                diff.len() as u128
            );
            let mut distinct = configs.clone();
            distinct.sort();
            distinct.dedup();
            prop_assert_eq!(
                count_covered(&a, &distinct),
                distinct.iter().filter(|c| in_a(c)).count() as u128
            );
            let except: HashSet<u64> = distinct.iter().map(|c| row(c, &nl)).collect();
            let mut expected: Vec<u64> = diff
                .iter()
                .map(|c| row(c, &nl))
                .filter(|r| !except.contains(r))
                .collect();
            expected.sort_unstable();
            let n = expected.len() as u64;
            let listed = list_difference(&a, &b, &nl, &except, n, &mut budget).unwrap();
            prop_assert_eq!(listed, Some(expected));
            if n > 0 {
                let short = list_difference(&a, &b, &nl, &except, n - 1, &mut budget).unwrap();
                prop_assert_eq!(short, None);
            }
        }
    }

    #[test]
    fn hand_checked_union() {
        // A, B, C crisp: A*B (110, 111) + B*~C (010, 110) + C (001, 011, 101, 111): six
        // configurations, all but 000 and 100.
        let nl = [2, 2, 2];
        let cubes = [vec![2, 2, 0], vec![0, 2, 1], vec![0, 0, 2]];
        let mut budget = Budget::default();
        assert_eq!(union_size(&cubes, &nl, &mut budget).unwrap(), 6);
        let listed = list_difference(
            &cubes,
            &[] as &[Vec<u8>],
            &nl,
            &HashSet::new(),
            10,
            &mut budget,
        )
        .unwrap();
        // Rows (R's numbering, C fastest): 010 = 3, 110 = 7, and every C = 1 row 2, 4, 6, 8.
        assert_eq!(listed, Some(vec![2, 3, 4, 6, 7, 8]));
    }

    #[test]
    fn independent_terms_are_counted_without_splitting_every_one() {
        // 30 terms X1*X2 + X3*X4 + ... over 60 conditions: 2^60 - 3^30 configurations;
        // Shannon expansion alone would take about 3^30 steps.
        let k = 60;
        let nl = vec![2u8; k];
        let cubes: Vec<Vec<u8>> = (0..30)
            .map(|t| {
                let mut c = vec![0u8; k];
                c[2 * t] = 2;
                c[2 * t + 1] = 2;
                c
            })
            .collect();
        let mut budget = Budget::new(10_000);
        let n = union_size(&cubes, &nl, &mut budget).unwrap();
        assert_eq!(n, (1u128 << 60) - 3u128.pow(30));
        assert!(budget.used() < 1_000, "{} steps", budget.used());
    }

    #[test]
    fn an_exhausted_budget_is_reported() {
        let k = 12;
        let nl = vec![2u8; k];
        // Overlapping chains X1*X2, X2*X3, ...: one component, real splitting.
        let cubes: Vec<Vec<u8>> = (0..k - 1)
            .map(|t| {
                let mut c = vec![0u8; k];
                c[t] = 2;
                c[t + 1] = 1;
                c
            })
            .collect();
        let mut budget = Budget::new(3);
        assert_eq!(
            union_size(&cubes, &nl, &mut budget),
            Err(Exhausted { budget: 3 })
        );
    }
}
