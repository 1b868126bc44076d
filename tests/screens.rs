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

/// The rows of the browser's detail pane as drawn (the text inside the "Details" block),
/// and the width its lines are wrapped to.
fn detail_rows(h: &Harness, width: u16, height: u16) -> (Vec<String>, usize) {
    let backend = h.draw(width, height);
    let buffer = backend.buffer();
    let row = |y: u16, from: u16, to: u16| -> String {
        (from..to).map(|x| buffer[(x, y)].symbol()).collect()
    };
    for y in 0..height {
        for x in 0..width {
            if !row(y, x, width).starts_with("┌ Details ") {
                continue;
            }
            let right = (x + 1..width)
                .find(|&r| buffer[(r, y)].symbol() == "┐")
                .expect("the block's right corner");
            let rows = (y + 1..height)
                .take_while(|&b| buffer[(x, b)].symbol() != "└")
                .map(|b| row(b, x + 1, right).trim_end().to_string())
                .collect();
            // The pane wraps to one column less than its inside (`ui::browser`).
            return (rows, usize::from(right - x - 2));
        }
    }
    panic!("no detail pane on screen:\n{}", h.screen(width, height));
}

/// The detail pane builds its lines only down to a page below what it shows
/// (`ui::details`); paging down must still show every line of a long circle's details, in
/// order, down to the last, and say when the end is reached.
#[test]
fn paging_down_the_details_shows_every_line_of_a_long_circle() {
    let mut h = Harness::demo();
    h.press(KeyCode::Enter);
    let (width, height) = (80, 24);
    let (first, wrap) = detail_rows(&h, width, height);
    let inner = first.len();
    let page = usize::from(roundtable::ui::DETAIL_PAGE);
    let view = h.app.view();
    let org = view.org.as_deref().expect("organisation");
    let anchor = org.anchor().expect("an anchor circle");
    let full: Vec<String> = roundtable::ui::details::circle_lines(org, anchor, wrap, usize::MAX)
        .iter()
        .map(|l| l.to_string().trim_end().to_string())
        .collect();
    assert!(
        full.len() > inner + 2 * page,
        "the anchor's details are longer than two pages below the first ({} lines)",
        full.len()
    );
    let mut scroll = 0;
    loop {
        let (rows, _) = detail_rows(&h, width, height);
        let shown = &full[scroll..scroll + inner];
        assert_eq!(rows, shown, "the page from line {scroll}");
        if scroll + inner == full.len() {
            break;
        }
        assert!(
            !h.screen(width, height).contains("end ▲"),
            "not the end at line {scroll}"
        );
        h.press(KeyCode::PageDown);
        scroll = (scroll + page).min(full.len() - inner);
    }
    assert!(h.screen(width, height).contains("end ▲"), "the end is said");
}
