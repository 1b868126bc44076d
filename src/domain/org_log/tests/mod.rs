//! Each rule of the organisation's log, and each refusal, by the article that makes it: here
//! the organisation the tests start from and recording a decision as a store would; in
//! `assign` who assigns roles; in `people` people, undo and "as of a date".

mod assign;
mod breakdown;
mod delegation;
mod people;
mod records;

use super::*;
use crate::domain::ids::*;
use crate::domain::org::{Assignment, Circle, OrgRecords, Person, Role};
use crate::domain::ruleset::{CoreRole, RuleSet};
use chrono::TimeZone;

pub(super) const ANA: PersonId = PersonId(1);
pub(super) const BEN: PersonId = PersonId(2);
pub(super) const CAI: PersonId = PersonId(3);
pub(super) const DEE: PersonId = PersonId(4);
pub(super) const ANCHOR_LEAD: RoleId = RoleId(10);
pub(super) const ANCHOR_FACILITATOR: RoleId = RoleId(11);
pub(super) const BAKER: RoleId = RoleId(13);
pub(super) const OVENS_LEAD: RoleId = RoleId(20);
pub(super) const OVENS_REP: RoleId = RoleId(23);
pub(super) const STOKER: RoleId = RoleId(24);

pub(super) fn role(id: i64, circle: i64, name: &str, core: Option<CoreRole>) -> Role {
    Role {
        id: RoleId(id),
        circle: CircleId(circle),
        name: name.into(),
        purpose: String::new(),
        domains: vec![],
        accountabilities: vec![],
        core,
    }
}

pub(super) fn filler(id: i64, role: RoleId, person: PersonId) -> Assignment {
    Assignment {
        id: AssignmentId(id),
        role,
        person,
        focus: None,
        term_end: None,
        since: None,
        until: None,
    }
}

/// Co (anchor: Ana is its Lead; Baker) and its sub-circle Ovens (Lead unfilled; Stoker).
/// Dee has left.
pub(super) fn org_with(rules: RuleSet, assignments: Vec<Assignment>) -> Organisation {
    let person = |id, name: &str, left: bool| Person {
        id: PersonId(id),
        name: name.into(),
        email: None,
        left: left.then(|| Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()),
    };
    let circle = |id, parent: Option<i64>, name: &str| Circle {
        id: CircleId(id),
        parent: parent.map(CircleId),
        name: name.into(),
        purpose: String::new(),
        strategy: None,
        domains: vec![],
        accountabilities: vec![],
    };
    Organisation::new(OrgRecords {
        name: "Co".into(),
        rule_set: rules,
        people: vec![
            person(1, "Ana", false),
            person(2, "Ben", false),
            person(3, "Cai", false),
            person(4, "Dee", true),
        ],
        circles: vec![circle(1, None, "Co"), circle(2, Some(1), "Ovens")],
        roles: vec![
            role(10, 1, CoreRole::Lead.name(rules), Some(CoreRole::Lead)),
            role(11, 1, "Facilitator", Some(CoreRole::Facilitator)),
            role(12, 1, "Secretary", Some(CoreRole::Secretary)),
            role(13, 1, "Baker", None),
            role(20, 2, CoreRole::Lead.name(rules), Some(CoreRole::Lead)),
            role(21, 2, "Facilitator", Some(CoreRole::Facilitator)),
            role(22, 2, "Secretary", Some(CoreRole::Secretary)),
            role(23, 2, CoreRole::Rep.name(rules), Some(CoreRole::Rep)),
            role(24, 2, "Stoker", None),
        ],
        assignments,
        ..OrgRecords::default()
    })
}

pub(super) fn org(rules: RuleSet) -> Organisation {
    org_with(rules, vec![filler(1, ANCHOR_LEAD, ANA)])
}

pub(super) fn assign(role: RoleId, person: PersonId) -> OrgRequest {
    OrgRequest::Assign {
        role,
        person,
        focus: None,
    }
}

/// The organisation after recording `decision` as a store would: the entry in the log, the
/// effects on the records (new rows numbered after the highest).
pub(super) fn recorded(
    org: &Organisation,
    decision: Decision,
    actor: Option<PersonId>,
) -> Organisation {
    let mut r = org.records().clone();
    let seq = r.log.len() as u64 + 1;
    let at =
        Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap() + chrono::Duration::days(seq as i64);
    for effect in &decision.effects {
        match effect {
            OrgEffect::AddPerson { .. }
            | OrgEffect::RenamePerson { .. }
            | OrgEffect::MarkLeft { .. } => people(&mut r, effect, at),
            OrgEffect::Assign { .. }
            | OrgEffect::SetFocus { .. }
            | OrgEffect::EndAssignment { .. } => assignments(&mut r, effect, at),
            OrgEffect::AddChecklistItem { .. }
            | OrgEffect::EndChecklistItem { .. }
            | OrgEffect::AddMetric { .. }
            | OrgEffect::EndMetric { .. } => role_records(&mut r, effect, at),
            OrgEffect::RestoreProcess { .. } | OrgEffect::DeclareBreakdown { .. } => {
                breakdowns(&mut r, effect, at, actor)
            }
            OrgEffect::TakeBack { .. } => panic!("undo is checked on its effects, not replayed"),
        }
    }
    r.log.push(OrgEntry {
        seq,
        at,
        actor,
        change: decision.change,
    });
    Organisation::new(r)
}

/// The id after the highest of `ids`, as a store numbers a new row.
fn next(ids: &mut dyn Iterator<Item = i64>) -> i64 {
    ids.max().unwrap_or(0) + 1
}

/// As `recorded` writes a person added (numbered after the highest), renamed, or gone; any
/// other effect is not this one's.
fn people(r: &mut OrgRecords, effect: &OrgEffect, at: DateTime<Utc>) {
    match effect {
        OrgEffect::AddPerson { name, email } => {
            let id = next(&mut r.people.iter().map(|p| p.id.0));
            r.people.push(Person {
                id: PersonId(id),
                name: name.clone(),
                email: email.clone(),
                left: None,
            });
        }
        OrgEffect::RenamePerson { person, name } => {
            r.people
                .iter_mut()
                .filter(|p| p.id == *person)
                .for_each(|p| p.name = name.clone());
        }
        OrgEffect::MarkLeft { person } => {
            r.people
                .iter_mut()
                .filter(|p| p.id == *person)
                .for_each(|p| p.left = Some(at));
        }
        _ => {}
    }
}

/// As `recorded` writes an assignment made (numbered after the highest, ended ones too),
/// refocused or ended; any other effect is not this one's.
fn assignments(r: &mut OrgRecords, effect: &OrgEffect, at: DateTime<Utc>) {
    match effect {
        OrgEffect::Assign {
            role,
            person,
            focus,
        } => {
            let id = next(
                &mut r
                    .assignments
                    .iter()
                    .chain(&r.ended_assignments)
                    .map(|a| a.id.0),
            );
            r.assignments.push(Assignment {
                focus: focus.clone(),
                since: Some(at),
                ..filler(id, *role, *person)
            });
        }
        OrgEffect::SetFocus { assignment, focus } => {
            r.assignments
                .iter_mut()
                .filter(|a| a.id == *assignment)
                .for_each(|a| a.focus = focus.clone());
        }
        OrgEffect::EndAssignment { assignment } => {
            let (ended, kept) = std::mem::take(&mut r.assignments)
                .into_iter()
                .partition(|a| a.id == *assignment);
            r.assignments = kept;
            let ended: Vec<Assignment> = ended;
            r.ended_assignments
                .extend(ended.into_iter().map(|a| Assignment {
                    until: Some(at),
                    ..a
                }));
        }
        _ => {}
    }
}

/// As `recorded` writes a checklist item or metric added (numbered after the highest) or
/// ended; any other effect is not this one's.
fn role_records(r: &mut OrgRecords, effect: &OrgEffect, at: DateTime<Utc>) {
    match effect {
        OrgEffect::AddChecklistItem {
            role,
            text,
            frequency,
        } => {
            let id = next(&mut r.checklist.iter().map(|c| c.id.0));
            r.checklist.push(crate::domain::org::ChecklistItem {
                id: ChecklistItemId(id),
                role: *role,
                text: text.clone(),
                frequency: *frequency,
                ended: None,
                added: Some(at),
            });
        }
        OrgEffect::EndChecklistItem { item } => r
            .checklist
            .iter_mut()
            .filter(|c| c.id == *item)
            .for_each(|c| c.ended = Some(at)),
        OrgEffect::AddMetric {
            role,
            name,
            unit,
            frequency,
        } => {
            let id = next(&mut r.metrics.iter().map(|m| m.id.0));
            r.metrics.push(crate::domain::org::Metric {
                id: MetricId(id),
                role: *role,
                name: name.clone(),
                unit: unit.clone(),
                frequency: *frequency,
                ended: None,
            });
        }
        OrgEffect::EndMetric { metric } => r
            .metrics
            .iter_mut()
            .filter(|m| m.id == *metric)
            .for_each(|m| m.ended = Some(at)),
        _ => {}
    }
}

/// As `recorded` writes a process breakdown declared, or the circle's open one restored by
/// `actor`; any other effect is not this one's.
fn breakdowns(r: &mut OrgRecords, effect: &OrgEffect, at: DateTime<Utc>, actor: Option<PersonId>) {
    match effect {
        OrgEffect::RestoreProcess { circle } => r
            .breakdowns
            .iter_mut()
            .filter(|b| b.circle == *circle && b.restored_at.is_none())
            .for_each(|b| {
                b.restored_at = Some(at);
                b.restored_by = actor;
            }),
        OrgEffect::DeclareBreakdown {
            circle,
            declared_by,
            reason,
        } => r.breakdowns.push(crate::domain::org::Breakdown {
            circle: *circle,
            declared_at: at,
            declared_by: declared_by.clone(),
            reason: reason.clone(),
            meeting: None,
            restored_at: None,
            restored_by: None,
        }),
        _ => {}
    }
}

pub(super) fn refusal(request: OrgRequest, actor: Option<PersonId>, org: &Organisation) -> Refusal {
    decide(&request, actor, org).expect_err("refused")
}
