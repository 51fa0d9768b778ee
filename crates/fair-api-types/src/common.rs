use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A text in several languages, keyed by BCP 47 tag (`vi`, `en`, `ja`, `zh-Hant`,
/// `zh-Hans`, `ko`, `th`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(transparent)]
#[schema(example = json!({"vi": "Ép phun nhựa", "en": "Injection moulding"}))]
pub struct I18nText(pub BTreeMap<String, String>);

/// Every error response: a stable machine `code`, a human `message`, and for
/// validation failures the rejected fields.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ErrorBody {
    /// Stable code, e.g. `validation_failed`, `not_found`, `forbidden`, `malformed_json`.
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FieldError {
    /// Path of the field in the request, e.g. `name.vi` or `processes[1]`.
    pub field: String,
    /// `required`, `too_long`, `too_short`, `invalid` or `unknown`.
    pub code: String,
    pub message: String,
}

/// Query of every paginated list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Page size, 1 to 100 (default 50).
    pub limit: Option<u32>,
}

/// Liveness and readiness answers.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct HealthStatus {
    /// `ok` or `unavailable`.
    pub status: String,
    /// One entry per dependency checked, with `ok` or the reason it failed.
    #[serde(default)]
    pub checks: BTreeMap<String, String>,
}
