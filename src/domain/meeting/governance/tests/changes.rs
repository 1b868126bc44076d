//! Governance changes checked against a circle as it stands.

use super::super::*;
use crate::domain::ids::*;
use crate::domain::org::*;
use crate::domain::ruleset::{CoreRole, RuleSet};

fn org() -> Organisation {
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
    Organisation::new(OrgRecords {
        name: "Co".into(),
        circles: vec![circle(1, None, "Co"), circle(2, Some(1), "Ovens")],
        roles: vec![
            role(10, 1, "Circle Lead", Some(CoreRole::Lead)),
            role(11, 1, "Baker", None),
            role(12, 2, "Stoker", None),
        ],
        policies: vec![Policy {
            id: PolicyId(5),
            circle: CircleId(1),
            role: None,
            name: "Spending".into(),
            text: "Up to 100".into(),
        }],
        ..OrgRecords::default()
    })
}

fn create(name: &str, accountability: &str) -> Change {
    Change::CreateRole {
        name: name.into(),
        purpose: "p".into(),
        domains: vec![],
        accountabilities: vec![accountability.into()],
    }
}

#[test]
fn a_new_role_cannot_take_a_name_already_in_the_circle_even_in_other_case() {
    let err = validate(
        &org(),
        CircleId(1),
        RuleSet::Holacracy50,
        &[create("baker", "Baking")],
    )
    .unwrap_err();
    assert!(err.contains("already has a role named"), "{err}");
}

#[test]
fn an_accountability_without_an_ing_verb_is_a_warning_not_an_error() {
    let warnings = validate(
        &org(),
        CircleId(1),
        RuleSet::Holacracy50,
        &[create("Miller", "Flour milled")],
    )
    .expect("valid");
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("-ing verb"));
}

#[test]
fn core_roles_cannot_be_removed_and_nothing_is_removed_twice() {
    let err = validate(
        &org(),
        CircleId(1),
        RuleSet::Holacracy50,
        &[Change::RemoveRole { role: RoleId(10) }],
    )
    .unwrap_err();
    assert!(err.contains("core role"), "{err}");
    let twice = [
        Change::RemoveRole { role: RoleId(11) },
        Change::RemoveRole { role: RoleId(11) },
    ];
    assert!(
        validate(&org(), CircleId(1), RuleSet::Holacracy50, &twice)
            .unwrap_err()
            .contains("twice")
    );
    let amend_removed = [
        Change::RemoveRole { role: RoleId(11) },
        Change::AmendRole {
            role: RoleId(11),
            name: None,
            purpose: Some("x".into()),
            domains: None,
            accountabilities: None,
        },
    ];
    assert!(
        validate(&org(), CircleId(1), RuleSet::Holacracy50, &amend_removed)
            .unwrap_err()
            .contains("removed earlier")
    );
}

#[test]
fn a_removed_roles_name_can_be_reused_in_the_same_proposal() {
    let changes = [
        Change::RemoveRole { role: RoleId(11) },
        create("Baker", "Baking bread"),
    ];
    assert!(validate(&org(), CircleId(1), RuleSet::Holacracy50, &changes).is_ok());
}

#[test]
fn an_amendment_shows_only_what_it_changes_against_the_role() {
    use crate::domain::meeting::governance::{Mark, change_lines};
    let mut records = org().records().clone();
    records.roles[1].purpose = "Bread on the shelves".into();
    records.roles[1].accountabilities = vec!["Baking bread".into(), "Cleaning up".into()];
    let role = records.roles[1].clone();
    let org = Organisation::new(records);
    let mut accountabilities = role.accountabilities.clone();
    let dropped = accountabilities.remove(0);
    accountabilities.push("Weighing bread on Sundays".into());
    let lines = change_lines(
        &org,
        &Change::AmendRole {
            role: role.id,
            name: None,
            purpose: Some(role.purpose.clone()),
            domains: None,
            accountabilities: Some(accountabilities),
        },
    );
    let text: Vec<(Mark, &str)> = lines.iter().map(|l| (l.mark, l.text.as_str())).collect();
    assert_eq!(
        text[0],
        (Mark::Same, format!("Amend role {}", role.name).as_str())
    );
    assert!(text.contains(&(
        Mark::Removed,
        format!("  accountability: {dropped}").as_str()
    )));
    assert!(text.contains(&(Mark::Added, "  accountability: Weighing bread on Sundays")));
    // The purpose set as it was and the untouched fields add no lines.
    assert!(
        !text
            .iter()
            .any(|(_, t)| t.contains("purpose") || t.contains("name:"))
    );
}

#[test]
fn an_amended_policy_keeps_a_name_and_a_text() {
    let amend = |name: Option<&str>, text: Option<&str>| Change::AmendPolicy {
        policy: PolicyId(5),
        name: name.map(str::to_string),
        text: text.map(str::to_string),
    };
    let check = |change| validate(&org(), CircleId(1), RuleSet::Holacracy50, &[change]);
    let nameless = check(amend(Some("  "), None)).unwrap_err();
    assert!(nameless.contains("\"Spending\" needs a name"), "{nameless}");
    let wordless = check(amend(None, Some("\n "))).unwrap_err();
    assert!(wordless.contains("\"Spending\" needs a text"), "{wordless}");
    assert!(check(amend(Some("Spending limits"), Some("Up to 200"))).is_ok());
}
