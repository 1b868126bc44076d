//! Triage's outputs put together over several answers: the kind, its text, who owns it (each
//! role's fillers, a Lead covering, or someone's own), who present accepts it for an absent
//! role (4.1 §4.2.4), and which of the requester's roles a request serves (5.0 §3.2(f)).
//!
//! Owns: the owners offered for an output and the steps from a kind picked to an output
//! recorded. Must not import: tokio; must not draw.

use super::{capitalised, pick, prompt, record, screen};
use crate::app::App;
use crate::app::modal::attendee_options;
use crate::domain::meeting::tactical::{Cover, Event, Tactical};
use crate::domain::meeting::{Output, OutputKind};
use crate::domain::{Organisation, PersonId, RoleId};
use crate::ui::{Draft, PromptKind};

/// The output kind picked in triage: its text is asked for (information may run to several
/// lines; the other outputs are one line).
pub(super) fn ask_output_text(app: &mut App, n: usize) {
    let Some(&kind) = OutputKind::ALL.get(n) else {
        return;
    };
    let title = capitalised(kind.label()).trim_end_matches('.').to_string();
    let typed = match kind {
        OutputKind::Information => PromptKind::Text,
        _ => PromptKind::OutputText,
    };
    prompt(app, typed, title, Draft::OutputKind(kind));
}

/// An output's text typed: one without an owner is recorded; for the others, who owns it is
/// asked.
pub(super) fn output_typed(app: &mut App, org: &Organisation, kind: OutputKind, text: String) {
    if text.is_empty() {
        return app.error("Type the output's text, or Esc to cancel.");
    }
    if !kind.has_owner() {
        let output = Output {
            kind,
            text,
            role: None,
            person: None,
            accepted_by: None,
            serves: None,
        };
        return add_output(app, output);
    }
    let Some(screen) = screen(app) else { return };
    if screen.state.current_item().is_none() {
        return;
    }
    let owners = owners(&screen.state, org, kind);
    let options = owners.iter().map(|(_, _, label)| label.clone()).collect();
    let choices = owners.into_iter().map(|(r, p, _)| (r, p)).collect();
    pick(
        app,
        &kind.owner_question(),
        options,
        Draft::Owners(kind, text, choices),
    );
}

/// The owner picked: a request asks which role it serves where the rule set limits that; an
/// output for a role nobody present fills asks who accepts it; the others are recorded.
pub(super) fn owner_picked(
    app: &mut App,
    org: &Organisation,
    (kind, text): (OutputKind, String),
    (role, person): (Option<RoleId>, Option<PersonId>),
) {
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    let Some(item) = state.current_item() else {
        return;
    };
    let limited = org.rule_set().rules().requests_serve_represented_role;
    if let (OutputKind::Request, Some(role), Some(_)) = (kind, role, limited) {
        let owner = state.item(item).map(|i| i.owner);
        let served = owner.map_or_else(Vec::new, |o| state.represented_roles(org, o));
        return ask_served(app, org, served, (text, role, person));
    }
    let output = Output {
        kind,
        text,
        role,
        person,
        accepted_by: None,
        serves: None,
    };
    if state.needs_acceptance(org, &output) {
        let (question, options, present) = acceptors(state, org, &output);
        return pick(app, &question, options, Draft::Acceptors(output, present));
    }
    add_output(app, output);
}

/// 5.0 §3.2(f): a request to a role serves a role the requester represents. Asks which (the
/// domain refuses, with the article, when the requester represents none).
fn ask_served(
    app: &mut App,
    org: &Organisation,
    served: Vec<RoleId>,
    (text, role, person): (String, RoleId, Option<PersonId>),
) {
    if served.is_empty() {
        return add_request(app, (text, role, person), None);
    }
    let options = served
        .iter()
        .map(|r| org.role(*r).map_or("?".to_string(), |r| r.name.clone()))
        .collect();
    pick(
        app,
        "In service of which of the requester's roles? (5.0 §3.2(f))",
        options,
        Draft::Serves(text, role, person, served),
    );
}

/// A request to a role (and person), in service of the requester's role `serves`.
pub(super) fn add_request(
    app: &mut App,
    (text, role, person): (String, RoleId, Option<PersonId>),
    serves: Option<RoleId>,
) {
    let output = Output {
        kind: OutputKind::Request,
        text,
        role: Some(role),
        person,
        serves,
        accepted_by: None,
    };
    add_output(app, output);
}

/// Records the output for the item being triaged.
pub(super) fn add_output(app: &mut App, output: Output) {
    let Some(item) = screen(app).and_then(|s| s.state.current_item()) else {
        return;
    };
    record(app, Event::OutputAdded { item, output });
}

/// One owner a triage picker offers: the role and person the output goes to, and its line.
type OwnerChoice = (Option<RoleId>, Option<PersonId>, String);

/// Who may own an output: each role's fillers (with their focus, and marked when absent);
/// for a role whose fillers are all absent, the present Lead covering it (4.1 §4.2.4), or,
/// with the Lead absent too, the absent filler's line says someone present accepts it;
/// unfilled roles; then each person present for an action of their own, outside any role.
fn owners(state: &Tactical, org: &Organisation, kind: OutputKind) -> Vec<OwnerChoice> {
    // Only next actions and projects are accepted on a role's behalf (4.1 §4.2.4).
    let accepted = |k| matches!(k, OutputKind::NextAction | OutputKind::Project);
    let mut owners = Vec::new();
    for role in org.roles_in(state.circle) {
        let mut filled = false;
        for a in org.fillers_of(role.id) {
            filled = true;
            let focus = a
                .focus
                .as_ref()
                .map_or(String::new(), |f| format!(" ({f})"));
            let absent = match (state.is_absent(a.person), state.cover(org, role.id)) {
                (false, _) => "",
                (true, Cover::Nobody) if accepted(kind) => {
                    " — absent: someone accepts on its behalf"
                }
                (true, _) => " — absent",
            };
            owners.push((
                Some(role.id),
                Some(a.person),
                format!(
                    "{} — {}{focus}{absent}",
                    role.name,
                    org.person_name(a.person)
                ),
            ));
        }
        if let Cover::Lead(lead) = state.cover(org, role.id)
            && let Some(person) = state.attendees[lead].person
        {
            owners.push((
                Some(role.id),
                Some(person),
                format!("{} — {}, Lead, covering", role.name, state.name_of(lead)),
            ));
        }
        if !filled {
            owners.push((Some(role.id), None, format!("{} — (unfilled)", role.name)));
        }
    }
    for i in state.present() {
        if let Some(person) = state.attendees[i].person {
            owners.push((
                None,
                Some(person),
                format!("{}'s own, no role", state.name_of(i)),
            ));
        }
    }
    owners
}

/// What to ask to have `output` accepted on behalf of its role, whose fillers and Lead are
/// all absent (4.1 §4.2.4): the question, the people present, and their attendee indexes.
fn acceptors(
    state: &Tactical,
    org: &Organisation,
    output: &Output,
) -> (String, Vec<String>, Vec<usize>) {
    let role = output
        .role
        .and_then(|r| org.role(r))
        .map_or("the role", |r| r.name.as_str());
    let present: Vec<usize> = state.present().collect();
    let options = attendee_options(&present, |i| state.name_of(i));
    (
        format!("Who present accepts it on behalf of {role}?"),
        options,
        present,
    )
}
