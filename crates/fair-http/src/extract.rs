use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// `axum::Json`, with rejections turned into [`ApiError`]s: bad syntax is
/// `malformed_json` (400), a body of the wrong shape (wrong type, unknown or missing
/// field) is `invalid_body` (422) naming the field, a missing content type is 415 and
/// an oversize body 413.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Self(value)),
            Err(rejection) => Err(match rejection {
                JsonRejection::JsonSyntaxError(err) => ApiError::MalformedJson(inner_message(&err)),
                JsonRejection::JsonDataError(err) => ApiError::InvalidBody(inner_message(&err)),
                JsonRejection::MissingJsonContentType(_) => {
                    ApiError::UnsupportedMediaType("send the body as application/json".to_owned())
                }
                JsonRejection::BytesRejection(err) if err.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                    ApiError::PayloadTooLarge("the body is too large".to_owned())
                }
                other => ApiError::InvalidBody(other.body_text()),
            }),
        }
    }
}

/// The deepest cause of a rejection: serde's message with the field path.
fn inner_message(err: &(dyn std::error::Error + 'static)) -> String {
    let mut current = err;
    while let Some(source) = current.source() {
        current = source;
    }
    current.to_string()
}

/// `axum::extract::Query`, rejecting with `invalid_query` (400).
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(value)| Self(value))
            .map_err(|rejection: QueryRejection| ApiError::InvalidQuery(inner_message(&rejection)))
    }
}

/// `axum::extract::Path`, rejecting with `invalid_path` (400), e.g. for an id that
/// is not a UUID.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiPath<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(value)| Self(value))
            .map_err(|rejection: PathRejection| ApiError::InvalidPath(inner_message(&rejection)))
    }
}
