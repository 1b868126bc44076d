//! Ties in an integrative election (4.1 §3.3.6(e); 5.0 §5.3.5(e)): the options each rule set
//! offers and in which order, the incumbent, the only self-nominee, a recorded random draw,
//! and re-nominating among the tied.

use super::super::election::draw;
use super::super::*;
use super::elections::*;
use crate::domain::rules::TieRule;
use crate::domain::ruleset::RuleSet;

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
