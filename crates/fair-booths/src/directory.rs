//! The public directory: search with filters and facets over the in-memory index,
//! and keeping that index in step with the database on every instance.

use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::extract::State;
use fair_api_types::{
    DirectoryHit, DirectoryQuery, DirectoryResult, ErrorBody, FacetCount, Facets, I18nText, MatchedProduct,
};
use fair_domain::taxonomy;
use fair_domain::{BusinessType, CompanySize};
use fair_http::{ApiError, ApiQuery, ApiResult, AppState, Cursor};
use fair_search::{DirectoryIndex, Filters, SearchRequest, Sort};
use fair_store::StoreResult;
use fair_store::directory::RecordFilter;
use fair_store::meta::DIRECTORY_REVISION;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

use crate::views::{directory_doc, today};

/// Loads every published exhibitor and builds a fresh index.
pub async fn rebuild(state: &AppState) -> StoreResult<()> {
    let _guard = state.directory.rebuild.lock().await;
    rebuild_locked(state).await
}

async fn rebuild_locked(state: &AppState) -> StoreResult<()> {
    let started = std::time::Instant::now();
    // Read the revision first: whatever is loaded afterwards is at least that new.
    let revision = state.store.counter(DIRECTORY_REVISION).await?;
    let records = state.store.exhibitor_records(&RecordFilter::Published).await?;
    let loaded_ms = started.elapsed().as_millis() as u64;
    let docs: Vec<_> = records.iter().map(|record| Arc::new(directory_doc(record))).collect();
    drop(records);
    let day = today();
    let index = tokio::task::spawn_blocking(move || DirectoryIndex::build(docs, revision, day))
        .await
        .map_err(|err| fair_store::StoreError::Config(format!("index build failed: {err}")))?;
    tracing::info!(
        exhibitors = index.len(),
        revision,
        loaded_ms,
        elapsed_ms = started.elapsed().as_millis() as u64,
        "directory index rebuilt"
    );
    metrics::counter!("fair_directory_rebuilds_total").increment(1);
    state.directory.replace(index);
    Ok(())
}

/// After a write that changed what the directory shows about one exhibitor: raise
/// the shared revision (so other instances reload) and update this instance's index
/// at once (so the writer sees its change in the next search).
pub async fn exhibitor_changed(state: &AppState, id: Uuid) -> StoreResult<()> {
    let _guard = state.directory.rebuild.lock().await;
    let revision = state.store.bump_counter(DIRECTORY_REVISION).await?;
    let current = state.directory.current();
    if current.revision() != revision - 1 || current.built_on() != today() {
        // Someone else wrote meanwhile (or the day changed): reload everything.
        return rebuild_locked(state).await;
    }
    let record = state.store.exhibitor_records(&RecordFilter::Ids(vec![id])).await?.pop();
    let doc = record.filter(|r| r.exhibitor.booth.published).map(|r| Arc::new(directory_doc(&r)));
    let day = today();
    let index = tokio::task::spawn_blocking(move || current.with_doc(id, doc, revision, day))
        .await
        .map_err(|err| fair_store::StoreError::Config(format!("index build failed: {err}")))?;
    state.directory.replace(index);
    Ok(())
}

/// Logs instead of failing the request: the write itself succeeded, and the watcher
/// will catch up.
pub async fn note_exhibitor_changed(state: &AppState, id: Uuid) {
    if let Err(err) = exhibitor_changed(state, id).await {
        tracing::warn!(error = %err, exhibitor_id = %id, "directory index update failed; the watcher will retry");
    }
}

/// Polls the shared revision and rebuilds when another instance changed the
/// directory, or when the day changes (certificates expire at midnight).
pub async fn watch(state: AppState, every: Duration, shutdown: CancellationToken) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            () = shutdown.cancelled() => return,
        }
        let current = state.directory.current();
        let stale = match state.store.counter(DIRECTORY_REVISION).await {
            Ok(revision) => revision != current.revision() || current.built_on() != today(),
            Err(err) => {
                tracing::warn!(error = %err, "cannot read the directory revision");
                false
            }
        };
        if stale && let Err(err) = rebuild(&state).await {
            tracing::warn!(error = %err, "directory rebuild failed");
        }
    }
}

fn codes(field: &str, value: Option<&str>, known: impl Fn(&str) -> bool) -> ApiResult<Vec<String>> {
    let Some(value) = value.filter(|v| !v.is_empty()) else {
        return Ok(Vec::new());
    };
    let values: Vec<String> = value.split(',').map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()).collect();
    if values.len() > 50 {
        return Err(ApiError::InvalidQuery(format!("{field}: at most 50 values")));
    }
    if let Some(unknown) = values.iter().find(|v| !known(v)) {
        return Err(ApiError::InvalidQuery(format!("{field}: `{unknown}` is not a known value")));
    }
    Ok(values)
}

fn facet(counts: Vec<(String, u64)>) -> Vec<FacetCount> {
    counts.into_iter().map(|(value, count)| FacetCount { value, count }).collect()
}

/// Search the directory of published exhibitors.
///
/// Free text in any language (Vietnamese without diacritics finds the diacritic
/// form; Japanese, Chinese and Korean process names find Vietnamese suppliers),
/// filters with facet counts, sorting and cursor pagination.
#[utoipa::path(
    get, path = "/api/v1/directory", operation_id = "search_directory", tag = "directory",
    params(DirectoryQuery),
    responses((status = 200, body = DirectoryResult), (status = 400, body = ErrorBody))
)]
pub(crate) async fn search(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<DirectoryQuery>,
) -> ApiResult<Json<DirectoryResult>> {
    let filters = Filters {
        sector: codes("sector", query.sector.as_deref(), |v| taxonomy::sector(v).is_some())?,
        group: codes("group", query.group.as_deref(), |v| taxonomy::product_group(v).is_some())?,
        process: codes("process", query.process.as_deref(), |v| taxonomy::process(v).is_some())?,
        cert: codes("cert", query.cert.as_deref(), |v| taxonomy::certification(v).is_some())?,
        province: codes("province", query.province.as_deref(), |v| taxonomy::province(v).is_some())?,
        park: codes("park", query.park.as_deref(), |v| taxonomy::industrial_park(v).is_some())?,
        size: codes("size", query.size.as_deref(), |v| v.parse::<CompanySize>().is_ok())?,
        market: codes("market", query.market.as_deref(), |v| taxonomy::country(v).is_some())?,
        business: codes("business", query.business.as_deref(), |v| v.parse::<BusinessType>().is_ok())?,
        certified: query.certified,
        online: query.online,
    };
    let sort = match query.sort.as_deref() {
        None => Sort::Relevance,
        Some(value) => Sort::parse(value)
            .ok_or_else(|| ApiError::InvalidQuery("sort must be relevance, name, views or newest".to_owned()))?,
    };
    let limit = query.limit.unwrap_or(20);
    if !(1..=100).contains(&limit) {
        return Err(ApiError::InvalidQuery("limit must be 1 to 100".to_owned()));
    }
    let offset = query.cursor.as_deref().map(Cursor::decode_offset).transpose()?.unwrap_or(0);
    if let Some(q) = &query.q
        && q.chars().count() > 200
    {
        return Err(ApiError::InvalidQuery("q: at most 200 characters".to_owned()));
    }

    let index = state.directory.current();
    let results = index.search(&SearchRequest {
        text: query.q.as_deref(),
        filters: &filters,
        sort,
        offset,
        limit: limit as usize,
        today: today(),
    });
    metrics::counter!("fair_directory_searches_total").increment(1);

    let day = today();
    let items: Vec<DirectoryHit> = results
        .hits
        .iter()
        .map(|hit| {
            let doc = &hit.doc;
            DirectoryHit {
                id: doc.id,
                slug: doc.slug.clone(),
                name: doc.name.clone(),
                name_en: doc.name_en.clone(),
                headline: I18nText(doc.headline.clone()),
                province: doc.province.clone(),
                industrial_park: doc.industrial_park.clone(),
                company_size: doc.company_size().map(|s| s.as_str().to_owned()),
                business_type: doc.business_type.clone(),
                certified: doc.is_certified(day),
                certifications: doc.valid_certifications(day),
                sectors: doc.sectors(),
                product_groups: doc.product_groups(),
                processes: doc.processes(),
                export_markets: doc.export_markets.clone(),
                hall: doc.hall.clone(),
                stand: doc.stand.clone(),
                online_booth: doc.online_booth,
                logo_url: doc.logo_url.clone(),
                view_count: doc.view_count,
                matched_products: hit
                    .matched_products
                    .iter()
                    .map(|&i| {
                        let product = &doc.products[i];
                        MatchedProduct {
                            id: product.id,
                            name: I18nText(product.name.clone()),
                            product_group: product.product_group.clone(),
                        }
                    })
                    .collect(),
                score: hit.score,
            }
        })
        .collect();
    let next_offset = offset + items.len();
    let facets = results.facets;
    Ok(Json(DirectoryResult {
        total: results.total as u64,
        next_cursor: (next_offset < results.total).then(|| Cursor::encode_offset(next_offset)),
        items,
        relaxed: results.relaxed,
        facets: Facets {
            sector: facet(facets.sector),
            group: facet(facets.group),
            process: facet(facets.process),
            cert: facet(facets.cert),
            province: facet(facets.province),
            park: facet(facets.park),
            size: facet(facets.size),
            market: facet(facets.market),
            business: facet(facets.business),
        },
    }))
}
