//! A metric value far outside its history (12.5 against values near 2,000) is asked about
//! before it is recorded; a value near its history is not.

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode::{Char, Enter};
use roundtable::domain::meeting::tactical::Step;

const BAKEHOUSE: usize = 1;

fn at_loaves_baked(h: &mut Harness) {
    h.start_tactical(BAKEHOUSE, &[]);
    while h.meeting().state.step != Step::Metrics {
        h.press(Char('>'));
    }
}

#[test]
fn a_value_far_from_the_history_asks_first_and_no_types_it_again() {
    let mut h = Harness::demo();
    at_loaves_baked(&mut h);
    h.press(Enter).enter_text("12.5");
    let screen = h.screen(120, 30);
    assert!(
        screen.contains("12.5 is far from this metric's recent values"),
        "{screen}"
    );
    assert!(h.meeting().state.reports.is_empty());
    h.press(Char('n'));
    assert!(h.prompt_value().is_some(), "the value is asked again");
    h.enter_text("12.5")
        .press(Char('y'))
        .enter_text("Oven broke down");
    let report = h.meeting().state.reports.last().cloned().expect("a report");
    assert_eq!(report.value, 12.5);
}

#[test]
fn a_value_near_the_history_is_recorded_without_asking() {
    let mut h = Harness::demo();
    at_loaves_baked(&mut h);
    h.press(Enter).enter_text("2,040").enter_text("");
    assert_eq!(h.meeting().state.reports.len(), 1);
}
