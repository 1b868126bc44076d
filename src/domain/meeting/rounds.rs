//! Speaking rounds (check-in and closing), shared by every kind of meeting: the order of the
//! present attendees, how long each held the floor in each round, and the notes taken.
//!
//! Owns: turn-taking and floor time. Generic over the meeting's step type. Must not import:
//! rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use chrono::{DateTime, Utc};

/// A note taken for a speaker in a round.
#[derive(Debug, Clone, PartialEq)]
pub struct Note<S> {
    pub seq: u64,
    pub step: S,
    pub attendee: usize,
    pub text: String,
}

/// One speaker's time on the floor in one round: when they first took it, and for how long
/// in all (a speaker the facilitator went back to adds to their time).
#[derive(Debug, Clone, PartialEq)]
pub struct Floor<S> {
    pub step: S,
    pub attendee: usize,
    pub first_at: DateTime<Utc>,
    pub seconds: i64,
}

/// How long whoever holds the floor (a speaker in a round, a triage item) has held it, and
/// the share of the step's time it was given, if it has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Turn {
    pub since: DateTime<Utc>,
    /// Seconds of the step's time that are this turn's share.
    pub share: Option<i64>,
}

impl Turn {
    /// Seconds held so far at `now`.
    pub fn elapsed(&self, now: DateTime<Utc>) -> i64 {
        (now - self.since).num_seconds().max(0)
    }

    /// Whether the turn has run past its share at `now`.
    pub fn over(&self, now: DateTime<Utc>) -> bool {
        self.share.is_some_and(|share| self.elapsed(now) > share)
    }
}

/// The rounds of one meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct Rounds<S> {
    /// Speaking order of the round being held, or of the next one (attendee indexes,
    /// present ones only).
    pub order: Vec<usize>,
    /// Each round's own order, kept from when it was first held or last reordered: shuffling
    /// the closing round leaves the check-in round's order as it was spoken.
    orders: Vec<(S, Vec<usize>)>,
    /// Each speaker's floor time in each round, in the order they first took the floor.
    pub floor: Vec<Floor<S>>,
    /// Since when the current speaker holds the floor.
    pub speaker_since: Option<DateTime<Utc>>,
    pub notes: Vec<Note<S>>,
}

impl<S: Copy + PartialEq> Rounds<S> {
    /// Rounds in `order`, round `first` being held and its first speaker holding the floor
    /// from `at`.
    pub fn new(first: S, order: Vec<usize>, at: DateTime<Utc>) -> Rounds<S> {
        Rounds {
            orders: vec![(first, order.clone())],
            order,
            floor: Vec::new(),
            speaker_since: Some(at),
            notes: Vec::new(),
        }
    }

    /// Round `step` is being held from `at`: it takes up its own order again if it has been
    /// held before, else it keeps the order as it stands and makes it its own.
    pub fn enter(&mut self, step: S, at: DateTime<Utc>) {
        match self.orders.iter().find(|(s, _)| *s == step) {
            Some((_, order)) => self.order = order.clone(),
            None => self.orders.push((step, self.order.clone())),
        }
        self.speaker_since = Some(at);
    }

    /// A new speaking order from `at`, for round `step` if one is being held (otherwise for
    /// the rounds not yet held). `speaker`'s turn ends, unless the round had not really begun
    /// (no turn ended in it, no note taken for the speaker): a round reordered at its start
    /// is dealt again, and its first speaker has had no turn.
    pub fn reorder(
        &mut self,
        step: Option<S>,
        speaker: Option<usize>,
        order: Vec<usize>,
        at: DateTime<Utc>,
    ) {
        if let Some(step) = step {
            let begun = self.floor.iter().any(|f| f.step == step)
                || self
                    .notes
                    .iter()
                    .any(|n| n.step == step && Some(n.attendee) == speaker);
            if begun {
                self.end_turn(step, speaker, at);
            }
            match self.orders.iter_mut().find(|(s, _)| *s == step) {
                Some((_, kept)) => *kept = order.clone(),
                None => self.orders.push((step, order.clone())),
            }
        }
        self.order = order;
        self.speaker_since = Some(at);
    }

    /// The order round `step` was (or will be) spoken in.
    pub fn order_of(&self, step: S) -> &[usize] {
        self.orders
            .iter()
            .find(|(s, _)| *s == step)
            .map_or(self.order.as_slice(), |(_, o)| o.as_slice())
    }

    /// Closes `speaker`'s turn in round `step` at `at`, adding to their floor time.
    pub fn end_turn(&mut self, step: S, speaker: Option<usize>, at: DateTime<Utc>) {
        if let (Some(since), Some(speaker)) = (self.speaker_since.take(), speaker) {
            let secs = (at - since).num_seconds().max(0);
            match self
                .floor
                .iter_mut()
                .find(|f| f.step == step && f.attendee == speaker)
            {
                Some(f) => f.seconds += secs,
                None => self.floor.push(Floor {
                    step,
                    attendee: speaker,
                    first_at: since,
                    seconds: secs,
                }),
            }
        }
    }

    /// Seconds `attendee` held the floor in round `step`, if they spoke.
    pub fn floor_of(&self, step: S, attendee: usize) -> Option<i64> {
        self.floor
            .iter()
            .find(|f| f.step == step && f.attendee == attendee)
            .map(|f| f.seconds)
    }

    /// Round `step` as it was spoken: those who took the floor in the order they first took
    /// it, then those of its order who did not speak.
    pub fn spoken(&self, step: S) -> Vec<(usize, Option<&Floor<S>>)> {
        let mut spoke: Vec<&Floor<S>> = self.floor.iter().filter(|f| f.step == step).collect();
        spoke.sort_by_key(|f| f.first_at);
        let mut out: Vec<(usize, Option<&Floor<S>>)> =
            spoke.into_iter().map(|f| (f.attendee, Some(f))).collect();
        for &who in self.order_of(step) {
            if !out.iter().any(|(a, _)| *a == who) {
                out.push((who, None));
            }
        }
        out
    }

    /// The latest note for `attendee` in round `step`.
    pub fn note_for(&self, step: S, attendee: usize) -> Option<&Note<S>> {
        self.notes
            .iter()
            .rev()
            .find(|n| n.step == step && n.attendee == attendee)
    }

    /// Every note for `attendee` in round `step`, oldest first: a second note adds to the
    /// first, it never replaces it.
    pub fn notes_for(&self, step: S, attendee: usize) -> impl Iterator<Item = &Note<S>> {
        self.notes
            .iter()
            .filter(move |n| n.step == step && n.attendee == attendee)
    }

    /// Whether `order` names every one of `present` exactly once.
    pub fn is_order_of(order: &[usize], present: impl Iterator<Item = usize>) -> bool {
        let mut a = order.to_vec();
        a.sort_unstable();
        let mut b: Vec<usize> = present.collect();
        b.sort_unstable();
        a == b
    }
}

/// Reorders `items` from a seed (Fisher-Yates with a small linear congruential generator):
/// the order is recorded in the event, so it need not be reproducible, only well mixed.
pub fn shuffle(items: &mut [usize], seed: u32) {
    let mut state = u64::from(seed) | 1;
    for i in (1..items.len()).rev() {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let j = usize::try_from((state >> 33) % (i as u64 + 1)).unwrap_or(0);
        items.swap(i, j);
    }
}

#[cfg(test)]
mod shuffle_tests {
    use super::shuffle;

    #[test]
    fn a_shuffle_keeps_everyone_once() {
        let mut order = vec![0, 1, 2, 3, 4, 5];
        shuffle(&mut order, 12345);
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, [0, 1, 2, 3, 4, 5]);
        assert_ne!(order, [0, 1, 2, 3, 4, 5]);
    }
}
