//! The conformance checks of meeting logs: entries appended in order (a stale one refused),
//! who made each, the draft kept beside a meeting, and the meetings and reviews still open.

use super::*;

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
