//! Measurement: questionnaire answers into scale scores per municipality, with
//! reliability per scale, and scale means into calibrated set memberships.
//!
//! Aggregation follows codebook.md §5: a respondent's scale score is the mean of
//! the (reverse-scored) items they answered, provided they answered at least
//! `[analysis] min_items_answered` of the items their group gets; per
//! municipality, the mean is taken per respondent group and then across groups,
//! so that a group that happens to have many respondents does not dominate.
//! The SD across respondents and the gap between group means are kept as quality
//! flags.

use std::collections::{BTreeMap, BTreeSet};

use kantel_qca::SetData;
use kantel_qca::calibrate::{CalibrationOptions, calibrate};
use serde::{Deserialize, Serialize};

use crate::StudyError;
use crate::codebook::{Item, MeasureKind, ResponseKind, SetDefinition};
use crate::study::Study;

/// One respondent's answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RespondentAnswers {
    /// Respondent id, unique across the answers.
    pub respondent: String,
    /// CBS code of the respondent's municipality (e.g. `GM0363`).
    pub municipality: String,
    /// Respondent group id (e.g. `wijkteam`).
    pub group: String,
    /// Answer per item id: Likert 1..=5, or 0 = nee / 1 = ja for yes/no items;
    /// `None` = "weet niet" or not answered (an absent item counts the same).
    pub answers: BTreeMap<String, Option<u8>>,
}

/// The result of [`measure`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measurement {
    /// Reliability of every survey scale, in codebook order.
    pub scales: Vec<ScaleReliability>,
    /// Scores per municipality, in the order of the study's `[[municipality]]` list.
    pub municipalities: Vec<MunicipalityScores>,
}

/// Cronbach's alpha of one scale, over respondents who answered all its items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScaleReliability {
    /// Set id, e.g. `BESTLEID`.
    pub set: String,
    /// Codebook code, e.g. `C1`.
    pub code: String,
    /// Item ids in scale order.
    pub items: Vec<String>,
    /// Respondents with an answer to every item (the rows used for alpha).
    pub n_complete: usize,
    /// Cronbach's alpha; `None` when it cannot be computed (see `note`).
    pub alpha: Option<f64>,
    /// Alpha without each item (same order as `items`); `None` where undefined.
    pub alpha_if_deleted: Vec<Option<f64>>,
    /// Corrected item-rest correlation per item; `None` where undefined.
    pub item_rest: Vec<Option<f64>>,
    /// Why alpha is missing, if it is.
    pub note: Option<String>,
}

/// All scale scores of one municipality.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MunicipalityScores {
    /// CBS code.
    pub municipality: String,
    /// Name from the study file.
    pub name: String,
    /// Number of respondents per respondent group (every group of the study, 0 included).
    pub respondents: BTreeMap<String, usize>,
    /// One entry per survey scale, in codebook order.
    pub scales: Vec<ScaleScore>,
    /// Quality flags (too few respondents).
    pub flags: Vec<Flag>,
}

impl MunicipalityScores {
    /// The score of one scale.
    pub fn scale(&self, set: &str) -> Option<&ScaleScore> {
        self.scales.iter().find(|s| s.set == set)
    }
}

/// One scale in one municipality.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScaleScore {
    /// Set id.
    pub set: String,
    /// Mean of the group means; `None` when no respondent has a score.
    pub mean: Option<f64>,
    /// Respondents with a score, over all groups.
    pub n: usize,
    /// Sample SD (n - 1) of the respondent scores over all groups; `None` for n < 2.
    pub sd: Option<f64>,
    /// Highest minus lowest group mean; `None` with fewer than two scored groups.
    pub gap: Option<f64>,
    /// Per group that gets items of this scale.
    pub groups: Vec<GroupScore>,
}

/// One scale in one respondent group of one municipality.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupScore {
    /// Respondent group id.
    pub group: String,
    /// Mean respondent score; `None` when nobody in the group has a score.
    pub mean: Option<f64>,
    /// Sample SD (n - 1) of the respondent scores; `None` for n < 2.
    pub sd: Option<f64>,
    /// Respondents with a score.
    pub n: usize,
    /// Respondents of this group without a score (too few items answered).
    pub n_missing: usize,
}

/// A quality warning about a municipality.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Flag {
    /// Fewer respondents of a group than its `min_respondents`.
    FewRespondents {
        /// Group id.
        group: String,
        /// Respondents present.
        n: usize,
        /// The group's minimum.
        min: u32,
    },
    /// A group has respondents, but fewer than `min_respondents` of them have a
    /// score on this scale (the others answered too few items).
    FewScored {
        /// Set id.
        set: String,
        /// Group id.
        group: String,
        /// Respondents with a score.
        n: usize,
        /// The group's minimum.
        min: u32,
    },
}

/// Scores the answers: scale scores per municipality and Cronbach's alpha per scale.
///
/// Every answer is checked against the study: unknown respondent ids twice, unknown
/// municipality, group or item, an item the respondent's group does not get, and
/// answers outside 1..=5 (0..=1 for yes/no items) are errors naming the respondent.
pub fn measure(study: &Study, answers: &[RespondentAnswers]) -> Result<Measurement, StudyError> {
    check_answers(study, answers)?;
    let scales: Vec<&SetDefinition> = study
        .sets()
        .filter(|s| s.set.measure == MeasureKind::Scale && !s.set.items.is_empty())
        .map(|s| s.set)
        .collect();
    let min_items = study.analysis.min_items_answered;

    // score[scale][respondent index]
    let scores: Vec<Vec<Option<f64>>> = scales
        .iter()
        .map(|set| {
            answers
                .iter()
                .map(|r| {
                    let items: Vec<&Item> = set.items_for_group(&r.group).collect();
                    if items.is_empty() {
                        return None;
                    }
                    let answered: Vec<f64> =
                        items.iter().filter_map(|i| item_score(i, r)).collect();
                    (answered.len() >= min_items.required(items.len()))
                        .then(|| answered.iter().sum::<f64>() / answered.len() as f64)
                })
                .collect()
        })
        .collect();

    let reliability = scales
        .iter()
        .map(|set| scale_reliability(set, answers))
        .collect();

    let municipalities = study
        .municipalities
        .iter()
        .map(|m| {
            let code = m.code.as_str();
            let mut respondents: BTreeMap<String, usize> = study
                .respondent_groups
                .iter()
                .map(|g| (g.id.clone(), 0))
                .collect();
            for r in answers.iter().filter(|r| r.municipality == code) {
                *respondents.entry(r.group.clone()).or_default() += 1;
            }
            let mut flags: Vec<Flag> = study
                .respondent_groups
                .iter()
                .filter(|g| respondents[&g.id] < g.min_respondents as usize)
                .map(|g| Flag::FewRespondents {
                    group: g.id.clone(),
                    n: respondents[&g.id],
                    min: g.min_respondents,
                })
                .collect();

            let scale_scores = scales
                .iter()
                .zip(&scores)
                .map(|(set, set_scores)| {
                    let mut all = Vec::new();
                    let mut groups = Vec::new();
                    for group in set.groups() {
                        let mut values = Vec::new();
                        let mut n_missing = 0;
                        for (r, score) in answers.iter().zip(set_scores) {
                            if r.municipality != code || r.group != group {
                                continue;
                            }
                            match score {
                                Some(v) => values.push(*v),
                                None => n_missing += 1,
                            }
                        }
                        let min = study
                            .respondent_group(group)
                            .map_or(0, |g| g.min_respondents);
                        let present = values.len() + n_missing;
                        if present >= min as usize && values.len() < min as usize {
                            flags.push(Flag::FewScored {
                                set: set.id.clone(),
                                group: group.to_string(),
                                n: values.len(),
                                min,
                            });
                        }
                        all.extend_from_slice(&values);
                        groups.push(GroupScore {
                            group: group.to_string(),
                            mean: kantel_stats::mean(&values),
                            sd: kantel_stats::sd(&values),
                            n: values.len(),
                            n_missing,
                        });
                    }
                    let means: Vec<f64> = groups.iter().filter_map(|g| g.mean).collect();
                    let gap = (means.len() >= 2).then(|| {
                        let max = means.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                        let min = means.iter().copied().fold(f64::INFINITY, f64::min);
                        max - min
                    });
                    ScaleScore {
                        set: set.id.clone(),
                        mean: kantel_stats::mean(&means),
                        n: all.len(),
                        sd: kantel_stats::sd(&all),
                        gap,
                        groups,
                    }
                })
                .collect();
            MunicipalityScores {
                municipality: code.to_string(),
                name: m.name.clone(),
                respondents,
                scales: scale_scores,
                flags,
            }
        })
        .collect();

    Ok(Measurement {
        scales: reliability,
        municipalities,
    })
}

/// The scored value of an item for a respondent: Likert x, or 6 - x when reversed;
/// yes/no scored 1 (nee) or 5 (ja) before reversing. `None` when not answered.
fn item_score(item: &Item, r: &RespondentAnswers) -> Option<f64> {
    let raw = (*r.answers.get(&item.id)?)?;
    let x = match item.response {
        ResponseKind::Likert5 => f64::from(raw),
        ResponseKind::YesNo => 1.0 + 4.0 * f64::from(raw),
    };
    Some(if item.reverse { 6.0 - x } else { x })
}

fn scale_reliability(set: &SetDefinition, answers: &[RespondentAnswers]) -> ScaleReliability {
    let rows: Vec<Vec<f64>> = answers
        .iter()
        .filter_map(|r| {
            set.items
                .iter()
                .map(|i| item_score(i, r))
                .collect::<Option<Vec<f64>>>()
        })
        .collect();
    let k = set.items.len();
    let mut out = ScaleReliability {
        set: set.id.clone(),
        code: set.code.clone(),
        items: set.items.iter().map(|i| i.id.clone()).collect(),
        n_complete: rows.len(),
        alpha: None,
        alpha_if_deleted: vec![None; k],
        item_rest: vec![None; k],
        note: None,
    };
    match kantel_stats::cronbach_alpha(&rows) {
        Ok(rel) => {
            out.alpha = finite(&rel.alpha);
            out.alpha_if_deleted = rel.alpha_if_deleted.iter().map(finite).collect();
            out.item_rest = rel.item_rest.iter().map(finite).collect();
        }
        Err(e) => {
            out.note = Some(format!(
                "alpha not computed from {} complete respondent(s): {e}",
                rows.len()
            ));
        }
    }
    out
}

/// NaN marks undefined statistics in kantel-stats; `None` says the same in JSON.
fn finite(v: &f64) -> Option<f64> {
    v.is_finite().then_some(*v)
}

fn check_answers(study: &Study, answers: &[RespondentAnswers]) -> Result<(), StudyError> {
    let mut seen = BTreeSet::new();
    for r in answers {
        let err = |message: String| StudyError::Answer {
            respondent: r.respondent.clone(),
            message,
        };
        if r.respondent.trim().is_empty() {
            return Err(err("respondent id is empty".into()));
        }
        if !seen.insert(r.respondent.as_str()) {
            return Err(err("this respondent id occurs more than once".into()));
        }
        if study.municipality(&r.municipality).is_none() {
            return Err(err(format!(
                "municipality {:?} is not in the study's [[municipality]] list",
                r.municipality
            )));
        }
        if study.respondent_group(&r.group).is_none() {
            return Err(err(format!(
                "respondent group {:?} is not defined in the study",
                r.group
            )));
        }
        for (item_id, value) in &r.answers {
            let Some((set, item)) = study.item(item_id) else {
                return Err(err(format!("item {item_id:?} is not in the codebook")));
            };
            // An empty cell for an item the group is not asked is no answer; a value is an error.
            if !item.groups.contains(&r.group) && value.is_some() {
                return Err(err(format!(
                    "item {item_id:?} ({}) is not asked of group {:?}",
                    set.set.id, r.group
                )));
            }
            if let Some(v) = value {
                let ok = match item.response {
                    ResponseKind::Likert5 => (1..=5).contains(v),
                    ResponseKind::YesNo => *v <= 1,
                };
                if !ok {
                    let range = match item.response {
                        ResponseKind::Likert5 => "1..5",
                        ResponseKind::YesNo => "0 (nee) or 1 (ja)",
                    };
                    return Err(err(format!(
                        "item {item_id:?}: answer {v} is outside {range}"
                    )));
                }
            }
        }
    }
    Ok(())
}

/// Fuzzy (or crisp) memberships of municipalities, ready for QCA.
#[derive(Debug, Clone)]
pub struct CalibratedSets {
    /// Cases = municipality codes, columns = the requested sets, values = memberships.
    pub data: SetData,
    /// The raw scale means that were calibrated, per set (same order as the columns).
    pub raw: Vec<(String, Vec<f64>)>,
    /// Municipalities left out, with the sets they have no score on.
    pub dropped: Vec<(String, Vec<String>)>,
    /// Warnings from the calibration engine, prefixed with the set id.
    pub warnings: Vec<String>,
}

/// Calibrates the municipal scale means of `sets` with the study's
/// `[calibration.<SET>]` anchors into a [`SetData`] of memberships.
///
/// Municipalities without a mean on one of the sets are left out (and listed in
/// `dropped`), because QCA needs complete cases. Errors: a set that is not a
/// measured scale, a set without calibration, no complete municipality, or an
/// engine error.
pub fn calibrate_scales(
    study: &Study,
    measurement: &Measurement,
    sets: &[&str],
) -> Result<CalibratedSets, StudyError> {
    for &set in sets {
        if !measurement.scales.iter().any(|s| s.set == set) {
            return Err(StudyError::Measurement {
                set: set.to_string(),
                message: "not a survey scale of this study (no items were measured)".into(),
            });
        }
    }
    let mut cases = Vec::new();
    let mut dropped = Vec::new();
    for m in &measurement.municipalities {
        let missing: Vec<String> = sets
            .iter()
            .filter(|s| m.scale(s).and_then(|x| x.mean).is_none())
            .map(|s| s.to_string())
            .collect();
        if missing.is_empty() {
            cases.push(m);
        } else {
            dropped.push((m.municipality.clone(), missing));
        }
    }
    if cases.is_empty() {
        return Err(StudyError::Measurement {
            set: sets.join(", "),
            message: "no municipality has a score on all these sets".into(),
        });
    }
    let mut raw = Vec::new();
    let mut columns = Vec::new();
    let mut warnings = Vec::new();
    for &set in sets {
        let values: Vec<f64> = cases
            .iter()
            .filter_map(|m| m.scale(set).and_then(|x| x.mean))
            .collect();
        let calibrated = calibrate_values(study, set, &values)?;
        warnings.extend(
            calibrated
                .warnings
                .into_iter()
                .map(|w| format!("{set}: {w}")),
        );
        columns.push(calibrated.values);
        raw.push((set.to_string(), values));
    }
    let data = SetData::new(
        cases.iter().map(|m| m.municipality.clone()).collect(),
        sets.iter().map(|s| s.to_string()).collect(),
        columns,
    )
    .map_err(|e| StudyError::Measurement {
        set: sets.join(", "),
        message: e.to_string(),
    })?;
    Ok(CalibratedSets {
        data,
        raw,
        dropped,
        warnings,
    })
}

/// Calibrates raw values of one set (a scale mean, a register indicator) with the
/// study's `[calibration.<SET>]` anchors.
pub fn calibrate_values(
    study: &Study,
    set: &str,
    values: &[f64],
) -> Result<kantel_qca::calibrate::Calibrated, StudyError> {
    let spec = study
        .calibration
        .get(set)
        .ok_or_else(|| StudyError::Calibration {
            set: set.to_string(),
            message: format!("the study file has no [calibration.{set}] table"),
        })?;
    let engine = spec
        .to_engine()
        .map_err(|message| StudyError::Calibration {
            set: set.to_string(),
            message,
        })?;
    calibrate(values, &engine, &CalibrationOptions::default()).map_err(|e| {
        StudyError::Calibration {
            set: set.to_string(),
            message: e.to_string(),
        }
    })
}
