//! The links file written by `kantel respondents invite`.

use std::path::Path;

use anyhow::{Context, bail};

/// One personal link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The respondent's id in the study (for messages).
    pub respondent: String,
    /// The respondent group (decides the items).
    pub group: String,
    /// The 64-hex token of the link.
    pub token: String,
}

/// The token of a `…/r/TOKEN` link (64 hex characters), if it has one.
pub fn token_of(link: &str) -> Option<&str> {
    let (_, rest) = link.trim().rsplit_once("/r/")?;
    let token = rest.trim_end_matches('/');
    (token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())).then_some(token)
}

/// Reads `municipality,group,respondent,link` rows (header required, columns by name).
pub fn read_links(path: &Path) -> anyhow::Result<Vec<Link>> {
    let file = std::fs::File::open(path)
        .with_context(|| format!("cannot open the links file {}", path.display()))?;
    parse_links(file).with_context(|| format!("links file {}", path.display()))
}

fn parse_links(input: impl std::io::Read) -> anyhow::Result<Vec<Link>> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(input);
    let headers = reader.headers().context("cannot read the header")?.clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim() == name)
            .with_context(|| {
                format!("no column {name:?} (expected municipality,group,respondent,link)")
            })
    };
    let (group, respondent, link) = (column("group")?, column("respondent")?, column("link")?);
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let record = record.with_context(|| format!("line {line}"))?;
        let field = |c: usize| record.get(c).unwrap_or("").trim().to_owned();
        let url = field(link);
        let Some(token) = token_of(&url) else {
            bail!("line {line}: {url:?} is not a personal link (…/r/ and 64 hex characters)");
        };
        out.push(Link {
            respondent: field(respondent),
            group: field(group),
            token: token.to_ascii_lowercase(),
        });
    }
    if out.is_empty() {
        bail!("no links");
    }
    let mut tokens: Vec<&str> = out.iter().map(|l| l.token.as_str()).collect();
    tokens.sort_unstable();
    if let Some(w) = tokens.windows(2).find(|w| w[0] == w[1]) {
        bail!("the link with token {}… appears twice", &w[0][..8]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn tokens_come_from_links() {
        assert_eq!(token_of(&format!("http://h:1/r/{T}")), Some(T));
        assert_eq!(token_of(&format!("http://h:1/r/{T}/")), Some(T));
        assert_eq!(token_of("http://h:1/r/abc"), None);
        assert_eq!(token_of(T), None);
    }

    #[test]
    fn reads_invite_output() {
        let text = format!(
            "municipality,group,respondent,link\nGM0363,bestuur,GM0363-bestuur-001,http://x/r/{T}\n"
        );
        let links = parse_links(text.as_bytes()).unwrap();
        assert_eq!(
            links,
            vec![Link {
                respondent: "GM0363-bestuur-001".into(),
                group: "bestuur".into(),
                token: T.into()
            }]
        );
    }

    #[test]
    fn bad_files_are_errors() {
        assert!(parse_links("a,b\n1,2\n".as_bytes()).is_err());
        assert!(parse_links("municipality,group,respondent,link\n".as_bytes()).is_err());
        let bad = "municipality,group,respondent,link\nGM1,g,r,http://x/r/nope\n";
        let e = format!("{:#}", parse_links(bad.as_bytes()).unwrap_err());
        assert!(e.contains("line 2"), "{e}");
        let twice = format!(
            "municipality,group,respondent,link\nA,g,r1,http://x/r/{T}\nA,g,r2,http://x/r/{T}\n"
        );
        assert!(parse_links(twice.as_bytes()).is_err());
    }
}
