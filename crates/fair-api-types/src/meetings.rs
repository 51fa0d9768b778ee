use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// A day of the fair: local opening hours ("HH:MM", fair time) and breaks.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FairDayInput {
    pub date: NaiveDate,
    pub opens_at: String,
    pub closes_at: String,
    /// Breaks as pairs of local times, e.g. `[["12:00", "13:30"]]`.
    #[serde(default)]
    pub breaks: Vec<[String; 2]>,
}

/// The fair's set-up. Slots are made from the days, the slot length and the breaks.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FairSetupInput {
    pub name: String,
    /// IANA zone of the fair, e.g. `Asia/Ho_Chi_Minh`.
    pub time_zone: String,
    /// Meeting length in minutes (5–240).
    pub slot_minutes: i32,
    pub buyer_min_meetings: i32,
    pub buyer_max_meetings: i32,
    pub supplier_min_meetings: i32,
    pub supplier_max_meetings: i32,
    /// Unanswered requests expire after this many hours.
    pub request_ttl_hours: i32,
    pub days: Vec<FairDayInput>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SlotView {
    pub id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The fair day (its date in the fair's zone).
    pub day: NaiveDate,
    pub ordinal: i32,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FairView {
    /// False until an organiser has set the fair up.
    pub configured: bool,
    pub name: String,
    pub time_zone: String,
    pub slot_minutes: i32,
    pub buyer_min_meetings: i32,
    pub buyer_max_meetings: i32,
    pub supplier_min_meetings: i32,
    pub supplier_max_meetings: i32,
    pub request_ttl_hours: i32,
    pub days: Vec<FairDayInput>,
    pub slots: Vec<SlotView>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TableInput {
    pub hall: String,
    pub label: String,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TableView {
    pub id: Uuid,
    pub hall: String,
    pub label: String,
    pub active: bool,
}

/// An interpreter between Vietnamese and one other language.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InterpreterInput {
    pub name: String,
    /// The language paired with Vietnamese: `ja`, `zh-Hant`, `zh-Hans`, `en`, `ko`, `th`.
    pub language: String,
    #[serde(default)]
    pub email: Option<String>,
    /// Slots worked; empty means every slot.
    #[serde(default)]
    pub slots: Vec<Uuid>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct InterpreterView {
    pub id: Uuid,
    pub name: String,
    pub language: String,
    pub email: Option<String>,
    pub slots: Vec<Uuid>,
}

/// Who may meet whom. A `deny` rule excludes the pairs it matches; once a buyer
/// matches an `allow` rule, it meets only suppliers some allow rule lets it meet.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleInput {
    /// `allow` or `deny`.
    pub effect: String,
    #[serde(default)]
    pub buyer_country: Option<String>,
    #[serde(default)]
    pub buyer_id: Option<Uuid>,
    #[serde(default)]
    pub supplier_sector: Option<String>,
    #[serde(default)]
    pub supplier_id: Option<Uuid>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RuleView {
    pub id: Uuid,
    pub effect: String,
    pub buyer_country: Option<String>,
    pub buyer_id: Option<Uuid>,
    pub supplier_sector: Option<String>,
    pub supplier_id: Option<Uuid>,
    pub note: Option<String>,
}

/// A participant's meeting targets, attendance and availability.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ParticipantSettingsInput {
    /// Own minimum (organisers only; default from the fair).
    #[serde(default)]
    pub min_meetings: Option<i32>,
    /// Own maximum (default from the fair).
    #[serde(default)]
    pub max_meetings: Option<i32>,
    /// `onsite`, `online` or `either`.
    pub attendance: String,
    /// Accept requests for a free slot at once.
    pub auto_accept: bool,
    /// Slots the participant cannot meet in.
    #[serde(default)]
    pub unavailable_slots: Vec<Uuid>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ParticipantSettingsView {
    pub organisation_id: Uuid,
    pub min_meetings: i32,
    pub max_meetings: i32,
    pub attendance: String,
    pub auto_accept: bool,
    pub unavailable_slots: Vec<Uuid>,
}

/// Must meet, Meet, No thanks, or `null` to clear.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreferenceInput {
    /// `must`, `meet`, `no`, or null.
    pub level: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PreferenceView {
    pub from: Uuid,
    pub to: Uuid,
    pub level: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReasonView {
    /// Stable kind: `processes`, `product_group`, `text`, `certifications`, `language`, ...
    pub kind: String,
    /// In the viewer's language.
    pub text: String,
    pub points: i32,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NeedRef {
    pub id: Uuid,
    pub title: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MeetingRef {
    pub id: Uuid,
    pub status: String,
}

/// A recommended counterpart, with why.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Recommendation {
    pub organisation_id: Uuid,
    pub name: String,
    /// English name (suppliers) or name in the company's own script (buyers).
    pub name_alt: Option<String>,
    /// Booth slug, for suppliers.
    pub slug: Option<String>,
    pub country: String,
    pub score: i32,
    /// What the viewer said about them.
    pub my_preference: Option<String>,
    /// What they said about the viewer.
    pub their_preference: Option<String>,
    pub reasons: Vec<ReasonView>,
    pub warnings: Vec<ReasonView>,
    /// The need this match answers.
    pub need: Option<NeedRef>,
    /// An open request or meeting between the two.
    pub meeting: Option<MeetingRef>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RecommendationList {
    pub items: Vec<Recommendation>,
    /// Candidates before the limit.
    pub total: u64,
}

/// Request a meeting. Send an `Idempotency-Key` header so a retry creates one meeting.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingRequestInput {
    /// The other company: a supplier for a buyer, a buyer for an exhibitor.
    pub counterpart_id: Uuid,
    /// The slot asked for; needed for the other side to accept at once.
    #[serde(default)]
    pub slot_id: Option<Uuid>,
    #[serde(default)]
    pub message: Option<String>,
    /// Products of interest (the supplier's).
    #[serde(default)]
    pub product_ids: Vec<Uuid>,
    /// `onsite` or `online`; default from both sides' attendance.
    #[serde(default)]
    pub mode: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptInput {
    /// Needed if the request named no slot; otherwise the requested (or proposed) one.
    #[serde(default)]
    pub slot_id: Option<Uuid>,
    /// `onsite` or `online`: switch how the two meet (e.g. online when every table
    /// is taken); default as requested.
    #[serde(default)]
    pub mode: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposeInput {
    pub slot_id: Uuid,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReasonInput {
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RouteInput {
    /// The exhibitor's staff member who takes the meeting.
    pub staff_id: Uuid,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PartyView {
    pub id: Uuid,
    pub name: String,
    pub country: String,
    pub slug: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PersonView {
    pub id: Uuid,
    pub name: String,
    pub languages: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ProductRef {
    pub id: Uuid,
    pub name: crate::I18nText,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MeetingView {
    pub id: Uuid,
    pub buyer: PartyView,
    pub supplier: PartyView,
    /// `requested`, `accepted`, `declined`, `cancelled` or `expired`.
    pub status: String,
    /// `buyer`, `supplier` or `organiser`.
    pub requested_by_side: String,
    pub slot: Option<SlotView>,
    /// Another time one side proposed, waiting for the other.
    pub proposed_slot: Option<SlotView>,
    pub proposed_by: Option<String>,
    /// `onsite` or `online`.
    pub mode: String,
    /// Hall and table, on site.
    pub table: Option<TableView>,
    /// The online room (the live service's room for this meeting).
    pub room_url: Option<String>,
    pub interpreter: Option<InterpreterView>,
    /// No common language and no interpreter could be booked yet.
    pub interpreter_missing: bool,
    pub message: Option<String>,
    pub products: Vec<ProductRef>,
    pub buyer_person: Option<PersonView>,
    pub supplier_person: Option<PersonView>,
    pub locked: bool,
    /// Calendar SEQUENCE: raised on every change.
    pub sequence: i32,
    pub expires_at: Option<DateTime<Utc>>,
    pub cancel_reason: Option<String>,
    /// The fair's zone (times are UTC; show both this zone and the viewer's).
    pub fair_time_zone: String,
    /// What the viewer may do now.
    pub actions: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MeetingPage {
    pub items: Vec<MeetingView>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CalendarFeedView {
    /// The private address to subscribe to (only shown when created).
    pub url: Option<String>,
    pub active: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ScheduleStats {
    pub meetings: u64,
    pub kept: u64,
    pub moved: u64,
    pub candidates: u64,
    pub mutual_must: u64,
    pub mutual_must_met: u64,
    pub buyers: u64,
    pub buyers_at_minimum: u64,
    pub buyers_without_meeting: u64,
    pub idle_gaps: u64,
    pub objective: String,
    pub elapsed_ms: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ScheduleEntryView {
    pub id: Uuid,
    pub buyer: PartyView,
    pub supplier: PartyView,
    pub slot: SlotView,
    pub table: Option<TableView>,
    pub interpreter: Option<InterpreterView>,
    pub locked: bool,
    pub score: i32,
    /// Already an accepted meeting (kept by the run).
    pub meeting_id: Option<Uuid>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UnscheduledView {
    pub buyer: PartyView,
    pub supplier: PartyView,
    /// Stable code: `buyer_full`, `supplier_full`, `no_common_slot`, `no_interpreter`,
    /// `no_table`, `lower_priority`, `vetoed`, ...
    pub reason: String,
    /// In the viewer's language.
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ScheduleRunView {
    pub id: Uuid,
    /// `provisional` or `published`.
    pub state: String,
    pub created_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
    pub stats: ScheduleStats,
    pub entries: Vec<ScheduleEntryView>,
    pub unscheduled: Vec<UnscheduledView>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduleEntryInput {
    pub slot_id: Uuid,
    #[serde(default)]
    pub table_id: Option<Uuid>,
    #[serde(default)]
    pub interpreter_id: Option<Uuid>,
    pub locked: bool,
}
