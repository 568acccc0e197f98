//! Data files as people have them: columns of names, regions and remarks stand before,
//! between and after the conditions. Every `kantel qca` subcommand must give on such a file
//! exactly what it gives on the file without those columns; only the conditions and the
//! outcome (the calibrated column, the sets of an expression) are read as numbers.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn kantel(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kantel"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn ok(args: &[&str]) -> String {
    let (ok, out, err) = kantel(args);
    assert!(ok, "kantel {args:?} failed: {err}");
    assert!(!err.contains("panicked"), "{err}");
    out
}

fn json(args: &[&str]) -> Value {
    let out = ok(args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

fn fails(args: &[&str]) -> String {
    let (ok, out, err) = kantel(args);
    assert!(!ok, "kantel {args:?} should fail, printed {out}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/validation/data")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

/// A temporary directory removed on drop.
struct Dir(PathBuf);

impl Dir {
    fn new() -> Dir {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "kantel-label-columns-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&path).unwrap();
        Dir(path)
    }

    fn file(&self, name: &str, content: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, content).unwrap();
        path.display().to_string()
    }

    fn path(&self, name: &str) -> String {
        self.0.join(name).display().to_string()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The header of the labelled files: text columns before, between and after the data.
const LABELS: [&str; 3] = ["name", "region", "remark"];

/// A fixture (`"case",A,B,...` with plain fields) with three text columns added: `name`
/// right after the case column (before the first condition), `region` after the first data
/// column (between the conditions) and `remark` at the end. The text holds what real files
/// hold: separators inside quotes, quotes, empty cells, codes that start with digits.
fn with_labels(text: &str) -> String {
    let names = ["Noord-Brabant", "'s-Hertogenbosch", "Súdwest-Fryslân"];
    let regions = ["Noord", "Zuid, kust", "", "0363 Oost"];
    let remarks = ["", "zie \"bron\" p. 3", "n.v.t.", "GM0363"];
    let mut out = String::new();
    for (i, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        let fields: Vec<&str> = line.split(',').collect();
        let (name, region, remark) = if i == 0 {
            (
                format!("\"{}\"", LABELS[0]),
                LABELS[1].to_string(),
                LABELS[2].to_string(),
            )
        } else {
            let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
            (
                q(&format!("{} {i}", names[i % names.len()])),
                q(regions[i % regions.len()]),
                q(remarks[i % remarks.len()]),
            )
        };
        let mut row: Vec<String> = vec![fields[0].to_string(), name, fields[1].to_string()];
        row.push(region);
        row.extend(fields[2..].iter().map(|f| f.to_string()));
        row.push(remark);
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

/// The output without the note on left-out columns (JSON fields `left_out` and `note`).
fn without_note(mut v: Value) -> Value {
    if let Some(map) = v.as_object_mut() {
        map.remove("left_out");
        map.remove("note");
    }
    v
}

/// Runs `args` (with `{data}` standing for the data file) on the plain fixture and on the
/// labelled one: both succeed with the same JSON, and the labelled run names the text
/// columns it left out when `default_selection` (no `--conditions`).
fn same_json(fixture_name: &str, args: &[&str], default_selection: bool) -> Value {
    let dir = Dir::new();
    let text = fixture(fixture_name);
    let plain = dir.file("plain.csv", &text);
    let labelled = dir.file("labelled.csv", &with_labels(&text));
    let run = |data: &str| {
        let args: Vec<&str> = args
            .iter()
            .map(|a| if *a == "{data}" { data } else { a })
            .collect();
        json(&args)
    };
    let a = run(&plain);
    let b = run(&labelled);
    assert!(
        a.get("left_out").is_none(),
        "{args:?}: nothing is left out of the plain file"
    );
    if default_selection {
        assert_eq!(
            b["left_out"],
            serde_json::json!(LABELS),
            "{args:?} must name the text columns it left out"
        );
        assert!(b["note"].as_str().unwrap().contains("name, region, remark"));
    } else {
        assert!(b.get("left_out").is_none(), "{args:?}: {b}");
    }
    let b = without_note(b);
    assert_eq!(
        a, b,
        "{args:?} differs between the plain and the labelled file"
    );
    a
}

/// The subcommands of `kantel qca`, read from its help.
fn subcommands() -> BTreeSet<String> {
    let help = ok(&["qca", "--help"]);
    let mut in_commands = false;
    let mut out = BTreeSet::new();
    for line in help.lines() {
        if line.trim_end() == "Commands:" {
            in_commands = true;
            continue;
        }
        if in_commands {
            if line.trim().is_empty() {
                break;
            }
            let name = line.split_whitespace().next().unwrap_or_default();
            if line.starts_with("  ") && !line.starts_with("   ") && name != "help" {
                out.insert(name.to_string());
            }
        }
    }
    out
}

#[test]
fn every_subcommand_is_covered_here() {
    let covered: BTreeSet<String> = [
        "truth-table",
        "minimize",
        "fit",
        "necessity",
        "cna",
        "robustness",
        "retention",
        "expression",
        "columns",
        "calibrate",
        "sweep",
        "esa",
        "theory",
        "cases",
        "cluster",
    ]
    .map(String::from)
    .into();
    assert_eq!(
        subcommands(),
        covered,
        "a `kantel qca` subcommand was added or removed: give it a case in this file"
    );
}

#[test]
fn truth_table() {
    let tt = same_json(
        "LF.csv",
        &[
            "qca",
            "truth-table",
            "--data",
            "{data}",
            "--outcome",
            "SURV",
            "--incl-cut",
            "0.8",
            "--json",
        ],
        true,
    );
    assert_eq!(
        tt["conditions"],
        serde_json::json!(["DEV", "URB", "LIT", "IND", "STB"])
    );
    let r22 = tt["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["row"] == 22)
        .unwrap();
    assert_eq!(r22["cases"], serde_json::json!(["FI", "IE"]));
    same_json(
        "LF.csv",
        &[
            "qca",
            "truth-table",
            "--data",
            "{data}",
            "--outcome",
            "SURV",
            "--conditions",
            "DEV,URB,LIT,IND,STB",
            "--incl-cut",
            "0.8",
            "--complete",
            "--json",
        ],
        false,
    );
}

#[test]
fn minimize() {
    let m = same_json(
        "LF.csv",
        &[
            "qca",
            "minimize",
            "--data",
            "{data}",
            "--outcome",
            "SURV",
            "--incl-cut",
            "0.8",
            "--include",
            "?",
            "--dir-exp",
            "DEV, URB, LIT, IND, STB",
            "--json",
        ],
        true,
    );
    assert_eq!(
        m["parsimonious"]["models"][0]["expression"],
        "DEV*~IND + URB*STB"
    );
    same_json(
        "LF.csv",
        &[
            "qca",
            "minimize",
            "--data",
            "{data}",
            "--outcome",
            "~SURV",
            "--conditions",
            "DEV,URB,LIT",
            "--incl-cut",
            "0.8",
            "--include",
            "?",
            "--json",
        ],
        false,
    );
}

#[test]
fn fit() {
    let f = same_json(
        "LF.csv",
        &[
            "qca",
            "fit",
            "--data",
            "{data}",
            "--outcome",
            "SURV",
            "--json",
        ],
        true,
    );
    assert_eq!(f["fits"].as_array().unwrap().len(), 10);
    let f = same_json(
        "LF.csv",
        &[
            "qca",
            "fit",
            "--data",
            "{data}",
            "--outcome",
            "SURV",
            "--expression",
            "DEV*~IND + URB*STB",
            "--json",
        ],
        false,
    );
    assert!((f["fits"][0]["inclS"].as_f64().unwrap() - 0.85034965034965).abs() < 1e-9);
    same_json(
        "LF.csv",
        &[
            "qca",
            "fit",
            "--data",
            "{data}",
            "--outcome",
            "SURV",
            "--conditions",
            "STB,DEV",
            "--json",
        ],
        false,
    );
}

#[test]
fn necessity() {
    same_json(
        "LF.csv",
        &[
            "qca",
            "necessity",
            "--data",
            "{data}",
            "--outcome",
            "SURV",
            "--incl-cut",
            "0.9",
            "--cov-cut",
            "0.5",
            "--json",
        ],
        true,
    );
    same_json(
        "LF.csv",
        &[
            "qca",
            "necessity",
            "--data",
            "{data}",
            "--outcome",
            "SURV",
            "--conditions",
            "DEV,LIT,STB",
            "--incl-cut",
            "0.9",
            "--json",
        ],
        false,
    );
}

#[test]
fn cna() {
    let v = same_json(
        "d.educate.csv",
        &["qca", "cna", "--data", "{data}", "--json"],
        true,
    );
    assert_eq!(v["asf"].as_array().unwrap().len(), 3);
    same_json(
        "d.educate.csv",
        &[
            "qca",
            "cna",
            "--data",
            "{data}",
            "--ordering",
            "U, D, L, G < E",
            "--outcome",
            "E",
            "--json",
        ],
        true,
    );
    // A multi-value outcome value (`PB=1`) names the column PB.
    let v = same_json(
        "d.pban.csv",
        &[
            "qca",
            "cna",
            "--data",
            "{data}",
            "--outcome",
            "PB=1",
            "--con",
            "0.9",
            "--cov",
            "0.9",
            "--json",
        ],
        true,
    );
    assert!(!v["asf"].as_array().unwrap().is_empty());
}

#[test]
fn robustness() {
    let v = same_json(
        "LIPF.csv",
        &[
            "qca",
            "robustness",
            "--data",
            "{data}",
            "--outcome",
            "SURVIVED",
            "--incl-cut",
            "0.8",
            "--include",
            "?",
            "--json",
        ],
        true,
    );
    assert_eq!(v["incl_cut"]["threshold"], 0.8);
}

#[test]
fn retention() {
    let v = same_json(
        "TSD.csv",
        &[
            "qca",
            "retention",
            "--data",
            "{data}",
            "--outcome",
            "W",
            "--type",
            "corruption",
            "--p-pert",
            "0.025",
            "--json",
        ],
        true,
    );
    assert!((v["retention"].as_f64().unwrap() - 0.796222756366248).abs() < 1e-9);
    same_json(
        "TSD.csv",
        &[
            "qca",
            "retention",
            "--data",
            "{data}",
            "--outcome",
            "W",
            "--conditions",
            "P,U,C,S",
            "--type",
            "deletion",
            "--n-pert",
            "1",
            "--json",
        ],
        false,
    );
}

#[test]
fn expression_reads_levels_from_a_labelled_file() {
    let v = same_json(
        "LM.csv",
        &[
            "qca",
            "expression",
            "DEV[2] + ~DEV[0]",
            "--simplify",
            "--negate",
            "--data",
            "{data}",
            "--json",
        ],
        false,
    );
    // DEV has three levels in LM.csv: not-0 is level 1 or 2.
    assert_eq!(v["simplified"], "DEV[1,2]", "{v}");
}

#[test]
fn calibrate() {
    let v = same_json(
        "LR.csv",
        &[
            "qca",
            "calibrate",
            "--data",
            "{data}",
            "--column",
            "DEV",
            "--method",
            "fuzzy:e=350,c=550,i=900",
            "--json",
        ],
        false,
    );
    assert_eq!(v["calibrated"].as_array().unwrap().len(), 18);
    same_json(
        "LR.csv",
        &[
            "qca",
            "calibrate",
            "--data",
            "{data}",
            "--column",
            "URB",
            "--find-thresholds",
            "2",
            "--json",
        ],
        false,
    );
}

#[test]
fn columns_lists_text_columns_with_kind_text() {
    let dir = Dir::new();
    let text = fixture("LM.csv");
    let plain = json(&[
        "qca",
        "columns",
        "--data",
        &dir.file("plain.csv", &text),
        "--json",
    ]);
    let labelled = json(&[
        "qca",
        "columns",
        "--data",
        &dir.file("labelled.csv", &with_labels(&text)),
        "--json",
    ]);
    assert_eq!(plain["cases"], 18);
    assert_eq!(labelled["cases"], 18);
    assert_eq!(labelled["case_column"], "case");
    let cols = labelled["columns"].as_array().unwrap();
    let names: Vec<&str> = cols.iter().map(|c| c["column"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "name", "DEV", "region", "URB", "LIT", "IND", "STB", "SURV", "remark"
        ]
    );
    for c in cols {
        if LABELS.contains(&c["column"].as_str().unwrap()) {
            assert_eq!(c["kind"], "text", "{c}");
            assert_eq!(c["numbers"], 0, "{c}");
        }
    }
    // The columns of numbers are described exactly as in the plain file.
    let numeric: Vec<&Value> = cols.iter().filter(|c| c["kind"] != "text").collect();
    let plain_cols: Vec<&Value> = plain["columns"].as_array().unwrap().iter().collect();
    assert_eq!(numeric, plain_cols);
    let dev = numeric.iter().find(|c| c["column"] == "DEV").unwrap();
    assert_eq!(
        (dev["kind"].as_str(), dev["levels"].as_u64()),
        (Some("multi-value"), Some(3))
    );

    // Text output: the kinds, the case column; Dutch by default.
    let out = ok(&[
        "qca",
        "columns",
        "--data",
        &dir.path("labelled.csv"),
        "--lang",
        "en",
    ]);
    assert!(
        out.starts_with("18 cases (names from column \"case\")"),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.split_whitespace().take(3).eq(["region", "text", "-"])),
        "{out}"
    );
    let out = ok(&["qca", "columns", "--data", &dir.path("labelled.csv")]);
    assert!(out.starts_with("18 gevallen"), "{out}");
}

#[test]
fn a_text_column_can_be_the_case_column() {
    let dir = Dir::new();
    let path = dir.file("labelled.csv", &with_labels(&fixture("LF.csv")));
    let v = json(&[
        "qca",
        "truth-table",
        "--data",
        &path,
        "--case-column",
        "name",
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
        "--json",
    ]);
    // The case codes are now a text column like the others and are left out.
    assert_eq!(
        v["left_out"],
        serde_json::json!(["case", "region", "remark"])
    );
    let r22 = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["row"] == 22)
        .unwrap();
    // FI and IE are the 5th and 10th cases; with_labels numbers the names by data row.
    assert_eq!(
        r22["cases"],
        serde_json::json!(["Súdwest-Fryslân 5", "'s-Hertogenbosch 10"])
    );
    let cols = json(&[
        "qca",
        "columns",
        "--data",
        &path,
        "--case-column",
        "name",
        "--json",
    ]);
    assert_eq!(cols["case_column"], "name");
    assert_eq!(cols["columns"][0]["column"], "case");
    assert_eq!(cols["columns"][0]["kind"], "text");
}

#[test]
fn text_output_carries_the_note_in_both_languages() {
    let dir = Dir::new();
    let text = fixture("LF.csv");
    let plain = dir.file("plain.csv", &text);
    let labelled = dir.file("labelled.csv", &with_labels(&text));
    for (lang, note) in [
        (
            "nl",
            "opmerking: tekstkolommen overgeslagen (ze bevatten geen getallen): name, region, remark\n",
        ),
        (
            "en",
            "note: text columns left out (they hold no numbers): name, region, remark\n",
        ),
    ] {
        for cmd in ["truth-table", "minimize", "necessity", "fit"] {
            let args = |data: &str| {
                let mut a: Vec<String> = ["--lang", lang, "qca", cmd, "--data", data]
                    .map(String::from)
                    .to_vec();
                a.extend(["--outcome".into(), "SURV".into()]);
                match cmd {
                    "fit" => {}
                    "necessity" => a.extend(["--incl-cut".into(), "0.9".into()]),
                    _ => a.extend(["--incl-cut".into(), "0.8".into()]),
                }
                a
            };
            let a = ok(&args(&plain).iter().map(String::as_str).collect::<Vec<_>>());
            let b = ok(&args(&labelled)
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>());
            assert!(b.ends_with(note), "{cmd} {lang}:\n{b}");
            assert_eq!(
                a.trim_end(),
                b.strip_suffix(note).unwrap().trim_end(),
                "{cmd} {lang}"
            );
        }
    }
}

/// LF with the labels, and "hoog" in column URB of the third case (file line 4).
fn lf_with_text_in_urb(dir: &Dir) -> String {
    let text = with_labels(&fixture("LF.csv"));
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let mut fields: Vec<String> = lines[3].split(',').map(String::from).collect();
    // case, name, DEV, region, URB, LIT, IND, STB, SURV, remark (no comma inside quotes on
    // this line).
    assert_eq!(fields.len(), 10);
    fields[4] = "hoog".into();
    lines[3] = fields.join(",");
    dir.file("bestand.csv", &(lines.join("\n") + "\n"))
}

#[test]
fn a_condition_holding_text_is_an_error_at_its_cell() {
    let dir = Dir::new();
    let path = lf_with_text_in_urb(&dir);
    // Columns: case 1, name 2, DEV 3, region 4, URB 5.
    let err = fails(&[
        "qca",
        "truth-table",
        "--data",
        &path,
        "--outcome",
        "SURV",
        "--conditions",
        "DEV,URB,LIT",
    ]);
    assert!(
        err.contains("bestand.csv, regel 4, kolom \"URB\" (nr. 5): \"hoog\" is geen getal"),
        "{err}"
    );
    assert!(err.contains("URB is een conditie"), "{err}");
    let err = fails(&[
        "--lang",
        "en",
        "qca",
        "truth-table",
        "--data",
        &path,
        "--outcome",
        "SURV",
        "--conditions",
        "DEV,URB,LIT",
    ]);
    assert!(
        err.contains("bestand.csv, line 4, column \"URB\" (no. 5): \"hoog\" is not a number"),
        "{err}"
    );
    assert!(
        err.contains("URB is a condition and must hold numbers"),
        "{err}"
    );

    // A column that is not used may hold anything.
    ok(&[
        "qca",
        "truth-table",
        "--data",
        &path,
        "--outcome",
        "SURV",
        "--conditions",
        "DEV,LIT",
    ]);

    // Without --conditions, a column of numbers with one text cell is not a label column:
    // it is an error at that cell, not silently left out.
    let err = fails(&["qca", "truth-table", "--data", &path, "--outcome", "SURV"]);
    assert!(
        err.contains("regel 4") && err.contains("\"URB\"") && err.contains("\"hoog\""),
        "{err}"
    );

    // Every command that reads conditions says the same.
    for cmd in ["minimize", "necessity", "fit", "robustness", "retention"] {
        let err = fails(&[
            "qca",
            cmd,
            "--data",
            &path,
            "--outcome",
            "SURV",
            "--conditions",
            "DEV,URB",
        ]);
        assert!(
            err.contains("regel 4, kolom \"URB\" (nr. 5): \"hoog\" is geen getal"),
            "{cmd}: {err}"
        );
    }
}

#[test]
fn a_label_column_named_as_a_set_is_an_error_naming_it() {
    let dir = Dir::new();
    let path = dir.file("labelled.csv", &with_labels(&fixture("LF.csv")));
    let en = |args: &[&str]| {
        let mut all = vec!["--lang", "en", "qca"];
        all.extend_from_slice(args);
        fails(&all)
    };
    let err = en(&[
        "truth-table",
        "--data",
        &path,
        "--outcome",
        "SURV",
        "--conditions",
        "DEV,name",
    ]);
    assert!(
        err.contains("line 2, column \"name\" (no. 2): \"'s-Hertogenbosch 1\" is not a number")
            && err.contains(
                "name is a condition and must hold numbers, but the column holds only text"
            ),
        "{err}"
    );
    let err = en(&["necessity", "--data", &path, "--outcome", "region"]);
    assert!(err.contains("region is the outcome"), "{err}");
    let err = en(&[
        "calibrate",
        "--data",
        &path,
        "--column",
        "remark",
        "--method",
        "crisp:1",
    ]);
    assert!(
        err.contains("column \"remark\" (no. 10)") && err.contains("the column to calibrate"),
        "{err}"
    );
    let err = en(&[
        "fit",
        "--data",
        &path,
        "--outcome",
        "SURV",
        "--expression",
        "DEV*region",
    ]);
    assert!(err.contains("region is a set in the expression"), "{err}");
    let err = en(&["cna", "--data", &path, "--outcome", "name"]);
    assert!(err.contains("name is a factor"), "{err}");
    // The case column is not a set, and a misspelt column is named with the columns there are.
    let err = en(&[
        "truth-table",
        "--data",
        &path,
        "--outcome",
        "SURV",
        "--conditions",
        "DEV,case",
    ]);
    assert!(err.contains("holds the case identifiers"), "{err}");
    let err = en(&[
        "truth-table",
        "--data",
        &path,
        "--outcome",
        "SURV",
        "--conditions",
        "dev",
    ]);
    assert!(
        err.contains("unknown column \"dev\"") && err.contains("did you mean \"DEV\"?"),
        "{err}"
    );
}

#[test]
fn empty_cell_in_a_condition_is_an_error_but_not_in_a_label_column() {
    let dir = Dir::new();
    let path = dir.file(
        "gaten.csv",
        "gemeente,A,B,regio,Y\nAa en Hunze,1,0,,1\nAalsmeer,0,,Noord,0\nAlkmaar,1,1,Zuid,1\n",
    );
    let err = fails(&[
        "qca",
        "truth-table",
        "--data",
        &path,
        "--outcome",
        "Y",
        "--conditions",
        "A,B",
    ]);
    assert!(
        err.contains("regel 3, kolom \"B\" (nr. 3): lege cel; B is een conditie"),
        "{err}"
    );
    let v = json(&[
        "qca",
        "truth-table",
        "--data",
        &path,
        "--outcome",
        "Y",
        "--conditions",
        "A",
        "--json",
    ]);
    assert_eq!(v["conditions"], serde_json::json!(["A"]));
}

#[test]
fn decimal_comma_files_with_labels() {
    let dir = Dir::new();
    let text = with_labels(&fixture("LF.csv"));
    // Semicolons and decimal commas, as Dutch Excel writes them; the text keeps its commas.
    let dutch: String = text
        .lines()
        .map(|l| {
            let mut out = String::new();
            let mut quoted = false;
            for ch in l.chars() {
                match ch {
                    '"' => {
                        quoted = !quoted;
                        out.push(ch);
                    }
                    ',' if !quoted => out.push(';'),
                    '.' if !quoted => out.push(','),
                    _ => out.push(ch),
                }
            }
            out + "\n"
        })
        .collect();
    let plain = dir.file("plain.csv", &fixture("LF.csv"));
    let path = dir.file("nl.csv", &dutch);
    let args = |data: &str| -> Value {
        json(&[
            "qca",
            "minimize",
            "--data",
            data,
            "--outcome",
            "SURV",
            "--incl-cut",
            "0.8",
            "--include",
            "?",
            "--json",
        ])
    };
    assert_eq!(args(&plain), without_note(args(&path)));

    // A decimal point in that file is an error that says so.
    let bad = dir.file("nl-bad.csv", &dutch.replacen(";0,81;", ";0.81;", 1));
    let err = fails(&[
        "qca",
        "fit",
        "--data",
        &bad,
        "--outcome",
        "SURV",
        "--conditions",
        "DEV",
    ]);
    assert!(
        err.contains("\"0.81\" is geen getal (het bestand gebruikt een decimale komma"),
        "{err}"
    );
}

/// Parses a CSV file written by kantel (quotes only where needed) into rows of fields.
fn parse_csv(text: &str, sep: char) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == sep && !quoted => row.push(std::mem::take(&mut field)),
            '\n' if !quoted => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            c => field.push(c),
        }
    }
    rows
}

#[test]
fn calibrate_out_writes_the_whole_table_with_the_new_column() {
    let dir = Dir::new();
    let text = with_labels(&fixture("LR.csv"));
    let input = dir.file("lr.csv", &text);
    let out_path = dir.path("lr-cal.csv");
    let v = json(&[
        "qca",
        "calibrate",
        "--data",
        &input,
        "--column",
        "DEV",
        "--method",
        "fuzzy:e=350,c=550,i=900",
        "--out",
        &out_path,
        "--json",
    ]);
    assert_eq!(v["out"]["column"], "DEV_cal");
    let calibrated: Vec<f64> = v["calibrated"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect();
    let written = std::fs::read_to_string(&out_path).unwrap();
    let rows = parse_csv(&written, ',');
    let original = parse_csv(&text, ',');
    assert_eq!(rows.len(), original.len());
    for (i, (new, old)) in rows.iter().zip(&original).enumerate() {
        // Every column kept as it was, text included; the new column at the end.
        assert_eq!(&new[..old.len()], old.as_slice(), "line {}", i + 1);
        assert_eq!(new.len(), old.len() + 1);
        if i == 0 {
            assert_eq!(new.last().unwrap(), "DEV_cal");
        } else {
            let x: f64 = new.last().unwrap().parse().unwrap();
            assert!(
                (x - calibrated[i - 1]).abs() < 1e-12,
                "line {}: written in full",
                i + 1
            );
        }
    }
    // The written file is data like any other: the new column is a fuzzy set.
    let cols = json(&["qca", "columns", "--data", &out_path, "--json"]);
    let cal = cols["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["column"] == "DEV_cal")
        .unwrap()
        .clone();
    assert_eq!(cal["kind"], "fuzzy");

    // --out-column names it; text output says where it went.
    let out2 = dir.path("lr-cal2.csv");
    let printed = ok(&[
        "--lang",
        "en",
        "qca",
        "calibrate",
        "--data",
        &out_path,
        "--column",
        "URB",
        "--method",
        "crisp:50",
        "--out",
        &out2,
        "--out-column",
        "URBc",
    ]);
    assert!(printed.contains("column URBc added"), "{printed}");
    let header = std::fs::read_to_string(&out2)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_string();
    assert!(header.ends_with(",remark,DEV_cal,URBc"), "{header}");

    // Refusals: an existing name, the input file itself, a spreadsheet name, no --method.
    let base = [
        "--lang",
        "en",
        "qca",
        "calibrate",
        "--data",
        &input,
        "--column",
        "DEV",
        "--method",
        "fuzzy:e=350,c=550,i=900",
    ];
    let with = |extra: &[&str]| {
        let mut a = base.to_vec();
        a.extend_from_slice(extra);
        fails(&a)
    };
    let err = with(&["--out", &out2, "--out-column", "region"]);
    assert!(
        err.contains("already has a column named \"region\""),
        "{err}"
    );
    let err = with(&["--out", &input]);
    assert!(err.contains("--out is the input file"), "{err}");
    let err = with(&["--out", &dir.path("x.xlsx")]);
    assert!(err.contains("writes CSV"), "{err}");
    let err = fails(&[
        "qca",
        "calibrate",
        "--data",
        &input,
        "--column",
        "DEV",
        "--find-thresholds",
        "2",
        "--out",
        &out2,
    ]);
    assert!(err.contains("--method"), "{err}");
    // Nothing half-written: no temporary file is left beside the output.
    let leftovers: Vec<_> = std::fs::read_dir(&dir.0)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn calibrate_out_keeps_semicolons_and_decimal_commas() {
    let dir = Dir::new();
    let input = dir.file(
        "ruw.csv",
        "\u{feff}gemeente;inwoners;regio\nAa en Hunze;25,5;Noord\nAalsmeer;32,1;\"West; Rand\"\nAlkmaar;110,9;Noord\n",
    );
    let out_path = dir.path("ruw-cal.csv");
    ok(&[
        "qca",
        "calibrate",
        "--data",
        &input,
        "--column",
        "inwoners",
        "--method",
        "crisp:30",
        "--out",
        &out_path,
    ]);
    let written = std::fs::read_to_string(&out_path).unwrap();
    assert_eq!(
        written,
        "\u{feff}gemeente;inwoners;regio;inwoners_cal\nAa en Hunze;25,5;Noord;0\n\
         Aalsmeer;32,1;\"West; Rand\";1\nAlkmaar;110,9;Noord;1\n"
    );
}

#[test]
fn sweep() {
    let s = same_json(
        "LF.csv",
        &[
            "qca",
            "sweep",
            "--data",
            "{data}",
            "--outcome",
            "SURV",
            "--incl-cut",
            "0.8",
            "--include",
            "?",
            "--vary",
            "incl.cut=0.7,0.9",
            "--json",
        ],
        true,
    );
    assert_eq!(s["counts"]["total"], 3);
}

#[test]
fn esa_and_theory() {
    let e = same_json(
        "LF.csv",
        &[
            "qca",
            "esa",
            "--data",
            "{data}",
            "--outcome",
            "SURV",
            "--incl-cut",
            "0.8",
            "--contradictory",
            "--json",
        ],
        true,
    );
    assert!(e["before"].is_object(), "{e}");
    same_json(
        "LF.csv",
        &[
            "qca",
            "theory",
            "--data",
            "{data}",
            "--outcome",
            "SURV",
            "--incl-cut",
            "0.8",
            "--include",
            "?",
            "--theory",
            "DEV*STB",
            "--json",
        ],
        true,
    );
}

#[test]
fn cases() {
    same_json(
        "LF.csv",
        &[
            "qca",
            "cases",
            "--data",
            "{data}",
            "--outcome",
            "SURV",
            "--incl-cut",
            "0.8",
            "--include",
            "?",
            "--json",
        ],
        true,
    );
}

#[test]
fn cluster() {
    // A panel (unit and period columns) with the three text columns added gives the same
    // diagnostics.
    let dir = Dir::new();
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/cases/panel.csv"),
    )
    .unwrap();
    let plain = dir.file("plain.csv", &text);
    let labelled = dir.file("labelled.csv", &with_labels(&text));
    let run = |data: &str| {
        without_note(json(&[
            "qca",
            "cluster",
            "--data",
            data,
            "--outcome",
            "Y",
            "--expression",
            "A*B",
            "--unit",
            "municipality",
            "--period",
            "year",
            "--json",
        ]))
    };
    assert_eq!(run(&plain), run(&labelled));
}
