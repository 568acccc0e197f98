//! Imports of answers, register indicators and expert ratings, and their history.
//!
//! Every file is read and checked completely (against the study and the municipality
//! register) before anything is written, and then written in one transaction: an import
//! that fails leaves the database as it was.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use kantel_i18n::{Msg, msg};
use kantel_store::{
    AnswerImportRow, DataVersion, ImportEvent, ImportId, ImportKind, ImportOutcome, ImportRecord,
    ImportRows, RegisterValueRecord, sha256_hex,
};
use kantel_study::import as study_import;
use kantel_study::import::{
    AnswerSpec, RegisterOptions, RegisterValue, SetCoverage, UnmatchedRow, read_answers,
    read_ratings, register_coverage,
};
use kantel_study::register::MunicipalityRegister;
use kantel_study::table::{ReadOptions, Table};
use serde::Serialize;

use crate::{WorkflowError, Workspace};

/// Register values with this source are expert ratings of a set (indicator = set id).
pub const RATING_SOURCE: &str = "rating";

/// The earliest and latest years accepted for `--year` and `--boundary-year`.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// What an import wrote, or that the content was stored already.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Written {
    /// The rows were written.
    Imported {
        /// The import's id in the history.
        import_id: i64,
        /// Respondents created (answers only).
        respondents_created: usize,
        /// Answers or values written.
        values_written: usize,
        /// The study's data version after this import.
        data_version: i64,
    },
    /// Every row is stored already with the same values; nothing changed.
    Unchanged {
        /// The active import of a file with the same content, if any.
        import_id: Option<i64>,
    },
}

fn written(outcome: ImportOutcome) -> Written {
    match outcome {
        ImportOutcome::Imported {
            import,
            respondents_created,
            values_written,
            event,
        } => Written::Imported {
            import_id: import.id.0,
            respondents_created,
            values_written,
            data_version: event.data_version,
        },
        ImportOutcome::Unchanged { previous, .. } => Written::Unchanged {
            import_id: previous.map(|p| p.id.0),
        },
    }
}

/// A study municipality: code and name.
pub type MunicipalityRef = (String, String);

/// The summary of an answers import.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AnswersImport {
    /// The file name.
    pub file: String,
    /// What was written.
    pub written: Written,
    /// Respondents in the file.
    pub respondents: usize,
    /// Survey-tool columns left aside.
    pub ignored_columns: Vec<String>,
    /// Municipalities written as names or aliases, with the code they matched.
    pub matched_names: Vec<(String, String)>,
    /// Study municipalities without any stored respondent after this import.
    pub without_answers: Vec<MunicipalityRef>,
}

/// The summary of a register import.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RegisterImport {
    /// The file name.
    pub file: String,
    /// What was written.
    pub written: Written,
    /// Rows matched to a municipality.
    pub matched_rows: usize,
    /// Empty or missing-marked cells among them (stored as missing, not 0).
    pub missing_cells: usize,
    /// Rows not matched, with the reason.
    #[serde(skip)]
    pub unmatched: Vec<UnmatchedRow>,
    /// Indicator columns of the file (name, year).
    pub indicators: Vec<(String, Option<i32>)>,
    /// Per register set of the study, after this import: year used and coverage.
    #[serde(skip)]
    pub coverage: Vec<SetCoverage>,
}

/// The summary of a ratings import.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RatingsImport {
    /// The file name.
    pub file: String,
    /// What was written.
    pub written: Written,
    /// Per rated set: municipalities with a rating and those without (after the import).
    pub coverage: Vec<(String, Vec<MunicipalityRef>, Vec<MunicipalityRef>)>,
    /// Remark columns left aside.
    pub ignored_columns: Vec<String>,
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| path.display().to_string())
}

fn read_table(path: &Path) -> Result<(Table, String), WorkflowError> {
    let bytes = std::fs::read(path).map_err(|e| WorkflowError::io(path, &e))?;
    let table = Table::read(path, &ReadOptions::default())?;
    Ok((table, sha256_hex(&bytes)))
}

/// An answers file read and checked, ready to store.
struct PreparedAnswers {
    name: String,
    sha: String,
    file: kantel_study::import::AnswerFile,
    rows: Vec<AnswerImportRow>,
}

fn prepare_answers(ws: &Workspace, path: &Path) -> Result<PreparedAnswers, WorkflowError> {
    let (table, sha) = read_table(path)?;
    let file = read_answers(
        &table,
        &AnswerSpec::from_study(&ws.study),
        &MunicipalityRegister::builtin(),
    )?;
    let rows = file
        .rows
        .iter()
        .map(|r| AnswerImportRow {
            external_id: r.respondent.clone(),
            municipality_code: r.municipality.clone(),
            group: r.group.clone(),
            answers: r
                .answers
                .iter()
                .map(|(i, v)| (i.clone(), v.map(i64::from)))
                .collect(),
        })
        .collect();
    Ok(PreparedAnswers {
        name: file_name(path),
        sha,
        file,
        rows,
    })
}

async fn answers_summary(
    ws: &Workspace,
    p: PreparedAnswers,
    outcome: ImportOutcome,
) -> Result<AnswersImport, WorkflowError> {
    let with_answers: BTreeSet<String> = ws
        .store
        .list_respondents(ws.id)
        .await?
        .into_iter()
        .map(|r| r.municipality_code)
        .collect();
    Ok(AnswersImport {
        file: p.name,
        written: written(outcome),
        respondents: p.file.rows.len(),
        ignored_columns: p.file.ignored_columns,
        matched_names: p.file.matched_names,
        without_answers: ws
            .study
            .municipalities
            .iter()
            .filter(|m| !with_answers.contains(m.code.as_str()))
            .map(|m| (m.code.as_str().to_string(), m.name.clone()))
            .collect(),
    })
}

/// Reads, checks and stores an answers file. The same content twice changes nothing.
pub async fn import_answers(ws: &Workspace, path: &Path) -> Result<AnswersImport, WorkflowError> {
    let p = prepare_answers(ws, path)?;
    let outcome = ws
        .store
        .import_answers(ws.id, &p.name, &p.sha, &p.rows)
        .await?;
    answers_summary(ws, p, outcome).await
}

/// Options of a register import.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegisterImportOptions {
    /// Year of indicator columns without a `|year` suffix.
    pub year: Option<i32>,
    /// Match against the municipalities of this year.
    pub boundary_year: Option<i32>,
    /// Source label stored with the values (default: the file name).
    pub source: Option<String>,
}

fn check_year(option: &'static str, year: Option<i32>) -> Result<(), WorkflowError> {
    match year {
        Some(y) if !YEARS.contains(&y) => Err(msg!(
            "wf-year-out-of-range",
            option = option,
            year = i64::from(y),
            from = i64::from(*YEARS.start()),
            to = i64::from(*YEARS.end())
        )
        .into()),
        _ => Ok(()),
    }
}

/// The stored register values (not ratings) of a study, as the analysis reads them.
pub async fn stored_register(ws: &Workspace) -> Result<Vec<RegisterValue>, WorkflowError> {
    Ok(ws
        .store
        .list_register_values(ws.id)
        .await?
        .into_iter()
        .filter(|r| r.source != RATING_SOURCE)
        .map(|r| RegisterValue {
            line: 0,
            name: ws
                .study
                .municipality(&r.municipality_code)
                .map(|m| m.name.clone())
                .unwrap_or_default(),
            code: r.municipality_code,
            indicator: r.indicator,
            year: i32::try_from(r.year).ok(),
            value: r.value,
        })
        .collect())
}

struct PreparedRegister {
    name: String,
    sha: String,
    result: kantel_study::import::RegisterImport,
    rows: Vec<RegisterValueRecord>,
}

fn prepare_register(
    path: &Path,
    options: &RegisterImportOptions,
) -> Result<PreparedRegister, WorkflowError> {
    check_year("--year", options.year)?;
    check_year("--boundary-year", options.boundary_year)?;
    let (table, sha) = read_table(path)?;
    let result = study_import::import_register(
        &table,
        &MunicipalityRegister::builtin(),
        &RegisterOptions {
            year: options.year,
            boundary_year: options.boundary_year,
            ..RegisterOptions::default()
        },
    )?;
    let name = file_name(path);
    if result.matched_rows == 0 {
        return Err(msg!(
            "wf-register-nothing-matched",
            file = name.as_str(),
            rows = table.n_rows(),
            first = result
                .unmatched
                .first()
                .map(|u| msg!(
                    "wf-unmatched-first",
                    name = u.name.as_str(),
                    reason = u.reason.clone()
                ))
                .unwrap_or_else(|| msg!("answers-no-rows"))
        )
        .into());
    }
    for (indicator, year) in &result.indicators {
        match year {
            None => {
                return Err(msg!(
                    "wf-register-no-year",
                    file = name.as_str(),
                    indicator = indicator.as_str()
                )
                .into());
            }
            Some(y) => check_year("|year", Some(*y))?,
        }
    }
    let source = options.source.clone().unwrap_or_else(|| name.clone());
    let rows = result
        .values
        .iter()
        .map(|v| RegisterValueRecord {
            municipality_code: v.code.clone(),
            indicator: v.indicator.clone(),
            year: i64::from(v.year.unwrap_or_default()),
            value: v.value,
            source: source.clone(),
        })
        .collect();
    Ok(PreparedRegister {
        name,
        sha,
        result,
        rows,
    })
}

async fn register_summary(
    ws: &Workspace,
    p: PreparedRegister,
    outcome: ImportOutcome,
) -> Result<RegisterImport, WorkflowError> {
    let stored = stored_register(ws).await?;
    Ok(RegisterImport {
        file: p.name,
        written: written(outcome),
        matched_rows: p.result.matched_rows,
        missing_cells: p.result.missing_cells,
        unmatched: p.result.unmatched,
        indicators: p.result.indicators,
        coverage: register_coverage(&ws.study, &stored),
    })
}

/// Reads, matches and stores a register table; every unmatched row is reported, and a
/// table of which no row matched is refused.
pub async fn import_register(
    ws: &Workspace,
    path: &Path,
    options: &RegisterImportOptions,
) -> Result<RegisterImport, WorkflowError> {
    let p = prepare_register(path, options)?;
    let outcome = ws
        .store
        .import_register_values(ws.id, &p.name, &p.sha, &p.rows)
        .await?;
    register_summary(ws, p, outcome).await
}

struct PreparedRatings {
    name: String,
    sha: String,
    file: kantel_study::import::RatingsFile,
    rows: Vec<RegisterValueRecord>,
}

fn prepare_ratings(ws: &Workspace, path: &Path) -> Result<PreparedRatings, WorkflowError> {
    let (table, sha) = read_table(path)?;
    let file = read_ratings(&table, &ws.study, &MunicipalityRegister::builtin())?;
    let year = i64::from(ws.study.study.year);
    let rows = file
        .values
        .iter()
        .map(|(code, set, v)| RegisterValueRecord {
            municipality_code: code.clone(),
            indicator: set.clone(),
            year,
            value: Some(*v),
            source: RATING_SOURCE.to_string(),
        })
        .collect();
    Ok(PreparedRatings {
        name: file_name(path),
        sha,
        file,
        rows,
    })
}

async fn ratings_summary(
    ws: &Workspace,
    p: PreparedRatings,
    outcome: ImportOutcome,
) -> Result<RatingsImport, WorkflowError> {
    let ratings = stored_ratings(ws).await?;
    let coverage = p
        .file
        .sets
        .iter()
        .map(|set| {
            let (with, without): (Vec<_>, Vec<_>) = ws
                .study
                .municipalities
                .iter()
                .map(|m| (m.code.as_str().to_string(), m.name.clone()))
                .partition(|(code, _)| ratings.iter().any(|(c, s, _)| c == code && s == set));
            (set.clone(), with, without)
        })
        .collect();
    Ok(RatingsImport {
        file: p.name,
        written: written(outcome),
        coverage,
        ignored_columns: p.file.ignored_columns,
    })
}

/// Reads and stores expert ratings (one score in [0, 1] per municipality and rated set).
pub async fn import_ratings(ws: &Workspace, path: &Path) -> Result<RatingsImport, WorkflowError> {
    let p = prepare_ratings(ws, path)?;
    let outcome = ws
        .store
        .import_ratings(ws.id, &p.name, &p.sha, &p.rows)
        .await?;
    ratings_summary(ws, p, outcome).await
}

/// The stored expert ratings: (code, set, score).
pub async fn stored_ratings(ws: &Workspace) -> Result<Vec<(String, String, f64)>, WorkflowError> {
    Ok(ws
        .store
        .list_register_values(ws.id)
        .await?
        .into_iter()
        .filter(|r| r.source == RATING_SOURCE)
        .filter_map(|r| r.value.map(|v| (r.municipality_code, r.indicator, v)))
        .collect())
}

/// The import history of a study: every import (active, replaced, removed), every event,
/// and the current data version.
pub async fn history(
    ws: &Workspace,
) -> Result<(Vec<ImportRecord>, Vec<ImportEvent>, DataVersion), WorkflowError> {
    Ok((
        ws.store.list_imports(ws.id).await?,
        ws.store.list_import_events(ws.id).await?,
        ws.store.data_version(ws.id).await?,
    ))
}

/// What a replacement file brought in, by the kind of the replaced import.
#[derive(Clone, Debug, PartialEq)]
pub enum Replacement {
    /// An answers import was replaced.
    Answers(AnswersImport),
    /// A register import was replaced.
    Register(RegisterImport),
    /// A ratings import was replaced.
    Ratings(RatingsImport),
}

/// Replaces import `id` by a corrected file, in one transaction: what the old import
/// contributed is removed and the new file imported in its place. The new file is checked
/// exactly as a fresh import is.
pub async fn replace_import(
    ws: &Workspace,
    id: i64,
    path: &Path,
    options: &RegisterImportOptions,
) -> Result<Replacement, WorkflowError> {
    let old = ws.store.get_import(ws.id, ImportId(id)).await?;
    Ok(match old.kind {
        ImportKind::Answers => {
            let p = prepare_answers(ws, path)?;
            let outcome = ws
                .store
                .replace_import(ws.id, old.id, &p.name, &p.sha, ImportRows::Answers(&p.rows))
                .await?;
            Replacement::Answers(answers_summary(ws, p, outcome).await?)
        }
        ImportKind::RegisterValues => {
            let p = prepare_register(path, options)?;
            let outcome = ws
                .store
                .replace_import(
                    ws.id,
                    old.id,
                    &p.name,
                    &p.sha,
                    ImportRows::RegisterValues(&p.rows),
                )
                .await?;
            Replacement::Register(register_summary(ws, p, outcome).await?)
        }
        ImportKind::Ratings => {
            let p = prepare_ratings(ws, path)?;
            let outcome = ws
                .store
                .replace_import(
                    ws.id,
                    old.id,
                    &p.name,
                    &p.sha,
                    ImportRows::RegisterValues(&p.rows),
                )
                .await?;
            Replacement::Ratings(ratings_summary(ws, p, outcome).await?)
        }
    })
}

/// Removes import `id`: what it contributed is deleted, the history keeps the record.
pub async fn remove_import(ws: &Workspace, id: i64) -> Result<ImportEvent, WorkflowError> {
    Ok(ws.store.remove_import(ws.id, ImportId(id)).await?)
}

/// Lines of a register import summary, as messages: one per register set of the study
/// ("TRANSFORMATIE: 12 of 12 municipalities, year 2017"), with the municipalities without
/// a value named.
pub fn coverage_lines(coverage: &[SetCoverage]) -> Vec<Msg> {
    let mut out = Vec::new();
    for c in coverage {
        let total = c.with_value.len() + c.without_value.len();
        out.push(match c.choice.year {
            Some(y) => msg!(
                "wf-coverage",
                set = c.choice.set.as_str(),
                indicator = c.choice.indicator.as_str(),
                have = c.with_value.len(),
                total = total,
                year = i64::from(y)
            ),
            None => msg!(
                "wf-coverage-none",
                set = c.choice.set.as_str(),
                indicator = c.choice.indicator.as_str(),
                total = total
            ),
        });
        if c.choice.year.is_some() && !c.without_value.is_empty() {
            out.push(msg!("wf-without-value", list = names(&c.without_value)));
        }
    }
    out
}

/// `Name (GM0000); Name (GM0001)`: a semicolon list, since names may contain commas.
pub fn names(list: &[MunicipalityRef]) -> String {
    list.iter()
        .map(|(code, name)| format!("{name} ({code})"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Per study municipality, how many respondents are stored, by group.
pub async fn response(ws: &Workspace) -> Result<BTreeMap<String, usize>, WorkflowError> {
    let mut out = BTreeMap::new();
    for r in ws.store.list_respondents(ws.id).await? {
        *out.entry(r.municipality_code).or_default() += 1;
    }
    Ok(out)
}
