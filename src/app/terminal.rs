//! The terminal: entered once, restored on every way out.
//!
//! Owns: raw mode, the alternate screen and bracketed paste, the guard that restores them on
//! drop, and the panic hook that restores them before the panic message is printed.
//! Must not import: rusqlite, `crate::store`.

use super::output::Output;
use ratatui::Terminal;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::{Command, cursor, execute, terminal};
use std::io::{self, Stdout};
use std::mem::ManuallyDrop;
use std::sync::Once;

/// Leaves raw mode, bracketed paste and the alternate screen. Safe to call more than once,
/// and when the terminal has gone away (errors are ignored: there is nothing left to restore
/// then).
pub fn restore_terminal() {
    let _ = terminal::disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
}

/// The same as [`restore_terminal`], for a thread other than the loop's while the loop may be
/// stuck: the sequences go straight to the descriptor, not through `Stdout`, whose lock the
/// loop may hold.
pub fn restore_terminal_from_outside() {
    let _ = terminal::disable_raw_mode();
    let mut sequences = String::new();
    // Writing ANSI sequences into a String cannot fail; a failure would only shorten them.
    let _ = DisableBracketedPaste.write_ansi(&mut sequences);
    let _ = terminal::LeaveAlternateScreen.write_ansi(&mut sequences);
    let _ = cursor::Show.write_ansi(&mut sequences);
    // SAFETY: write(2) reads `len` bytes from a live buffer; an error (a terminal gone) is
    // ignored, as there is nothing left to restore then.
    unsafe {
        libc::write(
            libc::STDOUT_FILENO,
            sequences.as_ptr().cast(),
            sequences.len(),
        );
    }
}

/// Restores the terminal before any panic message is printed, then runs the previous hook.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore_terminal();
            tracing::error!(
                "panic: {info}\n{}",
                std::backtrace::Backtrace::force_capture()
            );
            previous(info);
        }));
    });
}

/// The terminal in full-screen mode; restored when dropped.
pub struct TerminalGuard {
    /// Dropped by hand: see `Drop for TerminalGuard`.
    pub terminal: ManuallyDrop<Terminal<Output<Stdout>>>,
}

/// Raw mode, the alternate screen, bracketed paste (a paste arrives as one text, not as
/// keys), no cursor; undone by `restore_terminal` if it fails half way.
fn enter_full_screen() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        terminal::EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )
    .inspect_err(|_| restore_terminal())
}

impl TerminalGuard {
    pub fn enter() -> io::Result<TerminalGuard> {
        install_panic_hook();
        enter_full_screen()?;
        match Terminal::new(Output::new(io::stdout())) {
            Ok(terminal) => Ok(TerminalGuard {
                terminal: ManuallyDrop::new(terminal),
            }),
            Err(e) => {
                restore_terminal();
                Err(e)
            }
        }
    }

    /// Ctrl-Z: gives the terminal back to the shell and stops the process; when the shell
    /// continues it (`fg`), takes the screen again and forgets what was on it, so the next
    /// frame is drawn whole.
    pub fn suspend(&mut self) -> io::Result<()> {
        restore_terminal();
        // SAFETY: raise has no memory-safety preconditions; SIGTSTP's default action stops the
        // process until SIGCONT, after which raise returns.
        unsafe {
            libc::raise(libc::SIGTSTP);
        }
        enter_full_screen()?;
        self.forget_screen()
    }

    /// Clears the screen and makes the next frame draw every cell. (`Terminal::clear` would ask
    /// the terminal for the cursor position, and fail on one that does not answer.)
    fn forget_screen(&mut self) -> io::Result<()> {
        execute!(io::stdout(), terminal::Clear(terminal::ClearType::All))?;
        // The shell may have moved and shown the cursor meanwhile.
        self.terminal.backend_mut().forget();
        // Each swap blanks the inactive buffer; two leave both blank, so the next draw diffs
        // against an empty screen.
        self.terminal.swap_buffers();
        self.terminal.swap_buffers();
        Ok(())
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
        // ratatui's Terminal, dropped with its cursor hidden, shows the cursor and prints an
        // error to stderr if it cannot, which panics when the terminal is gone. Show it here
        // and drop the Terminal only if that worked; otherwise leave it (a screen buffer,
        // freed at exit a moment later).
        if self.terminal.show_cursor().is_ok() {
            // SAFETY: `terminal` is not used again: this is the guard's drop.
            unsafe { ManuallyDrop::drop(&mut self.terminal) };
        }
    }
}
