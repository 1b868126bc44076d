//! "My work" on screen, as the shell keeps it between two keys.
//!
//! Owns: `WorkScreen` (the person's work log and the state folded from it, the form being put
//! together, and the selected line) and handing the ui what it draws (`ui::work::Drawn`). Its
//! journal and where its forms are are `forms::own_log_screen!`'s, the same as the solo
//! review's. Must not import: tokio; must not draw.

use crate::app::forms::own_log_screen;
use crate::domain::MeetingId;
use crate::domain::meeting::flow::Recorded;
use crate::domain::work::form::{Context, Form};
use crate::domain::work::{Work, WorkEvent};
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

own_log_screen!(WorkScreen: Screen::Work, Work, Form, Context { work });
