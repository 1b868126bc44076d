//! How domain values are written to and read from SQLite columns.
//!
//! Owns: `ToSql`/`FromSql` for typed ids and text enums, and JSON lists.
//! Must not import: ratatui, crossterm, tokio.

use crate::domain::*;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

macro_rules! sql_id {
    ($($name:ident),*) => {$(
        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.0))
            }
        }
        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map($name)
            }
        }
    )*};
}

sql_id!(
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

macro_rules! sql_text_enum {
    ($($name:ident),*) => {$(
        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.id()))
            }
        }
        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                value.as_str()?.parse().map_err(|e: String| FromSqlError::Other(e.into()))
            }
        }
    )*};
}

sql_text_enum!(Frequency, ProjectStatus, TensionKind, RuleSet);

/// A list of strings stored as a JSON array.
pub fn list_to_json(items: &[String]) -> String {
    // Serialising a slice of strings to JSON cannot fail.
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}

/// Reads a JSON array column.
pub fn list_from_json(text: &str) -> rusqlite::Result<Vec<String>> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}
