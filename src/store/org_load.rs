//! Reading the whole organisation from SQLite, at any schema version this build reads (a file
//! of an older version opened read-only is not migrated: what it lacks reads as empty).
//!
//! Owns: `Store::read_organisation`, the columns each schema version has (`Columns`), the
//! rows' mappings into domain records, and the queries PostgreSQL's load shares.
//! Must not import: ratatui, crossterm, tokio, `crate::app`, `crate::ui`.

use super::backend::OrgLog;
use super::sql_types::list_from_json;
use super::{Store, StoreError};
use crate::domain::meeting::flow::Recorded;
use crate::domain::*;
use rusqlite::{OptionalExtension, Row};

/// How a schema version's tables are read: what a later migration added reads as NULL (or
/// an empty list) before it.
struct Columns {
    version: u32,
    /// The organisation log and the people's and assignments' dates (006).
    logged: bool,
    left_at: &'static str,
    dates: &'static str,
    ended: &'static str,
    /// When checklist items and metrics ended and were added (008).
    records_ended: &'static str,
    records_added: &'static str,
    /// Who recorded the entry that made a version (010).
    recorded_by: &'static str,
    /// Circles' own definitions, removals and versions, and policies on roles (009).
    circle_definition: &'static str,
    circle_standing: &'static str,
    policy_role: &'static str,
    circle_versions: String,
    /// A role version's kind (009) and the migration that wrote a version (011).
    role_core: &'static str,
    migration: &'static str,
    entry_rows: EntryRows,
}

impl Columns {
    fn at(version: u32) -> Columns {
        let logged = version >= LOG_SCHEMA;
        let since = |schema: u32, now: &'static str, before: &'static str| {
            if version >= schema { now } else { before }
        };
        let recorded_by = since(super::meetings::ACTOR_SCHEMA, RECORDED_BY, "NULL");
        let sub_circles = version >= SUB_CIRCLE_SCHEMA;
        Columns {
            version,
            logged,
            left_at: since(LOG_SCHEMA, "left_at", "NULL"),
            dates: since(LOG_SCHEMA, "started_at, ended_at", "NULL, NULL"),
            ended: since(LOG_SCHEMA, "ended_at", "NULL"),
            records_ended: since(RECORDS_SCHEMA, "ended_at", "NULL"),
            records_added: since(RECORDS_SCHEMA, ADDED_AT, "NULL"),
            recorded_by,
            circle_definition: since(SUB_CIRCLE_SCHEMA, "domains, accountabilities", "'[]', '[]'"),
            circle_standing: since(SUB_CIRCLE_SCHEMA, "WHERE removed_at IS NULL", ""),
            policy_role: since(SUB_CIRCLE_SCHEMA, "role_id", "NULL"),
            circle_versions: if sub_circles {
                format!(
                    "UNION ALL SELECT NULL, NULL, parent_id, name, purpose, domains, accountabilities, removed, baseline, recorded_at, meeting_id, id, {PROPOSAL}, 2, circle_id, NULL, NULL, NULL, {recorded_by} FROM circle_versions v"
                )
            } else {
                String::new()
            },
            role_core: since(SUB_CIRCLE_SCHEMA, "core", "NULL"),
            migration: since(CORE_TEXTS_SCHEMA, "migration", "NULL"),
            entry_rows: if version >= ENTRY_TIMES_SCHEMA {
                ENTRY_ROWS
            } else {
                entry_rows_joined(version)
            },
        }
    }
}

impl Store {
    /// The whole organisation, or `None` when the database holds none yet. The tables are
    /// read one after another, each vector shrunk as it is read (`rows`).
    pub(super) fn read_organisation(&self) -> Result<Option<Organisation>, StoreError> {
        let Some((name, rule_set)) = self.organisation_head()? else {
            return Ok(None);
        };
        let columns = Columns::at(self.schema_version()?);
        let mut records = OrgRecords {
            name,
            rule_set,
            ..OrgRecords::default()
        };
        self.read_structure(&columns, &mut records)?;
        self.read_role_records(&columns, &mut records)?;
        self.read_entry_rows(&columns, &mut records)?;
        self.read_later_records(columns.version, &mut records)?;
        Ok(Some(Organisation::new(records)))
    }

    /// The organisation's name and rule set, or `None` when the database holds none yet.
    pub(super) fn organisation_head(&self) -> Result<Option<(String, RuleSet)>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT name, rule_set FROM organisation WHERE id = 1",
                [],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, RuleSet>(1)?)),
            )
            .optional()?)
    }

    /// People, circles, roles, who fills them (and filled them), the log, the policies.
    fn read_structure(&self, c: &Columns, records: &mut OrgRecords) -> Result<(), StoreError> {
        let (left_at, dates, ended) = (c.left_at, c.dates, c.ended);
        let (definition, standing) = (c.circle_definition, c.circle_standing);
        records.people = self.rows(
            &format!("SELECT id, name, email, {left_at} FROM people ORDER BY id"),
            person_from_row,
        )?;
        records.circles = self.rows(
            &format!("SELECT id, parent_id, name, purpose, strategy, {definition} FROM circles {standing} ORDER BY id"),
            circle_from_row,
        )?;
        records.roles = self.rows(
            "SELECT id, circle_id, name, purpose, domains, accountabilities, core FROM roles
             WHERE removed_at IS NULL ORDER BY id",
            role_from_row,
        )?;
        let assignment =
            format!("SELECT id, role_id, person_id, focus, term_end, {dates} FROM assignments");
        records.assignments = self.rows(
            &format!("{assignment} WHERE ended_meeting_id IS NULL AND {ended} IS NULL ORDER BY id"),
            assignment_from_row,
        )?;
        records.ended_assignments = self.rows(
            &format!(
                "{assignment} WHERE ended_meeting_id IS NOT NULL OR {ended} IS NOT NULL ORDER BY id"
            ),
            assignment_from_row,
        )?;
        if c.logged {
            records.log = self.org_entries()?;
        }
        let policy_role = c.policy_role;
        records.policies = self.rows(&format!("SELECT id, circle_id, name, text, {policy_role} FROM policies WHERE removed_at IS NULL ORDER BY id"), |r| {
            Ok(Policy { id: r.get(0)?, circle: r.get(1)?, name: r.get(2)?, text: r.get(3)?, role: r.get(4)? })
        })?;
        Ok(())
    }

    /// Roles' checklists and metrics (their values and answers are read by role when a
    /// screen needs them: `reported`), and every version of roles, policies and circles:
    /// those of one moment roles first, then policies, then sub-circles, each kind in the
    /// order written, as the domain adds an entry's (`Organisation::apply`).
    fn read_role_records(&self, c: &Columns, records: &mut OrgRecords) -> Result<(), StoreError> {
        let (ended, added) = (c.records_ended, c.records_added);
        records.checklist = self.rows(
            &format!("SELECT id, role_id, text, frequency, {ended}, {added} FROM checklist_items c ORDER BY id"),
            |r| Ok(ChecklistItem { id: r.get(0)?, role: r.get(1)?, text: r.get(2)?, frequency: r.get(3)?, ended: r.get(4)?, added: r.get(5)? }),
        )?;
        records.metrics = self.rows(
            &format!("SELECT id, role_id, name, unit, frequency, {ended} FROM metrics ORDER BY id"),
            |r| {
                Ok(Metric {
                    id: r.get(0)?,
                    role: r.get(1)?,
                    name: r.get(2)?,
                    unit: r.get(3)?,
                    frequency: r.get(4)?,
                    ended: r.get(5)?,
                })
            },
        )?;
        let (migration, role_core, recorded_by) = (c.migration, c.role_core, c.recorded_by);
        let (policy_role, circle_versions) = (c.policy_role, &c.circle_versions);
        records.versions = self.rows(
            &format!(
                "SELECT role_id, NULL, circle_id, name, purpose, domains, accountabilities, removed, baseline, recorded_at, meeting_id, id, {PROPOSAL}, 0, NULL, NULL, {migration}, {role_core}, {recorded_by} FROM role_versions v
                 UNION ALL
                 SELECT NULL, policy_id, circle_id, name, text, '[]', '[]', removed, baseline, recorded_at, meeting_id, id, {PROPOSAL}, 1, NULL, {policy_role}, {migration}, NULL, {recorded_by} FROM policy_versions v
                 {circle_versions}
                 ORDER BY recorded_at, 14, 12"
            ),
            version_from_row,
        )?;
        Ok(())
    }

    /// The rows meeting entries wrote that the organisation is read with: the tensions and
    /// the people's own next actions (outside any role). Roles' projects and next actions
    /// are read by role when a screen shows them (`tracked`).
    fn read_entry_rows(&self, c: &Columns, records: &mut OrgRecords) -> Result<(), StoreError> {
        let rows = &c.entry_rows;
        let own = rows.next_actions.replace("{a}", "a.role_id IS NULL");
        records.next_actions = self.rows(&own, next_action_from_row)?;
        records.tensions = self.rows(rows.tensions, tension_from_row)?;
        Ok(())
    }

    /// The projects, their status changes and the next actions of the roles `of` picks (given
    /// a table's alias, the condition on its `role_id`), with `params`.
    pub(super) fn tracked(
        &self,
        of: impl Fn(&str) -> String,
        params: &[&dyn rusqlite::ToSql],
    ) -> Result<Tracked, StoreError> {
        let rows = Columns::at(self.schema_version()?).entry_rows;
        let sql = |query: &str| query.replace("{p}", &of("p")).replace("{a}", &of("a"));
        Ok(Tracked {
            projects: self.rows_given(&sql(rows.projects), params, project_from_row)?,
            status_changes: self.rows_given(&sql(rows.status_changes), params, |r| {
                Ok(StatusChange {
                    project: r.get(0)?,
                    at: r.get(1)?,
                    before: r.get(2)?,
                })
            })?,
            next_actions: self.rows_given(&sql(rows.next_actions), params, next_action_from_row)?,
        })
    }

    /// What later schema versions added: process breakdowns (013), requests for updates
    /// (015), Cross Links (016) and people's own work (007).
    fn read_later_records(&self, version: u32, records: &mut OrgRecords) -> Result<(), StoreError> {
        if version >= BREAKDOWN_SCHEMA {
            records.breakdowns = self.rows(BREAKDOWNS, breakdown_from_row)?;
        }
        if version >= UPDATE_REQUEST_SCHEMA {
            records.update_requests = self.rows(UPDATE_REQUESTS, |r| {
                Ok(UpdateRequest {
                    project: r.get(0)?,
                    by: r.get(1)?,
                    requested_at: r.get(2)?,
                    ended_at: r.get(3)?,
                })
            })?;
        }
        if version >= CROSS_LINK_SCHEMA {
            records.cross_links = self.rows(super::cross_links::CROSS_LINKS, |r| {
                Ok(super::cross_links::from_row(
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                ))
            })?;
        }
        if version >= WORK_SCHEMA {
            let read = if version >= WORK_INDEX_SCHEMA {
                WORK_READ_WHOLE.as_str()
            } else {
                WORK_BEFORE_INDEX
            };
            records.work = super::backend::work_notes(self.rows(read, work_row)?);
        }
        Ok(())
    }
}

/// A version of `read_role_records`' union: a role's, a policy's or a circle's.
fn version_from_row(r: &Row<'_>) -> rusqlite::Result<RecordVersion> {
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
}

/// The label of the agenda item whose adoption wrote version `v`: the entry at
/// (meeting_id, event_seq) is a proposal move naming its item, whose `ItemAdded` entry holds
/// the label. NULL for versions not written by a proposal.
const PROPOSAL: &str = "(SELECT json_extract(i.payload, '$.label') FROM meeting_events e
     JOIN meeting_events i ON i.meeting_id = e.meeting_id AND i.seq = json_extract(e.payload, '$.item')
     WHERE e.meeting_id = v.meeting_id AND e.seq = v.event_seq AND json_extract(e.payload, '$.type') = 'proposal')";

/// Who recorded the meeting entry that made version `v` (a schema of 010 or later).
const RECORDED_BY: &str = "(SELECT e.actor FROM meeting_events e WHERE e.meeting_id = v.meeting_id AND e.seq = v.event_seq)";

/// The schema version that added a person's own work log (007_own_work.sql).
const WORK_SCHEMA: u32 = 7;

/// The schema version that indexes own work by the role and circle it is about (023).
pub(super) const WORK_INDEX_SCHEMA: u32 = 23;

/// The columns both stores read an own-work entry with (`backend::WorkRow`), from the work
/// index `w` and the entries `e`, in log and entry order after `WHERE {}`.
const WORK_OF_INDEX: &str = "SELECT w.log_id, m.person_id, e.seq, e.at, e.payload FROM work_index w
     JOIN meetings m ON m.id = w.log_id
     JOIN meeting_events e ON e.meeting_id = w.log_id AND e.seq = w.seq
     WHERE {} ORDER BY w.log_id, w.seq";

/// Whose is an own-work entry in the work index the organisation is read with (both stores):
/// own actions outside any role and tensions, as the own actions and tensions themselves are.
pub(super) const WORK_READ_WHOLE_WHERE: &str = "w.role_id IS NULL OR w.circle_id IS NOT NULL";

/// The own-work entries read with the organisation (`WORK_READ_WHOLE_WHERE`); a role's are
/// read when a screen shows the role (`reported`).
pub(super) static WORK_READ_WHOLE: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| work_of_index(WORK_READ_WHOLE_WHERE));

/// The own-work entries of the index `w` where `condition` holds, as `WORK_OF_INDEX` reads them.
pub(super) fn work_of_index(condition: &str) -> String {
    WORK_OF_INDEX.replace("{}", &format!("({condition})"))
}

/// Before 023 (a file opened read-only): every entry of every person's work log, log by log,
/// in order. The logs are found first (by index since 018): a join would walk the whole log.
const WORK_BEFORE_INDEX: &str =
    "SELECT e.meeting_id, (SELECT person_id FROM meetings WHERE id = e.meeting_id), e.seq, e.at, e.payload
     FROM meeting_events e
     WHERE e.meeting_id IN (SELECT id FROM meetings WHERE kind = 'work') ORDER BY e.meeting_id, e.seq";

/// An own-work entry of `WORK_OF_INDEX`'s (or `WORK_BEFORE_INDEX`'s) columns.
pub(super) fn work_row(r: &Row<'_>) -> rusqlite::Result<super::backend::WorkRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        Recorded {
            seq: u64::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
            at: r.get(3)?,
            event: r.get(4)?,
        },
    ))
}

/// The schema version that added the organisation log (006_people_log.sql).
const LOG_SCHEMA: u32 = 6;
/// The schema version that dates the end of checklist items and metrics
/// (008_circle_records.sql).
const RECORDS_SCHEMA: u32 = 8;

/// The schema version that gave sub-circles a definition and history (009_sub_circles.sql).
const SUB_CIRCLE_SCHEMA: u32 = 9;

/// The schema version that lets a version name the migration that wrote it (011).
const CORE_TEXTS_SCHEMA: u32 = 11;

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
pub(crate) const BREAKDOWNS: &str =
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

/// Roles' projects, their status changes and next actions, as `EntryRows` reads them.
pub(super) struct Tracked {
    pub projects: Vec<Project>,
    pub status_changes: Vec<StatusChange>,
    pub next_actions: Vec<NextAction>,
}

/// A project of `EntryRows::projects`' columns.
pub(super) fn project_from_row(r: &Row<'_>) -> rusqlite::Result<Project> {
    Ok(Project {
        id: r.get(0)?,
        role: r.get(1)?,
        person: r.get(2)?,
        title: r.get(3)?,
        status: r.get(4)?,
        since: r.get(5)?,
    })
}

/// A next action of `EntryRows::next_actions`' columns.
pub(super) fn next_action_from_row(r: &Row<'_>) -> rusqlite::Result<NextAction> {
    Ok(NextAction {
        id: r.get(0)?,
        role: r.get(1)?,
        person: r.get(2)?,
        text: r.get(3)?,
        done: r.get(4)?,
        since: r.get(5)?,
        done_at: r.get(6)?,
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

/// How the rows meeting entries wrote are read, each with the time of the entry that made it
/// (none for a row of an organisation file): projects, next actions (and when one was marked
/// done), tensions (and when one was taken onto an agenda or dropped), and every change of a
/// project's status, oldest first, with the status before. The projects', their changes' and
/// the next actions' queries pick their roles where they say `{p}` (a condition on the
/// projects' `p.role_id`) and `{a}` (on the actions' `a.role_id`). PostgreSQL reads the same.
pub(super) struct EntryRows {
    pub projects: &'static str,
    pub next_actions: &'static str,
    pub tensions: &'static str,
    pub status_changes: &'static str,
}

/// Since 019_entry_times.sql each row carries its entry's time.
pub(super) const ENTRY_ROWS: EntryRows = EntryRows {
    projects: "SELECT p.id, p.role_id, p.person_id, p.title, p.status, p.entry_at FROM projects p
     WHERE {p} ORDER BY p.id",
    next_actions: "SELECT a.id, a.role_id, a.person_id, a.text, a.done, a.entry_at, a.done_at
     FROM next_actions a WHERE {a} ORDER BY a.id",
    tensions: "SELECT id, person_id, role_id, circle_id, text, kind, status, entry_at, processed_at
     FROM tensions ORDER BY id",
    status_changes: "SELECT u.project_id, u.entry_at, u.status_before FROM project_updates u
     WHERE u.project_id IN (SELECT p.id FROM projects p WHERE {p})
     AND u.status_before <> u.status_after AND u.entry_at IS NOT NULL ORDER BY u.entry_at, u.id",
};

/// Before 019 (a file opened read-only is not migrated), the times are looked up among the
/// entries; before 007_own_work.sql no entry marking an action done was kept.
fn entry_rows_joined(version: u32) -> EntryRows {
    EntryRows {
        projects: "SELECT p.id, p.role_id, p.person_id, p.title, p.status, e.at
     FROM projects p LEFT JOIN meeting_events e ON e.meeting_id = p.meeting_id AND e.seq = p.event_seq
     WHERE {p} ORDER BY p.id",
        next_actions: if version >= WORK_SCHEMA {
            "SELECT a.id, a.role_id, a.person_id, a.text, a.done, e.at, d.at
     FROM next_actions a LEFT JOIN meeting_events e ON e.meeting_id = a.meeting_id AND e.seq = a.event_seq
     LEFT JOIN meeting_events d ON d.meeting_id = a.done_meeting_id AND d.seq = a.done_seq
     WHERE {a} ORDER BY a.id"
        } else {
            "SELECT a.id, a.role_id, a.person_id, a.text, a.done, e.at, NULL
     FROM next_actions a LEFT JOIN meeting_events e ON e.meeting_id = a.meeting_id AND e.seq = a.event_seq
     WHERE {a} ORDER BY a.id"
        },
        tensions: "SELECT t.id, t.person_id, t.role_id, t.circle_id, t.text, t.kind, t.status, e.at, c.at
     FROM tensions t LEFT JOIN meeting_events e ON e.meeting_id = t.meeting_id AND e.seq = t.event_seq
     LEFT JOIN meeting_events c ON c.meeting_id = t.processed_meeting_id AND c.seq = t.processed_seq
     ORDER BY t.id",
        status_changes: "SELECT u.project_id, e.at, u.status_before
     FROM project_updates u JOIN meeting_events e ON e.meeting_id = u.meeting_id AND e.seq = u.event_seq
     WHERE u.project_id IN (SELECT p.id FROM projects p WHERE {p})
     AND u.status_before <> u.status_after ORDER BY e.at, u.id",
    }
}

/// The schema version that keeps each entry's time on the rows it wrote (019).
const ENTRY_TIMES_SCHEMA: u32 = 19;
