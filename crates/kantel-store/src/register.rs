//! Register values (administrative statistics) and expert ratings stored as register
//! values, as the imports wrote them (see `imports`).

use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::{Store, StoreError, StudyId};

/// One register (administrative statistics) value, or an expert rating stored as one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegisterValueRecord {
    /// CBS code of the municipality. Not tied to the study's municipality list: register
    /// tables cover the whole country, a study usually a sample.
    pub municipality_code: String,
    /// Indicator name or code.
    pub indicator: String,
    /// Reference year.
    pub year: i64,
    /// The value; `None` when the source has none (a missing value is not a zero).
    pub value: Option<f64>,
    /// Where it came from (table, publisher).
    pub source: String,
}

impl Store {
    /// The study's register values (expert ratings included), by municipality, indicator
    /// and year.
    pub async fn list_register_values(
        &self,
        study: StudyId,
    ) -> Result<Vec<RegisterValueRecord>, StoreError> {
        self.locate(
            async {
                self.ensure_study(study).await?;
                let rows = sqlx::query(
                    "SELECT municipality_code, indicator, year, value, source \
                     FROM register_values WHERE study_id = $1",
                )
                .bind(study.0)
                .fetch_all(&self.pool)
                .await?;
                let mut out = Vec::with_capacity(rows.len());
                for r in &rows {
                    out.push(RegisterValueRecord {
                        municipality_code: r.try_get("municipality_code")?,
                        indicator: r.try_get("indicator")?,
                        year: r.try_get("year")?,
                        value: r.try_get("value")?,
                        source: r.try_get("source")?,
                    });
                }
                // Text order in Rust: the backends' collations disagree.
                out.sort_by(|a, b| {
                    (&a.municipality_code, &a.indicator, a.year).cmp(&(
                        &b.municipality_code,
                        &b.indicator,
                        b.year,
                    ))
                });
                Ok(out)
            }
            .await,
        )
    }
}
