//! A start in two stages: home's first screen is drawn from what it shows of the organisation
//! (`Backend::load_staged`), while the whole organisation is read behind it on a thread of
//! its own; keys and pastes typed meanwhile wait and are handled, in order, once it is in.
//!
//! At a thousand circles and a year of history the whole organisation takes tens of
//! milliseconds to read, as long again as the rest of the start; home's first screen needs a
//! few hundred of its rows. Nothing is written before the file's checks are done (the store
//! joins them before any write), and they are joined here with the whole organisation: what
//! they found wrong ends the program with the same words as a refusal on open.
//!
//! Owns: `Loading` (the read behind, the input waiting for it) and taking the whole
//! organisation in. Must not: draw, or hold SQL.

use super::App;
use super::Screen;
use crate::background::Background;
use crate::domain::Organisation;
use crate::store::{Staged, StoreError};
use ratatui::crossterm::event::Event;
use std::sync::Arc;

/// Circles whose rows home's first screen shows when the terminal's height is not known
/// (more than the tallest terminals' list).
const FIRST_SCREEN_CIRCLES: usize = 120;

/// How many circles home's first screen can show: as many as the terminal has rows (the
/// list has fewer).
pub(super) fn first_screen_circles() -> usize {
    ratatui::crossterm::terminal::size().map_or(FIRST_SCREEN_CIRCLES, |(_, rows)| usize::from(rows))
}

type Whole = Result<Option<Organisation>, StoreError>;

/// Where the read behind is.
enum Read {
    /// Not started yet (it starts after the first frame, so that frame has the cores).
    Waiting(Box<dyn FnOnce() -> Whole + Send>),
    /// Boxed: a read done here holds the whole organisation.
    Started(Box<Background<Whole>>),
}

/// The whole organisation being read behind home's first screen.
pub(super) struct Loading {
    read: Read,
    /// Keys and pastes that came meanwhile, oldest first.
    held: Vec<Event>,
}

impl Loading {
    pub(super) fn new(staged: Staged) -> (Option<Organisation>, Loading) {
        let loading = Loading {
            read: Read::Waiting(staged.rest),
            held: Vec::new(),
        };
        (staged.first, loading)
    }

    /// Keeps `event` for when the whole organisation is in.
    pub(super) fn hold(&mut self, event: Event) {
        self.held.push(event);
    }

    /// Whether the read is done, starting it (and the file's checks) when it waits.
    fn is_done(&mut self, store: &mut dyn crate::store::Backend) -> bool {
        let read = std::mem::replace(
            &mut self.read,
            Read::Started(Box::new(Background::Done(None))),
        );
        self.read = match read {
            Read::Waiting(rest) => {
                store.start_checks();
                Read::Started(Box::new(Background::start("organisation", rest)))
            }
            started => started,
        };
        matches!(&self.read, Read::Started(read) if read.is_done())
    }

    /// The whole organisation, waiting for it if it is still read.
    fn whole(self) -> (Whole, Vec<Event>) {
        let whole = match self.read {
            Read::Waiting(rest) => rest(),
            Read::Started(read) => read.wait().unwrap_or_else(|| {
                Err(StoreError::Invalid(
                    "reading the organisation stopped before it was done".into(),
                ))
            }),
        };
        (whole, self.held)
    }
}

impl App {
    /// Whether the whole organisation is still being read behind home's first screen.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Takes the whole organisation in once it is read (starting the read the first time),
    /// then handles the keys held meanwhile. Returns whether the screen changed. An error is
    /// the store's (the file's checks first): the program cannot go on.
    pub fn take_loaded(&mut self) -> Result<bool, StoreError> {
        let Some(loading) = self.loading.as_mut() else {
            return Ok(false);
        };
        if !loading.is_done(self.store.as_mut()) {
            return Ok(false);
        }
        self.finish_loading()
    }

    /// Waits for the whole organisation and takes it in, as `take_loaded` does.
    pub fn finish_loading(&mut self) -> Result<bool, StoreError> {
        let Some(loading) = self.loading.take() else {
            return Ok(false);
        };
        let (whole, held) = loading.whole();
        // What the file's checks found comes first: a damaged file may also fail the read,
        // less clearly.
        self.store.settle_checks()?;
        let org = Arc::new(whole?.ok_or(StoreError::NoOrganisation)?);
        if let Screen::Home(home) = &mut self.view.screen {
            home.refresh(&org);
        }
        self.view.org = Some(org);
        self.refresh_hints();
        for event in held {
            match event {
                Event::Key(key) => self.handle_key(key),
                Event::Paste(text) => self.handle_paste(&text),
                _ => false,
            };
        }
        Ok(true)
    }
}
