//! Putting an organisation into the database: the demo, a file, or a new empty one.
//!
//! Owns: reading organisation files from disk and turning every failure into one line that
//! names the file. Shared by the CLI and the welcome screen.
//! Must not import: ratatui, tokio.

use crate::data;
use crate::domain::{OrgFile, OrgFileError, RuleSet};
use crate::store::prelude::*;
use crate::store::{Adopted, StoreError};
use std::path::{Path, PathBuf};

/// Why an organisation could not be set up. Every message is one line.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// The organisation file could not be read (missing, unreadable, or too large).
    #[error("{}: {cause}", path.display())]
    Read {
        path: PathBuf,
        cause: std::io::Error,
    },
    /// The organisation file was read but is not a valid organisation.
    #[error("{}: {cause}", path.display())]
    File { path: PathBuf, cause: OrgFileError },
    /// The demo organisation built into the program is not valid (a bug, not the user's).
    #[error("the embedded demo organisation is invalid: {0}")]
    Demo(OrgFileError),
    /// The database refused the organisation (one already there, or a store failure).
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// When the demo organisation was adopted: its record (monthly metric values) starts in June
/// 2026, and an organisation's record starts at its adoption, so every day the demo shows is
/// after it, whenever the demo is loaded.
pub fn demo_adopted() -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    // The date is valid; the epoch is only the type's fallback.
    chrono::Utc
        .with_ymd_and_hms(2026, 6, 1, 0, 0, 0)
        .single()
        .unwrap_or(chrono::DateTime::UNIX_EPOCH)
}

/// Loads the demo organisation; refuses when the database already holds one.
pub fn load_demo(store: &mut dyn OrganisationStore) -> Result<(), SetupError> {
    let demo = data::demo_org().map_err(SetupError::Demo)?;
    store.adopt(&demo, &Adopted::at(demo_adopted()))?;
    Ok(())
}

/// Largest organisation file read: 32 MiB, about six times a 10,000-role organisation.
pub const MAX_ORG_FILE_BYTES: u64 = 32 << 20;

/// Reads and validates an organisation file, at most [`MAX_ORG_FILE_BYTES`] of it.
pub fn read_org_file(path: &Path) -> Result<OrgFile, SetupError> {
    use std::io::Read;
    let read_error = |cause| SetupError::Read {
        path: path.into(),
        cause,
    };
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_ORG_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(read_error)?;
    if bytes.len() as u64 > MAX_ORG_FILE_BYTES {
        return Err(read_error(std::io::Error::other(format!(
            "larger than {} MB; an organisation file is at most that",
            MAX_ORG_FILE_BYTES >> 20
        ))));
    }
    OrgFile::parse_bytes(&bytes).map_err(|cause| SetupError::File {
        path: path.into(),
        cause,
    })
}

/// Reads, validates and imports an organisation file, all or nothing: recorded, at `at`, as
/// the adoption it is (as one made on the adoption screens).
pub fn import_file(
    store: &mut dyn OrganisationStore,
    path: &Path,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(), SetupError> {
    store.adopt(&read_org_file(path)?, &Adopted::from_file(path, at))?;
    Ok(())
}

/// Starts an empty organisation with its anchor circle.
pub fn create_empty(store: &mut dyn Backend, name: &str, rules: RuleSet) -> Result<(), SetupError> {
    store.create_organisation(name, rules)?;
    Ok(())
}

/// Expands a leading `~/` to the home directory, as a shell would.
pub fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}
