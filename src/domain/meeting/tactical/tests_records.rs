//! What a tactical meeting's record keeps (issue 13): each round its own speaking order and
//! every note, guests by the name typed, one metric value per period; a triage item's clock.

use super::super::Attendee;
use super::tests::{Run, attendee};
use super::*;

#[test]
fn shuffling_the_closing_round_leaves_the_check_in_round_as_it_was_spoken() {
    let mut run = Run::new();
    run.wait(20).ok(Event::CursorMoved {
        step: Step::CheckIn,
        index: 1,
    });
    run.wait(10).ok(Event::CursorMoved {
        step: Step::CheckIn,
        index: 2,
    });
    run.wait(5).step(Step::Closing);
    // A few seconds in, before anyone has spoken, the closing round is shuffled.
    run.wait(3).ok(Event::OrderChanged {
        order: vec![3, 1, 0],
    });
    run.wait(7).ok(Event::CursorMoved {
        step: Step::Closing,
        index: 1,
    });
    let m = run.state();
    assert_eq!(m.rounds.order_of(Step::CheckIn), [0, 1, 3]);
    assert_eq!(m.rounds.order_of(Step::Closing), [3, 1, 0]);
    let spoken = |step| -> Vec<(usize, Option<i64>)> {
        m.rounds
            .spoken(step)
            .into_iter()
            .map(|(who, f)| (who, f.map(|f| f.seconds)))
            .collect()
    };
    assert_eq!(
        spoken(Step::CheckIn),
        [(0, Some(20)), (1, Some(10)), (3, Some(5))]
    );
    assert_eq!(spoken(Step::Closing), [(3, Some(7)), (1, None), (0, None)]);
}

#[test]
fn going_back_to_the_check_in_round_takes_up_its_own_order_again() {
    let mut run = Run::new();
    run.step(Step::Closing).ok(Event::OrderChanged {
        order: vec![3, 0, 1],
    });
    run.step(Step::CheckIn);
    assert_eq!(run.state().rounds.order, [0, 1, 3]);
    run.step(Step::Closing);
    assert_eq!(run.state().rounds.order, [3, 0, 1]);
}

#[test]
fn a_second_note_for_a_speaker_adds_to_the_first() {
    let mut run = Run::new();
    for text in ["Tired", "but happy"] {
        run.ok(Event::NoteTaken {
            step: Step::CheckIn,
            attendee: 0,
            text: text.into(),
        });
    }
    let m = run.state();
    let notes: Vec<&str> = m
        .rounds
        .notes_for(Step::CheckIn, 0)
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(notes, ["Tired", "but happy"]);
}

#[test]
fn a_guest_of_an_old_log_reads_by_the_name_typed_and_as_a_guest() {
    let old_guest = Attendee {
        person: None,
        name: "Zoë Park (guest)".into(),
        present: true,
        guest: false,
        invitation: None,
        observer: false,
    };
    let run = Run::with(vec![attendee("Ana", true), old_guest], 60);
    let m = run.state();
    assert_eq!(m.attendees[1].name, "Zoë Park");
    assert!(m.attendees[1].guest && m.attendees[1].is_guest());
    assert!(!m.attendees[0].is_guest());
    // A guest recorded now keeps the name as typed, even one ending in "(guest)" words.
    let json = serde_json::to_string(&Attendee::guest("Zoë Park".into(), None)).expect("json");
    assert_eq!(
        json,
        r#"{"person":null,"name":"Zoë Park","present":true,"guest":true}"#
    );
    let member = serde_json::to_string(&attendee("Ana", true)).expect("json");
    assert!(!member.contains("guest"), "members' entries are as before");
}

#[test]
fn a_closed_items_clock_stops_and_the_next_shares_what_is_left_of_triage() {
    let mut run = Run::new();
    run.step(Step::Agenda);
    let a = run.add_item("Butter", 0);
    run.add_item("Queue", 1);
    run.step(Step::Triage);
    run.wait(3 * 60).ok(Event::ItemClosed {
        item: a,
        got_what_needed: true,
    });
    let m = run.state();
    assert_eq!(
        m.item_deadline(),
        Some(m.step_deadline()),
        "the last open item shares all of the step's time left"
    );
    run.ok(Event::CursorMoved {
        step: Step::Triage,
        index: 0,
    });
    assert_eq!(
        run.state().item_deadline(),
        None,
        "a closed item has no clock"
    );
}
