//! The live service: one websocket endpoint (`GET /api/v1/live`, protocol in
//! `docs/protocol.md`) for online meeting rooms (chat stored with a per-room
//! sequence, WebRTC signalling, a lobby), virtual-booth presence, hall occupancy and
//! the organisers' live dashboard; and the REST routes around it (tickets, rooms).
//!
//! Rooms and presence work across instances: the [`hub::Hub`] delivers to this
//! instance's connections and a [`bus::Bus`] carries publications to the others
//! ([`bus::LocalBus`] for one instance, [`redis::RedisBus`] over Redis pub/sub for
//! several); presence lives in a [`presence::PresenceStore`] (in memory, or
//! [`redis::RedisPresence`]: Redis keys that expire unless their instance refreshes
//! them, so a dead instance's members disappear).

pub mod access;
pub mod bus;
mod connection;
mod dashboard;
pub mod hub;
pub mod ice;
pub mod presence;
pub mod protocol;
pub mod redis;
mod routes;
pub mod socket;

use std::sync::{Arc, Mutex};
use std::time::Instant;

use fair_http::AppState;
use fair_store::live::BoothPlace;

pub use connection::anonymous_booth_key;
pub use dashboard::run_tickers;
pub use hub::{Hub, LiveConfig};
pub use routes::{LiveShutdown, router, socket_router};

type CachedPlaces = (Instant, Arc<Vec<BoothPlace>>);

/// What the live routes need: the application's state and this instance's hub.
#[derive(Clone, Debug)]
pub struct Live {
    pub state: AppState,
    pub hub: Arc<Hub>,
    /// Origins allowed to open the websocket with the session cookie, besides the
    /// request's own (`FAIR_PUBLIC_URL`).
    pub allowed_origins: Arc<Vec<String>>,
    /// Published booths with their halls, read at most every 30 s for the figures.
    places: Arc<Mutex<Option<CachedPlaces>>>,
    /// STUN/TURN servers for the browsers' calls.
    pub ice: Arc<ice::IceConfig>,
}

impl Live {
    pub fn new(state: AppState, hub: Arc<Hub>, allowed_origins: Vec<String>) -> Self {
        Self { state, hub, allowed_origins: Arc::new(allowed_origins), places: Arc::default(), ice: Arc::default() }
    }

    /// With these ICE servers for calls.
    #[must_use]
    pub fn with_ice(mut self, ice: ice::IceConfig) -> Self {
        self.ice = Arc::new(ice);
        self
    }
}
