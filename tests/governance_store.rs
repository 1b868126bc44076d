//! Adopted governance changes and election results in the store: each writes the record and
//! its history in the entry's transaction, and taking the entry back leaves the governance
//! record exactly as it was, history included.

use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use roundtable::app::setup;
use roundtable::domain::meeting::governance::{Change, validate};
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

fn demo() -> Store {
    let mut store = Store::open_in_memory().expect("store");
    setup::load_demo(&mut store).expect("demo");
    store
}

fn org(store: &Store) -> Organisation {
    store.load_organisation().expect("load").expect("org")
}

/// The governance record as text (TOML export) and the number of version rows.
fn record(store: &Store) -> (String, usize) {
    let org = org(store);
    // Every id the demo and the tests can reach, so versions of removed roles count too.
    let versions: usize = (1..=100)
        .map(|i| store.role_history(RoleId(i)).expect("history").len())
        .sum();
    (render(&org, &[], OrgFormat::Toml).expect("toml"), versions)
}

/// Adopts `changes` in a governance meeting of Bakehouse, checks they took effect with
/// `check`, retracts them, and checks the record is as before.
fn adopt_then_retract(store: &mut Store, changes: Vec<Change>, check: impl Fn(&Organisation)) {
    let bakehouse = org(store).circle_named("Bakehouse").expect("circle").id;
    let before = record(store);
    let meeting = store
        .start_meeting(bakehouse, MeetingKind::Governance, at(0), &"started")
        .expect("start");
    let seq = store
        .append_event(
            meeting,
            store.last_seq(meeting).expect("last seq"),
            at(1),
            &"adopted",
            &[Effect::ApplyGovernance {
                circle: bakehouse,
                changes,
            }],
        )
        .expect("adopted");
    check(&org(store));
    store
        .append_event(
            meeting,
            store.last_seq(meeting).expect("last seq"),
            at(2),
            &"retracted",
            &[Effect::Undo { seq }],
        )
        .expect("retracted");
    assert_eq!(record(store), before, "the record is as it was");
}

fn role(org: &Organisation, name: &str) -> RoleId {
    org.records()
        .roles
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("{name}"))
        .id
}

#[test]
fn a_created_role_is_in_the_record_with_a_version_and_gone_after_a_retraction() {
    let mut store = demo();
    let create = Change::CreateRole {
        name: "Oven Scheduler".into(),
        purpose: "Ovens used well".into(),
        domains: vec![],
        accountabilities: vec!["Scheduling the ovens".into()],
    };
    adopt_then_retract(&mut store, vec![create], |org| {
        let id = role(org, "Oven Scheduler");
        assert_eq!(
            org.role(id).map(|r| r.purpose.as_str()),
            Some("Ovens used well")
        );
    });
}

#[test]
fn an_amended_role_keeps_its_history_and_a_retraction_restores_it() {
    let mut store = demo();
    let head_baker = role(&org(&store), "Head Baker");
    let amend = Change::AmendRole {
        role: head_baker,
        name: Some("Master Baker".into()),
        purpose: None,
        domains: None,
        accountabilities: Some(vec!["Baking the bread".into()]),
    };
    adopt_then_retract(&mut store, vec![amend.clone()], |org| {
        let r = org.role(head_baker).expect("still there");
        assert_eq!(
            (r.name.as_str(), r.accountabilities.len()),
            ("Master Baker", 1)
        );
    });
    // Adopted for good: the history shows the baseline and the new version.
    let bakehouse = org(&store).circle_named("Bakehouse").expect("circle").id;
    let meeting = store
        .start_meeting(bakehouse, MeetingKind::Governance, at(10), &"started")
        .expect("start");
    store
        .append_event(
            meeting,
            store.last_seq(meeting).expect("last seq"),
            at(11),
            &"adopted",
            &[Effect::ApplyGovernance {
                circle: bakehouse,
                changes: vec![amend],
            }],
        )
        .expect("ok");
    let history = store.role_history(head_baker).expect("history");
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].name, "Head Baker");
    assert_eq!(history[1].name, "Master Baker");
    assert_eq!(history[1].meeting, Some(meeting));
}

#[test]
fn removed_and_moved_roles_and_policies_come_back_after_a_retraction() {
    let mut store = demo();
    let o = org(&store);
    let pastry = role(&o, "Pastry Lead");
    let buyer = role(&o, "Ingredients Buyer");
    let shopfront = o.circle_named("Shopfront").expect("circle").id;
    let handover = o
        .records()
        .policies
        .iter()
        .find(|p| p.name == "Night shift handover")
        .expect("policy")
        .id;
    let changes = vec![
        Change::RemoveRole { role: pastry },
        Change::MoveRole {
            role: buyer,
            to: shopfront,
        },
        Change::AmendPolicy {
            policy: handover,
            name: None,
            text: Some("Write it down.".into()),
        },
        Change::CreatePolicy {
            name: "Aprons".into(),
            text: "Aprons are washed on Mondays.".into(),
        },
        Change::RemovePolicy { policy: handover },
    ];
    adopt_then_retract(&mut store, changes, |org| {
        assert!(org.role(pastry).is_none(), "removed");
        assert_eq!(org.role(buyer).map(|r| r.circle), Some(shopfront), "moved");
        assert!(org.records().policies.iter().any(|p| p.name == "Aprons"));
        assert!(!org.records().policies.iter().any(|p| p.id == handover));
    });
}

#[test]
fn an_election_replaces_the_filler_and_a_retraction_brings_them_back() {
    let mut store = demo();
    let o = org(&store);
    let bakehouse = o.circle_named("Bakehouse").expect("circle").id;
    let secretary = o
        .core_role(bakehouse, CoreRole::Secretary)
        .expect("core")
        .id;
    let kwame = o
        .people()
        .iter()
        .find(|p| p.name == "Kwame Mensah")
        .expect("Kwame")
        .id;
    let before = record(&store);
    let meeting = store
        .start_meeting(bakehouse, MeetingKind::Governance, at(0), &"started")
        .expect("start");
    let term = chrono::NaiveDate::from_ymd_opt(2027, 11, 30);
    let seq = store
        .append_event(
            meeting,
            store.last_seq(meeting).expect("last seq"),
            at(1),
            &"elected",
            &[Effect::AssignElected {
                role: secretary,
                person: kwame,
                term_end: term,
            }],
        )
        .expect("elected");
    let fillers: Vec<_> = org(&store)
        .fillers_of(secretary)
        .map(|a| (a.person, a.term_end))
        .collect();
    assert_eq!(fillers, [(kwame, term)]);
    store
        .append_event(
            meeting,
            store.last_seq(meeting).expect("last seq"),
            at(2),
            &"retracted",
            &[Effect::Undo { seq }],
        )
        .expect("retracted");
    assert_eq!(record(&store), before);
}

/// The valid changes proptest may combine: one per kind, on the demo's Bakehouse.
fn menu(o: &Organisation) -> Vec<Change> {
    let policy = o
        .records()
        .policies
        .iter()
        .find(|p| p.name == "Night shift handover")
        .expect("policy")
        .id;
    vec![
        Change::CreateRole {
            name: "Proof Keeper".into(),
            purpose: "Dough proofs well".into(),
            domains: vec![],
            accountabilities: vec![],
        },
        Change::AmendRole {
            role: role(o, "Head Baker"),
            name: None,
            purpose: Some("Bread".into()),
            domains: None,
            accountabilities: None,
        },
        Change::RemoveRole {
            role: role(o, "Food Safety Officer"),
        },
        Change::MoveRole {
            role: role(o, "Ingredients Buyer"),
            to: o
                .circle_named("Riverbend Bakery Cooperative")
                .expect("anchor")
                .id,
        },
        Change::AmendPolicy {
            policy,
            name: Some("Handover".into()),
            text: None,
        },
        Change::CreatePolicy {
            name: "Hair nets".into(),
            text: "Always.".into(),
        },
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn adopting_then_retracting_leaves_the_governance_record_as_before(picks in prop::collection::vec(0usize..6, 1..6)) {
        let mut store = demo();
        let o = org(&store);
        let bakehouse = o.circle_named("Bakehouse").expect("circle").id;
        let options = menu(&o);
        let changes: Vec<Change> = picks.iter().map(|&i| options[i].clone()).collect();
        prop_assume!(validate(&o, bakehouse, o.rule_set(), &changes).is_ok());
        adopt_then_retract(&mut store, changes, |_| {});
    }
}
