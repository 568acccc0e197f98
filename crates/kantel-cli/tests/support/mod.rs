//! What the CLI test files of issue 9 share: running the `kantel` binary and the paths of the
//! validation data. (Each test file is its own crate and uses what it needs.)
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

/// Runs `kantel` with `args`: (success, stdout, stderr).
pub fn kantel(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kantel"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

/// `testdata/validation/<path>`.
pub fn testdata(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/validation")
        .join(path)
}

/// The path of a validation data file, as an argument.
pub fn data(name: &str) -> String {
    testdata("data").join(name).display().to_string()
}

/// The JSON a successful run prints.
pub fn json(args: &[&str]) -> Value {
    let (ok, out, err) = kantel(args);
    assert!(ok, "kantel {args:?} failed: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}
