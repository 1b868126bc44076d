//! Governance changes: what a proposal would do to a circle's structure, and whether it can.
//!
//! Owns: `Change`, validation against the circle as it stands (names taken, roles removed
//! earlier in the same proposal, core roles that cannot be removed; sub-circle changes and
//! the reach of moves are `sub_circle`'s), and the -ing warning for accountabilities.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::core_limits::check_core_amendment;
use super::cross_link;
use super::sub_circle::{self, Circles};
use crate::domain::ids::*;
use crate::domain::org::Organisation;
use crate::domain::ruleset::RuleSet;
use crate::domain::text::clean_line;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// One change to the governance record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    CreateRole {
        name: String,
        purpose: String,
        domains: Vec<String>,
        accountabilities: Vec<String>,
    },
    /// Only the fields given change.
    AmendRole {
        role: RoleId,
        name: Option<String>,
        purpose: Option<String>,
        domains: Option<Vec<String>>,
        accountabilities: Option<Vec<String>>,
    },
    RemoveRole {
        role: RoleId,
    },
    CreatePolicy {
        name: String,
        text: String,
    },
    AmendPolicy {
        policy: PolicyId,
        name: Option<String>,
        text: Option<String>,
    },
    RemovePolicy {
        policy: PolicyId,
    },
    /// A role moves into a sub-circle (5.0: or any sub-circle of one), or out of one into the
    /// circle (4.1 §2.6.1; 5.0 §5.2(c), (d)).
    MoveRole {
        role: RoleId,
        to: CircleId,
    },
    /// As `MoveRole`, for a policy.
    MovePolicy {
        policy: PolicyId,
        to: CircleId,
    },
    /// A role of the circle becomes a sub-circle of the same name, purpose, domains and
    /// accountabilities, with its own core roles (4.1 §2.6; 5.0 §1.3.1).
    ExpandRole {
        role: RoleId,
    },
    /// A sub-circle's definition changes; only the fields given (4.1 §2.6.1; 5.0 §5.2(a)).
    AmendCircle {
        circle: CircleId,
        name: Option<String>,
        purpose: Option<String>,
        domains: Option<Vec<String>>,
        accountabilities: Option<Vec<String>>,
    },
    /// A sub-circle becomes a role of the circle again, and what was within it goes (4.1
    /// §2.6.2 "collapsing it from a Circle back into just a Role").
    CollapseCircle {
        circle: CircleId,
    },
    /// A sub-circle goes, with everything within it (4.1 §2.6.2; 5.0 §5.2(a)).
    RemoveCircle {
        circle: CircleId,
    },
    /// A policy held by a role of the circle (5.0 §1.1 "A Role may also hold Policies"); it
    /// is amended and removed as the circle's own are, and goes where its role goes.
    CreateRolePolicy {
        role: RoleId,
        name: String,
        text: String,
    },
    /// A Cross Link Policy (4.1 §2.7): the circle invites the Linked Entity to link into it; a
    /// Cross Link Role is created in the circle, filled by the person the Linked Entity
    /// assigns (§2.7.2), who becomes a Core Circle Member (§2.3.1(d), §2.7.3).
    CreateCrossLink {
        from: crate::domain::org::LinkedEntity,
        /// The Target Circle: "it must be the Circle creating the Policy, or one of its
        /// Sub-Circles" (§2.7).
        into: CircleId,
        filler: PersonId,
    },
    /// The Cross Link Policy goes, and with it the Cross Link Role and its filler's place.
    RemoveCrossLink {
        role: RoleId,
    },
}

impl Change {
    /// The change in words, as minutes and the record show it ("Create role X: …").
    pub fn describe(&self, org: &Organisation) -> String {
        // A role, policy or sub-circle gone since (removed, expanded, collapsed) is named as
        // the governance record last had it.
        let recorded = |v: Option<&crate::domain::org::RecordVersion>| v.map(|v| v.name.clone());
        let role = |r: &RoleId| {
            org.role(*r)
                .map(|r| r.name.clone())
                .or_else(|| recorded(org.history_of(*r).last()))
                .unwrap_or_else(|| format!("role {}", r.0))
        };
        let policy = |p: &PolicyId| {
            org.records()
                .policies
                .iter()
                .find(|x| x.id == *p)
                .map(|x| x.name.clone())
                .or_else(|| {
                    let versions = &org.records().versions;
                    recorded(versions.iter().rfind(|v| v.policy == Some(*p)))
                })
                .unwrap_or_else(|| format!("policy {}", p.0))
        };
        let circle = |c: &CircleId| {
            org.circle(*c)
                .map(|c| c.name.clone())
                .or_else(|| recorded(org.history_of_circle(*c).last()))
                .unwrap_or_else(|| "?".to_string())
        };
        let list = |items: &[String]| items.join("; ");
        match self {
            Change::CreateRole {
                name,
                purpose,
                domains,
                accountabilities,
            } => {
                let mut s = format!("Create role {name}: purpose \"{purpose}\"");
                if !domains.is_empty() {
                    s.push_str(&format!("; domains: {}", list(domains)));
                }
                if !accountabilities.is_empty() {
                    s.push_str(&format!("; accountabilities: {}", list(accountabilities)));
                }
                s
            }
            Change::AmendRole {
                role: r,
                name,
                purpose,
                domains,
                accountabilities,
            } => {
                let parts = amended_parts(name, purpose, domains, accountabilities);
                format!("Amend role {}: {parts}", role(r))
            }
            Change::RemoveRole { role: r } => format!("Remove role {}", role(r)),
            Change::CreatePolicy { name, text } => format!("Create policy {name}: {text}"),
            Change::AmendPolicy {
                policy: p,
                name,
                text,
            } => {
                let mut parts = Vec::new();
                if let Some(n) = name {
                    parts.push(format!("name → {n}"));
                }
                if let Some(t) = text {
                    parts.push(format!("text → {t}"));
                }
                format!("Amend policy {}: {}", policy(p), parts.join("; "))
            }
            Change::RemovePolicy { policy: p } => format!("Remove policy {}", policy(p)),
            Change::MoveRole { role: r, to } => format!("Move role {} to {}", role(r), circle(to)),
            Change::MovePolicy { policy: p, to } => {
                format!("Move policy {} to {}", policy(p), circle(to))
            }
            Change::ExpandRole { role: r } => {
                // Once adopted the role is its sub-circle's Lead (only a role the constitution
                // does not define can be expanded), and the sub-circle has the name it had.
                let expanded = org
                    .role(*r)
                    .filter(|x| x.core.is_some())
                    .and_then(|x| org.circle(x.circle))
                    .map(|c| c.name.clone());
                let name = expanded.unwrap_or_else(|| role(r));
                format!("Expand role {name} into a sub-circle")
            }
            Change::AmendCircle {
                circle: c,
                name,
                purpose,
                domains,
                accountabilities,
            } => {
                let parts = amended_parts(name, purpose, domains, accountabilities);
                format!("Amend sub-circle {}: {parts}", circle(c))
            }
            Change::CollapseCircle { circle: c } => {
                format!("Collapse sub-circle {} into a role", circle(c))
            }
            Change::RemoveCircle { circle: c } => {
                format!("Remove sub-circle {} and everything within", circle(c))
            }
            Change::CreateRolePolicy {
                role: r,
                name,
                text,
            } => format!("Create policy {name} on role {}: {text}", role(r)),
            Change::CreateCrossLink { from, into, filler } => format!(
                "Invite a Cross Link from {} into {}, filled by {}",
                org.linked_entity_name(from),
                circle(into),
                org.person_name(*filler)
            ),
            Change::RemoveCrossLink { role: r } => format!("Remove the {}", role(r)),
        }
    }
}

/// Why a change cannot be made, in one line.
pub type ChangeError = String;

/// Whether an accountability starts with an -ing verb ("Publishing the minutes").
pub fn starts_with_ing(accountability: &str) -> bool {
    accountability.split_whitespace().next().is_some_and(|w| {
        w.len() > 4
            && w.to_lowercase()
                .trim_end_matches(|c: char| !c.is_alphabetic())
                .ends_with("ing")
    })
}

/// Checks a proposal's changes against `circle` as it stands. Returns warnings (kept, shown)
/// or the first error (the proposal cannot be recorded that way).
pub fn validate(
    org: &Organisation,
    circle: CircleId,
    rules: RuleSet,
    changes: &[Change],
) -> Result<Vec<String>, ChangeError> {
    let mut names: HashSet<String> = org
        .roles_in(circle)
        .map(|r| r.name.to_lowercase())
        .collect();
    let mut policies: HashSet<String> = org
        .policies_of(circle)
        .map(|p| p.name.to_lowercase())
        .collect();
    let mut removed_roles = HashSet::new();
    let mut removed_policies = HashSet::new();
    let mut circles = Circles::new(org);
    let mut warnings = Vec::new();
    let law = rules.rules();
    // A role or policy of this circle or of a circle below it.
    let here = |c: CircleId| c == circle || sub_circle::depth_below(org, circle, c).is_some();
    let warn_ing = |accs: &[String], warnings: &mut Vec<String>| {
        for a in accs.iter().filter(|a| !starts_with_ing(a)) {
            warnings.push(format!(
                "\"{a}\" does not start with an -ing verb (\"Publishing…\")"
            ));
        }
    };
    for change in changes {
        cross_link::check_role_change(org, law, change)?;
        match change {
            Change::CreateRole {
                name,
                accountabilities,
                ..
            } => {
                let name = clean_line(name);
                if name.is_empty() {
                    return Err("a new role needs a name".into());
                }
                if !names.insert(name.to_lowercase()) {
                    return Err(format!("the circle already has a role named \"{name}\""));
                }
                warn_ing(accountabilities, &mut warnings);
            }
            Change::AmendRole {
                role,
                name,
                purpose,
                domains,
                accountabilities,
            } => {
                let r = org
                    .role(*role)
                    .filter(|r| r.circle == circle)
                    .ok_or("that role is not in this circle")?;
                if removed_roles.contains(role) {
                    return Err(format!(
                        "\"{}\" is removed earlier in this proposal",
                        r.name
                    ));
                }
                check_core_amendment(
                    rules,
                    r,
                    name.is_some(),
                    purpose.is_some(),
                    domains.as_deref(),
                    accountabilities.as_deref(),
                )?;
                if let Some(new) = name.as_deref().map(clean_line) {
                    if new.is_empty() {
                        return Err("a role needs a name".into());
                    }
                    if !new.eq_ignore_ascii_case(&r.name) && !names.insert(new.to_lowercase()) {
                        return Err(format!("the circle already has a role named \"{new}\""));
                    }
                }
                if let Some(accs) = accountabilities {
                    warn_ing(accs, &mut warnings);
                }
            }
            Change::RemoveRole { role } => {
                let r = org
                    .role(*role)
                    .filter(|r| r.circle == circle)
                    .ok_or("that role is not in this circle")?;
                // 4.1 §2.2.3, §2.5.3 "nor remove an Elected Role entirely"; 5.0 §1.4.5 "nor
                // remove the Role", §1.3.5, §5.1.1.
                if r.core.is_some() {
                    return Err(format!(
                        "{}: \"{}\" is a core role and cannot be removed",
                        rules.rules().core_limits.protected,
                        r.name
                    ));
                }
                if !removed_roles.insert(*role) {
                    return Err(format!("\"{}\" is removed twice", r.name));
                }
                names.remove(&r.name.to_lowercase());
            }
            Change::CreateRolePolicy { role, name, text } => {
                org.role(*role)
                    .filter(|r| r.circle == circle && !removed_roles.contains(role))
                    .ok_or("that role is not in this circle")?;
                if !law.changes.policies_on_roles {
                    return Err(format!(
                        "under {rules} a policy is the circle's, not a role's (4.1 §2.1.1)"
                    ));
                }
                let name = clean_line(name);
                if name.is_empty() || clean_line(text).is_empty() {
                    return Err("a policy needs a name and a text".into());
                }
                if !policies.insert(name.to_lowercase()) {
                    return Err(format!("the circle already has a policy named \"{name}\""));
                }
            }
            Change::CreatePolicy { name, text } => {
                let name = clean_line(name);
                if name.is_empty() || clean_line(text).is_empty() {
                    return Err("a policy needs a name and a text".into());
                }
                if !policies.insert(name.to_lowercase()) {
                    return Err(format!("the circle already has a policy named \"{name}\""));
                }
            }
            Change::AmendPolicy { policy, name, .. } => {
                let p = org
                    .policies_of(circle)
                    .find(|p| p.id == *policy)
                    .ok_or("that policy is not in this circle")?;
                if removed_policies.contains(policy) {
                    return Err(format!(
                        "\"{}\" is removed earlier in this proposal",
                        p.name
                    ));
                }
                if let Some(new) = name.as_deref().map(clean_line)
                    && !new.eq_ignore_ascii_case(&p.name)
                    && !policies.insert(new.to_lowercase())
                {
                    return Err(format!("the circle already has a policy named \"{new}\""));
                }
            }
            Change::RemovePolicy { policy } => {
                let p = org
                    .policies_of(circle)
                    .find(|p| p.id == *policy)
                    .ok_or("that policy is not in this circle")?;
                if !removed_policies.insert(*policy) {
                    return Err(format!("\"{}\" is removed twice", p.name));
                }
                policies.remove(&p.name.to_lowercase());
            }
            Change::MoveRole { role, to } => {
                let r = org
                    .role(*role)
                    .filter(|r| here(r.circle))
                    .ok_or("that role is not in this circle or one of its sub-circles")?;
                if r.core.is_some() {
                    return Err(format!("\"{}\" is a core role and cannot move", r.name));
                }
                if removed_roles.contains(role) {
                    return Err(format!(
                        "\"{}\" is removed earlier in this proposal",
                        r.name
                    ));
                }
                sub_circle::check_move(org, circle, law, &circles, (r.circle, *to))?;
                if org
                    .roles_in(*to)
                    .any(|x| x.name.eq_ignore_ascii_case(&r.name))
                {
                    return Err(format!(
                        "the target circle already has a role named \"{}\"",
                        r.name
                    ));
                }
            }
            Change::MovePolicy { policy, to } => {
                let p = org
                    .records()
                    .policies
                    .iter()
                    .find(|p| p.id == *policy && here(p.circle))
                    .ok_or("that policy is not in this circle or one of its sub-circles")?;
                if removed_policies.contains(policy) {
                    return Err(format!(
                        "\"{}\" is removed earlier in this proposal",
                        p.name
                    ));
                }
                sub_circle::check_move(org, circle, law, &circles, (p.circle, *to))?;
            }
            Change::ExpandRole { role } => sub_circle::expand(
                org,
                circle,
                law,
                &mut circles,
                *role,
                (&mut names, &mut removed_roles),
            )?,
            Change::AmendCircle {
                circle: target,
                name,
                accountabilities,
                ..
            } => {
                sub_circle::amend(org, circle, law, &mut circles, *target, name.as_deref())?;
                if let Some(accs) = accountabilities {
                    warn_ing(accs, &mut warnings);
                }
            }
            Change::CollapseCircle { circle: target } | Change::RemoveCircle { circle: target } => {
                let collapse = matches!(change, Change::CollapseCircle { .. });
                let gone =
                    sub_circle::remove(org, circle, &mut circles, *target, collapse, &mut names)?;
                warnings.extend(gone);
            }
            Change::CreateCrossLink { from, into, filler } => {
                let target = (*into, &mut names);
                cross_link::check_create(org, circle, law, (from, *filler), target)?;
            }
            Change::RemoveCrossLink { role } => {
                cross_link::check_remove(org, circle, *role, &mut removed_roles)?;
            }
        }
    }
    Ok(warnings)
}

/// What an amendment of a role or a sub-circle changes, in the words `describe` uses: each
/// part given, "name → …; purpose → \"…\"; domains → …; accountabilities → …".
fn amended_parts(
    name: &Option<String>,
    purpose: &Option<String>,
    domains: &Option<Vec<String>>,
    accountabilities: &Option<Vec<String>>,
) -> String {
    let list = |items: &[String]| items.join("; ");
    let parts = [
        name.as_ref().map(|n| format!("name → {n}")),
        purpose.as_ref().map(|p| format!("purpose → \"{p}\"")),
        domains.as_ref().map(|d| format!("domains → {}", list(d))),
        accountabilities
            .as_ref()
            .map(|a| format!("accountabilities → {}", list(a))),
    ];
    parts.into_iter().flatten().collect::<Vec<_>>().join("; ")
}
