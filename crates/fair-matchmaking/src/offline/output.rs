//! The output file of `fair schedule`: the meetings, every pair left out with why,
//! and the figures of the run. Deterministic: the same input gives the same bytes
//! (timing goes to standard error, never here).

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::input::Level;
pub use super::input::Mode;

/// The format's name and major version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum OutputFormat {
    #[serde(rename = "cnht-schedule/1")]
    V1,
}

/// A schedule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "CNHT fair: output of `fair schedule`")]
pub struct ScheduleFile {
    /// `cnht-schedule/1`.
    pub format: OutputFormat,
    pub fair: FairSummary,
    /// The language of every `text` (`vi`, `en`, `ja` or `zh-Hant`).
    pub language: String,
    pub stats: Stats,
    /// Placed meetings in time order (then by table, buyer, supplier).
    pub meetings: Vec<Meeting>,
    /// Every pair considered but not scheduled, and every pair a side asked for that
    /// cannot meet, with the reason; by buyer, then supplier, in input order.
    pub unscheduled: Vec<Unscheduled>,
    /// What was accepted but deserves a look (e.g. a lock on a vetoed pair).
    pub warnings: Vec<Warning>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FairSummary {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub time_zone: String,
    pub today: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub buyer: String,
    pub supplier: String,
    pub slot: String,
    /// The fair day, 0-based.
    pub day: u32,
    /// The position within the day, 0-based.
    pub ordinal: u32,
    /// For timed slots: UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<DateTime<Utc>>,
    /// For timed slots: the same instants in the fair's time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_start: Option<DateTime<FixedOffset>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_end: Option<DateTime<FixedOffset>>,
    pub mode: Mode,
    /// The table id, for on-site meetings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// The interpreter id, for pairs without a common language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interpreter: Option<String>,
    /// A lock of the input.
    pub locked: bool,
    /// Both sides marked the other Must meet.
    pub mutual_must: bool,
    /// The matching score of the pair.
    pub score: i32,
    /// The buyer's need the supplier answers best.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need: Option<String>,
    /// The strongest reasons for the match, phrased for the buyer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<Reason>,
    /// The slot the pair had in `previous`, if it moved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moved_from: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reason {
    /// A stable kind: `interest`, `product_group`, `processes`, `certifications`, …
    pub kind: String,
    pub text: String,
    pub points: i32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unscheduled {
    pub buyer: String,
    pub supplier: String,
    /// A stable reason code (see the documentation).
    #[schemars(schema_with = "super::report::reason_codes")]
    pub reason: String,
    /// The reason in words.
    pub text: String,
    /// For `missing_certificate` and `expired_certificate`: the required standard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
    /// For `expired_certificate`: the day the supplier's certificate expired.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expired_on: Option<NaiveDate>,
    /// The pair's matching score, when it was a candidate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<i32>,
    /// What the buyer said about the supplier, if anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer_preference: Option<Level>,
    /// What the supplier said about the buyer, if anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplier_preference: Option<Level>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Warning {
    /// Where in the input.
    pub path: String,
    pub message: String,
}

/// How many of a kind of pair got a meeting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Coverage {
    pub met: u32,
    pub total: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stats {
    pub buyers: u32,
    pub suppliers: u32,
    pub slots: u32,
    pub tables: u32,
    pub interpreters: u32,
    /// Pairs the scheduler chose from (the best per buyer, every pair asked for, every lock).
    pub candidates: u32,
    pub meetings: u32,
    pub onsite: u32,
    pub online: u32,
    pub with_interpreter: u32,
    pub locked: u32,
    /// Pairs both sides marked Must meet.
    pub mutual_must: Coverage,
    /// Pairs at least one side marked Must meet or Meet.
    pub requested: Coverage,
    /// Buyers with at least their minimum of meetings.
    pub buyers_at_minimum: u32,
    pub buyers_without_meeting: u32,
    pub suppliers_at_minimum: u32,
    pub suppliers_without_meeting: u32,
    /// Free slots between two meetings of one participant on one day, summed.
    pub idle_gaps: u32,
    /// The selection's objective (higher is better; comparable between runs of one input).
    pub objective: i64,
    /// Selection–placement rounds.
    pub rounds: u32,
    /// Meetings of `previous` placed in another slot.
    pub moved: u32,
}
