//! Who is at the keyboard: the name recorded with every entry this program makes (`--as
//! NAME`, or chosen on home with `i` and then remembered for that database, so that a
//! facilitator on a shared database names themselves once).
//!
//! Owns: the "who is at the keyboard?" picker's outcome and the file that remembers the
//! choice per database (`keyboard.json` in the data directory: one name per database
//! location, 0600). Must not: draw, or hold SQL.

use super::App;
use super::modal::Outcome;
use crate::app::Screen;
use crate::ui::{Modal, PersonPick, Picker};
use std::collections::BTreeMap;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::Path;

/// The picker's last option: nobody named.
const NOBODY: &str = "Nobody named (entries record no name)";

/// The names remembered, by database location.
fn remembered(file: &Path) -> BTreeMap<String, String> {
    std::fs::read_to_string(file)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Remembers `name` (or forgets, with `None`) for the database at `location`: the file is
/// written whole, readable by its owner only, and replaced in one step.
fn remember(file: &Path, location: &str, name: Option<&str>) -> std::io::Result<()> {
    let mut names = remembered(file);
    match name {
        Some(name) => names.insert(location.to_string(), name.to_string()),
        None => names.remove(location),
    };
    let text = serde_json::to_string_pretty(&names).map_err(std::io::Error::other)?;
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
    }
    let temp = file.with_extension(format!("{}.tmp", std::process::id()));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&temp)
        .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&temp, file));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

impl App {
    /// Remembers who is at the keyboard in `file`, per database; without `--as`, the name
    /// remembered there for this database is used.
    pub fn remember_keyboard_in(&mut self, file: &Path, given: bool) -> Result<(), String> {
        self.keyboard_file = Some(file.to_path_buf());
        if given {
            return Ok(());
        }
        match remembered(file).get(&self.store.location()) {
            Some(name) => self.set_actor(Some(name.as_str())),
            None => Ok(()),
        }
    }

    /// `i` on home: who is at the keyboard, among the organisation's people.
    pub(super) fn ask_keyboard(&mut self) {
        let Some(org) = self.view.org.clone() else {
            return;
        };
        let Screen::Home(home) = &mut self.view.screen else {
            return;
        };
        let people: Vec<_> = org
            .people()
            .iter()
            .filter(|p| p.is_current())
            .map(|p| p.id)
            .collect();
        let mut options: Vec<String> = people
            .iter()
            .map(|&p| org.person_name(p).to_string())
            .collect();
        options.push(NOBODY.to_string());
        let selected = self
            .view
            .actor
            .as_deref()
            .and_then(|name| options.iter().position(|o| o == name))
            .unwrap_or(0);
        home.modal = Some(Modal::Picker(Picker {
            title: "Who is at the keyboard? (recorded with every entry)".into(),
            options,
            selected,
        }));
        home.people = people;
        home.picking = PersonPick::Keyboard;
    }

    /// The person picked as being at the keyboard (or nobody): used from now on, and
    /// remembered for this database.
    pub(super) fn keyboard_picked(&mut self, outcome: Outcome) {
        let Outcome::Picked(n) = outcome else { return };
        let Some(org) = self.view.org.clone() else {
            return;
        };
        let name = match &self.view.screen {
            Screen::Home(home) => home.people.get(n).map(|&p| org.person_name(p).to_string()),
            _ => return,
        };
        if let Err(why) = self.set_actor(name.as_deref()) {
            return self.error(why);
        }
        let location = self.store.location();
        let kept = match &self.keyboard_file {
            Some(file) => remember(file, &location, name.as_deref()).map_err(|e| e.to_string()),
            None => Err("no data directory".into()),
        };
        let who = name.as_deref().unwrap_or("Nobody named");
        match kept {
            Ok(()) => self.info(format!(
                "{who} at the keyboard: recorded with every entry, and remembered for this database."
            )),
            Err(why) => {
                tracing::warn!("who is at the keyboard is not remembered: {why}");
                self.info(format!(
                    "{who} at the keyboard: recorded with every entry (not remembered: {why})."
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_remembered_per_database_and_the_file_is_the_owners_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("keyboard.json");
        remember(&file, "/a.db", Some("Kwame Mensah")).expect("written");
        remember(&file, "postgres://db", Some("Mei Chen")).expect("written");
        let names = remembered(&file);
        assert_eq!(names.get("/a.db").map(String::as_str), Some("Kwame Mensah"));
        assert_eq!(
            names.get("postgres://db").map(String::as_str),
            Some("Mei Chen")
        );
        remember(&file, "/a.db", None).expect("written");
        assert!(!remembered(&file).contains_key("/a.db"));
        let mode = std::fs::metadata(&file).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
