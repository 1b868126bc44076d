//! The imperative shell: owns the store and the view, turns keys into actions, runs them, and
//! (in `run`) drives the terminal with tokio.
//!
//! Owns: `App` and the order of handling a key (quit, help, prompt, screen). The only user of
//! tokio. Must not: draw (that is `ui`), or hold SQL (that is `store`).

mod actions;
mod adoption;
mod breakdown;
mod browser;
mod circle_records;
mod connection;
mod follow;
mod forms;
pub mod generate;
mod governance;
mod home;
mod journal;
mod kept;
mod key_pace;
mod keyboard;
pub mod keys;
mod kinds;
mod launch;
mod meeting_setup;
pub mod minutes;
mod modal;
pub mod org_entries;
mod others;
pub mod output;
mod past;
mod paste;
mod people;
mod recording;
pub mod reports;
pub mod requests;
mod review;
mod run;
mod screen;
mod settle;
pub mod setup;
mod staged;
mod tactical;
mod terminal;
pub mod transfer;
mod watchdog;
mod welcome;
mod work;

pub use governance::GovernanceScreen;
pub use review::ReviewScreen;
pub use run::{ExitReason, run};
pub use screen::Screen;
pub use tactical::TacticalScreen;
pub use terminal::restore_terminal;
pub use work::WorkScreen;

use crate::domain::{CircleId, Organisation};
use crate::store::StoreError;
use crate::store::prelude::*;
use crate::ui::{Modal, Status, View, WelcomeState};
use chrono::{DateTime, Utc};
use keys::{Action, Binding, is_quit, lookup};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind};
use std::sync::Arc;

/// The longest name `--as` takes.
const ACTOR_LIMIT: usize = 80;

/// Where the time comes from: the system clock, or a fixed one in tests.
pub type Clock = Box<dyn Fn() -> DateTime<Utc> + Send>;

/// The program's state between two keys.
pub struct App {
    /// The store, whichever backend it is (SQLite by default).
    store: Box<dyn Backend>,
    view: View<Screen>,
    quit: bool,
    clock: Clock,
    /// Where exports from the screens are written (the current directory by default).
    export_dir: std::path::PathBuf,
    /// Effects of written entries not yet applied to `view.org` (see `settle_org`).
    unapplied: Vec<settle::Written>,
    /// Entries between meetings (the organisation's log, someone's own work) written and
    /// not yet applied to `view.org`, after `unapplied` (see `settle_org`).
    unapplied_between: Vec<settle::Between>,
    /// Set when the store could not write an entry during the current key.
    unwritten: bool,
    /// Set when that was because another program held the database (tried again by itself).
    busy: bool,
    /// The entry last saved with its meeting (see `kept`), to save only what changed.
    kept_entry: Option<(kept::Place, Option<String>)>,
    /// After the store failed to keep the entry on screen: when to try again.
    keep_retry: Option<DateTime<Utc>>,
    /// When a text of several lines was last kept while being typed, and its shape then
    /// (see `kept`): typing on the same line is kept every few seconds, not per letter.
    kept_typing: Option<(String, DateTime<Utc>)>,
    /// The last key, when what it entered could not be written because the store cannot be
    /// reached: pressed again by itself once the store is back.
    waiting_key: Option<KeyEvent>,
    /// Set when this program only follows a meeting another program facilitates.
    following: bool,
    /// Set while following a meeting opened from home (`f`): q goes back home.
    follow_home: bool,
    /// Set when the program was started to follow a meeting (`roundtable follow`): it never
    /// facilitates; once the meeting ends, leaving its minutes quits.
    follow_command: bool,
    /// The meetings this program facilitated since it started (not offered to follow).
    facilitated: Vec<crate::domain::MeetingId>,
    /// Where who is at the keyboard is remembered per database (`keyboard`), if anywhere.
    keyboard_file: Option<std::path::PathBuf>,
    /// The whole organisation, while it is read behind home's first screen (`staged`).
    loading: Option<staged::Loading>,
    /// The rows the list of past meetings had room for when last drawn: how many the list
    /// reads when it opens again.
    past_height: usize,
    /// Set while a key is handled that another key already waits behind (`handle_key_ahead`).
    key_waiting: bool,
    /// Set when a move in the browser, with another key waiting, left the selected role's
    /// reports unread: `before_frame` reads them (only the row a held key stops on).
    reports_left: bool,
    /// Set while a key pressed by itself is handled (`handle_key_frame_first`).
    frame_first: bool,
    /// Set when such a key moved the browser onto a role whose record is not held: the frame
    /// is drawn first, the record read after it (`reads_after_frame`).
    read_after_frame: bool,
}

impl App {
    /// Opens on home when the database holds an organisation, on the welcome screen otherwise.
    pub fn new(store: impl Backend + 'static) -> Result<App, StoreError> {
        App::with_clock(store, Box::new(Utc::now))
    }

    /// An app whose timers and event times come from `clock`.
    pub fn with_clock(store: impl Backend + 'static, clock: Clock) -> Result<App, StoreError> {
        App::on_store(Box::new(store), clock, None)
    }

    /// An app on a store chosen at run time (SQLite or PostgreSQL), on the system clock.
    pub fn on(store: Box<dyn Backend>) -> Result<App, StoreError> {
        App::on_store(store, Box::new(Utc::now), None)
    }

    /// As `on`, home's first screen drawn from what it shows of the organisation while the
    /// whole of it is read behind (where the store can: `Backend::load_staged`); keys wait
    /// for it (`staged`). For the full-screen program opening on home.
    pub fn on_staged(store: Box<dyn Backend>) -> Result<App, StoreError> {
        App::on_staged_for(store, staged::first_screen_circles())
    }

    /// As `on_staged`, home's first screen read for its first `circles` circles (as many as
    /// it shows, or more).
    pub fn on_staged_for(store: Box<dyn Backend>, circles: usize) -> Result<App, StoreError> {
        App::on_store(store, Box::new(Utc::now), Some(circles))
    }

    /// An app on `store`; with `staged`, home's first screen read for that many circles
    /// first, the rest behind it.
    fn on_store(
        store: Box<dyn Backend>,
        clock: Clock,
        staged: Option<usize>,
    ) -> Result<App, StoreError> {
        let database = store.location();
        let view = View {
            org: None,
            database,
            screen: Screen::Welcome(WelcomeState::default()),
            help_open: false,
            help_scroll: Default::default(),
            status: None,
            lost: None,
            hints: Vec::new(),
            help: Vec::new(),
            now: clock(),
            open_meetings: Vec::new(),
            questions: crate::data::checkin_questions(),
            actor: None,
        };
        let mut app = App {
            store,
            view,
            quit: false,
            clock,
            export_dir: std::path::PathBuf::from("."),
            unapplied: Vec::new(),
            unapplied_between: Vec::new(),
            unwritten: false,
            busy: false,
            kept_entry: None,
            keep_retry: None,
            kept_typing: None,
            waiting_key: None,
            following: false,
            follow_home: false,
            follow_command: false,
            facilitated: Vec::new(),
            keyboard_file: None,
            loading: None,
            past_height: past::FIRST_HEIGHT,
            key_waiting: false,
            reports_left: false,
            frame_first: false,
            read_after_frame: false,
        };
        let loaded = match staged {
            Some(circles) => app.load_staged(circles),
            None => app.load_whole(),
        };
        if let Some(org) = loaded? {
            app.show_home(Arc::new(org));
        } else if app.store.adoption_draft().ok().flatten().is_some() {
            // A program stopped mid-adoption: back to it, as it was.
            adoption::begin(&mut app);
        }
        app.refresh_open_meetings();
        app.refresh_hints();
        // From here on, a tick notices what other programs commit (read behind, from
        // before the read began).
        if app.loading.is_none() {
            app.store.changed_elsewhere()?;
        }
        Ok(app)
    }

    /// The whole organisation, read now.
    fn load_whole(&mut self) -> Result<Option<Organisation>, StoreError> {
        // The file's checks run beside the load: what they found wrong comes first (a
        // damaged file may also fail the load, less clearly).
        self.store.start_checks();
        let loaded = self.store.load_organisation();
        self.store.settle_checks()?;
        loaded
    }

    /// What home's first screen shows of the organisation, the whole of it read behind
    /// (`staged`); the whole of it now where the store reads it only whole.
    fn load_staged(&mut self, circles: usize) -> Result<Option<Organisation>, StoreError> {
        self.store.changed_elsewhere()?;
        match self.store.load_staged(circles) {
            Ok(Some(staged)) if staged.first.is_some() => {
                let (first, loading) = staged::Loading::new(staged);
                self.loading = Some(loading);
                Ok(first)
            }
            Ok(_) => self.load_whole(),
            Err(e) => {
                self.store.settle_checks()?;
                Err(e)
            }
        }
    }

    /// The current time, from the app's clock.
    pub fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    /// Sets the time the timers show. Returns whether a timer is on screen (a redraw is due).
    /// Also takes in what other programs on the same store recorded since the last tick.
    pub fn tick(&mut self) -> bool {
        self.view.now = self.now();
        // What others commit meanwhile is taken in once the whole organisation is.
        if self.loading.is_some() {
            return false;
        }
        self.before_frame();
        // Text typed since the last key was kept (a few seconds ago at most) is kept now.
        self.keep_entry();
        if self.try_busy_again() {
            self.refresh_hints();
            return true;
        }
        let others = self.store.outage().is_none() && self.follow_other_programs();
        let link = self.watch_connection();
        if others || link {
            self.hold_screen_reports();
            self.refresh_hints();
        }
        others
            || link
            || match &self.view.screen {
                Screen::PastMeetings(_) => past::tick(self),
                screen => screen.meeting().is_some_and(|m| !m.ended()),
            }
    }

    /// What the next frame is drawn from.
    pub fn view(&self) -> &View<Screen> {
        &self.view
    }

    /// The store, for tests that check what a key press wrote.
    pub fn store(&self) -> &dyn Backend {
        self.store.as_ref()
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
        if let Some(loading) = self.loading.as_mut() {
            loading.hold(ratatui::crossterm::event::Event::Key(key));
            return false;
        }
        // A key acts on the screen as drawn, with the reports it shows held; a move in the
        // browser needs none (`hold_after_key`).
        let moved = is_move(&key);
        if !(moved && matches!(self.view.screen, Screen::Browser(_))) {
            self.before_frame();
        }
        if self.view.help_open {
            return self.help_key(&key);
        }
        if self.following {
            let changed = self.follower_key(key);
            self.hold_screen_reports();
            return changed;
        }
        if self.is_help_key(&key) {
            // Help is looked at, not entered: what waits to be written keeps waiting, and the
            // status line keeps saying so (any other notice goes, as with every key).
            if self.waiting_key.is_none() {
                self.view.status = None;
            }
            self.view.help_open = true;
            self.refresh_hints();
            return true;
        }
        let had_status = self.view.status.take().is_some();
        self.unwritten = false;
        self.busy = false;
        self.view.now = self.now();
        let changed = if actions::prompt_open(&self.view) {
            actions::prompt_key(self, key)
        } else if matches!(self.view.screen, Screen::PastMeetings(_)) {
            past::list_key(self, key)
        } else if let Some(modal) = self.modal_mut() {
            match modal::modal_key(modal, key) {
                modal::Outcome::Ignored => false,
                modal::Outcome::Changed => true,
                outcome => {
                    self.modal_outcome(outcome);
                    true
                }
            }
        } else {
            match lookup(self.table(), &key) {
                Some(action) => {
                    actions::act(self, action);
                    true
                }
                None => false,
            }
        };
        self.settle_org_now();
        self.hold_after_key(moved);
        self.watch_connection();
        self.note_waiting(key);
        self.keep_entry();
        self.refresh_hints();
        changed || had_status
    }

    /// A key while help is open: it scrolls, or closes it.
    fn help_key(&mut self, key: &KeyEvent) -> bool {
        match lookup(keys::HELP_OPEN, key) {
            Some(Action::Back) => {
                self.view.help_open = false;
                self.view.help_scroll.offset = 0;
                self.refresh_hints();
                true
            }
            Some(action) => {
                keys::scroll_lines(action, 10).is_some_and(|lines| self.view.help_scroll.by(lines))
            }
            None => false,
        }
    }

    /// What the screen's open modal answered, taken to the screen's handler; a draft the
    /// answer could not write is put back as it was.
    fn modal_outcome(&mut self, outcome: modal::Outcome) {
        let before = kept::Kept::of(&self.view.screen);
        let meeting = self.view.screen.meeting().map(|m| m.kind());
        match &self.view.screen {
            _ if let Some(kind) = meeting => kinds::shell(kind).outcome(self, outcome),
            Screen::MeetingSetup(_) => meeting_setup::outcome(self, outcome),
            Screen::Minutes(_) => past::outcome(self, outcome),
            Screen::Home(h) if h.form.is_some() => people::outcome(self, outcome),
            Screen::Home(h) if h.offer.is_some() => self.offer_picked(outcome),
            Screen::Browser(_) => people::outcome(self, outcome),
            Screen::Home(_) => review::picked(self, outcome),
            Screen::Review(_) => review::outcome(self, outcome),
            Screen::Work(_) => work::outcome(self, outcome),
            Screen::Adoption(_) => adoption::outcome(self, outcome),
            _ => {}
        }
        if self.unwritten {
            before.restore(&mut self.view.screen);
        }
    }

    /// Handles a paste: the whole text the terminal marked as pasted. Returns whether anything
    /// on screen changed, which is always: the text field or the status line says what became
    /// of it.
    pub fn handle_paste(&mut self, text: &str) -> bool {
        if let Some(loading) = self.loading.as_mut() {
            loading.hold(ratatui::crossterm::event::Event::Paste(text.to_string()));
            return false;
        }
        if self.following {
            return self.follower_key(KeyEvent::from(ratatui::crossterm::event::KeyCode::Null));
        }
        self.before_frame();
        self.view.status = None;
        paste::paste(self, text);
        self.hold_screen_reports();
        self.keep_entry();
        self.refresh_hints();
        true
    }

    /// The modal open over the current screen, if any.
    fn modal_mut(&mut self) -> Option<&mut Modal> {
        match &mut self.view.screen {
            Screen::MeetingSetup(s) => s.modal.as_mut(),
            Screen::Minutes(s) => s.modal.as_mut(),
            Screen::Home(s) => s.modal.as_mut(),
            Screen::Browser(s) => s.modal.as_mut(),
            Screen::Review(s) => s.modal.as_mut(),
            Screen::Work(s) => s.modal.as_mut(),
            Screen::Adoption(s) => s.modal.as_mut(),
            screen => screen.meeting_mut().and_then(|m| m.modal_mut()),
        }
    }

    /// The binding table of the current screen state.
    fn table(&self) -> &'static [Binding] {
        if self.view.help_open {
            return keys::HELP_OPEN;
        }
        if let Some(meeting) = self.view.screen.meeting() {
            return meeting.table();
        }
        match &self.view.screen {
            Screen::Welcome(w) if w.prompt.is_some() => keys::PROMPT,
            Screen::Welcome(_) => keys::WELCOME,
            Screen::Adoption(s) => s
                .modal
                .as_ref()
                .map_or(keys::adoption_table(s.draft.step), modal::table),
            Screen::Home(s) => s.modal.as_ref().map_or(keys::HOME, modal::table),
            Screen::Review(s) => review::table(s),
            Screen::Work(s) => work::table(s, self.view.org.as_deref(), self.now()),
            Screen::Browser(b) if b.prompt.is_some() => keys::PROMPT,
            Screen::Browser(b) if b.modal.is_some() => {
                b.modal.as_ref().map_or(keys::BROWSER, modal::table)
            }
            Screen::Browser(b) if b.as_of.is_some() => keys::BROWSER_AS_OF,
            Screen::Browser(_) => keys::BROWSER,
            Screen::MeetingSetup(s) => s.modal.as_ref().map_or(keys::SETUP, modal::table),
            Screen::PastMeetings(_) => keys::PAST,
            Screen::Minutes(s) => s.modal.as_ref().map_or(keys::MINUTES, modal::table),
            // A circle's meeting, whatever its kind, says its own table (above): no key here.
            _ => &[],
        }
    }

    fn refresh_hints(&mut self) {
        let table = self.table();
        // Keys whose entry the meeting would refuse right now are left off (still in help).
        self.view.hints = keys::hints(table, |action| actions::refuses(self, action));
        // A yes/no question names what its two answers do ("y adopt  n not yet").
        let answers = match self.modal_mut() {
            Some(Modal::Confirm(c)) => Some((c.yes.clone(), c.no.clone())),
            _ => None,
        };
        if let (Some((yes, no)), [y, n, ..]) = (answers, self.view.hints.as_mut_slice()) {
            y.label = yes;
            n.label = no;
        }
        home::resume_hints(self);
        if !self.view.help_open {
            self.view.help = match &self.view.screen {
                Screen::Work(s) if s.modal.is_none() => keys::help_of(keys::WORK_TABLES),
                _ => keys::help(table),
            };
        }
        if self.following {
            self.view.hints = follow::hints(self.follow_home);
            if !self.view.help_open {
                self.view.help = follow::help(self.follow_home);
            }
        } else if self.follow_command && matches!(self.view.screen, Screen::Minutes(_)) {
            follow::quit_from_minutes(&mut self.view.hints);
        }
    }

    /// Whether `key` opens help on the screen as it is (not typed into a field or a list's
    /// filter, nor answering an open question).
    fn is_help_key(&mut self, key: &KeyEvent) -> bool {
        !actions::prompt_open(&self.view)
            && !matches!(self.view.screen, Screen::PastMeetings(_))
            && self.modal_mut().is_none()
            && lookup(self.table(), key) == Some(Action::Help)
    }

    fn show_home(&mut self, org: Arc<Organisation>) {
        self.unapplied.clear();
        self.unapplied_between.clear();
        self.view.screen = Screen::Home(home::state(&org));
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

    /// Reads which meetings are unfinished, for home's marks.
    fn refresh_open_meetings(&mut self) {
        match self.store.open_meetings() {
            Ok(open) => {
                self.view.open_meetings = open.into_iter().map(|m| (m.circle, m.kind)).collect();
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Home, with the circle selected that was last worked on.
    fn go_home(&mut self) {
        let left = self.view.screen.meeting().map(|m| m.meeting());
        if let Some(meeting) = left.filter(|m| !self.following && !self.facilitated.contains(m)) {
            self.facilitated.push(meeting);
        }
        let focus: Option<CircleId> = match &self.view.screen {
            Screen::MeetingSetup(s) => Some(s.circle),
            Screen::Minutes(s) => self
                .view
                .org
                .as_ref()
                .and_then(|o| o.circle_named(&s.minutes.circle))
                .map(|c| c.id),
            screen => screen.meeting().map(|m| m.circle()),
        };
        if let Some(org) = self.view.org.clone() {
            self.show_home(org);
        }
        if let (Screen::Home(home), Some(focus)) = (&mut self.view.screen, focus) {
            home.selected = home
                .circles
                .iter()
                .position(|(c, _)| *c == focus)
                .unwrap_or(0);
        }
    }

    fn info(&mut self, text: impl Into<String>) {
        self.view.status = Some(Status::Info(text.into()));
    }

    fn error(&mut self, text: impl Into<String>) {
        self.view.status = Some(Status::Error(text.into()));
    }
}

/// Whether `key` moves a list (an arrow, a page, the top or the end).
fn is_move(key: &KeyEvent) -> bool {
    matches!(
        key.code,
        KeyCode::Up
            | KeyCode::Down
            | KeyCode::PageUp
            | KeyCode::PageDown
            | KeyCode::Home
            | KeyCode::End
    )
}
