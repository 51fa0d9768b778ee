//! What matching needs from the database, gathered once per request: buyers and
//! their needs, preferences, rules, interpreter languages.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use fair_domain::Language;
use fair_http::{ApiError, ApiResult, AppState};
use fair_matchmaking::rules;
use fair_matchmaking::score::{Buyer, Need, Preference, Preferences};
use fair_search::DirectoryDoc;
use fair_store::directory::RecordFilter;
use fair_store::entities::{meeting_rule, organisation, preference, sourcing_need};
use uuid::Uuid;

pub(crate) fn need_facts(need: &sourcing_need::Model) -> Need {
    Need {
        id: need.id,
        title: need.title.clone(),
        description: need.description.clone(),
        language: need.language.parse().unwrap_or(Language::English),
        product_group: need.product_group.clone(),
        processes: need.processes.0.clone(),
        hs_code: need.hs_code.clone(),
        required_certifications: need.required_certifications.0.clone(),
        annual_volume: need.annual_volume,
        unit: need.unit.clone(),
        tolerance_um: need.tolerance_um,
    }
    .with_processes_from_text()
}

/// A buyer company with its open needs.
pub(crate) fn buyer_facts(buyer: &organisation::Model, needs: &[sourcing_need::Model]) -> Buyer {
    Buyer {
        id: buyer.id,
        country: buyer.country.clone(),
        languages: buyer.languages.0.iter().filter_map(|tag| tag.parse().ok()).collect(),
        needs: needs.iter().filter(|n| n.status == "open" && n.organisation_id == buyer.id).map(need_facts).collect(),
    }
}

/// Preferences keyed by (buyer, supplier).
#[derive(Default)]
pub(crate) struct PreferenceBook {
    pairs: HashMap<(Uuid, Uuid), Preferences>,
}

impl PreferenceBook {
    /// `buyers` tells which side stated each preference.
    pub(crate) fn new(rows: &[preference::Model], buyers: &HashSet<Uuid>) -> Self {
        let mut pairs: HashMap<(Uuid, Uuid), Preferences> = HashMap::new();
        for row in rows {
            let Some(level) = Preference::parse(&row.level) else { continue };
            if buyers.contains(&row.from_org) {
                pairs.entry((row.from_org, row.to_org)).or_default().buyer = Some(level);
            } else if buyers.contains(&row.to_org) {
                pairs.entry((row.to_org, row.from_org)).or_default().supplier = Some(level);
            }
        }
        Self { pairs }
    }

    pub(crate) fn get(&self, buyer: Uuid, supplier: Uuid) -> Preferences {
        self.pairs.get(&(buyer, supplier)).copied().unwrap_or_default()
    }

    pub(crate) fn entry(&mut self, buyer: Uuid, supplier: Uuid) -> &mut Preferences {
        self.pairs.entry((buyer, supplier)).or_default()
    }

    /// Pairs either side asked to meet (Must meet or Meet), sorted.
    pub(crate) fn asked_pairs(&self) -> Vec<(Uuid, Uuid)> {
        let asked = |p: Option<Preference>| matches!(p, Some(Preference::Must | Preference::Meet));
        let mut pairs: Vec<(Uuid, Uuid)> =
            self.pairs.iter().filter(|(_, p)| asked(p.buyer) || asked(p.supplier)).map(|(pair, _)| *pair).collect();
        pairs.sort();
        pairs
    }
}

/// The organisers' who-may-meet-whom rules, as stored; matched by
/// [`fair_matchmaking::rules::Rules`], which the offline scheduler shares.
pub(crate) struct Rules(rules::Rules);

impl Rules {
    pub(crate) fn new(stored: Vec<meeting_rule::Model>) -> Self {
        Self(rules::Rules::new(
            stored
                .into_iter()
                .filter_map(|rule| {
                    Some(rules::Rule {
                        effect: rules::Effect::parse(&rule.effect)?,
                        buyer: rule.buyer_id,
                        buyer_country: rule.buyer_country,
                        supplier: rule.supplier_id,
                        supplier_sector: rule.supplier_sector,
                    })
                })
                .collect(),
        ))
    }

    /// Whether the rules let the pair meet.
    pub(crate) fn allow(&self, buyer: &Buyer, supplier: &DirectoryDoc) -> bool {
        self.0.allow(buyer, supplier)
    }
}

/// A supplier as matching sees it: from the directory index if published, else
/// from the database.
pub(crate) async fn supplier_doc(state: &AppState, id: Uuid) -> ApiResult<Arc<DirectoryDoc>> {
    if let Some(doc) = state.directory.current().get(id) {
        return Ok(doc.clone());
    }
    let record = state
        .store
        .exhibitor_records(&RecordFilter::Ids(vec![id]))
        .await?
        .pop()
        .ok_or(ApiError::NotFound("exhibitor"))?;
    Ok(Arc::new(fair_booths::directory_doc(&record)))
}
