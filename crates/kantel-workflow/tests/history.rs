//! Correctable data through the workflow, on SQLite and (when `KANTEL_TEST_PG_URL` is set,
//! as `scripts/test.sh` does) on PostgreSQL: import, analyse, replace with a corrected
//! file, analyse again: the two runs name different data versions and the history keeps
//! both imports; remove takes an import's data out and raises the version again.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use kantel_store::ImportStatus;
use kantel_workflow::analysis::analyse_stored;
use kantel_workflow::imports::{
    RegisterImportOptions, Replacement, Written, history, import_answers, import_ratings,
    remove_import, replace_import,
};
use kantel_workflow::workspace::block_on;
use kantel_workflow::{Access, StudyPaths, Workspace};

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/study-12")
}

/// A copy of the 12-municipality study with a study name of its own, so that runs on a
/// shared PostgreSQL server do not meet.
fn study_copy(tag: &str) -> PathBuf {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let dir = std::env::temp_dir().join(format!("kantel-wf-{tag}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let study = std::fs::read_to_string(testdata().join("study.toml")).unwrap();
    std::fs::write(
        dir.join("study.toml"),
        study.replace(
            "name = \"twaalf-gemeenten\"",
            &format!("name = \"twaalf-{tag}-{nanos}\""),
        ),
    )
    .unwrap();
    dir
}

fn scenario(database: Option<String>, tag: &str) {
    let dir = study_copy(tag);
    let paths = StudyPaths {
        study_file: dir.join("study.toml"),
        database,
    };
    let data = testdata();
    block_on(async {
        let ws = Workspace::open(&paths, Access::Write).await?;
        let first = import_answers(&ws, &data.join("antwoorden.csv")).await?;
        let Written::Imported { import_id, .. } = first.written else {
            panic!("first import wrote nothing: {:?}", first.written)
        };
        let ratings = import_ratings(&ws, &data.join("beoordelingen.csv")).await?;
        let Written::Imported {
            import_id: ratings_id,
            ..
        } = ratings.written
        else {
            panic!("ratings wrote nothing")
        };
        let again = import_answers(&ws, &data.join("antwoorden.csv")).await?;
        assert!(matches!(again.written, Written::Unchanged { .. }));

        let before = analyse_stored(&ws, 1).await?;
        let replaced = replace_import(
            &ws,
            import_id,
            &data.join("antwoorden-gecorrigeerd.csv"),
            &RegisterImportOptions::default(),
        )
        .await?;
        let Replacement::Answers(r) = replaced else {
            panic!("an answers import is replaced by answers")
        };
        assert_eq!(r.respondents, 36);
        let after = analyse_stored(&ws, 1).await?;
        assert_eq!(
            after.data_version.version,
            before.data_version.version + 1,
            "a replace is one event"
        );
        let names = |run: &kantel_workflow::analysis::StudyRun| -> Vec<String> {
            run.data_version
                .imports
                .iter()
                .map(|i| i.file_name.clone())
                .collect()
        };
        assert!(names(&before).contains(&"antwoorden.csv".to_string()));
        assert!(names(&after).contains(&"antwoorden-gecorrigeerd.csv".to_string()));
        assert!(!names(&after).contains(&"antwoorden.csv".to_string()));

        // Stored runs name the version they read.
        let runs = ws.store.list_runs(ws.id).await?;
        let versions: Vec<Option<i64>> = runs.iter().map(|r| r.data_version).collect();
        assert!(versions.contains(&Some(before.data_version.version)));
        assert!(versions.contains(&Some(after.data_version.version)));

        let (imports, events, version) = history(&ws).await?;
        let old = imports.iter().find(|i| i.id.0 == import_id).unwrap();
        assert_eq!(old.status, ImportStatus::Replaced);
        assert!(old.replaced_by.is_some());
        assert_eq!(events.len() as i64, version.version);

        // Removing the ratings takes them out of the data and raises the version.
        let event = remove_import(&ws, ratings_id).await?;
        assert_eq!(event.removed.register_values, 12);
        let last = analyse_stored(&ws, 1).await?;
        assert_eq!(last.data_version.version, after.data_version.version + 1);
        // The replaced import can be neither replaced nor removed again.
        assert!(remove_import(&ws, import_id).await.is_err());
        ws.close().await;
        Ok(())
    })
    .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn replace_and_remove_on_sqlite() {
    scenario(None, "sqlite");
}

#[test]
fn replace_and_remove_on_postgres() {
    match std::env::var("KANTEL_TEST_PG_URL") {
        Ok(url) => scenario(Some(url), "pg"),
        // `scripts/test.sh` always sets it; a plain `cargo test` has no server.
        Err(_) => eprintln!("KANTEL_TEST_PG_URL not set: PostgreSQL part skipped"),
    }
}
