//! Snapshots of a governance meeting of Bakehouse at 80x24 and 200x50: the rounds, the
//! agenda, each step of a proposal with its diff, an objection test, integration, an
//! election's ballots and count, and presentation mode. The clock is fixed, so the
//! countdowns are too.

mod common;

use common::Harness;
use insta::assert_snapshot;
use ratatui::crossterm::event::KeyCode::{Char, Enter, Esc, Right};

fn both_sizes(h: &Harness, name: &str) {
    assert_snapshot!(format!("{name}_80x24"), h.draw(80, 24));
    assert_snapshot!(format!("{name}_200x50"), h.draw(200, 50));
}

/// Agenda building: Kwame's proposal "Waste", then the Secretary's election, which Mei asks
/// to go first.
fn agenda_with_the_election_first(h: &mut Harness) {
    h.press(Char('a'))
        .choose("A proposal")
        .enter_text("Waste")
        .choose("Kwame Mensah");
    h.press(Char('a')).choose("An election of the Secretary");
    h.press(Right).press(Char('f')).choose("Mei Chen");
}

/// A ballot for each of `nominees`, each cast by the first voter still to cast.
fn cast(h: &mut Harness, nominees: &[&str]) {
    for nominee in nominees {
        h.press(Enter);
        let voter = match &h.governance().modal {
            Some(roundtable::ui::Modal::Picker(p)) => p.options[0].clone(),
            _ => panic!("no voter picker"),
        };
        h.choose(&voter).choose(nominee);
    }
}

/// The nomination round (everyone's reason: "Steady"), then the change round where nobody
/// changes, and on to the count.
fn reasons_read_and_nobody_changes(h: &mut Harness) {
    h.press(Char('n'));
    for _ in 0..6 {
        h.press(Enter).enter_text("Steady");
    }
    h.press(Char('n'));
    h.press_n(Enter, 6).press(Char('n'));
}

/// The proposal's tension framed for the Ovens and Equipment Keeper, and a Waste Tracker
/// role written in the editor (not saved yet).
fn frame_and_write_a_waste_tracker(h: &mut Harness) {
    h.press(Enter)
        .enter_text("Too much bread thrown away")
        .enter_text("Forty loaves last Friday")
        .choose("Ovens and Equipment Keeper");
    h.press(Char('c'))
        .choose("Create a role")
        .enter_text("Waste Tracker")
        .enter_text("Bread that is baked gets eaten")
        .enter_text("Waste log")
        .enter_text("Weighing unsold bread daily; Reporting waste weekly");
}

/// In integration, `c`: the Ovens and Equipment Keeper's accountabilities gain Sunday
/// weighing; then Esc, the amendment still being written.
fn amend_the_keeper_for_sundays(h: &mut Harness) {
    h.press(Char('c')).choose("Amend a role");
    h.choose("Ovens and Equipment Keeper")
        .choose("Accountabilities");
    let value = match &h.governance().modal {
        Some(roundtable::ui::Modal::Prompt(p)) => p.value(),
        _ => panic!("no prompt"),
    };
    h.enter_text(&format!("; {value}; Weighing unsold bread on Sundays"));
    h.press(Esc);
}

#[test]
fn every_step_of_a_governance_meeting() {
    let mut h = Harness::demo();
    h.start_governance(1);
    h.press(Enter).enter_text("Ready").wait(40).press(Right);
    both_sizes(&h, "gov1_check_in");
    h.press(Char('>'));
    agenda_with_the_election_first(&mut h);
    both_sizes(&h, "gov2_agenda");
    h.wait(300).press(Char('>'));
    both_sizes(&h, "gov3_describe");
    h.press(Enter).enter_text("");
    cast(&mut h, &["Elif", "Elif", "Tomasz", "Tomasz"]);
    both_sizes(&h, "gov3_ballots");
    cast(&mut h, &["Elif", "Tomasz"]);
    reasons_read_and_nobody_changes(&mut h);
    both_sizes(&h, "gov4_election_tie");
    h.press(Enter).choose("The incumbent");
    h.press(Enter).press(Enter);
    both_sizes(&h, "gov4_election_count");
    h.press_n(Enter, 4).press(Char('a')).press(Char('y'));
    h.press(Right);
    frame_and_write_a_waste_tracker(&mut h);
    both_sizes(&h, "gov5_editor");
    h.choose("Save");
    both_sizes(&h, "gov6_present");
    h.press(Char('n'));
    h.press(Enter)
        .enter_text("Who weighs on Sundays?")
        .enter_text("");
    both_sizes(&h, "gov7_clarify");
    h.press(Char('n')).press(Char('n')).press(Char('n'));
    h.press_n(Enter, 4);
    h.press(Char('x'))
        .enter_text("Nobody weighs on Sundays")
        .choose("No role named");
    both_sizes(&h, "gov8_objection_round");
    h.press(Enter).press(Char('w'));
    assert_snapshot!("gov9_objection_test_80x24", h.draw(80, 24));
    for answer in ['y', 'y', 'y', 'y', 'n'] {
        h.press(Char(answer));
    }
    h.press(Char('n'));
    amend_the_keeper_for_sundays(&mut h);
    both_sizes(&h, "gov10_integration_amending");
    h.press(Char('P'));
    assert_snapshot!("gov11_presentation_200x50", h.draw(200, 50));
}
