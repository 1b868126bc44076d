//! A solo role review on screen, as the shell keeps it between two keys.
//!
//! Owns: `ReviewScreen` (the review's log and the state folded from it, and the form being put
//! together). Its journal and where its forms are are `forms::own_log_screen!`'s, the same as
//! My work's. Must not import: tokio; must not draw.

use crate::app::forms::own_log_screen;
use crate::domain::MeetingId;
use crate::domain::meeting::flow::Recorded;
use crate::domain::review::form::{Context, Form};
use crate::domain::review::{Review, ReviewEvent};
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

own_log_screen!(ReviewScreen: Screen::Review, Review, Form, Context { review });
