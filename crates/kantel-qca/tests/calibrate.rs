//! Calibration against R's QCA 3.25 `calibrate()` outputs (testdata/validation/expected),
//! hand calculations for `findTh()`, properties of the membership functions, and errors.

use kantel_qca::QcaError;
use kantel_qca::calibrate::{
    Calibrated, Calibration, CalibrationOptions, DEFAULT_IDM, calibrate, find_thresholds,
};
use proptest::prelude::*;

const TOLERANCE: f64 = 1e-6;

fn testdata(path: &str) -> String {
    let full = format!("{}/../../testdata/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("cannot read {full}: {e}"))
}

/// Splits one CSV line, honouring double quotes (R's write.csv quotes names).
fn split_csv(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    for ch in line.chars() {
        match ch {
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            _ => field.push(ch),
        }
    }
    fields.push(field);
    fields
}

/// A CSV file as (header, columns); the columns are numeric except where `text_first`.
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn read(path: &str) -> Table {
        let text = testdata(path);
        let mut lines = text.lines().filter(|l| !l.trim().is_empty());
        let header = split_csv(lines.next().expect("header"));
        let rows: Vec<Vec<String>> = lines.map(split_csv).collect();
        for (r, row) in rows.iter().enumerate() {
            assert_eq!(
                row.len(),
                header.len(),
                "{path}: row {} has a wrong field count",
                r + 2
            );
        }
        Table { header, rows }
    }

    fn column(&self, name: &str) -> Vec<f64> {
        let j = self
            .header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {:?}", self.header));
        self.rows
            .iter()
            .map(|row| {
                row[j]
                    .parse::<f64>()
                    .unwrap_or_else(|_| panic!("column {name}: {:?} is not a number", row[j]))
            })
            .collect()
    }
}

fn run(values: &[f64], spec: &str) -> Calibrated {
    let calibration = Calibration::parse(spec).unwrap_or_else(|e| panic!("{spec}: {e}"));
    calibrate(values, &calibration, &CalibrationOptions::default())
        .unwrap_or_else(|e| panic!("{spec}: {e}"))
}

/// Largest absolute difference, asserting it stays within `tolerance`; reports the first
/// offending row.
fn assert_close(label: &str, got: &[f64], expected: &[f64], tolerance: f64) -> f64 {
    assert_eq!(got.len(), expected.len(), "{label}: length");
    let mut worst: f64 = 0.0;
    for (row, (g, e)) in got.iter().zip(expected).enumerate() {
        let d = (g - e).abs();
        assert!(
            d <= tolerance,
            "{label}, row {}: got {g}, R gives {e} (difference {d:e})",
            row + 1
        );
        worst = worst.max(d);
    }
    worst
}

// ---------------------------------------------------------------------------------------
// Parity with R

/// Every column of calibrate_direct.csv. The settings are those of the examples on R's
/// `?calibrate` page (INDEX.md: `x <- {set.seed(12345); rnorm(100, 175, 10)}`); the column
/// names encode them, the six-anchor columns use the example anchors.
#[test]
fn direct_methods_match_r() {
    let table = Table::read("validation/expected/calibrate_direct.csv");
    let x = table.column("x");
    let settings = [
        // calibrate(x, type = "crisp", thresholds = 175)
        ("crisp_175", "crisp:175"),
        // calibrate(x, type = "crisp", thresholds = c(170, 180))
        ("crisp_170_180", "crisp:170,180"),
        // calibrate(x, thresholds = "e=165, c=175, i=185")
        ("fuzzy_e165_c175_i185", "fuzzy:e=165,c=175,i=185"),
        // calibrate(x, thresholds = "i=165, c=175, e=185"): decreasing set
        ("fuzzy_i165_c175_e185", "fuzzy:i=165,c=175,e=185"),
        // calibrate(x, thresholds = "e=165, c=175, i=185", idm = 0.99)
        (
            "fuzzy_e165_c175_i185_idm0.99",
            "fuzzy:e=165,c=175,i=185,idm=0.99",
        ),
        // calibrate(x, thresholds = "e=165, c=175, i=185", logistic = FALSE)
        ("linear_e165_c175_i185", "linear:e=165,c=175,i=185"),
        // calibrate(x, thresholds = "e=155, c=175, i=195", logistic = FALSE, below = 3.5, above = 3.5)
        (
            "linear_e155_c175_i195_b3.5_a3.5",
            "linear:e=155,c=175,i=195,below=3.5,above=3.5",
        ),
        // calibrate(x, thresholds = "e1=155, c1=165, i1=175, i2=175, c2=185, e2=195", below = 3, above = 3)
        (
            "bell_b3_a3",
            "bell:e1=155,c1=165,i1=175,i2=175,c2=185,e2=195,below=3,above=3",
        ),
        // calibrate(x, thresholds = "i1=155, c1=165, e1=175, e2=175, c2=185, i2=195", below = 3, above = 3)
        (
            "invbell_b3_a3",
            "bell:i1=155,c1=165,e1=175,e2=175,c2=185,i2=195,below=3,above=3",
        ),
        // calibrate(x, thresholds = "e1=155, c1=165, i1=175, i2=175, c2=185, e2=195")
        (
            "triangular",
            "bell:e1=155,c1=165,i1=175,i2=175,c2=185,e2=195",
        ),
        // calibrate(x, thresholds = "e1=155, c1=165, i1=172, i2=179, c2=187, e2=195")
        (
            "trapezoidal",
            "bell:e1=155,c1=165,i1=172,i2=179,c2=187,e2=195",
        ),
        // calibrate(x, thresholds = "e=155, c=175, i=195", logistic = FALSE, ecdf = TRUE)
        ("ecdf_e155_c175_i195", "ecdf:e=155,c=175,i=195"),
    ];
    // Every column of the fixture is covered.
    assert_eq!(table.header.len(), settings.len() + 1);
    for (column, spec) in settings {
        let expected = table.column(column);
        let got = run(&x, spec);
        let worst = assert_close(column, &got.values, &expected, TOLERANCE);
        assert!(
            worst < 1e-12,
            "{column}: expected bit-level agreement, worst {worst:e}"
        );
        // The example anchors all lie inside the data range (151.2 .. 199.8).
        assert!(got.warnings.is_empty(), "{column}: {:?}", got.warnings);
    }
}

/// calibrate_income.csv: Ragin's 24 incomes, indirect method and a direct calibration.
#[test]
fn income_matches_r() {
    let table = Table::read("validation/expected/calibrate_income.csv");
    let inc = table.column("inc");
    assert_eq!(table.header.len(), 3);

    let direct = run(&inc, "fuzzy:e=2500,c=5000,i=20000");
    let worst = assert_close(
        "direct",
        &direct.values,
        &table.column("direct_e2500_c5000_i20000"),
        TOLERANCE,
    );
    assert!(worst < 1e-12, "direct: worst {worst:e}");

    // R rounds the fitted values to 6 decimals; our IRLS follows glm.fit's iterations, so
    // every value must be the same 6-decimal number (1e-9 allows for the CSV's text form).
    let indirect = run(&inc, "indirect:1000,4000,5000,10000,20000");
    let worst = assert_close(
        "indirect",
        &indirect.values,
        &table.column("indirect_1000_4000_5000_10000_20000"),
        1e-9,
    );
    assert!(worst < 1e-9);
    assert!(indirect.warnings.is_empty(), "{:?}", indirect.warnings);
}

/// calibrate_CVR_to_CVF.csv: the raw ethnic-protest data calibrated with the anchors of
/// Cebotari & Vink (2013), against R and against the published fuzzy data CVF.
#[test]
fn cvr_to_cvf_matches_r() {
    let raw = Table::read("validation/data/CVR.csv");
    let expected = Table::read("validation/expected/calibrate_CVR_to_CVF.csv");
    let published = Table::read("validation/data/CVF.csv");
    let anchors = [
        ("DEMOC", "fuzzy:e=2,c=7,i=9.5"),
        ("ETHFRACT", "fuzzy:e=0,c=0.495,i=0.8"),
        ("GEOCON", "fuzzy:e=0,c=1.25,i=3"),
        ("POLDIS", "fuzzy:e=0,c=0.75,i=3"),
        ("NATPRIDE", "fuzzy:e=0.5,c=1.5,i=2.5"),
        ("PROTEST", "fuzzy:e=0.5,c=1.5,i=3"),
    ];
    assert_eq!(
        expected.header.len(),
        anchors.len() + 1,
        "one column per condition plus case"
    );
    for (column, spec) in anchors {
        let got = run(&raw.column(column), spec);
        let worst = assert_close(column, &got.values, &expected.column(column), TOLERANCE);
        assert!(worst < 1e-12, "{column}: worst {worst:e}");
        // CVF as published holds two decimals computed by the authors from unrounded raw
        // data, so it agrees only to about one hundredth (the largest gap is 0.0087, ETHFRACT).
        assert_close(
            &format!("{column} vs CVF"),
            &got.values,
            &published.column(column),
            0.01,
        );
    }
    // ETHFRACT's exclusion anchor 0 lies below the smallest fractionalisation (0.04).
    let ethfract = run(&raw.column("ETHFRACT"), "fuzzy:e=0,c=0.495,i=0.8");
    assert_eq!(ethfract.warnings.len(), 1, "{:?}", ethfract.warnings);
    assert!(
        ethfract.warnings[0].contains("exclusion anchor e 0"),
        "{:?}",
        ethfract.warnings
    );
}

// ---------------------------------------------------------------------------------------
// Hand calculations

#[test]
fn crisp_value_on_threshold_goes_up() {
    let x = [1.0, 2.0, 2.5, 3.0, 4.0, 5.0];
    let c = run(&x, "crisp:3,2"); // thresholds in any order, as R sorts them
    assert_eq!(c.values, vec![0.0, 1.0, 1.0, 2.0, 2.0, 2.0]);
}

#[test]
fn logistic_without_snapping_is_the_plain_formula() {
    // idm = 0.99 puts x = 151.2 at logistic(ln(99) * (151.2 - 175) / 10) ~ 1.8e-5, which R
    // snaps to 0; without snapping the raw logistic value comes back.
    let x = [151.2, 175.0, 185.0, 199.9];
    let cal = Calibration::parse("fuzzy:e=165,c=175,i=185,idm=0.99").unwrap();
    let raw = calibrate(&x, &cal, &CalibrationOptions { snap: false })
        .unwrap()
        .values;
    let snapped = calibrate(&x, &cal, &CalibrationOptions::default())
        .unwrap()
        .values;
    // Both anchors are 10 from the crossover, so one slope ln(99) / 10 serves both sides.
    let by_hand = |x: f64| 1.0 / (1.0 + (-(99f64.ln()) * (x - 175.0) / 10.0).exp());
    for (j, &xi) in x.iter().enumerate() {
        assert!(
            (raw[j] - by_hand(xi)).abs() < 1e-15,
            "x = {xi}: {} vs {}",
            raw[j],
            by_hand(xi)
        );
    }
    assert!(raw[0] > 0.0 && raw[0] < 1e-4);
    assert_eq!(snapped[0], 0.0);
    assert_eq!(raw[1], 0.5);
    assert!(
        (raw[2] - 0.99).abs() < 1e-12,
        "the inclusion anchor gets idm"
    );
    assert!(raw[3] > 0.9999 && raw[3] < 1.0);
    assert_eq!(snapped[3], 1.0);
}

#[test]
fn logistic_asymmetric_anchors_use_each_side_slope() {
    // e=0, c=1, i=5: below the crossover the slope is ln(19)/1, above ln(19)/4.
    let x = [0.0, 1.0, 5.0, 3.0];
    let v = run(&x, "fuzzy:0,1,5").values;
    let f = |t: f64| 1.0 / (1.0 + (-t).exp());
    let k = 19f64.ln();
    assert!((v[0] - 0.05).abs() < 1e-12);
    assert_eq!(v[1], 0.5);
    assert!((v[2] - 0.95).abs() < 1e-12);
    assert!((v[3] - f(k * 2.0 / 4.0)).abs() < 1e-15);
    assert_eq!(DEFAULT_IDM, 0.95);
}

#[test]
fn linear_and_bell_by_hand() {
    // Linear e=0, c=10, i=30 with below = 2: x = 5 gives (5/10)^2 / 2 = 0.125; above = 1:
    // x = 20 gives 1 - (10/20)/2 = 0.75.
    let v = run(
        &[-1.0, 0.0, 5.0, 10.0, 20.0, 30.0, 31.0],
        "linear:e=0,c=10,i=30,below=2",
    )
    .values;
    assert_eq!(v, vec![0.0, 0.0, 0.125, 0.5, 0.75, 1.0, 1.0]);
    // Decreasing: i=0, c=10, e=30: x = 5 gives 1 - (5/10)/2, x = 20 gives (10/20)/2.
    let v = run(&[-1.0, 5.0, 10.0, 20.0, 31.0], "linear:e=30,c=10,i=0").values;
    assert_eq!(v, vec![1.0, 0.75, 0.5, 0.25, 0.0]);
    // Trapezoid 0, 10, 20, 30, 40, 50: flat at 1 from 20 to 30.
    let v = run(
        &[5.0, 15.0, 25.0, 35.0, 45.0, 60.0],
        "bell:0,10,20,30,40,50",
    )
    .values;
    assert_eq!(v, vec![0.25, 0.75, 1.0, 0.75, 0.25, 0.0]);
    // Inverse bell 0, 10, 20, 30, 40, 50 read as i1, c1, e1, e2, c2, i2.
    let v = run(
        &[5.0, 15.0, 25.0, 35.0, 45.0, 60.0],
        "bell:e1=20,c1=10,i1=0,i2=50,c2=40,e2=30",
    )
    .values;
    assert_eq!(v, vec![0.75, 0.25, 0.0, 0.25, 0.75, 1.0]);
}

#[test]
fn indirect_with_a_saturated_model_returns_the_category_targets() {
    // Three distinct values and five model terms: R's glm drops the aliased terms (rank 3)
    // and the fit is saturated, so the fitted values are the targets of the categories,
    // 0, 0.5 and 1 (0 and 1 approached in the limit, then rounded and snapped). A value on
    // a threshold falls in the lower category; 0 is allowed (R replaces it by 0.00001).
    let x = [0.0, 0.0, 2.0, 2.0, 3.0, 3.0];
    let c = run(&x, "indirect:1,2");
    assert_eq!(c.values, vec![0.0, 0.0, 0.5, 0.5, 1.0, 1.0]);
}

#[test]
fn ecdf_by_hand() {
    // Anchors 0, 5, 10; all ten values 1..=10 lie inside, so Fn(t) = floor(t)/10 and
    // Fn(c) = 0.5. x = 2: (0.2 / 0.5) / 2 = 0.2; x = 7: 1 - ((1 - 0.7) / 0.5) / 2 = 0.7.
    let x: Vec<f64> = (1..=10).map(f64::from).collect();
    let v = run(&x, "ecdf:e=0,c=5,i=10").values;
    let expected = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
    assert_close("ecdf", &v, &expected, 1e-12);
}

/// R's `findTh(x, groups = g)` is `hclust(dist(sort(x)))` (complete linkage) cut into g
/// clusters, each threshold the mean of the last value of a cluster and the first of the
/// next. The merges below are worked out by hand from hclust's rule: merge the pair with
/// the smallest complete-linkage distance (largest pairwise distance between members), and
/// on ties the pair whose first member comes first in sorted order.
#[test]
fn find_thresholds_by_hand() {
    // 1, 2, 4, 8, 16: neighbour distances 1, 2, 4, 8. Merges: {1,2} (1); then {1,2}-4 is 3
    // against 4-8 = 4, so {1,2,4} (3); then {1,2,4}-8 is 7 against 8-16 = 8, so {1,2,4,8}.
    let x = [8.0, 1.0, 16.0, 4.0, 2.0];
    assert_eq!(find_thresholds(&x, 2).unwrap(), vec![12.0]);
    assert_eq!(find_thresholds(&x, 3).unwrap(), vec![6.0, 12.0]);
    assert_eq!(find_thresholds(&x, 4).unwrap(), vec![3.0, 6.0, 12.0]);
    assert_eq!(find_thresholds(&x, 5).unwrap(), vec![1.5, 3.0, 6.0, 12.0]);

    // 0, 1, 2, 3, 4, 5.5: four ties at distance 1; the first pair wins: {0,1}. Then
    // {0,1}-2 = 2, 2-3 = 1, 3-4 = 1, 4-5.5 = 1.5: {2,3} (first of the tied pairs). Then
    // {0,1}-{2,3} = 3, {2,3}-4 = 2, 4-5.5 = 1.5: {4,5.5}. Then {0..3} (3) before
    // {2,3}-{4,5.5} (3.5). Two groups split at (3 + 4) / 2 = 3.5, where single linkage
    // (largest gap) would split at 4.75: this is what complete linkage does.
    let x = [0.0, 1.0, 2.0, 3.0, 4.0, 5.5];
    assert_eq!(find_thresholds(&x, 2).unwrap(), vec![3.5]);
    assert_eq!(find_thresholds(&x, 3).unwrap(), vec![1.5, 3.5]);
    // Four groups (two merges): {0,1}, {2,3}, {4}, {5.5}.
    assert_eq!(find_thresholds(&x, 4).unwrap(), vec![1.5, 3.5, 4.75]);

    // Duplicates merge first at distance 0.
    let x = [5.0, 1.0, 9.0, 1.0, 5.0, 1.0];
    assert_eq!(find_thresholds(&x, 3).unwrap(), vec![3.0, 7.0]);
}

/// The same hclust rule applied by brute force (all pairs of clusters, full distance
/// matrix, R's first-pair tie-breaking) on random data, to check the fast version.
#[test]
fn find_thresholds_matches_brute_force_complete_linkage() {
    fn brute(values: &[f64], groups: usize) -> Vec<f64> {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let x = &sorted;
        let mut clusters: Vec<Vec<usize>> = (0..x.len()).map(|i| vec![i]).collect();
        while clusters.len() > groups {
            let mut best = (f64::INFINITY, 0, 0);
            for (a, first) in clusters.iter().enumerate() {
                for (b, second) in clusters.iter().enumerate().skip(a + 1) {
                    let d = first
                        .iter()
                        .flat_map(|&p| second.iter().map(move |&q| (x[p] - x[q]).abs()))
                        .fold(0.0, f64::max);
                    if d < best.0 {
                        best = (d, a, b);
                    }
                }
            }
            let merged = clusters.remove(best.2);
            clusters[best.1].extend(merged);
        }
        let mut label = vec![0; x.len()];
        for (c, members) in clusters.iter().enumerate() {
            for &m in members {
                label[m] = c;
            }
        }
        let mut cuts: Vec<f64> = x
            .windows(2)
            .zip(label.windows(2))
            .filter(|(_, l)| l[0] != l[1])
            .map(|(v, _)| (v[0] + v[1]) / 2.0)
            .collect();
        cuts.truncate(groups - 1);
        cuts
    }
    let mut state: u64 = 12345;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as f64 / (1u64 << 31) as f64
    };
    for round in 0..200 {
        let n = 2 + round % 25;
        // Coarse values so that ties occur often.
        let x: Vec<f64> = (0..n).map(|_| (next() * 12.0).floor()).collect();
        for groups in 2..=n.min(6) {
            let fast = find_thresholds(&x, groups).unwrap();
            let slow = brute(&x, groups);
            assert_eq!(slow.len(), groups - 1, "x = {x:?}, groups = {groups}");
            assert_eq!(fast, slow, "x = {x:?}, groups = {groups}");
        }
    }
}

#[test]
fn find_thresholds_errors() {
    assert!(matches!(
        find_thresholds(&[1.0, 2.0], 1),
        Err(QcaError::Calibration(_))
    ));
    assert!(matches!(
        find_thresholds(&[1.0, 2.0], 3),
        Err(QcaError::Calibration(_))
    ));
    let e = find_thresholds(&[1.0, f64::NAN, 2.0], 2)
        .unwrap_err()
        .to_string();
    assert!(e.contains("index 1"), "{e}");
}

// ---------------------------------------------------------------------------------------
// Errors and warnings

#[test]
fn anchors_in_wrong_order_are_errors_that_name_them() {
    let x = [160.0, 170.0, 180.0, 190.0];
    for spec in [
        "fuzzy:e=165,c=190,i=185",
        "linear:e=165,c=165,i=185",
        "ecdf:e=185,c=190,i=165",
    ] {
        let cal = match Calibration::parse(spec) {
            Err(e) => {
                let msg = e.to_string();
                assert!(msg.contains("wrong order"), "{spec}: {msg}");
                continue;
            }
            Ok(c) => c,
        };
        panic!("{spec} parsed as {cal:?}");
    }
    // Built directly (e.g. from JSON), the check happens in calibrate().
    let cal = Calibration::Fuzzy {
        exclusion: 165.0,
        crossover: 190.0,
        inclusion: 185.0,
        idm: 0.95,
    };
    let msg = calibrate(&x, &cal, &CalibrationOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("e=165") && msg.contains("c=190") && msg.contains("i=185"),
        "{msg}"
    );
    let cal = Calibration::Bell {
        e1: 155.0,
        c1: 165.0,
        i1: 180.0,
        i2: 175.0,
        c2: 185.0,
        e2: 195.0,
        below: 1.0,
        above: 1.0,
    };
    let msg = calibrate(&x, &cal, &CalibrationOptions::default())
        .unwrap_err()
        .to_string();
    assert!(msg.contains("i1=180") && msg.contains("i2=175"), "{msg}");
}

#[test]
fn invalid_options_are_errors() {
    for spec in [
        "fuzzy:e=1,c=2,i=3,idm=0.5",
        "fuzzy:e=1,c=2,i=3,idm=1",
        "linear:e=1,c=2,i=3,below=0",
        "bell:1,2,3,4,5,6,above=-1",
        "crisp:",
        "crisp:2,2",
        "fuzzy:1,2",
        "fuzzy:e=1,c=2",
        "fuzzy:e=1,c=2,i=3,x=4",
        "fuzzy:e=1,c=2,i=abc",
        "fuzzy:e=1,e=2,c=3,i=4",
        "smooth:1,2,3",
    ] {
        assert!(
            matches!(Calibration::parse(spec), Err(QcaError::Calibration(_))),
            "{spec}"
        );
    }
    let e = Calibration::parse("fuzzy:e=1,c=2,i=abc")
        .unwrap_err()
        .to_string();
    assert!(e.contains("abc"), "{e}");
}

#[test]
fn non_finite_input_is_an_error_naming_the_index() {
    let cal = Calibration::parse("fuzzy:e=1,c=2,i=3").unwrap();
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let msg = calibrate(&[1.0, 2.0, 3.0, bad], &cal, &CalibrationOptions::default())
            .unwrap_err()
            .to_string();
        assert!(msg.contains("index 3"), "{msg}");
    }
    assert!(calibrate(&[], &cal, &CalibrationOptions::default()).is_err());
    let indirect = Calibration::parse("indirect:1,2").unwrap();
    let msg = calibrate(&[1.0, -2.0, 3.0], &indirect, &CalibrationOptions::default())
        .unwrap_err()
        .to_string();
    assert!(msg.contains("index 1") && msg.contains("negative"), "{msg}");
}

#[test]
fn anchors_outside_the_data_range_warn() {
    let x = [10.0, 12.0, 15.0, 18.0];
    let c = run(&x, "fuzzy:e=5,c=14,i=20");
    assert_eq!(c.warnings.len(), 2, "{:?}", c.warnings);
    assert!(c.warnings[0].contains("exclusion anchor e 5") && c.warnings[0].contains("[10, 18]"));
    assert!(c.warnings[1].contains("inclusion anchor i 20"));
    // The memberships are still computed.
    assert_eq!(c.values.len(), 4);
    assert!(run(&x, "crisp:25").warnings[0].contains("threshold 1 25"));
    assert!(
        run(&x, "fuzzy:e=10,c=14,i=18").warnings.is_empty(),
        "anchors on the extremes are inside"
    );
}

// ---------------------------------------------------------------------------------------
// Syntax

#[test]
fn parse_display_describe_and_serde_round_trip() {
    let cases = [
        (
            "fuzzy:e=165,c=175,i=185",
            "thresholds = \"e=165, c=175, i=185\"",
        ),
        (
            "fuzzy:e=165,c=175,i=185,idm=0.99",
            "thresholds = \"e=165, c=175, i=185\", idm = 0.99",
        ),
        (
            "crisp:170,180",
            "type = \"crisp\", thresholds = \"170, 180\"",
        ),
        (
            "indirect:1000,4000,5000,10000,20000",
            "method = \"indirect\", thresholds = \"1000, 4000, 5000, 10000, 20000\"",
        ),
        (
            "linear:e=155,c=175,i=195,below=3.5,above=3.5",
            "thresholds = \"e=155, c=175, i=195\", logistic = FALSE, below = 3.5, above = 3.5",
        ),
        (
            "ecdf:e=155,c=175,i=195",
            "thresholds = \"e=155, c=175, i=195\", logistic = FALSE, ecdf = TRUE",
        ),
        (
            "bell:e1=155,c1=165,i1=175,i2=175,c2=185,e2=195,below=3,above=3",
            "thresholds = \"e1=155, c1=165, i1=175, i2=175, c2=185, e2=195\", below = 3, above = 3",
        ),
    ];
    for (text, r) in cases {
        let c = Calibration::parse(text).unwrap();
        assert_eq!(c.to_string(), text);
        assert_eq!(c.describe(), r);
        assert_eq!(Calibration::parse(&c.to_string()).unwrap(), c);
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(serde_json::from_str::<Calibration>(&json).unwrap(), c);
    }
    // Positional anchors, spaces, R's named order, aliases.
    assert_eq!(
        Calibration::parse(" fuzzy: 165, 175, 185 ").unwrap(),
        Calibration::parse("fuzzy:i=185,c=175,e=165").unwrap()
    );
    assert_eq!(
        Calibration::parse("linear:e=1,c=2,i=3,b=2,q=3").unwrap(),
        Calibration::Linear {
            exclusion: 1.0,
            crossover: 2.0,
            inclusion: 3.0,
            below: 2.0,
            above: 3.0
        }
    );
    let json = r#"{"method":"fuzzy","exclusion":1,"crossover":2,"inclusion":3}"#;
    assert_eq!(
        serde_json::from_str::<Calibration>(json).unwrap(),
        Calibration::parse("fuzzy:1,2,3").unwrap(),
        "idm defaults to 0.95"
    );
}

// ---------------------------------------------------------------------------------------
// Properties

fn three_anchors() -> impl Strategy<Value = (f64, f64, f64)> {
    (-100.0..100.0f64, 0.01..50.0f64, 0.01..50.0f64)
        .prop_map(|(c, below, above)| (c - below, c, c + above))
}

fn check_monotone(x: &[f64], m: &[f64], increasing: bool) -> Result<(), TestCaseError> {
    let mut pairs: Vec<(f64, f64)> = x.iter().copied().zip(m.iter().copied()).collect();
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (x, m) in &pairs {
        prop_assert!(
            (0.0..=1.0).contains(m),
            "membership {m} of {x} outside [0, 1]"
        );
    }
    for w in pairs.windows(2) {
        if increasing {
            prop_assert!(
                w[1].1 >= w[0].1,
                "not non-decreasing: {:?} then {:?}",
                w[0],
                w[1]
            );
        } else {
            prop_assert!(
                w[1].1 <= w[0].1,
                "not non-increasing: {:?} then {:?}",
                w[0],
                w[1]
            );
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn direct_calibration_is_monotone_and_in_unit_interval(
        x in prop::collection::vec(-200.0..200.0f64, 1..60),
        (e, c, i) in three_anchors(),
        idm in 0.51..0.999f64,
        below in 0.1..5.0f64,
        above in 0.1..5.0f64,
        decreasing in any::<bool>(),
        snap in any::<bool>(),
    ) {
        let (e, i) = if decreasing { (i, e) } else { (e, i) };
        let options = CalibrationOptions { snap };
        let specs = [
            Calibration::Fuzzy { exclusion: e, crossover: c, inclusion: i, idm },
            Calibration::Linear { exclusion: e, crossover: c, inclusion: i, below, above },
            Calibration::Ecdf { exclusion: e, crossover: c, inclusion: i },
        ];
        for spec in &specs {
            match calibrate(&x, spec, &options) {
                Ok(m) => check_monotone(&x, &m.values, !decreasing)?,
                // ecdf needs at least one value between the anchors
                Err(err) => prop_assert!(matches!(spec, Calibration::Ecdf { .. }), "{err}"),
            }
        }
    }

    #[test]
    fn crisp_groups_are_monotone_counts(
        x in prop::collection::vec(-50.0..50.0f64, 1..40),
        t in prop::collection::btree_set(-50i32..50, 1..5),
    ) {
        let thresholds: Vec<f64> = t.iter().rev().map(|&v| f64::from(v)).collect();
        let k = thresholds.len() as f64;
        let out = calibrate(&x, &Calibration::Crisp { thresholds }, &CalibrationOptions::default()).unwrap();
        check_monotone(&x, &out.values.iter().map(|v| v / k).collect::<Vec<_>>(), true)?;
    }
}
