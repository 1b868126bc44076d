//! Following a meeting another program facilitates: the follower shows the meeting, takes in
//! what the facilitator records at the next tick, refuses every key that would record (and
//! writes nothing, not even a draft), and works on SQLite and on PostgreSQL.

mod common;

use common::Harness;
use common::pg::PgDb;
use ratatui::crossterm::event::KeyCode::{Char, Enter};
use roundtable::store::Store;

const BAKEHOUSE: usize = 1;

fn agenda(h: &Harness) -> Vec<String> {
    h.meeting()
        .state
        .agenda_items()
        .map(|i| i.label.clone())
        .collect()
}

/// The facilitator in Bakehouse's agenda step with a label typed and not yet entered, and a
/// follower on the same store.
fn facilitator_and_follower(mut facilitator: Harness, mut follower: Harness) {
    assert!(
        follower.app.follow_meeting("Bakehouse", false).is_err(),
        "no meeting to follow yet"
    );
    facilitator
        .start_tactical(BAKEHOUSE, &[])
        .press_n(Char('>'), 4);
    facilitator
        .press(Char('a'))
        .enter_text("Butter")
        .press(Enter);
    facilitator.press(Char('a')).enter_text("Ovens");
    follower
        .app
        .follow_meeting("bakehouse", true)
        .expect("follows");
    assert!(follower.app.is_following());
    assert_eq!(agenda(&follower), ["Butter"], "what is recorded is shown");
    assert!(
        follower.meeting().presentation,
        "presentation mode as asked"
    );
    assert!(
        follower.meeting_modal().is_none(),
        "the facilitator's half-made entry is not the follower's"
    );
    let entries = follower.meeting().log.len();

    follower.press(Char('a')).type_str("Flour").press(Enter);
    follower
        .press(Char('>'))
        .press(ratatui::crossterm::event::KeyCode::Esc);
    let status = follower.status().unwrap_or_default();
    assert!(
        status.starts_with("Following: this screen only shows"),
        "{status}"
    );
    assert_eq!(follower.meeting().log.len(), entries, "nothing recorded");
    assert!(follower.meeting_modal().is_none(), "no prompt opened");
    follower.press(Char('P'));
    assert!(
        !follower.meeting().presentation,
        "P still switches presentation"
    );

    facilitator.press(Enter);
    follower.wait(1);
    assert_eq!(
        agenda(&follower),
        ["Butter", "Ovens"],
        "the next tick shows the facilitator's entry"
    );
    let screen = follower.screen(80, 24);
    assert!(screen.contains("Ovens"), "{screen}");
    assert!(
        screen.contains("P presentation"),
        "the follower's keys:\n{screen}"
    );
    assert_eq!(agenda(&facilitator), ["Butter", "Ovens"], "each once");
}

#[test]
fn a_follower_on_one_file_shows_the_meeting_live_and_records_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.db");
    let facilitator = Harness::demo_file(&path);
    let follower = Harness::with_backend(Store::open(&path).expect("opens"));
    facilitator_and_follower(facilitator, follower);
}

#[test]
fn a_follower_on_postgres_shows_the_meeting_live_and_records_nothing() {
    let Some(db) = PgDb::new() else { return };
    let mut store = db.store();
    roundtable::app::setup::load_demo(&mut store).expect("demo");
    facilitator_and_follower(
        Harness::with_backend(store),
        Harness::with_backend(db.store()),
    );
}
