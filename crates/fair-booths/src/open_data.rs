//! Open data, the plan's "CNHT website": the published directory as CSV and JSON,
//! and the summary figures the Department reports against Plan 35.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use fair_api_types::{ErrorBody, FacetCount, OpenDataExhibitor, OpenDataExport, OpenDataSummary};
use fair_http::{ApiError, ApiResult, AppState};
use fair_search::DirectoryDoc;

use crate::views::today;

const LICENCE: &str = "Open data of the Hanoi Department of Industry and Trade; free to reuse with attribution";

fn exhibitor_row(doc: &DirectoryDoc) -> OpenDataExhibitor {
    let day = today();
    OpenDataExhibitor {
        id: doc.id,
        name: doc.name.clone(),
        name_en: doc.name_en.clone(),
        province: doc.province.clone(),
        industrial_park: doc.industrial_park.clone(),
        company_size: doc.company_size().map(|s| s.as_str().to_owned()),
        business_type: doc.business_type.clone(),
        sectors: doc.sectors(),
        product_groups: doc.product_groups(),
        processes: doc.processes(),
        valid_certifications: doc.valid_certifications(day),
        certified: doc.is_certified(day),
        export_markets: doc.export_markets.clone(),
        website: doc.website.clone(),
        booth_url: format!("/booths/{}", doc.slug),
        products: doc.products.len() as u32,
    }
}

fn rows(state: &AppState) -> Vec<OpenDataExhibitor> {
    let index = state.directory.current();
    let mut rows: Vec<OpenDataExhibitor> = index.docs().map(|doc| exhibitor_row(doc)).collect();
    rows.sort_by_key(|row| row.id);
    rows
}

/// Every published exhibitor as JSON.
#[utoipa::path(
    get, path = "/api/v1/open-data/exhibitors.json", operation_id = "export_exhibitors_json", tag = "open data",
    responses((status = 200, body = OpenDataExport))
)]
pub(crate) async fn exhibitors_json(State(state): State<AppState>) -> Json<OpenDataExport> {
    Json(OpenDataExport { generated_at: Utc::now(), licence: LICENCE.to_owned(), exhibitors: rows(&state) })
}

/// Every published exhibitor as CSV (UTF-8 with a byte-order mark, so spreadsheet
/// programs show Vietnamese correctly); lists are `;`-separated within a cell.
#[utoipa::path(
    get, path = "/api/v1/open-data/exhibitors.csv", operation_id = "export_exhibitors_csv", tag = "open data",
    responses((status = 200, description = "CSV", content_type = "text/csv"), (status = 500, body = ErrorBody))
)]
pub(crate) async fn exhibitors_csv(State(state): State<AppState>) -> ApiResult<Response> {
    let mut writer = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    writer
        .write_record([
            "id",
            "name",
            "name_en",
            "province",
            "industrial_park",
            "company_size",
            "business_type",
            "sectors",
            "product_groups",
            "processes",
            "valid_certifications",
            "certified",
            "export_markets",
            "booth_url",
            "products",
        ])
        .map_err(ApiError::internal)?;
    for row in rows(&state) {
        writer
            .write_record([
                row.id.to_string(),
                row.name,
                row.name_en.unwrap_or_default(),
                row.province,
                row.industrial_park.unwrap_or_default(),
                row.company_size.unwrap_or_default(),
                row.business_type,
                row.sectors.join(";"),
                row.product_groups.join(";"),
                row.processes.join(";"),
                row.valid_certifications.join(";"),
                row.certified.to_string(),
                row.export_markets.join(";"),
                row.booth_url,
                row.products.to_string(),
            ])
            .map_err(ApiError::internal)?;
    }
    let bytes = writer.into_inner().map_err(|err| ApiError::Internal(err.to_string().into()))?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    headers
        .insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"cnht-exhibitors.csv\""));
    Ok(response)
}

fn counted(counts: BTreeMap<String, u64>) -> Vec<FacetCount> {
    let mut counts: Vec<FacetCount> = counts.into_iter().map(|(value, count)| FacetCount { value, count }).collect();
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    counts
}

/// The figures Plan 35 reports on: exhibitors, how many hold a valid
/// international-standard certificate, products, buyers by country.
#[utoipa::path(
    get, path = "/api/v1/open-data/summary", operation_id = "get_open_data_summary", tag = "open data",
    responses((status = 200, body = OpenDataSummary), (status = 503, body = ErrorBody))
)]
pub(crate) async fn summary(State(state): State<AppState>) -> ApiResult<Json<OpenDataSummary>> {
    let index = state.directory.current();
    let day = today();
    let mut by_sector = BTreeMap::new();
    let mut by_province = BTreeMap::new();
    let (mut certified, mut products) = (0, 0);
    for doc in index.docs() {
        for sector in doc.sectors() {
            *by_sector.entry(sector).or_default() += 1;
        }
        *by_province.entry(doc.province.clone()).or_default() += 1;
        certified += u64::from(doc.is_certified(day));
        products += doc.products.len() as u64;
    }
    let buyers = state.store.buyer_counts_by_country().await?;
    let registered = state.store.count_organisations("supplier").await?;
    Ok(Json(OpenDataSummary {
        generated_at: Utc::now(),
        registered_exhibitors: registered,
        exhibitors: index.len() as u64,
        certified_exhibitors: certified,
        products,
        buyers: buyers.iter().map(|(_, n)| *n as u64).sum(),
        by_sector: counted(by_sector),
        by_province: counted(by_province),
        buyers_by_country: counted(buyers.into_iter().map(|(c, n)| (c, n as u64)).collect()),
    }))
}
