//! The organisers' scheduler: "schedule all" makes a provisional run (who meets
//! whom, when, at which table, with which interpreter) that they inspect, edit and
//! lock, then publish as accepted meetings.
//!
//! A run sees the fair as it is: accepted meetings are locks (kept exactly), pending
//! requests and Must meet / Meet marks are asked-for pairs (kept as candidates
//! whatever their score), entries an organiser locked in the last provisional run are
//! locks too, and the last provisional run is the "previous" placement a rerun moves
//! as little as possible. The engine is `fair_matchmaking`; this module gathers its
//! input from the database and stores what it returns.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Instant;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use fair_api_types::{
    ErrorBody, PartyView, ScheduleEntryInput, ScheduleEntryView, ScheduleRunView, ScheduleStats, UnscheduledView,
};
use fair_domain::{Language, UiLanguage};
use fair_http::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult, AppState, CurrentUser, OrNotFound, RequireOrganiser};
use fair_matchmaking::build::{Attendance, BuyerEntry, FairInput, InterpreterEntry, LockEntry, SupplierEntry, build};
use fair_matchmaking::explain::unscheduled_text;
use fair_matchmaking::place::idle_gaps;
use fair_matchmaking::schedule::{ScheduleOptions, schedule};
use fair_matchmaking::score::{Buyer, Preference, Scorer};
use fair_matchmaking::{Slot, SlotSet};
use fair_search::DirectoryDoc;
use fair_store::StoreError;
use fair_store::entities::{
    IdList, fair_setting, interpreter, meeting, meeting_table, schedule_entry, schedule_run, schedule_unplaced, slot,
    sourcing_need, staff_member,
};
use fair_store::meetings::Clash;
use serde::Deserialize;
use uuid::Uuid;

use crate::context::{PreferenceBook, Rules, buyer_facts};
use crate::meetings::default_staff;
use crate::setup::{interpreter_view, settings_or_default, slot_view, table_view, zone};
use crate::today;

fn attendance(value: &str) -> Attendance {
    match value {
        "onsite" => Attendance::OnSite,
        "online" => Attendance::Online,
        _ => Attendance::Either,
    }
}

/// Everything a run reads, loaded in a few set-wise queries.
struct FairSnapshot {
    settings: fair_setting::Model,
    slots: Vec<slot::Model>,
    tables: Vec<meeting_table::Model>,
    interpreters: Vec<(interpreter::Model, Vec<Uuid>)>,
    accepted: Vec<meeting::Model>,
    requested: Vec<meeting::Model>,
}

impl FairSnapshot {
    async fn load(state: &AppState) -> ApiResult<Self> {
        let settings = settings_or_default(state.store.fair_settings().await?);
        let mut slots = state.store.slots().await?;
        slots.sort_by_key(|s| (s.starts_at, s.id));
        let mut tables: Vec<meeting_table::Model> =
            state.store.meeting_tables().await?.into_iter().filter(|t| t.active).collect();
        tables.sort_by(|a, b| a.hall.cmp(&b.hall).then(a.label.cmp(&b.label)));
        // Only interpreters of a language the engine knows (all, as the API checks).
        let interpreters = state
            .store
            .interpreters()
            .await?
            .into_iter()
            .filter(|(person, _)| person.language.parse::<Language>().is_ok())
            .collect();
        let accepted = state.store.meetings_with_status(&["accepted"]).await?;
        let requested = state.store.meetings_with_status(&["requested"]).await?;
        Ok(Self { settings, slots, tables, interpreters, accepted, requested })
    }
}

/// Indices of the fair's slots, tables and interpreters for the engine, and back.
struct Indices {
    slot: HashMap<Uuid, u32>,
    table: HashMap<Uuid, u32>,
    interpreter: HashMap<Uuid, u32>,
}

impl Indices {
    fn new(snapshot: &FairSnapshot) -> Self {
        let index = |ids: Vec<Uuid>| ids.into_iter().enumerate().map(|(i, id)| (id, i as u32)).collect();
        Self {
            slot: index(snapshot.slots.iter().map(|s| s.id).collect()),
            table: index(snapshot.tables.iter().map(|t| t.id).collect()),
            interpreter: index(snapshot.interpreters.iter().map(|(i, _)| i.id).collect()),
        }
    }
}

/// The engine's slots: day index and position within the day, by start.
fn engine_slots(snapshot: &FairSnapshot) -> Vec<Slot> {
    let mut days: Vec<Uuid> = Vec::new();
    snapshot
        .slots
        .iter()
        .map(|s| {
            let day = days.iter().position(|d| *d == s.day_id).unwrap_or_else(|| {
                days.push(s.day_id);
                days.len() - 1
            });
            Slot { day: day as u32, ordinal: s.ordinal.max(0) as u32 }
        })
        .collect()
}

fn available(slots: &[slot::Model], index: &HashMap<Uuid, u32>, unavailable: Option<&HashSet<Uuid>>) -> SlotSet {
    let mut set = SlotSet::full(slots.len() as u32);
    for id in unavailable.into_iter().flatten() {
        if let Some(&slot) = index.get(id) {
            set.remove(slot);
        }
    }
    set
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct RunQuery {
    /// Language of the reasons (`vi`, `en`, `ja`, `zh-Hant`); default the user's.
    lang: Option<String>,
    /// Only entries and unscheduled pairs of this buyer or exhibitor.
    participant: Option<Uuid>,
}

fn language_of(user: &CurrentUser, requested: Option<&str>) -> ApiResult<UiLanguage> {
    match requested {
        Some(tag) => tag.parse().map_err(|_| ApiError::InvalidQuery("lang must be vi, en, ja or zh-Hant".to_owned())),
        None => Ok(user.user.preferred_language.parse().unwrap_or_default()),
    }
}

/// Run the scheduler over the whole fair (organisers): a new provisional run that
/// replaces the last provisional one. Published meetings are kept as they are.
#[utoipa::path(
    post, path = "/api/v1/schedule/runs", operation_id = "run_scheduler", tag = "scheduler",
    params(RunQuery),
    responses(
        (status = 201, body = ScheduleRunView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, description = "No slots set up (`no_slots`) or a run in progress (`schedule_running`)", body = ErrorBody),
    )
)]
pub(crate) async fn run(
    State(state): State<AppState>,
    RequireOrganiser(user): RequireOrganiser,
    ApiQuery(query): ApiQuery<RunQuery>,
) -> ApiResult<(StatusCode, Json<ScheduleRunView>)> {
    let language = language_of(&user, query.lang.as_deref())?;
    let Ok(running) = state.scheduler.clone().try_lock_owned() else {
        return Err(ApiError::conflict("schedule_running", "a scheduler run is in progress; try again shortly"));
    };
    // The run is a task of its own holding the lock: if the client goes away (or
    // the request times out) it still finishes and stores its draft, and no second
    // run starts meanwhile.
    let created_by = user.user.id;
    let job = tokio::spawn(async move {
        let _running = running;
        run_and_store(state, created_by, language).await
    });
    let view = job.await.map_err(ApiError::internal)??;
    Ok((StatusCode::CREATED, Json(view)))
}

async fn run_and_store(state: AppState, created_by: Uuid, language: UiLanguage) -> ApiResult<ScheduleRunView> {
    let started = Instant::now();
    let snapshot = FairSnapshot::load(&state).await?;
    if snapshot.slots.is_empty() {
        return Err(ApiError::conflict("no_slots", "set the fair's days and slots up first"));
    }
    let indices = Indices::new(&snapshot);

    // Participants: every listed exhibitor, every buyer; plus suppliers of kept
    // meetings that are no longer listed.
    let index = state.directory.current();
    let mut docs: Vec<Arc<DirectoryDoc>> = index.docs().cloned().collect();
    let listed: HashSet<Uuid> = docs.iter().map(|d| d.id).collect();
    let mut unlisted: Vec<Uuid> =
        snapshot.accepted.iter().map(|m| m.supplier_id).filter(|id| !listed.contains(id)).collect();
    unlisted.sort();
    unlisted.dedup();
    for id in unlisted {
        docs.push(crate::context::supplier_doc(&state, id).await?);
    }
    let organisations = state.store.buyers(None, 1_000_000, None).await?;
    let needs = state.store.all_open_needs().await?;
    let mut needs_by_buyer: HashMap<Uuid, Vec<sourcing_need::Model>> = HashMap::new();
    for need in needs {
        needs_by_buyer.entry(need.organisation_id).or_default().push(need);
    }
    let buyers: Vec<Buyer> = organisations
        .iter()
        .map(|o| buyer_facts(o, needs_by_buyer.get(&o.id).map_or(&[][..], Vec::as_slice)))
        .collect();
    let buyer_ids: HashSet<Uuid> = buyers.iter().map(|b| b.id).collect();

    // Preferences, with a pending request counting as its sender's "Meet".
    let mut book = PreferenceBook::new(&state.store.all_preferences().await?, &buyer_ids);
    for request in &snapshot.requested {
        book.ask(request.buyer_id, request.supplier_id, &request.requested_by_side);
    }
    let rules = Rules::new(state.store.meeting_rules().await?);

    let settings_rows = state.store.participant_settings().await?;
    let own: HashMap<Uuid, _> = settings_rows.into_iter().map(|s| (s.organisation_id, s)).collect();
    let mut unavailable: HashMap<Uuid, HashSet<Uuid>> = HashMap::new();
    for row in state.store.unavailable_slots().await? {
        unavailable.entry(row.organisation_id).or_default().insert(row.slot_id);
    }
    let fair = &snapshot.settings;
    let targets = |id: Uuid, min: i32, max: i32| {
        let own = own.get(&id);
        let min = own.and_then(|s| s.min_meetings).unwrap_or(min).max(0) as u32;
        let max = own.and_then(|s| s.max_meetings).unwrap_or(max).max(0) as u32;
        let attendance = own.map_or(Attendance::Either, |s| attendance(&s.attendance));
        (min.min(max), max, attendance)
    };
    let suppliers: Vec<SupplierEntry> = docs
        .iter()
        .map(|doc| {
            let (min, max, attendance) = targets(doc.id, fair.supplier_min_meetings, fair.supplier_max_meetings);
            SupplierEntry {
                doc: doc.clone(),
                min_meetings: min,
                max_meetings: max,
                available: available(&snapshot.slots, &indices.slot, unavailable.get(&doc.id)),
                attendance,
            }
        })
        .collect();
    let buyer_entries: Vec<BuyerEntry> = buyers
        .iter()
        .map(|buyer| {
            let (min, max, attendance) = targets(buyer.id, fair.buyer_min_meetings, fair.buyer_max_meetings);
            BuyerEntry {
                buyer: buyer.clone(),
                min_meetings: min,
                max_meetings: max,
                available: available(&snapshot.slots, &indices.slot, unavailable.get(&buyer.id)),
                attendance,
            }
        })
        .collect();
    let interpreters: Vec<InterpreterEntry> = snapshot
        .interpreters
        .iter()
        .filter_map(|(person, slots)| {
            let language: Language = person.language.parse().ok()?;
            let mut set = SlotSet::empty(snapshot.slots.len() as u32);
            for id in slots {
                if let Some(&slot) = indices.slot.get(id) {
                    set.insert(slot);
                }
            }
            Some(InterpreterEntry { key: person.id.to_string(), language, available: set })
        })
        .collect();

    // Locks: accepted meetings exactly as they are, then entries an organiser locked
    // in the last provisional run (unless they clash with an accepted meeting).
    let latest = state.store.latest_schedule_run().await?.filter(|r| r.state == "provisional");
    let previous_entries = match &latest {
        Some(run) => state.store.schedule_entries(run.id).await?,
        None => Vec::new(),
    };
    let mut locks: Vec<LockEntry> = Vec::new();
    let mut lock_meeting: HashMap<(Uuid, Uuid), Uuid> = HashMap::new();
    let mut busy: HashSet<(Uuid, u32)> = HashSet::new();
    for meeting in &snapshot.accepted {
        let Some(&slot) = meeting.slot_id.as_ref().and_then(|id| indices.slot.get(id)) else { continue };
        busy.insert((meeting.buyer_id, slot));
        busy.insert((meeting.supplier_id, slot));
        lock_meeting.insert((meeting.buyer_id, meeting.supplier_id), meeting.id);
        locks.push(LockEntry {
            buyer: meeting.buyer_id,
            supplier: meeting.supplier_id,
            slot,
            table: meeting.table_id.and_then(|id| indices.table.get(&id).copied()),
            interpreter: meeting.interpreter_id.and_then(|id| indices.interpreter.get(&id).copied()),
        });
    }
    for entry in previous_entries.iter().filter(|e| e.locked && e.meeting_id.is_none()) {
        let Some(&slot) = indices.slot.get(&entry.slot_id) else { continue };
        if lock_meeting.contains_key(&(entry.buyer_id, entry.supplier_id))
            || busy.contains(&(entry.buyer_id, slot))
            || busy.contains(&(entry.supplier_id, slot))
        {
            continue;
        }
        busy.insert((entry.buyer_id, slot));
        busy.insert((entry.supplier_id, slot));
        locks.push(LockEntry {
            buyer: entry.buyer_id,
            supplier: entry.supplier_id,
            slot,
            table: entry.table_id.and_then(|id| indices.table.get(&id).copied()),
            interpreter: entry.interpreter_id.and_then(|id| indices.interpreter.get(&id).copied()),
        });
    }
    let previous: Vec<(Uuid, Uuid, u32)> = previous_entries
        .iter()
        .filter_map(|e| Some((e.buyer_id, e.supplier_id, *indices.slot.get(&e.slot_id)?)))
        .collect();

    let engine_slots = engine_slots(&snapshot);
    let table_count = snapshot.tables.len() as u32;
    let interpreter_languages: Vec<Language> = {
        let mut languages: Vec<Language> = interpreters.iter().map(|i| i.language).collect();
        languages.sort();
        languages.dedup();
        languages
    };
    let today = today();
    let asked_pairs: Vec<(Uuid, Uuid)> = book.asked_pairs();

    // Scoring and scheduling are CPU work: off the async threads.
    let index_for_run = index.clone();
    let computed = tokio::task::spawn_blocking(move || {
        let scorer = Scorer { index: &index_for_run, today, interpreter_languages: &interpreter_languages };
        let preferences = |buyer: Uuid, supplier: Uuid| book.get(buyer, supplier);
        let allowed = |buyer: &Buyer, doc: &DirectoryDoc| rules.allow(buyer, doc);
        let input = FairInput {
            slots: engine_slots,
            tables: table_count,
            suppliers,
            buyers: buyer_entries,
            interpreters,
            preferences: &preferences,
            allowed: &allowed,
            locks,
            previous,
        };
        let built = build(&input, &scorer, &mut |_, _| {});
        // The same options as `fair schedule`: reruns keep what they can.
        let options = ScheduleOptions::stable();
        let result = schedule(&built.problem, &options, &mut |_| {});
        // Why each asked-for pair has no meeting.
        let candidate_of: HashMap<(Uuid, Uuid), usize> =
            built.scores.iter().enumerate().map(|(i, s)| ((s.buyer, s.supplier), i)).collect();
        let left_out: HashMap<u32, &'static str> = result.left_out.iter().map(|(c, r)| (*c, r.code())).collect();
        let vetoed: HashMap<(Uuid, Uuid), String> =
            built.vetoed.iter().filter_map(|s| Some(((s.buyer, s.supplier), s.veto.as_ref()?.code()))).collect();
        let buyers_by_id: HashMap<Uuid, &BuyerEntry> = input.buyers.iter().map(|b| (b.buyer.id, b)).collect();
        let suppliers_by_id: HashMap<Uuid, &SupplierEntry> = input.suppliers.iter().map(|s| (s.doc.id, s)).collect();
        let mut unscheduled: Vec<(Uuid, Uuid, String)> = Vec::new();
        for (buyer, supplier) in asked_pairs {
            let (Some(buyer_entry), Some(supplier_entry)) = (buyers_by_id.get(&buyer), suppliers_by_id.get(&supplier))
            else {
                continue;
            };
            let reason = if let Some(&candidate) = candidate_of.get(&(buyer, supplier)) {
                match left_out.get(&(candidate as u32)) {
                    Some(code) => (*code).to_owned(),
                    None => continue,
                }
            } else if let Some(veto) = vetoed.get(&(buyer, supplier)) {
                veto.clone()
            } else if !(input.allowed)(&buyer_entry.buyer, &supplier_entry.doc) {
                "rule".to_owned()
            } else {
                continue;
            };
            unscheduled.push((buyer, supplier, reason));
        }
        let gaps = idle_gaps(&built.problem, &result.meetings);
        (built, result, unscheduled, gaps)
    })
    .await
    .map_err(ApiError::internal)?;
    let (built, result, unscheduled, gaps) = computed;

    // Store the run.
    let run_id = Uuid::now_v7();
    let problem = &built.problem;
    let buyer_of = |index: u32| -> Uuid { buyers[index as usize].id };
    let supplier_of = |index: u32| -> Uuid { docs[index as usize].id };
    let slot_ids: Vec<Uuid> = snapshot.slots.iter().map(|s| s.id).collect();
    let table_ids: Vec<Uuid> = snapshot.tables.iter().map(|t| t.id).collect();
    let interpreter_ids: Vec<Uuid> = snapshot.interpreters.iter().map(|(i, _)| i.id).collect();
    let previous_slot: HashMap<(Uuid, Uuid), Uuid> =
        previous_entries.iter().map(|e| ((e.buyer_id, e.supplier_id), e.slot_id)).collect();
    let mut entries = Vec::with_capacity(result.meetings.len());
    let mut kept = 0u64;
    for meeting in &result.meetings {
        let candidate = &problem.candidates[meeting.candidate as usize];
        let (buyer, supplier) = (buyer_of(candidate.buyer), supplier_of(candidate.supplier));
        let slot_id = slot_ids[meeting.slot as usize];
        let meeting_id = lock_meeting.get(&(buyer, supplier)).copied();
        if meeting.locked || previous_slot.get(&(buyer, supplier)) == Some(&slot_id) {
            kept += 1;
        }
        entries.push(schedule_entry::Model {
            id: Uuid::now_v7(),
            run_id,
            buyer_id: buyer,
            supplier_id: supplier,
            slot_id,
            table_id: meeting.table.map(|t| table_ids[t as usize]),
            interpreter_id: meeting.interpreter.map(|i| interpreter_ids[i as usize]),
            meeting_id,
            locked: meeting.locked,
            score: built.scores[meeting.candidate as usize].total,
        });
    }
    let mut buyer_load: HashMap<u32, u32> = HashMap::new();
    for meeting in &result.meetings {
        *buyer_load.entry(problem.candidates[meeting.candidate as usize].buyer).or_default() += 1;
    }
    let mutual: Vec<usize> =
        problem.candidates.iter().enumerate().filter(|(_, c)| c.mutual_must).map(|(i, _)| i).collect();
    let met: HashSet<u32> = result.meetings.iter().map(|m| m.candidate).collect();
    let stats = ScheduleStats {
        meetings: result.meetings.len() as u64,
        kept,
        moved: u64::from(result.moved),
        candidates: problem.candidates.len() as u64,
        mutual_must: mutual.len() as u64,
        mutual_must_met: mutual.iter().filter(|&&c| met.contains(&(c as u32))).count() as u64,
        buyers: problem.buyers.len() as u64,
        buyers_at_minimum: problem
            .buyers
            .iter()
            .enumerate()
            .filter(|(i, b)| buyer_load.get(&(*i as u32)).copied().unwrap_or(0) >= b.min_meetings)
            .count() as u64,
        buyers_without_meeting: (0..problem.buyers.len() as u32).filter(|b| !buyer_load.contains_key(b)).count() as u64,
        idle_gaps: u64::from(gaps),
        objective: result.objective.to_string(),
        elapsed_ms: started.elapsed().as_millis() as u64,
    };
    let unplaced: Vec<schedule_unplaced::Model> = unscheduled
        .into_iter()
        .map(|(buyer, supplier, reason)| schedule_unplaced::Model {
            id: Uuid::now_v7(),
            run_id,
            buyer_id: buyer,
            supplier_id: supplier,
            reason,
        })
        .collect();
    let run = schedule_run::Model {
        id: run_id,
        state: "provisional".to_owned(),
        created_by: Some(created_by),
        created_at: Utc::now(),
        published_at: None,
        stats: serde_json::to_value(&stats).map_err(ApiError::internal)?,
    };
    state.store.insert_schedule_run(run.clone(), entries.clone(), unplaced.clone()).await?;
    tracing::info!(
        run = %run_id, meetings = stats.meetings, moved = stats.moved, elapsed_ms = stats.elapsed_ms,
        "scheduler run stored"
    );
    metrics::counter!("fair_scheduler_runs_total").increment(1);
    run_view(&state, &snapshot, run, entries, unplaced, language, None).await
}

/// A run as the organisers see it.
async fn run_view(
    state: &AppState,
    snapshot: &FairSnapshot,
    run: schedule_run::Model,
    entries: Vec<schedule_entry::Model>,
    unplaced: Vec<schedule_unplaced::Model>,
    language: UiLanguage,
    participant: Option<Uuid>,
) -> ApiResult<ScheduleRunView> {
    let mut stats: ScheduleStats = serde_json::from_value(run.stats.clone()).map_err(ApiError::internal)?;
    // Hand edits change the count; the other figures are the run's.
    stats.meetings = entries.len() as u64;
    let involves = |buyer: Uuid, supplier: Uuid| participant.is_none_or(|p| p == buyer || p == supplier);
    let entries: Vec<schedule_entry::Model> =
        entries.into_iter().filter(|e| involves(e.buyer_id, e.supplier_id)).collect();
    let unplaced: Vec<schedule_unplaced::Model> =
        unplaced.into_iter().filter(|u| involves(u.buyer_id, u.supplier_id)).collect();
    let mut ids: Vec<Uuid> = entries
        .iter()
        .flat_map(|e| [e.buyer_id, e.supplier_id])
        .chain(unplaced.iter().flat_map(|u| [u.buyer_id, u.supplier_id]))
        .collect();
    ids.sort();
    ids.dedup();
    let parties: HashMap<Uuid, PartyView> = state
        .store
        .organisations_with_booths(&ids)
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
    let party = |id: Uuid| {
        parties.get(&id).cloned().unwrap_or(PartyView { id, name: String::new(), country: String::new(), slug: None })
    };
    let fair_zone = zone(&snapshot.settings);
    let slots: HashMap<Uuid, &slot::Model> = snapshot.slots.iter().map(|s| (s.id, s)).collect();
    let all_tables = state.store.meeting_tables().await?;
    let tables: HashMap<Uuid, &meeting_table::Model> = all_tables.iter().map(|t| (t.id, t)).collect();
    let interpreters: HashMap<Uuid, &interpreter::Model> =
        snapshot.interpreters.iter().map(|(i, _)| (i.id, i)).collect();
    let mut entry_views: Vec<ScheduleEntryView> = entries
        .iter()
        .filter_map(|e| {
            Some(ScheduleEntryView {
                id: e.id,
                buyer: party(e.buyer_id),
                supplier: party(e.supplier_id),
                slot: slot_view(slots.get(&e.slot_id)?, fair_zone),
                table: e.table_id.and_then(|id| tables.get(&id)).map(|t| table_view(t)),
                interpreter: e
                    .interpreter_id
                    .and_then(|id| interpreters.get(&id))
                    .map(|p| interpreter_view(p, Vec::new())),
                locked: e.locked,
                score: e.score,
                meeting_id: e.meeting_id,
            })
        })
        .collect();
    entry_views.sort_by(|a, b| a.slot.starts_at.cmp(&b.slot.starts_at).then(a.buyer.name.cmp(&b.buyer.name)));
    let unscheduled = unplaced
        .iter()
        .map(|u| UnscheduledView {
            buyer: party(u.buyer_id),
            supplier: party(u.supplier_id),
            reason: u.reason.split(':').next().unwrap_or_default().to_owned(),
            text: unscheduled_text(&u.reason, language),
        })
        .collect();
    Ok(ScheduleRunView {
        id: run.id,
        state: run.state,
        created_at: run.created_at,
        published_at: run.published_at,
        stats,
        entries: entry_views,
        unscheduled,
    })
}

async fn view_of_run(
    state: &AppState,
    run: schedule_run::Model,
    language: UiLanguage,
    participant: Option<Uuid>,
) -> ApiResult<ScheduleRunView> {
    let snapshot = FairSnapshot::load(state).await?;
    let entries = state.store.schedule_entries(run.id).await?;
    let unplaced = state.store.schedule_unplaced(run.id).await?;
    run_view(state, &snapshot, run, entries, unplaced, language, participant).await
}

/// The latest run, provisional or published (organisers).
#[utoipa::path(
    get, path = "/api/v1/schedule/runs/latest", operation_id = "latest_schedule_run", tag = "scheduler",
    params(RunQuery),
    responses(
        (status = 200, body = ScheduleRunView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, description = "No run yet", body = ErrorBody),
    )
)]
pub(crate) async fn latest(
    State(state): State<AppState>,
    RequireOrganiser(user): RequireOrganiser,
    ApiQuery(query): ApiQuery<RunQuery>,
) -> ApiResult<Json<ScheduleRunView>> {
    let language = language_of(&user, query.lang.as_deref())?;
    let run = state.store.latest_schedule_run().await?.ok_or(ApiError::NotFound("schedule run"))?;
    Ok(Json(view_of_run(&state, run, language, query.participant).await?))
}

/// One run (organisers).
#[utoipa::path(
    get, path = "/api/v1/schedule/runs/{id}", operation_id = "get_schedule_run", tag = "scheduler",
    params(("id" = Uuid, Path), RunQuery),
    responses(
        (status = 200, body = ScheduleRunView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
    )
)]
pub(crate) async fn show(
    State(state): State<AppState>,
    RequireOrganiser(user): RequireOrganiser,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(query): ApiQuery<RunQuery>,
) -> ApiResult<Json<ScheduleRunView>> {
    let language = language_of(&user, query.lang.as_deref())?;
    let run = state.store.schedule_run(id).await.or_not_found("schedule run")?;
    Ok(Json(view_of_run(&state, run, language, query.participant).await?))
}

async fn provisional_entry(
    state: &AppState,
    run: Uuid,
    entry: Uuid,
) -> ApiResult<(schedule_run::Model, schedule_entry::Model)> {
    let run = state.store.schedule_run(run).await.or_not_found("schedule run")?;
    let entry = state.store.schedule_entry(entry).await.or_not_found("schedule entry")?;
    if entry.run_id != run.id {
        return Err(ApiError::NotFound("schedule entry"));
    }
    if run.state != "provisional" {
        return Err(ApiError::conflict("run_not_provisional", "only a provisional run can be changed"));
    }
    Ok((run, entry))
}

fn entry_clash(err: StoreError) -> ApiError {
    match Clash::of(&err) {
        Some(Clash::BuyerBusy) => ApiError::conflict("buyer_busy", "the buyer already meets someone in this slot"),
        Some(Clash::SupplierBusy) => {
            ApiError::conflict("supplier_busy", "the supplier already meets someone in this slot")
        }
        Some(Clash::TableTaken) => ApiError::conflict("table_taken", "the table is taken in this slot"),
        Some(Clash::InterpreterTaken) => {
            ApiError::conflict("interpreter_busy", "the interpreter is booked in this slot")
        }
        _ => err.into(),
    }
}

/// Move, re-seat or (un)lock one meeting of a provisional run (organisers). Locked
/// entries are kept by reruns.
#[utoipa::path(
    put, path = "/api/v1/schedule/runs/{run}/entries/{entry}", operation_id = "edit_schedule_entry", tag = "scheduler",
    params(("run" = Uuid, Path), ("entry" = Uuid, Path), RunQuery),
    request_body = ScheduleEntryInput,
    responses(
        (status = 200, body = ScheduleEntryView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "`run_not_provisional`, `buyer_busy`, `supplier_busy`, `table_taken`, \
            `interpreter_busy`, `buyer_unavailable`, `supplier_unavailable`, `interpreter_unavailable`", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn edit_entry(
    State(state): State<AppState>,
    RequireOrganiser(_user): RequireOrganiser,
    ApiPath((run_id, entry_id)): ApiPath<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<ScheduleEntryInput>,
) -> ApiResult<Json<ScheduleEntryView>> {
    let (_, mut entry) = provisional_entry(&state, run_id, entry_id).await?;
    let snapshot = FairSnapshot::load(&state).await?;
    let slot = snapshot
        .slots
        .iter()
        .find(|s| s.id == body.slot_id)
        .ok_or_else(|| ApiError::field("slot_id", "unknown", "not a slot of the fair"))?;
    if let Some(table) = body.table_id
        && !snapshot.tables.iter().any(|t| t.id == table)
    {
        return Err(ApiError::field("table_id", "unknown", "not an active table of the fair"));
    }
    if let Some(person) = body.interpreter_id {
        let (_, slots) = snapshot
            .interpreters
            .iter()
            .find(|(i, _)| i.id == person)
            .ok_or_else(|| ApiError::field("interpreter_id", "unknown", "not an interpreter of the fair"))?;
        if !slots.contains(&slot.id) {
            return Err(ApiError::conflict("interpreter_unavailable", "the interpreter does not work in this slot"));
        }
    }
    for (organisation, code, message) in [
        (entry.buyer_id, "buyer_unavailable", "the buyer cannot meet in this slot"),
        (entry.supplier_id, "supplier_unavailable", "the supplier cannot meet in this slot"),
    ] {
        if state.store.unavailable_slots_of(organisation).await?.contains(&slot.id) {
            return Err(ApiError::conflict(code, message));
        }
    }
    // Meetings accepted since the run are not in it: check them here (the
    // database checks them again at publication).
    for other in state.store.accepted_in_slot(slot.id).await? {
        if Some(other.id) == entry.meeting_id {
            continue;
        }
        if other.buyer_id == entry.buyer_id {
            return Err(entry_clash(StoreError::Conflict { constraint: "buyer_slot".to_owned() }));
        }
        if other.supplier_id == entry.supplier_id {
            return Err(entry_clash(StoreError::Conflict { constraint: "supplier_slot".to_owned() }));
        }
        if body.table_id.is_some() && other.table_id == body.table_id {
            return Err(entry_clash(StoreError::Conflict { constraint: "table_slot".to_owned() }));
        }
        if body.interpreter_id.is_some() && other.interpreter_id == body.interpreter_id {
            return Err(entry_clash(StoreError::Conflict { constraint: "interpreter_slot".to_owned() }));
        }
    }
    entry.slot_id = slot.id;
    entry.table_id = body.table_id;
    entry.interpreter_id = body.interpreter_id;
    entry.locked = body.locked;
    let saved = state.store.update_schedule_entry(entry).await.map_err(entry_clash)?;
    let parties = state.store.organisations_with_booths(&[saved.buyer_id, saved.supplier_id]).await?;
    let party = |id: Uuid| {
        parties
            .iter()
            .find(|(o, _)| o.id == id)
            .map(|(o, booth)| PartyView {
                id,
                name: o.name.clone(),
                country: o.country.clone(),
                slug: booth.as_ref().map(|b| b.slug.clone()),
            })
            .unwrap_or(PartyView { id, name: String::new(), country: String::new(), slug: None })
    };
    Ok(Json(ScheduleEntryView {
        id: saved.id,
        buyer: party(saved.buyer_id),
        supplier: party(saved.supplier_id),
        slot: slot_view(slot, zone(&snapshot.settings)),
        table: saved.table_id.and_then(|id| snapshot.tables.iter().find(|t| t.id == id)).map(table_view),
        interpreter: saved
            .interpreter_id
            .and_then(|id| snapshot.interpreters.iter().find(|(i, _)| i.id == id))
            .map(|(person, _)| interpreter_view(person, Vec::new())),
        locked: saved.locked,
        score: saved.score,
        meeting_id: saved.meeting_id,
    }))
}

/// Take a meeting out of a provisional run (organisers). An entry that is already an
/// accepted meeting cannot be removed here: cancel the meeting instead.
#[utoipa::path(
    delete, path = "/api/v1/schedule/runs/{run}/entries/{entry}", operation_id = "remove_schedule_entry",
    tag = "scheduler",
    params(("run" = Uuid, Path), ("entry" = Uuid, Path)),
    responses(
        (status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "`run_not_provisional` or `accepted_meeting`", body = ErrorBody),
    )
)]
pub(crate) async fn remove_entry(
    State(state): State<AppState>,
    RequireOrganiser(_user): RequireOrganiser,
    ApiPath((run_id, entry_id)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<StatusCode> {
    let (_, entry) = provisional_entry(&state, run_id, entry_id).await?;
    if entry.meeting_id.is_some() {
        return Err(ApiError::conflict("accepted_meeting", "this is an accepted meeting; cancel the meeting instead"));
    }
    state.store.delete_schedule_entry(entry.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Publish a provisional run (organisers): in one transaction every new entry
/// becomes an accepted meeting (a pending request between the pair is accepted in
/// the entry's slot), moved meetings move. If anyone booked a clashing meeting since
/// the run, nothing is published (`schedule_stale`): run again.
#[utoipa::path(
    post, path = "/api/v1/schedule/runs/{run}/publish", operation_id = "publish_schedule_run", tag = "scheduler",
    params(("run" = Uuid, Path), RunQuery),
    responses(
        (status = 200, body = ScheduleRunView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "`run_not_provisional` or `schedule_stale`", body = ErrorBody),
    )
)]
pub(crate) async fn publish(
    State(state): State<AppState>,
    RequireOrganiser(user): RequireOrganiser,
    ApiPath(run_id): ApiPath<Uuid>,
    ApiQuery(query): ApiQuery<RunQuery>,
) -> ApiResult<Json<ScheduleRunView>> {
    let language = language_of(&user, query.lang.as_deref())?;
    let run = state.store.schedule_run(run_id).await.or_not_found("schedule run")?;
    if run.state != "provisional" {
        return Err(ApiError::conflict("run_not_provisional", "this run is already published or replaced"));
    }
    let entries = state.store.schedule_entries(run.id).await?;
    let now = Utc::now();
    let mut open: HashMap<(Uuid, Uuid), meeting::Model> = HashMap::new();
    for meeting in state.store.meetings_with_status(&["requested", "accepted"]).await? {
        open.insert((meeting.buyer_id, meeting.supplier_id), meeting);
    }
    // The staff member who takes each new meeting: one speaking the buyer's language.
    let mut suppliers: Vec<Uuid> = entries.iter().map(|e| e.supplier_id).collect();
    suppliers.sort();
    suppliers.dedup();
    let staff = state.store.staff_of_organisations(&suppliers).await?;
    let mut buyer_ids: Vec<Uuid> = entries.iter().map(|e| e.buyer_id).collect();
    buyer_ids.sort();
    buyer_ids.dedup();
    let buyer_languages: HashMap<Uuid, Vec<String>> = state
        .store
        .organisations_with_booths(&buyer_ids)
        .await?
        .into_iter()
        .map(|(o, _)| (o.id, o.languages.0))
        .collect();
    let mut staff_by_supplier: HashMap<Uuid, Vec<staff_member::Model>> = HashMap::new();
    for member in staff {
        staff_by_supplier.entry(member.organisation_id).or_default().push(member);
    }
    let staff_for = |supplier: Uuid, buyer: Uuid| {
        default_staff(
            staff_by_supplier.get(&supplier).map_or(&[][..], Vec::as_slice),
            buyer_languages.get(&buyer).map_or(&[][..], Vec::as_slice),
        )
    };

    let mut new_meetings = Vec::new();
    let mut changed = Vec::new();
    for entry in &entries {
        let mode = if entry.table_id.is_some() { "onsite" } else { "online" };
        match open.get(&(entry.buyer_id, entry.supplier_id)) {
            Some(existing) => {
                let same = existing.status == "accepted"
                    && existing.slot_id == Some(entry.slot_id)
                    && existing.table_id == entry.table_id
                    && existing.interpreter_id == entry.interpreter_id;
                if same && existing.locked == entry.locked {
                    continue;
                }
                let mut meeting = existing.clone();
                if !same {
                    meeting.slot_id = Some(entry.slot_id);
                    meeting.table_id = entry.table_id;
                    meeting.interpreter_id = entry.interpreter_id;
                    meeting.mode = mode.to_owned();
                    meeting.status = "accepted".to_owned();
                    meeting.proposed_slot_id = None;
                    meeting.proposed_by = None;
                    meeting.expires_at = None;
                    meeting.sequence += 1;
                }
                meeting.locked = entry.locked;
                meeting.updated_at = now;
                changed.push(meeting);
            }
            None => new_meetings.push(meeting::Model {
                id: Uuid::now_v7(),
                buyer_id: entry.buyer_id,
                supplier_id: entry.supplier_id,
                requested_by_side: "organiser".to_owned(),
                requested_by: Some(user.user.id),
                buyer_user_id: None,
                supplier_staff_id: staff_for(entry.supplier_id, entry.buyer_id),
                status: "accepted".to_owned(),
                slot_id: Some(entry.slot_id),
                proposed_slot_id: None,
                proposed_by: None,
                mode: mode.to_owned(),
                table_id: entry.table_id,
                interpreter_id: entry.interpreter_id,
                message: None,
                product_ids: IdList(Vec::new()),
                origin: "scheduler".to_owned(),
                locked: entry.locked,
                sequence: 0,
                expires_at: None,
                cancel_reason: None,
                created_at: now,
                updated_at: now,
            }),
        }
    }
    let (created, moved) = (new_meetings.len(), changed.len());
    state.store.publish_schedule_run(run.id, new_meetings, changed, now).await.map_err(|err| match err {
        StoreError::Precondition(_) => {
            ApiError::conflict("run_not_provisional", "this run is already published or replaced")
        }
        err if Clash::of(&err).is_some() => ApiError::conflict(
            "schedule_stale",
            "someone booked a clashing meeting since this run; run the scheduler again",
        ),
        err => err.into(),
    })?;
    tracing::info!(run = %run.id, created, moved, "schedule published");
    metrics::counter!("fair_scheduler_publications_total").increment(1);
    let run = state.store.schedule_run(run.id).await?;
    Ok(Json(view_of_run(&state, run, language, query.participant).await?))
}

impl PreferenceBook {
    /// A pending request counts as its sender's "Meet" unless they said more.
    pub(crate) fn ask(&mut self, buyer: Uuid, supplier: Uuid, side: &str) {
        let entry = self.entry(buyer, supplier);
        let slot = if side == "supplier" { &mut entry.supplier } else { &mut entry.buyer };
        if slot.is_none() {
            *slot = Some(Preference::Meet);
        }
    }
}
