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
