//! The PostgreSQL store: `PgStore` implements `Backend` as the SQLite `Store` does, for many
//! programs on one shared database (`--db postgres://user@host:port/dbname`).
//!
//! The interfaces are synchronous and the program calls them from inside its own tokio
//! runtime, so the store never blocks on a runtime there: a thread of its own owns a runtime
//! and the connection, and each call sends it a request and waits for the answer. Appends
//! lock their meeting's row (`SELECT … FOR UPDATE`) before the expected-sequence check, so
//! two programs appending to one meeting at once get one entry and one `Conflict`. Every
//! write NOTIFYs at commit; `changed_elsewhere` says whether another connection's did.
//! Owns: `PgStore` and its thread. The only user of tokio-postgres, with `tokio` for its own
//! runtime. Must not import: ratatui, crossterm, rusqlite, `crate::app`, `crate::ui`.

mod doubt;
mod link;
mod pgpass;
mod queries;
mod schema;
mod session;
mod target;
mod tls;
mod transfer;
mod types;

pub use target::{Target, is_postgres_address};

use super::backend::{Backend, ChangeFeed, LogOwner, MeetingLog, OrgLog, OrganisationStore};
use super::sql::{Sql, Value};
use super::{
    Adopted, Appended, MeetingRow, OpenMeeting, RoleVersion, StoreError, adoption, effects, org_log,
};
use crate::domain::meeting::flow::Recorded;
use crate::domain::meeting::{Effect, MeetingKind};
use crate::domain::meeting_list::{Key, Look, Page};
use crate::domain::org_log::{OrgChange, OrgEffect, OrgEntry};
use crate::domain::{CircleId, MeetingId, OrgFile, Organisation, PersonId, Reported, RoleId};
use chrono::{DateTime, NaiveDate, Utc};
use link::Job;
use session::Outage;
use session::Session;
use std::sync::mpsc;
use std::thread::JoinHandle;
use tokio::sync::mpsc::UnboundedSender;

/// A Roundtable database on a PostgreSQL server.
pub struct PgStore {
    jobs: Option<UnboundedSender<Job>>,
    thread: Option<JoinHandle<()>>,
    shown: String,
    /// Why the server cannot be reached, while it cannot.
    outage: Outage,
    /// Whether `changed_elsewhere` was asked before (the first call only starts watching).
    watching: bool,
    /// Who makes the entries written from now on (see `MeetingLog::set_actor`).
    actor: Option<String>,
    /// Entries whose commit's answer was lost (see `doubt`).
    doubts: doubt::Doubts,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("at", &self.shown)
            .finish_non_exhaustive()
    }
}

/// The store's thread is gone (it ended after a panic): nothing can be answered.
fn gone() -> StoreError {
    StoreError::Invalid("the PostgreSQL connection's thread has ended".into())
}

/// Said before a database of an older schema is brought up to date (`open_announcing`): the
/// version found, and the one it is brought to.
pub type Announce = Box<dyn FnOnce(u32, u32) + Send>;

impl PgStore {
    /// Connects to the database at a `postgres://` address, refuses a database that is not
    /// Roundtable's or is newer (touching nothing), and migrates it to the latest schema.
    pub fn open(address: &str) -> Result<PgStore, StoreError> {
        PgStore::open_target(Target::parse(address)?)
    }

    /// `open`, for an address already read.
    pub fn open_target(target: Target) -> Result<PgStore, StoreError> {
        PgStore::open_announcing(target, Box::new(|_, _| {}))
    }

    /// `open_target`, calling `announce` (with the version found and the latest) before it
    /// brings a database of an older schema up to date: on a large organisation that takes a
    /// while before anything else can be shown.
    pub fn open_announcing(target: Target, announce: Announce) -> Result<PgStore, StoreError> {
        let shown = target.shown().to_string();
        let (jobs, queue) = tokio::sync::mpsc::unbounded_channel::<Job>();
        let (ready, opened) = mpsc::sync_channel(1);
        let outage = Outage::default();
        let shared = outage.clone();
        let thread = std::thread::Builder::new()
            .name("roundtable-postgres".into())
            .spawn(move || {
                let session = Session::open(target, shared).and_then(|s| {
                    schema::prepare(&s, announce)?;
                    Ok(s)
                });
                match session {
                    Ok(session) => {
                        let _ = ready.send(Ok(()));
                        link::serve(session, queue);
                    }
                    Err(e) => {
                        let _ = ready.send(Err(e));
                    }
                }
            })
            .map_err(|e| StoreError::Invalid(format!("cannot start the PostgreSQL thread: {e}")))?;
        opened.recv().map_err(|_| gone())??;
        tracing::info!("opened {shown}");
        Ok(PgStore {
            jobs: Some(jobs),
            thread: Some(thread),
            shown,
            outage,
            watching: false,
            actor: None,
            doubts: doubt::Doubts::default(),
        })
    }

    /// Runs `work` on the store's thread and waits for its answer. Any message that could
    /// hold the password has it replaced.
    fn call<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Session) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let (answer, answered) = mpsc::sync_channel(1);
        let jobs = self.jobs.as_ref().ok_or_else(gone)?;
        jobs.send(Box::new(
            move |s: &mut Session, unreachable: Option<StoreError>| {
                let result = match unreachable {
                    Some(e) => Err(e),
                    None => work(s).map_err(|e| match e {
                        StoreError::Sql { message, code } => StoreError::Sql {
                            message: s.target.scrub(message),
                            code,
                        },
                        other => other,
                    }),
                };
                let _ = answer.send(result);
            },
        ))
        .map_err(|_| gone())?;
        answered.recv().map_err(|_| gone())?
    }
}

impl PgStore {
    /// Whether a write of `payload` to `log` by `actor` whose answer was lost was made: its
    /// entry's sequence number if so. Asks the server only when such a write is remembered;
    /// either answer settles it.
    fn settle(
        &mut self,
        log: doubt::Log,
        payload: &str,
        actor: Option<String>,
    ) -> Result<Option<u64>, StoreError> {
        let Some(seq) = self.doubts.seq_of(log, payload, actor.as_deref()) else {
            return Ok(None);
        };
        let written = payload.to_string();
        let made =
            self.call(move |s| doubt::made(&s.read(), log, seq, &written, actor.as_deref()))?;
        self.doubts.settle(log);
        Ok(made.then_some(seq))
    }
}

impl Drop for PgStore {
    /// Ends the thread and with it the connection, and waits for both.
    fn drop(&mut self) {
        self.jobs.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl MeetingLog for PgStore {
    fn start_log(
        &mut self,
        owner: LogOwner,
        at: DateTime<Utc>,
        first: &str,
    ) -> Result<MeetingId, StoreError> {
        let log = doubt::Log::Start(owner);
        let actor = self.actor.clone();
        if let Some(lost) = self.doubts.start_of(owner, actor.as_deref()) {
            // A start whose answer was lost: the log it made, if it made one.
            let (lost, actor) = (lost.to_string(), actor.clone());
            let made =
                self.call(move |s| doubt::started(&s.read(), owner, &lost, actor.as_deref()))?;
            self.doubts.settle(log);
            if let Some(meeting) = made {
                return Ok(meeting);
            }
        }
        let written = first.to_string();
        let result = self.call(move |s| {
            s.write(|sql| effects::start_log(sql, owner, at, &written, actor.as_deref()))
        });
        self.doubts
            .answered(&result, log, 1, first, self.actor.as_deref());
        result
    }

    fn append_payload(
        &mut self,
        meeting: MeetingId,
        after: u64,
        at: DateTime<Utc>,
        payload: &str,
        effects: &[Effect],
    ) -> Result<Appended, StoreError> {
        let (written, effects) = (payload.to_string(), effects.to_vec());
        let actor = self.actor.clone();
        let (log, seq) = (doubt::Log::Meeting(meeting), after + 1);
        let result = self.call(move |s| {
            s.write(|sql| {
                // Held to commit: another append to this meeting waits here, then sees ours.
                let locked = sql.ints(
                    "SELECT id FROM meetings WHERE id = ?1 FOR UPDATE",
                    &[Value::int(meeting.0)],
                )?;
                if locked.is_empty() {
                    return Err(StoreError::Invalid(format!("no meeting {}", meeting.0)));
                }
                effects::append(
                    sql,
                    meeting,
                    after,
                    at,
                    &written,
                    &effects,
                    actor.as_deref(),
                )
            })
        });
        let actor = self.actor.as_deref();
        self.doubts.answered(&result, log, seq, payload, actor);
        result
    }

    fn payloads_after(
        &self,
        meeting: MeetingId,
        after: u64,
    ) -> Result<Vec<Recorded<String>>, StoreError> {
        self.call(move |s| s.payloads_after(meeting, after))
    }

    fn last_seq(&self, meeting: MeetingId) -> Result<u64, StoreError> {
        self.call(move |s| effects::last_seq(&s.read(), meeting))
    }

    fn set_actor(&mut self, actor: Option<&str>) {
        self.actor = actor.map(str::to_string);
    }

    fn made_unanswered(
        &mut self,
        meeting: MeetingId,
        payload: &str,
    ) -> Result<Option<u64>, StoreError> {
        let actor = self.actor.clone();
        self.settle(doubt::Log::Meeting(meeting), payload, actor)
    }

    fn actors_after(
        &self,
        meeting: MeetingId,
        after: u64,
    ) -> Result<Vec<Option<String>>, StoreError> {
        self.call(move |s| s.actors_after(meeting, after))
    }

    fn open_review(&self, person: PersonId) -> Result<Option<MeetingId>, StoreError> {
        self.call(move |s| s.open_review(person))
    }

    fn open_work(&self, person: PersonId) -> Result<Option<MeetingId>, StoreError> {
        self.call(move |s| s.open_work(person))
    }

    fn open_meeting(
        &self,
        circle: CircleId,
        kind: MeetingKind,
    ) -> Result<Option<MeetingId>, StoreError> {
        self.call(move |s| s.open_meeting(circle, kind))
    }

    fn open_meetings(&self) -> Result<Vec<OpenMeeting>, StoreError> {
        self.call(|s| s.open_meetings())
    }

    fn meetings(&self) -> Result<Vec<MeetingRow>, StoreError> {
        self.call(|s| {
            s.meeting_rows(
                "WHERE circle_id IS NOT NULL ORDER BY started_at DESC, id DESC",
                None,
            )
        })
    }

    fn meeting_counts(&self) -> Result<Vec<(MeetingKind, usize)>, StoreError> {
        self.call(|s| s.meeting_counts())
    }

    fn meeting_page(
        &self,
        look: Look,
        after: Option<Key>,
        limit: usize,
    ) -> Result<Page, StoreError> {
        self.call(move |s| s.meeting_page(look, after, limit))
    }

    fn meeting_days(&self) -> Result<Option<(NaiveDate, NaiveDate)>, StoreError> {
        self.call(|s| s.meeting_days())
    }

    fn meeting(&self, id: MeetingId) -> Result<Option<MeetingRow>, StoreError> {
        self.call(move |s| {
            let rows = s.meeting_rows("WHERE id = $1 AND circle_id IS NOT NULL", Some(id.0))?;
            Ok(rows.into_iter().next())
        })
    }

    fn keep_draft(&mut self, meeting: MeetingId, draft: Option<&str>) -> Result<(), StoreError> {
        let draft = draft.map(str::to_string);
        self.call(move |s| {
            s.write(|sql| {
                match &draft {
                    Some(text) => sql.run(
                        "INSERT INTO drafts (meeting_id, payload) VALUES (?1, ?2)
                         ON CONFLICT (meeting_id) DO UPDATE SET payload = excluded.payload",
                        &[Value::int(meeting.0), Value::text(text)],
                    )?,
                    None => sql.run(
                        "DELETE FROM drafts WHERE meeting_id = ?1",
                        &[Value::int(meeting.0)],
                    )?,
                };
                Ok(())
            })
        })
    }

    fn draft(&self, meeting: MeetingId) -> Result<Option<String>, StoreError> {
        self.call(move |s| s.draft(meeting))
    }
}

impl OrganisationStore for PgStore {
    fn organisation_name(&self) -> Result<Option<String>, StoreError> {
        self.call(|s| s.organisation_name())
    }

    fn adopt(&mut self, file: &OrgFile, adopted: &Adopted) -> Result<(), StoreError> {
        let file = file.clone();
        let adopted = adopted.clone();
        self.call(move |s| {
            s.write(|sql| {
                // One import at a time: the second finds the first's organisation.
                sql.run("LOCK TABLE organisation IN EXCLUSIVE MODE", &[])?;
                adoption::adopt(sql, &file, &adopted)
            })
        })
    }

    fn keep_adoption(&mut self, draft: Option<&str>) -> Result<(), StoreError> {
        let draft = draft.map(str::to_string);
        self.call(move |s| s.write(|sql| adoption::keep(sql, draft.as_deref())))
    }

    fn adoption_draft(&self) -> Result<Option<String>, StoreError> {
        self.call(|s| adoption::draft(&s.read()))
    }

    fn load_organisation(&self) -> Result<Option<Organisation>, StoreError> {
        // Its twenty-odd queries in one round trip or two (start-up waits on them).
        self.call(|s| s.snapshot(|s| s.together(Session::load_organisation)))
    }

    fn role_history(&self, role: RoleId) -> Result<Vec<RoleVersion>, StoreError> {
        self.call(move |s| s.role_history(role))
    }

    fn roles_tracked_in(&self, meeting: MeetingId) -> Result<Vec<RoleId>, StoreError> {
        self.call(move |s| s.roles_tracked_in(meeting))
    }

    fn reported(&self, roles: Option<&[RoleId]>) -> Result<Reported, StoreError> {
        let roles = roles.map(<[RoleId]>::to_vec);
        self.call(move |s| s.reported(roles.as_deref()))
    }
}

impl OrgLog for PgStore {
    fn append_org_entry(
        &mut self,
        after: u64,
        at: DateTime<Utc>,
        actor: Option<PersonId>,
        change: &OrgChange,
        effects: &[OrgEffect],
    ) -> Result<Appended, StoreError> {
        let payload = serde_json::to_string(change)
            .map_err(|e| StoreError::Invalid(format!("entry not serialisable: {e}")))?;
        let by = actor.map(|p| p.0.to_string());
        let (log, seq) = (doubt::Log::Organisation, after + 1);
        let (change, effects) = (change.clone(), effects.to_vec());
        let result = self.call(move |s| {
            s.write(|sql| {
                // One entry at a time: the log's newest sequence is read under this lock.
                sql.run("LOCK TABLE org_log IN EXCLUSIVE MODE", &[])?;
                org_log::append(sql, after, at, actor, &change, &effects)
            })
        });
        self.doubts
            .answered(&result, log, seq, &payload, by.as_deref());
        result
    }

    fn org_entries(&self) -> Result<Vec<OrgEntry>, StoreError> {
        self.call(|s| s.org_entries())
    }

    fn org_made_unanswered(
        &mut self,
        change: &OrgChange,
        actor: Option<PersonId>,
    ) -> Result<Option<u64>, StoreError> {
        let payload = serde_json::to_string(change)
            .map_err(|e| StoreError::Invalid(format!("entry not serialisable: {e}")))?;
        let by = actor.map(|p| p.0.to_string());
        self.settle(doubt::Log::Organisation, &payload, by)
    }
}

impl ChangeFeed for PgStore {
    fn changed_elsewhere(&mut self) -> Result<bool, StoreError> {
        let heard = self.call(|s| s.heard_others())?;
        let first = !self.watching;
        self.watching = true;
        Ok(heard && !first)
    }
}

impl Backend for PgStore {
    fn location(&self) -> String {
        self.shown.clone()
    }

    fn schema_version(&self) -> Result<u32, StoreError> {
        self.call(|s| schema::version(s))
    }

    fn outage(&self) -> Option<String> {
        self.outage.now()
    }
}

impl super::transfer::Transfer for PgStore {
    fn kinds(&self) -> Result<Option<super::transfer::Kinds>, StoreError> {
        self.call(|s| s.kinds()).map(Some)
    }

    fn dump(
        &self,
        kinds: &super::transfer::Kinds,
    ) -> Result<Vec<super::transfer::Table>, StoreError> {
        let kinds = kinds.clone();
        self.call(move |s| s.patiently(|s| s.dump(&kinds)))
    }

    fn load_dump(&mut self, tables: &[super::transfer::Table]) -> Result<(), StoreError> {
        let tables = tables.to_vec();
        self.call(move |s| s.patiently(|s| s.load_dump(&tables)))
    }
}
