use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::common::I18nText;

/// A buyer company's profile.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BuyerInput {
    pub company_name: String,
    /// The name in the company's own script, e.g. `株式会社…`.
    #[serde(default)]
    pub company_name_local: Option<String>,
    /// ISO 3166 alpha-2 country of the company, e.g. `JP`.
    pub country: String,
    /// IANA time zone the buyer plans in, e.g. `Asia/Tokyo`.
    pub time_zone: String,
    /// Languages the buyer's delegation meets in.
    pub languages: Vec<String>,
    /// What the company makes, e.g. "motorcycle assembly".
    #[serde(default)]
    pub industry: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
    #[serde(default)]
    pub about: I18nText,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct BuyerView {
    pub id: Uuid,
    pub company_name: String,
    pub company_name_local: Option<String>,
    pub country: String,
    pub time_zone: String,
    pub languages: Vec<String>,
    pub industry: Option<String>,
    pub website: Option<String>,
    pub about: I18nText,
    pub open_needs: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct BuyerPage {
    pub items: Vec<BuyerView>,
    pub next_cursor: Option<String>,
}

/// What a buyer wants to source, in the buyer's own language.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NeedInput {
    pub title: String,
    pub description: String,
    /// Language the need is written in, e.g. `ja`.
    pub language: String,
    #[serde(default)]
    pub product_group: Option<String>,
    #[serde(default)]
    pub processes: Vec<String>,
    #[serde(default)]
    pub hs_code: Option<String>,
    /// Standards a supplier must hold, valid, to qualify, e.g. `["ISO9001"]`.
    #[serde(default)]
    pub required_certifications: Vec<String>,
    /// Expected yearly volume, in `unit`.
    #[serde(default)]
    pub annual_volume: Option<i64>,
    #[serde(default)]
    pub unit: Option<String>,
    /// Tightest tolerance needed, micrometres (±).
    #[serde(default)]
    pub tolerance_um: Option<i32>,
    /// `open` or `closed`.
    #[serde(default = "open")]
    pub status: String,
}

fn open() -> String {
    "open".to_owned()
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NeedView {
    pub id: Uuid,
    pub buyer_id: Uuid,
    pub title: String,
    pub description: String,
    pub language: String,
    pub product_group: Option<String>,
    pub processes: Vec<String>,
    pub hs_code: Option<String>,
    pub required_certifications: Vec<String>,
    pub annual_volume: Option<i64>,
    pub unit: Option<String>,
    pub tolerance_um: Option<i32>,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NeedPage {
    pub items: Vec<NeedView>,
    pub next_cursor: Option<String>,
}
