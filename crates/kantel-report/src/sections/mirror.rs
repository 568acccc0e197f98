//! `#spiegel`: one mirror report per municipality, each fit for one printed page: its
//! profile against all other municipalities, the solution terms that cover it, its
//! truth-table row and its quality flags.

use std::fmt::Write;

use kantel_i18n::Arg;

use super::open_section;
use super::solutions::views;
use super::study::{dropped_reasons, flag_in_analysis, flag_text, group_label, scores};
use super::truth_table::row_cases;
use crate::ReportError;
use crate::context::{Ctx, LIST_SEPARATOR};
use crate::html::{escape, f3, f3_opt, thousands};
use crate::svg::{self, Strip};

pub(crate) fn render_all(cx: &Ctx, out: &mut String) -> Result<(), ReportError> {
    open_section(cx, out, "spiegel")?;
    write!(
        out,
        "<p class=\"note\">{}</p>\n<ul class=\"mirror-index\">\n",
        cx.t("report-mirror-intro")
    )?;
    for m in &cx.input.study.municipalities {
        writeln!(
            out,
            "<li><a href=\"#spiegel-{c}\">{}</a> ({c})</li>",
            escape(&m.name),
            c = escape(m.code.as_str())
        )?;
    }
    out.push_str("</ul>\n");
    for m in &cx.input.study.municipalities {
        render_one(cx, out, m.code.as_str())?;
    }
    out.push_str("</section>\n");
    Ok(())
}

/// Where a case sits relative to a model and the outcome (Schneider & Rohlfing's case types).
fn case_type(cx: &Ctx, x: f64, y: f64) -> String {
    if x == 0.5 || y == 0.5 {
        cx.t("report-mirror-type-crossover")
    } else if x > 0.5 && y > 0.5 {
        cx.t("report-mirror-type-typical")
    } else if x > 0.5 {
        cx.t("report-mirror-type-deviant-consistency")
    } else if y > 0.5 {
        cx.t("report-mirror-type-deviant-coverage")
    } else {
        cx.t("report-mirror-type-irrelevant")
    }
}

/// A strip plot of one column of the analysed municipalities with case `k` highlighted.
fn strip(
    cx: &Ctx,
    set: &str,
    cases: &[String],
    values: &[f64],
    k: usize,
    membership: bool,
) -> String {
    let name = cx.name(&cases[k]);
    let what = if membership {
        cx.t("report-mirror-membership")
    } else {
        cx.t("report-mirror-raw")
    };
    let aria = cx.tf(
        "report-mirror-strip-aria",
        &[
            ("set", set),
            ("what", &what),
            ("name", &name),
            ("value", &f3(values[k])),
            ("n", &values.len().to_string()),
        ],
    );
    let axis = if membership {
        cx.tf("report-mirror-axis-membership", &[("set", set)])
    } else {
        cx.tf("report-mirror-axis-raw", &[("set", set)])
    };
    svg::strip_plot(&Strip {
        title: format!("{set}: {what}"),
        aria_label: aria,
        axis_label: axis,
        values: values
            .iter()
            .copied()
            .zip(cases.iter().map(|c| cx.name(c)))
            .collect(),
        highlight: Some(k),
        membership,
    })
}

pub(crate) fn render_one(cx: &Ctx, out: &mut String, code: &str) -> Result<(), ReportError> {
    let study = cx.input.study;
    let a = cx.analysis();
    let name = cx.name(code);
    let c = escape(code);
    write!(
        out,
        "<section class=\"mirror\" id=\"spiegel-{c}\" aria-labelledby=\"h-spiegel-{c}\">\n<h3 id=\"h-spiegel-{c}\">{}</h3>\n{}\n",
        cx.tf(
            "report-mirror-heading",
            &[("name", &escape(&name)), ("code", &c)]
        ),
        cx.banner(),
    )?;

    // Basic facts and response.
    let sep = cx.thousands_sep();
    let m = study.municipality(code);
    let sc = scores(cx, code);
    writeln!(out, "<dl class=\"meta\">")?;
    if let Some(m) = m {
        writeln!(
            out,
            "<dt>{}</dt><dd>{}</dd>",
            cx.t("report-col-inhabitants"),
            thousands(m.inhabitants, sep)
        )?;
        if let Some(g) = &m.group {
            writeln!(
                out,
                "<dt>{}</dt><dd>{}</dd>",
                cx.t("report-col-group"),
                escape(g)
            )?;
        }
    }
    if let Some(s) = sc {
        let response: Vec<String> = study
            .respondent_groups
            .iter()
            .map(|g| {
                format!(
                    "{}: {}",
                    group_label(cx, &g.id),
                    s.respondents.get(&g.id).copied().unwrap_or(0)
                )
            })
            .collect();
        writeln!(
            out,
            "<dt>{}</dt><dd>{}</dd>",
            cx.t("report-col-respondents"),
            response.join(LIST_SEPARATOR)
        )?;
    }
    let k = cx.case_index(code);
    let stats = a.statistics();
    let status = if stats.is_some_and(|s| s.comparison.leading.iter().any(|l| l == code)) {
        cx.t("report-mirror-leading")
    } else if stats.is_some_and(|s| s.comparison.lagging.iter().any(|l| l == code)) {
        cx.t("report-mirror-lagging")
    } else if k.is_some() && stats.is_some() {
        cx.t("report-mirror-neither")
    } else if k.is_some() {
        cx.t("report-mirror-analysed")
    } else {
        cx.t("report-mirror-not-analysed")
    };
    write!(
        out,
        "<dt>{}</dt><dd>{status}</dd>\n</dl>\n",
        cx.t("report-mirror-status")
    )?;

    match k {
        Some(k) => {
            profile(cx, out, code, k)?;
            match cx.tt_index(code) {
                Some(t) => {
                    coverage(cx, out, t)?;
                    truth_table_row(cx, out, t)?;
                }
                None => {
                    if let Some(h) = a
                        .truth_table
                        .ok()
                        .and_then(|r| r.half_cases.iter().find(|h| h.municipality == code))
                    {
                        writeln!(
                            out,
                            "<p class=\"warn\">{}</p>",
                            cx.tf(
                                "report-mirror-not-in-truth-table",
                                &[("conditions", &escape(&h.conditions.join(", ")))]
                            )
                        )?;
                    }
                }
            }
        }
        None if a.measurement.is_ok() => {
            writeln!(
                out,
                "<p class=\"warn\">{} {}</p>",
                cx.t("report-mirror-dropped"),
                dropped_reasons(cx, code).join(LIST_SEPARATOR)
            )?;
        }
        None => {}
    }

    // Flags: those about the analysis, then those about scales outside it.
    writeln!(out, "<h4>{}</h4>", cx.t("report-col-flags"))?;
    let (analysed, other): (Vec<_>, Vec<_>) = sc
        .map(|s| s.flags.iter().collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .partition(|f| flag_in_analysis(cx, f));
    if analysed.is_empty() {
        writeln!(out, "<p>{}</p>", cx.t("report-mirror-no-flags"))?;
    } else {
        out.push_str("<ul class=\"flag\">\n");
        for f in analysed {
            writeln!(out, "<li>{}</li>", flag_text(cx, f))?;
        }
        out.push_str("</ul>\n");
    }
    if !other.is_empty() {
        writeln!(
            out,
            "<p class=\"note\">{} {}</p>",
            cx.t("report-mirror-other-flags"),
            other
                .iter()
                .map(|f| flag_text(cx, f))
                .collect::<Vec<_>>()
                .join(LIST_SEPARATOR)
        )?;
    }
    out.push_str("</section>\n");
    Ok(())
}

fn profile(cx: &Ctx, out: &mut String, code: &str, k: usize) -> Result<(), ReportError> {
    let Some(raw) = cx.raw() else {
        return Ok(());
    };
    let sets = cx.sets();
    let n = raw.n_cases();
    write!(
        out,
        "<h4>{}</h4>\n<p class=\"note\">{}</p>\n<table class=\"profile\">\n<thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        cx.t("report-mirror-profile"),
        cx.tr("report-mirror-profile-note", &[("n", Arg::from(n))]),
        cx.t("report-col-set"),
        cx.t("report-mirror-raw"),
        cx.t("report-mirror-membership"),
        cx.t("report-mirror-position"),
        cx.t("report-mirror-plots"),
        cx.t("report-mirror-groups"),
    )?;
    let sc = scores(cx, code);
    for set in cx.analysed_sets() {
        let Some(raw_col) = raw.column(set) else {
            continue;
        };
        let mem = sets.and_then(|s| s.column(set));
        let below = raw_col
            .iter()
            .enumerate()
            .filter(|(i, v)| *i != k && **v < raw_col[k])
            .count();
        let position = cx.tr(
            "report-mirror-rank",
            &[("k", Arg::from(below)), ("others", Arg::from(n - 1))],
        );
        // Group means and spread, for survey scales.
        let groups = sc.and_then(|s| s.scale(set)).map_or(String::new(), |s| {
            let mut parts: Vec<String> = s
                .groups
                .iter()
                .map(|g| {
                    format!(
                        "{} {} (n={})",
                        group_label(cx, &g.group),
                        f3_opt(g.mean),
                        g.n
                    )
                })
                .collect();
            parts.push(format!("sd {}", f3_opt(s.sd)));
            if s.gap.is_some() {
                parts.push(format!("{} {}", cx.t("report-mirror-gap"), f3_opt(s.gap)));
            }
            parts.join("<br>")
        });
        let plots = match mem {
            Some(mem) => format!(
                "{}<br>{}",
                strip(cx, set, raw.cases(), raw_col, k, false),
                strip(cx, set, raw.cases(), mem, k, true)
            ),
            None => strip(cx, set, raw.cases(), raw_col, k, false),
        };
        writeln!(
            out,
            "<tr><td><code>{}</code><br><span class=\"note\">{}</span></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{position}</td><td>{plots}</td><td class=\"note\">{groups}</td></tr>",
            escape(set),
            escape(&cx.set_label(set)),
            f3(raw_col[k]),
            mem.map_or_else(|| "NA".to_string(), |m| f3(m[k])),
        )?;
    }
    out.push_str("</tbody>\n</table>\n");
    Ok(())
}

/// The solution terms covering the municipality with index `t` in the truth table.
fn coverage(cx: &Ctx, out: &mut String, t: usize) -> Result<(), ReportError> {
    let Some(tt) = cx.tt() else {
        return Ok(());
    };
    let all = views(cx);
    if all.is_empty() {
        return Ok(());
    }
    let y = tt.outcome_membership();
    write!(
        out,
        "<h4>{}</h4>\n<p class=\"note\">{}</p>\n<ul class=\"coverage\">\n",
        cx.t("report-mirror-coverage"),
        cx.t("report-mirror-coverage-note")
    )?;
    for view in all {
        for (i, m) in view.models.iter().enumerate() {
            let (union, terms) = cx.model_membership(m)?;
            let covering: Vec<String> = m
                .terms
                .iter()
                .zip(&terms)
                .filter(|(_, x)| x[t] > 0.5)
                .map(|(term, x)| {
                    format!(
                        "<span class=\"expr\">{}</span> ({})",
                        escape(&term.term),
                        f3(x[t])
                    )
                })
                .collect();
            let covered = if covering.is_empty() {
                cx.t("report-mirror-covered-none")
            } else {
                covering.join(LIST_SEPARATOR)
            };
            writeln!(
                out,
                "<li>{} M{}: <span class=\"expr\">{}</span>: {covered}. {}</li>",
                view.title,
                i + 1,
                escape(&m.expression),
                cx.tf(
                    "report-mirror-case-type",
                    &[
                        ("x", &f3(union[t])),
                        ("y", &f3(y[t])),
                        ("type", &case_type(cx, union[t], y[t]))
                    ]
                ),
            )?;
        }
    }
    out.push_str("</ul>\n");
    Ok(())
}

/// The truth-table row of the municipality with index `t` in the truth table.
fn truth_table_row(cx: &Ctx, out: &mut String, t: usize) -> Result<(), ReportError> {
    let Some(tt) = cx.tt() else {
        return Ok(());
    };
    writeln!(out, "<h4>{}</h4>", cx.t("report-mirror-tt-row"))?;
    let Some(row) = tt.rows().iter().find(|r| r.cases.contains(&t)) else {
        writeln!(out, "<p>{}</p>", cx.t("report-mirror-tt-row-none"))?;
        return Ok(());
    };
    let others: Vec<usize> = row.cases.iter().copied().filter(|&c| c != t).collect();
    writeln!(
        out,
        "<p>{}</p>",
        cx.tf(
            "report-mirror-tt-row-text",
            &[
                ("row", &row.row.to_string()),
                (
                    "config",
                    &format!(
                        "<span class=\"expr\">{}</span>",
                        escape(&cx.configuration(tt, &row.values))
                    )
                ),
                ("out", row.out.code()),
                ("n", &row.n.to_string()),
                ("incl", &f3(row.incl)),
                ("pri", &f3(row.pri)),
                (
                    "others",
                    &if others.is_empty() {
                        "–".to_string()
                    } else {
                        row_cases(cx, tt, &others)
                    }
                ),
            ]
        )
    )?;
    Ok(())
}
