//! Store tests. Every scenario is one async function of a database URL; the macro at the end
//! runs it on a temporary SQLite file, on `sqlite::memory:`, and on a fresh PostgreSQL
//! database when `KANTEL_TEST_PG_URL` is set (see scripts/with-postgres.sh).

#[macro_use]
mod support;

use std::path::PathBuf;

use kantel_store::{
    AnswerImportRow, Backend, ImportKind, ImportOutcome, NewRespondent, RegisterValueRecord,
    RowProblem, Store, StoreError, StudyId, sha256_hex,
};
use serde_json::json;
use sqlx::Row;
use support::*;

on_every_backend!(
    studies_round_trip,
    municipalities_upsert_and_validate,
    respondents_and_tokens,
    answers_save_and_list,
    answer_import_is_idempotent,
    answer_import_with_bad_row_rolls_back,
    register_values_import,
    runs_round_trip_json,
    migrations_are_idempotent,
    concurrent_writers_do_not_collide,
);

// ------------------------------------------------------------------ scenarios

async fn studies_round_trip(url: &str) {
    let store = Store::open(url).await.unwrap();
    let expected_backend = if url.starts_with("sqlite") {
        Backend::Sqlite
    } else {
        Backend::Postgres
    };
    assert_eq!(store.backend(), expected_backend);
    assert!(store.list_studies().await.unwrap().is_empty());

    let a = store
        .create_study("Sociaal domein 2026", "a = 1\n")
        .await
        .unwrap();
    let b = store.create_study("Jeugd 2026", "b = 2\n").await.unwrap();
    assert_ne!(a, b);

    let got = store.get_study(a).await.unwrap();
    assert_eq!(got.id, a);
    assert_eq!(got.name, "Sociaal domein 2026");
    assert_eq!(got.definition_toml, "a = 1\n");
    assert_eq!(got.created_at, got.updated_at);
    assert_eq!(got.created_at.len(), "2026-01-01T00:00:00.000000Z".len());

    let found = store
        .find_study_by_name("Jeugd 2026")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, b);
    assert!(
        store
            .find_study_by_name("jeugd 2026")
            .await
            .unwrap()
            .is_none()
    );

    let names: Vec<String> = store
        .list_studies()
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, ["Sociaal domein 2026", "Jeugd 2026"]);

    store.update_study_definition(a, "a = 3\n").await.unwrap();
    let updated = store.get_study(a).await.unwrap();
    assert_eq!(updated.definition_toml, "a = 3\n");
    assert_eq!(updated.created_at, got.created_at);
    assert!(
        updated.updated_at > got.updated_at,
        "{} vs {}",
        updated.updated_at,
        got.updated_at
    );

    assert!(matches!(
        store.create_study("Jeugd 2026", "").await,
        Err(StoreError::DuplicateStudyName(n)) if n == "Jeugd 2026"
    ));
    assert!(matches!(
        store.create_study("  ", "").await,
        Err(StoreError::Row {
            problem: RowProblem::Empty { field: "name" },
            ..
        })
    ));
    let missing = StudyId(a.0 + b.0 + 1000);
    assert!(
        matches!(store.get_study(missing).await, Err(StoreError::UnknownStudy(s)) if s == missing)
    );
    assert!(matches!(
        store.update_study_definition(missing, "").await,
        Err(StoreError::UnknownStudy(_))
    ));
    store.close().await;
}

async fn municipalities_upsert_and_validate(url: &str) {
    let store = Store::open(url).await.unwrap();
    let study = store.create_study("s", "").await.unwrap();
    let other = store.create_study("other", "").await.unwrap();
    assert_eq!(
        store
            .upsert_municipalities(study, &three_municipalities())
            .await
            .unwrap(),
        3
    );
    store
        .upsert_municipalities(other, &[municipality("GM0599", "Rotterdam", 655_468, None)])
        .await
        .unwrap();

    let listed = store.list_municipalities(study).await.unwrap();
    let codes: Vec<&str> = listed.iter().map(|m| m.code.as_str()).collect();
    assert_eq!(codes, ["GM0014", "GM0344", "GM0363"]);
    assert_eq!(listed[2], three_municipalities()[0]);
    assert_eq!(listed[0].group, None);

    // Upsert by code: Groningen gains a group and inhabitants, a fourth one is added.
    store
        .upsert_municipalities(
            study,
            &[
                municipality("GM0014", "Groningen", 240_000, Some("G40")),
                municipality("GM0599", "Rotterdam", 655_468, Some("G4")),
            ],
        )
        .await
        .unwrap();
    let listed = store.list_municipalities(study).await.unwrap();
    assert_eq!(listed.len(), 4);
    assert_eq!(
        listed[0],
        municipality("GM0014", "Groningen", 240_000, Some("G40"))
    );
    assert_eq!(store.list_municipalities(other).await.unwrap().len(), 1);

    // Bad input is refused as a whole, naming the row.
    let before = store.list_municipalities(study).await.unwrap();
    let dup = store
        .upsert_municipalities(
            study,
            &[
                municipality("GM0100", "A", 1, None),
                municipality("GM0101", "B", 1, None),
                municipality("GM0100", "C", 1, None),
            ],
        )
        .await;
    assert!(matches!(
        dup,
        Err(StoreError::Row {
            row: 3,
            problem: RowProblem::Duplicate { first_row: 1, .. },
            ..
        })
    ));
    let negative = store
        .upsert_municipalities(study, &[municipality("GM0100", "A", -5, None)])
        .await;
    assert!(matches!(
        negative,
        Err(StoreError::Row {
            row: 1,
            problem: RowProblem::NegativeInhabitants(-5),
            ..
        })
    ));
    assert_eq!(store.list_municipalities(study).await.unwrap(), before);
    assert!(matches!(
        store.list_municipalities(StudyId(9999)).await,
        Err(StoreError::UnknownStudy(StudyId(9999)))
    ));
    store.close().await;
}

async fn respondents_and_tokens(url: &str) {
    let store = Store::open(url).await.unwrap();
    let study = study_with_municipalities(&store, "s").await;
    let other = study_with_municipalities(&store, "other").await;
    let new = |id: &str, code: &str, group: &str| NewRespondent {
        external_id: id.to_owned(),
        municipality_code: code.to_owned(),
        group: group.to_owned(),
    };
    let added = store
        .add_respondents(
            study,
            &[
                new("R1", "GM0363", "bestuur"),
                new("R2", "GM0344", "wijkteam"),
            ],
        )
        .await
        .unwrap();
    assert_eq!(added.len(), 2);
    let (r1, token1) = &added[0];
    let (r2, token2) = &added[1];
    assert_eq!(r1.external_id, "R1");
    assert_eq!(r2.group, "wijkteam");
    assert!(r1.has_token);
    for token in [token1, token2] {
        assert_eq!(token.len(), 64);
        assert!(token.bytes().all(|b| b.is_ascii_hexdigit()));
    }
    assert_ne!(token1, token2);

    // Only the digest is stored.
    let stored: Vec<String> =
        sqlx::query_scalar("SELECT token_sha256 FROM respondents WHERE study_id = $1 ORDER BY id")
            .bind(study.0)
            .fetch_all(store.pool())
            .await
            .unwrap();
    assert_eq!(
        stored,
        [sha256_hex(token1.as_bytes()), sha256_hex(token2.as_bytes())]
    );
    assert!(!stored.contains(token1));

    assert_eq!(&store.respondent_by_token(study, token1).await.unwrap(), r1);
    assert_eq!(&store.respondent_by_token(study, token2).await.unwrap(), r2);
    assert_eq!(
        store
            .respondent_by_token(study, &token1.to_uppercase())
            .await
            .unwrap()
            .id,
        r1.id
    );

    // Forged tokens: one digit changed, the digest presented as token, wrong length,
    // non-hex, empty, and a real token used for another study.
    let mut forged = token1.clone().into_bytes();
    forged[10] = if forged[10] == b'0' { b'1' } else { b'0' };
    let forged = String::from_utf8(forged).unwrap();
    for bad in [
        forged.as_str(),
        stored[0].as_str(),
        &token1[..63],
        &format!("{token1}0"),
        &token1.replace(|c: char| c.is_ascii_digit(), "g"),
        "",
    ] {
        assert!(
            matches!(
                store.respondent_by_token(study, bad).await,
                Err(StoreError::UnknownToken)
            ),
            "token {bad:?} was accepted"
        );
    }
    assert!(matches!(
        store.respondent_by_token(other, token1).await,
        Err(StoreError::UnknownToken)
    ));

    // A new token replaces the old one.
    let token1b = store.issue_token(r1.id).await.unwrap();
    assert_ne!(&token1b, token1);
    assert!(matches!(
        store.respondent_by_token(study, token1).await,
        Err(StoreError::UnknownToken)
    ));
    assert_eq!(
        store.respondent_by_token(study, &token1b).await.unwrap().id,
        r1.id
    );
    assert!(matches!(
        store
            .issue_token(kantel_store::RespondentId(r2.id.0 + 1000))
            .await,
        Err(StoreError::UnknownRespondent(_))
    ));

    // Bad batches write nothing: unknown municipality in row 2, existing id in row 1,
    // duplicate within the batch, empty group.
    let unknown_municipality = store
        .add_respondents(
            study,
            &[
                new("R3", "GM0363", "bestuur"),
                new("R4", "GM9999", "bestuur"),
            ],
        )
        .await;
    assert!(matches!(
        unknown_municipality,
        Err(StoreError::Row { row: 2, problem: RowProblem::UnknownMunicipality { ref code }, .. })
            if code == "GM9999"
    ));
    let exists = store
        .add_respondents(study, &[new("R1", "GM0363", "bestuur")])
        .await;
    assert!(matches!(
        exists,
        Err(StoreError::Row {
            row: 1,
            problem: RowProblem::RespondentExists { .. },
            ..
        })
    ));
    let duplicate = store
        .add_respondents(
            study,
            &[
                new("R5", "GM0363", "bestuur"),
                new("R5", "GM0344", "bestuur"),
            ],
        )
        .await;
    assert!(matches!(
        duplicate,
        Err(StoreError::Row {
            row: 2,
            problem: RowProblem::Duplicate { first_row: 1, .. },
            ..
        })
    ));
    let empty = store
        .add_respondents(study, &[new("R6", "GM0363", " ")])
        .await;
    assert!(matches!(
        empty,
        Err(StoreError::Row {
            problem: RowProblem::Empty { field: "group" },
            ..
        })
    ));

    let listed = store.list_respondents(study).await.unwrap();
    let ids: Vec<&str> = listed.iter().map(|r| r.external_id.as_str()).collect();
    assert_eq!(ids, ["R1", "R2"]);
    assert!(store.list_respondents(other).await.unwrap().is_empty());
    // The same external id may exist in another study.
    store
        .add_respondents(other, &[new("R1", "GM0014", "management")])
        .await
        .unwrap();
    store.close().await;
}

async fn answers_save_and_list(url: &str) {
    let store = Store::open(url).await.unwrap();
    let study = study_with_municipalities(&store, "s").await;
    let added = store
        .add_respondents(
            study,
            &[
                NewRespondent {
                    external_id: "R2".into(),
                    municipality_code: "GM0344".into(),
                    group: "management".into(),
                },
                NewRespondent {
                    external_id: "R1".into(),
                    municipality_code: "GM0363".into(),
                    group: "bestuur".into(),
                },
            ],
        )
        .await
        .unwrap();
    let (r2, r1) = (added[0].0.id, added[1].0.id);

    store.save_answer(r1, "q01", Some(4)).await.unwrap();
    store.save_answer(r1, "q02", None).await.unwrap();
    store.save_answer(r2, "q01", Some(1)).await.unwrap();
    let first = store.list_answers(study).await.unwrap();
    store.save_answer(r1, "q01", Some(5)).await.unwrap();
    store
        .save_answers(r2, &[("q02".into(), Some(3)), ("q03".into(), None)])
        .await
        .unwrap();

    let answers = store.list_answers(study).await.unwrap();
    assert_eq!(
        triples(&answers),
        [
            t("R1", "q01", Some(5)),
            t("R1", "q02", None),
            t("R2", "q01", Some(1)),
            t("R2", "q02", Some(3)),
            t("R2", "q03", None),
        ]
    );
    assert_eq!(answers[0].respondent, r1);
    assert_eq!(answers[0].municipality_code, "GM0363");
    assert_eq!(answers[2].group, "management");
    // Overwriting moves updated_at forward; untouched answers keep theirs.
    assert!(answers[0].updated_at > first[0].updated_at);
    assert_eq!(answers[1].updated_at, first[1].updated_at);

    for bad in [6, -1, 100] {
        assert!(matches!(
            store.save_answer(r1, "q01", Some(bad)).await,
            Err(StoreError::AnswerOutOfRange { value, .. }) if value == bad
        ));
    }
    // A bad value in a batch leaves the whole batch unwritten.
    assert!(
        store
            .save_answers(r1, &[("q09".into(), Some(2)), ("q10".into(), Some(9))])
            .await
            .is_err()
    );
    let ghost = kantel_store::RespondentId(r1.0 + r2.0 + 1000);
    assert!(matches!(
        store.save_answer(ghost, "q01", Some(3)).await,
        Err(StoreError::UnknownRespondent(g)) if g == ghost
    ));
    assert_eq!(store.list_answers(study).await.unwrap(), answers);
    // 0 is "nee" of a yes/no item (migration 0003); which items take 0-1 and which 1-5 is
    // the codebook's business, checked by the importer.
    store.save_answer(r2, "ja_nee", Some(0)).await.unwrap();
    assert_eq!(
        triples(&store.list_answers(study).await.unwrap())[2],
        t("R2", "ja_nee", Some(0))
    );
    store.close().await;
}

async fn answer_import_is_idempotent(url: &str) {
    let store = Store::open(url).await.unwrap();
    let study = study_with_municipalities(&store, "s").await;
    let (existing, _) = store
        .add_respondents(
            study,
            &[NewRespondent {
                external_id: "R1".into(),
                municipality_code: "GM0363".into(),
                group: "bestuur".into(),
            }],
        )
        .await
        .unwrap()
        .remove(0);
    store
        .save_answer(existing.id, "q01", Some(2))
        .await
        .unwrap();

    let file = b"respondent;gemeente;groep;q01;q02\nR1;GM0363;bestuur;4;\n...";
    let sha = sha256_hex(file);
    let rows = vec![
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
        import_row("R3", "GM0014", "management", &[("q01", None)]),
    ];
    let outcome = store
        .import_answers(study, "antwoorden.csv", &sha, &rows)
        .await
        .unwrap();
    let ImportOutcome::Imported {
        import,
        respondents_created,
        values_written,
        ..
    } = outcome
    else {
        panic!("first import must write: {outcome:?}");
    };
    assert_eq!(respondents_created, 2);
    assert_eq!(values_written, 5);
    assert_eq!(import.kind, ImportKind::Answers);
    assert_eq!(import.rows, 3);
    assert_eq!(import.content_sha256, sha);

    let after_first = store.list_answers(study).await.unwrap();
    assert_eq!(
        triples(&after_first),
        [
            t("R1", "q01", Some(4)),
            t("R1", "q02", None),
            t("R2", "q01", Some(1)),
            t("R2", "q02", Some(5)),
            t("R3", "q01", None),
        ]
    );
    let respondents = store.list_respondents(study).await.unwrap();
    assert_eq!(respondents.len(), 3);
    assert_eq!(
        respondents[0].id, existing.id,
        "R1 must be reused, not duplicated"
    );
    assert!(respondents[0].has_token && !respondents[1].has_token);

    // Same content again, even under another name or with other rows: nothing changes.
    let snapshot = (
        store.list_respondents(study).await.unwrap(),
        store.list_answers(study).await.unwrap(),
        store.list_imports(study).await.unwrap(),
    );
    for name in ["antwoorden.csv", "kopie van antwoorden.csv"] {
        let again = store
            .import_answers(study, name, &sha.to_uppercase(), &rows[..1])
            .await
            .unwrap();
        assert_eq!(
            again,
            ImportOutcome::Unchanged {
                rows: 1,
                previous: Some(import.clone())
            }
        );
        let now = (
            store.list_respondents(study).await.unwrap(),
            store.list_answers(study).await.unwrap(),
            store.list_imports(study).await.unwrap(),
        );
        assert_eq!(now, snapshot);
    }

    // A different file updates what it names and leaves the rest.
    let second = vec![import_row("R2", "GM0344", "wijkteam", &[("q02", Some(2))])];
    let outcome = store
        .import_answers(study, "correctie.csv", &sha256_hex(b"correctie"), &second)
        .await
        .unwrap();
    assert!(matches!(
        outcome,
        ImportOutcome::Imported {
            respondents_created: 0,
            values_written: 1,
            ..
        }
    ));
    assert_eq!(
        triples(&store.list_answers(study).await.unwrap())[3],
        t("R2", "q02", Some(2))
    );
    assert_eq!(store.list_imports(study).await.unwrap().len(), 2);

    // The same file imported into another study is a separate import.
    let other = study_with_municipalities(&store, "other").await;
    assert!(matches!(
        store
            .import_answers(other, "antwoorden.csv", &sha, &rows)
            .await
            .unwrap(),
        ImportOutcome::Imported {
            respondents_created: 3,
            ..
        }
    ));
    assert!(matches!(
        store.import_answers(study, "x", "not-a-hash", &rows).await,
        Err(StoreError::InvalidSha256(_))
    ));
    store.close().await;
}

async fn answer_import_with_bad_row_rolls_back(url: &str) {
    let store = Store::open(url).await.unwrap();
    let study = study_with_municipalities(&store, "s").await;
    let seed = vec![import_row("R0", "GM0363", "bestuur", &[("q01", Some(3))])];
    store
        .import_answers(study, "seed.csv", &sha256_hex(b"seed"), &seed)
        .await
        .unwrap();
    let before = counts(&store, study).await;
    assert_eq!(before, (1, 1, 1));
    let answers_before = store.list_answers(study).await.unwrap();

    let good = |id: &str| import_row(id, "GM0344", "wijkteam", &[("q01", Some(2)), ("q02", None)]);
    let sha = sha256_hex(b"bad file");

    // Row 3 names a municipality outside the study: the database's foreign key refuses it
    // after rows 1-2 were written inside the transaction.
    let bad_fk = vec![
        good("R1"),
        import_row("R0", "GM0363", "bestuur", &[("q01", Some(5))]),
        import_row("R9", "GM9999", "bestuur", &[("q01", Some(1))]),
    ];
    let (row, problem) =
        expect_row_error(store.import_answers(study, "bad.csv", &sha, &bad_fk).await);
    assert_eq!(row, 3);
    assert!(matches!(problem, RowProblem::UnknownMunicipality { ref code } if code == "GM9999"));
    assert_eq!(counts(&store, study).await, before);
    assert_eq!(store.list_answers(study).await.unwrap(), answers_before);

    // A respondent twice in one file: the (import, respondent) primary key refuses row 3.
    let twice = vec![good("R1"), good("R2"), good("R1")];
    let (row, problem) =
        expect_row_error(store.import_answers(study, "bad.csv", &sha, &twice).await);
    assert_eq!(row, 3);
    assert!(
        matches!(problem, RowProblem::Duplicate { first_row: 1, .. }),
        "{problem:?}"
    );
    assert_eq!(counts(&store, study).await, before);

    // A stored respondent listed with another municipality.
    let moved = vec![
        good("R1"),
        import_row("R0", "GM0014", "bestuur", &[("q01", Some(1))]),
    ];
    let (row, problem) =
        expect_row_error(store.import_answers(study, "bad.csv", &sha, &moved).await);
    assert_eq!(row, 2);
    assert!(matches!(problem, RowProblem::RespondentMismatch(_)));
    assert_eq!(counts(&store, study).await, before);

    // Checked before any write: a value outside 1-5, an item twice in a row, empty fields.
    let out_of_range = vec![
        good("R1"),
        import_row("R2", "GM0344", "wijkteam", &[("q01", Some(7))]),
    ];
    let (row, problem) = expect_row_error(
        store
            .import_answers(study, "bad.csv", &sha, &out_of_range)
            .await,
    );
    assert_eq!(row, 2);
    assert!(matches!(
        problem,
        RowProblem::AnswerOutOfRange { value: 7, .. }
    ));
    let item_twice = vec![import_row(
        "R2",
        "GM0344",
        "wijkteam",
        &[("q01", Some(1)), ("q01", Some(2))],
    )];
    let (row, _) = expect_row_error(
        store
            .import_answers(study, "bad.csv", &sha, &item_twice)
            .await,
    );
    assert_eq!(row, 1);
    let no_id = vec![good("R1"), import_row("", "GM0344", "wijkteam", &[])];
    let (row, problem) =
        expect_row_error(store.import_answers(study, "bad.csv", &sha, &no_id).await);
    assert_eq!(row, 2);
    assert!(matches!(
        problem,
        RowProblem::Empty {
            field: "external id"
        }
    ));
    assert_eq!(counts(&store, study).await, before);

    // The failed attempts left no import record behind: the same hash imports fine now.
    let fixed = vec![good("R1"), good("R2")];
    assert!(matches!(
        store
            .import_answers(study, "bad.csv", &sha, &fixed)
            .await
            .unwrap(),
        ImportOutcome::Imported {
            respondents_created: 2,
            values_written: 4,
            ..
        }
    ));
    assert_eq!(counts(&store, study).await, (3, 5, 2));
    store.close().await;
}

async fn register_values_import(url: &str) {
    let store = Store::open(url).await.unwrap();
    let study = store.create_study("s", "").await.unwrap();
    let value = |code: &str, indicator: &str, year: i64, v: Option<f64>| RegisterValueRecord {
        municipality_code: code.to_owned(),
        indicator: indicator.to_owned(),
        year,
        value: v,
        source: "CBS StatLine 2019".to_owned(),
    };
    // 3 indicators x 2 years x 80 municipalities = 480 rows: more than one insert batch.
    let mut rows = Vec::new();
    for m in 0..80_i64 {
        for (k, indicator) in ["bijstand per 1000", "schuld per inwoner", "banen"]
            .iter()
            .enumerate()
        {
            for year in [2016, 2017] {
                let v = match (m + k as i64 + year) % 7 {
                    0 => None,
                    r => Some((m * 1000 + year) as f64 / 7.0 + r as f64 * 0.1),
                };
                rows.push(value(&format!("GM{:04}", m + 1), indicator, year, v));
            }
        }
    }
    rows.push(value("GM0363", "extreme", 2017, Some(1.0e-300)));
    rows.push(value(
        "GM0363",
        "extreme",
        2018,
        Some(-123_456_789.123_456_78),
    ));
    let sha = sha256_hex(b"kwb_2019_gemeenten.csv");
    let outcome = store
        .import_register_values(study, "kwb_2019_gemeenten.csv", &sha, &rows)
        .await
        .unwrap();
    let ImportOutcome::Imported {
        import,
        values_written,
        ..
    } = outcome
    else {
        panic!("{outcome:?}");
    };
    assert_eq!(values_written, rows.len());
    assert_eq!(import.kind, ImportKind::RegisterValues);

    let mut expected = rows.clone();
    expected.sort_by(|a, b| {
        (&a.municipality_code, &a.indicator, a.year).cmp(&(
            &b.municipality_code,
            &b.indicator,
            b.year,
        ))
    });
    let listed = store.list_register_values(study).await.unwrap();
    // Exact float equality: the value must survive the database bit for bit.
    assert_eq!(listed, expected);
    assert!(listed.iter().any(|r| r.value.is_none()));

    let again = store
        .import_register_values(study, "renamed.csv", &sha, &rows[..3])
        .await
        .unwrap();
    assert_eq!(
        again,
        ImportOutcome::Unchanged {
            rows: 3,
            previous: Some(import)
        }
    );
    assert_eq!(store.list_register_values(study).await.unwrap(), expected);

    // A later file replaces overlapping values and adds new ones.
    let update = vec![
        RegisterValueRecord {
            source: "CBS 2020".into(),
            ..value("GM0001", "banen", 2017, Some(42.5))
        },
        value("GM0001", "banen", 2018, None),
    ];
    store
        .import_register_values(study, "update.csv", &sha256_hex(b"update"), &update)
        .await
        .unwrap();
    let listed = store.list_register_values(study).await.unwrap();
    assert_eq!(listed.len(), expected.len() + 1);
    let banen: Vec<_> = listed
        .iter()
        .filter(|r| r.municipality_code == "GM0001" && r.indicator == "banen")
        .collect();
    assert_eq!(banen.len(), 3);
    assert_eq!(banen[1].value, Some(42.5));
    assert_eq!(banen[1].source, "CBS 2020");
    assert_eq!(banen[2].value, None);

    // A duplicate key and a NaN are refused before anything is written.
    let before = store.list_register_values(study).await.unwrap();
    let imports_before = store.list_imports(study).await.unwrap();
    let dup = vec![
        value("GM0002", "nieuw", 2020, Some(1.0)),
        value("GM0003", "nieuw", 2020, Some(1.0)),
        value("GM0002", "nieuw", 2020, Some(2.0)),
    ];
    assert!(matches!(
        store
            .import_register_values(study, "dup.csv", &sha256_hex(b"dup"), &dup)
            .await,
        Err(StoreError::Row {
            row: 3,
            problem: RowProblem::Duplicate { first_row: 1, .. },
            ..
        })
    ));
    let nan = vec![value("GM0002", "nieuw", 2020, Some(f64::NAN))];
    assert!(matches!(
        store
            .import_register_values(study, "nan.csv", &sha256_hex(b"nan"), &nan)
            .await,
        Err(StoreError::Row {
            row: 1,
            problem: RowProblem::NotFinite(_),
            ..
        })
    ));
    assert_eq!(store.list_register_values(study).await.unwrap(), before);
    assert_eq!(store.list_imports(study).await.unwrap(), imports_before);
    assert!(matches!(
        store.list_register_values(StudyId(study.0 + 100)).await,
        Err(StoreError::UnknownStudy(_))
    ));
    store.close().await;
}

async fn runs_round_trip_json(url: &str) {
    let store = Store::open(url).await.unwrap();
    let study = store.create_study("s", "").await.unwrap();
    let settings = json!({
        "outcome": "BIJSTAND",
        "conditions": ["A", "B", "C"],
        "incl_cut": 0.8,
        "n_cut": 1,
        "include": "?",
        "dir_exp": null,
        "note": "gemeente 's-Hertogenbosch — “quotes” and ünïcode",
    });
    let result = json!({
        "solutions": [[{"term": "A*~B", "inclS": 0.912_345_678_901_234_5, "covS": 1e-12}]],
        "truth_table": {"rows": 8, "ok": true, "empty": {}},
        "big": 9_007_199_254_740_993_u64,
        "neg": -17,
    });
    let first = store
        .save_run(study, "qca.minimize", &settings, &result)
        .await
        .unwrap();
    let second = store
        .save_run(
            study,
            "stats.bootstrap",
            &json!({}),
            &json!([1, 2.5, "x", null]),
        )
        .await
        .unwrap();
    assert_ne!(first, second);

    let run = store.get_run(first).await.unwrap();
    assert_eq!(run.id, first);
    assert_eq!(run.study, study);
    assert_eq!(run.kind, "qca.minimize");
    assert_eq!(run.settings, settings);
    assert_eq!(run.result, result);
    assert_eq!(run.result["big"].as_u64(), Some(9_007_199_254_740_993));

    let listed = store.list_runs(study).await.unwrap();
    let kinds: Vec<&str> = listed.iter().map(|r| r.kind.as_str()).collect();
    assert_eq!(kinds, ["qca.minimize", "stats.bootstrap"]);
    assert_eq!(listed[0].settings, settings);
    assert_eq!(listed[0].created_at, run.created_at);
    assert_eq!(
        store.get_run(second).await.unwrap().result,
        json!([1, 2.5, "x", null])
    );

    let missing = kantel_store::RunId(second.0 + 1000);
    assert!(matches!(store.get_run(missing).await, Err(StoreError::UnknownRun(m)) if m == missing));
    assert!(matches!(
        store
            .save_run(StudyId(study.0 + 100), "x", &json!({}), &json!({}))
            .await,
        Err(StoreError::UnknownStudy(_))
    ));
    store.close().await;
}

async fn migrations_are_idempotent(url: &str) {
    let store = Store::open(url).await.unwrap();
    let study = store.create_study("kept", "x = 1").await.unwrap();
    let applied = |store: Store| async move {
        let versions: Vec<i64> =
            sqlx::query_scalar("SELECT version FROM _sqlx_migrations ORDER BY version")
                .fetch_all(store.pool())
                .await
                .unwrap();
        versions
    };
    let expected: Vec<i64> = (1..=kantel_store::MIGRATION_FILES.len() as i64).collect();
    assert_eq!(applied(store.clone()).await, expected);
    if url.contains(":memory:") {
        // Each in-memory store is its own database: a second open cannot see the first.
        store.close().await;
        return;
    }
    store.close().await;
    for _ in 0..2 {
        let reopened = Store::open(url).await.unwrap();
        assert_eq!(applied(reopened.clone()).await, expected);
        assert_eq!(
            reopened.get_study(study).await.unwrap().definition_toml,
            "x = 1"
        );
        assert_eq!(reopened.list_studies().await.unwrap().len(), 1);
        reopened.close().await;
    }
}

async fn concurrent_writers_do_not_collide(url: &str) {
    let store = Store::open(url).await.unwrap();
    let study = study_with_municipalities(&store, "s").await;
    let sha = sha256_hex(b"same file");
    let rows: Vec<AnswerImportRow> = (0..30)
        .map(|i| {
            import_row(
                &format!("R{i:02}"),
                "GM0363",
                "bestuur",
                &[("q01", Some(1 + i % 5))],
            )
        })
        .collect();
    // Four concurrent imports of one file and four of distinct files.
    let mut tasks = Vec::new();
    for k in 0..8 {
        let store = store.clone();
        let rows: Vec<AnswerImportRow> = if k < 4 {
            rows.clone()
        } else {
            vec![import_row(
                &format!("X{k}"),
                "GM0344",
                "wijkteam",
                &[("q01", Some(3))],
            )]
        };
        let sha = if k < 4 {
            sha.clone()
        } else {
            sha256_hex(format!("file {k}").as_bytes())
        };
        tasks.push(tokio::spawn(async move {
            store.import_answers(study, "f.csv", &sha, &rows).await
        }));
    }
    let mut imported = 0;
    let mut already = 0;
    for task in tasks {
        match task.await.unwrap().unwrap() {
            ImportOutcome::Imported { .. } => imported += 1,
            ImportOutcome::Unchanged { .. } => already += 1,
        }
    }
    assert_eq!((imported, already), (5, 3));
    assert_eq!(counts(&store, study).await, (34, 34, 5));
    store.close().await;
}

// ------------------------------------------------------------------ backend-specific tests

#[tokio::test]
async fn sqlite_file_uses_wal_and_foreign_keys() {
    let db = TestDb::sqlite_file();
    let store = Store::open(&db.url).await.unwrap();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(fk, 1);
    let timeout: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(timeout, 60_000);
    store.close().await;
}

#[tokio::test]
async fn unsupported_and_unreachable_urls_are_errors() {
    assert!(matches!(
        Store::open("mysql://root:pw@localhost/db").await,
        Err(StoreError::UnsupportedUrl { url }) if !url.contains("pw")
    ));
    let missing_dir = std::env::temp_dir().join(format!("kantel_no_such_dir_{}", unique_suffix()));
    let url = format!("sqlite://{}/x.db?mode=rwc", missing_dir.display());
    assert!(matches!(
        Store::open(&url).await,
        Err(StoreError::DatabaseFolderMissing { path }) if path == missing_dir.join("x.db")
    ));
}

#[test]
fn both_migration_folders_hold_the_same_files() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let names = |backend: &str| {
        let mut v: Vec<String> = std::fs::read_dir(dir.join(backend))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let sqlite = names("sqlite");
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, names("postgres"));
    assert_eq!(
        sqlite,
        kantel_store::MIGRATION_FILES,
        "MIGRATION_FILES must list every file"
    );
}

/// Both migrations must produce the same tables and columns.
#[tokio::test]
async fn sqlite_and_postgres_schemas_match() {
    let Some(pg) = TestDb::postgres().await else {
        eprintln!("skipped: KANTEL_TEST_PG_URL is not set");
        return;
    };
    let sqlite = Store::open("sqlite::memory:").await.unwrap();
    let sqlite_columns: Vec<(String, String)> = sqlx::query(
        "SELECT m.name AS t, p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
    )
    .fetch_all(sqlite.pool())
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get("t"), r.get("c")))
    .collect();
    let postgres = Store::open(&pg.url).await.unwrap();
    let pg_columns: Vec<(String, String)> = sqlx::query(
        "SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns \
         WHERE table_schema = 'public' AND table_name NOT LIKE '\\_sqlx%'",
    )
    .fetch_all(postgres.pool())
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get("t"), r.get("c")))
    .collect();
    postgres.close().await;
    let sorted = |mut v: Vec<(String, String)>| {
        v.sort();
        v
    };
    let sqlite_columns = sorted(sqlite_columns);
    assert!(sqlite_columns.len() > 30, "{sqlite_columns:?}");
    assert_eq!(sqlite_columns, sorted(pg_columns));
    pg.finish().await;
}

#[test]
fn with_database_replaces_only_the_path() {
    assert_eq!(
        with_database("postgres://postgres@127.0.0.1:5433/postgres", "x"),
        "postgres://postgres@127.0.0.1:5433/x"
    );
    assert_eq!(
        with_database("postgres://u@h:1/db?sslmode=disable", "y"),
        "postgres://u@h:1/y?sslmode=disable"
    );
    assert_eq!(with_database("postgres://u@h", "z"), "postgres://u@h/z");
}
