//! Ending a process breakdown, per rule set: 4.1 §3.5.3 "These authorities are temporary and
//! cease as soon as the Facilitator of the Super-Circle concludes that due process has been
//! restored within the Circle"; 5.0 §5.5.2 "as assessed by the Facilitator of the
//! Super-Circle. If the Circle in Process Breakdown has no Super-Circle, then the powers
//! above all vest with its own Facilitator instead."

use super::*;
use crate::domain::org::Breakdown;

const CO: CircleId = CircleId(1);
const OVENS: CircleId = CircleId(2);
const OVENS_FACILITATOR: RoleId = RoleId(21);

/// Ben facilitates Co, Cai facilitates Ovens; `circle` is in a process breakdown.
fn in_breakdown(rules: RuleSet, circle: CircleId) -> Organisation {
    let org = org_with(
        rules,
        vec![
            filler(1, ANCHOR_LEAD, ANA),
            filler(2, ANCHOR_FACILITATOR, BEN),
            filler(3, OVENS_FACILITATOR, CAI),
        ],
    );
    let mut records = org.records().clone();
    records.breakdowns.push(Breakdown {
        circle,
        declared_at: Utc.with_ymd_and_hms(2026, 11, 2, 10, 0, 0).unwrap(),
        declared_by: "Cai".into(),
        reason: "Proposals never resolved".into(),
        meeting: None,
        restored_at: None,
        restored_by: None,
    });
    Organisation::new(records)
}

fn restore(org: &Organisation, circle: CircleId, actor: PersonId) -> Result<Decision, Refusal> {
    decide(&OrgRequest::RestoreProcess { circle }, Some(actor), org)
}

#[test]
fn four_one_3_5_3_and_five_o_5_5_2_the_super_circles_facilitator_ends_a_sub_circles_breakdown() {
    for (rules, article) in [
        (RuleSet::Holacracy41, "4.1 §3.5.3"),
        (RuleSet::Holacracy50, "5.0 §5.5.2"),
    ] {
        let org = in_breakdown(rules, OVENS);
        let own = restore(&org, OVENS, CAI).unwrap_err().to_string();
        assert!(
            own.contains(article) && own.contains("Ben"),
            "{rules}: {own}"
        );
        let done = restore(&org, OVENS, BEN).expect("the super-circle's Facilitator");
        assert_eq!(done.effects, [OrgEffect::RestoreProcess { circle: OVENS }]);
        let restored = recorded(&org, done, Some(BEN));
        assert!(
            restored.log().last().is_some_and(|e| e
                .describe(&restored)
                .contains("due process is restored in Ovens")),
            "{rules}"
        );
    }
}

#[test]
fn five_o_5_5_2_with_no_super_circle_its_own_facilitator_ends_the_breakdown() {
    let org = in_breakdown(RuleSet::Holacracy50, CO);
    assert!(restore(&org, CO, BEN).is_ok());
    let refused = restore(&org, CO, ANA).unwrap_err().to_string();
    assert!(refused.contains("5.0 §5.5.2"), "{refused}");
}

#[test]
fn a_circle_in_no_process_breakdown_has_nothing_to_restore() {
    let org = in_breakdown(RuleSet::Holacracy50, OVENS);
    assert_eq!(
        restore(&org, CO, BEN),
        Err(Refusal::NoBreakdown("Co".into()))
    );
}

#[test]
fn restoring_due_process_can_be_taken_back() {
    let org = in_breakdown(RuleSet::Holacracy41, OVENS);
    let done = restore(&org, OVENS, BEN).expect("restored");
    let restored = recorded(&org, done, Some(BEN));
    let undo = decide(&OrgRequest::Undo, None, &restored).expect("undo");
    let seq = restored.log().last().map(|e| e.seq).unwrap_or_default();
    assert_eq!(undo.effects, [OrgEffect::TakeBack { seq }]);
}

const ANCHOR_SECRETARY: RoleId = RoleId(12);

fn declare(org: &Organisation, circle: CircleId, actor: PersonId) -> Result<Decision, Refusal> {
    let reason = "Tactical outputs never published".to_string();
    decide(
        &OrgRequest::DeclareBreakdown { circle, reason },
        Some(actor),
        org,
    )
}

/// Ben facilitates Co, Cai facilitates Ovens, Ana is Co's Secretary; `more` besides.
fn declarable(rules: RuleSet, more: Vec<Assignment>) -> Organisation {
    let mut fillers = vec![
        filler(2, ANCHOR_FACILITATOR, BEN),
        filler(3, OVENS_FACILITATOR, CAI),
        filler(4, ANCHOR_SECRETARY, ANA),
    ];
    fillers.extend(more);
    org_with(rules, fillers)
}

#[test]
fn four_one_3_5_2_the_super_circles_facilitator_declares_a_breakdown_within_a_sub_circle() {
    let org = declarable(RuleSet::Holacracy41, vec![]);
    let done = declare(&org, OVENS, BEN).expect("the super-circle's Facilitator");
    assert_eq!(
        done.effects,
        [OrgEffect::DeclareBreakdown {
            circle: OVENS,
            declared_by: "Ben".into(),
            reason: "Tactical outputs never published".into(),
        }]
    );
    let declared = recorded(&org, done, Some(BEN));
    assert!(declared.breakdown(OVENS).is_some());
    for who in [CAI, ANA] {
        let refused = declare(&org, OVENS, who).unwrap_err().to_string();
        assert!(
            refused.contains("4.1 §3.5.2") && refused.contains("Ben"),
            "{refused}"
        );
    }
    // "within one of its Sub-Circles": the anchor circle has no super-circle.
    let refused = declare(&org, CO, BEN).unwrap_err().to_string();
    assert!(
        refused.contains("nobody") && refused.contains("4.1 §3.5.2"),
        "{refused}"
    );
}

#[test]
fn four_one_3_5_2_when_that_facilitator_also_leads_the_sub_circle_its_secretary_may_declare() {
    let org = declarable(RuleSet::Holacracy41, vec![filler(5, OVENS_LEAD, BEN)]);
    assert!(declare(&org, OVENS, ANA).is_ok());
    assert!(declare(&org, OVENS, BEN).is_ok());
    assert!(declare(&org, OVENS, CAI).is_err());
}

#[test]
fn five_o_5_5_the_facilitator_or_secretary_declares_in_their_own_circle_or_any_sub_circle() {
    let org = declarable(RuleSet::Holacracy50, vec![]);
    assert!(declare(&org, OVENS, CAI).is_ok(), "its own circle");
    assert!(
        declare(&org, OVENS, ANA).is_ok(),
        "the super-circle's Secretary"
    );
    assert!(
        declare(&org, CO, BEN).is_ok(),
        "the anchor's own Facilitator"
    );
    let refused = declare(&org, CO, CAI).unwrap_err().to_string();
    assert!(refused.contains("5.0 §5.5"), "{refused}");
}

#[test]
fn a_breakdown_declared_between_meetings_needs_a_reason_once_and_can_be_taken_back() {
    let org = declarable(RuleSet::Holacracy50, vec![]);
    let empty = OrgRequest::DeclareBreakdown {
        circle: OVENS,
        reason: "  ".into(),
    };
    assert_eq!(decide(&empty, Some(CAI), &org), Err(Refusal::NoReason));
    let declared = recorded(
        &org,
        declare(&org, OVENS, CAI).expect("declared"),
        Some(CAI),
    );
    assert_eq!(
        declare(&declared, OVENS, CAI),
        Err(Refusal::InBreakdown("Ovens".into()))
    );
    let undo = decide(&OrgRequest::Undo, None, &declared).expect("undo");
    let seq = declared.log().last().map(|e| e.seq).unwrap_or_default();
    assert_eq!(undo.effects, [OrgEffect::TakeBack { seq }]);
}

#[test]
fn four_one_3_5_4_a_sub_circles_unresolved_breakdown_may_be_declared_within_its_super_circle() {
    // 4.1 §3.5.4: "if the Process Breakdown is not resolved within a reasonable timeframe,
    // then the Facilitator of any Super-Circle that ultimately contains the offending Circle
    // may declare a Process Breakdown within the offending Circle's Super-Circle as well."
    let calm = in_breakdown(RuleSet::Holacracy41, CO);
    let mut records = calm.records().clone();
    records.breakdowns.clear();
    let calm = Organisation::new(records);
    // Co has no super-circle: under §3.5.2 nobody declares one within it.
    let refused = declare(&calm, CO, BEN).unwrap_err().to_string();
    assert!(refused.contains("4.1 §3.5.2"), "{refused}");
    let offending = in_breakdown(RuleSet::Holacracy41, OVENS);
    let escalated = declare(&offending, CO, BEN).expect("Co's Facilitator escalates");
    assert!(matches!(
        escalated.change,
        OrgChange::BreakdownDeclared { circle: CO, .. }
    ));
    // Only a Facilitator of a circle containing Ovens: not Ovens' own.
    let own = declare(&offending, CO, CAI).unwrap_err().to_string();
    assert!(own.contains("4.1 §3.5.4") && own.contains("Ben"), "{own}");
}
