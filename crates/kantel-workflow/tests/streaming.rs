//! Answers imports stream through in batches: the result is what the whole-file import
//! stored, and an error far beyond the first batch leaves the database as it was.
//!
//! The files have 4,500 respondents, more than two of the importer's batches of 2,000.
//! "Before" is the former import path, kept here as the reference: the whole file read
//! into a `Table`, checked by `read_answers`, and stored by `Store::import_answers` /
//! `Store::replace_import` in one call.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use kantel_i18n::Lang;
use kantel_store::{AnswerImportRow, ImportId, ImportOutcome, ImportRows, sha256_hex};
use kantel_study::StudyError;
use kantel_study::codebook::ResponseKind;
use kantel_study::import::{AnswerSpec, read_answers};
use kantel_study::register::MunicipalityRegister;
use kantel_study::simulate::{SimConfig, simulate};
use kantel_study::table::{ReadOptions, Table};
use kantel_workflow::imports::{Replacement, Written, import_answers, replace_import};
use kantel_workflow::workspace::block_on;
use kantel_workflow::{Access, StudyPaths, WorkflowError, Workspace};

const RESPONDENTS: usize = 4_500;

/// A fresh folder with the simulated study's study file (8 municipalities, 29 items).
fn study_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kantel-streaming-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let sim = simulate(&SimConfig {
        municipalities: 8,
        ..SimConfig::large(11)
    })
    .unwrap();
    std::fs::write(dir.join("study.toml"), &sim.study_toml).unwrap();
    dir
}

fn paths(dir: &Path) -> StudyPaths {
    StudyPaths {
        study_file: dir.join("study.toml"),
        database: None,
    }
}

/// An answers file: respondents `prefix0000`…, the groups taking turns, every
/// municipality but the last (which is left without answers), a LimeSurvey column to be
/// left aside, "weet niet" now and then. `value` shifts the answers.
fn answers_csv(spec: &AnswerSpec, prefix: &str, value: usize) -> String {
    let mut text = String::from("respondent;gemeente;groep;submitdate");
    for item in &spec.items {
        text.push(';');
        text.push_str(&item.id);
    }
    text.push('\n');
    let municipalities = &spec.municipalities[..spec.municipalities.len() - 1];
    for i in 0..RESPONDENTS {
        let group = &spec.groups[i % spec.groups.len()].id;
        let m = &municipalities[i % municipalities.len()];
        // Codes as written by hand now and then: lower case, or without "GM0".
        let gem = match i % 5 {
            0 => m.code.to_lowercase(),
            1 => m.code.trim_start_matches("GM").to_string(),
            _ => m.code.clone(),
        };
        text.push_str(&format!("{prefix}{i:04};{gem};{group};2026-03-01"));
        for (k, item) in spec.items.iter().enumerate() {
            text.push(';');
            if !(item.groups.is_empty() || item.groups.contains(group)) {
                continue;
            }
            if (i + k) % 11 == 0 {
                text.push_str("weet niet");
            } else if item.response == ResponseKind::YesNo {
                text.push_str(["nee", "ja"][(i + k + value) % 2]);
            } else {
                text.push_str(&(1 + (i * 7 + k * 3 + value) % 5).to_string());
            }
        }
        text.push('\n');
    }
    text
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The former import: the whole file in memory, stored in one call.
fn rows_before(path: &Path, ws: &Workspace) -> Vec<AnswerImportRow> {
    let table = Table::read(path, &ReadOptions::default()).unwrap();
    read_answers(
        &table,
        &AnswerSpec::from_study(&ws.study),
        &MunicipalityRegister::builtin(),
    )
    .unwrap()
    .rows
    .into_iter()
    .map(|r| AnswerImportRow {
        external_id: r.respondent,
        municipality_code: r.municipality,
        group: r.group,
        answers: r
            .answers
            .into_iter()
            .map(|(i, v)| (i, v.map(i64::from)))
            .collect(),
    })
    .collect()
}

type Stored = (
    Vec<(String, String, String, String, Option<i64>)>,
    BTreeSet<(String, String, String)>,
    i64,
);

/// Everything an import stores: answers, respondents, and the data version.
async fn stored(ws: &Workspace) -> Stored {
    let mut answers: Vec<_> = ws
        .store
        .list_answers(ws.id)
        .await
        .unwrap()
        .into_iter()
        .map(|a| (a.external_id, a.municipality_code, a.group, a.item, a.value))
        .collect();
    answers.sort();
    let respondents = ws
        .store
        .list_respondents(ws.id)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.external_id, r.municipality_code, r.group))
        .collect();
    let version = ws.store.data_version(ws.id).await.unwrap().version;
    (answers, respondents, version)
}

fn place(e: &WorkflowError) -> (usize, Option<String>) {
    match e {
        WorkflowError::Data(e) => match e.as_ref() {
            StudyError::Table { line, column, .. } => {
                (*line, column.as_ref().map(|c| c.name.clone()))
            }
            other => panic!("expected a table error, got {other:?}"),
        },
        other => panic!("expected a data error, got {other:?}"),
    }
}

#[test]
fn a_streamed_import_stores_what_the_whole_file_import_stored() {
    let dir = study_dir("same");
    let before_dir = study_dir("same-before");
    block_on(async {
        let ws = Workspace::open(&paths(&dir), Access::Write).await?;
        let old = Workspace::open(&paths(&before_dir), Access::Write).await?;
        let spec = AnswerSpec::from_study(&ws.study);
        let text = answers_csv(&spec, "R", 0);
        let file = write(&dir, "antwoorden.csv", &text);

        let summary = import_answers(&ws, &file).await?;
        let rows = rows_before(&file, &old);
        let outcome = old
            .store
            .import_answers(
                old.id,
                "antwoorden.csv",
                &sha256_hex(text.as_bytes()),
                &rows,
            )
            .await?;
        let ImportOutcome::Imported {
            respondents_created,
            values_written,
            ..
        } = outcome
        else {
            panic!("the reference import stored nothing");
        };
        assert_eq!(
            summary.written,
            Written::Imported {
                import_id: 1,
                respondents_created,
                values_written,
                data_version: 1,
            }
        );
        assert_eq!(respondents_created, RESPONDENTS);
        assert_eq!(stored(&ws).await, stored(&old).await);
        // The file was recorded with its SHA-256, computed as it streamed.
        let version = ws.store.data_version(ws.id).await?;
        assert_eq!(
            version.imports[0].content_sha256,
            sha256_hex(text.as_bytes())
        );

        // The summary is what the whole-file reading gives.
        let table = Table::read(&file, &ReadOptions::default()).unwrap();
        let whole = read_answers(&table, &spec, &MunicipalityRegister::builtin()).unwrap();
        assert_eq!(summary.respondents, RESPONDENTS);
        assert_eq!(summary.ignored_columns, whole.ignored_columns);
        assert_eq!(summary.ignored_columns, ["submitdate"]);
        assert_eq!(summary.matched_names, whole.matched_names);
        let last = ws.study.municipalities.last().unwrap();
        assert_eq!(
            summary.without_answers,
            [(last.code.as_str().to_string(), last.name.clone())]
        );

        // The same file again, and the same content in another order: nothing changes.
        let again = import_answers(&ws, &file).await?;
        assert_eq!(again.written, Written::Unchanged { import_id: Some(1) });
        assert_eq!(again.without_answers, summary.without_answers);
        let mut lines: Vec<&str> = text.lines().collect();
        lines[1..].reverse();
        let reversed = write(&dir, "omgekeerd.csv", &(lines.join("\n") + "\n"));
        let again = import_answers(&ws, &reversed).await?;
        assert_eq!(again.written, Written::Unchanged { import_id: None });
        assert_eq!(stored(&ws).await, stored(&old).await);

        // A replacement streams the same way.
        let corrected = answers_csv(&spec, "R", 1);
        let file = write(&dir, "gecorrigeerd.csv", &corrected);
        let Replacement::Answers(replaced) =
            replace_import(&ws, 1, &file, &Default::default()).await?
        else {
            panic!("an answers import is replaced by answers");
        };
        let rows = rows_before(&file, &old);
        let outcome = old
            .store
            .replace_import(
                old.id,
                ImportId(1),
                "gecorrigeerd.csv",
                &sha256_hex(corrected.as_bytes()),
                ImportRows::Answers(&rows),
            )
            .await?;
        let ImportOutcome::Imported { values_written, .. } = outcome else {
            panic!("the reference replacement stored nothing");
        };
        assert!(matches!(
            replaced.written,
            Written::Imported { import_id: 2, values_written: v, data_version: 2, .. }
                if v == values_written
        ));
        assert_eq!(stored(&ws).await, stored(&old).await);
        ws.close().await;
        old.close().await;
        Ok(())
    })
    .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&before_dir);
}

#[test]
fn an_error_in_the_last_row_leaves_the_database_as_it_was() {
    let dir = study_dir("error");
    block_on(async {
        let ws = Workspace::open(&paths(&dir), Access::Write).await?;
        let spec = AnswerSpec::from_study(&ws.study);
        let good = answers_csv(&spec, "R", 0);
        import_answers(&ws, &write(&dir, "antwoorden.csv", &good)).await?;
        let before = stored(&ws).await;
        let imports = ws.store.list_imports(ws.id).await?;

        // Other answers for everyone, and a 7 in the last answer of the last row.
        let mut bad = answers_csv(&spec, "R", 2);
        bad.truncate(bad.trim_end().len());
        bad.truncate(bad.rfind(';').unwrap() + 1);
        bad.push_str("7\n");
        let e = import_answers(&ws, &write(&dir, "fout.csv", &bad))
            .await
            .unwrap_err();
        let last_item = spec.items.last().unwrap().id.clone();
        assert_eq!(place(&e), (RESPONDENTS + 1, Some(last_item.clone())));
        let text = e.msg().render(Lang::En);
        assert!(
            text.ends_with(&format!(
                "fout.csv, line {}, column \"{last_item}\" (no. {}): answer 7 is outside 1-5",
                RESPONDENTS + 1,
                spec.items.len() + 4
            )),
            "{text}"
        );
        assert_eq!(stored(&ws).await, before);

        // A respondent in the last row that is stored with another municipality: found by
        // the store inside the transaction, after two batches of new respondents were
        // written, and all of it rolled back.
        let mut clash = answers_csv(&spec, "N", 0);
        let at = clash.trim_end().rfind('\n').unwrap() + 1;
        let last_row = clash[at..].to_string();
        let other = &spec.municipalities[spec.municipalities.len() - 1].code;
        let fields: Vec<&str> = last_row.trim_end().split(';').collect();
        clash.truncate(at);
        clash.push_str(&format!("R0000;{other};{}\n", fields[2..].join(";")));
        let e = import_answers(&ws, &write(&dir, "botsing.csv", &clash))
            .await
            .unwrap_err();
        let text = e.msg().render(Lang::En);
        assert!(
            text.starts_with(&format!(
                "botsing.csv, line {}: respondent \"R0000\" is stored with",
                RESPONDENTS + 1
            )),
            "{text}"
        );
        assert_eq!(stored(&ws).await, before);
        assert_eq!(ws.store.list_imports(ws.id).await?, imports);

        // The same for a replacement: the old import stays as it was.
        let e = replace_import(
            &ws,
            1,
            &write(&dir, "botsing.csv", &clash),
            &Default::default(),
        )
        .await
        .unwrap_err();
        assert!(e.msg().render(Lang::En).contains("\"R0000\""), "{e}");
        let e = replace_import(&ws, 1, &dir.join("fout.csv"), &Default::default())
            .await
            .unwrap_err();
        assert_eq!(place(&e).0, RESPONDENTS + 1);
        assert_eq!(stored(&ws).await, before);
        assert_eq!(ws.store.list_imports(ws.id).await?, imports);
        ws.close().await;
        Ok(())
    })
    .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}
