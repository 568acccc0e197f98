//! `#oplossingen`: conservative, parsimonious and intermediate solutions in R notation, with
//! parameters of fit, cases, simplifying assumptions, easy and difficult counterfactuals,
//! and an XY plot per term and per model.

use std::fmt::Write;

use kantel_i18n::Arg;
use kantel_qca::minimize::{Assumptions, Model};
use kantel_study::analysis::Solutions;

use super::open_section;
use crate::ReportError;
use crate::context::Ctx;
use crate::html::{escape, f3, thousands};
use crate::svg::{self, Point};

/// Most configurations listed one per line; longer lists print row numbers only.
const LIST_CONFIGURATIONS: usize = 32;

/// One solution type as the report shows it.
pub(crate) struct SolutionView<'a> {
    /// Id fragment: `conservative`, `parsimonious`, `intermediate-C1P1`.
    pub key: String,
    /// Heading (translated, escaped).
    pub title: String,
    /// The models.
    pub models: &'a [Model],
    /// False when the list of models was cut off.
    pub complete: bool,
    /// Easy and difficult counterfactuals (intermediate solutions only).
    pub counterfactuals: Option<(&'a Assumptions, &'a Assumptions)>,
}

/// Every solution of the analysis, in the order conservative, parsimonious, intermediate.
pub(crate) fn views<'a>(cx: &Ctx<'a>) -> Vec<SolutionView<'a>> {
    let Some(m) = cx.minimization() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(c) = &m.conservative {
        out.push(SolutionView {
            key: "conservative".into(),
            title: cx.t("report-sol-conservative"),
            models: &c.models,
            complete: c.complete,
            counterfactuals: None,
        });
    }
    if let Some(p) = &m.parsimonious {
        out.push(SolutionView {
            key: "parsimonious".into(),
            title: cx.t("report-sol-parsimonious"),
            models: &p.models,
            complete: p.complete,
            counterfactuals: None,
        });
    }
    for i in &m.intermediate {
        out.push(SolutionView {
            key: format!("intermediate-{}", i.from),
            title: cx.tf("report-sol-intermediate", &[("from", &escape(&i.from))]),
            models: &i.models,
            complete: i.complete,
            counterfactuals: Some((&i.easy_counterfactuals, &i.difficult_counterfactuals)),
        });
    }
    out
}

/// An XY plot of `x` (membership in a term or model) against the outcome, in a figure.
fn xy_figure(
    cx: &Ctx,
    out: &mut String,
    x_name: &str,
    x: &[f64],
    incl: f64,
    cov: f64,
) -> Result<(), ReportError> {
    let Some(tt) = cx.tt() else {
        return Ok(());
    };
    let y = tt.outcome_membership();
    let outcome = cx.analysis().outcome.as_str();
    let points: Vec<Point> = tt
        .case_names()
        .iter()
        .zip(x.iter().zip(y))
        .map(|(code, (&x, &y))| Point {
            x,
            y,
            label: cx.name(code),
            highlight: false,
        })
        .collect();
    let fit = format!("inclS = {}, covS = {}", f3(incl), f3(cov));
    let title = format!("{x_name} → {outcome}");
    let aria = cx.tf(
        "report-sol-xy-aria",
        &[
            ("x", x_name),
            ("y", outcome),
            ("fit", &fit),
            ("n", &points.len().to_string()),
        ],
    );
    // A long model does not fit under the axis; the caption below gives it in full.
    let axis: String = if x_name.chars().count() > 64 {
        x_name.chars().take(63).chain(['…']).collect()
    } else {
        x_name.to_string()
    };
    let plot = svg::xy_plot(&title, &aria, &axis, outcome, points);
    writeln!(
        out,
        "<figure class=\"xy\">{plot}<figcaption><span class=\"expr\">{}</span> → <span class=\"expr\">{}</span>: {fit}</figcaption></figure>",
        escape(x_name),
        escape(outcome),
    )?;
    Ok(())
}

/// Assumed configurations (simplifying assumptions, counterfactuals): one per line when
/// few, row numbers when more, and when the engine did not list them (more than a thousand)
/// the terms that cover them with their counts.
fn configurations(
    cx: &Ctx,
    out: &mut String,
    key: &str,
    assumed: &Assumptions,
) -> Result<(), ReportError> {
    let Some(tt) = cx.tt() else {
        return Ok(());
    };
    if assumed.count == 0 {
        writeln!(out, "<p>{}: –</p>", cx.t(key))?;
        return Ok(());
    }
    let Some(rows) = &assumed.rows else {
        let sep = cx.thousands_sep();
        write!(
            out,
            "<p>{} ({}), {}</p>\n<ul class=\"configurations\">\n",
            cx.t(key),
            thousands(assumed.count, sep),
            cx.t("report-sol-by-term")
        )?;
        for t in assumed.terms.iter().filter(|t| t.count > 0) {
            let n = cx.tr(
                "report-sol-term-count",
                &[
                    ("n", Arg::Count(i64::try_from(t.count).unwrap_or(i64::MAX))),
                    ("count", Arg::Text(thousands(t.count, sep))),
                ],
            );
            writeln!(
                out,
                "<li><span class=\"expr\">{}</span>: {n}</li>",
                escape(&t.term)
            )?;
        }
        out.push_str("</ul>\n");
        return Ok(());
    };
    if rows.len() > LIST_CONFIGURATIONS {
        let list: Vec<String> = rows.iter().map(u64::to_string).collect();
        writeln!(
            out,
            "<p>{} ({}): {}</p>",
            cx.t(key),
            rows.len(),
            list.join(", ")
        )?;
        return Ok(());
    }
    write!(
        out,
        "<p>{} ({}):</p>\n<ul class=\"configurations\">\n",
        cx.t(key),
        rows.len()
    )?;
    for &r in rows {
        let row = if r >= 1 && r <= tt.n_configurations() {
            escape(&cx.configuration(tt, &tt.row_values(r))).into_owned()
        } else {
            String::new()
        };
        writeln!(
            out,
            "<li>{} {r}: <span class=\"expr\">{row}</span></li>",
            cx.t("report-col-row")
        )?;
    }
    out.push_str("</ul>\n");
    Ok(())
}

fn model(
    cx: &Ctx,
    out: &mut String,
    view: &SolutionView,
    index: usize,
    m: &Model,
) -> Result<(), ReportError> {
    let label = format!("M{}", index + 1);
    writeln!(
        out,
        "<h4 id=\"sol-{}-{label}\">{label}: <span class=\"expr model\">{}</span> → <span class=\"expr\">{}</span></h4>",
        escape(&view.key),
        escape(&m.expression),
        escape(&cx.analysis().outcome),
    )?;
    write!(
        out,
        "<table class=\"solution\">\n<thead><tr><th>{}</th><th class=\"num\">inclS</th><th class=\"num\">PRI</th><th class=\"num\">covS</th><th class=\"num\">covU</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        cx.t("report-col-term"),
        cx.t("report-col-rows"),
        cx.t("report-col-municipalities"),
    )?;
    for t in &m.terms {
        let rows: Vec<String> = t.rows.iter().map(u64::to_string).collect();
        writeln!(
            out,
            "<tr><td class=\"expr\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
            escape(&t.term),
            f3(t.incl),
            f3(t.pri),
            f3(t.cov),
            f3(t.cov_u),
            rows.join(", "),
            cx.names(t.cases.iter()),
        )?;
    }
    write!(
        out,
        "<tr class=\"hl\"><td>{} {label}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td></td><td></td><td></td></tr>\n</tbody>\n</table>\n",
        cx.t("report-sol-model"),
        f3(m.incl),
        f3(m.pri),
        f3(m.cov),
    )?;
    if view.counterfactuals.is_none() && m.simplifying_assumptions.count > 0 {
        configurations(
            cx,
            out,
            "report-sol-simplifying",
            &m.simplifying_assumptions,
        )?;
    }
    let (union, terms) = cx.model_membership(m)?;
    out.push_str("<div class=\"plots\">\n");
    for (t, x) in m.terms.iter().zip(&terms) {
        xy_figure(cx, out, &t.term, x, t.incl, t.cov)?;
    }
    if m.terms.len() > 1 {
        xy_figure(cx, out, &m.expression, &union, m.incl, m.cov)?;
    }
    out.push_str("</div>\n");
    Ok(())
}

pub(crate) fn render(cx: &Ctx, out: &mut String) -> Result<(), ReportError> {
    open_section(cx, out, "oplossingen")?;
    writeln!(out, "<p class=\"note\">{}</p>", cx.t("report-sol-intro"))?;
    let a = cx.analysis();
    out.push_str(&cx.step_box(&a.minimization));
    if let Some(empty) = a.minimization.ok().and_then(Solutions::empty) {
        writeln!(
            out,
            "<div class=\"step-empty\" role=\"status\"><strong>{}</strong> {}</div>",
            cx.t("report-sol-empty"),
            cx.msg(&empty.reason)
        )?;
    }
    if cx.minimization().is_none() {
        out.push_str("</section>\n");
        return Ok(());
    }
    writeln!(out, "<p class=\"note\">{}</p>", cx.t("report-sol-xy-howto"))?;
    for view in views(cx) {
        writeln!(
            out,
            "<h3 id=\"sol-{}\">{}</h3>",
            escape(&view.key),
            view.title
        )?;
        if !view.complete {
            writeln!(
                out,
                "<p class=\"warn\">{}</p>",
                cx.t("report-sol-incomplete")
            )?;
        }
        if view.models.len() > 1 {
            writeln!(
                out,
                "<p>{}</p>",
                cx.tf(
                    "report-sol-n-models",
                    &[("n", &view.models.len().to_string())]
                )
            )?;
        }
        for (i, m) in view.models.iter().enumerate() {
            model(cx, out, &view, i, m)?;
        }
        if let Some((easy, difficult)) = view.counterfactuals {
            configurations(cx, out, "report-sol-easy", easy)?;
            configurations(cx, out, "report-sol-difficult", difficult)?;
        }
    }
    out.push_str("</section>\n");
    Ok(())
}
