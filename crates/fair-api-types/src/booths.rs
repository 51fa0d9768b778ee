use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::common::I18nText;

/// An exhibitor's company profile and booth texts, as its staff edit them.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExhibitorProfileInput {
    /// Registered name, usually Vietnamese.
    pub name: String,
    /// English trading name.
    #[serde(default)]
    pub name_en: Option<String>,
    /// Province code from the taxonomy, e.g. `ha-noi`.
    pub province: String,
    /// Industrial park code from the taxonomy, if any.
    #[serde(default)]
    pub industrial_park: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
    #[serde(default)]
    pub contact_email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// Head count; sets the company size class.
    #[serde(default)]
    pub employees: Option<u32>,
    #[serde(default)]
    pub founded_year: Option<i32>,
    /// Main VSIC 2018 code (4 digits).
    #[serde(default)]
    pub vsic: Option<String>,
    /// `manufacturer`, `trading` or `service`.
    pub business_type: String,
    /// Countries exported to (ISO 3166 alpha-2).
    #[serde(default)]
    pub export_markets: Vec<String>,
    /// Languages the company's staff can meet in.
    #[serde(default)]
    pub languages: Vec<String>,
    /// One line under the name on the booth.
    #[serde(default)]
    pub headline: I18nText,
    #[serde(default)]
    pub about: I18nText,
    /// Whether the booth is listed in the public directory.
    pub published: bool,
}

/// Organisers create an exhibitor with its profile and, optionally, a chosen slug.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateExhibitor {
    /// Booth address; made from the name when absent.
    #[serde(default)]
    pub slug: Option<String>,
    pub profile: ExhibitorProfileInput,
}

/// Where the booth is at the fair. Set by organisers.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BoothPlacementInput {
    /// Hall name on site, e.g. `A`.
    #[serde(default)]
    pub hall: Option<String>,
    /// Stand number on site, e.g. `A-112`.
    #[serde(default)]
    pub stand: Option<String>,
    /// Whether the exhibitor also meets online.
    pub online_booth: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CodeLabel {
    pub code: String,
    pub name: String,
}

/// An exhibitor with its booth.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ExhibitorView {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub name_en: Option<String>,
    pub province: CodeLabel,
    pub industrial_park: Option<CodeLabel>,
    pub address: Option<String>,
    pub website: Option<String>,
    pub contact_email: Option<String>,
    pub phone: Option<String>,
    pub employees: Option<u32>,
    /// `micro`, `small`, `medium` or `large` (Decree 80/2021), when the head count is known.
    pub company_size: Option<String>,
    pub founded_year: Option<i32>,
    pub vsic: Option<String>,
    pub business_type: String,
    pub export_markets: Vec<String>,
    pub languages: Vec<String>,
    pub headline: I18nText,
    pub about: I18nText,
    pub hall: Option<String>,
    pub stand: Option<String>,
    pub online_booth: bool,
    pub published: bool,
    pub logo_url: Option<String>,
    pub view_count: i64,
    /// Holds at least one valid management-system certificate (ISO 9001, IATF 16949, ...).
    pub certified: bool,
    /// Sector codes of the products.
    pub sectors: Vec<String>,
    pub product_groups: Vec<String>,
    pub processes: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ExhibitorPage {
    pub items: Vec<ExhibitorView>,
    pub next_cursor: Option<String>,
}

/// Everything a booth page shows.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct BoothPage {
    /// The booth itself (live presence is counted per booth).
    pub booth_id: Uuid,
    pub exhibitor: ExhibitorView,
    /// The viewer may edit this booth (its staff, organisers).
    pub viewer_can_edit: bool,
    /// The viewer may manage its staff (its admins, organisers).
    pub viewer_can_manage_staff: bool,
    pub products: Vec<ProductView>,
    pub certifications: Vec<CertificationView>,
    pub media: Vec<MediaView>,
    pub staff: Vec<StaffView>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductInput {
    pub name: I18nText,
    #[serde(default)]
    pub description: I18nText,
    /// Product group code from the taxonomy, e.g. `ME1`.
    pub product_group: String,
    /// HS code, 2 to 10 digits.
    #[serde(default)]
    pub hs_code: Option<String>,
    /// Process tags, e.g. `["P02", "P07"]`.
    #[serde(default)]
    pub processes: Vec<String>,
    #[serde(default)]
    pub materials: Vec<String>,
    /// Minimum order quantity, in `unit`.
    #[serde(default)]
    pub moq: Option<i64>,
    /// Monthly capacity, in `unit`.
    #[serde(default)]
    pub monthly_capacity: Option<i64>,
    /// Unit of `moq` and `monthly_capacity`: `pcs`, `sets`, `kg`, `t`, `m`, `m2`.
    #[serde(default)]
    pub unit: Option<String>,
    /// Achievable tolerance in micrometres (±).
    #[serde(default)]
    pub tolerance_um: Option<i32>,
    /// A photo (media id) of this product.
    #[serde(default)]
    pub photo_id: Option<Uuid>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ProductView {
    pub id: Uuid,
    pub exhibitor_id: Uuid,
    pub name: I18nText,
    pub description: I18nText,
    pub product_group: String,
    pub hs_code: Option<String>,
    pub processes: Vec<String>,
    pub materials: Vec<String>,
    pub moq: Option<i64>,
    pub monthly_capacity: Option<i64>,
    pub unit: Option<String>,
    pub tolerance_um: Option<i32>,
    pub photo_url: Option<String>,
    pub photo_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ProductPage {
    pub items: Vec<ProductView>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CertificationInput {
    /// Standard code from the taxonomy, e.g. `ISO9001`, `IATF16949`.
    pub standard: String,
    /// Certification body, e.g. `Bureau Veritas`.
    pub issuer: String,
    pub certificate_number: String,
    #[serde(default)]
    pub valid_from: Option<NaiveDate>,
    /// Last day the certificate is valid: after it, the certificate no longer counts.
    pub valid_until: NaiveDate,
    #[serde(default)]
    pub scope: Option<String>,
    /// A scan of the certificate (media id of a document).
    #[serde(default)]
    pub document_id: Option<Uuid>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CertificationView {
    pub id: Uuid,
    pub exhibitor_id: Uuid,
    pub standard: String,
    pub standard_name: String,
    /// Category: `management_system`, `substances`, `workmanship`, `textile_leather`, `social_audit`.
    pub category: String,
    pub issuer: String,
    pub certificate_number: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: NaiveDate,
    /// Valid today (not expired, already in force).
    pub valid: bool,
    /// `valid`, `expired` or `not_yet_valid`, as of today in Vietnam.
    pub status: String,
    pub scope: Option<String>,
    pub document_id: Option<Uuid>,
    pub document_url: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MediaView {
    pub id: Uuid,
    pub exhibitor_id: Uuid,
    /// `logo`, `photo`, `brochure` or `document`.
    pub kind: String,
    /// Detected from the content, never from the file name.
    pub content_type: String,
    pub byte_size: i64,
    /// The name the file had when uploaded (for display only; never used as a path).
    pub file_name: Option<String>,
    pub caption: I18nText,
    pub url: String,
    pub created_at: DateTime<Utc>,
}

/// Multipart form of an upload: `kind`, optional `caption` (JSON object of texts by language) and `file`.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct MediaUpload {
    /// `logo`, `photo`, `brochure` or `document`.
    pub kind: String,
    /// JSON object of captions by language, e.g. `{"vi": "Xưởng CNC"}`.
    pub caption: Option<String>,
    #[schema(format = Binary, content_media_type = "application/octet-stream")]
    pub file: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffInput {
    pub full_name: String,
    #[serde(default)]
    pub job_title: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// Languages this person meets buyers in.
    #[serde(default)]
    pub languages: Vec<String>,
    /// Shown to visitors on the booth page.
    pub shown_on_booth: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StaffView {
    pub id: Uuid,
    pub exhibitor_id: Uuid,
    pub full_name: String,
    pub job_title: Option<String>,
    /// Contact details are shown only to the exhibitor's own staff and organisers.
    pub email: Option<String>,
    pub phone: Option<String>,
    pub languages: Vec<String>,
    pub shown_on_booth: bool,
    /// Whether this person can sign in, and as what (`admin` or `rep`).
    pub account_role: Option<String>,
    /// This staff member is the signed-in viewer.
    pub is_viewer: bool,
}
