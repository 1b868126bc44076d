//! The adoption, once for every backend: an organisation file (made on the adoption screens
//! or read from disk) loaded by `import`, and the one entry of the organisation's log that
//! records it, naming the ratifiers, in the same transaction; and the draft of an adoption
//! still being put together. Runs inside the caller's transaction through `Sql`.
//!
//! Owns: `Adopted`, `adopt`, the draft's statements. Must not import: ratatui, crossterm,
//! tokio, a database library.

use super::sql::{Sql, Value};
use super::{StoreError, import, org_log};
use crate::domain::names::name_key;
use crate::domain::org_log::OrgChange;
use crate::domain::{OrgFile, PersonId};
use chrono::{DateTime, Utc};

/// When and from where an organisation was adopted.
#[derive(Debug, Clone, PartialEq)]
pub struct Adopted {
    pub at: DateTime<Utc>,
    /// The organisation file's name, when it came from one (never its directory).
    pub file: Option<String>,
}

impl Adopted {
    /// Adopted at `at` from no file (on the adoption screens, or generated).
    pub fn at(at: DateTime<Utc>) -> Adopted {
        Adopted { at, file: None }
    }

    /// Adopted from the file at `path`, now.
    pub fn from_file(path: &std::path::Path, at: DateTime<Utc>) -> Adopted {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        Adopted { at, file: name }
    }
}

/// Loads `file` into a store holding no organisation, records the adoption as the first
/// entry of the organisation's log, and forgets any adoption draft: all or nothing.
pub fn adopt(sql: &dyn Sql, file: &OrgFile, adopted: &Adopted) -> Result<(), StoreError> {
    let people = import::import(sql, file)?;
    let ratifiers: Vec<PersonId> = file
        .ratifiers
        .iter()
        .filter_map(|r| people.get(&name_key(r)).copied())
        .collect();
    let change = OrgChange::Adopted {
        rule_set: file.rule_set,
        ratifiers,
        file: adopted.file.clone(),
    };
    let after = sql
        .ints("SELECT coalesce(max(seq), 0) FROM org_log", &[])?
        .first()
        .copied()
        .unwrap_or(0);
    org_log::append(
        sql,
        u64::try_from(after).unwrap_or(0),
        adopted.at,
        None,
        &change,
        &[],
    )?;
    keep(sql, None)
}

/// Keeps (or, with `None`, forgets) the adoption draft.
pub fn keep(sql: &dyn Sql, draft: Option<&str>) -> Result<(), StoreError> {
    match draft {
        Some(text) => sql.run(
            "INSERT INTO adoption_draft (id, payload) VALUES (1, ?1)
             ON CONFLICT (id) DO UPDATE SET payload = excluded.payload",
            &[Value::text(text)],
        )?,
        None => sql.run("DELETE FROM adoption_draft", &[])?,
    };
    Ok(())
}

/// The adoption draft last kept, if any.
pub fn draft(sql: &dyn Sql) -> Result<Option<String>, StoreError> {
    sql.text("SELECT payload FROM adoption_draft WHERE id = 1", &[])
}
