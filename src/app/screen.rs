//! The screen being shown, as the shell keeps it between two keys.
//!
//! Owns: the `Screen` enum, and saying what each screen shows in a frame (`ScreenBody`). The
//! enum lives here, not in ui, because a meeting, a review and My work hold what the app owns
//! (the log, the state folded from it, the form being put together, who reports): the ui is
//! lent those by reference for one frame (`ui::Body`) and keeps none of them. Their few
//! display fields (the modal, the selection, presentation and follower flags) stay beside
//! them: the modal is the form's open question, driven and kept with the form (`forms`,
//! `kept`), and the flags are set by the app's follow logic. The screens that are view state
//! alone (home, browser, setup, minutes, …) are defined in ui. A circle's meeting of any
//! kind is reached as a `MeetingScreen` (`Screen::meeting`).
//! Must not import: tokio; must not draw.

use super::governance::GovernanceScreen;
use super::kinds::MeetingScreen;
use super::review::ReviewScreen;
use super::tactical::TacticalScreen;
use super::work::WorkScreen;
use crate::ui::{
    AdoptionState, Body, BrowserState, HomeState, MinutesScreen, PastState, ScreenBody, SetupState,
    WelcomeState,
};

/// The screen being shown.
#[derive(Debug)]
pub enum Screen {
    /// The first-run menu, with no organisation yet.
    Welcome(WelcomeState),
    /// The circles, with what can be started on each.
    Home(HomeState),
    /// The organisation's tree and the selected circle's or role's details.
    Browser(BrowserState),
    /// Who attends a meeting about to start, and its roles and length.
    MeetingSetup(SetupState),
    /// A tactical meeting in progress, or ended.
    Tactical(Box<TacticalScreen>),
    /// A governance meeting in progress, or ended.
    Governance(Box<GovernanceScreen>),
    /// The list of past meetings.
    PastMeetings(PastState),
    /// A meeting's minutes.
    Minutes(Box<MinutesScreen>),
    /// A person's solo role review.
    Review(Box<ReviewScreen>),
    /// A person's lists between meetings.
    Work(Box<WorkScreen>),
    /// The adoption of the constitution from an empty organisation.
    Adoption(Box<AdoptionState>),
}

/// The match of `Screen::meeting` and `Screen::meeting_mut`, written once: `$screen`'s
/// meeting as a `MeetingScreen`, lent by `$lend` (`as_ref` or `as_mut`) from its box.
macro_rules! meeting_of {
    ($screen:expr, $lend:ident) => {
        match $screen {
            Screen::Tactical(s) => Some(s.$lend()),
            Screen::Governance(s) => Some(s.$lend()),
            Screen::Welcome(_)
            | Screen::Home(_)
            | Screen::Browser(_)
            | Screen::MeetingSetup(_)
            | Screen::PastMeetings(_)
            | Screen::Minutes(_)
            | Screen::Review(_)
            | Screen::Work(_)
            | Screen::Adoption(_) => None,
        }
    };
}

impl Screen {
    /// The circle's meeting shown, whatever its kind (`None` on every other screen). Every
    /// screen is named (in `meeting_of!`), so a new one is sorted by the compiler: the shell
    /// finds a meeting of any kind through this (and `meeting_mut`) alone.
    pub(super) fn meeting(&self) -> Option<&dyn MeetingScreen> {
        meeting_of!(self, as_ref)
    }

    /// The same, to change it.
    pub(super) fn meeting_mut(&mut self) -> Option<&mut dyn MeetingScreen> {
        meeting_of!(self, as_mut)
    }
}

impl ScreenBody for Screen {
    fn body(&self) -> Body<'_> {
        match self {
            Screen::Welcome(s) => Body::Welcome(s),
            Screen::Home(s) => Body::Home(s),
            Screen::Browser(s) => Body::Browser(s),
            Screen::MeetingSetup(s) => Body::MeetingSetup(s),
            Screen::Tactical(s) => Body::Tactical(s.drawn(), s.modal.as_ref()),
            Screen::Governance(s) => Body::Governance(s.drawn(), s.modal.as_ref()),
            Screen::PastMeetings(s) => Body::PastMeetings(s),
            Screen::Minutes(s) => Body::Minutes(s),
            Screen::Review(s) => Body::Review(&s.state, s.modal.as_ref()),
            Screen::Work(s) => Body::Work(s.drawn(), s.modal.as_ref()),
            Screen::Adoption(s) => Body::Adoption(s),
        }
    }
}
