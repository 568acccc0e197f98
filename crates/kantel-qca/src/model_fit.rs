//! Fit of a minimization's models against a theory, as R's `QCA::modelFit()` (Ragin's
//! theory evaluation): for every model, the intersections model·theory, model·~theory,
//! ~model·theory and ~model·~theory, and the sufficiency fit (inclS, PRI, covS) of each
//! term, the model, the theory and the four intersections.
//!
//! As in R, the negations are minimal sums of products, and an intersection is the product
//! of two sums of products expanded, with contradictory terms (`A*~A`) dropped and terms
//! absorbed by a shorter term removed, but not further minimized (R prints
//! `DEV*URB*STB + DEV*~URB*~IND*STB`, not `DEV*URB*STB + DEV*~IND*STB`). Memberships are then
//! computed from these expressions, so with fuzzy sets they are R's numbers, which can differ
//! from 1 − X or min(X, T).

use kantel_i18n::msg;
use serde::{Deserialize, Serialize};

use crate::expr::Expression;
use crate::fit;
use crate::minimize::{Minimization, Model};
use crate::{ColumnKind, QcaError, SetData};

/// The four intersections of a model and a theory; `None` is the empty set (R prints `-`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Intersections {
    /// `model*theory`.
    pub model_theory: Option<String>,
    /// `model*~theory`.
    pub model_not_theory: Option<String>,
    /// `~model*theory`.
    pub not_model_theory: Option<String>,
    /// `~model*~theory`.
    pub not_model_not_theory: Option<String>,
}

/// Sufficiency fit of one set in the table of `modelFit()`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FitRow {
    /// Row name: a term, `model`, `theory`, `model*theory`, `model*~theory`,
    /// `~model*theory` or `~model*~theory`.
    pub name: String,
    /// inclS (NaN for an empty set).
    #[serde(rename = "inclS")]
    pub incl: f64,
    /// PRI (NaN for an empty set).
    #[serde(rename = "PRI")]
    pub pri: f64,
    /// covS (NaN for an empty set, as R sets it to `NA`).
    #[serde(rename = "covS")]
    pub cov: f64,
    /// Membership of every case.
    pub membership: Vec<f64>,
}

/// `modelFit()` for one model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TheoryFit {
    /// R's name: `M` (or `M1`, `M2`, ...) and, for intermediate solutions, `-C1P1` etc.
    pub model_name: String,
    /// The model in R notation.
    pub model: String,
    /// The theory as given.
    pub theory: String,
    /// The four intersections.
    pub intersections: Intersections,
    /// Fit of the terms, the model, the theory and the intersections, in R's row order.
    pub rows: Vec<FitRow>,
    /// The cases in each intersection (membership above 0.5), split by the outcome, as
    /// SetMethods' `cases.theory.evaluation()`; in the order of [`Intersections`].
    #[serde(default)]
    pub cases: Vec<IntersectionCases>,
}

/// The cases of one intersection (membership above 0.5 in it), by their outcome membership.
///
/// SetMethods' names: with the outcome (Y > 0.5) the cases of `model*theory` are "covered
/// most likely", of `model*~theory` "covered least likely", of `~model*theory` "uncovered
/// most likely", of `~model*~theory` "uncovered least likely"; without it (Y < 0.5)
/// "inconsistent most likely", "inconsistent least likely", "consistent most likely" and
/// "consistent least likely".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IntersectionCases {
    /// `model*theory`, `model*~theory`, `~model*theory` or `~model*~theory`.
    pub intersection: String,
    /// Cases with outcome membership above 0.5, in case order.
    pub outcome: Vec<String>,
    /// Cases with outcome membership below 0.5.
    pub not_outcome: Vec<String>,
    /// Cases with outcome membership exactly 0.5 (SetMethods lists them in neither).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcome_half: Vec<String>,
}

/// The four intersections' cases from their memberships (`rows` as in [`TheoryFit`]).
fn intersection_cases(rows: &[FitRow], y: &[f64], names: &[String]) -> Vec<IntersectionCases> {
    const NAMES: [&str; 4] = [
        "model*theory",
        "model*~theory",
        "~model*theory",
        "~model*~theory",
    ];
    NAMES
        .iter()
        .filter_map(|name| rows.iter().find(|r| r.name == *name))
        .map(|r| {
            let mut c = IntersectionCases {
                intersection: r.name.clone(),
                outcome: Vec::new(),
                not_outcome: Vec::new(),
                outcome_half: Vec::new(),
            };
            for (k, (&m, &yk)) in r.membership.iter().zip(y).enumerate() {
                if m <= 0.5 {
                    continue;
                }
                let list = if yk > 0.5 {
                    &mut c.outcome
                } else if yk < 0.5 {
                    &mut c.not_outcome
                } else {
                    &mut c.outcome_half
                };
                list.push(names[k].clone());
            }
            c
        })
        .collect()
}

/// Evaluates every model of `minimization` (every model of every intermediate solution when
/// there are directional expectations; otherwise of the parsimonious solution when remainders
/// were included, else of the conservative one) against `theory`, an expression over the
/// conditions. `data` must be the data the minimization was made from.
pub fn model_fit(
    data: &SetData,
    minimization: &Minimization,
    theory: &str,
) -> Result<Vec<TheoryFit>, QcaError> {
    let theory_expr = Expression::parse(theory)?;
    let space = Space::new(data, &minimization.conditions)?;
    let theory_cubes = space.cubes(&theory_expr)?;
    let not_theory = space.cubes(&space.negate(&theory_expr)?)?;
    let y = minimization.truth_table.outcome.membership(data)?;
    let theory_membership = theory_expr.membership(data)?;

    let mut named: Vec<(String, &Model)> = Vec::new();
    if minimization.intermediate.is_empty() {
        let Some(sol) = minimization
            .parsimonious
            .as_ref()
            .or(minimization.conservative.as_ref())
        else {
            return Err(QcaError::Minimization(msg!("qca-robust-no-model")));
        };
        let single = sol.models.len() == 1;
        for (k, m) in sol.models.iter().enumerate() {
            let name = if single {
                "M".to_string()
            } else {
                format!("M{}", k + 1)
            };
            named.push((name, m));
        }
    } else {
        for isol in &minimization.intermediate {
            let single = isol.models.len() == 1;
            for (k, m) in isol.models.iter().enumerate() {
                let prefix = if single {
                    "M".to_string()
                } else {
                    format!("M{}", k + 1)
                };
                named.push((format!("{prefix}-{}", isol.from), m));
            }
        }
    }

    let mut out = Vec::with_capacity(named.len());
    for (model_name, model) in named {
        let model_expr = Expression::parse(&model.expression)?;
        let model_cubes = space.cubes(&model_expr)?;
        let not_model = space.cubes(&space.negate(&model_expr)?)?;
        let inter = |a: &[Cube], b: &[Cube]| space.print(&space.intersect(a, b));
        let intersections = Intersections {
            model_theory: inter(&model_cubes, &theory_cubes),
            model_not_theory: inter(&model_cubes, &not_theory),
            not_model_theory: inter(&not_model, &theory_cubes),
            not_model_not_theory: inter(&not_model, &not_theory),
        };
        let mut sets: Vec<(String, Vec<f64>)> = Vec::new();
        for t in &model.terms {
            sets.push((
                t.term.clone(),
                Expression::parse(&t.term)?.membership(data)?,
            ));
        }
        sets.push(("model".into(), model_expr.membership(data)?));
        sets.push(("theory".into(), theory_membership.clone()));
        for (name, e) in [
            ("model*theory", &intersections.model_theory),
            ("model*~theory", &intersections.model_not_theory),
            ("~model*theory", &intersections.not_model_theory),
            ("~model*~theory", &intersections.not_model_not_theory),
        ] {
            let m = match e {
                Some(text) => Expression::parse(text)?.membership(data)?,
                None => vec![0.0; data.n_cases()],
            };
            sets.push((name.into(), m));
        }
        let rows: Vec<FitRow> = sets
            .into_iter()
            .map(|(name, membership)| {
                let f = fit::sufficiency(&membership, &y);
                FitRow {
                    name,
                    incl: f.incl,
                    pri: f.pri,
                    cov: if f.incl.is_nan() { f64::NAN } else { f.cov },
                    membership,
                }
            })
            .collect();
        out.push(TheoryFit {
            model_name,
            model: model.expression.clone(),
            theory: theory.to_string(),
            intersections,
            cases: intersection_cases(&rows, &y, data.cases()),
            rows,
        });
    }
    Ok(out)
}

/// A product term as the allowed levels of each condition (`None`: not in the term).
type Cube = Vec<Option<Vec<u8>>>;

/// The conditions of the analysis with their numbers of levels.
struct Space {
    conditions: Vec<String>,
    noflevels: Vec<u8>,
    multi: Vec<bool>,
}

impl Space {
    fn new(data: &SetData, conditions: &[String]) -> Result<Space, QcaError> {
        let mut noflevels = Vec::with_capacity(conditions.len());
        let mut multi = Vec::with_capacity(conditions.len());
        for c in conditions {
            let kind = ColumnKind::detect(data.require(c)?);
            let levels = kind.levels().ok_or_else(|| {
                QcaError::Membership(msg!("qca-model-fit-raw-condition", name = c))
            })?;
            noflevels.push(levels);
            multi.push(matches!(kind, ColumnKind::MultiValue { .. }));
        }
        Ok(Space {
            conditions: conditions.to_vec(),
            noflevels,
            multi,
        })
    }

    fn levels_of(&self, name: &str) -> Option<u8> {
        let i = self.conditions.iter().position(|c| c == name)?;
        self.multi[i].then_some(self.noflevels[i])
    }

    /// The minimal sum of products of the negation (R's `negate`).
    fn negate(&self, e: &Expression) -> Result<Expression, QcaError> {
        for c in e.conditions() {
            if !self.conditions.contains(&c) {
                return Err(QcaError::UnknownColumn {
                    name: c,
                    known: self.conditions.join(", "),
                });
            }
        }
        e.negate_in(&self.conditions, &|n: &str| self.levels_of(n))
    }

    fn cubes(&self, e: &Expression) -> Result<Vec<Cube>, QcaError> {
        let mut out = Vec::with_capacity(e.terms.len());
        'terms: for term in &e.terms {
            let mut cube: Cube = vec![None; self.conditions.len()];
            for lit in &term.literals {
                let ci = self
                    .conditions
                    .iter()
                    .position(|c| *c == lit.condition)
                    .ok_or_else(|| QcaError::UnknownColumn {
                        name: lit.condition.clone(),
                        known: self.conditions.join(", "),
                    })?;
                let all: Vec<u8> = (0..self.noflevels[ci]).collect();
                let named: Vec<u8> = match &lit.levels {
                    None => vec![u8::from(!lit.negated)],
                    Some(ls) if lit.negated => {
                        all.iter().copied().filter(|l| !ls.contains(l)).collect()
                    }
                    Some(ls) => ls.clone(),
                };
                let now = cube[ci].take().unwrap_or(all);
                let kept: Vec<u8> = now.into_iter().filter(|l| named.contains(l)).collect();
                if kept.is_empty() {
                    continue 'terms;
                }
                // A literal that admits every level restricts nothing.
                cube[ci] = (kept.len() < usize::from(self.noflevels[ci])).then_some(kept);
            }
            out.push(cube);
        }
        Ok(out)
    }

    /// Product of two sums of products: contradictory terms dropped, duplicates and
    /// absorbed terms removed, terms in R's order.
    fn intersect(&self, a: &[Cube], b: &[Cube]) -> Vec<Cube> {
        let mut products: Vec<Cube> = Vec::new();
        for x in a {
            'pairs: for y in b {
                let mut c: Cube = Vec::with_capacity(x.len());
                for (p, q) in x.iter().zip(y) {
                    let v = match (p, q) {
                        (None, None) => None,
                        (Some(s), None) | (None, Some(s)) => Some(s.clone()),
                        (Some(s), Some(t)) => {
                            let k: Vec<u8> = s.iter().copied().filter(|l| t.contains(l)).collect();
                            if k.is_empty() {
                                continue 'pairs;
                            }
                            Some(k)
                        }
                    };
                    c.push(v);
                }
                products.push(c);
            }
        }
        let mut kept: Vec<Cube> = Vec::new();
        for (i, c) in products.iter().enumerate() {
            let absorbed = products
                .iter()
                .enumerate()
                .any(|(j, d)| j != i && contains(d, c) && (!contains(c, d) || j < i));
            if !absorbed {
                kept.push(c.clone());
            }
        }
        kept.sort_by_key(|c| {
            let literals = c.iter().filter(|v| v.is_some()).count();
            let key: Vec<(bool, u8)> = c
                .iter()
                .map(|v| match v {
                    None => (true, 0),
                    Some(ls) => (false, ls[0]),
                })
                .collect();
            (literals, key)
        });
        kept
    }

    fn print(&self, cubes: &[Cube]) -> Option<String> {
        if cubes.is_empty() {
            return None;
        }
        let terms: Vec<String> = cubes
            .iter()
            .map(|c| {
                let lits: Vec<String> = c
                    .iter()
                    .enumerate()
                    .filter_map(|(i, v)| {
                        let ls = v.as_ref()?;
                        let name = &self.conditions[i];
                        Some(if !self.multi[i] {
                            if ls[0] == 1 {
                                name.clone()
                            } else {
                                format!("~{name}")
                            }
                        } else {
                            let l: Vec<String> = ls.iter().map(|l| l.to_string()).collect();
                            format!("{name}[{}]", l.join(","))
                        })
                    })
                    .collect();
                if lits.is_empty() {
                    "1".to_string()
                } else {
                    lits.join("*")
                }
            })
            .collect();
        Some(terms.join(" + "))
    }
}

/// Whether cube `outer` contains cube `inner` (every configuration of `inner` is in `outer`).
fn contains(outer: &Cube, inner: &Cube) -> bool {
    outer.iter().zip(inner).all(|(o, i)| match (o, i) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(os), Some(is)) => is.iter().all(|l| os.contains(l)),
    })
}
