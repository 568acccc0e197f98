//! Integration tests: every statistic and p-value against an independent reference —
//! brute-force enumeration written here, exact integer recursions, hand calculations, or
//! values published in R's documentation.

use kantel_stats::*;
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------
// Independent reference implementations (deliberately naive and different in approach).
// ---------------------------------------------------------------------------------------

/// Average ranks by counting: 1 + #smaller + (#equal − 1)/2.
fn naive_ranks(v: &[f64]) -> Vec<f64> {
    v.iter()
        .map(|&a| {
            let less = v.iter().filter(|&&b| b < a).count() as f64;
            let equal = v.iter().filter(|&&b| b == a).count() as f64;
            1.0 + less + (equal - 1.0) / 2.0
        })
        .collect()
}

/// All permutations of 0..n in lexicographic order (recursive insertion, not Heap's).
fn all_permutations(n: usize) -> Vec<Vec<usize>> {
    fn rec(prefix: &mut Vec<usize>, used: &mut [bool], out: &mut Vec<Vec<usize>>) {
        if prefix.len() == used.len() {
            out.push(prefix.clone());
            return;
        }
        for i in 0..used.len() {
            if !used[i] {
                used[i] = true;
                prefix.push(i);
                rec(prefix, used, out);
                prefix.pop();
                used[i] = false;
            }
        }
    }
    let mut out = Vec::new();
    rec(&mut Vec::new(), &mut vec![false; n], &mut out);
    out
}

/// All k-subsets of 0..n.
fn all_subsets(n: usize, k: usize) -> Vec<Vec<usize>> {
    (0u32..(1 << n))
        .filter(|m| m.count_ones() as usize == k)
        .map(|m| (0..n).filter(|i| m & (1 << i) != 0).collect())
        .collect()
}

/// Mann–Whitney U by pair counting (ties ½).
fn naive_u(x: &[f64], y: &[f64]) -> f64 {
    let mut u = 0.0;
    for a in x {
        for b in y {
            if a > b {
                u += 1.0;
            } else if a == b {
                u += 0.5;
            }
        }
    }
    u
}

/// (two-sided, less, greater) p-values of the rank-sum test by enumerating every split of
/// the pooled values into groups of sizes n1 and n2.
fn brute_mann_whitney(x: &[f64], y: &[f64]) -> (f64, f64, f64) {
    let pooled: Vec<f64> = x.iter().chain(y).copied().collect();
    let (n1, n2) = (x.len(), y.len());
    let centre = (n1 * n2) as f64 / 2.0;
    let obs = naive_u(x, y);
    let (mut two, mut less, mut greater, mut total) = (0.0, 0.0, 0.0, 0.0);
    for s in all_subsets(n1 + n2, n1) {
        let gx: Vec<f64> = s.iter().map(|&i| pooled[i]).collect();
        let gy: Vec<f64> = (0..n1 + n2)
            .filter(|i| !s.contains(i))
            .map(|i| pooled[i])
            .collect();
        let u = naive_u(&gx, &gy);
        total += 1.0;
        // U is a multiple of ½, so 1e-9 only absorbs nothing but guards the comparison.
        if (u - centre).abs() >= (obs - centre).abs() - 1e-9 {
            two += 1.0;
        }
        if u <= obs + 1e-9 {
            less += 1.0;
        }
        if u >= obs - 1e-9 {
            greater += 1.0;
        }
    }
    (two / total, less / total, greater / total)
}

fn naive_pearson(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len() as f64;
    let ma = a.iter().sum::<f64>() / n;
    let mb = b.iter().sum::<f64>() / n;
    let cov: f64 = a.iter().zip(b).map(|(p, q)| (p - ma) * (q - mb)).sum();
    let va: f64 = a.iter().map(|p| (p - ma).powi(2)).sum();
    let vb: f64 = b.iter().map(|q| (q - mb).powi(2)).sum();
    cov / (va * vb).sqrt()
}

fn naive_spearman(x: &[f64], y: &[f64]) -> f64 {
    naive_pearson(&naive_ranks(x), &naive_ranks(y))
}

/// τ-b from the textbook definition with explicit concordant/discordant/tie counts.
fn naive_tau_b(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len();
    let (mut c, mut d, mut tx, mut ty) = (0.0, 0.0, 0.0, 0.0);
    for i in 0..n {
        for j in i + 1..n {
            let dx = x[i] - x[j];
            let dy = y[i] - y[j];
            if dx == 0.0 {
                tx += 1.0;
            }
            if dy == 0.0 {
                ty += 1.0;
            }
            if dx * dy > 0.0 {
                c += 1.0;
            } else if dx * dy < 0.0 {
                d += 1.0;
            }
        }
    }
    let n0 = (n * (n - 1) / 2) as f64;
    (c - d) / ((n0 - tx) * (n0 - ty)).sqrt()
}

/// (two-sided, less, greater) p-values of a correlation statistic by re-pairing y in all n!
/// ways. Statistics are compared with a relative tolerance because they are floats here.
fn brute_correlation(x: &[f64], y: &[f64], stat: fn(&[f64], &[f64]) -> f64) -> (f64, f64, f64) {
    let obs = stat(x, y);
    let eps = 1e-9;
    let (mut two, mut less, mut greater, mut total) = (0.0, 0.0, 0.0, 0.0);
    for p in all_permutations(x.len()) {
        let yp: Vec<f64> = p.iter().map(|&i| y[i]).collect();
        let t = stat(x, &yp);
        total += 1.0;
        if t.abs() >= obs.abs() - eps {
            two += 1.0;
        }
        if t <= obs + eps {
            less += 1.0;
        }
        if t >= obs - eps {
            greater += 1.0;
        }
    }
    (two / total, less / total, greater / total)
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

macro_rules! assert_close {
    ($a:expr, $b:expr, $tol:expr) => {{
        let (a, b) = ($a, $b);
        assert!(
            close(a, b, $tol),
            "{} = {a} but expected {b} (tol {})",
            stringify!($a),
            $tol
        );
    }};
}

// ---------------------------------------------------------------------------------------
// Descriptives
// ---------------------------------------------------------------------------------------

#[test]
fn descriptives_by_hand() {
    let x = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];
    // Sum 40 → mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32; 32/7.
    assert_eq!(mean(&x), Some(5.0));
    assert_close!(sd(&x).unwrap(), (32.0f64 / 7.0).sqrt(), 1e-12);
    assert_eq!(median(&x), Some(4.5));
    assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
    assert_eq!(mean(&[]), None);
    assert_eq!(sd(&[1.0]), None);
    assert_eq!(median(&[]), None);
    assert_eq!(ranks(&x), naive_ranks(&x));
}

#[test]
fn pearson_against_naive_and_errors() {
    let x = [1.0, 2.0, 3.0, 4.0, 5.0];
    let y = [2.0, 1.0, 4.0, 3.0, 5.0];
    // Σdxdy = 8 (−2·−1 + −1·−2 + 0 + 1·0 + 2·2), Σdx² = Σdy² = 10.
    assert_close!(pearson(&x, &y).unwrap(), 0.8, 1e-12);
    assert!(matches!(
        pearson(&x, &[1.0; 5]),
        Err(StatsError::Constant { what: "y", .. })
    ));
}

// ---------------------------------------------------------------------------------------
// Mann–Whitney
// ---------------------------------------------------------------------------------------

fn check_mann_whitney_against_brute_force(x: &[f64], y: &[f64]) {
    let r = mann_whitney(x, y).unwrap();
    let (two, less, greater) = brute_mann_whitney(x, y);
    assert!(r.exact);
    assert_eq!(r.method, PValueMethod::Exact);
    assert_close!(r.u, naive_u(x, y), 1e-12);
    let pooled: Vec<f64> = x.iter().chain(y).copied().collect();
    let w: f64 = naive_ranks(&pooled)[..x.len()].iter().sum();
    assert_close!(r.w, w, 1e-12);
    assert_close!(r.p_value, two, 1e-12);
    assert_close!(r.p_less, less, 1e-12);
    assert_close!(r.p_greater, greater, 1e-12);
    assert_close!(r.rank_biserial, cliffs_delta(x, y).unwrap(), 1e-12);
    assert_eq!((r.n1, r.n2), (x.len(), y.len()));
}

#[test]
fn mann_whitney_no_ties_matches_enumeration() {
    check_mann_whitney_against_brute_force(&[3.1, 7.4, 5.0, 9.2], &[1.2, 4.4, 6.3, 2.8, 0.5]);
    // Complete separation: the most extreme of C(9,4) = 126 splits, both directions.
    let r = mann_whitney(&[10.0, 11.0, 12.0, 13.0], &[1.0, 2.0, 3.0, 4.0, 5.0]).unwrap();
    assert_close!(r.p_value, 2.0 / 126.0, 1e-15);
    assert_eq!(r.rank_biserial, 1.0);
}

#[test]
fn mann_whitney_with_ties_matches_enumeration() {
    check_mann_whitney_against_brute_force(&[2.0, 3.0, 3.0, 5.0], &[1.0, 3.0, 2.0, 2.0, 4.0]);
    // Larger group first (exercises the complement branch), heavy ties.
    check_mann_whitney_against_brute_force(
        &[1.0, 1.0, 2.0, 2.0, 2.0, 3.0, 4.0],
        &[2.0, 3.0, 3.0, 4.0, 4.0],
    );
    // Likert-like data, n1 = 7, n2 = 6.
    check_mann_whitney_against_brute_force(
        &[4.0, 5.0, 3.0, 4.0, 5.0, 2.0, 4.0],
        &[2.0, 3.0, 1.0, 3.0, 4.0, 2.0],
    );
    // Every value tied: U = n1n2/2 and every split is equally extreme.
    let r = mann_whitney(&[1.0, 1.0], &[1.0, 1.0, 1.0]).unwrap();
    assert_eq!((r.u, r.p_value, r.rank_biserial), (3.0, 1.0, 0.0));
}

#[test]
fn mann_whitney_r_documentation_example() {
    // R, ?wilcox.test (Hollander & Wolfe 1973, p. 69): permeability constants of the human
    // chorioamnion; `wilcox.test(x, y, alternative = "g")` prints W = 35, p-value = 0.1272.
    let x = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    let y = [1.15, 0.88, 0.90, 0.74, 1.21];
    let r = mann_whitney(&x, &y).unwrap();
    assert_eq!(r.u, 35.0);
    assert_close!(r.p_greater, 0.1272, 5e-5);
    // No ties, so the null distribution is symmetric and the two-sided p is twice that.
    assert_close!(r.p_value, 2.0 * r.p_greater, 1e-12);
}

/// Exact number of (n1, n2) arrangements with each U, by the classic Mann–Whitney (1947)
/// recursion f(u; m, n) = f(u − n; m − 1, n) + f(u; m, n − 1), in exact integers.
fn mann_whitney_u_counts(m: usize, n: usize) -> Vec<u128> {
    // table[m][n] = counts over u; built bottom-up.
    let mut table: Vec<Vec<Vec<u128>>> = vec![vec![Vec::new(); n + 1]; m + 1];
    for i in 0..=m {
        for j in 0..=n {
            let mut c = vec![0u128; i * j + 1];
            if i == 0 || j == 0 {
                c[0] = 1;
            } else {
                for (u, slot) in c.iter_mut().enumerate() {
                    if u >= j && u - j < table[i - 1][j].len() {
                        *slot += table[i - 1][j][u - j];
                    }
                    if u < table[i][j - 1].len() {
                        *slot += table[i][j - 1][u];
                    }
                }
            }
            table[i][j] = c;
        }
    }
    table[m][n].clone()
}

#[test]
fn mann_whitney_exact_matches_integer_recursion_for_larger_groups() {
    // n1 = 12, n2 = 15 without ties: C(27,12) ≈ 1.7e7 splits, too many to enumerate in a
    // debug test, so compare with the exact integer recursion instead.
    let x: Vec<f64> = (0..12).map(|i| (i * 7 % 27) as f64 + 0.5).collect();
    let y: Vec<f64> = (0..27)
        .map(|v| v as f64 + 0.5)
        .filter(|v| !x.contains(v))
        .collect();
    assert_eq!(y.len(), 15);
    let r = mann_whitney(&x, &y).unwrap();
    let counts = mann_whitney_u_counts(12, 15);
    let total: u128 = counts.iter().sum();
    let u_obs = naive_u(&x, &y) as usize;
    let centre2 = 12 * 15; // 2 · E[U]
    let two: u128 = (0..counts.len())
        .filter(|&u| (2 * u).abs_diff(centre2) >= (2 * u_obs).abs_diff(centre2))
        .map(|u| counts[u])
        .sum();
    let less: u128 = counts[..=u_obs].iter().sum();
    assert_close!(r.p_value, two as f64 / total as f64, 1e-13);
    assert_close!(r.p_less, less as f64 / total as f64, 1e-13);
}

#[test]
fn mann_whitney_monte_carlo_agrees_with_exact() {
    let x = [4.0, 5.0, 3.0, 4.0, 5.0, 2.0, 4.0];
    let y = [2.0, 3.0, 1.0, 3.0, 4.0, 2.0];
    let exact = mann_whitney(&x, &y).unwrap();
    let mc = mann_whitney_permutation(&x, &y, 20_000, 42).unwrap();
    assert!(!mc.exact);
    assert_eq!(
        mc.method,
        PValueMethod::Permutation {
            permutations: 20_000,
            seed: 42
        }
    );
    // Standard error ≤ 0.0036 at 20 000 draws; 0.015 is > 4 SE.
    assert_close!(mc.p_value, exact.p_value, 0.015);
    assert_close!(mc.p_greater, exact.p_greater, 0.015);
    assert_eq!(mc.u, exact.u);
}

#[test]
fn mann_whitney_falls_back_to_seeded_permutation_above_limit() {
    let x: Vec<f64> = (0..101).map(|i| (i % 17) as f64).collect();
    let y: Vec<f64> = (0..100).map(|i| (i % 13) as f64 + 1.0).collect();
    let r = mann_whitney(&x, &y).unwrap();
    assert!(!r.exact);
    assert_eq!(
        r.method,
        PValueMethod::Permutation {
            permutations: DEFAULT_PERMUTATIONS,
            seed: MANN_WHITNEY_FALLBACK_SEED
        }
    );
    assert_close!(r.u, naive_u(&x, &y), 1e-9);
    assert!(r.p_value > 0.0 && r.p_value <= 1.0);
}

#[test]
fn mann_whitney_errors_name_the_problem() {
    assert_eq!(
        mann_whitney(&[], &[1.0]),
        Err(StatsError::Empty { what: "x" })
    );
    let e = mann_whitney(&[1.0], &[2.0, f64::NAN]).unwrap_err();
    assert!(matches!(
        e,
        StatsError::NonFinite {
            what: "y",
            index: 1,
            ..
        }
    ));
    assert!(e.to_string().contains("index 1"));
    assert_eq!(
        mann_whitney_permutation(&[1.0], &[2.0], 0, 1),
        Err(StatsError::NoPermutations)
    );
}

// ---------------------------------------------------------------------------------------
// Spearman
// ---------------------------------------------------------------------------------------

fn check_spearman_against_brute_force(x: &[f64], y: &[f64]) {
    let r = spearman(x, y, 1).unwrap();
    let (two, less, greater) = brute_correlation(x, y, naive_spearman);
    assert_eq!(r.method, PValueMethod::Exact);
    assert_close!(r.estimate, naive_spearman(x, y), 1e-12);
    assert_close!(r.p_value, two, 1e-12);
    assert_close!(r.p_less, less, 1e-12);
    assert_close!(r.p_greater, greater, 1e-12);
    assert_eq!(r.n, x.len());
}

#[test]
fn spearman_exact_matches_enumeration_n7() {
    check_spearman_against_brute_force(
        &[1.2, 3.4, 2.2, 5.9, 4.1, 7.7, 6.3],
        &[2.0, 1.5, 3.3, 4.8, 6.1, 5.0, 7.2],
    );
    // With ties in both variables.
    check_spearman_against_brute_force(
        &[1.0, 2.0, 2.0, 3.0, 4.0, 4.0, 5.0],
        &[3.0, 1.0, 2.0, 2.0, 5.0, 4.0, 5.0],
    );
    // Textbook formula without ties: ρ = 1 − 6Σd²/(n³ − n).
    let x = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0];
    let y = [2.0, 1.0, 4.0, 3.0, 7.0, 5.0, 6.0];
    // d = −1, 1, −1, 1, −2, 1, 1 → Σd² = 10 → 1 − 60/336.
    assert_close!(
        spearman(&x, &y, 0).unwrap().estimate,
        1.0 - 60.0 / 336.0,
        1e-12
    );
}

#[test]
fn spearman_r_documentation_example() {
    // R, ?cor.test (Hollander & Wolfe 1973, p. 187f.): Hunter L lightness vs panel scores
    // of 9 lots of canned tuna. `cor.test(x, y, method = "spearm", alternative = "g")`
    // prints S = 48, p-value = 0.0484, rho = 0.6 (R's exact AS 89 branch for n = 9).
    let x = [44.4, 45.9, 41.9, 53.3, 44.7, 44.1, 50.7, 45.2, 60.1];
    let y = [2.6, 3.1, 2.5, 5.0, 3.6, 4.0, 5.2, 2.8, 3.8];
    let r = spearman(&x, &y, 0).unwrap();
    assert_eq!(r.method, PValueMethod::Exact);
    assert_close!(r.estimate, 0.6, 1e-12);
    assert_close!(r.p_greater, 0.0484, 5e-5);
}

#[test]
fn spearman_monte_carlo_agrees_with_enumeration() {
    let x = [1.0, 2.0, 2.0, 3.0, 4.0, 4.0, 5.0];
    let y = [3.0, 1.0, 2.0, 2.0, 5.0, 4.0, 5.0];
    let (two, _, greater) = brute_correlation(&x, &y, naive_spearman);
    let mc = spearman_permutation(&x, &y, 20_000, 7).unwrap();
    assert_close!(mc.p_value, two, 0.015);
    assert_close!(mc.p_greater, greater, 0.015);
    // Above n = 9 the default switches to Monte Carlo with the documented settings.
    let x: Vec<f64> = (0..12).map(|i| ((i * 5) % 12) as f64).collect();
    let y: Vec<f64> = (0..12)
        .map(|i| ((i * 7) % 12) as f64 + (i % 3) as f64)
        .collect();
    let r = spearman(&x, &y, 99).unwrap();
    assert_eq!(
        r.method,
        PValueMethod::Permutation {
            permutations: 20_000,
            seed: 99
        }
    );
    assert_close!(r.estimate, naive_spearman(&x, &y), 1e-12);
}

#[test]
fn spearman_errors() {
    assert_eq!(
        spearman(&[1.0, 2.0], &[1.0], 0),
        Err(StatsError::LengthMismatch { x_len: 2, y_len: 1 })
    );
    assert!(matches!(
        spearman(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0], 0),
        Err(StatsError::Constant { what: "x", .. })
    ));
    assert!(matches!(
        spearman(&[1.0], &[2.0], 0),
        Err(StatsError::TooFew {
            needed: 2,
            got: 1,
            ..
        })
    ));
    assert!(matches!(
        spearman(&[1.0, f64::INFINITY], &[1.0, 2.0], 0),
        Err(StatsError::NonFinite {
            what: "x",
            index: 1,
            ..
        })
    ));
    assert!(matches!(
        spearman(&[], &[], 0),
        Err(StatsError::Empty { what: "x" })
    ));
}

// ---------------------------------------------------------------------------------------
// Kendall
// ---------------------------------------------------------------------------------------

fn check_kendall_against_brute_force(x: &[f64], y: &[f64]) {
    let r = kendall_tau_b(x, y, 1).unwrap();
    let (two, less, greater) = brute_correlation(x, y, naive_tau_b);
    assert_eq!(r.method, PValueMethod::Exact);
    assert_close!(r.estimate, naive_tau_b(x, y), 1e-12);
    assert_close!(r.p_value, two, 1e-12);
    assert_close!(r.p_less, less, 1e-12);
    assert_close!(r.p_greater, greater, 1e-12);
}

#[test]
fn kendall_exact_matches_enumeration() {
    // Without ties (Mahonian path), n = 7 and n = 8.
    check_kendall_against_brute_force(
        &[1.2, 3.4, 2.2, 5.9, 4.1, 7.7, 6.3],
        &[2.0, 1.5, 3.3, 4.8, 6.1, 5.0, 7.2],
    );
    check_kendall_against_brute_force(
        &[8.0, 3.0, 5.0, 1.0, 7.0, 2.0, 6.0, 4.0],
        &[6.0, 1.0, 4.0, 3.0, 8.0, 2.0, 7.0, 5.0],
    );
    // Negative association.
    check_kendall_against_brute_force(
        &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
        &[7.0, 5.0, 6.0, 3.0, 4.0, 1.0, 2.0],
    );
    // y = 2,4,1,3 has 3 of 6 pairs inverted: S = 0, so the two-sided p must be 1.
    check_kendall_against_brute_force(&[1.0, 2.0, 3.0, 4.0], &[2.0, 4.0, 1.0, 3.0]);
    assert_eq!(
        kendall_tau_b(&[1.0, 2.0, 3.0, 4.0], &[2.0, 4.0, 1.0, 3.0], 0)
            .unwrap()
            .p_value,
        1.0
    );
    // With ties (enumeration path), n = 7.
    check_kendall_against_brute_force(
        &[1.0, 2.0, 2.0, 3.0, 4.0, 4.0, 5.0],
        &[3.0, 1.0, 2.0, 2.0, 5.0, 4.0, 5.0],
    );
}

#[test]
fn kendall_r_documentation_example() {
    // R, ?cor.test (Hollander & Wolfe 1973, p. 187f.), same tuna data:
    // `cor.test(x, y, method = "kendall", alternative = "greater")` prints
    // T = 26, p-value = 0.05972, tau = 0.4444444.
    let x = [44.4, 45.9, 41.9, 53.3, 44.7, 44.1, 50.7, 45.2, 60.1];
    let y = [2.6, 3.1, 2.5, 5.0, 3.6, 4.0, 5.2, 2.8, 3.8];
    let r = kendall_tau_b(&x, &y, 0).unwrap();
    assert_close!(r.estimate, 4.0 / 9.0, 1e-12);
    assert_close!(r.p_greater, 0.05972, 5e-6);
}

/// Mahonian numbers (permutations of n by inversion count) in exact integers.
fn mahonian_counts(n: usize) -> Vec<u128> {
    let mut row = vec![1u128];
    for i in 2..=n {
        let mut next = vec![0u128; row.len() + i - 1];
        for (k, &c) in row.iter().enumerate() {
            for slot in &mut next[k..k + i] {
                *slot += c;
            }
        }
        row = next;
    }
    row
}

#[test]
fn kendall_exact_matches_integer_mahonian_n25() {
    // n = 25 without ties: 25! ≈ 1.6e25 fits in u128.
    let n = 25;
    let x: Vec<f64> = (0..n).map(|i| i as f64).collect();
    let y: Vec<f64> = (0..n)
        .map(|i| ((i * 11 + 3) % n) as f64 + 0.1 * i as f64)
        .collect();
    let r = kendall_tau_b(&x, &y, 0).unwrap();
    assert_eq!(r.method, PValueMethod::Exact);
    let counts = mahonian_counts(n);
    let total: u128 = counts.iter().sum();
    let n0 = n * (n - 1) / 2;
    // Discordant pairs = inversions of y in x-order.
    let mut inv = 0;
    for i in 0..n {
        for j in i + 1..n {
            if y[i] > y[j] {
                inv += 1;
            }
        }
    }
    assert_close!(
        r.estimate,
        1.0 - 4.0 * inv as f64 / (n * (n - 1)) as f64,
        1e-12
    );
    let s_obs = n0 as i64 - 2 * inv as i64;
    let two: u128 = (0..=n0)
        .filter(|&k| (n0 as i64 - 2 * k as i64).abs() >= s_obs.abs())
        .map(|k| counts[k])
        .sum();
    let greater: u128 = counts[..=inv].iter().sum();
    assert_close!(r.p_value, two as f64 / total as f64, 1e-13);
    assert_close!(r.p_greater, greater as f64 / total as f64, 1e-13);
    assert_close!(
        r.p_less,
        counts[inv..].iter().sum::<u128>() as f64 / total as f64,
        1e-13
    );
}

#[test]
fn kendall_monte_carlo_agrees_with_enumeration() {
    let x = [1.0, 2.0, 2.0, 3.0, 4.0, 4.0, 5.0];
    let y = [3.0, 1.0, 2.0, 2.0, 5.0, 4.0, 5.0];
    let (two, less, _) = brute_correlation(&x, &y, naive_tau_b);
    let mc = kendall_tau_b_permutation(&x, &y, 20_000, 3).unwrap();
    assert_close!(mc.p_value, two, 0.015);
    assert_close!(mc.p_less, less, 0.015);
    // Ties and n > 9: the default is Monte Carlo.
    let x: Vec<f64> = (0..14).map(|i| (i / 2) as f64).collect();
    let y: Vec<f64> = (0..14).map(|i| ((i * 3) % 5) as f64).collect();
    let r = kendall_tau_b(&x, &y, 5).unwrap();
    assert!(matches!(
        r.method,
        PValueMethod::Permutation { seed: 5, .. }
    ));
    assert_close!(r.estimate, naive_tau_b(&x, &y), 1e-12);
}

// ---------------------------------------------------------------------------------------
// Multiple testing
// ---------------------------------------------------------------------------------------

#[test]
fn holm_by_hand() {
    // Sorted: 0.005 (#4), 0.01 (#1), 0.03 (#3), 0.04 (#2); m = 4.
    // Multipliers 4, 3, 2, 1: 0.02, 0.03, 0.06, 0.04 → running max 0.02, 0.03, 0.06, 0.06.
    let adj = adjust_p_values(&[0.01, 0.04, 0.03, 0.005], Correction::Holm);
    let want = [0.03, 0.06, 0.06, 0.02];
    for (a, w) in adj.iter().zip(want) {
        assert_close!(*a, w, 1e-15);
    }
    // Capped at 1.
    assert_eq!(
        adjust_p_values(&[0.6, 0.7], Correction::Holm),
        vec![1.0, 1.0]
    );
}

#[test]
fn benjamini_hochberg_by_hand() {
    // Sorted: 0.005, 0.01, 0.03, 0.04 with m/i = 4, 2, 4/3, 1:
    // 0.02, 0.02, 0.04, 0.04; running min from the top leaves them unchanged.
    let adj = adjust_p_values(&[0.01, 0.04, 0.03, 0.005], Correction::BenjaminiHochberg);
    let want = [0.02, 0.04, 0.04, 0.02];
    for (a, w) in adj.iter().zip(want) {
        assert_close!(*a, w, 1e-15);
    }
    // Step-up monotonicity: 0.02·3/2 = 0.03 > 0.025·3/3 = 0.025, so the middle one drops.
    let adj = adjust_p_values(&[0.001, 0.02, 0.025], Correction::BenjaminiHochberg);
    let want = [0.003, 0.025, 0.025];
    for (a, w) in adj.iter().zip(want) {
        assert_close!(*a, w, 1e-15);
    }
}

#[test]
fn adjustment_keeps_missing_values_out_of_m() {
    // Like R's p.adjust: NaN stays NaN and m counts only the 2 present values.
    let adj = adjust_p_values(&[0.01, f64::NAN, 0.04], Correction::Holm);
    assert_close!(adj[0], 0.02, 1e-15);
    assert!(adj[1].is_nan());
    assert_close!(adj[2], 0.04, 1e-15);
    assert!(adjust_p_values(&[], Correction::BenjaminiHochberg).is_empty());
}

// ---------------------------------------------------------------------------------------
// Reliability
// ---------------------------------------------------------------------------------------

#[test]
fn cronbach_alpha_by_hand() {
    let rows = vec![
        vec![4.0, 5.0, 4.0],
        vec![3.0, 4.0, 3.0],
        vec![5.0, 5.0, 4.0],
        vec![2.0, 3.0, 3.0],
        vec![4.0, 4.0, 5.0],
    ];
    // Item 1: 4,3,5,2,4; mean 3.6; squared deviations .16+.36+1.96+2.56+.16 = 5.2; var 1.3
    // Item 2: 5,4,5,3,4; mean 4.2; .64+.04+.64+1.44+.04 = 2.8; var 0.7
    // Item 3: 4,3,4,3,5; mean 3.8; .04+.64+.04+.64+1.44 = 2.8; var 0.7
    // Totals: 13,10,14,8,13; mean 11.6; 1.96+2.56+5.76+12.96+1.96 = 25.2; var 6.3
    let sum_item_var = 1.3 + 0.7 + 0.7;
    let alpha = 3.0 / 2.0 * (1.0 - sum_item_var / 6.3); // = 6/7
    // Without item 1: rest 9,7,9,6,9; mean 8; 1+1+1+4+1 = 8; var 2 → 2·(1 − 1.4/2)
    // Without item 2: 8,6,9,5,9; mean 7.4; .36+1.96+2.56+5.76+2.56 = 13.2; var 3.3
    // Without item 3: 9,7,10,5,8; mean 7.8; 1.44+.64+4.84+7.84+.04 = 14.8; var 3.7
    let if_deleted = [
        2.0 * (1.0 - 1.4 / 2.0),
        2.0 * (1.0 - 2.0 / 3.3),
        2.0 * (1.0 - 2.0 / 3.7),
    ];
    // Item–rest cross products of deviations: item 1 (.4,−.6,1.4,−1.6,.4)·(1,−1,1,−2,1) = 6.0;
    // item 2 (.8,−.2,.8,−1.2,−.2)·(.6,−1.4,1.6,−2.4,1.6) = 4.6;
    // item 3 (.2,−.8,.2,−.8,1.2)·(1.2,−.8,2.2,−2.8,.2) = 3.8.
    let item_rest = [
        6.0 / (5.2f64 * 8.0).sqrt(),
        4.6 / (2.8f64 * 13.2).sqrt(),
        3.8 / (2.8f64 * 14.8).sqrt(),
    ];
    let r = cronbach_alpha(&rows).unwrap();
    assert_close!(r.alpha, alpha, 1e-12);
    assert_close!(r.alpha, 6.0 / 7.0, 1e-12);
    assert_eq!((r.n_respondents, r.n_items), (5, 3));
    for j in 0..3 {
        assert_close!(r.alpha_if_deleted[j], if_deleted[j], 1e-12);
        assert_close!(r.item_rest[j], item_rest[j], 1e-12);
    }
}

#[test]
fn cronbach_alpha_two_items_and_errors() {
    // Two items: alpha-if-deleted is undefined (one item left) → NaN; item-rest is the
    // plain correlation of the two items.
    let rows = vec![vec![1.0, 2.0], vec![2.0, 2.0], vec![3.0, 4.0]];
    let r = cronbach_alpha(&rows).unwrap();
    assert!(r.alpha_if_deleted.iter().all(|a| a.is_nan()));
    assert_close!(
        r.item_rest[0],
        naive_pearson(&[1.0, 2.0, 3.0], &[2.0, 2.0, 4.0]),
        1e-12
    );
    // var(item1) = 1, var(item2) = 4/3, var(total 3,4,7) = 13/3 → 2·(1 − (7/3)/(13/3)).
    assert_close!(r.alpha, 2.0 * (1.0 - 7.0 / 13.0), 1e-12);

    assert_eq!(cronbach_alpha(&[]), Err(StatsError::Empty { what: "rows" }));
    assert!(matches!(
        cronbach_alpha(&[vec![1.0], vec![2.0]]),
        Err(StatsError::TooFew {
            needed: 2,
            got: 1,
            ..
        })
    ));
    assert!(matches!(
        cronbach_alpha(&[vec![1.0, 2.0]]),
        Err(StatsError::TooFew {
            needed: 2,
            got: 1,
            ..
        })
    ));
    assert_eq!(
        cronbach_alpha(&[vec![1.0, 2.0], vec![1.0]]),
        Err(StatsError::RaggedRow {
            row: 1,
            expected: 2,
            got: 1
        })
    );
    let e = cronbach_alpha(&[vec![1.0, 2.0], vec![1.0, f64::NAN]]).unwrap_err();
    assert!(matches!(
        e,
        StatsError::NonFiniteCell {
            row: 1,
            item: 1,
            ..
        }
    ));
    // Totals 3, 3, 3: no variance.
    assert_eq!(
        cronbach_alpha(&[vec![1.0, 2.0], vec![2.0, 1.0], vec![0.0, 3.0]]),
        Err(StatsError::ZeroTotalVariance { n_respondents: 3 })
    );
}

// ---------------------------------------------------------------------------------------
// Cliff's delta
// ---------------------------------------------------------------------------------------

#[test]
fn cliffs_delta_by_hand() {
    // x vs y pairs: 3>1, 3>2, 3=3 | 5>1, 5>2, 5>3 | 1=1, 1<2, 1<3 → (5 − 2)/9.
    assert_close!(
        cliffs_delta(&[3.0, 5.0, 1.0], &[1.0, 2.0, 3.0]).unwrap(),
        3.0 / 9.0,
        1e-15
    );
    assert!(matches!(
        cliffs_delta(&[1.0], &[f64::NAN]),
        Err(StatsError::NonFinite {
            what: "y",
            index: 0,
            ..
        })
    ));
}

// ---------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------

fn sample(len: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = Vec<f64>> {
    // Small integer grid so that ties are common, plus a fractional part sometimes.
    prop::collection::vec((0i32..8, prop::bool::ANY), len).prop_map(|v| {
        v.into_iter()
            .map(|(a, frac)| a as f64 + if frac { 0.25 } else { 0.0 })
            .collect()
    })
}

fn pair(len: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
    len.prop_flat_map(|n| (sample(n..=n), sample(n..=n)))
}

fn in_unit(p: f64) -> bool {
    (0.0..=1.0).contains(&p)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn mann_whitney_properties(x in sample(1..=15), y in sample(1..=15)) {
        let r = mann_whitney(&x, &y).unwrap();
        prop_assert!(in_unit(r.p_value) && in_unit(r.p_less) && in_unit(r.p_greater));
        prop_assert!(r.rank_biserial.abs() <= 1.0);
        // Swapping the groups mirrors the one-sided tests and keeps the two-sided one.
        let s = mann_whitney(&y, &x).unwrap();
        prop_assert!((r.p_value - s.p_value).abs() < 1e-12);
        prop_assert!((r.p_less - s.p_greater).abs() < 1e-12);
        prop_assert!((r.u + s.u - (x.len() * y.len()) as f64).abs() < 1e-9);
    }

    #[test]
    fn correlation_properties((x, y) in pair(2..=8)) {
        // n ≤ 8 keeps enumeration cheap in debug builds; every path here is exact.
        for r in [spearman(&x, &y, 0), kendall_tau_b(&x, &y, 0)] {
            match r {
                Ok(c) => {
                    prop_assert_eq!(c.method, PValueMethod::Exact);
                    prop_assert!(c.estimate.abs() <= 1.0);
                    prop_assert!(in_unit(c.p_value) && in_unit(c.p_less) && in_unit(c.p_greater));
                }
                // Constant samples are the only admissible failure here.
                Err(e) => prop_assert!(matches!(e, StatsError::Constant { .. }), "{e}"),
            }
        }
    }

    #[test]
    fn permutation_p_values_are_deterministic((x, y) in pair(3..=20), seed in any::<u64>()) {
        prop_assume!(x.iter().any(|v| *v != x[0]) && y.iter().any(|v| *v != y[0]));
        let bits = |c: &Correlation| [c.estimate.to_bits(), c.p_value.to_bits(), c.p_less.to_bits(), c.p_greater.to_bits()];
        let a = spearman_permutation(&x, &y, 500, seed).unwrap();
        prop_assert!(a.estimate.abs() <= 1.0);
        prop_assert!(in_unit(a.p_value) && in_unit(a.p_less) && in_unit(a.p_greater));
        let b = spearman_permutation(&x, &y, 500, seed).unwrap();
        prop_assert_eq!(bits(&a), bits(&b));
        let a = kendall_tau_b_permutation(&x, &y, 500, seed).unwrap();
        let b = kendall_tau_b_permutation(&x, &y, 500, seed).unwrap();
        prop_assert_eq!(bits(&a), bits(&b));
        prop_assert!(a.estimate.abs() <= 1.0);
        prop_assert!(in_unit(a.p_value) && a.p_value >= 1.0 / 501.0);
        let a = mann_whitney_permutation(&x, &y, 500, seed).unwrap();
        let b = mann_whitney_permutation(&x, &y, 500, seed).unwrap();
        prop_assert_eq!(a.p_value.to_bits(), b.p_value.to_bits());
    }

    #[test]
    fn adjusted_p_values_are_bounded_and_monotone(p in prop::collection::vec(0.0f64..=1.0, 0..20)) {
        for method in [Correction::Holm, Correction::BenjaminiHochberg] {
            let adj = adjust_p_values(&p, method);
            prop_assert_eq!(adj.len(), p.len());
            for (a, raw) in adj.iter().zip(&p) {
                prop_assert!(in_unit(*a) && *a >= *raw - 1e-15);
            }
            // Order-preserving: a smaller raw p never gets a larger adjusted p.
            for i in 0..p.len() {
                for j in 0..p.len() {
                    if p[i] < p[j] {
                        prop_assert!(adj[i] <= adj[j] + 1e-15);
                    }
                }
            }
        }
    }
}
