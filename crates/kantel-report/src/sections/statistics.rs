//! `#statistiek`: leading versus lagging municipalities per condition (medians, exact
//! Mann-Whitney test, Cliff's delta, adjusted p) and rank correlations with the outcome
//! (Spearman, Kendall), saying for every p-value how it was obtained.

use std::fmt::Write;

use kantel_stats::PValueMethod;

use super::open_section;
use crate::ReportError;
use crate::context::Ctx;
use crate::html::{count_or_number, escape, f3, p_value};

/// How a p-value was computed, in words.
fn method(cx: &Ctx, m: &PValueMethod) -> String {
    match m {
        PValueMethod::Exact => cx.t("report-stat-exact"),
        PValueMethod::Permutation { permutations, seed } => cx.tf(
            "report-stat-permutation",
            &[
                ("n", &permutations.to_string()),
                ("seed", &seed.to_string()),
            ],
        ),
    }
}

/// Size of Cliff's delta by the thresholds of Romano et al. (2006): 0.147, 0.33, 0.474.
fn delta_size(cx: &Ctx, d: f64) -> String {
    let a = d.abs();
    if !a.is_finite() {
        String::new()
    } else if a < 0.147 {
        cx.t("report-stat-delta-negligible")
    } else if a < 0.33 {
        cx.t("report-stat-delta-small")
    } else if a < 0.474 {
        cx.t("report-stat-delta-medium")
    } else {
        cx.t("report-stat-delta-large")
    }
}

pub(crate) fn render(cx: &Ctx, out: &mut String) -> Result<(), ReportError> {
    open_section(cx, out, "statistiek")?;
    let a = cx.analysis();
    out.push_str(&cx.step_box(&a.statistics));
    let Some(stats) = a.statistics() else {
        out.push_str("</section>\n");
        return Ok(());
    };
    let cmp = &stats.comparison;
    let correction = match a.correction {
        kantel_stats::Correction::Holm => cx.t("report-stat-holm"),
        kantel_stats::Correction::BenjaminiHochberg => cx.t("report-stat-bh"),
    };
    write!(
        out,
        "<p class=\"note\">{}</p>\n<dl class=\"meta\">\n<dt>{}</dt><dd>{} ({})</dd>\n<dt>{}</dt><dd>{} ({})</dd>\n</dl>\n",
        cx.tf(
            "report-stat-intro",
            &[("correction", &correction), ("seed", &a.seed.to_string())]
        ),
        cx.t("report-stat-leading"),
        cmp.leading.len(),
        cx.names(&cmp.leading),
        cx.t("report-stat-lagging"),
        cmp.lagging.len(),
        cx.names(&cmp.lagging),
    )?;

    write!(
        out,
        "<h3>{}</h3>\n<table class=\"lead-lag\">\n<thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">U</th><th class=\"num\">p</th><th class=\"num\">{}</th><th class=\"num\">Cliff's δ</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        cx.t("report-stat-leadlag"),
        cx.t("report-col-condition"),
        cx.t("report-stat-median-leading"),
        cx.t("report-stat-median-lagging"),
        cx.t("report-stat-p-adjusted"),
        cx.t("report-stat-size"),
        cx.t("report-stat-method"),
    )?;
    for c in &cmp.conditions {
        writeln!(
            out,
            "<tr><td><code>{}</code></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
            escape(&c.set),
            f3(c.median_leading),
            f3(c.median_lagging),
            count_or_number(c.test.u),
            p_value(c.test.p_value),
            p_value(c.p_adjusted),
            f3(c.cliffs_delta),
            delta_size(cx, c.cliffs_delta),
            method(cx, &c.test.method),
        )?;
    }
    out.push_str("</tbody>\n</table>\n");

    write!(
        out,
        "<h3>{}</h3>\n<table class=\"correlations\">\n<thead><tr><th>{}</th><th class=\"num\">Spearman ρ</th><th class=\"num\">p</th><th class=\"num\">{}</th><th>{}</th><th class=\"num\">Kendall τ<sub>b</sub></th><th class=\"num\">p</th><th class=\"num\">{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        cx.tf(
            "report-stat-correlations",
            &[("outcome", &escape(&a.outcome))]
        ),
        cx.t("report-col-condition"),
        cx.t("report-stat-p-adjusted"),
        cx.t("report-stat-method"),
        cx.t("report-stat-p-adjusted"),
        cx.t("report-stat-method"),
    )?;
    for c in &stats.correlations {
        writeln!(
            out,
            "<tr><td><code>{}</code></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            escape(&c.set),
            f3(c.spearman.estimate),
            p_value(c.spearman.p_value),
            p_value(c.spearman_p_adjusted),
            method(cx, &c.spearman.method),
            f3(c.kendall.estimate),
            p_value(c.kendall.p_value),
            p_value(c.kendall_p_adjusted),
            method(cx, &c.kendall.method),
        )?;
    }
    out.push_str("</tbody>\n</table>\n");
    write!(
        out,
        "<p class=\"note\">{}</p>\n</section>\n",
        cx.t("report-stat-caution")
    )?;
    Ok(())
}
