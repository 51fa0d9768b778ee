//! Languages: those supplier and buyer texts are written in, and the four of the UI.

use std::fmt;
use std::str::FromStr;

use crate::company::UnknownValue;

/// A language a text is written in or a person speaks (BCP 47 tags).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    Vietnamese,
    English,
    Japanese,
    ChineseTraditional,
    ChineseSimplified,
    Korean,
    Thai,
}

impl Language {
    pub const ALL: [Language; 7] = [
        Self::Vietnamese,
        Self::English,
        Self::Japanese,
        Self::ChineseTraditional,
        Self::ChineseSimplified,
        Self::Korean,
        Self::Thai,
    ];

    pub fn tag(self) -> &'static str {
        match self {
            Self::Vietnamese => "vi",
            Self::English => "en",
            Self::Japanese => "ja",
            Self::ChineseTraditional => "zh-Hant",
            Self::ChineseSimplified => "zh-Hans",
            Self::Korean => "ko",
            Self::Thai => "th",
        }
    }

    /// The language's own name, as a language picker shows it.
    pub fn endonym(self) -> &'static str {
        match self {
            Self::Vietnamese => "Tiếng Việt",
            Self::English => "English",
            Self::Japanese => "日本語",
            Self::ChineseTraditional => "繁體中文",
            Self::ChineseSimplified => "简体中文",
            Self::Korean => "한국어",
            Self::Thai => "ภาษาไทย",
        }
    }
}

impl FromStr for Language {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // Accept the common spellings of the Chinese tags as well.
        let normalised = match s {
            "zh-TW" | "zh-HK" | "zh-hant" => "zh-Hant",
            "zh-CN" | "zh" | "zh-hans" => "zh-Hans",
            other => other,
        };
        Self::ALL.into_iter().find(|lang| lang.tag() == normalised).ok_or_else(|| UnknownValue(s.to_owned()))
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// The four languages of the user interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum UiLanguage {
    #[default]
    Vietnamese,
    English,
    Japanese,
    ChineseTraditional,
}

impl UiLanguage {
    pub const ALL: [UiLanguage; 4] = [Self::Vietnamese, Self::English, Self::Japanese, Self::ChineseTraditional];

    pub fn language(self) -> Language {
        match self {
            Self::Vietnamese => Language::Vietnamese,
            Self::English => Language::English,
            Self::Japanese => Language::Japanese,
            Self::ChineseTraditional => Language::ChineseTraditional,
        }
    }

    pub fn tag(self) -> &'static str {
        self.language().tag()
    }

    /// The UI language closest to a content language (Korean and Thai readers get English).
    pub fn for_language(language: Language) -> Self {
        match language {
            Language::Vietnamese => Self::Vietnamese,
            Language::Japanese => Self::Japanese,
            Language::ChineseTraditional | Language::ChineseSimplified => Self::ChineseTraditional,
            Language::English | Language::Korean | Language::Thai => Self::English,
        }
    }
}

impl FromStr for UiLanguage {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let language: Language = s.parse()?;
        Self::ALL.into_iter().find(|ui| ui.language() == language).ok_or_else(|| UnknownValue(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip() {
        for language in Language::ALL {
            assert_eq!(language.tag().parse::<Language>(), Ok(language));
        }
        assert_eq!("zh-TW".parse::<Language>(), Ok(Language::ChineseTraditional));
        assert!("xx".parse::<Language>().is_err());
        assert!("ko".parse::<UiLanguage>().is_err());
    }
}
