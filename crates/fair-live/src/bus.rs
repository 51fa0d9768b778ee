//! How instances hear each other. The hub delivers every publication to its own
//! connections first; a `Bus` carries it to the other instances, which deliver it to
//! theirs. [`LocalBus`] is the embedded default (one instance: nothing to carry);
//! [`RedisBus`](crate::redis::RedisBus) carries it over Redis pub/sub.

use bytes::Bytes;
use futures::future::BoxFuture;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::socket::Frame;

/// What a connection receives from the hub: a frame serialized once and shared by
/// every recipient, or a control message for the connection itself.
#[derive(Clone, Debug)]
pub enum Delivery {
    Frame(Frame),
    /// A chat frame: the connection skips sequence numbers it has already sent (the
    /// history it read on joining may overlap what arrives live).
    Chat {
        room: Uuid,
        seq: i64,
        frame: Frame,
    },
    /// A host let this (waiting) connection into the room.
    Admitted {
        room: Uuid,
    },
    /// A host turned this (waiting) connection away.
    Rejected {
        room: Uuid,
    },
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "k", rename_all = "snake_case")]
enum Header {
    Frame,
    Chat { room: Uuid, seq: i64 },
    Admitted { room: Uuid },
    Rejected { room: Uuid },
}

impl Delivery {
    /// Wire form between instances: `origin`, a JSON header and the frame, each
    /// after a newline (the frame is last, so it may contain newlines).
    pub fn encode(&self, origin: &str) -> Vec<u8> {
        let (header, frame) = match self {
            Self::Frame(frame) => (Header::Frame, Some(frame)),
            Self::Chat { room, seq, frame } => (Header::Chat { room: *room, seq: *seq }, Some(frame)),
            Self::Admitted { room } => (Header::Admitted { room: *room }, None),
            Self::Rejected { room } => (Header::Rejected { room: *room }, None),
        };
        let header = serde_json::to_string(&header).unwrap_or_default();
        let frame = frame.map_or(&[][..], Frame::payload);
        let mut out = Vec::with_capacity(origin.len() + header.len() + frame.len() + 2);
        out.extend_from_slice(origin.as_bytes());
        out.push(b'\n');
        out.extend_from_slice(header.as_bytes());
        out.push(b'\n');
        out.extend_from_slice(frame);
        out
    }

    /// The origin instance and the delivery, or `None` for bytes not made by `encode`.
    pub fn decode(bytes: Bytes) -> Option<(String, Self)> {
        let first = bytes.iter().position(|&b| b == b'\n')?;
        let second = first + 1 + bytes[first + 1..].iter().position(|&b| b == b'\n')?;
        let origin = std::str::from_utf8(&bytes[..first]).ok()?.to_owned();
        let header: Header = serde_json::from_slice(&bytes[first + 1..second]).ok()?;
        let frame = || std::str::from_utf8(&bytes[second + 1..]).ok().map(Frame::text);
        let delivery = match header {
            Header::Frame => Self::Frame(frame()?),
            Header::Chat { room, seq } => Self::Chat { room, seq, frame: frame()? },
            Header::Admitted { room } => Self::Admitted { room },
            Header::Rejected { room } => Self::Rejected { room },
        };
        Some((origin, delivery))
    }
}

/// Carries publications to the other instances.
///
/// Topics are strings such as `room:<id>`, `booth:<id>`, `user:<id>` and
/// `conn:<instance>.<n>` (one connection). The hub calls `subscribe` when its first
/// local connection takes an interest in a topic and `unsubscribe` after the last;
/// an implementation hands what arrives for those topics, and for
/// `conn:<this instance>.*`, to the hub (`Hub::deliver_local`), skipping what this
/// instance sent itself. None of these may block: `publish` drops (and counts)
/// rather than wait.
pub trait Bus: Send + Sync + 'static {
    fn publish(&self, topic: &str, delivery: &Delivery);
    fn subscribe(&self, topic: &str);
    fn unsubscribe(&self, topic: &str);
    /// Resolves once what the other instances publish on `topic` reaches this one
    /// (after `subscribe`; at once when the topic is no longer wanted). A reader of
    /// stored state (a room's history, a booth's visitors) waits for it before
    /// reading, so nothing published meanwhile falls between the read and the
    /// subscription.
    fn subscribed(&self, _topic: &str) -> BoxFuture<'static, ()> {
        Box::pin(std::future::ready(()))
    }
}

/// One instance: every subscriber is local, so there is nothing to carry.
#[derive(Debug, Default)]
pub struct LocalBus;

impl Bus for LocalBus {
    fn publish(&self, _topic: &str, _delivery: &Delivery) {}
    fn subscribe(&self, _topic: &str) {}
    fn unsubscribe(&self, _topic: &str) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deliveries_survive_the_wire() {
        let room = Uuid::now_v7();
        let frame = Frame::text("{\"type\":\"chat\",\n\"text\":\"xin chào\"}");
        let encoded = Delivery::Chat { room, seq: 7, frame: frame.clone() }.encode("i1");
        let (origin, decoded) = Delivery::decode(Bytes::from(encoded)).expect("decodes");
        assert_eq!(origin, "i1");
        match decoded {
            Delivery::Chat { room: r, seq, frame: f } => {
                assert_eq!((r, seq, f.as_str()), (room, 7, frame.as_str()));
            }
            other => panic!("unexpected {other:?}"),
        }
        let (_, admitted) = Delivery::decode(Bytes::from(Delivery::Admitted { room }.encode("i2"))).expect("decodes");
        assert!(matches!(admitted, Delivery::Admitted { room: r } if r == room));
        assert!(Delivery::decode(Bytes::from_static(b"garbage")).is_none());
    }
}
