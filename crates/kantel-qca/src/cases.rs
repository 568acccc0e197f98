//! Case selection for follow-up: set-theoretic multi-method research (Schneider & Rohlfing
//! 2013, 2016), as SetMethods 4.1 (Oana & Schneider) does it with `smmr()` and its helpers,
//! and the diagnostics of pooled panel data of SetMethods' `cluster()`.
//!
//! For a sufficient solution (a sum of terms) and an outcome, every case gets a type per term
//! and for the whole solution, from its membership X in the term (or solution) and Y in the
//! outcome:
//!
//! | type | rule | SetMethods |
//! |---|---|---|
//! | typical | X > 0.5, Y > 0.5, X ≤ Y | `cases.suf.typ` |
//! | deviant consistency in degree | X > 0.5, Y > 0.5, X > Y | (pimplot) |
//! | deviant consistency in kind | X > 0.5, Y < 0.5 | `cases.suf.dcn` |
//! | deviant coverage | X < 0.5, Y > 0.5 | `cases.suf.dcv` |
//! | individually irrelevant | X < 0.5, Y < 0.5 | `cases.suf.iir` |
//! | on the crossover | X = 0.5 or Y = 0.5 | (no type: every filter of SetMethods leaves it out) |
//!
//! Rankings are SetMethods' ("Best": lower is better), with the same formulas; where R's
//! order leaves ties (or follows a data frame's row names after `merge`), the order here is
//! the order of the cases in the data. Pairs for comparison are `smmr(match = TRUE)`'s
//! six sufficiency pair types: per focal conjunct (cases 1 and 2, `matches.suf.typtyp`,
//! `matches.suf.typiir`, with `cases.suf.typ.fct`) for every term, and cases 3 to 6
//! (`matches.suf.typdcn`, `matches.suf.dcviir`, `matches.suf.typtypnfc`,
//! `matches.suf.typiirnfc`); each list is capped at `max_pairs` and counts the pairs that
//! exist. The necessity side of `smmr` is not implemented.
//!
//! Costs: classification and rankings are linear in cases × terms (× literals for the focal
//! conjuncts); the pair lists look at every candidate pair once (at most cases² / 4 per term
//! and conjunct for typical × IIR, cases² / 2 for typical × typical) and keep only the best
//! `max_pairs` (memory bounded by the cap).

use std::cmp::Ordering;
use std::collections::BTreeMap;

use kantel_i18n::msg;
use serde::{Deserialize, Serialize};

use crate::expr::Expression;
use crate::minimize::{Minimization, Model};
use crate::truth_table::Outcome;
use crate::{ColumnKind, QcaError, SetData};

/// Default cap of each pair list (SetMethods' `max_pairs = 5`).
pub const DEFAULT_MAX_PAIRS: usize = 5;

/// The type of a case for a sufficient term or solution (X) and the outcome (Y).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseType {
    /// X > 0.5, Y > 0.5, X ≤ Y.
    Typical,
    /// X > 0.5, Y > 0.5, X > Y: in the right corner, above the diagonal.
    DeviantConsistencyDegree,
    /// X > 0.5, Y < 0.5: the case contradicts sufficiency.
    DeviantConsistencyKind,
    /// X < 0.5, Y > 0.5: the outcome without the term (solution).
    DeviantCoverage,
    /// X < 0.5, Y < 0.5.
    IndividuallyIrrelevant,
    /// X = 0.5 or Y = 0.5: neither in nor out; SetMethods gives it no type.
    Crossover,
}

impl CaseType {
    /// All types, in the order of this enum (the order of text output and counts).
    pub const ALL: [CaseType; 6] = [
        CaseType::Typical,
        CaseType::DeviantConsistencyDegree,
        CaseType::DeviantConsistencyKind,
        CaseType::DeviantCoverage,
        CaseType::IndividuallyIrrelevant,
        CaseType::Crossover,
    ];

    /// The snake_case name used in JSON.
    pub fn id(self) -> &'static str {
        match self {
            CaseType::Typical => "typical",
            CaseType::DeviantConsistencyDegree => "deviant_consistency_degree",
            CaseType::DeviantConsistencyKind => "deviant_consistency_kind",
            CaseType::DeviantCoverage => "deviant_coverage",
            CaseType::IndividuallyIrrelevant => "individually_irrelevant",
            CaseType::Crossover => "crossover",
        }
    }
}

/// The type of a case with membership `x` in a sufficient term or solution and `y` in the
/// outcome (the rules of SetMethods' `cases.suf.*`, compared exactly as R does).
pub fn classify(x: f64, y: f64) -> CaseType {
    if x > 0.5 && y > 0.5 {
        if x <= y {
            CaseType::Typical
        } else {
            CaseType::DeviantConsistencyDegree
        }
    } else if x > 0.5 && y < 0.5 {
        CaseType::DeviantConsistencyKind
    } else if x < 0.5 && y > 0.5 {
        CaseType::DeviantCoverage
    } else if x < 0.5 && y < 0.5 {
        CaseType::IndividuallyIrrelevant
    } else {
        CaseType::Crossover
    }
}

/// A case with its memberships.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseRef {
    /// Case name.
    pub case: String,
    /// 0-based position in the data.
    pub index: usize,
    /// Membership in the term (or solution).
    pub x: f64,
    /// Membership in the outcome.
    pub y: f64,
}

/// A typical case with SetMethods' ranking (`cases.suf.typ`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TypicalCase {
    /// The case.
    #[serde(flatten)]
    pub case: CaseRef,
    /// SetMethods' "Best": 2·(Y − X) + (1 − X); lower is more typical (close to the
    /// diagonal and high in the term).
    pub best: f64,
    /// The lowest `best` of this term's typical cases (all ties are most typical).
    pub most_typical: bool,
    /// SetMethods' `UniqCov`: typical for exactly one term of the solution.
    pub uniquely_covered: bool,
}

/// A deviant case consistency in kind with SetMethods' ranking (`cases.suf.dcn`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeviantCase {
    /// The case.
    #[serde(flatten)]
    pub case: CaseRef,
    /// SetMethods' "Best": 1 − (X − Y) + (1 − X); lower is more deviant (far above the
    /// diagonal and high in the term).
    pub best: f64,
    /// The lowest `best` of this term (all ties).
    pub most_deviant: bool,
}

/// A case of the solution with its truth-table row (`cases.suf.dcv`, `cases.suf.iir`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RowCase {
    /// The case; `x` is the membership in the solution.
    #[serde(flatten)]
    pub case: CaseRef,
    /// The truth-table row the case belongs to: per condition 1 (membership above 0.5),
    /// 0 (below) or 0.5; the level of a multi-value condition.
    pub row: Vec<f64>,
    /// Membership in that row (the minimum over the conditions of the membership in the
    /// condition or its negation, whichever is at least 0.5; 1 for crisp and multi-value).
    pub row_membership: f64,
    /// Deviant coverage only: SetMethods' "Best", 1 − row membership.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub best: Option<f64>,
    /// Deviant coverage only: the lowest `best` in its truth-table row (`MostDevCov`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub most_deviant: Option<bool>,
    /// Deviant coverage only: row membership ≤ Y (`ConsTT`), the row is consistent for
    /// this case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consistent_row: Option<bool>,
}

/// Number of cases of each type.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeCounts {
    /// Typical cases.
    pub typical: usize,
    /// Deviant consistency in degree.
    pub deviant_consistency_degree: usize,
    /// Deviant consistency in kind.
    pub deviant_consistency_kind: usize,
    /// Deviant coverage.
    pub deviant_coverage: usize,
    /// Individually irrelevant.
    pub individually_irrelevant: usize,
    /// On the crossover (X or Y exactly 0.5).
    pub crossover: usize,
}

impl TypeCounts {
    /// The count of one type.
    pub fn get(&self, t: CaseType) -> usize {
        match t {
            CaseType::Typical => self.typical,
            CaseType::DeviantConsistencyDegree => self.deviant_consistency_degree,
            CaseType::DeviantConsistencyKind => self.deviant_consistency_kind,
            CaseType::DeviantCoverage => self.deviant_coverage,
            CaseType::IndividuallyIrrelevant => self.individually_irrelevant,
            CaseType::Crossover => self.crossover,
        }
    }

    fn add(&mut self, t: CaseType) {
        let c = match t {
            CaseType::Typical => &mut self.typical,
            CaseType::DeviantConsistencyDegree => &mut self.deviant_consistency_degree,
            CaseType::DeviantConsistencyKind => &mut self.deviant_consistency_kind,
            CaseType::DeviantCoverage => &mut self.deviant_coverage,
            CaseType::IndividuallyIrrelevant => &mut self.individually_irrelevant,
            CaseType::Crossover => &mut self.crossover,
        };
        *c += 1;
    }
}

/// The cases of one term (or of the whole solution), by type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetCases {
    /// The term in R notation, or the solution.
    pub name: String,
    /// Membership of every case (data order).
    pub membership: Vec<f64>,
    /// Type of every case (data order).
    pub types: Vec<CaseType>,
    /// Cases per type.
    pub counts: TypeCounts,
    /// Typical cases in SetMethods' order: uniquely covered first, then by `best`, then by X
    /// (ties: data order).
    pub typical: Vec<TypicalCase>,
    /// The most typical cases (lowest `best`), in data order.
    pub most_typical: Vec<String>,
    /// Typical cases covered by no other term (SetMethods' `cases.suf.typ.unique`), in the
    /// order of `typical`.
    pub uniquely_covered: Vec<String>,
    /// Deviant cases consistency in kind, by `best`, then X (ties: data order).
    pub deviant_consistency_kind: Vec<DeviantCase>,
    /// Deviant cases consistency in degree, in data order.
    pub deviant_consistency_degree: Vec<CaseRef>,
    /// Deviant cases coverage, in data order.
    pub deviant_coverage: Vec<CaseRef>,
    /// Individually irrelevant cases, in data order.
    pub individually_irrelevant: Vec<CaseRef>,
    /// Cases with X or Y exactly 0.5, in data order.
    pub crossover: Vec<CaseRef>,
}

/// Which comparison a pair list is for (`smmr(match = TRUE, cases = …)`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PairKind {
    /// Typical × deviant consistency in kind, per term (`cases = 3`, `matches.suf.typdcn`).
    /// Best = |X₁ − X₂| + (1 − (Y₁ − Y₂)) + (1 − X₁) + (1 − X₂).
    TypicalDeviantConsistency,
    /// Deviant coverage × individually irrelevant of the solution in the same truth-table
    /// row (`cases = 4`, `matches.suf.dcviir`), with W the row memberships:
    /// Best = |W₁ − W₂| + (1 − (Y₁ − Y₂)) + (1 − W₁) + (1 − W₂).
    DeviantCoverageIrrelevant,
    /// Typical × typical, per term (`cases = 5`, `matches.suf.typtypnfc`), the first the
    /// more typical: Best = (0.5 − (X₁ − X₂)) + (0.5 − (Y₁ − Y₂)) + 2|Y₁ − X₁| + 2|Y₂ − X₂|.
    TypicalTypical,
    /// Typical × individually irrelevant of the term, per term (`cases = 6`,
    /// `matches.suf.typiirnfc`): Best = (1 − (X₁ − X₂)) + (1 − (Y₁ − Y₂)) + 2|Y₁ − X₁| +
    /// 2|Y₂ − X₂|.
    TypicalIrrelevant,
    /// Typical × typical per focal conjunct of a term (`cases = 1`, `matches.suf.typtyp`),
    /// with X the focal conjunct and Z the minimum of the other conjuncts:
    /// Best = (0.5 − (X₁ − X₂)) + (0.5 − (Y₁ − Y₂)) + |Z₁ − Z₂| + 2|Y₁ − X₁| + 2|Y₂ − X₂|,
    /// rounded to 3 decimals.
    TypicalTypicalFocal,
    /// Typical × individually irrelevant (for the term) per focal conjunct (`cases = 2`,
    /// `matches.suf.typiir`): Best = (1 − (X₁ − X₂)) + (1 − (Y₁ − Y₂)) + |Z₁ − Z₂| +
    /// 2|Y₁ − X₁| + |Y₂ − X₂|, rounded to 3 decimals.
    TypicalIrrelevantFocal,
}

/// A pair of cases for comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pair {
    /// The first case (typical; deviant coverage for [`PairKind::DeviantCoverageIrrelevant`]).
    pub first: CaseRef,
    /// The second case (deviant, typical or irrelevant).
    pub second: CaseRef,
    /// SetMethods' "Best" of the pair (unrounded); lower is a better match.
    pub best: f64,
    /// The first case is the term's most typical (`MostTypTerm`, typical × deviant) or most
    /// typical for any term (`MostTyp`, the other per-term lists).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_most_typical: Option<bool>,
    /// Typical × typical: the second case is most typical for some term.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub second_most_typical: Option<bool>,
    /// The first (typical) case is uniquely covered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_uniquely_covered: Option<bool>,
    /// Typical × typical: the second case is uniquely covered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub second_uniquely_covered: Option<bool>,
    /// Typical × deviant: the deviant case is the term's most deviant (`MostDevCons`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub second_most_deviant: Option<bool>,
    /// Typical × irrelevant: the irrelevant case is outside the whole solution as well
    /// (`GlobUncov`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub globally_uncovered: Option<bool>,
    /// Deviant coverage × irrelevant: the deviant coverage case's row membership ≤ its Y
    /// (`ConsTT_DCV`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consistent_row: Option<bool>,
    /// Focal-conjunct pairs of a term with more than one conjunct: SetMethods' `PairRank`
    /// (1 best; see [`FocalConjunct`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pair_rank: Option<u8>,
    /// Focal-conjunct pairs: the first case's focal conjunct ≤ its Y (`ConsFC`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_consistent_focal: Option<bool>,
    /// Typical × typical per focal conjunct: the second case's focal conjunct ≤ its Y.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub second_consistent_focal: Option<bool>,
    /// Focal-conjunct pairs: the first case is the most typical for the focal conjunct
    /// (`MostTypFC`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_most_typical_focal: Option<bool>,
    /// Typical × typical per focal conjunct: the second case is the most typical for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub second_most_typical_focal: Option<bool>,
}

/// The best pairs of one kind for one term or truth-table row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairList {
    /// The comparison.
    pub kind: PairKind,
    /// The term, or for [`PairKind::DeviantCoverageIrrelevant`] the truth-table row
    /// (`DEV=1, URB=0, …`).
    pub group: String,
    /// The focal conjunct, for the pairs per focal conjunct.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub focal: Option<String>,
    /// How many candidate pairs there are (before the cap).
    pub total: usize,
    /// The best pairs, at most `max_pairs`, best first.
    pub pairs: Vec<Pair>,
}

/// Case selection for one solution: types per term and for the solution, the rankings, the
/// cases of the truth-table rows and the pairs for comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseSelection {
    /// The outcome in R notation.
    pub outcome: String,
    /// The solution in R notation.
    pub solution: String,
    /// The conditions that make up the truth-table rows.
    pub conditions: Vec<String>,
    /// Case names, in data order.
    pub cases: Vec<String>,
    /// Outcome membership of every case.
    pub outcome_membership: Vec<f64>,
    /// Per term, in the order of the solution.
    pub terms: Vec<SetCases>,
    /// For the whole solution (X the maximum over the terms).
    pub solution_cases: SetCases,
    /// Deviant coverage cases of the solution with their rows (`cases.suf.dcv`): by row,
    /// consistent rows first, then `best` (ties: data order).
    pub deviant_coverage_rows: Vec<RowCase>,
    /// Individually irrelevant cases of the solution with their rows (`cases.suf.iir`): by
    /// row (ties: data order).
    pub irrelevant_rows: Vec<RowCase>,
    /// Typical cases per focal conjunct of every term (`cases.suf.typ.fct`), terms in
    /// order, conjuncts in the term's order.
    pub focal_conjuncts: Vec<FocalConjunct>,
    /// The cap of each pair list.
    pub max_pairs: usize,
    /// Pair lists: typical × deviant consistency per term, deviant coverage × irrelevant per
    /// row, typical × typical per term, typical × irrelevant per term, then typical ×
    /// typical and typical × irrelevant per focal conjunct of every term.
    pub pairs: Vec<PairList>,
}

/// A typical case of a term seen from one focal conjunct (`cases.suf.typ.fct`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FocalTypicalCase {
    /// The case; `x` is the membership in the term.
    #[serde(flatten)]
    pub case: CaseRef,
    /// Membership in the focal conjunct.
    pub focal: f64,
    /// Membership in the other conjuncts (their minimum; absent for a one-literal term).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complement: Option<f64>,
    /// SetMethods' "Best": 2|Y − focal| + (1 − term); lower is more typical.
    pub best: f64,
    /// SetMethods' `Rank`: 1 when the focal conjunct is below the other conjuncts (it sets
    /// the term's membership), 2 otherwise; absent for a one-literal term.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank: Option<u8>,
    /// The lowest Best for this focal conjunct (`MostTypFC`).
    pub most_typical_focal: bool,
    /// The term's most typical case (`MostTypTerm`).
    pub most_typical_term: bool,
    /// Member (above 0.5) of no other term of the solution (`UniqCov` of
    /// `cases.suf.typ.fct`).
    pub uniquely_covered: bool,
    /// Focal conjunct ≤ Y (`ConsFC`).
    pub consistent_focal: bool,
}

/// The typical cases of a term for one of its conjuncts: SetMethods' order, rank, then
/// consistent focal conjunct first, uniquely covered first, then Best (ties: data order).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FocalConjunct {
    /// The term.
    pub term: String,
    /// The focal conjunct (a literal of the term).
    pub focal: String,
    /// The term's typical cases.
    pub typical: Vec<FocalTypicalCase>,
}

/// Options of [`case_selection`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseOptions {
    /// Most pairs listed per term (or row) and kind; 0 lists none (the totals are still
    /// counted).
    pub max_pairs: usize,
}

impl Default for CaseOptions {
    fn default() -> Self {
        CaseOptions {
            max_pairs: DEFAULT_MAX_PAIRS,
        }
    }
}

/// Case selection for a model of a minimization: what the study report calls. `conditions`
/// are the truth table's conditions (`Minimization::conditions`).
pub fn case_selection_for_model(
    data: &SetData,
    model: &Model,
    outcome: &Outcome,
    conditions: &[String],
    options: &CaseOptions,
) -> Result<CaseSelection, QcaError> {
    let expression = Expression::parse(&model.expression)?;
    case_selection(data, &expression, outcome, conditions, options)
}

/// Case selection for the model SetMethods would use (`sol = 1`): the first model of the
/// first intermediate solution, else of the parsimonious, else of the conservative one
/// ([`crate::robustness::reported_model`]), with the minimization's outcome and conditions.
/// `data` must be the data the minimization was made from.
pub fn case_selection_for_minimization(
    data: &SetData,
    minimization: &Minimization,
    options: &CaseOptions,
) -> Result<CaseSelection, QcaError> {
    let model = crate::robustness::reported_model(minimization)?;
    case_selection_for_model(
        data,
        model,
        &minimization.truth_table.outcome,
        &minimization.conditions,
        options,
    )
}

/// Case selection for the solution `expression` (its terms are the solution's terms) and
/// `outcome`. `conditions` give the truth-table rows of the deviant coverage and irrelevant
/// cases; they must be sets of the data (the expression's conditions among them).
///
/// A solution without terms, a term without cases of a type, and cases on the crossover are
/// answers, not errors: the lists are empty and the counts say so.
pub fn case_selection(
    data: &SetData,
    expression: &Expression,
    outcome: &Outcome,
    conditions: &[String],
    options: &CaseOptions,
) -> Result<CaseSelection, QcaError> {
    let n = data.n_cases();
    let y = outcome.membership(data)?;
    for c in conditions {
        data.require(c)?;
    }
    let term_x: Vec<Vec<f64>> = expression
        .terms
        .iter()
        .map(|t| t.membership(data))
        .collect::<Result<_, _>>()?;
    let solution_x: Vec<f64> = (0..n)
        .map(|i| term_x.iter().map(|x| x[i]).fold(0.0_f64, f64::max))
        .collect();

    // SetMethods' UniqCov: the number of terms for which the case is typical.
    let mut typical_terms = vec![0usize; n];
    for x in &term_x {
        for i in 0..n {
            if classify(x[i], y[i]) == CaseType::Typical {
                typical_terms[i] += 1;
            }
        }
    }
    let cases = data.cases();
    let terms: Vec<SetCases> = expression
        .terms
        .iter()
        .zip(&term_x)
        .map(|(t, x)| set_cases(t.to_string(), x, &y, cases, &typical_terms))
        .collect();
    let solution_name = if expression.terms.is_empty() {
        "0".to_string()
    } else {
        expression.to_string()
    };
    let solution_cases = set_cases(
        solution_name.clone(),
        &solution_x,
        &y,
        cases,
        &typical_terms,
    );

    let rows = RowTable::new(data, conditions)?;
    let (deviant_coverage_rows, irrelevant_rows) = row_cases(&solution_cases, &rows);

    // Most typical for any term (SetMethods' cases.suf.typ MostTyp, used by the pairs).
    let mut most_typical_any = vec![false; n];
    for t in &terms {
        for c in t.typical.iter().filter(|c| c.most_typical) {
            most_typical_any[c.case.index] = true;
        }
    }
    let uniquely = |i: usize| typical_terms[i] == 1;
    let k = options.max_pairs;
    let mut pairs = Vec::new();
    for t in &terms {
        pairs.push(typical_deviant_pairs(t, &y, cases, k));
    }
    pairs.extend(coverage_irrelevant_pairs(
        &solution_cases,
        &rows,
        conditions,
        &y,
        cases,
        k,
    ));
    for t in &terms {
        pairs.push(typical_typical_pairs(
            t,
            &y,
            cases,
            k,
            &most_typical_any,
            &uniquely,
        ));
    }
    for t in &terms {
        pairs.push(typical_irrelevant_pairs(
            t,
            &y,
            &solution_x,
            cases,
            k,
            &most_typical_any,
            &uniquely,
        ));
    }
    let mut focal_conjuncts = Vec::new();
    for (ti, term) in expression.terms.iter().enumerate() {
        let focal = Focal::new(data, term, ti, &term_x, &y)?;
        for f in 0..focal.literals.len() {
            focal_conjuncts.push(focal.typical(f, &terms[ti]));
        }
        for f in 0..focal.literals.len() {
            pairs.push(focal.typical_typical(f, &terms[ti], cases, k, &uniquely));
        }
        for f in 0..focal.literals.len() {
            pairs.push(focal.typical_irrelevant(f, &terms[ti], &solution_x, cases, k, &uniquely));
        }
    }

    Ok(CaseSelection {
        outcome: outcome.to_string(),
        solution: solution_name,
        conditions: conditions.to_vec(),
        cases: cases.to_vec(),
        outcome_membership: y,
        terms,
        solution_cases,
        deviant_coverage_rows,
        irrelevant_rows,
        focal_conjuncts,
        max_pairs: k,
        pairs,
    })
}

fn case_ref(cases: &[String], i: usize, x: f64, y: f64) -> CaseRef {
    CaseRef {
        case: cases[i].clone(),
        index: i,
        x,
        y,
    }
}

/// Types and rankings of one term or the solution.
fn set_cases(
    name: String,
    x: &[f64],
    y: &[f64],
    cases: &[String],
    typical_terms: &[usize],
) -> SetCases {
    let types: Vec<CaseType> = x.iter().zip(y).map(|(&x, &y)| classify(x, y)).collect();
    let mut counts = TypeCounts::default();
    let mut typical = Vec::new();
    let mut dcn = Vec::new();
    let mut degree = Vec::new();
    let mut coverage = Vec::new();
    let mut irrelevant = Vec::new();
    let mut crossover = Vec::new();
    for (i, &t) in types.iter().enumerate() {
        counts.add(t);
        let r = case_ref(cases, i, x[i], y[i]);
        match t {
            CaseType::Typical => typical.push(TypicalCase {
                best: typical_best(x[i], y[i]),
                case: r,
                most_typical: false,
                uniquely_covered: typical_terms[i] == 1,
            }),
            CaseType::DeviantConsistencyKind => dcn.push(DeviantCase {
                // cases.suf.dcn: s <- (1 - (Z$x-Z$y) + (1-Z$x))
                best: 1.0 - (x[i] - y[i]) + (1.0 - x[i]),
                case: r,
                most_deviant: false,
            }),
            CaseType::DeviantConsistencyDegree => degree.push(r),
            CaseType::DeviantCoverage => coverage.push(r),
            CaseType::IndividuallyIrrelevant => irrelevant.push(r),
            CaseType::Crossover => crossover.push(r),
        }
    }
    // R: Z$s[s == min(s)] <- TRUE, exact comparison.
    let min_typ = typical.iter().map(|c| c.best).fold(f64::INFINITY, f64::min);
    for c in &mut typical {
        c.most_typical = c.best == min_typ;
    }
    let most_typical = typical
        .iter()
        .filter(|c| c.most_typical)
        .map(|c| c.case.case.clone())
        .collect();
    // R: order(term, -UniqCov, St, term_membership); stable on the case order.
    typical.sort_by(|a, b| {
        b.uniquely_covered
            .cmp(&a.uniquely_covered)
            .then(a.best.total_cmp(&b.best))
            .then(a.case.x.total_cmp(&b.case.x))
            .then(a.case.index.cmp(&b.case.index))
    });
    let uniquely_covered = typical
        .iter()
        .filter(|c| c.uniquely_covered)
        .map(|c| c.case.case.clone())
        .collect();
    let min_dcn = dcn.iter().map(|c| c.best).fold(f64::INFINITY, f64::min);
    for c in &mut dcn {
        c.most_deviant = c.best == min_dcn;
    }
    // R: order(Term, Sd, TermMembership) after rounding both to 3 decimals (the flag above
    // is set before rounding); ties in the rounded values keep the order of the unrounded
    // Sd, then the data order.
    dcn.sort_by(|a, b| {
        round3(a.best)
            .total_cmp(&round3(b.best))
            .then(round3(a.case.x).total_cmp(&round3(b.case.x)))
            .then(a.best.total_cmp(&b.best))
            .then(a.case.index.cmp(&b.case.index))
    });
    SetCases {
        name,
        membership: x.to_vec(),
        types,
        counts,
        typical,
        most_typical,
        uniquely_covered,
        deviant_consistency_kind: dcn,
        deviant_consistency_degree: degree,
        deviant_coverage: coverage,
        individually_irrelevant: irrelevant,
        crossover,
    }
}

/// cases.suf.typ: s <- (2*(Z$y-Z$x) + (1-Z$x)).
fn typical_best(x: f64, y: f64) -> f64 {
    2.0 * (y - x) + (1.0 - x)
}

/// The truth-table row of every case over the conditions.
struct RowTable {
    /// Per case: the row as SetMethods' `CS` (fuzzy: 0 below 0.5, 1 above, 0.5 at it).
    rows: Vec<Vec<f64>>,
    /// Per case: the row as `round(recoded.data)` (R rounds half to even: 0.5 is 0).
    rounded: Vec<Vec<f64>>,
    /// Per case: membership in its row.
    membership: Vec<f64>,
}

impl RowTable {
    fn new(data: &SetData, conditions: &[String]) -> Result<RowTable, QcaError> {
        let n = data.n_cases();
        let mut rows = vec![Vec::with_capacity(conditions.len()); n];
        let mut rounded = vec![Vec::with_capacity(conditions.len()); n];
        let mut membership = vec![1.0_f64; n];
        for c in conditions {
            let idx = data.index_of(c).ok_or_else(|| QcaError::UnknownColumn {
                name: c.clone(),
                known: data.names().join(", "),
            })?;
            let values = data.column_at(idx);
            match data.kind_at(idx) {
                ColumnKind::Fuzzy => {
                    for i in 0..n {
                        let v = values[i];
                        rows[i].push(if v < 0.5 {
                            0.0
                        } else if v > 0.5 {
                            1.0
                        } else {
                            0.5
                        });
                        rounded[i].push(v.round_ties_even());
                        // TS[TS < 0.5] <- 1 - TS[TS < 0.5]; pmin.
                        let m = if v < 0.5 { 1.0 - v } else { v };
                        membership[i] = membership[i].min(m);
                    }
                }
                ColumnKind::Crisp | ColumnKind::MultiValue { .. } => {
                    for i in 0..n {
                        rows[i].push(values[i]);
                        rounded[i].push(values[i]);
                    }
                }
                ColumnKind::Raw => {
                    return Err(QcaError::Membership(msg!(
                        "qca-cases-raw-condition",
                        name = c.as_str()
                    )));
                }
            }
        }
        Ok(RowTable {
            rows,
            rounded,
            membership,
        })
    }
}

fn cmp_rows(a: &[f64], b: &[f64]) -> Ordering {
    for (x, y) in a.iter().zip(b) {
        let o = x.total_cmp(y);
        if o != Ordering::Equal {
            return o;
        }
    }
    a.len().cmp(&b.len())
}

/// cases.suf.dcv and cases.suf.iir for the solution.
fn row_cases(solution: &SetCases, rows: &RowTable) -> (Vec<RowCase>, Vec<RowCase>) {
    let mut dcv: Vec<RowCase> = solution
        .deviant_coverage
        .iter()
        .map(|c| {
            let w = rows.membership[c.index];
            // R rounds the row membership (and the outcome) to 3 decimals before
            // Best = 1 - W and ConsTT = W <= Y.
            RowCase {
                case: c.clone(),
                row: rows.rows[c.index].clone(),
                row_membership: w,
                best: Some(1.0 - round3(w)),
                most_deviant: Some(false),
                consistent_row: Some(round3(w) <= round3(c.y)),
            }
        })
        .collect();
    // MostDevCov: the lowest Best within the truth-table row.
    let mut min_per_row: BTreeMap<Vec<u64>, f64> = BTreeMap::new();
    let key = |r: &[f64]| r.iter().map(|v| v.to_bits()).collect::<Vec<u64>>();
    for c in &dcv {
        let b = c.best.unwrap_or(0.0);
        min_per_row
            .entry(key(&c.row))
            .and_modify(|m| *m = m.min(b))
            .or_insert(b);
    }
    for c in &mut dcv {
        c.most_deviant = Some(c.best == min_per_row.get(&key(&c.row)).copied());
    }
    // R: order(TT row, 1 - ConsTT, Best).
    dcv.sort_by(|a, b| {
        cmp_rows(&a.row, &b.row)
            .then(b.consistent_row.cmp(&a.consistent_row))
            .then(a.best.unwrap_or(0.0).total_cmp(&b.best.unwrap_or(0.0)))
            .then(a.case.index.cmp(&b.case.index))
    });
    let mut iir: Vec<RowCase> = solution
        .individually_irrelevant
        .iter()
        .map(|c| RowCase {
            case: c.clone(),
            row: rows.rows[c.index].clone(),
            row_membership: rows.membership[c.index],
            best: None,
            most_deviant: None,
            consistent_row: None,
        })
        .collect();
    iir.sort_by(|a, b| cmp_rows(&a.row, &b.row).then(a.case.index.cmp(&b.case.index)));
    (dcv, iir)
}

/// A sort key: a few numbers compared in order.
type Key = [f64; 8];

/// The best `k` candidates under a sort key (a few numbers, then the enumeration index that
/// stands for R's stable order of `expand.grid`), kept sorted; memory O(k).
struct TopK {
    k: usize,
    total: usize,
    items: Vec<(Key, usize, Pair)>,
}

impl TopK {
    fn new(k: usize) -> TopK {
        TopK {
            k,
            total: 0,
            items: Vec::with_capacity(k.min(64)),
        }
    }

    fn cmp(a: &(Key, usize), b: &(Key, usize)) -> Ordering {
        for (x, y) in a.0.iter().zip(&b.0) {
            let o = x.total_cmp(y);
            if o != Ordering::Equal {
                return o;
            }
        }
        a.1.cmp(&b.1)
    }

    /// Offers a candidate; `make` builds the pair only when it is kept.
    fn offer(&mut self, key: Key, order: usize, make: impl FnOnce() -> Pair) {
        self.total += 1;
        if self.k == 0 {
            return;
        }
        if self.items.len() == self.k {
            let last = self.items.last().expect("k > 0");
            if TopK::cmp(&(key, order), &(last.0, last.1)) != Ordering::Less {
                return;
            }
        }
        let pos = self
            .items
            .partition_point(|it| TopK::cmp(&(it.0, it.1), &(key, order)) == Ordering::Less);
        self.items.insert(pos, (key, order, make()));
        self.items.truncate(self.k);
    }

    fn into_list(self, kind: PairKind, group: String) -> PairList {
        PairList {
            kind,
            group,
            focal: None,
            total: self.total,
            pairs: self.items.into_iter().map(|(_, _, p)| p).collect(),
        }
    }
}

fn flag(b: bool) -> f64 {
    if b { 0.0 } else { 1.0 }
}

/// R's `round(x, 3)` for the "Best" values that SetMethods sorts after rounding.
fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn bare_pair(first: CaseRef, second: CaseRef, best: f64) -> Pair {
    Pair {
        first,
        second,
        best,
        first_most_typical: None,
        second_most_typical: None,
        first_uniquely_covered: None,
        second_uniquely_covered: None,
        second_most_deviant: None,
        globally_uncovered: None,
        consistent_row: None,
        pair_rank: None,
        first_consistent_focal: None,
        second_consistent_focal: None,
        first_most_typical_focal: None,
        second_most_typical_focal: None,
    }
}

/// matches.suf.typdcn: typical × deviant consistency in kind of one term, ordered by the
/// rounded Best, then the most typical and most deviant first, then the unrounded Best.
fn typical_deviant_pairs(t: &SetCases, y: &[f64], cases: &[String], k: usize) -> PairList {
    let x = &t.membership;
    let typ: Vec<&TypicalCase> = by_index(&t.typical, |c| c.case.index);
    let dev: Vec<&DeviantCase> = by_index(&t.deviant_consistency_kind, |c| c.case.index);
    let mut top = TopK::new(k);
    for (jj, d) in dev.iter().enumerate() {
        let j = d.case.index;
        for (ii, tc) in typ.iter().enumerate() {
            let i = tc.case.index;
            let s = (x[i] - x[j]).abs() + (1.0 - (y[i] - y[j])) + (1.0 - x[i]) + (1.0 - x[j]);
            let key = [
                round3(s),
                flag(tc.most_typical),
                flag(d.most_deviant),
                s,
                0.0,
                0.0,
                0.0,
                0.0,
            ];
            top.offer(key, jj * typ.len() + ii, || {
                let mut p = bare_pair(
                    case_ref(cases, i, x[i], y[i]),
                    case_ref(cases, j, x[j], y[j]),
                    s,
                );
                p.first_most_typical = Some(tc.most_typical);
                p.second_most_deviant = Some(d.most_deviant);
                p
            });
        }
    }
    top.into_list(PairKind::TypicalDeviantConsistency, t.name.clone())
}

/// The items in data order (R's `expand.grid` enumerates cases in row order).
fn by_index<T>(items: &[T], index: impl Fn(&T) -> usize) -> Vec<&T> {
    let mut v: Vec<&T> = items.iter().collect();
    v.sort_by_key(|c| index(c));
    v
}

/// matches.suf.dcviir: deviant coverage × individually irrelevant cases of the solution in
/// the same truth-table row (rows as R's `round`), per row: consistent rows first, then Best.
fn coverage_irrelevant_pairs(
    solution: &SetCases,
    rows: &RowTable,
    conditions: &[String],
    y: &[f64],
    cases: &[String],
    k: usize,
) -> Vec<PairList> {
    let w = &rows.membership;
    let x = &solution.membership;
    let mut groups: BTreeMap<Vec<u64>, (Vec<f64>, TopK)> = BTreeMap::new();
    let dcv = &solution.deviant_coverage;
    for (jj, d) in solution.individually_irrelevant.iter().enumerate() {
        let j = d.index;
        for (ii, c) in dcv.iter().enumerate() {
            let i = c.index;
            if rows.rounded[i] != rows.rounded[j] {
                continue;
            }
            let s = (w[i] - w[j]).abs() + (1.0 - (y[i] - y[j])) + (1.0 - w[i]) + (1.0 - w[j]);
            let consistent = w[i] <= y[i];
            let row_key: Vec<u64> = rows.rounded[i].iter().map(|v| sortable_bits(*v)).collect();
            let entry = groups
                .entry(row_key)
                .or_insert_with(|| (rows.rounded[i].clone(), TopK::new(k)));
            entry.1.offer(
                [flag(consistent), s, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
                jj * dcv.len() + ii,
                || {
                    let mut p = bare_pair(
                        case_ref(cases, i, x[i], y[i]),
                        case_ref(cases, j, x[j], y[j]),
                        s,
                    );
                    p.consistent_row = Some(consistent);
                    p
                },
            );
        }
    }
    groups
        .into_values()
        .map(|(row, top)| {
            let label = conditions
                .iter()
                .zip(&row)
                .map(|(c, v)| format!("{c}={v}"))
                .collect::<Vec<_>>()
                .join(", ");
            top.into_list(PairKind::DeviantCoverageIrrelevant, label)
        })
        .collect()
}

/// Bits of a non-negative number that sort as the number does.
fn sortable_bits(v: f64) -> u64 {
    let b = v.to_bits();
    if v.is_sign_negative() {
        !b
    } else {
        b | (1 << 63)
    }
}

/// matches.suf.typtypnfc: pairs of different typical cases of a term, the first at least as
/// typical as the second; uniquely covered first, then the rounded Best, then the most
/// typical.
fn typical_typical_pairs(
    t: &SetCases,
    y: &[f64],
    cases: &[String],
    k: usize,
    most_typical_any: &[bool],
    uniquely: &dyn Fn(usize) -> bool,
) -> PairList {
    let x = &t.membership;
    let typ: Vec<&TypicalCase> = by_index(&t.typical, |c| c.case.index);
    let mut top = TopK::new(k);
    for (jj, b) in typ.iter().enumerate() {
        let j = b.case.index;
        for (ii, a) in typ.iter().enumerate() {
            let i = a.case.index;
            if i == j || typical_best(x[i], y[i]) > typical_best(x[j], y[j]) {
                continue;
            }
            let s = (0.5 - (x[i] - x[j]))
                + (0.5 - (y[i] - y[j]))
                + 2.0 * (y[i] - x[i]).abs()
                + 2.0 * (y[j] - x[j]).abs();
            let key = [
                flag(uniquely(i)),
                flag(uniquely(j)),
                round3(s),
                flag(most_typical_any[i]),
                flag(most_typical_any[j]),
                s,
                0.0,
                0.0,
            ];
            top.offer(key, jj * typ.len() + ii, || {
                let mut p = bare_pair(
                    case_ref(cases, i, x[i], y[i]),
                    case_ref(cases, j, x[j], y[j]),
                    s,
                );
                p.first_most_typical = Some(most_typical_any[i]);
                p.second_most_typical = Some(most_typical_any[j]);
                p.first_uniquely_covered = Some(uniquely(i));
                p.second_uniquely_covered = Some(uniquely(j));
                p
            });
        }
    }
    top.into_list(PairKind::TypicalTypical, t.name.clone())
}

/// matches.suf.typiirnfc: typical × individually irrelevant cases of a term; uniquely
/// covered typical cases and irrelevant cases outside the whole solution first, then the
/// rounded Best, then the most typical.
fn typical_irrelevant_pairs(
    t: &SetCases,
    y: &[f64],
    solution_x: &[f64],
    cases: &[String],
    k: usize,
    most_typical_any: &[bool],
    uniquely: &dyn Fn(usize) -> bool,
) -> PairList {
    let x = &t.membership;
    let typ: Vec<&TypicalCase> = by_index(&t.typical, |c| c.case.index);
    let mut top = TopK::new(k);
    for (jj, d) in t.individually_irrelevant.iter().enumerate() {
        let j = d.index;
        for (ii, a) in typ.iter().enumerate() {
            let i = a.case.index;
            let s = (1.0 - (x[i] - x[j]))
                + (1.0 - (y[i] - y[j]))
                + 2.0 * (y[i] - x[i]).abs()
                + 2.0 * (y[j] - x[j]).abs();
            let glob = solution_x[j] < 0.5;
            let key = [
                flag(uniquely(i)),
                flag(glob),
                round3(s),
                flag(most_typical_any[i]),
                s,
                0.0,
                0.0,
                0.0,
            ];
            top.offer(key, jj * typ.len() + ii, || {
                let mut p = bare_pair(
                    case_ref(cases, i, x[i], y[i]),
                    case_ref(cases, j, x[j], y[j]),
                    s,
                );
                p.first_most_typical = Some(most_typical_any[i]);
                p.first_uniquely_covered = Some(uniquely(i));
                p.globally_uncovered = Some(glob);
                p
            });
        }
    }
    top.into_list(PairKind::TypicalIrrelevant, t.name.clone())
}

// ---------------------------------------------------------------------------------------
// Panels: SetMethods' cluster()
// ---------------------------------------------------------------------------------------

/// Consistency and coverage of sufficiency in one group of a panel (a period or a unit).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupFit {
    /// The period or unit.
    pub id: String,
    /// Number of cases (rows) in the group.
    pub n: usize,
    /// Consistency: Σ min(X, Y) / Σ X (with SetMethods' 1e-10 in numerator and
    /// denominator, so an empty group has 1).
    pub consistency: f64,
    /// Coverage: Σ min(X, Y) / Σ Y (likewise).
    pub coverage: f64,
}

/// SetMethods' `cluster.diagnostics` for one set (a term or the solution).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterFit {
    /// The term in R notation, or the solution.
    pub name: String,
    /// Pooled consistency (POCOS) over all cases.
    pub pooled_consistency: f64,
    /// Pooled coverage.
    pub pooled_coverage: f64,
    /// Between consistency (BECOS) and coverage per period, in period order.
    pub between: Vec<GroupFit>,
    /// Within consistency (WICONS) and coverage per unit, in unit order.
    pub within: Vec<GroupFit>,
    /// Distance between the between consistencies and the pooled one: √Σ (cⱼ/Σc − 1/J)²,
    /// over the J periods.
    pub d_bp: f64,
    /// Distance between the within consistencies and the pooled one, over the N units.
    pub d_wp: f64,
}

/// `cluster()` for a solution: per term and for the whole solution.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterDiagnostics {
    /// The outcome in R notation.
    pub outcome: String,
    /// The solution in R notation.
    pub solution: String,
    /// The periods (clusters), sorted as R's `xtabs` does (numerically when all are
    /// numbers, else as text).
    pub periods: Vec<String>,
    /// The units, sorted likewise.
    pub units: Vec<String>,
    /// Per term, in the order of the solution.
    pub terms: Vec<ClusterFit>,
    /// For the whole solution.
    pub solution_fit: ClusterFit,
}

/// Sorted distinct labels and the position of every case's label among them.
fn levels(labels: &[String]) -> (Vec<String>, Vec<usize>) {
    let mut distinct: Vec<String> = labels.to_vec();
    let numeric: Option<Vec<f64>> = distinct
        .iter()
        .map(|s| s.trim().parse::<f64>().ok().filter(|v| v.is_finite()))
        .collect();
    if numeric.is_some() {
        distinct.sort_by(|a, b| {
            let x: f64 = a.trim().parse().unwrap_or(0.0);
            let y: f64 = b.trim().parse().unwrap_or(0.0);
            x.total_cmp(&y).then(a.cmp(b))
        });
    } else {
        distinct.sort();
    }
    distinct.dedup();
    let pos: BTreeMap<&str, usize> = distinct
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    let index = labels.iter().map(|l| pos[l.as_str()]).collect();
    (distinct, index)
}

/// SetMethods' `cluster()`: pooled, between (per period) and within (per unit) consistency
/// and coverage of sufficiency, and the distances dBP and dWP, for every term of
/// `expression` and for the whole solution. `units[i]` and `periods[i]` label case `i`.
///
/// Each unit may appear once per period: a second row of the same unit and period is an
/// error naming both cases (R's `xtabs` would silently add them up).
pub fn cluster(
    data: &SetData,
    expression: &Expression,
    outcome: &Outcome,
    units: &[String],
    periods: &[String],
) -> Result<ClusterDiagnostics, QcaError> {
    let n = data.n_cases();
    if units.len() != n || periods.len() != n {
        return Err(QcaError::Data(msg!(
            "qca-cases-panel-length",
            units = units.len(),
            periods = periods.len(),
            cases = n
        )));
    }
    if n == 0 {
        return Err(QcaError::Data(msg!("qca-cases-panel-empty")));
    }
    let (unit_names, unit_of) = levels(units);
    let (period_names, period_of) = levels(periods);
    let mut seen: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for i in 0..n {
        if let Some(&first) = seen.get(&(unit_of[i], period_of[i])) {
            return Err(QcaError::Data(msg!(
                "qca-cases-panel-duplicate",
                unit = units[i].as_str(),
                period = periods[i].as_str(),
                first = data.cases()[first].as_str(),
                second = data.cases()[i].as_str()
            )));
        }
        seen.insert((unit_of[i], period_of[i]), i);
    }
    let y = outcome.membership(data)?;
    let term_x: Vec<Vec<f64>> = expression
        .terms
        .iter()
        .map(|t| t.membership(data))
        .collect::<Result<_, _>>()?;
    let solution_x: Vec<f64> = (0..n)
        .map(|i| term_x.iter().map(|x| x[i]).fold(0.0_f64, f64::max))
        .collect();
    let solution = if expression.terms.is_empty() {
        "0".to_string()
    } else {
        expression.to_string()
    };
    let panel = Panel {
        y: &y,
        unit_of: &unit_of,
        period_of: &period_of,
        units: &unit_names,
        periods: &period_names,
    };
    let terms = expression
        .terms
        .iter()
        .zip(&term_x)
        .map(|(t, x)| panel.fit(t.to_string(), x))
        .collect();
    let solution_fit = panel.fit(solution.clone(), &solution_x);
    Ok(ClusterDiagnostics {
        outcome: outcome.to_string(),
        solution,
        periods: period_names,
        units: unit_names,
        terms,
        solution_fit,
    })
}

struct Panel<'a> {
    y: &'a [f64],
    unit_of: &'a [usize],
    period_of: &'a [usize],
    units: &'a [String],
    periods: &'a [String],
}

/// SetMethods' smoothed ratio: (a + 1e-10) / (b + 1e-10).
fn ratio(a: f64, b: f64) -> f64 {
    (a + 1e-10) / (b + 1e-10)
}

/// √Σ ((c + 1e-10)/(Σc + 1e-10) − 1/J)².
fn distance(c: &[f64]) -> f64 {
    let sum: f64 = c.iter().sum();
    let j = c.len() as f64;
    c.iter()
        .map(|v| {
            let d = (v + 1e-10) / (sum + 1e-10) - 1.0 / j;
            d * d
        })
        .sum::<f64>()
        .sqrt()
}

impl Panel<'_> {
    fn groups(&self, x: &[f64], of: &[usize], names: &[String]) -> Vec<GroupFit> {
        let g = names.len();
        let mut sx = vec![0.0; g];
        let mut sy = vec![0.0; g];
        let mut sm = vec![0.0; g];
        let mut count = vec![0usize; g];
        for i in 0..x.len() {
            let k = of[i];
            sx[k] += x[i];
            sy[k] += self.y[i];
            sm[k] += x[i].min(self.y[i]);
            count[k] += 1;
        }
        (0..g)
            .map(|k| GroupFit {
                id: names[k].clone(),
                n: count[k],
                consistency: ratio(sm[k], sx[k]),
                coverage: ratio(sm[k], sy[k]),
            })
            .collect()
    }

    fn fit(&self, name: String, x: &[f64]) -> ClusterFit {
        let sm: f64 = x.iter().zip(self.y).map(|(a, b)| a.min(*b)).sum();
        let sx: f64 = x.iter().sum();
        let sy: f64 = self.y.iter().sum();
        let between = self.groups(x, self.period_of, self.periods);
        let within = self.groups(x, self.unit_of, self.units);
        let bc: Vec<f64> = between.iter().map(|g| g.consistency).collect();
        let wc: Vec<f64> = within.iter().map(|g| g.consistency).collect();
        ClusterFit {
            name,
            pooled_consistency: ratio(sm, sx),
            pooled_coverage: ratio(sm, sy),
            d_bp: distance(&bc),
            d_wp: distance(&wc),
            between,
            within,
        }
    }
}

/// A term's conjuncts for the focal-conjunct functions of SetMethods: per literal its
/// membership (X) and the minimum of the other literals (Z, `mincc`; 0 in R for a
/// one-literal term).
struct Focal<'a> {
    term_name: String,
    literals: Vec<String>,
    x: Vec<Vec<f64>>,
    z: Vec<Vec<f64>>,
    term: &'a [f64],
    y: &'a [f64],
    /// Per case: member (> 0.5) of another term of the solution.
    in_other_term: Vec<bool>,
}

impl<'a> Focal<'a> {
    fn new(
        data: &SetData,
        term: &crate::expr::Term,
        index: usize,
        term_x: &'a [Vec<f64>],
        y: &'a [f64],
    ) -> Result<Focal<'a>, QcaError> {
        let n = data.n_cases();
        // R: unique(unlist(strsplit(term, "*"))): a literal named twice is one conjunct.
        let mut lits: Vec<&crate::expr::Literal> = Vec::new();
        for l in &term.literals {
            if !lits.contains(&l) {
                lits.push(l);
            }
        }
        let x: Vec<Vec<f64>> = lits
            .iter()
            .map(|l| crate::expr::Term::new(vec![(*l).clone()]).membership(data))
            .collect::<Result<_, _>>()?;
        let z: Vec<Vec<f64>> = (0..lits.len())
            .map(|f| {
                (0..n)
                    .map(|i| {
                        if lits.len() == 1 {
                            0.0
                        } else {
                            (0..lits.len())
                                .filter(|&g| g != f)
                                .map(|g| x[g][i])
                                .fold(f64::INFINITY, f64::min)
                        }
                    })
                    .collect()
            })
            .collect();
        let in_other_term = (0..n)
            .map(|i| {
                term_x
                    .iter()
                    .enumerate()
                    .any(|(t, m)| t != index && m[i] > 0.5)
            })
            .collect();
        Ok(Focal {
            term_name: term.to_string(),
            literals: lits.iter().map(|l| l.to_string()).collect(),
            x,
            z,
            term: &term_x[index],
            y,
            in_other_term,
        })
    }

    fn single(&self) -> bool {
        self.literals.len() == 1
    }

    fn consistent(&self, f: usize, i: usize) -> bool {
        self.x[f][i] <= self.y[i]
    }

    /// cases.suf.typ.fct for conjunct `f`: Best = 2|Y − X| + (1 − term) (for a one-literal
    /// term the term is X).
    fn typical(&self, f: usize, set: &SetCases) -> FocalConjunct {
        let (x, z, y) = (&self.x[f], &self.z[f], self.y);
        let typ: Vec<&TypicalCase> = by_index(&set.typical, |c| c.case.index);
        let mut rows: Vec<FocalTypicalCase> = typ
            .iter()
            .map(|c| {
                let i = c.case.index;
                FocalTypicalCase {
                    case: c.case.clone(),
                    focal: x[i],
                    complement: (!self.single()).then_some(z[i]),
                    best: 2.0 * (y[i] - x[i]).abs() + (1.0 - self.term[i]),
                    rank: (!self.single()).then_some(if x[i] < z[i] { 1 } else { 2 }),
                    most_typical_focal: false,
                    most_typical_term: c.most_typical,
                    uniquely_covered: !self.in_other_term[i],
                    consistent_focal: self.consistent(f, i),
                }
            })
            .collect();
        let min = rows.iter().map(|r| r.best).fold(f64::INFINITY, f64::min);
        for r in &mut rows {
            r.most_typical_focal = r.best == min;
        }
        rows.sort_by(|a, b| {
            a.rank
                .cmp(&b.rank)
                .then(b.consistent_focal.cmp(&a.consistent_focal))
                .then(b.uniquely_covered.cmp(&a.uniquely_covered))
                .then(a.best.total_cmp(&b.best))
                .then(a.case.index.cmp(&b.case.index))
        });
        FocalConjunct {
            term: self.term_name.clone(),
            focal: self.literals[f].clone(),
            typical: rows,
        }
    }

    fn most_typical_focal(&self, f: usize, set: &SetCases) -> Vec<bool> {
        let mut out = vec![false; self.y.len()];
        let best = |i: usize| 2.0 * (self.y[i] - self.x[f][i]).abs() + (1.0 - self.term[i]);
        let min = set
            .typical
            .iter()
            .map(|c| best(c.case.index))
            .fold(f64::INFINITY, f64::min);
        for c in &set.typical {
            out[c.case.index] = best(c.case.index) == min;
        }
        out
    }

    fn list(&self, kind: PairKind, f: usize, top: TopK) -> PairList {
        let mut l = top.into_list(kind, self.term_name.clone());
        l.focal = Some(self.literals[f].clone());
        l
    }

    /// matches.suf.typtyp for conjunct `f`.
    fn typical_typical(
        &self,
        f: usize,
        set: &SetCases,
        cases: &[String],
        k: usize,
        uniquely: &dyn Fn(usize) -> bool,
    ) -> PairList {
        let (x, z, y, term) = (&self.x[f], &self.z[f], self.y, self.term);
        let typ: Vec<&TypicalCase> = by_index(&set.typical, |c| c.case.index);
        let mtfc = self.most_typical_focal(f, set);
        let mut top = TopK::new(k);
        for (jj, b) in typ.iter().enumerate() {
            let j = b.case.index;
            for (ii, a) in typ.iter().enumerate() {
                let i = a.case.index;
                let sm = 2.0 * (y[i] - term[i]) + (1.0 - term[i]);
                let sn = 2.0 * (y[j] - term[j]) + (1.0 - term[j]);
                if i == j || sm > sn {
                    continue;
                }
                let s = round3(
                    (0.5 - (x[i] - x[j]))
                        + (0.5 - (y[i] - y[j]))
                        + (z[i] - z[j]).abs()
                        + 2.0 * (y[i] - x[i]).abs()
                        + 2.0 * (y[j] - x[j]).abs(),
                );
                let rank: u8 = match (x[i] < z[i], x[j] < z[j]) {
                    (true, true) => 1,
                    (true, false) => 2,
                    (false, true) => 3,
                    (false, false) => 4,
                };
                let (c1, c2) = (self.consistent(f, i), self.consistent(f, j));
                let key = [
                    f64::from(rank),
                    flag(c1),
                    flag(c2),
                    flag(uniquely(i)),
                    flag(uniquely(j)),
                    s,
                    0.0,
                    0.0,
                ];
                top.offer(key, jj * typ.len() + ii, || {
                    let mut p = bare_pair(
                        case_ref(cases, i, term[i], y[i]),
                        case_ref(cases, j, term[j], y[j]),
                        s,
                    );
                    p.pair_rank = (!self.single()).then_some(rank);
                    p.first_consistent_focal = Some(c1);
                    p.second_consistent_focal = Some(c2);
                    p.first_uniquely_covered = Some(uniquely(i));
                    p.second_uniquely_covered = Some(uniquely(j));
                    p.first_most_typical = Some(a.most_typical);
                    p.second_most_typical = Some(b.most_typical);
                    p.first_most_typical_focal = Some(mtfc[i]);
                    p.second_most_typical_focal = Some(mtfc[j]);
                    p
                });
            }
        }
        self.list(PairKind::TypicalTypicalFocal, f, top)
    }

    /// matches.suf.typiir for conjunct `f`: the irrelevant cases are those of the term.
    fn typical_irrelevant(
        &self,
        f: usize,
        set: &SetCases,
        solution_x: &[f64],
        cases: &[String],
        k: usize,
        uniquely: &dyn Fn(usize) -> bool,
    ) -> PairList {
        let (x, z, y, term) = (&self.x[f], &self.z[f], self.y, self.term);
        let typ: Vec<&TypicalCase> = by_index(&set.typical, |c| c.case.index);
        let mtfc = self.most_typical_focal(f, set);
        let mut top = TopK::new(k);
        for (jj, d) in set.individually_irrelevant.iter().enumerate() {
            let j = d.index;
            for (ii, a) in typ.iter().enumerate() {
                let i = a.case.index;
                let s = round3(
                    (1.0 - (x[i] - x[j]))
                        + (1.0 - (y[i] - y[j]))
                        + (z[i] - z[j]).abs()
                        + 2.0 * (y[i] - x[i]).abs()
                        + (y[j] - x[j]).abs(),
                );
                let below = x[i] < z[i];
                // R's aux.ff: which conjuncts keep the irrelevant case out of the term.
                let rank: u8 = if x[j] < 0.5 && z[j] >= 0.5 {
                    if below { 1 } else { 2 }
                } else if x[j] < 0.5 && z[j] < 0.5 && below {
                    if z[j] > x[j] { 3 } else { 4 }
                } else if x[j] < 0.5 && z[j] < 0.5 {
                    if x[j] < z[j] { 5 } else { 6 }
                } else if z[j] < 0.5 && x[j] >= 0.5 {
                    if below { 7 } else { 8 }
                } else {
                    9
                };
                let c1 = self.consistent(f, i);
                let glob = solution_x[j] < 0.5;
                let key = [
                    f64::from(rank),
                    flag(c1),
                    flag(uniquely(i)),
                    flag(glob),
                    s,
                    0.0,
                    0.0,
                    0.0,
                ];
                top.offer(key, jj * typ.len() + ii, || {
                    let mut p = bare_pair(
                        case_ref(cases, i, term[i], y[i]),
                        case_ref(cases, j, term[j], y[j]),
                        s,
                    );
                    p.pair_rank = (!self.single()).then_some(rank);
                    p.first_consistent_focal = Some(c1);
                    p.first_uniquely_covered = Some(uniquely(i));
                    p.globally_uncovered = Some(glob);
                    p.first_most_typical = Some(a.most_typical);
                    p.first_most_typical_focal = Some(mtfc[i]);
                    p
                });
            }
        }
        self.list(PairKind::TypicalIrrelevantFocal, f, top)
    }
}
