//! Figures computed each second for the watchers on this instance: the organisers'
//! dashboard and each watched hall's occupancy. Each instance computes them from the
//! shared presence store and database, so any instance serves any watcher. The same
//! ticker announces the departures of a dead instance's people.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, PoisonError};
use std::time::{Duration, Instant};

use chrono::Utc;
use fair_store::live::BoothPlace;
use tokio_util::sync::CancellationToken;

use crate::Live;
use crate::bus::Delivery;
use crate::connection::{announce_lobby, booth_topic, room_topic};
use crate::hub::frame_of;
use crate::protocol::{DashboardFigures, HallBooth, MeetingFigures, ServerMessage};

/// How often departures are looked for (a dead instance's people are gone within
/// the presence expiry and this).
const DEPARTURES_EVERY: u32 = 3;

/// Booth places change rarely: read them at most this often.
const PLACES_TTL: Duration = Duration::from_secs(30);

/// Publishes the dashboard and hall figures every second while anyone here watches.
pub async fn run_tickers(live: Live, stop: CancellationToken) {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut ticks = 0u32;
    let mut departing = Vec::new();
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            () = stop.cancelled() => return,
        }
        ticks = ticks.wrapping_add(1);
        if ticks.is_multiple_of(DEPARTURES_EVERY) {
            take_departures(&live, &mut departing).await;
        }
        if !departing.is_empty() {
            announce_departures(&live, &mut departing).await;
        }
        if live.hub.has_subscribers("dashboard") {
            match figures(&live).await {
                Ok(figures) => publish_local(&live, "dashboard", &ServerMessage::Dashboard { figures }),
                Err(err) => tracing::warn!(error = %err, "computing the dashboard failed"),
            }
        }
        for topic in live.hub.topics_with_prefix("hall:") {
            let hall_name = topic.trim_start_matches("hall:").to_owned();
            match hall(&live, &hall_name).await {
                Ok(message) => publish_local(&live, &topic, &message),
                Err(err) => tracing::warn!(error = %err, "computing a hall failed"),
            }
        }
    }
}

/// Departures waiting out their grace: (due, scope, key).
type Departing = Vec<(Instant, String, String)>;

/// Takes the departures the presence store gives this instance (each goes to one
/// instance only), to be announced after the grace.
async fn take_departures(live: &Live, departing: &mut Departing) {
    match live.hub.presence().departures().await {
        Ok(departed) => {
            let due = Instant::now() + live.hub.presence().departure_grace();
            departing.extend(departed.into_iter().map(|(scope, key)| (due, scope, key)));
        }
        Err(err) => tracing::warn!(error = %err, "looking for departures failed"),
    }
}

/// A dead instance's people, expired from presence, announced (on every instance)
/// as having left: booth staff see the visitor go, room members the member, hosts
/// the lobby shrink. Someone back in the scope by then (their instance was only
/// late) is not announced.
async fn announce_departures(live: &Live, departing: &mut Departing) {
    let now = Instant::now();
    let (due, waiting): (Departing, Departing) = std::mem::take(departing).into_iter().partition(|(at, ..)| *at <= now);
    *departing = waiting;
    let mut lobbies = BTreeSet::new();
    for (_, scope, key) in due {
        match live.hub.presence().contains(&scope, &key).await {
            Ok(false) => {}
            Ok(true) => continue,
            Err(err) => {
                tracing::warn!(error = %err, "checking a departure failed");
                continue;
            }
        }
        let Some((kind, id)) = scope.split_once(':') else { continue };
        let Ok(id) = uuid::Uuid::parse_str(id) else { continue };
        match kind {
            "booth" => live.hub.publish_message(&booth_topic(id), &ServerMessage::VisitorLeft { booth: id, key }),
            "room" => live.hub.publish_message(&room_topic(id), &ServerMessage::MemberLeft { room: id, member: key }),
            "lobby" => {
                lobbies.insert(id);
            }
            _ => {}
        }
        metrics::counter!("fair_live_departures_announced_total").increment(1);
    }
    for room in lobbies {
        announce_lobby(live, room).await;
    }
}

fn publish_local(live: &Live, topic: &str, message: &ServerMessage) {
    if let Some(frame) = frame_of(message) {
        live.hub.deliver_local(topic, Delivery::Frame(frame));
    }
}

/// Visitors per booth (every published booth, zero included).
async fn booths_with_visitors(live: &Live) -> anyhow::Result<Vec<(Option<String>, HallBooth)>> {
    let places = cached_places(live).await?;
    let counts = live.hub.presence().counts("booth:").await?;
    Ok(places
        .iter()
        .map(|place| {
            let visitors = counts.get(&format!("booth:{}", place.booth_id)).copied().unwrap_or(0);
            (
                place.hall.clone(),
                HallBooth {
                    booth: place.booth_id,
                    slug: place.slug.clone(),
                    name: place.name.clone(),
                    stand: place.stand.clone(),
                    visitors,
                },
            )
        })
        .collect())
}

async fn cached_places(live: &Live) -> anyhow::Result<Arc<Vec<BoothPlace>>> {
    if let Some((at, places)) = live.places.lock().unwrap_or_else(PoisonError::into_inner).as_ref()
        && at.elapsed() < PLACES_TTL
    {
        return Ok(places.clone());
    }
    let places = Arc::new(live.state.store.booth_places().await?);
    *live.places.lock().unwrap_or_else(PoisonError::into_inner) = Some((Instant::now(), places.clone()));
    Ok(places)
}

/// A hall's booths with their visitors now, by stand.
pub(crate) async fn hall(live: &Live, hall: &str) -> anyhow::Result<ServerMessage> {
    let mut booths: Vec<HallBooth> = booths_with_visitors(live)
        .await?
        .into_iter()
        .filter(|(h, _)| h.as_deref() == Some(hall))
        .map(|(_, booth)| booth)
        .collect();
    booths.sort_by(|a, b| a.stand.cmp(&b.stand).then(a.name.cmp(&b.name)));
    Ok(ServerMessage::Hall { hall: hall.to_owned(), at: Utc::now(), booths })
}

pub(crate) async fn figures(live: &Live) -> anyhow::Result<DashboardFigures> {
    let now = Utc::now();
    let site = live.hub.presence().members("site").await?;
    let mut online_by_role: BTreeMap<String, usize> = BTreeMap::new();
    let mut buyers_by_country: BTreeMap<String, usize> = BTreeMap::new();
    for (_, entry) in &site {
        *online_by_role.entry(entry.person.role.clone()).or_default() += 1;
        if entry.person.role == "buyer" {
            let country = entry.person.country.clone().unwrap_or_else(|| "??".to_owned());
            *buyers_by_country.entry(country).or_default() += 1;
        }
    }

    let booths = booths_with_visitors(live).await?;
    let mut halls: BTreeMap<String, usize> = BTreeMap::new();
    for (hall, booth) in &booths {
        if booth.visitors > 0 {
            *halls.entry(hall.clone().unwrap_or_else(|| "online".to_owned())).or_default() += booth.visitors;
        }
    }
    let mut busiest: Vec<HallBooth> = booths.into_iter().map(|(_, b)| b).filter(|b| b.visitors > 0).collect();
    busiest.sort_by(|a, b| b.visitors.cmp(&a.visitors).then(a.name.cmp(&b.name)));
    busiest.truncate(20);

    let meetings = meeting_figures(live, now).await?;
    let messages_last_minute = live.state.store.room_messages_since(now - chrono::Duration::seconds(60)).await?;
    Ok(DashboardFigures {
        at: now,
        online: site.len(),
        online_by_role,
        buyers_by_country,
        booths: busiest,
        halls,
        meetings,
        messages_last_minute,
    })
}

/// Today's (fair calendar) accepted meetings: upcoming, in progress, done, no-show.
async fn meeting_figures(live: &Live, now: chrono::DateTime<Utc>) -> anyhow::Result<MeetingFigures> {
    let day_start = now - chrono::Duration::hours(14);
    let day_end = now + chrono::Duration::hours(14);
    let meetings: Vec<_> = live
        .state
        .store
        .accepted_meetings_between(day_start, day_end)
        .await?
        .into_iter()
        .filter(|m| fair_domain::calendar::fair_date(m.starts_at) == fair_domain::calendar::fair_date(now))
        .collect();
    let ended_online: Vec<_> =
        meetings.iter().filter(|m| m.ends_at <= now && m.meeting.mode == "online").map(|m| m.meeting.id).collect();
    let attendees = live.state.store.meeting_room_attendees(&ended_online).await?;
    let mut sides: HashMap<uuid::Uuid, (bool, bool)> = HashMap::new();
    let by_id: HashMap<uuid::Uuid, &fair_store::live::TimedMeeting> =
        meetings.iter().map(|m| (m.meeting.id, m)).collect();
    for (meeting, _, organisation) in attendees {
        let Some(timed) = by_id.get(&meeting) else { continue };
        let entry = sides.entry(meeting).or_default();
        if organisation == Some(timed.meeting.buyer_id) {
            entry.0 = true;
        }
        if organisation == Some(timed.meeting.supplier_id) {
            entry.1 = true;
        }
    }
    let mut figures = MeetingFigures { scheduled_today: meetings.len(), ..MeetingFigures::default() };
    for m in &meetings {
        if now < m.starts_at {
            figures.upcoming += 1;
        } else if now < m.ends_at {
            figures.in_progress += 1;
        } else if m.meeting.mode == "online" {
            if sides.get(&m.meeting.id).is_some_and(|(buyer, supplier)| *buyer && *supplier) {
                figures.done += 1;
            } else {
                figures.no_show += 1;
            }
        } else {
            figures.ended_onsite += 1;
        }
    }
    Ok(figures)
}
