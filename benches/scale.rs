//! Speed at scale, as ratios: each measurement on the demo and on a generated organisation
//! with its history (`roundtable generate`), in the same run, so a noisy machine cancels out.
//! The demo carries a little history of its own (a screenful of past meetings), recorded by
//! the same generator. At the end a table of ratios is printed and written to
//! `target/bench-scale/ratios.md` (min, median and p99 of each side).
//!
//! Size: a tenth of the issue's by default (100 circles, 1,400 roles, 500 people, 5,000
//! meetings, 100,000 entries); `ROUNDTABLE_BENCH_SIZE=full` for 1,000 circles, 14,000
//! roles, 5,000 people, 50,000 meetings and 1,000,000 entries. The generated database is
//! kept in `target/bench-scale/` and copied for each run (it is the same for the same size).
//! Run with `cargo bench --bench scale`.

mod common;

use common::{Fixture, app_on, draw, key, measure};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use roundtable::app::{App, Screen, minutes};
use roundtable::domain::meeting::MeetingKind;
use roundtable::domain::meeting::tactical::Step;
use roundtable::export::{self, Format};
use roundtable::store::Store;
use roundtable::store::prelude::*;
use std::path::Path;
use std::time::Duration;

struct Meeting {
    app: App,
    terminal: Terminal<TestBackend>,
    circles: Vec<String>,
    next: usize,
}

fn tactical(app: &App) -> Option<&roundtable::app::TacticalScreen> {
    match &app.view().screen {
        Screen::Tactical(s) => Some(s),
        _ => None,
    }
}

/// Opens the next circle's tactical meeting at its checklist, ending the one on screen.
fn next_checklist(m: &mut Meeting) {
    if tactical(&m.app).is_some() {
        for c in ['e', 'y', 'q'] {
            m.app.handle_key(key(KeyCode::Char(c)));
        }
    }
    loop {
        let circle = m.circles[m.next % m.circles.len()].clone();
        m.next += 1;
        common::open_new(&mut m.app, &circle, MeetingKind::Tactical);
        common::move_on_until(&mut m.app, |app| {
            tactical(app).is_none_or(|s| s.state.step == Step::Checklist)
        });
        if tactical(&m.app).is_some_and(|s| !s.state.checklist.is_empty()) {
            return;
        }
        for c in ['e', 'y', 'q'] {
            m.app.handle_key(key(KeyCode::Char(c)));
        }
    }
}

/// Gets a checklist item ready to answer: the next one, the next meeting's, or (when every
/// circle's are answered) the last answer taken back.
fn ready_to_answer(m: &mut Meeting) {
    let answered =
        tactical(&m.app).is_none_or(|s| s.state.answers.len() == s.state.checklist.len());
    if !answered {
        return;
    }
    if m.next < m.circles.len() || tactical(&m.app).is_none() {
        return next_checklist(m);
    }
    m.app.handle_key(key(KeyCode::Char('u')));
    m.app.handle_key(key(KeyCode::Char('y')));
}

fn meeting_on(path: &Path, cols: u16, rows: u16) -> Meeting {
    let app = app_on(path);
    let org = app.view().org.clone().expect("org");
    let circles = org
        .records()
        .circles
        .iter()
        .map(|c| c.name.clone())
        .collect();
    Meeting {
        app,
        terminal: Terminal::new(TestBackend::new(cols, rows)).expect("terminal"),
        circles,
        next: 0,
    }
}

/// Key press → frame for an entry that changes the organisation (a checklist answer), and
/// the same press alone (the entry and its commit).
fn keypress(c: &mut Criterion, fx: &Fixture) {
    for (side, path) in &fx.dbs {
        let mut m = meeting_on(path, 80, 24);
        measure(
            c,
            "key press → frame: a checklist answer, 80x24",
            side,
            &mut m,
            ready_to_answer,
            |m| {
                m.app.handle_key(key(KeyCode::Char('c')));
                draw(&mut m.terminal, &m.app);
            },
        );
        measure(
            c,
            "an entry with its commit (a checklist answer, no frame)",
            side,
            &mut m,
            ready_to_answer,
            |m| {
                m.app.handle_key(key(KeyCode::Char('c')));
            },
        );
    }
}

/// Key press → frame for a retraction: the last checklist answer taken back. Measured before
/// the checklist answers (`keypress`), which leave every circle's items answered: after them
/// getting an item ready would walk a thousand circles, meetings opened and ended, between two
/// samples, and criterion (which counts that time in its estimate) would take twenty.
fn retraction(c: &mut Criterion, fx: &Fixture) {
    for (side, path) in &fx.dbs {
        let mut m = meeting_on(path, 80, 24);
        measure(
            c,
            "key press → frame: a retraction (the last answer taken back), 80x24",
            side,
            &mut m,
            |m| {
                ready_to_answer(m);
                m.app.handle_key(key(KeyCode::Char('c')));
                m.app.handle_key(key(KeyCode::Char('u')));
            },
            |m| {
                m.app.handle_key(key(KeyCode::Char('y')));
                draw(&mut m.terminal, &m.app);
            },
        );
    }
}

/// Back to the browser's top when fewer than `rows` rows are left below the selection (the
/// demo's tree is short; its roles are held once passed).
fn back_to_top_within(m: &mut Meeting, rows: usize) {
    if let Screen::Browser(b) = &m.app.view().screen
        && b.selected + rows >= b.rows.len()
    {
        m.app.handle_key(key(KeyCode::Home));
    }
}

/// Key press → frame for the other kinds of key: a browser move, a character typed into a
/// note, and resuming a meeting left open.
fn other_keys(c: &mut Criterion, fx: &Fixture) {
    for (side, path) in &fx.dbs {
        // Home's first circle (the anchor), opened in the browser: down and up its list.
        let mut m = meeting_on(path, 80, 24);
        m.app.handle_key(key(KeyCode::Enter));
        let mut down = (m, false);
        measure(
            c,
            "key press → frame: a browser move, 80x24",
            side,
            &mut down,
            |_| {},
            |(m, down)| {
                *down = !*down;
                let code = if *down { KeyCode::Down } else { KeyCode::Up };
                m.app.handle_key(key(code));
                draw(&mut m.terminal, &m.app);
            },
        );
        // A key held down the whole tree: each press shows a row not shown before, a role
        // whose reports are read and held (the demo's tree is short: at its end, back to the
        // top, where its roles are held already).
        let (mut held, _) = down;
        measure(
            c,
            "key press → frame: a browser move onto a row not shown before, 80x24",
            side,
            &mut held,
            |m| back_to_top_within(m, 1),
            |m| {
                m.app.handle_key(key(KeyCode::Down));
                draw(&mut m.terminal, &m.app);
            },
        );
        // The same single press as the event loop takes it: the frame drawn first, the
        // role's record read after it (and drawn with the next frame, before the next press).
        measure(
            c,
            "key press → frame: a browser move onto a row not shown before, drawn before its record is read, 80x24",
            side,
            &mut held,
            |m| {
                m.app.before_frame();
                draw(&mut m.terminal, &m.app);
                back_to_top_within(m, 1)
            },
            |m| {
                m.app.handle_key_frame_first(key(KeyCode::Down));
                draw(&mut m.terminal, &m.app);
            },
        );
        // The same held key as the event loop takes it: each press but the last with
        // another waiting behind it (no frame, no read), the frame at the row they stop on.
        measure(
            c,
            "key press → frame: ten presses of a key held down the browser and their frame, 80x24",
            side,
            &mut held,
            |m| back_to_top_within(m, 10),
            |m| {
                for _ in 0..9 {
                    m.app.handle_key_ahead(key(KeyCode::Down));
                }
                m.app.handle_key(key(KeyCode::Down));
                draw(&mut m.terminal, &m.app);
            },
        );
        let mut m = meeting_on(path, 80, 24);
        let circle = m.circles[0].clone();
        common::open_new(&mut m.app, &circle, MeetingKind::Tactical);
        let mut typed = (m, 0usize);
        measure(
            c,
            "key press → frame: a character typed into a note, 80x24",
            side,
            &mut typed,
            |(m, typed)| {
                // A fresh note every hundred characters.
                if *typed % 100 == 0 {
                    m.app.handle_key(key(KeyCode::Esc));
                    m.app.handle_key(key(KeyCode::Enter));
                }
                *typed += 1;
            },
            |(m, _)| {
                m.app.handle_key(key(KeyCode::Char('a')));
                draw(&mut m.terminal, &m.app);
            },
        );
        let (mut m, _) = typed;
        m.app.handle_key(key(KeyCode::Esc));
        measure(
            c,
            "resuming a meeting left open: open it again, first frame, 80x24",
            side,
            &mut m,
            |m| {
                if tactical(&m.app).is_some() {
                    m.app.handle_key(key(KeyCode::Char('q')));
                }
            },
            |m| {
                m.app
                    .open_meeting(&circle, MeetingKind::Tactical)
                    .expect("resume");
                draw(&mut m.terminal, &m.app);
            },
        );
        assert!(tactical(&m.app).is_some(), "{side}: the meeting resumed");
    }
}

/// The floor: one row inserted and committed with the program's pragmas, on the same disk.
fn bare_commit(c: &mut Criterion, fx: &Fixture) {
    let dir = fx.dbs[0].1.parent().expect("dir").to_path_buf();
    let mut conn = rusqlite::Connection::open(dir.join("bare.db")).expect("open");
    conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
        .expect("wal");
    conn.pragma_update(None, "synchronous", "FULL")
        .expect("sync");
    conn.execute_batch("CREATE TABLE entries (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)")
        .expect("table");
    measure(
        c,
        "a bare rusqlite insert and commit",
        "floor",
        &mut conn,
        |_| {},
        |conn| {
            let tx = conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .expect("begin");
            tx.execute(
                "INSERT INTO entries (payload) VALUES (?1)",
                [r#"{"type":"checklist_answered","item":1,"checked":true}"#],
            )
            .expect("insert");
            tx.commit().expect("commit");
        },
    );
}

/// Opening the database and drawing the first frame (home), warm, as the full-screen program
/// does: the file's checks and the rest of the organisation are read behind the first frame
/// (`App::on_staged`); each start's read behind is finished before the next is timed.
fn start_up(c: &mut Criterion, fx: &Fixture) {
    for (side, path) in &fx.dbs {
        let mut state: (Terminal<TestBackend>, Option<App>) = (
            Terminal::new(TestBackend::new(80, 24)).expect("terminal"),
            None,
        );
        measure(
            c,
            "start-up to first frame (open, load, draw home), warm",
            side,
            &mut state,
            |(_, last)| {
                if let Some(mut app) = last.take() {
                    app.finish_loading().expect("the whole organisation");
                }
            },
            |(terminal, last)| {
                let store = Store::open_overlapped(path).expect("store");
                let app = App::on_staged_for(Box::new(store), 24).expect("app");
                draw(terminal, &app);
                *last = Some(app);
            },
        );
    }
}

fn past(app: &App) -> Option<&roundtable::ui::PastState> {
    match &app.view().screen {
        Screen::PastMeetings(s) => Some(s),
        _ => None,
    }
}

/// Past meetings: opening the list, one filter keystroke, opening an old meeting's minutes.
fn past_meetings(c: &mut Criterion, fx: &Fixture) {
    for (side, path) in &fx.dbs {
        let mut m = meeting_on(path, 80, 24);
        measure(
            c,
            "past meetings: open the list",
            side,
            &mut m,
            |m| {
                if past(&m.app).is_some() {
                    m.app.handle_key(key(KeyCode::Esc));
                }
            },
            |m| {
                m.app.handle_key(key(KeyCode::Char('p')));
                draw(&mut m.terminal, &m.app);
            },
        );
        measure(
            c,
            "past meetings: a filter keystroke",
            side,
            &mut m,
            |m| {
                if past(&m.app).is_some_and(|p| !p.filter.value().is_empty()) {
                    m.app.handle_key(key(KeyCode::Esc));
                }
            },
            |m| {
                m.app.handle_key(key(KeyCode::Char('t')));
                draw(&mut m.terminal, &m.app);
            },
        );
        // The oldest meetings: filtered to the first month of the history (the list opened
        // here when a filtered run left out the measurements above).
        if past(&m.app).is_some_and(|p| !p.filter.value().is_empty()) {
            m.app.handle_key(key(KeyCode::Esc));
        }
        if past(&m.app).is_none() {
            m.app.handle_key(key(KeyCode::Char('p')));
        }
        for ch in "2025-12".chars() {
            m.app.handle_key(key(KeyCode::Char(ch)));
        }
        assert!(
            past(&m.app).is_some_and(|p| !p.shown.is_empty()),
            "{side}: there are old meetings"
        );
        measure(
            c,
            "an old meeting's minutes: open them from the list",
            side,
            &mut m,
            |m| {
                if past(&m.app).is_none() {
                    m.app.handle_key(key(KeyCode::Esc));
                }
            },
            |m| {
                m.app.handle_key(key(KeyCode::Enter));
                draw(&mut m.terminal, &m.app);
            },
        );
    }
}

/// A year of one circle's minutes in all four formats, the organisation read once.
fn year_of_minutes(c: &mut Criterion, fx: &Fixture) {
    for (side, path) in &fx.dbs {
        let store = Store::open(path).expect("store");
        let newest = store.meetings().expect("meetings");
        let circle = newest.first().expect("a meeting").circle;
        let since = newest[0].started_at - chrono::Duration::days(365);
        let ids: Vec<_> = newest
            .iter()
            .filter(|m| m.circle == circle && m.started_at >= since && m.ended_at.is_some())
            .map(|m| m.id)
            .collect();
        let what = "a year of one circle's minutes, all four formats";
        eprintln!("{what}, {side}: {} meetings", ids.len());
        let mut state = (store, ids);
        measure(
            c,
            what,
            side,
            &mut state,
            |_| {},
            |(store, ids)| {
                let mut org = store.load_organisation().expect("load").expect("org");
                // The circle's reports, which the minutes name, read once as the program does.
                if let Some(first) = ids.first() {
                    minutes::hold_for(&*store, &mut org, *first).expect("reports");
                }
                let now = chrono::Utc::now().fixed_offset();
                for id in ids.iter() {
                    let m = minutes::load_in(store, *id, &org).expect("minutes");
                    for format in Format::ALL {
                        std::hint::black_box(export::minutes(&m, format, now));
                    }
                }
            },
        );
    }
}

fn all(c: &mut Criterion) {
    let fx = common::fixture();
    bare_commit(c, &fx);
    retraction(c, &fx);
    keypress(c, &fx);
    other_keys(c, &fx);
    start_up(c, &fx);
    past_meetings(c, &fx);
    year_of_minutes(c, &fx);
    common::report("ratios.md", "");
}

criterion_group! {
    name = scale;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = all
}
criterion_main!(scale);
