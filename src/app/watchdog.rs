//! Ending the program even when the event loop cannot: the ending signals are caught on a
//! thread of their own, and another thread notices a terminal that has hung up.
//!
//! Why: on a hung-up terminal, crossterm's reader can spin forever inside the loop's poll of
//! the event stream (its `read` returns 0, and it reads again), so the loop never sees a
//! signal or an end of input; a signal handler that only the loop listens to then also takes
//! away the default action that would have ended the process. Here each ending is first
//! offered to the loop, which restores the terminal and ends cleanly; if the loop has not
//! ended within [`GRACE`], the terminal is restored from here and the process exits.
//! Every entry is committed before it is shown, so an exit from here loses nothing shown.
//!
//! Owns: which signals end the program (SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1), the
//! hang-up check, and the forced exit. Must not import: rusqlite, `crate::store`; must not
//! write anything to the screen but the restoring sequences.

use super::run::ExitReason;
use super::terminal::restore_terminal_from_outside;
use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1};
use signal_hook::iterator::Signals;
use std::os::fd::RawFd;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;
use tokio::sync::mpsc;

/// The signals that end the program, the terminal restored.
pub const ENDING_SIGNALS: [i32; 5] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1];

/// How long the loop has to end by itself once told to.
const GRACE: Duration = Duration::from_millis(400);

/// How long restoring the terminal may take at a forced exit (a terminal that reads nothing
/// can block a write forever).
const RESTORE_WAIT: Duration = Duration::from_millis(200);

/// How often the terminal is checked for a hang-up.
const TTY_CHECK_EVERY: Duration = Duration::from_millis(100);

/// The loop's side: why it should end, as the two threads find out.
pub struct Watchdog {
    ends: mpsc::UnboundedReceiver<ExitReason>,
    /// Keeps the hang-up check running; cleared when the loop is done with the terminal.
    watching: Arc<AtomicBool>,
}

impl Watchdog {
    /// Catches the ending signals (from now on, for the life of the process) and starts
    /// watching the standard descriptors that are terminals now.
    pub fn start() -> std::io::Result<Watchdog> {
        let (tell, ends) = mpsc::unbounded_channel();
        let mut signals = Signals::new(ENDING_SIGNALS)?;
        let tell_signal = tell.clone();
        thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                for signal in signals.forever() {
                    end(&tell_signal, ExitReason::Signal(signal));
                }
            })?;
        let watching = Arc::new(AtomicBool::new(true));
        let still = watching.clone();
        let ttys: Vec<RawFd> = [libc::STDIN_FILENO, libc::STDOUT_FILENO]
            .into_iter()
            .filter(|fd| is_terminal(*fd))
            .collect();
        thread::Builder::new()
            .name("tty-watch".into())
            .spawn(move || watch(&ttys, &still, &tell))?;
        Ok(Watchdog { ends, watching })
    }

    /// Waits until something says the program should end.
    pub async fn ended(&mut self) -> ExitReason {
        match self.ends.recv().await {
            Some(reason) => reason,
            // The signal thread keeps its sender for the life of the process; should it ever
            // be gone, nothing more can arrive here.
            None => std::future::pending().await,
        }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.watching.store(false, Ordering::SeqCst);
    }
}

/// Whether `fd` is a terminal that answers (a hung-up one fails `tcgetattr` with EIO).
fn is_terminal(fd: RawFd) -> bool {
    // SAFETY: isatty only asks the kernel about the descriptor; a closed one gives 0.
    unsafe { libc::isatty(fd) == 1 }
}

/// Checks the terminals until one hangs up (then ends the program) or watching stops.
fn watch(ttys: &[RawFd], watching: &AtomicBool, tell: &mpsc::UnboundedSender<ExitReason>) {
    if ttys.is_empty() {
        return;
    }
    while watching.load(Ordering::SeqCst) {
        thread::sleep(TTY_CHECK_EVERY);
        if ttys.iter().any(|fd| !is_terminal(*fd)) {
            tracing::info!("the terminal hung up");
            end(tell, ExitReason::TerminalGone);
            return;
        }
    }
}

/// Tells the loop to end; if the process is still there after the grace period, restores the
/// terminal and exits from here.
fn end(tell: &mpsc::UnboundedSender<ExitReason>, reason: ExitReason) {
    tracing::info!("ending: {reason:?}");
    // The loop may have ended already (nobody receives): the exit below still comes.
    let _ = tell.send(reason);
    thread::sleep(GRACE);
    tracing::warn!("the event loop did not end within {GRACE:?}: forcing the exit");
    let (done, restored) = std::sync::mpsc::channel();
    let restoring = thread::Builder::new()
        .name("restore".into())
        .spawn(move || {
            restore_terminal_from_outside();
            let _ = done.send(());
        });
    if restoring.is_ok() {
        let _ = restored.recv_timeout(RESTORE_WAIT);
    }
    std::process::exit(i32::from(reason.exit_code()));
}
