//! The meetings service: fair set-up, preferences, explained recommendations,
//! meeting requests and their life cycle with idempotent booking, calendars, and
//! the organiser's scheduler runs.

mod calendar;
mod context;
mod meetings;
mod preferences;
mod recommend;
mod schedule;
mod setup;
mod views;

use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use chrono::NaiveDate;
use fair_http::AppState;
use fair_store::Store;
use tokio_util::sync::CancellationToken;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Today on the fair's calendar (Hanoi).
pub(crate) fn today() -> NaiveDate {
    fair_domain::calendar::fair_date(chrono::Utc::now())
}

pub use setup::fair_plan;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(setup::get_fair, setup::set_fair))
        .routes(routes!(setup::list_tables, setup::create_table))
        .routes(routes!(setup::update_table, setup::delete_table))
        .routes(routes!(setup::list_interpreters, setup::create_interpreter))
        .routes(routes!(setup::update_interpreter, setup::delete_interpreter))
        .routes(routes!(setup::list_rules, setup::create_rule))
        .routes(routes!(setup::delete_rule))
        .routes(routes!(setup::get_participant, setup::set_participant))
        .routes(routes!(preferences::list))
        .routes(routes!(preferences::set))
        .routes(routes!(recommend::for_buyer))
        .routes(routes!(recommend::for_exhibitor))
        .routes(routes!(meetings::request, meetings::list))
        .routes(routes!(meetings::show))
        .routes(routes!(meetings::accept))
        .routes(routes!(meetings::decline))
        .routes(routes!(meetings::propose))
        .routes(routes!(meetings::cancel))
        .routes(routes!(meetings::route))
        .routes(routes!(calendar::invite))
        .routes(routes!(calendar::feed_status, calendar::create_feed))
        .routes(routes!(calendar::feed))
        .routes(routes!(schedule::run))
        .routes(routes!(schedule::latest))
        .routes(routes!(schedule::show))
        .routes(routes!(schedule::edit_entry, schedule::remove_entry))
        .routes(routes!(schedule::publish))
        .layer(DefaultBodyLimit::max(256 * 1024))
}

/// Marks unanswered requests past their expiry as expired, every minute, so lists
/// and calendars agree with what the API enforces.
pub async fn run_expiry(store: Store, stop: CancellationToken) {
    let mut tick = tokio::time::interval(Duration::from_secs(60));
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            () = stop.cancelled() => return,
        }
        match store.expire_requests(chrono::Utc::now()).await {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "meeting requests expired"),
            Err(err) => tracing::warn!(error = %err, "could not expire requests"),
        }
    }
}
