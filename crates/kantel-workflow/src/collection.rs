//! Data collection through personal links: the questionnaire of a respondent's group, the
//! state of a link, and saving answers checked against the codebook.
//!
//! A questionnaire has one section per condition or outcome (in the study's order) that
//! has items for the respondent's group. Answers are checked here against the codebook
//! (the item must be in this respondent's questionnaire; Likert 1-5, yes/no 0/1, "weet
//! niet" only where the item offers it) before the store writes them; the store checks
//! inside its transaction that the study is still open and the questionnaire not yet
//! submitted. A respondent can therefore only ever write their own answers: the link
//! names the respondent, and no request names one.

use std::collections::BTreeMap;

use kantel_i18n::{Lang, Msg, msg};
use kantel_store::{LinkRecord, RespondentRecord, Store, StoreError, StudyStatus, WebSave};
use kantel_study::codebook::{ResponseKind, SetKind};
use kantel_study::study::Study;

/// The form value for "weet niet" (don't know).
pub const DONT_KNOW: &str = "dk";

/// One item as the questionnaire asks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionItem {
    /// Item id from the codebook, e.g. `C1_1`.
    pub id: String,
    /// Dutch wording.
    pub text_nl: String,
    /// English wording.
    pub text_en: String,
    /// Likert 1-5 or yes/no.
    pub response: ResponseKind,
    /// Whether "weet niet" is offered.
    pub dont_know: bool,
}

impl QuestionItem {
    /// The wording in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.text_nl,
            Lang::En => &self.text_en,
        }
    }

    /// The values this item accepts, in the order the page shows them.
    pub fn values(&self) -> &'static [i64] {
        match self.response {
            ResponseKind::Likert5 => &[1, 2, 3, 4, 5],
            ResponseKind::YesNo => &[1, 0],
        }
    }

    /// Parses a form value: `Ok(Some(Some(v)))` an answer, `Ok(Some(None))` "weet niet",
    /// `Ok(None)` nothing given (empty), or the reason it is refused.
    pub fn parse(&self, raw: &str) -> Result<Option<Option<i64>>, CollectionError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(None);
        }
        if raw == DONT_KNOW {
            return if self.dont_know {
                Ok(Some(None))
            } else {
                Err(CollectionError::InvalidValue {
                    item: self.id.clone(),
                    value: raw.to_owned(),
                })
            };
        }
        match raw.parse::<i64>() {
            Ok(v) if self.values().contains(&v) => Ok(Some(Some(v))),
            _ => Err(CollectionError::InvalidValue {
                item: self.id.clone(),
                value: raw.chars().take(40).collect(),
            }),
        }
    }
}

/// One page of the questionnaire: the items of one condition or outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The set's id, e.g. `BESTLEID`.
    pub set: String,
    /// Dutch label of the set.
    pub label_nl: String,
    /// English label of the set.
    pub label_en: String,
    /// The items this group answers, in codebook order.
    pub items: Vec<QuestionItem>,
}

impl Section {
    /// The label in `lang`.
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.label_nl,
            Lang::En => &self.label_en,
        }
    }
}

/// The questionnaire of one respondent group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Questionnaire {
    /// The group.
    pub group: String,
    /// Dutch label of the group (the id when the study does not list the group).
    pub group_nl: String,
    /// English label of the group.
    pub group_en: String,
    /// Dutch title of the study.
    pub title_nl: String,
    /// English title of the study.
    pub title_en: String,
    /// The pages, in order (1-based in URLs).
    pub sections: Vec<Section>,
}

impl Questionnaire {
    /// The questionnaire a respondent of `group` gets: one section per condition and per
    /// outcome with items for the group, in the study's order. Context conditions come
    /// from registers, not from respondents, and are left out even if they list items.
    pub fn for_group(study: &Study, group: &str) -> Questionnaire {
        let sections = study
            .sets()
            .filter(|s| matches!(s.kind, SetKind::Condition | SetKind::Outcome))
            .filter_map(|s| {
                let items: Vec<QuestionItem> = s
                    .set
                    .items_for_group(group)
                    .map(|i| QuestionItem {
                        id: i.id.clone(),
                        text_nl: i.text_nl.clone(),
                        text_en: i.text_en.clone(),
                        response: i.response,
                        dont_know: i.dont_know,
                    })
                    .collect();
                (!items.is_empty()).then(|| Section {
                    set: s.set.id.clone(),
                    label_nl: s.set.label_nl.clone(),
                    label_en: s.set.label_en.clone(),
                    items,
                })
            })
            .collect();
        let (group_nl, group_en) = match study.respondent_group(group) {
            Some(g) => (g.label_nl.clone(), g.label_en.clone()),
            None => (group.to_owned(), group.to_owned()),
        };
        Questionnaire {
            group: group.to_owned(),
            group_nl,
            group_en,
            title_nl: study.study.title_nl.clone(),
            title_en: study.study.title_en.clone(),
            sections,
        }
    }

    /// The study title in `lang`.
    pub fn title(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.title_nl,
            Lang::En => &self.title_en,
        }
    }

    /// The group label in `lang`.
    pub fn group_label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.group_nl,
            Lang::En => &self.group_en,
        }
    }

    /// Section `n` (1-based).
    pub fn section(&self, n: usize) -> Option<&Section> {
        n.checked_sub(1).and_then(|i| self.sections.get(i))
    }

    /// The item with this id, if this questionnaire asks it.
    pub fn item(&self, id: &str) -> Option<&QuestionItem> {
        self.sections
            .iter()
            .flat_map(|s| s.items.iter())
            .find(|i| i.id == id)
    }

    /// Number of items over all sections.
    pub fn item_count(&self) -> usize {
        self.sections.iter().map(|s| s.items.len()).sum()
    }

    /// How many of this questionnaire's items have an answer ("weet niet" counts).
    pub fn answered(&self, answers: &Answers) -> usize {
        self.sections
            .iter()
            .flat_map(|s| s.items.iter())
            .filter(|i| answers.contains_key(&i.id))
            .count()
    }

    /// Checks form answers `(item, raw value)` against this questionnaire: the answers to
    /// store, with empty values left out. The first problem refuses the whole list.
    pub fn check(
        &self,
        raw: &[(String, String)],
    ) -> Result<Vec<(String, Option<i64>)>, CollectionError> {
        let mut out: Vec<(String, Option<i64>)> = Vec::with_capacity(raw.len());
        for (item, value) in raw {
            let q = self
                .item(item)
                .ok_or_else(|| CollectionError::UnknownItem(item.chars().take(60).collect()))?;
            if let Some(v) = q.parse(value)? {
                // A repeated field: the last one wins, as with a form resubmitted.
                out.retain(|(i, _)| i != item);
                out.push((item.clone(), v));
            }
        }
        Ok(out)
    }
}

/// Answers of one respondent by item id (`None` = "weet niet").
pub type Answers = BTreeMap<String, Option<i64>>;

/// Whether a link accepts answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Answers are accepted.
    Open,
    /// The respondent submitted; nothing more is accepted.
    Submitted,
    /// The researcher closed the study; nothing more is accepted.
    Closed,
}

impl Phase {
    /// The phase of a link: a closed study wins over a submission (both refuse answers;
    /// "closed" tells the respondent why the link no longer works in either case).
    pub fn of(link: &LinkRecord) -> Phase {
        if link.status == StudyStatus::Closed {
            Phase::Closed
        } else if link.respondent.submitted_at.is_some() {
            Phase::Submitted
        } else {
            Phase::Open
        }
    }
}

/// What refuses a link request.
#[derive(Debug, thiserror::Error)]
pub enum CollectionError {
    /// No respondent has this link (malformed, forged or revoked: indistinguishable).
    #[error("{}", msg!("store-unknown-token"))]
    UnknownLink,
    /// The study is closed.
    #[error("{}", msg!("store-study-closed"))]
    Closed,
    /// The respondent submitted already.
    #[error("{}", msg!("store-already-submitted"))]
    Submitted,
    /// The item is not in this respondent's questionnaire.
    #[error("{}", msg!("web-r-error-item", item = .0.as_str()))]
    UnknownItem(String),
    /// The value is not one the item accepts.
    #[error("{}", msg!("web-r-error-value", item = .item.as_str(), value = .value.as_str()))]
    InvalidValue {
        /// The item.
        item: String,
        /// The value given (shortened).
        value: String,
    },
    /// The store failed.
    #[error("{0}")]
    Store(Box<StoreError>),
}

impl CollectionError {
    /// The error as a catalogue message.
    pub fn msg(&self) -> Msg {
        match self {
            CollectionError::UnknownLink => msg!("store-unknown-token"),
            CollectionError::Closed => msg!("store-study-closed"),
            CollectionError::Submitted => msg!("store-already-submitted"),
            CollectionError::UnknownItem(item) => msg!("web-r-error-item", item = item.as_str()),
            CollectionError::InvalidValue { item, value } => msg!(
                "web-r-error-value",
                item = item.as_str(),
                value = value.as_str()
            ),
            CollectionError::Store(e) => crate::error::store_msg(e),
        }
    }
}

impl From<StoreError> for CollectionError {
    fn from(e: StoreError) -> CollectionError {
        match e {
            StoreError::UnknownToken => CollectionError::UnknownLink,
            StoreError::StudyClosed => CollectionError::Closed,
            StoreError::AlreadySubmitted => CollectionError::Submitted,
            other => CollectionError::Store(Box::new(other)),
        }
    }
}

/// The respondent and study status behind a personal link.
pub async fn link(store: &Store, token: &str) -> Result<LinkRecord, CollectionError> {
    Ok(store.respondent_for_link(token).await?)
}

/// A respondent's answers by item id.
pub async fn answers(
    store: &Store,
    respondent: &RespondentRecord,
) -> Result<Answers, CollectionError> {
    Ok(store
        .respondent_answers(respondent.id)
        .await?
        .into_iter()
        .collect())
}

/// Checks form answers against `questionnaire` and saves them with the page to return to
/// (1-based; one past the last section is the review page). Nothing is saved when one
/// answer is refused. A closed study or a submitted questionnaire refuses the save,
/// checked in the store's transaction.
pub async fn save(
    store: &Store,
    respondent: &RespondentRecord,
    questionnaire: &Questionnaire,
    raw: &[(String, String)],
    section: Option<usize>,
) -> Result<WebSave, CollectionError> {
    let answers = questionnaire.check(raw)?;
    let section = section.map(|s| i64::try_from(s).unwrap_or(i64::MAX));
    Ok(store
        .save_web_answers(respondent.id, &answers, section)
        .await?)
}

/// Submits the questionnaire; from then on the link accepts nothing. Returns the time.
pub async fn submit(
    store: &Store,
    respondent: &RespondentRecord,
) -> Result<String, CollectionError> {
    Ok(store.submit_respondent(respondent.id).await?)
}

/// Records the language the respondent chose.
pub async fn set_language(
    store: &Store,
    respondent: &RespondentRecord,
    lang: Lang,
) -> Result<(), CollectionError> {
    Ok(store
        .set_respondent_language(respondent.id, lang.code())
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn study() -> Study {
        Study::builtin().unwrap()
    }

    #[test]
    fn each_group_gets_the_sets_with_its_items_in_study_order() {
        let s = study();
        for g in &s.respondent_groups {
            let q = Questionnaire::for_group(&s, &g.id);
            assert!(!q.sections.is_empty(), "{}", g.id);
            assert_eq!(q.group_nl, g.label_nl);
            let expected: Vec<&str> = s
                .sets()
                .filter(|r| matches!(r.kind, SetKind::Condition | SetKind::Outcome))
                .filter(|r| r.set.items_for_group(&g.id).next().is_some())
                .map(|r| r.set.id.as_str())
                .collect();
            let got: Vec<&str> = q.sections.iter().map(|x| x.set.as_str()).collect();
            assert_eq!(got, expected);
            for section in &q.sections {
                for item in &section.items {
                    let (_, codebook) = s.item(&item.id).unwrap();
                    assert!(
                        codebook.groups.contains(&g.id),
                        "{} not for {}",
                        item.id,
                        g.id
                    );
                }
            }
        }
    }

    #[test]
    fn unknown_group_has_an_empty_questionnaire() {
        let q = Questionnaire::for_group(&study(), "niemand");
        assert!(q.sections.is_empty());
        assert_eq!(q.item_count(), 0);
        assert_eq!(q.group_nl, "niemand");
        assert!(q.section(1).is_none());
    }

    fn item(response: ResponseKind, dont_know: bool) -> QuestionItem {
        QuestionItem {
            id: "X_1".into(),
            text_nl: "x".into(),
            text_en: "x".into(),
            response,
            dont_know,
        }
    }

    #[test]
    fn values_are_checked_per_response_kind() {
        let likert = item(ResponseKind::Likert5, true);
        for v in 1..=5 {
            assert_eq!(likert.parse(&v.to_string()).unwrap(), Some(Some(v)));
        }
        for bad in ["0", "6", "-1", "3.0", "drie", "1e0", "99999999999999999999"] {
            assert!(likert.parse(bad).is_err(), "{bad}");
        }
        assert_eq!(likert.parse("dk").unwrap(), Some(None));
        assert_eq!(likert.parse("").unwrap(), None);
        assert_eq!(likert.parse("  ").unwrap(), None);

        let yes_no = item(ResponseKind::YesNo, false);
        assert_eq!(yes_no.parse("0").unwrap(), Some(Some(0)));
        assert_eq!(yes_no.parse("1").unwrap(), Some(Some(1)));
        assert!(yes_no.parse("2").is_err());
        assert!(
            matches!(
                yes_no.parse("dk"),
                Err(CollectionError::InvalidValue { .. })
            ),
            "no 'weet niet' where the codebook does not offer it"
        );
    }

    #[test]
    fn check_refuses_items_of_other_groups_and_keeps_the_last_repeat() {
        let s = study();
        let bestuur = Questionnaire::for_group(&s, "bestuur");
        let wijkteam = Questionnaire::for_group(&s, "wijkteam");
        let only_wijkteam = wijkteam
            .sections
            .iter()
            .flat_map(|x| x.items.iter())
            .find(|i| bestuur.item(&i.id).is_none())
            .expect("the codebook has items only the wijkteam gets");
        let err = bestuur
            .check(&[(only_wijkteam.id.clone(), "3".into())])
            .unwrap_err();
        assert!(matches!(err, CollectionError::UnknownItem(_)));
        assert!(matches!(
            bestuur.check(&[("NOPE".into(), "3".into())]),
            Err(CollectionError::UnknownItem(_))
        ));

        let first = &bestuur.sections[0].items[0];
        let ok = bestuur
            .check(&[
                (first.id.clone(), "2".into()),
                (first.id.clone(), "".into()),
                (first.id.clone(), "dk".into()),
            ])
            .unwrap();
        assert_eq!(ok, vec![(first.id.clone(), None)]);
    }

    #[test]
    fn progress_counts_only_this_questionnaires_items() {
        let q = Questionnaire::for_group(&study(), "bestuur");
        let mut a = Answers::new();
        assert_eq!(q.answered(&a), 0);
        a.insert(q.sections[0].items[0].id.clone(), None);
        a.insert("NOT_ASKED".into(), Some(3));
        assert_eq!(q.answered(&a), 1);
        assert!(q.item_count() >= q.sections.len());
    }
}
