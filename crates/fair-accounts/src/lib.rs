//! Accounts: sign-in with server-side sessions, sign-out, the current user, password
//! changes, login throttling, and invitations (organisers invite exhibitors, buyers
//! and organisers; an exhibitor's admin invites colleagues).

mod invitations;
pub mod passwords;
mod sessions;

use axum::extract::DefaultBodyLimit;
use fair_http::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use invitations::invitation_link;

/// Login is throttled per account and per client address; both windows are 15 minutes.
pub mod throttle {
    pub const ACCOUNT_MAX_FAILURES: i32 = 5;
    pub const ADDRESS_MAX_FAILURES: i32 = 30;
    pub const WINDOW_MINUTES: i64 = 15;
    pub const BLOCK_MINUTES: i64 = 15;
}

/// The JSON body limit of every API route (uploads excepted).
const MAX_BODY: usize = 256 * 1024;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sessions::login))
        .routes(routes!(sessions::logout))
        .routes(routes!(sessions::me, sessions::update_me))
        .routes(routes!(sessions::change_password))
        .routes(routes!(invitations::create_invitation, invitations::list_invitations))
        .routes(routes!(invitations::show_invitation))
        .routes(routes!(invitations::revoke_invitation))
        .routes(routes!(invitations::accept_invitation))
        .layer(DefaultBodyLimit::max(MAX_BODY))
}
