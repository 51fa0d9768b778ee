//! What may be uploaded, how big, and of which real (sniffed) type.

use std::str::FromStr;

use crate::company::UnknownValue;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MediaKind {
    Logo,
    Photo,
    Brochure,
    Document,
}

impl MediaKind {
    pub const ALL: [MediaKind; 4] = [Self::Logo, Self::Photo, Self::Brochure, Self::Document];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Logo => "logo",
            Self::Photo => "photo",
            Self::Brochure => "brochure",
            Self::Document => "document",
        }
    }

    /// Largest accepted upload, in bytes.
    pub fn max_bytes(self) -> usize {
        match self {
            Self::Logo => 2 * 1024 * 1024,
            Self::Photo => 8 * 1024 * 1024,
            Self::Brochure | Self::Document => 20 * 1024 * 1024,
        }
    }

    /// Accepted content types, as detected from the bytes. SVG is never accepted:
    /// it can carry script and we serve uploads from our own origin.
    pub fn accepted_types(self) -> &'static [&'static str] {
        match self {
            Self::Logo | Self::Photo => &["image/png", "image/jpeg", "image/webp"],
            Self::Brochure => &["application/pdf"],
            Self::Document => &["application/pdf", "image/png", "image/jpeg"],
        }
    }

    /// How many of this kind one exhibitor may keep.
    pub fn max_per_exhibitor(self) -> usize {
        match self {
            Self::Logo => 1,
            Self::Photo => 24,
            Self::Brochure => 10,
            Self::Document => 20,
        }
    }
}

impl FromStr for MediaKind {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == s).ok_or_else(|| UnknownValue(s.to_owned()))
    }
}
