//! Writes a large answers file for a study, to measure `kantel import answers` on it.
//!
//! ```text
//! kantel demo                                    # writes kantel-demo/study.toml
//! cargo build --release -p kantel-cli
//! cargo build --release -p kantel-workflow --example answers_bench
//! target/release/examples/answers_bench kantel-demo/study.toml /tmp/answers.csv 200000
//! target/release/examples/answers_bench kantel-demo/study.toml /tmp/bad.csv 200000 error-last
//! /usr/bin/time -v target/release/kantel import answers --study kantel-demo/study.toml \
//!     --file /tmp/answers.csv
//! ```
//!
//! Every respondent belongs to a group that is asked every item when the study has one
//! (in the demo study: `management`, 29 items), so that 200,000 respondents give 5.8
//! million answers; otherwise the groups take turns. Municipalities take turns, every
//! 7th answer is "weet niet". The file is written row by row (it never exists in memory).
//! With `error-last` the last row's last answer is 7, outside 1-5.

use std::io::{BufWriter, Write};
use std::path::Path;

use kantel_study::codebook::ResponseKind;
use kantel_study::import::AnswerSpec;
use kantel_study::study::Study;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: answers_bench STUDY.toml OUT.csv [RESPONDENTS] [error-last]";
    let study_path = args.get(1).ok_or(usage)?;
    let out_path = args.get(2).ok_or(usage)?;
    let respondents: usize = match args.get(3) {
        Some(n) => n.parse()?,
        None => 200_000,
    };
    let error_last = args.get(4).is_some_and(|a| a == "error-last");

    let study = Study::from_toml_str(&std::fs::read_to_string(study_path)?)?;
    let spec = AnswerSpec::from_study(&study);
    let asked_all: Vec<&str> = spec
        .groups
        .iter()
        .map(|g| g.id.as_str())
        .filter(|g| {
            spec.items
                .iter()
                .all(|i| i.groups.is_empty() || i.groups.iter().any(|x| x == g))
        })
        .collect();
    let groups: Vec<&str> = if asked_all.is_empty() {
        spec.groups.iter().map(|g| g.id.as_str()).collect()
    } else {
        asked_all[..1].to_vec()
    };

    let mut out = BufWriter::new(std::fs::File::create(Path::new(out_path))?);
    write!(out, "respondent,gemeente,groep")?;
    for item in &spec.items {
        write!(out, ",{}", item.id)?;
    }
    writeln!(out)?;
    let mut answers = 0usize;
    for i in 0..respondents {
        let municipality = &spec.municipalities[i % spec.municipalities.len()].code;
        let group = groups[i % groups.len()];
        write!(out, "R{i:07},{municipality},{group}")?;
        for (k, item) in spec.items.iter().enumerate() {
            let asked = item.groups.is_empty() || item.groups.iter().any(|g| g == group);
            if !asked {
                write!(out, ",")?;
                continue;
            }
            answers += 1;
            if error_last && i + 1 == respondents && k + 1 == spec.items.len() {
                write!(out, ",7")?;
            } else if (i + k) % 7 == 0 {
                write!(out, ",weet niet")?;
            } else if item.response == ResponseKind::YesNo {
                write!(out, ",{}", ["nee", "ja"][(i + k) % 2])?;
            } else {
                write!(out, ",{}", 1 + (i * 31 + k * 7) % 5)?;
            }
        }
        writeln!(out)?;
    }
    out.flush()?;
    eprintln!(
        "{out_path}: {respondents} respondents, {answers} answers, {} items, groups {}",
        spec.items.len(),
        groups.join("/")
    );
    Ok(())
}
