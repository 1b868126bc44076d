//! The program as a whole process, on the demo and on the generated organisation in the same
//! run: start-up to the first frame (the release binary in an 80x24 pseudo-terminal, timed
//! from spawn until home's last line is on the terminal) and the peak memory of that process
//! (`VmHWM`) after the first frame and after a walk down the browser. Then the import of a
//! generated organisation file, time per circle at two sizes.
//!
//! Sizes as `benches/scale.rs`; the import at 125 and 500 circles, or 125 and 2,000 under
//! `ROUNDTABLE_BENCH_SIZE=full`. Runs per case: `ROUNDTABLE_BENCH_RUNS` (default 10). The
//! tables are printed at the end and written to `target/bench-scale/process.md`.
//! Run with `cargo bench --bench process`.

mod common;

use common::{SAMPLES, app_on};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use roundtable::app::generate::{self, Sizes};
use roundtable::store::Store;
use roundtable::store::prelude::*;
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
    let app = app_on(path);
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

/// One start of the binary on `db`: time to the first frame, then peak memory after it and
/// after the browser is opened and walked down. The process is killed at the end.
fn start_once(db: &Path, last_line: &str) -> Run {
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

fn median_kb(mut v: Vec<u64>) -> (u64, u64) {
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
            .map(|p| median_kb(if pick == 0 { p.0.clone() } else { p.1.clone() }))
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
    let memory = start_up(&fx);
    import(fx.dir.path());
    let note = format!(
        "Whole-process start-up: the release binary in an 80x24 pseudo-terminal, {} runs per side.\n\n{memory}",
        runs()
    );
    common::report("process.md", &note);
}
