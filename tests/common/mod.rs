//! Helpers shared by the integration tests: a headless app harness and a pseudo-terminal.
#![allow(dead_code)]

pub mod damaged;
pub mod elsewhere;
pub mod pg;
pub mod proxy;
pub mod pty;

use chrono::{DateTime, TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use roundtable::app::{App, Screen, setup};
use roundtable::store::Store;
use roundtable::store::prelude::*;
use roundtable::ui::TreeRow;
use std::sync::{Arc, Mutex};

/// The program without a terminal: press keys, draw frames at any size, move the clock.
pub struct Harness {
    pub app: App,
    clock: Arc<Mutex<DateTime<Utc>>>,
    /// Where the program's exports go (never the directory the tests run in).
    pub exports: tempfile::TempDir,
}

/// 09:00 UTC on Tuesday 24 November 2026, when every test meeting starts.
pub fn start_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .expect("a time")
}

/// Adopts `file` when the demo is adopted: before every test meeting, whatever the day the
/// tests run.
fn adopt(store: &mut Store, file: &roundtable::domain::OrgFile) {
    let adopted = roundtable::store::Adopted::at(setup::demo_adopted());
    store.adopt(file, &adopted).expect("the file is adopted");
}

fn with_store(store: Store) -> Harness {
    Harness::with_backend(store)
}

/// The demo in memory with two years of generated meetings (300, of 1,200 entries in all):
/// more than the list of past meetings reads at first.
pub fn demo_with_history() -> Store {
    let mut store = Store::open_in_memory().expect("in-memory store");
    setup::load_demo(&mut store).expect("demo loads");
    let sizes = roundtable::app::generate::Sizes {
        meetings: 300,
        entries: 1_200,
        years: 2,
        ..Default::default()
    };
    roundtable::app::generate::history(&mut store, &sizes).expect("history");
    store
}

impl Harness {
    /// The program on any store (a test's own backend, say one that fails on demand).
    pub fn with_backend(store: impl roundtable::store::Backend + 'static) -> Harness {
        let clock = Arc::new(Mutex::new(start_time()));
        let read = clock.clone();
        let mut app =
            App::with_clock(store, Box::new(move || *read.lock().expect("clock"))).expect("app");
        let exports = tempfile::tempdir().expect("a directory for exports");
        app.set_export_dir(exports.path());
        Harness {
            app,
            clock,
            exports,
        }
    }
}

impl Harness {
    /// A fresh, empty database in memory: the welcome screen.
    pub fn empty() -> Harness {
        with_store(Store::open_in_memory().expect("in-memory store"))
    }

    /// The organisation an organisation file's text describes, loaded: home.
    #[allow(dead_code)]
    pub fn from_toml(text: &str) -> Harness {
        let file = roundtable::domain::OrgFile::parse(text).expect("the file parses");
        let mut store = Store::open_in_memory().expect("in-memory store");
        adopt(&mut store, &file);
        with_store(store)
    }

    /// The demo organisation loaded: home.
    pub fn demo() -> Harness {
        let mut store = Store::open_in_memory().expect("in-memory store");
        setup::load_demo(&mut store).expect("demo loads");
        with_store(store)
    }

    /// The demo organisation under rule set holacracy-4.1: home.
    pub fn demo_under_four_one() -> Harness {
        Harness::demo_with(&[
            (
                "rule_set = \"holacracy-5.0\"",
                "rule_set = \"holacracy-4.1\"",
            ),
            ("\"Circle Lead\"", "\"Lead Link\""),
            ("\"Circle Rep\"", "\"Rep Link\""),
        ])
    }

    /// The demo organisation with each `(from, to)` text of its file replaced: home.
    pub fn demo_with(replacements: &[(&str, &str)]) -> Harness {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/demo-org.toml");
        let text = std::fs::read_to_string(path).expect("demo file");
        let text = replacements
            .iter()
            .fold(text, |text, (from, to)| text.replace(from, to));
        let file = roundtable::domain::OrgFile::parse(&text).expect("demo parses");
        let mut store = Store::open_in_memory().expect("in-memory store");
        adopt(&mut store, &file);
        with_store(store)
    }

    /// The demo in a database file (created on first use), as a restarted program sees it.
    pub fn demo_file(path: &std::path::Path) -> Harness {
        let fresh = !path.exists();
        let mut store = Store::open(path).expect("store");
        if fresh {
            setup::load_demo(&mut store).expect("demo loads");
        }
        with_store(store)
    }

    /// Moves the clock on.
    pub fn wait(&mut self, seconds: i64) -> &mut Self {
        if let Ok(mut now) = self.clock.lock() {
            *now += chrono::Duration::seconds(seconds);
        }
        self.app.tick();
        self
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

    /// From home, starts a tactical meeting of the circle at `row` of home's list, everyone
    /// present except those named in `absent`.
    pub fn start_tactical(&mut self, row: usize, absent: &[&str]) -> &mut Self {
        self.press_n(KeyCode::Down, row).press(KeyCode::Char('t'));
        let Screen::MeetingSetup(setup) = &self.app.view().screen else {
            panic!("no setup; screen:\n{}", self.screen(100, 30))
        };
        let positions: Vec<usize> = setup
            .attendees
            .iter()
            .enumerate()
            .filter(|(_, a)| absent.contains(&a.name.as_str()))
            .map(|(i, _)| i)
            .collect();
        for p in positions {
            self.press_n(KeyCode::Up, 50)
                .press_n(KeyCode::Down, p)
                .press(KeyCode::Char(' '));
        }
        self.press(KeyCode::Enter)
    }

    /// From home, starts a governance meeting of the circle at `row` of home's list with
    /// everyone invited present.
    pub fn start_governance(&mut self, row: usize) -> &mut Self {
        self.press_n(KeyCode::Up, 50)
            .press_n(KeyCode::Down, row)
            .press(KeyCode::Char('g'));
        assert!(
            matches!(self.app.view().screen, Screen::MeetingSetup(_)),
            "no setup; screen:\n{}",
            self.screen(100, 30)
        );
        self.press(KeyCode::Enter)
    }

    /// The governance meeting on screen.
    pub fn governance(&self) -> &roundtable::app::GovernanceScreen {
        match &self.app.view().screen {
            Screen::Governance(s) => s,
            _ => panic!("no governance meeting; screen:\n{}", self.screen(100, 30)),
        }
    }

    /// The tactical meeting on screen.
    pub fn meeting(&self) -> &roundtable::app::TacticalScreen {
        match &self.app.view().screen {
            Screen::Tactical(s) => s,
            _ => panic!("no meeting; screen:\n{}", self.screen(100, 30)),
        }
    }

    /// The modal open over a meeting or minutes screen.
    pub fn meeting_modal(&self) -> Option<&roundtable::ui::Modal> {
        match &self.app.view().screen {
            Screen::Tactical(s) => s.modal.as_ref(),
            Screen::Minutes(s) => s.modal.as_ref(),
            Screen::MeetingSetup(s) => s.modal.as_ref(),
            _ => None,
        }
    }

    /// In the open picker, moves to the option that starts with `label` and chooses it.
    pub fn choose(&mut self, label: &str) -> &mut Self {
        let modal = match &self.app.view().screen {
            Screen::Tactical(s) => s.modal.as_ref(),
            Screen::Governance(s) => s.modal.as_ref(),
            Screen::Browser(s) => s.modal.as_ref(),
            Screen::Home(s) => s.modal.as_ref(),
            Screen::Work(s) => s.modal.as_ref(),
            _ => None,
        };
        let options = match modal {
            Some(roundtable::ui::Modal::Picker(p)) => p.options.clone(),
            _ => panic!("no picker; screen:\n{}", self.screen(100, 30)),
        };
        let at = options
            .iter()
            .position(|o| o.starts_with(label))
            .unwrap_or_else(|| panic!("no option {label} in {options:?}"));
        self.press_n(KeyCode::Up, options.len())
            .press_n(KeyCode::Down, at)
            .press(KeyCode::Enter)
    }

    /// Pastes `text` as a terminal with bracketed paste hands it over: in one piece.
    pub fn paste(&mut self, text: &str) -> &mut Self {
        self.app.handle_paste(text);
        self
    }

    /// The value of the text prompt open over a meeting, if any.
    pub fn prompt_value(&self) -> Option<String> {
        let modal = match &self.app.view().screen {
            Screen::Home(s) => s.modal.as_ref(),
            Screen::Browser(s) => s.modal.as_ref(),
            Screen::Work(s) => s.modal.as_ref(),
            _ => self.meeting_modal(),
        };
        match modal {
            Some(roundtable::ui::Modal::Prompt(p)) => Some(p.value()),
            _ => None,
        }
    }

    /// Types `text` into the open prompt and presses Enter.
    pub fn enter_text(&mut self, text: &str) -> &mut Self {
        self.type_str(text).press(KeyCode::Enter)
    }

    /// The status line's text, if any.
    pub fn status(&self) -> Option<String> {
        self.app.view().status.as_ref().map(|s| match s {
            roundtable::ui::Status::Info(t) | roundtable::ui::Status::Error(t) => t.clone(),
        })
    }
}
