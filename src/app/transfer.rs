//! Moving an organisation between stores (`roundtable db copy`): the copy itself is the
//! store's; this checks that the copy reads the same as the original, as a person would
//! compare them: the governance record in every export format and every meeting's minutes
//! in every format, byte for byte.
//!
//! Owns: that comparison. Must not: draw, or hold SQL.

use crate::export::org::{self, OrgFormat};
use crate::export::{self, Format};
use crate::store::transfer::{self, Copied, Transfer};

/// What a checked copy carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checked {
    pub copied: Copied,
    /// Meetings whose minutes were compared.
    pub meetings: usize,
}

/// Copies everything `from` holds into `to` (which must hold no organisation), then checks
/// that both read the same. A difference is an error naming what differs.
pub fn copy_checked(from: &dyn Transfer, to: &mut dyn Transfer) -> Result<Checked, String> {
    let copied = transfer::copy(from, to).map_err(|e| e.to_string())?;
    let meetings = same_records(from, to)?;
    Ok(Checked { copied, meetings })
}

/// Whether two stores read the same: the governance record and every meeting's minutes.
/// Answers how many meetings were compared.
pub fn same_records(a: &dyn Transfer, b: &dyn Transfer) -> Result<usize, String> {
    let load = |s: &dyn Transfer| {
        s.load_whole_organisation()
            .map_err(|e| e.to_string())?
            .ok_or_else(|| format!("{}: holds no organisation", s.location()))
    };
    let (org_a, org_b) = (load(a)?, load(b)?);
    let rulings_a = super::minutes::published_rulings(a, &org_a)?;
    let rulings_b = super::minutes::published_rulings(b, &org_b)?;
    for format in [OrgFormat::Toml, OrgFormat::Markdown, OrgFormat::Json] {
        if org::render(&org_a, &rulings_a, format)? != org::render(&org_b, &rulings_b, format)? {
            return Err(format!(
                "the copy's governance record differs ({})",
                format.extension()
            ));
        }
    }
    let meetings = |s: &dyn Transfer| s.meetings().map_err(|e| e.to_string());
    let (list_a, list_b) = (meetings(a)?, meetings(b)?);
    let ids = |list: &[crate::store::MeetingRow]| list.iter().map(|m| m.id).collect::<Vec<_>>();
    if ids(&list_a) != ids(&list_b) {
        return Err("the copy does not hold the same meetings".into());
    }
    // A fixed moment: the minutes say when they were exported.
    let now = chrono::DateTime::UNIX_EPOCH.fixed_offset();
    for row in &list_a {
        let (m_a, m_b) = (
            super::minutes::load(a, row.id)?,
            super::minutes::load(b, row.id)?,
        );
        for format in Format::ALL {
            if export::minutes(&m_a, format, now) != export::minutes(&m_b, format, now) {
                return Err(format!(
                    "the minutes of meeting {} differ in the copy ({format:?})",
                    row.id.0
                ));
            }
        }
    }
    Ok(list_a.len())
}
