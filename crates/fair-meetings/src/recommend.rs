//! Explained recommendations: suppliers for a buyer, buyers for an exhibitor.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use fair_api_types::{ErrorBody, MeetingRef, NeedRef, ReasonView, Recommendation, RecommendationList};
use fair_domain::{Language, OrganisationId, Role, UiLanguage};
use fair_http::{ApiError, ApiPath, ApiQuery, ApiResult, AppState, CurrentUser, OrNotFound};
use fair_matchmaking::explain::explain;
use fair_matchmaking::score::{Buyer, NeedTerms, Offer, PairScore, Preference, Scorer, Side};
use fair_search::DirectoryDoc;
use serde::Deserialize;
use uuid::Uuid;

use crate::context::{PreferenceBook, Rules, buyer_facts};
use crate::today;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct RecommendationQuery {
    /// 1 to 100, default 20.
    limit: Option<u32>,
    /// Language of the reasons (`vi`, `en`, `ja`, `zh-Hant`); default the user's.
    lang: Option<String>,
    /// Suppliers: only this product group.
    group: Option<String>,
    /// Suppliers: only those doing this process.
    process: Option<String>,
    /// Suppliers: only those with a valid management-system certificate.
    certified: Option<bool>,
    /// Buyers: only from this country.
    country: Option<String>,
}

fn viewer_language(user: &CurrentUser, requested: Option<&str>) -> ApiResult<UiLanguage> {
    match requested {
        Some(tag) => tag.parse().map_err(|_| ApiError::InvalidQuery("lang must be vi, en, ja or zh-Hant".to_owned())),
        None => Ok(user.user.preferred_language.parse().unwrap_or_default()),
    }
}

fn limit(query: &RecommendationQuery) -> ApiResult<usize> {
    let limit = query.limit.unwrap_or(20);
    if !(1..=100).contains(&limit) {
        return Err(ApiError::InvalidQuery("limit must be 1 to 100".to_owned()));
    }
    Ok(limit as usize)
}

fn reasons(items: Vec<fair_matchmaking::explain::Reason>) -> Vec<ReasonView> {
    items.into_iter().map(|r| ReasonView { kind: r.kind.to_owned(), text: r.text, points: r.points }).collect()
}

/// Languages interpreters cover at the fair (besides Vietnamese).
pub(crate) async fn interpreter_languages(state: &AppState) -> ApiResult<Vec<Language>> {
    let mut languages: Vec<Language> =
        state.store.interpreters().await?.iter().filter_map(|(person, _)| person.language.parse().ok()).collect();
    languages.sort();
    languages.dedup();
    Ok(languages)
}

/// Open requests and meetings by (buyer, supplier).
async fn open_meetings(state: &AppState, organisation: Uuid) -> ApiResult<HashMap<(Uuid, Uuid), MeetingRef>> {
    Ok(state
        .store
        .meetings_of(organisation, &["requested", "accepted"], None, 10_000)
        .await?
        .into_iter()
        .map(|m| ((m.buyer_id, m.supplier_id), MeetingRef { id: m.id, status: m.status }))
        .collect())
}

fn need_ref(buyer: &Buyer, score: &PairScore) -> Option<NeedRef> {
    let id = score.need?;
    buyer.needs.iter().find(|n| n.id == id).map(|n| NeedRef { id, title: n.title.clone() })
}

/// Suppliers recommended for a buyer, best first, each with why.
#[utoipa::path(
    get, path = "/api/v1/buyers/{id}/recommendations", operation_id = "recommend_suppliers", tag = "matchmaking",
    params(("id" = Uuid, Path), RecommendationQuery),
    responses(
        (status = 200, body = RecommendationList), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub(crate) async fn for_buyer(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(query): ApiQuery<RecommendationQuery>,
) -> ApiResult<Json<RecommendationList>> {
    if !(user.principal.is_organiser()
        || (user.principal.role == Role::Buyer && user.principal.organisation_id == Some(OrganisationId(id))))
    {
        return Err(ApiError::Forbidden);
    }
    let language = viewer_language(&user, query.lang.as_deref())?;
    let limit = limit(&query)?;
    let organisation = state.store.buyer(id).await.or_not_found("buyer")?;
    let needs = state.store.needs_of(id, None, 1000).await?;
    let buyer = buyer_facts(&organisation, &needs);
    let preferences = state.store.preferences_involving(id).await?;
    let book = PreferenceBook::new(&preferences, &HashSet::from([id]));
    let rules = Rules::new(state.store.meeting_rules().await?);
    let interpreters = interpreter_languages(&state).await?;
    let meetings = open_meetings(&state, id).await?;
    let index = state.directory.current();
    let today = today();
    let scorer = Scorer { index: &index, today, interpreter_languages: &interpreters };

    let relevance: HashMap<Uuid, HashMap<Uuid, f32>> = scorer.need_relevance(std::slice::from_ref(&buyer));
    let mut scored: Vec<(Arc<DirectoryDoc>, PairScore)> = index
        .docs()
        .filter(|doc| rules.allow(&buyer, doc))
        .filter(|doc| query.group.as_ref().is_none_or(|g| doc.product_groups().contains(g)))
        .filter(|doc| query.process.as_ref().is_none_or(|p| doc.processes().contains(p)))
        .filter(|doc| query.certified.is_none_or(|wanted| doc.is_certified(today) == wanted))
        .map(|doc| {
            let prefs = book.get(id, doc.id);
            let score = scorer.score_pair_uncited(&buyer, doc, &Offer::of(doc), prefs, &|need| {
                relevance.get(&need.id).and_then(|r| r.get(&doc.id)).copied().unwrap_or(0.0)
            });
            (doc.clone(), score)
        })
        // The buyer's own picks stay visible (with their veto, if any).
        .filter(|(_, score)| score.is_candidate() || book.get(id, score.supplier).buyer.is_some())
        .collect();
    // Pairs that may meet first; the buyer's own No thanks picks stay visible, last.
    scored.sort_by(|a, b| {
        a.1.veto.is_some().cmp(&b.1.veto.is_some()).then(b.1.total.cmp(&a.1.total)).then(a.0.name.cmp(&b.0.name))
    });
    let total = scored.len() as u64;
    let terms: Vec<NeedTerms> = buyer.needs.iter().map(NeedTerms::of).collect();
    let items = scored
        .into_iter()
        .take(limit)
        .map(|(doc, mut score)| {
            scorer.cite_products(&mut score, &buyer, &terms, &doc, &Offer::of(&doc));
            let why = explain(&score, &doc, Side::Buyer, language);
            let prefs = book.get(id, doc.id);
            let mut warnings = reasons(why.warnings);
            if let Some(veto) = why.veto {
                warnings.insert(0, ReasonView { kind: "veto".to_owned(), text: veto, points: 0 });
            }
            Recommendation {
                organisation_id: doc.id,
                name: doc.name.clone(),
                name_alt: doc.name_en.clone(),
                slug: Some(doc.slug.clone()),
                country: "VN".to_owned(),
                score: score.total,
                my_preference: prefs.buyer.map(|p| p.as_str().to_owned()),
                their_preference: prefs.supplier.map(|p| p.as_str().to_owned()),
                need: need_ref(&buyer, &score),
                meeting: meetings.get(&(id, doc.id)).cloned(),
                reasons: reasons(why.reasons),
                warnings,
            }
        })
        .collect();
    metrics::counter!("fair_recommendations_total", "side" => "buyer").increment(1);
    Ok(Json(RecommendationList { items, total }))
}

/// Buyers recommended for an exhibitor, best first, each with why.
#[utoipa::path(
    get, path = "/api/v1/exhibitors/{id}/recommendations", operation_id = "recommend_buyers", tag = "matchmaking",
    params(("id" = Uuid, Path), RecommendationQuery),
    responses(
        (status = 200, body = RecommendationList), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    )
)]
pub(crate) async fn for_exhibitor(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(query): ApiQuery<RecommendationQuery>,
) -> ApiResult<Json<RecommendationList>> {
    if !user.principal.can_edit_exhibitor(OrganisationId(id)) {
        return Err(ApiError::Forbidden);
    }
    let language = viewer_language(&user, query.lang.as_deref())?;
    let limit = limit(&query)?;
    let index = state.directory.current();
    let doc = crate::context::supplier_doc(&state, id).await?;
    let buyers = state.store.buyers(None, 100_000, query.country.as_deref()).await?;
    let needs = state.store.all_open_needs().await?;
    let buyer_ids: HashSet<Uuid> = buyers.iter().map(|b| b.id).collect();
    let preferences = state.store.preferences_involving(id).await?;
    let book = PreferenceBook::new(&preferences, &buyer_ids);
    let rules = Rules::new(state.store.meeting_rules().await?);
    let interpreters = interpreter_languages(&state).await?;
    let meetings = open_meetings(&state, id).await?;
    let today = today();
    let scorer = Scorer { index: &index, today, interpreter_languages: &interpreters };

    let mut by_buyer: HashMap<Uuid, Vec<fair_store::entities::sourcing_need::Model>> = HashMap::new();
    for need in needs {
        by_buyer.entry(need.organisation_id).or_default().push(need);
    }
    let offer = Offer::of(&doc);
    let mut scored: Vec<(Buyer, fair_store::entities::organisation::Model, PairScore)> = buyers
        .into_iter()
        .map(|organisation| {
            let buyer = buyer_facts(&organisation, by_buyer.get(&organisation.id).map_or(&[][..], Vec::as_slice));
            let prefs = book.get(organisation.id, id);
            let score =
                scorer.score_pair_uncited(&buyer, &doc, &offer, prefs, &|need| index.relevance_to(&need.text(), id));
            (buyer, organisation, score)
        })
        .filter(|(buyer, _, _)| rules.allow(buyer, &doc))
        .filter(|(buyer, _, score)| score.is_candidate() || book.get(buyer.id, id).supplier.is_some())
        .collect();
    scored.sort_by(|a, b| {
        a.2.veto.is_some().cmp(&b.2.veto.is_some()).then(b.2.total.cmp(&a.2.total)).then(a.1.name.cmp(&b.1.name))
    });
    let total = scored.len() as u64;
    let items = scored
        .into_iter()
        .take(limit)
        .map(|(buyer, organisation, mut score)| {
            let terms: Vec<NeedTerms> = buyer.needs.iter().map(NeedTerms::of).collect();
            scorer.cite_products(&mut score, &buyer, &terms, &doc, &offer);
            let why = explain(&score, &doc, Side::Supplier, language);
            let prefs = book.get(buyer.id, id);
            let mut warnings = reasons(why.warnings);
            if let Some(veto) = why.veto {
                warnings.insert(0, ReasonView { kind: "veto".to_owned(), text: veto, points: 0 });
            }
            Recommendation {
                organisation_id: buyer.id,
                name: organisation.name.clone(),
                name_alt: organisation.name_local.clone(),
                slug: None,
                country: organisation.country.clone(),
                score: score.total,
                my_preference: prefs.supplier.map(|p: Preference| p.as_str().to_owned()),
                their_preference: prefs.buyer.map(|p| p.as_str().to_owned()),
                need: need_ref(&buyer, &score),
                meeting: meetings.get(&(buyer.id, id)).cloned(),
                reasons: reasons(why.reasons),
                warnings,
            }
        })
        .collect();
    metrics::counter!("fair_recommendations_total", "side" => "supplier").increment(1);
    Ok(Json(RecommendationList { items, total }))
}
