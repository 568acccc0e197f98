//! The report's texts: the `report-*` messages of kantel's one catalogue
//! (`crates/kantel-i18n/locales/{nl,en}/report.ftl`), in Dutch (default) or English.
//!
//! Catalogue texts are trusted HTML fragments (they may contain entities and inline tags);
//! values put into their `{ $placeholders }` must be escaped by the caller when they come
//! from input. A key that is not in the catalogue renders as [`MISSING`] followed by the
//! key, which tests look for.

pub use kantel_i18n::{Lang, MISSING, UnknownLang};
