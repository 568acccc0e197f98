//! `kantel`: the command-line shell over the kantel libraries.
//!
//! Every command parses its arguments, calls library functions and prints what they return;
//! no analysis happens here. Errors are printed once, with their chain, by `main`.

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod collect_cmd;
mod lang;
mod progress;
mod qca;
mod qca_cases;
mod qca_cna;
mod qca_esa;
mod qca_plots;
mod qca_sweep;
mod render;
mod study_cmd;

use lang::UiLang;

/// kantel: which factors make municipalities succeed in transforming their social domain.
#[derive(Parser, Debug)]
#[command(name = "kantel", version, about, long_about = None)]
struct Cli {
    /// Language of messages and reports: nl (default) or en.
    #[arg(long, global = true, value_enum, default_value_t = UiLang::Nl)]
    lang: UiLang,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Qualitative Comparative Analysis on a data file (R QCA conventions).
    #[command(subcommand)]
    Qca(qca::QcaCommand),
    /// Run the simulated 16-municipality demo study end to end and write its report.
    #[command(
        after_help = "Example:\n  kantel demo\n  kantel demo --municipalities 120 --dir demo-120 --lang en"
    )]
    Demo(study_cmd::DemoArgs),
    /// Create or check a study file.
    #[command(subcommand)]
    Study(study_cmd::StudyCommand),
    /// Import questionnaire answers or register indicators into the study's database.
    #[command(subcommand)]
    Import(study_cmd::ImportCommand),
    /// Analyse a study: calibration, necessity, truth table, solutions, statistics.
    #[command(after_help = "Example:\n  kantel analyse --study study.toml")]
    Analyse(study_cmd::AnalyseArgs),
    /// Analyse a study and write its HTML report (with a mirror page per municipality).
    #[command(
        after_help = "Example:\n  kantel report --study study.toml --out rapport.html --lang en"
    )]
    Report(study_cmd::ReportArgs),
    /// Accounts of researchers and municipal contacts for `kantel serve`.
    #[command(subcommand)]
    User(collect_cmd::UserCommand),
    /// Serve the web questionnaire (personal links) and the researchers' and contacts' pages.
    #[command(after_help = "Examples:\n  kantel serve --study study.toml\n  \
        kantel serve --study study.toml --listen 127.0.0.1:0\n  \
        kantel serve --database postgres://kantel@db.intern:5432/kantel --listen 0.0.0.0:8080 --secure-cookies --behind-proxy")]
    Serve(collect_cmd::ServeArgs),
    /// Respondents with personal links to the web questionnaire.
    #[command(subcommand)]
    Respondents(collect_cmd::RespondentsCommand),
}

/// The language asked for on the command line, read before clap parses it (so that clap's
/// own errors can be given in that language too).
fn lang_from_args() -> kantel_i18n::Lang {
    let args: Vec<String> = std::env::args().collect();
    for (i, a) in args.iter().enumerate() {
        let value = match a.strip_prefix("--lang=") {
            Some(v) => Some(v.to_string()),
            None if a == "--lang" => args.get(i + 1).cloned(),
            None => None,
        };
        if let Some(Ok(l)) = value.map(|v| v.parse::<kantel_i18n::Lang>()) {
            return l;
        }
    }
    kantel_i18n::Lang::Nl
}

/// A command-line mistake (unknown option, missing or invalid value) in the user's
/// language; clap's own text for help, version and anything not mapped.
fn parse_error(e: clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let lang = lang_from_args();
    let text = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let message = match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => e.exit(),
        _ if lang == kantel_i18n::Lang::En => e.exit(),
        ErrorKind::UnknownArgument => kantel_i18n::msg!(
            "cli-arg-unknown",
            arg = text(ContextKind::InvalidArg),
            suggestion = match text(ContextKind::SuggestedArg) {
                s if s.is_empty() => "none".to_string(),
                s => s,
            }
        ),
        ErrorKind::InvalidSubcommand => kantel_i18n::msg!(
            "cli-arg-unknown-command",
            command = text(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::InvalidValue => kantel_i18n::msg!(
            "cli-arg-invalid-value",
            value = text(ContextKind::InvalidValue),
            arg = text(ContextKind::InvalidArg),
            valid = text(ContextKind::ValidValue)
        ),
        ErrorKind::ValueValidation => kantel_i18n::msg!(
            "cli-arg-not-valid",
            value = text(ContextKind::InvalidValue),
            arg = text(ContextKind::InvalidArg)
        ),
        ErrorKind::MissingRequiredArgument => {
            kantel_i18n::msg!("cli-arg-missing", args = text(ContextKind::InvalidArg))
        }
        ErrorKind::ArgumentConflict => kantel_i18n::msg!(
            "cli-arg-conflict",
            arg = text(ContextKind::InvalidArg),
            other = text(ContextKind::PriorArg)
        ),
        _ => e.exit(),
    };
    let line = kantel_i18n::msg!("qca-cli-error", message = message.render(lang));
    let _ = writeln!(std::io::stderr(), "{}", line.render(lang));
    let _ = writeln!(std::io::stderr(), "{}", lang.t("cli-arg-help"));
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return parse_error(e),
    };
    let result = match &cli.command {
        Command::Qca(c) => qca::run(c, cli.lang),
        Command::Demo(a) => study_cmd::run_demo(a, cli.lang).map(qca::Output::Text),
        Command::Study(c) => study_cmd::run_study(c, cli.lang).map(qca::Output::Text),
        Command::Import(c) => study_cmd::run_import(c, cli.lang).map(qca::Output::Text),
        Command::Analyse(a) => study_cmd::run_analyse(a, cli.lang).map(qca::Output::Text),
        Command::Report(a) => study_cmd::run_report(a, cli.lang).map(qca::Output::Text),
        Command::User(c) => collect_cmd::run_user(c, cli.lang).map(qca::Output::Text),
        Command::Serve(a) => collect_cmd::run_serve(a, cli.lang).map(qca::Output::Text),
        Command::Respondents(c) => collect_cmd::run_respondents(c, cli.lang).map(qca::Output::Text),
    };
    match result {
        Ok(output) => {
            let mut stdout = std::io::stdout().lock();
            match output.write_to(&mut stdout).and_then(|()| stdout.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                // A closed pipe (`kantel … | head`) is not an error worth a message.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                // A full disk or a closed output must not look like success.
                Err(e) => {
                    let lang: kantel_i18n::Lang = cli.lang.into();
                    let m = kantel_i18n::msg!("cli-stdout-failed", error = e.to_string());
                    let line = kantel_i18n::msg!("qca-cli-error", message = m.render(lang));
                    let _ = writeln!(std::io::stderr(), "{}", line.render(lang));
                    ExitCode::from(2)
                }
            }
        }
        Err(e) => {
            // Commands return errors already in the user's language; `fout: …` / `error: …`.
            let lang: kantel_i18n::Lang = cli.lang.into();
            let line = kantel_i18n::msg!("qca-cli-error", message = format!("{e:#}"));
            let _ = writeln!(std::io::stderr(), "{}", line.render(lang));
            ExitCode::from(2)
        }
    }
}
