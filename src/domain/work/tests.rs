//! The `Work` flow's rules, each refusal named as the person sees it.

use super::*;
use crate::domain::org::{Assignment, NextAction, OrgRecords, Person, Project, Role, Tension};
use chrono::TimeZone;

pub(super) fn t(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 10, minute, 0)
        .single()
        .expect("time")
}

/// Ana fills Baker in circle 1 (Bakery); Ben fills nothing. Ana has an open next action (1) and
/// a tension (1); Ben has a next action (2).
pub(super) fn org(ana_left: bool) -> Organisation {
    let person = |id, name: &str| Person {
        id: PersonId(id),
        name: name.into(),
        email: None,
        left: None,
    };
    let mut ana = person(1, "Ana");
    if ana_left {
        ana.left = Some(t(0));
    }
    let action = |id, person| NextAction {
        id: NextActionId(id),
        role: None,
        person: PersonId(person),
        text: "x".into(),
        done: false,
        since: None,
        done_at: None,
    };
    Organisation::new(OrgRecords {
        name: "Co".into(),
        people: vec![ana, person(2, "Ben")],
        circles: vec![crate::domain::org::Circle {
            id: CircleId(1),
            parent: None,
            name: "Bakery".into(),
            purpose: String::new(),
            strategy: None,
            domains: vec![],
            accountabilities: vec![],
        }],
        roles: vec![Role {
            id: RoleId(1),
            circle: CircleId(1),
            name: "Baker".into(),
            purpose: String::new(),
            domains: vec![],
            accountabilities: vec![],
            core: None,
        }],
        assignments: vec![Assignment {
            id: crate::domain::AssignmentId(1),
            role: RoleId(1),
            person: PersonId(1),
            focus: None,
            term_end: None,
            since: None,
            until: None,
        }],
        projects: vec![Project {
            id: ProjectId(1),
            role: RoleId(1),
            person: Some(PersonId(1)),
            title: "Rye".into(),
            status: ProjectStatus::Current,
            since: None,
        }],
        next_actions: vec![action(1, 1), action(2, 2)],
        tensions: vec![Tension {
            id: TensionId(1),
            person: PersonId(1),
            role: None,
            circle: CircleId(1),
            text: "t".into(),
            kind: TensionKind::Tactical,
            open: true,
            since: None,
            closed_at: None,
        }],
        ..OrgRecords::default()
    })
}

pub(super) fn work(person: i64) -> Work {
    let log = [Recorded {
        seq: 1,
        at: t(0),
        event: WorkEvent::Started {
            person: PersonId(person),
        },
    }];
    Work::fold(&log).expect("starts")
}

fn decide(w: &Work, org: &Organisation, entry: WorkEntry) -> Result<Vec<Effect>, String> {
    w.decide(&WorkEvent::Recorded { entry }, org)
        .map_err(|r| r.0)
}

#[test]
fn section_1_2_4_a_role_filler_tracks_projects_and_actions_of_their_own_roles_only() {
    let org = org(false);
    let refused = decide(
        &work(2),
        &org,
        WorkEntry::Project {
            role: RoleId(1),
            title: "Bread".into(),
        },
    );
    assert_eq!(
        refused.unwrap_err(),
        "Ben does not fill Baker: a role filler tracks the work of their own roles (§1.2.4)"
    );
    let accepted = decide(
        &work(1),
        &org,
        WorkEntry::Project {
            role: RoleId(1),
            title: "  Bread ".into(),
        },
    );
    assert_eq!(
        accepted,
        Ok(vec![
            Effect::CreateProject {
                role: RoleId(1),
                person: Some(PersonId(1)),
                title: "Bread".into(),
            },
            // The role's history finds the entry by its role.
            Effect::NoteWork {
                role: Some(RoleId(1)),
                circle: None,
            },
        ])
    );
}

#[test]
fn anyone_may_track_an_action_of_their_own_outside_any_role() {
    let accepted = decide(
        &work(2),
        &org(false),
        WorkEntry::NextAction {
            role: None,
            text: "Read the constitution".into(),
        },
    );
    assert!(matches!(
        accepted.as_deref(),
        Ok([
            Effect::CreateNextAction { role: None, .. },
            Effect::NoteWork {
                role: None,
                circle: None
            }
        ])
    ));
}

#[test]
fn only_the_owner_marks_a_next_action_done_and_only_once() {
    let org = org(false);
    let done = |person, action| {
        decide(
            &work(person),
            &org,
            WorkEntry::NextActionDone {
                action: NextActionId(action),
            },
        )
    };
    assert_eq!(
        done(1, 2).unwrap_err(),
        "that next action is someone else's: only its owner marks it done"
    );
    assert_eq!(
        done(1, 1),
        Ok(vec![
            Effect::CompleteNextAction {
                action: NextActionId(1)
            },
            Effect::NoteWork {
                role: None,
                circle: None
            }
        ])
    );
    assert_eq!(done(1, 9).unwrap_err(), "there is no such next action");
}

#[test]
fn a_project_status_must_change_and_be_what_the_entry_saw() {
    let org = org(false);
    let status = |before, status| {
        decide(
            &work(1),
            &org,
            WorkEntry::ProjectStatus {
                project: ProjectId(1),
                status_before: before,
                status,
            },
        )
    };
    assert_eq!(
        status(ProjectStatus::Current, ProjectStatus::Current).unwrap_err(),
        "the project is already current"
    );
    assert_eq!(
        status(ProjectStatus::Waiting, ProjectStatus::Done).unwrap_err(),
        "the project's status changed meanwhile"
    );
    assert!(status(ProjectStatus::Current, ProjectStatus::Waiting).is_ok());
}

#[test]
fn only_who_noted_a_tension_drops_it() {
    let org = org(false);
    let drop = |person| {
        decide(
            &work(person),
            &org,
            WorkEntry::TensionDropped {
                tension: TensionId(1),
            },
        )
    };
    assert_eq!(
        drop(2).unwrap_err(),
        "that tension is someone else's: only who noted it drops it"
    );
    assert_eq!(
        drop(1),
        Ok(vec![
            Effect::DropTension {
                tension: TensionId(1)
            },
            // The circle's history finds a tension dropped by the tension's circle.
            Effect::NoteWork {
                role: None,
                circle: Some(CircleId(1))
            }
        ])
    );
}

#[test]
fn empty_texts_and_former_members_record_nothing() {
    let entry = || WorkEntry::NextAction {
        role: None,
        text: " \u{200b} ".into(),
    };
    assert_eq!(
        decide(&work(1), &org(false), entry()).unwrap_err(),
        "the text is empty"
    );
    assert_eq!(
        decide(&work(1), &org(true), entry()).unwrap_err(),
        "a former member's work is kept as it was; nothing new is recorded"
    );
}

#[test]
fn undo_takes_back_the_last_entry_only_and_the_fold_forgets_it() {
    let org = org(false);
    let recorded = |seq, text: &str| Recorded {
        seq,
        at: t(seq as u32),
        event: WorkEvent::Recorded {
            entry: WorkEntry::NextAction {
                role: None,
                text: text.into(),
            },
        },
    };
    let mut log = vec![
        Recorded {
            seq: 1,
            at: t(0),
            event: WorkEvent::Started {
                person: PersonId(1),
            },
        },
        recorded(2, "a"),
        recorded(3, "b"),
    ];
    let w = Work::fold(&log).expect("folds");
    assert_eq!(
        w.decide(&WorkEvent::Retracted { seq: 2 }, &org)
            .unwrap_err()
            .0,
        "only the last entry can be taken back"
    );
    assert_eq!(
        w.decide(&WorkEvent::Retracted { seq: 3 }, &org),
        Ok(vec![
            Effect::Undo { seq: 3 },
            // The taking back is found by what the entry taken back is about.
            Effect::NoteWork {
                role: None,
                circle: None
            }
        ])
    );
    log.push(Recorded {
        seq: 4,
        at: t(4),
        event: WorkEvent::Retracted { seq: 3 },
    });
    let w = Work::fold(&log).expect("folds");
    assert_eq!(w.entries.len(), 1, "b is taken back");
    assert!(matches!(&w.entries[0].2, WorkEntry::NextAction { text, .. } if text == "a"));
}
