//! A throwaway database on the PostgreSQL server of `ROUNDTABLE_TEST_PG` for a benchmark:
//! made under a name of its own, dropped (with any connection still on it) when done.
#![allow(dead_code)]

use roundtable::store::PgStore;
use roundtable::store::postgres::Target;
use roundtable::store::prelude::*;

/// A new database on the server, dropped when done.
pub struct PgDb {
    pub admin: Target,
    pub name: String,
}

fn admin(target: &Target, sql: &str) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let (client, conn) = target
            .config()
            .connect(tokio_postgres::NoTls)
            .await
            .expect("server");
        let driver = tokio::spawn(conn);
        client.batch_execute(sql).await.expect("statement");
        drop(client);
        let _ = driver.await;
    });
}

impl PgDb {
    pub fn new(address: &str, name: &str) -> PgDb {
        let admin_target = Target::parse(address).expect("ROUNDTABLE_TEST_PG reads");
        let name = format!("rt_bench_{name}_{}", std::process::id());
        admin(&admin_target, &format!("CREATE DATABASE {name}"));
        PgDb {
            admin: admin_target,
            name,
        }
    }

    pub fn open(&self) -> Box<dyn Backend + Send> {
        Box::new(self.store())
    }

    pub fn store(&self) -> PgStore {
        PgStore::open_target(self.admin.with_database(&self.name)).expect("opens")
    }

    /// The database's address as a program is given it (`--db`, `ROUNDTABLE_DB`): the
    /// server's login without a password (the test server trusts loopback).
    pub fn address(&self) -> String {
        self.admin.with_database(&self.name).shown().to_string()
    }
}

impl Drop for PgDb {
    fn drop(&mut self) {
        admin(
            &self.admin,
            &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
        );
    }
}
