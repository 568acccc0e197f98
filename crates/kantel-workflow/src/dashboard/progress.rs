//! Response progress per municipality and group, for the researcher (every municipality)
//! and for a municipal contact (one municipality).

use std::collections::BTreeMap;

use kantel_store::{ProgressRow, Store, StudyId, StudyStatus};
use serde::Serialize;

use super::load_study;
use crate::WorkflowError;

/// Respondent counts of one group, one municipality, or the whole study.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Respondents (invited through a link or created by an import).
    pub respondents: i64,
    /// Of which have a personal link.
    pub invited: i64,
    /// Of which came from an import.
    pub imported: i64,
    /// Of which have given at least one answer (through the link or in an import): the
    /// respondents the analysis can use.
    pub started: i64,
    /// Of which submitted the questionnaire through their link.
    pub submitted: i64,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.respondents += other.respondents;
        self.invited += other.invited;
        self.imported += other.imported;
        self.started += other.started;
        self.submitted += other.submitted;
    }

    fn from_row(r: &ProgressRow) -> Counts {
        Counts {
            respondents: r.respondents,
            invited: r.invited,
            imported: r.imported,
            started: r.started,
            submitted: r.submitted,
        }
    }

    /// The response rate: the share of respondents with answers (`started / respondents`),
    /// in [0, 1]; `None` without respondents.
    pub fn response_rate(&self) -> Option<f64> {
        ratio(self.started, self.respondents)
    }

    /// The share of invited respondents who submitted (`submitted / invited`); `None`
    /// when nobody has a link.
    pub fn submitted_rate(&self) -> Option<f64> {
        ratio(self.submitted, self.invited)
    }
}

fn ratio(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// One respondent group in one municipality.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupProgress {
    /// Group id (`bestuur`, …).
    pub group: String,
    /// The counts.
    pub counts: Counts,
    /// The study's minimum of respondents for this group (`min_respondents`); `None` for a
    /// group the study does not define (respondents imported under an old group id).
    pub min_respondents: Option<u32>,
}

impl GroupProgress {
    /// Fewer respondents with answers than the study asks for in this group.
    pub fn below_minimum(&self) -> bool {
        self.min_respondents
            .is_some_and(|m| self.counts.started < i64::from(m))
    }
}

/// One municipality: its groups (every group of the study, in study order, then any group
/// only the stored respondents have) and its total.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MunicipalityProgress {
    /// CBS code.
    pub code: String,
    /// Name as the study names it (the code when the study no longer lists it).
    pub name: String,
    /// Whether the study (still) lists this municipality.
    pub in_study: bool,
    /// Per group.
    pub groups: Vec<GroupProgress>,
    /// Sum over the groups.
    pub total: Counts,
}

/// Response of a study.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProgressView {
    /// The study.
    pub study: StudyId,
    /// Its name.
    pub name: String,
    /// Its Dutch and English titles.
    pub title_nl: String,
    /// English title.
    pub title_en: String,
    /// Open or closed.
    pub status: StudyStatus,
    /// The group ids of the study, in study order, with their Dutch and English labels.
    pub groups: Vec<(String, String, String)>,
    /// Per municipality, in study order; municipalities with stored respondents that the
    /// study no longer lists come last, by code.
    pub municipalities: Vec<MunicipalityProgress>,
    /// Sum over the municipalities shown.
    pub total: Counts,
}

/// Response progress of a study: every municipality of the study (also those without
/// respondents yet) and every group, with totals; with `Some(code)` only that municipality
/// (a contact's view). A code the study does not list and no respondent has gives an empty
/// list.
pub async fn progress(
    store: &Store,
    study: StudyId,
    municipality: Option<&str>,
) -> Result<ProgressView, WorkflowError> {
    let stored = load_study(store, study).await?;
    let rows = store.response_progress(study, municipality).await?;
    let def = &stored.study;
    let mut by_code: BTreeMap<&str, Vec<&ProgressRow>> = BTreeMap::new();
    for r in &rows {
        by_code.entry(&r.municipality_code).or_default().push(r);
    }
    let wanted = |code: &str| municipality.is_none_or(|m| m == code);
    let mut municipalities = Vec::new();
    for m in def
        .municipalities
        .iter()
        .filter(|m| wanted(m.code.as_str()))
    {
        let rows = by_code.remove(m.code.as_str()).unwrap_or_default();
        municipalities.push(municipality_progress(
            def,
            m.code.as_str(),
            &m.name,
            true,
            &rows,
        ));
    }
    for (code, rows) in by_code {
        municipalities.push(municipality_progress(def, code, code, false, &rows));
    }
    let mut total = Counts::default();
    for m in &municipalities {
        total.add(&m.total);
    }
    Ok(ProgressView {
        study,
        name: stored.record.name.clone(),
        title_nl: def.study.title_nl.clone(),
        title_en: def.study.title_en.clone(),
        status: stored.record.status,
        groups: def
            .respondent_groups
            .iter()
            .map(|g| (g.id.clone(), g.label_nl.clone(), g.label_en.clone()))
            .collect(),
        municipalities,
        total,
    })
}

fn municipality_progress(
    def: &kantel_study::study::Study,
    code: &str,
    name: &str,
    in_study: bool,
    rows: &[&ProgressRow],
) -> MunicipalityProgress {
    let mut groups: Vec<GroupProgress> = def
        .respondent_groups
        .iter()
        .map(|g| GroupProgress {
            group: g.id.clone(),
            counts: rows
                .iter()
                .find(|r| r.group == g.id)
                .map(|r| Counts::from_row(r))
                .unwrap_or_default(),
            min_respondents: Some(g.min_respondents),
        })
        .collect();
    for r in rows {
        if def.respondent_group(&r.group).is_none() {
            groups.push(GroupProgress {
                group: r.group.clone(),
                counts: Counts::from_row(r),
                min_respondents: None,
            });
        }
    }
    let mut total = Counts::default();
    for g in &groups {
        total.add(&g.counts);
    }
    MunicipalityProgress {
        code: code.to_string(),
        name: name.to_string(),
        in_study,
        groups,
        total,
    }
}
