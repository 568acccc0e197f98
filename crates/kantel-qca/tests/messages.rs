//! Engine errors and warnings are typed messages: each renders in Dutch (the default) and in
//! English from the catalogue, never as an untranslated key, and numbers in them are rounded
//! for people.

use std::collections::BTreeSet;

use kantel_i18n::{Lang, MISSING, Msg};
use kantel_qca::boolean::{CoverProblem, DontCare, Limits, prime_implicants};
use kantel_qca::calibrate::{Calibration, CalibrationOptions, calibrate};
use kantel_qca::cna::{CnaOptions, cna};
use kantel_qca::expr::Expression;
use kantel_qca::minimize::{MinimizeOptions, minimize};
use kantel_qca::necessity::{SearchOptions, super_subset};
use kantel_qca::retention::{Assumption, Perturbation, RetentionSpec, retention};
use kantel_qca::truth_table::{HalfMembership, Outcome, TruthTable, TruthTableSpec};
use kantel_qca::{QcaError, SetData};

fn data(names: &[&str], rows: &[&[f64]]) -> SetData {
    let cases = (1..=rows.len()).map(|i| format!("c{i}")).collect();
    let columns = (0..names.len())
        .map(|j| rows.iter().map(|r| r[j]).collect())
        .collect();
    SetData::new(
        cases,
        names.iter().map(|s| s.to_string()).collect(),
        columns,
    )
    .unwrap()
}

fn spec(outcome: &str, conditions: &[&str]) -> TruthTableSpec {
    TruthTableSpec::new(
        Outcome::parse(outcome).unwrap(),
        conditions.iter().map(|s| s.to_string()).collect(),
    )
}

/// The keys of a message and of every message nested in it.
fn keys(m: &Msg, out: &mut BTreeSet<String>) {
    out.insert(m.key.to_string());
    for (_, a) in &m.args {
        if let kantel_i18n::Arg::Msg(inner) = a {
            keys(inner, out);
        }
    }
}

/// Checks one message in both languages and returns (Dutch, English).
fn both(m: &Msg) -> (String, String) {
    let nl = m.render(Lang::Nl);
    let en = m.render(Lang::En);
    assert!(!nl.contains(MISSING), "untranslated in Dutch: {nl}");
    assert!(!en.contains(MISSING), "untranslated in English: {en}");
    assert_ne!(nl, en, "the Dutch text is the English one: {en}");
    assert_eq!(m.to_string(), en, "Display is English");
    (nl, en)
}

/// Checks an error in both languages and returns (Dutch, English).
fn error(e: QcaError, seen: &mut BTreeSet<String>) -> (String, String) {
    let m = e.msg();
    keys(&m, seen);
    let (nl, en) = both(&m);
    assert_eq!(e.to_string(), en, "to_string is the English message");
    assert_eq!(e.render(Lang::Nl), nl);
    (nl, en)
}

fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn engine_errors_render_in_dutch_and_english() {
    let mut seen = BTreeSet::new();
    let d = data(
        &["A", "B", "Y"],
        &[&[1.0, 0.0, 1.0], &[0.0, 1.0, 0.0], &[1.0, 1.0, 1.0]],
    );

    // Unknown column: named, with the known ones.
    let (nl, en) = error(d.require("FOO").unwrap_err(), &mut seen);
    assert_eq!(
        en, "unknown column \"FOO\" (known columns: A, B, Y)",
        "English text"
    );
    assert_eq!(nl, "onbekende kolom \"FOO\" (bekende kolommen: A, B, Y)");

    // An expression with the position of the problem.
    let (nl, en) = error(Expression::parse("A*B + *C").unwrap_err(), &mut seen);
    assert_eq!(
        en,
        "expression \"A*B + *C\", position 7: expected a condition name after '+'"
    );
    assert!(nl.contains("positie 7") && nl.contains("'+'"), "{nl}");
    let (nl, _) = error(Expression::parse("A[1,").unwrap_err(), &mut seen);
    assert!(nl.contains("'['") && nl.contains("']'"), "{nl}");

    // A cut-off outside [0, 1], computed with floating-point noise: shown rounded.
    let mut s = spec("Y", &["A", "B"]);
    s.incl_cut = 0.6 * 2.0 + 0.000_000_000_000_000_2;
    let (nl, en) = error(TruthTable::build(&d, &s).unwrap_err(), &mut seen);
    assert_eq!(en, "incl.cut must be between 0 and 1, not 1.2");
    assert!(nl.contains("incl.cut") && nl.ends_with("niet 1.2"), "{nl}");
    let mut s = spec("Y", &["A", "B"]);
    s.incl_cut_contradiction = Some(-0.1);
    let (nl, _) = error(TruthTable::build(&d, &s).unwrap_err(), &mut seen);
    assert!(nl.starts_with("incl.cut (tweede waarde)"), "{nl}");

    // Memberships of 0.5: the cases and sets are named.
    let half = data(
        &["A", "B", "Y"],
        &[&[0.5, 0.7, 1.0], &[0.2, 0.9, 0.0], &[0.8, 0.5, 1.0]],
    );
    let (nl, _) = error(
        TruthTable::build(&half, &spec("Y", &["A", "B"])).unwrap_err(),
        &mut seen,
    );
    assert!(
        nl.contains("c1 in A, c3 in B") && nl.contains("0.5"),
        "{nl}"
    );

    // Conditions twice, the outcome as a condition, no conditions.
    error(
        TruthTable::build(&d, &spec("Y", &["A", "A"])).unwrap_err(),
        &mut seen,
    );
    error(
        TruthTable::build(&d, &spec("Y", &["A", "Y"])).unwrap_err(),
        &mut seen,
    );
    error(
        TruthTable::build(&d, &spec("Y", &[])).unwrap_err(),
        &mut seen,
    );

    // Calibration anchors in the wrong order, inside the "cannot read" message.
    let (nl, en) = error(
        Calibration::parse("fuzzy:e=1,c=3,i=2").unwrap_err(),
        &mut seen,
    );
    assert!(en.contains("e=1, crossover c=3, inclusion i=2"), "{en}");
    assert!(
        nl.starts_with(
            "kalibratie: \"fuzzy:e=1,c=3,i=2\" is niet te lezen: ankers in de verkeerde volgorde"
        ),
        "{nl}"
    );
    error(Calibration::parse("sigmoid:1,2,3").unwrap_err(), &mut seen);
    let (nl, _) = error(
        calibrate(
            &[1.0, f64::NAN],
            &Calibration::parse("crisp:0.5").unwrap(),
            &CalibrationOptions::default(),
        )
        .unwrap_err(),
        &mut seen,
    );
    assert!(nl.contains("index 1") && nl.contains("NA"), "{nl}");

    // Data tables.
    error(
        SetData::new(
            vec!["a".into()],
            vec!["A".into(), "A".into()],
            vec![vec![1.0], vec![0.0]],
        )
        .unwrap_err(),
        &mut seen,
    );
    let (nl, _) = error(
        SetData::new(vec!["Assen".into()], vec!["A".into()], vec![vec![f64::NAN]]).unwrap_err(),
        &mut seen,
    );
    assert!(nl.contains("Assen") && nl.starts_with("gegevens: "), "{nl}");

    // Minimization: nothing to explain (cut-offs named with their values), directional
    // expectations without remainders, model cap of 0, pi.cons out of range.
    let neg = data(&["A", "Y"], &[&[1.0, 0.0], &[0.0, 0.0]]);
    let tt = TruthTable::build(&neg, &spec("Y", &["A"])).unwrap();
    let (nl, _) = error(
        minimize(&tt, &MinimizeOptions::default()).unwrap_err(),
        &mut seen,
    );
    assert!(
        nl.contains("incl.cut = 1") && nl.contains("n.cut = 1"),
        "{nl}"
    );
    let tt = TruthTable::build(&d, &spec("Y", &["A", "B"])).unwrap();
    error(
        minimize(
            &tt,
            &MinimizeOptions {
                dir_exp: Some("A".into()),
                ..MinimizeOptions::default()
            },
        )
        .unwrap_err(),
        &mut seen,
    );
    let (nl, en) = error(
        minimize(
            &tt,
            &MinimizeOptions {
                max_models: 0,
                ..MinimizeOptions::default()
            },
        )
        .unwrap_err(),
        &mut seen,
    );
    assert!(
        en.contains("--max-models") && nl.contains("--max-models"),
        "{nl}"
    );
    error(
        minimize(
            &tt,
            &MinimizeOptions {
                pi_cons: 1.5,
                ..MinimizeOptions::default()
            },
        )
        .unwrap_err(),
        &mut seen,
    );
    // Directional expectations that name an unknown condition: an expression error.
    let with_rem = data(
        &["A", "B", "Y"],
        &[&[1.0, 0.0, 1.0], &[0.0, 1.0, 0.0], &[0.0, 0.0, 0.0]],
    );
    let tt = TruthTable::build(&with_rem, &spec("Y", &["A", "B"])).unwrap();
    let (nl, _) = error(
        minimize(
            &tt,
            &MinimizeOptions {
                include_remainders: true,
                dir_exp: Some("A, Q".into()),
                ..MinimizeOptions::default()
            },
        )
        .unwrap_err(),
        &mut seen,
    );
    assert!(nl.contains("\"Q\" is geen conditie"), "{nl}");

    // The proof budget names the real option, --max-nodes.
    let k = 12;
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let names: Vec<String> = (0..k)
        .map(|i| format!("C{i}"))
        .chain(["Y".to_string()])
        .collect();
    let mut columns = vec![Vec::new(); k + 1];
    for n in 0..(1u32 << k) {
        let y = match xorshift(&mut seed) % 100 {
            0..=9 => 1.0,
            10..=21 => 0.0,
            _ => continue,
        };
        for (j, col) in columns.iter_mut().enumerate().take(k) {
            col.push(f64::from((n >> j) & 1));
        }
        columns[k].push(y);
    }
    let cases = (1..=columns[0].len()).map(|i| format!("c{i}")).collect();
    let big = SetData::new(cases, names.clone(), columns).unwrap();
    let conditions: Vec<&str> = names[..k].iter().map(String::as_str).collect();
    let tt = TruthTable::build(&big, &spec("Y", &conditions)).unwrap();
    let (nl, en) = error(
        minimize(
            &tt,
            &MinimizeOptions {
                // R's all.sol on the parsimonious chart of this table: listing every
                // irredundant cover within 50 nodes fails (the minimizing search would
                // return its best cover with bounds instead).
                include_remainders: true,
                solutions: vec![kantel_qca::minimize::SolutionType::Parsimonious],
                all_solutions: true,
                max_nodes: 50,
                ..MinimizeOptions::default()
            },
        )
        .unwrap_err(),
        &mut seen,
    );
    assert!(en.contains("(raise --max-nodes"), "{en}");
    assert!(nl.contains("verhoog --max-nodes"), "{nl}");
    assert!(!en.contains("max_nodes"), "{en}");

    // The prime implicant limit names no option that does not exist.
    let p = CoverProblem {
        noflevels: vec![2; 4],
        on: vec![vec![0, 0, 0, 0], vec![1, 1, 1, 1]],
        dont_care: DontCare::AllExcept(vec![vec![0, 1, 1, 1], vec![1, 0, 0, 0]]),
    };
    let (_, en) = error(
        prime_implicants(&p, &Limits { max_primes: 1 }).unwrap_err(),
        &mut seen,
    );
    assert!(!en.contains("max_primes"), "{en}");

    // Far too many conditions: a sensible size, not "inf configurations".
    let n = 10_000;
    let names: Vec<String> = (0..n)
        .map(|i| format!("X{i}"))
        .chain(["Y".to_string()])
        .collect();
    let wide = SetData::new(vec!["c1".into()], names.clone(), vec![vec![1.0]; n + 1]).unwrap();
    let s = TruthTableSpec::new(Outcome::parse("Y").unwrap(), names[..n].to_vec());
    let (nl, en) = error(TruthTable::build(&wide, &s).unwrap_err(), &mut seen);
    assert!(
        en.contains("10000 conditions give about 10^3010 configurations"),
        "{en}"
    );
    assert!(!en.contains("inf") && !nl.contains("inf"), "{en}");

    // Necessity: raw values; retention: a probability out of range; cna: one factor.
    let raw = data(&["DEV", "Y"], &[&[12.5, 1.0], &[3.0, 0.0]]);
    error(
        super_subset(&raw, "Y", false, &[], &SearchOptions::default()).unwrap_err(),
        &mut seen,
    );
    let crisp = data(&["A", "Y"], &[&[1.0, 1.0], &[0.0, 0.0]]);
    let (nl, _) = error(
        retention(
            &crisp,
            &RetentionSpec {
                outcome: Outcome::parse("Y").unwrap(),
                conditions: Vec::new(),
                incl_cut: 1.0,
                n_cut: 1,
                perturbation: Perturbation::Deletion,
                assumption: Assumption::Independent { p_pert: 1.25 },
            },
        )
        .unwrap_err(),
        &mut seen,
    );
    assert!(nl.contains("p.pert") && nl.contains("1.25"), "{nl}");
    let one = data(&["A"], &[&[1.0], &[0.0]]);
    error(cna(&one, &CnaOptions::default()).unwrap_err(), &mut seen);

    // Simplification beyond its limits.
    let many: Vec<String> = (0..21).map(|i| format!("A{i}")).collect();
    let e = Expression::parse(&many.join("*")).unwrap();
    error(e.simplify(&|_: &str| Some(2)).unwrap_err(), &mut seen);

    assert!(seen.len() >= 25, "{} keys: {seen:?}", seen.len());
}

#[test]
fn engine_warnings_are_typed_and_rounded() {
    // Anchors outside the data range: the range is printed as people read it.
    let values = [1.765_000_000_000_000_1, 3.655_000_000_000_000_2, 2.0];
    let c = calibrate(
        &values,
        &Calibration::parse("fuzzy:e=1,c=2.5,i=4").unwrap(),
        &CalibrationOptions::default(),
    )
    .unwrap();
    assert_eq!(c.warnings.len(), 2);
    assert_eq!(c.warning_msgs.len(), 2);
    for (m, en) in c.warning_msgs.iter().zip(&c.warnings) {
        let (nl, en2) = both(m);
        assert_eq!(&en2, en, "the English warnings are the typed ones rendered");
        assert!(nl.contains("[1.765, 3.655]"), "{nl}");
        assert!(en.contains("[1.765, 3.655]"), "{en}");
    }
    assert_eq!(
        c.warnings[0],
        "exclusion anchor e 1 lies outside the data range [1.765, 3.655]"
    );
    assert_eq!(
        c.warning_msgs[0].render(Lang::Nl),
        "uitsluitingsanker e 1 ligt buiten het bereik van de gegevens [1.765, 3.655]"
    );

    // Memberships of 0.5 under R's behaviour: a truth-table warning that minimization keeps.
    let half = data(
        &["A", "B", "Y"],
        &[&[0.5, 0.7, 1.0], &[0.2, 0.9, 0.0], &[0.8, 0.6, 1.0]],
    );
    let mut s = spec("Y", &["A", "B"]);
    s.half_membership = HalfMembership::Warn;
    s.incl_cut = 0.8;
    let tt = TruthTable::build(&half, &s).unwrap();
    assert_eq!(tt.warning_msgs().len(), 1);
    let (nl, en) = both(&tt.warning_msgs()[0]);
    assert_eq!(tt.warnings()[0], en);
    assert!(
        nl.contains("c1 in A") && nl.contains("valt buiten elke rij"),
        "{nl}"
    );
    let m = minimize(&tt, &MinimizeOptions::default()).unwrap();
    assert_eq!(m.warning_msgs, tt.warning_msgs());
    assert_eq!(m.warnings, tt.warnings());

    // The JSON keeps the English warnings and adds the typed ones (key and arguments).
    let json = serde_json::to_value(&m).unwrap();
    assert_eq!(json["warnings"][0], serde_json::json!(en));
    assert_eq!(
        json["warning_msgs"][0]["key"],
        "qca-tt-half-membership-warning"
    );
    let back: Vec<Msg> = serde_json::from_value(json["warning_msgs"].clone()).unwrap();
    assert_eq!(back, m.warning_msgs);

    // The model cap: a warning that names --max-models, with the cap as a count.
    let d = data(
        &["A", "B", "C", "Y"],
        &[
            &[1.0, 1.0, 0.0, 1.0],
            &[0.0, 1.0, 1.0, 1.0],
            &[1.0, 0.0, 1.0, 1.0],
            &[0.0, 0.0, 0.0, 0.0],
        ],
    );
    let tt = TruthTable::build(&d, &spec("Y", &["A", "B", "C"])).unwrap();
    let m = minimize(
        &tt,
        &MinimizeOptions {
            include_remainders: true,
            max_models: 1,
            ..MinimizeOptions::default()
        },
    )
    .unwrap();
    let cap = m
        .warning_msgs
        .iter()
        .find(|w| w.key == "qca-min-models-listed")
        .expect("the cap is reported");
    let (nl, en) = both(cap);
    // The warning names the solution, how many models exist and the option.
    assert!(
        en.starts_with("parsimonious solution: 1 of ") && en.contains("--max-models"),
        "{en}"
    );
    assert!(nl.contains("--max-models"), "{nl}");
}
