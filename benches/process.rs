//! The program as a whole process, on the demo and on the generated organisation in the same
//! run: start-up to the first frame (the release binary in an 80x24 pseudo-terminal, timed
//! from spawn until home's last line is on the terminal) and the peak memory of that process
//! (`VmHWM`) after the first frame and after a walk down the browser; a year of one circle's
//! minutes in all four formats from the command line. Then the import of a generated
//! organisation file, time per circle at two sizes. With `ROUNDTABLE_TEST_PG` set,
//! also start-up on PostgreSQL: each organisation copied to a new database on that server and
//! the binary started on it and on the file alternately, with the ratio (issue 12's target:
//! at most 2×); `ROUNDTABLE_BENCH_ONLY=postgres` measures only that.
//!
//! Sizes as `benches/scale.rs`; the import at 125 and 500 circles, or 125 and 2,000 under
//! `ROUNDTABLE_BENCH_SIZE=full`. Runs per case: `ROUNDTABLE_BENCH_RUNS` (default 10). The
//! tables are printed at the end and written to `target/bench-scale/process.md`.
//! Run with `cargo bench --bench process`.

mod common;

#[path = "support/pg_db.rs"]
mod pg_db;

use common::{SAMPLES, app_on};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use roundtable::app::generate::{self, Sizes};
use roundtable::store::Store;
use roundtable::store::prelude::*;
use std::ffi::OsStr;
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};

const COLS: u16 = 80;
const ROWS: u16 = 24;

fn runs() -> usize {
    std::env::var("ROUNDTABLE_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(10)
}

/// The last line with text on it of home drawn headless: the line whose arrival on the
/// terminal ends the first frame (ratatui writes a frame top to bottom).
fn last_line_of_home(path: &Path) -> String {
    last_line_of(&app_on(path))
}

fn last_line_of(app: &roundtable::app::App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(COLS, ROWS)).expect("terminal");
    terminal
        .draw(|f| roundtable::ui::draw(f, app.view()))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    (0..ROWS)
        .rev()
        .map(|y| {
            (0..COLS)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .find(|line| !line.trim().is_empty())
        .map(|line| line.trim().to_string())
        .expect("home has text")
}

/// A number of kB from a `/proc/PID/status` line such as `VmHWM:   12345 kB`.
fn peak_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

struct Run {
    first_frame: Duration,
    peak_first_kb: u64,
    peak_browsing_kb: u64,
}

/// One start of the binary on `db` (a file or a `postgres://` address): time to the first
/// frame, then peak memory after it and after the browser is opened and walked down. The
/// process is killed at the end.
fn start_once(db: impl AsRef<OsStr>, last_line: &str) -> Run {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_roundtable"));
    cmd.env("ROUNDTABLE_DB", db);
    cmd.env("TERM", "xterm-256color");
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let mut writer = pair.master.take_writer().expect("writer");
    let started = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("the binary starts");
    drop(pair.slave);
    let pid = child.process_id().expect("a pid");
    let size = |n: u16| std::num::NonZeroU16::new(n).unwrap_or(std::num::NonZeroU16::MIN);
    let mut parser = vt100::Parser::new(size(ROWS), size(COLS), 0);
    let mut buf = [0u8; 65536];
    let first_frame = loop {
        let n = reader.read(&mut buf).expect("read the terminal");
        assert!(n > 0, "the program ended before its first frame");
        parser.process(&buf[..n]);
        let screen = parser.screen();
        let lines: Vec<String> = screen.rows(0, COLS).collect();
        if lines.iter().any(|l| l.trim() == last_line) {
            break started.elapsed();
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no first frame; the screen:\n{}",
            screen.contents()
        );
    };
    let peak_first_kb = peak_kb(pid);
    // Drain the terminal in the background so the program never blocks on writing.
    let drain = std::thread::spawn(move || while reader.read(&mut buf).is_ok_and(|n| n > 0) {});
    // The browser, walked down 40 rows and back up.
    let keys = format!("\r{}{}", "\x1b[B".repeat(40), "\x1b[A".repeat(40));
    writer.write_all(keys.as_bytes()).expect("keys");
    writer.flush().expect("flush");
    std::thread::sleep(Duration::from_millis(500));
    let peak_browsing_kb = peak_kb(pid);
    let _ = child.kill();
    let _ = child.wait();
    drop(writer);
    drop(pair.master);
    let _ = drain.join();
    Run {
        first_frame,
        peak_first_kb,
        peak_browsing_kb,
    }
}

/// The lowest and the median of some runs' figures.
fn min_median<T: Ord + Copy>(mut v: Vec<T>) -> (T, T) {
    v.sort();
    (v[0], v[v.len() / 2])
}

/// Start-up and peak memory, demo and large alternately; returns the table of memory.
fn start_up(fx: &common::Fixture) -> String {
    let what = "start-up to first frame, whole process, 80x24, warm";
    let lines: Vec<String> = fx.dbs.iter().map(|(_, p)| last_line_of_home(p)).collect();
    let mut peaks: Vec<(Vec<u64>, Vec<u64>)> = vec![Default::default(); fx.dbs.len()];
    // One untimed start each, so that the file is in the page cache (warm).
    for ((_, path), line) in fx.dbs.iter().zip(&lines) {
        start_once(path, line);
    }
    for _ in 0..runs() {
        for (i, ((side, path), line)) in fx.dbs.iter().zip(&lines).enumerate() {
            let run = start_once(path, line);
            SAMPLES.with(|s| s.add(what, side, run.first_frame));
            peaks[i].0.push(run.peak_first_kb);
            peaks[i].1.push(run.peak_browsing_kb);
        }
    }
    let mut out = String::from(
        "| peak memory (VmHWM), whole process | side | min kB | median kB | median ratio |\n\
         |---|---|---|---|---|\n",
    );
    for (label, pick) in [("after the first frame", 0), ("after browsing", 1)] {
        let medians: Vec<(u64, u64)> = peaks
            .iter()
            .map(|p| min_median(if pick == 0 { p.0.clone() } else { p.1.clone() }))
            .collect();
        for (i, (side, _)) in fx.dbs.iter().enumerate() {
            let ratio = if i + 1 == fx.dbs.len() {
                format!("{:.2}", medians[i].1 as f64 / medians[0].1.max(1) as f64)
            } else {
                String::new()
            };
            let (min, median) = medians[i];
            let _ = writeln!(out, "| {label} | {side} | {min} | {median} | {ratio} |");
        }
    }
    out
}

/// Start-up on PostgreSQL against SQLite with the same organisation (issue 12: at most 2×):
/// each database of the fixture copied to a new database on the server of
/// `ROUNDTABLE_TEST_PG` (as `roundtable db copy --to` does), then the binary started on the
/// file and on the server alternately. Returns the table, or why it was not measured.
fn pg_start_up(fx: &common::Fixture) -> String {
    let Ok(server) = std::env::var("ROUNDTABLE_TEST_PG") else {
        return "PostgreSQL start-up not measured: ROUNDTABLE_TEST_PG is not set.".into();
    };
    let mut out = String::from(
        "| start-up to first frame, whole process, 80x24, warm | SQLite min / median ms | \
         PostgreSQL (loopback) min / median ms | median ratio (target ≤ 2) |\n|---|---|---|---|\n",
    );
    for (side, path) in &fx.dbs {
        let db = pg_db::PgDb::new(&server, side);
        let file = Store::open(path).expect("the file opens");
        let mut copy = db.store();
        // The copy only: tests/db_copy.rs checks that a copy reads the same.
        roundtable::store::transfer::copy(&file, &mut copy).expect("copies");
        drop((file, copy));
        let address = db.address();
        let line = last_line_of_home(path);
        let on_pg = roundtable::app::App::with_clock(db.store(), common::clock()).expect("app");
        assert_eq!(last_line_of(&on_pg), line, "the same home on both");
        drop(on_pg);
        start_once(path, &line);
        start_once(&address, &line);
        let (mut sqlite, mut pg) = (Vec::new(), Vec::new());
        for _ in 0..runs() {
            sqlite.push(start_once(path, &line).first_frame);
            pg.push(start_once(&address, &line).first_frame);
        }
        let (sqlite, pg) = (min_median(sqlite), min_median(pg));
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let row = format!(
            "| {side} | {:.1} / {:.1} | {:.1} / {:.1} | {:.2} |",
            ms(sqlite.0),
            ms(sqlite.1),
            ms(pg.0),
            ms(pg.1),
            pg.1.as_secs_f64() / sqlite.1.as_secs_f64()
        );
        eprintln!("{row}");
        let _ = writeln!(out, "{row}");
    }
    out
}

/// A year of one circle's minutes in all four formats from the command line, as a whole
/// process: `roundtable export minutes --circle NAME --since DAY --format md,html,json,eml -o
/// DIR`, the circle that of the newest meeting and the year the one before it (issue 11's
/// target: at most 250 ms). One untimed run each first (warm), then the sides alternately,
/// each run into a new directory.
fn minutes_from_command_line(fx: &common::Fixture) {
    let what = "a year of one circle's minutes, all four formats, from the command line";
    let asked: Vec<(String, String)> = fx
        .dbs
        .iter()
        .map(|(_, path)| {
            let store = Store::open(path).expect("store");
            let newest = store.meetings().expect("meetings");
            let newest = newest.first().expect("a meeting");
            let org = store.load_organisation().expect("load").expect("org");
            let circle = org.circle(newest.circle).expect("its circle").name.clone();
            let since = (newest.started_at - chrono::Duration::days(365)).date_naive();
            (circle, since.to_string())
        })
        .collect();
    let out = tempfile::tempdir().expect("a directory for the minutes");
    let export = |path: &Path, (circle, since): &(String, String), run: usize| {
        let dir = out.path().join(format!("run-{run}"));
        std::fs::create_dir(&dir).expect("the directory");
        let started = Instant::now();
        let done = std::process::Command::new(env!("CARGO_BIN_EXE_roundtable"))
            .arg("--db")
            .arg(path)
            .args(["export", "minutes", "--circle", circle, "--since", since])
            .args(["--format", "md,html,json,eml", "-o"])
            .arg(&dir)
            .output()
            .expect("the binary runs");
        let took = started.elapsed();
        assert!(
            done.status.success(),
            "the export failed: {}",
            String::from_utf8_lossy(&done.stderr)
        );
        let files = std::fs::read_dir(&dir).expect("the minutes").count();
        assert!(
            files >= 4,
            "a meeting at least, in four formats: {files} files"
        );
        let _ = std::fs::remove_dir_all(&dir);
        (took, files)
    };
    let mut run = 0;
    for ((side, path), asked) in fx.dbs.iter().zip(&asked) {
        let (_, files) = export(path, asked, run);
        eprintln!(
            "{what}, {side}: {} since {}, {files} files",
            asked.0, asked.1
        );
        run += 1;
    }
    for _ in 0..runs() {
        for ((side, path), asked) in fx.dbs.iter().zip(&asked) {
            let (took, _) = export(path, asked, run);
            run += 1;
            SAMPLES.with(|s| s.add(what, side, took));
        }
    }
}

/// A generated organisation of `circles` circles without history, as its organisation file.
fn org_file(circles: usize) -> String {
    let sizes = Sizes {
        circles,
        roles: circles * 14,
        people: circles * 5,
        meetings: 0,
        entries: 0,
        ..Sizes::default()
    };
    let mut store = Store::open_in_memory().expect("store");
    generate::generate(&mut store, &sizes).expect("generate");
    let org = store.load_whole_organisation().expect("load").expect("org");
    roundtable::export::org::render(&org, &[], roundtable::export::org::OrgFormat::Toml)
        .expect("toml")
}

/// Import of the file (read, check, write into a fresh database), per circle.
fn import(dir: &Path) {
    let full = std::env::var("ROUNDTABLE_BENCH_SIZE").as_deref() == Ok("full");
    let sizes = [125, if full { 2_000 } else { 500 }];
    let what = "import of a generated organisation file, per circle";
    for circles in sizes {
        let file = dir.join(format!("org-{circles}.toml"));
        std::fs::write(&file, org_file(circles)).expect("write the file");
        let side: &'static str = Box::leak(format!("{circles:04} circles").into_boxed_str());
        for run in 0..runs().max(3) {
            let db = dir.join(format!("import-{circles}-{run}.db"));
            let mut store = Store::open(&db).expect("store");
            let started = Instant::now();
            let org = roundtable::app::setup::read_org_file(&file).expect("read");
            let adopted = roundtable::store::Adopted::from_file(&file, chrono::Utc::now());
            store.adopt(&org, &adopted).expect("import");
            let took = started.elapsed() / circles as u32;
            SAMPLES.with(|s| s.add(what, side, took));
            drop(store);
            let _ = std::fs::remove_file(&db);
        }
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a filter naming nothing here skips the run.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if args.iter().any(|a| a == "--list") {
        return;
    }
    let fx = common::fixture();
    // `ROUNDTABLE_BENCH_ONLY=postgres` measures only the PostgreSQL start-up.
    let only_pg = std::env::var("ROUNDTABLE_BENCH_ONLY").as_deref() == Ok("postgres");
    let memory = if only_pg {
        String::new()
    } else {
        start_up(&fx)
    };
    let pg = pg_start_up(&fx);
    if !only_pg {
        minutes_from_command_line(&fx);
        import(fx.dir.path());
    }
    println!("{pg}");
    let note = format!(
        "Whole-process start-up: the release binary in an 80x24 pseudo-terminal, {} runs per side.\n\n{memory}\n{pg}",
        runs()
    );
    common::report("process.md", &note);
}
