//! Recording one generated meeting through the program's own path: each entry decided by
//! its meeting kind's `Flow` against the organisation, written with its effects by the store,
//! applied to the organisation in memory and to the meeting's state, as the screens do.
//!
//! Owns: `Log`, the entry budget of a meeting, and the counts of what was recorded.
//! Must not import: ratatui, crossterm, tokio.

use crate::domain::meeting::flow::{Flow, Recorded};
use crate::domain::org::{Applied, Source, Stamp};
use crate::domain::{MeetingId, Organisation};
use crate::store::prelude::*;
use crate::store::{LogOwner, Store, StoreError};
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

/// What the generated meetings recorded, for the report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub tactical: usize,
    pub governance: usize,
    pub reviews: usize,
    pub entries: usize,
    /// Of `entries`, those of people's own work ("My work") between meetings.
    pub work: usize,
    /// Entries the domain refused (none, unless the generator and the rules disagree).
    pub refused: usize,
}

/// One meeting being recorded.
pub struct Log<'a, F: Flow> {
    store: &'a mut Store,
    org: &'a mut Organisation,
    /// What was recorded so far (a session of own work counts its entries as such).
    pub(super) counts: &'a mut Counts,
    meeting: MeetingId,
    pub state: F,
    seq: u64,
    pub at: DateTime<Utc>,
    /// Entries still to record, the last of which ends the meeting.
    left: usize,
}

impl<'a, F> Log<'a, F>
where
    F: Flow<Event: Serialize>,
{
    /// Starts the meeting's log with `first`, with room for `budget` entries in all.
    #[allow(clippy::too_many_arguments)]
    pub fn start(
        store: &'a mut Store,
        org: &'a mut Organisation,
        counts: &'a mut Counts,
        owner: LogOwner,
        at: DateTime<Utc>,
        first: F::Event,
        budget: usize,
    ) -> Result<Option<Self>, StoreError> {
        let first = Recorded {
            seq: 1,
            at,
            event: first,
        };
        let Ok(state) = F::start(&first, org.rule_set()) else {
            counts.refused += 1;
            return Ok(None);
        };
        let json = serde_json::to_string(&first.event)
            .map_err(|e| StoreError::Invalid(format!("event not serialisable: {e}")))?;
        let meeting = store.start_log(owner, at, &json)?;
        counts.entries += 1;
        Ok(Some(Log {
            store,
            org,
            counts,
            meeting,
            state,
            seq: 1,
            at,
            left: budget.saturating_sub(1),
        }))
    }

    /// Goes on with a log that never ends (a person's own work): `meeting`'s, folded to
    /// `state`, last written at `seq`; its next entry no earlier than `at`, with room for
    /// `budget` more.
    pub fn resume(
        (store, org, counts): (&'a mut Store, &'a mut Organisation, &'a mut Counts),
        (meeting, state, seq): (MeetingId, F, u64),
        at: DateTime<Utc>,
        budget: usize,
    ) -> Self {
        Log {
            store,
            org,
            counts,
            meeting,
            state,
            seq,
            at,
            // `room` keeps one for an end this log never has.
            left: budget + 1,
        }
    }

    /// The log, its state and its last sequence number, to resume it later.
    pub fn into_parts(self) -> (MeetingId, F, u64) {
        (self.meeting, self.state, self.seq)
    }

    /// The organisation as it stands now.
    pub fn org(&self) -> &Organisation {
        self.org
    }

    /// Whether there is room for more than the entry that ends the meeting.
    pub fn room(&self) -> bool {
        self.left > 1
    }

    /// Records `event` if there is room for it (keeping one entry for the end); answers
    /// whether it was recorded.
    pub fn record(&mut self, event: F::Event) -> Result<bool, StoreError> {
        if !self.room() {
            return Ok(false);
        }
        self.write(event)
    }

    /// Records the event that ends the meeting.
    pub fn end(mut self, event: F::Event) -> Result<(), StoreError> {
        self.write(event).map(drop)
    }

    fn write(&mut self, event: F::Event) -> Result<bool, StoreError> {
        let Ok(effects) = self.state.decide(&event, self.org) else {
            self.counts.refused += 1;
            return Ok(false);
        };
        // A facilitator takes about a minute an entry.
        self.at += Duration::seconds(20 + i64::from((self.seq % 7) as u8) * 10);
        let appended =
            self.store
                .append_entry(self.meeting, self.seq, self.at, &event, &effects)?;
        let stamp = Stamp {
            source: Source {
                meeting: self.meeting,
                seq: appended.seq,
            },
            at: self.at,
            recorded_by: None,
            proposal: self.state.proposal_of(&event),
        };
        // As the program does: applied in memory, a taking back included (the entry it takes
        // back is among the last few); only what memory cannot take back reads it all again.
        let written: Vec<_> = effects.into_iter().zip(appended.created).collect();
        let reload = self.org.apply_entry(&stamp, &written) == Applied::Reload;
        if reload && let Some(fresh) = crate::app::reports::reload(&*self.store, self.org)? {
            *self.org = fresh;
        }
        self.seq = appended.seq;
        self.state.apply(&Recorded {
            seq: self.seq,
            at: self.at,
            event,
        });
        self.left = self.left.saturating_sub(1);
        self.counts.entries += 1;
        Ok(true)
    }
}
