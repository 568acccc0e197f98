//! Exact solution of the prime implicant chart: all minimum covers or all irredundant covers.

use super::{ChartOptions, DEFAULT_MAX_NODES, Implicant, Models, bits};
use kantel_i18n::msg;

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
    solve_chart_with_search(primes, on, options, max_nodes, CoverSearch::default())
}

/// Which exact search solves each independent block of the reduced chart. Both give the same
/// models (when neither hits its budget or the model cap); they differ in speed only.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CoverSearch {
    /// Reductions to a fixed point (row dominance, with every dominated prime implicant
    /// remembered under the row that replaces it, and column dominance), then a branch and
    /// bound with Lagrangian (linear programming) lower bounds and reduced-cost fixing that
    /// first proves the minimum size and then lists the covers of that size, mapped back to
    /// every equivalent choice of prime implicants. Budget semantics: running out of nodes
    /// before the minimum is proved is an error; running out while listing the covers of the
    /// proved size returns the covers found so far with [`Models::truncated`] set.
    #[default]
    Lagrangian,
    /// The first version: one branch and bound over the chart whose only lower bound counts
    /// pairwise disjoint columns. Kept as the benchmark's baseline.
    Disjoint,
}

/// [`solve_chart_with_budget`] with an explicit choice of search (see [`CoverSearch`]).
///
/// # Errors
/// As [`solve_chart_with_budget`].
pub fn solve_chart_with_search(
    primes: &[Implicant],
    on: &[Vec<u8>],
    options: &ChartOptions,
    max_nodes: u64,
    search: CoverSearch,
) -> Result<Models, QcaError> {
    let Some(first) = on.first() else {
        return Err(QcaError::Minimization(msg!("qca-chart-no-on")));
    };
    let k = first.len();
    for (i, c) in on.iter().enumerate() {
        if c.len() != k {
            return Err(QcaError::Minimization(msg!(
                "qca-chart-config-length",
                row = i,
                values = c.len(),
                first = k
            )));
        }
    }
    for (p, imp) in primes.iter().enumerate() {
        if imp.0.len() != k {
            return Err(QcaError::Minimization(msg!(
                "qca-chart-prime-length",
                prime = p,
                entries = imp.0.len(),
                values = k
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
            return Err(QcaError::Minimization(msg!(
                "qca-chart-uncovered",
                row = c,
                configuration = format!("{config:?}"),
                primes = primes.len()
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

    let (local_models, min_local, count) =
        solve_components(&col_cands, &pi_cov, options, max_nodes, search)?;
    let truncated = !count.exact || count.count > local_models.len() as u64;

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
    let essential_count = essential.len();
    Ok(Models {
        models,
        min_size: essential.len() + min_local,
        essential,
        in_all_models,
        truncated,
        model_count: count.count,
        count_exact: count.exact,
        minimum_proved: count.proved,
        lower_bound: essential_count + count.lower,
    })
}

/// Splits the reduced chart into independent blocks (columns linked by shared rows), solves
/// each, and combines their covers: every minimum (irredundant) cover is one minimum
/// (irredundant) cover per block. Returns (covers, minimum size, truncated).
/// How many covers a chart has: exact, or a proved lower bound.
struct Count {
    count: u64,
    exact: bool,
    /// Proved lower bound on the number of terms of the residual chart's covers.
    lower: usize,
    /// Whether the cover size is the proved minimum.
    proved: bool,
}

/// The covers of the reduced chart, block by block (blocks share no column or row), and
/// combined: up to `max_models` listed, up to `max_count` counted (the product of the
/// blocks' counts). A block stores only the covers the count still needs.
fn solve_components(
    col_cands: &[Vec<u64>],
    pi_cov: &[Vec<u64>],
    options: &ChartOptions,
    max_nodes: u64,
    search: CoverSearch,
) -> Result<(Vec<Vec<usize>>, usize, Count), QcaError> {
    let all_solutions = options.all_solutions;
    let max_listed = options.max_models;
    let max_count = options.max_count.max(max_listed) as u64;
    // Covers counted so far: the product of the finished blocks' counts.
    let mut product: u64 = 1;
    let mut exact = true;
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
    // The best cover size found (the minimum when `proved`) and a proved lower bound.
    let mut min_total = 0;
    let mut lower_total = 0;
    let mut proved = true;
    // The primes of each block (a prime's columns all lie in one block), in prime order:
    // one pass, not blocks x primes.
    let mut primes_of_block: Vec<Vec<usize>> = vec![Vec::new(); blocks.len()];
    for (p, cov) in pi_cov.iter().enumerate() {
        if let Some(c) = bits::ones(cov).next() {
            let r = root(&mut parent, c);
            primes_of_block[block_of_root[&r]].push(p);
        }
    }
    for (cols, block_primes) in blocks.iter().zip(&primes_of_block) {
        // Every block has the whole budget: blocks are independent problems, and a shared
        // budget ran out on thousands of one-row blocks (10,000 cases, 12 conditions) that
        // each need a node or two. The total stays bounded: blocks x max_nodes.
        let mut budget = max_nodes;
        // Covers this block must find: enough to list `max_listed` models and for the
        // product to reach `max_count` (one more to know whether more exist).
        let needed = usize::try_from(max_count.div_ceil(product.max(1)))
            .unwrap_or(usize::MAX)
            .max(max_listed);
        let max_models = needed;
        let rows: Vec<usize> = block_primes
            .iter()
            .copied()
            .filter(|&p| bits::get(&pi_cov[p], cols[0]))
            .chain(
                block_primes
                    .iter()
                    .copied()
                    .filter(|&p| !bits::get(&pi_cov[p], cols[0])),
            )
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
        if search == CoverSearch::Lagrangian && !all_solutions {
            let out = match cover::min_covers(&sub_cov, cols.len(), max_models, budget) {
                Ok(out) => out,
                Err(u) if !u.cover.is_empty() => {
                    // Never an error when an answer exists: the best cover found, with the
                    // proved bounds of this block.
                    lower_total += u.lower;
                    min_total += u.upper;
                    proved = false;
                    exact = false;
                    per_block.push(vec![u.cover.iter().map(|&i| rows[i]).collect()]);
                    continue;
                }
                Err(u) => return Err(unproved(max_nodes, cols.len(), rows.len(), u)),
            };
            lower_total += out.size;
            min_total += out.size;
            product = product.saturating_mul(out.covers.len() as u64);
            exact &= !out.truncated;
            per_block.push(
                out.covers
                    .iter()
                    .take(max_listed)
                    .map(|f| f.iter().map(|&i| rows[i]).collect())
                    .collect(),
            );
            continue;
        }
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
                let (size, _nodes) = match search {
                    CoverSearch::Lagrangian => cover::min_size(&sub_cov, cols.len(), budget)
                        .map_err(|u| unproved(max_nodes, cols.len(), rows.len(), u))?,
                    CoverSearch::Disjoint => {
                        let mut m = Search::new(&sub_cands, &sub_cov, false, 1, budget);
                        m.run();
                        if m.exhausted {
                            return Err(out_of_nodes(max_nodes, cols.len(), rows.len()));
                        }
                        (m.best, m.nodes)
                    }
                };
                min_block = size;
            }
        }
        min_total += min_block;
        lower_total += min_block;
        product = product.saturating_mul(s.found.len() as u64);
        exact &= !s.truncated;
        per_block.push(
            s.found
                .iter()
                .take(max_listed)
                .map(|f| f.iter().map(|&i| rows[i]).collect())
                .collect(),
        );
    }
    // The Cartesian product, capped: a mixed-radix counter over the blocks.
    let total = per_block
        .iter()
        .fold(1usize, |acc, b| acc.saturating_mul(b.len()));
    let mut combined = Vec::with_capacity(total.min(max_listed));
    if total > 0 {
        let mut digits = vec![0usize; per_block.len()];
        while combined.len() < total.min(max_listed) {
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
    // Counts beyond 2^53 - 1 are not exact in JSON numbers (and may have saturated): a
    // proved lower bound instead.
    const MAX_SAFE: u64 = (1 << 53) - 1;
    if product > MAX_SAFE {
        product = MAX_SAFE;
        exact = false;
    }
    Ok((
        combined,
        min_total,
        Count {
            count: product,
            exact,
            lower: lower_total,
            proved,
        },
    ))
}

fn out_of_nodes(max_nodes: u64, cols: usize, rows: usize) -> QcaError {
    QcaError::Minimization(msg!(
        "qca-chart-out-of-nodes",
        columns = cols,
        primes = rows,
        max_nodes = max_nodes
    ))
}

/// The budget ran out with the minimum of a block known only within bounds.
fn unproved(max_nodes: u64, cols: usize, rows: usize, u: cover::Unproved) -> QcaError {
    QcaError::Minimization(msg!(
        "qca-chart-unproved",
        columns = cols,
        primes = rows,
        max_nodes = max_nodes,
        lower = u.lower,
        upper = u.upper
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

/// Minimum covers of one block of the chart: reductions, Lagrangian branch and bound, and the
/// map back from the reduced chart to every equivalent choice of block rows.
///
/// Why the reductions keep every minimum cover: a row whose coverage is inside another row's
/// coverage (on the columns still in play) is given that row as its *representative*. Any
/// minimum cover C of the block becomes, row by row, a set of representatives that still
/// covers every remaining column, so the reduced chart has the same minimum size k and the
/// image of C is one of its minimum covers. Conversely every cover of the reduced chart covers
/// every block column (a column dropped by column dominance is covered whenever the column
/// that dominates it is). So the minimum covers of the block are exactly the choices, for a
/// minimum cover {q1..qk} of the reduced chart, of one row per qi among the rows represented
/// by qi, that together cover all block columns. The representative map is a function, so
/// every block cover is produced once.
pub(super) mod cover {
    use std::collections::HashMap;

    use super::bits;

    /// Covers of one block (indices into the block's rows), the proved minimum size and
    /// whether the list is incomplete.
    pub(in super::super) struct BlockCovers {
        pub covers: Vec<Vec<usize>>,
        pub size: usize,
        pub truncated: bool,
    }

    /// Margin for floating-point bounds: Lagrangian values are sums of a few thousand terms,
    /// their rounding error is many orders smaller than this, and a bound that is too weak
    /// by the margin is still a valid bound.
    const EPS: f64 = 1e-6;

    /// Steps of the expansion of reduced covers charged as one search node.
    const EXPAND_PER_NODE: u64 = 256;

    /// The smallest integer not below a Lagrangian value (a valid integer lower bound).
    pub(in super::super) fn int_bound(value: f64) -> usize {
        let v = (value - EPS).ceil();
        if v <= 0.0 { 0 } else { v as usize }
    }

    /// Every minimum cover of the block (up to `max_models`, then `truncated`), with
    /// `row_cov[r]` the block columns covered by block row r. Fails with the bounds found
    /// when the budget runs out before the minimum size is proved.
    pub(in super::super) fn min_covers(
        row_cov: &[Vec<u64>],
        ncols: usize,
        max_models: usize,
        budget: u64,
    ) -> Result<BlockCovers, Unproved> {
        let red = Reduced::new(row_cov, ncols);
        let mut opt = Bnb::new(&red.row_cols, &red.col_rows, false, 0, budget);
        opt.run();
        if opt.exhausted {
            // The incumbent, by representative block rows (each covers at least what its
            // reduced row covers, and covering the reduced columns covers all columns).
            let mut u = opt.unproved();
            u.cover = opt
                .best_cover
                .iter()
                .map(|&r| red.members[r as usize][0])
                .collect();
            u.cover.sort_unstable();
            if u.cover.len() != u.upper {
                u.cover.clear();
            }
            return Err(u);
        }
        let k = opt.best;
        let mut nodes = opt.nodes;
        let mut en = Bnb::new(
            &red.row_cols,
            &red.col_rows,
            true,
            max_models.saturating_add(1),
            budget.saturating_sub(nodes),
        );
        en.best = k;
        en.run();
        nodes += en.nodes;
        let mut truncated = en.exhausted || en.found.len() > max_models;
        let mut reduced = en.found;
        if reduced.is_empty() {
            // The enumeration ran out of nodes before its first cover: the optimum cover of
            // the first phase is one of the covers of size k.
            let mut c = opt.best_cover.clone();
            c.sort_unstable();
            reduced.push(c);
        }
        // An expansion step is a few word operations, far cheaper than a search node (which
        // runs subgradient passes over the chart): it is charged at 1/EXPAND_PER_NODE node.
        let mut left = budget.saturating_sub(nodes).saturating_mul(EXPAND_PER_NODE);
        let (mut covers, capped, out) = red.expand(row_cov, ncols, &reduced, max_models, &mut left);
        if covers.is_empty() && !reduced.is_empty() {
            // The budget ran out before the first expansion: one cover is still owed (the
            // minimum is proved; its first expansion is a few steps per slot).
            let mut unlimited = u64::MAX;
            covers = red
                .expand(row_cov, ncols, &reduced[..1], 1, &mut unlimited)
                .0;
        }
        truncated |= capped || out;
        Ok(BlockCovers {
            covers,
            size: k,
            truncated,
        })
    }

    /// The proved minimum cover size of the block and the nodes used.
    pub(in super::super) fn min_size(
        row_cov: &[Vec<u64>],
        ncols: usize,
        budget: u64,
    ) -> Result<(usize, u64), Unproved> {
        let red = Reduced::new(row_cov, ncols);
        let mut opt = Bnb::new(&red.row_cols, &red.col_rows, false, 0, budget);
        opt.run();
        if opt.exhausted {
            return Err(opt.unproved());
        }
        Ok((opt.best, opt.nodes))
    }

    /// What is known when the budget runs out before the minimum is proved: the minimum
    /// cover size of the block lies in `lower..=upper`.
    #[derive(Clone, Debug)]
    pub(in super::super) struct Unproved {
        pub lower: usize,
        pub upper: usize,
        /// The best cover found (`upper` block rows), sorted; empty when none is known.
        pub cover: Vec<usize>,
    }

    /// For each row, the row that represents it: `Some(i)` for a kept row, `Some(q)` (q kept)
    /// when its coverage is inside q's, `None` when it covers nothing. Among rows with equal
    /// coverage the first (in order of decreasing size, then index) is kept.
    pub(in super::super) fn representatives(cov: &[Vec<u64>]) -> Vec<Option<usize>> {
        let n = cov.len();
        let nbits = cov.first().map_or(0, |b| b.len() * 64);
        let sizes: Vec<u32> = cov
            .iter()
            .map(|b| b.iter().map(|w| w.count_ones()).sum())
            .collect();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&p| (std::cmp::Reverse(sizes[p]), p));
        let mut seen: HashMap<&[u64], usize> = HashMap::new();
        let mut col_kept: Vec<Vec<u32>> = vec![Vec::new(); nbits];
        let mut rep = vec![None; n];
        for p in order {
            if sizes[p] == 0 {
                continue;
            }
            if let Some(&q) = seen.get(cov[p].as_slice()) {
                rep[p] = Some(q);
                continue;
            }
            // A kept row containing p covers every column of p, in particular the one with
            // the fewest kept rows: only those need a check. Strict supersets are larger, so
            // they were kept (or represented by a kept superset) before p is reached.
            let c = bits::ones(&cov[p])
                .min_by_key(|&c| col_kept[c].len())
                .unwrap_or(0);
            if let Some(&q) = col_kept[c]
                .iter()
                .find(|&&q| bits::subset(&cov[p], &cov[q as usize]))
            {
                rep[p] = Some(q as usize);
                continue;
            }
            rep[p] = Some(p);
            seen.insert(cov[p].as_slice(), p);
            for c in bits::ones(&cov[p]) {
                col_kept[c].push(p as u32);
            }
        }
        rep
    }

    /// The block chart after row and column dominance, repeated to a fixed point.
    struct Reduced {
        /// Per reduced row: the block rows it represents (itself first).
        members: Vec<Vec<usize>>,
        /// Per reduced row: its reduced columns.
        row_cols: Vec<Vec<u32>>,
        /// Per reduced column: its reduced rows.
        col_rows: Vec<Vec<u32>>,
    }

    impl Reduced {
        fn new(row_cov: &[Vec<u64>], ncols: usize) -> Self {
            let nrows = row_cov.len();
            // class[x]: block row representing block row x (None: in no minimum cover).
            let mut class: Vec<Option<usize>> = (0..nrows).map(Some).collect();
            let mut rows: Vec<usize> = (0..nrows).collect();
            let mut cols: Vec<usize> = (0..ncols).collect();
            let mut local = vec![usize::MAX; nrows];
            loop {
                let cov: Vec<Vec<u64>> = if cols.len() == ncols {
                    rows.iter().map(|&r| row_cov[r].clone()).collect()
                } else {
                    let cw = bits::words(cols.len());
                    rows.iter()
                        .map(|&r| {
                            let mut b = vec![0u64; cw];
                            for (i, &c) in cols.iter().enumerate() {
                                if bits::get(&row_cov[r], c) {
                                    bits::set(&mut b, i);
                                }
                            }
                            b
                        })
                        .collect()
                };
                let rep = representatives(&cov);
                for (i, &r) in rows.iter().enumerate() {
                    local[r] = i;
                }
                for c in class.iter_mut() {
                    if let Some(r) = *c {
                        *c = rep[local[r]].map(|i| rows[i]);
                    }
                }
                let kept: Vec<usize> = (0..rows.len())
                    .filter(|&i| rep[i] == Some(i))
                    .map(|i| rows[i])
                    .collect();
                let rows_changed = kept.len() != rows.len();
                rows = kept;

                // Column dominance among the kept rows: a column whose rows include all rows
                // of another column is covered whenever that one is.
                let rw = bits::words(rows.len());
                let cands: Vec<Vec<u64>> = cols
                    .iter()
                    .map(|&c| {
                        let mut b = vec![0u64; rw];
                        for (i, &r) in rows.iter().enumerate() {
                            if bits::get(&row_cov[r], c) {
                                bits::set(&mut b, i);
                            }
                        }
                        b
                    })
                    .collect();
                let counts: Vec<usize> = cands
                    .iter()
                    .map(|b| b.iter().map(|w| w.count_ones() as usize).sum())
                    .collect();
                let keep: Vec<bool> = (0..cols.len())
                    .map(|b| {
                        !(0..cols.len()).any(|a| {
                            a != b
                                && counts[a] <= counts[b]
                                && bits::subset(&cands[a], &cands[b])
                                && (counts[a] != counts[b] || a < b)
                        })
                    })
                    .collect();
                let cols_changed = keep.iter().any(|k| !k);
                cols = cols
                    .iter()
                    .zip(&keep)
                    .filter(|(_, k)| **k)
                    .map(|(&c, _)| c)
                    .collect();
                if !rows_changed && !cols_changed {
                    break;
                }
            }
            let mut index = vec![usize::MAX; nrows];
            for (i, &r) in rows.iter().enumerate() {
                index[r] = i;
            }
            let mut members: Vec<Vec<usize>> = rows.iter().map(|&r| vec![r]).collect();
            for (x, c) in class.iter().enumerate() {
                if let Some(r) = *c
                    && r != x
                {
                    members[index[r]].push(x);
                }
            }
            let row_cols: Vec<Vec<u32>> = rows
                .iter()
                .map(|&r| {
                    (0..cols.len() as u32)
                        .filter(|&i| bits::get(&row_cov[r], cols[i as usize]))
                        .collect()
                })
                .collect();
            let mut col_rows: Vec<Vec<u32>> = vec![Vec::new(); cols.len()];
            for (p, cs) in row_cols.iter().enumerate() {
                for &c in cs {
                    col_rows[c as usize].push(p as u32);
                }
            }
            Reduced {
                members,
                row_cols,
                col_rows,
            }
        }

        /// Every choice of one represented block row per row of each reduced cover that
        /// covers all block columns (see the module comment), at most `max_models + 1` in
        /// all. Returns (covers sorted, more than `max_models` exist, budget ran out).
        fn expand(
            &self,
            row_cov: &[Vec<u64>],
            ncols: usize,
            reduced: &[Vec<u32>],
            max_models: usize,
            budget: &mut u64,
        ) -> (Vec<Vec<usize>>, bool, bool) {
            let cw = bits::words(ncols);
            let member_union: Vec<Vec<u64>> = self
                .members
                .iter()
                .map(|m| {
                    let mut u = vec![0u64; cw];
                    for &p in m {
                        for (x, y) in u.iter_mut().zip(&row_cov[p]) {
                            *x |= y;
                        }
                    }
                    u
                })
                .collect();
            let mut full = vec![0u64; cw];
            for c in 0..ncols {
                bits::set(&mut full, c);
            }
            let mut out: Vec<Vec<usize>> = Vec::new();
            let mut ran_out = false;
            'covers: for q in reduced {
                // later[i]: what slots i.. can still cover at most.
                let mut later = vec![vec![0u64; cw]; q.len() + 1];
                for i in (0..q.len()).rev() {
                    let (head, tail) = later.split_at_mut(i + 1);
                    for ((x, y), z) in head[i]
                        .iter_mut()
                        .zip(&tail[0])
                        .zip(&member_union[q[i] as usize])
                    {
                        *x = y | z;
                    }
                }
                let mut pick = vec![0usize; q.len()];
                let mut covered = vec![vec![0u64; cw]; q.len() + 1];
                let mut slot = 0;
                loop {
                    if *budget == 0 {
                        ran_out = true;
                        break 'covers;
                    }
                    *budget -= 1;
                    let members = &self.members[q[slot] as usize];
                    if pick[slot] == members.len() {
                        if slot == 0 {
                            break;
                        }
                        pick[slot] = 0;
                        slot -= 1;
                        pick[slot] += 1;
                        continue;
                    }
                    let p = members[pick[slot]];
                    let (done, next) = covered.split_at_mut(slot + 1);
                    for ((x, y), z) in next[0].iter_mut().zip(&done[slot]).zip(&row_cov[p]) {
                        *x = y | z;
                    }
                    // Prune: a column neither covered nor coverable by the later slots.
                    let feasible = next[0]
                        .iter()
                        .zip(&later[slot + 1])
                        .zip(&full)
                        .all(|((c, l), f)| f & !(c | l) == 0);
                    if !feasible {
                        pick[slot] += 1;
                        continue;
                    }
                    if slot + 1 == q.len() {
                        let mut m: Vec<usize> = (0..q.len())
                            .map(|i| self.members[q[i] as usize][pick[i]])
                            .collect();
                        m.sort_unstable();
                        out.push(m);
                        if out.len() > max_models {
                            break 'covers;
                        }
                        pick[slot] += 1;
                    } else {
                        slot += 1;
                    }
                }
            }
            out.sort_unstable();
            let capped = out.len() > max_models;
            out.truncate(max_models);
            (out, capped, ran_out)
        }
    }

    /// Branch and bound over the reduced chart. Optimize mode: finds a cover of the minimum
    /// size (`best`, `best_cover`), pruning every branch that cannot beat the incumbent.
    /// Enumerate mode (`best` set to the proved minimum k): lists the covers of size k.
    struct Bnb<'a> {
        row_cols: &'a [Vec<u32>],
        col_rows: &'a [Vec<u32>],
        enumerate: bool,
        max_found: usize,
        allowed: Vec<bool>,
        cover_count: Vec<u32>,
        chosen: Vec<u32>,
        best: usize,
        best_cover: Vec<u32>,
        found: Vec<Vec<u32>>,
        nodes: u64,
        max_nodes: u64,
        exhausted: bool,
        stop: bool,
        stamp: Vec<u32>,
        stamp_now: u32,
        /// The best lower bound proved at the root.
        root_lb: usize,
    }

    /// Subgradient iterations at the root and at every other node.
    const ROOT_ITERS: usize = 300;
    const NODE_ITERS: usize = 25;

    impl<'a> Bnb<'a> {
        fn new(
            row_cols: &'a [Vec<u32>],
            col_rows: &'a [Vec<u32>],
            enumerate: bool,
            max_found: usize,
            max_nodes: u64,
        ) -> Self {
            Bnb {
                row_cols,
                col_rows,
                enumerate,
                max_found,
                allowed: vec![true; row_cols.len()],
                cover_count: vec![0; col_rows.len()],
                chosen: Vec::new(),
                best: usize::MAX,
                best_cover: Vec::new(),
                found: Vec::new(),
                nodes: 0,
                max_nodes,
                exhausted: false,
                stop: false,
                stamp: vec![0; row_cols.len()],
                stamp_now: 0,
                root_lb: 0,
            }
        }

        fn unproved(&self) -> Unproved {
            Unproved {
                lower: self.root_lb.min(self.best),
                upper: self.best,
                cover: Vec::new(),
            }
        }

        /// The largest cover size still of interest.
        fn limit(&self) -> usize {
            if self.enumerate {
                self.best
            } else {
                self.best.saturating_sub(1)
            }
        }

        fn run(&mut self) {
            let nc = self.col_rows.len();
            // Dual-feasible start: no row's multipliers sum to more than 1.
            let mut u: Vec<f64> = self
                .col_rows
                .iter()
                .map(|rows| {
                    rows.iter()
                        .map(|&p| 1.0 / self.row_cols[p as usize].len() as f64)
                        .fold(f64::INFINITY, f64::min)
                })
                .collect();
            if !self.enumerate {
                self.best_cover = self.improve(self.greedy(&vec![1.0; nc]));
                self.best = self.best_cover.len();
                let mut r = vec![0.0; self.row_cols.len()];
                let goal = self.best;
                self.lagrangian(&mut u, ROOT_ITERS, goal.saturating_sub(1), &mut r);
                let weighted = self.improve(self.greedy(&u));
                if weighted.len() < self.best {
                    self.best = weighted.len();
                    self.best_cover = weighted;
                }
            }
            self.dfs(&u, ROOT_ITERS);
        }

        /// A cover by repeatedly taking the row with the largest weight of uncovered columns,
        /// then dropping rows that became redundant (an upper bound for the search).
        fn greedy(&self, weight: &[f64]) -> Vec<u32> {
            let nc = self.col_rows.len();
            let mut count = vec![0u32; nc];
            let mut open = nc;
            let mut cover: Vec<u32> = Vec::new();
            while open > 0 {
                let mut best: Option<(f64, usize, u32)> = None;
                for (p, cols) in self.row_cols.iter().enumerate() {
                    let (mut w, mut n) = (0.0, 0usize);
                    for &c in cols {
                        if count[c as usize] == 0 {
                            w += weight[c as usize].max(1e-9);
                            n += 1;
                        }
                    }
                    if n > 0 && best.is_none_or(|(bw, bn, _)| (w, n) > (bw, bn)) {
                        best = Some((w, n, p as u32));
                    }
                }
                let Some((_, _, p)) = best else {
                    break;
                };
                for &c in &self.row_cols[p as usize] {
                    if count[c as usize] == 0 {
                        open -= 1;
                    }
                    count[c as usize] += 1;
                }
                cover.push(p);
            }
            // Drop redundant rows, last chosen (least useful) first.
            for i in (0..cover.len()).rev() {
                let p = cover[i] as usize;
                if self.row_cols[p].iter().all(|&c| count[c as usize] > 1) {
                    for &c in &self.row_cols[p] {
                        count[c as usize] -= 1;
                    }
                    cover.remove(i);
                }
            }
            cover
        }

        /// Local improvement of a cover: drop redundant rows, and replace two rows by one
        /// row that covers every column only those two cover, until neither applies.
        fn improve(&self, mut cover: Vec<u32>) -> Vec<u32> {
            let nc = self.col_rows.len();
            let mut count = vec![0u32; nc];
            for &p in &cover {
                for &c in &self.row_cols[p as usize] {
                    count[c as usize] += 1;
                }
            }
            let mut in_cover = vec![false; self.row_cols.len()];
            for &p in &cover {
                in_cover[p as usize] = true;
            }
            'restart: loop {
                for i in (0..cover.len()).rev() {
                    let p = cover[i] as usize;
                    if self.row_cols[p].iter().all(|&c| count[c as usize] > 1) {
                        for &c in &self.row_cols[p] {
                            count[c as usize] -= 1;
                        }
                        in_cover[p] = false;
                        cover.remove(i);
                    }
                }
                for i in 0..cover.len() {
                    for j in i + 1..cover.len() {
                        // Columns that only rows i and j cover (one or both of them).
                        let (ri, rj) = (
                            &self.row_cols[cover[i] as usize],
                            &self.row_cols[cover[j] as usize],
                        );
                        let mut need: Vec<u32> = ri
                            .iter()
                            .chain(rj)
                            .copied()
                            .filter(|&c| {
                                let own = u32::from(ri.binary_search(&c).is_ok())
                                    + u32::from(rj.binary_search(&c).is_ok());
                                count[c as usize] == own
                            })
                            .collect();
                        need.sort_unstable();
                        need.dedup();
                        let Some(&first) = need.first() else {
                            continue;
                        };
                        let found = self.col_rows[first as usize].iter().copied().find(|&q| {
                            !in_cover[q as usize] && {
                                let cols = &self.row_cols[q as usize];
                                need.iter().all(|c| cols.binary_search(c).is_ok())
                            }
                        });
                        if let Some(q) = found {
                            for &x in &[cover[j], cover[i]] {
                                for &c in &self.row_cols[x as usize] {
                                    count[c as usize] -= 1;
                                }
                                in_cover[x as usize] = false;
                            }
                            cover.remove(j);
                            cover.remove(i);
                            for &c in &self.row_cols[q as usize] {
                                count[c as usize] += 1;
                            }
                            in_cover[q as usize] = true;
                            cover.push(q);
                            continue 'restart;
                        }
                    }
                }
                return cover;
            }
        }

        fn add(&mut self, p: u32) {
            self.chosen.push(p);
            for &c in &self.row_cols[p as usize] {
                self.cover_count[c as usize] += 1;
            }
        }

        fn remove(&mut self) {
            if let Some(p) = self.chosen.pop() {
                for &c in &self.row_cols[p as usize] {
                    self.cover_count[c as usize] -= 1;
                }
            }
        }

        fn record(&mut self) {
            let mut m = self.chosen.clone();
            m.sort_unstable();
            if self.enumerate {
                if self.chosen.len() == self.best {
                    self.found.push(m);
                    if self.found.len() >= self.max_found {
                        self.stop = true;
                    }
                }
            } else if self.chosen.len() < self.best {
                self.best = self.chosen.len();
                self.best_cover = m;
            }
        }

        /// Open columns whose allowed rows are pairwise disjoint each need their own row.
        fn disjoint_bound(&mut self, open: &[(u32, u32)]) -> usize {
            self.stamp_now = self.stamp_now.wrapping_add(1);
            if self.stamp_now == 0 {
                self.stamp.iter_mut().for_each(|s| *s = 0);
                self.stamp_now = 1;
            }
            let mut lb = 0;
            for &(_, c) in open {
                let rows = &self.col_rows[c as usize];
                let free = rows.iter().all(|&p| {
                    !self.allowed[p as usize] || self.stamp[p as usize] != self.stamp_now
                });
                if free {
                    lb += 1;
                    for &p in rows {
                        self.stamp[p as usize] = self.stamp_now;
                    }
                }
            }
            lb
        }

        /// Lagrangian bound of the residual problem (open columns, allowed rows) by
        /// subgradient ascent from `u`: for any u >= 0,
        /// L(u) = sum_open u_c + sum_rows min(0, 1 - sum_{c in row, open} u_c)
        /// is at most the linear programming optimum, so at most the size of any cover.
        /// Leaves the best multipliers in `u` and their reduced costs in `r`.
        fn lagrangian(&self, u: &mut [f64], iters: usize, room: usize, r: &mut [f64]) -> f64 {
            let nc = self.col_rows.len();
            let goal = room as f64 + 1.0;
            for (c, x) in u.iter_mut().enumerate() {
                if self.cover_count[c] > 0 {
                    *x = 0.0;
                }
            }
            let mut lambda = if iters >= ROOT_ITERS { 2.0 } else { 0.5 };
            let mut best = f64::NEG_INFINITY;
            let mut best_u = u.to_vec();
            let mut stale = 0;
            let mut g = vec![0.0f64; nc];
            for _ in 0..iters {
                let value = self.value(u, r);
                if value > best + 1e-9 {
                    best = value;
                    best_u.copy_from_slice(u);
                    stale = 0;
                } else {
                    stale += 1;
                    if stale >= 8 {
                        lambda *= 0.5;
                        stale = 0;
                    }
                }
                if int_bound(best) > room || lambda < 1e-4 {
                    break;
                }
                for (c, x) in g.iter_mut().enumerate() {
                    *x = if self.cover_count[c] == 0 { 1.0 } else { 0.0 };
                }
                for (p, cols) in self.row_cols.iter().enumerate() {
                    if self.allowed[p] && r[p] < 0.0 {
                        for &c in cols {
                            if self.cover_count[c as usize] == 0 {
                                g[c as usize] -= 1.0;
                            }
                        }
                    }
                }
                let mut norm = 0.0;
                for (x, &y) in g.iter_mut().zip(u.iter()) {
                    if y <= 0.0 && *x < 0.0 {
                        *x = 0.0;
                    }
                    norm += *x * *x;
                }
                if norm == 0.0 {
                    break;
                }
                let step = lambda * (goal - value).max(0.0) / norm;
                for (x, &d) in u.iter_mut().zip(&g) {
                    *x = (*x + step * d).max(0.0);
                }
            }
            u.copy_from_slice(&best_u);
            self.value(u, r)
        }

        /// L(u) and the reduced cost 1 - sum u of every allowed row (infinity otherwise).
        fn value(&self, u: &[f64], r: &mut [f64]) -> f64 {
            let mut value: f64 = u.iter().sum();
            for (p, cols) in self.row_cols.iter().enumerate() {
                if !self.allowed[p] {
                    r[p] = f64::INFINITY;
                    continue;
                }
                let s: f64 = cols.iter().map(|&c| u[c as usize]).sum();
                r[p] = 1.0 - s;
                if r[p] < 0.0 {
                    value += r[p];
                }
            }
            value
        }

        /// Open columns as (allowed rows, column), fewest first; None when one has none.
        fn open_columns(&self) -> Option<Vec<(u32, u32)>> {
            let mut open = Vec::new();
            for (c, rows) in self.col_rows.iter().enumerate() {
                if self.cover_count[c] == 0 {
                    let n = rows.iter().filter(|&&p| self.allowed[p as usize]).count();
                    if n == 0 {
                        return None;
                    }
                    open.push((n as u32, c as u32));
                }
            }
            open.sort_unstable();
            Some(open)
        }

        fn dfs(&mut self, parent_u: &[f64], iters: usize) {
            if self.stop {
                return;
            }
            self.nodes += 1;
            if self.nodes > self.max_nodes {
                self.exhausted = true;
                self.stop = true;
                return;
            }
            let depth = self.chosen.len();
            let limit = self.limit();
            let Some(open) = self.open_columns() else {
                return;
            };
            if open.is_empty() {
                self.record();
                return;
            }
            if depth >= limit {
                return;
            }
            let room = limit - depth;
            let disjoint = self.disjoint_bound(&open);
            if depth == 0 {
                self.root_lb = self.root_lb.max(disjoint);
            }
            if disjoint > room {
                return;
            }
            if room == 1 {
                self.finish_with_one_row(&open);
                return;
            }
            let mut u = parent_u.to_vec();
            let mut r = vec![0.0; self.row_cols.len()];
            let lb = self.lagrangian(&mut u, iters, room, &mut r);
            if depth == 0 {
                self.root_lb = self.root_lb.max(int_bound(lb));
            }
            if int_bound(lb) > room {
                return;
            }
            // Reduced-cost fixing: a row whose inclusion (exclusion) lifts the bound above
            // the room is in no (every) cover of this subtree within the limit.
            let mut banned: Vec<u32> = Vec::new();
            let mut forced: Vec<u32> = Vec::new();
            for (p, &rp) in r.iter().enumerate() {
                if !self.allowed[p] || rp == 0.0 {
                    continue;
                }
                if rp > 0.0 {
                    if int_bound(lb + rp) > room {
                        self.allowed[p] = false;
                        banned.push(p as u32);
                    }
                } else if int_bound(lb - rp) > room {
                    forced.push(p as u32);
                }
            }
            if !forced.is_empty() {
                if forced.len() <= room {
                    for &p in &forced {
                        self.add(p);
                    }
                    self.dfs(&u, NODE_ITERS);
                    for _ in &forced {
                        self.remove();
                    }
                }
            } else if let Some(open) = self.open_columns() {
                let col = open[0].1 as usize;
                let mut cands: Vec<u32> = self.col_rows[col]
                    .iter()
                    .copied()
                    .filter(|&p| self.allowed[p as usize])
                    .collect();
                cands.sort_by(|&a, &b| r[a as usize].total_cmp(&r[b as usize]).then(a.cmp(&b)));
                for p in cands {
                    self.add(p);
                    self.dfs(&u, NODE_ITERS);
                    self.remove();
                    if self.stop {
                        break;
                    }
                    // Later siblings exclude p: every cover is found in one branch only.
                    self.allowed[p as usize] = false;
                    banned.push(p);
                }
            }
            for p in banned {
                self.allowed[p as usize] = true;
            }
        }

        /// One row left: the covers are the allowed rows that hit every open column.
        fn finish_with_one_row(&mut self, open: &[(u32, u32)]) {
            let (_, c0) = open[0];
            let rows: Vec<u32> = self.col_rows[c0 as usize]
                .iter()
                .copied()
                .filter(|&p| self.allowed[p as usize])
                .filter(|&p| {
                    let cols = &self.row_cols[p as usize];
                    open.iter().all(|&(_, c)| cols.binary_search(&c).is_ok())
                })
                .collect();
            for p in rows {
                self.add(p);
                self.record();
                self.remove();
                if self.stop || !self.enumerate {
                    break;
                }
            }
        }
    }

    #[cfg(test)]
    mod tests {
        use std::collections::BTreeSet;

        use proptest::prelude::*;

        use super::*;

        /// A random chart: rows as column masks (at most 12 columns, at most 14 rows), every
        /// column covered by some row.
        fn chart() -> impl Strategy<Value = (usize, Vec<u64>)> {
            (1usize..=12).prop_flat_map(|nc| {
                let all = (1u64 << nc) - 1;
                (
                    Just(nc),
                    prop::collection::vec(1u64..=all, 1..=14),
                    prop::collection::vec(0usize..nc, nc..=nc),
                )
                    .prop_map(move |(nc, mut rows, wide)| {
                        // Make each column coverable: add it to some row.
                        for (c, &w) in wide.iter().enumerate().take(nc) {
                            if rows.iter().all(|r| r >> c & 1 == 0) {
                                let i = w % rows.len();
                                rows[i] |= 1 << c;
                            }
                        }
                        (nc, rows)
                    })
            })
        }

        /// Every minimum cover by brute force over all subsets of rows.
        fn brute(nc: usize, rows: &[u64]) -> BTreeSet<Vec<usize>> {
            let full = (1u64 << nc) - 1;
            let covers: Vec<u32> = (0u32..1 << rows.len())
                .filter(|s| {
                    (0..rows.len())
                        .filter(|i| s >> i & 1 == 1)
                        .fold(0, |a, i| a | rows[i])
                        == full
                })
                .collect();
            let k = covers.iter().map(|s| s.count_ones()).min().unwrap();
            covers
                .into_iter()
                .filter(|s| s.count_ones() == k)
                .map(|s| (0..rows.len()).filter(|i| s >> i & 1 == 1).collect())
                .collect()
        }

        /// Row column lists, column row lists and row bitsets of a chart.
        type Lists = (Vec<Vec<u32>>, Vec<Vec<u32>>, Vec<Vec<u64>>);

        fn lists(nc: usize, rows: &[u64]) -> Lists {
            let row_cols: Vec<Vec<u32>> = rows
                .iter()
                .map(|&r| (0..nc as u32).filter(|c| r >> c & 1 == 1).collect())
                .collect();
            let mut col_rows = vec![Vec::new(); nc];
            for (p, cs) in row_cols.iter().enumerate() {
                for &c in cs {
                    col_rows[c as usize].push(p as u32);
                }
            }
            let bitsets = rows.iter().map(|&r| vec![r]).collect();
            (row_cols, col_rows, bitsets)
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(500))]

            /// The Lagrangian bound (any multipliers, here after subgradient ascent from the
            /// dual-feasible start, and at zero) and the disjoint-columns bound never exceed
            /// the true minimum; the optimum found is the brute-force optimum.
            #[test]
            fn bounds_never_exceed_the_optimum((nc, rows) in chart(), scale in 0.0f64..3.0) {
                let opt = brute(nc, &rows).iter().next().unwrap().len();
                let (row_cols, col_rows, _) = lists(nc, &rows);
                let mut b = Bnb::new(&row_cols, &col_rows, false, 0, u64::MAX);
                let mut r = vec![0.0; rows.len()];
                for start in [0.0, 1.0, scale] {
                    let mut u = vec![start; nc];
                    let l = b.lagrangian(&mut u, ROOT_ITERS, opt + 5, &mut r);
                    prop_assert!(int_bound(l) <= opt, "L = {} > optimum {}", l, opt);
                    let u2 = vec![start; nc];
                    let l0 = b.value(&u2, &mut r);
                    prop_assert!(int_bound(l0) <= opt);
                }
                let open = b.open_columns().unwrap();
                prop_assert!(b.disjoint_bound(&open) <= opt);
                b.run();
                prop_assert!(!b.exhausted);
                prop_assert_eq!(b.best, opt);
                prop_assert!(b.root_lb <= opt);
            }

            /// All minimum covers through the reductions and the map back equal brute force,
            /// including charts with duplicated and dominated rows.
            #[test]
            fn min_covers_match_brute_force((nc, mut rows) in chart(), dup in prop::collection::vec((0usize..14, any::<u64>()), 0..4)) {
                for (i, mask) in dup {
                    if rows.len() < 16 {
                        let r = rows[i % rows.len()];
                        // A copy or a sub-row of an existing row (dominated, never empty).
                        let sub = r & mask;
                        rows.push(if sub == 0 { r } else { sub });
                    }
                }
                let expected = brute(nc, &rows);
                let (_, _, bitsets) = lists(nc, &rows);
                let got = min_covers(&bitsets, nc, 100_000, u64::MAX).unwrap();
                prop_assert!(!got.truncated);
                prop_assert_eq!(got.size, expected.iter().next().unwrap().len());
                let set: BTreeSet<Vec<usize>> = got.covers.iter().cloned().collect();
                prop_assert_eq!(set.len(), got.covers.len());
                prop_assert_eq!(set, expected.clone());
                prop_assert_eq!(min_size(&bitsets, nc, u64::MAX).unwrap().0, got.size);
                // Capped: the first covers, flagged when more exist.
                let capped = min_covers(&bitsets, nc, 1, u64::MAX).unwrap();
                prop_assert_eq!(capped.covers.len(), 1);
                prop_assert_eq!(capped.truncated, expected.len() > 1);
                prop_assert!(expected.contains(&capped.covers[0]));
            }
        }

        #[test]
        fn representatives_map_to_kept_supersets() {
            // Rows: {0,1}, {0}, {0,1} again, {2}, {} (covers nothing).
            let cov = vec![vec![0b011], vec![0b001], vec![0b011], vec![0b100], vec![0]];
            assert_eq!(
                representatives(&cov),
                vec![Some(0), Some(0), Some(0), Some(3), None]
            );
        }

        #[test]
        fn exhausted_budget_reports_bounds() {
            // Five disjoint pairs of columns, each pair covered by two rows, plus rows
            // covering one column each: the minimum is 5.
            let mut rows = Vec::new();
            for i in 0..5 {
                rows.push(vec![0b11u64 << (2 * i)]);
                rows.push(vec![0b11u64 << (2 * i)]);
                rows.push(vec![0b01u64 << (2 * i)]);
            }
            let u = min_covers(&rows, 10, 10, 0).err().unwrap();
            assert!(u.lower <= 5 && u.upper >= 5, "{u:?}");
            assert_eq!(min_covers(&rows, 10, 10, u64::MAX).unwrap().size, 5);
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
