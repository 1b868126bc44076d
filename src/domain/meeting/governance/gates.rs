//! What a governance meeting's rule set and organisation require of an entry beyond the
//! item it is about: a proposal's changes the circle can take, the roles a speaker
//! represents, the rule set's validity test, the meeting's Secretary ruling.
//!
//! Owns: those checks, as part of `Governance::decide`. Must not import: rusqlite, ratatui,
//! crossterm, tokio, std::fs, or the clock.

use super::change::validate;
use super::idm::{IdmEvent, Proposal};
use super::meeting::Governance;
use super::represent;
use crate::domain::meeting::tactical::Refusal;
use crate::domain::org::Organisation;

fn refuse<T>(m: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal::new(m))
}

impl Governance {
    /// What a proposal's move needs of the meeting and the organisation, beyond the
    /// proposal itself: changes the circle can take, roles the speaker represents, the
    /// rule set's validity test, and the meeting's Secretary ruling.
    pub(super) fn decide_for_proposal(
        &self,
        proposal: &Proposal,
        event: &IdmEvent,
        org: &Organisation,
    ) -> Result<(), Refusal> {
        let idm = &self.rules.rules().idm;
        let person = |a: usize| self.attendees.get(a).and_then(|a| a.person);
        match event {
            IdmEvent::Drafted { changes } => validate(org, self.circle, self.rules, changes)
                .map(drop)
                .map_err(Refusal::new),
            IdmEvent::Framed {
                role, permission, ..
            } => represent::check(
                org,
                self.circle,
                person(proposal.proposer),
                (*role, None, *permission),
            )
            .map_err(Refusal::new),
            IdmEvent::Objected {
                attendee,
                role,
                sub_circle,
                permission,
                ..
            } => represent::check(
                org,
                self.circle,
                person(*attendee),
                (*role, *sub_circle, *permission),
            )
            .map_err(Refusal::new),
            // 4.1 §3.2.2 names the exceptions; 5.0 §5.3.1 has none.
            IdmEvent::ValidityTested {
                exception: Some(exception),
                ..
            } if !idm.validity_exceptions.contains(exception) => refuse(format!(
                "under {} a proposal is valid only on its validity questions ({})",
                self.rules,
                exception.describe()
            )),
            IdmEvent::ValidityTested {
                answers,
                exception: None,
            } if answers.len() > idm.validity_questions.len()
                || !idm.validity_complete(answers) =>
            {
                refuse("a validity test answers each question until the first no")
            }
            // 4.1 §3.2.5; 5.0 §5.3.3: "the Facilitator may ask the Circle's Secretary".
            IdmEvent::SecretaryRuled { secretary, .. } if self.secretary != Some(*secretary) => {
                refuse("only the meeting's Secretary rules on the constitution")
            }
            _ => Ok(()),
        }
    }
}
