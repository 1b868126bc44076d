//! The solo review's entries of several answers, as forms (`domain::form`): a next action or a
//! project at the stop, a metric's value (with a yes for one far outside its history), a
//! tension (its circle, then its text), and the yes that takes an entry back or finishes.
//!
//! The serde shape is what a kept entry holds (`app::kept`): a variant's name and fields are
//! never changed, so an entry kept by an earlier version still loads.
//!
//! Owns: `Form`, `Context` and `Finished`. Must not import: rusqlite, ratatui, crossterm,
//! tokio, std::fs, or the clock.

use super::{Entry, Review, ReviewEvent, Stop, entry_text};
use crate::domain::form::{self, Answer, Answered, PromptKind, Question};
use crate::domain::ids::{CircleId, RoleId};
use crate::domain::meeting::tactical::{outlier_confirmation, outlier_question};
use crate::domain::org::{Organisation, TensionKind};
use crate::domain::text::parse_number;
use serde::{Deserialize, Serialize};

/// The parts of a review entry gathered so far, or what a yes/no question is about.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub enum Form {
    /// Nothing being put together.
    #[default]
    None,
    /// A next action at the stop (for its role, if it has one): its text.
    NextAction,
    /// A project for the stop's role: its outcome.
    Project,
    /// The value of the metric at the stop.
    MetricValue,
    /// This value, far outside the metric's history: a yes that it is meant.
    MetricOutlier(f64),
    /// A tension of this kind: which circle (options in the picker's order).
    TensionCircle(TensionKind, Vec<CircleId>),
    /// A tension of this kind for this circle: its text.
    TensionText(TensionKind, CircleId),
    /// A yes to take back entry `seq`.
    Retract(u64),
    /// A yes to finish the review.
    Finish,
}

/// What a review form is decided against.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub review: &'a Review,
    pub org: &'a Organisation,
}

/// A finished review form: the event to record and what follows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Finished {
    pub event: ReviewEvent,
    /// Whether the review moves on to its next stop once it is recorded.
    pub moves_on: bool,
    /// A line to say once it is recorded.
    pub then: Option<String>,
}

impl Finished {
    fn of(event: ReviewEvent) -> Finished {
        Finished {
            event,
            moves_on: false,
            then: None,
        }
    }
}

/// What an answer makes of a review form.
pub type Next = Answered<Form, Finished>;

impl form::Form for Form {
    type Context<'a> = Context<'a>;
    type Done = Finished;

    fn question(&self, at: &Context<'_>) -> Option<Question> {
        let org = at.org;
        let circle = |c: CircleId| org.circle(c).map_or("?", |c| c.name.as_str());
        Some(match self {
            Form::None => return None,
            Form::NextAction => Question::titled(PromptKind::OutputText, "Next action"),
            Form::Project => {
                Question::titled(PromptKind::OutputText, "Project (the outcome, as if done)")
            }
            Form::MetricValue => value_question(at),
            Form::MetricOutlier(value) => {
                Question::yes_no(outlier_confirmation(*value, &history(at)))
            }
            Form::TensionCircle(kind, circles) => Question::pick(
                format!("For which circle's next {kind} meeting?"),
                circles.iter().map(|&c| circle(c).to_string()).collect(),
            ),
            Form::TensionText(kind, c) => Question::titled(
                PromptKind::OutputText,
                format!("Tension for {}'s next {kind} meeting", circle(*c)),
            ),
            Form::Retract(seq) => {
                let entry = at.review.entries.iter().find(|(s, _, _)| s == seq);
                let what =
                    entry.map_or("the last entry".to_string(), |(_, _, e)| entry_text(org, e));
                Question::yes_no(format!("Take back: {what}?"))
            }
            Form::Finish => Question::yes_or(
                format!(
                    "Finish the review? {} changes are already saved.",
                    at.review.entries.len()
                ),
                "finish",
                "not yet",
            ),
        })
    }

    fn answer(&self, answer: Answer, at: &Context<'_>) -> Next {
        let review = at.review;
        let recorded = |entry| {
            Finished::of(ReviewEvent::Recorded {
                at: review.cursor,
                entry,
            })
        };
        match (self, answer) {
            (Form::NextAction, Answer::Text(text)) => {
                let role = stop_role(at);
                Answered::Done(recorded(Entry::NextAction { role, text }))
            }
            (Form::Project, Answer::Text(title)) => match stop_role(at) {
                Some(role) => Answered::Done(recorded(Entry::Project { role, title })),
                None => Answered::Closed,
            },
            (Form::MetricValue, Answer::Text(text)) => value_typed(at, &text),
            (Form::MetricOutlier(value), Answer::Yes(true)) => value_entry(at, *value),
            (Form::MetricOutlier(_), Answer::Yes(false)) => Answered::Ask(Form::MetricValue),
            (Form::TensionCircle(kind, circles), Answer::Pick(n)) => {
                circles.get(n).map_or(Answered::Closed, |&circle| {
                    Answered::Ask(Form::TensionText(*kind, circle))
                })
            }
            (Form::TensionText(kind, circle), Answer::Text(text)) => {
                Answered::Done(tension_entry(at, (*kind, *circle), text))
            }
            (Form::Retract(seq), Answer::Yes(true)) => {
                Answered::Done(Finished::of(ReviewEvent::Retracted { seq: *seq }))
            }
            (Form::Finish, Answer::Yes(true)) => {
                let changes = review.entries.len();
                Answered::Done(Finished {
                    then: Some(format!("Review finished: {changes} changes saved.")),
                    ..Finished::of(ReviewEvent::Ended)
                })
            }
            _ => Answered::Closed,
        }
    }
}

/// The role of the stop: an accountability's, or a project's.
fn stop_role(at: &Context<'_>) -> Option<RoleId> {
    match at.review.stop() {
        Stop::Accountability { role, .. } => Some(role),
        Stop::Project { project } => at.org.project(project).map(|p| p.role),
        _ => None,
    }
}

/// The values the organisation holds for the metric at the stop.
fn history(at: &Context<'_>) -> Vec<f64> {
    match at.review.stop() {
        Stop::Metric { metric, .. } => at.org.values_of(metric).map(|v| v.value).collect(),
        _ => Vec::new(),
    }
}

/// The value asked for at a metric's stop: "Loaves baked in loaves".
fn value_question(at: &Context<'_>) -> Question {
    let metric = match at.review.stop() {
        Stop::Metric { metric, .. } => at.org.metric(metric),
        _ => None,
    };
    let Some(m) = metric else {
        return Question::text(PromptKind::MetricValue);
    };
    let unit = m
        .unit
        .as_deref()
        .map_or(String::new(), |u| format!(" in {u}"));
    Question::titled(PromptKind::MetricValue, format!("{}{unit}", m.name))
}

/// A metric's value typed at its stop: a value far outside the metric's history is asked
/// about first, as the tactical meeting asks (a slip like 12.5 for 2,050); what is not a
/// number is refused.
fn value_typed(at: &Context<'_>, text: &str) -> Next {
    let Some(value) = parse_number(text) else {
        return Answered::Refused(format!(
            "\"{text}\" is not a number: type digits, like 1840 or 9.5."
        ));
    };
    match outlier_question(value, &history(at)) {
        Some(_) => Answered::Ask(Form::MetricOutlier(value)),
        None => value_entry(at, value),
    }
}

/// A metric's value recorded at its stop; the review then moves on.
fn value_entry(at: &Context<'_>, value: f64) -> Next {
    let Stop::Metric { metric, period } = at.review.stop() else {
        return Answered::Closed;
    };
    let entry = Entry::Metric {
        metric,
        period,
        value,
    };
    Answered::Done(Finished {
        moves_on: true,
        ..Finished::of(ReviewEvent::Recorded {
            at: at.review.cursor,
            entry,
        })
    })
}

/// A tension for the next meeting of `circle`, on the person's role there if they fill one.
fn tension_entry(
    at: &Context<'_>,
    (kind, circle): (TensionKind, CircleId),
    text: String,
) -> Finished {
    let org = at.org;
    let role = org
        .assignments_of(at.review.person)
        .filter_map(|a| org.role(a.role))
        .find(|r| r.circle == circle)
        .map(|r| r.id);
    let entry = Entry::Tension {
        circle,
        role,
        text,
        kind,
    };
    Finished {
        then: Some("Noted: it is offered when that circle's meeting builds its agenda.".into()),
        ..Finished::of(ReviewEvent::Recorded {
            at: at.review.cursor,
            entry,
        })
    }
}
