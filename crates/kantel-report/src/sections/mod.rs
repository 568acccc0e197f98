//! The document frame (head, stylesheet, navigation, footer) and one module per section.

mod calibration;
mod follow_up;
mod mirror;
mod necessity;
mod recovery;
mod reliability;
mod robustness;
mod solutions;
mod statistics;
mod study;
mod truth_table;

use std::fmt::Write;

use crate::ReportError;
use crate::context::Ctx;
use crate::html::escape;

/// The stylesheet, inlined in every document. The print part puts every major section and
/// every mirror report on a new A4 page, drops backgrounds and repeats the simulated-data
/// notice at the foot of every printed page (`position: fixed` repeats in print).
const CSS: &str = include_str!("style.css");

/// The section ids in document order (without `herontdekking`, which depends on the data).
pub(crate) const SECTION_IDS: [&str; 8] = [
    "studie",
    "betrouwbaarheid",
    "kalibratie",
    "noodzakelijkheid",
    "waarheidstabel",
    "oplossingen",
    "statistiek",
    "spiegel",
];

fn head(cx: &Ctx, out: &mut String, title: &str) -> Result<(), ReportError> {
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"{gen}\">\n<title>{title}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        lang = cx.lang.code(),
        gen = escape(cx.input.generated_by),
        title = escape(title),
    )?;
    if cx.simulated() {
        writeln!(
            out,
            "<div class=\"sim-running\" aria-hidden=\"true\">{}</div>",
            cx.t("report-banner-title")
        )?;
    }
    Ok(())
}

fn footer(cx: &Ctx, out: &mut String) -> Result<(), ReportError> {
    write!(
        out,
        "<footer><p class=\"note\">{}</p></footer>\n</body>\n</html>\n",
        cx.tf(
            "report-footer-generated",
            &[("tool", &escape(cx.input.generated_by))]
        )
    )?;
    Ok(())
}

fn study_title<'a>(cx: &Ctx<'a>) -> &'a str {
    let info = &cx.input.study.study;
    match cx.lang {
        crate::Lang::Nl => &info.title_nl,
        crate::Lang::En => &info.title_en,
    }
}

/// Opens a major section: `<section id>`, its heading and the banner.
pub(crate) fn open_section(cx: &Ctx, out: &mut String, id: &str) -> Result<(), ReportError> {
    write!(
        out,
        "<section class=\"major\" id=\"{id}\" aria-labelledby=\"h-{id}\">\n<h2 id=\"h-{id}\">{}</h2>\n{}\n",
        cx.t(&format!("report-section-{id}")),
        cx.banner()
    )?;
    Ok(())
}

/// The complete report.
pub(crate) fn document(cx: &Ctx) -> Result<String, ReportError> {
    let mut out = String::with_capacity(512 * 1024);
    let title = format!("{}: {}", cx.t("report-doc-title"), study_title(cx));
    head(cx, &mut out, &title)?;
    write!(
        out,
        "<header>\n<p class=\"kicker\">{}</p>\n<h1>{}</h1>\n{}\n</header>\n",
        cx.t("report-doc-title"),
        escape(study_title(cx)),
        cx.banner()
    )?;
    let with_recovery = cx.analysis().recovery.is_some();
    let with_robustness = cx.analysis().robustness.is_some();
    writeln!(
        out,
        "<nav aria-label=\"{}\"><h2>{}</h2><ol>",
        cx.t("report-nav-label"),
        cx.t("report-nav-label")
    )?;
    for id in SECTION_IDS {
        if id == "statistiek" {
            for (present, extra) in [
                (cx.analysis().esa.is_some(), "esa"),
                (cx.analysis().case_selection.is_some(), "casusselectie"),
            ] {
                if present {
                    writeln!(
                        out,
                        "<li><a href=\"#{extra}\">{}</a></li>",
                        cx.t(&format!("report-section-{extra}"))
                    )?;
                }
            }
        }
        if id == "statistiek" && with_robustness {
            writeln!(
                out,
                "<li><a href=\"#robuustheid\">{}</a></li>",
                cx.t("report-section-robuustheid")
            )?;
        }
        if id == "spiegel" && with_recovery {
            writeln!(
                out,
                "<li><a href=\"#herontdekking\">{}</a></li>",
                cx.t("report-section-herontdekking")
            )?;
        }
        writeln!(
            out,
            "<li><a href=\"#{id}\">{}</a></li>",
            cx.t(&format!("report-section-{id}"))
        )?;
    }
    out.push_str("</ol></nav>\n<main>\n");
    study::render(cx, &mut out)?;
    reliability::render(cx, &mut out)?;
    calibration::render(cx, &mut out)?;
    necessity::render(cx, &mut out)?;
    truth_table::render(cx, &mut out)?;
    solutions::render(cx, &mut out)?;
    follow_up::render_esa(cx, &mut out)?;
    follow_up::render_cases(cx, &mut out)?;
    robustness::render(cx, &mut out)?;
    statistics::render(cx, &mut out)?;
    if with_recovery {
        recovery::render(cx, &mut out)?;
    }
    mirror::render_all(cx, &mut out)?;
    out.push_str("</main>\n");
    footer(cx, &mut out)?;
    Ok(out)
}

/// One municipality's mirror report as a standalone document.
pub(crate) fn mirror_document(cx: &Ctx, code: &str) -> Result<String, ReportError> {
    let mut out = String::with_capacity(64 * 1024);
    let title = format!("{}: {}", cx.t("report-mirror-title"), cx.name(code));
    head(cx, &mut out, &title)?;
    write!(
        out,
        "<header>\n<p class=\"kicker\">{}</p>\n<p class=\"study\">{}</p>\n</header>\n<main>\n",
        cx.t("report-mirror-title"),
        escape(study_title(cx))
    )?;
    mirror::render_one(cx, &mut out, code)?;
    out.push_str("</main>\n");
    footer(cx, &mut out)?;
    Ok(out)
}
