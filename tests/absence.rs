//! Absent people marked everywhere in a tactical meeting: an absent filler is never shown as
//! the one answering "Now"; their role is covered by the present Lead (4.1 §4.2.4), else by
//! someone present who accepts (`b`), and never recorded for nobody; owner pickers mark who is
//! absent and show each filler's focus; a person's own output is called theirs.

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode::{Char, Enter, Right};
use roundtable::domain::meeting::tactical::Step;

const BAKEHOUSE: usize = 1;

/// A Bakehouse meeting with `absent` away, at the metrics step on Lucía's "Pastry waste".
fn at_pastry_waste(h: &mut Harness, absent: &[&str]) {
    h.start_tactical(BAKEHOUSE, absent);
    while h.meeting().state.step != Step::Metrics {
        h.press(Char('>'));
    }
    let org = h.app.view().org.clone().expect("org");
    let at = h
        .meeting()
        .state
        .metrics
        .iter()
        .position(|&m| org.metric(m).is_some_and(|m| m.name == "Pastry waste"))
        .expect("Lucía's metric");
    h.press_n(Right, at);
}

fn attendee(h: &Harness, name: &str) -> Option<usize> {
    h.meeting()
        .state
        .attendees
        .iter()
        .position(|a| a.name == name)
}

#[test]
fn an_absent_fillers_metric_is_reported_by_the_lead_covering_the_role() {
    let mut h = Harness::demo();
    at_pastry_waste(&mut h, &["Lucía Fernández"]);
    let screen = h.screen(200, 30);
    assert!(
        screen.contains("Now Jonas Lindqvist, Lead, for Pastry Lead (Lucía Fernández absent)"),
        "{screen}"
    );
    h.press(Enter).enter_text("3.5").enter_text("");
    let report = h.meeting().state.reports.last().cloned().expect("a report");
    assert_eq!(report.reporter, attendee(&h, "Jonas Lindqvist"));
}

#[test]
fn with_the_lead_absent_too_nothing_is_recorded_for_nobody_until_someone_accepts() {
    let mut h = Harness::demo();
    at_pastry_waste(&mut h, &["Lucía Fernández", "Jonas Lindqvist"]);
    assert!(h.screen(80, 24).contains("Now nobody: b picks who accepts"));
    h.press(Enter);
    assert!(h.meeting().modal.is_none(), "{}", h.screen(100, 30));
    assert!(
        h.status()
            .is_some_and(|s| s.contains("Nobody present fills Pastry Lead")),
        "{:?}",
        h.status()
    );
    h.press(Char('b'))
        .press(Enter)
        .enter_text("3.5")
        .enter_text("");
    let report = h.meeting().state.reports.last().cloned().expect("a report");
    assert!(report.reporter.is_some());
}

#[test]
fn owner_pickers_mark_the_absent_show_the_focus_and_offer_the_lead_and_ones_own() {
    let mut h = Harness::demo();
    h.start_tactical(BAKEHOUSE, &["Lucía Fernández"]);
    while h.meeting().state.step != Step::Agenda {
        h.press(Char('>'));
    }
    h.press(Char('a'))
        .enter_text("Butter")
        .choose("Kwame Mensah");
    h.press(Char('>'));
    h.press(Enter)
        .choose("Request")
        .enter_text("Order more butter");
    let screen = h.screen(100, 40);
    assert!(screen.contains("Whom is the request asked of?"), "{screen}");
    let options = match h.meeting().modal.as_ref() {
        Some(roundtable::ui::Modal::Picker(p)) => p.options.clone(),
        _ => panic!("no picker:\n{screen}"),
    };
    let has = |wanted: &str| options.iter().any(|o| o == wanted);
    assert!(has("Pastry Lead — Lucía Fernández — absent"), "{options:?}");
    assert!(
        has("Pastry Lead — Jonas Lindqvist, Lead, covering"),
        "{options:?}"
    );
    assert!(
        has("Head Baker — Elif Yılmaz (Weekend shifts)"),
        "{options:?}"
    );
    assert!(has("Kwame Mensah's own, no role"), "{options:?}");
    assert!(!options.iter().any(|o| o.contains("Individual action")));
}

/// 4.1 §4.2.4: "If the Lead Link is also absent, any participant may accept Next-Actions or
/// Projects on behalf of that Role". The picker offers it, asks who accepts, and the record
/// and the minutes name them.
#[test]
fn with_the_lead_absent_too_someone_present_accepts_an_output_on_the_roles_behalf() {
    let mut h = Harness::demo();
    h.start_tactical(BAKEHOUSE, &["Lucía Fernández", "Jonas Lindqvist"]);
    while h.meeting().state.step != Step::Agenda {
        h.press(Char('>'));
    }
    h.press(Char('a'))
        .enter_text("Croissants")
        .choose("Kwame Mensah");
    h.press(Char('>'));
    h.press(Enter)
        .choose("Next action")
        .enter_text("Count the croissant trays");
    let offer = "Pastry Lead — Lucía Fernández — absent: someone accepts on its behalf";
    h.choose(offer);
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("Who present accepts it on behalf of Pastry Lead?"),
        "{screen}"
    );
    assert!(
        h.meeting()
            .state
            .agenda_items()
            .all(|i| i.outputs.is_empty()),
        "nothing is recorded before someone accepts"
    );
    h.choose("Kwame Mensah");
    let output = h
        .meeting()
        .state
        .agenda_items()
        .flat_map(|i| i.outputs.iter())
        .map(|(_, o)| o.clone())
        .next()
        .expect("an output");
    assert_eq!(output.accepted_by, attendee(&h, "Kwame Mensah"));
    let screen = h.screen(120, 30);
    assert!(
        screen.contains("accepted on its behalf by Kwame"),
        "{screen}"
    );
    let org = h.app.view().org.clone().expect("org");
    let minutes = roundtable::domain::minutes::Minutes::tactical(
        h.meeting().meeting,
        &h.meeting().state,
        &org,
    );
    let text = roundtable::domain::minutes::Minutes::output_text(&minutes.agenda[0].outputs[0]);
    assert_eq!(
        text,
        "next action: Count the croissant trays — Lucía Fernández (Pastry Lead), accepted on \
         its behalf by Kwame Mensah"
    );
}

/// A next action for a role nobody present answers for is refused until someone accepts it.
#[test]
fn an_absent_roles_next_action_accepted_by_nobody_is_refused() {
    use roundtable::domain::meeting::flow::Flow;
    use roundtable::domain::meeting::tactical::Event;
    use roundtable::domain::meeting::{Output, OutputKind};
    let mut h = Harness::demo();
    h.start_tactical(BAKEHOUSE, &["Lucía Fernández", "Jonas Lindqvist"]);
    while h.meeting().state.step != Step::Agenda {
        h.press(Char('>'));
    }
    h.press(Char('a'))
        .enter_text("Croissants")
        .choose("Kwame Mensah");
    let org = h.app.view().org.clone().expect("org");
    let circle = h.meeting().state.circle;
    let role = org
        .roles_in(circle)
        .find(|r| r.name == "Pastry Lead")
        .expect("role");
    let lucia = org
        .fillers_of(role.id)
        .next()
        .map(|a| a.person)
        .expect("Lucía fills it");
    let state = &h.meeting().state;
    let item = state.agenda_order[0];
    let output = Output {
        kind: OutputKind::NextAction,
        text: "Count the trays".into(),
        role: Some(role.id),
        person: Some(lucia),
        accepted_by: None,
        serves: None,
    };
    let refused = Flow::decide(state, &Event::OutputAdded { item, output }, &org)
        .expect_err("nobody accepted it");
    assert!(refused.0.contains("4.1 §4.2.4"), "{refused}");
}

/// The review lists' role column keeps each "absent" mark whole, however long the role and
/// the names, at 80x24 and at the 60x16 minimum.
#[test]
fn the_absent_mark_in_the_role_column_is_never_cut() {
    let mut h = Harness::demo_with(&[
        ("Pastry Lead", "Pastry and Viennoiserie Lead"),
        (
            "Lucía Fernández",
            "Lucía Fernández de la Fuente y Montalbán",
        ),
    ]);
    at_pastry_waste(&mut h, &["Lucía Fernández de la Fuente y Montalbán"]);
    for (width, height) in [(80, 24), (60, 16), (200, 50)] {
        let screen = h.screen(width, height);
        let rows: Vec<&str> = screen
            .lines()
            .filter(|l| l.starts_with('│') && l.contains("Pastry"))
            .collect();
        assert!(!rows.is_empty(), "{width}x{height}:\n{screen}");
        for row in rows {
            assert!(row.contains("absent)"), "{width}x{height}: {row}\n{screen}");
        }
    }
}

/// With nobody present to answer for the role, the hint bar does not offer to enter its
/// value (the meeting would refuse it) but offers `b`; once `b` names someone, it does.
#[test]
fn the_hint_bar_offers_a_value_only_once_someone_answers_for_the_role() {
    let mut h = Harness::demo();
    at_pastry_waste(&mut h, &["Lucía Fernández", "Jonas Lindqvist"]);
    let bar = |h: &Harness| {
        h.screen(200, 50)
            .lines()
            .last()
            .unwrap_or_default()
            .to_string()
    };
    assert!(!bar(&h).contains("Enter value"), "{}", bar(&h));
    assert!(bar(&h).contains("b reporter"), "{}", bar(&h));
    h.press(Char('b'));
    assert!(bar(&h).contains("Enter value"), "{}", bar(&h));
}
