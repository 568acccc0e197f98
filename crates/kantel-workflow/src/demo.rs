//! `kantel demo`: a simulated study end to end, through the same imports a researcher uses.

use std::path::{Path, PathBuf};

use kantel_i18n::{Lang, msg};
use kantel_study::simulate::{SimConfig, SimulatedStudy, simulate};

use crate::analysis::{StudyRun, analyse_stored};
use crate::imports::{
    AnswersImport, RatingsImport, RegisterImport, RegisterImportOptions, import_answers,
    import_ratings, import_register,
};
use crate::report::write_report;
use crate::{Access, StudyPaths, WorkflowError, Workspace};

/// Marker file that identifies a folder as kantel's own demo output.
pub const DEMO_MARKER: &str = ".kantel-demo";
/// The files a demo writes (and may replace).
pub const DEMO_FILES: [&str; 8] = [
    "study.toml",
    "antwoorden.csv",
    "register.csv",
    "beoordelingen.csv",
    "kantel.sqlite",
    "kantel.sqlite-wal",
    "kantel.sqlite-shm",
    "rapport.html",
];
/// The number of simulated municipalities a demo accepts: a truth table needs a handful of
/// cases, and more than the Netherlands has would only fill the disk.
pub const MUNICIPALITIES: std::ops::RangeInclusive<usize> = 8..=400;

/// What the demo did.
pub struct Demo {
    /// The answers import.
    pub answers: AnswersImport,
    /// The register import.
    pub register: RegisterImport,
    /// The ratings import, if the simulated study has rated sets.
    pub ratings: Option<RatingsImport>,
    /// The analysis.
    pub run: StudyRun,
    /// The simulation (planted structure and truth).
    pub simulation: SimulatedStudy,
    /// The report.
    pub report: PathBuf,
}

fn prepare_dir(dir: &Path) -> Result<(), WorkflowError> {
    if dir.exists() {
        let entries: Vec<String> = std::fs::read_dir(dir)
            .map_err(|e| WorkflowError::io(dir, &e))?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect();
        if !entries.is_empty() && !entries.iter().any(|e| e == DEMO_MARKER) {
            return Err(msg!("wf-demo-dir-foreign", dir = dir.display().to_string()).into());
        }
        let foreign: Vec<&String> = entries
            .iter()
            .filter(|e| *e != DEMO_MARKER && !DEMO_FILES.contains(&e.as_str()))
            .collect();
        if !foreign.is_empty() {
            return Err(msg!(
                "wf-demo-dir-files",
                dir = dir.display().to_string(),
                files = foreign
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
            .into());
        }
        for f in DEMO_FILES {
            let p = dir.join(f);
            if p.exists() {
                std::fs::remove_file(&p).map_err(|e| WorkflowError::io(&p, &e))?;
            }
        }
    } else {
        std::fs::create_dir_all(dir).map_err(|e| WorkflowError::io(dir, &e))?;
    }
    let marker = dir.join(DEMO_MARKER);
    std::fs::write(
        &marker,
        "kantel demo output; `kantel demo` may replace this folder's files\n",
    )
    .map_err(|e| WorkflowError::io(&marker, &e))
}

fn write(path: &Path, text: &str) -> Result<(), WorkflowError> {
    std::fs::write(path, text).map_err(|e| WorkflowError::io(path, &e))
}

/// The simulated ratings as a ratings file: `gemeente` and one column per rated set.
fn ratings_csv(sim: &SimulatedStudy) -> String {
    let mut sets: Vec<&str> = sim.ratings.iter().map(|(_, s, _)| s.as_str()).collect();
    sets.sort_unstable();
    sets.dedup();
    let mut out = String::from("gemeente");
    for s in &sets {
        out.push(',');
        out.push_str(s);
    }
    out.push('\n');
    for m in &sim.study.municipalities {
        out.push_str(m.code.as_str());
        for s in &sets {
            out.push(',');
            if let Some((_, _, v)) = sim
                .ratings
                .iter()
                .find(|(c, set, _)| c == m.code.as_str() && set == s)
            {
                out.push_str(&v.to_string());
            }
        }
        out.push('\n');
    }
    out
}

/// Simulates a study of `municipalities` municipalities in `dir`, imports its files, analyses
/// it and writes the report.
pub fn run_demo(
    dir: &Path,
    municipalities: usize,
    seed: u64,
    lang: Lang,
) -> Result<Demo, WorkflowError> {
    if !MUNICIPALITIES.contains(&municipalities) {
        return Err(msg!(
            "wf-demo-size",
            n = municipalities,
            from = *MUNICIPALITIES.start(),
            to = *MUNICIPALITIES.end()
        )
        .into());
    }
    let simulation = simulate(&SimConfig {
        municipalities,
        ..SimConfig::large(seed)
    })?;
    prepare_dir(dir)?;
    let study_path = dir.join("study.toml");
    let answers_path = dir.join("antwoorden.csv");
    let register_path = dir.join("register.csv");
    let ratings_path = dir.join("beoordelingen.csv");
    write(&study_path, &simulation.study_toml)?;
    write(&answers_path, &simulation.answers_csv())?;
    write(&register_path, &simulation.register_csv())?;
    let paths = StudyPaths {
        study_file: study_path,
        database: None,
    };
    let (answers, register, ratings, run) = crate::workspace::block_on(async {
        let ws = Workspace::open(&paths, Access::Write).await?;
        let out = async {
            let answers = import_answers(&ws, &answers_path).await?;
            let register =
                import_register(&ws, &register_path, &RegisterImportOptions::default()).await?;
            let ratings = if simulation.ratings.is_empty() {
                None
            } else {
                write(&ratings_path, &ratings_csv(&simulation))?;
                Some(import_ratings(&ws, &ratings_path).await?)
            };
            let run = analyse_stored(&ws, seed).await?;
            Ok((answers, register, ratings, run))
        }
        .await;
        ws.close().await;
        out
    })?;
    let report = dir.join("rapport.html");
    write_report(&report, &simulation.study, &run, lang)?;
    Ok(Demo {
        answers,
        register,
        ratings,
        run,
        simulation,
        report,
    })
}
