//! Complete prime implicant generation.

use std::collections::HashSet;

use super::{CoverProblem, DontCare, Implicant, Limits, bits, validate};
use kantel_i18n::msg;

use crate::QcaError;

/// All prime implicants that cover at least one ON configuration, in a deterministic order
/// (fewest literals first, then lexicographic on the `Vec<u8>`).
///
/// A prime implicant covers only ON or allowed don't-care configurations and cannot drop
/// any literal without covering a forbidden configuration. The list is complete; when it
/// would exceed `limits.max_primes` the function fails instead of returning a partial list.
///
/// With [`DontCare::AllExcept`] and no OFF configuration at all, the single prime implicant
/// is the empty term (all zeros): every condition is minimized away.
///
/// # Errors
/// [`QcaError::Minimization`] for invalid input (no or more than 64 conditions, a condition
/// with fewer than 2 levels, no ON configuration, a configuration of the wrong length or
/// with a level out of range, a configuration both ON and OFF) and when the limit is hit.
pub fn prime_implicants(
    problem: &CoverProblem,
    limits: &Limits,
) -> Result<Vec<Implicant>, QcaError> {
    validate(problem)?;
    let mut primes = match &problem.dont_care {
        DontCare::AllExcept(off) => by_hitting_sets(problem, off, limits)?,
        DontCare::Listed(dc) => by_merging(problem, dc, limits)?,
    };
    primes.sort_by(|a, b| {
        a.n_literals()
            .cmp(&b.n_literals())
            .then_with(|| a.0.cmp(&b.0))
    });
    Ok(primes)
}

/// All prime implicants of a crisp function given as a union of implicants (`cubes`, in
/// primes-matrix coding: 0 absent, 1 negated, 2 present), by iterated consensus (Blake's
/// canonical form: consensus of every pair differing in exactly one opposed literal, then
/// absorption, until nothing changes). Its cost follows the number of prime implicants, not
/// the configurations the cubes span: an intermediate solution's easy counterfactuals can be
/// 2^14 configurations of a single term. `None` when a condition is not binary, when there
/// are more than 64 conditions, or when more than `max_primes` cubes arise (the caller then
/// lists configurations instead).
pub fn primes_by_consensus(
    noflevels: &[u8],
    cubes: &[Vec<u8>],
    max_primes: usize,
) -> Option<Vec<Implicant>> {
    if noflevels.iter().any(|&n| n != 2) || noflevels.len() > 64 {
        return None;
    }
    // (care mask, value bits within the mask)
    let pack = |c: &[u8]| -> (u64, u64) {
        c.iter()
            .enumerate()
            .fold((0u64, 0u64), |(m, v), (j, &x)| match x {
                0 => (m, v),
                1 => (m | 1 << j, v),
                _ => (m | 1 << j, v | 1 << j),
            })
    };
    // a contains c: a's literals are a subset of c's and agree.
    let contains = |a: (u64, u64), c: (u64, u64)| a.0 & !c.0 == 0 && c.1 & a.0 == a.1;
    let mut set: Vec<(u64, u64)> = Vec::new();
    let add = |set: &mut Vec<(u64, u64)>, c: (u64, u64)| -> bool {
        if set.iter().any(|&a| contains(a, c)) {
            return false;
        }
        set.retain(|&a| !contains(c, a));
        set.push(c);
        true
    };
    for c in cubes {
        add(&mut set, pack(c));
    }
    // Rounds over every pair of the set as it stood, until a round adds nothing: then the
    // set is closed under consensus and absorption, which makes it the set of all prime
    // implicants (Quine). A cube once absorbed stays absorbed (containment is transitive),
    // so the rounds end. The work is bounded (pairs x set size) and gives up beyond it.
    let mut work: u64 = 0;
    const MAX_WORK: u64 = 200_000_000;
    loop {
        let snapshot = set.clone();
        let mut changed = false;
        for (a, &x) in snapshot.iter().enumerate() {
            for &y in &snapshot[a + 1..] {
                let opposed = x.0 & y.0 & (x.1 ^ y.1);
                if opposed.count_ones() != 1 {
                    continue;
                }
                let mask = (x.0 | y.0) & !opposed;
                work += set.len() as u64 + 1;
                if work > MAX_WORK {
                    return None;
                }
                if add(&mut set, (mask, (x.1 | y.1) & mask)) {
                    changed = true;
                    if set.len() > max_primes {
                        return None;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    let k = noflevels.len();
    let mut out: Vec<Implicant> = set
        .into_iter()
        .map(|(m, v)| {
            Implicant(
                (0..k)
                    .map(|j| {
                        if m >> j & 1 == 0 {
                            0
                        } else if v >> j & 1 == 1 {
                            2
                        } else {
                            1
                        }
                    })
                    .collect(),
            )
        })
        .collect();
    out.sort_by(|a, b| {
        a.n_literals()
            .cmp(&b.n_literals())
            .then_with(|| a.0.cmp(&b.0))
    });
    Some(out)
}

fn too_many(limits: &Limits) -> QcaError {
    QcaError::Minimization(msg!("qca-bool-too-many-primes", max = limits.max_primes))
}

fn dedup(list: &[Vec<u8>]) -> Vec<&[u8]> {
    let mut seen = HashSet::new();
    list.iter()
        .map(Vec::as_slice)
        .filter(|c| seen.insert(*c))
        .collect()
}

/// Bit j set = level 1 of binary condition j.
fn pack(config: &[u8]) -> u64 {
    config
        .iter()
        .enumerate()
        .fold(0u64, |acc, (j, &v)| acc | (u64::from(v & 1) << j))
}

/// Parsimonious case: prime implicants through each ON row are the minimal hitting sets of
/// the sets of conditions in which that row differs from each OFF row.
fn by_hitting_sets(
    problem: &CoverProblem,
    off: &[Vec<u8>],
    limits: &Limits,
) -> Result<Vec<Implicant>, QcaError> {
    let k = problem.noflevels.len();
    let on = dedup(&problem.on);
    let off = dedup(off);
    let crisp = problem.noflevels.iter().all(|&n| n == 2);
    let off_packed: Vec<u64> = if crisp {
        off.iter().map(|o| pack(o)).collect()
    } else {
        Vec::new()
    };

    // Crisp terms are keyed by (care mask, value mask); multi-value ones by their vector.
    let mut crisp_found: HashSet<(u64, u64)> = HashSet::new();
    let mut mv_found: HashSet<Vec<u8>> = HashSet::new();
    let mut edges: Vec<u64> = Vec::with_capacity(off.len());
    for c in &on {
        edges.clear();
        if crisp {
            let pc = pack(c);
            edges.extend(off_packed.iter().map(|po| pc ^ po));
        } else {
            edges.extend(off.iter().map(|o| {
                c.iter()
                    .zip(o.iter())
                    .enumerate()
                    .filter(|(_, (a, b))| a != b)
                    .fold(0u64, |m, (j, _)| m | (1u64 << j))
            }));
        }
        let edges = minimal_edges(&mut edges);
        let mut overflow = false;
        if crisp {
            let pc = pack(c);
            mmcs(&edges, |s| {
                crisp_found.insert((s, pc & s));
                overflow = crisp_found.len() > limits.max_primes;
                !overflow
            });
        } else {
            mmcs(&edges, |s| {
                let mut t = vec![0u8; k];
                for j in bits::ones64(s) {
                    t[j] = c[j] + 1;
                }
                mv_found.insert(t);
                overflow = mv_found.len() > limits.max_primes;
                !overflow
            });
        }
        if overflow {
            return Err(too_many(limits));
        }
    }
    if crisp {
        Ok(crisp_found
            .into_iter()
            .map(|(care, val)| {
                Implicant(
                    (0..k)
                        .map(|j| {
                            if care >> j & 1 == 0 {
                                0
                            } else {
                                1 + (val >> j & 1) as u8
                            }
                        })
                        .collect(),
                )
            })
            .collect())
    } else {
        Ok(mv_found.into_iter().map(Implicant).collect())
    }
}

/// Keeps only the inclusion-minimal edges (same transversals, fewer checks).
pub(super) fn minimal_edges(edges: &mut [u64]) -> Vec<u64> {
    edges.sort_unstable_by_key(|e| (e.count_ones(), *e));
    let mut kept: Vec<u64> = Vec::with_capacity(edges.len());
    let mut last = None;
    for &e in edges.iter() {
        if last == Some(e) {
            continue;
        }
        last = Some(e);
        if kept.iter().all(|&f| f & !e != 0) {
            kept.push(e);
        }
    }
    kept
}

/// Enumerates every minimal hitting set of `edges` exactly once (MMCS: Murakami & Uno,
/// "Efficient algorithms for dualizing large-scale hypergraphs", 2014). `emit` returns
/// false to stop the search.
pub(super) fn mmcs(edges: &[u64], mut emit: impl FnMut(u64) -> bool) {
    let all = edges.iter().fold(0u64, |a, e| a | e);
    let mut cand = all;
    mmcs_rec(edges, 0, &mut cand, &mut emit);
}

fn mmcs_rec(edges: &[u64], s: u64, cand: &mut u64, emit: &mut impl FnMut(u64) -> bool) -> bool {
    // Branch on the uncovered edge with the fewest candidates: the smallest search tree.
    let mut pick: Option<u64> = None;
    let mut fewest = u32::MAX;
    for &e in edges {
        if e & s == 0 {
            let n = (e & *cand).count_ones();
            if n < fewest {
                fewest = n;
                pick = Some(e);
                if n == 0 {
                    break;
                }
            }
        }
    }
    let Some(f) = pick else {
        return emit(s);
    };
    let c = f & *cand;
    *cand &= !c;
    let mut go_on = true;
    for v in bits::ones64(c) {
        let s2 = s | (1u64 << v);
        if go_on && is_minimal(edges, s2) {
            go_on = mmcs_rec(edges, s2, cand, emit);
        }
        *cand |= 1u64 << v;
    }
    go_on
}

/// Every element of `s` must have a private (critical) edge, hit by it alone.
fn is_minimal(edges: &[u64], s: u64) -> bool {
    let mut crit = 0u64;
    for &e in edges {
        let x = e & s;
        if x != 0 && x & (x - 1) == 0 {
            crit |= x;
            if crit == s {
                return true;
            }
        }
    }
    crit == s
}

/// Conservative/intermediate case: multi-value Quine-McCluskey over the explicitly allowed
/// configurations. A term loses condition j only when the terms for all levels of j exist.
fn by_merging(
    problem: &CoverProblem,
    dc: &[Vec<u8>],
    limits: &Limits,
) -> Result<Vec<Implicant>, QcaError> {
    let nl = &problem.noflevels;
    let on = dedup(&problem.on);
    let mut current: HashSet<Vec<u8>> = problem
        .on
        .iter()
        .chain(dc)
        .map(|c| c.iter().map(|v| v + 1).collect())
        .collect();
    let mut candidates: Vec<Vec<u8>> = Vec::new();
    while !current.is_empty() {
        if current.len() > limits.max_primes {
            return Err(too_many(limits));
        }
        let mut next: HashSet<Vec<u8>> = HashSet::new();
        for t in &current {
            let mut merged = false;
            let mut probe = t.clone();
            for j in 0..t.len() {
                if t[j] == 0 {
                    continue;
                }
                let all_levels = (1..=nl[j]).all(|l| {
                    probe[j] = l;
                    current.contains(&probe)
                });
                probe[j] = 0;
                if all_levels {
                    merged = true;
                    next.insert(probe.clone());
                }
                probe[j] = t[j];
            }
            if !merged {
                candidates.push(t.clone());
            }
        }
        current = next;
    }
    Ok(candidates
        .into_iter()
        .map(Implicant)
        .filter(|p| on.iter().any(|c| p.covers(c)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mmcs_small_hypergraph() {
        // Edges {0,1}, {1,2}: minimal transversals {1}, {0,2}.
        let mut out = Vec::new();
        mmcs(&[0b011, 0b110], |s| {
            out.push(s);
            true
        });
        out.sort_unstable();
        assert_eq!(out, vec![0b010, 0b101]);
    }

    #[test]
    fn mmcs_empty_hypergraph_gives_empty_set() {
        let mut out = Vec::new();
        mmcs(&[], |s| {
            out.push(s);
            true
        });
        assert_eq!(out, vec![0]);
    }
}
