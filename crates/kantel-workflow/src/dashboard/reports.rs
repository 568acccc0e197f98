//! The report and a municipality's mirror report, rendered for download in the page.

use kantel_i18n::Lang;
use kantel_report::{ReportInput, render_mirror, render_report};
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
/// from a copy of the study in which each of them is called "another municipality".
pub async fn mirror_html(
    store: &Store,
    study: StudyId,
    municipality: &str,
    lang: Lang,
) -> Result<String, WorkflowError> {
    let (ws, run) = study_run(store, study, None).await?;
    let generated_by = generated_by();
    let mut shown = ws.study.clone();
    let other = lang.t("wf-d-other-municipality");
    for m in &mut shown.municipalities {
        if m.code.as_str() != municipality {
            m.name = other.clone();
        }
    }
    let input = ReportInput {
        study: &shown,
        measurement: &run.measurement,
        analysis: &run.analysis,
        generated_by: &generated_by,
    };
    Ok(render_mirror(
        &input,
        municipality,
        lang.code().parse().unwrap_or_default(),
    )?)
}
