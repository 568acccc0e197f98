//! Checks a run's journal against the database: every acknowledged save must be stored.
//!
//! For each respondent and item, the saves of the journal are in the order they were sent.
//! The stored value must be the value of the last acknowledged save, or the value of a
//! later save whose answer never came (in flight when the server died: it may have been
//! committed). Anything else is a lost acknowledged save.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::path::Path;

use kantel_i18n::Lang;
use kantel_store::{OpenMode, Store, StoreError};
use kantel_workflow::StudyPaths;
use kantel_workflow::error::store_msg;

use crate::journal::Entry;
use crate::plan::{Answer, form_value};
use crate::run::Fate;

/// What `verify` found.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Respondents in the journal.
    pub respondents: usize,
    /// Respondent-item pairs with at least one acknowledged save (each checked).
    pub checked: usize,
    /// Acknowledged saves in the journal.
    pub acked_saves: usize,
    /// Of the checked pairs: stored as a later, unacknowledged save (in flight at a crash).
    pub in_flight_applied: usize,
    /// Pairs with saves sent but none acknowledged (nothing to check).
    pub unacknowledged_pairs: usize,
    /// Lost acknowledged saves, described.
    pub lost: Vec<String>,
}

impl Report {
    /// The report for people.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "verify: {} respondents; {} respondent-items with an acknowledged save checked \
             ({} acknowledged saves in the journal)",
            self.respondents, self.checked, self.acked_saves
        );
        let _ = writeln!(
            out,
            "verify: stored as last acknowledged: {}; stored as a later save still in flight: {}; \
             LOST: {}",
            self.checked - self.lost.len() - self.in_flight_applied,
            self.in_flight_applied,
            self.lost.len()
        );
        if self.unacknowledged_pairs > 0 {
            let _ = writeln!(
                out,
                "verify: {} respondent-items had saves but none acknowledged (not checked)",
                self.unacknowledged_pairs
            );
        }
        for l in self.lost.iter().take(20) {
            let _ = writeln!(out, "  lost: {l}");
        }
        if self.lost.len() > 20 {
            let _ = writeln!(out, "  … and {} more", self.lost.len() - 20);
        }
        if self.checked == 0 {
            let _ = writeln!(
                out,
                "verify: nothing to check: the journal has no acknowledged save"
            );
        }
        out
    }
}

/// What the database holds for one respondent: `None` when the link is unknown there,
/// else the answers by item (`None` = "don't know").
pub type Stored = Option<HashMap<String, Answer>>;

/// Compares the journal with what is stored, per link token.
pub fn judge(journal: &[Entry], stored: &HashMap<String, Stored>) -> Report {
    let mut pairs: BTreeMap<(&str, &str), Vec<&Entry>> = BTreeMap::new();
    for e in journal {
        pairs.entry((&e.token, &e.item)).or_default().push(e);
    }
    let mut report = Report {
        respondents: journal
            .iter()
            .map(|e| e.token.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        acked_saves: journal.iter().filter(|e| e.fate == Fate::Acked).count(),
        ..Report::default()
    };
    for ((token, item), saves) in pairs {
        let Some(last_ack) = saves.iter().rposition(|e| e.fate == Fate::Acked) else {
            report.unacknowledged_pairs += 1;
            continue;
        };
        report.checked += 1;
        let acked = saves[last_ack];
        let in_flight: Vec<Answer> = saves[last_ack + 1..]
            .iter()
            .filter(|e| e.fate == Fate::Unknown)
            .map(|e| e.answer)
            .collect();
        let found: Option<Option<Answer>> = match stored.get(token) {
            Some(Some(answers)) => Some(answers.get(item).copied()),
            _ => None,
        };
        let show = |a: Option<Answer>| a.map_or_else(|| "nothing".to_owned(), form_value);
        match found {
            Some(Some(value)) if value == acked.answer => {}
            Some(Some(value)) if in_flight.contains(&value) => report.in_flight_applied += 1,
            Some(value) => report.lost.push(format!(
                "{} item {}: acknowledged {}, stored {}",
                acked.respondent,
                item,
                form_value(acked.answer),
                show(value)
            )),
            None => report.lost.push(format!(
                "{} item {}: acknowledged {}, but the database does not know the link",
                acked.respondent,
                item,
                form_value(acked.answer)
            )),
        }
    }
    report
}

fn store_error(e: &StoreError) -> anyhow::Error {
    anyhow::anyhow!(store_msg(e).render(Lang::En))
}

/// Opens the server's database and checks the journal against it.
pub async fn verify(
    study: Option<&Path>,
    database: Option<&str>,
    journal: &[Entry],
) -> anyhow::Result<Report> {
    let store = match (database, study) {
        (Some(url), _) => Store::open(url).await.map_err(|e| store_error(&e))?,
        (None, Some(study)) => {
            let paths = StudyPaths {
                study_file: study.to_path_buf(),
                database: None,
            };
            let file = paths
                .sqlite_file()
                .ok_or_else(|| anyhow::anyhow!("no database for {}", study.display()))?;
            Store::open_sqlite_file(&file, OpenMode::MustExist)
                .await
                .map_err(|e| store_error(&e))?
        }
        (None, None) => anyhow::bail!("give --study or --database"),
    };
    let mut stored: HashMap<String, Stored> = HashMap::new();
    for e in journal {
        if stored.contains_key(&e.token) {
            continue;
        }
        let answers = match store.respondent_for_link(&e.token).await {
            Ok(link) => Some(
                store
                    .respondent_answers(link.respondent.id)
                    .await
                    .map_err(|e| store_error(&e))?
                    .into_iter()
                    .collect(),
            ),
            Err(StoreError::UnknownToken) => None,
            Err(e) => return Err(store_error(&e)),
        };
        stored.insert(e.token.clone(), answers);
    }
    store.close().await;
    Ok(judge(journal, &stored))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(item: &str, answer: Answer, fate: Fate) -> Entry {
        Entry {
            token: "t1".into(),
            respondent: "R1".into(),
            item: item.into(),
            answer,
            fate,
        }
    }

    fn db(items: &[(&str, Answer)]) -> HashMap<String, Stored> {
        let answers = items.iter().map(|(i, a)| (i.to_string(), *a)).collect();
        HashMap::from([("t1".to_owned(), Some(answers))])
    }

    #[test]
    fn the_last_acknowledged_value_must_be_stored() {
        let journal = [
            e("A", Some(1), Fate::Acked),
            e("A", Some(2), Fate::Acked),
            e("B", None, Fate::Acked),
        ];
        let ok = judge(&journal, &db(&[("A", Some(2)), ("B", None)]));
        assert_eq!((ok.checked, ok.lost.len(), ok.acked_saves), (2, 0, 3));
        // An older value, a missing row and "don't know" lost are all lost.
        let stale = judge(&journal, &db(&[("A", Some(1))]));
        assert_eq!(stale.lost.len(), 2, "{:?}", stale.lost);
        let unknown = judge(&journal, &HashMap::from([("t1".to_owned(), None)]));
        assert_eq!(unknown.lost.len(), 2);
        assert!(unknown.text().contains("LOST: 2"));
    }

    #[test]
    fn a_save_in_flight_may_have_landed() {
        let journal = [
            e("A", Some(1), Fate::Acked),
            e("A", Some(3), Fate::Unknown),
            e("A", Some(4), Fate::Rejected),
        ];
        let r = judge(&journal, &db(&[("A", Some(3))]));
        assert_eq!((r.checked, r.in_flight_applied, r.lost.len()), (1, 1, 0));
        assert!(judge(&journal, &db(&[("A", Some(1))])).lost.is_empty());
        // A refused save cannot be what is stored.
        assert_eq!(judge(&journal, &db(&[("A", Some(4))])).lost.len(), 1);
        // An unknown save before the last acknowledged one does not excuse anything.
        let journal = [e("A", Some(3), Fate::Unknown), e("A", Some(1), Fate::Acked)];
        assert_eq!(judge(&journal, &db(&[("A", Some(3))])).lost.len(), 1);
    }

    #[test]
    fn pairs_without_acknowledgement_are_not_checked() {
        let journal = [e("A", Some(3), Fate::Unknown)];
        let r = judge(&journal, &db(&[]));
        assert_eq!((r.checked, r.unacknowledged_pairs, r.lost.len()), (0, 1, 0));
    }
}
