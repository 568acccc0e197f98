//! Issue 8: `kantel qca minimize` computes only the solutions asked for, says per solution
//! whether its minimum is proved and how many models exist, and gives the same models by
//! every search (SAT, the chart of all prime implicants, and the automatic choice).
//!
//! Data: `testdata/bench/data` (random crisp data after Dusa 2018, written by
//! `scripts/bench-data.py`; the 20-condition x 20-row file is the issue's own example).

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

fn bench(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/bench/data")
        .join(name)
        .display()
        .to_string()
}

fn minimize_json(file: &str, extra: &[&str]) -> Value {
    let path = bench(file);
    let mut args = vec![
        "--lang",
        "en",
        "qca",
        "minimize",
        "--data",
        &path,
        "--outcome",
        "Y",
        "--incl-cut",
        "1",
        "--json",
    ];
    args.extend_from_slice(extra);
    let (ok, out, err) = kantel(&args);
    assert!(ok, "{err}");
    serde_json::from_str(&out).unwrap()
}

fn expressions(solution: &Value) -> Vec<String> {
    solution["models"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["expression"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn only_the_solution_asked_for_is_computed_and_reported() {
    let v = minimize_json(
        "min_k20_N20_s1.csv",
        &["--include", "?", "--solution", "parsimonious"],
    );
    assert!(v.get("conservative").is_none(), "{v}");
    assert!(v["intermediate"].as_array().is_none_or(Vec::is_empty));
    let p = &v["parsimonious"];
    // 20 conditions x 20 rows: 53 models of 2 terms, all listed under the default cap.
    assert_eq!(p["minimum_proved"], true);
    assert_eq!(p["model_count"], 53);
    assert_eq!(p["model_count_exact"], true);
    assert_eq!(p["complete"], true);
    assert_eq!(p["models"].as_array().unwrap().len(), 53);
    assert!(p.get("lower_bound").is_none());
    for m in p["models"].as_array().unwrap() {
        assert_eq!(m["terms"].as_array().unwrap().len(), 2);
        // Simplifying assumptions are counted per term, not listed (2^20 configurations).
        let sa = &m["simplifying_assumptions"];
        assert!(sa["count"].as_u64().unwrap() > 1_000, "{sa}");
        assert!(sa.get("rows").is_none());
        assert_eq!(sa["terms"].as_array().unwrap().len(), 2);
    }

    let c = minimize_json("min_k20_N20_s1.csv", &["--solution", "conservative"]);
    assert!(c.get("parsimonious").is_none());
    assert_eq!(c["conservative"]["minimum_proved"], true);
}

#[test]
fn a_capped_list_says_how_many_models_exist_and_which_solution_it_is() {
    let path = bench("min_k20_N20_s1.csv");
    let args = [
        "--lang",
        "en",
        "qca",
        "minimize",
        "--data",
        &path,
        "--outcome",
        "Y",
        "--incl-cut",
        "1",
        "--include",
        "?",
        "--solution",
        "parsimonious",
        "--max-models",
        "5",
    ];
    let (ok, out, err) = kantel(&args);
    assert!(ok, "{err}");
    assert!(
        out.contains("minimum 2 terms (proved); 53 models, 5 listed"),
        "{out}"
    );
    // The text output's warnings follow the result.
    assert!(
        out.contains("parsimonious solution: 5 of 53 models listed (raise --max-models"),
        "{out}"
    );
    let mut nl = args.to_vec();
    nl[1] = "nl";
    let (_, out, _) = kantel(&nl);
    assert!(out.contains("5 van 53 modellen getoond"), "{out}");

    let v = minimize_json(
        "min_k20_N20_s1.csv",
        &[
            "--include",
            "?",
            "--solution",
            "parsimonious",
            "--max-models",
            "5",
        ],
    );
    assert_eq!(v["parsimonious"]["model_count"], 53);
    assert_eq!(v["parsimonious"]["complete"], false);
    assert_eq!(v["parsimonious"]["models"].as_array().unwrap().len(), 5);
}

#[test]
fn the_count_beyond_max_count_is_a_lower_bound() {
    // 12 conditions x 1,000 cases: the conservative solution has 294,912 models (exact, from
    // the blocks of its chart); counting up to 1,000 gives a proved lower bound instead.
    let v = minimize_json("min_k12_N1000_s1.csv", &["--solution", "conservative"]);
    let c = &v["conservative"];
    assert_eq!(c["model_count"], 294_912);
    assert_eq!(c["model_count_exact"], true);
    assert_eq!(c["models"].as_array().unwrap().len(), 100);
    // Counting and listing one: every block with more than one cover stops the count.
    let v = minimize_json(
        "min_k12_N1000_s1.csv",
        &[
            "--solution",
            "conservative",
            "--max-count",
            "1",
            "--max-models",
            "1",
        ],
    );
    let c = &v["conservative"];
    assert_eq!(c["model_count_exact"], false);
    assert_eq!(c["complete"], false);
    assert_eq!(c["minimum_proved"], true);
    assert!(c["model_count"].as_u64().unwrap() >= 1);
    let w = v["warnings"].to_string();
    assert!(
        w.contains("conservative solution: at least 1 model; 1 listed"),
        "{w}"
    );
    assert!(w.contains("--max-count"), "{w}");
}

#[test]
fn every_search_gives_the_same_models() {
    for file in [
        "min_k12_N200_s1.csv",
        "min_k20_N20_s1.csv",
        "min_k16_N1000_s1.csv",
    ] {
        let run = |search: &str| {
            let v = minimize_json(
                file,
                &[
                    "--include",
                    "?",
                    "--solution",
                    "parsimonious",
                    "--search",
                    search,
                ],
            );
            let p = &v["parsimonious"];
            assert_eq!(p["minimum_proved"], true, "{file} {search}");
            (expressions(p), p["model_count"].clone())
        };
        let auto = run("auto");
        assert_eq!(run("sat"), auto, "{file}: sat");
        assert_eq!(run("all-primes"), auto, "{file}: all-primes");
    }
}
