//! Benchmark of kantel's exact Boolean minimization on random crisp data, after the design
//! of Dusa (2018), "Consistency Cubes: a fast, efficient method for exact Boolean
//! minimization", The R Journal 10(2).
//!
//! `cargo run --release -p kantel-bench -- [--quick]`
//!
//! `cargo run --release -p kantel-bench -- minimize-scale [--reps 3] [--out FILE]` is the other
//! benchmark: the release `kantel` binary as a whole process on large random data, beside R
//! QCA's figures for the same files (`scale.rs`, issue 8).
//!
//! Every time is also reported as a ratio to a fixed calibration workload measured in the
//! same run (so tables from different machines can be compared), and for small spaces the
//! parsimonious primes are cross-checked against a plain Quine-McCluskey minimizer over the
//! full space (an independent, naive but exact reference), whose time is shown too.

use std::collections::{HashMap, HashSet};
use std::hint::black_box;
use std::time::{Duration, Instant};

use kantel_qca::boolean::{
    ChartOptions, CoverProblem, CoverSearch, DontCare, Implicant, Limits, Models, prime_implicants,
    solve_chart_with_search,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use kantel_bench::scale;

/// How the random data are made.
#[derive(Clone, Copy)]
enum Design {
    /// `rows` distinct observed configurations, each with a random outcome.
    Rows(usize),
    /// `cases` random cases (configuration and outcome); a configuration is ON when all its
    /// cases have the outcome (inclusion cut-off 1), OFF otherwise.
    Cases(usize),
}

struct Scenario {
    k: usize,
    design: Design,
}

struct Data {
    on: Vec<Vec<u8>>,
    off: Vec<Vec<u8>>,
}

fn config(rng: &mut ChaCha8Rng, k: usize) -> Vec<u8> {
    (0..k).map(|_| rng.random_range(0..2u8)).collect()
}

fn make_data(s: &Scenario, seed: u64) -> Data {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    loop {
        let (mut on, mut off) = (Vec::new(), Vec::new());
        match s.design {
            Design::Rows(n) => {
                let mut seen = HashSet::new();
                while seen.len() < n {
                    let c = config(&mut rng, s.k);
                    if seen.insert(c.clone()) {
                        if rng.random_bool(0.5) {
                            on.push(c);
                        } else {
                            off.push(c);
                        }
                    }
                }
            }
            Design::Cases(n) => {
                // Per configuration: (cases, cases with the outcome).
                let mut tally: HashMap<Vec<u8>, (usize, usize)> = HashMap::new();
                let mut order = Vec::new();
                for _ in 0..n {
                    let c = config(&mut rng, s.k);
                    let y = rng.random_bool(0.5);
                    let e = tally.entry(c.clone()).or_insert_with(|| {
                        order.push(c);
                        (0, 0)
                    });
                    e.0 += 1;
                    e.1 += usize::from(y);
                }
                for c in order {
                    let (n, y) = tally[&c];
                    if n == y {
                        on.push(c);
                    } else {
                        off.push(c);
                    }
                }
            }
        }
        if !on.is_empty() && !off.is_empty() {
            return Data { on, off };
        }
    }
}

/// Outcome of one minimization: counts for the table.
struct Run {
    primes: usize,
    models: usize,
    min_size: usize,
    truncated: bool,
}

/// Prime implicants at most (the bench's bound on the prime implicant search).
const MAX_PRIMES: usize = 2_000_000;
/// Chart search nodes at most for the baseline search (the bench's bound on its branch and
/// bound).
const MAX_NODES: u64 = 2_000_000;
/// Chart search nodes at most for the Lagrangian search: each of its nodes runs up to 25
/// subgradient passes over the chart, so a node costs hundreds of baseline nodes.
const MAX_NODES_LAGRANGIAN: u64 = 5_000;
/// The baseline search is not run on more prime implicants than this (the bench's former
/// bound): its per-node bitset work grows with the number of primes, so beyond this it
/// would take hours to exhaust its budget.
const MAX_PRIMES_BASELINE: usize = 200_000;

fn budget(search: CoverSearch) -> u64 {
    match search {
        CoverSearch::Lagrangian => MAX_NODES_LAGRANGIAN,
        CoverSearch::Disjoint => MAX_NODES,
    }
}

fn minimize(data: &Data, k: usize, parsimonious: bool, search: CoverSearch) -> Result<Run, String> {
    let problem = CoverProblem {
        noflevels: vec![2; k],
        on: data.on.clone(),
        dont_care: if parsimonious {
            DontCare::AllExcept(data.off.clone())
        } else {
            DontCare::Listed(Vec::new())
        },
    };
    // Bounded so that a hopeless scenario fails in seconds instead of running for hours.
    let limits = Limits {
        max_primes: MAX_PRIMES,
    };
    let primes = prime_implicants(&problem, &limits).map_err(|e| e.to_string())?;
    if search == CoverSearch::Disjoint && primes.len() > MAX_PRIMES_BASELINE {
        return Err(format!(
            "more than {MAX_PRIMES_BASELINE} prime implicants: not run (baseline bound)"
        ));
    }
    let trace = std::env::var_os("KANTEL_BENCH_TRACE").is_some();
    let t = Instant::now();
    let m: Result<Models, String> = solve_chart_with_search(
        &primes,
        &data.on,
        &ChartOptions::default(),
        budget(search),
        search,
    )
    .map_err(|e| e.to_string());
    if trace {
        eprintln!(
            "k={k} pars={parsimonious} {search:?} primes={} chart {:.1} ms: {}",
            primes.len(),
            ms(t.elapsed()),
            match &m {
                Ok(m) => format!(
                    "min {} models {} trunc {}",
                    m.min_size,
                    m.models.len(),
                    m.truncated
                ),
                Err(e) => e.clone(),
            }
        );
    }
    let m = m?;
    Ok(Run {
        primes: primes.len(),
        models: m.models.len(),
        min_size: m.min_size,
        truncated: m.truncated,
    })
}

/// Plain Quine-McCluskey over the whole space (allowed = every configuration except OFF):
/// merge pairs of terms differing in one literal, level by level, keep the unmerged ones
/// that cover an ON configuration. Exponential in k by design: the naive reference.
fn reference_qmc(data: &Data, k: usize) -> Vec<Implicant> {
    let off: HashSet<u64> = data.off.iter().map(|c| pack(c)).collect();
    // A term is (care mask, value mask).
    let mut current: HashSet<(u64, u64)> = (0..1u64 << k)
        .filter(|v| !off.contains(v))
        .map(|v| ((1u64 << k) - 1, v))
        .collect();
    let mut primes = Vec::new();
    while !current.is_empty() {
        let mut next = HashSet::new();
        for &(care, val) in &current {
            let mut merged = false;
            let mut rest = care;
            while rest != 0 {
                let bit = rest & rest.wrapping_neg();
                rest &= rest - 1;
                if current.contains(&(care, val ^ bit)) {
                    merged = true;
                    next.insert((care & !bit, val & !bit));
                }
            }
            if !merged {
                primes.push((care, val));
            }
        }
        current = next;
    }
    let on: Vec<u64> = data.on.iter().map(|c| pack(c)).collect();
    primes
        .into_iter()
        .filter(|(care, val)| on.iter().any(|o| o & care == *val))
        .map(|(care, val)| {
            Implicant(
                (0..k)
                    .map(|j| {
                        if care >> j & 1 == 0 {
                            0
                        } else {
                            1 + (val >> j & 1) as u8
                        }
                    })
                    .collect(),
            )
        })
        .collect()
}

fn pack(c: &[u8]) -> u64 {
    c.iter()
        .enumerate()
        .fold(0, |a, (j, &v)| a | (u64::from(v) << j))
}

/// A fixed CPU workload (sorting pseudo-random numbers): the unit for machine-independent
/// ratios.
fn calibration() -> Duration {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let mut v: Vec<u64> = (0..1_000_000).map(|_| rng.random()).collect();
    let t = Instant::now();
    v.sort_unstable();
    black_box(&v);
    t.elapsed()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("minimize-scale") => std::process::exit(scale::main(&args[1..])),
        Some("sweep-scale") => std::process::exit(kantel_bench::sweep_scale::main(&args[1..])),
        Some(scale::MEASURE) => std::process::exit(scale::measure_main(&args[1..])),
        Some(scale::ALLOC) => std::process::exit(scale::alloc_main(&args[1..])),
        _ => {}
    }
    let quick = std::env::args().any(|a| a == "--quick");
    let reps = if quick { 3 } else { 7 };
    let datasets: u64 = if quick { 3 } else { 5 };

    let calib = median((0..reps.max(5)).map(|_| calibration()).collect());
    println!(
        "calibration workload (sort 1e6 u64): {:.2} ms (median of {})",
        ms(calib),
        reps.max(5)
    );
    println!(
        "{} data sets per scenario, median of {reps} repetitions each; table: median over data sets",
        datasets
    );
    println!();
    println!(
        "| conditions | data | solution | search | ON / OFF rows | primes | min size | models | time (ms) | max time (ms) | time / calibration | QMC reference (ms) |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");

    let mut scenarios = vec![
        Scenario {
            k: 10,
            design: Design::Rows(10),
        },
        Scenario {
            k: 16,
            design: Design::Rows(10),
        },
        Scenario {
            k: 25,
            design: Design::Rows(10),
        },
        Scenario {
            k: 20,
            design: Design::Rows(20),
        },
    ];
    for k in [12, 14, 16, 18, 20] {
        scenarios.push(Scenario {
            k,
            design: Design::Cases(1000),
        });
    }

    for s in &scenarios {
        let data: Vec<Data> = (0..datasets)
            .map(|d| make_data(s, 1000 * s.k as u64 + d))
            .collect();
        let only = std::env::var("KANTEL_BENCH_ONLY").ok();
        for (parsimonious, search) in [
            (false, CoverSearch::Lagrangian),
            (false, CoverSearch::Disjoint),
            (true, CoverSearch::Lagrangian),
            (true, CoverSearch::Disjoint),
        ] {
            if only
                .as_deref()
                .is_some_and(|o| o != format!("{}{}", s.k, if parsimonious { "p" } else { "c" }))
            {
                continue;
            }
            let mut times = Vec::new();
            let mut runs = Vec::new();
            let mut failure = None;
            let mut ref_times = Vec::new();
            for d in &data {
                let mut t = Vec::new();
                let mut last = None;
                for _ in 0..reps {
                    let start = Instant::now();
                    let r = minimize(d, s.k, parsimonious, search);
                    let took = start.elapsed();
                    t.push(took);
                    let failed = r.is_err();
                    last = Some(r);
                    // Runs of a second or more are timed once: repetitions would add
                    // minutes without changing the picture.
                    if failed || took > Duration::from_secs(1) {
                        break;
                    }
                }
                match last.expect("at least one repetition") {
                    Ok(r) => runs.push(r),
                    Err(e) => {
                        failure = Some(e);
                        break;
                    }
                }
                times.push(median(t));
                if parsimonious && s.k <= 12 && search == CoverSearch::Lagrangian {
                    let start = Instant::now();
                    let reference = reference_qmc(d, s.k);
                    ref_times.push(start.elapsed());
                    let mut reference = reference;
                    reference.sort_by(|a, b| {
                        a.n_literals()
                            .cmp(&b.n_literals())
                            .then_with(|| a.0.cmp(&b.0))
                    });
                    let problem = CoverProblem {
                        noflevels: vec![2; s.k],
                        on: d.on.clone(),
                        dont_care: DontCare::AllExcept(d.off.clone()),
                    };
                    let ours = prime_implicants(&problem, &Limits::default())
                        .expect("the same problem succeeded above");
                    assert_eq!(ours, reference, "prime implicants differ from plain QMC");
                }
            }
            let search_label = match search {
                CoverSearch::Lagrangian => "Lagrangian",
                CoverSearch::Disjoint => "baseline",
            };
            let data_label = match s.design {
                Design::Rows(n) => format!("{n} rows"),
                Design::Cases(n) => format!("{n} cases"),
            };
            let label = if parsimonious {
                "parsimonious"
            } else {
                "conservative"
            };
            if let Some(e) = failure {
                let short = if e.contains("search nodes") {
                    let number_after = |key: &str| {
                        e.split(key)
                            .nth(1)
                            .and_then(|t| t.split_whitespace().next())
                            .map(str::to_string)
                    };
                    let bounds = match (number_after("at least "), number_after("at most ")) {
                        (Some(lo), Some(hi)) => format!(" (block minimum in {lo}..={hi})"),
                        _ => String::new(),
                    };
                    format!(
                        "data set {}: chart not proved within {} nodes{bounds}",
                        runs.len() + 1,
                        budget(search)
                    )
                } else if e.contains("baseline bound") {
                    format!("more than {MAX_PRIMES_BASELINE} primes (not run)")
                } else if e.contains("prime implicants:") {
                    format!("more than {MAX_PRIMES} primes")
                } else {
                    e
                };
                println!(
                    "| {} | {data_label} | {label} | {search_label} | | failed: {short} | | | | | | |",
                    s.k
                );
                continue;
            }
            let med_usize = |f: &dyn Fn(&Run) -> usize| {
                let mut v: Vec<usize> = runs.iter().map(f).collect();
                v.sort_unstable();
                v[v.len() / 2]
            };
            let on_off = {
                let mut v: Vec<(usize, usize)> =
                    data.iter().map(|d| (d.on.len(), d.off.len())).collect();
                v.sort_unstable();
                v[v.len() / 2]
            };
            let truncated = runs.iter().filter(|r| r.truncated).count();
            let max_t = times.iter().max().copied().unwrap_or_default();
            let med_t = median(times);
            println!(
                "| {} | {data_label} | {label} | {search_label} | {} / {} | {} | {} | {}{} | {:.3} | {:.3} | {:.3} | {} |",
                s.k,
                on_off.0,
                on_off.1,
                med_usize(&|r| r.primes),
                med_usize(&|r| r.min_size),
                med_usize(&|r| r.models),
                if truncated > 0 {
                    format!(" ({truncated} capped)")
                } else {
                    String::new()
                },
                ms(med_t),
                ms(max_t),
                med_t.as_secs_f64() / calib.as_secs_f64(),
                if ref_times.is_empty() {
                    "-".to_string()
                } else {
                    format!("{:.1}", ms(median(ref_times)))
                }
            );
        }
    }
}
