//! Ending a circle's process breakdown between meetings: the super-circle's Facilitator
//! concludes that due process is restored (4.1 §3.5.3; 5.0 §5.5.2; for the anchor circle, its
//! own Facilitator), an entry of the organisation's log that can be taken back.
//!
//! Owns: that decision and who may make it. Must not import: rusqlite, ratatui, crossterm,
//! tokio, std::fs, or the clock.

use super::{Decision, OrgChange, OrgEffect, Refusal};
use crate::domain::ids::{CircleId, PersonId};
use crate::domain::org::Organisation;
use crate::domain::ruleset::CoreRole;

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
