//! `kantel study …`, `kantel import …`, `kantel analyse`, `kantel report` and `kantel demo`:
//! thin shells over `kantel-workflow`. Each command parses its arguments, calls one
//! workflow function and renders what it returns in the user's language.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use kantel_i18n::{Lang, Msg, msg};
use kantel_store::{DataVersion, ImportEvent, ImportRecord};
use kantel_study::study::{Study, template};
use kantel_workflow::analysis::{StudyRun, analyse_stored};
use kantel_workflow::imports::{
    AnswersImport, RatingsImport, RegisterImport, RegisterImportOptions, Replacement, Written,
    coverage_lines, history, import_answers, import_ratings, import_register, names, remove_import,
    replace_import,
};
use kantel_workflow::report::{print_pdf, write_report};
use kantel_workflow::workspace::{block_on, read_study};
use kantel_workflow::{Access, StudyPaths, WorkflowError, Workspace};

pub use crate::lang::UiLang;

/// The study file and its database.
#[derive(Args, Debug)]
pub struct StudyArgs {
    /// The study file (TOML).
    #[arg(long, default_value = "study.toml")]
    pub study: PathBuf,
    /// Database URL (default: SQLite file kantel.sqlite next to the study file), or postgres://…
    #[arg(long)]
    pub database: Option<String>,
}

impl StudyArgs {
    pub(crate) fn paths(&self) -> StudyPaths {
        StudyPaths {
            study_file: self.study.clone(),
            database: self.database.clone(),
        }
    }
}

/// `kantel study …`
#[derive(Subcommand, Debug)]
pub enum StudyCommand {
    /// Write the built-in study template (codebook C1-C13, O1-O8, K1-K5) to a file to edit.
    #[command(after_help = "Example:\n  kantel study init --file mijn-studie.toml")]
    Init {
        /// Where to write it.
        #[arg(long, default_value = "study.toml")]
        file: PathBuf,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Check a study file and summarise it.
    #[command(after_help = "Example:\n  kantel study check --study mijn-studie.toml")]
    Check {
        /// The study file.
        #[arg(long, default_value = "study.toml")]
        study: PathBuf,
    },
}

/// `kantel import …`
#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    /// Questionnaire answers (CSV/XLSX, also LimeSurvey exports): respondent, gemeente (code,
    /// name or alias), groep, one column per item.
    #[command(
        after_help = "Example:\n  kantel import answers --study study.toml --file antwoorden.csv"
    )]
    Answers {
        #[command(flatten)]
        study: StudyArgs,
        /// The answers file.
        #[arg(long)]
        file: PathBuf,
    },
    /// Register indicators per municipality (CBS-style tables, names or GM codes).
    #[command(
        after_help = "Example:\n  kantel import register --study study.toml --file waarstaatjegemeente.csv --boundary-year 2021"
    )]
    Register {
        #[command(flatten)]
        study: StudyArgs,
        /// The register table.
        #[arg(long)]
        file: PathBuf,
        #[command(flatten)]
        options: RegisterArgs,
    },
    /// Expert ratings of rated sets (measure = "rating"): gemeente and one column per set,
    /// scores 0-1.
    #[command(
        after_help = "Example:\n  kantel import ratings --study study.toml --file beoordelingen.csv"
    )]
    Ratings {
        #[command(flatten)]
        study: StudyArgs,
        /// The ratings file.
        #[arg(long)]
        file: PathBuf,
    },
    /// The import history: every import with its status, and the current data version.
    #[command(after_help = "Example:\n  kantel import list --study study.toml")]
    List {
        #[command(flatten)]
        study: StudyArgs,
    },
    /// Replace an import by a corrected file: what it stored is removed and the new file
    /// imported in its place, in one step.
    #[command(
        after_help = "Example:\n  kantel import replace --study study.toml --id 1 --file antwoorden-gecorrigeerd.csv"
    )]
    Replace {
        #[command(flatten)]
        study: StudyArgs,
        /// The import to replace (see `kantel import list`).
        #[arg(long)]
        id: i64,
        /// The corrected file.
        #[arg(long)]
        file: PathBuf,
        #[command(flatten)]
        options: RegisterArgs,
    },
    /// Remove an import: what it stored is deleted; the history keeps the record.
    #[command(after_help = "Example:\n  kantel import remove --study study.toml --id 2")]
    Remove {
        #[command(flatten)]
        study: StudyArgs,
        /// The import to remove (see `kantel import list`).
        #[arg(long)]
        id: i64,
    },
}

/// Options of a register import.
#[derive(Args, Debug, Clone)]
pub struct RegisterArgs {
    /// Year of indicator columns without a "|year" suffix.
    #[arg(long)]
    year: Option<i32>,
    /// Match against the municipalities of this year (earlier mergers are reported).
    #[arg(long)]
    boundary_year: Option<i32>,
    /// Source label stored with the values (default: the file name).
    #[arg(long)]
    source: Option<String>,
}

impl RegisterArgs {
    fn options(&self) -> RegisterImportOptions {
        RegisterImportOptions {
            year: self.year,
            boundary_year: self.boundary_year,
            source: self.source.clone(),
        }
    }
}

/// `kantel analyse`
#[derive(Args, Debug)]
pub struct AnalyseArgs {
    #[command(flatten)]
    study: StudyArgs,
    /// Seed for permutation tests.
    #[arg(long, default_value_t = 2015)]
    seed: u64,
    /// Print the whole analysis as JSON.
    #[arg(long)]
    json: bool,
    /// Also write the calibrated set memberships (municipalities × sets) to this CSV file.
    #[arg(long)]
    export_sets: Option<PathBuf>,
    /// Exit with an error when any analysis step failed (default: report what could be done).
    #[arg(long)]
    strict: bool,
}

/// `kantel report`
#[derive(Args, Debug)]
pub struct ReportArgs {
    #[command(flatten)]
    study: StudyArgs,
    /// Output file.
    #[arg(long, default_value = "rapport.html")]
    out: PathBuf,
    /// Also print the report to this PDF file (needs Chromium: the Debian package `chromium`,
    /// or the browser named by KANTEL_CHROMIUM).
    #[arg(long)]
    pdf: Option<PathBuf>,
    /// Seed for permutation tests.
    #[arg(long, default_value_t = 2015)]
    seed: u64,
    /// Exit with an error when any analysis step failed (the report is written anyway).
    #[arg(long)]
    strict: bool,
}

/// `kantel demo`
#[derive(Args, Debug)]
pub struct DemoArgs {
    /// Folder to create (it may only hold an earlier demo).
    #[arg(long, default_value = "kantel-demo")]
    dir: PathBuf,
    /// Number of simulated municipalities: 16 (the pre-study) or e.g. 120 (8 to 400).
    #[arg(long, default_value_t = 16)]
    municipalities: usize,
    /// Seed of the simulation and the permutation tests.
    #[arg(long, default_value_t = 2015)]
    seed: u64,
}

/// A workflow error, rendered in the user's language for `main` to print.
#[derive(Debug)]
pub struct Localized(pub String);

impl std::fmt::Display for Localized {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Localized {}

fn localize(lang: UiLang, e: WorkflowError) -> anyhow::Error {
    anyhow::Error::new(Localized(e.msg().render(lang.into())))
}

fn line(out: &mut String, lang: UiLang, m: &Msg) {
    let _ = writeln!(out, "{}", m.render(lang.into()));
}

/// The first line of an import summary. `what` says what an import wrote, given the
/// respondents it created and the values it wrote.
fn written_line(
    out: &mut String,
    lang: UiLang,
    file: &str,
    w: &Written,
    what: impl FnOnce(usize, usize) -> Msg,
) {
    let m = match w {
        Written::Imported {
            import_id,
            data_version,
            respondents_created,
            values_written,
        } => msg!(
            "cli-import-written",
            file = file,
            id = *import_id,
            version = *data_version,
            what = what(*respondents_created, *values_written)
        ),
        Written::Unchanged {
            import_id: Some(id),
        } => msg!("cli-import-unchanged", file = file, id = *id),
        Written::Unchanged { import_id: None } => msg!("cli-import-unchanged-stored", file = file),
    };
    line(out, lang, &m);
}

/// Runs `kantel study …`.
pub fn run_study(command: &StudyCommand, lang: UiLang) -> Result<String> {
    let l: Lang = lang.into();
    match command {
        StudyCommand::Init { file, force } => {
            if file.exists() && !force {
                bail!(Localized(l.tr(
                    "cli-init-exists",
                    &[("file", file.display().to_string().into())]
                )));
            }
            std::fs::write(file, template())
                .map_err(|e| localize(lang, WorkflowError::io(file, &e)))?;
            Ok(l.tr(
                "cli-init-written",
                &[("file", file.display().to_string().into())],
            ) + "\n")
        }
        StudyCommand::Check { study } => {
            let (s, _) = read_study(study).map_err(|e| localize(lang, e))?;
            let items: usize = s.sets().map(|r| r.set.items.len()).sum();
            Ok(msg!(
                "cli-check",
                name = s.study.name.as_str(),
                municipalities = s.municipalities.len(),
                groups = s.respondent_groups.len(),
                sets = s.sets().count(),
                items = items
            )
            .render(l)
                + "\n")
        }
    }
}

/// Opens the study, runs `f`, closes the store: one command's unit of work.
fn with_workspace<T>(
    args: &StudyArgs,
    access: Access,
    lang: UiLang,
    f: impl AsyncFnOnce(&Workspace) -> Result<T, WorkflowError>,
) -> Result<T> {
    block_on(async {
        let ws = Workspace::open(&args.paths(), access).await?;
        let out = f(&ws).await;
        ws.close().await;
        out
    })
    .map_err(|e| localize(lang, e))
}

/// Runs `kantel import …`.
pub fn run_import(command: &ImportCommand, lang: UiLang) -> Result<String> {
    let mut out = String::new();
    match command {
        ImportCommand::Answers { study, file } => {
            let r = with_workspace(study, Access::Write, lang, async |ws| {
                import_answers(ws, file).await
            })?;
            answers_lines(&mut out, lang, &r);
        }
        ImportCommand::Register {
            study,
            file,
            options,
        } => {
            let r = with_workspace(study, Access::Write, lang, async |ws| {
                import_register(ws, file, &options.options()).await
            })?;
            register_lines(&mut out, lang, &r);
        }
        ImportCommand::List { study } => {
            let (imports, events, version) =
                with_workspace(study, Access::Read, lang, async |ws| history(ws).await)?;
            list_lines(&mut out, lang, &imports, &events, &version);
        }
        ImportCommand::Replace {
            study,
            id,
            file,
            options,
        } => {
            let r = with_workspace(study, Access::Write, lang, async |ws| {
                replace_import(ws, *id, file, &options.options()).await
            })?;
            line(&mut out, lang, &msg!("cli-replaced", id = *id));
            match r {
                Replacement::Answers(a) => answers_lines(&mut out, lang, &a),
                Replacement::Register(r) => register_lines(&mut out, lang, &r),
                Replacement::Ratings(r) => ratings_lines(&mut out, lang, &r),
            }
        }
        ImportCommand::Remove { study, id } => {
            let e = with_workspace(study, Access::Write, lang, async |ws| {
                remove_import(ws, *id).await
            })?;
            line(
                &mut out,
                lang,
                &msg!(
                    "cli-removed",
                    id = *id,
                    file = e.file_name.as_str(),
                    respondents = e.removed.respondents,
                    answers = e.removed.answers,
                    values = e.removed.register_values,
                    version = e.data_version
                ),
            );
        }
        ImportCommand::Ratings { study, file } => {
            let r = with_workspace(study, Access::Write, lang, async |ws| {
                import_ratings(ws, file).await
            })?;
            ratings_lines(&mut out, lang, &r);
        }
    }
    Ok(out)
}

fn answers_lines(out: &mut String, lang: UiLang, r: &AnswersImport) {
    written_line(out, lang, &r.file, &r.written, |created, values| {
        msg!(
            "cli-answers-written",
            respondents = r.respondents,
            created = created,
            values = values
        )
    });
    if !r.ignored_columns.is_empty() {
        line(
            out,
            lang,
            &msg!(
                "cli-ignored-columns",
                columns = r.ignored_columns.join(", ")
            ),
        );
    }
    for (text, code) in &r.matched_names {
        line(
            out,
            lang,
            &msg!(
                "cli-matched-name",
                text = text.as_str(),
                code = code.as_str()
            ),
        );
    }
    if !r.without_answers.is_empty() {
        line(
            out,
            lang,
            &msg!(
                "cli-without-answers",
                n = r.without_answers.len(),
                list = names(&r.without_answers)
            ),
        );
    }
}

fn register_lines(out: &mut String, lang: UiLang, r: &RegisterImport) {
    written_line(out, lang, &r.file, &r.written, |_, _| {
        msg!(
            "cli-register-written",
            rows = r.matched_rows,
            missing = r.missing_cells
        )
    });
    if !r.unmatched.is_empty() {
        line(out, lang, &msg!("cli-unmatched", n = r.unmatched.len()));
        for u in &r.unmatched {
            line(
                out,
                lang,
                &msg!(
                    "cli-unmatched-row",
                    line = u.line,
                    name = u.name.as_str(),
                    reason = u.reason.clone()
                ),
            );
        }
    }
    for m in coverage_lines(&r.coverage) {
        line(out, lang, &m);
    }
}

fn ratings_lines(out: &mut String, lang: UiLang, r: &RatingsImport) {
    written_line(out, lang, &r.file, &r.written, |_, _| {
        msg!("cli-ratings-written")
    });
    for (set, with, without) in &r.coverage {
        line(
            out,
            lang,
            &msg!(
                "cli-ratings-coverage",
                set = set.as_str(),
                have = with.len(),
                total = with.len() + without.len()
            ),
        );
        if !without.is_empty() {
            line(out, lang, &msg!("wf-without-value", list = names(without)));
        }
    }
}

fn list_lines(
    out: &mut String,
    lang: UiLang,
    imports: &[ImportRecord],
    events: &[ImportEvent],
    version: &DataVersion,
) {
    line(
        out,
        lang,
        &msg!(
            "cli-list-version",
            version = version.version,
            active = version.imports.len()
        ),
    );
    for i in imports {
        let status = match i.replaced_by {
            Some(by) => msg!("cli-list-replaced-by", id = by.0),
            None => msg!("cli-list-status", status = i.status.as_str()),
        };
        line(
            out,
            lang,
            &msg!(
                "cli-list-import",
                id = i.id.0,
                kind = i.kind.as_str(),
                file = i.file_name.as_str(),
                sha = i.content_sha256.get(..12).unwrap_or_default(),
                at = i.created_at.as_str(),
                rows = i.rows,
                status = status
            ),
        );
    }
    if !events.is_empty() {
        line(out, lang, &msg!("cli-list-events"));
        for e in events {
            line(
                out,
                lang,
                &msg!(
                    "cli-list-event",
                    version = e.data_version,
                    action = e.action.as_str(),
                    id = e.import.0,
                    file = e.file_name.as_str(),
                    at = e.created_at.as_str(),
                    added_respondents = e.added.respondents,
                    added_answers = e.added.answers,
                    added_values = e.added.register_values,
                    removed_respondents = e.removed.respondents,
                    removed_answers = e.removed.answers,
                    removed_values = e.removed.register_values
                ),
            );
        }
    }
}

fn headline(run: &StudyRun, n_study: usize, lang: UiLang) -> String {
    let a = &run.analysis;
    let Some(m) = a.minimization() else {
        return a.headline().render(lang.into()) + "\n";
    };
    let (key, models) = match (&m.parsimonious, &m.conservative) {
        (Some(p), _) if !p.models.is_empty() => ("cli-solution-parsimonious", &p.models),
        (_, Some(c)) if !c.models.is_empty() => ("cli-solution-conservative", &c.models),
        _ => return msg!("cli-no-solution").render(lang.into()) + "\n",
    };
    let mut out = String::new();
    line(
        &mut out,
        lang,
        &msg!(
            key,
            models = models.len(),
            cases = a.cases.analysed,
            total = n_study
        ),
    );
    for (k, model) in models.iter().enumerate() {
        let _ = writeln!(
            out,
            "  M{}: {} -> {}  (inclS {}, covS {})",
            k + 1,
            model.expression,
            a.outcome,
            kantel_i18n::format_measure(model.incl),
            kantel_i18n::format_measure(model.cov)
        );
    }
    out
}

/// Set memberships as CSV: a `case` column with municipality codes, then one column per set.
fn sets_csv(sets: &kantel_qca::SetData) -> String {
    let mut out = String::from("case");
    for n in sets.names() {
        out.push(',');
        out.push_str(n);
    }
    out.push('\n');
    for (i, case) in sets.cases().iter().enumerate() {
        out.push_str(case);
        for j in 0..sets.names().len() {
            let _ = write!(out, ",{}", sets.column_at(j)[i]);
        }
        out.push('\n');
    }
    out
}

fn notes(out: &mut String, run: &StudyRun, lang: UiLang) {
    for (step, reason) in run.analysis.failures() {
        line(
            out,
            lang,
            &msg!(
                "cli-step-failed",
                step = step.label(),
                reason = reason.clone()
            ),
        );
    }
    line(
        out,
        lang,
        &msg!(
            "cli-data-version",
            version = run.data_version.version,
            answers = run.data_version.answers.as_ref().map_or(0, |a| a.count),
            imports = run
                .data_version
                .imports
                .iter()
                .map(|i| format!("{} ({})", i.id.0, i.file_name))
                .collect::<Vec<_>>()
                .join("; ")
        ),
    );
    for n in &run.notes {
        line(out, lang, &msg!("cli-note", text = n.clone()));
    }
    for w in &run.analysis.warnings {
        line(out, lang, &msg!("cli-warning", text = w.clone()));
    }
}

/// Analyses what is stored; returns the run and the study it was made for.
fn analyse_paths(args: &StudyArgs, seed: u64, lang: UiLang) -> Result<(StudyRun, Study)> {
    let paths = args.paths();
    block_on(async {
        let ws = Workspace::open(&paths, Access::Read).await?;
        let out = analyse_stored(&ws, seed).await;
        let study = ws.study.clone();
        ws.close().await;
        out.map(|r| (r, study))
    })
    .map_err(|e| localize(lang, e))
}

/// With `--strict`, an analysis with a failed step is an error (after its output).
fn strict_check(strict: bool, run: &StudyRun, out: &str, lang: UiLang) -> Result<()> {
    if strict && !run.analysis.all_steps_ok() {
        let failed: Vec<String> = run
            .analysis
            .failures()
            .iter()
            .map(|(step, _)| step.label().render(lang.into()))
            .collect();
        print!("{out}");
        bail!(Localized(
            msg!("cli-strict-failed", steps = failed.join(", ")).render(lang.into())
        ));
    }
    Ok(())
}

/// Runs `kantel analyse`.
pub fn run_analyse(args: &AnalyseArgs, lang: UiLang) -> Result<String> {
    let (run, study) = analyse_paths(&args.study, args.seed, lang)?;
    let mut out = String::new();
    if let Some(path) = &args.export_sets
        && let Some(sets) = run.analysis.sets()
    {
        std::fs::write(path, sets_csv(sets))
            .map_err(|e| localize(lang, WorkflowError::io(path, &e)))?;
        line(
            &mut out,
            lang,
            &msg!("cli-sets-written", path = path.display().to_string()),
        );
    }
    if args.json {
        return Ok(serde_json::to_string_pretty(&run.analysis)? + "\n");
    }
    out.push_str(&headline(&run, study.municipalities.len(), lang));
    notes(&mut out, &run, lang);
    strict_check(args.strict, &run, &out, lang)?;
    Ok(out)
}

/// Runs `kantel report`.
pub fn run_report(args: &ReportArgs, lang: UiLang) -> Result<String> {
    let (run, study) = analyse_paths(&args.study, args.seed, lang)?;
    write_report(&args.out, &study, &run, lang.into()).map_err(|e| localize(lang, e))?;
    if let Some(pdf) = &args.pdf {
        print_pdf(&args.out, pdf).map_err(|e| localize(lang, e))?;
    }
    let mut out = String::new();
    line(
        &mut out,
        lang,
        &msg!("cli-report-written", path = args.out.display().to_string()),
    );
    out.push_str(&headline(&run, study.municipalities.len(), lang));
    notes(&mut out, &run, lang);
    strict_check(args.strict, &run, &out, lang)?;
    Ok(out)
}

/// Runs `kantel demo`: simulate, import, analyse, report.
pub fn run_demo(args: &DemoArgs, lang: UiLang) -> Result<String> {
    let demo =
        kantel_workflow::demo::run_demo(&args.dir, args.municipalities, args.seed, lang.into())
            .map_err(|e| localize(lang, e))?;
    let mut out = String::new();
    answers_lines(&mut out, lang, &demo.answers);
    for m in coverage_lines(&demo.register.coverage) {
        line(&mut out, lang, &m);
    }
    line(
        &mut out,
        lang,
        &msg!("cli-demo-simulated", n = args.municipalities),
    );
    out.push_str(&headline(
        &demo.run,
        demo.simulation.study.municipalities.len(),
        lang,
    ));
    if let Some(r) = demo.run.analysis.recovery() {
        line(
            &mut out,
            lang,
            &msg!(
                if r.recovered {
                    "cli-demo-recovered"
                } else {
                    "cli-demo-not-recovered"
                },
                planted = r.planted.as_str(),
                found = r.terms_found.join(" + "),
                missing = r.terms_missing.join(" + ")
            ),
        );
    }
    // Which planted terms survive the robustness sweep the simulated study declares.
    let a = &demo.run.analysis;
    if let (Some(planted), Some(sweep)) = (
        demo.simulation.study.study.planted_structure.as_deref(),
        a.robustness.as_ref().and_then(|s| s.ok()),
    ) {
        let with_models = sweep.counts.with_models.max(1) as f64;
        for (term, found) in a.planted_robustness(planted) {
            let share = |n: usize| format!("{:.0}%", n as f64 / with_models * 100.0);
            let m = match found {
                Some(t) if t.robust => msg!("cli-demo-robust", term = term.as_str()),
                Some(t) => msg!(
                    "cli-demo-not-robust",
                    term = term.as_str(),
                    share = share(t.in_all_models)
                ),
                None => msg!("cli-demo-never", term = term.as_str()),
            };
            line(
                &mut out,
                lang,
                &msg!("cli-demo-sweep", settings = sweep.counts.total, verdict = m),
            );
        }
    }
    line(
        &mut out,
        lang,
        &msg!(
            "cli-report-written",
            path = demo.report.display().to_string()
        ),
    );
    Ok(out)
}
