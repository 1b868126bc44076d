//! TLS to PostgreSQL: with `sslmode=verify-full` and the server's certificate authority in
//! `sslrootcert`, the program's connection is encrypted (the server says so); a certificate
//! nobody vouches for is refused, saying why and never the password. Needs a server with TLS
//! on and its authority's certificate in `ROUNDTABLE_TEST_PG_CA` (`.ci/run` makes both);
//! without them the test says it was skipped, except under CI.

mod common;

use common::pg::PgDb;
use roundtable::store::PgStore;
use roundtable::store::postgres::Target;
use tokio_postgres::config::Host;

/// How many of the test database's connections from Roundtable are encrypted.
fn encrypted_connections(db: &PgDb) -> i64 {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let (client, connection) = db
            .admin
            .config()
            .connect(tokio_postgres::NoTls)
            .await
            .expect("connects");
        let driver = tokio::spawn(connection);
        let n: i64 = client
            .query_one(
                "SELECT count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
                 WHERE a.application_name = 'roundtable' AND a.datname = $1 AND s.ssl",
                &[&db.name],
            )
            .await
            .expect("query")
            .get(0);
        drop(client);
        let _ = driver.await;
        n
    })
}

/// `postgres://user:secret@localhost:PORT/DB?…` for the test database.
fn address(db: &PgDb, query: &str) -> String {
    let config = db.admin.config();
    let port = config.get_ports().first().copied().unwrap_or(5432);
    assert!(
        matches!(config.get_hosts().first(), Some(Host::Tcp(_))),
        "a TCP test server"
    );
    let user = config.get_user().unwrap_or("postgres");
    format!(
        "postgres://{user}:n0t-shown@localhost:{port}/{}?{query}",
        db.name
    )
}

#[test]
fn verify_full_connects_encrypted_and_an_unknown_authority_is_refused() {
    let Ok(ca) = std::env::var("ROUNDTABLE_TEST_PG_CA") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "TLS must be tested under CI: ROUNDTABLE_TEST_PG_CA is not set"
        );
        eprintln!("PostgreSQL TLS test skipped: ROUNDTABLE_TEST_PG_CA is not set");
        return;
    };
    let Some(db) = PgDb::new() else { return };
    let verified = address(&db, &format!("sslmode=verify-full&sslrootcert={ca}"));
    let store = PgStore::open_target(Target::parse(&verified).expect("reads")).expect("opens");
    assert_eq!(
        encrypted_connections(&db),
        1,
        "the program's connection is encrypted"
    );
    drop(store);

    let unknown = address(&db, "sslmode=verify-full");
    let refused = PgStore::open(&unknown).expect_err("no authority vouches for the server");
    let said = refused.to_string();
    assert!(said.contains("certificate"), "{said}");
    assert!(
        !said.contains("n0t-shown"),
        "the password is never said: {said}"
    );

    let encrypted_only = address(&db, "sslmode=require");
    let store = PgStore::open(&encrypted_only).expect("require encrypts without checking");
    // The first program's connection may not have left the server's list yet.
    assert!(encrypted_connections(&db) >= 1);
    drop(store);
}
