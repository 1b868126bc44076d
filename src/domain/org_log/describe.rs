//! An entry of the organisation's log in words, for a role's history and the command line.
//!
//! Owns: `OrgEntry::describe` and `OrgEntry::adoption_words`. Must not import: rusqlite,
//! ratatui, crossterm, tokio.

use super::{OrgChange, OrgEntry};
use crate::domain::ids::{CircleId, PersonId, RoleId};
use crate::domain::org::Organisation;
use crate::domain::ruleset::CoreRole;

impl OrgEntry {
    /// What the entry did, in words, with who did it: "Ana Silva, as Circle Lead of Bakehouse,
    /// assigned Ben Okoro to Baker (focus: Rye)". Names are today's.
    pub fn describe(&self, org: &Organisation) -> String {
        match &self.change {
            OrgChange::PersonAdded { .. }
            | OrgChange::PersonRenamed { .. }
            | OrgChange::PersonLeft { .. } => self.person_words(org),
            OrgChange::Assigned { .. }
            | OrgChange::FocusChanged { .. }
            | OrgChange::AssignmentEnded { .. } => self.assignment_words(org),
            OrgChange::ChecklistItemAdded { .. }
            | OrgChange::ChecklistItemEnded { .. }
            | OrgChange::MetricAdded { .. }
            | OrgChange::MetricEnded { .. } => self.record_words(org),
            OrgChange::BreakdownDeclared { .. } | OrgChange::ProcessRestored { .. } => {
                self.breakdown_words(org)
            }
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

    /// A person joining, renamed, or leaving.
    /// Any other entry has no words here.
    fn person_words(&self, org: &Organisation) -> String {
        match &self.change {
            OrgChange::PersonAdded { name, .. } => format!("{name} joined"),
            OrgChange::PersonRenamed { from, to, .. } => format!("{from} is now called {to}"),
            OrgChange::PersonLeft { person, ended } => {
                let roles = ended.len();
                let plural = if roles == 1 { "" } else { "s" };
                format!(
                    "{} left the organisation ({roles} role{plural} ended)",
                    person_name(org, *person)
                )
            }
            _ => String::new(),
        }
    }

    /// An assignment made, refocused, ended or resigned from, with who did it.
    /// Any other entry has no words here.
    fn assignment_words(&self, org: &Organisation) -> String {
        match &self.change {
            OrgChange::Assigned {
                role,
                person,
                focus: f,
                lead_of,
                ..
            } => format!(
                "{} assigned {} to {}{}",
                self.by(org, Some(*lead_of)),
                person_name(org, *person),
                role_name(org, *role),
                focus(f)
            ),
            OrgChange::FocusChanged {
                person,
                to,
                lead_of,
                ..
            } => format!(
                "{} changed the focus of {} to {}",
                self.by(org, Some(*lead_of)),
                person_name(org, *person),
                to.as_deref().unwrap_or("none")
            ),
            OrgChange::AssignmentEnded {
                role,
                person,
                lead_of: None,
                ..
            } => format!(
                "{} resigned from {}",
                person_name(org, *person),
                role_name(org, *role)
            ),
            OrgChange::AssignmentEnded {
                role,
                person,
                lead_of,
                ..
            } => format!(
                "{} ended the assignment of {} to {}",
                self.by(org, *lead_of),
                person_name(org, *person),
                role_name(org, *role)
            ),
            _ => String::new(),
        }
    }

    /// A role's checklist item or metric added or ended, with who did it.
    /// Any other entry has no words here.
    fn record_words(&self, org: &Organisation) -> String {
        match &self.change {
            OrgChange::ChecklistItemAdded {
                role,
                text,
                frequency,
            } => format!(
                "{} added the {frequency} checklist item \"{text}\" to {}",
                self.by(org, None),
                role_name(org, *role)
            ),
            OrgChange::ChecklistItemEnded { role, text, .. } => format!(
                "{} ended the checklist item \"{text}\" of {}",
                self.by(org, None),
                role_name(org, *role)
            ),
            OrgChange::MetricAdded {
                role,
                name,
                unit,
                frequency,
            } => format!(
                "{} added the {frequency} metric \"{name}\"{} to {}",
                self.by(org, None),
                unit.as_ref().map_or(String::new(), |u| format!(" in {u}")),
                role_name(org, *role)
            ),
            OrgChange::MetricEnded { role, name, .. } => format!(
                "{} ended the metric \"{name}\" of {}",
                self.by(org, None),
                role_name(org, *role)
            ),
            _ => String::new(),
        }
    }

    /// A process breakdown declared, or due process restored, with who did it.
    /// Any other entry has no words here.
    fn breakdown_words(&self, org: &Organisation) -> String {
        match &self.change {
            OrgChange::BreakdownDeclared { circle, reason } => format!(
                "{} declared a process breakdown in {}: {reason}",
                self.by(org, None),
                org.circle(*circle).map_or("?", |c| c.name.as_str())
            ),
            OrgChange::ProcessRestored { circle, reason } => format!(
                "{} concluded that due process is restored in {} (the process breakdown: {reason})",
                self.by(org, None),
                org.circle(*circle).map_or("?", |c| c.name.as_str())
            ),
            _ => String::new(),
        }
    }

    /// Who did it, as the entry's words start: "Ana Silva, as Circle Lead of Bakehouse,",
    /// "Ana Silva, as Scheduler of Bakehouse (by policy)," when a policy gave the Lead's
    /// authority to a role, or only the actor's name (someone's, when none is recorded).
    fn by(&self, org: &Organisation, lead_of: Option<CircleId>) -> String {
        let actor = self
            .actor
            .map_or("someone".to_string(), |p| person_name(org, p));
        let via = match &self.change {
            OrgChange::Assigned { via, .. }
            | OrgChange::FocusChanged { via, .. }
            | OrgChange::AssignmentEnded { via, .. } => via.as_deref(),
            _ => None,
        };
        let lead = CoreRole::Lead.name(org.rule_set());
        match (lead_of.and_then(|c| org.circle(c)), via) {
            (Some(c), Some(role)) => format!("{actor}, as {role} of {} (by policy),", c.name),
            (Some(c), None) => format!("{actor}, as {lead} of {},", c.name),
            (None, _) => actor,
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

/// A person's name today.
fn person_name(org: &Organisation, person: PersonId) -> String {
    org.person_name(person).to_string()
}

/// A role's name today, or "(a removed role)".
fn role_name(org: &Organisation, role: RoleId) -> String {
    org.role(role)
        .map_or("(a removed role)".to_string(), |r| r.name.clone())
}

/// " (focus: Rye)" for an assignment with a focus.
fn focus(focus: &Option<String>) -> String {
    focus
        .as_ref()
        .map_or(String::new(), |f| format!(" (focus: {f})"))
}

/// The ratifiers' names, "Ana Silva and Ben Okoro".
fn ratifier_names(ratifiers: &[PersonId], org: &Organisation) -> String {
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
