//! People and role assignments from home and the browser: the keys that start a change
//! between meetings, the questions it asks (whom, which focus, who is acting), and
//! recording it in the organisation's log.
//!
//! Owns: the flow of `OrgForm`. Must not import: tokio; must not draw.

use super::keys::Action;
use super::modal::Outcome;
use super::{App, org_entries};
use crate::app::Screen;
use crate::domain::org_log::{self, OrgRequest, assignment_authority};
use crate::domain::{AssignmentId, Organisation, PersonId, Role};
use crate::ui::{Confirm, Modal, OrgForm, Picker, Prompt, PromptKind, TreeRow};

/// Whether the browser hands `action` to this module.
pub fn acts_on(action: Action) -> bool {
    matches!(
        action,
        Action::AddPerson
            | Action::AssignRole
            | Action::ChangeFocus
            | Action::EndAssignment
            | Action::UndoOrgEntry
            | Action::AddChecklistItem
            | Action::AddMetric
            | Action::EndRecord
    )
}

/// The form and modal slots of the screen, on home and in the browser.
fn slots(screen: &mut Screen) -> Option<(&mut Option<OrgForm>, &mut Option<Modal>)> {
    match screen {
        Screen::Home(h) => Some((&mut h.form, &mut h.modal)),
        Screen::Browser(b) => Some((&mut b.form, &mut b.modal)),
        _ => None,
    }
}

pub(super) fn ask(app: &mut App, form: OrgForm, modal: Modal) {
    if let Some((f, m)) = slots(&mut app.view.screen) {
        *f = Some(form);
        *m = Some(modal);
    }
}

pub(super) fn close(app: &mut App) -> Option<OrgForm> {
    let (form, modal) = slots(&mut app.view.screen)?;
    *modal = None;
    form.take()
}

pub(super) fn picker(title: String, options: Vec<String>) -> Modal {
    Modal::Picker(Picker {
        title,
        options,
        selected: 0,
    })
}

/// The role selected in the browser, if a role row is.
pub(super) fn selected_role(app: &App) -> Option<Role> {
    let Screen::Browser(b) = &app.view.screen else {
        return None;
    };
    let Some(TreeRow::Role { id, .. }) = b.selected_row() else {
        return None;
    };
    app.view.org.as_ref()?.role(id).cloned()
}

/// Starts the change an action asks for.
pub fn act(app: &mut App, action: Action) {
    let Some(org) = app.view.org.clone() else {
        return;
    };
    if action == Action::AddPerson {
        return ask(
            app,
            OrgForm::PersonName,
            Modal::Prompt(Prompt::new(PromptKind::PersonName)),
        );
    }
    if matches!(action, Action::RenamePerson | Action::PersonLeaves) {
        return pick_person(app, &org, action);
    }
    if action == Action::UndoOrgEntry {
        return ask_undo(app, &org);
    }
    let Some(role) = selected_role(app) else {
        return app.info("Select a role first (↑ ↓), then a assigns, f changes a focus, x ends.");
    };
    if super::circle_records::acts_on(action) {
        return super::circle_records::act(app, &org, &role, action);
    }
    if let Err(why) = assignment_authority(&org, &role) {
        return app.error(super::tactical::capitalised(&why.to_string()));
    }
    assignment_action(app, &org, &role, action);
}

/// Asks to confirm taking back the latest change between meetings still standing.
fn ask_undo(app: &mut App, org: &Organisation) {
    let Some(entry) = org_log::latest_standing(org.log()) else {
        return app.info("Nothing to take back: no change was made between meetings yet.");
    };
    let question = format!("Take back \"{}\"?", entry.describe(org));
    ask(
        app,
        OrgForm::Undo,
        Modal::Confirm(Confirm::new(question, "take back", "keep")),
    );
}

/// Starts assigning someone to `role`, or changing a filler's focus or ending their
/// assignment (asking whose, when more than one fills it).
fn assignment_action(app: &mut App, org: &Organisation, role: &Role, action: Action) {
    let fillers: Vec<AssignmentId> = org.fillers_of(role.id).map(|a| a.id).collect();
    let labels = |ids: &[AssignmentId]| -> Vec<String> {
        ids.iter()
            .filter_map(|id| org.assignment(*id))
            .map(|a| match &a.focus {
                Some(f) => format!("{} — focus: {f}", org.person_name(a.person)),
                None => org.person_name(a.person).to_string(),
            })
            .collect()
    };
    match action {
        Action::AssignRole => {
            let people: Vec<PersonId> = org.current_people().map(|p| p.id).collect();
            let options = people
                .iter()
                .map(|p| org.person_name(*p).to_string())
                .collect();
            let title = format!("Assign whom to {}?", role.name);
            ask(
                app,
                OrgForm::AssignWho {
                    role: role.id,
                    people,
                },
                picker(title, options),
            );
        }
        _ if fillers.is_empty() => app.info(format!("Nobody fills {}.", role.name)),
        Action::ChangeFocus if fillers.len() == 1 => focus_text(app, org, fillers[0]),
        Action::ChangeFocus => {
            let title = format!("Change whose focus in {}?", role.name);
            let options = labels(&fillers);
            ask(
                app,
                OrgForm::FocusOf {
                    assignments: fillers,
                },
                picker(title, options),
            );
        }
        Action::EndAssignment => {
            let title = format!("End whose assignment to {}?", role.name);
            let options = labels(&fillers);
            ask(
                app,
                OrgForm::EndOf {
                    assignments: fillers,
                },
                picker(title, options),
            );
        }
        _ => {}
    }
}

/// Asks whom a rename or a leaving is about, among the current people.
fn pick_person(app: &mut App, org: &Organisation, action: Action) {
    let people: Vec<PersonId> = org.current_people().map(|p| p.id).collect();
    if people.is_empty() {
        return app.info("Nobody here yet: n adds a person.");
    }
    let options = people
        .iter()
        .map(|p| org.person_name(*p).to_string())
        .collect();
    let (form, title) = if action == Action::RenamePerson {
        (OrgForm::RenameWho { people }, "Rename whom?")
    } else {
        (OrgForm::LeaveWho { people }, "Who leaves the organisation?")
    };
    ask(app, form, picker(title.into(), options));
}

fn focus_text(app: &mut App, org: &Organisation, assignment: AssignmentId) {
    let current = org.assignment(assignment).and_then(|a| a.focus.clone());
    let prompt = Prompt::filled(
        PromptKind::Focus,
        PromptKind::Focus.question().to_string(),
        current.as_deref().unwrap_or(""),
    );
    ask(
        app,
        OrgForm::FocusText { assignment },
        Modal::Prompt(prompt),
    );
}

/// Asks who is acting, among the people who may make this change.
fn ask_actor(app: &mut App, org: &Organisation, role: &Role, request: OrgRequest) {
    let authority = match assignment_authority(org, role) {
        Ok(a) => a,
        Err(why) => return app.error(super::tactical::capitalised(&why.to_string())),
    };
    let mut actors = authority.people.clone();
    let mut options: Vec<String> = actors
        .iter()
        .map(|p| format!("{} ({})", org.person_name(*p), authority.as_lead))
        .collect();
    // A filler may resign (4.1 §2.4.3; 5.0 §1.4.1).
    if let OrgRequest::EndAssignment { assignment } = &request
        && let Some(a) = org.assignment(*assignment)
        && !actors.contains(&a.person)
    {
        actors.push(a.person);
        options.push(format!("{} (resigns)", org.person_name(a.person)));
    }
    let title = format!("Who is acting? ({})", authority.article);
    ask(
        app,
        OrgForm::Actor { request, actors },
        picker(title, options),
    );
}

/// Records the request and shows what it did.
pub(super) fn record(app: &mut App, request: &OrgRequest, actor: Option<PersonId>) {
    if let Some(org) = app.view.org.as_deref() {
        let roles = super::reports::of_request(org, request);
        app.hold_reports(roles);
    }
    let Some(org) = app.view.org.clone() else {
        return;
    };
    let now = app.now();
    match org_entries::record(app.store.as_mut(), &org, request, actor, now) {
        Ok(written) => {
            app.apply_org_entry(written.entry);
            app.info(crate::domain::text::sentence(&written.said));
        }
        Err(why) => {
            // Another program wrote first: take in what is there now. A refusal changed
            // nothing, here or in the store.
            if why == org_entries::CONFLICT {
                app.reload_org();
            }
            app.error(super::tactical::capitalised(&why));
        }
    }
}

/// The answer to the open modal of a change between meetings.
pub fn outcome(app: &mut App, outcome: Outcome) {
    let Some(org) = app.view.org.clone() else {
        return;
    };
    let Some(form) = close(app) else {
        return;
    };
    let role_of = |a: AssignmentId| org.assignment(a).and_then(|a| org.role(a.role)).cloned();
    match (form, outcome) {
        (OrgForm::PersonName, Outcome::Submitted(name)) if name.is_empty() => {
            app.error("Type the person's name, or Esc to cancel.");
        }
        (OrgForm::PersonName, Outcome::Submitted(name)) => person_named(app, &org, name),
        (OrgForm::PersonEmail { name }, Outcome::Submitted(email)) => email_given(app, name, email),
        (OrgForm::AssignWho { role, people }, Outcome::Picked(n)) => {
            if let Some(&person) = people.get(n) {
                let prompt = Modal::Prompt(Prompt::new(PromptKind::Focus));
                ask(app, OrgForm::AssignFocus { role, person }, prompt);
            }
        }
        (OrgForm::AssignFocus { role, person }, Outcome::Submitted(focus)) => {
            let focus = Some(focus).filter(|f| !f.is_empty());
            if let Some(r) = org.role(role) {
                ask_actor(
                    app,
                    &org,
                    r,
                    OrgRequest::Assign {
                        role,
                        person,
                        focus,
                    },
                );
            }
        }
        (OrgForm::FocusOf { assignments }, Outcome::Picked(n)) => {
            if let Some(&a) = assignments.get(n) {
                focus_text(app, &org, a);
            }
        }
        (OrgForm::FocusText { assignment }, Outcome::Submitted(focus)) => {
            let focus = Some(focus).filter(|f| !f.is_empty());
            if let Some(r) = role_of(assignment) {
                ask_actor(app, &org, &r, OrgRequest::ChangeFocus { assignment, focus });
            }
        }
        (OrgForm::EndOf { assignments }, Outcome::Picked(n)) => {
            let ending = assignments.get(n).and_then(|&a| Some((a, role_of(a)?)));
            if let Some((assignment, r)) = ending {
                ask_actor(app, &org, &r, OrgRequest::EndAssignment { assignment });
            }
        }
        (OrgForm::Actor { request, actors }, Outcome::Picked(n)) => {
            if let Some(&actor) = actors.get(n) {
                record(app, &request, Some(actor));
            }
        }
        (OrgForm::Undo, Outcome::Answered(true)) => record(app, &OrgRequest::Undo, None),
        (OrgForm::RenameWho { people }, Outcome::Picked(n)) => {
            if let Some(&person) = people.get(n) {
                ask_new_name(app, &org, person);
            }
        }
        (OrgForm::RenameTo { person }, Outcome::Submitted(name)) => {
            record(app, &OrgRequest::RenamePerson { person, name }, None);
        }
        (OrgForm::LeaveWho { people }, Outcome::Picked(n)) => {
            if let Some(&person) = people.get(n) {
                ask_leaves(app, &org, person);
            }
        }
        (OrgForm::Leaves { person }, Outcome::Answered(true)) => {
            record(app, &OrgRequest::PersonLeaves { person }, None);
        }
        (form, outcome) => super::circle_records::outcome(app, &org, form, outcome),
    }
}

/// A new person's name typed: checked at once (unique, ignoring case), then their e-mail
/// address is asked for. Refused, the name stays typed.
fn person_named(app: &mut App, org: &Organisation, name: String) {
    let request = OrgRequest::AddPerson {
        name: name.clone(),
        email: None,
    };
    if let Err(why) = crate::domain::org_log::decide(&request, None, org) {
        let title = PromptKind::PersonName.question().to_string();
        let prompt = Modal::Prompt(Prompt::filled(PromptKind::PersonName, title, &name));
        ask(app, OrgForm::PersonName, prompt);
        return app.error(super::tactical::capitalised(&why.to_string()));
    }
    let prompt = Modal::Prompt(Prompt::new(PromptKind::Email));
    ask(app, OrgForm::PersonEmail { name }, prompt);
}

/// A new person's e-mail address typed (or left empty): the person is added. One that is
/// not an address is refused and stays typed.
fn email_given(app: &mut App, name: String, email: String) {
    let typed = !email.trim().is_empty();
    if let Some(why) = crate::domain::names::email_problem(&email).filter(|_| typed) {
        let title = PromptKind::Email.question().to_string();
        let prompt = Modal::Prompt(Prompt::filled(PromptKind::Email, title, &email));
        ask(app, OrgForm::PersonEmail { name }, prompt);
        let said = crate::domain::names::bad_email(&email, why);
        return app.error(super::tactical::capitalised(&said));
    }
    let email = Some(email).filter(|e| !e.is_empty());
    record(app, &OrgRequest::AddPerson { name, email }, None);
}

/// Asks for `person`'s new name, starting from the one they have.
fn ask_new_name(app: &mut App, org: &Organisation, person: PersonId) {
    let title = format!("New name for {}", org.person_name(person));
    let prompt = Prompt::filled(PromptKind::PersonName, title, org.person_name(person));
    ask(app, OrgForm::RenameTo { person }, Modal::Prompt(prompt));
}

/// Asks to confirm that `person` leaves, saying how many assignments that ends.
fn ask_leaves(app: &mut App, org: &Organisation, person: PersonId) {
    let ending = match org.assignments_of(person).count() {
        0 => "They fill no role".to_string(),
        1 => "Their 1 role assignment ends today".to_string(),
        n => format!("Their {n} role assignments end today"),
    };
    let question = format!(
        "{} leaves the organisation? {ending}; their history stays.",
        org.person_name(person),
    );
    let confirm = Confirm::new(question, "leaves", "stays");
    ask(app, OrgForm::Leaves { person }, Modal::Confirm(confirm));
}
