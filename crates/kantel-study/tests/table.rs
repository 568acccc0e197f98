//! Reading CSV/XLSX tables and turning them into set data.
//!
//! The reference for the values is a deliberately naive parse of LF.csv written here
//! (split on commas, strip quotes), independent of the csv crate and of calamine.

use std::path::{Path, PathBuf};

use kantel_study::StudyError;
use kantel_study::table::{Cell, ColumnRef, Decimal, ReadOptions, Table, to_set_data};
use rust_xlsxwriter::Workbook;

const LF_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../testdata/validation/data/LF.csv"
);

fn lf_text() -> String {
    std::fs::read_to_string(LF_PATH).unwrap()
}

/// (case names, set names, columns) parsed by hand from LF.csv.
fn lf_reference() -> (Vec<String>, Vec<String>, Vec<Vec<f64>>) {
    let text = lf_text();
    let mut lines = text.lines();
    let unq = |s: &str| s.trim().trim_matches('"').to_string();
    let header: Vec<String> = lines.next().unwrap().split(',').map(unq).collect();
    let mut cases = Vec::new();
    let mut cols = vec![Vec::new(); header.len() - 1];
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split(',').collect();
        cases.push(unq(f[0]));
        for j in 1..f.len() {
            cols[j - 1].push(f[j].trim().parse::<f64>().unwrap());
        }
    }
    (cases, header[1..].to_vec(), cols)
}

fn assert_is_lf(data: &kantel_qca::SetData) {
    let (cases, names, cols) = lf_reference();
    assert_eq!(data.cases(), cases.as_slice());
    assert_eq!(data.names(), names.as_slice());
    for (j, name) in names.iter().enumerate() {
        assert_eq!(
            data.column(name).unwrap(),
            cols[j].as_slice(),
            "column {name}"
        );
    }
}

fn csv(text: &str) -> Result<Table, StudyError> {
    Table::from_csv_bytes(text.as_bytes(), "test.csv", &ReadOptions::default())
}

fn temp_path(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kantel-study-table-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Destructures a table error into (line, column name, column number, message).
fn table_err(e: StudyError) -> (usize, Option<(String, usize)>, String) {
    match e {
        StudyError::Table {
            line,
            column,
            message,
            ..
        } => (
            line,
            column.map(|ColumnRef { name, number }| (name, number)),
            message,
        ),
        other => panic!("expected a table error, got {other:?}"),
    }
}

#[test]
fn lf_csv_reads_with_lines_and_converts() {
    let t = Table::read(Path::new(LF_PATH), &ReadOptions::default()).unwrap();
    assert_eq!(
        t.headers,
        ["case", "DEV", "URB", "LIT", "IND", "STB", "SURV"]
    );
    assert_eq!(t.n_rows(), 18);
    assert_eq!(t.header_line, 1);
    assert_eq!(t.lines, (2..=19).collect::<Vec<_>>());
    assert_eq!(t.decimal, Decimal::Point);
    assert_eq!(t.rows[0][0], Cell::Text("AU".into()));
    let data = to_set_data(&t, None).unwrap();
    assert_is_lf(&data);
}

#[test]
fn semicolon_decimal_comma_variant_gives_same_data() {
    let text = lf_text().replace(',', ";").replace('.', ",");
    let t = csv(&text).unwrap();
    assert_eq!(t.decimal, Decimal::Comma);
    assert_is_lf(&to_set_data(&t, None).unwrap());

    // Forcing a decimal point on that file makes "0,81" a non-number at line 2, column DEV.
    let forced = Table::from_csv_bytes(
        text.as_bytes(),
        "test.csv",
        &ReadOptions {
            decimal: Some(Decimal::Point),
            ..ReadOptions::default()
        },
    )
    .unwrap();
    let (line, col, msg) = table_err(to_set_data(&forced, None).unwrap_err());
    assert_eq!((line, col), (2, Some(("DEV".into(), 2))));
    assert!(msg.contains("\"0,81\""), "{msg}");
}

#[test]
fn semicolon_file_with_points_keeps_decimal_point() {
    let text = lf_text().replace(',', ";");
    let t = csv(&text).unwrap();
    assert_eq!(t.decimal, Decimal::Point);
    assert_is_lf(&to_set_data(&t, None).unwrap());
}

#[test]
fn delimiter_can_be_overridden() {
    // A one-column-looking header: detection would pick ';', the override says ','.
    let text = "a;b,c\n1,2\n";
    let t = Table::from_csv_bytes(
        text.as_bytes(),
        "x.csv",
        &ReadOptions {
            delimiter: Some(b','),
            ..ReadOptions::default()
        },
    )
    .unwrap();
    assert_eq!(t.headers, ["a;b", "c"]);
    let t2 = csv("a\tb\n1\t2\n").unwrap();
    assert_eq!(t2.headers, ["a", "b"]);
}

#[test]
fn bom_is_stripped() {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(lf_text().as_bytes());
    let t = Table::from_csv_bytes(&bytes, "bom.csv", &ReadOptions::default()).unwrap();
    assert_eq!(t.headers[0], "case");
    assert_is_lf(&to_set_data(&t, None).unwrap());
}

#[test]
fn quoted_fields_with_separators_and_newlines_keep_line_numbers() {
    let text = "name;x\n\"a;b\";1\n\"multi\nline\";2\n\"c\";oops\n";
    let t = csv(text).unwrap();
    assert_eq!(t.rows[0][0], Cell::Text("a;b".into()));
    assert_eq!(t.rows[1][0], Cell::Text("multi\nline".into()));
    assert_eq!(t.lines, [2, 3, 5]);
    let (line, col, _) = table_err(to_set_data(&t, None).unwrap_err());
    assert_eq!((line, col), (5, Some(("x".into(), 2))));
}

#[test]
fn crlf_and_cr_line_endings_keep_line_numbers() {
    for nl in ["\r\n", "\r"] {
        let text = ["case,A", "x,1", "\"y\nz\",2", "w,?"].join(nl);
        let t = csv(&text).unwrap();
        assert_eq!(t.lines, [2, 3, 5], "{nl:?}");
        let (line, col, _) = table_err(to_set_data(&t, None).unwrap_err());
        assert_eq!((line, col), (5, Some(("A".into(), 2))));
    }
}

#[test]
fn trailing_separator_column_is_dropped_and_blank_rows_skipped() {
    let t = csv("id;v;\nA;1;\n;;\nB;2;\n").unwrap();
    assert_eq!(t.headers, ["id", "v"]);
    assert_eq!(t.lines, [2, 4]);
}

#[test]
fn numeric_first_column_gives_numbered_cases_and_case_column_can_be_named() {
    let t = csv("x,y,label\n0.1,1,p\n0.9,0,q\n").unwrap();
    // The first column is numeric, so it is data; "label" is text and must be named.
    let err = table_err(to_set_data(&t, None).unwrap_err());
    assert_eq!((err.0, err.1), (2, Some(("label".into(), 3))));
    let d = to_set_data(&t, Some("label")).unwrap();
    assert_eq!(d.cases(), ["p", "q"]);
    assert_eq!(d.names(), ["x", "y"]);
    assert_eq!(d.column("x").unwrap(), [0.1, 0.9]);

    let t2 = csv("x,y\n0.1,1\n0.9,0\n0.5,1\n").unwrap();
    let d2 = to_set_data(&t2, None).unwrap();
    assert_eq!(d2.cases(), ["1", "2", "3"]);
    assert_eq!(d2.names(), ["x", "y"]);

    let e = to_set_data(&t2, Some("nope")).unwrap_err();
    assert!(
        e.to_string().contains("no case column named \"nope\""),
        "{e}"
    );
}

#[test]
fn ragged_row_is_an_error_with_line_and_column() {
    let (line, col, msg) = table_err(csv("a,b,c\n1,2,3\n4,5\n").unwrap_err());
    assert_eq!(line, 3);
    assert_eq!(col, Some(("c".into(), 3)));
    assert!(
        msg.contains("2 fields") && msg.contains("header has 3"),
        "{msg}"
    );
    let (line, col, _) = table_err(csv("a,b\n1,2,3\n").unwrap_err());
    assert_eq!((line, col), (2, Some((String::new(), 3))));
}

#[test]
fn non_utf8_is_an_error_with_line_and_column() {
    // "Súdwest" in Latin-1: 0xFA is not valid UTF-8.
    let bytes = b"gemeente;v\nAa en Hunze;1\nS\xFAdwest-Frysl\xE2n;2\n";
    let e = Table::from_csv_bytes(bytes, "latin1.csv", &ReadOptions::default()).unwrap_err();
    let text = e.to_string();
    let (line, col, msg) = table_err(e);
    assert_eq!((line, col), (3, Some(("gemeente".into(), 1))));
    assert!(msg.contains("UTF-8"));
    assert!(
        text.starts_with("latin1.csv, line 3, column \"gemeente\" (no. 1): "),
        "{text}"
    );

    let utf16 = [0xFF, 0xFE, b'a', 0];
    let (line, _, msg) =
        table_err(Table::from_csv_bytes(&utf16, "u16.csv", &ReadOptions::default()).unwrap_err());
    assert_eq!(line, 0);
    assert!(msg.contains("UTF-16"));
}

#[test]
fn empty_file_is_an_error() {
    for bytes in [&b""[..], b"  \n\n", b"\xEF\xBB\xBF"] {
        let (line, col, msg) =
            table_err(Table::from_csv_bytes(bytes, "e.csv", &ReadOptions::default()).unwrap_err());
        assert_eq!((line, col), (0, None));
        assert_eq!(msg, "the file is empty");
    }
    // A header without rows is a table, but not set data.
    let t = csv("case,A\n").unwrap();
    assert!(
        to_set_data(&t, None)
            .unwrap_err()
            .to_string()
            .contains("no data rows")
    );
}

#[test]
fn duplicate_and_empty_headers_are_errors() {
    let (line, col, msg) = table_err(csv("case,A,B,A\nx,1,2,3\n").unwrap_err());
    assert_eq!((line, col), (1, Some(("A".into(), 4))));
    assert!(msg.contains("duplicate") && msg.contains("no. 2"), "{msg}");
    let (line, col, _) = table_err(csv("case,,B\nx,1,2\n").unwrap_err());
    assert_eq!((line, col), (1, Some((String::new(), 2))));
}

#[test]
fn non_numeric_and_empty_cells_are_errors() {
    let (line, col, msg) =
        table_err(to_set_data(&csv("case,A,B\nx,1,2\ny,0.5,hoog\n").unwrap(), None).unwrap_err());
    assert_eq!((line, col), (3, Some(("B".into(), 3))));
    assert!(msg.contains("\"hoog\" is not a number"), "{msg}");

    let (line, col, msg) =
        table_err(to_set_data(&csv("case,A,B\nx,1,2\ny,,1\n").unwrap(), None).unwrap_err());
    assert_eq!((line, col), (3, Some(("A".into(), 2))));
    assert_eq!(msg, "missing value in column A, line 3");

    for bad in ["inf", "NaN", "1.5.2"] {
        let t = csv(&format!("case,A\nx,{bad}\n")).unwrap();
        assert!(to_set_data(&t, None).is_err(), "{bad} must not be a number");
    }
}

#[test]
fn duplicate_and_missing_case_ids_are_errors() {
    let (line, col, msg) =
        table_err(to_set_data(&csv("case,A\nx,1\ny,0\nx,1\n").unwrap(), None).unwrap_err());
    assert_eq!((line, col), (4, Some(("case".into(), 1))));
    assert!(msg.contains("also on line 2"), "{msg}");
    let (line, _, msg) =
        table_err(to_set_data(&csv("case,A\nx,1\n,0\n").unwrap(), None).unwrap_err());
    assert_eq!(line, 3);
    assert!(msg.contains("missing case identifier"));
}

/// Writes LF.csv into a workbook: first a sheet "Notes" of text, then the data sheet
/// starting at `(row0, col0)`.
fn write_lf_xlsx(path: &Path, row0: u32, col0: u16, bad_cell: Option<(usize, usize, &str)>) {
    let (cases, names, cols) = lf_reference();
    let mut wb = Workbook::new();
    let data = wb.add_worksheet();
    data.set_name("LF").unwrap();
    data.write_string(row0, col0, "case").unwrap();
    for (j, n) in names.iter().enumerate() {
        data.write_string(row0, col0 + 1 + j as u16, n).unwrap();
    }
    for (i, case) in cases.iter().enumerate() {
        let r = row0 + 1 + i as u32;
        data.write_string(r, col0, case).unwrap();
        for (j, col) in cols.iter().enumerate() {
            let c = col0 + 1 + j as u16;
            match bad_cell {
                Some((bi, bj, text)) if bi == i && bj == j => {
                    data.write_string(r, c, text).unwrap();
                }
                _ => {
                    data.write_number(r, c, col[i]).unwrap();
                }
            }
        }
    }
    let notes = wb.add_worksheet();
    notes.set_name("Notes").unwrap();
    notes.write_string(0, 0, "note").unwrap();
    notes.write_string(1, 0, "from LF.csv").unwrap();
    wb.save(path).unwrap();
}

#[test]
fn xlsx_first_sheet_gives_same_data_as_csv() {
    let path = temp_path("lf.xlsx");
    write_lf_xlsx(&path, 0, 0, None);
    let t = Table::read(&path, &ReadOptions::default()).unwrap();
    assert!(t.source.ends_with("lf.xlsx, sheet \"LF\""), "{}", t.source);
    assert_eq!(t.lines, (2..=19).collect::<Vec<_>>());
    assert_is_lf(&to_set_data(&t, None).unwrap());

    let notes = Table::read(
        &path,
        &ReadOptions {
            sheet: Some("Notes".into()),
            ..ReadOptions::default()
        },
    )
    .unwrap();
    assert_eq!(notes.headers, ["note"]);
    assert_eq!(notes.rows, [vec![Cell::Text("from LF.csv".into())]]);

    let e = Table::read(
        &path,
        &ReadOptions {
            sheet: Some("Nope".into()),
            ..ReadOptions::default()
        },
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .contains("no sheet named \"Nope\"; the sheets are LF, Notes"),
        "{e}"
    );
}

#[test]
fn xlsx_offset_table_reports_sheet_rows_and_columns() {
    let path = temp_path("lf_offset.xlsx");
    // Header in C3 (row index 2, column index 2); a text cell in case 4 ("EE"), set URB.
    write_lf_xlsx(&path, 2, 2, Some((3, 1, "n.v.t.")));
    let t = Table::read(&path, &ReadOptions::default()).unwrap();
    assert_eq!(t.header_line, 3);
    assert_eq!(t.first_column, 3);
    assert_eq!(t.lines[0], 4);
    let e = to_set_data(&t, None).unwrap_err();
    let text = e.to_string();
    let (line, col, msg) = table_err(e);
    // Case 4 is in spreadsheet row 3 + 4 = 7; URB is the 2nd set, spreadsheet column E = 5.
    assert_eq!((line, col), (7, Some(("URB".into(), 5))));
    assert!(msg.contains("\"n.v.t.\" is not a number"));
    assert!(text.contains("sheet \"LF\", line 7"), "{text}");
}

#[test]
fn xlsx_duplicate_header_and_empty_cell() {
    let path = temp_path("dup.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (j, h) in ["case", "A", "A"].iter().enumerate() {
        ws.write_string(0, j as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "x").unwrap();
    ws.write_number(1, 1, 1.0).unwrap();
    ws.write_number(1, 2, 0.0).unwrap();
    wb.save(&path).unwrap();
    let (line, col, _) = table_err(Table::read(&path, &ReadOptions::default()).unwrap_err());
    assert_eq!((line, col), (1, Some(("A".into(), 3))));

    let path = temp_path("hole.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (j, h) in ["case", "A", "B"].iter().enumerate() {
        ws.write_string(0, j as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "x").unwrap();
    ws.write_number(1, 1, 1.0).unwrap();
    ws.write_number(1, 2, 0.0).unwrap();
    ws.write_string(2, 0, "y").unwrap();
    ws.write_boolean(2, 1, true).unwrap();
    wb.save(&path).unwrap();
    let t = Table::read(&path, &ReadOptions::default()).unwrap();
    assert_eq!(t.rows[1][1], Cell::Number(1.0));
    let (line, col, msg) = table_err(to_set_data(&t, None).unwrap_err());
    assert_eq!((line, col), (3, Some(("B".into(), 3))));
    assert_eq!(msg, "missing value in column B, line 3");
}

#[test]
fn missing_file_is_an_error_not_a_panic() {
    let e = Table::read(Path::new("/nonexistent/x.csv"), &ReadOptions::default()).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("/nonexistent/x.csv: cannot read file"),
        "{e}"
    );
    let e = Table::read(Path::new("/nonexistent/x.xlsx"), &ReadOptions::default()).unwrap_err();
    assert!(e.to_string().contains("cannot open spreadsheet"), "{e}");
}
