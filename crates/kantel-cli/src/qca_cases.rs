//! `kantel qca cases` (case selection for follow-up, SetMethods' smmr) and `kantel qca
//! cluster` (pooled, between and within fit of panel data, SetMethods' cluster).

use std::fmt::Write as _;

use clap::Args;
use kantel_i18n::{Lang, Msg, msg};
use kantel_qca::SetData;
use kantel_qca::cases::{
    CaseOptions, CaseRef, CaseSelection, ClusterDiagnostics, ClusterFit, DEFAULT_MAX_PAIRS,
    FocalConjunct, GroupFit, PairKind, PairList, RowCase, SetCases, case_selection, cluster,
};
use kantel_qca::expr::Expression;
use kantel_qca::minimize::{Model, minimize_with_progress};
use kantel_qca::truth_table::{Outcome, TruthTable};

use crate::progress::CliProgress;
use crate::qca::{
    DataArgs, Failure, Result, Role, SetArgs, TruthTableOptions, check_numbers, conditions_of,
    include_options, load, read_table, spec_from, with_note,
};
use crate::render::{num, table};

/// `kantel qca cases`.
#[derive(Args, Debug)]
pub struct CasesArgs {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    sets: SetArgs,
    #[command(flatten)]
    tt: TruthTableOptions,
    /// Rows to use as don't cares when minimizing: "?" (remainders), "C" (contradictions)
    /// or "?,C".
    #[arg(long, default_value = "")]
    include: String,
    /// Directional expectations: the cases are then selected for the intermediate solution.
    #[arg(long, allow_hyphen_values = true)]
    dir_exp: Option<String>,
    /// The solution as an expression in R notation, e.g. "DEV*~IND + URB*STB"; without it
    /// the data are minimized and the first model of the reported solution is used
    /// (intermediate with --dir-exp, parsimonious with --include "?", else conservative).
    #[arg(long, allow_hyphen_values = true)]
    expression: Option<String>,
    /// Which model of the reported solution (1 is the first).
    #[arg(long, default_value_t = 1, conflicts_with = "expression")]
    model: usize,
    /// Most pairs listed per term (or truth-table row) and comparison; how many exist is
    /// always counted.
    #[arg(long, default_value_t = DEFAULT_MAX_PAIRS)]
    max_pairs: usize,
}

/// `kantel qca cluster`.
#[derive(Args, Debug)]
pub struct ClusterArgs {
    /// CSV (comma or semicolon, decimal point or comma) or XLSX file, one row per unit and
    /// period.
    #[arg(long)]
    data: std::path::PathBuf,
    /// The outcome, e.g. Y or "~Y".
    #[arg(long, allow_hyphen_values = true)]
    outcome: String,
    /// The solution as an expression in R notation, e.g. "A*B + C".
    #[arg(long, allow_hyphen_values = true)]
    expression: String,
    /// Column naming the unit (e.g. the municipality); not a set.
    #[arg(long)]
    unit: String,
    /// Column naming the period (e.g. the year); not a set.
    #[arg(long)]
    period: String,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// The model of a minimization the cases are selected for, and how to describe it.
fn chosen_model(m: &kantel_qca::minimize::Minimization, k: usize) -> Result<(Model, Msg)> {
    let (models, solution, from): (&[Model], &str, &str) =
        if let Some(first) = m.intermediate.first() {
            (&first.models, "intermediate", first.from.as_str())
        } else if let Some(p) = &m.parsimonious {
            (&p.models, "parsimonious", "")
        } else if let Some(c) = &m.conservative {
            (&c.models, "conservative", "")
        } else {
            (&[], "conservative", "")
        };
    if models.is_empty() {
        return Err(Failure(msg!("qca-cases-cli-no-model")));
    }
    if k == 0 || k > models.len() {
        return Err(Failure(msg!(
            "qca-cases-cli-model-range",
            model = k,
            count = models.len()
        )));
    }
    let source = msg!(
        "qca-cases-cli-source-model",
        model = k,
        count = models.len(),
        solution = solution,
        from = from
    );
    Ok((models[k - 1].clone(), source))
}

/// `kantel qca cases`.
pub(crate) fn cases_command(a: &CasesArgs, lang: Lang) -> Result<String> {
    let outcome = Outcome::parse(&a.sets.outcome)?;
    let expression = a.expression.as_deref().map(Expression::parse).transpose()?;
    let mut named = vec![(outcome.name.clone(), Role::Outcome)];
    let given: Vec<String> = a
        .sets
        .conditions
        .iter()
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect();
    named.extend(given.iter().map(|c| (c.clone(), Role::Condition)));
    if let Some(e) = &expression {
        named.extend(e.conditions().into_iter().map(|c| (c, Role::InExpression)));
    }
    let loaded = load(&a.data, &named, given.is_empty())?;
    let data = loaded.data();
    let (expression, conditions, source) = match expression {
        Some(e) => {
            let conditions = conditions_of(data, &a.sets, &outcome)?;
            (e, conditions, msg!("qca-cases-cli-source-expression"))
        }
        None => {
            let spec = spec_from(data, &a.sets, &a.tt)?;
            let tt = TruthTable::build(data, &spec)?;
            let mut options = include_options(&a.include)?;
            options.dir_exp = a.dir_exp.clone();
            let m = minimize_with_progress(&tt, &options, &CliProgress::new(lang))?;
            let (model, source) = chosen_model(&m, a.model)?;
            let e = Expression::parse(&model.expression)?;
            (e, m.conditions.clone(), source)
        }
    };
    let selection = case_selection(
        data,
        &expression,
        &outcome,
        &conditions,
        &CaseOptions {
            max_pairs: a.max_pairs,
        },
    )?;
    let out = if a.data.json {
        serde_json::to_string_pretty(&selection)? + "\n"
    } else {
        cases_text(&selection, &source, lang)
    };
    Ok(with_note(out, &loaded, a.data.json, lang))
}

fn names(cases: &[CaseRef], lang: Lang) -> String {
    if cases.is_empty() {
        Msg::new("qca-cli-none").render(lang)
    } else {
        cases
            .iter()
            .map(|c| c.case.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn list_or_none(items: &[String], lang: Lang) -> String {
    if items.is_empty() {
        Msg::new("qca-cli-none").render(lang)
    } else {
        items.join(", ")
    }
}

fn indent(block: &str, by: &str) -> String {
    block.lines().map(|l| format!("{by}{l}\n")).collect()
}

fn word(key: &'static str, lang: Lang) -> String {
    Msg::new(key).render(lang)
}

fn mark(b: bool, m: &str) -> String {
    if b { m.to_string() } else { String::new() }
}

/// A truth-table row: `10110`, or with commas when a value has more than one digit.
fn row_text(row: &[f64]) -> String {
    let cells: Vec<String> = row.iter().map(|v| render_value(*v)).collect();
    if cells.iter().all(|c| c.chars().count() == 1) {
        cells.concat()
    } else {
        cells.join(",")
    }
}

fn render_value(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

fn set_text(out: &mut String, s: &SetCases, lang: Lang) {
    let c = &s.counts;
    let counts = msg!(
        "qca-cases-cli-counts",
        typical = c.typical,
        degree = c.deviant_consistency_degree,
        kind = c.deviant_consistency_kind,
        coverage = c.deviant_coverage,
        irrelevant = c.individually_irrelevant,
        crossover = c.crossover
    );
    let _ = writeln!(out, "  {}", counts.render(lang));
    let most = msg!(
        "qca-cases-cli-most-typical",
        cases = list_or_none(&s.most_typical, lang)
    );
    let _ = writeln!(out, "  {}", most.render(lang));
    let unique = msg!(
        "qca-cases-cli-uniquely-covered",
        cases = list_or_none(&s.uniquely_covered, lang)
    );
    let _ = writeln!(out, "  {}", unique.render(lang));
    if !s.typical.is_empty() {
        let _ = writeln!(out, "  {}", word("qca-cases-cli-typical", lang));
        let header = vec![
            word("qca-cases-cli-col-case", lang),
            "X".into(),
            "Y".into(),
            "Best".into(),
            word("qca-cases-cli-col-most", lang),
            word("qca-cases-cli-col-unique", lang),
        ];
        let rows: Vec<Vec<String>> = s
            .typical
            .iter()
            .map(|t| {
                vec![
                    t.case.case.clone(),
                    num(t.case.x, 3),
                    num(t.case.y, 3),
                    num(t.best, 3),
                    mark(t.most_typical, "*"),
                    mark(t.uniquely_covered, "*"),
                ]
            })
            .collect();
        out.push_str(&indent(
            &table(&header, &rows, &[false, true, true, true, false, false]),
            "    ",
        ));
    }
    if !s.deviant_consistency_kind.is_empty() {
        let _ = writeln!(out, "  {}", word("qca-cases-cli-kind", lang));
        let header = vec![
            word("qca-cases-cli-col-case", lang),
            "X".into(),
            "Y".into(),
            "Best".into(),
            word("qca-cases-cli-col-most", lang),
        ];
        let rows: Vec<Vec<String>> = s
            .deviant_consistency_kind
            .iter()
            .map(|t| {
                vec![
                    t.case.case.clone(),
                    num(t.case.x, 3),
                    num(t.case.y, 3),
                    num(t.best, 3),
                    mark(t.most_deviant, "*"),
                ]
            })
            .collect();
        out.push_str(&indent(
            &table(&header, &rows, &[false, true, true, true, false]),
            "    ",
        ));
    }
    for (key, cases) in [
        ("qca-cases-cli-degree", &s.deviant_consistency_degree),
        ("qca-cases-cli-coverage", &s.deviant_coverage),
        ("qca-cases-cli-irrelevant", &s.individually_irrelevant),
    ] {
        let _ = writeln!(
            out,
            "  {}",
            msg!(key, cases = names(cases, lang)).render(lang)
        );
    }
    if !s.crossover.is_empty() {
        let m = msg!("qca-cases-cli-crossover", cases = names(&s.crossover, lang));
        let _ = writeln!(out, "  {}", m.render(lang));
    }
}

/// cases.suf.typ.fct: the term's typical cases seen from one conjunct.
fn focal_text(out: &mut String, f: &FocalConjunct, lang: Lang) {
    let title = msg!("qca-cases-cli-focal", focal = f.focal.as_str());
    let _ = writeln!(out, "  {}", title.render(lang));
    let header = vec![
        word("qca-cases-cli-col-case", lang),
        word("qca-cases-cli-col-focal", lang),
        word("qca-cases-cli-col-other", lang),
        "X".into(),
        "Y".into(),
        "Best".into(),
        word("qca-cases-cli-col-rank", lang),
        word("qca-cases-cli-col-flags", lang),
    ];
    let rows: Vec<Vec<String>> = f
        .typical
        .iter()
        .map(|c| {
            vec![
                c.case.case.clone(),
                num(c.focal, 3),
                c.complement.map_or(String::new(), |z| num(z, 3)),
                num(c.case.x, 3),
                num(c.case.y, 3),
                num(c.best, 3),
                c.rank.map_or(String::new(), |r| r.to_string()),
                flags(&[
                    (Some(c.most_typical_term), "M"),
                    (Some(c.most_typical_focal), "F"),
                    (Some(c.uniquely_covered), "U"),
                    (Some(c.consistent_focal), "K"),
                ]),
            ]
        })
        .collect();
    out.push_str(&indent(
        &table(
            &header,
            &rows,
            &[false, true, true, true, true, true, true, false],
        ),
        "    ",
    ));
}

fn rows_text(out: &mut String, title: &'static str, rows: &[RowCase], coverage: bool, lang: Lang) {
    let _ = writeln!(out, "  {}", word(title, lang));
    if rows.is_empty() {
        let _ = writeln!(out, "    {}", word("qca-cli-none", lang));
        return;
    }
    let mut header = vec![
        word("qca-cases-cli-col-case", lang),
        "X".into(),
        "Y".into(),
        word("qca-cases-cli-col-row", lang),
        "W".into(),
    ];
    let mut right = vec![false, true, true, false, true];
    if coverage {
        header.extend([
            "Best".into(),
            word("qca-cases-cli-col-most", lang),
            word("qca-cases-cli-col-consistent", lang),
        ]);
        right.extend([true, false, false]);
    }
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut cells = vec![
                r.case.case.clone(),
                num(r.case.x, 3),
                num(r.case.y, 3),
                row_text(&r.row),
                num(r.row_membership, 3),
            ];
            if coverage {
                cells.extend([
                    r.best.map_or(String::new(), |b| num(b, 3)),
                    mark(r.most_deviant == Some(true), "*"),
                    mark(r.consistent_row == Some(true), "*"),
                ]);
            }
            cells
        })
        .collect();
    out.push_str(&indent(&table(&header, &body, &right), "    "));
}

fn flags(parts: &[(Option<bool>, &str)]) -> String {
    parts
        .iter()
        .filter(|(b, _)| *b == Some(true))
        .map(|(_, m)| *m)
        .collect()
}

fn pairs_text(out: &mut String, lists: &[PairList], lang: Lang) {
    for l in lists {
        let (key, first, second) = match l.kind {
            PairKind::TypicalDeviantConsistency => (
                "qca-cases-cli-pairs-typ-dcn",
                "qca-cases-cli-col-typical",
                "qca-cases-cli-col-deviant",
            ),
            PairKind::DeviantCoverageIrrelevant => (
                "qca-cases-cli-pairs-dcv-iir",
                "qca-cases-cli-col-coverage",
                "qca-cases-cli-col-irrelevant",
            ),
            PairKind::TypicalTypical => (
                "qca-cases-cli-pairs-typ-typ",
                "qca-cases-cli-col-typical1",
                "qca-cases-cli-col-typical2",
            ),
            PairKind::TypicalIrrelevant => (
                "qca-cases-cli-pairs-typ-iir",
                "qca-cases-cli-col-typical",
                "qca-cases-cli-col-irrelevant",
            ),
            PairKind::TypicalTypicalFocal => (
                "qca-cases-cli-pairs-typ-typ-fc",
                "qca-cases-cli-col-typical1",
                "qca-cases-cli-col-typical2",
            ),
            PairKind::TypicalIrrelevantFocal => (
                "qca-cases-cli-pairs-typ-iir-fc",
                "qca-cases-cli-col-typical",
                "qca-cases-cli-col-irrelevant",
            ),
        };
        let title = msg!(
            key,
            group = l.group.as_str(),
            focal = l.focal.clone().unwrap_or_default(),
            total = l.total,
            shown = l.pairs.len()
        );
        let _ = writeln!(out, "  {}", title.render(lang));
        if l.pairs.is_empty() {
            continue;
        }
        let ranked = l.pairs.iter().any(|p| p.pair_rank.is_some());
        let mut header = vec![word(first, lang), word(second, lang), "Best".into()];
        if ranked {
            header.push(word("qca-cases-cli-col-rank", lang));
        }
        header.push(word("qca-cases-cli-col-flags", lang));
        let rows: Vec<Vec<String>> = l
            .pairs
            .iter()
            .map(|p| {
                let f1 = flags(&[
                    (p.first_most_typical, "M"),
                    (p.first_most_typical_focal, "F"),
                    (p.first_uniquely_covered, "U"),
                    (p.first_consistent_focal, "K"),
                    (p.consistent_row, "C"),
                ]);
                let f2 = flags(&[
                    (p.second_most_typical, "M"),
                    (p.second_most_typical_focal, "F"),
                    (p.second_uniquely_covered, "U"),
                    (p.second_consistent_focal, "K"),
                    (p.second_most_deviant, "D"),
                    (p.globally_uncovered, "G"),
                ]);
                let f = match (f1.is_empty(), f2.is_empty()) {
                    (true, true) => String::new(),
                    _ => format!("{}/{}", or_dash(&f1), or_dash(&f2)),
                };
                let mut cells = vec![p.first.case.clone(), p.second.case.clone(), num(p.best, 3)];
                if ranked {
                    cells.push(p.pair_rank.map_or(String::new(), |r| r.to_string()));
                }
                cells.push(f);
                cells
            })
            .collect();
        let mut right = vec![false, false, true];
        if ranked {
            right.push(true);
        }
        right.push(false);
        out.push_str(&indent(&table(&header, &rows, &right), "    "));
    }
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() { "-" } else { s }
}

/// The case selection as text: per term and for the solution the cases per type with the
/// rankings, the truth-table rows of the solution's deviant coverage and irrelevant cases,
/// and the pairs.
pub(crate) fn cases_text(s: &CaseSelection, source: &Msg, lang: Lang) -> String {
    let mut out = String::new();
    let header = msg!(
        "qca-cases-cli-header",
        outcome = s.outcome.as_str(),
        solution = s.solution.as_str(),
        source = source.clone()
    );
    let _ = writeln!(out, "{}", header.render(lang));
    let rows = msg!(
        "qca-cases-cli-rows",
        conditions = list_or_none(&s.conditions, lang)
    );
    let _ = writeln!(out, "{}", rows.render(lang));
    for t in &s.terms {
        let _ = writeln!(
            out,
            "\n{}",
            msg!("qca-cases-cli-term", term = t.name.as_str()).render(lang)
        );
        set_text(&mut out, t, lang);
        for f in s
            .focal_conjuncts
            .iter()
            .filter(|f| f.term == t.name && !f.typical.is_empty())
            .filter(|f| f.typical.iter().any(|c| c.rank.is_some()))
        {
            focal_text(&mut out, f, lang);
        }
    }
    let _ = writeln!(
        out,
        "\n{}",
        msg!("qca-cases-cli-solution", solution = s.solution.as_str()).render(lang)
    );
    set_text(&mut out, &s.solution_cases, lang);
    rows_text(
        &mut out,
        "qca-cases-cli-dcv-rows",
        &s.deviant_coverage_rows,
        true,
        lang,
    );
    rows_text(
        &mut out,
        "qca-cases-cli-iir-rows",
        &s.irrelevant_rows,
        false,
        lang,
    );
    let _ = writeln!(
        out,
        "\n{}",
        msg!("qca-cases-cli-pairs", max = s.max_pairs).render(lang)
    );
    let _ = writeln!(out, "  {}", word("qca-cases-cli-flags-legend", lang));
    pairs_text(&mut out, &s.pairs, lang);
    out
}

/// `kantel qca cluster`: the sets of the expression and the outcome as numbers, the unit and
/// period columns as labels (text or numbers, no empty cell); cases are named
/// `unit period`.
pub(crate) fn cluster_command(a: &ClusterArgs, lang: Lang) -> Result<String> {
    let outcome = Outcome::parse(&a.outcome)?;
    let expression = Expression::parse(&a.expression)?;
    let table = read_table(&a.data)?;
    if table.n_rows() == 0 {
        return Err(table.header_error(None, msg!("qca-cli-no-rows")).into());
    }
    let unit_col = table.set_column(&a.unit, None)?;
    let period_col = table.set_column(&a.period, None)?;
    let labels = |col: usize, option: &str| -> Result<Vec<String>> {
        (0..table.n_rows())
            .map(|r| match table.text(r, col) {
                Some(t) if !t.trim().is_empty() => Ok(t.trim().to_string()),
                _ => Err(Failure::from(table.error_at(
                    r,
                    Some(col),
                    msg!(
                        "qca-cases-cli-empty-label",
                        column = table.headers[col].as_str(),
                        option = option
                    ),
                ))),
            })
            .collect()
    };
    let units = labels(unit_col, "--unit")?;
    let periods = labels(period_col, "--period")?;
    // A unit twice in a period: an error at the second row, naming the first one's line.
    let mut seen: std::collections::HashMap<(&str, &str), usize> =
        std::collections::HashMap::with_capacity(units.len());
    for (r, (u, p)) in units.iter().zip(&periods).enumerate() {
        if let Some(&first) = seen.get(&(u.as_str(), p.as_str())) {
            let m = msg!(
                "qca-cases-cli-panel-duplicate",
                unit = u.as_str(),
                period = p.as_str(),
                line = table.lines.get(first).copied().unwrap_or(first + 1)
            );
            return Err(table.error_at(r, None, m).into());
        }
        seen.insert((u.as_str(), p.as_str()), r);
    }
    let mut sets: Vec<(String, Role)> = vec![(outcome.name.clone(), Role::Outcome)];
    sets.extend(
        expression
            .conditions()
            .into_iter()
            .map(|c| (c, Role::InExpression)),
    );
    let mut names = Vec::new();
    let mut columns = Vec::new();
    for (name, role) in &sets {
        if names.contains(name) {
            continue;
        }
        let c = table.set_column(name, None)?;
        if c == unit_col || c == period_col {
            return Err(Failure(msg!(
                "qca-cases-cli-label-as-set",
                column = name.as_str()
            )));
        }
        check_numbers(&table, c, *role)?;
        let values: Vec<f64> = (0..table.n_rows())
            .map(|r| table.number(r, c).map(|v| v.unwrap_or(f64::NAN)))
            .collect::<std::result::Result<_, _>>()?;
        names.push(name.clone());
        columns.push(values);
    }
    let cases: Vec<String> = units
        .iter()
        .zip(&periods)
        .map(|(u, p)| format!("{u} {p}"))
        .collect();
    let data = SetData::new(cases, names, columns)?;
    let d = cluster(&data, &expression, &outcome, &units, &periods)?;
    Ok(if a.json {
        serde_json::to_string_pretty(&d)? + "\n"
    } else {
        cluster_text(&d, lang)
    })
}

fn groups_table(title: &'static str, col: &'static str, groups: &[GroupFit], lang: Lang) -> String {
    let mut out = format!("  {}\n", word(title, lang));
    let header = vec![
        word(col, lang),
        "n".into(),
        word("qca-cases-cli-col-consistency", lang),
        word("qca-cases-cli-col-coverage-fit", lang),
    ];
    let rows: Vec<Vec<String>> = groups
        .iter()
        .map(|g| {
            vec![
                g.id.clone(),
                g.n.to_string(),
                num(g.consistency, 3),
                num(g.coverage, 3),
            ]
        })
        .collect();
    out.push_str(&indent(
        &table(&header, &rows, &[false, true, true, true]),
        "    ",
    ));
    out
}

fn cluster_fit_text(out: &mut String, title: Msg, f: &ClusterFit, lang: Lang) {
    let _ = writeln!(out, "\n{}", title.render(lang));
    let pooled = msg!(
        "qca-cases-cli-pooled",
        consistency = num(f.pooled_consistency, 3),
        coverage = num(f.pooled_coverage, 3)
    );
    let _ = writeln!(out, "  {}", pooled.render(lang));
    let d = msg!(
        "qca-cases-cli-distances",
        dbp = num(f.d_bp, 3),
        dwp = num(f.d_wp, 3)
    );
    let _ = writeln!(out, "  {}", d.render(lang));
    out.push_str(&groups_table(
        "qca-cases-cli-between",
        "qca-cases-cli-col-period",
        &f.between,
        lang,
    ));
    out.push_str(&groups_table(
        "qca-cases-cli-within",
        "qca-cases-cli-col-unit",
        &f.within,
        lang,
    ));
}

/// The panel diagnostics as text, per term and for the solution.
pub(crate) fn cluster_text(d: &ClusterDiagnostics, lang: Lang) -> String {
    let mut out = String::new();
    let header = msg!(
        "qca-cases-cli-cluster-header",
        outcome = d.outcome.as_str(),
        solution = d.solution.as_str(),
        units = d.units.len(),
        periods = d.periods.len()
    );
    let _ = writeln!(out, "{}", header.render(lang));
    // One term: its diagnostics are the solution's; print them once.
    if d.terms.len() > 1 {
        for t in &d.terms {
            cluster_fit_text(
                &mut out,
                msg!("qca-cases-cli-term", term = t.name.as_str()),
                t,
                lang,
            );
        }
    }
    cluster_fit_text(
        &mut out,
        msg!("qca-cases-cli-solution", solution = d.solution.as_str()),
        &d.solution_fit,
        lang,
    );
    out
}
