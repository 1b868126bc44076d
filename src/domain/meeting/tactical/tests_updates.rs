//! Requests for updates on a project, per rule set: 4.1 §4.2.3(d) "if another Circle Member
//! explicitly requested updates on a specific Project, that one must be included until it's
//! either completed or dropped"; 5.0 §2.1(f) "If requested, you must continue to share these
//! updates regularly, until you determine they are no longer useful".

use super::tests::{Run, attendee};
use super::*;
use crate::domain::ids::*;
use crate::domain::org::*;
use crate::domain::ruleset::{CoreRole, RuleSet};
use chrono::{TimeZone, Utc};

/// Circle 2 with Baker (Ana, attendee 0) owning project 7, and Miller (Benedict, attendee 1);
/// `asked`: Benedict has requested updates on project 7.
fn org(rules: RuleSet, status: ProjectStatus, asked: bool) -> Organisation {
    let role = |id, name: &str| Role {
        id: RoleId(id),
        circle: CircleId(2),
        name: name.into(),
        purpose: String::new(),
        domains: vec![],
        accountabilities: if id == 20 {
            vec!["Baking bread".into(), "Ordering flour".into()]
        } else {
            vec![]
        },
        core: None,
    };
    let fill = |id, role, person| Assignment {
        id: AssignmentId(id),
        role: RoleId(role),
        person: PersonId(person),
        focus: None,
        term_end: None,
        since: None,
        until: None,
    };
    let person = |id, name: &str| Person {
        id: PersonId(id),
        name: name.into(),
        email: None,
        left: None,
    };
    let requested_at = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).single();
    Organisation::new(OrgRecords {
        name: "Co".into(),
        rule_set: rules,
        people: vec![person(3, "Ana"), person(8, "Benedict")],
        circles: vec![Circle {
            id: CircleId(2),
            parent: None,
            name: "Co".into(),
            purpose: String::new(),
            strategy: None,
            domains: vec![],
            accountabilities: vec![],
        }],
        roles: vec![role(20, "Baker"), role(21, "Miller")],
        assignments: vec![fill(1, 20, 3), fill(2, 21, 8)],
        projects: vec![Project {
            id: ProjectId(7),
            role: RoleId(20),
            person: Some(PersonId(3)),
            title: "New oven".into(),
            status,
            since: None,
        }],
        update_requests: requested_at
            .filter(|_| asked)
            .map(|at| UpdateRequest {
                project: ProjectId(7),
                by: PersonId(8),
                requested_at: at,
                ended_at: None,
            })
            .into_iter()
            .collect(),
        ..OrgRecords::default()
    })
}

fn progress() -> Tactical {
    let mut run = Run::with(vec![attendee("Ana", true), attendee("Benedict", true)], 60);
    run.step(Step::Progress);
    run.state()
}

fn no_updates(status: ProjectStatus) -> Event {
    Event::ProjectUpdated {
        project: ProjectId(7),
        update: None,
        status_before: ProjectStatus::Current,
        status,
        reporter: Some(0),
    }
}

#[test]
fn four_one_4_2_3_d_another_circle_member_explicitly_requests_updates() {
    let org = org(RuleSet::Holacracy41, ProjectStatus::Current, false);
    let ask = |by| Event::UpdatesRequested {
        project: ProjectId(7),
        by,
    };
    assert_eq!(
        progress().decide_in(&ask(1), &org),
        Ok(vec![Effect::RequestUpdates {
            project: ProjectId(7),
            by: PersonId(8)
        }])
    );
    // Ana fills Baker: she is not "another Circle Member" for her own project.
    let refusal = progress().decide_in(&ask(0), &org).unwrap_err();
    assert!(refusal.0.contains("4.1 §4.2.3(d)"), "{refusal}");
}

#[test]
fn four_one_4_2_3_d_a_requested_project_must_be_included() {
    let asked = org(RuleSet::Holacracy41, ProjectStatus::Current, true);
    let state = progress();
    let refusal = state
        .decide_in(&no_updates(ProjectStatus::Current), &asked)
        .unwrap_err();
    assert!(
        refusal.0.contains("Benedict explicitly requested"),
        "{refusal}"
    );
    assert!(refusal.0.contains("4.1 §4.2.3(d)"), "{refusal}");
    let update = Event::ProjectUpdated {
        project: ProjectId(7),
        update: Some("Oven ordered".into()),
        status_before: ProjectStatus::Current,
        status: ProjectStatus::Current,
        reporter: Some(0),
    };
    assert!(state.decide_in(&update, &asked).is_ok());
    // Completing it is its last report.
    assert!(
        state
            .decide_in(&no_updates(ProjectStatus::Done), &asked)
            .is_ok()
    );
    // Without a request the participant decides what is worth reporting on.
    let free = org(RuleSet::Holacracy41, ProjectStatus::Current, false);
    assert!(
        state
            .decide_in(&no_updates(ProjectStatus::Current), &free)
            .is_ok()
    );
}

#[test]
fn four_one_4_2_3_d_the_request_lasts_until_completed_or_dropped() {
    let org41 = org(RuleSet::Holacracy41, ProjectStatus::Current, true);
    let end = Event::UpdateRequestEnded {
        project: ProjectId(7),
        reporter: Some(0),
    };
    let refusal = progress().decide_in(&end, &org41).unwrap_err();
    assert!(refusal.0.contains("completed or dropped"), "{refusal}");
    assert!(refusal.0.contains("4.1 §4.2.3(d)"), "{refusal}");
    assert!(org41.update_request(ProjectId(7)).is_some());
    for gone in [ProjectStatus::Done, ProjectStatus::Archived] {
        let closed = org(RuleSet::Holacracy41, gone, true);
        assert!(closed.update_request(ProjectId(7)).is_none(), "{gone:?}");
    }
}

#[test]
fn five_2_1_f_requested_updates_continue_until_the_filler_ends_them() {
    let org = org(RuleSet::Holacracy50, ProjectStatus::Current, true);
    let state = progress();
    let refusal = state
        .decide_in(&no_updates(ProjectStatus::Current), &org)
        .unwrap_err();
    assert!(refusal.0.contains("5.0 §2.1(f)"), "{refusal}");
    let end = |reporter| Event::UpdateRequestEnded {
        project: ProjectId(7),
        reporter: Some(reporter),
    };
    assert_eq!(
        state.decide_in(&end(0), &org),
        Ok(vec![Effect::EndUpdateRequest {
            project: ProjectId(7)
        }])
    );
    // "until you determine": the filler's call, not the requester's.
    let refusal = state.decide_in(&end(1), &org).unwrap_err();
    assert!(refusal.0.contains("5.0 §2.1(f)"), "{refusal}");
}

/// A meeting in its progress step whose rows are project 7 and Baker's accountabilities.
fn with_accountabilities() -> Tactical {
    let Event::Started {
        circle,
        attendees,
        facilitator,
        secretary,
        planned_minutes,
        question,
        checklist,
        metrics,
        projects,
        ..
    } = super::tests::started(vec![attendee("Ana", true), attendee("Benedict", true)], 60)
    else {
        unreachable!("a start")
    };
    let first = Recorded {
        seq: 1,
        at: super::tests::t0(),
        event: Event::Started {
            circle,
            attendees,
            facilitator,
            secretary,
            planned_minutes,
            question,
            checklist,
            metrics,
            projects,
            progress: vec![
                ProgressItem::Project(ProjectId(7)),
                ProgressItem::Accountabilities(RoleId(20)),
            ],
        },
    };
    let mut state = Tactical::start(&first).expect("starts");
    state.apply(&Recorded {
        seq: 2,
        at: super::tests::t0(),
        event: Event::StepChanged {
            step: Step::Progress,
        },
    });
    state
}

fn on(accountability: &str) -> Event {
    Event::AccountabilityReported {
        role: RoleId(20),
        accountability: accountability.into(),
        update: "Rye now daily".into(),
        reporter: Some(0),
    }
}

#[test]
fn four_one_4_2_3_d_progress_covers_the_accountabilities_of_the_roles() {
    let org41 = org(RuleSet::Holacracy41, ProjectStatus::Current, false);
    assert_eq!(
        progress_items(&org41, CircleId(2)),
        [
            ProgressItem::Project(ProjectId(7)),
            ProgressItem::Accountabilities(RoleId(20)),
        ]
    );
    let state = with_accountabilities();
    assert_eq!(state.len_of(Step::Progress), 2);
    assert_eq!(
        state.review_role(&org41, Step::Progress, 1),
        Some(RoleId(20))
    );
    assert!(state.decide_in(&on("Baking bread"), &org41).is_ok());
    let refusal = state.decide_in(&on("Milling"), &org41).unwrap_err();
    assert!(
        refusal.0.contains("not one of the role's accountabilities"),
        "{refusal}"
    );
    let mut state = state;
    state.apply(&Recorded {
        seq: 3,
        at: super::tests::t0(),
        event: on("Baking bread"),
    });
    assert!(state.decide_in(&on("Baking bread"), &org41).is_err());
    assert!(state.decide_in(&on("Ordering flour"), &org41).is_ok());
}

#[test]
fn five_3_2_d_progress_covers_projects_not_accountabilities() {
    // 5.0 §3.2(d): "progress in any Project or other initiative that they are regularly
    // reporting on"; the accountabilities are 4.1's.
    let org50 = org(RuleSet::Holacracy50, ProjectStatus::Current, false);
    assert_eq!(
        progress_items(&org50, CircleId(2)),
        [ProgressItem::Project(ProjectId(7))]
    );
    let state = progress();
    let refusal = state.decide_in(&on("Baking bread"), &org50).unwrap_err();
    assert!(refusal.0.contains("not in this meeting"), "{refusal}");
}

/// An unfilled role nobody covers is not asked for updates: 4.1 §2.4.1 has the Lead Link
/// fill an unfilled role, 5.0 §1.4.2 the Circle Lead; with no Lead either, nobody holds it.
#[test]
fn four_one_2_4_1_and_five_1_4_2_an_unfilled_role_reports_through_the_lead_or_not_at_all() {
    for rules in [RuleSet::Holacracy41, RuleSet::Holacracy50] {
        let mut records = org(rules, ProjectStatus::Current, false).records().clone();
        // The Baker (projects and accountabilities) loses its filler; no Lead in the circle.
        records.assignments.retain(|a| a.role != RoleId(20));
        let unled = Organisation::new(records.clone());
        assert_eq!(
            progress_items(&unled, CircleId(2)),
            [],
            "{rules:?}: nobody reports"
        );
        assert_eq!(progress_projects(&unled, CircleId(2)), [], "{rules:?}");
        // A Lead, filled by Benedict, is considered to fill the Baker.
        records.roles.push(Role {
            id: RoleId(22),
            circle: CircleId(2),
            name: CoreRole::Lead.name(rules).into(),
            purpose: String::new(),
            domains: vec![],
            accountabilities: vec![],
            core: Some(CoreRole::Lead),
        });
        records.assignments.push(Assignment {
            id: AssignmentId(9),
            role: RoleId(22),
            person: PersonId(8),
            focus: None,
            term_end: None,
            since: None,
            until: None,
        });
        let led = Organisation::new(records);
        assert_eq!(
            progress_projects(&led, CircleId(2)),
            [ProjectId(7)],
            "{rules:?}"
        );
    }
}
