//! Screen snapshots at 80x24 and the 60x16 minimum, drawn headless from the real app state.

mod common;

use common::Harness;
use insta::assert_snapshot;
use ratatui::crossterm::event::KeyCode;

#[test]
fn welcome_screen_offers_three_ways_to_start() {
    let h = Harness::empty();
    assert_snapshot!("welcome_80x24", h.draw(80, 24));
    assert_snapshot!("welcome_60x16", h.draw(60, 16));
}

#[test]
fn the_adoption_asks_for_the_organisation_name() {
    let mut h = Harness::empty();
    h.press(KeyCode::Char('2'))
        .press(KeyCode::Enter)
        .press(KeyCode::Enter);
    h.type_str("Bread & Roses");
    assert_snapshot!("adoption_name_80x24", h.draw(80, 24));
    h.press(KeyCode::Enter);
    assert_snapshot!("adoption_organisation_60x16", h.draw(60, 16));
}

#[test]
fn home_lists_the_circles_of_the_demo() {
    let h = Harness::demo();
    assert_snapshot!("home_80x24", h.draw(80, 24));
    assert_snapshot!("home_60x16", h.draw(60, 16));
}

#[test]
fn browser_shows_the_selected_role_of_bakehouse() {
    let mut h = Harness::demo();
    h.press(KeyCode::Enter).select_row("Head Baker");
    assert_snapshot!("browser_head_baker_80x24", h.draw(80, 24));
    assert_snapshot!("browser_head_baker_60x16", h.draw(60, 16));
    h.press(KeyCode::PageDown);
    assert_snapshot!("browser_head_baker_scrolled_80x24", h.draw(80, 24));
}

#[test]
fn help_overlay_lists_the_keys_of_the_screen() {
    let mut h = Harness::demo();
    h.press(KeyCode::Char('?'));
    assert_snapshot!("help_home_80x24", h.draw(80, 24));
    assert_snapshot!("help_home_60x16", h.draw(60, 16));
}

#[test]
fn a_terminal_below_the_minimum_gets_a_notice() {
    let h = Harness::demo();
    assert_snapshot!("too_small_59x16", h.draw(59, 16));
    assert_snapshot!("too_small_80x15", h.draw(80, 15));
}

#[test]
fn an_import_error_is_shown_whole_under_the_screen() {
    let mut h = Harness::empty();
    h.press(KeyCode::Char('3'))
        .type_str("/nonexistent/dir/with/a/rather/long/path/organisation.toml");
    h.press(KeyCode::Enter);
    assert_snapshot!("welcome_import_error_80x24", h.draw(80, 24));
}

#[test]
fn tiny_and_huge_terminals_draw_without_panicking() {
    let mut h = Harness::demo();
    h.press(KeyCode::Enter).select_row("Food Bank Partner");
    for (w, h_) in [(1, 1), (0, 0), (2, 40), (400, 3), (60, 16), (500, 200)] {
        h.draw(w, h_);
    }
}
