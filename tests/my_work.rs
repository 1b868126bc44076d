//! "My work" between meetings, as a role filler uses it from home: `w`, their name, then one
//! key per entry on the selected line. Each entry is in the database before it is shown,
//! `u` takes the last one back exactly, and the next meeting picks the work up: a tension
//! noted here is offered at agenda building, a dropped one is not.

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode::{self, Char, Down, Up};
use roundtable::app::Screen;
use roundtable::domain::ProjectStatus;
use roundtable::ui::Modal;

fn open_work(h: &mut Harness, name: &str) {
    h.press(Char('w')).choose(name);
    assert!(
        h.screen(80, 24).contains(&format!("{name} · my work")),
        "{}",
        h.screen(80, 24)
    );
}

/// Selects the line of "My work" whose text contains `text`.
fn select(h: &mut Harness, text: &str) {
    h.press_n(Up, 60);
    for _ in 0..60 {
        if selected_line(h).contains(text) {
            return;
        }
        h.press(Down);
    }
    panic!("no line with {text}:\n{}", h.screen(120, 40));
}

/// The selected line's text, as the screen lists it.
fn selected_line(h: &Harness) -> String {
    let Screen::Work(w) = &h.app.view().screen else {
        panic!("not on my work")
    };
    let org = h.app.view().org.clone().expect("org");
    let lines = roundtable::ui::work::shown(&org, &w.state, common::start_time().date_naive());
    format!("{:?}", lines.get(w.selected).expect("a line"))
}

fn org(h: &Harness) -> std::sync::Arc<roundtable::domain::Organisation> {
    h.app.view().org.clone().expect("org")
}

/// The organisation read anew from the store, holding the reports (and own work) of the
/// roles the program holds.
fn reloaded(h: &Harness) -> roundtable::domain::Organisation {
    let store = h.app.store();
    let mut fresh = store.load_organisation().expect("loads").expect("org");
    let held = org(h).held_roles();
    let reported = store
        .reported(Some(&held))
        .expect("reads the roles' reports");
    fresh.hold_reports(&held, reported);
    fresh
}

fn home_row(h: &Harness, circle: &str) -> usize {
    org(h)
        .circles_depth_first()
        .iter()
        .position(|(c, _)| c.name == circle)
        .expect("circle on home")
}

fn open_tensions_offered(h: &mut Harness, circle: &str) -> Vec<String> {
    let row = home_row(h, circle);
    h.start_tactical(row, &[]).press_n(Char('>'), 4);
    h.press(Char('T'));
    match h.meeting_modal() {
        Some(Modal::Picker(p)) => p.options.clone(),
        _ => Vec::new(),
    }
}

#[test]
fn a_next_action_added_marked_done_and_taken_back_is_in_the_database_each_time() {
    let mut h = Harness::demo();
    open_work(&mut h, "Mei Chen");
    select(&mut h, "Orders and Stock");
    h.press(Char('n')).enter_text("Call the bag supplier");
    let action = |h: &Harness| {
        org(h)
            .records()
            .next_actions
            .iter()
            .find(|n| n.text == "Call the bag supplier")
            .map(|n| (n.role.is_some(), n.done))
    };
    assert_eq!(action(&h), Some((true, false)), "for the selected role");
    select(&mut h, "Call the bag supplier");
    let held = |h: &Harness| std::sync::Arc::as_ptr(h.app.view().org.as_ref().expect("org"));
    let before = held(&h);
    h.press(Char('d'));
    assert_eq!(
        held(&h),
        before,
        "applied in place: neither read again nor copied"
    );
    assert_eq!(action(&h), Some((true, true)), "done");
    assert_eq!(
        h.status().as_deref(),
        Some("Done: Call the bag supplier. u takes it back."),
        "the line's going is said"
    );
    assert!(
        !h.screen(80, 24).contains("next: Call the bag supplier"),
        "a done action leaves the list"
    );
    h.press(Char('u'));
    assert!(
        h.screen(80, 24)
            .contains("Take back: done: Call the bag supplier?")
    );
    h.press(Char('y'));
    assert_eq!(action(&h), Some((true, false)), "open again after undo");
}

#[test]
fn a_project_put_on_waiting_shows_as_waiting_and_current_again_with_c() {
    let mut h = Harness::demo();
    open_work(&mut h, "Mei Chen");
    select(&mut h, "Compostable bags");
    let status = |h: &Harness| {
        org(h)
            .records()
            .projects
            .iter()
            .find(|p| p.title.starts_with("Compostable bags"))
            .map(|p| p.status)
    };
    h.press(Char('w'));
    assert_eq!(status(&h), Some(ProjectStatus::Waiting));
    assert!(
        h.status()
            .is_some_and(|s| s.contains("is now waiting. u takes it back.")),
        "{:?}",
        h.status()
    );
    assert!(h.screen(80, 24).contains("waiting: Compostable bags"));
    assert!(
        h.screen(80, 24).contains("c current"),
        "the hint offers c now"
    );
    h.press(Char('c'));
    assert_eq!(status(&h), Some(ProjectStatus::Current));
}

/// Mei Chen notes "Bags arrive torn" for Shopfront in My work; then the tensions offered at
/// Shopfront's next agenda building.
fn bags_torn_offered(h: &mut Harness) -> Vec<String> {
    open_work(h, "Mei Chen");
    select(h, "Orders and Stock");
    h.press(Char('t')).choose("Shopfront");
    h.enter_text("Bags arrive torn");
    h.press(KeyCode::Esc);
    open_tensions_offered(h, "Shopfront")
}

#[test]
fn a_tension_noted_in_my_work_is_offered_at_agenda_building_and_a_dropped_one_is_not() {
    let mut h = Harness::demo();
    let offered = bags_torn_offered(&mut h);
    assert!(
        offered.iter().any(|o| o.contains("Bags arrive torn")),
        "{offered:?}"
    );

    let mut h = Harness::demo();
    open_work(&mut h, "Mei Chen");
    select(&mut h, "Orders and Stock");
    h.press(Char('t')).choose("Shopfront");
    h.enter_text("Bags arrive torn");
    select(&mut h, "Bags arrive torn");
    h.press(Char('x'));
    assert!(
        h.screen(80, 24)
            .contains("Drop the tension \"Bags arrive torn\"?")
    );
    h.press(Char('y')).press(KeyCode::Esc);
    let offered = open_tensions_offered(&mut h, "Shopfront");
    assert!(
        !offered.iter().any(|o| o.contains("Bags arrive torn")),
        "{offered:?}"
    );
}

/// A tension taken onto the agenda of a meeting that ends before reaching it is open again:
/// offered at the next meeting, in the store as in memory (as taking the item off would).
#[test]
fn a_tension_on_the_agenda_of_a_meeting_ended_before_triage_is_open_again() {
    let mut h = Harness::demo();
    let offered = bags_torn_offered(&mut h);
    let at = offered
        .iter()
        .position(|o| o.contains("Bags arrive torn"))
        .expect("offered");
    h.press_n(KeyCode::Down, at).press(KeyCode::Enter);
    assert!(
        h.meeting()
            .state
            .agenda_items()
            .any(|a| a.label.contains("Bags arrive torn")),
        "on the agenda"
    );
    h.press(Char('e')).press(Char('y')).press(Char('q'));
    let open = |org: &roundtable::domain::Organisation| {
        org.records()
            .tensions
            .iter()
            .any(|t| t.text == "Bags arrive torn" && t.open)
    };
    assert!(open(&org(&h)), "open again in memory");
    let stored = h
        .app
        .store()
        .load_organisation()
        .expect("load")
        .expect("org");
    assert!(open(&stored), "open again in the store");
    h.wait(86_400);
    h.press(Char('t'))
        .press(KeyCode::Enter)
        .press_n(Char('>'), 4);
    h.press(Char('T'));
    let again = match h.meeting_modal() {
        Some(Modal::Picker(p)) => p.options.clone(),
        _ => Vec::new(),
    };
    assert!(
        again.iter().any(|o| o.contains("Bags arrive torn")),
        "offered at the next meeting: {again:?}"
    );
}

#[test]
fn a_project_goes_to_the_selected_role_and_needs_one() {
    let mut h = Harness::demo();
    open_work(&mut h, "Mei Chen");
    select(&mut h, "Secretary");
    h.press(Char('p'));
    assert!(h.screen(80, 24).contains("Project for Secretary"));
    h.enter_text("Minutes template");
    let secretary = org(&h)
        .records()
        .projects
        .iter()
        .find(|p| p.title == "Minutes template")
        .and_then(|p| org(&h).role(p.role).map(|r| r.name.clone()));
    assert_eq!(secretary.as_deref(), Some("Secretary"));
    h.press(Char('t'))
        .choose("Shopfront")
        .enter_text("Torn bags");
    select(&mut h, "Tensions");
    h.press(Char('p'));
    assert_eq!(
        h.status().as_deref(),
        Some("A project belongs to a role: select one of your roles first.")
    );
    assert!(h.app.view().org.is_some());
    assert!(
        !matches!(
            &h.app.view().screen,
            Screen::Work(w) if w.modal.is_some()
        ),
        "no prompt opened"
    );
}

#[test]
fn the_printed_overview_and_the_screen_list_the_same_work() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("rt.db");
    let bin = env!("CARGO_BIN_EXE_roundtable");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(bin)
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .expect("runs");
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).expect("utf-8")
    };
    run(&["init", "--demo"]);
    let text = run(&["work", "--person", "mei chen", "--print"]);
    assert!(text.starts_with("Mei Chen: 3 roles in 3 circles"), "{text}");
    assert!(
        text.contains("Project (current): Compostable bags"),
        "{text}"
    );
    // Someone who left is said to be a former member, not a person with nothing to do.
    run(&["person", "leave", "Mei Chen"]);
    let text = run(&["work", "--person", "mei chen", "--print"]);
    assert!(
        text.contains("A former member: left the organisation on "),
        "{text}"
    );
}

/// The role's details in the browser, as the screen shows them (tall enough for all of it).
fn role_details(h: &mut Harness, role: &str) -> String {
    h.press(KeyCode::Enter).select_row(role);
    h.screen(200, 120)
}

/// Mei Chen adds "Call the bag supplier" to Orders and Stock in My work, and marks it done
/// the next day.
fn bag_supplier_called(h: &mut Harness) {
    open_work(h, "Mei Chen");
    select(h, "Orders and Stock");
    h.press(Char('n')).enter_text("Call the bag supplier");
    h.wait(86_400);
    select(h, "Call the bag supplier");
    h.press(Char('d'));
}

#[test]
fn work_done_in_my_work_shows_in_the_roles_history_with_when_and_who_and_as_of_a_date() {
    let mut h = Harness::demo();
    bag_supplier_called(&mut h);
    select(&mut h, "Compostable bags");
    h.press(Char('w'));
    select(&mut h, "Orders and Stock");
    h.press(Char('t')).choose("Shopfront");
    h.enter_text("Bags arrive torn");
    select(&mut h, "Bags arrive torn");
    h.press(Char('x')).press(Char('y'));
    h.press(KeyCode::Esc);

    let details = role_details(&mut h, "Orders and Stock");
    for line in [
        "2026-11-24 09:00: Mei Chen added the next action \"Call the bag supplier\"",
        "2026-11-25 09:00: Mei Chen marked done: \"Call the bag supplier\"",
        "2026-11-25 09:00: Mei Chen moved \"Compostable bags",
        "from current to waiting",
        "2026-11-25 09:00: Mei Chen noted the tension \"Bags arrive torn\"",
        "2026-11-25 09:00: Mei Chen dropped the tension \"Bags arrive torn\"",
    ] {
        assert!(details.contains(line), "{line} in:\n{details}");
    }

    // A reload reads the same history the program holds in memory.
    assert_eq!(reloaded(&h).work_notes(), org(&h).work_notes());
    // Read with the organisation: the tensions' entries; a role's when it is shown.
    let plain = h
        .app
        .store()
        .load_organisation()
        .expect("loads")
        .expect("org");
    let read: Vec<String> = (plain.work_notes().into_iter())
        .map(|n| n.describe(&plain))
        .collect();
    assert_eq!(
        read,
        [
            "Mei Chen noted the tension \"Bags arrive torn\" (My work)",
            "Mei Chen dropped the tension \"Bags arrive torn\" (My work)"
        ]
    );

    // The day before, the project was current and the action open.
    let then = org(&h).as_of(chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("date"));
    let bags = |o: &roundtable::domain::Organisation| {
        o.records()
            .projects
            .iter()
            .find(|p| p.title.starts_with("Compostable bags"))
            .map(|p| p.status)
    };
    assert_eq!(bags(&then), Some(ProjectStatus::Current));
    assert_eq!(bags(&org(&h)), Some(ProjectStatus::Waiting));
    let call = |o: &roundtable::domain::Organisation| {
        o.records()
            .next_actions
            .iter()
            .find(|n| n.text == "Call the bag supplier")
            .map(|n| n.done)
    };
    assert_eq!(call(&then), Some(false));
    assert_eq!(then.records().work.len(), 1, "only the first day's entry");
}

#[test]
fn a_tension_noted_and_dropped_in_my_work_shows_in_its_circles_history() {
    let mut h = Harness::demo();
    open_work(&mut h, "Mei Chen");
    select(&mut h, "Orders and Stock");
    h.press(Char('t')).choose("Shopfront");
    h.enter_text("Bags arrive torn");
    h.wait(3_600);
    select(&mut h, "Bags arrive torn");
    h.press(Char('x')).press(Char('y'));
    h.press(KeyCode::Esc);
    let details = role_details(&mut h, "Shopfront");
    for line in [
        "Tensions noted between meetings, newest first",
        "2026-11-24 10:00: Mei Chen dropped the tension \"Bags arrive torn\"",
        "2026-11-24 09:00: Mei Chen noted the tension \"Bags arrive torn\"",
    ] {
        assert!(details.contains(line), "{line} in:\n{details}");
    }
}

/// `?` lists every key "My work" takes, whichever line is selected when it is pressed: the
/// line keys d, w, c and x the hint bar offers on a next action, a project or a tension too.
#[test]
fn help_on_my_work_lists_the_line_keys_whatever_line_is_selected() {
    let mut h = Harness::demo();
    open_work(&mut h, "Mei Chen");
    h.press_n(Up, 60).press(Char('?'));
    let help: Vec<String> = h
        .app
        .view()
        .help
        .iter()
        .map(|l| format!("{} {}", l.keys, l.label))
        .collect();
    for line in [
        "d the selected next action is done",
        "d the selected project is done",
        "w the selected project waits on something",
        "c the selected project is current again",
        "x drop the selected tension",
    ] {
        assert!(
            help.iter().any(|l| l.starts_with(line)),
            "{line}: {help:#?}"
        );
    }
}

#[test]
fn a_next_action_being_typed_survives_a_kill_once_the_clock_ticks() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rt.db");
    {
        let mut h = Harness::demo_file(&path);
        open_work(&mut h, "Mei Chen");
        select(&mut h, "Orders and Stock");
        h.press(Char('n')).type_str("Order foil samp");
        // The tick after typing stops keeps what is on screen; then a kill -9.
        h.wait(3);
    }
    let mut h = Harness::demo_file(&path);
    open_work(&mut h, "Mei Chen");
    let Screen::Work(w) = &h.app.view().screen else {
        panic!("not on my work")
    };
    let typed = match &w.modal {
        Some(Modal::Prompt(p)) => Some(p.value()),
        _ => None,
    };
    assert_eq!(
        typed.as_deref(),
        Some("Order foil samp"),
        "the next action half typed is back in its field"
    );
}

#[test]
fn an_entry_taken_back_stays_in_the_histories_marked_with_the_day_it_was_taken_back() {
    let mut h = Harness::demo();
    bag_supplier_called(&mut h);
    h.wait(2 * 86_400);
    h.press(Char('u')).press(Char('y'));
    let done = "Mei Chen marked done: \"Call the bag supplier\" (My work)";

    let recorded_here = h.screen(200, 50);
    assert!(
        recorded_here.contains("(taken back 2026-11-27) done: Call the bag supplier"),
        "My work's \"Recorded here\" keeps it, marked:\n{recorded_here}"
    );
    h.press(KeyCode::Esc);
    let details = role_details(&mut h, "Orders and Stock");
    let marked = format!("2026-11-25 09:00: {done} (taken back 2026-11-27)");
    assert!(details.contains(&marked), "{marked} in:\n{details}");

    // A reload reads the same history the program holds in memory.
    assert_eq!(reloaded(&h).work_notes(), org(&h).work_notes());

    // As of a day between, it still stood: its taking back had not happened yet (as an
    // assignment taken back later shows that day without its taking back).
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 11, d).expect("date");
    let between = org(&h).as_of(day(26));
    let note = |o: &roundtable::domain::Organisation| {
        o.records()
            .work
            .iter()
            .find(|n| n.describe(o).starts_with(done))
            .map(|n| n.describe(o))
    };
    assert_eq!(note(&between).as_deref(), Some(done));
    // And what it did stood too: the action is done that day, open again after.
    let action_done = |o: &roundtable::domain::Organisation| {
        o.records()
            .next_actions
            .iter()
            .find(|a| a.text == "Call the bag supplier")
            .map(|a| a.done)
    };
    assert_eq!(
        action_done(&between),
        Some(true),
        "done as of the day between"
    );
    assert_eq!(
        action_done(&org(&h).as_of(day(24))),
        Some(false),
        "not yet done"
    );
    let after = org(&h).as_of(day(27));
    assert_eq!(action_done(&after), Some(false), "taken back");
    assert_eq!(
        note(&after),
        Some(format!("{done} (taken back 2026-11-27)"))
    );
}

/// Who is at the keyboard (`--as`) is offered first when My work asks whose work it is: one
/// Enter opens their own.
#[test]
fn my_work_offers_who_is_at_the_keyboard_first() {
    let mut h = Harness::demo();
    h.app.set_actor(Some("kwame mensah")).expect("named");
    h.press(Char('w'));
    let Screen::Home(home) = &h.app.view().screen else {
        panic!("home");
    };
    let Some(Modal::Picker(picker)) = &home.modal else {
        panic!("no picker");
    };
    assert_eq!(picker.options[picker.selected], "Kwame Mensah");
    h.press(KeyCode::Enter);
    assert!(matches!(h.app.view().screen, Screen::Work(_)));
    assert!(h.screen(80, 24).contains("Kwame Mensah"));
}
