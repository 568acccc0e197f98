//! The HTML report, and its PDF through headless Chromium.

use std::path::{Path, PathBuf};

use kantel_i18n::{Lang, msg};
use kantel_report::{ReportInput, render_report};
use kantel_study::study::Study;

use crate::WorkflowError;
use crate::analysis::StudyRun;

/// Renders the report of a run and writes it to `path`.
pub fn write_report(
    path: &Path,
    study: &Study,
    run: &StudyRun,
    lang: Lang,
) -> Result<(), WorkflowError> {
    let generated_by = format!("kantel {}", env!("CARGO_PKG_VERSION"));
    let input = ReportInput {
        study,
        measurement: &run.measurement,
        analysis: &run.analysis,
        generated_by: &generated_by,
    };
    let html = render_report(&input, lang.code().parse().unwrap_or_default())?;
    std::fs::write(path, html).map_err(|e| WorkflowError::io(path, &e))
}

/// Finds a Chromium or Chrome binary: `KANTEL_CHROMIUM`, else the usual names on the PATH.
fn browser() -> Option<PathBuf> {
    if let Some(b) = std::env::var_os("KANTEL_CHROMIUM") {
        return Some(PathBuf::from(b));
    }
    let paths = std::env::var_os("PATH")?;
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .find_map(|name| {
        std::env::split_paths(&paths)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    })
}

/// Prints an HTML file to PDF with headless Chromium, using the report's print stylesheet.
pub fn print_pdf(html: &Path, pdf: &Path) -> Result<(), WorkflowError> {
    let browser = browser().ok_or_else(|| msg!("wf-pdf-no-browser"))?;
    let html = std::fs::canonicalize(html).map_err(|e| WorkflowError::io(html, &e))?;
    let profile = std::env::temp_dir().join(format!("kantel-chromium-{}", std::process::id()));
    let status = std::process::Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .map_err(|e| WorkflowError::io(&browser, &e))?;
    let _ = std::fs::remove_dir_all(&profile);
    let ok = std::fs::read(pdf)
        .map(|b| b.starts_with(b"%PDF"))
        .unwrap_or(false);
    if !status.success() || !ok {
        return Err(msg!(
            "wf-pdf-failed",
            browser = browser.display().to_string(),
            html = html.display().to_string(),
            pdf = pdf.display().to_string()
        )
        .into());
    }
    Ok(())
}
