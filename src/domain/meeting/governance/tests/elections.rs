//! Integrative elections: ballots, eligibility, counting, ties, objections.

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
            role: None,
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
        role: Some(crate::domain::ids::RoleId(1)),
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
