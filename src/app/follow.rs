//! Following a meeting another program facilitates (`roundtable follow --circle NAME`): the
//! meeting's screen, read-only and live. What the facilitator's program records appears at
//! the next tick (the store's `ChangeFeed`); keys that would record anything are refused with
//! one line, and nothing is written, not even a kept draft. A participant's laptop, a second
//! projector or a remote attendee sees the meeting as it happens.
//!
//! Owns: opening a meeting to follow, and which keys a follower has. Must not: draw, or hold
//! SQL.

use super::App;
use super::keys::{self, Action};
use crate::domain::meeting::MeetingKind;
use crate::ui::{Draft, GovDraft, Hint, Screen};
use ratatui::crossterm::event::KeyEvent;
use std::borrow::Cow;

/// The keys a follower has, for the hint bar.
pub(super) const HINTS: [Hint; 3] = [
    Hint {
        keys: "P",
        label: Cow::Borrowed("presentation"),
    },
    Hint {
        keys: "?",
        label: Cow::Borrowed("help"),
    },
    Hint {
        keys: "q",
        label: Cow::Borrowed("quit"),
    },
];

/// What a follower is told when a key would record something.
const READ_ONLY: &str =
    "Following: this screen only shows the meeting (P presentation, ? help, q quits).";

impl App {
    /// Opens the unfinished meeting of `circle` (tactical first, then governance) to follow,
    /// in presentation mode if asked.
    pub fn follow_meeting(&mut self, circle: &str, presentation: bool) -> Result<(), String> {
        let org = self
            .view
            .org
            .clone()
            .ok_or("the database holds no organisation yet")?;
        let found = org
            .circle_named(circle)
            .ok_or_else(|| format!("no circle named \"{circle}\""))?;
        let (name, id) = (found.name.clone(), found.id);
        let mut open = None;
        for kind in [MeetingKind::Tactical, MeetingKind::Governance] {
            if let Some(meeting) = self
                .store
                .open_meeting(id, kind)
                .map_err(|e| e.to_string())?
            {
                open = Some((meeting, kind));
                break;
            }
        }
        let (meeting, kind) =
            open.ok_or_else(|| format!("{name} has no meeting going on to follow"))?;
        self.following = true;
        super::meeting_setup::resume(self, meeting, kind);
        self.forget_entry_on_screen();
        match &mut self.view.screen {
            Screen::Tactical(s) => s.presentation = presentation,
            Screen::Governance(s) => s.presentation = presentation,
            _ => return Err(format!("{name}'s meeting cannot be shown")),
        }
        self.info(format!(
            "Following {name}'s {} meeting: it shows what is recorded as it is; q quits.",
            kind.id()
        ));
        self.refresh_hints();
        Ok(())
    }

    /// Whether this program only follows a meeting.
    pub fn is_following(&self) -> bool {
        self.following
    }

    /// A follower's key: presentation mode and help work, everything else is refused.
    pub(super) fn follower_key(&mut self, key: KeyEvent) -> bool {
        match keys::lookup(self.table(), &key) {
            Some(Action::Presentation) => match &mut self.view.screen {
                Screen::Tactical(s) => s.presentation = !s.presentation,
                Screen::Governance(s) => s.presentation = !s.presentation,
                _ => {}
            },
            Some(Action::Help) => self.view.help_open = true,
            _ => self.info(READ_ONLY),
        }
        self.refresh_hints();
        true
    }

    /// Puts away the entry the facilitator's program was putting together (its kept draft,
    /// put back on resuming): it is theirs, not the follower's.
    fn forget_entry_on_screen(&mut self) {
        match &mut self.view.screen {
            Screen::Tactical(s) => {
                s.modal = None;
                s.draft = Draft::None;
            }
            Screen::Governance(s) => {
                s.modal = None;
                s.draft = GovDraft::None;
                s.editing = None;
            }
            _ => {}
        }
    }
}
