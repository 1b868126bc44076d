//! Governance changes: what a proposal would do to a circle's structure, and whether it can.
//!
//! Owns: `Change`, validation against the circle as it stands (names taken, roles removed
//! earlier in the same proposal, core roles that cannot be removed, moves only under 5.0 and
//! only into or out of a sub-circle), and the -ing warning for accountabilities.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::core_limits::check_core_amendment;
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
    /// Holacracy 5.0: a role moves into a sub-circle, or out of one into its parent.
    MoveRole {
        role: RoleId,
        to: CircleId,
    },
    /// Holacracy 5.0: as `MoveRole`, for a policy.
    MovePolicy {
        policy: PolicyId,
        to: CircleId,
    },
}

impl Change {
    /// The change in words, as minutes and the record show it ("Create role X: …").
    pub fn describe(&self, org: &Organisation) -> String {
        let role = |r: &RoleId| {
            org.role(*r)
                .map_or_else(|| format!("role {}", r.0), |r| r.name.clone())
        };
        let policy = |p: &PolicyId| {
            org.records()
                .policies
                .iter()
                .find(|x| x.id == *p)
                .map_or_else(|| format!("policy {}", p.0), |x| x.name.clone())
        };
        let circle = |c: &CircleId| org.circle(*c).map_or("?", |c| c.name.as_str()).to_string();
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
                let mut parts = Vec::new();
                if let Some(n) = name {
                    parts.push(format!("name → {n}"));
                }
                if let Some(p) = purpose {
                    parts.push(format!("purpose → \"{p}\""));
                }
                if let Some(d) = domains {
                    parts.push(format!("domains → {}", list(d)));
                }
                if let Some(a) = accountabilities {
                    parts.push(format!("accountabilities → {}", list(a)));
                }
                format!("Amend role {}: {}", role(r), parts.join("; "))
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
    let mut warnings = Vec::new();
    // Into one of this circle's sub-circles, or out of one into this circle.
    let related =
        |to: CircleId| to == circle || org.circle(to).is_some_and(|c| c.parent == Some(circle));
    let role_here = |role: RoleId| {
        org.role(role).filter(|r| {
            r.circle == circle
                || org
                    .circle(r.circle)
                    .is_some_and(|c| c.parent == Some(circle))
        })
    };
    let warn_ing = |accs: &[String], warnings: &mut Vec<String>| {
        for a in accs.iter().filter(|a| !starts_with_ing(a)) {
            warnings.push(format!(
                "\"{a}\" does not start with an -ing verb (\"Publishing…\")"
            ));
        }
    };
    for change in changes {
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
                if !rules.rules().moves_between_circles {
                    return Err(format!("{rules} does not move roles between circles"));
                }
                let r = role_here(*role)
                    .ok_or("that role is not in this circle or one of its sub-circles")?;
                if r.core.is_some() {
                    return Err(format!("\"{}\" is a core role and cannot move", r.name));
                }
                if !related(*to) || *to == r.circle {
                    return Err("a role moves into one of this circle's sub-circles, or out of one into this circle".into());
                }
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
                if !rules.rules().moves_between_circles {
                    return Err(format!("{rules} does not move policies between circles"));
                }
                let here = org.policies_of(circle).any(|p| p.id == *policy)
                    || org
                        .sub_circles(Some(circle))
                        .any(|c| org.policies_of(c.id).any(|p| p.id == *policy));
                if !here || !related(*to) {
                    return Err("a policy moves into one of this circle's sub-circles, or out of one into this circle".into());
                }
            }
        }
    }
    Ok(warnings)
}
