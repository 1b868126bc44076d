//! Refused before anything is typed: a key that starts an entry the meeting would refuse
//! whatever words it gets says so at once and opens no prompt, picker or question. The
//! meeting's own `decide` is asked (through `Flow::may`), not a check per key.

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode::{Char, Enter, Left};
use roundtable::domain::meeting::governance::{ElectionStep, GovStep};
use roundtable::domain::meeting::tactical::Step;

const BAKEHOUSE: usize = 1;

/// No modal is open over the meeting, and the status line says `words`.
fn refused_at_once(h: &Harness, words: &str) {
    let modal = match &h.app.view().screen {
        roundtable::app::Screen::Tactical(s) => s.modal.is_some(),
        roundtable::app::Screen::Governance(s) => s.modal.is_some(),
        _ => panic!("no meeting:\n{}", h.screen(100, 30)),
    };
    assert!(!modal, "a modal opened:\n{}", h.screen(100, 30));
    let status = h.status().unwrap_or_default();
    assert!(
        status.contains(words),
        "status {status:?}, wanted {words:?}"
    );
}

fn tactical_at(h: &mut Harness, step: Step) {
    h.start_tactical(BAKEHOUSE, &[]);
    while h.meeting().state.step != step {
        h.press(Char('>'));
    }
}

#[test]
fn done_on_a_project_already_updated_is_refused_before_the_update_is_asked() {
    let mut h = Harness::demo();
    tactical_at(&mut h, Step::Progress);
    h.press(Enter).enter_text("Three test batches baked");
    h.press(Left).press(Char('d'));
    refused_at_once(&h, "Already updated");
    h.press(Char('w'));
    refused_at_once(&h, "Already updated");
}

#[test]
fn enter_on_a_metric_reported_in_this_meeting_is_refused_before_the_value_is_asked() {
    let mut h = Harness::demo();
    tactical_at(&mut h, Step::Metrics);
    h.press(Enter).enter_text("2050").enter_text("");
    h.press(Left).press(Enter);
    refused_at_once(&h, "Already reported");
}

#[test]
fn removing_an_agenda_item_with_outputs_is_refused_before_the_question() {
    let mut h = Harness::demo();
    tactical_at(&mut h, Step::Agenda);
    h.press(Char('a'))
        .enter_text("Butter timing")
        .choose("Lucía Fernández");
    h.press(Char('>'));
    h.press(Enter)
        .choose("Information")
        .enter_text("Dairy delivers at six");
    h.press(Char('<')).press(Char('x'));
    refused_at_once(&h, "has outputs");
}

#[test]
fn a_closed_triage_item_offers_no_output_and_no_second_close() {
    let mut h = Harness::demo();
    tactical_at(&mut h, Step::Agenda);
    h.press(Char('a'))
        .enter_text("Butter timing")
        .choose("Lucía Fernández");
    h.press(Char('>')).press(Char('c')).choose("Yes");
    // Shown closed: no share clock, and neither Enter nor c on the hint bar.
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("closed") && !screen.contains("share "),
        "{screen}"
    );
    let keys: Vec<_> = h.app.view().hints.iter().map(|k| k.keys).collect();
    assert!(!keys.contains(&"Enter") && !keys.contains(&"c"), "{keys:?}");
    h.press(Enter);
    refused_at_once(&h, "closed");
    h.press(Char('c'));
    refused_at_once(&h, "already closed");
}

/// A governance meeting of the Bakehouse at its items, a Secretary election first.
fn governance_election(h: &mut Harness) {
    h.start_governance(BAKEHOUSE);
    h.press(Char('>'));
    h.press(Char('a')).choose("An election of the Secretary");
    h.press(Char('>'));
    assert_eq!(h.governance().state.step, GovStep::Items);
    h.press(Enter).enter_text("");
}

#[test]
fn electing_before_everyone_has_answered_the_objection_round_is_refused_before_asking() {
    let mut h = Harness::demo();
    governance_election(&mut h);
    for _ in 0..6 {
        h.press(Enter);
        let voter = match &h.governance().modal {
            Some(roundtable::ui::Modal::Picker(p)) => p.options[0].clone(),
            _ => panic!("no voter picker:\n{}", h.screen(100, 30)),
        };
        h.choose(&voter).choose("Elif");
    }
    h.press(Char('n'));
    for _ in 0..6 {
        h.press(Enter).enter_text("Careful");
    }
    h.press(Char('n'));
    for _ in 0..6 {
        h.press(Enter);
    }
    h.press(Char('n')).press(Enter);
    let election = h
        .governance()
        .state
        .current_item()
        .and_then(|i| i.election.clone())
        .expect("an election");
    assert_eq!(election.step, ElectionStep::Objections);
    // Issue 13 item 12: `a` is not offered in the items step while it would do nothing.
    let bar = |h: &Harness| {
        h.screen(200, 50)
            .lines()
            .last()
            .unwrap_or_default()
            .to_string()
    };
    assert!(!bar(&h).contains("a elect"), "{}", bar(&h));
    h.press(Enter);
    h.press(Char('a'));
    refused_at_once(&h, "asked for objections first");
    for _ in 0..5 {
        h.press(Enter);
    }
    assert!(bar(&h).contains("a elect"), "{}", bar(&h));
}

#[test]
fn taking_back_a_random_draw_is_refused_before_asking_so_it_cannot_be_re_rolled() {
    let mut h = Harness::demo();
    governance_election(&mut h);
    for nominee in ["Elif", "Elif", "Elif", "Tomasz", "Tomasz", "Tomasz"] {
        h.press(Enter);
        let voter = match &h.governance().modal {
            Some(roundtable::ui::Modal::Picker(p)) => p.options[0].clone(),
            _ => panic!("no voter picker:\n{}", h.screen(100, 30)),
        };
        h.choose(&voter).choose(nominee);
    }
    h.press(Char('n'));
    for _ in 0..6 {
        h.press(Enter).enter_text("Careful");
    }
    h.press(Char('n'));
    for _ in 0..6 {
        h.press(Enter);
    }
    h.press(Char('n')).press(Enter);
    h.choose("A blind random draw");
    h.press(Char('u'));
    refused_at_once(&h, "A random draw stays in the record");
}

#[test]
fn the_proposal_editor_does_not_open_during_a_time_out() {
    let mut h = Harness::demo();
    h.start_governance(BAKEHOUSE);
    h.press(Char('>'));
    h.press(Char('a'))
        .choose("A proposal")
        .enter_text("Waste")
        .choose("Kwame Mensah");
    h.press(Char('>'));
    h.press(Char('T')).choose("Kwame Mensah").press(Char('y'));
    assert!(h.governance().state.in_time_out());
    h.press(Char('c'));
    refused_at_once(&h, "time out is running");
    h.press(Enter);
    refused_at_once(&h, "time out is running");
    // Once the time out has ended, the editor opens.
    h.press(Char('T')).press(Char('c'));
    assert!(h.governance().modal.is_some(), "{}", h.screen(100, 30));
}

/// The hint bar shows only what the meeting would take now: during a 5.0 time out (§5.4.3:
/// only logistics and the rules) the keys that would be refused are left off it, and `T`
/// (to end it), `u` and the notes' keys stay; once it ends they are back. The help still
/// lists every key.
#[test]
fn the_hint_bar_leaves_off_the_keys_a_time_out_refuses() {
    let mut h = Harness::demo();
    h.start_governance(BAKEHOUSE);
    h.press(Char('>'));
    h.press(Char('a'))
        .choose("A proposal")
        .enter_text("Waste")
        .choose("Kwame Mensah");
    h.press(Char('>'));
    let bar = |h: &Harness| {
        h.screen(200, 50)
            .lines()
            .last()
            .unwrap_or_default()
            .to_string()
    };
    let before = bar(&h);
    // `n` (on to the clarifying questions) waits for the proposal to be framed (the steps go
    // in order), so it is not among the keys before.
    for key in ["Enter ", "c ", "d close", "e end", "> < step"] {
        assert!(before.contains(key), "{key:?} missing before: {before}");
    }
    h.press(Char('T')).choose("Kwame Mensah").press(Char('y'));
    let during = bar(&h);
    for key in [
        "Enter ", "c ", "n ", "d close", "e end", "> < step", "t extend",
    ] {
        assert!(!during.contains(key), "{key:?} shown during: {during}");
    }
    for key in ["T time out", "u undo", "→ ← next", "q leave"] {
        assert!(during.contains(key), "{key:?} missing during: {during}");
    }
    let help = &h.app.view().help;
    assert!(help.iter().any(|l| l.keys == "c"), "help keeps every key");
    h.press(Char('T'));
    assert_eq!(bar(&h), before);
}

#[test]
fn a_proposal_withdrawn_before_framing_no_longer_offers_to_frame_it() {
    let mut h = Harness::demo();
    h.start_governance(BAKEHOUSE);
    h.press(Char('>'));
    h.press(Char('a'))
        .choose("A proposal")
        .enter_text("Waste")
        .choose("Kwame Mensah");
    h.press(Char('>'));
    assert!(h.screen(120, 40).contains("Enter frames the tension"));
    h.press(Char('d')).choose("Withdrawn by the proposer");
    let closed = h.screen(120, 40);
    assert!(
        !closed.contains("Enter frames the tension"),
        "a closed proposal is not framed any more: {closed}"
    );
    assert!(
        closed.contains("closed before its tension was framed"),
        "{closed}"
    );
}
