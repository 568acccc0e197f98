//! The journal of a run: every save sent, in the order each respondent sent them, with
//! its fate. `verify` compares it with the database.
//!
//! CSV with a header: `token,respondent,item,value,fate`; `value` is `1`..`5`, `0`/`1` or
//! `dk`; `fate` is `acked`, `rejected` or `unknown` (sent, but no answer came: in flight
//! when the server died, or timed out).

use std::path::Path;

use anyhow::{Context, bail};

use crate::plan::Answer;
use crate::run::{Fate, Outcome};

/// One line of the journal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The link's token (finds the respondent in the database).
    pub token: String,
    /// The respondent's id in the study.
    pub respondent: String,
    /// Item id.
    pub item: String,
    /// The answer sent.
    pub answer: Answer,
    /// What became of it.
    pub fate: Fate,
}

/// Writes the journal of a run (replacing the file).
pub fn write(path: &Path, outcome: &Outcome) -> anyhow::Result<()> {
    let file = std::fs::File::create(path)
        .with_context(|| format!("cannot create the journal {}", path.display()))?;
    let mut w = csv::Writer::from_writer(std::io::BufWriter::new(file));
    let result = (|| -> anyhow::Result<()> {
        w.write_record(["token", "respondent", "item", "value", "fate"])?;
        for log in &outcome.logs {
            for save in &log.saves {
                let r = &outcome.respondents[save.respondent as usize];
                let item = &r.items[usize::from(save.item)];
                w.write_record([
                    r.link.token.as_str(),
                    r.link.respondent.as_str(),
                    item.id.as_str(),
                    crate::plan::form_value(save.answer).as_str(),
                    save.fate.as_str(),
                ])?;
            }
        }
        w.flush()?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        Ok(())
    })();
    result.with_context(|| format!("cannot write the journal {}", path.display()))
}

/// Reads a journal.
pub fn read(path: &Path) -> anyhow::Result<Vec<Entry>> {
    let file = std::fs::File::open(path)
        .with_context(|| format!("cannot open the journal {}", path.display()))?;
    parse(file).with_context(|| format!("journal {}", path.display()))
}

fn parse(input: impl std::io::Read) -> anyhow::Result<Vec<Entry>> {
    let mut reader = csv::Reader::from_reader(input);
    let headers = reader.headers().context("cannot read the header")?;
    if headers.iter().collect::<Vec<_>>() != ["token", "respondent", "item", "value", "fate"] {
        bail!("not a kantel-load journal (header token,respondent,item,value,fate expected)");
    }
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let record = record.with_context(|| format!("line {line}"))?;
        let field = |c: usize| record.get(c).unwrap_or("");
        let answer = match field(3) {
            "dk" => None,
            v => Some(
                v.parse::<i64>()
                    .ok()
                    .with_context(|| format!("line {line}: value {v:?} is not a number or dk"))?,
            ),
        };
        let fate = match field(4) {
            "acked" => Fate::Acked,
            "rejected" => Fate::Rejected,
            "unknown" => Fate::Unknown,
            f => bail!("line {line}: fate {f:?} is not acked, rejected or unknown"),
        };
        out.push(Entry {
            token: field(0).to_owned(),
            respondent: field(1).to_owned(),
            item: field(2).to_owned(),
            answer,
            fate,
        });
    }
    Ok(out)
}

/// Writes entries as a journal (for tests of `verify`).
#[cfg(test)]
pub fn to_text(entries: &[Entry]) -> String {
    use std::io::Write;
    let mut out = Vec::new();
    writeln!(out, "token,respondent,item,value,fate").ok();
    for e in entries {
        writeln!(
            out,
            "{},{},{},{},{}",
            e.token,
            e.respondent,
            e.item,
            crate::plan::form_value(e.answer),
            e.fate.as_str()
        )
        .ok();
    }
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let entries = vec![
            Entry {
                token: "t".into(),
                respondent: "r".into(),
                item: "C1_1".into(),
                answer: None,
                fate: Fate::Unknown,
            },
            Entry {
                token: "t".into(),
                respondent: "r".into(),
                item: "C1_1".into(),
                answer: Some(4),
                fate: Fate::Acked,
            },
        ];
        assert_eq!(parse(to_text(&entries).as_bytes()).unwrap(), entries);
    }

    #[test]
    fn bad_journals_are_errors() {
        assert!(parse("a,b\n".as_bytes()).is_err());
        let bad = "token,respondent,item,value,fate\nt,r,i,x,acked\n";
        assert!(format!("{:#}", parse(bad.as_bytes()).unwrap_err()).contains("line 2"));
        let bad = "token,respondent,item,value,fate\nt,r,i,3,maybe\n";
        assert!(parse(bad.as_bytes()).is_err());
    }
}
