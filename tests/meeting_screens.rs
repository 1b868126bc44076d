//! Snapshots of a tactical meeting of Bakehouse, step by step, at 80x24 and 200x50, and in
//! presentation mode. The clock is fixed, so the countdowns are too.

mod common;

use common::Harness;
use insta::assert_snapshot;
use ratatui::crossterm::event::KeyCode::{self, Char, Enter, Right};

fn both_sizes(h: &Harness, name: &str) {
    assert_snapshot!(format!("{name}_80x24"), h.draw(80, 24));
    assert_snapshot!(format!("{name}_200x50"), h.draw(200, 50));
}

#[test]
fn setup_lists_who_is_invited() {
    let mut h = Harness::demo();
    h.press(Char('j')).press(Char('t'));
    both_sizes(&h, "setup");
}

#[test]
fn every_step_of_a_tactical_meeting() {
    let mut h = Harness::demo();
    h.start_tactical(1, &["Mei Chen"]);
    h.press(Enter)
        .enter_text("Tired but happy")
        .wait(75)
        .press(Right)
        .wait(20);
    both_sizes(&h, "step1_check_in");
    h.press(Char('>')).press(Char('c')).press(Char('x'));
    both_sizes(&h, "step2_checklist");
    h.press(Char('>'))
        .press(Enter)
        .enter_text("2050")
        .enter_text("Festival week");
    both_sizes(&h, "step3_metrics");
    h.press(Char('>'))
        .press(Enter)
        .enter_text("Three test batches baked");
    both_sizes(&h, "step4_progress");
    h.press(Char('>'))
        .press(Char('a'))
        .enter_text("Butter timing")
        .choose("Lucía Fernández");
    h.press(Char('a'))
        .enter_text("Oven quote")
        .choose("Kwame Mensah");
    both_sizes(&h, "step5_agenda");
    h.wait(600)
        .press(Char('>'))
        .press(Enter)
        .choose("Next action")
        .enter_text("Ask the dairy for a 5 am delivery");
    h.choose("Ingredients Buyer — Tomasz Nowak");
    both_sizes(&h, "step6_triage");
    h.press(Enter);
    assert_snapshot!("step6_triage_output_kind_80x24", h.draw(80, 24));
    h.press(KeyCode::Esc).press(Char('>'));
    both_sizes(&h, "step7_closing");
    h.press(Char('e'));
    assert_snapshot!("end_confirm_80x24", h.draw(80, 24));
}

#[test]
fn presentation_mode_shows_the_step_and_speaker_in_big_letters() {
    let mut h = Harness::demo();
    h.start_tactical(1, &[]);
    h.press(Char('P'));
    both_sizes(&h, "presentation_check_in");
    h.press(Char('>'));
    both_sizes(&h, "presentation_checklist");
}
