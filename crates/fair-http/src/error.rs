use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use fair_api_types::{ErrorBody, FieldError};
use fair_domain::{ValidationError, ValidationErrors};
use fair_store::StoreError;

pub type ApiResult<T> = Result<T, ApiError>;

/// Every error a handler returns. [`ApiError::status_and_code`] is the one table from
/// variant to HTTP status and stable machine code; the body is always
/// `{ "code", "message", "fields"? }`.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("the body is not valid JSON: {0}")]
    MalformedJson(String),
    #[error("{0}")]
    InvalidBody(String),
    #[error("{0}")]
    InvalidQuery(String),
    #[error("{0}")]
    InvalidPath(String),
    #[error("the cursor is not one this API issued")]
    InvalidCursor,
    #[error("{} field(s) are invalid", .0.0.len())]
    Validation(ValidationErrors),
    #[error("{0}")]
    InvalidReference(String),
    #[error("sign in first")]
    Unauthenticated,
    #[error("wrong e-mail or password")]
    InvalidCredentials,
    #[error("you may not do this")]
    Forbidden,
    #[error("cross-site request refused")]
    CrossSite,
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    #[error("{0}")]
    Gone(String),
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("{0}")]
    UnsupportedFileType(String),
    #[error("{0}")]
    LimitReached(String),
    #[error("too many failed attempts; try again in {retry_after_seconds} s")]
    TooManyAttempts { retry_after_seconds: u64 },
    #[error("service unavailable: {0}")]
    Unavailable(String),
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl ApiError {
    pub fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            Self::MalformedJson(_) => (StatusCode::BAD_REQUEST, "malformed_json"),
            Self::InvalidBody(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid_body"),
            Self::InvalidQuery(_) => (StatusCode::BAD_REQUEST, "invalid_query"),
            Self::InvalidPath(_) => (StatusCode::BAD_REQUEST, "invalid_path"),
            Self::InvalidCursor => (StatusCode::BAD_REQUEST, "invalid_cursor"),
            Self::Validation(_) => (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
            Self::InvalidReference(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid_reference"),
            Self::Unauthenticated => (StatusCode::UNAUTHORIZED, "unauthenticated"),
            Self::InvalidCredentials => (StatusCode::UNAUTHORIZED, "invalid_credentials"),
            Self::Forbidden => (StatusCode::FORBIDDEN, "forbidden"),
            Self::CrossSite => (StatusCode::FORBIDDEN, "cross_site_request"),
            Self::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            Self::Conflict { code, .. } => (StatusCode::CONFLICT, code),
            Self::Gone(_) => (StatusCode::GONE, "gone"),
            Self::PayloadTooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            Self::UnsupportedMediaType(_) => (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"),
            Self::UnsupportedFileType(_) => (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_file_type"),
            Self::LimitReached(_) => (StatusCode::CONFLICT, "limit_reached"),
            Self::TooManyAttempts { .. } => (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts"),
            Self::Unavailable(_) => (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
            Self::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }

    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        Self::Conflict { code, message: message.into() }
    }

    pub fn internal(err: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self::Internal(Box::new(err))
    }

    /// A single invalid field.
    pub fn field(field: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        Self::Validation(ValidationError::new(field, code, message).into())
    }
}

impl ApiError {
    /// A "not found" about something else (e.g. the media of a hidden booth is
    /// reported as missing media); other errors pass unchanged.
    pub fn not_found_as(self, what: &'static str) -> Self {
        match self {
            Self::NotFound(_) => Self::NotFound(what),
            other => other,
        }
    }
}

/// `StoreError::NotFound` as a 404 naming `what`; other store errors as usual (a
/// database that is down stays a 503, never a 404).
pub trait OrNotFound<T> {
    fn or_not_found(self, what: &'static str) -> ApiResult<T>;
}

impl<T> OrNotFound<T> for Result<T, StoreError> {
    fn or_not_found(self, what: &'static str) -> ApiResult<T> {
        self.map_err(|err| match err {
            StoreError::NotFound => ApiError::NotFound(what),
            other => other.into(),
        })
    }
}

impl From<ValidationErrors> for ApiError {
    fn from(errors: ValidationErrors) -> Self {
        Self::Validation(errors)
    }
}

impl From<ValidationError> for ApiError {
    fn from(error: ValidationError) -> Self {
        Self::Validation(error.into())
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => Self::NotFound("resource"),
            StoreError::Conflict { .. } => Self::conflict("conflict", "conflicts with existing data"),
            StoreError::MissingReference { .. } => {
                Self::InvalidReference("refers to something that does not exist".to_owned())
            }
            StoreError::Precondition(message) => Self::conflict("precondition_failed", message),
            StoreError::Unavailable(_) => Self::Unavailable("the database is unreachable".to_owned()),
            other => Self::internal(other),
        }
    }
}

fn cause_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut chain = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        chain.push_str(": ");
        chain.push_str(&cause.to_string());
        source = cause.source();
    }
    chain
}

impl ApiError {
    /// The status and the body this error answers with.
    pub fn to_body(&self) -> (StatusCode, ErrorBody) {
        let (status, code) = self.status_and_code();
        let fields = match self {
            Self::Validation(errors) => errors
                .0
                .iter()
                .map(|e| FieldError { field: e.field.clone(), code: e.code.to_owned(), message: e.message.clone() })
                .collect(),
            _ => Vec::new(),
        };
        let message = match self {
            Self::Validation(errors) => errors
                .0
                .first()
                .map(|first| format!("{first}{}", if errors.0.len() > 1 { " (and more)" } else { "" }))
                .unwrap_or_else(|| self.to_string()),
            _ => self.to_string(),
        };
        (status, ErrorBody { code: code.to_owned(), message, fields })
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        // A 5xx is logged once, with its causes; the client sees no internals.
        match &self {
            Self::Internal(err) => tracing::error!(error = %cause_chain(err.as_ref()), "request failed"),
            Self::Unavailable(reason) => tracing::warn!(%reason, "dependency unavailable"),
            _ => {}
        }
        let (status, body) = self.to_body();
        let mut response = (status, Json(body)).into_response();
        if let Self::TooManyAttempts { retry_after_seconds } = self
            && let Ok(value) = HeaderValue::from_str(&retry_after_seconds.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}
