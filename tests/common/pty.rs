//! The real binary in a pseudo-terminal, read through a terminal emulator (vt100), driven
//! with keys; every wait has a deadline and prints the screen when it passes.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::os::fd::{AsRawFd, BorrowedFd};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

/// How long any wait lasts before the test fails.
pub const DEADLINE: Duration = Duration::from_secs(15);

pub struct Pty {
    pub child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, to check what it did to the terminal.
    raw: Arc<Mutex<Vec<u8>>>,
    /// Tells the reader thread to close its end of the terminal.
    closed: Arc<AtomicBool>,
    /// Held while this terminal exists (declared last: released after the child is gone).
    _alone: MutexGuard<'static, ()>,
}

/// One pseudo-terminal at a time per test binary. It was added because a closed terminal
/// sometimes did not end the program, blamed on a child of a concurrent test inheriting this
/// terminal's master descriptor; that was not it: portable-pty closes every descriptor above 2
/// in the child before exec, and the hang was the program's own (its loop stuck on the
/// hung-up terminal, fixed in `app::watchdog`). Kept because these tests are timing-sensitive
/// and each terminal's program competes for the CPU; not proven unneeded.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Waits for the other tests' terminals to close; fails (rather than hang) when it waits past
/// the deadline, which is what a test that opens a second terminal before dropping its
/// first one would do.
fn one_at_a_time() -> MutexGuard<'static, ()> {
    // Other tests' terminals may each be open for up to a few deadlines.
    let give_up = Instant::now() + DEADLINE * 8;
    loop {
        match ONE_AT_A_TIME.try_lock() {
            Ok(guard) => return guard,
            // A test that failed while holding the lock poisons it; the next may still run.
            Err(std::sync::TryLockError::Poisoned(poisoned)) => return poisoned.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) if Instant::now() < give_up => {
                thread::sleep(Duration::from_millis(20));
            }
            Err(std::sync::TryLockError::WouldBlock) => {
                panic!(
                    "another pseudo-terminal stayed open: drop a test's first Pty before its next"
                )
            }
        }
    }
}

/// A non-blocking duplicate of the master side, owned by the reader thread, so that the
/// terminal can really be closed (every master descriptor dropped) while the program runs.
fn nonblocking_reader(master: &(dyn MasterPty + Send)) -> std::fs::File {
    let fd = master.as_raw_fd().expect("a unix pty");
    // SAFETY: `fd` is the master's open descriptor for as long as `master` lives; it is only
    // borrowed here to duplicate it.
    let owned = unsafe { BorrowedFd::borrow_raw(fd) }
        .try_clone_to_owned()
        .expect("dup");
    // SAFETY: fcntl on a descriptor we own, with flags read from it first.
    unsafe {
        let flags = libc::fcntl(owned.as_raw_fd(), libc::F_GETFL);
        libc::fcntl(owned.as_raw_fd(), libc::F_SETFL, flags | libc::O_NONBLOCK);
    }
    std::fs::File::from(owned)
}

fn size(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap_or(NonZeroU16::MIN)
}

impl Pty {
    /// Starts `roundtable` with `args` on the database `db`, in a `cols` x `rows` terminal.
    pub fn spawn(db: &Path, args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Pty {
        let alone = one_at_a_time();
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_roundtable"));
        cmd.args(args);
        cmd.env("ROUNDTABLE_DB", db);
        cmd.env("TERM", "xterm-256color");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("the binary starts");
        drop(pair.slave);
        let mut reader = nonblocking_reader(pair.master.as_ref());
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(size(rows), size(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let closed = Arc::new(AtomicBool::new(false));
        let (p, r, stop) = (parser.clone(), raw.clone(), closed.clone());
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            // Polls, so that closing the terminal can close this end too.
            while !stop.load(Ordering::SeqCst) {
                match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        if let Ok(mut parser) = p.lock() {
                            parser.process(&buf[..n]);
                        }
                        if let Ok(mut raw) = r.lock() {
                            raw.extend_from_slice(&buf[..n]);
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        thread::sleep(Duration::from_millis(5));
                    }
                    Err(_) => break,
                }
            }
        });
        Pty {
            child,
            master: Some(pair.master),
            writer: Some(writer),
            parser,
            raw,
            closed,
            _alone: alone,
        }
    }

    pub fn screen(&self) -> String {
        self.parser
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    pub fn alternate_screen(&self) -> bool {
        self.parser
            .lock()
            .map(|p| p.screen().alternate_screen())
            .unwrap_or(true)
    }

    pub fn raw_output(&self) -> Vec<u8> {
        self.raw.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// Sends bytes as if typed. The master side is non-blocking (see `nonblocking_reader`), so
    /// a long text goes in as fast as the program reads it.
    pub fn send(&mut self, bytes: &str) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        let mut rest = bytes.as_bytes();
        let start = Instant::now();
        while !rest.is_empty() {
            match writer.write(rest) {
                Ok(n) => rest = &rest[n..],
                Err(e)
                    if e.kind() == std::io::ErrorKind::WouldBlock && start.elapsed() < DEADLINE =>
                {
                    thread::sleep(Duration::from_millis(1));
                }
                Err(e) => panic!("write to the terminal: {e}"),
            }
        }
        writer.flush().expect("flush");
        thread::sleep(Duration::from_millis(40));
    }

    /// Pastes `text` as a terminal does: wrapped in ESC[200~ ... ESC[201~ when the program has
    /// switched bracketed paste on, otherwise as if typed; line breaks go as carriage returns.
    pub fn paste(&mut self, text: &str) {
        let text = text.replace("\r\n", "\r").replace('\n', "\r");
        if self.bracketed_paste() {
            self.send(&format!("\x1b[200~{text}\x1b[201~"));
        } else {
            self.send(&text);
        }
    }

    /// Whether the program has switched bracketed paste on.
    pub fn bracketed_paste(&self) -> bool {
        self.parser
            .lock()
            .map(|p| p.screen().bracketed_paste())
            .unwrap_or(false)
    }

    /// Waits until `text` is on screen; fails printing the screen at the deadline.
    pub fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if self.screen().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(25));
        }
        panic!("\"{text}\" never appeared; the screen:\n{}", self.screen());
    }

    /// Waits for the program to exit; fails printing the screen at the deadline.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // Let the reader drain what was written last.
                thread::sleep(Duration::from_millis(100));
                return status;
            }
            thread::sleep(Duration::from_millis(25));
        }
        let _ = self.child.kill();
        panic!("the program did not exit; the screen:\n{}", self.screen());
    }

    /// Waits up to `limit` for the program to exit; `None` if it is still running then (it is
    /// left running, for the caller to inspect; dropping the `Pty` kills it).
    pub fn wait_exit_within(&mut self, limit: Duration) -> Option<portable_pty::ExitStatus> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return Some(status);
            }
            if start.elapsed() >= limit {
                return None;
            }
            thread::sleep(Duration::from_millis(5));
        }
    }

    /// Closes the terminal, as when its window is closed.
    pub fn close_terminal(&mut self) {
        self.closed.store(true, Ordering::SeqCst);
        self.writer = None;
        self.master = None;
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a pid")
    }
}

/// The processes (not yet ended) in session `sid`: the program started in a pseudo-terminal
/// leads its own session, so these are it and anything it started.
pub fn processes_in_session(sid: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
                return false;
            };
            // After the name in parentheses: state, ppid, pgrp, session, ...
            let fields: Vec<&str> = stat
                .rsplit_once(')')
                .map_or(Vec::new(), |(_, rest)| rest.split_whitespace().collect());
            fields.first() != Some(&"Z") && fields.get(3) == Some(&sid.to_string().as_str())
        })
        .collect()
}

impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}
