//! The governance meeting as the meeting engine's `Flow`: the one contract every meeting kind
//! keeps, answered by `Governance`'s own start, decide and apply.
//!
//! Owns: that impl. Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the
//! clock.

use super::idm::IdmEvent;
use super::meeting::{GovEvent, Governance};
use crate::domain::meeting::Effect;
use crate::domain::meeting::flow::{Flow, Recorded};
use crate::domain::meeting::tactical::Refusal;
use crate::domain::org::Organisation;
use crate::domain::ruleset::RuleSet;

fn refuse<T>(m: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal::new(m))
}

impl Flow for Governance {
    type Event = GovEvent;

    fn start(first: &Recorded<GovEvent>, rules: RuleSet) -> Result<Governance, Refusal> {
        Governance::start(first, rules)
    }

    fn decide(&self, event: &GovEvent, org: &Organisation) -> Result<Vec<Effect>, Refusal> {
        Governance::decide(self, event, org)
    }

    /// As `decide`, except that the proposal editor is asked about before its first change is
    /// written: a version of no changes is refused when saved, not when the editor opens.
    fn may(&self, event: &GovEvent, org: &Organisation) -> Result<(), Refusal> {
        match event {
            GovEvent::Proposal {
                item,
                event: IdmEvent::Drafted { changes },
            } if changes.is_empty() => {
                self.gate(event)?;
                match self.item(*item).and_then(|i| i.proposal.as_ref()) {
                    Some(proposal) => proposal.may_draft(),
                    None => refuse("no such proposal"),
                }
            }
            _ => self.decide(event, org).map(drop),
        }
    }

    fn apply(&mut self, entry: &Recorded<GovEvent>) {
        Governance::apply(self, entry);
    }

    fn retracts(event: &GovEvent) -> Option<u64> {
        match event {
            GovEvent::Retracted { seq } => Some(*seq),
            _ => None,
        }
    }

    fn is_move(event: &GovEvent) -> bool {
        event.is_move()
    }

    fn proposal_of(&self, event: &GovEvent) -> Option<String> {
        match event {
            GovEvent::Proposal { item, .. } => self.item(*item).map(|i| i.label.clone()),
            _ => None,
        }
    }
}
