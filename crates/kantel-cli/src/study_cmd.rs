//! `kantel study …`, `kantel import …`, `kantel analyse`, `kantel report` and `kantel demo`:
//! a study end to end, on the embedded SQLite store by default.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use kantel_report::{Lang, ReportInput, render_report};
use kantel_store::{
    AnswerImportRow, ImportOutcome, MunicipalityRecord, RegisterValueRecord, Store, StudyId,
    sha256_hex,
};
use kantel_study::analysis::{StudyAnalysis, analyse};
use kantel_study::import::{
    AnswerSpec, RegisterOptions, RegisterValue, import_register, read_answers,
};
use kantel_study::measure::{Measurement, RespondentAnswers, measure};
use kantel_study::register::MunicipalityRegister;
use kantel_study::simulate::{SimConfig, simulate};
use kantel_study::study::{Study, template};
use kantel_study::table::{ReadOptions, Table};

pub use crate::lang::UiLang;

impl UiLang {
    fn report(self) -> Lang {
        match self {
            UiLang::Nl => Lang::Nl,
            UiLang::En => Lang::En,
        }
    }
}

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
    /// Questionnaire answers (CSV/XLSX: respondent, gemeente, groep, one column per item).
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
        /// Year of indicator columns without a "|year" suffix.
        #[arg(long)]
        year: Option<i32>,
        /// Match against the municipalities of this year (earlier mergers are reported).
        #[arg(long)]
        boundary_year: Option<i32>,
        /// Source label stored with the values (default: the file name).
        #[arg(long)]
        source: Option<String>,
    },
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
}

/// `kantel demo`
#[derive(Args, Debug)]
pub struct DemoArgs {
    /// Folder to create (it may only hold an earlier demo).
    #[arg(long, default_value = "kantel-demo")]
    dir: PathBuf,
    /// Number of simulated municipalities: 16 (the pre-study) or e.g. 120.
    #[arg(long, default_value_t = 16)]
    municipalities: usize,
    /// Seed of the simulation and the permutation tests.
    #[arg(long, default_value_t = 2015)]
    seed: u64,
}

fn read_study(path: &Path) -> Result<Study> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Study::from_toml_str(&text).with_context(|| format!("study file {}", path.display()))
}

fn database_url(args: &StudyArgs) -> String {
    match &args.database {
        Some(url) => url.clone(),
        None => {
            let dir = args
                .study
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            format!("sqlite://{}?mode=rwc", dir.join("kantel.sqlite").display())
        }
    }
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?)
}

/// Opens the store and makes sure the study and its municipalities are in it.
async fn open_study(store: &Store, study: &Study, text: &str) -> Result<StudyId> {
    let id = match store.find_study_by_name(&study.study.name).await? {
        Some(s) => {
            store.update_study_definition(s.id, text).await?;
            s.id
        }
        None => store.create_study(&study.study.name, text).await?,
    };
    let rows: Vec<MunicipalityRecord> = study
        .municipalities
        .iter()
        .map(|m| MunicipalityRecord {
            code: m.code.as_str().to_string(),
            name: m.name.clone(),
            inhabitants: i64::try_from(m.inhabitants).unwrap_or(i64::MAX),
            group: m.group.clone(),
        })
        .collect();
    store.upsert_municipalities(id, &rows).await?;
    Ok(id)
}

fn answer_spec(study: &Study) -> AnswerSpec {
    let mut items = Vec::new();
    for s in study.sets() {
        for item in &s.set.items {
            items.push(item.id.clone());
        }
    }
    AnswerSpec {
        municipality_codes: study
            .municipalities
            .iter()
            .map(|m| m.code.as_str().to_string())
            .collect(),
        groups: study
            .respondent_groups
            .iter()
            .map(|g| g.id.clone())
            .collect(),
        items,
    }
}

/// Reads and stores an answers file: all rows or nothing; the same file twice changes nothing.
async fn import_answers_file(
    store: &Store,
    id: StudyId,
    study: &Study,
    file: &Path,
    lang: UiLang,
) -> Result<String> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let table = Table::read(file, &ReadOptions::default())?;
    let rows = read_answers(&table, &answer_spec(study))?;
    let import: Vec<AnswerImportRow> = rows
        .iter()
        .map(|r| AnswerImportRow {
            external_id: r.respondent.clone(),
            municipality_code: r.municipality.clone(),
            group: r.group.clone(),
            answers: r
                .answers
                .iter()
                .map(|(i, v)| (i.clone(), v.map(i64::from)))
                .collect(),
        })
        .collect();
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let outcome = store
        .import_answers(id, &name, &sha256_hex(&bytes), &import)
        .await?;
    Ok(match outcome {
        ImportOutcome::Imported {
            respondents_created,
            values_written,
            ..
        } => format!(
            "{}: {} {}, {} {}\n",
            name,
            respondents_created,
            lang.pick("nieuwe respondenten", "new respondents"),
            values_written,
            lang.pick("antwoorden opgeslagen", "answers stored")
        ),
        ImportOutcome::AlreadyImported { .. } => format!(
            "{}: {}\n",
            name,
            lang.pick(
                "al eerder ingelezen, niets veranderd",
                "imported before, nothing changed"
            )
        ),
    })
}

/// Reads and stores a register table; every unmatched row is reported.
async fn import_register_file(
    store: &Store,
    id: StudyId,
    file: &Path,
    options: &RegisterOptions,
    source: Option<&str>,
    lang: UiLang,
) -> Result<String> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let table = Table::read(file, &ReadOptions::default())?;
    let result = import_register(&table, &MunicipalityRegister::builtin(), options)?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let source = source.map(str::to_string).unwrap_or_else(|| name.clone());
    let mut records = Vec::with_capacity(result.values.len());
    for v in &result.values {
        let Some(year) = v.year else {
            bail!(
                "{name}, line {}: indicator {:?} has no year; give --year",
                v.line,
                v.indicator
            );
        };
        records.push(RegisterValueRecord {
            municipality_code: v.code.clone(),
            indicator: v.indicator.clone(),
            year: i64::from(year),
            value: v.value,
            source: source.clone(),
        });
    }
    let outcome = store
        .import_register_values(id, &name, &sha256_hex(&bytes), &records)
        .await?;
    let mut out = String::new();
    match outcome {
        ImportOutcome::Imported { values_written, .. } => {
            let _ = writeln!(
                out,
                "{name}: {} {}, {values_written} {}, {} {}",
                result.matched_rows,
                lang.pick("rijen gekoppeld", "rows matched"),
                lang.pick("waarden opgeslagen", "values stored"),
                result.missing_cells,
                lang.pick(
                    "lege cellen (ontbrekend, niet 0)",
                    "empty cells (missing, not 0)"
                )
            );
        }
        ImportOutcome::AlreadyImported { .. } => {
            let _ = writeln!(
                out,
                "{name}: {}",
                lang.pick(
                    "al eerder ingelezen, niets veranderd",
                    "imported before, nothing changed"
                )
            );
        }
    }
    if !result.unmatched.is_empty() {
        let _ = writeln!(
            out,
            "{} ({}):",
            lang.pick("niet gekoppeld", "not matched"),
            result.unmatched.len()
        );
        for u in &result.unmatched {
            let _ = writeln!(
                out,
                "  {} {}: {} — {}",
                lang.pick("regel", "line"),
                u.line,
                u.name,
                u.reason
            );
        }
    }
    Ok(out)
}

/// Loads answers and register values from the store, measures and analyses.
async fn analyse_stored(
    store: &Store,
    id: StudyId,
    study: &Study,
    seed: u64,
) -> Result<(Measurement, StudyAnalysis)> {
    let mut by_respondent: BTreeMap<String, RespondentAnswers> = BTreeMap::new();
    for a in store.list_answers(id).await? {
        let entry = by_respondent
            .entry(a.external_id.clone())
            .or_insert_with(|| RespondentAnswers {
                respondent: a.external_id.clone(),
                municipality: a.municipality_code.clone(),
                group: a.group.clone(),
                answers: BTreeMap::new(),
            });
        let value =
            match a.value {
                Some(v) => Some(u8::try_from(v).with_context(|| {
                    format!("stored answer {v} of {} is not 0-255", a.external_id)
                })?),
                None => None,
            };
        entry.answers.insert(a.item, value);
    }
    let answers: Vec<RespondentAnswers> = by_respondent.into_values().collect();
    let measurement = measure(study, &answers)?;
    let mut register = Vec::new();
    let mut ratings = Vec::new();
    for r in store.list_register_values(id).await? {
        if r.source == RATING_SOURCE {
            if let Some(v) = r.value {
                ratings.push((r.municipality_code.clone(), r.indicator.clone(), v));
            }
            continue;
        }
        register.push(RegisterValue {
            line: 0,
            name: study
                .municipality(&r.municipality_code)
                .map(|m| m.name.clone())
                .unwrap_or_default(),
            code: r.municipality_code,
            indicator: r.indicator,
            year: i32::try_from(r.year).ok(),
            value: r.value,
        });
    }
    let analysis = analyse(study, &measurement, &register, &ratings, seed)?;
    store
        .save_run(
            id,
            "study-analysis",
            &serde_json::json!({ "seed": seed, "analysis": study.analysis }),
            &serde_json::to_value(&analysis)?,
        )
        .await?;
    Ok((measurement, analysis))
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

/// Register values with this source are expert ratings of a set (indicator = set id).
pub const RATING_SOURCE: &str = "rating";

fn headline(analysis: &StudyAnalysis, lang: UiLang) -> String {
    let m = &analysis.minimization;
    let (label, model) = match (&m.parsimonious, m.conservative.models.first()) {
        (Some(p), _) if !p.models.is_empty() => (
            lang.pick("spaarzame oplossing", "parsimonious solution"),
            &p.models[0],
        ),
        (_, Some(c)) => (
            lang.pick("conservatieve oplossing", "conservative solution"),
            c,
        ),
        _ => return lang.pick("geen oplossing", "no solution").to_string(),
    };
    format!(
        "{label}: {} -> {}  (inclS {:.3}, covS {:.3})",
        model.expression, analysis.outcome, model.incl, model.cov
    )
}

fn write_report(
    path: &Path,
    study: &Study,
    measurement: &Measurement,
    analysis: &StudyAnalysis,
    lang: UiLang,
) -> Result<()> {
    let generated_by = format!("kantel {}", env!("CARGO_PKG_VERSION"));
    let input = ReportInput {
        study,
        measurement,
        analysis,
        generated_by: &generated_by,
    };
    let html = render_report(&input, lang.report())?;
    std::fs::write(path, html).with_context(|| format!("writing {}", path.display()))
}

/// Runs `kantel study …`.
pub fn run_study(command: &StudyCommand, lang: UiLang) -> Result<String> {
    match command {
        StudyCommand::Init { file, force } => {
            if file.exists() && !force {
                bail!(
                    "{} {}",
                    file.display(),
                    lang.pick(
                        "bestaat al (gebruik --force om te overschrijven)",
                        "exists already (use --force to overwrite)"
                    )
                );
            }
            std::fs::write(file, template())
                .with_context(|| format!("writing {}", file.display()))?;
            Ok(format!(
                "{} {}\n",
                lang.pick(
                    "Studiesjabloon geschreven naar",
                    "Study template written to"
                ),
                file.display()
            ))
        }
        StudyCommand::Check { study } => {
            let s = read_study(study)?;
            let sets = s.sets().count();
            let items: usize = s.sets().map(|r| r.set.items.len()).sum();
            Ok(format!(
                "{}: {} {}, {} {}, {} {}, {} {}\n",
                s.study.name,
                s.municipalities.len(),
                lang.pick("gemeenten", "municipalities"),
                s.respondent_groups.len(),
                lang.pick("respondentgroepen", "respondent groups"),
                sets,
                lang.pick("sets", "sets"),
                items,
                lang.pick("items", "items")
            ))
        }
    }
}

/// Runs `kantel import …`.
pub fn run_import(command: &ImportCommand, lang: UiLang) -> Result<String> {
    let rt = runtime()?;
    match command {
        ImportCommand::Answers { study, file } => {
            let s = read_study(&study.study)?;
            let text = std::fs::read_to_string(&study.study)?;
            rt.block_on(async {
                let store = Store::open(&database_url(study)).await?;
                let id = open_study(&store, &s, &text).await?;
                let out = import_answers_file(&store, id, &s, file, lang).await;
                store.close().await;
                out
            })
        }
        ImportCommand::Register {
            study,
            file,
            year,
            boundary_year,
            source,
        } => {
            let s = read_study(&study.study)?;
            let text = std::fs::read_to_string(&study.study)?;
            let options = RegisterOptions {
                year: *year,
                boundary_year: *boundary_year,
                ..RegisterOptions::default()
            };
            rt.block_on(async {
                let store = Store::open(&database_url(study)).await?;
                let id = open_study(&store, &s, &text).await?;
                let out =
                    import_register_file(&store, id, file, &options, source.as_deref(), lang).await;
                store.close().await;
                out
            })
        }
    }
}

/// Reads the study file, brings the store up to date with it, and analyses what is stored.
fn analyse_study_file(args: &StudyArgs, seed: u64) -> Result<(Study, Measurement, StudyAnalysis)> {
    let study = read_study(&args.study)?;
    let text = std::fs::read_to_string(&args.study)?;
    let (measurement, analysis) = runtime()?.block_on(async {
        let store = Store::open(&database_url(args)).await?;
        let id = open_study(&store, &study, &text).await?;
        let out = analyse_stored(&store, id, &study, seed).await;
        store.close().await;
        out
    })?;
    Ok((study, measurement, analysis))
}

/// Runs `kantel analyse`.
pub fn run_analyse(args: &AnalyseArgs, lang: UiLang) -> Result<String> {
    let (_, _, analysis) = analyse_study_file(&args.study, args.seed)?;
    let mut out = String::new();
    if let Some(path) = &args.export_sets {
        std::fs::write(path, sets_csv(&analysis.sets))
            .with_context(|| format!("writing {}", path.display()))?;
        let _ = writeln!(
            out,
            "{} {}",
            lang.pick("Lidmaatschappen geschreven naar", "Memberships written to"),
            path.display()
        );
    }
    if args.json {
        return Ok(serde_json::to_string_pretty(&analysis)? + "\n");
    }
    out.push_str(&headline(&analysis, lang));
    out.push('\n');
    for w in &analysis.warnings {
        let _ = writeln!(out, "{}: {w}", lang.pick("waarschuwing", "warning"));
    }
    Ok(out)
}

/// Runs `kantel report`.
pub fn run_report(args: &ReportArgs, lang: UiLang) -> Result<String> {
    let (s, measurement, analysis) = analyse_study_file(&args.study, args.seed)?;
    write_report(&args.out, &s, &measurement, &analysis, lang)?;
    if let Some(pdf) = &args.pdf {
        print_pdf(&args.out, pdf)?;
    }
    Ok(format!(
        "{} {}\n{}\n",
        lang.pick("Rapport geschreven naar", "Report written to"),
        args.out.display(),
        headline(&analysis, lang)
    ))
}

/// Prints an HTML file to PDF with headless Chromium, using the report's print stylesheet.
fn print_pdf(html: &Path, pdf: &Path) -> Result<()> {
    let browser = match std::env::var_os("KANTEL_CHROMIUM") {
        Some(b) => PathBuf::from(b),
        None => [
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ]
        .iter()
        .find_map(|name| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|d| d.join(name))
                    .find(|p| p.is_file())
            })
        })
        .with_context(|| {
            "a PDF needs Chromium: install the Debian package `chromium` or set KANTEL_CHROMIUM \
                 to a Chromium or Chrome binary (the HTML report was written)"
        })?,
    };
    let html = std::fs::canonicalize(html)?;
    let profile = std::env::temp_dir().join(format!("kantel-chromium-{}", std::process::id()));
    let status = std::process::Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .with_context(|| format!("starting {}", browser.display()))?;
    let _ = std::fs::remove_dir_all(&profile);
    let ok = std::fs::read(pdf)
        .map(|b| b.starts_with(b"%PDF"))
        .unwrap_or(false);
    if !status.success() || !ok {
        bail!(
            "{} could not print {} to {}",
            browser.display(),
            html.display(),
            pdf.display()
        );
    }
    Ok(())
}

/// Marker file that identifies a folder as kantel's own demo output.
const DEMO_MARKER: &str = ".kantel-demo";
const DEMO_FILES: [&str; 7] = [
    "study.toml",
    "antwoorden.csv",
    "register.csv",
    "kantel.sqlite",
    "kantel.sqlite-wal",
    "kantel.sqlite-shm",
    "rapport.html",
];

fn prepare_demo_dir(dir: &Path, lang: UiLang) -> Result<()> {
    if dir.exists() {
        let entries: Vec<String> = std::fs::read_dir(dir)
            .with_context(|| format!("reading {}", dir.display()))?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect();
        if !entries.is_empty() && !entries.iter().any(|e| e == DEMO_MARKER) {
            bail!(
                "{} {}",
                dir.display(),
                lang.pick(
                    "bestaat al en is geen eerdere kantel-demo: kies een andere map met --dir",
                    "exists and is not an earlier kantel demo: choose another folder with --dir"
                )
            );
        }
        let foreign: Vec<&String> = entries
            .iter()
            .filter(|e| *e != DEMO_MARKER && !DEMO_FILES.contains(&e.as_str()))
            .collect();
        if !foreign.is_empty() {
            bail!(
                "{} {}: {}",
                dir.display(),
                lang.pick(
                    "bevat bestanden die niet van de demo zijn",
                    "holds files that are not the demo's"
                ),
                foreign
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        for f in DEMO_FILES {
            let p = dir.join(f);
            if p.exists() {
                std::fs::remove_file(&p).with_context(|| format!("removing {}", p.display()))?;
            }
        }
    } else {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    std::fs::write(
        dir.join(DEMO_MARKER),
        "kantel demo output; `kantel demo` may replace this folder's files\n",
    )?;
    Ok(())
}

/// Runs `kantel demo`: simulate, import, analyse, report.
pub fn run_demo(args: &DemoArgs, lang: UiLang) -> Result<String> {
    prepare_demo_dir(&args.dir, lang)?;
    let sim = simulate(&SimConfig {
        municipalities: args.municipalities,
        ..SimConfig::large(args.seed)
    })?;
    let study_path = args.dir.join("study.toml");
    let answers_path = args.dir.join("antwoorden.csv");
    let register_path = args.dir.join("register.csv");
    std::fs::write(&study_path, &sim.study_toml)?;
    std::fs::write(&answers_path, sim.answers_csv())?;
    std::fs::write(&register_path, sim.register_csv())?;
    let study = read_study(&study_path)?;
    let db = StudyArgs {
        study: study_path.clone(),
        database: None,
    };
    let rt = runtime()?;
    let mut out = String::new();
    let (measurement, analysis) = rt.block_on(async {
        let store = Store::open(&database_url(&db)).await?;
        let id = open_study(&store, &study, &sim.study_toml).await?;
        out.push_str(&import_answers_file(&store, id, &study, &answers_path, lang).await?);
        out.push_str(
            &import_register_file(
                &store,
                id,
                &register_path,
                &RegisterOptions::default(),
                None,
                lang,
            )
            .await?,
        );
        let ratings: Vec<RegisterValueRecord> = sim
            .ratings
            .iter()
            .map(|(code, set, v)| RegisterValueRecord {
                municipality_code: code.clone(),
                indicator: set.clone(),
                year: i64::from(study.study.year),
                value: Some(*v),
                source: RATING_SOURCE.to_string(),
            })
            .collect();
        if !ratings.is_empty() {
            store
                .import_register_values(
                    id,
                    "ratings",
                    &sha256_hex(serde_json::to_string(&sim.ratings)?.as_bytes()),
                    &ratings,
                )
                .await?;
        }
        let result = analyse_stored(&store, id, &study, args.seed).await;
        store.close().await;
        result
    })?;
    let report_path = args.dir.join("rapport.html");
    write_report(&report_path, &study, &measurement, &analysis, lang)?;
    let _ = writeln!(
        out,
        "\n{} ({} {}, {})",
        lang.pick("GESIMULEERDE studie", "SIMULATED study"),
        args.municipalities,
        lang.pick("gemeenten", "municipalities"),
        lang.pick("geen echte gegevens", "not real data")
    );
    let _ = writeln!(out, "{}", headline(&analysis, lang));
    if let Some(r) = &analysis.recovery {
        let _ = writeln!(
            out,
            "{}: {}  —  {}",
            lang.pick("geplante structuur", "planted structure"),
            r.planted,
            if r.recovered {
                lang.pick("teruggevonden", "recovered")
            } else {
                lang.pick("niet (volledig) teruggevonden", "not (fully) recovered")
            }
        );
    }
    let _ = writeln!(
        out,
        "{}: {}",
        lang.pick("Rapport", "Report"),
        report_path.display()
    );
    Ok(out)
}
