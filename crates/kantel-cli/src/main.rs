//! `kantel`: the command-line shell over the kantel libraries.
//!
//! Every command parses its arguments, calls library functions and prints what they return;
//! no analysis happens here. Errors are printed once, with their chain, by `main`.

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod lang;
mod qca;
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Qca(c) => qca::run(c, cli.lang),
        Command::Demo(a) => study_cmd::run_demo(a, cli.lang),
        Command::Study(c) => study_cmd::run_study(c, cli.lang),
        Command::Import(c) => study_cmd::run_import(c, cli.lang),
        Command::Analyse(a) => study_cmd::run_analyse(a, cli.lang),
        Command::Report(a) => study_cmd::run_report(a, cli.lang),
    };
    match result {
        Ok(text) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`kantel … | head`) is not an error worth a message.
            let _ = stdout.write_all(text.as_bytes());
            ExitCode::SUCCESS
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
