//! What each simulated respondent answers: the items of their group, with valid values.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use anyhow::bail;
use kantel_i18n::Lang;
use kantel_study::codebook::ResponseKind;
use kantel_study::study::Study;
use kantel_workflow::collection::Questionnaire;
use rand::Rng;

use crate::links::Link;

/// One item a respondent is asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemSpec {
    /// Item id (form field `item`).
    pub id: String,
    /// Likert 1–5 or yes/no 0/1.
    pub kind: ResponseKind,
    /// Whether "don't know" is offered.
    pub dont_know: bool,
    /// The questionnaire page (1-based) the item is on.
    pub section: usize,
}

/// A simulated respondent: their link and the items of their group.
#[derive(Clone, Debug)]
pub struct Respondent {
    /// The link.
    pub link: Link,
    /// Items in questionnaire order (shared by the respondents of a group).
    pub items: Arc<Vec<ItemSpec>>,
}

/// Reads and checks the study file.
pub fn read_study(path: &Path) -> anyhow::Result<Study> {
    kantel_workflow::workspace::read_study(path)
        .map(|(study, _)| study)
        .map_err(|e| anyhow::anyhow!(e.msg().render(Lang::En)))
}

/// The items asked of a group, page by page: the web questionnaire's own definition
/// (conditions and outcomes with items for the group, in study order).
pub fn items_of(study: &Study, group: &str) -> Vec<ItemSpec> {
    Questionnaire::for_group(study, group)
        .sections
        .iter()
        .enumerate()
        .flat_map(|(n, section)| {
            section.items.iter().map(move |item| ItemSpec {
                id: item.id.clone(),
                kind: item.response,
                dont_know: item.dont_know,
                section: n + 1,
            })
        })
        .collect()
}

/// Pairs every link with the items of its group; a group the study does not know, or one
/// without items, is an error.
pub fn respondents(study: &Study, links: &[Link]) -> anyhow::Result<Vec<Respondent>> {
    if u32::try_from(links.len()).is_err() {
        bail!("too many links ({})", links.len());
    }
    let mut by_group: BTreeMap<&str, Arc<Vec<ItemSpec>>> = BTreeMap::new();
    let mut out = Vec::with_capacity(links.len());
    for link in links {
        let items = match by_group.get(link.group.as_str()) {
            Some(items) => items.clone(),
            None => {
                if study.respondent_group(&link.group).is_none() {
                    bail!(
                        "respondent {} has group {:?}, which the study file does not define",
                        link.respondent,
                        link.group
                    );
                }
                let items = items_of(study, &link.group);
                if items.is_empty() {
                    bail!("the study asks group {:?} no items", link.group);
                }
                if u16::try_from(items.len()).is_err() {
                    bail!(
                        "group {:?} has too many items ({})",
                        link.group,
                        items.len()
                    );
                }
                let items = Arc::new(items);
                by_group.insert(&link.group, items.clone());
                items
            }
        };
        out.push(Respondent {
            link: link.clone(),
            items,
        });
    }
    Ok(out)
}

/// An answer: `Some(v)` or `None` for "don't know".
pub type Answer = Option<i64>;

/// The form value of an answer (`1`..`5`, `0`/`1`, `dk`).
pub fn form_value(answer: Answer) -> String {
    match answer {
        Some(v) => v.to_string(),
        None => "dk".to_owned(),
    }
}

/// A valid answer to `item` that differs from `previous`, so that a lost save can never
/// hide behind an earlier save of the same value; "don't know" with probability
/// `dont_know` where the item offers it.
pub fn choose(
    rng: &mut impl Rng,
    item: &ItemSpec,
    dont_know: f64,
    previous: Option<Answer>,
) -> Answer {
    let dont_know = if item.dont_know { dont_know } else { 0.0 };
    let (low, high) = match item.kind {
        ResponseKind::Likert5 => (1, 5),
        ResponseKind::YesNo => (0, 1),
    };
    loop {
        let answer = if rng.random_bool(dont_know) {
            None
        } else {
            Some(rng.random_range(low..=high))
        };
        if previous != Some(answer) {
            return answer;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn study() -> Study {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../testdata/study-12/study.toml"
        ))
        .unwrap();
        Study::from_toml_str(&text).unwrap()
    }

    #[test]
    fn items_follow_the_groups() {
        let s = study();
        let ids = |g| {
            items_of(&s, g)
                .into_iter()
                .map(|i| i.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("bestuur"), ["C1_1", "C1_2", "C5_1", "C5_2"]);
        assert_eq!(ids("wijkteam"), ["C1_1", "C1_2", "C4_1", "C4_2", "C5_2"]);
        assert_eq!(items_of(&s, "bestuur")[2].kind, ResponseKind::YesNo);
        let sections = |g| {
            items_of(&s, g)
                .into_iter()
                .map(|i| i.section)
                .collect::<Vec<_>>()
        };
        assert_eq!(sections("bestuur"), [1, 1, 2, 2]);
        assert_eq!(sections("wijkteam"), [1, 1, 2, 2, 3]);
    }

    #[test]
    fn unknown_groups_are_errors() {
        let link = Link {
            respondent: "r".into(),
            group: "raad".into(),
            token: "0".repeat(64),
        };
        assert!(respondents(&study(), &[link]).is_err());
    }

    #[test]
    fn answers_are_valid_and_change() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let item = |kind, dont_know| ItemSpec {
            id: "X".into(),
            kind,
            dont_know,
            section: 1,
        };
        let yes_no = item(ResponseKind::YesNo, true);
        let likert_no_dk = item(ResponseKind::Likert5, false);
        let mut previous = None;
        let mut seen_dk = false;
        for _ in 0..1000 {
            let a = choose(&mut rng, &yes_no, 0.2, previous);
            assert!(matches!(a, None | Some(0) | Some(1)));
            assert_ne!(Some(a), previous);
            seen_dk |= a.is_none();
            previous = Some(a);
            let l = choose(&mut rng, &likert_no_dk, 0.5, None);
            assert!(matches!(l, Some(1..=5)));
        }
        assert!(seen_dk);
        assert_eq!(form_value(None), "dk");
        assert_eq!(form_value(Some(3)), "3");
    }
}
