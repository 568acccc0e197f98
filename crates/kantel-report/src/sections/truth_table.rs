//! `#waarheidstabel`: the observed configurations with OUT, n, consistency, PRI and the
//! municipalities in each, plus the settings and hand edits that made the table, and the
//! municipalities with a membership of exactly 0.5.

use std::fmt::Write;

use kantel_i18n::Arg;
use kantel_qca::truth_table::{Edit, Out, TruthTable};
use kantel_study::study::HalfMembershipRule;

use super::open_section;
use crate::ReportError;
use crate::context::{Ctx, LIST_SEPARATOR};
use crate::html::{escape, f3};

/// The names of the municipalities in a truth-table row (escaped, separated by
/// semicolons).
pub(crate) fn row_cases(cx: &Ctx, tt: &TruthTable, cases: &[usize]) -> String {
    let names = tt.case_names();
    cx.names(cases.iter().filter_map(|&i| names.get(i)))
}

pub(crate) fn render(cx: &Ctx, out: &mut String) -> Result<(), ReportError> {
    open_section(cx, out, "waarheidstabel")?;
    let a = cx.analysis();
    out.push_str(&cx.step_box(&a.truth_table));
    let Some(result) = a.truth_table.ok() else {
        out.push_str("</section>\n");
        return Ok(());
    };
    let tt = &result.table;
    let spec = tt.spec();
    let rows = tt.rows();
    let count = |o: Out| rows.iter().filter(|r| r.out == o && r.n > 0).count();
    let observed = rows.iter().filter(|r| r.n > 0).count() as u64;
    write!(
        out,
        "<p>{}</p>\n<p class=\"note\">{}</p>\n",
        cx.tr(
            "report-tt-summary",
            &[
                (
                    "outcome",
                    Arg::Text(escape(&spec.outcome.to_string()).into_owned())
                ),
                ("incl", Arg::Text(f3(spec.incl_cut))),
                ("pri", Arg::Text(f3(spec.pri_cut))),
                ("ncut", Arg::from(spec.n_cut)),
                ("observed", Arg::from(observed)),
                ("total", Arg::from(tt.n_configurations())),
                ("pos", Arg::from(count(Out::One))),
                ("neg", Arg::from(count(Out::Zero))),
                ("con", Arg::from(count(Out::Contradiction))),
                (
                    "rem",
                    Arg::from(tt.n_configurations().saturating_sub(observed))
                ),
                ("cases", Arg::from(tt.case_names().len())),
            ],
        ),
        cx.t("report-tt-intro"),
    )?;
    if !result.half_cases.is_empty() {
        let cases: Vec<String> = result
            .half_cases
            .iter()
            .map(|h| {
                format!(
                    "{} ({}): {}",
                    escape(&cx.name(&h.municipality)),
                    escape(&h.municipality),
                    escape(&h.conditions.join(", "))
                )
            })
            .collect();
        let key = match result.half_membership {
            HalfMembershipRule::R => "report-tt-half-r",
            _ => "report-tt-half-exclude",
        };
        writeln!(
            out,
            "<p class=\"warn\">{}</p>",
            cx.tr(
                key,
                &[
                    ("count", Arg::from(cases.len())),
                    ("cases", Arg::Text(cases.join(LIST_SEPARATOR))),
                ],
            )
        )?;
    }
    write!(
        out,
        "<table class=\"truth-table\">\n<thead><tr><th class=\"num\">{}</th>",
        cx.t("report-col-row")
    )?;
    for c in tt.conditions() {
        write!(out, "<th class=\"num\"><code>{}</code></th>", escape(c))?;
    }
    write!(
        out,
        "<th class=\"num\">OUT</th><th class=\"num\">n</th><th class=\"num\">incl</th><th class=\"num\">PRI</th><th>{}</th></tr></thead>\n<tbody>\n",
        cx.t("report-col-municipalities")
    )?;
    // Positive rows first is what readers look for; R sorts by row number, and so do we,
    // marking positive rows instead.
    for r in rows {
        write!(
            out,
            "<tr{}><td class=\"num\">{}</td>",
            if r.out == Out::One {
                " class=\"hl\""
            } else {
                ""
            },
            r.row
        )?;
        for v in &r.values {
            write!(out, "<td class=\"num\">{v}</td>")?;
        }
        writeln!(
            out,
            "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            r.out.code(),
            r.n,
            f3(r.incl),
            f3(r.pri),
            row_cases(cx, tt, &r.cases),
        )?;
    }
    out.push_str("</tbody>\n</table>\n");
    if !tt.edits().is_empty() {
        write!(out, "<h3>{}</h3>\n<ul>\n", cx.t("report-tt-edits"))?;
        for e in tt.edits() {
            let reason = match e {
                Edit::SetOut { reason, .. } => reason.clone(),
                Edit::Exclude { reasons, .. } => reasons
                    .iter()
                    .map(|r| r.msg().render(cx.lang))
                    .collect::<Vec<_>>()
                    .join("; "),
            };
            writeln!(
                out,
                "<li>{}</li>",
                cx.tf(
                    "report-tt-edit",
                    &[
                        ("row", &e.row().to_string()),
                        ("out", e.out().code()),
                        ("reason", &escape(&reason))
                    ]
                )
            )?;
        }
        out.push_str("</ul>\n");
    }
    if !spec.exclude.is_empty() {
        let rows: Vec<String> = spec.exclude.iter().map(u64::to_string).collect();
        writeln!(
            out,
            "<p>{}</p>",
            cx.tf("report-tt-excluded", &[("rows", &rows.join(", "))])
        )?;
    }
    out.push_str("</section>\n");
    Ok(())
}
