//! What a governance change would do, line by line against the record as it stands, and what
//! one version of a proposal changed from the one before: the diffs the screens show.
//!
//! Owns: turning changes into marked lines. Must not import: rusqlite, ratatui, crossterm,
//! tokio, std::fs, or the clock.

use super::change::Change;
use crate::domain::org::{Organisation, Policy, Role};

/// Whether a line is kept, taken out, or put in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Neither taken out nor put in: a heading, a change told in words, or a count of the
    /// items that stay.
    Same,
    /// What the record holds now (or the earlier version had) that the change takes out.
    Removed,
    /// What the change (or the later version) puts in.
    Added,
}

impl Mark {
    /// The sign a diff line starts with.
    pub fn sign(self) -> &'static str {
        match self {
            Mark::Same => " ",
            Mark::Removed => "-",
            Mark::Added => "+",
        }
    }
}

/// One line of a diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    pub mark: Mark,
    pub text: String,
}

fn line(mark: Mark, text: impl Into<String>) -> DiffLine {
    DiffLine {
        mark,
        text: text.into(),
    }
}

/// A field an amendment sets: the old value taken out and the new one put in (nothing when
/// the amendment leaves it, or sets it as it was).
fn field(out: &mut Vec<DiffLine>, label: &str, old: &str, new: Option<&str>) {
    if let Some(new) = new.filter(|n| *n != old) {
        out.push(line(Mark::Removed, format!("  {label}: {old}")));
        out.push(line(Mark::Added, format!("  {label}: {new}")));
    }
}

/// A list a change sets: the items taken out, the items put in, and how many stay (nothing
/// when the change leaves the list).
fn list(out: &mut Vec<DiffLine>, label: &str, old: &[String], new: Option<&[String]>) {
    let Some(new) = new else { return };
    for item in old.iter().filter(|o| !new.contains(o)) {
        out.push(line(Mark::Removed, format!("  {label}: {item}")));
    }
    for item in new.iter().filter(|n| !old.contains(n)) {
        out.push(line(Mark::Added, format!("  {label}: {item}")));
    }
    let kept = new.iter().filter(|n| old.contains(n)).count();
    if kept > 0 {
        out.push(line(
            Mark::Same,
            format!("  ({kept} other {label} items unchanged)"),
        ));
    }
}

/// A role's or sub-circle's name, purpose, domains and accountabilities (as they stand, or
/// as a new role has them).
type Definition<'a> = (&'a str, &'a str, &'a [String], &'a [String]);

/// The parts of a definition an amendment sets (`None`: left as it is).
type Amendment<'a> = (
    &'a Option<String>,
    &'a Option<String>,
    &'a Option<Vec<String>>,
    &'a Option<Vec<String>>,
);

/// An amended role or sub-circle (`what`): its heading, then each part the amendment sets
/// against the part as it stands.
fn amended(out: &mut Vec<DiffLine>, what: &str, now: Definition, given: Amendment) {
    let (name, purpose, domains, accountabilities) = now;
    out.push(line(Mark::Same, format!("Amend {what} {name}")));
    field(out, "name", name, given.0.as_deref());
    field(out, "purpose", purpose, given.1.as_deref());
    list(out, "domain", domains, given.2.as_deref());
    list(out, "accountability", accountabilities, given.3.as_deref());
}

/// A new role: its heading, its purpose, and every domain and accountability put in.
fn created_role(out: &mut Vec<DiffLine>, (name, purpose, domains, accountabilities): Definition) {
    out.push(line(Mark::Added, format!("Create role {name}")));
    out.push(line(Mark::Added, format!("  purpose: {purpose}")));
    list(out, "domain", &[], Some(domains));
    list(out, "accountability", &[], Some(accountabilities));
}

/// A removed role: its heading, its purpose, and every domain and accountability taken out.
fn removed_role(out: &mut Vec<DiffLine>, r: &Role) {
    out.push(line(Mark::Removed, format!("Remove role {}", r.name)));
    out.push(line(Mark::Removed, format!("  purpose: {}", r.purpose)));
    list(out, "domain", &r.domains, Some(&[]));
    list(out, "accountability", &r.accountabilities, Some(&[]));
}

/// An amended policy: its heading, then its name and text as the amendment sets them.
fn amended_policy(out: &mut Vec<DiffLine>, p: &Policy, name: Option<&str>, text: Option<&str>) {
    out.push(line(Mark::Same, format!("Amend policy {}", p.name)));
    field(out, "name", &p.name, name);
    field(out, "text", &p.text, text);
}

/// The change as marked lines: a heading, then each field of the role or policy as it would
/// be, against what it is now.
pub fn change_lines(org: &Organisation, change: &Change) -> Vec<DiffLine> {
    let mut out = Vec::new();
    let policy = |id| org.records().policies.iter().find(|p| p.id == id);
    match change {
        Change::CreateRole {
            name,
            purpose,
            domains,
            accountabilities,
        } => created_role(&mut out, (name, purpose, domains, accountabilities)),
        Change::AmendRole {
            role,
            name,
            purpose,
            domains,
            accountabilities,
        } => match org.role(*role) {
            Some(r) => {
                let now = (&*r.name, &*r.purpose, &*r.domains, &*r.accountabilities);
                let given = (name, purpose, domains, accountabilities);
                amended(&mut out, "role", now, given);
            }
            None => out.push(line(Mark::Same, change.describe(org))),
        },
        Change::RemoveRole { role } => match org.role(*role) {
            Some(r) => removed_role(&mut out, r),
            None => out.push(line(Mark::Removed, change.describe(org))),
        },
        Change::CreatePolicy { name, text } => {
            out.push(line(Mark::Added, format!("Create policy {name}")));
            out.push(line(Mark::Added, format!("  text: {text}")));
        }
        Change::AmendPolicy {
            policy: id,
            name,
            text,
        } => match policy(*id) {
            Some(p) => amended_policy(&mut out, p, name.as_deref(), text.as_deref()),
            None => out.push(line(Mark::Same, change.describe(org))),
        },
        Change::RemovePolicy { policy: id } => {
            out.push(line(Mark::Removed, change.describe(org)));
            if let Some(p) = policy(*id) {
                out.push(line(Mark::Removed, format!("  text: {}", p.text)));
            }
        }
        Change::MoveRole { .. }
        | Change::MovePolicy { .. }
        | Change::ExpandRole { .. }
        | Change::CollapseCircle { .. } => {
            out.push(line(Mark::Same, change.describe(org)));
        }
        Change::AmendCircle {
            circle,
            name,
            purpose,
            domains,
            accountabilities,
        } => match org.circle(*circle) {
            Some(c) => {
                let now = (&*c.name, &*c.purpose, &*c.domains, &*c.accountabilities);
                let given = (name, purpose, domains, accountabilities);
                amended(&mut out, "sub-circle", now, given);
            }
            None => out.push(line(Mark::Same, change.describe(org))),
        },
        Change::RemoveCircle { .. } | Change::RemoveCrossLink { .. } => {
            out.push(line(Mark::Removed, change.describe(org)))
        }
        Change::CreateCrossLink { .. } => out.push(line(Mark::Added, change.describe(org))),
        Change::CreateRolePolicy { text, .. } => {
            out.push(line(Mark::Added, change.describe(org)));
            out.push(line(Mark::Added, format!("  text: {text}")));
        }
    }
    out
}

/// What version `new` changed from `old`: each change taken out, then each put in (changes
/// in both are left out). Empty when nothing changed.
pub fn versions_diff(org: &Organisation, old: &[Change], new: &[Change]) -> Vec<DiffLine> {
    let removed = old
        .iter()
        .filter(|c| !new.contains(c))
        .map(|c| line(Mark::Removed, c.describe(org)));
    let added = new
        .iter()
        .filter(|c| !old.contains(c))
        .map(|c| line(Mark::Added, c.describe(org)));
    removed.chain(added).collect()
}
