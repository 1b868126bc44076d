//! Following a meeting another program facilitates (`roundtable follow --circle NAME`, or
//! `f` on home for the selected circle): the meeting's screen, read-only and live. What the facilitator's program records appears at
//! the next tick (the store's `ChangeFeed`); keys that would record anything are refused with
//! one line, and nothing is written, not even a kept draft. A participant's laptop, a second
//! projector or a remote attendee sees the meeting as it happens.
//!
//! Owns: opening a meeting to follow, and which keys a follower has. Must not: draw, or hold
//! SQL.

use super::App;
use super::keys::{self, Action};
use crate::app::Screen;
use crate::domain::CircleId;
use crate::domain::meeting::MeetingKind;
use crate::ui::Hint;
use ratatui::crossterm::event::KeyEvent;
use std::borrow::Cow;

/// The keys a follower has, for the hint bar; q quits, or (`from_home`) goes back home.
pub(super) fn hints(from_home: bool) -> Vec<Hint> {
    let hint = |keys, label| Hint {
        keys,
        label: Cow::Borrowed(label),
    };
    vec![
        hint("P", "presentation"),
        hint("?", "help"),
        hint("q", if from_home { "back home" } else { "quit" }),
    ]
}

/// The help overlay of a follower: only the keys it has (the meeting's own keys record, and
/// are the facilitator's).
pub(super) fn help(from_home: bool) -> Vec<Hint> {
    let hint = |keys, label| Hint {
        keys,
        label: Cow::Borrowed(label),
    };
    vec![
        hint(
            "P",
            "presentation mode: big letters and less detail, for a shared screen",
        ),
        hint("?", "this help; Esc closes it"),
        hint(
            "q",
            if from_home {
                "stop following, back home (the meeting goes on)"
            } else {
                "quit (the meeting goes on)"
            },
        ),
    ]
}

/// The minutes a `roundtable follow` program shows when the meeting it followed ended:
/// leaving them quits (the program never facilitates), as its hint says.
pub(super) fn quit_from_minutes(hints: &mut [Hint]) {
    for hint in hints.iter_mut().filter(|h| h.keys == "Esc") {
        hint.label = Cow::Borrowed("quit");
    }
}

/// When a meeting's last entry was made, and by whom (if the program named anyone).
type LastEntry = (chrono::DateTime<chrono::Utc>, Option<String>);

/// What a follower is told when a key would record something.
const READ_ONLY: &str =
    "Following: this screen only shows the meeting (P presentation, ? help, q quits).";
/// The same, for a meeting followed from home.
const READ_ONLY_FROM_HOME: &str =
    "Following: this screen only shows the meeting (P presentation, ? help, q back home).";

impl App {
    /// Opens the unfinished meeting of `circle` (of the first kind in `MeetingKind::ALL` that
    /// has one) to follow, in presentation mode if asked.
    pub fn follow_meeting(&mut self, circle: &str, presentation: bool) -> Result<(), String> {
        let org = self
            .view
            .org
            .clone()
            .ok_or("the database holds no organisation yet")?;
        let found = org
            .circle_named(circle)
            .ok_or_else(|| format!("no circle named \"{circle}\""))?;
        self.follow_command = true;
        self.follow_circle(found.id, presentation)
    }

    /// `f` on home: follows the selected circle's meeting; q comes back home.
    pub(super) fn follow_from_home(&mut self, circle: CircleId) {
        self.follow_home = true;
        if let Err(why) = self.follow_circle(circle, false) {
            self.follow_home = false;
            self.error(super::tactical::capitalised(&why));
        }
    }

    /// `t` or `g` on home: starts or resumes the circle's meeting, unless someone else
    /// seems to facilitate it (its last entry was made by another person, named with `--as`
    /// or `i`, and this program has not facilitated it): then asks whether to follow it or
    /// take over. Unnamed programs cannot be told apart from this one's earlier run (a
    /// restart after a crash resumes straight away); `f` follows either way.
    pub(super) fn begin_or_offer(&mut self, circle: CircleId, kind: MeetingKind) {
        let meeting = match self.store.open_meeting(circle, kind) {
            Ok(Some(m)) if !self.facilitated.contains(&m) => m,
            Ok(_) => return super::meeting_setup::begin(self, circle, kind),
            Err(e) => return self.error(e.to_string()),
        };
        match self.last_entry(meeting) {
            Ok(Some((at, Some(by)))) if Some(by.as_str()) != self.view.actor.as_deref() => {
                self.offer(meeting, kind, at, by)
            }
            Ok(_) => super::meeting_setup::begin(self, circle, kind),
            Err(why) => self.error(why),
        }
    }

    /// When the meeting's last entry was made, and by whom.
    fn last_entry(&self, meeting: crate::domain::MeetingId) -> Result<Option<LastEntry>, String> {
        let seq = self.store.last_seq(meeting).map_err(|e| e.to_string())?;
        let before = seq.saturating_sub(1);
        let last = self.store.payloads_after(meeting, before);
        let by = self.store.actors_after(meeting, before);
        match (last, by) {
            (Ok(last), Ok(by)) => Ok(last
                .last()
                .map(|entry| (entry.at, by.last().cloned().flatten()))),
            (Err(e), _) | (_, Err(e)) => Err(e.to_string()),
        }
    }

    /// The "follow or take over?" picker on home.
    fn offer(
        &mut self,
        meeting: crate::domain::MeetingId,
        kind: MeetingKind,
        at: chrono::DateTime<chrono::Utc>,
        by: String,
    ) {
        let Screen::Home(home) = &mut self.view.screen else {
            return;
        };
        home.modal = Some(crate::ui::Modal::Picker(crate::ui::Picker {
            title: format!(
                "The {} meeting: {by} recorded its last entry at {}",
                kind.id(),
                at.with_timezone(&chrono::Local).format("%H:%M")
            ),
            options: vec![
                "Follow it here (read-only, live)".into(),
                "Take over facilitating it".into(),
            ],
            selected: 0,
        }));
        home.offer = Some((meeting, kind));
    }

    /// The answer to the "follow or take over?" picker.
    pub(super) fn offer_picked(&mut self, outcome: super::modal::Outcome) {
        let Screen::Home(home) = &mut self.view.screen else {
            return;
        };
        home.modal = None;
        let Some((meeting, kind)) = home.offer.take() else {
            return;
        };
        let circle = home.selected_circle();
        match (outcome, circle) {
            (super::modal::Outcome::Picked(0), Some(circle)) => self.follow_from_home(circle),
            (super::modal::Outcome::Picked(_), _) => {
                self.facilitated.push(meeting);
                super::meeting_setup::resume(self, meeting, kind);
            }
            _ => {}
        }
    }

    /// Opens circle `id`'s unfinished meeting (of the first kind in `MeetingKind::ALL` that has
    /// one) to follow.
    fn follow_circle(&mut self, id: CircleId, presentation: bool) -> Result<(), String> {
        let org = self
            .view
            .org
            .clone()
            .ok_or("the database holds no organisation yet")?;
        let name = org
            .circle(id)
            .map_or_else(|| "the circle".to_string(), |c| c.name.clone());
        let mut open = None;
        for kind in MeetingKind::ALL {
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
        match self.view.screen.meeting_mut() {
            Some(shown) => shown.show(presentation, true),
            None => return Err(format!("{name}'s meeting cannot be shown")),
        }
        self.info(format!(
            "Following {name}'s {} meeting: it shows what is recorded as it is; q {}.",
            kind.id(),
            if self.follow_home {
                "back home"
            } else {
                "quits"
            }
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
            Some(Action::Presentation) => {
                if let Some(shown) = self.view.screen.meeting_mut() {
                    shown.toggle_presentation();
                }
            }
            Some(Action::Help) => self.view.help_open = true,
            Some(Action::Leave | Action::Back) if self.follow_home => {
                self.go_home();
                self.following = false;
                self.follow_home = false;
                self.refresh_hints();
            }
            Some(Action::Leave) => self.quit = true,
            _ if self.follow_home => self.info(READ_ONLY_FROM_HOME),
            _ => self.info(READ_ONLY),
        }
        self.refresh_hints();
        true
    }

    /// Puts away the entry the facilitator's program was putting together (its kept draft,
    /// put back on resuming): it is theirs, not the follower's.
    fn forget_entry_on_screen(&mut self) {
        if let Some(shown) = self.view.screen.meeting_mut() {
            shown.forget_entry();
        }
    }
}
