//! The app driven headless, key by key, as a person would: what each key does to the state
//! and the database, and that a key that does nothing asks for no redraw.

mod common;

use common::Harness;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use roundtable::app::Screen;
use roundtable::ui::Status;

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn status(h: &Harness) -> Option<String> {
    h.app.view().status.as_ref().map(|s| match s {
        Status::Info(t) | Status::Error(t) => t.clone(),
    })
}

#[test]
fn a_key_that_does_nothing_asks_for_no_redraw() {
    let mut h = Harness::demo();
    h.press(KeyCode::Down); // clears the "loaded" status, if any
    assert!(
        !h.app
            .handle_key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::NONE))
    );
    assert!(
        !h.app
            .handle_key(KeyEvent::new(KeyCode::F(5), KeyModifiers::NONE))
    );
    assert!(
        h.app
            .handle_key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE))
    );
}

#[test]
fn the_demo_loads_from_the_welcome_screen() {
    let mut h = Harness::empty();
    assert!(matches!(h.app.view().screen, Screen::Welcome(_)));
    h.press(KeyCode::Enter);
    assert!(matches!(h.app.view().screen, Screen::Home(_)));
    assert_eq!(
        h.app
            .view()
            .org
            .as_ref()
            .map(|o| o.name().to_string())
            .as_deref(),
        Some("Riverbend Bakery Cooperative")
    );
    let stored = h.app.store().organisation_name().expect("query");
    assert_eq!(
        stored.as_deref(),
        Some("Riverbend Bakery Cooperative"),
        "committed before shown"
    );
}

#[test]
fn a_typed_organisation_name_is_cleaned_before_it_is_kept() {
    let mut h = Harness::empty();
    h.press(KeyCode::Char('2'))
        .press(KeyCode::Enter)
        .press(KeyCode::Enter);
    h.type_str("  Bread\u{202e} &\u{7} Roses  ")
        .press(KeyCode::Enter);
    let Screen::Adoption(a) = &h.app.view().screen else {
        panic!("not adopting")
    };
    assert_eq!(a.draft.name, "Bread & Roses");
    assert_eq!(
        h.app.store().organisation_name().expect("query"),
        None,
        "nothing is recorded before the ratifiers adopt it"
    );
}

#[test]
fn an_empty_name_is_refused_with_a_message_and_nothing_is_written() {
    let mut h = Harness::empty();
    h.press(KeyCode::Char('2'))
        .press(KeyCode::Enter)
        .press(KeyCode::Enter);
    h.type_str("   ").press(KeyCode::Enter);
    assert!(matches!(&h.app.view().screen, Screen::Adoption(a) if a.draft.name.is_empty()));
    assert!(
        status(&h).is_some_and(|s| s.contains("needs a name")),
        "{:?}",
        status(&h)
    );
    assert_eq!(h.app.store().organisation_name().expect("query"), None);
    // The question stays open to be corrected; Esc closes it, and Esc again leaves.
    assert!(matches!(&h.app.view().screen, Screen::Adoption(a) if a.modal.is_some()));
    h.press(KeyCode::Esc).press(KeyCode::Esc);
    assert!(matches!(&h.app.view().screen, Screen::Welcome(w) if w.prompt.is_none()));
}

#[test]
fn an_import_path_that_does_not_exist_is_reported_and_the_prompt_stays() {
    let mut h = Harness::empty();
    h.press(KeyCode::Char('3'))
        .type_str("/no/such/file.toml")
        .press(KeyCode::Enter);
    assert!(
        status(&h).is_some_and(|s| s.starts_with("/no/such/file.toml: ")),
        "{:?}",
        status(&h)
    );
    assert!(matches!(&h.app.view().screen, Screen::Welcome(w) if w.prompt.is_some()));
}

#[test]
fn q_leaves_the_browser_for_home_and_quits_from_home() {
    let mut h = Harness::demo();
    h.press(KeyCode::Enter);
    assert!(matches!(h.app.view().screen, Screen::Browser(_)));
    h.press(KeyCode::Char('q'));
    assert!(matches!(h.app.view().screen, Screen::Home(_)));
    assert!(!h.app.should_quit());
    h.press(KeyCode::Char('q'));
    assert!(h.app.should_quit());
}

#[test]
fn ctrl_c_quits_from_anywhere_even_a_text_field() {
    let mut h = Harness::empty();
    h.press(KeyCode::Char('2')).type_str("Half typed");
    h.app.handle_key(ctrl('c'));
    assert!(h.app.should_quit());
}

#[test]
fn help_opens_with_a_question_mark_and_closes_with_esc() {
    let mut h = Harness::demo();
    h.press(KeyCode::Char('?'));
    assert!(h.app.view().help_open);
    let keys: Vec<&str> = h.app.view().hints.iter().map(|h| h.keys).collect();
    assert_eq!(
        keys,
        ["Esc", "↑↓", "PgDn PgUp"],
        "only closing and scrolling work while help is open"
    );
    h.press(KeyCode::Char('t'));
    assert!(h.app.view().help_open, "other keys do nothing under help");
    h.press(KeyCode::Esc);
    assert!(!h.app.view().help_open);
}

#[test]
fn leaving_the_browser_returns_to_the_circle_that_was_browsed() {
    let mut h = Harness::demo();
    h.press(KeyCode::Down)
        .press(KeyCode::Down)
        .press(KeyCode::Enter); // Shopfront
    assert_eq!(h.selected_name().as_deref(), Some("Shopfront"));
    h.select_row("Delivery Rider").press(KeyCode::Esc);
    let Screen::Home(home) = &h.app.view().screen else {
        panic!("home")
    };
    let org = h.app.view().org.as_ref().expect("org");
    let selected = home
        .selected_circle()
        .and_then(|c| org.circle(c))
        .map(|c| c.name.as_str());
    assert_eq!(selected, Some("Shopfront"));
}

#[test]
fn closing_a_circle_hides_its_roles_and_left_from_a_role_goes_up_to_its_circle() {
    let mut h = Harness::demo();
    h.press(KeyCode::Enter).select_row("Bakehouse");
    let rows = |h: &Harness| match &h.app.view().screen {
        Screen::Browser(b) => b.rows.len(),
        _ => 0,
    };
    let open = rows(&h);
    h.press(KeyCode::Left);
    assert_eq!(rows(&h), open - 9, "Bakehouse's nine roles are hidden");
    assert_eq!(
        h.selected_name().as_deref(),
        Some("Bakehouse"),
        "the selection stays"
    );
    h.press(KeyCode::Enter);
    assert_eq!(rows(&h), open);
    h.select_row("Pastry Lead").press(KeyCode::Left);
    assert_eq!(h.selected_name().as_deref(), Some("Bakehouse"));
}

#[test]
fn t_opens_the_setup_of_a_tactical_meeting_for_the_selected_circle() {
    let mut h = Harness::demo();
    h.press(KeyCode::Down).press(KeyCode::Char('t'));
    let Screen::MeetingSetup(setup) = &h.app.view().screen else {
        panic!("setup")
    };
    let org = h.app.view().org.as_ref().expect("org");
    assert_eq!(
        org.circle(setup.circle).map(|c| c.name.as_str()),
        Some("Bakehouse")
    );
    let facilitator = setup.facilitator.map(|i| setup.attendees[i].name.as_str());
    assert_eq!(
        facilitator,
        Some("Kwame Mensah"),
        "the Facilitator's filler by default"
    );
    assert_eq!(setup.planned_minutes, 60);
    h.press(KeyCode::Esc);
    assert!(matches!(h.app.view().screen, Screen::Home(_)));
}

#[test]
fn g_sets_up_a_governance_meeting_of_ninety_minutes() {
    let mut h = Harness::demo();
    h.press(KeyCode::Char('g'));
    let Screen::MeetingSetup(setup) = &h.app.view().screen else {
        panic!("no setup:\n{}", h.screen(100, 30));
    };
    assert_eq!(
        setup.kind,
        roundtable::domain::meeting::MeetingKind::Governance
    );
    assert_eq!(setup.planned_minutes, 90);
}

#[test]
fn the_detail_pane_scrolls_no_further_than_its_end() {
    let mut h = Harness::demo();
    h.press(KeyCode::Enter).select_row("Head Baker");
    h.draw(80, 24);
    h.press_n(KeyCode::PageDown, 50);
    let Screen::Browser(b) = &h.app.view().screen else {
        panic!("browser")
    };
    assert_eq!(b.detail_scroll, b.detail_max_scroll.get());
    assert!(b.detail_scroll > 0);
    h.press(KeyCode::PageUp);
    let Screen::Browser(b) = &h.app.view().screen else {
        panic!("browser")
    };
    assert!(
        b.detail_scroll < b.detail_max_scroll.get(),
        "one page up moves at once"
    );
}

/// The roles of the browser's rows from the one after the selected, `n` of them.
fn roles_below(h: &Harness, n: usize) -> Vec<roundtable::domain::RoleId> {
    let Screen::Browser(b) = &h.app.view().screen else {
        panic!("the browser is on screen");
    };
    (b.rows.iter().skip(b.selected + 1).take(n))
        .filter_map(|row| match row {
            roundtable::ui::view::TreeRow::Role { id, .. } => Some(*id),
            _ => None,
        })
        .collect()
}

#[test]
fn a_key_held_down_the_browser_reads_only_the_row_it_stops_on() {
    // Each key handled with another already waiting behind it, as a key held down arrives.
    let (mut held, mut single) = (Harness::demo(), Harness::demo());
    held.press(KeyCode::Enter);
    single.press(KeyCode::Enter);
    let passed = roles_below(&held, 11);
    assert!(
        passed.len() > 5,
        "the demo's first rows are roles: {passed:?}"
    );
    for _ in 0..12 {
        held.app
            .handle_key_ahead(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
        single.press(KeyCode::Down);
    }
    let org = held.app.view().org.clone().expect("org");
    for role in &passed {
        assert!(
            !org.holds_reports_of(*role),
            "{role:?} was passed over, not read"
        );
    }
    assert!(
        held.app.reads_left(),
        "the row the keys stopped on is read before its frame"
    );
    held.app.before_frame();
    assert!(!held.app.reads_left());
    let org = held.app.view().org.clone().expect("org");
    let Screen::Browser(b) = &held.app.view().screen else {
        panic!("the browser is on screen");
    };
    let Some(roundtable::ui::view::TreeRow::Role { id, .. }) = b.rows.get(b.selected) else {
        panic!("the keys stopped on a role");
    };
    assert!(
        org.holds_reports_of(*id),
        "the role the keys stopped on was read"
    );
    for (width, height) in [(80, 24), (200, 50)] {
        assert_eq!(
            held.screen(width, height),
            single.screen(width, height),
            "the frame after a held key is the frame after single keys"
        );
    }
}

/// A move pressed by itself onto a role not read yet is drawn at once, the pane saying its
/// record is being read; the record is read after that frame and the next frame is the one
/// the move would have drawn had it waited for the read. A role read already is drawn whole.
#[test]
fn a_move_onto_a_role_not_read_yet_is_drawn_first_and_its_record_follows() {
    let (mut first, mut waited) = (Harness::demo(), Harness::demo());
    first.press(KeyCode::Enter);
    waited.press(KeyCode::Enter);
    let down = KeyEvent::new(KeyCode::Down, KeyModifiers::NONE);
    let next = roles_below(&first, 1);
    assert!(
        !first
            .app
            .view()
            .org
            .as_ref()
            .expect("org")
            .holds_reports_of(next[0]),
        "the next row is a role not read yet"
    );
    first.app.handle_key_frame_first(down);
    waited.press(KeyCode::Down);
    assert!(first.app.reads_after_frame());
    let drawn = first.screen(100, 40);
    assert!(
        drawn.contains("reading…") && !drawn.contains("no checklist items"),
        "the pane says the record is being read, not that there is none:\n{drawn}"
    );
    assert_ne!(drawn, waited.screen(100, 40));
    first.app.before_frame();
    assert!(!first.app.reads_after_frame() && !first.app.reads_left());
    for (width, height) in [(80, 24), (100, 40), (200, 50)] {
        assert_eq!(first.screen(width, height), waited.screen(width, height));
    }
    // Back up onto the role read before: nothing is left for after the frame.
    first
        .app
        .handle_key_frame_first(KeyEvent::new(KeyCode::Up, KeyModifiers::NONE));
    first.app.handle_key_frame_first(down);
    assert!(!first.app.reads_after_frame() && !first.app.reads_left());
    assert!(!first.screen(100, 40).contains("reading…"));
}
