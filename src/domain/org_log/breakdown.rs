//! A circle's process breakdown between meetings: declared on a pattern of behaviour that
//! conflicts with the constitution by whom the rule set names (4.1 §3.5.2: the super-circle's
//! Facilitator, or its Secretary or Rep Link when that Facilitator is also the sub-circle's
//! Lead Link or Facilitator; 5.0 §5.5: the Facilitator or Secretary of the circle or of any
//! circle containing it; 4.1 §3.5.4: a sub-circle's breakdown left unresolved escalates to its
//! super-circle, declared by the Facilitator of any circle containing it), and ended when the super-circle's Facilitator concludes that due
//! process is restored (4.1 §3.5.3; 5.0 §5.5.2; for the anchor circle, its own Facilitator).
//! Each is an entry of the organisation's log that can be taken back.
//!
//! Owns: those decisions and who may make them. Must not import: rusqlite, ratatui, crossterm,
//! tokio, std::fs, or the clock.

use super::{Decision, OrgChange, OrgEffect, Refusal};
use crate::domain::ids::{CircleId, PersonId};
use crate::domain::org::Organisation;
use crate::domain::ruleset::CoreRole;
use crate::domain::text::clean_line;

/// The current fillers of `core` in `circle`.
fn fillers(org: &Organisation, circle: CircleId, core: CoreRole) -> Vec<PersonId> {
    org.core_role(circle, core)
        .map(|r| {
            org.fillers_of(r.id)
                .map(|a| a.person)
                .filter(|p| org.person(*p).is_some_and(|p| p.is_current()))
                .collect()
        })
        .unwrap_or_default()
}

/// The people who may declare a process breakdown in `circle` between meetings, and the
/// article (`Rules::breakdown_between`).
pub fn declarers(org: &Organisation, circle: CircleId) -> (Vec<PersonId>, &'static str) {
    let rules = &org.rule_set().rules().breakdown_between;
    let parent = org.circle(circle).and_then(|c| c.parent);
    let mut people = Vec::new();
    if rules.own_and_containing {
        let mut at = Some(circle);
        while let Some(c) = at {
            people.extend(fillers(org, c, CoreRole::Facilitator));
            if rules.secretary {
                people.extend(fillers(org, c, CoreRole::Secretary));
            }
            at = org.circle(c).and_then(|c| c.parent);
        }
    } else if let Some(parent) = parent {
        people = fillers(org, parent, CoreRole::Facilitator);
        let inside: Vec<PersonId> = [CoreRole::Lead, CoreRole::Facilitator]
            .into_iter()
            .flat_map(|core| fillers(org, circle, core))
            .collect();
        if rules.conflicted_alternates && people.iter().any(|p| inside.contains(p)) {
            people.extend(fillers(org, parent, CoreRole::Secretary));
            people.extend(fillers(org, parent, CoreRole::Rep));
        }
    }
    let escalated = escalation(org, circle);
    people.extend(escalated.iter().copied());
    let mut seen = Vec::new();
    people.retain(|p| {
        let new = !seen.contains(p);
        seen.push(*p);
        new
    });
    match rules.escalation.filter(|_| !escalated.is_empty()) {
        Some(article) => (people, article),
        None => (people, rules.article),
    }
}

/// Who may escalate a sub-circle's unresolved breakdown into `circle`, its super-circle (4.1
/// §3.5.4): while a sub-circle of `circle` is in breakdown, the Facilitator of `circle` and
/// of every circle containing it ("any Super-Circle that ultimately contains the offending
/// Circle"). Whether the breakdown has gone unresolved for longer than a reasonable
/// timeframe is their judgment, said in the declaration's reason.
fn escalation(org: &Organisation, circle: CircleId) -> Vec<PersonId> {
    let rules = &org.rule_set().rules().breakdown_between;
    let offending = org
        .sub_circles(Some(circle))
        .any(|sub| org.breakdown(sub.id).is_some());
    if rules.escalation.is_none() || !offending {
        return Vec::new();
    }
    let mut people = Vec::new();
    let mut at = Some(circle);
    while let Some(c) = at {
        people.extend(fillers(org, c, CoreRole::Facilitator));
        at = org.circle(c).and_then(|c| c.parent);
    }
    people
}

pub(super) fn declare(
    org: &Organisation,
    actor: Option<PersonId>,
    circle: CircleId,
    reason: &str,
) -> Result<Decision, Refusal> {
    let name = org
        .circle(circle)
        .map_or("?".to_string(), |c| c.name.clone());
    if org.breakdown(circle).is_some() {
        return Err(Refusal::InBreakdown(name));
    }
    let (may, article) = declarers(org, circle);
    let Some(actor) = actor.filter(|a| may.contains(a)) else {
        return Err(Refusal::NotDeclarer {
            actor: actor.map(|a| org.person_name(a).to_string()),
            circle: name,
            may: may
                .iter()
                .map(|p| org.person_name(*p).to_string())
                .collect(),
            article,
        });
    };
    let reason = clean_line(reason);
    if reason.is_empty() {
        return Err(Refusal::NoReason);
    }
    Ok(Decision {
        change: OrgChange::BreakdownDeclared {
            circle,
            reason: reason.clone(),
        },
        effects: vec![OrgEffect::DeclareBreakdown {
            circle,
            declared_by: org.person_name(actor).to_string(),
            reason,
        }],
    })
}

/// The people who may conclude that due process is restored in `circle`, and the article:
/// the current fillers of its super-circle's Facilitator, or of its own for the anchor.
pub fn restorers(org: &Organisation, circle: CircleId) -> (Vec<PersonId>, &'static str) {
    let rules = &org.rule_set().rules().restore;
    let parent = org.circle(circle).and_then(|c| c.parent);
    let (judge, article) = match parent {
        Some(parent) => (parent, rules.article),
        None => (circle, rules.anchor),
    };
    let people = org
        .core_role(judge, CoreRole::Facilitator)
        .map(|r| {
            org.fillers_of(r.id)
                .map(|a| a.person)
                .filter(|p| org.person(*p).is_some_and(|p| p.is_current()))
                .collect()
        })
        .unwrap_or_default();
    (people, article)
}

pub(super) fn restore(
    org: &Organisation,
    actor: Option<PersonId>,
    circle: CircleId,
) -> Result<Decision, Refusal> {
    let name = org
        .circle(circle)
        .map_or("?".to_string(), |c| c.name.clone());
    let breakdown = org
        .breakdown(circle)
        .ok_or_else(|| Refusal::NoBreakdown(name.clone()))?;
    let (may, article) = restorers(org, circle);
    if actor.is_none_or(|a| !may.contains(&a)) {
        return Err(Refusal::NotRestorer {
            actor: actor.map(|a| org.person_name(a).to_string()),
            circle: name,
            may: may
                .iter()
                .map(|p| org.person_name(*p).to_string())
                .collect(),
            article,
        });
    }
    Ok(Decision {
        change: OrgChange::ProcessRestored {
            circle,
            reason: breakdown.reason.clone(),
        },
        effects: vec![OrgEffect::RestoreProcess { circle }],
    })
}
