//! A process breakdown as a state of the circle (4.1 §3.5; 5.0 §5.5): declared in a
//! governance meeting, stored, shown on the circle's home panel (across a restart) until the
//! super-circle's Facilitator concludes that due process is restored (4.1 §3.5.3; 5.0
//! §5.5.2), and taken back with the meeting entry that declared it.

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode::{Char, Enter};
use roundtable::app::org_entries;
use roundtable::domain::meeting::governance::GovStep;
use roundtable::domain::org_log::OrgRequest;
use roundtable::store::Store;
use roundtable::store::prelude::*;

const BAKEHOUSE: usize = 1;
const DECLARED: &str = "✖ PROCESS BREAKDOWN since 2026-11-24, declared by Kwame Mensah";

/// A Bakehouse governance meeting in which the Facilitator, Kwame, declares a process
/// breakdown on Kwame's own proposal "Waste", then leaves for home.
fn declared(h: &mut Harness) {
    h.start_governance(BAKEHOUSE);
    h.press(Enter).enter_text("Ready");
    h.press(Char('>'));
    h.press(Char('a'))
        .choose("A proposal")
        .enter_text("Waste")
        .choose("Kwame Mensah");
    h.press(Char('>'));
    assert_eq!(h.governance().state.step, GovStep::Items);
    h.press(Char('d'))
        .choose("Process breakdown (give a reason)")
        .choose("Kwame Mensah")
        .enter_text("Three meetings without resolving a proposal");
    assert!(
        h.status()
            .is_some_and(|s| s.contains("Process breakdown declared")),
        "{:?}",
        h.status()
    );
    h.press(Char('q'));
}

fn home(h: &mut Harness) -> String {
    h.press_n(ratatui::crossterm::event::KeyCode::Up, 50)
        .press_n(ratatui::crossterm::event::KeyCode::Down, BAKEHOUSE);
    h.screen(200, 40)
}

#[test]
fn five_o_5_5_a_declared_breakdown_shows_on_home_until_the_super_circles_facilitator_restores_it() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("rt.db");
    let mut h = Harness::demo_file(&path);
    declared(&mut h);
    let screen = home(&mut h);
    assert!(
        screen.contains(DECLARED) && screen.contains("Three meetings without resolving"),
        "{screen}"
    );
    assert!(
        screen.contains("Until Priya Raman concludes due process is restored (5.0 §5.5.2)"),
        "{screen}"
    );
    drop(h);
    // Stored: a restarted program shows it too.
    let mut h = Harness::demo_file(&path);
    assert!(home(&mut h).contains(DECLARED));
    drop(h);

    let mut store = Store::open(&path).expect("store");
    let org = store.load_organisation().expect("loads").expect("an org");
    let bakehouse = org.circle_named("Bakehouse").expect("Bakehouse").id;
    let request = OrgRequest::RestoreProcess { circle: bakehouse };
    let kwame = org.person_named("Kwame Mensah").map(|p| p.id);
    let refused = org_entries::record(&mut store, &org, &request, kwame, common::start_time());
    assert!(
        refused.is_err_and(|e| e.contains("5.0 §5.5.2") && e.contains("Priya Raman")),
        "the circle's own Facilitator does not judge its restoration"
    );
    let priya = org.person_named("Priya Raman").map(|p| p.id);
    let said = org_entries::record(&mut store, &org, &request, priya, common::start_time())
        .expect("restored")
        .said;
    assert!(
        said.contains("due process is restored in Bakehouse"),
        "{said}"
    );
    drop(store);
    let mut h = Harness::demo_file(&path);
    let screen = home(&mut h);
    assert!(!screen.contains("PROCESS BREAKDOWN"), "{screen}");
}

#[test]
fn taking_back_the_declaration_in_the_meeting_ends_the_breakdown_too() {
    let mut h = Harness::demo();
    declared(&mut h);
    assert!(home(&mut h).contains(DECLARED));
    h.press(Char('g')).press(Enter);
    assert_eq!(h.governance().state.step, GovStep::Items, "resumed");
    h.press(Char('u')).press(Char('y'));
    h.press(Char('q'));
    let screen = home(&mut h);
    assert!(!screen.contains("PROCESS BREAKDOWN"), "{screen}");
}

/// The circle's home panel, with `Up`/`Down` to row `row`.
fn home_at(h: &mut Harness, row: usize) -> String {
    h.press_n(ratatui::crossterm::event::KeyCode::Up, 50)
        .press_n(ratatui::crossterm::event::KeyCode::Down, row);
    h.screen(200, 40)
}

#[test]
fn five_o_5_5_2_r_on_home_restores_due_process_and_refuses_who_may_not() {
    let mut h = Harness::demo();
    declared(&mut h);
    home(&mut h);
    h.app.set_actor(Some("Kwame Mensah")).expect("actor");
    h.press(Char('R'));
    let status = h.status().unwrap_or_default();
    assert!(
        status.contains("Kwame Mensah may not") && status.contains("5.0 §5.5.2"),
        "{status}"
    );
    assert!(home(&mut h).contains(DECLARED));
    h.app.set_actor(None).expect("nobody named");
    h.press(Char('R')).choose("Priya Raman");
    let status = h.status().unwrap_or_default();
    assert!(
        status.contains("due process is restored in Bakehouse"),
        "{status}"
    );
    assert!(!home(&mut h).contains("PROCESS BREAKDOWN"));
}

#[test]
fn five_o_5_5_b_on_home_declares_a_breakdown_between_meetings() {
    let mut h = Harness::demo();
    home(&mut h);
    // 5.0 §5.5: "The Facilitator or Secretary of a Circle ... in their own Circle or any
    // Sub-Circle": not any member.
    h.app.set_actor(Some("Tomasz Nowak")).expect("actor");
    h.press(Char('B'));
    let status = h.status().unwrap_or_default();
    assert!(status.contains("5.0 §5.5"), "{status}");
    h.app.set_actor(None).expect("nobody named");
    h.press(Char('B'))
        .enter_text("Tactical outputs never published")
        .choose("Kwame Mensah");
    let screen = home(&mut h);
    assert!(
        screen.contains(DECLARED) && screen.contains("Tactical outputs never published"),
        "{screen}"
    );
    // An entry of the organisation's log: u takes it back.
    h.press(Char('u')).press(Char('y'));
    assert!(!home(&mut h).contains("PROCESS BREAKDOWN"));
}

#[test]
fn four_one_3_5_2_only_a_sub_circle_has_a_breakdown_declared_between_meetings() {
    let mut h = Harness::demo_under_four_one();
    home_at(&mut h, 0);
    h.press(Char('B'));
    let status = h.status().unwrap_or_default();
    assert!(
        status.contains("nobody may declare") && status.contains("4.1 §3.5.2"),
        "{status}"
    );
    home_at(&mut h, BAKEHOUSE);
    h.press(Char('B'))
        .enter_text("Roles filled without elections");
    let org = h.app.view().org.clone().expect("org");
    let anchor = org.anchor().expect("anchor").id;
    let facilitator = org
        .core_role(anchor, roundtable::domain::CoreRole::Facilitator)
        .and_then(|r| org.fillers_of(r.id).next())
        .map(|a| org.person_name(a.person).to_string())
        .expect("the anchor's Facilitator");
    h.choose(&facilitator);
    let screen = home_at(&mut h, BAKEHOUSE);
    assert!(
        screen.contains(&format!(
            "declared by {facilitator}: Roles filled without elections"
        )),
        "{screen}"
    );
}
