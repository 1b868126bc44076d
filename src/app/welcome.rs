//! The first-run menu: loading the demo, starting an organisation, importing a file, and its
//! prompts.
//!
//! Owns: what each welcome choice does and what its prompt's answer does.
//! Must not import: tokio; must not draw.

use super::keys::Action;
use super::modal::{self, Outcome};
use super::{App, adoption, setup};
use crate::app::Screen;
use crate::domain::RuleSet;
use crate::ui::{Prompt, PromptKind, WelcomeChoice, step};
use ratatui::crossterm::event::KeyEvent;

/// What `action` does on the welcome menu.
pub(super) fn act(app: &mut App, action: Action) {
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

/// A key typed into the welcome menu's prompt: Enter confirms, Esc cancels, the rest edits.
pub(super) fn prompt_key(app: &mut App, key: KeyEvent) -> bool {
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
