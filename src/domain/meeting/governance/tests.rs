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
            answers: [true, false, true, true],
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
        Outcome::Dropped,
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
    });
    events.extend([0, 2].map(|attendee| IdmEvent::NoObjection { attendee }));
    events.push(IdmEvent::Abandoned { objection: 0 });
    events.push(adopt(1));
    assert!(run(&events).is_ok());
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
            text: "harm".into()
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
        objection.prop_map(|objection| IdmEvent::Abandoned { objection }),
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

mod changes {
    use super::super::*;
    use crate::domain::ids::*;
    use crate::domain::org::*;
    use crate::domain::ruleset::{CoreRole, RuleSet};

    fn org() -> Organisation {
        let circle = |id, parent: Option<i64>, name: &str| Circle {
            id: CircleId(id),
            parent: parent.map(CircleId),
            name: name.into(),
            purpose: String::new(),
            strategy: None,
        };
        let role = |id, c, name: &str, core| Role {
            id: RoleId(id),
            circle: CircleId(c),
            name: name.into(),
            purpose: String::new(),
            domains: vec![],
            accountabilities: vec![],
            core,
        };
        Organisation::new(OrgRecords {
            name: "Co".into(),
            circles: vec![circle(1, None, "Co"), circle(2, Some(1), "Ovens")],
            roles: vec![
                role(10, 1, "Circle Lead", Some(CoreRole::Lead)),
                role(11, 1, "Baker", None),
                role(12, 2, "Stoker", None),
            ],
            policies: vec![Policy {
                id: PolicyId(5),
                circle: CircleId(1),
                name: "Spending".into(),
                text: "Up to 100".into(),
            }],
            ..OrgRecords::default()
        })
    }

    fn create(name: &str, accountability: &str) -> Change {
        Change::CreateRole {
            name: name.into(),
            purpose: "p".into(),
            domains: vec![],
            accountabilities: vec![accountability.into()],
        }
    }

    #[test]
    fn a_new_role_cannot_take_a_name_already_in_the_circle_even_in_other_case() {
        let err = validate(
            &org(),
            CircleId(1),
            RuleSet::Holacracy50,
            &[create("baker", "Baking")],
        )
        .unwrap_err();
        assert!(err.contains("already has a role named"), "{err}");
    }

    #[test]
    fn an_accountability_without_an_ing_verb_is_a_warning_not_an_error() {
        let warnings = validate(
            &org(),
            CircleId(1),
            RuleSet::Holacracy50,
            &[create("Miller", "Flour milled")],
        )
        .expect("valid");
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("-ing verb"));
    }

    #[test]
    fn core_roles_cannot_be_removed_and_nothing_is_removed_twice() {
        let err = validate(
            &org(),
            CircleId(1),
            RuleSet::Holacracy50,
            &[Change::RemoveRole { role: RoleId(10) }],
        )
        .unwrap_err();
        assert!(err.contains("core role"), "{err}");
        let twice = [
            Change::RemoveRole { role: RoleId(11) },
            Change::RemoveRole { role: RoleId(11) },
        ];
        assert!(
            validate(&org(), CircleId(1), RuleSet::Holacracy50, &twice)
                .unwrap_err()
                .contains("twice")
        );
        let amend_removed = [
            Change::RemoveRole { role: RoleId(11) },
            Change::AmendRole {
                role: RoleId(11),
                name: None,
                purpose: Some("x".into()),
                domains: None,
                accountabilities: None,
            },
        ];
        assert!(
            validate(&org(), CircleId(1), RuleSet::Holacracy50, &amend_removed)
                .unwrap_err()
                .contains("removed earlier")
        );
    }

    #[test]
    fn a_removed_roles_name_can_be_reused_in_the_same_proposal() {
        let changes = [
            Change::RemoveRole { role: RoleId(11) },
            create("Baker", "Baking bread"),
        ];
        assert!(validate(&org(), CircleId(1), RuleSet::Holacracy50, &changes).is_ok());
    }

    #[test]
    fn moves_need_rule_set_five_and_a_sub_circle() {
        let into_sub = [Change::MoveRole {
            role: RoleId(11),
            to: CircleId(2),
        }];
        assert!(validate(&org(), CircleId(1), RuleSet::Holacracy50, &into_sub).is_ok());
        assert!(
            validate(&org(), CircleId(1), RuleSet::Holacracy41, &into_sub)
                .unwrap_err()
                .contains("holacracy-5.0")
        );
        let out_of_sub = [Change::MoveRole {
            role: RoleId(12),
            to: CircleId(1),
        }];
        assert!(validate(&org(), CircleId(1), RuleSet::Holacracy50, &out_of_sub).is_ok());
        let policy = [Change::MovePolicy {
            policy: PolicyId(5),
            to: CircleId(2),
        }];
        assert!(validate(&org(), CircleId(1), RuleSet::Holacracy50, &policy).is_ok());
    }
}

mod elections {
    use super::super::election::draw;
    use super::super::*;
    use crate::domain::ruleset::{CoreRole, RuleSet};

    const PRESENT: [usize; 4] = [0, 1, 2, 3];
    const LEAD: usize = 0;

    fn run(mut e: Election, events: &[ElectionEvent]) -> Result<Election, String> {
        for (i, ev) in events.iter().enumerate() {
            e.decide(ev, &PRESENT)
                .map_err(|r| format!("event {i} {ev:?}: {r}"))?;
            e.apply(ev);
        }
        Ok(e)
    }

    fn ballots(nominees: [usize; 4]) -> Vec<ElectionEvent> {
        let mut v: Vec<ElectionEvent> = nominees
            .iter()
            .enumerate()
            .map(|(voter, &nominee)| ElectionEvent::Ballot { voter, nominee })
            .collect();
        v.push(ElectionEvent::StepTo {
            step: ElectionStep::Nominations,
        });
        v.push(ElectionEvent::StepTo {
            step: ElectionStep::Changes,
        });
        v
    }

    fn secretary(rules: RuleSet, incumbent: Option<usize>) -> Election {
        Election::new(CoreRole::Secretary, rules, None, Some(LEAD), incumbent)
    }

    fn no_objections(e: &Election) -> Vec<ElectionEvent> {
        e.objection_order(&PRESENT)
            .into_iter()
            .map(|attendee| ElectionEvent::NoObjection { attendee })
            .collect()
    }

    #[test]
    fn the_most_nominated_is_elected_after_an_objection_round_asking_them_last() {
        let e = run(
            secretary(RuleSet::Holacracy50, None),
            &[
                ballots([2, 2, 1, 2]),
                vec![ElectionEvent::Propose { seed: 1 }],
            ]
            .concat(),
        )
        .expect("proposed");
        assert_eq!(e.proposed, Some(2));
        assert_eq!(
            e.objection_order(&PRESENT),
            [0, 1, 3, 2],
            "the candidate last"
        );
        assert!(
            run(e.clone(), &[ElectionEvent::NoObjection { attendee: 2 }]).is_err(),
            "not before the others"
        );
        let e = run(
            e.clone(),
            &[no_objections(&e), vec![ElectionEvent::Elect]].concat(),
        )
        .expect("elected");
        assert_eq!(e.elected, Some(2));
    }

    #[test]
    fn nobody_abstains_and_each_votes_once() {
        let partial = [
            ElectionEvent::Ballot {
                voter: 0,
                nominee: 1,
            },
            ElectionEvent::StepTo {
                step: ElectionStep::Nominations,
            },
        ];
        assert!(
            run(secretary(RuleSet::Holacracy50, None), &partial)
                .is_err_and(|e| e.contains("no abstaining"))
        );
        let twice = [
            ElectionEvent::Ballot {
                voter: 0,
                nominee: 1,
            },
            ElectionEvent::Ballot {
                voter: 0,
                nominee: 2,
            },
        ];
        assert!(run(secretary(RuleSet::Holacracy50, None), &twice).is_err());
    }

    #[test]
    fn an_ineligible_nominee_is_refused_by_the_rule_set() {
        let rep50 = Election::new(CoreRole::Rep, RuleSet::Holacracy50, None, Some(LEAD), None);
        let err = run(
            rep50,
            &[ElectionEvent::Ballot {
                voter: 1,
                nominee: LEAD,
            }],
        )
        .unwrap_err();
        assert!(
            err.contains("the Circle Lead cannot be elected Circle Rep"),
            "{err}"
        );
        let facilitator41 = Election::new(
            CoreRole::Facilitator,
            RuleSet::Holacracy41,
            None,
            Some(LEAD),
            None,
        );
        let err = run(
            facilitator41,
            &[ElectionEvent::Ballot {
                voter: 1,
                nominee: LEAD,
            }],
        )
        .unwrap_err();
        assert!(
            err.contains("the Lead Link cannot be elected Facilitator"),
            "{err}"
        );
        let facilitator50 = Election::new(
            CoreRole::Facilitator,
            RuleSet::Holacracy50,
            None,
            Some(LEAD),
            None,
        );
        assert!(
            run(
                facilitator50,
                &[ElectionEvent::Ballot {
                    voter: 1,
                    nominee: LEAD
                }]
            )
            .is_ok()
        );
    }

    #[test]
    fn ties_under_five_go_to_the_only_self_nominee_then_the_incumbent_then_a_recorded_draw() {
        // 1 and 3 tied; 3 nominated themself.
        let e = run(
            secretary(RuleSet::Holacracy50, Some(1)),
            &[
                ballots([1, 3, 1, 3]),
                vec![ElectionEvent::Propose { seed: 9 }],
            ]
            .concat(),
        )
        .expect("ok");
        assert_eq!(
            (e.proposed, e.tie_break),
            (Some(3), Some(TieBreak::SelfNominee))
        );
        // No self-nominee: the incumbent.
        let e = run(
            secretary(RuleSet::Holacracy50, Some(2)),
            &[
                ballots([2, 3, 3, 2]),
                vec![ElectionEvent::Propose { seed: 9 }],
            ]
            .concat(),
        )
        .expect("ok");
        assert_eq!(
            (e.proposed, e.tie_break),
            (Some(2), Some(TieBreak::Incumbent))
        );
        // Neither: a random draw, the same for the same seed.
        let e = run(
            secretary(RuleSet::Holacracy50, None),
            &[
                ballots([2, 3, 3, 2]),
                vec![ElectionEvent::Propose { seed: 42 }],
            ]
            .concat(),
        )
        .expect("ok");
        assert_eq!(e.tie_break, Some(TieBreak::Random { seed: 42 }));
        assert_eq!(e.proposed, Some([2, 3][draw(42, 2)]));
    }

    #[test]
    fn ties_under_four_one_are_drawn_at_random_first() {
        let e = run(
            secretary(RuleSet::Holacracy41, Some(2)),
            &[
                ballots([2, 3, 3, 2]),
                vec![ElectionEvent::Propose { seed: 7 }],
            ]
            .concat(),
        )
        .expect("ok");
        assert_eq!(e.tie_break, Some(TieBreak::Random { seed: 7 }));
    }

    #[test]
    fn a_discarded_candidate_makes_way_for_the_next_and_their_nominations_are_ignored() {
        let e = run(
            secretary(RuleSet::Holacracy50, None),
            &[
                ballots([2, 2, 2, 1]),
                vec![ElectionEvent::Propose { seed: 1 }],
            ]
            .concat(),
        )
        .expect("ok");
        assert_eq!(e.proposed, Some(2));
        let e = run(
            e,
            &[ElectionEvent::Objected {
                attendee: 0,
                text: "Already overloaded".into(),
            }],
        )
        .expect("objected");
        let e = run(
            e,
            &[ElectionEvent::Discard, ElectionEvent::Propose { seed: 1 }],
        )
        .expect("next");
        assert_eq!(e.proposed, Some(1));
        assert!(e.objections.is_empty(), "a new objection round");
    }

    #[test]
    fn a_valid_objection_blocks_until_resolved() {
        let e = run(
            secretary(RuleSet::Holacracy50, None),
            &[
                ballots([1, 1, 1, 1]),
                vec![ElectionEvent::Propose { seed: 1 }],
            ]
            .concat(),
        )
        .expect("ok");
        let mut events = vec![ElectionEvent::Objected {
            attendee: 0,
            text: "Term too long".into(),
        }];
        events.extend(
            e.objection_order(&PRESENT)
                .into_iter()
                .skip(1)
                .map(|attendee| ElectionEvent::NoObjection { attendee }),
        );
        let e = run(e, &events).expect("asked");
        let valid = ObjectionTest {
            answers: [true; 4],
            breaks_constitution: false,
        };
        let e = run(
            e,
            &[ElectionEvent::Tested {
                objection: 0,
                test: valid,
            }],
        )
        .expect("tested");
        assert!(run(e.clone(), &[ElectionEvent::Elect]).is_err_and(|m| m.contains("unresolved")));
        let e = run(
            e,
            &[
                ElectionEvent::Resolved { objection: 0 },
                ElectionEvent::Elect,
            ],
        )
        .expect("elected");
        assert_eq!(e.elected, Some(1));
    }
}
