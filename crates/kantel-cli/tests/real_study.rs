//! A study of 12 real municipalities run as a new user would, in Dutch, from the hand-made
//! files in `testdata/study-12/` and the real register table in `testdata/register/`: a
//! file with a typo is refused with its line and column and nothing is stored; names and
//! aliases instead of codes; yes/no as ja/nee; a municipality without register data; a
//! crossover hit exactly; a wrong answer corrected with `kantel import replace`; analyses
//! that name the data version they used; a truth table without positive rows still gives a
//! report that says what could not be done.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

fn kantel(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_kantel"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run kantel");
    Run {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let r = kantel(dir, args);
    assert!(r.ok, "kantel {args:?} failed:\n{}\n{}", r.stdout, r.stderr);
    assert!(!r.stdout.contains('⟦'), "untranslated: {}", r.stdout);
    r.stdout
}

fn fails(dir: &Path, args: &[&str]) -> String {
    let r = kantel(dir, args);
    assert!(!r.ok, "kantel {args:?} should fail:\n{}", r.stdout);
    assert!(r.stderr.starts_with("fout: "), "{}", r.stderr);
    assert!(!r.stderr.contains('⟦'), "untranslated: {}", r.stderr);
    // One message, printed once.
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    r.stderr
}

/// A fresh copy of the study in a folder whose name a URL would misread.
fn study_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir()
        .join(format!("kantel-real-{}-{name}", std::process::id()))
        .join("mijn studie? #1 50%20");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(repo().join("testdata/study-12")).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    std::fs::copy(
        repo().join("testdata/register/waarstaatjegemeente_2015_2017.csv"),
        dir.join("waarstaatjegemeente.csv"),
    )
    .unwrap();
    dir
}

#[test]
fn twelve_municipalities_from_messy_files_to_a_report() {
    let dir = study_dir("flow");

    // Nothing imported yet: analysis says so, and creates no database.
    let e = fails(&dir, &["analyse"]);
    assert!(e.contains("nog geen database"), "{e}");
    assert!(!dir.join("kantel.sqlite").exists());

    // A typo: refused with file, line and column; nothing stored.
    let e = fails(&dir, &["import", "answers", "--file", "antwoorden-v1.csv"]);
    assert_eq!(
        e.trim(),
        "fout: antwoorden-v1.csv, regel 12, kolom \"C4_1\" (nr. 6): antwoord 7 ligt buiten 1-5"
    );
    let list = ok(&dir, &["import", "list"]);
    assert!(
        list.starts_with("gegevensversie 0; 0 actieve imports"),
        "{list}"
    );

    // Names and aliases instead of codes, ja/nee, "weet niet".
    let out = ok(&dir, &["import", "answers", "--file", "antwoorden.csv"]);
    assert!(
        out.contains("ingelezen als import 1 (gegevensversie 1); 36 respondenten (36 nieuw)"),
        "{out}"
    );
    assert!(
        out.contains("gemeente \"Den Haag\" herkend als GM0518"),
        "{out}"
    );
    assert!(
        out.contains("gemeente \"Nuenen c.a.\" herkend als GM0820"),
        "{out}"
    );
    // The same file again changes nothing.
    let out = ok(&dir, &["import", "answers", "--file", "antwoorden.csv"]);
    assert!(out.contains("niets veranderd"), "{out}");

    // The real register table: Haaren (dissolved in 2021) has no row.
    let out = ok(
        &dir,
        &[
            "import",
            "register",
            "--file",
            "waarstaatjegemeente.csv",
            "--boundary-year",
            "2021",
        ],
    );
    assert!(
        out.contains(
            "BIJSTAND (indicator \"Personen met bijstand en bijstand gerelateerde uitkering\"): 11 van 12 gemeenten, jaar 2017"
        ),
        "{out}"
    );
    assert!(out.contains("zonder waarde: Haaren (GM0788)"), "{out}");
    // Implausible years are refused before anything is read.
    let e = fails(
        &dir,
        &[
            "import",
            "register",
            "--file",
            "waarstaatjegemeente.csv",
            "--year",
            "99999",
        ],
    );
    assert!(e.contains("--year 99999 is geen plausibel jaar"), "{e}");

    let out = ok(&dir, &["import", "ratings", "--file", "beoordelingen.csv"]);
    assert!(
        out.contains("TRANSFORMATIE: 12 van 12 gemeenten beoordeeld"),
        "{out}"
    );

    // Zwolle sits exactly on the crossover 3.5: left out of the truth table, by name.
    let first = ok(&dir, &["analyse"]);
    assert!(
        first.contains("11 van 12 gemeenten geanalyseerd"),
        "{first}"
    );
    assert!(first.contains("Zwolle (GM0193)"), "{first}");
    assert!(first.contains("gegevensversie 3"), "{first}");

    // The wrong answer corrected: one step, a new data version, the old import kept as
    // history.
    let out = ok(
        &dir,
        &[
            "import",
            "replace",
            "--id",
            "1",
            "--file",
            "antwoorden-gecorrigeerd.csv",
        ],
    );
    assert!(out.starts_with("import 1 vervangen:"), "{out}");
    assert!(out.contains("gegevensversie 4"), "{out}");
    let second = ok(&dir, &["analyse"]);
    assert!(second.contains("gegevensversie 4"), "{second}");
    assert!(second.contains("antwoorden-gecorrigeerd.csv"), "{second}");
    let list = ok(&dir, &["import", "list"]);
    assert!(list.contains("vervangen door import 4"), "{list}");
    let e = fails(&dir, &["import", "remove", "--id", "1"]);
    assert!(e.contains("import 1 is al vervangen"), "{e}");

    // A truth table without positive rows: the analysis still reports what it can, and so
    // does the report (exit 0), unless the user asks for strictness.
    let study = std::fs::read_to_string(dir.join("study.toml")).unwrap();
    std::fs::write(
        dir.join("study.toml"),
        study.replace("incl_cut = 0.8", "incl_cut = 0.99"),
    )
    .unwrap();
    let out = ok(&dir, &["report", "--out", "rapport.html"]);
    assert!(
        out.contains("Rapport geschreven naar rapport.html"),
        "{out}"
    );
    let html = std::fs::read_to_string(dir.join("rapport.html")).unwrap();
    assert!(!html.contains('⟦'), "untranslated text in the report");
    assert!(
        html.contains("Haaren"),
        "the report names the municipality without data"
    );
    assert!(
        html.contains("0.99"),
        "the report states the cut-off that was used"
    );

    // A municipality removed from the study file after the import: its stored answers are
    // left out with a note, and nothing breaks.
    let study = std::fs::read_to_string(dir.join("study.toml")).unwrap();
    let without_haaren = study.replace(
        "[[municipality]]\ncode = \"GM0788\"\nname = \"Haaren\"\ninhabitants = 14195\n",
        "",
    );
    assert_ne!(without_haaren, study);
    std::fs::write(dir.join("study.toml"), without_haaren).unwrap();
    let out = ok(&dir, &["analyse"]);
    assert!(
        out.contains("antwoorden van GM0788 (3 respondenten) zijn opgeslagen"),
        "{out}"
    );
}

#[test]
fn bad_databases_are_named_and_never_replaced() {
    let dir = study_dir("db");
    std::fs::write(dir.join("kantel.sqlite"), b"").unwrap();
    let e = fails(&dir, &["analyse"]);
    assert!(e.contains("kantel.sqlite is leeg (0 bytes)"), "{e}");
    let e = fails(&dir, &["import", "answers", "--file", "antwoorden.csv"]);
    assert!(e.contains("kantel.sqlite is leeg (0 bytes)"), "{e}");
    assert_eq!(
        std::fs::metadata(dir.join("kantel.sqlite")).unwrap().len(),
        0
    );

    std::fs::write(
        dir.join("kantel.sqlite"),
        b"this is no database, just text\n".repeat(200),
    )
    .unwrap();
    let e = fails(&dir, &["analyse"]);
    assert!(e.contains("is geen kantel-database"), "{e}");
}

#[test]
fn demo_sizes_outside_the_range_are_refused_before_anything_is_written() {
    let dir = std::env::temp_dir().join(format!("kantel-real-demo-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for n in ["0", "3", "100000"] {
        let e = fails(&dir, &["demo", "--dir", "uit", "--municipalities", n]);
        assert!(
            e.contains("een demo simuleert 8 tot en met 400 gemeenten"),
            "{e}"
        );
        assert!(!dir.join("uit").exists());
    }
}

#[test]
fn an_analysis_without_answers_reports_what_failed_and_strict_makes_it_an_error() {
    let dir = study_dir("strict");
    ok(&dir, &["import", "ratings", "--file", "beoordelingen.csv"]);
    let out = ok(&dir, &["analyse"]);
    assert!(out.contains("stap mislukt"), "{out}");
    let r = kantel(&dir, &["analyse", "--strict"]);
    assert!(!r.ok);
    assert!(
        r.stderr
            .contains("--strict: niet alle analysestappen zijn gelukt"),
        "{}",
        r.stderr
    );
    let out = ok(&dir, &["report", "--out", "rapport.html"]);
    assert!(
        out.contains("Rapport geschreven naar rapport.html"),
        "{out}"
    );
    assert!(dir.join("rapport.html").exists());
}

#[test]
fn study_file_mistakes_are_named_in_dutch() {
    let dir = study_dir("studyfile");
    let study = std::fs::read_to_string(dir.join("study.toml")).unwrap();
    std::fs::write(
        dir.join("study.toml"),
        study.replace("incl_cut = 0.8", "incl_cut = 1.5"),
    )
    .unwrap();
    let e = fails(&dir, &["study", "check"]);
    assert_eq!(
        e.trim(),
        "fout: studiebestand study.toml: [analysis] incl_cut: 1.5 ligt niet tussen 0 en 1"
    );
    std::fs::write(
        dir.join("study.toml"),
        study.replace("groups = [\"bestuur\"]", "groups = [\"bestuurders\"]"),
    )
    .unwrap();
    let e = fails(&dir, &["import", "answers", "--file", "antwoorden.csv"]);
    assert!(
        e.contains(
            "onbekende respondentgroep \"bestuurders\" (gedefinieerde groepen: \"bestuur\", \"wijkteam\")"
        ),
        "{e}"
    );
    std::fs::write(
        dir.join("study.toml"),
        "[study]\nname = \"x\"\ntitle_nl = \n",
    )
    .unwrap();
    let e = fails(&dir, &["study", "check"]);
    assert!(
        e.starts_with("fout: studiebestand study.toml: regel 3, kolom"),
        "{e}"
    );
    assert!(
        !dir.join("kantel.sqlite").exists(),
        "nothing is stored for a bad study file"
    );
}

#[test]
fn concurrent_first_imports_create_one_study() {
    let dir = study_dir("fresh");
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let dir = dir.clone();
            std::thread::spawn(move || {
                let file = if i == 3 {
                    "beoordelingen.csv"
                } else {
                    "antwoorden.csv"
                };
                let kind = if i == 3 { "ratings" } else { "answers" };
                Command::new(env!("CARGO_BIN_EXE_kantel"))
                    .args(["import", kind, "--file", file])
                    .current_dir(&dir)
                    .output()
                    .unwrap()
            })
        })
        .collect();
    for h in handles {
        let out = h.join().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let list = ok(&dir, &["import", "list"]);
    assert!(
        list.starts_with("gegevensversie 2; 2 actieve imports"),
        "{list}"
    );
}

#[test]
fn a_respondent_moved_to_another_municipality_is_named_with_its_line() {
    let dir = study_dir("moved");
    ok(&dir, &["import", "answers", "--file", "antwoorden.csv"]);
    let text = std::fs::read_to_string(dir.join("antwoorden-gecorrigeerd.csv")).unwrap();
    let moved = text
        .replace("B01;Amsterdam", "X01;Amsterdam")
        .replace("B04;Utrecht", "B01;Utrecht");
    std::fs::write(dir.join("tweede.csv"), moved).unwrap();
    let e = fails(&dir, &["import", "answers", "--file", "tweede.csv"]);
    assert!(
        e.starts_with("fout: tweede.csv, regel 5: respondent \"B01\" is opgeslagen bij GM0363"),
        "{e}"
    );
    let list = ok(&dir, &["import", "list"]);
    assert!(
        list.starts_with("gegevensversie 1;"),
        "nothing was stored: {list}"
    );
}

#[test]
fn command_line_mistakes_are_dutch_and_output_errors_are_not_swallowed() {
    let dir = study_dir("args");
    let r = kantel(&dir, &["analyse", "--studie", "study.toml"]);
    assert!(!r.ok);
    assert!(
        r.stderr
            .starts_with("fout: onbekende optie --studie; bedoelt u --study?"),
        "{}",
        r.stderr
    );
    let r = kantel(&dir, &["demo", "--municipalities", "veel"]);
    assert!(
        r.stderr
            .starts_with("fout: ongeldige waarde \"veel\" voor --municipalities"),
        "{}",
        r.stderr
    );
    let r = kantel(&dir, &["--lang", "en", "import", "answers"]);
    assert!(!r.ok && r.stderr.contains("--file"), "{}", r.stderr);
    // Help and version are not errors.
    let r = kantel(&dir, &["--version"]);
    assert!(r.ok && r.stdout.starts_with("kantel "), "{}", r.stdout);

    if Path::new("/dev/full").exists() {
        let out = Command::new(env!("CARGO_BIN_EXE_kantel"))
            .args(["study", "check"])
            .current_dir(&dir)
            .stdout(
                std::fs::OpenOptions::new()
                    .write(true)
                    .open("/dev/full")
                    .unwrap(),
            )
            .output()
            .unwrap();
        assert!(
            !out.status.success(),
            "writing to a full disk must not exit 0"
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with("fout: kan de uitvoer niet schrijven"),
            "{err}"
        );
    }
}
