//! Applying adopted governance changes and election results, with history, and undoing them.
//!
//! Owns: role, policy and sub-circle versions (a baseline of how a role stood before its first governed
//! change, then one version per change, each linked to the meeting entry), soft removal, and
//! elected fillers that end the ones they replace. Undo restores exactly the previous state.
//! The writes go through `Sql`, so both backends run them; reading the history back is
//! SQLite's here. Must not import: ratatui, crossterm, tokio.

use super::StoreError;
use super::cross_links;
use super::sql::{Sql, Value};
use super::sql_types::list_to_json;
use super::sub_circles;
use crate::domain::meeting::governance::Change;
use crate::domain::*;
use chrono::{DateTime, NaiveDate, Utc};

/// The source of a write: the meeting and the sequence number of its entry.
#[derive(Clone, Copy)]
pub(super) struct Source {
    pub meeting: i64,
    pub seq: i64,
    pub at: DateTime<Utc>,
}

impl Source {
    fn values(self) -> [Value; 3] {
        [
            Value::Time(self.at),
            Value::int(self.meeting),
            Value::int(self.seq),
        ]
    }
}

/// Writes a version row of a role, policy or circle as it stands now.
pub(super) fn version(
    sql: &dyn Sql,
    kind: Kind,
    id: i64,
    src: Source,
    baseline: bool,
) -> Result<(), StoreError> {
    let [at, m, seq] = src.values();
    let statement = match kind {
        Kind::Role => "INSERT INTO role_versions (role_id, circle_id, name, purpose, domains, accountabilities, core, removed, baseline, recorded_at, meeting_id, event_seq)
         SELECT id, circle_id, name, purpose, domains, accountabilities, coalesce(core, ''), removed_at IS NOT NULL, ?2, ?3, ?4, ?5 FROM roles WHERE id = ?1",
        Kind::Policy => "INSERT INTO policy_versions (policy_id, circle_id, role_id, name, text, removed, baseline, recorded_at, meeting_id, event_seq)
         SELECT id, circle_id, role_id, name, text, removed_at IS NOT NULL, ?2, ?3, ?4, ?5 FROM policies WHERE id = ?1",
        Kind::Circle => "INSERT INTO circle_versions (circle_id, parent_id, name, purpose, domains, accountabilities, removed, baseline, recorded_at, meeting_id, event_seq)
         SELECT id, parent_id, name, purpose, domains, accountabilities, removed_at IS NOT NULL, ?2, ?3, ?4, ?5 FROM circles WHERE id = ?1",
    };
    sql.run(
        statement,
        &[Value::int(id), Value::Bool(baseline), at, m, seq],
    )?;
    Ok(())
}

/// Before a role's (or policy's) first governed change, records how it stood (its baseline).
fn baseline(sql: &dyn Sql, kind: Kind, id: i64, src: Source) -> Result<(), StoreError> {
    let (versions, column) = kind.versions();
    let has = sql.ints(
        &format!("SELECT id FROM {versions} WHERE {column} = ?1 LIMIT 1"),
        &[Value::int(id)],
    )?;
    if has.is_empty() {
        version(sql, kind, id, src, true)?;
    }
    Ok(())
}

/// Roles, policies and sub-circles are versioned alike.
#[derive(Clone, Copy)]
pub(super) enum Kind {
    /// A role: `roles`, versioned in `role_versions`.
    Role,
    /// A policy, of a circle or held by a role: `policies`, versioned in `policy_versions`.
    Policy,
    /// A sub-circle: `circles`, versioned in `circle_versions`.
    Circle,
}

impl Kind {
    /// The table of versions and its column naming the versioned row.
    fn versions(self) -> (&'static str, &'static str) {
        match self {
            Kind::Role => ("role_versions", "role_id"),
            Kind::Policy => ("policy_versions", "policy_id"),
            Kind::Circle => ("circle_versions", "circle_id"),
        }
    }

    fn table(self) -> &'static str {
        match self {
            Kind::Role => "roles",
            Kind::Policy => "policies",
            Kind::Circle => "circles",
        }
    }
}

/// Changes an existing role, policy or circle by `statement` (whose `?1` is its id), with
/// its baseline before and a version after.
pub(super) fn change(
    sql: &dyn Sql,
    kind: Kind,
    id: i64,
    src: Source,
    statement: &str,
    args: &[Value],
) -> Result<(), StoreError> {
    baseline(sql, kind, id, src)?;
    let mut all = vec![Value::int(id)];
    all.extend_from_slice(args);
    sql.run(statement, &all)?;
    version(sql, kind, id, src, false)
}

/// Applies adopted changes to `circle`, writing a version of everything touched. The ids
/// of the rows the changes create are added to `created`, in the order the domain's
/// `Organisation::apply` takes them (`Change::creates`).
pub(super) fn apply(
    sql: &dyn Sql,
    circle: CircleId,
    changes: &[Change],
    src: Source,
    created: &mut Vec<i64>,
) -> Result<(), StoreError> {
    for c in changes {
        match c {
            Change::CreateRole {
                name,
                purpose,
                domains,
                accountabilities,
            } => created.push(create_role(
                sql,
                circle,
                (name, purpose),
                (domains, accountabilities),
                src,
            )?),
            Change::AmendRole {
                role,
                name,
                purpose,
                domains,
                accountabilities,
            } => {
                let definition = (name, purpose, domains, accountabilities);
                amend_definition(sql, Kind::Role, role.0, definition, src)?
            }
            Change::RemoveRole { role } => {
                remove(sql, Kind::Role, role.0, src)?;
                sub_circles::policies_follow(sql, *role, None, src)?;
            }
            Change::MoveRole { role, to } => move_role(sql, *role, *to, src)?,
            Change::CreatePolicy { name, text: body } => created.push(create_policy(
                sql,
                Holder::Circle(circle),
                (name, body),
                src,
            )?),
            Change::AmendPolicy {
                policy,
                name,
                text: body,
            } => amend_policy(sql, *policy, (name.as_deref(), body.as_deref()), src)?,
            Change::RemovePolicy { policy } => remove(sql, Kind::Policy, policy.0, src)?,
            Change::MovePolicy { policy, to } => move_policy(sql, *policy, *to, src)?,
            Change::ExpandRole { role } => created.extend(sub_circles::expand(sql, *role, src)?),
            Change::CreateRolePolicy {
                role,
                name,
                text: body,
            } => created.push(create_policy(sql, Holder::Role(*role), (name, body), src)?),
            Change::AmendCircle {
                circle: target,
                name,
                purpose,
                domains,
                accountabilities,
            } => {
                let definition = (name, purpose, domains, accountabilities);
                amend_definition(sql, Kind::Circle, target.0, definition, src)?
            }
            Change::CollapseCircle { circle: target } => {
                created.extend(sub_circles::collapse(sql, *target, src)?)
            }
            Change::RemoveCircle { circle: target } => {
                sub_circles::remove_within(sql, *target, src)?
            }
            Change::CreateCrossLink { from, into, filler } => {
                created.extend(cross_links::create(sql, *into, (from, *filler), src)?)
            }
            Change::RemoveCrossLink { role } => cross_links::remove(sql, *role, src)?,
        }
    }
    Ok(())
}

/// A role's or sub-circle's definition as an amendment gives it: each part changed, or
/// `None` for one left as it is.
type Definition<'c> = (
    &'c Option<String>,
    &'c Option<String>,
    &'c Option<Vec<String>>,
    &'c Option<Vec<String>>,
);

/// Creates a role of `circle`, its name and purpose cleaned, with its first version: its id.
fn create_role(
    sql: &dyn Sql,
    circle: CircleId,
    (name, purpose): (&str, &str),
    (domains, accountabilities): (&[String], &[String]),
    src: Source,
) -> Result<i64, StoreError> {
    let id = sql.insert(
        "INSERT INTO roles (circle_id, name, purpose, domains, accountabilities) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
        &[
            Value::int(circle.0),
            Value::text(text::clean_line(name)),
            Value::text(text::clean_text(purpose)),
            Value::text(list_to_json(domains)),
            Value::text(list_to_json(accountabilities)),
        ],
    )?;
    version(sql, Kind::Role, id, src, false)?;
    Ok(id)
}

/// Who holds a new policy: the circle, or a role of it (whose circle it is in, too).
enum Holder {
    /// The circle itself holds it.
    Circle(CircleId),
    /// A role holds it (5.0 §1.1), in the role's circle.
    Role(RoleId),
}

/// Creates a policy held by `holder`, its name and text cleaned, with its first version: its
/// id.
fn create_policy(
    sql: &dyn Sql,
    holder: Holder,
    (name, body): (&str, &str),
    src: Source,
) -> Result<i64, StoreError> {
    let (statement, id) = match holder {
        Holder::Circle(circle) => (
            "INSERT INTO policies (circle_id, name, text) VALUES (?1, ?2, ?3) RETURNING id",
            circle.0,
        ),
        Holder::Role(role) => (
            "INSERT INTO policies (circle_id, role_id, name, text) SELECT circle_id, id, ?2, ?3 FROM roles WHERE id = ?1 RETURNING id",
            role.0,
        ),
    };
    let args = [
        Value::int(id),
        Value::text(text::clean_line(name)),
        Value::text(text::clean_text(body)),
    ];
    let id = sql.insert(statement, &args)?;
    version(sql, Kind::Policy, id, src, false)?;
    Ok(id)
}

/// Amends a role's or sub-circle's name, purpose, domains and accountabilities: the parts
/// given, cleaned as when created; the others stay.
fn amend_definition(
    sql: &dyn Sql,
    kind: Kind,
    id: i64,
    (name, purpose, domains, accountabilities): Definition,
    src: Source,
) -> Result<(), StoreError> {
    let statement = format!(
        "UPDATE {} SET name = coalesce(?2, name), purpose = coalesce(?3, purpose),
                 domains = coalesce(?4, domains), accountabilities = coalesce(?5, accountabilities) WHERE id = ?1",
        kind.table()
    );
    let args = [
        Value::Text(name.as_deref().map(text::clean_line)),
        Value::Text(purpose.as_deref().map(text::clean_text)),
        Value::Text(domains.as_deref().map(list_to_json)),
        Value::Text(accountabilities.as_deref().map(list_to_json)),
    ];
    change(sql, kind, id, src, &statement, &args)
}

/// Amends a policy's name and text: the parts given, cleaned; the others stay.
fn amend_policy(
    sql: &dyn Sql,
    policy: PolicyId,
    (name, body): (Option<&str>, Option<&str>),
    src: Source,
) -> Result<(), StoreError> {
    change(
        sql,
        Kind::Policy,
        policy.0,
        src,
        "UPDATE policies SET name = coalesce(?2, name), text = coalesce(?3, text) WHERE id = ?1",
        &[
            Value::Text(name.map(text::clean_line)),
            Value::Text(body.map(text::clean_text)),
        ],
    )
}

/// Moves a role to circle `to`; the policies it holds go with it.
fn move_role(sql: &dyn Sql, role: RoleId, to: CircleId, src: Source) -> Result<(), StoreError> {
    let statement = "UPDATE roles SET circle_id = ?2 WHERE id = ?1";
    change(sql, Kind::Role, role.0, src, statement, &[Value::int(to.0)])?;
    sub_circles::policies_follow(sql, role, Some(to), src)
}

/// Moves a policy to circle `to`, as that circle's own (no role holds it there).
fn move_policy(
    sql: &dyn Sql,
    policy: PolicyId,
    to: CircleId,
    src: Source,
) -> Result<(), StoreError> {
    let statement = "UPDATE policies SET circle_id = ?2, role_id = NULL WHERE id = ?1";
    change(
        sql,
        Kind::Policy,
        policy.0,
        src,
        statement,
        &[Value::int(to.0)],
    )
}

/// Removes a role or policy softly: it stays in the record, removed at the entry's time.
fn remove(sql: &dyn Sql, kind: Kind, id: i64, src: Source) -> Result<(), StoreError> {
    let statement = format!("UPDATE {} SET removed_at = ?2 WHERE id = ?1", kind.table());
    change(sql, kind, id, src, &statement, &[Value::Time(src.at)])
}

/// Makes `person` the filler of `role` until `term_end`; the current fillers' assignments
/// end (they stay in the record). Answers the new assignment's id.
pub(super) fn assign_elected(
    sql: &dyn Sql,
    role: RoleId,
    person: PersonId,
    term_end: Option<NaiveDate>,
    src: Source,
) -> Result<i64, StoreError> {
    end_fillers(sql, role, src)?;
    let [at, m, seq] = src.values();
    sql.insert(
        "INSERT INTO assignments (role_id, person_id, term_end, meeting_id, event_seq, started_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
        &[Value::int(role.0), Value::int(person.0), Value::Date(term_end), m, seq, at],
    )
}

/// Ends the assignments of `role` that last, by the entry `src` (taking it back restores them).
pub(super) fn end_fillers(sql: &dyn Sql, role: RoleId, src: Source) -> Result<(), StoreError> {
    let [at, m, seq] = src.values();
    sql.run(
        "UPDATE assignments SET ended_meeting_id = ?2, ended_seq = ?3, ended_at = ?4
         WHERE role_id = ?1 AND ended_meeting_id IS NULL AND ended_at IS NULL",
        &[Value::int(role.0), m, seq, at],
    )?;
    Ok(())
}

/// Reverses governance and election effects of the entry `(meeting, seq)`.
pub(super) fn undo(sql: &dyn Sql, meeting: i64, seq: i64) -> Result<(), StoreError> {
    let args = [Value::int(meeting), Value::int(seq)];
    sql.run(
        "DELETE FROM assignments WHERE meeting_id = ?1 AND event_seq = ?2",
        &args,
    )?;
    sql.run(
        "UPDATE assignments SET ended_meeting_id = NULL, ended_seq = NULL, ended_at = NULL WHERE ended_meeting_id = ?1 AND ended_seq = ?2",
        &args,
    )?;
    cross_links::undo(sql, meeting, seq)?;
    undo_versions(sql, Kind::Role, meeting, seq)?;
    undo_versions(sql, Kind::Policy, meeting, seq)?;
    // Last: a circle the entry created is deleted once the roles it created within are.
    undo_versions(sql, Kind::Circle, meeting, seq)?;
    Ok(())
}

/// For each role (or policy) this entry changed, restores the version before it; one it
/// created is deleted. Then the entry's version rows go.
fn undo_versions(sql: &dyn Sql, kind: Kind, meeting: i64, seq: i64) -> Result<(), StoreError> {
    let (versions, id) = kind.versions();
    let table = kind.table();
    let columns = match kind {
        Kind::Role => {
            "circle_id = v.circle_id, name = v.name, purpose = v.purpose, domains = v.domains, accountabilities = v.accountabilities, core = nullif(v.core, '')"
        }
        Kind::Policy => {
            "circle_id = v.circle_id, role_id = v.role_id, name = v.name, text = v.text"
        }
        Kind::Circle => {
            "parent_id = v.parent_id, name = v.name, purpose = v.purpose, domains = v.domains, accountabilities = v.accountabilities"
        }
    };
    let args = [Value::int(meeting), Value::int(seq)];
    let touched = sql.ints(
        &format!("SELECT DISTINCT {id} FROM {versions} WHERE meeting_id = ?1 AND event_seq = ?2"),
        &args,
    )?;
    for target in touched {
        let with = [Value::int(target), Value::int(meeting), Value::int(seq)];
        let previous = sql.ints(
            &format!(
                "SELECT id FROM {versions} WHERE {id} = ?1
                 AND NOT (meeting_id IS NOT DISTINCT FROM ?2 AND event_seq IS NOT DISTINCT FROM ?3)
                 ORDER BY id DESC LIMIT 1"
            ),
            &with,
        )?;
        let own_baseline = sql.ints(
            &format!("SELECT id FROM {versions} WHERE {id} = ?1 AND meeting_id = ?2 AND event_seq = ?3 AND baseline"),
            &with,
        )?;
        match previous.first().or(own_baseline.first()) {
            Some(&version) => {
                sql.run(
                    &format!(
                        "UPDATE {table} SET {columns}, removed_at = CASE WHEN v.removed THEN {table}.removed_at ELSE NULL END
                         FROM (SELECT * FROM {versions} WHERE id = ?2) AS v WHERE {table}.id = ?1"
                    ),
                    &[Value::int(target), Value::int(version)],
                )?;
            }
            None => {
                sql.run(
                    &format!("DELETE FROM {versions} WHERE {id} = ?1"),
                    &[Value::int(target)],
                )?;
                sql.run(
                    &format!("DELETE FROM {table} WHERE id = ?1"),
                    &[Value::int(target)],
                )?;
            }
        }
    }
    sql.run(
        &format!("DELETE FROM {versions} WHERE meeting_id = ?1 AND event_seq = ?2"),
        &args,
    )?;
    Ok(())
}

/// One version of a role, as its history shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleVersion {
    pub name: String,
    pub purpose: String,
    pub domains: Vec<String>,
    pub accountabilities: Vec<String>,
    pub circle: CircleId,
    pub removed: bool,
    /// How the role stood before its first governed change.
    pub baseline: bool,
    pub recorded_at: DateTime<Utc>,
    pub meeting: Option<MeetingId>,
}

impl super::Store {
    /// A role's versions, oldest first (empty for a role governance never changed).
    pub(super) fn role_versions(&self, role: RoleId) -> Result<Vec<RoleVersion>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name, purpose, domains, accountabilities, circle_id, removed, baseline, recorded_at, meeting_id
             FROM role_versions WHERE role_id = ?1 ORDER BY id",
        )?;
        let rows = stmt
            .query_map([role], |r| {
                Ok(RoleVersion {
                    name: r.get(0)?,
                    purpose: r.get(1)?,
                    domains: super::sql_types::list_from_json(&r.get::<_, String>(2)?)?,
                    accountabilities: super::sql_types::list_from_json(&r.get::<_, String>(3)?)?,
                    circle: r.get(4)?,
                    removed: r.get(5)?,
                    baseline: r.get(6)?,
                    recorded_at: r.get(7)?,
                    meeting: r.get::<_, Option<i64>>(8)?.map(MeetingId),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}
