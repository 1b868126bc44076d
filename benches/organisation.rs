//! Speed at organisation scale: 101 circles, about 10,000 roles, 500 people (`support/scale_org.rs`).
//! Targets: a frame well under 16 ms whatever the organisation's size (only visible rows are
//! built), a keystroke in the browser likewise, and loading the organisation in well under a
//! second. Run with `cargo bench`.

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use roundtable::app::App;
use roundtable::store::Store;
use roundtable::store::prelude::*;
use std::hint::black_box;

#[path = "support/scale_org.rs"]
mod scale_org;

use scale_org::{large_org_file, large_store};

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn benches(c: &mut Criterion) {
    let file = large_org_file();
    c.bench_function("store: import 10,000 roles", |b| {
        b.iter(|| {
            let mut store = Store::open_in_memory().expect("store");
            store.import(black_box(&file)).expect("import");
        })
    });

    let store = large_store();
    c.bench_function("store: load 10,000 roles", |b| {
        b.iter(|| black_box(store.load_organisation().expect("load")))
    });

    let mut app = App::new(large_store()).expect("app");
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    c.bench_function("ui: home frame, 10,000 roles, 200x50", |b| {
        b.iter(|| {
            terminal
                .draw(|f| roundtable::ui::draw(f, app.view()))
                .expect("draw");
        })
    });

    app.handle_key(key(KeyCode::Down));
    app.handle_key(key(KeyCode::Enter));
    app.handle_key(key(KeyCode::Down));
    c.bench_function(
        "ui: browser frame with a role selected, 10,000 roles, 200x50",
        |b| {
            b.iter(|| {
                terminal
                    .draw(|f| roundtable::ui::draw(f, app.view()))
                    .expect("draw");
            })
        },
    );

    c.bench_function(
        "app: key Down in the browser, then a frame, 10,000 roles",
        |b| {
            b.iter(|| {
                app.handle_key(key(KeyCode::Down));
                terminal
                    .draw(|f| roundtable::ui::draw(f, app.view()))
                    .expect("draw");
            })
        },
    );
}

/// A tactical meeting of the demo's Bakehouse, in a database file, at its check-in round.
fn meeting_app(dir: &std::path::Path) -> App {
    let mut store = Store::open(&dir.join("rt.db")).expect("store");
    roundtable::app::setup::load_demo(&mut store).expect("demo");
    let mut app = App::new(store).expect("app");
    app.open_meeting(
        "Bakehouse",
        roundtable::domain::meeting::MeetingKind::Tactical,
    )
    .expect("setup");
    app.handle_key(key(KeyCode::Enter));
    app
}

fn meeting_benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = meeting_app(dir.path());
    let mut forward = true;
    c.bench_function(
        "meeting: a keystroke that commits an entry (file, synchronous=FULL)",
        |b| {
            b.iter(|| {
                app.handle_key(key(if forward {
                    KeyCode::Right
                } else {
                    KeyCode::Left
                }));
                forward = !forward;
            })
        },
    );
    let store = large_store();
    let org = store.load_whole_organisation().expect("load").expect("org");
    c.bench_function(
        "export: the governance record of 10,000 roles as TOML",
        |b| {
            b.iter(|| {
                black_box(
                    roundtable::export::org::render(
                        &org,
                        &[],
                        roundtable::export::org::OrgFormat::Toml,
                    )
                    .expect("toml"),
                )
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

/// A governance meeting of the demo's Bakehouse presenting a proposal of `changes` new roles,
/// written through the proposal editor key by key.
fn governance_app(changes: usize) -> App {
    let mut store = Store::open_in_memory().expect("store");
    roundtable::app::setup::load_demo(&mut store).expect("demo");
    let mut app = App::new(store).expect("app");
    app.open_meeting(
        "Bakehouse",
        roundtable::domain::meeting::MeetingKind::Governance,
    )
    .expect("setup");
    app.handle_key(key(KeyCode::Enter));
    app.handle_key(key(KeyCode::Char('>')));
    app.handle_key(key(KeyCode::Char('a')));
    app.handle_key(key(KeyCode::Enter));
    enter(&mut app, "Roles");
    app.handle_key(key(KeyCode::Enter));
    app.handle_key(key(KeyCode::Char('>')));
    app.handle_key(key(KeyCode::Char('c')));
    for i in 0..changes {
        // "Create a role" is first, or second once "Save" heads the menu.
        if i > 0 {
            app.handle_key(key(KeyCode::Down));
        }
        app.handle_key(key(KeyCode::Enter));
        enter(&mut app, &format!("Role {i}"));
        enter(
            &mut app,
            "A purpose long enough to wrap on a narrow screen, as real ones do",
        );
        enter(&mut app, "A domain; another domain");
        enter(
            &mut app,
            "Doing one thing; Doing another thing; Reporting on both",
        );
    }
    app.handle_key(key(KeyCode::Enter));
    let drafted = match &app.view().screen {
        roundtable::app::Screen::Governance(g) => g
            .state
            .current_item()
            .and_then(|i| i.proposal.as_ref())
            .and_then(|p| p.current())
            .map_or(0, Vec::len),
        _ => 0,
    };
    assert_eq!(drafted, changes, "the proposal was written");
    app
}

fn governance_benches(c: &mut Criterion) {
    let app = governance_app(100);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    c.bench_function(
        "governance: a frame of a 100-change proposal at 200x50",
        |b| {
            b.iter(|| {
                terminal
                    .draw(|f| roundtable::ui::draw(f, app.view()))
                    .expect("draw");
            })
        },
    );
}

criterion_group! {
    name = organisation;
    config = Criterion::default().sample_size(20);
    targets = benches, meeting_benches, governance_benches
}
criterion_main!(organisation);
