//! What each action does on each screen.
//!
//! Owns: the welcome choices and prompts, home's entries, and browser navigation.
//! Must not import: tokio; must not draw.

use super::keys::Action;
use super::modal::{self, Outcome};
use super::{
    App, adoption, governance, meeting_setup, past, people, review, setup, tactical, work,
};
use crate::app::Screen;
use crate::domain::meeting::MeetingKind;
use crate::domain::{Organisation, RuleSet};
use crate::ui::{BrowserState, Prompt, PromptKind, TreeRow, View, WelcomeChoice, step};
use ratatui::crossterm::event::KeyEvent;

/// Lines the detail pane scrolls per page.
const DETAIL_PAGE: u16 = 10;

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
        Screen::Welcome(_) => welcome(app, action),
        Screen::Home(_) => home(app, action),
        Screen::Browser(_) => browser(app, action),
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

fn welcome(app: &mut App, action: Action) {
    let Screen::Welcome(state) = &mut app.view.screen else {
        return;
    };
    let count = WelcomeChoice::ALL.len();
    let choice = match action {
        Action::Up => return state.selected = step(state.selected, count, -1),
        Action::Down => return state.selected = step(state.selected, count, 1),
        Action::Leave => return app.quit = true,
        Action::Choose(n) if n < count => {
            state.selected = n;
            state.choice()
        }
        Action::Open => state.choice(),
        _ => return,
    };
    match choice {
        WelcomeChoice::LoadDemo => {
            match setup::load_demo(app.store.as_mut())
                .map_err(|e| e.to_string())
                .and_then(|()| app.reload_home().map_err(|e| e.to_string()))
            {
                Ok(()) => app.info("Loaded the demo organisation, Riverbend Bakery Cooperative."),
                Err(e) => app.error(e),
            }
        }
        WelcomeChoice::NewOrganisation => adoption::begin(app),
        WelcomeChoice::ImportFile => open_prompt(app, PromptKind::ImportPath),
    }
}

fn open_prompt(app: &mut App, kind: PromptKind) {
    if let Screen::Welcome(state) = &mut app.view.screen {
        state.prompt = Some(Prompt::new(kind));
    }
}

/// A key typed into the open prompt (welcome or browser): Enter confirms, Esc cancels, the
/// rest edits.
pub fn prompt_key(app: &mut App, key: KeyEvent) -> bool {
    if let Screen::Browser(_) = &app.view.screen {
        return date_prompt_key(app, key);
    }
    let Screen::Welcome(state) = &mut app.view.screen else {
        return false;
    };
    let Some(prompt) = &mut state.prompt else {
        return false;
    };
    let kind = prompt.kind;
    match modal::prompt_key(prompt, key) {
        Outcome::Cancelled => state.prompt = None,
        Outcome::Submitted(value) => submit_prompt(app, kind, &value),
        Outcome::Ignored => return false,
        _ => {}
    }
    true
}

fn submit_prompt(app: &mut App, kind: PromptKind, value: &str) {
    if value.is_empty() {
        return app.error(match kind {
            PromptKind::ImportPath => "Type the path of a file, or Esc to cancel.",
            _ => "Type a name for the organisation, or Esc to cancel.",
        });
    }
    let now = app.now();
    let result = match kind {
        PromptKind::ImportPath => {
            setup::import_file(app.store.as_mut(), &setup::expand_home(value), now)
        }
        _ => setup::create_empty(app.store.as_mut(), value, RuleSet::default()),
    };
    match result
        .map_err(|e| e.to_string())
        .and_then(|()| app.reload_home().map_err(|e| e.to_string()))
    {
        Ok(()) => {
            let name = app
                .view
                .org
                .as_ref()
                .map_or(String::new(), |o| o.name().to_string());
            app.info(match kind {
                PromptKind::ImportPath => format!("Imported \"{name}\"."),
                _ => format!("Started \"{name}\". Its anchor circle has its core roles."),
            });
        }
        Err(e) => app.error(e),
    }
}

/// A key in the browser's date prompt: a valid date shows the organisation of that day.
fn date_prompt_key(app: &mut App, key: KeyEvent) -> bool {
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

fn home(app: &mut App, action: Action) {
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

fn browser(app: &mut App, action: Action) {
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
