//! sea-orm entities, one per table. Column types match `fair-migrations`.

pub mod booth;
pub mod booth_visit;
pub mod certification;
pub mod counter;
pub mod fair_meta;
pub mod invitation;
pub mod login_throttle;
pub mod media;
pub mod organisation;
pub mod product;
pub mod session;
pub mod sourcing_need;
pub mod staff_member;
pub mod user;

use std::collections::BTreeMap;

use sea_orm::FromJsonQueryResult;
use serde::{Deserialize, Serialize};

/// A text in several languages, keyed by BCP 47 tag, stored as JSON.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
pub struct I18n(pub BTreeMap<String, String>);

/// A list of short strings (codes, names), stored as a JSON array.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
pub struct StringList(pub Vec<String>);
