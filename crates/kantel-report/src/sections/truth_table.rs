//! `#waarheidstabel`: the observed configurations with OUT, n, consistency, PRI and the
//! municipalities in each, plus the settings and hand edits that made the table.

use std::fmt::Write;

use kantel_qca::truth_table::{Edit, Out};

use super::open_section;
use crate::ReportError;
use crate::context::Ctx;
use crate::html::{escape, f3};

/// The names of the municipalities in a truth-table row (escaped, comma-separated).
pub(crate) fn row_cases(cx: &Ctx, cases: &[usize]) -> String {
    let names = cx.tt().case_names();
    cx.names(cases.iter().filter_map(|&i| names.get(i)))
}

pub(crate) fn render(cx: &Ctx, out: &mut String) -> Result<(), ReportError> {
    open_section(cx, out, "waarheidstabel")?;
    let tt = cx.tt();
    let spec = tt.spec();
    let rows = tt.rows();
    let count = |o: Out| rows.iter().filter(|r| r.out == o && r.n > 0).count();
    let observed = rows.iter().filter(|r| r.n > 0).count() as u64;
    write!(
        out,
        "<p>{}</p>\n<p class=\"note\">{}</p>\n",
        cx.tf(
            "tt.summary",
            &[
                ("outcome", &escape(&spec.outcome.to_string())),
                ("incl", &f3(spec.incl_cut)),
                ("pri", &f3(spec.pri_cut)),
                ("ncut", &spec.n_cut.to_string()),
                ("observed", &observed.to_string()),
                ("total", &tt.n_configurations().to_string()),
                ("pos", &count(Out::One).to_string()),
                ("neg", &count(Out::Zero).to_string()),
                ("con", &count(Out::Contradiction).to_string()),
                (
                    "rem",
                    &(tt.n_configurations().saturating_sub(observed)).to_string()
                ),
            ],
        ),
        cx.t("tt.intro"),
    )?;
    write!(
        out,
        "<table class=\"truth-table\">\n<thead><tr><th class=\"num\">{}</th>",
        cx.t("col.row")
    )?;
    for c in tt.conditions() {
        write!(out, "<th class=\"num\"><code>{}</code></th>", escape(c))?;
    }
    write!(
        out,
        "<th class=\"num\">OUT</th><th class=\"num\">n</th><th class=\"num\">incl</th><th class=\"num\">PRI</th><th>{}</th></tr></thead>\n<tbody>\n",
        cx.t("col.municipalities")
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
            row_cases(cx, &r.cases),
        )?;
    }
    out.push_str("</tbody>\n</table>\n");
    if !tt.edits().is_empty() {
        write!(out, "<h3>{}</h3>\n<ul>\n", cx.t("tt.edits"))?;
        for e in tt.edits() {
            let Edit::SetOut {
                row,
                out: value,
                reason,
            } = e;
            writeln!(
                out,
                "<li>{}</li>",
                cx.tf(
                    "tt.edit",
                    &[
                        ("row", &row.to_string()),
                        ("out", value.code()),
                        ("reason", &escape(reason))
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
            cx.tf("tt.excluded", &[("rows", &rows.join(", "))])
        )?;
    }
    out.push_str("</section>\n");
    Ok(())
}
