//! Adopted changes to sub-circles as the record then reads: who fills the new circle's Lead,
//! what the governance log says, what the exports carry (4.1 §2.6-2.6.2; 5.0 §1.3.1, §1.4,
//! §5.2). That both backends write and undo them alike is the conformance suite's.

use chrono::{DateTime, TimeZone, Utc};
use roundtable::domain::meeting::governance::Change;
use roundtable::domain::meeting::{Effect, MeetingKind};
use roundtable::domain::*;
use roundtable::export::org::{OrgFormat, render};
use roundtable::store::Store;
use roundtable::store::prelude::*;

fn at(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, minute, 0)
        .single()
        .expect("time")
}

const DEMO: &str = include_str!("../data/demo-org.toml");

/// The demo organisation under `rules` (under 4.1 its core roles carry the 4.1 names).
fn store(rules: RuleSet) -> Store {
    let text = match rules {
        RuleSet::Holacracy50 => DEMO.to_string(),
        RuleSet::Holacracy41 => DEMO
            .replace("holacracy-5.0", "holacracy-4.1")
            .replace("\"Circle Lead\"", "\"Lead Link\"")
            .replace("\"Circle Rep\"", "\"Rep Link\""),
    };
    let file = OrgFile::parse(&text).expect("the demo parses");
    let mut store = Store::open_in_memory().expect("store");
    store.import(&file).expect("imports");
    store
}

fn org(store: &Store) -> Organisation {
    store.load_whole_organisation().expect("load").expect("org")
}

/// Adopts `changes` in the anchor circle's governance meeting.
fn adopt(store: &mut Store, changes: Vec<Change>) {
    adopt_at(store, at(1), changes);
}

/// Adopts `changes` in the anchor circle's governance meeting held at `when`.
fn adopt_at(store: &mut Store, when: DateTime<Utc>, changes: Vec<Change>) {
    let anchor = org(store).anchor().expect("anchor").id;
    let meeting = store
        .start_meeting(anchor, MeetingKind::Governance, when, &"started")
        .expect("start");
    store
        .append_event(
            meeting,
            store.last_seq(meeting).expect("last seq"),
            when,
            &"adopted",
            &[Effect::ApplyGovernance {
                circle: anchor,
                changes,
            }],
        )
        .expect("adopted");
}

fn role(org: &Organisation, circle: CircleId, name: &str) -> RoleId {
    org.roles_in(circle)
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("{name}"))
        .id
}

fn fillers(org: &Organisation, role: RoleId) -> Vec<String> {
    org.fillers_of(role)
        .map(|a| org.person_name(a.person).to_string())
        .collect()
}

fn expand_wholesale(store: &mut Store) -> Organisation {
    let before = org(store);
    let anchor = before.anchor().expect("anchor").id;
    let wholesale = role(&before, anchor, "Wholesale Accounts");
    adopt(store, vec![Change::ExpandRole { role: wholesale }]);
    org(store)
}

#[test]
fn five_1_4_an_expanded_roles_filler_becomes_the_circle_lead_of_its_new_sub_circle() {
    let mut store = store(RuleSet::Holacracy50);
    let org = expand_wholesale(&mut store);
    let anchor = org.anchor().expect("anchor").id;
    let circle = org
        .circle_named("Wholesale Accounts")
        .expect("a sub-circle");
    assert_eq!(circle.parent, Some(anchor));
    assert!(circle.purpose.starts_with("Cafés and grocers"));
    assert_eq!(
        circle.accountabilities.len(),
        3,
        "the role's accountabilities"
    );
    assert!(
        org.roles_in(anchor).all(|r| r.name != "Wholesale Accounts"),
        "the role is now the sub-circle"
    );
    let lead = org.core_role(circle.id, CoreRole::Lead).expect("a Lead");
    assert_eq!(fillers(&org, lead.id), ["Ravi Patel"]);
    let projects: Vec<_> = org.projects_of(lead.id).map(|p| p.title.as_str()).collect();
    assert_eq!(
        projects,
        ["Three new café customers signed"],
        "the role's work goes on in its Circle Lead"
    );
    let history: Vec<_> = org.history_of(lead.id).collect();
    let last = history.last().expect("a version");
    assert_eq!(
        roundtable::ui::details::version_change(&org, org.previous_version(last), last),
        "expanded into the sub-circle Wholesale Accounts, whose Lead it now is"
    );
    let cores: Vec<_> = org.roles_in(circle.id).filter_map(|r| r.core).collect();
    assert_eq!(
        cores.len(),
        4,
        "Circle Lead, Facilitator, Secretary, Circle Rep"
    );
}

#[test]
fn four_one_2_6_3_nobody_is_carried_into_the_lead_link_of_an_expanded_role() {
    let mut store = store(RuleSet::Holacracy41);
    let org = expand_wholesale(&mut store);
    let circle = org
        .circle_named("Wholesale Accounts")
        .expect("a sub-circle");
    let lead = org
        .core_role(circle.id, CoreRole::Lead)
        .expect("a Lead Link");
    assert!(
        fillers(&org, lead.id).is_empty(),
        "the super-circle's Lead Link assigns it"
    );
}

#[test]
fn the_governance_log_and_the_exports_show_a_sub_circle_expanded_and_amended() {
    let mut store = store(RuleSet::Holacracy50);
    let org = expand_wholesale(&mut store);
    let circle = org.circle_named("Wholesale Accounts").expect("circle").id;
    adopt(
        &mut store,
        vec![Change::AmendCircle {
            circle,
            name: None,
            purpose: None,
            domains: Some(vec!["Wholesale price list".into()]),
            accountabilities: None,
        }],
    );
    let org = self::org(&store);
    let anchor = org.anchor().expect("anchor").id;
    let log: Vec<_> = org
        .governance_log(anchor)
        .filter(|v| v.sub_circle == Some(circle))
        .collect();
    assert_eq!(log.len(), 2, "created, then amended: {log:?}");
    assert_eq!(log[1].domains, ["Wholesale price list"]);
    let toml = render(&org, &[], OrgFormat::Toml).expect("toml");
    assert!(toml.contains("Wholesale price list"), "{toml}");
    let handbook = render(&org, &[], OrgFormat::Markdown).expect("md");
    assert!(handbook.contains("Wholesale price list"));
    // The TOML is still an organisation file that imports as it was.
    let again = OrgFile::parse(&toml).expect("parses");
    let mut copy = Store::open_in_memory().expect("store");
    copy.import(&again).expect("imports");
    assert_eq!(
        render(&self::org(&copy), &[], OrgFormat::Toml).expect("toml"),
        toml
    );
}

#[test]
fn five_1_4_a_collapsed_sub_circles_circle_lead_fills_the_role_it_becomes() {
    let mut store = store(RuleSet::Holacracy50);
    let before = org(&store);
    let community = before.circle_named("Community").expect("Community");
    let lead = before
        .core_role(community.id, CoreRole::Lead)
        .expect("Lead");
    let leads = fillers(&before, lead.id);
    adopt(
        &mut store,
        vec![Change::CollapseCircle {
            circle: community.id,
        }],
    );
    let org = org(&store);
    assert!(
        org.circle_named("Community").is_none(),
        "no longer a circle"
    );
    let anchor = org.anchor().expect("anchor").id;
    let back = role(&org, anchor, "Community");
    assert_eq!(org.role(back).map(|r| &r.purpose), Some(&community.purpose));
    assert_eq!(fillers(&org, back), leads);
    assert!(
        org.records().roles.iter().all(|r| r.name != "Events Host"),
        "what was within goes"
    );
}

#[test]
fn four_one_2_6_2_a_removed_sub_circle_keeps_what_was_moved_out_first() {
    let mut store = store(RuleSet::Holacracy41);
    let before = org(&store);
    let anchor = before.anchor().expect("anchor").id;
    let shopfront = before.circle_named("Shopfront").expect("Shopfront").id;
    let rider = role(&before, shopfront, "Delivery Rider");
    adopt(
        &mut store,
        vec![
            Change::MoveRole {
                role: rider,
                to: anchor,
            },
            Change::RemoveCircle { circle: shopfront },
        ],
    );
    let org = org(&store);
    assert!(org.circle_named("Shopfront").is_none());
    assert_eq!(org.role(rider).map(|r| r.circle), Some(anchor));
    assert!(org.records().roles.iter().all(|r| r.name != "Counter Host"));
}

#[test]
fn the_circles_log_says_a_role_was_expanded_and_a_sub_circle_collapsed() {
    use roundtable::ui::details::version_change;
    let mut store = store(RuleSet::Holacracy50);
    expand_wholesale(&mut store);
    let community = org(&store).circle_named("Community").expect("Community").id;
    adopt(
        &mut store,
        vec![Change::CollapseCircle { circle: community }],
    );
    let org = org(&store);
    let anchor = org.anchor().expect("anchor").id;
    let said: Vec<String> = org
        .governance_log(anchor)
        .map(|v| {
            let change = version_change(&org, org.previous_version(v), v);
            format!("{}: {change}", v.name)
        })
        .collect();
    for line in [
        "Wholesale Accounts: created from the role of the same name",
        "Community: collapsed into a role",
        "Community: created from the sub-circle of the same name",
    ] {
        assert!(said.iter().any(|s| s == line), "{line} in {said:#?}");
    }
}

#[test]
fn the_circles_log_shows_a_role_moved_out_of_it_into_a_sub_circle_4_1_2_6_1_and_5_0_5_2_c() {
    use roundtable::ui::details::version_change;
    for rules in [RuleSet::Holacracy41, RuleSet::Holacracy50] {
        let mut store = store(rules);
        let before = org(&store);
        let anchor = before.anchor().expect("anchor").id;
        let bakehouse = before.circle_named("Bakehouse").expect("Bakehouse").id;
        let steward = role(&before, anchor, "Member Steward");
        adopt(
            &mut store,
            vec![Change::MoveRole {
                role: steward,
                to: bakehouse,
            }],
        );
        let org = org(&store);
        let said: Vec<String> = org
            .circle_log(anchor)
            .into_iter()
            .map(|v| {
                format!(
                    "{}: {}",
                    v.name,
                    version_change(&org, org.previous_version(v), v)
                )
            })
            .collect();
        assert!(
            said.iter()
                .any(|s| s == "Member Steward: moved to Bakehouse"),
            "{rules}: {said:#?}"
        );
        assert_eq!(
            org.circle_log(bakehouse).len(),
            1,
            "{rules}: and in Bakehouse's"
        );
    }
}

/// A day after the demo is imported (the import's versions carry the clock's time).
fn day(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 12, 0, 0)
        .single()
        .expect("time")
}

#[test]
fn as_of_a_date_before_an_expansion_shows_the_role_and_before_a_collapse_the_sub_circle() {
    let mut store = store(RuleSet::Holacracy50);
    let before = org(&store);
    let anchor = before.anchor().expect("anchor").id;
    let wholesale = role(&before, anchor, "Wholesale Accounts");
    let community = before.circle_named("Community").expect("Community").clone();
    adopt_at(
        &mut store,
        day(2031, 3, 2),
        vec![Change::ExpandRole { role: wholesale }],
    );
    adopt_at(
        &mut store,
        day(2031, 3, 9),
        vec![Change::CollapseCircle {
            circle: community.id,
        }],
    );
    let org = org(&store);
    let date = |d| chrono::NaiveDate::from_ymd_opt(2031, 3, d).expect("date");

    let then = org.as_of(date(1));
    assert!(
        then.circle_named("Wholesale Accounts").is_none(),
        "not yet a circle"
    );
    let was = then.role(wholesale).expect("the role");
    assert_eq!(
        (was.circle, was.core),
        (anchor, None),
        "a plain role of the anchor"
    );
    assert_eq!(
        then.core_role(anchor, CoreRole::Lead).map(|r| r.id),
        org.core_role(anchor, CoreRole::Lead).map(|r| r.id)
    );
    let back = then.circle_named("Community").expect("still a circle");
    assert_eq!(back.purpose, community.purpose);
    assert!(
        then.roles_in(anchor).all(|r| r.name != "Community"),
        "not yet a role"
    );

    let between = org.as_of(date(5));
    let expanded = between
        .circle_named("Wholesale Accounts")
        .expect("a circle");
    assert_eq!(expanded.parent, Some(anchor));
    assert_eq!(
        between.role(wholesale).map(|r| (r.circle, r.core)),
        Some((expanded.id, Some(CoreRole::Lead)))
    );
    assert!(between.circle_named("Community").is_some());

    let now = org.as_of(date(10));
    assert!(now.circle_named("Community").is_none(), "collapsed");
    assert!(now.roles_in(anchor).any(|r| r.name == "Community"));
}

#[test]
fn five_1_1_a_roles_policy_goes_with_it_into_a_sub_circle_and_is_the_sub_circles_once_expanded() {
    let mut store = store(RuleSet::Holacracy50);
    let before = org(&store);
    let anchor = before.anchor().expect("anchor").id;
    let wholesale = role(&before, anchor, "Wholesale Accounts");
    adopt(
        &mut store,
        vec![Change::CreateRolePolicy {
            role: wholesale,
            name: "Net 30".into(),
            text: "Wholesale invoices are due in 30 days.".into(),
        }],
    );
    let held = org(&store);
    let policy = held.policies_on(wholesale).next().expect("held").clone();
    let handbook = render(&held, &[], OrgFormat::Markdown).expect("md");
    assert!(handbook.contains("Net 30 (on role Wholesale Accounts)"));
    adopt(&mut store, vec![Change::ExpandRole { role: wholesale }]);
    let org = org(&store);
    let circle = org.circle_named("Wholesale Accounts").expect("circle").id;
    let now: Vec<_> = org.policies_of(circle).collect();
    assert_eq!(now.len(), 1, "the policy is inside the role's circle now");
    assert_eq!((now[0].id, now[0].role), (policy.id, None));
}

#[test]
fn four_one_4_2_3_d_progress_covers_a_sub_circles_projects_through_its_lead() {
    use roundtable::domain::meeting::tactical::progress_projects;
    let mut store = store(RuleSet::Holacracy41);
    let before = org(&store);
    let bakehouse = before.circle_named("Bakehouse").expect("Bakehouse").id;
    let lead = before
        .core_role(bakehouse, CoreRole::Lead)
        .expect("Lead")
        .id;
    let meeting = store
        .start_meeting(bakehouse, MeetingKind::Tactical, at(0), &"started")
        .expect("start");
    store
        .append_event(
            meeting,
            1,
            at(1),
            &"project",
            &[Effect::CreateProject {
                role: lead,
                person: None,
                title: "New oven installed".into(),
            }],
        )
        .expect("project");
    let org = org(&store);
    let anchor = org.anchor().expect("anchor").id;
    let oven = org.projects_of(lead).next().expect("the project").id;
    assert!(
        progress_projects(&org, anchor).contains(&oven),
        "the super-circle hears of the sub-circle's project"
    );
    assert!(progress_projects(&org, bakehouse).contains(&oven));
}

#[test]
fn an_adopted_expansion_still_reads_with_the_roles_name() {
    let mut store = store(RuleSet::Holacracy41);
    let before = org(&store);
    let anchor = before.anchor().expect("anchor").id;
    let change = Change::ExpandRole {
        role: role(&before, anchor, "Wholesale Accounts"),
    };
    adopt(&mut store, vec![change.clone()]);
    assert_eq!(
        change.describe(&org(&store)),
        "Expand role Wholesale Accounts into a sub-circle"
    );
}

#[test]
fn four_one_2_6_2_a_collapsed_sub_circle_keeps_its_leads_work_but_not_its_lead_link() {
    let mut store = store(RuleSet::Holacracy41);
    let org41 = expand_wholesale(&mut store);
    let circle = org41.circle_named("Wholesale Accounts").expect("circle").id;
    adopt(&mut store, vec![Change::CollapseCircle { circle }]);
    let org = org(&store);
    let anchor = org.anchor().expect("anchor").id;
    let back = role(&org, anchor, "Wholesale Accounts");
    let projects: Vec<_> = org.projects_of(back).map(|p| p.title.as_str()).collect();
    assert_eq!(projects, ["Three new café customers signed"]);
    assert!(fillers(&org, back).is_empty(), "the Lead Link assigns it");
    assert_eq!(org.role(back).map(|r| r.core), Some(None));
}
