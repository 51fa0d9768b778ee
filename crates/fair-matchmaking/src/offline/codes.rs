//! Schemas of the format's strings, generated from the taxonomy so the printed JSON
//! Schema lists exactly the codes the validation accepts.

use fair_domain::taxonomy;
use fair_domain::{BusinessType, Language};
use schemars::{Schema, SchemaGenerator, json_schema};

/// The longest id, in characters.
pub(crate) const MAX_ID: usize = 200;

fn one_of(codes: Vec<&'static str>) -> Schema {
    json_schema!({ "type": "string", "enum": codes })
}

fn list_of(codes: Vec<&'static str>) -> Schema {
    json_schema!({ "type": "array", "items": { "type": "string", "enum": codes } })
}

fn language_tags() -> Vec<&'static str> {
    Language::ALL.iter().map(|l| l.tag()).collect()
}

pub(crate) fn id(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "minLength": 1, "maxLength": MAX_ID })
}

pub(crate) fn optional_id(generator: &mut SchemaGenerator) -> Schema {
    id(generator)
}

pub(crate) fn language(_: &mut SchemaGenerator) -> Schema {
    one_of(language_tags())
}

pub(crate) fn languages(_: &mut SchemaGenerator) -> Schema {
    list_of(language_tags())
}

pub(crate) fn interpreter_language(_: &mut SchemaGenerator) -> Schema {
    one_of(language_tags().into_iter().filter(|tag| *tag != Language::Vietnamese.tag()).collect())
}

/// A text by language tag.
pub(crate) fn texts(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "object",
        "propertyNames": { "enum": language_tags() },
        "additionalProperties": { "type": "string" },
    })
}

pub(crate) fn country(_: &mut SchemaGenerator) -> Schema {
    one_of(taxonomy::COUNTRIES.iter().map(|c| c.code).collect())
}

pub(crate) fn countries(_: &mut SchemaGenerator) -> Schema {
    list_of(taxonomy::COUNTRIES.iter().map(|c| c.code).collect())
}

pub(crate) fn province(_: &mut SchemaGenerator) -> Schema {
    one_of(taxonomy::PROVINCES.iter().map(|p| p.code).collect())
}

pub(crate) fn industrial_park(_: &mut SchemaGenerator) -> Schema {
    one_of(taxonomy::INDUSTRIAL_PARKS.iter().map(|p| p.code).collect())
}

pub(crate) fn sector(_: &mut SchemaGenerator) -> Schema {
    one_of(taxonomy::SECTORS.iter().map(|s| s.code).collect())
}

pub(crate) fn product_group(_: &mut SchemaGenerator) -> Schema {
    one_of(taxonomy::PRODUCT_GROUPS.iter().map(|g| g.code).collect())
}

pub(crate) fn processes(_: &mut SchemaGenerator) -> Schema {
    list_of(taxonomy::PROCESSES.iter().map(|p| p.code).collect())
}

pub(crate) fn certification(_: &mut SchemaGenerator) -> Schema {
    one_of(taxonomy::CERTIFICATIONS.iter().map(|c| c.code).collect())
}

pub(crate) fn certifications(_: &mut SchemaGenerator) -> Schema {
    list_of(taxonomy::CERTIFICATIONS.iter().map(|c| c.code).collect())
}

pub(crate) fn unit(_: &mut SchemaGenerator) -> Schema {
    one_of(taxonomy::UNITS.iter().map(|u| u.code).collect())
}

pub(crate) fn business_type(_: &mut SchemaGenerator) -> Schema {
    one_of(BusinessType::ALL.iter().map(|b| b.as_str()).collect())
}
