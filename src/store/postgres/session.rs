//! The connection thread's side of a PostgreSQL store: its own tokio runtime (current
//! thread) and client connection, every round trip bounded in time, the write transaction
//! helper (which tells other programs with NOTIFY at commit), the shared `Sql`, and the
//! notifications heard, and reading many queries in one round trip (`together`).
//!
//! Everything here runs on the store's own thread, never in the caller's runtime: each
//! round trip is one `block_on` of this thread's runtime, and waits at most `ROUND_TRIP`.
//! A round trip that fails because the connection is gone (the server stopped or
//! restarting, the network down, no answer in time) marks the session broken: no statement
//! is sent on it again, and `link` connects anew.
//! Owns: `Session`, `Connection` and connecting. Must not import: ratatui, crossterm,
//! `crate::app`, `crate::ui`.

use super::super::StoreError;
use super::super::sql::{Sql, Value, numbered_placeholders};
use super::target::Target;
use futures::StreamExt;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;
use tokio::runtime::Runtime;
use tokio::task::JoinHandle;
use tokio_postgres::types::ToSql;
use tokio_postgres::{AsyncMessage, Client, Row};
use tokio_postgres_rustls::MakeRustlsConnect;

/// The channel every write notifies and every session listens on.
pub const CHANNEL: &str = "roundtable";

/// How long a statement waits for a lock another program holds before the store answers
/// `Busy` (as SQLite's busy timeout: the screen must not wait longer).
const LOCK_WAIT: &str = "800ms";

/// The longest one round trip to the server may take before the connection is taken for
/// lost (a network that drops packets answers nothing, and the screen must not hang).
const ROUND_TRIP: Duration = Duration::from_secs(3);

/// The longest one round trip of work done once, before the screen opens or from the command
/// line, may take (`Session::patiently`): a migration updating every entry of ten years, or a
/// copy of the whole database, runs for minutes on a large organisation. A network gone
/// meanwhile is found sooner, by the connection's keepalives (`Target`).
pub const LONG_WORK: Duration = Duration::from_secs(30 * 60);

/// A live connection: the client, the task reading the server's messages, what it heard.
pub struct Connection {
    /// Shared with the queries `together` has in flight while their rows are read.
    client: Arc<Client>,
    /// Server process ids of the notifications heard since last drained.
    heard: mpsc::Receiver<i32>,
    /// This connection's server process id (its own notifications are not news).
    pid: i32,
    /// The task that drives the connection; it ends when the connection does.
    driver: JoinHandle<()>,
}

/// Why the server cannot be reached, while it cannot: said by the store's thread the moment
/// it finds out (before it answers the request that found out), read by the program's.
#[derive(Clone, Default)]
pub struct Outage(Arc<Mutex<Option<String>>>);

impl Outage {
    /// Says why the server cannot be reached, or (with `None`) that it can again.
    pub fn say(&self, why: Option<String>) {
        if let Ok(mut shared) = self.0.lock() {
            *shared = why;
        }
    }

    /// Why the server cannot be reached, while it cannot.
    pub fn now(&self) -> Option<String> {
        self.0.lock().ok().and_then(|o| o.clone())
    }
}

/// One open connection with the runtime that drives it.
pub struct Session {
    pub rt: Runtime,
    conn: Connection,
    pub target: Target,
    /// Set once a round trip found the connection gone: nothing is sent on it again.
    broken: Cell<bool>,
    /// Set on a new connection: what other programs wrote while away was not heard.
    missed: bool,
    /// Where the program reads whether the server can be reached.
    pub outage: Outage,
    /// The queries of `together`, while it runs.
    together: RefCell<Option<Together>>,
    /// How long one round trip may take: `ROUND_TRIP`, or `LONG_WORK` inside `patiently`.
    bound: Cell<Duration>,
}

/// The queries a reading sends, sent at once (see `Session::together`).
enum Together {
    /// Noting each query, answered with no rows.
    Noting(Vec<String>),
    /// The queries sent, in the order sent, and their rows as the server answers them.
    Sent(VecDeque<String>, Answers),
}

/// The rows of queries in flight, in the order they were sent.
type Answers =
    std::pin::Pin<Box<dyn futures::Stream<Item = Result<Vec<Row>, tokio_postgres::Error>>>>;

/// Connects and starts listening; the connection's messages are read by a task of the
/// runtime this runs on whenever that runtime runs.
pub async fn connect(target: Target) -> Result<Connection, StoreError> {
    let (client, mut connection) = target
        .config
        .connect(MakeRustlsConnect::new((*target.tls).clone()))
        .await
        .map_err(|e| refused_login(&target, &e).unwrap_or_else(|| unreachable(&target, &e)))?;
    let (tell, heard) = mpsc::channel();
    let driver = tokio::spawn(async move {
        let mut messages = futures::stream::poll_fn(move |cx| connection.poll_message(cx));
        while let Some(message) = messages.next().await {
            match message {
                Ok(AsyncMessage::Notification(n)) => {
                    if tell.send(n.process_id()).is_err() {
                        break;
                    }
                }
                Ok(AsyncMessage::Notice(n)) => tracing::debug!("PostgreSQL: {}", n.message()),
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!("PostgreSQL connection ended: {e}");
                    break;
                }
            }
        }
    });
    let setup = async {
        client
            .batch_execute(&format!(
                "SET lock_timeout = '{LOCK_WAIT}'; SET TIME ZONE 'UTC'; LISTEN {CHANNEL}"
            ))
            .await?;
        client.query_one("SELECT pg_backend_pid()", &[]).await
    };
    let pid: i32 = match tokio::time::timeout(ROUND_TRIP, setup).await {
        Ok(Ok(row)) => row.get(0),
        Ok(Err(e)) => {
            driver.abort();
            return Err(unreachable(&target, &e));
        }
        Err(_) => {
            driver.abort();
            return Err(lost(&target, "no answer in time"));
        }
    };
    Ok(Connection {
        client: Arc::new(client),
        heard,
        pid,
        driver,
    })
}

/// The store cannot reach the server, said without the password.
pub fn lost(target: &Target, cause: &str) -> StoreError {
    StoreError::Unreachable {
        location: target.shown().to_string(),
        cause: target.scrub(crate::domain::text::clean_line(cause)),
    }
}

/// The server was reached but would not let the user in (a wrong password, no password
/// given where one is asked for, a user it refuses, a database it does not hold): said as
/// that, not as a server that cannot be reached, and without the password.
fn refused_login(target: &Target, e: &tokio_postgres::Error) -> Option<StoreError> {
    use tokio_postgres::error::SqlState;
    let why = match e.as_db_error() {
        Some(db)
            if *db.code() == SqlState::INVALID_PASSWORD
                || *db.code() == SqlState::INVALID_AUTHORIZATION_SPECIFICATION =>
        {
            format!("the server refused the login: {}", db.message())
        }
        Some(db) if *db.code() == SqlState::INVALID_CATALOG_NAME => {
            format!(
                "the server holds no such database ({}): create it first, with createdb",
                db.message()
            )
        }
        // tokio-postgres says so before asking, when the server wants a password and none
        // was given.
        None if chain(e).contains("password missing") => "the server asks for a password \
            and none was given (set PGPASSWORD, or put it in ~/.pgpass or the file PGPASSFILE \
            names, readable by you only: chmod 600)"
            .to_string(),
        _ => return None,
    };
    Some(StoreError::Invalid(
        target.scrub(format!("{}: {why}", target.shown())),
    ))
}

/// A connection that could not be made or was lost, said without the password.
fn unreachable(target: &Target, e: &tokio_postgres::Error) -> StoreError {
    let cause = match e.as_db_error() {
        Some(db) => db.message().to_string(),
        None => chain(e),
    };
    lost(target, &cause)
}

/// An error in its own words followed by those of its sources.
fn chain(e: &tokio_postgres::Error) -> String {
    let mut words = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        words = format!("{words}: {s}");
        source = s.source();
    }
    words
}

/// Whether an error of a round trip means the connection is gone rather than that the
/// statement was refused: the server's "connection" and "operator intervention" (shutdown,
/// restart) classes, a closed connection, or an I/O failure.
fn connection_gone(e: &tokio_postgres::Error, client: &Client) -> bool {
    if let Some(db) = e.as_db_error() {
        let code = db.code().code();
        return code.starts_with("08") || code.starts_with("57P");
    }
    e.is_closed()
        || client.is_closed()
        || std::error::Error::source(e).is_some_and(|s| s.is::<std::io::Error>())
}

impl Session {
    /// Opens a connection with a runtime of its own.
    pub fn open(target: Target, outage: Outage) -> Result<Session, StoreError> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| StoreError::Invalid(format!("no runtime for PostgreSQL: {e}")))?;
        let conn = rt.block_on(connect(target.clone()))?;
        Ok(Session {
            rt,
            conn,
            target,
            broken: Cell::new(false),
            missed: false,
            outage,
            together: RefCell::new(None),
            bound: Cell::new(ROUND_TRIP),
        })
    }

    /// Whether the connection was found gone (a new one is needed).
    pub fn is_broken(&self) -> bool {
        self.broken.get() || self.conn.client.is_closed()
    }

    /// Gives up the connection found gone: its task is stopped, whatever it was waiting for.
    pub fn abandon(&mut self) {
        self.lose("the connection was lost");
        self.conn.driver.abort();
    }

    /// Marks the connection gone and says so (keeping the first cause given).
    fn lose(&self, why: &str) {
        if !self.broken.replace(true) || self.outage.now().is_none() {
            self.outage.say(Some(crate::domain::text::clean_line(why)));
        }
    }

    /// Takes a new connection in place of the lost one.
    pub fn replace(&mut self, conn: Connection) {
        self.conn.driver.abort();
        self.conn = conn;
        self.broken.set(false);
        self.missed = true;
        self.outage.say(None);
    }

    /// The runtime, and the task driving the connection (to notice its end while idle).
    pub fn runtime_and_driver(&mut self) -> (&Runtime, &mut JoinHandle<()>) {
        (&self.rt, &mut self.conn.driver)
    }

    /// Runs `work` with each of its round trips allowed `LONG_WORK` rather than
    /// `ROUND_TRIP`: for work run once, before the screen opens or from the command line,
    /// whose statements may take minutes at scale (a migration, a copy). Nothing on the
    /// screen's path runs so.
    pub fn patiently<T>(&self, work: impl FnOnce(&Session) -> T) -> T {
        /// Puts the usual bound back however `work` ends.
        struct Restore<'a>(&'a Cell<Duration>);
        impl Drop for Restore<'_> {
            fn drop(&mut self) {
                self.0.set(ROUND_TRIP);
            }
        }
        self.bound.set(LONG_WORK);
        let _restore = Restore(&self.bound);
        work(self)
    }

    /// Runs one round trip to completion, at most `ROUND_TRIP` (`LONG_WORK` inside
    /// `patiently`). A connection found gone is marked broken and the answer is
    /// `Unreachable`.
    fn wait<T>(
        &self,
        trip: impl Future<Output = Result<T, tokio_postgres::Error>>,
    ) -> Result<T, StoreError> {
        if self.is_broken() {
            return Err(lost(&self.target, "the connection was lost"));
        }
        let bound = self.bound.get();
        match (self.rt).block_on(async { tokio::time::timeout(bound, trip).await }) {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(e)) if connection_gone(&e, &self.conn.client) => {
                let e = unreachable(&self.target, &e);
                if let StoreError::Unreachable { cause, .. } = &e {
                    self.lose(cause);
                }
                Err(e)
            }
            Ok(Err(e)) => Err(e.into()),
            Err(_) => {
                self.lose("no answer in time");
                Err(lost(&self.target, "no answer in time"))
            }
        }
    }

    /// Runs `work` in one transaction that notifies the other programs when it commits: all
    /// of it is written, or none.
    pub fn write<T>(
        &self,
        work: impl FnOnce(&PgSql<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.transaction("BEGIN", |session| {
            let sql = session.read();
            let value = work(&sql)?;
            sql.run(&format!("NOTIFY {CHANNEL}"), &[])?;
            Ok(value)
        })
    }

    /// Runs `work` on one consistent snapshot of the database (a read-only, repeatable-read
    /// transaction), so that reading many tables sees no write half-way.
    pub fn snapshot<T>(
        &self,
        work: impl FnOnce(&Session) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", work)
    }

    /// `work` between `begin` and a commit; rolled back when it fails (unless the connection
    /// is gone, which ends the transaction anyway).
    fn transaction<T>(
        &self,
        begin: &str,
        work: impl FnOnce(&Session) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let client = &self.conn.client;
        self.wait(client.batch_execute(begin))?;
        let value = work(self).and_then(|v| self.wait(client.batch_execute("COMMIT")).map(|()| v));
        if value.is_err() && !self.is_broken() {
            let _ = self.wait(client.batch_execute("ROLLBACK"));
        }
        value
    }

    /// Runs `work`, a reading of many queries without parameters (`rows_of`), with those
    /// queries sent to the server at once, pipelined on the connection: one round trip or
    /// two for all instead of two for each (the organisation at start-up). `work` runs
    /// twice: first only noting the queries it sends through `rows_of`, each answered with
    /// no rows (so it must need no answer to know what to ask next: a query it sends after
    /// looking at rows, or one with parameters, goes as usual); then, all of them fetched
    /// together, with each answered from those rows.
    pub fn together<T>(
        &self,
        work: impl Fn(&Session) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        *self.together.borrow_mut() = Some(Together::Noting(Vec::new()));
        let noted = work(self);
        let queries = match self.together.borrow_mut().take() {
            Some(Together::Noting(queries)) => queries,
            _ => Vec::new(),
        };
        if noted.is_err() || queries.is_empty() {
            // Nothing was answered with no rows: this is the reading itself.
            return noted;
        }
        // Every query is sent when the first answer is asked for; each answer is read when
        // `work` asks for it, so the server runs the later queries while the client takes in
        // the rows of the earlier ones.
        let client = Arc::clone(&self.conn.client);
        let in_flight = queries.len();
        let answers = futures::stream::iter(queries.clone())
            .map(move |q| {
                let client = Arc::clone(&client);
                async move { client.query(q.as_str(), &[]).await }
            })
            .buffered(in_flight);
        *self.together.borrow_mut() = Some(Together::Sent(queries.into(), Box::pin(answers)));
        let value = work(self);
        *self.together.borrow_mut() = None;
        value
    }

    /// Every row of a query without parameters; inside `together`, noted, or read from what
    /// the server answers to the queries sent at once.
    pub fn rows_of(&self, sql: &str) -> Result<Vec<Row>, StoreError> {
        let mut together = self.together.borrow_mut();
        match together.as_mut() {
            Some(Together::Noting(queries)) => {
                queries.push(sql.to_string());
                return Ok(Vec::new());
            }
            Some(Together::Sent(sent, answers))
                if sent.front().map(String::as_str) == Some(sql) =>
            {
                sent.pop_front();
                if let Some(rows) = self.wait(async { answers.next().await.transpose() })? {
                    return Ok(rows);
                }
            }
            // Asked out of the order noted (it does not happen: `work` asks the same each
            // time): the rest is read as usual.
            Some(Together::Sent(..)) => *together = None,
            None => {}
        }
        drop(together);
        self.read().rows(sql, &[])
    }

    /// Statements on the session's connection.
    pub fn read(&self) -> PgSql<'_> {
        PgSql { session: self }
    }

    /// Whether another connection committed a write since the last call (or the connection
    /// is new, and what was written while away was not heard). A round trip to the server
    /// first, so that every notification it sent before is read.
    pub fn heard_others(&mut self) -> Result<bool, StoreError> {
        self.wait(self.conn.client.simple_query(""))?;
        let mut others = std::mem::take(&mut self.missed);
        while let Ok(pid) = self.conn.heard.try_recv() {
            others |= pid != self.conn.pid;
        }
        Ok(others)
    }
}

/// Binds shared values for tokio-postgres.
fn params(args: &[Value]) -> Vec<&(dyn ToSql + Sync)> {
    args.iter().map(|v| v as &(dyn ToSql + Sync)).collect()
}

/// The shared statements on a session's connection (inside its transaction, when one is
/// open).
pub struct PgSql<'a> {
    session: &'a Session,
}

impl Sql for PgSql<'_> {
    fn run(&self, sql: &str, args: &[Value]) -> Result<u64, StoreError> {
        let sql = numbered_placeholders(sql);
        let s = self.session;
        s.wait(s.conn.client.execute(&sql, &params(args)))
    }

    fn ints(&self, sql: &str, args: &[Value]) -> Result<Vec<i64>, StoreError> {
        let sql = numbered_placeholders(sql);
        let s = self.session;
        let rows = s.wait(s.conn.client.query(&sql, &params(args)))?;
        rows.iter()
            .map(|r| r.try_get(0).map_err(StoreError::from))
            .collect()
    }

    fn text(&self, sql: &str, args: &[Value]) -> Result<Option<String>, StoreError> {
        let sql = numbered_placeholders(sql);
        let s = self.session;
        let row = s.wait(s.conn.client.query_opt(&sql, &params(args)))?;
        row.map(|r| r.try_get(0).map_err(StoreError::from))
            .transpose()
    }

    fn texts(&self, sql: &str, args: &[Value]) -> Result<Vec<Vec<Option<String>>>, StoreError> {
        let sql = numbered_placeholders(sql);
        let s = self.session;
        let rows = s.wait(s.conn.client.query(&sql, &params(args)))?;
        rows.iter()
            .map(|r| {
                (0..r.len())
                    .map(|i| r.try_get(i).map_err(StoreError::from))
                    .collect()
            })
            .collect()
    }
}

impl PgSql<'_> {
    /// Runs several statements (a migration) as written, without placeholders.
    pub fn batch(&self, sql: &str) -> Result<(), StoreError> {
        let s = self.session;
        s.wait(s.conn.client.batch_execute(sql))
    }

    /// Every row of a query (PostgreSQL's `$N` placeholders).
    pub fn rows(
        &self,
        sql: &str,
        args: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<tokio_postgres::Row>, StoreError> {
        let s = self.session;
        s.wait(s.conn.client.query(sql, args))
    }

    /// The first two text columns of every row of a query without parameters.
    pub fn read_pairs(&self, sql: &str) -> Result<Vec<(String, String)>, StoreError> {
        self.rows(sql, &[])?
            .iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect()
    }

    /// The first row of a query, if any.
    pub fn row(
        &self,
        sql: &str,
        args: &[&(dyn ToSql + Sync)],
    ) -> Result<Option<tokio_postgres::Row>, StoreError> {
        let s = self.session;
        s.wait(s.conn.client.query_opt(sql, args))
    }
}
