//! The interface language of the command line: Dutch by default, English on request.
//! Every text comes from the `kantel-i18n` catalogue in the `kantel_i18n::Lang` this
//! converts into; there are no Dutch/English pairs in the code.

use clap::ValueEnum;

/// Interface language.
#[derive(Clone, Copy, Debug, Default, ValueEnum, PartialEq, Eq)]
pub enum UiLang {
    /// Nederlands (default).
    #[default]
    Nl,
    /// English.
    En,
}

impl From<UiLang> for kantel_i18n::Lang {
    fn from(l: UiLang) -> kantel_i18n::Lang {
        match l {
            UiLang::Nl => kantel_i18n::Lang::Nl,
            UiLang::En => kantel_i18n::Lang::En,
        }
    }
}
