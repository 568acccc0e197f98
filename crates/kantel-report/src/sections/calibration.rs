//! `#kalibratie`: per set where its values come from (survey; register file, indicator and
//! year; ratings), its anchors, the researcher's justification and a plot of raw value
//! against membership; then the raw and calibrated values of every municipality.

use std::fmt::Write;

use kantel_i18n::Arg;
use kantel_study::analysis::{DataSource, SourceKind};

use super::open_section;
use crate::ReportError;
use crate::context::{Ctx, LIST_SEPARATOR};
use crate::html::{escape, f3};
use crate::svg::{self, Point};

/// Names of the anchors of a set: exclusion, crossover, inclusion for three anchors,
/// numbered thresholds otherwise.
fn anchor_names(cx: &Ctx, anchors: &[f64]) -> Vec<String> {
    if anchors.len() == 3 {
        ["report-cal-e", "report-cal-c", "report-cal-i"]
            .iter()
            .map(|k| cx.t(k))
            .collect()
    } else {
        (1..=anchors.len()).map(|k| format!("t{k}")).collect()
    }
}

/// Where a set's values come from, in words: the kind of source and, for register data,
/// the indicator, the source the study file names, the year used (and why) and the files.
pub(crate) fn source_text(cx: &Ctx, set: &str, kind: &str) -> String {
    let a = cx.analysis();
    let source = a.sources.iter().find(|s| s.set == set);
    let kind = source.map_or(kind, |s| s.kind.as_str());
    let mut text = match kind {
        "survey" => cx.t("report-cal-source-survey"),
        "register" => cx.t("report-cal-source-register"),
        "rating" => cx.t("report-cal-source-rating"),
        other => escape(other).into_owned(),
    };
    if let Some(s) = source {
        let details = source_details(cx, s);
        if !details.is_empty() {
            text.push_str(": ");
            text.push_str(&details.join(LIST_SEPARATOR));
        }
    }
    text
}

fn source_details(cx: &Ctx, s: &DataSource) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(ind) = &s.indicator {
        parts.push(cx.tf("report-source-indicator", &[("indicator", &escape(ind))]));
    }
    if let Some(label) = &s.label {
        parts.push(cx.tf("report-source-label", &[("label", &escape(label))]));
    }
    if let Some(note) = &s.year_note {
        parts.push(cx.tf("report-source-year", &[("year", &cx.msg(note))]));
    } else if let Some(y) = s.year {
        parts.push(cx.tf("report-source-year", &[("year", &y.to_string())]));
    }
    if !s.files.is_empty() {
        let files: Vec<String> = s.files.iter().map(|f| escape(f).into_owned()).collect();
        parts.push(cx.tr(
            "report-source-files",
            &[
                ("count", Arg::from(files.len())),
                ("files", Arg::Text(files.join(LIST_SEPARATOR))),
            ],
        ));
    } else if s.kind != SourceKind::Survey {
        parts.push(cx.t("report-source-no-file"));
    }
    parts.push(cx.tr(
        "report-source-values",
        &[
            ("n", Arg::from(s.n_values)),
            ("total", Arg::from(cx.analysis().cases.study)),
        ],
    ));
    parts
}

pub(crate) fn render(cx: &Ctx, out: &mut String) -> Result<(), ReportError> {
    open_section(cx, out, "kalibratie")?;
    let a = cx.analysis();
    writeln!(out, "<p class=\"note\">{}</p>", cx.t("report-cal-intro"))?;
    out.push_str(&cx.step_box(&a.calibration));
    if a.calibration.ok().is_none() {
        // Where the values come from is known even when calibration failed.
        write!(
            out,
            "<h3>{}</h3>\n<ul class=\"sources\">\n",
            cx.t("report-cal-source")
        )?;
        for s in &a.sources {
            writeln!(
                out,
                "<li><code>{}</code>: {}</li>",
                escape(&s.set),
                source_text(cx, &s.set, s.kind.as_str())
            )?;
        }
        out.push_str("</ul>\n</section>\n");
        return Ok(());
    }
    for c in a.calibrations() {
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
        for (key, value) in [
            ("report-cal-source", source_text(cx, &c.set, &c.source)),
            (
                "report-cal-method",
                format!("<code>{}</code>", escape(&c.method)),
            ),
            ("report-cal-anchors", anchors),
            (
                "report-cal-justification",
                escape(&c.justification).into_owned(),
            ),
        ] {
            writeln!(out, "<dt>{}</dt><dd>{value}</dd>", cx.t(key))?;
        }
        out.push_str("</dl>\n");
        for w in &c.warnings {
            writeln!(out, "<p class=\"warn\">{}</p>", cx.msg(w))?;
        }
        if let (Some(raw), Some(set)) = (
            cx.raw().and_then(|r| r.column(&c.set)),
            cx.sets().and_then(|s| s.column(&c.set)),
        ) {
            let cases = cx.sets().map_or(&[][..], |s| s.cases());
            let points: Vec<Point> = cases
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
            let title = cx.tf("report-cal-plot-title", &[("set", &c.set)]);
            let plot = svg::calibration_plot(
                &title,
                &title,
                &cx.t("report-cal-axis-raw"),
                &cx.tf("report-cal-axis-membership", &[("set", &c.set)]),
                points,
                &anchors,
            );
            writeln!(
                out,
                "<figure>{plot}<figcaption>{}</figcaption></figure>",
                cx.t("report-cal-caption")
            )?;
        }
    }

    // The data matrix.
    let (Some(raw), Some(members)) = (cx.raw(), cx.sets()) else {
        out.push_str("</section>\n");
        return Ok(());
    };
    let sets = cx.analysed_sets();
    write!(
        out,
        "<h3>{}</h3>\n<p class=\"note\">{}</p>\n<table class=\"data\">\n<thead><tr><th>{}</th>",
        cx.t("report-cal-data"),
        cx.t("report-cal-data-note"),
        cx.t("report-col-municipality")
    )?;
    for s in &sets {
        write!(out, "<th class=\"num\"><code>{}</code></th>", escape(s))?;
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (k, code) in members.cases().iter().enumerate() {
        write!(out, "<tr><td>{}</td>", escape(&cx.name(code)))?;
        for s in &sets {
            let r = raw.column(s).map_or(f64::NAN, |c| c[k]);
            let m = members.column(s).map_or(f64::NAN, |c| c[k]);
            write!(out, "<td class=\"num\">{} → {}</td>", f3(r), f3(m))?;
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
    Ok(())
}
