//! The adoption draft, step by step, without a terminal or a store.

use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// An organisation with three people, Ana ratifying, and a role "Baker".
fn drafted(rule_set: RuleSet) -> Adoption {
    let mut a = Adoption::new(rule_set);
    a.set_name("Riverside Co-op").unwrap();
    a.set_purpose("Good bread for the valley");
    for name in ["Ana", "Ben", "Chloé"] {
        a.add_person(name, None).unwrap();
    }
    a.toggle_ratifier(0);
    a.add_role(NewRole {
        name: "Baker".into(),
        purpose: "Bread".into(),
        accountabilities: vec!["Baking".into()],
        domains: vec![],
    })
    .unwrap();
    a
}

fn seat(a: &Adoption, label: &str) -> Seat {
    a.seats().into_iter().find(|s| s.label() == label).unwrap()
}

#[test]
fn each_step_needs_its_answer_before_the_next() {
    let mut a = Adoption::new(RuleSet::Holacracy50);
    a.advance().unwrap();
    assert_eq!(a.step, Step::Organisation);
    assert!(matches!(a.advance(), Err(Refusal::Missing(_))));
    a.set_name("Co").unwrap();
    a.advance().unwrap();
    assert!(a.advance().is_err(), "no people yet");
    a.add_person("Ana", None).unwrap();
    a.advance().unwrap();
    assert!(a.advance().is_err(), "no ratifier yet");
    a.toggle_ratifier(0);
    a.advance().unwrap();
    assert_eq!(a.step, Step::Roles);
    a.back();
    assert_eq!(a.step, Step::Ratifiers);
    assert_eq!(a.ratifiers, ["Ana"], "going back loses nothing");
}

#[test]
fn duplicate_empty_and_control_character_names_are_refused_and_change_nothing() {
    let mut a = drafted(RuleSet::Holacracy50);
    let before = a.clone();
    assert!(matches!(
        a.add_person("  aNA ", None),
        Err(Refusal::Taken { .. })
    ));
    assert!(matches!(
        a.add_person("\u{7}\u{202e} ", None),
        Err(Refusal::Empty(_))
    ));
    assert!(matches!(
        a.add_person("Dan", Some("no-at")),
        Err(Refusal::BadEmail { .. })
    ));
    let baker = NewRole {
        name: "BAKER".into(),
        ..NewRole::default()
    };
    assert!(matches!(a.add_role(baker), Err(Refusal::Taken { .. })));
    assert!(matches!(
        a.add_circle("baker", ""),
        Err(Refusal::Taken { .. })
    ));
    let core = NewRole {
        name: "lead link".into(),
        ..NewRole::default()
    };
    assert!(matches!(a.add_role(core), Err(Refusal::CoreName { .. })));
    assert_eq!(a, before);
    // The anchor circle has no Rep (5.0 §5.1.1: a Circle Rep represents a circle "within any
    // broader Circle containing it"): the refusal of a
    // core role's name does not claim it has one.
    let rep = NewRole {
        name: "Circle Rep".into(),
        ..NewRole::default()
    };
    let said = a.add_role(rep).unwrap_err().to_string();
    assert!(!said.contains("Circle Rep already"), "{said}");
    assert!(said.contains("the anchor circle has none"), "{said}");
    a.add_person("Dan\u{7}\u{202e}", None).unwrap();
    assert_eq!(a.people.last().unwrap().name, "Dan");
}

#[test]
fn five_zero_5_3_5_an_elected_first_filler_needs_a_term_ending_after_today() {
    let mut a = drafted(RuleSet::Holacracy50);
    let facilitator = seat(&a, "Facilitator");
    let refused = a.fill(&facilitator, 1, None, today()).unwrap_err();
    assert!(refused.to_string().contains("5.0 §5.3.5(a)"), "{refused}");
    assert!(a.fill(&facilitator, 1, Some(today()), today()).is_err());
    a.fill(&facilitator, 1, Some(date("2027-06-30")), today())
        .unwrap();
    let baker = seat(&a, "Baker");
    assert!(matches!(
        a.fill(&baker, 2, Some(date("2027-06-30")), today()),
        Err(Refusal::NoTerm(_))
    ));
    a.fill(&baker, 2, None, today()).unwrap();
    assert!(matches!(
        a.fill(&baker, 2, None, today()),
        Err(Refusal::Fills { .. })
    ));
}

#[test]
fn five_zero_1_4_the_anchor_gets_a_circle_lead_only_by_the_policy_the_adoption_writes() {
    let mut a = drafted(RuleSet::Holacracy50);
    let lead = seat(&a, "Circle Lead");
    a.fill(&lead, 0, None, today()).unwrap();
    let file = a.file().unwrap();
    assert!(file.circle.lead_by_policy(RuleSet::Holacracy50));
    assert_eq!(file.ratifiers, ["Ana"]);
    assert!(file.circle.roles.iter().any(|r| r.name == "Circle Lead"));
}

#[test]
fn five_zero_1_4_1_a_role_may_control_the_anchor_circles_assignments_instead() {
    let mut a = drafted(RuleSet::Holacracy50);
    let baker = Control::Delegated(Delegation::Role("Baker".into()));
    assert!(a.controls().contains(&baker));
    a.set_control(baker.clone());
    assert!(!a.seats().iter().any(|s| s.role == "Circle Lead"));
    let file = a.file().unwrap();
    assert!(!file.circle.lead_by_policy(RuleSet::Holacracy50));
    let policy = &file.circle.policies[0];
    assert_eq!(
        Delegation::of_policy(&policy.text),
        Some(Delegation::Role("Baker".into()))
    );
    a.remove_role(0);
    assert_eq!(
        a.control,
        Control::Lead,
        "the role is gone, so is its control"
    );
}

#[test]
fn four_one_5_2_1_no_role_controls_assignments_and_without_a_lead_link_none_is_filled() {
    let mut a = drafted(RuleSet::Holacracy41);
    assert_eq!(
        a.controls(),
        [Control::Lead, Control::Delegated(Delegation::Governance)]
    );
    let lead = seat(&a, "Lead Link");
    a.fill(&lead, 0, None, today()).unwrap();
    let one = a.fill(&lead, 1, None, today()).unwrap_err();
    assert!(one.to_string().contains("one Lead Link"), "{one}");
    a.set_control(Control::Delegated(Delegation::Governance));
    assert!(a.fillers.is_empty());
    let file = a.file().unwrap();
    assert!(file.circle.policies.is_empty());
}

#[test]
fn removing_a_person_takes_their_ratification_and_roles_with_them() {
    let mut a = drafted(RuleSet::Holacracy50);
    let baker = seat(&a, "Baker");
    a.fill(&baker, 0, None, today()).unwrap();
    a.remove_person(0);
    assert!(a.ratifiers.is_empty() && a.fillers.is_empty());
}

#[test]
fn a_sub_circles_lead_may_be_named_at_adoption() {
    let mut a = drafted(RuleSet::Holacracy50);
    a.add_circle("Bakehouse", "Ovens hot").unwrap();
    let lead = seat(&a, "Circle Lead of Bakehouse");
    a.fill(&lead, 1, None, today()).unwrap();
    let file = a.file().unwrap();
    let sub = &file.circle.circles[0];
    assert_eq!(sub.roles[0].fillers[0].person, "Ben");
}

#[test]
fn the_draft_survives_being_written_and_read_as_json() {
    let mut a = drafted(RuleSet::Holacracy50);
    a.set_control(Control::Delegated(Delegation::Role("Baker".into())));
    let text = serde_json::to_string(&a).unwrap();
    assert_eq!(serde_json::from_str::<Adoption>(&text).unwrap(), a);
}
