//! The OpenAPI document, generated from the handlers' annotations.

use fair_http::AppState;
use utoipa::OpenApi;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa_axum::router::OpenApiRouter;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "CNHT fair platform API",
        description = "The hybrid supporting-industry fair of Hanoi: exhibitors and their booths, buyers and \
                       their sourcing needs, the public directory and open data.\n\nErrors are always \
                       `{ \"code\", \"message\", \"fields\"? }` with a stable `code`. Lists are paginated with an \
                       opaque `cursor`. Writes need the `fair_session` cookie from `POST /api/v1/auth/login`.",
        license(name = "MIT OR Apache-2.0"),
    ),
    modifiers(&SessionCookie),
    tags(
        (name = "accounts", description = "Sign-in, sessions and invitations"),
        (name = "directory", description = "Search of published exhibitors, and the taxonomy"),
        (name = "exhibitors", description = "Exhibitors and booth pages"),
        (name = "products", description = "Product catalogues"),
        (name = "certifications", description = "Certificates with validity"),
        (name = "media", description = "Logos, photos, brochures, documents"),
        (name = "staff", description = "Exhibitor staff"),
        (name = "buyers", description = "Buyer companies and sourcing needs"),
        (name = "open data", description = "The published directory as open data"),
        (name = "fair", description = "Fair set-up: days, slots, tables, interpreters, rules, participant settings"),
        (name = "matchmaking", description = "Preferences and explained recommendations"),
        (name = "meetings", description = "Meeting requests, their life cycle and calendars"),
        (name = "scheduler", description = "Schedule all: provisional runs to inspect, edit, lock and publish"),
    )
)]
struct ApiDoc;

struct SessionCookie;

impl utoipa::Modify for SessionCookie {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(fair_http::SESSION_COOKIE))),
        );
    }
}

/// Every API route with its documentation.
pub fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(fair_accounts::router())
        .merge(fair_booths::router())
        .merge(fair_meetings::router())
        .merge(fair_live::router())
}

/// The OpenAPI document as served at `/api/openapi.json`.
pub fn document() -> utoipa::openapi::OpenApi {
    api_router().into_openapi()
}

/// The interactive reference at `/api/docs`: Scalar, loaded from this server (the
/// web build copies its standalone bundle), reading `/api/openapi.json`.
pub fn docs_page() -> String {
    r#"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>CNHT fair platform API</title>
</head>
<body>
  <script id="api-reference" data-url="/api/openapi.json"
          data-configuration='{"withDefaultFonts": false, "hideClientButton": true, "telemetry": false}'></script>
  <script src="/vendor/scalar/standalone.js"></script>
  <noscript>The OpenAPI document is at <a href="/api/openapi.json">/api/openapi.json</a>.</noscript>
</body>
</html>"#
        .to_owned()
}
