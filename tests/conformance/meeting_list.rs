//! The conformance checks of the list of past meetings as the store serves it: a page of one
//! look's meetings newest first (all, one circle's, a range of days, the open ones), read on
//! below the last row of the page before, meetings started at the same moment in id order;
//! the first and last days; and the count of each kind, kept as meetings start.

use super::*;
use roundtable::domain::meeting_list::{Key, Look};

/// Every meeting of `look`, read `limit` at a time, each page below the last row of the one
/// before.
fn read_all(store: &dyn Backend, look: Look, limit: usize) -> Vec<MeetingId> {
    let mut out = Vec::new();
    let mut after: Option<Key> = None;
    loop {
        let page = store.meeting_page(look, after, limit).expect("a page");
        assert!(page.rows.len() <= limit && page.read <= limit);
        out.extend(page.rows.iter().map(|m| m.id));
        match page.next {
            Some(next) => after = Some(next),
            None => return out,
        }
    }
}

/// 23:59 on 30 November 2026 plus `minutes`.
fn late(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 23, 59, 0)
        .single()
        .expect("a time")
        + Duration::minutes(minutes)
}

pub fn past_meetings_are_read_by_look_newest_first_and_counted(store: &mut dyn Backend) {
    let org = demo(store);
    let bakehouse = bakehouse(&org);
    let shopfront = org.circle_named("Shopfront").expect("Shopfront").id;
    let none = store.meeting_counts().expect("counts");
    assert!(none.iter().all(|(_, n)| *n == 0), "{none:?}");
    assert_eq!(store.meeting_days().expect("days"), None, "no meeting yet");
    let mut start = |circle, kind, at| {
        store
            .start_meeting(circle, kind, at, &"started")
            .expect("start")
    };
    // Two at the same moment (then newest is the higher id), one on each side of midnight.
    let a = start(bakehouse, MeetingKind::Tactical, late(0));
    let b = start(shopfront, MeetingKind::Tactical, late(0));
    let c = start(bakehouse, MeetingKind::Governance, late(1));
    let d = start(shopfront, MeetingKind::Governance, late(2));
    let e = start(bakehouse, MeetingKind::Tactical, late(-60 * 24));
    let ana = person_named(&org, "Jonas Lindqvist");
    store
        .start_log(LogOwner::Person(ana), late(3), "\"r\"")
        .expect("a review, not listed");
    for ended in [a, d] {
        let seq = store.last_seq(ended).expect("seq");
        store
            .append_entry(ended, seq, late(5), &"end", &[Effect::EndMeeting])
            .expect("ended");
    }
    let mut counts = store.meeting_counts().expect("counts");
    counts.sort_by_key(|(k, _)| k.id());
    assert_eq!(
        counts,
        [(MeetingKind::Governance, 2), (MeetingKind::Tactical, 3)],
        "kept as meetings start, reviews left out"
    );
    let newest = [d, c, b, a, e];
    for limit in [1, 2, 3, 10] {
        assert_eq!(
            read_all(store, Look::Newest, limit),
            newest,
            "pages of {limit}"
        );
    }
    assert_eq!(read_all(store, Look::Circle(bakehouse), 1), [c, a, e]);
    assert_eq!(read_all(store, Look::Circle(shopfront), 2), [d, b]);
    assert_eq!(read_all(store, Look::Open, 1), [c, b, e], "not ended");
    assert_eq!(
        read_all(store, Look::Kind(MeetingKind::Tactical), 2),
        [b, a, e]
    );
    assert_eq!(
        read_all(store, Look::Kind(MeetingKind::Governance), 1),
        [d, c]
    );
    let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).expect("a day");
    let december = NaiveDate::from_ymd_opt(2026, 12, 1).expect("a day");
    assert_eq!(read_all(store, Look::Days(day(30), day(30)), 1), [b, a]);
    assert_eq!(read_all(store, Look::Days(december, december), 5), [d, c]);
    assert_eq!(read_all(store, Look::Days(day(28), day(29)), 5), [e]);
    assert_eq!(
        read_all(store, Look::Days(day(1), day(28)), 5),
        Vec::<MeetingId>::new()
    );
    assert_eq!(
        store.meeting_days().expect("days"),
        Some((day(29), december)),
        "the first and last days a circle's meeting started on"
    );
    let page = store.meeting_page(Look::Newest, None, 1).expect("page");
    assert_eq!(
        page.next,
        Some((late(2), d)),
        "the next page starts below it"
    );
    assert_eq!(
        page.rows
            .iter()
            .map(|m| (m.id, m.circle, m.kind, m.started_at, m.ended_at))
            .collect::<Vec<_>>(),
        [(
            d,
            shopfront,
            MeetingKind::Governance,
            late(2),
            Some(late(5))
        )]
    );
}
