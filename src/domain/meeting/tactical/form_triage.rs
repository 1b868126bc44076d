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
            Form::Owners(kind, _, choices) => {
                let lines = owners(state, at.org, *kind);
                let line = |&(role, person): &(Option<RoleId>, Option<PersonId>)| {
                    let found = lines.iter().find(|(r, p, _)| (*r, *p) == (role, person));
                    found.map_or_else(|| "?".to_string(), |(_, _, line)| line.clone())
                };
                Question::pick(kind.owner_question(), choices.iter().map(line).collect())
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

    /// A triage form asked again against an organisation changed meanwhile: the owners and
    /// the roles served it offers are made again.
    pub(super) fn triage_asked_again(&self, at: &Context<'_>) -> Option<Form> {
        Some(match self {
            Form::Owners(kind, text, _) => {
                Form::Owners(*kind, text.clone(), owner_choices(at, *kind))
            }
            Form::Serves(text, role, person, _) => {
                Form::Serves(text.clone(), *role, *person, served_roles(at))
            }
            _ => return None,
        })
    }

    /// Why the owner or served role `n` this triage form offered against `before` is not
    /// offered against `now`: its role removed, its person gone from the organisation.
    pub(super) fn triage_gone(
        &self,
        n: usize,
        before: &Context<'_>,
        now: &Context<'_>,
    ) -> Option<String> {
        let (role, person) = match self {
            Form::Owners(_, _, choices) => *choices.get(n)?,
            Form::Serves(_, _, _, served) => (Some(*served.get(n)?), None),
            _ => return None,
        };
        crate::domain::form::pick_gone(role, person, before.org, now.org)
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
    Answered::Ask(Form::Owners(kind, text, owner_choices(at, kind)))
}

/// The owners offered for an output of `kind`, without their lines.
fn owner_choices(at: &Context<'_>, kind: OutputKind) -> Vec<(Option<RoleId>, Option<PersonId>)> {
    owners(at.state, at.org, kind)
        .into_iter()
        .map(|(r, p, _)| (r, p))
        .collect()
}

/// The roles of the item's owner a request may serve (5.0 §3.2(f)).
fn served_roles(at: &Context<'_>) -> Vec<RoleId> {
    let state = at.state;
    let owner = state
        .current_item()
        .and_then(|i| state.item(i))
        .map(|i| i.owner);
    owner.map_or_else(Vec::new, |o| state.represented_roles(at.org, o))
}

/// The owner picked: a request asks which role it serves where the rule set limits that; an
/// output for a role nobody present fills asks who accepts it; the others are recorded.
fn owner_picked(
    at: &Context<'_>,
    (kind, text): (OutputKind, String),
    (role, person): (Option<RoleId>, Option<PersonId>),
) -> Next {
    let state = at.state;
    if state.current_item().is_none() {
        return Answered::Closed;
    }
    let limited = at.org.rule_set().rules().requests_serve_represented_role;
    if let (OutputKind::Request, Some(role), Some(_)) = (kind, role, limited) {
        // 5.0 §3.2(f): a request to a role serves a role the requester represents. Asks which
        // (the meeting refuses, with the article, when the requester represents none).
        let served = served_roles(at);
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
/// unfilled roles; then each person present (and still a member) for an action of their
/// own, outside any role.
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
        // Someone who left the organisation meanwhile (in another program) owns nothing.
        if let Some(person) = state.attendees.get(i).and_then(|a| a.person)
            && org.person(person).is_none_or(|p| p.is_current())
        {
            let line = format!("{}'s own, no role", state.name_of(i));
            owners.push((None, Some(person), line));
        }
    }
    owners
}
