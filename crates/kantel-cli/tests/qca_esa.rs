//! `kantel qca esa` and `kantel qca theory`: parity with R's findRows (LF_findRows.json) and
//! modelFit (LF_modelFit.json) through the JSON and the text, and small tables by hand.

mod support;

use support::{data, json, kantel, testdata};

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::Value;

fn fixture(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(testdata("expected").join(name)).unwrap())
        .unwrap()
}

fn rows(v: &Value) -> Vec<u64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap())
        .collect()
}

fn r_find_rows(f: &Value, call: &str) -> Vec<u64> {
    let c = f["findRows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["call"].as_str() == Some(call))
        .unwrap_or_else(|| panic!("no call {call}"));
    rows(&c["result"])
}

/// The rows of the ESA JSON's groups with this rule.
fn group_rows(v: &Value, rule: &str) -> Vec<u64> {
    v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["reason"]["rule"] == rule)
        .flat_map(|g| {
            g["rows"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["row"].as_u64().unwrap())
        })
        .collect()
}

const LF: [&str; 6] = ["--outcome", "SURV", "--incl-cut", "0.8", "--json", "--data"];

fn lf_args<'a>(file: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["qca", "esa"];
    args.extend_from_slice(&LF);
    args.push(file);
    args.extend_from_slice(extra);
    args
}

#[test]
fn esa_json_reproduces_r_find_rows() {
    let f = fixture("LF_findRows.json");
    let file = data("LF.csv");
    let v = json(&lf_args(&file, &["--contradictory"]));
    assert_eq!(
        group_rows(&v, "contradictory_simplifying_assumption"),
        r_find_rows(&f, "findRows(ttLF, type = 2)")
    );
    assert_eq!(
        group_rows(&v, "simultaneous_subset_relation"),
        r_find_rows(&f, "findRows(ttLF, type = 3)")
    );
    let v = json(&lf_args(
        &file,
        &[
            "--contradictory",
            "--neg-incl-cut",
            "0.9",
            "--neg-pri-cut",
            "0.7",
        ],
    ));
    assert_eq!(
        group_rows(&v, "contradictory_simplifying_assumption"),
        r_find_rows(
            &f,
            "findRows(ttLF, type = 2, incl.cut = 0.9, pri.cut = 0.7)"
        )
    );
    let v = json(&lf_args(
        &file,
        &["--impossible", "DEV*~IND*STB", "--contradictory"],
    ));
    assert_eq!(
        group_rows(&v, "impossible"),
        r_find_rows(&f, "findRows(ttLF, \"DEV*~IND*STB\")")
    );
    assert_eq!(
        rows(&v["excluded_rows"]),
        r_find_rows(&f, "findRows(ttLF, \"DEV*~IND*STB\", type = 0)")
    );
    // The enhanced minimization carries the exclusions as edits with their reasons.
    let edits = v["after"]["truth_table_edits"].as_array().unwrap();
    assert_eq!(edits.len(), rows(&v["excluded_rows"]).len());
    let e18 = edits
        .iter()
        .find(|e| e["Exclude"]["row"] == 18)
        .expect("row 18 excluded");
    assert_eq!(e18["Exclude"]["previous"], "?");
    assert_eq!(e18["Exclude"]["reasons"][0]["rule"], "impossible");
    assert_eq!(e18["Exclude"]["reasons"][0]["expression"], "DEV*~IND*STB");
    assert!(
        v["before"]["truth_table_edits"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn esa_text_lists_the_rows_with_their_reason_and_both_solutions() {
    let file = data("LF.csv");
    let (ok, out, err) = kantel(&[
        "--lang",
        "en",
        "qca",
        "esa",
        "--data",
        &file,
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
        "--impossible",
        "DEV*~IND*STB",
    ]);
    assert!(ok, "{err}");
    assert!(
        out.contains("impossible configuration DEV*~IND*STB: 3 rows"),
        "{out}"
    );
    for config in [
        "DEV*~URB*~LIT*~IND*STB",
        "DEV*URB*~LIT*~IND*STB",
        "DEV*URB*LIT*~IND*STB",
    ] {
        assert!(out.contains(config), "{config} missing:\n{out}");
    }
    assert!(out.contains("# Standard analysis") && out.contains("# Enhanced analysis"));
    // The default language is Dutch, with every key translated.
    let (ok, nl, _) = kantel(&[
        "qca",
        "esa",
        "--data",
        &file,
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
        "--necessary",
        "STB",
        "--contradictory",
        "--auto-necessary",
        "0.9",
    ]);
    assert!(ok);
    assert!(nl.contains("mist de noodzakelijke voorwaarde STB"), "{nl}");
    assert!(!nl.contains("⟦untranslated⟧"), "{nl}");
}

/// The five crisp cases of the engine test (`crates/kantel-qca/tests/esa.rs`): rows
/// 4A + 2B + C + 1; positive rows 7 and 8, negative 1, 2, 5, remainders 3, 4, 6; and c6
/// (A*~B*C, not Y) with `with_c6`.
fn hand_csv(with_c6: bool) -> (PathBuf, String) {
    let mut text =
        String::from("case,A,B,C,Y\nc1,1,1,1,1\nc2,1,1,0,1\nc3,0,0,0,0\nc4,0,0,1,0\nc5,1,0,0,0\n");
    if with_c6 {
        text.push_str("c6,1,0,1,0\n");
    }
    // One directory per call: the tests run in parallel and each removes its own.
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "kantel-qca-esa-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("hand.csv");
    std::fs::write(&path, text).unwrap();
    (dir, path.display().to_string())
}

#[test]
fn a_necessary_condition_changes_the_parsimonious_solution_by_hand() {
    // Standard: B covers rows 7, 8 with remainders 3, 4 (no negative row in B). A
    // necessary: rows 3 and 4 (~A) go; the remaining prime implicants are A*B and A*C
    // (with remainder 6); A*B covers both positive rows.
    let (dir, file) = hand_csv(false);
    let v = json(&[
        "qca",
        "esa",
        "--data",
        &file,
        "--outcome",
        "Y",
        "--necessary",
        "A",
        "--json",
    ]);
    std::fs::remove_dir_all(dir).ok();
    assert_eq!(rows(&v["excluded_rows"]), [3, 4]);
    let p = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["solution"] == "parsimonious")
        .unwrap();
    assert_eq!(p["before"], serde_json::json!(["B"]));
    assert_eq!(p["after"], serde_json::json!(["A*B"]));
    assert_eq!(p["dropped"], serde_json::json!(["B"]));
    assert_eq!(p["changed"], true);
    assert_eq!(
        v["groups"][0]["reason"],
        serde_json::json!({"rule": "necessary_condition", "condition": "A", "negation": "~A"})
    );
}

#[test]
fn esa_errors_name_the_option() {
    let (dir, file) = hand_csv(false);
    let (ok, _, err) = kantel(&[
        "--lang",
        "en",
        "qca",
        "esa",
        "--data",
        &file,
        "--outcome",
        "Y",
        "--necessary",
        "A*FOO",
    ]);
    assert!(!ok);
    assert!(err.contains("--necessary") && err.contains("FOO"), "{err}");
    let (ok, _, err) = kantel(&[
        "--lang",
        "en",
        "qca",
        "esa",
        "--data",
        &file,
        "--outcome",
        "Y",
        "--auto-necessary",
        "1.5",
    ]);
    std::fs::remove_dir_all(dir).ok();
    assert!(!ok);
    assert!(err.contains("--auto-necessary"), "{err}");
}

fn term_set(expression: &str) -> BTreeSet<BTreeSet<String>> {
    expression
        .split('+')
        .map(|t| t.trim().split('*').map(|l| l.trim().to_string()).collect())
        .filter(|t: &BTreeSet<String>| !t.iter().all(|l| l.is_empty() || l == "-"))
        .collect()
}

fn check_model(got: &Value, want: &Value) {
    let name = want["model_name"].as_str().unwrap();
    assert_eq!(got["model_name"], name);
    for key in [
        "model*theory",
        "model*~theory",
        "~model*theory",
        "~model*~theory",
    ] {
        let field = match key {
            "model*theory" => "model_theory",
            "model*~theory" => "model_not_theory",
            "~model*theory" => "not_model_theory",
            _ => "not_model_not_theory",
        };
        let mine = got["intersections"][field].as_str().unwrap_or("-");
        assert_eq!(
            term_set(mine),
            term_set(want["intersections"][key].as_str().unwrap()),
            "{name} {key}"
        );
    }
    let ic = &want["incl.cov"];
    let got_rows = got["rows"].as_array().unwrap();
    for (i, row) in got_rows.iter().enumerate() {
        assert_eq!(row["name"], ic[".row"][i], "{name}");
        for column in ["inclS", "PRI", "covS"] {
            let r = ic[column][i].as_f64();
            let k = row[column].as_f64();
            match (k, r) {
                (Some(k), Some(r)) => assert!((k - r).abs() < 1e-6, "{name} {column} {i}"),
                (None, None) => {}
                other => panic!("{name} {column} row {i}: {other:?}"),
            }
        }
    }
}

#[test]
fn theory_json_and_text_reproduce_r_model_fit() {
    let f = fixture("LF_modelFit.json");
    let file = data("LF.csv");
    let base = [
        "qca",
        "theory",
        "--data",
        &file,
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
        "--include",
        "?",
        "--theory",
        "DEV*STB",
    ];
    let v = json(&[&base[..], &["--json"]].concat());
    assert_eq!(v["models"].as_array().unwrap().len(), 1);
    check_model(&v["models"][0], &f["parsimonious"]["modelFit"]);
    let with_dir = [&base[..], &["--dir-exp", "DEV, ~URB, ~LIT, ~IND, ~STB"]].concat();
    let v = json(&[&with_dir[..], &["--json"]].concat());
    let want = f["intermediate"]["modelFit"].as_array().unwrap();
    assert_eq!(v["models"].as_array().unwrap().len(), want.len());
    for w in want {
        let g = v["models"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["model_name"] == w["model_name"])
            .unwrap();
        check_model(g, w);
    }

    // The text holds R's printed block of every model, line by line (trailing spaces
    // aside), where kantel prints the intersections' terms in R's order.
    for (args, printed) in [
        (
            base.to_vec(),
            vec![f["parsimonious"]["modelFit"]["printed"].as_str().unwrap()],
        ),
        (
            with_dir.clone(),
            want.iter()
                .map(|w| w["printed"].as_str().unwrap())
                .collect(),
        ),
    ] {
        let (ok, out, err) = kantel(&args);
        assert!(ok, "{err}");
        let lines: Vec<&str> = out.lines().map(str::trim_end).collect();
        for p in printed {
            let block: Vec<&str> = p
                .lines()
                .map(str::trim_end)
                .skip_while(|l| l.is_empty())
                .collect();
            let found = lines.windows(block.len()).any(|w| w == block.as_slice());
            assert!(found, "R's block\n{p}\nnot in\n{out}");
        }
    }
}

#[test]
fn theory_cases_by_hand() {
    // Parsimonious solution B; theory A*C. c1 (111, Y) is in B and A*C; c2 (110, Y) in B
    // only; c6 (101, not Y) in A*C only; c3, c4, c5 (not Y) in neither.
    let (dir, file) = hand_csv(true);
    let v = json(&[
        "qca",
        "theory",
        "--data",
        &file,
        "--outcome",
        "Y",
        "--include",
        "?",
        "--theory",
        "A*C",
        "--json",
    ]);
    let (ok, text, _) = kantel(&[
        "--lang",
        "en",
        "qca",
        "theory",
        "--data",
        &file,
        "--outcome",
        "Y",
        "--include",
        "?",
        "--theory",
        "A*C",
    ]);
    std::fs::remove_dir_all(dir).ok();
    let m = &v["models"][0];
    assert_eq!(m["model"], "B");
    let cases: Vec<(String, Value, Value)> = m["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["intersection"].as_str().unwrap().to_string(),
                c["outcome"].clone(),
                c["not_outcome"].clone(),
            )
        })
        .collect();
    let j = |v: &[&str]| serde_json::json!(v);
    assert_eq!(
        cases,
        vec![
            ("model*theory".to_string(), j(&["c1"]), j(&[])),
            ("model*~theory".to_string(), j(&["c2"]), j(&[])),
            ("~model*theory".to_string(), j(&[]), j(&["c6"])),
            ("~model*~theory".to_string(), j(&[]), j(&["c3", "c4", "c5"])),
        ]
    );
    assert!(ok);
    assert!(
        text.contains("covered most likely (model*theory, Y above 0.5): 1 of 6\n    c1"),
        "{text}"
    );
    assert!(
        text.contains(
            "consistent least likely (~model*~theory, Y below 0.5): 3 of 6\n    c3, c4, c5"
        ),
        "{text}"
    );
}

#[test]
fn same_inputs_same_bytes() {
    let file = data("LF.csv");
    let args = lf_args(
        &file,
        &[
            "--contradictory",
            "--auto-necessary",
            "0.9",
            "--dir-exp",
            "DEV, URB, LIT, IND, STB",
        ],
    );
    let (ok1, a, _) = kantel(&args);
    let (ok2, b, _) = kantel(&args);
    assert!(ok1 && ok2);
    assert_eq!(a, b);
}
