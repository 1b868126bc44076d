//! Pastes: with bracketed paste the terminal hands a paste over in one piece, and it goes into
//! the open text field as text. A pasted line break never acts as Enter, and the letters after
//! it never act as meeting keys.

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode::{Char, Enter, Left};
use roundtable::app::Screen;
use roundtable::domain::meeting::tactical::Step;
use std::time::{Duration, Instant};

const BAKEHOUSE: usize = 1;

/// A Bakehouse meeting in its check-in round, with the note for the first speaker open.
fn check_in_note_open() -> Harness {
    let mut h = Harness::demo();
    h.start_tactical(BAKEHOUSE, &[]).press(Enter);
    assert_eq!(h.prompt_value().as_deref(), Some(""), "the note is open");
    h
}

#[test]
fn a_pasted_line_break_in_a_check_in_note_cannot_end_the_meeting() {
    let mut h = check_in_note_open();
    // A note may span lines: the paste keeps its line break, which is text, not Enter.
    h.paste("Tired\nyes, ready");
    assert_eq!(h.prompt_value().as_deref(), Some("Tired\nyes, ready"));
    h.press(Enter);
    let state = &h.meeting().state;
    assert!(state.ended_at.is_none(), "the meeting is still running");
    assert_eq!(state.step, Step::CheckIn);
    assert_eq!(
        state.note_for(Step::CheckIn, 0).map(|n| n.text.as_str()),
        Some("Tired\nyes, ready")
    );
    assert!(h.meeting_modal().is_none(), "no question was asked");
}

#[test]
fn a_paste_outside_a_text_field_changes_nothing_and_says_so() {
    let mut h = Harness::demo();
    h.start_tactical(BAKEHOUSE, &[]);
    let before = h.screen(100, 30);
    h.paste("ey\nq");
    assert!(h.meeting().state.ended_at.is_none());
    assert!(h.meeting_modal().is_none(), "no end-of-meeting question");
    assert!(!h.app.should_quit());
    assert_eq!(
        h.status().as_deref(),
        Some("Paste ignored: no text field is open.")
    );
    // The next key clears the notice and the screen is as it was.
    h.press(Char('?'))
        .press(ratatui::crossterm::event::KeyCode::Esc);
    assert_eq!(h.screen(100, 30), before);
}

#[test]
fn a_paste_goes_in_at_the_cursor_cleaned_like_typed_text() {
    let mut h = Harness::empty();
    h.press(Char('2')).press(Enter).press(Enter);
    h.type_str("Riverbend Cooperative");
    for _ in 0.."Cooperative".len() {
        h.press(Left);
    }
    // Line breaks become one space; control and bidi characters are dropped, as in typing.
    h.paste("Bakery\u{202E}\u{7}\r\n");
    h.press(Enter);
    let roundtable::app::Screen::Adoption(a) = &h.app.view().screen else {
        panic!("not adopting")
    };
    assert_eq!(a.draft.name, "Riverbend Bakery Cooperative");
}

#[test]
fn a_hundred_kilobyte_paste_lands_at_once_shortened_to_the_fields_limit() {
    let mut h = check_in_note_open();
    let line = "The proofing room was too warm again today, so the sourdough over-proofed.\n";
    let big = line.repeat(100 * 1024 / line.len() + 1);
    assert!(big.len() > 100 * 1024);
    let started = Instant::now();
    h.paste(&big);
    let took = started.elapsed();
    assert!(took < Duration::from_millis(500), "the paste took {took:?}");
    let value = h.prompt_value().expect("the note stays open");
    assert_eq!(value.chars().count(), 2000, "shortened to the limit");
    assert!(value.starts_with("The proofing room was too warm again today"));
    assert!(value.contains('\n'), "a note keeps the paste's line breaks");
    let status = h.status().expect("a notice");
    assert!(
        status.contains("shortened") && status.contains("2000"),
        "{status}"
    );
    // Typing into the full field adds nothing, and another paste says the field is full.
    h.press(Char('x'));
    assert_eq!(h.prompt_value().map(|v| v.chars().count()), Some(2000));
    h.paste("more");
    assert_eq!(
        h.status().as_deref(),
        Some("Paste ignored: the field is full (2000 characters).")
    );
    // The whole note is kept when entered.
    h.press(Enter);
    let note = h
        .meeting()
        .state
        .note_for(Step::CheckIn, 0)
        .map(|n| n.text.chars().count());
    assert_eq!(note, Some(2000));
    assert!(matches!(h.app.view().screen, Screen::Tactical(_)));
}
