//! What the governance meeting screen is drawn from: the meeting's log and state, the modal
//! open over it, the form whose question it is (a domain value: `GovernanceForm`), and the
//! changes being written.
//!
//! Owns: `GovScreen`. The shell mutates it; the ui draws it.
//! Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use super::view::Modal;
use crate::domain::MeetingId;
use crate::domain::meeting::flow::Recorded;
use crate::domain::meeting::governance::{Change, GovEvent, Governance, GovernanceForm};

/// A governance meeting in progress.
#[derive(Debug)]
pub struct GovScreen {
    pub meeting: MeetingId,
    pub log: Vec<Recorded<GovEvent>>,
    pub state: Governance,
    pub modal: Option<Modal>,
    /// The form whose question the modal asks (`GovernanceForm::None`: none).
    pub draft: GovernanceForm,
    /// Big letters and less detail, for a shared screen.
    pub presentation: bool,
    /// The changes being written for the next version of the current proposal, not yet
    /// recorded (saved with the editor's last choice).
    pub editing: Option<Vec<Change>>,
    /// Lines of an election's record scrolled off the top (PgDn PgUp; back to 0 on an entry).
    pub scroll: usize,
    /// Shown to a follower (another program facilitates): no key of the facilitator's is
    /// offered.
    pub following: bool,
}
