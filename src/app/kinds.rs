//! The kinds of meeting a circle holds, as the shell runs them: the one place the app lists
//! them. Everything the shell does with a circle's meeting, whatever its kind (show it, take
//! its keys and answers, follow it, catch up with other programs, leave it, start, resume,
//! read its minutes), goes through the two traits here, so that it is written once and a new
//! kind is added by implementing them, not by a match arm in every file.
//!
//! Owns: `MeetingScreen` (what the shell asks of a meeting on screen), `KindShell` (what a
//! kind does that needs the whole app) and `shell`, which gives each kind's; and
//! `meeting_screen_parts!` and `kind_shell_parts!`, the parts of `MeetingScreen` and
//! `KindShell` every kind has alike.
//! Must not import: tokio; must not draw.

use super::keys::{Action, Binding};
use super::modal::Outcome;
use super::{App, governance, tactical};
use crate::domain::meeting::MeetingKind;
use crate::domain::minutes::Minutes;
use crate::domain::{CircleId, MeetingId, Organisation};
use crate::store::prelude::*;
use crate::ui::Modal;
use chrono::NaiveDate;
use std::sync::Arc;

/// A circle's meeting on screen, whatever its kind: implemented by each kind's screen, and
/// reached through `Screen::meeting`.
pub(super) trait MeetingScreen {
    /// Which kind of meeting it is (what `shell` is asked for).
    fn kind(&self) -> MeetingKind;
    /// The meeting's id in the store.
    fn meeting(&self) -> MeetingId;
    /// The circle holding it.
    fn circle(&self) -> CircleId;
    /// Whether it has ended (its minutes are then shown).
    fn ended(&self) -> bool;
    /// The question open over it, if any.
    fn modal(&self) -> Option<&Modal>;
    /// The same, to answer it.
    fn modal_mut(&mut self) -> Option<&mut Modal>;
    /// Shows it in presentation mode (big letters, for a shared screen) or not, and to a
    /// follower (another program facilitates: no key of the facilitator's offered) or not.
    fn show(&mut self, presentation: bool, following: bool);
    /// Presentation mode on or off.
    fn toggle_presentation(&mut self);
    /// Puts away the entry being written (its kept draft is the facilitator's, not a
    /// follower's).
    fn forget_entry(&mut self);
    /// The keys it takes now (the open question's, else its step's).
    fn table(&self) -> &'static [Binding];
    /// Whether it would refuse the entry `action` leads to right now, on `today` (the hint
    /// bar leaves such keys off): asked of its flow (`Flow::may`), never of the store.
    fn refuses(&self, org: &Organisation, action: Action, today: NaiveDate) -> bool;
    /// Applies the entries other programs appended to its log since, reading the organisation
    /// again into `org` where they changed it; returns who recorded each one.
    fn catch_up(
        &mut self,
        store: &mut dyn Backend,
        org: &mut Arc<Organisation>,
    ) -> Result<Vec<Option<String>>, String>;
    /// Its minutes as they stand, named as `org` names things.
    fn minutes(&self, org: &Organisation) -> Minutes;
}

/// The methods of `MeetingScreen` read from the fields every meeting screen has alike
/// (`meeting`, `modal`, `presentation`, `following`, a `state` with `circle` and `ended_at`)
/// and its journal (`catch_up`), written once for every screen's impl.
macro_rules! meeting_screen_parts {
    () => {
        fn meeting(&self) -> $crate::domain::MeetingId {
            self.meeting
        }

        fn circle(&self) -> $crate::domain::CircleId {
            self.state.circle
        }

        fn ended(&self) -> bool {
            self.state.ended_at.is_some()
        }

        fn modal(&self) -> Option<&$crate::ui::Modal> {
            self.modal.as_ref()
        }

        fn modal_mut(&mut self) -> Option<&mut $crate::ui::Modal> {
            self.modal.as_mut()
        }

        fn show(&mut self, presentation: bool, following: bool) {
            self.presentation = presentation;
            self.following = following;
        }

        fn toggle_presentation(&mut self) {
            self.presentation = !self.presentation;
        }

        fn catch_up(
            &mut self,
            store: &mut dyn $crate::store::Backend,
            org: &mut std::sync::Arc<$crate::domain::Organisation>,
        ) -> Result<Vec<Option<String>>, String> {
            $crate::app::journal::catch_up(store, self, org)
        }
    };
}
pub(super) use meeting_screen_parts;

/// What the shell does for one kind of meeting that needs the whole app (its keys and
/// answers change what the screen shows and write to the store).
pub(super) trait KindShell: Sync {
    /// A key's action on the meeting on screen.
    fn act(&self, app: &mut App, action: Action);
    /// What the open question's answer does.
    fn outcome(&self, app: &mut App, outcome: Outcome);
    /// The open question asked again against the organisation as it now stands.
    fn ask_again(&self, app: &mut App);
    /// Shows the unfinished meeting `meeting` where it was left.
    fn resume(&self, app: &mut App, meeting: MeetingId);
    /// Writes the first entry of a meeting set up on the setup screen, and shows it.
    fn start(&self, app: &mut App);
    /// The minutes of meeting `meeting` (of this kind), named as `org` names things.
    fn minutes(
        &self,
        store: &dyn Backend,
        meeting: MeetingId,
        org: &Organisation,
    ) -> Result<Minutes, String>;
}

/// The methods of `KindShell` that hand a key's action, a question's answer and asking again
/// to the kind's module, which has `act`, `outcome` and `ask_again` beside its `shell`:
/// written once for every kind's impl.
macro_rules! kind_shell_parts {
    () => {
        fn act(&self, app: &mut $crate::app::App, action: $crate::app::keys::Action) {
            super::act(app, action);
        }

        fn outcome(&self, app: &mut $crate::app::App, outcome: $crate::app::modal::Outcome) {
            super::outcome(app, outcome);
        }

        fn ask_again(&self, app: &mut $crate::app::App) {
            super::ask_again(app);
        }
    };
}
pub(super) use kind_shell_parts;

/// What the shell does for meetings of `kind`.
pub(super) fn shell(kind: MeetingKind) -> &'static dyn KindShell {
    match kind {
        MeetingKind::Tactical => &tactical::Shell,
        MeetingKind::Governance => &governance::Shell,
    }
}
