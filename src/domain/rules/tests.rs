//! The rule-set definitions checked against the constitution texts, article by article.

use super::*;

#[test]
fn each_definition_is_of_its_own_rule_set() {
    for rules in RuleSet::ALL {
        assert_eq!(rules.rules().rule_set, rules);
    }
}

#[test]
fn only_holacracy_four_one_raises_administrative_concerns_and_only_five_has_time_outs() {
    let concerns = |r: RuleSet| r.rules().governance_steps.contains(&GovStep::AdminConcerns);
    assert!(concerns(RuleSet::Holacracy41) && !concerns(RuleSet::Holacracy50));
    assert!(RuleSet::Holacracy50.rules().time_outs && !RuleSet::Holacracy41.rules().time_outs);
}

#[test]
fn the_lead_may_never_be_rep_and_under_four_one_not_facilitator_either() {
    for rules in RuleSet::ALL {
        assert!(!rules.rules().lead_may_fill(CoreRole::Rep), "{rules}");
        assert!(rules.rules().lead_may_fill(CoreRole::Secretary), "{rules}");
    }
    assert!(
        !RuleSet::Holacracy41
            .rules()
            .lead_may_fill(CoreRole::Facilitator)
    );
    assert!(
        RuleSet::Holacracy50
            .rules()
            .lead_may_fill(CoreRole::Facilitator)
    );
}

#[test]
fn core_role_definitions_are_in_core_role_order() {
    for rules in RuleSet::ALL {
        for core in CoreRole::ALL {
            assert_eq!(rules.rules().core(core).role, core, "{rules}");
        }
    }
}

#[test]
fn four_one_appendix_a_the_lead_link_controls_role_assignments_and_has_six_accountabilities() {
    let lead = RuleSet::Holacracy41.rules().core(CoreRole::Lead);
    assert_eq!(lead.domains, ["Role assignments within the Circle"]);
    assert_eq!(lead.accountabilities.len(), 6);
    assert_eq!(lead.accountabilities[4], "Defining metrics for the circle");
}

#[test]
fn four_one_appendix_a_the_secretary_holds_the_circles_records_and_the_rep_link_its_purpose() {
    let rules = RuleSet::Holacracy41.rules();
    assert_eq!(
        rules.core(CoreRole::Secretary).domains,
        ["All constitutionally-required records of the Circle"]
    );
    let rep = rules.core(CoreRole::Rep);
    assert!(rep.purpose.contains("channeled out and resolved"));
    assert_eq!(rep.accountabilities.len(), 3);
}

#[test]
fn five_o_1_4_the_circle_lead_has_no_accountabilities_or_domains_of_its_own() {
    let lead = RuleSet::Holacracy50.rules().core(CoreRole::Lead);
    assert!(lead.accountabilities.is_empty() && lead.domains.is_empty());
}

#[test]
fn five_o_1_3_5_facilitator_and_secretary_purposes_are_the_constitutions() {
    let rules = RuleSet::Holacracy50.rules();
    assert_eq!(
        rules.core(CoreRole::Facilitator).purpose,
        "Circle governance and operational practices aligned with the Constitution"
    );
    assert_eq!(
        rules.core(CoreRole::Secretary).purpose,
        "Stabilize the Circle’s constitutionally-required records and meetings"
    );
}

#[test]
fn five_o_5_1_2_the_secretary_holds_a_domain_over_the_governance_records() {
    let secretary = RuleSet::Holacracy50.rules().core(CoreRole::Secretary);
    assert_eq!(secretary.domains, ["The Circle's governance records"]);
}

#[test]
fn five_o_5_3_5_the_facilitator_is_accountable_for_triggering_elections() {
    let facilitator = RuleSet::Holacracy50.rules().core(CoreRole::Facilitator);
    assert!(
        facilitator
            .accountabilities
            .iter()
            .any(|a| a.starts_with("Triggering new elections"))
    );
}

#[test]
fn five_o_5_1_1_the_circle_rep_has_the_three_accountabilities_of_the_article() {
    let rep = RuleSet::Holacracy50.rules().core(CoreRole::Rep);
    assert_eq!(
        rep.purpose,
        "Tensions relevant to process in a broader Circle channeled out and resolved"
    );
    assert_eq!(rep.accountabilities.len(), 3);
}

#[test]
fn core_accountabilities_start_with_an_ing_verb() {
    for rules in RuleSet::ALL {
        for core in CoreRole::ALL {
            for a in rules.rules().core(core).accountabilities {
                let first = a.split_whitespace().next().unwrap_or_default();
                assert!(first.ends_with("ing"), "{a}");
            }
        }
    }
}

#[test]
fn five_o_1_4_a_policy_naming_the_circle_lead_gives_the_anchor_one() {
    let rules = RuleSet::Holacracy50.rules();
    assert!(!rules.anchor_has_lead && RuleSet::Holacracy41.rules().anchor_has_lead);
    assert!(rules.policy_gives_anchor_a_lead("The anchor circle has a Circle Lead."));
    assert!(!rules.policy_gives_anchor_a_lead("Spending limit of 500 EUR"));
}
