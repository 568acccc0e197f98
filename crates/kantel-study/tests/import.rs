//! Municipality register, register-indicator import (both real CBS-style files) and
//! questionnaire answers.
//!
//! Counts are checked against independent references: a naive line/field split of the real
//! files written in this test, the documented joins in testdata/register/README.md, and the
//! number of Dutch municipalities CBS reports per year (2019: 355, 2021: 352, 2023: 342).

use std::path::{Path, PathBuf};

use kantel_i18n::Lang;
use kantel_study::StudyError;
use kantel_study::codebook::ResponseKind;
use kantel_study::import::{
    AnswerReader, AnswerRow, AnswerSpec, ItemSpec, RegisterOptions, import_register, read_answers,
};
use kantel_study::register::{Match, MunicipalityRegister, normalize_code, normalize_name};
use kantel_study::table::{
    Cell, ColumnRef, CsvFormat, CsvScan, Decimal, ReadOptions, Table, TableHead,
};
use proptest::prelude::*;
use rust_xlsxwriter::Workbook;

const REGISTER_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/register");

fn wsjg_path() -> PathBuf {
    Path::new(REGISTER_DIR).join("waarstaatjegemeente_2015_2017.csv")
}

fn kwb_path() -> PathBuf {
    Path::new(REGISTER_DIR).join("kwb_2019_gemeenten.csv")
}

fn read(path: &Path) -> Table {
    Table::read(path, &ReadOptions::default()).unwrap()
}

fn csv(text: &str) -> Table {
    Table::from_csv_bytes(text.as_bytes(), "test.csv", &ReadOptions::default()).unwrap()
}

fn codes(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn table_err(e: StudyError) -> (usize, Option<String>, String) {
    match e {
        StudyError::Table {
            line,
            column,
            message,
            ..
        } => (
            line,
            column.map(|ColumnRef { name, .. }| name),
            message.to_string(),
        ),
        other => panic!("expected a table error, got {other:?}"),
    }
}

// ---------------------------------------------------------------- register

#[test]
fn builtin_register_has_the_cbs_municipality_counts() {
    let reg = MunicipalityRegister::builtin();
    assert_eq!(reg.municipalities().len(), 355 + 5);
    assert_eq!(reg.existing_in(2019).len(), 355);
    assert_eq!(reg.existing_in(2020).len(), 355);
    assert_eq!(reg.existing_in(2021).len(), 352);
    assert_eq!(reg.existing_in(2023).len(), 342);
    // Every municipality of the 2019 table is in the register under its code and name.
    let text = std::fs::read_to_string(kwb_path()).unwrap();
    for line in text.lines().skip(1) {
        let (name, rest) = if let Some(stripped) = line.strip_prefix('"') {
            let (n, r) = stripped.split_once("\",").unwrap();
            (n.to_string(), r)
        } else {
            let (n, r) = line.split_once(',').unwrap();
            (n.to_string(), r)
        };
        let code = rest.split(',').next().unwrap();
        assert_eq!(
            reg.get(code).map(|m| m.name.as_str()),
            Some(name.as_str()),
            "{code}"
        );
        assert_eq!(
            reg.resolve_at(&name, 2019),
            Match::Exact(code.to_string()),
            "{name}"
        );
    }
}

#[test]
fn names_codes_and_aliases_resolve() {
    let reg = MunicipalityRegister::builtin();
    let exact = |s: &str| Match::Exact(s.to_string());
    let alias = |s: &str| Match::Alias(s.to_string());
    assert_eq!(reg.resolve("'s-Gravenhage"), exact("GM0518"));
    assert_eq!(reg.resolve("Den Haag"), alias("GM0518"));
    assert_eq!(reg.resolve("  gemeente  DEN-HAAG "), alias("GM0518"));
    assert_eq!(reg.resolve("Gemeente 's Gravenhage"), exact("GM0518"));
    assert_eq!(reg.resolve("GM0518"), exact("GM0518"));
    assert_eq!(reg.resolve("gm0518"), exact("GM0518"));
    assert_eq!(reg.resolve("518"), exact("GM0518"));
    assert_eq!(reg.resolve("Nuenen c.a."), alias("GM0820"));
    assert_eq!(
        reg.resolve("Nuenen, Gerwen en Nederwetten"),
        exact("GM0820")
    );
    assert_eq!(reg.resolve("Sudwest Fryslan"), exact("GM1900"));
    assert_eq!(reg.resolve("Bergen (NH)"), exact("GM0373"));
    assert_eq!(
        reg.resolve("Bergen"),
        Match::Ambiguous(codes(&["GM0373", "GM0893"]))
    );
    assert_eq!(reg.resolve("Atlantis"), Match::Unknown);
    assert_eq!(reg.resolve("GM9999"), Match::Unknown);
    assert_eq!(reg.resolve(""), Match::Unknown);
    assert_eq!(reg.resolve("Beekdaelen"), exact("GM1954"));
}

#[test]
fn mergers_and_dissolutions_depend_on_the_year() {
    let reg = MunicipalityRegister::builtin();
    let eemsdelta = codes(&["GM0003", "GM0010", "GM0024"]);
    assert_eq!(
        reg.resolve_at("Appingedam", 2020),
        Match::Exact("GM0003".into())
    );
    assert_eq!(
        reg.resolve_at("Appingedam", 2021),
        Match::Merged {
            code: "GM0003".into(),
            year: 2021,
            into: "GM1979".into(),
            from: eemsdelta.clone()
        }
    );
    assert_eq!(
        reg.resolve("Loppersum"),
        reg.resolve_at("GM0024", 2025).clone()
    );
    assert_eq!(reg.resolve("Eemsdelta"), Match::Exact("GM1979".into()));
    assert_eq!(
        reg.resolve_at("Eemsdelta", 2019),
        Match::NotYetFounded {
            code: "GM1979".into(),
            year: 2021,
            predecessors: eemsdelta
        }
    );
    // Haaren was divided over Boxtel, Oisterwijk, Tilburg and Vught.
    assert_eq!(
        reg.resolve("Haaren"),
        Match::Dissolved {
            code: "GM0788".into(),
            year: 2021,
            successors: codes(&["GM0757", "GM0824", "GM0855", "GM0865"])
        }
    );
    // Absorption: the absorbing municipality keeps its code and is listed in `from`.
    assert_eq!(
        reg.resolve("Weesp"),
        Match::Merged {
            code: "GM0457".into(),
            year: 2022,
            into: "GM0363".into(),
            from: codes(&["GM0363", "GM0457"])
        }
    );
    assert_eq!(reg.resolve("Amsterdam"), Match::Exact("GM0363".into()));
    assert_eq!(
        reg.resolve("Landerd"),
        Match::Merged {
            code: "GM1685".into(),
            year: 2022,
            into: "GM1991".into(),
            from: codes(&["GM0856", "GM1685"])
        }
    );
    assert_eq!(reg.lookup("Haaren"), Ok(("GM0788".into(), false)));
}

#[test]
fn merger_chains_are_followed() {
    let text = "code,name,from,until,successors,aliases\n\
                GM0001,A,,2020,GM0003,\n\
                GM0002,B,,2020,GM0003,\n\
                GM0003,AB,2020,2024,GM0005,\n\
                GM0004,C,,2024,GM0005,\n\
                GM0005,ABC,2024,,,\n";
    let reg = MunicipalityRegister::from_csv(text, "chain.csv").unwrap();
    assert_eq!(
        reg.resolve("A"),
        Match::Merged {
            code: "GM0001".into(),
            year: 2020,
            into: "GM0005".into(),
            from: codes(&["GM0001", "GM0002"])
        }
    );
    assert_eq!(
        reg.resolve_at("A", 2022),
        Match::Merged {
            code: "GM0001".into(),
            year: 2020,
            into: "GM0003".into(),
            from: codes(&["GM0001", "GM0002"])
        }
    );
}

#[test]
fn bad_register_files_are_errors() {
    let head = "code,name,from,until,successors,aliases\n";
    let cases = [
        (
            format!("{head}GM0001,A,,,,\nGM0001,B,,,,\n"),
            3,
            "also on line 2",
        ),
        (
            format!("{head}GM0001,A,,2020,GM0009,\n"),
            2,
            "GM0009 is not in the register",
        ),
        (format!("{head}XX01,A,,,,\n"), 2, "not a CBS code"),
        (format!("{head}GM0001,A,twee,,,\n"), 2, "not a year"),
        (format!("{head}GM0001,A,,,GM0001,\n"), 2, "no year"),
    ];
    for (text, line, needle) in cases {
        let (l, _, msg) = table_err(MunicipalityRegister::from_csv(&text, "r.csv").unwrap_err());
        assert_eq!(l, line, "{text}");
        assert!(msg.contains(needle), "{msg}");
    }
    let e = MunicipalityRegister::from_csv("code,name\nGM0001,A\n", "r.csv").unwrap_err();
    assert!(e.to_string().contains("missing column \"from\""), "{e}");
}

#[test]
fn normalisation() {
    assert_eq!(normalize_name("'s-Gravenhage"), "s gravenhage");
    assert_eq!(
        normalize_name("Gemeente Súdwest-Fryslân"),
        "sudwest fryslan"
    );
    assert_eq!(normalize_name("Nuenen c.a."), "nuenen c a");
    assert_eq!(normalize_name("Utrecht (gemeente)"), "utrecht");
    assert_eq!(normalize_name("Gemeente"), "gemeente");
    assert_eq!(normalize_code(" gm363 "), Some("GM0363".into()));
    assert_eq!(normalize_code("GM12345"), None);
    assert_eq!(normalize_code("Amsterdam"), None);
}

// ---------------------------------------------------------------- register import

/// Naive parse of the Waarstaatjegemeente file: (names, number of empty value cells).
fn wsjg_reference() -> (Vec<String>, usize, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(wsjg_path()).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut names = Vec::new();
    let mut empty = 0;
    let mut rows = Vec::new();
    for line in text.lines().skip(1) {
        let f: Vec<String> = line.split(';').map(str::to_string).collect();
        empty += f[1..].iter().filter(|c| c.trim().is_empty()).count();
        names.push(f[0].clone());
        rows.push(f);
    }
    (names, empty, rows)
}

#[test]
fn waarstaatjegemeente_file_imports_completely() {
    let reg = MunicipalityRegister::builtin();
    let table = read(&wsjg_path());
    let imp = import_register(&table, &reg, &RegisterOptions::default()).unwrap();
    let (names, empty, rows) = wsjg_reference();
    assert_eq!(names.len(), 352);
    assert_eq!(imp.matched_rows, 352);
    assert!(imp.unmatched.is_empty(), "{:?}", imp.unmatched);
    assert_eq!(imp.indicators.len(), 24);
    assert_eq!(
        imp.indicators[3],
        ("Overlast zwervers".to_string(), Some(2015))
    );
    assert_eq!(imp.values.len(), 352 * 24);
    assert_eq!(imp.missing_cells, empty);
    assert_eq!(
        imp.values.iter().filter(|v| v.value.is_none()).count(),
        empty
    );

    // Every value equals the file's cell read with a decimal comma; empty stays None, not 0.
    for v in &imp.values {
        let row = &rows[v.line - 2];
        let k = imp
            .indicators
            .iter()
            .position(|(i, y)| *i == v.indicator && *y == v.year)
            .unwrap();
        let cell = row[k + 1].trim();
        let expected = (!cell.is_empty()).then(|| cell.replace(',', ".").parse::<f64>().unwrap());
        assert_eq!(v.value, expected, "line {} {}", v.line, v.indicator);
    }
    let find = |code: &str| imp.values.iter().find(|v| v.code == code).unwrap();
    assert_eq!(find("GM0518").name, "'s-Gravenhage"); // "Den Haag" in the file
    assert_eq!(find("GM0820").line, 211); // "Nuenen c.a."
    assert_eq!(find("GM1979").name, "Eemsdelta");
}

#[test]
fn waarstaatjegemeente_against_other_boundaries() {
    let reg = MunicipalityRegister::builtin();
    let table = read(&wsjg_path());
    let at = |year| {
        import_register(
            &table,
            &reg,
            &RegisterOptions {
                boundary_year: Some(year),
                ..RegisterOptions::default()
            },
        )
        .unwrap()
    };
    // The file has the boundaries of 2021.
    assert_eq!(at(2021).matched_rows, 352);

    let y2019 = at(2019);
    assert_eq!(y2019.matched_rows, 351);
    assert_eq!(y2019.unmatched.len(), 1);
    assert_eq!(y2019.unmatched[0].name, "Eemsdelta");
    assert_eq!(y2019.unmatched[0].line, 90);
    assert!(
        y2019.unmatched[0]
            .reason
            .to_string()
            .contains("created in 2021 from Appingedam (GM0003)")
    );

    let y2023 = at(2023);
    let mut merged: Vec<&str> = y2023.unmatched.iter().map(|u| u.name.as_str()).collect();
    merged.sort();
    assert_eq!(
        merged,
        [
            "Beemster",
            "Boxmeer",
            "Brielle",
            "Cuijk",
            "Grave",
            "Heerhugowaard",
            "Hellevoetsluis",
            "Landerd",
            "Langedijk",
            "Mill en Sint Hubert",
            "Sint Anthonis",
            "Uden",
            "Weesp",
            "Westvoorne"
        ]
    );
    assert_eq!(y2023.matched_rows, 352 - 14);
    assert!(
        y2023
            .unmatched
            .iter()
            .all(|u| matches!(u.status, Match::Merged { .. }))
    );
    // Values of unmatched rows are reported, never silently folded into the new municipality.
    assert!(y2023.values.iter().all(|v| v.code != "GM1982"));
}

#[test]
fn kwb_file_imports_with_year_and_reports_reorganisations() {
    let reg = MunicipalityRegister::builtin();
    let table = read(&kwb_path());
    let imp = import_register(
        &table,
        &reg,
        &RegisterOptions {
            year: Some(2019),
            ..RegisterOptions::default()
        },
    )
    .unwrap();
    assert_eq!(imp.matched_rows, 355);
    assert!(imp.unmatched.is_empty());
    assert_eq!(imp.indicators.len(), 12);
    assert_eq!(imp.indicators[0], ("population".to_string(), Some(2019)));
    assert_eq!(imp.missing_cells, 0);
    let amsterdam_pop = imp
        .values
        .iter()
        .find(|v| v.code == "GM0363" && v.indicator == "population")
        .unwrap();
    let line = std::fs::read_to_string(kwb_path())
        .unwrap()
        .lines()
        .find(|l| l.starts_with("Amsterdam,"))
        .unwrap()
        .to_string();
    let expected: f64 = line.split(',').nth(2).unwrap().parse().unwrap();
    assert_eq!(amsterdam_pop.value, Some(expected));

    let y2021 = import_register(
        &table,
        &reg,
        &RegisterOptions {
            year: Some(2019),
            boundary_year: Some(2021),
            ..RegisterOptions::default()
        },
    )
    .unwrap();
    assert_eq!(y2021.matched_rows, 351);
    let un: Vec<(usize, &str)> = y2021
        .unmatched
        .iter()
        .map(|u| (u.line, u.name.as_str()))
        .collect();
    assert_eq!(
        un,
        [
            (2, "Appingedam"),
            (3, "Delfzijl"),
            (5, "Loppersum"),
            (220, "Haaren")
        ]
    );
    assert!(
        y2021.unmatched[0]
            .reason
            .to_string()
            .starts_with("merged into Eemsdelta (GM1979) in 2021")
    );
    assert!(
        y2021.unmatched[3].reason.to_string().contains(
            "dissolved in 2021 (boundaries of 2021); its territory went to Boxtel (GM0757)"
        ),
        "{}",
        y2021.unmatched[3].reason
    );
}

#[test]
fn joining_both_real_files_on_2021_boundaries() {
    let reg = MunicipalityRegister::builtin();
    let opts = RegisterOptions {
        year: Some(2019),
        boundary_year: Some(2021),
        ..RegisterOptions::default()
    };
    let a = import_register(&read(&wsjg_path()), &reg, &opts).unwrap();
    let b = import_register(&read(&kwb_path()), &reg, &opts).unwrap();
    let set = |imp: &kantel_study::import::RegisterImport| {
        imp.values
            .iter()
            .map(|v| v.code.clone())
            .collect::<std::collections::BTreeSet<_>>()
    };
    let (sa, sb) = (set(&a), set(&b));
    assert_eq!(sa.intersection(&sb).count(), 351);
    assert_eq!(sa.difference(&sb).collect::<Vec<_>>(), ["GM1979"]);
    assert!(sb.difference(&sa).next().is_none());
}

#[test]
fn register_rows_that_cannot_be_matched_are_all_reported() {
    let reg = MunicipalityRegister::builtin();
    let t = csv("Gemeente;Banen|2017\n\
         Amsterdam;1,5\n\
         Atlantis;2\n\
         Bergen;3\n\
         amsterdam;4\n\
         ;5\n\
         Den Haag;.\n\
         Utrecht;x\n");
    let imp = import_register(&t, &reg, &RegisterOptions::default()).unwrap();
    assert_eq!(imp.matched_rows, 3);
    let un: Vec<(usize, String)> = imp
        .unmatched
        .iter()
        .map(|u| (u.line, u.reason.to_string()))
        .collect();
    assert_eq!(
        un[0],
        (3, "not a known municipality name or CBS code".to_string())
    );
    assert!(
        un[1]
            .1
            .contains("fits several municipalities: Bergen (NH.) (GM0373); Bergen (L.) (GM0893)")
    );
    assert_eq!(
        un[2],
        (5, "same municipality (GM0363) as line 2".to_string())
    );
    assert_eq!(un[3].0, 6);
    assert_eq!(imp.values[0].value, Some(1.5));
    assert_eq!(imp.missing_cells, 2);
}

#[test]
fn multibyte_text_does_not_confuse_code_detection() {
    let reg = MunicipalityRegister::builtin();
    // "aé123" is six bytes with a character boundary inside the first two.
    let t = csv("naam,code,v\nAmsterdam,aé123,1\n");
    let (line, col, msg) =
        table_err(import_register(&t, &reg, &RegisterOptions::default()).unwrap_err());
    assert_eq!((line, col.as_deref()), (2, Some("code")));
    assert!(msg.contains("\"aé123\" is not a number"), "{msg}");
}

#[test]
fn code_and_name_conflict_is_reported() {
    let reg = MunicipalityRegister::builtin();
    let t = csv("region,unique_id,v\nDelfzijl,GM0003,1\nOnbekend,GM0010,2\n");
    let imp = import_register(&t, &reg, &RegisterOptions::default()).unwrap();
    assert_eq!(imp.matched_rows, 1);
    assert_eq!(imp.values[0].code, "GM0010");
    assert_eq!(imp.unmatched.len(), 1);
    assert!(
        imp.unmatched[0]
            .reason
            .to_string()
            .contains("code GM0003 is Appingedam, but the name column says \"Delfzijl\"")
    );
}

#[test]
fn bad_register_tables_are_errors() {
    let reg = MunicipalityRegister::builtin();
    let (line, col, msg) = table_err(
        import_register(
            &csv("Gemeente;Banen|20x7\nAmsterdam;1\n"),
            &reg,
            &RegisterOptions::default(),
        )
        .unwrap_err(),
    );
    assert_eq!((line, col.as_deref()), (1, Some("Banen|20x7")));
    assert!(msg.contains("not a year"));

    let (line, col, msg) = table_err(
        import_register(
            &csv("Gemeente;Banen|2017\nAmsterdam;1\nUtrecht;veel\n"),
            &reg,
            &RegisterOptions::default(),
        )
        .unwrap_err(),
    );
    assert_eq!((line, col.as_deref()), (3, Some("Banen|2017")));
    assert!(msg.contains("\"veel\" is not a number"));

    let e = import_register(&csv("a,b\n1,2\n"), &reg, &RegisterOptions::default()).unwrap_err();
    assert!(
        e.to_string()
            .contains("no column with municipality names or CBS codes")
    );
    let e = import_register(
        &csv("a,b\nx,2\n"),
        &reg,
        &RegisterOptions {
            code_column: Some("code".into()),
            ..RegisterOptions::default()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("no code column named \"code\""));
}

// ---------------------------------------------------------------- answers

fn spec() -> AnswerSpec {
    AnswerSpec::likert(
        &["GM0363", "GM0518"],
        &["raad", "ambtelijk"],
        &["C1_1", "C1_2", "C1_3"],
    )
}

fn read_rows(table: &Table, spec: &AnswerSpec) -> Result<Vec<AnswerRow>, StudyError> {
    read_answers(table, spec, &MunicipalityRegister::builtin()).map(|f| f.rows)
}

const GOOD: &str = "respondent;gemeente;groep;C1_2;C1_1;C1_3\n\
                    r1;GM0363;raad;4;5;weet niet\n\
                    r2;gm0518;Ambtelijk;wn;1;\n\
                    r3;363;raad;-;3;2\n";

#[test]
fn answers_are_read_in_spec_item_order() {
    let rows = read_rows(&csv(GOOD), &spec()).unwrap();
    assert_eq!(read_rows_streamed(GOOD, &spec()).unwrap(), rows);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].line, 2);
    assert_eq!(rows[0].respondent, "r1");
    assert_eq!(rows[0].municipality, "GM0363");
    assert_eq!(
        rows[0].answers,
        [
            ("C1_1".to_string(), Some(5)),
            ("C1_2".to_string(), Some(4)),
            ("C1_3".to_string(), None)
        ]
    );
    assert_eq!(rows[1].municipality, "GM0518");
    assert_eq!(rows[1].group, "ambtelijk");
    assert_eq!(
        rows[1].answers.iter().map(|a| a.1).collect::<Vec<_>>(),
        [Some(1), None, None]
    );
    assert_eq!(rows[2].municipality, "GM0363");
    assert_eq!(
        rows[2].answers.iter().map(|a| a.1).collect::<Vec<_>>(),
        [Some(3), None, Some(2)]
    );
}

#[test]
fn answers_from_xlsx() {
    let dir = std::env::temp_dir().join(format!("kantel-study-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("answers.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (j, h) in ["respondent", "gemeente", "groep", "C1_1", "C1_2", "C1_3"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, j as u16, *h).unwrap();
    }
    ws.write_number(1, 0, 101.0).unwrap();
    ws.write_string(1, 1, "GM0518").unwrap();
    ws.write_string(1, 2, "raad").unwrap();
    ws.write_number(1, 3, 2.0).unwrap();
    ws.write_string(1, 4, "Weet niet").unwrap();
    ws.write_number(1, 5, 6.0).unwrap();
    wb.save(&path).unwrap();
    let t = Table::read(&path, &ReadOptions::default()).unwrap();
    let (line, col, msg) = table_err(read_rows(&t, &spec()).unwrap_err());
    assert_eq!((line, col.as_deref()), (2, Some("C1_3")));
    assert_eq!(msg, "answer 6 is outside 1-5");

    let mut t2 = t.clone();
    t2.rows[0][5] = kantel_study::table::Cell::Number(5.0);
    let rows = read_rows(&t2, &spec()).unwrap();
    assert_eq!(rows[0].respondent, "101");
    assert_eq!(
        rows[0].answers.iter().map(|a| a.1).collect::<Vec<_>>(),
        [Some(2), None, Some(5)]
    );
}

/// A LimeSurvey export as researchers download it: one row per response, `id` and
/// `token`, the survey tool's own columns, array questions as `C1[SQ001]`, answers as
/// codes (`A4`) or as words, yes/no as Y/N, municipalities by name.
#[test]
fn limesurvey_xlsx_export_imports_without_reshaping() {
    let dir = std::env::temp_dir().join(format!("kantel-study-lime-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("results-survey123456.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let header = [
        "id",
        "submitdate",
        "lastpage",
        "startlanguage",
        "seed",
        "token",
        "gemeente",
        "groep",
        "C1[SQ001]",
        "C1[SQ002]",
        "C2[1]",
        "interviewtime",
        "groupTime123",
    ];
    for (j, h) in header.iter().enumerate() {
        ws.write_string(0, j as u16, *h).unwrap();
    }
    let rows: [[&str; 13]; 3] = [
        [
            "1",
            "2026-03-01 10:00",
            "3",
            "nl",
            "123",
            "tok1",
            "Den Haag",
            "raad",
            "A4",
            "Helemaal mee eens",
            "Y",
            "312.5",
            "40",
        ],
        [
            "2",
            "",
            "1",
            "nl",
            "124",
            "tok2",
            "'s-Gravenhage",
            "Ambtelijk",
            "A2",
            "",
            "N",
            "80",
            "12",
        ],
        [
            "3",
            "2026-03-02 11:00",
            "3",
            "nl",
            "125",
            "tok3",
            "Nuenen, Gerwen en Nederwetten",
            "raad",
            "3",
            "mee oneens",
            "ja",
            "200",
            "30",
        ],
    ];
    for (i, row) in rows.iter().enumerate() {
        for (j, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(i as u32 + 1, j as u16, *v).unwrap();
            }
        }
    }
    wb.save(&path).unwrap();
    let t = Table::read(&path, &ReadOptions::default()).unwrap();
    let spec = AnswerSpec {
        items: vec![
            ItemSpec {
                id: "C1_1".into(),
                response: ResponseKind::Likert5,
                groups: vec![],
            },
            ItemSpec {
                id: "C1_2".into(),
                response: ResponseKind::Likert5,
                groups: vec![],
            },
            ItemSpec {
                id: "C2_1".into(),
                response: ResponseKind::YesNo,
                groups: vec![],
            },
        ],
        ..AnswerSpec::likert(&["GM0518", "GM0820"], &["raad", "ambtelijk"], &[])
    };
    let file = read_answers(&t, &spec, &MunicipalityRegister::builtin()).unwrap();
    assert_eq!(
        file.ignored_columns,
        [
            "submitdate",
            "lastpage",
            "startlanguage",
            "seed",
            "token",
            "interviewtime",
            "groupTime123"
        ]
    );
    let r = &file.rows;
    assert_eq!(r.len(), 3);
    assert_eq!(
        (r[0].respondent.as_str(), r[0].municipality.as_str()),
        ("1", "GM0518")
    );
    assert_eq!(r[1].municipality, "GM0518");
    assert_eq!(r[2].municipality, "GM0820");
    assert_eq!(r[1].group, "ambtelijk");
    let values = |k: usize| r[k].answers.iter().map(|a| a.1).collect::<Vec<_>>();
    assert_eq!(values(0), [Some(4), Some(5), Some(1)]);
    assert_eq!(values(1), [Some(2), None, Some(0)]);
    assert_eq!(values(2), [Some(3), Some(2), Some(1)]);
    assert_eq!(
        file.matched_names,
        [
            ("Den Haag".to_string(), "GM0518".to_string()),
            ("'s-Gravenhage".to_string(), "GM0518".to_string()),
            (
                "Nuenen, Gerwen en Nederwetten".to_string(),
                "GM0820".to_string()
            ),
        ]
    );
}

#[test]
fn yes_no_items_take_ja_nee_yes_no_and_0_1() {
    let spec = AnswerSpec {
        items: vec![ItemSpec {
            id: "C13_1".into(),
            response: ResponseKind::YesNo,
            groups: vec!["raad".into()],
        }],
        ..spec()
    };
    let text = "respondent,gemeente,groep,C13_1\nr1,GM0363,raad,nee\nr2,GM0363,raad,Ja\n\
                r3,GM0363,raad,0\nr4,GM0363,raad,1\nr5,GM0363,raad,no\nr6,GM0363,raad,weet niet\n\
                r7,GM0363,ambtelijk,\n";
    let rows = read_rows(&csv(text), &spec).unwrap();
    let got: Vec<Vec<Option<u8>>> = rows
        .iter()
        .map(|r| r.answers.iter().map(|a| a.1).collect())
        .collect();
    assert_eq!(
        got,
        [
            vec![Some(0)],
            vec![Some(1)],
            vec![Some(0)],
            vec![Some(1)],
            vec![Some(0)],
            vec![None],
            vec![]
        ]
    );
    let (l, c, m) = table_err(
        read_rows(
            &csv("respondent,gemeente,groep,C13_1\nr1,GM0363,raad,5\n"),
            &spec,
        )
        .unwrap_err(),
    );
    assert_eq!((l, c.as_deref()), (2, Some("C13_1")));
    assert!(m.contains("\"5\" is not a yes/no answer"), "{m}");
    // An answer to an item the group is not asked is refused at import, not at analysis.
    let (l, c, m) = table_err(
        read_rows(
            &csv("respondent,gemeente,groep,C13_1\nr1,GM0363,ambtelijk,ja\n"),
            &spec,
        )
        .unwrap_err(),
    );
    assert_eq!((l, c.as_deref()), (2, Some("C13_1")));
    assert!(m.contains("not asked of group ambtelijk"), "{m}");
}

/// Reads answers as `kantel import answers` reads a CSV file: scanned, then row by row.
fn read_rows_streamed(text: &str, spec: &AnswerSpec) -> Result<Vec<AnswerRow>, StudyError> {
    let scan = CsvScan::read(text.as_bytes(), "test.csv", &ReadOptions::default())?;
    let register = MunicipalityRegister::builtin();
    let mut reader = AnswerReader::new(&scan.head, scan.rows, spec, &register)?;
    let mut rows = Vec::new();
    for row in scan.rows(text.as_bytes())? {
        let row = row?;
        rows.push(reader.read_row(row.line, &row.cells)?);
    }
    Ok(rows)
}

/// The error of an answers file; read whole and streamed, with the same error.
fn answer_error(text: &str) -> (usize, Option<String>, String) {
    let whole = read_rows(&csv(text), &spec()).unwrap_err();
    assert_eq!(
        read_rows_streamed(text, &spec()),
        Err(whole.clone()),
        "{text}"
    );
    table_err(whole)
}

#[test]
fn bad_answer_files_are_rejected_with_line_and_column() {
    let head = "respondent;gemeente;groep;C1_1;C1_2;C1_3\n";
    let ok = "r1;GM0363;raad;1;2;3\n";

    let (l, c, m) = answer_error(&format!("{head}{ok}r2;GM0014;raad;1;2;3\n"));
    assert_eq!((l, c.as_deref()), (3, Some("gemeente")));
    assert!(
        m.contains("Groningen (GM0014), but that municipality is not part of the study"),
        "{m}"
    );

    let (l, c, m) = answer_error(&format!("{head}{ok}r2;Groningen;raad;1;2;3\n"));
    assert_eq!((l, c.as_deref()), (3, Some("gemeente")));
    assert!(m.contains("not part of the study"), "{m}");

    let (l, c, m) = answer_error(&format!("{head}{ok}r2;Amsterdm;raad;1;2;3\n"));
    assert_eq!((l, c.as_deref()), (3, Some("gemeente")));
    assert!(
        m.contains("\"Amsterdm\" is not a known municipality"),
        "{m}"
    );

    // Names and aliases work as in register imports.
    let rows = read_rows(
        &csv(&format!(
            "{head}{ok}r2;Amsterdam;raad;1;2;3\nr3;Den Haag;raad;1;2;3\n"
        )),
        &spec(),
    )
    .unwrap();
    assert_eq!(rows[1].municipality, "GM0363");
    assert_eq!(rows[2].municipality, "GM0518");

    for (bad, needle) in [
        ("6", "answer 6 is outside 1-5"),
        ("0", "answer 0 is outside 1-5"),
        ("2,5", "answer 2,5 is not a whole number"),
        ("misschien", "\"misschien\" is not an answer"),
    ] {
        let (l, c, m) = answer_error(&format!("{head}{ok}r2;GM0363;raad;1;{bad};3\n"));
        assert_eq!((l, c.as_deref()), (3, Some("C1_2")), "{bad}");
        assert!(m.contains(needle), "{bad}: {m}");
    }
    let (l, c, m) =
        answer_error("respondent,gemeente,groep,C1_1,C1_2,C1_3\nr1,GM0363,raad,1,3.5,3\n");
    assert_eq!((l, c.as_deref()), (2, Some("C1_2")));
    assert!(m.contains("answer 3.5 is not a whole number"), "{m}");

    let (l, c, m) = answer_error("respondent;gemeente;C1_1;C1_2;C1_3\nr1;GM0363;1;2;3\n");
    assert_eq!((l, c), (1, None));
    assert!(m.starts_with("missing required column \"groep\""), "{m}");

    let (l, c, m) = answer_error("respondent;gemeente;groep;C1_1;C1_3\nr1;GM0363;raad;1;3\n");
    assert_eq!((l, c), (1, None));
    assert!(
        m.contains("missing required column for item \"C1_2\""),
        "{m}"
    );

    let (l, c, m) = answer_error(&format!(
        "respondent;gemeente;groep;C1_1;C1_2;C1_3;C9_9\n{}",
        "r1;GM0363;raad;1;2;3;4\n"
    ));
    assert_eq!((l, c.as_deref()), (1, Some("C9_9")));
    assert!(m.contains("unknown item column"), "{m}");

    // A typo in an item column is named with the likely item.
    let (l, c, m) = answer_error("respondent;gemeente;groep;C1_1;C1_2;C13\nr1;GM0363;raad;1;2;3\n");
    assert_eq!((l, c.as_deref()), (1, Some("C13")));
    assert!(m.contains("did you mean C1_3?"), "{m}");

    let (l, c, m) = answer_error(&format!(
        "{head}{ok}r2;GM0363;raad;1;2;3\nr1;GM0518;raad;1;2;3\n"
    ));
    assert_eq!((l, c.as_deref()), (4, Some("respondent")));
    assert_eq!(m, "respondent \"r1\" occurs twice: lines 2 and 4");

    let (l, c, m) = answer_error(&format!("{head}{ok}r2;GM0363;burger;1;2;3\n"));
    assert_eq!((l, c.as_deref()), (3, Some("groep")));
    assert!(m.contains("unknown group \"burger\""), "{m}");

    let (l, c, _) = answer_error(&format!("{head};GM0363;raad;1;2;3\n"));
    assert_eq!((l, c.as_deref()), (2, Some("respondent")));

    let (l, c, m) =
        answer_error("respondent;gemeente;groep;C1_1;C1_2;c1_1;C1_3\nr1;GM0363;raad;1;2;3;4\n");
    assert_eq!((l, c.as_deref()), (1, Some("c1_1")));
    assert!(m.contains("already has column no. 4"), "{m}");

    let (l, c, m) = answer_error(head);
    assert_eq!((l, c), (1, None));
    assert!(m.contains("no rows of answers"), "{m}");
}

#[test]
fn answer_errors_read_in_dutch() {
    let e = read_rows(
        &csv("respondent;gemeente;groep;C1_1;C1_2;C1_3\nr1;GM0363;raad;1;7;3\n"),
        &spec(),
    )
    .unwrap_err();
    let nl = e.msg().render(Lang::Nl);
    assert_eq!(
        nl,
        "test.csv, regel 2, kolom \"C1_2\" (nr. 5): antwoord 7 ligt buiten 1-5"
    );
    assert!(!nl.contains('⟦'));
}

// ---------------------------------------------------------------- streaming CSV

/// Gives its bytes a few at a time (sizes cycling through `chunks`), so that line ends,
/// quotes and the byte-order mark fall across reads.
struct Trickle<'a> {
    bytes: &'a [u8],
    chunks: Vec<usize>,
    reads: usize,
}

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let want = self.chunks[self.reads % self.chunks.len()].max(1);
        self.reads += 1;
        let n = want.min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

type ReadTable = (TableHead, Vec<(usize, Vec<Cell>)>, Option<CsvFormat>);

fn whole(bytes: &[u8], options: &ReadOptions) -> Result<ReadTable, StudyError> {
    let t = Table::from_csv_bytes(bytes, "t.csv", options)?;
    let rows = t
        .lines
        .iter()
        .copied()
        .zip(t.rows.iter().cloned())
        .collect();
    Ok((t.head(), rows, t.csv))
}

fn streamed(
    bytes: &[u8],
    options: &ReadOptions,
    chunks: &[usize],
) -> Result<ReadTable, StudyError> {
    let trickle = || Trickle {
        bytes,
        chunks: chunks.to_vec(),
        reads: 0,
    };
    let scan = CsvScan::read(trickle(), "t.csv", options)?;
    let mut rows = Vec::new();
    for row in scan.rows(trickle())? {
        let row = row?;
        rows.push((row.line, row.cells));
    }
    assert_eq!(
        rows.len(),
        scan.rows,
        "the scan counts the rows that are read"
    );
    Ok((scan.head, rows, Some(scan.format)))
}

const PIECES: [&[u8]; 20] = [
    b"a",
    b"Bb",
    b"1",
    b"2,5",
    b"-3",
    b"x y",
    b" ",
    b"",
    b",",
    b",",
    b";",
    b";",
    b"\t",
    b"\"",
    b"\"\"",
    b"\r",
    b"\n",
    b"\n",
    b"\r\n",
    "\u{e9}".as_bytes(),
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// A CSV file read row by row gives exactly what `Table::from_csv_bytes` gives: the
    /// same header, rows, lines, decimal convention and format, or the same error (message
    /// and place) when the file is refused.
    #[test]
    fn streamed_csv_reads_as_the_whole_file_does(
        bom in 0usize..6,
        pieces in proptest::collection::vec(0usize..PIECES.len(), 0..70),
        bad in proptest::option::weighted(0.15, (0usize..70, 0usize..2)),
        chunks in proptest::collection::vec(1usize..9, 1..4),
        options in 0usize..4,
    ) {
        let mut bytes: Vec<u8> = match bom {
            0 => b"\xef\xbb\xbf".to_vec(),
            1 => b"\xff\xfe".to_vec(),
            _ => Vec::new(),
        };
        for (k, p) in pieces.iter().enumerate() {
            // Now and then a byte that is not UTF-8, or a byte-order mark inside the text.
            if let Some((at, which)) = bad && at == k {
                bytes.extend_from_slice([&b"\xff"[..], b"\xef\xbb\xbf"][which]);
            }
            bytes.extend_from_slice(PIECES[*p]);
        }
        let options = match options {
            0 => ReadOptions { delimiter: Some(b';'), ..ReadOptions::default() },
            1 => ReadOptions { decimal: Some(Decimal::Comma), ..ReadOptions::default() },
            _ => ReadOptions::default(),
        };
        prop_assert_eq!(
            streamed(&bytes, &options, &chunks),
            whole(&bytes, &options),
            "{:?}",
            String::from_utf8_lossy(&bytes)
        );
    }
}

const CELLS: [&str; 10] = [
    "",
    "1",
    "2,5",
    "3.5",
    "x",
    " y ",
    "\"a\nb\"",
    "\"q\"\"\"",
    "\"c;d,e\"",
    "GM0363",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    /// The same for files that are tables (mostly valid): quoted line breaks and
    /// separators, LF/CRLF/CR line ends, blank and `;;`-only rows, trailing separators, a
    /// byte-order mark, with or without a last line end.
    #[test]
    fn streamed_csv_reads_tables_as_the_whole_file_does(
        columns in 1usize..5,
        rows in proptest::collection::vec(
            (proptest::collection::vec(0usize..CELLS.len(), 5), 0usize..3, 0usize..12),
            0..25,
        ),
        delimiter in 0usize..3,
        bom in proptest::bool::ANY,
        trailing in proptest::bool::ANY,
        last_end in proptest::bool::ANY,
        chunks in proptest::collection::vec(1usize..9, 1..4),
    ) {
        let sep = [",", ";", "\t"][delimiter];
        let mut text = if bom { "\u{feff}".to_string() } else { String::new() };
        text.push_str(&(0..columns).map(|k| format!("h{k}")).collect::<Vec<_>>().join(sep));
        // A separator at the end of every line: an unnamed empty column, dropped.
        if trailing {
            text.push_str(sep);
        }
        for (cells, end, shape) in &rows {
            text.push_str(["\n", "\r\n", "\r"][*end]);
            match shape {
                0 => {}
                1 => text.push_str(&sep.repeat(columns - 1)),
                _ => {
                    let fields: Vec<&str> = cells[..columns]
                        .iter()
                        .map(|&c| match CELLS[c] {
                            "2,5" if sep == "," => "\"2,5\"",
                            cell => cell,
                        })
                        .collect();
                    text.push_str(&fields.join(sep));
                    // Now and then a row one field too wide.
                    if trailing || *shape == 2 {
                        text.push_str(sep);
                    }
                }
            }
        }
        if last_end {
            text.push('\n');
        }
        let options = ReadOptions::default();
        prop_assert_eq!(
            streamed(text.as_bytes(), &options, &chunks),
            whole(text.as_bytes(), &options),
            "{:?}",
            text
        );
    }
}

#[test]
fn streamed_csv_keeps_the_places_and_the_order_of_errors() {
    let default = ReadOptions::default();
    let same = |text: &[u8]| {
        let got = streamed(text, &default, &[8192]);
        assert_eq!(
            got,
            whole(text, &default),
            "{}",
            String::from_utf8_lossy(text)
        );
        got
    };
    // Lines in LF, CRLF and CR files, a quoted line break, blank and `;;;` rows, a
    // trailing separator, decimal commas.
    for text in [
        &b"a;b;\r\n1;\"x\r\ny\";\r\n\r\n;;\r\n2;3,5;\r\n"[..],
        b"a;b\r1;2\r\r3;4,0\r",
        b"a,b\n1,2\n\n3,4",
        b"\xef\xbb\xbfgemeente;waarde\nGM0363;1,19\n",
    ] {
        same(text).unwrap();
    }
    let (head, rows, format) = same(b"a;b;\r\n1;\"x\r\ny\";\r\n\r\n;;\r\n2;3,5;\r\n").unwrap();
    assert_eq!(head.headers, ["a", "b"]);
    assert_eq!(head.decimal, Decimal::Comma);
    assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), [2, 6]);
    assert_eq!(format.map(|f| f.delimiter), Some(b';'));

    // Text that is not UTF-8 is named before a row of the wrong width above it, and that
    // before a bad header; each with its line.
    let e = same(b"a,b\n1,2,3\n4,\xff\n").unwrap_err();
    assert_eq!(table_err(e).0, 3);
    let e = same(b"a,a\n1,2,3\n4,5\n").unwrap_err();
    assert_eq!(
        table_err(e),
        (
            2,
            Some(String::new()),
            "this row has 3 fields but the header has 2 (separator ',')".into()
        )
    );
    let e = same(b"a,a\n1,2\n").unwrap_err();
    assert_eq!(table_err(e).0, 1);
    // UTF-16, empty and blank files are refused as a whole.
    for text in [&b"\xff\xfea\x00"[..], b"", b" \r\n\t\n", b"\xef\xbb\xbf"] {
        assert_eq!(table_err(same(text).unwrap_err()).0, 0);
    }
    // A header longer than any read, and rows far beyond the first reads.
    let mut big = (0..3000)
        .map(|k| format!("c{k}"))
        .collect::<Vec<_>>()
        .join(";");
    big.push('\n');
    for r in 0..50 {
        big.push_str(
            &(0..3000)
                .map(|k| format!("{r}_{k}"))
                .collect::<Vec<_>>()
                .join(";"),
        );
        big.push_str("\r\n");
    }
    let (head, rows, _) = same(big.as_bytes()).unwrap();
    assert_eq!((head.headers.len(), rows.len(), rows[49].0), (3000, 50, 51));
}

/// A large answers file read row by row: the same respondents as the whole file, and an
/// error in its last row with that row's line.
#[test]
fn streamed_answers_match_the_whole_file_to_the_last_row() {
    let mut text = String::from("respondent;gemeente;groep;C1_1;C1_2;C1_3\n");
    for i in 0..5000 {
        let gem = ["GM0363", "Den Haag", "363"][i % 3];
        text.push_str(&format!(
            "r{i};{gem};raad;{};weet niet;{}\n",
            1 + i % 5,
            1 + i % 3
        ));
    }
    let rows = read_rows(&csv(&text), &spec()).unwrap();
    assert_eq!(read_rows_streamed(&text, &spec()).unwrap(), rows);
    assert_eq!(rows.len(), 5000);

    let bad = format!("{text}r5000;GM0363;raad;1;2;6\n");
    let (l, c, m) = answer_error(&bad);
    assert_eq!((l, c.as_deref()), (5002, Some("C1_3")));
    assert_eq!(m, "answer 6 is outside 1-5");
    let twice = format!("{text}r17;GM0363;raad;1;2;3\n");
    let (l, _, m) = answer_error(&twice);
    assert_eq!(l, 5002);
    assert_eq!(m, "respondent \"r17\" occurs twice: lines 19 and 5002");
}
