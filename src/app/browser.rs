//! The organisation browser: moving in the tree, folding circles, paging the details, and
//! the organisation as it stood on a day.
//!
//! Owns: what each action does in the browser, and its date prompt.
//! Must not import: tokio; must not draw.

use super::keys::Action;
use super::modal::{self, Outcome};
use super::{App, people};
use crate::app::Screen;
use crate::domain::Organisation;
use crate::ui::{DETAIL_PAGE, Prompt, PromptKind, TreeRow, step};
use ratatui::crossterm::event::KeyEvent;

/// What `action` does in the browser.
pub(super) fn act(app: &mut App, action: Action) {
    let Some(today) = app.view.org.clone() else {
        return;
    };
    let Screen::Browser(state) = &mut app.view.screen else {
        return;
    };
    let org = state
        .as_of
        .as_ref()
        .map_or_else(|| today.clone(), |(_, then)| then.clone());
    if action == Action::AsOf {
        state.prompt = Some(Prompt::new(PromptKind::Date));
        return;
    }
    if people::acts_on(action) {
        return people::act(app, action);
    }
    if action == Action::Back && state.as_of.is_some() {
        state.as_of = None;
        state.rebuild(&today);
        return;
    }
    let before = state.selected;
    let len = state.rows.len();
    match action {
        Action::Up => state.selected = step(state.selected, len, -1),
        Action::Down => state.selected = step(state.selected, len, 1),
        Action::Top => state.selected = 0,
        Action::Bottom => state.selected = len.saturating_sub(1),
        Action::PageDown => {
            state.detail_scroll = state
                .detail_scroll
                .saturating_add(DETAIL_PAGE)
                .min(state.detail_max_scroll.get());
        }
        Action::PageUp => state.detail_scroll = state.detail_scroll.saturating_sub(DETAIL_PAGE),
        Action::Expand | Action::Collapse | Action::Open => match state.selected_row() {
            Some(TreeRow::Circle { id, collapsed, .. }) => {
                let collapse = match action {
                    Action::Expand => false,
                    Action::Collapse => true,
                    _ => !collapsed,
                };
                if collapse {
                    state.collapsed.insert(id);
                } else {
                    state.collapsed.remove(&id);
                }
                state.rebuild(&org);
            }
            Some(TreeRow::Role { id, .. }) if action == Action::Collapse => {
                if let Some(role) = org.role(id) {
                    state.select_circle(role.circle);
                }
            }
            _ => {}
        },
        Action::Back => {
            let focus = match state.selected_row() {
                Some(TreeRow::Circle { id, .. }) => Some(id),
                Some(TreeRow::Role { id, .. }) => org.role(id).map(|r| r.circle),
                None => None,
            };
            app.show_home(today.clone());
            if let (Screen::Home(home), Some(focus)) = (&mut app.view.screen, focus) {
                home.selected = home
                    .circles
                    .iter()
                    .position(|(c, _)| *c == focus)
                    .unwrap_or(0);
            }
            return;
        }
        _ => {}
    }
    if state.selected != before {
        state.detail_scroll = 0;
    }
}

/// A key in the browser's date prompt: a valid date shows the organisation of that day.
pub(super) fn date_prompt_key(app: &mut App, key: KeyEvent) -> bool {
    let Some(org) = app.view.org.clone() else {
        return false;
    };
    let Screen::Browser(state) = &mut app.view.screen else {
        return false;
    };
    let Some(prompt) = &mut state.prompt else {
        return false;
    };
    match modal::prompt_key(prompt, key) {
        Outcome::Cancelled => state.prompt = None,
        Outcome::Submitted(text) => match chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            // The organisation starts at its adoption: before it there is nothing to show
            // (an older database without the adoption recorded shows what it holds).
            Ok(date) => match adopted_after(&org, date) {
                Some(adopted) => app.error(format!(
                    "Nothing had been adopted yet on {date}: {} was adopted on {adopted}.",
                    org.name()
                )),
                None => {
                    let then = std::sync::Arc::new(org.as_of(date));
                    state.prompt = None;
                    state.rebuild(&then);
                    state.as_of = Some((date, then));
                    app.info(format!(
                        "The organisation as it stood at the end of {date}. Esc returns to today."
                    ));
                }
            },
            Err(_) => app.error(format!("\"{text}\" is not a date: type it as 2026-11-24.")),
        },
        Outcome::Ignored => return false,
        _ => {}
    }
    true
}

/// The day the organisation was adopted, when that is after `date`.
fn adopted_after(org: &Organisation, date: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
    let adopted = org.adoption()?.at.date_naive();
    (adopted > date).then_some(adopted)
}
