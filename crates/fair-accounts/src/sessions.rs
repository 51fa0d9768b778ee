use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{Duration, Utc};
use fair_api_types::{ChangePassword, ErrorBody, LoginRequest, Me, OrganisationSummary, UpdateMe, UserView};
use fair_domain::{UiLanguage, validate};
use fair_http::{
    ApiError, ApiJson, ApiResult, AppState, CurrentUser, clear_session_cookie, hash_token, new_token, session_cookie,
};
use fair_store::entities::{session, user};

use crate::passwords;
use crate::throttle;
use fair_http::ClientAddress;

pub(crate) fn user_view(user: &user::Model) -> UserView {
    UserView {
        id: user.id,
        email: user.email.clone(),
        display_name: user.display_name.clone(),
        role: user.role.clone(),
        staff_role: user.staff_role.clone(),
        organisation_id: user.organisation_id,
        preferred_language: user.preferred_language.clone(),
        time_zone: user.time_zone.clone(),
        presence_visible: user.presence_visible,
    }
}

pub(crate) async fn me_of(state: &AppState, user: &user::Model) -> ApiResult<Me> {
    let organisation = match user.organisation_id {
        None => None,
        Some(id) => match user.role.as_str() {
            "exhibitor" => {
                let exhibitor = state.store.exhibitor(id).await?;
                Some(OrganisationSummary {
                    id,
                    kind: "supplier".to_owned(),
                    name: exhibitor.organisation.name,
                    slug: Some(exhibitor.booth.slug),
                })
            }
            _ => {
                let buyer = state.store.buyer(id).await?;
                Some(OrganisationSummary { id, kind: "buyer".to_owned(), name: buyer.name, slug: None })
            }
        },
    };
    Ok(Me { user: user_view(user), organisation })
}

/// Starts a session for `user` and returns the response setting its cookie.
pub(crate) async fn start_session(
    state: &AppState,
    user: &user::Model,
    headers: &HeaderMap,
    address: ClientAddress,
    status: StatusCode,
) -> ApiResult<Response> {
    let token = new_token();
    let now = Utc::now();
    let ttl = state.config.session_ttl;
    state
        .store
        .insert_session(session::Model {
            token_hash: hash_token(&token),
            user_id: user.id,
            created_at: now,
            expires_at: now + ttl,
            last_seen_at: now,
            user_agent: headers
                .get(header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(|ua| ua.chars().take(300).collect()),
            ip: address.0.map(|ip| ip.to_string()),
        })
        .await?;
    let me = me_of(state, user).await?;
    let mut response = (status, Json(me)).into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, session_cookie(&token, ttl.num_seconds(), state.config.secure_cookies));
    Ok(response)
}

fn retry_after(blocked_until: chrono::DateTime<Utc>) -> ApiError {
    let seconds = (blocked_until - Utc::now()).num_seconds().max(1) as u64;
    ApiError::TooManyAttempts { retry_after_seconds: seconds }
}

/// Sign in with e-mail and password.
///
/// Sets an HttpOnly session cookie. After 5 failures for one account, or 30 from one
/// address, within 15 minutes, further attempts get 429 for 15 minutes.
#[utoipa::path(
    post, path = "/api/v1/auth/login", operation_id = "login", tag = "accounts",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = Me),
        (status = 401, description = "Wrong e-mail or password (`invalid_credentials`)", body = ErrorBody),
        (status = 429, description = "Too many failed attempts (`too_many_attempts`)", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds until sign-in is allowed again"))),
    )
)]
pub(crate) async fn login(
    State(state): State<AppState>,
    address: ClientAddress,
    headers: HeaderMap,
    ApiJson(body): ApiJson<LoginRequest>,
) -> ApiResult<Response> {
    // Something that is not an e-mail address cannot sign in: answer without a lookup.
    let Ok(email) = validate::email("email", &body.email) else {
        return Err(ApiError::InvalidCredentials);
    };
    if body.password.is_empty() || body.password.chars().count() > 128 {
        return Err(ApiError::InvalidCredentials);
    }
    let account_key = format!("account:{email}");
    let address_key = format!("address:{}", address.0.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string()));
    let now = Utc::now();
    if let Some(block) = state
        .store
        .login_blocks(&[account_key.clone(), address_key.clone()], now)
        .await?
        .first()
        .and_then(|row| row.blocked_until)
    {
        metrics::counter!("fair_logins_total", "outcome" => "throttled").increment(1);
        return Err(retry_after(block));
    }

    let user = state.store.user_by_email(&email).await?;
    let verified = passwords::verify(body.password, user.as_ref().map(|u| u.password_hash.clone())).await?;
    match user {
        Some(user) if verified && !user.disabled => {
            state.store.clear_login_failures(&account_key).await?;
            metrics::counter!("fair_logins_total", "outcome" => "success").increment(1);
            tracing::info!(user_id = %user.id, "signed in");
            start_session(&state, &user, &headers, address, StatusCode::OK).await
        }
        _ => {
            let window = Duration::minutes(throttle::WINDOW_MINUTES);
            let block = Duration::minutes(throttle::BLOCK_MINUTES);
            state.store.record_login_failure(&account_key, now, window, throttle::ACCOUNT_MAX_FAILURES, block).await?;
            state.store.record_login_failure(&address_key, now, window, throttle::ADDRESS_MAX_FAILURES, block).await?;
            metrics::counter!("fair_logins_total", "outcome" => "failure").increment(1);
            Err(ApiError::InvalidCredentials)
        }
    }
}

/// Sign out: ends this session on the server and clears the cookie.
#[utoipa::path(
    post, path = "/api/v1/auth/logout", operation_id = "logout", tag = "accounts",
    responses((status = 204, description = "Signed out"), (status = 401, body = ErrorBody))
)]
pub(crate) async fn logout(State(state): State<AppState>, user: CurrentUser) -> ApiResult<Response> {
    state.store.delete_session(&user.session_hash).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    response.headers_mut().insert(header::SET_COOKIE, clear_session_cookie(state.config.secure_cookies));
    Ok(response)
}

/// The signed-in user and their company.
#[utoipa::path(
    get, path = "/api/v1/auth/me", operation_id = "get_me", tag = "accounts",
    responses((status = 200, body = Me), (status = 401, body = ErrorBody))
)]
pub(crate) async fn me(State(state): State<AppState>, user: CurrentUser) -> ApiResult<Json<Me>> {
    Ok(Json(me_of(&state, &user.user).await?))
}

/// Change one's name, UI language and time zone.
#[utoipa::path(
    put, path = "/api/v1/auth/me", operation_id = "update_me", tag = "accounts",
    request_body = UpdateMe,
    responses((status = 200, body = Me), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub(crate) async fn update_me(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(body): ApiJson<UpdateMe>,
) -> ApiResult<Json<Me>> {
    let mut errors = fair_domain::ValidationErrors::default();
    let name = errors.check(validate::text("display_name", &body.display_name, 1, 120));
    let language =
        errors.check(body.preferred_language.parse::<UiLanguage>().map(|l| l.tag().to_owned()).map_err(|_| {
            fair_domain::ValidationError::new("preferred_language", "unknown", "must be vi, en, ja or zh-Hant")
        }));
    let zone = errors.check(validate::time_zone("time_zone", &body.time_zone));
    let (name, language, zone) = errors.finish(|| (name, language, zone))?;
    let (Some(name), Some(language), Some(zone)) = (name, language, zone) else {
        return Err(ApiError::InvalidBody("invalid profile".to_owned()));
    };
    let updated =
        state.store.update_user_profile(user.user.id, name, language, zone, body.presence_visible, Utc::now()).await?;
    Ok(Json(me_of(&state, &updated).await?))
}

/// Change one's password. Other sessions of the user end.
#[utoipa::path(
    post, path = "/api/v1/auth/password", operation_id = "change_password", tag = "accounts",
    request_body = ChangePassword,
    responses(
        (status = 204, description = "Changed"),
        (status = 401, description = "Not signed in, or the current password is wrong", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn change_password(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(body): ApiJson<ChangePassword>,
) -> ApiResult<StatusCode> {
    let new_password = validate::password("new_password", &body.new_password)?;
    if body.current_password.chars().count() > 128
        || !passwords::verify(body.current_password, Some(user.user.password_hash.clone())).await?
    {
        return Err(ApiError::InvalidCredentials);
    }
    let hash = passwords::hash(new_password).await?;
    state.store.set_password_hash(user.user.id, hash, Utc::now()).await?;
    state.store.delete_sessions_of_user(user.user.id, Some(&user.session_hash)).await?;
    Ok(StatusCode::NO_CONTENT)
}
