//! "My work"'s entries of several answers, as forms (`domain::form`): a next action's text, a
//! project's outcome, a tension (its circle, then its text), and the yes that drops a tension
//! or takes an entry back.
//!
//! The serde shape is what a kept entry holds (`app::kept`): a variant's name and fields are
//! never changed, so an entry kept by an earlier version still loads.
//!
//! Owns: `Form`, `Context` and `Finished`. Must not import: rusqlite, ratatui, crossterm,
//! tokio, std::fs, or the clock.

use super::{Work, WorkEntry, WorkEvent, entry_text};
use crate::domain::form::{self, Answer, Answered, PromptKind, Question};
use crate::domain::ids::{CircleId, RoleId, TensionId};
use crate::domain::org::{Organisation, TensionKind};
use crate::domain::text::capital;
use serde::{Deserialize, Serialize};

/// The parts of a "My work" entry gathered so far, and so the question asked now.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub enum Form {
    /// Nothing being put together.
    #[default]
    None,
    /// A next action for a role or (`None`) the person's own: its text.
    NextAction(Option<RoleId>),
    /// A project for a role: its outcome.
    Project(RoleId),
    /// A tension of this kind: which circle's meeting it is for, among these.
    TensionCircle(TensionKind, Vec<CircleId>),
    /// A tension of this kind for this circle: its text.
    TensionText(TensionKind, CircleId),
    /// A yes to drop this tension.
    Drop(TensionId),
    /// A yes to take back entry `seq`.
    Retract(u64),
}

/// What a "My work" form is decided against.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub work: &'a Work,
    pub org: &'a Organisation,
}

/// A finished "My work" form: the event to record, and what to say once it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Finished {
    pub event: WorkEvent,
    pub then: Option<String>,
}

impl Finished {
    fn entry(entry: WorkEntry) -> Finished {
        Finished {
            event: WorkEvent::Recorded { entry },
            then: None,
        }
    }
}

/// What an answer makes of a "My work" form.
pub type Next = Answered<Form, Finished>;

/// What recording `entry` says: a line gone from the list is not a mystery.
pub fn saying(org: &Organisation, entry: &WorkEntry) -> String {
    format!("{}. u takes it back.", capital(&entry_text(org, entry)))
}

impl form::Form for Form {
    type Context<'a> = Context<'a>;
    type Done = Finished;

    fn question(&self, at: &Context<'_>) -> Option<Question> {
        let org = at.org;
        let circle = |c: CircleId| org.circle(c).map_or("?", |c| c.name.as_str());
        Some(match self {
            Form::None => return None,
            Form::NextAction(role) => {
                let whose = role
                    .and_then(|r| org.role(r))
                    .map_or(String::from("your own, outside any role"), |r| {
                        format!("for {}", r.name)
                    });
                Question::titled(PromptKind::OutputText, format!("Next action ({whose})"))
            }
            Form::Project(role) => {
                let name = org.role(*role).map_or("?", |r| r.name.as_str());
                let title = format!("Project for {name} (the outcome, as if done)");
                Question::titled(PromptKind::OutputText, title)
            }
            Form::TensionCircle(kind, circles) => Question::pick(
                format!("For which circle's next {kind} meeting?"),
                circles.iter().map(|&c| circle(c).to_string()).collect(),
            ),
            Form::TensionText(kind, c) => Question::titled(
                PromptKind::OutputText,
                format!("Tension for {}'s next {kind} meeting", circle(*c)),
            ),
            Form::Drop(tension) => {
                let text = org.tension(*tension).map_or("?", |t| t.text.as_str());
                Question::yes_or(
                    format!("Drop the tension \"{text}\"? No meeting is offered it then."),
                    "drop",
                    "keep",
                )
            }
            Form::Retract(seq) => {
                let entry = at.work.entries.iter().find(|(s, _, _)| s == seq);
                let what =
                    entry.map_or("the last entry".to_string(), |(_, _, e)| entry_text(org, e));
                Question::yes_no(format!("Take back: {what}?"))
            }
        })
    }

    fn answer(&self, answer: Answer, at: &Context<'_>) -> Next {
        match (self, answer) {
            (Form::NextAction(role), Answer::Text(text)) => {
                Answered::Done(Finished::entry(WorkEntry::NextAction { role: *role, text }))
            }
            (Form::Project(role), Answer::Text(title)) => {
                Answered::Done(Finished::entry(WorkEntry::Project { role: *role, title }))
            }
            (Form::TensionCircle(kind, circles), Answer::Pick(n)) => {
                circles.get(n).map_or(Answered::Closed, |&circle| {
                    Answered::Ask(Form::TensionText(*kind, circle))
                })
            }
            (Form::TensionText(kind, circle), Answer::Text(text)) => {
                // Noted for the role the person fills in that circle, if any.
                let role = at
                    .org
                    .assignments_of(at.work.person)
                    .filter_map(|a| at.org.role(a.role))
                    .find(|r| r.circle == *circle)
                    .map(|r| r.id);
                let entry = WorkEntry::Tension {
                    circle: *circle,
                    role,
                    text,
                    kind: *kind,
                };
                Answered::Done(Finished {
                    then: Some(
                        "Noted: it is offered when that circle's meeting builds its agenda.".into(),
                    ),
                    ..Finished::entry(entry)
                })
            }
            (Form::Drop(tension), Answer::Yes(true)) => {
                let entry = WorkEntry::TensionDropped { tension: *tension };
                Answered::Done(Finished {
                    then: Some(saying(at.org, &entry)),
                    ..Finished::entry(entry)
                })
            }
            (Form::Retract(seq), Answer::Yes(true)) => Answered::Done(Finished {
                event: WorkEvent::Retracted { seq: *seq },
                then: None,
            }),
            _ => Answered::Closed,
        }
    }
}
