//! Who is invited to a circle's meetings and who else may be there, driven as a facilitator
//! would at the setup screen: the sub-circles' Leads and Reps (4.1 §2.3.1; 5.0 §5.1,
//! §5.1.1), guests invited by a link for a tension (4.1 §3.3.1; 5.0 §5.4.1), and observers.

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode::{Char, Down, Enter, Up};
use roundtable::app::Screen;
use roundtable::domain::meeting::Attendee;

fn attendees(h: &Harness) -> Vec<Attendee> {
    match &h.app.view().screen {
        Screen::MeetingSetup(setup) => setup.attendees.clone(),
        _ => panic!("no setup:\n{}", h.screen(100, 30)),
    }
}

fn names(h: &Harness) -> Vec<String> {
    attendees(h).into_iter().map(|a| a.name).collect()
}

/// Selects the attendee named `name` on the setup screen.
fn select(h: &mut Harness, name: &str) {
    let at = names(h).iter().position(|n| n == name).expect("invited");
    h.press_n(Up, 50).press_n(Down, at);
}

#[test]
fn five_o_5_1_the_anchor_circles_meetings_invite_every_sub_circles_circle_lead_and_rep() {
    let mut h = Harness::demo();
    h.press(Char('g'));
    let invited = names(&h);
    for lead in [
        "Jonas Lindqvist",
        "Hannah Becker",
        "Sofia Russo",
        "Tomasz Nowak",
    ] {
        assert!(invited.iter().any(|n| n == lead), "{lead}: {invited:?}");
    }
    let screen = h.screen(100, 30);
    for why in [
        "Jonas Lindqvist  Circle Lead of Bakehouse",
        "Tomasz Nowak  Circle Rep of Bakehouse",
    ] {
        assert!(screen.contains(why), "the setup says why: {why}\n{screen}");
    }
    h.press(Char('q')).press(Char('t'));
    assert!(names(&h).iter().any(|n| n == "Jonas Lindqvist"));
}

#[test]
fn four_one_2_3_1_the_anchor_circles_meetings_invite_every_sub_circles_lead_link() {
    let mut h = Harness::demo_under_four_one();
    h.press(Char('g'));
    assert!(names(&h).iter().any(|n| n == "Jonas Lindqvist"));
}

#[test]
fn five_o_5_4_1_a_circle_rep_invites_a_guest_for_a_tension_and_the_guest_is_recorded_so() {
    let mut h = Harness::demo();
    h.press(Char('g'));
    select(&mut h, "Tomasz Nowak");
    h.press(Char('a'))
        .enter_text("Zoë Park")
        .enter_text("Flour supply");
    let guest = attendees(&h).pop().expect("guest");
    assert_eq!(guest.name, "Zoë Park");
    let inv = guest.invitation.expect("invitation");
    assert_eq!(inv.tension, "Flour supply");
    assert_eq!(names(&h)[inv.by], "Tomasz Nowak");
    let screen = h.screen(100, 30);
    assert!(
        screen.contains("guest of Tomasz Nowak, for \"Flour supply\""),
        "{screen}"
    );
    // One at a time: the same Rep cannot invite a second guest.
    select(&mut h, "Tomasz Nowak");
    h.press(Char('a'));
    assert!(
        h.status()
            .is_some_and(|s| s.contains("already has its guest"))
    );
    h.press(Enter);
    let g = h.governance();
    assert!(g.state.attendees.iter().any(|a| a.invitation.is_some()));
}

#[test]
fn five_o_5_4_1_a_member_who_is_no_circle_rep_cannot_invite_a_guest() {
    let mut h = Harness::demo();
    h.press(Char('g'));
    select(&mut h, "Priya Raman");
    let before = attendees(&h).len();
    h.press(Char('a'));
    assert!(
        h.status()
            .is_some_and(|s| s.starts_with("5.0 §5.4.1") && s.contains("Circle Rep")),
        "{:?}",
        h.status()
    );
    assert_eq!(attendees(&h).len(), before, "nothing added");
}

#[test]
fn four_one_3_3_1_the_lead_link_may_invite_a_guest() {
    let mut h = Harness::demo_under_four_one();
    h.press(Char('g'));
    select(&mut h, "Amara Okafor");
    h.press(Char('a')).enter_text("Zoë Park").enter_text("Rent");
    assert!(attendees(&h).last().is_some_and(|a| a.invitation.is_some()));
}

#[test]
fn an_observer_is_shown_as_such_and_is_never_asked_in_a_round() {
    let mut h = Harness::demo();
    h.press(Char('g'))
        .press(Char('o'))
        .enter_text("Sam Visitor");
    let screen = h.screen(100, 30);
    assert!(screen.contains("Sam Visitor  observer"), "{screen}");
    h.press(Enter);
    let g = h.governance();
    let obs = g
        .state
        .attendees
        .iter()
        .position(|a| a.name == "Sam Visitor")
        .expect("recorded");
    assert!(g.state.attendees[obs].observer);
    assert!(!g.state.rounds.order.contains(&obs), "not in the check-in");
}
