use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use chrono::Utc;
use fair_api_types::{
    AcceptInvitation, CreateInvitation, ErrorBody, InvitationCreated, InvitationPage, InvitationSummary,
    InvitationView, Me, PageQuery,
};
use fair_domain::{Role, StaffRole, UiLanguage, ValidationError, ValidationErrors, validate};
use fair_http::{
    ApiError, ApiJson, ApiPath, ApiQuery, ApiResult, AppState, CurrentUser, OrNotFound, Page, hash_token, new_token,
};
use fair_store::entities::{invitation, user};
use serde::Deserialize;
use uuid::Uuid;

use crate::passwords;
use crate::sessions::start_session;
use fair_http::ClientAddress;

/// The link an invitee opens: on the public origin when configured, else on the
/// origin the inviter used.
pub fn invitation_link(state: &AppState, headers: &HeaderMap, token: &str) -> String {
    let origin = state.config.public_url.clone().unwrap_or_else(|| {
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
        let scheme = if state.config.secure_cookies { "https" } else { "http" };
        format!("{scheme}://{host}")
    });
    format!("{}/invite/{token}", origin.trim_end_matches('/'))
}

fn summary(invitation: invitation::Model, names: &HashMap<Uuid, String>) -> InvitationSummary {
    InvitationSummary {
        id: invitation.id,
        email: invitation.email,
        role: invitation.role,
        staff_role: invitation.staff_role,
        organisation_name: invitation.organisation_id.and_then(|id| names.get(&id).cloned()),
        organisation_id: invitation.organisation_id,
        created_at: invitation.created_at,
        expires_at: invitation.expires_at,
        accepted_at: invitation.accepted_at,
    }
}

/// Invite someone by e-mail.
///
/// Organisers invite organisers, exhibitor staff and buyers; an exhibitor's admin
/// invites colleagues to their own exhibitor. The response carries the one-time link
/// to send; the token is stored only as a hash.
#[utoipa::path(
    post, path = "/api/v1/invitations", operation_id = "create_invitation", tag = "accounts",
    request_body = CreateInvitation,
    responses(
        (status = 201, body = InvitationCreated),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, description = "A user with this e-mail exists (`email_taken`)", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn create_invitation(
    State(state): State<AppState>,
    inviter: CurrentUser,
    headers: HeaderMap,
    ApiJson(body): ApiJson<CreateInvitation>,
) -> ApiResult<(StatusCode, Json<InvitationCreated>)> {
    let mut errors = ValidationErrors::default();
    let email = errors.check(validate::email("email", &body.email));
    let role = errors.check(
        body.role
            .parse::<Role>()
            .map_err(|_| ValidationError::new("role", "unknown", "must be organiser, exhibitor or buyer")),
    );
    let display_name =
        errors.check(validate::optional_text("display_name", body.display_name.as_deref(), 120)).flatten();
    let staff_role = match (role, body.staff_role.as_deref()) {
        (Some(Role::Exhibitor), None) => Some(StaffRole::Rep),
        (Some(Role::Exhibitor), Some(value)) => errors.check(
            value
                .parse::<StaffRole>()
                .map_err(|_| ValidationError::new("staff_role", "unknown", "must be admin or rep")),
        ),
        (Some(_), Some(_)) => {
            errors.push(ValidationError::new("staff_role", "invalid", "only exhibitor staff have a staff role"));
            None
        }
        // The role itself is invalid and reported: do not blame the staff role too.
        (None, Some(_)) => None,
        (_, None) => None,
    };
    let organisation_id = match (role, body.organisation_id) {
        (Some(Role::Organiser), Some(_)) => {
            errors.push(ValidationError::new("organisation_id", "invalid", "organisers belong to no company"));
            None
        }
        (Some(Role::Exhibitor | Role::Buyer), None) => {
            errors.push(ValidationError::new(
                "organisation_id",
                "required",
                "exhibitor staff and buyers belong to a company",
            ));
            None
        }
        (_, id) => id,
    };
    let (email, role) = match errors.finish(|| (email, role))? {
        (Some(email), Some(role)) => (email, role),
        _ => return Err(ApiError::InvalidBody("invalid invitation".to_owned())),
    };

    // Who may invite whom, checked against the company named.
    let principal = &inviter.principal;
    match (role, organisation_id) {
        (Role::Organiser, _) if !principal.is_organiser() => return Err(ApiError::Forbidden),
        (Role::Exhibitor, Some(id)) => {
            if !principal.can_manage_staff(fair_domain::OrganisationId(id)) {
                return Err(ApiError::Forbidden);
            }
            state.store.exhibitor(id).await.or_not_found("organisation").map_err(|err| match err {
                ApiError::NotFound(_) => ApiError::field("organisation_id", "unknown", "no exhibitor has this id"),
                other => other,
            })?;
        }
        (Role::Buyer, Some(id)) => {
            if !principal.is_organiser() {
                return Err(ApiError::Forbidden);
            }
            state.store.buyer(id).await.or_not_found("organisation").map_err(|err| match err {
                ApiError::NotFound(_) => ApiError::field("organisation_id", "unknown", "no buyer company has this id"),
                other => other,
            })?;
        }
        _ => {}
    }
    if state.store.user_by_email(&email).await?.is_some() {
        return Err(ApiError::conflict("email_taken", "someone already signs in with this e-mail"));
    }

    let token = new_token();
    let now = Utc::now();
    let invitation = state
        .store
        .insert_invitation(invitation::Model {
            id: Uuid::now_v7(),
            token_hash: hash_token(&token),
            email: email.clone(),
            role: role.as_str().to_owned(),
            organisation_id,
            staff_role: staff_role.map(|r| r.as_str().to_owned()),
            display_name,
            invited_by: Some(inviter.user.id),
            created_at: now,
            expires_at: now + state.config.invitation_ttl,
            accepted_at: None,
            accepted_user_id: None,
        })
        .await?;
    tracing::info!(invitation_id = %invitation.id, role = %invitation.role, "invitation created");
    Ok((
        StatusCode::CREATED,
        Json(InvitationCreated {
            id: invitation.id,
            email,
            role: invitation.role,
            accept_url: invitation_link(&state, &headers, &token),
            token,
            expires_at: invitation.expires_at,
        }),
    ))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct InvitationFilter {
    /// Only invitations to this company.
    organisation_id: Option<Uuid>,
}

/// Invitations, newest first: all of them for organisers, their own company's for
/// an exhibitor's admin.
#[utoipa::path(
    get, path = "/api/v1/invitations", operation_id = "list_invitations", tag = "accounts",
    params(PageQuery, InvitationFilter),
    responses((status = 200, body = InvitationPage), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody))
)]
pub(crate) async fn list_invitations(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(page): ApiQuery<PageQuery>,
    ApiQuery(filter): ApiQuery<InvitationFilter>,
) -> ApiResult<Json<InvitationPage>> {
    let page = Page::from_query(&page)?;
    let organisation = if user.principal.is_organiser() {
        filter.organisation_id
    } else {
        match user.principal.organisation_id {
            Some(own)
                if user.principal.can_manage_staff(own) && filter.organisation_id.is_none_or(|id| id == own.0) =>
            {
                Some(own.0)
            }
            _ => return Err(ApiError::Forbidden),
        }
    };
    let rows = state.store.invitations(organisation, page.after, page.fetch_limit()).await?;
    let (rows, next_cursor) = page.finish(rows, |row| row.id);
    let ids: Vec<Uuid> = rows.iter().filter_map(|row| row.organisation_id).collect();
    let names = state.store.organisation_names(&ids).await?;
    Ok(Json(InvitationPage { items: rows.into_iter().map(|row| summary(row, &names)).collect(), next_cursor }))
}

async fn usable_invitation(state: &AppState, token: &str) -> ApiResult<invitation::Model> {
    if token.len() > 128 {
        return Err(ApiError::NotFound("invitation"));
    }
    let invitation =
        state.store.invitation_by_token_hash(&hash_token(token)).await?.ok_or(ApiError::NotFound("invitation"))?;
    if invitation.accepted_at.is_some() {
        return Err(ApiError::Gone("this invitation has already been used".to_owned()));
    }
    if invitation.expires_at <= Utc::now() {
        return Err(ApiError::Gone("this invitation has expired; ask for a new one".to_owned()));
    }
    Ok(invitation)
}

async fn organisation_name(state: &AppState, invitation: &invitation::Model) -> ApiResult<Option<String>> {
    Ok(match (invitation.organisation_id, invitation.role.as_str()) {
        (Some(id), "exhibitor") => Some(state.store.exhibitor(id).await?.organisation.name),
        (Some(id), _) => Some(state.store.buyer(id).await?.name),
        (None, _) => None,
    })
}

/// What an invitation is for, before accepting it.
#[utoipa::path(
    get, path = "/api/v1/invite/{token}", operation_id = "get_invitation", tag = "accounts",
    params(("token" = String, Path, description = "The token from the invitation link")),
    responses(
        (status = 200, body = InvitationView),
        (status = 404, body = ErrorBody),
        (status = 410, description = "Used or expired (`gone`)", body = ErrorBody),
    )
)]
pub(crate) async fn show_invitation(
    State(state): State<AppState>,
    ApiPath(token): ApiPath<String>,
) -> ApiResult<Json<InvitationView>> {
    let invitation = usable_invitation(&state, &token).await?;
    Ok(Json(InvitationView {
        organisation_name: organisation_name(&state, &invitation).await?,
        email: invitation.email,
        role: invitation.role,
        staff_role: invitation.staff_role,
        display_name: invitation.display_name,
        expires_at: invitation.expires_at,
    }))
}

/// Accept an invitation: choose a name and password; signs the new user in.
#[utoipa::path(
    post, path = "/api/v1/invite/{token}/accept", operation_id = "accept_invitation", tag = "accounts",
    params(("token" = String, Path, description = "The token from the invitation link")),
    request_body = AcceptInvitation,
    responses(
        (status = 201, description = "Account created and signed in", body = Me),
        (status = 404, body = ErrorBody),
        (status = 409, description = "E-mail taken meanwhile (`email_taken`)", body = ErrorBody),
        (status = 410, description = "Used or expired (`gone`)", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub(crate) async fn accept_invitation(
    State(state): State<AppState>,
    address: ClientAddress,
    headers: HeaderMap,
    ApiPath(token): ApiPath<String>,
    ApiJson(body): ApiJson<AcceptInvitation>,
) -> ApiResult<Response> {
    let mut errors = ValidationErrors::default();
    let name = errors.check(validate::text("display_name", &body.display_name, 1, 120));
    let password = errors.check(validate::password("password", &body.password));
    let language = match body.preferred_language.as_deref() {
        None => Some(UiLanguage::default()),
        Some(tag) => errors.check(
            tag.parse::<UiLanguage>()
                .map_err(|_| ValidationError::new("preferred_language", "unknown", "must be vi, en, ja or zh-Hant")),
        ),
    };
    let (Some(name), Some(password), Some(language)) = errors.finish(|| (name, password, language))? else {
        return Err(ApiError::InvalidBody("invalid acceptance".to_owned()));
    };
    let invitation = usable_invitation(&state, &token).await?;

    // Buyers see times in their company's zone; everyone else in the fair's.
    let time_zone = match (invitation.role.as_str(), invitation.organisation_id) {
        ("buyer", Some(id)) => state.store.buyer(id).await?.time_zone,
        _ => "Asia/Ho_Chi_Minh".to_owned(),
    };
    let now = Utc::now();
    let user = user::Model {
        id: Uuid::now_v7(),
        email: invitation.email.clone(),
        display_name: name,
        password_hash: passwords::hash(password).await?,
        role: invitation.role.clone(),
        organisation_id: invitation.organisation_id,
        staff_role: invitation.staff_role.clone(),
        preferred_language: language.tag().to_owned(),
        time_zone,
        disabled: false,
        presence_visible: false,
        created_at: now,
        updated_at: now,
    };
    let user = match state.store.accept_invitation(invitation.id, user, now).await {
        Ok(user) => user,
        Err(err) if err.is_conflict_on("email") => {
            return Err(ApiError::conflict("email_taken", "someone already signs in with this e-mail"));
        }
        Err(fair_store::StoreError::Precondition(_)) => {
            return Err(ApiError::Gone("this invitation has already been used".to_owned()));
        }
        Err(err) => return Err(err.into()),
    };
    tracing::info!(user_id = %user.id, invitation_id = %invitation.id, "invitation accepted");
    start_session(&state, &user, &headers, address, StatusCode::CREATED).await
}

/// Withdraw an invitation that has not been used: its link stops working.
#[utoipa::path(
    delete, path = "/api/v1/invitations/{id}", operation_id = "revoke_invitation", tag = "accounts",
    params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "Already used (`invitation_used`)", body = ErrorBody),
    )
)]
pub(crate) async fn revoke_invitation(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<StatusCode> {
    let invitation = state.store.invitation(id).await?.ok_or(ApiError::NotFound("invitation"))?;
    let allowed = user.principal.is_organiser()
        || (invitation.role == "exhibitor"
            && invitation
                .organisation_id
                .is_some_and(|org| user.principal.can_manage_staff(fair_domain::OrganisationId(org))));
    if !allowed {
        return Err(ApiError::Forbidden);
    }
    if invitation.accepted_at.is_some() || !state.store.delete_unused_invitation(id).await? {
        return Err(ApiError::conflict("invitation_used", "this invitation has been used; remove the account instead"));
    }
    tracing::info!(invitation_id = %id, "invitation revoked");
    Ok(StatusCode::NO_CONTENT)
}
