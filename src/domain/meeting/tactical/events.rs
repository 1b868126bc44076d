//! What can happen in a tactical meeting, whether it may happen now, and what it changes.
//!
//! Owns: `Event` (the log's payload, serialised as JSON); `decide` (which says
//! what an event does to the organisation) is in `decide`, and `apply` in `fold`.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::super::{Attendee, Output};
use super::metrics::Reported;
use super::{ProgressItem, Step};
use crate::domain::ids::*;
use crate::domain::org::ProjectStatus;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One move of the meeting, as stored in its log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// Setup is done: who is here, who facilitates and takes notes, what will be reviewed.
    Started {
        circle: CircleId,
        attendees: Vec<Attendee>,
        facilitator: Option<usize>,
        secretary: Option<usize>,
        planned_minutes: u32,
        question: String,
        checklist: Vec<ChecklistItemId>,
        metrics: Vec<MetricId>,
        projects: Vec<ProjectId>,
        /// The progress rows when they hold more than the projects (4.1: accountabilities);
        /// left out otherwise, as older logs have it.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        progress: Vec<ProgressItem>,
    },
    /// The facilitator moved to another step.
    StepChanged { step: Step },
    /// The current step's cursor moved: the next speaker, item or agenda position.
    CursorMoved { step: Step, index: usize },
    /// The rounds' speaking order was changed or shuffled (attendee indexes).
    OrderChanged { order: Vec<usize> },
    /// Another check-in question was drawn.
    QuestionChanged { question: String },
    /// A note for a speaker in a round.
    NoteTaken {
        step: Step,
        attendee: usize,
        text: String,
    },
    /// A checklist item answered, check or no check, for the period starting `period`;
    /// `reporter`: the attendee chosen to answer when not its filler.
    ChecklistAnswered {
        item: ChecklistItemId,
        checked: bool,
        reporter: Option<usize>,
        period: NaiveDate,
    },
    /// A metric's value (with a comment if given) for the period starting `period`;
    /// `reporter`: the attendee chosen to report when not its filler.
    MetricReported {
        metric: MetricId,
        value: f64,
        comment: Option<String>,
        reporter: Option<usize>,
        period: NaiveDate,
    },
    /// The value already standing for a metric's period (`was`, reported before this
    /// meeting) is corrected: one value per metric per period, and the change is recorded.
    MetricCorrected {
        metric: MetricId,
        value: f64,
        comment: Option<String>,
        reporter: Option<usize>,
        period: NaiveDate,
        was: f64,
    },
    /// A project's update (`None`: "no updates") and its status, before and after.
    ProjectUpdated {
        project: ProjectId,
        update: Option<String>,
        status_before: ProjectStatus,
        status: ProjectStatus,
        reporter: Option<usize>,
    },
    /// Progress on one accountability of a role (4.1 §4.2.3(d)).
    AccountabilityReported {
        role: RoleId,
        accountability: String,
        update: String,
        reporter: Option<usize>,
    },
    /// Attendee `by`, a circle member, explicitly asks for updates on a project (4.1
    /// §4.2.3(d); 5.0 §2.1(f)): from then on it must be reported on (`updates`).
    UpdatesRequested { project: ProjectId, by: usize },
    /// The project's filler determines the requested updates are no longer useful (5.0
    /// §2.1(f); refused under 4.1).
    UpdateRequestEnded {
        project: ProjectId,
        reporter: Option<usize>,
    },
    /// An agenda item; it is known afterwards by this event's sequence number.
    AgendaItemAdded {
        label: String,
        owner: usize,
        tension: Option<TensionId>,
    },
    /// An agenda item moved to another position of the agenda as it stands.
    AgendaItemMoved { item: u64, to: usize },
    /// An agenda item was taken off the agenda.
    AgendaItemDeleted { item: u64 },
    /// Triage produced an output for an item.
    OutputAdded { item: u64, output: Output },
    /// Triage closed an item, having asked "Did you get what you need?".
    ItemClosed { item: u64, got_what_needed: bool },
    /// One more minute (or more) for the current step and the meeting.
    TimeAdded { minutes: u32 },
    /// The entry with this sequence number is taken back.
    Retracted { seq: u64 },
    /// The meeting is over.
    Ended,
}

/// A tactical event as it sits in the log.
pub type Recorded = crate::domain::meeting::flow::Recorded<Event>;

pub use crate::domain::meeting::flow::Refusal;
pub(super) use crate::domain::meeting::flow::{refuse, text_ok};

impl Event {
    /// Whether the event moves the meeting relative to where it stood (the next step, speaker
    /// or item, a new order): decided on a position another program has since moved away
    /// from, it no longer means what was asked, so it is not decided again after a conflict.
    pub fn is_move(&self) -> bool {
        matches!(
            self,
            Event::StepChanged { .. }
                | Event::CursorMoved { .. }
                | Event::OrderChanged { .. }
                | Event::AgendaItemMoved { .. }
        )
    }

    /// A metric's report or correction as the value it gives, and for a correction the
    /// value it replaced.
    pub(super) fn reported(&self) -> Option<(Reported<'_>, Option<f64>)> {
        let corrects = match self {
            Event::MetricCorrected { was, .. } => Some(*was),
            _ => None,
        };
        match self {
            Event::MetricReported {
                metric,
                value,
                comment,
                reporter,
                period,
            }
            | Event::MetricCorrected {
                metric,
                value,
                comment,
                reporter,
                period,
                ..
            } => Some((
                Reported {
                    metric: *metric,
                    value: *value,
                    comment,
                    reporter: *reporter,
                    period: *period,
                },
                corrects,
            )),
            _ => None,
        }
    }
}
