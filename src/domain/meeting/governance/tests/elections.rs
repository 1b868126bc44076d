//! Integrative elections, rule by rule and rule set by rule set, from the texts of 4.1 §3.3.6
//! and 5.0 §5.3.5 (and the eligibility of 4.1 §2.5.1, 5.0 §5.1.1-5.1.2): the election
//! fixture, the term, eligibility, ballots, reasons and the change round (a) to (d). Ties (e)
//! are in `election_ties`; the candidate's objection round and discarding (f) in
//! `election_objections`.

use super::super::*;
use crate::domain::ruleset::{CoreRole, RuleSet};
use chrono::NaiveDate;

pub(super) const LEAD: usize = 0;
/// A member who is not at the meeting.
pub(super) const ABSENT: usize = 4;
/// A guest at the meeting.
pub(super) const GUEST: usize = 5;
pub(super) const BOTH: [RuleSet; 2] = [RuleSet::Holacracy41, RuleSet::Holacracy50];

pub(super) fn seats() -> Seats {
    Seats {
        present: vec![0, 1, 2, 3, GUEST],
        members: vec![0, 1, 2, 3, ABSENT],
        leads: vec![LEAD],
    }
}

pub(super) fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

/// The day of the meeting.
pub(super) fn today() -> NaiveDate {
    day(2026, 12, 1)
}

pub(super) fn run(mut e: Election, events: &[ElectionEvent]) -> Result<Election, String> {
    for (i, ev) in events.iter().enumerate() {
        e.decide(ev, &seats())
            .map_err(|r| format!("event {i} {ev:?}: {r}"))?;
        e.apply(ev);
    }
    Ok(e)
}

pub(super) fn election(role: CoreRole, rules: RuleSet, incumbent: Option<usize>) -> Election {
    Election::new(role, rules, (None, today()), Some(LEAD), incumbent)
}

pub(super) fn secretary(rules: RuleSet, incumbent: Option<usize>) -> Election {
    election(CoreRole::Secretary, rules, incumbent)
}

pub(super) fn described() -> ElectionEvent {
    ElectionEvent::Described {
        term_end: day(2027, 12, 1),
    }
}

/// The term set, a ballot per person present (the guest's last), each read with its reason.
pub(super) fn read(nominees: [usize; 5]) -> Vec<ElectionEvent> {
    let mut v = vec![described()];
    let voters = [0, 1, 2, 3, GUEST];
    v.extend(
        voters
            .iter()
            .zip(nominees)
            .map(|(&voter, nominee)| ElectionEvent::Ballot { voter, nominee }),
    );
    v.push(ElectionEvent::StepTo {
        step: ElectionStep::Nominations,
    });
    v.extend(voters.iter().map(|&voter| ElectionEvent::Reason {
        voter,
        reason: "Careful".into(),
    }));
    v.push(ElectionEvent::StepTo {
        step: ElectionStep::Changes,
    });
    v
}

/// `read`, then nobody changes and the count is taken.
pub(super) fn counted(nominees: [usize; 5]) -> Vec<ElectionEvent> {
    let mut v = read(nominees);
    v.extend(
        [0, 1, 2, 3, GUEST]
            .iter()
            .map(|&voter| ElectionEvent::Kept { voter }),
    );
    v.push(ElectionEvent::StepTo {
        step: ElectionStep::Count,
    });
    v
}

pub(super) fn no_objections(e: &Election) -> Vec<ElectionEvent> {
    e.objection_order(&seats().present)
        .into_iter()
        .filter(|a| !e.answered.contains(a))
        .map(|attendee| ElectionEvent::NoObjection { attendee })
        .collect()
}

pub(super) fn proposed(candidate: usize) -> ElectionEvent {
    ElectionEvent::Proposed {
        candidate,
        tie: None,
    }
}

#[test]
fn the_term_is_set_first_required_and_not_in_the_past_4_1_3_3_6_a_and_5_0_5_3_5_a() {
    for rules in BOTH {
        let ballot = ElectionEvent::Ballot {
            voter: 1,
            nominee: 2,
        };
        assert!(
            run(secretary(rules, None), &[ballot]).is_err(),
            "{rules}: no ballot before the term"
        );
        for past in [day(2026, 11, 30), today()] {
            let err = run(
                secretary(rules, None),
                &[ElectionEvent::Described { term_end: past }],
            )
            .unwrap_err();
            assert!(err.contains("the term must end after"), "{rules}: {err}");
        }
        let e = run(secretary(rules, None), &[described()]).expect("term set");
        assert_eq!(
            (e.step, e.term_end),
            (ElectionStep::Ballots, Some(day(2027, 12, 1)))
        );
    }
}

#[test]
fn every_member_present_or_absent_is_eligible_and_a_guest_never_is() {
    for rules in BOTH {
        let e = run(secretary(rules, None), &[described()]).expect("described");
        let absent = ElectionEvent::Ballot {
            voter: 1,
            nominee: ABSENT,
        };
        assert!(
            run(e.clone(), &[absent]).is_ok(),
            "{rules}: an absent member"
        );
        let guest = ElectionEvent::Ballot {
            voter: 1,
            nominee: GUEST,
        };
        let err = run(e, &[guest]).unwrap_err();
        assert!(
            err.contains("a guest: only the circle's members are eligible"),
            "{rules}: {err}"
        );
    }
}

pub(super) fn lead_nominated(role: CoreRole, rules: RuleSet) -> Result<Election, String> {
    run(
        election(role, rules, None),
        &[
            described(),
            ElectionEvent::Ballot {
                voter: 1,
                nominee: LEAD,
            },
        ],
    )
}

#[test]
fn four_one_2_5_1_the_lead_link_may_not_be_elected_facilitator_or_rep_link() {
    for role in [CoreRole::Facilitator, CoreRole::Rep] {
        let err = lead_nominated(role, RuleSet::Holacracy41).unwrap_err();
        let name = role.name(RuleSet::Holacracy41);
        assert!(
            err.contains(&format!(
                "the Lead Link cannot be elected {name} (4.1 §2.5.1)"
            )),
            "{err}"
        );
    }
    assert!(lead_nominated(CoreRole::Secretary, RuleSet::Holacracy41).is_ok());
}

#[test]
fn five_0_5_1_1_no_circle_lead_may_be_circle_rep_but_may_facilitate() {
    let err = lead_nominated(CoreRole::Rep, RuleSet::Holacracy50).unwrap_err();
    assert!(
        err.contains("the Circle Lead cannot be elected Circle Rep (5.0 §5.1.1)"),
        "{err}"
    );
    for role in [CoreRole::Facilitator, CoreRole::Secretary] {
        assert!(
            lead_nominated(role, RuleSet::Holacracy50).is_ok(),
            "{role:?}"
        );
    }
}

#[test]
fn nobody_abstains_and_each_votes_once_b() {
    for rules in BOTH {
        let partial = [
            described(),
            ElectionEvent::Ballot {
                voter: 0,
                nominee: 1,
            },
            ElectionEvent::StepTo {
                step: ElectionStep::Nominations,
            },
        ];
        assert!(run(secretary(rules, None), &partial).is_err_and(|e| e.contains("no abstaining")));
        let twice = [
            described(),
            ElectionEvent::Ballot {
                voter: 0,
                nominee: 1,
            },
            ElectionEvent::Ballot {
                voter: 0,
                nominee: 2,
            },
        ];
        assert!(run(secretary(rules, None), &twice).is_err());
    }
}

#[test]
fn every_ballot_is_read_in_turn_with_its_reason_before_the_change_round_c() {
    for rules in BOTH {
        let mut events = read([1, 1, 2, 2, 1]);
        events.truncate(events.len() - 3); // the last two reasons and the step
        let e = run(secretary(rules, None), &events).expect("three read");
        let early = ElectionEvent::StepTo {
            step: ElectionStep::Changes,
        };
        let err = run(e.clone(), &[early]).unwrap_err();
        assert!(err.contains("every ballot is read"), "{rules}: {err}");
        let out_of_turn = ElectionEvent::Reason {
            voter: GUEST,
            reason: "Why not".into(),
        };
        assert!(run(e, &[out_of_turn]).is_err_and(|m| m.contains("in turn")));
    }
}

#[test]
fn the_change_round_asks_each_voter_in_turn_and_records_no_change_d() {
    for rules in BOTH {
        let e = run(secretary(rules, None), &read([1, 1, 2, 2, 1])).expect("read");
        assert_eq!(e.next_to_change(), Some(0));
        let out_of_turn = ElectionEvent::Kept { voter: 2 };
        assert!(run(e.clone(), &[out_of_turn]).is_err_and(|m| m.contains("in turn")));
        let e = run(
            e,
            &[
                ElectionEvent::Kept { voter: 0 },
                ElectionEvent::Changed {
                    voter: 1,
                    nominee: 2,
                    reason: "Has the time".into(),
                },
            ],
        )
        .expect("two asked");
        let early = ElectionEvent::StepTo {
            step: ElectionStep::Count,
        };
        assert!(
            run(e.clone(), std::slice::from_ref(&early))
                .is_err_and(|m| m.contains("each voter is asked"))
        );
        let asked: Vec<ElectionEvent> = [2, 3, GUEST]
            .iter()
            .map(|&voter| ElectionEvent::Kept { voter })
            .collect();
        let e = run(e, &[asked, vec![early]].concat()).expect("counted");
        let kept: Vec<usize> = e
            .changes
            .iter()
            .filter(|c| c.to.is_none())
            .map(|c| c.voter)
            .collect();
        assert_eq!(kept, [0, 2, 3, GUEST], "\"no change\" is recorded");
        assert_eq!(e.count(), [(2, 3), (1, 2)]);
    }
}

#[test]
fn without_a_tie_the_most_nominated_is_proposed_and_no_tie_option_applies_e() {
    for rules in BOTH {
        let e = run(secretary(rules, Some(1)), &counted([2, 2, 2, 1, 1])).expect("counted");
        assert!(e.tie_options().is_empty());
        assert!(run(e.clone(), &[proposed(1)]).is_err());
        let incumbent = ElectionEvent::Proposed {
            candidate: 1,
            tie: Some(TieBreak::Incumbent),
        };
        assert!(run(e.clone(), &[incumbent]).is_err());
        let e = run(e, &[proposed(2)]).expect("proposed");
        assert_eq!((e.proposed, e.step), (Some(2), ElectionStep::Objections));
    }
}
