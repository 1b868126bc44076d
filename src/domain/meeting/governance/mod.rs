//! Governance meetings' pure core: governance changes and their validation, and integrative
//! decision-making for a proposal. (The meeting around them, elections, and applying adopted
//! changes to the record with their history come next; see issue 4's notes.)
//!
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

pub mod change;
pub mod election;
pub mod idm;
pub mod meeting;
#[cfg(test)]
mod tests;

pub use change::{Change, starts_with_ing, validate};
pub use election::{Election, ElectionEvent, ElectionStep, TieBreak};
pub use idm::{IdmEvent, IdmStep, Objection, ObjectionState, ObjectionTest, Outcome, Proposal};
pub use meeting::{GovEvent, GovItem, GovStep, Governance, ItemKind, TimeOut};
