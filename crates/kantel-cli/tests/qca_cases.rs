//! Issue 9 item 4: `kantel qca cases` (SetMethods' smmr case selection) and `kantel qca
//! cluster` (SetMethods' cluster) through the `kantel` binary. References: the solution of
//! R's QCA in testdata/validation/expected, the types recomputed here from the data file by
//! the rules, and hand calculations for the panel in testdata/cases/panel.csv.

mod support;

use support::{json, kantel};

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn data(name: &str) -> String {
    root()
        .join("testdata/validation/data")
        .join(name)
        .display()
        .to_string()
}

fn panel() -> String {
    root()
        .join("testdata/cases/panel.csv")
        .display()
        .to_string()
}

fn expected(name: &str) -> Value {
    let path = root().join("testdata/validation/expected").join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// LF.csv as columns: case names and name -> values.
fn lf() -> (Vec<String>, Vec<(String, Vec<f64>)>) {
    let text = std::fs::read_to_string(data("LF.csv")).unwrap();
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .unwrap()
        .split(',')
        .map(|s| s.trim_matches('"').to_string())
        .collect();
    let mut cases = Vec::new();
    let mut cols: Vec<Vec<f64>> = vec![Vec::new(); header.len() - 1];
    for l in lines.filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = l.split(',').collect();
        cases.push(cells[0].trim_matches('"').to_string());
        for (k, c) in cells[1..].iter().enumerate() {
            cols[k].push(c.parse().unwrap());
        }
    }
    (cases, header[1..].iter().cloned().zip(cols).collect())
}

/// The solution is R's (parsimonious, LF, SURV, incl.cut 0.8: DEV*~IND + URB*STB), and every
/// case's type per term follows from the data by the rules (term memberships recomputed
/// here as minima over the literals).
#[test]
fn cases_on_lf_follow_the_rules() {
    let r = expected("LF_SURV_i0.8.json");
    let r_models = &r["minimize"]["parsimonious"]["solution"];
    assert_eq!(r_models.as_array().unwrap().len(), 1);
    let v = json(&[
        "qca",
        "cases",
        "--data",
        &data("LF.csv"),
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
        "--include",
        "?",
        "--json",
    ]);
    let terms: Vec<&str> = v["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    let mut r_terms: Vec<String> = r_models[0]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect();
    r_terms.sort();
    let mut ours: Vec<String> = terms.iter().map(|s| s.to_string()).collect();
    ours.sort();
    assert_eq!(ours, r_terms);

    let (cases, cols) = lf();
    let col = |n: &str| &cols.iter().find(|(c, _)| c == n).unwrap().1;
    let y = col("SURV");
    for t in v["terms"].as_array().unwrap() {
        let name = t["name"].as_str().unwrap();
        let x: Vec<f64> = (0..cases.len())
            .map(|i| {
                name.split('*')
                    .map(|lit| match lit.strip_prefix('~') {
                        Some(c) => 1.0 - col(c)[i],
                        None => col(lit)[i],
                    })
                    .fold(1.0, f64::min)
            })
            .collect();
        let types = t["types"].as_array().unwrap();
        let mut best_typical: Option<(f64, &str)> = None;
        for i in 0..cases.len() {
            let want = if x[i] > 0.5 && y[i] > 0.5 && x[i] <= y[i] {
                "typical"
            } else if x[i] > 0.5 && y[i] > 0.5 {
                "deviant_consistency_degree"
            } else if x[i] > 0.5 && y[i] < 0.5 {
                "deviant_consistency_kind"
            } else if x[i] < 0.5 && y[i] > 0.5 {
                "deviant_coverage"
            } else if x[i] < 0.5 && y[i] < 0.5 {
                "individually_irrelevant"
            } else {
                "crossover"
            };
            assert_eq!(types[i], want, "{name} {}", cases[i]);
            if want == "typical" {
                let s = 2.0 * (y[i] - x[i]) + (1.0 - x[i]);
                if best_typical.is_none_or(|(b, _)| s < b) {
                    best_typical = Some((s, &cases[i]));
                }
            }
        }
        let most: Vec<&str> = t["most_typical"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        match best_typical {
            Some((_, c)) => assert_eq!(most, [c], "{name}"),
            None => assert!(most.is_empty()),
        }
    }
    // The pair lists are capped at 5 and say how many pairs exist.
    for l in v["pairs"].as_array().unwrap() {
        let shown = l["pairs"].as_array().unwrap().len() as u64;
        assert!(shown <= 5 && shown <= l["total"].as_u64().unwrap());
    }
}

/// --expression skips the minimization; --max-pairs caps the lists; the same bytes twice.
#[test]
fn cases_with_expression_and_cap() {
    let args = [
        "qca",
        "cases",
        "--data",
        &data("LF.csv"),
        "--outcome",
        "SURV",
        "--expression",
        "DEV*~IND + URB*STB",
        "--max-pairs",
        "2",
        "--json",
    ];
    let v = json(&args);
    assert_eq!(v["solution"], "DEV*~IND + URB*STB");
    assert_eq!(v["max_pairs"], 2);
    let typ_iir = v["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["kind"] == "typical_irrelevant" && l["group"] == "DEV*~IND")
        .unwrap();
    assert_eq!(typ_iir["pairs"].as_array().unwrap().len(), 2);
    // 2 typical × 10 irrelevant cases for DEV*~IND.
    assert_eq!(typ_iir["total"], 20);
    let (_, a, _) = kantel(&args);
    let (_, b, _) = kantel(&args);
    assert_eq!(a, b);
}

/// Text in Dutch (default) and English; a model that does not exist is an error naming
/// --model.
#[test]
fn cases_text_and_model_errors() {
    let base = [
        "qca",
        "cases",
        "--data",
        &data("LF.csv"),
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
        "--include",
        "?",
    ];
    let (ok, out, err) = kantel(&base);
    assert!(ok, "{err}");
    assert!(out.starts_with("Casusselectie: uitkomst SURV, oplossing DEV*~IND + URB*STB"));
    assert!(out.contains("Term URB*STB"));
    assert!(out.contains("meest typisch: BE"), "{out}");
    let mut en = vec!["--lang", "en"];
    en.extend(base);
    let (ok, out, _) = kantel(&en);
    assert!(ok);
    assert!(
        out.contains("model 1 of 1 of the parsimonious solution"),
        "{out}"
    );
    assert!(out.contains("Typical × individually irrelevant, term DEV*~IND: 5 of 20 pairs"));
    assert!(!out.contains("⟦untranslated⟧"), "{out}");
    for lang in ["nl", "en"] {
        let (ok, out, err) = kantel(&[
            "--lang",
            lang,
            "qca",
            "cluster",
            "--data",
            &panel(),
            "--outcome",
            "Y",
            "--expression",
            "A + B",
            "--unit",
            "municipality",
            "--period",
            "year",
        ]);
        assert!(ok, "{err}");
        assert!(!out.contains("⟦untranslated⟧"), "{out}");
    }
    let mut two = en.clone();
    two.extend(["--model", "2"]);
    let (ok, _, err) = kantel(&two);
    assert!(!ok);
    assert!(
        err.contains("--model 2") && err.contains("1 model"),
        "{err}"
    );
}

/// The panel of testdata/cases/panel.csv, solution A + B (max of A and B per row):
///
/// | unit    | year | A  | B  | X  | Y  | min |
/// |---------|------|----|----|----|----|-----|
/// | Utrecht | 2019 | .8 | .3 | .8 | .9 | .8  |
/// | Utrecht | 2020 | .6 | .7 | .7 | .4 | .4  |
/// | Utrecht | 2021 | .2 | .1 | .2 | .3 | .2  |
/// | Zwolle  | 2019 | .7 | .2 | .7 | .6 | .6  |
/// | Zwolle  | 2020 | .9 | .4 | .9 | .9 | .9  |
/// | Zwolle  | 2021 | .4 | .8 | .8 | .8 | .8  |
///
/// Pooled: 3.7/4.1 = .902439, coverage 3.7/3.9 = .948718. Between 2020: 1.3/1.6 = .8125.
/// Within Utrecht: 1.4/1.7 = .823529; Zwolle 2.3/2.4 = .958333.
/// dWP: shares .823529/1.781863 = .462173 and .537827: ±.037827, × √2 = .053495.
#[test]
fn cluster_on_the_panel() {
    let v = json(&[
        "qca",
        "cluster",
        "--data",
        &panel(),
        "--outcome",
        "Y",
        "--expression",
        "A + B",
        "--unit",
        "municipality",
        "--period",
        "year",
        "--json",
    ]);
    let s = &v["solution_fit"];
    let near = |a: &Value, b: f64| (a.as_f64().unwrap() - b).abs() < 1e-6;
    assert!(near(&s["pooled_consistency"], 3.7 / 4.1));
    assert!(near(&s["pooled_coverage"], 3.7 / 3.9));
    assert_eq!(s["between"][1]["id"], "2020");
    assert!(near(&s["between"][1]["consistency"], 1.3 / 1.6));
    assert_eq!(s["within"][0]["id"], "Utrecht");
    assert!(near(&s["within"][0]["consistency"], 1.4 / 1.7));
    assert!(near(&s["within"][1]["consistency"], 2.3 / 2.4));
    let a: f64 = 1.4 / 1.7;
    let b: f64 = 2.3 / 2.4;
    let d = ((a / (a + b) - 0.5).powi(2) + (b / (a + b) - 0.5).powi(2)).sqrt();
    assert!(near(&s["d_wp"], d));
    assert!((d - 0.053495).abs() < 1e-5);
    assert_eq!(v["terms"].as_array().unwrap().len(), 2);
    assert_eq!(v["units"], serde_json::json!(["Utrecht", "Zwolle"]));
}

/// A unit twice in a year, and a missing period, are errors naming their place.
#[test]
fn cluster_errors_name_the_place() {
    let dir = std::env::temp_dir().join(format!("kantel-cases-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let dup = dir.join("dup.csv");
    std::fs::write(
        &dup,
        "municipality,year,A,Y\nUtrecht,2019,0.8,0.9\nUtrecht,2019,0.6,0.4\n",
    )
    .unwrap();
    let (ok, _, err) = kantel(&[
        "--lang",
        "en",
        "qca",
        "cluster",
        "--data",
        dup.to_str().unwrap(),
        "--outcome",
        "Y",
        "--expression",
        "A",
        "--unit",
        "municipality",
        "--period",
        "year",
    ]);
    assert!(!ok);
    assert!(
        err.contains("Utrecht") && err.contains("2019") && err.contains("twice"),
        "{err}"
    );
    let empty = dir.join("empty.csv");
    std::fs::write(
        &empty,
        "municipality,year,A,Y\nUtrecht,2019,0.8,0.9\nZwolle,,0.6,0.4\n",
    )
    .unwrap();
    let (ok, _, err) = kantel(&[
        "--lang",
        "en",
        "qca",
        "cluster",
        "--data",
        empty.to_str().unwrap(),
        "--outcome",
        "Y",
        "--expression",
        "A",
        "--unit",
        "municipality",
        "--period",
        "year",
    ]);
    assert!(!ok);
    assert!(err.contains("year") && err.contains("--period"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Splits a command line at spaces, keeping "double-quoted" parts together.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut any = false;
    for ch in line.chars() {
        match ch {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            c => {
                cur.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(cur);
    }
    out
}

/// Both commands have help with examples, and the examples work on the test data.
#[test]
fn help_examples_run() {
    for cmd in ["cases", "cluster"] {
        let (ok, out, _) = kantel(&["qca", cmd, "--help"]);
        assert!(ok && out.contains("Example"), "{out}");
        let examples: Vec<Vec<String>> = out
            .lines()
            .filter_map(|l| l.trim().strip_prefix("kantel "))
            .map(words)
            .collect();
        assert!(!examples.is_empty(), "{out}");
        for args in examples {
            let run = Command::new(env!("CARGO_BIN_EXE_kantel"))
                .args(&args)
                .current_dir(root())
                .output()
                .unwrap();
            assert!(
                run.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&run.stderr)
            );
        }
    }
}
