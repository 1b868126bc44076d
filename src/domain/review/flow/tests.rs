//! The solo review's plan, what each stop takes, and taking an entry back, without a
//! terminal or a database.

use super::*;
use crate::domain::org::{Assignment, OrgRecords, Person, Role};
use chrono::TimeZone;

fn t(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 10, minute, 0)
        .single()
        .expect("time")
}

fn org() -> Organisation {
    let role = |id, name: &str, accs: &[&str]| Role {
        id: RoleId(id),
        circle: CircleId(1),
        name: name.into(),
        purpose: "p".into(),
        domains: vec![],
        accountabilities: accs.iter().map(|a| a.to_string()).collect(),
        core: None,
    };
    Organisation::new(OrgRecords {
        name: "Co".into(),
        people: vec![Person {
            id: PersonId(1),
            name: "Ana".into(),
            email: None,
            left: None,
        }],
        roles: vec![
            role(10, "Baker", &["Baking bread", "Ordering flour"]),
            role(11, "Clerk", &[]),
        ],
        assignments: vec![
            Assignment {
                id: AssignmentId(1),
                role: RoleId(10),
                person: PersonId(1),
                focus: None,
                term_end: None,
                since: None,
                until: None,
            },
            Assignment {
                id: AssignmentId(2),
                role: RoleId(11),
                person: PersonId(1),
                focus: None,
                term_end: None,
                since: None,
                until: None,
            },
        ],
        ..OrgRecords::default()
    })
}

fn start() -> Vec<Recorded<ReviewEvent>> {
    let stops = plan(&org(), PersonId(1), t(0).date_naive());
    vec![Recorded {
        seq: 1,
        at: t(0),
        event: ReviewEvent::Started {
            person: PersonId(1),
            stops,
        },
    }]
}

fn push(log: &mut Vec<Recorded<ReviewEvent>>, event: ReviewEvent) -> Result<Vec<Effect>, Refusal> {
    let review = Review::fold(log).expect("folds");
    let effects = review.decide(&event)?;
    let seq = log.len() as u64 + 1;
    log.push(Recorded {
        seq,
        at: t(seq as u32),
        event,
    });
    Ok(effects)
}

#[test]
fn the_plan_walks_each_role_and_its_accountabilities_then_tensions_and_a_summary() {
    let stops = plan(&org(), PersonId(1), t(0).date_naive());
    assert_eq!(
        stops,
        [
            Stop::Role { role: RoleId(10) },
            Stop::Accountability {
                role: RoleId(10),
                index: 0
            },
            Stop::Accountability {
                role: RoleId(10),
                index: 1
            },
            Stop::Role { role: RoleId(11) },
            Stop::Tensions,
            Stop::Summary,
        ]
    );
}

#[test]
fn an_accountability_can_get_a_next_action_for_its_role() {
    let mut log = start();
    push(&mut log, ReviewEvent::Moved { index: 1 }).expect("moves");
    let action = Entry::NextAction {
        role: Some(RoleId(10)),
        text: "Order rye".into(),
    };
    let effects = push(
        &mut log,
        ReviewEvent::Recorded {
            at: 1,
            entry: action,
        },
    )
    .expect("accepted");
    assert_eq!(
        effects,
        [Effect::CreateNextAction {
            role: Some(RoleId(10)),
            person: PersonId(1),
            text: "Order rye".into()
        }]
    );
    let wrong = Entry::NextAction {
        role: Some(RoleId(11)),
        text: "x".into(),
    };
    assert!(
        push(
            &mut log,
            ReviewEvent::Recorded {
                at: 1,
                entry: wrong
            }
        )
        .is_err(),
        "another role's action"
    );
    let elsewhere = Entry::Project {
        role: RoleId(10),
        title: "x".into(),
    };
    assert!(
        push(
            &mut log,
            ReviewEvent::Recorded {
                at: 2,
                entry: elsewhere
            }
        )
        .is_err(),
        "not at the current stop"
    );
}

#[test]
fn a_tension_is_recorded_only_at_the_tensions_stop_and_the_last_entry_can_be_taken_back() {
    let mut log = start();
    let tension = Entry::Tension {
        circle: CircleId(1),
        role: None,
        text: "Queue".into(),
        kind: TensionKind::Tactical,
    };
    assert!(
        push(
            &mut log,
            ReviewEvent::Recorded {
                at: 0,
                entry: tension.clone()
            }
        )
        .is_err()
    );
    push(&mut log, ReviewEvent::Moved { index: 4 }).expect("moves");
    push(
        &mut log,
        ReviewEvent::Recorded {
            at: 4,
            entry: tension,
        },
    )
    .expect("recorded");
    let seq = log.len() as u64;
    assert!(
        push(&mut log, ReviewEvent::Retracted { seq: seq - 1 }).is_err(),
        "only the last"
    );
    assert_eq!(
        push(&mut log, ReviewEvent::Retracted { seq }).expect("taken back"),
        [Effect::Undo { seq }]
    );
    assert!(Review::fold(&log).expect("folds").entries.is_empty());
}

#[test]
fn an_ended_review_takes_nothing_more() {
    let mut log = start();
    assert_eq!(
        push(&mut log, ReviewEvent::Ended).expect("ends"),
        [Effect::EndMeeting]
    );
    assert!(push(&mut log, ReviewEvent::Moved { index: 1 }).is_err());
    assert!(Review::fold(&log).expect("folds").ended_at.is_some());
}
