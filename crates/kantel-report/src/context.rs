//! What every section needs: the input, the language, and look-ups that turn ids into
//! names and labels.

use kantel_i18n::{Arg, Msg};
use kantel_qca::SetData;
use kantel_qca::fit;
use kantel_qca::minimize::{Minimization, Model, ModelTerm};
use kantel_qca::truth_table::TruthTable;
use kantel_study::analysis::{Step, StudyAnalysis};

use crate::html::escape;
use crate::i18n::Lang;
use crate::{ReportError, ReportInput};

/// The separator between the names in a list of municipalities. Names may contain commas
/// (`Nuenen, Gerwen en Nederwetten`), so lists use a semicolon.
pub(crate) const LIST_SEPARATOR: &str = "; ";

/// Rendering context.
pub(crate) struct Ctx<'a> {
    pub input: &'a ReportInput<'a>,
    pub lang: Lang,
}

impl<'a> Ctx<'a> {
    /// Checks that the parts of the analysis that succeeded fit together, so that sections
    /// can rely on them.
    pub fn new(input: &'a ReportInput<'a>, lang: Lang) -> Result<Ctx<'a>, ReportError> {
        let a = input.analysis;
        let bad = |m: String| Err(ReportError::Inconsistent(m));
        let outcome = a.outcome.trim_start_matches('~').trim();
        let sets: Vec<&str> = a
            .conditions
            .iter()
            .map(String::as_str)
            .chain(std::iter::once(outcome))
            .collect();
        for (what, data) in [("raw values", a.raw()), ("calibrated sets", a.sets())] {
            let Some(data) = data else { continue };
            for set in &sets {
                if data.column(set).is_none() {
                    return bad(format!("set {set} has no column in the {what}"));
                }
            }
        }
        if let (Some(raw), Some(members)) = (a.raw(), a.sets())
            && raw.cases() != members.cases()
        {
            return bad(
                "the raw values and the calibrated sets list different municipalities".into(),
            );
        }
        if let Some(tt) = a.truth_table() {
            if let Some(members) = a.sets()
                && tt.case_names().iter().any(|c| !members.cases().contains(c))
            {
                return bad(
                    "the truth table lists municipalities that the calibrated sets do not have"
                        .into(),
                );
            }
            if tt.conditions() != a.conditions.as_slice() {
                return bad(format!(
                    "the truth table's conditions ({}) differ from the analysis' ({})",
                    tt.conditions().join(", "),
                    a.conditions.join(", ")
                ));
            }
        }
        if a.minimization().is_some() && a.truth_table().is_none() {
            return bad("the analysis has solutions but no truth table".into());
        }
        Ok(Ctx { input, lang })
    }

    /// The text of a catalogue key in the report language (a trusted HTML fragment).
    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    /// A catalogue text with its `{ $name }` placeholders filled in (values are inserted as
    /// given: escape them first when they come from input).
    pub fn tf(&self, key: &str, args: &[(&str, &str)]) -> String {
        let args: Vec<(&str, Arg)> = args
            .iter()
            .map(|(k, v)| (*k, Arg::Text((*v).to_string())))
            .collect();
        self.lang.tr(key, &args)
    }

    /// A catalogue text with typed arguments (counts select plural forms). Text arguments
    /// are inserted as given: escape them first when they come from input.
    pub fn tr(&self, key: &str, args: &[(&str, Arg)]) -> String {
        self.lang.tr(key, args)
    }

    /// A message of the analysis (a warning, a reason) in the report language, escaped:
    /// analysis messages are plain text that may quote input.
    pub fn msg(&self, m: &Msg) -> String {
        escape(&m.render(self.lang)).into_owned()
    }

    /// The analysis.
    pub fn analysis(&self) -> &'a StudyAnalysis {
        self.input.analysis
    }

    /// The raw values, when the measurement succeeded.
    pub fn raw(&self) -> Option<&'a SetData> {
        self.input.analysis.raw()
    }

    /// The memberships, when the calibration succeeded.
    pub fn sets(&self) -> Option<&'a SetData> {
        self.input.analysis.sets()
    }

    /// The truth table, when it was built.
    pub fn tt(&self) -> Option<&'a TruthTable> {
        self.input.analysis.truth_table()
    }

    /// The minimization, when there were positive configurations to minimize.
    pub fn minimization(&self) -> Option<&'a Minimization> {
        self.input.analysis.minimization()
    }

    /// Whether the data are simulated (by the study file or by the analysis).
    pub fn simulated(&self) -> bool {
        self.input.study.study.simulated || self.input.analysis.simulated
    }

    /// The outcome's set id without negation.
    pub fn outcome_set(&self) -> &'a str {
        self.input.analysis.outcome.trim_start_matches('~').trim()
    }

    /// The analysed sets: conditions, then the outcome (without negation).
    pub fn analysed_sets(&self) -> Vec<&'a str> {
        self.input
            .analysis
            .conditions
            .iter()
            .map(String::as_str)
            .chain(std::iter::once(self.outcome_set()))
            .collect()
    }

    /// A municipality's name from the study (its code when the study does not know it).
    pub fn name(&self, code: &str) -> String {
        self.input
            .study
            .municipality(code)
            .map_or_else(|| code.to_string(), |m| m.name.clone())
    }

    /// Escaped names of municipalities given by code, separated by [`LIST_SEPARATOR`].
    pub fn names(&self, codes: impl IntoIterator<Item = impl AsRef<str>>) -> String {
        codes
            .into_iter()
            .map(|c| escape(&self.name(c.as_ref())).into_owned())
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR)
    }

    /// A set's label in the report language (from the codebook, else the calibration, else
    /// the id itself).
    pub fn set_label(&self, id: &str) -> String {
        let id = id.trim_start_matches('~');
        if let Some(s) = self.input.study.set(id) {
            return match self.lang {
                Lang::Nl => s.set.label_nl.clone(),
                Lang::En => s.set.label_en.clone(),
            };
        }
        if let Some(c) = self
            .input
            .analysis
            .calibrations()
            .iter()
            .find(|c| c.set == id)
        {
            return match self.lang {
                Lang::Nl => c.label_nl.clone(),
                Lang::En => c.label_en.clone(),
            };
        }
        id.to_string()
    }

    /// Thousands separator of the report language.
    pub fn thousands_sep(&self) -> char {
        match self.lang {
            Lang::Nl => '.',
            Lang::En => ',',
        }
    }

    /// The simulated-data banner (empty for real data).
    pub fn banner(&self) -> String {
        if !self.simulated() {
            return String::new();
        }
        format!(
            r#"<div class="banner-sim" role="alert">{}<small>{}</small></div>"#,
            self.t("report-banner-title"),
            self.t("report-banner-text")
        )
    }

    /// A visible box for a step that failed or was skipped (empty when it succeeded).
    pub fn step_box<T>(&self, step: &Step<T>) -> String {
        let (class, title) = match step {
            Step::Ok { .. } => return String::new(),
            Step::Failed { .. } => ("step-failed", self.t("report-step-failed")),
            Step::Skipped { .. } => ("step-skipped", self.t("report-step-skipped")),
        };
        format!(
            "<div class=\"{class}\" role=\"alert\"><strong>{title}</strong> {}</div>\n",
            step.reason().map(|r| self.msg(r)).unwrap_or_default()
        )
    }

    /// Index of a municipality (code) among the analysed cases.
    pub fn case_index(&self, code: &str) -> Option<usize> {
        self.input
            .analysis
            .raw()?
            .cases()
            .iter()
            .position(|c| c == code)
    }

    /// Index of a municipality (code) among the cases of the truth table.
    pub fn tt_index(&self, code: &str) -> Option<usize> {
        self.tt()?.case_names().iter().position(|c| c == code)
    }

    /// Membership of every municipality in the truth table in a solution term. Uses the
    /// term's implicant when present; a term read back from JSON has none, and is then
    /// parsed and evaluated on the memberships of the truth table's cases.
    pub fn term_membership(&self, term: &ModelTerm) -> Result<Vec<f64>, ReportError> {
        let tt = self
            .tt()
            .ok_or_else(|| ReportError::Inconsistent("solutions without a truth table".into()))?;
        if term.implicant.len() == tt.conditions().len() {
            return Ok(tt.term_membership(&term.implicant));
        }
        let expr = kantel_qca::expr::Expression::parse(&term.term).map_err(|e| {
            ReportError::Inconsistent(format!("solution term {:?}: {e}", term.term))
        })?;
        let sets = self
            .sets()
            .ok_or_else(|| ReportError::Inconsistent("solutions without calibrated sets".into()))?;
        let all = expr.membership(sets).map_err(|e| {
            ReportError::Inconsistent(format!("solution term {:?}: {e}", term.term))
        })?;
        Ok(tt
            .case_names()
            .iter()
            .map(|c| {
                sets.cases()
                    .iter()
                    .position(|s| s == c)
                    .map_or(f64::NAN, |k| all[k])
            })
            .collect())
    }

    /// Membership in a whole model (the union of its terms) and in each term, for every
    /// municipality in the truth table.
    pub fn model_membership(
        &self,
        model: &Model,
    ) -> Result<(Vec<f64>, Vec<Vec<f64>>), ReportError> {
        let terms = model
            .terms
            .iter()
            .map(|t| self.term_membership(t))
            .collect::<Result<Vec<_>, _>>()?;
        let n = self.tt().map_or(0, |tt| tt.case_names().len());
        Ok((fit::union(&terms, n), terms))
    }

    /// A configuration as a product of literals (`DEV*~URB*LIT`).
    pub fn configuration(&self, tt: &TruthTable, values: &[u8]) -> String {
        let implicant: Vec<u8> = values.iter().map(|v| v + 1).collect();
        kantel_qca::minimize::term_string(&implicant, tt.conditions(), tt.is_multi_value())
    }
}
