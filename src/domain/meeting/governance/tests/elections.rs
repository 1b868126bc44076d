//! Integrative elections, rule by rule and rule set by rule set, from the texts of 4.1 §3.3.6
//! and 5.0 §5.3.5 (and the eligibility of 4.1 §2.5.1, 5.0 §5.1.1-5.1.2).

use super::super::election::draw;
use super::super::*;
use crate::domain::rules::TieRule;
use crate::domain::ruleset::{CoreRole, RuleSet};
use chrono::NaiveDate;

const LEAD: usize = 0;
/// A member who is not at the meeting.
const ABSENT: usize = 4;
/// A guest at the meeting.
const GUEST: usize = 5;
const BOTH: [RuleSet; 2] = [RuleSet::Holacracy41, RuleSet::Holacracy50];

fn seats() -> Seats {
    Seats {
        present: vec![0, 1, 2, 3, GUEST],
        members: vec![0, 1, 2, 3, ABSENT],
        leads: vec![LEAD],
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

/// The day of the meeting.
fn today() -> NaiveDate {
    day(2026, 12, 1)
}

fn run(mut e: Election, events: &[ElectionEvent]) -> Result<Election, String> {
    for (i, ev) in events.iter().enumerate() {
        e.decide(ev, &seats())
            .map_err(|r| format!("event {i} {ev:?}: {r}"))?;
        e.apply(ev);
    }
    Ok(e)
}

fn election(role: CoreRole, rules: RuleSet, incumbent: Option<usize>) -> Election {
    Election::new(role, rules, (None, today()), Some(LEAD), incumbent)
}

fn secretary(rules: RuleSet, incumbent: Option<usize>) -> Election {
    election(CoreRole::Secretary, rules, incumbent)
}

fn described() -> ElectionEvent {
    ElectionEvent::Described {
        term_end: day(2027, 12, 1),
    }
}

/// The term set, a ballot per person present (the guest's last), each read with its reason.
fn read(nominees: [usize; 5]) -> Vec<ElectionEvent> {
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
fn counted(nominees: [usize; 5]) -> Vec<ElectionEvent> {
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

fn no_objections(e: &Election) -> Vec<ElectionEvent> {
    e.objection_order(&seats().present)
        .into_iter()
        .filter(|a| !e.answered.contains(a))
        .map(|attendee| ElectionEvent::NoObjection { attendee })
        .collect()
}

fn proposed(candidate: usize) -> ElectionEvent {
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

fn lead_nominated(role: CoreRole, rules: RuleSet) -> Result<Election, String> {
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

fn rules_of(e: &Election) -> Vec<TieRule> {
    e.tie_options().iter().map(|o| o.rule).collect()
}

#[test]
fn a_tie_offers_the_options_that_apply_in_the_order_each_version_lists_them() {
    // 1 and 3 tied at two; 3 nominated themself; 1 is the incumbent; the guest chose 2.
    let nominees = [1, 3, 1, 3, 2];
    let five = run(secretary(RuleSet::Holacracy50, Some(1)), &counted(nominees)).expect("counted");
    assert_eq!(
        rules_of(&five),
        [
            TieRule::SelfNominee,
            TieRule::Incumbent,
            TieRule::RandomDraw,
            TieRule::Renominate
        ],
        "5.0 §5.3.5(e) (i)-(iv)"
    );
    let four = run(secretary(RuleSet::Holacracy41, Some(1)), &counted(nominees)).expect("counted");
    assert_eq!(
        rules_of(&four),
        [
            TieRule::RandomDraw,
            TieRule::Incumbent,
            TieRule::SelfNominee,
            TieRule::Renominate
        ],
        "4.1 §3.3.6(e) (i)-(iv)"
    );
    // No incumbent tied and nobody self-nominated: a draw, or re-nominating (the guest chose 0).
    let only_draw = run(
        secretary(RuleSet::Holacracy50, Some(GUEST)),
        &counted([1, 2, 1, 2, 0]),
    )
    .expect("counted");
    assert_eq!(
        rules_of(&only_draw),
        [TieRule::RandomDraw, TieRule::Renominate]
    );
}

#[test]
fn five_0_5_3_5_e_ii_a_tie_may_go_to_the_incumbent_only_if_tied() {
    for rules in BOTH {
        let e = run(secretary(rules, Some(1)), &counted([1, 3, 1, 3, 2])).expect("counted");
        let to_incumbent = ElectionEvent::Proposed {
            candidate: 1,
            tie: Some(TieBreak::Incumbent),
        };
        let e2 = run(e.clone(), &[to_incumbent]).expect("to the incumbent");
        assert_eq!(e2.tie_break, Some(TieBreak::Incumbent));
        let wrong = ElectionEvent::Proposed {
            candidate: 3,
            tie: Some(TieBreak::Incumbent),
        };
        assert!(run(e, &[wrong]).is_err_and(|m| m.contains("does not apply")));
    }
}

#[test]
fn a_tie_may_go_to_the_only_tied_self_nominee_but_not_when_two_nominated_themselves() {
    for rules in BOTH {
        let e = run(secretary(rules, None), &counted([1, 3, 1, 3, 2])).expect("counted");
        let to_self = ElectionEvent::Proposed {
            candidate: 3,
            tie: Some(TieBreak::SelfNominee),
        };
        assert!(run(e, std::slice::from_ref(&to_self)).is_ok(), "{rules}");
        // Both 1 and 3 nominated themselves.
        let e = run(secretary(rules, None), &counted([2, 1, 3, 3, 1])).expect("counted");
        assert!(!rules_of(&e).contains(&TieRule::SelfNominee));
        assert!(run(e, &[to_self]).is_err());
    }
}

#[test]
fn a_blind_random_draw_proposes_whom_its_recorded_seed_draws() {
    for rules in BOTH {
        let e = run(secretary(rules, None), &counted([1, 3, 1, 3, 2])).expect("counted");
        let seed = 42;
        let drawn = [1, 3][draw(seed, 2)];
        assert_eq!(e.drawn(seed), Some(drawn));
        let tie = Some(TieBreak::Random { seed });
        let other = if drawn == 1 { 3 } else { 1 };
        let forged = ElectionEvent::Proposed {
            candidate: other,
            tie,
        };
        assert!(run(e.clone(), &[forged]).is_err_and(|m| m.contains("not the candidate")));
        let event = ElectionEvent::Proposed {
            candidate: drawn,
            tie,
        };
        assert!(event.is_draw());
        let e = run(e, &[event]).expect("drawn");
        assert_eq!(e.proposed, Some(drawn));
    }
}

#[test]
fn re_nominating_asks_only_those_outside_the_tie_to_choose_one_of_the_tied_e_iv() {
    for rules in BOTH {
        let e = run(secretary(rules, None), &counted([1, 3, 1, 3, 2]))
            .and_then(|e| run(e, &[ElectionEvent::Renominate]))
            .expect("re-nominating");
        assert_eq!(e.step, ElectionStep::Changes);
        assert_eq!(
            e.change_order(),
            [GUEST],
            "only the guest chose someone else"
        );
        let keep = ElectionEvent::Kept { voter: GUEST };
        assert!(run(e.clone(), &[keep]).is_err(), "{rules}: must change");
        let untied = ElectionEvent::Changed {
            voter: GUEST,
            nominee: 0,
            reason: "x".into(),
        };
        assert!(run(e.clone(), &[untied]).is_err_and(|m| m.contains("one of the tied")));
        let e = run(
            e,
            &[
                ElectionEvent::Changed {
                    voter: GUEST,
                    nominee: 3,
                    reason: "Closer to the work".into(),
                },
                ElectionEvent::StepTo {
                    step: ElectionStep::Count,
                },
                proposed(3),
            ],
        )
        .expect("proposed");
        assert_eq!(e.proposed, Some(3));
    }
}

#[test]
fn four_one_3_3_6_f_the_candidate_is_asked_last_and_five_0_asks_in_order() {
    let nominees = [2, 2, 2, 1, 1];
    let four = run(
        secretary(RuleSet::Holacracy41, None),
        &[counted(nominees), vec![proposed(2)]].concat(),
    )
    .expect("proposed");
    assert_eq!(four.objection_order(&seats().present), [0, 1, 3, GUEST, 2]);
    let early = ElectionEvent::NoObjection { attendee: 0 };
    let e = run(four, &[early]).expect("first");
    assert!(
        run(e, &[ElectionEvent::NoObjection { attendee: 2 }])
            .is_err_and(|m| m.contains("the candidate last (4.1 §3.3.6(f))"))
    );
    let five = run(
        secretary(RuleSet::Holacracy50, None),
        &[counted(nominees), vec![proposed(2)]].concat(),
    )
    .expect("proposed");
    assert_eq!(five.objection_order(&seats().present), [0, 1, 2, 3, GUEST]);
}

/// Proposed 2, and attendee 0 objects; the rest of the round has no objection.
fn objected(rules: RuleSet) -> Election {
    let e = run(
        secretary(rules, None),
        &[
            counted([2, 2, 2, 1, 1]),
            vec![
                proposed(2),
                ElectionEvent::Objected {
                    attendee: 0,
                    text: "The term is too long".into(),
                    role: Some(crate::domain::ids::RoleId(1)),
                },
            ],
        ]
        .concat(),
    )
    .expect("objected");
    let rest = no_objections(&e);
    run(e, &rest).expect("asked")
}

#[test]
fn amending_the_term_integrates_the_objection_and_everyone_is_asked_again() {
    for rules in BOTH {
        let e = objected(rules);
        assert!(run(e.clone(), &[ElectionEvent::Elect]).is_err_and(|m| m.contains("unresolved")));
        let amended = ElectionEvent::TermAmended {
            term_end: day(2027, 6, 1),
        };
        let e = run(e, &[amended]).expect("amended");
        assert_eq!(e.term_end, Some(day(2027, 6, 1)));
        assert!(e.answered.is_empty(), "{rules}: everyone is asked again");
        assert!(run(e.clone(), &[ElectionEvent::Elect]).is_err());
        let again = no_objections(&e);
        let e = run(e, &[again, vec![ElectionEvent::Elect]].concat()).expect("elected");
        assert_eq!(e.elected, Some(2));
        assert_eq!(e.amendments, [(Some(day(2027, 12, 1)), day(2027, 6, 1))]);
    }
}

#[test]
fn a_resolved_objection_asks_everyone_again_before_electing() {
    for rules in BOTH {
        let e =
            run(objected(rules), &[ElectionEvent::Resolved { objection: 0 }]).expect("resolved");
        assert!(run(e.clone(), &[ElectionEvent::Elect]).is_err_and(|m| m.contains("asked again")));
        let e = run(e, &[ElectionEvent::NewRound]).expect("new round");
        let again = no_objections(&e);
        assert!(run(e, &[again, vec![ElectionEvent::Elect]].concat()).is_ok());
    }
}

#[test]
fn an_objection_is_abandoned_only_with_a_reason() {
    for rules in BOTH {
        let e = objected(rules);
        let silent = ElectionEvent::Abandoned {
            objection: 0,
            reason: " ".into(),
        };
        assert!(run(e.clone(), &[silent]).is_err());
        let e = run(
            e,
            &[ElectionEvent::Abandoned {
                objection: 0,
                reason: "Would not say what would help".into(),
            }],
        )
        .expect("abandoned");
        assert!(run(e, &[ElectionEvent::Elect]).is_ok(), "{rules}");
    }
}

#[test]
fn discarding_ignores_the_candidates_nominations_and_proposes_again_without_a_change_round_f() {
    for rules in BOTH {
        let no_objection = run(
            secretary(rules, None),
            &[counted([2, 2, 2, 1, 1]), vec![proposed(2)]].concat(),
        )
        .expect("proposed");
        let discard = ElectionEvent::SetAside {
            reason: "Away for months".into(),
        };
        let article = rules.rules().election.discard;
        assert!(
            run(no_objection, std::slice::from_ref(&discard))
                .is_err_and(|m| m.contains(&format!("only when objections are raised ({article})")))
        );
        let e = run(objected(rules), &[discard]).expect("set aside");
        assert_eq!(e.step, ElectionStep::Count, "{rules}: no new change round");
        assert_eq!(
            e.count(),
            [(1, 2)],
            "the candidate's nominations are ignored"
        );
        assert!(run(e.clone(), &[ElectionEvent::Kept { voter: 0 }]).is_err());
        let e = run(e, &[proposed(1)]).expect("the next proposed");
        assert_eq!(e.proposed, Some(1));
        assert_eq!(e.set_aside[0].reason.as_deref(), Some("Away for months"));
        assert_eq!(
            e.objections.len(),
            1,
            "the earlier objection stays on record"
        );
        assert!(e.this_round().next().is_none(), "a new objection round");
    }
}

#[test]
fn logs_before_the_facilitator_chose_a_tie_option_still_read_as_they_were_held() {
    // An old log: ballots straight after the item (no Describe step), a count with `Propose`
    // breaking the tie by the old order (5.0: the incumbent before a draw), `Discard`
    // back to the change round. They are no longer decided, only read.
    let mut e = Election::new(
        CoreRole::Secretary,
        RuleSet::Holacracy50,
        (Some(day(2027, 11, 30)), today()),
        Some(LEAD),
        Some(2),
    );
    let old = [(0, 3), (1, 2), (2, 3), (3, 2)]
        .map(|(voter, nominee)| ElectionEvent::Ballot { voter, nominee });
    for ev in &old {
        e.apply(ev);
    }
    assert_eq!(e.step, ElectionStep::Ballots);
    e.apply(&ElectionEvent::StepTo {
        step: ElectionStep::Changes,
    });
    let propose = ElectionEvent::Propose { seed: 5 };
    assert!(e.decide(&propose, &seats()).is_err(), "no longer made");
    e.apply(&propose);
    assert_eq!(
        (e.proposed, e.tie_break),
        (Some(2), Some(TieBreak::Incumbent))
    );
    e.apply(&ElectionEvent::Discard);
    assert_eq!(
        (e.step, e.discarded.clone()),
        (ElectionStep::Changes, vec![2])
    );
    e.apply(&propose);
    assert_eq!((e.proposed, e.tie_break), (Some(3), None));
}

#[test]
fn five_0_1_4_every_circle_lead_of_several_is_kept_out_of_circle_rep() {
    // 5.0 §1.4 allows several Circle Leads; §5.1.1: "Anyone serving as a Circle Lead for the
    // Circle may not also serve as its Circle Rep."
    let mut both_leads = seats();
    both_leads.leads = vec![LEAD, 1];
    let ballot = ElectionEvent::Ballot {
        voter: 2,
        nominee: 1,
    };
    for (role, refused) in [(CoreRole::Rep, true), (CoreRole::Secretary, false)] {
        let mut e = election(role, RuleSet::Holacracy50, None);
        e.apply(&described());
        let decided = e.decide(&ballot, &both_leads);
        assert_eq!(decided.is_err(), refused, "{role:?}: {decided:?}");
    }
}

#[test]
fn a_change_to_the_nominee_already_on_the_ballot_is_no_change() {
    for rules in BOTH {
        let e = run(secretary(rules, None), &read([1, 1, 2, 2, 1])).expect("read");
        let same = ElectionEvent::Changed {
            voter: 0,
            nominee: 1,
            reason: "Still".into(),
        };
        assert!(
            run(e, &[same]).is_err_and(|m| m.contains("no change")),
            "{rules}"
        );
    }
}

#[test]
fn four_one_3_3_6_f_discards_after_the_objection_round_and_five_0_once_objections_surface() {
    for (rules, allowed_mid_round) in [(RuleSet::Holacracy41, false), (RuleSet::Holacracy50, true)]
    {
        let mid_round = run(
            secretary(rules, None),
            &[
                counted([2, 2, 2, 1, 1]),
                vec![
                    proposed(2),
                    ElectionEvent::Objected {
                        attendee: 0,
                        text: "Away in spring".into(),
                        role: None,
                    },
                ],
            ]
            .concat(),
        )
        .expect("objected");
        let discard = ElectionEvent::SetAside {
            reason: "Away".into(),
        };
        let decided = run(mid_round, std::slice::from_ref(&discard));
        assert_eq!(decided.is_ok(), allowed_mid_round, "{rules}: {decided:?}");
        assert!(
            run(objected(rules), &[discard]).is_ok(),
            "{rules}: after the round"
        );
    }
}
