//! What matching needs from the database, gathered once per request: buyers and
//! their needs, preferences, rules, interpreter languages.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use fair_domain::Language;
use fair_http::{ApiError, ApiResult, AppState};
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
}

/// The organisers' who-may-meet-whom rules.
pub(crate) struct Rules {
    rules: Vec<meeting_rule::Model>,
}

impl Rules {
    pub(crate) fn new(rules: Vec<meeting_rule::Model>) -> Self {
        Self { rules }
    }

    fn buyer_side_matches(rule: &meeting_rule::Model, buyer: &Buyer) -> bool {
        rule.buyer_id.is_none_or(|id| id == buyer.id) && rule.buyer_country.as_ref().is_none_or(|c| *c == buyer.country)
    }

    fn supplier_side_matches(rule: &meeting_rule::Model, supplier: &DirectoryDoc) -> bool {
        rule.supplier_id.is_none_or(|id| id == supplier.id)
            && rule.supplier_sector.as_ref().is_none_or(|sector| supplier.sectors().contains(sector))
    }

    /// Whether the rules let the pair meet.
    pub(crate) fn allow(&self, buyer: &Buyer, supplier: &DirectoryDoc) -> bool {
        let matches = |rule: &meeting_rule::Model| {
            Self::buyer_side_matches(rule, buyer) && Self::supplier_side_matches(rule, supplier)
        };
        if self.rules.iter().any(|rule| rule.effect == "deny" && matches(rule)) {
            return false;
        }
        let limited = self.rules.iter().any(|rule| rule.effect == "allow" && Self::buyer_side_matches(rule, buyer));
        !limited || self.rules.iter().any(|rule| rule.effect == "allow" && matches(rule))
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
