//! Past meetings, driven key by key: the list and its filter, minutes opened from it, a
//! meeting still open resumed from it, and minutes exported from the screen.

mod common;

use common::Harness;
use insta::assert_snapshot;
use ratatui::crossterm::event::KeyCode::{self, Backspace, Char, Enter, Esc};
use roundtable::app::Screen;
use roundtable::ui::Modal;

/// The demo with an ended Bakehouse meeting and an open Shopfront one.
fn two_meetings() -> Harness {
    let mut h = Harness::demo();
    h.start_tactical(1, &[]);
    h.press(Enter)
        .enter_text("Ready")
        .wait(60)
        .press(Char('e'))
        .press(Char('y'));
    h.press(Char('q')).press_n(KeyCode::Up, 5);
    h.wait(3600).start_tactical(2, &[]);
    h.press(Char('q')).press_n(KeyCode::Up, 5);
    h
}

fn shown(h: &Harness) -> usize {
    match &h.app.view().screen {
        Screen::PastMeetings(p) => p.shown.len(),
        _ => panic!("not the list; screen:\n{}", h.screen(100, 30)),
    }
}

#[test]
fn with_no_meetings_the_list_says_how_to_hold_one() {
    let mut h = Harness::demo();
    h.press(Char('p'));
    assert!(h.screen(80, 24).contains("No meetings yet"));
    h.press(Esc);
    assert!(matches!(h.app.view().screen, Screen::Home(_)));
}

#[test]
fn typing_filters_the_list_and_esc_clears_the_filter_first() {
    let mut h = two_meetings();
    h.press(Char('p'));
    assert_eq!(shown(&h), 2);
    assert_snapshot!("past_meetings_80x24", h.draw(80, 24));
    h.type_str("shop");
    assert_eq!(shown(&h), 1);
    h.press(Backspace)
        .press(Backspace)
        .press(Backspace)
        .press(Backspace)
        .type_str("ended");
    assert_eq!(shown(&h), 1);
    h.type_str(" nothing");
    assert_eq!(shown(&h), 0);
    assert!(h.screen(80, 24).contains("No meeting matches the filter"));
    h.press(Esc);
    assert_eq!(shown(&h), 2, "Esc cleared the filter");
    h.press(Esc);
    assert!(matches!(h.app.view().screen, Screen::Home(_)));
}

#[test]
fn an_ended_meeting_opens_its_minutes_and_an_open_one_resumes() {
    let mut h = two_meetings();
    h.press(Char('p')).type_str("ended").press(Enter);
    let Screen::Minutes(m) = &h.app.view().screen else {
        panic!("minutes")
    };
    assert_eq!(m.minutes.circle, "Bakehouse");
    assert!(h.screen(80, 24).contains("Ready"));
    h.press(Char('q'));
    assert_eq!(shown(&h), 1, "back on the list, still filtered");
    h.press(Esc).type_str("open").press(Enter);
    assert!(matches!(h.app.view().screen, Screen::Tactical(_)));
    assert!(h.status().is_some_and(|s| s.starts_with("Resumed")));
}

#[test]
fn minutes_export_from_the_screen_and_ask_before_replacing_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = two_meetings();
    h.app.set_export_dir(dir.path());
    h.press(Char('p'))
        .type_str("ended")
        .press(Enter)
        .press(Char('x'));
    assert!(matches!(h.meeting_modal(), Some(Modal::Picker(_))));
    h.press(Enter);
    let file = dir.path().join("2026-11-24-bakehouse-tactical-minutes.md");
    let written = std::fs::read_to_string(&file).expect("written");
    assert!(written.starts_with("# Tactical meeting of Bakehouse"));
    assert!(h.status().is_some_and(|s| s.starts_with("Wrote ")));
    std::fs::write(&file, "kept").expect("changed by hand");
    h.press(Char('x')).press(Enter);
    assert!(h.screen(80, 24).contains("Replace it?"));
    h.press(Char('n'));
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "kept");
    h.press(Char('x')).press(Enter).press(Char('y'));
    assert!(
        std::fs::read_to_string(&file)
            .expect("read")
            .starts_with("# Tactical")
    );
    h.press(Char('x')).press_n(KeyCode::Down, 1).press(Enter);
    let html = dir
        .path()
        .join("2026-11-24-bakehouse-tactical-minutes.html");
    assert!(
        std::fs::read_to_string(html)
            .expect("html")
            .contains("<h1>Tactical meeting of Bakehouse</h1>")
    );
}

#[test]
fn a_question_mark_opens_help_even_on_the_filtered_list() {
    let mut h = two_meetings();
    h.press(Char('p')).press(Char('?'));
    assert!(h.app.view().help_open);
    h.press(Esc);
    assert!(!h.app.view().help_open);
    assert_eq!(shown(&h), 2, "the filter did not get a '?'");
}

/// The demo with years of generated meetings: more than the list first reads.
fn many_meetings() -> (Harness, Vec<roundtable::store::MeetingRow>) {
    use roundtable::store::prelude::*;
    let store = common::demo_with_history();
    let rows = store.meetings().expect("meetings");
    (Harness::with_backend(store), rows)
}

#[test]
fn a_long_list_opens_with_its_newest_and_finds_the_oldest_by_filter_or_by_moving() {
    let (mut h, rows) = many_meetings();
    let n = rows.len();
    assert!(n > 200, "more meetings than the first read: {n}");
    h.press(Char('p'));
    let title = format!("{n} of {n} meetings");
    assert!(h.screen(80, 24).contains(&title), "{}", h.screen(80, 24));
    // The oldest month, beyond the first rows read: the filter finds it.
    let oldest = rows
        .last()
        .expect("a meeting")
        .started_at
        .format("%Y-%m-%d")
        .to_string();
    h.type_str(&oldest);
    assert!(shown(&h) >= 1, "the oldest meeting is found");
    h.press(Esc);
    assert!(
        h.screen(80, 24).contains(&title),
        "Esc lists them all again: {}",
        h.screen(80, 24)
    );
    h.press_n(KeyCode::Down, n + 5);
    let selected = match &h.app.view().screen {
        Screen::PastMeetings(p) => p.selected_row().map(|r| r.id),
        _ => None,
    };
    assert_eq!(selected, Some(rows[n - 1].id), "Down reaches the oldest");
}

/// The minutes screen keeps its minutes wrapped between frames; drawn at one size after
/// others, and scrolled, it shows what it shows when drawn at that size alone.
#[test]
fn minutes_drawn_after_other_sizes_show_what_a_first_frame_shows() {
    let open_minutes = || {
        let mut h = two_meetings();
        h.press(Char('p')).type_str("ended").press(Enter);
        assert!(matches!(h.app.view().screen, Screen::Minutes(_)));
        h
    };
    let mut h = open_minutes();
    for (cols, rows) in [(80, 24), (200, 50), (60, 16), (80, 24), (61, 16)] {
        h.draw(200, 50);
        h.draw(60, 16);
        assert_eq!(
            h.screen(cols, rows),
            open_minutes().screen(cols, rows),
            "{cols}x{rows}"
        );
    }
    h.press(KeyCode::PageDown);
    let mut fresh = open_minutes();
    fresh.press(KeyCode::PageDown);
    assert_eq!(h.screen(60, 16), fresh.screen(60, 16), "scrolled, 60x16");
    assert_ne!(
        h.screen(60, 16),
        open_minutes().screen(60, 16),
        "PageDown scrolls the minutes"
    );
}
