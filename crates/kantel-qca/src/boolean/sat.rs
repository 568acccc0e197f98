//! Minimum covers by SAT, without listing prime implicants.
//!
//! Why: the prime implicants of a parsimonious solution grow with the configuration space
//! (more than a million at 20 conditions and 1,000 cases), while a minimum cover has a handful
//! of terms. Here the question "is there a cover of the ON rows by `k` implicants that include
//! no OFF row?" is a SAT formula whose size grows with cases × conditions × `k`:
//!
//! * per term slot `t`, condition `j` and level `l` a variable `x[t,j,l]`: the term fixes
//!   condition `j` at level `l` (at most one level per condition);
//! * per OFF row `o` and slot `t` one clause: the term contradicts `o` somewhere;
//! * per ON row `c` and slot `t` a variable `cov[c,t]` that is true exactly when the term is
//!   consistent with `c`, and per ON row a clause: some slot covers it;
//! * symmetry breaking: slots are ordered by the first ON row they cover (a cover can always
//!   be relabelled so), which keeps the proofs of "no cover with `k` terms" from repeating
//!   themselves `k!` times.
//!
//! The minimum is found by solving for `k = 1, 2, …` (at `k` = the number of ON rows the
//! rows themselves are a cover); an UNSAT answer is the proof that no smaller cover exists.
//! A greedy cover is computed only when the budget runs out, as the best model and upper
//! bound to return. The covers of that size are then
//! enumerated: a solution's terms are implicants, not necessarily prime, so each term is
//! widened to every prime implicant above it (the minimal hitting sets of its literals
//! against the OFF rows). Every combination is a minimum cover by prime implicants (two
//! slots cannot widen to the same prime, or a smaller cover would exist), and every minimum
//! cover by primes is itself a solution. The region of recorded covers (every slot a
//! specialisation of a distinct prime of one recorded cover, under some permutation) is then
//! excluded by clauses; a new solution lies outside all recorded regions, so all of its
//! widenings are new covers, and no unrecorded cover lies inside a recorded region (distinct
//! primes never specialise one another). The enumeration is therefore complete and free of
//! duplicates; it ends with an UNSAT answer.
//!
//! Budgets: conflicts of the SAT solver (`max_conflicts`, over the whole run), the number of
//! listed covers and the number of counted covers. When a budget ends the search, the result
//! says what is proved: the bounds on the minimum, and the count as a lower bound.

use std::collections::HashMap;

use batsat::{Callbacks, ClauseKind, Lit, Solver, SolverInterface, SolverOpts, Var, lbool};
use kantel_i18n::msg;

use super::primes::{minimal_edges, mmcs};
use super::{CoverProblem, DontCare, Implicant, validate};
use crate::QcaError;

/// Largest number of term slots whose covers are enumerated by this search: excluding a
/// recorded cover takes one clause per permutation of the slots (`k!`).
pub const MAX_ENUMERATED_TERMS: usize = 6;

/// Settings of [`min_covers`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SatOptions {
    /// Covers listed (the rest are counted).
    pub max_models: usize,
    /// Covers counted before the count is reported as a lower bound.
    pub max_count: u64,
    /// Conflicts of the SAT solver over the whole run.
    pub max_conflicts: u64,
    /// R's `row.dom`: only covers of prime implicants that no other prime implicant
    /// dominates (covers a strict superset of its ON rows).
    pub row_dominance: bool,
    /// A proved lower bound on the minimum (from an earlier run): solving starts there.
    pub start_terms: usize,
    /// Give up once the minimum is proved to exceed this many terms: the result then has no
    /// model, [`Stop::TooManyTerms`] and the lower bound (for a caller with a cheaper
    /// method for large minima, such as the prime implicant chart).
    pub give_up_above: Option<usize>,
}

/// What [`min_covers`] found and proved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SatCovers {
    /// Listed covers, each sorted; in the order found.
    pub models: Vec<Vec<Implicant>>,
    /// Proved lower bound on the number of terms of a cover.
    pub lower_bound: usize,
    /// Size of the best cover found (an upper bound).
    pub upper_bound: usize,
    /// `lower_bound == upper_bound` is proved.
    pub minimum_proved: bool,
    /// Covers of the minimum size counted (all of them when `count_exact`).
    pub model_count: u64,
    /// The enumeration ended with a proof that no other cover exists.
    pub count_exact: bool,
    /// Why the search stopped early, when it did.
    pub stopped: Option<Stop>,
    /// SAT conflicts used.
    pub conflicts: u64,
}

/// The budget that ended a search early.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// `max_conflicts` ran out.
    Conflicts,
    /// `max_count` covers were counted.
    Count,
    /// The minimum needs more than [`MAX_ENUMERATED_TERMS`] terms: one cover is listed.
    TooManyTerms,
}

/// Counts learnt clauses (one per conflict) and stops the solver at the budget.
struct Budget {
    conflicts: u64,
    limit: u64,
}

impl Callbacks for Budget {
    fn on_new_clause(&mut self, _c: &[Lit], src: ClauseKind) {
        if matches!(src, ClauseKind::Learnt) {
            self.conflicts += 1;
        }
    }

    fn stop(&self) -> bool {
        self.conflicts >= self.limit
    }
}

enum Answer {
    Sat,
    Unsat,
    OutOfBudget,
}

/// The formula for `k` term slots.
struct Formula {
    solver: Solver<Budget>,
    k: usize,
    /// Offset of condition `j`'s levels within a slot.
    offsets: Vec<usize>,
    /// Variables per slot (sum of levels).
    width: usize,
    x: Vec<Var>,
    /// `spec[(t, prime)]`: slot `t` is a specialisation of `prime` (forced true when it is).
    spec: HashMap<(usize, Vec<u8>), Lit>,
}

impl Formula {
    fn lit(&self, t: usize, j: usize, level: u8) -> Lit {
        Lit::new(
            self.x[t * self.width + self.offsets[j] + usize::from(level)],
            true,
        )
    }

    fn new(
        noflevels: &[u8],
        on: &[&[u8]],
        off: &[&[u8]],
        k: usize,
        conflicts_left: u64,
    ) -> Formula {
        let mut solver = Solver::new(
            SolverOpts::default(),
            Budget {
                conflicts: 0,
                limit: conflicts_left,
            },
        );
        let mut offsets = Vec::with_capacity(noflevels.len());
        let mut width = 0;
        for &n in noflevels {
            offsets.push(width);
            width += usize::from(n);
        }
        let x: Vec<Var> = (0..k * width)
            .map(|_| solver.new_var(lbool::FALSE, true))
            .collect();
        let mut f = Formula {
            solver,
            k,
            offsets,
            width,
            x,
            spec: HashMap::new(),
        };
        let mut clause: Vec<Lit> = Vec::new();
        let mut two: Vec<Lit> = Vec::with_capacity(2);
        for t in 0..k {
            // At most one level per condition.
            for (j, &n) in noflevels.iter().enumerate() {
                for a in 0..n {
                    for b in a + 1..n {
                        clause.clear();
                        clause.extend([!f.lit(t, j, a), !f.lit(t, j, b)]);
                        f.solver.add_clause_reuse(&mut clause);
                    }
                }
            }
            // The term contradicts every OFF row.
            for o in off {
                clause.clear();
                for (j, &n) in noflevels.iter().enumerate() {
                    for l in (0..n).filter(|&l| l != o[j]) {
                        clause.push(f.lit(t, j, l));
                    }
                }
                f.solver.add_clause_reuse(&mut clause);
            }
        }
        // cov[c][t] <-> slot t is consistent with ON row c; u[c][t]: slot t covers a row <= c.
        let mut prev_u: Vec<Option<Lit>> = vec![None; k];
        for c in on {
            let cov: Vec<Lit> = (0..k)
                .map(|_| Lit::new(f.solver.new_var(lbool::UNDEF, true), true))
                .collect();
            for (t, &cv) in cov.iter().enumerate() {
                clause.clear();
                clause.push(cv);
                for (j, &n) in noflevels.iter().enumerate() {
                    for l in (0..n).filter(|&l| l != c[j]) {
                        let x = f.lit(t, j, l);
                        two.clear();
                        two.extend([!cv, !x]);
                        f.solver.add_clause_reuse(&mut two);
                        clause.push(x);
                    }
                }
                f.solver.add_clause_reuse(&mut clause);
            }
            clause.clear();
            clause.extend(cov.iter().copied());
            f.solver.add_clause_reuse(&mut clause);
            // Symmetry: slot t+1 covers row c only if slot t covers a row up to c.
            let mut u_row = Vec::with_capacity(k);
            for t in 0..k {
                let u = Lit::new(f.solver.new_var(lbool::UNDEF, true), true);
                let mut cl = vec![!cov[t], u];
                f.solver.add_clause_reuse(&mut cl);
                let mut def = vec![!u, cov[t]];
                if let Some(p) = prev_u[t] {
                    let mut cl = vec![!p, u];
                    f.solver.add_clause_reuse(&mut cl);
                    def.push(p);
                }
                f.solver.add_clause_reuse(&mut def);
                u_row.push(u);
            }
            for t in 0..k.saturating_sub(1) {
                let mut cl = vec![!cov[t + 1], u_row[t]];
                f.solver.add_clause_reuse(&mut cl);
            }
            prev_u = u_row.into_iter().map(Some).collect();
        }
        f
    }

    fn solve(&mut self) -> Answer {
        let r = self.solver.solve_limited(&[]);
        if r == lbool::TRUE {
            Answer::Sat
        } else if r == lbool::FALSE {
            Answer::Unsat
        } else {
            Answer::OutOfBudget
        }
    }

    fn conflicts(&self) -> u64 {
        self.solver.cb().conflicts
    }

    /// The terms of the current solution, in primes-matrix form.
    fn terms(&self, noflevels: &[u8]) -> Vec<Vec<u8>> {
        (0..self.k)
            .map(|t| {
                noflevels
                    .iter()
                    .enumerate()
                    .map(|(j, &n)| {
                        (0..n)
                            .find(|&l| self.solver.value_lit(self.lit(t, j, l)) == lbool::TRUE)
                            .map_or(0, |l| l + 1)
                    })
                    .collect()
            })
            .collect()
    }

    /// A literal that is true whenever slot `t` specialises `prime`.
    fn spec(&mut self, t: usize, prime: &[u8]) -> Lit {
        if let Some(&l) = self.spec.get(&(t, prime.to_vec())) {
            return l;
        }
        let s = Lit::new(self.solver.new_var(lbool::UNDEF, true), true);
        let mut cl: Vec<Lit> = prime
            .iter()
            .enumerate()
            .filter(|(_, v)| **v != 0)
            .map(|(j, &v)| !self.lit(t, j, v - 1))
            .collect();
        cl.push(s);
        self.solver.add_clause_reuse(&mut cl);
        self.spec.insert((t, prime.to_vec()), s);
        s
    }

    /// Excludes every solution whose slots specialise distinct members of `groups` (one
    /// group per slot position of a recorded region), under every permutation.
    fn exclude_region(&mut self, groups: &[Vec<Vec<u8>>]) {
        let k = self.k;
        // g[t][i]: slot t specialises some prime of group i.
        let mut g = vec![vec![Lit::UNDEF; k]; k];
        for (t, row) in g.iter_mut().enumerate() {
            for (i, group) in groups.iter().enumerate() {
                let gi = Lit::new(self.solver.new_var(lbool::UNDEF, true), true);
                for p in group {
                    let s = self.spec(t, p);
                    let mut cl = vec![!s, gi];
                    self.solver.add_clause_reuse(&mut cl);
                }
                row[i] = gi;
            }
        }
        let mut perm: Vec<usize> = (0..k).collect();
        loop {
            let mut cl: Vec<Lit> = (0..k).map(|t| !g[t][perm[t]]).collect();
            self.solver.add_clause_reuse(&mut cl);
            if !next_permutation(&mut perm) {
                break;
            }
        }
    }
}

fn next_permutation(p: &mut [usize]) -> bool {
    let n = p.len();
    if n < 2 {
        return false;
    }
    let mut i = n - 1;
    while i > 0 && p[i - 1] >= p[i] {
        i -= 1;
    }
    if i == 0 {
        return false;
    }
    let mut j = n - 1;
    while p[j] <= p[i - 1] {
        j -= 1;
    }
    p.swap(i - 1, j);
    p[i..].reverse();
    true
}

/// Whether `term` (primes-matrix form) is consistent with configuration `c`.
fn covers(term: &[u8], c: &[u8]) -> bool {
    term.iter().zip(c).all(|(&t, &v)| t == 0 || t == v + 1)
}

/// Every prime implicant above the implicant `term`: the minimal sets of its literals that
/// still contradict every OFF row.
fn primes_above(term: &[u8], off: &[&[u8]]) -> Vec<Vec<u8>> {
    let mut edges: Vec<u64> = off
        .iter()
        .map(|o| {
            term.iter()
                .zip(o.iter())
                .enumerate()
                .filter(|(_, (t, v))| **t != 0 && **t != **v + 1)
                .fold(0u64, |m, (j, _)| m | (1u64 << j))
        })
        .collect();
    let edges = minimal_edges(&mut edges);
    let mut out = Vec::new();
    mmcs(&edges, |s| {
        out.push(
            term.iter()
                .enumerate()
                .map(|(j, &v)| if s >> j & 1 == 1 { v } else { 0 })
                .collect(),
        );
        true
    });
    out.sort();
    out
}

/// A cheap cover: each uncovered ON row widened greedily to a prime implicant.
fn greedy_cover(noflevels: &[u8], on: &[&[u8]], off: &[&[u8]]) -> Vec<Vec<u8>> {
    let mut chosen: Vec<Vec<u8>> = Vec::new();
    for c in on {
        if chosen.iter().any(|t| covers(t, c)) {
            continue;
        }
        let mut term: Vec<u8> = c.iter().map(|v| v + 1).collect();
        // Violations per OFF row: a literal may go when no OFF row relies on it alone.
        let mut viol: Vec<u32> = off
            .iter()
            .map(|o| c.iter().zip(o.iter()).filter(|(a, b)| a != b).count() as u32)
            .collect();
        for j in 0..noflevels.len() {
            let needed = off.iter().zip(&viol).any(|(o, &n)| n == 1 && o[j] != c[j]);
            if !needed {
                term[j] = 0;
                for (o, n) in off.iter().zip(viol.iter_mut()) {
                    if o[j] != c[j] {
                        *n -= 1;
                    }
                }
            }
        }
        chosen.push(term);
    }
    // Drop terms the others make redundant, last first: O(terms x ON rows) with a count of
    // covering terms per row (a pairwise check was 22 s at 30 conditions x 10,000 cases).
    let mut covering: Vec<u32> = on
        .iter()
        .map(|c| chosen.iter().filter(|t| covers(t, c)).count() as u32)
        .collect();
    let mut keep = vec![true; chosen.len()];
    for i in (0..chosen.len()).rev() {
        let t = &chosen[i];
        let redundant = on
            .iter()
            .zip(&covering)
            .all(|(c, &n)| n >= 2 || !covers(t, c));
        if redundant {
            keep[i] = false;
            for (c, n) in on.iter().zip(covering.iter_mut()) {
                if covers(t, c) {
                    *n -= 1;
                }
            }
        }
    }
    let mut kept = keep.iter();
    chosen.retain(|_| *kept.next().unwrap_or(&true));
    chosen
}

/// R's row dominance on the ON rows: is some prime implicant's ON coverage a strict
/// superset of this one's? (Then an implicant covers those rows plus one more.)
struct Dominance<'a> {
    on: &'a [&'a [u8]],
    off: &'a [&'a [u8]],
    known: HashMap<Vec<u8>, bool>,
}

impl Dominance<'_> {
    fn dominated(&mut self, prime: &[u8]) -> bool {
        if let Some(&d) = self.known.get(prime) {
            return d;
        }
        let covered: Vec<&[u8]> = self
            .on
            .iter()
            .copied()
            .filter(|c| covers(prime, c))
            .collect();
        // The smallest term containing the covered rows.
        let first = covered.first().copied();
        let sup: Vec<u8> = match first {
            None => vec![0; prime.len()],
            Some(f) => (0..prime.len())
                .map(|j| {
                    if covered.iter().all(|c| c[j] == f[j]) {
                        f[j] + 1
                    } else {
                        0
                    }
                })
                .collect(),
        };
        let d = self.on.iter().any(|c| {
            if covers(prime, c) {
                return false;
            }
            let q: Vec<u8> = sup
                .iter()
                .zip(c.iter())
                .map(|(&s, &v)| if s == v + 1 { s } else { 0 })
                .collect();
            self.off.iter().all(|o| !covers(&q, o))
        });
        self.known.insert(prime.to_vec(), d);
        d
    }
}

/// All covers of the ON rows with the minimum number of prime implicants that include no OFF
/// row (remainders are don't cares): R's parsimonious models, found without listing the
/// prime implicants. `progress` is called with the number of covers counted so far.
///
/// # Errors
/// [`QcaError::Minimization`] for invalid input (as [`super::prime_implicants`]) and when
/// there is no OFF row (then the empty term explains everything; the caller says so).
pub fn min_covers(
    noflevels: &[u8],
    on: &[Vec<u8>],
    off: &[Vec<u8>],
    options: &SatOptions,
    progress: &mut dyn FnMut(u64),
) -> Result<SatCovers, QcaError> {
    let problem = CoverProblem {
        noflevels: noflevels.to_vec(),
        on: on.to_vec(),
        dont_care: DontCare::AllExcept(off.to_vec()),
    };
    validate(&problem)?;
    let on = dedup(on);
    let off = dedup(off);
    let mut dominance = Dominance {
        on: &on,
        off: &off,
        known: HashMap::new(),
    };
    let mut used = 0u64;
    let mut lower = options.start_terms.max(1);
    // The answer when the conflict budget runs out at `lower`: a greedy cover (computed only
    // then: it costs ON rows x OFF rows x conditions) as the upper bound and best model.
    let out_of_budget = |lower: usize, used: u64| {
        let greedy = greedy_cover(noflevels, &on, &off);
        let mut m: Vec<Implicant> = greedy.into_iter().map(Implicant).collect();
        m.sort();
        let upper = m.len().max(lower);
        SatCovers {
            model_count: 1,
            models: vec![m],
            lower_bound: lower,
            upper_bound: upper,
            minimum_proved: lower == upper,
            count_exact: false,
            stopped: Some(Stop::Conflicts),
            conflicts: used,
        }
    };
    // The minimum: the first k with a cover; every smaller k has been refuted. The ON rows
    // themselves are a cover, so the loop ends with a solution at the latest at k = |ON|.
    let mut found: Option<(Formula, u64)> = None;
    for k in options.start_terms.max(1)..=on.len() {
        if options.give_up_above.is_some_and(|m| k > m) {
            return Ok(SatCovers {
                models: Vec::new(),
                lower_bound: k,
                upper_bound: on.len(),
                minimum_proved: false,
                model_count: 0,
                count_exact: false,
                stopped: Some(Stop::TooManyTerms),
                conflicts: used,
            });
        }
        let before = used;
        let mut f = Formula::new(
            noflevels,
            &on,
            &off,
            k,
            options.max_conflicts.saturating_sub(used),
        );
        let answer = f.solve();
        used += f.conflicts();
        match answer {
            Answer::Unsat => lower = k + 1,
            Answer::Sat => {
                found = Some((f, before));
                break;
            }
            Answer::OutOfBudget => return Ok(out_of_budget(k, used)),
        }
        progress(0);
    }
    let Some((mut f, base)) = found else {
        return Err(QcaError::Minimization(msg!(
            "qca-sat-inconsistent",
            terms = lower
        )));
    };
    let k = lower;
    if k > MAX_ENUMERATED_TERMS {
        // Proved minimum, one cover listed (R's models have k! orderings to exclude).
        let mut m: Vec<Implicant> = f
            .terms(noflevels)
            .iter()
            .map(|t| Implicant(primes_above(t, &off).swap_remove(0)))
            .collect();
        m.sort();
        return Ok(SatCovers {
            model_count: 1,
            models: vec![m],
            lower_bound: k,
            upper_bound: k,
            minimum_proved: true,
            count_exact: false,
            stopped: Some(Stop::TooManyTerms),
            conflicts: used,
        });
    }
    // Enumerate the covers of size k.
    let mut models: Vec<Vec<Implicant>> = Vec::new();
    let mut count: u64 = 0;
    let stopped = loop {
        let terms = f.terms(noflevels);
        let groups: Vec<Vec<Vec<u8>>> = terms.iter().map(|t| primes_above(t, &off)).collect();
        f.exclude_region(&groups);
        let kept: Vec<Vec<&Vec<u8>>> = groups
            .iter()
            .map(|g| {
                g.iter()
                    .filter(|p| !options.row_dominance || !dominance.dominated(p))
                    .collect()
            })
            .collect();
        let n: u64 = kept
            .iter()
            .map(|g| g.len() as u64)
            .fold(1u64, u64::saturating_mul);
        // List combinations while the cap allows.
        if n > 0 && models.len() < options.max_models {
            let mut idx = vec![0usize; k];
            'combos: loop {
                let mut m: Vec<Implicant> =
                    (0..k).map(|t| Implicant(kept[t][idx[t]].clone())).collect();
                m.sort();
                models.push(m);
                if models.len() >= options.max_models {
                    break;
                }
                let mut t = 0;
                loop {
                    idx[t] += 1;
                    if idx[t] < kept[t].len() {
                        break;
                    }
                    idx[t] = 0;
                    t += 1;
                    if t == k {
                        break 'combos;
                    }
                }
            }
        }
        count = count.saturating_add(n);
        progress(count);
        if count >= options.max_count {
            break Some(Stop::Count);
        }
        let answer = f.solve();
        used = base + f.conflicts();
        match answer {
            Answer::Sat => {}
            Answer::Unsat => break None,
            Answer::OutOfBudget => break Some(Stop::Conflicts),
        }
    };
    if models.is_empty() && stopped.is_none() {
        // Row dominance removed nothing that matters in R: a dominated prime is replaced by a
        // dominating one of the same size, so this cannot happen on consistent input.
        return Err(QcaError::Minimization(msg!(
            "qca-sat-inconsistent",
            terms = k
        )));
    }
    Ok(SatCovers {
        models,
        lower_bound: k,
        upper_bound: k,
        minimum_proved: true,
        model_count: count,
        count_exact: stopped.is_none(),
        stopped,
        conflicts: used,
    })
}

fn dedup(list: &[Vec<u8>]) -> Vec<&[u8]> {
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<&[u8]> = list
        .iter()
        .map(Vec::as_slice)
        .filter(|c| seen.insert(*c))
        .collect();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permutations_are_all_listed_once() {
        let mut p = vec![0, 1, 2, 3];
        let mut n = 1;
        while next_permutation(&mut p) {
            n += 1;
        }
        assert_eq!(n, 24);
    }

    #[test]
    fn primes_above_a_full_row() {
        // ON 11, OFF 00: primes above 11 are A and B.
        let off: Vec<&[u8]> = vec![&[0, 0]];
        assert_eq!(primes_above(&[2, 2], &off), vec![vec![0, 2], vec![2, 0]]);
    }

    #[test]
    fn xor_needs_two_terms_and_has_one_cover() {
        let on = vec![vec![0, 1], vec![1, 0]];
        let off = vec![vec![0, 0], vec![1, 1]];
        let opts = SatOptions {
            max_models: 10,
            max_count: 100,
            max_conflicts: 10_000,
            row_dominance: false,
            start_terms: 1,
            give_up_above: None,
        };
        let r = min_covers(&[2, 2], &on, &off, &opts, &mut |_| {}).unwrap();
        assert!(r.minimum_proved);
        assert_eq!(r.lower_bound, 2);
        assert_eq!(r.model_count, 1);
        assert!(r.count_exact);
        assert_eq!(
            r.models,
            vec![vec![Implicant(vec![1, 2]), Implicant(vec![2, 1])]]
        );
    }
}
