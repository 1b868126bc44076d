//! The conformance checks of the organisation's own log: people and assignments, circle
//! records, process breakdowns between meetings, requests for updates, and the organisation
//! in memory after each kind of entry, against a reload.

use super::*;

/// A process breakdown declared between meetings (4.1 §3.5.2; 5.0 §5.5) is the circle's state
/// with who declared it, and taking its entry back removes it.
pub fn a_breakdown_declared_between_meetings_is_kept_and_taken_back(store: &mut dyn Backend) {
    use roundtable::domain::org_log::{OrgRequest, decide};
    let org = demo(store);
    let before = records_without_log(store);
    let circle = bakehouse(&org);
    let kwame = person_named(&org, "Kwame Mensah");
    let request = OrgRequest::DeclareBreakdown {
        circle,
        reason: "Outputs never published".into(),
    };
    let decision = decide(&request, Some(kwame), &org).expect("its own Facilitator (5.0 §5.5)");
    let seq = store
        .append_org_entry(
            latest(store),
            at(1),
            Some(kwame),
            &decision.change,
            &decision.effects,
        )
        .expect("appended")
        .seq;
    let org = store.load_whole_organisation().expect("load").expect("org");
    let breakdown = org.breakdown(circle).expect("declared");
    assert_eq!(
        (
            breakdown.declared_by.as_str(),
            breakdown.declared_at,
            breakdown.meeting
        ),
        ("Kwame Mensah", at(1), None)
    );
    let undo = decide(&OrgRequest::Undo, None, &org).expect("undo");
    assert_eq!(
        undo.effects,
        [roundtable::domain::org_log::OrgEffect::TakeBack { seq }]
    );
    store
        .append_org_entry(seq, at(2), None, &undo.change, &undo.effects)
        .expect("taken back");
    assert_same(
        &records_without_log(store),
        &before,
        "the declaration taken back",
    );
}

/// A request for updates on a project (4.1 §4.2.3(d); 5.0 §2.1(f)) is kept with who asked,
/// ended by an entry of another meeting, and each entry taken back restores what stood.
pub fn requests_for_updates_are_kept_ended_and_taken_back(store: &mut dyn Backend) {
    demo(store);
    let org = store.load_whole_organisation().expect("load").expect("org");
    let circle = bakehouse(&org);
    let baker = role_named(&org, circle, "Head Baker");
    let jonas = person_named(&org, "Jonas Lindqvist");
    let r = org.records();
    let project = r
        .projects
        .iter()
        .find(|p| p.role == baker)
        .expect("a project")
        .id;
    let asked = record(
        store,
        circle,
        1,
        &Effect::RequestUpdates { project, by: jonas },
    );
    let loaded = |store: &dyn Backend| store.load_whole_organisation().expect("load").expect("org");
    let request = loaded(store)
        .update_request(project)
        .cloned()
        .expect("kept");
    assert_eq!((request.by, request.requested_at), (jonas, at(1)));
    let before_end = records(store);
    let ended = record(store, circle, 2, &Effect::EndUpdateRequest { project });
    assert!(loaded(store).update_request(project).is_none(), "ended");
    store
        .append_entry(ended, 2, at(3), &"undo", &[Effect::Undo { seq: 2 }])
        .expect("undone");
    assert_same(&records(store), &before_end, "the end taken back");
    store
        .append_entry(asked, 2, at(4), &"undo", &[Effect::Undo { seq: 2 }])
        .expect("undone");
    assert!(
        loaded(store).update_requests().is_empty(),
        "the request taken back"
    );
}

/// The organisation's own log: a person added, a role assigned and ended, then taken back,
/// each entry appended after the one it was decided on; a stale entry is a conflict.
pub fn the_organisation_log_records_people_and_assignments_and_takes_them_back(
    store: &mut dyn Backend,
) {
    use roundtable::domain::org_log::{OrgEffect, OrgRequest, decide};
    setup::load_demo(&mut *store).expect("demo");
    let before = records_without_log(store);
    let base = latest(store);
    let org = store.load_whole_organisation().expect("load").expect("org");
    let add = OrgRequest::AddPerson {
        name: "Noor Haddad".into(),
        email: Some("noor@example.org".into()),
    };
    let decision = decide(&add, None, &org).expect("a new person may join");
    let seq = store
        .append_org_entry(base, at(1), None, &decision.change, &decision.effects)
        .expect("appended");
    assert_eq!(seq.seq, base + 1);
    let stale = store.append_org_entry(base, at(2), None, &decision.change, &decision.effects);
    assert!(
        matches!(
            stale,
            Err(StoreError::Conflict { expected, latest })
                if expected == base && latest == base + 1
        ),
        "an entry decided on an older log is a conflict: {stale:?}"
    );
    let org = store.load_whole_organisation().expect("load").expect("org");
    let noor = org
        .people()
        .iter()
        .find(|p| p.name == "Noor Haddad")
        .expect("Noor joined")
        .id;
    let entries = store.org_entries().expect("entries");
    let last = entries.last().expect("an entry");
    assert_eq!((last.seq, last.at), (base + 1, at(1)), "times round-trip");
    let circle = bakehouse(&org);
    let role = role_named(&org, circle, "Head Baker");
    let assign = [OrgEffect::Assign {
        role,
        person: noor,
        focus: Some("Rye".into()),
    }];
    store
        .append_org_entry(base + 1, at(3), None, &decision.change, &assign)
        .expect("assigned");
    let org = store.load_whole_organisation().expect("load").expect("org");
    let filler = org
        .fillers_of(role)
        .find(|a| a.person == noor)
        .expect("Noor fills Head Baker");
    assert_eq!(filler.since, Some(at(3)), "the assignment is dated");
    let undo = [
        OrgEffect::TakeBack { seq: base + 2 },
        OrgEffect::TakeBack { seq: base + 1 },
    ];
    store
        .append_org_entry(base + 2, at(4), None, &decision.change, &undo)
        .expect("taken back");
    let mut after = store.load_whole_organisation().expect("load").expect("org");
    assert!(after.people().iter().all(|p| p.name != "Noor Haddad"));
    // The log itself keeps its three entries; everything else is as before.
    assert_eq!(store.org_entries().expect("entries").len() as u64, base + 3);
    let mut records_after = after.records().clone();
    records_after.log.clear();
    after = Organisation::new(records_after);
    assert_same(
        &format!("{:#?}", after.records()),
        &before,
        "taken back exactly",
    );
}

/// A role's checklist items and metrics added and ended between meetings: an ended one is
/// asked no more but still named; taking the entries back leaves the organisation as before.
pub fn checklist_items_and_metrics_are_added_ended_and_taken_back(store: &mut dyn Backend) {
    use roundtable::domain::Frequency;
    use roundtable::domain::org_log::{OrgEffect, OrgRequest, decide};
    setup::load_demo(&mut *store).expect("demo");
    let before = records_without_log(store);
    let base = latest(store);
    let org = store.load_whole_organisation().expect("load").expect("org");
    let role = role_named(&org, bakehouse(&org), "Head Baker");
    let jonas = person_named(&org, "Jonas Lindqvist");
    let asked = |store: &dyn Backend| {
        let org = store.load_whole_organisation().expect("load").expect("org");
        (
            org.checklist_of(role)
                .map(|c| c.text.clone())
                .collect::<Vec<_>>(),
            org.metrics_of(role)
                .map(|m| m.name.clone())
                .collect::<Vec<_>>(),
        )
    };
    let (checklist, metrics) = asked(store);
    let adds = [
        OrgEffect::AddChecklistItem {
            role,
            text: "Ovens cleaned".into(),
            frequency: Frequency::Monthly,
        },
        OrgEffect::AddMetric {
            role,
            name: "Burnt loaves".into(),
            unit: Some("loaves".into()),
            frequency: Frequency::Weekly,
        },
    ];
    let change = decide(&OrgRequest::Undo, None, &org).err();
    assert!(change.is_some(), "nothing to take back yet");
    let entry = roundtable::domain::org_log::OrgChange::Undone { seq: 0 };
    store
        .append_org_entry(base, at(1), Some(jonas), &entry, &adds)
        .expect("added");
    let (c, m) = asked(store);
    assert_eq!(c.last().map(String::as_str), Some("Ovens cleaned"));
    assert_eq!(m.last().map(String::as_str), Some("Burnt loaves"));
    let org = store.load_whole_organisation().expect("load").expect("org");
    let item = org.checklist_of(role).last().expect("item").id;
    let metric = org.metrics_of(role).last().expect("metric").id;
    let ends = [
        OrgEffect::EndChecklistItem { item },
        OrgEffect::EndMetric { metric },
    ];
    store
        .append_org_entry(base + 1, at(2), Some(jonas), &entry, &ends)
        .expect("ended");
    assert_eq!(
        asked(store),
        (checklist.clone(), metrics.clone()),
        "asked no more"
    );
    let org = store.load_whole_organisation().expect("load").expect("org");
    assert_eq!(
        org.checklist_item(item).and_then(|c| c.ended),
        Some(at(2)),
        "kept, with when it ended"
    );
    let undo = [
        OrgEffect::TakeBack { seq: base + 2 },
        OrgEffect::TakeBack { seq: base + 1 },
    ];
    store
        .append_org_entry(base + 2, at(3), None, &entry, &undo)
        .expect("taken back");
    let after = store.load_whole_organisation().expect("load").expect("org");
    let mut r = after.records().clone();
    r.log.clear();
    assert_same(
        &format!("{:#?}", Organisation::new(r).records()),
        &before,
        "taken back exactly",
    );
}

/// Each kind of entry of the organisation's log, recorded as the program records it and then
/// applied to the organisation in memory (`Organisation::apply_org`), leaves the organisation
/// a reload from the store reads: the program need not read it all again after each.
pub fn org_entries_applied_in_memory_equal_a_reload(store: &mut dyn Backend) {
    use roundtable::domain::org_log::{OrgRequest, assignment_authority};
    let org = demo(store);
    let role = role_named(&org, bakehouse(&org), "Head Baker");
    let lead = {
        let r = org.role(role).expect("Head Baker").clone();
        *assignment_authority(&org, &r)
            .expect("Head Baker is assigned by a Lead")
            .people
            .first()
            .expect("the Lead is filled")
    };
    let mut check = InMemory {
        store,
        org,
        minute: 0,
    };
    let person = a_person_added_and_renamed_twice(&mut check);
    let assignment = assigned_and_refocused(&mut check, role, person, lead);
    role_records_added_and_ended(&mut check, role, person);
    check.record(OrgRequest::EndAssignment { assignment }, Some(lead));
    let again = OrgRequest::Assign {
        role,
        person,
        focus: None,
    };
    check.record(again, Some(lead));
    check.record(OrgRequest::PersonLeaves { person }, None);
    // Taking back reads the organisation again; what follows still applies in memory.
    check.record(OrgRequest::Undo, None);
    let added = OrgRequest::AddPerson {
        name: "Ana Sousa".into(),
        email: None,
    };
    check.record(added, None);
    a_breakdown_declared_and_restored(&mut check);
}

/// The organisation in memory beside the store it was loaded from, as the program keeps it.
struct InMemory<'s> {
    store: &'s mut dyn Backend,
    org: Organisation,
    /// When the last request was made, in minutes.
    minute: i64,
}

impl InMemory<'_> {
    /// Records `request` by `actor` a minute after the last as the program records it, then
    /// applies it in memory: the organisation must equal a reload (or is reloaded, when the
    /// entry asks for that).
    fn record(
        &mut self,
        request: roundtable::domain::org_log::OrgRequest,
        actor: Option<PersonId>,
    ) {
        use roundtable::app::org_entries;
        self.minute += 1;
        let when = at(self.minute);
        let written = org_entries::record(&mut *self.store, &self.org, &request, actor, when)
            .unwrap_or_else(|why| panic!("{request:?} refused: {why}"));
        let (entry, effects) = written.entry.expect("written now");
        let applied = self.org.apply_org(entry, &effects);
        let fresh = self.store.load_organisation().expect("load").expect("org");
        if applied == Applied::Reload {
            self.org = fresh;
            return;
        }
        assert_same(
            &format!("{:#?}", self.org.records()),
            &format!("{:#?}", fresh.records()),
            &format!("{request:?} applied in memory"),
        );
    }
}

/// Noor Haddad is added, renamed, and renamed back: the person.
fn a_person_added_and_renamed_twice(check: &mut InMemory) -> PersonId {
    use roundtable::domain::org_log::OrgRequest;
    let added = OrgRequest::AddPerson {
        name: "Noor Haddad".into(),
        email: Some("noor@example.org".into()),
    };
    check.record(added, None);
    let person = check.org.person_named("noor haddad").expect("Noor").id;
    for name in ["Aaliyah Noor", "Noor Haddad"] {
        let renamed = OrgRequest::RenamePerson {
            person,
            name: name.into(),
        };
        check.record(renamed, None);
    }
    person
}

/// The Lead assigns `person` to `role` with a focus, then changes the focus: the assignment.
fn assigned_and_refocused(
    check: &mut InMemory,
    role: RoleId,
    person: PersonId,
    lead: PersonId,
) -> AssignmentId {
    use roundtable::domain::org_log::OrgRequest;
    let assigned = OrgRequest::Assign {
        role,
        person,
        focus: Some("Rye".into()),
    };
    check.record(assigned, Some(lead));
    let assignment = (check.org.fillers_of(role))
        .find(|a| a.person == person)
        .expect("assigned")
        .id;
    let refocused = OrgRequest::ChangeFocus {
        assignment,
        focus: Some("Spelt".into()),
    };
    check.record(refocused, Some(lead));
    assignment
}

/// `person` adds a checklist item and a metric to `role`, then ends both.
fn role_records_added_and_ended(check: &mut InMemory, role: RoleId, person: PersonId) {
    use roundtable::domain::Frequency;
    use roundtable::domain::org_log::OrgRequest;
    let item = OrgRequest::AddChecklistItem {
        role,
        text: "Ovens cleaned".into(),
        frequency: Frequency::Monthly,
    };
    check.record(item, Some(person));
    let metric = OrgRequest::AddMetric {
        role,
        name: "Burnt loaves".into(),
        unit: Some("loaves".into()),
        frequency: Frequency::Weekly,
    };
    check.record(metric, Some(person));
    let item = check.org.checklist_of(role).last().expect("item").id;
    let metric = check.org.metrics_of(role).last().expect("metric").id;
    check.record(OrgRequest::EndChecklistItem { item }, Some(person));
    check.record(OrgRequest::EndMetric { metric }, Some(person));
}

/// A breakdown declared by Bakehouse's Facilitator (5.0 §5.5) and ended by the anchor's
/// (§5.5.2).
fn a_breakdown_declared_and_restored(check: &mut InMemory) {
    use roundtable::domain::org_log::OrgRequest;
    let org = &check.org;
    let circle = bakehouse(org);
    let facilitator_of = |org: &Organisation, c| {
        let role = org
            .core_role(c, roundtable::domain::CoreRole::Facilitator)
            .expect("a Facilitator")
            .id;
        org.fillers_of(role).next().expect("filled").person
    };
    let declares = facilitator_of(org, circle);
    let anchor = org.anchor().expect("anchor").id;
    let restores = facilitator_of(org, anchor);
    let reason = "Nobody follows the agenda".to_string();
    let declared = OrgRequest::DeclareBreakdown { circle, reason };
    check.record(declared, Some(declares));
    check.record(OrgRequest::RestoreProcess { circle }, Some(restores));
}
