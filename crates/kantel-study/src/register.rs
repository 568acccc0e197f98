//! A register of Dutch municipalities with CBS codes, aliases and municipal
//! reorganisations (herindelingen), used to match the names and codes found in data files.
//!
//! Municipalities merge and split almost every year, and tables name them in different
//! ways (`Den Haag` vs `'s-Gravenhage`). Matching therefore answers more than "found or
//! not": a name can belong to a municipality that has since merged into another one, has
//! been split up, or did not yet exist in the year the study looks at.

use std::collections::HashMap;

use crate::StudyError;
use crate::table::{ReadOptions, Table};

/// The register shipped with kantel (see `data/README.md` for its sources).
const BUILTIN_CSV: &str = include_str!("../data/municipalities.csv");

/// Stands for "today" when no year is given: after every change in the register.
const NOW: i32 = i32::MAX;

/// One municipality, current or former.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Municipality {
    /// CBS code, `GM` followed by four digits.
    pub code: String,
    /// Official name as CBS writes it.
    pub name: String,
    /// Year (1 January) from which the municipality exists; `None` = before the register starts.
    pub from: Option<i32>,
    /// Year in which it ceased to exist; `None` = still exists.
    pub until: Option<i32>,
    /// Where its territory went when it ceased: one code = merged into it, several = split.
    pub successors: Vec<String>,
    /// Other names it is known by (e.g. `Den Haag`).
    pub aliases: Vec<String>,
}

impl Municipality {
    /// Whether the municipality existed in `year`.
    pub fn exists_in(&self, year: i32) -> bool {
        self.from.is_none_or(|f| f <= year) && self.until.is_none_or(|u| year < u)
    }
}

/// The outcome of matching a name or code against the register.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Match {
    /// The official name or the CBS code of a municipality that exists in the year asked for.
    Exact(String),
    /// An alias of a municipality that exists in the year asked for.
    Alias(String),
    /// A former municipality that merged (`code` → `into`) in `year`; `from` lists every
    /// municipality that went into that merger, including `into` itself when it absorbed
    /// the others.
    Merged {
        /// Code of the former municipality that was matched.
        code: String,
        /// Year of the merger.
        year: i32,
        /// Code of the municipality that exists in the year asked for.
        into: String,
        /// All municipalities that took part in the merger.
        from: Vec<String>,
    },
    /// A former municipality whose territory was divided over several others.
    Dissolved {
        /// Code of the former municipality that was matched.
        code: String,
        /// Year of the split.
        year: i32,
        /// Municipalities that received its territory.
        successors: Vec<String>,
    },
    /// A municipality that was created after the year asked for.
    NotYetFounded {
        /// Its code.
        code: String,
        /// Year it was created.
        year: i32,
        /// The municipalities it was created from.
        predecessors: Vec<String>,
    },
    /// The name fits several municipalities (codes listed).
    Ambiguous(Vec<String>),
    /// Neither a known name, alias nor code.
    Unknown,
}

impl Match {
    /// The code of a municipality that exists in the year asked for (exact or alias match).
    pub fn code(&self) -> Option<&str> {
        match self {
            Match::Exact(c) | Match::Alias(c) => Some(c),
            _ => None,
        }
    }
}

/// The municipality register: CBS codes, names, aliases and changes over time.
#[derive(Clone, Debug)]
pub struct MunicipalityRegister {
    entries: Vec<Municipality>,
    by_code: HashMap<String, usize>,
    /// Normalised name → (entry, matched through an alias).
    by_name: HashMap<String, Vec<(usize, bool)>>,
}

impl MunicipalityRegister {
    /// The register shipped with kantel: the 355 municipalities of 2019 plus the changes of
    /// 2021-2023 (see `data/README.md`).
    pub fn builtin() -> MunicipalityRegister {
        // The file is part of the source and covered by tests, so failing here is a build defect.
        MunicipalityRegister::from_csv(BUILTIN_CSV, "data/municipalities.csv")
            .expect("the built-in municipality register is valid")
    }

    /// Reads a register in the format of `data/municipalities.csv`: columns `code`, `name`,
    /// `from`, `until`, `successors` (space-separated codes) and `aliases` (`|`-separated).
    pub fn from_csv(text: &str, source: &str) -> Result<MunicipalityRegister, StudyError> {
        let table = Table::from_csv_bytes(
            text.as_bytes(),
            source,
            &ReadOptions {
                delimiter: Some(b','),
                ..ReadOptions::default()
            },
        )?;
        let mut cols = [0usize; 6];
        for (k, name) in ["code", "name", "from", "until", "successors", "aliases"]
            .iter()
            .enumerate()
        {
            cols[k] = table
                .column_index(name)
                .ok_or_else(|| table.header_error(None, format!("missing column {name:?}")))?;
        }
        let mut entries = Vec::new();
        for r in 0..table.n_rows() {
            let text = |k: usize| table.text(r, cols[k]).unwrap_or_default();
            let code = normalize_code(&text(0)).ok_or_else(|| {
                table.error_at(r, Some(cols[0]), format!("{:?} is not a CBS code", text(0)))
            })?;
            let name = text(1);
            if name.is_empty() {
                return Err(table.error_at(r, Some(cols[1]), "missing name"));
            }
            let year = |k: usize| -> Result<Option<i32>, StudyError> {
                let t = text(k);
                if t.is_empty() {
                    return Ok(None);
                }
                t.parse::<i32>()
                    .map(Some)
                    .map_err(|_| table.error_at(r, Some(cols[k]), format!("{t:?} is not a year")))
            };
            let (from, until) = (year(2)?, year(3)?);
            let mut successors = Vec::new();
            for s in text(4).split_whitespace() {
                successors.push(normalize_code(s).ok_or_else(|| {
                    table.error_at(r, Some(cols[4]), format!("{s:?} is not a CBS code"))
                })?);
            }
            if !successors.is_empty() && until.is_none() {
                return Err(table.error_at(
                    r,
                    Some(cols[3]),
                    "successors are given but no year the municipality ended",
                ));
            }
            let aliases = text(5)
                .split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect();
            entries.push(Municipality {
                code,
                name,
                from,
                until,
                successors,
                aliases,
            });
        }
        let mut by_code = HashMap::new();
        for (i, m) in entries.iter().enumerate() {
            if let Some(j) = by_code.insert(m.code.clone(), i) {
                return Err(table.error_at(
                    i,
                    Some(cols[0]),
                    format!("code {} also on line {}", m.code, table.lines[j]),
                ));
            }
        }
        for (i, m) in entries.iter().enumerate() {
            if let Some(s) = m.successors.iter().find(|s| !by_code.contains_key(*s)) {
                return Err(table.error_at(
                    i,
                    Some(cols[4]),
                    format!("successor {s} is not in the register"),
                ));
            }
        }
        let mut by_name: HashMap<String, Vec<(usize, bool)>> = HashMap::new();
        for (i, m) in entries.iter().enumerate() {
            by_name
                .entry(normalize_name(&m.name))
                .or_default()
                .push((i, false));
            // "Bergen (NH.)" is often written "Bergen"; indexing the short form makes such a
            // name come back as ambiguous instead of unknown, or as an alias when unique.
            if let Some((short, _)) = m.name.split_once('(') {
                by_name
                    .entry(normalize_name(short))
                    .or_default()
                    .push((i, true));
            }
            for a in &m.aliases {
                by_name
                    .entry(normalize_name(a))
                    .or_default()
                    .push((i, true));
            }
        }
        Ok(MunicipalityRegister {
            entries,
            by_code,
            by_name,
        })
    }

    /// All municipalities, current and former, ordered by code.
    pub fn municipalities(&self) -> &[Municipality] {
        &self.entries
    }

    /// The municipalities that existed in `year`.
    pub fn existing_in(&self, year: i32) -> Vec<&Municipality> {
        self.entries.iter().filter(|m| m.exists_in(year)).collect()
    }

    /// The municipality with this CBS code.
    pub fn get(&self, code: &str) -> Option<&Municipality> {
        let code = normalize_code(code)?;
        self.by_code.get(&code).map(|&i| &self.entries[i])
    }

    /// Matches a name or code against the register as it stands today (after every change
    /// it knows of).
    pub fn resolve(&self, name_or_code: &str) -> Match {
        self.resolve_at(name_or_code, NOW)
    }

    /// Matches a name or code against the municipalities of `year`. A former municipality
    /// comes back as [`Match::Merged`] or [`Match::Dissolved`], a later one as
    /// [`Match::NotYetFounded`].
    pub fn resolve_at(&self, name_or_code: &str, year: i32) -> Match {
        let (index, via_alias) = match self.find(name_or_code, Some(year)) {
            Found::One(i, alias) => (i, alias),
            Found::Many(codes) => return Match::Ambiguous(codes),
            Found::None => return Match::Unknown,
        };
        self.status_at(index, via_alias, year)
    }

    /// Finds the municipality a name or code refers to, ignoring time: a former
    /// municipality is returned as itself. Returns the code and whether an alias matched.
    pub fn lookup(&self, name_or_code: &str) -> Result<(String, bool), Match> {
        match self.find(name_or_code, None) {
            Found::One(i, alias) => Ok((self.entries[i].code.clone(), alias)),
            Found::Many(codes) => Err(Match::Ambiguous(codes)),
            Found::None => Err(Match::Unknown),
        }
    }

    fn find(&self, name_or_code: &str, year: Option<i32>) -> Found {
        if let Some(code) = normalize_code(name_or_code) {
            return match self.by_code.get(&code) {
                Some(&i) => Found::One(i, false),
                None => Found::None,
            };
        }
        let Some(candidates) = self.by_name.get(&normalize_name(name_or_code)) else {
            return Found::None;
        };
        let mut distinct: Vec<(usize, bool)> = Vec::new();
        for &(i, alias) in candidates {
            match distinct.iter_mut().find(|(j, _)| *j == i) {
                // The official name wins over an alias that normalises to the same text.
                Some(existing) => existing.1 &= alias,
                None => distinct.push((i, alias)),
            }
        }
        if distinct.len() > 1
            && let Some(y) = year
        {
            // The same name may have been used by different municipalities over time.
            let current: Vec<(usize, bool)> = distinct
                .iter()
                .copied()
                .filter(|(i, _)| self.entries[*i].exists_in(y))
                .collect();
            if current.len() == 1 {
                distinct = current;
            }
        }
        match distinct.as_slice() {
            [(i, alias)] => Found::One(*i, *alias),
            _ => Found::Many(
                distinct
                    .iter()
                    .map(|(i, _)| self.entries[*i].code.clone())
                    .collect(),
            ),
        }
    }

    fn status_at(&self, index: usize, via_alias: bool, year: i32) -> Match {
        let m = &self.entries[index];
        if m.exists_in(year) {
            return if via_alias {
                Match::Alias(m.code.clone())
            } else {
                Match::Exact(m.code.clone())
            };
        }
        if let Some(from) = m.from
            && year < from
        {
            return Match::NotYetFounded {
                code: m.code.clone(),
                year: from,
                predecessors: self.constituents(&m.code, from, false),
            };
        }
        let until = m.until.unwrap_or(NOW);
        match m.successors.as_slice() {
            [single] => {
                let from = self.constituents(single, until, true);
                // Follow later mergers until reaching a municipality that exists in `year`.
                let mut into = single.clone();
                for _ in 0..self.entries.len() {
                    let next = &self.entries[self.by_code[&into]];
                    if next.exists_in(year) {
                        return Match::Merged {
                            code: m.code.clone(),
                            year: until,
                            into,
                            from,
                        };
                    }
                    match next.successors.as_slice() {
                        [s] => into = s.clone(),
                        _ => {
                            return self.status_at(self.by_code[&into], false, year);
                        }
                    }
                }
                Match::Unknown
            }
            successors => Match::Dissolved {
                code: m.code.clone(),
                year: until,
                successors: successors.to_vec(),
            },
        }
    }

    /// The municipalities that formed `code` in `year`: those whose only successor it is,
    /// plus `code` itself when it existed before and absorbed them.
    fn constituents(&self, code: &str, year: i32, include_absorber: bool) -> Vec<String> {
        let mut out: Vec<String> = self
            .entries
            .iter()
            .filter(|e| e.until == Some(year) && e.successors.len() == 1 && e.successors[0] == code)
            .map(|e| e.code.clone())
            .collect();
        if include_absorber
            && let Some(&i) = self.by_code.get(code)
            && self.entries[i].from.is_none_or(|f| f < year)
        {
            out.push(code.to_string());
        }
        out.sort();
        out
    }
}

enum Found {
    One(usize, bool),
    Many(Vec<String>),
    None,
}

/// Reads a CBS municipality code: `GM0518`, `gm0518`, or the bare number `518` / `0518`.
pub fn normalize_code(text: &str) -> Option<String> {
    let t = text.trim();
    let digits = match t.get(..2) {
        Some(p) if p.eq_ignore_ascii_case("GM") => &t[2..],
        _ => t,
    };
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Tables often drop the "GM" and leading zeros; no municipality name consists of digits.
    Some(format!("GM{digits:0>4}"))
}

/// Normalises a municipality name for matching: lower case, accents removed, punctuation
/// turned into spaces, whitespace collapsed, and a leading or trailing word "gemeente"
/// dropped. `'s-Gravenhage` → `s gravenhage`; `Gemeente Súdwest-Fryslân` → `sudwest fryslan`.
pub fn normalize_name(text: &str) -> String {
    let folded: String = text
        .chars()
        .flat_map(char::to_lowercase)
        .map(fold_accent)
        .collect();
    let mut words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() > 1 && words[0] == "gemeente" {
        words.remove(0);
    }
    if words.len() > 1 && words[words.len() - 1] == "gemeente" {
        words.pop();
    }
    words.join(" ")
}

fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        'ç' => 'c',
        'ñ' => 'n',
        other => other,
    }
}
