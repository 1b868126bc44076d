//! A checklist item's history names its periods and shows the ones nobody answered as gaps;
//! the period being answered is named on screen, and the browser shows recent answers.

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode::{Char, Enter};
use roundtable::domain::meeting::tactical::Step;

const BAKEHOUSE: usize = 1;

fn to_checklist(h: &mut Harness) {
    h.start_tactical(BAKEHOUSE, &[]);
    while h.meeting().state.step != Step::Checklist {
        h.press(Char('>'));
    }
}

#[test]
fn a_later_meeting_shows_the_answer_by_its_week_and_the_week_missed_as_a_gap() {
    let mut h = Harness::demo();
    to_checklist(&mut h);
    let first = h.screen(120, 30);
    assert!(first.contains("Checklist · week of 16 Nov"), "{first}");
    h.press(Char('c'));
    h.press(Char('e')).press(Char('y')).press(Char('q'));
    // Two weeks on: the week of 23 Nov went by without a meeting.
    h.wait(14 * 86_400);
    h.press_n(ratatui::crossterm::event::KeyCode::Up, 50);
    to_checklist(&mut h);
    let later = h.screen(120, 30);
    assert!(later.contains("Checklist · week of 30 Nov"), "{later}");
    assert!(later.contains("16 Nov ✓  23 Nov ·"), "{later}");
    assert!(
        later.contains("✓·│"),
        "the row's history ends ✓ then a gap:\n{later}"
    );
}

#[test]
fn the_browser_shows_a_checklist_items_recent_answers() {
    let mut h = Harness::demo();
    to_checklist(&mut h);
    h.press(Char('c'));
    h.press(Char('e')).press(Char('y')).press(Char('q'));
    h.press_n(ratatui::crossterm::event::KeyCode::Up, 50);
    h.press(Enter).select_row("Head Baker");
    let screen = h.screen(160, 50);
    assert!(
        screen.contains(
            "Sourdough starters fed and logged (weekly) — 26 Oct ·, 2 Nov ·, 9 Nov ·, 16 Nov ✓"
        ),
        "{screen}"
    );
}
