//! Requests in triage, per rule set: 5.0 §3.2(f) limits a request to a role to one made in
//! service of a role the requester represents; 4.1 §4.2.3(e) does not.

use super::super::{Output, OutputKind};
use super::tests::{Run, attendee};
use super::*;
use crate::domain::ids::*;
use crate::domain::org::*;
use crate::domain::ruleset::{CoreRole, RuleSet};

/// Circle 2 with Baker (Ana), Miller (Benedict); sub-circle 3 whose Rep is Ana.
fn org(rules: RuleSet) -> Organisation {
    let ana = PersonId(3);
    let benedict = PersonId(8);
    let circle = |id, parent: Option<i64>, name: &str| Circle {
        id: CircleId(id),
        parent: parent.map(CircleId),
        name: name.into(),
        purpose: String::new(),
        strategy: None,
        domains: vec![],
        accountabilities: vec![],
    };
    let role = |id, c, name: &str, core| Role {
        id: RoleId(id),
        circle: CircleId(c),
        name: name.into(),
        purpose: String::new(),
        domains: vec![],
        accountabilities: vec![],
        core,
    };
    let fill = |id, role, person| Assignment {
        id: AssignmentId(id),
        role: RoleId(role),
        person,
        focus: None,
        term_end: None,
        since: None,
        until: None,
    };
    Organisation::new(OrgRecords {
        name: "Co".into(),
        rule_set: rules,
        circles: vec![circle(2, None, "Co"), circle(3, Some(2), "Ovens")],
        roles: vec![
            role(20, 2, "Baker", None),
            role(21, 2, "Miller", None),
            role(30, 3, "Circle Rep", Some(CoreRole::Rep)),
        ],
        assignments: vec![fill(1, 20, ana), fill(2, 21, benedict), fill(3, 30, ana)],
        ..OrgRecords::default()
    })
}

/// A meeting in triage on Ana's item; answers the state and the item.
fn triage() -> (Tactical, u64) {
    let mut run = Run::with(vec![attendee("Ana", true), attendee("Benedict", true)], 60);
    run.step(Step::Agenda);
    let item = run.add_item("Flour", 0);
    run.step(Step::Triage);
    (run.state(), item)
}

fn request(role: Option<i64>, serves: Option<i64>) -> Output {
    Output {
        kind: OutputKind::Request,
        text: "Mill rye by Friday".into(),
        role: role.map(RoleId),
        person: Some(PersonId(8)),
        serves: serves.map(RoleId),
        accepted_by: None,
    }
}

fn decide(rules: RuleSet, output: Output) -> Result<Vec<Effect>, Refusal> {
    let (state, item) = triage();
    state.decide_in(&Event::OutputAdded { item, output }, &org(rules))
}

#[test]
fn five_3_2_f_a_request_to_a_role_serves_a_role_the_requester_represents() {
    assert!(decide(RuleSet::Holacracy50, request(Some(21), Some(20))).is_ok());
    // Ana represents the sub-circle Ovens as its Rep.
    assert!(decide(RuleSet::Holacracy50, request(Some(21), Some(30))).is_ok());
    for serves in [None, Some(21)] {
        let refusal = decide(RuleSet::Holacracy50, request(Some(21), serves)).unwrap_err();
        assert!(refusal.0.contains("5.0 §3.2(f)"), "{refusal}");
    }
}

#[test]
fn five_3_2_f_a_request_to_a_person_as_a_partner_is_not_limited() {
    assert!(decide(RuleSet::Holacracy50, request(None, None)).is_ok());
}

#[test]
fn four_one_4_2_3_e_does_not_limit_requests_to_a_role() {
    assert!(decide(RuleSet::Holacracy41, request(Some(21), None)).is_ok());
}
