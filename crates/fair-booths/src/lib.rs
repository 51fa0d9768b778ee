//! The exhibitor and booth service: exhibitors and booth pages, products,
//! certifications, media, staff, buyers and their sourcing needs, the searchable
//! public directory, open data and the taxonomy.

mod buyers;
mod certifications;
pub mod directory;
mod exhibitors;
pub mod input;
mod media;
mod open_data;
mod products;
mod staff;
mod taxonomy;
mod views;
pub use views::directory_doc;
pub mod visits;

use axum::extract::DefaultBodyLimit;
use fair_http::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// JSON bodies are small; only uploads are allowed more.
const MAX_JSON_BODY: usize = 256 * 1024;

pub fn router() -> OpenApiRouter<AppState> {
    let uploads = OpenApiRouter::new()
        .routes(routes!(media::upload, media::list))
        .layer(DefaultBodyLimit::max(media::MAX_UPLOAD_BODY));
    OpenApiRouter::new()
        .routes(routes!(directory::search))
        .routes(routes!(taxonomy::taxonomy))
        .routes(routes!(exhibitors::list, exhibitors::create))
        .routes(routes!(exhibitors::show, exhibitors::update, exhibitors::delete))
        .routes(routes!(exhibitors::place))
        .routes(routes!(exhibitors::booth_page))
        .routes(routes!(products::list, products::create))
        .routes(routes!(products::show, products::update, products::delete))
        .routes(routes!(certifications::list, certifications::create))
        .routes(routes!(certifications::update, certifications::delete))
        .routes(routes!(media::delete))
        .routes(routes!(media::content))
        .routes(routes!(staff::list, staff::create))
        .routes(routes!(staff::update, staff::delete))
        .routes(routes!(buyers::list, buyers::create))
        .routes(routes!(buyers::show, buyers::update, buyers::delete))
        .routes(routes!(buyers::list_needs, buyers::create_need))
        .routes(routes!(buyers::update_need, buyers::delete_need))
        .routes(routes!(open_data::exhibitors_json))
        .routes(routes!(open_data::exhibitors_csv))
        .routes(routes!(open_data::summary))
        .layer(DefaultBodyLimit::max(MAX_JSON_BODY))
        .merge(uploads)
}
