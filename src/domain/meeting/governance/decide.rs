//! Whether an agenda item may be added, and what a proposal's or an election's entry, or a
//! retraction, does to the governance record: the parts of `Governance::decide` that have
//! effects of their own.
//!
//! Owns: those decisions. Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or
//! the clock.

use super::core_limits::with_lead_additions;
use super::meeting::Governance;
use super::*;
use crate::domain::meeting::Effect;
use crate::domain::meeting::tactical::Refusal;
use crate::domain::membership;
use crate::domain::text::clean_line;
use crate::domain::{Organisation, TensionId};

fn refuse<T>(m: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal::new(m))
}

/// An agenda item asked for: its label, owner, kind and the tension it takes up.
type ItemAsked<'a> = (&'a str, usize, &'a ItemKind, Option<TensionId>);

impl Governance {
    /// Ending the meeting gives back the tensions of the items it never began: an item taken
    /// up from a noted tension with nothing recorded in it has the entry that took the tension
    /// up taken back, so the tension is open for the next meeting (as removing the item does).
    /// Then the meeting ends.
    pub(super) fn ending_effects(&self) -> Vec<Effect> {
        self.items
            .iter()
            .filter(|i| i.tension.is_some() && !i.started() && !i.closed())
            .map(|i| Effect::Undo { seq: i.seq })
            .chain(std::iter::once(Effect::EndMeeting))
            .collect()
    }

    /// An agenda item: a label, an owner present who may add items, a tension not on the
    /// agenda already, an election only of an elected role the circle has.
    pub(super) fn decide_item_added(
        &self,
        (label, owner, kind, tension): ItemAsked<'_>,
        org: &Organisation,
    ) -> Result<Vec<Effect>, Refusal> {
        let present = self.present();
        let (owner, tension) = (&owner, &tension);
        if clean_line(label).is_empty() || !present.contains(owner) {
            return refuse("an item needs a label and a present owner");
        }
        if let Some(why) = self
            .attendees
            .get(*owner)
            .and_then(|a| membership::item_refusal(self.rules, a, label))
        {
            return refuse(why);
        }
        if tension.is_some() && self.items.iter().any(|i| i.tension == *tension) {
            return refuse("that tension is already on the agenda");
        }
        if let ItemKind::Election { role, .. } = kind {
            if !role.is_elected() {
                return refuse(format!(
                    "the {} is appointed, not elected",
                    role.name(self.rules)
                ));
            }
            if org.core_role(self.circle, *role).is_none() {
                return refuse(format!("this circle has no {}", role.name(self.rules)));
            }
        }
        Ok(tension
            .map(|t| Effect::ProcessTension { tension: t })
            .into_iter()
            .collect())
    }

    /// A proposal's entry; adopting it writes its version's changes to the record.
    pub(super) fn decide_on_proposal(
        &self,
        item: u64,
        event: &IdmEvent,
        org: &Organisation,
    ) -> Result<Vec<Effect>, Refusal> {
        let item = &item;
        let none = Ok(Vec::new());
        let it = self
            .item(*item)
            .ok_or_else(|| Refusal::new("no such item"))?;
        let proposal = it
            .proposal
            .as_ref()
            .ok_or_else(|| Refusal::new("that item is an election"))?;
        self.decide_for_proposal(proposal, event, org)?;
        let present = self.taking_part(Some(it));
        proposal.decide(event, &present)?;
        match event {
            IdmEvent::Ended {
                outcome: Outcome::Adopted { version },
            } => {
                let changes = proposal
                    .versions
                    .get(version.saturating_sub(1))
                    .cloned()
                    .unwrap_or_default();
                // The circle may have changed since the version was written (an
                // earlier item of this meeting removed or renamed a role).
                validate(org, self.circle, self.rules, &changes).map_err(|e| {
                    Refusal::new(format!(
                        "the circle has changed since this version: {e}; amend it first"
                    ))
                })?;
                // 5.0 §1.4.5: additions to the Circle Lead reach every sub-circle's.
                let changes = with_lead_additions(org, self.rules, self.circle, &changes);
                Ok(vec![Effect::ApplyGovernance {
                    circle: self.circle,
                    changes,
                }])
            }
            _ => none,
        }
    }

    /// An election's entry; electing assigns the role with its term.
    pub(super) fn decide_on_election(
        &self,
        item: u64,
        event: &ElectionEvent,
        org: &Organisation,
    ) -> Result<Vec<Effect>, Refusal> {
        let item = &item;
        let none = Ok(Vec::new());
        let it = self
            .item(*item)
            .ok_or_else(|| Refusal::new("no such item"))?;
        let election = it
            .election
            .as_ref()
            .ok_or_else(|| Refusal::new("that item is a proposal"))?;
        election.decide(event, &self.seats(org))?;
        // After the election's own checks (a single Lead says so there first).
        if let ElectionEvent::Ballot { nominee, .. } | ElectionEvent::Changed { nominee, .. } =
            event
            && let Some(why) = membership::nominee_refusal(
                org,
                self.circle,
                self.rules,
                self.attendees.get(*nominee),
                election.role,
            )
        {
            return refuse(why);
        }
        match event {
            ElectionEvent::Elect => {
                let person = election
                    .proposed
                    .and_then(|c| self.attendees.get(c))
                    .and_then(|a| a.person);
                let role = org.core_role(self.circle, election.role).map(|r| r.id);
                match (role, person) {
                    (Some(role), Some(person)) => Ok(vec![Effect::AssignElected {
                        role,
                        person,
                        term_end: election.term_end,
                    }]),
                    _ => refuse("the elected role or person is not in the organisation"),
                }
            }
            _ => none,
        }
    }

    /// Taking back the last entry standing (never a random draw); putting a removed item
    /// back takes its tension up again.
    pub(super) fn decide_retraction(&self, seq: u64) -> Result<Vec<Effect>, Refusal> {
        let seq = &seq;
        if self.last_entry() != Some(*seq) {
            return refuse("only the last entry standing can be taken back");
        }
        if self.draws.contains(seq) {
            return refuse("a random draw stays in the record: taking it back would draw again");
        }
        // Putting a removed item back takes its tension up again.
        let tension = self
            .removed
            .iter()
            .find(|(r, _)| r == seq)
            .and_then(|(_, i)| i.tension)
            .map(|tension| Effect::ProcessTension { tension });
        Ok(std::iter::once(Effect::Undo { seq: *seq })
            .chain(tension)
            .collect())
    }

    /// An agenda item moved, taken off before processing began, or an election asked to go
    /// first by someone present.
    pub(super) fn decide_agenda_change(&self, event: &GovEvent) -> Result<Vec<Effect>, Refusal> {
        let present = self.present();
        let none = Ok(Vec::new());
        match event {
            GovEvent::ItemMoved { item, to } => {
                if self.item(*item).is_none() || *to >= self.order.len() {
                    return refuse("no such agenda place");
                }
                self.keeps_agenda_order(*item, *to)?;
                none
            }
            GovEvent::ItemRemoved { item } => match self.item(*item) {
                None => refuse("no such item"),
                Some(i) if i.started() => {
                    refuse("processing has begun: close the item (d) instead")
                }
                // Undoing the item's entry gives its tension back.
                Some(i) => Ok(vec![Effect::Undo { seq: i.seq }]),
            },
            GovEvent::ElectionFirst { item, asked_by } => match self.item(*item) {
                Some(i) if matches!(i.kind, ItemKind::Election { .. }) => {
                    if self.first.iter().any(|(s, _)| s == item) {
                        return refuse("this election has been asked first already");
                    }
                    if asked_by.is_none_or(|a| !present.contains(&a)) {
                        return refuse("the election goes first when someone present asks");
                    }
                    none
                }
                _ => refuse("only an election item can be moved first"),
            },
            _ => refuse("not a change of the agenda"),
        }
    }
}
