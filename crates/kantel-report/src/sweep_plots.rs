//! The plots of a robustness sweep ([`kantel_qca::sweep::Sweep`]): the range plot of each
//! swept parameter and SetMethods' robustness XY plot, as inputs of [`crate::plots`].

use kantel_qca::sweep::{SettingOutcome, Sweep};

use crate::i18n::Lang;
use crate::plots::{CaseType, RangePlot, RangePoint, XyCase, XyCaseTypes};

/// The robustness case type of a `rob.cases` group key (`S1S2Y`, ...).
pub fn case_type(group: Option<&str>) -> CaseType {
    match group {
        Some("S1S2Y") => CaseType::RobustTypical,
        Some("S1S2y") => CaseType::RobustDeviant,
        Some("S1s2Y") => CaseType::ShakyTypical,
        Some("S1s2y") => CaseType::ShakyDeviant,
        Some("s1S2Y") => CaseType::PossibleTypical,
        Some("s1S2y") => CaseType::PossibleDeviant,
        Some("s1s2Y") => CaseType::ExtremeDeviantCoverage,
        Some("s1s2y") => CaseType::RobustIrrelevant,
        _ => CaseType::Unclassified,
    }
}

/// The range plot of axis `axis`: the solution at each value of that parameter, the other
/// parameters at their initial values, with the initial solution's range shaded.
/// `parameter` is the axis' name for people; `None` when there is no such axis.
pub fn range_plot(s: &Sweep, axis: usize, parameter: String, lang: Lang) -> Option<RangePlot> {
    let a = s.axes.get(axis)?;
    let initial: Vec<f64> = s.settings.get(s.initial_setting)?.values.clone();
    let points = s
        .settings
        .iter()
        .filter(|setting| {
            setting
                .values
                .iter()
                .zip(&initial)
                .enumerate()
                .all(|(k, (v, i))| k == axis || v == i)
        })
        .map(|setting| RangePoint {
            value: setting.values[axis],
            solution: match &setting.outcome {
                SettingOutcome::Models { models, .. } => Some(
                    models
                        .iter()
                        .map(|&m| s.models[m].expression.as_str())
                        .collect::<Vec<_>>()
                        .join(" | "),
                ),
                _ => None,
            },
            measures: Vec::new(),
        })
        .collect();
    let stable = match (a.range.lower, a.range.upper) {
        (Some(lo), Some(hi)) => Some((lo, hi)),
        _ => None,
    };
    Some(RangePlot {
        lang,
        title: format!("{parameter}: {}", s.outcome),
        parameter,
        initial: a.initial,
        stable,
        points,
        measures: Vec::new(),
    })
}

/// SetMethods' robustness XY plot: each case's membership in the initial solution against
/// the intersection of all test solutions, marked by its robustness type; `name` gives the
/// case's name for people. `None` without a comparison.
pub fn xy_plot(s: &Sweep, lang: Lang, name: impl Fn(&str) -> String) -> Option<XyCaseTypes> {
    let c = s.comparison.as_ref()?;
    let f = c.fit.exact;
    Some(XyCaseTypes {
        lang,
        title: c.initial_model.clone(),
        x_label: c.initial_model.clone(),
        y_label: "minTS".into(),
        subtitle: format!(
            "RF_cov {:.3}; RF_cons {:.3}; RF_SC_minTS {:.3}; RCR_typ {:.3}; RCR_dev {:.3}",
            f.rf_cov, f.rf_cons, f.rf_sc_min_ts, c.case_ratios.rcr_typ, c.case_ratios.rcr_dev
        ),
        cases: c
            .xy
            .iter()
            .map(|p| XyCase {
                name: name(&p.case),
                x: p.is,
                y: p.min_ts,
                kind: case_type(p.group.as_deref()),
                label: true,
            })
            .collect(),
        robustness: true,
    })
}
