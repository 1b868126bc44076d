//! Changes to sub-circles and moves between a circle and its sub-circles, per rule set, as
//! the constitution texts allow them (4.1 §2.6-2.6.2; 5.0 §1.3.1, §5.2).

use super::super::*;
use crate::domain::ids::*;
use crate::domain::org::*;
use crate::domain::ruleset::{CoreRole, RuleSet};

const BOTH: [RuleSet; 2] = [RuleSet::Holacracy41, RuleSet::Holacracy50];

/// Co (1) › Ovens (2) › Fire (3); Bakers (4) beside Ovens.
fn org() -> Organisation {
    let circle = |id, parent: Option<i64>, name: &str| Circle {
        id: CircleId(id),
        parent: parent.map(CircleId),
        name: name.into(),
        purpose: format!("{name} purpose"),
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
    let policy = |id, c, name: &str| Policy {
        id: PolicyId(id),
        circle: CircleId(c),
        role: None,
        name: name.into(),
        text: "text".into(),
    };
    Organisation::new(OrgRecords {
        name: "Co".into(),
        circles: vec![
            circle(1, None, "Co"),
            circle(2, Some(1), "Ovens"),
            circle(3, Some(2), "Fire"),
            circle(4, Some(1), "Bakers"),
        ],
        roles: vec![
            role(10, 1, "Secretary", Some(CoreRole::Secretary)),
            role(11, 1, "Miller", None),
            role(12, 2, "Stoker", None),
            role(13, 3, "Sweeper", None),
            role(14, 1, "Fire", None),
        ],
        policies: vec![policy(5, 1, "Spending"), policy(6, 3, "Ash")],
        ..OrgRecords::default()
    })
}

fn check(rules: RuleSet, changes: &[Change]) -> Result<Vec<String>, String> {
    validate(&org(), CircleId(1), rules, changes)
}

fn move_role(role: i64, to: i64) -> Change {
    Change::MoveRole {
        role: RoleId(role),
        to: CircleId(to),
    }
}

#[test]
fn four_one_2_6_1_and_five_5_2_move_a_role_or_policy_into_a_sub_circle_and_back_out() {
    for rules in BOTH {
        assert!(check(rules, &[move_role(11, 2)]).is_ok(), "{rules}: into");
        assert!(check(rules, &[move_role(12, 1)]).is_ok(), "{rules}: out");
        let policy = Change::MovePolicy {
            policy: PolicyId(5),
            to: CircleId(2),
        };
        assert!(check(rules, &[policy]).is_ok(), "{rules}: a policy");
    }
}

#[test]
fn five_5_2_c_d_reach_any_sub_circle_of_a_sub_circle_where_four_one_2_6_1_reaches_one_level() {
    let deep = [move_role(11, 3)];
    assert!(check(RuleSet::Holacracy50, &deep).is_ok());
    let out = [move_role(13, 1)];
    assert!(check(RuleSet::Holacracy50, &out).is_ok());
    let ash = [Change::MovePolicy {
        policy: PolicyId(6),
        to: CircleId(1),
    }];
    assert!(check(RuleSet::Holacracy50, &ash).is_ok());
    for changes in [&deep[..], &out[..], &ash[..]] {
        let err = check(RuleSet::Holacracy41, changes).unwrap_err();
        assert!(err.contains("4.1 §2.6.1"), "{err}");
    }
}

#[test]
fn a_move_between_two_sub_circles_is_not_the_circles_to_make_under_either_rule_set() {
    for rules in BOTH {
        let err = check(rules, &[move_role(12, 4)]).unwrap_err();
        assert!(err.contains(rules.rules().changes.moves), "{rules}: {err}");
    }
}

#[test]
fn four_one_2_6_and_five_1_3_1_expand_a_role_into_a_sub_circle_but_never_a_constitutional_role() {
    for rules in BOTH {
        let expand = |r| Change::ExpandRole { role: RoleId(r) };
        assert!(check(rules, &[expand(11)]).is_ok(), "{rules}");
        let err = check(rules, &[expand(10)]).unwrap_err();
        assert!(err.contains(rules.rules().changes.expand), "{rules}: {err}");
        // Circle names are unique in the organisation: "Fire" is a circle already.
        let err = check(rules, &[expand(14)]).unwrap_err();
        assert!(err.contains("already has a circle named"), "{err}");
        // A role of a sub-circle is the sub-circle's to expand (4.1 §2.6.1).
        assert!(check(rules, &[expand(12)]).is_err(), "{rules}");
    }
}

#[test]
fn an_expanded_role_is_gone_for_the_rest_of_the_proposal_and_its_name_is_free() {
    let changes = [
        Change::ExpandRole { role: RoleId(11) },
        Change::RemoveRole { role: RoleId(11) },
    ];
    assert!(check(RuleSet::Holacracy50, &changes).is_err());
    let reuse = [
        Change::ExpandRole { role: RoleId(11) },
        Change::CreateRole {
            name: "Miller".into(),
            purpose: "p".into(),
            domains: vec![],
            accountabilities: vec!["Milling".into()],
        },
    ];
    assert!(check(RuleSet::Holacracy50, &reuse).is_ok());
}

fn amend(name: Option<&str>) -> Change {
    Change::AmendCircle {
        circle: CircleId(2),
        name: name.map(String::from),
        purpose: Some("Hot ovens".into()),
        domains: Some(vec!["The ovens".into()]),
        accountabilities: Some(vec!["Heating the ovens".into()]),
    }
}

#[test]
fn four_one_2_6_1_amends_a_sub_circles_purpose_domains_and_accountabilities_but_not_its_name() {
    assert!(check(RuleSet::Holacracy41, &[amend(None)]).is_ok());
    let err = check(RuleSet::Holacracy41, &[amend(Some("Kilns"))]).unwrap_err();
    assert!(err.contains("4.1 §2.6.1"), "{err}");
}

#[test]
fn five_5_2_a_amends_a_sub_circle_as_a_role_name_included() {
    assert!(check(RuleSet::Holacracy50, &[amend(Some("Kilns"))]).is_ok());
    let err = check(RuleSet::Holacracy50, &[amend(Some("Bakers"))]).unwrap_err();
    assert!(err.contains("already has a circle named"), "{err}");
}

#[test]
fn only_the_circles_own_sub_circles_are_amended_collapsed_or_removed() {
    for rules in BOTH {
        let fire = CircleId(3);
        let changes = [
            Change::CollapseCircle { circle: fire },
            Change::RemoveCircle { circle: fire },
        ];
        for change in changes {
            let err = check(rules, &[change]).unwrap_err();
            assert!(err.contains("not a sub-circle of this circle"), "{err}");
        }
    }
}

#[test]
fn four_one_2_6_2_collapses_a_sub_circle_into_a_role_whose_name_must_be_free() {
    for rules in BOTH {
        let ovens = Change::CollapseCircle {
            circle: CircleId(2),
        };
        let warnings = check(rules, &[ovens]).expect("Ovens collapses");
        assert!(
            warnings.iter().any(|w| w
                .contains("Ovens goes with what is within it (2 roles, 1 policy, 1 sub-circle)")),
            "what goes within is said: {warnings:?}"
        );
        let taken = [
            Change::CreateRole {
                name: "Bakers".into(),
                purpose: "p".into(),
                domains: vec![],
                accountabilities: vec![],
            },
            Change::CollapseCircle {
                circle: CircleId(4),
            },
        ];
        let err = check(rules, &taken).unwrap_err();
        assert!(err.contains("already has a role named"), "{err}");
    }
}

#[test]
fn four_one_2_6_2_removes_a_sub_circle_after_moving_out_what_should_stay() {
    for rules in BOTH {
        let keep_then_remove = [
            move_role(12, 1),
            Change::RemoveCircle {
                circle: CircleId(2),
            },
        ];
        assert!(check(rules, &keep_then_remove).is_ok(), "{rules}");
        let into_removed = [
            Change::RemoveCircle {
                circle: CircleId(2),
            },
            move_role(11, 2),
        ];
        let err = check(rules, &into_removed).unwrap_err();
        assert!(err.contains("removed earlier"), "{err}");
        let twice = [
            Change::RemoveCircle {
                circle: CircleId(2),
            },
            amend(None),
        ];
        assert!(check(rules, &twice).is_err(), "{rules}");
    }
}

#[test]
fn each_sub_circle_change_reads_as_the_minutes_say_it() {
    let org = org();
    let said = |c: Change| c.describe(&org);
    assert_eq!(
        said(Change::ExpandRole { role: RoleId(11) }),
        "Expand role Miller into a sub-circle"
    );
    assert_eq!(
        said(Change::CollapseCircle {
            circle: CircleId(2)
        }),
        "Collapse sub-circle Ovens into a role"
    );
    assert_eq!(
        said(Change::RemoveCircle {
            circle: CircleId(2)
        }),
        "Remove sub-circle Ovens and everything within"
    );
    assert!(said(amend(None)).starts_with("Amend sub-circle Ovens: purpose → \"Hot ovens\""));
}

fn role_policy(role: i64) -> Change {
    Change::CreateRolePolicy {
        role: RoleId(role),
        name: "Quiet milling".into(),
        text: "No milling before six.".into(),
    }
}

#[test]
fn five_1_1_a_role_may_hold_a_policy() {
    assert!(check(RuleSet::Holacracy50, &[role_policy(11)]).is_ok());
    let elsewhere = check(RuleSet::Holacracy50, &[role_policy(12)]).unwrap_err();
    assert!(elsewhere.contains("not in this circle"), "{elsewhere}");
}

#[test]
fn four_one_2_1_1_policies_are_the_circles_not_a_roles() {
    let err = check(RuleSet::Holacracy41, &[role_policy(11)]).unwrap_err();
    assert!(err.contains("4.1 §2.1.1"), "{err}");
}
