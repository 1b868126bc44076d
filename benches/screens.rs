//! Every main screen's frame at 80x24 and 200x50, on the demo with a screenful of data on
//! each screen (`common::screenful_demo_db`) and on the generated organisation in the same run: large / demo, and each frame / an empty ratatui frame of the
//! same size. Then the bytes the program's terminal backend (ratatui's crossterm backend)
//! writes for one typed character against a full redraw, at both sizes.
//!
//! Sizes as `benches/scale.rs` (`ROUNDTABLE_BENCH_SIZE=full` for the issue's). The tables
//! are printed at the end and written to `target/bench-scale/screens.md`.
//! Run with `cargo bench --bench screens`.

mod common;

use common::{Fixture, SAMPLES, app_on, draw, key, measure};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend, TestBackend};
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::{TerminalOptions, Viewport};
use roundtable::app::output::Output;
use roundtable::app::{App, Screen};
use roundtable::domain::meeting::MeetingKind;
use roundtable::domain::meeting::tactical::Step;
use roundtable::ui::{PersonPick, TreeRow};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::rc::Rc;
use std::time::Duration;

const SIZES: [(u16, u16); 2] = [(80, 24), (200, 50)];

thread_local! {
    /// The cells with text in each frame, per side: how much is on screen to draw.
    static CELLS: RefCell<BTreeMap<(String, &'static str), usize>> = RefCell::default();
}

/// Times the frame of the screen `app` is on, at both sizes.
fn frame(c: &mut Criterion, screen: &str, side: &'static str, app: &App) {
    for (cols, rows) in SIZES {
        let mut state = (
            Terminal::new(TestBackend::new(cols, rows)).expect("terminal"),
            app,
        );
        draw(&mut state.0, app);
        let cells = state.0.backend().buffer().content.iter();
        let text = cells.filter(|c| !c.symbol().trim().is_empty()).count();
        let what = format!("frame: {screen}, {cols}x{rows}");
        if std::env::var_os("ROUNDTABLE_BENCH_SHOW").is_some() {
            eprintln!("{what}, {side}:\n{}", lines_of(state.0.backend().buffer()));
        }
        CELLS.with(|c| c.borrow_mut().insert((what, side), text));
        measure(
            c,
            &format!("frame: {screen}, {cols}x{rows}"),
            side,
            &mut state,
            |_| {},
            |(terminal, app)| draw(terminal, app),
        );
    }
}

/// A frame's text, line by line (to see what was measured: `ROUNDTABLE_BENCH_SHOW=1`).
fn lines_of(buffer: &ratatui::buffer::Buffer) -> String {
    let area = buffer.area;
    (area.top()..area.bottom())
        .map(|y| {
            (area.left()..area.right())
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The floor: a ratatui frame with nothing drawn in it, at both sizes.
fn empty_frames(c: &mut Criterion) {
    for (cols, rows) in SIZES {
        let mut terminal = Terminal::new(TestBackend::new(cols, rows)).expect("terminal");
        measure(
            c,
            &format!("empty ratatui frame, {cols}x{rows}"),
            "empty",
            &mut terminal,
            |_| {},
            |terminal| {
                terminal.draw(|_| {}).expect("draw");
            },
        );
    }
}

/// The anchor circle's name: the circle with the most circles under it.
fn anchor(app: &App) -> String {
    let org = app.view().org.clone().expect("org");
    org.records()
        .circles
        .iter()
        .find(|c| c.parent.is_none())
        .map(|c| c.name.clone())
        .expect("an anchor circle")
}

/// A circle directly under the anchor: its meetings are left to this file's typing (the
/// anchor's are held by the frames), so each start finds none open.
fn sub_circle(app: &App) -> String {
    let org = app.view().org.clone().expect("org");
    let records = org.records();
    let anchor = records.circles.iter().find(|c| c.parent.is_none());
    records
        .circles
        .iter()
        .find(|c| c.parent.is_some() && c.parent == anchor.map(|a| a.id))
        .map(|c| c.name.clone())
        .expect("a sub-circle")
}

fn browser_row(app: &App) -> Option<TreeRow> {
    match &app.view().screen {
        Screen::Browser(state) => state.selected_row(),
        _ => None,
    }
}

/// Home, the browser at the anchor circle (every circle under it) and at a role.
fn home_and_browser(c: &mut Criterion, side: &'static str, path: &Path) {
    let mut app = app_on(path);
    frame(c, "home", side, &app);
    app.handle_key(key(KeyCode::Enter));
    assert!(
        matches!(browser_row(&app), Some(TreeRow::Circle { .. })),
        "{side}: the browser opens at a circle"
    );
    frame(c, "browser at the anchor circle", side, &app);
    for _ in 0..50 {
        if matches!(browser_row(&app), Some(TreeRow::Role { .. })) {
            break;
        }
        app.handle_key(key(KeyCode::Down));
    }
    assert!(
        matches!(browser_row(&app), Some(TreeRow::Role { .. })),
        "{side}: a role in the browser"
    );
    frame(c, "browser at a role", side, &app);
}

/// Past meetings, and the newest meeting's minutes opened from the list.
fn past_and_minutes(c: &mut Criterion, side: &'static str, path: &Path) {
    let mut app = app_on(path);
    app.handle_key(key(KeyCode::Char('p')));
    assert!(matches!(app.view().screen, Screen::PastMeetings(_)));
    frame(c, "past meetings", side, &app);
    app.handle_key(key(KeyCode::Enter));
    assert!(
        matches!(app.view().screen, Screen::Minutes(_)),
        "{side}: minutes open"
    );
    frame(c, "minutes", side, &app);
}

/// A solo role review of the first person who has one.
fn review(c: &mut Criterion, side: &'static str, path: &Path) {
    let mut app = app_on(path);
    let org = app.view().org.clone().expect("org");
    let people: Vec<String> = org
        .records()
        .people
        .iter()
        .map(|p| p.name.clone())
        .collect();
    for person in people {
        if app.open_for_person(&person, PersonPick::Review).is_ok()
            && matches!(app.view().screen, Screen::Review(_))
        {
            return frame(c, "solo role review", side, &app);
        }
        app = app_on(path);
    }
    panic!("{side}: nobody to review");
}

/// The name of the meeting step on screen, if a meeting is.
fn step(app: &App) -> Option<String> {
    match &app.view().screen {
        Screen::Tactical(s) => Some(format!("tactical {:?}", s.state.step)),
        Screen::Governance(s) => Some(format!("governance {:?}", s.state.step)),
        _ => None,
    }
}

/// Every step of a meeting of the anchor circle reached by moving on (`>`).
fn meeting_steps(c: &mut Criterion, side: &'static str, path: &Path, kind: MeetingKind) {
    let mut app = app_on(path);
    let circle = anchor(&app);
    common::open_new(&mut app, &circle, kind);
    let mut seen = Vec::new();
    while let Some(now) = step(&app) {
        if seen.contains(&now) {
            break;
        }
        frame(c, &now, side, &app);
        seen.push(now);
        app.handle_key(key(KeyCode::Char('>')));
    }
    assert!(seen.len() > 2, "{side}: the steps of {kind:?}: {seen:?}");
}

/// A writer that counts what goes through it, shared with whoever reads the count.
#[derive(Clone, Default)]
struct Counter(Rc<Cell<usize>>);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The bytes that clear the screen before a full redraw.
fn clear_bytes() -> usize {
    use ratatui::crossterm::Command;
    use ratatui::crossterm::terminal::{Clear, ClearType};
    let mut sequence = String::new();
    // Writing into a String cannot fail.
    let _ = Clear(ClearType::All).write_ansi(&mut sequence);
    sequence.len()
}

/// The bytes ratatui's crossterm backend writes at each size: a full redraw (clear, then the
/// whole frame), then the frame after one character typed into the agenda prompt of a
/// tactical meeting. Returns (size, typed, full) per size.
fn bytes(side: &str, path: &Path) -> Vec<(String, usize, usize)> {
    let mut app = app_on(path);
    let circle = sub_circle(&app);
    common::open_new(&mut app, &circle, MeetingKind::Tactical);
    common::move_on_until(&mut app, |app| {
        step(app).is_none_or(|s| s == format!("tactical {:?}", Step::Agenda))
    });
    assert!(step(&app).is_some(), "{side}: at the agenda");
    app.handle_key(key(KeyCode::Char('a')));
    for ch in "Suppl".chars() {
        app.handle_key(key(KeyCode::Char(ch)));
    }
    let mut out = Vec::new();
    for (cols, rows) in SIZES {
        let size = format!("{cols}x{rows}");
        let (typed, full) = typed_and_full(&mut app, cols, rows, CrosstermBackend::new);
        out.push((format!("{size}, ratatui's crossterm backend"), typed, full));
        let (typed, full) = typed_and_full(&mut app, cols, rows, Output::new);
        out.push((format!("{size}, the program's (app::output)"), typed, full));
    }
    out
}

/// On a backend `make` puts over a counting writer: the bytes of a full redraw, then of the
/// frame after one more character typed.
fn typed_and_full<B: Backend>(
    app: &mut App,
    cols: u16,
    rows: u16,
    make: impl Fn(Counter) -> B,
) -> (usize, usize) {
    let written = Counter::default();
    let viewport = Viewport::Fixed(Rect::new(0, 0, cols, rows));
    let mut terminal = Terminal::with_options(make(written.clone()), TerminalOptions { viewport })
        .unwrap_or_else(|_| panic!("a terminal"));
    let mut drawn = |app: &App| {
        terminal
            .draw(|f| roundtable::ui::draw(f, app.view()))
            .unwrap_or_else(|_| panic!("draw"));
        written.0.replace(0)
    };
    // A fresh terminal's first frame is what a full redraw writes after clearing the screen
    // (blank cells are left out of both); the clearing itself is added.
    let full = clear_bytes() + drawn(app);
    app.handle_key(key(KeyCode::Char('y')));
    (drawn(app), full)
}

fn bytes_table(fx: &Fixture) -> String {
    let mut out = String::from(
        "| bytes written, one typed character / a full redraw | side | typed | full | ratio |\n\
         |---|---|---|---|---|\n",
    );
    for (side, path) in &fx.dbs {
        for (size, typed, full) in bytes(side, path) {
            let _ = writeln!(
                out,
                "| {size} | {side} | {typed} | {full} | {:.2} % |",
                100.0 * typed as f64 / full as f64
            );
        }
    }
    out
}

fn median(samples: &[Duration]) -> Duration {
    let mut v = samples.to_vec();
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

/// Each frame's median over the empty frame's of the same size, per side.
fn over_empty_table() -> String {
    let mut out = String::from(
        "| frame / empty ratatui frame (medians) | demo | large | cells with text, demo | large |\n\
         |---|---|---|---|---|\n",
    );
    SAMPLES.with(|s| {
        let all = s.0.borrow();
        for (what, sides) in all.iter() {
            let Some(size) = what
                .strip_prefix("frame: ")
                .and_then(|w| w.rsplit(", ").next())
            else {
                continue;
            };
            let empty = all
                .get(&format!("empty ratatui frame, {size}"))
                .and_then(|e| e.get("empty"))
                .map(|e| median(e))
                .unwrap_or_default();
            let ratio = |side: &str| {
                sides
                    .get(side)
                    .filter(|_| !empty.is_zero())
                    .map(|v| format!("{:.1}", median(v).as_secs_f64() / empty.as_secs_f64()))
                    .unwrap_or_default()
            };
            let cells = |side| CELLS.with(|c| c.borrow().get(&(what.clone(), side)).copied());
            let _ = writeln!(
                out,
                "| {what} | {} | {} | {} | {} |",
                ratio("demo"),
                ratio("large"),
                cells("demo").unwrap_or_default(),
                cells("large").unwrap_or_default()
            );
        }
    });
    out
}

fn all(c: &mut Criterion) {
    let fx = common::fixture_of(common::screenful_demo_db);
    empty_frames(c);
    for (side, path) in &fx.dbs {
        home_and_browser(c, side, path);
        past_and_minutes(c, side, path);
        review(c, side, path);
        meeting_steps(c, side, path, MeetingKind::Tactical);
        meeting_steps(c, side, path, MeetingKind::Governance);
    }
    let note = format!("\n{}\n{}", over_empty_table(), bytes_table(&fx));
    common::report("screens.md", &note);
}

criterion_group! {
    name = screens;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_secs(1));
    targets = all
}
criterion_main!(screens);
