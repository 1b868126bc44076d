//! Who may assign people to a role between meetings, and the decisions that need it:
//! assigning, changing a focus, ending an assignment. The articles come from the rule set's
//! one definition (`RuleSet::rules().assignment`).
//!
//! Owns: `assignment_authority` and the assignment decisions. Must not import: rusqlite,
//! ratatui, crossterm, tokio, std::fs, or the clock.

use super::{Decision, OrgChange, OrgEffect, Refusal};
use crate::domain::ids::{AssignmentId, CircleId, PersonId, RoleId};
use crate::domain::org::{Assignment, LinkedEntity, Organisation, Role};
use crate::domain::rules::delegation::Delegation;
use crate::domain::ruleset::CoreRole;

/// Who may assign people to a role: the current fillers of one circle's Lead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authority {
    /// The circle whose Lead acts.
    pub lead_of: CircleId,
    /// The people who may act, in order of assignment.
    pub people: Vec<PersonId>,
    /// The article that gives them the authority.
    pub article: &'static str,
    /// "Circle Lead of Bakehouse", for the screen and refusals.
    pub as_lead: String,
    /// The role acting instead of the Lead, where a policy delegates the circle's role
    /// assignments to it (5.0 §1.4.1).
    pub via: Option<String>,
}

/// The current (not former) fillers of a circle's Lead.
fn leads_of(org: &Organisation, circle: CircleId) -> Vec<PersonId> {
    org.core_role(circle, CoreRole::Lead)
        .map(|lead| {
            org.fillers_of(lead.id)
                .map(|a| a.person)
                .filter(|p| org.person(*p).is_some_and(|p| p.is_current()))
                .collect()
        })
        .unwrap_or_default()
}

/// Who may assign people to `role`. Elected roles are filled only by elections (4.1 §2.5.1;
/// 5.0 §5.1.1, §5.1.2). A circle's own Lead assigns its roles (4.1 §2.4; 5.0 §1.4.1); a
/// sub-circle's Lead is assigned by the super-circle's Lead (4.1 §2.6.3; 5.0 §1.4). A circle
/// whose Lead is unfilled is covered by the Lead above (4.1 §2.4.1; 5.0 §1.4.2).
pub fn assignment_authority(org: &Organisation, role: &Role) -> Result<Authority, Refusal> {
    let rule_set = org.rule_set();
    let rules = &rule_set.rules().assignment;
    let lead = CoreRole::Lead.name(rule_set).to_string();
    if let Some(core) = role.core.filter(|c| c.is_elected()) {
        return Err(Refusal::Elected {
            role: core.name(rule_set).to_string(),
            article: rules.elected_only_by_election,
        });
    }
    let circle = org.circle(role.circle).ok_or(Refusal::UnknownRole)?;
    let (mut over, mut article) = if let Some(link) = org.cross_link(role.id) {
        // 4.1 §2.7.2: a circle linked in assigns as it assigns its own roles; a group
        // outside, with no single locus of authority here, leaves it to the Target Circle.
        let from = match link.from {
            LinkedEntity::Circle { circle } => circle,
            LinkedEntity::Other { .. } => circle.id,
        };
        (from, rules.linked_role_assignment)
    } else if role.core == Some(CoreRole::Lead) {
        let Some(parent) = circle.parent else {
            return Err(Refusal::AnchorLead {
                lead,
                article: rules.anchor_lead,
            });
        };
        (parent, rules.super_lead_assigns_lead)
    } else {
        (circle.id, rules.lead_assigns)
    };
    loop {
        let people = leads_of(org, over);
        let name = org.circle(over).map_or("", |c| c.name.as_str()).to_string();
        if !people.is_empty() {
            return Ok(Authority {
                lead_of: over,
                people,
                article,
                as_lead: format!("{lead} of {name}"),
                via: None,
            });
        }
        if let Some(delegated) = delegated(org, over, &name)? {
            return Ok(delegated);
        }
        match org.circle(over).and_then(|c| c.parent) {
            Some(parent) => {
                over = parent;
                article = rules.unfilled_lead_covered;
            }
            // Up to the anchor circle and nobody fills a Lead on the way.
            None => {
                return Err(Refusal::NoLead {
                    circle: name,
                    lead,
                    article: rules.anchor_lead,
                });
            }
        }
    }
}

/// The role a policy of a circle without a Lead gives control of its role assignments to
/// (5.0 §1.4.1 "unless the Circle has delegated control of Role assignments to a different
/// Role or process"): its current fillers assign. `None` when the circle has a Lead role or
/// no such policy.
fn delegated(
    org: &Organisation,
    circle: CircleId,
    name: &str,
) -> Result<Option<Authority>, Refusal> {
    let Some(article) = org.rule_set().rules().assignment.delegation else {
        return Ok(None);
    };
    if org.core_role(circle, CoreRole::Lead).is_some() {
        return Ok(None);
    }
    let Some(delegation) = org
        .policies_of(circle)
        .find_map(|p| Delegation::of_policy(&p.text))
    else {
        return Ok(None);
    };
    let role_name = match delegation {
        Delegation::Governance => {
            return Err(Refusal::ByGovernance {
                circle: name.to_string(),
                article,
            });
        }
        Delegation::Role(role) => role,
    };
    let role = org
        .roles_in(circle)
        .find(|r| r.name.eq_ignore_ascii_case(&role_name));
    let people: Vec<PersonId> = role
        .map(|r| {
            org.fillers_of(r.id)
                .map(|a| a.person)
                .filter(|p| org.person(*p).is_some_and(|p| p.is_current()))
                .collect()
        })
        .unwrap_or_default();
    if people.is_empty() {
        return Err(Refusal::NoDelegate {
            role: role_name,
            circle: name.to_string(),
            article,
        });
    }
    Ok(Some(Authority {
        lead_of: circle,
        people,
        article,
        as_lead: format!("{role_name} role of {name}"),
        via: Some(role_name),
    }))
}

/// The authority over `role`, checked against the actor.
fn authorised(
    org: &Organisation,
    actor: Option<PersonId>,
    role: &Role,
) -> Result<Authority, Refusal> {
    let authority = assignment_authority(org, role)?;
    let may = || {
        authority
            .people
            .iter()
            .map(|p| org.person_name(*p).to_string())
            .collect()
    };
    match actor {
        None => Err(Refusal::NoActor {
            may: may(),
            as_lead: authority.as_lead.clone(),
            article: authority.article,
        }),
        Some(actor) if !authority.people.contains(&actor) => Err(Refusal::NotLead {
            actor: org.person_name(actor).to_string(),
            may: may(),
            as_lead: authority.as_lead.clone(),
            article: authority.article,
        }),
        Some(_) => Ok(authority),
    }
}

/// The circle's Lead may not also fill some elected roles (4.1 §2.5.1; 5.0 §5.1.1): a person
/// filling one of them is refused as Lead. Under 4.1 a circle has one Lead Link.
fn lead_limits(org: &Organisation, role: &Role, person: PersonId) -> Result<(), Refusal> {
    if role.core != Some(CoreRole::Lead) {
        return Ok(());
    }
    let rule_set = org.rule_set();
    let rules = rule_set.rules();
    let lead = CoreRole::Lead.name(rule_set).to_string();
    for a in org.assignments_of(person) {
        let Some(held) = org.role(a.role).filter(|r| r.circle == role.circle) else {
            continue;
        };
        if let Some(core) = held.core.filter(|c| !rules.lead_may_fill(*c)) {
            return Err(Refusal::LeadMayNotFill {
                person: org.person_name(person).to_string(),
                holds: core.name(rule_set).to_string(),
                lead,
                article: rules.assignment.lead_not_also,
            });
        }
    }
    if rules.assignment.one_lead
        && let Some(current) = org.fillers_of(role.id).next()
    {
        return Err(Refusal::OneLead {
            lead,
            current: org.person_name(current.person).to_string(),
            article: rules.assignment.super_lead_assigns_lead,
        });
    }
    Ok(())
}

pub(super) fn assign(
    org: &Organisation,
    actor: Option<PersonId>,
    role: RoleId,
    person: PersonId,
    focus: Option<String>,
) -> Result<Decision, Refusal> {
    let role = org.role(role).ok_or(Refusal::UnknownRole)?;
    let authority = authorised(org, actor, role)?;
    let who = org.person(person).ok_or(Refusal::UnknownPerson)?;
    if !who.is_current() {
        return Err(Refusal::FormerMember(who.name.clone()));
    }
    if org
        .fillers_of(role.id)
        .any(|a| a.person == person && a.focus == focus)
    {
        return Err(Refusal::AlreadyFills {
            person: who.name.clone(),
            role: role.name.clone(),
        });
    }
    lead_limits(org, role, person)?;
    if org.cross_link(role.id).is_some()
        && let Some(current) = org.fillers_of(role.id).next()
    {
        return Err(Refusal::OneCrossLink {
            role: role.name.clone(),
            current: org.person_name(current.person).to_string(),
            article: org.rule_set().rules().assignment.linked_role_assignment,
        });
    }
    Ok(Decision {
        change: OrgChange::Assigned {
            role: role.id,
            person,
            focus: focus.clone(),
            lead_of: authority.lead_of,
            via: authority.via,
        },
        effects: vec![OrgEffect::Assign {
            role: role.id,
            person,
            focus,
        }],
    })
}

/// A current assignment and its role.
fn current(org: &Organisation, id: AssignmentId) -> Result<(&Assignment, &Role), Refusal> {
    let assignment = org.assignment(id).ok_or(Refusal::NotCurrent)?;
    let role = org.role(assignment.role).ok_or(Refusal::UnknownRole)?;
    Ok((assignment, role))
}

/// The Lead may focus an assignment on a context (4.1 §2.4.2; 5.0 §1.4.1).
pub(super) fn change_focus(
    org: &Organisation,
    actor: Option<PersonId>,
    assignment: AssignmentId,
    focus: Option<String>,
) -> Result<Decision, Refusal> {
    let (a, role) = current(org, assignment)?;
    let authority = authorised(org, actor, role)?;
    if a.focus == focus {
        return Err(Refusal::SameFocus);
    }
    Ok(Decision {
        change: OrgChange::FocusChanged {
            role: role.id,
            assignment,
            person: a.person,
            from: a.focus.clone(),
            to: focus.clone(),
            lead_of: authority.lead_of,
            via: authority.via,
        },
        effects: vec![OrgEffect::SetFocus { assignment, focus }],
    })
}

/// The Lead revokes an assignment, or its filler resigns (4.1 §2.4.3; 5.0 §1.4.1: "Anyone so
/// assigned may later resign from filling the Role"). Elected roles end only by election.
pub(super) fn end(
    org: &Organisation,
    actor: Option<PersonId>,
    assignment: AssignmentId,
) -> Result<Decision, Refusal> {
    let (a, role) = current(org, assignment)?;
    let (lead_of, via) = if actor == Some(a.person) && !role.core.is_some_and(|c| c.is_elected()) {
        (None, None)
    } else {
        let authority = authorised(org, actor, role)?;
        (Some(authority.lead_of), authority.via)
    };
    Ok(Decision {
        change: OrgChange::AssignmentEnded {
            role: role.id,
            assignment,
            person: a.person,
            lead_of,
            via,
        },
        effects: vec![OrgEffect::EndAssignment { assignment }],
    })
}
