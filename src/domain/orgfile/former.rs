//! Former members in an organisation file: people with the day they left, who fill no role.
//!
//! Owns: that check. Must not import: rusqlite, ratatui, crossterm, tokio, std::fs.

use super::{OrgFile, OrgFileError, to_date};
use crate::domain::names::name_key;
use std::collections::HashSet;

impl OrgFile {
    /// A former member's day of leaving is a date, and they fill no role.
    pub(super) fn validate_former_members(&self) -> Result<(), OrgFileError> {
        let mut former = HashSet::new();
        for p in &self.people {
            match &p.left {
                Some(day) if to_date(day).is_none() => {
                    let m = format!("\"left\" of \"{}\" is not a date: {day}", p.name);
                    return Err(OrgFileError::Invalid(m));
                }
                Some(_) => former.insert(name_key(&p.name)),
                None => false,
            };
        }
        let mut stack = vec![&self.circle];
        while let Some(circle) = stack.pop() {
            let fillers = circle
                .roles
                .iter()
                .flat_map(|r| r.fillers.iter().map(move |f| (r, f)));
            for (role, f) in fillers {
                if former.contains(&name_key(&f.person)) {
                    let m = format!(
                        "\"{}\" has left and fills no role (\"{}\" in circle \"{}\")",
                        f.person, role.name, circle.name
                    );
                    return Err(OrgFileError::Invalid(m));
                }
            }
            stack.extend(&circle.circles);
        }
        Ok(())
    }
}
