//! Small helpers for writing HTML: escaping and number formatting.
//!
//! Every piece of text that comes from a study, an analysis or a user goes through
//! [`escape`]; numbers go through [`f3`] so that the report prints what R prints.

use std::borrow::Cow;

/// Escapes text for use in HTML element content and in double- or single-quoted
/// attribute values: `&`, `<`, `>`, `"` and `'`.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A number with three decimals, as R prints parameters of fit; `NA` for a missing
/// (non-finite) value. Negative zero prints as `0.000` so that output does not depend on
/// the sign of a rounding residue.
pub fn f3(x: f64) -> String {
    fixed(x, 3)
}

/// A number with `decimals` decimals; `NA` when not finite; never `-0.0…`.
pub fn fixed(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "NA".to_string();
    }
    let s = format!("{x:.decimals$}");
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    }
}

/// A statistic that is a count or a sum of ranks, such as the Mann-Whitney U: a whole
/// number without decimals (`26`), otherwise as few decimals as it needs (`26.5` with
/// ties); `NA` when not finite.
pub fn count_or_number(x: f64) -> String {
    if !x.is_finite() {
        return "NA".to_string();
    }
    kantel_i18n::format_number(x)
}

/// An optional number with three decimals; `NA` when absent.
pub fn f3_opt(x: Option<f64>) -> String {
    x.map_or_else(|| "NA".to_string(), f3)
}

/// A p-value: three decimals, or `<0.001` when it would round to zero (an exact
/// permutation p-value is never 0, so printing `0.000` would be wrong).
pub fn p_value(p: f64) -> String {
    if p.is_finite() && p < 0.0005 {
        "&lt;0.001".to_string()
    } else {
        f3(p)
    }
}

/// A whole number with a thousands separator: `.` in Dutch, `,` in English.
pub fn thousands(n: u64, separator: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_replaces_the_five_special_characters() {
        assert_eq!(
            escape(r#"<a href="x">'s-Gravenhage & co</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;s-Gravenhage &amp; co&lt;/a&gt;"
        );
        assert!(matches!(
            escape("Súdwest-Fryslân"),
            Cow::Borrowed("Súdwest-Fryslân")
        ));
        assert_eq!(escape("&amp;"), "&amp;amp;");
    }

    #[test]
    fn three_decimals_round_like_r() {
        // R: format(round(0.85034965034965, 3), nsmall = 3) gives "0.850".
        assert_eq!(f3(0.850_349_650_349_65), "0.850");
        assert_eq!(f3(0.8045), "0.804"); // binary 0.8045 is just below .8045
        assert_eq!(f3(1.0), "1.000");
        assert_eq!(f3(-0.0001), "0.000");
        assert_eq!(f3(-0.25), "-0.250");
        assert_eq!(f3(f64::NAN), "NA");
        assert_eq!(f3_opt(None), "NA");
    }

    #[test]
    fn counts_print_without_decimals() {
        assert_eq!(count_or_number(26.0), "26");
        assert_eq!(count_or_number(26.5), "26.5");
        assert_eq!(count_or_number(0.0), "0");
        assert_eq!(count_or_number(f64::NAN), "NA");
    }

    #[test]
    fn p_values_never_print_as_zero() {
        assert_eq!(p_value(0.0001), "&lt;0.001");
        assert_eq!(p_value(0.0005), "0.001");
        assert_eq!(p_value(0.0476), "0.048");
    }

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(862_965, '.'), "862.965");
        assert_eq!(thousands(1_234_567, ','), "1,234,567");
        assert_eq!(thousands(999, '.'), "999");
        assert_eq!(thousands(0, '.'), "0");
    }
}
