use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

/// A signed-in user.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UserView {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    /// `organiser`, `exhibitor` or `buyer`.
    pub role: String,
    /// For exhibitor staff: `admin` or `rep`.
    pub staff_role: Option<String>,
    /// The exhibitor (for exhibitor staff) or buyer company (for buyers).
    pub organisation_id: Option<Uuid>,
    /// UI language: `vi`, `en`, `ja` or `zh-Hant`.
    pub preferred_language: String,
    /// IANA time zone the user's times are shown in.
    pub time_zone: String,
    /// Agreed to be named to an exhibitor's staff when at their booth (otherwise
    /// counted as an anonymous visitor).
    pub presence_visible: bool,
}

/// The current session: the user and, if any, their company.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Me {
    pub user: UserView,
    pub organisation: Option<OrganisationSummary>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OrganisationSummary {
    pub id: Uuid,
    /// `supplier` or `buyer`.
    pub kind: String,
    pub name: String,
    /// The booth's slug, for suppliers.
    pub slug: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMe {
    pub display_name: String,
    pub preferred_language: String,
    pub time_zone: String,
    /// Let exhibitors' staff see one's name while at their booth; unchanged when absent.
    #[serde(default)]
    pub presence_visible: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePassword {
    pub current_password: String,
    pub new_password: String,
}

/// Invite a person: organisers invite exhibitor staff, buyers and organisers; an
/// exhibitor's admin invites colleagues of their own exhibitor.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateInvitation {
    pub email: String,
    /// `organiser`, `exhibitor` or `buyer`.
    pub role: String,
    /// Required for `exhibitor` (the supplier) and `buyer` (the buyer company).
    #[serde(default)]
    pub organisation_id: Option<Uuid>,
    /// For exhibitor staff: `admin` or `rep` (default `rep`).
    #[serde(default)]
    pub staff_role: Option<String>,
    /// Pre-filled name, which the invitee may change.
    #[serde(default)]
    pub display_name: Option<String>,
}

/// A new invitation. The token is shown once: it is stored only as a hash.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct InvitationCreated {
    pub id: Uuid,
    pub email: String,
    pub role: String,
    pub token: String,
    /// The link to send to the invitee.
    pub accept_url: String,
    pub expires_at: DateTime<Utc>,
}

/// What the invitee sees before accepting.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct InvitationView {
    pub email: String,
    pub role: String,
    pub staff_role: Option<String>,
    pub organisation_name: Option<String>,
    pub display_name: Option<String>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptInvitation {
    pub display_name: String,
    pub password: String,
    /// UI language, default `vi`.
    #[serde(default)]
    pub preferred_language: Option<String>,
}

/// An invitation as organisers and exhibitor admins list them.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct InvitationSummary {
    pub id: Uuid,
    pub email: String,
    pub role: String,
    pub staff_role: Option<String>,
    pub organisation_id: Option<Uuid>,
    pub organisation_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct InvitationPage {
    pub items: Vec<InvitationSummary>,
    pub next_cursor: Option<String>,
}
