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

/// The rounds of one meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct Rounds<S> {
    /// Speaking order (attendee indexes, present ones only).
    pub order: Vec<usize>,
    /// Seconds each attendee held the floor in each round.
    pub floor: Vec<(S, usize, i64)>,
    /// Since when the current speaker holds the floor.
    pub speaker_since: Option<DateTime<Utc>>,
    pub notes: Vec<Note<S>>,
}

impl<S: Copy + PartialEq> Rounds<S> {
    /// Rounds in `order`, the first speaker holding the floor from `at`.
    pub fn new(order: Vec<usize>, at: DateTime<Utc>) -> Rounds<S> {
        Rounds {
            order,
            floor: Vec::new(),
            speaker_since: Some(at),
            notes: Vec::new(),
        }
    }

    /// Closes `speaker`'s turn in round `step` at `at`, adding to their floor time.
    pub fn end_turn(&mut self, step: S, speaker: Option<usize>, at: DateTime<Utc>) {
        if let (Some(since), Some(speaker)) = (self.speaker_since.take(), speaker) {
            let secs = (at - since).num_seconds().max(0);
            match self
                .floor
                .iter_mut()
                .find(|(s, a, _)| *s == step && *a == speaker)
            {
                Some((_, _, total)) => *total += secs,
                None => self.floor.push((step, speaker, secs)),
            }
        }
    }

    /// Seconds `attendee` held the floor in round `step`, if they spoke.
    pub fn floor_of(&self, step: S, attendee: usize) -> Option<i64> {
        self.floor
            .iter()
            .find(|(s, a, _)| *s == step && *a == attendee)
            .map(|(_, _, secs)| *secs)
    }

    /// The latest note for `attendee` in round `step`.
    pub fn note_for(&self, step: S, attendee: usize) -> Option<&Note<S>> {
        self.notes
            .iter()
            .rev()
            .find(|n| n.step == step && n.attendee == attendee)
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
