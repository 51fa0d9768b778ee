//! Who is where: scopes (`site`, `booth:<id>`, `room:<id>`, `lobby:<id>`) with their
//! members. The hub counts a member's connections on this instance (three tabs are
//! one member); a `PresenceStore` holds which instances have the member, so a member
//! is in a scope while any instance has them. [`LocalPresence`] serves one instance;
//! [`RedisPresence`](crate::redis::RedisPresence) keeps entries in Redis with an
//! expiry each instance refreshes, so a dead instance's members disappear.

use std::collections::HashMap;
use std::sync::Mutex;

use futures::future::BoxFuture;
use serde::{Deserialize, Serialize};

use crate::protocol::Person;

/// What is known of a member in a scope.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PresenceEntry {
    pub person: Person,
    /// May admit people to the room (rooms only).
    #[serde(default)]
    pub host: bool,
}

pub trait PresenceStore: Send + Sync + 'static {
    /// This instance has `key` in `scope` now. `true` when no instance had them before.
    fn enter<'a>(
        &'a self,
        scope: &'a str,
        key: &'a str,
        entry: &'a PresenceEntry,
    ) -> BoxFuture<'a, anyhow::Result<bool>>;
    /// This instance has `key` in `scope` no more. `true` when no instance has them now.
    fn leave<'a>(&'a self, scope: &'a str, key: &'a str) -> BoxFuture<'a, anyhow::Result<bool>>;
    /// Everyone in `scope`, by key (sorted by key).
    fn members<'a>(&'a self, scope: &'a str) -> BoxFuture<'a, anyhow::Result<Vec<(String, PresenceEntry)>>>;
    fn contains<'a>(&'a self, scope: &'a str, key: &'a str) -> BoxFuture<'a, anyhow::Result<bool>>;
    /// How many members each scope whose name starts with `prefix` has (scopes with none left out).
    fn counts<'a>(&'a self, prefix: &'a str) -> BoxFuture<'a, anyhow::Result<HashMap<String, usize>>>;
}

/// Presence of a single instance, in memory.
#[derive(Debug, Default)]
pub struct LocalPresence {
    scopes: Mutex<HashMap<String, HashMap<String, PresenceEntry>>>,
}

impl LocalPresence {
    fn scopes(&self) -> std::sync::MutexGuard<'_, HashMap<String, HashMap<String, PresenceEntry>>> {
        self.scopes.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl PresenceStore for LocalPresence {
    fn enter<'a>(
        &'a self,
        scope: &'a str,
        key: &'a str,
        entry: &'a PresenceEntry,
    ) -> BoxFuture<'a, anyhow::Result<bool>> {
        let fresh = self.scopes().entry(scope.to_owned()).or_default().insert(key.to_owned(), entry.clone()).is_none();
        Box::pin(async move { Ok(fresh) })
    }

    fn leave<'a>(&'a self, scope: &'a str, key: &'a str) -> BoxFuture<'a, anyhow::Result<bool>> {
        let mut scopes = self.scopes();
        let removed = scopes.get_mut(scope).is_some_and(|members| members.remove(key).is_some());
        if scopes.get(scope).is_some_and(HashMap::is_empty) {
            scopes.remove(scope);
        }
        Box::pin(async move { Ok(removed) })
    }

    fn members<'a>(&'a self, scope: &'a str) -> BoxFuture<'a, anyhow::Result<Vec<(String, PresenceEntry)>>> {
        let mut members: Vec<(String, PresenceEntry)> = self
            .scopes()
            .get(scope)
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default();
        members.sort_by(|a, b| a.0.cmp(&b.0));
        Box::pin(async move { Ok(members) })
    }

    fn contains<'a>(&'a self, scope: &'a str, key: &'a str) -> BoxFuture<'a, anyhow::Result<bool>> {
        let found = self.scopes().get(scope).is_some_and(|m| m.contains_key(key));
        Box::pin(async move { Ok(found) })
    }

    fn counts<'a>(&'a self, prefix: &'a str) -> BoxFuture<'a, anyhow::Result<HashMap<String, usize>>> {
        let counts = self
            .scopes()
            .iter()
            .filter(|(scope, members)| scope.starts_with(prefix) && !members.is_empty())
            .map(|(scope, members)| (scope.clone(), members.len()))
            .collect();
        Box::pin(async move { Ok(counts) })
    }
}
