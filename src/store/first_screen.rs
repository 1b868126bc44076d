//! The organisation read in two stages for the full-screen program's start: first what
//! home's first screen shows, then the whole of it, behind that screen, on a connection of
//! its own.
//!
//! Home's first screen shows the circles in depth-first order, each with its number of roles,
//! whether a term ends soon and whether it is in process breakdown, and the selected circle's
//! core roles with their fillers, its members and open tensions. The first stage reads every
//! circle and, for the first circles in that order (a screenful and more), their roles,
//! fillers and the people who fill them; the open tensions of the first (the circle home
//! selects as it opens); every breakdown. Drawn from it,
//! those rows are the same as drawn from the whole organisation. The second stage is
//! `load_organisation` itself on a read-only connection in another thread.
//!
//! Owns: `Store::first_screen` and the reader the second stage runs on.
//! Must not import: ratatui, crossterm, tokio, `crate::app`, `crate::ui`.

use super::backend::{OrganisationStore, Staged};
use super::org_load::{
    BREAKDOWNS, assignment_from_row, breakdown_from_row, circle_from_row, person_from_row,
    role_from_row, tension_from_row,
};
use super::{Store, StoreError, open};
use crate::domain::*;
use std::path::PathBuf;

/// The circles of `?1` (a JSON array of ids), for the queries below.
const SHOWN: &str = "(SELECT value FROM json_each(?1))";

impl Store {
    /// The organisation as far as home's first screen shows it, for the first `circles`
    /// circles in home's order, and the whole of it to read behind (`Staged`); `None` for a
    /// store not opened for writing on a file (in memory, read-only), which reads it whole.
    pub(super) fn staged(&self, circles: usize) -> Result<Option<Staged>, StoreError> {
        let Some(path) = self.path.clone().filter(|_| self.opened.is_some()) else {
            return Ok(None);
        };
        let first = self.first_screen(circles)?;
        Ok(Some(Staged {
            first,
            rest: Box::new(move || read_whole(path)),
        }))
    }

    /// What home's first screen shows (see the module's header), or `None` when the
    /// database holds no organisation yet.
    fn first_screen(&self, circles: usize) -> Result<Option<Organisation>, StoreError> {
        let Some((name, rule_set)) = self.organisation_head()? else {
            return Ok(None);
        };
        let mut records = OrgRecords {
            name,
            rule_set,
            circles: self.rows(
                "SELECT id, parent_id, name, purpose, strategy, domains, accountabilities
                 FROM circles WHERE removed_at IS NULL ORDER BY id",
                circle_from_row,
            )?,
            breakdowns: self.rows(BREAKDOWNS, breakdown_from_row)?,
            ..OrgRecords::default()
        };
        let outline = Organisation::new(records.clone());
        let shown: Vec<i64> = outline
            .circles_depth_first()
            .iter()
            .take(circles)
            .map(|(c, _)| c.id.0)
            .collect();
        let selected = shown.first().copied().unwrap_or_default();
        let shown = serde_json::Value::from(shown).to_string();
        records.roles = self.rows_given(
            &format!(
                "SELECT id, circle_id, name, purpose, domains, accountabilities, core FROM roles
                 WHERE removed_at IS NULL AND circle_id IN {SHOWN} ORDER BY id"
            ),
            [&shown],
            role_from_row,
        )?;
        // The unary `+` keeps SQLite from reaching the lasting assignments by the index on
        // their end (every lasting assignment of the organisation, 15,000 rows at a decade,
        // 161 page reads): by role it reads the shown circles' (19).
        let filled = format!(
            "SELECT id FROM assignments WHERE +ended_meeting_id IS NULL AND +ended_at IS NULL
             AND role_id IN (SELECT id FROM roles WHERE removed_at IS NULL AND circle_id IN {SHOWN})"
        );
        records.assignments = self.rows_given(
            &format!(
                "SELECT id, role_id, person_id, focus, term_end, started_at, ended_at
                 FROM assignments WHERE id IN ({filled}) ORDER BY id"
            ),
            [&shown],
            assignment_from_row,
        )?;
        records.people = self.rows_given(
            &format!(
                "SELECT id, name, email, left_at FROM people
                 WHERE id IN (SELECT person_id FROM assignments WHERE id IN ({filled})) ORDER BY id"
            ),
            [&shown],
            person_from_row,
        )?;
        // Home counts the open tensions of the circle it selects as it opens (the first in
        // its order) and no other's: a screenful of circles' would be some 550 tensions
        // spread over 340 pages at a decade.
        records.tensions = self.rows_given(
            "SELECT id, person_id, role_id, circle_id, text, kind, status, entry_at, processed_at
             FROM tensions WHERE status = 'open' AND circle_id = ?1 ORDER BY id",
            [selected],
            tension_from_row,
        )?;
        Ok(Some(Organisation::new(records)))
    }
}

/// The whole organisation read from the file at `path` on a read-only connection of its own
/// (the second stage, in another thread). Its pages pass through once: the connection keeps
/// few of them (256 KiB), so that reading behind adds little to the program's memory.
fn read_whole(path: PathBuf) -> Result<Option<Organisation>, StoreError> {
    let conn = open::open_reader(&path)?;
    conn.pragma_update(None, "cache_size", -256)?;
    Store::reader(conn, path).load_organisation()
}
