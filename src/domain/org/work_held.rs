//! Everyone's own-work entries the organisation holds ("My work": actions, projects, tensions
//! between meetings), found by the role and the circle each is about and by the entry itself.
//! A role's history, a circle's tensions noted, noting an entry and holding a role's entries
//! then cost what those have, not what everyone's work held so far does (a decade of it).
//!
//! The held entries are in the order they came in (read with the organisation, read with a
//! role, noted since); each role's and circle's are kept oldest first, and `work_notes` gives
//! all of them so.
//!
//! Owns: `WorkIndex`, adding held entries. Must not import: rusqlite, ratatui, crossterm,
//! tokio, std::fs, or the clock.

use super::{Groups, Organisation};
use crate::domain::ids::{CircleId, PersonId, RoleId};
use crate::domain::work::WorkNote;
use crate::domain::work::notes::about;
use chrono::{DateTime, Utc};
use std::collections::{HashMap, HashSet};

/// Where the held own-work entries are: by entry (person and sequence number), by the role
/// each is about and by the circle of a tension each noted or dropped (`notes::about`).
#[derive(Debug, Clone, Default)]
pub(super) struct WorkIndex {
    at: HashMap<(PersonId, u64), usize>,
    of_role: Groups<RoleId>,
    of_circle: Groups<CircleId>,
}

/// The order of the entries: when, then whose, then which.
fn order(n: &WorkNote) -> (DateTime<Utc>, PersonId, u64) {
    (n.at, n.person, n.seq)
}

/// Puts position `i` of `work` into `group` where its order puts it.
fn insert_ordered(group: &mut Vec<usize>, work: &[WorkNote], i: usize) {
    let Some(note) = work.get(i) else {
        return;
    };
    let after = group.partition_point(|&j| work.get(j).is_some_and(|n| order(n) <= order(note)));
    group.insert(after, i);
}

impl Organisation {
    /// Indexes the held entries from position `from` on, each by what it is about in this
    /// organisation (an action marked done by its action's role, and so on).
    pub(super) fn index_work(&mut self, from: usize) {
        let about: Vec<_> = (self.records.work.iter().enumerate().skip(from))
            .map(|(i, n)| (i, n.person, n.seq, about(&n.entry, self)))
            .collect();
        let (work, index) = (&self.records.work, &mut self.work_index);
        for (i, person, seq, (role, circle)) in about {
            index.at.insert((person, seq), i);
            if let Some(role) = role {
                insert_ordered(index.of_role.entry(role).or_default(), work, i);
            }
            if let Some(circle) = circle {
                insert_ordered(index.of_circle.entry(circle).or_default(), work, i);
            }
        }
    }

    /// The own-work entries about a role, oldest first.
    pub fn work_of(&self, role: RoleId) -> impl DoubleEndedIterator<Item = &WorkNote> {
        super::members(&self.records.work, &self.work_index.of_role, &role)
    }

    /// The entries of everyone's own work that noted or dropped a tension for a circle's
    /// meetings, oldest first.
    pub fn tension_work_in(&self, circle: CircleId) -> impl DoubleEndedIterator<Item = &WorkNote> {
        super::members(&self.records.work, &self.work_index.of_circle, &circle)
    }

    /// Every own-work entry held, oldest first.
    pub fn work_notes(&self) -> Vec<&WorkNote> {
        let mut all: Vec<&WorkNote> = self.records.work.iter().collect();
        all.sort_by_key(|n| order(n));
        all
    }

    /// Adds an entry of someone's own work the store has just written, or marks one taken
    /// back. (Once: a reload after other programs' entries may hold it already.)
    pub fn note_work(&mut self, note: WorkNote) {
        let held = self.work_index.at.get(&(note.person, note.seq)).copied();
        match held.and_then(|i| self.records.work.get_mut(i)) {
            Some(held) => held.taken_back = note.taken_back,
            None => {
                self.records.work.push(note);
                self.index_work(self.records.work.len() - 1);
            }
        }
    }

    /// Holds the own-work entries read with roles. Each takes the place of one held of the
    /// same entry: noted in memory before the read, it is indexed again with the role's
    /// records now held (rare: everything is indexed again then).
    pub(super) fn hold_work(&mut self, work: Vec<WorkNote>) {
        let index = &self.work_index.at;
        if work.iter().any(|n| index.contains_key(&(n.person, n.seq))) {
            let read: HashSet<(PersonId, u64)> = work.iter().map(|n| (n.person, n.seq)).collect();
            self.records
                .work
                .retain(|n| !read.contains(&(n.person, n.seq)));
            self.records.work.extend(work);
            self.work_index = WorkIndex::default();
            self.index_work(0);
        } else {
            let from = self.records.work.len();
            self.records.work.extend(work);
            self.index_work(from);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::org::OrgRecords;
    use crate::domain::work::WorkEntry;
    use chrono::TimeZone;

    const ANA: PersonId = PersonId(1);
    const BAKER: RoleId = RoleId(10);
    const OVEN: RoleId = RoleId(11);

    fn note(seq: u64, day: u32, entry: WorkEntry) -> WorkNote {
        WorkNote {
            person: ANA,
            seq,
            at: Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).unwrap(),
            entry,
            taken_back: None,
        }
    }

    fn action(seq: u64, day: u32, role: RoleId) -> WorkNote {
        let text = format!("action {seq}");
        note(
            seq,
            day,
            WorkEntry::NextAction {
                role: Some(role),
                text,
            },
        )
    }

    fn seqs<'a>(notes: impl Iterator<Item = &'a WorkNote>) -> Vec<u64> {
        notes.map(|n| n.seq).collect()
    }

    #[test]
    fn a_roles_entries_stay_oldest_first_however_they_come_in() {
        let records = OrgRecords {
            work: vec![action(2, 2, BAKER), action(3, 3, OVEN)],
            ..OrgRecords::default()
        };
        let mut org = Organisation::new(records);
        // The baker's older entry is read later, with the role.
        org.hold_work(vec![action(1, 1, BAKER)]);
        assert_eq!(seqs(org.work_of(BAKER)), [1, 2]);
        assert_eq!(seqs(org.work_of(BAKER).rev()), [2, 1], "newest first");
        org.note_work(action(4, 4, BAKER));
        assert_eq!(seqs(org.work_of(BAKER)), [1, 2, 4]);
        assert_eq!(seqs(org.work_of(OVEN)), [3], "each role only its own");
        assert_eq!(seqs(org.work_notes().into_iter()), [1, 2, 3, 4]);
    }

    #[test]
    fn an_entry_noted_twice_is_held_once_with_its_taking_back() {
        let mut org = Organisation::new(OrgRecords {
            work: vec![action(1, 1, BAKER)],
            ..OrgRecords::default()
        });
        let back = Utc.with_ymd_and_hms(2026, 11, 5, 9, 0, 0).unwrap();
        let taken_back = |n: WorkNote| WorkNote {
            taken_back: Some(back),
            ..n
        };
        org.note_work(taken_back(action(1, 1, BAKER)));
        assert_eq!(org.work_of(BAKER).count(), 1);
        assert_eq!(
            org.work_of(BAKER).next().and_then(|n| n.taken_back),
            Some(back)
        );
        // Read with the role after it was noted in memory: the read takes its place.
        org.hold_work(vec![action(1, 1, BAKER), action(2, 2, BAKER)]);
        assert_eq!(seqs(org.work_of(BAKER)), [1, 2]);
        assert_eq!(org.records().work.len(), 2, "each entry held once");
    }

    #[test]
    fn a_tension_noted_is_found_by_its_circle() {
        let circle = CircleId(3);
        let tension = WorkEntry::Tension {
            circle,
            role: Some(OVEN),
            text: "Bags arrive torn".into(),
            kind: crate::domain::TensionKind::Tactical,
        };
        let org = Organisation::new(OrgRecords {
            work: vec![action(1, 1, OVEN), note(2, 2, tension)],
            ..OrgRecords::default()
        });
        assert_eq!(seqs(org.tension_work_in(circle)), [2]);
        assert_eq!(seqs(org.tension_work_in(CircleId(4))), Vec::<u64>::new());
        assert_eq!(seqs(org.work_of(OVEN)), [1, 2], "and by its role");
    }
}
