//! Home offers "resume" for a circle with an open meeting, and ending a meeting early says
//! which steps and items it leaves out.

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode::Char;

const BAKEHOUSE: usize = 1;

fn hint(h: &Harness, keys: &str) -> Option<String> {
    h.app
        .view()
        .hints
        .iter()
        .find(|k| k.keys == keys)
        .map(|k| k.label.to_string())
}

#[test]
fn home_offers_to_resume_the_circles_open_meeting() {
    let mut h = Harness::demo();
    h.start_tactical(BAKEHOUSE, &[]);
    h.press(Char('q'));
    assert_eq!(hint(&h, "t").as_deref(), Some("resume tactical"));
    assert_eq!(hint(&h, "g").as_deref(), Some("governance"));
    let screen = h.screen(100, 30);
    assert!(
        screen.contains("Resume the open tactical meeting"),
        "{screen}"
    );
    // Another circle has none open.
    h.press(Char('k'));
    assert_eq!(hint(&h, "t").as_deref(), Some("tactical"));
}

#[test]
fn ending_a_tactical_meeting_early_names_the_steps_not_held() {
    let mut h = Harness::demo();
    h.start_tactical(BAKEHOUSE, &[]);
    h.press(Char('>')).press(Char('e'));
    let screen = h.screen(120, 30);
    assert!(
        screen.contains("Not held: Metrics, Progress, Agenda, Triage, Closing"),
        "{screen}"
    );
}

/// A meeting that went back to an earlier step held the later ones it had reached: ending it
/// there names only the steps never reached.
#[test]
fn ending_after_going_back_a_step_names_only_the_steps_never_reached() {
    let mut h = Harness::demo();
    h.start_tactical(BAKEHOUSE, &[]);
    h.press_n(Char('>'), 5).press(Char('<')).press(Char('<'));
    h.press(Char('e'));
    let screen = h.screen(120, 30);
    assert!(screen.contains("Not held: Closing"), "{screen}");
    assert!(!screen.contains("Triage,"), "{screen}");
}

#[test]
fn ending_a_governance_meeting_early_names_the_items_not_processed() {
    let mut h = Harness::demo();
    h.start_governance(BAKEHOUSE);
    h.press(Char('>'));
    h.press(Char('a'))
        .choose("A proposal")
        .enter_text("Waste")
        .choose("Kwame Mensah");
    h.press(Char('e'));
    let screen = h.screen(120, 30);
    assert!(screen.contains("1 agenda item not processed"), "{screen}");
    assert!(screen.contains("Not held: Items, Closing"), "{screen}");
}

/// A meeting resumed days after it began and ended then: its minutes say the day it ended,
/// not only the hour (which would read as hours after it began).
#[test]
fn minutes_of_a_meeting_ended_on_a_later_day_name_that_day() {
    let mut h = Harness::demo();
    h.start_tactical(BAKEHOUSE, &[]);
    h.wait(2 * 24 * 3600 + 4 * 3600 + 6 * 60);
    h.press(Char('e')).press(Char('y'));
    let screen = h.screen(120, 30);
    assert!(
        screen.contains("Tuesday 24 November 2026, 09:00–Thursday 26 November 2026, 13:06 (UTC)"),
        "{screen}"
    );
    // Ended the same day, the hour alone (the golden minutes keep it so).
    let mut h = Harness::demo();
    h.start_tactical(BAKEHOUSE, &[]);
    h.wait(25 * 60);
    h.press(Char('e')).press(Char('y'));
    let screen = h.screen(120, 30);
    assert!(
        screen.contains("Tuesday 24 November 2026, 09:00–09:25 (UTC)"),
        "{screen}"
    );
}

/// The list of past meetings says the day a meeting ended when it is not the day it began.
#[test]
fn past_meetings_name_the_day_a_meeting_ended_on_a_later_day() {
    use chrono::Local;
    let mut h = Harness::demo();
    h.start_tactical(BAKEHOUSE, &[]);
    h.wait(2 * 24 * 3600);
    h.press(Char('e')).press(Char('y'));
    let ended = h.app.now().with_timezone(&Local);
    h.press(ratatui::crossterm::event::KeyCode::Esc);
    h.press(Char('p'));
    let screen = h.screen(120, 30);
    let said = format!("ended {}", ended.format("%Y-%m-%d %H:%M"));
    assert!(screen.contains(&said), "{said}\n{screen}");
}
