//! Edits of a study file's text that keep everything the user wrote (comments, order,
//! layout): a key of `[study]` replaced, the example municipalities left out, municipality
//! tables appended. Every edit is followed by a full parse of the result by the caller.

use kantel_study::study::Municipality;

/// `s` as a TOML basic string, quotes included.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether `line` is a table header (`[x]` or `[[x]]`), ignoring indentation.
fn is_header(line: &str) -> bool {
    line.trim_start().starts_with('[')
}

/// Replaces the line `key = …` of the `[study]` table by `key = value` (a TOML value as
/// text). A key written over several lines or absent is left as it is: the caller's parse
/// of the result notices that the value did not change.
pub fn set_study_key(text: &str, key: &str, value: &str) -> String {
    let mut out = String::with_capacity(text.len() + value.len());
    let mut in_study = false;
    let mut done = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if is_header(line) {
            in_study = trimmed == "[study]";
        } else if in_study
            && !done
            && let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with('=')
            && !rest.contains("\"\"\"")
            && !rest.contains("'''")
        {
            out.push_str(key);
            out.push_str(" = ");
            out.push_str(value);
            out.push('\n');
            done = true;
            continue;
        }
        out.push_str(line);
    }
    out
}

/// The text without its `[[municipality]]` tables and without the comment lines directly
/// above the first of them (in the built-in codebook they describe the examples).
pub fn without_municipalities(text: &str) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut keep = vec![true; lines.len()];
    let mut i = 0;
    let mut first = true;
    while i < lines.len() {
        if lines[i].trim() == "[[municipality]]" {
            if first {
                let mut j = i;
                while j > 0 && lines[j - 1].trim_start().starts_with('#') {
                    j -= 1;
                    keep[j] = false;
                }
                first = false;
            }
            keep[i] = false;
            i += 1;
            // The table's keys and blank lines, up to the next header or comment block.
            while i < lines.len() && !is_header(lines[i]) && !lines[i].trim_start().starts_with('#')
            {
                keep[i] = false;
                i += 1;
            }
            continue;
        }
        i += 1;
    }
    lines
        .iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(l, _)| *l)
        .collect()
}

/// `[[municipality]]` tables for `municipalities`, to append to a study file.
pub fn municipality_tables(municipalities: &[Municipality]) -> String {
    let mut out = String::new();
    for m in municipalities {
        out.push_str("\n[[municipality]]\n");
        out.push_str(&format!("code = {}\n", quote(m.code.as_str())));
        out.push_str(&format!("name = {}\n", quote(&m.name)));
        out.push_str(&format!("inhabitants = {}\n", m.inhabitants));
        if let Some(g) = &m.group {
            out.push_str(&format!("group = {}\n", quote(g)));
        }
    }
    out
}

/// `text` with `tables` appended (after a line break if the text lacks a final one).
pub fn append(text: &str, tables: &str) -> String {
    let mut out = String::with_capacity(text.len() + tables.len() + 1);
    out.push_str(text);
    if !text.is_empty() && !text.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(tables);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use kantel_study::study::{CbsCode, Study, template};

    #[test]
    fn quoting_reads_back() {
        for t in [
            "'s-Gravenhage",
            "a \"b\" \\ c",
            "tab\there",
            "é ü",
            "x\u{7}",
        ] {
            let text = set_study_key(template(), "title_nl", &quote(t));
            let study = Study::from_toml_str(&text).expect("parses");
            assert_eq!(study.study.title_nl, t);
        }
    }

    #[test]
    fn builtin_without_examples_keeps_comments_and_parses() {
        let text = without_municipalities(template());
        let study = Study::from_toml_str(&text).expect("parses");
        assert!(study.municipalities.is_empty());
        assert!(!text.contains("Example cases"));
        assert!(text.contains("# Respondent groups"));
        assert_eq!(
            study.respondent_groups.len(),
            Study::builtin().unwrap().respondent_groups.len()
        );
    }

    #[test]
    fn renamed_and_appended_tables_parse_after_analysis() {
        let text = set_study_key(template(), "name", &quote("nieuw-2026"));
        let text = set_study_key(&text, "title_nl", &quote("Titel \"x\""));
        let m = Municipality {
            code: CbsCode::parse("GM1979").unwrap(),
            name: "Eemsdelta".into(),
            inhabitants: 45_000,
            group: Some("noord".into()),
        };
        let text = append(&text, &municipality_tables(&[m]));
        let study = Study::from_toml_str(&text).expect("parses");
        assert_eq!(study.study.name, "nieuw-2026");
        assert_eq!(study.study.title_nl, "Titel \"x\"");
        assert_eq!(study.municipalities.len(), 7);
        let last = study.municipalities.last().unwrap();
        assert_eq!(last.code.as_str(), "GM1979");
        assert_eq!(last.group.as_deref(), Some("noord"));
        // The comment above [analysis] is still there.
        assert!(text.contains("# Analysis plan"));
    }
}
