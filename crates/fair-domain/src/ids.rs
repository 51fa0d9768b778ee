//! Typed ids. All ids are UUIDv7, so sorting by id sorts by creation time, which the
//! keyset (cursor) pagination relies on.

use std::fmt;
use std::str::FromStr;

use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new time-ordered id.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }

        impl From<Uuid> for $name {
            fn from(value: Uuid) -> Self {
                Self(value)
            }
        }

        impl From<$name> for Uuid {
            fn from(value: $name) -> Self {
                value.0
            }
        }
    };
}

id_type!(
    /// A supplier or buyer company.
    OrganisationId
);
id_type!(
    /// A person who can log in.
    UserId
);
id_type!(
    /// A supplier's booth at the fair.
    BoothId
);
id_type!(
    /// A product in a booth's catalogue.
    ProductId
);
id_type!(
    /// A certificate held by a supplier.
    CertificationId
);
id_type!(
    /// An uploaded logo, photo or document.
    MediaId
);
id_type!(
    /// A member of an exhibitor's staff shown on the booth.
    StaffMemberId
);
id_type!(
    /// A buyer's sourcing need.
    NeedId
);
id_type!(
    /// An invitation to join the platform.
    InvitationId
);
