//! Importing register indicators (CBS-style tables) and questionnaire answers.
//!
//! Register tables are matched row by row against the [`MunicipalityRegister`]; a row that
//! cannot be matched is reported in [`RegisterImport::unmatched`] with the reason, never
//! dropped. Questionnaire files are all-or-nothing: the first problem rejects the file
//! with its line and column, because a half-read survey silently changes every score.

use std::collections::HashMap;

use crate::StudyError;
use crate::register::{Match, MunicipalityRegister, normalize_code};
use crate::table::{Cell, Table, parse_number};

/// How to read a register table. Everything is detected when left `None`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegisterOptions {
    /// Column with municipality names; default: the first column holding text that is
    /// neither a number nor a CBS code.
    pub name_column: Option<String>,
    /// Column with CBS codes (`GM0363`); default: the first column whose values all are
    /// `GM` codes. When present, the code decides the match and the name is cross-checked.
    pub code_column: Option<String>,
    /// Year of indicator columns whose header carries no `|year` suffix.
    pub year: Option<i32>,
    /// Match against the municipalities of this year: rows of municipalities that had merged
    /// or did not exist yet are reported as unmatched. `None` keeps the table's own
    /// boundaries: every municipality the register knows matches under its own code.
    pub boundary_year: Option<i32>,
}

/// One indicator value of one municipality.
#[derive(Clone, Debug, PartialEq)]
pub struct RegisterValue {
    /// Line (or spreadsheet row) of the source row.
    pub line: usize,
    /// CBS code of the municipality.
    pub code: String,
    /// Official name of the municipality (from the register, not the file).
    pub name: String,
    /// Indicator name (the column header without the `|year` suffix).
    pub indicator: String,
    /// Year of the value: from the header's `|year` suffix or from the options.
    pub year: Option<i32>,
    /// The value; `None` when the cell was empty or a missing-value marker (never 0).
    pub value: Option<f64>,
}

/// A row that was not matched to a municipality, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnmatchedRow {
    /// Line (or spreadsheet row) of the row.
    pub line: usize,
    /// The name (or code, if there is no name) as written in the file.
    pub name: String,
    /// Human-readable reason, e.g. "merged into Eemsdelta (GM1979) in 2021 ...".
    pub reason: String,
    /// The register's answer for the row's name or code. For duplicate rows and
    /// name/code conflicts this is the match of the code.
    pub status: Match,
}

/// The result of importing a register table.
#[derive(Clone, Debug, PartialEq)]
pub struct RegisterImport {
    /// Indicator columns as (indicator, year), in file order.
    pub indicators: Vec<(String, Option<i32>)>,
    /// One value per matched row and indicator column, in file order.
    pub values: Vec<RegisterValue>,
    /// Number of rows that were matched.
    pub matched_rows: usize,
    /// Every row that could not be matched.
    pub unmatched: Vec<UnmatchedRow>,
    /// Number of empty or missing-marked cells among matched rows (stored as `None`).
    pub missing_cells: usize,
}

/// Cell texts that mean "no value" in CBS and similar exports: `.` (figure unknown),
/// `x` (confidential), `-` (CBS: nil, elsewhere: missing; kept missing rather than
/// guessing 0), `n.b.`, `NA`, `?`.
const MISSING_MARKERS: [&str; 8] = [".", "x", "X", "-", "n.b.", "nb", "NA", "?"];

/// Imports indicator values from a wide (`Gemeente;Indicator|2015;...`) or code-keyed
/// (`region,unique_id,population,...`) register table.
pub fn import_register(
    table: &Table,
    register: &MunicipalityRegister,
    options: &RegisterOptions,
) -> Result<RegisterImport, StudyError> {
    let named = |name: &Option<String>, what: &str| -> Result<Option<usize>, StudyError> {
        match name {
            Some(n) => table.column_index(n).map(Some).ok_or_else(|| {
                table.header_error(
                    None,
                    format!(
                        "no {what} column named {n:?}; the columns are {}",
                        table.headers.join(", ")
                    ),
                )
            }),
            None => Ok(None),
        }
    };
    let code_col = match named(&options.code_column, "code")? {
        Some(c) => Some(c),
        None => (0..table.headers.len()).find(|&c| is_code_column(table, c)),
    };
    let name_col = match named(&options.name_column, "name")? {
        Some(c) => Some(c),
        None => (0..table.headers.len())
            .filter(|c| Some(*c) != code_col)
            .find(|&c| is_name_column(table, c)),
    };
    if code_col.is_none() && name_col.is_none() {
        return Err(table.header_error(None, "no column with municipality names or CBS codes"));
    }
    let mut indicator_cols = Vec::new();
    let mut indicators = Vec::new();
    for c in (0..table.headers.len()).filter(|c| Some(*c) != code_col && Some(*c) != name_col) {
        let header = &table.headers[c];
        let (indicator, year) = match header.rsplit_once('|') {
            Some((ind, y)) => {
                let year = y.trim().parse::<i32>().map_err(|_| {
                    table.header_error(
                        Some(c),
                        format!("{y:?} after '|' is not a year (expected \"Indicator|2015\")"),
                    )
                })?;
                (ind.trim().to_string(), Some(year))
            }
            None => (header.clone(), options.year),
        };
        indicator_cols.push(c);
        indicators.push((indicator, year));
    }

    let mut out = RegisterImport {
        indicators,
        values: Vec::new(),
        matched_rows: 0,
        unmatched: Vec::new(),
        missing_cells: 0,
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for r in 0..table.n_rows() {
        let line = table.lines[r];
        let name = name_col.and_then(|c| table.text(r, c));
        let code = code_col.and_then(|c| table.text(r, c));
        let label = name.clone().or(code.clone()).unwrap_or_default();
        let Some(key) = code.clone().or(name.clone()) else {
            out.unmatched.push(UnmatchedRow {
                line,
                name: label,
                reason: "the row has neither a municipality name nor a code".into(),
                status: Match::Unknown,
            });
            continue;
        };
        let status = match options.boundary_year {
            Some(y) => register.resolve_at(&key, y),
            None => match register.lookup(&key) {
                Ok((c, true)) => Match::Alias(c),
                Ok((c, false)) => Match::Exact(c),
                Err(m) => m,
            },
        };
        let Some(matched) = status.code().map(str::to_string) else {
            out.unmatched.push(UnmatchedRow {
                line,
                name: label,
                reason: explain(register, &status, options.boundary_year),
                status,
            });
            continue;
        };
        // With both a code and a name, a disagreement means a shifted or corrupted row.
        if let (Some(code), Some(name)) = (&code, &name)
            && let Ok((by_name, _)) = register.lookup(name)
            && register
                .lookup(code)
                .is_ok_and(|(by_code, _)| by_code != by_name)
        {
            let official = register
                .get(code)
                .map(|m| m.name.clone())
                .unwrap_or_default();
            out.unmatched.push(UnmatchedRow {
                line,
                name: label,
                reason: format!(
                    "code {code} is {official}, but the name column says {name:?} ({by_name})"
                ),
                status,
            });
            continue;
        }
        if let Some(first) = seen.get(&matched) {
            out.unmatched.push(UnmatchedRow {
                line,
                name: label,
                reason: format!("same municipality ({matched}) as line {first}"),
                status,
            });
            continue;
        }
        seen.insert(matched.clone(), line);
        out.matched_rows += 1;
        let official = register
            .get(&matched)
            .map(|m| m.name.clone())
            .unwrap_or_default();
        for (k, &c) in indicator_cols.iter().enumerate() {
            let value = match &table.rows[r][c] {
                Cell::Text(t) if MISSING_MARKERS.contains(&t.as_str()) => None,
                _ => table.number(r, c)?,
            };
            if value.is_none() {
                out.missing_cells += 1;
            }
            out.values.push(RegisterValue {
                line,
                code: matched.clone(),
                name: official.clone(),
                indicator: out.indicators[k].0.clone(),
                year: out.indicators[k].1,
                value,
            });
        }
    }
    Ok(out)
}

fn is_code_column(table: &Table, c: usize) -> bool {
    let mut any = false;
    for r in 0..table.n_rows() {
        match &table.rows[r][c] {
            Cell::Empty => {}
            Cell::Text(t)
                if t.len() == 6
                    && t.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("GM"))
                    && normalize_code(t).is_some() =>
            {
                any = true
            }
            _ => return false,
        }
    }
    any
}

fn is_name_column(table: &Table, c: usize) -> bool {
    (0..table.n_rows()).any(|r| match &table.rows[r][c] {
        Cell::Text(t) => {
            parse_number(t, table.decimal).is_err() && !MISSING_MARKERS.contains(&t.as_str())
        }
        _ => false,
    })
}

fn names(register: &MunicipalityRegister, codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| match register.get(c) {
            Some(m) => format!("{} ({c})", m.name),
            None => c.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn explain(register: &MunicipalityRegister, status: &Match, boundary: Option<i32>) -> String {
    let at = boundary
        .map(|y| format!(" (boundaries of {y})"))
        .unwrap_or_default();
    match status {
        Match::Unknown => "not a known municipality name or CBS code".into(),
        Match::Ambiguous(codes) => format!(
            "the name fits several municipalities: {}",
            names(register, codes)
        ),
        Match::Merged {
            year, into, from, ..
        } => format!(
            "merged into {} in {year}{at}; the merger combined {}",
            names(register, std::slice::from_ref(into)),
            names(register, from)
        ),
        Match::Dissolved {
            year, successors, ..
        } => format!(
            "dissolved in {year}{at}; its territory went to {}",
            names(register, successors)
        ),
        Match::NotYetFounded {
            year, predecessors, ..
        } => format!(
            "did not exist yet{at}: created in {year} from {}",
            names(register, predecessors)
        ),
        Match::Exact(c) | Match::Alias(c) => format!("matched {c}"),
    }
}

/// What a questionnaire file must contain.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnswerSpec {
    /// CBS codes of the municipalities in the study.
    pub municipality_codes: Vec<String>,
    /// Respondent groups in the study (e.g. `raad`, `ambtelijk`).
    pub groups: Vec<String>,
    /// Item ids; the file must have exactly one column per item.
    pub items: Vec<String>,
}

/// The answers of one respondent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerRow {
    /// Line (or spreadsheet row) of the respondent.
    pub line: usize,
    /// Respondent id.
    pub respondent: String,
    /// CBS code of the respondent's municipality (as listed in the spec).
    pub municipality: String,
    /// Respondent group (as spelled in the spec).
    pub group: String,
    /// (item id, answer 1-5 or `None` for "don't know"/empty), in the spec's item order.
    pub answers: Vec<(String, Option<u8>)>,
}

/// Answer texts that mean "no answer": don't know, a dash, or nothing at all.
const NO_ANSWER: [&str; 3] = ["weet niet", "wn", "-"];

/// Reads questionnaire answers: columns `respondent`, `gemeente` (CBS code), `groep` and
/// one column per item. The whole file is rejected at the first problem, with its line and
/// column.
pub fn read_answers(table: &Table, spec: &AnswerSpec) -> Result<Vec<AnswerRow>, StudyError> {
    let required = |name: &str| {
        table
            .column_index(name)
            .ok_or_else(|| table.header_error(None, format!("missing required column {name:?}")))
    };
    let resp_col = required("respondent")?;
    let gem_col = required("gemeente")?;
    let group_col = required("groep")?;
    let mut item_cols: Vec<Option<usize>> = vec![None; spec.items.len()];
    for c in (0..table.headers.len()).filter(|c| ![resp_col, gem_col, group_col].contains(c)) {
        let header = &table.headers[c];
        let k = spec
            .items
            .iter()
            .position(|i| i == header)
            .or_else(|| {
                spec.items
                    .iter()
                    .position(|i| i.eq_ignore_ascii_case(header))
            })
            .ok_or_else(|| {
                table.header_error(
                    Some(c),
                    format!(
                        "unknown item column; the study's items are {}",
                        spec.items.join(", ")
                    ),
                )
            })?;
        if let Some(earlier) = item_cols[k] {
            return Err(table.header_error(
                Some(c),
                format!(
                    "item {} already has column no. {}",
                    spec.items[k],
                    table.column_ref(earlier).number
                ),
            ));
        }
        item_cols[k] = Some(c);
    }
    if let Some(k) = item_cols.iter().position(Option::is_none) {
        return Err(table.header_error(
            None,
            format!("missing required column for item {:?}", spec.items[k]),
        ));
    }
    let item_cols: Vec<usize> = item_cols.into_iter().flatten().collect();
    let codes: Vec<Option<String>> = spec
        .municipality_codes
        .iter()
        .map(|c| normalize_code(c))
        .collect();

    let mut rows = Vec::with_capacity(table.n_rows());
    let mut seen: HashMap<String, usize> = HashMap::new();
    for r in 0..table.n_rows() {
        let line = table.lines[r];
        let respondent = table
            .text(r, resp_col)
            .ok_or_else(|| table.error_at(r, Some(resp_col), "missing respondent id"))?;
        if let Some(first) = seen.insert(respondent.clone(), line) {
            return Err(table.error_at(
                r,
                Some(resp_col),
                format!("respondent {respondent:?} occurs twice: lines {first} and {line}"),
            ));
        }
        let gem = table
            .text(r, gem_col)
            .ok_or_else(|| table.error_at(r, Some(gem_col), "missing municipality code"))?;
        let code = normalize_code(&gem).ok_or_else(|| {
            table.error_at(
                r,
                Some(gem_col),
                format!("{gem:?} is not a CBS code such as GM0363"),
            )
        })?;
        let k = codes
            .iter()
            .position(|c| c.as_deref() == Some(code.as_str()))
            .ok_or_else(|| {
                table.error_at(
                    r,
                    Some(gem_col),
                    format!(
                        "unknown municipality code {code}: not one of the study's municipalities"
                    ),
                )
            })?;
        let municipality = spec.municipality_codes[k].clone();
        let group_text = table
            .text(r, group_col)
            .ok_or_else(|| table.error_at(r, Some(group_col), "missing group"))?;
        let group = spec
            .groups
            .iter()
            .find(|g| g.eq_ignore_ascii_case(&group_text))
            .cloned()
            .ok_or_else(|| {
                table.error_at(
                    r,
                    Some(group_col),
                    format!(
                        "unknown group {group_text:?}; the study's groups are {}",
                        spec.groups.join(", ")
                    ),
                )
            })?;
        let mut answers = Vec::with_capacity(item_cols.len());
        for (k, &c) in item_cols.iter().enumerate() {
            answers.push((spec.items[k].clone(), answer(table, r, c)?));
        }
        rows.push(AnswerRow {
            line,
            respondent,
            municipality,
            group,
            answers,
        });
    }
    Ok(rows)
}

fn answer(table: &Table, r: usize, c: usize) -> Result<Option<u8>, StudyError> {
    let value = match &table.rows[r][c] {
        Cell::Empty => return Ok(None),
        Cell::Text(t) if NO_ANSWER.contains(&t.to_lowercase().as_str()) => return Ok(None),
        Cell::Number(x) => *x,
        Cell::Text(t) => parse_number(t, table.decimal).map_err(|_| {
            table.error_at(
                r,
                Some(c),
                format!("{t:?} is not an answer (1-5, or \"weet niet\"/\"wn\"/\"-\"/empty for no answer)"),
            )
        })?,
    };
    if value.fract() != 0.0 || !(1.0..=5.0).contains(&value) {
        return Err(table.error_at(
            r,
            Some(c),
            format!(
                "answer {} is outside 1-5",
                crate::table::format_number(value)
            ),
        ));
    }
    Ok(Some(value as u8))
}
