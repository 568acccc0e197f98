//! Importing register indicators (CBS-style tables) and questionnaire answers.
//!
//! Register tables are matched row by row against the [`MunicipalityRegister`]; a row that
//! cannot be matched is reported in [`RegisterImport::unmatched`] with the reason, never
//! dropped. Questionnaire files are all-or-nothing: the first problem rejects the file
//! with its line and column, because a half-read survey silently changes every score.

use std::collections::HashMap;

use kantel_i18n::{Msg, msg};

use crate::StudyError;
use crate::codebook::ResponseKind;
use crate::register::{Match, MunicipalityRegister, normalize_code, normalize_name};
use crate::study::Study;
use crate::table::{Cell, Table, TableHead, parse_number};

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
#[derive(Clone, Debug, PartialEq)]
pub struct UnmatchedRow {
    /// Line (or spreadsheet row) of the row.
    pub line: usize,
    /// The name (or code, if there is no name) as written in the file.
    pub name: String,
    /// Why, e.g. "merged into Eemsdelta (GM1979) in 2021 ...".
    pub reason: Msg,
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
                    msg!(
                        "register-no-such-column",
                        what = what,
                        name = n.as_str(),
                        columns = table.headers.join(", ")
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
        return Err(table.header_error(None, msg!("register-no-key-column")));
    }
    let mut indicator_cols = Vec::new();
    let mut indicators = Vec::new();
    for c in (0..table.headers.len()).filter(|c| Some(*c) != code_col && Some(*c) != name_col) {
        let header = &table.headers[c];
        let (indicator, year) = match header.rsplit_once('|') {
            Some((ind, y)) => {
                let year = y.trim().parse::<i32>().map_err(|_| {
                    table.header_error(Some(c), msg!("register-header-year", year = y.trim()))
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
                reason: msg!("register-no-key"),
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
                reason: msg!(
                    "register-name-code-conflict",
                    code = code.as_str(),
                    official = official,
                    name = name.as_str(),
                    by_name = by_name
                ),
                status,
            });
            continue;
        }
        if let Some(first) = seen.get(&matched) {
            out.unmatched.push(UnmatchedRow {
                line,
                name: label,
                reason: msg!(
                    "register-duplicate",
                    code = matched.as_str(),
                    first = *first
                ),
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
        .join("; ")
}

fn explain(register: &MunicipalityRegister, status: &Match, boundary: Option<i32>) -> Msg {
    let with_boundary = |m: Msg| match boundary {
        Some(y) => m.arg("boundary", i64::from(y)),
        None => m.arg("boundary", "none"),
    };
    match status {
        Match::Unknown => msg!("register-unknown"),
        Match::Ambiguous(codes) => msg!("register-ambiguous", candidates = names(register, codes)),
        Match::Merged {
            year, into, from, ..
        } => with_boundary(msg!(
            "register-merged",
            year = i64::from(*year),
            into = names(register, std::slice::from_ref(into)),
            from = names(register, from)
        )),
        Match::Dissolved {
            year, successors, ..
        } => with_boundary(msg!(
            "register-dissolved",
            year = i64::from(*year),
            successors = names(register, successors)
        )),
        Match::NotYetFounded {
            year, predecessors, ..
        } => with_boundary(msg!(
            "register-not-yet",
            year = i64::from(*year),
            predecessors = names(register, predecessors)
        )),
        Match::Exact(c) | Match::Alias(c) => msg!("register-matched", code = c.as_str()),
    }
}

/// One item as the answers import checks it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemSpec {
    /// Item id, e.g. `C1_1`.
    pub id: String,
    /// Answer format: Likert 1-5 or yes/no (stored as 0 = nee, 1 = ja).
    pub response: ResponseKind,
    /// Respondent groups asked this item; empty = every group.
    pub groups: Vec<String>,
}

/// A municipality as the answers import recognises it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MunicipalitySpec {
    /// CBS code, e.g. `GM0363`.
    pub code: String,
    /// The name in the study file (matched as well as the register's names and aliases).
    pub name: String,
}

/// A respondent group as the answers import recognises it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupSpec {
    /// Group id, e.g. `wijkteam`.
    pub id: String,
    /// Labels that also identify the group (the study file's Dutch and English labels).
    pub labels: Vec<String>,
}

/// What a questionnaire file must contain: everything the analysis will require, so that
/// an import that passes can always be measured.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnswerSpec {
    /// The municipalities of the study.
    pub municipalities: Vec<MunicipalitySpec>,
    /// The respondent groups of the study.
    pub groups: Vec<GroupSpec>,
    /// The items of the study's codebook, in codebook order.
    pub items: Vec<ItemSpec>,
}

impl AnswerSpec {
    /// The answers a study asks for.
    pub fn from_study(study: &Study) -> AnswerSpec {
        AnswerSpec {
            municipalities: study
                .municipalities
                .iter()
                .map(|m| MunicipalitySpec {
                    code: m.code.as_str().to_string(),
                    name: m.name.clone(),
                })
                .collect(),
            groups: study
                .respondent_groups
                .iter()
                .map(|g| GroupSpec {
                    id: g.id.clone(),
                    labels: vec![g.label_nl.clone(), g.label_en.clone()],
                })
                .collect(),
            items: study
                .sets()
                .flat_map(|s| s.set.items.iter())
                .map(|i| ItemSpec {
                    id: i.id.clone(),
                    response: i.response,
                    groups: i.groups.clone(),
                })
                .collect(),
        }
    }

    /// A spec of Likert items asked of every group, for municipalities known by code only.
    pub fn likert(codes: &[&str], groups: &[&str], items: &[&str]) -> AnswerSpec {
        AnswerSpec {
            municipalities: codes
                .iter()
                .map(|c| MunicipalitySpec {
                    code: (*c).to_string(),
                    name: String::new(),
                })
                .collect(),
            groups: groups
                .iter()
                .map(|g| GroupSpec {
                    id: (*g).to_string(),
                    labels: Vec::new(),
                })
                .collect(),
            items: items
                .iter()
                .map(|i| ItemSpec {
                    id: (*i).to_string(),
                    response: ResponseKind::Likert5,
                    groups: Vec::new(),
                })
                .collect(),
        }
    }
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
    /// (item id, answer or `None` for "don't know"/empty), in the spec's item order, for
    /// the items the respondent's group is asked. Likert answers are 1-5, yes/no answers
    /// 0 (nee) or 1 (ja).
    pub answers: Vec<(String, Option<u8>)>,
}

/// An answers file as read: the respondents and what was recognised or left aside.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnswerFile {
    /// One row per respondent, in file order.
    pub rows: Vec<AnswerRow>,
    /// Survey-tool columns that carry no answers (LimeSurvey's `submitdate`, `lastpage`,
    /// timings, …), left aside.
    pub ignored_columns: Vec<String>,
    /// Municipalities written as a name or alias, with the code they were matched to
    /// (first line where each spelling occurs).
    pub matched_names: Vec<(String, String)>,
}

/// Answer texts that mean "no answer": don't know, not applicable, a dash.
const NO_ANSWER: [&str; 12] = [
    "weet niet",
    "wn",
    "-",
    "n.v.t.",
    "nvt",
    "geen antwoord",
    "weet ik niet",
    "don't know",
    "dont know",
    "dk",
    "n/a",
    "na",
];

/// Column names of the respondent id, the municipality and the group, in order of
/// preference (LimeSurvey's `id` and `token` come last).
const RESPONDENT_COLUMNS: [&str; 6] = [
    "respondent",
    "respondent_id",
    "respondentid",
    "respondentnummer",
    "id",
    "token",
];
const MUNICIPALITY_COLUMNS: [&str; 6] = [
    "gemeente",
    "gemeentecode",
    "gemeentenaam",
    "municipality",
    "municipality_code",
    "gm_code",
];
const GROUP_COLUMNS: [&str; 6] = [
    "groep",
    "respondentgroep",
    "group",
    "respondent_group",
    "rol",
    "role",
];

/// Columns that survey tools (LimeSurvey in particular) add to an export and that carry
/// no answers.
const SURVEY_TOOL_COLUMNS: [&str; 12] = [
    "submitdate",
    "lastpage",
    "startlanguage",
    "seed",
    "startdate",
    "datestamp",
    "ipaddr",
    "refurl",
    "interviewtime",
    "token",
    "id",
    "completed",
];

fn is_survey_tool_column(header: &str) -> bool {
    let h = header.trim().to_ascii_lowercase();
    SURVEY_TOOL_COLUMNS.contains(&h.as_str())
        || h.starts_with("grouptime")
        || (h.ends_with("time") && h.len() > 4 && !h.contains('_'))
        || h.ends_with("[comment]")
        || h.ends_with("[other]")
}

/// The item id a column header stands for: `C1_1`, and LimeSurvey's `C1[1]`, `C1[SQ001]`,
/// as well as `C1.1` and `C1-1`.
fn header_item_key(header: &str) -> String {
    let h = header.trim();
    let (stem, sub) = if let Some(open) = h.find('[')
        && h.ends_with(']')
    {
        (&h[..open], &h[open + 1..h.len() - 1])
    } else if let Some(p) = h.rfind(['_', '.', '-']) {
        (&h[..p], &h[p + 1..])
    } else {
        return h.to_ascii_uppercase();
    };
    let sub = sub.trim();
    let digits = sub
        .strip_prefix("SQ")
        .or_else(|| sub.strip_prefix("sq"))
        .unwrap_or(sub);
    let sub = match digits.parse::<u32>() {
        Ok(n) => n.to_string(),
        Err(_) => sub.to_string(),
    };
    format!("{}_{}", stem.trim(), sub).to_ascii_uppercase()
}

fn find_column(table: &Table, names: &[&str]) -> Option<usize> {
    names.iter().find_map(|n| table.column_index(n))
}

fn at(table: &Table, row: usize, col: Option<usize>, m: Msg) -> StudyError {
    table.error_at(row, col, m)
}

fn at_header(table: &Table, col: Option<usize>, m: Msg) -> StudyError {
    table.header_error(col, m)
}

/// Reads questionnaire answers: one row per respondent with a respondent id, the
/// municipality (CBS code, name or alias), the group and one column per item (item ids,
/// or LimeSurvey's `C1[1]`/`C1[SQ001]` headings). Everything the analysis will require is
/// checked here, and the whole file is rejected at the first problem, with its line and
/// column, because a half-read survey silently changes every score.
///
/// The table is read by an [`AnswerReader`]; a large CSV file can be fed to one row by
/// row instead (see [`crate::table::CsvScan`]), with the same checks and messages.
pub fn read_answers(
    table: &Table,
    spec: &AnswerSpec,
    register: &MunicipalityRegister,
) -> Result<AnswerFile, StudyError> {
    let mut reader = AnswerReader::new(&table.head(), table.n_rows(), spec, register)?;
    let mut rows = Vec::with_capacity(table.n_rows());
    for (line, cells) in table.lines.iter().zip(&table.rows) {
        rows.push(reader.read_row(*line, cells)?);
    }
    let (ignored_columns, matched_names) = reader.finish();
    Ok(AnswerFile {
        rows,
        ignored_columns,
        matched_names,
    })
}

/// Reads an answers file one row at a time, with the checks and messages of
/// [`read_answers`]: the header is checked once by [`AnswerReader::new`], then each row on
/// its own by [`AnswerReader::read_row`], in file order. What is kept between rows is
/// small per row: the respondent ids seen (for "respondent twice") and the municipality
/// spellings seen.
pub struct AnswerReader<'a> {
    head: TableHead,
    spec: &'a AnswerSpec,
    municipalities: MunicipalityMatcher<'a>,
    resp_col: usize,
    gem_col: usize,
    group_col: usize,
    /// The column of each item of the spec, in spec order.
    item_cols: Vec<usize>,
    ignored_columns: Vec<String>,
    /// Respondent id -> the line where it first occurs.
    seen: HashMap<String, usize>,
}

impl<'a> AnswerReader<'a> {
    /// Checks the header of an answers file (`rows` data rows, for the "no rows" check):
    /// the respondent, municipality and group columns, one column per item of the spec,
    /// survey-tool columns left aside, nothing else.
    pub fn new(
        head: &TableHead,
        rows: usize,
        spec: &'a AnswerSpec,
        register: &'a MunicipalityRegister,
    ) -> Result<AnswerReader<'a>, StudyError> {
        if rows == 0 {
            return Err(head.header_error(None, msg!("answers-no-rows")));
        }
        let required = |names: &[&str], what: &str| {
            names
                .iter()
                .find_map(|n| head.column_index(n))
                .ok_or_else(|| {
                    head.header_error(
                        None,
                        msg!(
                            "answers-missing-column",
                            column = what,
                            alternatives = names[1..].join(", ")
                        ),
                    )
                })
        };
        let resp_col = required(&RESPONDENT_COLUMNS, "respondent")?;
        let gem_col = required(&MUNICIPALITY_COLUMNS, "gemeente")?;
        let group_col = required(&GROUP_COLUMNS, "groep")?;

        let item_keys: HashMap<String, usize> = spec
            .items
            .iter()
            .enumerate()
            .map(|(k, i)| (header_item_key(&i.id), k))
            .collect();
        let mut item_cols: Vec<Option<usize>> = vec![None; spec.items.len()];
        let mut ignored_columns = Vec::new();
        for c in (0..head.headers.len()).filter(|c| ![resp_col, gem_col, group_col].contains(c)) {
            let header = &head.headers[c];
            let Some(&k) = item_keys.get(&header_item_key(header)) else {
                if is_survey_tool_column(header) || header.trim().is_empty() {
                    ignored_columns.push(header.clone());
                    continue;
                }
                let suggestion = closest(
                    &header_item_key(header),
                    spec.items.iter().map(|i| i.id.as_str()),
                );
                return Err(head.header_error(
                    Some(c),
                    match suggestion {
                        Some(s) => msg!("answers-unknown-item-suggest", suggestion = s),
                        None => msg!(
                            "answers-unknown-item",
                            items = spec
                                .items
                                .iter()
                                .map(|i| i.id.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    },
                ));
            };
            if let Some(earlier) = item_cols[k] {
                return Err(head.header_error(
                    Some(c),
                    msg!(
                        "answers-item-twice",
                        item = spec.items[k].id.as_str(),
                        column = head.column_ref(earlier).number
                    ),
                ));
            }
            item_cols[k] = Some(c);
        }
        if let Some(k) = item_cols.iter().position(Option::is_none) {
            return Err(head.header_error(
                None,
                msg!("answers-missing-item", item = spec.items[k].id.as_str()),
            ));
        }
        Ok(AnswerReader {
            head: head.clone(),
            spec,
            municipalities: MunicipalityMatcher::new(spec, register),
            resp_col,
            gem_col,
            group_col,
            item_cols: item_cols.into_iter().flatten().collect(),
            ignored_columns,
            seen: HashMap::new(),
        })
    }

    /// Checks and reads the next row of the file: `line` is its line (or spreadsheet row),
    /// `cells` one cell per header column. Rows must come in file order.
    pub fn read_row(&mut self, line: usize, cells: &[Cell]) -> Result<AnswerRow, StudyError> {
        let head = &self.head;
        let spec = self.spec;
        let text = |c: usize| match &cells[c] {
            Cell::Empty => None,
            Cell::Text(s) => Some(s.clone()),
            Cell::Number(x) => Some(crate::table::format_number(*x)),
        };
        let (resp_col, gem_col, group_col) = (self.resp_col, self.gem_col, self.group_col);
        let respondent = text(resp_col)
            .ok_or_else(|| head.error_at(line, Some(resp_col), msg!("answers-no-respondent")))?;
        if let Some(first) = self.seen.insert(respondent.clone(), line) {
            return Err(head.error_at(
                line,
                Some(resp_col),
                msg!(
                    "answers-respondent-twice",
                    respondent = respondent.as_str(),
                    first = first,
                    line = line
                ),
            ));
        }
        let gem = text(gem_col)
            .ok_or_else(|| head.error_at(line, Some(gem_col), msg!("answers-no-municipality")))?;
        let municipality = self
            .municipalities
            .find(&gem)
            .map_err(|m| head.error_at(line, Some(gem_col), m))?;
        let group_text = text(group_col)
            .ok_or_else(|| head.error_at(line, Some(group_col), msg!("answers-no-group")))?;
        let group = find_group(spec, &group_text).ok_or_else(|| {
            head.error_at(
                line,
                Some(group_col),
                msg!(
                    "answers-unknown-group",
                    group = group_text.as_str(),
                    groups = spec
                        .groups
                        .iter()
                        .map(|g| g.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })?;
        let mut answers = Vec::with_capacity(self.item_cols.len());
        for (item, &c) in spec.items.iter().zip(&self.item_cols) {
            let asked = item.groups.is_empty() || item.groups.contains(&group);
            let value = answer(head, line, c, &cells[c], item.response)?;
            if !asked {
                if value.is_some() {
                    return Err(head.error_at(
                        line,
                        Some(c),
                        msg!(
                            "answers-not-asked",
                            item = item.id.as_str(),
                            group = group.as_str(),
                            groups = item.groups.join(", ")
                        ),
                    ));
                }
                continue;
            }
            answers.push((item.id.clone(), value));
        }
        Ok(AnswerRow {
            line,
            respondent,
            municipality,
            group,
            answers,
        })
    }

    /// Rows read so far.
    pub fn rows_read(&self) -> usize {
        self.seen.len()
    }

    /// Survey-tool columns left aside (known once the header is checked).
    pub fn ignored_columns(&self) -> &[String] {
        &self.ignored_columns
    }

    /// Municipalities written as a name or alias so far, with the code they were matched
    /// to (first line where each spelling occurs).
    pub fn matched_names(&self) -> &[(String, String)] {
        &self.municipalities.by_name
    }

    /// The ignored columns and the matched names, as in [`AnswerFile`].
    pub fn finish(self) -> (Vec<String>, Vec<(String, String)>) {
        (self.ignored_columns, self.municipalities.by_name)
    }
}

/// Matches what an answers file writes for a municipality (code, name or alias) to one of
/// the study's municipalities, remembering each spelling it has seen.
struct MunicipalityMatcher<'a> {
    spec: &'a AnswerSpec,
    register: &'a MunicipalityRegister,
    cache: HashMap<String, Result<String, Msg>>,
    by_name: Vec<(String, String)>,
}

impl<'a> MunicipalityMatcher<'a> {
    fn new(spec: &'a AnswerSpec, register: &'a MunicipalityRegister) -> Self {
        MunicipalityMatcher {
            spec,
            register,
            cache: HashMap::new(),
            by_name: Vec::new(),
        }
    }

    fn find(&mut self, text: &str) -> Result<String, Msg> {
        if let Some(hit) = self.cache.get(text) {
            return hit.clone();
        }
        let result = self.resolve(text);
        // Worth telling: a spelling other than the study file's own name (an alias).
        if let Ok(code) = &result
            && normalize_code(text).is_none()
            && self
                .spec
                .municipalities
                .iter()
                .find(|m| m.code == *code)
                .is_none_or(|m| normalize_name(&m.name) != normalize_name(text))
        {
            self.by_name.push((text.to_string(), code.clone()));
        }
        self.cache.insert(text.to_string(), result.clone());
        result
    }

    fn resolve(&self, text: &str) -> Result<String, Msg> {
        let in_study = |code: &str| {
            self.spec
                .municipalities
                .iter()
                .find(|m| normalize_code(&m.code).as_deref() == Some(code))
                .map(|m| m.code.clone())
        };
        if let Some(code) = normalize_code(text) {
            return in_study(&code).ok_or_else(|| {
                let name = self
                    .register
                    .get(&code)
                    .map(|m| m.name.clone())
                    .unwrap_or_default();
                msg!(
                    "answers-municipality-not-in-study",
                    text = text,
                    code = code.as_str(),
                    name = name
                )
            });
        }
        // The study file's own names first: a study may spell a name its own way.
        let wanted = normalize_name(text);
        if let Some(m) = self
            .spec
            .municipalities
            .iter()
            .find(|m| !m.name.is_empty() && normalize_name(&m.name) == wanted)
        {
            return Ok(m.code.clone());
        }
        match self.register.lookup(text) {
            Ok((code, _)) => in_study(&code).ok_or_else(|| {
                msg!(
                    "answers-municipality-not-in-study",
                    text = text,
                    code = code.as_str(),
                    name = self
                        .register
                        .get(&code)
                        .map(|m| m.name.clone())
                        .unwrap_or_default()
                )
            }),
            Err(Match::Ambiguous(codes)) => {
                // A name shared by several municipalities is fine if only one is studied.
                let studied: Vec<String> = codes.iter().filter_map(|c| in_study(c)).collect();
                match studied.as_slice() {
                    [one] => Ok(one.clone()),
                    _ => Err(msg!(
                        "answers-municipality-ambiguous",
                        text = text,
                        codes = codes.join(", ")
                    )),
                }
            }
            Err(_) => Err(msg!("answers-municipality-unknown", text = text)),
        }
    }
}

fn find_group(spec: &AnswerSpec, text: &str) -> Option<String> {
    let t = text.trim();
    spec.groups
        .iter()
        .find(|g| g.id.eq_ignore_ascii_case(t))
        .or_else(|| {
            spec.groups
                .iter()
                .find(|g| g.labels.iter().any(|l| l.trim().eq_ignore_ascii_case(t)))
        })
        .map(|g| g.id.clone())
}

/// The item id closest to `key` when it is one typo away (edit distance 1, or 2 for long
/// ids), to suggest in an error.
fn closest<'a>(key: &str, ids: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for id in ids {
        let d = edit_distance(&key.to_ascii_uppercase(), &id.to_ascii_uppercase());
        if d <= 1 + usize::from(id.len() > 6) && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, id));
        }
    }
    best.map(|(_, id)| id)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Likert answers as words (Dutch and English labels of the five points), as survey tools
/// export them when asked for full answers rather than codes.
const LIKERT_WORDS: [(&str, u8); 14] = [
    ("helemaal mee oneens", 1),
    ("zeer mee oneens", 1),
    ("mee oneens", 2),
    ("oneens", 2),
    ("neutraal", 3),
    ("niet eens, niet oneens", 3),
    ("niet mee eens, niet mee oneens", 3),
    ("mee eens", 4),
    ("eens", 4),
    ("helemaal mee eens", 5),
    ("zeer mee eens", 5),
    ("strongly disagree", 1),
    ("neither agree nor disagree", 3),
    ("strongly agree", 5),
];
const LIKERT_WORDS_EN: [(&str, u8); 2] = [("disagree", 2), ("agree", 4)];

const YES: [&str; 8] = ["ja", "j", "yes", "y", "true", "waar", "wel", "1"];
const NO: [&str; 8] = ["nee", "n", "no", "false", "onwaar", "niet", "geen", "0"];

/// The answer in a cell (`col` at line `line`, for errors): `None` for empty and "no
/// answer" cells.
fn answer(
    head: &TableHead,
    line: usize,
    col: usize,
    cell: &Cell,
    kind: ResponseKind,
) -> Result<Option<u8>, StudyError> {
    let number;
    let text: &str = match cell {
        Cell::Empty => return Ok(None),
        Cell::Number(x) => {
            number = crate::table::format_number(*x);
            &number
        }
        Cell::Text(t) => t,
    };
    // The common case, a Likert answer written as a digit, without the lookups below
    // (which would give the same value).
    if kind == ResponseKind::Likert5
        && let [d @ b'1'..=b'5'] = text.as_bytes()
    {
        return Ok(Some(d - b'0'));
    }
    let lower = text.trim().to_lowercase();
    if NO_ANSWER.contains(&lower.as_str()) {
        return Ok(None);
    }
    match kind {
        ResponseKind::YesNo => {
            if YES.contains(&lower.as_str()) {
                Ok(Some(1))
            } else if NO.contains(&lower.as_str()) {
                Ok(Some(0))
            } else {
                Err(head.error_at(line, Some(col), msg!("answers-not-yes-no", answer = text)))
            }
        }
        ResponseKind::Likert5 => {
            if let Some(&(_, v)) = LIKERT_WORDS
                .iter()
                .chain(LIKERT_WORDS_EN.iter())
                .find(|(w, _)| *w == lower)
            {
                return Ok(Some(v));
            }
            // LimeSurvey answer codes: A1..A5 (or AO01..AO05).
            let code = lower
                .strip_prefix("ao")
                .or_else(|| lower.strip_prefix('a'))
                .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
            let value = match code {
                Some(d) => d.parse::<f64>().unwrap_or(f64::NAN),
                None => parse_number(text, head.decimal).map_err(|_| {
                    head.error_at(
                        line,
                        Some(col),
                        msg!("answers-not-an-answer", answer = text),
                    )
                })?,
            };
            if value.fract() != 0.0 {
                return Err(head.error_at(
                    line,
                    Some(col),
                    msg!("answers-not-whole", answer = text),
                ));
            }
            if !(1.0..=5.0).contains(&value) {
                return Err(head.error_at(
                    line,
                    Some(col),
                    msg!("answers-out-of-range", answer = value),
                ));
            }
            Ok(Some(value as u8))
        }
    }
}

// ---------------------------------------------------------------- register sets

/// Which register values feed a study set: the values whose indicator is named after the
/// set id or after the set's `[indicator] name` (case-insensitive), of the study year when
/// the register has that year, else of the latest year it has.
#[derive(Clone, Debug, PartialEq)]
pub struct RegisterSetChoice {
    /// The set id, e.g. `TRANSFORMATIE`.
    pub set: String,
    /// The indicator name of the set's `[indicator]` (or the set id when it has none).
    pub indicator: String,
    /// The year used: the study year when present, else the latest year; `None` when the
    /// register holds no value for this set at all.
    pub year: Option<i32>,
    /// Every year the register has for this set, ascending.
    pub years_available: Vec<i32>,
}

/// Whether a register indicator name feeds set `id` (with indicator name `name`).
pub fn indicator_matches(indicator: &str, id: &str, name: Option<&str>) -> bool {
    let ind = indicator.trim();
    ind.eq_ignore_ascii_case(id) || name.is_some_and(|n| ind.eq_ignore_ascii_case(n.trim()))
}

/// The year rule of [`RegisterSetChoice`] for one set.
pub fn choose_register_year(
    id: &str,
    indicator_name: Option<&str>,
    study_year: i32,
    indicators: impl Iterator<Item = (String, Option<i32>)>,
) -> RegisterSetChoice {
    let mut years: Vec<i32> = indicators
        .filter(|(ind, _)| indicator_matches(ind, id, indicator_name))
        .filter_map(|(_, y)| y)
        .collect();
    years.sort_unstable();
    years.dedup();
    let year = if years.contains(&study_year) {
        Some(study_year)
    } else {
        years.last().copied()
    };
    RegisterSetChoice {
        set: id.to_string(),
        indicator: indicator_name.unwrap_or(id).to_string(),
        year,
        years_available: years,
    }
}

/// How far the stored register values cover one register set of the study.
#[derive(Clone, Debug, PartialEq)]
pub struct SetCoverage {
    /// Which values feed the set.
    pub choice: RegisterSetChoice,
    /// Study municipalities (code, name) with a value in the chosen year.
    pub with_value: Vec<(String, String)>,
    /// Study municipalities (code, name) without one (no row, or an empty cell).
    pub without_value: Vec<(String, String)>,
}

/// For every register-indicator set of the study: the year used and which study
/// municipalities have a value, by the same rule the analysis uses.
pub fn register_coverage(study: &Study, values: &[RegisterValue]) -> Vec<SetCoverage> {
    let mut out = Vec::new();
    for s in study.sets() {
        if s.set.measure != crate::codebook::MeasureKind::Indicator {
            continue;
        }
        let name = s.set.indicator.as_ref().map(|i| i.name.as_str());
        let choice = choose_register_year(
            &s.set.id,
            name,
            i32::from(study.study.year),
            values.iter().map(|v| (v.indicator.clone(), v.year)),
        );
        let mut have: HashMap<&str, bool> = HashMap::new();
        for v in values {
            if v.year == choice.year && indicator_matches(&v.indicator, &s.set.id, name) {
                *have.entry(v.code.as_str()).or_default() |= v.value.is_some();
            }
        }
        let (mut with_value, mut without_value) = (Vec::new(), Vec::new());
        for m in &study.municipalities {
            let entry = (m.code.as_str().to_string(), m.name.clone());
            if have.get(m.code.as_str()).copied().unwrap_or(false) {
                with_value.push(entry);
            } else {
                without_value.push(entry);
            }
        }
        out.push(SetCoverage {
            choice,
            with_value,
            without_value,
        });
    }
    out
}

// ---------------------------------------------------------------- ratings

/// Expert ratings as read from a file: one membership score in [0, 1] per municipality
/// and rated set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RatingsFile {
    /// (CBS code, set id, score), in file order; empty cells are left out.
    pub values: Vec<(String, String, f64)>,
    /// The rated sets found as columns, in file order.
    pub sets: Vec<String>,
    /// Columns with remarks (toelichting, bron, …), left aside.
    pub ignored_columns: Vec<String>,
}

const REMARK_COLUMNS: [&str; 10] = [
    "toelichting",
    "opmerking",
    "opmerkingen",
    "bron",
    "justification",
    "note",
    "notes",
    "source",
    "naam",
    "name",
];

/// Reads expert ratings: a municipality column (code, name or alias, as in answers files)
/// and one column per rated set of the study (`measure = "rating"`), scores in [0, 1]
/// (e.g. 0, 0.33, 0.67, 1). Remark columns are left aside; anything else is an error with
/// its place.
pub fn read_ratings(
    table: &Table,
    study: &Study,
    register: &MunicipalityRegister,
) -> Result<RatingsFile, StudyError> {
    if table.n_rows() == 0 {
        return Err(at_header(table, None, msg!("ratings-no-rows")));
    }
    let gem_col = find_column(table, &MUNICIPALITY_COLUMNS).ok_or_else(|| {
        at_header(
            table,
            None,
            msg!(
                "answers-missing-column",
                column = "gemeente",
                alternatives = MUNICIPALITY_COLUMNS[1..].join(", ")
            ),
        )
    })?;
    let rated: Vec<&str> = study
        .sets()
        .filter(|s| s.set.measure == crate::codebook::MeasureKind::Rating)
        .map(|s| s.set.id.as_str())
        .collect();
    let mut out = RatingsFile::default();
    let mut cols = Vec::new();
    for c in (0..table.headers.len()).filter(|&c| c != gem_col) {
        let h = table.headers[c].trim();
        if let Some(set) = rated.iter().find(|s| s.eq_ignore_ascii_case(h)) {
            if out.sets.iter().any(|s| s == set) {
                return Err(at_header(
                    table,
                    Some(c),
                    msg!("ratings-set-twice", set = *set),
                ));
            }
            out.sets.push((*set).to_string());
            cols.push((c, (*set).to_string()));
        } else if REMARK_COLUMNS.contains(&h.to_lowercase().as_str()) || h.is_empty() {
            out.ignored_columns.push(h.to_string());
        } else {
            let all: Vec<&str> = study.sets().map(|s| s.set.id.as_str()).collect();
            return Err(at_header(
                table,
                Some(c),
                if all.iter().any(|s| s.eq_ignore_ascii_case(h)) {
                    msg!("ratings-not-rated", set = h)
                } else {
                    msg!("ratings-unknown-column", rated = rated.join(", "))
                },
            ));
        }
    }
    if cols.is_empty() {
        return Err(at_header(
            table,
            None,
            msg!("ratings-no-sets", rated = rated.join(", ")),
        ));
    }
    let spec = AnswerSpec::from_study(study);
    let mut municipalities = MunicipalityMatcher::new(&spec, register);
    let mut seen: HashMap<String, usize> = HashMap::new();
    for r in 0..table.n_rows() {
        let line = table.lines[r];
        let gem = table
            .text(r, gem_col)
            .ok_or_else(|| at(table, r, Some(gem_col), msg!("answers-no-municipality")))?;
        let code = municipalities
            .find(&gem)
            .map_err(|m| at(table, r, Some(gem_col), m))?;
        if let Some(first) = seen.insert(code.clone(), line) {
            return Err(at(
                table,
                r,
                Some(gem_col),
                msg!(
                    "ratings-municipality-twice",
                    code = code.as_str(),
                    first = first
                ),
            ));
        }
        for (c, set) in &cols {
            let value = match &table.rows[r][*c] {
                Cell::Empty => continue,
                Cell::Text(t) if NO_ANSWER.contains(&t.to_lowercase().as_str()) => continue,
                _ => table.number(r, *c)?,
            };
            let Some(v) = value else { continue };
            if !(0.0..=1.0).contains(&v) {
                return Err(at(
                    table,
                    r,
                    Some(*c),
                    msg!("ratings-out-of-range", value = v),
                ));
            }
            out.values.push((code.clone(), set.clone(), v));
        }
    }
    Ok(out)
}
