//! The proposal editor as a form: a menu of governance changes to add (create, amend or
//! remove a role or a policy; move one into or out of a sub-circle; a policy on a role; the
//! sub-circle and Cross Link changes are `form_changes`'s), changes to take out, and saving
//! them as the proposal's next version. Each change is checked against the circle as it
//! stands when it is added (`validate`), so a bad one is refused at once with its reason.
//!
//! The changes being written are a value the form is asked with (`Context::editing`); a
//! finished answer says what they are now (`Settled::editing`), and the menu is asked again.
//!
//! Owns: the menu, its role and policy questions, and building the changes (the parts they
//! are made of are `form_parts`'s). Must not import:
//! rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::core_limits::core_list_note;
use super::form::{
    Context, Editing, GovernanceForm, Next, Said, Settled, Then, current_item, line, picked,
};
use super::form_changes::{
    circle_choices, cross_link_choices, movable_from, move_targets_of, path, placed,
};
use super::form_parts::{
    EditorChoice, Field, PolicyAim, RoleAim, Subject, amended, current_value, policy_circle,
    policy_name, role_fields, role_name, split_list,
};
use super::{Change, GovEvent, IdmEvent, IdmStep, new_role_name, validate};
use crate::domain::form::{Answer, Answered, PromptKind, Question};
use crate::domain::ids::{PolicyId, RoleId};
use crate::domain::text::capital;

/// The title of the question for a new role's name.
pub const NEW_ROLE_NAME: &str = "Name of the new role";

impl GovernanceForm {
    /// The editor's menu as it stands: saving once something is written, the changes the
    /// circle and rule set allow, taking each change out, and leaving.
    pub fn menu(at: &Context<'_>) -> GovernanceForm {
        let (org, circle) = (at.org, at.state.circle);
        let mut choices = Vec::new();
        if !editing(at).is_empty() {
            choices.push(EditorChoice::Save);
        }
        choices.extend([
            EditorChoice::CreateRole,
            EditorChoice::AmendRole,
            EditorChoice::RemoveRole,
            EditorChoice::CreatePolicy,
            EditorChoice::AmendPolicy,
            EditorChoice::RemovePolicy,
            EditorChoice::MoveRole,
            EditorChoice::MovePolicy,
        ]);
        choices.extend(circle_choices(org, circle));
        if at.state.rules.rules().changes.policies_on_roles {
            choices.push(EditorChoice::CreateRolePolicy);
        }
        choices.extend(cross_link_choices(org, circle));
        choices.extend((0..editing(at).len()).map(EditorChoice::TakeOut));
        choices.push(EditorChoice::Discard);
        GovernanceForm::Editor(choices)
    }

    /// The question of one of the editor's forms.
    pub(super) fn editor_question(&self, at: &Context<'_>) -> Option<Question> {
        use GovernanceForm as F;
        let org = at.org;
        let here = at.state.circle;
        Some(match self {
            F::Editor(choices) => Question::pick(
                "The proposal's changes",
                choices.iter().map(|c| choice_label(at, *c)).collect(),
            ),
            F::NewRoleName => line(NEW_ROLE_NAME),
            F::NewRolePurpose(name) => {
                Question::titled(PromptKind::Text, format!("Purpose of {name}"))
            }
            F::NewRoleDomains(name, _) => Question::titled(
                PromptKind::List,
                format!("Domains of {name} (one a line — empty: none)"),
            ),
            F::NewRoleAccountabilities(name, ..) => Question::titled(
                PromptKind::List,
                format!("Accountabilities of {name} (-ing verbs, one a line)"),
            ),
            F::PickRole(_, roles) => Question::pick(
                "Which role?",
                roles
                    .iter()
                    .map(|r| {
                        placed(
                            org,
                            here,
                            role_name(org, *r),
                            org.role(*r).map(|x| x.circle),
                        )
                    })
                    .collect(),
            ),
            F::RoleField(role) => Question::pick(
                format!("Amend what of {}?", role_name(org, *role)),
                role_fields(org, *role)
                    .iter()
                    .map(|f| f.label().to_string())
                    .collect(),
            ),
            F::RoleValue(role, field) => {
                let value = current_value(at, Subject::Role(*role), *field);
                let name = role_name(org, *role);
                let title = match field.prompt_kind() {
                    PromptKind::List => format!("{} of {name} (one a line)", field.label()),
                    _ => format!("{} of {name}", field.label()),
                };
                Question::edit(field.prompt_kind(), title, value)
            }
            F::NewPolicyName
            | F::NewPolicyText(_)
            | F::PickPolicy(..)
            | F::PolicyField(_)
            | F::PolicyValue(..) => return self.policy_question(at),
            F::RolePolicyName(role) => line(format!(
                "Name of the policy {} holds",
                role_name(org, *role)
            )),
            F::RolePolicyText(_, name) => line(format!("Text of the policy {name}")),
            F::MoveTarget(_, circles) => Question::pick(
                "Move it to",
                circles.iter().map(|c| path(org, here, *c)).collect(),
            ),
            _ => return None,
        })
    }

    /// What an answer makes of one of the editor's forms; an answer none of them takes goes
    /// back to the menu.
    pub(super) fn editor_answer(&self, answer: Answer, at: &Context<'_>) -> Next {
        use GovernanceForm as F;
        let org = at.org;
        match (self, answer) {
            (F::Editor(choices), Answer::Pick(n)) => picked(choices, n, |&c| chosen(at, c)),
            (F::NewRoleName, Answer::Text(typed)) => {
                let (circle, rules) = (at.state.circle, at.state.rules);
                match new_role_name(org, circle, rules, editing(at), &typed) {
                    Ok(name) => Answered::Ask(F::NewRolePurpose(name)),
                    Err(why) => Answered::Refused(capitalised(&why)),
                }
            }
            (F::NewRolePurpose(name), Answer::Text(purpose)) => {
                Answered::Ask(F::NewRoleDomains(name.clone(), purpose))
            }
            (F::NewRoleDomains(name, purpose), Answer::Text(domains)) => Answered::Ask(
                F::NewRoleAccountabilities(name.clone(), purpose.clone(), split_list(&domains)),
            ),
            (F::NewRoleAccountabilities(name, purpose, domains), Answer::Text(accs)) => added(
                at,
                Change::CreateRole {
                    name: name.clone(),
                    purpose: purpose.clone(),
                    domains: domains.clone(),
                    accountabilities: split_list(&accs),
                },
                None,
            ),
            (F::PickRole(aim, roles), Answer::Pick(n)) => {
                picked(roles, n, |&r| role_picked(at, *aim, r))
            }
            (F::RoleField(role), Answer::Pick(n)) => {
                picked(&role_fields(org, *role), n, |&field| {
                    role_field_picked(at, *role, field)
                })
            }
            (F::RoleValue(role, field), Answer::Text(value)) => {
                let (change, place) = amended(at, Subject::Role(*role), *field, &value);
                added(at, change, place)
            }
            (
                F::NewPolicyName
                | F::NewPolicyText(_)
                | F::PickPolicy(..)
                | F::PolicyField(_)
                | F::PolicyValue(..),
                answer,
            ) => self.policy_answer(answer, at),
            (F::MoveTarget(what, circles), Answer::Pick(n)) => picked(circles, n, |&to| {
                let change = match *what {
                    Subject::Role(role) => Change::MoveRole { role, to },
                    Subject::Policy(policy) => Change::MovePolicy { policy, to },
                };
                added(at, change, None)
            }),
            (F::RolePolicyName(role), Answer::Text(name)) => {
                Answered::Ask(F::RolePolicyText(*role, name))
            }
            (F::RolePolicyText(role, name), Answer::Text(text)) => added(
                at,
                Change::CreateRolePolicy {
                    role: *role,
                    name: name.clone(),
                    text,
                },
                None,
            ),
            _ => to_menu(None),
        }
    }

    /// The question of a policy's form: a new one's name and text, or one picked and the
    /// field amended.
    fn policy_question(&self, at: &Context<'_>) -> Option<Question> {
        use GovernanceForm as F;
        let (org, here) = (at.org, at.state.circle);
        Some(match self {
            F::NewPolicyName => line("Name of the new policy"),
            F::NewPolicyText(name) => {
                Question::titled(PromptKind::Text, format!("Text of the policy {name}"))
            }
            F::PickPolicy(_, policies) => Question::pick(
                "Which policy?",
                policies
                    .iter()
                    .map(|p| placed(org, here, policy_name(org, *p), policy_circle(org, *p)))
                    .collect(),
            ),
            F::PolicyField(policy) => Question::pick(
                format!("Amend what of {}?", policy_name(org, *policy)),
                vec![Field::Name.label().into(), Field::Text.label().into()],
            ),
            F::PolicyValue(policy, field) => Question::edit(
                field.prompt_kind(),
                format!("{} of {}", field.label(), policy_name(org, *policy)),
                current_value(at, Subject::Policy(*policy), *field),
            ),
            _ => return None,
        })
    }

    /// What an answer makes of a policy's form.
    fn policy_answer(&self, answer: Answer, at: &Context<'_>) -> Next {
        use GovernanceForm as F;
        match (self, answer) {
            (F::NewPolicyName, Answer::Text(name)) => Answered::Ask(F::NewPolicyText(name)),
            (F::NewPolicyText(name), Answer::Text(text)) => added(
                at,
                Change::CreatePolicy {
                    name: name.clone(),
                    text,
                },
                None,
            ),
            (F::PickPolicy(aim, policies), Answer::Pick(n)) => {
                picked(policies, n, |&p| policy_picked(at, *aim, p))
            }
            (F::PolicyField(policy), Answer::Pick(n)) => {
                let field = if n == 0 { Field::Name } else { Field::Text };
                Answered::Ask(F::PolicyValue(*policy, field))
            }
            (F::PolicyValue(policy, field), Answer::Text(value)) => {
                let (change, place) = amended(at, Subject::Policy(*policy), *field, &value);
                added(at, change, place)
            }
            _ => to_menu(None),
        }
    }

    /// One of the editor's pickers asked again against an organisation changed meanwhile:
    /// what it offers (the menu, roles, policies, circles, people) is made again.
    pub(super) fn editor_asked_again(&self, at: &Context<'_>) -> Option<GovernanceForm> {
        use GovernanceForm as F;
        Some(match self {
            F::Editor(_) => GovernanceForm::menu(at),
            F::PickRole(aim, _) => F::PickRole(*aim, roles_for(at, *aim)),
            F::PickPolicy(aim, _) => F::PickPolicy(*aim, policies_for(at, *aim)),
            F::MoveTarget(what, _) => F::MoveTarget(*what, move_targets_of(at, *what)),
            _ => return self.changes_asked_again(at),
        })
    }
}

/// The changes being written (none yet: an empty list).
pub(super) fn editing<'a>(at: &Context<'a>) -> &'a [Change] {
    at.editing.unwrap_or_default()
}

/// A refusal of the change rules as a sentence: "A role named Baker exists already."
fn capitalised(why: &str) -> String {
    format!("{}.", capital(why))
}

/// The menu, asked again after `said`.
pub(super) fn to_menu(said: Option<Said>) -> Next {
    Answered::Done(
        Settled {
            said,
            ..Settled::default()
        }
        .then(Then::Menu),
    )
}

/// How a menu option reads.
fn choice_label(at: &Context<'_>, choice: EditorChoice) -> String {
    let proposal = at.state.current_item().and_then(|i| i.proposal.as_ref());
    let presenting = proposal.is_none_or(|p| p.step == IdmStep::Present);
    let next_version = proposal.map_or(1, |p| p.versions.len() + 1);
    match choice {
        EditorChoice::CreateRole => "Create a role".to_string(),
        EditorChoice::AmendRole => "Amend a role".into(),
        EditorChoice::RemoveRole => "Remove a role".into(),
        EditorChoice::CreatePolicy => "Create a policy".into(),
        EditorChoice::AmendPolicy => "Amend a policy".into(),
        EditorChoice::RemovePolicy => "Remove a policy".into(),
        EditorChoice::MoveRole => "Move a role into or out of a sub-circle".into(),
        EditorChoice::MovePolicy => "Move a policy into or out of a sub-circle".into(),
        EditorChoice::ExpandRole => "Expand a role into a sub-circle".into(),
        EditorChoice::AmendCircle => "Amend a sub-circle".into(),
        EditorChoice::CollapseCircle => "Collapse a sub-circle into a role".into(),
        EditorChoice::RemoveCircle => "Remove a sub-circle and everything within".into(),
        EditorChoice::CreateRolePolicy => "Create a policy on a role".into(),
        EditorChoice::CreateCrossLink => "Invite a Cross Link (4.1 §2.7)".into(),
        EditorChoice::RemoveCrossLink => "Remove a Cross Link".into(),
        EditorChoice::TakeOut(i) => editing(at).get(i).map_or_else(
            || "Take out: ?".to_string(),
            |c| format!("Take out: {}", c.describe(at.org)),
        ),
        EditorChoice::Save if presenting && next_version > 1 => {
            "Save: replaces the proposal on the table".into()
        }
        EditorChoice::Save => format!("Save as version {next_version}"),
        EditorChoice::Discard => "Leave without saving".into(),
    }
}

/// What the menu's choice opens, or does.
fn chosen(at: &Context<'_>, choice: EditorChoice) -> Next {
    use GovernanceForm as F;
    let pick_role = |aim| {
        let roles = roles_for(at, aim);
        match roles.is_empty() {
            true => to_menu(Some(Said::Error(
                "No role here can be changed that way.".into(),
            ))),
            false => Answered::Ask(F::PickRole(aim, roles)),
        }
    };
    let pick_policy = |aim| {
        let policies = policies_for(at, aim);
        match policies.is_empty() {
            true => to_menu(Some(Said::Error(
                "This circle has no policy yet: create one first.".into(),
            ))),
            false => Answered::Ask(F::PickPolicy(aim, policies)),
        }
    };
    match choice {
        EditorChoice::CreateRole => Answered::Ask(F::NewRoleName),
        EditorChoice::CreatePolicy => Answered::Ask(F::NewPolicyName),
        EditorChoice::AmendRole => pick_role(RoleAim::Amend),
        EditorChoice::RemoveRole => pick_role(RoleAim::Remove),
        EditorChoice::MoveRole => pick_role(RoleAim::Move),
        EditorChoice::ExpandRole => pick_role(RoleAim::Expand),
        EditorChoice::CreateRolePolicy => pick_role(RoleAim::HoldPolicy),
        EditorChoice::AmendPolicy => pick_policy(PolicyAim::Amend),
        EditorChoice::RemovePolicy => pick_policy(PolicyAim::Remove),
        EditorChoice::MovePolicy => pick_policy(PolicyAim::Move),
        EditorChoice::AmendCircle
        | EditorChoice::CollapseCircle
        | EditorChoice::RemoveCircle
        | EditorChoice::CreateCrossLink
        | EditorChoice::RemoveCrossLink => super::form_changes::chosen(at, choice),
        EditorChoice::TakeOut(n) => {
            let mut changes = editing(at).to_vec();
            if n < changes.len() {
                changes.remove(n);
            }
            Answered::Done(
                Settled {
                    editing: Editing::Now(changes),
                    ..Settled::default()
                }
                .then(Then::Menu),
            )
        }
        EditorChoice::Save => saved(at),
        EditorChoice::Discard => Answered::Done(Settled {
            editing: Editing::Left,
            ..Settled::default().info("Left without saving: the proposal is as it was.")
        }),
    }
}

/// A role picked for `aim`: the change made of it, or the next question.
fn role_picked(at: &Context<'_>, aim: RoleAim, role: RoleId) -> Next {
    match aim {
        RoleAim::Remove => added(at, Change::RemoveRole { role }, None),
        RoleAim::Amend => Answered::Ask(GovernanceForm::RoleField(role)),
        RoleAim::Move => super::form_changes::ask_move(at, Subject::Role(role)),
        RoleAim::Expand => added(at, Change::ExpandRole { role }, None),
        RoleAim::HoldPolicy => Answered::Ask(GovernanceForm::RolePolicyName(role)),
    }
}

/// A role's field picked: its value is asked, starting from what is written or recorded. A
/// core role's list says first what of it is the constitution's (the whole note would not
/// fit the question's title: it is said below).
fn role_field_picked(at: &Context<'_>, role: RoleId, field: Field) -> Next {
    let asked = GovernanceForm::RoleValue(role, field);
    let core = at.org.role(role).and_then(|r| r.core);
    match core {
        Some(core) if field.prompt_kind() == PromptKind::List => {
            let value = current_value(at, Subject::Role(role), field);
            let note = core_list_note(at.org.rule_set(), core, &split_list(&value));
            let said = format!("{} of {}: {note}.", field.label(), role_name(at.org, role));
            Answered::Done(Settled::default().info(said).then(Then::Ask(asked)))
        }
        _ => Answered::Ask(asked),
    }
}

/// A policy picked for `aim`: the change made of it, or the next question.
fn policy_picked(at: &Context<'_>, aim: PolicyAim, policy: PolicyId) -> Next {
    match aim {
        PolicyAim::Remove => added(at, Change::RemovePolicy { policy }, None),
        PolicyAim::Amend => Answered::Ask(GovernanceForm::PolicyField(policy)),
        PolicyAim::Move => super::form_changes::ask_move(at, Subject::Policy(policy)),
    }
}

/// `change` added to the changes being written (or, with `replace`, put at that place), if
/// the circle allows it; what comes of it is said, and the menu asked again.
pub(super) fn added(at: &Context<'_>, change: Change, replace: Option<usize>) -> Next {
    let (org, circle, rules) = (at.org, at.state.circle, at.state.rules);
    let mut candidate = editing(at).to_vec();
    let known = validate(org, circle, rules, &candidate).unwrap_or_default();
    match replace.filter(|&i| i < candidate.len()) {
        Some(i) => candidate[i] = change,
        None => {
            // What moves out of a sub-circle goes before the sub-circle does (4.1 §2.6.2
            // "selectively retaining certain elements"), so it is added ahead of its removal.
            let moving = matches!(change, Change::MoveRole { .. } | Change::MovePolicy { .. });
            let removal = candidate.iter().position(|c| {
                matches!(
                    c,
                    Change::CollapseCircle { .. } | Change::RemoveCircle { .. }
                )
            });
            match removal.filter(|_| moving) {
                Some(at) => candidate.insert(at, change),
                None => candidate.push(change),
            }
        }
    }
    match validate(org, circle, rules, &candidate) {
        Ok(warnings) => {
            let said = match warnings.iter().find(|w| !known.contains(w)) {
                Some(w) => Said::Error(format!("Added, with a warning: {w}.")),
                None => Said::Info("Added. Save when the proposal is complete.".into()),
            };
            Answered::Done(
                Settled {
                    editing: Editing::Now(candidate),
                    said: Some(said),
                    ..Settled::default()
                }
                .then(Then::Menu),
            )
        }
        Err(e) => to_menu(Some(Said::Error(capitalised(&e)))),
    }
}

/// The changes being written saved as the proposal's next version; the same changes as the
/// current version are refused, and the menu asked again.
fn saved(at: &Context<'_>) -> Next {
    let changes = editing(at).to_vec();
    let current = at
        .state
        .current_item()
        .and_then(|i| i.proposal.as_ref())
        .and_then(|p| p.current());
    if current == Some(&changes) {
        return to_menu(Some(Said::Error(
            "Nothing changed from the current version: add, amend or take out a change first."
                .into(),
        )));
    }
    let Some(item) = current_item(at) else {
        return Answered::Closed;
    };
    let warnings = validate(at.org, at.state.circle, at.state.rules, &changes);
    let said = match warnings.ok().and_then(|w| w.into_iter().next()) {
        Some(w) => Said::Error(format!("Saved, with a warning: {w}.")),
        None => Said::Info("Saved.".into()),
    };
    let event = IdmEvent::Drafted { changes };
    Answered::Done(Settled {
        editing: Editing::Left,
        said: Some(said),
        ..Settled::record(GovEvent::Proposal { item, event })
    })
}

/// The roles the menu's role choice for `aim` may change.
fn roles_for(at: &Context<'_>, aim: RoleAim) -> Vec<RoleId> {
    let org = at.org;
    let mut roles: Vec<RoleId> = org
        .roles_in(at.state.circle)
        // A Cross Link Role is only added to (4.1 §2.7.4); it goes with its Cross Link.
        .filter(|r| match aim {
            RoleAim::Amend => true,
            RoleAim::HoldPolicy => org.cross_link(r.id).is_none(),
            _ => r.core.is_none() && org.cross_link(r.id).is_none(),
        })
        .map(|r| r.id)
        .collect();
    if aim == RoleAim::Move {
        for sub in movable_from(at) {
            roles.extend(org.roles_in(sub).filter(|r| r.core.is_none()).map(|r| r.id));
        }
    }
    roles
}

/// The policies the menu's policy choice for `aim` may change.
fn policies_for(at: &Context<'_>, aim: PolicyAim) -> Vec<PolicyId> {
    let org = at.org;
    let mut policies: Vec<PolicyId> = org.policies_of(at.state.circle).map(|p| p.id).collect();
    if aim == PolicyAim::Move {
        for sub in movable_from(at) {
            policies.extend(org.policies_of(sub).map(|p| p.id));
        }
    }
    policies
}
