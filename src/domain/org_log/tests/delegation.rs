//! 5.0 §1.4.1 "No one other than a Circle Lead may assign a Role or revoke a Role assignment
//! within the Circle, unless the Circle has delegated control of Role assignments to a
//! different Role or process": an anchor circle without a Circle Lead whose policy names the
//! role that assigns.

use super::*;
use crate::domain::PolicyId;
use crate::domain::org::Policy;
use crate::domain::rules::delegation::Delegation;

/// The 5.0 organisation of the other tests, without the anchor's Circle Lead, with a policy
/// delegating its role assignments, and Ben filling Baker.
fn delegated(to: Delegation, fillers: Vec<Assignment>) -> Organisation {
    let org = org_with(RuleSet::Holacracy50, fillers);
    let mut r = org.records().clone();
    r.roles.retain(|role| role.id != ANCHOR_LEAD);
    r.policies.push(Policy {
        id: PolicyId(1),
        circle: CircleId(1),
        role: None,
        name: Delegation::POLICY_NAME.into(),
        text: to.policy_text("5.0 §1.4.1"),
    });
    Organisation::new(r)
}

fn baker() -> Delegation {
    Delegation::Role("Baker".into())
}

#[test]
fn five_zero_1_4_1_the_role_a_policy_names_assigns_the_circles_roles() {
    let org = delegated(baker(), vec![filler(1, BAKER, BEN)]);
    let decision = decide(&assign(BAKER, CAI), Some(BEN), &org).expect("Ben assigns");
    assert!(matches!(
        decision.change,
        OrgChange::Assigned { via: Some(ref r), .. } if r == "Baker"
    ));
    // A sub-circle whose Circle Lead is unfilled is covered from the anchor circle (§1.4.2).
    assert!(decide(&assign(STOKER, CAI), Some(BEN), &org).is_ok());
    let after = recorded(&org, decision, Some(BEN));
    let said = after.log().last().unwrap().describe(&after);
    assert!(
        said.starts_with("Ben, as Baker of Co (by policy), assigned Cai"),
        "{said}"
    );
}

#[test]
fn five_zero_1_4_1_anyone_else_is_refused_with_who_may() {
    let org = delegated(baker(), vec![filler(1, BAKER, BEN)]);
    let why = refusal(assign(BAKER, CAI), Some(ANA), &org);
    assert!(matches!(why, Refusal::NotLead { .. }), "{why:?}");
    let said = why.to_string();
    assert!(
        said.contains("Baker role of Co") && said.contains("Ben"),
        "{said}"
    );
    assert!(said.contains("5.0 §1.4.1"), "{said}");
}

#[test]
fn five_zero_1_4_1_a_delegated_role_nobody_fills_or_governance_assigns_nobody_between_meetings() {
    let why = refusal(assign(BAKER, CAI), Some(ANA), &delegated(baker(), vec![]));
    assert!(matches!(why, Refusal::NoDelegate { .. }), "{why:?}");
    let why = refusal(
        assign(BAKER, CAI),
        Some(ANA),
        &delegated(Delegation::Governance, vec![]),
    );
    assert!(matches!(why, Refusal::ByGovernance { .. }), "{why:?}");
    assert!(why.to_string().contains("governance meeting"), "{why}");
}
