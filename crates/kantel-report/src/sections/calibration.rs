//! `#kalibratie`: per set its anchors, the researcher's justification and a plot of raw
//! value against membership; then the raw and calibrated values of every municipality.

use std::fmt::Write;

use super::open_section;
use crate::ReportError;
use crate::context::Ctx;
use crate::html::{escape, f3};
use crate::svg::{self, Point};

/// Names of the anchors of a set: exclusion, crossover, inclusion for three anchors,
/// numbered thresholds otherwise.
fn anchor_names(cx: &Ctx, anchors: &[f64]) -> Vec<String> {
    if anchors.len() == 3 {
        ["cal.e", "cal.c", "cal.i"]
            .iter()
            .map(|k| cx.t(k).to_string())
            .collect()
    } else {
        (1..=anchors.len()).map(|k| format!("t{k}")).collect()
    }
}

pub(crate) fn render(cx: &Ctx, out: &mut String) -> Result<(), ReportError> {
    open_section(cx, out, "kalibratie")?;
    let a = cx.analysis();
    writeln!(out, "<p class=\"note\">{}</p>", cx.t("cal.intro"))?;
    for c in &a.calibrations {
        let label = cx.set_label(&c.set);
        write!(
            out,
            "<h3 id=\"cal-{id}\"><code>{id}</code>: {}</h3>\n<dl class=\"meta\">\n",
            escape(&label),
            id = escape(&c.set)
        )?;
        let names = anchor_names(cx, &c.anchors);
        let anchors = if c.anchors.is_empty() {
            "–".to_string()
        } else {
            c.anchors
                .iter()
                .zip(&names)
                .map(|(v, n)| format!("{} = {v}", escape(n)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let source = match c.source.as_str() {
            "survey" => cx.t("cal.source.survey").to_string(),
            "register" => cx.t("cal.source.register").to_string(),
            "rating" => cx.t("cal.source.rating").to_string(),
            other => escape(other).into_owned(),
        };
        for (key, value) in [
            ("cal.source", source),
            ("cal.method", format!("<code>{}</code>", escape(&c.method))),
            ("cal.anchors", anchors),
            ("cal.justification", escape(&c.justification).into_owned()),
        ] {
            writeln!(out, "<dt>{}</dt><dd>{value}</dd>", cx.t(key))?;
        }
        out.push_str("</dl>\n");
        for w in &c.warnings {
            writeln!(out, "<p class=\"warn\">{}</p>", escape(w))?;
        }
        if let (Some(raw), Some(set)) = (a.raw.column(&c.set), a.sets.column(&c.set)) {
            let points: Vec<Point> = a
                .sets
                .cases()
                .iter()
                .zip(raw.iter().zip(set))
                .map(|(code, (&x, &y))| Point {
                    x,
                    y,
                    label: cx.name(code),
                    highlight: false,
                })
                .collect();
            let anchors: Vec<(f64, String)> = c.anchors.iter().copied().zip(names).collect();
            let title = cx.tf("cal.plot.title", &[("set", &c.set)]);
            let plot = svg::calibration_plot(
                &title,
                &title,
                cx.t("cal.axis.raw"),
                &cx.tf("cal.axis.membership", &[("set", &c.set)]),
                points,
                &anchors,
            );
            writeln!(
                out,
                "<figure>{plot}<figcaption>{}</figcaption></figure>",
                cx.t("cal.caption")
            )?;
        }
    }

    // The data matrix.
    let sets: Vec<&str> = a
        .conditions
        .iter()
        .map(String::as_str)
        .chain(std::iter::once(cx.outcome_set()))
        .collect();
    write!(
        out,
        "<h3>{}</h3>\n<p class=\"note\">{}</p>\n<table class=\"data\">\n<thead><tr><th>{}</th>",
        cx.t("cal.data"),
        cx.t("cal.data.note"),
        cx.t("col.municipality")
    )?;
    for s in &sets {
        write!(out, "<th class=\"num\"><code>{}</code></th>", escape(s))?;
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (k, code) in a.sets.cases().iter().enumerate() {
        write!(out, "<tr><td>{}</td>", escape(&cx.name(code)))?;
        for s in &sets {
            let raw = a.raw.column(s).map_or(f64::NAN, |c| c[k]);
            let m = a.sets.column(s).map_or(f64::NAN, |c| c[k]);
            write!(out, "<td class=\"num\">{} → {}</td>", f3(raw), f3(m))?;
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
    Ok(())
}
