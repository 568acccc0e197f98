//! `#esa` (the enhanced standard analysis: untenable remainders excluded, solutions before
//! and after) and `#casusselectie` (which municipalities to study in depth: typical and
//! deviant cases per term, SetMethods' smmr).

use std::fmt::Write;

use kantel_qca::cases::{CaseRef, PairKind, SetCases};
use kantel_qca::minimize::SolutionType;

use super::open_section;
use crate::ReportError;
use crate::context::{Ctx, LIST_SEPARATOR};
use crate::html::{escape, f3};

fn expr(text: &str) -> String {
    format!("<span class=\"expr\">{}</span>", escape(text))
}

fn exprs(list: &[String]) -> String {
    if list.is_empty() {
        return "–".to_string();
    }
    list.iter()
        .map(|t| expr(t))
        .collect::<Vec<_>>()
        .join(LIST_SEPARATOR)
}

fn names(cx: &Ctx, codes: &[String]) -> String {
    if codes.is_empty() {
        "–".to_string()
    } else {
        escape(&cx.names(codes)).into_owned()
    }
}

fn refs(cx: &Ctx, cases: &[CaseRef]) -> String {
    let codes: Vec<String> = cases.iter().map(|c| c.case.clone()).collect();
    names(cx, &codes)
}

fn solution_name(cx: &Ctx, s: SolutionType, from: Option<&str>) -> String {
    match s {
        SolutionType::Conservative => cx.t("report-sol-conservative"),
        SolutionType::Parsimonious => cx.t("report-sol-parsimonious"),
        SolutionType::Intermediate => cx.tf(
            "report-sol-intermediate",
            &[("from", &escape(from.unwrap_or("")))],
        ),
    }
}

pub(crate) fn render_esa(cx: &Ctx, out: &mut String) -> Result<(), ReportError> {
    let Some(step) = &cx.analysis().esa else {
        return Ok(());
    };
    open_section(cx, out, "esa")?;
    writeln!(out, "<p class=\"note\">{}</p>", cx.t("report-esa-intro"))?;
    out.push_str(&cx.step_box(step));
    let Some(e) = step.ok() else {
        out.push_str("</section>\n");
        return Ok(());
    };
    if !e.auto_necessary.is_empty() {
        let found: Vec<String> = e
            .auto_necessary
            .iter()
            .map(|n| {
                format!(
                    "{} (inclN {}, RoN {})",
                    expr(&n.condition),
                    f3(n.incl),
                    f3(n.ron)
                )
            })
            .collect();
        writeln!(
            out,
            "<p>{}</p>",
            cx.tf(
                "report-esa-necessary",
                &[("conditions", &found.join(LIST_SEPARATOR))]
            )
        )?;
    }
    let groups: Vec<_> = e.groups.iter().filter(|g| !g.rows.is_empty()).collect();
    if groups.is_empty() {
        writeln!(out, "<p>{}</p>", cx.t("report-esa-nothing"))?;
    } else {
        write!(
            out,
            "<table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
            cx.t("report-esa-excluded-caption"),
            cx.t("report-esa-col-reason"),
            cx.t("report-esa-col-rows"),
        )?;
        for g in groups {
            let rows: Vec<String> = g.rows.iter().map(|r| r.configuration.clone()).collect();
            writeln!(
                out,
                "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
                escape(&cx.msg(&g.reason.msg())),
                exprs(&rows)
            )?;
        }
        out.push_str("</tbody>\n</table>\n");
    }
    for n in &e.notes {
        writeln!(out, "<p class=\"note\">{}</p>", escape(&cx.msg(n)))?;
    }
    if let Some(why) = &e.after_error {
        writeln!(
            out,
            "<div class=\"step-failed\" role=\"alert\">{}</div>",
            escape(&cx.msg(why))
        )?;
    }
    if !e.changes.is_empty() {
        write!(
            out,
            "<table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
            cx.t("report-esa-changes-caption"),
            cx.t("report-esa-col-solution"),
            cx.t("report-esa-col-before"),
            cx.t("report-esa-col-after"),
            cx.t("report-esa-col-changed"),
        )?;
        for c in &e.changes {
            let changed = if c.changed {
                let mut parts = Vec::new();
                if !c.dropped.is_empty() {
                    parts.push(cx.tf("report-esa-dropped", &[("terms", &exprs(&c.dropped))]));
                }
                if !c.added.is_empty() {
                    parts.push(cx.tf("report-esa-added", &[("terms", &exprs(&c.added))]));
                }
                if parts.is_empty() {
                    cx.t("report-rob-yes")
                } else {
                    parts.join("; ")
                }
            } else {
                cx.t("report-rob-no")
            };
            writeln!(
                out,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{changed}</td></tr>",
                solution_name(cx, c.solution, c.from.as_deref()),
                exprs(&c.before),
                exprs(&c.after),
            )?;
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
    Ok(())
}

fn most_typical_first(cx: &Ctx, set: &SetCases) -> String {
    names(cx, &set.most_typical)
}

pub(crate) fn render_cases(cx: &Ctx, out: &mut String) -> Result<(), ReportError> {
    let Some(step) = &cx.analysis().case_selection else {
        return Ok(());
    };
    open_section(cx, out, "casusselectie")?;
    writeln!(out, "<p class=\"note\">{}</p>", cx.t("report-cases-intro"))?;
    out.push_str(&cx.step_box(step));
    let Some(c) = step.ok() else {
        out.push_str("</section>\n");
        return Ok(());
    };
    writeln!(
        out,
        "<p>{}</p>",
        cx.tf("report-cases-solution", &[("solution", &expr(&c.solution))])
    )?;
    write!(
        out,
        "<table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
        cx.t("report-cases-terms-caption"),
        cx.t("report-cases-col-term"),
        cx.t("report-cases-col-typical"),
        cx.t("report-cases-col-most-typical"),
        cx.t("report-cases-col-unique"),
        cx.t("report-cases-col-deviant"),
    )?;
    for t in &c.terms {
        let deviant: Vec<String> = t
            .deviant_consistency_kind
            .iter()
            .map(|d| d.case.case.clone())
            .collect();
        writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            expr(&t.name),
            t.counts.typical,
            most_typical_first(cx, t),
            names(cx, &t.uniquely_covered),
            names(cx, &deviant),
        )?;
    }
    out.push_str("</tbody>\n</table>\n");
    let s = &c.solution_cases;
    let deviant: Vec<String> = s
        .deviant_consistency_kind
        .iter()
        .map(|d| d.case.case.clone())
        .collect();
    out.push_str("<dl class=\"meta\">\n");
    for (key, value) in [
        ("report-cases-visit-typical", most_typical_first(cx, s)),
        ("report-cases-visit-deviant", names(cx, &deviant)),
        ("report-cases-visit-coverage", refs(cx, &s.deviant_coverage)),
    ] {
        writeln!(out, "<dt>{}</dt><dd>{value}</dd>", cx.t(key))?;
    }
    out.push_str("</dl>\n");
    // Pairs for comparison: a typical case beside the most similar deviant case, per term.
    let pairs: Vec<_> = c
        .pairs
        .iter()
        .filter(|p| p.kind == PairKind::TypicalDeviantConsistency && !p.pairs.is_empty())
        .collect();
    if !pairs.is_empty() {
        write!(
            out,
            "<table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
            cx.t("report-cases-pairs-caption"),
            cx.t("report-cases-col-term"),
            cx.t("report-cases-col-typical-case"),
            cx.t("report-cases-col-deviant-case"),
        )?;
        for list in pairs {
            if let Some(p) = list.pairs.first() {
                writeln!(
                    out,
                    "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
                    expr(&list.group),
                    escape(&cx.name(&p.first.case)),
                    escape(&cx.name(&p.second.case)),
                )?;
            }
        }
        out.push_str("</tbody>\n</table>\n");
    }
    writeln!(out, "<p class=\"note\">{}</p>", cx.t("report-cases-note"))?;
    out.push_str("</section>\n");
    Ok(())
}
