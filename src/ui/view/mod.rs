//! What the screens draw from: a snapshot of the organisation and UI-only state.
//!
//! Owns: `View`, `Body` (the screen shown, as one frame draws it) and the UI state of the
//! screens that have nothing else (selection, scroll, prompts); the past meetings' list and
//! the circles' rows are in `past` and `circles`. The screen enum is the shell's (app): a
//! meeting's log, its folded state and the form being put together are the app's, lent to the
//! ui as a `Body` for one frame, never kept here. The shell mutates these; the ui draws them.
//! Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

mod circles;
mod past;

pub use super::prompt::{Editor, Prompt, PromptKind};
use crate::domain::meeting::{Attendee, MeetingKind};
use crate::domain::minutes::Minutes;
use crate::domain::review::Review;
use crate::domain::{CircleId, Organisation};
use chrono::{DateTime, Utc};
pub use circles::{BrowserState, HomeState, PersonPick, TreeRow};
pub use past::{Count, PastRow, PastState};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::cell::Cell;
use std::sync::Arc;

/// One key and what it does, as the hint bar and the help overlay show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub keys: &'static str,
    pub label: Cow<'static, str>,
}

/// A one-line message under the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// What happened, or what to do next (shown in green).
    Info(String),
    /// Something refused or gone wrong, in one line naming why (shown in red, bold).
    Error(String),
}

/// The store cannot be reached (a database server stopped, restarting, or the network
/// down): one line on every screen until it is back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionLost {
    /// When the program first found it gone.
    pub since: DateTime<Utc>,
    /// Why, in a few words.
    pub why: String,
}

/// Everything a frame is drawn from. The screen shown (`S`) is the shell's: the ui reads it
/// only through `ScreenBody`, for one frame at a time.
#[derive(Debug)]
pub struct View<S> {
    /// The organisation, when the database holds one.
    pub org: Option<Arc<Organisation>>,
    /// Where the database is, as shown to the person.
    pub database: String,
    pub screen: S,
    /// The `?` overlay is open.
    pub help_open: bool,
    /// How far the `?` overlay is scrolled, and how far it can be (as the last frame found).
    pub help_scroll: Scroll,
    pub status: Option<Status>,
    /// Set while the store cannot be reached.
    pub lost: Option<ConnectionLost>,
    /// The keys that work now, for the hint bar (filled in by the shell).
    pub hints: Vec<Hint>,
    /// Every key of the current screen, for the help overlay (filled in by the shell).
    pub help: Vec<Hint>,
    /// The time the timers count against, set by the shell before each frame.
    pub now: DateTime<Utc>,
    /// Unfinished meetings, marked on home: (circle, kind).
    pub open_meetings: Vec<(CircleId, MeetingKind)>,
    /// The check-in question bank.
    pub questions: Vec<String>,
    /// Who is at the keyboard (`--as`, or chosen on home), if anyone is named.
    pub actor: Option<String>,
}

/// The screen shown, as one frame draws it: the ui's own state of each screen, and for a
/// meeting, a review or My work what the shell keeps of it, borrowed for the frame.
#[derive(Debug, Clone, Copy)]
pub enum Body<'a> {
    /// The first-run menu.
    Welcome(&'a WelcomeState),
    /// The adoption of the constitution from an empty organisation.
    Adoption(&'a super::adoption::AdoptionState),
    /// The circles, with what can be started on each.
    Home(&'a HomeState),
    /// The organisation's tree and the selected circle's or role's details.
    Browser(&'a BrowserState),
    /// Who attends a meeting about to start, and its roles and length.
    MeetingSetup(&'a SetupState),
    /// A tactical meeting, and the modal open over it.
    Tactical(super::tactical::Drawn<'a>, Option<&'a Modal>),
    /// A governance meeting, and the modal open over it.
    Governance(super::governance::Drawn<'a>, Option<&'a Modal>),
    /// The list of past meetings.
    PastMeetings(&'a PastState),
    /// A meeting's minutes.
    Minutes(&'a MinutesScreen),
    /// A solo role review as folded from its log, and the modal open over it.
    Review(&'a Review, Option<&'a Modal>),
    /// My work, and the modal open over it.
    Work(super::work::Drawn<'a>, Option<&'a Modal>),
}

/// A screen the ui can draw: what it shows in the frame being drawn.
pub trait ScreenBody {
    fn body(&self) -> Body<'_>;
}

/// A meeting's minutes on screen, from the end of a meeting or the list of past meetings.
#[derive(Debug)]
pub struct MinutesScreen {
    pub minutes: Box<Minutes>,
    pub scroll: u16,
    pub modal: Option<Modal>,
    /// The list to go back to (`None`: back home).
    pub past: Option<PastState>,
    /// A file waiting for a yes to be overwritten: (path, contents).
    pub pending: Option<(std::path::PathBuf, String)>,
    /// The minutes as wrapped for the last frame (`minutes` is never changed in place).
    pub lines: super::tactical::MinutesLines,
}

/// Setting up a meeting: who is here, who facilitates and takes notes, how long it runs.
#[derive(Debug)]
pub struct SetupState {
    pub circle: CircleId,
    pub kind: MeetingKind,
    pub attendees: Vec<Attendee>,
    pub facilitator: Option<usize>,
    pub secretary: Option<usize>,
    pub planned_minutes: u32,
    pub selected: usize,
    pub modal: Option<Modal>,
    /// Who acts as surrogate for an absent or unfilled Facilitator or Secretary, and why, in
    /// a line for the setup screen (`None`: both act themselves).
    pub surrogates: Option<String>,
    /// A guest being invited: by whom and through which link, then their name.
    pub guest: Option<GuestDraft>,
    /// Per invited attendee, the links they hold ("Circle Lead", "Circle Rep of Bakehouse"):
    /// who may invite a guest, and why a sub-circle's people are here.
    pub links: Vec<String>,
}

/// A guest invitation being typed on the setup screen (name, then tension).
#[derive(Debug, Clone, PartialEq)]
pub struct GuestDraft {
    /// The attendee who invites.
    pub by: usize,
    pub link: crate::domain::membership::GuestLink,
    /// The name, once typed.
    pub name: Option<String>,
}

/// The first-run choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WelcomeChoice {
    /// Load the demo organisation (Riverbend Bakery Cooperative) to try things out.
    LoadDemo,
    /// Start a new organisation by adopting the constitution, step by step.
    NewOrganisation,
    /// Import an organisation file in Roundtable's TOML format (its path asked next).
    ImportFile,
}

impl WelcomeChoice {
    pub const ALL: [WelcomeChoice; 3] = [
        WelcomeChoice::LoadDemo,
        WelcomeChoice::NewOrganisation,
        WelcomeChoice::ImportFile,
    ];

    pub fn title(self) -> &'static str {
        match self {
            WelcomeChoice::LoadDemo => "Load the demo organisation",
            WelcomeChoice::NewOrganisation => "Start a new organisation: adopt the constitution",
            WelcomeChoice::ImportFile => "Import an organisation file (TOML)",
        }
    }

    pub fn detail(self) -> &'static str {
        match self {
            WelcomeChoice::LoadDemo => {
                "Riverbend Bakery Cooperative: 4 circles, 12 people, 30 roles."
            }
            WelcomeChoice::NewOrganisation => {
                "Step by step: its name and purpose, people, ratifiers, roles and first fillers."
            }
            WelcomeChoice::ImportFile => "Asks for the path of a file in Roundtable's format.",
        }
    }
}

/// The welcome screen: the first-run menu and, maybe, the prompt one of its choices opened.
#[derive(Debug, Default)]
pub struct WelcomeState {
    pub selected: usize,
    pub prompt: Option<Prompt>,
}

impl WelcomeState {
    pub fn choice(&self) -> WelcomeChoice {
        WelcomeChoice::ALL[self.selected.min(WelcomeChoice::ALL.len() - 1)]
    }
}

/// How far a text taller than its box is scrolled. The furthest it can go is only known
/// once a frame has laid the text out, so drawing records it for the next key.
#[derive(Debug, Default)]
pub struct Scroll {
    pub offset: u16,
    pub max: Cell<u16>,
}

impl Scroll {
    /// Scrolls by `delta` lines, stopping at the top and at the end the last frame found.
    /// Returns whether it moved.
    pub fn by(&mut self, delta: i32) -> bool {
        let max = i32::from(self.max.get());
        let to = (i32::from(self.offset) + delta).clamp(0, max);
        let to = u16::try_from(to).unwrap_or(0);
        let moved = to != self.offset;
        self.offset = to;
        moved
    }
}

/// Moves a selection by `delta` within `len` items, stopping at the ends.
pub fn step(selected: usize, len: usize, delta: isize) -> usize {
    if len == 0 {
        return 0;
    }
    selected.saturating_add_signed(delta).min(len - 1)
}

/// A choice among a few options, opened over a screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Picker {
    pub title: String,
    pub options: Vec<String>,
    pub selected: usize,
}

/// A yes/no question about something that cannot be undone lightly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confirm {
    /// The box's title: "Are you sure?" unless the question is one of a series.
    pub title: Cow<'static, str>,
    pub question: String,
    /// What the two keys mean, for the hint bar: (yes, no).
    pub yes: Cow<'static, str>,
    pub no: Cow<'static, str>,
    /// One question of a series: `Esc` stops the series instead of answering no.
    pub in_series: bool,
}

impl Confirm {
    /// A question about something that cannot be undone lightly.
    pub fn new(question: String, yes: &'static str, no: &'static str) -> Confirm {
        Confirm {
            title: Cow::Borrowed("Are you sure?"),
            question,
            yes: Cow::Borrowed(yes),
            no: Cow::Borrowed(no),
            in_series: false,
        }
    }
}

/// At most one thing opened over a meeting screen at a time.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Modal {
    /// A text field being typed into.
    Prompt(Prompt),
    /// A choice among a few options.
    Picker(Picker),
    /// A yes/no question, often about something that cannot be undone lightly.
    Confirm(Confirm),
}
