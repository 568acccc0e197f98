//! The interface language of the command line: Dutch by default, English on request.

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

impl UiLang {
    /// The Dutch or the English text.
    pub fn pick<'a>(self, nl: &'a str, en: &'a str) -> &'a str {
        match self {
            UiLang::Nl => nl,
            UiLang::En => en,
        }
    }
}

impl From<UiLang> for kantel_i18n::Lang {
    fn from(l: UiLang) -> kantel_i18n::Lang {
        match l {
            UiLang::Nl => kantel_i18n::Lang::Nl,
            UiLang::En => kantel_i18n::Lang::En,
        }
    }
}
