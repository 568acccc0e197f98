//! The study file: metadata, municipalities, respondent groups, codebook,
//! calibration anchors and the analysis plan, read from and written to TOML.
//!
//! Reading happens in two steps. Deserialisation (serde, `deny_unknown_fields`)
//! catches syntax errors, unknown keys, missing keys, wrong types and malformed
//! CBS codes, and reports them with the line and column from the TOML parser.
//! [`Study::validate`] then checks the content for consistency (duplicates,
//! references to unknown groups or sets, missing or disordered calibration anchors).
//! The schema is documented in `docs/study-file.md`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use kantel_i18n::msg;
use kantel_qca::calibrate::{Calibration, DEFAULT_IDM};
use serde::{Deserialize, Serialize};

use crate::StudyError;
use crate::codebook::{Item, MeasureKind, SetDefinition, SetKind, is_valid_set_id};

/// The built-in instrument (the codebook of the decentralisation study), as TOML.
pub fn template() -> &'static str {
    include_str!("../templates/study.toml")
}

/// A complete study definition (one study file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Study {
    /// `[study]`: metadata.
    pub study: StudyInfo,
    /// `[[municipality]]`: the cases.
    #[serde(default, rename = "municipality")]
    pub municipalities: Vec<Municipality>,
    /// `[[respondent_group]]`: who answers the questionnaire.
    #[serde(default, rename = "respondent_group")]
    pub respondent_groups: Vec<RespondentGroup>,
    /// `[[condition]]`: explanatory conditions.
    #[serde(default, rename = "condition")]
    pub conditions: Vec<SetDefinition>,
    /// `[[outcome]]`: outcome measures.
    #[serde(default, rename = "outcome")]
    pub outcomes: Vec<SetDefinition>,
    /// `[[context]]`: context conditions.
    #[serde(default, rename = "context")]
    pub contexts: Vec<SetDefinition>,
    /// `[calibration.<SET>]`: anchors per set id.
    #[serde(default)]
    pub calibration: BTreeMap<String, CalibrationSpec>,
    /// `[analysis]`: the analysis plan.
    pub analysis: Analysis,
}

/// `[study]`: what the study is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StudyInfo {
    /// Short machine name, e.g. `decentralisatie-2025`.
    pub name: String,
    /// Dutch title.
    pub title_nl: String,
    /// English title.
    pub title_en: String,
    /// Year of data collection.
    pub year: u16,
    /// Free description.
    #[serde(default)]
    pub description: String,
    /// True when the data are simulated (must be shown in every report).
    #[serde(default)]
    pub simulated: bool,
    /// For simulated studies: the causal structure the simulator planted, in R notation
    /// (`BESTLEID*LOSLATEN + EXPERIMENT*MANDAAT`), so the analysis can check whether it
    /// recovers it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planted_structure: Option<String>,
}

/// A CBS municipality code: `GM` followed by four digits (e.g. `GM0363`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CbsCode(String);

impl CbsCode {
    /// Checks the form `GM` + 4 digits.
    pub fn parse(s: &str) -> Result<CbsCode, String> {
        let ok = s.len() == 6 && s.starts_with("GM") && s[2..].bytes().all(|b| b.is_ascii_digit());
        if ok {
            Ok(CbsCode(s.to_string()))
        } else {
            Err(format!(
                "municipality code {s:?} is not a CBS code (GM followed by four digits, e.g. \"GM0363\")"
            ))
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CbsCode {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        CbsCode::parse(&s)
    }
}

impl From<CbsCode> for String {
    fn from(c: CbsCode) -> String {
        c.0
    }
}

impl fmt::Display for CbsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// `[[municipality]]`: one case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Municipality {
    /// CBS code, e.g. `GM0363`.
    pub code: CbsCode,
    /// Name as CBS writes it, e.g. `'s-Gravenhage`.
    pub name: String,
    /// Number of inhabitants.
    pub inhabitants: u64,
    /// Optional sampling group, e.g. `pilot`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

/// `[[respondent_group]]`: a group of respondents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RespondentGroup {
    /// Group id used by items (`bestuur`, `management`, `wijkteam`, or user-defined).
    pub id: String,
    /// Dutch label.
    pub label_nl: String,
    /// English label.
    pub label_en: String,
    /// Fewer respondents than this in a municipality is flagged.
    pub min_respondents: u32,
}

/// Calibration method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CalibrationMethod {
    /// Direct method: exclusion, crossover and inclusion anchors.
    Fuzzy,
    /// Crisp (or multi-value) sets by thresholds.
    Crisp,
}

/// `[calibration.<SET>]`: how raw values of one set become memberships.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalibrationSpec {
    /// `fuzzy` or `crisp`.
    pub method: CalibrationMethod,
    /// Fuzzy: the raw value of full non-membership (0.05 with logistic calibration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclusion: Option<f64>,
    /// Fuzzy: the raw value of maximal ambiguity (0.5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crossover: Option<f64>,
    /// Fuzzy: the raw value of full membership (0.95 with logistic calibration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inclusion: Option<f64>,
    /// Fuzzy: logistic (true, default) or linear calibration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logistic: Option<bool>,
    /// Fuzzy, logistic: membership at the inclusion anchor, in (0.5, 1); 0.95 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idm: Option<f64>,
    /// Crisp: strictly increasing cut points; k thresholds give values 0..=k.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thresholds: Option<Vec<f64>>,
    /// Why these anchors (required, non-empty).
    pub justification: String,
}

/// A minimum number of answered items for a scale score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum MinItems {
    /// At least this many answered items (an integer in TOML).
    Count(u32),
    /// At least this fraction of the items (a float in TOML, 0 < f <= 1).
    Fraction(f64),
}

impl Default for MinItems {
    fn default() -> Self {
        MinItems::Fraction(0.5)
    }
}

impl MinItems {
    /// The number of answered items needed when `n_items` items apply
    /// (at least 1; a count above `n_items` means all of them).
    pub fn required(self, n_items: usize) -> usize {
        let k = match self {
            MinItems::Count(c) => (c as usize).min(n_items),
            // The small tolerance keeps e.g. 0.6 * 5 = 3.0000000000000004 at 3.
            MinItems::Fraction(f) => ((f * n_items as f64) - 1e-9).ceil().max(0.0) as usize,
        };
        k.max(1)
    }
}

/// `[analysis]`: the analysis plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Analysis {
    /// Outcome set id.
    pub outcome: String,
    /// Condition (or context) set ids.
    pub conditions: Vec<String>,
    /// Analyse the negated outcome.
    #[serde(default)]
    pub negate_outcome: bool,
    /// Inclusion cut-off for the truth table (0..1).
    pub incl_cut: f64,
    /// PRI cut-off (0..1); 0 when absent.
    #[serde(default)]
    pub pri_cut: f64,
    /// Minimum number of cases for a configuration; 1 when absent.
    #[serde(default = "default_n_cut")]
    pub n_cut: u32,
    /// Directional expectations for the intermediate solution (`BESTLEID`, `~MANDAAT`).
    #[serde(default)]
    pub dir_exp: Vec<String>,
    /// Minimum answered items for a scale score: a count (integer) or fraction (float).
    #[serde(default)]
    pub min_items_answered: MinItems,
    /// What the truth table does with a municipality whose membership in a condition is
    /// exactly 0.5 (a raw value on the crossover): `exclude` (default), `error` or `r`.
    #[serde(default)]
    pub half_membership: HalfMembershipRule,
    /// `[analysis.robustness]`: the robustness sweep (other anchors and cut-offs); none
    /// when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub robustness: Option<RobustnessPlan>,
    /// `[analysis.esa]`: the enhanced standard analysis (untenable remainders). Absent: the
    /// defaults of [`EsaPlan`] (conditions found necessary, contradictory assumptions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub esa: Option<EsaPlan>,
}

/// `[analysis.esa]`: which remainders the enhanced standard analysis excludes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EsaPlan {
    /// Conditions (or expressions) the researchers hold necessary for the outcome.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub necessary: Vec<String>,
    /// Configurations that cannot exist (`BESTLEID*~MANDAAT`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub impossible: Vec<String>,
    /// Also every single condition with inclN at least this (and RoN at least 0.5) is
    /// treated as necessary; 0 turns it off.
    #[serde(default = "default_esa_incl")]
    pub auto_necessary: f64,
    /// Also exclude contradictory simplifying assumptions and simultaneous subset
    /// relations.
    #[serde(default = "default_true")]
    pub contradictory: bool,
}

fn default_esa_incl() -> f64 {
    0.9
}

fn default_true() -> bool {
    true
}

impl Default for EsaPlan {
    fn default() -> Self {
        EsaPlan {
            necessary: Vec::new(),
            impossible: Vec::new(),
            auto_necessary: default_esa_incl(),
            contradictory: true,
        }
    }
}

/// `[analysis.robustness]`: the settings of the robustness sweep. Every list holds the
/// values to try besides the plan's own (which is always added); the sweep runs every
/// combination.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RobustnessPlan {
    /// incl.cut values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub incl_cut: Vec<f64>,
    /// pri.cut values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pri_cut: Vec<f64>,
    /// n.cut values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub n_cut: Vec<u32>,
    /// `[[analysis.robustness.anchors]]`: calibration anchors to move.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub anchors: Vec<AnchorSweep>,
    /// Most settings the sweep may have (the product of the numbers of values).
    #[serde(default = "default_max_settings")]
    pub max_settings: usize,
}

fn default_max_settings() -> usize {
    kantel_qca::sweep::DEFAULT_MAX_SETTINGS
}

/// One anchor of one set's calibration and the values it takes in the sweep.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnchorSweep {
    /// The set (its `[calibration.<SET>]`).
    pub set: String,
    /// `exclusion`, `crossover` or `inclusion` (fuzzy), `threshold1`, `threshold2`, …
    /// (crisp).
    pub anchor: String,
    /// The values.
    pub values: Vec<f64>,
}

impl AnchorSweep {
    /// The engine's anchor, or `None` for a name that is none.
    pub fn engine_anchor(&self) -> Option<kantel_qca::sweep::Anchor> {
        use kantel_qca::sweep::Anchor;
        match self.anchor.trim() {
            "exclusion" | "e" => Some(Anchor::Exclusion),
            "crossover" | "c" => Some(Anchor::Crossover),
            "inclusion" | "i" => Some(Anchor::Inclusion),
            other => other
                .strip_prefix("threshold")
                .and_then(|k| k.parse::<usize>().ok())
                .filter(|k| *k >= 1)
                .map(Anchor::Threshold)
                .or_else(|| Anchor::parse(other)),
        }
    }
}

/// `[analysis] half_membership`: what happens to a municipality whose membership in an
/// analysed condition is exactly 0.5. Such a case sits on the crossover and belongs to no
/// corner of the property space, so no truth-table row can hold it.
///
/// Only the truth table and the solutions are affected: calibration, necessity and the
/// statistics use every analysed municipality whatever the rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HalfMembershipRule {
    /// Leave the municipality out of the truth table and the solutions, with a warning
    /// that names it and the condition (the default): the analysis goes on with the other
    /// municipalities and says how many the truth table holds.
    #[default]
    Exclude,
    /// The truth-table step fails, naming the municipalities and conditions; the steps that
    /// do not need the truth table (calibration, necessity, statistics) are still reported.
    Error,
    /// R's behaviour (QCA's `truthTable()`): the municipality stays in the data, so it
    /// counts in every row's consistency, but it is in no row and in no row's n; a warning
    /// names it.
    R,
}

impl HalfMembershipRule {
    /// The value as written in the study file: `exclude`, `error` or `r`.
    pub fn as_str(self) -> &'static str {
        match self {
            HalfMembershipRule::Exclude => "exclude",
            HalfMembershipRule::Error => "error",
            HalfMembershipRule::R => "r",
        }
    }
}

fn default_n_cut() -> u32 {
    1
}

/// A set found in the codebook, with its role.
#[derive(Debug, Clone, Copy)]
pub struct SetRef<'a> {
    /// Condition, outcome or context.
    pub kind: SetKind,
    /// Its definition.
    pub set: &'a SetDefinition,
}

impl Study {
    /// Parses and validates a study file.
    ///
    /// Syntax errors, unknown keys, missing keys and wrong types come back as
    /// [`StudyError::Parse`] with a 1-based line and column; content problems as
    /// [`StudyError::Invalid`].
    pub fn from_toml_str(text: &str) -> Result<Study, StudyError> {
        let study: Study = toml::from_str(text).map_err(|e| parse_error(text, &e))?;
        study.validate()?;
        Ok(study)
    }

    /// Writes the study as TOML that [`Study::from_toml_str`] reads back unchanged.
    pub fn to_toml_string(&self) -> Result<String, StudyError> {
        toml::to_string(self).map_err(|e| StudyError::Serialize(e.to_string()))
    }

    /// The built-in instrument, parsed.
    pub fn builtin() -> Result<Study, StudyError> {
        Study::from_toml_str(template())
    }

    /// All sets with their role: conditions, then outcomes, then context conditions.
    pub fn sets(&self) -> impl Iterator<Item = SetRef<'_>> {
        let c = self.conditions.iter().map(|set| SetRef {
            kind: SetKind::Condition,
            set,
        });
        let o = self.outcomes.iter().map(|set| SetRef {
            kind: SetKind::Outcome,
            set,
        });
        let k = self.contexts.iter().map(|set| SetRef {
            kind: SetKind::Context,
            set,
        });
        c.chain(o).chain(k)
    }

    /// The set with this id, if any.
    pub fn set(&self, id: &str) -> Option<SetRef<'_>> {
        self.sets().find(|s| s.set.id == id)
    }

    /// The item with this id and the set it belongs to.
    pub fn item(&self, id: &str) -> Option<(SetRef<'_>, &Item)> {
        self.sets()
            .find_map(|s| s.set.items.iter().find(|i| i.id == id).map(|i| (s, i)))
    }

    /// The municipality with this code.
    pub fn municipality(&self, code: &str) -> Option<&Municipality> {
        self.municipalities.iter().find(|m| m.code.as_str() == code)
    }

    /// The respondent group with this id.
    pub fn respondent_group(&self, id: &str) -> Option<&RespondentGroup> {
        self.respondent_groups.iter().find(|g| g.id == id)
    }

    /// Checks the content for consistency; the first problem found is returned.
    pub fn validate(&self) -> Result<(), StudyError> {
        let info = &self.study;
        if info.name.trim().is_empty() {
            return Err(invalid("[study] name", msg!("study-must-not-be-empty")));
        }
        // Checked here, not first in the analysis: `kantel study check` must catch what the
        // analysis would refuse (an unreadable or absurdly nested expression).
        if let Some(planted) = &info.planted_structure
            && let Err(e) = kantel_qca::expr::Expression::parse(planted)
        {
            return Err(invalid("[study] planted_structure", e.msg()));
        }

        let mut codes = BTreeSet::new();
        for (i, m) in self.municipalities.iter().enumerate() {
            let at = format!("[[municipality]] #{} ({})", i + 1, m.code);
            if !codes.insert(m.code.as_str()) {
                return Err(invalid(at, msg!("study-municipality-twice")));
            }
            if m.name.trim().is_empty() {
                return Err(invalid(at, msg!("study-name-empty")));
            }
        }

        let mut groups = BTreeSet::new();
        for (i, g) in self.respondent_groups.iter().enumerate() {
            let at = format!("[[respondent_group]] #{} ({:?})", i + 1, g.id);
            if g.id.trim().is_empty() {
                return Err(invalid(at, msg!("study-id-empty")));
            }
            if !groups.insert(g.id.as_str()) {
                return Err(invalid(at, msg!("study-group-twice")));
            }
        }

        let mut set_ids: BTreeMap<&str, SetKind> = BTreeMap::new();
        let mut set_codes = BTreeSet::new();
        let mut item_ids = BTreeSet::new();
        for SetRef { kind, set } in self.sets() {
            let at = format!("[[{}]] {:?} ({})", kind.table_name(), set.id, set.code);
            if !is_valid_set_id(&set.id) {
                return Err(invalid(at, msg!("study-set-id-form")));
            }
            if set_ids.insert(&set.id, kind).is_some() {
                return Err(invalid(
                    at,
                    msg!("study-set-id-twice", id = set.id.as_str()),
                ));
            }
            if set.code.trim().is_empty() {
                return Err(invalid(at, msg!("study-code-empty")));
            }
            if !set_codes.insert(set.code.as_str()) {
                return Err(invalid(
                    at,
                    msg!("study-code-twice", code = set.code.as_str()),
                ));
            }
            if set.label_nl.trim().is_empty() || set.label_en.trim().is_empty() {
                return Err(invalid(at, msg!("study-labels")));
            }
            match set.measure {
                MeasureKind::Scale if set.items.is_empty() => {
                    return Err(invalid(at, msg!("study-scale-no-items")));
                }
                MeasureKind::Indicator if set.indicator.is_none() => {
                    return Err(invalid(at, msg!("study-indicator-missing")));
                }
                MeasureKind::Indicator | MeasureKind::Rating if !set.items.is_empty() => {
                    return Err(invalid(at, msg!("study-items-not-scale")));
                }
                _ => {}
            }
            for item in &set.items {
                let at = format!("{at}, item {:?}", item.id);
                if item.id.trim().is_empty() {
                    return Err(invalid(at, msg!("study-item-id-empty")));
                }
                if !item_ids.insert(item.id.as_str()) {
                    return Err(invalid(at, msg!("study-item-twice")));
                }
                if item.text_nl.trim().is_empty() || item.text_en.trim().is_empty() {
                    return Err(invalid(at, msg!("study-item-texts")));
                }
                if item.groups.is_empty() {
                    return Err(invalid(at, msg!("study-item-no-groups")));
                }
                for g in &item.groups {
                    if !groups.contains(g.as_str()) {
                        return Err(invalid(
                            at,
                            msg!(
                                "study-item-unknown-group",
                                group = g.as_str(),
                                groups = list(groups.iter())
                            ),
                        ));
                    }
                }
            }
        }

        for (id, cal) in &self.calibration {
            let at = format!("[calibration.{id}]");
            if !set_ids.contains_key(id.as_str()) {
                return Err(invalid(at, msg!("study-calibration-unknown-set")));
            }
            cal.check().map_err(|m| invalid(&at, m))?;
        }

        let a = &self.analysis;
        match set_ids.get(a.outcome.as_str()) {
            Some(SetKind::Outcome) => {}
            Some(kind) => {
                return Err(invalid(
                    "[analysis] outcome",
                    msg!(
                        "study-outcome-wrong-kind",
                        id = a.outcome.as_str(),
                        kind = kind.table_name()
                    ),
                ));
            }
            None => {
                return Err(invalid(
                    "[analysis] outcome",
                    msg!("study-outcome-unknown", id = a.outcome.as_str()),
                ));
            }
        }
        if a.conditions.is_empty() {
            return Err(invalid(
                "[analysis] conditions",
                msg!("study-no-conditions"),
            ));
        }
        for (i, c) in a.conditions.iter().enumerate() {
            match set_ids.get(c.as_str()) {
                Some(SetKind::Condition | SetKind::Context) => {}
                Some(SetKind::Outcome) => {
                    return Err(invalid(
                        "[analysis] conditions",
                        msg!("study-condition-is-outcome", id = c.as_str()),
                    ));
                }
                None => {
                    return Err(invalid(
                        "[analysis] conditions",
                        msg!("study-condition-unknown", id = c.as_str()),
                    ));
                }
            }
            if a.conditions[..i].contains(c) {
                return Err(invalid(
                    "[analysis] conditions",
                    msg!("study-listed-twice", id = c.as_str()),
                ));
            }
        }
        for id in std::iter::once(&a.outcome).chain(&a.conditions) {
            let needs = self
                .set(id)
                .is_some_and(|s| s.set.measure != MeasureKind::Rating);
            if needs && !self.calibration.contains_key(id) {
                return Err(invalid(
                    "[analysis]",
                    msg!("study-no-calibration", id = id.as_str()),
                ));
            }
        }
        for (name, v) in [("incl_cut", a.incl_cut), ("pri_cut", a.pri_cut)] {
            if !(0.0..=1.0).contains(&v) {
                return Err(invalid(
                    format!("[analysis] {name}"),
                    msg!("study-not-0-1", value = v),
                ));
            }
        }
        if a.n_cut == 0 {
            return Err(invalid("[analysis] n_cut", msg!("study-at-least-1")));
        }
        for (i, d) in a.dir_exp.iter().enumerate() {
            let name = d.trim().strip_prefix('~').unwrap_or(d.trim()).trim();
            if !a.conditions.iter().any(|c| c == name) {
                return Err(invalid(
                    "[analysis] dir_exp",
                    msg!("study-dir-exp-unknown", expectation = d.as_str()),
                ));
            }
            if a.dir_exp[..i].iter().any(|e| e.trim() == d.trim()) {
                return Err(invalid(
                    "[analysis] dir_exp",
                    msg!("study-listed-twice", id = d.as_str()),
                ));
            }
        }
        if let Some(r) = &a.robustness {
            self.validate_robustness(r)?;
        }
        if let Some(e) = &a.esa {
            if !(0.0..=1.0).contains(&e.auto_necessary) {
                return Err(invalid(
                    "[analysis.esa] auto_necessary",
                    msg!("study-not-0-1", value = e.auto_necessary),
                ));
            }
            for (name, list) in [("necessary", &e.necessary), ("impossible", &e.impossible)] {
                for x in list {
                    if let Err(err) = kantel_qca::expr::Expression::parse(x) {
                        return Err(invalid(format!("[analysis.esa] {name}"), err.msg()));
                    }
                }
            }
        }
        match a.min_items_answered {
            MinItems::Count(0) => {
                return Err(invalid(
                    "[analysis] min_items_answered",
                    msg!("study-count-at-least-1"),
                ));
            }
            MinItems::Fraction(f) if !(f > 0.0 && f <= 1.0) => {
                return Err(invalid(
                    "[analysis] min_items_answered",
                    msg!("study-fraction", value = f),
                ));
            }
            _ => {}
        }
        Ok(())
    }
}

impl CalibrationSpec {
    /// The engine's calibration for these anchors: logistic fuzzy (R's default), linear
    /// fuzzy (`logistic = false`) or crisp. Call on a validated study.
    pub fn to_engine(&self) -> Result<Calibration, String> {
        self.check().map_err(|m| m.to_string())?;
        Ok(match self.method {
            CalibrationMethod::Crisp => Calibration::Crisp {
                thresholds: self.thresholds.clone().unwrap_or_default(),
            },
            CalibrationMethod::Fuzzy => {
                // check() guarantees the three anchors.
                let (e, c, i) = (
                    self.exclusion.unwrap_or_default(),
                    self.crossover.unwrap_or_default(),
                    self.inclusion.unwrap_or_default(),
                );
                if self.logistic.unwrap_or(true) {
                    Calibration::Fuzzy {
                        exclusion: e,
                        crossover: c,
                        inclusion: i,
                        idm: self.idm.unwrap_or(DEFAULT_IDM),
                    }
                } else {
                    Calibration::Linear {
                        exclusion: e,
                        crossover: c,
                        inclusion: i,
                        below: 1.0,
                        above: 1.0,
                    }
                }
            }
        })
    }

    /// Checks that the anchors fit the method and are in order.
    fn check(&self) -> Result<(), kantel_i18n::Msg> {
        if self.justification.trim().is_empty() {
            return Err(msg!("cal-justification"));
        }
        match self.method {
            CalibrationMethod::Fuzzy => {
                if self.thresholds.is_some() {
                    return Err(msg!("cal-fuzzy-no-thresholds"));
                }
                let (Some(e), Some(c), Some(i)) = (self.exclusion, self.crossover, self.inclusion)
                else {
                    return Err(msg!("cal-fuzzy-needs-anchors"));
                };
                if ![e, c, i].iter().all(|v| v.is_finite()) {
                    return Err(msg!("cal-finite"));
                }
                // Decreasing sets (inclusion below exclusion) are allowed, as in R's QCA.
                let increasing = e < c && c < i;
                let decreasing = e > c && c > i;
                if !(increasing || decreasing) {
                    return Err(msg!(
                        "cal-order",
                        crossover = c,
                        exclusion = e,
                        inclusion = i
                    ));
                }
                if let Some(idm) = self.idm {
                    if self.logistic == Some(false) {
                        return Err(msg!("cal-idm-logistic"));
                    }
                    if !(idm > 0.5 && idm < 1.0) {
                        return Err(msg!("cal-idm-range", idm = idm));
                    }
                }
            }
            CalibrationMethod::Crisp => {
                if self.exclusion.is_some() || self.crossover.is_some() || self.inclusion.is_some()
                {
                    return Err(msg!("cal-crisp-no-anchors"));
                }
                if self.logistic.is_some() || self.idm.is_some() {
                    return Err(msg!("cal-logistic-fuzzy"));
                }
                let Some(t) = &self.thresholds else {
                    return Err(msg!("cal-crisp-needs-thresholds"));
                };
                if t.is_empty() {
                    return Err(msg!("cal-thresholds-empty"));
                }
                if t.iter().any(|v| !v.is_finite()) {
                    return Err(msg!("cal-thresholds-finite"));
                }
                if t.windows(2).any(|w| w[0] >= w[1]) {
                    return Err(msg!(
                        "cal-thresholds-order",
                        thresholds = t
                            .iter()
                            .map(|x| kantel_i18n::format_number(*x))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
            }
        }
        Ok(())
    }
}

impl Study {
    fn validate_robustness(&self, r: &RobustnessPlan) -> Result<(), StudyError> {
        let at = "[analysis.robustness]";
        for (name, values) in [("incl_cut", &r.incl_cut), ("pri_cut", &r.pri_cut)] {
            if let Some(v) = values.iter().find(|v| !(0.0..=1.0).contains(*v)) {
                return Err(invalid(
                    format!("{at} {name}"),
                    msg!("study-not-0-1", value = *v),
                ));
            }
        }
        if r.n_cut.contains(&0) {
            return Err(invalid(format!("{at} n_cut"), msg!("study-at-least-1")));
        }
        let a = &self.analysis;
        for (k, s) in r.anchors.iter().enumerate() {
            let place = format!("[[analysis.robustness.anchors]] {}", k + 1);
            if !(a.conditions.contains(&s.set) || a.outcome == s.set) {
                return Err(invalid(
                    place,
                    msg!("study-robustness-not-analysed", set = s.set.as_str()),
                ));
            }
            let Some(cal) = self.calibration.get(&s.set) else {
                return Err(invalid(
                    place,
                    msg!("study-robustness-not-calibrated", set = s.set.as_str()),
                ));
            };
            let Some(anchor) = s.engine_anchor() else {
                return Err(invalid(
                    place,
                    msg!("study-robustness-anchor", anchor = s.anchor.as_str()),
                ));
            };
            let has = matches!(
                (cal.method, anchor),
                (
                    CalibrationMethod::Fuzzy,
                    kantel_qca::sweep::Anchor::Exclusion
                        | kantel_qca::sweep::Anchor::Crossover
                        | kantel_qca::sweep::Anchor::Inclusion
                )
            ) || matches!(
                (cal.method, anchor),
                (CalibrationMethod::Crisp, kantel_qca::sweep::Anchor::Threshold(t))
                    if t <= cal.thresholds.as_ref().map_or(0, Vec::len)
            );
            if !has {
                return Err(invalid(
                    place,
                    msg!("study-robustness-anchor", anchor = s.anchor.as_str()),
                ));
            }
            if s.values.is_empty() || s.values.iter().any(|v| !v.is_finite()) {
                return Err(invalid(place, msg!("study-robustness-values")));
            }
        }
        let mut total: usize = 1;
        let lens = [r.incl_cut.len(), r.pri_cut.len(), r.n_cut.len()]
            .into_iter()
            .chain(r.anchors.iter().map(|s| s.values.len()));
        for len in lens {
            total = total.saturating_mul(len + 1);
        }
        if total > r.max_settings {
            return Err(invalid(
                format!("{at} max_settings"),
                msg!(
                    "study-robustness-too-many",
                    settings = total.to_string(),
                    max = r.max_settings
                ),
            ));
        }
        Ok(())
    }
}

fn invalid(location: impl Into<String>, message: impl Into<kantel_i18n::Msg>) -> StudyError {
    StudyError::Invalid {
        location: location.into(),
        message: message.into(),
    }
}

fn list<'a>(items: impl Iterator<Item = &'a &'a str>) -> String {
    items
        .map(|s| format!("{s:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Converts a toml error into a [`StudyError::Parse`] with 1-based line and column.
fn parse_error(text: &str, e: &toml::de::Error) -> StudyError {
    let (line, column) = match e.span() {
        Some(span) => line_col(text, span.start),
        None => (0, 0),
    };
    StudyError::Parse {
        line,
        column,
        message: e.message().trim().to_string(),
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    let column = text[line_start..offset].chars().count() + 1;
    (line, column)
}
