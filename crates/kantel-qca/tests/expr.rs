//! Boolean expressions in R QCA notation: parsing, printing, membership, negation,
//! simplification and factorisation, checked against hand calculations and brute force.

use std::collections::BTreeSet;
use std::path::PathBuf;

use kantel_qca::expr::{Expression, Literal, Term};
use kantel_qca::{QcaError, SetData};
use proptest::prelude::*;

fn parse(s: &str) -> Expression {
    Expression::parse(s).unwrap_or_else(|e| panic!("{s:?} should parse: {e}"))
}

fn binary(_: &str) -> Option<u8> {
    None
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

// ---------------------------------------------------------------------------------------
// Parsing and printing
// ---------------------------------------------------------------------------------------

#[test]
fn round_trips() {
    let cases = [
        ("A", "A"),
        ("~A*B + C", "~A*B + C"),
        ("  ~A *B+C ", "~A*B + C"),
        ("A[2]", "A[2]"),
        ("A{2}", "A[2]"),
        ("~A[2]", "~A[2]"),
        ("A[1,2]", "A[1,2]"),
        ("A{2, 1, 2}", "A[1,2]"),
        (
            "DEV[2]*LIT[1] + DEV[1]*URB[0]",
            "DEV[2]*LIT[1] + DEV[1]*URB[0]",
        ),
        ("A[1]B[0]", "A[1]*B[0]"),
        ("HIGH-INCOME*~LOW_EDU + x.1", "HIGH-INCOME*~LOW_EDU + x.1"),
        ("Ämter*~Größe", "Ämter*~Größe"),
        ("A*B*C + A*B*C", "A*B*C"),
        ("A*A*B", "A*B"),
        ("(A + B)*C", "A*C + B*C"),
        ("~(A + B)*C", "~A*~B*C"),
        ("~(A*B)", "~A + ~B"),
        ("~~A", "A"),
        ("~(~A)", "A"),
        ("A*(B + C*~D)", "A*B + A*C*~D"),
        ("(A + B)(A + ~B)", "A + A*~B + B*A"),
        ("~(A + B*C)", "~A*~B + ~A*~C"),
        ("~(A[1] + B)", "~A[1]*~B"),
        ("A*~A + B", "B"),
        ("A[1]*A[2] + B", "B"),
        ("A~B", "A*~B"),
        ("1", "1"),
        ("0", "0"),
        ("A*0 + B*1", "B"),
    ];
    for (input, printed) in cases {
        let e = parse(input);
        assert_eq!(e.to_string(), printed, "printing {input:?}");
        let again = parse(&e.to_string());
        assert_eq!(again, e, "re-parsing the printed form of {input:?}");
    }
}

#[test]
fn structure_of_parsed_literals() {
    let e = parse("~DEV[1,2]*HIGH-INCOME");
    assert_eq!(
        e.terms,
        vec![Term::new(vec![
            Literal::multi("DEV", &[1, 2], true),
            Literal::binary("HIGH-INCOME", false),
        ])]
    );
    assert_eq!(e.conditions(), names(&["DEV", "HIGH-INCOME"]));
    let e = parse("C*~A + B*A + C");
    assert_eq!(e.conditions(), names(&["C", "A", "B"]));
}

fn parse_error(input: &str) -> (usize, String) {
    match Expression::parse(input) {
        Err(QcaError::Expression {
            expression,
            position,
            message,
        }) => {
            assert_eq!(expression, input);
            (position, message.to_string())
        }
        other => panic!("{input:?}: expected a parse error, got {other:?}"),
    }
}

#[test]
fn parse_errors_name_position_and_expectation() {
    let cases: &[(&str, usize, &str)] = &[
        // dangling operators
        ("A*", 3, "expected a condition name after '*'"),
        ("A + ", 5, "expected a condition name after '+'"),
        ("~", 2, "expected a condition name after '~'"),
        // double operators
        ("A**B", 3, "expected a condition name after '*'"),
        ("A + * B", 5, "expected a condition name after '+'"),
        ("*A", 1, "expected a condition name"),
        // parentheses
        ("(A + B", 1, "unclosed '('"),
        ("A*(B + (C", 8, "unclosed '('"),
        ("A*(B + C", 3, "unclosed '('"),
        ("A + B)", 6, "unexpected ')'"),
        ("()", 2, "expected a condition name after '('"),
        ("(A & B)", 4, "unexpected character '&'"),
        // level lists
        ("A[]", 3, "empty level list"),
        ("A{ }", 4, "empty level list"),
        ("A[1,", 2, "unclosed '['"),
        ("A[1,]", 5, "expected a level after ','"),
        ("A{1]", 4, "expected ',' or '}'"),
        ("A[x]", 3, "expected a level"),
        ("A[256]", 3, "level too large"),
        // characters and names
        ("A & B", 3, "unexpected character '&'"),
        ("Ä & B", 3, "unexpected character '&'"),
        ("A B", 3, "expected '*' or '+'"),
        ("2B", 1, "must start with a letter"),
        ("A*-B", 3, "must start with a letter"),
        ("INCOME- + B", 7, "cannot end with '-'"),
        // empty input
        ("", 1, "empty expression"),
        ("   ", 1, "empty expression"),
    ];
    for &(input, position, expected) in cases {
        let (pos, message) = parse_error(input);
        assert_eq!(pos, position, "{input:?}: {message}");
        assert!(
            message.contains(expected),
            "{input:?}: message {message:?} should contain {expected:?}"
        );
    }
}

#[test]
fn names_with_dashes_are_one_condition() {
    let e = parse("HIGH-INCOME*~LOW-EDU");
    assert_eq!(e.conditions(), names(&["HIGH-INCOME", "LOW-EDU"]));
    let data = SetData::new(
        names(&["a", "b"]),
        names(&["HIGH-INCOME", "LOW-EDU"]),
        vec![vec![0.8, 0.3], vec![0.1, 0.9]],
    )
    .unwrap();
    // a: min(0.8, 1 - 0.1) = 0.8; b: min(0.3, 1 - 0.9) = 0.1
    let m = e.membership(&data).unwrap();
    assert!(
        (m[0] - 0.8).abs() < 1e-12 && (m[1] - 0.1).abs() < 1e-12,
        "{m:?}"
    );
}

// ---------------------------------------------------------------------------------------
// Membership
// ---------------------------------------------------------------------------------------

fn read_csv(name: &str) -> SetData {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/validation/data")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .unwrap()
        .split(',')
        .map(|s| s.trim_matches('"').to_string())
        .collect();
    assert_eq!(header[0], "case");
    let mut cases = Vec::new();
    let mut columns = vec![Vec::new(); header.len() - 1];
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split(',').collect();
        cases.push(fields[0].trim_matches('"').to_string());
        for (j, f) in fields[1..].iter().enumerate() {
            columns[j].push(f.parse::<f64>().unwrap());
        }
    }
    SetData::new(cases, header[1..].to_vec(), columns).unwrap()
}

#[test]
fn fuzzy_membership_on_lf() {
    let lf = read_csv("LF.csv");
    let m = parse("DEV*~IND + URB*STB").membership(&lf).unwrap();
    // By hand from LF.csv. AU: DEV .81, URB .12, IND .73, STB .43:
    // max(min(.81, 1 - .73), min(.12, .43)) = max(.27, .12) = .27.
    assert!((m[0] - 0.27).abs() < 1e-12, "AU {}", m[0]);
    // BE: DEV .99, URB .89, IND 1, STB .98: max(min(.99, 0), min(.89, .98)) = .89.
    assert!((m[1] - 0.89).abs() < 1e-12, "BE {}", m[1]);
    // Every case against the formula written out.
    let col = |n: &str| lf.column(n).unwrap().to_vec();
    let (dev, urb, ind, stb) = (col("DEV"), col("URB"), col("IND"), col("STB"));
    for i in 0..lf.n_cases() {
        let want = dev[i].min(1.0 - ind[i]).max(urb[i].min(stb[i]));
        assert!((m[i] - want).abs() < 1e-12, "case {}", lf.cases()[i]);
    }
    // Term-level and literal-level evaluation agree.
    let e = parse("DEV*~IND + URB*STB");
    assert!((e.terms[0].membership_at(&lf, 0).unwrap() - 0.27).abs() < 1e-12);
    assert!((e.terms[0].literals[1].membership_at(&lf, 1).unwrap() - 0.0).abs() < 1e-12);
    // A level of a fuzzy set is an error, as is an unknown name.
    assert!(matches!(
        parse("DEV[1]").membership(&lf),
        Err(QcaError::Settings(m)) if m.to_string().contains("fuzzy")
    ));
    assert!(matches!(
        parse("DEV*FOO").membership(&lf),
        Err(QcaError::UnknownColumn { name, .. }) if name == "FOO"
    ));
    assert!(matches!(
        e.terms[0].membership_at(&lf, 99),
        Err(QcaError::Settings(_))
    ));
}

#[test]
fn multi_value_membership_on_lm() {
    let lm = read_csv("LM.csv");
    let m = parse("DEV[2] + DEV[1]*STB[1]").membership(&lm).unwrap();
    // AU: DEV 1, STB 0 -> 0; BE: DEV 2 -> 1; CZ: DEV 1, STB 1 -> 1; EE: DEV 0 -> 0.
    assert_eq!(&m[..4], &[0.0, 1.0, 1.0, 0.0]);
    let dev = lm.column("DEV").unwrap();
    let urb = lm.column("URB").unwrap();
    let stb = lm.column("STB").unwrap();
    let m2 = parse("~DEV[0]*URB{0} + DEV[1,2]*~STB")
        .membership(&lm)
        .unwrap();
    for i in 0..lm.n_cases() {
        let a = dev[i] != 0.0 && urb[i] == 0.0;
        let b = (dev[i] == 1.0 || dev[i] == 2.0) && stb[i] == 0.0;
        let want = if a || b { 1.0 } else { 0.0 };
        assert_eq!(m2[i], want, "case {}", lm.cases()[i]);
        let want1 = if dev[i] == 2.0 || (dev[i] == 1.0 && stb[i] == 1.0) {
            1.0
        } else {
            0.0
        };
        assert_eq!(m[i], want1, "case {}", lm.cases()[i]);
    }
    // A bare name on a multi-value column tells the user to write a level.
    match parse("DEV*STB").membership(&lm) {
        Err(QcaError::Settings(msg)) => assert!(msg.to_string().contains("DEV[level]"), "{msg}"),
        other => panic!("{other:?}"),
    }
}

// ---------------------------------------------------------------------------------------
// Negation, simplification: brute force over all configurations
// ---------------------------------------------------------------------------------------

const BIN: [&str; 5] = ["A", "B", "C", "D", "E"];

/// Five binary conditions and M with three levels.
fn mv_levels(name: &str) -> Option<u8> {
    (name == "M").then_some(3)
}

/// Every configuration of A..E (binary) and M (levels 0..2) as one case each.
fn all_configurations() -> (SetData, Vec<[u8; 6]>) {
    let mut configs = Vec::new();
    for code in 0..96u32 {
        let mut c = [0u8; 6];
        for (j, slot) in c.iter_mut().take(5).enumerate() {
            *slot = ((code >> j) & 1) as u8;
        }
        c[5] = (code / 32) as u8;
        configs.push(c);
    }
    let mut columns = vec![Vec::new(); 6];
    for c in &configs {
        for j in 0..6 {
            columns[j].push(f64::from(c[j]));
        }
    }
    let mut cols = names(&BIN);
    cols.push("M".into());
    let cases = (0..96).map(|i| format!("c{i}")).collect();
    (SetData::new(cases, cols, columns).unwrap(), configs)
}

#[derive(Clone, Debug)]
enum Node {
    Lit(usize, bool),
    Mv(Vec<u8>, bool),
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
}

impl Node {
    fn render(&self) -> String {
        match self {
            Node::Lit(i, n) => format!("{}{}", if *n { "~" } else { "" }, BIN[*i]),
            Node::Mv(levels, n) => {
                let l: Vec<String> = levels.iter().map(u8::to_string).collect();
                format!("{}M[{}]", if *n { "~" } else { "" }, l.join(","))
            }
            Node::And(v) => format!(
                "({})",
                v.iter().map(Node::render).collect::<Vec<_>>().join("*")
            ),
            Node::Or(v) => format!(
                "({})",
                v.iter().map(Node::render).collect::<Vec<_>>().join(" + ")
            ),
            Node::Not(x) => format!("~{}", x.render()),
        }
    }

    fn eval(&self, c: &[u8; 6]) -> bool {
        match self {
            Node::Lit(i, n) => (c[*i] == 1) != *n,
            Node::Mv(levels, n) => levels.contains(&c[5]) != *n,
            Node::And(v) => v.iter().all(|x| x.eval(c)),
            Node::Or(v) => v.iter().any(|x| x.eval(c)),
            Node::Not(x) => !x.eval(c),
        }
    }
}

fn node() -> impl Strategy<Value = Node> {
    let leaf = prop_oneof![
        3 => (0..5usize, any::<bool>()).prop_map(|(i, n)| Node::Lit(i, n)),
        1 => (prop::collection::btree_set(0u8..3, 1..=2), any::<bool>())
            .prop_map(|(s, n)| Node::Mv(s.into_iter().collect(), n)),
    ];
    leaf.prop_recursive(3, 20, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..=3).prop_map(Node::And),
            prop::collection::vec(inner.clone(), 1..=3).prop_map(Node::Or),
            inner.prop_map(|n| Node::Not(Box::new(n))),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn parse_negate_and_simplify_agree_with_brute_force(tree in node()) {
        let (data, configs) = all_configurations();
        let text = tree.render();
        let e = parse(&text);
        let m = e.membership(&data).unwrap();
        let neg = e.negate(&mv_levels).unwrap();
        let mn = neg.membership(&data).unwrap();
        let simple = e.simplify(&mv_levels).unwrap();
        let ms = simple.membership(&data).unwrap();
        for (i, c) in configs.iter().enumerate() {
            let want = if tree.eval(c) { 1.0 } else { 0.0 };
            prop_assert_eq!(m[i], want, "parsed {} = {} at {:?}", text, e, c);
            prop_assert_eq!(mn[i], 1.0 - want, "negation {} of {} at {:?}", neg, text, c);
            prop_assert_eq!(ms[i], want, "simplified {} of {} at {:?}", simple, text, c);
        }
        // Simplifying twice changes nothing; negating twice gives the simplified form.
        prop_assert_eq!(simple.simplify_in(&e.conditions(), &mv_levels).unwrap(), simple.clone());
        prop_assert_eq!(neg.negate_in(&e.conditions(), &mv_levels).unwrap().to_string(),
            e.simplify(&mv_levels).unwrap().to_string());
    }
}

#[test]
fn negation_examples_from_r_documentation() {
    // Ragin (1987, p. 99), admisc's negate("AC + B~C"): by De Morgan,
    // (~A + ~C)(~B + C) = ~A*~B + ~A*C + ~B*~C, and ~A*~B is the consensus of the other two.
    let e = parse("A*C + B*~C");
    assert_eq!(
        e.negate_in(&names(&["A", "B", "C"]), &binary)
            .unwrap()
            .to_string(),
        "~A*C + ~B*~C"
    );
    // Default order is first appearance: A, C, B.
    assert_eq!(e.negate(&binary).unwrap().to_string(), "~A*C + ~C*~B");
    // negate("AB*EF + ~CD*EF"): (~AB + ~EF)(CD + ~EF) = ~AB*CD + ~EF.
    assert_eq!(
        parse("AB*EF + ~CD*EF").negate(&binary).unwrap().to_string(),
        "~EF + ~AB*CD"
    );
    // Multi-value: not level 1 of a three-level A is level 0 or 2.
    let three = |n: &str| (n == "A").then_some(3);
    assert_eq!(parse("A[1]").negate(&three).unwrap().to_string(), "A[0,2]");
    assert_eq!(
        parse("A[1]*B").negate(&three).unwrap().to_string(),
        "A[0,2] + ~B"
    );
    assert_eq!(parse("A + ~A").negate(&binary).unwrap().to_string(), "0");
    assert_eq!(
        parse("A*~B")
            .negate(&binary)
            .unwrap()
            .negate(&binary)
            .unwrap()
            .to_string(),
        "A*~B"
    );
}

#[test]
fn larger_expressions_simplify_in_reasonable_time() {
    // Ten conditions, six terms: the negation and simplification stay exact and fast.
    let text = "A*B*~C*D + ~A*E*F*G + B*~E*H*I + C*~F*J*A + ~D*G*~H*E + F*~I*~J*B";
    let e = parse(text);
    let neg = e.negate(&binary).unwrap();
    let simple = e.simplify(&binary).unwrap();
    // Check by brute force over all 4096 configurations.
    let vars = e.conditions();
    let configs = configurations(&vec![2; vars.len()]);
    let data = SetData::new(
        (0..configs.len()).map(|i| format!("c{i}")).collect(),
        vars.clone(),
        (0..vars.len())
            .map(|j| configs.iter().map(|c| f64::from(c[j])).collect())
            .collect(),
    )
    .unwrap();
    let m = e.membership(&data).unwrap();
    let mn = neg.membership(&data).unwrap();
    let ms = simple.membership(&data).unwrap();
    for i in 0..configs.len() {
        assert_eq!(mn[i], 1.0 - m[i]);
        assert_eq!(ms[i], m[i]);
    }
    // No two terms of the input share enough to merge, so it is already minimal.
    assert_eq!(simple.terms.len(), 6);
}

#[test]
fn hard_cover_problems_fail_with_an_error_instead_of_running_for_ever() {
    // The negation of eight four-literal terms over twelve conditions has a cyclic prime
    // implicant chart of a few hundred rows and columns.
    let text = "A*B*~C*D + ~A*E*F*G + B*~E*H*I + C*~F*J*K + ~D*G*~H*L + E*~I*~J*A + \
                F*K*~L*~B + ~G*H*J*C";
    let e = parse(text);
    assert_eq!(e.simplify(&binary).unwrap().terms.len(), 8);
    match e.negate(&binary) {
        Err(QcaError::Settings(m)) => assert!(m.to_string().contains("too complex"), "{m}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn negated_parentheses_expand() {
    assert_eq!(parse("~(A + B)*C").to_string(), "~A*~B*C");
    assert_eq!(
        parse("~(A + B)*C").simplify(&binary).unwrap().to_string(),
        "~A*~B*C"
    );
}

#[test]
fn simplification_examples_from_r_documentation() {
    // simplify("(A + B)(A + ~B)") is "A".
    assert_eq!(
        parse("(A + B)(A + ~B)")
            .simplify(&binary)
            .unwrap()
            .to_string(),
        "A"
    );
    // Ragin (1987, p. 144): simplify("~L~W(SG + LW)", snames = "S, L, W, G") is "S~L~WG".
    let slwg = names(&["S", "L", "W", "G"]);
    assert_eq!(
        parse("~L*~W*(S*G + L*W)")
            .simplify_in(&slwg, &binary)
            .unwrap()
            .to_string(),
        "S*~L*~W*G"
    );
    // p. 145: simplify("SW(SG + LW)") is "SWG + SLW" (our canonical order lists S*L*W first).
    assert_eq!(
        parse("S*W*(S*G + L*W)")
            .simplify_in(&slwg, &binary)
            .unwrap()
            .to_string(),
        "S*L*W + S*W*G"
    );
    // p. 146: simplify("L~G(SG + LW)") is "LW~G".
    assert_eq!(
        parse("L*~G*(S*G + L*W)")
            .simplify_in(&slwg, &binary)
            .unwrap()
            .to_string(),
        "L*W*~G"
    );
    // Intersections of levels of one condition (admisc's details): with three levels,
    // ~A{0,2}*A{1,2} is A{1}, and A{0}*A{1} is empty.
    let three = |n: &str| (n == "A").then_some(3);
    assert_eq!(
        parse("~A{0,2}*A{1,2}")
            .simplify(&three)
            .unwrap()
            .to_string(),
        "A[1]"
    );
    assert_eq!(parse("A{0}*A{1} + A{0}*~A{0}").to_string(), "0");
    assert_eq!(
        parse("A[0] + A[1,2]").simplify(&three).unwrap().to_string(),
        "1"
    );
    assert_eq!(
        parse("A[0] + A[1]").simplify(&three).unwrap().to_string(),
        "A[0,1]"
    );
}

#[test]
fn simplify_errors() {
    let many: Vec<String> = (0..21).map(|i| format!("X{i}")).collect();
    let e = parse(&many.join("*"));
    assert!(
        matches!(e.simplify(&binary), Err(QcaError::Settings(m)) if m.to_string().contains("at most 20"))
    );
    let three = |n: &str| (n == "A").then_some(3);
    assert!(
        matches!(parse("A*B").simplify(&three), Err(QcaError::Settings(m)) if m.to_string().contains("A[level]"))
    );
    assert!(
        matches!(parse("A[3]").simplify(&three), Err(QcaError::Settings(m)) if m.to_string().contains("out of range"))
    );
    assert!(
        matches!(parse("A[2]").simplify(&binary), Err(QcaError::Settings(m)) if m.to_string().contains("out of range"))
    );
    assert!(parse("A*B").simplify_in(&names(&["A"]), &binary).is_err());
}

/// Brute-force minimum over *all* sums of products on a tiny space: returns (terms,
/// literals) of the best cover of exactly the ON configurations.
fn brute_force_minimum(levels: &[u8], on: &BTreeSet<Vec<u8>>) -> (usize, usize) {
    let configs = configurations(levels);
    // Every product of non-empty level sets.
    let mut cubes: Vec<(Vec<u32>, usize)> = vec![(Vec::new(), 0)];
    for &k in levels {
        let full = (1u32 << k) - 1;
        let mut next = Vec::new();
        for (cube, lits) in &cubes {
            for mask in 1..=full {
                let mut c = cube.clone();
                c.push(mask);
                next.push((c, lits + usize::from(mask != full)));
            }
        }
        cubes = next;
    }
    let covers = |cube: &[u32], c: &[u8]| cube.iter().zip(c).all(|(m, &l)| m >> l & 1 == 1);
    // Only cubes inside the ON set can appear in an exact cover.
    let implicants: Vec<(Vec<bool>, usize)> = cubes
        .iter()
        .filter(|(cube, _)| configs.iter().all(|c| !covers(cube, c) || on.contains(c)))
        .map(|(cube, lits)| (configs.iter().map(|c| covers(cube, c)).collect(), *lits))
        .collect();
    if on.is_empty() {
        return (0, 0);
    }
    for k in 1..=implicants.len() {
        let mut best: Option<usize> = None;
        let mut idx: Vec<usize> = (0..k).collect();
        loop {
            let covered = (0..configs.len())
                .all(|r| !on.contains(&configs[r]) || idx.iter().any(|&i| implicants[i].0[r]));
            if covered {
                let lits: usize = idx.iter().map(|&i| implicants[i].1).sum();
                best = Some(best.map_or(lits, |b: usize| b.min(lits)));
            }
            if !next_combination(&mut idx, implicants.len()) {
                break;
            }
        }
        if let Some(l) = best {
            return (k, l);
        }
    }
    unreachable!("the ON minterms themselves are a cover")
}

/// Advances `idx` (strictly increasing indices below `n`) to the next combination in
/// lexicographic order; false after the last one.
fn next_combination(idx: &mut [usize], n: usize) -> bool {
    let k = idx.len();
    for i in (0..k).rev() {
        if idx[i] < n - k + i {
            idx[i] += 1;
            for j in i + 1..k {
                idx[j] = idx[j - 1] + 1;
            }
            return true;
        }
    }
    false
}

#[test]
fn combinations_are_all_enumerated() {
    let mut idx = vec![0, 1];
    let mut seen = vec![idx.clone()];
    while next_combination(&mut idx, 4) {
        seen.push(idx.clone());
    }
    let want: Vec<Vec<usize>> = vec![
        vec![0, 1],
        vec![0, 2],
        vec![0, 3],
        vec![1, 2],
        vec![1, 3],
        vec![2, 3],
    ];
    assert_eq!(seen, want);
}

fn configurations(levels: &[u8]) -> Vec<Vec<u8>> {
    let mut out = vec![Vec::new()];
    for &k in levels {
        out = out
            .into_iter()
            .flat_map(|c| {
                (0..k).map(move |l| {
                    let mut c = c.clone();
                    c.push(l);
                    c
                })
            })
            .collect();
    }
    out
}

/// Checks every function on the space: simplify is equivalent and as short as the best
/// sum of products found by exhaustive search.
fn check_all_functions(vars: &[&str], levels: &[u8]) {
    let configs = configurations(levels);
    let level_of = |n: &str| {
        let k = levels[vars.iter().position(|v| *v == n).unwrap()];
        (k != 2).then_some(k)
    };
    let data = SetData::new(
        (0..configs.len()).map(|i| format!("c{i}")).collect(),
        names(vars),
        (0..vars.len())
            .map(|j| configs.iter().map(|c| f64::from(c[j])).collect())
            .collect(),
    )
    .unwrap();
    for f in 0u32..(1 << configs.len()) {
        let on: BTreeSet<Vec<u8>> = configs
            .iter()
            .enumerate()
            .filter(|(i, _)| f >> i & 1 == 1)
            .map(|(_, c)| c.clone())
            .collect();
        // The function written as the sum of its ON configurations.
        let minterm = |c: &Vec<u8>| {
            c.iter()
                .enumerate()
                .map(|(j, &l)| {
                    if levels[j] == 2 {
                        format!("{}{}", if l == 1 { "" } else { "~" }, vars[j])
                    } else {
                        format!("{}[{l}]", vars[j])
                    }
                })
                .collect::<Vec<_>>()
                .join("*")
        };
        let text: Vec<String> = on.iter().map(minterm).collect();
        let text = if text.is_empty() {
            vec!["0".to_string()]
        } else {
            text
        };
        let e = parse(&text.join(" + "));
        let s = e.simplify(&level_of).unwrap();
        let m = s.membership(&data).unwrap();
        for (i, c) in configs.iter().enumerate() {
            assert_eq!(m[i] == 1.0, on.contains(c), "function {f:#b}: {s} at {c:?}");
        }
        let (terms, lits) = brute_force_minimum(levels, &on);
        let got_lits: usize = s.terms.iter().map(|t| t.literals.len()).sum();
        assert_eq!(
            (s.terms.len(), got_lits),
            (terms, lits),
            "function {f:#b}: {s}"
        );
    }
}

#[test]
fn simplify_is_minimal_for_every_function_of_three_binary_conditions() {
    check_all_functions(&["A", "B", "C"], &[2, 2, 2]);
}

#[test]
fn simplify_is_minimal_for_every_function_of_a_binary_and_a_three_level_condition() {
    check_all_functions(&["M", "B"], &[3, 2]);
    check_all_functions(&["B", "M"], &[2, 3]);
}

#[test]
fn simplify_is_minimal_for_every_function_of_two_three_level_conditions() {
    check_all_functions(&["M", "N"], &[3, 3]);
}

// ---------------------------------------------------------------------------------------
// Factorisation
// ---------------------------------------------------------------------------------------

#[test]
fn factorize_examples_from_r_documentation() {
    // factorize("AbcD + AbCd + AbCD + ABCd"), here with tildes. Worked by hand: the terms
    // T0 = A~B~CD, T1 = A~BC~D, T2 = A~BCD, T3 = ABC~D share the factors A (all), A~B (T0-T2),
    // AC (T1-T3), A~BC (T1, T2), A~BD (T0, T2) and AC~D (T1, T3); the rest in parentheses is
    // simplified (e.g. ~C*D + C*~D + C*D = C + D).
    let e = parse("A*~B*~C*D + A*~B*C*~D + A*~B*C*D + A*B*C*~D");
    assert_eq!(
        e.factorize(),
        vec![
            "A*(~B*D + C*~D)",
            "A*~B*(C + D) + A*B*C*~D",
            "A*~B*~C*D + A*C*(~B + ~D)",
            "A*(B*C*~D + ~B*~C*D) + A*~B*C",
            "A*~B*D + A*C*~D",
        ]
    );
    // factorize("one*TWO*four + one*THREE + THREE*four"): one factor per shared condition.
    let e = parse("one*TWO*four + one*THREE + THREE*four");
    assert_eq!(
        e.factorize(),
        vec![
            "one*(THREE + TWO*four) + four*THREE",
            "four*(THREE + one*TWO) + one*THREE",
            "one*TWO*four + THREE*(one + four)",
        ]
    );
    let e = parse("~ONE*TWO*~FOUR + ~ONE*THREE + THREE*~FOUR");
    assert_eq!(
        e.factorize(),
        vec![
            "~ONE*(THREE + TWO*~FOUR) + ~FOUR*THREE",
            "~FOUR*(THREE + ~ONE*TWO) + ~ONE*THREE",
            "~ONE*TWO*~FOUR + THREE*(~ONE + ~FOUR)",
        ]
    );
    // factorize(simplify("SW(SG + LW)")) is "SW(G + L)".
    assert_eq!(parse("S*W*G + S*L*W").factorize(), vec!["S*W*(G + L)"]);
}

#[test]
fn factorize_edge_cases() {
    // Nothing in common: the expression itself.
    assert_eq!(parse("A*B + C*D").factorize(), vec!["A*B + C*D"]);
    // A*B + A*~B = A*(B + ~B) = A.
    assert_eq!(parse("A*B + A*~B").factorize(), vec!["A"]);
    // A + A*B = A*(1 + B) = A.
    assert_eq!(parse("A + A*B").factorize(), vec!["A"]);
    // Multi-value parts stay as written without the number of levels ...
    assert_eq!(
        parse("B*A[0] + B*A[1]").factorize(),
        vec!["B*(A[0] + A[1])"]
    );
    // ... and are simplified with it.
    let three = |n: &str| (n == "A").then_some(3);
    assert_eq!(
        parse("B*A[0] + B*A[1]").factorize_with(&three),
        vec!["B*A[0,1]"]
    );
    let two = |n: &str| (n == "A").then_some(2);
    assert_eq!(parse("B*A[0] + B*A[1]").factorize_with(&two), vec!["B"]);
    // Every factorisation is equivalent to the expression.
    let (data, _) = all_configurations();
    let e = parse("A*B*C + A*B*D + A*E + ~C*E");
    let want = e.membership(&data).unwrap();
    let all = e.factorize();
    assert!(all.len() > 1, "{all:?}");
    for f in all {
        assert_eq!(parse(&f).membership(&data).unwrap(), want, "{f}");
    }
}
