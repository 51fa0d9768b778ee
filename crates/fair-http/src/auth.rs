use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use fair_domain::{OrganisationId, Principal, Role, StaffRole, UserId};
use fair_store::entities::user;
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "fair_session";

/// A fresh unguessable token (256 bits), URL-safe.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system's random source failed");
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What we store instead of a token: its SHA-256, hex.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The session token from the request's cookies.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.trim_matches('"').to_owned())
        .filter(|value| !value.is_empty() && value.len() <= 128)
}

/// `Set-Cookie` for a new session: HttpOnly, SameSite=Lax, Secure over TLS.
pub fn session_cookie(token: &str, max_age_seconds: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}{secure}"
    ))
    .expect("a base64url token is a valid header value")
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear_session_cookie(secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"))
        .expect("static cookie is a valid header value")
}

/// The signed-in user of this request. Rejects with 401 `unauthenticated`.
#[derive(Clone, Debug)]
pub struct CurrentUser {
    pub user: user::Model,
    pub principal: Principal,
    /// Hash of the session token in use (to end it on logout).
    pub session_hash: String,
}

fn principal_of(user: &user::Model) -> Result<Principal, ApiError> {
    let role: Role = user.role.parse().map_err(ApiError::internal)?;
    let staff_role = user.staff_role.as_deref().map(str::parse::<StaffRole>).transpose().map_err(ApiError::internal)?;
    Ok(Principal {
        user_id: UserId(user.id),
        role,
        organisation_id: user.organisation_id.map(OrganisationId),
        staff_role,
    })
}

/// A user signed in by other means than the session cookie (a live connection's
/// ticket): `None` when the account is gone or disabled.
pub async fn current_user_by_id(state: &AppState, id: uuid::Uuid) -> Result<Option<CurrentUser>, ApiError> {
    let user = match state.store.user(id).await {
        Ok(user) => user,
        Err(fair_store::StoreError::NotFound) => return Ok(None),
        Err(err) => return Err(err.into()),
    };
    if user.disabled {
        return Ok(None);
    }
    let principal = principal_of(&user)?;
    Ok(Some(CurrentUser { user, principal, session_hash: String::new() }))
}

async fn resolve(parts: &mut Parts, state: &AppState) -> Result<Option<CurrentUser>, ApiError> {
    if let Some(cached) = parts.extensions.get::<Option<CurrentUser>>() {
        return Ok(cached.clone());
    }
    let resolved = match session_token(&parts.headers) {
        None => None,
        Some(token) => {
            let hash = hash_token(&token);
            match state.store.session_user(&hash, Utc::now()).await? {
                None => None,
                Some((_, user)) => {
                    let principal = principal_of(&user)?;
                    tracing::Span::current().record("user_id", tracing::field::display(user.id));
                    Some(CurrentUser { user, principal, session_hash: hash })
                }
            }
        }
    };
    parts.extensions.insert(resolved.clone());
    Ok(resolved)
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        resolve(parts, state).await?.ok_or(ApiError::Unauthenticated)
    }
}

/// The signed-in user, if any (public pages that show more to owners).
#[derive(Clone, Debug)]
pub struct MaybeUser(pub Option<CurrentUser>);

impl MaybeUser {
    pub fn principal(&self) -> Option<&Principal> {
        self.0.as_ref().map(|user| &user.principal)
    }
}

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        resolve(parts, state).await.map(Self)
    }
}

/// An organiser: 401 when signed out, 403 for anyone else.
#[derive(Clone, Debug)]
pub struct RequireOrganiser(pub CurrentUser);

impl FromRequestParts<AppState> for RequireOrganiser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let user = CurrentUser::from_request_parts(parts, state).await?;
        if user.principal.is_organiser() { Ok(Self(user)) } else { Err(ApiError::Forbidden) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_session_among_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("lang=ja; fair_session=abc123; other=x"));
        assert_eq!(session_token(&headers).as_deref(), Some("abc123"));
        headers.insert(header::COOKIE, HeaderValue::from_static("fair_session="));
        assert_eq!(session_token(&headers), None);
    }

    #[test]
    fn tokens_are_unique_and_hashes_stable() {
        assert_ne!(new_token(), new_token());
        assert_eq!(new_token().len(), 43);
        assert_eq!(hash_token("a"), hash_token("a"));
        assert_eq!(hash_token("a").len(), 64);
    }
}
