//! Which screen an action or a typed key goes to.
//!
//! Owns: sending an action to the screen it was pressed on, sending a key to the open prompt,
//! and asking the meeting on screen whether it would refuse an action (for the hint bar).
//! What each action does is the screen's own module's. Must not import: tokio; must not draw.

use super::keys::Action;
use super::{App, adoption, browser, home, kinds, meeting_setup, past, review, welcome, work};
use crate::app::Screen;
use crate::ui::View;
use ratatui::crossterm::event::KeyEvent;

pub fn prompt_open(view: &View<Screen>) -> bool {
    match &view.screen {
        Screen::Welcome(w) => w.prompt.is_some(),
        Screen::Browser(b) => b.prompt.is_some(),
        _ => false,
    }
}

/// Whether the meeting or review on screen would refuse the entry `action` leads to, right
/// now (or the key does nothing on the row selected but say so): its probe asked of the flow
/// (`Flow::may`; a meeting's through `MeetingScreen::refuses`). Pure: no store, so it may run whenever the hint bar is made (after each key
/// and each change from elsewhere, not each frame). With a modal open, nothing is refused
/// here: the modal's own keys are on the bar.
pub fn refuses(app: &App, action: Action) -> bool {
    use crate::domain::meeting::flow::Flow;
    let Some(org) = app.view.org.as_deref() else {
        return false;
    };
    match &app.view.screen {
        Screen::Review(s) if s.modal.is_none() => review::probe::probe(&s.state, org, action)
            .is_some_and(|e| s.state.may(&e, org).is_err()),
        screen => screen
            .meeting()
            .is_some_and(|m| m.modal().is_none() && m.refuses(org, action, app.now().date_naive())),
    }
}

/// Runs an action on the current screen.
pub fn act(app: &mut App, action: Action) {
    if action == Action::Help {
        app.view.help_open = true;
        return;
    }
    if let Some(kind) = app.view.screen.meeting().map(|m| m.kind()) {
        return kinds::shell(kind).act(app, action);
    }
    match &app.view.screen {
        Screen::Welcome(_) => welcome::act(app, action),
        Screen::Home(_) => home::act(app, action),
        Screen::Browser(_) => browser::act(app, action),
        Screen::MeetingSetup(_) => meeting_setup::act(app, action),
        Screen::Minutes(_) => past::minutes_action(app, action),
        Screen::Review(_) => review::act(app, action),
        Screen::Work(_) => work::act(app, action),
        Screen::Adoption(_) => adoption::act(app, action),
        // The list of past meetings takes its keys itself (`past::list_key`); a circle's
        // meeting, whatever its kind, is its shell's (above).
        _ => {}
    }
}

/// A key typed into the open prompt (welcome or browser): Enter confirms, Esc cancels, the
/// rest edits.
pub fn prompt_key(app: &mut App, key: KeyEvent) -> bool {
    match &app.view.screen {
        Screen::Browser(_) => browser::date_prompt_key(app, key),
        Screen::Welcome(_) => welcome::prompt_key(app, key),
        _ => false,
    }
}
