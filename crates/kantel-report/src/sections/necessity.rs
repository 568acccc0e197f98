//! `#noodzakelijkheid`: necessity of every condition and its negation (inclN, RoN, covN),
//! and the necessary disjunctions found by the search (R's `superSubset`).

use std::fmt::Write;

use kantel_qca::necessity::TermKind;

use super::open_section;
use crate::ReportError;
use crate::context::Ctx;
use crate::html::{escape, f3};

/// The usual threshold above which a condition is considered (possibly) necessary.
const INCL_N_THRESHOLD: f64 = 0.9;

fn header(cx: &Ctx, out: &mut String, first: &str, kind: bool) -> Result<(), ReportError> {
    write!(
        out,
        "<table class=\"necessity\">\n<thead><tr><th>{}</th>",
        cx.t(first)
    )?;
    if kind {
        write!(out, "<th>{}</th>", cx.t("report-col-kind"))?;
    }
    out.push_str("<th class=\"num\">inclN</th><th class=\"num\">RoN</th><th class=\"num\">covN</th></tr></thead>\n<tbody>\n");
    Ok(())
}

pub(crate) fn render(cx: &Ctx, out: &mut String) -> Result<(), ReportError> {
    open_section(cx, out, "noodzakelijkheid")?;
    let a = cx.analysis();
    writeln!(
        out,
        "<p class=\"note\">{}</p>",
        cx.tf("report-nec-intro", &[("outcome", &escape(&a.outcome))])
    )?;
    out.push_str(&cx.step_box(&a.necessity));
    let Some(nec) = a.necessity.ok() else {
        out.push_str("</section>\n");
        return Ok(());
    };
    header(cx, out, "report-col-condition", false)?;
    for r in &nec.conditions {
        let hl = r.fit.incl >= INCL_N_THRESHOLD;
        writeln!(
            out,
            "<tr{}><td class=\"expr\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            if hl { " class=\"hl\"" } else { "" },
            escape(&r.expression),
            f3(r.fit.incl),
            f3(r.fit.ron),
            f3(r.fit.cov),
        )?;
    }
    out.push_str("</tbody>\n</table>\n");

    writeln!(out, "<h3>{}</h3>", cx.t("report-nec-search"))?;
    if nec.search.is_empty() {
        writeln!(out, "<p>{}</p>", cx.t("report-nec-search-none"))?;
    } else {
        writeln!(
            out,
            "<p class=\"note\">{}</p>",
            cx.t("report-nec-search-intro")
        )?;
        header(cx, out, "report-col-expression", true)?;
        for t in &nec.search {
            let kind = match t.kind {
                TermKind::Conjunction => cx.t("report-nec-conjunction"),
                TermKind::Disjunction => cx.t("report-nec-disjunction"),
            };
            writeln!(
                out,
                "<tr><td class=\"expr\">{}</td><td>{kind}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                escape(&t.expression),
                f3(t.incl),
                f3(t.ron_or_pri),
                f3(t.cov),
            )?;
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
    Ok(())
}
