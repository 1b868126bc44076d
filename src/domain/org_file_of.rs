//! The organisation as it stands, written back as an organisation file: the inverse of
//! import, so that export then import then export gives the same text.
//!
//! Owns: which records an organisation file carries and in what order. Individual actions
//! (next actions outside any role) and processed tensions are operational history, not
//! structure, and are left out. Must not import: rusqlite, ratatui, crossterm, tokio, std::fs.

use super::org::{Circle, LinkedEntity, Organisation, Role};
use super::org_log::OrgChange;
use super::orgfile::*;

/// The whole organisation as a file.
pub fn org_file(org: &Organisation) -> OrgFile {
    let people = org
        .people()
        .iter()
        .map(|p| PersonEntry {
            name: p.name.clone(),
            email: p.email.clone(),
            left: p.left.map(|at| from_date(at.date_naive())),
        })
        .collect();
    let anchor = org
        .anchor()
        .map(|c| circle_entry(org, c))
        .unwrap_or_else(|| CircleEntry::named(org.name()));
    // Who adopted the constitution, as the adoption entry names them.
    let ratifiers = org
        .log()
        .iter()
        .find_map(|e| match &e.change {
            OrgChange::Adopted { ratifiers, .. } => Some(ratifiers),
            _ => None,
        })
        .map(|r| r.iter().map(|p| org.person_name(*p).to_string()).collect())
        .unwrap_or_default();
    OrgFile {
        name: org.name().to_string(),
        rule_set: org.rule_set(),
        people,
        ratifiers,
        circle: anchor,
    }
}

fn circle_entry(org: &Organisation, circle: &Circle) -> CircleEntry {
    CircleEntry {
        name: circle.name.clone(),
        purpose: circle.purpose.clone(),
        domains: circle.domains.clone(),
        accountabilities: circle.accountabilities.clone(),
        strategy: circle.strategy.clone(),
        roles: org
            .roles_in(circle.id)
            .filter_map(|r| role_entry(org, r))
            .collect(),
        policies: org
            .policies_of(circle.id)
            .map(|p| PolicyEntry {
                name: p.name.clone(),
                text: p.text.clone(),
                role: p.role.and_then(|r| org.role(r)).map(|r| r.name.clone()),
            })
            .collect(),
        tensions: org
            .tensions_in(circle.id)
            .filter(|t| t.open)
            .map(|t| TensionEntry {
                person: org.person_name(t.person).to_string(),
                role: t.role.and_then(|r| org.role(r)).map(|r| r.name.clone()),
                text: t.text.clone(),
                kind: t.kind,
            })
            .collect(),
        circles: org
            .sub_circles(Some(circle.id))
            .map(|c| circle_entry(org, c))
            .collect(),
    }
}

/// A role's purpose, domains and accountabilities as its file entry gives them: a core
/// role's are the rule set's, so only the domains and accountabilities added to it.
fn own_definition(org: &Organisation, role: &Role) -> (String, Vec<String>, Vec<String>) {
    let Some(core) = role.core else {
        return (
            role.purpose.clone(),
            role.domains.clone(),
            role.accountabilities.clone(),
        );
    };
    let text = org.rule_set().rules().core(core);
    let added = |list: &[String], given: &[&str]| -> Vec<String> {
        list.iter()
            .filter(|a| !given.contains(&a.as_str()))
            .cloned()
            .collect()
    };
    (
        String::new(),
        added(&role.domains, text.domains),
        added(&role.accountabilities, text.accountabilities),
    )
}

/// A role's metrics, each with every value recorded.
fn metrics(org: &Organisation, role: &Role) -> Vec<MetricEntry> {
    org.metrics_of(role.id)
        .map(|m| MetricEntry {
            name: m.name.clone(),
            unit: m.unit.clone(),
            frequency: m.frequency,
            values: org
                .values_of(m.id)
                .map(|v| MetricValueEntry {
                    date: from_date(v.period),
                    value: v.value,
                    comment: v.comment.clone(),
                })
                .collect(),
        })
        .collect()
}

/// A role's entry; for a core role only what the rule set did not give it (no entry at all
/// when that is nothing).
fn role_entry(org: &Organisation, role: &Role) -> Option<RoleEntry> {
    let (purpose, domains, accountabilities) = own_definition(org, role);
    let entry = RoleEntry {
        name: role.name.clone(),
        purpose,
        domains,
        accountabilities,
        fillers: org
            .fillers_of(role.id)
            .map(|a| FillerEntry {
                person: org.person_name(a.person).to_string(),
                focus: a.focus.clone(),
                term_end: a.term_end.map(from_date),
            })
            .collect(),
        checklist: org
            .checklist_of(role.id)
            .map(|c| ChecklistEntry {
                text: c.text.clone(),
                frequency: c.frequency,
            })
            .collect(),
        metrics: metrics(org, role),
        projects: org
            .projects_of(role.id)
            .map(|p| ProjectEntry {
                title: p.title.clone(),
                person: p.person.map(|id| org.person_name(id).to_string()),
                status: p.status,
            })
            .collect(),
        next_actions: org
            .next_actions_of(role.id)
            .map(|a| NextActionEntry {
                text: a.text.clone(),
                person: org.person_name(a.person).to_string(),
                done: a.done,
            })
            .collect(),
        cross_link: org.cross_link(role.id).map(|l| match &l.from {
            LinkedEntity::Circle { .. } => CrossLinkEntry::Circle(org.linked_entity_name(&l.from)),
            LinkedEntity::Other { name } => CrossLinkEntry::Entity(name.clone()),
        }),
    };
    let empty_core = role.core.is_some()
        && entry.domains.is_empty()
        && entry.accountabilities.is_empty()
        && entry.fillers.is_empty()
        && entry.checklist.is_empty()
        && entry.metrics.is_empty()
        && entry.projects.is_empty()
        && entry.next_actions.is_empty();
    (!empty_core).then_some(entry)
}
