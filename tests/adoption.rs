//! A new user starts from an empty database and builds an organisation of their own on the
//! adoption screens (5.0 §1.3.3; 4.1 Art. V), without any file: the adoption is recorded as
//! one entry naming the ratifiers, and from there the Lead assigns, governance adds roles
//! and a tactical meeting's outputs show in "My work".

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode::{BackTab, Char, Down, Enter, Esc, Tab, Up};
use roundtable::app::Screen;
use roundtable::domain::CoreRole;
use roundtable::domain::org_log::OrgChange;

const PEOPLE: [&str; 4] = ["Ana Silva", "Ben Okoro", "Chloé Martin", "Dev Patel"];

fn adoption(h: &Harness) -> &roundtable::ui::AdoptionState {
    match &h.app.view().screen {
        Screen::Adoption(s) => s,
        _ => panic!("not adopting:\n{}", h.screen(80, 24)),
    }
}

/// From the welcome screen to the fillers step of a 5.0 organisation with four people, Ana
/// ratifying and the anchor circle led by a Circle Lead (by policy).
fn up_to_fillers(h: &mut Harness) {
    h.press(Char('2'));
    assert!(
        h.screen(80, 24).contains("Step 1 of 9"),
        "{}",
        h.screen(80, 24)
    );
    h.press(Enter); // holacracy-5.0
    h.press(Enter).enter_text("Riverside Co-op");
    h.press(Enter).enter_text("Good bread for the valley");
    h.press(Tab);
    for name in PEOPLE {
        h.press(Char('a')).enter_text(name).enter_text("");
    }
    h.press(Tab).press(Char(' ')).press(Tab);
    h.press(Tab).press(Tab); // no roles or policies of our own yet
    h.press(Enter); // a Circle Lead assigns the roles
    assert!(
        h.screen(80, 24).contains("Step 8 of 9"),
        "{}",
        h.screen(80, 24)
    );
}

/// The fillers step: Ana leads, Ben facilitates and Chloé is Secretary until mid-2027.
fn fill_core_roles(h: &mut Harness) {
    // Circle Lead: Ana, with a focus (elected roles are asked a term instead).
    h.press(Enter)
        .press(Enter)
        .enter_text("The bakery's direction");
    h.press(Down).press(Enter).press(Down).press(Enter);
    h.enter_text("2027-06-30");
    h.press(Down).press(Enter).press_n(Down, 2).press(Enter);
    h.enter_text("2027-06-30");
}

fn adopt(h: &mut Harness) {
    h.press(Tab).press(Enter);
    assert!(
        h.screen(80, 24).contains("Ana Silva adopt"),
        "{}",
        h.screen(80, 24)
    );
    h.press(Char('y'));
    assert!(
        matches!(h.app.view().screen, Screen::Home(_)),
        "{}",
        h.screen(80, 24)
    );
}

#[test]
fn the_adoption_is_recorded_as_one_entry_naming_the_ratifiers_5_0_1_3_3() {
    let mut h = Harness::empty();
    up_to_fillers(&mut h);
    fill_core_roles(&mut h);
    adopt(&mut h);
    let org = h
        .app
        .store()
        .load_organisation()
        .expect("load")
        .expect("org");
    assert_eq!(org.name(), "Riverside Co-op");
    assert_eq!(org.people().len(), 4);
    let [entry] = org.log() else {
        panic!("one entry: {:?}", org.log())
    };
    let OrgChange::Adopted {
        ratifiers, file, ..
    } = &entry.change
    else {
        panic!("{entry:?}")
    };
    assert_eq!(file, &None);
    let names: Vec<&str> = ratifiers.iter().map(|p| org.person_name(*p)).collect();
    assert_eq!(names, ["Ana Silva"]);
    let anchor = org.anchor().expect("anchor").id;
    let lead = org
        .core_role(anchor, CoreRole::Lead)
        .expect("a Circle Lead");
    let led_by: Vec<&str> = org
        .fillers_of(lead.id)
        .map(|a| org.person_name(a.person))
        .collect();
    assert_eq!(led_by, ["Ana Silva"]);
    let focus = org.fillers_of(lead.id).next().and_then(|a| a.focus.clone());
    assert_eq!(focus.as_deref(), Some("The bakery's direction"));
    let secretary = org
        .core_role(anchor, CoreRole::Secretary)
        .expect("secretary");
    let term = org.fillers_of(secretary.id).next().and_then(|a| a.term_end);
    assert_eq!(term.map(|d| d.to_string()).as_deref(), Some("2027-06-30"));
    // Nothing to take back: the adoption is the start, not a change between meetings.
    h.press(Char('u'));
    assert!(
        h.status()
            .is_some_and(|s| s.starts_with("Nothing to take back")),
        "{:?}",
        h.status()
    );
}

#[test]
fn bad_names_get_one_line_and_change_nothing() {
    let mut h = Harness::empty();
    up_to_fillers(&mut h);
    h.press(BackTab)
        .press(BackTab)
        .press(BackTab)
        .press(BackTab)
        .press(BackTab);
    assert!(
        h.screen(80, 24).contains("Step 3 of 9"),
        "{}",
        h.screen(80, 24)
    );
    let before = adoption(&h).draft.clone();
    h.press(Char('a')).enter_text("ana SILVA");
    assert!(
        h.status()
            .is_some_and(|s| s.contains("already there") && !s.contains('\n')),
        "{:?}",
        h.status()
    );
    h.press(Esc);
    h.press(Char('a')).enter_text("\u{7}\u{202e}  ");
    assert!(
        h.status().is_some_and(|s| s.contains("needs a name")),
        "{:?}",
        h.status()
    );
    h.press(Esc);
    h.press(Char('a'))
        .enter_text("Eve")
        .enter_text("no-at-sign");
    assert!(
        h.status().is_some_and(|s| s.contains("not an e-mail")),
        "{:?}",
        h.status()
    );
    h.press(Esc);
    assert_eq!(adoption(&h).draft, before);
    // A role named like a core role, or like another, is refused too.
    h.press(Tab)
        .press(Tab)
        .press(Char('a'))
        .enter_text("facilitator");
    assert!(
        h.status().is_some_and(|s| s.contains("core role")),
        "{:?}",
        h.status()
    );
    assert_eq!(adoption(&h).draft.roles, before.roles);
}

/// The text of the question open on the adoption screen, if it is a prompt.
fn asked_text(h: &Harness) -> Option<String> {
    match &adoption(h).modal {
        Some(roundtable::ui::Modal::Prompt(p)) => Some(p.value()),
        _ => None,
    }
}

#[test]
fn a_refused_answer_keeps_its_question_open_with_the_text_typed_to_correct_it() {
    let mut h = Harness::empty();
    up_to_fillers(&mut h);
    h.press_n(BackTab, 5);
    h.press(Char('a')).enter_text("ana SILVA");
    assert!(h.status().is_some_and(|s| s.contains("already there")));
    assert_eq!(asked_text(&h).as_deref(), Some("ana SILVA"), "still asked");
    // Corrected where it stands: the typed text is there to change, not to type again.
    h.press_n(ratatui::crossterm::event::KeyCode::Backspace, 5)
        .enter_text("Sousa");
    assert_eq!(
        asked_text(&h).as_deref(),
        Some(""),
        "the e-mail is asked next"
    );
    h.enter_text("no-at-sign");
    assert_eq!(asked_text(&h).as_deref(), Some("no-at-sign"));
    h.press_n(ratatui::crossterm::event::KeyCode::Backspace, 10)
        .enter_text("");
    assert!(
        adoption(&h)
            .draft
            .people
            .iter()
            .any(|p| p.name == "ana Sousa"),
        "{:?}",
        adoption(&h).draft.people
    );
}

#[test]
fn leaving_the_adoption_keeps_it_and_the_welcome_screen_takes_it_up_again() {
    let mut h = Harness::empty();
    up_to_fillers(&mut h);
    h.press(Esc);
    assert!(matches!(h.app.view().screen, Screen::Welcome(_)));
    assert_eq!(h.app.store().organisation_name().expect("query"), None);
    h.press(Char('2'));
    assert_eq!(adoption(&h).draft.people.len(), 4);
    assert!(h.screen(80, 24).contains("Step 8 of 9"));
    // Loading the demo instead forgets it.
    h.press(Esc).press(Up).press(Up).press(Enter);
    assert_eq!(h.app.store().adoption_draft().expect("query"), None);
}

#[test]
fn from_nothing_to_my_work_through_the_adoption_governance_and_a_tactical_meeting() {
    let mut h = Harness::empty();
    up_to_fillers(&mut h);
    fill_core_roles(&mut h);
    adopt(&mut h);
    // Governance: Ana proposes two roles; nobody objects; adopted.
    h.start_governance(0);
    h.press(Enter).enter_text("Ready");
    h.press(Char('>'));
    h.press(Char('a'))
        .choose("A proposal")
        .enter_text("Bread")
        .choose("Ana Silva");
    h.press(Char('>'));
    h.press(Enter)
        .enter_text("Nobody bakes or sells")
        .enter_text("No bread on Monday");
    h.choose("Circle Lead");
    for (role, purpose, accountability) in [
        ("Baker", "Bread every morning", "Baking the bread"),
        ("Seller", "Happy customers", "Selling the bread"),
    ] {
        h.press(Char('c'))
            .choose("Create a role")
            .enter_text(role)
            .enter_text(purpose)
            .enter_text("")
            .enter_text(accountability)
            .choose("Save");
    }
    h.press_n(Char('n'), 4);
    h.press_n(Enter, 4);
    h.press(Char('a')).press(Char('y'));
    assert!(
        h.status().is_some_and(|s| s.starts_with("Adopted")),
        "{:?}",
        h.status()
    );
    h.press(Char('>'))
        .press(Char('e'))
        .press(Char('y'))
        .press(Esc);
    // The Circle Lead assigns the two new roles in the browser (5.0 §1.4.1).
    h.press(Enter);
    for (role, person) in [("Baker", "Dev Patel"), ("Seller", "Ben Okoro")] {
        h.select_row(role).press(Char('a')).choose(person);
        h.enter_text("").choose("Ana Silva");
        assert!(
            h.status()
                .is_some_and(|s| s.contains(&format!("assigned {person} to {role}"))),
            "{:?}",
            h.status()
        );
    }
    h.press(Esc);
    // A tactical meeting: Dev brings "Flour", and gets a next action as Baker.
    h.start_tactical(0, &[]).press_n(Char('>'), 4);
    h.press(Char('a')).enter_text("Flour").choose("Dev Patel");
    h.press(Char('>'));
    h.press(Enter)
        .choose("Next action")
        .enter_text("Order rye flour");
    h.choose("Baker — Dev Patel");
    h.press(Char('c')).choose("Yes");
    h.press(Char('>'))
        .press(Char('>'))
        .press(Char('y'))
        .press(Esc);
    h.press(Char('w')).choose("Dev Patel");
    let work = h.screen(80, 24);
    assert!(
        work.contains("Baker") && work.contains("Order rye flour"),
        "{work}"
    );
}

#[test]
fn five_zero_1_4_1_a_role_the_adoption_gives_control_of_assignments_assigns_and_others_may_not() {
    let mut h = Harness::empty();
    h.press(Char('2')).press(Enter);
    h.press(Enter).enter_text("Riverside Co-op");
    h.press(Tab);
    for name in PEOPLE {
        h.press(Char('a')).enter_text(name).enter_text("");
    }
    h.press(Tab).press(Char(' ')).press(Tab);
    for (role, purpose) in [("Baker", "Bread"), ("Seller", "Customers")] {
        h.press(Char('a'))
            .enter_text(role)
            .enter_text(purpose)
            .enter_text("")
            .enter_text("");
    }
    // Step 5 does not yet name a Circle Lead: step 7 may leave the anchor without one.
    let roles = h.screen(140, 30);
    assert!(
        roles.contains("a Circle Lead too, unless step 7 leaves it without one (5.0 §1.4)"),
        "{roles}"
    );
    h.press(Tab).press(Tab);
    // No Circle Lead: the Baker controls the anchor circle's role assignments (by policy).
    assert!(
        h.screen(100, 30)
            .contains("the role Baker assigns the roles")
    );
    h.press(Down).press(Enter);
    // Back on step 5 the roles say so, and nothing chosen is lost.
    h.press_n(BackTab, 3);
    let roles = h.screen(140, 30);
    assert!(
        roles.contains("Step 5 of 9") && roles.contains("no Circle Lead: step 7 gave"),
        "{roles}"
    );
    h.press_n(Tab, 3);
    assert!(
        !h.screen(100, 30).contains("Circle Lead:"),
        "no Circle Lead to fill"
    );
    // Fillers: Facilitator, Secretary, Baker (row 2), Seller.
    h.press_n(Down, 2)
        .press(Enter)
        .press_n(Down, 3)
        .press(Enter);
    assert!(h.screen(100, 30).contains("Focus for Dev Patel"));
    h.enter_text(""); // no focus
    adopt(&mut h);
    let org = h
        .app
        .store()
        .load_organisation()
        .expect("load")
        .expect("org");
    let anchor = org.anchor().expect("anchor").id;
    assert!(org.core_role(anchor, CoreRole::Lead).is_none());
    // Dev, as Baker, assigns Ben to Seller; Ana, who fills nothing, is not offered.
    h.press(Enter)
        .select_row("Seller")
        .press(Char('a'))
        .choose("Ben Okoro");
    h.press(Enter);
    let Screen::Browser(b) = &h.app.view().screen else {
        panic!("not in the browser")
    };
    let Some(roundtable::ui::Modal::Picker(p)) = &b.modal else {
        panic!("no actor picker:\n{}", h.screen(100, 30))
    };
    assert_eq!(p.options, ["Dev Patel (Baker role of Riverside Co-op)"]);
    h.press(Enter);
    assert!(
        h.status().is_some_and(|s| s
            .starts_with("Dev Patel, as Baker of Riverside Co-op (by policy), assigned Ben Okoro")),
        "{:?}",
        h.status()
    );
}

#[test]
fn the_step_trail_marks_the_current_step_and_keeps_its_neighbours_when_narrow() {
    let mut h = Harness::empty();
    h.press(Char('2')).press(Enter);
    h.press(Enter).enter_text("Riverside Co-op");
    h.press(Tab);
    let wide = h.screen(200, 50);
    assert!(
        wide.contains("Constitution › Organisation › [People] › Ratifiers › Roles"),
        "{wide}"
    );
    let narrow = h.screen(80, 24);
    assert!(
        narrow.contains("[People]") && narrow.contains("Organisation") && narrow.contains('…'),
        "{narrow}"
    );
    h.press(Char('a')).enter_text("Ana Silva").enter_text("");
    h.press(Tab);
    assert!(
        h.screen(80, 24).contains("[Ratifiers]"),
        "{}",
        h.screen(80, 24)
    );
}

#[test]
fn a_focus_being_typed_survives_a_kill_and_the_adoption_resumes_with_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rt.db");
    let open = || Harness::with_backend(roundtable::store::Store::open(&path).expect("store"));
    {
        let mut h = open();
        up_to_fillers(&mut h);
        // Circle Lead: Ana, and her focus half typed.
        h.press(Enter).press(Enter).type_str("Shopi");
        assert_eq!(
            asked_text(&h).as_deref(),
            Some("Shopi"),
            "{}",
            h.screen(80, 24)
        );
        // The tick after typing stops keeps what is on screen; then a kill -9.
        h.wait(3);
    }
    let mut h = open();
    if matches!(h.app.view().screen, Screen::Welcome(_)) {
        h.press(Char('2'));
    }
    assert_eq!(
        asked_text(&h).as_deref(),
        Some("Shopi"),
        "nothing entered was lost, as the program says:\n{}",
        h.screen(80, 24)
    );
}

/// The browser's details of the row named `name`, tall enough for all of it.
fn details_of(h: &mut Harness, name: &str) -> String {
    h.select_row(name);
    h.screen(200, 120)
}

#[test]
fn as_of_a_day_before_the_adoption_says_nothing_had_been_adopted_yet() {
    let mut h = Harness::demo();
    h.press(Enter).press(Char('d')).enter_text("2026-05-31");
    assert_eq!(
        h.status().as_deref(),
        Some(
            "Nothing had been adopted yet on 2026-05-31: Riverbend Bakery Cooperative was \
             adopted on 2026-06-01."
        )
    );
    let Screen::Browser(b) = &h.app.view().screen else {
        panic!("not in the browser")
    };
    assert!(b.as_of.is_none(), "the organisation of today stays shown");
    // The day of the adoption shows it as adopted.
    h.press(Esc).press(Char('d')).enter_text("2026-06-01");
    assert!(
        h.screen(100, 30).contains("As it stood on 2026-06-01"),
        "{}",
        h.screen(100, 30)
    );
}

#[test]
fn the_adoption_starts_the_histories_and_dates_the_assignments_it_made() {
    let mut h = Harness::demo();
    h.press(Enter);
    let anchor = details_of(&mut h, "Riverbend Bakery Cooperative");
    assert!(
        anchor.contains("2026-06-01 · adopted the constitution (holacracy-5.0), ratified by"),
        "the circle's governance log starts with it:\n{anchor}"
    );
    // An elected role filled by the adoption was not elected then (5.0 §1.3.3: "The
    // Ratifiers may define an initial structure and other Governance within the Anchor
    // Circle upon adopting this Constitution").
    let facilitator = details_of(&mut h, "Facilitator");
    assert!(
        facilitator.contains("defined at the adoption on 2026-06-01")
            && !facilitator.contains("elected (term"),
        "{facilitator}"
    );
    let role = details_of(&mut h, "Pastry Lead");
    assert!(
        role.contains("defined at the adoption on 2026-06-01"),
        "a role of the adoption says so:\n{role}"
    );
    assert!(!role.contains("as imported"), "{role}");
    // Its history names its first filler while she fills it, from the adoption.
    assert!(
        role.contains("defined at the adoption on 2026-06-01, filled by Lucía Fernández"),
        "{role}"
    );
    // An assignment the adoption made dates from it, like one made in the browser.
    h.press(Char('x')).choose("Lucía Fernández");
    h.choose("Jonas Lindqvist");
    let role = h.screen(200, 120);
    assert!(
        role.contains("ended: Lucía Fernández, 2026-06-01 to 2026-11-24"),
        "{role}"
    );
    assert!(!role.contains("before the record"), "{role}");
}
