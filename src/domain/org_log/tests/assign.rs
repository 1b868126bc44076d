//! Who assigns roles between meetings, by the article that makes each rule: the Circle Lead
//! or Lead Link of the circle (and of the super-circle for a sub-circle's lead), never an
//! elected role outside an election, the roles one person may not hold together, focuses, and
//! revoking or resigning.

use super::*;

#[test]
fn five_zero_1_4_1_the_circle_lead_assigns_a_role_of_the_circle_and_is_recorded_as_acting() {
    let org = org(RuleSet::Holacracy50);
    let decision = decide(&assign(BAKER, BEN), Some(ANA), &org).unwrap();
    assert_eq!(
        decision.change,
        OrgChange::Assigned {
            role: BAKER,
            person: BEN,
            focus: None,
            lead_of: CircleId(1),
            via: None,
        }
    );
    assert_eq!(
        decision.effects,
        vec![OrgEffect::Assign {
            role: BAKER,
            person: BEN,
            focus: None
        }]
    );
    let after = recorded(&org, decision, Some(ANA));
    assert_eq!(
        after
            .fillers_of(BAKER)
            .map(|a| a.person)
            .collect::<Vec<_>>(),
        vec![BEN]
    );
    let history: Vec<String> = after.log_of(BAKER).map(|e| e.describe(&after)).collect();
    assert_eq!(
        history,
        vec!["Ana, as Circle Lead of Co, assigned Ben to Baker"]
    );
}

#[test]
fn five_zero_1_4_1_no_one_other_than_a_circle_lead_may_assign_and_the_refusal_names_the_rule() {
    let org = org(RuleSet::Holacracy50);
    let why = refusal(assign(BAKER, CAI), Some(BEN), &org);
    assert!(
        matches!(
            why,
            Refusal::NotLead {
                article: "5.0 §1.4.1",
                ..
            }
        ),
        "{why:?}"
    );
    assert_eq!(
        why.to_string(),
        "Ben may not: only the Circle Lead of Co assigns here (5.0 §1.4.1), that is Ana"
    );
}

#[test]
fn four_one_2_4_the_lead_link_assigns_and_others_are_refused_with_that_article() {
    let org = org(RuleSet::Holacracy41);
    assert!(decide(&assign(BAKER, BEN), Some(ANA), &org).is_ok());
    let why = refusal(assign(BAKER, BEN), Some(CAI), &org);
    assert!(
        matches!(
            why,
            Refusal::NotLead {
                article: "4.1 §2.4",
                ..
            }
        ),
        "{why:?}"
    );
    assert!(why.to_string().contains("Lead Link of Co"), "{why}");
}

#[test]
fn an_assignment_needs_someone_acting_and_the_refusal_says_who_may() {
    let why = refusal(assign(BAKER, BEN), None, &org(RuleSet::Holacracy50));
    assert_eq!(
        why.to_string(),
        "say who is acting: Ana may, as Circle Lead of Co (5.0 §1.4.1)"
    );
}

#[test]
fn elected_roles_are_filled_only_by_election_5_0_5_1_1_and_5_1_2_4_1_2_5_1() {
    for (rules, article) in [
        (RuleSet::Holacracy50, "5.0 §5.1.1, §5.1.2"),
        (RuleSet::Holacracy41, "4.1 §2.5.1"),
    ] {
        let org = org(rules);
        for role in [ANCHOR_FACILITATOR, RoleId(12), OVENS_REP] {
            let why = refusal(assign(role, BEN), Some(ANA), &org);
            assert!(
                matches!(&why, Refusal::Elected { article: a, .. } if *a == article),
                "{why:?}"
            );
            assert!(
                why.to_string()
                    .contains("a governance meeting of the circle elects it"),
                "{why}"
            );
        }
    }
}

#[test]
fn elected_assignments_end_only_by_an_election_or_their_filler_resigning_4_1_2_4_3() {
    let org = org_with(
        RuleSet::Holacracy50,
        vec![
            filler(1, ANCHOR_LEAD, ANA),
            filler(2, ANCHOR_FACILITATOR, BEN),
        ],
    );
    let end = OrgRequest::EndAssignment {
        assignment: AssignmentId(2),
    };
    let why = refusal(end.clone(), Some(ANA), &org);
    assert!(matches!(why, Refusal::Elected { .. }));
    assert!(
        why.to_string()
            .contains("its filler's term ends only by an election or by resigning (5.0 §1.4.1"),
        "{why}"
    );
    assert!(!why.to_string().contains("never assigned"), "{why}");
    assert!(decide(&end, Some(BEN), &org).is_ok(), "the filler resigns");
    let focus = OrgRequest::ChangeFocus {
        assignment: AssignmentId(2),
        focus: Some("x".into()),
    };
    assert!(matches!(
        refusal(focus, Some(ANA), &org),
        Refusal::Elected { .. }
    ));
}

#[test]
fn the_super_circle_lead_assigns_a_sub_circle_lead_4_1_2_6_3_and_5_0_1_4() {
    for (rules, article) in [
        (RuleSet::Holacracy50, "5.0 §1.4, §1.4.1"),
        (RuleSet::Holacracy41, "4.1 §2.6.3"),
    ] {
        let org = org(rules);
        let decision = decide(&assign(OVENS_LEAD, BEN), Some(ANA), &org).unwrap();
        assert!(matches!(
            decision.change,
            OrgChange::Assigned {
                lead_of: CircleId(1),
                ..
            }
        ));
        // Once Ben leads Ovens, he assigns its roles, and Ana (above) no longer does.
        let after = recorded(&org, decision, Some(ANA));
        assert!(decide(&assign(STOKER, CAI), Some(BEN), &after).is_ok());
        let why = refusal(assign(STOKER, CAI), Some(ANA), &after);
        assert!(why.to_string().contains("Ovens"), "{why}");
        // And Ben may not name another Lead of his own circle: that is Ana's.
        let why = refusal(assign(OVENS_LEAD, CAI), Some(BEN), &after);
        assert!(
            matches!(&why, Refusal::NotLead { article: a, .. } if *a == article)
                || matches!(why, Refusal::OneLead { .. }),
            "{why:?}"
        );
    }
}

#[test]
fn an_unfilled_lead_is_covered_by_the_super_circle_lead_5_0_1_4_2_and_4_1_2_4_1() {
    for (rules, article) in [
        (RuleSet::Holacracy50, "5.0 §1.4.2"),
        (RuleSet::Holacracy41, "4.1 §2.4.1"),
    ] {
        let org = org(rules);
        let stoker = org.role(STOKER).unwrap();
        let authority = assignment_authority(&org, stoker).unwrap();
        assert_eq!(authority.people, vec![ANA]);
        assert_eq!(authority.article, article);
        assert!(decide(&assign(STOKER, CAI), Some(ANA), &org).is_ok());
    }
}

#[test]
fn nobody_assigns_the_anchor_circle_lead_between_meetings_5_0_1_4_and_4_1_5_2_1() {
    for rules in RuleSet::ALL {
        let why = refusal(assign(ANCHOR_LEAD, BEN), Some(ANA), &org(rules));
        assert!(matches!(why, Refusal::AnchorLead { .. }), "{why:?}");
    }
}

#[test]
fn five_zero_1_4_an_anchor_without_a_circle_lead_has_nobody_to_assign_its_roles() {
    let org = org_with(RuleSet::Holacracy50, vec![]);
    let why = refusal(assign(BAKER, BEN), Some(ANA), &org);
    assert!(matches!(why, Refusal::NoLead { .. }), "{why:?}");
    assert!(
        why.to_string()
            .contains("5.0 §1.4, §1.4.1: the anchor circle has no Circle Lead"),
        "{why}"
    );
}

#[test]
fn five_zero_5_1_1_a_circle_rep_may_not_also_be_circle_lead() {
    let org = org_with(
        RuleSet::Holacracy50,
        vec![filler(1, ANCHOR_LEAD, ANA), filler(2, OVENS_REP, BEN)],
    );
    let why = refusal(assign(OVENS_LEAD, BEN), Some(ANA), &org);
    assert_eq!(
        why.to_string(),
        "Ben is the circle's Circle Rep, which its Circle Lead may not also be (5.0 §5.1.1)"
    );
}

#[test]
fn four_one_2_5_1_a_facilitator_may_not_also_be_lead_link_but_under_five_zero_may() {
    let facilitating = |rules| {
        org_with(
            rules,
            vec![filler(1, ANCHOR_LEAD, ANA), filler(2, RoleId(21), BEN)],
        )
    };
    let why = refusal(
        assign(OVENS_LEAD, BEN),
        Some(ANA),
        &facilitating(RuleSet::Holacracy41),
    );
    assert!(
        matches!(
            why,
            Refusal::LeadMayNotFill {
                article: "4.1 §2.5.1",
                ..
            }
        ),
        "{why:?}"
    );
    assert!(
        decide(
            &assign(OVENS_LEAD, BEN),
            Some(ANA),
            &facilitating(RuleSet::Holacracy50)
        )
        .is_ok()
    );
}

#[test]
fn four_one_has_one_lead_link_per_circle_and_five_zero_1_4_allows_several_circle_leads() {
    let led = |rules| {
        org_with(
            rules,
            vec![filler(1, ANCHOR_LEAD, ANA), filler(2, OVENS_LEAD, BEN)],
        )
    };
    let why = refusal(
        assign(OVENS_LEAD, CAI),
        Some(ANA),
        &led(RuleSet::Holacracy41),
    );
    assert!(matches!(why, Refusal::OneLead { .. }), "{why:?}");
    assert!(
        decide(
            &assign(OVENS_LEAD, CAI),
            Some(ANA),
            &led(RuleSet::Holacracy50)
        )
        .is_ok()
    );
}

#[test]
fn a_former_member_is_neither_assigned_nor_acting() {
    let org = org(RuleSet::Holacracy50);
    assert_eq!(
        refusal(assign(BAKER, DEE), Some(ANA), &org),
        Refusal::FormerMember("Dee".into())
    );
    assert_eq!(
        refusal(assign(BAKER, BEN), Some(DEE), &org),
        Refusal::FormerMember("Dee".into())
    );
}

#[test]
fn five_zero_1_4_1_each_focus_is_a_separate_assignment_but_the_same_one_twice_is_refused() {
    let org = org_with(
        RuleSet::Holacracy50,
        vec![filler(1, ANCHOR_LEAD, ANA), filler(2, BAKER, BEN)],
    );
    let why = refusal(assign(BAKER, BEN), Some(ANA), &org);
    assert!(matches!(why, Refusal::AlreadyFills { .. }), "{why:?}");
    let focused = OrgRequest::Assign {
        role: BAKER,
        person: BEN,
        focus: Some(" Rye\u{202e} ".into()),
    };
    let decision = decide(&focused, Some(ANA), &org).unwrap();
    assert_eq!(
        decision.effects,
        vec![OrgEffect::Assign {
            role: BAKER,
            person: BEN,
            focus: Some("Rye".into())
        }],
        "the focus is cleaned like every text"
    );
}

#[test]
fn four_one_2_4_2_the_lead_changes_a_focus_and_the_same_focus_is_refused() {
    let org = org_with(
        RuleSet::Holacracy41,
        vec![filler(1, ANCHOR_LEAD, ANA), filler(2, BAKER, BEN)],
    );
    let request = OrgRequest::ChangeFocus {
        assignment: AssignmentId(2),
        focus: Some("Rye".into()),
    };
    let decision = decide(&request, Some(ANA), &org).unwrap();
    let after = recorded(&org, decision, Some(ANA));
    assert_eq!(
        after.assignment(AssignmentId(2)).unwrap().focus.as_deref(),
        Some("Rye")
    );
    assert_eq!(
        refusal(request.clone(), Some(ANA), &after),
        Refusal::SameFocus
    );
    assert!(matches!(
        refusal(request, Some(BEN), &after),
        Refusal::NotLead { .. }
    ));
}

#[test]
fn five_zero_1_4_1_the_lead_revokes_an_assignment_and_its_filler_may_resign() {
    let org = org_with(
        RuleSet::Holacracy50,
        vec![filler(1, ANCHOR_LEAD, ANA), filler(2, BAKER, BEN)],
    );
    let end = OrgRequest::EndAssignment {
        assignment: AssignmentId(2),
    };
    let by_lead = decide(&end, Some(ANA), &org).unwrap();
    assert!(matches!(
        by_lead.change,
        OrgChange::AssignmentEnded {
            lead_of: Some(_),
            ..
        }
    ));
    let resigned = decide(&end, Some(BEN), &org).unwrap();
    assert!(matches!(
        resigned.change,
        OrgChange::AssignmentEnded { lead_of: None, .. }
    ));
    assert!(matches!(
        refusal(end.clone(), Some(CAI), &org),
        Refusal::NotLead { .. }
    ));
    let after = recorded(&org, by_lead, Some(ANA));
    assert_eq!(after.fillers_of(BAKER).count(), 0);
    assert_eq!(after.ended_fillers_of(BAKER).count(), 1);
    assert_eq!(refusal(end, Some(ANA), &after), Refusal::NotCurrent);
}
