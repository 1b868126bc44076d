//! A tactical meeting on screen, as the shell keeps it between two keys.
//!
//! Owns: `TacticalScreen` (the meeting's log and the state folded from it, the form being put
//! together, who reports for the current item, and how the meeting is shown), handing the ui
//! what it draws (`ui::tactical::Drawn`), and what the shell asks of it as a meeting on screen.
//! Must not import: tokio; must not draw.

use crate::app::journal::Journal;
use crate::app::keys::{Action, Binding};
use crate::app::kinds::{MeetingScreen, meeting_screen_parts};
use crate::domain::meeting::MeetingKind;
use crate::domain::meeting::flow::Flow;
use crate::domain::meeting::tactical::{Form, Recorded, ReporterChoice, Tactical};
use crate::domain::minutes::Minutes;
use crate::domain::{MeetingId, Organisation, RuleSet};
use crate::ui::Modal;
use crate::ui::tactical::Drawn;
use chrono::NaiveDate;

/// A tactical meeting in progress (or ended, showing its minutes).
#[derive(Debug)]
pub struct TacticalScreen {
    pub meeting: MeetingId,
    /// Every entry of the meeting, as committed.
    pub log: Vec<Recorded>,
    /// The meeting as folded from `log`.
    pub state: Tactical,
    /// The question open over the meeting, if any.
    pub modal: Option<Modal>,
    /// An entry being put together over several answers: the form whose question the modal
    /// shows (the domain's).
    pub draft: Form,
    /// Big letters and less detail, for a shared screen.
    pub presentation: bool,
    /// Shown to a follower (another program facilitates): what happens, not the
    /// facilitator's keys.
    pub following: bool,
    /// Who reports for the current checklist item, metric or project, when not its filler.
    pub reporter: Option<ReporterChoice>,
}

impl TacticalScreen {
    /// A meeting opened (or resumed) on `state`, folded from `log`, with nothing open over it.
    pub(in crate::app) fn new(meeting: MeetingId, log: Vec<Recorded>, state: Tactical) -> Self {
        TacticalScreen {
            meeting,
            log,
            state,
            modal: None,
            draft: Form::None,
            presentation: false,
            following: false,
            reporter: None,
        }
    }

    /// What the ui draws of the meeting.
    pub(in crate::app) fn drawn(&self) -> Drawn<'_> {
        Drawn {
            state: &self.state,
            reporter: self.reporter,
            presentation: self.presentation,
            following: self.following,
        }
    }
}

impl Journal for TacticalScreen {
    type Flow = Tactical;

    fn meeting(&self) -> MeetingId {
        self.meeting
    }

    fn rules(&self) -> RuleSet {
        RuleSet::default()
    }

    fn state(&self) -> &Tactical {
        &self.state
    }

    fn parts(&mut self) -> (&mut Vec<Recorded>, &mut Tactical) {
        (&mut self.log, &mut self.state)
    }
}

impl MeetingScreen for TacticalScreen {
    fn kind(&self) -> MeetingKind {
        MeetingKind::Tactical
    }

    meeting_screen_parts!();

    fn forget_entry(&mut self) {
        self.modal = None;
        self.draft = Form::None;
    }

    fn table(&self) -> &'static [Binding] {
        super::table(self)
    }

    fn refuses(&self, org: &Organisation, action: Action, today: NaiveDate) -> bool {
        super::probe::idle(self, action)
            || super::probe::probe(self, org, action, today)
                .is_some_and(|e| self.state.may(&e, org).is_err())
    }

    fn minutes(&self, org: &Organisation) -> Minutes {
        Minutes::tactical(self.meeting, &self.state, org)
    }
}
