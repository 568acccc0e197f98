//! `kantel qca esa` (enhanced standard analysis) and `kantel qca theory` (theory evaluation,
//! R's `modelFit` with the cases of SetMethods' `cases.theory.evaluation`).

use std::fmt::Write as _;

use clap::Args;
use kantel_i18n::{Lang, Msg, msg};
use kantel_qca::esa::{AutoNecessary, DEFAULT_AUTO_RON_CUT, EsaOptions, EsaResult, esa};
use kantel_qca::find_rows::NegatedCutoffs;
use kantel_qca::minimize::{SolutionType, minimize_with_progress};
use kantel_qca::model_fit::{TheoryFit, model_fit};
use kantel_qca::truth_table::{ExclusionReason, TruthTable};
use serde_json::json;

use crate::progress::CliProgress;
use crate::qca::{
    DataArgs, Result, SetArgs, TruthTableOptions, include_options, load_sets, spec_from, with_note,
};
use crate::render;

/// Rows listed per rule in the text output; `--json` lists them all.
const LISTED_ROWS: usize = 200;

/// `kantel qca esa`.
#[derive(Args, Debug)]
pub struct EsaArgs {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    sets: SetArgs,
    #[command(flatten)]
    tt: TruthTableOptions,
    /// A condition or expression necessary for the outcome, e.g. "DEV" or "~IND" or
    /// "DEV + URB" (repeatable): the remainders that lack it are excluded.
    #[arg(long, allow_hyphen_values = true)]
    necessary: Vec<String>,
    /// A configuration that cannot exist, e.g. "DEV*~URB" (repeatable): the remainders
    /// that are subsets of it are excluded.
    #[arg(long, allow_hyphen_values = true)]
    impossible: Vec<String>,
    /// Also treat as necessary every single condition and negation with at least this
    /// inclN (and at least --auto-ron RoN), e.g. 0.9.
    #[arg(long)]
    auto_necessary: Option<f64>,
    /// Minimum RoN of a condition found by --auto-necessary: a condition (almost) every
    /// case has is trivially necessary and says nothing about remainders.
    #[arg(long, default_value_t = DEFAULT_AUTO_RON_CUT)]
    auto_ron: f64,
    /// Also exclude contradictory simplifying assumptions (remainders both the outcome's and
    /// its negation's parsimonious solutions assume; R's findRows type 2) and simultaneous
    /// subset relations (rows positive for both; type 3; their OUT is set to 0).
    #[arg(long)]
    contradictory: bool,
    /// incl.cut of the truth table for the negated outcome (with --contradictory; default
    /// the outcome's).
    #[arg(long)]
    neg_incl_cut: Option<f64>,
    /// pri.cut of the truth table for the negated outcome (with --contradictory).
    #[arg(long)]
    neg_pri_cut: Option<f64>,
    /// n.cut of the truth table for the negated outcome (with --contradictory).
    #[arg(long)]
    neg_n_cut: Option<usize>,
    /// Directional expectations: intermediate solutions before and after, e.g.
    /// "DEV, URB, LIT, IND, STB".
    #[arg(long, allow_hyphen_values = true)]
    dir_exp: Option<String>,
}

/// `kantel qca theory`.
#[derive(Args, Debug)]
pub struct TheoryArgs {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    sets: SetArgs,
    #[command(flatten)]
    tt: TruthTableOptions,
    /// The theory: an expression over the conditions in R notation, e.g. "DEV*STB" or
    /// "A*B + ~C".
    #[arg(long, allow_hyphen_values = true)]
    theory: String,
    /// Rows to use as don't cares, as for minimize: "?" evaluates the parsimonious
    /// solution, none the conservative one.
    #[arg(long, default_value = "")]
    include: String,
    /// Directional expectations: every model of every intermediate solution is evaluated.
    #[arg(long, allow_hyphen_values = true)]
    dir_exp: Option<String>,
}

/// `kantel qca esa`: the rows excluded and why, the solutions before and after.
pub(crate) fn esa_command(a: &EsaArgs, lang: Lang) -> Result<String> {
    let (loaded, _) = load_sets(&a.data, &a.sets)?;
    let data = loaded.data();
    let spec = spec_from(data, &a.sets, &a.tt)?;
    let tt = TruthTable::build(data, &spec)?;
    let mut minimize = include_options("?")?;
    minimize.dir_exp = a.dir_exp.clone();
    let options = EsaOptions {
        necessary: a.necessary.clone(),
        impossible: a.impossible.clone(),
        auto_necessary: a.auto_necessary.map(|incl_cut| AutoNecessary {
            incl_cut,
            ron_cut: a.auto_ron,
        }),
        contradictory: a.contradictory,
        negated: NegatedCutoffs {
            incl_cut: a.neg_incl_cut,
            pri_cut: a.neg_pri_cut,
            n_cut: a.neg_n_cut,
        },
        minimize,
    };
    let r = esa(&tt, &options)?;
    let out = if a.data.json {
        serde_json::to_string_pretty(&r)? + "\n"
    } else {
        esa_text(&r, &tt, &options, lang)
    };
    Ok(with_note(out, &loaded, a.data.json, lang))
}

fn esa_text(r: &EsaResult, tt: &TruthTable, options: &EsaOptions, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}\n",
        msg!("qca-esa-title", outcome = r.outcome.as_str()).render(lang)
    );
    if let Some(auto) = &options.auto_necessary {
        let found: Vec<&str> = r
            .auto_necessary
            .iter()
            .map(|f| f.condition.as_str())
            .collect();
        let conditions = if found.is_empty() {
            lang.t("qca-cli-none")
        } else {
            found.join(", ")
        };
        let _ = writeln!(
            out,
            "{}\n",
            msg!(
                "qca-esa-auto-found",
                incl = auto.incl_cut,
                ron = auto.ron_cut,
                conditions = conditions
            )
            .render(lang)
        );
    }
    for g in &r.groups {
        let mut line = msg!(
            "qca-esa-group",
            reason = g.reason.msg(),
            count = g.rows.len()
        )
        .render(lang);
        if let ExclusionReason::NecessaryCondition { negation, .. } = &g.reason
            && !negation.is_empty()
        {
            let _ = write!(
                line,
                " ({})",
                msg!("qca-esa-group-negation", negation = negation.as_str()).render(lang)
            );
        }
        let _ = writeln!(out, "{line}");
        if g.rows.is_empty() {
            out.push('\n');
            continue;
        }
        let mut header = vec![String::new()];
        header.extend(tt.conditions().iter().cloned());
        header.extend(["OUT", "n"].map(String::from));
        header.push(lang.t("qca-esa-col-configuration"));
        let mut right = vec![true; header.len()];
        *right.last_mut().unwrap_or(&mut true) = false;
        let body: Vec<Vec<String>> = g
            .rows
            .iter()
            .take(LISTED_ROWS)
            .map(|x| {
                let mut cells = vec![x.row.to_string()];
                cells.extend(x.values.iter().map(u8::to_string));
                cells.push(x.out.code().to_string());
                cells.push(x.n.to_string());
                cells.push(x.configuration.clone());
                cells
            })
            .collect();
        out.push_str(&render::table(&header, &body, &right));
        if g.rows.len() > LISTED_ROWS {
            let _ = writeln!(
                out,
                "{}",
                msg!("qca-esa-more-rows", count = g.rows.len() - LISTED_ROWS).render(lang)
            );
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{}\n",
        msg!("qca-esa-excluded-total", count = r.excluded_rows.len()).render(lang)
    );

    // Side by side: every solution's models before and after.
    let _ = writeln!(out, "{}\n", lang.t("qca-esa-summary"));
    let header: Vec<String> = [
        "qca-esa-col-solution",
        "qca-esa-col-standard",
        "qca-esa-col-enhanced",
        "qca-esa-col-changed",
    ]
    .iter()
    .map(|k| lang.t(k))
    .collect();
    let dash = |models: &[String]| {
        if models.is_empty() {
            "-".to_string()
        } else {
            models.join("; ")
        }
    };
    let body: Vec<Vec<String>> = r
        .changes
        .iter()
        .map(|c| {
            vec![
                solution_name(c.solution, c.from.as_deref(), lang),
                dash(&c.before),
                dash(&c.after),
                lang.t(if c.changed {
                    "qca-esa-yes"
                } else {
                    "qca-esa-no"
                }),
            ]
        })
        .collect();
    out.push_str(&render::table(&header, &body, &[false; 4]));
    for c in r.changes.iter().filter(|c| c.changed) {
        let mut parts = Vec::new();
        if !c.dropped.is_empty() {
            parts.push(msg!("qca-esa-terms-dropped", terms = c.dropped.join(", ")).render(lang));
        }
        if !c.added.is_empty() {
            parts.push(msg!("qca-esa-terms-added", terms = c.added.join(", ")).render(lang));
        }
        if !parts.is_empty() {
            let _ = writeln!(
                out,
                "{}: {}",
                solution_name(c.solution, c.from.as_deref(), lang),
                parts.join("; ")
            );
        }
    }
    out.push('\n');
    for n in &r.notes {
        let _ = writeln!(
            out,
            "{}",
            msg!("qca-cli-note", message = n.clone()).render(lang)
        );
    }
    if !r.notes.is_empty() {
        out.push('\n');
    }

    // The solutions with their fit, as `kantel qca minimize` prints them.
    let _ = writeln!(out, "# {}\n", lang.t("qca-esa-standard"));
    out.push_str(&render::minimization_text(&r.before, lang));
    let _ = writeln!(out, "\n# {}\n", lang.t("qca-esa-enhanced"));
    match (&r.after, &r.after_error) {
        (Some(after), _) => out.push_str(&render::minimization_text(after, lang)),
        (None, Some(e)) => {
            let _ = writeln!(
                out,
                "{}",
                msg!("qca-esa-after-failed", reason = e.clone()).render(lang)
            );
        }
        (None, None) => {}
    }
    out
}

fn solution_name(solution: SolutionType, from: Option<&str>, lang: Lang) -> String {
    msg!(
        "qca-esa-solution-name",
        solution = solution.id(),
        from = from.unwrap_or("")
    )
    .render(lang)
}

/// `kantel qca theory`: every model against the theory.
pub(crate) fn theory_command(a: &TheoryArgs, lang: Lang) -> Result<String> {
    let (loaded, outcome) = load_sets(&a.data, &a.sets)?;
    let data = loaded.data();
    let spec = spec_from(data, &a.sets, &a.tt)?;
    let tt = TruthTable::build(data, &spec)?;
    let mut options = include_options(&a.include)?;
    options.dir_exp = a.dir_exp.clone();
    let m = minimize_with_progress(&tt, &options, &CliProgress::new(lang))?;
    let fits = model_fit(data, &m, &a.theory)?;
    let out = if a.data.json {
        serde_json::to_string_pretty(&json!({
            "outcome": m.outcome,
            "theory": a.theory,
            "models": fits,
        }))? + "\n"
    } else {
        theory_text(&outcome.to_string(), &a.theory, &fits, data.n_cases(), lang)
    };
    Ok(with_note(out, &loaded, a.data.json, lang))
}

/// A number as R's modelFit prints it: three decimals, `-` centred for an empty set.
fn cell(x: f64) -> String {
    if x.is_nan() {
        "  -  ".to_string()
    } else {
        format!("{x:.3}")
    }
}

/// The fit table of one model, as R's `modelFit()` prints it.
fn fit_table(out: &mut String, fit: &TheoryFit) {
    let idx_w = fit.rows.len().to_string().len();
    let name_w = fit
        .rows
        .iter()
        .map(|r| r.name.chars().count())
        .max()
        .unwrap_or(0);
    let prefix = idx_w + 2 + name_w;
    let _ = writeln!(out, "{}inclS   PRI   covS  ", " ".repeat(prefix + 2));
    let rule = format!("{} ", "-".repeat(prefix + 21));
    let _ = writeln!(out, "{rule}");
    for (i, r) in fit.rows.iter().enumerate() {
        let idx = (i + 1).to_string();
        let name_pad = " ".repeat(name_w - r.name.chars().count());
        let _ = writeln!(
            out,
            "{idx}{}  {name_pad}{}  {}  {}  {} ",
            " ".repeat(idx_w - idx.len()),
            r.name,
            cell(r.incl),
            cell(r.pri),
            cell(r.cov)
        );
    }
    let _ = writeln!(out, "{rule}");
}

fn theory_text(
    outcome: &str,
    theory: &str,
    fits: &[TheoryFit],
    n_cases: usize,
    lang: Lang,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}\n",
        msg!("qca-esa-theory-title", outcome = outcome, theory = theory).render(lang)
    );
    for f in fits {
        let dash = |e: &Option<String>| e.clone().unwrap_or_else(|| "-".to_string());
        // R names the model only when there are several or they are intermediate.
        if f.model_name != "M" {
            let _ = writeln!(out, "{}", f.model_name);
        }
        for (label, value) in [
            ("model:", f.model.clone()),
            ("theory:", f.theory.clone()),
            ("model*theory:", dash(&f.intersections.model_theory)),
            ("model*~theory:", dash(&f.intersections.model_not_theory)),
            ("~model*theory:", dash(&f.intersections.not_model_theory)),
            (
                "~model*~theory:",
                dash(&f.intersections.not_model_not_theory),
            ),
        ] {
            let _ = writeln!(out, "{label:<16}{value}");
        }
        out.push('\n');
        fit_table(&mut out, f);
        out.push('\n');
        let _ = writeln!(out, "{}", lang.t("qca-esa-theory-cases"));
        for (with, without, c) in ["TEY", "tEY", "TeY", "teY"]
            .iter()
            .zip(["TEy", "tEy", "Tey", "tey"])
            .zip(&f.cases)
            .map(|((a, b), c)| (*a, b, c))
        {
            for (code, cases) in [
                (with, &c.outcome),
                (without, &c.not_outcome),
                ("half", &c.outcome_half),
            ] {
                if code == "half" && cases.is_empty() {
                    continue;
                }
                let line: Msg = msg!(
                    "qca-esa-theory-cell",
                    code = code,
                    intersection = c.intersection.as_str(),
                    outcome = outcome,
                    count = cases.len(),
                    total = n_cases
                );
                let list = if cases.is_empty() {
                    "-".to_string()
                } else {
                    cases.join(", ")
                };
                let _ = writeln!(out, "  {}\n    {list}", line.render(lang));
            }
        }
        out.push('\n');
    }
    out
}
