//! The parts a proposal's change is put together from: the field of a role, policy or
//! sub-circle being amended, what a picked role, policy or sub-circle is for, the editor's
//! menu options, and a field's value as the changes being written or the record hold it.
//!
//! Owns: those values, and merging an amendment into the one being written. Must not import:
//! rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::Change;
use super::core_limits::split_items;
use super::form::Context;
use super::form_editor::editing;
use crate::domain::form::PromptKind;
use crate::domain::ids::{CircleId, PolicyId, RoleId};
use crate::domain::org::Organisation;
use serde::{Deserialize, Serialize};

/// A field of a role, policy or sub-circle being amended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    /// The name of a role, policy or sub-circle.
    Name,
    /// A role's or sub-circle's purpose.
    Purpose,
    /// A role's or sub-circle's domains, one a line.
    Domains,
    /// A role's or sub-circle's accountabilities, one a line.
    Accountabilities,
    /// A policy's text.
    Text,
}

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "Name",
            Field::Purpose => "Purpose",
            Field::Domains => "Domains",
            Field::Accountabilities => "Accountabilities",
            Field::Text => "Text",
        }
    }

    /// How the field is typed: a name on one line, a purpose or a policy's text as a text
    /// that may span lines, domains and accountabilities one item a line.
    pub fn prompt_kind(self) -> PromptKind {
        match self {
            Field::Name => PromptKind::OutputText,
            Field::Purpose | Field::Text => PromptKind::Text,
            Field::Domains | Field::Accountabilities => PromptKind::List,
        }
    }
}

/// What a picked role is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoleAim {
    /// Amended: a field picked next, then its new value.
    Amend,
    /// Removed from the circle.
    Remove,
    /// Moved into a sub-circle or out of one (the circle picked next).
    Move,
    /// Expanded into a sub-circle.
    Expand,
    /// Given a policy to hold.
    HoldPolicy,
}

/// What a picked sub-circle is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CircleAim {
    /// Amended: a field picked next, then its new value.
    Amend,
    /// Collapsed back into a role.
    Collapse,
    /// Removed with everything within.
    Remove,
}

/// What a picked policy is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PolicyAim {
    /// Amended: its name or text picked next, then the new value.
    Amend,
    /// Removed from the circle.
    Remove,
    /// Moved into a sub-circle or out of one (the circle picked next).
    Move,
}

/// The role or policy a change is about (amended, or moved to another circle).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Subject {
    /// This role.
    Role(RoleId),
    /// This policy.
    Policy(PolicyId),
}

/// One option of the proposal editor's menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EditorChoice {
    /// Create a role: its name, purpose, domains and accountabilities asked in turn.
    CreateRole,
    /// Amend a role of the circle, picked next.
    AmendRole,
    /// Remove a role of the circle, picked next.
    RemoveRole,
    /// Create a policy of the circle: its name, then its text.
    CreatePolicy,
    /// Amend a policy of the circle, picked next.
    AmendPolicy,
    /// Remove a policy of the circle, picked next.
    RemovePolicy,
    /// Move a role into a sub-circle or out of one.
    MoveRole,
    /// Move a policy into a sub-circle or out of one.
    MovePolicy,
    /// Expand a role into a sub-circle of the same definition (offered for non-core roles).
    ExpandRole,
    /// Amend a sub-circle's definition.
    AmendCircle,
    /// Collapse a sub-circle back into a role.
    CollapseCircle,
    /// Remove a sub-circle and everything within it.
    RemoveCircle,
    /// 5.0: create a policy held by a role of the circle.
    CreateRolePolicy,
    /// Invite a Linked Entity to link in: a Cross Link Policy (4.1 §2.7).
    CreateCrossLink,
    /// Remove a Cross Link Policy, with its Cross Link Role.
    RemoveCrossLink,
    /// Take the n-th change out.
    TakeOut(usize),
    /// Save the changes written as the proposal's next version.
    Save,
    /// Leave the editor without saving: the proposal stays as it was.
    Discard,
}

/// The fields of a role a proposal may amend: a core role's name and purpose come from the
/// rule set, so only its domains and accountabilities.
pub fn role_fields(org: &Organisation, role: RoleId) -> Vec<Field> {
    // A Cross Link Role's name and purpose are its Linked Entity's (4.1 §2.7.4).
    let core = org.role(role).is_some_and(|r| r.core.is_some()) || org.cross_link(role).is_some();
    let all = [
        Field::Name,
        Field::Purpose,
        Field::Domains,
        Field::Accountabilities,
    ];
    all.into_iter()
        .filter(|f| !core || matches!(f, Field::Domains | Field::Accountabilities))
        .collect()
}

/// Items typed one a line (or, as before lines could be typed, as "a; b; c", an item of the
/// constitution's own holding a ";" kept whole).
pub fn split_list(text: &str) -> Vec<String> {
    text.split('\n').flat_map(split_items).collect()
}

/// The name of role `r`, for a title.
pub fn role_name(org: &Organisation, r: RoleId) -> String {
    org.role(r).map_or("?".to_string(), |r| r.name.clone())
}

/// The name of policy `p`, for a title.
pub fn policy_name(org: &Organisation, p: PolicyId) -> String {
    org.records()
        .policies
        .iter()
        .find(|x| x.id == p)
        .map_or("?".to_string(), |x| x.name.clone())
}

/// The circle policy `p` is in.
pub(super) fn policy_circle(org: &Organisation, p: PolicyId) -> Option<CircleId> {
    org.records()
        .policies
        .iter()
        .find(|x| x.id == p)
        .map(|x| x.circle)
}

/// A field's value as it stands in what is being written, else in the record, as text.
pub(super) fn current_value(at: &Context<'_>, what: Subject, field: Field) -> String {
    let pending = editing(at).iter().find_map(|c| match (c, what) {
        (
            Change::AmendRole {
                role,
                name,
                purpose,
                domains,
                accountabilities,
            },
            Subject::Role(r),
        ) if *role == r => match field {
            Field::Name => name.clone(),
            Field::Purpose => purpose.clone(),
            Field::Domains => domains.as_ref().map(|d| d.join("\n")),
            Field::Accountabilities => accountabilities.as_ref().map(|a| a.join("\n")),
            Field::Text => None,
        },
        (Change::AmendPolicy { policy, name, text }, Subject::Policy(p)) if *policy == p => {
            match field {
                Field::Name => name.clone(),
                Field::Text => text.clone(),
                _ => None,
            }
        }
        _ => None,
    });
    pending.unwrap_or_else(|| match what {
        Subject::Role(r) => at.org.role(r).map_or(String::new(), |r| match field {
            Field::Name => r.name.clone(),
            Field::Purpose => r.purpose.clone(),
            Field::Domains => r.domains.join("\n"),
            Field::Accountabilities => r.accountabilities.join("\n"),
            Field::Text => String::new(),
        }),
        Subject::Policy(p) => at
            .org
            .policies_of(at.state.circle)
            .find(|x| x.id == p)
            .map_or(String::new(), |x| match field {
                Field::Name => x.name.clone(),
                _ => x.text.clone(),
            }),
    })
}

/// The amendment of `what` with `field` set to `value`, merged into the one being written
/// (and its place there).
pub(super) fn amended(
    at: &Context<'_>,
    what: Subject,
    field: Field,
    value: &str,
) -> (Change, Option<usize>) {
    let existing = editing(at).iter().position(|c| match (c, what) {
        (Change::AmendRole { role, .. }, Subject::Role(r)) => *role == r,
        (Change::AmendPolicy { policy, .. }, Subject::Policy(p)) => *policy == p,
        _ => false,
    });
    let mut change = existing
        .and_then(|i| editing(at).get(i).cloned())
        .unwrap_or(match what {
            Subject::Role(role) => Change::AmendRole {
                role,
                name: None,
                purpose: None,
                domains: None,
                accountabilities: None,
            },
            Subject::Policy(policy) => Change::AmendPolicy {
                policy,
                name: None,
                text: None,
            },
        });
    let text = Some(value.to_string());
    match &mut change {
        Change::AmendRole {
            name,
            purpose,
            domains,
            accountabilities,
            ..
        } => match field {
            Field::Name => *name = text,
            Field::Purpose => *purpose = text,
            Field::Domains => *domains = Some(split_list(value)),
            Field::Accountabilities => *accountabilities = Some(split_list(value)),
            Field::Text => {}
        },
        Change::AmendPolicy {
            name, text: body, ..
        } => match field {
            Field::Name => *name = text,
            _ => *body = text,
        },
        _ => {}
    }
    (change, existing)
}
