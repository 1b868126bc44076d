//! The tactical meeting's forms on screen: a form (`domain::meeting::tactical::Form`) is put
//! on the screen with its question open, the modal's answers go through the one driver
//! (`app::forms`), and a finished form's entry is committed with `record`, then followed by
//! what it says (the minutes once the meeting has ended).
//!
//! Owns: the form's context taken from the screen, and committing a finished form. What each
//! answer means is the domain's. Must not import: tokio; must not draw.

use super::TacticalScreen;
use super::{answered, org, record, screen};
use crate::app::App;
use crate::app::forms::{self, FormsAt};
use crate::app::modal::Outcome;
use crate::domain::Organisation;
use crate::domain::meeting::tactical::{Entry, Event, Form, FormContext, offered_tensions};
use crate::domain::minutes::Minutes;
use crate::ui::Modal;

impl FormsAt for TacticalScreen {
    type Form = Form;

    fn with_forms<R>(
        app: &mut App,
        before: &Organisation,
        f: impl FnOnce(&mut Option<Modal>, &mut Form, &FormContext<'_>, &FormContext<'_>) -> R,
    ) -> Option<R> {
        let org = org(app)?;
        let today = app.now().date_naive();
        let screen = screen(app)?;
        let reporter = super::reporter(screen, &org);
        let TacticalScreen {
            state,
            log,
            modal,
            draft,
            ..
        } = screen;
        let now = FormContext {
            state,
            log,
            org: &org,
            reporter,
            today,
        };
        let then = FormContext { org: before, ..now };
        Some(f(modal, draft, &then, &now))
    }
}

/// Puts `form` on the screen with its question open.
pub(super) fn ask(app: &mut App, form: Form) {
    TacticalScreen::with_form(app, |modal, slot, at| forms::ask(modal, slot, form, at));
}

/// The form on screen asked again against the organisation as it now stands.
pub fn ask_again(app: &mut App) {
    TacticalScreen::with_form(app, forms::ask_again);
}

/// What a modal's outcome does to the form on screen.
pub fn outcome(app: &mut App, outcome: Outcome) {
    if let Some(entry) = TacticalScreen::answered(app, outcome) {
        commit(app, entry);
    }
}

/// Records a finished form's entry, then what follows it.
fn commit(app: &mut App, entry: Entry) {
    let ended = entry.event == Event::Ended;
    if !record(app, entry.event) {
        return;
    }
    if entry.answers_item {
        answered(app);
    }
    if ended {
        show_minutes(app);
    }
    if let Some(then) = entry.then {
        app.info(then);
    }
}

/// The meeting has ended: its minutes are shown.
fn show_minutes(app: &mut App) {
    app.refresh_open_meetings();
    let Some(org) = org(app) else { return };
    if let Some(screen) = screen(app) {
        let minutes = Minutes::tactical(screen.meeting, &screen.state, &org);
        crate::app::past::show_ended(app, minutes);
    }
}

/// Open tensions of the present attendees, offered as agenda items.
pub(super) fn offer_tensions(app: &mut App, org: &Organisation) {
    let Some(screen) = screen(app) else { return };
    let offers = offered_tensions(&screen.state, org);
    if offers.is_empty() {
        return app.info("No open tensions of the people here: a adds an item.");
    }
    ask(app, Form::Tensions(offers));
}
