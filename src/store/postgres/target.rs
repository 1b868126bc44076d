//! Where a PostgreSQL store is: the `postgres://` address given with `--db`, what it is
//! allowed to be, and how it is said without its password.
//!
//! Owns: recognising a PostgreSQL address, reading it into a connection configuration (the
//! password from the address, `PGPASSWORD` or the password file; the user from the address,
//! `PGUSER` or the login name), refusing plain connections to hosts other than this machine (TLS is not yet
//! supported), and the redacted form shown on screen, in logs and in errors.
//! Must not import: ratatui, crossterm, `crate::app`, `crate::ui`.

use super::super::StoreError;
use super::tls::{self, Mode};
use std::str::FromStr;
use std::sync::Arc;
use tokio_postgres::Config;
use tokio_postgres::config::{Host, SslMode};

/// Whether `db` (a `--db` value) names a PostgreSQL database rather than a file.
pub fn is_postgres_address(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// A PostgreSQL database to connect to.
#[derive(Clone)]
pub struct Target {
    pub(super) config: Config,
    /// The address without its password, as shown anywhere.
    pub(super) shown: String,
    /// The password, to strip from any message the server or the driver gives.
    pub(super) secret: Option<String>,
    /// TLS as the address asked (used only when the connection is encrypted).
    pub(super) tls: Arc<rustls::ClientConfig>,
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Target")
            .field("shown", &self.shown)
            .finish_non_exhaustive()
    }
}

/// A refusal of the address itself, said without its password.
fn refused(shown: &str, reason: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(format!("{shown}: {reason}"))
}

/// Whether a host is this machine: a Unix socket, `localhost` or a loopback address.
fn is_loopback(host: &Host) -> bool {
    match host {
        Host::Unix(_) => true,
        Host::Tcp(name) => {
            let name = name.trim_start_matches('[').trim_end_matches(']');
            name.eq_ignore_ascii_case("localhost")
                || name
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        }
    }
}

/// The address as shown: `postgres://user@host:port/dbname`, never a password.
fn redacted(config: &Config) -> String {
    let user = config
        .get_user()
        .map(|u| format!("{u}@"))
        .unwrap_or_default();
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .zip(config.get_ports().iter().chain(std::iter::repeat(&5432)))
        .map(|(host, port)| match host {
            Host::Tcp(name) if name.contains(':') => format!("[{name}]:{port}"),
            Host::Tcp(name) => format!("{name}:{port}"),
            Host::Unix(path) => format!("{}:{port}", path.display()),
        })
        .collect();
    let db = config.get_dbname().unwrap_or("");
    format!("postgres://{user}{}/{db}", hosts.join(","))
}

/// The password the password file gives for the address's first host.
fn from_password_file(config: &Config) -> Option<String> {
    let host = match config.get_hosts().first()? {
        Host::Tcp(name) => name.clone(),
        Host::Unix(_) => "localhost".to_string(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let user = config.get_user()?;
    let database = config.get_dbname().unwrap_or(user);
    super::pgpass::password(&host, port, database, user)
}

impl Target {
    /// Reads a `postgres://` address. Refused: an address that does not read, one asking for
    /// TLS, and a plain connection to another machine.
    pub fn parse(address: &str) -> Result<Target, StoreError> {
        // Its messages do not quote the address, so hold no password.
        let asked = tls::take(address)?;
        let mut config = Config::from_str(&asked.address).map_err(|e| {
            // The driver's message does not quote the address, so holds no password.
            StoreError::Invalid(format!(
                "the PostgreSQL address does not read ({e}); write postgres://user@host:port/dbname"
            ))
        })?;
        if config.get_user().is_none() {
            let user = std::env::var("PGUSER")
                .or_else(|_| std::env::var("USER"))
                .map_err(|_| {
                    StoreError::Invalid(
                        "the PostgreSQL address names no user: write postgres://user@host/dbname"
                            .into(),
                    )
                })?;
            config.user(user);
        }
        if config.get_hosts().is_empty() {
            config.host("localhost");
        }
        let shown = redacted(&config);
        if config.get_password().is_none()
            && let Some(password) = std::env::var("PGPASSWORD")
                .ok()
                .or_else(|| from_password_file(&config))
        {
            config.password(password);
        }
        let secret = config
            .get_password()
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .filter(|p| !p.is_empty());
        if asked.mode == Mode::Prefer
            && let Some(host) = config.get_hosts().iter().find(|h| !is_loopback(h))
        {
            let name = match host {
                Host::Tcp(name) => name.clone(),
                Host::Unix(path) => path.display().to_string(),
            };
            return Err(refused(
                &shown,
                format!(
                    "{name} is not this machine: connect with TLS (add ?sslmode=verify-full&sslrootcert=CA.pem, or sslmode=require), or ask for a plain connection with sslmode=disable"
                ),
            ));
        }
        let (tls, encrypted) =
            tls::config(asked.mode, asked.root.as_deref()).map_err(|e| refused(&shown, e))?;
        config.ssl_mode(if encrypted {
            SslMode::Require
        } else {
            SslMode::Disable
        });
        config.application_name("roundtable");
        config.connect_timeout(std::time::Duration::from_secs(5));
        keep_alive(&mut config);
        Ok(Target {
            config,
            shown,
            secret,
            tls,
        })
    }

    /// The address as shown anywhere: without its password.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// The connection configuration (for tests that connect to the server themselves).
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// `message` with the password, should it appear, replaced.
    pub(super) fn scrub(&self, message: String) -> String {
        match &self.secret {
            Some(secret) => message.replace(secret.as_str(), "***"),
            None => message,
        }
    }

    /// The same server, another database on it (for tests that make and drop databases).
    pub fn with_database(&self, name: &str) -> Target {
        let mut config = self.config.clone();
        config.dbname(name);
        Target {
            shown: redacted(&config),
            config,
            secret: self.secret.clone(),
            tls: self.tls.clone(),
        }
    }
}

/// Asks the operating system to probe an idle connection after 15 s, every 5 s, three
/// times: a network gone while a long statement runs (`session::LONG_WORK`, where the round
/// trip's own bound is half an hour) is found within half a minute. An address that sets
/// its own idle time (`keepalives_idle=`) or turns them off (`keepalives=0`) keeps that.
fn keep_alive(config: &mut Config) {
    /// libpq's and tokio-postgres' idle time when none is asked: two hours.
    const UNASKED: std::time::Duration = std::time::Duration::from_secs(2 * 60 * 60);
    if config.get_keepalives() && config.get_keepalives_idle() == UNASKED {
        config
            .keepalives_idle(std::time::Duration::from_secs(15))
            .keepalives_interval(std::time::Duration::from_secs(5))
            .keepalives_retries(3);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_is_never_shown() {
        let t = Target::parse("postgres://ana:s3cret@127.0.0.1:54329/rt").expect("reads");
        assert_eq!(t.shown(), "postgres://ana@127.0.0.1:54329/rt");
        assert_eq!(t.scrub("bad s3cret here".into()), "bad *** here");
    }

    #[test]
    fn another_machine_without_tls_is_refused_unless_plain_is_asked_for() {
        let e = Target::parse("postgres://ana:pw@db.example.org/rt").expect_err("refused");
        let text = e.to_string();
        assert!(text.contains("connect with TLS"), "{text}");
        assert!(!text.contains("pw"), "{text}");
        assert!(Target::parse("postgres://ana:pw@db.example.org/rt?sslmode=disable").is_ok());
        assert!(Target::parse("postgres://ana:pw@db.example.org/rt?sslmode=require").is_ok());
        assert!(Target::parse("postgres://ana@db.example.org/rt?sslmode=verify-full").is_ok());
        let e = Target::parse("postgres://ana@localhost/rt?sslmode=sometimes").expect_err("bad");
        assert!(e.to_string().contains("is not one of"), "{e}");
        let e = Target::parse(
            "postgres://ana@localhost/rt?sslmode=verify-full&sslrootcert=/nonexistent.pem",
        )
        .expect_err("no such file");
        assert!(
            e.to_string().contains("sslrootcert /nonexistent.pem"),
            "{e}"
        );
        assert!(Target::parse("postgres://ana@[::1]:5432/rt").is_ok());
        assert!(Target::parse("postgresql://ana@localhost/rt?application_name=x").is_ok());
    }
}
