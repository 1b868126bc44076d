//! Cross Links into a circle (4.1 §2.7): which roles are Cross Link Roles, where each comes
//! from, and the text a Cross Link Role has when the Linked Entity is a circle or a group.
//!
//! Owns: the lookups on `OrgRecords::cross_links` and `cross_link_role`. Who may make one is
//! the governance changes' (`meeting::governance::change`); membership is `membership`'s.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::{CrossLink, LinkedEntity, Organisation, Role};
use crate::domain::ids::{CircleId, RoleId};

/// The definition of a new Cross Link Role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossLinkRole {
    pub name: String,
    pub purpose: String,
    pub accountabilities: Vec<String>,
}

/// 4.1 §2.7.1: "the Cross Link Role has the same Purpose and Accountabilities as a Rep Link,
/// but with the “Circle” referenced in the Rep Link Role description instead meaning the
/// Linked Entity, and the “Super-Circle” instead meaning the Target Circle" (the Rep Link's
/// are 4.1 Appendix A's).
pub fn cross_link_role(entity: &str, target: &str) -> CrossLinkRole {
    CrossLinkRole {
        name: format!("Cross Link from {entity}"),
        purpose: format!(
            "Within {target}, the Cross Link holds the Purpose of {entity}; within {entity}, \
             the Cross Link’s Purpose is: Tensions relevant to process in {target} channeled \
             out and resolved."
        ),
        accountabilities: vec![
            format!("Removing constraints within the broader Organization that limit {entity}"),
            format!(
                "Seeking to understand Tensions conveyed by {entity}'s members, and discerning \
                 those appropriate to process in {target}"
            ),
            format!(
                "Providing visibility to {target} into the health of {entity}, including \
                 reporting on any metrics or checklist items assigned to the whole of {entity}"
            ),
        ],
    }
}

impl Organisation {
    /// The Cross Link whose role this is, if it is one.
    pub fn cross_link(&self, role: RoleId) -> Option<&CrossLink> {
        self.records.cross_links.iter().find(|l| l.role == role)
    }

    /// The Cross Links into `circle` (its Target Circle), with their roles, in role order.
    pub fn cross_links_into(&self, circle: CircleId) -> Vec<(&Role, &CrossLink)> {
        self.roles_in(circle)
            .filter_map(|r| self.cross_link(r.id).map(|l| (r, l)))
            .collect()
    }

    /// The Linked Entity's name: a circle's as it stands (or last stood), else as given.
    pub fn linked_entity_name(&self, from: &LinkedEntity) -> String {
        match from {
            LinkedEntity::Circle { circle } => self
                .circle(*circle)
                .map(|c| c.name.clone())
                .or_else(|| {
                    self.history_of_circle(*circle)
                        .last()
                        .map(|v| v.name.clone())
                })
                .unwrap_or_else(|| "?".to_string()),
            LinkedEntity::Other { name } => name.clone(),
        }
    }
}
