//! What an answer to one of the proposal editor's questions puts in the changes being
//! written: a new role's parts in turn, a role or policy picked and the field amended, where
//! a role or policy moves, a role's own policy. Each part hands back what it does not answer.
//!
//! Owns: those answers. Must not import: tokio; must not draw.

use super::editor::{NEW_ROLE_NAME, add, amended, current_value, role_fields, split_list};
use super::{pick, prompt, screen, sub_circle};
use crate::app::App;
use crate::app::modal::Outcome;
use crate::domain::meeting::governance::core_limits::core_list_note;
use crate::domain::meeting::governance::{Change, new_role_name};
use crate::domain::{Organisation, PolicyId, RoleId};
use crate::ui::{Field, GovDraft, PolicyAim, PromptKind, RoleAim, Subject};

/// An answer no part of the editor took: the outcome and the draft it came with.
pub type Unanswered = Option<(Outcome, GovDraft)>;

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

/// A new role: its name, purpose, domains and accountabilities in turn. The name is checked
/// as soon as it is typed (as the adoption does): a name the circle or this proposal has
/// already is refused there, and the prompt stays open with it to correct.
pub fn new_role(
    app: &mut App,
    org: &Organisation,
    outcome: Outcome,
    draft: GovDraft,
) -> Unanswered {
    match (outcome, draft) {
        (Outcome::Submitted(typed), GovDraft::NewRoleName) => {
            let screen = screen(app)?;
            let (circle, rules) = (screen.state.circle, screen.state.rules);
            let editing = screen.editing.clone().unwrap_or_default();
            let name = match new_role_name(org, circle, rules, &editing, &typed) {
                Ok(name) => name,
                Err(why) => {
                    prompt(app, NEW_ROLE_NAME.into(), &typed, GovDraft::NewRoleName);
                    app.error(crate::app::tactical::capitalised(&why));
                    return None;
                }
            };
            prompt(
                app,
                format!("Purpose of {name}"),
                "",
                GovDraft::NewRolePurpose(name),
            );
        }
        (Outcome::Submitted(purpose), GovDraft::NewRolePurpose(name)) => {
            let title = format!("Domains of {name} (one a line — empty: none)");
            prompt(app, title, "", GovDraft::NewRoleDomains(name, purpose));
        }
        (Outcome::Submitted(domains), GovDraft::NewRoleDomains(name, purpose)) => {
            let title = format!("Accountabilities of {name} (-ing verbs, one a line)");
            prompt(
                app,
                title,
                "",
                GovDraft::NewRoleAccountabilities(name, purpose, split_list(&domains)),
            );
        }
        (Outcome::Submitted(accs), GovDraft::NewRoleAccountabilities(name, purpose, domains)) => {
            let change = Change::CreateRole {
                name,
                purpose,
                domains,
                accountabilities: split_list(&accs),
            };
            add(app, change, None);
        }
        other => return Some(other),
    }
    None
}

/// A role chosen to amend, remove, move, expand or hold a policy, and its fields.
pub fn role_answer(
    app: &mut App,
    org: &Organisation,
    outcome: Outcome,
    draft: GovDraft,
) -> Unanswered {
    let screen = screen(app)?;
    match (outcome, draft) {
        (Outcome::Picked(i), GovDraft::PickRole(aim, roles)) => {
            let &role = roles.get(i)?;
            match aim {
                RoleAim::Remove => add(app, Change::RemoveRole { role }, None),
                RoleAim::Amend => {
                    let options = role_fields(org, role)
                        .iter()
                        .map(|f| f.label().to_string())
                        .collect();
                    let title = format!("Amend what of {}?", role_name(org, role));
                    pick(app, &title, options, GovDraft::RoleField(role));
                }
                RoleAim::Move => {
                    let from = org.role(role).map(|r| r.circle);
                    let here = (screen.state.circle, screen.state.rules);
                    sub_circle::pick_target(app, org, here, from, Subject::Role(role));
                }
                RoleAim::Expand => add(app, Change::ExpandRole { role }, None),
                RoleAim::HoldPolicy => {
                    let title = format!("Name of the policy {} holds", role_name(org, role));
                    prompt(app, title, "", GovDraft::RolePolicyName(role));
                }
            }
        }
        (Outcome::Picked(i), GovDraft::RoleField(role)) => {
            let &field = role_fields(org, role).get(i)?;
            let value = current_value(org, screen, Subject::Role(role), field);
            let list = matches!(field.prompt_kind(), PromptKind::List);
            let title = match org.role(role).and_then(|r| r.core) {
                Some(core) if list => {
                    // The whole note would not fit the prompt's title: it goes below.
                    let note = core_list_note(org.rule_set(), core, &split_list(&value));
                    app.info(format!(
                        "{} of {}: {note}.",
                        field.label(),
                        role_name(org, role)
                    ));
                    format!("{} of {} (one a line)", field.label(), role_name(org, role))
                }
                _ if list => format!("{} of {} (one a line)", field.label(), role_name(org, role)),
                _ => format!("{} of {}", field.label(), role_name(org, role)),
            };
            prompt(app, title, &value, GovDraft::RoleValue(role, field));
        }
        (Outcome::Submitted(value), GovDraft::RoleValue(role, field)) => {
            let (change, at) = amended(screen, Subject::Role(role), field, &value);
            add(app, change, at);
        }
        other => return Some(other),
    }
    None
}

/// A new policy, and a policy chosen to amend, remove or move, and its fields.
pub fn policy_answer(
    app: &mut App,
    org: &Organisation,
    outcome: Outcome,
    draft: GovDraft,
) -> Unanswered {
    let screen = screen(app)?;
    match (outcome, draft) {
        (Outcome::Submitted(name), GovDraft::NewPolicyName) => {
            prompt(
                app,
                format!("Text of the policy {name}"),
                "",
                GovDraft::NewPolicyText(name),
            );
        }
        (Outcome::Submitted(text), GovDraft::NewPolicyText(name)) => {
            add(app, Change::CreatePolicy { name, text }, None);
        }
        (Outcome::Picked(i), GovDraft::PickPolicy(aim, policies)) => {
            let &policy = policies.get(i)?;
            match aim {
                PolicyAim::Remove => add(app, Change::RemovePolicy { policy }, None),
                PolicyAim::Amend => {
                    let options = vec![Field::Name.label().into(), Field::Text.label().into()];
                    let title = format!("Amend what of {}?", policy_name(org, policy));
                    pick(app, &title, options, GovDraft::PolicyField(policy));
                }
                PolicyAim::Move => {
                    let from = org
                        .records()
                        .policies
                        .iter()
                        .find(|p| p.id == policy)
                        .map(|p| p.circle);
                    let here = (screen.state.circle, screen.state.rules);
                    sub_circle::pick_target(app, org, here, from, Subject::Policy(policy));
                }
            }
        }
        (Outcome::Picked(i), GovDraft::PolicyField(policy)) => {
            let field = if i == 0 { Field::Name } else { Field::Text };
            let value = current_value(org, screen, Subject::Policy(policy), field);
            let title = format!("{} of {}", field.label(), policy_name(org, policy));
            prompt(app, title, &value, GovDraft::PolicyValue(policy, field));
        }
        (Outcome::Submitted(value), GovDraft::PolicyValue(policy, field)) => {
            let (change, at) = amended(screen, Subject::Policy(policy), field, &value);
            add(app, change, at);
        }
        other => return Some(other),
    }
    None
}

/// Where a role or policy moves, a sub-circle's changes, and a role's own policy.
pub fn other_answer(
    app: &mut App,
    org: &Organisation,
    outcome: Outcome,
    draft: GovDraft,
) -> Unanswered {
    match (outcome, draft) {
        (Outcome::Picked(i), GovDraft::MoveTarget(what, circles)) => {
            let &to = circles.get(i)?;
            let change = match what {
                Subject::Role(role) => Change::MoveRole { role, to },
                Subject::Policy(policy) => Change::MovePolicy { policy, to },
            };
            add(app, change, None);
        }
        (outcome, draft @ (GovDraft::PickCircle(..) | GovDraft::CircleField(_))) => {
            sub_circle::outcome(app, org, outcome, draft);
        }
        (outcome, draft @ GovDraft::CircleValue(..)) => {
            sub_circle::outcome(app, org, outcome, draft);
        }
        (Outcome::Submitted(name), GovDraft::RolePolicyName(role)) => {
            let title = format!("Text of the policy {name}");
            prompt(app, title, "", GovDraft::RolePolicyText(role, name));
        }
        (Outcome::Submitted(text), GovDraft::RolePolicyText(role, name)) => {
            add(app, Change::CreateRolePolicy { role, name, text }, None);
        }
        other => return Some(other),
    }
    None
}
