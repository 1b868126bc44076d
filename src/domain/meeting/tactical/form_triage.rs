//! Triage's outputs as a form: the kind, its text, who owns it (each role's fillers, a Lead
//! covering, or someone's own), who present accepts it for an absent role (4.1 §4.2.4), and
//! which of the requester's roles a request serves (5.0 §3.2(f)).
//!
//! Owns: the questions and answers of those steps, and the owners offered for an output.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::form::{Context, Entry, Form, Next};
use super::{Cover, Event, Tactical};
use crate::domain::form::{Answer, Answered, PromptKind, Question};
use crate::domain::ids::{PersonId, RoleId};
use crate::domain::meeting::{Output, OutputKind};
use crate::domain::org::Organisation;
use crate::domain::text::capital;

/// One owner a triage picker offers: the role and person the output goes to, and its line.
type OwnerChoice = (Option<RoleId>, Option<PersonId>, String);

impl Form {
    /// The question of a triage form.
    pub(super) fn triage_question(&self, at: &Context<'_>) -> Option<Question> {
        let state = at.state;
        Some(match self {
            Form::OutputKinds => Question::pick(
                "What came out of it?",
                OutputKind::ALL.iter().map(|k| capital(k.label())).collect(),
            ),
            Form::OutputKind(kind) => {
                // Information may run to several lines; the other outputs are one line.
                let typed = match kind {
                    OutputKind::Information => PromptKind::Text,
                    _ => PromptKind::OutputText,
                };
                Question::titled(typed, capital(kind.label()))
            }
            Form::Owners(kind, _, _) => {
                let options = owners(state, at.org, *kind)
                    .into_iter()
                    .map(|(_, _, line)| line)
                    .collect();
                Question::pick(kind.owner_question(), options)
            }
            Form::Serves(_, _, _, served) => Question::pick(
                "In service of which of the requester's roles? (5.0 §3.2(f))",
                served
                    .iter()
                    .map(|r| at.org.role(*r).map_or("?".to_string(), |r| r.name.clone()))
                    .collect(),
            ),
            Form::Acceptors(output, present) => {
                let role = output
                    .role
                    .and_then(|r| at.org.role(r))
                    .map_or("the role", |r| r.name.as_str());
                Question::pick(
                    format!("Who present accepts it on behalf of {role}?"),
                    present
                        .iter()
                        .map(|&i| state.name_of(i).to_string())
                        .collect(),
                )
            }
            _ => return None,
        })
    }

    /// What an answer makes of a triage form.
    pub(super) fn triage_answer(&self, answer: Answer, at: &Context<'_>) -> Next {
        match (self, answer) {
            (Form::OutputKinds, Answer::Pick(n)) => {
                OutputKind::ALL.get(n).map_or(Answered::Closed, |&kind| {
                    Answered::Ask(Form::OutputKind(kind))
                })
            }
            (Form::OutputKind(kind), Answer::Text(text)) => output_typed(at, *kind, text),
            (Form::Owners(kind, text, choices), Answer::Pick(n)) => match choices.get(n) {
                Some(&owner) => owner_picked(at, (*kind, text.clone()), owner),
                None => Answered::Closed,
            },
            (Form::Serves(text, role, person, served), Answer::Pick(n)) => match served.get(n) {
                Some(&serves) => {
                    output_entry(at, request((text.clone(), *role, *person), Some(serves)))
                }
                None => Answered::Closed,
            },
            (Form::Acceptors(output, present), Answer::Pick(n)) => {
                let output = Output {
                    accepted_by: present.get(n).copied(),
                    ..output.clone()
                };
                output_entry(at, output)
            }
            _ => Answered::Closed,
        }
    }
}

/// The output recorded for the item being triaged.
fn output_entry(at: &Context<'_>, output: Output) -> Next {
    match at.state.current_item() {
        Some(item) => Answered::Done(Entry::of(Event::OutputAdded { item, output })),
        None => Answered::Closed,
    }
}

/// A request to a role (and person), in service of the requester's role `serves`.
fn request(
    (text, role, person): (String, RoleId, Option<PersonId>),
    serves: Option<RoleId>,
) -> Output {
    Output {
        kind: OutputKind::Request,
        text,
        role: Some(role),
        person,
        serves,
        accepted_by: None,
    }
}

/// An output's text typed: one without an owner is recorded; for the others, who owns it is
/// asked.
fn output_typed(at: &Context<'_>, kind: OutputKind, text: String) -> Next {
    if text.is_empty() {
        return Answered::Refused("Type the output's text, or Esc to cancel.".into());
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
        return output_entry(at, output);
    }
    if at.state.current_item().is_none() {
        return Answered::Closed;
    }
    let choices = owners(at.state, at.org, kind)
        .into_iter()
        .map(|(r, p, _)| (r, p))
        .collect();
    Answered::Ask(Form::Owners(kind, text, choices))
}

/// The owner picked: a request asks which role it serves where the rule set limits that; an
/// output for a role nobody present fills asks who accepts it; the others are recorded.
fn owner_picked(
    at: &Context<'_>,
    (kind, text): (OutputKind, String),
    (role, person): (Option<RoleId>, Option<PersonId>),
) -> Next {
    let state = at.state;
    let Some(item) = state.current_item() else {
        return Answered::Closed;
    };
    let limited = at.org.rule_set().rules().requests_serve_represented_role;
    if let (OutputKind::Request, Some(role), Some(_)) = (kind, role, limited) {
        // 5.0 §3.2(f): a request to a role serves a role the requester represents. Asks which
        // (the meeting refuses, with the article, when the requester represents none).
        let owner = state.item(item).map(|i| i.owner);
        let served = owner.map_or_else(Vec::new, |o| state.represented_roles(at.org, o));
        if served.is_empty() {
            return output_entry(at, request((text, role, person), None));
        }
        return Answered::Ask(Form::Serves(text, role, person, served));
    }
    let output = Output {
        kind,
        text,
        role,
        person,
        accepted_by: None,
        serves: None,
    };
    if state.needs_acceptance(at.org, &output) {
        let present = state.present().collect();
        return Answered::Ask(Form::Acceptors(output, present));
    }
    output_entry(at, output)
}

/// Who may own an output: each role's fillers (with their focus, and marked when absent);
/// for a role whose fillers are all absent, the present Lead covering it (4.1 §4.2.4), or,
/// with the Lead absent too, the absent filler's line says someone present accepts it;
/// unfilled roles; then each person present for an action of their own, outside any role.
pub fn owners(state: &Tactical, org: &Organisation, kind: OutputKind) -> Vec<OwnerChoice> {
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
            let line = format!(
                "{} — {}{focus}{absent}",
                role.name,
                org.person_name(a.person)
            );
            owners.push((Some(role.id), Some(a.person), line));
        }
        if let Cover::Lead(lead) = state.cover(org, role.id)
            && let Some(person) = state.attendees.get(lead).and_then(|a| a.person)
        {
            let line = format!("{} — {}, Lead, covering", role.name, state.name_of(lead));
            owners.push((Some(role.id), Some(person), line));
        }
        if !filled {
            owners.push((Some(role.id), None, format!("{} — (unfilled)", role.name)));
        }
    }
    for i in state.present() {
        if let Some(person) = state.attendees.get(i).and_then(|a| a.person) {
            let line = format!("{}'s own, no role", state.name_of(i));
            owners.push((None, Some(person), line));
        }
    }
    owners
}
