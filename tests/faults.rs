//! Faults in the store, injected: a store that refuses every write on demand (as a full disk,
//! a read-only directory or a vanished server would) stands in for the real one. The screen
//! says what happened in one line, what was typed stays in its field, nothing panics, and
//! everything recorded before is still there once writes succeed again. The same store can
//! also miss another program's write until its own (one landing within the second after it
//! looked): what the database then refuses is said in plain words, never in its own.

mod common;

use chrono::{DateTime, Utc};
use common::{Harness, elsewhere};
use ratatui::crossterm::event::KeyCode::{Char, Enter, Right};
use roundtable::domain::meeting::flow::Recorded;
use roundtable::domain::meeting::{Effect, MeetingKind};
use roundtable::domain::meeting_list::{Key, Look, Page};
use roundtable::domain::org_log::{OrgChange, OrgEffect, OrgEntry};
use roundtable::domain::*;
use roundtable::store::prelude::*;
use roundtable::store::{
    Adopted, Appended, LogOwner, MeetingRow, OpenMeeting, RoleVersion, Store, StoreError,
};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// The SQLite store, whose writes fail with "database or disk is full" while `full` is set,
/// and which does not see other programs' writes while `blind` is set (as when one lands
/// within the second after the program looked).
struct Faulty {
    inner: Store,
    full: Arc<AtomicBool>,
    blind: Arc<AtomicBool>,
}

impl Faulty {
    fn check(&self) -> Result<(), StoreError> {
        if self.full.load(Ordering::SeqCst) {
            return Err(StoreError::Sql {
                message: "database or disk is full".into(),
                code: Some(13),
            });
        }
        Ok(())
    }
}

impl MeetingLog for Faulty {
    fn start_log(
        &mut self,
        o: LogOwner,
        at: DateTime<Utc>,
        first: &str,
    ) -> Result<MeetingId, StoreError> {
        self.check()?;
        self.inner.start_log(o, at, first)
    }
    fn append_payload(
        &mut self,
        m: MeetingId,
        after: u64,
        at: DateTime<Utc>,
        payload: &str,
        effects: &[Effect],
    ) -> Result<Appended, StoreError> {
        self.check()?;
        self.inner.append_payload(m, after, at, payload, effects)
    }
    fn payloads_after(
        &self,
        m: MeetingId,
        after: u64,
    ) -> Result<Vec<Recorded<String>>, StoreError> {
        self.inner.payloads_after(m, after)
    }
    fn last_seq(&self, m: MeetingId) -> Result<u64, StoreError> {
        self.inner.last_seq(m)
    }
    fn set_actor(&mut self, actor: Option<&str>) {
        self.inner.set_actor(actor);
    }
    fn actors_after(&self, m: MeetingId, after: u64) -> Result<Vec<Option<String>>, StoreError> {
        self.inner.actors_after(m, after)
    }
    fn open_review(&self, p: PersonId) -> Result<Option<MeetingId>, StoreError> {
        self.inner.open_review(p)
    }
    fn open_work(&self, p: PersonId) -> Result<Option<MeetingId>, StoreError> {
        self.inner.open_work(p)
    }
    fn open_meeting(&self, c: CircleId, k: MeetingKind) -> Result<Option<MeetingId>, StoreError> {
        self.inner.open_meeting(c, k)
    }
    fn open_meetings(&self) -> Result<Vec<OpenMeeting>, StoreError> {
        self.inner.open_meetings()
    }
    fn meetings(&self) -> Result<Vec<MeetingRow>, StoreError> {
        self.inner.meetings()
    }
    fn meeting_counts(&self) -> Result<Vec<(MeetingKind, usize)>, StoreError> {
        self.inner.meeting_counts()
    }
    fn meeting_page(
        &self,
        look: Look,
        after: Option<Key>,
        limit: usize,
    ) -> Result<Page, StoreError> {
        self.inner.meeting_page(look, after, limit)
    }
    fn meeting_days(&self) -> Result<Option<(chrono::NaiveDate, chrono::NaiveDate)>, StoreError> {
        self.inner.meeting_days()
    }
    fn meeting(&self, id: MeetingId) -> Result<Option<MeetingRow>, StoreError> {
        self.inner.meeting(id)
    }
    fn keep_draft(&mut self, m: MeetingId, d: Option<&str>) -> Result<(), StoreError> {
        self.check()?;
        self.inner.keep_draft(m, d)
    }
    fn draft(&self, m: MeetingId) -> Result<Option<String>, StoreError> {
        self.inner.draft(m)
    }
}

impl OrganisationStore for Faulty {
    fn organisation_name(&self) -> Result<Option<String>, StoreError> {
        self.inner.organisation_name()
    }
    fn adopt(&mut self, file: &OrgFile, adopted: &Adopted) -> Result<(), StoreError> {
        self.check()?;
        self.inner.adopt(file, adopted)
    }
    fn keep_adoption(&mut self, draft: Option<&str>) -> Result<(), StoreError> {
        self.check()?;
        self.inner.keep_adoption(draft)
    }
    fn adoption_draft(&self) -> Result<Option<String>, StoreError> {
        self.inner.adoption_draft()
    }
    fn create_organisation(&mut self, name: &str, rules: RuleSet) -> Result<(), StoreError> {
        self.check()?;
        self.inner.create_organisation(name, rules)
    }
    fn load_organisation(&self) -> Result<Option<Organisation>, StoreError> {
        self.inner.load_organisation()
    }
    fn role_history(&self, role: RoleId) -> Result<Vec<RoleVersion>, StoreError> {
        self.inner.role_history(role)
    }
    fn reported(&self, roles: Option<&[RoleId]>) -> Result<Reported, StoreError> {
        self.inner.reported(roles)
    }
    fn roles_tracked_in(&self, meeting: MeetingId) -> Result<Vec<RoleId>, StoreError> {
        self.inner.roles_tracked_in(meeting)
    }
}

impl OrgLog for Faulty {
    fn append_org_entry(
        &mut self,
        after: u64,
        at: DateTime<Utc>,
        actor: Option<PersonId>,
        change: &OrgChange,
        effects: &[OrgEffect],
    ) -> Result<roundtable::store::Appended, StoreError> {
        self.check()?;
        self.inner
            .append_org_entry(after, at, actor, change, effects)
    }
    fn org_entries(&self) -> Result<Vec<OrgEntry>, StoreError> {
        self.inner.org_entries()
    }
}

impl ChangeFeed for Faulty {
    fn changed_elsewhere(&mut self) -> Result<bool, StoreError> {
        if self.blind.load(Ordering::SeqCst) {
            return Ok(false);
        }
        self.inner.changed_elsewhere()
    }
}

impl Backend for Faulty {
    fn location(&self) -> String {
        self.inner.location()
    }
    fn schema_version(&self) -> Result<u32, StoreError> {
        self.inner.schema_version()
    }
}

fn faulty_demo() -> (Harness, Arc<AtomicBool>) {
    let mut inner = Store::open_in_memory().expect("store");
    roundtable::app::setup::load_demo(&mut inner).expect("demo");
    let full = Arc::new(AtomicBool::new(false));
    let h = Harness::with_backend(Faulty {
        inner,
        full: full.clone(),
        blind: Arc::new(AtomicBool::new(false)),
    });
    (h, full)
}

#[test]
fn an_owner_taken_back_elsewhere_just_before_the_write_is_refused_in_plain_words() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.db");
    drop(Harness::demo_file(&path));
    let blind = Arc::new(AtomicBool::new(false));
    let mut h = Harness::with_backend(Faulty {
        inner: Store::open(&path).expect("opens"),
        full: Arc::new(AtomicBool::new(false)),
        blind: blind.clone(),
    });
    elsewhere::owner_being_asked(&mut h, "Project", "Rye range tasted");
    let adoption = elsewhere::sommelier_adopted(&path);
    h.wait(1);
    elsewhere::select(&mut h, "Bread Sommelier — (unfilled)");
    // The adoption is taken back after this program last looked: the store alone knows.
    blind.store(true, Ordering::SeqCst);
    elsewhere::taken_back(&path, adoption);
    h.press(Enter);
    let status = h.status().unwrap_or_default();
    assert_eq!(
        status,
        "Not saved: the role chosen was removed in another program meanwhile. \
         What you entered is still here: try again."
    );
    assert!(!h.screen(100, 40).contains("database error"));
    let recorded = elsewhere::rows(&path, "projects", "title", "Rye range tasted");
    assert_eq!(recorded, 0, "nothing is recorded");
    blind.store(false, Ordering::SeqCst);
    h.wait(1);
    let screen = h.screen(100, 40);
    assert!(
        screen.contains("Who owns this project?") && !screen.contains("Bread Sommelier"),
        "the picker is still open, offering what stands, at the next tick:\n{screen}"
    );
}

#[test]
fn a_full_disk_keeps_the_note_in_its_field_and_loses_nothing_recorded_before() {
    let (mut h, full) = faulty_demo();
    h.start_tactical(1, &[]);
    h.press(Enter).enter_text("First note").press(Right);
    full.store(true, Ordering::SeqCst);
    h.press(Enter).type_str("Second note").press(Enter);
    let status = h.status().unwrap_or_default();
    assert!(
        status.starts_with("Not saved: database error: database or disk is full"),
        "one line says what happened: {status}"
    );
    assert!(!status.contains('\n'));
    assert_eq!(
        h.prompt_value().as_deref(),
        Some("Second note"),
        "the typing is kept"
    );
    // Moving on is refused too, and says so, without losing the note's field.
    h.draw(80, 24);
    full.store(false, Ordering::SeqCst);
    h.press(Enter);
    let notes: Vec<_> = h
        .meeting()
        .state
        .rounds
        .notes
        .iter()
        .map(|n| n.text.clone())
        .collect();
    assert_eq!(
        notes,
        ["First note", "Second note"],
        "both are recorded, once each"
    );
}

#[test]
fn a_full_disk_during_a_checklist_answer_records_nothing_and_says_why() {
    let (mut h, full) = faulty_demo();
    h.start_tactical(1, &[]).press(Char('>'));
    full.store(true, Ordering::SeqCst);
    h.press(Char('c'));
    assert!(
        h.meeting().state.answers.is_empty(),
        "nothing shown as kept"
    );
    assert!(
        h.status()
            .is_some_and(|s| s.contains("disk is full") && s.contains("try again")),
        "{:?}",
        h.status()
    );
    full.store(false, Ordering::SeqCst);
    h.press(Char('c'));
    assert_eq!(
        h.meeting().state.answers.len(),
        1,
        "pressing again answers it"
    );
}
