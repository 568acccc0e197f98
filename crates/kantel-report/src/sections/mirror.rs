//! `#spiegel`: one mirror report per municipality, each fit for one printed page: its
//! profile against all other municipalities, the solution terms that cover it, its
//! truth-table row and its quality flags.

use std::fmt::Write;

use super::open_section;
use super::solutions::views;
use super::study::{dropped_reason, flag_text, group_label, scores};
use super::truth_table::row_cases;
use crate::ReportError;
use crate::context::Ctx;
use crate::html::{escape, f3, f3_opt, thousands};
use crate::svg::{self, Strip};

pub(crate) fn render_all(cx: &Ctx, out: &mut String) -> Result<(), ReportError> {
    open_section(cx, out, "spiegel")?;
    write!(
        out,
        "<p class=\"note\">{}</p>\n<ul class=\"mirror-index\">\n",
        cx.t("mirror.intro")
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
fn case_type(cx: &Ctx, x: f64, y: f64) -> &'static str {
    if x == 0.5 || y == 0.5 {
        cx.t("mirror.type.crossover")
    } else if x > 0.5 && y > 0.5 {
        cx.t("mirror.type.typical")
    } else if x > 0.5 {
        cx.t("mirror.type.deviant_consistency")
    } else if y > 0.5 {
        cx.t("mirror.type.deviant_coverage")
    } else {
        cx.t("mirror.type.irrelevant")
    }
}

/// A strip plot of one column with case `k` highlighted.
fn strip(cx: &Ctx, set: &str, values: &[f64], k: usize, membership: bool) -> String {
    let cases = cx.analysis().sets.cases();
    let name = cx.name(&cases[k]);
    let what = if membership {
        cx.t("mirror.membership")
    } else {
        cx.t("mirror.raw")
    };
    let aria = cx.tf(
        "mirror.strip.aria",
        &[
            ("set", set),
            ("what", what),
            ("name", &name),
            ("value", &f3(values[k])),
            ("n", &values.len().to_string()),
        ],
    );
    svg::strip_plot(&Strip {
        title: format!("{set}: {what}"),
        aria_label: aria,
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
        cx.tf("mirror.heading", &[("name", &escape(&name)), ("code", &c)]),
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
            cx.t("col.inhabitants"),
            thousands(m.inhabitants, sep)
        )?;
        if let Some(g) = &m.group {
            writeln!(out, "<dt>{}</dt><dd>{}</dd>", cx.t("col.group"), escape(g))?;
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
            cx.t("col.respondents"),
            response.join("; ")
        )?;
    }
    let k = cx.case_index(code);
    let status = if a.comparison.leading.iter().any(|l| l == code) {
        cx.t("mirror.leading")
    } else if a.comparison.lagging.iter().any(|l| l == code) {
        cx.t("mirror.lagging")
    } else if k.is_some() {
        cx.t("mirror.neither")
    } else {
        cx.t("mirror.not_analysed")
    };
    write!(
        out,
        "<dt>{}</dt><dd>{status}</dd>\n</dl>\n",
        cx.t("mirror.status")
    )?;

    if let Some(k) = k {
        profile(cx, out, code, k)?;
        coverage(cx, out, k)?;
        truth_table_row(cx, out, k)?;
    } else {
        let reason = dropped_reason(cx, code).unwrap_or("");
        writeln!(
            out,
            "<p class=\"warn\">{} {}</p>",
            cx.t("mirror.dropped"),
            escape(reason)
        )?;
    }

    writeln!(out, "<h4>{}</h4>", cx.t("col.flags"))?;
    let flags: Vec<String> = sc
        .map(|s| s.flags.iter().map(|f| flag_text(cx, f)).collect())
        .unwrap_or_default();
    if flags.is_empty() {
        writeln!(out, "<p>{}</p>", cx.t("mirror.no_flags"))?;
    } else {
        out.push_str("<ul class=\"flag\">\n");
        for f in flags {
            writeln!(out, "<li>{f}</li>")?;
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    Ok(())
}

fn profile(cx: &Ctx, out: &mut String, code: &str, k: usize) -> Result<(), ReportError> {
    let a = cx.analysis();
    let n = a.sets.n_cases();
    write!(
        out,
        "<h4>{}</h4>\n<p class=\"note\">{}</p>\n<table class=\"profile\">\n<thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        cx.t("mirror.profile"),
        cx.tf("mirror.profile.note", &[("n", &n.to_string())]),
        cx.t("col.set"),
        cx.t("mirror.raw"),
        cx.t("mirror.membership"),
        cx.t("mirror.position"),
        cx.t("mirror.plots"),
        cx.t("mirror.groups"),
    )?;
    let sc = scores(cx, code);
    let sets = a
        .conditions
        .iter()
        .map(String::as_str)
        .chain(std::iter::once(cx.outcome_set()));
    for set in sets {
        let (Some(raw), Some(mem)) = (a.raw.column(set), a.sets.column(set)) else {
            continue;
        };
        let below = raw
            .iter()
            .enumerate()
            .filter(|(i, v)| *i != k && **v < raw[k])
            .count();
        let position = cx.tf(
            "mirror.rank",
            &[("k", &below.to_string()), ("others", &(n - 1).to_string())],
        );
        // Group means and spread, for survey scales.
        let groups = sc.and_then(|s| s.scale(set)).map_or(String::new(), |s| {
            let mut parts: Vec<String> = s
                .groups
                .iter()
                .map(|g| format!("{} {} (n={})", escape(&g.group), f3_opt(g.mean), g.n))
                .collect();
            parts.push(format!("sd {}", f3_opt(s.sd)));
            if s.gap.is_some() {
                parts.push(format!("{} {}", cx.t("mirror.gap"), f3_opt(s.gap)));
            }
            parts.join("<br>")
        });
        writeln!(
            out,
            "<tr><td><code>{}</code><br><span class=\"note\">{}</span></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{position}</td><td>{}<br>{}</td><td class=\"note\">{groups}</td></tr>",
            escape(set),
            escape(&cx.set_label(set)),
            f3(raw[k]),
            f3(mem[k]),
            strip(cx, set, raw, k, false),
            strip(cx, set, mem, k, true),
        )?;
    }
    out.push_str("</tbody>\n</table>\n");
    Ok(())
}

fn coverage(cx: &Ctx, out: &mut String, k: usize) -> Result<(), ReportError> {
    let y = cx.tt().outcome_membership();
    write!(
        out,
        "<h4>{}</h4>\n<p class=\"note\">{}</p>\n<ul class=\"coverage\">\n",
        cx.t("mirror.coverage"),
        cx.t("mirror.coverage.note")
    )?;
    for view in views(cx) {
        for (i, m) in view.models.iter().enumerate() {
            let (union, terms) = cx.model_membership(m)?;
            let covering: Vec<String> = m
                .terms
                .iter()
                .zip(&terms)
                .filter(|(_, x)| x[k] > 0.5)
                .map(|(t, x)| {
                    format!(
                        "<span class=\"expr\">{}</span> ({})",
                        escape(&t.term),
                        f3(x[k])
                    )
                })
                .collect();
            let covered = if covering.is_empty() {
                cx.t("mirror.covered.none").to_string()
            } else {
                covering.join(", ")
            };
            writeln!(
                out,
                "<li>{} M{}: <span class=\"expr\">{}</span>: {covered}. {}</li>",
                view.title,
                i + 1,
                escape(&m.expression),
                cx.tf(
                    "mirror.case_type",
                    &[
                        ("x", &f3(union[k])),
                        ("y", &f3(y[k])),
                        ("type", case_type(cx, union[k], y[k]))
                    ]
                ),
            )?;
        }
    }
    out.push_str("</ul>\n");
    Ok(())
}

fn truth_table_row(cx: &Ctx, out: &mut String, k: usize) -> Result<(), ReportError> {
    let tt = cx.tt();
    writeln!(out, "<h4>{}</h4>", cx.t("mirror.tt_row"))?;
    let Some(row) = tt.rows().iter().find(|r| r.cases.contains(&k)) else {
        writeln!(out, "<p>{}</p>", cx.t("mirror.tt_row.none"))?;
        return Ok(());
    };
    let others: Vec<usize> = row.cases.iter().copied().filter(|&c| c != k).collect();
    writeln!(
        out,
        "<p>{}</p>",
        cx.tf(
            "mirror.tt_row.text",
            &[
                ("row", &row.row.to_string()),
                (
                    "config",
                    &format!(
                        "<span class=\"expr\">{}</span>",
                        escape(&cx.configuration(&row.values))
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
                        row_cases(cx, &others)
                    }
                ),
            ]
        )
    )?;
    Ok(())
}
