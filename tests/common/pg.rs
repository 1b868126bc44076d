//! A new PostgreSQL database for one test, on the server `ROUNDTABLE_TEST_PG` names, dropped
//! after. Without that variable, or with a server that cannot be reached, the test says it
//! was skipped and why, except under CI (the variable `CI` set), where that is a failure:
//! CI starts a server for it (`.ci/run`).

use roundtable::store::PgStore;
use roundtable::store::postgres::Target;
use std::sync::atomic::{AtomicU32, Ordering};

/// A new PostgreSQL database; dropped with this value.
pub struct PgDb {
    pub admin: Target,
    pub name: String,
}

static NEXT: AtomicU32 = AtomicU32::new(0);

/// Runs statements on the server as the test connection's user (tests own a runtime).
pub fn admin_run(target: &Target, sql: &str) -> Result<(), String> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    rt.block_on(async {
        let (client, connection) = target
            .config()
            .connect(tokio_postgres::NoTls)
            .await
            .map_err(|e| {
                format!(
                    "{e}: {}",
                    std::error::Error::source(&e)
                        .map(|s| s.to_string())
                        .unwrap_or_default()
                )
            })?;
        let driver = tokio::spawn(connection);
        let result = client.batch_execute(sql).await.map_err(|e| e.to_string());
        drop(client);
        let _ = driver.await;
        result
    })
}

/// Runs a query on the test's database and answers the first column of the first row.
pub fn admin_count(target: &Target, sql: &str) -> i64 {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let (client, connection) = target
            .config()
            .connect(tokio_postgres::NoTls)
            .await
            .expect("connects");
        let driver = tokio::spawn(connection);
        let n: i64 = client.query_one(sql, &[]).await.expect("query").get(0);
        drop(client);
        let _ = driver.await;
        n
    })
}

/// Says why a PostgreSQL test cannot run: a failure under CI, a skip otherwise.
fn unavailable(why: &str) -> Option<PgDb> {
    if std::env::var_os("CI").is_some() {
        panic!("PostgreSQL tests must run under CI, but {why}");
    }
    // Said once, on the terminal itself (not captured with the test's output).
    static SAID: std::sync::Once = std::sync::Once::new();
    SAID.call_once(|| {
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "PostgreSQL tests skipped: {why}");
    });
    None
}

impl PgDb {
    /// A new database, or `None` (said why) when no server is there to make it on.
    pub fn new() -> Option<PgDb> {
        let Ok(address) = std::env::var("ROUNDTABLE_TEST_PG") else {
            return unavailable("ROUNDTABLE_TEST_PG is not set (a postgres:// address)");
        };
        let admin = match Target::parse(&address) {
            Ok(t) => t,
            Err(e) => return unavailable(&format!("ROUNDTABLE_TEST_PG does not read: {e}")),
        };
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!(
            "rt_test_{}_{}_{nanos}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        if let Err(e) = admin_run(&admin, &format!("CREATE DATABASE {name}")) {
            return unavailable(&format!("{} cannot be reached or used: {e}", admin.shown()));
        }
        Some(PgDb { admin, name })
    }

    /// The test's database.
    pub fn target(&self) -> Target {
        self.admin.with_database(&self.name)
    }

    /// The test's database as a `--db` address (no password: the test server trusts).
    pub fn address(&self) -> String {
        self.target().shown().to_string()
    }

    /// A store on the test's database.
    pub fn store(&self) -> PgStore {
        PgStore::open_target(self.target()).expect("PostgreSQL opens")
    }
}

impl Drop for PgDb {
    fn drop(&mut self) {
        let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        if let Err(e) = admin_run(&self.admin, &sql) {
            eprintln!("could not drop {}: {e}", self.name);
        }
    }
}
