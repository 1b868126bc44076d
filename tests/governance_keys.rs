//! Any keys at all in a governance meeting: random sequences of the keys the screens offer
//! (and text typed into prompts) never panic, every frame draws at 80x24, and the meeting
//! in the database folds to what the screen shows.

mod common;

use common::Harness;
use proptest::prelude::*;
use ratatui::crossterm::event::KeyCode;
use roundtable::app::Screen;
use roundtable::domain::meeting::governance::{GovEvent, Governance};
use roundtable::store::prelude::*;

/// The keys a facilitator could press while processing items (the ones moving on weighted up;
/// ending the meeting and going back a step left out), and letters that make words in prompts.
fn any_key() -> impl Strategy<Value = KeyCode> {
    let keys: Vec<KeyCode> = "nnnacxwwodpfbrtTuyyyv[]ZQ "
        .chars()
        .map(KeyCode::Char)
        .chain([
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
        ])
        .collect();
    prop::sample::select(keys)
}

/// A Bakehouse meeting processing its items: a framed proposal with one version, and a
/// Secretary election after it.
fn items_under_way() -> Harness {
    use KeyCode::{Char, Enter};
    let mut h = Harness::demo();
    h.start_governance(1);
    h.press(Char('>'));
    h.press(Char('a'))
        .choose("A proposal")
        .enter_text("Waste")
        .choose("Kwame Mensah");
    h.press(Char('a')).choose("An election of the Secretary");
    h.press(Char('>'));
    h.press(Enter)
        .enter_text("Too much bread thrown away")
        .enter_text("Forty loaves")
        .choose("No role named");
    h.press(Char('c'))
        .choose("Create a role")
        .enter_text("Waste Tracker")
        .enter_text("Less waste")
        .enter_text("")
        .enter_text("Weighing bread")
        .choose("Save");
    h
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]
    #[test]
    fn random_keys_never_break_a_governance_meeting(keys in prop::collection::vec(any_key(), 1..400)) {
        let mut h = items_under_way();
        for key in keys {
            if matches!(h.app.view().screen, Screen::Governance(_)) {
                h.press(key);
                h.draw(80, 24);
            }
        }
        if let Screen::Governance(screen) = &h.app.view().screen {
            let log = h
                .app
                .store()
                .meeting_events::<GovEvent>(screen.meeting)
                .expect("log");
            let folded = Governance::fold(&log, screen.state.rules).expect("folds");
            prop_assert_eq!(&folded, &screen.state);
        }
    }
}
