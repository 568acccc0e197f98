//! Issue 8: the searches of `kantel qca` have budgets named by options, and their progress
//! never reaches stdout (which carries the result, JSON with `--json`).
//!
//! `kantel qca cna` on a table of 10,000 crisp columns ran without limit (8 GB after 60 s).

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

fn data(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/validation/data")
        .join(name)
        .display()
        .to_string()
}

/// The progress labels of both languages (`progress-*` in cli.ftl).
const PROGRESS_LABELS: [&str; 6] = [
    "cna: kandidaten",
    "cna: candidates",
    "noodzakelijkheid: expressies",
    "necessity: expressions",
    "retentie: combinaties",
    "robuustheid: stappen",
];

/// A temporary file removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, content: &str) -> TempFile {
        let path =
            std::env::temp_dir().join(format!("kantel-budgets-{}-{name}", std::process::id()));
        std::fs::write(&path, content).unwrap();
        TempFile(path)
    }
    fn path(&self) -> String {
        self.0.display().to_string()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// `rows` cases of `cols` crisp columns X1.., from a fixed generator.
fn wide_csv(rows: usize, cols: usize) -> String {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut out = (1..=cols)
        .map(|i| format!("X{i}"))
        .collect::<Vec<_>>()
        .join(",");
    out.push('\n');
    for _ in 0..rows {
        let row: Vec<&str> = (0..cols)
            .map(|_| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                if state >> 63 == 1 { "1" } else { "0" }
            })
            .collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

fn parse_json(stdout: &str) -> Value {
    serde_json::from_str(stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON alone ({e}): {stdout}"))
}

#[test]
fn cna_on_a_wide_table_stops_within_its_budget_with_a_warning_naming_the_option() {
    let file = TempFile::new("wide.csv", &wide_csv(200, 3_000));
    let started = std::time::Instant::now();
    let (ok, out, err) = kantel(&[
        "qca",
        "cna",
        "--data",
        &file.path(),
        "--outcome",
        "X1",
        "--json",
    ]);
    assert!(ok, "{err}");
    // Before the budget it did not end at all; the bound is generous for slow machines.
    assert!(started.elapsed().as_secs() < 60);
    let v = parse_json(&out);
    let warnings: Vec<&str> = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(
        warnings.iter().any(|w| w.contains("--max-msc-candidates")),
        "{warnings:?}"
    );
    for label in PROGRESS_LABELS {
        assert!(
            !err.contains(label),
            "progress drawn on a non-terminal: {err}"
        );
    }

    // The text output in Dutch names the option too.
    let (ok, out, _) = kantel(&["qca", "cna", "--data", &file.path(), "--outcome", "X1"]);
    assert!(ok);
    assert!(
        out.contains("--max-msc-candidates") && out.contains("waarschuwing"),
        "{out}"
    );
}

#[test]
fn cna_budget_options_reach_the_search() {
    let educate = data("d.educate.csv");
    let (ok, out, err) = kantel(&[
        "--lang",
        "en",
        "qca",
        "cna",
        "--data",
        &educate,
        "--max-csf-candidates",
        "1",
    ]);
    assert!(ok, "{err}");
    assert!(
        out.contains("--max-csf-candidates") && out.contains("--n-init"),
        "{out}"
    );
    let (ok, out, err) = kantel(&[
        "--lang",
        "en",
        "qca",
        "cna",
        "--data",
        &educate,
        "--max-asf-candidates",
        "2",
    ]);
    assert!(ok, "{err}");
    assert!(out.contains("--max-asf-candidates"), "{out}");
    // Zero is refused, naming the option.
    let (ok, _, err) = kantel(&[
        "--lang",
        "en",
        "qca",
        "cna",
        "--data",
        &educate,
        "--max-msc-candidates",
        "0",
    ]);
    assert!(!ok);
    assert!(err.contains("--max-msc-candidates"), "{err}");
}

#[test]
fn searches_print_no_progress_to_stdout() {
    let lf = data("LF.csv");
    let lipf = data("LIPF.csv");
    let tsd = data("TSD.csv");
    let educate = data("d.educate.csv");
    let runs: [Vec<&str>; 4] = [
        vec!["qca", "cna", "--data", &educate, "--json"],
        vec![
            "qca",
            "necessity",
            "--data",
            &lf,
            "--outcome",
            "SURV",
            "--incl-cut",
            "0.9",
            "--json",
        ],
        vec![
            "qca",
            "robustness",
            "--data",
            &lipf,
            "--outcome",
            "SURVIVED",
            "--incl-cut",
            "0.8",
            "--include",
            "?",
            "--json",
        ],
        vec![
            "qca",
            "retention",
            "--data",
            &tsd,
            "--outcome",
            "W",
            "--type",
            "corruption",
            "--n-pert",
            "2",
            "--json",
        ],
    ];
    for args in runs {
        let (ok, out, err) = kantel(&args);
        assert!(ok, "{args:?}: {err}");
        parse_json(&out);
        for label in PROGRESS_LABELS {
            assert!(!out.contains(label) && !err.contains(label), "{args:?}");
        }
    }
}
