//! Issue 8 item 6: R's remaining options for fit and necessity through the `kantel` binary:
//! `qca necessity --relation sufficiency` (R's `superSubset(relation = "sufficiency")`) and
//! `qca fit --expression` with R's arrows (`pof("A*B + C -> Y")`, `pof("A + B <- Y")`),
//! against R's output in testdata/validation/expected.

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

fn validation() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/validation")
}

fn data(name: &str) -> String {
    validation().join("data").join(name).display().to_string()
}

fn expected(name: &str) -> Value {
    let path = validation().join("expected").join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn json(args: &[&str]) -> Value {
    let (ok, out, err) = kantel(args);
    assert!(ok, "kantel {args:?} failed: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

fn fails_with(args: &[&str], needles: &[&str]) {
    let mut all = vec!["--lang", "en"];
    all.extend_from_slice(args);
    let (ok, out, err) = kantel(&all);
    assert!(!ok, "kantel {all:?} should fail, printed {out}");
    for needle in needles {
        assert!(
            err.contains(needle),
            "kantel {all:?}: expected {needle:?} in {err:?}"
        );
    }
    assert!(!err.contains("panicked"), "{err}");
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

fn close(ours: &Value, r: &Value) -> bool {
    match (ours.as_f64(), r.as_f64()) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-6,
        _ => ours.is_null() && r.is_null(),
    }
}

/// Compares `rows` (objects with "expression" or "term" and R's column names) with a
/// table of R's output, row by row.
fn assert_rows(what: &str, rows: &[&Value], name_key: &str, r: &Value, columns: &[&str]) {
    let r_rows = strings(&r[".row"]);
    assert_eq!(rows.len(), r_rows.len(), "{what}: rows");
    for (i, (row, r_name)) in rows.iter().zip(&r_rows).enumerate() {
        assert_eq!(row[name_key].as_str().unwrap(), r_name, "{what}");
        for c in columns {
            assert!(
                close(&row[*c], &r[*c][i]),
                "{what}, {r_name}, {c}: ours {} R {}",
                row[*c],
                r[*c][i]
            );
        }
    }
}

#[test]
fn necessity_relation_sufficiency_matches_r_super_subset() {
    // superSubset(LF, "SURV", relation = "sufficiency", incl.cut = 0.8) and
    // superSubset(CVF, "PROTEST", relation = "sufficiency", incl.cut = 0.85).
    let r = expected("superSubset.json");
    for (key, file, outcome, cut) in [
        ("LF_SURV_suf_i0.8", "LF.csv", "SURV", "0.8"),
        ("CVF_PROTEST_suf_i0.85", "CVF.csv", "PROTEST", "0.85"),
    ] {
        let v = json(&[
            "qca",
            "necessity",
            "--data",
            &data(file),
            "--outcome",
            outcome,
            "--relation",
            "sufficiency",
            "--incl-cut",
            cut,
            "--json",
        ]);
        assert_eq!(v["relation"], "sufficiency", "{key}");
        let terms: Vec<&Value> = v["terms"].as_array().unwrap().iter().collect();
        for t in &terms {
            assert!(t.get("inclN").is_none() && t.get("RoN").is_none(), "{t}");
        }
        assert_rows(
            key,
            &terms,
            "expression",
            &r[key]["incl.cov"],
            &["inclS", "PRI", "covS"],
        );
    }
}

#[test]
fn sufficiency_table_of_each_condition_matches_r_pof() {
    // pof(LF[, 1:5], LF$SURV, relation = "sufficiency"): the conditions' rows (the table
    // adds each negation after its condition).
    let v = json(&[
        "qca",
        "necessity",
        "--data",
        &data("LF.csv"),
        "--outcome",
        "SURV",
        "--relation",
        "suf",
        "--json",
    ]);
    let conditions = v["conditions"].as_array().unwrap();
    let plain: Vec<&Value> = conditions.iter().step_by(2).collect();
    assert_eq!(conditions[1]["expression"], "~DEV");
    let r = expected("pof.json");
    assert_rows(
        "LF_each_suf",
        &plain,
        "expression",
        &r["LF_each_suf"]["incl.cov"],
        &["inclS", "PRI", "covS"],
    );
}

#[test]
fn relation_takes_r_abbreviations_and_refuses_others() {
    let lf = data("LF.csv");
    let run = |relation: &str| {
        let (ok, out, err) = kantel(&[
            "qca",
            "necessity",
            "--data",
            &lf,
            "--outcome",
            "SURV",
            "--incl-cut",
            "0.8",
            "--relation",
            relation,
        ]);
        assert!(ok, "--relation {relation}: {err}");
        out
    };
    assert_eq!(run("suf"), run("sufficiency"));
    assert_eq!(run("nec"), run("necessity"));
    assert_ne!(run("suf"), run("nec"));
    let (ok, out, err) = kantel(&[
        "qca",
        "necessity",
        "--data",
        &lf,
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
    ]);
    assert!(ok, "{err}");
    assert_eq!(out, run("necessity"), "necessity is the default");
    let (ok, _, err) = kantel(&[
        "qca",
        "necessity",
        "--data",
        &lf,
        "--outcome",
        "SURV",
        "--relation",
        "both",
    ]);
    assert!(!ok);
    assert!(
        err.contains("--relation") && err.contains("sufficiency") && err.contains("necessity"),
        "{err}"
    );
}

#[test]
fn sufficiency_search_text_names_its_relation_and_columns() {
    let lf = data("LF.csv");
    let args = [
        "qca",
        "necessity",
        "--data",
        &lf,
        "--outcome",
        "SURV",
        "--relation",
        "sufficiency",
        "--incl-cut",
        "0.8",
        "--pri-cut",
        "0.8",
    ];
    let (ok, out, err) = kantel(&[&["--lang", "en"][..], &args[..]].concat());
    assert!(ok, "{err}");
    assert!(
        out.starts_with("Sufficiency of each condition for SURV"),
        "{out}"
    );
    assert!(
        out.contains("Sufficient expressions (incl.cut 0.8, cov.cut 0, pri.cut 0.8)"),
        "{out}"
    );
    let header = out.lines().nth(2).unwrap();
    assert_eq!(
        header.split_whitespace().collect::<Vec<_>>(),
        ["inclS", "PRI", "covS"]
    );
    assert!(!out.contains("inclN") && !out.contains("RoN"), "{out}");
    // pri.cut 0.8 keeps DEV*STB (PRI 0.848) and URB*STB (0.845), drops DEV*URB (0.776).
    assert!(
        out.contains("DEV*STB") && out.contains("URB*STB") && !out.contains("DEV*URB"),
        "{out}"
    );
    let (ok, out, err) = kantel(&args);
    assert!(ok, "{err}");
    assert!(
        out.starts_with("Voldoendheid van elke conditie voor SURV"),
        "{out}"
    );
    assert!(out.contains("Voldoende expressies"), "{out}");
}

#[test]
fn cut_of_the_other_relation_is_an_error_naming_the_right_option() {
    let lf = data("LF.csv");
    let base = ["qca", "necessity", "--data", &lf, "--outcome", "SURV"];
    fails_with(
        &[&base[..], &["--relation", "suf", "--ron-cut", "0.5"]].concat(),
        &["--ron-cut", "--pri-cut", "--relation sufficiency"],
    );
    fails_with(
        &[&base[..], &["--pri-cut", "0.5"]].concat(),
        &["--pri-cut", "--ron-cut"],
    );
}

#[test]
fn sufficiency_search_stops_at_its_budget_and_says_so() {
    let lf = data("LF.csv");
    let v = json(&[
        "qca",
        "necessity",
        "--data",
        &lf,
        "--outcome",
        "SURV",
        "--relation",
        "sufficiency",
        "--incl-cut",
        "0.8",
        "--max-expressions",
        "40",
        "--json",
        "--lang",
        "en",
    ]);
    let warning = v["warning"].as_str().unwrap();
    assert!(
        warning.contains("--max-expressions") && warning.contains("--depth"),
        "{warning}"
    );
    // 10 literals fit level 1; the 40 pairs of level 2 do not.
    assert_eq!(v["depth_searched"], 1);
    assert_eq!(v["relation"], "sufficiency");
}

#[test]
fn fit_with_sufficiency_arrow_matches_r_pof() {
    // pof("DEV*~IND + URB*STB -> SURV", data = LF): no --outcome needed.
    let v = json(&[
        "qca",
        "fit",
        "--data",
        &data("LF.csv"),
        "--expression",
        "DEV*~IND + URB*STB -> SURV",
        "--json",
    ]);
    assert_eq!(v["outcome"], "SURV");
    let f = &v["fits"][0];
    assert_eq!(f["relation"], "sufficiency");
    assert!(f.get("inclN").is_none() && f.get("RoN").is_none(), "{f}");
    let r = &expected("pof.json")["LF_sol_suf"]["incl.cov"];
    let terms: Vec<&Value> = f["terms"].as_array().unwrap().iter().collect();
    let mut rows = terms.clone();
    let mut whole = f.clone();
    whole["term"] = Value::from("expression");
    whole["covU"] = Value::Null;
    rows.push(&whole);
    assert_rows(
        "LF_sol_suf",
        &rows,
        "term",
        r,
        &["inclS", "PRI", "covS", "covU"],
    );
}

#[test]
fn fit_with_necessity_arrow_matches_r_pof() {
    // pof("STB + LIT <- SURV", data = LF) and pof("~NATPRIDE + GEOCON <- PROTEST", CVF).
    for (key, file, text) in [
        ("LF_STB_LIT_nec", "LF.csv", "STB + LIT <- SURV"),
        ("CVF_expr_nec", "CVF.csv", "~NATPRIDE + GEOCON <- PROTEST"),
    ] {
        let v = json(&[
            "qca",
            "fit",
            "--data",
            &data(file),
            "--expression",
            text,
            "--json",
        ]);
        let f = &v["fits"][0];
        assert_eq!(f["relation"], "necessity", "{key}");
        assert!(f.get("inclS").is_none() && f.get("PRI").is_none(), "{f}");
        let mut rows: Vec<Value> = f["terms"].as_array().unwrap().clone();
        let mut whole = f.clone();
        whole["term"] = Value::from("expression");
        rows.push(whole);
        let rows: Vec<&Value> = rows.iter().collect();
        let r = &expected("pof.json")[key]["incl.cov"];
        assert_rows(key, &rows, "term", r, &["inclN", "RoN", "covN"]);
    }
}

#[test]
fn fit_arrow_to_negated_outcome_matches_r_pof_and_agrees_with_outcome_option() {
    // pof("~NATPRIDE + GEOCON -> ~PROTEST", data = CVF), with --outcome given the same.
    let v = json(&[
        "qca",
        "fit",
        "--data",
        &data("CVF.csv"),
        "--outcome",
        "~PROTEST",
        "--expression",
        "~NATPRIDE + GEOCON -> ~PROTEST",
        "--json",
    ]);
    let f = &v["fits"][0];
    assert_eq!(v["outcome"], "~PROTEST");
    let r = &expected("pof.json")["CVF_expr_suf_neg"]["incl.cov"];
    for (c, i) in [("inclS", 2), ("PRI", 2), ("covS", 2)] {
        assert!(close(&f[c], &r[c][i]), "{c}: {} vs {}", f[c], r[c][i]);
    }
    assert!(close(&f["terms"][0]["covU"], &r["covU"][0]));
}

#[test]
fn fit_text_with_arrows_shows_only_the_relation_asked() {
    let lf = data("LF.csv");
    let (ok, out, err) = kantel(&[
        "--lang",
        "en",
        "qca",
        "fit",
        "--data",
        &lf,
        "--expression",
        "DEV*~IND + URB*STB -> SURV",
        "--expression",
        "STB + LIT <- SURV",
    ]);
    assert!(ok, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "outcome: SURV", "{out}");
    let suf = lines
        .iter()
        .position(|l| *l == "Sufficiency for SURV (->)")
        .expect(&out);
    let nec = lines
        .iter()
        .position(|l| *l == "Necessity for SURV (<-)")
        .expect(&out);
    assert!(suf < nec);
    let words = |l: &str| l.split_whitespace().map(String::from).collect::<Vec<_>>();
    assert_eq!(words(lines[suf + 2]), ["inclS", "PRI", "covS", "covU"]);
    assert_eq!(words(lines[nec + 2]), ["inclN", "RoN", "covN"]);
    // R's printed values (three decimals): DEV*~IND 0.815 0.721 0.284 0.194; the
    // expression 0.850 0.819 0.714; STB + LIT 0.995 0.380 0.590.
    assert_eq!(
        words(lines[suf + 3]),
        ["DEV*~IND", "0.815", "0.721", "0.284", "0.194"]
    );
    assert_eq!(
        words(lines[suf + 5]),
        ["DEV*~IND", "+", "URB*STB", "0.850", "0.819", "0.714"]
    );
    assert_eq!(
        words(lines[nec + 5]),
        ["STB", "+", "LIT", "0.995", "0.380", "0.590"]
    );
    let (ok, out, _) = kantel(&[
        "qca",
        "fit",
        "--data",
        &lf,
        "--expression",
        "DEV*~IND + URB*STB -> SURV",
    ]);
    assert!(ok);
    assert!(out.contains("Voldoendheid voor SURV (->)"), "{out}");
}

#[test]
fn fit_without_arrow_still_shows_both_relations() {
    let v = json(&[
        "qca",
        "fit",
        "--data",
        &data("LF.csv"),
        "--outcome",
        "SURV",
        "--expression",
        "DEV*~IND + URB*STB",
        "--json",
    ]);
    let f = &v["fits"][0];
    assert!(f.get("relation").is_none(), "{f}");
    for c in ["inclS", "PRI", "covS", "inclN", "RoN", "covN"] {
        assert!(f[c].is_number(), "{c}: {f}");
    }
    assert!(f["terms"][0]["covU"].is_number() && f["terms"][0]["inclN"].is_number());
}

#[test]
fn fit_arrow_errors_name_the_problem() {
    let lf = data("LF.csv");
    let fit = ["qca", "fit", "--data", &lf];
    // --outcome and the arrow's outcome differ: both named.
    fails_with(
        &[
            &fit[..],
            &["--outcome", "~SURV", "--expression", "DEV*STB -> SURV"],
        ]
        .concat(),
        &["--outcome ~SURV", "outcome SURV", "DEV*STB -> SURV"],
    );
    // Two expressions for two outcomes.
    fails_with(
        &[
            &fit[..],
            &[
                "--expression",
                "DEV -> SURV",
                "--expression",
                "STB <- ~SURV",
            ],
        ]
        .concat(),
        &["SURV in \"DEV -> SURV\"", "~SURV in \"STB <- ~SURV\""],
    );
    // <-> is not a relation fit computes.
    fails_with(
        &[&fit[..], &["--expression", "DEV <-> SURV"]].concat(),
        &["'<->'", "position 5", "->", "<-"],
    );
    // No outcome anywhere.
    fails_with(
        &[&fit[..], &["--expression", "DEV*STB"]].concat(),
        &["no outcome", "--outcome"],
    );
    fails_with(&fit, &["no outcome", "--outcome"]);
    // The outcome after the arrow must be a column of the data.
    fails_with(
        &[&fit[..], &["--expression", "DEV -> NOPE"]].concat(),
        &["NOPE"],
    );
    // An arrow where only an expression is read (minimize --dir-exp) is named as such.
    fails_with(&["qca", "expression", "A*B -> Y"], &["'->'", "fit"]);
}
