//! Random walks through the whole program with the terminal resized between keys: from home,
//! random keys (everything the screens offer but quitting) reach the browser, its history
//! and date dialog, past meetings, minutes, setup, every step of tactical and governance
//! meetings, their pop-ups and help, and the solo review; after each key a frame is drawn at
//! a random size down to 1x1. The organisation's names are wide (CJK, emoji with ZWJ) so
//! that every frame must keep them whole: no panic, the frame exactly the terminal's size,
//! and no wide character cut at the edge or overwritten by a border.
//!
//! `PROPTEST_CASES` sets the number of walks (16 by default).

mod common;

use common::Harness;
use proptest::prelude::*;
use ratatui::crossterm::event::KeyCode;
use roundtable::domain::OrgFile;
use roundtable::store::Store;
use roundtable::store::prelude::*;
use unicode_width::UnicodeWidthStr;

/// The demo with wide names for its people and circles.
fn wide_demo() -> Harness {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/demo-org.toml"))
        .expect("demo file")
        .replace("Amara Okafor", "岡本 アマラ")
        .replace("Tomasz Nowak", "Tomasz 👩‍🍳 Nowak")
        .replace("Priya Raman", "프리야 라만")
        .replace("\"Bakehouse\"", "\"焼き場 Bakehouse\"");
    let file = OrgFile::parse(&text).expect("the wide demo parses");
    let mut store = Store::open_in_memory().expect("store");
    store.import(&file).expect("the wide demo imports");
    Harness::with_backend(store)
}

/// Every key a screen offers, but those that quit the program.
fn key() -> impl Strategy<Value = KeyCode> {
    let chars: Vec<char> = "abcdefghijklmnoprstuvwxyzABCDEFGHIJKLMNOPRSTUVWXYZ0123456789 []<>+-?/"
        .chars()
        .collect();
    prop_oneof![
        6 => prop::sample::select(chars).prop_map(KeyCode::Char),
        2 => Just(KeyCode::Char('>')),
        2 => Just(KeyCode::Enter),
        1 => Just(KeyCode::Esc),
        1 => Just(KeyCode::Tab),
        1 => Just(KeyCode::Backspace),
        2 => prop::sample::select(vec![
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
        ]),
    ]
}

/// Fails when the frame is not `width` x `height`, or a wide character is cut at the right
/// edge or has its second column written over.
fn check_frame(h: &Harness, width: u16, height: u16) -> Result<(), TestCaseError> {
    let backend = h.draw(width, height);
    let buffer = backend.buffer();
    prop_assert_eq!((buffer.area.width, buffer.area.height), (width, height));
    for y in 0..height {
        let mut x = 0;
        while x < width {
            let symbol = buffer[(x, y)].symbol();
            let cells = symbol.width().max(1) as u16;
            prop_assert!(
                x + cells <= width,
                "row {y}: {symbol:?} at column {x} does not fit in {width}"
            );
            for tail in x + 1..x + cells {
                let covered = buffer[(tail, y)].symbol();
                prop_assert!(
                    covered.is_empty() || covered == " ",
                    "row {y}: {symbol:?} at column {x} is overwritten by {covered:?}"
                );
            }
            x += cells;
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]
    #[test]
    fn every_screen_reached_by_random_keys_draws_whole_at_every_size(
        start in 0usize..5,
        circle in 0usize..4,
        steps in prop::collection::vec((key(), 1u16..230, 1u16..70), 40..160),
    ) {
        let mut h = wide_demo();
        // Walks start at home, in a tactical or a governance meeting (one with a proposal
        // on its agenda), or in a review, so that every screen is within reach.
        match start {
            1 => {
                h.start_tactical(circle, &[]);
            }
            2 => {
                h.start_governance(circle);
            }
            3 => {
                h.start_governance(circle).press(KeyCode::Char('>'));
                h.press(KeyCode::Char('a')).press(KeyCode::Enter);
                h.type_str("Proposal").press(KeyCode::Enter).press(KeyCode::Enter);
            }
            4 => {
                h.press(KeyCode::Char('r')).press_n(KeyCode::Down, circle);
                h.press(KeyCode::Enter);
            }
            _ => {}
        }
        for (key, width, height) in steps {
            h.press(key);
            check_frame(&h, width, height)?;
        }
        // The sizes a facilitator uses, at wherever the walk ended.
        for (width, height) in [(80, 24), (60, 16), (200, 50), (1, 1)] {
            check_frame(&h, width, height)?;
        }
    }
}
