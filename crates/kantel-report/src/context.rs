//! What every section needs: the input, the language, and look-ups that turn ids into
//! names and labels.

use kantel_qca::fit;
use kantel_qca::minimize::{Model, ModelTerm};
use kantel_qca::truth_table::TruthTable;

use crate::html::escape;
use crate::i18n::{self, Lang};
use crate::{ReportError, ReportInput};

/// Rendering context.
pub(crate) struct Ctx<'a> {
    pub input: &'a ReportInput<'a>,
    pub lang: Lang,
}

impl<'a> Ctx<'a> {
    /// Checks that the analysis fits together, so that sections can rely on it.
    pub fn new(input: &'a ReportInput<'a>, lang: Lang) -> Result<Ctx<'a>, ReportError> {
        let a = input.analysis;
        let bad = |m: String| Err(ReportError::Inconsistent(m));
        if a.raw.cases() != a.sets.cases() {
            return bad(
                "the raw values and the calibrated sets list different municipalities".into(),
            );
        }
        let tt = &a.truth_table;
        if tt.case_names() != a.sets.cases() {
            return bad(
                "the truth table and the calibrated sets list different municipalities".into(),
            );
        }
        let outcome = a.outcome.trim_start_matches('~').trim();
        for set in a
            .conditions
            .iter()
            .map(String::as_str)
            .chain(std::iter::once(outcome))
        {
            if a.sets.column(set).is_none() {
                return bad(format!("set {set} has no column in the calibrated sets"));
            }
            if a.raw.column(set).is_none() {
                return bad(format!("set {set} has no column in the raw values"));
            }
        }
        if tt.conditions() != a.conditions.as_slice() {
            return bad(format!(
                "the truth table's conditions ({}) differ from the analysis' ({})",
                tt.conditions().join(", "),
                a.conditions.join(", ")
            ));
        }
        Ok(Ctx { input, lang })
    }

    /// The text of a catalog key in the report language.
    pub fn t(&self, key: &str) -> &'static str {
        i18n::text(self.lang, key)
    }

    /// A catalog text with `{name}` placeholders filled in (values are inserted as given:
    /// escape them first when they come from input).
    pub fn tf(&self, key: &str, args: &[(&str, &str)]) -> String {
        i18n::format(self.lang, key, args)
    }

    /// The analysis.
    pub fn analysis(&self) -> &'a kantel_study::analysis::StudyAnalysis {
        self.input.analysis
    }

    /// The truth table.
    pub fn tt(&self) -> &'a TruthTable {
        &self.input.analysis.truth_table
    }

    /// Whether the data are simulated (by the study file or by the analysis).
    pub fn simulated(&self) -> bool {
        self.input.study.study.simulated || self.input.analysis.simulated
    }

    /// The outcome's set id without negation.
    pub fn outcome_set(&self) -> &'a str {
        self.input.analysis.outcome.trim_start_matches('~').trim()
    }

    /// A municipality's name from the study (its code when the study does not know it).
    pub fn name(&self, code: &str) -> String {
        self.input
            .study
            .municipality(code)
            .map_or_else(|| code.to_string(), |m| m.name.clone())
    }

    /// Escaped, comma-separated names of municipalities given by code.
    pub fn names(&self, codes: impl IntoIterator<Item = impl AsRef<str>>) -> String {
        codes
            .into_iter()
            .map(|c| escape(&self.name(c.as_ref())).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
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
            .calibrations
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
            self.t("banner.title"),
            self.t("banner.text")
        )
    }

    /// Index of a municipality (code) among the analysed cases.
    pub fn case_index(&self, code: &str) -> Option<usize> {
        self.input
            .analysis
            .sets
            .cases()
            .iter()
            .position(|c| c == code)
    }

    /// Membership of every analysed municipality in a solution term. Uses the term's
    /// implicant when present; a term read back from JSON has none, and is then parsed.
    pub fn term_membership(&self, term: &ModelTerm) -> Result<Vec<f64>, ReportError> {
        let tt = self.tt();
        if term.implicant.len() == tt.conditions().len() {
            return Ok(tt.term_membership(&term.implicant));
        }
        let expr = kantel_qca::expr::Expression::parse(&term.term).map_err(|e| {
            ReportError::Inconsistent(format!("solution term {:?}: {e}", term.term))
        })?;
        expr.membership(&self.input.analysis.sets)
            .map_err(|e| ReportError::Inconsistent(format!("solution term {:?}: {e}", term.term)))
    }

    /// Membership in a whole model (the union of its terms) and in each term.
    pub fn model_membership(
        &self,
        model: &Model,
    ) -> Result<(Vec<f64>, Vec<Vec<f64>>), ReportError> {
        let terms = model
            .terms
            .iter()
            .map(|t| self.term_membership(t))
            .collect::<Result<Vec<_>, _>>()?;
        let n = self.tt().case_names().len();
        Ok((fit::union(&terms, n), terms))
    }

    /// A configuration as a product of literals (`DEV*~URB*LIT`).
    pub fn configuration(&self, values: &[u8]) -> String {
        let implicant: Vec<u8> = values.iter().map(|v| v + 1).collect();
        kantel_qca::minimize::term_string(
            &implicant,
            self.tt().conditions(),
            self.tt().is_multi_value(),
        )
    }
}
