//! `kantel qca sweep` as a researcher runs it: SetMethods' ranges from the command line, a
//! raw column calibrated and its crossover swept, the same bytes with 1 and 2 threads, and
//! errors that name the option.

mod support;

use support::kantel;

use std::path::PathBuf;

use serde_json::Value;

fn data(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/validation/data")
        .join(name)
        .display()
        .to_string()
}

const LIPF: [&str; 9] = [
    "qca",
    "sweep",
    "--outcome",
    "SURVIVED",
    "--conditions",
    "DEVELOPED,URBAN,LITERATE,INDUSTRIAL,STABLE",
    "--incl-cut",
    "0.8",
    "--include=?",
];

fn lipf(extra: &[&str]) -> (bool, String, String) {
    let file = data("LIPF.csv");
    let mut args: Vec<&str> = LIPF.to_vec();
    args.extend(["--data", file.as_str()]);
    args.extend(extra);
    kantel(&args)
}

#[test]
fn text_gives_setmethods_incl_range_and_names_the_terms() {
    // rob.inclrange(step = 0.01) on LIPF: 0.71 - 0.8 (testdata/validation/expected).
    let (ok, out, err) = lipf(&["--vary", "incl.cut=0.6:1:0.01", "--lang", "en"]);
    assert!(ok, "{err}");
    assert!(out.contains("41 settings"), "{out}");
    let line = out.lines().find(|l| l.starts_with("incl.cut")).unwrap();
    assert!(line.ends_with("0.71 – 0.8"), "{line}");
    assert!(out.contains("DEVELOPED*~INDUSTRIAL *"), "{out}");
    assert!(out.contains("RF_cov"), "{out}");
    assert!(out.contains("robust typical (IS*TS, Y > 0.5)"), "{out}");
    // Dutch by default.
    let (ok, out, _) = lipf(&["--vary", "incl.cut=0.6:1:0.01"]);
    assert!(ok);
    assert!(
        out.contains("41 instellingen") && out.contains("robuust typisch"),
        "{out}"
    );
}

#[test]
fn json_is_the_same_with_one_and_two_threads() {
    let run = |threads: &str| {
        let file = data("LIPF.csv");
        let mut args: Vec<&str> = LIPF.to_vec();
        args.extend([
            "--data",
            file.as_str(),
            "--vary",
            "incl.cut=0.7:0.9:0.02",
            "--vary",
            "n.cut=1,2",
            "--json",
            "--threads",
            threads,
        ]);
        let (ok, out, err) = kantel(&args);
        assert!(ok, "{err}");
        out
    };
    let (one, two) = (run("1"), run("2"));
    assert_eq!(one, two);
    let v: Value = serde_json::from_str(&one).unwrap();
    assert_eq!(v["counts"]["total"], 22);
    assert!(v["comparison"]["fit"]["exact"]["RF_cov"].is_number());
}

#[test]
fn a_raw_column_is_calibrated_and_its_crossover_swept() {
    // LIPR holds raw values; DEVELOPED calibrated as in SetMethods' rob.calibrange example
    // (e = 400, c = 550, i = 900); the other conditions are the calibrated ones of LIPF, so
    // the file is LIPF with DEVELOPED replaced by its raw values.
    let lipf = std::fs::read_to_string(data("LIPF.csv")).unwrap();
    let lipr = std::fs::read_to_string(data("LIPR.csv")).unwrap();
    let raw_dev: Vec<String> = lipr
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(2).unwrap().to_string())
        .collect();
    let header: Vec<&str> = lipf.lines().next().unwrap().split(',').collect();
    let dev = header
        .iter()
        .position(|h| h.trim_matches('"') == "DEVELOPED")
        .unwrap();
    let mut mixed = String::from(lipf.lines().next().unwrap());
    mixed.push('\n');
    for (line, raw) in lipf.lines().skip(1).zip(&raw_dev) {
        let mut cells: Vec<String> = line.split(',').map(String::from).collect();
        cells[dev] = raw.clone();
        mixed.push_str(&cells.join(","));
        mixed.push('\n');
    }
    let dir = std::env::temp_dir().join(format!("kantel-sweep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("lipf-raw-dev.csv");
    std::fs::write(&file, mixed).unwrap();
    let f = file.display().to_string();
    let mut args: Vec<&str> = LIPF.to_vec();
    args.extend([
        "--data",
        f.as_str(),
        "--calibrate",
        "DEVELOPED=fuzzy:e=400,c=550,i=900",
        "--vary",
        "DEVELOPED.c=150:950:20",
        "--allow-half",
        "--json",
    ]);
    let (ok, out, err) = kantel(&args);
    assert!(ok, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    // rob.calibrange's crossover range: 550 - 650.
    let range = &v["axes"][0]["range"];
    assert_eq!(
        (range["lower"].as_f64(), range["upper"].as_f64()),
        (Some(550.0), Some(650.0))
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn bad_grids_name_the_option() {
    let (ok, _, err) = lipf(&["--vary", "incl.cut=0.9:0.7:0.01", "--lang", "en"]);
    assert!(
        !ok && err.contains("--vary incl.cut") && err.contains("from:to:step"),
        "{err}"
    );
    let (ok, _, err) = lipf(&["--vary", "incl.cut=0:1:1e-9", "--lang", "en"]);
    assert!(!ok && err.contains("--max-settings"), "{err}");
    let (ok, _, err) = lipf(&[
        "--vary",
        "incl.cut=0.5:1:0.01",
        "--vary",
        "pri.cut=0:1:0.0001",
    ]);
    assert!(!ok && err.contains("--max-settings"), "{err}");
    let (ok, _, err) = lipf(&["--vary", "URBAN.c=0.3,0.5", "--lang", "en"]);
    assert!(!ok && err.contains("--calibrate \"URBAN="), "{err}");
    let (ok, _, err) = lipf(&["--vary", "incl.kut=0.7", "--lang", "en"]);
    assert!(
        !ok && err.contains("unknown parameter \"incl.kut\""),
        "{err}"
    );
    let (ok, _, err) = lipf(&["--vary", "n.cut=1.5", "--lang", "en"]);
    assert!(!ok && err.contains("1.5"), "{err}");
    let (ok, _, err) = lipf(&["--lang", "en"]);
    assert!(!ok && err.contains("--vary"), "{err}");
    let (ok, _, err) = lipf(&["--vary", "incl.cut=0.7,abc", "--lang", "en"]);
    assert!(!ok && err.contains("\"abc\" is not a number"), "{err}");
}

#[test]
fn settings_with_more_models_than_recorded_are_counted_and_name_the_option() {
    // LIPF at incl.cut 0.5 has five models; recording one per setting leaves that list
    // incomplete, which the text says, naming --max-models; the default records all five.
    let (ok, out, err) = lipf(&[
        "--vary",
        "incl.cut=0.5:0.8:0.05",
        "--max-models",
        "1",
        "--lang",
        "en",
    ]);
    assert!(ok, "{err}");
    assert!(
        out.contains("have more models than were recorded") && out.contains("--max-models"),
        "{out}"
    );
    let (ok, out, _) = lipf(&["--vary", "incl.cut=0.5:0.8:0.05", "--lang", "en"]);
    assert!(
        ok && !out.contains("more models than were recorded"),
        "{out}"
    );
}

#[test]
fn a_sweep_where_every_setting_fails_is_an_error_with_the_reason() {
    // Without --allow-half every setting of this calibration fails on a membership of 0.5
    // (a raw value on the crossover): nothing to report, so the command fails and says why.
    let dir = std::env::temp_dir().join(format!("kantel-sweep-fail-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("half.csv");
    std::fs::write(&file, "case,A,B,Y\na,3,1,1\nb,1,0,0\nc,5,1,1\nd,2,0,0\n").unwrap();
    let f = file.display().to_string();
    let (ok, out, err) = kantel(&[
        "qca",
        "sweep",
        "--data",
        &f,
        "--outcome",
        "Y",
        "--calibrate",
        "A=fuzzy:e=1,c=3,i=5",
        "--vary",
        "incl.cut=0.8,0.9",
        "--lang",
        "en",
    ]);
    assert!(!ok, "{out}");
    assert!(
        err.contains("all 3 settings failed")
            && err.contains("--allow-half")
            && err.contains("a in A"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(dir);
}
