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
