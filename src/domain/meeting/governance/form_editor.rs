//! The proposal editor as a form: a menu of governance changes to add (create, amend or
//! remove a role or a policy; move one into or out of a sub-circle; a policy on a role; the
//! sub-circle and Cross Link changes are `form_changes`'s), changes to take out, and saving
//! them as the proposal's next version. Each change is checked against the circle as it
//! stands when it is added (`validate`), so a bad one is refused at once with its reason.
//!
//! The changes being written are a value the form is asked with (`Context::editing`); a
//! finished answer says what they are now (`Settled::editing`), and the menu is asked again.
//!
//! Owns: the menu, its role and policy questions, and building the changes. Must not import:
//! rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::core_limits::{core_list_note, split_items};
use super::form::{
    Context, Editing, GovernanceForm, Next, Said, Settled, Then, current_item, line, picked,
};
use super::form_changes::{
    circle_choices, cross_link_choices, movable_from, move_targets_of, path, placed,
};
use super::{Change, GovEvent, IdmEvent, IdmStep, new_role_name, validate};
use crate::domain::form::{Answer, Answered, PromptKind, Question};
use crate::domain::ids::{PolicyId, RoleId};
use crate::domain::org::Organisation;
use crate::domain::text::capital;
use serde::{Deserialize, Serialize};

/// A field of a role, policy or sub-circle being amended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Name,
    Purpose,
    Domains,
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
    Amend,
    Remove,
    Move,
    /// Expanded into a sub-circle.
    Expand,
    /// Given a policy to hold.
    HoldPolicy,
}

/// What a picked sub-circle is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CircleAim {
    Amend,
    /// Collapsed back into a role.
    Collapse,
    /// Removed with everything within.
    Remove,
}

/// What a picked policy is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PolicyAim {
    Amend,
    Remove,
    Move,
}

/// The role or policy a change is about (amended, or moved to another circle).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Subject {
    Role(RoleId),
    Policy(PolicyId),
}

/// One option of the proposal editor's menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EditorChoice {
    CreateRole,
    AmendRole,
    RemoveRole,
    CreatePolicy,
    AmendPolicy,
    RemovePolicy,
    MoveRole,
    MovePolicy,
    ExpandRole,
    AmendCircle,
    CollapseCircle,
    RemoveCircle,
    CreateRolePolicy,
    /// A Cross Link Policy (4.1 §2.7), and its removal.
    CreateCrossLink,
    RemoveCrossLink,
    /// Take the n-th change out.
    TakeOut(usize),
    Save,
    Discard,
}

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
            _ => Answered::Done(Settled::default().then(Then::Menu)),
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
pub(super) fn policy_circle(
    org: &Organisation,
    p: PolicyId,
) -> Option<crate::domain::ids::CircleId> {
    org.records()
        .policies
        .iter()
        .find(|x| x.id == p)
        .map(|x| x.circle)
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

/// A field's value as it stands in what is being written, else in the record, as text.
fn current_value(at: &Context<'_>, what: Subject, field: Field) -> String {
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
fn amended(at: &Context<'_>, what: Subject, field: Field, value: &str) -> (Change, Option<usize>) {
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
