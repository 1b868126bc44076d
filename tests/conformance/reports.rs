//! The conformance check of what roles reported (metric values, checklist answers) and track
//! (projects, next actions): left out of the organisation as loaded, and read by role as the
//! whole record holds them.

use super::*;

/// Start-up reads no report; a role's, read when a screen needs them, are the whole
/// record's for that role's metrics and checklist items, in the same order.
pub fn reports_are_read_by_role_as_the_whole_record_holds_them(store: &mut dyn Backend) {
    let org = demo(store);
    let whole = store.load_whole_organisation().expect("load").expect("org");
    let metrics = || org.records().metrics.iter();
    assert!(
        metrics().all(|m| org.values_of(m.id).next().is_none()),
        "loaded without reports"
    );
    assert!(metrics().any(|m| whole.values_of(m.id).next().is_some()));
    let bakehouse = bakehouse(&org);
    let roles: Vec<RoleId> = org.roles_in(bakehouse).map(|r| r.id).collect();
    let mut held = org.clone();
    held.hold_reports(&roles, store.reported(Some(&roles)).expect("reports"));
    let sees = |o: &Organisation| -> Vec<(Vec<MetricValue>, Vec<ChecklistMark>)> {
        roles
            .iter()
            .map(|&r| {
                (
                    o.metrics_of(r)
                        .flat_map(|m| o.values_of(m.id))
                        .cloned()
                        .collect(),
                    o.checklist_of(r)
                        .flat_map(|c| o.marks_of(c.id))
                        .cloned()
                        .collect(),
                )
            })
            .collect()
    };
    assert_eq!(sees(&held), sees(&whole));
    // What the roles track comes with what they reported: their projects, the changes of
    // those projects' status, their next actions, done ones too; nothing of other roles.
    let tracks = |o: &Organisation| -> Vec<(Vec<Project>, Vec<NextAction>)> {
        (roles.iter())
            .map(|&r| {
                let projects: Vec<Project> = o.projects_of(r).cloned().collect();
                (projects, o.next_actions_of(r).cloned().collect())
            })
            .collect()
    };
    assert!(
        roles.iter().all(
            |&r| org.projects_of(r).next().is_none() && org.next_actions_of(r).next().is_none()
        ),
        "loaded without the roles' projects and next actions"
    );
    assert_eq!(tracks(&held), tracks(&whole));
    assert!(
        tracks(&held)
            .iter()
            .any(|(p, a)| !p.is_empty() && !a.is_empty())
    );
    let moved = |o: &Organisation| -> Vec<Option<StatusChange>> {
        (roles.iter())
            .flat_map(|&r| o.projects_of(r))
            .map(|p| o.last_status_change(p.id).cloned())
            .collect()
    };
    assert_eq!(moved(&held), moved(&whole));
    let tracked_elsewhere = held
        .records()
        .projects
        .iter()
        .any(|p| !roles.contains(&p.role));
    assert!(!tracked_elsewhere, "only the roles asked for");
    assert!(
        sees(&held)
            .iter()
            .any(|(v, m)| !v.is_empty() || !m.is_empty())
    );
    let other = org.roles_in(bakehouse).next().map(|r| r.id);
    let elsewhere: Vec<RoleId> = org
        .all_roles()
        .into_iter()
        .filter(|r| !roles.contains(r))
        .collect();
    assert!(elsewhere.iter().all(|&r| !held.holds_reports_of(r)) && other.is_some());
    assert_eq!(
        store.reported(Some(&[])).expect("none"),
        Reported::default(),
        "no role, no report"
    );
}

/// Everyone's own work ("My work") is read as the reports are: the organisation is loaded
/// with the entries of no role (own actions) and of tensions (as the tensions themselves),
/// and a role's entries, taken back ones marked, when a screen shows the role.
pub fn own_work_is_read_by_role_as_the_whole_record_holds_it(store: &mut dyn Backend) {
    use roundtable::domain::meeting::flow::{Flow, Recorded};
    use roundtable::domain::work::{Work, WorkEntry, WorkEvent};
    let org = demo(store);
    let filled = org.records().assignments[0].clone();
    let (person, role) = (filled.person, filled.role);
    let circle = org.role(role).expect("the role").circle;
    let first = WorkEvent::Started { person };
    let log_id = store.start_work(person, at(0), &first).expect("a work log");
    let mut log = vec![Recorded {
        seq: 1,
        at: at(0),
        event: first,
    }];
    let mut record = |store: &mut dyn Backend, event: WorkEvent| {
        let whole = store.load_whole_organisation().expect("load").expect("org");
        let work = Work::fold(&log).expect("folds");
        let effects = work.decide(&event, &whole).expect("the rules allow it");
        let after = log.len() as u64;
        let when = at(after as i64);
        store
            .append_entry(log_id, after, when, &event, &effects)
            .expect("written");
        log.push(Recorded {
            seq: after + 1,
            at: when,
            event,
        });
    };
    let action = |role, text: &str| WorkEvent::Recorded {
        entry: WorkEntry::NextAction {
            role,
            text: text.into(),
        },
    };
    record(store, action(Some(role), "Call the miller"));
    let called = store.load_whole_organisation().expect("load").expect("org");
    let called = (called.next_actions_of(role))
        .find(|a| a.text == "Call the miller")
        .expect("the action")
        .id;
    record(
        store,
        WorkEvent::Recorded {
            entry: WorkEntry::NextActionDone { action: called },
        },
    );
    record(store, action(None, "Read the constitution"));
    record(
        store,
        WorkEvent::Recorded {
            entry: WorkEntry::Tension {
                circle,
                role: Some(role),
                text: "The flour runs out on Fridays".into(),
                kind: TensionKind::Tactical,
            },
        },
    );
    record(store, action(Some(role), "Reorder the shelves"));
    record(store, WorkEvent::Retracted { seq: 6 });

    let whole = store.load_whole_organisation().expect("load").expect("org");
    let said = |o: &Organisation, notes: Vec<&roundtable::domain::work::WorkNote>| -> Vec<String> {
        notes.into_iter().map(|n| n.describe(o)).collect()
    };
    let name = org.person_name(person).to_string();
    let loaded = store.load_organisation().expect("load").expect("org");
    assert_eq!(
        said(&loaded, loaded.records().work.iter().collect()),
        [
            format!("{name} added the next action \"Read the constitution\" (My work)"),
            format!("{name} noted the tension \"The flour runs out on Fridays\" (My work)"),
        ],
        "loaded with own actions' and tensions' entries only"
    );
    let mut held = loaded.clone();
    held.hold_reports(&[role], store.reported(Some(&[role])).expect("reports"));
    let of_role = |o: &Organisation| said(o, o.work_of(role).collect());
    assert_eq!(of_role(&held), of_role(&whole));
    let taken_back = format!("{}", at(6).format("%Y-%m-%d"));
    assert_eq!(
        of_role(&held),
        [
            format!("{name} added the next action \"Call the miller\" (My work)"),
            format!("{name} marked done: \"Call the miller\" (My work)"),
            format!("{name} noted the tension \"The flour runs out on Fridays\" (My work)"),
            format!(
                "{name} added the next action \"Reorder the shelves\" (My work) (taken back {taken_back})"
            ),
        ]
    );
    assert_eq!(held.records().work.len(), 5, "each entry held once");
    let other = (org.all_roles().into_iter())
        .find(|&r| r != role)
        .expect("another role");
    assert!(
        (store.reported(Some(&[other])).expect("reports").work).is_empty(),
        "another role's reports bring none of these"
    );
}
