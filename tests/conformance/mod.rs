//! The store conformance suite: what every backend must do alike. Each check takes the
//! backend under test (a fresh, empty database) and, where it needs them, more connections
//! to the same database; `tests/store_conformance.rs` runs every check on SQLite and on
//! PostgreSQL. Where a result can be compared, it is compared with an in-memory SQLite
//! store given the same calls (the reference), so "alike" means equal, not merely similar.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use roundtable::app::setup;
use roundtable::domain::meeting::governance::Change;
use roundtable::domain::meeting::{Effect, MeetingKind};
use roundtable::domain::*;
use roundtable::store::prelude::*;
use roundtable::store::{LogOwner, Store, StoreError};

mod org_log;
mod reports;
pub use org_log::*;
pub use reports::*;

/// A backend that another thread can use.
pub type Open = dyn Fn() -> Box<dyn Backend + Send>;

/// A moment with microseconds, which every backend keeps exactly.
fn at(minute: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .expect("a time")
        + Duration::minutes(minute)
        + Duration::microseconds(123_457)
}

fn demo(store: &mut dyn Backend) -> Organisation {
    setup::load_demo(&mut *store).expect("demo loads");
    store
        .load_organisation()
        .expect("load")
        .expect("an organisation")
}

fn reference() -> Store {
    let mut store = Store::open_in_memory().expect("reference");
    setup::load_demo(&mut store).expect("reference demo");
    store
}

/// Everything loaded, every role's reports with it, as text: equal text is an equal organisation. The adoption entry's
/// time is the wall clock of the import, so it is left out.
fn records(store: &dyn Backend) -> String {
    let org = store.load_whole_organisation().expect("load").expect("org");
    let mut r = org.records().clone();
    for e in &mut r.log {
        if matches!(
            e.change,
            roundtable::domain::org_log::OrgChange::Adopted { .. }
        ) {
            e.at = DateTime::UNIX_EPOCH;
        }
    }
    format!("{r:#?}")
}

/// `records` with the log left out, as the checks that take entries back compare them.
fn records_without_log(store: &dyn Backend) -> String {
    let org = store.load_whole_organisation().expect("load").expect("org");
    let mut r = org.records().clone();
    r.log.clear();
    format!("{:#?}", Organisation::new(r).records())
}

/// The latest entry of the organisation's log: the adoption, after an import.
fn latest(store: &dyn Backend) -> u64 {
    store
        .org_entries()
        .expect("entries")
        .last()
        .map_or(0, |e| e.seq)
}

/// Fails with the first lines where two loaded organisations differ.
fn assert_same(found: &str, expected: &str, what: &str) {
    if found == expected {
        return;
    }
    let (a, b): (Vec<_>, Vec<_>) = (found.lines().collect(), expected.lines().collect());
    let first = a
        .iter()
        .zip(&b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let from = first.saturating_sub(12);
    panic!(
        "{what}: differs from line {first}\nfound:\n{}\nexpected:\n{}",
        a[from..(first + 6).min(a.len())].join("\n"),
        b[from..(first + 6).min(b.len())].join("\n")
    );
}

fn bakehouse(org: &Organisation) -> CircleId {
    org.circle_named("Bakehouse").expect("Bakehouse").id
}

fn role_named(org: &Organisation, circle: CircleId, name: &str) -> RoleId {
    org.roles_in(circle)
        .find(|r| r.name == name)
        .expect("role")
        .id
}

fn person_named(org: &Organisation, name: &str) -> PersonId {
    org.people()
        .iter()
        .find(|p| p.name == name)
        .expect("person")
        .id
}

pub fn the_organisation_round_trips(store: &mut dyn Backend) {
    assert_eq!(store.organisation_name().expect("name"), None);
    assert!(store.load_organisation().expect("load").is_none());
    demo(store);
    assert_eq!(
        store.organisation_name().expect("name").as_deref(),
        Some("Riverbend Bakery Cooperative")
    );
    assert_eq!(
        records(store),
        records(&reference()),
        "loads as SQLite does"
    );
    let again = setup::load_demo(&mut *store).expect_err("a second import is refused");
    assert!(again.to_string().contains("already holds"), "{again}");
    assert_eq!(records(store), records(&reference()), "and changes nothing");
    assert_eq!(
        store.schema_version().expect("version"),
        reference().schema_version().expect("SQLite's version"),
        "at the version SQLite's migrations reach"
    );
}

pub fn an_empty_organisation_starts_with_its_anchor_circle(store: &mut dyn Backend) {
    store
        .create_organisation("Tiny Co", RuleSet::default())
        .expect("created");
    let mut reference = Store::open_in_memory().expect("reference");
    reference
        .create_organisation("Tiny Co", RuleSet::default())
        .expect("created");
    assert_same(&records(store), &records(&reference), "starts as on SQLite");
}

pub fn meeting_logs_append_in_order_and_refuse_a_stale_entry(store: &mut dyn Backend) {
    let org = demo(store);
    let circle = bakehouse(&org);
    let m = store
        .start_meeting(circle, MeetingKind::Tactical, at(0), &"started")
        .expect("start");
    assert_eq!(store.last_seq(m).expect("seq"), 1);
    let two = store.append_entry(m, 1, at(1), &"two", &[]).expect("two");
    assert_eq!(two.seq, 2);
    let stale = store.append_entry(m, 1, at(2), &"stale", &[]);
    assert!(
        matches!(
            stale,
            Err(StoreError::Conflict {
                expected: 1,
                latest: 2
            })
        ),
        "{stale:?}"
    );
    store
        .append_entry(m, 2, at(3), &"three", &[])
        .expect("three");
    let after: Vec<_> = store.payloads_after(m, 1).expect("after");
    let seen: Vec<_> = after
        .iter()
        .map(|r| (r.seq, r.at, r.event.as_str()))
        .collect();
    assert_eq!(
        seen,
        [(2, at(1), "\"two\""), (3, at(3), "\"three\"")],
        "entries after 1, times to the microsecond"
    );
    assert_eq!(store.last_seq(m).expect("seq"), 3);
    assert!(store.payloads_after(m, 3).expect("none").is_empty());
    let row = store.meeting(m).expect("row").expect("the meeting");
    assert_eq!(
        (row.circle, row.kind, row.started_at),
        (circle, MeetingKind::Tactical, at(0))
    );
    assert_eq!(row.ended_at, None);
}

/// Each entry records who the program that wrote it named (`--as`), or nobody.
pub fn entries_record_who_made_them(store: &mut dyn Backend) {
    let org = demo(store);
    let circle = bakehouse(&org);
    store.set_actor(Some("Kwame Mensah"));
    let m = store
        .start_meeting(circle, MeetingKind::Tactical, at(0), &"started")
        .expect("start");
    store.set_actor(None);
    store.append_entry(m, 1, at(1), &"two", &[]).expect("two");
    store.set_actor(Some("Élif Yılmaz"));
    store
        .append_entry(m, 2, at(2), &"three", &[])
        .expect("three");
    assert_eq!(
        store.actors_after(m, 0).expect("actors"),
        [
            Some("Kwame Mensah".to_string()),
            None,
            Some("Élif Yılmaz".to_string())
        ]
    );
    assert_eq!(
        store.actors_after(m, 2).expect("actors"),
        [Some("Élif Yılmaz".to_string())]
    );
}

pub fn drafts_are_kept_replaced_and_forgotten(store: &mut dyn Backend) {
    let org = demo(store);
    let m = store
        .start_meeting(bakehouse(&org), MeetingKind::Tactical, at(0), &"started")
        .expect("start");
    assert_eq!(store.draft(m).expect("none"), None);
    store.keep_draft(m, Some("{\"a\":1}")).expect("kept");
    store.keep_draft(m, Some("{\"a\":2}")).expect("replaced");
    assert_eq!(store.draft(m).expect("draft").as_deref(), Some("{\"a\":2}"));
    store.keep_draft(m, None).expect("forgotten");
    assert_eq!(store.draft(m).expect("none"), None);
}

pub fn open_meetings_and_reviews_are_found_until_they_end(store: &mut dyn Backend) {
    let org = demo(store);
    let circle = bakehouse(&org);
    let ana = person_named(&org, "Jonas Lindqvist");
    let tactical = store
        .start_meeting(circle, MeetingKind::Tactical, at(0), &"t")
        .expect("tactical");
    let governance = store
        .start_meeting(circle, MeetingKind::Governance, at(1), &"g")
        .expect("governance");
    let review = store
        .start_log(LogOwner::Person(ana), at(2), "\"r\"")
        .expect("review");
    assert_eq!(
        store
            .open_meeting(circle, MeetingKind::Tactical)
            .expect("open"),
        Some(tactical)
    );
    assert_eq!(store.open_review(ana).expect("review"), Some(review));
    let open: Vec<_> = store
        .open_meetings()
        .expect("open")
        .iter()
        .map(|o| o.id)
        .collect();
    assert_eq!(
        open,
        [tactical, governance],
        "oldest first, reviews left out"
    );
    store
        .append_entry(tactical, 1, at(5), &"end", &[Effect::EndMeeting])
        .expect("ended");
    assert_eq!(
        store
            .open_meeting(circle, MeetingKind::Tactical)
            .expect("open"),
        None
    );
    let all: Vec<_> = store
        .meetings()
        .expect("all")
        .iter()
        .map(|m| (m.id, m.ended_at))
        .collect();
    assert_eq!(
        all,
        [(governance, None), (tactical, Some(at(5)))],
        "newest first"
    );
    assert!(
        store.meeting(review).expect("row").is_none(),
        "a review is no meeting row"
    );
}

/// One of every effect, on the demo's Bakehouse.
fn every_effect(org: &Organisation) -> Vec<Effect> {
    let circle = bakehouse(org);
    let baker = role_named(org, circle, "Head Baker");
    let jonas = person_named(org, "Jonas Lindqvist");
    let r = org.records();
    let item = r.checklist.iter().find(|c| c.role == baker).map(|c| c.id);
    let metric = r.metrics.iter().find(|m| m.role == baker).map(|m| m.id);
    let project = r.projects.iter().find(|p| p.role == baker).map(|p| p.id);
    let tension = r
        .tensions
        .iter()
        .find(|t| t.circle == circle && t.open)
        .map(|t| t.id);
    let policy = r.policies.iter().find(|p| p.circle == circle).map(|p| p.id);
    let period = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let mut effects = vec![
        Effect::CreateNextAction {
            role: Some(baker),
            person: jonas,
            text: "Order rye".into(),
        },
        Effect::CreateProject {
            role: baker,
            person: Some(jonas),
            title: "Rye loaf".into(),
        },
        Effect::CreateTension {
            person: jonas,
            role: Some(baker),
            circle,
            text: "Flour runs out".into(),
            kind: TensionKind::Governance,
        },
        Effect::ApplyGovernance {
            circle,
            changes: vec![
                Change::CreateRole {
                    name: "Miller".into(),
                    purpose: "Fresh flour".into(),
                    domains: vec!["The mill".into()],
                    accountabilities: vec!["Milling grain".into()],
                },
                Change::AmendRole {
                    role: baker,
                    name: None,
                    purpose: Some("Bread, every morning".into()),
                    domains: None,
                    accountabilities: Some(vec!["Baking".into()]),
                },
                Change::CreatePolicy {
                    name: "Quiet hours".into(),
                    text: "None before six.".into(),
                },
            ],
        },
        Effect::AssignElected {
            role: baker,
            person: jonas,
            term_end: Some(period),
        },
    ];
    effects.extend(item.map(|item| Effect::AnswerChecklist {
        item,
        period,
        checked: true,
    }));
    effects.extend(metric.map(|metric| Effect::RecordMetric {
        metric,
        period,
        value: 412.5,
        comment: Some("good week".into()),
    }));
    effects.extend(project.map(|project| Effect::UpdateProject {
        project,
        update: Some("Oven fixed".into()),
        status: ProjectStatus::Done,
    }));
    effects.extend(tension.map(|tension| Effect::ProcessTension { tension }));
    let other = r.tensions.iter().find(|t| t.open && Some(t.id) != tension);
    effects.extend(other.map(|t| Effect::DropTension { tension: t.id }));
    let action = r.next_actions.iter().find(|n| !n.done).map(|n| n.id);
    effects.extend(action.map(|action| Effect::CompleteNextAction { action }));
    effects.extend(policy.map(|policy| Effect::ApplyGovernance {
        circle,
        changes: vec![
            Change::AmendPolicy {
                policy,
                name: Some("Renamed".into()),
                text: None,
            },
            Change::RemovePolicy { policy },
        ],
    }));
    let removed = role_named(org, circle, "Head Baker");
    effects.push(Effect::ApplyGovernance {
        circle,
        changes: vec![Change::RemoveRole { role: removed }],
    });
    effects.push(sub_circle_changes(org));
    effects.push(role_policy_changes(org));
    // A Cross Link Policy (4.1 §2.7): its role, where it comes from and its filler.
    effects.push(Effect::ApplyGovernance {
        circle: org.anchor().expect("anchor").id,
        changes: vec![Change::CreateCrossLink {
            from: LinkedEntity::Other {
                name: "Millers' Guild".into(),
            },
            into: org.anchor().expect("anchor").id,
            filler: jonas,
        }],
    });
    effects.push(Effect::DeclareBreakdown {
        circle,
        declared_by: "Kwame Mensah".into(),
        reason: "Proposals never resolved".into(),
    });
    effects.extend(project.map(|project| Effect::RequestUpdates { project, by: jonas }));
    effects
}

/// A policy put on a role (5.0 §1.1), which then goes where its role goes.
fn role_policy_changes(org: &Organisation) -> Effect {
    let anchor = org.anchor().expect("anchor").id;
    let finance = role_named(org, anchor, "Finance Steward");
    Effect::ApplyGovernance {
        circle: anchor,
        changes: vec![
            Change::CreateRolePolicy {
                role: finance,
                name: "Two signatures".into(),
                text: "Payments over 1000 EUR need two signatures.".into(),
            },
            Change::MoveRole {
                role: finance,
                to: bakehouse(org),
            },
        ],
    }
}

/// The anchor circle's changes to its sub-circles: a role expanded into one, one amended then
/// collapsed into a role, one removed after a role moved out of it (4.1 §2.6-2.6.2).
fn sub_circle_changes(org: &Organisation) -> Effect {
    let anchor = org.anchor().expect("anchor").id;
    let named = |name| org.circle_named(name).expect(name).id;
    let (community, shopfront) = (named("Community"), named("Shopfront"));
    Effect::ApplyGovernance {
        circle: anchor,
        changes: vec![
            Change::ExpandRole {
                role: role_named(org, anchor, "Wholesale Accounts"),
            },
            Change::AmendCircle {
                circle: community,
                name: None,
                purpose: Some("Neighbours who know us".into()),
                domains: Some(vec!["The notice board".into()]),
                accountabilities: Some(vec!["Hosting events".into()]),
            },
            Change::CollapseCircle { circle: community },
            Change::MoveRole {
                role: role_named(org, shopfront, "Delivery Rider"),
                to: anchor,
            },
            Change::RemoveCircle { circle: shopfront },
        ],
    }
}

/// Appends `effect` as entry 2 of a new meeting, then ends it; answers the meeting.
fn record(store: &mut dyn Backend, circle: CircleId, n: i64, effect: &Effect) -> MeetingId {
    let m = store
        .start_meeting(circle, MeetingKind::Tactical, at(n), &"started")
        .expect("start");
    let written = store
        .append_entry(m, 1, at(n), &"entry", std::slice::from_ref(effect))
        .unwrap_or_else(|e| panic!("{effect:?}: {e}"));
    assert_eq!(written.seq, 2);
    m
}

pub fn every_effect_is_written_as_sqlite_writes_it(store: &mut dyn Backend) {
    let org = demo(store);
    let mut reference = reference();
    let circle = bakehouse(&org);
    for (n, effect) in every_effect(&org).iter().enumerate() {
        let stores: [&mut dyn Backend; 2] = [&mut *store, &mut reference];
        for s in stores {
            let m = record(s, circle, n as i64, effect);
            s.append_entry(m, 2, at(n as i64), &"end", &[Effect::EndMeeting])
                .expect("end");
        }
        assert_same(
            &records(store),
            &records(&reference),
            &format!("{effect:?} writes as SQLite"),
        );
    }
}

pub fn every_effect_is_undone_exactly(store: &mut dyn Backend) {
    let org = demo(store);
    let circle = bakehouse(&org);
    for (n, effect) in every_effect(&org).iter().enumerate() {
        let before = records(store);
        let m = record(store, circle, n as i64, effect);
        assert_ne!(records(store), before, "{effect:?} changes something");
        store
            .append_entry(m, 2, at(n as i64), &"undo", &[Effect::Undo { seq: 2 }])
            .expect("undone");
        assert_same(
            &records(store),
            &before,
            &format!("{effect:?} undone leaves no trace"),
        );
    }
}

pub fn an_undone_governance_change_leaves_no_history(store: &mut dyn Backend) {
    let org = demo(store);
    let circle = bakehouse(&org);
    let baker = role_named(&org, circle, "Head Baker");
    assert!(store.role_history(baker).expect("history").is_empty());
    let before = records(store);
    let m = store
        .start_meeting(circle, MeetingKind::Governance, at(0), &"started")
        .expect("start");
    let amend = Effect::ApplyGovernance {
        circle,
        changes: vec![Change::AmendRole {
            role: baker,
            name: Some("Master Baker".into()),
            purpose: None,
            domains: None,
            accountabilities: None,
        }],
    };
    store
        .append_entry(m, 1, at(1), &"adopted", &[amend])
        .expect("adopted");
    let history = store.role_history(baker).expect("history");
    let names: Vec<_> = history
        .iter()
        .map(|v| (v.name.as_str(), v.baseline))
        .collect();
    assert_eq!(names, [("Head Baker", true), ("Master Baker", false)]);
    assert_eq!(history[1].recorded_at, at(1));
    assert_eq!(history[1].meeting, Some(m));
    store
        .append_entry(m, 2, at(2), &"undo", &[Effect::Undo { seq: 2 }])
        .expect("undone");
    assert!(store.role_history(baker).expect("history").is_empty());
    assert_eq!(records(store), before, "the role is as it was");
}

pub fn another_programs_write_is_noticed_and_ones_own_is_not(store: &mut dyn Backend, open: &Open) {
    let org = demo(store);
    let mut other = open();
    assert!(
        !store.changed_elsewhere().expect("first"),
        "the first call only starts watching"
    );
    assert!(!other.changed_elsewhere().expect("first"));
    let m = store
        .start_meeting(bakehouse(&org), MeetingKind::Tactical, at(0), &"started")
        .expect("start");
    assert!(
        other.changed_elsewhere().expect("noticed"),
        "the other program notices"
    );
    assert!(!other.changed_elsewhere().expect("once"), "once");
    assert!(
        !store.changed_elsewhere().expect("own"),
        "a program's own write is no news"
    );
    other.keep_draft(m, Some("{}")).expect("draft");
    assert!(
        store.changed_elsewhere().expect("noticed"),
        "and the other way round"
    );
}

pub fn two_programs_appending_at_once_get_one_entry_and_one_conflict(
    store: &mut dyn Backend,
    open: &Open,
) {
    let org = demo(store);
    let m = store
        .start_meeting(bakehouse(&org), MeetingKind::Tactical, at(0), &"started")
        .expect("start");
    for round in 0..10u64 {
        let after = 1 + round;
        let gate = std::sync::Arc::new(std::sync::Barrier::new(2));
        let racers: Vec<_> = (0..2)
            .map(|who| {
                let (gate, mut s) = (gate.clone(), open());
                std::thread::spawn(move || {
                    gate.wait();
                    s.append_entry(m, after, at(1), &format!("{round}-{who}"), &[])
                })
            })
            .collect();
        let results: Vec<_> = racers
            .into_iter()
            .map(|r| r.join().expect("racer"))
            .collect();
        let won = results.iter().filter(|r| r.is_ok()).count();
        let conflicts = results
            .iter()
            .filter(|r| matches!(r, Err(StoreError::Conflict { .. })))
            .count();
        assert_eq!((won, conflicts), (1, 1), "round {round}: {results:?}");
    }
    assert_eq!(store.last_seq(m).expect("seq"), 11, "one entry per round");
}
