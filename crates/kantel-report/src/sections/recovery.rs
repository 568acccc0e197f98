//! `#herontdekking`: for simulated data, whether the analysis found the structure the
//! simulation planted, in plain language, and why (not): which planted terms were found,
//! which not, and how limited the diversity of the data is.

use std::fmt::Write;

use super::open_section;
use crate::ReportError;
use crate::context::{Ctx, LIST_SEPARATOR};
use crate::html::escape;

fn term_list(terms: &[String]) -> String {
    if terms.is_empty() {
        return "–".to_string();
    }
    terms
        .iter()
        .map(|t| format!("<span class=\"expr\">{}</span>", escape(t)))
        .collect::<Vec<_>>()
        .join(LIST_SEPARATOR)
}

pub(crate) fn render(cx: &Ctx, out: &mut String) -> Result<(), ReportError> {
    let Some(step) = &cx.analysis().recovery else {
        return Ok(());
    };
    open_section(cx, out, "herontdekking")?;
    writeln!(out, "<p class=\"note\">{}</p>", cx.t("report-rec-intro"))?;
    out.push_str(&cx.step_box(step));
    let Some(r) = step.ok() else {
        out.push_str("</section>\n");
        return Ok(());
    };
    out.push_str("<dl class=\"meta\">\n");
    let found = if r.found.is_empty() {
        "–".to_string()
    } else {
        r.found
            .split("; ")
            .map(|m| format!("<span class=\"expr\">{}</span>", escape(m)))
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR)
    };
    for (key, value) in [
        (
            "report-rec-planted",
            format!("<span class=\"expr\">{}</span>", escape(&r.planted)),
        ),
        ("report-rec-found", found),
        ("report-rec-solution", solution_label(cx, &r.solution)),
        ("report-rec-terms-found", term_list(&r.terms_found)),
        ("report-rec-terms-missing", term_list(&r.terms_missing)),
    ] {
        writeln!(out, "<dt>{}</dt><dd>{value}</dd>", cx.t(key))?;
    }
    out.push_str("</dl>\n");
    let class = if r.recovered { "yes" } else { "no" };
    writeln!(
        out,
        "<p class=\"{class} verdict\">{}</p>",
        cx.msg(&r.verdict())
    )?;
    if !r.explanation.is_empty() {
        write!(
            out,
            "<h3>{}</h3>\n<ul class=\"explanation\">\n",
            cx.t("report-rec-explanation")
        )?;
        for m in &r.explanation {
            writeln!(out, "<li>{}</li>", cx.msg(m))?;
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    Ok(())
}

/// The analysis names the compared solution in English (`parsimonious`, `conservative`,
/// `intermediate C1P1`, `none`); the report shows it in its own language.
fn solution_label(cx: &Ctx<'_>, solution: &str) -> String {
    let (kind, rest) = solution.split_once(' ').unwrap_or((solution, ""));
    match kind {
        "parsimonious" => cx.t("report-sol-parsimonious"),
        "conservative" => cx.t("report-sol-conservative"),
        "intermediate" => cx.tf("report-sol-intermediate", &[("from", &escape(rest))]),
        "none" => cx.t("report-sol-none"),
        _ => escape(solution).into_owned(),
    }
}
