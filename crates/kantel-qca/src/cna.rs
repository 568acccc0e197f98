//! Coincidence Analysis (CNA), as R's `cna` package 4.0 (Baumgartner & Ambühl) does it.
//!
//! CNA searches, for every outcome (a factor value), the minimally sufficient conditions
//! (msc: conjunctions that reach the consistency threshold and have no sufficient proper
//! part), builds disjunctions of msc that reach consistency and coverage (atomic solution
//! formulas, asf, `A*b + C <-> E`), keeps the irredundant (INUS) ones and conjoins asfs of
//! different outcomes into complex solution formulas (csf) without structural redundancies.
//!
//! Data are crisp (0/1), multi-value (whole-number levels) or fuzzy; the type is detected
//! from the data as `cna(type = "auto")` does. Consistency and coverage are the standard
//! (fuzzy) ones, weighted by case frequencies; they equal QCA's inclS and covS.
//!
//! Notation: cna writes absence as a lower-case name (`b`) and multi-value levels as `X=2`;
//! kantel's native notation is R QCA's (`~B`, `X[2]`). [`CnaAtomic::to_cna`] and
//! [`CnaAtomic::to_qca`] print both; [`CnaAtomic::parse_cna`] reads cna's.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;

use kantel_i18n::{Msg, msg};
use serde::{Deserialize, Serialize};

use crate::progress::{NoProgress, Progress, ProgressWhat, Ticker};
use crate::{ColumnKind, QcaError, SetData};

/// Default of [`CnaOptions::max_msc_candidates`]: a second or two of work, and at most
/// 200 MB of msc memberships (storing a sufficient candidate costs its evaluation again,
/// so the memberships kept are at most half the budget, 8 bytes each). 40 crisp factors on
/// 200 cases with maxstep 3 need 17 million per outcome.
pub const DEFAULT_MAX_MSC_CANDIDATES: u64 = 50_000_000;
/// Default of [`CnaOptions::max_asf_candidates`]: a second or two of work.
pub const DEFAULT_MAX_ASF_CANDIDATES: u64 = 5_000_000;
/// Default of [`CnaOptions::max_csf_candidates`]: n.init = 1000 asfs of one outcome combined
/// with 1000 of another fit, and their checks over a few hundred configurations each.
pub const DEFAULT_MAX_CSF_CANDIDATES: u64 = 5_000_000;

/// Type of the data, detected as R's `configTable(type = "auto")`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CnaDataType {
    /// Crisp-set data ("cs"): every value is 0 or 1.
    Crisp,
    /// Multi-value data ("mv"): whole numbers with at least one value above 1. Every
    /// factor is then multi-value, binary ones included (`X=0`, `X=1`).
    MultiValue,
    /// Fuzzy-set data ("fs"): memberships in [0, 1].
    Fuzzy,
}

/// Which asfs survive the check that the outcome varies among the cases where condition
/// and outcome agree (cna's `asf.selection`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AsfSelection {
    /// Memberships rounded at 0.5 (0.5 counts as 1) before the check (cna's default).
    Crisp,
    /// Memberships compared as they are.
    Fuzzy,
    /// No check.
    None,
}

/// Settings of a CNA, as the arguments of R's `cna()` and `cnaControl()`, plus the budgets
/// that bound the search (R has none: a wide table runs out of memory there).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CnaOptions {
    /// Consistency threshold for asfs (and msc unless `con_msc` is set); default 1.
    pub con: f64,
    /// Coverage threshold for asfs; default 1.
    pub cov: f64,
    /// Consistency threshold for msc (`con.msc`); `None` means `con`.
    pub con_msc: Option<f64>,
    /// `maxstep`: (most factors in a conjunction, most disjuncts in an asf, largest asf
    /// complexity); default (3, 4, 10).
    pub maxstep: (usize, usize, usize),
    /// Causal ordering, from causes to effects: `[["EM","SP","CO"],["AU"]]` is cna's
    /// `"EM, SP, CO < AU"`. Factors not named form a first level before the others. A
    /// factor can only be caused by factors of earlier levels (and, unless `strict`, of
    /// its own level).
    pub ordering: Vec<Vec<String>>,
    /// Strict ordering: factors of the same level cannot cause each other.
    pub strict: bool,
    /// Outcomes: factor names (all values of a multi-value factor) or `X=v` for one value
    /// of a multi-value factor; `None` means every factor (`outcome = TRUE`).
    pub outcomes: Option<Vec<String>>,
    /// Drop sufficient conditions that contain a sufficient proper part (`only.minimal.msc`).
    pub only_minimal_msc: bool,
    /// Keep only INUS asfs and csfs without (partial) structural redundancies (`inus.only`).
    pub inus_only: bool,
    /// `asf.selection`; default [`AsfSelection::Crisp`].
    pub asf_selection: AsfSelection,
    /// `n.init` of `csf()`: at most this many combinations of asfs (ties on complexity
    /// kept) are examined as csfs; default 1000.
    pub csf_n_init: usize,
    /// Cap on candidate asfs of one structure (`maxSol`); reaching it is reported.
    pub max_solutions: usize,
    /// Cap on the configurations of the factors of one formula that INUS, redundancy and
    /// exhaustiveness checks enumerate.
    pub max_configurations: usize,
    /// Budget of the msc search over all outcomes, in candidate × configuration steps:
    /// every combination of factors is read in every configuration, and every candidate
    /// conjunction is evaluated over every configuration. A level (conjunctions of k
    /// factors) that cannot be enumerated within what is left is not started; the search
    /// stops with a warning and the asfs are built from the msc found (CLI
    /// `--max-msc-candidates`).
    pub max_msc_candidates: u64,
    /// Budget of the asf search over all outcomes: combinations of msc examined plus, per
    /// candidate asf checked (INUS, exhaustiveness), the configurations of its factors. At
    /// the budget the search stops with a warning; the asfs found
    /// so far are returned (CLI `--max-asf-candidates`).
    pub max_asf_candidates: u64,
    /// Budget of the csf search: combinations of asfs built plus, per candidate csf checked
    /// (redundancy, INUS, exhaustiveness), the configurations of its factors. At the budget the search stops with a warning; the csfs found so far are returned (CLI
    /// `--max-csf-candidates`).
    pub max_csf_candidates: u64,
    /// `measures`: the sufficiency measure (for `con`, `con_msc`) and the necessity measure
    /// (for `cov`); default standard consistency and standard coverage.
    pub measures: (CnaMeasure, CnaMeasure),
    /// `notcols`: factors (crisp or fuzzy) whose absence, not presence, is the outcome, as
    /// cna 4.0 does (`notcols = "B"` analyses outcome `b`); `["all"]` negates every factor.
    /// An outcome written in lower case (`b`) in `outcomes` is the same.
    pub notcols: Vec<String>,
    /// `exclude`: factor values that may not be causes of given outcomes, in cna's syntax,
    /// one rule per entry: `"A,c -> B"`, `"A=1,C=3 -> B=1"`, `"A* -> B"` (every value of A),
    /// `"d -> B*"` (every value of B as outcome).
    pub exclude: Vec<String>,
    /// `acyclic.only`: drop csfs with a cyclic substructure.
    pub acyclic_only: bool,
    /// `cycle.type`: cycles among factors (default) or among factor values.
    pub cycle_type: CycleType,
}

/// The con/cov measures of cna 4.0 (`showConCovMeasures()`), by their number there (1-8).
/// Sufficiency measures are the consistencies, necessity measures the coverages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CnaMeasure {
    /// "standard consistency" (`scon`): Σ min(X, Y) / Σ X.
    #[serde(rename = "standard consistency")]
    StandardConsistency,
    /// "standard coverage" (`scov`): Σ min(X, Y) / Σ Y.
    #[serde(rename = "standard coverage")]
    StandardCoverage,
    /// "contrapositive consistency" (`ccon`): Σ (1 − max(X, Y)) / Σ (1 − Y).
    #[serde(rename = "contrapositive consistency")]
    ContrapositiveConsistency,
    /// "contrapositive coverage" (`ccov`): Σ (1 − max(X, Y)) / Σ (1 − X).
    #[serde(rename = "contrapositive coverage")]
    ContrapositiveCoverage,
    /// "prevalence-adjusted consistency" (`PAcon`).
    #[serde(rename = "prevalence-adjusted consistency")]
    PrevalenceAdjustedConsistency,
    /// "antecedent-adjusted coverage" (`AAcov`).
    #[serde(rename = "antecedent-adjusted coverage")]
    AntecedentAdjustedCoverage,
    /// "antecedent-adjusted contrapositive consistency" (`AACcon`).
    #[serde(rename = "antecedent-adjusted contrapositive consistency")]
    AntecedentAdjustedContrapositiveConsistency,
    /// "prevalence-adjusted contrapositive coverage" (`PACcov`).
    #[serde(rename = "prevalence-adjusted contrapositive coverage")]
    PrevalenceAdjustedContrapositiveCoverage,
}

impl CnaMeasure {
    /// All eight, in cna's order (number 1 to 8).
    pub const ALL: [CnaMeasure; 8] = [
        CnaMeasure::StandardConsistency,
        CnaMeasure::StandardCoverage,
        CnaMeasure::ContrapositiveConsistency,
        CnaMeasure::ContrapositiveCoverage,
        CnaMeasure::PrevalenceAdjustedConsistency,
        CnaMeasure::AntecedentAdjustedCoverage,
        CnaMeasure::AntecedentAdjustedContrapositiveConsistency,
        CnaMeasure::PrevalenceAdjustedContrapositiveCoverage,
    ];

    /// cna's full name ("standard consistency").
    pub fn name(self) -> &'static str {
        match self {
            CnaMeasure::StandardConsistency => "standard consistency",
            CnaMeasure::StandardCoverage => "standard coverage",
            CnaMeasure::ContrapositiveConsistency => "contrapositive consistency",
            CnaMeasure::ContrapositiveCoverage => "contrapositive coverage",
            CnaMeasure::PrevalenceAdjustedConsistency => "prevalence-adjusted consistency",
            CnaMeasure::AntecedentAdjustedCoverage => "antecedent-adjusted coverage",
            CnaMeasure::AntecedentAdjustedContrapositiveConsistency => {
                "antecedent-adjusted contrapositive consistency"
            }
            CnaMeasure::PrevalenceAdjustedContrapositiveCoverage => {
                "prevalence-adjusted contrapositive coverage"
            }
        }
    }

    /// cna's aliases (`scon`, `s-con`, ...); the first is cna's short name.
    pub fn aliases(self) -> [&'static str; 2] {
        match self {
            CnaMeasure::StandardConsistency => ["scon", "s-con"],
            CnaMeasure::StandardCoverage => ["scov", "s-cov"],
            CnaMeasure::ContrapositiveConsistency => ["ccon", "c-con"],
            CnaMeasure::ContrapositiveCoverage => ["ccov", "c-cov"],
            CnaMeasure::PrevalenceAdjustedConsistency => ["PAcon", "PA-con"],
            CnaMeasure::AntecedentAdjustedCoverage => ["AAcov", "AA-cov"],
            CnaMeasure::AntecedentAdjustedContrapositiveConsistency => ["AACcon", "AAC-con"],
            CnaMeasure::PrevalenceAdjustedContrapositiveCoverage => ["PACcov", "PAC-cov"],
        }
    }

    /// Reads a measure as cna's `resolveMeasures` does: a full name, an alias or the number
    /// 1-8, case-insensitive; an unambiguous prefix (R's `pmatch`) is accepted too.
    pub fn parse(text: &str) -> Result<CnaMeasure, QcaError> {
        let t = text.trim().to_lowercase();
        let mut strings: Vec<(String, CnaMeasure)> = Vec::new();
        for (i, m) in CnaMeasure::ALL.iter().enumerate() {
            strings.push((m.name().to_string(), *m));
            for a in m.aliases() {
                strings.push((a.to_lowercase(), *m));
            }
            strings.push(((i + 1).to_string(), *m));
        }
        if let Some((_, m)) = strings.iter().find(|(s, _)| *s == t) {
            return Ok(*m);
        }
        let partial: Vec<&(String, CnaMeasure)> = if t.is_empty() {
            Vec::new()
        } else {
            strings.iter().filter(|(s, _)| s.starts_with(&t)).collect()
        };
        match partial.as_slice() {
            [(_, m)] => Ok(*m),
            _ => Err(QcaError::Settings(msg!(
                "qca-cna-unknown-measure",
                measure = text,
                measures = CnaMeasure::ALL
                    .iter()
                    .map(|m| format!("{} ({})", m.name(), m.aliases()[0]))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }

    /// The measure of condition memberships `x` for outcome memberships `y`, cases
    /// weighted by `f` (cna's C code, term by term).
    pub fn compute(self, x: &[f64], y: &[f64], f: &[f64]) -> f64 {
        fn ratio(x: &[f64], y: &[f64], f: &[f64]) -> f64 {
            let (mut sx, mut sxy) = (0.0, 0.0);
            for i in 0..x.len() {
                sx += x[i] * f[i];
                sxy += x[i].min(y[i]) * f[i];
            }
            sxy / sx
        }
        fn ratio_compl(x: &[f64], y: &[f64], f: &[f64]) -> f64 {
            let (mut sx, mut sxy) = (0.0, 0.0);
            for i in 0..x.len() {
                sx += (1.0 - x[i]) * f[i];
                sxy += (1.0 - x[i].max(y[i])) * f[i];
            }
            sxy / sx
        }
        fn wcon(x: &[f64], y: &[f64], f: &[f64]) -> f64 {
            let (mut s_y, mut s_xy, mut s_xny, mut s_all, mut sf) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for i in 0..x.len() {
                s_y += y[i] * f[i];
                s_xy += x[i].min(y[i]) * f[i];
                s_xny += x[i].min(1.0 - y[i]) * f[i];
                s_all += x[i].min(y[i]).min((1.0 - x[i]).min(1.0 - y[i])) * f[i];
                sf += f[i];
            }
            let w = s_y / (sf - s_y);
            s_xy / (s_xy + w * (s_xny - s_all))
        }
        fn wccov(x: &[f64], y: &[f64], f: &[f64]) -> f64 {
            let (mut s_ny, mut s_nxny, mut s_nxy, mut s_all, mut sf) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for i in 0..x.len() {
                let (xc, yc) = (1.0 - x[i], 1.0 - y[i]);
                s_ny += yc * f[i];
                s_nxny += xc.min(yc) * f[i];
                s_nxy += xc.min(y[i]) * f[i];
                s_all += x[i].min(y[i]).min(xc.min(yc)) * f[i];
                sf += f[i];
            }
            let w = s_ny / (sf - s_ny);
            s_nxny / (s_nxny + w * (s_nxy - s_all))
        }
        match self {
            CnaMeasure::StandardConsistency => ratio(x, y, f),
            CnaMeasure::StandardCoverage => ratio(y, x, f),
            CnaMeasure::ContrapositiveConsistency => ratio_compl(y, x, f),
            CnaMeasure::ContrapositiveCoverage => ratio_compl(x, y, f),
            CnaMeasure::PrevalenceAdjustedConsistency => wcon(x, y, f),
            CnaMeasure::AntecedentAdjustedCoverage => wcon(y, x, f),
            CnaMeasure::AntecedentAdjustedContrapositiveConsistency => wccov(y, x, f),
            CnaMeasure::PrevalenceAdjustedContrapositiveCoverage => wccov(x, y, f),
        }
    }
}

/// What counts as a cycle for `acyclic_only` and [`CnaCsf::cyclic`] (cna's `cycle.type`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CycleType {
    /// A path of causation leads from a factor back to the same factor (`"factor"`).
    #[default]
    Factor,
    /// A path leads from a factor value back to the same value (`"value"`): `A -> B`,
    /// `b -> a` is not a cycle of values.
    Value,
}

impl Default for CnaOptions {
    fn default() -> Self {
        CnaOptions {
            con: 1.0,
            cov: 1.0,
            con_msc: None,
            maxstep: (3, 4, 10),
            ordering: Vec::new(),
            strict: false,
            outcomes: None,
            only_minimal_msc: true,
            inus_only: true,
            asf_selection: AsfSelection::Crisp,
            csf_n_init: 1000,
            max_solutions: 1_000_000,
            max_configurations: 1 << 22,
            max_msc_candidates: DEFAULT_MAX_MSC_CANDIDATES,
            max_asf_candidates: DEFAULT_MAX_ASF_CANDIDATES,
            max_csf_candidates: DEFAULT_MAX_CSF_CANDIDATES,
            measures: (
                CnaMeasure::StandardConsistency,
                CnaMeasure::StandardCoverage,
            ),
            notcols: Vec::new(),
            exclude: Vec::new(),
            acyclic_only: false,
            cycle_type: CycleType::Factor,
        }
    }
}

/// The value a literal requires of its factor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CnaValue {
    /// Crisp or fuzzy factor present (`A`).
    Present,
    /// Crisp or fuzzy factor absent (cna `a`, QCA `~A`).
    Absent,
    /// Multi-value factor at this level (cna `A=2`, QCA `A[2]`).
    Level(u32),
}

/// A factor value: the building block of conditions and the outcome of an asf.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CnaLiteral {
    /// Factor (column) name.
    pub factor: String,
    /// Required value.
    pub value: CnaValue,
}

impl CnaLiteral {
    /// cna notation: `A`, `a`, `A=2`. Absence is only unambiguous for upper-case names.
    pub fn to_cna(&self) -> String {
        match self.value {
            CnaValue::Present => self.factor.clone(),
            CnaValue::Absent => self.factor.to_lowercase(),
            CnaValue::Level(v) => format!("{}={v}", self.factor),
        }
    }

    /// R QCA notation: `A`, `~A`, `A[2]`.
    pub fn to_qca(&self) -> String {
        match self.value {
            CnaValue::Present => self.factor.clone(),
            CnaValue::Absent => format!("~{}", self.factor),
            CnaValue::Level(v) => format!("{}[{v}]", self.factor),
        }
    }
}

impl fmt::Display for CnaLiteral {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_cna())
    }
}

/// A formula `condition <-> outcome` with the condition a disjunction of conjunctions.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CnaAtomic {
    /// The outcome value.
    pub outcome: CnaLiteral,
    /// Disjuncts, each a conjunction of literals.
    pub disjuncts: Vec<Vec<CnaLiteral>>,
}

fn join_condition(disjuncts: &[Vec<CnaLiteral>], qca: bool) -> String {
    join_condition_with(disjuncts, qca, if qca { " + " } else { "+" })
}

fn join_condition_with(disjuncts: &[Vec<CnaLiteral>], qca: bool, sep: &str) -> String {
    disjuncts
        .iter()
        .map(|c| {
            c.iter()
                .map(|l| if qca { l.to_qca() } else { l.to_cna() })
                .collect::<Vec<_>>()
                .join("*")
        })
        .collect::<Vec<_>>()
        .join(sep)
}

impl CnaAtomic {
    /// cna notation as R prints it in tables: `A*b+C<->E`.
    pub fn to_cna(&self) -> String {
        format!(
            "{}<->{}",
            join_condition(&self.disjuncts, false),
            self.outcome.to_cna()
        )
    }

    /// R QCA notation: `A*~B + C <-> E`.
    pub fn to_qca(&self) -> String {
        format!(
            "{} <-> {}",
            join_condition(&self.disjuncts, true),
            self.outcome.to_qca()
        )
    }

    /// cna notation spaced for reading, the `expression` of the JSON: `A*b + C <-> E`.
    pub fn expression(&self) -> String {
        format!(
            "{} <-> {}",
            join_condition_with(&self.disjuncts, false, " + "),
            self.outcome.to_cna()
        )
    }

    /// Number of literals (cna's complexity).
    pub fn complexity(&self) -> usize {
        self.disjuncts.iter().map(Vec::len).sum()
    }

    /// The condition as a set of disjuncts, each a set of literals: the order-insensitive
    /// identity of the formula.
    pub fn condition_set(&self) -> BTreeSet<BTreeSet<CnaLiteral>> {
        self.disjuncts
            .iter()
            .map(|c| c.iter().cloned().collect())
            .collect()
    }

    /// Parses cna notation `A*b + C=2 <-> E` (also `->` as in msc tables). A lower-case
    /// name is an absent factor, an upper-case one a present factor, `X=v` a level.
    pub fn parse_cna(text: &str) -> Result<CnaAtomic, QcaError> {
        let err = |position: usize, message: Msg| QcaError::Expression {
            expression: text.to_string(),
            position,
            message,
        };
        let (lhs, rhs, rhs_at) = if let Some(i) = text.find("<->") {
            (&text[..i], &text[i + 3..], i + 3)
        } else if let Some(i) = text.find("->") {
            (&text[..i], &text[i + 2..], i + 2)
        } else {
            return Err(err(1, msg!("qca-cna-no-arrow")));
        };
        let outcome = parse_literal(rhs.trim(), text, rhs_at + 1)?;
        let mut disjuncts = Vec::new();
        let mut at = 0;
        for d in lhs.split('+') {
            let mut conj = Vec::new();
            let mut inner = at;
            for lit in d.split('*') {
                let trimmed = lit.trim();
                if trimmed.is_empty() {
                    return Err(err(inner + 1, msg!("qca-cna-empty-literal")));
                }
                conj.push(parse_literal(trimmed, text, inner + 1)?);
                inner += lit.len() + 1;
            }
            disjuncts.push(conj);
            at += d.len() + 1;
        }
        Ok(CnaAtomic { outcome, disjuncts })
    }
}

fn parse_literal(token: &str, text: &str, position: usize) -> Result<CnaLiteral, QcaError> {
    let err = |message: Msg| QcaError::Expression {
        expression: text.to_string(),
        position,
        message,
    };
    if let Some((name, v)) = token.split_once('=') {
        let level: u32 = v
            .trim()
            .parse()
            .map_err(|_| err(msg!("qca-cna-bad-level", value = v, name = name)))?;
        return Ok(CnaLiteral {
            factor: name.trim().to_string(),
            value: CnaValue::Level(level),
        });
    }
    if token
        .chars()
        .any(|c| c.is_whitespace() || "()~[]".contains(c))
    {
        return Err(err(msg!("qca-cna-not-a-value", token = token)));
    }
    let upper = token.to_uppercase();
    if token == upper {
        Ok(CnaLiteral {
            factor: token.to_string(),
            value: CnaValue::Present,
        })
    } else if token == token.to_lowercase() {
        Ok(CnaLiteral {
            factor: upper,
            value: CnaValue::Absent,
        })
    } else {
        Err(err(msg!("qca-cna-mixed-case", token = token)))
    }
}

/// Parses a csf in cna notation, `(A+B<->C)*(C*d<->E)` (a single asf without parentheses
/// is accepted too).
pub fn parse_cna_csf(text: &str) -> Result<Vec<CnaAtomic>, QcaError> {
    let t = text.trim();
    if !t.starts_with('(') {
        return Ok(vec![CnaAtomic::parse_cna(t)?]);
    }
    let inner = t
        .strip_prefix('(')
        .and_then(|s| s.strip_suffix(')'))
        .ok_or_else(|| QcaError::Expression {
            expression: text.to_string(),
            position: t.len(),
            message: msg!("qca-cna-unbalanced"),
        })?;
    inner.split(")*(").map(CnaAtomic::parse_cna).collect()
}

/// A minimally sufficient condition of an outcome.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CnaMsc {
    /// The outcome value.
    pub outcome: CnaLiteral,
    /// The conjunction.
    pub condition: Vec<CnaLiteral>,
    /// Consistency (inclS of the conjunction for the outcome).
    pub con: f64,
    /// Coverage (covS).
    pub cov: f64,
    /// Number of literals.
    pub complexity: usize,
    /// No sufficient proper part (always true unless `only_minimal_msc` is off).
    pub minimal: bool,
    /// The msc in cna notation, `A*b -> E`.
    #[serde(default)]
    pub expression: String,
}

impl CnaMsc {
    /// cna notation `A*b->E`.
    pub fn to_cna(&self) -> String {
        format!(
            "{}->{}",
            join_condition(std::slice::from_ref(&self.condition), false),
            self.outcome.to_cna()
        )
    }

    /// R QCA notation `A*~B -> E`.
    pub fn to_qca(&self) -> String {
        format!(
            "{} -> {}",
            join_condition(std::slice::from_ref(&self.condition), true),
            self.outcome.to_qca()
        )
    }

    /// cna notation spaced for reading: `A*b -> E`.
    pub fn expression_of(condition: &[CnaLiteral], outcome: &CnaLiteral) -> String {
        format!(
            "{} -> {}",
            join_condition(&[condition.to_vec()], false),
            outcome.to_cna()
        )
    }
}

/// An atomic solution formula with its measures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CnaAsf {
    /// The formula in cna notation, `L + G <-> E`.
    #[serde(default)]
    pub expression: String,
    /// The formula.
    pub formula: CnaAtomic,
    /// Consistency.
    pub con: f64,
    /// Coverage.
    pub cov: f64,
    /// Number of literals.
    pub complexity: usize,
    /// INUS: no redundant disjunct or literal, not constant (checked over all
    /// configurations of its factors).
    pub inus: bool,
    /// Share of the configurations compatible with the formula that occur in the data.
    pub exhaustiveness: f64,
    /// Share of the configurations in the data that are compatible with the formula.
    pub faithfulness: f64,
}

/// A complex solution formula: a conjunction of asfs of different outcomes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CnaCsf {
    /// The formula in cna notation, `(L + G <-> E)*(U + D <-> L)` (one asf: `L + G <-> E`).
    #[serde(default)]
    pub expression: String,
    /// The asfs, ordered by outcome name.
    pub asfs: Vec<CnaAtomic>,
    /// Smallest consistency of its asfs.
    pub con: f64,
    /// Smallest coverage of its asfs.
    pub cov: f64,
    /// Sum of the asfs' complexities.
    pub complexity: usize,
    /// Every asf INUS and no (partial) structural redundancy, constant factor or constancy.
    pub inus: bool,
    /// The causal graph of the csf has a cycle (on factors).
    pub cyclic: bool,
    /// As for asfs, over the configurations compatible with every asf.
    pub exhaustiveness: f64,
    /// As for asfs.
    pub faithfulness: f64,
    /// Coherence: how well asfs that share factors agree case by case (1 when none share).
    pub coherence: f64,
}

impl CnaCsf {
    /// Outcomes as cna prints them: `E,L`.
    pub fn outcome_label(&self) -> String {
        self.asfs
            .iter()
            .map(|a| a.outcome.to_cna())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// cna notation: `(L+G<->E)*(U+D<->L)`; a single asf without parentheses.
    pub fn to_cna(&self) -> String {
        if self.asfs.len() == 1 {
            return self.asfs[0].to_cna();
        }
        self.asfs
            .iter()
            .map(|a| format!("({})", a.to_cna()))
            .collect::<Vec<_>>()
            .join("*")
    }

    /// cna notation spaced for reading: `(L + G <-> E)*(U + D <-> L)`.
    pub fn expression_of(asfs: &[CnaAtomic]) -> String {
        if asfs.len() == 1 {
            return asfs[0].expression();
        }
        asfs.iter()
            .map(|a| format!("({})", a.expression()))
            .collect::<Vec<_>>()
            .join("*")
    }

    /// R QCA notation: `(L + G <-> E) * (U + D <-> L)`.
    pub fn to_qca(&self) -> String {
        if self.asfs.len() == 1 {
            return self.asfs[0].to_qca();
        }
        self.asfs
            .iter()
            .map(|a| format!("({})", a.to_qca()))
            .collect::<Vec<_>>()
            .join(" * ")
    }
}

/// The result of [`cna`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CnaResult {
    /// Detected data type.
    pub data_type: CnaDataType,
    /// Factors, in data order.
    pub factors: Vec<String>,
    /// Outcomes analysed, in cna notation (`E`, `PB=1`).
    pub outcomes: Vec<CnaLiteral>,
    /// Minimally sufficient conditions, by outcome, then complexity and con·cov.
    pub msc: Vec<CnaMsc>,
    /// Atomic solution formulas, by outcome, then complexity and con·cov.
    pub asf: Vec<CnaAsf>,
    /// Complex solution formulas, by complexity and con·cov.
    pub csf: Vec<CnaCsf>,
    /// Caps reached and other things the researcher should know, in English (the text of
    /// `warning_msgs`, kept for callers that print English).
    pub warnings: Vec<String>,
    /// The same warnings as typed messages, for rendering in the user's language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warning_msgs: Vec<Msg>,
    /// The measures used for con and cov (cna's `measures`).
    #[serde(default)]
    pub measures: Vec<CnaMeasure>,
}

// ---------------------------------------------------------------------------------------
// Prepared data: the configuration table with one score column per factor value.

struct Prepared {
    kind: CnaDataType,
    names: Vec<String>,
    /// Per factor: its values (cs/fs: [1, 0] for present, absent; mv: observed levels).
    levels: Vec<Vec<f64>>,
    /// First value column of each factor.
    offset: Vec<usize>,
    /// Per value column: its factor and its index among that factor's values.
    value_factor: Vec<usize>,
    value_index: Vec<usize>,
    /// Configuration-table rows: memberships per value column, frequencies, and the value
    /// index per factor each row instantiates (fuzzy: cut at 0.5, 0.5 counting as present).
    scores: Vec<Vec<f64>>,
    freq: Vec<f64>,
    value_id: Vec<Vec<usize>>,
    /// Fuzzy rows rounded as R's `round()` (half to even: 0.5 becomes absent), per factor.
    rounded_id: Vec<Vec<usize>>,
    /// The sufficiency and necessity measures (`CnaOptions::measures`).
    measures: (CnaMeasure, CnaMeasure),
    /// `CnaOptions::cycle_type`.
    cycle_type: CycleType,
}

impl Prepared {
    fn literal(&self, v: usize) -> CnaLiteral {
        let f = self.value_factor[v];
        let value = match self.kind {
            CnaDataType::MultiValue => CnaValue::Level(self.levels[f][self.value_index[v]] as u32),
            _ if self.value_index[v] == 0 => CnaValue::Present,
            _ => CnaValue::Absent,
        };
        CnaLiteral {
            factor: self.names[f].clone(),
            value,
        }
    }

    fn n_rows(&self) -> usize {
        self.freq.len()
    }

    fn conj_membership(&self, conj: &[usize]) -> Vec<f64> {
        self.scores
            .iter()
            .map(|row| conj.iter().map(|&v| row[v]).fold(1.0, f64::min))
            .collect()
    }

    fn disj_membership(&self, disj: &[Vec<usize>]) -> Vec<f64> {
        let mut out = vec![0.0_f64; self.n_rows()];
        for conj in disj {
            for (o, m) in out.iter_mut().zip(self.conj_membership(conj)) {
                *o = o.max(m);
            }
        }
        out
    }

    fn y(&self, v: usize) -> Vec<f64> {
        self.scores.iter().map(|r| r[v]).collect()
    }

    /// The chosen sufficiency and necessity measures of `x` for `y`.
    fn con_cov(&self, x: &[f64], y: &[f64]) -> (f64, f64) {
        (
            self.measures.0.compute(x, y, &self.freq),
            self.measures.1.compute(x, y, &self.freq),
        )
    }
}

fn prepare(data: &SetData) -> Result<Prepared, QcaError> {
    let names = data.names().to_vec();
    if names.len() < 2 {
        return Err(QcaError::Settings(msg!(
            "qca-cna-too-few-factors",
            factors = names.len()
        )));
    }
    let mut any_fuzzy = None;
    let mut any_mv = None;
    for (i, name) in names.iter().enumerate() {
        match data.kind_at(i) {
            ColumnKind::Raw => {
                return Err(QcaError::Data(msg!("qca-cna-raw-column", name = name)));
            }
            ColumnKind::Fuzzy => any_fuzzy = any_fuzzy.or(Some(name.clone())),
            ColumnKind::MultiValue { .. } => any_mv = any_mv.or(Some(name.clone())),
            ColumnKind::Crisp => {}
        }
    }
    let kind = match (any_fuzzy, any_mv) {
        (Some(f), Some(m)) => {
            return Err(QcaError::Data(msg!(
                "qca-cna-mixed-types",
                fuzzy = f,
                multi_value = m
            )));
        }
        (Some(_), None) => CnaDataType::Fuzzy,
        (None, Some(_)) => CnaDataType::MultiValue,
        (None, None) => CnaDataType::Crisp,
    };
    // Configuration table: identical cases merged, first appearance order.
    let n = data.n_cases();
    let mut index: HashMap<Vec<u64>, usize> = HashMap::new();
    let mut rows: Vec<Vec<f64>> = Vec::new();
    let mut freq: Vec<f64> = Vec::new();
    for c in 0..n {
        let row: Vec<f64> = (0..names.len()).map(|i| data.column_at(i)[c]).collect();
        let key: Vec<u64> = row.iter().map(|v| (v + 0.0).to_bits()).collect();
        match index.get(&key) {
            Some(&r) => freq[r] += 1.0,
            None => {
                index.insert(key, rows.len());
                rows.push(row);
                freq.push(1.0);
            }
        }
    }
    if rows.len() < 2 {
        return Err(QcaError::Data(msg!(
            "qca-cna-too-few-configurations",
            cases = n,
            configurations = rows.len()
        )));
    }
    let levels: Vec<Vec<f64>> = (0..names.len())
        .map(|i| match kind {
            CnaDataType::MultiValue => {
                let mut v: Vec<f64> = data.column_at(i).to_vec();
                v.sort_by(f64::total_cmp);
                v.dedup();
                v
            }
            _ => vec![1.0, 0.0],
        })
        .collect();
    let mut offset = Vec::new();
    let mut value_factor = Vec::new();
    let mut value_index = Vec::new();
    for (f, l) in levels.iter().enumerate() {
        offset.push(value_factor.len());
        for k in 0..l.len() {
            value_factor.push(f);
            value_index.push(k);
        }
    }
    let mut scores = Vec::new();
    let mut value_id = Vec::new();
    let mut rounded_id = Vec::new();
    for row in &rows {
        let mut s = Vec::with_capacity(value_factor.len());
        let mut id = Vec::with_capacity(names.len());
        let mut rid = Vec::with_capacity(names.len());
        for (f, &x) in row.iter().enumerate() {
            match kind {
                CnaDataType::MultiValue => {
                    let k = levels[f].iter().position(|l| *l == x).unwrap_or(0);
                    for (j, _) in levels[f].iter().enumerate() {
                        s.push(if j == k { 1.0 } else { 0.0 });
                    }
                    id.push(k);
                    rid.push(k);
                }
                _ => {
                    s.push(x);
                    s.push(1.0 - x);
                    id.push(if x >= 0.5 { 0 } else { 1 });
                    rid.push(if x > 0.5 { 0 } else { 1 });
                }
            }
        }
        scores.push(s);
        value_id.push(id);
        rounded_id.push(rid);
    }
    Ok(Prepared {
        kind,
        names,
        levels,
        offset,
        value_factor,
        value_index,
        scores,
        freq,
        value_id,
        rounded_id,
        measures: (
            CnaMeasure::StandardConsistency,
            CnaMeasure::StandardCoverage,
        ),
        cycle_type: CycleType::Factor,
    })
}

// ---------------------------------------------------------------------------------------
// All configurations of a set of factors, for INUS, redundancy and exhaustiveness checks.

struct Full {
    /// Position of each factor in a configuration (`usize::MAX`: not included).
    pos: Vec<usize>,
    rows: Vec<Vec<usize>>,
}

impl Full {
    fn build(p: &Prepared, factors: &BTreeSet<usize>, cap: usize) -> Result<Full, QcaError> {
        let mut total: usize = 1;
        for &f in factors {
            total = total.saturating_mul(p.levels[f].len());
        }
        if total > cap {
            return Err(QcaError::Settings(msg!(
                "qca-cna-too-many-configurations",
                factors = factors
                    .iter()
                    .map(|&f| p.names[f].as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                configurations = total,
                max = cap
            )));
        }
        let mut pos = vec![usize::MAX; p.names.len()];
        for (i, &f) in factors.iter().enumerate() {
            pos[f] = i;
        }
        let mut rows = vec![Vec::new()];
        for &f in factors {
            let mut next = Vec::with_capacity(rows.len() * p.levels[f].len());
            for r in &rows {
                for k in 0..p.levels[f].len() {
                    let mut r2 = r.clone();
                    r2.push(k);
                    next.push(r2);
                }
            }
            rows = next;
        }
        Ok(Full { pos, rows })
    }
}

/// Number of configurations of `factors` (saturating): the work of a check over all of
/// them, charged to a budget before [`Full::build`] enumerates them.
fn configurations(p: &Prepared, factors: &BTreeSet<usize>) -> u64 {
    factors
        .iter()
        .fold(1_u64, |n, &f| n.saturating_mul(p.levels[f].len() as u64))
}

/// Whether literal `v` holds in a configuration given as value index per included factor.
fn holds(p: &Prepared, pos: &[usize], config: &[usize], v: usize) -> bool {
    config[pos[p.value_factor[v]]] == p.value_index[v]
}

fn conj_holds(p: &Prepared, pos: &[usize], config: &[usize], conj: &[usize]) -> bool {
    conj.iter().all(|&v| holds(p, pos, config, v))
}

fn disj_holds(p: &Prepared, pos: &[usize], config: &[usize], disj: &[Vec<usize>]) -> bool {
    disj.iter().any(|c| conj_holds(p, pos, config, c))
}

/// An asf internally: disjuncts of value columns and the outcome value column.
#[derive(Clone, Debug, PartialEq)]
struct Asf {
    disj: Vec<Vec<usize>>,
    outcome: usize,
}

fn asf_holds(p: &Prepared, pos: &[usize], config: &[usize], a: &Asf) -> bool {
    disj_holds(p, pos, config, &a.disj) == holds(p, pos, config, a.outcome)
}

fn factors_of(p: &Prepared, asfs: &[&Asf]) -> BTreeSet<usize> {
    let mut s = BTreeSet::new();
    for a in asfs {
        s.insert(p.value_factor[a.outcome]);
        for c in &a.disj {
            for &v in c {
                s.insert(p.value_factor[v]);
            }
        }
    }
    s
}

/// Whether a disjunction is INUS within the given configurations: not constant (unless
/// allowed), every disjunct alone makes it true somewhere, and every literal of a
/// conjunction is needed (dropping it would make the condition true where it is false).
fn inus_condition(
    p: &Prepared,
    pos: &[usize],
    configs: &[&Vec<usize>],
    disj: &[Vec<usize>],
    constant_ok: bool,
) -> bool {
    let eval: Vec<bool> = configs
        .iter()
        .map(|c| disj_holds(p, pos, c, disj))
        .collect();
    if !constant_ok && (eval.is_empty() || eval.iter().all(|e| *e == eval[0])) {
        return false;
    }
    if disj.len() > 1 {
        for j in 0..disj.len() {
            let alone = configs.iter().any(|c| {
                disj.iter()
                    .enumerate()
                    .all(|(k, conj)| conj_holds(p, pos, c, conj) == (k == j))
            });
            if !alone {
                return false;
            }
        }
    }
    for conj in disj.iter().filter(|c| c.len() > 1) {
        for (i, _) in conj.iter().enumerate() {
            let needed = configs.iter().zip(&eval).any(|(c, e)| {
                !*e && conj
                    .iter()
                    .enumerate()
                    .all(|(k, &v)| holds(p, pos, c, v) == (k != i))
            });
            if !needed {
                return false;
            }
        }
    }
    true
}

fn inus_asf(p: &Prepared, a: &Asf, cap: usize) -> Result<bool, QcaError> {
    let full = Full::build(p, &factors_of(p, &[a]), cap)?;
    let configs: Vec<&Vec<usize>> = full.rows.iter().collect();
    let of = p.value_factor[a.outcome];
    if a.disj.iter().flatten().any(|&v| p.value_factor[v] == of) {
        return Ok(false);
    }
    if !inus_condition(p, &full.pos, &configs, &a.disj, false) {
        return Ok(false);
    }
    let eval: Vec<bool> = configs
        .iter()
        .map(|c| asf_holds(p, &full.pos, c, a))
        .collect();
    Ok(!eval.iter().all(|e| *e == eval[0]))
}

/// Exhaustiveness and faithfulness of a conjunction of asfs.
fn exhaustiveness_faithfulness(
    p: &Prepared,
    asfs: &[&Asf],
    cap: usize,
) -> Result<(f64, f64), QcaError> {
    let factors = factors_of(p, asfs);
    let full = Full::build(p, &factors, cap)?;
    let compatible = |config: &[usize]| asfs.iter().all(|a| asf_holds(p, &full.pos, config, a));
    let project = |ids: &Vec<usize>| -> Vec<usize> { factors.iter().map(|&f| ids[f]).collect() };
    // Distinct configurations in the data (fuzzy: cut at 0.5); each represented by its
    // first row, rounded as R's round() for the compatibility count.
    let mut seen = BTreeSet::new();
    let mut rounded = BTreeSet::new();
    for r in 0..p.n_rows() {
        if seen.insert(project(&p.value_id[r])) {
            rounded.insert(project(&p.rounded_id[r]));
        }
    }
    let n_data = seen.len() as f64;
    let n_data_cond = rounded.iter().filter(|c| compatible(c)).count() as f64;
    let n_cond = full.rows.iter().filter(|c| compatible(c)).count() as f64;
    Ok((n_data_cond / n_cond, n_data_cond / n_data))
}

/// Per asf of a csf: whether the others imply it over all configurations of its factors
/// (a structural redundancy).
fn structurally_redundant(p: &Prepared, asfs: &[&Asf], cap: usize) -> Result<Vec<bool>, QcaError> {
    let full = Full::build(p, &factors_of(p, asfs), cap)?;
    let mut redundant = vec![true; asfs.len()];
    for c in &full.rows {
        let ee: Vec<bool> = asfs.iter().map(|a| asf_holds(p, &full.pos, c, a)).collect();
        let failing: Vec<usize> = (0..ee.len()).filter(|&k| !ee[k]).collect();
        if failing.len() == 1 {
            redundant[failing[0]] = false;
        }
    }
    Ok(redundant)
}

/// INUS status of a csf as `csf()` checks it (the asfs' own INUS status aside): no
/// structural redundancy, not constant, no factor made constant, no partial structural
/// redundancy.
fn inus_csf(p: &Prepared, asfs: &[&Asf], cap: usize) -> Result<bool, QcaError> {
    if structurally_redundant(p, asfs, cap)?.iter().any(|r| *r) {
        return Ok(false);
    }
    let full = Full::build(p, &factors_of(p, asfs), cap)?;
    let true_rows: Vec<&Vec<usize>> = full
        .rows
        .iter()
        .filter(|c| asfs.iter().all(|a| asf_holds(p, &full.pos, c, a)))
        .collect();
    if true_rows.is_empty() || true_rows.len() == full.rows.len() {
        return Ok(false);
    }
    // A factor (crisp/fuzzy: its presence; multi-value: any of its values) that takes one
    // value in every configuration compatible with the csf.
    for (f, &pos) in full.pos.iter().enumerate() {
        if pos == usize::MAX {
            continue;
        }
        let columns: Vec<usize> = match p.kind {
            CnaDataType::MultiValue => (0..p.levels[f].len()).map(|k| p.offset[f] + k).collect(),
            _ => vec![p.offset[f]],
        };
        for v in columns {
            let first = holds(p, &full.pos, true_rows[0], v);
            if true_rows.iter().all(|c| holds(p, &full.pos, c, v) == first) {
                return Ok(false);
            }
        }
    }
    if asfs.len() > 1 {
        for a in asfs {
            if !inus_condition(p, &full.pos, &true_rows, &a.disj, true) {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

fn coherence(p: &Prepared, asfs: &[&Asf]) -> f64 {
    let k = asfs.len();
    if k < 2 {
        return 1.0;
    }
    let fs: Vec<BTreeSet<usize>> = asfs.iter().map(|a| factors_of(p, &[a])).collect();
    // Connected components of asfs sharing a factor.
    let mut comp: Vec<usize> = (0..k).collect();
    let mut changed = true;
    while changed {
        changed = false;
        for i in 0..k {
            for j in 0..k {
                if comp[j] < comp[i] && !fs[i].is_disjoint(&fs[j]) {
                    comp[i] = comp[j];
                    changed = true;
                }
            }
        }
    }
    let simil: Vec<Vec<f64>> = asfs
        .iter()
        .map(|a| {
            let x = p.disj_membership(&a.disj);
            let y = p.y(a.outcome);
            x.iter().zip(&y).map(|(a, b)| 1.0 - (a - b).abs()).collect()
        })
        .collect();
    let mut out = f64::INFINITY;
    for c in BTreeSet::from_iter(comp.iter().copied()) {
        let members: Vec<usize> = (0..k).filter(|&i| comp[i] == c).collect();
        if members.len() < 2 {
            continue;
        }
        let (mut num, mut den) = (0.0, 0.0);
        for (r, &freq) in p.freq.iter().enumerate() {
            let vals = members.iter().map(|&i| simil[i][r]);
            num += vals.clone().fold(f64::INFINITY, f64::min) * freq;
            den += vals.fold(f64::NEG_INFINITY, f64::max) * freq;
        }
        let ratio = num / den;
        if !ratio.is_nan() {
            out = out.min(ratio);
        }
    }
    if out.is_finite() { out } else { 1.0 }
}

fn cyclic(p: &Prepared, asfs: &[&Asf]) -> bool {
    // Nodes: factors, or (cycle type "value") value columns.
    let by_value = p.cycle_type == CycleType::Value;
    let node = |v: usize| if by_value { v } else { p.value_factor[v] };
    let n = if by_value {
        p.value_factor.len()
    } else {
        p.names.len()
    };
    let mut edges = vec![BTreeSet::new(); n];
    for a in asfs {
        let to = node(a.outcome);
        for &v in a.disj.iter().flatten() {
            edges[node(v)].insert(to);
        }
    }
    // 0 unvisited, 1 on the stack, 2 done.
    fn visit(u: usize, edges: &[BTreeSet<usize>], state: &mut [u8]) -> bool {
        state[u] = 1;
        for &w in &edges[u] {
            if state[w] == 1 || (state[w] == 0 && visit(w, edges, state)) {
                return true;
            }
        }
        state[u] = 2;
        false
    }
    let mut state = vec![0u8; n];
    (0..n).any(|u| state[u] == 0 && visit(u, &edges, &mut state))
}

// ---------------------------------------------------------------------------------------
// Search.

struct Msc {
    conj: Vec<usize>,
    con: f64,
    cov: f64,
    minimal: bool,
    membership: Vec<f64>,
}

fn is_subset(small: &[usize], big: &[usize]) -> bool {
    small.iter().all(|v| big.contains(v))
}

/// A budget of work units: what is spent, and the most that may be.
struct Budget {
    used: u64,
    max: u64,
}

impl Budget {
    fn new(max: u64) -> Self {
        Budget { used: 0, max }
    }

    fn left(&self) -> u64 {
        self.max.saturating_sub(self.used)
    }

    /// Spends `n` units if they are left; false (and nothing spent) if not.
    fn take(&mut self, n: u64) -> bool {
        if n > self.left() {
            return false;
        }
        self.used += n;
        true
    }

    fn exhausted(&self) -> bool {
        self.used >= self.max
    }
}

/// n choose k, saturating at `u64::MAX`.
fn binomial(n: usize, k: usize) -> u64 {
    if k > n {
        return 0;
    }
    let k = k.min(n - k);
    let mut r: u128 = 1;
    for i in 0..k {
        r = r * (n - i) as u128 / (i + 1) as u128;
        if r > u64::MAX as u128 {
            return u64::MAX;
        }
    }
    r as u64
}

/// The k-subsets of 0..n in lexicographic order, one at a time: C(10,000, 3) subsets do
/// not fit in memory.
struct Combinations {
    n: usize,
    cur: Vec<usize>,
    first: bool,
}

impl Combinations {
    fn new(n: usize, k: usize) -> Self {
        Combinations {
            n,
            cur: (0..k).collect(),
            first: true,
        }
    }

    /// The next subset, or `None` after the last.
    fn next_comb(&mut self) -> Option<&[usize]> {
        let k = self.cur.len();
        if k > self.n {
            return None;
        }
        if self.first {
            self.first = false;
            return Some(&self.cur);
        }
        // Rightmost position that can still move up.
        let mut i = k;
        loop {
            if i == 0 {
                return None;
            }
            i -= 1;
            if self.cur[i] < self.n - k + i {
                break;
            }
        }
        self.cur[i] += 1;
        for j in i + 1..k {
            self.cur[j] = self.cur[j - 1] + 1;
        }
        Some(&self.cur)
    }
}

/// Where the msc search stopped at its budget.
struct MscStop {
    /// Factors per conjunction of the level not searched completely.
    level: usize,
    /// Whether that level was begun (its candidates were evaluated until the budget ran
    /// out) or not started (enumerating it needs more than was left).
    begun: bool,
}

#[allow(clippy::too_many_arguments)]
fn find_msc(
    p: &Prepared,
    y: &[f64],
    poteff: &[usize],
    max_conj: usize,
    con_msc: f64,
    only_minimal: bool,
    excluded: &BTreeSet<usize>,
    budget: &mut Budget,
    ticker: &Ticker<'_>,
) -> (Vec<Vec<Msc>>, Option<MscStop>) {
    let steps = poteff.len().min(max_conj);
    let rows = p.n_rows() as u64;
    let mut found: Vec<Vec<Msc>> = Vec::new();
    for k in 1..=steps {
        // Reading every combination of k factors in every configuration: known in advance,
        // so a level that cannot be read within the budget is not started at all.
        let enumerate = binomial(poteff.len(), k).saturating_mul(rows);
        if !budget.take(enumerate) {
            return (
                found,
                Some(MscStop {
                    level: k,
                    begun: false,
                }),
            );
        }
        // Conjunctions of k factor values that occur together in some configuration,
        // evaluated as they are met (combination by combination, configurations in order):
        // only the sufficient ones are kept. Different combinations have different factors,
        // so duplicates can only come from the same combination.
        let mut step = Vec::new();
        let mut any_candidate = false;
        let mut any_kept = false;
        let mut combs = Combinations::new(poteff.len(), k);
        let mut seen: Vec<Vec<usize>> = Vec::new();
        while let Some(comb) = combs.next_comb() {
            ticker.add(rows);
            seen.clear();
            for ids in &p.value_id {
                let conj: Vec<usize> = comb
                    .iter()
                    .map(|&i| {
                        let f = poteff[i];
                        p.offset[f] + ids[f]
                    })
                    .collect();
                // `exclude`: a conjunction with an excluded value is no candidate.
                if seen.contains(&conj) || conj.iter().any(|v| excluded.contains(v)) {
                    continue;
                }
                seen.push(conj.clone());
                any_candidate = true;
                let minimal = !found.iter().flatten().any(|m| is_subset(&m.conj, &conj));
                if !minimal && only_minimal {
                    continue;
                }
                any_kept = true;
                if !budget.take(rows) {
                    found.push(step);
                    return (
                        found,
                        Some(MscStop {
                            level: k,
                            begun: true,
                        }),
                    );
                }
                ticker.add(rows);
                let membership = p.conj_membership(&conj);
                let (con, cov) = p.con_cov(&membership, y);
                // Keeping it costs its evaluation again: the memberships kept are bounded by
                // the budget (memory), not only the work.
                if con >= con_msc {
                    if !budget.take(rows) {
                        found.push(step);
                        return (
                            found,
                            Some(MscStop {
                                level: k,
                                begun: true,
                            }),
                        );
                    }
                    ticker.add(rows);
                    step.push(Msc {
                        conj,
                        con,
                        cov,
                        minimal,
                        membership,
                    });
                }
            }
        }
        if any_candidate && !any_kept {
            break;
        }
        found.push(step);
    }
    (found, None)
}

/// Structures of asfs: the complexities of their disjuncts (non-decreasing), with at most
/// `max_disj` disjuncts of at most `max_conj` literals and `max_total` literals in all,
/// ordered by total complexity.
fn structures(max_conj: usize, max_disj: usize, max_total: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    fn rec(
        min: usize,
        max_conj: usize,
        max_disj: usize,
        left: usize,
        cur: &mut Vec<usize>,
        out: &mut Vec<Vec<usize>>,
    ) {
        if !cur.is_empty() {
            out.push(cur.clone());
        }
        if cur.len() == max_disj {
            return;
        }
        for s in min..=max_conj.min(left) {
            cur.push(s);
            rec(s, max_conj, max_disj, left - s, cur, out);
            cur.pop();
        }
    }
    rec(1, max_conj, max_disj, max_total, &mut Vec::new(), &mut out);
    out.sort_by_key(|s| s.iter().sum::<usize>());
    out
}

/// Whether `reference` is a submodel of `candidate`: every disjunct of the reference is
/// part of its own disjunct of the candidate (a matching, Hall's condition).
fn contains_submodel(reference: &[Vec<usize>], candidate: &[Vec<usize>]) -> bool {
    let m = candidate.len();
    let mut matched: Vec<Option<usize>> = vec![None; m];
    fn augment(
        i: usize,
        reference: &[Vec<usize>],
        candidate: &[Vec<usize>],
        seen: &mut [bool],
        matched: &mut [Option<usize>],
    ) -> bool {
        for j in 0..candidate.len() {
            if !seen[j] && is_subset(&reference[i], &candidate[j]) {
                seen[j] = true;
                if matched[j].is_none_or(|o| augment(o, reference, candidate, seen, matched)) {
                    matched[j] = Some(i);
                    return true;
                }
            }
        }
        false
    }
    (0..reference.len()).all(|i| {
        let mut seen = vec![false; m];
        augment(i, reference, candidate, &mut seen, &mut matched)
    })
}

fn same_disjunction(a: &[Vec<usize>], b: &[Vec<usize>]) -> bool {
    let norm = |d: &[Vec<usize>]| -> BTreeSet<Vec<usize>> {
        d.iter()
            .map(|c| {
                let mut c = c.clone();
                c.sort_unstable();
                c
            })
            .collect()
    };
    a.len() == b.len() && norm(a) == norm(b)
}

#[allow(clippy::too_many_arguments)]
fn find_asf(
    p: &Prepared,
    y: &[f64],
    msc: &[Vec<Msc>],
    con: f64,
    cov: f64,
    maxstep: (usize, usize, usize),
    max_solutions: usize,
    warnings: &mut Vec<Msg>,
    outcome_name: &str,
    budget: &mut Budget,
    ticker: &Ticker<'_>,
) -> (Vec<Vec<Vec<usize>>>, bool) {
    let max_conj = maxstep.0.min(msc.len());
    let mut solutions: Vec<Vec<Vec<usize>>> = Vec::new();
    let mut stopped = false;
    for structure in structures(max_conj, maxstep.1, maxstep.2) {
        if stopped {
            break;
        }
        // Groups of equal complexity: (complexity, multiplicity).
        let mut groups: Vec<(usize, usize)> = Vec::new();
        for &s in &structure {
            match groups.last_mut() {
                Some((g, m)) if *g == s => *m += 1,
                _ => groups.push((s, 1)),
            }
        }
        if groups.iter().any(|&(s, m)| msc[s - 1].len() < m) {
            continue;
        }
        let mut picks: Vec<(usize, usize)> = Vec::new();
        let mut found: Vec<Vec<Vec<usize>>> = Vec::new();
        let mut truncated = false;
        let mut search = Search {
            p,
            y,
            msc,
            con,
            cov,
            groups: &groups,
            max: max_solutions,
            found: &mut found,
            truncated: &mut truncated,
            budget,
            ticker,
            stopped: &mut stopped,
        };
        search.run(0, 0, 0, &mut picks, vec![0.0; p.n_rows()]);
        if truncated {
            warnings.push(msg!(
                "qca-cna-asf-cap",
                outcome = outcome_name,
                structure = format!("{structure:?}"),
                max = max_solutions
            ));
        }
        // Each candidate is compared with every solution of simpler structures: charged to
        // the budget (it dominates when thresholds are low and candidates many).
        let mut new: Vec<Vec<Vec<usize>>> = Vec::new();
        for cand in found {
            let cost = solutions.len().max(1) as u64;
            if !budget.take(cost) {
                stopped = true;
                break;
            }
            ticker.add(cost);
            if !solutions.iter().any(|reference| {
                contains_submodel(reference, &cand) && !same_disjunction(reference, &cand)
            }) {
                new.push(cand);
            }
        }
        solutions.extend(new);
    }
    (solutions, stopped)
}

/// Budget units charged for recording a candidate asf (some 200 bytes each), against one
/// for examining a combination of msc.
const ASF_RECORD_COST: u64 = 10;

struct Search<'a> {
    p: &'a Prepared,
    y: &'a [f64],
    msc: &'a [Vec<Msc>],
    con: f64,
    cov: f64,
    groups: &'a [(usize, usize)],
    max: usize,
    found: &'a mut Vec<Vec<Vec<usize>>>,
    truncated: &'a mut bool,
    /// Combinations of msc examined, over all structures and outcomes.
    budget: &'a mut Budget,
    ticker: &'a Ticker<'a>,
    /// Set when the budget ran out.
    stopped: &'a mut bool,
}

impl Search<'_> {
    /// Picks, group by group, strictly increasing msc indices; `membership` is the
    /// disjunction of the picks so far.
    fn run(
        &mut self,
        group: usize,
        in_group: usize,
        start: usize,
        picks: &mut Vec<(usize, usize)>,
        membership: Vec<f64>,
    ) {
        if *self.truncated || *self.stopped {
            return;
        }
        if group == self.groups.len() {
            let (c, v) = self.p.con_cov(&membership, self.y);
            if c >= self.con && v >= self.cov {
                if self.found.len() >= self.max {
                    *self.truncated = true;
                    return;
                }
                // Recording a candidate costs memory as well as work: charged more, so that
                // the budget also bounds the candidates held.
                if !self.budget.take(ASF_RECORD_COST) {
                    *self.stopped = true;
                    return;
                }
                self.ticker.add(ASF_RECORD_COST);
                self.found.push(
                    picks
                        .iter()
                        .map(|&(s, i)| self.msc[s][i].conj.clone())
                        .collect(),
                );
            }
            return;
        }
        let (size, mult) = self.groups[group];
        if in_group == mult {
            self.run(group + 1, 0, 0, picks, membership);
            return;
        }
        let list = &self.msc[size - 1];
        let remaining = mult - in_group;
        for i in start..list.len() {
            if list.len() - i < remaining {
                break;
            }
            if !self.budget.take(1) {
                *self.stopped = true;
                return;
            }
            self.ticker.tick();
            let next: Vec<f64> = membership
                .iter()
                .zip(&list[i].membership)
                .map(|(a, b)| a.max(*b))
                .collect();
            picks.push((size - 1, i));
            self.run(group, in_group + 1, i + 1, picks, next);
            picks.pop();
        }
    }
}

/// The outcome varies among the configurations where condition and outcome agree.
fn varies(x: &[f64], y: &[f64], selection: AsfSelection) -> bool {
    let round = |v: f64| if v >= 0.5 { 1.0 } else { 0.0 };
    let mut first: Option<f64> = None;
    for (a, b) in x.iter().zip(y) {
        let (a, b) = match selection {
            AsfSelection::None => return true,
            AsfSelection::Crisp => (round(*a), round(*b)),
            AsfSelection::Fuzzy => (*a, *b),
        };
        if a == b {
            match first {
                None => first = Some(b),
                Some(f) if f != b => return true,
                Some(_) => {}
            }
        }
    }
    false
}

fn check_fraction(name: &str, v: f64) -> Result<(), QcaError> {
    if v.is_finite() && (0.0..=1.0).contains(&v) {
        Ok(())
    } else {
        Err(QcaError::Settings(msg!(
            "qca-cut-out-of-range",
            name = name,
            value = v
        )))
    }
}

/// Resolves the ordering into levels of factor indices (unnamed factors first).
fn resolve_ordering(p: &Prepared, ordering: &[Vec<String>]) -> Result<Vec<Vec<usize>>, QcaError> {
    if ordering.is_empty() {
        return Ok(Vec::new());
    }
    let mut levels = Vec::new();
    let mut used = BTreeSet::new();
    for (li, level) in ordering.iter().enumerate() {
        if level.is_empty() {
            return Err(QcaError::Settings(msg!(
                "qca-cna-ordering-empty",
                level = li + 1
            )));
        }
        let mut l = Vec::new();
        for name in level {
            let f = p
                .names
                .iter()
                .position(|n| n == name.trim())
                .ok_or_else(|| {
                    QcaError::Settings(msg!(
                        "qca-cna-ordering-unknown",
                        name = name,
                        level = li + 1,
                        factors = p.names.join(", ")
                    ))
                })?;
            if !used.insert(f) {
                return Err(QcaError::Settings(msg!(
                    "qca-cna-ordering-twice",
                    name = name
                )));
            }
            l.push(f);
        }
        levels.push(l);
    }
    let rest: Vec<usize> = (0..p.names.len()).filter(|f| !used.contains(f)).collect();
    if !rest.is_empty() {
        levels.insert(0, rest);
    }
    Ok(levels)
}

/// The factors of `notcols` (cna 4.0: their absence is the outcome); `["all"]` is every
/// factor. Not for multi-value data.
fn resolve_notcols(p: &Prepared, notcols: &[String]) -> Result<BTreeSet<usize>, QcaError> {
    let mut out = BTreeSet::new();
    if notcols.is_empty() {
        return Ok(out);
    }
    if p.kind == CnaDataType::MultiValue {
        return Err(QcaError::Settings(msg!("qca-cna-notcols-multi-value")));
    }
    if notcols.len() == 1 && notcols[0].trim() == "all" && !p.names.iter().any(|n| n == "all") {
        out.extend(0..p.names.len());
        return Ok(out);
    }
    for name in notcols {
        let f = factor_by_name(p, name.trim()).ok_or_else(|| {
            QcaError::Settings(msg!(
                "qca-cna-notcols-unknown",
                name = name.trim(),
                factors = p.names.join(", ")
            ))
        })?;
        out.insert(f);
    }
    Ok(out)
}

/// The value columns a token of an `exclude` rule names: `A` (present), `a` (absent),
/// `X=2` (a level), `A*` (every value of A); for multi-value data a bare factor name is
/// every value. A name mixing cases is read in upper case, as cna does.
fn exclude_values(p: &Prepared, token: &str, rule: &str) -> Result<Vec<usize>, QcaError> {
    let unknown = || {
        QcaError::Settings(msg!(
            "qca-cna-exclude-unknown",
            value = token,
            rule = rule,
            factors = p.names.join(", ")
        ))
    };
    let (name, starred) = match token.strip_suffix('*') {
        Some(n) => (n.trim(), true),
        None => (token, false),
    };
    if name.is_empty() {
        return Err(unknown());
    }
    let all =
        |f: usize| -> Vec<usize> { (0..p.levels[f].len()).map(|k| p.offset[f] + k).collect() };
    if p.kind == CnaDataType::MultiValue {
        if let Some((factor, level)) = name.split_once('=') {
            let f = factor_by_name(p, factor.trim()).ok_or_else(unknown)?;
            if starred {
                return Ok(all(f));
            }
            let v: f64 = level.trim().parse().map_err(|_| unknown())?;
            let k = p.levels[f]
                .iter()
                .position(|l| *l == v)
                .ok_or_else(unknown)?;
            return Ok(vec![p.offset[f] + k]);
        }
        let f = factor_by_name(p, name).ok_or_else(unknown)?;
        return Ok(all(f));
    }
    if name.contains('=') {
        return Err(unknown());
    }
    if starred {
        let f = factor_by_name(p, name).ok_or_else(unknown)?;
        return Ok(all(f));
    }
    if let Some(f) = p.names.iter().position(|n| n == name) {
        return Ok(vec![p.offset[f]]);
    }
    let upper = name.to_uppercase();
    let f = p
        .names
        .iter()
        .position(|n| *n == upper)
        .ok_or_else(unknown)?;
    if name == name.to_lowercase() {
        Ok(vec![p.offset[f] + 1])
    } else {
        Ok(vec![p.offset[f]])
    }
}

/// cna's `exclude`: per outcome value column, the value columns that may not appear in its
/// conditions. Rules whose outcome is not analysed change nothing (as in cna).
fn resolve_exclude(
    p: &Prepared,
    rules: &[String],
) -> Result<BTreeMap<usize, BTreeSet<usize>>, QcaError> {
    let mut out: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for rule in rules {
        let r = rule.trim();
        let Some((lhs, rhs)) = r.split_once("->") else {
            return Err(QcaError::Settings(msg!("qca-cna-exclude-syntax", rule = r)));
        };
        let lhs = lhs.strip_suffix('<').unwrap_or(lhs);
        if rhs.contains("->") || rhs.trim().is_empty() || lhs.trim().is_empty() {
            return Err(QcaError::Settings(msg!("qca-cna-exclude-syntax", rule = r)));
        }
        let outcomes = exclude_values(p, rhs.trim(), r)?;
        let mut values = BTreeSet::new();
        for token in lhs.split(',') {
            values.extend(exclude_values(p, token.trim(), r)?);
        }
        for z in outcomes {
            out.entry(z).or_default().extend(values.iter().copied());
        }
    }
    Ok(out)
}

/// A factor by its name: exactly, else ignoring case (cna reads names in upper case).
fn factor_by_name(p: &Prepared, name: &str) -> Option<usize> {
    p.names.iter().position(|n| n == name).or_else(|| {
        let matches: Vec<usize> = (0..p.names.len())
            .filter(|&f| p.names[f].to_uppercase() == name.to_uppercase())
            .collect();
        (matches.len() == 1).then(|| matches[0])
    })
}

/// Outcome value columns, in data order. `negated` are the factors of `notcols`: for them
/// (crisp and fuzzy only) the outcome is the absent value; an outcome written in lower case
/// (`b`) for a factor `B` is negated too.
fn resolve_outcomes(
    p: &Prepared,
    outcomes: &Option<Vec<String>>,
    negated: &BTreeSet<usize>,
) -> Result<BTreeSet<usize>, QcaError> {
    let all_values = |f: usize| -> Vec<usize> {
        match p.kind {
            CnaDataType::MultiValue => (0..p.levels[f].len()).map(|k| p.offset[f] + k).collect(),
            _ if negated.contains(&f) => vec![p.offset[f] + 1],
            _ => vec![p.offset[f]],
        }
    };
    let mut out = BTreeSet::new();
    match outcomes {
        None => {
            for f in 0..p.names.len() {
                out.extend(all_values(f));
            }
        }
        Some(list) => {
            if list.is_empty() {
                return Err(QcaError::Settings(msg!("qca-cna-no-outcomes")));
            }
            for o in list {
                let o = o.trim();
                if let Some(f) = p.names.iter().position(|n| n == o) {
                    out.extend(all_values(f));
                    continue;
                }
                // cna 4.0: `b` is the outcome "B absent" (crisp and fuzzy data).
                if p.kind != CnaDataType::MultiValue
                    && !o.is_empty()
                    && o == o.to_lowercase()
                    && o != o.to_uppercase()
                    && let Some(f) = p.names.iter().position(|n| *n == o.to_uppercase())
                {
                    out.insert(p.offset[f] + 1);
                    continue;
                }
                let resolved = o.split_once('=').and_then(|(name, v)| {
                    let f = p.names.iter().position(|n| n == name.trim())?;
                    let v: f64 = v.trim().parse().ok()?;
                    if p.kind != CnaDataType::MultiValue {
                        return None;
                    }
                    let k = p.levels[f].iter().position(|l| *l == v)?;
                    Some(p.offset[f] + k)
                });
                match resolved {
                    Some(v) => {
                        out.insert(v);
                    }
                    None => {
                        return Err(QcaError::Settings(msg!(
                            "qca-cna-unknown-outcome",
                            outcome = o,
                            factors = p.names.join(", ")
                        )));
                    }
                }
            }
        }
    }
    Ok(out)
}

/// Runs a Coincidence Analysis of `data` (every column a factor).
///
/// The search is bounded by the budgets of `options` (`max_msc_candidates`,
/// `max_asf_candidates`, `max_csf_candidates`): at a budget it stops and returns what it
/// found, with a warning naming the option that raises the budget.
pub fn cna(data: &SetData, options: &CnaOptions) -> Result<CnaResult, QcaError> {
    cna_with_progress(data, options, &NoProgress)
}

/// Most outcome names a warning lists before it says how many more there are.
const NAMES_IN_WARNING: usize = 10;

fn name_list(names: &[String]) -> String {
    let mut out = names
        .iter()
        .take(NAMES_IN_WARNING)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > NAMES_IN_WARNING {
        out.push_str(&format!(", … (+{})", names.len() - NAMES_IN_WARNING));
    }
    out
}

/// [`cna`], reporting progress ([`ProgressWhat::Cna`]): units are those of the three budgets
/// together, and their sum is the total (the search may end well before it).
pub fn cna_with_progress(
    data: &SetData,
    options: &CnaOptions,
    progress: &dyn Progress,
) -> Result<CnaResult, QcaError> {
    let total = options
        .max_msc_candidates
        .saturating_add(options.max_asf_candidates)
        .saturating_add(options.max_csf_candidates);
    progress.start(ProgressWhat::Cna, Some(total));
    let result = run_cna(data, options, progress);
    progress.finish();
    result
}

fn run_cna(
    data: &SetData,
    options: &CnaOptions,
    progress: &dyn Progress,
) -> Result<CnaResult, QcaError> {
    check_fraction("con", options.con)?;
    check_fraction("cov", options.cov)?;
    if let Some(c) = options.con_msc {
        check_fraction("con.msc", c)?;
    }
    let (m1, m2, m3) = options.maxstep;
    if m1 == 0 || m2 == 0 || m3 == 0 {
        return Err(QcaError::Settings(msg!(
            "qca-cna-bad-maxstep",
            maxstep = format!("({m1}, {m2}, {m3})")
        )));
    }
    if options.csf_n_init == 0 || options.max_solutions == 0 {
        return Err(QcaError::Settings(msg!("qca-cna-caps-zero")));
    }
    for (option, value) in [
        ("--max-msc-candidates", options.max_msc_candidates),
        ("--max-asf-candidates", options.max_asf_candidates),
        ("--max-csf-candidates", options.max_csf_candidates),
    ] {
        if value == 0 {
            return Err(QcaError::Settings(msg!(
                "qca-cna-budget-zero",
                option = option
            )));
        }
    }
    let maxstep = (m1.min(m3), m2.min(m3), m3);
    let mut p = prepare(data)?;
    p.measures = options.measures;
    p.cycle_type = options.cycle_type;
    let levels = resolve_ordering(&p, &options.ordering)?;
    let negated = resolve_notcols(&p, &options.notcols)?;
    let mut outcomes = resolve_outcomes(&p, &options.outcomes, &negated)?;
    let excluded = resolve_exclude(&p, &options.exclude)?;
    let no_exclusions = BTreeSet::new();
    if !levels.is_empty() && (options.strict || levels[0].len() == 1) {
        outcomes.retain(|&v| !levels[0].contains(&p.value_factor[v]));
    }
    // Thresholds a little below the nominal value, as cna does, so that values equal to a
    // threshold up to rounding reach it.
    let eps = p.n_rows() as f64 * f64::EPSILON;
    let con = (options.con - eps).max(0.0);
    let cov = (options.cov - eps).max(0.0);
    let con_msc = (options.con_msc.unwrap_or(options.con) - eps).max(0.0);
    let cap = options.max_configurations;

    let mut warnings = Vec::new();
    let mut msc_out = Vec::new();
    let mut asf_internal: Vec<(Asf, CnaAsf)> = Vec::new();
    let ticker = Ticker::new(progress);
    let mut msc_budget = Budget::new(options.max_msc_candidates);
    let mut asf_budget = Budget::new(options.max_asf_candidates);
    // Outcomes not searched at all because a budget was used up before them: one warning
    // for all of them (a table of 10,000 factors has 10,000 outcomes).
    let mut msc_skipped: Vec<String> = Vec::new();
    let mut asf_skipped: Vec<String> = Vec::new();
    for &z in &outcomes {
        let zf = p.value_factor[z];
        let poteff: Vec<usize> = if levels.is_empty() {
            (0..p.names.len()).filter(|&f| f != zf).collect()
        } else {
            let lz = levels.iter().position(|l| l.contains(&zf)).unwrap_or(0);
            let upto = if options.strict { lz } else { lz + 1 };
            let allowed: BTreeSet<usize> = levels[..upto].iter().flatten().copied().collect();
            (0..p.names.len())
                .filter(|&f| f != zf && allowed.contains(&f))
                .collect()
        };
        if poteff.is_empty() {
            continue;
        }
        let y = p.y(z);
        let outcome_name = p.literal(z).to_cna();
        let (found, stop) = find_msc(
            &p,
            &y,
            &poteff,
            maxstep.0,
            con_msc,
            options.only_minimal_msc,
            excluded.get(&z).unwrap_or(&no_exclusions),
            &mut msc_budget,
            &ticker,
        );
        match stop {
            Some(MscStop {
                level: 1,
                begun: false,
            }) => msc_skipped.push(outcome_name.clone()),
            Some(stop) => warnings.push(msg!(
                "qca-cna-msc-budget",
                outcome = outcome_name.as_str(),
                level = stop.level,
                begun = if stop.begun { "yes" } else { "no" },
                max = options.max_msc_candidates
            )),
            None => {}
        }
        let mut this_msc: Vec<CnaMsc> = found
            .iter()
            .flatten()
            .map(|m| {
                let mut conj = m.conj.clone();
                conj.sort_unstable();
                let condition: Vec<CnaLiteral> = conj.iter().map(|&v| p.literal(v)).collect();
                CnaMsc {
                    expression: CnaMsc::expression_of(&condition, &p.literal(z)),
                    outcome: p.literal(z),
                    condition,
                    con: m.con,
                    cov: m.cov,
                    complexity: m.conj.len(),
                    minimal: m.minimal,
                }
            })
            .collect();
        if this_msc.is_empty() {
            continue;
        }
        this_msc.sort_by(|a, b| {
            a.complexity
                .cmp(&b.complexity)
                .then((b.con * b.cov).total_cmp(&(a.con * a.cov)))
                .then_with(|| a.to_cna().cmp(&b.to_cna()))
        });
        msc_out.extend(this_msc);

        if asf_budget.exhausted() {
            asf_skipped.push(outcome_name);
            continue;
        }
        let (sols, mut asf_stopped) = find_asf(
            &p,
            &y,
            &found,
            con,
            cov,
            maxstep,
            options.max_solutions,
            &mut warnings,
            &outcome_name,
            &mut asf_budget,
            &ticker,
        );
        let mut this_asf: Vec<(Asf, CnaAsf)> = Vec::new();
        for disj in sols {
            // Checking a candidate (INUS, exhaustiveness) is a unit of the same budget.
            if !asf_budget.take(1) {
                asf_stopped = true;
                break;
            }
            ticker.tick();
            let disj: Vec<Vec<usize>> = disj
                .into_iter()
                .map(|mut c| {
                    c.sort_unstable();
                    c
                })
                .collect();
            let x = p.disj_membership(&disj);
            if !varies(&x, &y, options.asf_selection) {
                continue;
            }
            let (c, v) = p.con_cov(&x, &y);
            let a = Asf { disj, outcome: z };
            // The checks enumerate every configuration of the formula's factors.
            let configs = configurations(&p, &factors_of(&p, &[&a]));
            if !asf_budget.take(configs) {
                asf_stopped = true;
                break;
            }
            ticker.add(configs);
            let inus = inus_asf(&p, &a, cap)?;
            if options.inus_only && !inus {
                continue;
            }
            let (exhaustiveness, faithfulness) = exhaustiveness_faithfulness(&p, &[&a], cap)?;
            let formula = CnaAtomic {
                outcome: p.literal(z),
                disjuncts: a
                    .disj
                    .iter()
                    .map(|c| c.iter().map(|&v| p.literal(v)).collect())
                    .collect(),
            };
            let complexity = formula.complexity();
            this_asf.push((
                a,
                CnaAsf {
                    expression: formula.expression(),
                    formula,
                    con: c,
                    cov: v,
                    complexity,
                    inus,
                    exhaustiveness,
                    faithfulness,
                },
            ));
        }
        this_asf.sort_by(|(_, a), (_, b)| {
            a.complexity
                .cmp(&b.complexity)
                .then((b.con * b.cov).total_cmp(&(a.con * a.cov)))
        });
        asf_internal.extend(this_asf);
        if asf_stopped {
            warnings.push(msg!(
                "qca-cna-asf-budget",
                outcome = outcome_name.as_str(),
                max = options.max_asf_candidates
            ));
        }
    }
    if !msc_skipped.is_empty() {
        warnings.push(msg!(
            "qca-cna-outcomes-skipped",
            count = msc_skipped.len(),
            outcomes = name_list(&msc_skipped),
            option = "--max-msc-candidates",
            max = options.max_msc_candidates
        ));
    }
    if !asf_skipped.is_empty() {
        warnings.push(msg!(
            "qca-cna-outcomes-skipped",
            count = asf_skipped.len(),
            outcomes = name_list(&asf_skipped),
            option = "--max-asf-candidates",
            max = options.max_asf_candidates
        ));
    }

    let csf = build_csf(&p, &asf_internal, options, con, cov, &mut warnings, &ticker)?;
    ticker.flush();
    Ok(CnaResult {
        data_type: p.kind,
        factors: p.names.clone(),
        outcomes: outcomes.iter().map(|&v| p.literal(v)).collect(),
        msc: msc_out,
        asf: asf_internal.iter().map(|(_, a)| a.clone()).collect(),
        csf,
        warnings: warnings.iter().map(Msg::to_string).collect(),
        warning_msgs: warnings,
        measures: vec![options.measures.0, options.measures.1],
    })
}

/// Keeps the first rows up to `n`, extended over ties of `key` at the cut.
fn head_with_ties<T, K: PartialEq>(rows: &mut Vec<T>, n: usize, key: impl Fn(&T) -> K) {
    if rows.len() <= n {
        return;
    }
    let mut end = n;
    while end < rows.len() && key(&rows[end]) == key(&rows[n - 1]) {
        end += 1;
    }
    rows.truncate(end);
}

fn build_csf(
    p: &Prepared,
    asfs: &[(Asf, CnaAsf)],
    options: &CnaOptions,
    con: f64,
    cov: f64,
    warnings: &mut Vec<Msg>,
    ticker: &Ticker<'_>,
) -> Result<Vec<CnaCsf>, QcaError> {
    if asfs.is_empty() {
        return Ok(Vec::new());
    }
    let mut budget = Budget::new(options.max_csf_candidates);
    let mut stopped = false;
    let cap = options.max_configurations;
    let n = options.csf_n_init;
    // Groups by outcome name (as R's split(): sorted by name).
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, (_, a)) in asfs.iter().enumerate() {
        let name = a.formula.outcome.to_cna();
        match groups.iter_mut().find(|(g, _)| *g == name) {
            Some((_, list)) => list.push(i),
            None => groups.push((name, vec![i])),
        }
    }
    // R sorts the names in its locale: case folded first (`b` between `A` and `C`), lower
    // case before upper case on a tie.
    groups.sort_by(|a, b| {
        a.0.to_uppercase()
            .cmp(&b.0.to_uppercase())
            .then_with(|| b.0.cmp(&a.0))
    });
    let total: f64 = groups.iter().map(|(_, l)| l.len() as f64).product();
    // Combinations of one asf per outcome, the simplest first, at most n (ties kept).
    struct Comb {
        ids: Vec<usize>,
        complexity: usize,
        con: f64,
        cov: f64,
    }
    let mut combs: Vec<Comb> = vec![Comb {
        ids: Vec::new(),
        complexity: 0,
        con: f64::INFINITY,
        cov: f64::INFINITY,
    }];
    for (_, list) in &groups {
        let mut list = list.clone();
        list.sort_by_key(|&i| asfs[i].1.complexity);
        head_with_ties(&mut list, n, |&i| asfs[i].1.complexity);
        // Ties kept at n.init can make the product of two outcomes' lists huge: keep it
        // within what is left of the budget, the simplest first (both lists are sorted by
        // complexity). At least one combination is built, so that every csf has an asf of
        // every outcome.
        let product = (combs.len() as u64).saturating_mul(list.len() as u64);
        if product > budget.left() {
            stopped = true;
            let left = budget.left().max(1);
            list.truncate(usize::try_from(left).unwrap_or(usize::MAX).max(1));
            let keep = (left / list.len() as u64).max(1);
            combs.truncate(usize::try_from(keep).unwrap_or(usize::MAX));
        }
        let product = (combs.len() as u64).saturating_mul(list.len() as u64);
        budget.used = budget.used.saturating_add(product);
        ticker.add(product);
        let mut next = Vec::new();
        for c in &combs {
            for &i in &list {
                let a = &asfs[i].1;
                let mut ids = c.ids.clone();
                ids.push(i);
                next.push(Comb {
                    ids,
                    complexity: c.complexity + a.complexity,
                    con: c.con.min(a.con),
                    cov: c.cov.min(a.cov),
                });
            }
        }
        next.sort_by_key(|c| c.complexity);
        head_with_ties(&mut next, n, |c| c.complexity);
        combs = next;
    }
    combs.sort_by(|a, b| {
        a.complexity
            .cmp(&b.complexity)
            .then((b.con * b.cov).total_cmp(&(a.con * a.cov)))
    });
    head_with_ties(&mut combs, n, |c| (c.complexity, -(c.con * c.cov)));
    if (combs.len() as f64) < total {
        warnings.push(msg!(
            "qca-cna-csf-n-init",
            examined = combs.len(),
            total = total,
            n_init = n
        ));
    }
    let initial: Vec<Vec<usize>> = combs.into_iter().map(|c| c.ids).collect();
    // Looked up once per candidate: a hash set keeps that linear in the candidates.
    let initial_set: HashSet<Vec<usize>> = initial.iter().cloned().collect();
    let minimalize = options.inus_only;
    let mut candidates: Vec<Vec<usize>> = if minimalize {
        remove_structural_redundancies(
            p,
            asfs,
            initial.clone(),
            cap,
            &mut budget,
            &mut stopped,
            ticker,
        )?
    } else {
        initial.clone()
    };

    struct Row {
        ids: Vec<usize>,
        csf: CnaCsf,
    }
    let mut rows: Vec<Row> = Vec::new();
    for ids in candidates.drain(..) {
        let parts: Vec<&Asf> = ids.iter().map(|&i| &asfs[i].0).collect();
        // INUS (redundancy again, constancy) and exhaustiveness: three passes over every
        // configuration of the csf's factors.
        let cost = configurations(p, &factors_of(p, &parts)).saturating_mul(3);
        if !budget.take(cost) {
            stopped = true;
            break;
        }
        ticker.add(cost);
        let inus = ids.iter().all(|&i| asfs[i].1.inus) && inus_csf(p, &parts, cap)?;
        if options.inus_only && !inus {
            continue;
        }
        let con_v = ids
            .iter()
            .map(|&i| asfs[i].1.con)
            .fold(f64::INFINITY, f64::min);
        let cov_v = ids
            .iter()
            .map(|&i| asfs[i].1.cov)
            .fold(f64::INFINITY, f64::min);
        if !initial_set.contains(&ids) && (con_v < con || cov_v < cov) {
            continue;
        }
        let is_cyclic = cyclic(p, &parts);
        if options.acyclic_only && is_cyclic {
            continue;
        }
        let (exhaustiveness, faithfulness) = exhaustiveness_faithfulness(p, &parts, cap)?;
        let parts_formulas: Vec<CnaAtomic> =
            ids.iter().map(|&i| asfs[i].1.formula.clone()).collect();
        rows.push(Row {
            csf: CnaCsf {
                expression: CnaCsf::expression_of(&parts_formulas),
                asfs: parts_formulas,
                con: con_v,
                cov: cov_v,
                complexity: ids.iter().map(|&i| asfs[i].1.complexity).sum(),
                inus,
                cyclic: is_cyclic,
                exhaustiveness,
                faithfulness,
                coherence: coherence(p, &parts),
            },
            ids,
        });
    }
    if minimalize {
        // Drop csfs whose asfs are a proper part of another csf's asfs.
        let sets: Vec<BTreeSet<usize>> = rows
            .iter()
            .map(|r| r.ids.iter().copied().collect())
            .collect();
        let keep: Vec<bool> = sets
            .iter()
            .map(|s| !sets.iter().any(|o| o.len() > s.len() && s.is_subset(o)))
            .collect();
        rows = rows
            .into_iter()
            .zip(keep)
            .filter_map(|(r, k)| k.then_some(r))
            .collect();
    }
    rows.sort_by(|a, b| {
        a.csf
            .complexity
            .cmp(&b.csf.complexity)
            .then((b.csf.con * b.csf.cov).total_cmp(&(a.csf.con * a.csf.cov)))
    });
    if stopped {
        warnings.push(msg!("qca-cna-csf-budget", max = options.max_csf_candidates));
    }
    if rows.is_empty() {
        // As cna: asfs that cannot be combined are returned on their own.
        if !asfs.is_empty() {
            warnings.push(msg!("qca-cna-asfs-alone"));
        }
        let mut out = Vec::new();
        for (a, info) in asfs {
            out.push(CnaCsf {
                expression: info.formula.expression(),
                asfs: vec![info.formula.clone()],
                con: info.con,
                cov: info.cov,
                complexity: info.complexity,
                inus: info.inus,
                cyclic: false,
                exhaustiveness: info.exhaustiveness,
                faithfulness: info.faithfulness,
                coherence: coherence(p, &[a]),
            });
        }
        return Ok(out);
    }
    Ok(rows.into_iter().map(|r| r.csf).collect())
}

/// Removes structurally redundant asfs from csfs, one at a time and recursively, as cna's
/// `minimalizeCsf`; returns the irreducible csfs (as asf indices, duplicates dropped).
fn remove_structural_redundancies(
    p: &Prepared,
    asfs: &[(Asf, CnaAsf)],
    csfs: Vec<Vec<usize>>,
    cap: usize,
    budget: &mut Budget,
    stopped: &mut bool,
    ticker: &Ticker<'_>,
) -> Result<Vec<Vec<usize>>, QcaError> {
    // Vectors keep the order (the output's); the sets make the duplicate checks linear.
    let mut irreducible: Vec<Vec<usize>> = Vec::new();
    let mut irreducible_seen: HashSet<Vec<usize>> = HashSet::new();
    let mut reduced: Vec<Vec<usize>> = Vec::new();
    let mut reduced_seen: HashSet<Vec<usize>> = HashSet::new();
    for ids in csfs {
        let parts: Vec<&Asf> = ids.iter().map(|&i| &asfs[i].0).collect();
        let cost = configurations(p, &factors_of(p, &parts));
        if !budget.take(cost) {
            *stopped = true;
            break;
        }
        ticker.add(cost);
        let red = if ids.len() > 1 {
            structurally_redundant(p, &parts, cap)?
        } else {
            vec![false]
        };
        if red.iter().any(|r| *r) {
            for (k, _) in red.iter().enumerate().filter(|(_, r)| **r) {
                let mut smaller = ids.clone();
                smaller.remove(k);
                if reduced_seen.insert(smaller.clone()) {
                    reduced.push(smaller);
                }
            }
        } else if irreducible_seen.insert(ids.clone()) {
            irreducible.push(ids);
        }
    }
    let mut out = if reduced.is_empty() {
        Vec::new()
    } else {
        remove_structural_redundancies(p, asfs, reduced, cap, budget, stopped, ticker)?
    };
    let mut out_seen: HashSet<Vec<usize>> = out.iter().cloned().collect();
    for ids in irreducible {
        if out_seen.insert(ids.clone()) {
            out.push(ids);
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// Fit-robustness scoring (R's frscore package: rean_cna, frscore, frscored_cna).

/// Default of [`FrScoreOptions::max_runs`]: a grid of 20 values.
pub const DEFAULT_FR_MAX_RUNS: usize = 400;

/// Which formulas of each analysis are scored (frscored_cna's `output`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FrOutput {
    /// Complex solution formulas (the default).
    #[default]
    Csf,
    /// Atomic solution formulas.
    Asf,
}

/// How scores are normalized (frscore's `normalize`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FrNormalize {
    /// By the highest score found: the best model scores 1 (the default).
    #[default]
    Truemax,
    /// By the highest score possible with the complexities found: as if all models of one
    /// complexity were identical and every model were a sub- or supermodel of every model
    /// of another complexity.
    Idealmax,
    /// Not normalized.
    None,
}

/// Settings of a fit-robustness series ([`frscored_cna`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FrScoreOptions {
    /// Threshold values; every (con, cov) pair of them is analysed, con varying fastest
    /// (R's `expand.grid(attempt, attempt)`). Default 1, 0.9, 0.8, 0.7 (frscore's
    /// `fit.range = c(1, 0.7)`, `granularity = 0.1`).
    pub grid: Vec<f64>,
    /// csfs or asfs.
    pub output: FrOutput,
    /// Normalization of the scores.
    pub normalize: FrNormalize,
    /// `maxsols`: at most this many model types are scored (when they differ in
    /// complexity), chosen as frscore does; default 50.
    pub max_sols: usize,
    /// Most analyses (grid values squared) allowed (CLI `--fr-max-runs`).
    pub max_runs: usize,
    /// Threads running the analyses (1 or more); the result does not depend on it (and
    /// does not record it, so that 1 and 2 threads give the same bytes).
    #[serde(skip)]
    pub threads: usize,
}

impl Default for FrScoreOptions {
    fn default() -> Self {
        FrScoreOptions {
            grid: vec![1.0, 0.9, 0.8, 0.7],
            output: FrOutput::Csf,
            normalize: FrNormalize::Truemax,
            max_sols: 50,
            max_runs: DEFAULT_FR_MAX_RUNS,
            threads: 1,
        }
    }
}

/// One analysis of the series.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FrRun {
    /// Consistency threshold.
    pub con: f64,
    /// Coverage threshold.
    pub cov: f64,
    /// Models (csfs or asfs) it returned.
    pub models: usize,
    /// Its warnings (budgets reached and the like).
    pub warnings: Vec<Msg>,
}

/// A model type of the series with its fit-robustness score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FrModel {
    /// The model in cna notation, `(L + G <-> E)*(U + D <-> L)`.
    pub expression: String,
    /// Outcomes, `E,L`.
    pub outcome: String,
    /// Its asfs (one for an asf).
    pub asfs: Vec<CnaAtomic>,
    /// Consistency and coverage (in the data, the same in every analysis).
    pub con: f64,
    /// Coverage.
    pub cov: f64,
    /// Number of literals.
    pub complexity: usize,
    /// Raw score: tokens of its sub- and supermodels in the series, plus twice the other
    /// tokens of itself.
    pub score: f64,
    /// Normalized score.
    pub norm_score: f64,
    /// How many analyses returned it.
    pub tokens: usize,
    /// The (con, cov) thresholds of the analyses that returned it.
    pub found_at: Vec<(f64, f64)>,
}

/// Result of [`frscored_cna`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FrScoreResult {
    /// The settings.
    pub options: FrScoreOptions,
    /// Every analysis, in grid order.
    pub runs: Vec<FrRun>,
    /// Scored model types, best first (ties by cna's string of the model, `A*B<->E`
    /// before `A+B<->E`, in C collation as frscore).
    pub models: Vec<FrModel>,
    /// Model types found but not scored (beyond `max_sols`).
    pub excluded: usize,
    /// Model types found in all.
    pub types: usize,
}

/// Whether model `small` is a submodel of `big` (cna's `is.submodel`): every asf of
/// `small` is a submodel of the asf of `big` with the same outcome.
pub fn is_submodel(small: &[CnaAtomic], big: &[CnaAtomic]) -> bool {
    small.iter().all(|a| {
        big.iter().any(|b| {
            if a.outcome != b.outcome {
                return false;
            }
            // Literals as ids for the matching of disjuncts.
            let mut ids: Vec<CnaLiteral> = Vec::new();
            let mut id = |l: &CnaLiteral| -> usize {
                match ids.iter().position(|x| x == l) {
                    Some(i) => i,
                    None => {
                        ids.push(l.clone());
                        ids.len() - 1
                    }
                }
            };
            let da: Vec<Vec<usize>> = a
                .disjuncts
                .iter()
                .map(|c| c.iter().map(&mut id).collect())
                .collect();
            let db: Vec<Vec<usize>> = b
                .disjuncts
                .iter()
                .map(|c| c.iter().map(&mut id).collect())
                .collect();
            contains_submodel(&da, &db)
        })
    })
}

/// Fit-robustness scores as frscore's `frscore()` computes them (with
/// `comp.method = "is.submodel"`): `tokens` are the models of all analyses, in order.
/// Returns the scored types (best first), and how many types were left out by `max_sols`.
pub fn frscore(
    tokens: &[Vec<CnaAtomic>],
    normalize: FrNormalize,
    max_sols: usize,
) -> (Vec<(usize, f64, f64, usize)>, usize) {
    // Types: identical models (as sets of asfs, each a set of disjuncts).
    type TypeKey = BTreeSet<(CnaLiteral, BTreeSet<BTreeSet<CnaLiteral>>)>;
    let key = |m: &[CnaAtomic]| -> TypeKey {
        m.iter()
            .map(|a| (a.outcome.clone(), a.condition_set()))
            .collect()
    };
    let mut index: BTreeMap<TypeKey, usize> = BTreeMap::new();
    // (first token, frequency, complexity, string)
    let mut types: Vec<(usize, usize, usize, String)> = Vec::new();
    for (t, m) in tokens.iter().enumerate() {
        let k = key(m);
        match index.get(&k) {
            Some(&i) => types[i].1 += 1,
            None => {
                index.insert(k, types.len());
                let cx = m.iter().map(CnaAtomic::complexity).sum();
                // R's string of the model, `(A+B<->E)*(C<->D)`: frscore orders by it.
                let r_string = if m.len() == 1 {
                    m[0].to_cna()
                } else {
                    m.iter()
                        .map(|a| format!("({})", a.to_cna()))
                        .collect::<Vec<_>>()
                        .join("*")
                };
                types.push((t, 1, cx, r_string));
            }
        }
    }
    // frscore sorts the types by their strings (C collation).
    let mut order: Vec<usize> = (0..types.len()).collect();
    order.sort_by(|&a, &b| types[a].3.cmp(&types[b].3));
    let mut chosen: Vec<usize> = order.clone();
    let complexities: BTreeSet<usize> = types.iter().map(|t| t.2).collect();
    if complexities.len() > 1 && types.len() > max_sols {
        // Groups by complexity (ascending), each by frequency (descending, stable), a
        // share of max_sols per group, what a group leaves passed on to the next.
        let groups: Vec<Vec<usize>> = complexities
            .iter()
            .map(|&cx| {
                let mut g: Vec<usize> = order
                    .iter()
                    .copied()
                    .filter(|&i| types[i].2 == cx)
                    .collect();
                g.sort_by(|&a, &b| types[b].1.cmp(&types[a].1));
                g
            })
            .collect();
        let n_pick = max_sols / groups.len() + 1;
        let mut picks = vec![n_pick; groups.len()];
        for i in 1..groups.len() {
            let left = picks[i - 1].saturating_sub(groups[i - 1].len());
            picks[i] = n_pick + left;
        }
        chosen = groups
            .iter()
            .zip(&picks)
            .flat_map(|(g, &k)| g.iter().take(k).copied())
            .collect();
        chosen.truncate(max_sols);
    }
    let excluded = types.len() - chosen.len();
    let models: Vec<&Vec<CnaAtomic>> = chosen.iter().map(|&i| &tokens[types[i].0]).collect();
    let freq: Vec<f64> = chosen.iter().map(|&i| types[i].1 as f64).collect();
    let cx: Vec<usize> = chosen.iter().map(|&i| types[i].2).collect();
    let n = chosen.len();
    let mut score: Vec<f64> = freq.iter().map(|f| (f - 1.0) * 2.0).collect();
    for i in 0..n {
        for j in 0..n {
            // Distinct types: a submodel has fewer literals.
            if cx[i] < cx[j] && is_submodel(models[i], models[j]) {
                score[i] += freq[j];
                score[j] += freq[i];
            }
        }
    }
    let max = score.iter().copied().fold(0.0, f64::max);
    let norm: Vec<f64> = match normalize {
        FrNormalize::None => score.clone(),
        _ if max < 1.0 => vec![0.0; n],
        FrNormalize::Truemax => score.iter().map(|s| s / max).collect(),
        FrNormalize::Idealmax => {
            // Tokens per complexity; the best a type of complexity c could score: twice
            // the other tokens of c plus all tokens of other complexities.
            let mut per: BTreeMap<usize, f64> = BTreeMap::new();
            for i in 0..n {
                *per.entry(cx[i]).or_default() += freq[i];
            }
            let total: f64 = per.values().sum();
            let ideal = per
                .values()
                .map(|&f| (f - 1.0) * 2.0 + (total - f))
                .fold(0.0, f64::max);
            score.iter().map(|s| s / ideal).collect()
        }
    };
    let mut out: Vec<(usize, f64, f64, usize)> = (0..n)
        .map(|k| (types[chosen[k]].0, score[k], norm[k], types[chosen[k]].1))
        .collect();
    out.sort_by(|a, b| {
        b.1.total_cmp(&a.1).then_with(|| {
            let sa = &types[index[&key(&tokens[a.0])]].3;
            let sb = &types[index[&key(&tokens[b.0])]].3;
            sa.cmp(sb)
        })
    });
    (out, excluded)
}

/// A reanalysis series and its fit-robustness scores, as frscore's `frscored_cna()`: cna at
/// every (con, cov) pair of `fr.grid` with the other settings of `base` (its `con`, `cov`
/// and `con_msc` are replaced), the models of all analyses scored by [`frscore`].
pub fn frscored_cna(
    data: &SetData,
    base: &CnaOptions,
    fr: &FrScoreOptions,
) -> Result<FrScoreResult, QcaError> {
    frscored_cna_with_progress(data, base, fr, &NoProgress)
}

/// [`frscored_cna`], reporting progress: one unit per analysis.
pub fn frscored_cna_with_progress(
    data: &SetData,
    base: &CnaOptions,
    fr: &FrScoreOptions,
    progress: &dyn Progress,
) -> Result<FrScoreResult, QcaError> {
    if fr.grid.is_empty() {
        return Err(QcaError::Settings(msg!("qca-cna-fr-empty-grid")));
    }
    for &v in &fr.grid {
        check_fraction("--fr-grid", v)?;
    }
    let runs = fr.grid.len().saturating_mul(fr.grid.len());
    if runs > fr.max_runs {
        return Err(QcaError::Settings(msg!(
            "qca-cna-fr-too-many-runs",
            runs = runs,
            values = fr.grid.len(),
            max = fr.max_runs
        )));
    }
    if fr.max_sols == 0 {
        return Err(QcaError::Settings(msg!(
            "qca-cna-budget-zero",
            option = "--fr-max-sols"
        )));
    }
    // expand.grid(attempt, attempt): con varies fastest.
    let pairs: Vec<(f64, f64)> = fr
        .grid
        .iter()
        .flat_map(|&cov| fr.grid.iter().map(move |&con| (con, cov)))
        .collect();
    let run = |&(con, cov): &(f64, f64)| -> Result<CnaResult, QcaError> {
        let options = CnaOptions {
            con,
            cov,
            con_msc: None,
            ..base.clone()
        };
        run_cna(data, &options, &NoProgress)
    };
    progress.start(ProgressWhat::Cna, Some(pairs.len() as u64));
    let ticker = Ticker::new(progress);
    let threads = fr.threads.max(1).min(pairs.len());
    let results: Vec<Result<CnaResult, QcaError>> = if threads <= 1 {
        pairs
            .iter()
            .map(|p| {
                let r = run(p);
                ticker.tick();
                r
            })
            .collect()
    } else {
        // Each thread takes the next pair; results land in their grid slot, so the output
        // does not depend on the number of threads.
        let next = std::sync::atomic::AtomicUsize::new(0);
        let slots: Vec<std::sync::Mutex<Option<Result<CnaResult, QcaError>>>> =
            pairs.iter().map(|_| std::sync::Mutex::new(None)).collect();
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| {
                    loop {
                        let k = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        if k >= pairs.len() {
                            break;
                        }
                        // Lowest thresholds (the costliest analyses) first, for balance.
                        let i = pairs.len() - 1 - k;
                        let r = run(&pairs[i]);
                        if let Ok(mut slot) = slots[i].lock() {
                            *slot = Some(r);
                        }
                    }
                });
            }
        });
        ticker.add(pairs.len() as u64);
        slots
            .into_iter()
            .map(|m| {
                m.into_inner()
                    .ok()
                    .flatten()
                    .unwrap_or_else(|| Err(QcaError::Settings(msg!("qca-cna-fr-thread-failed"))))
            })
            .collect()
    };
    ticker.flush();
    progress.finish();
    let mut runs_out = Vec::new();
    // Tokens: (models as asfs, con, cov, complexity, grid pair).
    let mut tokens: Vec<Vec<CnaAtomic>> = Vec::new();
    let mut info: Vec<(f64, f64, usize, (f64, f64))> = Vec::new();
    for (pair, r) in pairs.iter().zip(results) {
        let r = r?;
        let before = tokens.len();
        match fr.output {
            FrOutput::Csf => {
                for c in &r.csf {
                    tokens.push(c.asfs.clone());
                    info.push((c.con, c.cov, c.complexity, *pair));
                }
            }
            FrOutput::Asf => {
                for a in &r.asf {
                    tokens.push(vec![a.formula.clone()]);
                    info.push((a.con, a.cov, a.complexity, *pair));
                }
            }
        }
        runs_out.push(FrRun {
            con: pair.0,
            cov: pair.1,
            models: tokens.len() - before,
            warnings: r.warning_msgs,
        });
    }
    let (scored, excluded) = frscore(&tokens, fr.normalize, fr.max_sols);
    let key = |m: &[CnaAtomic]| -> BTreeSet<(CnaLiteral, BTreeSet<BTreeSet<CnaLiteral>>)> {
        m.iter()
            .map(|a| (a.outcome.clone(), a.condition_set()))
            .collect()
    };
    let keys: Vec<_> = tokens.iter().map(|t| key(t)).collect();
    let types = keys.iter().collect::<BTreeSet<_>>().len();
    let models = scored
        .into_iter()
        .map(|(first, score, norm_score, count)| {
            let m = &tokens[first];
            let (con, cov, complexity, _) = info[first];
            let found_at = keys
                .iter()
                .zip(&info)
                .filter(|(k, _)| **k == keys[first])
                .map(|(_, i)| i.3)
                .collect();
            FrModel {
                expression: CnaCsf::expression_of(m),
                outcome: m
                    .iter()
                    .map(|a| a.outcome.to_cna())
                    .collect::<Vec<_>>()
                    .join(","),
                asfs: m.clone(),
                con,
                cov,
                complexity,
                score,
                norm_score,
                tokens: count,
                found_at,
            }
        })
        .collect();
    Ok(FrScoreResult {
        options: fr.clone(),
        runs: runs_out,
        models,
        excluded,
        types,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structures_match_hand_enumeration() {
        // maxstep (2, 2, 3): {1}, {2}, {1,1}, {1,2}; sums 1, 2, 2, 3.
        let s = structures(2, 2, 3);
        let set: BTreeSet<Vec<usize>> = s.iter().cloned().collect();
        let expected: BTreeSet<Vec<usize>> = [vec![1], vec![2], vec![1, 1], vec![1, 2]]
            .into_iter()
            .collect();
        assert_eq!(set, expected);
        assert!(
            s.windows(2)
                .all(|w| w[0].iter().sum::<usize>() <= w[1].iter().sum())
        );
    }

    #[test]
    fn submodel_needs_a_matching() {
        // A + B is a submodel of A*C + B*D, but not of A*B (both disjuncts in one).
        assert!(contains_submodel(
            &[vec![0], vec![1]],
            &[vec![0, 2], vec![1, 3]]
        ));
        assert!(!contains_submodel(&[vec![0], vec![1]], &[vec![0, 1]]));
        assert!(contains_submodel(&[vec![0]], &[vec![0, 1], vec![5]]));
    }

    #[test]
    fn parse_and_print_round_trip() {
        let a = CnaAtomic::parse_cna("C=1+F=2+C=0*F=1<->PB=1").unwrap();
        assert_eq!(a.to_cna(), "C=1+F=2+C=0*F=1<->PB=1");
        assert_eq!(a.to_qca(), "C[1] + F[2] + C[0]*F[1] <-> PB[1]");
        let b = CnaAtomic::parse_cna("S*v + c*R <-> JSR").unwrap();
        assert_eq!(b.to_qca(), "S*~V + ~C*R <-> JSR");
        assert_eq!(b.complexity(), 4);
        assert!(CnaAtomic::parse_cna("Ab<->C").is_err());
        assert!(CnaAtomic::parse_cna("A+B").is_err());
        let csf = parse_cna_csf("(L+G<->E)*(U+D<->L)").unwrap();
        assert_eq!(csf.len(), 2);
    }
}
