//! `--svg FILE` of `kantel qca minimize`, `fit` and `truth-table`: the engine's results as
//! the plots of `kantel_report::plots`, written as standalone SVG files.
//!
//! The XY plot needs each case's type; until the engine has its own case classification
//! (`kantel_qca::cases`), [`sufficiency_case_type`] is a minimal local one (SetMethods'
//! rules for a sufficient solution).

use std::path::Path;

use kantel_i18n::{Lang, Msg, msg};
use kantel_qca::SetData;
use kantel_qca::expr::Statement;
use kantel_qca::fit;
use kantel_qca::minimize::{Minimization, Model};
use kantel_qca::necessity::Relation;
use kantel_qca::truth_table::{Out, TruthTable};
use kantel_report::plots::{
    self, CaseType, ChartCell, ChartTerm, ConfigChart, VENN_MAX_SETS, Venn, VennOut, VennRegion,
    XyCase, XyCaseTypes, f3,
};

/// Writes `svg` (an inline `<svg>`) to `path` as a standalone SVG file.
pub(crate) fn write(path: &Path, svg: &str) -> Result<(), Msg> {
    std::fs::write(path, plots::standalone(svg)).map_err(|e| {
        msg!(
            "qca-plots-write-failed",
            file = path.display().to_string(),
            error = e.to_string()
        )
    })
}

/// The type of a case for a sufficient solution X and outcome Y (Schneider and Rohlfing;
/// SetMethods' cases.suf.typ, .dcn, .dcv, .iir): typical X > 0.5, Y > 0.5 and X ≤ Y;
/// deviant in degree X > Y above 0.5; deviant in kind X > 0.5 > Y; deviant coverage
/// X < 0.5 < Y; individually irrelevant both below 0.5; no type on 0.5.
pub(crate) fn sufficiency_case_type(x: f64, y: f64) -> CaseType {
    use kantel_qca::cases::{CaseType as Kind, classify};
    match classify(x, y) {
        Kind::Typical => CaseType::Typical,
        Kind::DeviantConsistencyDegree => CaseType::DeviantConsistencyDegree,
        Kind::DeviantConsistencyKind => CaseType::DeviantConsistencyKind,
        Kind::DeviantCoverage => CaseType::DeviantCoverage,
        Kind::IndividuallyIrrelevant => CaseType::Irrelevant,
        Kind::Crossover => CaseType::Unclassified,
    }
}

/// `kantel qca fit --svg`: the XY plot of the one expression against the outcome, cases
/// marked by type (sufficiency) or plain (a necessity statement, `A + B <- Y`).
pub(crate) fn fit_svg(
    path: &Path,
    statements: &[Statement],
    data: &SetData,
    outcome: &str,
    y: &[f64],
    lang: Lang,
) -> Result<(), Msg> {
    let [statement] = statements else {
        return Err(msg!(
            "qca-plots-fit-one-expression",
            count = statements.len()
        ));
    };
    let e = &statement.expression;
    let x = e.membership(data).map_err(|err| err.msg())?;
    let necessity = statement
        .arrow
        .as_ref()
        .is_some_and(|a| a.relation == Relation::Necessity);
    let subtitle = if necessity {
        let f = fit::necessity(&x, y);
        format!(
            "inclN {}; RoN {}; covN {}",
            f3(f.incl),
            f3(f.ron),
            f3(f.cov)
        )
    } else {
        let f = fit::sufficiency(&x, y);
        format!(
            "inclS {}; PRI {}; covS {}",
            f3(f.incl),
            f3(f.pri),
            f3(f.cov)
        )
    };
    let expression = e.to_string();
    let cases = data
        .cases()
        .iter()
        .zip(x.iter().zip(y))
        .map(|(name, (&xi, &yi))| XyCase {
            name: name.clone(),
            x: xi,
            y: yi,
            kind: if necessity {
                CaseType::Plain
            } else {
                sufficiency_case_type(xi, yi)
            },
            label: true,
        })
        .collect();
    let plot = XyCaseTypes {
        lang,
        title: msg!("qca-plots-xy-title", x = expression.as_str(), y = outcome).render(lang),
        x_label: expression,
        y_label: outcome.to_string(),
        subtitle,
        cases,
        robustness: false,
    };
    write(path, &plots::xy_case_types_plot(&plot))
}

/// `kantel qca truth-table --svg`: the Venn diagram of the truth table (up to five crisp or
/// fuzzy conditions).
pub(crate) fn truth_table_svg(path: &Path, tt: &TruthTable, lang: Lang) -> Result<(), Msg> {
    let conditions = tt.conditions();
    if conditions.len() > VENN_MAX_SETS {
        return Err(plots::PlotError::TooManySets {
            sets: conditions.len(),
            max: VENN_MAX_SETS,
        }
        .msg());
    }
    if let Some(i) = tt.noflevels().iter().position(|&l| l > 2) {
        return Err(msg!(
            "qca-plots-venn-multi-value",
            condition = conditions[i].as_str()
        ));
    }
    let names = tt.case_names();
    let regions = tt
        .rows()
        .iter()
        .map(|r| VennRegion {
            config: r.values.iter().map(|&v| v == 1).collect(),
            out: match r.out {
                Out::One => VennOut::One,
                Out::Zero => VennOut::Zero,
                Out::Contradiction => VennOut::Contradiction,
                Out::Remainder => VennOut::Remainder,
            },
            cases: r.cases.iter().map(|&c| names[c].clone()).collect(),
        })
        .collect();
    let venn = Venn {
        lang,
        title: msg!(
            "qca-plots-venn-title",
            outcome = tt.spec().outcome.to_string()
        )
        .render(lang),
        id: "venn".into(),
        sets: conditions.to_vec(),
        regions,
        show_names: true,
    };
    let svg = plots::venn(&venn).map_err(|e| e.msg())?;
    write(path, &svg)
}

/// The model a minimization reports first: the first intermediate model, else the first
/// parsimonious, else the first conservative one; with the parsimonious model that marks
/// its core conditions (for an intermediate model the one of its pair `CiPj`), if any.
fn reported_model(m: &Minimization) -> Option<(&Model, Option<&Model>)> {
    let pars = |j: usize| m.parsimonious.as_ref().and_then(|s| s.models.get(j));
    if let Some(i) = m.intermediate.iter().find(|i| !i.models.is_empty()) {
        // `C1P2`: parsimonious model 2.
        let j = i
            .from
            .split('P')
            .nth(1)
            .and_then(|n| n.parse::<usize>().ok())
            .map_or(0, |n| n.saturating_sub(1));
        return Some((&i.models[0], pars(j)));
    }
    if let Some(p) = pars(0) {
        return Some((p, Some(p)));
    }
    m.conservative
        .as_ref()
        .and_then(|s| s.models.first())
        .map(|c| (c, None))
}

/// Whether condition `c` of `term` is a core condition: it is in a term of the parsimonious
/// model that `term` is a subset of (every condition of that term appears in `term` with
/// the same value).
fn is_core(term: &[u8], parsimonious: &Model, c: usize) -> bool {
    parsimonious.terms.iter().any(|p| {
        p.implicant.get(c).copied().unwrap_or(0) != 0
            && p.implicant.get(c) == term.get(c)
            && p.implicant
                .iter()
                .zip(term)
                .all(|(&pv, &tv)| pv == 0 || pv == tv)
    })
}

/// `kantel qca minimize --svg`: the configuration chart of the reported model, core
/// conditions from the parsimonious solution when it was computed. Conditions with more
/// than two levels (`noflevels`) show their level; the others ● or ⊗.
pub(crate) fn minimize_svg(
    path: &Path,
    m: &Minimization,
    noflevels: &[u8],
    lang: Lang,
) -> Result<(), Msg> {
    let Some((model, parsimonious)) = reported_model(m) else {
        return Err(msg!("qca-plots-no-model"));
    };
    let n = m.conditions.len();
    let terms = model
        .terms
        .iter()
        .map(|t| {
            let cells = (0..n)
                .map(|c| match t.implicant.get(c).copied().unwrap_or(0) {
                    0 => ChartCell::DontCare,
                    v if noflevels.get(c).is_some_and(|&l| l > 2) => ChartCell::Level(v - 1),
                    1 => ChartCell::Absent,
                    _ => ChartCell::Present,
                })
                .collect();
            let core = (0..n)
                .map(|c| parsimonious.is_some_and(|p| is_core(&t.implicant, p, c)))
                .collect();
            ChartTerm {
                label: t.term.clone(),
                cells,
                core,
                consistency: t.incl,
                raw_coverage: t.cov,
                unique_coverage: t.cov_u,
            }
        })
        .collect();
    let chart = ConfigChart {
        lang,
        title: msg!(
            "qca-plots-chart-title",
            model = model.expression.as_str(),
            outcome = m.outcome.as_str()
        )
        .render(lang),
        conditions: m.conditions.clone(),
        terms,
        core_known: parsimonious.is_some(),
        solution_consistency: model.incl,
        solution_coverage: model.cov,
    };
    write(path, &plots::configuration_chart(&chart))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_types_follow_setmethods_rules() {
        // cases.suf.typ: X > 0.5, Y > 0.5, X <= Y.
        assert_eq!(sufficiency_case_type(0.7, 0.7), CaseType::Typical);
        assert_eq!(
            sufficiency_case_type(0.8, 0.6),
            CaseType::DeviantConsistencyDegree
        );
        assert_eq!(
            sufficiency_case_type(0.6, 0.4),
            CaseType::DeviantConsistencyKind
        );
        assert_eq!(sufficiency_case_type(0.4, 0.6), CaseType::DeviantCoverage);
        assert_eq!(sufficiency_case_type(0.0, 0.0), CaseType::Irrelevant);
        assert_eq!(sufficiency_case_type(0.5, 0.9), CaseType::Unclassified);
    }

    #[test]
    fn core_conditions_are_those_of_the_parsimonious_term_it_contains() {
        use kantel_qca::minimize::{Assumptions, ModelTerm};
        let term = |implicant: Vec<u8>| ModelTerm {
            term: String::new(),
            implicant,
            incl: 1.0,
            pri: 1.0,
            cov: 1.0,
            cov_u: 0.0,
            cases: std::sync::Arc::from(Vec::<String>::new()),
            rows: Vec::new(),
        };
        // Parsimonious: A*~C (2,0,1). Intermediate term A*B*~C (2,2,1): A and ~C core,
        // B peripheral. A term A*C (2,0,2) does not contain A*~C: nothing core.
        let p = Model {
            expression: "A*~C".into(),
            terms: vec![term(vec![2, 0, 1])],
            incl: 1.0,
            pri: 1.0,
            cov: 1.0,
            simplifying_assumptions: Assumptions::default(),
        };
        let t = [2, 2, 1];
        assert_eq!(
            (0..3).map(|c| is_core(&t, &p, c)).collect::<Vec<_>>(),
            [true, false, true]
        );
        let u = [2, 0, 2];
        assert!((0..3).all(|c| !is_core(&u, &p, c)));
    }
}
