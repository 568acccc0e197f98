//! `#studie`: the study, its municipalities and the response per respondent group.

use std::fmt::Write;

use kantel_study::measure::{Flag, MunicipalityScores};

use super::open_section;
use crate::ReportError;
use crate::context::Ctx;
use crate::html::{escape, f3, thousands};
use crate::i18n::Lang;

/// A quality flag in plain language.
pub(crate) fn flag_text(cx: &Ctx, flag: &Flag) -> String {
    match flag {
        Flag::FewRespondents { group, n, min } => cx.tf(
            "flag.few_respondents",
            &[
                ("group", &group_label(cx, group)),
                ("n", &n.to_string()),
                ("min", &min.to_string()),
            ],
        ),
        Flag::FewScored { set, group, n, min } => cx.tf(
            "flag.few_scored",
            &[
                ("set", &escape(set)),
                ("group", &group_label(cx, group)),
                ("n", &n.to_string()),
                ("min", &min.to_string()),
            ],
        ),
    }
}

/// A respondent group's label in the report language (escaped).
pub(crate) fn group_label(cx: &Ctx, id: &str) -> String {
    let label = cx
        .input
        .study
        .respondent_group(id)
        .map_or(id, |g| match cx.lang {
            Lang::Nl => g.label_nl.as_str(),
            Lang::En => g.label_en.as_str(),
        });
    escape(label).into_owned()
}

/// The measurement of one municipality.
pub(crate) fn scores<'a>(cx: &Ctx<'a>, code: &str) -> Option<&'a MunicipalityScores> {
    cx.input
        .measurement
        .municipalities
        .iter()
        .find(|m| m.municipality == code)
}

/// Why a municipality is not in the analysis, if it is not.
pub(crate) fn dropped_reason<'a>(cx: &Ctx<'a>, code: &str) -> Option<&'a str> {
    cx.analysis()
        .dropped
        .iter()
        .find(|(c, _)| c == code)
        .map(|(_, r)| r.as_str())
}

pub(crate) fn render(cx: &Ctx, out: &mut String) -> Result<(), ReportError> {
    open_section(cx, out, "studie")?;
    let study = cx.input.study;
    let info = &study.study;
    let a = cx.analysis();
    let sep = cx.thousands_sep();
    let (title, description) = match cx.lang {
        Lang::Nl => (&info.title_nl, &info.description),
        Lang::En => (&info.title_en, &info.description),
    };
    let n_analysed = a.sets.n_cases();
    writeln!(out, "<dl class=\"meta\">")?;
    for (key, value) in [
        ("study.title", escape(title).into_owned()),
        ("study.name", format!("<code>{}</code>", escape(&info.name))),
        ("study.year", info.year.to_string()),
        (
            "study.data",
            if cx.simulated() {
                cx.t("study.data.simulated")
            } else {
                cx.t("study.data.real")
            }
            .to_string(),
        ),
        (
            "study.outcome",
            format!(
                "<code>{}</code> ({})",
                escape(&a.outcome),
                escape(&cx.set_label(&a.outcome))
            ),
        ),
        (
            "study.conditions",
            a.conditions
                .iter()
                .map(|c| format!("<code>{}</code> ({})", escape(c), escape(&cx.set_label(c))))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            "study.cases",
            cx.tf(
                "study.cases.value",
                &[
                    ("n", &n_analysed.to_string()),
                    ("total", &study.municipalities.len().to_string()),
                ],
            ),
        ),
        (
            "study.generated",
            escape(cx.input.generated_by).into_owned(),
        ),
    ] {
        writeln!(out, "<dt>{}</dt><dd>{value}</dd>", cx.t(key))?;
    }
    out.push_str("</dl>\n");
    if !description.trim().is_empty() {
        writeln!(out, "<p>{}</p>", escape(description.trim()))?;
    }

    // Municipalities and response.
    let groups = &study.respondent_groups;
    write!(
        out,
        "<h3>{}</h3>\n<table class=\"municipalities\">\n<thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th><th>{}</th>",
        cx.t("study.municipalities"),
        cx.t("col.code"),
        cx.t("col.municipality"),
        cx.t("col.inhabitants"),
        cx.t("col.group")
    )?;
    for g in groups {
        write!(
            out,
            "<th class=\"num\" title=\"{}\">{}</th>",
            group_label(cx, &g.id),
            escape(&g.id)
        )?;
    }
    write!(
        out,
        "<th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        cx.t("col.in_analysis"),
        cx.t("col.flags")
    )?;
    for m in &study.municipalities {
        let code = m.code.as_str();
        let sc = scores(cx, code);
        write!(
            out,
            "<tr><td><a href=\"#spiegel-{c}\">{c}</a></td><td>{}</td><td class=\"num\">{}</td><td>{}</td>",
            escape(&m.name),
            thousands(m.inhabitants, sep),
            escape(m.group.as_deref().unwrap_or("")),
            c = escape(code),
        )?;
        for g in groups {
            let n = sc
                .and_then(|s| s.respondents.get(&g.id))
                .copied()
                .unwrap_or(0);
            let low = n < g.min_respondents as usize;
            write!(
                out,
                "<td class=\"num{}\">{n}</td>",
                if low { " flag" } else { "" }
            )?;
        }
        let status = if cx.case_index(code).is_some() {
            format!("<span class=\"yes\">{}</span>", cx.t("word.yes"))
        } else {
            let reason = dropped_reason(cx, code).unwrap_or("");
            format!(
                "<span class=\"no\">{}</span> {}",
                cx.t("word.no"),
                escape(reason)
            )
        };
        let flags: Vec<String> = sc
            .map(|s| s.flags.iter().map(|f| flag_text(cx, f)).collect())
            .unwrap_or_default();
        writeln!(
            out,
            "<td>{status}</td><td class=\"flag\">{}</td></tr>",
            flags.join("<br>")
        )?;
    }
    out.push_str("</tbody>\n</table>\n");

    // Respondent groups.
    write!(
        out,
        "<h3>{}</h3>\n<table>\n<thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead>\n<tbody>\n",
        cx.t("study.groups"),
        cx.t("col.group"),
        cx.t("col.label"),
        cx.t("col.min_respondents"),
        cx.t("col.respondents"),
        cx.t("col.below_min"),
    )?;
    for g in groups {
        let counts: Vec<usize> = cx
            .input
            .measurement
            .municipalities
            .iter()
            .map(|m| m.respondents.get(&g.id).copied().unwrap_or(0))
            .collect();
        let below = counts
            .iter()
            .filter(|&&n| n < g.min_respondents as usize)
            .count();
        writeln!(
            out,
            "<tr><td><code>{}</code></td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{below}</td></tr>",
            escape(&g.id),
            group_label(cx, &g.id),
            g.min_respondents,
            counts.iter().sum::<usize>(),
        )?;
    }
    out.push_str("</tbody>\n</table>\n");

    // Settings of the analysis.
    let spec = cx.tt().spec();
    let opts = &a.minimization.options;
    write!(
        out,
        "<h3>{}</h3>\n<dl class=\"meta\">\n",
        cx.t("study.settings")
    )?;
    let correction = match a.correction {
        kantel_stats::Correction::Holm => cx.t("stat.holm"),
        kantel_stats::Correction::BenjaminiHochberg => cx.t("stat.bh"),
    };
    for (label, value) in [
        ("incl.cut", f3(spec.incl_cut)),
        ("pri.cut", f3(spec.pri_cut)),
        ("n.cut", spec.n_cut.to_string()),
        (
            "dir.exp",
            escape(opts.dir_exp.as_deref().unwrap_or("–")).into_owned(),
        ),
        (cx.t("study.correction"), correction.to_string()),
        (cx.t("study.seed"), a.seed.to_string()),
    ] {
        writeln!(out, "<dt>{label}</dt><dd>{value}</dd>")?;
    }
    out.push_str("</dl>\n");

    // Warnings, each once, in the order they were raised.
    let mut warnings: Vec<&str> = Vec::new();
    for w in a
        .warnings
        .iter()
        .chain(&a.minimization.warnings)
        .chain(cx.tt().warnings())
    {
        if !warnings.contains(&w.as_str()) {
            warnings.push(w);
        }
    }
    if !warnings.is_empty() {
        write!(
            out,
            "<h3>{}</h3>\n<ul class=\"warn\">\n",
            cx.t("study.warnings")
        )?;
        for w in warnings {
            writeln!(out, "<li>{}</li>", escape(w))?;
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    Ok(())
}
