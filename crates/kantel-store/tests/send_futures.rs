//! Compile-time check: the store's futures are `Send`, so callers can `tokio::spawn` them.
//! (An `async` body that holds some sqlx borrows across an await is not, with an error
//! only a caller sees: "implementation of `Send` is not general enough".)

use kantel_store::{
    AnswerImportRow, AnswersImport, ImportId, ImportRows, NewUser, OpenMode, RegisterImport,
    RegisterValueRecord, RespondentId, Store, StudyId, StudyStatus, UserRecord,
};
use serde_json::Value;

fn assert_send<T: Send>(_: T) {}

#[allow(dead_code)]
fn store_futures_are_send(
    s: &'static Store,
    rows: &'static [AnswerImportRow],
    values: &'static [RegisterValueRecord],
) {
    let study = StudyId(1);
    assert_send(Store::open(""));
    assert_send(Store::open_sqlite_file("".as_ref(), OpenMode::MustExist));
    assert_send(s.create_study("", ""));
    assert_send(s.upsert_municipalities(study, &[]));
    assert_send(s.unlisted_municipalities(study, &[]));
    assert_send(s.add_respondents(study, &[]));
    assert_send(s.save_answers(kantel_store::RespondentId(1), &[]));
    assert_send(s.import_answers(study, "", "", rows));
    assert_send(s.answers_already_stored(study, rows));
    assert_send(s.import_register_values(study, "", "", values));
    assert_send(s.import_ratings(study, "", "", values));
    assert_send(s.begin_answers_import(study, "", ""));
    assert_send(s.begin_register_import(study, "", ""));
    assert_send(s.begin_answers_replace(study, ImportId(1), "", ""));
    assert_send(s.replace_import(study, ImportId(1), "", "", ImportRows::Answers(rows)));
    assert_send(s.remove_import(study, ImportId(1)));
    assert_send(s.list_imports(study));
    assert_send(s.list_import_events(study));
    assert_send(s.data_version(study));
    assert_send(s.save_run(study, "", &Value::Null, &Value::Null));
    assert_send(s.save_run_with_version(study, "", &Value::Null, &Value::Null, 1));
}

#[allow(dead_code)]
fn collection_and_account_futures_are_send(
    s: &'static Store,
    answers: &'static [(String, Option<i64>)],
    user: &'static UserRecord,
    new_user: &'static NewUser,
) {
    let study = StudyId(1);
    let respondent = RespondentId(1);
    assert_send(s.set_study_status(study, StudyStatus::Closed));
    assert_send(s.respondent_for_link(""));
    assert_send(s.respondent_answers(respondent));
    assert_send(s.save_web_answers(respondent, answers, Some(1)));
    assert_send(s.set_respondent_language(respondent, "en"));
    assert_send(s.submit_respondent(respondent));
    assert_send(s.respondents_of(study, Some("GM0363")));
    assert_send(s.response_progress(study, None));
    assert_send(s.create_user(new_user));
    assert_send(s.user_by_email(""));
    assert_send(s.list_users());
    assert_send(s.set_password_hash(user.id, ""));
    assert_send(s.create_session(user, std::time::Duration::ZERO));
    assert_send(s.session(""));
    assert_send(s.end_session(""));
}

#[allow(dead_code)]
fn import_futures_are_send(
    mut a: AnswersImport,
    mut r: RegisterImport,
    rows: &'static [AnswerImportRow],
    values: &'static [RegisterValueRecord],
) {
    assert_send(a.add(rows));
    assert_send(a.finish());
    assert_send(r.add(values));
    assert_send(r.finish());
}
