//! Membership and attendance, per rule set, from the constitution's words: who is a member
//! (4.1 §2.3.1; 5.0 §5.1, §5.1.1), who may invite a guest and for how long the guest takes
//! part (4.1 §3.3.1; 5.0 §5.4.1), and that guests and observers are never candidates.

use super::*;
use crate::domain::ids::AssignmentId;
use crate::domain::meeting::flow::Recorded;
use crate::domain::meeting::governance::{
    ElectionEvent, ElectionStep, GovEvent, GovStep, Governance, ItemKind,
};
use crate::domain::org::*;
use crate::domain::ruleset::RuleSet;
use chrono::{TimeZone, Utc};

/// Anchor (1) with a Lead (Ana and, under 5.0, Dan too), a Baker (Ben); sub-circle Bakehouse
/// (2) whose Circle Lead is Cleo and whose Rep is Eve; Fay left the organisation.
fn org(rules: RuleSet) -> Organisation {
    let circle = |id, parent: Option<i64>, name: &str| Circle {
        id: CircleId(id),
        parent: parent.map(CircleId),
        name: name.into(),
        purpose: String::new(),
        strategy: None,
        domains: Vec::new(),
        accountabilities: Vec::new(),
    };
    let role = |id, c, core: Option<CoreRole>, name: &str| Role {
        id: RoleId(id),
        circle: CircleId(c),
        name: name.into(),
        purpose: String::new(),
        domains: vec![],
        accountabilities: vec![],
        core,
    };
    let person = |id, name: &str| Person {
        id: PersonId(id),
        name: name.into(),
        email: None,
        left: (name == "Fay").then(|| Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()),
    };
    let assign = |id, r, p| Assignment {
        id: AssignmentId(id),
        role: RoleId(r),
        person: PersonId(p),
        focus: None,
        term_end: None,
        since: None,
        until: None,
    };
    let mut assignments = vec![
        assign(1, 10, 1),
        assign(2, 11, 2),
        assign(3, 20, 3),
        assign(4, 21, 5),
        assign(5, 11, 6),
    ];
    if rules == RuleSet::Holacracy50 {
        assignments.push(assign(6, 10, 4));
    }
    Organisation::new(OrgRecords {
        name: "Co".into(),
        rule_set: rules,
        circles: vec![circle(1, None, "Co"), circle(2, Some(1), "Bakehouse")],
        roles: vec![
            role(10, 1, Some(CoreRole::Lead), "Lead"),
            role(11, 1, None, "Baker"),
            role(20, 2, Some(CoreRole::Lead), "Lead"),
            role(21, 2, Some(CoreRole::Rep), "Rep"),
        ],
        people: ["Ana", "Ben", "Cleo", "Dan", "Eve", "Fay"]
            .iter()
            .zip(1..)
            .map(|(n, i)| person(i, n))
            .collect(),
        assignments,
        ..OrgRecords::default()
    })
}

fn names(org: &Organisation, circle: i64) -> Vec<String> {
    members(org, CircleId(circle))
        .iter()
        .map(|m| org.person_name(m.person).to_string())
        .collect()
}

#[test]
fn four_one_2_3_1_a_sub_circles_lead_link_and_rep_link_are_core_circle_members_of_the_super_circle()
{
    let org = org(RuleSet::Holacracy41);
    assert_eq!(names(&org, 1), ["Ana", "Ben", "Cleo", "Eve"]);
    let cleo = &members(&org, CircleId(1))[2];
    assert_eq!(cleo.bases, [Basis::SubCircleLead(CircleId(2))]);
}

#[test]
fn five_o_5_1_and_5_1_1_a_sub_circles_circle_lead_and_circle_rep_are_circle_members_of_the_super_circle()
 {
    let org = org(RuleSet::Holacracy50);
    assert!(is_member(&org, CircleId(1), PersonId(3)));
    assert!(is_member(&org, CircleId(1), PersonId(5)));
    // The Rep is a member of the sub-circle too: it is one of its roles.
    assert_eq!(names(&org, 2), ["Cleo", "Eve"]);
}

#[test]
fn five_o_1_4_several_circle_leads_are_all_members() {
    let org = org(RuleSet::Holacracy50);
    assert_eq!(leads(&org, CircleId(1)), [PersonId(1), PersonId(4)]);
    assert_eq!(names(&org, 1), ["Ana", "Dan", "Ben", "Cleo", "Eve"]);
}

#[test]
fn someone_who_left_the_organisation_is_not_a_member() {
    let org = org(RuleSet::Holacracy50);
    assert!(!is_member(&org, CircleId(1), PersonId(6)));
}

#[test]
fn four_one_3_3_1_the_lead_link_and_each_rep_link_may_invite_a_guest() {
    let org = org(RuleSet::Holacracy41);
    let rules = RuleSet::Holacracy41.rules();
    assert_eq!(
        links_of(&org, rules, CircleId(1), PersonId(1)),
        [GuestLink::Lead]
    );
    assert_eq!(
        links_of(&org, rules, CircleId(1), PersonId(5)),
        [GuestLink::Rep {
            circle: CircleId(2)
        }]
    );
    assert!(links_of(&org, rules, CircleId(1), PersonId(2)).is_empty());
}

#[test]
fn five_o_5_4_1_only_a_sub_circles_circle_rep_may_invite_a_guest() {
    let org = org(RuleSet::Holacracy50);
    let rules = RuleSet::Holacracy50.rules();
    assert!(links_of(&org, rules, CircleId(1), PersonId(1)).is_empty());
    assert!(links_of(&org, rules, CircleId(1), PersonId(3)).is_empty());
    assert_eq!(
        links_of(&org, rules, CircleId(1), PersonId(5)),
        [GuestLink::Rep {
            circle: CircleId(2)
        }]
    );
}

fn member(p: i64, name: &str) -> Attendee {
    Attendee::member(PersonId(p), name.into())
}

fn guest(name: &str, by: usize, link: GuestLink, tension: &str) -> Attendee {
    Attendee::guest(
        name.into(),
        Some(Invitation {
            by,
            link,
            tension: tension.into(),
        }),
    )
}

const REP: GuestLink = GuestLink::Rep {
    circle: CircleId(2),
};

#[test]
fn five_o_5_4_1_a_circle_rep_invites_one_partner_at_a_time() {
    let rules = RuleSet::Holacracy50.rules();
    let mut attendees = vec![member(1, "Ana"), member(5, "Eve")];
    attendees.push(guest("Gil", 1, REP, "Flour"));
    assert_eq!(check_guests(rules, &attendees), Ok(()));
    attendees.push(guest("Hal", 1, REP, "Ovens"));
    assert!(check_guests(rules, &attendees).is_err_and(|e| e.starts_with("5.0 §5.4.1")));
}

#[test]
fn five_o_5_4_1_the_lead_may_not_invite_a_guest() {
    let attendees = vec![member(1, "Ana"), guest("Gil", 0, GuestLink::Lead, "Flour")];
    let refused = check_guests(RuleSet::Holacracy50.rules(), &attendees);
    assert!(refused.is_err_and(|e| e.contains("Circle Rep")));
    assert_eq!(
        check_guests(RuleSet::Holacracy41.rules(), &attendees),
        Ok(())
    );
}

#[test]
fn four_one_3_3_1_each_link_invites_up_to_one_so_a_lead_link_who_is_also_a_rep_link_may_invite_two()
{
    let rules = RuleSet::Holacracy41.rules();
    let attendees = vec![
        member(1, "Ana"),
        guest("Gil", 0, GuestLink::Lead, "Flour"),
        guest("Hal", 0, REP, "Ovens"),
    ];
    assert_eq!(check_guests(rules, &attendees), Ok(()));
    let mut twice = attendees.clone();
    twice.push(guest("Ivy", 0, GuestLink::Lead, "Rent"));
    assert!(check_guests(rules, &twice).is_err_and(|e| e.contains("one guest")));
}

#[test]
fn a_guest_is_invited_by_a_member_for_a_named_tension() {
    let rules = RuleSet::Holacracy41.rules();
    let by_observer = vec![Attendee::observer("Obi".into()), guest("Gil", 0, REP, "X")];
    assert!(check_guests(rules, &by_observer).is_err_and(|e| e.contains("member")));
    let no_tension = vec![member(1, "Ana"), guest("Gil", 0, REP, "  ")];
    assert!(check_guests(rules, &no_tension).is_err_and(|e| e.contains("tension")));
}

#[test]
fn guests_and_observers_are_never_eligible_for_election() {
    assert!(member(1, "Ana").may_be_elected());
    assert!(!guest("Gil", 0, REP, "Flour").may_be_elected());
    assert!(!Attendee::observer("Obi".into()).may_be_elected());
}

/// A governance meeting of circle 1 with Ana, Eve, Eve's guest Gil (for "Flour") and the
/// observer Obi, at the agenda with the proposals "Flour" (seq 3) and "Ovens" (seq 4).
fn meeting() -> Vec<Recorded<GovEvent>> {
    meeting_with(ItemKind::Proposal)
}

/// `meeting`, its items of `kind`.
fn meeting_with(kind: ItemKind) -> Vec<Recorded<GovEvent>> {
    let at = Utc.with_ymd_and_hms(2026, 11, 24, 14, 0, 0).unwrap();
    let started = GovEvent::Started {
        circle: CircleId(1),
        attendees: vec![
            member(1, "Ana"),
            member(5, "Eve"),
            guest("Gil", 1, REP, "Flour"),
            Attendee::observer("Obi".into()),
        ],
        facilitator: Some(0),
        secretary: Some(1),
        planned_minutes: 60,
        question: "Q".into(),
        lead: None,
        incumbents: vec![],
    };
    let item = |label: &str| GovEvent::ItemAdded {
        label: label.into(),
        owner: 1,
        kind,
        tension: None,
    };
    [
        started,
        GovEvent::StepChanged {
            step: GovStep::Agenda,
        },
        item("Flour"),
        item("Ovens"),
    ]
    .into_iter()
    .zip(1..)
    .map(|(event, seq)| Recorded { seq, at, event })
    .collect()
}

fn fold(log: &[Recorded<GovEvent>], rules: RuleSet) -> Governance {
    Governance::fold(log, rules).expect("folds")
}

#[test]
fn an_observer_is_never_asked_in_a_round() {
    for rules in RuleSet::ALL {
        let g = fold(&meeting(), rules);
        assert_eq!(g.rounds.order, [0, 1, 2], "{rules}: check-in without Obi");
        assert!(!g.taking_part(g.item(3)).contains(&3), "{rules}");
    }
}

#[test]
fn five_o_5_4_1_a_guest_takes_part_only_while_their_tension_is_processed() {
    let g = fold(&meeting(), RuleSet::Holacracy50);
    assert_eq!(g.taking_part(g.item(3)), [0, 1, 2], "Flour");
    assert_eq!(g.taking_part(g.item(4)), [0, 1], "Ovens");
}

#[test]
fn four_one_3_3_1_a_guest_is_a_core_circle_member_for_the_whole_meeting() {
    let g = fold(&meeting(), RuleSet::Holacracy41);
    assert_eq!(g.taking_part(g.item(4)), [0, 1, 2], "Ovens");
}

#[test]
fn a_guest_is_never_a_candidate_even_in_the_item_of_their_tension() {
    for rules in RuleSet::ALL {
        // The election of "Flour" (entry 3) is being processed, its role described.
        let mut log = meeting_with(ELECTION);
        let at = log[0].at;
        let term_end = chrono::NaiveDate::from_ymd_opt(2027, 11, 24).expect("a date");
        for event in [
            GovEvent::StepChanged {
                step: GovStep::Items,
            },
            GovEvent::Election {
                item: 3,
                event: ElectionEvent::Described { term_end },
            },
        ] {
            let seq = log.len() as u64 + 1;
            log.push(Recorded { seq, at, event });
        }
        let g = fold(&log, rules);
        let nominated = GovEvent::Election {
            item: 3,
            event: ElectionEvent::Ballot {
                voter: 0,
                nominee: 2,
            },
        };
        let refused = g.decide(&nominated, &org(rules)).map_err(|r| r.0);
        assert!(refused.is_err_and(|e| e.contains("guest")), "{rules}");
    }
}

/// The election items of `meeting_with`.
const ELECTION: ItemKind = ItemKind::Election {
    role: CoreRole::Facilitator,
    term_end: None,
};

/// `meeting_with(ELECTION)` at the objection round of "Flour" (entry 3), each entry one the
/// meeting takes: the term set, everyone taking part casts a ballot for Eve, gives a reason
/// and keeps it, and Eve is proposed.
fn at_election_objections(rules: RuleSet) -> Governance {
    let mut log = meeting_with(ELECTION);
    let at = log[0].at;
    let mut g = fold(&log, rules);
    let mut take = |g: &mut Governance, event: GovEvent| {
        g.decide(&event, &org(rules))
            .unwrap_or_else(|r| panic!("{rules}: {event:?} refused: {}", r.0));
        let entry = Recorded {
            seq: log.len() as u64 + 1,
            at,
            event,
        };
        g.apply(&entry);
        log.push(entry);
    };
    take(
        &mut g,
        GovEvent::StepChanged {
            step: GovStep::Items,
        },
    );
    let voters = g.present();
    let term_end = chrono::NaiveDate::from_ymd_opt(2027, 11, 24).expect("a date");
    let mut events = vec![ElectionEvent::Described { term_end }];
    events.extend(
        voters
            .iter()
            .map(|&voter| ElectionEvent::Ballot { voter, nominee: 1 }),
    );
    events.push(ElectionEvent::StepTo {
        step: ElectionStep::Nominations,
    });
    events.extend(voters.iter().map(|&voter| ElectionEvent::Reason {
        voter,
        reason: "Careful".into(),
    }));
    events.push(ElectionEvent::StepTo {
        step: ElectionStep::Changes,
    });
    events.extend(voters.iter().map(|&voter| ElectionEvent::Kept { voter }));
    events.push(ElectionEvent::StepTo {
        step: ElectionStep::Count,
    });
    events.push(ElectionEvent::Proposed {
        candidate: 1,
        tie: None,
    });
    for event in events {
        take(&mut g, GovEvent::Election { item: 3, event });
    }
    g
}

#[test]
fn five_o_5_4_1_a_guest_is_never_part_of_an_election_not_even_one_on_their_tension() {
    let rules = RuleSet::Holacracy50;
    let g = at_election_objections(rules);
    assert_eq!(g.present(), [0, 1], "only the members take part");
    let e = g
        .item(3)
        .and_then(|i| i.election.as_ref())
        .expect("an election");
    assert_eq!(e.objection_order(&g.present()), [0, 1]);
    let gil = GovEvent::Election {
        item: 3,
        event: ElectionEvent::NoObjection { attendee: 2 },
    };
    assert!(g.decide(&gil, &org(rules)).is_err(), "Gil is not asked");
}

#[test]
fn four_one_3_3_1_a_guest_casts_a_ballot_and_answers_election_objections_as_a_core_circle_member() {
    let rules = RuleSet::Holacracy41;
    let g = at_election_objections(rules);
    assert_eq!(g.present(), [0, 1, 2]);
    let e = g
        .item(3)
        .and_then(|i| i.election.as_ref())
        .expect("an election");
    assert_eq!(e.ballots.len(), 3, "Gil's ballot counts");
    assert!(e.objection_order(&g.present()).contains(&2));
}

#[test]
fn five_o_5_4_1_a_guest_brings_only_the_tension_they_were_invited_for() {
    let rules = RuleSet::Holacracy50;
    let g = fold(&meeting(), rules);
    let add = |label: &str| GovEvent::ItemAdded {
        label: label.into(),
        owner: 2,
        kind: crate::domain::meeting::governance::ItemKind::Proposal,
        tension: None,
    };
    let refused = g.decide(&add("Rent"), &org(rules)).map_err(|r| r.0);
    assert!(refused.is_err_and(|e| e.starts_with("5.0 §5.4.1")));
    let fourone = fold(&meeting(), RuleSet::Holacracy41);
    assert!(
        fourone
            .decide(&add("Rent"), &org(RuleSet::Holacracy41))
            .is_ok()
    );
}

#[test]
fn a_meeting_whose_guests_break_the_rule_set_does_not_start() {
    let mut log = meeting();
    log.truncate(1);
    if let GovEvent::Started { attendees, .. } = &mut log[0].event {
        attendees.push(guest("Hal", 1, REP, "Ovens"));
    }
    assert!(Governance::fold(&log, RuleSet::Holacracy50).is_err());
}

#[test]
fn five_o_5_1_1_every_circle_lead_is_excluded_from_circle_rep_not_only_the_first() {
    let rules = RuleSet::Holacracy50;
    let org = org(rules);
    for (p, name) in [(1, "Ana"), (4, "Dan")] {
        let lead = member(p, name);
        let refused = nominee_refusal(&org, CircleId(1), rules, Some(&lead), CoreRole::Rep);
        assert!(
            refused.is_some_and(|e| e.starts_with("5.0 §5.1.1")),
            "{name}"
        );
        assert_eq!(
            nominee_refusal(&org, CircleId(1), rules, Some(&lead), CoreRole::Facilitator),
            None
        );
    }
    let ben = member(2, "Ben");
    assert_eq!(
        nominee_refusal(&org, CircleId(1), rules, Some(&ben), CoreRole::Rep),
        None
    );
}

#[test]
fn four_one_2_5_1_the_lead_link_may_not_be_elected_facilitator() {
    let rules = RuleSet::Holacracy41;
    let org = org(rules);
    let ana = member(1, "Ana");
    let refused = nominee_refusal(&org, CircleId(1), rules, Some(&ana), CoreRole::Facilitator);
    assert!(refused.is_some_and(|e| e.starts_with("4.1 §2.5.1")));
}

/// The fixture with Dan (4) filling a Cross Link from the Millers' Guild into `target`.
fn cross_linked(rules: RuleSet, target: i64) -> Organisation {
    let mut records = org(rules).records().clone();
    records.roles.push(Role {
        id: RoleId(40),
        circle: CircleId(target),
        name: "Cross Link from Millers' Guild".into(),
        purpose: String::new(),
        domains: vec![],
        accountabilities: vec![],
        core: None,
    });
    records.cross_links.push(CrossLink {
        role: RoleId(40),
        from: LinkedEntity::Other {
            name: "Millers' Guild".into(),
        },
    });
    records.assignments.push(Assignment {
        id: AssignmentId(40),
        role: RoleId(40),
        person: PersonId(4),
        focus: None,
        term_end: None,
        since: None,
        until: None,
    });
    Organisation::new(records)
}

#[test]
fn four_one_2_3_1_d_and_2_7_3_a_cross_link_is_a_core_circle_member_of_the_target_circle() {
    // 4.1 §2.7.3: "A Cross Link becomes a Core Circle Member of the Target Circle".
    let org = cross_linked(RuleSet::Holacracy41, 1);
    let dan = members(&org, CircleId(1))
        .into_iter()
        .find(|m| m.person == PersonId(4))
        .expect("Dan is a member");
    assert_eq!(dan.bases, [Basis::CrossLink(RoleId(40))]);
    // 4.1 §3.3.1: "the Lead Link and any Rep Links or Cross Links to the Circle may each
    // invite up to one additional person".
    let rules = RuleSet::Holacracy41.rules();
    assert_eq!(
        links_of(&org, rules, CircleId(1), PersonId(4)),
        [GuestLink::Cross { role: RoleId(40) }]
    );
}

#[test]
fn four_one_2_6_4_a_rep_link_of_a_circle_of_only_its_lead_link_and_cross_links_is_no_member_above()
{
    // 4.1 §2.6.4: "this election is not required when a Circle lacks any Core Circle Members
    // other than those serving as Lead Link and Cross Links into the Circle. In this case,
    // even if the election is conducted, the elected Rep Link does not become a Core Circle
    // Member of the Super-Circle."
    let rep_is_dan = |rules| {
        let mut records = cross_linked(rules, 2).records().clone();
        for a in records
            .assignments
            .iter_mut()
            .filter(|a| a.role == RoleId(21))
        {
            a.person = PersonId(4);
        }
        Organisation::new(records)
    };
    let four_one = rep_is_dan(RuleSet::Holacracy41);
    assert!(!rep_is_member(&four_one, CircleId(2)));
    assert!(!is_member(&four_one, CircleId(1), PersonId(4)));
    // With a member other than its Lead Link and Cross Links, its Rep Link is one above.
    let eve_too = cross_linked(RuleSet::Holacracy41, 2);
    assert!(is_member(&eve_too, CircleId(1), PersonId(5)));
    // 5.0 §5.1.1 has no such exception: "The selected Circle Rep becomes a Circle Member of
    // any Circle containing that Circle".
    let five = rep_is_dan(RuleSet::Holacracy50);
    assert!(is_member(&five, CircleId(1), PersonId(4)));
}
