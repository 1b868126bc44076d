//! A solo role review on screen, as the shell keeps it between two keys.
//!
//! Owns: `ReviewScreen` (the review's log and the state folded from it, and the form being put
//! together), its journal, and where its forms are. Must not import: tokio; must not draw.

use crate::app::Screen;
use crate::app::forms::FormScreen;
use crate::app::journal::Journal;
use crate::domain::meeting::flow::Recorded;
use crate::domain::review::form::{Context, Form};
use crate::domain::review::{Review, ReviewEvent};
use crate::domain::{MeetingId, Organisation, RuleSet};
use crate::ui::Modal;

/// A person's solo role review in progress.
#[derive(Debug)]
pub struct ReviewScreen {
    pub meeting: MeetingId,
    /// Every entry of the review, as committed.
    pub log: Vec<Recorded<ReviewEvent>>,
    /// The review as folded from `log`.
    pub state: Review,
    /// The question open over the review, if any.
    pub modal: Option<Modal>,
    /// The entry being put together (the domain's form; the modal shows its question).
    pub draft: Form,
}

impl ReviewScreen {
    /// A review opened (or resumed) on `state`, folded from `log`, with nothing open over it.
    pub(in crate::app) fn new(
        meeting: MeetingId,
        log: Vec<Recorded<ReviewEvent>>,
        state: Review,
    ) -> Self {
        ReviewScreen {
            meeting,
            log,
            state,
            modal: None,
            draft: Form::None,
        }
    }
}

impl Journal for ReviewScreen {
    type Flow = Review;

    fn meeting(&self) -> MeetingId {
        self.meeting
    }

    fn rules(&self) -> RuleSet {
        RuleSet::default()
    }

    fn state(&self) -> &Review {
        &self.state
    }

    fn parts(&mut self) -> (&mut Vec<Recorded<ReviewEvent>>, &mut Review) {
        (&mut self.log, &mut self.state)
    }
}

impl FormScreen for ReviewScreen {
    type Form = Form;

    fn of(screen: &mut Screen) -> Option<&mut ReviewScreen> {
        match screen {
            Screen::Review(s) => Some(s),
            _ => None,
        }
    }

    fn parts<'a>(
        &'a mut self,
        org: &'a Organisation,
    ) -> (&'a mut Option<Modal>, &'a mut Form, Context<'a>) {
        let context = Context {
            review: &self.state,
            org,
        };
        (&mut self.modal, &mut self.draft, context)
    }
}
