//! Reading and writing the organisation.
//!
//! Owns: SQLite's `OrganisationStore`: importing an organisation file in one transaction (the
//! writes are `import`'s, shared with PostgreSQL), creating an empty organisation, loading
//! the whole organisation as a domain snapshot (read by `org_load`), and roles' reports and
//! what they track (projects, next actions).
//! Must not import: ratatui, crossterm, tokio.

use super::backend::OrganisationStore;
use super::{Adopted, adoption};
use super::{Store, StoreError};
use crate::domain::*;
use rusqlite::{OptionalExtension, Row};

impl OrganisationStore for Store {
    /// The organisation's name, if the database holds one.
    fn organisation_name(&self) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT name FROM organisation WHERE id = 1", [], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Loads a whole organisation file into an empty database as its adoption, in one
    /// transaction.
    fn adopt(&mut self, file: &OrgFile, adopted: &Adopted) -> Result<(), StoreError> {
        self.write(|conn| adoption::adopt(conn, file, adopted))
    }

    fn keep_adoption(&mut self, draft: Option<&str>) -> Result<(), StoreError> {
        self.write(|conn| adoption::keep(conn, draft))
    }

    fn adoption_draft(&self) -> Result<Option<String>, StoreError> {
        // A database of an older schema opened read-only has no drafts table yet.
        if self.schema_version()? < ADOPTION_SCHEMA {
            return Ok(None);
        }
        adoption::draft(&self.conn)
    }

    /// Loads the whole organisation, or `None` when the database holds none yet.
    fn load_organisation(&self) -> Result<Option<Organisation>, StoreError> {
        self.read_organisation()
    }

    fn role_history(&self, role: RoleId) -> Result<Vec<super::RoleVersion>, StoreError> {
        self.role_versions(role)
    }

    fn roles_tracked_in(&self, meeting: MeetingId) -> Result<Vec<RoleId>, StoreError> {
        // A file of a schema before requests for updates (015) has only the updates.
        let sql = if self.schema_version()? < UPDATE_REQUEST_SCHEMA {
            "SELECT DISTINCT p.role_id FROM projects p WHERE p.id IN (
             SELECT project_id FROM project_updates WHERE meeting_id = ?1) ORDER BY p.role_id"
        } else {
            ROLES_TRACKED_IN
        };
        self.rows_given(sql, [meeting.0], |r| r.get(0))
    }

    fn reported(&self, roles: Option<&[RoleId]>) -> Result<Reported, StoreError> {
        // The roles as a JSON array, walked by `json_each`: one query for any number.
        let ids = roles.map(|r| {
            serde_json::Value::from(r.iter().map(|r| r.0).collect::<Vec<i64>>()).to_string()
        });
        let of = |table: &str| match ids {
            Some(_) => format!("{table} WHERE role_id IN (SELECT value FROM json_each(?1))"),
            None => table.to_string(),
        };
        let mut values = self.conn.prepare_cached(&format!(
            "SELECT v.metric_id, v.period, v.value, v.comment FROM metric_values v
             WHERE v.metric_id IN (SELECT id FROM {}) ORDER BY v.metric_id, v.period, v.id",
            of("metrics")
        ))?;
        let mut marks = self.conn.prepare_cached(&format!(
            "SELECT a.item_id, a.period, a.checked FROM checklist_answers a
             WHERE a.item_id IN (SELECT id FROM {}) ORDER BY a.item_id, a.period, a.id",
            of("checklist_items")
        ))?;
        let params: Vec<&dyn rusqlite::ToSql> =
            ids.iter().map(|i| i as &dyn rusqlite::ToSql).collect();
        let tracked = self.tracked(
            |table| match ids {
                Some(_) => format!("{table}.role_id IN (SELECT value FROM json_each(?1))"),
                None => format!("{table}.role_id IS NOT NULL"),
            },
            &params,
        )?;
        let work = match self.schema_version()? >= super::org_load::WORK_INDEX_SCHEMA {
            true => {
                let of_roles = match ids {
                    Some(_) => {
                        "w.role_id IN (SELECT value FROM json_each(?1)) AND w.circle_id IS NULL"
                    }
                    None => "w.role_id IS NOT NULL AND w.circle_id IS NULL",
                };
                let sql = super::org_load::work_of_index(of_roles);
                let rows = self.rows_given(&sql, params.as_slice(), super::org_load::work_row)?;
                super::backend::work_notes(rows)
            }
            // Before 023 every entry is read with the organisation.
            false => Vec::new(),
        };
        Ok(Reported {
            work,
            projects: tracked.projects,
            status_changes: tracked.status_changes,
            next_actions: tracked.next_actions,
            values: values
                .query_map(params.as_slice(), |r| {
                    Ok(MetricValue {
                        metric: r.get(0)?,
                        period: r.get(1)?,
                        value: r.get(2)?,
                        comment: r.get(3)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?,
            marks: marks
                .query_map(params.as_slice(), |r| {
                    Ok(ChecklistMark {
                        item: r.get(0)?,
                        period: r.get(1)?,
                        checked: r.get(2)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?,
        })
    }
}

/// The roles of the projects a meeting's entries updated or asked for updates on (both
/// stores; `?1` the meeting).
pub(super) const ROLES_TRACKED_IN: &str =
    "SELECT DISTINCT p.role_id FROM projects p WHERE p.id IN (
     SELECT project_id FROM project_updates WHERE meeting_id = ?1
     UNION SELECT project_id FROM update_requests WHERE meeting_id = ?1 OR ended_meeting_id = ?1)
     ORDER BY p.role_id";

impl Store {
    /// Runs a query without parameters and maps every row.
    pub(super) fn rows<T>(
        &self,
        sql: &str,
        map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, StoreError> {
        self.rows_given(sql, [], map)
    }

    /// Runs a query with `params` and maps every row.
    pub(super) fn rows_given<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, StoreError> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut rows = stmt
            .query_map(params, map)?
            .collect::<rusqlite::Result<Vec<T>>>()?;
        // Collected by doubling: the room left over (up to as much again) is given back
        // before the next table is read, so the organisation's peak memory is what it holds.
        rows.shrink_to_fit();
        Ok(rows)
    }
}

/// The schema version that added requests for updates (015_update_requests.sql).
const UPDATE_REQUEST_SCHEMA: u32 = 15;

/// The schema version that added the adoption draft (014_adoption_draft.sql).
const ADOPTION_SCHEMA: u32 = 14;
