//! An entry of the organisation's log in words, for a role's history and the command line.
//!
//! Owns: `OrgEntry::describe` and `OrgEntry::adoption_words`. Must not import: rusqlite, ratatui, crossterm, tokio.

use super::{OrgChange, OrgEntry};
use crate::domain::org::Organisation;
use crate::domain::ruleset::CoreRole;

impl OrgEntry {
    /// What the entry did, in words, with who did it: "Ana Silva, as Circle Lead of Bakehouse,
    /// assigned Ben Okoro to Baker (focus: Rye)". Names are today's.
    pub fn describe(&self, org: &Organisation) -> String {
        let name = |p| org.person_name(p).to_string();
        let role_name = |r| {
            org.role(r)
                .map_or("(a removed role)".to_string(), |r| r.name.clone())
        };
        let lead = CoreRole::Lead.name(org.rule_set());
        let by = |lead_of: Option<crate::domain::CircleId>| {
            let actor = self.actor.map_or("someone".to_string(), name);
            let via = match &self.change {
                OrgChange::Assigned { via, .. }
                | OrgChange::FocusChanged { via, .. }
                | OrgChange::AssignmentEnded { via, .. } => via.as_deref(),
                _ => None,
            };
            match (lead_of.and_then(|c| org.circle(c)), via) {
                (Some(c), Some(role)) => format!("{actor}, as {role} of {} (by policy),", c.name),
                (Some(c), None) => format!("{actor}, as {lead} of {},", c.name),
                (None, _) => actor,
            }
        };
        let focus = |f: &Option<String>| {
            f.as_ref()
                .map_or(String::new(), |f| format!(" (focus: {f})"))
        };
        match &self.change {
            OrgChange::PersonAdded { name, .. } => format!("{name} joined"),
            OrgChange::PersonRenamed { from, to, .. } => format!("{from} is now called {to}"),
            OrgChange::PersonLeft { person, ended } => {
                let roles = ended.len();
                let plural = if roles == 1 { "" } else { "s" };
                format!(
                    "{} left the organisation ({roles} role{plural} ended)",
                    name(*person)
                )
            }
            OrgChange::Assigned {
                role,
                person,
                focus: f,
                lead_of,
                ..
            } => format!(
                "{} assigned {} to {}{}",
                by(Some(*lead_of)),
                name(*person),
                role_name(*role),
                focus(f)
            ),
            OrgChange::FocusChanged {
                person,
                to,
                lead_of,
                ..
            } => format!(
                "{} changed the focus of {} to {}",
                by(Some(*lead_of)),
                name(*person),
                to.as_deref().unwrap_or("none")
            ),
            OrgChange::AssignmentEnded {
                role,
                person,
                lead_of: None,
                ..
            } => format!("{} resigned from {}", name(*person), role_name(*role)),
            OrgChange::AssignmentEnded {
                role,
                person,
                lead_of,
                ..
            } => format!(
                "{} ended the assignment of {} to {}",
                by(*lead_of),
                name(*person),
                role_name(*role)
            ),
            OrgChange::ChecklistItemAdded {
                role,
                text,
                frequency,
            } => format!(
                "{} added the {frequency} checklist item \"{text}\" to {}",
                by(None),
                role_name(*role)
            ),
            OrgChange::ChecklistItemEnded { role, text, .. } => format!(
                "{} ended the checklist item \"{text}\" of {}",
                by(None),
                role_name(*role)
            ),
            OrgChange::MetricAdded {
                role,
                name,
                unit,
                frequency,
            } => format!(
                "{} added the {frequency} metric \"{name}\"{} to {}",
                by(None),
                unit.as_ref().map_or(String::new(), |u| format!(" in {u}")),
                role_name(*role)
            ),
            OrgChange::MetricEnded { role, name, .. } => format!(
                "{} ended the metric \"{name}\" of {}",
                by(None),
                role_name(*role)
            ),
            OrgChange::BreakdownDeclared { circle, reason } => format!(
                "{} declared a process breakdown in {}: {reason}",
                by(None),
                org.circle(*circle).map_or("?", |c| c.name.as_str())
            ),
            OrgChange::ProcessRestored { circle, reason } => format!(
                "{} concluded that due process is restored in {} (the process breakdown: {reason})",
                by(None),
                org.circle(*circle).map_or("?", |c| c.name.as_str())
            ),
            OrgChange::Undone { seq } => format!("took back entry {seq}"),
            OrgChange::Adopted {
                rule_set,
                ratifiers,
                file,
            } => format!(
                "{} adopted the constitution ({rule_set}) with {}'s initial structure{}",
                ratifier_names(ratifiers, org),
                org.name(),
                from_file(file.as_deref())
            ),
        }
    }

    /// "adopted the constitution (holacracy-5.0), ratified by Ana Silva", for the adoption
    /// entry (where a circle's governance begins); `None` for any other entry.
    pub fn adoption_words(&self, org: &Organisation) -> Option<String> {
        let OrgChange::Adopted {
            rule_set,
            ratifiers,
            file,
        } = &self.change
        else {
            return None;
        };
        Some(format!(
            "adopted the constitution ({rule_set}), ratified by {}{}",
            ratifier_names(ratifiers, org),
            from_file(file.as_deref())
        ))
    }
}

/// The ratifiers' names, "Ana Silva and Ben Okoro".
fn ratifier_names(ratifiers: &[crate::domain::PersonId], org: &Organisation) -> String {
    let names: Vec<String> = ratifiers
        .iter()
        .map(|p| org.person_name(*p).to_string())
        .collect();
    crate::domain::text::and_list(&names, "the ratifiers (not named)")
}

/// ", from the file org.toml" for an adoption from a file.
fn from_file(file: Option<&str>) -> String {
    file.map_or(String::new(), |f| format!(", from the file {f}"))
}
