//! The codebook part of a study file: conditions, outcomes and context
//! conditions, their survey items and register indicators.
//!
//! All three kinds share one shape ([`SetDefinition`]); they differ only in
//! the role they play in an analysis ([`SetKind`]).

use serde::{Deserialize, Serialize};

/// The role of a set in the study.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SetKind {
    /// An explanatory condition (C1..C13), usually measured by a survey scale.
    Condition,
    /// An outcome (success) measure (O1..O8).
    Outcome,
    /// A context condition from registers or fact sheets (K1..K5).
    Context,
}

impl SetKind {
    /// The TOML array-of-tables name of this kind (`condition`, `outcome`, `context`).
    pub fn table_name(self) -> &'static str {
        match self {
            SetKind::Condition => "condition",
            SetKind::Outcome => "outcome",
            SetKind::Context => "context",
        }
    }
}

/// How a set is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MeasureKind {
    /// A survey scale: the mean of its items (`[[condition.item]]`).
    #[default]
    Scale,
    /// A register or fact-sheet indicator (`[condition.indicator]`).
    Indicator,
    /// A researcher-assigned membership score (e.g. the 4-value scheme
    /// 0, 0.33, 0.67, 1); such values are memberships already and need no calibration.
    Rating,
}

/// The answer format of a survey item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseKind {
    /// 5-point agreement, 1 = helemaal mee oneens .. 5 = helemaal mee eens.
    #[default]
    Likert5,
    /// ja/nee, answered as 0 = nee, 1 = ja, and scored 1 or 5 so that it spans
    /// the same range as the Likert items it is averaged with.
    YesNo,
}

/// Direction of an indicator: which end counts as "more in the set".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Higher values mean more membership.
    Higher,
    /// Lower values mean more membership (e.g. need-adjusted second-line use).
    Lower,
}

/// One survey item (`[[condition.item]]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Item id, unique in the study, e.g. `C1_1`.
    pub id: String,
    /// Dutch wording (as asked).
    pub text_nl: String,
    /// English wording.
    pub text_en: String,
    /// Reverse-scored: a Likert answer x counts as 6 - x.
    #[serde(default)]
    pub reverse: bool,
    /// Respondent group ids that get this item.
    pub groups: Vec<String>,
    /// Answer format; Likert 1..5 when absent.
    #[serde(default, skip_serializing_if = "is_default_response")]
    pub response: ResponseKind,
    /// Free remark (e.g. "can also be coded as a fact by M").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Whether the web questionnaire offers "weet niet" (don't know) for this item; stored
    /// as a missing value, as imports store it. Offered when absent.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub dont_know: bool,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

fn is_default_response(r: &ResponseKind) -> bool {
    *r == ResponseKind::Likert5
}

fn is_default_measure(m: &MeasureKind) -> bool {
    *m == MeasureKind::Scale
}

/// A register or fact-sheet indicator (`[outcome.indicator]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// What is measured, e.g. "share of youths with jeugdhulp delivered by the wijkteam".
    pub name: String,
    /// Where the numbers come from, e.g. "CBS 85097NED".
    pub source: String,
    /// Unit of the raw values (e.g. "proportion", "per 1,000 inhabitants").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Which end of the raw scale means more membership.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
}

/// A condition, outcome or context condition (`[[condition]]`, `[[outcome]]`, `[[context]]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetDefinition {
    /// Set name used in analyses and Boolean expressions, e.g. `BESTLEID`
    /// (upper-case letters, digits and `_`, starting with a letter).
    pub id: String,
    /// Short code from the codebook, e.g. `C1`, `O3`, `K2`.
    pub code: String,
    /// Dutch label.
    pub label_nl: String,
    /// English label.
    pub label_en: String,
    /// Dutch definition.
    #[serde(default)]
    pub definition_nl: String,
    /// English definition.
    #[serde(default)]
    pub definition_en: String,
    /// Literature and data sources.
    #[serde(default)]
    pub sources: Vec<String>,
    /// How the set is measured; `scale` when absent.
    #[serde(default, skip_serializing_if = "is_default_measure")]
    pub measure: MeasureKind,
    /// Survey items (for `measure = "scale"`).
    #[serde(default, rename = "item", skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
    /// Register indicator (for `measure = "indicator"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<Indicator>,
}

impl SetDefinition {
    /// The group ids that get at least one item of this set, in first-seen order.
    pub fn groups(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for item in &self.items {
            for g in &item.groups {
                if !out.contains(&g.as_str()) {
                    out.push(g);
                }
            }
        }
        out
    }

    /// The items a respondent of `group` gets.
    pub fn items_for_group<'a>(&'a self, group: &'a str) -> impl Iterator<Item = &'a Item> + 'a {
        self.items
            .iter()
            .filter(move |item| item.groups.iter().any(|g| g == group))
    }
}

/// True when `id` is usable as a set name in QCA expressions: upper case,
/// because R's QCA reads lower-case names as negations in some notations.
pub fn is_valid_set_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}
