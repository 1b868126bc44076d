//! The core role limits, per rule set, from the articles: the constitution's parts stay,
//! additions come and go (4.1 §2.5.3; 5.0 §1.3.5, §5.1.1), nothing is added to a 4.1 Lead
//! Link (§2.2.3), and a 5.0 Circle Lead's additions reach every sub-circle (§1.4.5).

use super::*;
use crate::domain::ids::*;
use crate::domain::meeting::governance::validate::validate;
use crate::domain::org::*;

/// Anchor (1) > Bakehouse (2) > Ovens (3), each with its core roles as the rule set gives
/// them (ids: circle * 10 + position in `CoreRole::ALL`).
fn org(rules: RuleSet) -> Organisation {
    let circle = |id, parent: Option<i64>| Circle {
        id: CircleId(id),
        parent: parent.map(CircleId),
        name: format!("C{id}"),
        purpose: String::new(),
        strategy: None,
        domains: Vec::new(),
        accountabilities: Vec::new(),
    };
    let mut roles = Vec::new();
    for c in 1..=3 {
        for (i, core) in CoreRole::ALL.into_iter().enumerate() {
            let text = rules.rules().core(core);
            let owned = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
            roles.push(Role {
                id: RoleId(c * 10 + i as i64),
                circle: CircleId(c),
                name: core.name(rules).into(),
                purpose: text.purpose.into(),
                domains: owned(text.domains),
                accountabilities: owned(text.accountabilities),
                core: Some(core),
            });
        }
    }
    Organisation::new(OrgRecords {
        name: "Co".into(),
        rule_set: rules,
        circles: vec![circle(1, None), circle(2, Some(1)), circle(3, Some(2))],
        roles,
        ..OrgRecords::default()
    })
}

const SECRETARY: RoleId = RoleId(12);
const LEAD: RoleId = RoleId(10);

fn amend(role: RoleId, domains: Option<Vec<String>>, accs: Option<Vec<String>>) -> Change {
    Change::AmendRole {
        role,
        name: None,
        purpose: None,
        domains,
        accountabilities: accs,
    }
}

fn with(list: &[String], extra: &str) -> Vec<String> {
    let mut out = list.to_vec();
    out.push(extra.into());
    out
}

fn check(rules: RuleSet, change: Change) -> Result<Vec<String>, String> {
    validate(&org(rules), CircleId(1), rules, &[change])
}

#[test]
fn four_one_2_5_3_and_five_o_1_3_5_an_accountability_may_be_added_to_the_secretary() {
    for rules in RuleSet::ALL {
        let o = org(rules);
        let current = &o.role(SECRETARY).expect("secretary").accountabilities;
        let added = amend(SECRETARY, None, Some(with(current, "Keeping the archive")));
        assert!(check(rules, added).is_ok(), "{rules}");
    }
}

#[test]
fn four_one_2_5_3_the_constitutions_accountability_of_the_secretary_cannot_be_removed() {
    let rules = RuleSet::Holacracy41;
    let refused = check(rules, amend(SECRETARY, None, Some(vec![])));
    assert!(refused.is_err_and(|e| e.starts_with("4.1 §2.5.3") && e.contains("Scheduling")));
}

#[test]
fn five_o_5_1_2_the_secretarys_domain_over_governance_records_cannot_be_removed() {
    let rules = RuleSet::Holacracy50;
    let refused = check(rules, amend(SECRETARY, Some(vec!["Archive".into()]), None));
    assert!(
        refused.is_err_and(|e| e.starts_with("5.0 §1.3.5") && e.contains("governance records"))
    );
}

#[test]
fn a_core_roles_name_and_purpose_are_the_constitutions() {
    for rules in RuleSet::ALL {
        let change = Change::AmendRole {
            role: SECRETARY,
            name: None,
            purpose: Some("Something else".into()),
            domains: None,
            accountabilities: None,
        };
        let refused = check(rules, change);
        assert!(
            refused.is_err_and(|e| e.starts_with(rules.rules().core_limits.protected)),
            "{rules}"
        );
    }
}

#[test]
fn four_one_2_2_3_nothing_may_be_added_to_the_lead_link() {
    let rules = RuleSet::Holacracy41;
    let o = org(rules);
    let current = &o.role(LEAD).expect("lead").accountabilities;
    let refused = check(
        rules,
        amend(LEAD, None, Some(with(current, "Baking bread"))),
    );
    assert!(refused.is_err_and(|e| e.starts_with("4.1 §2.2.3")));
}

#[test]
fn five_o_1_4_5_an_accountability_may_be_added_to_the_circle_lead() {
    let rules = RuleSet::Holacracy50;
    assert!(check(rules, amend(LEAD, None, Some(vec!["Baking bread".into()]))).is_ok());
}

#[test]
fn five_o_1_4_5_an_addition_to_the_circle_lead_applies_to_every_sub_circles_circle_lead() {
    let rules = RuleSet::Holacracy50;
    let o = org(rules);
    let added = amend(LEAD, None, Some(vec!["Baking bread".into()]));
    let changes = with_lead_additions(&o, rules, CircleId(1), &[added]);
    let reached: Vec<RoleId> = changes
        .iter()
        .filter_map(|c| match c {
            Change::AmendRole {
                role,
                accountabilities: Some(a),
                ..
            } if a.contains(&"Baking bread".to_string()) => Some(*role),
            _ => None,
        })
        .collect();
    assert_eq!(reached, [LEAD, RoleId(20), RoleId(30)]);
}

#[test]
fn four_one_2_2_3_and_five_o_1_4_5_the_leads_own_accountabilities_may_be_delegated_away() {
    for rules in RuleSet::ALL {
        assert!(
            check(rules, amend(LEAD, Some(vec![]), Some(vec![]))).is_ok(),
            "{rules}"
        );
    }
}

#[test]
fn four_one_an_amendment_of_the_lead_link_stays_in_its_circle() {
    let rules = RuleSet::Holacracy41;
    let o = org(rules);
    let change = amend(LEAD, None, Some(vec![]));
    assert_eq!(
        with_lead_additions(&o, rules, CircleId(1), &[change]).len(),
        1
    );
}

#[test]
fn the_constitutions_items_are_told_apart_from_additions() {
    assert!(is_constitutional(
        RuleSet::Holacracy41,
        CoreRole::Lead,
        "Role assignments within the Circle"
    ));
    assert!(!is_constitutional(
        RuleSet::Holacracy50,
        CoreRole::Secretary,
        "Keeping the archive"
    ));
}

#[test]
fn the_editor_says_which_items_are_the_constitutions_and_what_may_be_added() {
    let o = org(RuleSet::Holacracy41);
    let lead = &o.role(LEAD).expect("lead").accountabilities;
    let note = core_list_note(RuleSet::Holacracy41, CoreRole::Lead, lead);
    assert_eq!(
        note,
        "6 constitutional, only delegated (4.1 §2.2.3); no additions (4.1 §2.2.3)"
    );
    let five = core_list_note(RuleSet::Holacracy50, CoreRole::Lead, &[]);
    assert!(five.contains("5.0 §1.4.5"), "{five}");
}

#[test]
fn four_one_appendix_a_an_accountability_holding_semicolons_stays_one_item() {
    let lead = RuleSet::Holacracy41.rules().core(CoreRole::Lead);
    let typed = lead.accountabilities.join("; ") + "; Baking";
    let items = split_items(&typed);
    assert_eq!(items.len(), 7);
    assert_eq!(items[1], lead.accountabilities[1]);
    assert_eq!(split_items(" a ;; b; "), ["a", "b"]);
}
