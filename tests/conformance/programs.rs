//! The conformance checks of two programs on one database: each notices the other's writes
//! (not its own), and appending at once gives one entry and one conflict.

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
