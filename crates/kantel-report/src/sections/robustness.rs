//! `#robuustheid`: the robustness sweep of `[analysis.robustness]` (kantel_qca::sweep):
//! what was varied, within which values the solution stays, which terms are robust (and,
//! for simulated data, whether the planted terms are), the robustness fit over all test
//! solutions, the municipalities per robustness case type and the robustness XY plot.

use std::fmt::Write;

use kantel_qca::sweep::{Parameter, Range, Sweep, SweepTerm};

use super::open_section;
use crate::ReportError;
use crate::context::{Ctx, LIST_SEPARATOR};
use crate::html::{escape, f3};

/// Terms listed in the table; the JSON has all.
const LISTED_TERMS: usize = 12;

/// A parameter value as people write it: 0.85, 3.4537, 2.
fn short(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

fn parameter_label(cx: &Ctx, p: &Parameter) -> String {
    match p {
        Parameter::Anchor { set, anchor } => cx.tf(
            "report-rob-anchor",
            &[
                ("set", &cx.set_label(set)),
                (
                    "anchor",
                    &cx.t(&format!("report-rob-anchor-{}", anchor.short())),
                ),
            ],
        ),
        other => other.label(),
    }
}

fn range_text(cx: &Ctx, r: &Range) -> String {
    match (r.lower, r.upper) {
        (Some(lo), Some(hi)) => {
            let end = |v: f64, closed: bool| {
                if closed {
                    short(v)
                } else {
                    format!("{}*", short(v))
                }
            };
            format!("{} – {}", end(lo, r.lower_closed), end(hi, r.upper_closed))
        }
        _ => cx.t("report-rob-not-initial"),
    }
}

pub(crate) fn render(cx: &Ctx, out: &mut String) -> Result<(), ReportError> {
    let Some(step) = &cx.analysis().robustness else {
        return Ok(());
    };
    open_section(cx, out, "robuustheid")?;
    writeln!(out, "<p class=\"note\">{}</p>", cx.t("report-rob-intro"))?;
    out.push_str(&cx.step_box(step));
    let Some(s) = step.ok() else {
        out.push_str("</section>\n");
        return Ok(());
    };
    writeln!(
        out,
        "<p>{}</p>",
        cx.tf(
            "report-rob-settings",
            &[
                ("total", &s.counts.total.to_string()),
                ("models", &s.counts.with_models.to_string()),
                ("empty", &s.counts.empty.to_string()),
                ("failed", &s.counts.failed.to_string()),
                ("distinct", &s.models.len().to_string()),
            ]
        )
    )?;
    failures(cx, out, s)?;
    axes(cx, out, s)?;
    for (k, a) in s.axes.iter().enumerate() {
        if let Some(p) =
            crate::sweep_plots::range_plot(s, k, parameter_label(cx, &a.parameter), cx.lang)
        {
            writeln!(
                out,
                "<figure class=\"range\">{}</figure>",
                crate::plots::robustness_range_plot(&p)
            )?;
        }
    }
    planted(cx, out, s)?;
    terms(cx, out, s)?;
    comparison(cx, out, s)?;
    out.push_str("</section>\n");
    Ok(())
}

/// Why settings failed: each reason once, with how many settings.
fn failures(cx: &Ctx, out: &mut String, s: &Sweep) -> Result<(), ReportError> {
    let reasons = s.failures();
    if reasons.is_empty() {
        return Ok(());
    }
    out.push_str("<ul class=\"note\">\n");
    for f in reasons.iter().take(5) {
        writeln!(
            out,
            "<li>{}</li>",
            cx.tf(
                "report-rob-failed",
                &[
                    ("n", &f.settings.to_string()),
                    ("reason", &escape(&cx.msg(f.reason)))
                ]
            )
        )?;
    }
    out.push_str("</ul>\n");
    Ok(())
}

fn axes(cx: &Ctx, out: &mut String, s: &Sweep) -> Result<(), ReportError> {
    write!(
        out,
        "<table class=\"num\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
        cx.t("report-rob-axes-caption"),
        cx.t("report-rob-col-parameter"),
        cx.t("report-rob-col-values"),
        cx.t("report-rob-col-initial"),
        cx.t("report-rob-col-range"),
    )?;
    for a in &s.axes {
        let values: Vec<String> = a.values.iter().map(|v| short(*v)).collect();
        writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&parameter_label(cx, &a.parameter)),
            values.join(LIST_SEPARATOR),
            short(a.initial),
            range_text(cx, &a.range)
        )?;
    }
    writeln!(
        out,
        "</tbody>\n</table>\n<p class=\"note\">{}</p>",
        cx.t("report-rob-range-note")
    )?;
    Ok(())
}

/// For a simulated study: which planted terms are robust.
fn planted(cx: &Ctx, out: &mut String, s: &Sweep) -> Result<(), ReportError> {
    let Some(planted) = cx.input.study.study.planted_structure.as_deref() else {
        return Ok(());
    };
    if !cx.simulated() {
        return Ok(());
    }
    let with_models = s.counts.with_models.max(1) as f64;
    write!(
        out,
        "<h3>{}</h3>\n<ul class=\"planted\">\n",
        cx.t("report-rob-planted-title")
    )?;
    for (term, found) in cx.analysis().planted_robustness(planted) {
        let (key, share, class) = match found {
            Some(st) if st.robust => ("report-rob-planted-robust", 1.0, "yes"),
            Some(st) if st.in_all_models > 0 => (
                "report-rob-planted-partly",
                st.in_all_models as f64 / with_models,
                "partly",
            ),
            Some(st) => (
                "report-rob-planted-some",
                st.in_some_model as f64 / with_models,
                "no",
            ),
            None => ("report-rob-planted-never", 0.0, "no"),
        };
        writeln!(
            out,
            "<li class=\"{class}\">{}</li>",
            cx.tf(
                key,
                &[
                    (
                        "term",
                        &format!("<span class=\"expr\">{}</span>", escape(&term))
                    ),
                    ("share", &format!("{:.0}%", share * 100.0)),
                ]
            )
        )?;
    }
    out.push_str("</ul>\n");
    Ok(())
}

fn terms(cx: &Ctx, out: &mut String, s: &Sweep) -> Result<(), ReportError> {
    let with_models = s.counts.with_models.max(1) as f64;
    write!(
        out,
        "<table class=\"num\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th>",
        cx.t("report-rob-terms-caption"),
        cx.t("report-rob-col-term"),
        cx.t("report-rob-col-in-all"),
        cx.t("report-rob-col-robust"),
    )?;
    for a in &s.axes {
        write!(
            out,
            "<th scope=\"col\">{}</th>",
            escape(&parameter_label(cx, &a.parameter))
        )?;
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let listed: Vec<&SweepTerm> = s.terms.iter().take(LISTED_TERMS).collect();
    for t in &listed {
        write!(
            out,
            "<tr><th scope=\"row\"><span class=\"expr\">{}</span>{}</th><td>{:.0}%</td><td>{}</td>",
            escape(&t.term),
            if t.initial { " *" } else { "" },
            t.in_all_models as f64 / with_models * 100.0,
            if t.robust {
                cx.t("report-rob-yes")
            } else {
                cx.t("report-rob-no")
            }
        )?;
        for r in &t.ranges {
            write!(out, "<td>{}</td>", range_text(cx, r))?;
        }
        out.push_str("</tr>\n");
    }
    writeln!(
        out,
        "</tbody>\n</table>\n<p class=\"note\">{}</p>",
        cx.tf(
            "report-rob-terms-note",
            &[
                ("listed", &listed.len().to_string()),
                ("all", &s.terms.len().to_string())
            ]
        )
    )?;
    Ok(())
}

fn comparison(cx: &Ctx, out: &mut String, s: &Sweep) -> Result<(), ReportError> {
    let Some(c) = &s.comparison else {
        if let Some(why) = &s.no_comparison {
            writeln!(out, "<p class=\"note\">{}</p>", cx.msg(why))?;
        }
        return Ok(());
    };
    writeln!(
        out,
        "<h3>{}</h3>\n<p>{}</p>",
        cx.t("report-rob-fit-title"),
        cx.tf(
            "report-rob-fit-intro",
            &[
                (
                    "model",
                    &format!("<span class=\"expr\">{}</span>", escape(&c.initial_model))
                ),
                ("tests", &c.test_solutions.to_string()),
            ]
        )
    )?;
    let f = c.fit.exact;
    let k = c.core_fit.exact;
    writeln!(
        out,
        "<table class=\"num\"><thead><tr><th>RF_cov</th><th>RF_cons</th><th>RF_SC_minTS</th><th>RF_SC_maxTS</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody><tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr></tbody></table>\n<p class=\"note\">{}</p>",
        cx.t("report-rob-core-incl"),
        cx.t("report-rob-core-cov"),
        cx.t("report-rob-core-pri"),
        f3(f.rf_cov),
        f3(f.rf_cons),
        f3(f.rf_sc_min_ts),
        f3(f.rf_sc_max_ts),
        f3(k.cons),
        f3(k.cov),
        f3(k.pri),
        cx.t("report-rob-fit-note")
    )?;
    write!(
        out,
        "<h3>{}</h3>\n<table>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
        cx.t("report-rob-cases-title"),
        cx.t("report-rob-col-type"),
        cx.t("report-rob-col-municipalities"),
    )?;
    for g in &c.case_groups {
        let names = if g.cases.is_empty() {
            "–".to_string()
        } else {
            escape(&cx.names(&g.cases)).into_owned()
        };
        writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{names}</td></tr>",
            escape(&cx.t(&format!("qca-sweep-cli-group-{}", g.key)))
        )?;
    }
    writeln!(
        out,
        "</tbody>\n</table>\n<p class=\"note\">{}</p>",
        cx.tf(
            "report-rob-ratios",
            &[
                ("typ", &f3(c.case_ratios.rcr_typ)),
                ("dev", &f3(c.case_ratios.rcr_dev)),
                ("rank", &c.case_ratios.rcc_rank.to_string()),
            ]
        )
    )?;
    let plot = crate::sweep_plots::xy_plot(s, cx.lang, |code| cx.name(code))
        .map(|p| crate::plots::xy_case_types_plot(&p))
        .unwrap_or_default();
    writeln!(
        out,
        "<figure class=\"xy\">{plot}<figcaption>{}</figcaption></figure>",
        cx.t("report-rob-xy-caption")
    )?;
    Ok(())
}
