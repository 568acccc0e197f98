//! `kantel qca cna` with cna 4.0's options and the fit-robustness series.

mod support;

use support::{json, kantel};

use std::path::PathBuf;

use serde_json::Value;

fn data(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/validation/data")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn json_has_expressions_and_options_apply() {
    let d = data("d.educate.csv");
    let v = json(&["qca", "cna", "--data", &d, "--json"]);
    let csf: Vec<&str> = v["csf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["expression"].as_str().unwrap())
        .collect();
    assert!(csf.contains(&"(L + G <-> E)*(U + D <-> L)"), "{csf:?}");
    assert!(v["asf"][0]["formula"]["disjuncts"].is_array());
    // notcols E: the outcome is e (only case H: l*g <-> e); exclude "g -> e" takes g out
    // of e's causes, and no asf of e is left.
    let e_asfs = |extra: &[&str]| -> Vec<String> {
        let mut args = vec![
            "qca",
            "cna",
            "--data",
            d.as_str(),
            "--json",
            "--notcols",
            "E",
        ];
        args.extend(extra);
        json(&args)["asf"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["expression"].as_str().unwrap().to_string())
            .filter(|a| a.ends_with("<-> e"))
            .collect()
    };
    let with_g = e_asfs(&[]);
    assert!(with_g.iter().any(|a| a.contains('g')), "{with_g:?}");
    let without = e_asfs(&["--exclude", "g -> e"]);
    assert!(!without.iter().any(|a| a.contains('g')), "{without:?}");
    let v = json(&[
        "qca",
        "cna",
        "--data",
        &d,
        "--json",
        "--measures",
        "ccon,ccov",
        "--cov",
        "0.5",
    ]);
    assert_eq!(v["measures"][0], "contrapositive consistency");
    let (ok, out, _) = kantel(&[
        "qca",
        "cna",
        "--data",
        &d,
        "--measures",
        "ccon,ccov",
        "--cov",
        "0.5",
        "--lang",
        "en",
    ]);
    assert!(
        ok && out.starts_with("con is contrapositive consistency, cov is contrapositive coverage"),
        "{out}"
    );
}

#[test]
fn fr_grid_text_and_json() {
    let d = data("d.educate.csv");
    let (ok, out, err) = kantel(&[
        "qca",
        "cna",
        "--data",
        &d,
        "--fr-grid",
        "1,0.9,0.8",
        "--lang",
        "en",
    ]);
    assert!(ok, "{err}");
    assert!(
        out.contains("Fit-robustness scores") && out.contains("norm.score"),
        "{out}"
    );
    assert!(out.contains("9 analyses"), "{out}");
    let one = kantel(&[
        "qca",
        "cna",
        "--data",
        &d,
        "--fr-grid",
        "1,0.9,0.8",
        "--json",
    ])
    .1;
    let two = kantel(&[
        "qca",
        "cna",
        "--data",
        &d,
        "--fr-grid",
        "1,0.9,0.8",
        "--json",
        "--threads",
        "2",
    ])
    .1;
    assert_eq!(one, two);
    let v: Value = serde_json::from_str(&one).unwrap();
    assert_eq!(v["models"][0]["norm_score"], 1.0);
}

#[test]
fn bad_options_are_clear_errors() {
    let d = data("d.educate.csv");
    for (args, needle) in [
        (vec!["--fr-grid", "1,0.9", "--con", "0.9"], "--con"),
        (vec!["--measures", "scon"], "--measures"),
        (vec!["--measures", "scon,bogus"], "bogus"),
        (vec!["--exclude", "X -> E"], "X"),
        (vec!["--notcols", "Q"], "Q"),
        (vec!["--cycle-type", "loop"], "--cycle-type"),
        (vec!["--fr-grid", "1,x"], "--fr-grid"),
    ] {
        let mut all = vec!["qca", "cna", "--data", d.as_str(), "--lang", "en"];
        all.extend(args.iter());
        let (ok, _, err) = kantel(&all);
        assert!(!ok, "{args:?} should fail");
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}
