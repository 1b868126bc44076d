//! Cross Links into a circle as 4.1 §2.7 defines them, and refused under 5.0, which links
//! roles into circles instead (§1.3.4); a Cross Link Role changed only as §2.7.4 allows.

use super::super::*;
use crate::domain::ids::*;
use crate::domain::org::*;
use crate::domain::ruleset::RuleSet;

/// Co (1) with Bakehouse (2) below it; Ana and Ben; a Cross Link from "Millers' Guild"
/// into Co (role 30, filled by Ben) when `linked`.
fn org(rules: RuleSet, linked: bool) -> Organisation {
    let circle = |id, parent: Option<i64>, name: &str| Circle {
        id: CircleId(id),
        parent: parent.map(CircleId),
        name: name.into(),
        purpose: String::new(),
        strategy: None,
        domains: vec![],
        accountabilities: vec![],
    };
    let person = |id, name: &str| Person {
        id: PersonId(id),
        name: name.into(),
        email: None,
        left: None,
    };
    let text = cross_link_role("Millers' Guild", "Co");
    let mut records = OrgRecords {
        name: "Co".into(),
        rule_set: rules,
        circles: vec![circle(1, None, "Co"), circle(2, Some(1), "Bakehouse")],
        people: vec![person(1, "Ana"), person(2, "Ben")],
        ..OrgRecords::default()
    };
    if linked {
        records.roles.push(Role {
            id: RoleId(30),
            circle: CircleId(1),
            name: text.name,
            purpose: text.purpose,
            domains: vec![],
            accountabilities: text.accountabilities,
            core: None,
        });
        records.cross_links.push(CrossLink {
            role: RoleId(30),
            from: guild(),
        });
    }
    Organisation::new(records)
}

fn guild() -> LinkedEntity {
    LinkedEntity::Other {
        name: "Millers' Guild".into(),
    }
}

fn invite(from: LinkedEntity) -> Change {
    Change::CreateCrossLink {
        from,
        into: CircleId(1),
        filler: PersonId(1),
    }
}

#[test]
fn four_one_2_7_a_circle_invites_a_cross_link_from_another_circle_or_an_outside_entity() {
    // 4.1 §2.7: "The entity or group that is invited to participate is the “Linked Entity”,
    // and it may be external to the Organization, or it may be another Role or Circle within
    // the Organization."
    let org = org(RuleSet::Holacracy41, false);
    let sub = invite(LinkedEntity::Circle {
        circle: CircleId(2),
    });
    assert!(validate(&org, CircleId(1), RuleSet::Holacracy41, &[sub]).is_ok());
    assert!(validate(&org, CircleId(1), RuleSet::Holacracy41, &[invite(guild())]).is_ok());
    assert_eq!(
        invite(guild()).describe(&org),
        "Invite a Cross Link from Millers' Guild into Co, filled by Ana"
    );
}

#[test]
fn four_one_2_7_the_target_circle_is_the_circle_creating_the_policy_or_one_of_its_sub_circles() {
    // 4.1 §2.7: "The Circle that will receive this link is the “Target Circle”, and it must
    // be the Circle creating the Policy, or one of its Sub-Circles."
    let rules = RuleSet::Holacracy41;
    let org = org(rules, false);
    let into = |c| Change::CreateCrossLink {
        from: guild(),
        into: CircleId(c),
        filler: PersonId(2),
    };
    assert!(validate(&org, CircleId(1), rules, &[into(2)]).is_ok());
    let above = validate(&org, CircleId(2), rules, &[into(1)]).expect_err("not above");
    assert!(above.starts_with("4.1 §2.7:"), "{above}");
}

#[test]
fn five_1_3_4_refuses_a_cross_link_as_five_links_roles_into_circles_instead() {
    let org = org(RuleSet::Holacracy50, false);
    let refused = validate(&org, CircleId(1), RuleSet::Holacracy50, &[invite(guild())]);
    let said = refused.expect_err("5.0 has no Cross Link");
    assert!(said.starts_with("5.0 §1.3.4"), "{said}");
    assert!(said.contains("has no Cross Link"), "{said}");
}

#[test]
fn four_one_2_7_a_circle_does_not_link_into_itself_and_an_entity_links_once() {
    let rules = RuleSet::Holacracy41;
    let org = org(rules, true);
    let itself = invite(LinkedEntity::Circle {
        circle: CircleId(1),
    });
    let said = validate(&org, CircleId(1), rules, &[itself]).expect_err("itself");
    assert!(said.starts_with("4.1 §2.7"), "{said}");
    let again = validate(&org, CircleId(1), rules, &[invite(guild())]).expect_err("again");
    assert!(again.contains("already links into Co"), "{again}");
}

#[test]
fn four_one_2_7_1_the_cross_link_role_has_the_rep_links_purpose_for_the_linked_entity() {
    // 4.1 §2.7.1: "the Cross Link Role has the same Purpose and Accountabilities as a Rep
    // Link, but with the “Circle” ... meaning the Linked Entity, and the “Super-Circle”
    // instead meaning the Target Circle."
    let role = cross_link_role("Guild", "Co");
    assert_eq!(role.name, "Cross Link from Guild");
    assert!(role.purpose.ends_with(
        "the Cross Link’s Purpose is: Tensions relevant to process in Co channeled out and resolved."
    ));
    assert_eq!(
        role.accountabilities[0],
        "Removing constraints within the broader Organization that limit Guild"
    );
}

#[test]
fn four_one_2_7_4_the_circle_only_adds_to_a_cross_link_role_and_removes_it_with_its_link() {
    let rules = RuleSet::Holacracy41;
    let org = org(rules, true);
    let check = |c: Change| validate(&org, CircleId(1), rules, &[c]);
    let removed = check(Change::RemoveRole { role: RoleId(30) }).expect_err("remove role");
    assert!(removed.starts_with("4.1 §2.7.4"), "{removed}");
    let renamed = check(Change::AmendRole {
        role: RoleId(30),
        name: Some("Guild".into()),
        purpose: None,
        domains: None,
        accountabilities: None,
    });
    assert!(renamed.expect_err("rename").starts_with("4.1 §2.7.4"));
    let mut more = org.role(RoleId(30)).unwrap().accountabilities.clone();
    more.push("Ordering flour".into());
    let added = check(Change::AmendRole {
        role: RoleId(30),
        name: None,
        purpose: None,
        domains: None,
        accountabilities: Some(more),
    });
    assert!(added.is_ok(), "{added:?}");
    let dropped = check(Change::AmendRole {
        role: RoleId(30),
        name: None,
        purpose: None,
        domains: None,
        accountabilities: Some(vec!["Ordering flour".into()]),
    });
    assert!(dropped.expect_err("drop").starts_with("4.1 §2.7.4"));
    assert!(check(Change::RemoveCrossLink { role: RoleId(30) }).is_ok());
    assert_eq!(
        Change::RemoveCrossLink { role: RoleId(30) }.describe(&org),
        "Remove the Cross Link from Millers' Guild"
    );
}
