//! Which screen an action or a typed key goes to.
//!
//! Owns: sending an action to the screen it was pressed on, sending a key to the open prompt,
//! and asking the meeting on screen whether it would refuse an action (for the hint bar).
//! What each action does is the screen's own module's. Must not import: tokio; must not draw.

use super::keys::Action;
use super::{
    App, adoption, browser, governance, home, meeting_setup, past, review, tactical, welcome, work,
};
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
/// now (or, `tactical::probe::idle`, the key does nothing on the row selected but say so): its probe (`tactical::probe`, `governance::probe`, `review::probe`) asked of the flow
/// (`Flow::may`). Pure: no store, so it may run whenever the hint bar is made (after each key
/// and each change from elsewhere, not each frame). With a modal open, nothing is refused
/// here: the modal's own keys are on the bar.
pub fn refuses(app: &App, action: Action) -> bool {
    use crate::domain::meeting::flow::Flow;
    let Some(org) = app.view.org.as_deref() else {
        return false;
    };
    match &app.view.screen {
        Screen::Tactical(s) if s.modal.is_none() => {
            tactical::probe::idle(s, action)
                || tactical::probe::probe(s, org, action, app.now().date_naive())
                    .is_some_and(|e| s.state.may(&e, org).is_err())
        }
        Screen::Governance(s) if s.modal.is_none() => governance::probe::probe(&s.state, action)
            .is_some_and(|e| s.state.may(&e, org).is_err()),
        Screen::Review(s) if s.modal.is_none() => review::probe::probe(&s.state, org, action)
            .is_some_and(|e| s.state.may(&e, org).is_err()),
        _ => false,
    }
}

/// Runs an action on the current screen.
pub fn act(app: &mut App, action: Action) {
    if action == Action::Help {
        app.view.help_open = true;
        return;
    }
    match &app.view.screen {
        Screen::Welcome(_) => welcome::act(app, action),
        Screen::Home(_) => home::act(app, action),
        Screen::Browser(_) => browser::act(app, action),
        Screen::MeetingSetup(_) => meeting_setup::act(app, action),
        Screen::Tactical(_) => tactical::act(app, action),
        Screen::Governance(_) => governance::act(app, action),
        Screen::PastMeetings(_) => {}
        Screen::Minutes(_) => past::minutes_action(app, action),
        Screen::Review(_) => review::act(app, action),
        Screen::Work(_) => work::act(app, action),
        Screen::Adoption(_) => adoption::act(app, action),
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
