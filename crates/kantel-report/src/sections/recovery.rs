//! `#herontdekking`: for simulated data, whether the analysis found the structure the
//! simulation planted, in plain language.

use std::fmt::Write;

use super::open_section;
use crate::ReportError;
use crate::context::Ctx;
use crate::html::escape;

fn term_list(terms: &[String]) -> String {
    if terms.is_empty() {
        return "–".to_string();
    }
    terms
        .iter()
        .map(|t| format!("<span class=\"expr\">{}</span>", escape(t)))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn render(cx: &Ctx, out: &mut String) -> Result<(), ReportError> {
    let Some(r) = &cx.analysis().recovery else {
        return Ok(());
    };
    open_section(cx, out, "herontdekking")?;
    write!(
        out,
        "<p class=\"note\">{}</p>\n<dl class=\"meta\">\n",
        cx.t("rec.intro")
    )?;
    for (key, value) in [
        (
            "rec.planted",
            format!("<span class=\"expr\">{}</span>", escape(&r.planted)),
        ),
        (
            "rec.found",
            format!("<span class=\"expr\">{}</span>", escape(&r.found)),
        ),
        ("rec.solution", solution_label(cx, &r.solution)),
        ("rec.terms_found", term_list(&r.terms_found)),
        ("rec.terms_missing", term_list(&r.terms_missing)),
    ] {
        writeln!(out, "<dt>{}</dt><dd>{value}</dd>", cx.t(key))?;
    }
    out.push_str("</dl>\n");
    let verdict = if r.recovered {
        format!("<p class=\"yes verdict\">{}</p>\n", cx.t("rec.yes"))
    } else if r.terms_found.is_empty() {
        format!("<p class=\"no verdict\">{}</p>\n", cx.t("rec.no"))
    } else {
        format!(
            "<p class=\"no verdict\">{}</p>\n",
            cx.tf(
                "rec.partly",
                &[
                    ("found", &r.terms_found.len().to_string()),
                    (
                        "planted",
                        &(r.terms_found.len() + r.terms_missing.len()).to_string()
                    )
                ]
            )
        )
    };
    out.push_str(&verdict);
    out.push_str("</section>\n");
    Ok(())
}

/// The analysis names the compared solution in English (`parsimonious`, `conservative`,
/// `intermediate C1P1`); the report shows it in its own language.
fn solution_label(cx: &Ctx<'_>, solution: &str) -> String {
    let (kind, rest) = solution.split_once(' ').unwrap_or((solution, ""));
    match kind {
        "parsimonious" => cx.t("sol.parsimonious").to_string(),
        "conservative" => cx.t("sol.conservative").to_string(),
        "intermediate" => escape(&cx.tf("sol.intermediate", &[("from", rest)])).into_owned(),
        _ => escape(solution).into_owned(),
    }
}
