//! Exact solution of the prime implicant chart: all minimum covers or all irredundant covers.

use super::{ChartOptions, DEFAULT_MAX_NODES, Implicant, Models, bits};
use crate::QcaError;

/// Solves the prime implicant chart of `primes` (rows) against the ON configurations `on`
/// (columns), as R's `solveChart` does but exactly.
///
/// * Default: every cover with the minimum number of prime implicants (model ambiguity:
///   all of them, up to `max_models`). R does not prefer fewer literals among these (its
///   `find_models` returns every minimum-cardinality combination), and neither does this.
/// * `all_solutions`: every irredundant cover (no prime implicant can be removed), R's
///   `all.sol = TRUE`.
/// * `row_dominance`: R's `row.dom`, applied first (see [`ChartOptions::row_dominance`]).
///
/// Prime implicants that cover none of `on` never appear in a model. When the `max_models`
/// cap is hit, `truncated` is set and the models returned are the first ones found (the
/// minimum size is still exact).
///
/// # Errors
/// [`QcaError::Minimization`] when `on` is empty, a configuration or implicant has a
/// different length than the first ON configuration, or an ON configuration is covered by
/// no prime implicant (the chart has no solution).
pub fn solve_chart(
    primes: &[Implicant],
    on: &[Vec<u8>],
    options: &ChartOptions,
) -> Result<Models, QcaError> {
    solve_chart_with_budget(primes, on, options, DEFAULT_MAX_NODES)
}

/// [`solve_chart`] with an explicit budget of branch-and-bound nodes. When the budget runs
/// out before the minimum is proved (or, with `all_solutions`, before the first
/// `max_models` irredundant covers are listed), this fails rather than return covers that
/// might not be minimum.
///
/// # Errors
/// As [`solve_chart`], plus [`QcaError::Minimization`] when the budget is exhausted.
pub fn solve_chart_with_budget(
    primes: &[Implicant],
    on: &[Vec<u8>],
    options: &ChartOptions,
    max_nodes: u64,
) -> Result<Models, QcaError> {
    let Some(first) = on.first() else {
        return Err(QcaError::Minimization(
            "no ON configuration: the prime implicant chart has no columns".into(),
        ));
    };
    let k = first.len();
    for (i, c) in on.iter().enumerate() {
        if c.len() != k {
            return Err(QcaError::Minimization(format!(
                "ON configuration {i} has {} values, ON configuration 0 has {k}",
                c.len()
            )));
        }
    }
    for (p, imp) in primes.iter().enumerate() {
        if imp.0.len() != k {
            return Err(QcaError::Minimization(format!(
                "prime implicant {p} has {} entries, the ON configurations have {k}",
                imp.0.len()
            )));
        }
    }
    let ncols = on.len();
    let cw = bits::words(ncols);
    let cov: Vec<Vec<u64>> = primes
        .iter()
        .map(|imp| {
            let mut b = vec![0u64; cw];
            for (c, config) in on.iter().enumerate() {
                if imp.covers(config) {
                    bits::set(&mut b, c);
                }
            }
            b
        })
        .collect();
    for (c, config) in on.iter().enumerate() {
        if !cov.iter().any(|b| bits::get(b, c)) {
            return Err(QcaError::Minimization(format!(
                "ON configuration {c} {config:?} is covered by none of the {} prime \
                 implicants: the chart has no solution",
                primes.len()
            )));
        }
    }

    // Rows of the chart: prime implicants that cover something, minus dominated ones.
    let mut active: Vec<usize> = (0..primes.len())
        .filter(|&p| cov[p].iter().any(|&w| w != 0))
        .collect();
    if options.row_dominance {
        let strictly_inside =
            |p: usize, q: usize| bits::subset(&cov[p], &cov[q]) && cov[p] != cov[q];
        active = active
            .iter()
            .copied()
            .filter(|&p| !active.iter().any(|&q| strictly_inside(p, q)))
            .collect();
    }

    // Essential rows: the only remaining cover of some column.
    let mut essential: Vec<usize> = Vec::new();
    for c in 0..ncols {
        let mut only = None;
        let mut n = 0;
        for &p in &active {
            if bits::get(&cov[p], c) {
                n += 1;
                only = Some(p);
            }
        }
        if let (1, Some(p)) = (n, only)
            && !essential.contains(&p)
        {
            essential.push(p);
        }
    }
    essential.sort_unstable();
    let mut covered = vec![0u64; cw];
    for &p in &essential {
        for (w, x) in covered.iter_mut().zip(&cov[p]) {
            *w |= x;
        }
    }

    // Residual chart: uncovered columns, non-essential rows touching them.
    let rest_cols: Vec<usize> = (0..ncols).filter(|&c| !bits::get(&covered, c)).collect();
    let rest_pis: Vec<usize> = active
        .iter()
        .copied()
        .filter(|p| !essential.contains(p))
        .filter(|&p| rest_cols.iter().any(|&c| bits::get(&cov[p], c)))
        .collect();
    let pw = bits::words(rest_pis.len());
    let col_cands_all: Vec<Vec<u64>> = rest_cols
        .iter()
        .map(|&c| {
            let mut b = vec![0u64; pw];
            for (i, &p) in rest_pis.iter().enumerate() {
                if bits::get(&cov[p], c) {
                    bits::set(&mut b, i);
                }
            }
            b
        })
        .collect();
    // Column dominance: a column whose candidate rows include all rows of another column is
    // covered whenever that one is. Dropping it keeps the set of covers (and so all minimum
    // and all irredundant covers) unchanged.
    let keep_col: Vec<bool> = (0..rest_cols.len())
        .map(|b| {
            !(0..rest_cols.len()).any(|a| {
                a != b
                    && bits::subset(&col_cands_all[a], &col_cands_all[b])
                    && (col_cands_all[a] != col_cands_all[b] || a < b)
            })
        })
        .collect();
    let col_cands: Vec<Vec<u64>> = col_cands_all
        .into_iter()
        .zip(&keep_col)
        .filter(|(_, k)| **k)
        .map(|(b, _)| b)
        .collect();
    let nc = col_cands.len();
    let ncw = bits::words(nc);
    let pi_cov: Vec<Vec<u64>> = (0..rest_pis.len())
        .map(|i| {
            let mut b = vec![0u64; ncw];
            for (c, cands) in col_cands.iter().enumerate() {
                if bits::get(cands, i) {
                    bits::set(&mut b, c);
                }
            }
            b
        })
        .collect();

    let (local_models, min_local, truncated) =
        solve_components(&col_cands, &pi_cov, options, max_nodes)?;

    let mut models: Vec<Vec<usize>> = local_models
        .into_iter()
        .map(|local| {
            let mut m: Vec<usize> = essential.clone();
            m.extend(local.into_iter().map(|i| rest_pis[i]));
            m.sort_unstable();
            m
        })
        .collect();
    models.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    let in_all_models = match models.split_first() {
        Some((head, tail)) => head
            .iter()
            .copied()
            .filter(|p| tail.iter().all(|m| m.binary_search(p).is_ok()))
            .collect(),
        None => Vec::new(),
    };
    Ok(Models {
        models,
        min_size: essential.len() + min_local,
        essential,
        in_all_models,
        truncated,
    })
}

/// Splits the reduced chart into independent blocks (columns linked by shared rows), solves
/// each, and combines their covers: every minimum (irredundant) cover is one minimum
/// (irredundant) cover per block. Returns (covers, minimum size, truncated).
fn solve_components(
    col_cands: &[Vec<u64>],
    pi_cov: &[Vec<u64>],
    options: &ChartOptions,
    max_nodes: u64,
) -> Result<(Vec<Vec<usize>>, usize, bool), QcaError> {
    let (all_solutions, max_models) = (options.all_solutions, options.max_models);
    let mut budget = max_nodes;
    let nc = col_cands.len();
    let mut parent: Vec<usize> = (0..nc).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for cov in pi_cov {
        let mut it = bits::ones(cov);
        if let Some(first) = it.next() {
            for c in it {
                let (a, b) = (root(&mut parent, first), root(&mut parent, c));
                if a != b {
                    parent[b] = a;
                }
            }
        }
    }
    let mut blocks: Vec<Vec<usize>> = Vec::new();
    let mut block_of_root: std::collections::HashMap<usize, usize> = Default::default();
    for c in 0..nc {
        let r = root(&mut parent, c);
        let b = *block_of_root.entry(r).or_insert_with(|| {
            blocks.push(Vec::new());
            blocks.len() - 1
        });
        blocks[b].push(c);
    }

    // Covers per block, already mapped to the reduced chart's row numbers.
    let mut per_block: Vec<Vec<Vec<usize>>> = Vec::with_capacity(blocks.len());
    let mut min_total = 0;
    let mut truncated = false;
    for cols in &blocks {
        let rows: Vec<usize> = (0..pi_cov.len())
            .filter(|&p| bits::get(&pi_cov[p], cols[0]))
            .chain((0..pi_cov.len()).filter(|&p| {
                !bits::get(&pi_cov[p], cols[0]) && cols.iter().any(|&c| bits::get(&pi_cov[p], c))
            }))
            .collect();
        let pw = bits::words(rows.len());
        let cw = bits::words(cols.len());
        let sub_cands: Vec<Vec<u64>> = cols
            .iter()
            .map(|&c| {
                let mut b = vec![0u64; pw];
                for (i, &p) in rows.iter().enumerate() {
                    if bits::get(&col_cands[c], p) {
                        bits::set(&mut b, i);
                    }
                }
                b
            })
            .collect();
        let sub_cov: Vec<Vec<u64>> = rows
            .iter()
            .map(|&p| {
                let mut b = vec![0u64; cw];
                for (i, &c) in cols.iter().enumerate() {
                    if bits::get(&pi_cov[p], c) {
                        bits::set(&mut b, i);
                    }
                }
                b
            })
            .collect();
        let mut s = Search::new(&sub_cands, &sub_cov, all_solutions, max_models, budget);
        s.run();
        budget = budget.saturating_sub(s.nodes);
        if s.exhausted && (!all_solutions || !s.truncated) {
            return Err(out_of_nodes(max_nodes, cols.len(), rows.len()));
        }
        let mut min_block = s.best;
        if all_solutions {
            min_block = s.found.iter().map(Vec::len).min().unwrap_or(usize::MAX);
            if s.truncated || s.found.is_empty() {
                let mut m = Search::new(&sub_cands, &sub_cov, false, 1, budget);
                m.run();
                budget = budget.saturating_sub(m.nodes);
                if m.exhausted {
                    return Err(out_of_nodes(max_nodes, cols.len(), rows.len()));
                }
                min_block = m.best;
            }
        }
        min_total += min_block;
        truncated |= s.truncated;
        per_block.push(
            s.found
                .iter()
                .map(|f| f.iter().map(|&i| rows[i]).collect())
                .collect(),
        );
    }
    // The Cartesian product, capped: a mixed-radix counter over the blocks.
    let total = per_block
        .iter()
        .fold(1usize, |acc, b| acc.saturating_mul(b.len()));
    if total > max_models {
        truncated = true;
    }
    let mut combined = Vec::with_capacity(total.min(max_models));
    if total > 0 {
        let mut digits = vec![0usize; per_block.len()];
        while combined.len() < total.min(max_models) {
            let mut m = Vec::new();
            for (b, &d) in per_block.iter().zip(&digits) {
                m.extend_from_slice(&b[d]);
            }
            combined.push(m);
            for (pos, b) in per_block.iter().enumerate().rev() {
                digits[pos] += 1;
                if digits[pos] < b.len() {
                    break;
                }
                digits[pos] = 0;
            }
        }
    }
    Ok((combined, min_total, truncated))
}

fn out_of_nodes(max_nodes: u64, cols: usize, rows: usize) -> QcaError {
    QcaError::Minimization(format!(
        "the prime implicant chart (a block of {cols} ON configurations and {rows} prime \
         implicants) was not solved within {} search nodes: the minimum could not be proved \
         (raise max_nodes, or simplify the problem)",
        max_nodes
    ))
}

/// Branch and bound over a reduced chart (columns with candidate bitsets over rows).
struct Search<'a> {
    col_cands: &'a [Vec<u64>],
    pi_cov: &'a [Vec<u64>],
    all_solutions: bool,
    max_models: usize,
    /// Rows still allowed in this branch (earlier siblings are banned: no duplicates).
    allowed: Vec<u64>,
    cover_count: Vec<u32>,
    chosen: Vec<usize>,
    /// Minimum mode: the best (smallest) cover size known so far.
    best: usize,
    found: Vec<Vec<usize>>,
    truncated: bool,
    stop: bool,
    lb_union: Vec<u64>,
    nodes: u64,
    max_nodes: u64,
    exhausted: bool,
}

impl<'a> Search<'a> {
    fn new(
        col_cands: &'a [Vec<u64>],
        pi_cov: &'a [Vec<u64>],
        all_solutions: bool,
        max_models: usize,
        max_nodes: u64,
    ) -> Self {
        let npis = pi_cov.len();
        let pw = bits::words(npis);
        let mut allowed = vec![0u64; pw];
        for p in 0..npis {
            bits::set(&mut allowed, p);
        }
        let mut s = Search {
            col_cands,
            pi_cov,
            all_solutions,
            max_models,
            allowed,
            cover_count: vec![0; col_cands.len()],
            chosen: Vec::new(),
            best: usize::MAX,
            found: Vec::new(),
            truncated: false,
            stop: false,
            lb_union: vec![0u64; pw],
            nodes: 0,
            max_nodes,
            exhausted: false,
        };
        if !all_solutions {
            s.best = s.greedy_size();
        }
        s
    }

    fn run(&mut self) {
        self.dfs();
    }

    /// Size of a greedy cover: an upper bound that lets the search prune from the start.
    fn greedy_size(&self) -> usize {
        let nc = self.col_cands.len();
        let mut uncovered = vec![0u64; bits::words(nc)];
        for c in 0..nc {
            bits::set(&mut uncovered, c);
        }
        let mut size = 0;
        while uncovered.iter().any(|&w| w != 0) {
            let best = (0..self.pi_cov.len())
                .max_by_key(|&p| (bits::count_and(&self.pi_cov[p], &uncovered), usize::MAX - p))
                .filter(|&p| bits::intersects(&self.pi_cov[p], &uncovered));
            let Some(p) = best else {
                return usize::MAX;
            };
            for (u, x) in uncovered.iter_mut().zip(&self.pi_cov[p]) {
                *u &= !x;
            }
            size += 1;
        }
        size
    }

    fn add(&mut self, p: usize) {
        self.chosen.push(p);
        for c in bits::ones(&self.pi_cov[p]) {
            self.cover_count[c] += 1;
        }
    }

    fn remove(&mut self, p: usize) {
        self.chosen.pop();
        for c in bits::ones(&self.pi_cov[p]) {
            self.cover_count[c] -= 1;
        }
    }

    /// Every chosen row still covers some column alone. Once lost, adding rows cannot
    /// restore it, so the branch holds no irredundant cover.
    fn irredundant(&self) -> bool {
        self.chosen
            .iter()
            .all(|&q| bits::ones(&self.pi_cov[q]).any(|c| self.cover_count[c] == 1))
    }

    /// Columns with pairwise disjoint allowed candidates each need their own row.
    fn lower_bound(&mut self, order: &mut Vec<(usize, usize)>) -> usize {
        order.clear();
        for (c, cands) in self.col_cands.iter().enumerate() {
            if self.cover_count[c] == 0 {
                order.push((bits::count_and(cands, &self.allowed), c));
            }
        }
        order.sort_unstable();
        self.lb_union.iter_mut().for_each(|w| *w = 0);
        let mut lb = 0;
        for &(_, c) in order.iter() {
            let cands = &self.col_cands[c];
            let disjoint = cands
                .iter()
                .zip(&self.allowed)
                .zip(&self.lb_union)
                .all(|((x, a), u)| x & a & u == 0);
            if disjoint {
                lb += 1;
                for ((u, x), a) in self.lb_union.iter_mut().zip(cands).zip(&self.allowed) {
                    *u |= x & a;
                }
            }
        }
        lb
    }

    fn record(&mut self) {
        let size = self.chosen.len();
        if self.all_solutions {
            if self.found.len() >= self.max_models {
                self.truncated = true;
                self.stop = true;
                return;
            }
            let mut m = self.chosen.clone();
            m.sort_unstable();
            self.found.push(m);
            return;
        }
        if size < self.best {
            self.best = size;
            self.found.clear();
            self.truncated = false;
        }
        if size == self.best {
            if self.found.len() < self.max_models {
                let mut m = self.chosen.clone();
                m.sort_unstable();
                self.found.push(m);
            } else {
                self.truncated = true;
            }
        }
    }

    fn finish_with_one_row(&mut self) {
        let mut common = self.allowed.clone();
        for (c, cands) in self.col_cands.iter().enumerate() {
            if self.cover_count[c] == 0 {
                for (x, y) in common.iter_mut().zip(cands) {
                    *x &= y;
                }
            }
        }
        let rows: Vec<usize> = bits::ones(&common).collect();
        for p in rows {
            self.chosen.push(p);
            self.record();
            self.chosen.pop();
        }
    }

    fn dfs(&mut self) {
        if self.stop {
            return;
        }
        self.nodes += 1;
        if self.nodes > self.max_nodes {
            self.exhausted = true;
            self.stop = true;
            return;
        }
        // Branch on the uncovered column with the fewest allowed rows.
        let mut pick = None;
        let mut fewest = usize::MAX;
        for (c, cands) in self.col_cands.iter().enumerate() {
            if self.cover_count[c] == 0 {
                let n = bits::count_and(cands, &self.allowed);
                if n == 0 {
                    return;
                }
                if n < fewest {
                    fewest = n;
                    pick = Some(c);
                }
            }
        }
        let Some(col) = pick else {
            self.record();
            return;
        };
        if !self.all_solutions {
            let mut order = Vec::new();
            let lb = self.lower_bound(&mut order);
            // Once the model list is full only strictly smaller covers matter.
            let limit = if self.truncated {
                self.best.saturating_sub(1)
            } else {
                self.best
            };
            if self.chosen.len() + lb > limit {
                return;
            }
            if self.chosen.len() + 1 == limit {
                // One row left: the covers are the allowed rows that hit every open column.
                self.finish_with_one_row();
                return;
            }
        }
        let mut cands: Vec<usize> = bits::ones(&self.col_cands[col])
            .filter(|&p| bits::get(&self.allowed, p))
            .collect();
        if !self.all_solutions {
            // Rows covering many open columns first: good covers early, tighter bounds.
            let open: Vec<u64> = {
                let mut b = vec![0u64; bits::words(self.col_cands.len())];
                for c in 0..self.col_cands.len() {
                    if self.cover_count[c] == 0 {
                        bits::set(&mut b, c);
                    }
                }
                b
            };
            cands.sort_by_key(|&p| std::cmp::Reverse(bits::count_and(&self.pi_cov[p], &open)));
        }
        let mut banned = Vec::with_capacity(cands.len());
        for p in cands {
            self.add(p);
            if !self.all_solutions || self.irredundant() {
                self.dfs();
            }
            self.remove(p);
            if self.stop {
                break;
            }
            bits::clear(&mut self.allowed, p);
            banned.push(p);
        }
        for p in banned {
            bits::set(&mut self.allowed, p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn imp(v: &[u8]) -> Implicant {
        Implicant(v.to_vec())
    }

    #[test]
    fn cyclic_chart_has_all_minimum_covers() {
        // All four configurations of A, B with the four one-literal terms: a cyclic chart
        // without essential rows whose minimum covers are {~A, A} and {~B, B}.
        let primes = vec![imp(&[1, 0]), imp(&[2, 0]), imp(&[0, 1]), imp(&[0, 2])];
        let on = vec![vec![0, 0], vec![0, 1], vec![1, 1], vec![1, 0]];
        let m = solve_chart(&primes, &on, &ChartOptions::default()).unwrap();
        assert_eq!(m.models, vec![vec![0, 1], vec![2, 3]]);
        assert!(m.essential.is_empty());
        assert_eq!(m.min_size, 2);
        let all = solve_chart(
            &primes,
            &on,
            &ChartOptions {
                all_solutions: true,
                ..ChartOptions::default()
            },
        )
        .unwrap();
        // Any three of the four terms contain a redundant one, so only the pairs remain.
        assert_eq!(all.models, vec![vec![0, 1], vec![2, 3]]);
    }
}
