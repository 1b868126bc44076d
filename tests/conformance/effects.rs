//! The conformance checks of what a meeting entry writes: one of every effect, written as
//! SQLite writes it and undone leaving no trace, and a governance change undone leaving no
//! history.

use super::*;

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
    let mut effects = created(circle, baker, jonas);
    effects.push(role_and_policy_changes(circle, baker));
    effects.push(Effect::AssignElected {
        role: baker,
        person: jonas,
        term_end: Some(period),
    });
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
    effects.push(cross_link(org, jonas));
    effects.push(Effect::DeclareBreakdown {
        circle,
        declared_by: "Kwame Mensah".into(),
        reason: "Proposals never resolved".into(),
    });
    // Two members ask for updates on one project; ending the request ends both (4.1
    // §4.2.3(d), 5.0 §2.1(f)): the store and memory each say so, and must agree.
    let amara = person_named(org, "Amara Okafor");
    for by in [jonas, amara] {
        effects.extend(project.map(|project| Effect::RequestUpdates { project, by }));
    }
    effects.extend(project.map(|project| Effect::EndUpdateRequest { project }));
    effects
}

/// A next action, a project and a tension that Jonas records for the Head Baker (`baker`).
fn created(circle: CircleId, baker: RoleId, jonas: PersonId) -> Vec<Effect> {
    vec![
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
    ]
}

/// The Bakehouse's governance: a role created, the Head Baker (`baker`) amended, a policy
/// created.
fn role_and_policy_changes(circle: CircleId, baker: RoleId) -> Effect {
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
    }
}

/// A Cross Link Policy (4.1 §2.7) of the anchor circle: its role, where it comes from and
/// its filler.
fn cross_link(org: &Organisation, jonas: PersonId) -> Effect {
    Effect::ApplyGovernance {
        circle: org.anchor().expect("anchor").id,
        changes: vec![Change::CreateCrossLink {
            from: LinkedEntity::Other {
                name: "Millers' Guild".into(),
            },
            into: org.anchor().expect("anchor").id,
            filler: jonas,
        }],
    }
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

/// Every effect, adoptions and elections among them, applied to the organisation in memory as
/// the program applies it, leaves what a reload from this store reads: one definition of what
/// a change does (the domain's), which the store persists.
pub fn every_effect_applied_in_memory_equals_a_reload(store: &mut dyn Backend) {
    demo(store);
    // Every role's reports held, as a meeting holds its circle's.
    let whole = |store: &dyn Backend| store.load_whole_organisation().expect("load");
    let mut org = whole(store).expect("org");
    let circle = bakehouse(&org);
    for (n, effect) in every_effect(&org).iter().enumerate() {
        let m = store
            .start_meeting(circle, MeetingKind::Tactical, at(n as i64), &"started")
            .expect("start");
        let written = store
            .append_entry(m, 1, at(n as i64), &"entry", std::slice::from_ref(effect))
            .unwrap_or_else(|e| panic!("{effect:?}: {e}"));
        let stamp = Stamp::at(
            Source {
                meeting: m,
                seq: written.seq,
            },
            at(n as i64),
        );
        let effects = [(effect.clone(), written.created[0].clone())];
        assert_eq!(
            org.apply_entry(&stamp, &effects),
            Applied::Done,
            "{effect:?} is applied in memory"
        );
        let fresh = whole(store).expect("org");
        assert_same(
            &held(&org),
            &held(&fresh),
            &format!("{effect:?} applied in memory"),
        );
    }
}

/// Every effect taken back right after it was applied is taken back in memory too (an
/// adoption's and an election's rows put back as they were), leaving what a reload from this
/// store reads.
pub fn every_effect_taken_back_in_memory_equals_a_reload(store: &mut dyn Backend) {
    demo(store);
    let whole = |store: &dyn Backend| store.load_whole_organisation().expect("load");
    let mut org = whole(store).expect("org");
    let circle = bakehouse(&org);
    for (n, effect) in every_effect(&org).iter().enumerate() {
        let when = at(n as i64);
        let m = store
            .start_meeting(circle, MeetingKind::Tactical, when, &"started")
            .expect("start");
        for (after, effect) in [(1, effect.clone()), (2, Effect::Undo { seq: 2 })] {
            let written = store
                .append_entry(m, after, when, &"entry", std::slice::from_ref(&effect))
                .unwrap_or_else(|e| panic!("{effect:?}: {e}"));
            let source = Source {
                meeting: m,
                seq: written.seq,
            };
            let effects = [(effect.clone(), written.created[0].clone())];
            assert_eq!(
                org.apply_entry(&Stamp::at(source, when), &effects),
                Applied::Done,
                "{effect:?} is applied in memory"
            );
        }
        let fresh = whole(store).expect("org");
        assert_same(
            &held(&org),
            &held(&fresh),
            &format!("{effect:?} taken back in memory"),
        );
    }
}

/// What the organisation holds, as text: its records (each standing role's metrics' values and
/// checklist items' answers as the organisation gives them, in period order: a removed role's
/// are not read again), the circles' roles,
/// policies and governance logs and the roles' fillers and histories as the indexes give them.
fn held(org: &Organisation) -> String {
    let mut r = org.records().clone();
    let standing = |role: RoleId| org.role(role).is_some();
    let metrics = r.metrics.iter().filter(|m| standing(m.role));
    let values: Vec<Vec<&MetricValue>> = metrics.map(|m| org.values_of(m.id).collect()).collect();
    let items = r.checklist.iter().filter(|c| standing(c.role));
    let marks: Vec<Vec<&ChecklistMark>> = items.map(|c| org.marks_of(c.id).collect()).collect();
    let circles: Vec<_> = (r.circles.iter())
        .map(|c| {
            let roles: Vec<RoleId> = org.roles_in(c.id).map(|x| x.id).collect();
            let policies: Vec<PolicyId> = org.policies_of(c.id).map(|x| x.id).collect();
            let inside: Vec<CircleId> = org.sub_circles(Some(c.id)).map(|x| x.id).collect();
            let log: Vec<&RecordVersion> = org.circle_log(c.id);
            let history: Vec<&RecordVersion> = org.history_of_circle(c.id).collect();
            (roles, policies, inside, log, history)
        })
        .collect();
    let roles: Vec<_> = (r.roles.iter())
        .map(|x| {
            let fillers: Vec<&Assignment> = org.fillers_of(x.id).collect();
            let ended: Vec<&Assignment> = org.ended_fillers_of(x.id).collect();
            let history: Vec<&RecordVersion> = org.history_of(x.id).collect();
            (fillers, ended, history)
        })
        .collect();
    r.metric_values.clear();
    r.checklist_marks.clear();
    format!("{r:#?}\n{values:#?}\n{marks:#?}\n{circles:#?}\n{roles:#?}")
}
