//! What must stay on screen at 80x24 and the 60x16 minimum: the keys of the moment on the
//! hint bar, the end of the help, lists longer than their box, the decisive column of a
//! row, and pop-ups that hide what is beneath them.

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode::{self, Char, Enter, Esc, PageDown, Right};

/// The last row of the screen: the hint bar.
fn hint_bar(h: &Harness, width: u16, height: u16) -> String {
    let screen = h.screen(width, height);
    screen.lines().last().unwrap_or_default().to_string()
}

/// The screen's rows.
fn rows(h: &Harness, width: u16, height: u16) -> Vec<String> {
    h.screen(width, height).lines().map(String::from).collect()
}

/// The labels of the help overlay's lines for the current screen.
fn help_labels(h: &Harness) -> Vec<String> {
    h.app
        .view()
        .help
        .iter()
        .map(|h| h.label.to_string())
        .collect()
}

#[test]
fn the_setup_hint_bar_at_80_columns_offers_guests_and_duration() {
    let mut h = Harness::demo();
    h.press(Char('j')).press(Char('t'));
    let bar = hint_bar(&h, 80, 24);
    assert!(bar.contains("a guest"), "{bar}");
    assert!(bar.contains("+ - duration"), "{bar}");
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("(s)"),
        "the secretary key is on screen:\n{screen}"
    );
}

#[test]
fn the_hint_bar_shows_the_moments_keys_first_and_says_more_are_under_help() {
    let mut h = Harness::demo();
    h.start_tactical(1, &[]);
    let bar = hint_bar(&h, 80, 24);
    for key in ["Enter note", "n question", "s shuffle", "u undo"] {
        assert!(bar.contains(key), "{key} missing: {bar}");
    }
    assert!(bar.ends_with("? more"), "{bar}");
    let bar = hint_bar(&h, 200, 50);
    assert!(bar.contains("e end") && bar.ends_with("? help"), "{bar}");
}

#[test]
fn the_closing_round_does_not_offer_another_check_in_question() {
    let mut h = Harness::demo();
    h.start_tactical(1, &[]);
    assert!(help_labels(&h).contains(&"another check-in question".to_string()));
    h.press_n(Char('>'), 6);
    assert!(hint_bar(&h, 200, 50).contains("Enter note"));
    assert!(!hint_bar(&h, 200, 50).contains("n question"));
    assert!(!help_labels(&h).iter().any(|l| l.contains("question")));
}

#[test]
fn time_outs_are_offered_only_under_holacracy_five() {
    let mut h = Harness::demo();
    h.start_governance(1);
    assert!(hint_bar(&h, 200, 50).contains("T time out"));
    let mut h = Harness::demo_under_four_one();
    h.start_governance(1);
    assert!(!hint_bar(&h, 200, 50).contains("T time out"));
    assert!(!help_labels(&h).iter().any(|l| l.contains("time out")));
}

#[test]
fn the_browser_date_dialog_shows_its_own_keys() {
    let mut h = Harness::demo();
    h.press(Enter).press(Char('d'));
    let bar = hint_bar(&h, 80, 24);
    assert!(
        bar.contains("Enter confirm") && bar.contains("Esc cancel"),
        "{bar}"
    );
    assert!(!bar.contains("as of"), "{bar}");
}

#[test]
fn the_past_meetings_help_says_q_is_typed_into_the_filter() {
    let mut h = Harness::demo();
    h.press(Char('p'));
    let help = help_labels(&h).join(" | ");
    assert!(help.contains("q is typed"), "{help}");
    assert!(
        !help.contains("also k j"),
        "k and j are typed there too: {help}"
    );
}

#[test]
fn the_help_overlay_scrolls_to_its_end_at_60x16() {
    let mut h = Harness::demo();
    h.start_tactical(1, &[]).press(Char('?'));
    let screen = h.screen(60, 16);
    assert!(!screen.contains("Ctrl-C quit from"), "{screen}");
    assert!(screen.contains("more"), "says there is more:\n{screen}");
    h.press_n(PageDown, 5);
    let screen = h.screen(60, 16);
    assert!(screen.contains("Ctrl-C quit from"), "{screen}");
    assert!(screen.contains("↑"), "says there is more above:\n{screen}");
    h.press(Esc).press(Char('?'));
    assert!(
        !h.screen(60, 16).contains("Ctrl-C quit from"),
        "reopens at the top"
    );
}

/// A tactical meeting of Bakehouse in triage, with `items` agenda items.
fn in_triage(items: usize) -> Harness {
    let mut h = Harness::demo();
    h.start_tactical(1, &[]).press_n(Char('>'), 4);
    for i in 0..items {
        h.press(Char('a'))
            .enter_text(&format!("Item {i}"))
            .choose("Lucía Fernández");
    }
    h.press(Char('>'));
    h
}

#[test]
fn triage_shows_the_newest_output_and_how_many_are_above() {
    let mut h = in_triage(2);
    for i in 1..=8 {
        h.press(Enter)
            .choose("Information")
            .enter_text(&format!("Output number {i} of the butter talk"));
    }
    for (w, ht) in [(80, 24), (60, 16)] {
        let screen = h.screen(w, ht);
        assert!(
            screen.contains("Output number 8"),
            "newest at {w}x{ht}:\n{screen}"
        );
        assert!(
            screen.contains("more"),
            "a more mark at {w}x{ht}:\n{screen}"
        );
    }
}

#[test]
fn a_long_agenda_says_how_many_items_are_below() {
    let mut h = Harness::demo();
    h.start_tactical(1, &[]).press_n(Char('>'), 4);
    for i in 0..15 {
        h.press(Char('a'))
            .enter_text(&format!("Item {i}"))
            .choose("Lucía Fernández");
    }
    h.press_n(KeyCode::Left, 20);
    let screen = h.screen(60, 16);
    assert!(screen.contains("↓"), "{screen}");
    assert!(screen.contains(" more "), "{screen}");
    assert!(!screen.contains("Item 14"), "{screen}");
    h.press_n(Right, 14);
    assert!(h.screen(60, 16).contains("Item 14"));
}

#[test]
fn the_triage_share_clock_stays_with_a_long_label_and_owner() {
    let mut h = Harness::demo();
    h.start_tactical(1, &[]).press_n(Char('>'), 4);
    h.press(Char('a'))
        .enter_text("Butter timing with the new dairy for the whole winter season")
        .choose("Lucía Fernández");
    h.press(Char('>'));
    let screen = h.screen(60, 16);
    let head = screen
        .lines()
        .find(|l| l.contains("Item 1 of 1"))
        .unwrap_or_default();
    assert!(head.contains("share "), "{head}");
    assert!(head.contains('…'), "the label is cut instead: {head}");
}

#[test]
fn checklist_rows_keep_their_period_and_answer_at_80_columns() {
    let mut h = Harness::demo();
    h.start_tactical(1, &[]).press(Char('>')).press(Char('c'));
    let screen = h.screen(80, 24);
    let rows: Vec<&str> = screen.lines().filter(|l| l.contains("· ...")).collect();
    assert!(!rows.is_empty(), "{screen}");
    for row in &rows {
        assert!(
            row.contains("weekly") || row.contains("monthly") || row.contains("quarterly"),
            "{row}"
        );
    }
    assert!(screen.contains("✓ check"), "{screen}");
}

#[test]
fn metric_rows_show_units_and_line_up() {
    let mut h = Harness::demo();
    h.start_tactical(1, &[]).press_n(Char('>'), 2);
    h.press(Enter).enter_text("2050").enter_text("");
    let screen = h.screen(80, 24);
    assert!(screen.contains("last 2050 loaves"), "{screen}");
    let columns: Vec<usize> = screen
        .lines()
        .filter(|l| l.contains("last "))
        .map(|l| l[..l.find("last ").unwrap_or(0)].chars().count())
        .collect();
    assert!(columns.len() >= 2, "{screen}");
    assert!(
        columns.windows(2).all(|w| w[0] == w[1]),
        "aligned: {columns:?}\n{screen}"
    );
}

#[test]
fn a_project_marked_done_says_so_at_80_columns_whatever_the_update() {
    let mut h = Harness::demo();
    h.start_tactical(1, &[]).press_n(Char('>'), 3);
    h.press(Char('d'))
        .enter_text("Three test batches baked, tasted by the whole team and approved by the shop");
    let screen = h.screen(80, 24);
    assert!(screen.contains("→ done"), "{screen}");
}

#[test]
fn pop_ups_leave_nothing_of_the_screen_beneath_at_their_edges() {
    let mut h = in_triage(2);
    h.press(Enter);
    let rows: Vec<Vec<char>> = rows(&h, 80, 24)
        .iter()
        .map(|r| r.chars().collect())
        .collect();
    let shown = || {
        rows.iter()
            .map(|r| r.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let top = rows
        .iter()
        .position(|r| {
            r.iter()
                .collect::<String>()
                .contains("What came out of it?")
        })
        .unwrap_or_else(|| panic!("no picker:\n{}", shown()));
    let left = rows[top].iter().position(|c| *c == '┌').unwrap_or(0);
    let right = rows[top].iter().rposition(|c| *c == '┐').unwrap_or(0);
    let bottom = (top..rows.len())
        .find(|&y| rows[y][left] == '└')
        .unwrap_or_else(|| panic!("no bottom:\n{}", shown()));
    for row in &rows[top..=bottom] {
        let text: String = row.iter().collect();
        assert_eq!(row[left - 1], ' ', "left edge: {text}\n{}", shown());
        assert_eq!(row[right + 1], ' ', "right edge: {text}\n{}", shown());
    }
}

#[test]
fn a_narrow_title_bar_leaves_out_the_programs_name_before_the_date_browsed() {
    let mut h = common::Harness::demo();
    h.press(ratatui::crossterm::event::KeyCode::Enter)
        .press(ratatui::crossterm::event::KeyCode::Char('d'))
        .enter_text("2026-11-20");
    let top = h.screen(60, 16).lines().next().unwrap_or("").to_string();
    assert!(top.contains("As it stood on 2026-11-20"), "{top}");
}
