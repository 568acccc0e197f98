//! Personal links: respondents created with a fresh token each, and the links written out
//! for a mail merge.
//!
//! A token is 256 random bits; the store keeps only its SHA-256, so the links exist only in
//! what [`invite`] returns. Losing the file means issuing new links (`Store::issue_token`).

use std::io::Write;

use kantel_i18n::msg;
use kantel_store::{NewRespondent, RespondentRecord, Store, StudyId};
use kantel_study::study::Study;
use serde::Serialize;

use crate::WorkflowError;

/// Most links one call makes: a municipality has tens of respondents, not millions, and a
/// typo like `--count 100000000` should not fill the database.
pub const MAX_INVITATIONS: usize = 100_000;

/// One personal link, as written to the mail-merge file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Invitation {
    /// CBS code.
    pub municipality: String,
    /// Respondent group.
    pub group: String,
    /// The respondent's id in the study.
    pub respondent: String,
    /// `BASE/r/TOKEN`.
    pub link: String,
}

/// Checks a base URL (`http://…` or `https://…`, no query or fragment) and returns it
/// without a trailing slash.
pub fn check_base_url(base_url: &str) -> Result<String, WorkflowError> {
    let trimmed = base_url.trim().trim_end_matches('/');
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !trimmed.contains(['?', '#', ' ', '"', '<', '>']) => {
            Ok(trimmed.to_owned())
        }
        _ => Err(WorkflowError::Msg(msg!("wf-base-url", url = base_url))),
    }
}

/// The study's municipality named by CBS code, name (any case) or an alias the municipality
/// register knows.
pub fn find_municipality<'a>(
    study: &'a Study,
    name_or_code: &str,
) -> Result<&'a kantel_study::study::Municipality, WorkflowError> {
    let wanted = name_or_code.trim();
    study
        .municipalities
        .iter()
        .find(|m| m.code.as_str().eq_ignore_ascii_case(wanted))
        .or_else(|| {
            let lower = wanted.to_lowercase();
            study
                .municipalities
                .iter()
                .find(|m| m.name.to_lowercase() == lower)
        })
        // Aliases ("Den Haag", "Den Bosch") through the register, as imports read them.
        .or_else(|| {
            let (code, _) = kantel_study::register::MunicipalityRegister::builtin()
                .lookup(wanted)
                .ok()?;
            study.municipality(&code)
        })
        .ok_or_else(|| {
            WorkflowError::Msg(msg!(
                "wf-invite-municipality",
                municipality = wanted,
                known = study
                    .municipalities
                    .iter()
                    .map(|m| format!("{} ({})", m.name, m.code.as_str()))
                    .take(12)
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })
}

/// Creates `count` respondents of `group` in `municipality` (code or name), each with a
/// personal link under `base_url`. Respondent ids continue the municipality's and group's
/// numbering (`GM0363-wijkteam-001`, …), so inviting more later never collides.
pub async fn invite(
    store: &Store,
    study_id: StudyId,
    study: &Study,
    municipality: &str,
    group: &str,
    count: usize,
    base_url: &str,
) -> Result<Vec<Invitation>, WorkflowError> {
    let base = check_base_url(base_url)?;
    let m = find_municipality(study, municipality)?;
    let Some(g) = study
        .respondent_groups
        .iter()
        .find(|g| g.id.eq_ignore_ascii_case(group.trim()))
    else {
        return Err(WorkflowError::Msg(msg!(
            "wf-invite-group",
            group = group,
            known = study
                .respondent_groups
                .iter()
                .map(|g| g.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    };
    if count == 0 || count > MAX_INVITATIONS {
        return Err(WorkflowError::Msg(msg!(
            "wf-invite-count",
            count = count,
            max = MAX_INVITATIONS
        )));
    }
    let code = m.code.as_str();
    let prefix = numbered_prefix(code, &g.id);
    let existing = store.respondents_of(study_id, Some(code)).await?;
    let highest = highest_number(existing.iter().map(|r| r.external_id.as_str()), &prefix);
    let rows: Vec<NewRespondent> = (1..=count)
        .map(|i| NewRespondent {
            external_id: numbered_id(&prefix, highest + i),
            municipality_code: code.to_owned(),
            group: g.id.clone(),
        })
        .collect();
    let created = store.add_respondents(study_id, &rows).await?;
    Ok(invitations(created, &base))
}

/// The prefix of the numbered respondent ids of a municipality and group
/// (`GM0363-wijkteam-`); [`numbered_id`] adds the number.
pub fn numbered_prefix(code: &str, group: &str) -> String {
    format!("{code}-{group}-")
}

/// The respondent id numbered `n` under `prefix`: `GM0363-wijkteam-001`.
pub fn numbered_id(prefix: &str, n: usize) -> String {
    format!("{prefix}{n:03}")
}

/// The highest number among the `ids` numbered under `prefix`, or 0: new numbers continue
/// after it, so a number is never given twice.
pub fn highest_number<'a>(ids: impl IntoIterator<Item = &'a str>, prefix: &str) -> usize {
    ids.into_iter()
        .filter_map(|id| id.strip_prefix(prefix)?.parse::<usize>().ok())
        .max()
        .unwrap_or(0)
}

/// The links of respondents just created (with their tokens) under `base`.
pub(crate) fn invitations(created: Vec<(RespondentRecord, String)>, base: &str) -> Vec<Invitation> {
    created
        .into_iter()
        .map(|(r, token)| Invitation {
            municipality: r.municipality_code,
            group: r.group,
            respondent: r.external_id,
            link: format!("{base}/r/{token}"),
        })
        .collect()
}

/// Writes `municipality,group,respondent,link` rows with a header.
pub fn write_links_csv(out: impl Write, links: &[Invitation]) -> Result<(), csv::Error> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["municipality", "group", "respondent", "link"])?;
    for l in links {
        w.write_record([&l.municipality, &l.group, &l.respondent, &l.link])?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        assert_eq!(
            check_base_url("https://enquete.gemeente.nl/").unwrap(),
            "https://enquete.gemeente.nl"
        );
        assert_eq!(
            check_base_url("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080"
        );
        for bad in ["", "enquete.nl", "ftp://x", "https://", "https://x/?a=1"] {
            assert!(check_base_url(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn numbering_continues_after_the_highest() {
        let prefix = numbered_prefix("GM0363", "wijkteam");
        let ids = [
            "GM0363-wijkteam-002",
            "GM0363-wijkteam-010",
            "GM0363-raad-050",
            "GM0363-wijkteam-x",
            "eigen-id",
        ];
        assert_eq!(highest_number(ids, &prefix), 10);
        assert_eq!(highest_number([], &prefix), 0);
        assert_eq!(numbered_id(&prefix, 11), "GM0363-wijkteam-011");
        assert_eq!(numbered_id(&prefix, 1234), "GM0363-wijkteam-1234");
    }

    #[test]
    fn csv_has_header_and_quotes() {
        let links = vec![Invitation {
            municipality: "GM0363".into(),
            group: "wijkteam".into(),
            respondent: "GM0363-wijkteam-001".into(),
            link: "https://x.nl/r/ab".into(),
        }];
        let mut out = Vec::new();
        write_links_csv(&mut out, &links).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "municipality,group,respondent,link\nGM0363,wijkteam,GM0363-wijkteam-001,https://x.nl/r/ab\n"
        );
    }
}
