//! Writing adopted changes to sub-circles: a role expanded into one, one collapsed back into
//! a role, one removed with everything within (4.1 §2.6-2.6.2; 5.0 §1.3.1, §5.2). Every row
//! touched gets a version stamped with the entry, so taking the entry back (`governance::undo`)
//! restores exactly what was, and fillers ended or assigned carry the entry too.
//!
//! Owns: those writes, through `Sql` so both backends run them. Must not import: ratatui,
//! crossterm, tokio, a database library.

use super::StoreError;
use super::governance::{Kind, Source, change, end_fillers, version};
use super::import;
use super::sql::{Sql, Value};
use crate::domain::orgfile::CircleEntry;
use crate::domain::*;
use std::collections::HashMap;

/// The organisation's rule set, as the store holds it.
fn rule_set(sql: &dyn Sql) -> Result<RuleSet, StoreError> {
    let id = sql.text("SELECT rule_set FROM organisation WHERE id = 1", &[])?;
    id.as_deref()
        .unwrap_or_default()
        .parse()
        .map_err(StoreError::Invalid)
}

/// The ids a statement selects, with `?1` the given id.
fn ids(sql: &dyn Sql, statement: &str, id: i64) -> Result<Vec<i64>, StoreError> {
    sql.ints(statement, &[Value::int(id)])
}

/// Role `role` becomes a sub-circle of its circle with the same name, purpose, domains and
/// accountabilities and the core roles every sub-circle has. The role itself becomes the
/// sub-circle's Lead role (5.0 §1.4 "Serving as a Role Lead also means serving as a Circle
/// Lead within that Role's internal Circle"), so its projects, checklist items and metrics go
/// on there; under 4.1 its fillers' assignments end, as the super-circle's Lead Link assigns
/// the Lead Link (§2.6.3). Answers the ids it created: the sub-circle's, then its core
/// roles' in the rule set's order (the Lead's row among them, which the role replaces).
pub(super) fn expand(sql: &dyn Sql, role: RoleId, src: Source) -> Result<Vec<i64>, StoreError> {
    let rules = rule_set(sql)?;
    let circle = sql.insert(
        "INSERT INTO circles (parent_id, name, purpose, domains, accountabilities)
         SELECT circle_id, name, purpose, domains, accountabilities FROM roles WHERE id = ?1 RETURNING id",
        &[Value::int(role.0)],
    )?;
    version(sql, Kind::Circle, circle, src, false)?;
    let name = sql
        .text(
            "SELECT name FROM circles WHERE id = ?1",
            &[Value::int(circle)],
        )?
        .unwrap_or_default();
    let core = import::insert_roles(
        sql,
        rules,
        CircleId(circle),
        false,
        &CircleEntry::named(&name),
        &HashMap::new(),
    )?;
    let mut created: Vec<i64> = core.values().map(|id| id.0).collect();
    created.sort_unstable();
    let lead = ids(
        sql,
        "SELECT id FROM roles WHERE circle_id = ?1 AND core = 'lead'",
        circle,
    )?;
    for id in created.iter().filter(|id| !lead.contains(id)) {
        version(sql, Kind::Role, *id, src, false)?;
    }
    policies_into(sql, role, circle, src)?;
    if !rules.rules().changes.role_lead_is_circle_lead {
        end_fillers(sql, role, src)?;
    }
    if let Some(&made) = lead.first() {
        // The role takes the Lead the rule set defines: the new row steps aside (so the
        // names do not clash), lends its definition, and goes; nothing refers to it yet.
        let made = Value::int(made);
        sql.run(
            "UPDATE roles SET removed_at = ?2 WHERE id = ?1",
            &[made.clone(), Value::Time(src.at)],
        )?;
        change(
            sql,
            Kind::Role,
            role.0,
            src,
            "UPDATE roles SET circle_id = l.circle_id, name = l.name, purpose = l.purpose,
             domains = l.domains, accountabilities = l.accountabilities, core = l.core
             FROM (SELECT * FROM roles WHERE id = ?2) AS l WHERE roles.id = ?1",
            std::slice::from_ref(&made),
        )?;
        sql.run("DELETE FROM roles WHERE id = ?1", &[made])?;
    }
    created.insert(0, circle);
    Ok(created)
}

/// A role goes (softly, with a version) with the policies it holds, and its fillers'
/// assignments end.
fn remove_role(sql: &dyn Sql, role: i64, src: Source) -> Result<(), StoreError> {
    end_fillers(sql, RoleId(role), src)?;
    change(
        sql,
        Kind::Role,
        role,
        src,
        "UPDATE roles SET removed_at = ?2 WHERE id = ?1",
        &[Value::Time(src.at)],
    )?;
    policies_follow(sql, RoleId(role), None, src)
}

/// The policies `role` holds (5.0 §1.1) go where it goes: into circle `to` with it, or (with
/// `None`) away with it.
pub(super) fn policies_follow(
    sql: &dyn Sql,
    role: RoleId,
    to: Option<CircleId>,
    src: Source,
) -> Result<(), StoreError> {
    let held = ids(
        sql,
        "SELECT id FROM policies WHERE role_id = ?1 AND removed_at IS NULL ORDER BY id",
        role.0,
    )?;
    for policy in held {
        match to {
            Some(circle) => change(
                sql,
                Kind::Policy,
                policy,
                src,
                "UPDATE policies SET circle_id = ?2 WHERE id = ?1",
                &[Value::int(circle.0)],
            )?,
            None => change(
                sql,
                Kind::Policy,
                policy,
                src,
                "UPDATE policies SET removed_at = ?2 WHERE id = ?1",
                &[Value::Time(src.at)],
            )?,
        }
    }
    Ok(())
}

/// The policies an expanded role held become its sub-circle's own: the inside of a role is
/// its circle (5.0 §1.3.1).
fn policies_into(sql: &dyn Sql, role: RoleId, circle: i64, src: Source) -> Result<(), StoreError> {
    let held = ids(
        sql,
        "SELECT id FROM policies WHERE role_id = ?1 AND removed_at IS NULL ORDER BY id",
        role.0,
    )?;
    for policy in held {
        change(
            sql,
            Kind::Policy,
            policy,
            src,
            "UPDATE policies SET circle_id = ?2, role_id = NULL WHERE id = ?1",
            &[Value::int(circle)],
        )?;
    }
    Ok(())
}

/// Sub-circle `circle` becomes a role of its super-circle again, with its name, purpose,
/// domains and accountabilities; what was within it goes. The sub-circle's Lead role becomes
/// that role, the inverse of `expand` (5.0 §1.4), so its projects, checklist items and
/// metrics go on; under 4.1 its fillers' assignments end (§2.6.3 leaves assigning to the
/// super-circle's Lead Link). Without a Lead role, a new role is made: its id is answered.
pub(super) fn collapse(
    sql: &dyn Sql,
    circle: CircleId,
    src: Source,
) -> Result<Option<i64>, StoreError> {
    let lead = ids(
        sql,
        "SELECT id FROM roles WHERE circle_id = ?1 AND core = 'lead' AND removed_at IS NULL ORDER BY id",
        circle.0,
    )?;
    let Some(&lead) = lead.first() else {
        let role = sql.insert(
            "INSERT INTO roles (circle_id, name, purpose, domains, accountabilities)
             SELECT parent_id, name, purpose, domains, accountabilities FROM circles WHERE id = ?1 RETURNING id",
            &[Value::int(circle.0)],
        )?;
        version(sql, Kind::Role, role, src, false)?;
        return remove_within(sql, circle, src).map(|()| Some(role));
    };
    if !rule_set(sql)?.rules().changes.role_lead_is_circle_lead {
        end_fillers(sql, RoleId(lead), src)?;
    }
    change(
        sql,
        Kind::Role,
        lead,
        src,
        "UPDATE roles SET circle_id = c.parent_id, name = c.name, purpose = c.purpose,
         domains = c.domains, accountabilities = c.accountabilities, core = NULL
         FROM (SELECT * FROM circles WHERE id = ?2) AS c WHERE roles.id = ?1",
        &[Value::int(circle.0)],
    )?;
    let parent = ids(sql, "SELECT parent_id FROM circles WHERE id = ?1", circle.0)?;
    if let Some(&parent) = parent.first() {
        policies_follow(sql, RoleId(lead), Some(CircleId(parent)), src)?;
    }
    remove_within(sql, circle, src).map(|()| None)
}

/// Sub-circle `circle` goes with everything within: its roles (their fillers' assignments
/// end), its policies and its own sub-circles, each with a version.
pub(super) fn remove_within(
    sql: &dyn Sql,
    circle: CircleId,
    src: Source,
) -> Result<(), StoreError> {
    let mut circles = vec![circle.0];
    let mut i = 0;
    while let Some(&at) = circles.get(i) {
        circles.extend(ids(
            sql,
            "SELECT id FROM circles WHERE parent_id = ?1 AND removed_at IS NULL ORDER BY id",
            at,
        )?);
        i += 1;
    }
    let now = [Value::Time(src.at)];
    for &at in circles.iter().rev() {
        for role in ids(
            sql,
            "SELECT id FROM roles WHERE circle_id = ?1 AND removed_at IS NULL ORDER BY id",
            at,
        )? {
            remove_role(sql, role, src)?;
        }
        for policy in ids(
            sql,
            "SELECT id FROM policies WHERE circle_id = ?1 AND removed_at IS NULL ORDER BY id",
            at,
        )? {
            let statement = "UPDATE policies SET removed_at = ?2 WHERE id = ?1";
            change(sql, Kind::Policy, policy, src, statement, &now)?;
        }
        let statement = "UPDATE circles SET removed_at = ?2 WHERE id = ?1";
        change(sql, Kind::Circle, at, src, statement, &now)?;
    }
    Ok(())
}
