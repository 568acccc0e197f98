//! Imports of answers, register indicators and expert ratings, and their history.
//!
//! Every file is read and checked completely (against the study and the municipality
//! register) before anything is written, and then written in one transaction: an import
//! that fails leaves the database as it was.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use kantel_i18n::{Msg, msg};
use kantel_store::{AnswerImportRow, ImportOutcome, RegisterValueRecord, sha256_hex};
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
    },
    /// The same content is stored already; nothing changed.
    Unchanged {
        /// The import that stored it.
        import_id: i64,
    },
}

fn written(outcome: ImportOutcome) -> Written {
    match outcome {
        ImportOutcome::Imported {
            import,
            respondents_created,
            values_written,
            ..
        } => Written::Imported {
            import_id: import.id.0,
            respondents_created,
            values_written,
        },
        ImportOutcome::Unchanged { previous, .. } => Written::Unchanged {
            import_id: previous.map_or(0, |p| p.id.0),
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

/// Reads, checks and stores an answers file.
pub async fn import_answers(ws: &Workspace, path: &Path) -> Result<AnswersImport, WorkflowError> {
    let (table, sha) = read_table(path)?;
    let file = read_answers(
        &table,
        &AnswerSpec::from_study(&ws.study),
        &MunicipalityRegister::builtin(),
    )?;
    let rows: Vec<AnswerImportRow> = file
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
    let name = file_name(path);
    let outcome = ws.store.import_answers(ws.id, &name, &sha, &rows).await?;
    let with_answers: BTreeSet<String> = ws
        .store
        .list_respondents(ws.id)
        .await?
        .into_iter()
        .map(|r| r.municipality_code)
        .collect();
    Ok(AnswersImport {
        file: name,
        written: written(outcome),
        respondents: file.rows.len(),
        ignored_columns: file.ignored_columns,
        matched_names: file.matched_names,
        without_answers: ws
            .study
            .municipalities
            .iter()
            .filter(|m| !with_answers.contains(m.code.as_str()))
            .map(|m| (m.code.as_str().to_string(), m.name.clone()))
            .collect(),
    })
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

/// Reads, matches and stores a register table; every unmatched row is reported.
pub async fn import_register(
    ws: &Workspace,
    path: &Path,
    options: &RegisterImportOptions,
) -> Result<RegisterImport, WorkflowError> {
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
                .map(|u| format!("{}: {}", u.name, u.reason))
                .unwrap_or_default()
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
    let records: Vec<RegisterValueRecord> = result
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
    let outcome = ws
        .store
        .import_register_values(ws.id, &name, &sha, &records)
        .await?;
    let stored = stored_register(ws).await?;
    Ok(RegisterImport {
        file: name,
        written: written(outcome),
        matched_rows: result.matched_rows,
        missing_cells: result.missing_cells,
        unmatched: result.unmatched,
        indicators: result.indicators,
        coverage: register_coverage(&ws.study, &stored),
    })
}

/// Reads and stores expert ratings (one score in [0, 1] per municipality and rated set).
pub async fn import_ratings(ws: &Workspace, path: &Path) -> Result<RatingsImport, WorkflowError> {
    let (table, sha) = read_table(path)?;
    let file = read_ratings(&table, &ws.study, &MunicipalityRegister::builtin())?;
    let name = file_name(path);
    let year = i64::from(ws.study.study.year);
    let records: Vec<RegisterValueRecord> = file
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
    let outcome = ws
        .store
        .import_register_values(ws.id, &name, &sha, &records)
        .await?;
    let ratings = stored_ratings(ws).await?;
    let coverage = file
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
        file: name,
        written: written(outcome),
        coverage,
        ignored_columns: file.ignored_columns,
    })
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
