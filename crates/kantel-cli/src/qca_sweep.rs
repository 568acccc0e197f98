//! `kantel qca sweep`: a robustness sweep over a grid of calibration anchors and cut-offs
//! (`kantel_qca::sweep`), as text or JSON.

use std::fmt::Write as _;

use clap::Args;
use kantel_i18n::{Lang, Msg, msg};
use kantel_qca::calibrate::Calibration;
use kantel_qca::sweep::{
    Anchor, DEFAULT_MAX_SETTINGS, Parameter, Range, SetCalibration, Sweep, SweepAxis, SweepSpec,
    sweep,
};

use crate::progress::CliProgress;
use crate::qca::{
    DataArgs, Failure, Result, SetArgs, TruthTableOptions, include_options, load_sets, spec_from,
    with_note,
};
use crate::render::{num, table};

/// `kantel qca sweep`.
#[derive(Args, Debug)]
pub struct SweepArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub sets: SetArgs,
    /// The initial truth-table settings (the sweep's starting point).
    #[command(flatten)]
    pub tt: TruthTableOptions,
    /// Rows to use as don't cares, as for minimize ("?" for the parsimonious solution).
    #[arg(long, default_value = "")]
    pub include: String,
    /// Directional expectations, as for minimize (the intermediate solution is compared).
    #[arg(long, allow_hyphen_values = true)]
    pub dir_exp: Option<String>,
    /// Calibrate a set from the raw values in its column, e.g.
    /// "DEVELOPED=fuzzy:e=400,c=550,i=900" (repeatable); its anchors can then be varied.
    #[arg(long)]
    pub calibrate: Vec<String>,
    /// A parameter and its values (repeatable): "incl.cut=0.7:0.9:0.01" (from:to:step),
    /// "n.cut=1,2,3", "pri.cut=0.5,0.6", or an anchor of a calibrated set, "DEVELOPED.c=500:700:10"
    /// (e, c, i for fuzzy anchors, t1, t2, ... for crisp thresholds).
    #[arg(long)]
    pub vary: Vec<String>,
    /// Most models recorded per setting (each setting says whether its list is complete).
    #[arg(long, default_value_t = 100)]
    pub max_models: usize,
    /// Most settings (the product of the numbers of values) the sweep runs.
    #[arg(long, default_value_t = DEFAULT_MAX_SETTINGS)]
    pub max_settings: usize,
    /// Worker threads (default: all cores). The output is the same with any number.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Write SetMethods' robustness XY plot (initial solution against the intersection of
    /// the test solutions, cases by robustness type) to this SVG file, and the range plot of
    /// each varied parameter beside it (`FILE` without `.svg`, then `.<parameter>.svg`).
    #[arg(long)]
    pub svg: Option<std::path::PathBuf>,
    /// Models listed in the text output (the JSON lists all).
    #[arg(long, default_value_t = 20)]
    pub show_models: usize,
}

/// Case names listed per group in the text output.
const LISTED_CASES: usize = 20;

fn fail(m: Msg) -> Failure {
    Failure(m)
}

/// Reads "from:to:step" or "a,b,c"; the number of values is checked against `max` before
/// any is made.
fn values(name: &str, text: &str, max: usize) -> Result<Vec<f64>> {
    let number = |t: &str| -> Result<f64> {
        let t = t.trim();
        t.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| fail(msg!("qca-sweep-cli-number", name = name, value = t)))
    };
    let parts: Vec<&str> = text.split(':').collect();
    match parts.as_slice() {
        [from, to, step] => {
            let (from, to, step) = (number(from)?, number(to)?, number(step)?);
            if step <= 0.0 || to < from {
                return Err(fail(msg!("qca-sweep-cli-range", name = name, value = text)));
            }
            // Steps in decimals (0.01) do not add up exactly: round to the step's
            // precision plus a margin, so 0.7 + 3*0.01 is 0.73.
            let count = ((to - from) / step + 1e-9).floor();
            if count + 1.0 > max as f64 {
                return Err(fail(msg!(
                    "qca-sweep-too-many",
                    settings = format!("{}", count + 1.0),
                    max = max
                )));
            }
            Ok((0..=count as usize)
                .map(|k| ((from + k as f64 * step) * 1e10).round() / 1e10)
                .collect())
        }
        [_] => text.split(',').map(number).collect(),
        _ => Err(fail(msg!("qca-sweep-cli-range", name = name, value = text))),
    }
}

fn parameter(name: &str) -> Result<Parameter> {
    Ok(match name {
        "incl.cut" | "incl_cut" => Parameter::InclCut,
        "pri.cut" | "pri_cut" => Parameter::PriCut,
        "n.cut" | "n_cut" => Parameter::NCut,
        other => {
            let Some((set, anchor)) = other.rsplit_once('.') else {
                return Err(fail(msg!("qca-sweep-cli-parameter", name = other)));
            };
            let Some(anchor) = Anchor::parse(anchor) else {
                return Err(fail(msg!("qca-sweep-cli-parameter", name = other)));
            };
            Parameter::Anchor {
                set: set.to_string(),
                anchor,
            }
        }
    })
}

/// Runs the sweep the arguments describe.
pub(crate) fn sweep_command(a: &SweepArgs, lang: Lang) -> Result<(Sweep, String)> {
    let (loaded, _) = load_sets(&a.data, &a.sets)?;
    let data = loaded.data();
    let spec = spec_from(data, &a.sets, &a.tt)?;
    let mut options = include_options(&a.include)?;
    options.dir_exp = a.dir_exp.clone();
    options.max_models = a.max_models;
    let mut calibrations = Vec::new();
    for c in &a.calibrate {
        let Some((set, method)) = c.split_once('=') else {
            return Err(fail(msg!("qca-sweep-cli-calibrate", value = c.as_str())));
        };
        let set = set.trim();
        let raw = data.require(set)?.to_vec();
        calibrations.push(SetCalibration {
            set: set.to_string(),
            raw,
            calibration: Calibration::parse(method.trim())?,
        });
    }
    let mut axes = Vec::new();
    for v in &a.vary {
        let Some((name, list)) = v.split_once('=') else {
            return Err(fail(msg!("qca-sweep-cli-vary", value = v.as_str())));
        };
        let name = name.trim();
        axes.push(SweepAxis {
            parameter: parameter(name)?,
            values: values(name, list, a.max_settings)?,
        });
    }
    if axes.is_empty() {
        return Err(fail(msg!("qca-sweep-cli-no-vary")));
    }
    let s = sweep(
        data,
        &SweepSpec {
            spec,
            options,
            calibrations,
            axes,
            max_settings: a.max_settings,
            threads: a.threads,
        },
        &CliProgress::new(lang),
    )?;
    // No setting gave an answer: the reason (a data error such as an outcome out of range,
    // the same for every setting) is the command's error, not a report of nothing.
    if s.counts.failed == s.counts.total
        && let Some(first) = s.failures().first()
    {
        return Err(fail(msg!(
            "qca-sweep-all-failed",
            n = s.counts.total,
            reason = first.reason.clone()
        )));
    }
    if let Some(path) = &a.svg {
        write_svgs(&s, path, lang)?;
    }
    let out = if a.data.json {
        serde_json::to_string_pretty(&s)? + "\n"
    } else {
        sweep_text(&s, a.show_models, lang)
    };
    Ok((s, with_note(out, &loaded, a.data.json, lang)))
}

/// The robustness XY plot to `path` and a range plot per axis beside it.
fn write_svgs(s: &Sweep, path: &std::path::Path, lang: Lang) -> Result<()> {
    use kantel_report::{plots, sweep_plots};
    let report_lang = lang;
    let Some(xy) = sweep_plots::xy_plot(s, report_lang, |c| c.to_string()) else {
        return Err(fail(
            s.no_comparison
                .clone()
                .unwrap_or_else(|| msg!("qca-sweep-no-tests")),
        ));
    };
    crate::qca_plots::write(path, &plots::xy_case_types_plot(&xy)).map_err(fail)?;
    let stem = path.with_extension("");
    for (k, axis) in s.axes.iter().enumerate() {
        let file = std::path::PathBuf::from(format!("{}.{}.svg", stem.display(), axis.label));
        if let Some(p) = sweep_plots::range_plot(s, k, axis.label.clone(), report_lang) {
            crate::qca_plots::write(&file, &plots::robustness_range_plot(&p)).map_err(fail)?;
        }
    }
    Ok(())
}

fn range_text(r: &Range, lang: Lang) -> String {
    match (r.lower, r.upper) {
        (Some(lo), Some(hi)) => {
            let end = |v: f64, closed: bool| {
                if closed {
                    short(v)
                } else {
                    format!("{}*", short(v))
                }
            };
            format!("{} – {}", end(lo, r.lower_closed), end(hi, r.upper_closed))
        }
        _ => Msg::new("qca-sweep-cli-not-at-initial").render(lang),
    }
}

/// A parameter value as people write it: 0.71, 550, 2 (never 0.7100000000000001).
fn short(v: f64) -> String {
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

/// The text report of a sweep.
pub(crate) fn sweep_text(s: &Sweep, show_models: usize, lang: Lang) -> String {
    let mut out = String::new();
    let initial: Vec<String> = s
        .axes
        .iter()
        .map(|a| format!("{} = {}", a.label, short(a.initial)))
        .collect();
    let _ = writeln!(
        out,
        "{}",
        msg!(
            "qca-sweep-cli-summary",
            total = s.counts.total,
            models = s.counts.with_models,
            empty = s.counts.empty,
            failed = s.counts.failed,
            initial = initial.join(", ")
        )
        .render(lang)
    );
    if s.counts.incomplete > 0 {
        let _ = writeln!(
            out,
            "  {}",
            msg!("qca-sweep-cli-incomplete", n = s.counts.incomplete).render(lang)
        );
    }
    // Why settings failed: each distinct reason once, with how many settings and the first.
    let reasons = s.failures();
    for f in reasons.iter().take(5) {
        let at: Vec<String> = s
            .axes
            .iter()
            .zip(&s.settings[f.first].values)
            .map(|(a, v)| format!("{} = {}", a.label, short(*v)))
            .collect();
        let _ = writeln!(
            out,
            "  {}",
            msg!(
                "qca-sweep-cli-failed",
                n = f.settings,
                first = at.join(", "),
                reason = f.reason.clone()
            )
            .render(lang)
        );
    }
    if reasons.len() > 5 {
        let _ = writeln!(
            out,
            "  {}",
            msg!("qca-sweep-cli-more-reasons", n = reasons.len() - 5).render(lang)
        );
    }
    let _ = writeln!(out);
    let header: Vec<String> = ["parameter", "values", "initial", "range"]
        .iter()
        .map(|k| Msg::new(format!("qca-sweep-cli-col-{k}")).render(lang))
        .collect();
    let rows: Vec<Vec<String>> = s
        .axes
        .iter()
        .map(|a| {
            let first = a.values.first().copied().unwrap_or(f64::NAN);
            let last = a.values.last().copied().unwrap_or(f64::NAN);
            vec![
                a.label.clone(),
                format!("{} … {} ({})", short(first), short(last), a.values.len()),
                short(a.initial),
                range_text(&a.range, lang),
            ]
        })
        .collect();
    out.push_str(&table(&header, &rows, &[false, false, true, false]));
    let _ = writeln!(out, "{}", Msg::new("qca-sweep-cli-range-note").render(lang));
    let _ = writeln!(out);

    let _ = writeln!(
        out,
        "{}",
        msg!("qca-sweep-cli-models", n = s.models.len()).render(lang)
    );
    let mut order: Vec<usize> = (0..s.models.len()).collect();
    order.sort_by(|&a, &b| {
        s.models[b]
            .initial
            .cmp(&s.models[a].initial)
            .then(s.models[b].settings.cmp(&s.models[a].settings))
            .then(a.cmp(&b))
    });
    let with_models = s.counts.with_models.max(1) as f64;
    let mut header = vec![
        "M".to_string(),
        Msg::new("qca-sweep-cli-col-settings").render(lang),
        Msg::new("qca-sweep-cli-col-share").render(lang),
    ];
    header.extend(s.axes.iter().map(|a| a.label.clone()));
    header.push(Msg::new("qca-sweep-cli-col-model").render(lang));
    let rows: Vec<Vec<String>> = order
        .iter()
        .take(show_models)
        .map(|&m| {
            let model = &s.models[m];
            let mut row = vec![
                format!("{}{}", m + 1, if model.initial { "*" } else { "" }),
                model.settings.to_string(),
                num(model.settings as f64 / with_models, 3),
            ];
            row.extend(model.ranges.iter().map(|r| range_text(r, lang)));
            row.push(model.expression.clone());
            row
        })
        .collect();
    let mut right = vec![false, true, true];
    right.extend(s.axes.iter().map(|_| false));
    right.push(false);
    out.push_str(&table(&header, &rows, &right));
    if s.models.len() > show_models {
        let _ = writeln!(
            out,
            "{}",
            msg!(
                "qca-sweep-cli-more-models",
                n = s.models.len() - show_models
            )
            .render(lang)
        );
    }
    let _ = writeln!(
        out,
        "{}",
        Msg::new("qca-sweep-cli-models-note").render(lang)
    );
    let _ = writeln!(out);

    let _ = writeln!(out, "{}", Msg::new("qca-sweep-cli-terms").render(lang));
    let mut header = vec![
        Msg::new("qca-sweep-cli-col-term").render(lang),
        Msg::new("qca-sweep-cli-col-in-all").render(lang),
        Msg::new("qca-sweep-cli-col-in-some").render(lang),
        Msg::new("qca-sweep-cli-col-robust").render(lang),
    ];
    header.extend(s.axes.iter().map(|a| a.label.clone()));
    let yes = Msg::new("qca-sweep-cli-yes").render(lang);
    let rows: Vec<Vec<String>> = s
        .terms
        .iter()
        .take(show_models.max(10) * 2)
        .map(|t| {
            let mut row = vec![
                format!("{}{}", t.term, if t.initial { " *" } else { "" }),
                format!(
                    "{} ({})",
                    t.in_all_models,
                    num(t.in_all_models as f64 / with_models, 3)
                ),
                t.in_some_model.to_string(),
                if t.robust { yes.clone() } else { String::new() },
            ];
            row.extend(t.ranges.iter().map(|r| range_text(r, lang)));
            row
        })
        .collect();
    let mut right = vec![false, true, true, false];
    right.extend(s.axes.iter().map(|_| false));
    out.push_str(&table(&header, &rows, &right));
    let _ = writeln!(out);

    match (&s.comparison, &s.no_comparison) {
        (Some(c), _) => {
            let _ = writeln!(
                out,
                "{}",
                msg!(
                    "qca-sweep-cli-fit",
                    tests = c.test_solutions,
                    model = c.initial_model.as_str()
                )
                .render(lang)
            );
            let f = c.fit.printed;
            let k = c.core_fit.printed;
            out.push_str(&table(
                &[
                    "RF_cov",
                    "RF_cons",
                    "RF_SC_minTS",
                    "RF_SC_maxTS",
                    "Cons.Suf",
                    "Cov.Suf",
                    "PRI",
                ]
                .map(String::from),
                &[vec![
                    num(f.rf_cov, 3),
                    num(f.rf_cons, 3),
                    num(f.rf_sc_min_ts, 3),
                    num(f.rf_sc_max_ts, 3),
                    num(k.cons, 3),
                    num(k.cov, 3),
                    num(k.pri, 3),
                ]],
                &[true; 7],
            ));
            let _ = writeln!(out, "{}", Msg::new("qca-sweep-cli-fit-note").render(lang));
            let _ = writeln!(out);
            let _ = writeln!(out, "{}", Msg::new("qca-sweep-cli-cases").render(lang));
            for g in &c.case_groups {
                // The first names; all of them in --json (2,000 municipalities are a wall).
                let names = if g.cases.is_empty() {
                    "-".to_string()
                } else if g.cases.len() > LISTED_CASES {
                    format!(
                        "{}, … (+{})",
                        g.cases[..LISTED_CASES].join(", "),
                        g.cases.len() - LISTED_CASES
                    )
                } else {
                    g.cases.join(", ")
                };
                let _ = writeln!(
                    out,
                    "  {}: {} ({})",
                    Msg::new(format!("qca-sweep-cli-group-{}", g.key)).render(lang),
                    names,
                    g.cases.len()
                );
            }
            let r = c.case_ratios;
            let _ = writeln!(
                out,
                "  RCR_typ = {}, RCR_dev = {}, RCC_Rank = {}",
                num(r.rcr_typ, 3),
                num(r.rcr_dev, 3),
                r.rcc_rank
            );
        }
        (None, Some(why)) => {
            let _ = writeln!(out, "{}", why.render(lang));
        }
        (None, None) => {}
    }
    out
}
