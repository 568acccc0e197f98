//! `kantel qca …`: the set-theoretic engine on a data file.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use kantel_qca::calibrate::{Calibration, CalibrationOptions, calibrate, find_thresholds};
use kantel_qca::cna::{CnaOptions, cna};
use kantel_qca::expr::Expression;
use kantel_qca::fit;
use kantel_qca::minimize::{MinimizeOptions, minimize};
use kantel_qca::necessity::{Relation, SearchOptions, necessity_table, super_subset};
use kantel_qca::retention::{Assumption, Perturbation, RetentionSpec, retention};
use kantel_qca::robustness::{incl_range, ncut_range};
use kantel_qca::truth_table::{HalfMembership, Outcome, TruthTable, TruthTableSpec};
use kantel_qca::{ColumnKind, SetData};
use kantel_study::table::{ReadOptions, Table, to_set_data};
use serde_json::json;

use crate::lang::UiLang;
use crate::render;

/// The QCA commands.
#[derive(Subcommand, Debug)]
pub enum QcaCommand {
    /// Build a truth table.
    #[command(
        after_help = "Example:\n  kantel qca truth-table --data testdata/validation/data/LF.csv --outcome SURV --incl-cut 0.8"
    )]
    TruthTable(TruthTableArgs),
    /// Minimize a truth table: conservative, parsimonious and intermediate solutions.
    #[command(
        after_help = "Examples:\n  kantel qca minimize --data testdata/validation/data/LF.csv --outcome SURV --incl-cut 0.8 --include \"?\"\n  kantel qca minimize --data testdata/validation/data/LF.csv --outcome SURV --incl-cut 0.8 --include \"?\" --dir-exp \"DEV, URB, LIT, IND, STB\" --json"
    )]
    Minimize(MinimizeArgs),
    /// Parameters of fit (inclS, PRI, covS, covU; inclN, RoN, covN) of conditions or expressions.
    #[command(
        after_help = "Examples:\n  kantel qca fit --data testdata/validation/data/LF.csv --outcome SURV\n  kantel qca fit --data testdata/validation/data/LF.csv --outcome SURV --expression \"DEV*~IND + URB*STB\""
    )]
    Fit(FitArgs),
    /// Necessity analysis: every condition and its negation, and the search for disjunctions.
    #[command(
        after_help = "Example:\n  kantel qca necessity --data testdata/validation/data/LF.csv --outcome SURV --incl-cut 0.9 --cov-cut 0.5"
    )]
    Necessity(NecessityArgs),
    /// Coincidence analysis (R's cna): minimally sufficient conditions, atomic and complex
    /// solution formulas.
    #[command(
        after_help = "Examples:\n  kantel qca cna --data testdata/validation/data/d.educate.csv\n  kantel qca cna --data testdata/validation/data/d.autonomyEL.csv --ordering \"EM, SP, CO < AU\" --con 0.9 --cov 0.9"
    )]
    Cna(CnaArgs),
    /// Robustness of a solution: the incl.cut and n.cut ranges within which it stays the same
    /// (SetMethods' rob.inclrange and rob.ncutrange).
    #[command(
        after_help = "Example:\n  kantel qca robustness --data testdata/validation/data/LIPF.csv --outcome SURVIVED --incl-cut 0.8 --include \"?\""
    )]
    Robustness(RobustnessArgs),
    /// Retention: the probability that a crisp solution survives corrupted or deleted cases
    /// (R's retention()).
    #[command(
        after_help = "Example:\n  kantel qca retention --data testdata/validation/data/TSD.csv --outcome W --type corruption --p-pert 0.025"
    )]
    Retention(RetentionArgs),
    /// Negate, simplify or factorize an expression in R notation.
    #[command(
        after_help = "Examples:\n  kantel qca expression \"~(DEV*~IND + URB*STB)\" --negate\n  kantel qca expression \"A*B + A*~B + C\" --simplify\n  kantel qca expression \"A*B + A*C\" --factorize\n  kantel qca expression \"DEV[2] + ~DEV[0]\" --simplify --data testdata/validation/data/LM.csv"
    )]
    Expression(ExpressionArgs),
    /// List the columns of a data file with their detected kind (crisp, multi-value, fuzzy, raw).
    #[command(after_help = "Example:\n  kantel qca columns --data testdata/validation/data/LM.csv")]
    Columns(ColumnsArgs),
    /// Calibrate raw values into set memberships.
    #[command(
        after_help = "Examples:\n  kantel qca calibrate --data testdata/validation/data/LR.csv --column DEV --method \"fuzzy:e=350,c=550,i=900\"\n  kantel qca calibrate --data testdata/validation/data/LR.csv --column DEV --find-thresholds 2"
    )]
    Calibrate(CalibrateArgs),
}

/// Where the data come from.
#[derive(Args, Debug)]
pub struct DataArgs {
    /// CSV (comma or semicolon, decimal point or comma) or XLSX file.
    #[arg(long)]
    pub data: PathBuf,
    /// Column with case names (default: the first column when it is not numeric).
    #[arg(long)]
    pub case_column: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Outcome and conditions.
#[derive(Args, Debug)]
pub struct SetArgs {
    /// The outcome, e.g. SURV, "~SURV" or "SURV[2]".
    #[arg(long, allow_hyphen_values = true)]
    pub outcome: String,
    /// Conditions, comma-separated (default: every column but the outcome and the case column).
    #[arg(long, value_delimiter = ',')]
    pub conditions: Vec<String>,
}

/// Truth-table settings.
#[derive(Args, Debug)]
pub struct TruthTableOptions {
    /// Inclusion cut-off: one value, or two ("0.9,0.7") to mark contradictions "C".
    #[arg(long, default_value = "1")]
    pub incl_cut: String,
    /// PRI cut-off for positive rows.
    #[arg(long, default_value_t = 0.0)]
    pub pri_cut: f64,
    /// Frequency cut-off: rows with fewer cases are remainders.
    #[arg(long, default_value_t = 1)]
    pub n_cut: usize,
    /// Remainder rows declared negative, e.g. "3,17".
    #[arg(long, value_delimiter = ',')]
    pub exclude: Vec<u64>,
    /// Accept fuzzy memberships of exactly 0.5 as R does (warn, leave those cases out of every row).
    #[arg(long)]
    pub allow_half: bool,
}

/// `kantel qca truth-table`.
#[derive(Args, Debug)]
pub struct TruthTableArgs {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    sets: SetArgs,
    #[command(flatten)]
    tt: TruthTableOptions,
    /// Show every configuration, remainders included.
    #[arg(long)]
    complete: bool,
}

/// `kantel qca minimize`.
#[derive(Args, Debug)]
pub struct MinimizeArgs {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    sets: SetArgs,
    #[command(flatten)]
    tt: TruthTableOptions,
    /// Rows to use as don't cares: "?" (remainders), "C" (contradictions) or "?,C".
    #[arg(long, default_value = "")]
    include: String,
    /// Directional expectations for intermediate solutions, e.g. "DEV, STB, ~LIT*IND".
    #[arg(long, allow_hyphen_values = true)]
    dir_exp: Option<String>,
    /// Remove dominated prime implicants before solving the chart.
    #[arg(long)]
    row_dom: bool,
    /// All irredundant models, not only the minimal ones.
    #[arg(long)]
    all_sol: bool,
    /// Minimum inclusion of a prime implicant.
    #[arg(long, default_value_t = 0.0)]
    pi_cons: f64,
    /// Minimum inclusion of a model.
    #[arg(long, default_value_t = 0.0)]
    sol_cons: f64,
    /// Cap on the number of models (reaching it is reported).
    #[arg(long, default_value_t = 10_000)]
    max_models: usize,
    /// Search budget for proving the minimum (branch-and-bound nodes); running out is an
    /// error that gives the proved bounds.
    #[arg(long, default_value_t = kantel_qca::minimize::DEFAULT_PROOF_NODES)]
    max_nodes: u64,
}

/// `kantel qca fit`.
#[derive(Args, Debug)]
pub struct FitArgs {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    sets: SetArgs,
    /// Expressions in R notation (repeatable); default: every condition and its negation.
    #[arg(long, allow_hyphen_values = true)]
    expression: Vec<String>,
}

/// `kantel qca necessity`.
#[derive(Args, Debug)]
pub struct NecessityArgs {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    sets: SetArgs,
    /// Minimum inclN of a disjunction (R's incl.cut).
    #[arg(long, default_value_t = 1.0)]
    incl_cut: f64,
    /// Minimum covN (R's cov.cut).
    #[arg(long, default_value_t = 0.0)]
    cov_cut: f64,
    /// Minimum RoN (R's ron.cut).
    #[arg(long, default_value_t = 0.0)]
    ron_cut: f64,
    /// Most literals per disjunction (default: number of conditions).
    #[arg(long)]
    depth: Option<usize>,
}

/// `kantel qca cna`.
#[derive(Args, Debug)]
pub struct CnaArgs {
    #[command(flatten)]
    data: DataArgs,
    /// Consistency threshold.
    #[arg(long, default_value_t = 1.0)]
    con: f64,
    /// Coverage threshold.
    #[arg(long, default_value_t = 1.0)]
    cov: f64,
    /// Maximal complexity: literals per disjunct, disjuncts, total (cna's maxstep).
    #[arg(long, default_value = "3,4,10")]
    maxstep: String,
    /// Causal ordering, e.g. "EM, SP, CO < AU".
    #[arg(long)]
    ordering: Option<String>,
    /// Factors on the same level of the ordering cannot cause each other.
    #[arg(long)]
    strict: bool,
    /// Outcomes to analyse (repeatable); default every factor.
    #[arg(long)]
    outcome: Vec<String>,
    /// Print formulas in cna notation (`A*b + C <-> E`) instead of R QCA's (`A*~B + C`).
    #[arg(long)]
    cna_notation: bool,
}

/// `kantel qca robustness`.
#[derive(Args, Debug)]
pub struct RobustnessArgs {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    sets: SetArgs,
    #[command(flatten)]
    tt: TruthTableOptions,
    /// Rows to use as don't cares, as for minimize.
    #[arg(long, default_value = "")]
    include: String,
    /// Directional expectations, as for minimize.
    #[arg(long, allow_hyphen_values = true)]
    dir_exp: Option<String>,
    /// Step of the incl.cut search.
    #[arg(long, default_value_t = 0.01)]
    step: f64,
    /// Most steps in each direction.
    #[arg(long, default_value_t = 20)]
    max_runs: usize,
}

/// `kantel qca retention`.
#[derive(Args, Debug)]
pub struct RetentionArgs {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    sets: SetArgs,
    /// Inclusion cut-off for positive rows.
    #[arg(long, default_value_t = 1.0)]
    incl_cut: f64,
    /// Frequency cut-off.
    #[arg(long, default_value_t = 1)]
    n_cut: usize,
    /// corruption (the outcome of a case flips) or deletion (the case is lost).
    #[arg(long, default_value = "corruption")]
    r#type: String,
    /// Exactly this many cases are perturbed (dependent perturbations).
    #[arg(long)]
    n_pert: Option<usize>,
    /// Each case is perturbed with this probability (independent perturbations).
    #[arg(long)]
    p_pert: Option<f64>,
}

/// `kantel qca expression`.
#[derive(Args, Debug)]
pub struct ExpressionArgs {
    /// The expression, e.g. "~(A + B)*C".
    #[arg(allow_hyphen_values = true)]
    expression: String,
    /// Negate it (De Morgan, as a minimal sum of products).
    #[arg(long)]
    negate: bool,
    /// Simplify it to an equivalent minimal sum of products.
    #[arg(long)]
    simplify: bool,
    /// List its factorisations.
    #[arg(long)]
    factorize: bool,
    /// Data file: takes the number of levels of multi-value conditions from it (otherwise
    /// conditions are binary).
    #[arg(long)]
    data: Option<PathBuf>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// `kantel qca columns`.
#[derive(Args, Debug)]
pub struct ColumnsArgs {
    #[command(flatten)]
    data: DataArgs,
}

/// `kantel qca calibrate`.
#[derive(Args, Debug)]
pub struct CalibrateArgs {
    #[command(flatten)]
    data: DataArgs,
    /// The raw column to calibrate.
    #[arg(long)]
    column: String,
    /// Method and anchors, e.g. "fuzzy:e=350,c=550,i=900", "crisp:550", "indirect:...".
    #[arg(long)]
    method: Option<String>,
    /// Do not snap memberships below 0.0001 to 0 and above 0.9999 to 1.
    #[arg(long)]
    no_snap: bool,
    /// Suggest thresholds that split the column into this many groups (R's findTh).
    #[arg(long)]
    find_thresholds: Option<usize>,
}

pub(crate) fn load(data: &DataArgs) -> Result<SetData> {
    let table = Table::read(&data.data, &ReadOptions::default())
        .with_context(|| format!("reading {}", data.data.display()))?;
    let set_data = to_set_data(&table, data.case_column.as_deref())?;
    Ok(set_data)
}

fn conditions_of(data: &SetData, sets: &SetArgs, outcome: &Outcome) -> Result<Vec<String>> {
    let conditions: Vec<String> = if sets.conditions.is_empty() {
        data.names()
            .iter()
            .filter(|n| **n != outcome.name)
            .cloned()
            .collect()
    } else {
        sets.conditions
            .iter()
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect()
    };
    for c in &conditions {
        if *c == outcome.name {
            bail!("{c} is the outcome and cannot also be a condition");
        }
        data.require(c)?;
    }
    Ok(conditions)
}

pub(crate) fn spec_from(
    data: &SetData,
    sets: &SetArgs,
    tt: &TruthTableOptions,
) -> Result<TruthTableSpec> {
    let outcome = Outcome::parse(&sets.outcome)?;
    data.require(&outcome.name)?;
    let conditions = conditions_of(data, sets, &outcome)?;
    let mut spec = TruthTableSpec::new(outcome, conditions);
    let cuts: Vec<f64> = tt
        .incl_cut
        .split(',')
        .map(|s| {
            s.trim()
                .parse::<f64>()
                .with_context(|| format!("--incl-cut: {s:?} is not a number"))
        })
        .collect::<Result<_>>()?;
    match cuts.as_slice() {
        [one] => spec.incl_cut = *one,
        [one, zero] => {
            spec.incl_cut = *one;
            spec.incl_cut_contradiction = Some(*zero);
        }
        _ => bail!("--incl-cut takes one or two values, got {}", cuts.len()),
    }
    spec.pri_cut = tt.pri_cut;
    spec.n_cut = tt.n_cut;
    spec.exclude = tt.exclude.clone();
    spec.half_membership = if tt.allow_half {
        HalfMembership::Warn
    } else {
        HalfMembership::Error
    };
    Ok(spec)
}

/// Runs a QCA command, returning what to print.
pub fn run(command: &QcaCommand, lang: UiLang) -> Result<String> {
    match command {
        QcaCommand::TruthTable(a) => {
            let data = load(&a.data)?;
            let spec = spec_from(&data, &a.sets, &a.tt)?;
            let tt = TruthTable::build(&data, &spec)?;
            let rows = if a.complete {
                tt.complete_rows(1 << 16)?
            } else {
                tt.rows().to_vec()
            };
            if a.data.json {
                Ok(render::truth_table_json(&tt, &rows))
            } else {
                Ok(render::truth_table_text(&tt, &rows, lang))
            }
        }
        QcaCommand::Minimize(a) => {
            let data = load(&a.data)?;
            let spec = spec_from(&data, &a.sets, &a.tt)?;
            let tt = TruthTable::build(&data, &spec)?;
            let mut options = MinimizeOptions::default();
            for part in a
                .include
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
            {
                match part {
                    "?" => options.include_remainders = true,
                    "C" | "c" => options.include_contradictions = true,
                    other => bail!("--include: {other:?} is not \"?\" or \"C\""),
                }
            }
            options.dir_exp = a.dir_exp.clone();
            options.row_dominance = a.row_dom;
            options.all_solutions = a.all_sol;
            options.pi_cons = a.pi_cons;
            options.sol_cons = a.sol_cons;
            options.max_models = a.max_models;
            options.max_nodes = a.max_nodes;
            let m = minimize(&tt, &options)?;
            if a.data.json {
                Ok(render::minimization_json(&m))
            } else {
                Ok(render::minimization_text(&m, lang))
            }
        }
        QcaCommand::Fit(a) => {
            let data = load(&a.data)?;
            let outcome = Outcome::parse(&a.sets.outcome)?;
            let y = outcome.membership(&data)?;
            let mut entries = Vec::new();
            if a.expression.is_empty() {
                let conditions = conditions_of(&data, &a.sets, &outcome)?;
                for c in &conditions {
                    for text in [c.clone(), format!("~{c}")] {
                        let e = Expression::parse(&text)?;
                        entries.push(render::FitEntry::single(&text, &e.membership(&data)?, &y));
                    }
                }
            } else {
                for text in &a.expression {
                    let e = Expression::parse(text)?;
                    let terms: Vec<Vec<f64>> = e
                        .terms
                        .iter()
                        .map(|t| t.membership(&data))
                        .collect::<Result<_, _>>()?;
                    let whole = e.membership(&data)?;
                    entries.push(render::FitEntry::expression(
                        &e.to_string(),
                        &e,
                        &terms,
                        &whole,
                        &y,
                    ));
                }
            }
            if a.data.json {
                Ok(serde_json::to_string_pretty(
                    &json!({ "outcome": outcome.to_string(), "fits": entries }),
                )? + "\n")
            } else {
                Ok(render::fit_text(&outcome.to_string(), &entries, lang))
            }
        }
        QcaCommand::Necessity(a) => {
            let data = load(&a.data)?;
            let outcome = Outcome::parse(&a.sets.outcome)?;
            let conditions = conditions_of(&data, &a.sets, &outcome)?;
            let table = necessity_table(&data, &a.sets.outcome, false, &conditions)?;
            let options = SearchOptions {
                relation: Relation::Necessity,
                incl_cut: a.incl_cut,
                cov_cut: a.cov_cut,
                ron_cut: a.ron_cut,
                depth: a.depth,
                ..SearchOptions::default()
            };
            let found = super_subset(&data, &a.sets.outcome, false, &conditions, &options)?;
            if a.data.json {
                Ok(render::necessity_json(&outcome.to_string(), &table, &found))
            } else {
                Ok(render::necessity_text(
                    &outcome.to_string(),
                    &table,
                    &found,
                    &options,
                    lang,
                ))
            }
        }
        QcaCommand::Cna(a) => {
            let data = load(&a.data)?;
            let steps: Vec<usize> = a
                .maxstep
                .split(',')
                .map(|p| {
                    p.trim()
                        .parse::<usize>()
                        .with_context(|| format!("--maxstep: {p:?} is not a whole number"))
                })
                .collect::<Result<_>>()?;
            let [s1, s2, s3] = steps.as_slice() else {
                bail!("--maxstep takes three numbers, e.g. 3,4,10");
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
            let options = CnaOptions {
                con: a.con,
                cov: a.cov,
                maxstep: (*s1, *s2, *s3),
                ordering,
                strict: a.strict,
                outcomes: if a.outcome.is_empty() {
                    None
                } else {
                    Some(a.outcome.clone())
                },
                ..CnaOptions::default()
            };
            let result = cna(&data, &options)?;
            if a.data.json {
                return Ok(serde_json::to_string_pretty(&result)? + "\n");
            }
            Ok(render::cna_text(&result, a.cna_notation, lang))
        }
        QcaCommand::Robustness(a) => {
            let data = load(&a.data)?;
            let spec = spec_from(&data, &a.sets, &a.tt)?;
            let mut options = include_options(&a.include)?;
            options.dir_exp = a.dir_exp.clone();
            let incl = incl_range(&data, &spec, &options, a.step, a.max_runs)?;
            let ncut = ncut_range(&data, &spec, &options, 1, a.max_runs)?;
            if a.data.json {
                return Ok(serde_json::to_string_pretty(
                    &json!({"incl_cut": incl, "n_cut": ncut}),
                )? + "\n");
            }
            Ok(render::robustness_text(&incl, &ncut, lang))
        }
        QcaCommand::Retention(a) => {
            let data = load(&a.data)?;
            let outcome = Outcome::parse(&a.sets.outcome)?;
            let conditions = conditions_of(&data, &a.sets, &outcome)?;
            let perturbation = match a.r#type.as_str() {
                "corruption" => Perturbation::Corruption,
                "deletion" => Perturbation::Deletion,
                other => bail!("--type: {other:?} is not corruption or deletion"),
            };
            let assumption = match (a.n_pert, a.p_pert) {
                (Some(n_pert), None) => Assumption::Dependent { n_pert },
                (None, Some(p_pert)) => Assumption::Independent { p_pert },
                _ => bail!("give exactly one of --n-pert (dependent) or --p-pert (independent)"),
            };
            let spec = RetentionSpec {
                outcome,
                conditions,
                incl_cut: a.incl_cut,
                n_cut: a.n_cut,
                perturbation,
                assumption,
            };
            let p = retention(&data, &spec)?;
            if a.data.json {
                return Ok(serde_json::to_string_pretty(
                    &json!({"settings": spec, "retention": p}),
                )? + "\n");
            }
            Ok(format!(
                "{}: {p:.6}\n",
                lang.pick(
                    "kans dat de oplossing behouden blijft",
                    "probability that the solution is retained"
                )
            ))
        }
        QcaCommand::Expression(a) => {
            let e = Expression::parse(&a.expression)?;
            let levels: Vec<(String, u8)> = match &a.data {
                Some(path) => {
                    let d = load(&DataArgs {
                        data: path.clone(),
                        case_column: None,
                        json: false,
                    })?;
                    d.names()
                        .iter()
                        .enumerate()
                        .filter_map(|(i, n)| d.kind_at(i).levels().map(|l| (n.clone(), l)))
                        .collect()
                }
                None => Vec::new(),
            };
            let noflevels = |name: &str| levels.iter().find(|(n, _)| n == name).map(|(_, l)| *l);
            let mut result = serde_json::Map::new();
            result.insert("expression".into(), json!(e.to_string()));
            if a.negate {
                result.insert("negated".into(), json!(e.negate(&noflevels)?.to_string()));
            }
            if a.simplify {
                result.insert(
                    "simplified".into(),
                    json!(e.simplify(&noflevels)?.to_string()),
                );
            }
            if a.factorize {
                result.insert("factorizations".into(), json!(e.factorize_with(&noflevels)));
            }
            if a.json {
                return Ok(serde_json::to_string_pretty(&result)? + "\n");
            }
            let mut out = String::new();
            for (k, v) in &result {
                match v {
                    serde_json::Value::Array(items) => {
                        for i in items {
                            out.push_str(&format!("{k}: {}\n", i.as_str().unwrap_or_default()));
                        }
                    }
                    other => {
                        out.push_str(&format!("{k}: {}\n", other.as_str().unwrap_or_default()))
                    }
                }
            }
            Ok(out)
        }
        QcaCommand::Columns(a) => {
            let data = load(&a.data)?;
            let rows: Vec<serde_json::Value> = data
                .names()
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    let v = data.column_at(i);
                    let (min, max) = v.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| (lo.min(*x), hi.max(*x)));
                    let kind = match data.kind_at(i) {
                        ColumnKind::Crisp => "crisp",
                        ColumnKind::MultiValue { .. } => "multi-value",
                        ColumnKind::Fuzzy => "fuzzy",
                        ColumnKind::Raw => "raw",
                    };
                    json!({"column": n, "kind": kind, "levels": data.kind_at(i).levels(), "min": min, "max": max})
                })
                .collect();
            if a.data.json {
                return Ok(serde_json::to_string_pretty(
                    &json!({"cases": data.n_cases(), "columns": rows}),
                )? + "\n");
            }
            Ok(render::columns_text(data.n_cases(), &rows, lang))
        }
        QcaCommand::Calibrate(a) => {
            let data = load(&a.data)?;
            let values = data.require(&a.column)?;
            if let Some(groups) = a.find_thresholds {
                let th = find_thresholds(values, groups)?;
                return Ok(if a.data.json {
                    serde_json::to_string_pretty(
                        &json!({ "column": a.column, "groups": groups, "thresholds": th }),
                    )? + "\n"
                } else {
                    format!(
                        "{}: {}\n",
                        a.column,
                        th.iter()
                            .map(|t| render::num(*t, 3))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                });
            }
            let Some(method) = &a.method else {
                bail!("give --method (e.g. \"fuzzy:e=350,c=550,i=900\") or --find-thresholds N");
            };
            let calibration = Calibration::parse(method)?;
            let result = calibrate(
                values,
                &calibration,
                &CalibrationOptions { snap: !a.no_snap },
            )?;
            if a.data.json {
                Ok(serde_json::to_string_pretty(&json!({
                    "column": a.column,
                    "calibration": calibration,
                    "cases": data.cases(),
                    "raw": values,
                    "calibrated": result.values,
                    "warnings": result.warnings,
                }))? + "\n")
            } else {
                Ok(render::calibration_text(
                    lang,
                    &a.column,
                    &calibration.describe(),
                    data.cases(),
                    values,
                    &result,
                ))
            }
        }
    }
}

/// Minimization options from `--include` ("?", "C" or "?,C").
fn include_options(include: &str) -> Result<MinimizeOptions> {
    let mut options = MinimizeOptions::default();
    for part in include.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part {
            "?" => options.include_remainders = true,
            "C" | "c" => options.include_contradictions = true,
            other => bail!("--include: {other:?} is not \"?\" or \"C\""),
        }
    }
    Ok(options)
}

/// Sufficiency and necessity of one membership vector.
pub(crate) fn both(x: &[f64], y: &[f64]) -> (fit::SufficiencyFit, fit::NecessityFit) {
    (fit::sufficiency(x, y), fit::necessity(x, y))
}
