//! A role's checklist items and metrics kept between meetings from the browser: `c` and `m`
//! add one (its words, unit, how often, then who is acting among those the rule set lets),
//! `e` ends one, and the next tactical meeting asks exactly the role's current ones.

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode::{Char, Enter};
use roundtable::app::Screen;
use roundtable::ui::Modal;

fn asked(h: &Harness, role: &str) -> (Vec<String>, Vec<String>) {
    let org = h.app.view().org.clone().expect("org");
    let role = org
        .circles_depth_first()
        .iter()
        .flat_map(|(c, _)| org.roles_in(c.id).cloned().collect::<Vec<_>>())
        .find(|r| r.name == role)
        .expect("role");
    (
        org.checklist_of(role.id).map(|c| c.text.clone()).collect(),
        org.metrics_of(role.id).map(|m| m.name.clone()).collect(),
    )
}

#[test]
fn c_adds_a_checklist_item_as_its_filler_and_the_next_tactical_meeting_asks_it() {
    let mut h = Harness::demo();
    h.press(Enter).select_row("Head Baker");
    h.press(Char('c')).enter_text("Ovens cleaned");
    h.choose("monthly").choose("Jonas Lindqvist");
    assert_eq!(
        h.status().as_deref(),
        Some("Jonas Lindqvist added the monthly checklist item \"Ovens cleaned\" to Head Baker.")
    );
    assert!(
        asked(&h, "Head Baker")
            .0
            .contains(&"Ovens cleaned".to_string())
    );
    assert!(
        h.screen(120, 60).contains("Ovens cleaned (monthly)"),
        "in the details"
    );
}

#[test]
fn m_adds_a_metric_with_its_unit_and_e_ends_it_so_it_is_asked_no_more() {
    let mut h = Harness::demo();
    h.press(Enter).select_row("Head Baker");
    let before = asked(&h, "Head Baker").1;
    h.press(Char('m'))
        .enter_text("Burnt loaves")
        .enter_text("loaves");
    h.choose("weekly").choose("Jonas Lindqvist");
    let mut with = before.clone();
    with.push("Burnt loaves".into());
    assert_eq!(asked(&h, "Head Baker").1, with);
    h.press(Char('e'))
        .choose("metric: Burnt loaves")
        .choose("Elif");
    assert_eq!(asked(&h, "Head Baker").1, before, "ended");
    assert!(
        h.status()
            .is_some_and(|s| s.contains("ended the metric \"Burnt loaves\" of Head Baker")),
        "{:?}",
        h.status()
    );
}

#[test]
fn under_four_one_only_the_lead_link_is_offered_to_define_a_metric() {
    let mut h = Harness::demo_under_four_one();
    h.press(Enter).select_row("Head Baker");
    h.press(Char('m')).enter_text("Burnt loaves").enter_text("");
    h.choose("weekly");
    let screen = h.screen(160, 40);
    assert!(
        screen.contains("Who is acting? (4.1 Appendix A: the Lead Link defines"),
        "{screen}"
    );
    let Screen::Browser(b) = &h.app.view().screen else {
        panic!("browser")
    };
    let Some(Modal::Picker(p)) = &b.modal else {
        panic!("the actor picker")
    };
    assert_eq!(
        p.options,
        ["Jonas Lindqvist"],
        "the Lead Link, not the filler Elif"
    );
}

#[test]
fn an_empty_checklist_text_is_refused_at_once_and_nothing_is_asked_after_it() {
    let mut h = Harness::demo();
    h.press(Enter).select_row("Head Baker");
    let before = asked(&h, "Head Baker");
    h.press(Char('c')).enter_text("   ");
    assert_eq!(
        h.status().as_deref(),
        Some("Type its text, or Esc to cancel.")
    );
    assert_eq!(asked(&h, "Head Baker"), before);
}
