//! People and role assignments from the full screen, driven key by key: the browser's
//! `a` `f` `x` `u` on a role and `n` on home, what they record, what they refuse, and the
//! role's details with its assignment history.

mod common;

use common::Harness;
use insta::assert_snapshot;
use ratatui::crossterm::event::KeyCode;
use roundtable::app::Screen;
use roundtable::ui::Modal;

fn fillers(h: &Harness, role: &str) -> Vec<String> {
    let org = h.app.view().org.clone().expect("org");
    let role = roundtable::app::org_entries::role(&org, role, None).expect("role");
    org.fillers_of(role.id)
        .map(|a| {
            let name = org.person_name(a.person).to_string();
            a.focus
                .as_ref()
                .map_or(name.clone(), |f| format!("{name} [{f}]"))
        })
        .collect()
}

fn browser_modal(h: &Harness) -> Option<&Modal> {
    match &h.app.view().screen {
        Screen::Browser(b) => b.modal.as_ref(),
        _ => None,
    }
}

/// The demo's browser on Pastry Lead, with Ravi Patel assigned to it by Jonas Lindqvist.
fn assigned() -> Harness {
    let mut h = Harness::demo();
    h.press(KeyCode::Enter).select_row("Pastry Lead");
    h.press(KeyCode::Char('a')).choose("Ravi Patel");
    h.enter_text("Croissants");
    h.choose("Jonas Lindqvist");
    h
}

#[test]
fn a_assigns_the_selected_role_asking_whom_the_focus_and_who_is_acting() {
    let h = assigned();
    assert_eq!(
        h.status().as_deref(),
        Some(
            "Jonas Lindqvist, as Circle Lead of Bakehouse, assigned Ravi Patel to Pastry Lead (focus: Croissants)."
        )
    );
    assert_eq!(
        fillers(&h, "Pastry Lead"),
        ["Lucía Fernández", "Ravi Patel [Croissants]"]
    );
    let stored = h
        .app
        .store()
        .load_organisation()
        .expect("load")
        .expect("org");
    assert_eq!(
        stored.log().len(),
        2,
        "one entry in the organisation's log after its adoption"
    );
}

#[test]
fn f_changes_a_focus_x_ends_by_resigning_and_u_takes_it_back() {
    let mut h = assigned();
    h.press(KeyCode::Char('f')).choose("Ravi Patel");
    h.press_n(KeyCode::Backspace, 20).enter_text("Viennoiserie");
    h.choose("Jonas Lindqvist");
    assert_eq!(
        fillers(&h, "Pastry Lead"),
        ["Lucía Fernández", "Ravi Patel [Viennoiserie]"]
    );
    h.press(KeyCode::Char('x')).choose("Ravi Patel");
    h.choose("Ravi Patel (resigns)");
    assert_eq!(
        h.status().as_deref(),
        Some("Ravi Patel resigned from Pastry Lead.")
    );
    assert_eq!(fillers(&h, "Pastry Lead"), ["Lucía Fernández"]);
    h.press(KeyCode::Char('u'));
    assert!(matches!(browser_modal(&h), Some(Modal::Confirm(_))));
    h.press(KeyCode::Char('y'));
    assert_eq!(
        fillers(&h, "Pastry Lead"),
        ["Lucía Fernández", "Ravi Patel [Viennoiserie]"]
    );
    assert!(
        h.status()
            .is_some_and(|s| s.starts_with("Took back: Ravi Patel resigned"))
    );
}

#[test]
fn an_elected_role_is_refused_at_once_with_the_rule_and_the_way_to_elect_it() {
    let mut h = Harness::demo();
    h.press(KeyCode::Enter).select_row("Secretary");
    h.press(KeyCode::Char('a'));
    assert!(browser_modal(&h).is_none(), "no question is asked");
    let status = h.status().expect("a reason");
    assert!(status.contains("(5.0 §5.1.1, §5.1.2)"), "{status}");
    assert!(status.contains("g on home"), "{status}");
}

#[test]
fn n_on_home_adds_a_person_who_is_then_offered_in_the_assign_picker() {
    let mut h = Harness::demo();
    h.press(KeyCode::Char('n'))
        .enter_text("Zoe Park")
        .enter_text("zoe@example.org");
    assert_eq!(h.status().as_deref(), Some("Zoe Park joined."));
    h.press(KeyCode::Enter).select_row("Delivery Rider");
    h.press(KeyCode::Char('a')).choose("Zoe Park");
    h.enter_text("").choose("Hannah Becker");
    assert_eq!(fillers(&h, "Delivery Rider"), ["Daniel Osei", "Zoe Park"]);
    h.press(KeyCode::Char('n'))
        .enter_text("zoe park")
        .enter_text("");
    assert!(
        h.status()
            .is_some_and(|s| s.contains("already someone's name"))
    );
    // Refused at the name, which stays typed to correct.
    assert_eq!(h.prompt_value().as_deref(), Some("zoe park"));
}

/// Home's n refuses an address an organisation file would refuse (the one e-mail rule), in
/// one line, and adds no one.
#[test]
fn n_on_home_refuses_a_bad_email_and_adds_no_one() {
    let mut h = Harness::demo();
    let before = h.app.view().org.as_ref().expect("org").people().len();
    h.press(KeyCode::Char('n'))
        .enter_text("Bad Mail")
        .enter_text("notanemail");
    let status = h.status().unwrap_or_default();
    assert_eq!(
        status,
        "\"notanemail\" is not an e-mail address: it has no @."
    );
    assert_eq!(
        h.prompt_value().as_deref(),
        Some("notanemail"),
        "kept to correct"
    );
    let org = h.app.view().org.clone().expect("org");
    assert_eq!(org.people().len(), before);
    assert!(org.person_named("Bad Mail").is_none());
    // Corrected, the person is added with the name typed first.
    h.type_str("");
    for _ in 0.."notanemail".len() {
        h.press(KeyCode::Backspace);
    }
    h.enter_text("bad@example.org");
    let org = h.app.view().org.clone().expect("org");
    assert_eq!(
        org.person_named("Bad Mail").and_then(|p| p.email.clone()),
        Some("bad@example.org".into())
    );
}

#[test]
fn the_role_details_show_its_assignment_history() {
    let mut h = assigned();
    h.press(KeyCode::Char('x')).choose("Lucía Fernández");
    h.choose("Jonas Lindqvist");
    h.wait(3600);
    h.press(KeyCode::Char('u')).press(KeyCode::Char('y'));
    assert_snapshot!("people_pastry_lead_history_100x40", h.draw(100, 40));
    h.press_n(KeyCode::PageDown, 1);
    assert_snapshot!("people_pastry_lead_history_80x24", h.draw(80, 24));
}

#[test]
fn on_home_e_renames_a_person_and_l_marks_one_as_having_left_with_duplicates_refused() {
    let mut h = Harness::demo();
    h.press(KeyCode::Char('e')).choose("Ravi Patel");
    // The field holds the old name: it is cleared and a taken name typed (ignoring case).
    h.press_n(KeyCode::Backspace, 20).enter_text("mei chen");
    assert!(
        h.status()
            .is_some_and(|s| s.contains("already someone's name") && !s.contains('\n')),
        "{:?}",
        h.status()
    );
    let org = h.app.view().org.clone().expect("org");
    assert!(org.person_named("Ravi Patel").is_some(), "nothing changed");
    h.press(KeyCode::Char('e')).choose("Ravi Patel");
    h.press_n(KeyCode::Backspace, 20).enter_text("Ravi Kumar");
    assert_eq!(
        h.status().as_deref(),
        Some("Ravi Patel is now called Ravi Kumar.")
    );
    let org = h.app.view().org.clone().expect("org");
    let fills = org
        .assignments_of(org.person_named("Ravi Kumar").expect("Ravi").id)
        .count();
    h.press(KeyCode::Char('l')).choose("Ravi Kumar");
    let ending = match fills {
        1 => "Their 1 role assignment ends today".to_string(),
        n => format!("Their {n} role assignments end today"),
    };
    let asked = h.screen(200, 30);
    assert!(
        asked.contains(&format!("Ravi Kumar leaves the organisation? {ending}")),
        "{asked}"
    );
    h.press(KeyCode::Char('y'));
    let org = h.app.view().org.clone().expect("org");
    let ravi = org
        .person_named("Ravi Kumar")
        .expect("still in the history");
    assert!(!ravi.is_current());
    assert_eq!(org.assignments_of(ravi.id).count(), 0);
    let stored = h
        .app
        .store()
        .load_organisation()
        .expect("load")
        .expect("org");
    assert!(
        stored
            .person_named("Ravi Kumar")
            .is_some_and(|p| !p.is_current())
    );
}

#[test]
fn leaving_asks_in_words_that_agree_with_how_many_roles_end() {
    let mut h = Harness::demo();
    h.press(KeyCode::Char('n'))
        .enter_text("Noor Haddad")
        .enter_text("");
    h.press(KeyCode::Enter).select_row("Pastry Lead");
    h.press(KeyCode::Char('a')).choose("Noor Haddad");
    h.enter_text("");
    h.choose("Jonas Lindqvist");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('l')).choose("Noor Haddad");
    let asked = h.screen(200, 30);
    assert!(
        asked.contains("Noor Haddad leaves the organisation? Their 1 role assignment ends today"),
        "{asked}"
    );
}

/// Where the organisation the program holds is kept (a reload makes a new one).
fn held(h: &Harness) -> *const roundtable::domain::Organisation {
    std::sync::Arc::as_ptr(h.app.view().org.as_ref().expect("org"))
}

#[test]
fn a_change_between_meetings_and_a_refused_one_do_not_read_the_organisation_again() {
    let mut h = Harness::demo();
    let before = held(&h);
    h.press(KeyCode::Char('n'))
        .enter_text("Noor Haddad")
        .enter_text("");
    assert!(h.status().is_some_and(|s| s.contains("Noor Haddad joined")));
    assert_eq!(held(&h), before, "the entry was applied in place");
    h.press(KeyCode::Char('n'))
        .enter_text("noor haddad")
        .enter_text("");
    assert!(
        h.status().is_some_and(|s| s.contains("already")),
        "{:?}",
        h.status()
    );
    assert_eq!(held(&h), before, "a refusal changed nothing to read again");
}
