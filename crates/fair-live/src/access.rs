//! Who may enter which room, and who waits in its lobby.
//!
//! A meeting's room is for the meeting's people: the supplier's staff (hosts), the
//! buyer's delegate, the booked interpreter, and organisers (hosts). Someone else from
//! the buyer company, or anyone but a host arriving more than [`LATE_AFTER`] into the
//! slot, waits in the lobby until a host admits them. Organiser and booth-chat rooms
//! are for organisers and the people invited. Everyone else is refused.

use chrono::{DateTime, Duration, Utc};
use fair_domain::Principal;
use fair_store::Store;
use fair_store::entities::{meeting, room};
use uuid::Uuid;

/// Joining later than this after the slot starts goes through the lobby.
pub const LATE_AFTER: Duration = Duration::minutes(10);
/// A meeting's room opens this long before its slot…
pub const OPENS_BEFORE: Duration = Duration::minutes(15);
/// …and closes this long after it ends.
pub const CLOSES_AFTER: Duration = Duration::minutes(30);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Enter {
        host: bool,
    },
    Lobby,
    Denied,
    /// A meeting that is not accepted, or whose room is closed at this hour.
    NotOpen,
}

/// What the decision needs to know of a meeting.
#[derive(Clone, Debug)]
pub struct MeetingFacts {
    pub accepted: bool,
    pub buyer_org: Uuid,
    pub supplier_org: Uuid,
    pub buyer_user: Option<Uuid>,
    pub interpreter_email: Option<String>,
    pub slot: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

/// The user in question.
#[derive(Clone, Debug)]
pub struct Visitor<'a> {
    pub principal: &'a Principal,
    pub email: &'a str,
}

pub fn meeting_access(facts: &MeetingFacts, who: &Visitor<'_>, now: DateTime<Utc>) -> Access {
    let principal = who.principal;
    let organisation = principal.organisation_id.map(|o| o.0);
    let is_supplier = organisation == Some(facts.supplier_org);
    let is_buyer = organisation == Some(facts.buyer_org);
    let is_interpreter =
        facts.interpreter_email.as_deref().is_some_and(|email| email.eq_ignore_ascii_case(who.email.trim()));
    if principal.is_organiser() {
        return Access::Enter { host: true };
    }
    if !(is_supplier || is_buyer || is_interpreter) {
        return Access::Denied;
    }
    if !facts.accepted {
        return Access::NotOpen;
    }
    if let Some((starts, ends)) = facts.slot
        && (now < starts - OPENS_BEFORE || now > ends + CLOSES_AFTER)
    {
        return Access::NotOpen;
    }
    if is_supplier {
        return Access::Enter { host: true };
    }
    let expected = is_interpreter || facts.buyer_user.is_none_or(|user| user == principal.user_id.0);
    let late = facts.slot.is_some_and(|(starts, _)| now > starts + LATE_AFTER);
    if expected && !late { Access::Enter { host: false } } else { Access::Lobby }
}

/// Organiser rooms and booth chats: organisers host, invitees enter.
pub fn invited_access(principal: &Principal, invited: bool, created_by_me: bool) -> Access {
    if principal.is_organiser() || created_by_me {
        Access::Enter { host: true }
    } else if invited {
        Access::Enter { host: false }
    } else {
        Access::Denied
    }
}

/// Loads what the decision needs and decides.
pub async fn room_access(
    store: &Store,
    room: &room::Model,
    who: &Visitor<'_>,
    now: DateTime<Utc>,
) -> Result<Access, fair_store::StoreError> {
    match room.meeting_id {
        Some(meeting_id) => {
            let meeting = store.meeting(meeting_id).await?;
            let facts = meeting_facts(store, &meeting).await?;
            Ok(meeting_access(&facts, who, now))
        }
        None => {
            let invited = store.is_room_invitee(room.id, who.principal.user_id.0).await?;
            let mine = room.created_by == Some(who.principal.user_id.0);
            Ok(invited_access(who.principal, invited, mine))
        }
    }
}

pub async fn meeting_facts(store: &Store, meeting: &meeting::Model) -> Result<MeetingFacts, fair_store::StoreError> {
    let slot = match meeting.slot_id {
        Some(id) => {
            let slot = store.slot(id).await?;
            Some((slot.starts_at, slot.ends_at))
        }
        None => None,
    };
    let interpreter_email = match meeting.interpreter_id {
        Some(id) => match store.interpreter(id).await {
            Ok(person) => person.email,
            Err(fair_store::StoreError::NotFound) => None,
            Err(err) => return Err(err),
        },
        None => None,
    };
    Ok(MeetingFacts {
        accepted: meeting.status == "accepted",
        buyer_org: meeting.buyer_id,
        supplier_org: meeting.supplier_id,
        buyer_user: meeting.buyer_user_id,
        interpreter_email,
        slot,
    })
}

#[cfg(test)]
mod tests {
    use fair_domain::{OrganisationId, Role, StaffRole, UserId};

    use super::*;

    fn principal(role: Role, organisation: Option<Uuid>) -> Principal {
        Principal {
            user_id: UserId(Uuid::now_v7()),
            role,
            organisation_id: organisation.map(OrganisationId),
            staff_role: (role == Role::Exhibitor).then_some(StaffRole::Rep),
        }
    }

    #[test]
    fn the_meetings_people_enter_others_wait_or_are_refused() {
        let buyer_org = Uuid::now_v7();
        let supplier_org = Uuid::now_v7();
        let starts = Utc::now();
        let delegate = principal(Role::Buyer, Some(buyer_org));
        let facts = MeetingFacts {
            accepted: true,
            buyer_org,
            supplier_org,
            buyer_user: Some(delegate.user_id.0),
            interpreter_email: Some("thu.nguyen@interpreters.vn".to_owned()),
            slot: Some((starts, starts + Duration::minutes(20))),
        };
        let at = |p: &Principal, email: &str, now| meeting_access(&facts, &Visitor { principal: p, email }, now);
        let on_time = starts - Duration::minutes(5);

        assert_eq!(at(&delegate, "a@b.jp", on_time), Access::Enter { host: false });
        assert_eq!(at(&delegate, "a@b.jp", starts + Duration::minutes(12)), Access::Lobby, "late");
        let colleague = principal(Role::Buyer, Some(buyer_org));
        assert_eq!(at(&colleague, "c@b.jp", on_time), Access::Lobby, "unexpected");
        let staff = principal(Role::Exhibitor, Some(supplier_org));
        assert_eq!(at(&staff, "s@x.vn", starts + Duration::minutes(12)), Access::Enter { host: true });
        let interpreter = principal(Role::Organiser, None);
        assert_eq!(at(&interpreter, "x@y", on_time), Access::Enter { host: true });
        let stranger = principal(Role::Buyer, Some(Uuid::now_v7()));
        assert_eq!(at(&stranger, "z@z", on_time), Access::Denied);
        let other_supplier = principal(Role::Exhibitor, Some(Uuid::now_v7()));
        assert_eq!(at(&other_supplier, "THU.NGUYEN@interpreters.vn", on_time), Access::Enter { host: false });
        assert_eq!(at(&delegate, "a@b.jp", starts - Duration::hours(2)), Access::NotOpen, "too early");
        assert_eq!(at(&delegate, "a@b.jp", starts + Duration::hours(2)), Access::NotOpen, "over");
        let pending = MeetingFacts { accepted: false, ..facts.clone() };
        assert_eq!(meeting_access(&pending, &Visitor { principal: &staff, email: "s" }, on_time), Access::NotOpen);
    }

    #[test]
    fn invited_rooms_are_for_invitees_and_organisers() {
        let organiser = principal(Role::Organiser, None);
        let buyer = principal(Role::Buyer, Some(Uuid::now_v7()));
        assert_eq!(invited_access(&organiser, false, false), Access::Enter { host: true });
        assert_eq!(invited_access(&buyer, true, false), Access::Enter { host: false });
        assert_eq!(invited_access(&buyer, false, false), Access::Denied);
    }
}
