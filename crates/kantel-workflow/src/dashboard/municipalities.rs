//! Municipalities from the built-in register added to a stored study.
//!
//! The study definition is edited as text: `[[municipality]]` tables are appended, so that
//! the user's comments and layout stay. When the study lives in a study file (the server
//! was started with `--study FILE`), the same text is written to that file first, so that
//! the command line (which reads the file and stores its text) and the web agree.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use kantel_i18n::{Msg, msg};
use kantel_store::{MunicipalityRecord, Store, StudyId};
use kantel_study::register::{Match, MunicipalityRegister};
use kantel_study::study::{CbsCode, Municipality, Study};
use serde::Serialize;

use super::toml_text::{append, municipality_tables};
use crate::WorkflowError;

/// Population of 2019 per CBS code (CBS Kerncijfers wijken en buurten 2019, the same file
/// the register's 2019 municipalities come from; `testdata/register/README.md`).
const POPULATION_2019: &str = include_str!("../../../../testdata/register/kwb_2019_gemeenten.csv");

/// One municipality to add, as the user wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MunicipalityRequest {
    /// The line of the form (or file) it came from, for messages.
    pub line: usize,
    /// A CBS code (`GM0363`, `363`) or a name or alias the register knows.
    pub name_or_code: String,
    /// Inhabitants; when absent, the CBS figure of 2019 (an error for a municipality
    /// created since).
    pub inhabitants: Option<u64>,
    /// An optional group (size class, region, …).
    pub group: Option<String>,
}

/// What [`add_municipalities`] did.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct AddedMunicipalities {
    /// Added, in the order asked.
    pub added: Vec<(String, String)>,
    /// Asked for but in the study already (code, name), left as they were.
    pub already: Vec<(String, String)>,
}

/// Reads a list of municipalities, one per line: `code or name`, optionally followed by
/// `; inhabitants` and `; group` (a tab separates as well; a comma does not, because
/// names such as "Nuenen, Gerwen en Nederwetten" contain one). Blank lines are skipped.
pub fn parse_municipality_lines(text: &str) -> Result<Vec<MunicipalityRequest>, WorkflowError> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let fields: Vec<&str> = raw.split([';', '\t']).map(str::trim).collect();
        if fields.iter().all(|f| f.is_empty()) {
            continue;
        }
        if fields.len() > 3 {
            return Err(at_line(
                line,
                msg!("wf-d-municipality-fields", text = raw.trim()),
            ));
        }
        let inhabitants = match fields.get(1).filter(|f| !f.is_empty()) {
            None => None,
            Some(t) => Some(
                t.parse::<u64>()
                    .map_err(|_| at_line(line, msg!("wf-d-inhabitants-bad", text = *t)))?,
            ),
        };
        out.push(MunicipalityRequest {
            line,
            name_or_code: fields[0].to_string(),
            inhabitants,
            group: fields
                .get(2)
                .filter(|g| !g.is_empty())
                .map(|g| g.to_string()),
        });
    }
    if out.is_empty() {
        return Err(msg!("wf-d-municipalities-none").into());
    }
    Ok(out)
}

fn at_line(line: usize, message: Msg) -> WorkflowError {
    msg!("wf-d-line", line = line, message = message).into()
}

fn population_2019() -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    let mut reader = csv::Reader::from_reader(POPULATION_2019.as_bytes());
    let Ok(headers) = reader.headers().cloned() else {
        return out;
    };
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (Some(code), Some(pop)) = (col("unique_id"), col("population")) else {
        return out;
    };
    for record in reader.records().flatten() {
        if let (Some(c), Some(Ok(n))) = (
            record.get(code),
            record.get(pop).map(|p| p.trim().parse::<u64>()),
        ) {
            out.insert(c.trim().to_string(), n);
        }
    }
    out
}

/// Resolves requests against the register of today: a current municipality by code, name
/// or alias. A former municipality, an ambiguous name or an unknown one is an error naming
/// the line and what to write instead.
pub fn resolve_municipalities(
    requests: &[MunicipalityRequest],
) -> Result<Vec<Municipality>, WorkflowError> {
    let register = MunicipalityRegister::builtin();
    let population = population_2019();
    let name_of = |code: &str| {
        register
            .get(code)
            .map_or(code.to_string(), |m| m.name.clone())
    };
    let mut out = Vec::with_capacity(requests.len());
    for r in requests {
        let wanted = r.name_or_code.trim();
        let code = match register.resolve(wanted) {
            Match::Exact(c) | Match::Alias(c) => c,
            Match::Merged {
                code, year, into, ..
            } => {
                return Err(at_line(
                    r.line,
                    msg!(
                        "wf-d-municipality-merged",
                        name = name_of(&code),
                        code = code.as_str(),
                        year = year.to_string(),
                        into_name = name_of(&into),
                        into = into.as_str()
                    ),
                ));
            }
            Match::Dissolved {
                code,
                year,
                successors,
            } => {
                return Err(at_line(
                    r.line,
                    msg!(
                        "wf-d-municipality-dissolved",
                        name = name_of(&code),
                        code = code.as_str(),
                        year = year.to_string(),
                        successors = successors
                            .iter()
                            .map(|s| format!("{} ({s})", name_of(s)))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
            Match::Ambiguous(codes) => {
                return Err(at_line(
                    r.line,
                    msg!(
                        "wf-d-municipality-ambiguous",
                        name = wanted,
                        candidates = codes
                            .iter()
                            .map(|c| format!("{} ({c})", name_of(c)))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
            Match::NotYetFounded { .. } | Match::Unknown => {
                return Err(at_line(
                    r.line,
                    msg!("wf-d-municipality-unknown", name = wanted),
                ));
            }
        };
        let name = name_of(&code);
        let inhabitants = match r.inhabitants.or_else(|| population.get(&code).copied()) {
            Some(n) => n,
            None => {
                return Err(at_line(
                    r.line,
                    msg!(
                        "wf-d-inhabitants-unknown",
                        name = name.as_str(),
                        code = code.as_str()
                    ),
                ));
            }
        };
        let code = CbsCode::parse(&code).map_err(|e| at_line(r.line, Msg::from(e)))?;
        out.push(Municipality {
            code,
            name,
            inhabitants,
            group: r.group.clone(),
        });
    }
    Ok(out)
}

/// The store's record of a study municipality.
pub(crate) fn record(m: &Municipality) -> MunicipalityRecord {
    MunicipalityRecord {
        code: m.code.as_str().to_string(),
        name: m.name.clone(),
        inhabitants: i64::try_from(m.inhabitants).unwrap_or(i64::MAX),
        group: m.group.clone(),
    }
}

/// One edit of a study definition at a time in this process: an edit reads the text,
/// appends and writes, and two concurrent edits would lose one of them.
static DEFINITION_EDIT: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Adds municipalities from the register to a stored study. Each is resolved first (every
/// error names its line); municipalities the study has already are reported and left
/// alone. The definition gains one `[[municipality]]` table per new municipality at its
/// end; with `study_file`, the file the study was read from gets the same text first (it
/// must be this study's file), then the store.
pub async fn add_municipalities(
    store: &Store,
    study: StudyId,
    requests: &[MunicipalityRequest],
    study_file: Option<&Path>,
) -> Result<AddedMunicipalities, WorkflowError> {
    let wanted = resolve_municipalities(requests)?;
    let _edit = DEFINITION_EDIT.lock().await;
    let stored = store.get_study(study).await?;
    let (text, current) = match study_file {
        Some(path) => {
            let (current, text) = crate::workspace::read_study(path)?;
            if current.study.name != stored.name {
                return Err(msg!(
                    "wf-d-file-other-study",
                    path = path.display().to_string(),
                    file_study = current.study.name.as_str(),
                    study = stored.name.as_str()
                )
                .into());
            }
            (text, current)
        }
        None => {
            let current = super::parse_stored(&stored)?;
            (stored.definition_toml.clone(), current)
        }
    };
    let mut result = AddedMunicipalities::default();
    let mut seen: BTreeSet<String> = current
        .municipalities
        .iter()
        .map(|m| m.code.as_str().to_string())
        .collect();
    let mut new = Vec::new();
    for m in wanted {
        let code = m.code.as_str().to_string();
        if seen.insert(code.clone()) {
            result.added.push((code, m.name.clone()));
            new.push(m);
        } else if current.municipality(&code).is_some()
            && !result.already.iter().any(|(c, _)| *c == code)
        {
            result.already.push((code, m.name.clone()));
        }
    }
    if new.is_empty() {
        return Ok(result);
    }
    let text = append(&text, &municipality_tables(&new));
    // The appended tables are checked as part of the whole file before anything is written.
    let checked: Study = Study::from_toml_str(&text).map_err(|e| WorkflowError::StudyFile {
        path: study_file.map_or_else(|| stored.name.clone().into(), Path::to_path_buf),
        source: Box::new(e),
    })?;
    debug_assert_eq!(
        checked.municipalities.len(),
        current.municipalities.len() + new.len()
    );
    if let Some(path) = study_file {
        write_atomically(path, &text)?;
    }
    store.update_study_definition(study, &text).await?;
    let rows: Vec<MunicipalityRecord> = new.iter().map(record).collect();
    store.upsert_municipalities(study, &rows).await?;
    Ok(result)
}

/// Writes `text` to `path` through a temporary file in the same folder and a rename, so
/// that a reader (or a crash) never sees half a study file.
fn write_atomically(path: &Path, text: &str) -> Result<(), WorkflowError> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "study.toml".into());
    let tmp = dir.join(format!(".{name}.kantel-{}.tmp", std::process::id()));
    std::fs::write(&tmp, text).map_err(|e| WorkflowError::io(&tmp, &e))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        WorkflowError::io(path, &e)
    })
}
