//! What the command line opens the app on: a circle's meeting (`meet`), a person's review
//! or their work (`review`, `work`), who is at the keyboard (`--as`), and where exports go.
//!
//! Owns: those entry points of `App`. Must not: draw, or hold SQL.

use super::{ACTOR_LIMIT, App, meeting_setup, review, work};
use crate::domain::meeting::MeetingKind;
use crate::ui::{PersonPick, Status};

impl App {
    /// Opens a circle's meeting straight away (resumed if unfinished), as
    /// `roundtable meet KIND --circle NAME` does.
    pub fn open_meeting(&mut self, circle: &str, kind: MeetingKind) -> Result<(), String> {
        let org = self
            .view
            .org
            .clone()
            .ok_or("the database holds no organisation yet")?;
        let circle = org
            .circle_named(circle)
            .ok_or_else(|| format!("no circle named \"{circle}\""))?;
        let circle = circle.id;
        // Let go of the copy, so that reports read for the meeting go into the one shown.
        drop(org);
        meeting_setup::begin(self, circle, kind);
        if let Some(Status::Error(e)) = &self.view.status {
            return Err(e.clone());
        }
        self.hold_screen_reports();
        self.refresh_hints();
        Ok(())
    }

    /// Names who is at the keyboard (`--as NAME`): recorded with every entry this program
    /// makes, and named to other programs on the same store. A name that is empty once
    /// cleaned of control characters, or longer than 80 characters, is refused.
    pub fn set_actor(&mut self, name: Option<&str>) -> Result<(), String> {
        let name = name.map(crate::domain::text::clean_line);
        match name.as_deref() {
            Some("") => return Err("--as needs a name: who is at the keyboard".into()),
            Some(n) if n.chars().count() > ACTOR_LIMIT => {
                return Err(format!(
                    "--as takes a name of at most {ACTOR_LIMIT} characters"
                ));
            }
            _ => {}
        }
        self.store.set_actor(name.as_deref());
        self.view.actor = name;
        Ok(())
    }

    /// Writes exports made from the screens into `dir` instead of the current directory.
    pub fn set_export_dir(&mut self, dir: &std::path::Path) {
        self.export_dir = dir.to_path_buf();
    }

    /// Opens a person's solo review straight away (resumed if unfinished), as
    /// `roundtable review --person NAME` does, or (`PersonPick::Work`) their "My work", as
    /// `roundtable work --person NAME` does.
    pub fn open_for_person(&mut self, person: &str, pick: PersonPick) -> Result<(), String> {
        let org = self
            .view
            .org
            .clone()
            .ok_or("the database holds no organisation yet")?;
        let who = super::org_entries::person(&org, person)?;
        let who = org.person(who).ok_or("no such person")?;
        let (who, name) = (who.id, who.name.clone());
        // Let go of the copy, so that reports read for the screen go into the one shown.
        drop(org);
        match pick {
            PersonPick::Review => review::begin(self, who),
            PersonPick::Work => work::begin(self, who),
            PersonPick::Keyboard => self.set_actor(Some(&name))?,
        }
        if let Some(Status::Error(e)) = &self.view.status {
            return Err(e.clone());
        }
        self.hold_screen_reports();
        self.refresh_hints();
        Ok(())
    }
}
