//! Home: the circles, with what can be started on each.
//!
//! Owns: what each action does on home. Must not import: tokio; must not draw.

use super::keys::Action;
use super::{App, past, people, review};
use crate::app::Screen;
use crate::domain::meeting::MeetingKind;
use crate::ui::{BrowserState, step};

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
        Action::StartTactical | Action::StartGovernance => {
            let kind = if action == Action::StartTactical {
                MeetingKind::Tactical
            } else {
                MeetingKind::Governance
            };
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
