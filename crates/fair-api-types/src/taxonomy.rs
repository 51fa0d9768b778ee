use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A label in the four UI languages.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Labels {
    pub vi: String,
    pub en: String,
    pub ja: String,
    #[serde(rename = "zh-Hant")]
    pub zh_hant: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TaxonomyEntry {
    pub code: String,
    pub labels: Labels,
    /// The sector, for product groups; the province, for industrial parks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Extra facts: HS codes of a product group, the category of a certification.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<String>,
}

/// Every closed list the UI needs, labelled in the four UI languages.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Taxonomy {
    pub sectors: Vec<TaxonomyEntry>,
    pub product_groups: Vec<TaxonomyEntry>,
    pub processes: Vec<TaxonomyEntry>,
    pub certifications: Vec<TaxonomyEntry>,
    pub countries: Vec<TaxonomyEntry>,
    pub provinces: Vec<TaxonomyEntry>,
    pub industrial_parks: Vec<TaxonomyEntry>,
    /// Content languages, each labelled by its own name.
    pub languages: Vec<TaxonomyEntry>,
    pub company_sizes: Vec<TaxonomyEntry>,
    pub business_types: Vec<TaxonomyEntry>,
    pub units: Vec<TaxonomyEntry>,
}
