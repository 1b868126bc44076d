//! A governance meeting on screen, as the shell keeps it between two keys.
//!
//! Owns: `GovernanceScreen` (the meeting's log and the state folded from it, the form being
//! put together, the changes being written for the next version of a proposal, and how the
//! meeting is shown), its journal, handing the ui what it draws (`ui::governance::Drawn`), and
//! what the shell asks of it as a meeting on screen. Must not import: tokio; must not draw.

use crate::app::journal::Journal;
use crate::app::keys::{Action, Binding};
use crate::app::kinds::{MeetingScreen, meeting_screen_parts};
use crate::domain::meeting::MeetingKind;
use crate::domain::meeting::flow::{Flow, Recorded};
use crate::domain::meeting::governance::{Change, GovEvent, Governance, GovernanceForm};
use crate::domain::minutes::Minutes;
use crate::domain::{MeetingId, Organisation, RuleSet};
use crate::ui::Modal;
use crate::ui::governance::Drawn;
use chrono::NaiveDate;

/// A governance meeting in progress (or ended, showing its record).
#[derive(Debug)]
pub struct GovernanceScreen {
    pub meeting: MeetingId,
    /// Every entry of the meeting, as committed.
    pub log: Vec<Recorded<GovEvent>>,
    /// The meeting as folded from `log`.
    pub state: Governance,
    /// The question open over the meeting, if any.
    pub modal: Option<Modal>,
    /// The form whose question the modal asks (`GovernanceForm::None`: none).
    pub draft: GovernanceForm,
    /// Big letters and less detail, for a shared screen.
    pub presentation: bool,
    /// The changes being written for the next version of the current proposal, not yet
    /// recorded (saved with the editor's last choice, and kept as a draft meanwhile).
    pub editing: Option<Vec<Change>>,
    /// Lines of an election's record scrolled off the top (PgDn PgUp; back to 0 on an entry).
    pub scroll: usize,
    /// Shown to a follower (another program facilitates): no key of the facilitator's is
    /// offered.
    pub following: bool,
}

impl GovernanceScreen {
    /// A meeting opened (or resumed) on `state`, folded from `log`, with nothing open over it.
    pub(in crate::app) fn new(
        meeting: MeetingId,
        log: Vec<Recorded<GovEvent>>,
        state: Governance,
    ) -> Self {
        GovernanceScreen {
            meeting,
            log,
            state,
            modal: None,
            draft: GovernanceForm::None,
            presentation: false,
            editing: None,
            scroll: 0,
            following: false,
        }
    }

    /// What the ui draws of the meeting.
    pub(in crate::app) fn drawn(&self) -> Drawn<'_> {
        Drawn {
            state: &self.state,
            editing: self.editing.as_deref(),
            scroll: self.scroll,
            presentation: self.presentation,
            following: self.following,
        }
    }
}

impl Journal for GovernanceScreen {
    type Flow = Governance;

    fn meeting(&self) -> MeetingId {
        self.meeting
    }

    fn rules(&self) -> RuleSet {
        self.state.rules
    }

    fn state(&self) -> &Governance {
        &self.state
    }

    fn parts(&mut self) -> (&mut Vec<Recorded<GovEvent>>, &mut Governance) {
        (&mut self.log, &mut self.state)
    }
}

impl MeetingScreen for GovernanceScreen {
    fn kind(&self) -> MeetingKind {
        MeetingKind::Governance
    }

    meeting_screen_parts!();

    /// The open question, its form, and the changes being written for a proposal.
    fn forget_entry(&mut self) {
        self.modal = None;
        self.draft = GovernanceForm::None;
        self.editing = None;
    }

    fn table(&self) -> &'static [Binding] {
        super::table(self)
    }

    fn refuses(&self, org: &Organisation, action: Action, _today: NaiveDate) -> bool {
        super::probe::probe(&self.state, action).is_some_and(|e| self.state.may(&e, org).is_err())
    }

    fn minutes(&self, org: &Organisation) -> Minutes {
        Minutes::governance(self.meeting, &self.state, org)
    }
}
