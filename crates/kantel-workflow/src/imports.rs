//! Imports of answers, register indicators and expert ratings, and their history.
//!
//! Every file is read and checked completely (against the study and the municipality
//! register) before anything is written, and then written in one transaction: an import
//! that fails leaves the database as it was. Answers files stream through in bounded
//! memory: checked row by row, then stored in batches within that one transaction (see
//! [`import_answers`]).

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};

use kantel_i18n::{Msg, msg};
use kantel_store::AnswersImport as StoreAnswersImport;
use kantel_store::{
    AnswerImportRow, DataVersion, ImportEvent, ImportId, ImportKind, ImportOutcome, ImportRecord,
    ImportRows, RegisterValueRecord, sha256_hex,
};
use kantel_study::import as study_import;
use kantel_study::import::{
    AnswerReader, AnswerSpec, RegisterOptions, RegisterValue, SetCoverage, UnmatchedRow,
    read_ratings, register_coverage,
};
use kantel_study::register::MunicipalityRegister;
use kantel_study::table::{CsvRows, CsvScan, ReadOptions, Table};
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

/// Respondents per batch handed to the store while an answers file streams through.
const ANSWER_BATCH: usize = 2_000;

/// Whether [`Table::read`] reads `path` as a spreadsheet (else as CSV).
fn is_spreadsheet(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    matches!(ext.as_str(), "xlsx" | "xlsm" | "xlsb" | "xls" | "ods")
}

/// An answers file whose structure is checked, with its SHA-256: a CSV file scanned once
/// (its rows are read again, one at a time, by each [`AnswerPass`]), or a spreadsheet read
/// whole (calamine reads a sheet whole; its rows are still checked and stored per batch).
struct AnswersFile {
    path: PathBuf,
    name: String,
    sha: String,
    source: AnswersSource,
    spec: AnswerSpec,
    register: MunicipalityRegister,
}

enum AnswersSource {
    Csv(CsvScan),
    Sheet(Table),
}

/// What a pass over every row of an answers file found.
struct CheckedAnswers {
    respondents: usize,
    ignored_columns: Vec<String>,
    matched_names: Vec<(String, String)>,
    /// The municipalities of the file's respondents (codes).
    municipalities: BTreeSet<String>,
}

fn open_answers(ws: &Workspace, path: &Path) -> Result<AnswersFile, WorkflowError> {
    let (sha, source) = if is_spreadsheet(path) {
        let sha = HashingReader::open(path)?.hash_to_end()?;
        (
            sha,
            AnswersSource::Sheet(Table::read(path, &ReadOptions::default())?),
        )
    } else {
        let mut input = HashingReader::open(path)?;
        let scan = CsvScan::read(
            &mut input,
            &path.display().to_string(),
            &ReadOptions::default(),
        );
        let scan = input.checked(scan)?;
        (input.sha256(), AnswersSource::Csv(scan))
    };
    Ok(AnswersFile {
        path: path.to_path_buf(),
        name: file_name(path),
        sha,
        source,
        spec: AnswerSpec::from_study(&ws.study),
        register: MunicipalityRegister::builtin(),
    })
}

impl AnswersFile {
    /// Starts a pass over the rows: the header is checked (again) first.
    fn pass(&self) -> Result<AnswerPass<'_>, WorkflowError> {
        let (head, rows) = match &self.source {
            AnswersSource::Csv(scan) => (scan.head.clone(), scan.rows),
            AnswersSource::Sheet(table) => (table.head(), table.n_rows()),
        };
        let reader = AnswerReader::new(&head, rows, &self.spec, &self.register)?;
        let rows = match &self.source {
            AnswersSource::Csv(scan) => {
                PassRows::Csv(Box::new(scan.rows(HashingReader::open(&self.path)?)?))
            }
            AnswersSource::Sheet(table) => PassRows::Sheet { table, next: 0 },
        };
        Ok(AnswerPass {
            file: self,
            reader,
            rows,
            municipalities: BTreeSet::new(),
            lines: Vec::new(),
        })
    }

    /// Reads and checks every row without storing anything.
    fn check(&self) -> Result<CheckedAnswers, WorkflowError> {
        let mut pass = self.pass()?;
        while pass.next_batch(ANSWER_BATCH)?.is_some() {}
        pass.finish()
    }

    /// Whether every row is stored already with the same values, asked per batch
    /// ([`kantel_store::Store::answers_already_stored`]); stops at the first batch that
    /// is not. Expects rows that passed [`AnswersFile::check`].
    async fn already_stored(&self, ws: &Workspace) -> Result<bool, WorkflowError> {
        let mut pass = self.pass()?;
        while let Some(batch) = pass.next_batch(ANSWER_BATCH)? {
            if !ws.store.answers_already_stored(ws.id, &batch).await? {
                return Ok(false);
            }
        }
        pass.finish()?;
        Ok(true)
    }

    /// Streams every row into an open store import, batch by batch, and commits it. Any
    /// error drops the import, which rolls everything back.
    async fn store(&self, mut import: StoreAnswersImport) -> Result<ImportOutcome, WorkflowError> {
        let mut pass = self.pass()?;
        // The store counts rows from the start of the import; the user counts lines. A
        // row can be refused when its batch is added or when the import is finished.
        let mut done = 0;
        while let Some(batch) = pass.next_batch(ANSWER_BATCH)? {
            if let Err(e) = import.add(&batch).await {
                return Err(crate::error::located(e, &self.name, &pass.lines, done));
            }
            done += batch.len();
        }
        let last = std::mem::take(&mut pass.lines);
        pass.finish()?;
        import
            .finish()
            .await
            .map_err(|e| crate::error::located(e, &self.name, &last, done - last.len()))
    }
}

/// One pass over the rows of an answers file, in batches.
struct AnswerPass<'f> {
    file: &'f AnswersFile,
    reader: AnswerReader<'f>,
    rows: PassRows<'f>,
    municipalities: BTreeSet<String>,
    /// File lines of the rows of the last batch.
    lines: Vec<usize>,
}

enum PassRows<'f> {
    Csv(Box<CsvRows<HashingReader>>),
    Sheet { table: &'f Table, next: usize },
}

impl AnswerPass<'_> {
    /// The next rows (at most `max`), checked and ready to store; `None` after the last.
    fn next_batch(&mut self, max: usize) -> Result<Option<Vec<AnswerImportRow>>, WorkflowError> {
        let mut batch = Vec::with_capacity(max.min(ANSWER_BATCH));
        self.lines.clear();
        while batch.len() < max {
            let row = match &mut self.rows {
                PassRows::Csv(rows) => match rows.next() {
                    None => break,
                    Some(Ok(row)) => self.reader.read_row(row.line, &row.cells)?,
                    Some(Err(e)) => return Err(rows.get_ref().io_error(e)),
                },
                PassRows::Sheet { table, next } => {
                    if *next == table.n_rows() {
                        break;
                    }
                    *next += 1;
                    self.reader
                        .read_row(table.lines[*next - 1], &table.rows[*next - 1])?
                }
            };
            if !self.municipalities.contains(&row.municipality) {
                self.municipalities.insert(row.municipality.clone());
            }
            self.lines.push(row.line);
            batch.push(AnswerImportRow {
                external_id: row.respondent,
                municipality_code: row.municipality,
                group: row.group,
                answers: row
                    .answers
                    .into_iter()
                    .map(|(item, v)| (item, v.map(i64::from)))
                    .collect(),
            });
        }
        Ok((!batch.is_empty()).then_some(batch))
    }

    /// After the last batch: what the pass found. A CSV file must still be the file that
    /// was scanned (same SHA-256), or nothing of it is stored.
    fn finish(self) -> Result<CheckedAnswers, WorkflowError> {
        if let PassRows::Csv(rows) = self.rows {
            let sha = rows.into_inner().sha256();
            if sha != self.file.sha {
                return Err(msg!(
                    "wf-file-changed",
                    path = self.file.path.display().to_string()
                )
                .into());
            }
        }
        let respondents = self.reader.rows_read();
        let (ignored_columns, matched_names) = self.reader.finish();
        Ok(CheckedAnswers {
            respondents,
            ignored_columns,
            matched_names,
            municipalities: self.municipalities,
        })
    }
}

async fn answers_summary(
    ws: &Workspace,
    file: &AnswersFile,
    checked: CheckedAnswers,
    written: Written,
) -> Result<AnswersImport, WorkflowError> {
    // Every municipality of the file has its respondents stored now; of the others, ask
    // the store (a count per municipality, not a list of every respondent).
    let listed: Vec<String> = checked.municipalities.iter().cloned().collect();
    let elsewhere: BTreeSet<String> = ws
        .store
        .unlisted_municipalities(ws.id, &listed)
        .await?
        .into_iter()
        .filter(|m| m.respondents > 0)
        .map(|m| m.code)
        .collect();
    Ok(AnswersImport {
        file: file.name.clone(),
        written,
        respondents: checked.respondents,
        ignored_columns: checked.ignored_columns,
        matched_names: checked.matched_names,
        without_answers: ws
            .study
            .municipalities
            .iter()
            .filter(|m| {
                let code = m.code.as_str();
                !checked.municipalities.contains(code) && !elsewhere.contains(code)
            })
            .map(|m| (m.code.as_str().to_string(), m.name.clone()))
            .collect(),
    })
}

/// Reads, checks and stores an answers file. The same content twice changes nothing.
///
/// The file streams through in bounded memory. A CSV file is scanned once for its
/// structure (and its SHA-256), then read row by row: first every row is checked, with
/// nothing asked of the database; then the rows are compared, per batch, with what is
/// stored (read-only, without the write lock, stopping at the first batch that differs);
/// unless all of it is stored already, the rows are then sent in batches to one store
/// transaction. An error anywhere leaves the database as it was.
pub async fn import_answers(ws: &Workspace, path: &Path) -> Result<AnswersImport, WorkflowError> {
    let file = open_answers(ws, path)?;
    let checked = file.check()?;
    let before = ws.store.data_version(ws.id).await?;
    let stored = file.already_stored(ws).await?;
    // Unchanged only when no import, replace or remove came in between the batches'
    // comparisons; otherwise the store decides inside its transaction.
    let after = ws.store.data_version(ws.id).await?;
    let written = if stored && after.version == before.version {
        Written::Unchanged {
            import_id: after
                .imports
                .iter()
                .rev()
                .find(|i| i.kind == ImportKind::Answers && i.content_sha256 == file.sha)
                .map(|i| i.id.0),
        }
    } else {
        let import = ws
            .store
            .begin_answers_import(ws.id, &file.name, &file.sha)
            .await?;
        written(file.store(import).await?)
    };
    answers_summary(ws, &file, checked, written).await
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
    let records = ws.store.list_register_values(ws.id).await?;
    Ok(split_values(ws, &records).0)
}

/// Stored register values split into register indicators (as the analysis reads them) and
/// expert ratings (code, set, score), from one read of the store.
pub fn split_values(
    ws: &Workspace,
    records: &[kantel_store::RegisterValueRecord],
) -> (Vec<RegisterValue>, Vec<(String, String, f64)>) {
    let mut register = Vec::new();
    let mut ratings = Vec::new();
    for r in records {
        if r.source == RATING_SOURCE {
            if let Some(v) = r.value {
                ratings.push((r.municipality_code.clone(), r.indicator.clone(), v));
            }
            continue;
        }
        register.push(RegisterValue {
            line: 0,
            name: ws
                .study
                .municipality(&r.municipality_code)
                .map(|m| m.name.clone())
                .unwrap_or_default(),
            code: r.municipality_code.clone(),
            indicator: r.indicator.clone(),
            year: i32::try_from(r.year).ok(),
            value: r.value,
        });
    }
    (register, ratings)
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
    let records = ws.store.list_register_values(ws.id).await?;
    Ok(split_values(ws, &records).1)
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
            // Every row is checked before the old import's answers are touched.
            let file = open_answers(ws, path)?;
            let checked = file.check()?;
            let import = ws
                .store
                .begin_answers_replace(ws.id, old.id, &file.name, &file.sha)
                .await?;
            let outcome = file.store(import).await?;
            Replacement::Answers(answers_summary(ws, &file, checked, written(outcome)).await?)
        }
        ImportKind::RegisterValues => {
            let p = prepare_register(path, options)?;
            let outcome = replace_values(ws, &old, &p.name, &p.sha, &p.rows).await?;
            Replacement::Register(register_summary(ws, p, outcome).await?)
        }
        ImportKind::Ratings => {
            let p = prepare_ratings(ws, path)?;
            let outcome = replace_values(ws, &old, &p.name, &p.sha, &p.rows).await?;
            Replacement::Ratings(ratings_summary(ws, p, outcome).await?)
        }
    })
}

/// Replaces a register or ratings import by checked rows, in one transaction.
async fn replace_values(
    ws: &Workspace,
    old: &ImportRecord,
    name: &str,
    sha: &str,
    rows: &[RegisterValueRecord],
) -> Result<ImportOutcome, WorkflowError> {
    Ok(ws
        .store
        .replace_import(ws.id, old.id, name, sha, ImportRows::RegisterValues(rows))
        .await?)
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

// ---------------------------------------------------------------- hashing while reading

/// A file read through SHA-256 as its bytes pass, so that a file streamed from disk is
/// hashed without being held in memory. A read error is kept, to be reported with the
/// file's path as reading the whole file would have.
struct HashingReader {
    path: PathBuf,
    file: std::fs::File,
    sha: Sha256,
    error: Option<String>,
}

impl HashingReader {
    fn open(path: &Path) -> Result<HashingReader, WorkflowError> {
        Ok(HashingReader {
            path: path.to_path_buf(),
            file: std::fs::File::open(path).map_err(|e| WorkflowError::io(path, &e))?,
            sha: Sha256::new(),
            error: None,
        })
    }

    /// Lower-case hex SHA-256 of the bytes read so far (of the file, once read to its end).
    fn sha256(&self) -> String {
        self.sha.clone().finish()
    }

    /// Reads the rest of the file and returns its SHA-256.
    fn hash_to_end(mut self) -> Result<String, WorkflowError> {
        std::io::copy(&mut self, &mut std::io::sink())
            .map_err(|e| WorkflowError::io(&self.path, &e))?;
        Ok(self.sha256())
    }

    /// A study error of something read from this file, or the read error behind it.
    fn io_error(&self, e: kantel_study::StudyError) -> WorkflowError {
        match &self.error {
            Some(error) => WorkflowError::Io {
                path: self.path.clone(),
                error: error.clone(),
            },
            None => e.into(),
        }
    }

    fn checked<T>(&self, r: Result<T, kantel_study::StudyError>) -> Result<T, WorkflowError> {
        r.map_err(|e| self.io_error(e))
    }
}

impl Read for HashingReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self.file.read(buf) {
            Ok(n) => {
                self.sha.update(&buf[..n]);
                Ok(n)
            }
            Err(e) => {
                if e.kind() != std::io::ErrorKind::Interrupted {
                    self.error = Some(e.to_string());
                }
                Err(e)
            }
        }
    }
}

/// SHA-256 fed as the bytes come (the `sha2` crate), giving what [`sha256_hex`] gives for
/// all the bytes at once (a test checks it).
#[derive(Clone)]
struct Sha256(sha2::Sha256);

impl Sha256 {
    fn new() -> Sha256 {
        Sha256(<sha2::Sha256 as sha2::Digest>::new())
    }

    fn update(&mut self, bytes: &[u8]) {
        sha2::Digest::update(&mut self.0, bytes);
    }

    fn finish(self) -> String {
        sha2::Digest::finalize(self.0)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_sha256_is_the_stores() {
        let bytes: Vec<u8> = (0..5000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        for len in (0..200).chain([1000, 4095, 4096, 4097, 5000]) {
            let whole = sha256_hex(&bytes[..len]);
            for piece in [1, 3, 55, 56, 63, 64, 65, 1000] {
                let mut sha = Sha256::new();
                for chunk in bytes[..len].chunks(piece) {
                    sha.update(chunk);
                }
                assert_eq!(sha.finish(), whole, "length {len}, pieces of {piece}");
            }
        }
        assert_eq!(
            Sha256::new().finish(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
