//! The conformance checks of two programs on one database: each notices the other's writes
//! (not its own), appending at once gives one entry and one conflict, and an entry naming a
//! role the other took back meanwhile is refused as `Dangling`, writing nothing.

use super::*;

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

pub fn an_entry_naming_a_role_taken_back_by_another_program_is_dangling_and_writes_nothing(
    store: &mut dyn Backend,
    open: &Open,
) {
    let org = demo(store);
    let circle = bakehouse(&org);
    let jonas = person_named(&org, "Jonas Lindqvist");
    // Another program adopts Bread Sommelier in a governance meeting of its own.
    let mut other = open();
    let g = other
        .start_meeting(circle, MeetingKind::Governance, at(1), &"started")
        .expect("start");
    let changes = vec![Change::CreateRole {
        name: "Bread Sommelier".into(),
        purpose: "Bread tasted".into(),
        domains: vec![],
        accountabilities: vec![],
    }];
    let adopted = Effect::ApplyGovernance { circle, changes };
    other
        .append_entry(g, 1, at(2), &"adopted", &[adopted])
        .expect("adopted");
    let read = store
        .load_whole_organisation()
        .expect("reads")
        .expect("org");
    let role = role_named(&read, circle, "Bread Sommelier");
    let m = store
        .start_meeting(circle, MeetingKind::Tactical, at(3), &"started")
        .expect("start");
    // It takes the adoption back before this program writes a next action for the role.
    other
        .append_entry(g, 2, at(4), &"undo", &[Effect::Undo { seq: 2 }])
        .expect("taken back");
    let action = Effect::CreateNextAction {
        role: Some(role),
        person: jonas,
        text: "Taste the rye".into(),
    };
    let written = store.append_entry(m, 1, at(5), &"output", &[action]);
    assert!(
        matches!(written, Err(StoreError::Dangling { .. })),
        "a foreign key not met is said as such: {written:?}"
    );
    assert_eq!(store.last_seq(m).expect("seq"), 1, "no entry is written");
    let now = store
        .load_whole_organisation()
        .expect("reads")
        .expect("org");
    let mut actions = now.records().next_actions.iter();
    assert!(!actions.any(|a| a.text == "Taste the rye"));
}
