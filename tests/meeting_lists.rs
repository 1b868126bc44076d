//! Every list of a meeting moves with the arrow keys and the vi keys, as help says for every
//! screen: the check-in round, the checklist, the agenda (where x then removes the selected
//! item, not the first), and the governance agenda.

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode::{Char, Down, Up};
use roundtable::domain::meeting::governance::GovStep;
use roundtable::domain::meeting::tactical::Step;

const BAKEHOUSE: usize = 1;

fn cursor(h: &Harness) -> usize {
    let state = &h.meeting().state;
    state.cursor(state.step)
}

#[test]
fn arrows_and_vi_keys_move_the_speaker_and_the_checklist_item() {
    let mut h = Harness::demo();
    h.start_tactical(BAKEHOUSE, &[]);
    h.press(Down);
    assert_eq!(cursor(&h), 1);
    h.press(Char('j'));
    assert_eq!(cursor(&h), 2);
    h.press(Char('k')).press(Up);
    assert_eq!(cursor(&h), 0);
    h.press(Char('>'));
    assert_eq!(h.meeting().state.step, Step::Checklist);
    h.press(Char('j'));
    assert_eq!(cursor(&h), 1);
    h.press(Up);
    assert_eq!(cursor(&h), 0);
}

#[test]
fn in_the_agenda_down_then_x_removes_the_selected_item() {
    let mut h = Harness::demo();
    h.start_tactical(BAKEHOUSE, &[]);
    while h.meeting().state.step != Step::Agenda {
        h.press(Char('>'));
    }
    for (label, owner) in [("Butter timing", "Lucía"), ("Oven quote", "Kwame")] {
        h.press(Char('a')).enter_text(label).choose(owner);
    }
    h.press(Up).press(Down).press(Char('x'));
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("Remove \"Oven quote\" from the agenda?"),
        "{screen}"
    );
    h.press(Char('y'));
    let labels: Vec<_> = h
        .meeting()
        .state
        .agenda_items()
        .map(|a| a.label.clone())
        .collect();
    assert_eq!(labels, ["Butter timing"]);
}

#[test]
fn the_governance_agenda_moves_with_the_arrows_too() {
    let mut h = Harness::demo();
    h.start_governance(BAKEHOUSE);
    h.press(Char('j'));
    assert_eq!(h.governance().state.cursors[GovStep::CheckIn.index()], 1);
    h.press(Char('>'));
    for label in ["Waste", "Van"] {
        h.press(Char('a'))
            .choose("A proposal")
            .enter_text(label)
            .choose("Kwame Mensah");
    }
    let agenda = GovStep::Agenda.index();
    h.press(Up);
    assert_eq!(h.governance().state.cursors[agenda], 0);
    h.press(Down);
    assert_eq!(h.governance().state.cursors[agenda], 1);
}
