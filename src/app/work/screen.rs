//! "My work" on screen, as the shell keeps it between two keys.
//!
//! Owns: `WorkScreen` (the person's work log and the state folded from it, the form being put
//! together, and the selected line), its journal, where its forms are, and handing the ui what
//! it draws (`ui::work::Drawn`). Must not import: tokio; must not draw.

use crate::app::Screen;
use crate::app::forms::FormScreen;
use crate::app::journal::Journal;
use crate::domain::meeting::flow::Recorded;
use crate::domain::work::form::{Context, Form};
use crate::domain::work::{Work, WorkEvent};
use crate::domain::{MeetingId, Organisation, RuleSet};
use crate::ui::Modal;
use crate::ui::work::Drawn;

/// A person's work log on screen.
#[derive(Debug)]
pub struct WorkScreen {
    pub meeting: MeetingId,
    /// Every entry recorded here, as committed.
    pub log: Vec<Recorded<WorkEvent>>,
    /// The person's work as folded from `log`.
    pub state: Work,
    /// The selected line of `ui::work::shown`.
    pub selected: usize,
    /// The question open over the lists, if any.
    pub modal: Option<Modal>,
    /// The entry being put together (the domain's form; the modal shows its question).
    pub draft: Form,
}

impl WorkScreen {
    /// The work log opened on `state`, folded from `log`, the first line selected.
    pub(in crate::app) fn new(
        meeting: MeetingId,
        log: Vec<Recorded<WorkEvent>>,
        state: Work,
    ) -> Self {
        WorkScreen {
            meeting,
            log,
            state,
            selected: 0,
            modal: None,
            draft: Form::None,
        }
    }

    /// What the ui draws of the lists.
    pub(in crate::app) fn drawn(&self) -> Drawn<'_> {
        Drawn {
            state: &self.state,
            log: &self.log,
            selected: self.selected,
        }
    }
}

impl Journal for WorkScreen {
    type Flow = Work;

    fn meeting(&self) -> MeetingId {
        self.meeting
    }

    fn rules(&self) -> RuleSet {
        RuleSet::default()
    }

    fn state(&self) -> &Work {
        &self.state
    }

    fn parts(&mut self) -> (&mut Vec<Recorded<WorkEvent>>, &mut Work) {
        (&mut self.log, &mut self.state)
    }
}

impl FormScreen for WorkScreen {
    type Form = Form;

    fn of(screen: &mut Screen) -> Option<&mut WorkScreen> {
        match screen {
            Screen::Work(s) => Some(s),
            _ => None,
        }
    }

    fn parts<'a>(
        &'a mut self,
        org: &'a Organisation,
    ) -> (&'a mut Option<Modal>, &'a mut Form, Context<'a>) {
        let context = Context {
            work: &self.state,
            org,
        };
        (&mut self.modal, &mut self.draft, context)
    }
}
