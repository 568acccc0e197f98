//! `kantel-bench sweep-scale`: the robustness sweep of issue 9 as a whole `kantel` process.
//!
//! A 400-case study of 8 conditions (raw scale means 1-5, calibrated with anchors 2, 3, 4;
//! a fuzzy outcome planted as `X1*X2 + X3*X4` with noise), swept over 10,000 settings: the
//! crossovers of X1 (25 values) and X2 (20 values), incl.cut (10) and n.cut (2), every
//! model recorded (`--json`). Run with 1 and 2 threads; the outputs must be the same bytes.
//! The baseline, measured in the same run, is the same command with one setting: one
//! calibration, truth table and minimization in a process of its own.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::scale::{Ending, measure};

const USAGE: &str = "usage: kantel-bench sweep-scale [--kantel PATH] [--reps 3] [--out FILE.md]

Runs the release kantel binary (default target/release/kantel: build it with
`cargo build --release -p kantel-cli`) on a generated 400-case, 8-condition study: one sweep
of 10,000 settings with 1 and with 2 threads, and the one-setting baseline; prints a
Markdown table (also written to --out) and fails when the outputs of 1 and 2 threads differ.";

/// Cases and conditions of the generated study.
pub const CASES: usize = 400;
pub const CONDITIONS: usize = 8;

/// A normal deviate (Box-Muller), from the bench's seeded stream.
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u: f64 = rng.random_range(f64::EPSILON..1.0);
    let v: f64 = rng.random_range(0.0..1.0);
    (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
}

/// The study as CSV: a case column, raw X1..X8 and the fuzzy outcome Y.
pub fn study_csv(seed: u64) -> String {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut out = String::from("case");
    for k in 1..=CONDITIONS {
        let _ = write!(out, ",X{k}");
    }
    out.push_str(",Y\n");
    for i in 0..CASES {
        let latent: Vec<f64> = (0..CONDITIONS)
            .map(|_| rng.random_range(0.0..1.0))
            .collect();
        let _ = write!(out, "G{:04}", i + 1);
        for l in &latent {
            let raw = (1.0 + 4.0 * l + 0.25 * normal(&mut rng)).clamp(1.0, 5.0);
            let _ = write!(out, ",{raw:.3}");
        }
        let y = latent[0].min(latent[1]).max(latent[2].min(latent[3]));
        let y = (y + 0.05 * normal(&mut rng)).clamp(0.0, 1.0);
        let _ = writeln!(out, ",{y:.3}");
    }
    out
}

/// The sweep's arguments; `grid` false gives the one-setting baseline.
pub fn sweep_args(file: &Path, threads: usize, grid: bool) -> Vec<String> {
    let mut a: Vec<String> = [
        "qca",
        "sweep",
        "--outcome",
        "Y",
        "--conditions",
        "X1,X2,X3,X4,X5,X6,X7,X8",
        "--incl-cut",
        "0.9",
        "--pri-cut",
        "0.7",
        "--include=?",
        "--allow-half",
        "--json",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    a.extend(["--data".into(), file.display().to_string()]);
    for k in 1..=CONDITIONS {
        a.extend(["--calibrate".into(), format!("X{k}=fuzzy:e=2,c=3,i=4")]);
    }
    if grid {
        for v in [
            "X1.c=2.52:3.48:0.04",
            "X2.c=2.55:3.5:0.05",
            "incl.cut=0.86:0.95:0.01",
            "n.cut=1,2",
        ] {
            a.extend(["--vary".into(), v.into()]);
        }
    } else {
        a.extend(["--vary".into(), "n.cut=1".into()]);
    }
    a.extend(["--threads".into(), threads.to_string()]);
    a
}

struct Row {
    what: String,
    best_wall: f64,
    cpu: f64,
    max_rss_mb: f64,
    stdout: String,
}

pub fn main(args: &[String]) -> i32 {
    match run(args) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("kantel-bench sweep-scale: {e}");
            2
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let root = {
        let r = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        r.canonicalize().unwrap_or(r)
    };
    let mut kantel = root.join("target/release/kantel");
    let mut reps = 3usize;
    let mut out: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or(format!("{a} needs a value\n\n{USAGE}"))
        };
        match a.as_str() {
            "--kantel" => kantel = PathBuf::from(value()?),
            "--reps" => {
                reps = value()?
                    .parse()
                    .ok()
                    .filter(|r| *r >= 1)
                    .ok_or("--reps: a whole number of at least 1")?
            }
            "--out" => out = Some(PathBuf::from(value()?)),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown option {other}\n\n{USAGE}")),
        }
    }
    if !kantel.is_file() {
        return Err(format!(
            "no kantel binary at {}: build it with `cargo build --release -p kantel-cli` or pass --kantel PATH",
            kantel.display()
        ));
    }
    let dir = root.join("target/kantel-bench/sweep");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let file = dir.join("study400.csv");
    std::fs::write(&file, study_csv(20_261_205)).map_err(|e| format!("{}: {e}", file.display()))?;
    let wrapper = std::env::current_exe().map_err(|e| format!("own path: {e}"))?;
    let tmp = dir.join("tmp");
    let mut rows = Vec::new();
    for (what, threads, grid) in [
        ("baseline: 1 setting", 1, false),
        ("sweep: 10,000 settings, 1 thread", 1, true),
        ("sweep: 10,000 settings, 2 threads", 2, true),
    ] {
        let cmd: Vec<String> = std::iter::once(kantel.display().to_string())
            .chain(sweep_args(&file, threads, grid))
            .collect();
        let mut row: Option<Row> = None;
        for _ in 0..reps {
            let m = measure(&wrapper, &cmd, Duration::from_secs(600), 0, &tmp)?;
            if m.ending != Ending::Exit(0) {
                return Err(format!("{what}: {:?}: {}", m.ending, m.stderr.trim()));
            }
            row = Some(match row {
                None => Row {
                    what: what.into(),
                    best_wall: m.wall,
                    cpu: m.cpu,
                    max_rss_mb: m.max_rss_kb as f64 / 1024.0,
                    stdout: m.stdout,
                },
                Some(mut r) => {
                    if r.stdout != m.stdout {
                        return Err(format!("{what}: two runs gave different output"));
                    }
                    if m.wall < r.best_wall {
                        r.best_wall = m.wall;
                        r.cpu = m.cpu;
                    }
                    r.max_rss_mb = r.max_rss_mb.max(m.max_rss_kb as f64 / 1024.0);
                    r
                }
            });
        }
        rows.extend(row);
    }
    let same = rows[1].stdout == rows[2].stdout;
    let sweep: serde_json::Value =
        serde_json::from_str(&rows[1].stdout).map_err(|e| format!("sweep JSON: {e}"))?;
    let base = rows[0].best_wall;
    let mut md = String::new();
    let _ = writeln!(
        md,
        "| run | wall (best of {reps}) | CPU | peak memory | ratio to baseline |\n|---|---:|---:|---:|---:|"
    );
    for r in &rows {
        let _ = writeln!(
            md,
            "| {} | {:.2} s | {:.2} s | {:.0} MB | {:.0}× |",
            r.what,
            r.best_wall,
            r.cpu,
            r.max_rss_mb,
            r.best_wall / base
        );
    }
    let _ = writeln!(
        md,
        "\nSettings {} ({} with models), distinct models {}, distinct terms {}, test solutions {}; output {} bytes; 1 and 2 threads {}.",
        sweep["counts"]["total"],
        sweep["counts"]["with_models"],
        sweep["models"].as_array().map_or(0, Vec::len),
        sweep["terms"].as_array().map_or(0, Vec::len),
        sweep["comparison"]["test_solutions"],
        rows[1].stdout.len(),
        if same {
            "gave the same bytes"
        } else {
            "DIFFER"
        }
    );
    print!("{md}");
    if let Some(p) = out {
        std::fs::write(&p, &md).map_err(|e| format!("{}: {e}", p.display()))?;
    }
    if !same {
        return Err("the outputs of 1 and 2 threads differ".into());
    }
    Ok(())
}
