//! Core roles carry the constitution's own texts per rule set (4.1 Appendix A; 5.0 §1.3.5,
//! §1.4, §5.1.1-5.1.2): in a new organisation, and in an existing database by migration
//! 011, which records the change as a version naming the migration. And the 5.0 anchor
//! circle has no Circle Lead unless a policy says so (§1.4).

use roundtable::domain::{CoreRole, OrgFile, Organisation, RuleSet};
use roundtable::store::Store;
use roundtable::store::prelude::*;

fn load(store: &Store) -> Organisation {
    store
        .load_organisation()
        .expect("loads")
        .expect("an organisation")
}

fn assert_constitutional(org: &Organisation) {
    let rules = org.rule_set();
    for circle in &org.records().circles {
        for core in CoreRole::ALL {
            let Some(role) = org.core_role(circle.id, core) else {
                continue;
            };
            let text = rules.rules().core(core);
            assert_eq!(
                role.purpose, text.purpose,
                "{} of {}",
                role.name, circle.name
            );
            for given in text.accountabilities.iter().chain(text.domains) {
                let has = role.accountabilities.iter().chain(&role.domains);
                assert!(has.into_iter().any(|a| a == given), "{given}");
            }
        }
    }
}

#[test]
fn an_old_database_is_migrated_to_the_constitutions_texts_as_a_version_naming_the_migration() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("old.db");
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/0.1.0-3813263/roundtable.db"
    );
    std::fs::copy(fixture, &path).expect("copy");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    }
    let store = Store::open(&path).expect("opens and migrates");
    let org = load(&store);
    assert_constitutional(&org);
    let bakehouse = org.circle_named("Bakehouse").expect("Bakehouse");
    let secretary = org
        .core_role(bakehouse.id, CoreRole::Secretary)
        .expect("secretary");
    assert!(
        !secretary
            .accountabilities
            .iter()
            .any(|a| a == "Scheduling the circle's meetings and notifying every member"),
        "the old words are replaced, not kept as additions"
    );
    let history: Vec<_> = org.history_of(secretary.id).collect();
    let last = history.last().expect("a version");
    assert!(
        last.migration
            .as_deref()
            .is_some_and(|m| m.starts_with("011"))
    );
    let before = org.previous_version(last).expect("the version before");
    assert!(before.baseline || before.migration.is_none());
    assert!(
        before
            .accountabilities
            .iter()
            .any(|a| a == "Scheduling the circle's meetings and notifying every member"),
        "the record keeps how it stood"
    );
    // 5.0 §1.4: its anchor circle's Circle Lead now has the policy that allows one.
    let anchor = org.anchor().expect("anchor");
    let policy = org
        .policies_of(anchor.id)
        .find(|p| p.text.contains("5.0 §1.4"))
        .expect("the anchor's Circle Lead policy");
    assert!(
        org.governance_log(anchor.id)
            .any(|v| v.policy == Some(policy.id)
                && v.migration.as_deref().is_some_and(|m| m.starts_with("011"))),
        "recorded as a version naming the migration"
    );
}

#[test]
fn the_demo_has_the_constitutions_core_role_texts_and_a_policy_giving_the_anchor_its_circle_lead() {
    let mut store = Store::open_in_memory().expect("store");
    roundtable::app::setup::load_demo(&mut store).expect("demo");
    let org = load(&store);
    assert_constitutional(&org);
    let anchor = org.anchor().expect("anchor");
    assert!(org.core_role(anchor.id, CoreRole::Lead).is_some());
    assert!(
        org.policies_of(anchor.id)
            .any(|p| p.text.contains("Circle Lead"))
    );
}

fn file(rule_set: &str, anchor_roles: &str) -> OrgFile {
    OrgFile::parse(&format!(
        "name = \"Co\"\nrule_set = \"{rule_set}\"\n[[people]]\nname = \"Ana\"\n[circle]\nname = \"Co\"\npurpose = \"\"\n{anchor_roles}"
    ))
    .expect("parses")
}

#[test]
fn five_o_1_4_an_anchor_circle_without_a_policy_for_it_has_no_circle_lead() {
    let mut store = Store::open_in_memory().expect("store");
    store.import(&file("holacracy-5.0", "")).expect("imports");
    let org = load(&store);
    let anchor = org.anchor().expect("anchor");
    assert!(org.core_role(anchor.id, CoreRole::Lead).is_none());
    assert!(org.core_role(anchor.id, CoreRole::Facilitator).is_some());
}

#[test]
fn five_o_1_4_an_older_file_naming_the_anchors_circle_lead_gets_the_policy_that_allows_it() {
    let mut store = Store::open_in_memory().expect("store");
    let lead = "[[circle.roles]]\nname = \"Circle Lead\"\nfillers = [{ person = \"Ana\" }]\n";
    store.import(&file("holacracy-5.0", lead)).expect("imports");
    let org = load(&store);
    let anchor = org.anchor().expect("anchor");
    assert!(org.core_role(anchor.id, CoreRole::Lead).is_some());
    let policy = org.policies_of(anchor.id).next().expect("a policy");
    assert!(policy.text.contains("5.0 §1.4"), "{}", policy.text);
}

#[test]
fn four_one_2_2_every_circle_has_a_lead_link_the_anchor_too() {
    let mut store = Store::open_in_memory().expect("store");
    store.import(&file("holacracy-4.1", "")).expect("imports");
    let org = load(&store);
    let anchor = org.anchor().expect("anchor");
    let lead = org.core_role(anchor.id, CoreRole::Lead).expect("Lead Link");
    assert_eq!(lead.domains, ["Role assignments within the Circle"]);
    assert_eq!(org.rule_set(), RuleSet::Holacracy41);
}

#[test]
fn a_new_five_o_organisation_records_the_policy_that_gives_its_anchor_a_circle_lead() {
    let mut store = Store::open_in_memory().expect("store");
    store
        .create_organisation("Co", RuleSet::Holacracy50)
        .expect("created");
    let org = load(&store);
    let anchor = org.anchor().expect("anchor");
    assert!(org.core_role(anchor.id, CoreRole::Lead).is_some());
    assert_eq!(org.policies_of(anchor.id).count(), 1);
}
