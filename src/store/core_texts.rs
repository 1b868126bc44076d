//! The data step of migration 011, run by both backends in the migration's transaction: each
//! core role of an existing organisation gets the constitution's own purpose, domains and
//! accountabilities for its rule set (`Rules::core`), keeping what the circle added, and the
//! change is recorded as a version of the role that names the migration, after a baseline
//! of how it stood (so the governance record, and "as of" a past date, still show the old
//! words for the time before).
//!
//! Under 5.0 an anchor circle with a Circle Lead and no policy saying so gets that policy
//! (§1.4), with a version naming the migration too.
//!
//! Owns: the texts that Roundtable gave core roles before (to tell them from additions) and
//! that step. Must not import: ratatui, crossterm, tokio, a database library.

use super::StoreError;
use super::sql::{Sql, Value};
use super::sql_types::{list_from_json, list_to_json};
use crate::domain::{CoreRole, RuleSet};

/// How the migration names itself in the versions it writes.
pub const MIGRATION_011: &str =
    "011: the constitution's core role texts (4.1 Appendix A; 5.0 §1.3.5, §1.4, §5.1.1-5.1.2)";

/// The accountabilities Roundtable wrote on core roles before 011, in its own words (the
/// same under both rule sets): replaced, never kept as additions.
fn before_011(core: CoreRole) -> &'static [&'static str] {
    match core {
        CoreRole::Lead => &[
            "Structuring the circle's governance to express its purpose",
            "Assigning people to the circle's roles and monitoring their fit",
            "Allocating the circle's resources across its projects and roles",
            "Defining priorities and strategies for the circle",
        ],
        CoreRole::Facilitator => &[
            "Facilitating the circle's tactical and governance meetings",
            "Auditing the meetings and records of sub-circles when asked",
        ],
        CoreRole::Secretary => &[
            "Scheduling the circle's meetings and notifying every member",
            "Capturing and publishing the outputs of the circle's meetings",
            "Interpreting the rules and the circle's governance when asked",
        ],
        CoreRole::Rep => &[
            "Removing constraints within the broader organisation that limit the circle",
            "Seeking to understand tensions conveyed by the circle's members",
            "Providing visibility to the super-circle into the circle's health",
        ],
    }
}

/// The constitution's items first, then what the circle had added (the old defaults and
/// anything already there left out).
fn merged(given: &[&str], old: &[String], replaced: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = given.iter().map(|s| s.to_string()).collect();
    for item in old {
        if !replaced.contains(&item.as_str()) && !out.contains(item) {
            out.push(item.clone());
        }
    }
    out
}

/// Runs the data step that follows schema migration `version`, if it has one.
pub fn after_migration(version: u32, sql: &dyn Sql) -> Result<(), StoreError> {
    match version {
        11 => core_role_texts(sql),
        _ => Ok(()),
    }
}

/// Migration 011's data step.
fn core_role_texts(sql: &dyn Sql) -> Result<(), StoreError> {
    let Some(rule_set) = sql.text("SELECT rule_set FROM organisation WHERE id = 1", &[])? else {
        return Ok(());
    };
    let rules: RuleSet = rule_set.parse().map_err(StoreError::Invalid)?;
    let roles = sql.ints(
        "SELECT id FROM roles WHERE core IS NOT NULL AND removed_at IS NULL ORDER BY id",
        &[],
    )?;
    for id in roles {
        let field = |column: &str| -> Result<String, StoreError> {
            Ok(sql
                .text(
                    &format!("SELECT {column} FROM roles WHERE id = ?1"),
                    &[Value::int(id)],
                )?
                .unwrap_or_default())
        };
        let Some(core) = CoreRole::from_id(&field("core")?) else {
            continue;
        };
        let text = rules.rules().core(core);
        let purpose = field("purpose")?;
        let domains = list_from_json(&field("domains")?)?;
        let accountabilities = list_from_json(&field("accountabilities")?)?;
        let new_domains = merged(text.domains, &domains, &[]);
        let new_accountabilities =
            merged(text.accountabilities, &accountabilities, before_011(core));
        if purpose == text.purpose
            && new_domains == domains
            && new_accountabilities == accountabilities
        {
            continue;
        }
        let has_version = !sql
            .ints(
                "SELECT id FROM role_versions WHERE role_id = ?1 LIMIT 1",
                &[Value::int(id)],
            )?
            .is_empty();
        let now = Value::Time(chrono::Utc::now());
        let version = |baseline: bool| {
            sql.run(
                "INSERT INTO role_versions (role_id, circle_id, name, purpose, domains, accountabilities, removed, baseline, recorded_at, migration)
                 SELECT id, circle_id, name, purpose, domains, accountabilities, removed_at IS NOT NULL, ?2, ?3, ?4 FROM roles WHERE id = ?1",
                &[
                    Value::int(id),
                    Value::Bool(baseline),
                    now.clone(),
                    Value::opt_text((!baseline).then_some(MIGRATION_011)),
                ],
            )
        };
        if !has_version {
            version(true)?;
        }
        sql.run(
            "UPDATE roles SET purpose = ?2, domains = ?3, accountabilities = ?4 WHERE id = ?1",
            &[
                Value::int(id),
                Value::text(text.purpose),
                Value::text(list_to_json(&new_domains)),
                Value::text(list_to_json(&new_accountabilities)),
            ],
        )?;
        version(false)?;
    }
    anchor_lead_policy(sql, rules)
}

/// 5.0 §1.4: "The Anchor Circle has no Circle Leads, unless a Policy of the Circle says
/// otherwise." A database whose anchor circle has a Circle Lead and no policy saying so gets
/// the policy, with a version naming this migration.
fn anchor_lead_policy(sql: &dyn Sql, rules: RuleSet) -> Result<(), StoreError> {
    let r = rules.rules();
    if r.anchor_has_lead {
        return Ok(());
    }
    let Some(&anchor) = sql
        .ints(
            "SELECT id FROM circles WHERE parent_id IS NULL ORDER BY id LIMIT 1",
            &[],
        )?
        .first()
    else {
        return Ok(());
    };
    let lead = CoreRole::Lead.name(rules);
    let has_lead = !sql
        .ints(
            "SELECT id FROM roles WHERE circle_id = ?1 AND core = 'lead' AND removed_at IS NULL",
            &[Value::int(anchor)],
        )?
        .is_empty();
    let policies = sql.ints(
        "SELECT id FROM policies WHERE circle_id = ?1 AND removed_at IS NULL",
        &[Value::int(anchor)],
    )?;
    let mut said = false;
    for id in policies {
        let text = sql.text("SELECT text FROM policies WHERE id = ?1", &[Value::int(id)])?;
        said |= text.is_some_and(|t| r.policy_gives_anchor_a_lead(&t));
    }
    if !has_lead || said {
        return Ok(());
    }
    let id = sql.insert(
        "INSERT INTO policies (circle_id, name, text) VALUES (?1, ?2, ?3) RETURNING id",
        &[
            Value::int(anchor),
            Value::text(format!("{lead} of the anchor circle")),
            Value::text(format!(
                "The anchor circle has a {lead} ({}), as this organisation had before the rule was kept.",
                r.anchor_lead_article
            )),
        ],
    )?;
    sql.run(
        "INSERT INTO policy_versions (policy_id, circle_id, name, text, removed, baseline, recorded_at, migration)
         SELECT id, circle_id, name, text, removed_at IS NOT NULL, ?2, ?3, ?4 FROM policies WHERE id = ?1",
        &[
            Value::int(id),
            Value::Bool(false),
            Value::Time(chrono::Utc::now()),
            Value::text(MIGRATION_011),
        ],
    )?;
    Ok(())
}
