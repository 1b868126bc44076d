//! How values cross to and from PostgreSQL: binding the shared `Value`, reading typed ids
//! and text enums from rows, and PostgreSQL's errors as `StoreError`.
//!
//! Owns: those conversions. Must not import: ratatui, crossterm, `crate::app`, `crate::ui`.

use super::super::StoreError;
use super::super::sql::Value;
use crate::domain::*;
use bytes::BytesMut;
use tokio_postgres::error::SqlState;
use tokio_postgres::types::{FromSql, IsNull, ToSql, Type};

type BoxError = Box<dyn std::error::Error + Sync + Send>;

impl ToSql for Value {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        match self {
            Value::Int(v) => v.to_sql(ty, out),
            Value::Real(v) => v.to_sql(ty, out),
            Value::Text(v) => v.to_sql(ty, out),
            Value::Bool(v) => v.to_sql(ty, out),
            Value::Date(v) => v.to_sql(ty, out),
            Value::Time(v) => v.to_sql(ty, out),
            Value::OptTime(v) => v.to_sql(ty, out),
        }
    }

    /// Every type is offered; `to_sql_checked` below checks the one each value can be.
    fn accepts(_: &Type) -> bool {
        true
    }

    fn to_sql_checked(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        match self {
            Value::Int(v) => v.to_sql_checked(ty, out),
            Value::Real(v) => v.to_sql_checked(ty, out),
            Value::Text(v) => v.to_sql_checked(ty, out),
            Value::Bool(v) => v.to_sql_checked(ty, out),
            Value::Date(v) => v.to_sql_checked(ty, out),
            Value::Time(v) => v.to_sql_checked(ty, out),
            Value::OptTime(v) => v.to_sql_checked(ty, out),
        }
    }
}

macro_rules! pg_id {
    ($($name:ident),*) => {$(
        impl<'a> FromSql<'a> for $name {
            fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
                i64::from_sql(ty, raw).map($name)
            }
            fn accepts(ty: &Type) -> bool {
                <i64 as FromSql>::accepts(ty)
            }
        }
    )*};
}

pg_id!(
    PersonId,
    CircleId,
    RoleId,
    AssignmentId,
    PolicyId,
    ChecklistItemId,
    MetricId,
    ProjectId,
    NextActionId,
    TensionId
);

macro_rules! pg_text_enum {
    ($($name:ident),*) => {$(
        impl<'a> FromSql<'a> for $name {
            fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
                let text = <&str as FromSql>::from_sql(ty, raw)?;
                text.parse().map_err(|e: String| e.into())
            }
            fn accepts(ty: &Type) -> bool {
                <&str as FromSql>::accepts(ty)
            }
        }
    )*};
}

pg_text_enum!(Frequency, ProjectStatus, TensionKind, RuleSet);

/// PostgreSQL's error in one short line: the server's message (with its detail) or the
/// driver's. Lock waits past the timeout are `Busy`, a foreign key not met `Dangling`.
pub fn store_error(e: &tokio_postgres::Error) -> StoreError {
    if let Some(db) = e.as_db_error() {
        if *db.code() == SqlState::LOCK_NOT_AVAILABLE
            || *db.code() == SqlState::T_R_DEADLOCK_DETECTED
        {
            return StoreError::Busy;
        }
        let detail = db.detail().map(|d| format!(" ({d})")).unwrap_or_default();
        let message = crate::domain::text::clean_line(&format!("{}{detail}", db.message()));
        if *db.code() == SqlState::FOREIGN_KEY_VIOLATION {
            return StoreError::Dangling { message };
        }
        return StoreError::Sql {
            message,
            code: None,
        };
    }
    StoreError::Sql {
        message: crate::domain::text::clean_line(&e.to_string()),
        code: None,
    }
}

impl From<tokio_postgres::Error> for StoreError {
    fn from(e: tokio_postgres::Error) -> StoreError {
        store_error(&e)
    }
}
