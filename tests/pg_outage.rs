//! The PostgreSQL server going away under a running program, mid-meeting: the screen says so
//! in one line, what was typed stays on screen, the entry is recorded by itself once the
//! server is back (exactly once), and the meeting goes on. The server is taken away by a
//! relay between the program and the test server (`common::proxy`), as a stopped server
//! (connections closed, new ones refused) and as a network that passes nothing on.

mod common;

use common::Harness;
use common::pg::PgDb;
use common::proxy::Proxy;
use ratatui::crossterm::event::KeyCode::{Char, Enter};
use roundtable::app::{Screen, setup};
use roundtable::store::PgStore;
use roundtable::store::postgres::Target;
use std::time::{Duration, Instant};
use tokio_postgres::config::Host;

const BAKEHOUSE: usize = 1;

/// The demo on a new test database, and a program reaching it through a relay.
fn demo_through_a_relay(db: &PgDb) -> (Harness, Proxy) {
    let (store, proxy) = demo_store_through_a_relay(db);
    (Harness::with_backend(store), proxy)
}

/// The demo on a new test database, and a store reaching it through a relay.
fn demo_store_through_a_relay(db: &PgDb) -> (PgStore, Proxy) {
    let mut store = db.store();
    setup::load_demo(&mut store).expect("demo loads");
    drop(store);
    let config = db.admin.config();
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(name)) => name.clone(),
        _ => "127.0.0.1".to_string(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let proxy = Proxy::start(&format!("{host}:{port}"));
    let user = config.get_user().unwrap_or("postgres");
    let address = format!("postgres://{user}@127.0.0.1:{}/{}", proxy.port, db.name);
    let target = Target::parse(&address).expect("address");
    let store = PgStore::open_target(target).expect("opens through the relay");
    (store, proxy)
}

/// A tactical meeting of Bakehouse in the agenda step.
fn in_the_agenda(h: &mut Harness) {
    h.start_tactical(BAKEHOUSE, &[]).press_n(Char('>'), 4);
    assert_eq!(
        h.meeting().state.step,
        roundtable::domain::meeting::tactical::Step::Agenda
    );
}

fn agenda(h: &Harness) -> Vec<String> {
    h.meeting()
        .state
        .agenda_items()
        .map(|i| i.label.clone())
        .collect()
}

/// Ticks (a second of the program's clock each) until the program says the server is back.
fn until_back(h: &mut Harness) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while h.app.view().lost.is_some() {
        assert!(
            Instant::now() < deadline,
            "the program did not connect again: {:?}",
            h.app.view().lost
        );
        std::thread::sleep(Duration::from_millis(100));
        h.wait(1);
    }
}

/// Adds an agenda item while the server is gone, then checks everything the person sees and
/// what is recorded once it is back.
fn an_item_typed_while_gone_is_recorded_once_back(take_away: impl Fn(&Proxy)) {
    let Some(db) = PgDb::new() else { return };
    let (mut h, proxy) = demo_through_a_relay(&db);
    in_the_agenda(&mut h);
    take_away(&proxy);
    let pressed = Instant::now();
    // The item's words, then whose it is (Enter: the one offered).
    h.press(Char('a')).enter_text("Butter");
    let asked = format!("{:?}", h.meeting_modal());
    assert!(asked.contains("Butter"), "{asked}");
    h.press(Enter);
    assert!(
        pressed.elapsed() < Duration::from_secs(10),
        "the key was answered, not hung: {:?}",
        pressed.elapsed()
    );
    let status = h.status().unwrap_or_default();
    assert!(status.starts_with("Not saved yet"), "{status}");
    assert_eq!(
        format!("{:?}", h.meeting_modal()),
        asked,
        "the question and what was typed are still on screen"
    );
    for (width, height) in [(80, 24), (60, 16)] {
        let screen = h.screen(width, height);
        assert_eq!(
            screen.matches("No connection to the server").count(),
            1,
            "one line says so at {width}x{height}:\n{screen}"
        );
    }
    assert!(agenda(&h).is_empty(), "nothing shown as recorded");

    proxy.resume();
    until_back(&mut h);
    assert_eq!(agenda(&h), ["Butter"], "recorded by itself once back");
    let status = h.status().unwrap_or_default();
    assert!(
        status.starts_with("Connected to the server again"),
        "{status}"
    );
    assert!(!h.screen(80, 24).contains("No connection"));
    assert!(
        h.meeting_modal().is_none(),
        "the question closed with the entry"
    );

    // The meeting goes on, and a second program sees the item once.
    h.press(Char('a')).enter_text("Ovens").press(Enter);
    assert_eq!(agenda(&h), ["Butter", "Ovens"]);
    let mut other = Harness::with_backend(db.store());
    other.press_n(ratatui::crossterm::event::KeyCode::Down, BAKEHOUSE);
    other.press(Char('t'));
    assert!(matches!(other.app.view().screen, Screen::Tactical(_)));
    assert_eq!(
        agenda(&other),
        ["Butter", "Ovens"],
        "each entry stored once"
    );
}

#[test]
fn a_stopped_server_is_said_on_one_line_and_the_entry_is_recorded_when_it_is_back() {
    an_item_typed_while_gone_is_recorded_once_back(Proxy::stop);
}

#[test]
fn a_network_that_answers_nothing_does_not_hang_the_screen() {
    an_item_typed_while_gone_is_recorded_once_back(Proxy::silence);
}

/// The server commits the entry but its answer is lost with the connection: pressed again
/// once the server is back, the key must find its own entry there and not record it twice
/// (nor record it again as something else).
#[test]
fn an_entry_whose_commit_answer_was_lost_is_recorded_once() {
    let Some(db) = PgDb::new() else { return };
    let (mut h, proxy) = demo_through_a_relay(&db);
    in_the_agenda(&mut h);
    proxy.cut_at_commit("INSERT INTO meeting_events");
    h.press(Char('a')).enter_text("Butter").press(Enter);
    let status = h.status().unwrap_or_default();
    assert!(status.starts_with("Not saved yet"), "{status}");
    assert!(agenda(&h).is_empty(), "not shown: the answer never came");
    let mut meanwhile = Harness::with_backend(db.store());
    meanwhile.press_n(ratatui::crossterm::event::KeyCode::Down, BAKEHOUSE);
    meanwhile.press(Char('t'));
    assert_eq!(agenda(&meanwhile), ["Butter"], "the server did commit it");
    drop(meanwhile);
    proxy.resume();
    until_back(&mut h);
    assert_eq!(agenda(&h), ["Butter"], "{:?}", h.status());
    let status = h.status().unwrap_or_default();
    assert!(
        status.starts_with("Connected to the server again"),
        "{status}"
    );
    h.press(Char('a')).enter_text("Ovens").press(Enter);
    let mut other = Harness::with_backend(db.store());
    other.press_n(ratatui::crossterm::event::KeyCode::Down, BAKEHOUSE);
    other.press(Char('t'));
    assert_eq!(
        agenda(&other),
        ["Butter", "Ovens"],
        "each entry stored once"
    );
}

/// The same for a change of the organisation's own log: a person added whose answer was lost
/// is found made when the same change is asked again, and recorded once.
#[test]
fn an_organisation_change_whose_commit_answer_was_lost_is_recorded_once() {
    use roundtable::app::org_entries::record;
    use roundtable::domain::org_log::OrgRequest;
    use roundtable::store::prelude::{OrgLog, OrganisationStore};
    let Some(db) = PgDb::new() else { return };
    let (mut store, proxy) = demo_store_through_a_relay(&db);
    let org = store.load_organisation().expect("reads").expect("the demo");
    let request = OrgRequest::AddPerson {
        name: "Ana Sousa".into(),
        email: None,
    };
    let at = chrono::Utc::now();
    proxy.cut_at_commit("INSERT INTO org_log");
    let lost = record(&mut store, &org, &request, None, at);
    assert!(
        lost.as_ref()
            .is_err_and(|e| e.contains("cannot be reached")),
        "{lost:?}"
    );
    proxy.resume();
    let deadline = Instant::now() + Duration::from_secs(30);
    let again = loop {
        match record(&mut store, &org, &request, None, at) {
            Err(e) if e.contains("cannot be reached") && Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(200));
            }
            other => break other,
        }
    };
    assert!(again.is_ok(), "{again:?}");
    let entries = db.store().org_entries().expect("reads");
    let added = entries
        .iter()
        .filter(|e| format!("{:?}", e.change).contains("Ana Sousa"))
        .count();
    assert_eq!(added, 1, "the person is added once");
}

#[test]
fn a_server_gone_while_idle_is_noticed_by_the_tick_and_keys_still_work() {
    let Some(db) = PgDb::new() else { return };
    let (mut h, proxy) = demo_through_a_relay(&db);
    in_the_agenda(&mut h);
    proxy.stop();
    h.wait(1);
    let deadline = Instant::now() + Duration::from_secs(10);
    while h.app.view().lost.is_none() {
        assert!(Instant::now() < deadline, "the outage was never noticed");
        std::thread::sleep(Duration::from_millis(50));
        h.wait(1);
    }
    // Moving around and opening a prompt need no server.
    h.press(Char('a')).type_str("Flour");
    assert_eq!(h.prompt_value().as_deref(), Some("Flour"));
    proxy.resume();
    until_back(&mut h);
    h.press(Enter).press(Enter);
    assert_eq!(agenda(&h), ["Flour"], "{:?}", h.status());
}

/// The server makes the meeting but the answer to its start is lost: once the server is
/// back, the start (pressed again by itself) finds the meeting already started and resumes
/// it: one meeting, never two.
#[test]
fn a_meeting_whose_start_answer_was_lost_is_started_once() {
    use roundtable::store::MeetingLog;
    let Some(db) = PgDb::new() else { return };
    let (mut h, proxy) = demo_through_a_relay(&db);
    h.press_n(ratatui::crossterm::event::KeyCode::Down, BAKEHOUSE)
        .press(Char('t'));
    assert!(matches!(h.app.view().screen, Screen::MeetingSetup(_)));
    proxy.cut_at_commit("INSERT INTO meetings");
    h.press(Enter);
    let status = h.status().unwrap_or_default();
    assert!(status.starts_with("Not saved yet"), "{status}");
    assert!(
        matches!(h.app.view().screen, Screen::MeetingSetup(_)),
        "not shown as started: the answer never came"
    );
    assert_eq!(
        db.store().open_meetings().expect("reads").len(),
        1,
        "the server did start it"
    );
    proxy.resume();
    until_back(&mut h);
    assert!(
        matches!(h.app.view().screen, Screen::Tactical(_)),
        "started by itself once back: {:?}",
        h.status()
    );
    let status = h.status().unwrap_or_default();
    assert!(
        status.starts_with("Connected to the server again. Resumed the meeting"),
        "{status}"
    );
    h.press_n(Char('>'), 4)
        .press(Char('a'))
        .enter_text("Butter")
        .press(Enter);
    assert_eq!(agenda(&h), ["Butter"], "{:?}", h.status());
    let meetings = db.store().meetings().expect("reads");
    assert_eq!(meetings.len(), 1, "one meeting: {meetings:?}");
    let mut other = Harness::with_backend(db.store());
    other.press_n(ratatui::crossterm::event::KeyCode::Down, BAKEHOUSE);
    other.press(Char('t'));
    assert_eq!(
        agenda(&other),
        ["Butter"],
        "the meeting shown is the one stored"
    );
}
