//! Cross Links in an organisation file (4.1 §2.7): a role entry may say it is a Cross Link
//! Role and where it comes from, `cross_link = { circle = "Sales" }` or `cross_link = {
//! entity = "Millers' Guild" }`.
//!
//! Owns: `CrossLinkEntry` and the check, once every circle's name is known, that each Linked
//! Entity circle exists and is not the role's own circle, and that the rule set has Cross
//! Links. Must not import: rusqlite, ratatui, crossterm, tokio, std::fs.

use super::{CircleEntry, OrgFileError};
use crate::domain::ruleset::RuleSet;
use crate::domain::text::clean_line;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Where a Cross Link Role comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum CrossLinkEntry {
    /// Another circle of the organisation, by name.
    Circle(String),
    /// An entity or group outside the organisation, by name.
    Entity(String),
}

impl CrossLinkEntry {
    pub(super) fn clean(&mut self) {
        match self {
            CrossLinkEntry::Circle(name) | CrossLinkEntry::Entity(name) => *name = clean_line(name),
        }
    }
}

/// Every circle's name, lower-cased.
fn circle_names(circle: &CircleEntry, out: &mut HashSet<String>) {
    out.insert(circle.name.to_lowercase());
    for c in &circle.circles {
        circle_names(c, out);
    }
}

/// Checks the Cross Link Roles of `anchor` and every circle within it.
pub(super) fn validate(rules: RuleSet, anchor: &CircleEntry) -> Result<(), OrgFileError> {
    let mut names = HashSet::new();
    circle_names(anchor, &mut names);
    validate_in(rules, anchor, &names)
}

fn validate_in(
    rules: RuleSet,
    circle: &CircleEntry,
    names: &HashSet<String>,
) -> Result<(), OrgFileError> {
    let changes = rules.rules().changes;
    for role in &circle.roles {
        let Some(link) = &role.cross_link else {
            continue;
        };
        let at = format!("role \"{}\" in circle \"{}\"", role.name, circle.name);
        let refuse = |m: String| Err(OrgFileError::Invalid(format!("{at}: {m}")));
        if !changes.cross_links {
            return refuse(format!(
                "{rules} has no Cross Link; a role links into another circle when a policy of \
                 that circle invites it ({})",
                changes.cross_link
            ));
        }
        match link {
            CrossLinkEntry::Circle(name) if !names.contains(&name.to_lowercase()) => {
                return refuse(format!(
                    "unknown circle \"{name}\" (its Cross Link's source)"
                ));
            }
            CrossLinkEntry::Circle(name) if name.eq_ignore_ascii_case(&circle.name) => {
                return refuse(format!(
                    "a circle does not link into itself ({})",
                    changes.cross_link
                ));
            }
            CrossLinkEntry::Circle(name) | CrossLinkEntry::Entity(name) if name.is_empty() => {
                return refuse("name where its Cross Link comes from".into());
            }
            _ => {}
        }
    }
    for c in &circle.circles {
        validate_in(rules, c, names)?;
    }
    Ok(())
}
