//! Case selection (SetMethods' smmr helpers) and panel diagnostics (SetMethods' cluster),
//! against hand calculations written out below.

use kantel_qca::SetData;
use kantel_qca::cases::{
    CaseOptions, CaseSelection, CaseType, PairKind, PairList, case_selection, classify, cluster,
};
use kantel_qca::expr::Expression;
use kantel_qca::truth_table::Outcome;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// Nine cases, conditions A, B, C, outcome Y; the solution is `A*B + C`.
///
/// | case | A  | B  | C  | Y  | A*B | C  | solution | type A*B | type C | type solution |
/// |------|----|----|----|----|-----|----|----------|----------|--------|---------------|
/// | c1   | .9 | .8 | .1 | .9 | .8  | .1 | .8       | typical  | dev cov| typical       |
/// | c2   | .7 | .9 | .2 | .6 | .7  | .2 | .7       | degree   | dev cov| degree        |
/// | c3   | .8 | .7 | .3 | .2 | .7  | .3 | .7       | kind     | IIR    | kind          |
/// | c4   | .2 | .9 | .7 | .8 | .2  | .7 | .7       | dev cov  | typical| typical       |
/// | c5   | .3 | .4 | .2 | .1 | .3  | .2 | .3       | IIR      | IIR    | IIR           |
/// | c6   | .6 | .6 | .6 | .9 | .6  | .6 | .6       | typical  | typical| typical       |
/// | c7   | .5 | .9 | .1 | .7 | .5  | .1 | .5       | crossover| dev cov| crossover     |
/// | c8   | .1 | .2 | .4 | .7 | .1  | .4 | .4       | dev cov  | dev cov| dev cov       |
/// | c9   | .6 | .7 | .1 | .4 | .6  | .1 | .6       | kind     | IIR    | kind          |
fn nine() -> SetData {
    let cases = (1..=9).map(|i| format!("c{i}")).collect();
    let names = ["A", "B", "C", "Y"].map(String::from).to_vec();
    let a = vec![0.9, 0.7, 0.8, 0.2, 0.3, 0.6, 0.5, 0.1, 0.6];
    let b = vec![0.8, 0.9, 0.7, 0.9, 0.4, 0.6, 0.9, 0.2, 0.7];
    let c = vec![0.1, 0.2, 0.3, 0.7, 0.2, 0.6, 0.1, 0.4, 0.1];
    let y = vec![0.9, 0.6, 0.2, 0.8, 0.1, 0.9, 0.7, 0.7, 0.4];
    SetData::new(cases, names, vec![a, b, c, y]).unwrap()
}

fn select(max_pairs: usize) -> CaseSelection {
    let data = nine();
    let conditions = ["A", "B", "C"].map(String::from).to_vec();
    case_selection(
        &data,
        &Expression::parse("A*B + C").unwrap(),
        &Outcome::parse("Y").unwrap(),
        &conditions,
        &CaseOptions { max_pairs },
    )
    .unwrap()
}

fn names<T>(items: &[T], name: impl Fn(&T) -> &str) -> Vec<&str> {
    items.iter().map(name).collect()
}

fn list(s: &CaseSelection, kind: PairKind, group: &str) -> PairList {
    s.pairs
        .iter()
        .find(|p| p.kind == kind && p.group == group)
        .unwrap_or_else(|| panic!("no {kind:?} list for {group}"))
        .clone()
}

#[test]
fn classify_follows_setmethods_rules() {
    assert_eq!(classify(0.6, 0.6), CaseType::Typical); // X <= Y
    assert_eq!(classify(0.7, 0.6), CaseType::DeviantConsistencyDegree);
    assert_eq!(classify(0.7, 0.2), CaseType::DeviantConsistencyKind);
    assert_eq!(classify(0.2, 0.7), CaseType::DeviantCoverage);
    assert_eq!(classify(0.2, 0.3), CaseType::IndividuallyIrrelevant);
    assert_eq!(classify(0.5, 0.9), CaseType::Crossover);
    assert_eq!(classify(0.9, 0.5), CaseType::Crossover);
    assert_eq!(classify(1.0, 1.0), CaseType::Typical);
    assert_eq!(classify(0.0, 0.0), CaseType::IndividuallyIrrelevant);
}

#[test]
fn types_per_term_and_solution() {
    use CaseType::*;
    let s = select(5);
    assert_eq!(s.terms.len(), 2);
    assert_eq!(s.terms[0].name, "A*B");
    assert_eq!(s.terms[1].name, "C");
    assert_eq!(s.solution, "A*B + C");
    assert_eq!(
        s.terms[0].types,
        vec![
            Typical,
            DeviantConsistencyDegree,
            DeviantConsistencyKind,
            DeviantCoverage,
            IndividuallyIrrelevant,
            Typical,
            Crossover,
            DeviantCoverage,
            DeviantConsistencyKind
        ]
    );
    assert_eq!(
        s.terms[1].types,
        vec![
            DeviantCoverage,
            DeviantCoverage,
            IndividuallyIrrelevant,
            Typical,
            IndividuallyIrrelevant,
            Typical,
            DeviantCoverage,
            DeviantCoverage,
            IndividuallyIrrelevant
        ]
    );
    assert_eq!(
        s.solution_cases.types,
        vec![
            Typical,
            DeviantConsistencyDegree,
            DeviantConsistencyKind,
            Typical,
            IndividuallyIrrelevant,
            Typical,
            Crossover,
            DeviantCoverage,
            DeviantConsistencyKind
        ]
    );
    // Counts add up to the cases, for every set.
    for set in s.terms.iter().chain([&s.solution_cases]) {
        let total: usize = CaseType::ALL.iter().map(|&t| set.counts.get(t)).sum();
        assert_eq!(total, 9, "{}", set.name);
    }
    assert_eq!(s.solution_cases.counts.crossover, 1);
    assert_eq!(
        names(&s.solution_cases.crossover, |c| c.case.as_str()),
        ["c7"]
    );
    assert!(close(s.solution_cases.membership[6], 0.5));
}

/// cases.suf.typ: Best = 2(Y − X) + (1 − X).
/// A*B: c1 2(.1) + .2 = 0.4 (typical for A*B only: uniquely covered); c6 2(.3) + .4 = 1.0
/// (typical for both terms). C: c4 2(.1) + .3 = 0.5 (uniquely covered), c6 1.0.
/// Solution: c1 0.4, c4 0.5, c6 1.0.
#[test]
fn typical_ranking_and_unique_coverage() {
    let s = select(5);
    let ab = &s.terms[0];
    assert_eq!(names(&ab.typical, |c| c.case.case.as_str()), ["c1", "c6"]);
    assert!(close(ab.typical[0].best, 0.4));
    assert!(close(ab.typical[1].best, 1.0));
    assert!(ab.typical[0].most_typical && !ab.typical[1].most_typical);
    assert!(ab.typical[0].uniquely_covered && !ab.typical[1].uniquely_covered);
    assert_eq!(ab.most_typical, ["c1"]);
    assert_eq!(ab.uniquely_covered, ["c1"]);

    let c = &s.terms[1];
    assert_eq!(names(&c.typical, |c| c.case.case.as_str()), ["c4", "c6"]);
    assert!(close(c.typical[0].best, 0.5));
    assert_eq!(c.most_typical, ["c4"]);
    assert_eq!(c.uniquely_covered, ["c4"]);

    let sol = &s.solution_cases;
    assert_eq!(
        names(&sol.typical, |c| c.case.case.as_str()),
        ["c1", "c4", "c6"]
    );
    assert_eq!(sol.most_typical, ["c1"]);
}

/// Uniquely covered cases come first even when less typical (R: order(-UniqCov, Best)).
/// Terms A and B, outcome Y: d1 (A .6, B .9, Y .9) is typical for both, Best for A
/// 2(.3) + .4 = 1.0; d2 (A .65, B .1, Y .95) only for A, Best 2(.3) + .35 = 0.95;
/// d3 (A .7, B .6, Y .7) for both, Best 0 + .3 = 0.3 (the most typical).
/// Order for A: d2 (unique), then d3, d1 by Best.
#[test]
fn uniquely_covered_first() {
    let data = SetData::new(
        vec!["d1".into(), "d2".into(), "d3".into()],
        vec!["A".into(), "B".into(), "Y".into()],
        vec![
            vec![0.6, 0.65, 0.7],
            vec![0.9, 0.1, 0.6],
            vec![0.9, 0.95, 0.7],
        ],
    )
    .unwrap();
    let s = case_selection(
        &data,
        &Expression::parse("A + B").unwrap(),
        &Outcome::parse("Y").unwrap(),
        &["A".into(), "B".into()],
        &CaseOptions::default(),
    )
    .unwrap();
    let a = &s.terms[0];
    assert_eq!(
        names(&a.typical, |c| c.case.case.as_str()),
        ["d2", "d3", "d1"]
    );
    assert_eq!(a.uniquely_covered, ["d2"]);
    assert_eq!(a.most_typical, ["d3"]);
}

/// cases.suf.dcn: Best = 1 − (X − Y) + (1 − X). A*B: c3 1 − .5 + .3 = 0.8 (most deviant),
/// c9 1 − .2 + .4 = 1.2. Term C has none.
#[test]
fn deviant_consistency_ranking() {
    let s = select(5);
    let ab = &s.terms[0].deviant_consistency_kind;
    assert_eq!(names(ab, |c| c.case.case.as_str()), ["c3", "c9"]);
    assert!(close(ab[0].best, 0.8) && close(ab[1].best, 1.2));
    assert!(ab[0].most_deviant && !ab[1].most_deviant);
    assert!(s.terms[1].deviant_consistency_kind.is_empty());
    assert_eq!(
        names(&s.terms[0].deviant_consistency_degree, |c| c.case.as_str()),
        ["c2"]
    );
}

/// cases.suf.dcv / cases.suf.iir of the solution. c8 (A .1, B .2, C .4): row 000, row
/// membership min(.9, .8, .6) = 0.6, Best 1 − .6 = 0.4, consistent (.6 ≤ Y .7). c5 (A .3,
/// B .4, C .2): row 000, membership min(.7, .6, .8) = 0.6.
#[test]
fn truth_table_rows_of_coverage_and_irrelevant_cases() {
    let s = select(5);
    assert_eq!(s.deviant_coverage_rows.len(), 1);
    let d = &s.deviant_coverage_rows[0];
    assert_eq!(d.case.case, "c8");
    assert_eq!(d.row, vec![0.0, 0.0, 0.0]);
    assert!(close(d.row_membership, 0.6));
    assert!(close(d.best.unwrap(), 0.4));
    assert_eq!(d.consistent_row, Some(true));
    assert_eq!(d.most_deviant, Some(true));
    assert_eq!(names(&s.irrelevant_rows, |c| c.case.case.as_str()), ["c5"]);
    assert!(close(s.irrelevant_rows[0].row_membership, 0.6));
}

/// matches.suf.typdcn for A*B, Best = |X₁ − X₂| + (1 − (Y₁ − Y₂)) + (1 − X₁) + (1 − X₂):
/// (c1, c3) .1 + .3 + .2 + .3 = 0.9; (c6, c3) .1 + .3 + .4 + .3 = 1.1;
/// (c1, c9) .2 + .5 + .2 + .4 = 1.3; (c6, c9) 0 + .5 + .4 + .4 = 1.3 (c1 is the most typical:
/// first among the ties). Term C has no deviant case: an empty list, total 0.
#[test]
fn typical_deviant_pairs() {
    let s = select(5);
    let l = list(&s, PairKind::TypicalDeviantConsistency, "A*B");
    assert_eq!(l.total, 4);
    let got: Vec<(&str, &str, f64)> = l
        .pairs
        .iter()
        .map(|p| (p.first.case.as_str(), p.second.case.as_str(), p.best))
        .collect();
    let want = [
        ("c1", "c3", 0.9),
        ("c6", "c3", 1.1),
        ("c1", "c9", 1.3),
        ("c6", "c9", 1.3),
    ];
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        assert_eq!((g.0, g.1), (w.0, w.1));
        assert!(close(g.2, w.2), "{g:?} vs {w:?}");
    }
    assert_eq!(l.pairs[0].first_most_typical, Some(true));
    assert_eq!(l.pairs[0].second_most_deviant, Some(true));
    let c = list(&s, PairKind::TypicalDeviantConsistency, "C");
    assert_eq!(c.total, 0);
    assert!(c.pairs.is_empty());
    // The cap keeps the best and still counts all.
    let capped = select(2);
    let l2 = list(&capped, PairKind::TypicalDeviantConsistency, "A*B");
    assert_eq!(l2.total, 4);
    assert_eq!(l2.pairs.len(), 2);
    assert_eq!(l2.pairs[1].first.case, "c6");
}

/// matches.suf.typtypnfc, Best = (.5 − (X₁ − X₂)) + (.5 − (Y₁ − Y₂)) + 2|Y₁ − X₁| +
/// 2|Y₂ − X₂|, the first the more typical: A*B (c1, c6) .3 + .5 + .2 + .6 = 1.6;
/// C (c4, c6) .4 + .6 + .2 + .6 = 1.8.
#[test]
fn typical_typical_pairs() {
    let s = select(5);
    let ab = list(&s, PairKind::TypicalTypical, "A*B");
    assert_eq!(ab.total, 1);
    assert_eq!(
        (
            ab.pairs[0].first.case.as_str(),
            ab.pairs[0].second.case.as_str()
        ),
        ("c1", "c6")
    );
    assert!(close(ab.pairs[0].best, 1.6));
    let c = list(&s, PairKind::TypicalTypical, "C");
    assert_eq!(
        (
            c.pairs[0].first.case.as_str(),
            c.pairs[0].second.case.as_str()
        ),
        ("c4", "c6")
    );
    assert!(close(c.pairs[0].best, 1.8));
    assert_eq!(c.pairs[0].first_uniquely_covered, Some(true));
    assert_eq!(c.pairs[0].second_uniquely_covered, Some(false));
}

/// matches.suf.typiirnfc for C, Best = (1 − (X₁ − X₂)) + (1 − (Y₁ − Y₂)) + 2|Y₁ − X₁| +
/// 2|Y₂ − X₂|; typical c4 (unique), c6; irrelevant for C: c3, c5, c9 (only c5 is outside
/// the solution too: GlobUncov).
/// (c4,c5) .5+.3+.2+.2 = 1.2 G; (c4,c3) .6+.4+.2+.2 = 1.4; (c4,c9) .4+.6+.2+.6 = 1.8;
/// (c6,c5) .6+.2+.6+.2 = 1.6 G; (c6,c3) .7+.3+.6+.2 = 1.8; (c6,c9) .5+.5+.6+.6 = 2.2.
/// Order: unique first, then globally uncovered, then Best.
#[test]
fn typical_irrelevant_pairs() {
    let s = select(5);
    let c = list(&s, PairKind::TypicalIrrelevant, "C");
    assert_eq!(c.total, 6);
    let got: Vec<(&str, &str, f64)> = c
        .pairs
        .iter()
        .map(|p| (p.first.case.as_str(), p.second.case.as_str(), p.best))
        .collect();
    let want = [
        ("c4", "c5", 1.2),
        ("c4", "c3", 1.4),
        ("c4", "c9", 1.8),
        ("c6", "c5", 1.6),
        ("c6", "c3", 1.8),
    ];
    assert_eq!(got.len(), 5);
    for (g, w) in got.iter().zip(want) {
        assert_eq!((g.0, g.1), (w.0, w.1));
        assert!(close(g.2, w.2), "{g:?} vs {w:?}");
    }
    assert_eq!(c.pairs[0].globally_uncovered, Some(true));
    assert_eq!(c.pairs[1].globally_uncovered, Some(false));
    // A*B: (c1, c5) .5 + .2 + .2 + .4 = 1.3.
    let ab = list(&s, PairKind::TypicalIrrelevant, "A*B");
    assert_eq!(ab.pairs[0].first.case, "c1");
    assert!(close(ab.pairs[0].best, 1.3));
}

/// matches.suf.dcviir: c8 (deviant coverage) and c5 (irrelevant) share row 000 (rounded);
/// W = 0.6 both: Best = 0 + (1 − (.7 − .1)) + .4 + .4 = 1.2.
#[test]
fn coverage_irrelevant_pairs() {
    let s = select(5);
    let l: Vec<&PairList> = s
        .pairs
        .iter()
        .filter(|p| p.kind == PairKind::DeviantCoverageIrrelevant)
        .collect();
    assert_eq!(l.len(), 1);
    assert_eq!(l[0].group, "A=0, B=0, C=0");
    assert_eq!(l[0].pairs[0].first.case, "c8");
    assert_eq!(l[0].pairs[0].second.case, "c5");
    assert!(close(l[0].pairs[0].best, 1.2));
    assert_eq!(l[0].pairs[0].consistent_row, Some(true));
}

/// No typical case, a term outside every case, an empty solution: answers, not errors.
#[test]
fn edge_cases_give_answers() {
    let data = nine();
    let conditions = ["A", "B", "C"].map(String::from).to_vec();
    // A term no case is in: Z is 0 for every case (all deviant coverage or irrelevant).
    let data = data.with_column("Z", vec![0.0; 9]).unwrap();
    let s = case_selection(
        &data,
        &Expression::parse("Z").unwrap(),
        &Outcome::parse("Y").unwrap(),
        &conditions,
        &CaseOptions::default(),
    )
    .unwrap();
    let t = &s.terms[0];
    assert!(t.typical.is_empty() && t.most_typical.is_empty());
    assert_eq!(t.counts.typical, 0);
    assert!(
        s.pairs
            .iter()
            .all(|p| p.total == 0 || p.kind == PairKind::DeviantCoverageIrrelevant)
    );
    // The empty solution: every case is outside it.
    let empty = case_selection(
        &data,
        &Expression::new(Vec::new()),
        &Outcome::parse("Y").unwrap(),
        &conditions,
        &CaseOptions::default(),
    )
    .unwrap();
    assert!(empty.terms.is_empty());
    assert_eq!(empty.solution, "0");
    assert_eq!(empty.solution_cases.counts.deviant_coverage, 6);
    assert_eq!(empty.solution_cases.counts.individually_irrelevant, 3);
    // The negated outcome: Y becomes 1 − Y (c5: .9).
    let neg = case_selection(
        &data,
        &Expression::parse("~A").unwrap(),
        &Outcome::parse("~Y").unwrap(),
        &conditions,
        &CaseOptions::default(),
    )
    .unwrap();
    assert_eq!(neg.outcome, "~Y");
    // c5: ~A .7, ~Y .9: typical; Best 2(.2) + .3 = 0.7.
    let c5 = neg.terms[0]
        .typical
        .iter()
        .find(|c| c.case.case == "c5")
        .unwrap();
    assert!(close(c5.best, 0.7));
    // A raw condition is an error naming it.
    let raw = SetData::new(
        vec!["r1".into(), "r2".into()],
        vec!["A".into(), "Y".into()],
        vec![vec![3.5, 7.25], vec![0.2, 0.9]],
    )
    .unwrap();
    let err = case_selection(
        &raw,
        &Expression::parse("A").unwrap(),
        &Outcome::parse("Y").unwrap(),
        &["A".into()],
        &CaseOptions::default(),
    )
    .unwrap_err();
    assert!(err.to_string().contains('A'), "{err}");
}

/// Same inputs, same bytes.
#[test]
fn json_is_deterministic() {
    let a = serde_json::to_string(&select(5)).unwrap();
    let b = serde_json::to_string(&select(5)).unwrap();
    assert_eq!(a, b);
    assert!(a.contains("\"deviant_consistency_kind\""));
}

/// Two units × three years, expression A, outcome Y:
///
/// | unit | year | X  | Y  | min |
/// |------|------|----|----|-----|
/// | u1   | 2019 | .8 | .9 | .8  |
/// | u1   | 2020 | .6 | .4 | .4  |
/// | u1   | 2021 | .2 | .3 | .2  |
/// | u2   | 2019 | .7 | .6 | .6  |
/// | u2   | 2020 | .9 | .9 | .9  |
/// | u2   | 2021 | .4 | .8 | .4  |
///
/// Pooled: Σmin 3.3, ΣX 3.6, ΣY 3.9: consistency .916667, coverage .846154.
/// Between 2019: 1.4/1.5 = .933333, cov 1.4/1.5; 2020: 1.3/1.5 = .866667, cov 1.3/1.3 = 1;
/// 2021: .6/.6 = 1, cov .6/1.1 = .545455.
/// Within u1: 1.4/1.6 = .875, cov 1.4/1.6; u2: 1.9/2.0 = .95, cov 1.9/2.3 = .826087.
/// dBP: shares .933333/2.8 = 1/3, .866667/2.8 = .309524, 1/2.8 = .357143; minus 1/3:
/// 0, −.0238095, +.0238095: √(2 · .0238095²) = .0336718.
/// dWP: .875/1.825 = .479452, .95/1.825 = .520548; ±.0205479: √2 · .0205479 = .0290590.
#[test]
fn cluster_two_units_three_years() {
    // Rows deliberately out of order: the result is sorted by unit and year.
    let cases: Vec<String> = (1..=6).map(|i| format!("r{i}")).collect();
    let units: Vec<String> = ["u2", "u1", "u1", "u2", "u1", "u2"]
        .map(String::from)
        .to_vec();
    let years: Vec<String> = ["2020", "2019", "2021", "2019", "2020", "2021"]
        .map(String::from)
        .to_vec();
    let x = vec![0.9, 0.8, 0.2, 0.7, 0.6, 0.4];
    let y = vec![0.9, 0.9, 0.3, 0.6, 0.4, 0.8];
    let data = SetData::new(cases, vec!["A".into(), "Y".into()], vec![x, y]).unwrap();
    let d = cluster(
        &data,
        &Expression::parse("A").unwrap(),
        &Outcome::parse("Y").unwrap(),
        &units,
        &years,
    )
    .unwrap();
    assert_eq!(d.periods, ["2019", "2020", "2021"]);
    assert_eq!(d.units, ["u1", "u2"]);
    let f = &d.solution_fit;
    let near = |a: f64, b: f64| (a - b).abs() < 1e-6;
    assert!(near(f.pooled_consistency, 3.3 / 3.6));
    assert!(near(f.pooled_coverage, 3.3 / 3.9));
    let bc: Vec<f64> = f.between.iter().map(|g| g.consistency).collect();
    let bv: Vec<f64> = f.between.iter().map(|g| g.coverage).collect();
    for (g, w) in bc.iter().zip([1.4 / 1.5, 1.3 / 1.5, 1.0]) {
        assert!(near(*g, w), "{bc:?}");
    }
    for (g, w) in bv.iter().zip([1.4 / 1.5, 1.0, 0.6 / 1.1]) {
        assert!(near(*g, w), "{bv:?}");
    }
    assert_eq!(f.between[0].n, 2);
    let wc: Vec<f64> = f.within.iter().map(|g| g.consistency).collect();
    let wv: Vec<f64> = f.within.iter().map(|g| g.coverage).collect();
    assert!(near(wc[0], 0.875) && near(wc[1], 0.95));
    assert!(near(wv[0], 0.875) && near(wv[1], 1.9 / 2.3));
    assert_eq!(f.within[0].n, 3);
    assert!(near(f.d_bp, 0.0336718), "{}", f.d_bp);
    assert!(near(f.d_wp, 0.0290590), "{}", f.d_wp);
    // One term: the term's diagnostics are the solution's.
    assert_eq!(d.terms.len(), 1);
    assert!(near(d.terms[0].d_bp, f.d_bp));
}

/// A unit twice in one year is an error naming both rows; numeric periods sort as numbers.
#[test]
fn cluster_duplicates_and_numeric_order() {
    let data = SetData::new(
        vec!["r1".into(), "r2".into(), "r3".into()],
        vec!["A".into(), "Y".into()],
        vec![vec![0.2, 0.8, 0.6], vec![0.3, 0.9, 0.7]],
    )
    .unwrap();
    let e = Expression::parse("A").unwrap();
    let y = Outcome::parse("Y").unwrap();
    let err = cluster(
        &data,
        &e,
        &y,
        &["a".into(), "b".into(), "a".into()],
        &["9".into(), "9".into(), "9".into()],
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("r1") && err.contains("r3"), "{err}");
    let ok = cluster(
        &data,
        &e,
        &y,
        &["a".into(), "a".into(), "a".into()],
        &["10".into(), "9".into(), "100".into()],
    )
    .unwrap();
    assert_eq!(ok.periods, ["9", "10", "100"]);
    // A period where X is empty (r1 only, X .2 — no, take an all-zero set): SetMethods'
    // smoothing gives consistency 1 for 0/0.
    let zero = SetData::new(
        vec!["r1".into(), "r2".into()],
        vec!["A".into(), "Y".into()],
        vec![vec![0.0, 0.6], vec![0.3, 0.7]],
    )
    .unwrap();
    let z = cluster(
        &zero,
        &e,
        &y,
        &["a".into(), "a".into()],
        &["1".into(), "2".into()],
    )
    .unwrap();
    assert!((z.solution_fit.between[0].consistency - 1.0).abs() < 1e-12);
}

/// The engine's errors render in both languages from the catalogue.
#[test]
fn errors_render_in_both_languages() {
    use kantel_i18n::{Lang, MISSING};
    let data = nine();
    let e = Expression::parse("A").unwrap();
    let y = Outcome::parse("Y").unwrap();
    let nine_labels = |s: &str| vec![s.to_string(); 9];
    let errors = [
        cluster(&data, &e, &y, &nine_labels("u"), &nine_labels("2020")).unwrap_err(),
        cluster(&data, &e, &y, &["u".into()], &["1".into()]).unwrap_err(),
        case_selection(
            &SetData::new(
                vec!["r1".into(), "r2".into()],
                vec!["A".into(), "Y".into()],
                vec![vec![3.5, 7.25], vec![0.2, 0.9]],
            )
            .unwrap(),
            &e,
            &y,
            &["A".into()],
            &CaseOptions::default(),
        )
        .unwrap_err(),
    ];
    for err in errors {
        let nl = err.render(Lang::Nl);
        let en = err.render(Lang::En);
        assert!(
            !nl.contains(MISSING) && !en.contains(MISSING),
            "{nl} / {en}"
        );
        assert_ne!(nl, en);
    }
}

fn focal<'a>(s: &'a CaseSelection, term: &str, lit: &str) -> &'a kantel_qca::cases::FocalConjunct {
    s.focal_conjuncts
        .iter()
        .find(|f| f.term == term && f.focal == lit)
        .unwrap()
}

fn focal_list(s: &CaseSelection, kind: PairKind, lit: &str) -> PairList {
    s.pairs
        .iter()
        .find(|p| p.kind == kind && p.group == "A*B" && p.focal.as_deref() == Some(lit))
        .unwrap()
        .clone()
}

/// cases.suf.typ.fct for A*B (typical: c1 A .9 B .8 term .8 Y .9; c6 A .6 B .6 Y .9), Best =
/// 2|Y − focal| + (1 − term), Rank 1 when the focal conjunct is below the other one:
/// focal A: c1 2·0 + .2 = 0.2 (rank 2: .9 ≥ .8), c6 2·.3 + .4 = 1.0 (rank 2); c1 is in no
/// other term (C .1), c6 is (C .6). Focal B: c1 2·.1 + .2 = 0.4 (rank 1: .8 < .9), c6 1.0
/// (rank 2). One-literal term C: c4 2·.1 + .3 = 0.5, c6 1.0, no rank.
#[test]
fn typical_cases_per_focal_conjunct() {
    let s = select(5);
    let a = focal(&s, "A*B", "A");
    let got: Vec<(&str, f64, Option<u8>, bool)> = a
        .typical
        .iter()
        .map(|c| (c.case.case.as_str(), c.best, c.rank, c.uniquely_covered))
        .collect();
    assert_eq!(got.len(), 2);
    assert_eq!((got[0].0, got[0].2, got[0].3), ("c1", Some(2), true));
    assert!(close(got[0].1, 0.2) && close(got[1].1, 1.0));
    assert_eq!((got[1].0, got[1].3), ("c6", false));
    assert!(a.typical[0].most_typical_focal && a.typical[0].consistent_focal);
    let b = focal(&s, "A*B", "B");
    assert_eq!(b.typical[0].case.case, "c1");
    assert_eq!(b.typical[0].rank, Some(1));
    assert!(close(b.typical[0].best, 0.4));
    assert_eq!(b.typical[1].rank, Some(2));
    let c = focal(&s, "C", "C");
    assert_eq!(names(&c.typical, |c| c.case.case.as_str()), ["c4", "c6"]);
    assert!(c.typical[0].rank.is_none() && close(c.typical[0].best, 0.5));
}

/// matches.suf.typtyp: (c1, c6), c1 the more typical (.4 ≤ 1.0).
/// Focal A (Z = B): (.5 − .3) + (.5 − 0) + |.8 − .6| + 2·0 + 2·.3 = 1.5, rank 4 (.9 ≥ .8,
/// .6 ≥ .6). Focal B (Z = A): (.5 − .2) + .5 + |.9 − .6| + 2·.1 + 2·.3 = 1.9, rank 2.
/// matches.suf.typiir with c5 (A .3, B .4, Y .1, irrelevant for A*B):
/// focal A: (c1, c5) (1 − .6) + (1 − .8) + |.8 − .4| + 0 + |.1 − .3| = 1.2, rank 5;
/// (c6, c5) .7 + .2 + .2 + .6 + .2 = 1.9, rank 5; c1 uniquely covered first.
/// focal B: (c1, c5) .6 + .2 + .6 + .2 + .3 = 1.9, rank 4; (c6, c5) .8 + .2 + .3 + .6 + .3 =
/// 2.2, rank 6.
#[test]
fn focal_conjunct_pairs() {
    let s = select(5);
    let a = focal_list(&s, PairKind::TypicalTypicalFocal, "A");
    assert_eq!(a.total, 1);
    assert!(close(a.pairs[0].best, 1.5));
    assert_eq!(a.pairs[0].pair_rank, Some(4));
    let b = focal_list(&s, PairKind::TypicalTypicalFocal, "B");
    assert!(close(b.pairs[0].best, 1.9));
    assert_eq!(b.pairs[0].pair_rank, Some(2));
    let ia = focal_list(&s, PairKind::TypicalIrrelevantFocal, "A");
    let got: Vec<(&str, f64, Option<u8>)> = ia
        .pairs
        .iter()
        .map(|p| (p.first.case.as_str(), p.best, p.pair_rank))
        .collect();
    assert_eq!(got.len(), 2);
    assert_eq!((got[0].0, got[0].2), ("c1", Some(5)));
    assert!(close(got[0].1, 1.2) && close(got[1].1, 1.9));
    assert_eq!(ia.pairs[0].globally_uncovered, Some(true));
    let ib = focal_list(&s, PairKind::TypicalIrrelevantFocal, "B");
    let got: Vec<(&str, f64, Option<u8>)> = ib
        .pairs
        .iter()
        .map(|p| (p.first.case.as_str(), p.best, p.pair_rank))
        .collect();
    assert_eq!((got[0].0, got[0].2), ("c1", Some(4)));
    assert_eq!((got[1].0, got[1].2), ("c6", Some(6)));
    assert!(close(got[0].1, 1.9) && close(got[1].1, 2.2));
    // One-literal term: no pair rank.
    let c = s
        .pairs
        .iter()
        .find(|p| p.kind == PairKind::TypicalTypicalFocal && p.group == "C")
        .unwrap();
    assert!(c.pairs.iter().all(|p| p.pair_rank.is_none()));
}

/// The study report's entry: the reported model of a minimization. Crisp data, every
/// configuration of A, B, C once with Y = A*B + C: the conservative solution is A*B + C;
/// five cases have the outcome (all typical for the solution), three not (irrelevant).
#[test]
fn selection_for_a_minimization() {
    use kantel_qca::cases::case_selection_for_minimization;
    use kantel_qca::minimize::{MinimizeOptions, minimize};
    use kantel_qca::truth_table::{TruthTable, TruthTableSpec};
    let mut a = Vec::new();
    let mut b = Vec::new();
    let mut c = Vec::new();
    let mut y = Vec::new();
    for k in 0..8u8 {
        let (va, vb, vc) = (k >> 2 & 1, k >> 1 & 1, k & 1);
        a.push(f64::from(va));
        b.push(f64::from(vb));
        c.push(f64::from(vc));
        y.push(f64::from((va & vb) | vc));
    }
    let cases: Vec<String> = (0..8).map(|k| format!("k{k}")).collect();
    let data = SetData::new(
        cases,
        ["A", "B", "C", "Y"].map(String::from).to_vec(),
        vec![a, b, c, y],
    )
    .unwrap();
    let spec = TruthTableSpec::new(
        Outcome::parse("Y").unwrap(),
        ["A", "B", "C"].map(String::from).to_vec(),
    );
    let tt = TruthTable::build(&data, &spec).unwrap();
    let m = minimize(&tt, &MinimizeOptions::default()).unwrap();
    let s = case_selection_for_minimization(&data, &m, &CaseOptions::default()).unwrap();
    let mut terms: Vec<&str> = s.terms.iter().map(|t| t.name.as_str()).collect();
    terms.sort();
    assert_eq!(terms, ["A*B", "C"]);
    // k6 = (1,1,0) and k7 = (1,1,1) are in A*B; k1, k3, k5, k7 in C.
    let ab = s.terms.iter().find(|t| t.name == "A*B").unwrap();
    assert_eq!(
        names(&ab.typical, |c| c.case.case.as_str()),
        ["k6", "k7"] // k6 typical for A*B only: uniquely covered, first
    );
    assert_eq!(ab.uniquely_covered, ["k6"]);
    assert_eq!(s.solution_cases.counts.typical, 5);
    assert_eq!(s.solution_cases.counts.individually_irrelevant, 3);
    assert_eq!(s.conditions, ["A", "B", "C"]);
}

/// cases.suf.dcn sorts on Best and X rounded to 3 decimals: e1 (X .75, Y .2004) has Best
/// 2 − 2·.75 + .2004 = .7004, e2 (X .8, Y .3002) has .7002. Rounded both are .700, so the
/// lower X comes first (e1), while the most deviant flag (set before rounding) is e2's.
#[test]
fn deviant_consistency_order_uses_rounded_values() {
    let data = SetData::new(
        vec!["e1".into(), "e2".into()],
        vec!["A".into(), "Y".into()],
        vec![vec![0.75, 0.8], vec![0.2004, 0.3002]],
    )
    .unwrap();
    let s = case_selection(
        &data,
        &Expression::parse("A").unwrap(),
        &Outcome::parse("Y").unwrap(),
        &["A".into()],
        &CaseOptions::default(),
    )
    .unwrap();
    let d = &s.terms[0].deviant_consistency_kind;
    assert_eq!(names(d, |c| c.case.case.as_str()), ["e1", "e2"]);
    assert!(close(d[0].best, 0.7004) && close(d[1].best, 0.7002));
    assert!(!d[0].most_deviant && d[1].most_deviant);
}
