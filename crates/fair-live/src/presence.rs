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

/// Some of a scope's members (all of them when they are few) and their number.
#[derive(Debug, Default)]
pub struct Sample {
    pub members: Vec<(String, PresenceEntry)>,
    pub total: usize,
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
    /// At most `limit` members of `scope`, hosts first, and how many it has in all:
    /// what a big room's join lists without copying the whole room each time.
    fn sample<'a>(&'a self, scope: &'a str, limit: usize) -> BoxFuture<'a, anyhow::Result<Sample>> {
        Box::pin(async move {
            let mut members = self.members(scope).await?;
            let total = members.len();
            if total > limit {
                members.sort_by_key(|(_, entry)| !entry.host);
                members.truncate(limit);
            }
            Ok(Sample { members, total })
        })
    }
    /// Members whose every instance died (they expired, nobody left), as
    /// (scope, key), each given to one caller across all instances to announce.
    /// A store without expiry has none.
    fn departures(&self) -> BoxFuture<'_, anyhow::Result<Vec<(String, String)>>> {
        Box::pin(std::future::ready(Ok(Vec::new())))
    }
    /// How long a departure waits before it is announced: an instance that is alive
    /// but could not refresh for a while (Redis away) writes its people back within
    /// this, and then they are not announced as gone. Zero without expiry.
    fn departure_grace(&self) -> std::time::Duration {
        std::time::Duration::ZERO
    }
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

    fn sample<'a>(&'a self, scope: &'a str, limit: usize) -> BoxFuture<'a, anyhow::Result<Sample>> {
        let sample = {
            let scopes = self.scopes();
            let members = scopes.get(scope);
            let total = members.map_or(0, HashMap::len);
            let all = members.into_iter().flatten();
            let mut chosen: Vec<(String, PresenceEntry)> = if total <= limit {
                all.map(|(k, v)| (k.clone(), v.clone())).collect()
            } else {
                // One pass over the room, copying only what is listed: hosts, then others.
                let mut hosts = Vec::new();
                let mut others = Vec::new();
                for (key, entry) in all {
                    if entry.host {
                        hosts.push((key, entry));
                    } else if others.len() < limit {
                        others.push((key, entry));
                    }
                }
                hosts.into_iter().chain(others).take(limit).map(|(k, v)| (k.clone(), v.clone())).collect()
            };
            if total <= limit {
                chosen.sort_by(|a, b| a.0.cmp(&b.0));
            }
            Sample { members: chosen, total }
        };
        Box::pin(async move { Ok(sample) })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, host: bool) -> PresenceEntry {
        PresenceEntry {
            person: Person { user_id: None, name: name.to_owned(), role: "buyer".into(), company: None, country: None },
            host,
        }
    }

    #[tokio::test]
    async fn a_big_scope_is_sampled_hosts_first_a_small_one_listed_whole() {
        let presence = LocalPresence::default();
        for i in 0..300 {
            let host = i == 7 || i == 250;
            presence.enter("room:big", &format!("m{i:03}"), &entry(&format!("{i}"), host)).await.expect("enter");
        }
        let sample = presence.sample("room:big", 200).await.expect("sample");
        assert_eq!((sample.total, sample.members.len()), (300, 200));
        assert!(sample.members[..2].iter().all(|(_, e)| e.host), "hosts first");
        assert_eq!(sample.members.iter().filter(|(_, e)| e.host).count(), 2);

        for key in ["c", "a", "b"] {
            presence.enter("room:small", key, &entry(key, key == "b")).await.expect("enter");
        }
        let sample = presence.sample("room:small", 200).await.expect("sample");
        let keys: Vec<&str> = sample.members.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!((sample.total, keys), (3, vec!["a", "b", "c"]), "everyone, by key");
        assert_eq!(presence.sample("room:none", 200).await.expect("sample").total, 0);
    }
}
