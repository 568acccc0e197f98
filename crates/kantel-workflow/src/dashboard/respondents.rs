//! Respondents added one by one or from a CSV file, each with a personal link that is
//! returned once (the store keeps only the token's hash).

use std::collections::{BTreeMap, HashMap};

use kantel_i18n::{Msg, msg};
use kantel_store::{NewRespondent, RowProblem, Store, StoreError, StudyId};
use kantel_study::StudyError;
use kantel_study::register::MunicipalityRegister;
use kantel_study::study::Study;
use kantel_study::table::{ReadOptions, Table};

use crate::WorkflowError;
use crate::invite::{
    Invitation, check_base_url, highest_number, invitations, numbered_id, numbered_prefix,
};

/// The longest respondent id accepted.
pub const MAX_RESPONDENT_ID: usize = 100;

/// One respondent to create, as the user wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RespondentRequest {
    /// The CSV line (or 1 for a single respondent), for messages.
    pub line: usize,
    /// The respondent's id; empty = numbered like invitations (`GM0363-wijkteam-004`).
    pub respondent: String,
    /// A CBS code or name (of the study, or any name or alias the register knows).
    pub municipality: String,
    /// A group id or its Dutch or English label.
    pub group: String,
}

/// Column names accepted for each field (the answers import's names, English and Dutch).
const RESPONDENT: [&str; 3] = ["respondent", "respondent_id", "id"];
const MUNICIPALITY: [&str; 4] = ["municipality", "gemeente", "gemeentecode", "gemeentenaam"];
const GROUP: [&str; 3] = ["group", "groep", "rol"];

/// Reads respondents from CSV text with the columns `respondent`, `municipality` and
/// `group` (or `gemeente`, `groep`; any order, separator `,`, `;` or tab). `file` names
/// the file in messages, which give line and column.
pub fn parse_respondents_csv(
    bytes: &[u8],
    file: &str,
) -> Result<Vec<RespondentRequest>, WorkflowError> {
    let table = Table::from_csv_bytes(bytes, file, &ReadOptions::default())?;
    respondents_of_table(&table)
}

/// Whether `file` names a spreadsheet (by its extension, as [`Table::read`] decides).
pub fn is_spreadsheet(file: &str) -> bool {
    let ext = file
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    matches!(ext.as_str(), "xlsx" | "xlsm" | "xlsb" | "xls" | "ods")
}

/// Reads respondents from an uploaded file: a spreadsheet (`.xlsx`, `.xls`, `.ods`: the
/// first sheet) or else CSV text, with the columns of [`parse_respondents_csv`]. `file` is
/// the name the file was uploaded under; messages name it with the sheet, row and column.
pub fn parse_respondents_file(
    bytes: &[u8],
    file: &str,
) -> Result<Vec<RespondentRequest>, WorkflowError> {
    if !is_spreadsheet(file) {
        return parse_respondents_csv(bytes, file);
    }
    let table = read_spreadsheet_bytes(bytes, file)?;
    respondents_of_table(&table)
}

/// A spreadsheet upload as a table. The spreadsheet reader opens files by path, so the bytes
/// go to a new private temporary file (created exclusively, removed whatever happens);
/// messages name the uploaded file, not the temporary one.
fn read_spreadsheet_bytes(bytes: &[u8], file: &str) -> Result<Table, StudyError> {
    use std::io::Write;
    use std::sync::atomic::{AtomicU64, Ordering};
    static UPLOADS: AtomicU64 = AtomicU64::new(0);
    let ext = file
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let path = std::env::temp_dir().join(format!(
        "kantel-upload-{}-{}-{nanos}.{ext}",
        std::process::id(),
        UPLOADS.fetch_add(1, Ordering::Relaxed)
    ));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut f| f.write_all(bytes));
    let read = match written {
        Ok(()) => Table::read_spreadsheet(&path, &ReadOptions::default()),
        Err(e) => Err(StudyError::Table {
            file: file.to_string(),
            line: 0,
            column: None,
            message: msg!("table-cannot-read", error = e.to_string()),
        }),
    };
    let _ = std::fs::remove_file(&path);
    let temp = path.display().to_string();
    match read {
        Ok(mut table) => {
            table.source = table.source.replacen(&temp, file, 1);
            Ok(table)
        }
        Err(StudyError::Table {
            file: f,
            line,
            column,
            message,
        }) => Err(StudyError::Table {
            file: f.replacen(&temp, file, 1),
            line,
            column,
            message,
        }),
        Err(e) => Err(e),
    }
}

/// The respondents of a table read from CSV or a spreadsheet.
fn respondents_of_table(table: &Table) -> Result<Vec<RespondentRequest>, WorkflowError> {
    let column = |names: &[&str]| -> Result<usize, WorkflowError> {
        names
            .iter()
            .find_map(|n| table.column_index(n))
            .ok_or_else(|| {
                table
                    .header_error(None, msg!("wf-d-respondents-column", column = names[0]))
                    .into()
            })
    };
    let (rc, mc, gc) = (
        column(&RESPONDENT)?,
        column(&MUNICIPALITY)?,
        column(&GROUP)?,
    );
    let mut out = Vec::with_capacity(table.n_rows());
    for r in 0..table.n_rows() {
        let text = |c: usize| table.text(r, c).unwrap_or_default().trim().to_string();
        let (respondent, municipality, group) = (text(rc), text(mc), text(gc));
        if municipality.is_empty() {
            return Err(table.error_at(r, Some(mc), msg!("wf-d-cell-empty")).into());
        }
        if group.is_empty() {
            return Err(table.error_at(r, Some(gc), msg!("wf-d-cell-empty")).into());
        }
        out.push(RespondentRequest {
            line: table.lines[r],
            respondent,
            municipality,
            group,
        });
    }
    if out.is_empty() {
        return Err(table
            .header_error(None, msg!("wf-d-respondents-none"))
            .into());
    }
    Ok(out)
}

/// Where a request's fields are, for messages: a CSV file (with column numbers) or a form.
#[derive(Clone, Copy, Debug)]
pub enum Origin<'a> {
    /// A form: messages name the field.
    Form,
    /// A CSV file of this name with the standard columns in this order.
    Csv(&'a str),
}

fn place(origin: Origin<'_>, line: usize, field: &str, message: Msg) -> WorkflowError {
    let field = msg!(match field {
        "respondent" => "wf-d-col-respondent",
        "municipality" => "wf-d-col-municipality",
        _ => "wf-d-col-group",
    });
    match origin {
        Origin::Form => msg!("wf-d-field", field = field, message = message).into(),
        Origin::Csv(file) => msg!(
            "wf-d-csv-place",
            file = file,
            line = line,
            column = field,
            message = message
        )
        .into(),
    }
}

/// The study's municipality code for a code or name: the study's own codes and names
/// first, then any name, alias or code the register knows.
fn municipality_code(study: &Study, register: &MunicipalityRegister, text: &str) -> Option<String> {
    let wanted = text.trim();
    let lower = wanted.to_lowercase();
    if let Some(m) = study
        .municipalities
        .iter()
        .find(|m| m.code.as_str().eq_ignore_ascii_case(wanted) || m.name.to_lowercase() == lower)
    {
        return Some(m.code.as_str().to_string());
    }
    let code = register.lookup(wanted).ok()?.0;
    study
        .municipality(&code)
        .map(|m| m.code.as_str().to_string())
}

fn group_id(study: &Study, text: &str) -> Option<String> {
    let wanted = text.trim().to_lowercase();
    study
        .respondent_groups
        .iter()
        .find(|g| {
            g.id.to_lowercase() == wanted
                || g.label_nl.to_lowercase() == wanted
                || g.label_en.to_lowercase() == wanted
        })
        .map(|g| g.id.clone())
}

/// Checks the requests against the study (municipality, group, ids unique and usable) and
/// gives the rows to create; empty ids are numbered per municipality and group after the
/// highest number stored (`existing`).
pub fn check_respondents(
    study: &Study,
    requests: &[RespondentRequest],
    existing: &[String],
    origin: Origin<'_>,
) -> Result<Vec<NewRespondent>, WorkflowError> {
    let register = MunicipalityRegister::builtin();
    let known_municipalities = || {
        let list: Vec<&str> = study
            .municipalities
            .iter()
            .map(|m| m.code.as_str())
            .collect();
        if list.is_empty() {
            "-".to_string()
        } else {
            list.join(", ")
        }
    };
    let known_groups = || {
        study
            .respondent_groups
            .iter()
            .map(|g| g.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut first_line: HashMap<String, usize> = HashMap::new();
    let mut next_number: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = Vec::with_capacity(requests.len());
    let mut pending_numbered = Vec::new();
    for r in requests {
        let code = municipality_code(study, &register, &r.municipality).ok_or_else(|| {
            place(
                origin,
                r.line,
                "municipality",
                msg!(
                    "wf-d-respondent-municipality",
                    municipality = r.municipality.as_str(),
                    known = known_municipalities()
                ),
            )
        })?;
        let group = group_id(study, &r.group).ok_or_else(|| {
            place(
                origin,
                r.line,
                "group",
                msg!(
                    "wf-d-respondent-group",
                    group = r.group.as_str(),
                    known = known_groups()
                ),
            )
        })?;
        let id = r.respondent.trim();
        if !id.is_empty() {
            if id.chars().count() > MAX_RESPONDENT_ID || id.chars().any(char::is_control) {
                return Err(place(
                    origin,
                    r.line,
                    "respondent",
                    msg!("wf-d-respondent-id", max = MAX_RESPONDENT_ID),
                ));
            }
            if let Some(first) = first_line.insert(id.to_string(), r.line) {
                return Err(place(
                    origin,
                    r.line,
                    "respondent",
                    msg!("wf-d-respondent-twice", respondent = id, first = first),
                ));
            }
            if existing.iter().any(|e| e == id) {
                return Err(place(
                    origin,
                    r.line,
                    "respondent",
                    msg!("wf-d-respondent-exists", respondent = id),
                ));
            }
        } else {
            pending_numbered.push(out.len());
        }
        out.push(NewRespondent {
            external_id: id.to_string(),
            municipality_code: code,
            group,
        });
    }
    // Numbered ids continue after the highest stored or given number of their prefix.
    for i in pending_numbered {
        let prefix = numbered_prefix(&out[i].municipality_code, &out[i].group);
        let next = next_number.entry(prefix.clone()).or_insert_with(|| {
            let given = first_line.keys().map(String::as_str);
            highest_number(existing.iter().map(String::as_str).chain(given), &prefix)
        });
        *next += 1;
        out[i].external_id = numbered_id(&prefix, *next);
    }
    Ok(out)
}

/// Creates respondents with personal links under `base_url` (all or none) and returns the
/// links: the only time they are visible.
pub async fn add_respondents(
    store: &Store,
    study_id: StudyId,
    requests: &[RespondentRequest],
    origin: Origin<'_>,
    base_url: &str,
) -> Result<Vec<Invitation>, WorkflowError> {
    let base = check_base_url(base_url)?;
    let stored = super::load_study(store, study_id).await?;
    let existing: Vec<String> = store
        .list_respondents(study_id)
        .await?
        .into_iter()
        .map(|r| r.external_id)
        .collect();
    let rows = check_respondents(&stored.study, requests, &existing, origin)?;
    let created = match store.add_respondents(study_id, &rows).await {
        Ok(c) => c,
        // Created by someone else between the check and the insert.
        Err(StoreError::Row {
            row,
            problem: RowProblem::RespondentExists { external_id },
            ..
        }) => {
            let line = requests.get(row.saturating_sub(1)).map_or(0, |r| r.line);
            return Err(place(
                origin,
                line,
                "respondent",
                msg!("wf-d-respondent-exists", respondent = external_id.as_str()),
            ));
        }
        Err(e) => return Err(e.into()),
    };
    Ok(invitations(created, &base))
}
