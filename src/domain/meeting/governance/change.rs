//! Governance changes: what a proposal would do to a circle's structure, and whether it can.
//!
//! Owns: `Change`, its words in the minutes and the record (`describe`), and the -ing test
//! for accountabilities. Whether a proposal's changes can be made is `validate`'s.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use crate::domain::ids::*;
use crate::domain::org::{Organisation, RecordVersion};
use serde::{Deserialize, Serialize};

/// One change to the governance record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// A new role of the circle, with its name, purpose, domains and accountabilities.
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
    /// A role of the circle goes, and the policies it holds go with it; it stays in the
    /// record as removed. Core roles cannot be removed.
    RemoveRole { role: RoleId },
    /// A new policy held by the circle itself.
    CreatePolicy { name: String, text: String },
    /// A policy of the circle gets a new name or text; only the fields given change.
    AmendPolicy {
        policy: PolicyId,
        name: Option<String>,
        text: Option<String>,
    },
    /// A policy of the circle goes; it stays in the record as removed.
    RemovePolicy { policy: PolicyId },
    /// A role moves into a sub-circle (5.0: or any sub-circle of one), or out of one into the
    /// circle (4.1 §2.6.1; 5.0 §5.2(c), (d)).
    MoveRole { role: RoleId, to: CircleId },
    /// As `MoveRole`, for a policy.
    MovePolicy { policy: PolicyId, to: CircleId },
    /// A role of the circle becomes a sub-circle of the same name, purpose, domains and
    /// accountabilities, with its own core roles (4.1 §2.6; 5.0 §1.3.1).
    ExpandRole { role: RoleId },
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
    CollapseCircle { circle: CircleId },
    /// A sub-circle goes, with everything within it (4.1 §2.6.2; 5.0 §5.2(a)).
    RemoveCircle { circle: CircleId },
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
    RemoveCrossLink { role: RoleId },
}

impl Change {
    /// The change in words, as minutes and the record show it ("Create role X: …").
    pub fn describe(&self, org: &Organisation) -> String {
        let role = |r: &RoleId| role_name(org, *r);
        let policy = |p: &PolicyId| policy_name(org, *p);
        let circle = |c: &CircleId| circle_name(org, *c);
        match self {
            Change::CreateRole {
                name,
                purpose,
                domains,
                accountabilities,
            } => created_role(name, purpose, domains, accountabilities),
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
                let parts = [
                    name.as_ref().map(|n| format!("name → {n}")),
                    text.as_ref().map(|t| format!("text → {t}")),
                ];
                let parts = parts.into_iter().flatten().collect::<Vec<_>>();
                format!("Amend policy {}: {}", policy(p), parts.join("; "))
            }
            Change::RemovePolicy { policy: p } => format!("Remove policy {}", policy(p)),
            Change::MoveRole { role: r, to } => format!("Move role {} to {}", role(r), circle(to)),
            Change::MovePolicy { policy: p, to } => {
                format!("Move policy {} to {}", policy(p), circle(to))
            }
            Change::ExpandRole { role: r } => {
                format!("Expand role {} into a sub-circle", expanded_name(org, *r))
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

/// A role's name as the organisation has it, or, for one gone since (removed, expanded,
/// collapsed), as the governance record last had it.
fn role_name(org: &Organisation, r: RoleId) -> String {
    org.role(r)
        .map(|r| r.name.clone())
        .or_else(|| recorded(org.history_of(r).last()))
        .unwrap_or_else(|| format!("role {}", r.0))
}

/// A policy's name as the organisation has it, or as the governance record last had it.
fn policy_name(org: &Organisation, p: PolicyId) -> String {
    let records = org.records();
    (records.policies.iter())
        .find(|x| x.id == p)
        .map(|x| x.name.clone())
        .or_else(|| recorded(records.versions.iter().rfind(|v| v.policy == Some(p))))
        .unwrap_or_else(|| format!("policy {}", p.0))
}

/// A sub-circle's name as the organisation has it, or as the governance record last had it.
fn circle_name(org: &Organisation, c: CircleId) -> String {
    org.circle(c)
        .map(|c| c.name.clone())
        .or_else(|| recorded(org.history_of_circle(c).last()))
        .unwrap_or_else(|| "?".to_string())
}

/// The name a version of the governance record gave.
fn recorded(v: Option<&RecordVersion>) -> Option<String> {
    v.map(|v| v.name.clone())
}

/// The name of a role being expanded. Once adopted the role is its sub-circle's Lead (only a
/// role the constitution does not define can be expanded), and the sub-circle has the name
/// it had.
fn expanded_name(org: &Organisation, r: RoleId) -> String {
    let expanded = org
        .role(r)
        .filter(|x| x.core.is_some())
        .and_then(|x| org.circle(x.circle))
        .map(|c| c.name.clone());
    expanded.unwrap_or_else(|| role_name(org, r))
}

/// A new role in words: "Create role X: purpose \"…\"; domains: …; accountabilities: …",
/// each list only when it has items.
fn created_role(
    name: &str,
    purpose: &str,
    domains: &[String],
    accountabilities: &[String],
) -> String {
    let mut s = format!("Create role {name}: purpose \"{purpose}\"");
    if !domains.is_empty() {
        s.push_str(&format!("; domains: {}", domains.join("; ")));
    }
    if !accountabilities.is_empty() {
        s.push_str(&format!(
            "; accountabilities: {}",
            accountabilities.join("; ")
        ));
    }
    s
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
