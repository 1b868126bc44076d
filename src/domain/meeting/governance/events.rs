//! What a governance meeting is made of: its steps and their rules, agenda items, time outs,
//! and the events its log holds.
//!
//! Owns: those types and their words. Must not import: rusqlite, ratatui, crossterm, tokio,
//! std::fs, or the clock.

use super::election::{Election, ElectionEvent};
use super::idm::{IdmEvent, Proposal};
use crate::domain::ids::*;
use crate::domain::meeting::Attendee;
use crate::domain::membership::Part;
use crate::domain::ruleset::{CoreRole, RuleSet};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The steps of a governance meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GovStep {
    /// Each person in turn says what has their attention; no responses.
    CheckIn,
    /// 4.1 only: time available, breaks, who leaves early (§3.3.3(b)).
    AdminConcerns,
    /// Everyone is asked for items of a word or two; an election goes first when asked.
    Agenda,
    /// The agenda's proposals and elections processed one by one.
    Items,
    /// Each person in turn gives a closing reflection; no responses.
    Closing,
}

impl GovStep {
    /// The steps under a rule set, in order.
    pub fn steps(rules: RuleSet) -> &'static [GovStep] {
        rules.rules().governance_steps
    }

    pub fn title(self) -> &'static str {
        match self {
            GovStep::CheckIn => "Check-in round",
            GovStep::AdminConcerns => "Administrative concerns",
            GovStep::Agenda => "Agenda building",
            GovStep::Items => "Processing the items",
            GovStep::Closing => "Closing round",
        }
    }

    pub fn rule(self) -> &'static str {
        match self {
            GovStep::CheckIn => "Each person in turn says what has their attention. No responses.",
            GovStep::AdminConcerns => "Time available, breaks, who leaves early. Nothing else.",
            GovStep::Agenda => {
                "Anyone adds items of one or two words. An election goes first when anyone asks."
            }
            GovStep::Items => {
                "Each proposal by integrative decision-making, each election by integrative election."
            }
            GovStep::Closing => "Each person in turn gives a closing reflection. No responses.",
        }
    }

    /// The step's share of the planned duration, in percent.
    pub fn share_percent(self) -> i64 {
        match self {
            GovStep::CheckIn | GovStep::Closing => 10,
            GovStep::AdminConcerns | GovStep::Agenda => 5,
            GovStep::Items => 70,
        }
    }

    /// The step's place among all steps (cursors are kept per step).
    pub fn index(self) -> usize {
        match self {
            GovStep::CheckIn => 0,
            GovStep::AdminConcerns => 1,
            GovStep::Agenda => 2,
            GovStep::Items => 3,
            GovStep::Closing => 4,
        }
    }

    /// A word or two for the step strip.
    pub fn short(self) -> &'static str {
        match self {
            GovStep::CheckIn => "Check-in",
            GovStep::AdminConcerns => "Admin",
            GovStep::Agenda => "Agenda",
            GovStep::Items => "Items",
            GovStep::Closing => "Closing",
        }
    }

    /// The step after this one under `rules`, if any.
    pub fn next(self, rules: RuleSet) -> Option<GovStep> {
        let steps = GovStep::steps(rules);
        let at = steps.iter().position(|s| *s == self)?;
        steps.get(at + 1).copied()
    }

    /// The step before this one under `rules`, if any.
    pub fn previous(self, rules: RuleSet) -> Option<GovStep> {
        let steps = GovStep::steps(rules);
        let at = steps.iter().position(|s| *s == self)?;
        at.checked_sub(1).and_then(|i| steps.get(i).copied())
    }

    pub fn is_round(self) -> bool {
        matches!(self, GovStep::CheckIn | GovStep::Closing)
    }
}

/// What an agenda item asks for.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ItemKind {
    /// A tension the owner brings, processed by integrative decision-making.
    Proposal,
    /// An election of the elected role `role`. Its term is set while describing the role
    /// (`term_end` only in logs written before that step: the term given with the item).
    Election {
        role: CoreRole,
        term_end: Option<NaiveDate>,
    },
}

/// An agenda item and its processing.
#[derive(Debug, Clone, PartialEq)]
pub struct GovItem {
    pub seq: u64,
    pub label: String,
    pub owner: usize,
    pub tension: Option<TensionId>,
    pub kind: ItemKind,
    pub proposal: Option<Proposal>,
    pub election: Option<Election>,
}

impl GovItem {
    /// What part of the meeting processing this item is, for who takes part in it.
    pub fn part(&self) -> Part<'_> {
        match self.kind {
            ItemKind::Proposal => Part::Tension(&self.label),
            ItemKind::Election { .. } => Part::Election,
        }
    }

    /// Whether anything has been recorded in processing it.
    pub fn started(&self) -> bool {
        self.proposal.as_ref().is_some_and(|p| {
            !p.tension.is_empty()
                || !p.versions.is_empty()
                || p.step != super::idm::IdmStep::Present
        }) || self
            .election
            .as_ref()
            .is_some_and(|e| e.step != super::election::ElectionStep::Describe)
    }

    pub fn closed(&self) -> bool {
        self.proposal.as_ref().is_some_and(|p| p.outcome.is_some())
            || self.election.as_ref().is_some_and(|e| e.elected.is_some())
    }
}

/// A special meeting's request: who asked for it, its intent and the roles it may change.
#[derive(Debug, Clone, PartialEq)]
pub struct Special {
    pub requester: usize,
    pub intent: String,
    pub limits: Vec<RoleId>,
    /// 4.1 §3.3.4(b): the requester allowed others' items before theirs ("unless that
    /// participant allows otherwise").
    pub allows_otherwise: bool,
}

/// A ruling of the Secretary on how the constitution or the governance applies.
#[derive(Debug, Clone, PartialEq)]
pub struct Interpretation {
    /// The entry that recorded it.
    pub seq: u64,
    pub asked_by: usize,
    pub secretary: usize,
    pub question: String,
    pub ruling: String,
}

/// A time out (5.0): who asked, whether it was granted, and how long it lasted.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeOut {
    pub asked_by: usize,
    pub granted: bool,
    pub started: DateTime<Utc>,
    pub ended: Option<DateTime<Utc>>,
}

/// One move of a governance meeting, as stored in its log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum GovEvent {
    /// The meeting's setup, always its first entry: the circle, who attends and in what
    /// role, and the time planned.
    Started {
        circle: CircleId,
        attendees: Vec<Attendee>,
        facilitator: Option<usize>,
        secretary: Option<usize>,
        planned_minutes: u32,
        question: String,
        /// The circle's Lead and each elected role's incumbent, as attendee indexes.
        lead: Option<usize>,
        incumbents: Vec<(CoreRole, usize)>,
    },
    /// The meeting moved on (or back) to `step`.
    StepChanged { step: GovStep },
    /// In `step`, the round's speaker or the agenda item in hand is now the `index`th.
    CursorMoved { step: GovStep, index: usize },
    /// A round note, or an administrative concern (by who raised it).
    NoteTaken {
        step: GovStep,
        attendee: usize,
        text: String,
    },
    /// An item put on the agenda by `owner`, who brings it.
    ItemAdded {
        label: String,
        owner: usize,
        kind: ItemKind,
        /// The governance tension it takes up, which is then processed.
        #[serde(default)]
        tension: Option<TensionId>,
    },
    /// Someone asked for the election to go first (4.1 §3.3.4(b); 5.0 §5.4.4): it stays
    /// before every item not asked first.
    ElectionFirst {
        item: u64,
        /// Who asked (attendee index; absent in logs written before it was recorded).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        asked_by: Option<usize>,
    },
    /// The facilitator put an item at another place on the agenda.
    ItemMoved { item: u64, to: usize },
    /// An item not yet processed was taken off the agenda (its tension, if any, is open again).
    ItemRemoved { item: u64 },
    /// A move in processing the proposal of agenda item `item` (by its entry's sequence).
    Proposal { item: u64, event: IdmEvent },
    /// A move in the election of agenda item `item` (by its entry's sequence).
    Election { item: u64, event: ElectionEvent },
    /// 5.0 §5.4.3: `asked_by` asked for a time out, and the facilitator granted or denied it.
    TimeOut { asked_by: usize, granted: bool },
    /// The facilitator ended the time out running.
    TimeOutEnded,
    /// Extra time, where the facilitator gives it (4.1: no rule on duration).
    TimeAdded { minutes: u32 },
    /// The meeting reached the end the Secretary scheduled (5.0 §5.4.2 "Governance Meetings
    /// end once they reach the duration initially scheduled by the Secretary"): recorded
    /// when it is noticed, after which only the Secretary's extension or the end is taken.
    TimeUp,
    /// The Secretary extended the meeting, and no member asked otherwise (5.0 §5.4.2).
    Extended { secretary: usize, minutes: u32 },
    /// The meeting is a special one, scheduled on `requester`'s request, with (5.0) its
    /// intent and the roles it may change (empty: no limit). Recorded before the agenda.
    SpecialRequested {
        requester: usize,
        #[serde(default)]
        intent: String,
        #[serde(default)]
        limits: Vec<RoleId>,
    },
    /// 4.1 §3.3.4(b): the requester of this special meeting allows others' items before
    /// theirs ("unless that participant allows otherwise").
    RequesterAllows { requester: usize },
    /// A process breakdown declared, by someone the rule set allows, for `reason`; with
    /// `item`, the proposal being processed ends in it.
    BreakdownDeclared {
        by: usize,
        reason: String,
        #[serde(default)]
        item: Option<u64>,
    },
    /// Someone asked the Secretary to interpret the constitution or the governance, and the
    /// Secretary ruled (4.1 §3.4; 5.0 §4.2, §4.2.1).
    Interpreted {
        asked_by: usize,
        secretary: usize,
        question: String,
        ruling: String,
    },
    /// Takes back the entry with this sequence number (the last one still standing).
    Retracted { seq: u64 },
    /// The meeting is over: agenda items of tensions not yet processed go back to open.
    Ended,
}

impl GovEvent {
    /// Whether the event moves the meeting relative to where it stood (the next step, speaker
    /// or agenda place): decided on a position another program has since moved away from, it
    /// no longer means what was asked, so it is not decided again after a conflict.
    pub fn is_move(&self) -> bool {
        matches!(
            self,
            GovEvent::StepChanged { .. }
                | GovEvent::CursorMoved { .. }
                | GovEvent::ItemMoved { .. }
        )
    }

    /// Whether the event is something entered (which can be taken back), not a move between
    /// steps, speakers or items.
    pub fn is_entry(&self) -> bool {
        matches!(
            self,
            GovEvent::NoteTaken { .. }
                | GovEvent::ItemAdded { .. }
                | GovEvent::ElectionFirst { .. }
                | GovEvent::ItemMoved { .. }
                | GovEvent::ItemRemoved { .. }
                | GovEvent::Proposal { .. }
                | GovEvent::Election { .. }
                | GovEvent::TimeOut { .. }
                | GovEvent::TimeOutEnded
                | GovEvent::Extended { .. }
                | GovEvent::Interpreted { .. }
                | GovEvent::SpecialRequested { .. }
                | GovEvent::RequesterAllows { .. }
                | GovEvent::BreakdownDeclared { .. }
        )
    }
}
