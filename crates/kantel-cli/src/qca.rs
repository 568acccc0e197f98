//! `kantel qca …`: the set-theoretic engine on a data file.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use kantel_i18n::{Lang, Msg, msg};
use kantel_qca::calibrate::{Calibration, CalibrationOptions, calibrate, find_thresholds};
use kantel_qca::expr::{Expression, Statement};
use kantel_qca::fit;
use kantel_qca::minimize::{MinimizeOptions, minimize_with_progress};
use kantel_qca::necessity::{
    Relation, SearchOptions, necessity_table, sufficiency_table,
    super_subset_searched_with_progress,
};
use kantel_qca::retention::{Assumption, Perturbation, RetentionSpec, retention_with_progress};
use kantel_qca::robustness::{incl_range_with_progress, ncut_range_with_progress};
use kantel_qca::truth_table::{HalfMembership, Outcome, TruthTable, TruthTableSpec};
use kantel_qca::{ColumnKind, QcaError, SetData};
use kantel_stats::StatsError;
use kantel_study::StudyError;
use kantel_study::table::{
    Cell, ColumnType, NotNumber, ReadOptions, SelectedSets, Table, select_sets,
};
use serde_json::json;

use crate::lang::UiLang;
use crate::progress::CliProgress;
use crate::render;
use crate::study_cmd::Localized;

/// The QCA commands.
#[derive(Subcommand, Debug)]
pub enum QcaCommand {
    /// Build a truth table.
    #[command(
        after_help = "Examples:\n  kantel qca truth-table --data testdata/validation/data/LF.csv --outcome SURV --incl-cut 0.8\n  kantel qca truth-table --data testdata/validation/data/LF.csv --outcome SURV --incl-cut 0.8 --svg venn.svg"
    )]
    TruthTable(TruthTableArgs),
    /// Minimize a truth table: conservative, parsimonious and intermediate solutions.
    #[command(
        after_help = "Examples:\n  kantel qca minimize --data testdata/validation/data/LF.csv --outcome SURV --incl-cut 0.8 --include \"?\"\n  kantel qca minimize --data testdata/validation/data/LF.csv --outcome SURV --incl-cut 0.8 --include \"?\" --dir-exp \"DEV, URB, LIT, IND, STB\" --json\n  kantel qca minimize --data testdata/validation/data/LF.csv --outcome SURV --incl-cut 0.8 --include \"?\" --dir-exp \"DEV, URB, LIT, IND, STB\" --svg chart.svg"
    )]
    Minimize(MinimizeArgs),
    /// Parameters of fit (inclS, PRI, covS, covU; inclN, RoN, covN) of conditions or expressions.
    #[command(
        after_help = "Examples:\n  kantel qca fit --data testdata/validation/data/LF.csv --outcome SURV\n  kantel qca fit --data testdata/validation/data/LF.csv --outcome SURV --expression \"DEV*~IND + URB*STB\"\n  kantel qca fit --data testdata/validation/data/LF.csv --outcome SURV --expression \"DEV*~IND + URB*STB\" --svg xy.svg"
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
        after_help = "Examples:\n  kantel qca cna --data testdata/validation/data/d.educate.csv\n  kantel qca cna --data testdata/validation/data/d.autonomyEL.csv --ordering \"EM, SP, CO < AU\" --con 0.9 --cov 0.9\n  kantel qca cna --data testdata/validation/data/d.educate.csv --notcols E --exclude \"G -> e\" --acyclic-only\n  kantel qca cna --data testdata/validation/data/d.educate.csv --fr-grid 1,0.9,0.8,0.7"
    )]
    Cna(Box<CnaArgs>),
    /// Robustness of a solution: the incl.cut and n.cut ranges within which it stays the same
    /// (SetMethods' rob.inclrange and rob.ncutrange).
    #[command(
        after_help = "Example:\n  kantel qca robustness --data testdata/validation/data/LIPF.csv --outcome SURVIVED --incl-cut 0.8 --include \"?\""
    )]
    Robustness(RobustnessArgs),
    /// Robustness sweep: every setting of a grid of calibration anchors, incl.cut, pri.cut
    /// and n.cut, all models recorded; ranges, robust terms, rob.fit over all test
    /// solutions and rob.cases.
    #[command(
        after_help = "Example:\n  kantel qca sweep --data testdata/validation/data/LIPF.csv --outcome SURVIVED --incl-cut 0.8 --include \"?\" --vary incl.cut=0.6:1:0.01 --vary n.cut=1,2,3"
    )]
    Sweep(crate::qca_sweep::SweepArgs),
    /// Retention: the probability that a crisp solution survives corrupted or deleted cases
    /// (R's retention()).
    #[command(
        after_help = "Example:\n  kantel qca retention --data testdata/validation/data/TSD.csv --outcome W --type corruption --p-pert 0.025"
    )]
    Retention(RetentionArgs),
    /// Enhanced standard analysis: exclude untenable remainders (lacking a necessary
    /// condition, impossible, contradictory) and compare the solutions before and after.
    #[command(
        after_help = "Examples:\n  kantel qca esa --data testdata/validation/data/LF.csv --outcome SURV --incl-cut 0.8 --necessary STB --impossible \"DEV*~URB*~LIT\"\n  kantel qca esa --data testdata/validation/data/LF.csv --outcome SURV --incl-cut 0.8 --contradictory --auto-necessary 0.9 --dir-exp \"DEV, URB, LIT, IND, STB\" --json"
    )]
    Esa(crate::qca_esa::EsaArgs),
    /// Theory evaluation: every model intersected with a theory (R's modelFit), with the fit
    /// and the cases of each intersection.
    #[command(
        after_help = "Example:\n  kantel qca theory --data testdata/validation/data/LF.csv --outcome SURV --incl-cut 0.8 --include \"?\" --theory \"DEV*STB\""
    )]
    Theory(crate::qca_esa::TheoryArgs),
    /// Negate, simplify or factorize an expression in R notation.
    #[command(
        after_help = "Examples:\n  kantel qca expression \"~(DEV*~IND + URB*STB)\" --negate\n  kantel qca expression \"A*B + A*~B + C\" --simplify\n  kantel qca expression \"A*B + A*C\" --factorize\n  kantel qca expression \"DEV[2] + ~DEV[0]\" --simplify --data testdata/validation/data/LM.csv"
    )]
    Expression(ExpressionArgs),
    /// List the columns of a data file with their detected kind (crisp, multi-value, fuzzy,
    /// raw; text for columns of names or labels).
    #[command(after_help = "Example:\n  kantel qca columns --data testdata/validation/data/LM.csv")]
    Columns(ColumnsArgs),
    /// Calibrate raw values into set memberships.
    #[command(
        after_help = "Examples:\n  kantel qca calibrate --data testdata/validation/data/LR.csv --column DEV --method \"fuzzy:e=350,c=550,i=900\"\n  kantel qca calibrate --data testdata/validation/data/LR.csv --column DEV --find-thresholds 2\n  kantel qca calibrate --data testdata/validation/data/LR.csv --column DEV --method \"fuzzy:e=350,c=550,i=900\" --out LR-cal.csv --out-column DEVf"
    )]
    Calibrate(CalibrateArgs),
    /// Case selection for follow-up (SetMethods' smmr): typical and deviant cases per term
    /// and for the solution, the most typical case per term, pairs for comparison.
    #[command(
        after_help = "Examples:\n  kantel qca cases --data testdata/validation/data/LF.csv --outcome SURV --incl-cut 0.8 --include \"?\"\n  kantel qca cases --data testdata/validation/data/LF.csv --outcome SURV --expression \"DEV*~IND + URB*STB\" --max-pairs 3 --json"
    )]
    Cases(crate::qca_cases::CasesArgs),
    /// Pooled, between (per period) and within (per unit) consistency and coverage of a
    /// solution in panel data (SetMethods' cluster).
    #[command(
        after_help = "Example:\n  kantel qca cluster --data testdata/cases/panel.csv --outcome Y --expression \"A + B\" --unit municipality --period year"
    )]
    Cluster(crate::qca_cases::ClusterArgs),
}

/// Where the data come from.
#[derive(Args, Debug)]
pub struct DataArgs {
    /// CSV (comma or semicolon, decimal point or comma) or XLSX file.
    #[arg(long)]
    pub data: PathBuf,
    /// Column with case names, text or numbers (default: the first column when it holds
    /// text).
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
    /// Conditions, comma-separated; only these and the outcome are read as numbers
    /// (default: every column of numbers but the outcome and the case column; columns of
    /// text are left out with a note).
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
    /// Also write the Venn diagram of the truth table (up to 5 conditions) to this SVG file.
    #[arg(long, value_name = "FILE")]
    svg: Option<PathBuf>,
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
    /// Which solutions to compute, comma-separated: conservative, parsimonious,
    /// intermediate (default: conservative, plus parsimonious with --include "?", plus
    /// intermediate with --dir-exp). Only what is asked for is computed.
    #[arg(long, value_delimiter = ',', value_enum)]
    solution: Vec<SolutionArg>,
    /// Models listed per solution; how many more exist is counted and reported.
    #[arg(long, default_value_t = kantel_qca::minimize::DEFAULT_MAX_MODELS)]
    max_models: usize,
    /// Models counted per solution before the count is given as a lower bound.
    #[arg(long, default_value_t = kantel_qca::minimize::DEFAULT_MAX_COUNT)]
    max_count: u64,
    /// Search budget of the exact minimum of the parsimonious solution (SAT conflicts);
    /// running out gives the best models found with proved bounds.
    #[arg(long, default_value_t = kantel_qca::minimize::DEFAULT_MAX_CONFLICTS)]
    max_conflicts: u64,
    /// Search budget for proving the minimum of each block of a prime implicant chart
    /// (branch-and-bound nodes); running out gives the best model found with proved bounds
    /// (with --all-sol: an error naming the bounds).
    #[arg(long, default_value_t = kantel_qca::minimize::DEFAULT_PROOF_NODES)]
    max_nodes: u64,
    /// How the parsimonious minimum is searched: auto (the chart of prime implicants while
    /// they are at most 20,000, else SAT), sat (SAT on term slots, no list of prime
    /// implicants) or all-primes (R's method: every prime implicant, then the chart).
    /// All give the same models.
    #[arg(long, value_enum, default_value_t = SearchArg::Auto)]
    search: SearchArg,
    /// List simplifying assumptions and counterfactuals row by row up to 2^20 (1,048,576)
    /// configurations; by default they are listed up to 1,000 and otherwise given as
    /// counts per term.
    #[arg(long)]
    list_assumptions: bool,
    /// Also write the configuration chart of the reported model (the first intermediate,
    /// else parsimonious, else conservative model; core conditions from the parsimonious
    /// solution) to this SVG file.
    #[arg(long, value_name = "FILE")]
    svg: Option<PathBuf>,
}

/// A solution type on the command line.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SolutionArg {
    /// No remainders (complex solution).
    Conservative,
    /// Remainders as don't cares.
    Parsimonious,
    /// Easy counterfactuals only (needs --dir-exp).
    Intermediate,
}

/// `--search` on the command line.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SearchArg {
    /// The chart while prime implicants are few, else SAT.
    Auto,
    /// SAT on term slots.
    Sat,
    /// Every prime implicant, then the chart.
    AllPrimes,
}

impl From<SearchArg> for kantel_qca::minimize::ParsimoniousSearch {
    fn from(a: SearchArg) -> Self {
        use kantel_qca::minimize::ParsimoniousSearch as P;
        match a {
            SearchArg::Auto => P::Auto,
            SearchArg::Sat => P::Sat,
            SearchArg::AllPrimes => P::AllPrimes,
        }
    }
}

impl From<SolutionArg> for kantel_qca::minimize::SolutionType {
    fn from(a: SolutionArg) -> Self {
        match a {
            SolutionArg::Conservative => kantel_qca::minimize::SolutionType::Conservative,
            SolutionArg::Parsimonious => kantel_qca::minimize::SolutionType::Parsimonious,
            SolutionArg::Intermediate => kantel_qca::minimize::SolutionType::Intermediate,
        }
    }
}

/// `kantel qca fit`.
#[derive(Args, Debug)]
pub struct FitArgs {
    #[command(flatten)]
    data: DataArgs,
    /// The outcome, e.g. SURV, "~SURV" or "SURV[2]"; may be left out when the expressions
    /// name it after an arrow ("A*B -> SURV").
    #[arg(long, allow_hyphen_values = true)]
    outcome: Option<String>,
    /// Conditions, comma-separated, for the default table of every condition and its
    /// negation (default: every column of numbers but the outcome and the case column).
    #[arg(long, value_delimiter = ',')]
    conditions: Vec<String>,
    /// Expressions in R notation (repeatable); default: every condition and its negation.
    /// With R's arrow, only that relation: "A*B + C -> Y" (sufficiency: inclS, PRI, covS,
    /// covU) or "A + B <- Y" (necessity: inclN, RoN, covN).
    #[arg(long, allow_hyphen_values = true)]
    expression: Vec<String>,
    /// Also write the XY plot of the one --expression against the outcome, cases marked by
    /// type (typical, deviant, irrelevant), to this SVG file.
    #[arg(long, value_name = "FILE")]
    svg: Option<PathBuf>,
}

/// `kantel qca necessity`.
#[derive(Args, Debug)]
pub struct NecessityArgs {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    sets: SetArgs,
    /// Which relation the search looks for (R's relation): necessity (nec), the default, or
    /// sufficiency (suf).
    #[arg(long, value_enum, default_value = "necessity")]
    relation: RelationArg,
    /// Minimum inclusion: inclN, or inclS for sufficiency (R's incl.cut).
    #[arg(long, default_value_t = 1.0)]
    incl_cut: f64,
    /// Minimum coverage: covN, or covS for sufficiency (R's cov.cut).
    #[arg(long, default_value_t = 0.0)]
    cov_cut: f64,
    /// Minimum RoN, for necessity (R's ron.cut; default 0).
    #[arg(long)]
    ron_cut: Option<f64>,
    /// Minimum PRI, for sufficiency (R's pri.cut; default 0).
    #[arg(long)]
    pri_cut: Option<f64>,
    /// Most literals per expression (default: number of conditions).
    #[arg(long)]
    depth: Option<usize>,
    /// Most expressions the search evaluates; beyond it the search stops after the last
    /// complete level and says so.
    #[arg(long, default_value_t = kantel_qca::necessity::DEFAULT_MAX_EXPRESSIONS)]
    max_expressions: u64,
}

/// `--relation` of `kantel qca necessity`, with R's abbreviations.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RelationArg {
    /// The outcome is a subset of the expression.
    #[value(alias = "nec")]
    Necessity,
    /// The expression is a subset of the outcome.
    #[value(alias = "suf")]
    Sufficiency,
}

impl From<RelationArg> for Relation {
    fn from(r: RelationArg) -> Relation {
        match r {
            RelationArg::Necessity => Relation::Necessity,
            RelationArg::Sufficiency => Relation::Sufficiency,
        }
    }
}

/// `kantel qca cna`.
#[derive(Args, Debug)]
pub struct CnaArgs {
    #[command(flatten)]
    pub(crate) data: DataArgs,
    /// Consistency threshold (default 1; not with --fr-grid, which varies it).
    #[arg(long)]
    pub(crate) con: Option<f64>,
    /// Coverage threshold (default 1; not with --fr-grid, which varies it).
    #[arg(long)]
    pub(crate) cov: Option<f64>,
    /// Consistency threshold for minimally sufficient conditions (cna's con.msc; default
    /// --con).
    #[arg(long)]
    pub(crate) con_msc: Option<f64>,
    /// The two measures for con and cov (cna's measures), e.g. "scon,scov" (default),
    /// "ccon,ccov", "PAcon,AAcov", "AACcon,PACcov": names, aliases or numbers 1-8.
    #[arg(long)]
    pub(crate) measures: Option<String>,
    /// Maximal complexity: literals per disjunct, disjuncts, total (cna's maxstep).
    #[arg(long, default_value = "3,4,10")]
    pub(crate) maxstep: String,
    /// Causal ordering, e.g. "EM, SP, CO < AU".
    #[arg(long)]
    pub(crate) ordering: Option<String>,
    /// Factors on the same level of the ordering cannot cause each other.
    #[arg(long)]
    pub(crate) strict: bool,
    /// Outcomes to analyse (repeatable); default every factor. A lower-case name ("b")
    /// is the factor's absence.
    #[arg(long)]
    pub(crate) outcome: Vec<String>,
    /// Factors whose absence is the outcome (cna's notcols), comma-separated, or "all";
    /// crisp and fuzzy data.
    #[arg(long, value_delimiter = ',')]
    pub(crate) notcols: Vec<String>,
    /// Factor values excluded as causes of an outcome (cna's exclude), repeatable:
    /// "A,c -> B", "A=1,C=3 -> B=1", "A* -> B" (every value of A), "d -> B*".
    #[arg(long, allow_hyphen_values = true)]
    pub(crate) exclude: Vec<String>,
    /// Drop csfs with a cyclic substructure (cna's acyclic.only).
    #[arg(long)]
    pub(crate) acyclic_only: bool,
    /// What is a cycle: "factor" (default) or "value" (cna's cycle.type).
    #[arg(long, default_value = "factor")]
    pub(crate) cycle_type: String,
    /// Print formulas in cna notation (`A*b + C <-> E`) instead of R QCA's (`A*~B + C`).
    #[arg(long)]
    pub(crate) cna_notation: bool,
    /// At most this many combinations of asfs are examined as csfs (R's csf n.init).
    #[arg(long, default_value_t = 1000)]
    pub(crate) n_init: usize,
    /// Budget of the search for minimally sufficient conditions, in candidate evaluations
    /// (a candidate read or evaluated in one configuration); beyond it the search stops
    /// and says so.
    #[arg(long, default_value_t = kantel_qca::cna::DEFAULT_MAX_MSC_CANDIDATES)]
    pub(crate) max_msc_candidates: u64,
    /// Budget of the search for asfs: combinations of msc examined and candidates checked.
    #[arg(long, default_value_t = kantel_qca::cna::DEFAULT_MAX_ASF_CANDIDATES)]
    pub(crate) max_asf_candidates: u64,
    /// Budget of the search for csfs: combinations of asfs built and candidates checked.
    #[arg(long, default_value_t = kantel_qca::cna::DEFAULT_MAX_CSF_CANDIDATES)]
    pub(crate) max_csf_candidates: u64,
    #[command(flatten)]
    pub(crate) fr: crate::qca_cna::FrArgs,
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
    /// Write the input table, every column kept, with the calibrated column added, to this
    /// CSV file (same separator and decimal convention as the input).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Name of the added column (default: the column's name with `_cal`).
    #[arg(long, requires = "out")]
    out_column: Option<String>,
}

/// Why a `kantel qca` command failed, as a catalogue message: engine, table, statistics and
/// option errors alike. [`run`] renders it in the user's language at the edge.
#[derive(Debug)]
pub(crate) struct Failure(pub(crate) Msg);

impl From<QcaError> for Failure {
    fn from(e: QcaError) -> Failure {
        Failure(e.msg())
    }
}

impl From<StudyError> for Failure {
    fn from(e: StudyError) -> Failure {
        Failure(e.msg())
    }
}

impl From<StatsError> for Failure {
    fn from(e: StatsError) -> Failure {
        Failure(e.msg())
    }
}

impl From<serde_json::Error> for Failure {
    fn from(e: serde_json::Error) -> Failure {
        Failure(msg!("qca-cli-json", detail = e.to_string()))
    }
}

pub(crate) type Result<T, E = Failure> = std::result::Result<T, E>;

/// Returns a catalogue message as the command's error: `fail!("key", name = value)`.
macro_rules! fail {
    ($($message:tt)*) => {
        return Err(Failure(msg!($($message)*)))
    };
}

/// What a column named on the command line is for; said in the error when it holds text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Condition,
    Outcome,
    Calibrated,
    InExpression,
    Factor,
}

impl Role {
    fn msg(self) -> Msg {
        Msg::new(match self {
            Role::Condition => "qca-cli-role-condition",
            Role::Outcome => "qca-cli-role-outcome",
            Role::Calibrated => "qca-cli-role-calibrated",
            Role::InExpression => "qca-cli-role-in-expression",
            Role::Factor => "qca-cli-role-factor",
        })
    }
}

/// A data file read for one command: the table as it is, and the sets taken from it.
pub(crate) struct Loaded {
    pub(crate) table: Table,
    sets: SelectedSets,
}

impl Loaded {
    pub(crate) fn data(&self) -> &SetData {
        &self.sets.data
    }

    /// The columns left out of the default selection because they hold no numbers.
    fn left_out(&self) -> Vec<String> {
        self.sets
            .left_out
            .iter()
            .map(|&c| self.table.headers[c].clone())
            .collect()
    }
}

pub(crate) fn read_table(path: &Path) -> Result<Table> {
    if !path.exists() {
        fail!("qca-cli-no-file", file = path.display().to_string());
    }
    Ok(Table::read(path, &ReadOptions::default())?)
}

// The checks below name a column that is not there, the case column used as a set and a
// cell that is not a number with catalogue messages, before `select_sets` would report
// them (kantel-study words those in English).

/// Reads the data file. Only the `named` columns (with what they are for) are read as
/// numbers; with `others`, so is every other column holding numbers (the default conditions
/// or factors), and columns of text (names, regions) are left out. A named column holding
/// text or an empty cell is an error at that cell, in the interface language.
pub(crate) fn load(data: &DataArgs, named: &[(String, Role)], others: bool) -> Result<Loaded> {
    let table = read_table(&data.data)?;
    if table.n_rows() == 0 {
        return Err(table.header_error(None, msg!("qca-cli-no-rows")).into());
    }
    let case_col = table.case_column(data.case_column.as_deref())?;
    let mut names: Vec<String> = Vec::with_capacity(named.len());
    let mut seen: HashSet<&str> = HashSet::with_capacity(named.len());
    for (name, role) in named {
        if !seen.insert(name.as_str()) {
            continue;
        }
        let c = table.set_column(name, case_col)?;
        check_numbers(&table, c, *role)?;
        names.push(name.clone());
    }
    let sets = if others {
        // A column of numbers with a text cell is not a column of labels: an error at that
        // cell, not silently left out.
        for c in (0..table.headers.len()).filter(|&c| Some(c) != case_col) {
            let p = table.profile(c);
            if p.kind == ColumnType::Mixed
                && let Some(cell) = &p.first_text
            {
                let m = msg!(
                    "qca-cli-mixed-column",
                    problem = not_a_number(cell.why, &cell.text),
                    numbers = p.numbers
                );
                return Err(table.error_at(cell.row, Some(c), m).into());
            }
        }
        select_sets(&table, data.case_column.as_deref(), None)?
    } else {
        select_sets(&table, data.case_column.as_deref(), Some(&names))?
    };
    Ok(Loaded { table, sets })
}

/// `"hoog" is geen getal`, with why when the decimal mark is the other one.
fn not_a_number(why: NotNumber, text: &str) -> Msg {
    let key = match why {
        NotNumber::Text => "qca-cli-not-a-number",
        NotNumber::CommaInPointFile => "qca-cli-not-a-number-comma",
        NotNumber::PointInCommaFile => "qca-cli-not-a-number-point",
    };
    msg!(key, text = text)
}

/// An error at the first cell of column `col` that is text or empty (file, line and column
/// first), with what the column is for.
pub(crate) fn check_numbers(table: &Table, col: usize, role: Role) -> Result<()> {
    let p = table.profile(col);
    let name = table.headers[col].as_str();
    if let Some(cell) = &p.first_text {
        let key = if p.kind == ColumnType::Text {
            "qca-cli-set-needs-numbers-only-text"
        } else {
            "qca-cli-set-needs-numbers"
        };
        let m = msg!(
            key,
            problem = not_a_number(cell.why, &cell.text),
            name = name,
            role = role.msg()
        );
        return Err(table.error_at(cell.row, Some(col), m).into());
    }
    if let Some(row) = p.first_empty {
        let m = msg!("qca-cli-set-empty-cell", name = name, role = role.msg());
        return Err(table.error_at(row, Some(col), m).into());
    }
    Ok(())
}

/// The outcome and the conditions named with `--conditions` (which are then the only
/// columns read as numbers); without `--conditions`, every column holding numbers.
pub(crate) fn load_sets(data: &DataArgs, sets: &SetArgs) -> Result<(Loaded, Outcome)> {
    let outcome = Outcome::parse(&sets.outcome)?;
    let mut named = vec![(outcome.name.clone(), Role::Outcome)];
    let conditions = named_conditions(sets);
    named.extend(conditions.iter().map(|c| (c.clone(), Role::Condition)));
    let loaded = load(data, &named, conditions.is_empty())?;
    Ok((loaded, outcome))
}

fn named_conditions(sets: &SetArgs) -> Vec<String> {
    sets.conditions
        .iter()
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

/// The note on a first column that holds 1, 2, …, n (one number per case, in order) and is
/// used as a set: most likely case numbers, read as a condition with n values unless the
/// user says `--case-column`.
fn case_numbers_note(loaded: &Loaded, lang: Lang) -> Option<String> {
    if loaded.sets.case_column.is_some() {
        return None;
    }
    let first = loaded.table.headers.first()?;
    let column = loaded.data().column(first)?;
    let n = column.len();
    let numbered = n >= 3 && column.iter().enumerate().all(|(i, &v)| v == (i + 1) as f64);
    numbered.then(|| msg!("qca-cli-case-numbers", column = first.as_str(), n = n).render(lang))
}

/// The note on text columns left out of the default selection, if any.
fn left_out_note(left_out: &[String], lang: Lang) -> Option<String> {
    (!left_out.is_empty())
        .then(|| msg!("qca-cli-left-out", columns = left_out.join(", ")).render(lang))
}

/// Adds the note on left-out text columns to a command's output: a last line of text, or in
/// JSON the fields `left_out` (the column names) and `note` at the top of the object.
pub(crate) fn with_note(out: String, loaded: &Loaded, json: bool, lang: Lang) -> String {
    let left_out = loaded.left_out();
    let notes: Vec<String> = left_out_note(&left_out, lang)
        .into_iter()
        .chain(case_numbers_note(loaded, lang))
        .collect();
    if notes.is_empty() {
        return out;
    }
    // Two notes (left-out columns, a column of case numbers) read as one sentence otherwise.
    let note = notes.join("; ");
    if !json {
        let sep = if out.ends_with('\n') || out.is_empty() {
            ""
        } else {
            "\n"
        };
        return format!(
            "{out}{sep}{}\n",
            msg!("qca-cli-note", message = note).render(lang)
        );
    }
    // The JSON is a pretty-printed object; the fields go in front of its first key, which
    // leaves every other byte (and number) of the output as it was.
    let fields = format!(
        "  \"left_out\": {},\n  \"note\": {},\n",
        json!(left_out),
        json!(note)
    );
    match out.strip_prefix("{\n") {
        Some(rest) if rest.trim_start().starts_with('"') => format!("{{\n{fields}{rest}"),
        _ => match serde_json::from_str::<serde_json::Value>(&out) {
            Ok(serde_json::Value::Object(mut map)) => {
                map.insert("left_out".into(), json!(left_out));
                map.insert("note".into(), json!(note));
                serde_json::to_string_pretty(&map).unwrap_or(out) + "\n"
            }
            _ => out,
        },
    }
}

pub(crate) fn conditions_of(
    data: &SetData,
    sets: &SetArgs,
    outcome: &Outcome,
) -> Result<Vec<String>> {
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
            fail!("qca-outcome-as-condition", name = c.as_str());
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
            let s = s.trim();
            s.parse::<f64>().map_err(|_| {
                Failure(msg!(
                    "qca-cli-option-not-a-number",
                    option = "--incl-cut",
                    value = s
                ))
            })
        })
        .collect::<Result<_>>()?;
    match cuts.as_slice() {
        [one] => spec.incl_cut = *one,
        [one, zero] => {
            spec.incl_cut = *one;
            spec.incl_cut_contradiction = Some(*zero);
        }
        _ => fail!("qca-cli-incl-cut-count", count = cuts.len()),
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

/// What a QCA command prints: text, or a minimization's JSON, which is written straight to
/// the output (it can be a hundred megabytes: 100 models of 1,716 terms at 16 conditions x
/// 10,000 cases; building it as a string first doubled the peak memory).
pub enum Output {
    Text(String),
    MinimizationJson {
        minimization: Box<kantel_qca::minimize::Minimization>,
        /// `left_out` and `note` (see [`with_note`]), when there is something to note.
        note: Option<(Vec<String>, String)>,
    },
}

impl Output {
    /// Writes the output; for JSON exactly the bytes [`with_note`] would give.
    pub fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        use std::io::Write as _;
        match self {
            Output::Text(text) => out.write_all(text.as_bytes()),
            Output::MinimizationJson { minimization, note } => {
                #[derive(serde::Serialize)]
                struct Noted<'a, T> {
                    left_out: &'a [String],
                    note: &'a str,
                    #[serde(flatten)]
                    inner: &'a T,
                }
                let mut w = std::io::BufWriter::new(out);
                match note {
                    None => serde_json::to_writer_pretty(&mut w, minimization.as_ref()),
                    Some((left_out, note)) => serde_json::to_writer_pretty(
                        &mut w,
                        &Noted {
                            left_out,
                            note,
                            inner: minimization.as_ref(),
                        },
                    ),
                }
                .map_err(std::io::Error::other)?;
                w.write_all(b"\n")?;
                w.flush()
            }
        }
    }
}

/// Runs a QCA command, returning what to print; an error is said in the user's language.
pub fn run(command: &QcaCommand, lang: UiLang) -> anyhow::Result<Output> {
    let lang: Lang = lang.into();
    let localized = |Failure(m): Failure| anyhow::Error::new(Localized(m.render(lang)));
    if let QcaCommand::Minimize(a) = command
        && a.data.json
    {
        let (minimization, loaded) = minimize_command(a, lang).map_err(localized)?;
        let left_out = loaded.left_out();
        let notes: Vec<String> = left_out_note(&left_out, lang)
            .into_iter()
            .chain(case_numbers_note(&loaded, lang))
            .collect();
        let note = (!notes.is_empty()).then(|| (left_out, notes.join("; ")));
        return Ok(Output::MinimizationJson {
            minimization: Box::new(minimization),
            note,
        });
    }
    execute(command, lang).map(Output::Text).map_err(localized)
}

/// `kantel qca minimize`: the minimization and the data it was read from.
fn minimize_command(
    a: &MinimizeArgs,
    lang: Lang,
) -> Result<(kantel_qca::minimize::Minimization, Loaded)> {
    let (loaded, _) = load_sets(&a.data, &a.sets)?;
    let data = loaded.data();
    let spec = spec_from(data, &a.sets, &a.tt)?;
    let tt = TruthTable::build(data, &spec)?;
    let mut options = include_options(&a.include)?;
    options.dir_exp = a.dir_exp.clone();
    options.row_dominance = a.row_dom;
    options.all_solutions = a.all_sol;
    options.pi_cons = a.pi_cons;
    options.sol_cons = a.sol_cons;
    options.max_models = a.max_models;
    options.max_nodes = a.max_nodes;
    options.max_count = a.max_count;
    options.max_conflicts = a.max_conflicts;
    options.search = a.search.into();
    options.list_assumptions = a.list_assumptions;
    options.solutions = a.solution.iter().map(|&s| s.into()).collect();
    options.solutions.sort_unstable();
    options.solutions.dedup();
    let m = minimize_with_progress(&tt, &options, &CliProgress::new(lang))?;
    if let Some(path) = &a.svg {
        crate::qca_plots::minimize_svg(path, &m, tt.noflevels(), lang).map_err(Failure)?;
    }
    Ok((m, loaded))
}

fn execute(command: &QcaCommand, lang: Lang) -> Result<String> {
    match command {
        QcaCommand::TruthTable(a) => {
            let (loaded, _) = load_sets(&a.data, &a.sets)?;
            let data = loaded.data();
            let spec = spec_from(data, &a.sets, &a.tt)?;
            let tt = TruthTable::build(data, &spec)?;
            if let Some(path) = &a.svg {
                crate::qca_plots::truth_table_svg(path, &tt, lang).map_err(Failure)?;
            }
            let rows = if a.complete {
                tt.complete_rows(1 << 16)?
            } else {
                tt.rows().to_vec()
            };
            let out = if a.data.json {
                render::truth_table_json(&tt, &rows)
            } else {
                render::truth_table_text(&tt, &rows, lang)
            };
            Ok(with_note(out, &loaded, a.data.json, lang))
        }
        QcaCommand::Minimize(a) => {
            // With --json, `run` writes the minimization straight to the output instead.
            let (m, loaded) = minimize_command(a, lang)?;
            Ok(with_note(
                render::minimization_text(&m, lang),
                &loaded,
                false,
                lang,
            ))
        }
        QcaCommand::Fit(a) => {
            // An expression may carry R's arrow and its outcome (`A*B -> Y`); the engine
            // parses it and reconciles that outcome with --outcome.
            let statements: Vec<Statement> = a
                .expression
                .iter()
                .map(|text| Statement::parse(text))
                .collect::<Result<_, _>>()?;
            let outcome = fit::statements_outcome(&statements, a.outcome.as_deref())?;
            let sets = SetArgs {
                outcome: outcome.to_string(),
                conditions: a.conditions.clone(),
            };
            let (loaded, outcome) = if statements.is_empty() {
                load_sets(&a.data, &sets)?
            } else {
                // The outcome and the sets the expressions name; --conditions does not apply.
                let mut named = vec![(outcome.name.clone(), Role::Outcome)];
                for s in &statements {
                    named.extend(
                        s.expression
                            .conditions()
                            .into_iter()
                            .map(|c| (c, Role::InExpression)),
                    );
                }
                (load(&a.data, &named, false)?, outcome)
            };
            let data = loaded.data();
            let y = outcome.membership(data)?;
            if let Some(path) = &a.svg {
                let name = outcome.to_string();
                crate::qca_plots::fit_svg(path, &statements, data, &name, &y, lang)
                    .map_err(Failure)?;
            }
            let mut entries = Vec::new();
            if statements.is_empty() {
                let conditions = conditions_of(data, &sets, &outcome)?;
                for c in &conditions {
                    for text in [c.clone(), format!("~{c}")] {
                        let e = Expression::parse(&text)?;
                        entries.push(render::FitEntry::single(&text, &e.membership(data)?, &y));
                    }
                }
            } else {
                for s in &statements {
                    let e = &s.expression;
                    let terms: Vec<Vec<f64>> = e
                        .terms
                        .iter()
                        .map(|t| t.membership(data))
                        .collect::<Result<_, _>>()?;
                    let entry = match &s.arrow {
                        None => render::FitEntry::expression(
                            &e.to_string(),
                            e,
                            &terms,
                            &e.membership(data)?,
                            &y,
                        ),
                        Some(arrow) => render::FitEntry::relation(
                            e,
                            &fit::relation_fit(arrow.relation, &terms, &y),
                        ),
                    };
                    entries.push(entry);
                }
            }
            let out = if a.data.json {
                serde_json::to_string_pretty(
                    &json!({ "outcome": outcome.to_string(), "fits": entries }),
                )? + "\n"
            } else {
                render::fit_text(&outcome.to_string(), &entries, lang)
            };
            Ok(with_note(out, &loaded, a.data.json, lang))
        }
        QcaCommand::Necessity(a) => {
            let relation = Relation::from(a.relation);
            // R ignores the cut-off of the other relation; here it is a mistake to name.
            match relation {
                Relation::Sufficiency if a.ron_cut.is_some() => {
                    fail!("qca-cli-ron-cut-sufficiency")
                }
                Relation::Necessity if a.pri_cut.is_some() => fail!("qca-cli-pri-cut-necessity"),
                _ => {}
            }
            let (loaded, outcome) = load_sets(&a.data, &a.sets)?;
            let data = loaded.data();
            let conditions = conditions_of(data, &a.sets, &outcome)?;
            // Each condition and its negation in the relation searched: inclN, RoN, covN or
            // inclS, PRI, covS.
            let table: Vec<(String, [f64; 3])> = match relation {
                Relation::Necessity => necessity_table(data, &a.sets.outcome, false, &conditions)?
                    .into_iter()
                    .map(|r| (r.expression, [r.fit.incl, r.fit.ron, r.fit.cov]))
                    .collect(),
                Relation::Sufficiency => {
                    sufficiency_table(data, &a.sets.outcome, false, &conditions)?
                        .into_iter()
                        .map(|r| (r.expression, [r.fit.incl, r.fit.pri, r.fit.cov]))
                        .collect()
                }
            };
            let options = SearchOptions {
                relation,
                incl_cut: a.incl_cut,
                cov_cut: a.cov_cut,
                ron_cut: a.ron_cut.unwrap_or(0.0),
                pri_cut: a.pri_cut.unwrap_or(0.0),
                depth: a.depth,
                max_expressions: a.max_expressions,
                ..SearchOptions::default()
            };
            let search = super_subset_searched_with_progress(
                data,
                &a.sets.outcome,
                false,
                &conditions,
                &options,
                &CliProgress::new(lang),
            )?;
            let out = if a.data.json {
                render::necessity_json(&outcome.to_string(), &table, &search, &options, lang)
            } else {
                render::necessity_text(&outcome.to_string(), &table, &search, &options, lang)
            };
            Ok(with_note(out, &loaded, a.data.json, lang))
        }
        QcaCommand::Cna(a) => {
            let options = crate::qca_cna::options(a)?;
            // Every column holding numbers is a factor; the outcomes (`AU` or, multi-value,
            // `AU=2`) and the factors of the ordering must hold numbers.
            let named: Vec<(String, Role)> = a
                .outcome
                .iter()
                .map(|o| o.split_once('=').map_or(o.as_str(), |(name, _)| name))
                .chain(options.ordering.iter().flatten().map(String::as_str))
                .map(|f| (f.trim().to_string(), Role::Factor))
                .collect();
            // A lower-case name is the absence of its upper-case factor (`b` of `B`), unless
            // the file has a column of that very name (read the header only then).
            let lower: Vec<&String> = named
                .iter()
                .map(|(f, _)| f)
                .filter(|f| !crate::qca_cna::is_named_column(f))
                .collect();
            let headers: Vec<String> = if lower.is_empty() {
                Vec::new()
            } else {
                read_table(&a.data.data)?.headers.clone()
            };
            let named: Vec<(String, Role)> = named
                .iter()
                .filter(|(f, _)| crate::qca_cna::is_named_column(f) || headers.contains(f))
                .cloned()
                .collect();
            let loaded = load(&a.data, &named, true)?;
            let out = crate::qca_cna::run(a, &options, loaded.data(), lang)?;
            Ok(with_note(out, &loaded, a.data.json, lang))
        }
        QcaCommand::Robustness(a) => {
            let (loaded, _) = load_sets(&a.data, &a.sets)?;
            let data = loaded.data();
            let spec = spec_from(data, &a.sets, &a.tt)?;
            let mut options = include_options(&a.include)?;
            options.dir_exp = a.dir_exp.clone();
            let progress = CliProgress::new(lang);
            let incl =
                incl_range_with_progress(data, &spec, &options, a.step, a.max_runs, &progress)?;
            let ncut = ncut_range_with_progress(data, &spec, &options, 1, a.max_runs, &progress)?;
            let out = if a.data.json {
                serde_json::to_string_pretty(&json!({"incl_cut": incl, "n_cut": ncut}))? + "\n"
            } else {
                render::robustness_text(&incl, &ncut, lang)
            };
            Ok(with_note(out, &loaded, a.data.json, lang))
        }
        QcaCommand::Sweep(a) => Ok(crate::qca_sweep::sweep_command(a, lang)?.1),
        QcaCommand::Esa(a) => crate::qca_esa::esa_command(a, lang),
        QcaCommand::Theory(a) => crate::qca_esa::theory_command(a, lang),
        QcaCommand::Retention(a) => {
            let (loaded, outcome) = load_sets(&a.data, &a.sets)?;
            let data = loaded.data();
            let conditions = conditions_of(data, &a.sets, &outcome)?;
            let perturbation = match a.r#type.as_str() {
                "corruption" => Perturbation::Corruption,
                "deletion" => Perturbation::Deletion,
                other => fail!("qca-cli-retention-type", value = other),
            };
            let assumption = match (a.n_pert, a.p_pert) {
                (Some(n_pert), None) => Assumption::Dependent { n_pert },
                (None, Some(p_pert)) => Assumption::Independent { p_pert },
                _ => fail!("qca-cli-retention-pert"),
            };
            let spec = RetentionSpec {
                outcome,
                conditions,
                incl_cut: a.incl_cut,
                n_cut: a.n_cut,
                perturbation,
                assumption,
            };
            let p = retention_with_progress(data, &spec, &CliProgress::new(lang))?;
            let out = if a.data.json {
                serde_json::to_string_pretty(&json!({"settings": spec, "retention": p}))? + "\n"
            } else {
                msg!("qca-cli-retention", p = p).render(lang) + "\n"
            };
            Ok(with_note(out, &loaded, a.data.json, lang))
        }
        QcaCommand::Expression(a) => {
            let e = Expression::parse(&a.expression)?;
            let levels: Vec<(String, u8)> = match &a.data {
                Some(path) => {
                    // The number of levels of every column of numbers; other columns
                    // (names, text) play no part in an expression.
                    let table = read_table(path)?;
                    let case_col = table.case_column(None)?;
                    (0..table.headers.len())
                        .filter(|&c| Some(c) != case_col)
                        .filter(|&c| table.profile(c).kind == ColumnType::Number)
                        .filter_map(|c| {
                            let values = numbers_present(&table, c);
                            ColumnKind::detect(&values)
                                .levels()
                                .map(|l| (table.headers[c].clone(), l))
                        })
                        .collect()
                }
                None => Vec::new(),
            };
            let noflevels = |name: &str| levels.iter().find(|(n, _)| n == name).map(|(_, l)| *l);
            let negated = if a.negate {
                Some(e.negate(&noflevels)?.to_string())
            } else {
                None
            };
            let simplified = if a.simplify {
                Some(e.simplify(&noflevels)?.to_string())
            } else {
                None
            };
            let factorizations = a.factorize.then(|| e.factorize_with(&noflevels));
            if a.json {
                let mut result = serde_json::Map::new();
                result.insert("expression".into(), json!(e.to_string()));
                if let Some(n) = &negated {
                    result.insert("negated".into(), json!(n));
                }
                if let Some(s) = &simplified {
                    result.insert("simplified".into(), json!(s));
                }
                if let Some(f) = &factorizations {
                    result.insert("factorizations".into(), json!(f));
                }
                return Ok(serde_json::to_string_pretty(&result)? + "\n");
            }
            let mut lines = vec![msg!("qca-cli-expression-given", expression = e.to_string())];
            lines.extend(
                negated
                    .into_iter()
                    .map(|n| msg!("qca-cli-expression-negated", expression = n)),
            );
            lines.extend(
                simplified
                    .into_iter()
                    .map(|s| msg!("qca-cli-expression-simplified", expression = s)),
            );
            lines.extend(
                factorizations
                    .into_iter()
                    .flatten()
                    .map(|f| msg!("qca-cli-expression-factorization", expression = f)),
            );
            Ok(lines.iter().map(|m| m.render(lang) + "\n").collect())
        }
        QcaCommand::Columns(a) => {
            // Every column is listed, whatever it holds: this is where a researcher looks
            // before choosing conditions, so no cell is an error here.
            let table = read_table(&a.data.data)?;
            let case_col = table.case_column(a.data.case_column.as_deref())?;
            let rows: Vec<serde_json::Value> = (0..table.headers.len())
                .filter(|&c| Some(c) != case_col)
                .map(|c| column_json(&table, c))
                .collect();
            let case_name = case_col.map(|c| table.headers[c].clone());
            if a.data.json {
                return Ok(serde_json::to_string_pretty(&json!({
                    "cases": table.n_rows(),
                    "case_column": case_name,
                    "columns": rows,
                }))? + "\n");
            }
            Ok(render::columns_text(
                table.n_rows(),
                case_name.as_deref(),
                &rows,
                lang,
            ))
        }
        QcaCommand::Cases(a) => crate::qca_cases::cases_command(a, lang),
        QcaCommand::Cluster(a) => crate::qca_cases::cluster_command(a, lang),
        QcaCommand::Calibrate(a) => {
            let column = a.column.trim().to_string();
            let loaded = load(&a.data, &[(column.clone(), Role::Calibrated)], false)?;
            let data = loaded.data();
            let values = data.require(&column)?;
            if let Some(groups) = a.find_thresholds {
                if a.out.is_some() {
                    fail!("qca-cli-out-needs-method");
                }
                let th = find_thresholds(values, groups)?;
                return Ok(if a.data.json {
                    serde_json::to_string_pretty(
                        &json!({ "column": column, "groups": groups, "thresholds": th }),
                    )? + "\n"
                } else {
                    format!(
                        "{}: {}\n",
                        column,
                        th.iter()
                            .map(|t| render::num(*t, 3))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                });
            }
            let Some(method) = &a.method else {
                fail!("qca-cli-calibrate-no-method");
            };
            let calibration = Calibration::parse(method)?;
            let result = calibrate(
                values,
                &calibration,
                &CalibrationOptions { snap: !a.no_snap },
            )?;
            let written = match &a.out {
                Some(path) => Some(write_calibrated(
                    &loaded.table,
                    &a.data.data,
                    path,
                    &a.out_column
                        .clone()
                        .unwrap_or_else(|| format!("{column}_cal")),
                    &result.values,
                )?),
                None => None,
            };
            if a.data.json {
                let mut out = json!({
                    "column": column,
                    "calibration": calibration,
                    "cases": data.cases(),
                    "raw": values,
                    "calibrated": result.values,
                    "warnings": result.warnings,
                });
                if let Some((path, name)) = &written {
                    out["out"] = json!({ "file": path.display().to_string(), "column": name });
                }
                Ok(serde_json::to_string_pretty(&out)? + "\n")
            } else {
                let mut out = render::calibration_text(
                    lang,
                    &column,
                    &calibration.describe(),
                    data.cases(),
                    values,
                    &result,
                );
                if let Some((path, name)) = &written {
                    let m = msg!(
                        "qca-cli-calibrated-written",
                        column = name,
                        file = path.display().to_string()
                    );
                    out.push_str(&(m.render(lang) + "\n"));
                }
                Ok(out)
            }
        }
    }
}

/// The numbers in column `col`, empty cells and text skipped.
fn numbers_present(table: &Table, col: usize) -> Vec<f64> {
    (0..table.n_rows())
        .filter_map(|r| table.number(r, col).ok().flatten())
        .collect()
}

/// One row of `kantel qca columns`: the kind of the column (crisp, multi-value, fuzzy or raw
/// for columns of numbers; text; empty), its range and its empty cells.
fn column_json(table: &Table, col: usize) -> serde_json::Value {
    let p = table.profile(col);
    let name = &table.headers[col];
    match p.kind {
        ColumnType::Number => {
            let values = numbers_present(table, col);
            let (min, max) = values
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
                    (lo.min(*x), hi.max(*x))
                });
            let kind = ColumnKind::detect(&values);
            let kind_name = match kind {
                ColumnKind::Crisp => "crisp",
                ColumnKind::MultiValue { .. } => "multi-value",
                ColumnKind::Fuzzy => "fuzzy",
                ColumnKind::Raw => "raw",
            };
            json!({"column": name, "kind": kind_name, "levels": kind.levels(), "min": min,
                   "max": max, "missing": p.empty})
        }
        ColumnType::Text | ColumnType::Mixed => {
            let first = p.first_text.map(
                |t| json!({"line": table.lines.get(t.row).copied().unwrap_or(0), "text": t.text}),
            );
            json!({"column": name, "kind": "text", "levels": null, "min": null, "max": null,
                   "missing": p.empty, "numbers": p.numbers, "first_text": first})
        }
        ColumnType::Empty => json!({"column": name, "kind": "empty", "levels": null,
                                    "min": null, "max": null, "missing": p.empty}),
    }
}

/// Writes the input table with the calibrated values as a new column `name` to `out`
/// (CSV, in the input's separator and decimal convention); returns the file and the name.
fn write_calibrated(
    table: &Table,
    input: &Path,
    out: &Path,
    name: &str,
    values: &[f64],
) -> Result<(PathBuf, String)> {
    let ext = out
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    if matches!(ext.as_str(), "xlsx" | "xlsm" | "xlsb" | "xls" | "ods") {
        fail!("qca-cli-out-csv");
    }
    let same = match (std::fs::canonicalize(input), std::fs::canonicalize(out)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        fail!("qca-cli-out-is-input");
    }
    let name = name.trim();
    if name.is_empty() {
        return Err(table
            .header_error(None, msg!("qca-cli-column-no-name"))
            .into());
    }
    if let Some(c) = table.column_index(name) {
        let m = msg!("qca-cli-column-exists", name = name);
        return Err(table.header_error(Some(c), m).into());
    }
    let mut table = table.clone();
    table.push_column(name, values.iter().map(|v| Cell::Number(*v)).collect())?;
    table.write_csv(out)?;
    Ok((out.to_path_buf(), name.to_string()))
}

/// Minimization options from `--include` ("?", "C" or "?,C").
pub(crate) fn include_options(include: &str) -> Result<MinimizeOptions> {
    let mut options = MinimizeOptions::default();
    for part in include.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part {
            "?" => options.include_remainders = true,
            "C" | "c" => options.include_contradictions = true,
            other => fail!("qca-cli-include-bad", value = other),
        }
    }
    Ok(options)
}

/// Sufficiency and necessity of one membership vector.
pub(crate) fn both(x: &[f64], y: &[f64]) -> (fit::SufficiencyFit, fit::NecessityFit) {
    (fit::sufficiency(x, y), fit::necessity(x, y))
}
