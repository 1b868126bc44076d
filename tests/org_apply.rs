//! An entry's effects applied to the organisation in memory give the organisation a reload
//! from the store gives: the app applies them instead of reading everything again.

mod retracting;

use chrono::{NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use roundtable::app::setup;
use roundtable::domain::meeting::{Effect, MeetingKind};
use roundtable::domain::*;
use roundtable::store::Store;
use roundtable::store::prelude::*;

/// What a screen can see of the organisation's operational records, in the order it sees it.
#[derive(Debug, PartialEq)]
struct Seen {
    marks: Vec<Vec<ChecklistMark>>,
    values: Vec<Vec<MetricValue>>,
    projects: Vec<Project>,
    projects_of_roles: Vec<Vec<ProjectId>>,
    actions: Vec<NextAction>,
    actions_of_roles: Vec<Vec<NextActionId>>,
    tensions: Vec<Tension>,
    tensions_of_circles: Vec<Vec<TensionId>>,
    status_changes: Vec<StatusChange>,
}

fn sorted<T: Clone, K: Ord>(items: &[T], key: impl Fn(&T) -> K) -> Vec<T> {
    let mut out = items.to_vec();
    out.sort_by_key(key);
    out
}

fn seen(org: &Organisation) -> Seen {
    let r = org.records();
    Seen {
        marks: r
            .checklist
            .iter()
            .map(|c| org.marks_of(c.id).cloned().collect())
            .collect(),
        values: r
            .metrics
            .iter()
            .map(|m| org.values_of(m.id).cloned().collect())
            .collect(),
        projects: sorted(&r.projects, |p| p.id),
        projects_of_roles: r
            .roles
            .iter()
            .map(|role| org.projects_of(role.id).map(|p| p.id).collect())
            .collect(),
        actions: sorted(&r.next_actions, |a| a.id),
        actions_of_roles: r
            .roles
            .iter()
            .map(|role| org.next_actions_of(role.id).map(|a| a.id).collect())
            .collect(),
        tensions: sorted(&r.tensions, |t| t.id),
        tensions_of_circles: r
            .circles
            .iter()
            .map(|c| org.tensions_in(c.id).map(|t| t.id).collect())
            .collect(),
        // Each project's changes oldest first; a role's held later follow those held before.
        status_changes: sorted(&r.status_changes, |c| (c.project, c.at)),
    }
}

/// One effect, chosen by numbers that pick among the organisation's records.
#[derive(Debug, Clone)]
enum Pick {
    Answer(usize, u32, bool),
    Value(usize, u32, i32),
    Status(usize, u8),
    Action(usize, usize),
    Project(usize),
    Tension(usize, usize),
    Process(usize),
    Drop(usize),
    Done(usize),
}

fn any_pick() -> impl Strategy<Value = Pick> {
    prop_oneof![
        (any::<usize>(), 0u32..4, any::<bool>()).prop_map(|(i, p, c)| Pick::Answer(i, p, c)),
        (any::<usize>(), 0u32..4, any::<i32>()).prop_map(|(i, p, v)| Pick::Value(i, p, v)),
        (any::<usize>(), 0u8..4).prop_map(|(i, s)| Pick::Status(i, s)),
        (any::<usize>(), any::<usize>()).prop_map(|(r, p)| Pick::Action(r, p)),
        any::<usize>().prop_map(Pick::Project),
        (any::<usize>(), any::<usize>()).prop_map(|(c, p)| Pick::Tension(c, p)),
        any::<usize>().prop_map(Pick::Process),
        any::<usize>().prop_map(Pick::Drop),
        any::<usize>().prop_map(Pick::Done),
    ]
}

fn nth<T>(items: &[T], i: usize) -> &T {
    &items[i % items.len()]
}

fn period(week: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 2).expect("a date") + chrono::Duration::weeks(i64::from(week))
}

fn effect(org: &Organisation, pick: &Pick) -> Option<Effect> {
    let r = org.records();
    let status = [
        ProjectStatus::Current,
        ProjectStatus::Waiting,
        ProjectStatus::Done,
        ProjectStatus::Archived,
    ];
    Some(match *pick {
        Pick::Answer(i, p, checked) => Effect::AnswerChecklist {
            item: nth(&r.checklist, i).id,
            period: period(p),
            checked,
        },
        Pick::Value(i, p, v) => Effect::RecordMetric {
            metric: nth(&r.metrics, i).id,
            period: period(p),
            value: f64::from(v),
            comment: (v % 2 == 0).then(|| "a comment".to_string()),
        },
        Pick::Status(i, s) => Effect::UpdateProject {
            project: nth(&r.projects, i).id,
            update: None,
            status: status[usize::from(s)],
        },
        Pick::Action(role, person) => Effect::CreateNextAction {
            role: (role % 3 != 0).then(|| nth(&r.roles, role).id),
            person: nth(&r.people, person).id,
            text: "Call the miller".into(),
        },
        Pick::Project(role) => Effect::CreateProject {
            role: nth(&r.roles, role).id,
            person: None,
            title: "New oven".into(),
        },
        Pick::Tension(circle, person) => Effect::CreateTension {
            person: nth(&r.people, person).id,
            role: None,
            circle: nth(&r.circles, circle).id,
            text: "Too hot in here".into(),
            kind: TensionKind::Governance,
        },
        // Any tension, open or not: the store's write decides what closing a closed one does.
        Pick::Process(i) if !r.tensions.is_empty() => Effect::ProcessTension {
            tension: nth(&r.tensions, i).id,
        },
        Pick::Drop(i) if !r.tensions.is_empty() => Effect::DropTension {
            tension: nth(&r.tensions, i).id,
        },
        Pick::Done(i) if !r.next_actions.is_empty() => Effect::CompleteNextAction {
            action: nth(&r.next_actions, i).id,
        },
        Pick::Process(_) | Pick::Drop(_) | Pick::Done(_) => return None,
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn effects_applied_in_memory_leave_the_organisation_a_reload_would_read(
        picks in prop::collection::vec(any_pick(), 1..40)
    ) {
        let mut store = Store::open_in_memory().expect("store");
        setup::load_demo(&mut store).expect("demo");
        let mut org = store.load_organisation().expect("load").expect("org");
        // Half the roles' reports held before the entries, the rest read after them: either
        // way what memory holds is what the store holds.
        let early: Vec<RoleId> = org.all_roles().into_iter().step_by(2).collect();
        let reported = store.reported(Some(&early)).expect("reports");
        org.hold_reports(&early, reported);
        let circle = org.circle_named("Bakehouse").expect("Bakehouse").id;
        let at = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).single().expect("a time");
        let meeting = store
            .start_meeting(circle, MeetingKind::Tactical, at, &"started")
            .expect("meeting");
        let mut seq = 1;
        for pick in &picks {
            let Some(effect) = effect(&org, pick) else { continue };
            // Each entry a minute after the last: what it creates dates from it.
            let when = at + chrono::Duration::minutes(i64::try_from(seq).unwrap_or(0));
            let appended = store
                .append_entry(meeting, seq, when, &"entry", std::slice::from_ref(&effect))
                .expect("append");
            seq = appended.seq;
            let stamp = Stamp::at(Source { meeting, seq: appended.seq }, when);
            prop_assert_eq!(
                org.apply(&effect, &appended.created[0], &stamp),
                Applied::Done,
                "{:?} is applied in memory", effect
            );
        }
        let late = org.reports_missing(org.all_roles());
        let reported = store.reported(Some(&late)).expect("reports");
        org.hold_reports(&late, reported);
        let reloaded = store.load_whole_organisation().expect("load").expect("org");
        prop_assert_eq!(seen(&org), seen(&reloaded));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    /// A facilitator's `u`: the store deletes what the entry wrote and puts back what it
    /// changed; memory does the same, without reading the organisation again, for the
    /// latest entry applied since the last read (older ones may ask for a reload).
    #[test]
    fn retractions_taken_back_in_memory_leave_the_organisation_a_reload_would_read(
        steps in prop::collection::vec(retracting::any_step(any_pick()), 1..40)
    ) {
        let mut store = Store::open_in_memory().expect("store");
        setup::load_demo(&mut store).expect("demo");
        // Every role's reports held, as a meeting holds its circle's.
        let org = store.load_whole_organisation().expect("load").expect("org");
        let circle = org.circle_named("Bakehouse").expect("Bakehouse").id;
        let at = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).single().expect("a time");
        let meeting = store
            .start_meeting(circle, MeetingKind::Tactical, at, &"started")
            .expect("meeting");
        retracting::run(
            (&mut store, org),
            (meeting, at),
            &steps,
            |org, pick, _| effect(org, pick),
            seen,
        )?;
    }
}

/// Adoptions and elections are applied in memory (tests/org_govern.rs); what memory cannot
/// be sure of asks for a reload: a retraction by itself, an adoption naming a role memory
/// does not hold, an election the store gave no assignment for.
#[test]
fn retractions_and_what_memory_does_not_hold_ask_for_a_reload() {
    let mut org = Organisation::default();
    for effect in [
        Effect::Undo { seq: 3 },
        Effect::ApplyGovernance {
            circle: CircleId(1),
            changes: vec![
                roundtable::domain::meeting::governance::Change::RemoveRole { role: RoleId(1) },
            ],
        },
        Effect::AssignElected {
            role: RoleId(1),
            person: PersonId(1),
            term_end: None,
        },
    ] {
        let source = Source {
            meeting: MeetingId(1),
            seq: 2,
        };
        let stamp = Stamp::at(source, at_nine(24));
        assert_eq!(
            org.apply(&effect, &[], &stamp),
            Applied::Reload,
            "{effect:?}"
        );
    }
}

/// A project and a next action made in a meeting are in the organisation "as of" the
/// meeting's day, and not the day before (as a reload dates them, so does memory).
#[test]
fn what_a_meeting_creates_is_there_as_of_its_day_and_not_before() {
    let mut store = Store::open_in_memory().expect("store");
    setup::load_demo(&mut store).expect("demo");
    let mut org = store.load_whole_organisation().expect("load").expect("org");
    let circle = org.circle_named("Bakehouse").expect("Bakehouse").id;
    let role = org.roles_in(circle).next().expect("a role").id;
    let person = org.people()[0].id;
    let at = Utc
        .with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .expect("a time");
    let meeting = store
        .start_meeting(circle, MeetingKind::Tactical, at, &"started")
        .expect("meeting");
    let effects = rye_outputs(role, person);
    let appended = store
        .append_entry(meeting, 1, at, &"outputs", &effects)
        .expect("append");
    let stamp = Stamp::at(Source { meeting, seq: 2 }, at);
    for (effect, created) in effects.iter().zip(&appended.created) {
        assert_eq!(org.apply(effect, created, &stamp), Applied::Done);
    }
    let reloaded = store.load_whole_organisation().expect("load").expect("org");
    for org in [&org, &reloaded] {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).expect("a day");
        let titles = |o: &Organisation| -> Vec<String> {
            let r = o.records();
            let projects = r.projects.iter().map(|p| p.title.clone());
            projects
                .chain(r.next_actions.iter().map(|a| a.text.clone()))
                .collect()
        };
        let before = titles(&org.as_of(day(23)));
        assert!(
            !before
                .iter()
                .any(|t| t == "Rye starter" || t == "Order rye"),
            "{before:?}"
        );
        let on = titles(&org.as_of(day(24)));
        assert!(on.iter().any(|t| t == "Rye starter") && on.iter().any(|t| t == "Order rye"));
    }
}

/// 9:00 on a day of November 2026.
fn at_nine(d: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, 9, 0, 0)
        .single()
        .expect("a time")
}

/// A tactical meeting of `circle` on day `d` writes `effects` as its outputs, each applied to
/// `org` in memory too; answers the rows they created.
fn outputs_on(
    store: &mut Store,
    org: &mut Organisation,
    (circle, d): (CircleId, u32),
    effects: &[Effect],
) -> Vec<Option<i64>> {
    let meeting = store
        .start_meeting(circle, MeetingKind::Tactical, at_nine(d), &"started")
        .expect("meeting");
    let appended = store
        .append_entry(meeting, 1, at_nine(d), &"outputs", effects)
        .expect("append");
    let stamp = Stamp::at(Source { meeting, seq: 2 }, at_nine(d));
    for (effect, created) in effects.iter().zip(&appended.created) {
        assert_eq!(org.apply(effect, created, &stamp), Applied::Done);
    }
    let first = |ids: &Vec<i64>| ids.first().copied();
    appended.created.iter().map(first).collect()
}

/// A project, a next action and a tension, made for `role` by `person`.
fn rye_and_a_cold_oven(circle: CircleId, role: RoleId, person: PersonId) -> [Effect; 3] {
    [
        Effect::CreateProject {
            role,
            person: Some(person),
            title: "Rye starter".into(),
        },
        Effect::CreateNextAction {
            role: Some(role),
            person,
            text: "Order rye".into(),
        },
        Effect::CreateTension {
            person,
            role: Some(role),
            circle,
            text: "The oven runs cold".into(),
            kind: TensionKind::Tactical,
        },
    ]
}

/// As of day `d`: the project's status, whether the action is done, whether the tension is
/// open (each `None` when it was not made yet).
fn standing_on(
    org: &Organisation,
    d: u32,
    (project, action, tension): (ProjectId, NextActionId, TensionId),
) -> (Option<ProjectStatus>, Option<bool>, Option<bool>) {
    let then = org.as_of(NaiveDate::from_ymd_opt(2026, 11, d).expect("a day"));
    let r = then.records();
    let status = r
        .projects
        .iter()
        .find(|p| p.id == project)
        .map(|p| p.status);
    let done = r
        .next_actions
        .iter()
        .find(|a| a.id == action)
        .map(|a| a.done);
    let open = r.tensions.iter().find(|t| t.id == tension).map(|t| t.open);
    (status, done, open)
}

/// What later entries changed on items that were there is as it was "as of" an earlier day:
/// a project's status moved in a progress update, a next action marked done, a tension taken
/// onto an agenda — in memory as after a reload.
#[test]
fn what_a_later_meeting_changes_is_as_it_was_the_day_before() {
    let mut store = Store::open_in_memory().expect("store");
    setup::load_demo(&mut store).expect("demo");
    let mut org = store.load_whole_organisation().expect("load").expect("org");
    let circle = org.circle_named("Bakehouse").expect("Bakehouse").id;
    let role = org.roles_in(circle).next().expect("a role").id;
    let person = org.people()[0].id;
    let made = rye_and_a_cold_oven(circle, role, person);
    let created = outputs_on(&mut store, &mut org, (circle, 20), &made);
    let [Some(project), Some(action), Some(tension)] = created[..] else {
        panic!("three rows created: {created:?}");
    };
    let (project, action, tension) = (ProjectId(project), NextActionId(action), TensionId(tension));
    let status = |status| Effect::UpdateProject {
        project,
        update: Some("moving".into()),
        status,
    };
    let waiting = [status(ProjectStatus::Waiting)];
    outputs_on(&mut store, &mut org, (circle, 22), &waiting);
    let settled = [
        status(ProjectStatus::Done),
        Effect::CompleteNextAction { action },
        Effect::ProcessTension { tension },
    ];
    outputs_on(&mut store, &mut org, (circle, 24), &settled);
    let reloaded = store.load_whole_organisation().expect("load").expect("org");
    for org in [&org, &reloaded] {
        let on = |d| standing_on(org, d, (project, action, tension));
        assert_eq!(on(19), (None, None, None), "nothing made yet");
        assert_eq!(
            on(21),
            (Some(ProjectStatus::Current), Some(false), Some(true))
        );
        assert_eq!(
            on(23),
            (Some(ProjectStatus::Waiting), Some(false), Some(true))
        );
        assert_eq!(on(24), (Some(ProjectStatus::Done), Some(true), Some(false)));
    }
}

/// A role's projects and next actions are read when a screen first shows the role: read into
/// the organisation "as of" a day, they are as they stood that day (made later: not there;
/// marked done later: still open), as they are when read before the day was chosen.
#[test]
fn a_role_read_after_going_back_in_time_shows_its_records_of_that_day() {
    let mut store = Store::open_in_memory().expect("store");
    setup::load_demo(&mut store).expect("demo");
    let org = store.load_organisation().expect("load").expect("org");
    let circle = org.circle_named("Bakehouse").expect("Bakehouse").id;
    let role = org.roles_in(circle).next().expect("a role").id;
    let person = org.people()[0].id;
    let meeting = store
        .start_meeting(circle, MeetingKind::Tactical, at_nine(24), &"started")
        .expect("meeting");
    let effects = rye_outputs(role, person);
    let made = store
        .append_entry(meeting, 1, at_nine(24), &"outputs", &effects)
        .expect("append");
    let action = NextActionId(made.created[1][0]);
    let done = [Effect::CompleteNextAction { action }];
    store
        .append_entry(meeting, made.seq, at_nine(26), &"done", &done)
        .expect("done");
    let reported = |store: &Store| store.reported(Some(&[role])).expect("reported");
    let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).expect("a day");
    let shown = |o: &Organisation| -> (Vec<String>, Vec<(String, bool)>) {
        let projects = o.projects_of(role).map(|p| p.title.clone()).collect();
        let actions = o
            .next_actions_of(role)
            .map(|a| (a.text.clone(), a.done))
            .collect();
        (projects, actions)
    };
    let mut whole = org.clone();
    whole.hold_reports(&[role], reported(&store));
    for d in [23, 25, 27] {
        let mut then = org.as_of(day(d));
        assert!(!then.holds_reports_of(role), "not read yet on the {d}th");
        then.hold_reports(&[role], reported(&store));
        assert_eq!(shown(&then), shown(&whole.as_of(day(d))), "as of the {d}th");
    }
    let (projects, actions) = shown(&{
        let mut then = org.as_of(day(25));
        then.hold_reports(&[role], reported(&store));
        then
    });
    assert!(projects.contains(&"Rye starter".to_string()));
    assert!(
        actions.contains(&("Order rye".to_string(), false)),
        "done only on the 26th"
    );
    let (projects, _) = shown(&{
        let mut then = org.as_of(day(23));
        then.hold_reports(&[role], reported(&store));
        then
    });
    assert!(
        !projects.contains(&"Rye starter".to_string()),
        "made on the 24th"
    );
}

/// A meeting's two outputs for `role`: the project "Rye starter" and the next action
/// "Order rye", by `person`.
fn rye_outputs(role: RoleId, person: PersonId) -> [Effect; 2] {
    [
        Effect::CreateProject {
            role,
            person: Some(person),
            title: "Rye starter".into(),
        },
        Effect::CreateNextAction {
            role: Some(role),
            person,
            text: "Order rye".into(),
        },
    ]
}
