//! Parameters of fit, as R's `QCA::pof()` computes them.
//!
//! Every function takes membership vectors (one value per case, in [0, 1]) for a set X and
//! the outcome Y. All sums run over cases in data order. The formulas are written out, with
//! their R names, in `docs/fit.md`.
//!
//! An expression with an arrow (`A*B + C -> Y`, `A + B <- Y`; parsed by
//! [`crate::expr::Statement`]) names its relation and outcome: [`statements_outcome`]
//! reconciles that outcome with one given separately, [`relation_fit`] computes the one
//! relation.
//!
//! Two details follow R on purpose:
//! - A zero denominator gives NaN (R's `NaN`), e.g. inclS of a set with no members. This only
//!   happens when the numerator is zero as well, so there is never an infinity.
//! - R's `pof` replaces every value below `1e-5` by 0 ([`R_POF_FLOOR`]), which also removes the
//!   small negative rounding noise of covU. The functions here do the same, so that reports
//!   agree with R digit for digit.

use kantel_i18n::msg;
use serde::{Deserialize, Serialize};

use crate::QcaError;
use crate::expr::Statement;
use crate::necessity::{OutcomeSpec, Relation};

/// R's `pof()` sets every parameter below this value to 0 (`incl.cov[incl.cov < 0.00001] <- 0`).
pub const R_POF_FLOOR: f64 = 1e-5;

/// R's `pof()` uses this larger floor for the per-model fits of `minimize()` when it
/// receives a solution list (`incl.cov[incl.cov < 0.0001] <- 0`); see [`model_fit_with_floor`].
pub const R_MODEL_FLOOR: f64 = 1e-4;

/// Fit of X as a sufficient condition for Y.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SufficiencyFit {
    /// Consistency of sufficiency, R's `inclS`: Σmin(X,Y) / ΣX.
    pub incl: f64,
    /// Proportional reduction in inconsistency, R's `PRI`:
    /// (Σmin(X,Y) − Σmin(X,Y,1−Y)) / (ΣX − Σmin(X,Y,1−Y)).
    pub pri: f64,
    /// Coverage of sufficiency, R's `covS`: Σmin(X,Y) / ΣY.
    pub cov: f64,
}

/// Fit of X as a necessary condition for Y.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct NecessityFit {
    /// Consistency of necessity, R's `inclN`: Σmin(X,Y) / ΣY.
    pub incl: f64,
    /// Relevance of necessity, R's `RoN`: Σ(1−X) / Σ(1−min(X,Y)).
    pub ron: f64,
    /// Coverage of necessity, R's `covN`: Σmin(X,Y) / ΣX.
    pub cov: f64,
}

/// Fit of one term of a sum of products, as a sufficient condition.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TermFit {
    /// R's `inclS` of the term.
    pub incl: f64,
    /// R's `PRI` of the term.
    pub pri: f64,
    /// R's `covS` of the term (raw coverage).
    pub cov: f64,
    /// R's `covU`: the part of the outcome covered by this term and by no other term of the
    /// model, (Σmin(Xᵢ,Y) − Σmin(Xᵢ,Y,maxⱼ≠ᵢ min(Xⱼ,Y))) / ΣY. NaN for a model with a single
    /// term, where R reports `NA`.
    pub cov_u: f64,
}

/// Fit of a sum of products (a model, or "solution") as a sufficient condition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelFit {
    /// One entry per term, in the order given.
    pub terms: Vec<TermFit>,
    /// R's `inclS` of the whole model (the union of its terms).
    pub incl: f64,
    /// R's `PRI` of the whole model.
    pub pri: f64,
    /// R's `covS` of the whole model.
    pub cov: f64,
}

/// Fit of a disjunction as a necessary condition: each disjunct and the whole expression, as
/// R's `pof("A + B <- Y")` reports them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NecessityModelFit {
    /// One entry per disjunct, in the order given.
    pub terms: Vec<NecessityFit>,
    /// The fit of the union of the disjuncts.
    pub expression: NecessityFit,
}

/// Both relations for one set, as `pof()` gives them for an expression.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExpressionFit {
    /// The set as a sufficient condition for the outcome.
    pub sufficiency: SufficiencyFit,
    /// The set as a necessary condition for the outcome.
    pub necessity: NecessityFit,
}

/// The sums every parameter is built from.
struct Sums {
    x: f64,
    y: f64,
    /// Σmin(X,Y)
    xy: f64,
    /// Σmin(X,Y,1−Y)
    xy_not_y: f64,
    /// Σ(1−X)
    not_x: f64,
    /// Σ(1−min(X,Y))
    not_xy: f64,
}

fn sums(x: &[f64], y: &[f64]) -> Sums {
    assert_eq!(
        x.len(),
        y.len(),
        "membership vectors of different lengths ({} and {})",
        x.len(),
        y.len()
    );
    let mut s = Sums {
        x: 0.0,
        y: 0.0,
        xy: 0.0,
        xy_not_y: 0.0,
        not_x: 0.0,
        not_xy: 0.0,
    };
    for (&xi, &yi) in x.iter().zip(y) {
        let m = xi.min(yi);
        s.x += xi;
        s.y += yi;
        s.xy += m;
        s.xy_not_y += m.min(1.0 - yi);
        s.not_x += 1.0 - xi;
        s.not_xy += 1.0 - m;
    }
    s
}

/// Applies R's reporting floor: values below `floor` become 0; NaN stays NaN.
fn floored(value: f64, floor: f64) -> f64 {
    if value < floor { 0.0 } else { value }
}

/// Sufficiency of X for Y: inclS, PRI and covS.
///
/// # Panics
/// If `x` and `y` differ in length (vectors built from one [`crate::SetData`] never do).
pub fn sufficiency(x: &[f64], y: &[f64]) -> SufficiencyFit {
    let s = sums(x, y);
    SufficiencyFit {
        incl: floored(s.xy / s.x, R_POF_FLOOR),
        pri: floored((s.xy - s.xy_not_y) / (s.x - s.xy_not_y), R_POF_FLOOR),
        cov: floored(s.xy / s.y, R_POF_FLOOR),
    }
}

/// Necessity of X for Y: inclN, RoN and covN.
///
/// # Panics
/// If `x` and `y` differ in length.
pub fn necessity(x: &[f64], y: &[f64]) -> NecessityFit {
    let s = sums(x, y);
    NecessityFit {
        incl: floored(s.xy / s.y, R_POF_FLOOR),
        ron: floored(s.not_x / s.not_xy, R_POF_FLOOR),
        cov: floored(s.xy / s.x, R_POF_FLOOR),
    }
}

/// Both relations for one set (an expression already evaluated per case).
///
/// # Panics
/// If `expr_membership` and `y` differ in length.
pub fn pof_expression(expr_membership: &[f64], y: &[f64]) -> ExpressionFit {
    ExpressionFit {
        sufficiency: sufficiency(expr_membership, y),
        necessity: necessity(expr_membership, y),
    }
}

/// The union (fuzzy OR, per-case maximum) of several membership vectors; all zeros for none.
///
/// # Panics
/// If the vectors differ in length from `n_cases`.
pub fn union<T: AsRef<[f64]>>(memberships: &[T], n_cases: usize) -> Vec<f64> {
    let mut out = vec![0.0_f64; n_cases];
    for m in memberships {
        let m = m.as_ref();
        assert_eq!(
            m.len(),
            n_cases,
            "membership vector of length {} for {n_cases} cases",
            m.len()
        );
        for (o, &v) in out.iter_mut().zip(m) {
            *o = (*o).max(v);
        }
    }
    out
}

/// Fit of a sum of products given each term's membership vector: per term inclS, PRI, covS
/// and covU (unique coverage within this model, as R computes it), and the model's inclS,
/// PRI and covS. Values below [`R_POF_FLOOR`] are reported as 0, as `pof()` does.
///
/// # Panics
/// If a term's vector differs in length from `y`.
pub fn model_fit<T: AsRef<[f64]>>(term_memberships: &[T], y: &[f64]) -> ModelFit {
    model_fit_with_floor(term_memberships, y, R_POF_FLOOR)
}

/// [`model_fit`] with a chosen reporting floor. R's `minimize()` reports the fit of each model
/// of a multi-model solution with [`R_MODEL_FLOOR`]; pass 0 to get unrounded values.
///
/// # Panics
/// If a term's vector differs in length from `y`.
pub fn model_fit_with_floor<T: AsRef<[f64]>>(
    term_memberships: &[T],
    y: &[f64],
    floor: f64,
) -> ModelFit {
    let n = y.len();
    let sum_y: f64 = y.iter().sum();
    // min(Xᵢ, Y) per term: unique coverage compares these, not the raw memberships.
    let covered: Vec<Vec<f64>> = term_memberships
        .iter()
        .map(|x| {
            let x = x.as_ref();
            assert_eq!(
                x.len(),
                n,
                "term membership of length {} for {n} cases",
                x.len()
            );
            x.iter().zip(y).map(|(a, b)| a.min(*b)).collect()
        })
        .collect();
    let single = term_memberships.len() == 1;
    // Per case, the largest and second-largest coverage over the terms: the union of all
    // terms but i is the largest unless i holds it, then the second (O(terms × cases)).
    let mut best = vec![(0.0_f64, usize::MAX, 0.0_f64); n];
    for (j, c) in covered.iter().enumerate() {
        for (r, &v) in c.iter().enumerate() {
            let (m1, arg, m2) = &mut best[r];
            if *arg == usize::MAX || v > *m1 {
                *m2 = *m1;
                *m1 = v;
                *arg = j;
            } else if v > *m2 {
                *m2 = v;
            }
        }
    }
    let terms = term_memberships
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let x = x.as_ref();
            let s = sums(x, y);
            let cov_u = if single {
                f64::NAN
            } else {
                // Overlap of this term's coverage with the union of the others' coverage;
                // covU = covS − overlap / ΣY equals cov(model) − cov(model without term i).
                let overlap: f64 = (0..n)
                    .map(|r| {
                        let (m1, arg, m2) = best[r];
                        let others = if arg == i { m2 } else { m1 };
                        covered[i][r].min(others)
                    })
                    .sum();
                floored(s.xy / sum_y - overlap / sum_y, floor)
            };
            TermFit {
                incl: floored(s.xy / s.x, floor),
                pri: floored((s.xy - s.xy_not_y) / (s.x - s.xy_not_y), floor),
                cov: floored(s.xy / s.y, floor),
                cov_u,
            }
        })
        .collect();
    let whole = union(term_memberships, n);
    let s = sums(&whole, y);
    ModelFit {
        terms,
        incl: floored(s.xy / s.x, floor),
        pri: floored((s.xy - s.xy_not_y) / (s.x - s.xy_not_y), floor),
        cov: floored(s.xy / s.y, floor),
    }
}

/// A membership vector stored by its nonzero entries: `(case, membership)` in ascending case
/// order. A term of crisp data is nonzero only in the cases of the rows it covers, so a model
/// of thousands of terms over 10,000 cases costs its entries, not terms x cases.
pub type SparseMembership = [(u32, f64)];

/// [`model_fit`] from sparse memberships of `y.len()` cases, equal to it to the last bit:
/// a zero membership adds exactly nothing to any sum, and the nonzero ones are added in the
/// same (case) order.
///
/// # Panics
/// If an entry names a case beyond `y`.
pub fn model_fit_sparse(term_memberships: &[&SparseMembership], y: &[f64]) -> ModelFit {
    let floor = R_POF_FLOOR;
    let n = y.len();
    let sum_y: f64 = y.iter().sum();
    let single = term_memberships.len() == 1;
    // Per case, the largest and second-largest coverage min(Xi, Y) over the terms, as in
    // model_fit_with_floor (a case no term touches is never read).
    let mut best = vec![(0.0_f64, usize::MAX, 0.0_f64); n];
    let mut whole = vec![0.0_f64; n];
    let mut touched: Vec<u32> = Vec::new();
    for (j, x) in term_memberships.iter().enumerate() {
        for &(c, v) in x.iter() {
            let r = c as usize;
            let v_cov = v.min(y[r]);
            let (m1, arg, m2) = &mut best[r];
            if *arg == usize::MAX {
                touched.push(c);
            }
            if *arg == usize::MAX || v_cov > *m1 {
                *m2 = *m1;
                *m1 = v_cov;
                *arg = j;
            } else if v_cov > *m2 {
                *m2 = v_cov;
            }
            whole[r] = whole[r].max(v);
        }
    }
    let terms = term_memberships
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let (mut sx, mut sxy, mut sxy_not_y) = (0.0, 0.0, 0.0);
            let mut overlap = 0.0;
            for &(c, xi) in x.iter() {
                let yi = y[c as usize];
                let m = xi.min(yi);
                sx += xi;
                sxy += m;
                sxy_not_y += m.min(1.0 - yi);
                if !single {
                    let (m1, arg, m2) = best[c as usize];
                    let others = if arg == i { m2 } else { m1 };
                    overlap += m.min(others);
                }
            }
            TermFit {
                incl: floored(sxy / sx, floor),
                pri: floored((sxy - sxy_not_y) / (sx - sxy_not_y), floor),
                cov: floored(sxy / sum_y, floor),
                cov_u: if single {
                    f64::NAN
                } else {
                    floored(sxy / sum_y - overlap / sum_y, floor)
                },
            }
        })
        .collect();
    touched.sort_unstable();
    let (mut sx, mut sxy, mut sxy_not_y) = (0.0, 0.0, 0.0);
    for &c in &touched {
        let (xi, yi) = (whole[c as usize], y[c as usize]);
        let m = xi.min(yi);
        sx += xi;
        sxy += m;
        sxy_not_y += m.min(1.0 - yi);
    }
    ModelFit {
        terms,
        incl: floored(sxy / sx, floor),
        pri: floored((sxy - sxy_not_y) / (sx - sxy_not_y), floor),
        cov: floored(sxy / sum_y, floor),
    }
}

/// Fit of a disjunction `X₁ + X₂ + …` as a necessary condition: each disjunct and the whole
/// expression (per-case maximum), as `pof("X1 + X2 <- Y")` reports them.
///
/// # Panics
/// If a vector differs in length from `y`.
pub fn necessity_model_fit(term_memberships: &[Vec<f64>], y: &[f64]) -> NecessityModelFit {
    let terms = term_memberships.iter().map(|x| necessity(x, y)).collect();
    let whole = union(term_memberships, y.len());
    NecessityModelFit {
        terms,
        expression: necessity(&whole, y),
    }
}

// ---------------------------------------------------------------------------------------
// Expressions with an arrow: R's `pof("A*B + C -> Y", data)` and `pof("A + B <- Y", data)`
// ---------------------------------------------------------------------------------------

/// The fit of an expression in the relation its arrow names, as `pof()` reports it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationFit {
    /// `->`: inclS, PRI, covS and covU of each term, and inclS, PRI, covS of the whole.
    Sufficiency(ModelFit),
    /// `<-`: inclN, RoN, covN of each disjunct and of the whole.
    Necessity(NecessityModelFit),
}

/// `pof()` for one relation, given each term's membership vector (the terms of the
/// expression's sum of products).
///
/// # Panics
/// If a term's vector differs in length from `y`.
pub fn relation_fit(relation: Relation, term_memberships: &[Vec<f64>], y: &[f64]) -> RelationFit {
    match relation {
        Relation::Sufficiency => RelationFit::Sufficiency(model_fit(term_memberships, y)),
        Relation::Necessity => RelationFit::Necessity(necessity_model_fit(term_memberships, y)),
    }
}

/// The same set of the same column: `Y[1,2]` and `Y{2,1}` are one outcome.
fn same_outcome(a: &OutcomeSpec, b: &OutcomeSpec) -> bool {
    let levels = |o: &OutcomeSpec| {
        let mut l = o.levels.clone();
        l.sort_unstable();
        l.dedup();
        l
    };
    a.name == b.name && a.negated == b.negated && levels(a) == levels(b)
}

/// The outcome of a fit: the one written after the statements' arrows, or `given` (the
/// user's `--outcome`), which must then be the same. Statements without an arrow take
/// the outcome from elsewhere, so at least one of the two must name it.
pub fn statements_outcome(
    statements: &[Statement],
    given: Option<&str>,
) -> Result<OutcomeSpec, QcaError> {
    let given = given.map(OutcomeSpec::parse).transpose()?;
    let mut named: Option<(&OutcomeSpec, &Statement)> = None;
    for s in statements {
        let Some(arrow) = &s.arrow else { continue };
        match named {
            Some((first, first_statement)) if !same_outcome(first, &arrow.outcome) => {
                return Err(QcaError::Settings(msg!(
                    "qca-fit-outcomes-differ",
                    first = first.to_string(),
                    first_expression = first_statement.to_string(),
                    second = arrow.outcome.to_string(),
                    second_expression = s.to_string()
                )));
            }
            Some(_) => {}
            None => named = Some((&arrow.outcome, s)),
        }
    }
    match (given, named) {
        (Some(g), Some((a, s))) if !same_outcome(&g, a) => Err(QcaError::Settings(msg!(
            "qca-fit-outcome-conflict",
            given = g.to_string(),
            arrow = a.to_string(),
            expression = s.to_string()
        ))),
        (Some(g), _) => Ok(g),
        (None, Some((a, _))) => Ok(a.clone()),
        (None, None) => Err(QcaError::Settings(msg!("qca-fit-no-outcome"))),
    }
}
