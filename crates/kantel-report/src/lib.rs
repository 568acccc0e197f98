//! # kantel-report: self-contained HTML reports
//!
//! [`render_report`] turns a study, its measurement and its analysis into one HTML file
//! that works offline: inline CSS, inline SVG plots, no JavaScript, no external fonts or
//! links. Dutch is the default language; [`Lang::En`] gives English. The report has
//! sections with stable ids (`#studie`, `#betrouwbaarheid`, `#kalibratie`,
//! `#noodzakelijkheid`, `#waarheidstabel`, `#oplossingen`, `#statistiek`,
//! `#herontdekking` when a simulation planted a structure, and `#spiegel` with one mirror
//! report per municipality, `#spiegel-GM0363`). [`render_mirror`] renders one mirror
//! report as a standalone file. Output contains no timestamps: the same input gives the
//! same bytes. What each section shows is described in `docs/report.md`.
//!
//! The report renders whatever the analysis achieved: a step that failed (or was skipped
//! because a step it needs failed) is shown as a box with the reason, and every section
//! whose step succeeded is shown in full. All texts come from the `report-*` messages of
//! the kantel-i18n catalogue; the analysis' warnings and reasons are typed messages
//! rendered in the report's language.

mod context;
mod html;
pub mod i18n;
pub mod plots;
mod sections;
pub mod svg;
pub mod sweep_plots;

use kantel_study::analysis::StudyAnalysis;
use kantel_study::measure::Measurement;
use kantel_study::study::Study;

pub use html::escape;
pub use i18n::Lang;

use context::Ctx;

/// Everything a report is made of.
#[derive(Clone, Copy, Debug)]
pub struct ReportInput<'a> {
    /// The study definition (metadata, municipalities, respondent groups, codebook).
    pub study: &'a Study,
    /// Scale scores and reliability.
    pub measurement: &'a Measurement,
    /// The analysis (calibration, QCA, statistics).
    pub analysis: &'a StudyAnalysis,
    /// What produced the report, e.g. `kantel 0.1.0`; printed in the footer. No timestamp
    /// is ever added, so that output is byte-stable.
    pub generated_by: &'a str,
}

/// Why a report could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A language code other than `nl` or `en`.
    #[error("unknown report language {0:?}: use \"nl\" (Dutch) or \"en\" (English)")]
    UnknownLanguage(String),
    /// [`render_mirror`] was asked for a municipality the study does not have.
    #[error("municipality {code:?} is not in the study (known codes: {known})")]
    UnknownMunicipality {
        /// The requested code.
        code: String,
        /// The study's codes.
        known: String,
    },
    /// The analysis does not fit together (e.g. a condition without a data column).
    #[error("the analysis cannot be reported: {0}")]
    Inconsistent(String),
    /// Writing into the output buffer failed.
    #[error("writing the report failed")]
    Write(#[from] std::fmt::Error),
}

impl From<i18n::UnknownLang> for ReportError {
    fn from(e: i18n::UnknownLang) -> ReportError {
        ReportError::UnknownLanguage(e.0)
    }
}

/// Renders the complete report as one self-contained HTML document.
pub fn render_report(input: &ReportInput, lang: Lang) -> Result<String, ReportError> {
    let cx = Ctx::new(input, lang)?;
    sections::document(&cx)
}

/// Renders the mirror report of one municipality (by CBS code, e.g. `GM0363`) as a
/// standalone HTML document, with the same stylesheet and simulated-data banner.
pub fn render_mirror(
    input: &ReportInput,
    municipality: &str,
    lang: Lang,
) -> Result<String, ReportError> {
    let cx = Ctx::new(input, lang)?;
    if input.study.municipality(municipality).is_none() {
        return Err(ReportError::UnknownMunicipality {
            code: municipality.to_string(),
            known: input
                .study
                .municipalities
                .iter()
                .map(|m| m.code.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    sections::mirror_document(&cx, municipality)
}
