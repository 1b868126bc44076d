//! The imperative shell: owns the store and the view, turns keys into actions, runs them, and
//! (in `run`) drives the terminal with tokio.
//!
//! Owns: `App` and the order of handling a key (quit, help, prompt, screen). The only user of
//! tokio. Must not: draw (that is `ui`), or hold SQL (that is `store`).

pub mod keys;
mod run;
mod screens;
pub mod setup;
mod terminal;

pub use run::{ExitReason, run};
pub use terminal::restore_terminal;

use crate::domain::Organisation;
use crate::store::{Store, StoreError};
use crate::ui::{HomeState, Screen, Status, View, WelcomeState};
use keys::{Binding, is_quit, lookup};
use ratatui::crossterm::event::{KeyEvent, KeyEventKind};
use std::sync::Arc;

/// The program's state between two keys.
pub struct App {
    store: Store,
    view: View,
    quit: bool,
}

impl App {
    /// Opens on home when the database holds an organisation, on the welcome screen otherwise.
    pub fn new(store: Store) -> Result<App, StoreError> {
        let database = store
            .path()
            .map_or("(in memory)".to_string(), |p| p.display().to_string());
        let view = View {
            org: None,
            database,
            screen: Screen::Welcome(WelcomeState::default()),
            help_open: false,
            status: None,
            hints: Vec::new(),
            help: Vec::new(),
        };
        let mut app = App {
            store,
            view,
            quit: false,
        };
        if let Some(org) = app.store.load_organisation()? {
            app.show_home(Arc::new(org));
        }
        app.refresh_hints();
        Ok(app)
    }

    /// What the next frame is drawn from.
    pub fn view(&self) -> &View {
        &self.view
    }

    /// The store, for tests that check what a key press wrote.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Whether the person asked to quit.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Handles one key. Returns whether anything on screen changed.
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        if key.kind == KeyEventKind::Release {
            return false;
        }
        if is_quit(&key) {
            self.quit = true;
            return true;
        }
        if self.view.help_open {
            if lookup(keys::HELP_OPEN, &key).is_some() {
                self.view.help_open = false;
                self.refresh_hints();
                return true;
            }
            return false;
        }
        let had_status = self.view.status.take().is_some();
        let changed = if screens::prompt_open(&self.view) {
            screens::prompt_key(self, key)
        } else {
            match lookup(self.table(), &key) {
                Some(action) => {
                    screens::act(self, action);
                    true
                }
                None => false,
            }
        };
        self.refresh_hints();
        changed || had_status
    }

    /// The binding table of the current screen state.
    fn table(&self) -> &'static [Binding] {
        if self.view.help_open {
            return keys::HELP_OPEN;
        }
        match &self.view.screen {
            Screen::Welcome(w) if w.prompt.is_some() => keys::PROMPT,
            Screen::Welcome(_) => keys::WELCOME,
            Screen::Home(_) => keys::HOME,
            Screen::Browser(_) => keys::BROWSER,
        }
    }

    fn refresh_hints(&mut self) {
        let table = self.table();
        self.view.hints = keys::hints(table);
        if !self.view.help_open {
            self.view.help = keys::help(table);
        }
    }

    fn show_home(&mut self, org: Arc<Organisation>) {
        self.view.screen = Screen::Home(HomeState::new(&org));
        self.view.org = Some(org);
    }

    /// Reloads the organisation after a write and opens home.
    fn reload_home(&mut self) -> Result<(), StoreError> {
        let org = self
            .store
            .load_organisation()?
            .ok_or(StoreError::NoOrganisation)?;
        self.show_home(Arc::new(org));
        Ok(())
    }

    fn info(&mut self, text: impl Into<String>) {
        self.view.status = Some(Status::Info(text.into()));
    }

    fn error(&mut self, text: impl Into<String>) {
        self.view.status = Some(Status::Error(text.into()));
    }
}
