//! PostgreSQL's side of copying an organisation (`store::transfer`): the column kinds read
//! from its own schema, every row read by kind, and writing a copy with every reference
//! checked at commit and the id counters moved past the ids copied.
//!
//! Owns: those queries. Must not import: ratatui, crossterm, `crate::app`, `crate::ui`.

use super::super::StoreError;
use super::super::sql::{Sql, Value};
use super::super::transfer::{
    Kind, Kinds, Table, check_same_tables, empty_value, insert_all, select,
};
use super::session::Session;
use chrono::{DateTime, NaiveDate, Utc};

/// A column's kind from its `information_schema` data type.
fn kind_of(table: &str, column: &str, data_type: &str) -> Result<Kind, StoreError> {
    Ok(match data_type {
        "bigint" => Kind::Int,
        "double precision" => Kind::Real,
        "text" => Kind::Text,
        "boolean" => Kind::Bool,
        "date" => Kind::Date,
        "timestamp with time zone" => Kind::Time,
        other => {
            return Err(StoreError::Invalid(format!(
                "{table}.{column} is of a type this version does not copy ({other})"
            )));
        }
    })
}

/// One value of a row, read as `kind`.
fn value(
    r: &tokio_postgres::Row,
    i: usize,
    kind: Kind,
    at: (&str, &str),
) -> Result<Value, StoreError> {
    Ok(match kind {
        Kind::Int => Value::Int(r.try_get(i)?),
        Kind::Text => Value::Text(r.try_get(i)?),
        Kind::Real => Value::Real(
            r.try_get::<_, Option<f64>>(i)?
                .ok_or_else(|| empty_value(at.0, at.1))?,
        ),
        Kind::Bool => Value::Bool(
            r.try_get::<_, Option<bool>>(i)?
                .ok_or_else(|| empty_value(at.0, at.1))?,
        ),
        Kind::Date => Value::Date(r.try_get::<_, Option<NaiveDate>>(i)?),
        Kind::Time => Value::OptTime(r.try_get::<_, Option<DateTime<Utc>>>(i)?),
    })
}

impl Session {
    /// Every table of the database's schema (the marker left out) with its columns' kinds.
    pub fn kinds(&self) -> Result<Kinds, StoreError> {
        let rows = self.read().rows(
            "SELECT c.table_name::text, c.column_name::text, c.data_type::text
             FROM information_schema.columns c
             JOIN information_schema.tables t USING (table_schema, table_name)
             WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
               AND c.table_name <> 'roundtable_schema'
             ORDER BY c.table_name, c.ordinal_position",
            &[],
        )?;
        let mut kinds: Kinds = Vec::new();
        for r in &rows {
            let (table, column, data_type): (String, String, String) =
                (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?);
            let kind = kind_of(&table, &column, &data_type)?;
            match kinds.last_mut() {
                Some((t, columns)) if *t == table => columns.push((column, kind)),
                _ => kinds.push((table, vec![(column, kind)])),
            }
        }
        Ok(kinds)
    }

    /// Every row of every table of `kinds`, read on one snapshot.
    pub fn dump(&self, kinds: &Kinds) -> Result<Vec<Table>, StoreError> {
        self.snapshot(|s| {
            let own = s.kinds()?;
            let held: Vec<String> = own.iter().map(|(t, _)| t.clone()).collect();
            check_same_tables(kinds, &held, |table| {
                Ok(own
                    .iter()
                    .find(|(t, _)| t == table)
                    .map(|(_, columns)| columns.iter().map(|(c, _)| c.clone()).collect())
                    .unwrap_or_default())
            })?;
            let mut tables = Vec::new();
            for (name, columns) in kinds {
                let rows = s.read().rows(&select(name, columns), &[])?;
                let rows = rows
                    .iter()
                    .map(|r| {
                        columns
                            .iter()
                            .enumerate()
                            .map(|(i, (column, kind))| value(r, i, *kind, (name, column)))
                            .collect::<Result<Vec<_>, _>>()
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                tables.push(Table {
                    name: name.clone(),
                    columns: columns.iter().map(|(c, _)| c.clone()).collect(),
                    rows,
                });
            }
            Ok(tables)
        })
    }

    /// Writes a copy in one transaction: references checked at commit, and every id
    /// counter moved past the largest id copied (so new rows get new ids).
    pub fn load_dump(&self, tables: &[Table]) -> Result<(), StoreError> {
        self.write(|sql| {
            sql.run("SET CONSTRAINTS ALL DEFERRED", &[])?;
            insert_all(sql, tables)?;
            let identities = sql.read_pairs(
                "SELECT table_name::text, column_name::text FROM information_schema.columns
                 WHERE table_schema = current_schema() AND is_identity = 'YES'",
            )?;
            for (table, column) in identities {
                sql.run(
                    &format!(
                        "SELECT setval(pg_get_serial_sequence(?1, ?2), coalesce(max(\"{column}\"), 0) + 1, false) FROM \"{table}\""
                    ),
                    &[Value::text(table.as_str()), Value::text(column.as_str())],
                )?;
            }
            Ok(())
        })
    }
}
