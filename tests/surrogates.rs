//! An absent Facilitator or Secretary: setup says so and gives the role to the surrogate of
//! 5.0 §5.3.6 (4.1 §2.5.4): the other chair's acting person, then the circle's Lead; and the
//! minutes never name someone as facilitator who is also listed absent.

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode::{Char, Down, Enter, Up};
use roundtable::app::Screen;

const BAKEHOUSE: usize = 1;

/// Opens the Bakehouse's setup (Kwame facilitates, Elif takes the minutes, Jonas is Lead)
/// and marks the people named absent.
fn setup_with_absent(h: &mut Harness, absent: &[&str], kind: char) {
    h.press_n(Down, BAKEHOUSE).press(Char(kind));
    for name in absent {
        let Screen::MeetingSetup(setup) = &h.app.view().screen else {
            panic!("no setup:\n{}", h.screen(100, 30));
        };
        let at = setup
            .attendees
            .iter()
            .position(|a| a.name == *name)
            .expect("invited");
        h.press_n(Up, 50).press_n(Down, at).press(Char(' '));
    }
}

fn chairs(h: &Harness) -> (String, String) {
    let Screen::MeetingSetup(setup) = &h.app.view().screen else {
        panic!("no setup:\n{}", h.screen(100, 30));
    };
    let name = |i: Option<usize>| {
        i.map(|i| setup.attendees[i].name.clone())
            .unwrap_or_default()
    };
    (name(setup.facilitator), name(setup.secretary))
}

#[test]
fn an_absent_facilitator_is_replaced_by_the_secretary_and_setup_says_so() {
    let mut h = Harness::demo();
    setup_with_absent(&mut h, &["Kwame Mensah"], 't');
    assert_eq!(chairs(&h).0, "Elif Yılmaz");
    let screen = h.screen(120, 30);
    assert!(
        screen.contains("Kwame Mensah (Facilitator) is absent"),
        "{screen}"
    );
    assert!(
        screen.contains("surrogate (acting Secretary, 5.0 §5.3.6)"),
        "{screen}"
    );
}

#[test]
fn with_both_chairs_absent_the_lead_is_surrogate_for_both() {
    let mut h = Harness::demo();
    setup_with_absent(&mut h, &["Kwame Mensah", "Elif Yılmaz"], 'g');
    assert_eq!(
        chairs(&h),
        ("Jonas Lindqvist".to_string(), "Jonas Lindqvist".to_string())
    );
    assert!(h.screen(100, 30).contains("the circle's Lead"));
}

#[test]
fn someone_absent_cannot_be_made_facilitator() {
    let mut h = Harness::demo();
    setup_with_absent(&mut h, &["Mei Chen"], 't');
    // The selection is still on Mei.
    h.press(Char('f'));
    assert_ne!(chairs(&h).0, "Mei Chen");
    assert!(h.status().is_some_and(|s| s.contains("absent")));
}

#[test]
fn the_minutes_never_name_an_absent_facilitator() {
    let mut h = Harness::demo();
    setup_with_absent(&mut h, &["Kwame Mensah"], 't');
    h.press(Enter);
    let state = &h.meeting().state;
    let facilitator = state.facilitator.expect("a facilitator");
    assert!(state.attendees[facilitator].present);
    assert_eq!(state.attendees[facilitator].name, "Elif Yılmaz");
}

#[test]
fn marked_present_again_the_facilitator_takes_the_chair_back() {
    let mut h = Harness::demo();
    setup_with_absent(&mut h, &["Kwame Mensah"], 't');
    h.press(Char(' '));
    assert_eq!(chairs(&h).0, "Kwame Mensah");
    let screen = h.screen(120, 30);
    assert!(!screen.contains("surrogate"), "{screen}");
}
