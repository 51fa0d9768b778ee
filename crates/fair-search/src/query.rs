use std::sync::Arc;

use chrono::NaiveDate;

use crate::doc::DirectoryDoc;

/// Filters: values within one list are alternatives, lists must all hold. Empty
/// lists do not filter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    pub sector: Vec<String>,
    pub group: Vec<String>,
    pub process: Vec<String>,
    /// Standards held with a certificate valid on the request's day.
    pub cert: Vec<String>,
    pub province: Vec<String>,
    pub park: Vec<String>,
    pub size: Vec<String>,
    pub market: Vec<String>,
    pub business: Vec<String>,
    /// Only firms with (or without) a valid management-system certificate.
    pub certified: Option<bool>,
    pub online: Option<bool>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Best match first; by name without a query.
    #[default]
    Relevance,
    Name,
    Views,
    Newest,
}

impl Sort {
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "relevance" => Some(Self::Relevance),
            "name" => Some(Self::Name),
            "views" => Some(Self::Views),
            "newest" => Some(Self::Newest),
            _ => None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct SearchRequest<'a> {
    pub text: Option<&'a str>,
    pub filters: &'a Filters,
    pub sort: Sort,
    pub offset: usize,
    pub limit: usize,
    /// The day certificate validity is judged on.
    pub today: NaiveDate,
}

/// Counts per value for each filter, each computed with every *other* filter applied
/// (so picking a second value of one filter shows how many it would add).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FacetCounts {
    pub sector: Vec<(String, u64)>,
    pub group: Vec<(String, u64)>,
    pub process: Vec<(String, u64)>,
    pub cert: Vec<(String, u64)>,
    pub province: Vec<(String, u64)>,
    pub park: Vec<(String, u64)>,
    pub size: Vec<(String, u64)>,
    pub market: Vec<(String, u64)>,
    pub business: Vec<(String, u64)>,
}

#[derive(Clone, Debug)]
pub struct Hit {
    pub doc: Arc<DirectoryDoc>,
    pub score: f32,
    /// Indices into `doc.products` of the products that matched, best first (≤ 3).
    pub matched_products: Vec<usize>,
}

#[derive(Clone, Debug)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: FacetCounts,
    /// No exhibitor matched every word; these match some of them.
    pub relaxed: bool,
}
