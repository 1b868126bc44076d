//! The SQL both backends run alike: statements written once with `?N` placeholders, values
//! that either backend can bind, and the small statement interface (`Sql`) through which the
//! shared writes (`effects`, the organisation import) reach a transaction of either.
//!
//! Owns: `Value`, `Sql`, SQLite's implementation of `Sql`, and the placeholder translation
//! for PostgreSQL (`?N` to `$N`). Must not import: ratatui, crossterm, tokio, tokio_postgres.

use super::StoreError;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::{ToSql, ToSqlOutput};

/// A value bound to a placeholder. `None` is SQL NULL of the variant's type (PostgreSQL
/// wants to know the type even of a NULL).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An integer: an id, a sequence number.
    Int(Option<i64>),
    /// A floating-point number (a metric value).
    Real(f64),
    /// Text, JSON text included.
    Text(Option<String>),
    /// A truth value (0 or 1 in SQLite).
    Bool(bool),
    /// A calendar date (a period, a term end).
    Date(Option<NaiveDate>),
    /// A moment.
    Time(DateTime<Utc>),
    /// A moment, or none (a person who has not left).
    OptTime(Option<DateTime<Utc>>),
}

impl Value {
    /// An integer value.
    pub fn int(v: impl Into<i64>) -> Value {
        Value::Int(Some(v.into()))
    }

    /// A text value.
    pub fn text(v: impl Into<String>) -> Value {
        Value::Text(Some(v.into()))
    }

    /// Text, or NULL.
    pub fn opt_text(v: Option<impl Into<String>>) -> Value {
        Value::Text(v.map(Into::into))
    }
}

/// Statements of one open transaction, whichever database it is in.
pub trait Sql {
    /// Runs a statement; answers how many rows it changed.
    fn run(&self, sql: &str, args: &[Value]) -> Result<u64, StoreError>;
    /// The first column, an integer, of every row a query returns.
    fn ints(&self, sql: &str, args: &[Value]) -> Result<Vec<i64>, StoreError>;
    /// The first column, text, of the first row a query returns.
    fn text(&self, sql: &str, args: &[Value]) -> Result<Option<String>, StoreError>;
    /// Every row a query returns, each column text or NULL (a query casts any other column
    /// to text: `CAST(id AS TEXT)`).
    fn texts(&self, sql: &str, args: &[Value]) -> Result<Vec<Vec<Option<String>>>, StoreError>;

    /// Runs an `INSERT … RETURNING id` and answers the id.
    fn insert(&self, sql: &str, args: &[Value]) -> Result<i64, StoreError> {
        self.ints(sql, args)?
            .first()
            .copied()
            .ok_or_else(|| StoreError::Invalid("an insert returned no id".into()))
    }
}

impl ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        match self {
            Value::Int(v) => v.to_sql(),
            Value::Real(v) => v.to_sql(),
            Value::Text(v) => v.to_sql(),
            Value::Bool(v) => v.to_sql(),
            Value::Date(v) => v.to_sql(),
            Value::Time(v) => v.to_sql(),
            Value::OptTime(v) => v.to_sql(),
        }
    }
}

impl Sql for rusqlite::Connection {
    fn run(&self, sql: &str, args: &[Value]) -> Result<u64, StoreError> {
        let changed = self
            .prepare_cached(sql)?
            .execute(rusqlite::params_from_iter(args))?;
        Ok(changed as u64)
    }

    fn ints(&self, sql: &str, args: &[Value]) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self.prepare_cached(sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(rows)
    }

    fn text(&self, sql: &str, args: &[Value]) -> Result<Option<String>, StoreError> {
        let mut stmt = self.prepare_cached(sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
        match rows.next()? {
            Some(row) => Ok(row.get(0)?),
            None => Ok(None),
        }
    }

    fn texts(&self, sql: &str, args: &[Value]) -> Result<Vec<Vec<Option<String>>>, StoreError> {
        let mut stmt = self.prepare_cached(sql)?;
        let width = stmt.column_count();
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), |r| {
                (0..width).map(|i| r.get(i)).collect()
            })?
            .collect::<rusqlite::Result<Vec<Vec<Option<String>>>>>()?;
        Ok(rows)
    }
}

/// `sql` with its `?N` placeholders written `$N`, as PostgreSQL numbers them. A `?` inside a
/// quoted string or identifier is left alone.
pub fn numbered_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut quote: Option<char> = None;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '?' && chars.peek().is_some_and(char::is_ascii_digit) => {
                out.push('$');
                continue;
            }
            None => {}
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::numbered_placeholders;

    #[test]
    fn placeholders_are_numbered_outside_quotes_only() {
        assert_eq!(
            numbered_placeholders("SELECT '?1', \"a?2\" FROM t WHERE a = ?1 AND b = ?12 OR c ?"),
            "SELECT '?1', \"a?2\" FROM t WHERE a = $1 AND b = $12 OR c ?"
        );
    }
}
