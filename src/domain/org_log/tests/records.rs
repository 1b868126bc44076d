//! Who keeps a role's checklist items and metrics between meetings, per rule set, each test
//! named by its article.

use super::*;
use crate::domain::org::Frequency;

/// Ana is the anchor's Lead, Ben its Secretary, Cai fills Baker.
fn keepers(rules: RuleSet) -> Organisation {
    org_with(
        rules,
        vec![
            filler(1, ANCHOR_LEAD, ANA),
            filler(2, RoleId(12), BEN),
            filler(3, BAKER, CAI),
        ],
    )
}

fn checklist(text: &str) -> OrgRequest {
    OrgRequest::AddChecklistItem {
        role: BAKER,
        text: text.into(),
        frequency: Frequency::Weekly,
    }
}

fn metric(name: &str) -> OrgRequest {
    OrgRequest::AddMetric {
        role: BAKER,
        name: name.into(),
        unit: Some("loaves".into()),
        frequency: Frequency::Monthly,
    }
}

#[test]
fn five_0_2_1_d_the_filler_or_the_secretary_adds_a_checklist_item_and_the_lead_may_not() {
    let org = keepers(RuleSet::Holacracy50);
    for actor in [BEN, CAI] {
        let d = decide(&checklist(" Ovens cleaned "), Some(actor), &org).expect("may");
        assert_eq!(
            d.effects,
            vec![OrgEffect::AddChecklistItem {
                role: BAKER,
                text: "Ovens cleaned".into(),
                frequency: Frequency::Weekly,
            }]
        );
    }
    let refused = decide(&checklist("Ovens cleaned"), Some(ANA), &org).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "Ana may not: Baker's checklist items are kept by Ben or Cai (5.0 §2.1(d), §1.3.5)"
    );
}

#[test]
fn four_1_appendix_a_only_the_lead_link_defines_metrics() {
    let org = keepers(RuleSet::Holacracy41);
    assert!(decide(&metric("Loaves"), Some(ANA), &org).is_ok());
    for actor in [BEN, CAI] {
        let refused = decide(&metric("Loaves"), Some(actor), &org).unwrap_err();
        assert!(
            refused
                .to_string()
                .ends_with("Baker's metrics are kept by Ana (4.1 Appendix A: the Lead Link defines the circle's metrics)"),
            "{refused}"
        );
    }
}

#[test]
fn five_0_2_1_e_the_filler_defines_the_metrics_of_their_role() {
    let org = keepers(RuleSet::Holacracy50);
    assert!(decide(&metric("Loaves"), Some(CAI), &org).is_ok());
    assert!(decide(&metric("Loaves"), Some(ANA), &org).is_err());
}

#[test]
fn a_record_needs_someone_acting_a_text_and_a_name_of_its_own() {
    let org = keepers(RuleSet::Holacracy50);
    assert_eq!(
        decide(&checklist("Ovens cleaned"), None, &org)
            .unwrap_err()
            .to_string(),
        "say who is acting: Baker's checklist items are kept by Ben or Cai (5.0 §2.1(d), §1.3.5)"
    );
    assert_eq!(
        decide(&checklist(" \u{7} "), Some(CAI), &org).unwrap_err(),
        Refusal::EmptyText
    );
    let org = recorded(
        &org,
        decide(&checklist("Ovens cleaned"), Some(CAI), &org).expect("added"),
        Some(CAI),
    );
    assert_eq!(
        decide(&checklist("OVENS CLEANED"), Some(CAI), &org).unwrap_err(),
        Refusal::RecordTaken("OVENS CLEANED".into())
    );
}

#[test]
fn an_ended_item_is_asked_no_more_and_undo_brings_it_back() {
    let org = keepers(RuleSet::Holacracy50);
    let org = recorded(
        &org,
        decide(&checklist("Ovens cleaned"), Some(CAI), &org).expect("added"),
        Some(CAI),
    );
    let item = org.checklist_of(BAKER).next().expect("asked").id;
    let end = OrgRequest::EndChecklistItem { item };
    let ended = decide(&end, Some(BEN), &org).expect("ends");
    assert_eq!(ended.effects, vec![OrgEffect::EndChecklistItem { item }]);
    let org = recorded(&org, ended, Some(BEN));
    assert_eq!(org.checklist_of(BAKER).count(), 0, "no longer asked");
    assert!(org.checklist_item(item).is_some(), "kept for its history");
    assert_eq!(
        decide(&end, Some(BEN), &org).unwrap_err(),
        Refusal::RecordEnded("Ovens cleaned".into())
    );
    let undo = decide(&OrgRequest::Undo, None, &org).expect("undo");
    assert!(matches!(
        undo.effects.as_slice(),
        [OrgEffect::TakeBack { .. }]
    ));
}
