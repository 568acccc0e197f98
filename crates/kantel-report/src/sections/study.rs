//! `#studie`: the study, a summary of the result (every model of the solution, how many
//! municipalities were analysed, steps that failed), its municipalities, the response per
//! respondent group, the missing values with their reasons, the settings and the warnings.

use std::fmt::Write;

use kantel_i18n::Arg;
use kantel_study::analysis::{ENGINE_HALF_WARNING, StepStatus, models_text};
use kantel_study::measure::{Flag, MunicipalityScores};

use super::open_section;
use super::solutions::views;
use crate::ReportError;
use crate::context::{Ctx, LIST_SEPARATOR};
use crate::html::{escape, f3, thousands};
use crate::i18n::Lang;

/// A quality flag in plain language.
pub(crate) fn flag_text(cx: &Ctx, flag: &Flag) -> String {
    match flag {
        Flag::FewRespondents { group, n, min } => cx.tr(
            "report-flag-few-respondents",
            &[
                ("group", Arg::Text(group_label(cx, group))),
                ("n", Arg::from(*n)),
                ("min", Arg::from(*min)),
            ],
        ),
        Flag::FewScored { set, group, n, min } => cx.tr(
            "report-flag-few-scored",
            &[
                ("set", Arg::Text(escape(set).into_owned())),
                ("group", Arg::Text(group_label(cx, group))),
                ("n", Arg::from(*n)),
                ("min", Arg::from(*min)),
            ],
        ),
    }
}

/// Whether a flag concerns the analysis: flags about respondents always do, flags about a
/// scale only when the scale is an analysed set.
pub(crate) fn flag_in_analysis(cx: &Ctx, flag: &Flag) -> bool {
    match flag {
        Flag::FewRespondents { .. } => true,
        Flag::FewScored { set, .. } => cx.analysed_sets().contains(&set.as_str()),
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

/// Why a municipality is not in the analysis (rendered and escaped, separated by
/// semicolons); empty when it is.
pub(crate) fn dropped_reasons(cx: &Ctx, code: &str) -> Vec<String> {
    cx.analysis()
        .missing_for(code)
        .map(|m| cx.msg(&m.reason))
        .collect()
}

/// The summary at the top of the report: the headline (the solution with all its models,
/// or why there is none, and how many municipalities were analysed out of how many), every
/// model of every solution type, and the steps that did not succeed.
fn summary(cx: &Ctx, out: &mut String) -> Result<(), ReportError> {
    let a = cx.analysis();
    write!(
        out,
        "<div class=\"summary\">\n<h3>{}</h3>\n<p class=\"headline\">{}</p>\n",
        cx.t("report-summary-title"),
        cx.msg(&a.headline())
    )?;
    let solutions = views(cx);
    if !solutions.is_empty() {
        out.push_str("<ul class=\"models\">\n");
        for view in &solutions {
            writeln!(
                out,
                "<li>{}: <span class=\"expr\">{}</span></li>",
                view.title,
                escape(&models_text(view.models))
            )?;
        }
        out.push_str("</ul>\n");
    }
    let steps = a.steps();
    if steps.iter().any(|s| s.status != StepStatus::Ok) {
        write!(
            out,
            "<p>{}</p>\n<ul class=\"steps\">\n",
            cx.t("report-summary-steps")
        )?;
        for s in steps {
            let (class, status) = match s.status {
                StepStatus::Ok => ("yes", cx.t("report-status-ok")),
                StepStatus::Failed => ("no", cx.t("report-status-failed")),
                StepStatus::Skipped => ("no", cx.t("report-status-skipped")),
            };
            write!(
                out,
                "<li>{}: <span class=\"{class}\">{status}</span>",
                cx.msg(&s.step.label())
            )?;
            if let Some(reason) = s.reason {
                write!(out, ": {}", cx.msg(reason))?;
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</div>\n");
    Ok(())
}

pub(crate) fn render(cx: &Ctx, out: &mut String) -> Result<(), ReportError> {
    open_section(cx, out, "studie")?;
    let study = cx.input.study;
    let info = &study.study;
    let a = cx.analysis();
    let sep = cx.thousands_sep();
    summary(cx, out)?;
    let (title, description) = match cx.lang {
        Lang::Nl => (&info.title_nl, &info.description),
        Lang::En => (&info.title_en, &info.description),
    };
    writeln!(out, "<dl class=\"meta\">")?;
    for (key, value) in [
        ("report-study-title", escape(title).into_owned()),
        (
            "report-study-name",
            format!("<code>{}</code>", escape(&info.name)),
        ),
        ("report-study-year", info.year.to_string()),
        (
            "report-study-data",
            if cx.simulated() {
                cx.t("report-study-data-simulated")
            } else {
                cx.t("report-study-data-real")
            },
        ),
        (
            "report-study-outcome",
            format!(
                "<code>{}</code> ({})",
                escape(&a.outcome),
                escape(&cx.set_label(&a.outcome))
            ),
        ),
        (
            "report-study-conditions",
            a.conditions
                .iter()
                .map(|c| format!("<code>{}</code> ({})", escape(c), escape(&cx.set_label(c))))
                .collect::<Vec<_>>()
                .join(LIST_SEPARATOR),
        ),
        ("report-study-cases", cx.msg(&a.cases_msg())),
        (
            "report-study-generated",
            escape(cx.input.generated_by).into_owned(),
        ),
    ] {
        writeln!(out, "<dt>{}</dt><dd>{value}</dd>", cx.t(key))?;
    }
    out.push_str("</dl>\n");
    if !description.trim().is_empty() {
        writeln!(out, "<p>{}</p>", escape(description.trim()))?;
    }
    out.push_str(&cx.step_box(&a.measurement));

    // Municipalities and response.
    let groups = &study.respondent_groups;
    write!(
        out,
        "<h3>{}</h3>\n<table class=\"municipalities\">\n<thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th><th>{}</th>",
        cx.t("report-study-municipalities"),
        cx.t("report-col-code"),
        cx.t("report-col-municipality"),
        cx.t("report-col-inhabitants"),
        cx.t("report-col-group")
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
        cx.t("report-col-in-analysis"),
        cx.t("report-col-flags")
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
        let reasons = dropped_reasons(cx, code);
        let status = if cx.case_index(code).is_some() {
            let excluded = cx.tt().is_some() && cx.tt_index(code).is_none();
            if excluded {
                format!(
                    "<span class=\"yes\">{}</span> {}",
                    cx.t("report-word-yes"),
                    cx.t("report-study-not-in-truth-table")
                )
            } else {
                format!("<span class=\"yes\">{}</span>", cx.t("report-word-yes"))
            }
        } else {
            format!(
                "<span class=\"no\">{}</span> {}",
                cx.t("report-word-no"),
                reasons.join(LIST_SEPARATOR)
            )
        };
        let flags: Vec<String> = sc
            .map(|s| {
                s.flags
                    .iter()
                    .filter(|f| flag_in_analysis(cx, f))
                    .map(|f| flag_text(cx, f))
                    .collect()
            })
            .unwrap_or_default();
        writeln!(
            out,
            "<td>{status}</td><td class=\"flag\">{}</td></tr>",
            flags.join("<br>")
        )?;
    }
    out.push_str("</tbody>\n</table>\n");
    writeln!(
        out,
        "<p class=\"note\">{}</p>",
        cx.t("report-study-flags-note")
    )?;

    // Missing values per set.
    if !a.missing.is_empty() {
        write!(
            out,
            "<h3 id=\"ontbrekend\">{}</h3>\n<p class=\"note\">{}</p>\n<table class=\"missing\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
            cx.t("report-missing-title"),
            cx.t("report-missing-intro"),
            cx.t("report-col-set"),
            cx.t("report-col-municipality"),
            cx.t("report-col-reason"),
        )?;
        for m in &a.missing {
            writeln!(
                out,
                "<tr><td><code>{}</code></td><td>{} ({})</td><td>{}</td></tr>",
                escape(&m.set),
                escape(&cx.name(&m.municipality)),
                escape(&m.municipality),
                cx.msg(&m.reason)
            )?;
        }
        out.push_str("</tbody>\n</table>\n");
    }

    // Respondent groups.
    write!(
        out,
        "<h3>{}</h3>\n<table>\n<thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead>\n<tbody>\n",
        cx.t("report-study-groups"),
        cx.t("report-col-group"),
        cx.t("report-col-label"),
        cx.t("report-col-min-respondents"),
        cx.t("report-col-respondents"),
        cx.t("report-col-below-min"),
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

    // Settings of the analysis (from the plan, so they show even when a step failed).
    let plan = &study.analysis;
    write!(
        out,
        "<h3>{}</h3>\n<dl class=\"meta\">\n",
        cx.t("report-study-settings")
    )?;
    let correction = match a.correction {
        kantel_stats::Correction::Holm => cx.t("report-stat-holm"),
        kantel_stats::Correction::BenjaminiHochberg => cx.t("report-stat-bh"),
    };
    let dir_exp = if plan.dir_exp.is_empty() {
        "–".to_string()
    } else {
        escape(&plan.dir_exp.join(", ")).into_owned()
    };
    for (label, value) in [
        ("incl.cut".to_string(), f3(plan.incl_cut)),
        ("pri.cut".to_string(), f3(plan.pri_cut)),
        ("n.cut".to_string(), plan.n_cut.to_string()),
        ("dir.exp".to_string(), dir_exp),
        (
            "half_membership".to_string(),
            format!(
                "<code>{}</code>: {}",
                a.half_membership.as_str(),
                cx.t(&format!("report-half-{}", a.half_membership.as_str()))
            ),
        ),
        (cx.t("report-study-correction"), correction),
        (cx.t("report-study-seed"), a.seed.to_string()),
    ] {
        writeln!(out, "<dt>{label}</dt><dd>{value}</dd>")?;
    }
    out.push_str("</dl>\n");

    // Warnings, each once, in the order they were raised: the analysis' own (translated),
    // then the engine's.
    let mut warnings: Vec<String> = Vec::new();
    let own = a.warnings.iter().map(|w| cx.msg(w));
    let engine = cx
        .minimization()
        .map_or(&[][..], |m| m.warning_msgs.as_slice())
        .iter()
        .chain(cx.tt().map_or(&[][..], |tt| tt.warning_msgs()))
        .filter(|w| w.key != ENGINE_HALF_WARNING)
        .map(|w| cx.msg(w));
    for w in own.chain(engine) {
        if !warnings.contains(&w) {
            warnings.push(w);
        }
    }
    if !warnings.is_empty() {
        write!(
            out,
            "<h3>{}</h3>\n<ul class=\"warn\">\n",
            cx.t("report-study-warnings")
        )?;
        for w in warnings {
            writeln!(out, "<li>{w}</li>")?;
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    Ok(())
}
