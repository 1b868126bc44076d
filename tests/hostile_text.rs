//! Hostile text, fuzzed: random strings built from control characters, CSI and OSC sequences
//! (OSC 52 included), 8-bit C1 controls, bidi overrides, NUL, zero-width and combining marks,
//! emoji ZWJ sequences and wide characters are typed and pasted into a meeting's text fields,
//! and every screen is drawn at random sizes down to 1x1. Nothing panics, no frame draws
//! outside its area, and nothing stored in the database holds a control, bidi or zero-width
//! character.

mod common;

use common::Harness;
use proptest::prelude::*;
use ratatui::crossterm::event::KeyCode::{Char, Enter, Right};

const BAKEHOUSE: usize = 1;

/// Pieces hostile text is made of.
const PIECES: &[&str] = &[
    "\u{1b}[2J",
    "\u{1b}]0;owned\u{7}",
    "\u{1b}]52;c;aGVsbG8=\u{7}",
    "\u{9b}31m",
    "\u{85}",
    "\u{0}",
    "\u{202e}",
    "\u{2066}",
    "\u{200b}",
    "\u{feff}",
    "e\u{301}",
    "👩‍👩‍👧",
    "漢字",
    "\t",
    "\r\n",
    "plain words",
    "  ",
];

fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 1..12).prop_map(|p| p.concat())
}

/// Whether the text holds anything that must never be stored.
fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        || matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
}

fn stored_texts(h: &Harness) -> Vec<String> {
    let conn = rusqlite::Connection::open(h.app.store().location()).expect("open");
    let mut stmt = conn
        .prepare("SELECT payload FROM meeting_events UNION ALL SELECT text FROM tensions")
        .expect("query");
    stmt.query_map([], |r| r.get::<_, String>(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("read")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn hostile_text_typed_and_pasted_is_stored_clean_and_every_frame_draws(
        texts in prop::collection::vec(hostile(), 1..5),
        sizes in prop::collection::vec((1u16..220, 1u16..70), 1..6),
    ) {
        let dir = tempfile::tempdir().expect("dir");
        let mut h = Harness::demo_file(&dir.path().join("rt.db"));
        h.start_tactical(BAKEHOUSE, &[]);
        for (i, text) in texts.iter().enumerate() {
            h.press(Enter);
            if i % 2 == 0 {
                h.paste(text);
            } else {
                h.type_str(text);
            }
            h.press(Enter).press(Right);
            for &(w, rows) in &sizes {
                h.draw(w, rows);
            }
        }
        // Agenda labels too, and the minutes screen that shows them all.
        h.press_n(Char('>'), 4);
        h.press(Char('a'));
        h.paste(&texts[0]);
        h.press(Enter).press(Enter);
        for &(w, rows) in &sizes {
            h.draw(w, rows);
        }
        for stored in stored_texts(&h) {
            let strings = serde_json::from_str::<serde_json::Value>(&stored)
                .map(|v| collect_strings(&v))
                .unwrap_or_else(|_| vec![stored.clone()]);
            for s in strings {
                prop_assert!(!s.chars().any(forbidden), "stored {s:?}");
            }
        }
    }
}

/// Every string inside a JSON value.
fn collect_strings(v: &serde_json::Value) -> Vec<String> {
    match v {
        serde_json::Value::String(s) => vec![s.clone()],
        serde_json::Value::Array(a) => a.iter().flat_map(collect_strings).collect(),
        serde_json::Value::Object(o) => o.values().flat_map(collect_strings).collect(),
        _ => Vec::new(),
    }
}
