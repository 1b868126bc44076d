//! The life of a PostgreSQL store's connection, on the store's own thread: requests are
//! served while the connection is up; once it is gone (the server stopped or restarting,
//! the network down) every request is answered at once with `Unreachable` while the thread
//! connects again in the background, waiting a little longer after each failed attempt.
//! The program never waits for a server that is not there for longer than one round trip.
//!
//! Owns: the serving loop and the retry delays. Must not import: ratatui, crossterm,
//! `crate::app`, `crate::ui`.

use super::super::StoreError;
use super::session::{Connection, Session, connect, lost};
use std::time::Duration;
use tokio::sync::mpsc::UnboundedReceiver;

/// A request to the store's thread: run on the session, or (with the error) answered
/// without it, because the server cannot be reached now.
pub type Job = Box<dyn FnOnce(&mut Session, Option<StoreError>) + Send>;

/// The wait before the first attempt to connect again, doubled after each failure.
const FIRST_RETRY: Duration = Duration::from_millis(250);
/// The longest wait between two attempts.
const LAST_RETRY: Duration = Duration::from_secs(3);

/// Serves requests until the store is dropped (the sending side closed).
pub fn serve(mut session: Session, mut jobs: UnboundedReceiver<Job>) {
    loop {
        let more = if session.is_broken() {
            serve_lost(&mut session, &mut jobs)
        } else {
            serve_connected(&mut session, &mut jobs)
        };
        if !more {
            return;
        }
    }
}

/// Why the server could not be reached, in the words of an `Unreachable`.
fn cause(e: StoreError) -> String {
    match e {
        StoreError::Unreachable { cause, .. } => cause,
        other => other.to_string(),
    }
}

/// Runs requests while the connection is up; returns `false` when the store was dropped,
/// `true` when the connection was found gone.
fn serve_connected(session: &mut Session, jobs: &mut UnboundedReceiver<Job>) -> bool {
    /// What woke the loop up.
    enum Next {
        /// A request to run, or (`None`) the store dropped.
        Job(Option<Job>),
        /// The connection ended.
        Ended,
    }
    loop {
        let (rt, driver) = session.runtime_and_driver();
        // While idle the connection's messages are still read, and its end noticed.
        let next = rt.block_on(async {
            tokio::select! {
                job = jobs.recv() => Next::Job(job),
                _ = driver => Next::Ended,
            }
        });
        let ended = match next {
            Next::Job(None) => return false,
            Next::Job(Some(job)) => {
                job(session, None);
                false
            }
            Next::Ended => true,
        };
        if ended || session.is_broken() {
            session.abandon();
            tracing::warn!("{}: the connection was lost", session.target.shown());
            return true;
        }
    }
}

/// Connects again after `delay`.
async fn retry(target: super::Target, delay: Duration) -> Result<Connection, StoreError> {
    tokio::time::sleep(delay).await;
    connect(target).await
}

/// Answers requests at once while connecting again in the background; returns `false`
/// when the store was dropped, `true` once connected.
fn serve_lost(session: &mut Session, jobs: &mut UnboundedReceiver<Job>) -> bool {
    /// What woke the loop up.
    enum Next {
        /// A request, answered at once with the refusal, or (`None`) the store dropped.
        Job(Option<Job>),
        /// The attempt to connect again finished, with the connection or why it failed.
        Tried(Result<Connection, StoreError>),
    }
    let mut delay = FIRST_RETRY;
    let mut attempt = Box::pin(retry(session.target.clone(), delay));
    loop {
        let next = session.rt.block_on(async {
            tokio::select! {
                job = jobs.recv() => Next::Job(job),
                done = &mut attempt => Next::Tried(done),
            }
        });
        match next {
            Next::Job(None) => return false,
            Next::Job(Some(job)) => {
                let why =
                    (session.outage.now()).unwrap_or_else(|| "the connection was lost".into());
                let refusal = lost(&session.target, &why);
                job(session, Some(refusal));
            }
            Next::Tried(Ok(conn)) => {
                session.replace(conn);
                tracing::info!("{}: connected again", session.target.shown());
                return true;
            }
            Next::Tried(Err(e)) => {
                let why = cause(e);
                tracing::debug!("{}: still unreachable: {why}", session.target.shown());
                session.outage.say(Some(why));
                delay = (delay * 2).min(LAST_RETRY);
                attempt = Box::pin(retry(session.target.clone(), delay));
            }
        }
    }
}
