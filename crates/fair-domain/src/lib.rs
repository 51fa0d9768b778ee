//! Domain types of the CNHT fair.
//!
//! Everything here is plain data and rules: ids, the supporting-industry taxonomy
//! (sectors, product groups, processes, certifications, places), Vietnamese/CJK text
//! folding for search, validated newtypes parsed at the edge, and the access rules.
//! This crate does no IO, has no async and knows nothing of HTTP or SQL.

pub mod access;
pub mod calendar;
pub mod company;
pub mod glossary;
pub mod ids;
pub mod language;
pub mod media;
pub mod taxonomy;
pub mod text;
pub mod validate;

pub use access::{Principal, Role, StaffRole};
pub use company::{BusinessType, CompanySize, OrganisationKind};
pub use ids::*;
pub use language::{Language, UiLanguage};
pub use media::MediaKind;
pub use validate::{ValidationError, ValidationErrors};
