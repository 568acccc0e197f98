//! The `kantel` binary as scripts use it: JSON shapes, R-like text, and clear errors.

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

fn json(args: &[&str]) -> Value {
    let (ok, out, err) = kantel(args);
    assert!(ok, "kantel {args:?} failed: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

fn temp_file(name: &str, content: &str) -> (tempdir::Dir, String) {
    let dir = tempdir::Dir::new();
    let path = dir.path.join(name);
    std::fs::write(&path, content).unwrap();
    let p = path.display().to_string();
    (dir, p)
}

mod tempdir {
    /// A temporary directory removed on drop (no extra dependency for one helper).
    pub struct Dir {
        pub path: std::path::PathBuf,
    }
    impl Dir {
        pub fn new() -> Dir {
            use std::sync::atomic::{AtomicUsize, Ordering};
            static N: AtomicUsize = AtomicUsize::new(0);
            let path = std::env::temp_dir().join(format!(
                "kantel-cli-test-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::SeqCst)
            ));
            std::fs::create_dir_all(&path).unwrap();
            Dir { path }
        }
    }
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

#[test]
fn truth_table_json_has_r_rows() {
    let v = json(&[
        "qca",
        "truth-table",
        "--data",
        &data("LF.csv"),
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
        "--json",
    ]);
    let rows = v["rows"].as_array().unwrap();
    let r22 = rows.iter().find(|r| r["row"] == 22).unwrap();
    assert_eq!(r22["values"], serde_json::json!([1, 0, 1, 0, 1]));
    assert_eq!(r22["OUT"], "1");
    assert_eq!(r22["n"], 2);
    assert_eq!(r22["cases"], serde_json::json!(["FI", "IE"]));
    assert!((r22["incl"].as_f64().unwrap() - 0.8042704626334523).abs() < 1e-9);
    assert_eq!(v["settings"]["incl_cut"], 0.8);
}

#[test]
fn minimize_json_has_the_documented_shape() {
    let v = json(&[
        "qca",
        "minimize",
        "--data",
        &data("LF.csv"),
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
        "--include",
        "?",
        "--dir-exp",
        "DEV, URB, LIT, IND, STB",
        "--json",
    ]);
    assert_eq!(v["outcome"], "SURV");
    assert_eq!(
        v["conditions"],
        serde_json::json!(["DEV", "URB", "LIT", "IND", "STB"])
    );
    let p = &v["parsimonious"]["models"][0];
    assert_eq!(p["expression"], "DEV*~IND + URB*STB");
    assert_eq!(p["terms"][0]["term"], "DEV*~IND");
    assert_eq!(p["terms"][0]["cases"], serde_json::json!(["FI", "IE"]));
    for key in ["inclS", "PRI", "covS", "covU"] {
        assert!(p["terms"][0][key].is_number(), "{key}");
    }
    assert!((p["inclS"].as_f64().unwrap() - 0.85034965034965).abs() < 1e-9);
    let i = &v["intermediate"][0];
    assert_eq!(i["from"], "C1P1");
    assert_eq!(i["easy_counterfactuals"]["count"], 1);
    assert_eq!(i["easy_counterfactuals"]["rows"], serde_json::json!([30]));
    assert_eq!(
        i["easy_counterfactuals"]["terms"],
        serde_json::json!([{"term": "DEV*LIT*~IND*STB", "implicant": [2, 0, 2, 1, 2], "count": 1}])
    );
    // R's pars.sol SAs: 12 remainders under DEV*~IND + URB*STB, 7 under each term.
    let sa = &p["simplifying_assumptions"];
    assert_eq!(sa["count"], 12);
    assert_eq!(sa["terms"][0]["count"], 7);
    assert_eq!(sa["terms"][1]["count"], 7);
    assert_eq!(sa["rows"].as_array().unwrap().len(), 12);
    for (key, value) in [
        ("minimum_proved", serde_json::json!(true)),
        ("model_count", serde_json::json!(1)),
        ("model_count_exact", serde_json::json!(true)),
        ("complete", serde_json::json!(true)),
    ] {
        assert_eq!(v["parsimonious"][key], value, "{key}");
    }
    assert!(v["parsimonious"].get("lower_bound").is_none());
    assert_eq!(
        i["models"][0]["expression"],
        "DEV*URB*LIT*STB + DEV*LIT*~IND*STB"
    );
    assert!(v["conservative"]["models"].is_array());
}

#[test]
fn minimize_without_remainders_has_no_parsimonious_key_and_negated_outcome_works() {
    let v = json(&[
        "qca",
        "minimize",
        "--data",
        &data("LC.csv"),
        "--outcome",
        "~SURV",
        "--json",
    ]);
    assert!(v.get("parsimonious").is_none());
    assert_eq!(v["outcome"], "~SURV");
}

#[test]
fn text_output_uses_r_column_names() {
    let (ok, out, _) = kantel(&[
        "qca",
        "minimize",
        "--data",
        &data("LF.csv"),
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
        "--include",
        "?",
    ]);
    assert!(ok);
    assert!(out.contains("M1: DEV*~IND + URB*STB -> SURV"), "{out}");
    for col in ["inclS", "PRI", "covS", "covU"] {
        assert!(out.contains(col));
    }
    assert!(out.contains("0.850"), "three decimals: {out}");
}

#[test]
fn necessity_and_fit_json() {
    let v = json(&[
        "qca",
        "necessity",
        "--data",
        &data("LF.csv"),
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.9",
        "--cov-cut",
        "0.5",
        "--json",
    ]);
    let terms = v["terms"].as_array().unwrap();
    assert!(!terms.is_empty());
    for t in terms {
        assert!(
            t["expression"].is_string()
                && t["inclN"].is_number()
                && t["RoN"].is_number()
                && t["covN"].is_number()
        );
    }
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
    assert!((f["inclS"].as_f64().unwrap() - 0.85034965034965).abs() < 1e-9);
    assert_eq!(f["terms"].as_array().unwrap().len(), 2);
}

#[test]
fn calibrate_command() {
    let v = json(&[
        "qca",
        "calibrate",
        "--data",
        &data("LR.csv"),
        "--column",
        "DEV",
        "--method",
        "fuzzy:e=350,c=550,i=900",
        "--json",
    ]);
    let cal = v["calibrated"].as_array().unwrap();
    assert_eq!(cal.len(), 18);
    assert!(
        cal.iter()
            .all(|x| (0.0..=1.0).contains(&x.as_f64().unwrap()))
    );
}

#[test]
fn semicolon_and_decimal_comma_csv() {
    let (_d, path) = temp_file(
        "x.csv",
        "\u{feff}case;A;B;Y\nk1;0,8;0,1;0,9\nk2;0,2;0,7;0,1\nk3;0,9;0,8;0,8\n",
    );
    let v = json(&[
        "qca",
        "truth-table",
        "--data",
        &path,
        "--outcome",
        "Y",
        "--json",
    ]);
    assert_eq!(v["conditions"], serde_json::json!(["A", "B"]));
    assert_eq!(v["rows"].as_array().unwrap().len(), 3);
}

/// Runs `kantel --lang en …`, which must fail with `needle` in its English error.
fn fails_with(args: &[&str], needle: &str) {
    let mut all = vec!["--lang", "en"];
    all.extend_from_slice(args);
    let args = all.as_slice();
    let (ok, out, err) = kantel(args);
    assert!(!ok, "kantel {args:?} should fail, printed {out}");
    assert!(
        err.contains(needle),
        "kantel {args:?}: expected {needle:?} in {err:?}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn clear_errors() {
    let lf = data("LF.csv");
    fails_with(
        &[
            "qca",
            "truth-table",
            "--data",
            &lf,
            "--outcome",
            "SURV",
            "--conditions",
            "DEV,XYZ",
        ],
        "unknown column \"XYZ\"",
    );
    fails_with(
        &[
            "qca",
            "truth-table",
            "--data",
            &lf,
            "--outcome",
            "SURV",
            "--conditions",
            "DEV,SURV",
        ],
        "SURV is the outcome",
    );
    fails_with(
        &[
            "qca",
            "fit",
            "--data",
            &lf,
            "--outcome",
            "SURV",
            "--expression",
            "DEV*+URB",
        ],
        "position 5",
    );
    fails_with(
        &[
            "qca",
            "minimize",
            "--data",
            &lf,
            "--outcome",
            "SURV",
            "--include",
            "X",
        ],
        "--include",
    );
    let (_d, bad) = temp_file("bad.csv", "case,A,Y\nk1,0.2,1\nk2,hoog,0\n");
    fails_with(
        &["qca", "truth-table", "--data", &bad, "--outcome", "Y"],
        "line 3",
    );
    fails_with(
        &["qca", "truth-table", "--data", &bad, "--outcome", "Y"],
        "\"A\"",
    );
    let (_d2, half) = temp_file("half.csv", "case,A,Y\nk1,0.5,1\nk2,0.1,0\n");
    fails_with(
        &["qca", "truth-table", "--data", &half, "--outcome", "Y"],
        "exactly 0.5",
    );
    let (ok, _, _) = kantel(&[
        "qca",
        "truth-table",
        "--data",
        &half,
        "--outcome",
        "Y",
        "--allow-half",
    ]);
    assert!(ok);
    let (_d3, out) = temp_file("out.csv", "case,A,Y\nk1,1.5,1\nk2,0.1,0\n");
    fails_with(
        &["qca", "truth-table", "--data", &out, "--outcome", "Y"],
        "calibrate this condition first",
    );
    fails_with(
        &[
            "qca",
            "truth-table",
            "--data",
            "/nonexistent/x.csv",
            "--outcome",
            "Y",
        ],
        "x.csv",
    );
}

#[test]
fn every_command_has_help_with_an_example() {
    for cmd in [
        vec!["qca", "truth-table"],
        vec!["qca", "minimize"],
        vec!["qca", "fit"],
        vec!["qca", "necessity"],
        vec!["qca", "calibrate"],
        vec!["qca", "expression"],
        vec!["qca", "columns"],
        vec!["qca", "cna"],
        vec!["qca", "robustness"],
        vec!["qca", "retention"],
        vec!["demo"],
        vec!["study", "init"],
        vec!["study", "check"],
        vec!["import", "answers"],
        vec!["import", "register"],
        vec!["analyse"],
        vec!["report"],
    ] {
        let mut args = cmd.clone();
        args.push("--help");
        let (ok, out, _) = kantel(&args);
        assert!(ok, "{cmd:?} --help");
        assert!(
            out.contains("Example"),
            "{cmd:?} --help has no example:\n{out}"
        );
    }
}

#[test]
fn expression_and_columns_commands() {
    let v = json(&[
        "qca",
        "expression",
        "~(A + B)*C",
        "--negate",
        "--simplify",
        "--json",
    ]);
    assert_eq!(v["expression"], "~A*~B*C");
    assert_eq!(v["simplified"], "~A*~B*C");
    // not(~A*~B*C) = A + B + ~C
    let negated: std::collections::BTreeSet<&str> =
        v["negated"].as_str().unwrap().split(" + ").collect();
    assert_eq!(negated, ["A", "B", "~C"].into_iter().collect());
    let v = json(&["qca", "expression", "A*B + A*C", "--factorize", "--json"]);
    assert!(
        v["factorizations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "A*(B + C)"),
        "{v}"
    );
    let v = json(&["qca", "columns", "--data", &data("LM.csv"), "--json"]);
    let cols = v["columns"].as_array().unwrap();
    let dev = cols.iter().find(|c| c["column"] == "DEV").unwrap();
    assert_eq!(
        (dev["kind"].as_str(), dev["levels"].as_u64()),
        (Some("multi-value"), Some(3))
    );
    let urb = cols.iter().find(|c| c["column"] == "URB").unwrap();
    assert_eq!(urb["kind"], "crisp");
    let v = json(&["qca", "columns", "--data", &data("LR.csv"), "--json"]);
    assert!(
        v["columns"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["kind"] == "raw")
    );
}

#[test]
fn text_output_is_dutch_by_default_and_english_on_request() {
    let lf = data("LF.csv");
    let args = [
        "qca",
        "minimize",
        "--data",
        &lf,
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
        "--include",
        "?",
    ];
    let (ok, nl, _) = kantel(&args);
    assert!(
        ok && nl.contains("== Spaarzame oplossing ==")
            && nl.contains("== Conservatieve oplossing =="),
        "{nl}"
    );
    let mut en_args = args.to_vec();
    en_args.push("--lang");
    en_args.push("en");
    let (ok, en, _) = kantel(&en_args);
    assert!(ok && en.contains("== Parsimonious solution =="), "{en}");
    let (_, _, err) = kantel(&["qca", "truth-table", "--data", &lf, "--outcome", "NOPE"]);
    assert!(err.starts_with("fout: "), "{err}");
    let (_, _, err) = kantel(&[
        "--lang",
        "en",
        "qca",
        "truth-table",
        "--data",
        &lf,
        "--outcome",
        "NOPE",
    ]);
    assert!(err.starts_with("error: "), "{err}");
}

#[test]
fn cna_robustness_and_retention_commands() {
    // cna(d.educate): R's cna 4.0 finds these three atomic solution formulas.
    let v = json(&["qca", "cna", "--data", &data("d.educate.csv"), "--json"]);
    let asf: std::collections::BTreeSet<String> = v["asf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["con"].to_string() + &a["cov"].to_string() + &a["complexity"].to_string())
        .collect();
    assert_eq!(v["asf"].as_array().unwrap().len(), 3);
    assert!(
        asf.contains("1.01.02") && asf.contains("1.01.03"),
        "{asf:?}"
    );
    let (ok, out, _) = kantel(&[
        "qca",
        "cna",
        "--data",
        &data("d.educate.csv"),
        "--cna-notation",
    ]);
    assert!(ok && out.contains("U+D<->L"), "{out}");
    // retention(dat, "W", incl.cut = 1, type = "corruption", dependent = FALSE, p.pert = 0.025)
    let v = json(&[
        "qca",
        "retention",
        "--data",
        &data("TSD.csv"),
        "--outcome",
        "W",
        "--type",
        "corruption",
        "--p-pert",
        "0.025",
        "--json",
    ]);
    assert!((v["retention"].as_f64().unwrap() - 0.796222756366248).abs() < 1e-9);
    let v = json(&[
        "qca",
        "robustness",
        "--data",
        &data("LIPF.csv"),
        "--outcome",
        "SURVIVED",
        "--incl-cut",
        "0.8",
        "--include",
        "?",
        "--json",
    ]);
    assert_eq!(v["incl_cut"]["threshold"], 0.8);
    assert!(v["incl_cut"]["lower"].as_f64().unwrap() < 0.8);
}

#[test]
fn qca_output_and_errors_come_from_the_catalogue_in_the_users_language() {
    let lf = data("LF.csv");
    let lipf = data("LIPF.csv");
    // (arguments, whether the command succeeds, what the Dutch and the English text say,
    // what both name).
    type Case<'a> = (Vec<&'a str>, bool, [&'a str; 2], Vec<&'a str>);
    let cases: Vec<Case> = vec![
        (
            vec![
                "qca",
                "truth-table",
                "--data",
                &lf,
                "--outcome",
                "SURV",
                "--incl-cut",
                "0.8",
            ],
            true,
            ["OUT: uitkomstwaarde", "OUT: output value"],
            vec!["incl.cut 0.8", "PRI"],
        ),
        (
            vec![
                "qca",
                "minimize",
                "--data",
                &lf,
                "--outcome",
                "SURV",
                "--incl-cut",
                "0.8",
                "--include",
                "?",
            ],
            true,
            ["== Spaarzame oplossing ==", "== Parsimonious solution =="],
            vec!["M1: DEV*~IND + URB*STB -> SURV", "inclS", "covU"],
        ),
        (
            // Bounds reached by steps of 0.01 from 0.83: 0.81, never 0.8099999999999999.
            vec![
                "qca",
                "robustness",
                "--data",
                &lipf,
                "--outcome",
                "SURVIVED",
                "--incl-cut",
                "0.83",
                "--include",
                "?",
            ],
            true,
            ["ondergrens: 0.81", "lower bound: 0.81"],
            vec!["incl.cut", "0.9"],
        ),
        (
            vec![
                "qca",
                "truth-table",
                "--data",
                &lf,
                "--outcome",
                "SURV",
                "--conditions",
                "DEV,XYZ",
            ],
            false,
            ["onbekende kolom \"XYZ\"", "unknown column \"XYZ\""],
            vec!["LF.csv", "DEV, URB, LIT"],
        ),
        (
            vec![
                "qca",
                "fit",
                "--data",
                &lf,
                "--outcome",
                "SURV",
                "--expression",
                "DEV*+URB",
            ],
            false,
            ["positie 5", "position 5"],
            vec!["DEV*+URB", "'*'"],
        ),
        (
            vec![
                "qca",
                "truth-table",
                "--data",
                &lf,
                "--outcome",
                "SURV",
                "--incl-cut",
                "hoog",
            ],
            false,
            ["\"hoog\" is geen getal", "\"hoog\" is not a number"],
            vec!["--incl-cut"],
        ),
        (
            vec![
                "qca",
                "truth-table",
                "--data",
                &lf,
                "--outcome",
                "SURV",
                "--incl-cut",
                "1.5",
            ],
            false,
            ["tussen 0 en 1", "between 0 and 1"],
            vec!["incl.cut", "1.5"],
        ),
    ];
    for (args, succeeds, [nl_says, en_says], both_name) in &cases {
        let run = |lang: &str| {
            let mut all = vec!["--lang", lang];
            all.extend_from_slice(args);
            let (ok, out, err) = kantel(&all);
            assert_eq!(ok, *succeeds, "kantel {all:?}: {out}{err}");
            if ok { out } else { err }
        };
        let (nl, en) = (run("nl"), run("en"));
        assert_ne!(nl, en, "{args:?}: the same text in both languages");
        for (lang, text, says, other) in
            [("nl", &nl, nl_says, en_says), ("en", &en, en_says, nl_says)]
        {
            assert!(
                !text.contains(kantel_i18n::MISSING),
                "{args:?} {lang}: {text}"
            );
            assert!(
                text.contains(says),
                "{args:?} {lang}: expected {says:?} in {text}"
            );
            assert!(
                !text.contains(other),
                "{args:?} {lang}: the other language in {text}"
            );
            for name in both_name {
                assert!(
                    text.contains(name),
                    "{args:?} {lang}: expected {name:?} in {text}"
                );
            }
            assert!(!text.contains("0.8099999"), "{args:?} {lang}: {text}");
            if !succeeds {
                let label = if lang == "nl" { "fout: " } else { "error: " };
                assert!(text.starts_with(label), "{args:?} {lang}: {text}");
                assert_eq!(text.lines().count(), 1, "printed once: {text}");
            }
        }
    }
}

/// Issue 8 item 5: deeply nested expressions aborted the process with a stack overflow
/// (rc 134) in `qca expression` and `fit --expression`, and a study file's
/// `planted_structure` passed `study check` and then crashed the analysis. Now one error
/// line naming the nesting limit, exit 2.
#[test]
fn deeply_nested_expressions_are_refused_everywhere() {
    let deep = format!("{}A{}", "(".repeat(10_000), ")".repeat(10_000));
    let tildes = format!("{}A", "~".repeat(50_000));
    for args in [
        vec!["qca", "expression", deep.as_str()],
        vec!["qca", "expression", tildes.as_str()],
        vec![
            "qca",
            "fit",
            "--data",
            &data("LF.csv"),
            "--outcome",
            "SURV",
            "--expression",
            deep.as_str(),
        ],
    ] {
        let (ok, _, err) = kantel(&args);
        assert!(!ok);
        assert!(err.contains("meer dan 200 haakjes of negaties"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    let study = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/study-12/study.toml"),
    )
    .unwrap()
    .replacen(
        "year = 2017",
        &format!("year = 2017\nplanted_structure = \"{tildes}\""),
        1,
    );
    let (_dir, path) = temp_file("study.toml", &study);
    let (ok, _, err) = kantel(&["study", "check", "--study", &path]);
    assert!(!ok);
    assert!(err.contains("planted_structure"), "{err}");
    assert!(err.contains("meer dan 200 haakjes of negaties"), "{err}");
}

/// Issue 8 item 5: a CSV file named `.xlsx` was refused with the zip reader's "Could not
/// find EOCD". Now the message says it is a text file and what to do.
#[test]
fn a_csv_named_xlsx_is_said_to_be_text() {
    let (_dir, path) = temp_file("gemeenten.xlsx", "A,B,Y\n1,0,1\n0,1,0\n");
    let (ok, _, err) = kantel(&["qca", "truth-table", "--data", &path, "--outcome", "Y"]);
    assert!(!ok);
    assert!(
        err.contains("geen spreadsheet maar een tekstbestand") && err.contains(".csv"),
        "{err}"
    );
    assert!(!err.contains("EOCD"), "{err}");
}

/// Issue 8 item 5: column names that are expressions were accepted and misread (a column
/// `~C` read as NOT C, `A*B` failing as "unknown column A"). A column that would be a set
/// must have a name an expression can use; otherwise the file is refused when it is read,
/// naming the column, and `--conditions` can leave it out.
#[test]
fn columns_named_like_expressions_cannot_be_sets() {
    for name in ["~C", "A*B", "1", "C+D", "(X)"] {
        let content = format!("id,{name},A,Y\nc1,1,0,1\nc2,0,1,0\nc3,1,1,1\n");
        let (_dir, path) = temp_file("d.csv", &content);
        let (ok, _, err) = kantel(&["qca", "truth-table", "--data", &path, "--outcome", "Y"]);
        assert!(!ok, "{name}");
        assert!(
            err.contains(&format!("kolom \"{name}\" kan geen set zijn")),
            "{name}: {err}"
        );
        let (ok, out, err) = kantel(&[
            "qca",
            "truth-table",
            "--data",
            &path,
            "--outcome",
            "Y",
            "--conditions",
            "A",
        ]);
        assert!(ok, "{name}: {err}");
        assert!(out.contains("c2,c3"), "{out}");
    }
}

/// Issue 8 item 5: a first column of whole-number ids 1..n silently became a multi-value
/// condition. It still is (it may be a real condition), but the output says so and names
/// `--case-column`; with that option the column numbers the cases and there is no note.
#[test]
fn a_first_column_of_case_numbers_is_pointed_out() {
    let (_dir, path) = temp_file("ids.csv", "id,A,B,Y\n1,1,0,1\n2,0,1,0\n3,1,1,1\n4,0,0,0\n");
    let (ok, out, err) = kantel(&["qca", "truth-table", "--data", &path, "--outcome", "Y"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("kolom id bevat de getallen 1 tot en met 4")
            && out.contains("--case-column id"),
        "{out}"
    );
    let v = json(&[
        "qca",
        "truth-table",
        "--data",
        &path,
        "--outcome",
        "Y",
        "--json",
        "--lang",
        "en",
    ]);
    assert!(
        v["note"]
            .as_str()
            .unwrap()
            .contains("holds the numbers 1 to 4"),
        "{v}"
    );
    let (ok, out, _) = kantel(&[
        "qca",
        "truth-table",
        "--data",
        &path,
        "--outcome",
        "Y",
        "--case-column",
        "id",
    ]);
    assert!(ok);
    assert!(!out.contains("--case-column"), "{out}");
}

/// Issue 8 item 5: `qca necessity` over many conditions ran without limit. With a small
/// `--max-expressions` it returns the complete levels and a warning naming the options, in
/// text and in JSON (`depth_searched`, `warning`).
#[test]
fn necessity_stops_at_its_budget_and_says_so() {
    let lf = data("LF.csv");
    let base = ["qca", "necessity", "--data", &lf, "--outcome", "SURV"];
    let (ok, out, err) = kantel(&[&base[..], &["--max-expressions", "40"]].concat());
    assert!(ok, "{err}");
    assert!(
        out.contains(
            "waarschuwing: de zoektocht bereikte zijn budget van 40 expressies (--max-expressions)"
        ),
        "{out}"
    );
    let v = json(
        &[
            &base[..],
            &["--max-expressions", "40", "--json", "--lang", "en"],
        ]
        .concat(),
    );
    assert!(v["warning"].as_str().unwrap().contains("--depth"), "{v}");
    assert!(v["depth_searched"].as_u64().unwrap() >= 1);
    let v = json(&[&base[..], &["--json"]].concat());
    assert!(v.get("warning").is_none(), "{v}");
}
