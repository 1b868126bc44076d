//! Copying a whole organisation from one store to another (`roundtable db copy`): every
//! table, row for row with its ids, so that every meeting, version and answer comes across
//! as it was. The column kinds come from PostgreSQL's own schema (SQLite's declared types do
//! not say which text is a moment), so one side of a copy is PostgreSQL.
//!
//! Owns: `Transfer`, `Table`, `Kind`, the copy and the inserting (shared by both stores).
//! Must not import: ratatui, crossterm, tokio.

use super::StoreError;
use super::backend::Backend;
use super::sql::{Sql, Value};

/// Tables each store keeps for itself from the rows of others (migration 020's count of
/// meetings per kind, kept by a trigger): a copy leaves them out, and the copy's own inserts
/// keep them in the store copied into.
pub const KEPT_BY_STORE: &[&str] = &["meeting_counts"];

/// What a column holds, as the copy reads and writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A whole number (PostgreSQL `bigint`).
    Int,
    /// A number with a fraction (`double precision`).
    Real,
    /// Text (`text`).
    Text,
    /// True or false (`boolean`).
    Bool,
    /// A calendar day, or none (`date`).
    Date,
    /// A moment, or none (`timestamp with time zone`; text in SQLite).
    Time,
}

/// Every table a store holds, with its columns and their kinds, in the schema's order.
pub type Kinds = Vec<(String, Vec<(String, Kind)>)>;

/// One table's rows.
#[derive(Debug, Clone)]
pub struct Table {
    pub name: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// A store whose whole content can be read out and written into another.
pub trait Transfer: Backend {
    /// The tables and their columns' kinds, when the store's schema says them (PostgreSQL);
    /// `None` for SQLite.
    fn kinds(&self) -> Result<Option<Kinds>, StoreError>;
    /// Every row of every table of `kinds`; a table or column missing here, or one here that
    /// `kinds` does not name, is an error (nothing would be copied silently short).
    fn dump(&self, kinds: &Kinds) -> Result<Vec<Table>, StoreError>;
    /// Writes `tables` into this empty store in one transaction, references checked at its
    /// end; on any failure nothing is written.
    fn load_dump(&mut self, tables: &[Table]) -> Result<(), StoreError>;
}

/// How much a copy carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Copied {
    pub tables: usize,
    pub rows: usize,
}

/// Copies everything `from` holds into `to`, which must hold no organisation yet.
pub fn copy(from: &dyn Transfer, to: &mut dyn Transfer) -> Result<Copied, StoreError> {
    if let Some(name) = to.organisation_name()? {
        return Err(StoreError::Invalid(format!(
            "{} already holds the organisation \"{name}\": copy into a new file or an empty database",
            to.location()
        )));
    }
    if from.organisation_name()?.is_none() {
        return Err(StoreError::Invalid(format!(
            "{}: holds no organisation to copy",
            from.location()
        )));
    }
    let mut kinds = match (from.kinds()?, to.kinds()?) {
        (Some(kinds), _) | (None, Some(kinds)) => kinds,
        (None, None) => {
            return Err(StoreError::Invalid(
                "both are files: copy between a file and PostgreSQL (a file is copied as a file)"
                    .into(),
            ));
        }
    };
    kinds.retain(|(table, _)| !KEPT_BY_STORE.contains(&table.as_str()));
    let tables = from.dump(&kinds)?;
    to.load_dump(&tables)?;
    Ok(Copied {
        tables: tables.len(),
        rows: tables.iter().map(|t| t.rows.len()).sum(),
    })
}

/// An identifier in double quotes.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `SELECT` of a table's columns, in the order given, rows in key order.
pub fn select(table: &str, columns: &[(String, Kind)]) -> String {
    let names: Vec<String> = columns.iter().map(|(c, _)| quoted(c)).collect();
    format!(
        "SELECT {} FROM {} ORDER BY 1",
        names.join(", "),
        quoted(table)
    )
}

/// Inserts every row of `tables` through `sql`, inside the caller's transaction.
pub fn insert_all(sql: &dyn Sql, tables: &[Table]) -> Result<(), StoreError> {
    for table in tables {
        let names: Vec<String> = table.columns.iter().map(|c| quoted(c)).collect();
        let slots: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
        let statement = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            quoted(&table.name),
            names.join(", "),
            slots.join(", ")
        );
        for row in &table.rows {
            sql.run(&statement, row)?;
        }
    }
    Ok(())
}

/// A NOT NULL column of a kind that has no empty value held nothing.
pub fn empty_value(table: &str, column: &str) -> StoreError {
    StoreError::Invalid(format!("{table}.{column} holds no value where one must be"))
}

/// Checks the tables a store holds are those of `kinds`, table for table and column for
/// column (`columns_of` answers a table's columns, none when the table is missing).
pub fn check_same_tables(
    kinds: &Kinds,
    held: &[String],
    columns_of: impl Fn(&str) -> Result<Vec<String>, StoreError>,
) -> Result<(), StoreError> {
    let differ = |what: String| {
        StoreError::Invalid(format!(
            "the two stores' tables differ ({what}): open both with this version first"
        ))
    };
    for name in held {
        if KEPT_BY_STORE.contains(&name.as_str()) {
            continue;
        }
        if !kinds.iter().any(|(t, _)| t == name) {
            return Err(differ(format!("{name} is only in the source")));
        }
    }
    for (table, columns) in kinds {
        let mut have = columns_of(table)?;
        let mut want: Vec<String> = columns.iter().map(|(c, _)| c.clone()).collect();
        have.sort();
        want.sort();
        if have != want {
            return Err(differ(format!("the columns of {table}")));
        }
    }
    Ok(())
}

/// A moment as SQLite holds it: what this program writes, or SQLite's own
/// `strftime('%Y-%m-%dT%H:%M:%SZ')` of a column default.
fn sqlite_time(text: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    let text = text.trim();
    let with_t = if text.len() > 10 && text.as_bytes()[10] == b' ' {
        format!("{}T{}", &text[..10], &text[11..])
    } else {
        text.to_string()
    };
    chrono::DateTime::parse_from_rfc3339(&with_t)
        .map(|t| t.with_timezone(&chrono::Utc))
        .ok()
        .or_else(|| {
            chrono::NaiveDateTime::parse_from_str(&with_t, "%Y-%m-%dT%H:%M:%S%.f")
                .ok()
                .map(|t| t.and_utc())
        })
}

/// One value of a SQLite row, read as `kind`.
fn sqlite_value(
    row: &rusqlite::Row<'_>,
    i: usize,
    kind: Kind,
    at: (&str, &str),
) -> Result<Value, StoreError> {
    Ok(match kind {
        Kind::Int => Value::Int(row.get(i)?),
        Kind::Text => Value::Text(row.get(i)?),
        Kind::Real => Value::Real(
            row.get::<_, Option<f64>>(i)?
                .ok_or_else(|| empty_value(at.0, at.1))?,
        ),
        Kind::Bool => Value::Bool(
            row.get::<_, Option<bool>>(i)?
                .ok_or_else(|| empty_value(at.0, at.1))?,
        ),
        Kind::Date => Value::Date(row.get(i)?),
        Kind::Time => match row.get::<_, Option<String>>(i)? {
            None => Value::OptTime(None),
            Some(text) => Value::OptTime(Some(sqlite_time(&text).ok_or_else(|| {
                StoreError::Invalid(format!("{}.{} holds \"{text}\", not a moment", at.0, at.1))
            })?)),
        },
    })
}

impl Transfer for super::Store {
    fn kinds(&self) -> Result<Option<Kinds>, StoreError> {
        Ok(None)
    }

    fn dump(&self, kinds: &Kinds) -> Result<Vec<Table>, StoreError> {
        let held: Vec<String> = {
            let mut stmt = self.conn.prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
            )?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        };
        check_same_tables(kinds, &held, |table| {
            let mut stmt = self
                .conn
                .prepare("SELECT name FROM pragma_table_info(?1)")?;
            Ok(stmt
                .query_map([table], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?)
        })?;
        let mut tables = Vec::new();
        for (name, columns) in kinds {
            let mut stmt = self.conn.prepare(&select(name, columns))?;
            let mut rows = stmt.query([])?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                let values = columns
                    .iter()
                    .enumerate()
                    .map(|(i, (column, kind))| sqlite_value(row, i, *kind, (name, column)))
                    .collect::<Result<Vec<_>, _>>()?;
                out.push(values);
            }
            tables.push(Table {
                name: name.clone(),
                columns: columns.iter().map(|(c, _)| c.clone()).collect(),
                rows: out,
            });
        }
        Ok(tables)
    }

    fn load_dump(&mut self, tables: &[Table]) -> Result<(), StoreError> {
        // References are checked once everything is in (people and the organisation log
        // refer to each other), as migrations do.
        self.conn.pragma_update(None, "foreign_keys", "OFF")?;
        let written = self.write(|tx| {
            insert_all(tx, tables)?;
            let broken: i64 =
                tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                    r.get(0)
                })?;
            if broken > 0 {
                return Err(StoreError::Invalid(format!(
                    "the copy would leave {broken} broken references; nothing was written"
                )));
            }
            Ok(())
        });
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        written
    }
}
