//! What a governance meeting's rule set and organisation require of an entry beyond the
//! item it is about: a proposal's changes the circle can take, the roles a speaker
//! represents, the rule set's validity test, the meeting's Secretary ruling.
//!
//! Owns: those checks, as part of `Governance::decide`. Must not import: rusqlite, ratatui,
//! crossterm, tokio, std::fs, or the clock.

use super::change::validate;
use super::events::{GovEvent, Interpretation};
use super::idm::{IdmEvent, Proposal};
use super::meeting::Governance;
use super::represent;
use crate::domain::meeting::tactical::Refusal;
use crate::domain::org::Organisation;
use crate::domain::text::clean_line;

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

    /// Whether moving `item` to place `to` keeps every election someone asked first before
    /// every other item: 4.1 §3.3.4(b) "the Facilitator must place any agenda item calling
    /// for an election ... before all other agenda items, if requested by any meeting
    /// participant"; 5.0 §5.4.4 "on request of a meeting participant, any agenda item calling
    /// for an election must go before all others".
    pub(super) fn keeps_elections_first(&self, item: u64, to: usize) -> Result<(), Refusal> {
        let mut order = self.order.clone();
        if let Some(from) = order.iter().position(|s| *s == item) {
            order.remove(from);
            order.insert(to.min(order.len()), item);
        }
        let asked = |s: &u64| self.first.iter().any(|(f, _)| f == s);
        let firsts = order.iter().take_while(|s| asked(s)).count();
        if let Some(out) = order.iter().skip(firsts).find(|s| asked(s)) {
            let who = self
                .first
                .iter()
                .find(|(f, _)| f == out)
                .and_then(|(_, a)| *a)
                .map_or("someone".to_string(), |a| self.name_of(a).to_string());
            return refuse(format!(
                "an election asked first stays before all other items ({who} asked; 4.1 §3.3.4(b); 5.0 §5.4.4)"
            ));
        }
        Ok(())
    }

    /// Once the scheduled end is reached under a rule set that ends meetings there, only the
    /// Secretary's extension, the end, or taking back is taken (5.0 §5.4.2).
    pub(super) fn gate_time_up(&self, event: &GovEvent) -> Result<(), Refusal> {
        let allowed = matches!(
            event,
            GovEvent::Extended { .. } | GovEvent::Ended | GovEvent::Retracted { .. }
        );
        if self.time_up && !allowed {
            return refuse(
                "the meeting has reached its scheduled end (5.0 §5.4.2): it ends, unless the Secretary extends it and no member asks otherwise (t)",
            );
        }
        Ok(())
    }

    /// Extra time, the scheduled end, the Secretary's extension and interpretations.
    pub(super) fn decide_time_and_rulings(&self, event: &GovEvent) -> Result<(), Refusal> {
        let ends = self.rules.rules().ends_at_planned_time;
        let present = self.present();
        let secretary_here = |s: &usize| self.secretary == Some(*s) && present.contains(s);
        match event {
            GovEvent::TimeAdded { .. } if ends => refuse(format!(
                "under {} the Secretary extends the meeting, if no member asks otherwise (5.0 §5.4.2)",
                self.rules
            )),
            GovEvent::TimeUp if !ends => refuse(format!(
                "under {} a meeting has no scheduled end that ends it",
                self.rules
            )),
            GovEvent::TimeUp if self.time_up => refuse("the scheduled end is already recorded"),
            GovEvent::Extended { .. } if !ends => refuse(format!(
                "under {} the facilitator gives more time (t); only 5.0 §5.4.2 has the Secretary extend",
                self.rules
            )),
            GovEvent::Extended { secretary, minutes } => {
                if !secretary_here(secretary) {
                    return refuse(
                        "only the meeting's Secretary, present, extends it (5.0 §5.4.2)",
                    );
                }
                if !(1..=240).contains(minutes) {
                    return refuse("extend by 1 to 240 minutes");
                }
                Ok(())
            }
            GovEvent::Interpreted {
                asked_by,
                secretary,
                question,
                ruling,
            } => {
                if !present.contains(asked_by) {
                    return refuse("someone present asks for the ruling");
                }
                if !secretary_here(secretary) {
                    return refuse(
                        "the circle's Secretary rules on interpretations (4.1 §3.4; 5.0 §4.2.1): the meeting has none present",
                    );
                }
                if clean_line(question).is_empty() || clean_line(ruling).is_empty() {
                    return refuse("an interpretation needs the question and the ruling");
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Applies the events `decide_time_and_rulings` took.
    pub(super) fn apply_time_and_rulings(&mut self, seq: u64, event: &GovEvent) {
        match event {
            GovEvent::TimeAdded { minutes } => self.extra_minutes += i64::from(*minutes),
            GovEvent::TimeUp => self.time_up = true,
            GovEvent::Extended { secretary, minutes } => {
                self.time_up = false;
                self.extra_minutes += i64::from(*minutes);
                self.extensions.push((*secretary, *minutes));
            }
            GovEvent::Interpreted {
                asked_by,
                secretary,
                question,
                ruling,
            } => self.interpretations.push(Interpretation {
                seq,
                asked_by: *asked_by,
                secretary: *secretary,
                question: question.clone(),
                ruling: ruling.clone(),
            }),
            _ => {}
        }
    }
}
