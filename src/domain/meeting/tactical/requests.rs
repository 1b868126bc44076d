//! Requests made in triage under a rule set that limits them: 5.0 §3.2(f) "requests to a
//! Role may only be made in service of a Role the requester represents in the meeting". A
//! request to a person in their general capacity as a Partner is not limited.
//!
//! An output goes to a role and a person the organisation has: one removed (or who left) in
//! another program since the owner was chosen is refused, in plain words.
//!
//! Owns: which roles an item's owner represents, the refusal of a request to a role that
//! serves none of them, and of an output whose owner is gone. Must not import: rusqlite, ratatui, crossterm, tokio, std::fs,
//! or the clock.

use super::{Event, Refusal, Tactical};
use crate::domain::ids::RoleId;
use crate::domain::meeting::OutputKind;
use crate::domain::org::Organisation;
use crate::domain::ruleset::CoreRole;

impl Tactical {
    /// The roles attendee `who` represents in this meeting: those they fill in the circle, and
    /// the Lead or Rep role they fill in one of its sub-circles (that sub-circle is a role of
    /// the circle, 5.0 §1.3.1).
    pub fn represented_roles(&self, org: &Organisation, who: usize) -> Vec<RoleId> {
        let Some(person) = self.attendees.get(who).and_then(|a| a.person) else {
            return Vec::new();
        };
        let fills = |role: RoleId| org.fillers_of(role).any(|a| a.person == person);
        let own = org.roles_in(self.circle).map(|r| r.id);
        let links = org.sub_circles(Some(self.circle)).flat_map(|c| {
            org.roles_in(c.id)
                .filter(|r| matches!(r.core, Some(CoreRole::Lead | CoreRole::Rep)))
                .map(|r| r.id)
        });
        own.chain(links).filter(|&r| fills(r)).collect()
    }

    /// Refuses an output for a role the organisation no longer has, or a person who is no
    /// longer a member (removed, or left, in another program since the owner was chosen).
    /// A person the organisation does not hold at all is left to the store to refuse.
    pub(super) fn decide_owner(&self, event: &Event, org: &Organisation) -> Result<(), Refusal> {
        let Event::OutputAdded { output, .. } = event else {
            return Ok(());
        };
        let mut roles = output.role.into_iter().chain(output.serves);
        if roles.any(|r| org.role(r).is_none()) {
            return Err(Refusal::new(
                "the role chosen was removed in another program meanwhile",
            ));
        }
        match output.person.and_then(|p| org.person(p)) {
            Some(p) if !p.is_current() => Err(Refusal::new(format!(
                "{} has left the organisation",
                p.name
            ))),
            _ => Ok(()),
        }
    }

    /// Refuses a request to a role that serves none of the roles the item's owner represents,
    /// where the rule set says so.
    pub(super) fn decide_request(&self, event: &Event, org: &Organisation) -> Result<(), Refusal> {
        let Event::OutputAdded { item, output } = event else {
            return Ok(());
        };
        let Some(article) = org.rule_set().rules().requests_serve_represented_role else {
            return Ok(());
        };
        if output.kind != OutputKind::Request || output.role.is_none() {
            return Ok(());
        }
        let Some(owner) = self.item(*item).map(|i| i.owner) else {
            return Ok(());
        };
        let serves = output
            .serves
            .is_some_and(|r| self.represented_roles(org, owner).contains(&r));
        if serves {
            return Ok(());
        }
        Err(Refusal::new(format!(
            "a request to a role is made only in service of a role the requester represents in the meeting ({article})"
        )))
    }
}
