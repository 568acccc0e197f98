//! Enhanced standard analysis (`kantel_qca::esa`) and the cases of theory evaluation
//! (`model_fit`'s intersections): parity with R's `findRows` (LF_findRows.json) and
//! `modelFit` memberships (LF_modelFit.json), and small tables computed by hand.

mod support;

use support::{fixture, load};

use kantel_qca::SetData;
use kantel_qca::esa::{AutoNecessary, EsaOptions, EsaResult, esa};
use kantel_qca::find_rows::NegatedCutoffs;
use kantel_qca::minimize::{MinimizeOptions, SolutionType, minimize};
use kantel_qca::model_fit::model_fit;
use kantel_qca::truth_table::{Edit, ExclusionReason, Out, Outcome, TruthTable, TruthTableSpec};
use serde_json::Value;

fn lf_table() -> TruthTable {
    let data = load("LF");
    let mut spec = TruthTableSpec::new(
        Outcome::parse("SURV").unwrap(),
        ["DEV", "URB", "LIT", "IND", "STB"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
    );
    spec.incl_cut = 0.8;
    TruthTable::build(&data, &spec).unwrap()
}

fn rows(v: &Value) -> Vec<u64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap())
        .collect()
}

/// R's result of the findRows call `call` in LF_findRows.json.
fn r_find_rows(f: &Value, call: &str) -> Vec<u64> {
    let c = f["findRows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["call"].as_str() == Some(call))
        .unwrap_or_else(|| panic!("no call {call}"));
    rows(&c["result"])
}

fn group_rows(r: &EsaResult, rule: &str) -> Vec<u64> {
    r.groups
        .iter()
        .filter(|g| g.reason.rule() == rule)
        .flat_map(|g| g.rows.iter().map(|x| x.row))
        .collect()
}

#[test]
fn esa_rows_match_r_find_rows_on_lf() {
    let f = fixture("LF_findRows.json");
    let tt = lf_table();

    // Contradictory simplifying assumptions and simultaneous subset relations (types 2, 3).
    let options = EsaOptions {
        contradictory: true,
        ..EsaOptions::default()
    };
    let r = esa(&tt, &options).unwrap();
    assert_eq!(
        group_rows(&r, "contradictory_simplifying_assumption"),
        r_find_rows(&f, "findRows(ttLF, type = 2)")
    );
    assert_eq!(
        group_rows(&r, "simultaneous_subset_relation"),
        r_find_rows(&f, "findRows(ttLF, type = 3)")
    );

    // The same with other cut-offs for the negated outcome (findRows' `...`).
    let options = EsaOptions {
        contradictory: true,
        negated: NegatedCutoffs {
            incl_cut: Some(0.9),
            pri_cut: Some(0.7),
            n_cut: None,
        },
        ..EsaOptions::default()
    };
    let r = esa(&tt, &options).unwrap();
    assert_eq!(
        group_rows(&r, "contradictory_simplifying_assumption"),
        r_find_rows(
            &f,
            "findRows(ttLF, type = 2, incl.cut = 0.9, pri.cut = 0.7)"
        )
    );
    assert_eq!(
        group_rows(&r, "simultaneous_subset_relation"),
        r_find_rows(
            &f,
            "findRows(ttLF, type = 3, incl.cut = 0.9, pri.cut = 0.7)"
        )
    );

    // An impossible configuration: the remainders that are subsets of it (type 1).
    let options = EsaOptions {
        impossible: vec!["DEV*~IND*STB".into()],
        ..EsaOptions::default()
    };
    let r = esa(&tt, &options).unwrap();
    assert_eq!(
        group_rows(&r, "impossible"),
        r_find_rows(&f, "findRows(ttLF, \"DEV*~IND*STB\")")
    );

    // All three rules: the union is R's type 0.
    let options = EsaOptions {
        impossible: vec!["DEV*~IND*STB".into()],
        contradictory: true,
        ..EsaOptions::default()
    };
    let r = esa(&tt, &options).unwrap();
    assert_eq!(
        r.excluded_rows,
        r_find_rows(&f, "findRows(ttLF, \"DEV*~IND*STB\", type = 0)")
    );
    // The enhanced parsimonious models assume none of the excluded rows, and the edits on
    // the truth table say why each row went.
    let after = r.after.as_ref().unwrap();
    for m in &after.parsimonious.as_ref().unwrap().models {
        let sa = m.simplifying_assumptions.rows.as_ref().unwrap();
        assert!(
            sa.iter().all(|row| !r.excluded_rows.contains(row)),
            "{} assumes an excluded row: {sa:?}",
            m.expression
        );
    }
    let edited: Vec<u64> = after.truth_table_edits.iter().map(Edit::row).collect();
    assert_eq!(edited, r.excluded_rows);
    // Row 10 is a CSA only; a row found by two rules would carry both reasons.
    let Edit::Exclude {
        previous, reasons, ..
    } = &after.truth_table_edits[0]
    else {
        panic!("not an exclusion");
    };
    assert_eq!(*previous, Out::Remainder);
    assert_eq!(
        reasons,
        &vec![ExclusionReason::ContradictorySimplifyingAssumption]
    );
    // Excluding the same rows with R's `exclude` (TruthTableSpec::exclude, built into the
    // table) gives the same enhanced solutions.
    let mut spec = tt.spec().clone();
    spec.exclude = r.excluded_rows.clone();
    let direct = minimize(
        &TruthTable::build(&load("LF"), &spec).unwrap(),
        &EsaOptions::default().minimize,
    )
    .unwrap();
    assert_eq!(direct.parsimonious, after.parsimonious);
}

/// Five crisp cases of three conditions; rows are 4A + 2B + C + 1.
///
/// | case | A B C | Y | row |
/// |------|-------|---|-----|
/// | c1   | 1 1 1 | 1 | 8   |
/// | c2   | 1 1 0 | 1 | 7   |
/// | c3   | 0 0 0 | 0 | 1   |
/// | c4   | 0 0 1 | 0 | 2   |
/// | c5   | 1 0 0 | 0 | 5   |
///
/// Remainders: rows 3 (~A*B*~C), 4 (~A*B*C), 6 (A*~B*C).
fn hand_data(extra: &[(&str, [f64; 4])]) -> SetData {
    let mut cases = vec![
        ("c1", [1.0, 1.0, 1.0, 1.0]),
        ("c2", [1.0, 1.0, 0.0, 1.0]),
        ("c3", [0.0, 0.0, 0.0, 0.0]),
        ("c4", [0.0, 0.0, 1.0, 0.0]),
        ("c5", [1.0, 0.0, 0.0, 0.0]),
    ];
    cases.extend_from_slice(extra);
    let columns: Vec<Vec<f64>> = (0..4)
        .map(|j| cases.iter().map(|c| c.1[j]).collect())
        .collect();
    SetData::new(
        cases.iter().map(|c| c.0.to_string()).collect(),
        ["A", "B", "C", "Y"].iter().map(|s| s.to_string()).collect(),
        columns,
    )
    .unwrap()
}

fn hand_table(data: &SetData, incl_cut: f64) -> TruthTable {
    let mut spec = TruthTableSpec::new(
        Outcome::parse("Y").unwrap(),
        ["A", "B", "C"].iter().map(|s| s.to_string()).collect(),
    );
    spec.incl_cut = incl_cut;
    TruthTable::build(data, &spec).unwrap()
}

fn pars(m: &kantel_qca::minimize::Minimization) -> Vec<String> {
    m.parsimonious
        .as_ref()
        .unwrap()
        .models
        .iter()
        .map(|m| m.expression.clone())
        .collect()
}

#[test]
fn a_declared_necessary_condition_removes_its_remainders_and_changes_the_solution() {
    // Standard analysis: positive rows 7 (A*B*~C) and 8 (A*B*C), negative 1, 2, 5,
    // remainders 3, 4, 6. With the remainders, B (rows 3, 4, 7, 8: no negative row) covers
    // both positive rows: the parsimonious solution is B, assuming rows 3 and 4.
    // A declared necessary: the remainders lacking A are those in ~A, rows 3 and 4. Without
    // them the prime implicants of {7, 8} + remainder 6 are A*B (rows 7, 8) and A*C
    // (rows 6, 8); A*B alone covers both positive rows: the parsimonious solution is A*B,
    // the conservative solution (A*B) does not change.
    let tt = hand_table(&hand_data(&[]), 1.0);
    let options = EsaOptions {
        necessary: vec!["A".into()],
        ..EsaOptions::default()
    };
    let r = esa(&tt, &options).unwrap();
    assert_eq!(pars(&r.before), ["B"]);
    assert_eq!(pars(r.after.as_ref().unwrap()), ["A*B"]);
    assert_eq!(r.excluded_rows, [3, 4]);
    assert_eq!(r.groups.len(), 1);
    let g = &r.groups[0];
    assert_eq!(
        g.reason,
        ExclusionReason::NecessaryCondition {
            condition: "A".into(),
            negation: "~A".into(),
            found: false,
        }
    );
    let configs: Vec<&str> = g.rows.iter().map(|x| x.configuration.as_str()).collect();
    assert_eq!(configs, ["~A*B*~C", "~A*B*C"]);
    let p = r
        .changes
        .iter()
        .find(|c| c.solution == SolutionType::Parsimonious)
        .unwrap();
    assert!(p.changed);
    assert_eq!(p.dropped, ["B"]);
    assert_eq!(p.added, ["A*B"]);
    let c = r
        .changes
        .iter()
        .find(|c| c.solution == SolutionType::Conservative)
        .unwrap();
    assert!(!c.changed);
    assert_eq!(c.kept, ["A*B"]);
    // The provenance: two exclusions, each with its rule.
    let edits = &r.after.as_ref().unwrap().truth_table_edits;
    assert_eq!(edits.len(), 2);
    assert!(edits.iter().all(
        |e| matches!(e, Edit::Exclude { previous: Out::Remainder, reasons, .. }
                if reasons == &vec![g.reason.clone()])
    ));
    assert!(r.before.truth_table_edits.is_empty());
}

#[test]
fn an_impossible_configuration_the_solution_does_not_use_changes_nothing() {
    // A*~B*C is row 6 only; B does not cover it, so the parsimonious solution stays B.
    let tt = hand_table(&hand_data(&[]), 1.0);
    let options = EsaOptions {
        impossible: vec!["A*~B*C".into()],
        ..EsaOptions::default()
    };
    let r = esa(&tt, &options).unwrap();
    assert_eq!(r.excluded_rows, [6]);
    assert_eq!(pars(r.after.as_ref().unwrap()), ["B"]);
    assert!(r.changes.iter().all(|c| !c.changed));
    // A rule that finds nothing is listed with no rows, and the result says so.
    let options = EsaOptions {
        impossible: vec!["~A*~B".into()],
        ..EsaOptions::default()
    };
    let r = esa(&tt, &options).unwrap();
    assert!(r.excluded_rows.is_empty());
    assert_eq!(r.groups.len(), 1);
    assert!(r.groups[0].rows.is_empty());
    assert_eq!(r.notes.len(), 1);
    assert_eq!(r.notes[0].key, "qca-esa-nothing-excluded");
}

#[test]
fn necessary_conditions_are_found_by_incl_n_and_ron() {
    // Y = {c1, c2}. inclN(A) = Σmin(A,Y)/ΣY = 2/2 = 1; RoN(A) = Σ(1−A)/Σ(1−min(A,Y)) =
    // (c3 + c4)/(c3 + c4 + c5) = 2/3. inclN(B) = 1; RoN(B) = 3/3 = 1. C and ~C: inclN 1/2.
    // ~A, ~B: inclN 0.
    let tt = hand_table(&hand_data(&[]), 1.0);
    let found = |ron_cut| {
        let options = EsaOptions {
            auto_necessary: Some(AutoNecessary {
                incl_cut: 0.9,
                ron_cut,
            }),
            ..EsaOptions::default()
        };
        esa(&tt, &options).unwrap()
    };
    let r = found(0.5);
    let names: Vec<&str> = r
        .auto_necessary
        .iter()
        .map(|f| f.condition.as_str())
        .collect();
    assert_eq!(names, ["A", "B"]);
    assert!((r.auto_necessary[0].ron - 2.0 / 3.0).abs() < 1e-12);
    assert!((r.auto_necessary[1].ron - 1.0).abs() < 1e-12);
    // A excludes rows 3 and 4 (~A), B row 6 (the only remainder in ~B): no remainder is
    // left, and the parsimonious solution is the conservative one, A*B.
    assert_eq!(r.excluded_rows, [3, 4, 6]);
    assert_eq!(pars(r.after.as_ref().unwrap()), ["A*B"]);
    // RoN at least 0.7: only B; row 6 goes, B stays the solution.
    let r = found(0.7);
    assert_eq!(r.auto_necessary.len(), 1);
    assert_eq!(r.excluded_rows, [6]);
    assert_eq!(pars(r.after.as_ref().unwrap()), ["B"]);
}

#[test]
fn a_simultaneous_subset_relation_is_set_to_zero() {
    // Two more cases in row 3 (~A*B*~C), one with Y and one without: its consistency is
    // 1/2 for Y and for ~Y, so at incl.cut 0.5 it is positive for both (type 3). Row 8
    // (Y 1, ~Y 0), row 7 likewise, are positive only for Y. Excluding row 3 sets it to 0.
    let data = hand_data(&[("c6", [0.0, 1.0, 0.0, 1.0]), ("c7", [0.0, 1.0, 0.0, 0.0])]);
    let tt = hand_table(&data, 0.5);
    let options = EsaOptions {
        contradictory: true,
        ..EsaOptions::default()
    };
    let r = esa(&tt, &options).unwrap();
    assert_eq!(group_rows(&r, "simultaneous_subset_relation"), [3]);
    let after = r.after.as_ref().unwrap();
    assert!(!after.explained_rows.contains(&3));
    assert!(r.before.explained_rows.contains(&3));
    let e = after
        .truth_table_edits
        .iter()
        .find(|e| e.row() == 3)
        .unwrap();
    assert!(matches!(
        e,
        Edit::Exclude {
            previous: Out::One,
            ..
        }
    ));
}

#[test]
fn bad_expressions_name_the_option() {
    let tt = hand_table(&hand_data(&[]), 1.0);
    for (options, option, name) in [
        (
            EsaOptions {
                necessary: vec!["A*FOO".into()],
                ..EsaOptions::default()
            },
            "--necessary",
            "FOO",
        ),
        (
            EsaOptions {
                impossible: vec!["A*(B".into()],
                ..EsaOptions::default()
            },
            "--impossible",
            "A*(B",
        ),
    ] {
        let e = esa(&tt, &options).unwrap_err().msg().to_string();
        assert!(e.contains(option) && e.contains(name), "{e}");
    }
}

#[test]
fn theory_cases_follow_r_memberships_on_lf() {
    // The cases of each intersection from R's own memberships (setms) and outcome.
    let f = fixture("LF_modelFit.json");
    let data = load("LF");
    let tt = lf_table();
    let m = minimize(
        &tt,
        &MinimizeOptions {
            include_remainders: true,
            ..MinimizeOptions::default()
        },
    )
    .unwrap();
    let got = model_fit(&data, &m, "DEV*STB").unwrap();
    let want = &f["parsimonious"]["modelFit"];
    let y: Vec<f64> = want["outcome_ms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert_eq!(got[0].cases.len(), 4);
    for c in &got[0].cases {
        let ms: Vec<f64> = want["setms"][c.intersection.as_str()]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        let pick = |keep: &dyn Fn(f64) -> bool| -> Vec<String> {
            (0..ms.len())
                .filter(|&k| ms[k] > 0.5 && keep(y[k]))
                .map(|k| data.cases()[k].clone())
                .collect()
        };
        assert_eq!(c.outcome, pick(&|v| v > 0.5), "{}", c.intersection);
        assert_eq!(c.not_outcome, pick(&|v| v < 0.5), "{}", c.intersection);
    }
    let total: usize = got[0]
        .cases
        .iter()
        .map(|c| c.outcome.len() + c.not_outcome.len() + c.outcome_half.len())
        .sum();
    // Each case with a membership other than 0.5 in every condition lies in exactly one
    // intersection (they partition the property space).
    assert!(total <= data.n_cases());
}

#[test]
fn theory_cases_by_hand() {
    // The five cases and c6 (A*~B*C, Y 0): parsimonious solution B (rows 3, 4 assumed),
    // theory A*C.
    //   c1 111 Y: B and A*C      -> model*theory, Y        (covered most likely)
    //   c2 110 Y: B, not A*C     -> model*~theory, Y       (covered least likely)
    //   c3 000, c4 001, c5 100: neither, not Y -> ~model*~theory, y (consistent least likely)
    //   c6 101 not Y: A*C, not B -> ~model*theory, y       (consistent most likely)
    let data = hand_data(&[("c6", [1.0, 0.0, 1.0, 0.0])]);
    let tt = hand_table(&data, 1.0);
    let m = minimize(
        &tt,
        &MinimizeOptions {
            include_remainders: true,
            ..MinimizeOptions::default()
        },
    )
    .unwrap();
    assert_eq!(pars(&m), ["B"]);
    let got = model_fit(&data, &m, "A*C").unwrap();
    let cases: Vec<(&str, Vec<&str>, Vec<&str>)> = got[0]
        .cases
        .iter()
        .map(|c| {
            (
                c.intersection.as_str(),
                c.outcome.iter().map(String::as_str).collect(),
                c.not_outcome.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        cases,
        vec![
            ("model*theory", vec!["c1"], vec![]),
            ("model*~theory", vec!["c2"], vec![]),
            ("~model*theory", vec![], vec!["c6"]),
            ("~model*~theory", vec![], vec!["c3", "c4", "c5"]),
        ]
    );
}

#[test]
fn auto_necessary_fit_is_r_pof_and_the_cuts_select() {
    // pof(LF[, 1:5], LF$SURV, relation = "necessity") and pof(1 - LF[, 1:5], ...): with both
    // cut-offs 0 every condition and negation is found, in condition order, with R's fit.
    let p = fixture("pof.json");
    let tt = lf_table();
    let run = |incl_cut, ron_cut| {
        esa(
            &tt,
            &EsaOptions {
                auto_necessary: Some(AutoNecessary { incl_cut, ron_cut }),
                ..EsaOptions::default()
            },
        )
        .unwrap()
        .auto_necessary
    };
    let all = run(0.0, 0.0);
    assert_eq!(all.len(), 10);
    let nums = |v: &Value| -> Vec<f64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect()
    };
    for (i, name) in ["DEV", "URB", "LIT", "IND", "STB"].iter().enumerate() {
        for (k, key, label) in [
            (2 * i, "LF_each_nec", name.to_string()),
            (2 * i + 1, "LF_each_neg_nec", format!("~{name}")),
        ] {
            let f = &all[k];
            assert_eq!(f.condition, label);
            let ic = &p[key]["incl.cov"];
            assert!((f.incl - nums(&ic["inclN"])[i]).abs() < 1e-9, "{label}");
            assert!((f.ron - nums(&ic["RoN"])[i]).abs() < 1e-9, "{label}");
            assert!((f.cov - nums(&ic["covN"])[i]).abs() < 1e-9, "{label}");
        }
    }
    // inclN >= 0.9: LIT (0.991, RoN 0.509) and STB (0.920, RoN 0.680); RoN >= 0.6 keeps
    // only STB.
    let names = |f: Vec<kantel_qca::esa::NecessaryFound>| -> Vec<String> {
        f.into_iter().map(|f| f.condition).collect()
    };
    assert_eq!(names(run(0.9, 0.5)), ["LIT", "STB"]);
    assert_eq!(names(run(0.9, 0.6)), ["STB"]);
}

#[test]
fn found_conditions_are_marked_and_a_declared_one_is_listed_once() {
    // On the hand table A and B are found (see necessary_conditions_are_found_by_incl_n_and_ron);
    // B is also declared: B's rule is the declared one, A's the found one.
    let tt = hand_table(&hand_data(&[]), 1.0);
    let r = esa(
        &tt,
        &EsaOptions {
            necessary: vec!["B".into()],
            auto_necessary: Some(AutoNecessary {
                incl_cut: 0.9,
                ron_cut: 0.5,
            }),
            ..EsaOptions::default()
        },
    )
    .unwrap();
    let reasons: Vec<(String, bool)> = r
        .groups
        .iter()
        .map(|g| match &g.reason {
            ExclusionReason::NecessaryCondition {
                condition, found, ..
            } => (condition.clone(), *found),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(reasons, [("B".to_string(), false), ("A".to_string(), true)]);
    assert!(
        r.groups[1]
            .reason
            .msg()
            .render(kantel_i18n::Lang::En)
            .contains("found necessary")
    );
}

#[test]
fn edits_read_back_from_older_json_and_bad_rows_are_refused() {
    // A minimization stored before exclusions existed has only SetOut edits; it still reads.
    let old: Vec<Edit> =
        serde_json::from_str(r#"[{"SetOut": {"row": 3, "out": "1", "reason": "expert"}}]"#)
            .unwrap();
    assert_eq!(old[0].row(), 3);
    assert_eq!(old[0].out(), Out::One);
    // An exclusion round-trips, its reason tagged by rule.
    let tt = hand_table(&hand_data(&[]), 1.0);
    let reason = ExclusionReason::Impossible {
        expression: "A*~B*C".into(),
    };
    let edited = tt.with_exclusions(&[(6, reason.clone())]).unwrap();
    let text = serde_json::to_string(edited.edits()).unwrap();
    assert_eq!(
        text,
        r#"[{"Exclude":{"row":6,"previous":"?","reasons":[{"rule":"impossible","expression":"A*~B*C"}]}}]"#
    );
    let back: Vec<Edit> = serde_json::from_str(&text).unwrap();
    assert_eq!(back, edited.edits());
    assert_eq!(
        edited.rows().iter().find(|r| r.row == 6).unwrap().out,
        Out::Zero
    );
    // Rows outside the table are refused, naming the row.
    for bad in [0, 9] {
        let e = tt.with_exclusions(&[(bad, reason.clone())]).unwrap_err();
        assert!(e.msg().to_string().contains(&bad.to_string()), "{e}");
    }
}
