//! Shared by the parity tests: the R fixtures in `testdata/validation/`.
#![allow(dead_code)] // each test binary uses part of it

use std::path::PathBuf;

use kantel_qca::SetData;
use serde_json::Value;

/// `testdata/validation/` of the repository.
pub fn testdata() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/validation")
}

/// Reads `data/<name>.csv`: quoted header and case names, numeric cells.
pub fn load(name: &str) -> SetData {
    let text =
        std::fs::read_to_string(testdata().join("data").join(format!("{name}.csv"))).unwrap();
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .unwrap()
        .split(',')
        .map(|s| s.trim_matches('"').to_string())
        .collect();
    let mut cases = Vec::new();
    let mut columns = vec![Vec::new(); header.len() - 1];
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split(',').collect();
        cases.push(cells[0].trim_matches('"').to_string());
        for (i, c) in cells[1..].iter().enumerate() {
            columns[i].push(c.parse::<f64>().unwrap());
        }
    }
    SetData::new(cases, header[1..].to_vec(), columns).unwrap()
}

/// Reads `expected/<name>` (a JSON file with R's output).
pub fn fixture(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(testdata().join("expected").join(name)).unwrap())
        .unwrap()
}
