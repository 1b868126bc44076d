//! The pure core: the organisation model, its file format and the rules.
//!
//! Owns: everything that can be decided without a terminal, a database, a runtime or a clock.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, std::time::SystemTime, or
//! `chrono::Local`/`Utc::now` (time arrives as data).

pub mod adoption;
pub mod document;
pub mod election_minutes;
pub mod form;
pub mod ids;
pub mod meeting;
pub mod meeting_list;
pub mod membership;
pub mod minutes;
mod minutes_governance;
pub mod minutes_progress;
mod minutes_tactical;
pub mod names;
pub mod org;
pub mod org_file_of;
pub mod org_log;
pub mod orgfile;
pub mod outline;
pub mod review;
pub mod rules;
pub mod ruleset;
pub mod text;
pub mod work;

pub use ids::*;
pub use org::*;
pub use orgfile::{OrgFile, OrgFileError};
pub use ruleset::{CoreRole, RuleSet};
