//! The analysis with settings chosen in the page: outcome, conditions, cut-offs and
//! directional expectations, on what is stored (imported and web answers alike).
//!
//! The study analysis ([`crate::analysis::analyse_stored`]) also runs the necessity search
//! and the permutation statistics, which take a few hundred milliseconds for 120
//! municipalities. The page needs calibration, truth table, solutions and XY plots while the
//! researcher tries settings, so this module runs only those steps, with the same rules as
//! the study analysis (raw values, calibration anchors, half memberships, minimization with
//! remainders and directional expectations): [`run_qca`] on loaded [`QcaInputs`]. A test
//! checks that both give the same truth table and solutions for the same settings.

use std::collections::BTreeMap;

use kantel_i18n::{Arg, Lang, Msg, msg};
use kantel_qca::SetData;
use kantel_qca::fit;
use kantel_qca::minimize::{MinimizeOptions, Model, minimize};
use kantel_qca::truth_table::{HalfMembership, Out, Outcome, TruthTable, TruthTableSpec};
use kantel_report::svg::{self, Point};
use kantel_store::{DataVersion, RunId};
use kantel_study::analysis::{rating_values, register_missing, scale_values};
use kantel_study::codebook::{MeasureKind, SetKind};
use kantel_study::import::{RegisterValue, choose_register_year, indicator_matches};
use kantel_study::measure::{Measurement, calibrate_values};
use kantel_study::study::{Analysis, HalfMembershipRule, Study};
use serde::{Deserialize, Serialize};

use crate::imports::split_values;
use crate::{WorkflowError, Workspace};

/// Most conditions the page analyses: 2^10 configurations is a readable truth table, and
/// the minimization with remainders stays well within a request.
pub const MAX_CONDITIONS: usize = 10;

/// The run kind recorded in the store.
pub const RUN_KIND: &str = "web-qca";

/// Memberships this close to 0.5 count as 0.5 (the engine's tolerance).
const HALF_TOLERANCE: f64 = 1e-9;

/// The settings a researcher chooses for one analysis.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QcaSettings {
    /// Outcome set id.
    pub outcome: String,
    /// Analyse the negated outcome.
    pub negate_outcome: bool,
    /// Condition (or context) set ids, in truth-table order.
    pub conditions: Vec<String>,
    /// Inclusion (consistency) cut-off.
    pub incl_cut: f64,
    /// PRI cut-off.
    pub pri_cut: f64,
    /// Frequency cut-off: fewer cases make a row a remainder.
    pub n_cut: u32,
    /// Directional expectations (`BESTLEID`, `~MANDAAT`); none = no intermediate solution.
    pub dir_exp: Vec<String>,
}

impl QcaSettings {
    /// The study's own analysis plan.
    pub fn from_plan(plan: &Analysis) -> QcaSettings {
        QcaSettings {
            outcome: plan.outcome.clone(),
            negate_outcome: plan.negate_outcome,
            conditions: plan.conditions.clone(),
            incl_cut: plan.incl_cut,
            pri_cut: plan.pri_cut,
            n_cut: plan.n_cut,
            dir_exp: plan.dir_exp.clone(),
        }
    }

    /// The settings as the analysis form posts them (field `conditions` repeats; cut-offs
    /// as typed, `0,8` or `0.8`), each problem tied to its field.
    pub fn from_form(fields: &[(String, String)]) -> Result<QcaSettings, SettingProblem> {
        let one = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map_or("", |(_, v)| v.as_str())
        };
        let cut = |field: SettingField| {
            let text = one(field.name());
            match text.trim().replace(',', ".").parse::<f64>() {
                Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
                _ => Err(field.problem(msg!("wf-d-cut-value", text = text.trim()))),
            }
        };
        let n_cut = match one("n_cut").trim().parse::<u32>() {
            Ok(n) if n >= 1 => n,
            _ => {
                return Err(SettingField::NCut
                    .problem(msg!("wf-d-n-cut-value", text = one("n_cut").trim())));
            }
        };
        Ok(QcaSettings {
            outcome: one("outcome").trim().to_owned(),
            negate_outcome: !one("negate").is_empty(),
            conditions: fields
                .iter()
                .filter(|(k, _)| k == "conditions")
                .map(|(_, v)| v.trim().to_owned())
                .collect(),
            incl_cut: cut(SettingField::InclCut)?,
            pri_cut: cut(SettingField::PriCut)?,
            n_cut,
            dir_exp: parse_dir_exp(one("dir_exp")),
        })
    }

    /// Checks the settings against the study in the form's terms: each problem names the
    /// field to correct, in plain words (the study file's own check, which [`Self::apply`]
    /// runs afterwards, speaks of `[analysis]` keys).
    pub fn check(&self, study: &Study) -> Result<(), SettingProblem> {
        let kind = |id: &str| study.set(id).map(|s| s.kind);
        let calibrated = |id: &str| {
            study.calibration.contains_key(id)
                || study
                    .set(id)
                    .is_some_and(|s| s.set.measure == MeasureKind::Rating)
        };
        let outcome = self.outcome.trim();
        if outcome.is_empty() {
            return Err(SettingField::Outcome.problem(msg!("wf-d-outcome-none")));
        }
        if kind(outcome) != Some(SetKind::Outcome) {
            return Err(SettingField::Outcome.problem(msg!("wf-d-outcome-unknown", id = outcome)));
        }
        if !calibrated(outcome) {
            return Err(SettingField::Outcome.problem(msg!("wf-d-not-calibrated", id = outcome)));
        }
        let conditions = SettingField::Conditions;
        if self.conditions.is_empty() {
            return Err(conditions.problem(msg!("wf-d-conditions-none")));
        }
        if self.conditions.len() > MAX_CONDITIONS {
            return Err(conditions.problem(msg!(
                "wf-d-too-many-conditions",
                count = self.conditions.len(),
                max = MAX_CONDITIONS
            )));
        }
        for (i, c) in self.conditions.iter().map(|c| c.trim()).enumerate() {
            if !matches!(kind(c), Some(SetKind::Condition | SetKind::Context)) {
                return Err(conditions.problem(msg!("wf-d-condition-unknown", id = c)));
            }
            if self.conditions[..i].iter().any(|e| e.trim() == c) {
                return Err(conditions.problem(msg!("wf-d-condition-twice", id = c)));
            }
            if !calibrated(c) {
                return Err(conditions.problem(msg!("wf-d-not-calibrated", id = c)));
            }
        }
        for (i, d) in self.dir_exp.iter().map(|d| d.trim()).enumerate() {
            let name = d.strip_prefix('~').unwrap_or(d).trim();
            if !self.conditions.iter().any(|c| c.trim() == name) {
                return Err(SettingField::DirExp.problem(if name.is_empty() {
                    msg!("wf-d-dir-exp-empty", expectation = d)
                } else {
                    msg!("wf-d-dir-exp-not-chosen", expectation = d, condition = name)
                }));
            }
            if self.dir_exp[..i].iter().any(|e| e.trim() == d) {
                return Err(
                    SettingField::DirExp.problem(msg!("wf-d-dir-exp-twice", expectation = d))
                );
            }
        }
        Ok(())
    }

    /// The study with its plan replaced by these settings, checked by the study file's own
    /// rules (known sets, calibration anchors, cut-offs in range, expectations on chosen
    /// conditions), so that the page and a study file refuse the same things. A form runs
    /// [`Self::check`] first, which says the same in the form's terms.
    pub fn apply(&self, study: &Study) -> Result<Study, WorkflowError> {
        if self.conditions.len() > MAX_CONDITIONS {
            return Err(msg!(
                "wf-d-too-many-conditions",
                count = self.conditions.len(),
                max = MAX_CONDITIONS
            )
            .into());
        }
        let mut out = study.clone();
        let plan = &mut out.analysis;
        plan.outcome = self.outcome.trim().to_string();
        plan.negate_outcome = self.negate_outcome;
        plan.conditions = self
            .conditions
            .iter()
            .map(|c| c.trim().to_string())
            .collect();
        plan.incl_cut = self.incl_cut;
        plan.pri_cut = self.pri_cut;
        plan.n_cut = self.n_cut;
        plan.dir_exp = self
            .dir_exp
            .iter()
            .map(|d| d.trim().to_string())
            .filter(|d| !d.is_empty())
            .collect();
        out.validate()?;
        Ok(out)
    }
}

/// A field of the analysis form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingField {
    /// The outcome (radio buttons).
    Outcome,
    /// The conditions (checkboxes).
    Conditions,
    /// The inclusion cut-off.
    InclCut,
    /// The PRI cut-off.
    PriCut,
    /// The frequency cut-off.
    NCut,
    /// The directional expectations.
    DirExp,
}

impl SettingField {
    /// The form field's name (`name=` of its inputs).
    pub fn name(self) -> &'static str {
        match self {
            SettingField::Outcome => "outcome",
            SettingField::Conditions => "conditions",
            SettingField::InclCut => "incl_cut",
            SettingField::PriCut => "pri_cut",
            SettingField::NCut => "n_cut",
            SettingField::DirExp => "dir_exp",
        }
    }

    /// The catalogue key of the field's label on the analysis page, so that a message
    /// names the field as the researcher sees it.
    pub fn label_key(self) -> &'static str {
        match self {
            SettingField::Outcome => "web-d-outcome",
            SettingField::Conditions => "web-d-conditions",
            SettingField::InclCut => "web-d-incl-cut",
            SettingField::PriCut => "web-d-pri-cut",
            SettingField::NCut => "web-d-n-cut",
            SettingField::DirExp => "web-d-dir-exp",
        }
    }

    fn problem(self, message: Msg) -> SettingProblem {
        SettingProblem {
            field: self,
            message,
        }
    }
}

/// A setting the analysis cannot take: the field and what to change, in plain words (the
/// message does not repeat the field's label).
#[derive(Clone, Debug, PartialEq)]
pub struct SettingProblem {
    /// The field to correct.
    pub field: SettingField,
    /// What is wrong with it.
    pub message: Msg,
}

impl SettingProblem {
    /// The problem in one message that names the field: "label: message".
    pub fn msg(&self) -> Msg {
        msg!(
            "wf-d-field",
            field = msg!(self.field.label_key()),
            message = self.message.clone()
        )
    }
}

impl From<SettingProblem> for WorkflowError {
    fn from(p: SettingProblem) -> WorkflowError {
        WorkflowError::Msg(p.msg())
    }
}

/// A cut-off as typed in a form: `0.8` or `0,8`, between 0 and 1.
pub fn parse_cut(text: &str, field: &str) -> Result<f64, WorkflowError> {
    let t = text.trim().replace(',', ".");
    match t.parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(msg!("wf-d-cut", field = field, text = text.trim()).into()),
    }
}

/// A frequency cut-off as typed in a form: a whole number of at least 1.
pub fn parse_n_cut(text: &str) -> Result<u32, WorkflowError> {
    match text.trim().parse::<u32>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(msg!("wf-d-n-cut", text = text.trim()).into()),
    }
}

/// Directional expectations as typed: set ids, optionally negated with `~`, separated by
/// commas, semicolons or spaces.
pub fn parse_dir_exp(text: &str) -> Vec<String> {
    text.split([',', ';', ' ', '\t', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// What an analysis reads from the store: the study, the measured survey scales, the
/// register values and the ratings, with notes on stored data the study no longer uses.
#[derive(Clone, Debug)]
pub struct QcaInputs {
    /// The study definition.
    pub study: Study,
    /// Scale scores per municipality (the study's `min_items_answered`).
    pub measurement: Measurement,
    /// Register indicator values.
    pub register: Vec<RegisterValue>,
    /// Ratings: (municipality code, set id, membership).
    pub ratings: Vec<(String, String, f64)>,
    /// Stored answers left out, and why.
    pub notes: Vec<Msg>,
    /// The data version read (imports; web answers do not raise it).
    pub data_version: DataVersion,
}

/// Loads and measures everything stored for the study (web and imported answers are one
/// table), by the rules of [`crate::analysis::read_stored`].
pub async fn load_inputs(ws: &Workspace) -> Result<QcaInputs, WorkflowError> {
    let stored = crate::analysis::read_stored(ws).await?;
    let (register, ratings) = split_values(ws, &stored.records);
    Ok(QcaInputs {
        study: ws.study.clone(),
        measurement: stored.measurement,
        register,
        ratings,
        notes: stored.notes,
        data_version: stored.data_version,
    })
}

/// Measured inputs of recent analyses, one per study, kept while the study definition and
/// the stored data stay the same. Reading and measuring the answers is most of an
/// analysis's time (a 120-municipality study: ~130 ms of ~150 ms); trying other settings on
/// the same data should not pay it again.
///
/// The key is the study definition's text and the [`DataVersion`], which changes with every
/// import, replace and remove and, through its answers stamp (count and latest change),
/// with every web answer.
#[derive(Debug, Default)]
pub struct InputsCache {
    entries: std::sync::Mutex<std::collections::HashMap<kantel_store::StudyId, CachedInputs>>,
}

#[derive(Debug)]
struct CachedInputs {
    definition: String,
    data_version: DataVersion,
    inputs: std::sync::Arc<QcaInputs>,
}

impl InputsCache {
    /// The study's measured inputs: from the cache when nothing changed since they were
    /// read, otherwise read anew (and kept).
    pub async fn get(&self, ws: &Workspace) -> Result<std::sync::Arc<QcaInputs>, WorkflowError> {
        let current = ws.store.data_version_with_answers(ws.id).await?;
        if let Ok(entries) = self.entries.lock()
            && let Some(c) = entries.get(&ws.id)
            && c.data_version == current
            && c.definition == ws.study_text
        {
            return Ok(c.inputs.clone());
        }
        let inputs = std::sync::Arc::new(load_inputs(ws).await?);
        if let Ok(mut entries) = self.entries.lock() {
            entries.insert(
                ws.id,
                CachedInputs {
                    definition: ws.study_text.clone(),
                    // The version the inputs were read at (read before the data): a change
                    // during the read makes the next call read again.
                    data_version: inputs.data_version.clone(),
                    inputs: inputs.clone(),
                },
            );
        }
        Ok(inputs)
    }
}

/// Where a set's raw values come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// A survey scale (the municipal mean).
    Survey,
    /// A register indicator.
    Register,
    /// A rating by the researchers.
    Rating,
}

/// One municipality's raw value and membership in one set.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CaseValue {
    /// CBS code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Raw value (scale mean, indicator, rating).
    pub raw: f64,
    /// Calibrated membership.
    pub membership: f64,
}

/// The calibration of one analysed set.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SetCalibrationView {
    /// Set id.
    pub set: String,
    /// Dutch label.
    pub label_nl: String,
    /// English label.
    pub label_en: String,
    /// Where the raw values come from.
    pub source: SourceKind,
    /// The method in R notation (`fuzzy(e = 2.5, c = 3.45, i = 4.2)`) or `rating`.
    pub method: String,
    /// The anchors (exclusion, crossover, inclusion) or thresholds.
    pub anchors: Vec<f64>,
    /// Every analysed municipality, in study order.
    pub cases: Vec<CaseValue>,
    /// The calibration plot (inline SVG), empty for ratings used as memberships.
    pub plot: String,
    /// The engine's warnings about this calibration.
    pub warnings: Vec<Msg>,
}

/// One row of the truth table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TruthTableRowView {
    /// R's row number.
    pub row: u64,
    /// The configuration, one value per condition.
    pub values: Vec<u8>,
    /// `1`, `0`, `C` or `?`.
    pub out: String,
    /// Cases in the row.
    pub n: usize,
    /// Sufficiency inclusion.
    pub incl: f64,
    /// PRI.
    pub pri: f64,
    /// The municipalities in the row (names).
    pub cases: Vec<String>,
}

/// The truth table: its observed rows (R's default display) and how many remain.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TruthTableView {
    /// Conditions, in column order.
    pub conditions: Vec<String>,
    /// The outcome as analysed (`~X` when negated).
    pub outcome: String,
    /// Rows with at least one case, by row number.
    pub rows: Vec<TruthTableRowView>,
    /// Configurations without cases (logical remainders).
    pub remainders: u64,
    /// Municipalities in the truth table.
    pub cases: usize,
}

/// A term of a model with its fit and XY plot.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TermView {
    /// The term in R notation (`BESTLEID*~MANDAAT`).
    pub term: String,
    /// inclS.
    pub incl: f64,
    /// PRI.
    pub pri: f64,
    /// covS.
    pub cov: f64,
    /// covU.
    pub cov_u: f64,
    /// Municipalities the term covers (names).
    pub cases: Vec<String>,
    /// Its XY plot against the outcome: an index into [`QcaView::plots`].
    pub plot: usize,
}

/// A model (one solution formula).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ModelView {
    /// `M1`, `M2`, …
    pub label: String,
    /// The model in R notation.
    pub expression: String,
    /// Its terms.
    pub terms: Vec<TermView>,
    /// inclS of the model.
    pub incl: f64,
    /// PRI of the model.
    pub pri: f64,
    /// covS of the model.
    pub cov: f64,
    /// XY plot of the whole model when it has more than one term: an index into
    /// [`QcaView::plots`].
    pub plot: Option<usize>,
}

/// An XY plot of a term or model (x) against the outcome (y).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct XyPlot {
    /// The term or model in R notation.
    pub expression: String,
    /// inclS.
    pub incl: f64,
    /// covS.
    pub cov: f64,
    /// The plot (inline SVG).
    pub svg: String,
}

/// Which solution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SolutionKind {
    /// Without remainders.
    Conservative,
    /// With every useful remainder.
    Parsimonious,
    /// With the remainders the directional expectations allow.
    Intermediate,
}

/// One solution with its models.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SolutionView {
    /// Which one.
    pub kind: SolutionKind,
    /// For an intermediate solution: the parsimonious model it starts from (`C1P1`).
    pub from: Option<String>,
    /// Its models.
    pub models: Vec<ModelView>,
    /// False when the list of models was cut off.
    pub complete: bool,
}

/// A municipality left out of the analysis, with why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DroppedCase {
    /// CBS code.
    pub code: String,
    /// Name.
    pub name: String,
    /// One reason per set without a value.
    pub reasons: Vec<Msg>,
}

/// Everything the page shows of one analysis.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QcaView {
    /// The settings used.
    pub settings: QcaSettings,
    /// Municipalities in the study.
    pub cases_study: usize,
    /// Municipalities with a value on every analysed set.
    pub cases_analysed: usize,
    /// Those left out, with the reasons.
    pub dropped: Vec<DroppedCase>,
    /// Calibration of the outcome and each condition.
    pub calibration: Vec<SetCalibrationView>,
    /// The truth table.
    pub truth_table: TruthTableView,
    /// Conservative, parsimonious and intermediate solutions; empty when no row is
    /// positive ([`QcaView::empty`] says why).
    pub solutions: Vec<SolutionView>,
    /// Why there is no solution, when no configuration passes the cut-offs.
    pub empty: Option<Msg>,
    /// The XY plots of every term and model of the solutions, each drawn once (the
    /// solutions share many terms), in order of first appearance.
    pub plots: Vec<XyPlot>,
    /// Warnings (calibration, half memberships, the engine's).
    pub warnings: Vec<Msg>,
    /// Stored data the analysis left out.
    pub notes: Vec<Msg>,
    /// The data version read.
    pub data_version: i64,
    /// The run as recorded in the store (by [`analyse_web`]).
    pub run: Option<RunId>,
}

/// Raw values of one set for every study municipality, with a reason per missing value.
struct RawColumn {
    source: SourceKind,
    values: Vec<Option<f64>>,
    reasons: Vec<Option<Msg>>,
}

fn scale_column(id: &str, inputs: &QcaInputs, codes: &[&str]) -> RawColumn {
    let (values, reasons) = scale_values(
        id,
        &inputs.measurement,
        codes,
        inputs.study.analysis.min_items_answered,
    );
    RawColumn {
        source: SourceKind::Survey,
        values,
        reasons,
    }
}

fn register_column(
    id: &str,
    indicator: Option<&str>,
    inputs: &QcaInputs,
    codes: &[&str],
    warnings: &mut Vec<Msg>,
) -> RawColumn {
    let relevant: Vec<&RegisterValue> = inputs
        .register
        .iter()
        .filter(|v| indicator_matches(&v.indicator, id, indicator))
        .collect();
    let study_year = i32::from(inputs.study.study.year);
    let year = choose_register_year(
        id,
        indicator,
        study_year,
        relevant.iter().map(|v| (v.indicator.clone(), v.year)),
    )
    .year;
    let name = indicator.unwrap_or(id);
    if let Some(y) = year
        && y != study_year
    {
        warnings.push(msg!(
            "analysis-warn-register-year",
            set = id,
            indicator = name,
            study_year = study_year.to_string(),
            year = y.to_string()
        ));
    }
    let by_code: BTreeMap<&str, Option<f64>> = relevant
        .iter()
        .filter(|v| v.year == year)
        .map(|v| (v.code.as_str(), v.value))
        .collect();
    let mut values = Vec::with_capacity(codes.len());
    let mut reasons = Vec::with_capacity(codes.len());
    for code in codes {
        let value = by_code.get(code).copied().flatten();
        values.push(value);
        reasons.push(
            value
                .is_none()
                .then(|| register_missing(id, name, !relevant.is_empty(), year)),
        );
    }
    RawColumn {
        source: SourceKind::Register,
        values,
        reasons,
    }
}

fn rating_column(id: &str, inputs: &QcaInputs, codes: &[&str]) -> RawColumn {
    let by_code: BTreeMap<&str, f64> = inputs
        .ratings
        .iter()
        .filter(|(_, s, v)| s == id && v.is_finite())
        .map(|(c, _, v)| (c.as_str(), *v))
        .collect();
    let (values, reasons) = rating_values(id, &by_code, codes);
    RawColumn {
        source: SourceKind::Rating,
        values,
        reasons,
    }
}

/// Raw values of `id` for every municipality of the study (study order).
fn raw_column(
    id: &str,
    inputs: &QcaInputs,
    codes: &[&str],
    warnings: &mut Vec<Msg>,
) -> Result<RawColumn, WorkflowError> {
    let set = inputs
        .study
        .set(id)
        .ok_or_else(|| msg!("analysis-fail-unknown-set", set = id))?
        .set;
    Ok(match set.measure {
        MeasureKind::Scale => scale_column(id, inputs, codes),
        MeasureKind::Indicator => register_column(
            id,
            set.indicator.as_ref().map(|i| i.name.as_str()),
            inputs,
            codes,
            warnings,
        ),
        MeasureKind::Rating => rating_column(id, inputs, codes),
    })
}

/// One set's scores for the export: its id, where its values come from, and per study
/// municipality (study order) the raw value and membership, if any.
pub type SetScores = (String, SourceKind, Vec<Option<(f64, Option<f64>)>>);

/// Raw values and memberships of every set of the study for every municipality with a
/// value; for the export of set scores. A set whose calibration fails, or that has no
/// anchors, has no memberships (`None`).
pub fn set_scores(inputs: &QcaInputs) -> Vec<SetScores> {
    let codes: Vec<&str> = inputs
        .study
        .municipalities
        .iter()
        .map(|m| m.code.as_str())
        .collect();
    let mut warnings = Vec::new();
    let mut out = Vec::new();
    for s in inputs.study.sets() {
        let id = s.set.id.as_str();
        let Ok(column) = raw_column(id, inputs, &codes, &mut warnings) else {
            continue;
        };
        let present: Vec<f64> = column.values.iter().flatten().copied().collect();
        let members: Option<Vec<f64>> = if present.is_empty() {
            None
        } else if inputs.study.calibration.contains_key(id) {
            calibrate_values(&inputs.study, id, &present)
                .ok()
                .map(|c| c.values)
        } else if s.set.measure == MeasureKind::Rating {
            Some(present.clone())
        } else {
            None
        };
        let mut k = 0;
        let values = column
            .values
            .iter()
            .map(|v| {
                v.map(|raw| {
                    let m = members.as_ref().map(|m| m[k]);
                    k += 1;
                    (raw, m)
                })
            })
            .collect();
        out.push((id.to_string(), column.source, values));
    }
    out
}

fn name_of<'a>(study: &'a Study, code: &'a str) -> &'a str {
    study.municipality(code).map_or(code, |m| m.name.as_str())
}

/// Runs the analysis with `settings` on `inputs`: raw values, calibration, truth table,
/// minimization and XY plots, with texts of the plots in `lang`. Pure computation; nothing
/// is recorded ([`analyse_web`] records the run).
pub fn run_qca(
    inputs: &QcaInputs,
    settings: &QcaSettings,
    lang: Lang,
) -> Result<QcaView, WorkflowError> {
    let study = settings.apply(&inputs.study)?;
    let plan = &study.analysis;
    let codes: Vec<&str> = study
        .municipalities
        .iter()
        .map(|m| m.code.as_str())
        .collect();
    if codes.is_empty() {
        return Err(msg!("wf-d-no-municipalities").into());
    }
    let mut warnings: Vec<Msg> = Vec::new();

    // 1. Raw values of the outcome and the conditions; complete municipalities only.
    let mut set_ids: Vec<&str> = vec![plan.outcome.as_str()];
    set_ids.extend(plan.conditions.iter().map(String::as_str));
    let columns: Vec<RawColumn> = set_ids
        .iter()
        .map(|id| raw_column(id, inputs, &codes, &mut warnings))
        .collect::<Result<_, _>>()?;
    let complete: Vec<usize> = (0..codes.len())
        .filter(|&k| columns.iter().all(|c| c.values[k].is_some()))
        .collect();
    let dropped: Vec<DroppedCase> = (0..codes.len())
        .filter(|k| !complete.contains(k))
        .map(|k| DroppedCase {
            code: codes[k].to_string(),
            name: name_of(&study, codes[k]).to_string(),
            reasons: columns
                .iter()
                .filter_map(|c| c.reasons[k].clone())
                .collect(),
        })
        .collect();
    if complete.is_empty() {
        return Err(msg!("analysis-fail-no-complete-case", total = codes.len()).into());
    }
    let cases: Vec<String> = complete.iter().map(|&k| codes[k].to_string()).collect();

    // 2. Calibration.
    let mut calibration = Vec::with_capacity(set_ids.len());
    let mut member_columns = Vec::with_capacity(set_ids.len());
    for (id, column) in set_ids.iter().zip(&columns) {
        let raw: Vec<f64> = complete.iter().filter_map(|&k| column.values[k]).collect();
        let set = study
            .set(id)
            .ok_or_else(|| msg!("analysis-fail-unknown-set", set = *id))?
            .set;
        let (members, method, anchors, set_warnings) = match study.calibration.get(*id) {
            Some(spec) => {
                let engine = spec.to_engine().map_err(|detail| {
                    msg!("analysis-fail-calibration", set = *id, detail = detail)
                })?;
                let calibrated = calibrate_values(&study, id, &raw)
                    .map_err(|e| msg!("analysis-fail-calibration", set = *id, detail = e.msg()))?;
                let anchors = match &spec.thresholds {
                    Some(t) => t.clone(),
                    None => [spec.exclusion, spec.crossover, spec.inclusion]
                        .into_iter()
                        .flatten()
                        .collect(),
                };
                (
                    calibrated.values,
                    engine.to_string(),
                    anchors,
                    calibrated.warning_msgs,
                )
            }
            None => {
                if let Some(i) = raw.iter().position(|v| !(0.0..=1.0).contains(v)) {
                    return Err(msg!(
                        "analysis-fail-rating-range",
                        set = *id,
                        municipality = cases[i].as_str(),
                        value = raw[i]
                    )
                    .into());
                }
                (raw.clone(), "rating".to_string(), Vec::new(), Vec::new())
            }
        };
        for w in &set_warnings {
            warnings.push(msg!(
                "analysis-warn-calibration",
                set = *id,
                detail = w.clone()
            ));
        }
        let plot = if method == "rating" {
            String::new()
        } else {
            calibration_plot(&study, id, &cases, &raw, &members, &anchors, lang)
        };
        calibration.push(SetCalibrationView {
            set: id.to_string(),
            label_nl: set.label_nl.clone(),
            label_en: set.label_en.clone(),
            source: column.source,
            method,
            anchors,
            cases: cases
                .iter()
                .zip(raw.iter().zip(&members))
                .map(|(code, (&raw, &membership))| CaseValue {
                    code: code.clone(),
                    name: name_of(&study, code).to_string(),
                    raw,
                    membership,
                })
                .collect(),
            plot,
            warnings: set_warnings,
        });
        member_columns.push(members);
    }
    let names: Vec<String> = set_ids.iter().map(|s| s.to_string()).collect();
    let sets = SetData::new(cases.clone(), names, member_columns).map_err(|e| e.msg())?;

    // 3. Truth table, with the study's rule for memberships of exactly 0.5.
    let (data, engine_rule) = half_memberships(&study, &sets, &mut warnings)?;
    let outcome_text = if plan.negate_outcome {
        format!("~{}", plan.outcome)
    } else {
        plan.outcome.clone()
    };
    let outcome = Outcome::parse(&outcome_text).map_err(|e| e.msg())?;
    let spec = TruthTableSpec {
        incl_cut: plan.incl_cut,
        pri_cut: plan.pri_cut,
        n_cut: plan.n_cut as usize,
        half_membership: engine_rule,
        ..TruthTableSpec::new(outcome, plan.conditions.clone())
    };
    let tt = TruthTable::build(&data, &spec).map_err(|e| e.msg())?;
    let tt_names = |indices: &[usize]| -> Vec<String> {
        indices
            .iter()
            .map(|&i| name_of(&study, &tt.case_names()[i]).to_string())
            .collect()
    };
    let observed: Vec<TruthTableRowView> = tt
        .rows()
        .iter()
        .filter(|r| r.n > 0)
        .map(|r| TruthTableRowView {
            row: r.row,
            values: r.values.clone(),
            out: r.out.code().to_string(),
            n: r.n,
            incl: r.incl,
            pri: r.pri,
            cases: tt_names(&r.cases),
        })
        .collect();
    let truth_table = TruthTableView {
        conditions: plan.conditions.clone(),
        outcome: outcome_text.clone(),
        remainders: tt.n_configurations() - observed.len() as u64,
        rows: observed,
        cases: tt.case_names().len(),
    };

    // 4. Minimization: an empty solution when no row is positive.
    let mut solutions = Vec::new();
    let mut empty = None;
    let mut plots = Vec::new();
    if tt.rows().iter().any(|r| r.out == Out::One) {
        let options = MinimizeOptions {
            include_remainders: true,
            dir_exp: (!plan.dir_exp.is_empty()).then(|| plan.dir_exp.join(", ")),
            ..MinimizeOptions::default()
        };
        let m = minimize(&tt, &options).map_err(|e| e.msg())?;
        // The solutions share many terms; each term's plot is drawn once.
        let mut cache = PlotCache::default();
        let mut xy = |models: &[Model]| -> Vec<ModelView> {
            models
                .iter()
                .enumerate()
                .map(|(i, m)| model_view(&study, &tt, &outcome_text, i, m, lang, &mut cache))
                .collect()
        };
        if let Some(c) = &m.conservative {
            solutions.push(SolutionView {
                kind: SolutionKind::Conservative,
                from: None,
                models: xy(&c.models),
                complete: c.complete,
            });
        }
        if let Some(p) = &m.parsimonious {
            solutions.push(SolutionView {
                kind: SolutionKind::Parsimonious,
                from: None,
                models: xy(&p.models),
                complete: p.complete,
            });
        }
        for i in &m.intermediate {
            solutions.push(SolutionView {
                kind: SolutionKind::Intermediate,
                from: Some(i.from.clone()),
                models: xy(&i.models),
                complete: i.complete,
            });
        }
        plots = cache.plots;
        for w in &m.warning_msgs {
            if !warnings.contains(w) {
                warnings.push(w.clone());
            }
        }
    } else {
        empty = Some(empty_reason(&tt));
        for w in tt.warning_msgs() {
            if !warnings.contains(w) {
                warnings.push(w.clone());
            }
        }
    }
    Ok(QcaView {
        settings: QcaSettings::from_plan(plan),
        cases_study: codes.len(),
        cases_analysed: cases.len(),
        dropped,
        calibration,
        truth_table,
        solutions,
        empty,
        plots,
        warnings,
        notes: inputs.notes.clone(),
        data_version: inputs.data_version.version,
        run: None,
    })
}

/// Applies `[analysis] half_membership` to the calibrated sets: leave such municipalities
/// out (with a warning), refuse, or keep them as R does.
fn half_memberships(
    study: &Study,
    sets: &SetData,
    warnings: &mut Vec<Msg>,
) -> Result<(SetData, HalfMembership), WorkflowError> {
    let conditions = &study.analysis.conditions;
    let half: Vec<(usize, Vec<&str>)> = (0..sets.n_cases())
        .filter_map(|k| {
            let on: Vec<&str> = conditions
                .iter()
                .filter(|c| {
                    sets.column(c)
                        .is_some_and(|col| (col[k] - 0.5).abs() < HALF_TOLERANCE)
                })
                .map(String::as_str)
                .collect();
            (!on.is_empty()).then_some((k, on))
        })
        .collect();
    if half.is_empty() {
        return Ok((sets.clone(), HalfMembership::Error));
    }
    let described = half
        .iter()
        .map(|(k, on)| {
            let code = &sets.cases()[*k];
            format!("{} ({code}): {}", name_of(study, code), on.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ");
    match study.analysis.half_membership {
        HalfMembershipRule::Error => Err(msg!(
            "analysis-fail-half-membership",
            count = half.len(),
            cases = described
        )
        .into()),
        HalfMembershipRule::R => {
            warnings.push(msg!(
                "analysis-warn-half-r",
                count = half.len(),
                cases = described
            ));
            Ok((sets.clone(), HalfMembership::Warn))
        }
        HalfMembershipRule::Exclude => {
            let keep: Vec<usize> = (0..sets.n_cases())
                .filter(|k| !half.iter().any(|(h, _)| h == k))
                .collect();
            if keep.is_empty() {
                return Err(msg!(
                    "analysis-fail-half-membership-all",
                    count = half.len(),
                    cases = described
                )
                .into());
            }
            let columns: Vec<Vec<f64>> = (0..sets.names().len())
                .map(|j| keep.iter().map(|&k| sets.column_at(j)[k]).collect())
                .collect();
            let data = SetData::new(
                keep.iter().map(|&k| sets.cases()[k].clone()).collect(),
                sets.names().to_vec(),
                columns,
            )
            .map_err(|e| e.msg())?;
            warnings.push(msg!(
                "analysis-warn-half-excluded",
                count = half.len(),
                cases = described
            ));
            Ok((data, HalfMembership::Error))
        }
    }
}

/// Why no configuration is positive: the best row and the cut-off it misses (the study
/// analysis' wording).
fn empty_reason(tt: &TruthTable) -> Msg {
    let spec = tt.spec();
    let best = tt
        .rows()
        .iter()
        .filter(|r| r.n >= spec.n_cut && r.incl.is_finite())
        .max_by(|a, b| a.incl.total_cmp(&b.incl).then(b.row.cmp(&a.row)));
    match best {
        None => msg!("analysis-empty-solution-n-cut", n_cut = spec.n_cut),
        Some(r) if r.incl >= spec.incl_cut - HALF_TOLERANCE => msg!(
            "analysis-empty-solution-pri",
            incl_cut = Arg::Number(spec.incl_cut),
            pri_cut = Arg::Number(spec.pri_cut),
            row = r.row.to_string(),
            incl = Arg::Measure(r.incl),
            pri = Arg::Measure(r.pri)
        ),
        Some(r) => msg!(
            "analysis-empty-solution",
            incl_cut = Arg::Number(spec.incl_cut),
            row = r.row.to_string(),
            incl = Arg::Measure(r.incl),
            pri = Arg::Measure(r.pri)
        ),
    }
}

fn calibration_plot(
    study: &Study,
    set: &str,
    cases: &[String],
    raw: &[f64],
    members: &[f64],
    anchors: &[f64],
    lang: Lang,
) -> String {
    let points: Vec<Point> = cases
        .iter()
        .zip(raw.iter().zip(members))
        .map(|(code, (&x, &y))| Point {
            x,
            y,
            label: name_of(study, code).to_string(),
            highlight: false,
        })
        .collect();
    let names: Vec<String> = if anchors.len() == 3 {
        ["report-cal-e", "report-cal-c", "report-cal-i"]
            .iter()
            .map(|k| lang.t(k))
            .collect()
    } else {
        (1..=anchors.len()).map(|k| format!("t{k}")).collect()
    };
    let anchors: Vec<(f64, String)> = anchors.iter().copied().zip(names).collect();
    let title = lang.tr("report-cal-plot-title", &[("set", Arg::from(set))]);
    svg::calibration_plot(
        &title,
        &title,
        &lang.t("report-cal-axis-raw"),
        &lang.tr("report-cal-axis-membership", &[("set", Arg::from(set))]),
        points,
        &anchors,
    )
}

/// The XY plot of `x` (membership in the term or model `x_name`, with its inclS and covS
/// as `fit`) against the outcome.
fn xy(
    study: &Study,
    tt: &TruthTable,
    outcome: &str,
    (x_name, x): (&str, &[f64]),
    (incl, cov): (f64, f64),
    lang: Lang,
) -> String {
    let points: Vec<Point> = tt
        .case_names()
        .iter()
        .zip(x.iter().zip(tt.outcome_membership()))
        .map(|(code, (&x, &y))| Point {
            x,
            y,
            label: name_of(study, code).to_string(),
            highlight: false,
        })
        .collect();
    let fit = format!(
        "inclS = {}, covS = {}",
        kantel_i18n::format_measure(incl),
        kantel_i18n::format_measure(cov)
    );
    let aria = lang.tr(
        "report-sol-xy-aria",
        &[
            ("x", Arg::from(x_name)),
            ("y", Arg::from(outcome)),
            ("fit", Arg::from(fit.as_str())),
            ("n", Arg::from(points.len().to_string())),
        ],
    );
    let axis: String = if x_name.chars().count() > 64 {
        x_name.chars().take(63).chain(['…']).collect()
    } else {
        x_name.to_string()
    };
    svg::xy_plot(
        &format!("{x_name} → {outcome}"),
        &aria,
        &axis,
        outcome,
        points,
    )
}

/// XY plots drawn so far in one analysis, and where each term or model's plot is.
#[derive(Default)]
struct PlotCache {
    plots: Vec<XyPlot>,
    index: std::collections::HashMap<String, usize>,
}

impl PlotCache {
    fn get(&mut self, expression: &str, draw: impl FnOnce() -> XyPlot) -> usize {
        if let Some(&i) = self.index.get(expression) {
            return i;
        }
        self.plots.push(draw());
        self.index
            .insert(expression.to_string(), self.plots.len() - 1);
        self.plots.len() - 1
    }
}

fn model_view(
    study: &Study,
    tt: &TruthTable,
    outcome: &str,
    index: usize,
    m: &Model,
    lang: Lang,
    plots: &mut PlotCache,
) -> ModelView {
    let memberships: Vec<Vec<f64>> = m
        .terms
        .iter()
        .map(|t| tt.term_membership(&t.implicant))
        .collect();
    let terms = m
        .terms
        .iter()
        .zip(&memberships)
        .map(|(t, x)| TermView {
            term: t.term.clone(),
            incl: t.incl,
            pri: t.pri,
            cov: t.cov,
            cov_u: t.cov_u,
            cases: t
                .cases
                .iter()
                .map(|c| name_of(study, c).to_string())
                .collect(),
            plot: plots.get(&t.term, || XyPlot {
                expression: t.term.clone(),
                incl: t.incl,
                cov: t.cov,
                svg: xy(study, tt, outcome, (&t.term, x), (t.incl, t.cov), lang),
            }),
        })
        .collect();
    let plot = (m.terms.len() > 1).then(|| {
        plots.get(&m.expression, || {
            let union = fit::union(&memberships, tt.case_names().len());
            XyPlot {
                expression: m.expression.clone(),
                incl: m.incl,
                cov: m.cov,
                svg: xy(
                    study,
                    tt,
                    outcome,
                    (&m.expression, &union),
                    (m.incl, m.cov),
                    lang,
                ),
            }
        })
    });
    ModelView {
        label: format!("M{}", index + 1),
        expression: m.expression.clone(),
        terms,
        incl: m.incl,
        pri: m.pri,
        cov: m.cov,
        plot,
    }
}

/// Loads what is stored, runs the analysis with `settings` and records the run in the
/// store (kind [`RUN_KIND`], the settings and the data version as provenance, the truth
/// table and solutions as result).
pub async fn analyse_web(
    ws: &Workspace,
    settings: &QcaSettings,
    lang: Lang,
) -> Result<QcaView, WorkflowError> {
    let inputs = load_inputs(ws).await?;
    analyse_loaded(ws, &inputs, settings, lang).await
}

/// [`analyse_web`] on inputs loaded already (from an [`InputsCache`]).
pub async fn analyse_loaded(
    ws: &Workspace,
    inputs: &QcaInputs,
    settings: &QcaSettings,
    lang: Lang,
) -> Result<QcaView, WorkflowError> {
    let mut view = run_qca(inputs, settings, lang)?;
    view.run = Some(record_run(ws, &view).await?);
    Ok(view)
}

/// Records an analysis in the store's run history.
pub async fn record_run(ws: &Workspace, view: &QcaView) -> Result<RunId, WorkflowError> {
    let settings =
        serde_json::to_value(&view.settings).map_err(|e| msg!("text", text = e.to_string()))?;
    let result = serde_json::json!({
        "cases_analysed": view.cases_analysed,
        "dropped": view.dropped.iter().map(|d| d.code.as_str()).collect::<Vec<_>>(),
        "truth_table": view.truth_table.rows.iter().map(|r| serde_json::json!({
            "row": r.row, "values": r.values, "out": r.out, "n": r.n, "incl": r.incl, "pri": r.pri,
        })).collect::<Vec<_>>(),
        "solutions": view.solutions.iter().map(|s| serde_json::json!({
            "kind": s.kind, "from": s.from,
            "models": s.models.iter().map(|m| serde_json::json!({
                "expression": m.expression, "incl": m.incl, "pri": m.pri, "cov": m.cov,
                "terms": m.terms.iter().map(|t| serde_json::json!({
                    "term": t.term, "incl": t.incl, "pri": t.pri, "cov": t.cov, "cov_u": t.cov_u,
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });
    let id = ws
        .store
        .save_run_with_version(ws.id, RUN_KIND, &settings, &result, view.data_version)
        .await?;
    Ok(id)
}
