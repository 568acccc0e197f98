//! The measuring wrapper of `minimize-scale` on children with a known behaviour: a known
//! peak memory, a hang, an allocation beyond the address-space limit.

use std::path::{Path, PathBuf};
use std::time::Duration;

use kantel_bench::scale::{ALLOC, Ending, measure};

fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_kantel-bench"))
}

fn tmp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!(
        "kantel-bench-measure-{}-{name}",
        std::process::id()
    ))
}

fn alloc(mb: usize) -> Vec<String> {
    vec![
        bin().to_string_lossy().into_owned(),
        ALLOC.into(),
        mb.to_string(),
    ]
}

#[test]
fn peak_memory_is_the_childs() {
    let d = tmp("peak");
    let big = measure(bin(), &alloc(96), Duration::from_secs(30), 0, &d).unwrap();
    assert_eq!(big.ending, Ending::Exit(0));
    let mb = big.max_rss_kb as f64 / 1024.0;
    assert!(
        (96.0..140.0).contains(&mb),
        "peak {mb} MB for 96 MiB touched"
    );
    // A later, smaller child is measured on its own (not the maximum over all children).
    let small = measure(bin(), &alloc(8), Duration::from_secs(30), 0, &d).unwrap();
    let mb = small.max_rss_kb as f64 / 1024.0;
    assert!(mb < 40.0, "peak {mb} MB for 8 MiB touched");
    assert!(small.wall > 0.0 && small.wall < 30.0);
    let _ = std::fs::remove_dir_all(d);
}

#[test]
fn a_hang_is_killed_at_the_timeout() {
    let d = tmp("hang");
    let cmd = vec!["sleep".to_string(), "30".to_string()];
    let m = measure(bin(), &cmd, Duration::from_millis(300), 0, &d).unwrap();
    assert_eq!(m.ending, Ending::Timeout);
    // wait_timeout may wake a hair before the deadline (0.299948 s seen in CI): the test guards
    // that the hang is killed near the timeout, not the timer's precision.
    assert!(m.wall >= 0.25 && m.wall < 5.0, "wall {}", m.wall);
    let _ = std::fs::remove_dir_all(d);
}

#[test]
fn the_memory_limit_stops_a_runaway_child_and_output_is_kept() {
    let d = tmp("limit");
    let m = measure(bin(), &alloc(512), Duration::from_secs(30), 256, &d).unwrap();
    assert_ne!(m.ending, Ending::Exit(0));
    assert!(m.stderr.contains("memory allocation of"), "{:?}", m.stderr);
    // Exit codes and standard output come through.
    let cmd: Vec<String> = ["sh", "-c", "echo out; echo err >&2; exit 3"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let m = measure(bin(), &cmd, Duration::from_secs(30), 0, &d).unwrap();
    assert_eq!(m.ending, Ending::Exit(3));
    assert_eq!((m.stdout.as_str(), m.stderr.as_str()), ("out\n", "err\n"));
    let _ = std::fs::remove_dir_all(d);
}
