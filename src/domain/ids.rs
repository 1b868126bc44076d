//! Typed identifiers for the organisation's records.
//!
//! Owns: one newtype per kind of record, so a `RoleId` can never be passed where a `PersonId`
//! is meant. Must not import: anything outside `std` and `serde`.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub struct $name(pub i64);
    )*};
}

id_type!(
    /// A person who can fill roles.
    PersonId,
    /// A circle (the anchor circle or any sub-circle).
    CircleId,
    /// A role inside a circle, core or not.
    RoleId,
    /// One person filling one role.
    AssignmentId,
    /// A policy of a circle.
    PolicyId,
    /// A recurring checklist item of a role.
    ChecklistItemId,
    /// A recurring metric of a role.
    MetricId,
    /// A project owned by a role.
    ProjectId,
    /// A next action owned by a role or a person.
    NextActionId,
    /// A tension someone has noted.
    TensionId,
);

id_type!(
    /// A meeting (tactical or governance) of a circle.
    MeetingId,
);
