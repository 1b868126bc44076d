//! Governance meetings' pure core: governance changes and their validation, integrative
//! decision-making for a proposal, integrative elections, and the meeting around them.
//!
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

pub mod change;
pub mod core_limits;
mod cross_link;
mod decide;
pub mod diff;
pub mod election;
pub mod events;
mod flow_impl;
pub mod form;
mod form_asks;
mod form_changes;
mod form_editor;
mod form_election;
mod form_idm;
mod form_integration;
mod form_meeting;
mod form_objection;
mod form_parts;
mod gates;
pub mod idm;
pub mod idm_events;
pub mod meeting;
pub mod objection;
pub mod represent;
pub mod sub_circle;
#[cfg(test)]
mod tests;
pub mod validate;

pub use change::{Change, starts_with_ing};
pub use diff::{DiffLine, Mark, change_lines, versions_diff};
pub use election::{
    ChangeAnswer, Election, ElectionEvent, ElectionStep, Proposed, Seats, SetAside, TieBreak,
    TieOption,
};
pub use form::{
    CircleAim, Context as FormContext, Editing, EditorChoice, Field, GovernanceForm, PolicyAim,
    RoleAim, Said, Settled, Subject, TestTarget, Then,
};
pub use form_election::objection_round_note;
pub use form_meeting::describe_entry;
pub use idm::{
    IdmEvent, IdmStep, NO_ROLE_RULE, Objection, ObjectionState, ObjectionTest, Outcome, Proposal,
    ROLE_QUESTION, Ruling, Suggestion, Validity, ValidityException,
};
pub use meeting::{GovEvent, GovItem, GovStep, Governance, Interpretation, ItemKind, TimeOut};
pub use validate::{new_role_name, validate};
