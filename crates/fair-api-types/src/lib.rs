//! What crosses the wire. Every HTTP request and response body lives here with its
//! OpenAPI schema, so renaming a field elsewhere cannot silently change the protocol.
//! Request bodies refuse unknown fields; texts in several languages are objects keyed
//! by BCP 47 tag (`vi`, `en`, `ja`, `zh-Hant`, `zh-Hans`, `ko`, `th`).

pub mod accounts;
pub mod booths;
pub mod buyers;
pub mod common;
pub mod directory;
pub mod live;
pub mod meetings;
pub mod taxonomy;

pub use accounts::*;
pub use booths::*;
pub use buyers::*;
pub use common::*;
pub use directory::*;
pub use live::*;
pub use meetings::*;
pub use taxonomy::*;
