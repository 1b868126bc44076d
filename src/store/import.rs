//! Loading an organisation file (for `adoption::adopt`), once for every backend: the organisation, its people, and
//! each circle with its core roles, roles and their contents, policies, tensions and
//! sub-circles. Runs inside the caller's write transaction through `Sql`.
//!
//! Owns: the import statements and their order. Must not import: ratatui, crossterm, tokio,
//! a database library.

use super::StoreError;
use super::sql::{Sql, Value};
use super::sql_types::list_to_json;
use crate::domain::orgfile::{CircleEntry, CrossLinkEntry, RoleEntry, to_date};
use crate::domain::*;
use std::collections::HashMap;

/// People by lower-cased name, as a file refers to them.
pub type PeopleByName = HashMap<String, PersonId>;

/// Loads a whole (validated) organisation file into a store holding no organisation;
/// answers its people by lower-cased name. Only `adoption::adopt` calls it: an import is
/// recorded as the adoption it is.
pub(super) fn import(sql: &dyn Sql, file: &OrgFile) -> Result<PeopleByName, StoreError> {
    if let Some(name) = sql.text("SELECT name FROM organisation WHERE id = 1", &[])? {
        return Err(StoreError::AlreadyHasOrganisation(name));
    }
    sql.run(
        "INSERT INTO organisation (id, name, rule_set) VALUES (1, ?1, ?2)",
        &[Value::text(&file.name), Value::text(file.rule_set.id())],
    )?;
    let mut people = PeopleByName::new();
    for p in &file.people {
        // A former member left at the start of the day the file gives.
        let left = p
            .left
            .as_ref()
            .and_then(to_date)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc());
        let id = sql.insert(
            "INSERT INTO people (name, email, left_at) VALUES (?1, ?2, ?3) RETURNING id",
            &[
                Value::text(&p.name),
                Value::opt_text(p.email.as_deref()),
                Value::OptTime(left),
            ],
        )?;
        people.insert(p.name.to_lowercase(), PersonId(id));
    }
    insert_circle(sql, file.rule_set, None, &file.circle, &people)?;
    link_cross_links(sql, &file.circle, &file.circle)?;
    anchor_lead_policy(sql, file)?;
    Ok(people)
}

/// 5.0 §1.4: "The Anchor Circle has no Circle Leads, unless a Policy of the Circle says
/// otherwise." A file that lists the anchor circle's Circle Lead with no policy saying so
/// (files written before this rule) gets the policy, recorded last so that no id the file's
/// other records had moves.
fn anchor_lead_policy(sql: &dyn Sql, file: &OrgFile) -> Result<(), StoreError> {
    let rules = file.rule_set;
    let anchor = &file.circle;
    if rules.rules().anchor_has_lead || anchor.lead_by_policy(rules) || !anchor.lists_lead(rules) {
        return Ok(());
    }
    let lead = CoreRole::Lead.name(rules);
    sql.run(
        "INSERT INTO policies (circle_id, name, text)
         VALUES ((SELECT id FROM circles WHERE parent_id IS NULL ORDER BY id LIMIT 1), ?1, ?2)",
        &[
            Value::text(format!("{lead} of the anchor circle")),
            Value::text(format!(
                "The anchor circle has a {lead} ({}): the organisation file it was loaded from names one.",
                rules.rules().anchor_lead_article
            )),
        ],
    )?;
    Ok(())
}

/// The file's circle named `name` (any case): its name as written, so as inserted.
fn circle_named<'a>(entry: &'a CircleEntry, name: &str) -> Option<&'a str> {
    if entry.name.to_lowercase() == name.to_lowercase() {
        return Some(&entry.name);
    }
    entry.circles.iter().find_map(|c| circle_named(c, name))
}

/// The id of the circle the import inserted under `name`.
fn circle_id(sql: &dyn Sql, name: &str) -> Result<Option<i64>, StoreError> {
    let ids = sql.ints(
        "SELECT id FROM circles WHERE name = ?1",
        &[Value::text(name)],
    )?;
    Ok(ids.first().copied())
}

/// Records where each Cross Link Role of `entry` and the circles within it comes from (4.1
/// §2.7), once every circle is in, as a Linked Entity circle may come later in the file.
fn link_cross_links(
    sql: &dyn Sql,
    anchor: &CircleEntry,
    entry: &CircleEntry,
) -> Result<(), StoreError> {
    for role in &entry.roles {
        let Some(link) = &role.cross_link else {
            continue;
        };
        let from = match link {
            CrossLinkEntry::Circle(name) => {
                let known = circle_named(anchor, name).map(|n| circle_id(sql, n));
                let id = known.transpose()?.flatten().ok_or_else(|| {
                    StoreError::Invalid(format!(
                        "unknown circle \"{name}\" (a Cross Link's source)"
                    ))
                })?;
                LinkedEntity::Circle {
                    circle: CircleId(id),
                }
            }
            CrossLinkEntry::Entity(name) => LinkedEntity::Other { name: name.clone() },
        };
        let role_id = sql.ints(
            "SELECT r.id FROM roles r JOIN circles c ON c.id = r.circle_id
             WHERE c.name = ?1 AND r.name = ?2 AND r.core IS NULL",
            &[Value::text(&entry.name), Value::text(&role.name)],
        )?;
        if let Some(&id) = role_id.first() {
            super::cross_links::link(sql, id, &from, None)?;
        }
    }
    for sub in &entry.circles {
        link_cross_links(sql, anchor, sub)?;
    }
    Ok(())
}

/// Looks up a person the validated file named.
fn person(people: &PeopleByName, name: &str) -> Result<PersonId, StoreError> {
    people
        .get(&name.to_lowercase())
        .copied()
        .ok_or_else(|| StoreError::Invalid(format!("unknown person \"{name}\"")))
}

/// Inserts a role and answers its id.
fn insert_role(
    sql: &dyn Sql,
    circle: CircleId,
    name: &str,
    purpose: &str,
    domains: &[String],
    accountabilities: &[String],
    core: Option<&str>,
) -> Result<RoleId, StoreError> {
    Ok(RoleId(sql.insert(
        "INSERT INTO roles (circle_id, name, purpose, domains, accountabilities, core)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
        &[
            Value::int(circle.0),
            Value::text(name),
            Value::text(purpose),
            Value::text(list_to_json(domains)),
            Value::text(list_to_json(accountabilities)),
            Value::opt_text(core),
        ],
    )?))
}

/// Inserts a circle's core roles (with what the file adds to them) and its other roles;
/// answers every role by lower-cased name.
pub(super) fn insert_roles(
    sql: &dyn Sql,
    rules: RuleSet,
    circle: CircleId,
    anchor: bool,
    entry: &CircleEntry,
    people: &PeopleByName,
) -> Result<HashMap<String, RoleId>, StoreError> {
    let mut roles: HashMap<String, RoleId> = HashMap::new();
    let find = |name: &str| {
        entry
            .roles
            .iter()
            .find(|r| r.name.eq_ignore_ascii_case(name))
    };
    for &core in rules.core_roles(anchor, entry.has_lead(rules)) {
        let name = core.name(rules);
        let extra = find(name);
        let text = rules.rules().core(core);
        let owned = |list: &[&str]| list.iter().map(|a| a.to_string()).collect::<Vec<_>>();
        let mut accountabilities = owned(text.accountabilities);
        let mut domains = owned(text.domains);
        if let Some(extra) = extra {
            accountabilities.extend(extra.accountabilities.iter().cloned());
            domains.extend(extra.domains.iter().cloned());
        }
        let id = insert_role(
            sql,
            circle,
            name,
            text.purpose,
            &domains,
            &accountabilities,
            Some(core.id()),
        )?;
        roles.insert(name.to_lowercase(), id);
        if let Some(extra) = extra {
            insert_role_contents(sql, id, extra, people)?;
        }
    }
    for role in &entry.roles {
        if roles.contains_key(&role.name.to_lowercase()) {
            continue;
        }
        let id = insert_role(
            sql,
            circle,
            &role.name,
            &role.purpose,
            &role.domains,
            &role.accountabilities,
            None,
        )?;
        roles.insert(role.name.to_lowercase(), id);
        insert_role_contents(sql, id, role, people)?;
    }
    Ok(roles)
}

/// Inserts a circle, its roles, policies, tensions and sub-circles.
fn insert_circle(
    sql: &dyn Sql,
    rules: RuleSet,
    parent: Option<CircleId>,
    entry: &CircleEntry,
    people: &PeopleByName,
) -> Result<(), StoreError> {
    let circle = CircleId(sql.insert(
        "INSERT INTO circles (parent_id, name, purpose, strategy, domains, accountabilities)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
        &[
            Value::Int(parent.map(|p| p.0)),
            Value::text(&entry.name),
            Value::text(&entry.purpose),
            Value::opt_text(entry.strategy.as_deref()),
            Value::text(list_to_json(&entry.domains)),
            Value::text(list_to_json(&entry.accountabilities)),
        ],
    )?);
    let roles = insert_roles(sql, rules, circle, parent.is_none(), entry, people)?;
    let role_named = |name: &Option<String>| match name {
        Some(name) => roles
            .get(&name.to_lowercase())
            .map(|r| Some(r.0))
            .ok_or_else(|| {
                StoreError::Invalid(format!(
                    "unknown role \"{name}\" in circle \"{}\"",
                    entry.name
                ))
            }),
        None => Ok(None),
    };
    for policy in &entry.policies {
        sql.run(
            "INSERT INTO policies (circle_id, name, text, role_id) VALUES (?1, ?2, ?3, ?4)",
            &[
                Value::int(circle.0),
                Value::text(&policy.name),
                Value::text(&policy.text),
                Value::Int(role_named(&policy.role)?),
            ],
        )?;
    }
    for tension in &entry.tensions {
        let role = role_named(&tension.role)?.map(RoleId);
        sql.run(
            "INSERT INTO tensions (person_id, role_id, circle_id, text, kind) VALUES (?1, ?2, ?3, ?4, ?5)",
            &[
                Value::int(person(people, &tension.person)?.0),
                Value::Int(role.map(|r| r.0)),
                Value::int(circle.0),
                Value::text(&tension.text),
                Value::text(tension.kind.id()),
            ],
        )?;
    }
    for sub in &entry.circles {
        insert_circle(sql, rules, Some(circle), sub, people)?;
    }
    Ok(())
}

/// Inserts a role's fillers, checklist, metrics (with values), projects and next actions.
fn insert_role_contents(
    sql: &dyn Sql,
    role: RoleId,
    entry: &RoleEntry,
    people: &PeopleByName,
) -> Result<(), StoreError> {
    let r = Value::int(role.0);
    for f in &entry.fillers {
        let term_end = f.term_end.as_ref().and_then(to_date);
        sql.run(
            "INSERT INTO assignments (role_id, person_id, focus, term_end) VALUES (?1, ?2, ?3, ?4)",
            &[
                r.clone(),
                Value::int(person(people, &f.person)?.0),
                Value::opt_text(f.focus.as_deref()),
                Value::Date(term_end),
            ],
        )?;
    }
    for item in &entry.checklist {
        sql.run(
            "INSERT INTO checklist_items (role_id, text, frequency) VALUES (?1, ?2, ?3)",
            &[
                r.clone(),
                Value::text(&item.text),
                Value::text(item.frequency.id()),
            ],
        )?;
    }
    for metric in &entry.metrics {
        let id = sql.insert(
            "INSERT INTO metrics (role_id, name, unit, frequency) VALUES (?1, ?2, ?3, ?4) RETURNING id",
            &[
                r.clone(),
                Value::text(&metric.name),
                Value::opt_text(metric.unit.as_deref()),
                Value::text(metric.frequency.id()),
            ],
        )?;
        for v in &metric.values {
            let period = to_date(&v.date).ok_or_else(|| {
                StoreError::Invalid(format!("bad date in metric \"{}\"", metric.name))
            })?;
            sql.run(
                "INSERT INTO metric_values (metric_id, period, value, comment) VALUES (?1, ?2, ?3, ?4)",
                &[
                    Value::int(id),
                    Value::Date(Some(period)),
                    Value::Real(v.value),
                    Value::opt_text(v.comment.as_deref()),
                ],
            )?;
        }
    }
    for p in &entry.projects {
        let owner = p.person.as_deref().map(|n| person(people, n)).transpose()?;
        sql.run(
            "INSERT INTO projects (role_id, person_id, title, status) VALUES (?1, ?2, ?3, ?4)",
            &[
                r.clone(),
                Value::Int(owner.map(|o| o.0)),
                Value::text(&p.title),
                Value::text(p.status.id()),
            ],
        )?;
    }
    for a in &entry.next_actions {
        sql.run(
            "INSERT INTO next_actions (role_id, person_id, text, done) VALUES (?1, ?2, ?3, ?4)",
            &[
                r.clone(),
                Value::int(person(people, &a.person)?.0),
                Value::text(&a.text),
                Value::Bool(a.done),
            ],
        )?;
    }
    Ok(())
}
