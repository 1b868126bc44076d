//! Reading and writing the organisation.
//!
//! Owns: SQLite's `OrganisationStore`: importing an organisation file in one transaction (the
//! writes are `import`'s, shared with PostgreSQL), creating an empty organisation, and
//! loading the whole organisation as a domain snapshot.
//! Must not import: ratatui, crossterm, tokio.

use super::backend::{OrgLog, OrganisationStore};
use super::sql_types::list_from_json;
use super::{Adopted, adoption};
use super::{Store, StoreError};
use crate::domain::meeting::flow::Recorded;
use crate::domain::*;
use rusqlite::{OptionalExtension, Row};

/// The label of the agenda item whose adoption wrote version `v`: the entry at
/// (meeting_id, event_seq) is a proposal move naming its item, whose `ItemAdded` entry holds
/// the label. NULL for versions not written by a proposal.
const PROPOSAL: &str = "(SELECT json_extract(i.payload, '$.label') FROM meeting_events e
     JOIN meeting_events i ON i.meeting_id = e.meeting_id AND i.seq = json_extract(e.payload, '$.item')
     WHERE e.meeting_id = v.meeting_id AND e.seq = v.event_seq AND json_extract(e.payload, '$.type') = 'proposal')";

/// Who recorded the meeting entry that made version `v` (a schema of 010 or later).
const RECORDED_BY: &str = "(SELECT e.actor FROM meeting_events e WHERE e.meeting_id = v.meeting_id AND e.seq = v.event_seq)";

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
        let c = &self.conn;
        let Some((name, rule_set)) = c
            .query_row(
                "SELECT name, rule_set FROM organisation WHERE id = 1",
                [],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, RuleSet>(1)?)),
            )
            .optional()?
        else {
            return Ok(None);
        };
        // A database of an older schema opened read-only (never migrated) has no
        // organisation log yet: what it lacks reads as empty.
        let logged = self.schema_version()? >= LOG_SCHEMA;
        let migration = if self.schema_version()? >= CORE_TEXTS_SCHEMA {
            "migration"
        } else {
            "NULL"
        };
        let (left_at, dates, ended) = if logged {
            ("left_at", "started_at, ended_at", "ended_at")
        } else {
            ("NULL", "NULL, NULL", "NULL")
        };
        let (records_ended, records_added) = if self.schema_version()? >= RECORDS_SCHEMA {
            ("ended_at", ADDED_AT)
        } else {
            ("NULL", "NULL")
        };
        // Who recorded the entry that made a version: entries name who made them since 010.
        let recorded_by = if self.schema_version()? >= super::meetings::ACTOR_SCHEMA {
            RECORDED_BY
        } else {
            "NULL"
        };
        // Before 009_sub_circles.sql circles had no definition of their own, none was
        // removed, and no policy sat on a role.
        let (circle_definition, circle_standing, policy_role, circle_versions) = if self
            .schema_version()?
            >= SUB_CIRCLE_SCHEMA
        {
            (
                "domains, accountabilities",
                "WHERE removed_at IS NULL",
                "role_id",
                format!(
                    "UNION ALL SELECT NULL, NULL, parent_id, name, purpose, domains, accountabilities, removed, baseline, recorded_at, meeting_id, id, {PROPOSAL}, 2, circle_id, NULL, NULL, NULL, {recorded_by} FROM circle_versions v"
                ),
            )
        } else {
            ("'[]', '[]'", "", "NULL", String::new())
        };
        // A role version records its kind since 009 (a role expanded into a sub-circle
        // becomes its Lead).
        let role_core = if self.schema_version()? >= SUB_CIRCLE_SCHEMA {
            "core"
        } else {
            "NULL"
        };
        let assignment =
            format!("SELECT id, role_id, person_id, focus, term_end, {dates} FROM assignments");
        let entry_rows = match self.schema_version()? {
            v if v >= ENTRY_TIMES_SCHEMA => ENTRY_ROWS,
            v => entry_rows_joined(v),
        };
        let records = OrgRecords {
            name,
            rule_set,
            people: self.rows(&format!("SELECT id, name, email, {left_at} FROM people ORDER BY id"), person_from_row)?,
            circles: self.rows(&format!("SELECT id, parent_id, name, purpose, strategy, {circle_definition} FROM circles {circle_standing} ORDER BY id"), circle_from_row)?,
            roles: self.rows(
                "SELECT id, circle_id, name, purpose, domains, accountabilities, core FROM roles
                 WHERE removed_at IS NULL ORDER BY id",
                role_from_row,
            )?,
            assignments: self.rows(
                &format!("{assignment} WHERE ended_meeting_id IS NULL AND {ended} IS NULL ORDER BY id"),
                assignment_from_row,
            )?,
            ended_assignments: self.rows(
                &format!("{assignment} WHERE ended_meeting_id IS NOT NULL OR {ended} IS NOT NULL ORDER BY id"),
                assignment_from_row,
            )?,
            log: if logged { self.org_entries()? } else { Vec::new() },
            policies: self.rows(&format!("SELECT id, circle_id, name, text, {policy_role} FROM policies WHERE removed_at IS NULL ORDER BY id"), |r| {
                Ok(Policy { id: r.get(0)?, circle: r.get(1)?, name: r.get(2)?, text: r.get(3)?, role: r.get(4)? })
            })?,
            checklist: self.rows(
                &format!("SELECT id, role_id, text, frequency, {records_ended}, {records_added} FROM checklist_items c ORDER BY id"),
                |r| Ok(ChecklistItem { id: r.get(0)?, role: r.get(1)?, text: r.get(2)?, frequency: r.get(3)?, ended: r.get(4)?, added: r.get(5)? }),
            )?,
            metrics: self.rows(&format!("SELECT id, role_id, name, unit, frequency, {records_ended} FROM metrics ORDER BY id"), |r| {
                Ok(Metric {
                    id: r.get(0)?,
                    role: r.get(1)?,
                    name: r.get(2)?,
                    unit: r.get(3)?,
                    frequency: r.get(4)?,
                    ended: r.get(5)?,
                })
            })?,
            // Read by role when a screen needs them (`reported`).
            metric_values: Vec::new(),
            checklist_marks: Vec::new(),
            versions: self.rows(
                &format!(
                    "SELECT role_id, NULL, circle_id, name, purpose, domains, accountabilities, removed, baseline, recorded_at, meeting_id, id, {PROPOSAL}, 0, NULL, NULL, {migration}, {role_core}, {recorded_by} FROM role_versions v
                     UNION ALL
                     SELECT NULL, policy_id, circle_id, name, text, '[]', '[]', removed, baseline, recorded_at, meeting_id, id, {PROPOSAL}, 1, NULL, {policy_role}, {migration}, NULL, {recorded_by} FROM policy_versions v
                     {circle_versions}
                     ORDER BY recorded_at, 12, 14"
                ),
                |r| {
                    Ok(RecordVersion {
                        role: r.get(0)?,
                        policy: r.get(1)?,
                        circle: r.get(2)?,
                        name: r.get(3)?,
                        text: r.get(4)?,
                        domains: list_from_json(&r.get::<_, String>(5)?)?,
                        accountabilities: list_from_json(&r.get::<_, String>(6)?)?,
                        removed: r.get(7)?,
                        baseline: r.get(8)?,
                        recorded_at: r.get(9)?,
                        meeting: r.get::<_, Option<i64>>(10)?.map(MeetingId),
                        recorded_by: r.get(18)?,
                        proposal: r.get(12)?,
                        sub_circle: r.get(14)?,
                        holder: r.get(15)?,
                        migration: r.get(16)?,
                        core: r
                            .get::<_, Option<String>>(17)?
                            .map(|c| CoreRole::from_id(&c)),
                    })
                },
            )?,
            projects: self.rows(entry_rows.projects, |r| {
                Ok(Project {
                    id: r.get(0)?,
                    role: r.get(1)?,
                    person: r.get(2)?,
                    title: r.get(3)?,
                    status: r.get(4)?,
                    since: r.get(5)?,
                })
            })?,
            status_changes: self.rows(entry_rows.status_changes, |r| {
                Ok(StatusChange {
                    project: r.get(0)?,
                    at: r.get(1)?,
                    before: r.get(2)?,
                })
            })?,
            next_actions: self.rows(
                entry_rows.next_actions,
                |r| {
                    Ok(NextAction {
                        id: r.get(0)?,
                        role: r.get(1)?,
                        person: r.get(2)?,
                        text: r.get(3)?,
                        done: r.get(4)?,
                        since: r.get(5)?,
                        done_at: r.get(6)?,
                    })
                },
            )?,
            tensions: self.rows(entry_rows.tensions, tension_from_row)?,
            // Before 013_process_breakdowns.sql no breakdown was kept as a circle's state.
            breakdowns: if self.schema_version()? >= BREAKDOWN_SCHEMA {
                self.rows(BREAKDOWNS, breakdown_from_row)?
            } else {
                Vec::new()
            },
            // Before 015_update_requests.sql no request for updates was kept.
            update_requests: if self.schema_version()? >= UPDATE_REQUEST_SCHEMA {
                self.rows(UPDATE_REQUESTS, |r| {
                    Ok(UpdateRequest {
                        project: r.get(0)?,
                        by: r.get(1)?,
                        requested_at: r.get(2)?,
                        ended_at: r.get(3)?,
                    })
                })?
            } else {
                Vec::new()
            },
            // Before 016_cross_links.sql no circle had a Cross Link.
            cross_links: if self.schema_version()? >= CROSS_LINK_SCHEMA {
                self.rows(super::cross_links::CROSS_LINKS, |r| {
                    Ok(super::cross_links::from_row(r.get(0)?, r.get(1)?, r.get(2)?))
                })?
            } else {
                Vec::new()
            },
            // Before 007_own_work.sql nobody kept work of their own.
            work: if self.schema_version()? >= WORK_SCHEMA {
                super::backend::work_notes(self.rows(WORK_ENTRIES, |r| {
                    Ok((
                        r.get(0)?,
                        Recorded {
                            seq: u64::try_from(r.get::<_, i64>(1)?).unwrap_or(0),
                            at: r.get(2)?,
                            event: r.get(3)?,
                        },
                    ))
                })?)
            } else {
                Vec::new()
            },
        };
        Ok(Some(Organisation::new(records)))
    }

    fn role_history(&self, role: RoleId) -> Result<Vec<super::RoleVersion>, StoreError> {
        self.role_versions(role)
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
        Ok(Reported {
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

/// The schema version that added a person's own work log (007_own_work.sql).
const WORK_SCHEMA: u32 = 7;

/// Every entry of every person's work log, log by log, in order (both stores read this). The
/// logs are found first (by index since 018), then their entries: a join would walk the whole
/// entry log.
pub(super) const WORK_ENTRIES: &str =
    "SELECT e.meeting_id, e.seq, e.at, e.payload FROM meeting_events e
     WHERE e.meeting_id IN (SELECT id FROM meetings WHERE kind = 'work') ORDER BY e.meeting_id, e.seq";

/// The schema version that added the organisation log (006_people_log.sql).
const LOG_SCHEMA: u32 = 6;
/// The schema version that dates the end of checklist items and metrics
/// (008_circle_records.sql).
const RECORDS_SCHEMA: u32 = 8;

/// The schema version that gave sub-circles a definition and history (009_sub_circles.sql).
const SUB_CIRCLE_SCHEMA: u32 = 9;

/// The schema version that lets a version name the migration that wrote it (011).
const CORE_TEXTS_SCHEMA: u32 = 11;
/// The schema version that added the adoption draft (014_adoption_draft.sql).
const ADOPTION_SCHEMA: u32 = 14;

/// The schema version that keeps process breakdowns as a circle's state (013).
const BREAKDOWN_SCHEMA: u32 = 13;

/// The schema version that keeps requests for updates on projects (015).
const UPDATE_REQUEST_SCHEMA: u32 = 15;

/// The schema version that keeps Cross Links into circles (016).
const CROSS_LINK_SCHEMA: u32 = 16;

/// When the organisation's log entry that added a checklist item `c` was made (both stores).
pub(crate) const ADDED_AT: &str = "(SELECT l.at FROM org_log l WHERE l.seq = c.added_seq)";

/// Every request for updates, oldest first (PostgreSQL's load reads the same).
pub(crate) const UPDATE_REQUESTS: &str = "SELECT project_id, person_id, requested_at, ended_at FROM update_requests ORDER BY requested_at, id";

/// Every process breakdown, oldest first.
pub(super) const BREAKDOWNS: &str =
    "SELECT circle_id, declared_at, declared_by, reason, meeting_id, restored_at, restored_by
     FROM process_breakdowns ORDER BY declared_at, id";

/// A person of (id, name, email, left_at).
pub(super) fn person_from_row(r: &Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: r.get(0)?,
        name: r.get(1)?,
        email: r.get(2)?,
        left: r.get(3)?,
    })
}

/// A circle of (id, parent, name, purpose, strategy, domains, accountabilities).
pub(super) fn circle_from_row(r: &Row<'_>) -> rusqlite::Result<Circle> {
    Ok(Circle {
        id: r.get(0)?,
        parent: r.get(1)?,
        name: r.get(2)?,
        purpose: r.get(3)?,
        strategy: r.get(4)?,
        domains: list_from_json(&r.get::<_, String>(5)?)?,
        accountabilities: list_from_json(&r.get::<_, String>(6)?)?,
    })
}

/// A tension of `EntryRows::tensions`' columns.
pub(super) fn tension_from_row(r: &Row<'_>) -> rusqlite::Result<Tension> {
    Ok(Tension {
        id: r.get(0)?,
        person: r.get(1)?,
        role: r.get(2)?,
        circle: r.get(3)?,
        text: r.get(4)?,
        kind: r.get(5)?,
        open: r.get::<_, String>(6)? == "open",
        since: r.get(7)?,
        closed_at: r.get(8)?,
    })
}

/// A breakdown of `BREAKDOWNS`' columns.
pub(super) fn breakdown_from_row(r: &Row<'_>) -> rusqlite::Result<Breakdown> {
    Ok(Breakdown {
        circle: r.get(0)?,
        declared_at: r.get(1)?,
        declared_by: r.get(2)?,
        reason: r.get(3)?,
        meeting: r.get::<_, Option<i64>>(4)?.map(MeetingId),
        restored_at: r.get(5)?,
        restored_by: r.get(6)?,
    })
}

pub(super) fn assignment_from_row(r: &Row<'_>) -> rusqlite::Result<Assignment> {
    Ok(Assignment {
        id: r.get(0)?,
        role: r.get(1)?,
        person: r.get(2)?,
        focus: r.get(3)?,
        term_end: r.get(4)?,
        since: r.get(5)?,
        until: r.get(6)?,
    })
}

pub(super) fn role_from_row(r: &Row<'_>) -> rusqlite::Result<Role> {
    let core: Option<String> = r.get(6)?;
    Ok(Role {
        id: r.get(0)?,
        circle: r.get(1)?,
        name: r.get(2)?,
        purpose: r.get(3)?,
        domains: list_from_json(&r.get::<_, String>(4)?)?,
        accountabilities: list_from_json(&r.get::<_, String>(5)?)?,
        core: core.as_deref().and_then(CoreRole::from_id),
    })
}

/// What start-up reads of the rows meeting entries wrote, each with the time of the entry
/// that made it (none for a row of an organisation file): projects, next actions (and when
/// one was marked done), tensions (and when one was taken onto an agenda or dropped), and
/// every change of a project's status, oldest first, with the status before. PostgreSQL's
/// load reads the same.
pub(super) struct EntryRows {
    pub projects: &'static str,
    pub next_actions: &'static str,
    pub tensions: &'static str,
    pub status_changes: &'static str,
}

/// Since 019_entry_times.sql each row carries its entry's time.
pub(super) const ENTRY_ROWS: EntryRows = EntryRows {
    projects: "SELECT id, role_id, person_id, title, status, entry_at FROM projects ORDER BY id",
    next_actions: "SELECT id, role_id, person_id, text, done, entry_at, done_at FROM next_actions ORDER BY id",
    tensions: "SELECT id, person_id, role_id, circle_id, text, kind, status, entry_at, processed_at
     FROM tensions ORDER BY id",
    status_changes: "SELECT project_id, entry_at, status_before FROM project_updates
     WHERE status_before <> status_after AND entry_at IS NOT NULL ORDER BY entry_at, id",
};

/// Before 019 (a file opened read-only is not migrated), the times are looked up among the
/// entries; before 007_own_work.sql no entry marking an action done was kept.
fn entry_rows_joined(version: u32) -> EntryRows {
    EntryRows {
        projects: "SELECT p.id, p.role_id, p.person_id, p.title, p.status, e.at
     FROM projects p LEFT JOIN meeting_events e ON e.meeting_id = p.meeting_id AND e.seq = p.event_seq
     ORDER BY p.id",
        next_actions: if version >= WORK_SCHEMA {
            "SELECT a.id, a.role_id, a.person_id, a.text, a.done, e.at, d.at
     FROM next_actions a LEFT JOIN meeting_events e ON e.meeting_id = a.meeting_id AND e.seq = a.event_seq
     LEFT JOIN meeting_events d ON d.meeting_id = a.done_meeting_id AND d.seq = a.done_seq
     ORDER BY a.id"
        } else {
            "SELECT a.id, a.role_id, a.person_id, a.text, a.done, e.at, NULL
     FROM next_actions a LEFT JOIN meeting_events e ON e.meeting_id = a.meeting_id AND e.seq = a.event_seq
     ORDER BY a.id"
        },
        tensions: "SELECT t.id, t.person_id, t.role_id, t.circle_id, t.text, t.kind, t.status, e.at, c.at
     FROM tensions t LEFT JOIN meeting_events e ON e.meeting_id = t.meeting_id AND e.seq = t.event_seq
     LEFT JOIN meeting_events c ON c.meeting_id = t.processed_meeting_id AND c.seq = t.processed_seq
     ORDER BY t.id",
        status_changes: "SELECT u.project_id, e.at, u.status_before
     FROM project_updates u JOIN meeting_events e ON e.meeting_id = u.meeting_id AND e.seq = u.event_seq
     WHERE u.status_before <> u.status_after ORDER BY e.at, u.id",
    }
}

/// The schema version that keeps each entry's time on the rows it wrote (019).
const ENTRY_TIMES_SCHEMA: u32 = 19;
