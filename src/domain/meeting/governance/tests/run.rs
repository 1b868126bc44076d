//! A governance meeting driven event by event as the shell would drive it: the organisation
//! (Ana the Circle Lead, Ben the Baker, Cleo), the attendees with a guest, and `Run`, which
//! decides each event on the folded log and records it.

use super::super::*;
use crate::domain::ids::*;
use crate::domain::meeting::flow::Recorded;
use crate::domain::meeting::{Attendee, Effect};
use crate::domain::org::*;
use crate::domain::ruleset::{CoreRole, RuleSet};
use chrono::{DateTime, TimeZone, Utc};

pub(super) fn t(minute: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 14, 0, 0)
        .single()
        .expect("time")
        + chrono::Duration::minutes(minute)
}

/// Assignment `id`: person `person` fills role `role`.
fn fills(id: i64, role: i64, person: i64) -> Assignment {
    Assignment {
        id: AssignmentId(id),
        role: RoleId(role),
        person: PersonId(person),
        focus: None,
        term_end: None,
        since: None,
        until: None,
    }
}

pub(super) fn org() -> Organisation {
    let role = |id, name: &str, core| Role {
        id: RoleId(id),
        circle: CircleId(1),
        name: name.into(),
        purpose: String::new(),
        domains: vec![],
        accountabilities: vec![],
        core,
    };
    let person = |id, name: &str| Person {
        id: PersonId(id),
        name: name.into(),
        email: None,
        left: None,
    };
    Organisation::new(OrgRecords {
        name: "Co".into(),
        circles: vec![Circle {
            id: CircleId(1),
            parent: None,
            name: "Co".into(),
            purpose: String::new(),
            strategy: None,
            domains: vec![],
            accountabilities: vec![],
        }],
        roles: vec![
            role(10, "Circle Lead", Some(CoreRole::Lead)),
            role(11, "Facilitator", Some(CoreRole::Facilitator)),
            role(12, "Secretary", Some(CoreRole::Secretary)),
            role(13, "Baker", None),
        ],
        people: vec![person(1, "Ana"), person(2, "Ben"), person(3, "Cleo")],
        // Ana is Circle Lead, Ben the Baker.
        assignments: vec![fills(1, 10, 1), fills(2, 13, 2)],
        ..OrgRecords::default()
    })
}

pub(super) struct Run {
    pub(super) log: Vec<Recorded<GovEvent>>,
    pub(super) rules: RuleSet,
    pub(super) org: Organisation,
}

impl Run {
    pub(super) fn new(rules: RuleSet) -> Run {
        let attendee = |p: i64, name: &str| Attendee {
            person: Some(PersonId(p)),
            name: name.into(),
            present: true,
            guest: false,
            invitation: None,
            observer: false,
        };
        let mut attendees = vec![attendee(1, "Ana"), attendee(2, "Ben"), attendee(3, "Cleo")];
        attendees.push(Attendee {
            person: None,
            name: "Guest".into(),
            present: true,
            guest: false,
            invitation: None,
            observer: false,
        });
        let started = GovEvent::Started {
            circle: CircleId(1),
            attendees,
            facilitator: Some(1),
            secretary: Some(2),
            planned_minutes: 90,
            question: "Q".into(),
            lead: Some(0),
            incumbents: vec![(CoreRole::Secretary, 2)],
        };
        Run {
            log: vec![Recorded {
                seq: 1,
                at: t(0),
                event: started,
            }],
            rules,
            org: org(),
        }
    }

    pub(super) fn state(&self) -> Governance {
        Governance::fold(&self.log, self.rules).expect("folds")
    }

    pub(super) fn try_event(&mut self, event: GovEvent) -> Result<Vec<Effect>, String> {
        let effects = self.state().decide(&event, &self.org).map_err(|r| r.0)?;
        let seq = self.log.len() as u64 + 1;
        self.log.push(Recorded {
            seq,
            at: t(seq as i64),
            event,
        });
        Ok(effects)
    }

    pub(super) fn ok(&mut self, event: GovEvent) -> Vec<Effect> {
        let shown = format!("{event:?}");
        self.try_event(event)
            .unwrap_or_else(|e| panic!("{shown}: {e}"))
    }

    pub(super) fn idm(&mut self, item: u64, event: IdmEvent) -> Vec<Effect> {
        self.ok(GovEvent::Proposal { item, event })
    }

    pub(super) fn vote(&mut self, item: u64, event: ElectionEvent) -> Vec<Effect> {
        self.ok(GovEvent::Election { item, event })
    }

    /// From a presented proposal, through questions, reactions and amend and clarify, into
    /// its first objection round (4.1 §3.3.5; 5.0 §5.4.5: the steps in order).
    pub(super) fn walk_to_objections(&mut self, item: u64) {
        for step in [IdmStep::Clarify, IdmStep::React, IdmStep::Amend] {
            self.idm(item, IdmEvent::StepTo { step });
        }
        self.idm(item, IdmEvent::NewRound);
    }
}

pub(super) fn new_role() -> Change {
    Change::CreateRole {
        name: "Oven Scheduler".into(),
        purpose: "Ovens used well".into(),
        domains: vec![],
        accountabilities: vec!["Scheduling the ovens".into()],
    }
}
