//! Reading CSV/XLSX tables and turning them into set data.
//!
//! The reference for the values is a deliberately naive parse of LF.csv written here
//! (split on commas, strip quotes), independent of the csv crate and of calamine.

use std::path::{Path, PathBuf};

use kantel_study::StudyError;
use kantel_study::table::{
    Cell, ColumnRef, ColumnType, CsvFormat, Decimal, NotNumber, ReadOptions, Table, TextCell,
    parse_number, read_number, select_sets, to_set_data,
};
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
            message.to_string(),
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

/// LF.csv with label columns before, between and after the sets: `case, name, DEV, region,
/// URB, LIT, IND, STB, SURV, remark`.
fn lf_with_labels() -> String {
    let mut out = String::new();
    for (i, line) in lf_text()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
    {
        let f: Vec<&str> = line.split(',').collect();
        let (name, region, remark) = if i == 0 {
            ("name".to_string(), "region", "remark")
        } else {
            (
                format!("\"Land {i}, {}\"", f[0].trim_matches('"')),
                ["Noord", "", "Zuid"][i % 3],
                ["n.v.t.", "GM0363", ""][i % 3],
            )
        };
        let mut row = vec![f[0].to_string(), name, f[1].to_string(), region.to_string()];
        row.extend(f[2..].iter().map(|x| x.to_string()));
        row.push(remark.to_string());
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

#[test]
fn profiles_tell_numbers_text_mixed_and_empty_apart() {
    let t = csv("case,A,name,B,none\nx,1,Alpha,0.5,\ny,,Beta,hoog,\nz,0,,1,\n").unwrap();
    let kinds: Vec<ColumnType> = t.profiles().iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        [
            ColumnType::Text,
            ColumnType::Number,
            ColumnType::Text,
            ColumnType::Mixed,
            ColumnType::Empty
        ]
    );
    let a = t.profile(1);
    assert_eq!(
        (a.numbers, a.texts, a.empty, a.first_empty),
        (2, 0, 1, Some(1))
    );
    let b = t.profile(3);
    assert_eq!(
        b.first_text,
        Some(TextCell {
            row: 1,
            text: "hoog".into(),
            why: NotNumber::Text
        })
    );
    assert_eq!(t.lines[b.first_text.unwrap().row], 3);
    let name = t.profile(2);
    assert_eq!((name.numbers, name.texts, name.empty), (0, 2, 1));
}

#[test]
fn decimal_mark_hint_only_for_numbers_with_the_other_mark() {
    assert_eq!(
        read_number("0,81", Decimal::Point),
        Err(NotNumber::CommaInPointFile)
    );
    assert_eq!(
        read_number("1,234", Decimal::Point),
        Err(NotNumber::CommaInPointFile)
    );
    assert_eq!(
        read_number("0.81", Decimal::Comma),
        Err(NotNumber::PointInCommaFile)
    );
    assert_eq!(
        read_number("1.234,5", Decimal::Comma),
        Err(NotNumber::PointInCommaFile)
    );
    assert_eq!(
        read_number("Den Haag, centrum", Decimal::Point),
        Err(NotNumber::Text)
    );
    assert_eq!(read_number("n.v.t.", Decimal::Comma), Err(NotNumber::Text));
    assert_eq!(read_number(" 0,81 ", Decimal::Comma), Ok(0.81));
    assert_eq!(
        parse_number("0,81", Decimal::Point).unwrap_err(),
        "\"0,81\" is not a number (the file uses a decimal point; a comma is not allowed)"
    );
    assert_eq!(
        parse_number("a,b", Decimal::Point).unwrap_err(),
        "\"a,b\" is not a number"
    );
}

#[test]
fn select_sets_reads_only_the_named_columns() {
    let t = csv(&lf_with_labels()).unwrap();
    assert_eq!(t.headers.len(), 10);
    let names: Vec<String> = ["SURV", "DEV", "STB"].map(String::from).to_vec();
    let s = select_sets(&t, None, Some(&names)).unwrap();
    assert_eq!(s.case_column, Some(0));
    assert!(s.left_out.is_empty());
    // Table order, not the order asked.
    assert_eq!(s.data.names(), ["DEV", "STB", "SURV"]);
    let (cases, lf_names, cols) = lf_reference();
    assert_eq!(s.data.cases(), cases.as_slice());
    for n in ["DEV", "STB", "SURV"] {
        let j = lf_names.iter().position(|x| x == n).unwrap();
        assert_eq!(s.data.column(n).unwrap(), cols[j].as_slice());
    }
}

#[test]
fn select_sets_without_names_leaves_out_label_columns() {
    let t = csv(&lf_with_labels()).unwrap();
    let s = select_sets(&t, None, None).unwrap();
    assert_is_lf(&s.data);
    let left: Vec<&str> = s.left_out.iter().map(|&c| t.headers[c].as_str()).collect();
    assert_eq!(left, ["name", "region", "remark"]);

    // A label column as the case column; the codes are then a label column too.
    let s = select_sets(&t, Some("name"), None).unwrap();
    assert_eq!(s.case_column, Some(1));
    assert_eq!(s.data.cases()[0], "Land 1, AU");
    let left: Vec<&str> = s.left_out.iter().map(|&c| t.headers[c].as_str()).collect();
    assert_eq!(left, ["case", "region", "remark"]);
    assert_eq!(s.data.names().len(), 6);
}

#[test]
fn select_sets_errors_name_the_place() {
    let t = csv(&lf_with_labels()).unwrap();
    let named = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    // A label column named as a set: its first cell.
    let (line, col, msg) =
        table_err(select_sets(&t, None, Some(&named(&["DEV", "name"]))).unwrap_err());
    assert_eq!((line, col), (2, Some(("name".into(), 2))));
    assert_eq!(msg, "\"Land 1, AU\" is not a number");
    // An empty cell in a named column.
    let (line, col, msg) = table_err(select_sets(&t, None, Some(&named(&["region"]))).unwrap_err());
    assert_eq!((line, col), (2, Some(("region".into(), 4))));
    assert_eq!(msg, "missing value in column region, line 2");
    // Unknown, near miss and the case column.
    let e = select_sets(&t, None, Some(&named(&["XYZ"]))).unwrap_err();
    assert!(
        e.to_string()
            .contains("unknown column \"XYZ\" (the columns are case, name, DEV"),
        "{e}"
    );
    let e = select_sets(&t, None, Some(&named(&["dev"]))).unwrap_err();
    assert!(e.to_string().contains("did you mean \"DEV\"?"), "{e}");
    let e = select_sets(&t, None, Some(&named(&["case"]))).unwrap_err();
    assert!(e.to_string().contains("holds the case identifiers"), "{e}");

    // Without names, a column of numbers with one text cell is an error, not a label column.
    let bad = lf_with_labels().replacen(",0.12,", ",hoog,", 1);
    let t = csv(&bad).unwrap();
    let (line, col, msg) = table_err(select_sets(&t, None, None).unwrap_err());
    assert_eq!((line, col), (2, Some(("URB".into(), 5))));
    assert_eq!(
        msg,
        "\"hoog\" is not a number (the column also holds 17 numbers, so it is read as a column of numbers)"
    );
    // Naming the other columns avoids it.
    let s = select_sets(&t, None, Some(&named(&["DEV", "SURV"]))).unwrap();
    assert_eq!(s.data.names(), ["DEV", "SURV"]);
}

#[test]
fn many_cases_cost_one_pass_and_duplicates_are_found() {
    // 200,000 cases: a quadratic duplicate check would take minutes here.
    let n = 200_000;
    let mut text = String::from("id,name,A,Y\n");
    for i in 0..n {
        text.push_str(&format!("c{i},gemeente {i},{},{}\n", i % 2, (i / 2) % 2));
    }
    let t = csv(&text).unwrap();
    let s = select_sets(&t, None, None).unwrap();
    assert_eq!(s.data.n_cases(), n);
    assert_eq!(s.data.names(), ["A", "Y"]);
    text.push_str("c17,again,1,1\n");
    let t = csv(&text).unwrap();
    let (line, col, msg) = table_err(select_sets(&t, None, None).unwrap_err());
    assert_eq!((line, col), (n + 2, Some(("id".into(), 1))));
    assert_eq!(msg, "case \"c17\" occurs twice (also on line 19)");
}

#[test]
fn wide_headers_with_a_duplicate_are_an_error() {
    let mut header: Vec<String> = (0..5000).map(|i| format!("v{i}")).collect();
    header.push("v42".into());
    let row = vec!["1"; header.len()].join(",");
    let (line, col, msg) = table_err(csv(&format!("{}\n{row}\n", header.join(","))).unwrap_err());
    assert_eq!((line, col), (1, Some(("v42".into(), 5001))));
    assert!(msg.contains("column no. 43 has the same name"), "{msg}");
}

#[test]
fn a_column_can_be_added_and_the_table_written_back() {
    let text = lf_with_labels();
    let mut t = csv(&text).unwrap();
    assert_eq!(
        t.csv,
        Some(CsvFormat {
            delimiter: b',',
            bom: false
        })
    );
    let values: Vec<Cell> = (0..t.n_rows())
        .map(|i| Cell::Number(i as f64 / 4.0))
        .collect();
    t.push_column("Q", values.clone()).unwrap();
    let bytes = t.to_csv_bytes().unwrap();
    let back = Table::from_csv_bytes(&bytes, "back.csv", &ReadOptions::default()).unwrap();
    assert_eq!(back.headers[..10], t.headers[..10]);
    assert_eq!(back.headers[10], "Q");
    // Every cell as read: text with commas, empty cells, numbers as written.
    for (r, row) in back.rows.iter().enumerate() {
        assert_eq!(row[..10], t.rows[r][..10], "row {r}");
        assert_eq!(row[10], Cell::Text(lf_format(r as f64 / 4.0)));
    }
    // Names must be new and the length must fit.
    assert!(t.push_column("q", values.clone()).is_err());
    assert!(t.push_column(" ", values.clone()).is_err());
    assert!(t.push_column("R", values[1..].to_vec()).is_err());

    // Semicolons, decimal commas and a byte-order mark come back as they were.
    let nl = "\u{feff}gemeente;x;regio\nAa en Hunze;0,25;\"Noord; Drenthe\"\nAalsmeer;1;\n";
    let mut t = csv(nl).unwrap();
    t.push_column("x_cal", vec![Cell::Number(0.125), Cell::Number(1.0)])
        .unwrap();
    assert_eq!(
        String::from_utf8(t.to_csv_bytes().unwrap()).unwrap(),
        "\u{feff}gemeente;x;regio;x_cal\nAa en Hunze;0,25;\"Noord; Drenthe\";0,125\nAalsmeer;1;;1\n"
    );
    let path = temp_path("written.csv");
    t.write_csv(&path).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), t.to_csv_bytes().unwrap());
    let leftovers = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("written.csv.")
        })
        .count();
    assert_eq!(leftovers, 0);
    let e = t
        .write_csv(Path::new("/nonexistent/dir/x.csv"))
        .unwrap_err();
    assert!(e.to_string().contains("cannot write file"), "{e}");
}

fn lf_format(x: f64) -> String {
    kantel_study::table::format_number(x)
}

#[test]
fn spreadsheet_written_as_csv() {
    let path = temp_path("lf_out.xlsx");
    write_lf_xlsx(&path, 2, 1, None);
    let t = Table::read(&path, &ReadOptions::default()).unwrap();
    assert_eq!(t.csv, None);
    let back = Table::from_csv_bytes(&t.to_csv_bytes().unwrap(), "x.csv", &ReadOptions::default())
        .unwrap();
    assert_eq!(back.headers, t.headers);
    assert_is_lf(&to_set_data(&back, None).unwrap());
}
