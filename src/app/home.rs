//! Home: the circles, with what can be started on each.
//!
//! Owns: what each action does on home. Must not import: tokio; must not draw.

use super::keys::{self, Action};
use super::{App, past, people, review};
use crate::app::Screen;
use crate::ui::{BrowserState, HomeState, step};

/// Home as it opens on `org`: its panel lists the keys home's table binds to each kind.
pub(super) fn state(org: &crate::domain::Organisation) -> HomeState {
    HomeState {
        starts: keys::starts(keys::HOME),
        ..HomeState::new(org)
    }
}

/// The hint bar's words for the keys that start a meeting: "resume tactical" where the
/// selected circle has a meeting of that kind open.
pub(super) fn resume_hints(app: &mut App) {
    let Screen::Home(home) = &app.view.screen else {
        return;
    };
    let Some(circle) = home.selected_circle().filter(|_| home.modal.is_none()) else {
        return;
    };
    for (key, kind) in keys::starts(keys::HOME) {
        if !app.view.open_meetings.contains(&(circle, kind)) {
            continue;
        }
        if let Some(hint) = app.view.hints.iter_mut().find(|h| h.keys == key) {
            hint.label = format!("resume {}", kind.id()).into();
        }
    }
}

/// What `action` does on home.
pub(super) fn act(app: &mut App, action: Action) {
    let Screen::Home(state) = &mut app.view.screen else {
        return;
    };
    match action {
        Action::Up => state.selected = step(state.selected, state.circles.len(), -1),
        Action::Down => state.selected = step(state.selected, state.circles.len(), 1),
        Action::Open => {
            let focus = state.selected_circle();
            if let Some(org) = &app.view.org {
                app.view.screen = Screen::Browser(BrowserState::new(org, focus));
            }
        }
        Action::Start(kind) => {
            if let Some(circle) = state.selected_circle() {
                app.begin_or_offer(circle, kind);
            }
        }
        Action::AtTheKeyboard => app.ask_keyboard(),
        Action::Follow => {
            if let Some(circle) = state.selected_circle() {
                app.follow_from_home(circle);
            }
        }
        Action::StartReview => review::pick_person(app, crate::ui::PersonPick::Review),
        Action::StartWork => review::pick_person(app, crate::ui::PersonPick::Work),
        Action::AddPerson | Action::UndoOrgEntry | Action::RenamePerson | Action::PersonLeaves => {
            people::act(app, action)
        }
        Action::RestoreProcess | Action::DeclareBreakdown => {
            if let Some(circle) = state.selected_circle() {
                super::breakdown::act(app, circle, action);
            }
        }
        Action::PastMeetings => past::open(app),
        Action::Leave => app.quit = true,
        _ => {}
    }
}
