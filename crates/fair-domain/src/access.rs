//! Who may do what. Every write route asks one of these questions about the object it
//! touches; the answers never depend on what the UI shows.

use std::str::FromStr;

use crate::company::UnknownValue;
use crate::ids::{OrganisationId, UserId};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// Staff of the Department of Industry and Trade or its fair operator.
    Organiser,
    /// Staff of one exhibiting supplier.
    Exhibitor,
    /// Procurement staff of one buyer company.
    Buyer,
}

impl Role {
    pub const ALL: [Role; 3] = [Self::Organiser, Self::Exhibitor, Self::Buyer];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Organiser => "organiser",
            Self::Exhibitor => "exhibitor",
            Self::Buyer => "buyer",
        }
    }
}

impl FromStr for Role {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|role| role.as_str() == s).ok_or_else(|| UnknownValue(s.to_owned()))
    }
}

/// An exhibitor's staff are admins (manage colleagues) or reps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StaffRole {
    Admin,
    Rep,
}

impl StaffRole {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Rep => "rep",
        }
    }
}

impl FromStr for StaffRole {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "admin" => Ok(Self::Admin),
            "rep" => Ok(Self::Rep),
            other => Err(UnknownValue(other.to_owned())),
        }
    }
}

/// A signed-in user, as the access rules see them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Principal {
    pub user_id: UserId,
    pub role: Role,
    /// The supplier (exhibitors) or buyer company (buyers) the user belongs to.
    pub organisation_id: Option<OrganisationId>,
    pub staff_role: Option<StaffRole>,
}

impl Principal {
    pub fn is_organiser(&self) -> bool {
        self.role == Role::Organiser
    }

    fn belongs_to(&self, role: Role, organisation: OrganisationId) -> bool {
        self.role == role && self.organisation_id == Some(organisation)
    }

    /// Booth profile, products, certifications and media of one exhibitor.
    pub fn can_edit_exhibitor(&self, exhibitor: OrganisationId) -> bool {
        self.is_organiser() || self.belongs_to(Role::Exhibitor, exhibitor)
    }

    /// Adding, changing and inviting an exhibitor's staff: its admins only.
    pub fn can_manage_staff(&self, exhibitor: OrganisationId) -> bool {
        self.is_organiser()
            || (self.belongs_to(Role::Exhibitor, exhibitor) && self.staff_role == Some(StaffRole::Admin))
    }

    /// A buyer company's profile and sourcing needs.
    pub fn can_edit_buyer(&self, buyer: OrganisationId) -> bool {
        self.is_organiser() || self.belongs_to(Role::Buyer, buyer)
    }

    /// Unpublished booths and non-public staff are seen by the exhibitor and organisers.
    pub fn can_see_private_exhibitor(&self, exhibitor: OrganisationId) -> bool {
        self.can_edit_exhibitor(exhibitor)
    }

    /// Buyer profiles and needs are visible to every signed-in participant (exhibitors
    /// prepare for meetings with them) but never to anonymous visitors.
    pub fn can_see_buyers(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principal(role: Role, organisation: Option<OrganisationId>, staff_role: Option<StaffRole>) -> Principal {
        Principal { user_id: UserId::new(), role, organisation_id: organisation, staff_role }
    }

    #[test]
    fn exhibitor_staff_edit_only_their_own_booth() {
        let own = OrganisationId::new();
        let other = OrganisationId::new();
        let rep = principal(Role::Exhibitor, Some(own), Some(StaffRole::Rep));
        assert!(rep.can_edit_exhibitor(own));
        assert!(!rep.can_edit_exhibitor(other));
        assert!(!rep.can_manage_staff(own));
        let admin = principal(Role::Exhibitor, Some(own), Some(StaffRole::Admin));
        assert!(admin.can_manage_staff(own));
        assert!(!admin.can_manage_staff(other));
        assert!(!admin.can_edit_buyer(own));
    }

    #[test]
    fn buyers_edit_only_their_company_and_organisers_everything() {
        let company = OrganisationId::new();
        let buyer = principal(Role::Buyer, Some(company), None);
        assert!(buyer.can_edit_buyer(company));
        assert!(!buyer.can_edit_buyer(OrganisationId::new()));
        assert!(!buyer.can_edit_exhibitor(company));
        let organiser = principal(Role::Organiser, None, None);
        assert!(
            organiser.can_edit_exhibitor(company)
                && organiser.can_edit_buyer(company)
                && organiser.can_manage_staff(company)
        );
    }
}
