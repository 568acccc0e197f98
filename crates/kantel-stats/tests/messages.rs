//! Statistics errors are typed messages: Dutch and English from the catalogue, numbers
//! rounded for people, `Display` in English.

use kantel_i18n::{Lang, MISSING};
use kantel_stats::{StatsError, cronbach_alpha, mann_whitney, spearman};

fn check(e: &StatsError) -> (String, String) {
    let nl = e.render(Lang::Nl);
    let en = e.render(Lang::En);
    assert!(
        !nl.contains(MISSING) && !en.contains(MISSING),
        "{nl} / {en}"
    );
    assert_ne!(nl, en);
    assert_eq!(e.to_string(), en);
    (nl, en)
}

#[test]
fn statistics_errors_render_in_dutch_and_english() {
    let (nl, en) = check(&spearman(&[1.0, 2.0, 3.0], &[0.1 + 0.2; 3], 1).unwrap_err());
    assert_eq!(
        en,
        "y is constant (every value is 0.3), so Spearman's rho is undefined"
    );
    assert_eq!(
        nl,
        "y is constant (elke waarde is 0.3), dus Spearmans rho is niet gedefinieerd"
    );
    let (nl, _) = check(&spearman(&[1.0], &[2.0], 1).unwrap_err());
    assert!(nl.contains("gepaarde waarnemingen"), "{nl}");
    let (nl, _) = check(&mann_whitney(&[1.0, f64::INFINITY], &[2.0]).unwrap_err());
    assert!(nl.contains("Inf") && nl.contains("index 1"), "{nl}");
    let (nl, _) = check(&cronbach_alpha(&[]).unwrap_err());
    assert!(nl.starts_with("rijen"), "{nl}");
    check(&cronbach_alpha(&[vec![1.0, 2.0], vec![1.0]]).unwrap_err());
    check(&cronbach_alpha(&[vec![1.0, 1.0], vec![1.0, 1.0], vec![1.0, 1.0]]).unwrap_err());
    check(&StatsError::NoPermutations);
    check(&StatsError::LengthMismatch { x_len: 2, y_len: 1 });
}
