//! A live clock for whoever holds the floor: the speaker in a round (against their share of
//! the round's time) and the triage item, large in presentation mode, with a warning once a
//! speaker or item passes its share; presentation mode names the item being triaged.

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode::Char;
use roundtable::domain::meeting::tactical::Step;

const BAKEHOUSE: usize = 1;

#[test]
fn the_speaker_sees_their_time_against_their_share_and_a_warning_past_it() {
    let mut h = Harness::demo();
    h.start_tactical(BAKEHOUSE, &[]);
    // Six minutes of check-in for six speakers: a minute each.
    h.wait(42);
    let screen = h.screen(80, 24);
    assert!(screen.contains("0:42 of 1:00"), "{screen}");
    assert!(!screen.contains("past their share"), "{screen}");
    h.wait(30);
    let screen = h.screen(80, 24);
    assert!(screen.contains("1:12 of 1:00 — past the share"), "{screen}");
    assert!(
        screen.contains("The speaker is past their share"),
        "{screen}"
    );
    // The next speaker starts at nought.
    h.press(Char(' '));
    assert!(h.screen(80, 24).contains("0:00 of 1:00"));
}

#[test]
fn presentation_mode_shows_the_triage_item_and_warns_when_it_runs_over() {
    let mut h = Harness::demo();
    h.start_tactical(BAKEHOUSE, &[]);
    while h.meeting().state.step != Step::Agenda {
        h.press(Char('>'));
    }
    h.press(Char('a')).enter_text("Oven").choose("Kwame Mensah");
    h.press(Char('>')).press(Char('P'));
    let share = h
        .meeting()
        .state
        .turn()
        .and_then(|t| t.share)
        .expect("a share");
    h.wait(share + 5);
    let screen = h.screen(100, 30);
    assert!(
        screen.contains("This item has run past its share"),
        "{screen}"
    );
    let turn = h.meeting().state.turn().expect("the item holds the floor");
    assert!(turn.over(h.app.now()));
    // Closed, the item's clock stops and the warning goes.
    h.press(Char('P')).press(Char('c')).choose("Yes");
    assert!(!h.screen(100, 30).contains("run past its share"));
}
