//! A circle's operational records on a role, between meetings: adding and ending the checklist
//! items and metrics its filler reports in tactical meetings. Who may is the rule set's
//! (`RuleSet::rules().records`): under both, the circle's Secretary (who keeps the records)
//! or the role's own filler for checklist items; metrics likewise under 5.0, but under 4.1
//! only the circle's Lead Link defines them.
//!
//! Owns: those decisions and who may make them. Must not import: rusqlite, ratatui,
//! crossterm, tokio, std::fs, or the clock.

use super::{Decision, OrgChange, OrgEffect, Refusal};
use crate::domain::ids::{ChecklistItemId, MetricId, PersonId, RoleId};
use crate::domain::names::same_name;
use crate::domain::org::{Frequency, Organisation, Role};
use crate::domain::rules::Definers;
use crate::domain::ruleset::CoreRole;
use crate::domain::text::clean_line;

/// Which kind of record a request is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    /// A role's checklist item.
    Checklist,
    /// A role's metric.
    Metric,
}

impl RecordKind {
    fn words(self) -> &'static str {
        match self {
            RecordKind::Checklist => "checklist items",
            RecordKind::Metric => "metrics",
        }
    }
}

/// The people who may add or end `kind` on `role` now, and the article that says so.
pub fn definers(
    org: &Organisation,
    role: &Role,
    kind: RecordKind,
) -> (Vec<PersonId>, &'static str) {
    let rules = &org.rule_set().rules().records;
    let (who, article) = match kind {
        RecordKind::Checklist => (rules.checklist, rules.checklist_article),
        RecordKind::Metric => (rules.metrics, rules.metrics_article),
    };
    let fillers_of = |r: Option<&Role>| -> Vec<PersonId> {
        r.map(|r| org.fillers_of(r.id).map(|a| a.person).collect())
            .unwrap_or_default()
    };
    let mut people = match who {
        Definers::Lead => fillers_of(org.core_role(role.circle, CoreRole::Lead)),
        Definers::SecretaryOrFiller => {
            let mut p = fillers_of(org.core_role(role.circle, CoreRole::Secretary));
            p.extend(fillers_of(Some(role)));
            p
        }
    };
    people.retain(|p| org.person(*p).is_some_and(|p| p.is_current()));
    let mut seen = std::collections::HashSet::new();
    people.retain(|p| seen.insert(*p));
    (people, article)
}

fn may(
    org: &Organisation,
    actor: Option<PersonId>,
    role: &Role,
    kind: RecordKind,
) -> Result<(), Refusal> {
    let (people, article) = definers(org, role, kind);
    let names = || {
        people
            .iter()
            .map(|p| org.person_name(*p).to_string())
            .collect()
    };
    match actor {
        Some(a) if people.contains(&a) => Ok(()),
        Some(a) => Err(Refusal::NotRecordKeeper {
            actor: org.person_name(a).to_string(),
            what: kind.words(),
            role: role.name.clone(),
            may: names(),
            article,
        }),
        None => Err(Refusal::NoRecordKeeper {
            what: kind.words(),
            role: role.name.clone(),
            may: names(),
            article,
        }),
    }
}

fn words(text: &str) -> Result<String, Refusal> {
    let text = clean_line(text);
    if text.is_empty() {
        Err(Refusal::EmptyText)
    } else {
        Ok(text)
    }
}

pub(super) fn add_checklist_item(
    org: &Organisation,
    actor: Option<PersonId>,
    role: RoleId,
    text: &str,
    frequency: Frequency,
) -> Result<Decision, Refusal> {
    let r = org.role(role).ok_or(Refusal::UnknownRole)?;
    may(org, actor, r, RecordKind::Checklist)?;
    let text = words(text)?;
    if org.checklist_of(role).any(|c| same_name(&c.text, &text)) {
        return Err(Refusal::RecordTaken(text));
    }
    Ok(Decision {
        change: OrgChange::ChecklistItemAdded {
            role,
            text: text.clone(),
            frequency,
        },
        effects: vec![OrgEffect::AddChecklistItem {
            role,
            text,
            frequency,
        }],
    })
}

pub(super) fn add_metric(
    org: &Organisation,
    actor: Option<PersonId>,
    role: RoleId,
    name: &str,
    unit: &Option<String>,
    frequency: Frequency,
) -> Result<Decision, Refusal> {
    let r = org.role(role).ok_or(Refusal::UnknownRole)?;
    may(org, actor, r, RecordKind::Metric)?;
    let name = words(name)?;
    if org.metrics_of(role).any(|m| same_name(&m.name, &name)) {
        return Err(Refusal::RecordTaken(name));
    }
    let unit = unit.as_deref().map(clean_line).filter(|u| !u.is_empty());
    Ok(Decision {
        change: OrgChange::MetricAdded {
            role,
            name: name.clone(),
            unit: unit.clone(),
            frequency,
        },
        effects: vec![OrgEffect::AddMetric {
            role,
            name,
            unit,
            frequency,
        }],
    })
}

pub(super) fn end_checklist_item(
    org: &Organisation,
    actor: Option<PersonId>,
    item: ChecklistItemId,
) -> Result<Decision, Refusal> {
    let c = org.checklist_item(item).ok_or(Refusal::NoSuchRecord)?;
    if c.ended.is_some() {
        return Err(Refusal::RecordEnded(c.text.clone()));
    }
    let r = org.role(c.role).ok_or(Refusal::UnknownRole)?;
    may(org, actor, r, RecordKind::Checklist)?;
    Ok(Decision {
        change: OrgChange::ChecklistItemEnded {
            role: c.role,
            item,
            text: c.text.clone(),
        },
        effects: vec![OrgEffect::EndChecklistItem { item }],
    })
}

pub(super) fn end_metric(
    org: &Organisation,
    actor: Option<PersonId>,
    metric: MetricId,
) -> Result<Decision, Refusal> {
    let m = org.metric(metric).ok_or(Refusal::NoSuchRecord)?;
    if m.ended.is_some() {
        return Err(Refusal::RecordEnded(m.name.clone()));
    }
    let r = org.role(m.role).ok_or(Refusal::UnknownRole)?;
    may(org, actor, r, RecordKind::Metric)?;
    Ok(Decision {
        change: OrgChange::MetricEnded {
            role: m.role,
            metric,
            name: m.name.clone(),
        },
        effects: vec![OrgEffect::EndMetric { metric }],
    })
}
