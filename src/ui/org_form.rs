//! A change between meetings being put together on home or in the browser, one question at
//! a time (who, which focus, who is acting), before it is decided and recorded.
//!
//! Owns: `OrgForm`, what the open modal's answer is for. Must not import: rusqlite, tokio,
//! `crate::store`, `crate::app`.

use crate::domain::org_log::OrgRequest;
use crate::domain::{AssignmentId, CircleId, PersonId, RoleId};

/// What the modal open on home or in the browser is asking, with the answers so far.
#[derive(Debug, Clone, PartialEq)]
pub enum OrgForm {
    /// The new person's name (a prompt).
    PersonName,
    /// The new person's e-mail (a prompt).
    PersonEmail { name: String },
    /// Whom to assign to the role (a picker of these people).
    AssignWho { role: RoleId, people: Vec<PersonId> },
    /// The focus of the assignment (a prompt).
    AssignFocus { role: RoleId, person: PersonId },
    /// Which assignment gets another focus (a picker).
    FocusOf { assignments: Vec<AssignmentId> },
    /// The new focus (a prompt).
    FocusText { assignment: AssignmentId },
    /// Which assignment ends (a picker).
    EndOf { assignments: Vec<AssignmentId> },
    /// Who is acting (a picker of these people), then the request is recorded.
    Actor {
        request: OrgRequest,
        actors: Vec<PersonId>,
    },
    /// A new checklist item's text (a prompt).
    ChecklistText { role: RoleId },
    /// A new checklist item's frequency (a picker of `Frequency::ALL`).
    ChecklistFrequency { role: RoleId, text: String },
    /// A new metric's name (a prompt).
    MetricName { role: RoleId },
    /// A new metric's unit (a prompt; empty for none).
    MetricUnit { role: RoleId, name: String },
    /// A new metric's frequency (a picker of `Frequency::ALL`).
    MetricFrequency {
        role: RoleId,
        name: String,
        unit: Option<String>,
    },
    /// Which checklist item or metric ends (a picker of these requests).
    EndRecord { requests: Vec<OrgRequest> },
    /// Why a process breakdown is declared in the circle (a prompt).
    BreakdownReason { circle: CircleId },
    /// Take back the latest entry? (a yes/no question)
    Undo,
    /// Who gets another name (a picker of these people).
    RenameWho { people: Vec<PersonId> },
    /// Their new name (a prompt).
    RenameTo { person: PersonId },
    /// Who leaves (a picker of these people).
    LeaveWho { people: Vec<PersonId> },
    /// Does this person leave? (a yes/no question)
    Leaves { person: PersonId },
}
