//! Reading CSV and spreadsheet files into a plain [`Table`] of cells.
//!
//! Every record keeps the line (CSV) or row (spreadsheet) it came from, so that any later
//! complaint about a cell can point at the exact place in the file the researcher has open.
//! Numbers in CSV files stay text until they are asked for, because whether `1,19` is a
//! number depends on the file's decimal convention and whether `007` is an identifier
//! depends on the column.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};
use kantel_qca::SetData;

use kantel_i18n::{Msg, msg};

use crate::StudyError;

/// A column of a table, named by its header and its 1-based position in the file
/// (CSV field number; spreadsheet column number, A = 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnRef {
    /// Header text of the column.
    pub name: String,
    /// 1-based column number in the file.
    pub number: usize,
}

impl fmt::Display for ColumnRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {:?} (no. {})", self.name, self.number)
    }
}

/// Formats the place of a [`StudyError::Table`] error: file, line and column.
pub(crate) fn describe_place(
    file: &str,
    line: usize,
    column: Option<&ColumnRef>,
    message: &Msg,
) -> String {
    let mut out = file.to_string();
    if line > 0 {
        out.push_str(&format!(", line {line}"));
    }
    if let Some(c) = column {
        out.push_str(&format!(", {c}"));
    }
    out.push_str(": ");
    out.push_str(&message.to_string());
    out
}

/// One cell of a table.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Nothing, or only whitespace.
    Empty,
    /// Text as written in the file (trimmed). CSV cells are always text or empty.
    Text(String),
    /// A number stored as a number (spreadsheets only; booleans become 1 and 0).
    Number(f64),
}

/// Which character separates the integer part from the fraction in numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decimal {
    /// `1.19`
    Point,
    /// `1,19` (Dutch exports, usually with `;` as field separator).
    Comma,
}

/// Options for reading a table; `None` means "detect".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Field separator of a CSV file (`b','`, `b';'`, `b'\t'`). Detected from the header
    /// line when `None`.
    pub delimiter: Option<u8>,
    /// Decimal convention. Detected when `None`: a `;`-separated CSV file with a value like
    /// `1,19` uses decimal commas; everything else uses decimal points.
    pub decimal: Option<Decimal>,
    /// Sheet of a spreadsheet; the first sheet when `None`.
    pub sheet: Option<String>,
}

/// A rectangular table read from a file: a header row and data rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Column names, trimmed, unique and non-empty.
    pub headers: Vec<String>,
    /// Data rows; every row has one cell per header.
    pub rows: Vec<Vec<Cell>>,
    /// Where the table came from: the file name, plus the sheet for spreadsheets.
    pub source: String,
    /// For each row, the 1-based CSV line where its record starts, or the spreadsheet row.
    pub lines: Vec<usize>,
    /// 1-based line or row of the header.
    pub header_line: usize,
    /// 1-based file column of the first table column (spreadsheets may start right of A).
    pub first_column: usize,
    /// Decimal convention used to read numbers written as text.
    pub decimal: Decimal,
    /// How a CSV file was written (separator, byte-order mark), so that a table written back
    /// with [`Table::to_csv_bytes`] looks like the file it came from; `None` for spreadsheets.
    pub csv: Option<CsvFormat>,
}

/// The outward form of a CSV file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CsvFormat {
    /// Field separator: `b','`, `b';'` or `b'\t'`.
    pub delimiter: u8,
    /// Whether the file starts with a UTF-8 byte-order mark (what Excel's "CSV UTF-8" writes).
    pub bom: bool,
}

impl Table {
    /// Reads a CSV file or a spreadsheet (`.xlsx`, `.xlsm`, `.xls`, `.ods`), chosen by the
    /// file extension; anything else is read as CSV.
    pub fn read(path: &Path, options: &ReadOptions) -> Result<Table, StudyError> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Table::read_spreadsheet(path, options),
            _ => Table::read_csv(path, options),
        }
    }

    /// Reads a CSV file.
    pub fn read_csv(path: &Path, options: &ReadOptions) -> Result<Table, StudyError> {
        let bytes = std::fs::read(path).map_err(|e| StudyError::Table {
            file: path.display().to_string(),
            line: 0,
            column: None,
            message: msg!("table-cannot-read", error = e.to_string()),
        })?;
        Table::from_csv_bytes(&bytes, &path.display().to_string(), options)
    }

    /// Parses CSV text. `source` names the data in error messages (usually the file name).
    pub fn from_csv_bytes(
        bytes: &[u8],
        source: &str,
        options: &ReadOptions,
    ) -> Result<Table, StudyError> {
        let whole = |message: Msg| StudyError::Table {
            file: source.to_string(),
            line: 0,
            column: None,
            message,
        };
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Err(whole(msg!("table-utf16")));
        }
        let bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
        let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(bytes);
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(whole(msg!("table-empty")));
        }
        let delimiter = options.delimiter.unwrap_or_else(|| detect_delimiter(bytes));

        // The csv crate's own line counter is off for CRLF files, so lines are counted here
        // from the byte offset of each record.
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(bytes.iter().enumerate().filter_map(|(i, &b)| {
                let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
                ends_line.then_some(i + 1)
            }))
            .collect();
        let line_of = |byte: u64| {
            // After a CR the reader may report the record as starting at the LF.
            let mut b = byte as usize;
            while matches!(bytes.get(b), Some(b'\r' | b'\n')) {
                b += 1;
            }
            line_starts.partition_point(|&s| s <= b)
        };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        let mut records: Vec<(usize, Vec<String>)> = Vec::new();
        for result in reader.byte_records() {
            let record = result.map_err(|e| {
                let line = e.position().map(|p| line_of(p.byte())).unwrap_or(0);
                StudyError::Table {
                    file: source.to_string(),
                    line,
                    column: None,
                    message: msg!("table-csv-parse", error = e.to_string()),
                }
            })?;
            let line = record.position().map(|p| line_of(p.byte())).unwrap_or(0);
            let mut fields = Vec::with_capacity(record.len());
            for (j, raw) in record.iter().enumerate() {
                match std::str::from_utf8(raw) {
                    Ok(s) => fields.push(s.trim().to_string()),
                    Err(_) => {
                        let name = records
                            .first()
                            .and_then(|(_, h)| h.get(j).cloned())
                            .unwrap_or_default();
                        return Err(StudyError::Table {
                            file: source.to_string(),
                            line,
                            column: Some(ColumnRef {
                                name,
                                number: j + 1,
                            }),
                            message:
                                "the text is not valid UTF-8; save the file as UTF-8 (CSV UTF-8)"
                                    .into(),
                        });
                    }
                }
            }
            records.push((line, fields));
        }
        let mut records = records.into_iter();
        let Some((header_line, headers)) = records.next() else {
            return Err(whole(msg!("table-empty")));
        };
        let mut lines = Vec::new();
        let mut rows = Vec::new();
        for (line, fields) in records {
            // Lines such as ";;;" are what spreadsheets write for blank rows.
            if fields.iter().all(|f| f.is_empty()) {
                continue;
            }
            if fields.len() != headers.len() {
                let number = fields.len().min(headers.len()) + 1;
                let name = headers.get(number - 1).cloned().unwrap_or_default();
                return Err(StudyError::Table {
                    file: source.to_string(),
                    line,
                    column: Some(ColumnRef { name, number }),
                    message: format!(
                        "this row has {} fields but the header has {} (separator {:?})",
                        fields.len(),
                        headers.len(),
                        delimiter as char
                    )
                    .into(),
                });
            }
            lines.push(line);
            rows.push(
                fields
                    .into_iter()
                    .map(|f| {
                        if f.is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text(f)
                        }
                    })
                    .collect(),
            );
        }
        let decimal = options.decimal.unwrap_or_else(|| {
            if delimiter == b';' && rows.iter().flatten().any(looks_like_decimal_comma) {
                Decimal::Comma
            } else {
                Decimal::Point
            }
        });
        let mut table = Table::assemble(
            source.to_string(),
            header_line,
            1,
            headers,
            rows,
            lines,
            decimal,
        )?;
        table.csv = Some(CsvFormat { delimiter, bom });
        Ok(table)
    }

    /// Reads the first (or the named) sheet of a spreadsheet.
    pub fn read_spreadsheet(path: &Path, options: &ReadOptions) -> Result<Table, StudyError> {
        let file = path.display().to_string();
        let whole = |file: &str, message: Msg| StudyError::Table {
            file: file.to_string(),
            line: 0,
            column: None,
            message,
        };
        let mut book = open_workbook_auto(path).map_err(|e| {
            // A text file with a spreadsheet's name (a CSV saved as `.xlsx`) makes the zip
            // reader say "Could not find EOCD"; say what the file is instead.
            if looks_like_text(path) {
                whole(&file, msg!("table-spreadsheet-is-text"))
            } else {
                whole(&file, msg!("table-spreadsheet-open", error = e.to_string()))
            }
        })?;
        let names = book.sheet_names();
        let sheet = match &options.sheet {
            Some(s) => {
                if !names.contains(s) {
                    return Err(whole(
                        &file,
                        msg!(
                            "table-no-sheet",
                            sheet = s.as_str(),
                            sheets = names.join(", ")
                        ),
                    ));
                }
                s.clone()
            }
            None => names
                .first()
                .cloned()
                .ok_or_else(|| whole(&file, msg!("table-no-sheets")))?,
        };
        let source = format!("{file}, sheet {sheet:?}");
        let range = book
            .worksheet_range(&sheet)
            .map_err(|e| whole(&source, msg!("table-sheet-read", error = e.to_string())))?;
        let Some((row0, col0)) = range.start() else {
            return Err(whole(&source, msg!("table-sheet-empty")));
        };
        let mut rows_iter = range.rows().enumerate();
        let Some((_, header_cells)) = rows_iter.next() else {
            return Err(whole(&source, msg!("table-sheet-empty")));
        };
        let headers: Vec<String> = header_cells
            .iter()
            .map(|c| match spreadsheet_cell(c) {
                Cell::Empty => String::new(),
                Cell::Text(s) => s,
                Cell::Number(x) => format_number(x),
            })
            .collect();
        let mut rows = Vec::new();
        let mut lines = Vec::new();
        for (i, cells) in rows_iter {
            let row: Vec<Cell> = cells.iter().map(spreadsheet_cell).collect();
            if row.iter().all(|c| *c == Cell::Empty) {
                continue;
            }
            lines.push(row0 as usize + i + 1);
            rows.push(row);
        }
        let decimal = options.decimal.unwrap_or(Decimal::Point);
        Table::assemble(
            source,
            row0 as usize + 1,
            col0 as usize + 1,
            headers,
            rows,
            lines,
            decimal,
        )
    }

    /// Checks the header and drops trailing columns that have neither a name nor values
    /// (what a trailing separator on every line produces).
    fn assemble(
        source: String,
        header_line: usize,
        first_column: usize,
        mut headers: Vec<String>,
        mut rows: Vec<Vec<Cell>>,
        lines: Vec<usize>,
        decimal: Decimal,
    ) -> Result<Table, StudyError> {
        while headers.last().is_some_and(|h| h.is_empty())
            && rows
                .iter()
                .all(|r| r.last().is_none_or(|c| *c == Cell::Empty))
        {
            headers.pop();
            for r in &mut rows {
                r.pop();
            }
        }
        check_header_names(&source, header_line, first_column, &headers)?;
        Ok(Table {
            headers,
            rows,
            source,
            lines,
            header_line,
            first_column,
            decimal,
            csv: None,
        })
    }

    /// Number of data rows.
    pub fn n_rows(&self) -> usize {
        self.rows.len()
    }

    /// Index of a column: the exact header, else the header compared case-insensitively.
    pub fn column_index(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        self.headers.iter().position(|h| h == name).or_else(|| {
            self.headers
                .iter()
                .position(|h| h.eq_ignore_ascii_case(name))
        })
    }

    /// The [`ColumnRef`] of column `col` (0-based table index).
    pub fn column_ref(&self, col: usize) -> ColumnRef {
        ColumnRef {
            name: self.headers[col].clone(),
            number: self.first_column + col,
        }
    }

    /// An error about row `row` (0-based data row), optionally in column `col`.
    pub fn error_at(&self, row: usize, col: Option<usize>, message: impl Into<Msg>) -> StudyError {
        StudyError::Table {
            file: self.source.clone(),
            line: self.lines.get(row).copied().unwrap_or(0),
            column: col.map(|c| self.column_ref(c)),
            message: message.into(),
        }
    }

    /// An error about the header (e.g. a missing column).
    pub fn header_error(&self, col: Option<usize>, message: impl Into<Msg>) -> StudyError {
        StudyError::Table {
            file: self.source.clone(),
            line: self.header_line,
            column: col.map(|c| self.column_ref(c)),
            message: message.into(),
        }
    }

    /// The text of a cell (numbers written without a trailing `.0`); `None` when empty.
    pub fn text(&self, row: usize, col: usize) -> Option<String> {
        match &self.rows[row][col] {
            Cell::Empty => None,
            Cell::Text(s) => Some(s.clone()),
            Cell::Number(x) => Some(format_number(*x)),
        }
    }

    /// The number in a cell: `Ok(None)` when empty, an error naming line and column when the
    /// cell holds text that is not a number in this table's decimal convention.
    pub fn number(&self, row: usize, col: usize) -> Result<Option<f64>, StudyError> {
        match &self.rows[row][col] {
            Cell::Empty => Ok(None),
            Cell::Number(x) => Ok(Some(*x)),
            Cell::Text(s) => read_number(s, self.decimal)
                .map(Some)
                .map_err(|why| self.error_at(row, Some(col), why.msg(s.trim()))),
        }
    }
}

/// Why the text of a cell is not a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotNumber {
    /// Not a number in either convention (`hoog`, `n.v.t.`, `inf`, `1.5.2`).
    Text,
    /// Holds a comma, but the file uses decimal points.
    CommaInPointFile,
    /// Holds a point, but the file uses decimal commas.
    PointInCommaFile,
}

impl NotNumber {
    /// Why the (trimmed) text `t` is not a number, as a catalogue message.
    pub fn msg(self, t: &str) -> Msg {
        let key = match self {
            NotNumber::Text => "table-not-a-number",
            NotNumber::CommaInPointFile => "table-not-a-number-comma",
            NotNumber::PointInCommaFile => "table-not-a-number-point",
        };
        msg!(key, text = t)
    }

    /// The English explanation for the (trimmed) text `t`, as [`parse_number`] gives it.
    pub fn describe(self, t: &str) -> String {
        match self {
            NotNumber::Text => format!("{t:?} is not a number"),
            NotNumber::CommaInPointFile => format!(
                "{t:?} is not a number (the file uses a decimal point; a comma is not allowed)"
            ),
            NotNumber::PointInCommaFile => format!(
                "{t:?} is not a number (the file uses a decimal comma; a point is not allowed)"
            ),
        }
    }
}

/// Parses a number in the given decimal convention; the error says why it is not one.
pub fn parse_number(text: &str, decimal: Decimal) -> Result<f64, String> {
    read_number(text, decimal).map_err(|why| why.describe(text.trim()))
}

/// Parses a number in the given decimal convention; the error says which way it is not one.
pub fn read_number(text: &str, decimal: Decimal) -> Result<f64, NotNumber> {
    let t = text.trim();
    // The hint about the decimal mark is given only when the text is a number with the other
    // mark (or with thousands separators): "Den Haag, centrum" is simply text.
    let normalised = match decimal {
        Decimal::Point => {
            if t.contains(',') {
                let other = plain_number(&t.replace(',', "."))
                    .or_else(|| plain_number(&t.replace(',', "")));
                return Err(match other {
                    Some(_) => NotNumber::CommaInPointFile,
                    None => NotNumber::Text,
                });
            }
            t.to_string()
        }
        Decimal::Comma => {
            if t.contains('.') {
                let other =
                    plain_number(t).or_else(|| plain_number(&t.replace('.', "").replace(',', ".")));
                return Err(match other {
                    Some(_) => NotNumber::PointInCommaFile,
                    None => NotNumber::Text,
                });
            }
            t.replace(',', ".")
        }
    };
    plain_number(&normalised).ok_or(NotNumber::Text)
}

/// A finite number written with digits, sign, decimal point and exponent only
/// (`f64::from_str` also accepts "inf" and "NaN", which are never data values).
fn plain_number(t: &str) -> Option<f64> {
    let plain = t
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
    match t.parse::<f64>() {
        Ok(x) if plain && x.is_finite() => Some(x),
        _ => None,
    }
}

/// Writes a number the way a researcher typed it: `3` rather than `3.0`.
pub fn format_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

fn looks_like_decimal_comma(cell: &Cell) -> bool {
    let Cell::Text(s) = cell else { return false };
    text_looks_like_decimal_comma(s)
}

fn text_looks_like_decimal_comma(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    match s.split_once(',') {
        Some((int, frac)) => {
            !int.is_empty()
                && !frac.is_empty()
                && int.bytes().all(|b| b.is_ascii_digit())
                && frac.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

/// The header checks of a table: at least one column, every column named, no name twice.
fn check_header_names(
    source: &str,
    header_line: usize,
    first_column: usize,
    headers: &[String],
) -> Result<(), StudyError> {
    let err = |j: usize, name: &str, message: Msg| StudyError::Table {
        file: source.to_string(),
        line: header_line,
        column: Some(ColumnRef {
            name: name.to_string(),
            number: first_column + j,
        }),
        message,
    };
    if headers.is_empty() {
        return Err(StudyError::Table {
            file: source.to_string(),
            line: header_line,
            column: None,
            message: msg!("table-no-header-names"),
        });
    }
    // Header name -> first column with it (a map, so that wide tables cost no more than
    // their width).
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(headers.len());
    for (j, h) in headers.iter().enumerate() {
        if h.is_empty() {
            return Err(err(j, h, msg!("table-column-no-name")));
        }
        if let Some(&k) = seen.get(h.as_str()) {
            return Err(err(
                j,
                h,
                msg!("table-duplicate-column", column = first_column + k),
            ));
        }
        seen.insert(h.as_str(), j);
    }
    Ok(())
}

/// Picks the separator that occurs most often outside quotes on the header line.
fn detect_delimiter(bytes: &[u8]) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for &b in bytes {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                for c in counts.iter_mut() {
                    if c.0 == b {
                        c.1 += 1;
                    }
                }
            }
            _ => {}
        }
    }
    // Ties (including a one-column file) go to the comma, the CSV default.
    counts
        .iter()
        .fold((b',', 0), |best, c| if c.1 > best.1 { *c } else { best })
        .0
}

fn spreadsheet_cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(x) => Cell::Number(*x),
        Data::Bool(b) => Cell::Number(if *b { 1.0 } else { 0.0 }),
        Data::String(s) => {
            let t = s.trim();
            if t.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(t.to_string())
            }
        }
        // Dates and error values (#DIV/0!) are kept as text so that they are reported
        // wherever a number is required.
        other => Cell::Text(other.to_string()),
    }
}

/// What a column holds, judged from all its cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnType {
    /// Numbers (and perhaps empty cells), no text.
    Number,
    /// Text and no numbers: a label column such as names, regions or codes like GM0363.
    Text,
    /// Numbers and text: a column of numbers in which some cells are not numbers.
    Mixed,
    /// Nothing but empty cells.
    Empty,
}

/// A cell whose text is not a number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextCell {
    /// 0-based data row (the file line is `table.lines[row]`).
    pub row: usize,
    /// The text as written (trimmed).
    pub text: String,
    /// Why it is not a number.
    pub why: NotNumber,
}

/// One column summarised in one pass over its cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnProfile {
    /// 0-based table column.
    pub index: usize,
    /// What the column holds.
    pub kind: ColumnType,
    /// Cells holding a number.
    pub numbers: usize,
    /// Cells holding text that is not a number.
    pub texts: usize,
    /// Empty cells.
    pub empty: usize,
    /// The first cell holding text that is not a number.
    pub first_text: Option<TextCell>,
    /// The first empty cell (0-based data row).
    pub first_empty: Option<usize>,
}

impl Table {
    /// What column `col` (0-based) holds: one pass over its cells.
    pub fn profile(&self, col: usize) -> ColumnProfile {
        let mut p = ColumnProfile {
            index: col,
            kind: ColumnType::Empty,
            numbers: 0,
            texts: 0,
            empty: 0,
            first_text: None,
            first_empty: None,
        };
        for (row, cells) in self.rows.iter().enumerate() {
            match &cells[col] {
                Cell::Empty => {
                    p.empty += 1;
                    p.first_empty.get_or_insert(row);
                }
                Cell::Number(_) => p.numbers += 1,
                Cell::Text(s) => match read_number(s, self.decimal) {
                    Ok(_) => p.numbers += 1,
                    Err(why) => {
                        p.texts += 1;
                        if p.first_text.is_none() {
                            p.first_text = Some(TextCell {
                                row,
                                text: s.clone(),
                                why,
                            });
                        }
                    }
                },
            }
        }
        p.kind = match (p.numbers > 0, p.texts > 0) {
            (true, false) => ColumnType::Number,
            (false, true) => ColumnType::Text,
            (true, true) => ColumnType::Mixed,
            (false, false) => ColumnType::Empty,
        };
        p
    }

    /// The profile of every column, in table order.
    pub fn profiles(&self) -> Vec<ColumnProfile> {
        (0..self.headers.len()).map(|c| self.profile(c)).collect()
    }

    /// The column of case identifiers (0-based): the column named `name` (compared as
    /// [`Table::column_index`] does) when given; otherwise the first column when it holds
    /// any text that is not a number; otherwise none (cases are then numbered `1..n`).
    pub fn case_column(&self, name: Option<&str>) -> Result<Option<usize>, StudyError> {
        match name {
            Some(name) => Ok(Some(self.column_index(name).ok_or_else(|| {
                self.header_error(
                    None,
                    msg!(
                        "table-unknown-case-column",
                        name = name.trim(),
                        columns = self.headers.join(", ")
                    ),
                )
            })?)),
            None => {
                let first_is_text = !self.headers.is_empty()
                    && self.rows.iter().any(|row| match &row[0] {
                        Cell::Text(s) => read_number(s, self.decimal).is_err(),
                        _ => false,
                    });
                Ok(first_is_text.then_some(0))
            }
        }
    }

    /// The column named exactly `name` (trimmed), to be read as a set: an error when there
    /// is no such column (suggesting a header that differs only in case) or when it is the
    /// case column `case_col`.
    pub fn set_column(&self, name: &str, case_col: Option<usize>) -> Result<usize, StudyError> {
        let name = name.trim();
        let Some(c) = self.headers.iter().position(|h| h == name) else {
            let hint = self
                .column_index(name)
                .map(|c| self.headers[c].clone())
                // "none" selects the catalogue's variant without a suggestion.
                .unwrap_or_else(|| "none".to_string());
            return Err(self.header_error(
                None,
                msg!(
                    "table-unknown-column",
                    name = name,
                    columns = self.headers.join(", "),
                    suggestion = hint
                ),
            ));
        };
        if Some(c) == case_col {
            return Err(self.header_error(Some(c), msg!("table-case-column-as-set", name = name)));
        }
        Ok(c)
    }

    /// Adds a column at the right end; `cells` holds one cell per data row. The name must be
    /// new (also when compared case-insensitively) and non-empty.
    pub fn push_column(&mut self, name: &str, cells: Vec<Cell>) -> Result<(), StudyError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(self.header_error(None, msg!("table-new-column-name")));
        }
        if let Some(c) = self.column_index(name) {
            return Err(self.header_error(Some(c), msg!("table-column-exists", name = name)));
        }
        if cells.len() != self.rows.len() {
            return Err(self.header_error(
                None,
                format!(
                    "column {name:?} has {} values for {} rows",
                    cells.len(),
                    self.rows.len()
                ),
            ));
        }
        self.headers.push(name.to_string());
        for (row, cell) in self.rows.iter_mut().zip(cells) {
            row.push(cell);
        }
        Ok(())
    }

    /// The table as CSV text in the form of the file it came from (separator, decimal
    /// convention, byte-order mark); a spreadsheet becomes a comma-separated file with
    /// decimal points. Text cells are written as they were read (trimmed), numbers from a
    /// spreadsheet without a trailing `.0`, and fields are quoted where needed.
    pub fn to_csv_bytes(&self) -> Result<Vec<u8>, StudyError> {
        let format = self.csv.unwrap_or(CsvFormat {
            delimiter: if self.decimal == Decimal::Comma {
                b';'
            } else {
                b','
            },
            bom: false,
        });
        let mut out = Vec::new();
        if format.bom {
            out.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
        }
        let failed = |e: csv::Error| StudyError::Table {
            file: self.source.clone(),
            line: 0,
            column: None,
            message: msg!("table-write-csv", error = e.to_string()),
        };
        let mut writer = csv::WriterBuilder::new()
            .delimiter(format.delimiter)
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(out);
        writer.write_record(&self.headers).map_err(failed)?;
        for row in &self.rows {
            writer
                .write_record(row.iter().map(|cell| match cell {
                    Cell::Empty => String::new(),
                    Cell::Text(s) => s.clone(),
                    Cell::Number(x) => format_number_in(*x, self.decimal),
                }))
                .map_err(failed)?;
        }
        writer.into_inner().map_err(|e| StudyError::Table {
            file: self.source.clone(),
            line: 0,
            column: None,
            message: msg!("table-write-csv", error = e.to_string()),
        })
    }

    /// Writes [`Table::to_csv_bytes`] to `path`: first to a temporary file beside it, then
    /// renamed, so that an existing file is replaced whole or not at all.
    pub fn write_csv(&self, path: &Path) -> Result<(), StudyError> {
        let bytes = self.to_csv_bytes()?;
        let failed = |message: Msg| StudyError::Table {
            file: path.display().to_string(),
            line: 0,
            column: None,
            message,
        };
        let mut tmp_name = path
            .file_name()
            .ok_or_else(|| failed(msg!("table-not-a-file-name")))?
            .to_os_string();
        tmp_name.push(format!(".{}.tmp", std::process::id()));
        let tmp = path.with_file_name(tmp_name);
        let written = std::fs::write(&tmp, &bytes).and_then(|()| std::fs::rename(&tmp, path));
        written.map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            failed(msg!("table-write-file", error = e.to_string()))
        })
    }
}

/// A number written for a file with the given decimal convention: `3`, `0.25` or `0,25`.
pub fn format_number_in(x: f64, decimal: Decimal) -> String {
    let s = format_number(x);
    match decimal {
        Decimal::Point => s,
        Decimal::Comma => s.replace('.', ","),
    }
}

/// Set data taken from a table, and what was left out.
#[derive(Clone, Debug, PartialEq)]
pub struct SelectedSets {
    /// The cases × the chosen columns, in table order.
    pub data: SetData,
    /// The column of case identifiers (0-based), if any.
    pub case_column: Option<usize>,
    /// When no columns were named: the columns left out because they hold no number (label
    /// columns such as names and regions, or empty columns), in table order, 0-based.
    pub left_out: Vec<usize>,
}

/// Turns the chosen columns of a table into set data. Only those columns are read as
/// numbers, so columns of names, regions or codes may stand anywhere in the file.
///
/// The case identifiers come as [`Table::case_column`] says.
/// - `columns: Some(names)`: exactly these columns (exact header names), in table order. A
///   name that is no column or is the case column, and a cell in one of them that is text or
///   empty, is an error naming its place.
/// - `columns: None`: every column holding numbers, except the case column. Columns without
///   any number (text, or nothing) are left out and listed in [`SelectedSets::left_out`]. A
///   column holding both numbers and text is an error at its first text cell: it is a column
///   of numbers with a bad cell, and leaving it out silently would change the analysis.
///
/// Cost: one pass over the cells of the chosen columns (with `None`, over every cell), and
/// a hash map for duplicate case identifiers.
pub fn select_sets(
    table: &Table,
    case_column: Option<&str>,
    columns: Option<&[String]>,
) -> Result<SelectedSets, StudyError> {
    if table.rows.is_empty() {
        return Err(table.header_error(None, "the table has a header but no data rows"));
    }
    let case_col = table.case_column(case_column)?;
    let mut left_out = Vec::new();
    let chosen: Vec<usize> = match columns {
        Some(names) => {
            let mut wanted = vec![false; table.headers.len()];
            for name in names {
                wanted[table.set_column(name, case_col)?] = true;
            }
            (0..table.headers.len()).filter(|&c| wanted[c]).collect()
        }
        None => {
            let mut chosen = Vec::new();
            for c in (0..table.headers.len()).filter(|&c| Some(c) != case_col) {
                let p = table.profile(c);
                match p.kind {
                    ColumnType::Number => chosen.push(c),
                    ColumnType::Text | ColumnType::Empty => left_out.push(c),
                    ColumnType::Mixed => {
                        let Some(cell) = p.first_text else {
                            unreachable!("a mixed column has a text cell")
                        };
                        return Err(table.error_at(
                            cell.row,
                            Some(c),
                            msg!(
                                "table-mixed-column",
                                why = cell.why.msg(&cell.text),
                                numbers = p.numbers
                            ),
                        ));
                    }
                }
            }
            chosen
        }
    };
    let data = build_set_data(table, case_col, &chosen)?;
    Ok(SelectedSets {
        data,
        case_column: case_col,
        left_out,
    })
}

/// Turns a table into set data for the QCA engine, every column a set.
///
/// The case identifiers come from `case_column` when given; otherwise from the first column
/// when it holds anything that is not a number; otherwise cases are named `1..n`. Every
/// other cell must be a number: text and empty cells are errors naming line and column.
/// [`select_sets`] reads only the columns asked for.
pub fn to_set_data(table: &Table, case_column: Option<&str>) -> Result<SetData, StudyError> {
    if table.rows.is_empty() {
        return Err(table.header_error(None, "the table has a header but no data rows"));
    }
    let case_col = table.case_column(case_column)?;
    let chosen: Vec<usize> = (0..table.headers.len())
        .filter(|c| Some(*c) != case_col)
        .collect();
    build_set_data(table, case_col, &chosen)
}

/// The set data of columns `chosen` (0-based, in this order) with cases from `case_col`.
fn build_set_data(
    table: &Table,
    case_col: Option<usize>,
    chosen: &[usize],
) -> Result<SetData, StudyError> {
    let cases: Vec<String> = match case_col {
        Some(c) => {
            let mut cases: Vec<String> = Vec::with_capacity(table.n_rows());
            // Case identifier -> its first row.
            let mut seen: HashMap<String, usize> = HashMap::with_capacity(table.n_rows());
            for r in 0..table.n_rows() {
                let id = table
                    .text(r, c)
                    .ok_or_else(|| table.error_at(r, Some(c), "missing case identifier"))?;
                if let Some(&earlier) = seen.get(&id) {
                    return Err(table.error_at(
                        r,
                        Some(c),
                        format!(
                            "case {id:?} occurs twice (also on line {})",
                            table.lines[earlier]
                        ),
                    ));
                }
                seen.insert(id.clone(), r);
                cases.push(id);
            }
            cases
        }
        None => (1..=table.n_rows()).map(|i| i.to_string()).collect(),
    };
    let mut names = Vec::with_capacity(chosen.len());
    let mut columns = Vec::with_capacity(chosen.len());
    for &c in chosen {
        let mut values = Vec::with_capacity(table.n_rows());
        for r in 0..table.n_rows() {
            let v = table.number(r, c)?.ok_or_else(|| {
                table.error_at(
                    r,
                    Some(c),
                    msg!(
                        "table-missing-value",
                        column = table.headers[c].as_str(),
                        line = table.lines[r]
                    ),
                )
            })?;
            values.push(v);
        }
        names.push(table.headers[c].clone());
        columns.push(values);
    }
    if names.is_empty() {
        return Err(table.header_error(None, msg!("table-no-data-columns")));
    }
    SetData::new(cases, names, columns).map_err(|e| StudyError::Table {
        file: table.source.clone(),
        line: 0,
        column: None,
        message: e.msg(),
    })
}

// ---------------------------------------------------------------- streaming CSV

/// What the rows of a table are read against: where the table came from, its header and its
/// decimal convention, without the rows. [`Table::head`] gives a table's; [`CsvScan`] gives
/// a CSV file's without keeping its rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableHead {
    /// Where the table came from (as [`Table::source`]).
    pub source: String,
    /// Column names, trimmed, unique and non-empty.
    pub headers: Vec<String>,
    /// 1-based line or row of the header.
    pub header_line: usize,
    /// 1-based file column of the first table column.
    pub first_column: usize,
    /// Decimal convention used to read numbers written as text.
    pub decimal: Decimal,
}

impl TableHead {
    /// Index of a column, as [`Table::column_index`].
    pub fn column_index(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        self.headers.iter().position(|h| h == name).or_else(|| {
            self.headers
                .iter()
                .position(|h| h.eq_ignore_ascii_case(name))
        })
    }

    /// The [`ColumnRef`] of column `col` (0-based table index).
    pub fn column_ref(&self, col: usize) -> ColumnRef {
        ColumnRef {
            name: self.headers[col].clone(),
            number: self.first_column + col,
        }
    }

    /// An error about the row at file line `line`, optionally in column `col`.
    pub fn error_at(&self, line: usize, col: Option<usize>, message: impl Into<Msg>) -> StudyError {
        StudyError::Table {
            file: self.source.clone(),
            line,
            column: col.map(|c| self.column_ref(c)),
            message: message.into(),
        }
    }

    /// An error about the header (e.g. a missing column).
    pub fn header_error(&self, col: Option<usize>, message: impl Into<Msg>) -> StudyError {
        self.error_at(self.header_line, col, message)
    }
}

impl Table {
    /// The table without its rows: what a row is read against.
    pub fn head(&self) -> TableHead {
        TableHead {
            source: self.source.clone(),
            headers: self.headers.clone(),
            header_line: self.header_line,
            first_column: self.first_column,
            decimal: self.decimal,
        }
    }
}

/// A CSV file checked in one pass over a reader, without keeping its rows; the rows are
/// then read one at a time by [`CsvScan::rows`] from a second reader of the same bytes.
///
/// The file is read by the rules of [`Table::from_csv_bytes`] (byte-order mark, UTF-16
/// refused, separator detected on the header line, decimal comma detected over all rows,
/// quoted fields, blank rows skipped, trailing unnamed empty columns dropped, lines counted
/// for LF, CRLF and CR files), and every problem it would report is reported here with the
/// same message and place, and with the same precedence (which is why the scan reads the
/// whole file: the decimal convention, the trailing columns and the header checks depend on
/// every row). Memory: one record and the header; lines are counted as the bytes pass.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvScan {
    /// Source, header, header line and decimal convention of the file.
    pub head: TableHead,
    /// Number of data rows (blank rows not counted), as [`Table::n_rows`].
    pub rows: usize,
    /// Separator and byte-order mark.
    pub format: CsvFormat,
    /// Fields of the header record before trailing unnamed empty columns were dropped: the
    /// number of fields every row must have.
    fields: usize,
}

/// One data row of a CSV file read by [`CsvRows`].
#[derive(Clone, Debug, PartialEq)]
pub struct CsvRow {
    /// 1-based line where the record starts, as in [`Table::lines`].
    pub line: usize,
    /// One cell per header: empty or text (trimmed), as in [`Table::rows`].
    pub cells: Vec<Cell>,
}

const UTF8_BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];

/// The CSV input after its start: the bytes read to judge the byte-order mark and the
/// separator, then the rest of the reader, with lines counted on the way.
type CsvInput<R> = LineCounter<std::io::Chain<std::io::Cursor<Vec<u8>>, R>>;

fn whole_file_error(source: &str, message: Msg) -> StudyError {
    StudyError::Table {
        file: source.to_string(),
        line: 0,
        column: None,
        message,
    }
}

/// Reads the start of a CSV stream: refuses UTF-16 and strips a UTF-8 byte-order mark.
/// Returns the bytes read (without the mark), which hold the whole first line (up to its
/// first newline outside quotes, what [`detect_delimiter`] looks at) unless the stream
/// ended before, and whether there was a mark.
fn read_csv_start<R: std::io::Read>(
    reader: &mut R,
    source: &str,
) -> Result<(Vec<u8>, bool), StudyError> {
    let mut head = Vec::new();
    let mut buf = [0u8; 8192];
    let (mut scanned, mut quoted) = (0, false);
    loop {
        let n = match reader.read(&mut buf) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(whole_file_error(
                    source,
                    msg!("table-cannot-read", error = e.to_string()),
                ));
            }
        };
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buf[..n]);
        if head.len() < UTF8_BOM.len() {
            continue;
        }
        let from = if head.starts_with(&UTF8_BOM) {
            scanned.max(UTF8_BOM.len())
        } else {
            scanned
        };
        let mut line_end = false;
        for &b in &head[from..] {
            match b {
                b'"' => quoted = !quoted,
                b'\n' if !quoted => {
                    line_end = true;
                    break;
                }
                _ => {}
            }
        }
        scanned = head.len();
        if line_end {
            break;
        }
    }
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Err(whole_file_error(source, msg!("table-utf16")));
    }
    let bom = head.starts_with(&UTF8_BOM);
    if bom {
        head.drain(..UTF8_BOM.len());
    }
    Ok((head, bom))
}

fn csv_reader<R: std::io::Read>(
    start: Vec<u8>,
    rest: R,
    delimiter: u8,
) -> csv::Reader<CsvInput<R>> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(LineCounter::new(std::io::Read::chain(
            std::io::Cursor::new(start),
            rest,
        )))
}

/// A CSV reader's error with its line (an I/O error concerns the whole file).
fn csv_read_error<R: std::io::Read>(
    reader: &mut csv::Reader<CsvInput<R>>,
    e: csv::Error,
    source: &str,
) -> StudyError {
    if let csv::ErrorKind::Io(io) = e.kind() {
        return whole_file_error(source, msg!("table-cannot-read", error = io.to_string()));
    }
    let line = e
        .position()
        .map(|p| reader.get_mut().line_of(p.byte()))
        .unwrap_or(0);
    StudyError::Table {
        file: source.to_string(),
        line,
        column: None,
        message: msg!("table-csv-parse", error = e.to_string()),
    }
}

/// The fields of a record as trimmed text; invalid UTF-8 is an error naming the column
/// (by the header field `names`, when known).
fn record_fields<'r>(
    record: &'r csv::ByteRecord,
    line: usize,
    names: &[String],
    source: &str,
) -> Result<Vec<&'r str>, StudyError> {
    let mut fields = Vec::with_capacity(record.len());
    for (j, raw) in record.iter().enumerate() {
        match std::str::from_utf8(raw) {
            Ok(s) => fields.push(s.trim()),
            Err(_) => {
                return Err(StudyError::Table {
                    file: source.to_string(),
                    line,
                    column: Some(ColumnRef {
                        name: names.get(j).cloned().unwrap_or_default(),
                        number: j + 1,
                    }),
                    message: "the text is not valid UTF-8; save the file as UTF-8 (CSV UTF-8)"
                        .into(),
                });
            }
        }
    }
    Ok(fields)
}

fn field_count_error(
    source: &str,
    line: usize,
    fields: usize,
    headers: &[String],
    delimiter: u8,
) -> StudyError {
    let number = fields.min(headers.len()) + 1;
    let name = headers.get(number - 1).cloned().unwrap_or_default();
    StudyError::Table {
        file: source.to_string(),
        line,
        column: Some(ColumnRef { name, number }),
        message: format!(
            "this row has {} fields but the header has {} (separator {:?})",
            fields,
            headers.len(),
            delimiter as char
        )
        .into(),
    }
}

impl CsvScan {
    /// Reads and checks a whole CSV file from `reader`. `source` names it in errors.
    pub fn read<R: std::io::Read>(
        mut reader: R,
        source: &str,
        options: &ReadOptions,
    ) -> Result<CsvScan, StudyError> {
        let (start, bom) = read_csv_start(&mut reader, source)?;
        let delimiter = options
            .delimiter
            .unwrap_or_else(|| detect_delimiter(&start));
        let mut reader = csv_reader(start, reader, delimiter);
        let mut record = csv::ByteRecord::new();
        let mut header: Option<(usize, Vec<String>)> = None;
        let mut rows = 0;
        // The first row whose field count is wrong: reported after the whole file was read,
        // as `Table::from_csv_bytes` reports text that is not UTF-8 first.
        let mut wrong_width: Option<StudyError> = None;
        let mut decimal_comma = false;
        // 1 + the last column that holds something in some row.
        let mut used = 0;
        loop {
            match reader.read_byte_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return Err(csv_read_error(&mut reader, e, source)),
            }
            let line = record
                .position()
                .map(|p| reader.get_mut().line_of(p.byte()))
                .unwrap_or(0);
            let names = header.as_ref().map_or(&[][..], |(_, h)| h.as_slice());
            let fields = record_fields(&record, line, names, source)?;
            let Some((_, headers)) = &header else {
                header = Some((line, fields.iter().map(|f| f.to_string()).collect()));
                continue;
            };
            if wrong_width.is_some() || fields.iter().all(|f| f.is_empty()) {
                continue;
            }
            if fields.len() != headers.len() {
                wrong_width = Some(field_count_error(
                    source,
                    line,
                    fields.len(),
                    headers,
                    delimiter,
                ));
                continue;
            }
            rows += 1;
            if let Some(last) = fields.iter().rposition(|f| !f.is_empty()) {
                used = used.max(last + 1);
            }
            if delimiter == b';' && !decimal_comma {
                decimal_comma = fields.iter().any(|f| text_looks_like_decimal_comma(f));
            }
        }
        if reader.get_ref().all_whitespace {
            return Err(whole_file_error(source, msg!("table-empty")));
        }
        let Some((header_line, mut headers)) = header else {
            return Err(whole_file_error(source, msg!("table-empty")));
        };
        if let Some(e) = wrong_width {
            return Err(e);
        }
        let fields = headers.len();
        while headers.len() > used && headers.last().is_some_and(|h| h.is_empty()) {
            headers.pop();
        }
        check_header_names(source, header_line, 1, &headers)?;
        let decimal = options.decimal.unwrap_or(if decimal_comma {
            Decimal::Comma
        } else {
            Decimal::Point
        });
        Ok(CsvScan {
            head: TableHead {
                source: source.to_string(),
                headers,
                header_line,
                first_column: 1,
                decimal,
            },
            rows,
            format: CsvFormat { delimiter, bom },
            fields,
        })
    }

    /// The data rows, read from `reader`, which must give the bytes that were scanned (a
    /// second open of the same file). A row that no longer fits the scan is an error.
    pub fn rows<R: std::io::Read>(&self, mut reader: R) -> Result<CsvRows<R>, StudyError> {
        let (start, _) = read_csv_start(&mut reader, &self.head.source)?;
        Ok(CsvRows {
            reader: csv_reader(start, reader, self.format.delimiter),
            record: csv::ByteRecord::new(),
            head: self.head.clone(),
            fields: self.fields,
            delimiter: self.format.delimiter,
            header_seen: false,
            done: false,
        })
    }
}

/// The data rows of a scanned CSV file, one at a time, in file order (see [`CsvScan`]).
pub struct CsvRows<R: std::io::Read> {
    reader: csv::Reader<CsvInput<R>>,
    record: csv::ByteRecord,
    head: TableHead,
    fields: usize,
    delimiter: u8,
    header_seen: bool,
    done: bool,
}

impl<R: std::io::Read> CsvRows<R> {
    /// The head the rows are read against.
    pub fn head(&self) -> &TableHead {
        &self.head
    }

    /// The reader the rows come from.
    pub fn get_ref(&self) -> &R {
        self.reader.get_ref().inner.get_ref().1
    }

    /// The reader the rows came from (read to its end once the rows are).
    pub fn into_inner(self) -> R {
        self.reader.into_inner().inner.into_inner().1
    }

    fn next_row(&mut self) -> Result<Option<CsvRow>, StudyError> {
        let source = self.head.source.as_str();
        loop {
            match self.reader.read_byte_record(&mut self.record) {
                Ok(true) => {}
                Ok(false) => return Ok(None),
                Err(e) => return Err(csv_read_error(&mut self.reader, e, source)),
            }
            let line = self
                .record
                .position()
                .map(|p| self.reader.get_mut().line_of(p.byte()))
                .unwrap_or(0);
            let names = if self.header_seen {
                self.head.headers.as_slice()
            } else {
                &[]
            };
            let fields = record_fields(&self.record, line, names, source)?;
            if !self.header_seen {
                self.header_seen = true;
                continue;
            }
            if fields.iter().all(|f| f.is_empty()) {
                continue;
            }
            if fields.len() != self.fields {
                let mut headers = self.head.headers.clone();
                headers.resize(self.fields, String::new());
                return Err(field_count_error(
                    source,
                    line,
                    fields.len(),
                    &headers,
                    self.delimiter,
                ));
            }
            let cells = fields[..self.head.headers.len()]
                .iter()
                .map(|f| {
                    if f.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text((*f).to_string())
                    }
                })
                .collect();
            return Ok(Some(CsvRow { line, cells }));
        }
    }
}

impl<R: std::io::Read> Iterator for CsvRows<R> {
    type Item = Result<CsvRow, StudyError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let next = self.next_row().transpose();
        if !matches!(next, Some(Ok(_))) {
            self.done = true;
        }
        next
    }
}

/// Passes bytes through and notes where lines start, so that the byte offset of a record
/// becomes its line as [`Table::from_csv_bytes`] counts them (LF, CRLF and lone CR end a
/// line; a record reported at the CR or LF before its text is on the line of its text)
/// without keeping the file: only the line starts and CR/LF runs not yet passed by a
/// record are kept, at most what the CSV reader's buffer holds ahead. Offsets must be asked
/// in ascending order.
struct LineCounter<R> {
    inner: R,
    /// Bytes passed through.
    offset: u64,
    /// The last byte passed was a CR (whether it ends a line depends on the next byte).
    after_cr: bool,
    /// Line starts (after the first) not yet passed by an asked offset.
    starts: std::collections::VecDeque<u64>,
    /// Line starts counted: those at or before the last asked offset.
    counted: usize,
    /// Maximal runs of CR and LF bytes `[start, end)`, not yet passed.
    runs: std::collections::VecDeque<(u64, u64)>,
    /// Start of the run being read, if the last byte was a CR or LF.
    run_start: Option<u64>,
    /// Whether every byte so far was ASCII whitespace.
    all_whitespace: bool,
}

impl<R> LineCounter<R> {
    fn new(inner: R) -> Self {
        LineCounter {
            inner,
            offset: 0,
            after_cr: false,
            starts: std::collections::VecDeque::new(),
            counted: 1,
            runs: std::collections::VecDeque::new(),
            run_start: None,
            all_whitespace: true,
        }
    }

    fn end_of_input(&mut self) {
        if std::mem::take(&mut self.after_cr) {
            self.starts.push_back(self.offset);
        }
        if let Some(s) = self.run_start.take() {
            self.runs.push_back((s, self.offset));
        }
    }

    /// The 1-based line of the byte at `byte`, skipping CR and LF bytes at it.
    fn line_of(&mut self, byte: u64) -> usize {
        while self.runs.front().is_some_and(|&(_, end)| end <= byte) {
            self.runs.pop_front();
        }
        let at = match (self.runs.front(), self.run_start) {
            (Some(&(start, end)), _) if start <= byte => end,
            (None, Some(start)) if start <= byte => self.offset,
            _ => byte,
        };
        while self.starts.front().is_some_and(|&s| s <= at) {
            self.starts.pop_front();
            self.counted += 1;
        }
        self.counted
    }
}

impl<R: std::io::Read> std::io::Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 {
            self.end_of_input();
            return Ok(0);
        }
        for (k, &b) in buf[..n].iter().enumerate() {
            let pos = self.offset + k as u64;
            if std::mem::take(&mut self.after_cr) && b != b'\n' {
                self.starts.push_back(pos);
            }
            match b {
                b'\n' => self.starts.push_back(pos + 1),
                b'\r' => self.after_cr = true,
                _ => {}
            }
            if b == b'\n' || b == b'\r' {
                self.run_start.get_or_insert(pos);
            } else {
                if let Some(s) = self.run_start.take() {
                    self.runs.push_back((s, pos));
                }
                if !b.is_ascii_whitespace() {
                    self.all_whitespace = false;
                }
            }
        }
        self.offset += n as u64;
        Ok(n)
    }
}

/// Whether the file starts like text (a CSV or a table exported as text) rather than like a
/// spreadsheet (xlsx and ods are zip archives starting `PK`, xls an OLE file starting
/// `D0 CF 11 E0`): its first kilobyte is valid UTF-8 without NUL bytes.
fn looks_like_text(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 1024];
    let n = match std::fs::File::open(path).and_then(|mut f| f.read(&mut head)) {
        Ok(n) => n,
        Err(_) => return false,
    };
    let head = &head[..n];
    if n == 0 || head.starts_with(b"PK") || head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return false;
    }
    // The kilobyte may end inside a multi-byte character.
    let valid = match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    };
    valid && !head.contains(&0)
}
