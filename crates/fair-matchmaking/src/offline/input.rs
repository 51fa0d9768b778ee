//! The input file of `fair schedule`: a fair, self-contained. See
//! `docs/schedule-format.md` for the format with an example.
//!
//! Every object refuses unknown fields. Ids are the caller's strings; codes
//! (languages, countries, provinces, sectors, product groups, processes,
//! certifications, units) are those of `fair_domain::taxonomy`, listed in the schema.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::codes;

/// The format's name and major version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum InputFormat {
    #[serde(rename = "cnht-fair/1")]
    V1,
}

/// A fair to schedule: its slots and tables, interpreters, suppliers and buyers with
/// their needs, what each side said about the other, the organisers' rules, locked
/// meetings and the previous run's placement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "CNHT fair: input of `fair schedule`")]
pub struct FairFile {
    /// A JSON Schema reference for editors (ignored).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// `cnht-fair/1` (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<InputFormat>,
    pub fair: Fair,
    /// Meeting targets of participants that do not set their own.
    #[serde(default)]
    pub defaults: Defaults,
    #[serde(default)]
    pub interpreters: Vec<Interpreter>,
    pub suppliers: Vec<Supplier>,
    pub buyers: Vec<Buyer>,
    /// What one participant said about another.
    #[serde(default)]
    pub preferences: Vec<Preference>,
    /// Who may meet whom.
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// Meetings fixed by the organisers: kept exactly as given.
    #[serde(default)]
    pub locks: Vec<Lock>,
    /// The last run's placement: a rerun moves as few of these meetings as it can.
    #[serde(default)]
    pub previous: Vec<Previous>,
}

/// The fair: when meetings can happen and where.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fair {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// IANA time zone of the fair; slot times are grouped into days in it.
    #[serde(default = "default_time_zone")]
    pub time_zone: String,
    /// The day certificate validity is judged on (an expired required certificate
    /// vetoes a pair). Stated, never read from the clock: same input, same output.
    pub today: NaiveDate,
    /// The meeting slots, all timed (`start`, `end`) or all numbered (`day`, `ordinal`).
    pub slots: Vec<Slot>,
    /// On-site meeting tables. Without tables every meeting is online.
    #[serde(default)]
    pub tables: Vec<Table>,
}

fn default_time_zone() -> String {
    fair_domain::calendar::FAIR_TIME_ZONE.name().to_owned()
}

/// A meeting slot: either `start` and `end` (RFC 3339 times; the day is the start's
/// date in the fair's zone and the order within it follows the times), or `day` and
/// `ordinal` (0-based: the fair day and the position within it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("oneOf" = [
    { "required": ["start", "end"], "not": { "anyOf": [{ "required": ["day"] }, { "required": ["ordinal"] }] } },
    { "required": ["day", "ordinal"], "not": { "anyOf": [{ "required": ["start"] }, { "required": ["end"] }] } },
]))]
pub struct Slot {
    #[schemars(schema_with = "codes::id")]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<DateTime<FixedOffset>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<DateTime<FixedOffset>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ordinal: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    #[schemars(schema_with = "codes::id")]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Default meeting targets per side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    #[serde(default = "Targets::buyer")]
    pub buyer: Targets,
    #[serde(default = "Targets::supplier")]
    pub supplier: Targets,
}

impl Default for Defaults {
    fn default() -> Self {
        Self { buyer: Targets::buyer(), supplier: Targets::supplier() }
    }
}

/// How many meetings a participant should get: every buyer gets its minimum before
/// any buyer gets more than its own (likewise for suppliers), never more than the maximum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    pub min_meetings: u32,
    pub max_meetings: u32,
}

impl Targets {
    /// The server's defaults for a fair not yet set up.
    pub fn buyer() -> Self {
        Self { min_meetings: 6, max_meetings: 10 }
    }

    pub fn supplier() -> Self {
        Self { min_meetings: 0, max_meetings: 24 }
    }
}

/// An interpreter between Vietnamese and one other language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Interpreter {
    #[schemars(schema_with = "codes::id")]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The language paired with Vietnamese (not `vi`).
    #[schemars(schema_with = "codes::interpreter_language")]
    pub language: String,
    /// Slot ids the interpreter works; all slots when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available: Option<Vec<String>>,
}

/// How a participant attends the fair.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Attendance {
    /// At the fair: meetings at a table.
    Onsite,
    /// Online only: meetings in an online room.
    Online,
    /// Either: on site, unless the other side attends online only (or the fair has no tables).
    #[default]
    Either,
}

/// A supplier (exhibitor) with its catalogue and certificates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Supplier {
    /// Unique among buyers and suppliers.
    #[schemars(schema_with = "codes::id")]
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// A one-line pitch, by language tag.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(schema_with = "codes::texts")]
    pub headline: BTreeMap<String, String>,
    /// The company profile, by language tag.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(schema_with = "codes::texts")]
    pub about: BTreeMap<String, String>,
    /// Languages of the company (Vietnamese is always assumed).
    #[serde(default)]
    #[schemars(schema_with = "codes::languages")]
    pub languages: Vec<String>,
    /// Languages its staff meet buyers in.
    #[serde(default)]
    #[schemars(schema_with = "codes::languages")]
    pub staff_languages: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "codes::province")]
    pub province: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "codes::industrial_park")]
    pub industrial_park: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employees: Option<u32>,
    /// What it really does: `manufacturer`, `trading` or `service` (trading
    /// companies posing as makers score lower).
    #[schemars(schema_with = "codes::business_type")]
    pub business_type: String,
    /// Countries it exports to already.
    #[serde(default)]
    #[schemars(schema_with = "codes::countries")]
    pub export_markets: Vec<String>,
    #[serde(default)]
    pub attendance: Attendance,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_meetings: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_meetings: Option<u32>,
    /// Slot ids it cannot meet in.
    #[serde(default)]
    pub unavailable: Vec<String>,
    #[serde(default)]
    pub products: Vec<Product>,
    #[serde(default)]
    pub certifications: Vec<Certification>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Product {
    /// Unique within its supplier (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "codes::optional_id")]
    pub id: Option<String>,
    /// The name by language tag: at least one.
    #[schemars(schema_with = "codes::texts")]
    pub name: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(schema_with = "codes::texts")]
    pub description: BTreeMap<String, String>,
    #[schemars(schema_with = "codes::product_group")]
    pub product_group: String,
    #[serde(default)]
    #[schemars(schema_with = "codes::processes")]
    pub processes: Vec<String>,
    #[serde(default)]
    pub materials: Vec<String>,
    /// 2 to 10 digits; dots and spaces are ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hs_code: Option<String>,
    /// Minimum order quantity, in `unit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moq: Option<i64>,
    /// In `unit` per month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_capacity: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "codes::unit")]
    pub unit: Option<String>,
    /// Achievable tolerance, ± micrometres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance_um: Option<i32>,
}

/// A certificate; it counts only from `valid_from` (if given) to `valid_until`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Certification {
    #[schemars(schema_with = "codes::certification")]
    pub standard: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<NaiveDate>,
    pub valid_until: NaiveDate,
}

/// A buyer company with its sourcing needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Buyer {
    /// Unique among buyers and suppliers.
    #[schemars(schema_with = "codes::id")]
    pub id: String,
    pub name: String,
    #[schemars(schema_with = "codes::country")]
    pub country: String,
    /// Languages its people speak: at least one.
    #[schemars(schema_with = "codes::languages")]
    pub languages: Vec<String>,
    #[serde(default)]
    pub attendance: Attendance,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_meetings: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_meetings: Option<u32>,
    /// Slot ids it cannot meet in.
    #[serde(default)]
    pub unavailable: Vec<String>,
    #[serde(default)]
    pub needs: Vec<Need>,
}

/// What a buyer wants to source, in its own language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Need {
    /// Unique within its buyer.
    #[schemars(schema_with = "codes::id")]
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The language it is written in; the buyer's first language when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "codes::language")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "codes::product_group")]
    pub product_group: Option<String>,
    #[serde(default)]
    #[schemars(schema_with = "codes::processes")]
    pub processes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hs_code: Option<String>,
    /// A supplier without a valid certificate of each of these cannot meet for this need.
    #[serde(default)]
    #[schemars(schema_with = "codes::certifications")]
    pub required_certifications: Vec<String>,
    /// In `unit` per year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_volume: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "codes::unit")]
    pub unit: Option<String>,
    /// Tolerance needed, ± micrometres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance_um: Option<i32>,
}

/// How much one side wants to meet the other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Must meet: a pair both sides mark `must` is scheduled before anything else.
    Must,
    Meet,
    /// No thanks: the pair never meets.
    No,
}

/// What participant `from` said about participant `to` (one a buyer, the other a supplier).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Preference {
    #[schemars(schema_with = "codes::id")]
    pub from: String,
    #[schemars(schema_with = "codes::id")]
    pub to: String,
    pub level: Level,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Effect {
    Allow,
    Deny,
}

/// A who-may-meet-whom rule; it names at least one side. A `deny` rule forbids the
/// pairs it matches; once an `allow` rule matches a buyer, that buyer may meet only
/// the suppliers its `allow` rules match.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("anyOf" = [
    { "required": ["buyer"] }, { "required": ["buyer_country"] },
    { "required": ["supplier"] }, { "required": ["supplier_sector"] },
]))]
pub struct Rule {
    pub effect: Effect,
    /// A buyer id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "codes::optional_id")]
    pub buyer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "codes::country")]
    pub buyer_country: Option<String>,
    /// A supplier id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "codes::optional_id")]
    pub supplier: Option<String>,
    /// Suppliers with a product in this sector.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "codes::sector")]
    pub supplier_sector: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Where a meeting happens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// At a table.
    Onsite,
    /// In an online room.
    Online,
}

/// A meeting fixed by the organisers. An on-site meeting without a `table` gets the
/// first table free in its slot; a pair that needs an interpreter without an
/// `interpreter` gets the first one free.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lock {
    #[schemars(schema_with = "codes::id")]
    pub buyer: String,
    #[schemars(schema_with = "codes::id")]
    pub supplier: String,
    #[schemars(schema_with = "codes::id")]
    pub slot: String,
    /// On site or online; by default online if either side attends online only or
    /// the fair has no tables, else on site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
    /// For on-site meetings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "codes::optional_id")]
    pub table: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "codes::optional_id")]
    pub interpreter: Option<String>,
}

/// A meeting of the previous run (e.g. `{buyer, supplier, slot}` of its `meetings`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Previous {
    #[schemars(schema_with = "codes::id")]
    pub buyer: String,
    #[schemars(schema_with = "codes::id")]
    pub supplier: String,
    #[schemars(schema_with = "codes::id")]
    pub slot: String,
}
