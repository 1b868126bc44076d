//! A governance meeting end to end, as the shell would drive it: rounds, agenda with an
//! election moved first, a proposal adopted through an integrated objection, an election, and
//! time outs; with the effects each produces.

use super::super::*;
use super::run::{Run, new_role};
use crate::domain::ids::*;
use crate::domain::meeting::Effect;
use crate::domain::org::*;
use crate::domain::ruleset::{CoreRole, RuleSet};

#[test]
fn a_meeting_adopts_a_role_through_an_integrated_objection_and_elects_a_secretary() {
    let mut run = Run::new(RuleSet::Holacracy50);
    let (proposal, election) = agenda_with_the_election_first(&mut run);
    let term = chrono::NaiveDate::from_ymd_opt(2027, 11, 30);
    cleo_is_elected_secretary(&mut run, election, term);
    the_role_is_adopted_through_an_integrated_objection(&mut run, proposal);
    let state = run.state();
    assert_eq!(state.adopted().len(), 1);
    assert_eq!(state.elected(), [(CoreRole::Secretary, 2, term)]);
}

/// The agenda of a proposal and a Secretary election, the election asked to go first; then
/// the items step. Returns the proposal's and the election's items.
fn agenda_with_the_election_first(run: &mut Run) -> (u64, u64) {
    assert_eq!(
        GovStep::steps(RuleSet::Holacracy50),
        [
            GovStep::CheckIn,
            GovStep::Agenda,
            GovStep::Items,
            GovStep::Closing
        ]
    );
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
        owner: 2,
        kind: ItemKind::Election {
            role: CoreRole::Secretary,
            term_end: None,
        },
        tension: None,
    });
    let election = run.log.len() as u64;
    run.ok(GovEvent::ElectionFirst {
        item: election,
        asked_by: Some(0),
    });
    assert_eq!(
        run.state().order,
        [election, proposal],
        "the election goes first"
    );
    run.ok(GovEvent::StepChanged {
        step: GovStep::Items,
    });
    (proposal, election)
}

/// The election: the term set, everyone nominates Cleo and keeps it; she is elected. The
/// guest takes part under 4.1 only (4.1 §3.3.1; 5.0 §5.4.1: "only while processing that
/// specific Tension", never an election).
fn cleo_is_elected_secretary(run: &mut Run, election: u64, term: Option<chrono::NaiveDate>) {
    let voters = run.state().present();
    if let Some(term_end) = term {
        run.vote(election, ElectionEvent::Described { term_end });
    }
    for &voter in &voters {
        run.vote(election, ElectionEvent::Ballot { voter, nominee: 2 });
    }
    run.vote(
        election,
        ElectionEvent::StepTo {
            step: ElectionStep::Nominations,
        },
    );
    for &voter in &voters {
        let reason = "Organised".into();
        run.vote(election, ElectionEvent::Reason { voter, reason });
    }
    for step in [ElectionStep::Changes, ElectionStep::Count] {
        if step == ElectionStep::Count {
            for &voter in &voters {
                run.vote(election, ElectionEvent::Kept { voter });
            }
        }
        run.vote(election, ElectionEvent::StepTo { step });
    }
    run.vote(
        election,
        ElectionEvent::Proposed {
            candidate: 2,
            tie: None,
        },
    );
    let order = run
        .state()
        .item(election)
        .and_then(|i| i.election.clone())
        .expect("election")
        .objection_order(&voters);
    for attendee in order {
        run.vote(election, ElectionEvent::NoObjection { attendee });
    }
    let effects = run.vote(election, ElectionEvent::Elect);
    assert_eq!(
        effects,
        [Effect::AssignElected {
            role: RoleId(12),
            person: PersonId(3),
            term_end: term
        }]
    );
}

/// The proposal: an objection, tested valid, integrated, then adopted in version 2.
fn the_role_is_adopted_through_an_integrated_objection(run: &mut Run, proposal: u64) {
    run.ok(GovEvent::CursorMoved {
        step: GovStep::Items,
        index: 1,
    });
    run.idm(
        proposal,
        IdmEvent::Framed {
            tension: "Ovens idle".into(),
            example: "Tuesday".into(),
            role: Some(RoleId(13)),
            permission: None,
        },
    );
    run.idm(
        proposal,
        IdmEvent::Drafted {
            changes: vec![new_role()],
        },
    );
    run.walk_to_objections(proposal);
    ana_objects_and_her_objection_tests_valid(run, proposal);
    run.idm(
        proposal,
        IdmEvent::StepTo {
            step: IdmStep::Integrate,
        },
    );
    let amended = Change::CreateRole {
        name: "Oven Scheduler".into(),
        purpose: "Ovens used well, nights only".into(),
        domains: vec![],
        accountabilities: vec![],
    };
    run.idm(
        proposal,
        IdmEvent::Drafted {
            changes: vec![amended.clone()],
        },
    );
    run.idm(proposal, IdmEvent::ObjectorSatisfied { objection: 0 });
    run.idm(proposal, IdmEvent::ProposerSatisfied { objection: 0 });
    run.idm(proposal, IdmEvent::NewRound);
    for attendee in 0..4 {
        run.idm(proposal, IdmEvent::NoObjection { attendee });
    }
    let effects = run.idm(
        proposal,
        IdmEvent::Ended {
            outcome: Outcome::Adopted { version: 2 },
        },
    );
    assert_eq!(
        effects,
        [Effect::ApplyGovernance {
            circle: CircleId(1),
            changes: vec![amended]
        }]
    );
}

/// Ana objects for her role; the others have none; her objection tests valid, so the first
/// version cannot be adopted.
fn ana_objects_and_her_objection_tests_valid(run: &mut Run, proposal: u64) {
    run.idm(
        proposal,
        IdmEvent::Objected {
            attendee: 0,
            role: Some(RoleId(10)),
            text: "Overlaps my role".into(),
            sub_circle: None,
            permission: None,
        },
    );
    for attendee in 1..4 {
        run.idm(proposal, IdmEvent::NoObjection { attendee });
    }
    run.idm(
        proposal,
        IdmEvent::Tested {
            objection: 0,
            test: ObjectionTest {
                answers: [true; 4],
                breaks_constitution: false,
            },
        },
    );
    assert!(
        run.try_event(GovEvent::Proposal {
            item: proposal,
            event: IdmEvent::Ended {
                outcome: Outcome::Adopted { version: 1 }
            }
        })
        .is_err()
    );
}

#[test]
fn a_proposal_that_breaks_the_circles_structure_is_refused_when_drafted() {
    let mut run = Run::new(RuleSet::Holacracy50);
    run.ok(GovEvent::ItemAdded {
        label: "Lead".into(),
        owner: 1,
        kind: ItemKind::Proposal,
        tension: None,
    });
    let item = run.log.len() as u64;
    let err = run.try_event(GovEvent::Proposal {
        item,
        event: IdmEvent::Drafted {
            changes: vec![Change::RemoveRole { role: RoleId(10) }],
        },
    });
    assert!(err.is_err_and(|e| e.contains("core role")));
}

#[test]
fn guests_and_ineligible_nominees_are_refused_and_the_lead_is_not_elected() {
    let mut run = Run::new(RuleSet::Holacracy50);
    let err = run.try_event(GovEvent::ItemAdded {
        label: "Lead".into(),
        owner: 1,
        kind: ItemKind::Election {
            role: CoreRole::Lead,
            term_end: None,
        },
        tension: None,
    });
    assert!(err.is_err_and(|e| e.contains("appointed")));
    run.ok(GovEvent::ItemAdded {
        label: "Facilitator".into(),
        owner: 1,
        kind: ItemKind::Election {
            role: CoreRole::Facilitator,
            term_end: None,
        },
        tension: None,
    });
    let item = run.log.len() as u64;
    let term_end = chrono::NaiveDate::from_ymd_opt(2027, 11, 24).expect("a date");
    run.vote(item, ElectionEvent::Described { term_end });
    let guest = run.try_event(GovEvent::Election {
        item,
        event: ElectionEvent::Ballot {
            voter: 0,
            nominee: 3,
        },
    });
    assert!(guest.is_err_and(|e| e.contains("guest")));
}

#[test]
fn a_random_draw_once_made_stays_in_the_record_taking_back_cannot_re_roll_it() {
    for rules in [RuleSet::Holacracy41, RuleSet::Holacracy50] {
        let mut run = Run::new(rules);
        run.ok(GovEvent::ItemAdded {
            label: "Secretary".into(),
            owner: 1,
            kind: ItemKind::Election {
                role: CoreRole::Secretary,
                term_end: None,
            },
            tension: None,
        });
        let item = run.log.len() as u64;
        let term_end = chrono::NaiveDate::from_ymd_opt(2027, 11, 24).expect("a date");
        run.vote(item, ElectionEvent::Described { term_end });
        // Ana and Ben nominate each other, Cleo and the guest nominate Ana and Ben: a tie.
        for (voter, nominee) in [(0, 1), (1, 0), (2, 0), (3, 1)] {
            run.vote(item, ElectionEvent::Ballot { voter, nominee });
        }
        let step = |step| ElectionEvent::StepTo { step };
        run.vote(item, step(ElectionStep::Nominations));
        for voter in 0..4 {
            let reason = "Knows the records".into();
            run.vote(item, ElectionEvent::Reason { voter, reason });
        }
        run.vote(item, step(ElectionStep::Changes));
        for voter in 0..4 {
            run.vote(item, ElectionEvent::Kept { voter });
        }
        run.vote(item, step(ElectionStep::Count));
        let e = run
            .state()
            .item(item)
            .and_then(|i| i.election.clone())
            .expect("election");
        let seed = 11;
        let candidate = e.drawn(seed).expect("a tie");
        let tie = Some(TieBreak::Random { seed });
        run.vote(item, ElectionEvent::Proposed { candidate, tie });
        let drawn = run.log.len() as u64;
        let back = run.try_event(GovEvent::Retracted { seq: drawn });
        assert!(
            back.is_err_and(|m| m.contains("a random draw stays in the record")),
            "{rules}"
        );
        // Entries after the draw can still be taken back.
        let first = run
            .state()
            .item(item)
            .and_then(|i| i.election.as_ref()?.next_to_answer(&[0, 1, 2, 3]))
            .expect("someone is asked");
        run.vote(item, ElectionEvent::NoObjection { attendee: first });
        let answered = run.log.len() as u64;
        run.ok(GovEvent::Retracted { seq: answered });
    }
}

#[test]
fn a_time_out_is_recorded_and_holds_the_meeting_until_it_ends() {
    let mut run = Run::new(RuleSet::Holacracy50);
    run.ok(GovEvent::TimeOut {
        asked_by: 2,
        granted: true,
    });
    assert!(
        run.try_event(GovEvent::StepChanged {
            step: GovStep::Agenda
        })
        .is_err_and(|e| e.contains("time out"))
    );
    run.ok(GovEvent::TimeOutEnded);
    run.ok(GovEvent::StepChanged {
        step: GovStep::Agenda,
    });
    let t_out = run.state().time_outs[0].clone();
    assert_eq!((t_out.asked_by, t_out.granted), (2, true));
    assert_eq!(
        t_out.ended.map(|e| (e - t_out.started).num_minutes()),
        Some(1)
    );
}

#[test]
fn under_four_one_there_are_administrative_concerns_and_no_time_outs() {
    let mut run = Run::new(RuleSet::Holacracy41);
    run.ok(GovEvent::StepChanged {
        step: GovStep::AdminConcerns,
    });
    run.ok(GovEvent::NoteTaken {
        step: GovStep::AdminConcerns,
        attendee: 1,
        text: "Ben leaves at four".into(),
    });
    assert!(
        run.try_event(GovEvent::TimeOut {
            asked_by: 1,
            granted: true
        })
        .is_err()
    );
    let mut five = Run::new(RuleSet::Holacracy50);
    assert!(
        five.try_event(GovEvent::StepChanged {
            step: GovStep::AdminConcerns
        })
        .is_err()
    );
}

#[test]
fn only_the_last_entry_standing_is_taken_back_and_an_adoption_comes_back_out_of_the_record() {
    let mut run = Run::new(RuleSet::Holacracy50);
    run.ok(GovEvent::StepChanged {
        step: GovStep::Agenda,
    });
    run.ok(GovEvent::ItemAdded {
        label: "Ovens".into(),
        owner: 0,
        kind: ItemKind::Proposal,
        tension: None,
    });
    let item = run.log.len() as u64;
    run.ok(GovEvent::StepChanged {
        step: GovStep::Items,
    });
    run.idm(
        item,
        IdmEvent::Drafted {
            changes: vec![new_role()],
        },
    );
    run.walk_to_objections(item);
    for attendee in 0..4 {
        run.idm(item, IdmEvent::NoObjection { attendee });
    }
    let effects = run.idm(
        item,
        IdmEvent::Ended {
            outcome: Outcome::Adopted { version: 1 },
        },
    );
    assert!(matches!(effects[..], [Effect::ApplyGovernance { .. }]));
    let adopted = run.log.len() as u64;
    // An earlier entry cannot be taken back while a later one stands.
    assert!(run.try_event(GovEvent::Retracted { seq: item }).is_err());
    // Moving between steps is not an entry: the adoption is still the last one.
    run.ok(GovEvent::StepChanged {
        step: GovStep::Closing,
    });
    let effects = run.ok(GovEvent::Retracted { seq: adopted });
    assert_eq!(effects, vec![Effect::Undo { seq: adopted }]);
    let state = run.state();
    let p = state
        .item(item)
        .and_then(|i| i.proposal.as_ref())
        .expect("proposal");
    assert_eq!(p.outcome, None);
    assert!(state.adopted().is_empty());
    // Then the entry before it: the last "no objection".
    assert_eq!(state.last_entry(), Some(adopted - 1));
    assert!(run.try_event(GovEvent::Retracted { seq: adopted }).is_err());
}

#[test]
fn a_version_written_before_the_circle_changed_is_checked_again_when_adopted() {
    let mut run = Run::new(RuleSet::Holacracy50);
    run.ok(GovEvent::ItemAdded {
        label: "Ovens".into(),
        owner: 0,
        kind: ItemKind::Proposal,
        tension: None,
    });
    let item = run.log.len() as u64;
    run.idm(
        item,
        IdmEvent::Drafted {
            changes: vec![new_role()],
        },
    );
    run.walk_to_objections(item);
    for attendee in 0..4 {
        run.idm(item, IdmEvent::NoObjection { attendee });
    }
    // Meanwhile another item's adoption created a role of the same name.
    let mut records = run.org.records().clone();
    let mut taken = records.roles[0].clone();
    taken.id = RoleId(99);
    taken.name = "Oven Scheduler".into();
    taken.core = None;
    records.roles.push(taken);
    run.org = Organisation::new(records);
    let err = run.try_event(GovEvent::Proposal {
        item,
        event: IdmEvent::Ended {
            outcome: Outcome::Adopted { version: 1 },
        },
    });
    assert!(err.is_err_and(|e| e.contains("the circle has changed since this version")),);
}

/// PROCESS.md, Minutes: what was recorded "in the order it happened", and "anything not
/// processed" (outcomes per item: "not processed (meeting ended)").
#[test]
fn minutes_list_items_in_the_order_processed_and_name_those_not_processed() {
    use crate::domain::document::{Block, minutes_document};
    use crate::domain::minutes::Minutes;
    let mut run = Run::new(RuleSet::Holacracy50);
    let add = |run: &mut Run, label: &str, kind| {
        run.ok(GovEvent::ItemAdded {
            label: label.into(),
            owner: 0,
            kind,
            tension: None,
        });
        run.log.len() as u64
    };
    let ovens = add(&mut run, "Ovens", ItemKind::Proposal);
    let election = ItemKind::Election {
        role: CoreRole::Secretary,
        term_end: chrono::NaiveDate::from_ymd_opt(2027, 11, 30),
    };
    add(&mut run, "Secretary", election);
    let keys = add(&mut run, "Keys", ItemKind::Proposal);
    // The facilitator takes up "Keys" first, then "Ovens"; the meeting ends before "Ovens"
    // is decided and before the election is taken up.
    let withdrawn = Outcome::Withdrawn;
    run.idm(keys, IdmEvent::Ended { outcome: withdrawn });
    let framed = IdmEvent::Framed {
        tension: "Ovens idle at night".into(),
        example: "Last Tuesday".into(),
        role: None,
        permission: None,
    };
    run.idm(ovens, framed);
    run.ok(GovEvent::Ended);
    let minutes = Minutes::governance(MeetingId(1), &run.state(), &run.org);
    let order: Vec<(&str, bool)> = minutes
        .items
        .iter()
        .map(|i| (i.kind, i.not_processed))
        .collect();
    assert_eq!(
        order,
        [("proposal", false), ("proposal", true), ("election", true)]
    );
    let labels: Vec<&str> = minutes.proposals.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["Keys", "Ovens"], "in the order processed");
    assert_eq!(
        minutes.proposals[1].outcome.as_deref(),
        Some("not processed (the meeting ended)")
    );
    let doc = minutes_document(&minutes, chrono::FixedOffset::east_opt(0).expect("UTC"));
    let headings: Vec<&str> = doc
        .iter()
        .filter_map(|b| match b {
            Block::Subheading(h) => Some(h.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        headings,
        ["1. Keys (Ana)", "2. Ovens (Ana)", "3. Election: Secretary"]
    );
    let election_facts = doc.iter().rev().find_map(|b| match b {
        Block::Facts(f) => Some(f.clone()),
        _ => None,
    });
    assert_eq!(
        election_facts,
        Some(vec![(
            "Elected".to_string(),
            "not processed (the meeting ended)".to_string()
        )])
    );
}
