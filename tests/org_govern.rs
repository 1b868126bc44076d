//! Adopted governance changes and elections applied to the organisation in memory give the
//! organisation a reload from the store gives, among tactical entries too: the app applies
//! them instead of reading everything again (4.1 §3.1, §3.3; 5.0 §5.1, §5.4: what a
//! governance meeting adopts or elects changes the circle's structure at once).

mod retracting;

use chrono::{Duration, TimeZone, Utc};
use proptest::prelude::*;
use roundtable::app::setup;
use roundtable::domain::meeting::governance::{Change, validate};
use roundtable::domain::meeting::{Effect, MeetingKind};
use roundtable::domain::org::{Governed, Versioned, plan_governance, reach_of};
use roundtable::domain::*;
use roundtable::store::Store;
use roundtable::store::prelude::*;

/// A circle's roles, policies, sub-circles, and its log then its history.
type OfCircle = (
    Vec<RoleId>,
    Vec<PolicyId>,
    Vec<CircleId>,
    Vec<RecordVersion>,
);
/// A role's fillers, former fillers, history and policies.
type OfRole = (
    Vec<Assignment>,
    Vec<Assignment>,
    Vec<RecordVersion>,
    Vec<PolicyId>,
);

/// Everything the organisation holds that governance changes, as the indexes give it.
#[derive(Debug, PartialEq)]
struct Structure {
    people: Vec<Person>,
    circles: Vec<Circle>,
    roles: Vec<Role>,
    assignments: Vec<Assignment>,
    ended: Vec<Assignment>,
    policies: Vec<Policy>,
    versions: Vec<RecordVersion>,
    cross_links: Vec<CrossLink>,
    breakdowns: Vec<Breakdown>,
    requests: Vec<UpdateRequest>,
    projects: Vec<Project>,
    actions: Vec<NextAction>,
    /// Per circle: its roles, policies, sub-circles, log and history.
    of_circles: Vec<OfCircle>,
    /// Per role: its fillers, former fillers, history and policies.
    of_roles: Vec<OfRole>,
}

fn structure(org: &Organisation) -> Structure {
    let r = org.records();
    Structure {
        people: r.people.clone(),
        circles: r.circles.clone(),
        roles: r.roles.clone(),
        assignments: r.assignments.clone(),
        ended: r.ended_assignments.clone(),
        policies: r.policies.clone(),
        versions: r.versions.clone(),
        cross_links: r.cross_links.clone(),
        breakdowns: r.breakdowns.clone(),
        requests: r.update_requests.clone(),
        projects: r.projects.clone(),
        actions: r.next_actions.clone(),
        of_circles: (r.circles.iter())
            .map(|c| {
                let mut log: Vec<RecordVersion> =
                    org.circle_log(c.id).into_iter().cloned().collect();
                log.extend(org.history_of_circle(c.id).cloned());
                (
                    org.roles_in(c.id).map(|x| x.id).collect(),
                    org.policies_of(c.id).map(|x| x.id).collect(),
                    org.sub_circles(Some(c.id)).map(|x| x.id).collect(),
                    log,
                )
            })
            .collect(),
        of_roles: (r.roles.iter())
            .map(|x| {
                (
                    org.fillers_of(x.id).cloned().collect(),
                    org.ended_fillers_of(x.id).cloned().collect(),
                    org.history_of(x.id).cloned().collect(),
                    org.policies_on(x.id).map(|p| p.id).collect(),
                )
            })
            .collect(),
    }
}

/// Everything the organisation holds that deciding an adoption's rows could read.
fn whole(org: &Organisation) -> Governed {
    let r = org.records();
    Governed {
        records: OrgRecords {
            rule_set: r.rule_set,
            circles: r.circles.clone(),
            roles: r.roles.clone(),
            policies: r.policies.clone(),
            assignments: r.assignments.clone(),
            ..OrgRecords::default()
        },
        versioned: r.versions.iter().map(Versioned::of).collect(),
    }
}

/// One entry, chosen by numbers that pick among the organisation's records.
#[derive(Debug, Clone)]
enum Pick {
    CreateRole(usize),
    AmendRole(usize, u8),
    RemoveRole(usize),
    MoveRole(usize, usize),
    ExpandRole(usize),
    CreatePolicy(usize),
    AmendPolicy(usize),
    RemovePolicy(usize),
    MovePolicy(usize, usize),
    RolePolicy(usize),
    AmendCircle(usize),
    CollapseCircle(usize),
    RemoveCircle(usize),
    CrossLink(usize, usize, usize),
    RemoveCrossLink(usize),
    Elect(usize, usize, bool),
    Action(usize, usize),
    Project(usize),
    Request(usize, usize),
    EndRequest(usize),
    Breakdown(usize),
}

fn any_pick() -> impl Strategy<Value = Pick> {
    let n = any::<usize>;
    prop_oneof![
        n().prop_map(Pick::CreateRole),
        (n(), 0u8..4).prop_map(|(i, part)| Pick::AmendRole(i, part)),
        n().prop_map(Pick::RemoveRole),
        (n(), n()).prop_map(|(i, c)| Pick::MoveRole(i, c)),
        n().prop_map(Pick::ExpandRole),
        n().prop_map(Pick::CreatePolicy),
        n().prop_map(Pick::AmendPolicy),
        n().prop_map(Pick::RemovePolicy),
        (n(), n()).prop_map(|(i, c)| Pick::MovePolicy(i, c)),
        n().prop_map(Pick::RolePolicy),
        n().prop_map(Pick::AmendCircle),
        n().prop_map(Pick::CollapseCircle),
        n().prop_map(Pick::RemoveCircle),
        (n(), n(), n()).prop_map(|(f, i, p)| Pick::CrossLink(f, i, p)),
        n().prop_map(Pick::RemoveCrossLink),
        (n(), n(), any::<bool>()).prop_map(|(c, p, t)| Pick::Elect(c, p, t)),
        (n(), n()).prop_map(|(r, p)| Pick::Action(r, p)),
        n().prop_map(Pick::Project),
        (n(), n()).prop_map(|(i, p)| Pick::Request(i, p)),
        n().prop_map(Pick::EndRequest),
        n().prop_map(Pick::Breakdown),
    ]
}

fn nth<T>(items: &[T], i: usize) -> Option<&T> {
    (!items.is_empty()).then(|| &items[i % items.len()])
}

/// The circle a change of `pick` is adopted in, and the change.
fn change(org: &Organisation, pick: &Pick, n: usize) -> Option<(CircleId, Change)> {
    let r = org.records();
    let role = |i| nth(&r.roles, i).filter(|x| x.core.is_none());
    let sub = |i| nth(&r.circles, i).filter(|c| c.parent.is_some());
    let policy = |i| nth(&r.policies, i);
    Some(match *pick {
        Pick::CreateRole(c) => (
            nth(&r.circles, c)?.id,
            Change::CreateRole {
                name: format!("  Role {n}  "),
                purpose: format!("Purpose {n}\r\n"),
                domains: vec![format!("Domain {n}")],
                accountabilities: vec![format!("Keeping {n}")],
            },
        ),
        Pick::AmendRole(i, part) => {
            let x = role(i)?;
            let given = |p: u8, s: String| (part == p).then_some(s);
            (
                x.circle,
                Change::AmendRole {
                    role: x.id,
                    name: given(0, format!("Renamed {n}")),
                    purpose: given(1, format!("New purpose {n}")),
                    domains: given(2, String::new()).map(|_| vec![format!("Space {n}")]),
                    accountabilities: given(3, String::new()).map(|_| vec!["Sweeping".into()]),
                },
            )
        }
        Pick::RemoveRole(i) => (role(i)?.circle, Change::RemoveRole { role: role(i)?.id }),
        Pick::MoveRole(i, c) => {
            let x = role(i)?;
            let to = nth(&r.circles, c)?.id;
            (x.circle, Change::MoveRole { role: x.id, to })
        }
        Pick::ExpandRole(i) => (role(i)?.circle, Change::ExpandRole { role: role(i)?.id }),
        Pick::CreatePolicy(c) => (
            nth(&r.circles, c)?.id,
            Change::CreatePolicy {
                name: format!("Policy {n}"),
                text: format!("Rule {n}"),
            },
        ),
        Pick::AmendPolicy(i) => (
            policy(i)?.circle,
            Change::AmendPolicy {
                policy: policy(i)?.id,
                name: None,
                text: Some(format!("Amended {n}")),
            },
        ),
        Pick::RemovePolicy(i) => (
            policy(i)?.circle,
            Change::RemovePolicy {
                policy: policy(i)?.id,
            },
        ),
        Pick::MovePolicy(i, c) => (
            policy(i)?.circle,
            Change::MovePolicy {
                policy: policy(i)?.id,
                to: nth(&r.circles, c)?.id,
            },
        ),
        Pick::RolePolicy(i) => (
            role(i)?.circle,
            Change::CreateRolePolicy {
                role: role(i)?.id,
                name: format!("Held {n}"),
                text: format!("Held rule {n}"),
            },
        ),
        Pick::AmendCircle(c) => (
            sub(c)?.parent?,
            Change::AmendCircle {
                circle: sub(c)?.id,
                name: Some(format!("Circle {n}")),
                purpose: None,
                domains: Some(vec![format!("Area {n}")]),
                accountabilities: None,
            },
        ),
        Pick::CollapseCircle(c) => (
            sub(c)?.parent?,
            Change::CollapseCircle { circle: sub(c)?.id },
        ),
        Pick::RemoveCircle(c) => (sub(c)?.parent?, Change::RemoveCircle { circle: sub(c)?.id }),
        Pick::CrossLink(from, into, p) => {
            let into = nth(&r.circles, into)?.id;
            let from = match nth(&r.circles, from)?.id {
                c if c == into => LinkedEntity::Other {
                    name: format!("Guild {n}"),
                },
                circle => LinkedEntity::Circle { circle },
            };
            let filler = nth(&r.people, p)?.id;
            (into, Change::CreateCrossLink { from, into, filler })
        }
        Pick::RemoveCrossLink(i) => {
            let link = nth(&r.cross_links, i)?;
            let circle = org.role(link.role)?.circle;
            (circle, Change::RemoveCrossLink { role: link.role })
        }
        _ => return None,
    })
}

/// The entry `pick` makes, if the organisation allows it, with its payload.
fn entry(org: &Organisation, pick: &Pick, n: usize) -> Option<(serde_json::Value, Effect)> {
    let r = org.records();
    let proposal = serde_json::json!({"type": "proposal", "item": 1});
    let tactical = serde_json::json!("entry");
    if let Some((circle, c)) = change(org, pick, n) {
        let changes = vec![c];
        validate(org, circle, org.rule_set(), &changes).ok()?;
        return Some((proposal, Effect::ApplyGovernance { circle, changes }));
    }
    let effect = match *pick {
        Pick::Elect(c, p, term) => {
            let circle = nth(&r.circles, c)?.id;
            let role = org.core_role(circle, CoreRole::Facilitator)?.id;
            Effect::AssignElected {
                role,
                person: nth(&r.people, p)?.id,
                term_end: if term {
                    chrono::NaiveDate::from_ymd_opt(2027, 11, 1)
                } else {
                    None
                },
            }
        }
        Pick::Action(i, p) => Effect::CreateNextAction {
            role: nth(&r.roles, i).map(|x| x.id),
            person: nth(&r.people, p)?.id,
            text: "Call the miller".into(),
        },
        Pick::Project(i) => Effect::CreateProject {
            role: nth(&r.roles, i)?.id,
            person: None,
            title: "New oven".into(),
        },
        Pick::Request(i, p) => Effect::RequestUpdates {
            project: nth(&r.projects, i)?.id,
            by: nth(&r.people, p)?.id,
        },
        Pick::EndRequest(i) => Effect::EndUpdateRequest {
            project: nth(&r.projects, i)?.id,
        },
        Pick::Breakdown(c) => Effect::DeclareBreakdown {
            circle: nth(&r.circles, c)?.id,
            declared_by: "Ana".into(),
            reason: "No facilitator".into(),
        },
        _ => return None,
    };
    Some((tactical, effect))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]
    #[test]
    fn adoptions_and_elections_applied_in_memory_leave_the_organisation_a_reload_would_read(
        picks in prop::collection::vec(any_pick(), 1..30)
    ) {
        let mut store = Store::open_in_memory().expect("store");
        setup::load_demo(&mut store).expect("demo");
        store.set_actor(Some("Ana Secretary"));
        let mut org = store.load_whole_organisation().expect("load").expect("org");
        let circle = org.anchor().expect("anchor").id;
        let at = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).single().expect("a time");
        let item = serde_json::json!({"type": "item_added", "label": "Ovens", "owner": 0, "kind": "proposal"});
        let meeting = store
            .start_meeting(circle, MeetingKind::Governance, at, &item)
            .expect("meeting");
        let mut seq = 1;
        for (n, pick) in picks.iter().enumerate() {
            let Some((payload, effect)) = entry(&org, pick, n) else { continue };
            // Some entries share a moment: versions of one moment keep their order.
            let when = at + Duration::minutes(i64::try_from(seq / 2).unwrap_or(0));
            let planned = Stamp::at(Source { meeting, seq: seq + 1 }, when);
            prop_assert_eq!(
                plan_governance(org.governed(&reach_of(&effect)), &effect, &planned),
                plan_governance(whole(&org), &effect, &planned),
                "{:?} reaches all it reads", effect
            );
            let appended = store
                .append_entry(meeting, seq, when, &payload, std::slice::from_ref(&effect))
                .expect("append");
            seq = appended.seq;
            let stamp = Stamp {
                source: Source { meeting, seq },
                at: when,
                recorded_by: Some("Ana Secretary".into()),
                proposal: matches!(effect, Effect::ApplyGovernance { .. }).then(|| "Ovens".into()),
            };
            let effects = [(effect.clone(), appended.created[0].clone())];
            prop_assert_eq!(org.apply_entry(&stamp, &effects), Applied::Done, "{:?}", effect);
            let reloaded = store.load_whole_organisation().expect("load").expect("org");
            prop_assert_eq!(structure(&org), structure(&reloaded), "after {:?}", effect);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]
    /// A secretary's `u` on an adoption, an election, a breakdown or a request for updates:
    /// the store restores what the entry changed and deletes what it made; memory puts back
    /// the rows the entry wrote, without reading the organisation again, for the latest entry
    /// applied since the last read (older ones may ask for a reload).
    #[test]
    fn adoptions_and_elections_taken_back_in_memory_leave_the_organisation_a_reload_would_read(
        steps in prop::collection::vec(retracting::any_step(any_pick()), 1..30)
    ) {
        let mut store = Store::open_in_memory().expect("store");
        setup::load_demo(&mut store).expect("demo");
        let org = store.load_whole_organisation().expect("load").expect("org");
        let circle = org.anchor().expect("anchor").id;
        let at = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).single().expect("a time");
        let meeting = store
            .start_meeting(circle, MeetingKind::Governance, at, &"started")
            .expect("meeting");
        retracting::run(
            (&mut store, org),
            (meeting, at),
            &steps,
            |org, pick, n| entry(org, pick, n).map(|(_, effect)| effect),
            structure,
        )?;
    }
}

/// Taking back an adoption is done in memory: the role it made goes, and the organisation is
/// what the store holds.
#[test]
fn an_adoption_taken_back_is_taken_back_in_memory() {
    let mut store = Store::open_in_memory().expect("store");
    setup::load_demo(&mut store).expect("demo");
    let mut org = store.load_whole_organisation().expect("load").expect("org");
    let circle = org.anchor().expect("anchor").id;
    let at = Utc
        .with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .expect("a time");
    let meeting = store
        .start_meeting(circle, MeetingKind::Governance, at, &"started")
        .expect("meeting");
    let (_, effect) = entry(&org, &Pick::CreateRole(0), 1).expect("a new role");
    let appended = store
        .append_entry(meeting, 1, at, &"adopted", std::slice::from_ref(&effect))
        .expect("append");
    let stamp = Stamp::at(Source { meeting, seq: 2 }, at);
    let effects = [(effect, appended.created[0].clone())];
    assert_eq!(org.apply_entry(&stamp, &effects), Applied::Done);
    assert!(org.records().roles.iter().any(|r| r.name == "Role 1"));
    let undo = Effect::Undo { seq: 2 };
    store
        .append_entry(meeting, 2, at, &"undo", std::slice::from_ref(&undo))
        .expect("undo");
    let stamp = Stamp::at(Source { meeting, seq: 3 }, at);
    assert_eq!(
        org.apply_entry(&stamp, &[(undo, Vec::new())]),
        Applied::Done
    );
    assert!(!org.records().roles.iter().any(|r| r.name == "Role 1"));
    let reloaded = store.load_whole_organisation().expect("load").expect("org");
    assert_eq!(structure(&org), structure(&reloaded));
}
