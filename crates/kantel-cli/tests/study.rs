//! A study end to end through the `kantel` binary: demo, init, import (good, repeated and bad
//! files), analyse and report, on the embedded SQLite store.

use std::path::{Path, PathBuf};
use std::process::Command;

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

struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let p =
            std::env::temp_dir().join(format!("kantel-study-test-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
    fn join(&self, name: &str) -> String {
        self.0.join(name).display().to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const SECTIONS: [&str; 9] = [
    "id=\"studie\"",
    "id=\"betrouwbaarheid\"",
    "id=\"kalibratie\"",
    "id=\"noodzakelijkheid\"",
    "id=\"waarheidstabel\"",
    "id=\"oplossingen\"",
    "id=\"statistiek\"",
    "id=\"herontdekking\"",
    "id=\"spiegel\"",
];

#[test]
fn demo_with_120_municipalities_recovers_the_planted_structure() {
    let t = TempDir::new("demo120");
    let dir = t.join("demo");
    let (ok, out, err) = kantel(&[
        "demo",
        "--dir",
        &dir,
        "--municipalities",
        "120",
        "--lang",
        "en",
    ]);
    assert!(ok, "{err}");
    assert!(
        out.contains("planted structure BESTLEID*LOSLATEN + EXPERIMENT*MANDAAT: recovered"),
        "{out}"
    );
    let html = std::fs::read_to_string(Path::new(&dir).join("rapport.html")).unwrap();
    for s in SECTIONS {
        assert!(html.contains(s), "section {s} missing");
    }
    assert!(html.contains("SIMULATED DATA"));
    // The recovery section says it was recovered, and names the planted structure.
    let rec = &html[html.find("id=\"herontdekking\"").unwrap()..];
    let rec = &rec[..rec.find("</section>").unwrap()];
    assert!(
        rec.contains("BESTLEID*LOSLATEN + EXPERIMENT*MANDAAT"),
        "{rec}"
    );
    // One mirror section per simulated municipality.
    assert_eq!(html.matches("id=\"spiegel-GM").count(), 120);
    assert!(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"));
}

#[test]
fn demo_is_dutch_by_default_and_refuses_foreign_folders() {
    let t = TempDir::new("demo16");
    let dir = t.join("kantel-demo");
    let (ok, out, err) = kantel(&["demo", "--dir", &dir]);
    assert!(ok, "{err}");
    assert!(out.contains("GESIMULEERDE studie (16 gemeenten"), "{out}");
    assert!(out.contains("Rapport geschreven naar"), "{out}");
    let html = std::fs::read_to_string(Path::new(&dir).join("rapport.html")).unwrap();
    assert!(html.contains("lang=\"nl\""));
    // Running it again replaces its own output.
    let (ok, _, err) = kantel(&["demo", "--dir", &dir]);
    assert!(ok, "{err}");
    // A folder with other files is left alone.
    std::fs::create_dir_all(t.0.join("other")).unwrap();
    std::fs::write(t.0.join("other").join("notes.txt"), "mine").unwrap();
    let (ok, _, err) = kantel(&["demo", "--dir", &t.join("other")]);
    assert!(!ok);
    assert!(err.contains("geen eerdere kantel-demo"), "{err}");
    assert_eq!(
        std::fs::read_to_string(t.0.join("other").join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn import_is_idempotent_and_all_or_nothing() {
    let t = TempDir::new("import");
    // A simulated study's files are a realistic study to import.
    let demo = t.join("demo");
    let (ok, _, err) = kantel(&["demo", "--dir", &demo]);
    assert!(ok, "{err}");
    let study = t.join("study.toml");
    std::fs::copy(Path::new(&demo).join("study.toml"), &study).unwrap();
    let answers = Path::new(&demo)
        .join("antwoorden.csv")
        .display()
        .to_string();

    let (ok, out, err) = kantel(&["import", "answers", "--study", &study, "--file", &answers]);
    assert!(ok, "{err}");
    assert!(out.contains("nieuw)"), "{out}");
    let (ok, out, _) = kantel(&["import", "answers", "--study", &study, "--file", &answers]);
    assert!(ok);
    assert!(out.contains("niets veranderd"), "{out}");

    // A file with one bad answer (7) on its last line is rejected whole, naming line and column.
    let text = std::fs::read_to_string(&answers).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let header: Vec<String> = lines[0].split(',').map(str::to_string).collect();
    let col = header.iter().position(|h| h.starts_with("C1_")).unwrap();
    let last = lines.len() - 1;
    let mut cells: Vec<String> = lines[last].split(',').map(str::to_string).collect();
    cells[0] = "nieuwe-respondent".into();
    cells[col] = "7".into();
    lines[last] = cells.join(",");
    let bad = t.join("bad.csv");
    std::fs::write(&bad, lines.join("\n") + "\n").unwrap();
    let register = Path::new(&demo).join("register.csv").display().to_string();
    let (ok, _, err) = kantel(&["import", "register", "--study", &study, "--file", &register]);
    assert!(ok, "{err}");
    let before = kantel(&["analyse", "--study", &study, "--json"]);
    assert!(before.0, "{}", before.2);
    let (ok, _, err) = kantel(&["import", "answers", "--study", &study, "--file", &bad]);
    assert!(!ok);
    assert!(err.contains(&format!("regel {}", last + 1)), "{err}");
    assert!(err.contains(&header[col]), "{err}");
    let after = kantel(&["analyse", "--study", &study, "--json"]);
    // Nothing was written: the analysis of the stored data is identical.
    assert_eq!(before.1, after.1);

    // Unknown municipality code and a missing column are also whole-file errors.
    let mut unknown = lines.clone();
    let mut cells: Vec<String> = unknown[1].split(',').map(str::to_string).collect();
    cells[1] = "GM9999".into();
    unknown[1] = cells.join(",");
    let f = t.join("unknown.csv");
    std::fs::write(&f, unknown.join("\n") + "\n").unwrap();
    let (ok, _, err) = kantel(&["import", "answers", "--study", &study, "--file", &f]);
    assert!(!ok && err.contains("GM9999"), "{err}");
    let missing: Vec<String> = lines
        .iter()
        .map(|l| l.split(',').skip(1).collect::<Vec<_>>().join(","))
        .collect();
    let f = t.join("missing.csv");
    std::fs::write(&f, missing.join("\n") + "\n").unwrap();
    let (ok, _, err) = kantel(&["import", "answers", "--study", &study, "--file", &f]);
    assert!(!ok && err.contains("respondent"), "{err}");
    let after2 = kantel(&["analyse", "--study", &study, "--json"]);
    assert_eq!(before.1, after2.1);

    // The exported memberships feed the engine commands directly, with the same solution.
    let sets = t.join("sets.csv");
    let (ok, _, err) = kantel(&["analyse", "--study", &study, "--export-sets", &sets]);
    assert!(ok, "{err}");
    let analysis: serde_json::Value = serde_json::from_str(&before.1).unwrap();
    let outcome = analysis["outcome"].as_str().unwrap();
    let conditions: Vec<&str> = analysis["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    let plan = &analysis["truth_table"]["result"]["table"]["spec"];
    let incl = plan["incl_cut"].as_f64().unwrap().to_string();
    let pri = plan["pri_cut"].as_f64().unwrap().to_string();
    let n = plan["n_cut"].as_u64().unwrap().to_string();
    let (ok, out, err) = kantel(&[
        "qca",
        "minimize",
        "--data",
        &sets,
        "--outcome",
        outcome,
        "--conditions",
        &conditions.join(","),
        "--incl-cut",
        &incl,
        "--pri-cut",
        &pri,
        "--n-cut",
        &n,
        "--include",
        "?",
        "--json",
    ]);
    assert!(ok, "{err}");
    let direct: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        direct["parsimonious"]["models"][0]["expression"],
        analysis["minimization"]["result"]["minimization"]["parsimonious"]["models"][0]["expression"]
    );
    assert_eq!(
        direct["parsimonious"]["models"][0]["inclS"],
        analysis["minimization"]["result"]["minimization"]["parsimonious"]["models"][0]["inclS"]
    );
}

#[test]
fn real_register_tables_import_with_unmatched_rows_listed() {
    let t = TempDir::new("register");
    let study = t.join("study.toml");
    let (ok, _, err) = kantel(&["study", "init", "--file", &study]);
    assert!(ok, "{err}");
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/register");
    let wsjg = data
        .join("waarstaatjegemeente_2015_2017.csv")
        .display()
        .to_string();
    let (ok, out, err) = kantel(&[
        "import",
        "register",
        "--study",
        &study,
        "--file",
        &wsjg,
        "--boundary-year",
        "2019",
    ]);
    assert!(ok, "{err}");
    assert!(out.contains("351 rijen gekoppeld"), "{out}");
    assert!(
        out.contains("Eemsdelta"),
        "the merged municipality is listed as unmatched: {out}"
    );
    let kwb = data.join("kwb_2019_gemeenten.csv").display().to_string();
    let (ok, out, err) = kantel(&[
        "import",
        "register",
        "--study",
        &study,
        "--file",
        &kwb,
        "--year",
        "2019",
        "--boundary-year",
        "2021",
    ]);
    assert!(ok, "{err}");
    for name in ["Appingedam", "Delfzijl", "Loppersum", "Haaren"] {
        assert!(out.contains(name), "{name} should be unmatched: {out}");
    }
    let (ok, out, _) = kantel(&[
        "import",
        "register",
        "--study",
        &study,
        "--file",
        &kwb,
        "--year",
        "2019",
        "--boundary-year",
        "2021",
    ]);
    assert!(ok && out.contains("niets veranderd"), "{out}");
}

#[test]
fn broken_study_file_names_the_line() {
    let t = TempDir::new("broken");
    let study = t.join("study.toml");
    std::fs::write(&study, "[study]\nname = \"x\"\ntitle_nl = \n").unwrap();
    let (ok, _, err) = kantel(&["study", "check", "--study", &study]);
    assert!(!ok);
    assert!(err.contains("regel 3"), "{err}");
    let (ok, _, err) = kantel(&[
        "import",
        "answers",
        "--study",
        &study,
        "--file",
        &t.join("none.csv"),
    ]);
    assert!(!ok && err.contains("regel 3"), "{err}");
    assert!(
        !Path::new(&t.join("kantel.sqlite")).exists(),
        "nothing is created for a broken study file"
    );
}

#[test]
fn report_prints_to_pdf() {
    let t = TempDir::new("pdf");
    let demo = t.join("demo");
    let (ok, _, err) = kantel(&["demo", "--dir", &demo]);
    assert!(ok, "{err}");
    let study = Path::new(&demo).join("study.toml").display().to_string();
    let pdf = t.join("rapport.pdf");
    let html = t.join("rapport.html");
    let (ok, out, err) = kantel(&[
        "report", "--study", &study, "--out", &html, "--pdf", &pdf, "--lang", "en",
    ]);
    assert!(ok, "{err}");
    assert!(out.contains("Report written to"), "{out}");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert!(bytes.len() > 50_000, "a real report, not an empty page");
}
