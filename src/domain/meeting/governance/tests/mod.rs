//! Integrative decision-making, path by path, and a property: whatever happens, nothing is
//! adopted while a valid (or untested) objection is unresolved.

use super::*;
use crate::domain::ids::*;
use proptest::prelude::*;

const PROPOSER: usize = 0;
const PRESENT: [usize; 3] = [0, 1, 2];

fn change() -> Change {
    Change::CreateRole {
        name: "Oven Scheduler".into(),
        purpose: "Ovens used well".into(),
        domains: vec![],
        accountabilities: vec!["Scheduling the ovens".into()],
    }
}

fn run(events: &[IdmEvent]) -> Result<Proposal, String> {
    let mut p = Proposal::new(PROPOSER);
    for (i, e) in events.iter().enumerate() {
        p.decide(e, &PRESENT)
            .map_err(|r| format!("event {i} {e:?}: {r}"))?;
        p.apply(e);
    }
    Ok(p)
}

fn presented() -> Vec<IdmEvent> {
    vec![
        IdmEvent::Framed {
            tension: "Ovens idle at night".into(),
            example: "Last Tuesday".into(),
            role: Some(RoleId(1)),
            permission: None,
        },
        IdmEvent::Drafted {
            changes: vec![change()],
        },
        IdmEvent::StepTo {
            step: IdmStep::Clarify,
        },
        IdmEvent::Question {
            question: "Who fills it?".into(),
            answer: None,
        },
        IdmEvent::StepTo {
            step: IdmStep::React,
        },
        IdmEvent::Reaction {
            attendee: 1,
            text: "Good idea".into(),
        },
        IdmEvent::StepTo {
            step: IdmStep::Amend,
        },
        IdmEvent::NewRound,
    ]
}

fn adopt(version: usize) -> IdmEvent {
    IdmEvent::Ended {
        outcome: Outcome::Adopted { version },
    }
}

fn valid_test() -> ObjectionTest {
    ObjectionTest {
        answers: [true; 4],
        breaks_constitution: false,
    }
}

#[test]
fn with_no_objections_the_proposal_is_adopted() {
    let mut events = presented();
    events.extend(PRESENT.map(|attendee| IdmEvent::NoObjection { attendee }));
    events.push(adopt(1));
    let p = run(&events).expect("adopted");
    assert_eq!(p.outcome, Some(Outcome::Adopted { version: 1 }));
    assert_eq!(
        p.questions,
        [("Who fills it?".to_string(), None)],
        "\"not specified\" is kept"
    );
}

#[test]
fn drafts_made_while_presenting_replace_each_other_and_amendments_add_versions() {
    let other = Change::CreatePolicy {
        name: "Night keys".into(),
        text: "Held by the scheduler.".into(),
    };
    let p = run(&[
        IdmEvent::Drafted {
            changes: vec![change()],
        },
        IdmEvent::Drafted {
            changes: vec![change(), other.clone()],
        },
        IdmEvent::StepTo {
            step: IdmStep::Clarify,
        },
        IdmEvent::StepTo {
            step: IdmStep::React,
        },
        IdmEvent::StepTo {
            step: IdmStep::Amend,
        },
        IdmEvent::Drafted {
            changes: vec![other],
        },
    ])
    .expect("ok");
    assert_eq!(p.versions.len(), 2, "one presented version, one amendment");
    assert_eq!(
        p.versions[0].len(),
        2,
        "the presented version is the last draft"
    );
}

#[test]
fn adoption_waits_for_everyone_present_to_answer() {
    let mut events = presented();
    events.push(IdmEvent::NoObjection { attendee: 1 });
    events.push(adopt(1));
    assert!(run(&events).is_err_and(|e| e.contains("not adoptable")));
}

#[test]
fn the_proposer_does_not_react() {
    let mut events = presented()[..5].to_vec();
    events.push(IdmEvent::Reaction {
        attendee: PROPOSER,
        text: "Me too".into(),
    });
    assert!(run(&events).is_err_and(|e| e.contains("proposer does not react")));
}

#[test]
fn an_invalid_objection_is_kept_but_does_not_block() {
    let mut events = presented();
    events.push(IdmEvent::Objected {
        attendee: 1,
        role: None,
        text: "I'd prefer a rota".into(),
        sub_circle: None,
        permission: None,
    });
    events.push(IdmEvent::NoObjection { attendee: 0 });
    events.push(IdmEvent::NoObjection { attendee: 2 });
    assert!(
        run(&[events.clone(), vec![adopt(1)]].concat()).is_err(),
        "untested, it counts as valid"
    );
    events.push(IdmEvent::Tested {
        objection: 0,
        test: ObjectionTest {
            answers: [true, false, true, false],
            breaks_constitution: false,
        },
    });
    events.push(adopt(1));
    let p = run(&events).expect("adopted");
    assert_eq!(
        p.objections.len(),
        1,
        "the invalid objection stays in the record"
    );
    assert!(!p.objections[0].test.expect("tested").valid());
}

#[test]
fn a_valid_objection_is_integrated_twice_before_adoption() {
    let mut events = presented();
    events.push(IdmEvent::Objected {
        attendee: 2,
        role: Some(RoleId(7)),
        text: "Night shifts would need a key".into(),
        sub_circle: None,
        permission: None,
    });
    events.extend([0, 1].map(|attendee| IdmEvent::NoObjection { attendee }));
    events.push(IdmEvent::Tested {
        objection: 0,
        test: valid_test(),
    });
    events.push(IdmEvent::StepTo {
        step: IdmStep::Integrate,
    });
    events.push(IdmEvent::Drafted {
        changes: vec![
            change(),
            Change::CreatePolicy {
                name: "Night keys".into(),
                text: "The scheduler holds a key.".into(),
            },
        ],
    });
    events.push(IdmEvent::ObjectorSatisfied { objection: 0 });
    events.push(IdmEvent::ProposerSatisfied { objection: 0 });
    // Second round: a new valid objection, integrated too.
    events.push(IdmEvent::NewRound);
    events.push(IdmEvent::Objected {
        attendee: 1,
        role: Some(RoleId(8)),
        text: "Keys must be logged".into(),
        sub_circle: None,
        permission: None,
    });
    events.extend([0, 2].map(|attendee| IdmEvent::NoObjection { attendee }));
    events.push(IdmEvent::Tested {
        objection: 1,
        test: ObjectionTest {
            answers: [false; 4],
            breaks_constitution: true,
        },
    });
    events.push(IdmEvent::StepTo {
        step: IdmStep::Integrate,
    });
    events.push(IdmEvent::Drafted {
        changes: vec![change()],
    });
    events.push(IdmEvent::ProposerSatisfied { objection: 1 });
    assert!(
        run(&[events.clone(), vec![IdmEvent::NewRound]].concat()).is_err(),
        "only the proposer agreed so far"
    );
    events.push(IdmEvent::ObjectorSatisfied { objection: 1 });
    events.push(IdmEvent::NewRound);
    events.extend(PRESENT.map(|attendee| IdmEvent::NoObjection { attendee }));
    assert!(
        run(&[events.clone(), vec![adopt(2)]].concat()).is_err(),
        "only the latest version"
    );
    events.push(adopt(3));
    let p = run(&events).expect("adopted");
    assert_eq!(p.versions.len(), 3);
    assert!(
        p.objections
            .iter()
            .all(|o| o.state == ObjectionState::Resolved)
    );
}

#[test]
fn a_proposal_can_be_dropped_discarded_withdrawn_or_break_down() {
    for outcome in [
        Outcome::Dropped {
            reason: "Not answering".into(),
        },
        Outcome::DiscardedInvalid,
        Outcome::Withdrawn,
        Outcome::ProcessBreakdown {
            reason: "No time".into(),
        },
    ] {
        let mut events = presented();
        events.push(IdmEvent::Ended {
            outcome: outcome.clone(),
        });
        assert_eq!(run(&events).expect("ends").outcome, Some(outcome));
    }
    let mut events = presented();
    events.push(IdmEvent::Ended {
        outcome: Outcome::ProcessBreakdown { reason: " ".into() },
    });
    assert!(run(&events).is_err(), "a breakdown says why");
}

#[test]
fn an_abandoned_objection_no_longer_blocks() {
    let mut events = presented();
    events.push(IdmEvent::Objected {
        attendee: 1,
        role: None,
        text: "No".into(),
        sub_circle: None,
        permission: None,
    });
    events.extend([0, 2].map(|attendee| IdmEvent::NoObjection { attendee }));
    events.push(IdmEvent::StepTo {
        step: IdmStep::Integrate,
    });
    events.push(IdmEvent::Abandoned {
        objection: 0,
        reason: "Not trying".into(),
    });
    events.push(IdmEvent::NewRound);
    events.extend(PRESENT.map(|attendee| IdmEvent::NoObjection { attendee }));
    events.push(adopt(1));
    let p = run(&events).expect("adopted");
    assert_eq!(p.objections[0].reason.as_deref(), Some("Not trying"));
}

#[test]
fn accountabilities_are_checked_for_an_ing_verb() {
    assert!(starts_with_ing("Publishing the minutes"));
    assert!(!starts_with_ing("Minutes published"));
    assert!(
        !starts_with_ing("Ring the bell"),
        "too short to be an -ing verb"
    );
}

/// Any event the facilitator could try, for the property test.
fn any_event() -> impl Strategy<Value = IdmEvent> {
    let attendee = 0usize..4;
    let objection = 0usize..4;
    prop_oneof![
        Just(IdmEvent::Drafted {
            changes: vec![change()]
        }),
        prop::sample::select(IdmStep::ALL.to_vec()).prop_map(|step| IdmEvent::StepTo { step }),
        attendee
            .clone()
            .prop_map(|attendee| IdmEvent::NoObjection { attendee }),
        attendee.prop_map(|attendee| IdmEvent::Objected {
            attendee,
            role: None,
            text: "harm".into(),
            sub_circle: None,
            permission: None,
        }),
        (objection.clone(), any::<[bool; 4]>(), any::<bool>()).prop_map(
            |(objection, answers, breaks)| {
                IdmEvent::Tested {
                    objection,
                    test: ObjectionTest {
                        answers,
                        breaks_constitution: breaks,
                    },
                }
            }
        ),
        objection
            .clone()
            .prop_map(|objection| IdmEvent::ObjectorSatisfied { objection }),
        objection
            .clone()
            .prop_map(|objection| IdmEvent::ProposerSatisfied { objection }),
        objection.prop_map(|objection| IdmEvent::Abandoned {
            objection,
            reason: "Not trying".into(),
        }),
        Just(IdmEvent::NewRound),
        (1usize..5).prop_map(adopt),
    ]
}

proptest! {
    #[test]
    fn nothing_is_adopted_while_a_valid_objection_is_unresolved(events in prop::collection::vec(any_event(), 0..60)) {
        let mut p = Proposal::new(PROPOSER);
        for e in &events {
            if p.decide(e, &PRESENT).is_ok() {
                let adopting = matches!(e, IdmEvent::Ended { outcome: Outcome::Adopted { .. } });
                if adopting {
                    prop_assert!(!p.objections.iter().any(Objection::blocks), "adopted over {:?}", p.objections);
                    prop_assert!(PRESENT.iter().all(|a| p.answered.contains(a)));
                }
                p.apply(e);
            }
        }
    }
}

mod changes;
mod cross_links;
mod election_objections;
mod election_ties;
mod elections;
mod forms;
mod forms_editor;
mod idm_rules;
mod meeting;
mod meeting_rules;
mod run;
mod sub_circles;

/// 5.0 §5.3.2(b) / 4.1 §3.2.4(d): an objection counts only if it limits a role the objector
/// represents, so with no role named the role question cannot have its argument.
#[test]
fn an_objection_naming_no_role_cannot_pass_the_role_question_5_0_5_3_2_b() {
    let objected = |role| {
        let mut events = presented();
        events.push(IdmEvent::Objected {
            attendee: 1,
            role,
            text: "Ovens overheat".into(),
            sub_circle: None,
            permission: None,
        });
        events
    };
    let tested = |answers| IdmEvent::Tested {
        objection: 0,
        test: ObjectionTest {
            answers,
            breaks_constitution: false,
        },
    };
    let p = run(&objected(None)).expect("objected");
    let refusal = p.decide(&tested([true; 4]), &PRESENT).expect_err("refused");
    assert!(refusal.0.contains("§5.3.2(b)"), "{refusal}");
    assert!(
        p.decide(&tested([true, true, true, false]), &PRESENT)
            .is_ok()
    );
    let p = run(&objected(Some(RoleId(2)))).expect("objected");
    assert!(p.decide(&tested([true; 4]), &PRESENT).is_ok());
}

#[test]
fn a_validity_test_is_recorded_up_to_its_first_no() {
    let p = run(&presented()[..2]).expect("presented");
    for ok in [vec![true, true, true], vec![false], vec![true, false]] {
        let event = IdmEvent::ValidityTested {
            answers: ok,
            exception: None,
        };
        assert!(p.decide(&event, &PRESENT).is_ok(), "{event:?}");
    }
    // How many questions there are is the rule set's: see `idm_rules`.
    for bad in [vec![], vec![false, true]] {
        let event = IdmEvent::ValidityTested {
            answers: bad,
            exception: None,
        };
        assert!(p.decide(&event, &PRESENT).is_err(), "{event:?}");
    }
    let mut p = p;
    p.apply(&IdmEvent::ValidityTested {
        answers: vec![true, false],
        exception: None,
    });
    assert_eq!(p.validity[0].answers, [true, false]);
}
