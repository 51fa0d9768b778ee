//! ICE servers for the browsers' WebRTC calls, sent in `welcome`: STUN for finding
//! a browser's public address, TURN for relaying when no direct path exists
//! (symmetric NAT, an office firewall: common on both sides of a buyer–supplier
//! call). TURN credentials are made per user and expire: the "TURN REST API"
//! scheme that coturn implements as `use-auth-secret` (username
//! `<expiry unix time>:<user id>`, password the Base64 of HMAC-SHA1 of the username
//! under a secret shared with the TURN server), so no lasting password reaches a
//! browser.

use base64::Engine;
use chrono::{DateTime, Utc};
use hmac::{Hmac, KeyInit, Mac};
use uuid::Uuid;

use crate::protocol::IceServer;

#[derive(Clone, Default)]
pub struct IceConfig {
    /// `stun:` / `stuns:` URLs, given to everyone in a call.
    pub stun_urls: Vec<String>,
    /// `turn:` / `turns:` URLs, given with credentials to signed-in users.
    pub turn_urls: Vec<String>,
    /// The TURN server's `static-auth-secret`.
    pub turn_secret: Option<String>,
    /// How long the credentials work.
    pub turn_ttl: chrono::Duration,
}

impl std::fmt::Debug for IceConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IceConfig")
            .field("stun_urls", &self.stun_urls)
            .field("turn_urls", &self.turn_urls)
            .field("turn_secret", &self.turn_secret.as_ref().map(|_| "…"))
            .field("turn_ttl", &self.turn_ttl)
            .finish()
    }
}

impl IceConfig {
    /// The servers for `user` (none of TURN without a user: only signed-in people
    /// join calls), with TURN credentials valid from `now` for the TTL.
    pub fn servers_for(&self, user: Option<Uuid>, now: DateTime<Utc>) -> Vec<IceServer> {
        let mut servers = Vec::new();
        if !self.stun_urls.is_empty() {
            servers.push(IceServer { urls: self.stun_urls.clone(), username: None, credential: None });
        }
        if let (Some(secret), Some(user), false) = (&self.turn_secret, user, self.turn_urls.is_empty()) {
            let username = format!("{}:{user}", (now + self.turn_ttl).timestamp());
            let credential = turn_credential(secret, &username);
            servers.push(IceServer {
                urls: self.turn_urls.clone(),
                username: Some(username),
                credential: Some(credential),
            });
        }
        servers
    }
}

/// Base64 of HMAC-SHA1(`secret`, `username`): the password a TURN server with
/// `use-auth-secret` expects for `username`.
pub fn turn_credential(secret: &str, username: &str) -> String {
    // HMAC takes a key of any length.
    let mut mac = <Hmac<sha1::Sha1> as KeyInit>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(username.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// Whether `url` is an ICE server URL of `schemes` (RFC 7064/7065: `stun:host[:port]`,
/// `turn:host[:port][?transport=udp|tcp]`).
pub fn valid_url(url: &str, schemes: &[&str]) -> bool {
    let Some((scheme, rest)) = url.split_once(':') else { return false };
    schemes.contains(&scheme) && !rest.is_empty() && !rest.starts_with('/') && !rest.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turn_credentials_follow_the_turn_rest_api() {
        // Computed independently: python3 -c "import hmac,hashlib,base64;
        // print(base64.b64encode(hmac.new(b'north-secret', b'1790000000:0190b2d4-5e7a-7c2e-9f00-1234567890ab',
        // hashlib.sha1).digest()).decode())"
        assert_eq!(
            turn_credential("north-secret", "1790000000:0190b2d4-5e7a-7c2e-9f00-1234567890ab"),
            "LCqet7f018bgF2ByAExJ5G/gKM4="
        );
    }

    #[test]
    fn turn_is_given_only_to_users_and_expires() {
        let config = IceConfig {
            stun_urls: vec!["stun:stun.example.vn:3478".into()],
            turn_urls: vec!["turn:turn.example.vn:3478?transport=udp".into()],
            turn_secret: Some("s".into()),
            turn_ttl: chrono::Duration::hours(12),
        };
        let now = DateTime::from_timestamp(1_790_000_000, 0).expect("time");
        let anonymous = config.servers_for(None, now);
        assert_eq!(anonymous.len(), 1, "STUN only");
        let user = Uuid::nil();
        let servers = config.servers_for(Some(user), now);
        let turn = &servers[1];
        let username = turn.username.as_deref().expect("a username");
        assert_eq!(username, format!("{}:{user}", 1_790_000_000 + 12 * 3600));
        assert_eq!(turn.credential.as_deref(), Some(turn_credential("s", username).as_str()));
        assert!(IceConfig::default().servers_for(Some(user), now).is_empty());
    }

    #[test]
    fn urls_are_checked() {
        assert!(valid_url("stun:stun.example.vn:3478", &["stun", "stuns"]));
        assert!(valid_url("turns:turn.example.vn:5349?transport=tcp", &["turn", "turns"]));
        assert!(!valid_url("https://turn.example.vn", &["turn", "turns"]));
        assert!(!valid_url("turn:", &["turn", "turns"]));
        assert!(!valid_url("stun:a b", &["stun"]));
    }
}
