//! The connection thread's side of a PostgreSQL store: its own tokio runtime (current
//! thread) and client connection, the write transaction helper (which tells other programs
//! with NOTIFY at commit), the shared `Sql` over a transaction, and the notifications heard.
//!
//! Everything here runs on the store's own thread, never in the caller's runtime: each
//! request is one `block_on` of this thread's runtime.
//! Owns: `Session`. Must not import: ratatui, crossterm, `crate::app`, `crate::ui`.

use super::super::StoreError;
use super::super::sql::{Sql, Value, numbered_placeholders};
use super::target::Target;
use futures::StreamExt;
use std::sync::mpsc;
use tokio::runtime::Runtime;
use tokio_postgres::types::ToSql;
use tokio_postgres::{AsyncMessage, Client, NoTls};

/// The channel every write notifies and every session listens on.
pub const CHANNEL: &str = "roundtable";

/// How long a statement waits for a lock another program holds before the store answers
/// `Busy` (as SQLite's busy timeout: the screen must not wait longer).
const LOCK_WAIT: &str = "800ms";

/// One open connection with the runtime that drives it.
pub struct Session {
    pub rt: Runtime,
    pub client: Client,
    pub target: Target,
    /// Server process ids of the notifications heard since last drained.
    heard: mpsc::Receiver<i32>,
    /// This connection's server process id (its own notifications are not news).
    pid: i32,
}

/// Connects and starts listening; the connection's messages are read by a task of `rt`
/// whenever the runtime runs (that is, during every request).
async fn connect(target: &Target) -> Result<(Client, mpsc::Receiver<i32>, i32), StoreError> {
    let (client, mut connection) = target
        .config
        .connect(NoTls)
        .await
        .map_err(|e| unreachable(target, &e))?;
    let (tell, heard) = mpsc::channel();
    tokio::spawn(async move {
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
    client
        .batch_execute(&format!(
            "SET lock_timeout = '{LOCK_WAIT}'; SET TIME ZONE 'UTC'; LISTEN {CHANNEL}"
        ))
        .await?;
    let pid: i32 = client
        .query_one("SELECT pg_backend_pid()", &[])
        .await?
        .get(0);
    Ok((client, heard, pid))
}

/// A connection that could not be made, said without the password.
fn unreachable(target: &Target, e: &tokio_postgres::Error) -> StoreError {
    let cause = match e.as_db_error() {
        Some(db) => db.message().to_string(),
        None => {
            let mut words = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                words = format!("{words}: {s}");
                source = s.source();
            }
            words
        }
    };
    StoreError::Invalid(format!(
        "{}: cannot connect to the PostgreSQL server ({})",
        target.shown(),
        target.scrub(crate::domain::text::clean_line(&cause))
    ))
}

impl Session {
    /// Opens a connection with a runtime of its own.
    pub fn open(target: Target) -> Result<Session, StoreError> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| StoreError::Invalid(format!("no runtime for PostgreSQL: {e}")))?;
        let (client, heard, pid) = rt.block_on(connect(&target))?;
        Ok(Session {
            rt,
            client,
            target,
            heard,
            pid,
        })
    }

    /// Connects again when the connection was lost (a server restart, a network drop).
    pub fn reconnect_if_lost(&mut self) {
        if !self.client.is_closed() {
            return;
        }
        match self.rt.block_on(connect(&self.target)) {
            Ok((client, heard, pid)) => {
                tracing::info!("{}: connected again", self.target.shown());
                (self.client, self.heard, self.pid) = (client, heard, pid);
            }
            Err(e) => tracing::warn!("{e}"),
        }
    }

    /// Runs `work` in one transaction that notifies the other programs when it commits: all
    /// of it is written, or none.
    pub fn write<T>(
        &mut self,
        work: impl FnOnce(&PgSql<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = self.rt.block_on(self.client.transaction())?;
        let sql = PgSql {
            rt: &self.rt,
            tx: &tx,
        };
        let value = work(&sql)?;
        sql.run(&format!("NOTIFY {CHANNEL}"), &[])?;
        self.rt.block_on(tx.commit())?;
        Ok(value)
    }

    /// Runs `work` on one consistent snapshot of the database (a read-only, repeatable-read
    /// transaction), so that reading many tables sees no write half-way.
    pub fn snapshot<T>(
        &self,
        work: impl FnOnce(&Session) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.rt.block_on(
            self.client
                .batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"),
        )?;
        let value = work(self);
        let end = if value.is_ok() { "COMMIT" } else { "ROLLBACK" };
        self.rt.block_on(self.client.batch_execute(end))?;
        value
    }

    /// Statements outside a transaction, for reading.
    pub fn read(&self) -> PgRead<'_> {
        PgRead { session: self }
    }

    /// Whether another connection committed a write since the last call. A round trip to
    /// the server first, so that every notification it sent before is read.
    pub fn heard_others(&mut self) -> Result<bool, StoreError> {
        self.rt.block_on(self.client.simple_query(""))?;
        let mut others = false;
        while let Ok(pid) = self.heard.try_recv() {
            others |= pid != self.pid;
        }
        Ok(others)
    }
}

/// Binds shared values for tokio-postgres.
fn params(args: &[Value]) -> Vec<&(dyn ToSql + Sync)> {
    args.iter().map(|v| v as &(dyn ToSql + Sync)).collect()
}

/// The shared statements inside one PostgreSQL transaction.
pub struct PgSql<'a> {
    rt: &'a Runtime,
    tx: &'a tokio_postgres::Transaction<'a>,
}

impl Sql for PgSql<'_> {
    fn run(&self, sql: &str, args: &[Value]) -> Result<u64, StoreError> {
        let sql = numbered_placeholders(sql);
        Ok(self.rt.block_on(self.tx.execute(&sql, &params(args)))?)
    }

    fn ints(&self, sql: &str, args: &[Value]) -> Result<Vec<i64>, StoreError> {
        let sql = numbered_placeholders(sql);
        let rows = self.rt.block_on(self.tx.query(&sql, &params(args)))?;
        rows.iter()
            .map(|r| r.try_get(0).map_err(StoreError::from))
            .collect()
    }

    fn text(&self, sql: &str, args: &[Value]) -> Result<Option<String>, StoreError> {
        let sql = numbered_placeholders(sql);
        let row = self.rt.block_on(self.tx.query_opt(&sql, &params(args)))?;
        row.map(|r| r.try_get(0).map_err(StoreError::from))
            .transpose()
    }
}

impl PgSql<'_> {
    /// Runs several statements (a migration) as written, without placeholders.
    pub fn batch(&self, sql: &str) -> Result<(), StoreError> {
        Ok(self.rt.block_on(self.tx.batch_execute(sql))?)
    }
}

/// Reading queries on the session's connection, outside any transaction.
pub struct PgRead<'a> {
    session: &'a Session,
}

impl Sql for PgRead<'_> {
    fn run(&self, sql: &str, args: &[Value]) -> Result<u64, StoreError> {
        let s = self.session;
        let sql = numbered_placeholders(sql);
        Ok(s.rt.block_on(s.client.execute(&sql, &params(args)))?)
    }

    fn ints(&self, sql: &str, args: &[Value]) -> Result<Vec<i64>, StoreError> {
        let s = self.session;
        let sql = numbered_placeholders(sql);
        let rows = s.rt.block_on(s.client.query(&sql, &params(args)))?;
        rows.iter()
            .map(|r| r.try_get(0).map_err(StoreError::from))
            .collect()
    }

    fn text(&self, sql: &str, args: &[Value]) -> Result<Option<String>, StoreError> {
        let s = self.session;
        let sql = numbered_placeholders(sql);
        let row = s.rt.block_on(s.client.query_opt(&sql, &params(args)))?;
        row.map(|r| r.try_get(0).map_err(StoreError::from))
            .transpose()
    }
}

impl PgRead<'_> {
    /// Every row of a query (PostgreSQL's `$N` placeholders).
    pub fn rows(
        &self,
        sql: &str,
        args: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<tokio_postgres::Row>, StoreError> {
        let s = self.session;
        Ok(s.rt.block_on(s.client.query(sql, args))?)
    }

    /// The first row of a query, if any.
    pub fn row(
        &self,
        sql: &str,
        args: &[&(dyn ToSql + Sync)],
    ) -> Result<Option<tokio_postgres::Row>, StoreError> {
        let s = self.session;
        Ok(s.rt.block_on(s.client.query_opt(sql, args))?)
    }
}
