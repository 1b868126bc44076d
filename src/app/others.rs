//! Other programs on the same store: what they recorded appears here without a key press.
//!
//! Owns: looking, once a tick, whether another program committed anything, and then taking in
//! the open meeting's or review's new entries and the organisation as it now stands, with
//! the open form's question asked again against it.
//! Must not: draw, or hold SQL (the store answers whether anything changed and what).

use super::{App, journal};
use crate::app::Screen;

impl App {
    /// Takes in what other programs recorded since the last look. Returns whether anything on
    /// screen may have changed.
    pub(super) fn follow_other_programs(&mut self) -> bool {
        match self.store.changed_elsewhere() {
            Ok(true) => {}
            Ok(false) => return false,
            Err(e) => {
                tracing::warn!("could not ask the store for changes: {e}");
                return false;
            }
        }
        let caught_up = self.catch_up_screen();
        if let Ok(by) = &caught_up
            && !by.is_empty()
        {
            let who = journal::who_recorded(by, true);
            if self.ended_elsewhere() {
                self.info(format!(
                    "{who} and ended the meeting: here are its minutes."
                ));
            } else {
                self.info(format!("{who} in this meeting: shown."));
            }
        }
        if let Err(e) = caught_up {
            tracing::warn!("entries of another program could not be taken in: {e}");
            self.error(e);
        }
        self.reload_org();
        self.show_org_as_it_stands();
        self.refresh_open_meetings();
        self.ask_forms_again();
        true
    }

    /// The form open on the screen asked again against the organisation just read: its
    /// picker offers what stands now (a role adopted elsewhere, none removed there), typed
    /// text kept.
    pub(super) fn ask_forms_again(&mut self) {
        let meeting = self.view.screen.meeting().map(|m| m.kind());
        match &self.view.screen {
            _ if let Some(kind) = meeting => super::kinds::shell(kind).ask_again(self),
            Screen::Work(_) => super::work::ask_again(self),
            Screen::Review(_) => super::review::ask_again(self),
            _ => {}
        }
    }

    /// Home's circles and the browser's tree built again from the organisation just read
    /// (a role adopted, a sub-circle made elsewhere), keeping what is selected. A browser
    /// showing a past date keeps showing it.
    fn show_org_as_it_stands(&mut self) {
        let Some(org) = self.view.org.clone() else {
            return;
        };
        match &mut self.view.screen {
            Screen::Home(home) => home.refresh(&org),
            Screen::Browser(browser) if browser.as_of.is_none() => browser.rebuild(&org),
            _ => {}
        }
    }

    /// When the meeting on screen was ended by another program (its end just taken in):
    /// shows its minutes, as the program that ended it does, and says so. A follower stops
    /// following. Returns whether it was.
    fn ended_elsewhere(&mut self) -> bool {
        let Some(org) = self.view.org.clone() else {
            return false;
        };
        let Some(minutes) = self
            .view
            .screen
            .meeting()
            .filter(|m| m.ended())
            .map(|m| m.minutes(&org))
        else {
            return false;
        };
        self.following = false;
        self.follow_home = false;
        super::past::show_ended(self, minutes);
        self.refresh_hints();
        true
    }

    /// Applies to the open meeting or review the entries other programs appended to its log.
    fn catch_up_screen(&mut self) -> Result<Vec<Option<String>>, String> {
        let App { store, view, .. } = self;
        let Some(mut org) = view.org.clone() else {
            return Ok(Vec::new());
        };
        match &mut view.screen {
            Screen::Review(s) => journal::catch_up(store.as_mut(), s.as_mut(), &mut org),
            Screen::Work(s) => journal::catch_up(store.as_mut(), s.as_mut(), &mut org),
            screen => screen
                .meeting_mut()
                .map_or(Ok(Vec::new()), |m| m.catch_up(store.as_mut(), &mut org)),
        }
    }
}
