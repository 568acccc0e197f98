//! Intermediate solutions: directional expectations, easy and difficult counterfactuals.
//!
//! For every pair of a conservative model (C) and a parsimonious model (P), R's QCA (C code
//! `getEC`) compares each conservative term with each parsimonious term that subsumes it.
//! Literals of the conservative term that the parsimonious term dropped are removed again
//! when they run against a directional expectation (removing them only assumes what theory
//! expects anyway); the remainders that the resulting terms cover are the easy
//! counterfactuals. The intermediate solution minimizes the positive rows with the easy
//! counterfactuals as the only don't cares; the parsimonious model's other simplifying
//! assumptions are the difficult counterfactuals.
//!
//! Conjunctural expectations (`~LIT*IND`) follow R exactly, including one quirk worth
//! knowing: in R, when conjunctural expectations are present, the effect of the simple
//! expectations on a term is recomputed from scratch for each conjunctural expectation, so
//! only the last conjunctural expectation (and no simple one) shapes the term. kantel
//! reproduces this so that its answers equal R's; `docs/intermediate.md` explains it.

use kantel_i18n::{Msg, msg};
use serde::{Deserialize, Serialize};

use crate::QcaError;
use crate::boolean::{self, DontCare};
use crate::cubes;
use crate::minimize::{
    Assumptions, Context, IntermediateSolution, MAX_LISTED_CONFIGURATIONS, Solved,
    assumptions_budget, primes_and_essential,
};

/// Directional expectations in implicant form: each row is one expectation, with 0 for
/// conditions it does not mention and level+1 for the expected level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectionalExpectations {
    rows: Vec<Vec<u8>>,
}

impl DirectionalExpectations {
    /// Parses R's `dir.exp`: a comma-separated list of expectations (`DEV, ~URB, LIT[1],
    /// ~LIT*IND`), or one value per condition in condition order (`1, 0, -, 1, 0`, with `-`
    /// for no expectation, as in R's older numeric form).
    pub fn parse(text: &str, conditions: &[String], noflevels: &[u8]) -> Result<Self, QcaError> {
        let items = split_top_level(text);
        let err = |position: usize, message: Msg| QcaError::Expression {
            expression: text.to_string(),
            position,
            message,
        };
        if items.is_empty() || items.iter().all(|(_, s)| s.is_empty()) {
            return Err(err(1, msg!("qca-dir-exp-none")));
        }
        let looks_positional = items.iter().all(|(_, s)| {
            *s == "-" || (!s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == ';'))
        });
        // Values only, but not one per condition: say so, rather than reading "1" as the
        // name of a condition (`"1,0,-,1"` for five conditions).
        if looks_positional && items.len() != conditions.len() {
            return Err(err(
                1,
                msg!(
                    "qca-dir-exp-count",
                    given = items.len(),
                    needed = conditions.len(),
                    conditions = conditions.join(", ")
                ),
            ));
        }
        let positional = looks_positional;
        let mut rows = Vec::new();
        if positional {
            for (ci, (pos, s)) in items.iter().enumerate() {
                if *s == "-" {
                    continue;
                }
                for part in s.split(';') {
                    let level: u8 = part
                        .parse()
                        .map_err(|_| err(*pos, msg!("qca-dir-exp-not-a-level", value = part)))?;
                    if level >= noflevels[ci] {
                        return Err(err(
                            *pos,
                            msg!(
                                "qca-dir-exp-level-out-of-range",
                                name = &conditions[ci],
                                max = noflevels[ci] - 1,
                                level = level
                            ),
                        ));
                    }
                    let mut row = vec![0u8; conditions.len()];
                    row[ci] = level + 1;
                    rows.push(row);
                }
            }
            return Ok(DirectionalExpectations { rows });
        }
        for (pos, item) in &items {
            if item.is_empty() {
                return Err(err(*pos, msg!("qca-dir-exp-empty-item")));
            }
            // A conjunction: every literal fixes one condition; multi-level literals multiply out.
            let mut partial: Vec<Vec<u8>> = vec![vec![0u8; conditions.len()]];
            let mut offset = *pos;
            for literal in item.split('*') {
                let lit = literal.trim();
                let (neg, body) = match lit.strip_prefix('~') {
                    Some(b) => (true, b.trim()),
                    None => (false, lit),
                };
                let (name, levels) = match body.find(['[', '{']) {
                    Some(i) => {
                        let inner = body[i + 1..].trim_end_matches([']', '}']);
                        let mut lv = Vec::new();
                        for p in inner.split(',') {
                            lv.push(p.trim().parse::<u8>().map_err(|_| {
                                err(
                                    offset,
                                    msg!(
                                        "qca-dir-exp-not-a-level-in",
                                        value = p.trim(),
                                        literal = lit
                                    ),
                                )
                            })?);
                        }
                        (body[..i].trim(), Some(lv))
                    }
                    None => (body, None),
                };
                let ci = conditions.iter().position(|c| c == name).ok_or_else(|| {
                    err(
                        offset,
                        msg!(
                            "qca-dir-exp-not-a-condition",
                            name = name,
                            conditions = conditions.join(", ")
                        ),
                    )
                })?;
                let levels: Vec<u8> = match (levels, neg) {
                    (None, false) => {
                        if noflevels[ci] != 2 {
                            return Err(err(offset, msg!("qca-dir-exp-multi-value", name = name)));
                        }
                        vec![1]
                    }
                    (None, true) => {
                        if noflevels[ci] != 2 {
                            return Err(err(offset, msg!("qca-dir-exp-multi-value", name = name)));
                        }
                        vec![0]
                    }
                    (Some(lv), false) => lv,
                    (Some(lv), true) => (0..noflevels[ci]).filter(|l| !lv.contains(l)).collect(),
                };
                if let Some(l) = levels.iter().find(|l| **l >= noflevels[ci]) {
                    return Err(err(
                        offset,
                        msg!(
                            "qca-dir-exp-level-out-of-range",
                            name = name,
                            max = noflevels[ci] - 1,
                            level = *l
                        ),
                    ));
                }
                let mut next = Vec::new();
                for row in &partial {
                    if row[ci] != 0 {
                        return Err(err(
                            offset,
                            msg!("qca-dir-exp-twice", name = name, item = *item),
                        ));
                    }
                    for l in &levels {
                        let mut r = row.clone();
                        r[ci] = l + 1;
                        next.push(r);
                    }
                }
                partial = next;
                offset += literal.len() + 1;
            }
            rows.extend(partial);
        }
        Ok(DirectionalExpectations { rows })
    }

    /// The expectations, one row each (implicant form).
    pub fn rows(&self) -> &[Vec<u8>] {
        &self.rows
    }

    fn simple(&self) -> impl Iterator<Item = &Vec<u8>> {
        self.rows
            .iter()
            .filter(|r| r.iter().filter(|v| **v > 0).count() == 1)
    }

    fn conjunctural(&self) -> impl Iterator<Item = &Vec<u8>> {
        self.rows
            .iter()
            .filter(|r| r.iter().filter(|v| **v > 0).count() > 1)
    }

    /// The intermediate term R derives from conservative term `comp` and a parsimonious term
    /// `pars` that subsumes it.
    fn intermediate_term(&self, comp: &[u8], pars: &[u8]) -> Vec<u8> {
        let k = comp.len();
        // Conditions in the conservative term that the parsimonious term dropped.
        let dropped: Vec<bool> = (0..k).map(|c| comp[c] > 0 && pars[c] == 0).collect();
        let mut res = comp.to_vec();
        let has_simple = self.simple().next().is_some();
        if has_simple {
            for c in 0..k {
                if !dropped[c] {
                    continue;
                }
                let expected: Vec<u8> = self.simple().map(|r| r[c]).filter(|v| *v > 0).collect();
                if !expected.is_empty() && !expected.contains(&comp[c]) {
                    res[c] = 0;
                }
            }
        }
        for row in self.conjunctural() {
            // R resets the term for every conjunctural expectation (see the module docs).
            res = comp.to_vec();
            let all_as_expected = (0..k)
                .filter(|&c| dropped[c] && row[c] > 0)
                .all(|c| row[c] == comp[c]);
            if !all_as_expected {
                for c in 0..k {
                    if dropped[c] && row[c] > 0 {
                        res[c] = 0;
                    }
                }
            }
        }
        res
    }
}

/// Splits on commas outside brackets, keeping each item's 1-based start position.
fn split_top_level(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, ch) in text.char_indices() {
        match ch {
            '[' | '{' | '(' => depth += 1,
            ']' | '}' | ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push((start, &text[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push((start, &text[start..]));
    out.into_iter()
        .map(|(s, item)| {
            let lead = item.len() - item.trim_start().len();
            (s + lead + 1, item.trim())
        })
        .collect()
}

fn subsumes(pars: &[u8], comp: &[u8]) -> bool {
    pars.iter().zip(comp).all(|(p, c)| *p == 0 || p == c)
}

/// Derives the intermediate solutions for every conservative × parsimonious pair.
///
/// The counterfactuals are computed as cubes: the easy ones are the configurations the
/// intermediate terms cover that are not positive rows (each intermediate term lies inside
/// a parsimonious term, so these are simplifying assumptions of the parsimonious model);
/// the difficult ones are the parsimonious model's terms minus the intermediate terms and
/// the positive rows. A pair whose easy counterfactuals cannot be listed as don't cares
/// (more than [`MAX_LISTED_CONFIGURATIONS`]), or not counted within the budget, is left out
/// with a warning: the other pairs and solutions still stand.
/// Prime implicants up to which an intermediate solution's are found by consensus.
const CONSENSUS_MAX_PRIMES: usize = 5_000;

pub(crate) fn solve(
    ctx: &Context<'_>,
    conservative: &Solved,
    parsimonious: &Solved,
    de: &DirectionalExpectations,
    warnings: &mut Vec<Msg>,
) -> Result<Vec<IntermediateSolution>, QcaError> {
    let mut out = Vec::new();
    for (ci, cmodel) in conservative.model_indices.iter().enumerate() {
        for (pi, pmodel) in parsimonious.model_indices.iter().enumerate() {
            let from = format!("C{}P{}", ci + 1, pi + 1);
            if de.rows.is_empty() {
                // No expectation at all: R returns the conservative model itself.
                let (primes, essential) =
                    primes_and_essential(std::slice::from_ref(cmodel), &conservative.names);
                out.push(IntermediateSolution {
                    from,
                    models: vec![conservative.models[ci].clone()],
                    primes,
                    essential,
                    complete: true,
                    easy_counterfactuals: Assumptions {
                        rows: Some(Vec::new()),
                        ..Assumptions::default()
                    },
                    difficult_counterfactuals: Assumptions {
                        rows: Some(Vec::new()),
                        ..Assumptions::default()
                    },
                });
                continue;
            }
            let pars_terms: Vec<Vec<u8>> = pmodel
                .iter()
                .map(|&p| parsimonious.primes[p].0.clone())
                .collect();
            // R's intermediate terms: each conservative term with each parsimonious term
            // that subsumes it, literals removed as the expectations allow.
            let mut easy_terms: Vec<Vec<u8>> = Vec::new();
            for &c in cmodel {
                let comp = &conservative.primes[c].0;
                for pars in &pars_terms {
                    if !subsumes(pars, comp) {
                        continue;
                    }
                    let res = de.intermediate_term(comp, pars);
                    if !easy_terms.contains(&res) {
                        easy_terms.push(res);
                    }
                }
            }
            let counted = ctx.assumptions(&easy_terms, &[], &from).and_then(|easy| {
                let difficult = ctx.assumptions(&pars_terms, &easy_terms, &from)?;
                Ok((easy, difficult))
            });
            let (easy, difficult) = match counted {
                Ok(pair) => pair,
                Err(e) => {
                    warnings.push(e.msg());
                    continue;
                }
            };
            // Crisp conditions: the prime implicants of the positive rows and the easy
            // counterfactuals straight from the terms (iterated consensus), without listing
            // the counterfactuals: at 20 conditions they were 16,096 configurations per
            // pair and 8 s of merging each.
            let mut cubes: Vec<Vec<u8>> = ctx
                .on
                .iter()
                .map(|c| c.iter().map(|v| v + 1).collect())
                .collect();
            cubes.extend(easy_terms.iter().cloned());
            let intermediate = crate::minimize::SolutionType::Intermediate;
            let solved = if let Some(mut primes) =
                boolean::primes_by_consensus(ctx.tt.noflevels(), &cubes, CONSENSUS_MAX_PRIMES)
            {
                primes.retain(|p| ctx.on.iter().any(|c| p.covers(c)));
                ctx.solve_with_primes(primes, intermediate, warnings)?
            } else {
                // Otherwise the intermediate minimization needs its don't cares listed.
                let easy_rows = match &easy.rows {
                    Some(rows) => Some(rows.clone()),
                    None if easy.count <= MAX_LISTED_CONFIGURATIONS => {
                        let mut budget = cubes::Budget::default();
                        match ctx.list(&easy_terms, &[], MAX_LISTED_CONFIGURATIONS, &mut budget) {
                            Ok(rows) => rows,
                            Err(e) => {
                                warnings.push(assumptions_budget(&from, e).msg());
                                continue;
                            }
                        }
                    }
                    None => None,
                };
                let Some(easy_rows) = easy_rows else {
                    warnings.push(msg!(
                        "qca-intermediate-too-many-easy",
                        from = &from,
                        count = easy.count,
                        max = MAX_LISTED_CONFIGURATIONS
                    ));
                    continue;
                };
                let tt = ctx.tt;
                let easy_configs: Vec<Vec<u8>> =
                    easy_rows.iter().map(|n| tt.row_values(*n)).collect();
                ctx.solve(DontCare::Listed(easy_configs), intermediate, warnings)?
            };
            let (primes, essential) = primes_and_essential(&solved.model_indices, &solved.names);
            out.push(IntermediateSolution {
                from,
                models: solved.models,
                primes,
                essential,
                complete: solved.complete,
                easy_counterfactuals: easy,
                difficult_counterfactuals: difficult,
            });
        }
    }
    Ok(out)
}
