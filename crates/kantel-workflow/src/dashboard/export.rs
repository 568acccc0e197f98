//! Data exports: the answers (web and imported, one data set) and the set scores per
//! municipality, as CSV or XLSX.
//!
//! The answers export is an answers file that `kantel import answers` reads back: one row
//! per respondent with `respondent`, `municipality`, `group`, `submitdate` (a column survey
//! tools write and the import leaves aside) and one column per item of the codebook.

use std::collections::BTreeMap;

use kantel_i18n::msg;
use kantel_store::{Store, StudyId};
use rust_xlsxwriter::{Format, Workbook};

use super::qca::{QcaInputs, set_scores};
use crate::WorkflowError;

/// How "don't know" is written (one of the answers import's words for no answer).
pub const DONT_KNOW: &str = "weet niet";

/// One cell of an exported table.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text.
    Text(String),
    /// A number (an answer, a score, a membership).
    Number(f64),
}

/// A table to export: a sheet name, a header row and data rows.
#[derive(Clone, Debug, PartialEq)]
pub struct DataTable {
    /// The sheet's name in a workbook.
    pub sheet: String,
    /// Column names.
    pub headers: Vec<String>,
    /// Rows, one cell per column.
    pub rows: Vec<Vec<Cell>>,
}

impl DataTable {
    /// The table as CSV (comma-separated, UTF-8, numbers with a decimal point).
    pub fn to_csv(&self) -> Result<Vec<u8>, WorkflowError> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let fail = |e: &dyn std::fmt::Display| msg!("wf-d-export-failed", error = e.to_string());
        w.write_record(&self.headers).map_err(|e| fail(&e))?;
        for row in &self.rows {
            w.write_record(row.iter().map(|c| match c {
                Cell::Empty => String::new(),
                Cell::Text(t) => t.clone(),
                Cell::Number(x) => x.to_string(),
            }))
            .map_err(|e| fail(&e))?;
        }
        w.into_inner().map_err(|e| fail(&e).into())
    }

    /// The table as an XLSX workbook with one sheet: a bold, frozen header row, numbers as
    /// numbers and text as text (never as formulas).
    pub fn to_xlsx(&self) -> Result<Vec<u8>, WorkflowError> {
        let fail =
            |e: rust_xlsxwriter::XlsxError| msg!("wf-d-export-failed", error = e.to_string());
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name(&self.sheet).map_err(fail)?;
        let bold = Format::new().set_bold();
        for (c, h) in self.headers.iter().enumerate() {
            sheet
                .write_string_with_format(0, col(c)?, h, &bold)
                .map_err(fail)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(fail)?;
        for (r, row) in self.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(|_| msg!("wf-d-export-too-large"))?;
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    Cell::Empty => {}
                    Cell::Text(t) => {
                        sheet.write_string(r, col(c)?, t).map_err(fail)?;
                    }
                    Cell::Number(x) => {
                        sheet.write_number(r, col(c)?, *x).map_err(fail)?;
                    }
                }
            }
        }
        book.save_to_buffer().map_err(|e| fail(e).into())
    }
}

fn col(c: usize) -> Result<u16, WorkflowError> {
    u16::try_from(c).map_err(|_| msg!("wf-d-export-too-large").into())
}

/// Every stored answer of the study, web and imported alike, one row per respondent with at
/// least one answer (by respondent id), one column per codebook item (codebook order).
/// Answers are 1-5 (yes/no items 0/1), [`DONT_KNOW`] for "don't know", empty when not
/// answered. Answers to items the codebook no longer has are left out.
pub async fn answers_table(store: &Store, study: StudyId) -> Result<DataTable, WorkflowError> {
    let stored = super::load_study(store, study).await?;
    let items: Vec<String> = stored
        .study
        .sets()
        .flat_map(|s| s.set.items.iter().map(|i| i.id.clone()))
        .collect();
    let column: BTreeMap<&str, usize> = items
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    let submitted: BTreeMap<String, Option<String>> = store
        .list_respondents(study)
        .await?
        .into_iter()
        .map(|r| (r.external_id, r.submitted_at))
        .collect();
    // respondent → (municipality, group, answers by column)
    let mut rows: BTreeMap<String, (String, String, Vec<Cell>)> = BTreeMap::new();
    store
        .for_each_answer(study, |a| {
            let Some(&c) = column.get(a.item.as_str()) else {
                return;
            };
            let row = rows
                .entry(a.external_id)
                .or_insert_with(|| (a.municipality_code, a.group, vec![Cell::Empty; items.len()]));
            row.2[c] = match a.value {
                Some(v) => Cell::Number(v as f64),
                None => Cell::Text(DONT_KNOW.to_string()),
            };
        })
        .await?;
    let mut headers: Vec<String> = ["respondent", "municipality", "group", "submitdate"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    headers.extend(items.iter().cloned());
    Ok(DataTable {
        sheet: "answers".into(),
        headers,
        rows: rows
            .into_iter()
            .map(|(respondent, (municipality, group, answers))| {
                let submit = submitted
                    .get(&respondent)
                    .cloned()
                    .flatten()
                    .map_or(Cell::Empty, Cell::Text);
                let mut row = vec![
                    Cell::Text(respondent),
                    Cell::Text(municipality),
                    Cell::Text(group),
                    submit,
                ];
                row.extend(answers);
                row
            })
            .collect(),
    })
}

/// Raw values and memberships of every set of the codebook per municipality of the study
/// (study order): `municipality`, `name`, then per set `<SET>_raw` (scale mean, register
/// value or rating) and `<SET>` (membership by the study's anchors; ratings are memberships
/// already). Empty where a municipality has no value or a set has no anchors.
pub fn set_scores_table(inputs: &QcaInputs) -> DataTable {
    let scores = set_scores(inputs);
    let mut headers = vec!["municipality".to_string(), "name".to_string()];
    for (set, _, _) in &scores {
        headers.push(format!("{set}_raw"));
        headers.push(set.clone());
    }
    let rows = inputs
        .study
        .municipalities
        .iter()
        .enumerate()
        .map(|(k, m)| {
            let mut row = vec![
                Cell::Text(m.code.as_str().to_string()),
                Cell::Text(m.name.clone()),
            ];
            for (_, _, values) in &scores {
                match values[k] {
                    Some((raw, membership)) => {
                        row.push(Cell::Number(raw));
                        row.push(membership.map_or(Cell::Empty, Cell::Number));
                    }
                    None => {
                        row.push(Cell::Empty);
                        row.push(Cell::Empty);
                    }
                }
            }
            row
        })
        .collect();
    DataTable {
        sheet: "set scores".into(),
        headers,
        rows,
    }
}
