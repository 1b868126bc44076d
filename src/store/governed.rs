//! What the domain decides an adoption's or an election's rows on, read inside the writing
//! transaction through `Sql` (so both backends read it alike, and as it stands whatever
//! another program wrote since this one loaded): the rule set, the circles, roles, policies
//! and assignments standing within the effect's reach (`domain::org::reach_of`), and which
//! records have a version.
//!
//! Owns: `read_governed`. Decides nothing: `domain::org::plan_governance` does. Must not
//! import: ratatui, crossterm, tokio, a database library.

use super::StoreError;
use super::sql::Sql;
use crate::domain::*;

/// A row of text columns, read by position.
struct Columns(Vec<Option<String>>);

impl Columns {
    fn text(&self, i: usize) -> String {
        self.0.get(i).cloned().flatten().unwrap_or_default()
    }

    fn id(&self, i: usize) -> Result<Option<i64>, StoreError> {
        match self.0.get(i).cloned().flatten() {
            Some(t) => t
                .parse()
                .map(Some)
                .map_err(|_| StoreError::Invalid(format!("not an id: {t}"))),
            None => Ok(None),
        }
    }

    fn required(&self, i: usize) -> Result<i64, StoreError> {
        self.id(i)?
            .ok_or_else(|| StoreError::Invalid("a row without its id".into()))
    }

    fn list(&self, i: usize) -> Result<Vec<String>, StoreError> {
        let text = self.text(i);
        serde_json::from_str(&text).map_err(|e| StoreError::Invalid(format!("a list: {e}")))
    }
}

/// The rows of `query`, each mapped by `from`.
fn read<T>(
    sql: &dyn Sql,
    query: &str,
    from: impl Fn(&Columns) -> Result<T, StoreError>,
) -> Result<Vec<T>, StoreError> {
    let rows = sql.texts(query, &[])?;
    rows.into_iter().map(|r| from(&Columns(r))).collect()
}

/// The circles standing that `only` selects.
fn circles(sql: &dyn Sql, only: &str) -> Result<Vec<Circle>, StoreError> {
    read(
        sql,
        &format!("SELECT CAST(id AS TEXT), CAST(parent_id AS TEXT), name, purpose, domains, accountabilities
     FROM circles WHERE removed_at IS NULL AND ({only}) ORDER BY id"),
        |c| {
            Ok(Circle {
                id: CircleId(c.required(0)?),
                parent: c.id(1)?.map(CircleId),
                name: c.text(2),
                purpose: c.text(3),
                strategy: None,
                domains: c.list(4)?,
                accountabilities: c.list(5)?,
            })
        },
    )
}

/// The roles standing that `only` selects.
fn roles(sql: &dyn Sql, only: &str) -> Result<Vec<Role>, StoreError> {
    read(
    sql,
    &format!("SELECT CAST(id AS TEXT), CAST(circle_id AS TEXT), name, purpose, domains, accountabilities, core
     FROM roles WHERE removed_at IS NULL AND ({only}) ORDER BY id"),
    |c| {
        Ok(Role {
            id: RoleId(c.required(0)?),
            circle: CircleId(c.required(1)?),
            name: c.text(2),
            purpose: c.text(3),
            domains: c.list(4)?,
            accountabilities: c.list(5)?,
            core: CoreRole::from_id(&c.text(6)),
        })
    },
)
}

/// The policies standing that `only` selects.
fn policies(sql: &dyn Sql, only: &str) -> Result<Vec<Policy>, StoreError> {
    read(
        sql,
        &format!(
            "SELECT CAST(id AS TEXT), CAST(circle_id AS TEXT), CAST(role_id AS TEXT), name, text
     FROM policies WHERE removed_at IS NULL AND ({only}) ORDER BY id"
        ),
        |c| {
            Ok(Policy {
                id: PolicyId(c.required(0)?),
                circle: CircleId(c.required(1)?),
                role: c.id(2)?.map(RoleId),
                name: c.text(3),
                text: c.text(4),
            })
        },
    )
}

/// The assignments lasting that `only` selects.
fn assignments(sql: &dyn Sql, only: &str) -> Result<Vec<Assignment>, StoreError> {
    read(
        sql,
        &format!("SELECT CAST(id AS TEXT), CAST(role_id AS TEXT), CAST(person_id AS TEXT) FROM assignments
     WHERE ended_meeting_id IS NULL AND ended_at IS NULL AND ({only}) ORDER BY id"),
        |c| {
            Ok(Assignment {
                id: AssignmentId(c.required(0)?),
                role: RoleId(c.required(1)?),
                person: PersonId(c.required(2)?),
                focus: None,
                term_end: None,
                since: None,
                until: None,
            })
        },
    )
}

/// Ids as a list for `IN (…)`: integers the store holds or an effect names, never text
/// (`NULL` for none, which matches nothing).
fn listed(ids: impl IntoIterator<Item = i64>) -> String {
    let ids: Vec<String> = ids.into_iter().map(|id| id.to_string()).collect();
    if ids.is_empty() {
        "NULL".into()
    } else {
        ids.join(", ")
    }
}

/// The circles `insides` and every circle within them, as they stand.
fn within(sql: &dyn Sql, insides: &[CircleId]) -> Result<Vec<i64>, StoreError> {
    let tree = sql.texts(
        "SELECT CAST(id AS TEXT), CAST(parent_id AS TEXT) FROM circles WHERE removed_at IS NULL",
        &[],
    )?;
    let tree = (tree.into_iter().map(Columns))
        .map(|c| Ok((c.required(0)?, c.id(1)?)))
        .collect::<Result<Vec<_>, StoreError>>()?;
    let mut circles: Vec<i64> = insides.iter().map(|c| c.0).collect();
    let mut i = 0;
    while let Some(&at) = circles.get(i) {
        circles.extend(
            tree.iter()
                .filter(|(_, p)| *p == Some(at))
                .map(|(id, _)| *id),
        );
        i += 1;
    }
    Ok(circles)
}

/// What `plan_governance` consults for an effect whose reach is `reach`, as the store holds
/// it now: the rule set, the circles, roles, policies and assignments standing within the
/// reach, and which records have a version.
pub(super) fn read_governed(sql: &dyn Sql, reach: &Reach) -> Result<Governed, StoreError> {
    let rule_set = sql.text("SELECT rule_set FROM organisation WHERE id = 1", &[])?;
    let rule_set: RuleSet =
        (rule_set.as_deref().unwrap_or_default().parse()).map_err(StoreError::Invalid)?;
    let within = listed(within(sql, &reach.insides)?);
    let named = listed(reach.circles.iter().map(|c| c.0));
    let circles = circles(sql, &format!("id IN ({named}) OR id IN ({within})"))?;
    let named = listed(reach.roles.iter().map(|r| r.0));
    let roles = roles(sql, &format!("id IN ({named}) OR circle_id IN ({within})"))?;
    let read = listed(roles.iter().map(|r| r.id.0));
    let named = listed(reach.policies.iter().map(|p| p.0));
    let policies = policies(
        sql,
        &format!("id IN ({named}) OR role_id IN ({read}) OR circle_id IN ({within})"),
    )?;
    let assignments = assignments(sql, &format!("role_id IN ({read})"))?;
    let mut versioned = std::collections::HashSet::new();
    for (kind, query) in [
        (
            Versioned::Role,
            "SELECT DISTINCT role_id FROM role_versions",
        ),
        (
            Versioned::Policy,
            "SELECT DISTINCT policy_id FROM policy_versions",
        ),
        (
            Versioned::Circle,
            "SELECT DISTINCT circle_id FROM circle_versions",
        ),
    ] {
        versioned.extend(sql.ints(query, &[])?.into_iter().map(|id| (kind, id)));
    }
    Ok(Governed {
        records: OrgRecords {
            rule_set,
            circles,
            roles,
            policies,
            assignments,
            ..OrgRecords::default()
        },
        versioned,
    })
}
