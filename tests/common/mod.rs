//! Helpers shared by the integration tests: a headless app harness and a pseudo-terminal.
#![allow(dead_code)]

pub mod pty;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use roundtable::app::{App, setup};
use roundtable::store::Store;
use roundtable::ui::{Screen, TreeRow};

/// The program without a terminal: press keys, draw frames at any size.
pub struct Harness {
    pub app: App,
}

impl Harness {
    /// A fresh, empty database in memory: the welcome screen.
    pub fn empty() -> Harness {
        let store = Store::open_in_memory().expect("in-memory store");
        Harness {
            app: App::new(store).expect("app"),
        }
    }

    /// The demo organisation loaded: home.
    pub fn demo() -> Harness {
        let mut store = Store::open_in_memory().expect("in-memory store");
        setup::load_demo(&mut store).expect("demo loads");
        Harness {
            app: App::new(store).expect("app"),
        }
    }

    pub fn press(&mut self, code: KeyCode) -> &mut Self {
        self.app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        self
    }

    pub fn press_n(&mut self, code: KeyCode, times: usize) -> &mut Self {
        for _ in 0..times {
            self.press(code);
        }
        self
    }

    pub fn type_str(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            self.press(KeyCode::Char(c));
        }
        self
    }

    /// Draws one frame and returns the backend (its Display is one quoted line per row).
    pub fn draw(&self, width: u16, height: u16) -> TestBackend {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
        terminal
            .draw(|frame| roundtable::ui::draw(frame, self.app.view()))
            .expect("draw");
        terminal.backend().clone()
    }

    /// The screen as plain text, rows joined by newlines.
    pub fn screen(&self, width: u16, height: u16) -> String {
        let backend = self.draw(width, height);
        let buffer = backend.buffer();
        let mut out = String::new();
        for y in 0..height {
            for x in 0..width {
                out.push_str(buffer[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }

    /// The name of the row selected in the organisation browser.
    pub fn selected_name(&self) -> Option<String> {
        let view = self.app.view();
        let (Screen::Browser(state), Some(org)) = (&view.screen, view.org.as_deref()) else {
            return None;
        };
        match state.selected_row()? {
            TreeRow::Circle { id, .. } => org.circle(id).map(|c| c.name.clone()),
            TreeRow::Role { id, .. } => org.role(id).map(|r| r.name.clone()),
        }
    }

    /// Moves the browser selection down until the row named `name` is selected.
    pub fn select_row(&mut self, name: &str) -> &mut Self {
        for _ in 0..500 {
            if self.selected_name().as_deref() == Some(name) {
                return self;
            }
            self.press(KeyCode::Down);
        }
        panic!("no row named {name}; screen:\n{}", self.screen(100, 40));
    }
}
