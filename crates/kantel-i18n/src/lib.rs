//! # kantel-i18n: one message catalogue for every shell
//!
//! Every text a user reads (CLI messages, engine and store errors, analysis warnings and
//! reasons, the report, the web pages) comes from one catalogue per language, written in
//! [Project Fluent](https://projectfluent.org) syntax, a format translators know:
//! `locales/nl/*.ftl` (Dutch, the default) and `locales/en/*.ftl` (English). The files are
//! compiled into the binary (`include_str!`), so nothing is read at run time.
//!
//! The principal types:
//! - [`Lang`]: Dutch or English.
//! - [`Msg`]: a message as a *typed value*: a catalogue key with named arguments. Libraries
//!   return `Msg`s (inside their error enums, warnings and reasons) instead of formatted
//!   prose; the edge (CLI, report, web) renders them in the user's language with
//!   [`Msg::render`]. `Display` renders English, for logs and tests.
//! - [`Arg`]: an argument: text, a count (plural-aware), a set measure (three decimals) or
//!   another number (rounded for people, never `0.8600000000000001`).
//!
//! ```
//! use kantel_i18n::{Lang, Msg, msg};
//! let m = msg!("i18n-example", count = 3usize, file = "a.csv");
//! assert_eq!(m.render(Lang::Nl), "a.csv: 3 rijen");
//! assert_eq!(m.render(Lang::En), "a.csv: 3 rows");
//! ```
//!
//! A key missing from a language renders as [`MISSING`] followed by the key; the test
//! `catalogue` checks that both languages have exactly the same keys and variables.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

/// Interface language. Dutch is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Nederlands.
    #[default]
    Nl,
    /// English.
    En,
}

impl Lang {
    /// Both languages, Dutch first.
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    /// The language code: `nl` or `en` (as in `<html lang>`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// Renders the catalogue message `key` with `args`.
    pub fn tr(self, key: &str, args: &[(&str, Arg)]) -> String {
        render(self, key, args.iter().map(|(k, v)| (*k, v)))
    }

    /// Renders a message without arguments.
    pub fn t(self, key: &str) -> String {
        self.tr(key, &[])
    }
}

/// A language code that is neither `nl` nor `en`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownLang(pub String);

impl fmt::Display for UnknownLang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown language {:?}: use nl or en", self.0)
    }
}

impl std::error::Error for UnknownLang {}

impl FromStr for Lang {
    type Err = UnknownLang;
    /// Parses `nl` or `en` (case-insensitive, surrounding spaces ignored).
    fn from_str(s: &str) -> Result<Lang, UnknownLang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "nl" => Ok(Lang::Nl),
            "en" => Ok(Lang::En),
            _ => Err(UnknownLang(s.to_string())),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One argument of a message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "lowercase")]
pub enum Arg {
    /// Text, shown as it is (file names, column names, case names, values as written).
    Text(String),
    /// A count; Fluent selects plural forms on it (`{ $n -> [one] … *[other] … }`).
    Count(i64),
    /// A set-theoretic measure (membership, inclS, PRI, coverage): three decimals.
    Measure(f64),
    /// Any other number (an anchor, a raw value, a step): at most six decimals, trailing
    /// zeros dropped, so `0.8600000000000001` reads `0.86`.
    Number(f64),
    /// A nested message, rendered in the same language.
    Msg(Box<Msg>),
}

impl Arg {
    /// The argument as people read it.
    pub fn display(&self, lang: Lang) -> String {
        match self {
            Arg::Text(s) => s.clone(),
            Arg::Count(n) => n.to_string(),
            Arg::Measure(x) => format_measure(*x),
            Arg::Number(x) => format_number(*x),
            Arg::Msg(m) => m.render(lang),
        }
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}
impl From<Cow<'_, str>> for Arg {
    fn from(s: Cow<'_, str>) -> Arg {
        Arg::Text(s.into_owned())
    }
}
impl From<char> for Arg {
    fn from(c: char) -> Arg {
        Arg::Text(c.to_string())
    }
}
macro_rules! count_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Count(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
count_from!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);
impl From<f64> for Arg {
    fn from(x: f64) -> Arg {
        Arg::Number(x)
    }
}
impl From<Msg> for Arg {
    fn from(m: Msg) -> Arg {
        Arg::Msg(Box::new(m))
    }
}

/// A message as a typed value: a catalogue key and its named arguments.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Msg {
    /// The catalogue key, e.g. `qca-unknown-column`.
    pub key: Cow<'static, str>,
    /// Named arguments, in the order given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(Cow<'static, str>, Arg)>,
}

impl Msg {
    /// A message without arguments.
    pub fn new(key: impl Into<Cow<'static, str>>) -> Msg {
        Msg {
            key: key.into(),
            args: Vec::new(),
        }
    }

    /// Adds an argument.
    #[must_use]
    pub fn arg(mut self, name: impl Into<Cow<'static, str>>, value: impl Into<Arg>) -> Msg {
        self.args.push((name.into(), value.into()));
        self
    }

    /// Adds a set-measure argument (three decimals).
    #[must_use]
    pub fn measure(self, name: impl Into<Cow<'static, str>>, value: f64) -> Msg {
        self.arg(name, Arg::Measure(value))
    }

    /// The value of an argument, if given.
    pub fn get(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        render(
            lang,
            &self.key,
            self.args.iter().map(|(k, v)| (k.as_ref(), v)),
        )
    }
}

impl fmt::Display for Msg {
    /// English, for logs, tests and `Error::to_string`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// Text that has no catalogue key yet (an external library's message, such as a CSV
/// parser's or a database driver's): shown as it is in every language.
impl From<String> for Msg {
    fn from(text: String) -> Msg {
        Msg::new("text").arg("text", text)
    }
}

impl From<&str> for Msg {
    fn from(text: &str) -> Msg {
        Msg::from(text.to_string())
    }
}

/// Builds a [`Msg`]: `msg!("key", name = value, other = value)`. Values go through
/// `Into<Arg>`: strings are text, integers are counts, `f64` numbers; wrap set measures
/// in [`Arg::Measure`].
#[macro_export]
macro_rules! msg {
    ($key:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::Msg::new($key)$(.arg(stringify!($name), $value))*
    };
}

/// What a key without a catalogue entry renders as (followed by the key).
pub const MISSING: &str = "⟦untranslated⟧";

/// The Fluent sources per language: (file name, text). One file per area so that the
/// owners of an area edit their own file.
const NL: &[(&str, &str)] = &[
    ("common.ftl", include_str!("../locales/nl/common.ftl")),
    ("engine.ftl", include_str!("../locales/nl/engine.ftl")),
    ("study.ftl", include_str!("../locales/nl/study.ftl")),
    ("store.ftl", include_str!("../locales/nl/store.ftl")),
    ("cli.ftl", include_str!("../locales/nl/cli.ftl")),
    ("report.ftl", include_str!("../locales/nl/report.ftl")),
    ("analysis.ftl", include_str!("../locales/nl/analysis.ftl")),
    ("web.ftl", include_str!("../locales/nl/web.ftl")),
    ("dashboard.ftl", include_str!("../locales/nl/dashboard.ftl")),
    ("qca.ftl", include_str!("../locales/nl/qca.ftl")),
    ("sweep.ftl", include_str!("../locales/nl/sweep.ftl")),
    ("esa.ftl", include_str!("../locales/nl/esa.ftl")),
    ("cna.ftl", include_str!("../locales/nl/cna.ftl")),
    ("plots.ftl", include_str!("../locales/nl/plots.ftl")),
    ("cases.ftl", include_str!("../locales/nl/cases.ftl")),
];
const EN: &[(&str, &str)] = &[
    ("common.ftl", include_str!("../locales/en/common.ftl")),
    ("engine.ftl", include_str!("../locales/en/engine.ftl")),
    ("study.ftl", include_str!("../locales/en/study.ftl")),
    ("store.ftl", include_str!("../locales/en/store.ftl")),
    ("cli.ftl", include_str!("../locales/en/cli.ftl")),
    ("report.ftl", include_str!("../locales/en/report.ftl")),
    ("analysis.ftl", include_str!("../locales/en/analysis.ftl")),
    ("web.ftl", include_str!("../locales/en/web.ftl")),
    ("dashboard.ftl", include_str!("../locales/en/dashboard.ftl")),
    ("qca.ftl", include_str!("../locales/en/qca.ftl")),
    ("sweep.ftl", include_str!("../locales/en/sweep.ftl")),
    ("esa.ftl", include_str!("../locales/en/esa.ftl")),
    ("cna.ftl", include_str!("../locales/en/cna.ftl")),
    ("plots.ftl", include_str!("../locales/en/plots.ftl")),
    ("cases.ftl", include_str!("../locales/en/cases.ftl")),
];

/// The Fluent sources of a language, for tests and tools: (file name, text).
pub fn sources(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::Nl => NL,
        Lang::En => EN,
    }
}

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang) -> &'static Bundle {
    static NL_BUNDLE: OnceLock<Bundle> = OnceLock::new();
    static EN_BUNDLE: OnceLock<Bundle> = OnceLock::new();
    let cell = match lang {
        Lang::Nl => &NL_BUNDLE,
        Lang::En => &EN_BUNDLE,
    };
    cell.get_or_init(|| build(lang))
}

fn build(lang: Lang) -> Bundle {
    let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut b = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks: our texts go to terminals, CSV and HTML attributes.
    b.set_use_isolating(false);
    for (_, text) in sources(lang) {
        // A syntax error keeps the entries that did parse; the catalogue test fails on it.
        let res = FluentResource::try_new((*text).to_string()).unwrap_or_else(|(res, _)| res);
        // Duplicate keys across files: the first wins; the catalogue test fails on it.
        b.add_resource_overriding(res);
    }
    b
}

fn render<'a>(lang: Lang, key: &str, args: impl Iterator<Item = (&'a str, &'a Arg)>) -> String {
    let b = bundle(lang);
    let Some(pattern) = b.get_message(key).and_then(|m| m.value()) else {
        return format!("{MISSING}{key}");
    };
    let mut fargs = FluentArgs::new();
    for (name, value) in args {
        let v: FluentValue = match value {
            Arg::Count(n) => FluentValue::from(*n),
            other => FluentValue::from(other.display(lang)),
        };
        fargs.set(name.to_string(), v);
    }
    let mut errors = Vec::new();
    b.format_pattern(pattern, Some(&fargs), &mut errors)
        .into_owned()
}

/// Whether `lang` has a message `key`.
pub fn has_key(lang: Lang, key: &str) -> bool {
    bundle(lang).has_message(key)
}

/// Every message key of `lang` with the variables its text uses, sorted.
pub fn keys(lang: Lang) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for (_, text) in sources(lang) {
        for line in text.lines() {
            // Top-level message: `key = …` at column 0, not a comment or attribute.
            let Some((key, _)) = line.split_once('=') else {
                continue;
            };
            let key = key.trim_end();
            if line.starts_with([' ', '#', '-', '.', '\t'])
                || key.is_empty()
                || !key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                continue;
            }
            out.insert(key.to_string(), Vec::new());
        }
    }
    for (key, vars) in out.iter_mut() {
        *vars = variables(sources(lang), key);
    }
    out
}

/// The `$variables` a message's text (value and selectors) refers to.
fn variables(files: &[(&str, &str)], key: &str) -> Vec<String> {
    let mut vars = Vec::new();
    for (_, text) in files {
        let mut inside = false;
        for line in text.lines() {
            if line.starts_with(key) && line[key.len()..].trim_start().starts_with('=') {
                inside = true;
            } else if inside && !(line.starts_with([' ', '}']) || line.is_empty()) {
                // A message goes on over indented lines and lines that close a selector.
                inside = false;
            }
            if !inside {
                continue;
            }
            let mut rest = line;
            while let Some(p) = rest.find('$') {
                let name: String = rest[p + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                    .collect();
                if !name.is_empty() && !vars.contains(&name) {
                    vars.push(name.clone());
                }
                rest = &rest[p + 1 + name.len()..];
            }
        }
    }
    vars.sort();
    vars
}

/// Syntax errors in the Fluent sources of `lang`: (file, message).
pub fn syntax_errors(lang: Lang) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (file, text) in sources(lang) {
        if let Err((_, errors)) = FluentResource::try_new((*text).to_string()) {
            for e in errors {
                out.push(((*file).to_string(), format!("{e:?}")));
            }
        }
    }
    out
}

/// A set measure as R prints it: three decimals.
pub fn format_measure(x: f64) -> String {
    if x.is_nan() {
        return "NA".into();
    }
    format!("{x:.3}")
}

/// A number for people: integers without decimals, others with at most six decimals and
/// no trailing zeros; very large or small magnitudes in scientific notation.
pub fn format_number(x: f64) -> String {
    if x.is_nan() {
        return "NA".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Inf".into() } else { "-Inf".into() };
    }
    if x == x.trunc() && x.abs() < 1e15 {
        return format!("{}", x as i64);
    }
    let a = x.abs();
    if !(1e-6..1e15).contains(&a) {
        return format!("{x:e}");
    }
    let s = format!("{x:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_rounded_for_people() {
        assert_eq!(format_number(0.8600000000000001), "0.86");
        assert_eq!(format_number(1.7650000000000001), "1.765");
        assert_eq!(format_number(26.0), "26");
        assert_eq!(format_number(-3.0), "-3");
        assert_eq!(format_number(1e-17), "1e-17");
        assert_eq!(format_number(f64::NAN), "NA");
        assert_eq!(format_measure(0.8186), "0.819");
    }

    #[test]
    fn missing_keys_are_visible() {
        let m = Msg::new("no-such-key-anywhere");
        assert_eq!(m.render(Lang::Nl), format!("{MISSING}no-such-key-anywhere"));
    }

    #[test]
    fn plural_counts_and_nested_messages() {
        assert_eq!(
            msg!("i18n-example", count = 1usize, file = "x").render(Lang::En),
            "x: 1 row"
        );
        let inner = msg!("i18n-example", count = 2usize, file = "y");
        let outer = msg!("i18n-nested", inner = inner);
        assert_eq!(outer.render(Lang::Nl), "let op: y: 2 rijen");
    }

    #[test]
    fn languages_parse() {
        assert_eq!("NL".parse::<Lang>(), Ok(Lang::Nl));
        assert_eq!(" en ".parse::<Lang>(), Ok(Lang::En));
        assert!("de".parse::<Lang>().is_err());
    }

    #[test]
    fn messages_round_trip_through_json() {
        let m = msg!("i18n-example", count = 2usize, file = "y").measure("incl", 0.5);
        let json = serde_json::to_string(&m).expect("serialise");
        let back: Msg = serde_json::from_str(&json).expect("parse");
        assert_eq!(back, m);
    }
}
