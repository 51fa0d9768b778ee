//! Values parsed at the edge. Each parser returns the value in its canonical form or a
//! [`ValidationError`] naming the field, a stable code and a readable message.

use std::collections::BTreeMap;

use crate::language::Language;
use crate::text::slugify;

/// One rejected field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct ValidationError {
    /// The field's path in the request, e.g. `name.vi` or `processes[2]`.
    pub field: String,
    /// A stable machine code: `required`, `too_long`, `too_short`, `invalid`, `unknown`.
    pub code: &'static str,
    pub message: String,
}

impl ValidationError {
    pub fn new(field: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        Self { field: field.into(), code, message: message.into() }
    }
}

/// Every rejected field of one request, so a form can show them all at once.
#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error)]
#[error("{} invalid field(s)", .0.len())]
pub struct ValidationErrors(pub Vec<ValidationError>);

impl ValidationErrors {
    pub fn push(&mut self, error: ValidationError) {
        self.0.push(error);
    }

    /// Records the error of a parse and yields its value, if any.
    pub fn check<T>(&mut self, result: Result<T, ValidationError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.0.push(error);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when nothing was rejected.
    pub fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T, ValidationErrors> {
        if self.0.is_empty() { Ok(value()) } else { Err(self) }
    }
}

impl From<ValidationError> for ValidationErrors {
    fn from(error: ValidationError) -> Self {
        Self(vec![error])
    }
}

/// A trimmed text of `min..=max` characters (not bytes: Vietnamese and CJK are multi-byte).
pub fn text(field: &str, value: &str, min: usize, max: usize) -> Result<String, ValidationError> {
    let trimmed = value.trim();
    let length = trimmed.chars().count();
    if length == 0 && min > 0 {
        return Err(ValidationError::new(field, "required", "must not be empty"));
    }
    if length < min {
        return Err(ValidationError::new(field, "too_short", format!("must be at least {min} characters")));
    }
    if length > max {
        return Err(ValidationError::new(field, "too_long", format!("must be at most {max} characters, got {length}")));
    }
    if trimmed.chars().any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r') {
        return Err(ValidationError::new(field, "invalid", "must not contain control characters"));
    }
    Ok(trimmed.to_owned())
}

/// An optional text: empty or whitespace becomes `None`.
pub fn optional_text(field: &str, value: Option<&str>, max: usize) -> Result<Option<String>, ValidationError> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(value) => text(field, value, 1, max).map(Some),
    }
}

/// A text in several languages: at least one entry, every entry within `max` characters.
pub fn i18n_text(
    field: &str,
    entries: &BTreeMap<String, String>,
    required: bool,
    max: usize,
) -> Result<BTreeMap<Language, String>, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let mut out = BTreeMap::new();
    for (tag, value) in entries {
        let path = format!("{field}.{tag}");
        let Ok(language) = tag.parse::<Language>() else {
            errors.push(ValidationError::new(path, "unknown", format!("unknown language `{tag}`")));
            continue;
        };
        if let Some(Some(text)) = errors.check(optional_text(&path, Some(value), max)) {
            out.insert(language, text);
        }
    }
    if required && out.is_empty() && errors.is_empty() {
        errors.push(ValidationError::new(field, "required", "needs a text in at least one language"));
    }
    errors.finish(|| out)
}

/// A lower-case e-mail address. Deliberately loose (one `@`, a dotted domain): the
/// invitation link proves the address works.
pub fn email(field: &str, value: &str) -> Result<String, ValidationError> {
    let value = value.trim().to_lowercase();
    let forbidden = |c: char| c.is_whitespace() || c.is_control() || "<>()[]\\,;:\"".contains(c);
    let valid = value.len() <= 254
        && !value.chars().any(forbidden)
        && value.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && local.len() <= 64
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains("..")
        });
    if valid { Ok(value) } else { Err(ValidationError::new(field, "invalid", "is not an e-mail address")) }
}

/// Passwords: 10 to 128 characters (the upper bound keeps hashing cheap to refuse).
pub fn password(field: &str, value: &str) -> Result<String, ValidationError> {
    let length = value.chars().count();
    if length < 10 {
        return Err(ValidationError::new(field, "too_short", "must be at least 10 characters"));
    }
    if length > 128 {
        return Err(ValidationError::new(field, "too_long", "must be at most 128 characters"));
    }
    Ok(value.to_owned())
}

/// A booth's address in URLs: 3 to 60 of `a-z`, `0-9` and single inner hyphens.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BoothSlug(String);

impl BoothSlug {
    pub fn parse(field: &str, value: &str) -> Result<Self, ValidationError> {
        let ok = (3..=60).contains(&value.len())
            && value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !value.starts_with('-')
            && !value.ends_with('-')
            && !value.contains("--");
        if ok {
            Ok(Self(value.to_owned()))
        } else {
            Err(ValidationError::new(field, "invalid", "must be 3 to 60 lower-case letters, digits and single hyphens"))
        }
    }

    /// A slug made from a company name, shortened to fit.
    pub fn from_name(name: &str) -> Self {
        let mut slug = slugify(name);
        if slug.len() > 60 {
            slug.truncate(60);
            while slug.ends_with('-') {
                slug.pop();
            }
        }
        while slug.len() < 3 {
            slug.push('x');
        }
        Self(slug)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// An HS code: 2 to 10 digits in whole levels (chapter, heading, subheading, national);
/// dots and spaces are dropped ("8480.71" → "848071").
pub fn hs_code(field: &str, value: &str) -> Result<String, ValidationError> {
    let digits: String = value.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
    if digits.bytes().all(|b| b.is_ascii_digit()) && matches!(digits.len(), 2 | 4 | 6 | 8 | 10) {
        Ok(digits)
    } else {
        Err(ValidationError::new(field, "invalid", "must be an HS code of 2, 4, 6, 8 or 10 digits"))
    }
}

/// An IANA time zone name such as `Asia/Tokyo`.
pub fn time_zone(field: &str, value: &str) -> Result<String, ValidationError> {
    value
        .parse::<chrono_tz::Tz>()
        .map(|tz| tz.name().to_owned())
        .map_err(|_| ValidationError::new(field, "invalid", format!("`{value}` is not an IANA time zone")))
}

/// A web address: http or https, at most 300 characters.
pub fn url(field: &str, value: &str) -> Result<String, ValidationError> {
    let value = text(field, value, 1, 300)?;
    let lower = value.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(host)
            if host.split('/').next().is_some_and(|h| h.contains('.')) && !value.contains(char::is_whitespace) =>
        {
            Ok(value)
        }
        _ => Err(ValidationError::new(field, "invalid", "must be an http(s) address")),
    }
}

/// A closed-set code checked against a lookup.
pub fn code<T>(field: &str, value: &str, lookup: impl Fn(&str) -> Option<T>, what: &str) -> Result<T, ValidationError> {
    lookup(value).ok_or_else(|| ValidationError::new(field, "unknown", format!("`{value}` is not a known {what}")))
}

/// A list of closed-set codes, de-duplicated in order.
pub fn codes(
    field: &str,
    values: &[String],
    max: usize,
    known: impl Fn(&str) -> bool,
    what: &str,
) -> Result<Vec<String>, ValidationError> {
    if values.len() > max {
        return Err(ValidationError::new(field, "too_long", format!("at most {max} entries")));
    }
    let mut out: Vec<String> = Vec::with_capacity(values.len());
    for (index, value) in values.iter().enumerate() {
        if !known(value) {
            return Err(ValidationError::new(
                format!("{field}[{index}]"),
                "unknown",
                format!("`{value}` is not a known {what}"),
            ));
        }
        if !out.contains(value) {
            out.push(value.clone());
        }
    }
    Ok(out)
}

/// A list of free texts (materials, keywords), each trimmed and bounded.
pub fn text_list(
    field: &str,
    values: &[String],
    max_items: usize,
    max_len: usize,
) -> Result<Vec<String>, ValidationError> {
    if values.len() > max_items {
        return Err(ValidationError::new(field, "too_long", format!("at most {max_items} entries")));
    }
    let mut out = Vec::with_capacity(values.len());
    for (index, value) in values.iter().enumerate() {
        let value = text(&format!("{field}[{index}]"), value, 1, max_len)?;
        if !out.contains(&value) {
            out.push(value);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_counts_characters_not_bytes() {
        let vietnamese = "ắ".repeat(10);
        assert!(text("name", &vietnamese, 1, 10).is_ok());
        assert_eq!(text("name", &"a".repeat(11), 1, 10).unwrap_err().code, "too_long");
        assert_eq!(text("name", "   ", 1, 10).unwrap_err().code, "required");
        assert_eq!(text("name", "a\u{0}b", 1, 10).unwrap_err().code, "invalid");
    }

    #[test]
    fn i18n_text_rejects_unknown_languages_and_needs_one_entry() {
        let mut entries = BTreeMap::new();
        assert_eq!(i18n_text("name", &entries, true, 10).unwrap_err().0[0].code, "required");
        entries.insert("xx".to_owned(), "hi".to_owned());
        assert_eq!(i18n_text("name", &entries, true, 10).unwrap_err().0[0].field, "name.xx");
        entries.clear();
        entries.insert("vi".to_owned(), " Ép phun ".to_owned());
        let parsed = i18n_text("name", &entries, true, 10).unwrap();
        assert_eq!(parsed[&Language::Vietnamese], "Ép phun");
    }

    #[test]
    fn slugs_and_codes() {
        assert!(BoothSlug::parse("s", "abc-123").is_ok());
        assert!(BoothSlug::parse("s", "-abc").is_err());
        assert!(BoothSlug::parse("s", "a--b").is_err());
        assert!(BoothSlug::parse("s", "ab").is_err());
        assert!(BoothSlug::parse("s", "Abc").is_err());
        assert_eq!(BoothSlug::from_name("Cơ khí Đông Anh").as_str(), "co-khi-dong-anh");
        assert_eq!(hs_code("hs", "8480.71").unwrap(), "848071");
        assert!(hs_code("hs", "848").is_err());
        assert_eq!(email("e", " A@Example.COM ").unwrap(), "a@example.com");
        assert!(email("e", "a@b").is_err());
        assert!(email("e", "a\u{0}b@c.vn").is_err());
        assert!(email("e", "a b@c.vn").is_err());
        assert!(email("e", "<a>@c.vn").is_err());
        assert!(time_zone("tz", "Asia/Tokyo").is_ok());
        assert!(time_zone("tz", "Mars/Base").is_err());
        assert!(url("u", "https://example.vn").is_ok());
        assert!(url("u", "javascript:alert(1)").is_err());
    }
}
