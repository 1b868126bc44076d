//! The full-screen start in two stages (`App::on_staged`): home's first screen is drawn from
//! what it shows of the organisation while the whole of it is read behind; keys typed
//! meanwhile wait and are then handled in order; a damaged file still ends the start with the
//! words of a refusal.

mod common;

use common::damaged::{assert_refused_as_corrupt, damage_first_tables};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use roundtable::app::App;
use roundtable::app::Screen;
use roundtable::app::generate::{Sizes, generate};
use roundtable::store::Store;
use std::path::Path;

/// An organisation of 60 circles (several screenfuls of home's list) with a history.
fn generated(path: &Path) {
    let mut store = Store::open(path).expect("store");
    let sizes = Sizes {
        circles: 60,
        roles: 600,
        people: 150,
        meetings: 120,
        entries: 2_400,
        years: 1,
        seed: 7,
    };
    generate(&mut store, &sizes).expect("generate");
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal
        .draw(|f| roundtable::ui::draw(f, app.view()))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn staged(path: &Path, circles: usize) -> App {
    let store = Store::open_overlapped(path).expect("opens");
    App::on_staged_for(Box::new(store), circles).expect("starts")
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::from(code));
}

#[test]
fn the_first_screen_is_home_as_the_whole_organisation_draws_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rt.db");
    generated(&path);
    for (width, height) in [(80, 24), (60, 16), (200, 50)] {
        let mut app = staged(&path, usize::from(height));
        assert!(app.is_loading(), "the rest is read behind the first screen");
        let first = screen(&app, width, height);
        assert!(
            app.finish_loading().expect("read"),
            "the whole organisation came in"
        );
        assert!(!app.is_loading());
        assert_eq!(
            first,
            screen(&app, width, height),
            "at {width}x{height} home's first screen shows what the whole organisation does"
        );
        // The rows of the first screen name roles: the first circles' roles were read.
        assert!(first.contains("roles"), "{first}");
        // The circle home selects has open tensions, so the equality above checks that they
        // were read.
        let org = app.view().org.clone().expect("org");
        let selected = org.circles_depth_first()[0].0.id;
        assert!(org.tensions_in(selected).any(|t| t.open), "{first}");
    }
}

#[test]
fn keys_typed_while_the_organisation_is_read_are_handled_after_in_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rt.db");
    generated(&path);
    let keys = [KeyCode::Down, KeyCode::Down, KeyCode::Down, KeyCode::Enter];
    let mut app = staged(&path, 24);
    let before = screen(&app, 80, 24);
    for key in keys {
        press(&mut app, key);
    }
    assert_eq!(
        before,
        screen(&app, 80, 24),
        "nothing moves before it is in"
    );
    assert!(app.finish_loading().expect("read"));
    let mut whole = App::on(Box::new(Store::open(&path).expect("opens"))).expect("starts");
    for key in keys {
        press(&mut whole, key);
    }
    assert!(
        matches!(app.view().screen, Screen::Browser(_)),
        "Enter opened the browser"
    );
    assert_eq!(
        screen(&whole, 80, 24),
        screen(&app, 80, 24),
        "the keys did what they do on an organisation read whole"
    );
}

#[test]
fn a_staged_start_on_a_database_without_an_organisation_reads_it_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rt.db");
    drop(Store::open(&path).expect("creates"));
    let app = staged(&path, 24);
    assert!(!app.is_loading(), "nothing to read behind");
    assert!(matches!(app.view().screen, Screen::Welcome(_)));
}

/// Nothing is written before the file's checks are done; what they find wrong ends a staged
/// start as it ends one read whole, naming the damage and the file, which is left as it was.
#[test]
fn a_damaged_file_ends_a_staged_start_with_the_words_of_a_refusal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rt.db");
    generated(&path);
    let damaged = damage_first_tables(&path);
    let message = match Store::open_overlapped(&path) {
        Err(e) => e.to_string(),
        Ok(store) => match App::on_staged_for(Box::new(store), 24) {
            Err(e) => e.to_string(),
            Ok(mut app) => app
                .finish_loading()
                .err()
                .map(|e| e.to_string())
                .expect("refused once the checks are in"),
        },
    };
    assert_refused_as_corrupt(&message, &path, &damaged);
}
