//! Issue 8: a prime implicant chart whose minimum cannot be proved within the node budget
//! gives its best cover with proved bounds and a warning naming `--max-nodes`, never an
//! error without an answer (12 conditions x 10,000 random cases: a block of about a
//! thousand ON configurations whose LP bound stays below the best cover).

use kantel_qca::SetData;
use kantel_qca::minimize::{MinimizeOptions, SolutionType, minimize};
use kantel_qca::truth_table::{Out, Outcome, TruthTable, TruthTableSpec};

fn covers(term: &[u8], c: &[u8]) -> bool {
    term.iter().zip(c).all(|(&t, &v)| t == 0 || t == v + 1)
}

#[test]
fn an_unproved_conservative_chart_gives_its_best_model_with_bounds() {
    let (k, n) = (12usize, 10_000usize);
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    // Y = C0*~C3*C7 + ~C1*C5*C9 + C2*C4*~C11, as in Dusa (2018): 3 terms x 3 literals.
    let mut columns = vec![Vec::with_capacity(n); k + 1];
    for _ in 0..n {
        let x: Vec<u8> = (0..k).map(|_| (next() >> 33) as u8 & 1).collect();
        let y = (x[0] == 1 && x[3] == 0 && x[7] == 1)
            || (x[1] == 0 && x[5] == 1 && x[9] == 1)
            || (x[2] == 1 && x[4] == 1 && x[11] == 0);
        for j in 0..k {
            columns[j].push(f64::from(x[j]));
        }
        columns[k].push(if y { 1.0 } else { 0.0 });
    }
    let names: Vec<String> = (0..k)
        .map(|j| format!("C{j}"))
        .chain(["Y".into()])
        .collect();
    let cases = (1..=n).map(|i| format!("c{i}")).collect();
    let data = SetData::new(cases, names.clone(), columns).unwrap();
    let spec = TruthTableSpec::new(Outcome::parse("Y").unwrap(), names[..k].to_vec());
    let tt = TruthTable::build(&data, &spec).unwrap();
    let m = minimize(
        &tt,
        &MinimizeOptions {
            solutions: vec![SolutionType::Conservative],
            max_nodes: 10,
            ..MinimizeOptions::default()
        },
    )
    .expect("an answer, not an error");
    let c = m.conservative.as_ref().unwrap();
    assert!(!c.minimum_proved);
    let (lower, upper) = (c.lower_bound.unwrap(), c.upper_bound.unwrap());
    assert!(lower < upper, "{lower} {upper}");
    assert_eq!(c.models.len(), 1);
    assert!(!c.complete);
    let model = &c.models[0];
    assert_eq!(model.terms.len(), upper);
    // The best model is a valid conservative cover: every positive row covered, and no
    // term covers a configuration that is not a positive row.
    let on = tt.configurations(Out::One);
    for row in &on {
        assert!(model.terms.iter().any(|t| covers(&t.implicant, row)));
    }
    assert_eq!(model.simplifying_assumptions.count, 0);
    let w = m
        .warning_msgs
        .iter()
        .find(|w| w.key == "qca-min-chart-not-proved")
        .expect("a warning");
    assert!(w.to_string().contains("--max-nodes"), "{w}");
}
