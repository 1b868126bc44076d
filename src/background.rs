//! Work run on a thread of its own while the program goes on (a file's checks, the
//! organisation read behind home's first screen), or run at once where no thread can be
//! started.
//!
//! Owns: `Background`. Must not import: the program's layers (it is std only).

use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// Work started in the background, or done already.
pub enum Background<T> {
    /// On its thread; `None` from it when the work was not there to run.
    Running(JoinHandle<Option<T>>),
    /// Done here: no thread could be started.
    Done(Option<T>),
}

impl<T: Send + 'static> Background<T> {
    /// Starts `work` on a thread named `name`; without a thread it runs here, now.
    pub fn start(name: &str, work: impl FnOnce() -> T + Send + 'static) -> Background<T> {
        // Shared, so that the work is still here to run when the thread cannot start.
        let cell = Arc::new(Mutex::new(Some(work)));
        let there = Arc::clone(&cell);
        let spawned = std::thread::Builder::new()
            .name(name.to_string())
            .spawn(move || take(&there).map(|work| work()));
        match spawned {
            Ok(handle) => Background::Running(handle),
            Err(e) => {
                tracing::warn!("{name}: run before the program goes on (no thread: {e})");
                Background::Done(take(&cell).map(|work| work()))
            }
        }
    }
}

/// The work in `cell`, once (a lock poisoned by a panic holds none).
fn take<W>(cell: &Mutex<Option<W>>) -> Option<W> {
    cell.lock().ok().and_then(|mut work| work.take())
}

impl<T> Background<T> {
    /// Whether the work is done (its answer waits).
    pub fn is_done(&self) -> bool {
        match self {
            Background::Running(handle) => handle.is_finished(),
            Background::Done(_) => true,
        }
    }

    /// The work's answer, waiting for it; `None` when it stopped (panicked) first.
    pub fn wait(self) -> Option<T> {
        match self {
            Background::Running(handle) => handle.join().ok().flatten(),
            Background::Done(answer) => answer,
        }
    }
}
