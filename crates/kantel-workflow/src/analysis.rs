//! Analyse what is stored: measurement, then the study analysis, recorded as a run.

use std::collections::{BTreeMap, BTreeSet};

use kantel_i18n::{Msg, msg};
use kantel_store::DataVersion;
use kantel_store::{ImportKind, ImportStatus};
use kantel_study::analysis::{AnalysisOptions, StudyAnalysis, ValueSource, analyse_with};
use kantel_study::measure::{Measurement, RespondentAnswers, measure};
use serde::Serialize;

use crate::imports::{RATING_SOURCE, split_values};
use crate::{WorkflowError, Workspace};

/// One analysis of a study, with what it was made from.
#[derive(Clone, Debug, Serialize)]
pub struct StudyRun {
    /// Scale scores, aggregation and reliability.
    pub measurement: Measurement,
    /// The analysis.
    pub analysis: StudyAnalysis,
    /// Stored data the analysis left out, and why (a municipality no longer in the study
    /// file, an item no longer in the codebook, an answer to an item the group is no longer
    /// asked).
    pub notes: Vec<Msg>,
    /// The seed of the permutation tests.
    pub seed: u64,
    /// The data version the analysis read (it rises with every import, replace and
    /// remove), and the active imports of that version.
    pub data_version: DataVersion,
}

/// What is stored for a study, measured: the survey scales per municipality, the stored
/// register values and ratings, notes on stored data the study file no longer uses, and the
/// data version read (before the data, so that a concurrent change can only make the result
/// look older than it is).
#[derive(Clone, Debug)]
pub struct StoredData {
    /// Scale scores, aggregation and reliability.
    pub measurement: Measurement,
    /// Register values and ratings as stored (see [`split_values`]).
    pub records: Vec<kantel_store::RegisterValueRecord>,
    /// Stored data left out, and why.
    pub notes: Vec<Msg>,
    /// The data version read.
    pub data_version: DataVersion,
}

/// Reads and measures what is stored for the study. Answers are streamed: a study of
/// 200,000 respondents holds millions of them. The one place that decides which stored
/// answers count (the municipality is in the study file, the item in the codebook, the
/// item asked of the respondent's group).
pub async fn read_stored(ws: &Workspace) -> Result<StoredData, WorkflowError> {
    let study = &ws.study;
    let data_version = ws.store.data_version_with_answers(ws.id).await?;
    let mut notes = Vec::new();
    let mut by_respondent: BTreeMap<String, RespondentAnswers> = BTreeMap::new();
    let mut left_out_municipalities: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut unknown_items: BTreeMap<String, usize> = BTreeMap::new();
    let mut not_asked: BTreeMap<(String, String), usize> = BTreeMap::new();
    ws.store
        .for_each_respondent(ws.id, |r| {
            if study.municipality(&r.municipality_code).is_none() {
                left_out_municipalities
                    .entry(r.municipality_code)
                    .or_default()
                    .insert(r.external_id);
                return;
            }
            let mut answers = BTreeMap::new();
            for (item_id, value) in r.answers {
                let Some((_, item)) = study.item(&item_id) else {
                    *unknown_items.entry(item_id).or_default() += 1;
                    continue;
                };
                if !item.groups.is_empty() && !item.groups.contains(&r.group) {
                    if value.is_some() {
                        *not_asked.entry((item_id, r.group.clone())).or_default() += 1;
                    }
                    continue;
                }
                answers.insert(item_id, value.and_then(|v| u8::try_from(v).ok()));
            }
            // A respondent whose every answer was left out is no respondent of the analysis.
            if !answers.is_empty() {
                by_respondent.insert(
                    r.external_id.clone(),
                    RespondentAnswers {
                        respondent: r.external_id,
                        municipality: r.municipality_code,
                        group: r.group,
                        answers,
                    },
                );
            }
        })
        .await?;
    for (code, respondents) in &left_out_municipalities {
        notes.push(msg!(
            "wf-note-municipality-left",
            code = code.as_str(),
            respondents = respondents.len()
        ));
    }
    for (item, n) in &unknown_items {
        notes.push(msg!(
            "wf-note-item-unknown",
            item = item.as_str(),
            answers = *n
        ));
    }
    for ((item, group), n) in &not_asked {
        notes.push(msg!(
            "wf-note-item-not-asked",
            item = item.as_str(),
            group = group.as_str(),
            answers = *n
        ));
    }
    let answers: Vec<RespondentAnswers> = by_respondent.into_values().collect();
    let measurement = measure(study, &answers)?;
    let records = ws.store.list_register_values(ws.id).await?;
    Ok(StoredData {
        measurement,
        records,
        notes,
        data_version,
    })
}

/// Loads answers and register values from the store, measures and analyses, and records
/// the run.
pub async fn analyse_stored(ws: &Workspace, seed: u64) -> Result<StudyRun, WorkflowError> {
    let study = &ws.study;
    let StoredData {
        measurement,
        records,
        notes,
        data_version,
    } = read_stored(ws).await?;
    // One read of the stored values: the register indicators, the ratings, and where each
    // indicator (and rating) of each year came from, so that the report names the file.
    let (register, ratings) = split_values(ws, &records);
    let sources: BTreeSet<(String, Option<i32>, String)> = records
        .into_iter()
        .map(|r| {
            let year = (r.source != RATING_SOURCE)
                .then(|| i32::try_from(r.year).ok())
                .flatten();
            (r.indicator, year, r.source)
        })
        .collect();
    let rating_files: Vec<String> = ws
        .store
        .list_imports(ws.id)
        .await?
        .into_iter()
        .filter(|i| i.kind == ImportKind::Ratings && i.status == ImportStatus::Active)
        .map(|i| i.file_name)
        .collect();
    let options = AnalysisOptions {
        sources: sources
            .into_iter()
            .map(|(indicator, year, source)| ValueSource {
                indicator,
                year,
                source: if source == RATING_SOURCE && !rating_files.is_empty() {
                    rating_files.join("; ")
                } else {
                    source
                },
            })
            .collect(),
        ..AnalysisOptions::default()
    };
    let analysis = analyse_with(study, &measurement, &register, &ratings, seed, &options)?;
    ws.store
        .save_run_with_version(
            ws.id,
            "study-analysis",
            &serde_json::json!({ "seed": seed, "analysis": study.analysis }),
            &serde_json::to_value(&analysis).map_err(|e| msg!("text", text = e.to_string()))?,
            data_version.version,
        )
        .await?;
    Ok(StudyRun {
        measurement,
        analysis,
        notes,
        seed,
        data_version,
    })
}
