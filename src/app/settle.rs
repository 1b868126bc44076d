//! Keeping the organisation held in memory as the store holds it after each written entry:
//! a meeting's effects, an entry of the organisation's log, an entry of someone's own work,
//! applied in place once the key's handler has let its copy go, or the organisation read
//! again where an entry cannot be applied.
//!
//! Owns: the waiting entries and `settle_org`. Must not import: tokio; must not draw.

use super::{App, Screen, org_entries};
use crate::domain::Organisation;
use std::sync::Arc;

/// A meeting's entry written and waiting to be applied to the organisation held: which
/// entry (none when it was written before and only shown now), when, its effects with the
/// ids of the rows the store created for them, and the proposal it moved, if it did.
pub(super) struct Written {
    pub(super) source: Option<crate::domain::org::Source>,
    pub(super) at: chrono::DateTime<chrono::Utc>,
    pub(super) effects: Vec<(crate::domain::meeting::Effect, Vec<i64>)>,
    pub(super) proposal: Option<String>,
}

/// An entry between meetings written and waiting to be applied to the organisation held.
pub(super) enum Between {
    /// An entry of the organisation's log, with its effects and the ids of the rows the store
    /// created for them.
    Org(
        crate::domain::org_log::OrgEntry,
        Vec<(crate::domain::org_log::OrgEffect, Option<i64>)>,
    ),
    /// An entry of someone's own work log.
    Work(crate::domain::work::WorkNote),
}

impl App {
    /// Applies the written entries' effects to the organisation in memory, in place. While a
    /// key's handler still holds a copy of the organisation they wait (the handler ends before
    /// the next frame, and `handle_key` settles them then) rather than copy it whole. An
    /// adoption or an election is applied as any other entry; what is not applied in memory
    /// (a retraction of an entry not applied here, or of an adoption) reloads it.
    pub(super) fn settle_org(&mut self) {
        self.settle_effects();
        if self.unapplied.is_empty() {
            self.settle_between();
        }
    }

    fn settle_effects(&mut self) {
        if self.unapplied.is_empty() {
            return;
        }
        let in_memory = |w: &Written| {
            w.source.is_some()
                && w.effects.iter().all(|(effect, _)| {
                    matches!(effect, crate::domain::meeting::Effect::Undo { .. })
                        || Organisation::applies_in_memory(effect)
                })
        };
        if !self.unapplied.iter().all(in_memory) {
            return self.reload_org();
        }
        let Some(org) = self.view.org.as_mut().and_then(Arc::get_mut) else {
            return;
        };
        let recorded_by = self.view.actor.clone();
        let applied = self.unapplied.drain(..).all(|w| {
            w.source.is_some_and(|source| {
                let stamp = crate::domain::Stamp {
                    source,
                    at: w.at,
                    recorded_by: recorded_by.clone(),
                    proposal: w.proposal,
                };
                org.apply_entry(&stamp, &w.effects) == crate::domain::Applied::Done
            })
        });
        if !applied {
            self.reload_org();
        }
    }

    /// Applies the entries between meetings waiting (see `settle_org`), then shows the
    /// browser's tree as they left it.
    fn settle_between(&mut self) {
        if self.unapplied_between.is_empty() {
            return;
        }
        let Some(org) = self.view.org.as_mut().and_then(Arc::get_mut) else {
            return;
        };
        let mut reload = false;
        for pending in self.unapplied_between.drain(..) {
            match pending {
                Between::Work(note) => org.note_work(note),
                Between::Org(entry, effects) if !reload => {
                    reload = org.apply_org(entry, &effects) == crate::domain::Applied::Reload;
                }
                Between::Org(..) => {}
            }
        }
        if reload {
            self.reload_org();
        }
        if let (Screen::Browser(b), Some(org)) = (&mut self.view.screen, self.view.org.clone()) {
            b.rebuild(&org);
        }
    }

    /// Settles what `settle_org` left waiting, copying the organisation if something still
    /// holds the old one.
    pub(super) fn settle_org_now(&mut self) {
        self.settle_org();
        if self.unapplied.is_empty() && self.unapplied_between.is_empty() {
            return;
        }
        if let Some(org) = self.view.org.as_mut() {
            Arc::make_mut(org);
        }
        self.settle_org();
    }

    /// Applies an entry of the organisation's log, just written, to the organisation in
    /// memory (when the key's handler is done with its copy, as `settle_org`); reads it again
    /// when the entry cannot be (a taking back, or one made already).
    pub(super) fn apply_org_entry(&mut self, written: Option<org_entries::WrittenEntry>) {
        match written {
            Some((entry, effects)) => self.unapplied_between.push(Between::Org(entry, effects)),
            None => return self.reload_org(),
        }
        self.settle_org();
    }

    /// Adds an entry of someone's own work, just written, to the organisation in memory (as
    /// `apply_org_entry`).
    pub(super) fn note_work(&mut self, note: crate::domain::work::WorkNote) {
        self.unapplied_between.push(Between::Work(note));
        self.settle_org();
    }

    /// Reloads the organisation after a meeting wrote to it, keeping the screen.
    pub(super) fn reload_org(&mut self) {
        self.unapplied.clear();
        self.unapplied_between.clear();
        match self.store.load_organisation() {
            Ok(Some(org)) => {
                self.view.org = Some(Arc::new(org));
                self.hold_screen_reports();
            }
            Ok(None) => {}
            Err(e) => self.error(e.to_string()),
        }
    }
}
