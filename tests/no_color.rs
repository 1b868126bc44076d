//! The plain theme that `NO_COLOR` and `TERM=dumb` ask for: not one colour on any screen, and
//! the selection still plain to see, by reverse video and a marker glyph. (In its own test
//! binary: the theme is chosen once per process.)

mod common;

use common::Harness;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode::{Char, Enter};
use ratatui::style::{Color, Modifier};
use roundtable::ui::theme;

/// Fails if any cell of the frame has a colour.
fn assert_no_colour(backend: &TestBackend, what: &str) {
    let buffer = backend.buffer();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            assert!(
                cell.fg == Color::Reset && cell.bg == Color::Reset,
                "{what}: colour at {x},{y} ({:?} on {:?}):\n{backend}",
                cell.fg,
                cell.bg
            );
        }
    }
}

/// The row whose first cell inside the list border carries the selection marker.
fn selected_row(backend: &TestBackend) -> Option<u16> {
    let buffer = backend.buffer();
    (0..buffer.area.height).find(|&y| buffer[(1, y)].symbol() == "▶")
}

#[test]
fn no_screen_has_a_colour_and_the_selection_is_marked() {
    theme::use_plain(true);
    let mut h = Harness::demo();
    h.press(Char('j'));
    let home = h.draw(80, 24);
    assert_no_colour(&home, "home");
    let row = selected_row(&home).unwrap_or_else(|| panic!("no marker:\n{home}"));
    let cell = &home.buffer()[(3, row)];
    assert!(
        cell.modifier.contains(Modifier::REVERSED),
        "reversed: {:?}\n{home}",
        cell.modifier
    );

    h.start_tactical(0, &[]);
    assert_no_colour(&h.draw(80, 24), "check-in");
    h.press_n(Char('>'), 4)
        .press(Char('a'))
        .enter_text("Butter timing")
        .choose("Lucía Fernández")
        .press(Char('>'))
        .press(Enter);
    let picker = h.draw(80, 24);
    assert_no_colour(&picker, "triage with a picker");
    assert!(picker.buffer().content().iter().any(|c| c.symbol() == "▶"));
}

#[test]
fn the_environment_decides_the_theme() {
    assert!(theme::plain_wanted(Some("1"), None));
    assert!(theme::plain_wanted(None, Some("dumb")));
    assert!(!theme::plain_wanted(None, Some("xterm-256color")));
}
