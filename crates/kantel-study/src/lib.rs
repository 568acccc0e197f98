//! # kantel-study: the decentralisation study as data
//!
//! The domain between the engine and the store. Data flows like this:
//!
//! 1. [`study::Study`]: the study file (TOML) with municipalities, respondent groups, the
//!    codebook (conditions, outcomes, context with NL/EN items), calibration anchors and the
//!    analysis plan; [`study::template`] is the built-in instrument.
//! 2. [`table::Table`]: a CSV or XLSX file read cell by cell with line numbers;
//!    [`table::to_set_data`] turns one into the engine's `SetData`.
//! 3. [`import`]: questionnaire answers ([`import::read_answers`]) and register indicators
//!    ([`import::import_register`]) checked against the study and the
//!    [`register::MunicipalityRegister`] (CBS codes, aliases, mergers).
//! 4. [`measure::measure`]: reverse scoring, scale scores, aggregation per group and per
//!    municipality, Cronbach's alpha → [`measure::Measurement`].
//! 5. [`analysis::analyse`]: calibration, necessity, truth table, solutions and small-N
//!    statistics → [`analysis::StudyAnalysis`], one immutable value with its settings.
//! 6. [`simulate::simulate`]: a simulated study with a planted causal structure (the demo).
//!
//! Files are read here; nothing here knows SQL, HTTP or the terminal.

pub mod analysis;
pub mod codebook;
pub mod error;
pub mod import;
pub mod measure;
pub mod register;
pub mod simulate;
pub mod study;
pub mod table;
pub use error::StudyError;
