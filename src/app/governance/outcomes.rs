//! The governance meeting's forms on screen: a form (`domain::meeting::governance::
//! GovernanceForm`) is put on the screen with its question open, the modal's answers go
//! through the one driver (`app::forms`), and a finished form is committed: its entry
//! recorded with `record`, then the changes being written set as it says, its line said and
//! its next question asked (the minutes once the meeting has ended).
//!
//! Owns: the form's context taken from the screen, and committing a finished form. What each
//! answer means is the domain's. Must not import: tokio; must not draw.

use super::GovernanceScreen;
use super::{record, screen};
use crate::app::App;
use crate::app::forms::{self, FormsAt};
use crate::app::modal::Outcome;
use crate::domain::Organisation;
use crate::domain::meeting::governance::{
    Editing, FormContext, GovEvent, GovernanceForm, Said, Settled, Then,
};
use crate::domain::minutes::Minutes;
use crate::ui::Modal;

impl FormsAt for GovernanceScreen {
    type Form = GovernanceForm;

    fn with_forms<R>(
        app: &mut App,
        before: &Organisation,
        f: impl FnOnce(&mut Option<Modal>, &mut GovernanceForm, &FormContext<'_>, &FormContext<'_>) -> R,
    ) -> Option<R> {
        let org = app.view.org.clone()?;
        // A blind draw's seed: the nanoseconds of the answer's time.
        let seed = app.now().timestamp_nanos_opt().unwrap_or(0).unsigned_abs();
        let GovernanceScreen {
            state,
            log,
            modal,
            draft,
            editing,
            ..
        } = screen(app)?;
        let now = FormContext {
            state,
            log,
            org: &org,
            editing: editing.as_deref(),
            seed,
        };
        let then = FormContext { org: before, ..now };
        Some(f(modal, draft, &then, &now))
    }
}

/// Runs `f` with the form on screen, its modal, and what the form is decided against.
pub(super) fn with_form<R>(
    app: &mut App,
    f: impl FnOnce(&mut Option<Modal>, &mut GovernanceForm, &FormContext<'_>) -> R,
) -> Option<R> {
    GovernanceScreen::with_form(app, f)
}

/// Puts `form` on the screen with its question open.
pub(super) fn ask(app: &mut App, form: GovernanceForm) {
    with_form(app, |modal, slot, at| forms::ask(modal, slot, form, at));
}

/// Puts the form `make` makes of the meeting as it stands on the screen.
pub(super) fn ask_with(app: &mut App, make: impl FnOnce(&FormContext<'_>) -> GovernanceForm) {
    with_form(app, |modal, slot, at| forms::ask(modal, slot, make(at), at));
}

/// The form on screen asked again against the organisation as it now stands.
pub fn ask_again(app: &mut App) {
    with_form(app, forms::ask_again);
}

/// What a modal's outcome does to the form on screen.
pub fn outcome(app: &mut App, outcome: Outcome) {
    if let Some(settled) = GovernanceScreen::answered(app, outcome) {
        commit(app, settled);
    }
}

/// Records a finished form's entry (if any), then, once it is recorded, what follows it.
fn commit(app: &mut App, settled: Settled) {
    let Settled {
        event,
        editing,
        said,
        then,
    } = settled;
    if let Some(event) = event {
        let ended = event == GovEvent::Ended;
        let election = matches!(event, GovEvent::Election { .. });
        if !record(app, event) {
            return;
        }
        if let Some(screen) = screen(app).filter(|_| election) {
            // The election's record is shown from the top again.
            screen.scroll = 0;
        }
        if ended {
            show_minutes(app);
        }
    }
    if let Some(screen) = screen(app) {
        match editing {
            Editing::Kept => {}
            Editing::Now(changes) => screen.editing = Some(changes),
            Editing::Left => screen.editing = None,
        }
    }
    match said {
        Some(Said::Info(line)) => app.info(line),
        Some(Said::Error(line)) => app.error(line),
        None => {}
    }
    match then {
        Then::Nothing => {}
        Then::Ask(form) => ask(app, form),
        Then::Menu => ask_with(app, GovernanceForm::menu),
    }
}

/// The meeting has ended: its minutes are shown.
fn show_minutes(app: &mut App) {
    app.refresh_open_meetings();
    let Some(org) = app.view.org.clone() else {
        return;
    };
    if let Some(screen) = screen(app) {
        let minutes = Minutes::governance(screen.meeting, &screen.state, &org);
        crate::app::past::show_ended(app, minutes);
    }
}
