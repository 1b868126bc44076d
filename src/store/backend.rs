//! The store as the rest of the program reaches it: interfaces that a second backend (a
//! shared PostgreSQL database, say) implements as the embedded SQLite `Store` does. No type of
//! a database library appears in them; events travel as JSON text, read and written by the
//! typed helpers of `Logs`.
//!
//! Owns: `MeetingLog` (meetings and reviews as append-only logs, with expected-sequence
//! appends), `OrganisationStore` (the organisation and its governance record), `ChangeFeed`
//! (whether another program wrote), `OrgLog` (the organisation's own log of changes between
//! meetings), `Backend` (all four), and `Logs`.
//! Must not import: rusqlite, ratatui, crossterm, tokio.

use super::{Appended, MeetingRow, OpenMeeting, RoleVersion, StoreError};
use crate::domain::meeting::flow::Recorded;
use crate::domain::meeting::{Effect, MeetingKind};
use crate::domain::meeting_list::{Key, Look, Page};
use crate::domain::org_log::{OrgChange, OrgEffect, OrgEntry};
use crate::domain::{
    CircleId, MeetingId, OrgFile, Organisation, PersonId, Reported, RoleId, RuleSet,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Whose log a new one is: a circle's meeting, or a person's solo review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogOwner {
    /// A meeting of this kind of the circle.
    Circle(CircleId, MeetingKind),
    /// A solo role review by the person.
    Person(PersonId),
    /// A person's own work between meetings: one log that never ends.
    Work(PersonId),
}

/// Meetings and reviews as append-only logs of JSON events, each written with its effects on
/// the organisation in one transaction.
pub trait MeetingLog {
    /// Creates a log for `owner` whose first entry (sequence 1) is `first`.
    fn start_log(
        &mut self,
        owner: LogOwner,
        at: DateTime<Utc>,
        first: &str,
    ) -> Result<MeetingId, StoreError>;
    /// Appends `payload` as entry `after + 1` and runs its effects, all in one transaction,
    /// which also forgets the meeting's kept draft (the entry completes it). `after` is the
    /// last entry the decision saw: if the log has grown past it, nothing is written and the
    /// answer is `StoreError::Conflict`.
    fn append_payload(
        &mut self,
        meeting: MeetingId,
        after: u64,
        at: DateTime<Utc>,
        payload: &str,
        effects: &[Effect],
    ) -> Result<Appended, StoreError>;
    /// The entries after sequence number `after`, in order, as JSON text.
    fn payloads_after(
        &self,
        meeting: MeetingId,
        after: u64,
    ) -> Result<Vec<Recorded<String>>, StoreError>;
    /// The sequence number of the newest entry (0 for none).
    fn last_seq(&self, meeting: MeetingId) -> Result<u64, StoreError>;
    /// Names who makes the entries this store writes from now on (the program's `--as NAME`):
    /// recorded with each entry. `None`: nobody named.
    fn set_actor(&mut self, actor: Option<&str>);
    /// Whether an entry of `payload` whose write lost its answer (the connection dropped at
    /// COMMIT) was made after all: its sequence number if so, so that the key pressed again
    /// shows it instead of writing it twice. A store whose commits always answer has none.
    fn made_unanswered(
        &mut self,
        _meeting: MeetingId,
        _payload: &str,
    ) -> Result<Option<u64>, StoreError> {
        Ok(None)
    }
    /// Who made each entry after sequence number `after`, in order (`None` where the program
    /// that wrote it named nobody).
    fn actors_after(
        &self,
        meeting: MeetingId,
        after: u64,
    ) -> Result<Vec<Option<String>>, StoreError>;
    /// The person's unfinished solo review, if there is one.
    fn open_review(&self, person: PersonId) -> Result<Option<MeetingId>, StoreError>;
    /// The person's work log ("My work"), if it was ever started.
    fn open_work(&self, person: PersonId) -> Result<Option<MeetingId>, StoreError>;
    /// The unfinished meeting of this kind for a circle, if there is one.
    fn open_meeting(
        &self,
        circle: CircleId,
        kind: MeetingKind,
    ) -> Result<Option<MeetingId>, StoreError>;
    /// Every unfinished meeting, oldest first.
    fn open_meetings(&self) -> Result<Vec<OpenMeeting>, StoreError>;
    /// Every meeting, newest first.
    fn meetings(&self) -> Result<Vec<MeetingRow>, StoreError>;
    /// How many meetings circles held, per kind this version knows: kept by the store as
    /// meetings start, so it is read without counting them.
    fn meeting_counts(&self) -> Result<Vec<(MeetingKind, usize)>, StoreError>;
    /// A page of up to `limit` of `look`'s meetings, newest first (as `meetings` orders
    /// them), below `after` when given, read by index: the list of past meetings reads what
    /// it shows.
    fn meeting_page(
        &self,
        look: Look,
        after: Option<Key>,
        limit: usize,
    ) -> Result<Page, StoreError>;
    /// The first and the last day (UTC) a circle's meeting started on, if one did.
    fn meeting_days(&self) -> Result<Option<(NaiveDate, NaiveDate)>, StoreError>;
    /// One meeting.
    fn meeting(&self, id: MeetingId) -> Result<Option<MeetingRow>, StoreError>;
    /// Keeps (or, with `None`, forgets) the entry being put together on the meeting's screen.
    fn keep_draft(&mut self, meeting: MeetingId, draft: Option<&str>) -> Result<(), StoreError>;
    /// The entry being put together when the meeting's program last kept one.
    fn draft(&self, meeting: MeetingId) -> Result<Option<String>, StoreError>;
}

/// The organisation: its records, loading and the governance record.
pub trait OrganisationStore {
    /// The organisation's name, if the store holds one.
    fn organisation_name(&self) -> Result<Option<String>, StoreError>;
    /// Loads a whole organisation file into an empty store and records it as the adoption
    /// it is (naming the file's ratifiers), in one transaction.
    fn adopt(&mut self, file: &OrgFile, adopted: &super::Adopted) -> Result<(), StoreError>;
    /// Loads a whole organisation file into an empty store, adopted now.
    fn import(&mut self, file: &OrgFile) -> Result<(), StoreError> {
        self.adopt(file, &super::Adopted::at(Utc::now()))
    }
    /// Starts a new organisation with just its anchor circle and that circle's core roles:
    /// the adoption of a draft holding nothing but the name, the same on every backend.
    fn create_organisation(&mut self, name: &str, rules: RuleSet) -> Result<(), StoreError> {
        let mut adoption = crate::domain::adoption::Adoption::new(rules);
        adoption
            .set_name(name)
            .map_err(|_| StoreError::Invalid("the organisation needs a name".into()))?;
        let file = adoption
            .file()
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        self.import(&file)
    }
    /// Keeps (or, with `None`, forgets) the adoption being put together on the welcome
    /// screens.
    fn keep_adoption(&mut self, draft: Option<&str>) -> Result<(), StoreError>;
    /// The adoption being put together when the program last kept one.
    fn adoption_draft(&self) -> Result<Option<String>, StoreError>;
    /// The organisation as it stands, or `None` when the store holds none yet: without what
    /// roles reported (metric values, checklist answers) and track (projects, next actions),
    /// which `reported` reads by role.
    fn load_organisation(&self) -> Result<Option<Organisation>, StoreError>;
    /// A role's versions, oldest first.
    fn role_history(&self, role: RoleId) -> Result<Vec<RoleVersion>, StoreError>;
    /// Every metric value and checklist answer of the roles' metrics and checklist items
    /// (ended ones too), each metric's and item's in period order; `None`: of every role.
    fn reported(&self, roles: Option<&[RoleId]>) -> Result<Reported, StoreError>;
    /// The roles whose projects meeting `meeting`'s entries updated or asked (or stopped
    /// asking) for updates on, each once: what its minutes name besides its circle's roles,
    /// whose projects `reported` reads (a role moved or removed since among them).
    fn roles_tracked_in(&self, meeting: MeetingId) -> Result<Vec<RoleId>, StoreError>;
    /// The organisation with every role's reports held: for what shows the whole record
    /// (an export, the generator).
    fn load_whole_organisation(&self) -> Result<Option<Organisation>, StoreError> {
        let Some(mut org) = self.load_organisation()? else {
            return Ok(None);
        };
        org.hold_every_report(self.reported(None)?);
        Ok(Some(org))
    }
}

/// The organisation's own log: changes made between meetings, each written with its effects
/// in one transaction.
pub trait OrgLog {
    /// Appends `change` as entry `after + 1`, made by `actor`, and runs its effects, all in
    /// one transaction. If the log has grown past `after`, nothing is written and the answer
    /// is `StoreError::Conflict`. Answers the new entry's sequence number and, per effect,
    /// the id of the row it created (a person, an assignment, a checklist item, a metric).
    fn append_org_entry(
        &mut self,
        after: u64,
        at: DateTime<Utc>,
        actor: Option<PersonId>,
        change: &OrgChange,
        effects: &[OrgEffect],
    ) -> Result<Appended, StoreError>;
    /// Every entry, oldest first.
    fn org_entries(&self) -> Result<Vec<OrgEntry>, StoreError>;
    /// `MeetingLog::made_unanswered` for the organisation's log.
    fn org_made_unanswered(
        &mut self,
        _change: &OrgChange,
        _actor: Option<PersonId>,
    ) -> Result<Option<u64>, StoreError> {
        Ok(None)
    }
}

/// Whether other programs wrote to the store.
pub trait ChangeFeed {
    /// Whether another program committed anything since the last call; the first call
    /// answers `false` and starts watching.
    fn changed_elsewhere(&mut self) -> Result<bool, StoreError>;
}

/// Everything the program needs of a store.
pub trait Backend: MeetingLog + OrganisationStore + ChangeFeed + OrgLog {
    /// Where the data lives, in words, for the screen (a file's path).
    fn location(&self) -> String;
    /// The schema version the store is at.
    fn schema_version(&self) -> Result<u32, StoreError>;
    /// Why the store cannot be reached now, in a few words, while it cannot (a database
    /// server stopped, restarting or behind a network that is down): nothing can be read or
    /// written until it is back, and the store keeps trying. A file is always there.
    fn outage(&self) -> Option<String> {
        None
    }
    /// How long the next writes wait for another program's write before answering `Busy`:
    /// `BUSY_WAIT` normally, shorter while an entry is tried again by itself, so the screen
    /// answers keys between tries. A store without such a wait ignores it.
    fn set_busy_wait(&mut self, wait: std::time::Duration) {
        let _ = wait;
    }
    /// Waits for checks of the store begun when it was opened and still running beside the
    /// first reads (a file's structure: `store::open::Checking`), running them here if they
    /// were not started, and answers what they found. Writes wait for them by themselves;
    /// the app asks before it goes on from what it read.
    fn settle_checks(&mut self) -> Result<(), StoreError> {
        Ok(())
    }
    /// Starts the checks of the store begun when it was opened (`settle_checks`) on a
    /// thread of their own, when they wait to run. A store without such checks ignores it.
    fn start_checks(&mut self) {}
    /// The organisation in two stages, for a full-screen start: what home's first screen
    /// shows of it (`circles` circles in home's order, see `Staged`), and the whole of it
    /// to read behind that screen. `None` for a store that reads it only whole: the caller
    /// loads it (`load_organisation`).
    fn load_staged(&self, circles: usize) -> Result<Option<Staged>, StoreError> {
        let _ = circles;
        Ok(None)
    }
}

/// The organisation read in two stages (`Backend::load_staged`).
pub struct Staged {
    /// What home's first screen shows: every circle; for the first circles in home's order,
    /// their roles, the people filling them and their open tensions; every breakdown. `None`
    /// when the store holds no organisation yet. Only home's first screen is drawn from it.
    pub first: Option<Organisation>,
    /// Reads the whole organisation on a connection of its own: run on another thread.
    pub rest: Box<dyn FnOnce() -> Result<Option<Organisation>, StoreError> + Send>,
}

impl std::fmt::Debug for Staged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Staged")
            .field("first", &self.first.is_some())
            .finish_non_exhaustive()
    }
}

fn to_json<E: Serialize>(event: &E) -> Result<String, StoreError> {
    serde_json::to_string(event)
        .map_err(|e| StoreError::Invalid(format!("event not serialisable: {e}")))
}

/// Typed events over any `MeetingLog`: each meeting kind's events to and from JSON.
pub trait Logs: MeetingLog {
    /// Creates a circle's meeting whose log starts with `first`.
    fn start_meeting<E: Serialize>(
        &mut self,
        circle: CircleId,
        kind: MeetingKind,
        at: DateTime<Utc>,
        first: &E,
    ) -> Result<MeetingId, StoreError> {
        self.start_log(LogOwner::Circle(circle, kind), at, &to_json(first)?)
    }

    /// Starts a person's solo review whose log starts with `first`.
    fn start_review<E: Serialize>(
        &mut self,
        person: PersonId,
        at: DateTime<Utc>,
        first: &E,
    ) -> Result<MeetingId, StoreError> {
        self.start_log(LogOwner::Person(person), at, &to_json(first)?)
    }

    /// Starts a person's work log ("My work") whose first entry is `first`.
    fn start_work<E: Serialize>(
        &mut self,
        person: PersonId,
        at: DateTime<Utc>,
        first: &E,
    ) -> Result<MeetingId, StoreError> {
        self.start_log(LogOwner::Work(person), at, &to_json(first)?)
    }

    /// Appends an event decided on entry `after`, with its effects (see `append_payload`).
    fn append_entry<E: Serialize>(
        &mut self,
        meeting: MeetingId,
        after: u64,
        at: DateTime<Utc>,
        event: &E,
        effects: &[Effect],
    ) -> Result<Appended, StoreError> {
        self.append_payload(meeting, after, at, &to_json(event)?, effects)
    }

    /// `made_unanswered` for an event.
    fn made_unanswered_entry<E: Serialize>(
        &mut self,
        meeting: MeetingId,
        event: &E,
    ) -> Result<Option<u64>, StoreError> {
        self.made_unanswered(meeting, &to_json(event)?)
    }

    /// `append_entry`, answering only the new entry's sequence number.
    fn append_event<E: Serialize>(
        &mut self,
        meeting: MeetingId,
        after: u64,
        at: DateTime<Utc>,
        event: &E,
        effects: &[Effect],
    ) -> Result<u64, StoreError> {
        self.append_entry(meeting, after, at, event, effects)
            .map(|a| a.seq)
    }

    /// A whole log, each entry read as `E`.
    fn meeting_events<E: DeserializeOwned>(
        &self,
        meeting: MeetingId,
    ) -> Result<Vec<Recorded<E>>, StoreError> {
        self.meeting_events_after(meeting, 0)
    }

    /// The entries after `after`, each read as `E`; one that does not read is an error naming
    /// the meeting and the entry.
    fn meeting_events_after<E: DeserializeOwned>(
        &self,
        meeting: MeetingId,
        after: u64,
    ) -> Result<Vec<Recorded<E>>, StoreError> {
        self.payloads_after(meeting, after)?
            .into_iter()
            .map(|r| {
                let event = serde_json::from_str(&r.event).map_err(|e| {
                    StoreError::Invalid(format!(
                        "meeting {} event {} cannot be read: {e}",
                        meeting.0, r.seq
                    ))
                })?;
                Ok(Recorded {
                    seq: r.seq,
                    at: r.at,
                    event,
                })
            })
            .collect()
    }
}

impl<T: MeetingLog + ?Sized> Logs for T {}

/// One row of a work log as both stores read it: the log's id, whose it is, and the entry.
pub(super) type WorkRow = (i64, PersonId, Recorded<String>);

/// The own-work entries of `rows` (entries of work logs, each with its taking back if it was
/// taken back, in log and entry order), as both stores read them in one query.
pub(super) fn work_notes(rows: Vec<WorkRow>) -> Vec<crate::domain::work::WorkNote> {
    use crate::domain::work::WorkEvent;
    type Log = (i64, PersonId, Option<Vec<Recorded<WorkEvent>>>);
    let mut logs: Vec<Log> = Vec::new();
    for (log, person, r) in rows {
        if logs.last().is_none_or(|(id, _, _)| *id != log) {
            logs.push((log, person, Some(Vec::new())));
        }
        let Some((_, _, Some(entries))) = logs.last_mut() else {
            continue;
        };
        match serde_json::from_str::<WorkEvent>(&r.event) {
            Ok(event) => entries.push(Recorded {
                seq: r.seq,
                at: r.at,
                event,
            }),
            // A log with an entry that does not read is left out of the histories rather
            // than stop the organisation loading (its own screen says what is wrong).
            Err(e) => {
                tracing::warn!("work log {log} entry {} cannot be read: {e}", r.seq);
                logs.last_mut().map(|(_, _, l)| l.take());
            }
        }
    }
    let logs = logs.into_iter().filter_map(|(_, p, l)| Some((p, l?)));
    crate::domain::work::notes::notes(logs.collect())
}
