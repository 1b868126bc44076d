//! Following a meeting another program facilitates: the follower shows the meeting, takes in
//! what the facilitator records at the next tick, refuses every key that would record (and
//! writes nothing, not even a draft), and works on SQLite and on PostgreSQL.

mod common;

use common::Harness;
use common::pg::PgDb;
use ratatui::crossterm::event::KeyCode::{Char, Down, Enter};
use roundtable::app::Screen;
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

/// The status line, or nothing.
fn said(h: &Harness) -> String {
    h.status().unwrap_or_default()
}

/// The actor recorded with the meeting's newest entry.
fn last_actor(path: &std::path::Path) -> Option<String> {
    rusqlite::Connection::open(path)
        .expect("opens")
        .query_row(
            "SELECT actor FROM meeting_events ORDER BY meeting_id DESC, seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("an entry")
}

#[test]
fn f_on_home_follows_the_circle_meeting_and_q_comes_back_home() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.db");
    let mut facilitator = Harness::demo_file(&path);
    let mut follower = Harness::with_backend(Store::open(&path).expect("opens"));
    follower.press_n(Down, BAKEHOUSE).press(Char('f'));
    assert_eq!(
        said(&follower),
        "Bakehouse has no meeting going on to follow."
    );
    assert!(!follower.app.is_following());

    facilitator.start_tactical(BAKEHOUSE, &[]);
    follower.wait(1).press(Char('f'));
    assert!(follower.app.is_following(), "{}", said(&follower));
    assert!(
        said(&follower).ends_with("q back home."),
        "{}",
        said(&follower)
    );
    let screen = follower.screen(80, 24);
    assert!(
        screen.contains("q back home"),
        "the follower's keys:\n{screen}"
    );
    follower.press(Char('q'));
    assert!(!follower.app.is_following());
    assert!(
        matches!(follower.app.view().screen, Screen::Home(_)),
        "back home, the program still running"
    );
    assert!(!follower.app.should_quit());
}

#[test]
fn a_meeting_someone_else_facilitates_is_offered_to_follow_or_take_over() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.db");
    let mut kwame = Harness::demo_file(&path);
    kwame.app.set_actor(Some("Kwame Mensah")).expect("named");
    kwame.start_tactical(BAKEHOUSE, &[]);
    let mut mei = Harness::with_backend(Store::open(&path).expect("opens"));
    mei.app.set_actor(Some("Mei Chen")).expect("named");
    mei.wait(1).press_n(Down, BAKEHOUSE).press(Char('t'));
    let screen = mei.screen(100, 30);
    assert!(
        screen.contains("Kwame Mensah recorded its last entry at"),
        "{screen}"
    );
    mei.choose("Follow it here");
    assert!(mei.app.is_following(), "{}", said(&mei));
    mei.press(Char('q')).press(Char('t'));
    mei.choose("Take over");
    assert!(!mei.app.is_following());
    mei.press_n(Char('>'), 1);
    assert_eq!(
        last_actor(&path).as_deref(),
        Some("Mei Chen"),
        "taking over, Mei records"
    );
    // Her own program does not ask again; Kwame's does, since Mei recorded last.
    mei.press(Char('q')).press(Char('t'));
    assert!(matches!(mei.app.view().screen, Screen::Tactical(_)));
    kwame.press(Char('q')).wait(1).press(Char('t'));
    assert!(
        matches!(kwame.app.view().screen, Screen::Tactical(_)),
        "Kwame facilitated it in this program: resumed"
    );
}

#[test]
fn i_on_home_names_who_is_at_the_keyboard_and_the_name_is_remembered_per_database() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.db");
    let remembered = dir.path().join("data").join("keyboard.json");
    let mut h = Harness::demo_file(&path);
    h.app
        .remember_keyboard_in(&remembered, false)
        .expect("nothing remembered yet");
    assert!(h.screen(100, 30).contains("Say who is at the keyboard"));
    h.press(Char('i'));
    h.choose("Lucía Fernández");
    assert!(
        said(&h).starts_with(
            "Lucía Fernández at the keyboard: recorded with every entry, and remembered"
        ),
        "{}",
        said(&h)
    );
    let screen = h.screen(100, 30);
    assert!(
        screen.contains("i     At the keyboard: Lucía Fernández"),
        "{screen}"
    );
    assert!(
        h.screen(120, 30)
            .contains("at the keyboard: Lucía Fernández · holacracy-5.0"),
        "the top line says it where there is room"
    );
    h.start_tactical(BAKEHOUSE, &[]).press(Char('>'));
    assert_eq!(last_actor(&path).as_deref(), Some("Lucía Fernández"));
    drop(h);

    let mut again = Harness::with_backend(Store::open(&path).expect("opens"));
    again
        .app
        .remember_keyboard_in(&remembered, false)
        .expect("the remembered name");
    assert!(
        again
            .screen(120, 30)
            .contains("at the keyboard: Lucía Fernández")
    );
    let mut named = Harness::with_backend(Store::open(&path).expect("opens"));
    named.app.set_actor(Some("Mei Chen")).expect("named");
    named
        .app
        .remember_keyboard_in(&remembered, true)
        .expect("--as wins");
    assert!(named.screen(120, 30).contains("at the keyboard: Mei Chen"));
    let other = dir.path().join("other.db");
    let mut elsewhere = Harness::demo_file(&other);
    elsewhere
        .app
        .remember_keyboard_in(&remembered, false)
        .expect("nothing for this database");
    assert!(!elsewhere.screen(120, 30).contains("at the keyboard:"));
}

#[test]
fn the_minutes_say_who_recorded_the_meeting_in_every_format() {
    use roundtable::export::{Format, minutes};
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.db");
    let mut kwame = Harness::demo_file(&path);
    kwame.app.set_actor(Some("Kwame Mensah")).expect("named");
    kwame.start_tactical(BAKEHOUSE, &[]).press(Char('>'));
    let mut mei = Harness::with_backend(Store::open(&path).expect("opens"));
    mei.app.set_actor(Some("Mei Chen")).expect("named");
    mei.wait(1).press_n(Down, BAKEHOUSE).press(Char('t'));
    mei.choose("Take over").press(Char('>'));
    let store = Store::open(&path).expect("opens");
    let meeting = rusqlite::Connection::open(&path)
        .expect("opens")
        .query_row("SELECT max(id) FROM meetings", [], |r| r.get(0))
        .map(roundtable::domain::MeetingId)
        .expect("a meeting");
    let m = roundtable::app::minutes::load(&store, meeting).expect("minutes");
    let now = chrono::Utc::now().fixed_offset();
    for format in [Format::Markdown, Format::Html, Format::Email] {
        let text = minutes(&m, format, now);
        assert!(
            text.contains("Recorded by") && text.contains("Kwame Mensah, Mei Chen"),
            "{format:?}:\n{text}"
        );
    }
    let json: serde_json::Value =
        serde_json::from_str(&minutes(&m, Format::Json, now)).expect("json");
    assert_eq!(
        json["recorded_by"],
        serde_json::json!(["Kwame Mensah", "Mei Chen"])
    );
}

/// Another program adopts `changes` in Bakehouse's governance meeting (as its Effect does).
fn adopted_elsewhere(
    path: &std::path::Path,
    changes: Vec<roundtable::domain::meeting::governance::Change>,
) {
    use roundtable::domain::meeting::{Effect, MeetingKind};
    use roundtable::store::prelude::*;
    let mut store = Store::open(path).expect("opens");
    let org = store.load_organisation().expect("reads").expect("org");
    let bakehouse = org.circle_named("Bakehouse").expect("Bakehouse").id;
    let at = common::start_time();
    let meeting = store
        .start_meeting(bakehouse, MeetingKind::Governance, at, &"started")
        .expect("starts");
    let after = store.last_seq(meeting).expect("seq");
    let effect = Effect::ApplyGovernance {
        circle: bakehouse,
        changes,
    };
    store
        .append_event(meeting, after, at, &"adopted", &[effect])
        .expect("adopted");
}

#[test]
fn a_role_adopted_in_another_program_appears_in_an_open_browser_and_home() {
    use roundtable::domain::meeting::governance::Change;
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.db");
    let mut h = Harness::demo_file(&path);
    h.press_n(Down, BAKEHOUSE).press(Enter);
    assert!(matches!(h.app.view().screen, Screen::Browser(_)));
    adopted_elsewhere(
        &path,
        vec![Change::CreateRole {
            name: "Crumb Counter".into(),
            purpose: "Crumbs known".into(),
            domains: vec![],
            accountabilities: vec!["Counting crumbs".into()],
        }],
    );
    h.wait(1);
    let screen = h.screen(100, 40);
    assert!(
        screen.contains("Crumb Counter"),
        "the open browser shows it:\n{screen}"
    );
    let role = h
        .app
        .view()
        .org
        .as_ref()
        .and_then(|o| {
            let bakehouse = o.circle_named("Bakehouse")?.id;
            let found = o.roles_in(bakehouse).find(|r| r.name == "Crumb Counter");
            found.map(|r| r.id)
        })
        .expect("in the organisation");
    adopted_elsewhere(&path, vec![Change::ExpandRole { role }]);
    h.press(ratatui::crossterm::event::KeyCode::Esc).wait(1);
    let home = h.screen(100, 40);
    assert!(
        home.contains("Crumb Counter"),
        "home lists the sub-circle made elsewhere:\n{home}"
    );
}

#[test]
fn home_at_60_columns_keeps_the_names_of_circles_with_meetings_going_on() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.db");
    let mut h = Harness::demo_file(&path);
    h.start_tactical(BAKEHOUSE, &[]).press(Char('q'));
    h.start_governance(BAKEHOUSE + 1).press(Char('q'));
    let small = h.screen(60, 16);
    for name in ["Bakehouse", "Shopfront"] {
        assert!(small.contains(name), "{name} is readable:\n{small}");
    }
    assert!(small.contains("● T") && small.contains("● G"), "{small}");
    let wide = h.screen(100, 30);
    assert!(
        wide.contains("Bakehouse  ● tactical open")
            && wide.contains("Shopfront  ● governance open"),
        "in words where there is room:\n{wide}"
    );
}

/// A follower is shown what happens, not the facilitator's keys: on a closed item the
/// facilitator reads that → goes to the next item, the follower that the meeting goes on.
#[test]
fn a_follower_is_not_told_the_facilitators_keys_on_a_closed_item() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.db");
    let mut facilitator = Harness::demo_file(&path);
    facilitator.start_governance(BAKEHOUSE);
    facilitator.press(Char('>'));
    facilitator
        .press(Char('a'))
        .choose("A proposal")
        .enter_text("Waste")
        .choose("Kwame Mensah");
    facilitator.press(Char('>'));
    facilitator
        .press(Char('d'))
        .choose("Withdrawn by the proposer");
    let facilitating = facilitator.screen(80, 24);
    assert!(
        facilitating.contains("→ goes to the next item"),
        "{facilitating}"
    );
    let mut follower = Harness::with_backend(Store::open(&path).expect("opens"));
    follower
        .app
        .follow_meeting("Bakehouse", false)
        .expect("follows");
    for (width, height) in [(80, 24), (60, 16)] {
        let following = follower.screen(width, height);
        assert!(!following.contains("→ goes"), "{following}");
        assert!(
            following.contains("This item is closed: the meeting goes on"),
            "{following}"
        );
    }
    // Nor in what the item shows: the facilitator reads which key writes the changes.
    assert!(
        facilitating.contains("No changes yet: c writes them"),
        "{facilitating}"
    );
    let following = follower.screen(80, 24);
    assert!(following.contains("No changes yet."), "{following}");
    assert!(!following.contains("c writes"), "{following}");
}

/// A facilitator on a new file who started Bakehouse's meeting with `start`, and a second
/// program on the same file following it, as `roundtable follow --circle Bakehouse` does
/// (the directory goes with them).
fn followed(start: impl FnOnce(&mut Harness)) -> (tempfile::TempDir, Harness, Harness) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.db");
    let mut facilitator = Harness::demo_file(&path);
    start(&mut facilitator);
    let mut follower = Harness::with_backend(Store::open(&path).expect("opens"));
    follower
        .app
        .follow_meeting("Bakehouse", false)
        .expect("follows");
    (dir, facilitator, follower)
}

/// The facilitator's key instructions on a screen, outside its hint bar (its last line): a
/// key ("Enter", or one character such as `a` or `>`) followed by what it does.
fn facilitator_keys(screen: &str) -> Vec<String> {
    const DOES: [&str; 12] = [
        "adds", "goes", "records", "writes", "closes", "amends", "starts", "corrects", "offers",
        "sets", "frames", "takes",
    ];
    let lines: Vec<&str> = screen.lines().collect();
    let body = &lines[..lines.len().saturating_sub(1)];
    let mut found = Vec::new();
    for line in body {
        let words: Vec<&str> = line
            .split(|c: char| c.is_whitespace() || "│┌┐└┘─".contains(c))
            .filter(|w| !w.is_empty())
            .collect();
        for pair in words.windows(2) {
            let key = pair[0].trim_start_matches(['(', ';', ':']);
            let is_key = key == "Enter" || key.chars().count() == 1;
            if is_key && DOES.contains(&pair[1].trim_end_matches([',', '.', ';'])) {
                found.push(format!("{} {}", pair[0], pair[1]));
            }
        }
    }
    found
}

/// The follower, ticked to take in what the facilitator recorded, shows no key of the
/// facilitator's at 80x24 and 60x16; `what` names the step for the failure message.
fn no_facilitator_keys(follower: &mut Harness, what: &str) {
    follower.wait(1);
    for (width, height) in [(80, 24), (60, 16)] {
        let screen = follower.screen(width, height);
        let keys = facilitator_keys(&screen);
        assert!(keys.is_empty(), "{what}: {keys:?}\n{screen}");
    }
}

/// Every step of a tactical meeting, as a follower sees it: what happens, never "Enter
/// adds an output" or "> goes to the metrics" (keys that are the facilitator's, not theirs).
#[test]
fn a_follower_of_a_tactical_meeting_is_told_no_facilitator_key_at_any_step() {
    let (_dir, mut facilitator, mut follower) = followed(|h| {
        h.start_tactical(BAKEHOUSE, &[]);
    });
    for step in [
        "check-in",
        "checklist",
        "metrics",
        "progress",
        "empty agenda",
    ] {
        no_facilitator_keys(&mut follower, step);
        facilitator.press(Char('>'));
    }
    no_facilitator_keys(&mut follower, "empty triage");
    // The facilitator is told the keys there (so the check finds them where they are).
    let triage = facilitator.screen(80, 24);
    assert!(
        facilitator_keys(&triage).contains(&"a adds".to_string()),
        "{triage}"
    );
    facilitator.press(Char('<'));
    facilitator
        .press(Char('a'))
        .enter_text("Ovens")
        .choose("Kwame Mensah");
    facilitator.press(Char('>'));
    no_facilitator_keys(&mut follower, "triage of an item");
    let item = facilitator.screen(80, 24);
    assert!(item.contains("Enter adds an output"), "{item}");
    facilitator.press(Char('>'));
    no_facilitator_keys(&mut follower, "closing");
}

/// A governance meeting as a follower sees it, from the administrative concerns to an
/// election's tie: what happens, never "Enter sets the term's end" or "Enter offers the
/// options" (the facilitator's keys).
#[test]
fn a_follower_of_a_governance_election_is_told_no_facilitator_key_at_any_step() {
    let (_dir, mut facilitator, mut follower) = followed(|h| {
        h.start_governance(BAKEHOUSE);
    });
    // 4.1 has an administrative concerns step; the demo's 5.0 goes from check-in to the
    // agenda.
    for step in ["check-in", "empty agenda"] {
        no_facilitator_keys(&mut follower, step);
        facilitator.press(Char('>'));
    }
    no_facilitator_keys(&mut follower, "no items");
    facilitator.press(Char('<'));
    facilitator
        .press(Char('a'))
        .choose("An election of the Secretary");
    facilitator.press(Char('>'));
    no_facilitator_keys(&mut follower, "the role described");
    let described = follower.screen(80, 24);
    assert!(
        described.contains("No comments on candidates"),
        "{described}"
    );
    facilitator.press(Enter).enter_text("");
    no_facilitator_keys(&mut follower, "ballots");
    for nominee in ["Elif", "Elif", "Elif", "Tomasz", "Tomasz", "Tomasz"] {
        facilitator.press(Enter);
        let voter = match &facilitator.governance().modal {
            Some(roundtable::ui::Modal::Picker(p)) => p.options[0].clone(),
            _ => panic!("no voter picker:\n{}", facilitator.screen(80, 24)),
        };
        facilitator.choose(&voter).choose(nominee);
    }
    facilitator.press(Char('n'));
    no_facilitator_keys(&mut follower, "nominations");
    let asking = facilitator.screen(80, 24);
    assert!(
        asking.lines().last().unwrap_or("").contains("Enter"),
        "{asking}"
    );
    for _ in 0..6 {
        facilitator.press(Enter).enter_text("Steady and careful");
    }
    // Every ballot read: the facilitator's bar no longer offers a reason to record.
    let read = facilitator.screen(80, 24);
    let bar = read.lines().last().unwrap_or("");
    assert!(!bar.contains("Enter"), "{bar}");
    facilitator.press(Char('n'));
    no_facilitator_keys(&mut follower, "changes");
    for _ in 0..6 {
        facilitator.press(Enter);
    }
    facilitator.press(Char('n'));
    let tie = facilitator.screen(100, 40);
    assert!(tie.contains("Enter offers the options"), "{tie}");
    no_facilitator_keys(&mut follower, "the count, tied");
    let count = follower.screen(100, 40);
    assert!(
        count.contains("A tie between Elif Yılmaz and Tomasz"),
        "{count}"
    );
}

/// A follower's help lists the keys it has (P, ?, q), not the meeting's, which record; and
/// `roundtable follow` stays a follower when the meeting ends: its minutes, then Esc quits
/// rather than opening home with its keys to start meetings.
#[test]
fn a_follower_is_helped_with_its_own_keys_and_quits_after_the_meeting_it_followed() {
    let (_dir, mut facilitator, mut follower) = followed(|h| {
        h.start_tactical(BAKEHOUSE, &[]);
    });
    follower.press(Char('?'));
    let help = follower.screen(80, 24);
    assert!(help.contains("presentation mode"), "{help}");
    assert!(
        !help.contains("take back"),
        "no key of the facilitator's:\n{help}"
    );
    follower.press(ratatui::crossterm::event::KeyCode::Esc);
    facilitator.press(Char('e')).press(Char('y'));
    follower.wait(1);
    let minutes = follower.screen(80, 24);
    assert!(
        matches!(follower.app.view().screen, Screen::Minutes(_)),
        "{minutes}"
    );
    assert!(minutes.contains("Esc quit"), "{minutes}");
    follower.press(ratatui::crossterm::event::KeyCode::Esc);
    assert!(
        follower.app.should_quit(),
        "leaving the minutes ends the follower"
    );
}
