//! `kantel-bench minimize-scale`: large-N minimization measured as a user meets it (issue 8).
//!
//! Every run is the release `kantel` binary as a whole process:
//! `kantel --lang en qca minimize --data F --outcome Y --incl-cut 1 --json [--include "?"]
//! [--solution S]`, on random crisp data after Dusa (2018) (`scripts/bench-data.py`, the
//! generator R QCA's figures were made with). A run goes through a small wrapper (this binary
//! again, `__measure`) so that `getrusage(RUSAGE_CHILDREN)` in the wrapper sees exactly one
//! child: its peak RSS and CPU time, with a timeout and an address-space limit, without unsafe
//! code. The table puts R's figures for the same files (`testdata/bench/r-bench/results.csv`)
//! beside kantel's and marks the rows that miss the issue's targets.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Hidden subcommand: run one child and report its wall time, peak RSS and CPU time.
pub const MEASURE: &str = "__measure";
/// Hidden subcommand: touch this many MiB and exit (the wrapper's own tests measure it).
pub const ALLOC: &str = "__alloc";

/// The grid of issue 8: conditions x cases, plus 20 conditions x 20 rows (as in
/// `scripts/bench-data.py`, which writes the files).
pub const KS: [usize; 5] = [12, 16, 20, 24, 30];
pub const NS: [usize; 3] = [200, 1000, 10_000];
pub const EXTRA: [(usize, usize); 1] = [(20, 20)];
/// The seed of the data (R's figures are for seed 1).
pub const SEED: u32 = 1;
/// Runs at least this long are not repeated: the minimum over reps would not change the
/// picture, and a full grid would take far longer.
const REPEAT_BELOW: f64 = 10.0;

/// The issue's targets.
pub const TARGET_SMALL_S: f64 = 0.2;
pub const TARGET_SMALL_MB: f64 = 100.0;
pub const TARGET_LARGE_S: f64 = 2.0;
/// Cases above this count are "large" (the 10,000-case rows).
pub const SMALL_MAX_CASES: usize = 1000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Solution {
    Conservative,
    Parsimonious,
}

impl Solution {
    pub fn name(self) -> &'static str {
        match self {
            Solution::Conservative => "conservative",
            Solution::Parsimonious => "parsimonious",
        }
    }

    fn parse(s: &str) -> Result<Self, String> {
        match s {
            "conservative" => Ok(Solution::Conservative),
            "parsimonious" => Ok(Solution::Parsimonious),
            _ => Err(format!(
                "--solutions: unknown solution {s:?} (use conservative, parsimonious or both, comma-separated)"
            )),
        }
    }
}

/// The data file of one grid cell.
pub fn file_name(k: usize, n: usize) -> String {
    format!("min_k{k}_N{n}_s{SEED}.csv")
}

/// The arguments of one kantel run (after the binary).
pub fn kantel_args(data: &Path, solution: Solution, has_solution_option: bool) -> Vec<String> {
    let mut a: Vec<String> = [
        "--lang",
        "en",
        "qca",
        "minimize",
        "--data",
        &data.to_string_lossy(),
        "--outcome",
        "Y",
        "--incl-cut",
        "1",
        "--json",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    if solution == Solution::Parsimonious {
        a.extend(["--include".to_string(), "?".to_string()]);
    }
    if has_solution_option {
        a.extend(["--solution".to_string(), solution.name().to_string()]);
    }
    a
}

// ---------------------------------------------------------------------------------------
// Measuring one process

/// How a measured child ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Ending {
    Exit(i32),
    Signal(i32),
    Timeout,
}

/// One measured run of a child process.
#[derive(Clone, Debug)]
pub struct Measured {
    pub ending: Ending,
    /// Wall time from spawn to exit, seconds.
    pub wall: f64,
    /// User + system CPU time, seconds.
    pub cpu: f64,
    /// Peak resident set size, KiB.
    pub max_rss_kb: u64,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `cmd` through the wrapper binary (`wrapper __measure …`), its output into files in
/// `tmp`. `mem_limit_mb` = 0: no address-space limit.
pub fn measure(
    wrapper: &Path,
    cmd: &[String],
    timeout: Duration,
    mem_limit_mb: u64,
    tmp: &Path,
) -> Result<Measured, String> {
    let (prog, args) = cmd.split_first().ok_or("measure: empty command")?;
    std::fs::create_dir_all(tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
    let out = tmp.join("stdout");
    let err = tmp.join("stderr");
    let w = Command::new(wrapper)
        .arg(MEASURE)
        .arg(timeout.as_secs_f64().to_string())
        .arg(mem_limit_mb.to_string())
        .arg(&out)
        .arg(&err)
        .arg("--")
        .arg(prog)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run the wrapper {}: {e}", wrapper.display()))?;
    let report = String::from_utf8_lossy(&w.stdout);
    if !w.status.success() {
        return Err(format!(
            "the measuring wrapper failed ({}): {}",
            w.status,
            String::from_utf8_lossy(&w.stderr).trim()
        ));
    }
    let mut m = parse_report(report.trim())?;
    m.stdout = std::fs::read_to_string(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    m.stderr = String::from_utf8_lossy(
        &std::fs::read(&err).map_err(|e| format!("{}: {e}", err.display()))?,
    )
    .into_owned();
    Ok(m)
}

/// Reads the wrapper's one-line report `ending=… wall=… cpu=… maxrss_kb=…`.
pub fn parse_report(line: &str) -> Result<Measured, String> {
    let mut kv = HashMap::new();
    for part in line.split_whitespace() {
        let (k, v) = part
            .split_once('=')
            .ok_or_else(|| format!("wrapper report {line:?}: {part:?} is not key=value"))?;
        kv.insert(k, v);
    }
    let get = |k: &str| {
        kv.get(k)
            .copied()
            .ok_or_else(|| format!("wrapper report {line:?}: no {k}"))
    };
    let num = |k: &str| -> Result<f64, String> {
        get(k)?
            .parse::<f64>()
            .map_err(|e| format!("wrapper report {line:?}: {k}: {e}"))
    };
    let ending = get("ending")?;
    let ending = if ending == "timeout" {
        Ending::Timeout
    } else if let Some(c) = ending.strip_prefix("exit:") {
        Ending::Exit(c.parse().map_err(|e| format!("wrapper report: {e}"))?)
    } else if let Some(s) = ending.strip_prefix("signal:") {
        Ending::Signal(s.parse().map_err(|e| format!("wrapper report: {e}"))?)
    } else {
        return Err(format!(
            "wrapper report {line:?}: unknown ending {ending:?}"
        ));
    };
    Ok(Measured {
        ending,
        wall: num("wall")?,
        cpu: num("cpu")?,
        max_rss_kb: num("maxrss_kb")? as u64,
        stdout: String::new(),
        stderr: String::new(),
    })
}

/// `kantel-bench __measure TIMEOUT_S MEM_MB STDOUT_FILE STDERR_FILE -- PROG ARGS…`: the
/// wrapper. It has exactly one child, so `RUSAGE_CHILDREN` is that child's figures.
pub fn measure_main(args: &[String]) -> i32 {
    match measure_child(args) {
        Ok(line) => {
            println!("{line}");
            0
        }
        Err(e) => {
            eprintln!("kantel-bench {MEASURE}: {e}");
            2
        }
    }
}

fn measure_child(args: &[String]) -> Result<String, String> {
    use nix::sys::resource::{Resource, UsageWho, getrusage, setrlimit};
    use std::os::unix::process::ExitStatusExt;
    use wait_timeout::ChildExt;

    let [timeout, mem, out, err, sep, prog, rest @ ..] = args else {
        return Err(
            "usage: __measure TIMEOUT_S MEM_MB STDOUT_FILE STDERR_FILE -- PROG ARGS…".into(),
        );
    };
    if sep != "--" {
        return Err(format!("expected -- before the command, found {sep:?}"));
    }
    let timeout: f64 = timeout
        .parse()
        .map_err(|e| format!("timeout {timeout:?}: {e}"))?;
    let mem: u64 = mem
        .parse()
        .map_err(|e| format!("memory limit {mem:?}: {e}"))?;
    if mem > 0 {
        // Inherited by the child: a runaway search (8.8 GB at 20 conditions once) stops with
        // an allocation failure instead of pushing the machine into swap.
        let bytes = mem.saturating_mul(1 << 20);
        setrlimit(Resource::RLIMIT_AS, bytes, bytes)
            .map_err(|e| format!("setrlimit(RLIMIT_AS, {mem} MB): {e}"))?;
    }
    let stdout = File::create(out).map_err(|e| format!("{out}: {e}"))?;
    let stderr = File::create(err).map_err(|e| format!("{err}: {e}"))?;
    let start = Instant::now();
    let mut child = Command::new(prog)
        .args(rest)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .map_err(|e| format!("cannot start {prog}: {e}"))?;
    let status = child
        .wait_timeout(Duration::from_secs_f64(timeout))
        .map_err(|e| format!("waiting for {prog}: {e}"))?;
    let ending = match status {
        Some(s) => match (s.code(), s.signal()) {
            (Some(c), _) => format!("exit:{c}"),
            (None, Some(sig)) => format!("signal:{sig}"),
            (None, None) => "exit:-1".to_string(),
        },
        None => {
            child.kill().map_err(|e| format!("killing {prog}: {e}"))?;
            child.wait().map_err(|e| format!("reaping {prog}: {e}"))?;
            "timeout".to_string()
        }
    };
    let wall = start.elapsed().as_secs_f64();
    let ru = getrusage(UsageWho::RUSAGE_CHILDREN).map_err(|e| format!("getrusage: {e}"))?;
    let secs = |t: nix::sys::time::TimeVal| t.tv_sec() as f64 + t.tv_usec() as f64 * 1e-6;
    let cpu = secs(ru.user_time()) + secs(ru.system_time());
    // Linux reports ru_maxrss in KiB.
    Ok(format!(
        "ending={ending} wall={wall:.6} cpu={cpu:.6} maxrss_kb={}",
        ru.max_rss()
    ))
}

/// `kantel-bench __alloc MB`: touch MB MiB, hold them briefly, exit (a known peak for tests).
pub fn alloc_main(args: &[String]) -> i32 {
    let Some(mb) = args.first().and_then(|a| a.parse::<usize>().ok()) else {
        eprintln!("usage: {ALLOC} MB");
        return 2;
    };
    let v = vec![1u8; mb << 20];
    std::hint::black_box(&v);
    0
}

// ---------------------------------------------------------------------------------------
// Reading kantel's JSON

/// What the table shows of one kantel result.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reading {
    /// Terms of the first (a minimum) model; `None` when there is no model.
    pub min_terms: Option<usize>,
    /// Models listed in the JSON.
    pub listed: usize,
    pub proved: Option<bool>,
    pub lower_bound: Option<u64>,
    pub upper_bound: Option<u64>,
    /// As printed: a number, or kantel's text when it is not a JSON integer.
    pub model_count: Option<String>,
    pub model_count_exact: Option<bool>,
}

/// Reads one solution from `kantel qca minimize --json`. The fields of the exact-minimum
/// engine (`minimum_proved`, `lower_bound`, `upper_bound`, `model_count`,
/// `model_count_exact`) are looked up in the solution and then at the top level; absent ones
/// stay `None` (older binaries).
pub fn read_output(json: &str, solution: Solution) -> Result<Reading, String> {
    let d: Value =
        serde_json::from_str(json).map_err(|e| format!("kantel's output is not JSON: {e}"))?;
    let sol = d
        .get(solution.name())
        .filter(|v| v.is_object())
        .ok_or_else(|| format!("no {:?} solution in kantel's JSON", solution.name()))?;
    let field = |name: &str| {
        sol.get(name)
            .or_else(|| d.get(name))
            .filter(|v| !v.is_null())
    };
    let models = match sol.get("models") {
        Some(Value::Array(m)) => m.as_slice(),
        Some(_) => return Err("\"models\" is not a list".into()),
        None => &[],
    };
    let min_terms = match models.first() {
        Some(m) => Some(
            m.get("terms")
                .and_then(Value::as_array)
                .ok_or("the first model has no \"terms\" list")?
                .len(),
        ),
        None => None,
    };
    let model_count = field("model_count").map(|v| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    Ok(Reading {
        min_terms,
        listed: models.len(),
        proved: field("minimum_proved").and_then(Value::as_bool),
        lower_bound: field("lower_bound").and_then(Value::as_u64),
        upper_bound: field("upper_bound").and_then(Value::as_u64),
        model_count,
        model_count_exact: field("model_count_exact").and_then(Value::as_bool),
    })
}

// ---------------------------------------------------------------------------------------
// R's figures

#[derive(Clone, Debug, PartialEq)]
pub enum RStatus {
    Ok,
    /// Timed out at this many seconds.
    Timeout(f64),
    Error(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct RFigure {
    /// Minimum wall time of the whole Rscript process over the reps that finished.
    pub process_s: Option<f64>,
    /// Minimum `system.time(minimize())` over those reps.
    pub minimize_s: Option<f64>,
    pub status: RStatus,
    pub reps: usize,
}

/// Aggregates r-bench's `results.csv` (rows of `prog` = R) per (k, N, solution): the minimum
/// over the reps that finished; a setting with none finished gets the failure (a timeout
/// before an error).
pub fn load_r_results(
    csv_text: &str,
) -> Result<HashMap<(usize, usize, Solution), RFigure>, String> {
    let mut rdr = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| format!("results.csv: {e}"))?
        .clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| format!("results.csv: no column {name:?}"))
    };
    let (ck, cn, ci, cp, cs, cw, cm, cmsg) = (
        col("k")?,
        col("N")?,
        col("include")?,
        col("prog")?,
        col("status")?,
        col("wall_s")?,
        col("r_min_s")?,
        col("msg")?,
    );
    let mut out: HashMap<(usize, usize, Solution), RFigure> = HashMap::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i + 2;
        let rec = rec.map_err(|e| format!("results.csv line {line}: {e}"))?;
        if &rec[cp] != "R" {
            continue;
        }
        let int = |c: usize| {
            rec[c]
                .parse::<usize>()
                .map_err(|e| format!("results.csv line {line}: {:?}: {e}", &rec[c]))
        };
        let float = |c: usize| -> Result<Option<f64>, String> {
            if rec[c].is_empty() {
                Ok(None)
            } else {
                rec[c]
                    .parse::<f64>()
                    .map(Some)
                    .map_err(|e| format!("results.csv line {line}: {:?}: {e}", &rec[c]))
            }
        };
        let solution = match &rec[ci] {
            "none" | "" => Solution::Conservative,
            "?" => Solution::Parsimonious,
            other => return Err(format!("results.csv line {line}: include {other:?}")),
        };
        let e = out
            .entry((int(ck)?, int(cn)?, solution))
            .or_insert(RFigure {
                process_s: None,
                minimize_s: None,
                status: RStatus::Error(String::new()),
                reps: 0,
            });
        e.reps += 1;
        let wall = float(cw)?;
        match &rec[cs] {
            "ok" => {
                e.status = RStatus::Ok;
                e.process_s = min_opt(e.process_s, wall);
                e.minimize_s = min_opt(e.minimize_s, float(cm)?);
            }
            "TIMEOUT" if e.status != RStatus::Ok => {
                // r-bench's limit was `timeout 120`; the recorded wall is a hair above it.
                e.status = RStatus::Timeout(wall.map_or(120.0, f64::floor));
            }
            _ if matches!(&e.status, RStatus::Error(m) if m.is_empty()) => {
                e.status = RStatus::Error(short_r_error(&rec[cmsg]));
            }
            _ => {}
        }
    }
    Ok(out)
}

fn min_opt(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// R's error as one short line: bench.py joined stderr lines with " | "; the call trace,
/// the timing and "Execution halted" are dropped.
pub fn short_r_error(msg: &str) -> String {
    let text = msg
        .split(" | ")
        .filter(|p| {
            let p = p.trim_start();
            !(p.starts_with("Calls:")
                || p.starts_with("Timing stopped at:")
                || p.starts_with("Execution halted"))
        })
        .collect::<Vec<_>>()
        .join(" ");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = if text.is_empty() {
        "error".to_string()
    } else {
        text
    };
    shorten(&text, 110)
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max).collect::<String>())
    }
}

// ---------------------------------------------------------------------------------------
// One case and the table

#[derive(Clone, Debug, PartialEq)]
pub enum KStatus {
    Ok,
    Timeout(f64),
    OutOfMemory(u64),
    Failed(String),
}

#[derive(Clone, Debug)]
pub struct CaseResult {
    pub k: usize,
    pub n: usize,
    pub solution: Solution,
    pub status: KStatus,
    /// Minimum wall time over the reps that succeeded.
    pub best_s: Option<f64>,
    /// Wall time of the run that failed (the one the status describes).
    pub failed_after_s: Option<f64>,
    /// Maximum peak RSS over all reps, MiB.
    pub peak_mb: f64,
    pub reps: usize,
    pub reading: Option<Reading>,
}

/// Which of the issue's targets a case misses (empty: all met). "proved" counts only when
/// kantel reports it.
pub fn target_misses(c: &CaseResult) -> Vec<&'static str> {
    let mut miss = Vec::new();
    let Some(t) = c.best_s.filter(|_| c.status == KStatus::Ok) else {
        return vec!["did not finish"];
    };
    if c.n <= SMALL_MAX_CASES {
        if t >= TARGET_SMALL_S {
            miss.push("time");
        }
        if c.peak_mb >= TARGET_SMALL_MB {
            miss.push("memory");
        }
    } else if t >= TARGET_LARGE_S {
        miss.push("time");
    }
    if c.reading.as_ref().and_then(|r| r.proved) == Some(false) {
        miss.push("not proved");
    }
    miss
}

pub fn fmt_secs(s: f64) -> String {
    if s < 10.0 {
        format!("{s:.3}")
    } else {
        format!("{s:.1}")
    }
}

pub fn fmt_ratio(r: f64) -> String {
    if r >= 10.0 {
        format!("{r:.0}x")
    } else {
        format!("{r:.1}x")
    }
}

/// One table row (Markdown).
pub fn table_row(c: &CaseResult, r: Option<&RFigure>) -> String {
    let dash = || "-".to_string();
    let kantel_s = match &c.status {
        KStatus::Ok => c.best_s.map_or_else(dash, fmt_secs),
        KStatus::Timeout(t) => format!("TIMEOUT > {t:.0} s"),
        KStatus::OutOfMemory(mb) => format!("out of memory (> {mb} MB)"),
        KStatus::Failed(_) => c.failed_after_s.map_or_else(
            || "failed".to_string(),
            |t| format!("failed after {}", fmt_secs(t)),
        ),
    };
    let rd = c.reading.as_ref();
    let min_terms = rd
        .and_then(|r| r.min_terms)
        .map_or_else(dash, |t| t.to_string());
    let proved = match rd.and_then(|r| r.proved) {
        Some(true) => "yes".to_string(),
        Some(false) => {
            let (lo, hi) = (
                rd.and_then(|r| r.lower_bound),
                rd.and_then(|r| r.upper_bound),
            );
            match (lo, hi) {
                (Some(lo), Some(hi)) => format!("no ({lo}..{hi})"),
                _ => "no".to_string(),
            }
        }
        None => dash(),
    };
    let models = match rd.and_then(|r| r.model_count.clone()) {
        Some(n) if rd.and_then(|r| r.model_count_exact) == Some(false) => format!("≥ {n}"),
        Some(n) => n,
        None => dash(),
    };
    let (r_proc, r_min, r_status, ratio) = match r {
        None => (dash(), dash(), "not run".to_string(), dash()),
        Some(f) => {
            let status = match &f.status {
                RStatus::Ok => "ok".to_string(),
                RStatus::Timeout(t) => format!("TIMEOUT > {t:.0} s"),
                RStatus::Error(m) => format!("ERROR: {}", m.replace('|', "\\|")),
            };
            let kantel = c.best_s.filter(|_| c.status == KStatus::Ok);
            let ratio = match (&f.status, f.process_s, kantel) {
                (RStatus::Ok, Some(rp), Some(k)) if k > 0.0 => fmt_ratio(rp / k),
                (RStatus::Timeout(t), _, Some(k)) if k > 0.0 => format!("> {}", fmt_ratio(t / k)),
                _ => dash(),
            };
            (
                f.process_s.map_or_else(dash, fmt_secs),
                f.minimize_s.map_or_else(dash, fmt_secs),
                status,
                ratio,
            )
        }
    };
    let miss = target_misses(c);
    let target = if miss.is_empty() {
        "ok".to_string()
    } else {
        format!("**MISS**: {}", miss.join(", "))
    };
    format!(
        "| {} | {} | {} | {kantel_s} | {:.1} | {min_terms} | {proved} | {models} | {r_proc} | {r_min} | {r_status} | {ratio} | {target} |",
        c.k,
        c.n,
        c.solution.name(),
        c.peak_mb,
    )
}

pub const TABLE_HEADER: &str = "| k | N | solution | kantel s | peak MB | min terms | proved | models | R process s | R minimize() s | R status | R / kantel | targets |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|";

// ---------------------------------------------------------------------------------------
// The subcommand

struct Options {
    kantel: PathBuf,
    reps: usize,
    out: Option<PathBuf>,
    timeout: f64,
    mem_limit_mb: u64,
    ks: Option<Vec<usize>>,
    ns: Option<Vec<usize>>,
    solutions: Vec<Solution>,
    r_results: PathBuf,
}

const USAGE: &str = "usage: kantel-bench minimize-scale [--kantel PATH] [--reps 3] [--out FILE.md]
       [--timeout 60] [--mem-limit 4096] [--ks 12,16,20,24,30] [--ns 200,1000,10000,20]
       [--solutions conservative,parsimonious] [--r-results testdata/bench/r-bench/results.csv]

Runs the release kantel binary (default target/release/kantel: build it with
`cargo build --release -p kantel-cli`) as a whole process on every data file of the grid and
prints a Markdown table (also written to --out). --timeout is per run in seconds, --mem-limit
the address-space limit per run in MB (0: none).";

fn workspace_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

fn parse_list(opt: &str, v: &str) -> Result<Vec<usize>, String> {
    v.split(',')
        .map(|x| {
            x.trim()
                .parse::<usize>()
                .map_err(|_| format!("{opt}: {x:?} is not a whole number (e.g. {opt} 12,16)"))
        })
        .collect()
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let root = workspace_root();
    let mut o = Options {
        kantel: root.join("target/release/kantel"),
        reps: 3,
        out: None,
        timeout: 60.0,
        mem_limit_mb: 4096,
        ks: None,
        ns: None,
        solutions: vec![Solution::Conservative, Solution::Parsimonious],
        r_results: root.join("testdata/bench/r-bench/results.csv"),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{a} needs a value\n\n{USAGE}"))
        };
        match a.as_str() {
            "--kantel" => o.kantel = PathBuf::from(value()?),
            "--out" => o.out = Some(PathBuf::from(value()?)),
            "--r-results" => o.r_results = PathBuf::from(value()?),
            "--reps" => {
                let v = value()?;
                o.reps = v
                    .parse()
                    .ok()
                    .filter(|r| (1..=100).contains(r))
                    .ok_or_else(|| format!("--reps: {v:?} is not a number from 1 to 100"))?;
            }
            "--timeout" => {
                let v = value()?;
                o.timeout = v
                    .parse()
                    .ok()
                    .filter(|t: &f64| *t > 0.0 && *t <= 3600.0)
                    .ok_or_else(|| {
                        format!("--timeout: {v:?} is not a number of seconds in (0, 3600]")
                    })?;
            }
            "--mem-limit" => {
                let v = value()?;
                o.mem_limit_mb = v.parse().map_err(|_| {
                    format!("--mem-limit: {v:?} is not a number of MB (0: no limit)")
                })?;
            }
            "--ks" => o.ks = Some(parse_list("--ks", &value()?)?),
            "--ns" => o.ns = Some(parse_list("--ns", &value()?)?),
            "--solutions" => {
                o.solutions = value()?
                    .split(',')
                    .map(|s| Solution::parse(s.trim()))
                    .collect::<Result<_, _>>()?;
            }
            other => return Err(format!("unknown option {other:?}\n\n{USAGE}")),
        }
    }
    Ok(o)
}

/// The grid cells selected by --ks / --ns, in table order.
pub fn cells(ks: Option<&[usize]>, ns: Option<&[usize]>) -> Vec<(usize, usize)> {
    let mut all: Vec<(usize, usize)> = KS
        .iter()
        .flat_map(|&k| NS.iter().map(move |&n| (k, n)))
        .chain(EXTRA)
        .collect();
    all.retain(|(k, n)| ks.is_none_or(|s| s.contains(k)) && ns.is_none_or(|s| s.contains(n)));
    all
}

pub fn main(args: &[String]) -> i32 {
    match run(args) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("kantel-bench minimize-scale: {e}");
            2
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return Ok(());
    }
    let o = parse_options(args)?;
    let root = workspace_root();
    if !o.kantel.is_file() {
        return Err(format!(
            "no kantel binary at {}: build it with `cargo build --release -p kantel-cli` or pass --kantel PATH",
            o.kantel.display()
        ));
    }
    warn_if_stale(&o.kantel, &root);
    let selected = cells(o.ks.as_deref(), o.ns.as_deref());
    if selected.is_empty() {
        return Err(format!(
            "--ks/--ns select no data: the grid is conditions {KS:?} x cases {NS:?} plus 20 x 20"
        ));
    }
    let files = data_files(&root, &selected)?;
    let r_text = std::fs::read_to_string(&o.r_results)
        .map_err(|e| format!("R figures {}: {e} (--r-results)", o.r_results.display()))?;
    let r = load_r_results(&r_text).map_err(|e| format!("{}: {e}", o.r_results.display()))?;
    let has_solution = has_solution_option(&o.kantel)?;
    let wrapper = std::env::current_exe().map_err(|e| format!("own path: {e}"))?;
    let tmp = root.join("target/kantel-bench/tmp");

    let started = Instant::now();
    let mut results = Vec::new();
    for (&(k, n), file) in selected.iter().zip(&files) {
        for &solution in &o.solutions {
            let cmd: Vec<String> = std::iter::once(o.kantel.to_string_lossy().into_owned())
                .chain(kantel_args(file, solution, has_solution))
                .collect();
            results.push(run_case(&o, &wrapper, &tmp, &cmd, k, n, solution)?);
        }
    }
    let total = started.elapsed();

    let doc = render(&o, &root, args, has_solution, &results, &r, total);
    print!("{doc}");
    if let Some(out) = &o.out {
        std::fs::write(out, &doc).map_err(|e| format!("--out {}: {e}", out.display()))?;
        eprintln!("written to {}", out.display());
    }
    Ok(())
}

fn run_case(
    o: &Options,
    wrapper: &Path,
    tmp: &Path,
    cmd: &[String],
    k: usize,
    n: usize,
    solution: Solution,
) -> Result<CaseResult, String> {
    let mut c = CaseResult {
        k,
        n,
        solution,
        status: KStatus::Ok,
        best_s: None,
        failed_after_s: None,
        peak_mb: 0.0,
        reps: 0,
        reading: None,
    };
    for rep in 0..o.reps {
        let m = measure(
            wrapper,
            cmd,
            Duration::from_secs_f64(o.timeout),
            o.mem_limit_mb,
            tmp,
        )?;
        c.reps += 1;
        c.peak_mb = c.peak_mb.max(m.max_rss_kb as f64 / 1024.0);
        c.status = match &m.ending {
            Ending::Exit(0) => match read_output(&m.stdout, solution) {
                Ok(reading) => {
                    c.reading = Some(reading);
                    c.best_s = Some(c.best_s.map_or(m.wall, |b: f64| b.min(m.wall)));
                    KStatus::Ok
                }
                Err(e) => KStatus::Failed(e),
            },
            Ending::Timeout => KStatus::Timeout(o.timeout),
            _ if m.stderr.contains("memory allocation of") && o.mem_limit_mb > 0 => {
                KStatus::OutOfMemory(o.mem_limit_mb)
            }
            Ending::Exit(code) => {
                KStatus::Failed(format!("exit {code}: {}", error_text(&m.stderr)))
            }
            Ending::Signal(s) => KStatus::Failed(format!("signal {s}: {}", error_text(&m.stderr))),
        };
        if matches!(c.status, KStatus::Failed(_)) {
            c.failed_after_s = Some(m.wall);
        }
        eprintln!(
            "k={k} N={n} {} rep {}/{}: {:.3} s, {:.1} MB, {}",
            solution.name(),
            rep + 1,
            o.reps,
            m.wall,
            m.max_rss_kb as f64 / 1024.0,
            match &c.status {
                KStatus::Ok => "ok".to_string(),
                other => format!("{other:?}"),
            }
        );
        if c.status != KStatus::Ok || m.wall >= REPEAT_BELOW {
            break;
        }
    }
    Ok(c)
}

/// kantel's error from its stderr, on one line: from the last "error:" on (warnings come
/// before it), else the whole text.
pub fn error_text(stderr: &str) -> String {
    let text = stderr.split_whitespace().collect::<Vec<_>>().join(" ");
    let from = text.rfind("error:").unwrap_or(0);
    shorten(&text[from..], 400)
}

/// The committed files (at most 1,000 cases) are in testdata/bench/data; the 10,000-case
/// files (2.4 MB together) are written by scripts/bench-data.py under target/ when missing.
fn data_files(root: &Path, cells: &[(usize, usize)]) -> Result<Vec<PathBuf>, String> {
    let committed = root.join("testdata/bench/data");
    let generated = root.join("target/kantel-bench/data");
    let path = |k: usize, n: usize| {
        if n <= SMALL_MAX_CASES {
            committed.join(file_name(k, n))
        } else {
            generated.join(file_name(k, n))
        }
    };
    if cells
        .iter()
        .any(|&(k, n)| !path(k, n).is_file() && n > SMALL_MAX_CASES)
    {
        let script = root.join("scripts/bench-data.py");
        eprintln!("writing the 10,000-case data with {}", script.display());
        let st = Command::new("python3")
            .arg(&script)
            .args(["--set", "large", "--out"])
            .arg(&generated)
            .stdout(Stdio::null())
            .status()
            .map_err(|e| format!("cannot run python3 {}: {e}", script.display()))?;
        if !st.success() {
            return Err(format!("python3 {} failed ({st})", script.display()));
        }
    }
    cells
        .iter()
        .map(|&(k, n)| {
            let p = path(k, n);
            if p.is_file() {
                Ok(p)
            } else {
                Err(format!(
                    "missing data file {}: write it with `python3 scripts/bench-data.py`",
                    p.display()
                ))
            }
        })
        .collect()
}

/// Whether this kantel has `qca minimize --solution` (the exact-minimum engine adds it);
/// without it the parsimonious run computes the conservative solution too.
fn has_solution_option(kantel: &Path) -> Result<bool, String> {
    let out = Command::new(kantel)
        .args(["--lang", "en", "qca", "minimize", "--help"])
        .output()
        .map_err(|e| format!("cannot run {}: {e}", kantel.display()))?;
    if !out.status.success() {
        return Err(format!(
            "{} qca minimize --help failed: {}",
            kantel.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).contains("--solution"))
}

/// A binary older than the engine's or the CLI's sources measures old code: say so.
fn warn_if_stale(kantel: &Path, root: &Path) {
    let Ok(built) = std::fs::metadata(kantel).and_then(|m| m.modified()) else {
        return;
    };
    let mut newest = None;
    for dir in ["crates/kantel-qca/src", "crates/kantel-cli/src"] {
        let mut stack = vec![root.join(dir)];
        while let Some(d) = stack.pop() {
            let Ok(rd) = std::fs::read_dir(&d) else {
                continue;
            };
            for e in rd.flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if let Ok(t) = e.metadata().and_then(|m| m.modified())
                    && newest.as_ref().is_none_or(|(n, _)| t > *n)
                {
                    newest = Some((t, p));
                }
            }
        }
    }
    if let Some((_, p)) = newest.filter(|(t, _)| *t > built) {
        eprintln!(
            "warning: {} is older than {}: rebuild with `cargo build --release -p kantel-cli`",
            kantel.display(),
            p.display()
        );
    }
}

fn command_text(program: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split_once(':'))
        .map_or("unknown CPU", |(_, v)| v.trim())
        .to_string();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find(|l| l.starts_with("MemTotal:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<f64>().ok())
        })
        .map_or_else(
            || "? GiB".to_string(),
            |kb| format!("{:.0} GiB", kb / 1048576.0),
        );
    format!("{cpu}, {cores} cores, {mem}")
}

fn render(
    o: &Options,
    root: &Path,
    args: &[String],
    has_solution: bool,
    results: &[CaseResult],
    r: &HashMap<(usize, usize, Solution), RFigure>,
    total: Duration,
) -> String {
    let git = Path::new("git");
    let root_s = root.to_string_lossy();
    let commit = command_text(git, &["-C", &root_s, "rev-parse", "--short", "HEAD"]);
    let dirty = command_text(
        git,
        &[
            "-C",
            &root_s,
            "status",
            "--porcelain",
            "--untracked-files=no",
        ],
    )
    .is_some_and(|s| !s.is_empty());
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Produced by `kantel-bench minimize-scale {}`",
        args.join(" ")
    );
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "- kantel: `{}`{}; `--solution`: {}",
        o.kantel.display(),
        commit.map_or_else(String::new, |c| format!(
            ", commit {c}{}",
            if dirty {
                " with uncommitted changes"
            } else {
                ""
            }
        )),
        if has_solution {
            "yes"
        } else {
            "no (the parsimonious run computes the conservative solution too)"
        }
    );
    let _ = writeln!(s, "- machine: {}", machine());
    let _ = writeln!(
        s,
        "- per run: `kantel --lang en qca minimize --data F --outcome Y --incl-cut 1 --json [--include \"?\"]{}` as a whole process, timeout {} s, address-space limit {}; kantel s = minimum wall time over {} rep(s) (a run of {REPEAT_BELOW:.0} s or more is not repeated), peak MB = largest peak RSS (getrusage)",
        if has_solution { " --solution S" } else { "" },
        o.timeout,
        if o.mem_limit_mb > 0 {
            format!("{} MB", o.mem_limit_mb)
        } else {
            "none".to_string()
        },
        o.reps
    );
    let _ = writeln!(
        s,
        "- R: QCA 3.25 on the same files (`testdata/bench/r-bench/results.csv`: minimum over 3 reps, `timeout 120`); R / kantel = R process s / kantel s"
    );
    let _ = writeln!(
        s,
        "- targets: up to {SMALL_MAX_CASES} cases under {TARGET_SMALL_S} s and {TARGET_SMALL_MB:.0} MB, 10,000 cases under {TARGET_LARGE_S} s, the minimum proved"
    );
    let _ = writeln!(s, "- whole run: {:.0} s", total.as_secs_f64());
    let _ = writeln!(s);
    let _ = writeln!(s, "{TABLE_HEADER}");
    for c in results {
        let _ = writeln!(s, "{}", table_row(c, r.get(&(c.k, c.n, c.solution))));
    }
    let met = results
        .iter()
        .filter(|c| target_misses(c).is_empty())
        .count();
    let _ = writeln!(s);
    let _ = writeln!(s, "Targets met: {met} of {} cases.", results.len());
    let failures: Vec<&CaseResult> = results
        .iter()
        .filter(|c| matches!(c.status, KStatus::Failed(_)))
        .collect();
    if !failures.is_empty() {
        let _ = writeln!(s);
        let _ = writeln!(s, "Failures:");
        for c in failures {
            if let KStatus::Failed(m) = &c.status {
                let _ = writeln!(
                    s,
                    "- k = {}, N = {}, {}: {}",
                    c.k,
                    c.n,
                    c.solution.name(),
                    m
                );
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"{
      "outcome": "Y",
      "conservative": {"models": [
          {"expression": "A*B + C", "terms": [{"term": "A*B"}, {"term": "C"}]},
          {"expression": "A*B + D", "terms": [{"term": "A*B"}, {"term": "D"}]}],
        "complete": true, "minimum_proved": true, "model_count": 2, "model_count_exact": true},
      "parsimonious": {"models": [
          {"expression": "A + C + ~E", "terms": [{"term": "A"}, {"term": "C"}, {"term": "~E"}]}],
        "minimum_proved": false, "lower_bound": 2, "upper_bound": 3,
        "model_count": "12345678901234567890123", "model_count_exact": false},
      "warnings": []
    }"#;

    #[test]
    fn reads_the_minimum_and_the_new_fields() {
        let c = read_output(SAMPLE, Solution::Conservative).unwrap();
        assert_eq!(c.min_terms, Some(2));
        assert_eq!(c.listed, 2);
        assert_eq!(c.proved, Some(true));
        assert_eq!(c.model_count.as_deref(), Some("2"));
        assert_eq!(c.model_count_exact, Some(true));
        assert_eq!((c.lower_bound, c.upper_bound), (None, None));
        let p = read_output(SAMPLE, Solution::Parsimonious).unwrap();
        assert_eq!(p.min_terms, Some(3));
        assert_eq!(p.proved, Some(false));
        assert_eq!((p.lower_bound, p.upper_bound), (Some(2), Some(3)));
        // A count beyond u64 comes as text and is shown as it is.
        assert_eq!(p.model_count.as_deref(), Some("12345678901234567890123"));
    }

    #[test]
    fn tolerates_older_output_and_finds_top_level_fields() {
        // Today's output: no proof fields; the solution-less key is an error.
        let old = r#"{"conservative": {"models": [{"terms": [{"term": "A"}]}], "complete": true}}"#;
        let r = read_output(old, Solution::Conservative).unwrap();
        assert_eq!(r.min_terms, Some(1));
        assert_eq!(r.proved, None);
        assert_eq!(r.model_count, None);
        assert!(
            read_output(old, Solution::Parsimonious)
                .unwrap_err()
                .contains("parsimonious")
        );
        let top = r#"{"minimum_proved": true, "model_count": 7,
            "parsimonious": {"models": []}}"#;
        let r = read_output(top, Solution::Parsimonious).unwrap();
        assert_eq!(r.min_terms, None);
        assert_eq!(r.proved, Some(true));
        assert_eq!(r.model_count.as_deref(), Some("7"));
        assert!(read_output("not json", Solution::Conservative).is_err());
    }

    const R_CSV: &str = "k,N,include,pos,truth,prog,rep,status,wall_s,cpu_s,rss_kb,r_min_s,r_min_cpu_s,r_tt_s,n_models,msg
12,200,none,66,A + B,R,0,ok,22.7926,22.3,1,22.398,21.97,0.099,2,
12,200,none,66,A + B,kantel,0,ok,0.0050,0.004,1,,,,2,
12,200,none,66,A + B,R,1,ok,24.6186,23.3,1,21.178,22.95,0.107,2,
12,200,none,66,A + B,R,2,ok,23.9666,23.3,1,23.507,22.86,0.108,2,
12,200,?,66,A + B,R,0,TIMEOUT,120.0145,106.6,1,,,0.105,,
12,1000,none,334,A + B,R,0,ERROR,3.3626,3.1,1,,,0.28,,Error in if (output[[2]]) { : argument is of length zero | Calls: system.time -> minimize -> do.call | Timing stopped at: 2.418 0.002 4.622 | Execution halted
16,200,?,80,A + B,R,0,ERROR,11.79,11.79,1,,,0.139,,\"Error in minimize(tt, include = inc) :  |   'R_Calloc' could not allocate memory (2050132572270 of 1 bytes) | Calls: system.time -> minimize | Timing stopped at: 11.3 0.011 11.31 | Execution halted\"
";

    #[test]
    fn aggregates_r_over_reps() {
        let r = load_r_results(R_CSV).unwrap();
        assert_eq!(r.len(), 4, "kantel rows are not R figures");
        let c = &r[&(12, 200, Solution::Conservative)];
        assert_eq!(c.status, RStatus::Ok);
        assert_eq!(c.reps, 3);
        // Minimum process wall and minimum minimize() time, each over the reps.
        assert_eq!(c.process_s, Some(22.7926));
        assert_eq!(c.minimize_s, Some(21.178));
        assert_eq!(
            r[&(12, 200, Solution::Parsimonious)].status,
            RStatus::Timeout(120.0)
        );
        assert_eq!(
            r[&(12, 1000, Solution::Conservative)].status,
            RStatus::Error("Error in if (output[[2]]) { : argument is of length zero".into())
        );
        let RStatus::Error(m) = &r[&(16, 200, Solution::Parsimonious)].status else {
            panic!("an R error");
        };
        assert_eq!(
            m,
            "Error in minimize(tt, include = inc) : 'R_Calloc' could not allocate memory (2050132572270 of 1 bytes)"
        );
        assert!(
            load_r_results("k,N\n1,2\n")
                .unwrap_err()
                .contains("include")
        );
    }

    #[test]
    fn the_shipped_r_figures_load() {
        let text =
            std::fs::read_to_string(workspace_root().join("testdata/bench/r-bench/results.csv"))
                .unwrap();
        let r = load_r_results(&text).unwrap();
        // Figures from r-bench/results.md: k = 16, N = 200 conservative, R 83.5 s and 83.0 s.
        let f = &r[&(16, 200, Solution::Conservative)];
        assert_eq!(fmt_secs(f.process_s.unwrap()), "83.5");
        assert_eq!(fmt_secs(f.minimize_s.unwrap()), "83.0");
        assert_eq!(
            r[&(20, 1000, Solution::Parsimonious)].status,
            RStatus::Timeout(120.0)
        );
        // Every grid cell with at most 1,000 cases and k <= 20 has R figures, bar 20 x 20.
        for (k, n) in cells(None, None) {
            let expected = k <= 20 && (n == 200 || n == 1000);
            for s in [Solution::Conservative, Solution::Parsimonious] {
                assert_eq!(r.contains_key(&(k, n, s)), expected, "k={k} N={n} {s:?}");
            }
        }
    }

    fn case(
        n: usize,
        status: KStatus,
        s: Option<f64>,
        mb: f64,
        proved: Option<bool>,
    ) -> CaseResult {
        CaseResult {
            k: 20,
            n,
            solution: Solution::Parsimonious,
            status,
            best_s: s,
            failed_after_s: None,
            peak_mb: mb,
            reps: 1,
            reading: Some(Reading {
                min_terms: Some(3),
                proved,
                ..Reading::default()
            }),
        }
    }

    #[test]
    fn marks_missed_targets() {
        assert!(target_misses(&case(200, KStatus::Ok, Some(0.15), 99.0, Some(true))).is_empty());
        assert_eq!(
            target_misses(&case(1000, KStatus::Ok, Some(0.2), 120.0, Some(false))),
            vec!["time", "memory", "not proved"]
        );
        // 10,000 cases: 2 s, no memory target.
        assert!(target_misses(&case(10_000, KStatus::Ok, Some(1.9), 900.0, None)).is_empty());
        assert_eq!(
            target_misses(&case(10_000, KStatus::Ok, Some(2.5), 10.0, None)),
            vec!["time"]
        );
        assert_eq!(
            target_misses(&case(200, KStatus::Timeout(60.0), None, 10.0, None)),
            vec!["did not finish"]
        );
    }

    #[test]
    fn renders_rows_with_ratios() {
        let r = load_r_results(R_CSV).unwrap();
        let mut c = case(200, KStatus::Ok, Some(0.01), 15.0, Some(true));
        c.k = 12;
        c.solution = Solution::Conservative;
        c.reading.as_mut().unwrap().model_count = Some("2".into());
        let row = table_row(&c, r.get(&(12, 200, Solution::Conservative)));
        assert_eq!(
            row,
            "| 12 | 200 | conservative | 0.010 | 15.0 | 3 | yes | 2 | 22.8 | 21.2 | ok | 2279x | ok |"
        );
        c.solution = Solution::Parsimonious;
        c.best_s = Some(0.5);
        c.reading.as_mut().unwrap().model_count_exact = Some(false);
        let row = table_row(&c, r.get(&(12, 200, Solution::Parsimonious)));
        assert_eq!(
            row,
            "| 12 | 200 | parsimonious | 0.500 | 15.0 | 3 | yes | ≥ 2 | - | - | TIMEOUT > 120 s | > 240x | **MISS**: time |"
        );
        let t = case(10_000, KStatus::Timeout(60.0), None, 30.0, None);
        let row = table_row(&t, None);
        assert!(row.contains("| TIMEOUT > 60 s |"), "{row}");
        assert!(
            row.ends_with("| not run | - | **MISS**: did not finish |"),
            "{row}"
        );
        let mut f = case(
            1000,
            KStatus::Failed("exit 2: error: x".into()),
            None,
            60.0,
            None,
        );
        f.failed_after_s = Some(3.6);
        assert!(table_row(&f, None).contains("| failed after 3.600 |"));
    }

    #[test]
    fn keeps_kantels_error_not_the_warnings_before_it() {
        let stderr = "warning: 3 rows have too few cases\nerror: minimization: more than\n  1000000 prime implicants\n";
        assert_eq!(
            error_text(stderr),
            "error: minimization: more than 1000000 prime implicants"
        );
        assert_eq!(error_text("killed\n"), "killed");
    }

    #[test]
    fn builds_the_command_and_the_grid() {
        let p = Path::new("d.csv");
        assert_eq!(
            kantel_args(p, Solution::Parsimonious, false).join(" "),
            "--lang en qca minimize --data d.csv --outcome Y --incl-cut 1 --json --include ?"
        );
        assert_eq!(
            kantel_args(p, Solution::Conservative, true).join(" "),
            "--lang en qca minimize --data d.csv --outcome Y --incl-cut 1 --json --solution conservative"
        );
        let all = cells(None, None);
        assert_eq!(all.len(), 16);
        assert_eq!(all.last(), Some(&(20, 20)));
        assert_eq!(
            cells(Some(&[20]), Some(&[20, 200])),
            vec![(20, 200), (20, 20)]
        );
        assert_eq!(file_name(24, 10_000), "min_k24_N10000_s1.csv");
    }

    #[test]
    fn parses_the_wrapper_report() {
        let m = parse_report("ending=signal:6 wall=1.500000 cpu=1.25 maxrss_kb=2048").unwrap();
        assert_eq!(m.ending, Ending::Signal(6));
        assert_eq!((m.wall, m.cpu, m.max_rss_kb), (1.5, 1.25, 2048));
        assert_eq!(
            parse_report("ending=timeout wall=60 cpu=59 maxrss_kb=1")
                .unwrap()
                .ending,
            Ending::Timeout
        );
        assert!(parse_report("ending=exit:0 wall=1").is_err());
        assert!(parse_report("ending=weird wall=1 cpu=1 maxrss_kb=1").is_err());
    }
}
