//! One committing key press at organisation scale (about 10,000 roles, `support/scale_org.rs`),
//! in a database file with the program's pragmas (WAL, synchronous=FULL), including the frame
//! drawn after it; beside it, a bare rusqlite insert and commit with the same pragmas on the
//! same machine, the floor any committed entry stands on. Target: each key press at most 1 ms
//! and at most three times the bare commit. Run with `cargo bench --bench keypress`.

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use roundtable::app::{App, Screen};
use roundtable::domain::meeting::MeetingKind;
use roundtable::domain::meeting::tactical::Step;
use std::time::{Duration, Instant};

#[path = "support/scale_org.rs"]
mod scale_org;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// The program on a 10,000-role organisation in a database file, on home.
fn scale_app(dir: &std::path::Path) -> App {
    App::new(scale_org::large_store_file(&dir.join("rt.db"))).expect("app")
}

/// A tactical meeting of `Circle {circle}` started with everyone present, at `step`.
fn open_tactical(app: &mut App, circle: usize, step: Step) {
    app.open_meeting(&format!("Circle {circle}"), MeetingKind::Tactical)
        .expect("setup");
    app.handle_key(key(KeyCode::Enter));
    while tactical(app).is_some_and(|s| s.state.step != step) {
        app.handle_key(key(KeyCode::Char('>')));
    }
}

fn tactical(app: &App) -> Option<&roundtable::app::TacticalScreen> {
    match &app.view().screen {
        Screen::Tactical(s) => Some(s),
        _ => None,
    }
}

/// Ends the meeting on screen and opens the next circle's at `step`.
fn next_meeting(app: &mut App, circle: &mut usize, step: Step) {
    app.handle_key(key(KeyCode::Char('e')));
    app.handle_key(key(KeyCode::Char('y')));
    app.handle_key(key(KeyCode::Char('q')));
    *circle += 1;
    open_tactical(app, *circle, step);
}

/// Times `press` (a key press that commits one entry, then a frame at 200x50) `iters` times;
/// `ready` is run untimed before each press and may move to a fresh item or meeting.
fn timed_presses(
    iters: u64,
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    mut ready: impl FnMut(&mut App),
    press: KeyCode,
) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        ready(app);
        let start = Instant::now();
        app.handle_key(key(press));
        terminal
            .draw(|f| roundtable::ui::draw(f, app.view()))
            .expect("draw");
        total += start.elapsed();
    }
    total
}

fn tactical_presses(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = scale_app(dir.path());
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    let mut circle = 0;
    open_tactical(&mut app, circle, Step::Checklist);
    c.bench_function(
        "keypress part: the checklist frame alone at 200x50, 10,000 roles",
        |b| {
            b.iter(|| {
                terminal
                    .draw(|f| roundtable::ui::draw(f, app.view()))
                    .expect("draw");
            })
        },
    );
    for (cols, rows) in [(200, 50), (80, 24)] {
        let mut terminal = Terminal::new(TestBackend::new(cols, rows)).expect("terminal");
        let name =
            format!("keypress: a checklist answer, 10,000 roles, with its frame at {cols}x{rows}");
        c.bench_function(&name, |b| {
            b.iter_custom(|iters| {
                let ready = |app: &mut App| {
                    if tactical(app)
                        .is_some_and(|s| s.state.answers.len() == s.state.checklist.len())
                    {
                        next_meeting(app, &mut circle, Step::Checklist);
                    }
                };
                timed_presses(iters, &mut app, &mut terminal, ready, KeyCode::Char('c'))
            })
        });
    }

    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = scale_app(dir.path());
    let mut circle = 0;
    open_tactical(&mut app, circle, Step::Metrics);
    c.bench_function(
        "keypress: a metric value, 10,000 roles, with its frame at 200x50",
        |b| {
            b.iter_custom(|iters| {
                let ready = |app: &mut App| {
                    if tactical(app).is_some_and(|s| s.state.reports.len() == s.state.metrics.len())
                    {
                        next_meeting(app, &mut circle, Step::Metrics);
                    }
                    // The value typed; the committing key is the Enter that skips the comment.
                    app.handle_key(key(KeyCode::Enter));
                    app.handle_key(key(KeyCode::Char('7')));
                    app.handle_key(key(KeyCode::Enter));
                };
                timed_presses(iters, &mut app, &mut terminal, ready, KeyCode::Enter)
            })
        },
    );
}

/// Types `text` and presses Enter.
fn enter(app: &mut App, text: &str) {
    for ch in text.chars() {
        app.handle_key(key(KeyCode::Char(ch)));
    }
    app.handle_key(key(KeyCode::Enter));
}

fn governance(app: &App) -> Option<&roundtable::app::GovernanceScreen> {
    match &app.view().screen {
        Screen::Governance(s) => Some(s),
        _ => None,
    }
}

/// A governance meeting of `Circle 0` (96 members) in the objection round on a proposal
/// creating one role, framed and written through the screens' keys.
fn objection_round(app: &mut App) {
    app.open_meeting("Circle 0", MeetingKind::Governance)
        .expect("setup");
    app.handle_key(key(KeyCode::Enter));
    app.handle_key(key(KeyCode::Char('>')));
    app.handle_key(key(KeyCode::Char('a')));
    app.handle_key(key(KeyCode::Enter));
    enter(app, "Bench");
    app.handle_key(key(KeyCode::Enter));
    app.handle_key(key(KeyCode::Char('>')));
    app.handle_key(key(KeyCode::Enter));
    enter(app, "Work falls between roles");
    enter(app, "Last week's orders");
    app.handle_key(key(KeyCode::Enter));
    app.handle_key(key(KeyCode::Char('c')));
    app.handle_key(key(KeyCode::Enter));
    enter(app, "Bench Keeper");
    enter(app, "Benches are measured");
    enter(app, "");
    enter(app, "Measuring benches");
    app.handle_key(key(KeyCode::Enter));
    for _ in 0..4 {
        app.handle_key(key(KeyCode::Char('n')));
    }
    let step = governance(app)
        .and_then(|g| g.state.current_item())
        .and_then(|i| i.proposal.as_ref())
        .map(|p| p.step);
    assert_eq!(
        step,
        Some(roundtable::domain::meeting::governance::IdmStep::Object),
        "the bench reaches the objection round; status: {:?}",
        app.view().status
    );
}

fn governance_presses(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = scale_app(dir.path());
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    objection_round(&mut app);
    let mut answered = 0;
    c.bench_function(
        "keypress: an objection round answer, 10,000 roles, with its frame at 200x50",
        |b| {
            b.iter_custom(|iters| {
                let ready = |app: &mut App| {
                    // Untimed: once most have answered, take the answers back one by one so
                    // the round has people left to ask.
                    if answered >= 90 {
                        for _ in 0..answered {
                            app.handle_key(key(KeyCode::Char('u')));
                            app.handle_key(key(KeyCode::Char('y')));
                        }
                        answered = 0;
                    }
                    answered += 1;
                };
                timed_presses(iters, &mut app, &mut terminal, ready, KeyCode::Enter)
            })
        },
    );
}

/// The floor: one row inserted and committed in a `BEGIN IMMEDIATE` transaction on a file
/// with the program's pragmas.
fn bare_commit(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let conn = rusqlite::Connection::open(dir.path().join("bare.db")).expect("open");
    conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
        .expect("wal");
    conn.pragma_update(None, "synchronous", "FULL")
        .expect("sync");
    conn.pragma_update(None, "foreign_keys", "ON").expect("fk");
    conn.execute_batch("CREATE TABLE entries (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)")
        .expect("table");
    let mut conn = conn;
    c.bench_function("keypress floor: a bare rusqlite insert and commit", |b| {
        b.iter(|| {
            let tx = conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .expect("begin");
            tx.execute(
                "INSERT INTO entries (payload) VALUES (?1)",
                [r#"{"type":"checklist_answered","item":1,"checked":true}"#],
            )
            .expect("insert");
            tx.commit().expect("commit");
        })
    });
}

criterion_group! {
    name = keypress;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = bare_commit, tactical_presses, governance_presses
}
criterion_main!(keypress);
