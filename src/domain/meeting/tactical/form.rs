//! The tactical meeting's entries of several answers, as forms (`domain::form`): a note, a
//! metric's value (with a yes for one far outside its history, then a comment), a project's
//! update, updates asked for, progress on an accountability, an agenda item (label, then
//! owner) or a tension taken up as one, a triage output (kind, text, owner, the role it
//! serves, who accepts it), closing or removing an item, taking an entry back, ending.
//!
//! Each form says what it asks against the meeting and the organisation (`Context`) and what
//! an answer makes of it; a finished form is one entry (`Entry`) for the app to commit.
//! The serde shape is what a kept entry holds (`app::kept`): a variant's name and fields are
//! never changed, so an entry kept by an earlier version still loads.
//!
//! Owns: `Form`, `Context`, `Entry`, the questions asked; the triage answers are in
//! `form_triage`. Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::{Event, Recorded, Tactical, outlier_confirmation, outlier_question};
use crate::domain::form::{self, Answer, Answered, PromptKind, Question};
use crate::domain::ids::{MetricId, PersonId, ProjectId, RoleId, TensionId};
use crate::domain::meeting::agenda::{LABEL_WORDS, offer_labels, short_label, tension_offers};
use crate::domain::meeting::flow::{Flow, STAND_IN};
use crate::domain::meeting::{Output, OutputKind};
use crate::domain::org::{Organisation, ProjectStatus};
use crate::domain::text::{capital, format_number, parse_number};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The parts of a tactical entry gathered so far, and so the question asked now.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub enum Form {
    /// Nothing being put together.
    #[default]
    None,
    /// A note for the speaker whose turn it is: its text.
    Note,
    /// The metric under the cursor: its value (or the correction of one reported earlier).
    Value,
    /// This value of the metric under the cursor, far outside its history: a yes that it is
    /// meant (a slip of the keyboard, like 12.5 for 2,050, is typed again).
    MetricOutlier(f64),
    /// This value of the metric under the cursor: its comment.
    MetricValue(f64),
    /// The project under the cursor, to have this status: the words of its update.
    ProjectStatus(ProjectStatus),
    /// Updates asked for on this project: by whom, among these attendees (5.0 §2.1(f)).
    UpdateAskers(ProjectId, Vec<usize>),
    /// Progress on which of this role's accountabilities (4.1 §4.2.3(d)).
    Accountabilities(RoleId, Vec<String>),
    /// Progress on this accountability of the role: its words.
    Accountability(RoleId, String),
    /// A new agenda item: its label.
    Label,
    /// An agenda item with this label: whose it is, among these attendees.
    AgendaOwners(String, Vec<usize>),
    /// Open tensions offered as agenda items: (tension, owner attendee, its text).
    Tensions(Vec<(TensionId, usize, String)>),
    /// What came out of the item being triaged: the kind of output.
    OutputKinds,
    /// An output of this kind: its text.
    OutputKind(OutputKind),
    /// An output of this kind and text: its owner, among these (role, person) choices.
    Owners(OutputKind, String, Vec<(Option<RoleId>, Option<PersonId>)>),
    /// A request with this text to this role (and person): which of the requester's roles it
    /// serves, among these (5.0 §3.2(f)).
    Serves(String, RoleId, Option<PersonId>, Vec<RoleId>),
    /// An output for a role nobody present covers: who present accepts it on its behalf,
    /// among these attendees (4.1 §4.2.4).
    Acceptors(Output, Vec<usize>),
    /// The owner of this agenda item: "Did you get what you need?"
    CloseItem(u64),
    /// A yes to take this agenda item off the agenda.
    DeleteItem(u64),
    /// A yes to take back this entry.
    Retract(u64),
    /// A yes to end the meeting.
    EndMeeting,
}

/// What a tactical form's questions and answers are decided against.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub state: &'a Tactical,
    /// The meeting's log, to say what an entry taken back was.
    pub log: &'a [Recorded],
    pub org: &'a Organisation,
    /// Who reports for the item under the cursor, when not its filler (`b`).
    pub reporter: Option<usize>,
    /// The day it is, for the period of a metric the organisation no longer has.
    pub today: NaiveDate,
}

/// A finished tactical form: the entry to record.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub event: Event,
    /// Whether it answers for the item under the cursor (a reporter chosen with `b` was for
    /// that item only).
    pub answers_item: bool,
    /// A line to say once it is recorded.
    pub then: Option<&'static str>,
}

impl Entry {
    pub(super) fn of(event: Event) -> Entry {
        Entry {
            event,
            answers_item: false,
            then: None,
        }
    }

    fn answering(event: Event) -> Entry {
        Entry {
            answers_item: true,
            ..Entry::of(event)
        }
    }

    fn saying(event: Event, then: &'static str) -> Entry {
        Entry {
            then: Some(then),
            ..Entry::of(event)
        }
    }
}

/// What an answer makes of a tactical form.
pub type Next = Answered<Form, Entry>;

impl Form {
    /// Whether nothing has been gathered yet: only its first question is open (not worth
    /// keeping across a kill unless something is typed into it).
    pub fn holds_nothing(&self) -> bool {
        matches!(
            self,
            Form::None | Form::Note | Form::Value | Form::Label | Form::OutputKinds
        )
    }

    /// The form an entry kept by an earlier version stands for: it kept no form while its
    /// first text question was open, only the question itself (of `kind`).
    pub fn asking(kind: PromptKind) -> Form {
        match kind {
            PromptKind::Note => Form::Note,
            PromptKind::MetricValue => Form::Value,
            PromptKind::AgendaLabel => Form::Label,
            _ => Form::None,
        }
    }
}

impl form::Form for Form {
    type Context<'a> = Context<'a>;
    type Done = Entry;

    fn question(&self, at: &Context<'_>) -> Option<Question> {
        let state = at.state;
        let names = |who: &[usize]| -> Vec<String> {
            who.iter().map(|&i| state.name_of(i).to_string()).collect()
        };
        Some(match self {
            Form::None => return None,
            // A note is for the speaker whose turn it is: none between turns.
            Form::Note => Question::titled(
                PromptKind::Note,
                format!("Note for {}", state.name_of(state.speaker()?)),
            ),
            Form::Value => value_question(at),
            Form::MetricOutlier(value) => {
                Question::yes_no(outlier_confirmation(*value, &history(at)))
            }
            Form::MetricValue(_) => Question::text(PromptKind::MetricComment),
            Form::ProjectStatus(status) => {
                let project = project(at).map_or("the project", |p| p.title.as_str());
                let title = format!("Update on \"{project}\" ({status})");
                Question::titled(PromptKind::ProjectUpdate, title)
            }
            Form::UpdateAskers(project, askers) => {
                let title = at.org.project(*project).map_or("", |p| p.title.as_str());
                Question::pick(
                    format!("Who asks for updates on \"{title}\"?"),
                    names(askers),
                )
            }
            Form::Accountabilities(role, texts) => accountabilities_question(at, *role, texts),
            Form::Accountability(_, text) => {
                Question::titled(PromptKind::ProjectUpdate, format!("Progress on \"{text}\""))
            }
            Form::Label => Question::text(PromptKind::AgendaLabel),
            Form::AgendaOwners(label, present) => {
                Question::pick(format!("Whose item is \"{label}\"?"), names(present))
            }
            Form::Tensions(offers) => Question::pick(
                "Add a tension to the agenda",
                offer_labels(offers, &state.attendees),
            ),
            Form::CloseItem(item) => {
                let owner = state.item(*item).map_or("", |i| state.name_of(i.owner));
                let options = vec!["Yes".to_string(), "No, not everything".to_string()];
                Question::pick(format!("{owner}, did you get what you need?"), options)
            }
            Form::DeleteItem(item) => {
                let label = state.item(*item).map_or("", |i| i.label.as_str());
                Question::yes_no(format!("Remove \"{label}\" from the agenda?"))
            }
            Form::Retract(seq) => Question::yes_no(format!(
                "Take back the last entry of this step: {}?",
                describe_entry(at.log, *seq)
            )),
            Form::EndMeeting => Question::yes_no(state.unheld().end_question()),
            Form::OutputKinds
            | Form::OutputKind(_)
            | Form::Owners(..)
            | Form::Serves(..)
            | Form::Acceptors(..) => return self.triage_question(at),
        })
    }

    fn answer(&self, answer: Answer, at: &Context<'_>) -> Next {
        let state = at.state;
        match (self, answer) {
            (Form::Note, Answer::Text(text)) => match state.speaker() {
                Some(attendee) => Answered::Done(Entry::of(Event::NoteTaken {
                    step: state.step,
                    attendee,
                    text,
                })),
                None => Answered::Closed,
            },
            (Form::Value, Answer::Text(text)) => value_typed(at, &text),
            (Form::MetricOutlier(value), Answer::Yes(true)) => {
                Answered::Ask(Form::MetricValue(*value))
            }
            (Form::MetricOutlier(_), Answer::Yes(false)) => Answered::Ask(Form::Value),
            (Form::MetricValue(value), Answer::Text(comment)) => value_entry(at, *value, comment),
            (Form::ProjectStatus(status), Answer::Text(text)) => update_entry(at, *status, text),
            (Form::UpdateAskers(project, askers), Answer::Pick(n)) => picked(askers, n, |&by| {
                Entry::of(Event::UpdatesRequested {
                    project: *project,
                    by,
                })
            }),
            (Form::Accountabilities(role, texts), Answer::Pick(n)) => {
                accountability_picked(at, *role, texts.get(n))
            }
            (Form::Accountability(role, accountability), Answer::Text(update)) => {
                progress_entry(at, *role, accountability, update)
            }
            (Form::Label, Answer::Text(label)) => {
                if label.is_empty() {
                    return Answered::Refused(
                        "Type a label of one or two words, or Esc to cancel.".into(),
                    );
                }
                Answered::Ask(Form::AgendaOwners(label, state.present().collect()))
            }
            (Form::AgendaOwners(label, present), Answer::Pick(n)) => {
                picked(present, n, |&owner| agenda_item(label, owner))
            }
            (Form::Tensions(offers), Answer::Pick(n)) => {
                picked(offers, n, |(tension, owner, text)| {
                    Entry::of(Event::AgendaItemAdded {
                        label: short_label(text),
                        owner: *owner,
                        tension: Some(*tension),
                    })
                })
            }
            (
                Form::CloseItem(_) | Form::DeleteItem(_) | Form::Retract(_) | Form::EndMeeting,
                answer,
            ) => self.closing_answer(answer),
            (
                Form::OutputKinds
                | Form::OutputKind(_)
                | Form::Owners(..)
                | Form::Serves(..)
                | Form::Acceptors(..),
                answer,
            ) => self.triage_answer(answer, at),
            _ => Answered::Closed,
        }
    }

    fn asked_again(&self, at: &Context<'_>) -> Option<Form> {
        match self {
            Form::Tensions(_) => Some(Form::Tensions(offered_tensions(at.state, at.org))),
            _ => self.triage_asked_again(at),
        }
    }

    fn gone(&self, n: usize, line: &str, before: &Context<'_>, now: &Context<'_>) -> String {
        self.triage_gone(n, before, now)
            .unwrap_or_else(|| form::gone_line(line))
    }
}

impl Form {
    /// The answer to a question that closes something: an item, by its owner's answer; an
    /// item off the agenda, an entry taken back, the meeting ended, by a yes.
    fn closing_answer(&self, answer: Answer) -> Next {
        match (self, answer) {
            (Form::CloseItem(item), Answer::Pick(n)) => {
                Answered::Done(Entry::answering(Event::ItemClosed {
                    item: *item,
                    got_what_needed: n == 0,
                }))
            }
            (Form::DeleteItem(item), Answer::Yes(true)) => {
                Answered::Done(Entry::of(Event::AgendaItemDeleted { item: *item }))
            }
            (Form::Retract(seq), Answer::Yes(true)) => Answered::Done(Entry::saying(
                Event::Retracted { seq: *seq },
                "Taken back. The log keeps both the entry and its retraction.",
            )),
            (Form::EndMeeting, Answer::Yes(true)) => Answered::Done(Entry::saying(
                Event::Ended,
                "The meeting has ended. x exports its minutes.",
            )),
            _ => Answered::Closed,
        }
    }
}

/// The open tactical tensions of the present attendees not on the agenda yet, offered as
/// agenda items: (tension, owner attendee, its text).
pub fn offered_tensions(state: &Tactical, org: &Organisation) -> Vec<(TensionId, usize, String)> {
    let on_agenda: Vec<_> = state.agenda_items().filter_map(|a| a.tension).collect();
    let kind = crate::domain::org::TensionKind::Tactical;
    tension_offers(org, state.circle, kind, &state.attendees, &on_agenda)
}

/// The entry the option `n` of `options` makes, or nothing when there is no such option.
fn picked<T>(options: &[T], n: usize, entry: impl FnOnce(&T) -> Entry) -> Next {
    options
        .get(n)
        .map_or(Answered::Closed, |o| Answered::Done(entry(o)))
}

/// The metric's value asked for: its name and unit, or what it corrects.
fn value_question(at: &Context<'_>) -> Question {
    let state = at.state;
    let metric = state
        .metrics
        .get(state.cursor(state.step))
        .and_then(|&m| at.org.metric(m));
    let Some(metric) = metric else {
        return Question::text(PromptKind::MetricValue);
    };
    let unit = metric
        .unit
        .as_deref()
        .map_or(String::new(), |u| format!(" in {u}"));
    let title = match state.earlier_value(at.org, metric.id) {
        Some(v) => format!(
            "Correct {}{unit} (reported: {})",
            metric.name,
            format_number(v.value)
        ),
        None => format!("{}{unit}", metric.name),
    };
    Question::titled(PromptKind::MetricValue, title)
}

/// The metric under the cursor, if the step has one there.
fn metric(at: &Context<'_>) -> Option<MetricId> {
    let state = at.state;
    state.metrics.get(state.cursor(state.step)).copied()
}

/// The values the organisation holds for the metric under the cursor.
fn history(at: &Context<'_>) -> Vec<f64> {
    metric(at).map_or_else(Vec::new, |m| at.org.values_of(m).map(|v| v.value).collect())
}

/// A metric's value typed: asked about when far outside its history, then its comment is
/// asked for; what is not a number is refused.
fn value_typed(at: &Context<'_>, text: &str) -> Next {
    let Some(value) = parse_number(text) else {
        return Answered::Refused(format!(
            "\"{text}\" is not a number: type digits, like 1840 or 9.5."
        ));
    };
    match outlier_question(value, &history(at)) {
        Some(_) => Answered::Ask(Form::MetricOutlier(value)),
        None => Answered::Ask(Form::MetricValue(value)),
    }
}

/// The metric's value with its comment: a report, or a correction of an earlier one.
fn value_entry(at: &Context<'_>, value: f64, comment: String) -> Next {
    let Some(metric) = metric(at) else {
        return Answered::Closed;
    };
    let comment = Some(comment).filter(|c| !c.is_empty());
    let event = at
        .state
        .metric_entry(at.org, (metric, value, comment), at.reporter, at.today);
    Answered::Done(Entry::answering(event))
}

/// The project under the cursor.
fn project<'a>(at: &Context<'a>) -> Option<&'a crate::domain::org::Project> {
    let state = at.state;
    state
        .project_at(state.cursor(state.step))
        .and_then(|p| at.org.project(p))
}

/// A project's update with the status chosen; an empty update must change the status.
fn update_entry(at: &Context<'_>, status: ProjectStatus, text: String) -> Next {
    let Some(project) = project(at) else {
        return Answered::Closed;
    };
    let update = Some(text).filter(|t| !t.is_empty());
    if update.is_none() && status == project.status {
        return Answered::Refused("Type what changed, or use n for \"no updates\".".into());
    }
    Answered::Done(Entry::answering(Event::ProjectUpdated {
        project: project.id,
        update,
        status_before: project.status,
        status,
        reporter: at.reporter,
    }))
}

/// Which accountability of the role the progress is on, each marked once reported.
fn accountabilities_question(at: &Context<'_>, role: RoleId, texts: &[String]) -> Question {
    let options = texts
        .iter()
        .map(|t| match at.state.accountability_update(role, t) {
            Some(_) => format!("✓ {t}"),
            None => format!("  {t}"),
        })
        .collect();
    let name = at.org.role(role).map_or("the role", |r| r.name.as_str());
    Question::pick(
        format!("Progress on which accountability of {name}?"),
        options,
    )
}

/// An accountability picked: its progress is asked for, if the meeting would take it now.
fn accountability_picked(at: &Context<'_>, role: RoleId, text: Option<&String>) -> Next {
    let Some(text) = text else {
        return Answered::Closed;
    };
    let probe = Event::AccountabilityReported {
        role,
        accountability: text.clone(),
        update: STAND_IN.into(),
        reporter: at.reporter,
    };
    match at.state.may(&probe, at.org) {
        Ok(()) => Answered::Ask(Form::Accountability(role, text.clone())),
        Err(refusal) => Answered::Refused(crate::domain::text::sentence(&capital(&refusal.0))),
    }
}

/// The progress typed on an accountability (4.1 §4.2.3(d)): words are needed.
fn progress_entry(at: &Context<'_>, role: RoleId, accountability: &str, update: String) -> Next {
    if update.is_empty() {
        return Answered::Refused(
            "Type the progress since the last report, or Esc to cancel.".into(),
        );
    }
    Answered::Done(Entry::of(Event::AccountabilityReported {
        role,
        accountability: accountability.to_string(),
        update,
        reporter: at.reporter,
    }))
}

/// An agenda item with its owner; a long label is taken, with a word on labels.
fn agenda_item(label: &str, owner: usize) -> Entry {
    let event = Event::AgendaItemAdded {
        label: label.to_string(),
        owner,
        tension: None,
    };
    if label.split_whitespace().count() > LABEL_WORDS {
        Entry::saying(event, "Added. Labels work best as one or two words.")
    } else {
        Entry::of(event)
    }
}

/// A few words about the entry `seq`, for the retraction question.
pub fn describe_entry(log: &[Recorded], seq: u64) -> String {
    let Some(rec) = log.iter().find(|r| r.seq == seq) else {
        return "the last entry".into();
    };
    match &rec.event {
        Event::NoteTaken { text, .. } => format!("the note \"{text}\""),
        Event::ChecklistAnswered { checked, .. } => {
            (if *checked { "a check" } else { "a no check" }).into()
        }
        Event::MetricReported { value, .. } => format!("the value {value}"),
        Event::MetricCorrected { value, was, .. } => {
            format!("the correction of {was} to {value}")
        }
        Event::ProjectUpdated { update, .. } => update
            .as_ref()
            .map_or("\"no updates\"".into(), |u| format!("the update \"{u}\"")),
        Event::AgendaItemAdded { label, .. } => format!("the agenda item \"{label}\""),
        Event::UpdatesRequested { .. } => "the request for updates".into(),
        Event::AccountabilityReported { accountability, .. } => {
            format!("the update on \"{accountability}\"")
        }
        Event::UpdateRequestEnded { .. } => "the end of the requested updates".into(),
        Event::OutputAdded { output, .. } => {
            format!("the {} \"{}\"", output.kind.label(), output.text)
        }
        Event::ItemClosed { .. } => "the closing of the item".into(),
        Event::AgendaItemDeleted { .. } => "taking the item off the agenda".into(),
        _ => "the last entry".into(),
    }
}
