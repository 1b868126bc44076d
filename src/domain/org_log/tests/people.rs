//! People joining, renamed and leaving; taking entries back; the fillers of a past day.

use super::*;

#[test]
fn people_names_are_unique_ignoring_case_cleaned_and_never_empty() {
    let org = org(RuleSet::Holacracy50);
    let add = |name: &str| OrgRequest::AddPerson {
        name: name.into(),
        email: Some(" ".into()),
    };
    assert_eq!(
        refusal(add("  bEn "), None, &org),
        Refusal::NameTaken("Ben".into())
    );
    assert_eq!(
        refusal(add("dee"), None, &org),
        Refusal::NameTaken("Dee".into()),
        "former members keep their names"
    );
    assert_eq!(
        refusal(add("\u{200b}\u{1b}"), None, &org),
        Refusal::EmptyName
    );
    let decision = decide(&add("Eve\u{202e}"), None, &org).unwrap();
    assert_eq!(
        decision.effects,
        vec![OrgEffect::AddPerson {
            name: "Eve".into(),
            email: None
        }]
    );
    let rename = |person, name: &str| OrgRequest::RenamePerson {
        person,
        name: name.into(),
    };
    assert_eq!(
        refusal(rename(BEN, "ANA"), None, &org),
        Refusal::NameTaken("Ana".into())
    );
    assert_eq!(
        refusal(rename(BEN, "Ben"), None, &org),
        Refusal::SameName("Ben".into())
    );
    assert!(
        decide(&rename(BEN, "BEN"), None, &org).is_ok(),
        "a change of case is a rename"
    );
}

#[test]
fn a_person_who_leaves_ends_every_assignment_elected_ones_too_and_cannot_leave_twice() {
    let org = org_with(
        RuleSet::Holacracy50,
        vec![
            filler(1, ANCHOR_LEAD, ANA),
            filler(2, BAKER, BEN),
            filler(3, ANCHOR_FACILITATOR, BEN),
        ],
    );
    let leave = OrgRequest::PersonLeaves { person: BEN };
    let decision = decide(&leave, None, &org).unwrap();
    assert_eq!(decision.effects.len(), 3);
    let after = recorded(&org, decision, None);
    assert_eq!(after.assignments_of(BEN).count(), 0);
    assert!(!after.person(BEN).unwrap().is_current());
    assert_eq!(after.current_people().count(), 2);
    assert_eq!(
        refusal(leave, None, &after),
        Refusal::AlreadyLeft("Ben".into())
    );
    let history: Vec<String> = after.log_of(BAKER).map(|e| e.describe(&after)).collect();
    assert_eq!(history, vec!["Ben left the organisation (2 roles ended)"]);
}

#[test]
fn undo_takes_back_the_latest_entry_standing_then_the_one_before() {
    let org = org(RuleSet::Holacracy50);
    let org = recorded(
        &org,
        decide(&assign(BAKER, BEN), Some(ANA), &org).unwrap(),
        Some(ANA),
    );
    let rename = OrgRequest::RenamePerson {
        person: CAI,
        name: "Kai".into(),
    };
    let org = recorded(&org, decide(&rename, None, &org).unwrap(), None);
    let first = decide(&OrgRequest::Undo, None, &org).unwrap();
    assert_eq!(first.change, OrgChange::Undone { seq: 2 });
    assert_eq!(
        first.effects,
        vec![OrgEffect::RenamePerson {
            person: CAI,
            name: "Cai".into()
        }]
    );
    let mut records = org.records().clone();
    records.log.push(OrgEntry {
        seq: 3,
        at: org.log()[1].at,
        actor: None,
        change: first.change,
    });
    let org = Organisation::new(records);
    let second = decide(&OrgRequest::Undo, None, &org).unwrap();
    assert_eq!(second.change, OrgChange::Undone { seq: 1 });
    assert_eq!(second.effects, vec![OrgEffect::TakeBack { seq: 1 }]);
    assert!(is_undone(org.log(), 2) && !is_undone(org.log(), 1));
}

#[test]
fn undo_refuses_when_there_is_nothing_or_the_old_name_is_taken_or_the_person_acted_since() {
    let org = org(RuleSet::Holacracy50);
    assert_eq!(
        refusal(OrgRequest::Undo, None, &org),
        Refusal::NothingToUndo
    );
    let rename = OrgRequest::RenamePerson {
        person: CAI,
        name: "Kai".into(),
    };
    let renamed = recorded(&org, decide(&rename, None, &org).unwrap(), None);
    let mut records = renamed.records().clone();
    records.people.push(Person {
        id: PersonId(9),
        name: "cai".into(),
        email: None,
        left: None,
    });
    let taken = Organisation::new(records);
    assert_eq!(
        refusal(OrgRequest::Undo, None, &taken),
        Refusal::NameTaken("cai".into())
    );
    let add = OrgRequest::AddPerson {
        name: "Eve".into(),
        email: None,
    };
    let added = recorded(&org, decide(&add, None, &org).unwrap(), None);
    let eve = added.person_named("eve").unwrap().id;
    let filled = recorded(
        &added,
        decide(&assign(BAKER, eve), Some(ANA), &added).unwrap(),
        Some(ANA),
    );
    let end = OrgRequest::EndAssignment {
        assignment: filled.fillers_of(BAKER).next().unwrap().id,
    };
    let ended = recorded(
        &filled,
        decide(&end, Some(ANA), &filled).unwrap(),
        Some(ANA),
    );
    let mut records = ended.records().clone();
    records.log.retain(|e| e.seq == 1);
    let only_add = Organisation::new(records);
    assert_eq!(
        refusal(OrgRequest::Undo, None, &only_add),
        Refusal::StillReferenced("Eve".into())
    );
}

#[test]
fn as_of_a_date_shows_the_fillers_of_that_day() {
    let org = org(RuleSet::Holacracy50);
    let org = recorded(
        &org,
        decide(&assign(BAKER, BEN), Some(ANA), &org).unwrap(),
        Some(ANA),
    );
    let id = org.fillers_of(BAKER).next().unwrap().id;
    let end = OrgRequest::EndAssignment { assignment: id };
    let org = recorded(&org, decide(&end, Some(ANA), &org).unwrap(), Some(ANA));
    // Assigned on 2 March, ended on 3 March (see `recorded`).
    let on = |d| org.as_of(chrono::NaiveDate::from_ymd_opt(2026, 3, d).unwrap());
    assert_eq!(on(1).fillers_of(BAKER).count(), 0);
    assert_eq!(
        on(2)
            .fillers_of(BAKER)
            .map(|a| a.person)
            .collect::<Vec<_>>(),
        vec![BEN]
    );
    assert_eq!(
        on(2).log_of(BAKER).count(),
        1,
        "the end on 3 March is not in the log yet"
    );
    assert_eq!(on(3).fillers_of(BAKER).count(), 0);
    assert_eq!(
        on(3).fillers_of(ANCHOR_LEAD).count(),
        1,
        "imported fillers have always been"
    );
    assert!(!on(1).person(DEE).unwrap().is_current(), "Dee left before");
}

#[test]
fn as_of_a_date_shows_the_focus_of_that_day_and_a_change_taken_back_later_as_standing() {
    let org = org(RuleSet::Holacracy50);
    let with_focus = OrgRequest::Assign {
        role: BAKER,
        person: BEN,
        focus: Some("Rye".into()),
    };
    let org = recorded(
        &org,
        decide(&with_focus, Some(ANA), &org).unwrap(),
        Some(ANA),
    );
    let id = org.fillers_of(BAKER).next().unwrap().id;
    let refocus = OrgRequest::ChangeFocus {
        assignment: id,
        focus: Some("Rye and spelt".into()),
    };
    let org = recorded(&org, decide(&refocus, Some(ANA), &org).unwrap(), Some(ANA));
    // On 5 March the focus change of 3 March is taken back, as the store records it: the
    // entry in the log, the focus as it was.
    let mut r = org.records().clone();
    let seq = r.log.last().unwrap().seq;
    r.log.push(OrgEntry {
        seq: seq + 1,
        at: Utc.with_ymd_and_hms(2026, 3, 5, 9, 0, 0).unwrap(),
        actor: Some(ANA),
        change: OrgChange::Undone { seq },
    });
    r.assignments
        .iter_mut()
        .for_each(|a| a.focus = Some("Rye".into()));
    let org = Organisation::new(r);
    let focus = |d| {
        let then = org.as_of(chrono::NaiveDate::from_ymd_opt(2026, 3, d).unwrap());
        then.fillers_of(BAKER).next().and_then(|a| a.focus.clone())
    };
    assert_eq!(focus(2).as_deref(), Some("Rye"), "assigned with its focus");
    assert_eq!(focus(3).as_deref(), Some("Rye and spelt"), "changed");
    assert_eq!(
        focus(4).as_deref(),
        Some("Rye and spelt"),
        "standing until taken back"
    );
    assert_eq!(focus(5).as_deref(), Some("Rye"), "taken back");
}
