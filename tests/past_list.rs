//! The list of past meetings over a few hundred meetings, read from the store a screenful
//! at a time: every kind of filter (a part of a circle's name, a kind, a date, a month, open,
//! two words) shows the meetings that matching every meeting's words shows, newest first;
//! the title counts them, "at least" while not all are read; moving down reads on; Esc
//! clears the filter; a frame taller than what was read is filled at the next tick.

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode::{self, Backspace, Char, Esc};
use roundtable::app::Screen;
use roundtable::domain::MeetingId;
use roundtable::domain::meeting::MeetingKind;
use roundtable::store::LogOwner;
use roundtable::store::prelude::*;
use roundtable::ui::PastState;

/// A meeting as the list's filter reads it: its id and its words.
struct Listed {
    id: MeetingId,
    words: String,
}

/// The demo with two years of generated meetings and three left open (two started at the
/// same moment), and every meeting as the list shows it, newest first.
fn many_meetings() -> (Harness, Vec<Listed>) {
    let mut store = common::demo_with_history();
    let org = store.load_organisation().expect("load").expect("org");
    let at = common::start_time() - chrono::Duration::days(40);
    for (name, kind, minutes) in [
        ("Bakehouse", MeetingKind::Tactical, 0),
        ("Shopfront", MeetingKind::Governance, 0),
        ("Community", MeetingKind::Tactical, 90),
    ] {
        let circle = org.circle_named(name).expect("circle").id;
        store
            .start_log(
                LogOwner::Circle(circle, kind),
                at + chrono::Duration::minutes(minutes),
                "{}",
            )
            .expect("an open meeting");
    }
    let listed = store
        .meetings()
        .expect("meetings")
        .into_iter()
        .map(|m| {
            let circle = org.circle(m.circle).map_or("?", |c| c.name.as_str());
            let state = if m.ended_at.is_some() {
                "ended"
            } else {
                "open"
            };
            let date = m.started_at.format("%Y-%m-%d %B");
            Listed {
                id: m.id,
                words: format!("{circle} {} {date} {state}", m.kind.id()).to_lowercase(),
            }
        })
        .collect();
    (Harness::with_backend(store), listed)
}

/// The meetings whose words hold every word of `typed`, newest first.
fn matching(all: &[Listed], typed: &str) -> Vec<MeetingId> {
    let typed = typed.to_lowercase();
    all.iter()
        .filter(|m| typed.split_whitespace().all(|w| m.words.contains(w)))
        .map(|m| m.id)
        .collect()
}

fn list(h: &Harness) -> &PastState {
    match &h.app.view().screen {
        Screen::PastMeetings(p) => p,
        _ => panic!("not the list; screen:\n{}", h.screen(100, 30)),
    }
}

/// The title's count: (at least?, how many, of how many).
fn title(h: &Harness) -> (bool, usize, usize) {
    let screen = h.screen(80, 24);
    let line = screen
        .lines()
        .find(|l| l.contains(" of ") && l.contains(" meetings "))
        .unwrap_or_else(|| panic!("a title:\n{screen}"));
    let words: Vec<&str> = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let at = words
        .iter()
        .position(|w| *w == "of")
        .expect("N of M meetings");
    let number = |w: &str| w.parse::<usize>().expect("a number");
    (
        words[..at].contains(&"least"),
        number(words[at - 1]),
        number(words[at + 1]),
    )
}

/// Moves down to the end of the list, reading it all; answers its meetings.
fn read_to_the_end(h: &mut Harness, expected: usize) -> Vec<MeetingId> {
    h.press_n(KeyCode::PageDown, expected / 10 + 2);
    list(h).shown.iter().map(|r| r.id).collect()
}

#[test]
fn every_kind_of_filter_shows_what_matching_every_meeting_shows_newest_first() {
    let (mut h, all) = many_meetings();
    let total = all.len();
    assert!(total > 200, "more meetings than a screenful: {total}");
    for typed in [
        "bake",
        "gov",
        "2025-12",
        "2025-12-0",
        "march",
        "open",
        "OPEN bake",
        "gov 2026",
        "ma",
        "1",
        "-0",
        "t",
        "tac gov",
        "zzz",
    ] {
        h.press(Char('p'));
        h.draw(80, 24);
        h.type_str(typed);
        let expected = matching(&all, typed);
        let first: Vec<MeetingId> = list(&h).shown.iter().map(|r| r.id).collect();
        assert!(
            expected.starts_with(&first) && (!first.is_empty() || expected.is_empty()),
            "{typed:?}: the first screenful is the newest that match"
        );
        let (at_least, n, of) = title(&h);
        assert_eq!(of, total, "{typed:?}: of every meeting");
        if at_least {
            assert!(n <= expected.len(), "{typed:?}: at least {n}, not more");
        } else {
            assert_eq!(n, expected.len(), "{typed:?}: counted exactly");
        }
        assert_eq!(
            read_to_the_end(&mut h, expected.len()),
            expected,
            "{typed:?}: all of them, newest first"
        );
        assert_eq!(
            title(&h),
            (false, expected.len(), total),
            "{typed:?}, all read"
        );
        if expected.is_empty() {
            assert!(h.screen(80, 24).contains("No meeting matches the filter"));
        }
        h.press(Esc).press(Esc);
    }
}

#[test]
fn the_list_opens_with_a_screenful_counts_them_all_and_reads_on_down_to_the_oldest() {
    let (mut h, all) = many_meetings();
    let total = all.len();
    h.press(Char('p'));
    h.draw(80, 24);
    assert_eq!(title(&h), (false, total, total));
    assert!(
        list(&h).shown.len() < 100,
        "a screenful read, not {} of {total}",
        list(&h).shown.len()
    );
    let newest: Vec<MeetingId> = all.iter().map(|m| m.id).collect();
    assert!(newest.starts_with(&list(&h).shown.iter().map(|r| r.id).collect::<Vec<_>>()));
    h.press_n(KeyCode::Down, total + 5);
    assert_eq!(
        list(&h).selected_row().map(|r| r.id),
        newest.last().copied()
    );
    h.press(KeyCode::PageUp);
    assert_eq!(list(&h).selected, total - 11, "ten up from the last");
}

#[test]
fn typing_narrows_backspace_widens_and_esc_clears_the_filter() {
    let (mut h, all) = many_meetings();
    let total = all.len();
    h.press(Char('p'));
    h.draw(80, 24);
    h.type_str("shop");
    let shop = matching(&all, "shop");
    assert_eq!(list(&h).shown.first().map(|r| r.id), shop.first().copied());
    h.type_str(" gov");
    let shop_gov = matching(&all, "shop gov");
    assert!(shop_gov.len() < shop.len());
    assert_eq!(title(&h), (false, shop_gov.len(), total));
    h.press_n(Backspace, 4);
    assert_eq!(list(&h).shown.first().map(|r| r.id), shop.first().copied());
    let (at_least, n, _) = title(&h);
    assert!(
        at_least && n <= shop.len(),
        "back to \"shop\": at least {n}"
    );
    h.wait(1);
    assert_eq!(
        title(&h),
        (false, shop.len(), total),
        "counted on the next tick"
    );
    h.press(Esc);
    assert_eq!(list(&h).filter.value(), "");
    assert_eq!(title(&h), (false, total, total), "Esc cleared the filter");
    assert_eq!(
        list(&h).shown.first().map(|r| r.id),
        all.first().map(|m| m.id)
    );
    h.press(Esc);
    assert!(matches!(h.app.view().screen, Screen::Home(_)));
}

#[test]
fn a_frame_taller_than_what_was_read_is_filled_at_the_next_tick() {
    let (mut h, all) = many_meetings();
    h.press(Char('p'));
    let read = list(&h).shown.len();
    let screen = h.screen(200, 120);
    assert!(read < 110, "the list read {read} before a frame");
    h.wait(1);
    assert!(list(&h).shown.len() >= 110, "read {}", list(&h).shown.len());
    let tall = h.screen(200, 120);
    assert_ne!(screen, tall, "the rows further down are drawn");
    let row = &list(&h).shown[105];
    let date = row
        .started_at
        .with_timezone(&chrono::Local)
        .format("%Y-%m-%d %H:%M");
    assert!(tall.contains(&date.to_string()), "{tall}");
    assert_eq!(all.len(), title(&h).2);
}
