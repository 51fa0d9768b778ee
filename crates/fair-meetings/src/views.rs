//! Meeting views: everything a meeting page shows, loaded in a few set-wise reads.

use std::collections::HashMap;

use chrono::Utc;
use fair_api_types::{I18nText, MeetingView, PartyView, PersonView, ProductRef, SlotView, TableView};
use fair_domain::Role;
use fair_http::{ApiResult, AppState, CurrentUser};
use fair_store::entities::{fair_setting, interpreter, meeting, meeting_table, slot};
use uuid::Uuid;

use crate::setup::{interpreter_view, settings_or_default, slot_view, table_view, zone};

/// Which side of a meeting a user is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Party {
    Buyer,
    Supplier,
    Organiser,
}

impl Party {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Buyer => "buyer",
            Self::Supplier => "supplier",
            Self::Organiser => "organiser",
        }
    }

    pub(crate) fn of(user: &CurrentUser, meeting: &meeting::Model) -> Option<Party> {
        let principal = &user.principal;
        let own = principal.organisation_id.map(|o| o.0);
        match principal.role {
            Role::Organiser => Some(Party::Organiser),
            Role::Buyer if own == Some(meeting.buyer_id) => Some(Party::Buyer),
            Role::Exhibitor if own == Some(meeting.supplier_id) => Some(Party::Supplier),
            _ => None,
        }
    }
}

/// The side that must answer now: the one that did not make the last move.
pub(crate) fn awaiting(meeting: &meeting::Model) -> Option<Party> {
    let mover = meeting.proposed_by.as_deref().unwrap_or(meeting.requested_by_side.as_str());
    match (meeting.status.as_str(), meeting.proposed_slot_id.is_some()) {
        ("requested", _) | ("accepted", true) => Some(if mover == "buyer" { Party::Supplier } else { Party::Buyer }),
        _ => None,
    }
}

/// What `party` may do with the meeting now.
pub(crate) fn actions(meeting: &meeting::Model, party: Party) -> Vec<String> {
    let mut actions = Vec::new();
    let open = meeting.status == "requested" || meeting.status == "accepted";
    let answering = awaiting(meeting) == Some(party) || (party == Party::Organiser && awaiting(meeting).is_some());
    if answering {
        actions.push("accept");
        actions.push("decline");
    }
    // Organisers move a meeting by accepting it into another slot, not by proposing.
    if open && party != Party::Organiser {
        actions.push("propose");
    }
    if open {
        actions.push("cancel");
    }
    if open && matches!(party, Party::Supplier | Party::Organiser) {
        actions.push("route");
    }
    actions.into_iter().map(str::to_owned).collect()
}

/// Reference data every meeting view needs.
pub(crate) struct ViewData {
    pub settings: fair_setting::Model,
    pub slots: HashMap<Uuid, slot::Model>,
    pub tables: HashMap<Uuid, meeting_table::Model>,
    pub interpreters: HashMap<Uuid, interpreter::Model>,
    parties: HashMap<Uuid, PartyView>,
    products: HashMap<Uuid, I18nText>,
    people: HashMap<Uuid, PersonView>,
    staff: HashMap<Uuid, PersonView>,
    room_base: String,
}

impl ViewData {
    pub(crate) async fn load(state: &AppState, meetings: &[meeting::Model], room_base: String) -> ApiResult<Self> {
        let settings = settings_or_default(state.store.fair_settings().await?);
        let slots = state.store.slots().await?.into_iter().map(|s| (s.id, s)).collect();
        let tables = state.store.meeting_tables().await?.into_iter().map(|t| (t.id, t)).collect();
        let interpreters = state.store.interpreters().await?.into_iter().map(|(i, _)| (i.id, i)).collect();
        let mut organisation_ids: Vec<Uuid> = meetings.iter().flat_map(|m| [m.buyer_id, m.supplier_id]).collect();
        organisation_ids.sort();
        organisation_ids.dedup();
        let parties = state
            .store
            .organisations_with_booths(&organisation_ids)
            .await?
            .into_iter()
            .map(|(organisation, booth)| {
                let view = PartyView {
                    id: organisation.id,
                    name: organisation.name,
                    country: organisation.country,
                    slug: booth.map(|b| b.slug),
                };
                (view.id, view)
            })
            .collect();
        let mut product_ids: Vec<Uuid> = meetings.iter().flat_map(|m| m.product_ids.0.iter().copied()).collect();
        product_ids.sort();
        product_ids.dedup();
        let products =
            state.store.products_by_ids(&product_ids).await?.into_iter().map(|p| (p.id, I18nText(p.name.0))).collect();
        let user_ids: Vec<Uuid> = meetings.iter().filter_map(|m| m.buyer_user_id).collect();
        let people = state
            .store
            .users_by_ids(&user_ids)
            .await?
            .into_iter()
            .map(|u| (u.id, PersonView { id: u.id, name: u.display_name, languages: vec![u.preferred_language] }))
            .collect();
        let staff_ids: Vec<Uuid> = meetings.iter().filter_map(|m| m.supplier_staff_id).collect();
        let staff = state
            .store
            .staff_by_ids(&staff_ids)
            .await?
            .into_iter()
            .map(|m| (m.id, PersonView { id: m.id, name: m.full_name, languages: m.languages.0 }))
            .collect();
        Ok(Self { settings, slots, tables, interpreters, parties, products, people, staff, room_base })
    }

    pub(crate) fn slot(&self, id: Option<Uuid>) -> Option<SlotView> {
        id.and_then(|id| self.slots.get(&id)).map(|s| slot_view(s, zone(&self.settings)))
    }

    pub(crate) fn table(&self, id: Option<Uuid>) -> Option<TableView> {
        id.and_then(|id| self.tables.get(&id)).map(table_view)
    }

    pub(crate) fn party(&self, id: Uuid) -> PartyView {
        self.parties.get(&id).cloned().unwrap_or(PartyView {
            id,
            name: String::new(),
            country: String::new(),
            slug: None,
        })
    }

    pub(crate) fn room_url(&self, meeting: &meeting::Model) -> Option<String> {
        (meeting.mode == "online").then(|| format!("{}/rooms/{}", self.room_base.trim_end_matches('/'), meeting.id))
    }

    pub(crate) fn view(&self, meeting: &meeting::Model, party: Party, needs_interpreter: bool) -> MeetingView {
        let expired_now = meeting.status == "requested" && meeting.expires_at.is_some_and(|t| t <= Utc::now());
        let status = if expired_now { "expired".to_owned() } else { meeting.status.clone() };
        MeetingView {
            id: meeting.id,
            buyer: self.party(meeting.buyer_id),
            supplier: self.party(meeting.supplier_id),
            status,
            requested_by_side: meeting.requested_by_side.clone(),
            slot: self.slot(meeting.slot_id),
            proposed_slot: self.slot(meeting.proposed_slot_id),
            proposed_by: meeting.proposed_by.clone(),
            mode: meeting.mode.clone(),
            table: self.table(meeting.table_id),
            room_url: self.room_url(meeting),
            interpreter: meeting
                .interpreter_id
                .and_then(|id| self.interpreters.get(&id))
                .map(|person| interpreter_view(person, Vec::new())),
            interpreter_missing: needs_interpreter && meeting.interpreter_id.is_none() && meeting.status == "accepted",
            message: meeting.message.clone(),
            products: meeting
                .product_ids
                .0
                .iter()
                .filter_map(|id| self.products.get(id).map(|name| ProductRef { id: *id, name: name.clone() }))
                .collect(),
            buyer_person: meeting.buyer_user_id.and_then(|id| self.people.get(&id).cloned()),
            supplier_person: meeting.supplier_staff_id.and_then(|id| self.staff.get(&id).cloned()),
            locked: meeting.locked,
            sequence: meeting.sequence,
            expires_at: meeting.expires_at,
            cancel_reason: meeting.cancel_reason.clone(),
            fair_time_zone: self.settings.time_zone.clone(),
            actions: if expired_now { Vec::new() } else { actions(meeting, party) },
            created_at: meeting.created_at,
            updated_at: meeting.updated_at,
        }
    }
}
