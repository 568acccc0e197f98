//! Data collection through personal links: the link lookup, web saves, submission, a
//! study's status, the respondent's language, and response progress. Every scenario is one
//! async function of a database URL, run by `on_every_backend!` on a temporary SQLite file,
//! on `sqlite::memory:`, and on a fresh PostgreSQL database when `KANTEL_TEST_PG_URL` is set
//! (see scripts/with-postgres.sh).

#[macro_use]
mod support;

use kantel_store::{
    NewRespondent, ProgressRow, RespondentId, RespondentRecord, RowProblem, Store, StoreError,
    StudyId, StudyStatus, WebSave, sha256_hex,
};
use support::*;

on_every_backend!(
    links_find_their_respondent_in_any_study,
    malformed_and_unknown_links_are_unknown_tokens,
    web_answers_are_written_and_replaced,
    web_answers_are_checked_before_anything_is_written,
    closed_studies_accept_nothing,
    submitted_questionnaires_accept_nothing,
    respondents_choose_their_language,
    progress_counts_per_municipality_and_group,
    web_and_imported_answers_are_one_data_set,
    saves_racing_a_submit_or_a_close_land_whole_or_not_at_all,
    saves_committed_together_are_answered_one_by_one,
);

/// A respondent as `for_each_respondent` gives it: (id, municipality, group, answers).
type Grouped = (String, String, String, Vec<(String, Option<i64>)>);

fn new(id: &str, code: &str, group: &str) -> NewRespondent {
    NewRespondent {
        external_id: id.to_owned(),
        municipality_code: code.to_owned(),
        group: group.to_owned(),
    }
}

fn answers(pairs: &[(&str, Option<i64>)]) -> Vec<(String, Option<i64>)> {
    pairs
        .iter()
        .map(|(item, value)| ((*item).to_owned(), *value))
        .collect()
}

/// A study with three municipalities and one invited respondent: (study, record, token).
async fn one_invited(store: &Store, name: &str) -> (StudyId, RespondentRecord, String) {
    let study = study_with_municipalities(store, name).await;
    let (record, token) = store
        .add_respondents(study, &[new("R1", "GM0363", "bestuur")])
        .await
        .unwrap()
        .remove(0);
    (study, record, token)
}

async fn respondent(store: &Store, token: &str) -> RespondentRecord {
    store.respondent_for_link(token).await.unwrap().respondent
}

fn row(code: &str, group: &str, counts: [i64; 5]) -> ProgressRow {
    let [respondents, invited, imported, started, submitted] = counts;
    ProgressRow {
        municipality_code: code.to_owned(),
        group: group.to_owned(),
        respondents,
        invited,
        imported,
        started,
        submitted,
    }
}

// ------------------------------------------------------------------ scenarios

async fn links_find_their_respondent_in_any_study(url: &str) {
    let store = Store::open(url).await.unwrap();
    let (study, r1, token1) = one_invited(&store, "s").await;
    let (other, o1, token2) = one_invited(&store, "other").await;

    let link = store.respondent_for_link(&token1).await.unwrap();
    assert_eq!(link.respondent, r1);
    assert_eq!(link.respondent.study, study);
    assert_eq!(link.respondent.language, None);
    assert_eq!(link.respondent.last_section, None);
    assert_eq!(link.respondent.submitted_at, None);
    assert_eq!(link.status, StudyStatus::Open);
    let s = store.get_study(study).await.unwrap();
    assert_eq!(s.status, StudyStatus::Open);
    assert_eq!(link.study_updated_at, s.updated_at);

    // The same external id in another study is another respondent, with its own link.
    let link2 = store.respondent_for_link(&token2).await.unwrap();
    assert_eq!(link2.respondent, o1);
    assert_eq!(link2.respondent.study, other);
    assert_ne!(link2.respondent.id, r1.id);

    // A link in upper case is the same link.
    assert_eq!(
        store
            .respondent_for_link(&token1.to_ascii_uppercase())
            .await
            .unwrap()
            .respondent,
        r1
    );

    // A changed definition shows in the link's study time (callers cache on it).
    store
        .update_study_definition(study, "x = 1\n")
        .await
        .unwrap();
    let changed = store.respondent_for_link(&token1).await.unwrap();
    assert_eq!(
        changed.study_updated_at,
        store.get_study(study).await.unwrap().updated_at
    );
    assert!(changed.study_updated_at > link.study_updated_at);
    store.close().await;
}

async fn malformed_and_unknown_links_are_unknown_tokens(url: &str) {
    let store = Store::open(url).await.unwrap();
    let (_, r1, token) = one_invited(&store, "s").await;
    let digest = sha256_hex(token.as_bytes());
    for bad in [
        String::new(),
        "abc".to_owned(),
        token[..63].to_owned(),
        format!("{token}0"),
        format!("{}z", &token[..63]),
        "0".repeat(64),
        // The stored digest is not a token: presenting it hashes it again.
        digest,
        "' OR 1=1 --".to_owned(),
    ] {
        let got = store.respondent_for_link(&bad).await;
        assert!(
            matches!(got, Err(StoreError::UnknownToken)),
            "{bad:?}: {got:?}"
        );
    }

    // A new token replaces the old one.
    let fresh = store.issue_token(r1.id).await.unwrap();
    assert!(matches!(
        store.respondent_for_link(&token).await,
        Err(StoreError::UnknownToken)
    ));
    assert_eq!(respondent(&store, &fresh).await.id, r1.id);
    store.close().await;
}

async fn web_answers_are_written_and_replaced(url: &str) {
    let store = Store::open(url).await.unwrap();
    let (_, r1, token) = one_invited(&store, "s").await;
    let id = r1.id;
    assert!(store.respondent_answers(id).await.unwrap().is_empty());

    let saved = store
        .save_web_answers(
            id,
            &answers(&[("b2", Some(4)), ("a1", None), ("B3", Some(0))]),
            Some(1),
        )
        .await
        .unwrap();
    assert_eq!(saved, WebSave { saved: 3 });
    // By item id, byte-wise ("B" before "a"), and "don't know" as None.
    assert_eq!(
        store.respondent_answers(id).await.unwrap(),
        answers(&[("B3", Some(0)), ("a1", None), ("b2", Some(4))])
    );
    assert_eq!(respondent(&store, &token).await.last_section, Some(1));

    // A later save replaces values and keeps the others; a save without a section keeps
    // the page to return to.
    store
        .save_web_answers(id, &answers(&[("a1", Some(5)), ("b2", None)]), None)
        .await
        .unwrap();
    assert_eq!(
        store.respondent_answers(id).await.unwrap(),
        answers(&[("B3", Some(0)), ("a1", Some(5)), ("b2", None)])
    );
    assert_eq!(respondent(&store, &token).await.last_section, Some(1));

    // A page can be saved with nothing on it, to record where the respondent is.
    assert_eq!(
        store.save_web_answers(id, &[], Some(3)).await.unwrap(),
        WebSave { saved: 0 }
    );
    assert_eq!(respondent(&store, &token).await.last_section, Some(3));
    // Going back a page moves the place back too.
    store
        .save_web_answers(id, &answers(&[("c1", Some(2))]), Some(2))
        .await
        .unwrap();
    assert_eq!(respondent(&store, &token).await.last_section, Some(2));
    assert_eq!(store.respondent_answers(id).await.unwrap().len(), 4);

    // Another respondent's answers are their own.
    let (r2, _) = store
        .add_respondents(r1.study, &[new("R2", "GM0014", "wijkteam")])
        .await
        .unwrap()
        .remove(0);
    store
        .save_web_answers(r2.id, &answers(&[("a1", Some(1))]), Some(1))
        .await
        .unwrap();
    assert_eq!(
        store.respondent_answers(r2.id).await.unwrap(),
        answers(&[("a1", Some(1))])
    );
    assert_eq!(store.respondent_answers(id).await.unwrap()[1].1, Some(5));
    store.close().await;
}

async fn web_answers_are_checked_before_anything_is_written(url: &str) {
    let store = Store::open(url).await.unwrap();
    let (_, r1, token) = one_invited(&store, "s").await;
    let id = r1.id;
    store
        .save_web_answers(id, &answers(&[("a1", Some(3))]), Some(1))
        .await
        .unwrap();

    for value in [6, -1, 100] {
        let got = store
            .save_web_answers(
                id,
                &answers(&[("a1", Some(1)), ("a2", Some(value))]),
                Some(2),
            )
            .await;
        assert!(
            matches!(&got, Err(StoreError::AnswerOutOfRange { item, value: v })
                if item == "a2" && *v == value),
            "{got:?}"
        );
    }
    let empty = store
        .save_web_answers(id, &answers(&[("a1", Some(1)), (" ", Some(2))]), Some(2))
        .await;
    assert!(
        matches!(
            empty,
            Err(StoreError::Row {
                row: 2,
                problem: RowProblem::Empty { field: "item" },
                ..
            })
        ),
        "{empty:?}"
    );
    // Nothing of the refused saves was written, not even the valid answer or the page.
    assert_eq!(
        store.respondent_answers(id).await.unwrap(),
        answers(&[("a1", Some(3))])
    );
    assert_eq!(respondent(&store, &token).await.last_section, Some(1));

    let missing = RespondentId(id.0 + 1000);
    assert!(matches!(
        store
            .save_web_answers(missing, &answers(&[("a1", Some(1))]), Some(1))
            .await,
        Err(StoreError::UnknownRespondent(r)) if r == missing
    ));
    assert!(matches!(
        store.submit_respondent(missing).await,
        Err(StoreError::UnknownRespondent(r)) if r == missing
    ));
    store.close().await;
}

async fn closed_studies_accept_nothing(url: &str) {
    let store = Store::open(url).await.unwrap();
    let (study, r1, token) = one_invited(&store, "s").await;
    let (_, other_r, other_token) = one_invited(&store, "other").await;
    let id = r1.id;
    store
        .save_web_answers(id, &answers(&[("a1", Some(3))]), Some(1))
        .await
        .unwrap();

    store
        .set_study_status(study, StudyStatus::Closed)
        .await
        .unwrap();
    assert_eq!(
        store.get_study(study).await.unwrap().status,
        StudyStatus::Closed
    );
    let link = store.respondent_for_link(&token).await.unwrap();
    assert_eq!(link.status, StudyStatus::Closed);

    assert!(matches!(
        store
            .save_web_answers(id, &answers(&[("a1", Some(4))]), Some(2))
            .await,
        Err(StoreError::StudyClosed)
    ));
    assert!(matches!(
        store.save_web_answers(id, &[], Some(2)).await,
        Err(StoreError::StudyClosed)
    ));
    assert!(matches!(
        store.submit_respondent(id).await,
        Err(StoreError::StudyClosed)
    ));
    assert_eq!(
        store.respondent_answers(id).await.unwrap(),
        answers(&[("a1", Some(3))])
    );
    let after = respondent(&store, &token).await;
    assert_eq!(after.last_section, Some(1));
    assert_eq!(after.submitted_at, None);

    // Other studies keep collecting.
    assert_eq!(
        store
            .respondent_for_link(&other_token)
            .await
            .unwrap()
            .status,
        StudyStatus::Open
    );
    store
        .save_web_answers(other_r.id, &answers(&[("a1", Some(1))]), Some(1))
        .await
        .unwrap();

    // Opened again, the link accepts answers again.
    store
        .set_study_status(study, StudyStatus::Open)
        .await
        .unwrap();
    store
        .save_web_answers(id, &answers(&[("a1", Some(4))]), Some(2))
        .await
        .unwrap();
    assert_eq!(
        store.respondent_answers(id).await.unwrap(),
        answers(&[("a1", Some(4))])
    );

    let missing = StudyId(study.0 + 1000);
    assert!(matches!(
        store.set_study_status(missing, StudyStatus::Closed).await,
        Err(StoreError::UnknownStudy(s)) if s == missing
    ));
    store.close().await;
}

async fn submitted_questionnaires_accept_nothing(url: &str) {
    let store = Store::open(url).await.unwrap();
    let (study, r1, token) = one_invited(&store, "s").await;
    let id = r1.id;
    store
        .save_web_answers(id, &answers(&[("a1", Some(3))]), Some(2))
        .await
        .unwrap();

    let before = kantel_store::now_rfc3339();
    let at = store.submit_respondent(id).await.unwrap();
    assert!(at >= before, "{at} vs {before}");
    let link = store.respondent_for_link(&token).await.unwrap();
    assert_eq!(link.respondent.submitted_at.as_deref(), Some(at.as_str()));
    assert_eq!(link.respondent.last_section, Some(2));

    assert!(matches!(
        store.submit_respondent(id).await,
        Err(StoreError::AlreadySubmitted)
    ));
    assert!(matches!(
        store
            .save_web_answers(id, &answers(&[("a1", Some(5))]), Some(3))
            .await,
        Err(StoreError::AlreadySubmitted)
    ));
    assert_eq!(
        store.respondent_answers(id).await.unwrap(),
        answers(&[("a1", Some(3))])
    );
    let after = respondent(&store, &token).await;
    assert_eq!(after.submitted_at.as_deref(), Some(at.as_str()));
    assert_eq!(after.last_section, Some(2));

    // Closed and submitted: the study's state is what the link reports.
    store
        .set_study_status(study, StudyStatus::Closed)
        .await
        .unwrap();
    assert!(matches!(
        store.save_web_answers(id, &[], None).await,
        Err(StoreError::StudyClosed)
    ));
    store.close().await;
}

async fn respondents_choose_their_language(url: &str) {
    let store = Store::open(url).await.unwrap();
    let (study, r1, token) = one_invited(&store, "s").await;
    store.set_respondent_language(r1.id, "en").await.unwrap();
    assert_eq!(
        respondent(&store, &token).await.language.as_deref(),
        Some("en")
    );
    store.set_respondent_language(r1.id, "nl").await.unwrap();
    assert_eq!(
        respondent(&store, &token).await.language.as_deref(),
        Some("nl")
    );
    // Anything else is the default language, Dutch.
    store.set_respondent_language(r1.id, "en").await.unwrap();
    store.set_respondent_language(r1.id, "fr").await.unwrap();
    assert_eq!(
        respondent(&store, &token).await.language.as_deref(),
        Some("nl")
    );
    // The listing shows it too.
    assert_eq!(
        store.list_respondents(study).await.unwrap()[0]
            .language
            .as_deref(),
        Some("nl")
    );

    let missing = RespondentId(r1.id.0 + 1000);
    assert!(matches!(
        store.set_respondent_language(missing, "en").await,
        Err(StoreError::UnknownRespondent(r)) if r == missing
    ));
    store.close().await;
}

async fn progress_counts_per_municipality_and_group(url: &str) {
    let store = Store::open(url).await.unwrap();
    let study = study_with_municipalities(&store, "s").await;
    let other = study_with_municipalities(&store, "other").await;
    assert!(
        store
            .response_progress(study, None)
            .await
            .unwrap()
            .is_empty()
    );

    let invited = store
        .add_respondents(
            study,
            &[
                new("A1", "GM0363", "bestuur"),
                new("A2", "GM0363", "bestuur"),
                new("A3", "GM0363", "wijkteam"),
                new("G1", "GM0014", "bestuur"),
            ],
        )
        .await
        .unwrap();
    let id = |i: usize| invited[i].0.id;
    // Imported respondents of Utrecht; one of them later gets a link.
    store
        .import_answers(
            study,
            "utrecht.csv",
            &sha256_hex(b"utrecht"),
            &[
                import_row("U1", "GM0344", "management", &[("a1", Some(2))]),
                import_row("U2", "GM0344", "management", &[("a1", None)]),
            ],
        )
        .await
        .unwrap();
    let u2 = store
        .list_respondents(study)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.external_id == "U2")
        .unwrap();
    store.issue_token(u2.id).await.unwrap();
    // Noise in the other study.
    let (o1, _) = store
        .add_respondents(other, &[new("A1", "GM0363", "bestuur")])
        .await
        .unwrap()
        .remove(0);
    store
        .save_web_answers(o1.id, &answers(&[("a1", Some(1))]), Some(1))
        .await
        .unwrap();
    store.submit_respondent(o1.id).await.unwrap();

    // A1 answers and submits, A2 starts, a page without answers does not count as started.
    store
        .save_web_answers(id(0), &answers(&[("a1", Some(4))]), Some(1))
        .await
        .unwrap();
    store.submit_respondent(id(0)).await.unwrap();
    store
        .save_web_answers(id(1), &answers(&[("a1", None)]), Some(1))
        .await
        .unwrap();
    store.save_web_answers(id(3), &[], Some(1)).await.unwrap();

    // [respondents, invited, imported, started, submitted], by code then group.
    let all = store.response_progress(study, None).await.unwrap();
    assert_eq!(
        all,
        [
            row("GM0014", "bestuur", [1, 1, 0, 0, 0]),
            row("GM0344", "management", [2, 1, 2, 2, 0]),
            row("GM0363", "bestuur", [2, 2, 0, 2, 1]),
            row("GM0363", "wijkteam", [1, 1, 0, 0, 0]),
        ]
    );
    assert_eq!(
        store
            .response_progress(study, Some("GM0363"))
            .await
            .unwrap(),
        all[2..]
    );
    assert_eq!(
        store
            .response_progress(study, Some("GM0344"))
            .await
            .unwrap(),
        all[1..2]
    );
    assert!(
        store
            .response_progress(study, Some("GM9999"))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store.response_progress(other, None).await.unwrap(),
        [row("GM0363", "bestuur", [1, 1, 0, 1, 1])]
    );
    let missing = StudyId(study.0 + other.0 + 1000);
    assert!(matches!(
        store.response_progress(missing, None).await,
        Err(StoreError::UnknownStudy(s)) if s == missing
    ));

    // The respondents behind the counts.
    let ids = |rs: Vec<RespondentRecord>| -> Vec<String> {
        rs.into_iter().map(|r| r.external_id).collect()
    };
    assert_eq!(
        ids(store.respondents_of(study, Some("GM0363")).await.unwrap()),
        ["A1", "A2", "A3"]
    );
    assert_eq!(
        ids(store.respondents_of(study, None).await.unwrap()),
        ["A1", "A2", "A3", "G1", "U1", "U2"]
    );
    assert!(
        store
            .respondents_of(study, Some("GM9999"))
            .await
            .unwrap()
            .is_empty()
    );
    store.close().await;
}

async fn web_and_imported_answers_are_one_data_set(url: &str) {
    let store = Store::open(url).await.unwrap();
    let study = study_with_municipalities(&store, "s").await;
    store
        .import_answers(
            study,
            "a.csv",
            &sha256_hex(b"a"),
            &[import_row(
                "I1",
                "GM0014",
                "bestuur",
                &[("a1", Some(2)), ("a2", Some(3))],
            )],
        )
        .await
        .unwrap();
    let i1 = store.list_respondents(study).await.unwrap().remove(0);
    let (w1, _) = store
        .add_respondents(study, &[new("W1", "GM0363", "bestuur")])
        .await
        .unwrap()
        .remove(0);
    store
        .save_web_answers(w1.id, &answers(&[("a1", Some(5)), ("a2", None)]), Some(1))
        .await
        .unwrap();
    // An imported respondent given a link changes an imported answer on the web.
    store.issue_token(i1.id).await.unwrap();
    store
        .save_web_answers(i1.id, &answers(&[("a2", Some(1))]), Some(1))
        .await
        .unwrap();

    assert_eq!(
        triples(&store.list_answers(study).await.unwrap()),
        [
            t("I1", "a1", Some(2)),
            t("I1", "a2", Some(1)),
            t("W1", "a1", Some(5)),
            t("W1", "a2", None),
        ]
    );
    let mut streamed = Vec::new();
    store
        .for_each_answer(study, |a| streamed.push(a))
        .await
        .unwrap();
    assert_eq!(streamed.len(), 4);
    // Per respondent, as the analysis reads them: the same answers ("weet niet" included),
    // respondents without answers left out.
    store
        .add_respondents(study, &[new("Z9", "GM0363", "bestuur")])
        .await
        .unwrap();
    let mut grouped = Vec::new();
    store
        .for_each_respondent(study, |r| {
            let mut answers = r.answers;
            answers.sort();
            grouped.push((r.external_id, r.municipality_code, r.group, answers));
        })
        .await
        .unwrap();
    grouped.sort();
    let mut expected: Vec<Grouped> = Vec::new();
    for a in &streamed {
        match expected.iter_mut().find(|e| e.0 == a.external_id) {
            Some(e) => e.3.push((a.item.clone(), a.value)),
            None => expected.push((
                a.external_id.clone(),
                a.municipality_code.clone(),
                a.group.clone(),
                vec![(a.item.clone(), a.value)],
            )),
        }
    }
    for e in &mut expected {
        e.3.sort();
    }
    expected.sort();
    assert_eq!(grouped, expected);
    assert!(
        grouped
            .iter()
            .any(|g| g.3.contains(&("a2".to_owned(), None)))
    );
    // The web answer belongs to no import any more: removing the import keeps it.
    let import = store.list_imports(study).await.unwrap().remove(0).id;
    store.remove_import(study, import).await.unwrap();
    assert_eq!(
        triples(&store.list_answers(study).await.unwrap()),
        [
            t("I1", "a2", Some(1)),
            t("W1", "a1", Some(5)),
            t("W1", "a2", None),
        ]
    );
    store.close().await;
}

/// Saves running at the same time as a submit (one respondent) and as a close (the study):
/// every save that was acknowledged is stored, every refused one left nothing, and after
/// the submit or close returned nothing more is accepted.
async fn saves_racing_a_submit_or_a_close_land_whole_or_not_at_all(url: &str) {
    const SAVES: usize = 24;
    let store = Store::open(url).await.unwrap();
    let study = study_with_municipalities(&store, "s").await;
    let added = store
        .add_respondents(
            study,
            &(0..SAVES)
                .map(|i| new(&format!("R{i:02}"), "GM0363", "bestuur"))
                .collect::<Vec<_>>(),
        )
        .await
        .unwrap();
    let first = added[0].0.id;

    // One respondent: many pages saved while the questionnaire is submitted.
    let mut tasks = Vec::new();
    for i in 0..SAVES {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            if i == SAVES / 2 {
                store.submit_respondent(first).await.map(|_| None)
            } else {
                let item = format!("i{i:02}");
                store
                    .save_web_answers(first, &[(item.clone(), Some(3))], Some(1))
                    .await
                    .map(|_| Some(item))
            }
        }));
    }
    let mut acknowledged = Vec::new();
    for task in tasks {
        match task.await.unwrap() {
            Ok(Some(item)) => acknowledged.push((item, Some(3))),
            Ok(None) => {}
            Err(StoreError::AlreadySubmitted) => {}
            Err(e) => panic!("unexpected {e:?}"),
        }
    }
    acknowledged.sort();
    assert_eq!(store.respondent_answers(first).await.unwrap(), acknowledged);
    assert!(matches!(
        store.save_web_answers(first, &[], None).await,
        Err(StoreError::AlreadySubmitted)
    ));

    // Every other respondent saves once while the study is closed.
    let mut tasks = Vec::new();
    for (i, (r, _)) in added.iter().enumerate().skip(1) {
        let store = store.clone();
        let id = r.id;
        tasks.push(tokio::spawn(async move {
            if i == SAVES / 2 {
                store
                    .set_study_status(study, StudyStatus::Closed)
                    .await
                    .unwrap();
            }
            (
                id,
                store
                    .save_web_answers(id, &[("a1".to_owned(), Some(2))], Some(1))
                    .await,
            )
        }));
    }
    let mut stored = 0;
    for task in tasks {
        let (id, result) = task.await.unwrap();
        let answers_now = store.respondent_answers(id).await.unwrap();
        match result {
            Ok(WebSave { saved: 1 }) => {
                assert_eq!(answers_now, [("a1".to_owned(), Some(2))]);
                stored += 1;
            }
            Err(StoreError::StudyClosed) => assert!(answers_now.is_empty()),
            other => panic!("unexpected {other:?}"),
        }
    }
    let progress = store.response_progress(study, None).await.unwrap();
    assert_eq!(progress[0].started, stored + 1);
    assert!(matches!(
        store
            .save_web_answers(added[1].0.id, &[("a2".to_owned(), None)], None)
            .await,
        Err(StoreError::StudyClosed)
    ));
    store.close().await;
}

/// On SQLite concurrent saves are committed in groups: every save still gets its own
/// answer (refused saves of submitted or unknown respondents write nothing and do not
/// affect the others of their group), and every acknowledged save is stored.
async fn saves_committed_together_are_answered_one_by_one(url: &str) {
    const RESPONDENTS: usize = 20;
    const SAVES_EACH: usize = 10;
    let store = Store::open(url).await.unwrap();
    let study = study_with_municipalities(&store, "groups").await;
    let added = store
        .add_respondents(
            study,
            &(0..RESPONDENTS)
                .map(|i| new(&format!("R{i:02}"), "GM0363", "bestuur"))
                .collect::<Vec<_>>(),
        )
        .await
        .unwrap();
    // Every fourth respondent submitted already.
    for (i, (r, _)) in added.iter().enumerate() {
        if i % 4 == 0 {
            store.submit_respondent(r.id).await.unwrap();
        }
    }
    let mut tasks = Vec::new();
    for k in 0..SAVES_EACH {
        for (i, (r, _)) in added.iter().enumerate() {
            let store = store.clone();
            let id = r.id;
            tasks.push(tokio::spawn(async move {
                let item = format!("i{k:02}");
                let value = i64::try_from((i + k) % 5 + 1).unwrap();
                let saved = store
                    .save_web_answers(id, &[(item.clone(), Some(value))], Some(1))
                    .await;
                (i, id, item, value, saved)
            }));
        }
        // An unknown respondent in the middle of the groups.
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let saved = store
                .save_web_answers(RespondentId(9_999_999), &[("x".to_owned(), Some(1))], None)
                .await;
            (usize::MAX, RespondentId(9_999_999), String::new(), 0, saved)
        }));
    }
    let mut expected: std::collections::BTreeMap<RespondentId, Vec<(String, Option<i64>)>> =
        std::collections::BTreeMap::new();
    for task in tasks {
        let (i, id, item, value, saved) = task.await.unwrap();
        match saved {
            Ok(WebSave { saved: 1 }) => {
                assert!(i % 4 != 0, "a submitted respondent's save was accepted");
                expected.entry(id).or_default().push((item, Some(value)));
            }
            Err(StoreError::AlreadySubmitted) => assert_eq!(i % 4, 0),
            Err(StoreError::UnknownRespondent(r)) => assert_eq!(r, RespondentId(9_999_999)),
            other => panic!("unexpected {other:?}"),
        }
    }
    for (i, (r, _)) in added.iter().enumerate() {
        let mut want = expected.remove(&r.id).unwrap_or_default();
        want.sort();
        assert_eq!(
            store.respondent_answers(r.id).await.unwrap(),
            want,
            "R{i:02}"
        );
        assert_eq!(want.len(), if i % 4 == 0 { 0 } else { SAVES_EACH });
    }
}
