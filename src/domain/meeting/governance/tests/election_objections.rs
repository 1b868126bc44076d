//! The candidate and the objection round of an integrative election (4.1 §3.3.6(f); 5.0
//! §5.3.5(f)): who is asked when, integrating or abandoning an objection, discarding the
//! candidate's nominations, and logs written before the facilitator chose a tie option.

use super::super::*;
use super::elections::*;
use crate::domain::ruleset::{CoreRole, RuleSet};

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
