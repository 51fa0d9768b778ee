use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::common::I18nText;

/// Directory search. List filters take comma-separated codes; values within one filter
/// are alternatives (OR), different filters must all hold (AND).
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DirectoryQuery {
    /// Free text in any language; Vietnamese may be typed without diacritics.
    pub q: Option<String>,
    /// Sector codes, e.g. `ME,EL`.
    pub sector: Option<String>,
    /// Product group codes, e.g. `ME1,ME4`.
    pub group: Option<String>,
    /// Process tags, e.g. `P02`.
    pub process: Option<String>,
    /// Standards held with a certificate valid today, e.g. `ISO9001`.
    pub cert: Option<String>,
    /// Only firms with a valid management-system certificate.
    pub certified: Option<bool>,
    /// Province codes.
    pub province: Option<String>,
    /// Industrial park codes.
    pub park: Option<String>,
    /// Company sizes: `micro`, `small`, `medium`, `large`.
    pub size: Option<String>,
    /// Export markets (country codes).
    pub market: Option<String>,
    /// `manufacturer`, `trading`, `service`.
    pub business: Option<String>,
    /// Only exhibitors that also meet online.
    pub online: Option<bool>,
    /// `relevance` (default with a query), `name` (default without), `views`, `newest`.
    pub sort: Option<String>,
    pub cursor: Option<String>,
    /// 1 to 100, default 20.
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DirectoryResult {
    /// Exhibitors matching the query and filters.
    pub total: u64,
    pub items: Vec<DirectoryHit>,
    pub facets: Facets,
    pub next_cursor: Option<String>,
    /// True when no exhibitor matched every word and the results match some of them.
    pub relaxed: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DirectoryHit {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub name_en: Option<String>,
    pub headline: I18nText,
    pub province: String,
    pub industrial_park: Option<String>,
    pub company_size: Option<String>,
    pub business_type: String,
    pub certified: bool,
    /// Standards held with a certificate valid today.
    pub certifications: Vec<String>,
    pub sectors: Vec<String>,
    pub product_groups: Vec<String>,
    pub processes: Vec<String>,
    pub export_markets: Vec<String>,
    pub hall: Option<String>,
    pub stand: Option<String>,
    pub online_booth: bool,
    pub logo_url: Option<String>,
    pub view_count: i64,
    /// Products that matched the query, best first (at most 3).
    pub matched_products: Vec<MatchedProduct>,
    /// Relevance score (0 without a query).
    pub score: f32,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MatchedProduct {
    pub id: Uuid,
    pub name: I18nText,
    pub product_group: String,
}

/// For each filter, how many exhibitors each value would give, with every other filter applied.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct Facets {
    pub sector: Vec<FacetCount>,
    pub group: Vec<FacetCount>,
    pub process: Vec<FacetCount>,
    pub cert: Vec<FacetCount>,
    pub province: Vec<FacetCount>,
    pub park: Vec<FacetCount>,
    pub size: Vec<FacetCount>,
    pub market: Vec<FacetCount>,
    pub business: Vec<FacetCount>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// One exhibitor in the open-data export.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OpenDataExhibitor {
    pub id: Uuid,
    pub name: String,
    pub name_en: Option<String>,
    pub province: String,
    pub industrial_park: Option<String>,
    pub company_size: Option<String>,
    pub business_type: String,
    pub sectors: Vec<String>,
    pub product_groups: Vec<String>,
    pub processes: Vec<String>,
    /// Standards with a certificate valid on the export date.
    pub valid_certifications: Vec<String>,
    pub certified: bool,
    pub export_markets: Vec<String>,
    pub website: Option<String>,
    pub booth_url: String,
    pub products: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OpenDataExport {
    pub generated_at: DateTime<Utc>,
    pub licence: String,
    pub exhibitors: Vec<OpenDataExhibitor>,
}

/// The figures the plan's report asks for.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OpenDataSummary {
    pub generated_at: DateTime<Utc>,
    /// Exhibitors registered for the fair, published or not.
    pub registered_exhibitors: u64,
    /// Published exhibitors (those in the directory).
    pub exhibitors: u64,
    /// Of them, holding a valid management-system certificate.
    pub certified_exhibitors: u64,
    pub products: u64,
    pub buyers: u64,
    pub by_sector: Vec<FacetCount>,
    pub by_province: Vec<FacetCount>,
    pub buyers_by_country: Vec<FacetCount>,
}
