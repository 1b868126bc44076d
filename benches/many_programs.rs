//! Many facilitators at once (issue 12): 8 programs, each on its own connection, recording
//! entries in 8 meetings at the same time, on PostgreSQL and on one SQLite file, in one run:
//! entries per second, p50/p99 commit latency, the PostgreSQL/SQLite ratio, and a check that
//! every meeting holds each entry exactly once. Then start-up to the first frame with the
//! 10,000-role organisation (`support/scale_org.rs`) on each store.
//!
//! Run with `ROUNDTABLE_TEST_PG=postgres://… cargo bench --bench many_programs` (a database is
//! made on that server and dropped after); without it only SQLite is measured.
//! `ROUNDTABLE_BENCH_ENTRIES` sets the entries per program (default 200).

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use roundtable::app::{App, setup};
use roundtable::domain::meeting::MeetingKind;
use roundtable::domain::{CircleId, MeetingId};
use roundtable::store::prelude::*;
use roundtable::store::{Store, StoreError};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[path = "support/scale_org.rs"]
mod scale_org;

#[path = "support/pg_db.rs"]
mod pg_db;
use pg_db::PgDb;

const PROGRAMS: usize = 8;

/// Opens one program's connection to the store under test.
type Open<'a> = dyn Fn() -> Box<dyn Backend + Send> + Sync + 'a;

/// What one run measured.
struct Run {
    entries: usize,
    elapsed: Duration,
    latencies: Vec<Duration>,
    /// Appends answered `Busy` (the store held by others longer than a write waits).
    busy: usize,
}

impl Run {
    fn per_second(&self) -> f64 {
        self.entries as f64 / self.elapsed.as_secs_f64()
    }

    fn percentile(&self, p: f64) -> Duration {
        let mut sorted = self.latencies.clone();
        sorted.sort();
        let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
        sorted.get(at).copied().unwrap_or_default()
    }
}

/// 8 meetings: the demo's circles, tactical and governance, in turn.
fn meetings(store: &mut dyn Backend) -> Vec<MeetingId> {
    let org = store.load_organisation().expect("load").expect("demo");
    let circles: Vec<CircleId> = org
        .circles_depth_first()
        .iter()
        .map(|(c, _)| c.id)
        .collect();
    (0..PROGRAMS)
        .map(|i| {
            let circle = circles[i % circles.len()];
            let kind = if (i / circles.len()).is_multiple_of(2) {
                MeetingKind::Tactical
            } else {
                MeetingKind::Governance
            };
            store
                .start_meeting(
                    circle,
                    kind,
                    chrono::Utc::now(),
                    &serde_json::json!({"n": 0}),
                )
                .expect("start")
        })
        .collect()
}

/// Every program appends `entries` entries to its own meeting, all at once.
fn record(open: &Open<'_>, logs: &[MeetingId], entries: usize) -> Run {
    let started = Instant::now();
    let busy = AtomicUsize::new(0);
    let busy = &busy;
    let latencies = std::thread::scope(|scope| {
        let programs: Vec<_> = logs
            .iter()
            .map(|&meeting| {
                scope.spawn(move || {
                    let mut store = open();
                    let mut took = Vec::with_capacity(entries);
                    for n in 1..=entries as u64 {
                        let at = Instant::now();
                        let event = serde_json::json!({ "n": n });
                        // A store busy for longer than a write waits says so; the
                        // facilitator presses again, and so does this program.
                        loop {
                            match store.append_entry(meeting, n, chrono::Utc::now(), &event, &[]) {
                                Ok(_) => break,
                                Err(StoreError::Busy) => busy.fetch_add(1, Ordering::Relaxed),
                                Err(e) => panic!("meeting {}: {e}", meeting.0),
                            };
                        }
                        took.push(at.elapsed());
                    }
                    took
                })
            })
            .collect();
        programs
            .into_iter()
            .flat_map(|p| p.join().expect("program"))
            .collect::<Vec<_>>()
    });
    Run {
        entries: latencies.len(),
        elapsed: started.elapsed(),
        latencies,
        busy: busy.load(Ordering::Relaxed),
    }
}

/// Each meeting holds its first entry and every recorded one exactly once, in order.
fn check_each_once(store: &dyn Backend, logs: &[MeetingId], entries: usize) {
    for &meeting in logs {
        let log = store.payloads_after(meeting, 0).expect("log");
        let seqs: Vec<u64> = log.iter().map(|r| r.seq).collect();
        let expected: Vec<u64> = (1..=entries as u64 + 1).collect();
        assert_eq!(
            seqs, expected,
            "meeting {} lost or doubled an entry",
            meeting.0
        );
    }
}

fn measure(name: &str, open: &Open<'_>, entries: usize) -> Run {
    let mut first = open();
    setup::load_demo(&mut *first).expect("demo");
    let logs = meetings(&mut *first);
    let run = record(open, &logs, entries);
    check_each_once(&*first, &logs, entries);
    println!(
        "{name:<10} {PROGRAMS} programs × {entries} entries: {:>7.0} entries/s, p50 {:>6.2} ms, p99 {:>6.2} ms, {} busy and pressed again; each entry stored once",
        run.per_second(),
        run.percentile(0.50).as_secs_f64() * 1e3,
        run.percentile(0.99).as_secs_f64() * 1e3,
        run.busy,
    );
    run
}

/// Start-up to the first frame (80x24) on an open store holding the organisation.
fn first_frame(store: Box<dyn Backend>) -> Duration {
    let started = Instant::now();
    let app = App::on(store).expect("app");
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| roundtable::ui::draw(f, app.view()))
        .expect("frame");
    started.elapsed()
}

fn main() {
    // `cargo bench` passes --bench; nothing else is read from the arguments.
    let entries: usize = std::env::var("ROUNDTABLE_BENCH_ENTRIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.db");
    let file = path.clone();
    let sqlite = measure(
        "SQLite",
        &move || Box::new(Store::open(&file).expect("opens")),
        entries,
    );
    let scale_file = dir.path().join("scale.db");
    drop(scale_org::large_store_file(&scale_file));
    // As the full-screen program opens a file: its checks beside the load.
    let open_file =
        || Box::new(Store::open_overlapped(&scale_file).expect("opens")) as Box<dyn Backend>;
    let (sqlite_min, sqlite_median) = start_ups(&open_file, START_UPS);
    println!(
        "SQLite     start-up to the first frame, 10,000 roles: min {:.0} ms, median {:.0} ms",
        sqlite_min.as_secs_f64() * 1e3,
        sqlite_median.as_secs_f64() * 1e3
    );
    let Ok(address) = std::env::var("ROUNDTABLE_TEST_PG") else {
        println!("PostgreSQL not measured: ROUNDTABLE_TEST_PG is not set");
        return;
    };
    let db = PgDb::new(&address, "programs");
    let pg = measure("PostgreSQL", &|| db.open(), entries);
    println!(
        "ratio      PostgreSQL/SQLite entries per second: {:.2}",
        pg.per_second() / sqlite.per_second()
    );
    let scale = PgDb::new(&address, "scale");
    let mut store = scale.open();
    store
        .import(&scale_org::large_org_file())
        .expect("the large organisation imports");
    drop(store);
    // Taken in turns, so that a machine busy for a moment slows both stores alike.
    let open_pg = || scale.open() as Box<dyn Backend>;
    start_up(&open_pg);
    let (mut sqlite_runs, mut pg_runs) = (Vec::new(), Vec::new());
    for _ in 0..START_UPS {
        sqlite_runs.push(start_up(&open_file));
        pg_runs.push(start_up(&open_pg));
    }
    let ((sqlite_min, sqlite_median), (pg_min, pg_median)) =
        (min_median(sqlite_runs), min_median(pg_runs));
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "start-up   to the first frame, 10,000 roles, {START_UPS} runs each in turns: PostgreSQL min {:.0} / median {:.0} ms, SQLite {:.0} / {:.0} ms: {:.2}× / {:.2}× (target at most 2×)",
        ms(pg_min),
        ms(pg_median),
        ms(sqlite_min),
        ms(sqlite_median),
        ms(pg_min) / ms(sqlite_min),
        ms(pg_median) / ms(sqlite_median),
    );
}

/// Start-ups measured per store (the first of each run on its own is left out: it warms
/// the caches).
const START_UPS: usize = 7;

/// Opening the store and drawing the first frame, once.
fn start_up(open: &dyn Fn() -> Box<dyn Backend>) -> Duration {
    let opened = Instant::now();
    let store = open();
    opened.elapsed() + first_frame(store)
}

/// The quickest and the median of `runs` start-ups, after one to warm the caches.
fn start_ups(open: &dyn Fn() -> Box<dyn Backend>, runs: usize) -> (Duration, Duration) {
    start_up(open);
    min_median((0..runs).map(|_| start_up(open)).collect())
}

fn min_median(mut runs: Vec<Duration>) -> (Duration, Duration) {
    runs.sort();
    (runs[0], runs[runs.len() / 2])
}
