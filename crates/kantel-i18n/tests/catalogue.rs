//! The catalogue is complete: both languages parse, have exactly the same keys, and each
//! message uses the same variables in both languages.

use kantel_i18n::{Lang, keys, syntax_errors};

#[test]
fn both_languages_parse() {
    for lang in Lang::ALL {
        let errors = syntax_errors(lang);
        assert!(errors.is_empty(), "{lang}: {errors:?}");
    }
}

#[test]
fn every_key_exists_in_both_languages_with_the_same_variables() {
    let nl = keys(Lang::Nl);
    let en = keys(Lang::En);
    let only_nl: Vec<&String> = nl.keys().filter(|k| !en.contains_key(*k)).collect();
    let only_en: Vec<&String> = en.keys().filter(|k| !nl.contains_key(*k)).collect();
    assert!(only_nl.is_empty(), "keys only in Dutch: {only_nl:?}");
    assert!(only_en.is_empty(), "keys only in English: {only_en:?}");
    for (k, vars) in &nl {
        assert_eq!(
            Some(vars),
            en.get(k),
            "variables of {k} differ between nl and en"
        );
    }
    assert!(nl.len() >= 2);
}

#[test]
fn no_key_is_defined_twice() {
    for lang in Lang::ALL {
        let mut seen = std::collections::BTreeMap::new();
        for (file, text) in kantel_i18n::sources(lang) {
            for line in text.lines() {
                if line.starts_with([' ', '#', '\t', '.']) {
                    continue;
                }
                if let Some((k, _)) = line.split_once('=') {
                    let k = k.trim_end();
                    if k.is_empty() || k.contains(' ') {
                        continue;
                    }
                    if let Some(first) = seen.insert(k.to_string(), *file) {
                        panic!("{lang}: {k} is defined in {first} and again in {file}");
                    }
                }
            }
        }
    }
}
