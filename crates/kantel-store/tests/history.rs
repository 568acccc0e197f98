//! Import history, data versions, content-based "unchanged" imports, streaming imports,
//! municipalities dropped from the study file, concurrent writers and the upgrade of a
//! database made by migration 0001. Every scenario runs on a temporary SQLite file, on
//! `sqlite::memory:` and (with `KANTEL_TEST_PG_URL`) on PostgreSQL.

#[macro_use]
mod support;

use kantel_store::{
    AnswerImportRow, Backend, ImportAction, ImportCounts, ImportKind, ImportOutcome, ImportRows,
    ImportStatus, NewRespondent, RegisterValueRecord, RowProblem, Store, StoreError, StudyId,
    sha256_hex,
};
use serde_json::json;
use support::*;

on_every_backend!(
    imports_replace_remove_and_data_versions,
    runs_record_the_data_version,
    reimport_with_equal_content_is_unchanged,
    register_and_ratings_imports_compare_content,
    streaming_imports_in_batches,
    unlisted_municipalities_keep_their_data,
    separate_stores_write_concurrently,
    upgrade_from_0001_keeps_data,
);

// ------------------------------------------------------------------ fixtures

fn rating(code: &str, indicator: &str, year: i64, v: Option<f64>) -> RegisterValueRecord {
    RegisterValueRecord {
        municipality_code: code.to_owned(),
        indicator: indicator.to_owned(),
        year,
        value: v,
        source: "CBS".to_owned(),
    }
}

fn file_a() -> Vec<AnswerImportRow> {
    vec![
        import_row(
            "R1",
            "GM0363",
            "bestuur",
            &[("q01", Some(4)), ("q02", None)],
        ),
        import_row(
            "R2",
            "GM0344",
            "wijkteam",
            &[("q01", Some(1)), ("q02", Some(5))],
        ),
        import_row("R3", "GM0014", "management", &[("q01", Some(3))]),
    ]
}

fn imported(
    outcome: ImportOutcome,
) -> (
    kantel_store::ImportRecord,
    usize,
    usize,
    kantel_store::ImportEvent,
) {
    match outcome {
        ImportOutcome::Imported {
            import,
            respondents_created,
            values_written,
            event,
        } => (import, respondents_created, values_written, event),
        other => panic!("expected Imported, got {other:?}"),
    }
}

fn counts3(respondents: i64, answers: i64, register_values: i64) -> ImportCounts {
    ImportCounts {
        respondents,
        answers,
        register_values,
    }
}

// ------------------------------------------------------------------ scenarios

async fn imports_replace_remove_and_data_versions(url: &str) {
    let store = Store::open(url).await.unwrap();
    let study = study_with_municipalities(&store, "s").await;
    let v0 = store.data_version(study).await.unwrap();
    assert_eq!((v0.version, v0.imports.len()), (0, 0));
    assert!(store.list_import_events(study).await.unwrap().is_empty());

    // Version 1: answers file A. Version 2: register file B.
    let sha_a = sha256_hex(b"a");
    let (a, created, written, event) = imported(
        store
            .import_answers(study, "a.csv", &sha_a, &file_a())
            .await
            .unwrap(),
    );
    assert_eq!((created, written), (3, 5));
    assert_eq!(event.data_version, 1);
    assert_eq!(event.action, ImportAction::Import);
    assert_eq!(event.import, a.id);
    assert_eq!(event.added, counts3(3, 5, 0));
    assert_eq!(event.removed, ImportCounts::default());
    assert_eq!(a.status, ImportStatus::Active);
    assert_eq!(a.added, counts3(3, 5, 0));
    let values = vec![
        rating("GM0363", "banen", 2020, Some(1.5)),
        rating("GM0344", "banen", 2020, None),
    ];
    let (b, _, _, event) = imported(
        store
            .import_register_values(study, "b.csv", &sha256_hex(b"b"), &values)
            .await
            .unwrap(),
    );
    assert_eq!(event.data_version, 2);
    assert_eq!(b.added, counts3(0, 0, 2));
    let v2 = store.data_version(study).await.unwrap();
    assert_eq!(v2.version, 2);
    let active: Vec<_> = v2
        .imports
        .iter()
        .map(|i| {
            (
                i.id,
                i.kind,
                i.file_name.as_str(),
                i.content_sha256.as_str(),
            )
        })
        .collect();
    assert_eq!(
        active,
        [
            (a.id, ImportKind::Answers, "a.csv", sha_a.as_str()),
            (
                b.id,
                ImportKind::RegisterValues,
                "b.csv",
                b.content_sha256.as_str()
            ),
        ]
    );

    // Someone answers q03 online for R1 (no import), and R3 receives a personal link.
    let r1 = store.list_respondents(study).await.unwrap()[0].clone();
    store.save_answer(r1.id, "q03", Some(2)).await.unwrap();

    // Version 3: A replaced by A2: R1 the same, R2 changed (q02 gone), R3 gone, R4 new.
    let a2_rows = vec![
        import_row(
            "R1",
            "GM0363",
            "bestuur",
            &[("q01", Some(4)), ("q02", None)],
        ),
        import_row("R2", "GM0344", "wijkteam", &[("q01", Some(2))]),
        import_row(
            "R4",
            "GM0363",
            "wijkteam",
            &[("q01", Some(5)), ("q02", Some(5))],
        ),
    ];
    let (a2, created, written, event) = imported(
        store
            .replace_import(
                study,
                a.id,
                "a2.csv",
                &sha256_hex(b"a2"),
                ImportRows::Answers(&a2_rows),
            )
            .await
            .unwrap(),
    );
    assert_eq!((created, written), (1, 5));
    assert_eq!(event.action, ImportAction::Replace);
    assert_eq!(event.data_version, 3);
    assert_eq!(event.import, a2.id);
    assert_eq!(event.replaced, Some(a.id));
    assert_eq!(event.file_name, "a2.csv");
    assert_eq!(event.added, counts3(1, 5, 0));
    // Removed: A's 5 answers and R3, who has nothing left.
    assert_eq!(event.removed, counts3(1, 5, 0));
    assert_eq!(
        triples(&store.list_answers(study).await.unwrap()),
        [
            t("R1", "q01", Some(4)),
            t("R1", "q02", None),
            t("R1", "q03", Some(2)),
            t("R2", "q01", Some(2)),
            t("R4", "q01", Some(5)),
            t("R4", "q02", Some(5)),
        ]
    );
    let respondents = store.list_respondents(study).await.unwrap();
    let ids: Vec<&str> = respondents.iter().map(|r| r.external_id.as_str()).collect();
    assert_eq!(ids, ["R1", "R2", "R4"]);
    assert_eq!(respondents[0].id, r1.id, "R1 keeps its id");

    let imports = store.list_imports(study).await.unwrap();
    assert_eq!(imports.len(), 3);
    assert_eq!(imports[0].id, a.id);
    assert_eq!(imports[0].status, ImportStatus::Replaced);
    assert_eq!(imports[0].replaced_by, Some(a2.id));
    assert!(imports[0].status_changed_at.is_some());
    assert_eq!(
        imports[0].added,
        counts3(3, 5, 0),
        "history keeps what A added"
    );
    assert_eq!(imports[2], a2);
    assert_eq!(store.get_import(study, a2.id).await.unwrap(), a2);

    // Only active imports can be replaced or removed.
    for result in [
        store
            .replace_import(
                study,
                a.id,
                "x.csv",
                &sha256_hex(b"x"),
                ImportRows::Answers(&a2_rows),
            )
            .await
            .map(|_| ()),
        store.remove_import(study, a.id).await.map(|_| ()),
    ] {
        assert!(
            matches!(
                result,
                Err(StoreError::ImportNotActive { import, status: ImportStatus::Replaced })
                    if import == a.id
            ),
            "{result:?}"
        );
    }
    assert!(matches!(
        store
            .replace_import(
                study,
                a2.id,
                "x.csv",
                &sha256_hex(b"x"),
                ImportRows::RegisterValues(&values),
            )
            .await,
        Err(StoreError::ImportKindMismatch {
            kind: ImportKind::Answers,
            given: ImportKind::RegisterValues,
            ..
        })
    ));
    let missing = kantel_store::ImportId(a2.id.0 + 1000);
    assert!(matches!(
        store.remove_import(study, missing).await,
        Err(StoreError::UnknownImport { import, .. }) if import == missing
    ));
    let other = study_with_municipalities(&store, "other").await;
    assert!(matches!(
        store.remove_import(other, a2.id).await,
        Err(StoreError::UnknownImport { study: s, .. }) if s == other
    ));
    assert_eq!(store.data_version(study).await.unwrap().version, 3);

    // Version 4: B removed.
    let event = store.remove_import(study, b.id).await.unwrap();
    assert_eq!(event.action, ImportAction::Remove);
    assert_eq!(event.data_version, 4);
    assert_eq!(event.import, b.id);
    assert_eq!(event.file_name, "b.csv");
    assert_eq!(event.removed, counts3(0, 0, 2));
    assert!(store.list_register_values(study).await.unwrap().is_empty());
    assert!(matches!(
        store.remove_import(study, b.id).await,
        Err(StoreError::ImportNotActive {
            status: ImportStatus::Removed,
            ..
        })
    ));

    // Version 5: A2 removed. R1 keeps the answer given online; R2 and R4 go. A respondent
    // with a personal token stays too.
    let token_holder = store.list_respondents(study).await.unwrap()[2].clone();
    store.issue_token(token_holder.id).await.unwrap();
    let event = store.remove_import(study, a2.id).await.unwrap();
    assert_eq!(event.data_version, 5);
    assert_eq!(event.removed, counts3(1, 5, 0));
    assert_eq!(
        triples(&store.list_answers(study).await.unwrap()),
        [t("R1", "q03", Some(2))]
    );
    let ids: Vec<String> = store
        .list_respondents(study)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.external_id)
        .collect();
    assert_eq!(ids, ["R1", "R4"]);

    let events = store.list_import_events(study).await.unwrap();
    let summary: Vec<(i64, ImportAction, kantel_store::ImportId)> = events
        .iter()
        .map(|e| (e.data_version, e.action, e.import))
        .collect();
    assert_eq!(
        summary,
        [
            (1, ImportAction::Import, a.id),
            (2, ImportAction::Import, b.id),
            (3, ImportAction::Replace, a2.id),
            (4, ImportAction::Remove, b.id),
            (5, ImportAction::Remove, a2.id),
        ]
    );
    let v5 = store.data_version(study).await.unwrap();
    assert_eq!((v5.version, v5.imports.len()), (5, 0));
    assert_eq!(store.data_version(other).await.unwrap().version, 0);
    assert!(matches!(
        store.data_version(StudyId(other.0 + 100)).await,
        Err(StoreError::UnknownStudy(_))
    ));

    // The same file can be imported again after its removal: it changes data again.
    let (_, created, _, event) = imported(
        store
            .import_answers(study, "a.csv", &sha_a, &file_a())
            .await
            .unwrap(),
    );
    assert_eq!(created, 2, "R2 and R3 are created again");
    assert_eq!(event.data_version, 6);
    store.close().await;
}

async fn runs_record_the_data_version(url: &str) {
    let store = Store::open(url).await.unwrap();
    let study = study_with_municipalities(&store, "s").await;
    let before_import = store
        .save_run(study, "study-analysis", &json!({}), &json!({}))
        .await
        .unwrap();
    let (a, ..) = imported(
        store
            .import_answers(study, "a.csv", &sha256_hex(b"a"), &file_a())
            .await
            .unwrap(),
    );
    let read = store.data_version(study).await.unwrap();
    assert_eq!(read.version, 1);
    let first = store
        .save_run(study, "study-analysis", &json!({"seed": 1}), &json!([1]))
        .await
        .unwrap();
    let mut corrected = file_a();
    corrected[1].answers[0].1 = Some(3);
    store
        .replace_import(
            study,
            a.id,
            "a2.csv",
            &sha256_hex(b"a2"),
            ImportRows::Answers(&corrected),
        )
        .await
        .unwrap();
    let second = store
        .save_run(study, "study-analysis", &json!({"seed": 1}), &json!([2]))
        .await
        .unwrap();
    // An analysis that read its data before the replace names the version it read.
    let late = store
        .save_run_with_version(
            study,
            "study-analysis",
            &json!({}),
            &json!([3]),
            read.version,
        )
        .await
        .unwrap();
    assert_eq!(
        store.get_run(before_import).await.unwrap().data_version,
        Some(0)
    );
    assert_eq!(store.get_run(first).await.unwrap().data_version, Some(1));
    assert_eq!(store.get_run(second).await.unwrap().data_version, Some(2));
    assert_eq!(store.get_run(late).await.unwrap().data_version, Some(1));
    let versions: Vec<Option<i64>> = store
        .list_runs(study)
        .await
        .unwrap()
        .iter()
        .map(|r| r.data_version)
        .collect();
    assert_eq!(versions, [Some(0), Some(1), Some(2), Some(1)]);
    assert!(matches!(
        store
            .save_run_with_version(StudyId(study.0 + 100), "x", &json!({}), &json!({}), 1)
            .await,
        Err(StoreError::UnknownStudy(_))
    ));
    store.close().await;
}

async fn reimport_with_equal_content_is_unchanged(url: &str) {
    let store = Store::open(url).await.unwrap();
    let study = study_with_municipalities(&store, "s").await;
    let sha = sha256_hex(b"antwoorden.csv");
    let (first, ..) = imported(
        store
            .import_answers(study, "antwoorden.csv", &sha, &file_a())
            .await
            .unwrap(),
    );
    let snapshot = (
        store.list_respondents(study).await.unwrap(),
        store.list_answers(study).await.unwrap(),
        store.list_imports(study).await.unwrap(),
        store.list_import_events(study).await.unwrap(),
        store.data_version(study).await.unwrap(),
    );

    // Same content in another file (other bytes, other hash), a subset, another order,
    // the same file: all unchanged, nothing written.
    let mut reordered = file_a();
    reordered.reverse();
    for row in &mut reordered {
        row.answers.reverse();
    }
    let cases: Vec<(
        &str,
        String,
        Vec<AnswerImportRow>,
        Option<kantel_store::ImportId>,
    )> = vec![
        ("export.xlsx", sha256_hex(b"export.xlsx"), file_a(), None),
        (
            "deel.csv",
            sha256_hex(b"deel"),
            file_a()[..2].to_vec(),
            None,
        ),
        ("omgekeerd.csv", sha256_hex(b"omgekeerd"), reordered, None),
        ("antwoorden.csv", sha.clone(), file_a(), Some(first.id)),
    ];
    for (name, sha, rows, previous) in cases {
        let outcome = store
            .import_answers(study, name, &sha, &rows)
            .await
            .unwrap();
        match outcome {
            ImportOutcome::Unchanged {
                rows: n,
                previous: p,
            } => {
                assert_eq!(n, rows.len());
                assert_eq!(p.map(|p| p.id), previous, "{name}");
            }
            other => panic!("{name}: expected Unchanged, got {other:?}"),
        }
        let now = (
            store.list_respondents(study).await.unwrap(),
            store.list_answers(study).await.unwrap(),
            store.list_imports(study).await.unwrap(),
            store.list_import_events(study).await.unwrap(),
            store.data_version(study).await.unwrap(),
        );
        assert_eq!(now, snapshot, "{name}");
    }
    // Streamed in batches, the same: unchanged.
    let mut streamed = store
        .begin_answers_import(study, "stream.csv", &sha256_hex(b"stream"))
        .await
        .unwrap();
    for batch in file_a().chunks(2) {
        streamed.add(batch).await.unwrap();
    }
    assert!(matches!(
        streamed.finish().await.unwrap(),
        ImportOutcome::Unchanged {
            rows: 3,
            previous: None
        }
    ));
    assert_eq!(store.list_imports(study).await.unwrap(), snapshot.2);

    // The same comparison, for a caller's first pass over a large file.
    assert!(
        store
            .answers_already_stored(study, &file_a()[1..])
            .await
            .unwrap()
    );
    let mut other = file_a();
    other[2].answers[0].1 = None;
    assert!(!store.answers_already_stored(study, &other).await.unwrap());
    other[2] = import_row("R9", "GM0014", "management", &[]);
    assert!(!store.answers_already_stored(study, &other).await.unwrap());

    // Checks still apply: a respondent twice is an error, not "unchanged".
    let twice = vec![file_a()[0].clone(), file_a()[0].clone()];
    assert!(matches!(
        store
            .import_answers(study, "twice.csv", &sha256_hex(b"twice"), &twice)
            .await,
        Err(StoreError::Row {
            row: 2,
            problem: RowProblem::Duplicate { first_row: 1, .. },
            ..
        })
    ));
    let mut moved = file_a();
    moved[2].group = "bestuur".into();
    assert!(matches!(
        store
            .import_answers(study, "moved.csv", &sha256_hex(b"moved"), &moved)
            .await,
        Err(StoreError::Row {
            row: 3,
            problem: RowProblem::RespondentMismatch(_),
            ..
        })
    ));

    // One changed answer: the file is imported, owns all its rows, and only the changed
    // answer gets a new time.
    let mut changed = file_a();
    changed[1].answers[1].1 = Some(4);
    let (second, created, written, event) = imported(
        store
            .import_answers(study, "correctie.csv", &sha256_hex(b"correctie"), &changed)
            .await
            .unwrap(),
    );
    assert_eq!((created, written), (0, 5));
    assert_eq!(event.data_version, 2);
    assert_eq!(second.added, counts3(0, 5, 0));
    let answers = store.list_answers(study).await.unwrap();
    assert_eq!(answers[3].value, Some(4));
    for (i, (now, before)) in answers.iter().zip(&snapshot.1).enumerate() {
        if i == 3 {
            assert!(now.updated_at > before.updated_at);
        } else {
            assert_eq!(now.updated_at, before.updated_at, "answer {i}");
        }
    }
    // Removing the correction removes every answer it owns (all five): values are not
    // restored from the earlier import. The respondents stay: the first import lists them.
    store.remove_import(study, second.id).await.unwrap();
    assert!(store.list_answers(study).await.unwrap().is_empty());
    assert_eq!(store.list_respondents(study).await.unwrap().len(), 3);
    // And now the first file writes again.
    let (_, created, written, _) = imported(
        store
            .import_answers(study, "antwoorden.csv", &sha, &file_a())
            .await
            .unwrap(),
    );
    assert_eq!((created, written), (0, 5));
    store.close().await;
}

async fn register_and_ratings_imports_compare_content(url: &str) {
    let store = Store::open(url).await.unwrap();
    let study = store.create_study("s", "").await.unwrap();
    let values = vec![
        rating("GM0363", "banen", 2020, Some(0.1 + 0.2)),
        rating("GM0344", "banen", 2020, None),
        rating("GM0014", "banen", 2020, Some(-3.0)),
    ];
    let (first, ..) = imported(
        store
            .import_register_values(study, "kwb.csv", &sha256_hex(b"kwb"), &values)
            .await
            .unwrap(),
    );
    // Same values under another name; a subset; values in another order: unchanged.
    for (name, rows) in [
        ("kwb.xlsx", values.clone()),
        ("deel.csv", values[1..].to_vec()),
        ("omgekeerd.csv", values.iter().rev().cloned().collect()),
    ] {
        assert!(
            matches!(
                store
                    .import_register_values(study, name, &sha256_hex(name.as_bytes()), &rows)
                    .await
                    .unwrap(),
                ImportOutcome::Unchanged { previous: None, .. }
            ),
            "{name}"
        );
    }
    assert_eq!(store.data_version(study).await.unwrap().version, 1);
    // Another source, a value that was missing, one more row: each is a change.
    let mut other_source = values.clone();
    other_source[0].source = "CBS 2021".into();
    let mut filled = values.clone();
    filled[1].value = Some(0.0);
    let mut more = values.clone();
    more.push(rating("GM0599", "banen", 2020, Some(7.0)));
    for (k, rows) in [other_source, filled, more].into_iter().enumerate() {
        let (_, _, written, event) = imported(
            store
                .import_register_values(study, "v.csv", &sha256_hex(&[k as u8]), &rows)
                .await
                .unwrap(),
        );
        assert_eq!(written, rows.len());
        assert_eq!(event.data_version, 2 + k as i64);
    }
    assert_eq!(store.list_register_values(study).await.unwrap().len(), 4);
    assert_eq!(
        store.get_import(study, first.id).await.unwrap().status,
        ImportStatus::Active
    );

    // Ratings are register values recorded as a `ratings` import.
    let ratings = vec![RegisterValueRecord {
        source: "rating".into(),
        ..rating("GM0363", "SAMENWERKING", 2026, Some(0.67))
    }];
    let sha = sha256_hex(b"ratings.csv");
    let (r, ..) = imported(
        store
            .import_ratings(study, "ratings.csv", &sha, &ratings)
            .await
            .unwrap(),
    );
    assert_eq!(r.kind, ImportKind::Ratings);
    assert!(matches!(
        store.import_ratings(study, "ratings.csv", &sha, &ratings).await.unwrap(),
        ImportOutcome::Unchanged { previous: Some(p), .. } if p.id == r.id
    ));
    // A replacement of a ratings import is a ratings import.
    let mut corrected = ratings.clone();
    corrected[0].value = Some(0.33);
    let (r2, ..) = imported(
        store
            .replace_import(
                study,
                r.id,
                "ratings2.csv",
                &sha256_hex(b"r2"),
                ImportRows::RegisterValues(&corrected),
            )
            .await
            .unwrap(),
    );
    assert_eq!(r2.kind, ImportKind::Ratings);
    assert!(matches!(
        store
            .replace_import(
                study,
                r2.id,
                "a.csv",
                &sha256_hex(b"a"),
                ImportRows::Answers(&file_a()),
            )
            .await,
        Err(StoreError::ImportKindMismatch {
            kind: ImportKind::Ratings,
            given: ImportKind::Answers,
            ..
        })
    ));
    let stored: Vec<_> = store
        .list_register_values(study)
        .await
        .unwrap()
        .into_iter()
        .filter(|v| v.source == "rating")
        .collect();
    assert_eq!(stored, corrected);
    store.close().await;
}

async fn streaming_imports_in_batches(url: &str) {
    let store = Store::open(url).await.unwrap();
    let study = study_with_municipalities(&store, "s").await;
    let rows: Vec<AnswerImportRow> = (0..1200)
        .map(|i| {
            import_row(
                &format!("R{i:04}"),
                if i % 2 == 0 { "GM0363" } else { "GM0344" },
                "bestuur",
                &[
                    ("q01", Some(1 + i % 5)),
                    ("q02", None),
                    ("q03", Some(5 - i % 5)),
                ],
            )
        })
        .collect();

    // A respondent of batch 1 again in batch 2: the error names both rows (counted over
    // all batches), everything is rolled back, and the import is abandoned.
    let mut import = store
        .begin_answers_import(study, "big.csv", &sha256_hex(b"bad"))
        .await
        .unwrap();
    import.add(&rows[..250]).await.unwrap();
    let mut second = rows[250..500].to_vec();
    second[9] = rows[5].clone();
    let err = import.add(&second).await.unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Row {
                row: 260,
                problem: RowProblem::Duplicate { first_row: 6, .. },
                ..
            }
        ),
        "{err:?}"
    );
    assert!(matches!(
        import.add(&rows[500..]).await,
        Err(StoreError::ImportAbandoned)
    ));
    assert!(matches!(
        import.finish().await,
        Err(StoreError::ImportAbandoned)
    ));
    assert_eq!(counts(&store, study).await, (0, 0, 0));

    // An unknown municipality in batch 3.
    let mut import = store
        .begin_answers_import(study, "big.csv", &sha256_hex(b"bad2"))
        .await
        .unwrap();
    import.add(&rows[..400]).await.unwrap();
    import.add(&rows[400..800]).await.unwrap();
    let mut third = rows[800..].to_vec();
    third[0].municipality_code = "GM9999".into();
    assert!(matches!(
        import.add(&third).await,
        Err(StoreError::Row {
            row: 801,
            problem: RowProblem::UnknownMunicipality { .. },
            ..
        })
    ));
    drop(import);
    assert_eq!(counts(&store, study).await, (0, 0, 0));

    // Dropped without finishing: nothing written, and the lock is released.
    let mut import = store
        .begin_answers_import(study, "big.csv", &sha256_hex(b"dropped"))
        .await
        .unwrap();
    import.add(&rows[..100]).await.unwrap();
    drop(import);
    assert_eq!(counts(&store, study).await, (0, 0, 0));
    assert_eq!(store.data_version(study).await.unwrap().version, 0);

    // Invalid hash, unknown study.
    assert!(matches!(
        store.begin_answers_import(study, "x", "abc").await,
        Err(StoreError::InvalidSha256(_))
    ));
    assert!(matches!(
        store
            .begin_answers_import(StudyId(study.0 + 100), "x", &sha256_hex(b"x"))
            .await,
        Err(StoreError::UnknownStudy(_))
    ));

    // The whole file in batches of 250.
    let sha = sha256_hex(b"big");
    let mut import = store
        .begin_answers_import(study, "big.csv", &sha)
        .await
        .unwrap();
    let id = import.import().id;
    for batch in rows.chunks(250) {
        import.add(batch).await.unwrap();
    }
    let (record, created, written, event) = imported(import.finish().await.unwrap());
    assert_eq!(record.id, id);
    assert_eq!((created, written), (1200, 3600));
    assert_eq!(record.rows, 1200);
    assert_eq!(event.data_version, 1);
    assert_eq!(counts(&store, study).await, (1200, 3600, 1));
    let answers = store.list_answers(study).await.unwrap();
    assert_eq!(
        triples(&answers[..3]),
        [
            t("R0000", "q01", Some(1)),
            t("R0000", "q02", None),
            t("R0000", "q03", Some(5)),
        ]
    );

    // The same rows as one slice: unchanged.
    assert!(matches!(
        store
            .import_answers(study, "big.csv", &sha, &rows)
            .await
            .unwrap(),
        ImportOutcome::Unchanged { rows: 1200, previous: Some(p) } if p.id == id
    ));

    // Register values: a key of batch 1 again in batch 2.
    let values: Vec<RegisterValueRecord> = (0..30)
        .map(|i| rating(&format!("GM{i:04}"), "banen", 2020, Some(f64::from(i))))
        .collect();
    let mut import = store
        .begin_register_import(study, "kwb.csv", &sha256_hex(b"kwb"))
        .await
        .unwrap();
    import.add(&values[..20]).await.unwrap();
    let mut again = values[20..].to_vec();
    again[3] = values[7].clone();
    assert!(matches!(
        import.add(&again).await,
        Err(StoreError::Row {
            row: 24,
            problem: RowProblem::DuplicateInEarlierBatch { .. },
            ..
        })
    ));
    drop(import);
    assert!(store.list_register_values(study).await.unwrap().is_empty());
    let mut import = store
        .begin_register_import(study, "kwb.csv", &sha256_hex(b"kwb"))
        .await
        .unwrap();
    for batch in values.chunks(7) {
        import.add(batch).await.unwrap();
    }
    let (record, _, written, _) = imported(import.finish().await.unwrap());
    assert_eq!((record.kind, written), (ImportKind::RegisterValues, 30));
    assert_eq!(store.list_register_values(study).await.unwrap(), values);

    // Streaming replacement.
    let mut replacement = store
        .begin_answers_replace(study, id, "big2.csv", &sha256_hex(b"big2"))
        .await
        .unwrap();
    for batch in rows[..600].chunks(250) {
        replacement.add(batch).await.unwrap();
    }
    let (_, created, written, event) = imported(replacement.finish().await.unwrap());
    assert_eq!((created, written), (0, 1800));
    assert_eq!(event.removed, counts3(600, 3600, 0));
    assert_eq!(counts(&store, study).await, (600, 1800, 3));
    store.close().await;
}

async fn unlisted_municipalities_keep_their_data(url: &str) {
    let store = Store::open(url).await.unwrap();
    let study = study_with_municipalities(&store, "s").await;
    let rows = vec![
        import_row("R1", "GM0363", "bestuur", &[("q01", Some(4))]),
        import_row(
            "R2",
            "GM0344",
            "wijkteam",
            &[("q01", Some(1)), ("q02", None)],
        ),
        import_row("R3", "GM0344", "wijkteam", &[("q01", Some(2))]),
    ];
    let sha = sha256_hex(b"rows");
    store
        .import_answers(study, "a.csv", &sha, &rows)
        .await
        .unwrap();
    // The study file drops Utrecht (GM0344); the CLI upserts the list it has now.
    let listed = [
        municipality("GM0363", "Amsterdam", 931_298, Some("G4")),
        municipality("GM0014", "Groningen", 238_147, None),
    ];
    store.upsert_municipalities(study, &listed).await.unwrap();
    assert_eq!(store.list_municipalities(study).await.unwrap().len(), 3);
    let codes: Vec<String> = listed.iter().map(|m| m.code.clone()).collect();
    let unlisted = store.unlisted_municipalities(study, &codes).await.unwrap();
    assert_eq!(
        unlisted,
        [kantel_store::UnlistedMunicipality {
            code: "GM0344".into(),
            name: "Utrecht".into(),
            respondents: 2,
            answers: 3,
        }]
    );
    let all: Vec<String> = three_municipalities().into_iter().map(|m| m.code).collect();
    assert!(
        store
            .unlisted_municipalities(study, &all)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.list_answers(study).await.unwrap().len(), 4);
    // Imports, replacements and runs keep working.
    assert!(matches!(
        store
            .import_answers(study, "a.csv", &sha, &rows)
            .await
            .unwrap(),
        ImportOutcome::Unchanged { .. }
    ));
    let import = store.list_imports(study).await.unwrap()[0].id;
    store
        .replace_import(
            study,
            import,
            "b.csv",
            &sha256_hex(b"b"),
            ImportRows::Answers(&rows[..1]),
        )
        .await
        .unwrap();
    assert!(store.unlisted_municipalities(study, &codes).await.unwrap()[0].respondents == 0);
    store
        .save_run(study, "study-analysis", &json!({}), &json!({}))
        .await
        .unwrap();
    assert!(matches!(
        store
            .unlisted_municipalities(StudyId(study.0 + 100), &codes)
            .await,
        Err(StoreError::UnknownStudy(_))
    ));
    store.close().await;
}

/// Several stores (as several processes would) open one database that does not exist yet
/// and import at the same time: all of them succeed.
async fn separate_stores_write_concurrently(url: &str) {
    if url.contains(":memory:") {
        return; // every in-memory store is its own database
    }
    let mut tasks = Vec::new();
    for k in 0..6_i64 {
        let url = url.to_owned();
        tasks.push(tokio::spawn(async move {
            let store = Store::open(&url).await?;
            let study = match store.create_study("s", "").await {
                Ok(id) => id,
                Err(StoreError::DuplicateStudyName(_)) => {
                    store.find_study_by_name("s").await?.expect("created").id
                }
                Err(e) => return Err(e),
            };
            store
                .upsert_municipalities(study, &three_municipalities())
                .await?;
            // Three stores import the same file, three a file of their own.
            let rows: Vec<AnswerImportRow> = (0..300)
                .map(|i| {
                    let id = if k < 3 {
                        format!("S{i}")
                    } else {
                        format!("K{k}-{i}")
                    };
                    import_row(&id, "GM0363", "bestuur", &[("q01", Some(1 + i % 5))])
                })
                .collect();
            let sha = sha256_hex(format!("file {}", k.max(2)).as_bytes());
            let outcome = store.import_answers(study, "f.csv", &sha, &rows).await?;
            store.close().await;
            Ok::<_, StoreError>(matches!(outcome, ImportOutcome::Imported { .. }))
        }));
    }
    let mut imported = 0;
    for task in tasks {
        if task.await.unwrap().unwrap() {
            imported += 1;
        }
    }
    assert_eq!(imported, 4);
    let store = Store::open(url).await.unwrap();
    let study = store.find_study_by_name("s").await.unwrap().unwrap().id;
    assert_eq!(counts(&store, study).await, (1200, 1200, 4));
    assert_eq!(store.data_version(study).await.unwrap().version, 4);
    store.close().await;
}

/// A database made by migration 0001 with data in it is upgraded in place: imports get a
/// status, counts and events, respondents their creating import, and the old unique key on
/// the file hash is gone.
async fn upgrade_from_0001_keeps_data(url: &str) {
    use sqlx::SqlSafeStr;
    use sqlx::migrate::{Migration, MigrationType, Migrator};
    if url.contains(":memory:") {
        return; // cannot be filled before the store opens it
    }
    let backend = Backend::from_url(url).unwrap();
    let init = match backend {
        Backend::Sqlite => include_str!("../migrations/sqlite/0001_init.sql"),
        Backend::Postgres => include_str!("../migrations/postgres/0001_init.sql"),
    };
    sqlx::any::install_default_drivers();
    let pool = sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await
        .unwrap();
    Migrator::with_migrations(vec![Migration::new(
        1,
        "init".into(),
        MigrationType::Simple,
        init.into_sql_str(),
        false,
    )])
    .run(&pool)
    .await
    .unwrap();
    let (t0, t1, t2) = (
        "2026-01-01T00:00:00.000000Z",
        "2026-02-01T00:00:00.000000Z",
        "2026-03-01T00:00:00.000000Z",
    );
    let one = |sql: &'static str| sqlx::query_scalar::<_, i64>(sql);
    let study = one(
        "INSERT INTO studies (name, definition_toml, created_at, updated_at) \
                     VALUES ('s', '', $1, $1) RETURNING id",
    )
    .bind(t0)
    .fetch_one(&pool)
    .await
    .unwrap();
    for code in ["GM0363", "GM0344"] {
        sqlx::query(
            "INSERT INTO municipalities (study_id, code, name, inhabitants) VALUES ($1, $2, $2, 1)",
        )
        .bind(study)
        .bind(code)
        .execute(&pool)
        .await
        .unwrap();
    }
    let import_a = one(
        "INSERT INTO imports (study_id, kind, file_name, content_sha256, row_count, \
                        created_at) VALUES ($1, 'answers', 'a.csv', $2, 2, $3) RETURNING id",
    )
    .bind(study)
    .bind(sha256_hex(b"a"))
    .bind(t1)
    .fetch_one(&pool)
    .await
    .unwrap();
    let import_b = one(
        "INSERT INTO imports (study_id, kind, file_name, content_sha256, row_count, \
                        created_at) VALUES ($1, 'register_values', 'b.csv', $2, 1, $3) \
                        RETURNING id",
    )
    .bind(study)
    .bind(sha256_hex(b"b"))
    .bind(t2)
    .fetch_one(&pool)
    .await
    .unwrap();
    // R1 was created by import A (its time, no token); R2 existed before with a token.
    let r1 = one(
        "INSERT INTO respondents (study_id, external_id, municipality_code, \
                  respondent_group, created_at) VALUES ($1, 'R1', 'GM0363', 'bestuur', $2) \
                  RETURNING id",
    )
    .bind(study)
    .bind(t1)
    .fetch_one(&pool)
    .await
    .unwrap();
    let r2 = one(
        "INSERT INTO respondents (study_id, external_id, municipality_code, \
                  respondent_group, token_sha256, created_at) \
                  VALUES ($1, 'R2', 'GM0344', 'bestuur', 'digest', $2) RETURNING id",
    )
    .bind(study)
    .bind(t0)
    .fetch_one(&pool)
    .await
    .unwrap();
    for (k, r) in [r1, r2].into_iter().enumerate() {
        sqlx::query(
            "INSERT INTO import_respondents (import_id, respondent_id, row_number) \
             VALUES ($1, $2, $3)",
        )
        .bind(import_a)
        .bind(r)
        .bind(k as i64 + 1)
        .execute(&pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO answers (respondent_id, item_id, value, updated_at, import_id) \
             VALUES ($1, 'q01', 3, $2, $3)",
        )
        .bind(r)
        .bind(t1)
        .bind(import_a)
        .execute(&pool)
        .await
        .unwrap();
    }
    sqlx::query(
        "INSERT INTO register_values (study_id, municipality_code, indicator, year, value, \
         source, import_id) VALUES ($1, 'GM0363', 'banen', 2020, 1.5, 'CBS', $2)",
    )
    .bind(study)
    .bind(import_b)
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO analysis_runs (study_id, kind, settings_json, result_json, created_at) \
         VALUES ($1, 'study-analysis', '{}', '{}', $2)",
    )
    .bind(study)
    .bind(t2)
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;

    let store = Store::open(url).await.unwrap();
    let study = StudyId(study);
    let imports = store.list_imports(study).await.unwrap();
    assert_eq!(imports.len(), 2);
    assert!(imports.iter().all(|i| i.status == ImportStatus::Active));
    assert_eq!(imports[0].added, counts3(1, 2, 0));
    assert_eq!(imports[1].added, counts3(0, 0, 1));
    assert_eq!((imports[0].rows, imports[0].created_at.as_str()), (2, t1));
    let events = store.list_import_events(study).await.unwrap();
    let summary: Vec<(i64, i64)> = events
        .iter()
        .map(|e| (e.data_version, e.import.0))
        .collect();
    assert_eq!(summary, [(1, import_a), (2, import_b)]);
    assert_eq!(store.data_version(study).await.unwrap().version, 2);
    let runs = store.list_runs(study).await.unwrap();
    assert_eq!(runs[0].data_version, None);
    assert_eq!(store.list_answers(study).await.unwrap().len(), 2);
    assert_eq!(store.list_register_values(study).await.unwrap().len(), 1);

    // Registered values keep their time, so an equal file is unchanged.
    let b = vec![rating("GM0363", "banen", 2020, Some(1.5))];
    assert!(matches!(
        store
            .import_register_values(study, "b2.csv", &sha256_hex(b"b2"), &b)
            .await
            .unwrap(),
        ImportOutcome::Unchanged { .. }
    ));
    // Removing A deletes R1 (created by A) but keeps R2 (token).
    let event = store
        .remove_import(study, kantel_store::ImportId(import_a))
        .await
        .unwrap();
    assert_eq!(event.removed, counts3(1, 2, 0));
    assert_eq!(event.data_version, 3);
    let ids: Vec<String> = store
        .list_respondents(study)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.external_id)
        .collect();
    assert_eq!(ids, ["R2"]);
    // The same file hash with new content imports (no unique key on the hash any more).
    let rows = vec![import_row("R2", "GM0344", "bestuur", &[("q01", Some(5))])];
    imported(
        store
            .import_answers(study, "a.csv", &sha256_hex(b"a"), &rows)
            .await
            .unwrap(),
    );
    // Respondents can still be added with tokens.
    store
        .add_respondents(
            study,
            &[NewRespondent {
                external_id: "R9".into(),
                municipality_code: "GM0363".into(),
                group: "bestuur".into(),
            }],
        )
        .await
        .unwrap();
    store.close().await;
}
