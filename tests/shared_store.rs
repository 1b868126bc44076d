//! Two programs on one database file: the same meeting facilitated from two screens never
//! records an entry twice, and what one records appears in the other without a key press.

mod common;

use common::{Harness, elsewhere};
use ratatui::crossterm::event::KeyCode::{Char, Down, Enter, Esc};
use roundtable::domain::meeting::tactical::Step;

const BAKEHOUSE: usize = 1;

fn count(h: &Harness, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(h.app.store().location()).expect("open");
    conn.query_row(sql, [], |r| r.get(0)).expect("count")
}

/// Two programs on one new database, both in the checklist step of one Bakehouse meeting.
fn two_programs_in_the_checklist(dir: &std::path::Path) -> (Harness, Harness) {
    let path = dir.join("shared.db");
    let mut first = Harness::demo_file(&path);
    first.start_tactical(BAKEHOUSE, &[]).press(Char('>'));
    assert_eq!(first.meeting().state.step, Step::Checklist);
    let mut second = Harness::demo_file(&path);
    second.press_n(ratatui::crossterm::event::KeyCode::Down, BAKEHOUSE);
    second.press(Char('t'));
    assert_eq!(
        second.meeting().state.step,
        Step::Checklist,
        "the second program resumes the same meeting"
    );
    (first, second)
}

#[test]
fn an_answer_given_in_two_programs_at_once_is_recorded_once_and_the_late_one_is_told_why() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut first, mut second) = two_programs_in_the_checklist(dir.path());
    first.press(Char('c'));
    // The second program has not looked yet: it decides on the state before the first's answer.
    second.press(Char('x'));
    assert_eq!(
        count(&first, "SELECT count(*) FROM checklist_answers"),
        1,
        "the first item has one answer, not two"
    );
    assert_eq!(
        count(&first, "SELECT checked FROM checklist_answers"),
        1,
        "and it is the answer recorded first (check)"
    );
    let status = second.status().unwrap_or_default();
    assert!(
        status.contains("Another program recorded an entry first")
            && status.contains("already answered"),
        "the late program says why: {status}"
    );
    assert_eq!(
        second.meeting().state.answers.len(),
        1,
        "and shows the answer that stands"
    );
}

#[test]
fn a_late_entry_that_still_holds_is_recorded_after_the_other_programs_entries() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut first, mut second) = two_programs_in_the_checklist(dir.path());
    first.press_n(Char('>'), 3);
    second.wait(1);
    assert_eq!(
        second.meeting().state.step,
        Step::Agenda,
        "the tick took the steps in"
    );
    first.press(Char('a')).enter_text("Butter").press(Enter);
    second.press(Char('a')).enter_text("Ovens").press(Enter);
    let labels = |h: &Harness| -> Vec<String> {
        h.meeting()
            .state
            .agenda_items()
            .map(|i| i.label.clone())
            .collect()
    };
    assert_eq!(labels(&second), ["Butter", "Ovens"]);
    first.wait(1);
    assert_eq!(
        labels(&first),
        ["Butter", "Ovens"],
        "both programs show both items"
    );
    let status = second.status().unwrap_or_default();
    assert!(
        status.contains("yours was recorded after"),
        "the late program says what happened: {status}"
    );
}

#[test]
fn what_another_program_records_appears_at_the_next_tick() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut first, mut second) = two_programs_in_the_checklist(dir.path());
    first.press(Char('c')).press(Char('c'));
    assert!(second.meeting().state.answers.is_empty());
    second.wait(1);
    assert_eq!(
        second.meeting().state.answers.len(),
        2,
        "the second program shows both answers after one tick"
    );
    assert_eq!(
        second.meeting().state.cursor(Step::Checklist),
        first.meeting().state.cursor(Step::Checklist),
        "and is on the same item"
    );
    let screen = second.screen(100, 30);
    assert!(screen.contains("✓"), "the answers are drawn:\n{screen}");
}

#[test]
fn a_note_typed_after_the_other_program_ended_the_meeting_is_refused_not_added_to_its_minutes() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.db");
    let mut first = Harness::demo_file(&path);
    first.start_tactical(BAKEHOUSE, &[]);
    let mut second = Harness::demo_file(&path);
    second.press_n(ratatui::crossterm::event::KeyCode::Down, BAKEHOUSE);
    second.press(Char('t'));
    first.press(Char('e')).press(Char('y'));
    let events = count(&first, "SELECT count(*) FROM meeting_events");
    second.press(Enter).enter_text("Late note");
    assert_eq!(
        count(&first, "SELECT count(*) FROM meeting_events"),
        events,
        "nothing was written after the end"
    );
    let status = second.status().unwrap_or_default();
    assert!(
        status.contains("ended"),
        "the second program says the meeting has ended: {status}"
    );
}

#[test]
fn a_move_decided_where_the_meeting_no_longer_is_is_not_made() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut first, mut second) = two_programs_in_the_checklist(dir.path());
    first.press_n(Char('>'), 3);
    let events = count(&first, "SELECT count(*) FROM meeting_events");
    // The second program still shows the checklist: its > meant "to the metrics".
    second.press(Char('>'));
    assert_eq!(
        count(&first, "SELECT count(*) FROM meeting_events"),
        events,
        "the meeting was not taken back to the metrics"
    );
    assert_eq!(
        second.meeting().state.step,
        Step::Agenda,
        "it now shows where the meeting is"
    );
    let status = second.status().unwrap_or_default();
    assert!(status.contains("not where it was"), "and says so: {status}");
}

#[test]
fn a_note_typed_while_another_program_holds_the_database_is_kept_and_saved_on_retry() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.db");
    let mut h = Harness::demo_file(&path);
    h.start_tactical(BAKEHOUSE, &[]);
    let holder = rusqlite::Connection::open(&path).expect("another program");
    holder
        .execute_batch("BEGIN IMMEDIATE")
        .expect("holds the write lock");
    h.press(Enter).type_str("Tired but happy").press(Enter);
    let status = h.status().unwrap_or_default();
    assert!(
        status.starts_with("Saving… the database is busy") && status.contains("kept"),
        "the facilitator is told it is not saved yet: {status}"
    );
    match h.meeting_modal() {
        Some(roundtable::ui::Modal::Prompt(p)) => assert_eq!(
            p.value(),
            "Tired but happy",
            "the typed note is still in its field"
        ),
        other => panic!("the note's prompt is gone: {other:?}"),
    }
    assert!(
        h.meeting().state.rounds.notes.is_empty(),
        "nothing shown as kept"
    );
    holder.execute_batch("ROLLBACK").expect("lets go");
    h.press(Enter);
    assert_eq!(
        h.meeting()
            .state
            .rounds
            .notes
            .iter()
            .map(|n| n.text.as_str())
            .collect::<Vec<_>>(),
        ["Tired but happy"],
        "Enter again saves it"
    );
    assert_eq!(
        count(
            &h,
            "SELECT count(*) FROM meeting_events WHERE payload LIKE '%Tired but happy%'"
        ),
        1
    );
}

/// An entry waiting for a database another program holds: looking at help does not drop it
/// (it is recorded by itself once the database is free); another key does, and says so.
#[test]
fn help_keeps_an_entry_waiting_for_a_busy_database_and_another_key_says_it_dropped_it() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.db");
    let mut h = Harness::demo_file(&path);
    h.start_tactical(BAKEHOUSE, &[]);
    let steps = "SELECT count(*) FROM meeting_events WHERE payload LIKE '%step_changed%'";
    let before = count(&h, steps);
    let holder = rusqlite::Connection::open(&path).expect("another program");
    holder
        .execute_batch("BEGIN IMMEDIATE")
        .expect("holds the write lock");
    h.press(Char('>'));
    assert!(h.status().unwrap_or_default().starts_with("Saving…"));
    h.press(Char('?'));
    assert!(h.app.view().help_open, "help is open");
    assert!(
        h.status().unwrap_or_default().starts_with("Saving…"),
        "and the status still says the entry waits"
    );
    h.press(Esc);
    holder.execute_batch("ROLLBACK").expect("lets go");
    h.wait(1);
    assert_eq!(
        h.meeting().state.step,
        Step::Checklist,
        "recorded by itself"
    );
    assert_eq!(count(&h, steps), before + 1, "once");

    holder
        .execute_batch("BEGIN IMMEDIATE")
        .expect("holds it again");
    h.press(Char('>'));
    // Free again before the next try, and a key pressed meanwhile: the person went on.
    holder.execute_batch("ROLLBACK").expect("lets go");
    h.press(Down);
    let status = h.status().unwrap_or_default();
    assert!(
        status.starts_with("Not recorded by itself any more (another key was pressed)"),
        "{status}"
    );
    h.wait(1);
    assert_eq!(h.meeting().state.step, Step::Checklist, "not recorded");
    assert_eq!(count(&h, steps), before + 1);
}

const SHOPFRONT: usize = 2;

#[test]
fn two_programs_recording_in_different_circles_at_once_lose_and_double_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.db");
    let mut bakehouse = Harness::demo_file(&path);
    bakehouse.start_tactical(BAKEHOUSE, &[]);
    let mut shopfront = Harness::demo_file(&path);
    shopfront.start_tactical(SHOPFRONT, &[]);
    for i in 0..40 {
        bakehouse
            .press(Enter)
            .enter_text(&format!("Bakehouse note {i}"));
        shopfront
            .press(Enter)
            .enter_text(&format!("Shopfront note {i}"));
        if i % 7 == 0 {
            bakehouse.wait(1);
            shopfront.wait(1);
        }
    }
    for circle in ["Bakehouse", "Shopfront"] {
        for i in 0..40 {
            let like = format!(
                "SELECT count(*) FROM meeting_events WHERE payload LIKE '%{circle} note {i}\"%'"
            );
            assert_eq!(
                count(&bakehouse, &like),
                1,
                "{circle} note {i} is stored once"
            );
        }
    }
    let notes = |h: &Harness| h.meeting().state.rounds.notes.len();
    assert_eq!(
        (notes(&bakehouse), notes(&shopfront)),
        (40, 40),
        "each shows its own 40"
    );
}

#[test]
fn two_programs_answering_one_checklist_in_turn_never_double_an_answer() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut first, mut second) = two_programs_in_the_checklist(dir.path());
    // Both press check as fast as keys arrive, neither looking at the other's screen.
    for _ in 0..6 {
        first.press(Char('c'));
        second.press(Char('c'));
    }
    assert_eq!(
        count(
            &first,
            "SELECT count(*) FROM (SELECT item_id FROM checklist_answers GROUP BY item_id HAVING count(*) > 1)"
        ),
        0,
        "no item has two answers"
    );
    let items = first.meeting().state.checklist.len() as i64;
    assert_eq!(
        count(&first, "SELECT count(*) FROM checklist_answers"),
        items,
        "every item is answered once"
    );
    second.wait(1);
    assert_eq!(
        first.meeting().state.answers.len(),
        second.meeting().state.answers.len(),
        "both show the same answers"
    );
}

#[test]
fn the_late_program_is_told_who_recorded_first() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut first, mut second) = two_programs_in_the_checklist(dir.path());
    first.app.set_actor(Some("Kwame Mensah")).expect("a name");
    second.app.set_actor(Some("Elif Yılmaz")).expect("a name");
    first.press(Char('c'));
    second.press(Char('x'));
    let status = second.status().unwrap_or_default();
    assert!(
        status.starts_with("Kwame Mensah recorded an entry first, so: already answered"),
        "the late program names who answered first: {status}"
    );
    first.press(Char('c'));
    second.wait(1);
    let status = second.status().unwrap_or_default();
    assert_eq!(
        status, "Kwame Mensah recorded an entry in this meeting: shown.",
        "and who recorded what appears by itself"
    );
    assert_eq!(
        count(
            &first,
            "SELECT count(*) FROM meeting_events WHERE actor = 'Kwame Mensah'"
        ),
        2,
        "each entry records who made it"
    );
}

#[test]
fn a_name_that_is_empty_once_cleaned_is_refused() {
    let mut h = Harness::demo();
    assert!(h.app.set_actor(Some(" \u{200b} \u{7} ")).is_err());
    assert!(h.app.set_actor(Some(&"x".repeat(81))).is_err());
    assert!(h.app.set_actor(Some("Mei Chen")).is_ok());
}

#[test]
fn a_meeting_ended_in_another_program_shows_its_minutes_at_the_next_tick() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.db");
    let mut first = Harness::demo_file(&path);
    first.app.set_actor(Some("Kwame Mensah")).expect("named");
    first.start_tactical(BAKEHOUSE, &[]);
    let mut second = Harness::demo_file(&path);
    second.press_n(ratatui::crossterm::event::KeyCode::Down, BAKEHOUSE);
    second.press(Char('t')).choose("Take over");
    first.press(Char('e')).press(Char('y'));
    second.wait(1);
    assert!(
        matches!(
            second.app.view().screen,
            roundtable::app::Screen::Minutes(_)
        ),
        "the timers stop: the minutes are shown\n{}",
        second.screen(80, 24)
    );
    assert_eq!(
        second.status().as_deref(),
        Some("Kwame Mensah recorded an entry and ended the meeting: here are its minutes.")
    );
    assert!(second.screen(100, 40).contains("Recorded by: Kwame Mensah"));
}

#[test]
fn an_open_owner_picker_gains_a_role_adopted_elsewhere_and_loses_one_removed_there() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.db");
    let mut h = Harness::demo_file(&path);
    elsewhere::owner_being_asked(&mut h, "Next action", "Taste the rye");
    assert!(!h.screen(100, 30).contains("Bread Sommelier"));
    elsewhere::select(&mut h, "Ingredients Buyer — Mei Chen");
    elsewhere::sommelier_filled(&path);
    h.wait(1);
    let screen = h.screen(100, 40);
    assert!(
        screen.contains("Bread Sommelier — Mei Chen"),
        "the open picker offers the role adopted elsewhere, at the next tick:\n{screen}"
    );
    assert!(
        elsewhere::picker(&h)
            .1
            .starts_with("Ingredients Buyer — Mei Chen"),
        "and the selection stays on the owner it was on"
    );
    elsewhere::sommelier_removed(&path);
    h.wait(1);
    let screen = h.screen(100, 40);
    assert!(
        !screen.contains("Bread Sommelier"),
        "the role removed elsewhere is no longer offered:\n{screen}"
    );
    assert!(
        elsewhere::picker(&h)
            .1
            .starts_with("Ingredients Buyer — Mei Chen")
    );
    h.press(Enter);
    let recorded = elsewhere::rows(&path, "next_actions", "text", "Taste the rye");
    assert_eq!(recorded, 1, "the owner chosen is recorded");
}

#[test]
fn an_owner_removed_elsewhere_meanwhile_is_refused_in_plain_words_and_nothing_is_recorded() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.db");
    let mut h = Harness::demo_file(&path);
    elsewhere::owner_being_asked(&mut h, "Next action", "Taste the rye");
    elsewhere::sommelier_filled(&path);
    h.wait(1);
    elsewhere::select(&mut h, "Bread Sommelier — Mei Chen");
    // Removed elsewhere before this program's next tick: the pick is taken on what stands.
    elsewhere::sommelier_removed(&path);
    h.press(Enter);
    assert_eq!(
        h.status().as_deref(),
        Some("Bread Sommelier was removed in another program meanwhile: choose again.")
    );
    let screen = h.screen(100, 40);
    assert!(!screen.contains("database error"), "{screen}");
    assert!(
        screen.contains("Who owns this next action?") && !screen.contains("Bread Sommelier —"),
        "the picker stays open, offering what stands:\n{screen}"
    );
    let recorded = || elsewhere::rows(&path, "next_actions", "text", "Taste the rye");
    assert_eq!(recorded(), 0, "nothing is recorded");
    let shown = h
        .meeting()
        .state
        .agenda_items()
        .any(|i| !i.outputs.is_empty());
    assert!(!shown, "nor shown");
    h.choose("Ingredients Buyer — Mei Chen");
    assert_eq!(recorded(), 1, "choosing again records it");
}

/// A program whose organisation in memory is behind another program's adoption adopts a
/// change of the same role: what is stored is planned from the role as the store reads it in
/// the adoption's own transaction (both changes kept: an amendment changes only the fields it
/// names), and the program's memory, behind until then, equals the store once read again (as
/// the next tick does).
#[test]
fn an_adoption_decided_on_an_organisation_behind_another_programs_keeps_both_changes() {
    use roundtable::domain::meeting::governance::Change;
    use roundtable::domain::meeting::{Effect, MeetingKind};
    use roundtable::domain::org::{Applied, Source, Stamp};
    use roundtable::store::Store;
    use roundtable::store::prelude::*;
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.db");
    drop(Harness::demo_file(&path));
    let mut store = Store::open(&path).expect("this program's store");
    let mut behind = store.load_organisation().expect("reads").expect("org");
    let bakehouse = behind.circle_named("Bakehouse").expect("Bakehouse").id;
    let role = (behind.roles_in(bakehouse))
        .find(|r| r.core.is_none())
        .expect("a role of Bakehouse")
        .clone();
    let amend = |name: Option<&str>, purpose: Option<&str>| Change::AmendRole {
        role: role.id,
        name: name.map(String::from),
        purpose: purpose.map(String::from),
        domains: None,
        accountabilities: None,
    };
    // The other program adopts a new purpose for the role.
    elsewhere::recorded(&path, |_| {
        vec![Effect::ApplyGovernance {
            circle: bakehouse,
            changes: vec![amend(None, Some("Bread that keeps a week"))],
        }]
    });
    // This one, not yet told, adopts a new name for it.
    let meeting = store
        .start_meeting(
            bakehouse,
            MeetingKind::Governance,
            common::start_time(),
            &"started",
        )
        .expect("starts");
    let effects = vec![Effect::ApplyGovernance {
        circle: bakehouse,
        changes: vec![amend(Some("Head Baker"), None)],
    }];
    let appended = store
        .append_entry(meeting, 1, common::start_time(), &"adopted", &effects)
        .expect("adopted");
    let stamp = Stamp::at(
        Source {
            meeting,
            seq: appended.seq,
        },
        common::start_time(),
    );
    let written: Vec<_> = effects.into_iter().zip(appended.created).collect();
    let applied = behind.apply_entry(&stamp, &written);

    let stored = store.load_organisation().expect("reads").expect("org");
    let now = stored.role(role.id).expect("the role");
    assert_eq!(
        (now.name.as_str(), now.purpose.as_str()),
        ("Head Baker", "Bread that keeps a week"),
        "both adoptions stand"
    );
    let history = store.role_history(role.id).expect("history");
    let last = history.last().expect("a version");
    assert_eq!(
        (last.name.as_str(), last.purpose.as_str()),
        ("Head Baker", "Bread that keeps a week"),
        "the version written is the role as it stood in the store"
    );
    // Memory applied its own change on the role as it knew it (no reload after an entry),
    // without the other program's purpose, until it reads the store again.
    assert_eq!(applied, Applied::Done);
    let held = behind.role(role.id).expect("the role");
    assert_eq!(held.name, "Head Baker");
    assert_eq!(held.purpose, role.purpose, "behind until read again");
    let read_again = roundtable::app::reports::reload(&store, &behind)
        .expect("reads")
        .expect("org");
    let records = |o: &roundtable::domain::Organisation| format!("{:#?}", o.records());
    assert_eq!(records(&read_again), records(&stored));
}
