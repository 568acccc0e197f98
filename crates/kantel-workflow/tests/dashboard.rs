//! The dashboard workflows (`kantel_workflow::dashboard`) on SQLite and (when
//! `KANTEL_TEST_PG_URL` is set, as `scripts/test.sh` does) on PostgreSQL: creating a study,
//! municipalities from the register (also into a study file), respondents one by one and
//! from CSV with their links, progress counted by hand, opening and closing, the analysis
//! with chosen settings against the study analysis, and the exports.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use kantel_i18n::Lang;
use kantel_store::{Store, StudyId, StudyStatus};
use kantel_study::analysis::analyse_with;
use kantel_study::measure::measure;
use kantel_study::simulate::{SimConfig, simulate};
use kantel_workflow::dashboard::export::{Cell, DONT_KNOW, answers_table, set_scores_table};
use kantel_workflow::dashboard::municipalities::{add_municipalities, parse_municipality_lines};
use kantel_workflow::dashboard::progress::progress;
use kantel_workflow::dashboard::qca::{
    QcaInputs, QcaSettings, SolutionKind, analyse_web, load_inputs, parse_cut, parse_dir_exp,
    parse_n_cut, run_qca,
};
use kantel_workflow::dashboard::reports::{mirror_html, study_run};
use kantel_workflow::dashboard::respondents::{
    Origin, RespondentRequest, add_respondents, parse_respondents_csv,
};
use kantel_workflow::dashboard::study::{StudySource, create_study, list_studies, set_status};
use kantel_workflow::imports::{
    RegisterImportOptions, import_answers, import_ratings, import_register,
};
use kantel_workflow::workspace::block_on;
use kantel_workflow::{Access, StudyPaths, WorkflowError, Workspace};

fn unique(tag: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{tag}-{}-{nanos}", std::process::id())
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kantel-dash-{}", unique(tag)));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn nl(e: &WorkflowError) -> String {
    e.msg().render(Lang::Nl)
}

/// A store for one scenario: a fresh SQLite file, or the PostgreSQL server of
/// `KANTEL_TEST_PG_URL` (studies get unique names, so runs do not meet).
async fn store(backend: Backend, dir: &Path) -> Store {
    match backend {
        Backend::Sqlite => Store::open_sqlite_file(
            &dir.join("kantel.sqlite"),
            kantel_store::OpenMode::CreateIfMissing,
        )
        .await
        .unwrap(),
        Backend::Postgres(ref url) => Store::open(url).await.unwrap(),
    }
}

#[derive(Clone)]
enum Backend {
    Sqlite,
    Postgres(String),
}

fn backends() -> Vec<Backend> {
    let mut out = vec![Backend::Sqlite];
    match std::env::var("KANTEL_TEST_PG_URL") {
        Ok(url) => out.push(Backend::Postgres(url)),
        // `scripts/test.sh` always sets it; a plain `cargo test` has no server.
        Err(_) => eprintln!("KANTEL_TEST_PG_URL not set: PostgreSQL part skipped"),
    }
    out
}

const BASE: &str = "http://127.0.0.1:8080";

// ---------------------------------------------------------------- study, municipalities,
// respondents, progress, status

async fn setup_scenario(backend: Backend) -> Result<(), WorkflowError> {
    let dir = temp_dir("setup");
    let store = store(backend, &dir).await;
    let name = unique("studie");

    // A study from the built-in codebook: its codebook, none of its example municipalities.
    let id = create_study(
        &store,
        StudySource::Builtin {
            name: &name,
            title: Some("Proef \"2026\""),
        },
    )
    .await?;
    let listed = list_studies(&store).await?;
    let mine = listed.iter().find(|s| s.id == id).expect("listed");
    assert_eq!(mine.name, name);
    assert_eq!(mine.title_nl, "Proef \"2026\"");
    assert_eq!(mine.municipalities, 0);
    assert_eq!(mine.status, StudyStatus::Open);
    let again = create_study(
        &store,
        StudySource::Builtin {
            name: &name,
            title: None,
        },
    )
    .await
    .unwrap_err();
    assert!(nl(&again).contains("er is al een studie"), "{}", nl(&again));
    let bad = create_study(
        &store,
        StudySource::Builtin {
            name: "met spatie",
            title: None,
        },
    )
    .await
    .unwrap_err();
    assert!(nl(&bad).contains("geen geldige studienaam"), "{}", nl(&bad));

    // Municipalities by code, bare number, alias and name; an existing one is reported.
    let lines = "GM0344\n\n363; 900000; G4\nDen Haag\n";
    let added = add_municipalities(&store, id, &parse_municipality_lines(lines)?, None).await?;
    assert_eq!(
        added.added,
        vec![
            ("GM0344".to_string(), "Utrecht".to_string()),
            ("GM0363".to_string(), "Amsterdam".to_string()),
            ("GM0518".to_string(), "'s-Gravenhage".to_string()),
        ]
    );
    let again = add_municipalities(&store, id, &parse_municipality_lines("Utrecht")?, None).await?;
    assert!(again.added.is_empty());
    assert_eq!(again.already, vec![("GM0344".into(), "Utrecht".into())]);
    let record = store.get_study(id).await?;
    assert!(
        record
            .definition_toml
            .contains("# Respondent groups (codebook section 5: B, M, W).")
    );
    let stored = store.list_municipalities(id).await?;
    let amsterdam = stored.iter().find(|m| m.code == "GM0363").unwrap();
    // The inhabitants given win over CBS 2019 (862965), and the group is kept.
    assert_eq!(amsterdam.inhabitants, 900_000);
    assert_eq!(amsterdam.group.as_deref(), Some("G4"));
    let utrecht = stored.iter().find(|m| m.code == "GM0344").unwrap();
    assert_eq!(utrecht.inhabitants, 352_866);

    // Errors name the line and what to write instead; nothing is added.
    for (text, expected) in [
        (
            "Utrecht\nAppingedam",
            "regel 2: Appingedam (GM0003) is in 2021 opgegaan in Eemsdelta (GM1979)",
        ),
        ("Bergen", "past bij meer dan één gemeente"),
        ("Atlantis", "\"Atlantis\" is geen gemeente in het register"),
        (
            "Eemsdelta",
            "kent het inwonertal van Eemsdelta (GM1979) niet",
        ),
        ("Utrecht; veel", "\"veel\" is geen aantal inwoners"),
    ] {
        let e = match parse_municipality_lines(text) {
            Ok(r) => add_municipalities(&store, id, &r, None).await.unwrap_err(),
            Err(e) => e,
        };
        assert!(nl(&e).contains(expected), "{text:?}: {}", nl(&e));
    }
    assert_eq!(store.list_municipalities(id).await?.len(), 3);
    add_municipalities(
        &store,
        id,
        &parse_municipality_lines("Eemsdelta; 45000")?,
        None,
    )
    .await?;
    assert_eq!(store.list_municipalities(id).await?.len(), 4);

    // Respondents from CSV (`;`, Dutch headers, names and labels) and one by one.
    let csv = "respondent;gemeente;groep\nA1;Amsterdam;bestuur\n;GM0363;Wijkteammedewerker\n;363;wijkteam\nU1;Utrecht;management\n";
    let requests = parse_respondents_csv(csv.as_bytes(), "resp.csv")?;
    let links = add_respondents(&store, id, &requests, Origin::Csv("resp.csv"), BASE).await?;
    let ids: Vec<&str> = links.iter().map(|l| l.respondent.as_str()).collect();
    assert_eq!(
        ids,
        ["A1", "GM0363-wijkteam-001", "GM0363-wijkteam-002", "U1"]
    );
    assert!(
        links
            .iter()
            .all(|l| l.link.starts_with("http://127.0.0.1:8080/r/"))
    );
    let one = add_respondents(
        &store,
        id,
        &[RespondentRequest {
            line: 1,
            respondent: String::new(),
            municipality: "Amsterdam".into(),
            group: "wijkteam".into(),
        }],
        Origin::Form,
        BASE,
    )
    .await?;
    assert_eq!(one[0].respondent, "GM0363-wijkteam-003");
    // The links work: each token finds its respondent (the store has only its hash).
    let token = links[0].link.rsplit('/').next().unwrap();
    let found = store.respondent_for_link(token).await?;
    assert_eq!(found.respondent.external_id, "A1");

    // CSV errors name file, line and column; a duplicate names both lines.
    for (csv, expected) in [
        (
            "respondent,municipality,group\nX,Rotterdam,bestuur\n",
            "resp.csv, regel 2, kolom \"gemeente\": \"Rotterdam\" is geen gemeente van deze studie",
        ),
        (
            "respondent,municipality,group\nX,Utrecht,bestuur\nY,Utrecht,baas\n",
            "resp.csv, regel 3, kolom \"groep\": \"baas\" is geen respondentgroep",
        ),
        (
            "respondent,municipality,group\nX,Utrecht,bestuur\nX,Utrecht,bestuur\n",
            "regel 3, kolom \"respondent\": respondent \"X\" staat ook op regel 2",
        ),
        (
            "respondent,municipality,group\nA1,Utrecht,bestuur\n",
            "respondent \"A1\" bestaat al",
        ),
        (
            "respondent,municipality,group\nX,,bestuur\n",
            "regel 2, kolom \"municipality\" (nr. 2): dit veld is leeg",
        ),
        (
            "respondent,gemeente\nX,Utrecht\n",
            "kolom \"group\" ontbreekt",
        ),
    ] {
        let e = match parse_respondents_csv(csv.as_bytes(), "resp.csv") {
            Ok(r) => add_respondents(&store, id, &r, Origin::Csv("resp.csv"), BASE)
                .await
                .unwrap_err(),
            Err(e) => e,
        };
        assert!(nl(&e).contains(expected), "{csv:?}: {}", nl(&e));
    }
    assert_eq!(store.list_respondents(id).await?.len(), 5);

    // Progress, counted by hand: A1 answers and submits, one wijkteam member starts.
    let by_id = |rid: &str| {
        let store = store.clone();
        let rid = rid.to_string();
        async move {
            store
                .list_respondents(id)
                .await
                .unwrap()
                .into_iter()
                .find(|r| r.external_id == rid)
                .unwrap()
                .id
        }
    };
    let a1 = by_id("A1").await;
    store
        .save_web_answers(
            a1,
            &[("C1_1".into(), Some(4)), ("C1_2".into(), None)],
            Some(1),
        )
        .await?;
    store.submit_respondent(a1).await?;
    let w2 = by_id("GM0363-wijkteam-002").await;
    store
        .save_web_answers(w2, &[("C1_1".into(), Some(2))], Some(1))
        .await?;
    let view = progress(&store, id, None).await?;
    assert_eq!(view.municipalities.len(), 4);
    let ams = view
        .municipalities
        .iter()
        .find(|m| m.code == "GM0363")
        .unwrap();
    assert_eq!(ams.name, "Amsterdam");
    assert_eq!(ams.total.respondents, 4);
    assert_eq!(ams.total.started, 2);
    assert_eq!(ams.total.submitted, 1);
    assert_eq!(ams.total.response_rate(), Some(0.5));
    let wijk = ams.groups.iter().find(|g| g.group == "wijkteam").unwrap();
    assert_eq!((wijk.counts.respondents, wijk.counts.started), (3, 1));
    // wijkteam needs 5 respondents with answers (min_respondents in the codebook).
    assert!(wijk.below_minimum());
    assert_eq!(view.total.respondents, 5);
    assert_eq!(view.total.invited, 5);
    assert_eq!(view.total.started, 2);
    assert_eq!(view.total.submitted_rate(), Some(0.2));
    let eems = view
        .municipalities
        .iter()
        .find(|m| m.code == "GM1979")
        .unwrap();
    assert_eq!(eems.total.respondents, 0);
    assert_eq!(eems.total.response_rate(), None);
    // A contact's view: one municipality only.
    let utrecht_only = progress(&store, id, Some("GM0344")).await?;
    assert_eq!(utrecht_only.municipalities.len(), 1);
    assert_eq!(utrecht_only.total.respondents, 1);

    // Closing stops the links; reopening opens them.
    set_status(&store, id, StudyStatus::Closed).await?;
    assert_eq!(
        progress(&store, id, None).await?.status,
        StudyStatus::Closed
    );
    assert_eq!(
        store.respondent_for_link(token).await?.status,
        StudyStatus::Closed
    );
    set_status(&store, id, StudyStatus::Open).await?;
    assert_eq!(store.get_study(id).await?.status, StudyStatus::Open);

    // The answers export: A1 and the started wijkteam member, "weet niet" as such.
    let table = answers_table(&store, id).await?;
    assert_eq!(
        &table.headers[..5],
        ["respondent", "municipality", "group", "submitdate", "C1_1"]
    );
    assert_eq!(table.rows.len(), 2);
    let row_a1 = &table.rows[0];
    assert_eq!(row_a1[0], Cell::Text("A1".into()));
    assert!(matches!(&row_a1[3], Cell::Text(t) if t.starts_with("20")));
    assert_eq!(row_a1[4], Cell::Number(4.0));
    assert_eq!(row_a1[5], Cell::Text(DONT_KNOW.into()));
    assert_eq!(row_a1[6], Cell::Empty);
    assert_eq!(table.rows[1][3], Cell::Empty);
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

#[test]
fn setup_progress_and_status() {
    for backend in backends() {
        block_on(setup_scenario(backend)).unwrap();
    }
}

#[test]
fn uploaded_study_file_errors_name_line_and_column() {
    let text = "[study]\nname = \"x\"\ntitle_nl = 3\n";
    let e = kantel_workflow::dashboard::study::definition(StudySource::File {
        file_name: "studie.toml",
        text,
    })
    .unwrap_err();
    let m = nl(&e);
    assert!(m.starts_with("studiebestand studie.toml"), "{m}");
    assert!(m.contains("regel 3, kolom 12"), "{m}");
}

// ---------------------------------------------------------------- a study file on disk

/// With `--study FILE`, municipalities go into the file too (comments kept), and the
/// command line's `Workspace::open` of that file then agrees with the store.
async fn study_file_scenario(backend: Backend) -> Result<(), WorkflowError> {
    let dir = temp_dir("file");
    let name = unique("bestand");
    let text = kantel_study::study::template().replace(
        "name = \"decentralisatie-sociaal-domein\"",
        &format!("name = \"{name}\""),
    );
    let file = dir.join("study.toml");
    std::fs::write(&file, &text).unwrap();
    let paths = StudyPaths {
        study_file: file.clone(),
        database: match &backend {
            Backend::Sqlite => None,
            Backend::Postgres(url) => Some(url.clone()),
        },
    };
    let ws = Workspace::open(&paths, Access::Write).await?;
    let requests = parse_municipality_lines("Tilburg\nGM0363")?;
    let added = add_municipalities(&ws.store, ws.id, &requests, Some(&file)).await?;
    assert_eq!(added.added, vec![("GM0855".into(), "Tilburg".into())]);
    assert_eq!(added.already, vec![("GM0363".into(), "Amsterdam".into())]);
    let on_disk = std::fs::read_to_string(&file).unwrap();
    assert!(
        on_disk.starts_with(&text),
        "the file is appended to, not rewritten"
    );
    assert!(on_disk.ends_with(
        "\n[[municipality]]\ncode = \"GM0855\"\nname = \"Tilburg\"\ninhabitants = 217259\n"
    ));
    assert_eq!(ws.store.get_study(ws.id).await?.definition_toml, on_disk);
    // Another study's file is refused, and stays as it was.
    let other = dir.join("other.toml");
    std::fs::write(&other, kantel_study::study::template()).unwrap();
    let e = add_municipalities(&ws.store, ws.id, &requests, Some(&other))
        .await
        .unwrap_err();
    assert!(nl(&e).contains("niet van"), "{}", nl(&e));
    assert_eq!(
        std::fs::read_to_string(&other).unwrap(),
        kantel_study::study::template()
    );
    ws.close().await;
    let again = Workspace::open(&paths, Access::Write).await?;
    assert_eq!(again.study.municipalities.len(), 7);
    assert!(
        again
            .store
            .list_municipalities(again.id)
            .await?
            .iter()
            .any(|m| m.code == "GM0855")
    );
    again.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

#[test]
fn municipalities_into_the_study_file() {
    for backend in backends() {
        block_on(study_file_scenario(backend)).unwrap();
    }
}

// ---------------------------------------------------------------- analysis

fn simulated(municipalities: usize) -> (kantel_study::simulate::SimulatedStudy, QcaInputs) {
    let sim = simulate(&SimConfig {
        municipalities,
        ..SimConfig::large(7)
    })
    .unwrap();
    let measurement = measure(&sim.study, &sim.answers).unwrap();
    let inputs = QcaInputs {
        study: sim.study.clone(),
        measurement,
        register: sim.register.clone(),
        ratings: sim.ratings.clone(),
        notes: Vec::new(),
        data_version: kantel_store::DataVersion {
            study: StudyId(0),
            version: 0,
            imports: Vec::new(),
            answers: None,
        },
    };
    (sim, inputs)
}

/// The page's analysis and the study analysis (`kantel analyse`) agree: same cases, same
/// memberships, same truth table, same solutions with the same fit.
fn assert_same_as_study_analysis(inputs: &QcaInputs, settings: &QcaSettings) {
    let view = run_qca(inputs, settings, Lang::Nl).unwrap();
    let study = settings.apply(&inputs.study).unwrap();
    let full = analyse_with(
        &study,
        &inputs.measurement,
        &inputs.register,
        &inputs.ratings,
        1,
        &kantel_study::analysis::AnalysisOptions {
            permutations: 10,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(view.cases_analysed, full.cases.analysed);
    let dropped: Vec<&str> = view.dropped.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(dropped, full.dropped);
    let sets = full.sets().unwrap();
    for c in &view.calibration {
        let column = sets.column(&c.set).unwrap();
        for (k, case) in c.cases.iter().enumerate() {
            assert_eq!(case.code, sets.cases()[k]);
            assert!(
                (case.membership - column[k]).abs() < 1e-12,
                "{} {}",
                c.set,
                case.code
            );
        }
    }
    let tt = full.truth_table().unwrap();
    let observed: Vec<(u64, String, usize, f64)> = tt
        .rows()
        .iter()
        .filter(|r| r.n > 0)
        .map(|r| (r.row, r.out.code().to_string(), r.n, r.incl))
        .collect();
    let mine: Vec<(u64, String, usize, f64)> = view
        .truth_table
        .rows
        .iter()
        .map(|r| (r.row, r.out.clone(), r.n, r.incl))
        .collect();
    assert_eq!(mine, observed);
    match full.minimization() {
        None => {
            assert!(view.solutions.is_empty());
            assert!(view.empty.is_some());
        }
        Some(m) => {
            let theirs: Vec<Vec<(String, String)>> = m
                .conservative
                .as_ref()
                .map(|c| &c.models)
                .into_iter()
                .chain(m.parsimonious.as_ref().map(|p| &p.models))
                .chain(m.intermediate.iter().map(|i| &i.models))
                .map(|models| {
                    models
                        .iter()
                        .map(|x| (x.expression.clone(), format!("{:.6}", x.cov)))
                        .collect()
                })
                .collect();
            let ours: Vec<Vec<(String, String)>> = view
                .solutions
                .iter()
                .map(|s| {
                    s.models
                        .iter()
                        .map(|x| (x.expression.clone(), format!("{:.6}", x.cov)))
                        .collect()
                })
                .collect();
            assert_eq!(ours, theirs);
        }
    }
}

#[test]
fn analysis_in_the_page_equals_the_study_analysis() {
    let (sim, inputs) = simulated(40);
    let plan = QcaSettings::from_plan(&sim.study.analysis);
    assert_same_as_study_analysis(&inputs, &plan);
    // Other settings: fewer conditions, another cut-off, one negated expectation.
    let other = QcaSettings {
        conditions: plan.conditions[..4].to_vec(),
        incl_cut: 0.75,
        pri_cut: 0.4,
        n_cut: 1,
        dir_exp: vec![
            plan.conditions[0].clone(),
            format!("~{}", plan.conditions[1]),
        ],
        ..plan.clone()
    };
    assert_same_as_study_analysis(&inputs, &other);
    let view = run_qca(&inputs, &other, Lang::En).unwrap();
    assert!(
        view.solutions
            .iter()
            .any(|s| s.kind == SolutionKind::Intermediate)
    );
    // Every term and model has its plot, drawn once.
    for s in &view.solutions {
        for m in &s.models {
            for t in &m.terms {
                assert_eq!(view.plots[t.plot].expression, t.term);
                assert!(view.plots[t.plot].svg.starts_with("<svg"));
            }
        }
    }
    let mut expressions: Vec<&str> = view.plots.iter().map(|p| p.expression.as_str()).collect();
    expressions.sort_unstable();
    expressions.dedup();
    assert_eq!(expressions.len(), view.plots.len());
    // The negated outcome and a cut-off nothing passes: an empty solution with the reason.
    let none = QcaSettings {
        negate_outcome: true,
        incl_cut: 1.0,
        ..plan.clone()
    };
    assert_same_as_study_analysis(&inputs, &none);
}

#[test]
fn settings_are_checked_like_a_study_file() {
    let (sim, inputs) = simulated(12);
    let plan = QcaSettings::from_plan(&sim.study.analysis);
    let check = |s: QcaSettings| nl(&run_qca(&inputs, &s, Lang::Nl).unwrap_err());
    let m = check(QcaSettings {
        outcome: "BESTAATNIET".into(),
        ..plan.clone()
    });
    assert!(m.contains("BESTAATNIET"), "{m}");
    let m = check(QcaSettings {
        conditions: vec![plan.outcome.clone()],
        ..plan.clone()
    });
    assert!(m.contains("[analysis] conditions"), "{m}");
    let m = check(QcaSettings {
        dir_exp: vec!["GEEN".into()],
        ..plan.clone()
    });
    assert!(m.contains("GEEN"), "{m}");
    let m = check(QcaSettings {
        conditions: (0..11).map(|i| format!("C{i}")).collect(),
        ..plan.clone()
    });
    assert!(m.contains("hoogstens 10"), "{m}");
    assert_eq!(parse_cut("0,75", "x").unwrap(), 0.75);
    assert!(parse_cut("1.5", "x").is_err());
    assert_eq!(parse_n_cut(" 2 ").unwrap(), 2);
    assert!(parse_n_cut("0").is_err());
    assert_eq!(parse_dir_exp("A, ~B;C  D"), ["A", "~B", "C", "D"]);
}

/// The analysis in the page for a study of 120 municipalities. Not a normal test (timing
/// depends on the machine and the build): run with
/// `cargo test --release -p kantel-workflow --test dashboard -- --ignored --nocapture`.
#[test]
#[ignore]
fn analysis_time_for_120_municipalities() {
    let (sim, inputs) = simulated(120);
    let settings = QcaSettings::from_plan(&sim.study.analysis);
    let _ = run_qca(&inputs, &settings, Lang::Nl).unwrap();
    let mut times = Vec::new();
    for _ in 0..20 {
        let t = std::time::Instant::now();
        let view = run_qca(&inputs, &settings, Lang::Nl).unwrap();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(view.cases_study, 120);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "run_qca, 120 municipalities, {} conditions: median {:.1} ms, max {:.1} ms",
        settings.conditions.len(),
        times[times.len() / 2],
        times[times.len() - 1]
    );
}

// ---------------------------------------------------------------- stored data: the 12
// municipalities of testdata/study-12, imported and answered on the web

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/study-12")
}

/// The register and the ratings of the 12-municipality study (its outcome is a register
/// indicator; Haaren, dissolved in 2021, has no register row).
async fn import_values(ws: &Workspace) -> Result<(), WorkflowError> {
    let register = testdata().join("../register/waarstaatjegemeente_2015_2017.csv");
    let options = RegisterImportOptions {
        boundary_year: Some(2021),
        ..RegisterImportOptions::default()
    };
    import_register(ws, &register, &options).await?;
    import_ratings(ws, &testdata().join("beoordelingen.csv")).await?;
    Ok(())
}

async fn stored_scenario(backend: Backend) -> Result<(), WorkflowError> {
    let dir = temp_dir("stored");
    let name = unique("twaalf");
    let text = std::fs::read_to_string(testdata().join("study.toml"))
        .unwrap()
        .replace("name = \"twaalf-gemeenten\"", &format!("name = \"{name}\""));
    std::fs::write(dir.join("study.toml"), &text).unwrap();
    let paths = StudyPaths {
        study_file: dir.join("study.toml"),
        database: match &backend {
            Backend::Sqlite => None,
            Backend::Postgres(url) => Some(url.clone()),
        },
    };
    let ws = Workspace::open(&paths, Access::Write).await?;
    import_answers(&ws, &testdata().join("antwoorden.csv")).await?;
    import_values(&ws).await?;
    let imported = answers_table(&ws.store, ws.id).await?;

    // A web respondent in Utrecht adds answers: one data set with the imported ones.
    let links = add_respondents(
        &ws.store,
        ws.id,
        &[RespondentRequest {
            line: 1,
            respondent: "WEB1".into(),
            municipality: "Utrecht".into(),
            group: "bestuur".into(),
        }],
        Origin::Form,
        BASE,
    )
    .await?;
    let token = links[0].link.rsplit('/').next().unwrap();
    let web = ws.store.respondent_for_link(token).await?.respondent.id;
    ws.store
        .save_web_answers(
            web,
            &[("C1_1".into(), Some(5)), ("C1_2".into(), Some(5))],
            Some(1),
        )
        .await?;
    let table = answers_table(&ws.store, ws.id).await?;
    assert_eq!(table.rows.len(), imported.rows.len() + 1);
    let row = table
        .rows
        .iter()
        .find(|r| r[0] == Cell::Text("WEB1".into()))
        .unwrap();
    assert_eq!(row[1], Cell::Text("GM0344".into()));
    let c1 = table.headers.iter().position(|h| h == "C1_1").unwrap();
    assert_eq!(row[c1], Cell::Number(5.0));

    // The export is an answers file: it imports back into a fresh copy of the study and
    // the analysis of that copy equals the analysis of the original.
    let csv = table.to_csv()?;
    let export = dir.join("export.csv");
    std::fs::write(&export, &csv).unwrap();
    let copy_dir = dir.join("copy");
    std::fs::create_dir_all(&copy_dir).unwrap();
    std::fs::write(
        copy_dir.join("study.toml"),
        text.replace(&name, &format!("{name}-kopie")),
    )
    .unwrap();
    let copy_paths = StudyPaths {
        study_file: copy_dir.join("study.toml"),
        database: paths.database.clone(),
    };
    let copy = Workspace::open(&copy_paths, Access::Write).await?;
    import_answers(&copy, &export).await?;
    import_values(&copy).await?;
    let original = load_inputs(&ws).await?;
    let reread = load_inputs(&copy).await?;
    assert_eq!(
        serde_json::to_value(&original.measurement.municipalities).unwrap(),
        serde_json::to_value(&reread.measurement.municipalities).unwrap()
    );
    copy.close().await;
    let xlsx = table.to_xlsx()?;
    assert!(xlsx.starts_with(b"PK"), "an XLSX file is a zip archive");

    // Set scores: the analysed sets equal the study analysis' raw values and memberships.
    let scores = set_scores_table(&original);
    let (_, run) = study_run(&ws.store, ws.id, None).await?;
    let raw = run.analysis.raw().unwrap();
    let sets = run.analysis.sets().unwrap();
    for (k, code) in sets.cases().iter().enumerate() {
        let row = scores
            .rows
            .iter()
            .find(|r| r[0] == Cell::Text(code.clone()))
            .unwrap();
        for set in sets.names() {
            let raw_col = scores
                .headers
                .iter()
                .position(|h| *h == format!("{set}_raw"))
                .unwrap();
            assert_eq!(row[raw_col], Cell::Number(raw.column(set).unwrap()[k]));
            assert_eq!(
                row[raw_col + 1],
                Cell::Number(sets.column(set).unwrap()[k]),
                "{set} {code}"
            );
        }
    }
    assert!(
        String::from_utf8(scores.to_csv()?)
            .unwrap()
            .starts_with("municipality,name,")
    );

    // The analysis in the page is recorded with its settings and data version.
    let settings = QcaSettings {
        incl_cut: 0.75,
        ..QcaSettings::from_plan(&ws.study.analysis)
    };
    let view = analyse_web(&ws, &settings, Lang::Nl).await?;
    let run_id = view.run.expect("recorded");
    let stored_run = ws.store.get_run(run_id).await?;
    assert_eq!(stored_run.kind, "web-qca");
    assert_eq!(stored_run.settings["incl_cut"], serde_json::json!(0.75));
    assert_eq!(stored_run.data_version, Some(view.data_version));
    assert_eq!(
        stored_run.result["truth_table"].as_array().unwrap().len(),
        view.truth_table.rows.len()
    );

    // A mirror report names its own municipality and none of the others.
    let html = mirror_html(&ws.store, ws.id, "GM0344", Lang::Nl).await?;
    assert!(html.contains("Utrecht"));
    for m in ws
        .study
        .municipalities
        .iter()
        .filter(|m| m.code.as_str() != "GM0344")
    {
        assert!(
            !html.contains(&m.name),
            "{} in Utrecht's mirror report",
            m.name
        );
        assert!(
            !html.contains(m.code.as_str()),
            "{} in Utrecht's mirror report",
            m.code
        );
    }
    ws.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

#[test]
fn exports_analysis_runs_and_mirror_on_stored_data() {
    for backend in backends() {
        block_on(stored_scenario(backend)).unwrap();
    }
}

/// The whole request of the analysis page for the demo study of 120 municipalities: read
/// the stored answers and values, measure, analyse, draw, record the run. Ignored like the
/// test above; run with `--release -- --ignored --nocapture`.
#[test]
#[ignore]
fn stored_analysis_time_for_120_municipalities() {
    let dir = temp_dir("timing");
    let demo = kantel_workflow::demo::run_demo(&dir.join("demo"), 120, 7, Lang::Nl).unwrap();
    let paths = StudyPaths {
        study_file: dir.join("demo/study.toml"),
        database: None,
    };
    block_on(async {
        let ws = Workspace::open(&paths, Access::Read).await?;
        let settings = QcaSettings::from_plan(&ws.study.analysis);
        let mut load = Vec::new();
        let mut total = Vec::new();
        for _ in 0..10 {
            let t = std::time::Instant::now();
            let inputs = load_inputs(&ws).await?;
            load.push(t.elapsed().as_secs_f64() * 1000.0);
            let view = run_qca(&inputs, &settings, Lang::Nl)?;
            kantel_workflow::dashboard::qca::record_run(&ws, &view).await?;
            total.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        // As the server does it: measured inputs kept while the data stays the same, so
        // trying other settings costs the check (data version and answers stamp) only.
        let cache = kantel_workflow::dashboard::qca::InputsCache::default();
        let mut cached = Vec::new();
        for i in 0..11 {
            let t = std::time::Instant::now();
            let inputs = cache.get(&ws).await?;
            let mut settings = settings.clone();
            settings.incl_cut = [0.75, 0.8, 0.85][i % 3];
            let view = run_qca(&inputs, &settings, Lang::Nl)?;
            kantel_workflow::dashboard::qca::record_run(&ws, &view).await?;
            if i > 0 {
                cached.push(t.elapsed().as_secs_f64() * 1000.0);
            }
        }
        load.sort_by(f64::total_cmp);
        total.sort_by(f64::total_cmp);
        cached.sort_by(f64::total_cmp);
        println!(
            "stored analysis, 120 municipalities ({} respondents): load and measure median {:.1} ms; whole request median {:.1} ms, max {:.1} ms; with the inputs cache (other settings, same data) median {:.1} ms, max {:.1} ms",
            demo.simulation.answers.len(),
            load[load.len() / 2],
            total[total.len() / 2],
            total[total.len() - 1],
            cached[cached.len() / 2],
            cached[cached.len() - 1]
        );
        ws.close().await;
        Ok(())
    })
    .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}
