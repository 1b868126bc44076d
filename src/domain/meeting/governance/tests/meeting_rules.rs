//! The meeting's own rules under each rule set: an election asked first stays first, the
//! Secretary's interpretations, and (5.0) the scheduled end with the Secretary's extension.
//! Each test names the articles it checks.

use super::super::*;
use super::run::Run;
use crate::domain::ruleset::{CoreRole, RuleSet};

/// An agenda of a proposal and then an election of the Secretary.
fn agenda(rules: RuleSet) -> (Run, u64, u64) {
    let mut run = Run::new(rules);
    run.ok(GovEvent::StepChanged {
        step: GovStep::Agenda,
    });
    run.ok(GovEvent::ItemAdded {
        label: "Ovens".into(),
        owner: 1,
        kind: ItemKind::Proposal,
        tension: None,
    });
    let proposal = run.log.len() as u64;
    run.ok(GovEvent::ItemAdded {
        label: "Secretary".into(),
        owner: 0,
        kind: ItemKind::Election {
            role: CoreRole::Secretary,
            term_end: None,
        },
        tension: None,
    });
    let election = run.log.len() as u64;
    (run, proposal, election)
}

#[test]
fn an_election_asked_first_stays_first_and_who_asked_is_recorded_4_1_3_3_4_b_5_0_5_4_4() {
    for rules in RuleSet::ALL {
        let (mut run, proposal, election) = agenda(rules);
        let nobody = run.try_event(GovEvent::ElectionFirst {
            item: election,
            asked_by: None,
        });
        assert!(nobody.is_err_and(|e| e.contains("someone present asks")));
        run.ok(GovEvent::ElectionFirst {
            item: election,
            asked_by: Some(2),
        });
        let state = run.state();
        assert_eq!(state.order, [election, proposal]);
        assert_eq!(state.first, [(election, Some(2))]);
        for (item, to) in [(election, 1), (proposal, 0)] {
            let moved = run.try_event(GovEvent::ItemMoved { item, to });
            assert!(
                moved.is_err_and(|e| e.contains("Cleo asked") && e.contains("§5.4.4")),
                "{rules}: moving {item} to {to}"
            );
        }
        let again = run.try_event(GovEvent::ElectionFirst {
            item: election,
            asked_by: Some(0),
        });
        assert!(again.is_err_and(|e| e.contains("already")));
        // Items not asked first are ordered freely among themselves.
        run.ok(GovEvent::ItemAdded {
            label: "Keys".into(),
            owner: 0,
            kind: ItemKind::Proposal,
            tension: None,
        });
        let keys = run.log.len() as u64;
        run.ok(GovEvent::ItemMoved { item: keys, to: 1 });
        assert_eq!(run.state().order, [election, keys, proposal]);
    }
}

#[test]
fn anyone_may_ask_the_secretary_to_interpret_and_the_ruling_is_recorded_4_1_3_4_5_0_4_2_1() {
    for rules in RuleSet::ALL {
        let (mut run, _, _) = agenda(rules);
        let asked = |asked_by, secretary| GovEvent::Interpreted {
            asked_by,
            secretary,
            question: "May a policy name a filler?".into(),
            ruling: "No: fillers are assigned, not governed".into(),
        };
        let not_secretary = run.try_event(asked(3, 1));
        assert!(not_secretary.is_err_and(|e| e.contains("§4.2.1") && e.contains("§3.4")));
        // Even during a time out, where the rules may be discussed (5.0 §5.4.3).
        if rules.rules().time_outs {
            run.ok(GovEvent::TimeOut {
                asked_by: 0,
                granted: true,
            });
        }
        run.ok(asked(3, 2));
        let state = run.state();
        assert_eq!(state.interpretations.len(), 1, "{rules}");
        assert_eq!(state.interpretations[0].asked_by, 3);
        let minutes = crate::domain::minutes::Minutes::governance(
            crate::domain::ids::MeetingId(1),
            &state,
            &run.org,
        );
        let line = &minutes.governance.interpretations[0];
        assert_eq!(line.secretary, "Cleo");
        assert_eq!(line.ruling, "No: fillers are assigned, not governed");
    }
}

#[test]
fn under_5_0_the_meeting_ends_at_its_scheduled_end_unless_the_secretary_extends_it_5_0_5_4_2() {
    let (mut run, proposal, _) = agenda(RuleSet::Holacracy50);
    let more = run.try_event(GovEvent::TimeAdded { minutes: 5 });
    assert!(
        more.is_err_and(|e| e.contains("§5.4.2")),
        "no facilitator's extra time"
    );
    run.ok(GovEvent::TimeUp);
    let moving = run.try_event(GovEvent::ItemMoved {
        item: proposal,
        to: 1,
    });
    assert!(moving.is_err_and(|e| e.contains("scheduled end") && e.contains("§5.4.2")));
    let by_facilitator = run.try_event(GovEvent::Extended {
        secretary: 1,
        minutes: 15,
    });
    assert!(by_facilitator.is_err_and(|e| e.contains("Secretary")));
    run.ok(GovEvent::Extended {
        secretary: 2,
        minutes: 15,
    });
    let state = run.state();
    assert!(!state.time_up);
    assert_eq!(state.extensions, [(2, 15)]);
    assert_eq!(
        state.deadline() - state.started_at,
        chrono::Duration::minutes(105)
    );
    run.ok(GovEvent::ItemMoved {
        item: proposal,
        to: 1,
    });
    let minutes = crate::domain::minutes::Minutes::governance(
        crate::domain::ids::MeetingId(1),
        &state,
        &run.org,
    );
    assert_eq!(
        minutes.governance.extensions,
        ["Cleo (Secretary) extended it by 15 minutes"]
    );
    run.ok(GovEvent::TimeUp);
    run.ok(GovEvent::Ended);
}

#[test]
fn under_4_1_there_is_no_scheduled_end_and_the_facilitator_gives_more_time() {
    let (mut run, _, _) = agenda(RuleSet::Holacracy41);
    assert!(run.try_event(GovEvent::TimeUp).is_err());
    let extended = run.try_event(GovEvent::Extended {
        secretary: 2,
        minutes: 15,
    });
    assert!(extended.is_err_and(|e| e.contains("holacracy-4.1")));
    run.ok(GovEvent::TimeAdded { minutes: 5 });
}

fn requested(requester: usize, intent: &str, limits: Vec<crate::domain::ids::RoleId>) -> GovEvent {
    GovEvent::SpecialRequested {
        requester,
        intent: intent.into(),
        limits,
    }
}

fn add(run: &mut Run, label: &str, owner: usize) -> u64 {
    run.ok(GovEvent::ItemAdded {
        label: label.into(),
        owner,
        kind: ItemKind::Proposal,
        tension: None,
    });
    run.log.len() as u64
}

#[test]
fn under_4_1_a_special_meetings_requester_has_their_items_first_4_1_3_3_4_b() {
    let mut run = Run::new(RuleSet::Holacracy41);
    let limited = run.try_event(requested(0, "Ovens only", vec![]));
    assert!(limited.is_err_and(|e| e.contains("no intent or limits")));
    run.ok(requested(0, "", vec![]));
    let ben = add(&mut run, "Keys", 1);
    let ana = add(&mut run, "Ovens", 0);
    assert_eq!(
        run.state().order,
        [ana, ben],
        "Ana's item goes before Ben's"
    );
    let moved = run.try_event(GovEvent::ItemMoved { item: ben, to: 0 });
    assert!(moved.is_err_and(|e| e.contains("Ana asked") && e.contains("§3.3.4(b)")));
    let again = run.try_event(requested(1, "", vec![]));
    assert!(again.is_err_and(|e| e.contains("once, before the agenda")));
}

/// 4.1 §3.3.4(b): "the Facilitator must place all agenda items raised by that participant
/// before any raised by others, unless that participant allows otherwise".
#[test]
fn under_4_1_the_requester_may_allow_others_items_before_theirs_4_1_3_3_4_b() {
    let mut run = Run::new(RuleSet::Holacracy41);
    run.ok(requested(0, "", vec![]));
    let ana = add(&mut run, "Ovens", 0);
    let ben = add(&mut run, "Keys", 1);
    let by_ben = run.try_event(GovEvent::RequesterAllows { requester: 1 });
    assert!(by_ben.is_err_and(|e| e.contains("only they allow") && e.contains("§3.3.4(b)")));
    run.ok(GovEvent::RequesterAllows { requester: 0 });
    run.ok(GovEvent::ItemMoved { item: ben, to: 0 });
    let cleo = add(&mut run, "Rent", 2);
    let later = add(&mut run, "Flour", 0);
    assert_eq!(
        run.state().order,
        [ben, ana, cleo, later],
        "the facilitator orders the agenda as in any meeting"
    );
    let minutes = crate::domain::minutes::Minutes::governance(
        crate::domain::MeetingId(1),
        &run.state(),
        &run.org,
    );
    assert!(
        minutes
            .governance
            .special
            .is_some_and(|s| s.contains("allowed others' items before theirs")),
        "the minutes say so"
    );
}

#[test]
fn under_5_0_the_requester_orders_the_agenda_and_has_no_leave_to_give_5_0_5_4_4() {
    let mut run = Run::new(RuleSet::Holacracy50);
    run.ok(requested(0, "", vec![]));
    let refused = run.try_event(GovEvent::RequesterAllows { requester: 0 });
    assert!(refused.is_err_and(|e| e.contains("5.0 §5.4.4")));
}

#[test]
fn under_5_0_a_special_meeting_changes_only_within_its_requesters_limits_5_0_5_4() {
    use crate::domain::ids::RoleId;
    let mut run = Run::new(RuleSet::Holacracy50);
    let elsewhere = run.try_event(requested(0, "Ovens", vec![RoleId(99)]));
    assert!(elsewhere.is_err_and(|e| e.contains("roles of this circle")));
    run.ok(requested(
        0,
        "The Baker's accountabilities",
        vec![RoleId(13)],
    ));
    // The requester chooses the order (5.0 §5.4.4): nothing is fixed by whose item it is.
    let ben = add(&mut run, "Keys", 1);
    let ana = add(&mut run, "Ovens", 0);
    assert_eq!(run.state().order, [ben, ana]);
    let drafted = |changes| GovEvent::Proposal {
        item: ana,
        event: IdmEvent::Drafted { changes },
    };
    let new_role = run.try_event(drafted(vec![super::run::new_role()]));
    assert!(
        new_role.is_err_and(|e| e.contains("§5.4")),
        "outside the limits"
    );
    run.ok(drafted(vec![Change::AmendRole {
        role: RoleId(13),
        name: None,
        purpose: Some("Bread baked well".into()),
        domains: None,
        accountabilities: None,
    }]));
    let state = run.state();
    let minutes = crate::domain::minutes::Minutes::governance(
        crate::domain::ids::MeetingId(1),
        &state,
        &run.org,
    );
    assert_eq!(
        minutes.governance.special.as_deref(),
        Some("requested by Ana; intent: The Baker's accountabilities; may change only: Baker")
    );
}

fn breakdown(by: usize, item: Option<u64>) -> GovEvent {
    GovEvent::BreakdownDeclared {
        by,
        reason: "No resolution after an hour".into(),
        item,
    }
}

#[test]
fn under_5_0_the_facilitator_or_secretary_declares_a_process_breakdown_5_0_5_5() {
    let mut run = Run::new(RuleSet::Holacracy50);
    let item = add(&mut run, "Ovens", 0);
    // Ben is the facilitator, Cleo the Secretary, Ana the proposer.
    let by_ana = run.try_event(breakdown(0, Some(item)));
    assert!(by_ana.is_err_and(|e| e.contains("5.0 §5.5")));
    run.ok(breakdown(2, Some(item)));
    let state = run.state();
    assert_eq!(
        state.breakdowns,
        [(2, "No resolution after an hour".into())]
    );
    let p = state
        .item(item)
        .and_then(|i| i.proposal.clone())
        .expect("p");
    assert_eq!(
        p.outcome,
        Some(Outcome::ProcessBreakdown {
            reason: "No resolution after an hour".into()
        })
    );
    let keys = add(&mut run, "Keys", 1);
    let undeclared = run.try_event(GovEvent::Proposal {
        item: keys,
        event: IdmEvent::Ended {
            outcome: Outcome::ProcessBreakdown {
                reason: "Tired".into(),
            },
        },
    });
    assert!(undeclared.is_err_and(|e| e.contains("declared by whom")));
}

#[test]
fn under_4_1_the_facilitator_or_the_proposer_who_requested_the_meeting_declares_it_4_1_3_5_1() {
    let mut run = Run::new(RuleSet::Holacracy41);
    run.ok(requested(0, "", vec![]));
    let anas = add(&mut run, "Ovens", 0);
    let bens = add(&mut run, "Keys", 1);
    let by_secretary = run.try_event(breakdown(2, Some(anas)));
    assert!(by_secretary.is_err_and(|e| e.contains("4.1 §3.5.1")));
    // Ana requested the meeting: she may, for her own proposal only.
    let not_hers = run.try_event(breakdown(0, Some(bens)));
    assert!(not_hers.is_err());
    run.ok(breakdown(0, Some(anas)));
    run.ok(breakdown(1, Some(bens)));
    assert_eq!(run.state().breakdowns.len(), 2);
}
