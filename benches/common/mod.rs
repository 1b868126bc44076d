//! What the scale benchmarks share: the sizes, the generated and demo databases, the clock,
//! and the harness that times each case under criterion and keeps every sample for a table of
//! ratios (see `benches/scale.rs` for the sizes and `ROUNDTABLE_BENCH_SIZE`).
#![allow(dead_code)]

use criterion::Criterion;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use roundtable::app::generate::{self, Sizes};
use roundtable::app::{App, Screen};
use roundtable::domain::meeting::MeetingKind;
use roundtable::store::Store;
use roundtable::store::prelude::OrganisationStore;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// The sizes measured at, from `ROUNDTABLE_BENCH_SIZE`.
pub fn large_sizes() -> Sizes {
    let full = Sizes::default();
    // `tiny` (a fiftieth) is for trying a benchmark's driving quickly, not for figures.
    let part = match std::env::var("ROUNDTABLE_BENCH_SIZE").as_deref() {
        Ok("full") => return full,
        Ok("tiny") => 50,
        _ => 10,
    };
    Sizes {
        circles: full.circles / part,
        roles: full.roles / part,
        people: full.people / part,
        meetings: full.meetings / part,
        entries: full.entries / part,
        ..full
    }
}

/// The demo's own history: a screenful of past meetings, about twenty entries each.
pub fn demo_history() -> Sizes {
    Sizes {
        meetings: 40,
        entries: 800,
        ..Sizes::default()
    }
}

/// A private directory under the target directory, for the generated databases.
pub fn bench_dir() -> PathBuf {
    use std::os::unix::fs::DirBuilderExt;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target.join("bench-scale");
    let _ = std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(&dir);
    dir
}

/// The generated database of `sizes`, made once and kept.
pub fn generated(sizes: &Sizes) -> PathBuf {
    let s = sizes;
    let name = format!(
        "large-{}-{}-{}-{}-{}-{}.db",
        s.circles, s.roles, s.people, s.meetings, s.entries, s.seed
    );
    let path = bench_dir().join(name);
    if !path.exists() {
        let partial = path.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        let started = Instant::now();
        let mut store = Store::open(&partial).expect("store");
        let made = generate::generate(&mut store, sizes).expect("generate");
        drop(store);
        std::fs::rename(&partial, &path).expect("keep");
        eprintln!(
            "generated in {:.1} s: {made}",
            started.elapsed().as_secs_f64()
        );
    }
    path
}

/// The demo with its history, in a fresh database file.
pub fn demo_db(dir: &Path) -> PathBuf {
    let path = dir.join("demo.db");
    let mut store = Store::open(&path).expect("store");
    roundtable::app::setup::load_demo(&mut store).expect("demo");
    generate::history(&mut store, &demo_history()).expect("history");
    path
}

/// The demo with a screenful on every screen the frames are compared on (for
/// `benches/screens.rs`: the issue compares frames "with a screenful of data"): eight more
/// roles in the anchor circle, each with four checklist items and four metrics, forty more
/// sub-circles of a role each, and fifty entries a meeting, so home's list, the tactical
/// checklist and metrics and a meeting's minutes fill the screen as the generated
/// organisation's do.
pub fn screenful_demo_db(dir: &Path) -> PathBuf {
    let text = roundtable::data::DEMO_ORG;
    let first_sub_circle = text
        .find("[[circle.circles]]")
        .expect("the demo has sub-circles");
    let people = [
        "Amara Okafor",
        "Tomasz Nowak",
        "Priya Raman",
        "Jonas Lindqvist",
    ];
    let mut roles = String::new();
    for (i, person) in people.iter().cycle().take(8).enumerate() {
        roles += &format!(
            "[[circle.roles]]\nname = \"Steward {i}\"\npurpose = \"Things kept in order, part {i}.\"\n\
             accountabilities = [\"Keeping part {i} in order\"]\nfillers = [{{ person = \"{person}\" }}]\n\n"
        );
        for n in 0..4 {
            roles += &format!(
                "[[circle.roles.checklist]]\ntext = \"Part {i} checked, round {n}\"\nfrequency = \"weekly\"\n\n\
                 [[circle.roles.metrics]]\nname = \"Part {i} measure {n}\"\nunit = \"items\"\nfrequency = \"weekly\"\n\n"
            );
        }
    }
    let mut circles = String::new();
    for (i, person) in people.iter().cycle().take(40).enumerate() {
        circles += &format!(
            "\n[[circle.circles]]\nname = \"Team {i}\"\npurpose = \"Team {i}'s work done well.\"\n\n\
             [[circle.circles.roles]]\nname = \"Member {i}\"\npurpose = \"Team {i}'s share.\"\n\
             fillers = [{{ person = \"{person}\" }}]\n"
        );
    }
    let toml = format!(
        "{}{roles}{}{circles}",
        &text[..first_sub_circle],
        &text[first_sub_circle..]
    );
    let org = roundtable::domain::OrgFile::parse(&toml).expect("the screenful demo parses");
    let path = dir.join("demo-screenful.db");
    let mut store = Store::open(&path).expect("store");
    store
        .adopt(
            &org,
            &roundtable::store::Adopted::at(roundtable::app::setup::demo_adopted()),
        )
        .expect("adopted");
    // Its meetings as full as the generated organisation's, so that minutes fill a screen.
    let history = Sizes {
        entries: 2_000,
        ..demo_history()
    };
    generate::history(&mut store, &history).expect("history");
    path
}

/// The two databases of a run: (name, path), each a private copy.
pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub dbs: Vec<(&'static str, PathBuf)>,
}

pub fn fixture() -> Fixture {
    fixture_of(demo_db)
}

/// As `fixture`, the demo's database made by `demo` (`screenful_demo_db`, say).
pub fn fixture_of(demo: fn(&Path) -> PathBuf) -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = demo(dir.path());
    // A database of one's own (a decade generated with `roundtable generate --years 10`, say)
    // is measured in place: a copy of some gigabytes would measure the disk.
    let large = match std::env::var_os("ROUNDTABLE_BENCH_LARGE_DB") {
        Some(path) => PathBuf::from(path),
        None => {
            let large = dir.path().join("large.db");
            std::fs::copy(generated(&large_sizes()), &large).expect("copy");
            large
        }
    };
    Fixture {
        dir,
        dbs: vec![("demo", demo), ("large", large)],
    }
}

/// 09:00 UTC on Tuesday 1 December 2026, a few days after the generated history ends.
pub fn clock() -> roundtable::app::Clock {
    use chrono::TimeZone;
    let now = chrono::Utc
        .with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .single()
        .unwrap_or_default();
    Box::new(move || now)
}

pub fn app_on(path: &Path) -> App {
    App::with_clock(Store::open(path).expect("store"), clock()).expect("app")
}

pub fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|f| roundtable::ui::draw(f, app.view()))
        .expect("draw");
}

/// Whether the meeting on screen has a prompt or a question open (keys go to it, not to
/// the step).
fn asking(app: &App) -> bool {
    match &app.view().screen {
        Screen::Tactical(s) => s.modal.is_some(),
        Screen::Governance(s) => s.modal.is_some(),
        _ => false,
    }
}

/// Opens a new meeting of `kind` for `circle` and starts it with everyone present. The large
/// side may be a database of one's own measured in place (`ROUNDTABLE_BENCH_LARGE_DB`) where
/// an earlier run left this meeting open: it would resume at its step with the prompt it was
/// typing into, where every `>` is typed into the prompt and moves nothing. Such a meeting is
/// ended first.
pub fn open_new(app: &mut App, circle: &str, kind: MeetingKind) {
    app.open_meeting(circle, kind).expect("setup");
    if !matches!(app.view().screen, Screen::MeetingSetup(_)) {
        for _ in 0..5 {
            if !asking(app) {
                break;
            }
            app.handle_key(key(KeyCode::Esc));
        }
        for c in ['e', 'y', 'q'] {
            app.handle_key(key(KeyCode::Char(c)));
        }
        app.open_meeting(circle, kind).expect("setup");
    }
    assert!(
        matches!(app.view().screen, Screen::MeetingSetup(_)),
        "{circle}: a new {kind:?} meeting's setup, not one left open"
    );
    app.handle_key(key(KeyCode::Enter));
}

/// Moves the meeting on (`>`) until `there` holds; ends the bench with where it stopped
/// after as many presses as any meeting has steps, rather than press for ever.
pub fn move_on_until(app: &mut App, there: impl Fn(&App) -> bool) {
    for _ in 0..MOST_STEPS {
        if there(app) {
            return;
        }
        app.handle_key(key(KeyCode::Char('>')));
    }
    assert!(
        there(app),
        "never got there by moving on; stopped at {:?}",
        std::mem::discriminant(&app.view().screen)
    );
}

/// More than any meeting's steps (a tactical meeting has 7, a governance one 6).
const MOST_STEPS: usize = 20;

/// Every timed sample, per measurement and side, for the table of ratios.
#[derive(Default)]
pub struct Samples(pub RefCell<BTreeMap<String, BTreeMap<&'static str, Vec<Duration>>>>);

impl Samples {
    pub fn add(&self, what: &str, side: &'static str, took: Duration) {
        self.0
            .borrow_mut()
            .entry(what.to_string())
            .or_default()
            .entry(side)
            .or_default()
            .push(took);
    }
}

thread_local! {
    pub static SAMPLES: Samples = Samples::default();
}

/// Measures `timed` under criterion as `what/side`, with `ready` run untimed before each.
pub fn measure<S>(
    c: &mut Criterion,
    what: &str,
    side: &'static str,
    state: &mut S,
    mut ready: impl FnMut(&mut S),
    mut timed: impl FnMut(&mut S),
) {
    c.bench_function(&format!("{what}/{side}"), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                ready(state);
                let start = Instant::now();
                timed(state);
                let took = start.elapsed();
                SAMPLES.with(|s| s.add(what, side, took));
                total += took;
            }
            total
        })
    });
}

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(at).copied().unwrap_or_default()
}

pub fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

/// The table of every measurement: min, median and p99 per side, and the ratio of the
/// medians of its two sides (the second in name order over the first: large / demo, or
/// 2000 circles / 125 circles), printed and written to `target/bench-scale/{file}`.
pub fn report(file: &str, note: &str) {
    let sizes = large_sizes();
    let large = match std::env::var("ROUNDTABLE_BENCH_LARGE_DB") {
        Ok(path) => format!("Large: the database {path} (ROUNDTABLE_BENCH_LARGE_DB)."),
        Err(_) => format!(
            "Large: {} circles, {} roles, {} people, {} meetings, {} entries (seed {}).",
            sizes.circles, sizes.roles, sizes.people, sizes.meetings, sizes.entries, sizes.seed
        ),
    };
    let mut out = format!(
        "{large}\n{note}\n\n\
         | measurement | side | samples | min ms | median ms | p99 ms | median ratio |\n\
         |---|---|---|---|---|---|---|\n"
    );
    SAMPLES.with(|s| {
        for (what, sides) in s.0.borrow().iter() {
            let medians: Vec<Duration> = sides
                .values()
                .map(|v| {
                    let mut v = v.clone();
                    v.sort();
                    percentile(&v, 0.5)
                })
                .collect();
            let ratio = match medians.as_slice() {
                [first, second] if !first.is_zero() => {
                    format!("{:.2}", second.as_secs_f64() / first.as_secs_f64())
                }
                _ => String::new(),
            };
            let last = sides.len() - 1;
            for (i, (side, samples)) in sides.iter().enumerate() {
                let mut v = samples.clone();
                v.sort();
                out.push_str(&format!(
                    "| {what} | {side} | {} | {} | {} | {} | {} |\n",
                    v.len(),
                    ms(v[0]),
                    ms(percentile(&v, 0.5)),
                    ms(percentile(&v, 0.99)),
                    if i == last { &ratio } else { "" }
                ));
            }
        }
    });
    println!("\n{out}");
    let _ = std::fs::write(bench_dir().join(file), out);
}
