//! `kantel qca cna`: the options of R's cna 4.0 turned into `CnaOptions`, and the
//! fit-robustness series (R's frscore package) with `--fr-grid`.

use std::fmt::Write as _;

use clap::Args;
use kantel_i18n::{Lang, msg};
use kantel_qca::cna::{
    CnaMeasure, CnaOptions, CycleType, DEFAULT_FR_MAX_RUNS, FrNormalize, FrOutput, FrScoreOptions,
    FrScoreResult, cna_with_progress, frscored_cna_with_progress,
};
use kantel_qca::{QcaError, SetData};

use crate::progress::CliProgress;
use crate::qca::CnaArgs;
use crate::render;

/// Fit-robustness scoring over a grid of con/cov thresholds (R's frscore package).
#[derive(Args, Debug)]
pub struct FrArgs {
    /// Fit-robustness series: run cna at every (con, cov) pair of these thresholds, e.g.
    /// "1,0.9,0.8,0.7" (frscore's default), and score every model by the models of the
    /// series it is a sub- or supermodel of (R's frscored_cna).
    #[arg(long)]
    pub(crate) fr_grid: Option<String>,
    /// What the series scores: "csf" (default) or "asf".
    #[arg(long, default_value = "csf")]
    pub(crate) fr_output: String,
    /// Normalization of the scores: "truemax" (default: the best model scores 1),
    /// "idealmax" or "none".
    #[arg(long, default_value = "truemax")]
    pub(crate) fr_normalize: String,
    /// At most this many model types are scored (frscore's maxsols).
    #[arg(long, default_value_t = 50)]
    pub(crate) fr_max_sols: usize,
    /// Most analyses in the series (the number of grid values squared); beyond it an error.
    #[arg(long, default_value_t = DEFAULT_FR_MAX_RUNS)]
    pub(crate) fr_max_runs: usize,
    /// Models listed in the text output (all in JSON).
    #[arg(long, default_value_t = 20)]
    pub(crate) fr_top: usize,
    /// Threads for the series (the output does not depend on it).
    #[arg(long, default_value_t = 1)]
    pub(crate) threads: usize,
}

/// Whether a name given with --outcome or --ordering is a column to read as numbers: not a
/// lower-case outcome (`b`, the absence of column `B`).
pub(crate) fn is_named_column(name: &str) -> bool {
    let n = name.trim();
    !(n.chars().any(char::is_alphabetic) && n == n.to_lowercase() && n != n.to_uppercase())
}

fn fraction(option: &str, v: f64) -> Result<f64, QcaError> {
    if v.is_finite() && (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(QcaError::Settings(msg!(
            "qca-cut-out-of-range",
            name = option,
            value = v
        )))
    }
}

/// `CnaOptions` from the command line.
pub(crate) fn options(a: &CnaArgs) -> Result<CnaOptions, QcaError> {
    let err = QcaError::Settings;
    let steps: Vec<usize> = a
        .maxstep
        .split(',')
        .map(|p| {
            let p = p.trim();
            p.parse::<usize>().map_err(|_| {
                err(msg!(
                    "qca-cli-option-not-whole",
                    option = "--maxstep",
                    value = p
                ))
            })
        })
        .collect::<Result<_, _>>()?;
    let [s1, s2, s3] = steps.as_slice() else {
        return Err(err(msg!("qca-cli-maxstep-count", count = steps.len())));
    };
    let ordering: Vec<Vec<String>> = match &a.ordering {
        Some(text) => text
            .split('<')
            .map(|level| {
                level
                    .split(',')
                    .map(|f| f.trim().to_string())
                    .filter(|f| !f.is_empty())
                    .collect()
            })
            .collect(),
        None => Vec::new(),
    };
    let measures = match &a.measures {
        None => (
            CnaMeasure::StandardConsistency,
            CnaMeasure::StandardCoverage,
        ),
        Some(text) => {
            let parts: Vec<&str> = text.split(',').collect();
            let [m1, m2] = parts.as_slice() else {
                return Err(err(msg!("qca-cna-cli-measures-count", count = parts.len())));
            };
            (CnaMeasure::parse(m1)?, CnaMeasure::parse(m2)?)
        }
    };
    let cycle_type = match a.cycle_type.trim() {
        "factor" => CycleType::Factor,
        "value" => CycleType::Value,
        other => {
            return Err(err(msg!(
                "qca-cna-cli-bad-choice",
                option = "--cycle-type",
                value = other,
                choices = "factor, value"
            )));
        }
    };
    if a.fr.fr_grid.is_some() {
        for (option, given) in [
            ("--con", a.con.is_some()),
            ("--cov", a.cov.is_some()),
            ("--con-msc", a.con_msc.is_some()),
        ] {
            if given {
                return Err(err(msg!("qca-cna-cli-fr-fixed", option = option)));
            }
        }
    }
    Ok(CnaOptions {
        con: fraction("--con", a.con.unwrap_or(1.0))?,
        cov: fraction("--cov", a.cov.unwrap_or(1.0))?,
        con_msc: a.con_msc.map(|v| fraction("--con-msc", v)).transpose()?,
        maxstep: (*s1, *s2, *s3),
        ordering,
        strict: a.strict,
        outcomes: if a.outcome.is_empty() {
            None
        } else {
            Some(a.outcome.clone())
        },
        csf_n_init: a.n_init,
        max_msc_candidates: a.max_msc_candidates,
        max_asf_candidates: a.max_asf_candidates,
        max_csf_candidates: a.max_csf_candidates,
        measures,
        notcols: a
            .notcols
            .iter()
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect(),
        exclude: a.exclude.clone(),
        acyclic_only: a.acyclic_only,
        cycle_type,
        ..CnaOptions::default()
    })
}

fn fr_options(f: &FrArgs, grid: &str) -> Result<FrScoreOptions, QcaError> {
    let err = QcaError::Settings;
    let values: Vec<f64> = grid
        .split(',')
        .map(|p| {
            let p = p.trim();
            p.parse::<f64>().map_err(|_| {
                err(msg!(
                    "qca-cna-cli-not-a-number",
                    option = "--fr-grid",
                    value = p
                ))
            })
        })
        .collect::<Result<_, _>>()?;
    let output = match f.fr_output.trim() {
        "csf" => FrOutput::Csf,
        "asf" => FrOutput::Asf,
        other => {
            return Err(err(msg!(
                "qca-cna-cli-bad-choice",
                option = "--fr-output",
                value = other,
                choices = "csf, asf"
            )));
        }
    };
    let normalize = match f.fr_normalize.trim() {
        "truemax" => FrNormalize::Truemax,
        "idealmax" => FrNormalize::Idealmax,
        "none" => FrNormalize::None,
        other => {
            return Err(err(msg!(
                "qca-cna-cli-bad-choice",
                option = "--fr-normalize",
                value = other,
                choices = "truemax, idealmax, none"
            )));
        }
    };
    if f.threads == 0 {
        return Err(err(msg!("qca-cna-budget-zero", option = "--threads")));
    }
    Ok(FrScoreOptions {
        grid: values,
        output,
        normalize,
        max_sols: f.fr_max_sols,
        max_runs: f.fr_max_runs,
        threads: f.threads,
    })
}

/// Runs the command on loaded data: one cna, or with `--fr-grid` the series.
pub(crate) fn run(
    a: &CnaArgs,
    options: &CnaOptions,
    data: &SetData,
    lang: Lang,
) -> Result<String, QcaError> {
    if let Some(grid) = &a.fr.fr_grid {
        let fr = fr_options(&a.fr, grid)?;
        let result = frscored_cna_with_progress(data, options, &fr, &CliProgress::new(lang))?;
        return Ok(if a.data.json {
            serde_json::to_string_pretty(&result).unwrap_or_default() + "\n"
        } else {
            fr_text(&result, a.fr.fr_top, a.cna_notation, lang)
        });
    }
    let result = cna_with_progress(data, options, &CliProgress::new(lang))?;
    Ok(if a.data.json {
        serde_json::to_string_pretty(&result).unwrap_or_default() + "\n"
    } else {
        let text = render::cna_text(&result, a.cna_notation, lang);
        if options.measures == CnaOptions::default().measures {
            text
        } else {
            // con and cov are not the standard ones: say which they are.
            msg!(
                "qca-cna-cli-measures",
                con = options.measures.0.name(),
                cov = options.measures.1.name()
            )
            .render(lang)
                + "\n\n"
                + &text
        }
    })
}

/// Left-aligned first column, the others right-aligned, two spaces between.
fn table(header: &[String], rows: &[Vec<String>]) -> String {
    let n = header.len();
    let width: Vec<usize> = (0..n)
        .map(|c| {
            rows.iter()
                .map(|r| r[c].chars().count())
                .chain([header[c].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| -> String {
        let mut out = String::new();
        for (c, cell) in cells.iter().enumerate() {
            let pad = " ".repeat(width[c] - cell.chars().count());
            if c == 0 {
                out.push_str(cell);
                out.push_str(&pad);
            } else {
                out.push_str("  ");
                out.push_str(&pad);
                out.push_str(cell);
            }
        }
        out.trim_end().to_string() + "\n"
    };
    let mut out = line(header);
    for r in rows {
        out.push_str(&line(r));
    }
    out
}

/// The series as text: settings, the best models with their scores, warnings counted.
fn fr_text(r: &FrScoreResult, top: usize, cna_notation: bool, lang: Lang) -> String {
    let mut out = String::new();
    let grid = r
        .options
        .grid
        .iter()
        .map(|v| render::num(*v, 3))
        .collect::<Vec<_>>()
        .join(", ");
    let _ = writeln!(
        out,
        "--- {} ---\n",
        msg!("qca-cna-cli-fr-title").render(lang)
    );
    let _ = writeln!(
        out,
        "{}",
        msg!(
            "qca-cna-cli-fr-settings",
            runs = r.runs.len(),
            grid = grid,
            types = r.types,
            scored = r.models.len()
        )
        .render(lang)
    );
    if r.excluded > 0 {
        let _ = writeln!(
            out,
            "{}",
            msg!(
                "qca-cna-cli-fr-excluded",
                excluded = r.excluded,
                max = r.options.max_sols
            )
            .render(lang)
        );
    }
    out.push('\n');
    if r.models.is_empty() {
        let _ = writeln!(out, "{}", lang.t("qca-cli-none"));
    } else {
        let header: Vec<String> = [
            "",
            "con",
            "cov",
            "complexity",
            "score",
            "norm.score",
            "tokens",
        ]
        .map(String::from)
        .to_vec();
        let rows: Vec<Vec<String>> = r
            .models
            .iter()
            .take(top)
            .map(|m| {
                let formula = if cna_notation {
                    m.expression.clone()
                } else {
                    let asfs = &m.asfs;
                    if asfs.len() == 1 {
                        asfs[0].to_qca()
                    } else {
                        asfs.iter()
                            .map(|a| format!("({})", a.to_qca()))
                            .collect::<Vec<_>>()
                            .join(" * ")
                    }
                };
                vec![
                    formula,
                    render::num(m.con, 3),
                    render::num(m.cov, 3),
                    m.complexity.to_string(),
                    render::num(m.score, 0),
                    render::num(m.norm_score, 3),
                    m.tokens.to_string(),
                ]
            })
            .collect();
        out.push_str(&table(&header, &rows));
        if r.models.len() > top {
            let _ = writeln!(
                out,
                "\n{}",
                msg!("qca-cna-cli-fr-more", more = r.models.len() - top).render(lang)
            );
        }
    }
    let warned = r.runs.iter().filter(|x| !x.warnings.is_empty()).count();
    if warned > 0 {
        let _ = writeln!(
            out,
            "\n{}",
            msg!(
                "qca-cli-warning",
                message = msg!("qca-cna-cli-fr-warned-runs", runs = warned)
            )
            .render(lang)
        );
    }
    out
}
