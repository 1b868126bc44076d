//! The event loop: keys, pastes, resizes, a clock tick and the endings the watchdog reports
//! (signals, a hung-up terminal), with a redraw only after a change.
//!
//! Owns: the tokio runtime, `select!` over the terminal's event stream, the watchdog and the
//! tick, Ctrl-Z suspension, and deciding when the program ends. Must not: draw anything but
//! through `ui::draw`.

use super::App;
use super::keys;
use super::terminal::TerminalGuard;
use super::watchdog::Watchdog;
use crate::ui;
use futures::StreamExt;
use ratatui::crossterm::event::{Event, EventStream};
use std::time::{Duration, Instant};

/// Why the program ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitReason {
    /// The person quit.
    Quit,
    /// A signal asked the program to stop (its number).
    Signal(i32),
    /// The terminal went away (end of the event stream, or it could not be read).
    TerminalGone,
}

impl ExitReason {
    /// The process's exit status: 128 plus the signal's number after a signal, as a shell
    /// reports it; 0 otherwise.
    pub fn exit_code(self) -> u8 {
        match self {
            ExitReason::Quit | ExitReason::TerminalGone => 0,
            ExitReason::Signal(n) => u8::try_from(n).map_or(1, |n| n.saturating_add(128)),
        }
    }
}

/// An environment variable that makes the program panic after its first frame, so tests can
/// prove that the terminal is restored on a panic.
pub const TEST_PANIC_VAR: &str = "ROUNDTABLE_TEST_PANIC";

/// An environment variable that makes the loop stop answering after its first frame (the
/// thread blocks for good), so tests can prove that a signal still ends the program, the
/// terminal restored, when the loop is stuck.
pub const TEST_STALL_VAR: &str = "ROUNDTABLE_TEST_STALL";

/// How often the loop looks whether the organisation read behind home's first screen is in
/// (keys typed meanwhile wait for it).
const LOADING_POLL: Duration = Duration::from_millis(4);

/// Runs the full-screen program until it ends; the terminal is restored before returning.
pub fn run(app: &mut App) -> anyhow::Result<ExitReason> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(event_loop(app))
}

async fn event_loop(app: &mut App) -> anyhow::Result<ExitReason> {
    let mut watchdog = Watchdog::start()?;
    let mut guard = TerminalGuard::enter()?;
    let mut events = EventStream::new();
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let panic_for_test = std::env::var_os(TEST_PANIC_VAR).is_some();
    let stall_for_test = std::env::var_os(TEST_STALL_VAR).is_some();
    let mut dirty = true;
    let mut drawn = Instant::now();
    loop {
        // A key held down the browser: while more keys wait, the frame waits for them (the
        // rows passed over are not read), though never longer than HELD_FRAME.
        let held = app.reads_left() && drawn.elapsed() < HELD_FRAME && key_waiting();
        if dirty && !held {
            // A move onto a role not read yet is drawn first, its record read after.
            let read_after = app.reads_after_frame();
            if !read_after {
                app.before_frame();
            }
            if let Err(e) = guard.terminal.draw(|frame| ui::draw(frame, app.view())) {
                tracing::warn!("terminal could not be drawn on: {e}");
                return Ok(ExitReason::TerminalGone);
            }
            dirty = false;
            drawn = Instant::now();
            if read_after && !key_waiting() {
                app.before_frame();
                dirty = true;
                continue;
            }
            if panic_for_test {
                panic!("{TEST_PANIC_VAR} is set: panicking after the first frame");
            }
            if stall_for_test {
                tracing::warn!("{TEST_STALL_VAR} is set: the loop stops answering");
                loop {
                    std::thread::park();
                }
            }
        }
        tokio::select! {
            event = events.next() => match event {
                Some(Ok(Event::Key(key))) if keys::is_suspend(&key) => {
                    if let Err(e) = guard.suspend() {
                        tracing::warn!("terminal could not be taken back after a suspend: {e}");
                        return Ok(ExitReason::TerminalGone);
                    }
                    dirty = true;
                }
                Some(Ok(Event::Key(key))) if key_waiting() => dirty |= app.handle_key_ahead(key),
                Some(Ok(Event::Key(key))) => dirty |= app.handle_key_frame_first(key),
                Some(Ok(Event::Paste(text))) => dirty |= app.handle_paste(&text),
                // A taller screen may show circles home's first screen did not read: the
                // whole organisation first.
                Some(Ok(Event::Resize(_, _))) => {
                    app.finish_loading()?;
                    dirty = true;
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => {
                    tracing::warn!("terminal could not be read: {e}");
                    return Ok(ExitReason::TerminalGone);
                }
                None => return Ok(ExitReason::TerminalGone),
            },
            reason = watchdog.ended() => return Ok(reason),
            _ = tick.tick() => dirty |= app.tick(),
            // While the organisation is read behind home's first screen: whether it is in.
            _ = tokio::time::sleep(LOADING_POLL), if app.is_loading() => {
                dirty |= app.take_loaded()?;
            }
        }
        if app.should_quit() {
            return Ok(ExitReason::Quit);
        }
    }
}

/// The longest a frame waits for the keys of a key held down (see the event loop).
const HELD_FRAME: Duration = Duration::from_millis(100);

/// Whether another event already waits to be read. It only looks: the event stays for the
/// stream, which reads it next; while the stream's own reader waits for input this answers
/// no at once, which only means a frame is drawn.
fn key_waiting() -> bool {
    ratatui::crossterm::event::poll(Duration::ZERO).unwrap_or(false)
}
