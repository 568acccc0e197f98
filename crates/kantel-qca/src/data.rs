//! The data the engine works on: cases × sets, as plain numbers.

use serde::{Deserialize, Serialize};

use kantel_i18n::msg;

use crate::QcaError;

/// What kind of values a column holds, detected from the values themselves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    /// Only 0 and 1.
    Crisp,
    /// Whole numbers 0..levels-1 with at least one value above 1.
    MultiValue {
        /// Number of levels (largest value + 1).
        levels: u8,
    },
    /// Values in [0, 1] with at least one value strictly between 0 and 1.
    Fuzzy,
    /// Anything else: raw data that must be calibrated before set analysis.
    Raw,
}

impl ColumnKind {
    /// Detects the kind of a column. Missing values are not allowed in set data, so
    /// every value is finite here.
    pub fn detect(values: &[f64]) -> ColumnKind {
        let all_whole = values.iter().all(|v| v.fract() == 0.0 && *v >= 0.0);
        if all_whole {
            let max = values.iter().cloned().fold(0.0_f64, f64::max);
            if max <= 1.0 {
                return ColumnKind::Crisp;
            }
            if max < 64.0 {
                return ColumnKind::MultiValue {
                    levels: max as u8 + 1,
                };
            }
            return ColumnKind::Raw;
        }
        if values.iter().all(|v| (0.0..=1.0).contains(v)) {
            ColumnKind::Fuzzy
        } else {
            ColumnKind::Raw
        }
    }

    /// Number of levels a condition of this kind has in a truth table (2 for crisp and fuzzy).
    pub fn levels(self) -> Option<u8> {
        match self {
            ColumnKind::Crisp | ColumnKind::Fuzzy => Some(2),
            ColumnKind::MultiValue { levels } => Some(levels),
            ColumnKind::Raw => None,
        }
    }
}

/// A cases × sets table: case names, set (column) names and one column of numbers per set.
///
/// Crisp sets hold 0/1, multi-value sets hold levels 0..k, fuzzy sets hold memberships in
/// [0, 1]. The engine knows cases by index and name only; where the data came from is
/// the caller's business.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetData {
    cases: Vec<String>,
    names: Vec<String>,
    columns: Vec<Vec<f64>>,
}

impl SetData {
    /// Builds a table, checking that every column has one finite value per case and that
    /// set names are unique and non-empty.
    pub fn new(
        cases: Vec<String>,
        names: Vec<String>,
        columns: Vec<Vec<f64>>,
    ) -> Result<Self, QcaError> {
        if names.len() != columns.len() {
            return Err(QcaError::Data(msg!(
                "qca-data-name-count",
                names = names.len(),
                columns = columns.len()
            )));
        }
        for (i, name) in names.iter().enumerate() {
            if name.trim().is_empty() {
                return Err(QcaError::Data(msg!("qca-data-empty-name", column = i + 1)));
            }
            if !crate::expr::is_valid_name(name) {
                return Err(QcaError::Data(msg!("qca-data-not-a-name", name = name)));
            }
        }
        // With a hash set: a check against every earlier name was quadratic in the
        // number of columns (10,000 columns: 50 million comparisons).
        let mut seen = std::collections::HashSet::with_capacity(names.len());
        for name in &names {
            if !seen.insert(name.as_str()) {
                return Err(QcaError::Data(msg!("qca-data-duplicate-name", name = name)));
            }
        }
        for (name, col) in names.iter().zip(&columns) {
            if col.len() != cases.len() {
                return Err(QcaError::Data(msg!(
                    "qca-data-column-length",
                    column = name,
                    values = col.len(),
                    cases = cases.len()
                )));
            }
            if let Some(i) = col.iter().position(|v| !v.is_finite()) {
                return Err(QcaError::Data(msg!(
                    "qca-data-missing-value",
                    column = name,
                    case = &cases[i]
                )));
            }
        }
        Ok(SetData {
            cases,
            names,
            columns,
        })
    }

    /// Case names, in data order.
    pub fn cases(&self) -> &[String] {
        &self.cases
    }

    /// Set (column) names, in data order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Number of cases.
    pub fn n_cases(&self) -> usize {
        self.cases.len()
    }

    /// Index of a set by name.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// The values of a set by name.
    pub fn column(&self, name: &str) -> Option<&[f64]> {
        self.index_of(name).map(|i| self.columns[i].as_slice())
    }

    /// The values of the set at `index`.
    pub fn column_at(&self, index: usize) -> &[f64] {
        &self.columns[index]
    }

    /// Like [`SetData::column`], but an unknown name is an error that lists the known ones.
    pub fn require(&self, name: &str) -> Result<&[f64], QcaError> {
        self.column(name).ok_or_else(|| QcaError::UnknownColumn {
            name: name.to_string(),
            known: self.names.join(", "),
        })
    }

    /// The detected kind of the set at `index`.
    pub fn kind_at(&self, index: usize) -> ColumnKind {
        ColumnKind::detect(&self.columns[index])
    }

    /// Returns a copy with one more column (or a replaced one when the name exists).
    pub fn with_column(&self, name: &str, values: Vec<f64>) -> Result<SetData, QcaError> {
        let mut names = self.names.clone();
        let mut columns = self.columns.clone();
        match self.index_of(name) {
            Some(i) => columns[i] = values,
            None => {
                names.push(name.to_string());
                columns.push(values);
            }
        }
        SetData::new(self.cases.clone(), names, columns)
    }
}
