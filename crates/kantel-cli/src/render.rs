//! Text and JSON output in the conventions of R's QCA package (column names, 3 decimals).

use std::fmt::Write as _;

use kantel_i18n::{Arg, Lang, Msg, msg};
use kantel_qca::calibrate::Calibrated;
use kantel_qca::expr::Expression;
use kantel_qca::fit;
use kantel_qca::minimize::{Assumptions, MAX_LISTED_CONFIGURATIONS, Minimization, Model, Solution};
use kantel_qca::necessity::{Relation, SearchOptions, SubsetSearch};
use kantel_qca::truth_table::{TruthTable, TruthTableRow};
use serde::Serialize;
use serde_json::json;

/// A number with `digits` decimals; NaN prints as "-" like R's empty cells.
pub fn num(x: f64, digits: usize) -> String {
    if x.is_nan() {
        "-".to_string()
    } else {
        format!("{x:.digits$}")
    }
}

/// One warning line: `waarschuwing: …` / `warning: …`, after `indent`.
fn warning(out: &mut String, lang: Lang, indent: &str, w: &Msg) {
    let _ = writeln!(
        out,
        "{indent}{}",
        msg!("qca-cli-warning", message = w.clone()).render(lang)
    );
}

/// The catalogue word for "none", as a message argument.
fn none() -> Arg {
    Msg::new("qca-cli-none").into()
}

/// `cell` padded with spaces to `width` characters, on the left when `right`-aligned.
/// By hand, not with `{:>w$}`: the formatter's width is a `u16`, and a cell of more than
/// 65,535 characters (the cases of 50,000 municipalities in one row) made it panic.
fn pad(cell: &str, width: usize, right: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(cell.chars().count()));
    if right {
        fill + cell
    } else {
        format!("{cell}{fill}")
    }
}

pub(crate) fn table(header: &[String], rows: &[Vec<String>], right: &[bool]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let mut out = String::new();
    let line = |cells: &[String], out: &mut String| {
        let parts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| pad(c, widths[i], right[i]))
            .collect();
        let _ = writeln!(out, "{}", parts.join("  ").trim_end());
    };
    line(header, &mut out);
    for r in rows {
        line(r, &mut out);
    }
    out
}

/// The truth table as R prints it.
pub fn truth_table_text(tt: &TruthTable, rows: &[TruthTableRow], lang: Lang) -> String {
    let mut out = String::from("\n");
    let s = tt.spec();
    // The legend of R's column names, right-aligned as R prints it.
    for (name, key) in [
        ("OUT", "qca-cli-tt-legend-out"),
        ("n", "qca-cli-tt-legend-n"),
        ("incl", "qca-cli-tt-legend-incl"),
        ("PRI", "qca-cli-tt-legend-pri"),
    ] {
        let _ = writeln!(out, "{name:>5}: {}", lang.t(key));
    }
    out.push('\n');
    let mut header = vec![String::new()];
    header.extend(tt.conditions().iter().cloned());
    header.extend(["OUT", "n", "incl", "PRI", "cases"].map(String::from));
    let k = tt.conditions().len();
    let mut right = vec![true; k + 5];
    right.push(false);
    right.truncate(header.len());
    right[header.len() - 1] = false;
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut cells = vec![r.row.to_string()];
            cells.extend(r.values.iter().map(|v| v.to_string()));
            cells.push(r.out.code().to_string());
            cells.push(r.n.to_string());
            cells.push(num(r.incl, 3));
            cells.push(num(r.pri, 3));
            cells.push(
                r.cases
                    .iter()
                    .map(|c| tt.case_names()[*c].as_str())
                    .collect::<Vec<_>>()
                    .join(","),
            );
            cells
        })
        .collect();
    out.push_str(&table(&header, &body, &right));
    let settings = match s.incl_cut_contradiction {
        None => msg!(
            "qca-cli-tt-settings",
            outcome = s.outcome.to_string(),
            incl = s.incl_cut,
            pri = s.pri_cut,
            n = s.n_cut
        ),
        Some(c) => msg!(
            "qca-cli-tt-settings-contradiction",
            outcome = s.outcome.to_string(),
            incl = s.incl_cut,
            incl0 = c,
            pri = s.pri_cut,
            n = s.n_cut
        ),
    };
    let _ = writeln!(out, "\n{}", settings.render(lang));
    for w in tt.warning_msgs() {
        warning(&mut out, lang, "", w);
    }
    out
}

/// The truth table as JSON.
pub fn truth_table_json(tt: &TruthTable, rows: &[TruthTableRow]) -> String {
    let rows: Vec<_> = rows
        .iter()
        .map(|r| {
            json!({
                "row": r.row,
                "values": r.values,
                "OUT": r.out.code(),
                "n": r.n,
                "incl": r.incl,
                "PRI": r.pri,
                "cases": r.cases.iter().map(|c| tt.case_names()[*c].clone()).collect::<Vec<_>>(),
            })
        })
        .collect();
    let v = json!({
        "outcome": tt.spec().outcome.to_string(),
        "conditions": tt.conditions(),
        "settings": tt.spec(),
        "edits": tt.edits(),
        "rows": rows,
        "warnings": tt.warnings(),
    });
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

fn model_text(out: &mut String, label: &str, m: &Model, outcome: &str) {
    let _ = writeln!(out, "{label}: {} -> {outcome}\n", m.expression);
    let header: Vec<String> = ["", "", "inclS", "PRI", "covS", "covU", "cases"]
        .map(String::from)
        .to_vec();
    let mut body: Vec<Vec<String>> = m
        .terms
        .iter()
        .enumerate()
        .map(|(i, t)| {
            vec![
                (i + 1).to_string(),
                t.term.clone(),
                num(t.incl, 3),
                num(t.pri, 3),
                num(t.cov, 3),
                num(t.cov_u, 3),
                t.cases.join(","),
            ]
        })
        .collect();
    body.push(vec![
        String::new(),
        label.to_string(),
        num(m.incl, 3),
        num(m.pri, 3),
        num(m.cov, 3),
        String::new(),
        String::new(),
    ]);
    out.push_str(&table(
        &header,
        &body,
        &[true, false, true, true, true, true, false],
    ));
    out.push('\n');
}

fn models_text(
    lang: Lang,
    out: &mut String,
    title: &str,
    prefix: &str,
    models: &[Model],
    complete: bool,
    outcome: &str,
) {
    let _ = writeln!(out, "== {title} ==\n");
    for (i, m) in models.iter().enumerate() {
        let label = if models.len() == 1 && prefix.is_empty() {
            "M1".to_string()
        } else {
            format!("{prefix}M{}", i + 1)
        };
        model_text(out, &label, m, outcome);
    }
    if !complete {
        let _ = writeln!(out, "{}\n", lang.t("qca-cli-models-capped"));
    }
}

/// One line on what is proved about a solution: its minimum and how many models it has.
fn solution_status(lang: Lang, out: &mut String, s: &Solution) {
    let terms = s.models.first().map_or(0, |m| m.terms.len());
    let minimum = match (s.minimum_proved, s.lower_bound, s.upper_bound) {
        (true, _, _) => msg!("qca-cli-minimum-proved", terms = terms),
        (false, Some(lower), Some(upper)) => {
            msg!("qca-cli-minimum-bounds", lower = lower, upper = upper)
        }
        (false, _, _) => msg!("qca-cli-minimum-bounds", lower = 1, upper = terms),
    };
    if !s.minimum_proved {
        // The best model found is listed; there is no list of minimum models to count.
        let best = msg!("qca-cli-best-model-listed", terms = terms);
        let _ = writeln!(out, "{}; {}\n", minimum.render(lang), best.render(lang));
        return;
    }
    let count = if s.model_count_exact {
        msg!(
            "qca-cli-model-count",
            count = s.model_count,
            listed = s.models.len()
        )
    } else {
        msg!(
            "qca-cli-model-count-at-least",
            count = s.model_count,
            listed = s.models.len()
        )
    };
    let _ = writeln!(out, "{}; {}\n", minimum.render(lang), count.render(lang));
}

/// Solutions as text.
pub fn minimization_text(m: &Minimization, lang: Lang) -> String {
    let mut out = String::new();
    if let Some(c) = &m.conservative {
        models_text(
            lang,
            &mut out,
            &lang.t("qca-cli-solution-conservative"),
            "",
            &c.models,
            true, // the status line says what is not listed
            &m.outcome,
        );
        solution_status(lang, &mut out, c);
    }
    if let Some(p) = &m.parsimonious {
        models_text(
            lang,
            &mut out,
            &lang.t("qca-cli-solution-parsimonious"),
            "",
            &p.models,
            true, // the status line says what is not listed
            &m.outcome,
        );
        solution_status(lang, &mut out, p);
    }
    for i in &m.intermediate {
        models_text(
            lang,
            &mut out,
            &msg!("qca-cli-solution-intermediate", from = i.from.as_str()).render(lang),
            &format!("{}-", i.from),
            &i.models,
            i.complete,
            &m.outcome,
        );
        for (keys, assumed) in [
            (
                [
                    "qca-cli-easy-counterfactuals",
                    "qca-cli-easy-counterfactuals-by-term",
                ],
                &i.easy_counterfactuals,
            ),
            (
                [
                    "qca-cli-difficult-counterfactuals",
                    "qca-cli-difficult-counterfactuals-by-term",
                ],
                &i.difficult_counterfactuals,
            ),
        ] {
            let _ = writeln!(out, "{}", counterfactuals(keys, assumed).render(lang));
        }
        out.push('\n');
    }
    for w in &m.warning_msgs {
        warning(&mut out, lang, "", w);
    }
    out
}

/// One line of easy or difficult counterfactuals: their row numbers when the engine listed
/// them (message `keys[0]`), otherwise their count and the terms that cover them with
/// theirs (`keys[1]`).
fn counterfactuals(keys: [&'static str; 2], assumed: &Assumptions) -> Msg {
    match &assumed.rows {
        Some(rows) => {
            let rows: Arg = if rows.is_empty() {
                none()
            } else {
                rows.iter()
                    .map(u64::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
                    .into()
            };
            Msg::new(keys[0]).arg("rows", rows)
        }
        None => {
            let terms = assumed
                .terms
                .iter()
                .filter(|t| t.count > 0)
                .map(|t| format!("{} ({})", t.term, t.count))
                .collect::<Vec<_>>()
                .join(", ");
            Msg::new(keys[1])
                .arg("count", assumed.count)
                .arg("terms", terms)
                .arg("max", MAX_LISTED_CONFIGURATIONS)
        }
    }
}

/// Fit of one set (sufficiency and necessity), or of an expression with its terms. An
/// expression written with an arrow (`A*B -> Y`, `A + B <- Y`) has only its `relation`'s
/// parameters; the others are left out (JSON) or not shown (text).
#[derive(Serialize)]
pub struct FitEntry {
    expression: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    relation: Option<Relation>,
    #[serde(flatten)]
    fit: Params,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    terms: Vec<FitTerm>,
}

/// The parameters of fit of one set: R's column names.
#[derive(Serialize, Default)]
struct Params {
    #[serde(rename = "inclS", skip_serializing_if = "Option::is_none")]
    incl_s: Option<f64>,
    #[serde(rename = "PRI", skip_serializing_if = "Option::is_none")]
    pri: Option<f64>,
    #[serde(rename = "covS", skip_serializing_if = "Option::is_none")]
    cov_s: Option<f64>,
    #[serde(rename = "covU", skip_serializing_if = "Option::is_none")]
    cov_u: Option<f64>,
    #[serde(rename = "inclN", skip_serializing_if = "Option::is_none")]
    incl_n: Option<f64>,
    #[serde(rename = "RoN", skip_serializing_if = "Option::is_none")]
    ron: Option<f64>,
    #[serde(rename = "covN", skip_serializing_if = "Option::is_none")]
    cov_n: Option<f64>,
}

impl Params {
    fn sufficiency(s: &fit::SufficiencyFit) -> Params {
        Params {
            incl_s: Some(s.incl),
            pri: Some(s.pri),
            cov_s: Some(s.cov),
            ..Params::default()
        }
    }

    fn necessity(n: &fit::NecessityFit) -> Params {
        Params {
            incl_n: Some(n.incl),
            ron: Some(n.ron),
            cov_n: Some(n.cov),
            ..Params::default()
        }
    }

    fn both(s: &fit::SufficiencyFit, n: &fit::NecessityFit) -> Params {
        Params {
            incl_n: Some(n.incl),
            ron: Some(n.ron),
            cov_n: Some(n.cov),
            ..Params::sufficiency(s)
        }
    }

    fn term(t: &fit::TermFit) -> Params {
        Params {
            incl_s: Some(t.incl),
            pri: Some(t.pri),
            cov_s: Some(t.cov),
            cov_u: Some(t.cov_u),
            ..Params::default()
        }
    }

    /// The cells of the columns `header` names (after the first); a parameter that is
    /// not there is an empty cell.
    fn cells(&self, header: &[&str]) -> Vec<String> {
        header[1..]
            .iter()
            .map(|column| {
                let value = match *column {
                    "inclS" => self.incl_s,
                    "PRI" => self.pri,
                    "covS" => self.cov_s,
                    "covU" => self.cov_u,
                    "inclN" => self.incl_n,
                    "RoN" => self.ron,
                    "covN" => self.cov_n,
                    _ => None,
                };
                value.map_or_else(String::new, |v| num(v, 3))
            })
            .collect()
    }
}

/// A term of an expression with covU within the expression.
#[derive(Serialize)]
pub struct FitTerm {
    term: String,
    #[serde(flatten)]
    fit: Params,
}

impl FitEntry {
    /// A single set.
    pub fn single(name: &str, x: &[f64], y: &[f64]) -> FitEntry {
        let (s, n) = crate::qca::both(x, y);
        FitEntry {
            expression: name.to_string(),
            relation: None,
            fit: Params::both(&s, &n),
            terms: Vec::new(),
        }
    }

    /// An expression and its terms.
    pub fn expression(
        name: &str,
        e: &Expression,
        terms: &[Vec<f64>],
        whole: &[f64],
        y: &[f64],
    ) -> FitEntry {
        let mut entry = FitEntry::single(name, whole, y);
        if terms.len() > 1 {
            let mf = fit::model_fit(terms, y);
            entry.terms = e
                .terms
                .iter()
                .zip(terms)
                .zip(&mf.terms)
                .map(|((t, x), tf)| {
                    let n = fit::necessity(x, y);
                    FitTerm {
                        term: t.to_string(),
                        fit: Params {
                            incl_n: Some(n.incl),
                            ron: Some(n.ron),
                            cov_n: Some(n.cov),
                            ..Params::term(tf)
                        },
                    }
                })
                .collect();
        }
        entry
    }

    /// An expression written with an arrow: the fit of its relation only, as R's
    /// `pof("A*B + C -> Y")` (inclS, PRI, covS; each term with covU) or `pof("A + B <- Y")`
    /// (inclN, RoN, covN; each disjunct).
    pub fn relation(e: &Expression, fit: &fit::RelationFit) -> FitEntry {
        let several = e.terms.len() > 1;
        let term_names = e.terms.iter().map(ToString::to_string);
        let (relation, whole, terms) = match fit {
            fit::RelationFit::Sufficiency(m) => (
                Relation::Sufficiency,
                Params::sufficiency(&fit::SufficiencyFit {
                    incl: m.incl,
                    pri: m.pri,
                    cov: m.cov,
                }),
                term_names
                    .zip(&m.terms)
                    .map(|(term, t)| FitTerm {
                        term,
                        fit: Params::term(t),
                    })
                    .collect(),
            ),
            fit::RelationFit::Necessity(m) => (
                Relation::Necessity,
                Params::necessity(&m.expression),
                term_names
                    .zip(&m.terms)
                    .map(|(term, t)| FitTerm {
                        term,
                        fit: Params::necessity(t),
                    })
                    .collect(),
            ),
        };
        FitEntry {
            expression: e.to_string(),
            relation: Some(relation),
            fit: whole,
            terms: if several { terms } else { Vec::new() },
        }
    }
}

/// Fits as text: one table for the entries without an arrow (both relations), one for
/// those with `->` (sufficiency) and one for those with `<-` (necessity), each headed by
/// its relation when there are arrows.
pub fn fit_text(outcome: &str, entries: &[FitEntry], lang: Lang) -> String {
    let mut out = format!(
        "{}\n",
        msg!("qca-cli-fit-outcome", outcome = outcome).render(lang)
    );
    let groups: [(Option<Relation>, &[&str]); 3] = [
        (
            None,
            &["", "inclS", "PRI", "covS", "covU", "inclN", "RoN", "covN"],
        ),
        (
            Some(Relation::Sufficiency),
            &["", "inclS", "PRI", "covS", "covU"],
        ),
        (Some(Relation::Necessity), &["", "inclN", "RoN", "covN"]),
    ];
    for (relation, header) in groups {
        let group: Vec<&FitEntry> = entries.iter().filter(|e| e.relation == relation).collect();
        if group.is_empty() {
            continue;
        }
        out.push('\n');
        match relation {
            Some(Relation::Sufficiency) => {
                let title = msg!("qca-cli-fit-sufficiency", outcome = outcome);
                let _ = writeln!(out, "{}\n", title.render(lang));
            }
            Some(Relation::Necessity) => {
                let title = msg!("qca-cli-fit-necessity", outcome = outcome);
                let _ = writeln!(out, "{}\n", title.render(lang));
            }
            None => {}
        }
        let mut body = Vec::new();
        for e in group {
            for t in &e.terms {
                let mut row = vec![format!("  {}", t.term)];
                row.extend(t.fit.cells(header));
                body.push(row);
            }
            let mut row = vec![e.expression.clone()];
            row.extend(e.fit.cells(header));
            body.push(row);
        }
        let mut right = vec![true; header.len()];
        right[0] = false;
        let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
        out.push_str(&table(&header, &body, &right));
    }
    out
}

/// R's column names of the relation a search looked for.
fn relation_columns(relation: Relation) -> [&'static str; 3] {
    match relation {
        Relation::Necessity => ["inclN", "RoN", "covN"],
        Relation::Sufficiency => ["inclS", "PRI", "covS"],
    }
}

/// Results of `kantel qca necessity` as text: each condition and its negation, then the
/// expressions the search found, in the relation searched (`--relation`).
pub fn necessity_text(
    outcome: &str,
    rows: &[(String, [f64; 3])],
    search: &SubsetSearch,
    options: &SearchOptions,
    lang: Lang,
) -> String {
    let found = &search.terms;
    let (title, found_title) = match options.relation {
        Relation::Necessity => (
            msg!("qca-cli-necessity-title", outcome = outcome),
            msg!(
                "qca-cli-necessity-found",
                incl = options.incl_cut,
                cov = options.cov_cut,
                ron = options.ron_cut
            ),
        ),
        Relation::Sufficiency => (
            msg!("qca-cli-sufficiency-title", outcome = outcome),
            msg!(
                "qca-cli-sufficiency-found",
                incl = options.incl_cut,
                cov = options.cov_cut,
                pri = options.pri_cut
            ),
        ),
    };
    let mut out = format!("{}\n\n", title.render(lang));
    let mut header = vec![String::new()];
    header.extend(relation_columns(options.relation).map(String::from));
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|(expression, v)| vec![expression.clone(), num(v[0], 3), num(v[1], 3), num(v[2], 3)])
        .collect();
    out.push_str(&table(&header, &body, &[false, true, true, true]));
    let _ = writeln!(out, "\n{}\n", found_title.render(lang));
    if found.is_empty() {
        let _ = writeln!(out, "{}", lang.t("qca-cli-none"));
    } else {
        let body: Vec<Vec<String>> = found
            .iter()
            .map(|t| {
                vec![
                    t.expression.clone(),
                    num(t.incl, 3),
                    num(t.ron_or_pri, 3),
                    num(t.cov, 3),
                ]
            })
            .collect();
        out.push_str(&table(&header, &body, &[false, true, true, true]));
    }
    if let Some(w) = &search.warning {
        warning(&mut out, lang, "", w);
    }
    out
}

/// Results of `kantel qca necessity` as JSON: the relation searched, single conditions
/// and the terms found, each with R's column names for that relation.
pub fn necessity_json(
    outcome: &str,
    rows: &[(String, [f64; 3])],
    search: &SubsetSearch,
    options: &SearchOptions,
    lang: Lang,
) -> String {
    let [incl, second, cov] = relation_columns(options.relation);
    let entry = |expression: &str, values: [f64; 3]| {
        let mut e = serde_json::Map::new();
        e.insert("expression".into(), json!(expression));
        e.insert(incl.into(), json!(values[0]));
        e.insert(second.into(), json!(values[1]));
        e.insert(cov.into(), json!(values[2]));
        serde_json::Value::Object(e)
    };
    let conditions: Vec<_> = rows.iter().map(|(e, v)| entry(e, *v)).collect();
    let terms: Vec<_> = search
        .terms
        .iter()
        .map(|t| entry(&t.expression, [t.incl, t.ron_or_pri, t.cov]))
        .collect();
    let mut out = json!({"outcome": outcome, "relation": options.relation,
        "conditions": conditions, "terms": terms,
        "depth_searched": search.depth_searched});
    if let Some(w) = &search.warning {
        out["warning"] = json!(w.render(lang));
    }
    serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"
}

/// Calibrated values as text.
pub fn calibration_text(
    lang: Lang,
    column: &str,
    method: &str,
    cases: &[String],
    raw: &[f64],
    result: &Calibrated,
) -> String {
    let header: Vec<String> = vec![
        lang.t("qca-cli-header-case"),
        column.to_string(),
        format!("{column} ({method})"),
    ];
    let body: Vec<Vec<String>> = cases
        .iter()
        .zip(raw)
        .zip(&result.values)
        .map(|((c, r), v)| vec![c.clone(), format!("{r}"), num(*v, 3)])
        .collect();
    let mut out = table(&header, &body, &[false, true, true]);
    for w in &result.warning_msgs {
        warning(&mut out, lang, "", w);
    }
    out
}

/// Columns and their detected kinds as text: crisp, multi-value, fuzzy and raw for columns of
/// numbers, `text` for columns of names or labels, `empty`. The column `missing` (empty
/// cells) appears when a column has any, and a note names each text column that also holds
/// numbers, with its first cell that is not one.
pub fn columns_text(
    n_cases: usize,
    case_column: Option<&str>,
    rows: &[serde_json::Value],
    lang: Lang,
) -> String {
    let any_missing = rows.iter().any(|r| r["missing"].as_u64().unwrap_or(0) > 0);
    let mut header: Vec<String> = vec![
        lang.t("qca-cli-header-column"),
        lang.t("qca-cli-header-kind"),
        lang.t("qca-cli-header-levels"),
        "min".into(),
        "max".into(),
    ];
    let mut right = vec![false, false, true, true, true];
    if any_missing {
        header.push(lang.t("qca-cli-header-missing"));
        right.push(true);
    }
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut cells = vec![
                r["column"].as_str().unwrap_or_default().to_string(),
                kind_name(r["kind"].as_str().unwrap_or_default(), lang),
                r["levels"]
                    .as_u64()
                    .map(|l| l.to_string())
                    .unwrap_or_else(|| "-".into()),
                r["min"]
                    .as_f64()
                    .map(|x| format!("{x}"))
                    .unwrap_or_default(),
                r["max"]
                    .as_f64()
                    .map(|x| format!("{x}"))
                    .unwrap_or_default(),
            ];
            if any_missing {
                cells.push(r["missing"].as_u64().unwrap_or(0).to_string());
            }
            cells
        })
        .collect();
    let mut out = match case_column {
        Some(c) => msg!("qca-cli-cases-named", cases = n_cases, column = c),
        None => msg!("qca-cli-cases", cases = n_cases),
    }
    .render(lang);
    out.push_str("\n\n");
    out.push_str(&table(&header, &body, &right));
    for r in rows {
        let numbers = r["numbers"].as_u64().unwrap_or(0);
        if r["kind"] != "text" || numbers == 0 {
            continue;
        }
        let column = r["column"].as_str().unwrap_or_default();
        let line = r["first_text"]["line"].as_u64().unwrap_or(0);
        let text = r["first_text"]["text"].as_str().unwrap_or_default();
        let mixed = msg!(
            "qca-cli-column-mixed",
            column = column,
            numbers = numbers,
            line = line,
            text = text
        );
        let _ = writeln!(
            out,
            "{}",
            msg!("qca-cli-note", message = mixed).render(lang)
        );
    }
    out
}

/// The kind of a column (`crisp`, `multi-value`, `fuzzy`, `raw`, `text`, `empty`, as in the
/// JSON) in the interface language.
fn kind_name(kind: &str, lang: Lang) -> String {
    let key = match kind {
        "crisp" => "qca-cli-kind-crisp",
        "multi-value" => "qca-cli-kind-multi-value",
        "fuzzy" => "qca-cli-kind-fuzzy",
        "raw" => "qca-cli-kind-raw",
        "text" => "qca-cli-kind-text",
        "empty" => "qca-cli-kind-empty",
        other => return other.to_string(),
    };
    lang.t(key)
}

/// Coincidence analysis as text: atomic and complex solution formulas with their measures.
pub fn cna_text(result: &kantel_qca::cna::CnaResult, cna_notation: bool, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "--- {} ---\n", lang.t("qca-cli-cna-asf"));
    let header: Vec<String> = ["", "con", "cov", "complexity", "inus"]
        .map(String::from)
        .to_vec();
    let body: Vec<Vec<String>> = result
        .asf
        .iter()
        .map(|a| {
            vec![
                if cna_notation {
                    a.formula.to_cna()
                } else {
                    a.formula.to_qca()
                },
                num(a.con, 3),
                num(a.cov, 3),
                a.complexity.to_string(),
                a.inus.to_string(),
            ]
        })
        .collect();
    if body.is_empty() {
        let _ = writeln!(out, "{}", lang.t("qca-cli-none"));
    } else {
        out.push_str(&table(&header, &body, &[false, true, true, true, false]));
    }
    let _ = writeln!(out, "\n--- {} ---\n", lang.t("qca-cli-cna-csf"));
    let body: Vec<Vec<String>> = result
        .csf
        .iter()
        .map(|c| {
            vec![
                if cna_notation { c.to_cna() } else { c.to_qca() },
                num(c.con, 3),
                num(c.cov, 3),
                c.complexity.to_string(),
                c.inus.to_string(),
            ]
        })
        .collect();
    if body.is_empty() {
        let _ = writeln!(out, "{}", lang.t("qca-cli-none"));
    } else {
        out.push_str(&table(&header, &body, &[false, true, true, true, false]));
    }
    for w in &result.warning_msgs {
        warning(&mut out, lang, "", w);
    }
    out
}

/// Robustness ranges as text.
pub fn robustness_text(
    incl: &kantel_qca::robustness::ThresholdRange,
    ncut: &kantel_qca::robustness::ThresholdRange,
    lang: Lang,
) -> String {
    // Bounds are numbers reached by steps (0.8 - 0.01 - …): rounded for people, never
    // 0.7100000000000001.
    let bound = |b: Option<f64>| -> Arg {
        match b {
            Some(x) => Arg::Number(x),
            None => Msg::new("qca-cli-robustness-not-reached").into(),
        }
    };
    let mut out = String::new();
    for (name, r) in [("incl.cut", incl), ("n.cut", ncut)] {
        let line = msg!(
            "qca-cli-robustness-range",
            name = name,
            threshold = r.threshold,
            lower = bound(r.lower),
            upper = bound(r.upper)
        );
        let _ = writeln!(out, "{}", line.render(lang));
        for w in &r.warning_msgs {
            warning(&mut out, lang, "  ", w);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: a cell wider than 65,535 characters (the case list of a row holding
    /// 50,000 municipalities) panicked the formatter ("Formatting argument out of range").
    #[test]
    fn cells_wider_than_the_formatter_allows_are_padded() {
        let wide = "GM0001,".repeat(12_000);
        let rows = vec![
            vec!["1".to_owned(), wide.clone()],
            vec!["22".to_owned(), "x".to_owned()],
        ];
        let header = vec!["n".to_owned(), "cases".to_owned()];
        let text = table(&header, &rows, &[true, false]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[1].starts_with(" 1  GM0001,"));
        assert!(lines[1].ends_with("GM0001,"));
        assert_eq!(lines[2], "22  x");
        assert_eq!(pad("ab", 5, true), "   ab");
        assert_eq!(pad("ab", 5, false), "ab   ");
        assert_eq!(pad("abcdef", 3, true), "abcdef");
    }
}
