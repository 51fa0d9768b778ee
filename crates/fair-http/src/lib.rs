//! The HTTP edge every feature router shares: [`AppState`], [`ApiError`] and its
//! table of stable codes, the [`ApiJson`]/[`ApiQuery`]/[`ApiPath`] extractors that turn
//! rejections into that shape, session cookies and the auth extractors
//! ([`CurrentUser`], [`MaybeUser`], [`RequireOrganiser`]), and cursor pagination.

mod auth;
mod client;
mod error;
mod extract;
mod pagination;
mod serve;
mod state;

pub use auth::{
    CurrentUser, MaybeUser, RequireOrganiser, SESSION_COOKIE, clear_session_cookie, current_user_by_id, hash_token,
    new_token, session_cookie, session_token,
};
pub use client::ClientAddress;
pub use error::{ApiError, ApiResult, OrNotFound};
pub use extract::{ApiJson, ApiPath, ApiQuery};
pub use pagination::{Cursor, Page};
pub use serve::serve;
pub use state::{AppState, DirectoryHandle, HttpConfig, VisitSink};
