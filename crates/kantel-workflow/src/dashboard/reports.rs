//! The report and a municipality's mirror report, rendered for download in the page.

use kantel_i18n::Lang;
use kantel_report::{ReportInput, escape, render_mirror, render_report};
use kantel_store::{Store, StudyId};

use super::qca::QcaSettings;
use crate::analysis::{StudyRun, analyse_stored};
use crate::{WorkflowError, Workspace};

/// The seed of the permutation tests: the command line's default, so that the page and
/// `kantel report` give the same report.
pub const SEED: u64 = 2015;

fn generated_by() -> String {
    format!("kantel {}", env!("CARGO_PKG_VERSION"))
}

/// The study analysis of what is stored, with the study's plan or with `settings` (checked
/// in the analysis form's terms), recorded as a run (like `kantel analyse`).
pub async fn study_run(
    store: &Store,
    study: StudyId,
    settings: Option<&QcaSettings>,
) -> Result<(Workspace, StudyRun), WorkflowError> {
    let mut ws = Workspace::from_store(store.clone(), study).await?;
    if let Some(s) = settings {
        s.check(&ws.study)?;
        ws.study = s.apply(&ws.study)?;
    }
    let run = analyse_stored(&ws, SEED).await?;
    Ok((ws, run))
}

/// The whole report as one HTML document.
pub async fn report_html(
    store: &Store,
    study: StudyId,
    settings: Option<&QcaSettings>,
    lang: Lang,
) -> Result<String, WorkflowError> {
    let (ws, run) = study_run(store, study, settings).await?;
    let generated_by = generated_by();
    let input = ReportInput {
        study: &ws.study,
        measurement: &run.measurement,
        analysis: &run.analysis,
        generated_by: &generated_by,
    };
    Ok(render_report(
        &input,
        lang.code().parse().unwrap_or_default(),
    )?)
}

/// The mirror report of one municipality (CBS code) as one HTML document: its own scores
/// against the distribution of all municipalities. The other municipalities are not named
/// (a municipal contact sees nothing of them but where they lie): the report is rendered
/// from a copy of the study in which each of them carries a placeholder name, which then
/// becomes "another municipality" where one point is meant (a plot's tooltip) and a count
/// where the report lists them (the other municipalities in the contact's truth-table row:
/// "2 (not named)" rather than "another municipality; another municipality").
pub async fn mirror_html(
    store: &Store,
    study: StudyId,
    municipality: &str,
    lang: Lang,
) -> Result<String, WorkflowError> {
    let (ws, run) = study_run(store, study, None).await?;
    let generated_by = generated_by();
    let mut shown = ws.study.clone();
    for m in &mut shown.municipalities {
        if m.code.as_str() != municipality {
            m.name = HIDDEN.to_owned();
        }
    }
    let input = ReportInput {
        study: &shown,
        measurement: &run.measurement,
        analysis: &run.analysis,
        generated_by: &generated_by,
    };
    let html = render_mirror(
        &input,
        municipality,
        lang.code().parse().unwrap_or_default(),
    )?;
    Ok(name_hidden(&html, lang))
}

/// The name given to every municipality a mirror report does not name: a private-use
/// character, which no municipality's name and no text of the report contains, and which
/// HTML escaping leaves as it is.
const HIDDEN: &str = "\u{E000}";

/// How the report separates the names in a list (`kantel-report`'s list separator); a test
/// of the contact's mirror report fails if the two drift apart.
const LIST_SEPARATOR: &str = "; ";

/// Replaces the placeholder names in a rendered mirror report: a list of them (several in
/// a row, or one that ends a sentence, as the truth-table row's list does) by how many
/// there are, any other by "another municipality".
fn name_hidden(html: &str, lang: Lang) -> String {
    let other = lang.t("wf-d-other-municipality");
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(HIDDEN) {
        out.push_str(&rest[..i]);
        rest = &rest[i + HIDDEN.len()..];
        let mut n: i64 = 1;
        while let Some(after) = rest
            .strip_prefix(LIST_SEPARATOR)
            .and_then(|r| r.strip_prefix(HIDDEN))
        {
            n += 1;
            rest = after;
        }
        if n > 1 || rest.starts_with('.') {
            out.push_str(&escape(&lang.tr(
                "wf-d-others-in-row",
                &[("count", kantel_i18n::Arg::Count(n))],
            )));
        } else {
            out.push_str(&escape(&other));
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_names_become_a_count_in_lists_and_a_word_elsewhere() {
        let h = HIDDEN;
        let html = format!(
            "<title>{h}: 2.000</title><p>Andere gemeenten in deze rij: {h}; {h}.</p>\
             <p>Andere gemeenten in deze rij: {h}.</p>"
        );
        assert_eq!(
            name_hidden(&html, Lang::Nl),
            "<title>andere gemeente: 2.000</title>\
             <p>Andere gemeenten in deze rij: 2 (niet bij naam genoemd).</p>\
             <p>Andere gemeenten in deze rij: 1 (niet bij naam genoemd).</p>"
        );
        assert_eq!(
            name_hidden(&format!("in this row: {h}; {h}; {h}."), Lang::En),
            "in this row: 3 (not named)."
        );
    }
}
