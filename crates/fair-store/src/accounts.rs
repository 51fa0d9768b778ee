//! Users, sessions, invitations and login throttling.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, Set};
use uuid::Uuid;

use crate::entities::{StringList, invitation, login_throttle, session, staff_member, user};
use crate::{Store, StoreError, StoreResult};

impl Store {
    pub async fn user(&self, id: Uuid) -> StoreResult<user::Model> {
        user::Entity::find_by_id(id).one(self.db()).await?.ok_or(StoreError::NotFound)
    }

    pub async fn user_by_email(&self, email: &str) -> StoreResult<Option<user::Model>> {
        Ok(user::Entity::find().filter(user::Column::Email.eq(email)).one(self.db()).await?)
    }

    /// Inserts a user; `Conflict` on `email` if the address is taken.
    pub async fn insert_user(&self, user: user::Model) -> StoreResult<user::Model> {
        user::Entity::insert(user.clone().into_active_model()).exec_without_returning(self.db()).await?;
        Ok(user)
    }

    pub async fn update_user_profile(
        &self,
        id: Uuid,
        display_name: String,
        preferred_language: String,
        time_zone: String,
        presence_visible: Option<bool>,
        now: DateTime<Utc>,
    ) -> StoreResult<user::Model> {
        let mut user = self.user(id).await?.into_active_model();
        user.display_name = Set(display_name);
        user.preferred_language = Set(preferred_language);
        user.time_zone = Set(time_zone);
        if let Some(visible) = presence_visible {
            user.presence_visible = Set(visible);
        }
        user.updated_at = Set(now);
        Ok(user.update(self.db()).await?)
    }

    pub async fn set_password_hash(&self, id: Uuid, password_hash: String, now: DateTime<Utc>) -> StoreResult<()> {
        let result = user::Entity::update_many()
            .col_expr(user::Column::PasswordHash, Expr::value(password_hash))
            .col_expr(user::Column::UpdatedAt, Expr::value(now))
            .filter(user::Column::Id.eq(id))
            .exec(self.db())
            .await?;
        if result.rows_affected == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    pub async fn users_of_organisation(&self, organisation_id: Uuid) -> StoreResult<Vec<user::Model>> {
        Ok(user::Entity::find()
            .filter(user::Column::OrganisationId.eq(organisation_id))
            .order_by_asc(user::Column::Id)
            .all(self.db())
            .await?)
    }

    pub async fn insert_session(&self, session: session::Model) -> StoreResult<()> {
        session::Entity::insert(session.into_active_model()).exec_without_returning(self.db()).await?;
        Ok(())
    }

    /// The unexpired session with this token hash and its enabled user.
    pub async fn session_user(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<(session::Model, user::Model)>> {
        let found = session::Entity::find_by_id(token_hash.to_owned())
            .filter(session::Column::ExpiresAt.gt(now))
            .find_also_related(user::Entity)
            .one(self.db())
            .await?;
        Ok(match found {
            Some((session, Some(user))) if !user.disabled => Some((session, user)),
            _ => None,
        })
    }

    pub async fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
        session::Entity::delete_by_id(token_hash.to_owned()).exec(self.db()).await?;
        Ok(())
    }

    /// Ends every session of a user except, optionally, the one in use.
    pub async fn delete_sessions_of_user(&self, user_id: Uuid, keep: Option<&str>) -> StoreResult<u64> {
        let mut delete = session::Entity::delete_many().filter(session::Column::UserId.eq(user_id));
        if let Some(keep) = keep {
            delete = delete.filter(session::Column::TokenHash.ne(keep));
        }
        Ok(delete.exec(self.db()).await?.rows_affected)
    }

    pub async fn purge_expired_sessions(&self, now: DateTime<Utc>) -> StoreResult<u64> {
        Ok(session::Entity::delete_many()
            .filter(session::Column::ExpiresAt.lte(now))
            .exec(self.db())
            .await?
            .rows_affected)
    }

    pub async fn insert_invitation(&self, invitation: invitation::Model) -> StoreResult<invitation::Model> {
        invitation::Entity::insert(invitation.clone().into_active_model()).exec_without_returning(self.db()).await?;
        Ok(invitation)
    }

    pub async fn invitation_by_token_hash(&self, token_hash: &str) -> StoreResult<Option<invitation::Model>> {
        Ok(invitation::Entity::find().filter(invitation::Column::TokenHash.eq(token_hash)).one(self.db()).await?)
    }

    /// Invitations, newest first, optionally of one organisation.
    pub async fn invitations(
        &self,
        organisation_id: Option<Uuid>,
        before: Option<Uuid>,
        limit: u64,
    ) -> StoreResult<Vec<invitation::Model>> {
        let mut query = invitation::Entity::find().order_by_desc(invitation::Column::Id).limit(limit);
        if let Some(organisation_id) = organisation_id {
            query = query.filter(invitation::Column::OrganisationId.eq(organisation_id));
        }
        if let Some(before) = before {
            query = query.filter(invitation::Column::Id.lt(before));
        }
        Ok(query.all(self.db()).await?)
    }

    /// Accepts an invitation: marks it used (exactly once, even under concurrent
    /// attempts), creates the user and, for exhibitor staff, links or creates their
    /// staff-member record. All or nothing.
    pub async fn accept_invitation(
        &self,
        invitation_id: Uuid,
        user: user::Model,
        now: DateTime<Utc>,
    ) -> StoreResult<user::Model> {
        let tx = self.write_transaction().await?;
        let marked = invitation::Entity::update_many()
            .col_expr(invitation::Column::AcceptedAt, Expr::value(now))
            .filter(invitation::Column::Id.eq(invitation_id))
            .filter(invitation::Column::AcceptedAt.is_null())
            .filter(invitation::Column::ExpiresAt.gt(now))
            .exec(&tx)
            .await?;
        if marked.rows_affected != 1 {
            return Err(StoreError::Precondition("invitation already used or expired"));
        }
        user::Entity::insert(user.clone().into_active_model()).exec_without_returning(&tx).await?;
        invitation::Entity::update_many()
            .col_expr(invitation::Column::AcceptedUserId, Expr::value(user.id))
            .filter(invitation::Column::Id.eq(invitation_id))
            .exec(&tx)
            .await?;
        if let (Some(organisation_id), "exhibitor") = (user.organisation_id, user.role.as_str()) {
            let existing = staff_member::Entity::find()
                .filter(staff_member::Column::OrganisationId.eq(organisation_id))
                .filter(staff_member::Column::Email.eq(user.email.clone()))
                .filter(staff_member::Column::UserId.is_null())
                .one(&tx)
                .await?;
            match existing {
                Some(member) => {
                    let mut member = member.into_active_model();
                    member.user_id = Set(Some(user.id));
                    member.updated_at = Set(now);
                    member.update(&tx).await?;
                }
                None => {
                    let member = staff_member::Model {
                        id: Uuid::now_v7(),
                        organisation_id,
                        user_id: Some(user.id),
                        full_name: user.display_name.clone(),
                        job_title: None,
                        email: Some(user.email.clone()),
                        phone: None,
                        languages: StringList(vec![user.preferred_language.clone()]),
                        shown_on_booth: false,
                        created_at: now,
                        updated_at: now,
                    };
                    staff_member::Entity::insert(member.into_active_model()).exec_without_returning(&tx).await?;
                }
            }
        }
        tx.commit().await?;
        Ok(user)
    }

    /// The throttle rows of these keys that still block at `now`, longest block first.
    pub async fn login_blocks(&self, keys: &[String], now: DateTime<Utc>) -> StoreResult<Vec<login_throttle::Model>> {
        Ok(login_throttle::Entity::find()
            .filter(login_throttle::Column::Key.is_in(keys.iter().cloned()))
            .filter(login_throttle::Column::BlockedUntil.gt(now))
            .order_by_desc(login_throttle::Column::BlockedUntil)
            .all(self.db())
            .await?)
    }

    /// Counts one failed sign-in for `key`. After `max_failures` within `window` the
    /// key is blocked for `block_for`; a new window starts once the old one has passed.
    pub async fn record_login_failure(
        &self,
        key: &str,
        now: DateTime<Utc>,
        window: Duration,
        max_failures: i32,
        block_for: Duration,
    ) -> StoreResult<()> {
        let tx = self.write_transaction().await?;
        let current = login_throttle::Entity::find_by_id(key.to_owned()).one(&tx).await?;
        let (failures, window_started_at) = match current {
            Some(row) if row.window_started_at + window > now => (row.failures + 1, row.window_started_at),
            _ => (1, now),
        };
        let blocked_until = (failures >= max_failures).then_some(now + block_for);
        let row = login_throttle::ActiveModel {
            key: Set(key.to_owned()),
            failures: Set(failures),
            window_started_at: Set(window_started_at),
            blocked_until: Set(blocked_until),
        };
        login_throttle::Entity::insert(row)
            .on_conflict(
                OnConflict::column(login_throttle::Column::Key)
                    .update_columns([
                        login_throttle::Column::Failures,
                        login_throttle::Column::WindowStartedAt,
                        login_throttle::Column::BlockedUntil,
                    ])
                    .to_owned(),
            )
            .exec_without_returning(&tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn clear_login_failures(&self, key: &str) -> StoreResult<()> {
        login_throttle::Entity::delete_by_id(key.to_owned()).exec(self.db()).await?;
        Ok(())
    }
}

impl Store {
    /// Removes a user; their sessions go with them.
    pub async fn delete_user(&self, id: Uuid) -> StoreResult<()> {
        user::Entity::delete_by_id(id).exec(self.db()).await?;
        Ok(())
    }
}

impl Store {
    pub async fn invitation(&self, id: Uuid) -> StoreResult<Option<invitation::Model>> {
        Ok(invitation::Entity::find_by_id(id).one(self.db()).await?)
    }

    /// Deletes the invitation if it is still unused; `false` if it was used meanwhile.
    pub async fn delete_unused_invitation(&self, id: Uuid) -> StoreResult<bool> {
        let deleted = invitation::Entity::delete_many()
            .filter(invitation::Column::Id.eq(id))
            .filter(invitation::Column::AcceptedAt.is_null())
            .exec(self.db())
            .await?;
        Ok(deleted.rows_affected == 1)
    }

    /// Names of organisations by id (unknown ids are left out).
    pub async fn organisation_names(&self, ids: &[Uuid]) -> StoreResult<std::collections::HashMap<Uuid, String>> {
        use crate::entities::organisation;
        if ids.is_empty() {
            return Ok(Default::default());
        }
        let rows: Vec<(Uuid, String)> = organisation::Entity::find()
            .select_only()
            .column(organisation::Column::Id)
            .column(organisation::Column::Name)
            .filter(organisation::Column::Id.is_in(ids.iter().copied()))
            .into_tuple()
            .all(self.db())
            .await?;
        Ok(rows.into_iter().collect())
    }
}
