//! The proposal editor: a menu of governance changes to add (create, amend or remove a role
//! or a policy; move one into or out of a sub-circle; the sub-circle changes are
//! `sub_circle`'s), changes to take out, and saving them as the proposal's next version. Each change is checked against the
//! circle as it stands when it is added, so a bad one is refused at once with its reason.
//!
//! Owns: the editor's menu and its prompts. The changes being written live in the screen's
//! `editing` until saved. Must not import: tokio; must not draw.

use super::editor_answers::{policy_name, role_name};
use super::{cross_link, idm, pick, prompt, screen, sub_circle};
use crate::app::App;
use crate::app::modal::Outcome;
use crate::domain::meeting::governance::core_limits::split_items;
use crate::domain::meeting::governance::{Change, IdmEvent, IdmStep, validate};
use crate::domain::{Organisation, PolicyId, RoleId};
use crate::ui::{EditorChoice, Field, GovDraft, GovScreen, PolicyAim, RoleAim, Subject};

/// Opens the editor on the current proposal: what is being written, else its latest version.
pub fn open(app: &mut App) {
    // Asked whatever the changes will be (a version of none asks only whether one may be
    // written now): a time out, or a step where nobody amends, is refused before any typing.
    let drafted = IdmEvent::Drafted {
        changes: Vec::new(),
    };
    if !super::may_idm(app, drafted) {
        return;
    }
    let Some(screen) = screen(app) else { return };
    let Some(p) = screen
        .state
        .current_item()
        .and_then(|i| i.proposal.as_ref())
    else {
        return;
    };
    if screen.editing.is_none() {
        screen.editing = Some(p.current().cloned().unwrap_or_default());
    }
    menu(app);
}

/// Whether `draft` belongs to the editor: its menu, prompts and pickers.
pub fn is_editor_draft(draft: &GovDraft) -> bool {
    matches!(
        draft,
        GovDraft::Editor(_)
            | GovDraft::NewRoleName
            | GovDraft::NewRolePurpose(_)
            | GovDraft::NewRoleDomains(..)
            | GovDraft::NewRoleAccountabilities(..)
            | GovDraft::PickRole(..)
            | GovDraft::RoleField(_)
            | GovDraft::RoleValue(..)
            | GovDraft::NewPolicyName
            | GovDraft::NewPolicyText(_)
            | GovDraft::PickPolicy(..)
            | GovDraft::PolicyField(_)
            | GovDraft::PolicyValue(..)
            | GovDraft::MoveTarget(..)
            | GovDraft::PickCircle(..)
            | GovDraft::CircleField(_)
            | GovDraft::CircleValue(..)
            | GovDraft::RolePolicyName(_)
            | GovDraft::RolePolicyText(..)
            | GovDraft::LinkedEntity(_)
            | GovDraft::LinkedEntityName
            | GovDraft::CrossLinkTarget(..)
            | GovDraft::CrossLinkFiller(..)
            | GovDraft::PickCrossLink(_)
    )
}

pub(super) fn menu(app: &mut App) {
    let Some(org) = app.view.org.clone() else {
        return;
    };
    let Some(screen) = screen(app) else { return };
    let changes = screen.editing.clone().unwrap_or_default();
    let presenting = screen
        .state
        .current_item()
        .and_then(|i| i.proposal.as_ref())
        .is_none_or(|p| p.step == IdmStep::Present);
    let next_version = screen
        .state
        .current_item()
        .and_then(|i| i.proposal.as_ref())
        .map_or(1, |p| p.versions.len() + 1);
    let mut choices = Vec::new();
    if !changes.is_empty() {
        choices.push(EditorChoice::Save);
    }
    choices.extend([
        EditorChoice::CreateRole,
        EditorChoice::AmendRole,
        EditorChoice::RemoveRole,
        EditorChoice::CreatePolicy,
        EditorChoice::AmendPolicy,
        EditorChoice::RemovePolicy,
    ]);
    choices.extend([EditorChoice::MoveRole, EditorChoice::MovePolicy]);
    choices.extend(sub_circle::choices(&org, screen.state.circle));
    if screen.state.rules.rules().changes.policies_on_roles {
        choices.push(EditorChoice::CreateRolePolicy);
    }
    choices.extend(cross_link::choices(&org, screen.state.circle));
    choices.extend((0..changes.len()).map(EditorChoice::TakeOut));
    choices.push(EditorChoice::Discard);
    let options = choices
        .iter()
        .map(|c| match c {
            EditorChoice::CreateRole => "Create a role".to_string(),
            EditorChoice::AmendRole => "Amend a role".into(),
            EditorChoice::RemoveRole => "Remove a role".into(),
            EditorChoice::CreatePolicy => "Create a policy".into(),
            EditorChoice::AmendPolicy => "Amend a policy".into(),
            EditorChoice::RemovePolicy => "Remove a policy".into(),
            EditorChoice::MoveRole => "Move a role into or out of a sub-circle".into(),
            EditorChoice::MovePolicy => "Move a policy into or out of a sub-circle".into(),
            EditorChoice::ExpandRole
            | EditorChoice::AmendCircle
            | EditorChoice::CollapseCircle
            | EditorChoice::RemoveCircle => sub_circle::label(*c).into(),
            EditorChoice::CreateRolePolicy => "Create a policy on a role".into(),
            EditorChoice::CreateCrossLink | EditorChoice::RemoveCrossLink => {
                cross_link::label(*c).into()
            }
            EditorChoice::TakeOut(i) => format!("Take out: {}", changes[*i].describe(&org)),
            EditorChoice::Save if presenting && next_version > 1 => {
                "Save: replaces the proposal on the table".into()
            }
            EditorChoice::Save => format!("Save as version {next_version}"),
            EditorChoice::Discard => "Leave without saving".into(),
        })
        .collect();
    pick(
        app,
        "The proposal's changes",
        options,
        GovDraft::Editor(choices),
    );
}

/// Adds `change` (or, with `replace`, puts it at that place) if the circle allows it.
pub(super) fn add(app: &mut App, change: Change, replace: Option<usize>) {
    let Some(org) = app.view.org.clone() else {
        return;
    };
    let Some(screen) = screen(app) else { return };
    let mut candidate = screen.editing.clone().unwrap_or_default();
    let (circle, rules) = (screen.state.circle, screen.state.rules);
    let known = validate(&org, circle, rules, &candidate).unwrap_or_default();
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
    let checked = validate(&org, circle, rules, &candidate);
    match checked {
        Ok(warnings) => {
            screen.editing = Some(candidate);
            match warnings.iter().find(|w| !known.contains(w)) {
                Some(w) => app.error(format!("Added, with a warning: {w}.")),
                None => app.info("Added. Save when the proposal is complete."),
            }
        }
        Err(e) => app.error(crate::app::tactical::capitalised(&e)),
    }
    menu(app);
}

/// The fields of a role a proposal may amend: a core role's name and purpose come from the
/// rule set, so only its domains and accountabilities.
pub(super) fn role_fields(org: &Organisation, role: RoleId) -> Vec<Field> {
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
pub(super) fn split_list(text: &str) -> Vec<String> {
    text.split('\n').flat_map(split_items).collect()
}

fn roles_for(org: &Organisation, screen: &GovScreen, aim: RoleAim) -> Vec<RoleId> {
    let circle = screen.state.circle;
    let mut roles: Vec<RoleId> = org
        .roles_in(circle)
        // A Cross Link Role is only added to (4.1 §2.7.4); it goes with its Cross Link.
        .filter(|r| match aim {
            RoleAim::Amend => true,
            RoleAim::HoldPolicy => org.cross_link(r.id).is_none(),
            _ => r.core.is_none() && org.cross_link(r.id).is_none(),
        })
        .map(|r| r.id)
        .collect();
    if aim == RoleAim::Move {
        for sub in sub_circle::movable_from(org, screen) {
            roles.extend(org.roles_in(sub).filter(|r| r.core.is_none()).map(|r| r.id));
        }
    }
    roles
}

fn policies_for(org: &Organisation, screen: &GovScreen, aim: PolicyAim) -> Vec<PolicyId> {
    let circle = screen.state.circle;
    let mut policies: Vec<PolicyId> = org.policies_of(circle).map(|p| p.id).collect();
    if aim == PolicyAim::Move {
        for sub in sub_circle::movable_from(org, screen) {
            policies.extend(org.policies_of(sub).map(|p| p.id));
        }
    }
    policies
}

/// A field's value as it stands in what is being written, else in the record, as text.
pub(super) fn current_value(
    org: &Organisation,
    screen: &GovScreen,
    what: Subject,
    field: Field,
) -> String {
    let pending = screen
        .editing
        .iter()
        .flatten()
        .find_map(|c| match (c, what) {
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
        Subject::Role(r) => org.role(r).map_or(String::new(), |r| match field {
            Field::Name => r.name.clone(),
            Field::Purpose => r.purpose.clone(),
            Field::Domains => r.domains.join("\n"),
            Field::Accountabilities => r.accountabilities.join("\n"),
            Field::Text => String::new(),
        }),
        Subject::Policy(p) => org
            .policies_of(screen.state.circle)
            .find(|x| x.id == p)
            .map_or(String::new(), |x| match field {
                Field::Name => x.name.clone(),
                _ => x.text.clone(),
            }),
    })
}

/// The amendment of `what` with `field` set to `value`, merged into the one being written.
pub(super) fn amended(
    screen: &GovScreen,
    what: Subject,
    field: Field,
    value: &str,
) -> (Change, Option<usize>) {
    let existing = screen
        .editing
        .iter()
        .flatten()
        .position(|c| match (c, what) {
            (Change::AmendRole { role, .. }, Subject::Role(r)) => *role == r,
            (Change::AmendPolicy { policy, .. }, Subject::Policy(p)) => *policy == p,
            _ => false,
        });
    let mut change = existing
        .and_then(|i| screen.editing.as_ref().and_then(|e| e.get(i)).cloned())
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

/// What an answer in the editor does.
pub fn outcome(app: &mut App, outcome: Outcome) {
    let Some(org) = app.view.org.clone() else {
        return;
    };
    let Some(screen) = screen(app) else { return };
    let draft = std::mem::take(&mut screen.draft);
    screen.modal = None;
    match (outcome, draft) {
        (Outcome::Cancelled, GovDraft::Editor(_)) => {
            app.info("The changes being written are kept: c goes on, or saves them.");
        }
        (Outcome::Cancelled, _) => menu(app),
        (Outcome::Picked(i), GovDraft::Editor(choices)) => {
            if let Some(&choice) = choices.get(i) {
                chosen(app, &org, choice);
            }
        }
        (outcome, draft) => {
            use super::editor_answers::{new_role, other_answer, policy_answer, role_answer};
            let parts = [
                new_role,
                role_answer,
                policy_answer,
                other_answer,
                cross_link::answer,
            ];
            let mut unanswered = Some((outcome, draft));
            for part in parts {
                let Some((outcome, draft)) = unanswered else {
                    return;
                };
                unanswered = part(app, &org, outcome, draft);
            }
            if unanswered.is_some() {
                menu(app);
            }
        }
    }
}

/// What the editor's menu choice opens.
fn chosen(app: &mut App, org: &Organisation, choice: EditorChoice) {
    let Some(screen) = screen(app) else { return };
    match choice {
        EditorChoice::CreateRole => prompt(
            app,
            "Name of the new role".into(),
            "",
            GovDraft::NewRoleName,
        ),
        EditorChoice::CreatePolicy => prompt(
            app,
            "Name of the new policy".into(),
            "",
            GovDraft::NewPolicyName,
        ),
        EditorChoice::AmendRole
        | EditorChoice::RemoveRole
        | EditorChoice::MoveRole
        | EditorChoice::ExpandRole
        | EditorChoice::CreateRolePolicy => {
            pick_role(app, org, choice);
        }
        EditorChoice::AmendPolicy | EditorChoice::RemovePolicy | EditorChoice::MovePolicy => {
            pick_policy(app, org, choice);
        }
        c @ (EditorChoice::AmendCircle
        | EditorChoice::CollapseCircle
        | EditorChoice::RemoveCircle) => {
            let circle = screen.state.circle;
            sub_circle::choose(app, org, circle, c);
        }
        c @ (EditorChoice::CreateCrossLink | EditorChoice::RemoveCrossLink) => {
            let circle = screen.state.circle;
            cross_link::chosen(app, org, circle, c);
        }
        EditorChoice::TakeOut(n) => {
            if let Some(editing) = &mut screen.editing
                && n < editing.len()
            {
                editing.remove(n);
            }
            menu(app);
        }
        EditorChoice::Save => {
            save(app, org);
        }
        EditorChoice::Discard => {
            screen.editing = None;
            app.info("Left without saving: the proposal is as it was.");
        }
    }
}

/// The roles the menu's role choice may change, to pick one.
fn pick_role(app: &mut App, org: &Organisation, choice: EditorChoice) {
    let Some(screen) = screen(app) else { return };
    let aim = match choice {
        EditorChoice::AmendRole => RoleAim::Amend,
        EditorChoice::RemoveRole => RoleAim::Remove,
        EditorChoice::ExpandRole => RoleAim::Expand,
        EditorChoice::CreateRolePolicy => RoleAim::HoldPolicy,
        _ => RoleAim::Move,
    };
    let roles = roles_for(org, screen, aim);
    if roles.is_empty() {
        app.error("No role here can be changed that way.");
        return menu(app);
    }
    let here = screen.state.circle;
    let options = roles
        .iter()
        .map(|r| {
            sub_circle::placed(
                org,
                here,
                role_name(org, *r),
                org.role(*r).map(|x| x.circle),
            )
        })
        .collect();
    pick(app, "Which role?", options, GovDraft::PickRole(aim, roles));
}

/// The policies the menu's policy choice may change, to pick one.
fn pick_policy(app: &mut App, org: &Organisation, choice: EditorChoice) {
    let Some(screen) = screen(app) else { return };
    let aim = match choice {
        EditorChoice::AmendPolicy => PolicyAim::Amend,
        EditorChoice::RemovePolicy => PolicyAim::Remove,
        _ => PolicyAim::Move,
    };
    let policies = policies_for(org, screen, aim);
    if policies.is_empty() {
        app.error("This circle has no policy yet: create one first.");
        return menu(app);
    }
    let here = screen.state.circle;
    let options = policies
        .iter()
        .map(|p| {
            let at = org.records().policies.iter().find(|x| x.id == *p);
            sub_circle::placed(org, here, policy_name(org, *p), at.map(|x| x.circle))
        })
        .collect();
    pick(
        app,
        "Which policy?",
        options,
        GovDraft::PickPolicy(aim, policies),
    );
}

/// Saves the changes being written as the proposal's next version.
fn save(app: &mut App, org: &Organisation) {
    let Some(screen) = screen(app) else { return };
    let changes = screen.editing.clone().unwrap_or_default();
    let current = screen
        .state
        .current_item()
        .and_then(|i| i.proposal.as_ref())
        .and_then(|p| p.current().cloned());
    if current.as_ref() == Some(&changes) {
        app.error(
            "Nothing changed from the current version: add, amend or take out a change first.",
        );
        return menu(app);
    }
    let warnings = validate(org, screen.state.circle, screen.state.rules, &changes);
    if idm(app, IdmEvent::Drafted { changes }) {
        if let Some(screen) = self::screen(app) {
            screen.editing = None;
        }
        match warnings.ok().and_then(|w| w.into_iter().next()) {
            Some(w) => app.error(format!("Saved, with a warning: {w}.")),
            None => app.info("Saved."),
        }
    }
}
