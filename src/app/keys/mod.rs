//! Keys: which key does what on each screen, and what the hint bar says about it.
//!
//! Owns: `Action`, the binding tables, and looking a key up in them. One table per screen
//! state serves both dispatch and the hint bar, so the two cannot disagree.
//! Must not import: rusqlite, tokio.

use crate::domain::meeting::MeetingKind;
use crate::ui::Hint;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::borrow::Cow;

/// What a key asks for, whatever the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Move the selection up one row.
    Up,
    /// Move the selection down one row.
    Down,
    /// Move the selection up one screenful.
    PageUp,
    /// Move the selection down one screenful.
    PageDown,
    /// Select the first row.
    Top,
    /// Select the last row.
    Bottom,
    /// Enter: open or confirm.
    Open,
    /// Esc: go back or cancel.
    Back,
    /// Follow the selected circle's meeting another program facilitates (home).
    Follow,
    /// Say who is at the keyboard (home).
    AtTheKeyboard,
    /// q: leave this screen (quit from home).
    Leave,
    /// ?: open or close the help overlay.
    Help,
    /// Browser: show the selected circle's roles.
    Expand,
    /// Browser: hide the selected circle's roles.
    Collapse,
    /// Pick the n-th choice of a menu (0-based).
    Choose(usize),
    /// Home: set up (or resume) a meeting of this kind of the selected circle.
    Start(MeetingKind),
    /// Home: start (or resume) a person's solo role review.
    StartReview,
    /// Home: a person's own work between meetings ("My work").
    StartWork,
    /// My work: drop the selected tension (asks first).
    DropTension,
    /// Browser, on a role: add a checklist item.
    AddChecklistItem,
    /// Browser, on a role: add a metric.
    AddMetric,
    /// Browser, on a role: end one of its checklist items or metrics.
    EndRecord,
    /// Home: the list of past meetings.
    PastMeetings,
    /// Meeting setup: mark the selected attendee present or absent.
    TogglePresent,
    /// Meeting setup: the selected attendee facilitates.
    MakeFacilitator,
    /// Meeting setup: the selected attendee takes the minutes.
    MakeSecretary,
    /// Meeting setup: the selected link invites a guest.
    AddGuest,
    /// Meeting setup: someone present who takes no part.
    AddObserver,
    /// Meeting setup: plan a longer meeting.
    Longer,
    /// Meeting setup: plan a shorter meeting.
    Shorter,
    /// Meetings: the next speaker or item.
    Next,
    /// Meetings: the previous speaker or item.
    Previous,
    /// Meetings: on to the next step (the end after the last).
    NextStep,
    /// Meetings: back to the previous step.
    PreviousStep,
    /// Meetings: more time for the current step (and the meeting).
    OneMoreMinute,
    /// Meetings: take back the last entry still standing.
    Retract,
    /// Meetings: end the meeting (asks first).
    EndMeeting,
    /// Meetings: presentation mode for a shared screen, on or off.
    Presentation,
    /// Check-in: draw another question.
    NewQuestion,
    /// Rounds: shuffle the speaking order.
    Shuffle,
    /// Rounds: the selected speaker speaks one place earlier.
    MoveEarlier,
    /// Rounds: the selected speaker speaks one place later.
    MoveLater,
    /// Checklist: the item is answered "check".
    Check,
    /// Checklist: the item is answered "no check".
    NoCheck,
    /// Review steps: someone else present reports for the item.
    Reporter,
    /// Progress: "no updates" on the project.
    NoUpdates,
    /// Home: the selected circle's due process is restored (its breakdown ends).
    RestoreProcess,
    /// Home: a process breakdown is declared in the selected circle between meetings.
    DeclareBreakdown,
    /// Progress: another circle member asks for updates on the project.
    AskUpdates,
    /// Progress: the filler ends requested updates as no longer useful (5.0 §2.1(f)).
    EndUpdates,
    /// Progress: the project is done.
    MarkDone,
    /// Progress: the project is waiting.
    MarkWaiting,
    /// Progress: a waiting project is current again.
    MarkCurrent,
    /// Agenda: add an item (a label, then its owner).
    AddItem,
    /// Agenda: add an open tension of someone present as an item.
    OfferTensions,
    /// Agenda: take the selected item off the agenda.
    DeleteItem,
    /// Triage: close the item ("did you get what you need?").
    CloseItem,
    /// Minutes: write them to a file.
    Export,
    /// Browser: the organisation as it stood on a past date.
    AsOf,
    /// Solo review: a next action.
    AddNextAction,
    /// Solo review: a project.
    AddProject,
    /// Solo review: a tension for the circle's next tactical meeting.
    TacticalTension,
    /// Solo review: a tension for the circle's next governance meeting.
    GovernanceTension,
    /// Governance: ask for (or end) a time out.
    TimeOut,
    /// Governance: edit the proposal's changes (a new version once past presenting).
    EditChanges,
    /// Governance: test the proposal's validity.
    TestValidity,
    /// Governance: the next step of the proposal or election being processed.
    SubStep,
    /// Governance: close the proposal (drop, withdraw, discard as invalid, breakdown).
    CloseProposal,
    /// Governance: the person asked answers "no objection".
    NoObjection,
    /// Governance: the person asked states an objection.
    Objection,
    /// Governance: test the latest untested objection.
    TestObjection,
    /// Governance integration: the objector confirms the objection no longer applies.
    ObjectorOk,
    /// Governance integration: the proposer confirms the tension is still addressed.
    ProposerOk,
    /// Governance integration: the objector is not working toward an amendment.
    Abandon,
    /// Governance: the facilitator asks the Secretary to rule on the constitution.
    AskSecretary,
    /// Governance: anyone asks the Secretary to interpret the constitution or governance.
    Interpret,
    /// Governance: record that this is a special meeting, requested by a member.
    SpecialMeeting,
    /// Governance integration: the objector's amended proposal and the proposer's answer.
    SuggestAmendment,
    /// Governance: adopt the proposal (asks first).
    Adopt,
    /// Governance agenda: this election goes first.
    ElectionFirst,
    /// Governance election: an objection to the candidate is integrated.
    Resolve,
    /// Governance election: the candidate is set aside and the next proposed.
    DiscardCandidate,
    /// Governance election: the candidate is elected (asks first).
    Elect,
    /// Home and browser: add a person to the organisation.
    AddPerson,
    /// Browser, on a role: assign a person to it.
    AssignRole,
    /// Browser, on a role: change the focus of an assignment.
    ChangeFocus,
    /// Browser, on a role: end an assignment.
    EndAssignment,
    /// Home and browser: take back the latest change made between meetings.
    UndoOrgEntry,
    /// Home: give a person another name.
    RenamePerson,
    /// Home: mark a person as having left the organisation (asks first).
    PersonLeaves,
    /// Text of several lines: start a new line (Alt+Enter or Ctrl+J).
    NewLine,
    /// Text fields: a key the field itself handles (moving, deleting, undoing).
    Edit,
    /// Adoption: add one to the step's list (a person, a role, a policy).
    AdoptAdd,
    /// Adoption: add a sub-circle.
    AdoptCircle,
    /// Adoption: take the selected one out.
    AdoptRemove,
    /// Adoption: the selected person ratifies, or no longer.
    AdoptToggle,
    /// Modals: yes.
    Yes,
    /// Modals: no.
    No,
}

/// Keys bound to one action: the hint bar's short word for it and the help overlay's line.
/// A binding without `hint` works but is not on the hint bar (another binding's hint covers
/// it, such as `↑↓` for both arrows); without `help` it is left out of the overlay too.
pub struct Binding {
    pub keys: &'static [KeyCode],
    pub action: Action,
    pub hint: Option<Hint>,
    pub help: Option<Hint>,
}

/// A binding shown on the hint bar as `shown label` and in help as `shown help`.
pub(super) const fn bind(
    keys: &'static [KeyCode],
    action: Action,
    shown: &'static str,
    label: &'static str,
    help: &'static str,
) -> Binding {
    Binding {
        keys,
        action,
        hint: Some(Hint {
            keys: shown,
            label: Cow::Borrowed(label),
        }),
        help: Some(Hint {
            keys: shown,
            label: Cow::Borrowed(help),
        }),
    }
}

/// A binding only the help overlay mentions.
pub(super) const fn quiet(
    keys: &'static [KeyCode],
    action: Action,
    shown: &'static str,
    help: &'static str,
) -> Binding {
    Binding {
        keys,
        action,
        hint: None,
        help: Some(Hint {
            keys: shown,
            label: Cow::Borrowed(help),
        }),
    }
}

/// A binding covered by another's hint and help line.
pub(super) const fn also(keys: &'static [KeyCode], action: Action) -> Binding {
    Binding {
        keys,
        action,
        hint: None,
        help: None,
    }
}

use KeyCode::{Char, Down, End, Enter, Esc, Home, PageDown, PageUp, Up};

mod adoption;
mod browser;
mod governance;
mod meeting;
mod review;
mod text;
mod work;
pub use adoption::*;
pub use browser::*;
pub use governance::*;
pub use meeting::*;
pub use review::*;
pub use text::*;
pub use work::*;

pub(super) const MOVE_UP: Binding = bind(
    &[Up, Char('k')],
    Action::Up,
    "↑↓",
    "move",
    "move the selection (also k j)",
);
pub(super) const MOVE_DOWN: Binding = also(&[Down, Char('j')], Action::Down);
pub(super) const HELP: Binding = bind(&[Char('?')], Action::Help, "?", "help", "this help");

pub const WELCOME: &[Binding] = &[
    MOVE_UP,
    MOVE_DOWN,
    bind(
        &[Enter],
        Action::Open,
        "Enter",
        "choose",
        "take the selected way to start",
    ),
    bind(
        &[Char('1')],
        Action::Choose(0),
        "1-3",
        "pick",
        "take that way to start at once",
    ),
    also(&[Char('2')], Action::Choose(1)),
    also(&[Char('3')], Action::Choose(2)),
    bind(&[Char('q')], Action::Leave, "q", "quit", "quit Roundtable"),
    HELP,
];

pub const HOME: &[Binding] = &[
    MOVE_UP,
    MOVE_DOWN,
    bind(
        &[Enter, Char('o')],
        Action::Open,
        "Enter",
        "browse",
        "browse the selected circle's roles (also o)",
    ),
    bind(
        &[Char('t')],
        Action::Start(MeetingKind::Tactical),
        "t",
        "tactical",
        "start or resume a tactical meeting of the circle",
    ),
    bind(
        &[Char('g')],
        Action::Start(MeetingKind::Governance),
        "g",
        "governance",
        "start or resume a governance meeting of the circle",
    ),
    bind(
        &[Char('r')],
        Action::StartReview,
        "r",
        "review",
        "review your roles alone (solo role review)",
    ),
    bind(
        &[Char('w')],
        Action::StartWork,
        "w",
        "my work",
        "your own projects, next actions and tensions (My work)",
    ),
    bind(
        &[Char('p')],
        Action::PastMeetings,
        "p",
        "past",
        "past meetings and their minutes",
    ),
    bind(&[Char('q')], Action::Leave, "q", "quit", "quit Roundtable"),
    // In help only: home's hint bar is full at 80 columns (the browser shows `n`).
    quiet(
        &[Char('n')],
        Action::AddPerson,
        "n",
        "add a person to the organisation (name, then e-mail)",
    ),
    quiet(
        &[Char('f')],
        Action::Follow,
        "f",
        "follow the meeting going on in another program (read-only)",
    ),
    quiet(
        &[Char('i')],
        Action::AtTheKeyboard,
        "i",
        "say who is at the keyboard (recorded, remembered per database)",
    ),
    quiet(
        &[Char('e')],
        Action::RenamePerson,
        "e",
        "give a person another name (names are unique, ignoring case)",
    ),
    quiet(
        &[Char('l')],
        Action::PersonLeaves,
        "l",
        "a person leaves the organisation: their roles end (asks first)",
    ),
    quiet(
        &[Char('B')],
        Action::DeclareBreakdown,
        "B",
        "declare a process breakdown in the circle (who may: 4.1 §3.5.2, 5.0 §5.5)",
    ),
    quiet(
        &[Char('R')],
        Action::RestoreProcess,
        "R",
        "conclude that due process is restored in the circle (4.1 §3.5.3, 5.0 §5.5.2)",
    ),
    UNDO_ORG_ENTRY,
    HELP,
];

pub(super) const ADD_PERSON: Binding = bind(
    &[Char('n')],
    Action::AddPerson,
    "n",
    "new person",
    "add a person to the organisation (name, then e-mail)",
);
pub(super) const UNDO_ORG_ENTRY: Binding = quiet(
    &[Char('u')],
    Action::UndoOrgEntry,
    "u",
    "take back the latest change made between meetings (person or assignment; asks first)",
);

/// A checklist item answered, in a meeting's checklist review and in a solo review.
pub(super) const CHECK: Binding = bind(
    &[Char('c')],
    Action::Check,
    "c",
    "check",
    "check: done for the period",
);
pub(super) const NO_CHECK: Binding = bind(
    &[Char('x')],
    Action::NoCheck,
    "x",
    "no check",
    "no check: not done",
);

pub const HELP_OPEN: &[Binding] = &[
    bind(
        &[Esc, Char('?'), Char('q')],
        Action::Back,
        "Esc",
        "close help",
        "close this help",
    ),
    bind(
        &[Down, Char('j')],
        Action::Down,
        "↑↓",
        "scroll",
        "scroll the help (also k j)",
    ),
    also(&[Up, Char('k')], Action::Up),
    bind(
        &[PageDown, Char(' ')],
        Action::PageDown,
        "PgDn PgUp",
        "page",
        "a page down or up (also Space)",
    ),
    also(&[PageUp], Action::PageUp),
    also(&[Home], Action::Top),
    also(&[End], Action::Bottom),
];

/// How many lines a scrolling action moves a text (the help overlay, the minutes), given
/// the height of a page.
pub fn scroll_lines(action: Action, page: i32) -> Option<i32> {
    match action {
        Action::Up => Some(-1),
        Action::Down => Some(1),
        Action::PageUp => Some(-page),
        Action::PageDown => Some(page),
        Action::Top => Some(i32::from(i16::MIN)),
        Action::Bottom => Some(i32::from(i16::MAX)),
        _ => None,
    }
}

/// Whether the key is Ctrl-Z, which suspends the program to the shell.
pub fn is_suspend(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && key.code == Char('z')
}

/// Whether the key is Ctrl-C, which quits from anywhere.
pub fn is_quit(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && key.code == Char('c')
}

/// The action a key is bound to in a table. Shift is ignored (it is how `?` is typed);
/// other modifiers make a different key.
pub fn lookup(table: &[Binding], key: &KeyEvent) -> Option<Action> {
    if key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return None;
    }
    table
        .iter()
        .find(|b| b.keys.contains(&key.code))
        .map(|b| b.action)
}

/// The keys a table binds to starting each kind of meeting, in its order: what home's panel
/// lists under "Start", so that it shows the keys the table binds.
pub fn starts(table: &[Binding]) -> Vec<(&'static str, MeetingKind)> {
    table
        .iter()
        .filter_map(|b| match (b.action, &b.help) {
            (Action::Start(kind), Some(help)) => Some((help.keys, kind)),
            _ => None,
        })
        .collect()
}

/// The hint bar's hints of a table, in order.
pub fn hints(table: &[Binding], refused: impl Fn(Action) -> bool) -> Vec<Hint> {
    table
        .iter()
        .filter(|b| b.hint.is_some() && !refused(b.action))
        .filter_map(|b| b.hint.clone())
        .collect()
}

/// The help overlay's lines of a table, in order.
pub fn help(table: &[Binding]) -> Vec<Hint> {
    help_of(&[table])
}

/// The help overlay's lines of a screen whose keys depend on the selected line: every
/// table's, in order, each line once, so help lists every key the screen takes whatever
/// line is selected when `?` is pressed.
pub fn help_of(tables: &[&[Binding]]) -> Vec<Hint> {
    let mut lines: Vec<Hint> = Vec::new();
    for hint in tables
        .iter()
        .flat_map(|t| t.iter().filter_map(|b| b.help.clone()))
    {
        if !lines.contains(&hint) {
            lines.push(hint);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn arrows_and_vi_keys_move_the_same_way() {
        assert_eq!(lookup(HOME, &key(Up)), Some(Action::Up));
        assert_eq!(lookup(HOME, &key(Char('k'))), Some(Action::Up));
        assert_eq!(lookup(HOME, &key(Char('j'))), Some(Action::Down));
    }

    #[test]
    fn a_question_mark_typed_with_shift_opens_help() {
        let shifted = KeyEvent::new(Char('?'), KeyModifiers::SHIFT);
        assert_eq!(lookup(BROWSER, &shifted), Some(Action::Help));
    }

    #[test]
    fn ctrl_c_quits_and_is_not_mistaken_for_c() {
        let ctrl_c = KeyEvent::new(Char('c'), KeyModifiers::CONTROL);
        assert!(is_quit(&ctrl_c));
        assert_eq!(lookup(HOME, &ctrl_c), None);
    }

    #[test]
    fn every_screen_advertises_help_and_a_way_out() {
        for table in [
            WELCOME,
            HOME,
            BROWSER,
            BROWSER_AS_OF,
            SETUP,
            ROUND,
            CHECKLIST,
            METRICS,
            PROGRESS,
            AGENDA,
            TRIAGE,
            MINUTES,
            PAST,
        ] {
            let keys: Vec<_> = hints(table, |_| false).iter().map(|h| h.keys).collect();
            assert!(keys.contains(&"?"), "{keys:?}");
            assert!(keys.contains(&"q") || keys.contains(&"Esc"), "{keys:?}");
        }
    }
}
