//! Integrative decision-making for one proposal: present, clarifying questions, reaction
//! round, amend and clarify, objection round (with objection testing) and integration, as a
//! pure state machine.
//!
//! Owns: a proposal's state (versions, questions, reactions, validity tests, objection rounds
//! and objections) and what may happen next: steps in order, the objection round complete
//! before integration, the rules of integration. The one rule that matters most: nothing is adopted while a valid objection (or
//! one not yet tested) is unresolved. Must not import: rusqlite, ratatui, crossterm, tokio,
//! std::fs, or the clock.

use super::change::Change;
pub use super::idm_events::{IdmEvent, IdmStep, Outcome, Validity, ValidityException};
pub use super::objection::{
    NO_ROLE_RULE, Objection, ObjectionState, ObjectionTest, ROLE_QUESTION, Ruling, Suggestion,
};
use crate::domain::ids::{PersonId, RoleId};
use crate::domain::meeting::tactical::Refusal;
use crate::domain::text::clean_line;

/// A proposal as its events have shaped it.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub proposer: usize,
    pub tension: String,
    pub example: String,
    pub role: Option<RoleId>,
    /// Who gave the proposer permission to represent `role`, if they do not fill it.
    pub permission: Option<PersonId>,
    /// Every version, oldest first.
    pub versions: Vec<Vec<Change>>,
    pub step: IdmStep,
    pub questions: Vec<(String, Option<String>)>,
    pub reactions: Vec<(usize, String)>,
    /// Every validity test, in order.
    pub validity: Vec<Validity>,
    /// The objection round in progress (1-based) and who has answered in it.
    pub round: usize,
    pub answered: Vec<usize>,
    /// How many versions there were when the round in progress began: the version everyone
    /// had the chance to object to.
    pub round_version: usize,
    pub objections: Vec<Objection>,
    pub outcome: Option<Outcome>,
}

fn refuse<T>(m: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal::new(m))
}

/// The articles that set the order of integrative decision-making.
const IDM_ORDER: &str = "4.1 §3.3.5; 5.0 §5.4.5";

impl Proposal {
    pub fn new(proposer: usize) -> Proposal {
        Proposal {
            proposer,
            tension: String::new(),
            example: String::new(),
            role: None,
            permission: None,
            versions: Vec::new(),
            step: IdmStep::Present,
            questions: Vec::new(),
            reactions: Vec::new(),
            validity: Vec::new(),
            round: 0,
            answered: Vec::new(),
            round_version: 0,
            objections: Vec::new(),
            outcome: None,
        }
    }

    /// The version under discussion.
    pub fn current(&self) -> Option<&Vec<Change>> {
        self.versions.last()
    }

    /// Who reacts next in the reaction round: the first present person, the proposer aside,
    /// who has not reacted.
    pub fn next_reactor(&self, present: &[usize]) -> Option<usize> {
        present
            .iter()
            .copied()
            .find(|p| *p != self.proposer && !self.reactions.iter().any(|(a, _)| a == p))
    }

    /// Who is asked in the objection round, in order: everyone present, the proposer last.
    pub fn objection_order(&self, present: &[usize]) -> Vec<usize> {
        let mut order: Vec<usize> = present
            .iter()
            .copied()
            .filter(|p| *p != self.proposer)
            .collect();
        order.extend(present.iter().copied().filter(|p| *p == self.proposer));
        order
    }

    /// Who answers next in the objection round in progress.
    pub fn next_to_answer(&self, present: &[usize]) -> Option<usize> {
        (self.step == IdmStep::Object)
            .then(|| {
                self.objection_order(present)
                    .into_iter()
                    .find(|p| !self.answered.contains(p))
            })
            .flatten()
    }

    /// Whether everyone present, the proposer too, has answered the round in progress.
    pub fn round_complete(&self, present: &[usize]) -> bool {
        self.round > 0 && present.iter().all(|p| self.answered.contains(p))
    }

    /// The objection being integrated: the first blocking one.
    pub fn integrating(&self) -> Option<usize> {
        self.objections.iter().position(Objection::blocks)
    }

    /// Whether the proposal can be adopted now: in the objection round, on the version that
    /// round is about, everyone has answered, and no objection blocks.
    pub fn can_adopt(&self, present: &[usize]) -> bool {
        self.outcome.is_none()
            && self.current().is_some()
            && self.step == IdmStep::Object
            && self.round_version == self.versions.len()
            && self.round_complete(present)
            && !self.objections.iter().any(Objection::blocks)
    }

    /// Whether a version may be written now, whatever its changes: the first while
    /// presenting, later ones only by the proposer in amend and clarify or integration.
    pub fn may_draft(&self) -> Result<(), Refusal> {
        if self.outcome.is_some() {
            return refuse("this item is closed");
        }
        let amending = matches!(
            self.step,
            IdmStep::Present | IdmStep::Amend | IdmStep::Integrate
        );
        if self.versions.is_empty() || amending {
            return Ok(());
        }
        refuse("only the proposer amends, in amend and clarify or integration")
    }

    /// The step that comes after the present one, moved to with `StepTo` (the objection
    /// round is entered with `NewRound`).
    fn next_step(&self) -> Option<IdmStep> {
        match self.step {
            IdmStep::Present => Some(IdmStep::Clarify),
            IdmStep::Clarify => Some(IdmStep::React),
            IdmStep::React => Some(IdmStep::Amend),
            IdmStep::Object => Some(IdmStep::Integrate),
            IdmStep::Amend | IdmStep::Integrate => None,
        }
    }

    /// Whether moving to `step` keeps the order of the process (4.1 §3.3.5; 5.0 §5.4.5): the
    /// next step only, and integration only once the objection round is complete (everyone
    /// present answered, the proposer too) with an objection to integrate.
    fn may_step_to(&self, step: IdmStep, present: &[usize]) -> Result<(), Refusal> {
        if self.versions.is_empty() {
            return refuse("the proposal has no changes yet");
        }
        if step == IdmStep::Object {
            return refuse("a new objection round starts with its own move");
        }
        if self.next_step() != Some(step) {
            return refuse(format!(
                "steps go in order ({IDM_ORDER}): {} does not come after {}",
                step.title().to_lowercase(),
                self.step.title().to_lowercase()
            ));
        }
        if step == IdmStep::Integrate {
            if !self.round_complete(present) {
                return refuse(format!(
                    "the objection round comes first: everyone present, the proposer too, answers before integration ({IDM_ORDER}(e)-(f))"
                ));
            }
            if self.integrating().is_none() {
                return refuse("there is no valid objection to integrate");
            }
        }
        Ok(())
    }

    /// Whether `event` may happen now, given who is present.
    pub fn decide(&self, event: &IdmEvent, present: &[usize]) -> Result<(), Refusal> {
        if self.outcome.is_some() {
            return refuse("this item is closed");
        }
        let is_present = |a: &usize| present.contains(a);
        match event {
            IdmEvent::Framed { tension, .. } if clean_line(tension).is_empty() => {
                refuse("name the tension")
            }
            IdmEvent::Framed { .. } => Ok(()),
            IdmEvent::Drafted { changes } => {
                self.may_draft()?;
                if changes.is_empty() {
                    return refuse("a proposal needs at least one change");
                }
                Ok(())
            }
            IdmEvent::StepTo { step } => self.may_step_to(*step, present),
            IdmEvent::Question { question, .. } => {
                if self.step != IdmStep::Clarify {
                    return refuse("questions belong to the clarifying questions step");
                }
                if clean_line(question).is_empty() {
                    return refuse("the question is empty");
                }
                Ok(())
            }
            IdmEvent::Reaction { attendee, text } => {
                if self.step != IdmStep::React {
                    return refuse("reactions belong to the reaction round");
                }
                if *attendee == self.proposer {
                    return refuse("the proposer does not react");
                }
                if !is_present(attendee) || clean_line(text).is_empty() {
                    return refuse("a reaction needs a present attendee and words");
                }
                Ok(())
            }
            IdmEvent::NoObjection { attendee } | IdmEvent::Objected { attendee, .. } => {
                if self.step != IdmStep::Object {
                    return refuse("objections are raised in the objection round");
                }
                if self.next_to_answer(present).is_none() {
                    return refuse(
                        "everyone has answered this round: test objections (w), then adopt or integrate",
                    );
                }
                if !is_present(attendee) {
                    return refuse("only someone present answers");
                }
                if self.answered.contains(attendee) {
                    return refuse("they have answered in this round");
                }
                if let IdmEvent::Objected { text, .. } = event
                    && clean_line(text).is_empty()
                {
                    return refuse("state the objection");
                }
                Ok(())
            }
            IdmEvent::ValidityTested { answers, exception } => {
                validity_answers(answers, exception.is_some())
            }
            IdmEvent::Ended { outcome } => self.may_end(outcome, present),
            _ => self.decide_objection(event, present),
        }
    }

    /// `decide` for the moves about one objection: its test, the Secretary's ruling, the
    /// rules of integration.
    fn decide_objection(&self, event: &IdmEvent, present: &[usize]) -> Result<(), Refusal> {
        match event {
            IdmEvent::Tested { objection: i, test } => {
                let o = self.open_objection(*i)?;
                if !matches!(self.step, IdmStep::Object | IdmStep::Integrate) {
                    return refuse("objections are tested in the objection round or integration");
                }
                if !o.names_a_role() && test.answers[ROLE_QUESTION] {
                    return refuse(format!("Not valid on that test: {NO_ROLE_RULE}."));
                }
                Ok(())
            }
            IdmEvent::SecretaryRuled {
                objection: i,
                secretary,
                ruling,
                ..
            } => {
                let secretary_present = present.contains(secretary);
                self.may_rule(*i, secretary_present, ruling)
            }
            IdmEvent::AmendmentSuggested {
                objection: i,
                amendment,
            } => {
                if self.integrated(*i)?.pending_suggestion().is_some() {
                    return refuse("the last suggested amendment waits for its answer");
                }
                if clean_line(amendment).is_empty() {
                    return refuse("state the amended proposal");
                }
                Ok(())
            }
            IdmEvent::SuggestionAnswered {
                objection: i,
                answer,
            } => match self.integrated(*i)?.pending_suggestion() {
                Some(s) if s.answer.is_none() && !clean_line(answer).is_empty() => Ok(()),
                Some(s) if s.answer.is_none() => refuse("state the proposer's argument"),
                _ => refuse("no suggested amendment waits for the proposer's answer"),
            },
            IdmEvent::SuggestionJudged {
                objection: i,
                goes_on,
                reason,
            } => self.may_judge(*i, *goes_on, reason),
            IdmEvent::ObjectorSatisfied { objection: i }
            | IdmEvent::ProposerSatisfied { objection: i } => self.integrated(*i).map(drop),
            IdmEvent::Abandoned {
                objection: i,
                reason,
            } => {
                self.integrated(*i)?;
                if clean_line(reason).is_empty() {
                    return refuse("say why the objection is abandoned");
                }
                Ok(())
            }
            IdmEvent::NewRound => self.may_start_round(),
            _ => Ok(()),
        }
    }

    /// Objection `i`, while it is open.
    fn open_objection(&self, i: usize) -> Result<&Objection, Refusal> {
        match self.objections.get(i) {
            Some(o) if o.state == ObjectionState::Open => Ok(o),
            Some(_) => refuse("that objection is no longer open"),
            None => refuse("no such objection"),
        }
    }

    /// Objection `i`, while it is the one being integrated.
    fn integrated(&self, i: usize) -> Result<&Objection, Refusal> {
        if self.step != IdmStep::Integrate || self.integrating() != Some(i) {
            return refuse("only the objection being integrated, during integration");
        }
        self.open_objection(i)
    }

    /// The Secretary rules once on an open objection tested as resting on the constitution
    /// alone, present and in words (4.1 §3.2.5; 5.0 §5.3.3).
    fn may_rule(&self, i: usize, secretary_present: bool, ruling: &str) -> Result<(), Refusal> {
        let o = self.open_objection(i)?;
        if !o.test.is_some_and(|t| t.rests_on_constitution()) {
            return refuse(
                "the Secretary rules on an objection tested as resting on the constitution alone (4.1 §3.2.5; 5.0 §5.3.3)",
            );
        }
        if o.ruling.is_some() {
            return refuse("the Secretary has ruled on this objection");
        }
        if !secretary_present || clean_line(ruling).is_empty() {
            return refuse("a ruling needs the Secretary present and their words");
        }
        Ok(())
    }

    /// The facilitator judges the suggested amendment waiting, with a reason; the proposal
    /// goes on only once the proposer argued (4.1 §3.2.6(d); 5.0 §5.3.4(d)).
    fn may_judge(&self, i: usize, goes_on: bool, reason: &str) -> Result<(), Refusal> {
        let Some(s) = self.integrated(i)?.pending_suggestion() else {
            return refuse("no suggested amendment waits for a judgement");
        };
        if goes_on && s.answer.is_none() {
            return refuse(
                "the proposal goes on only once the proposer argued why the amendment fails (4.1 §3.2.6(d); 5.0 §5.3.4(d))",
            );
        }
        if clean_line(reason).is_empty() {
            return refuse("the facilitator gives a reason");
        }
        Ok(())
    }

    /// A new objection round follows amend and clarify, or integration once no objection
    /// blocks (4.1 §3.3.5(f); 5.0 §5.4.5(f) "Once all Objections are resolved, the
    /// Facilitator moves back to the Objection round with the amended Proposal").
    fn may_start_round(&self) -> Result<(), Refusal> {
        if self.versions.is_empty() {
            return refuse("the proposal has no changes yet");
        }
        match self.step {
            IdmStep::Amend if self.round == 0 => Ok(()),
            IdmStep::Integrate if self.integrating().is_some() => {
                refuse("a valid objection is still being integrated")
            }
            IdmStep::Integrate => Ok(()),
            _ => refuse(format!(
                "steps go in order ({IDM_ORDER}): the objection round follows amend and clarify, and again integration"
            )),
        }
    }

    /// Whether the proposal may end with `outcome` now.
    fn may_end(&self, outcome: &Outcome, present: &[usize]) -> Result<(), Refusal> {
        match outcome {
            Outcome::Adopted { version } => {
                if *version != self.versions.len() {
                    return refuse("only the latest version can be adopted");
                }
                if self.round_version != self.versions.len() && self.round > 0 {
                    return refuse(
                        "not adoptable: this version has not had its objection round yet (4.1 §3.2; 5.0 §5.3)",
                    );
                }
                if !self.can_adopt(present) {
                    return refuse(
                        "not adoptable: every present person must answer the objection round and no valid objection may remain",
                    );
                }
                Ok(())
            }
            Outcome::ProcessBreakdown { reason } | Outcome::Dropped { reason }
                if clean_line(reason).is_empty() =>
            {
                refuse("say why: the reason goes on record")
            }
            _ => Ok(()),
        }
    }

    /// Applies an accepted (or logged) event; out-of-range indexes are ignored.
    pub fn apply(&mut self, event: &IdmEvent) {
        match event {
            IdmEvent::Framed {
                tension,
                example,
                role,
                permission,
            } => {
                self.tension = tension.clone();
                self.example = example.clone();
                self.role = *role;
                self.permission = *permission;
            }
            // While the proposer presents, a new draft replaces the one on the table; in amend
            // and clarify or integration every amendment is a new version.
            IdmEvent::Drafted { changes }
                if self.step == IdmStep::Present && !self.versions.is_empty() =>
            {
                if let Some(current) = self.versions.last_mut() {
                    *current = changes.clone();
                }
            }
            IdmEvent::Drafted { changes } => self.versions.push(changes.clone()),
            IdmEvent::StepTo { step } => self.step = *step,
            IdmEvent::Question { question, answer } => {
                self.questions.push((question.clone(), answer.clone()))
            }
            IdmEvent::Reaction { attendee, text } => self.reactions.push((*attendee, text.clone())),
            IdmEvent::NoObjection { attendee } => self.answered.push(*attendee),
            IdmEvent::Objected {
                attendee,
                role,
                text,
                sub_circle,
                permission,
            } => {
                self.answered.push(*attendee);
                let mut o = Objection::new(*attendee, *role, text.clone(), self.round);
                o.sub_circle = *sub_circle;
                o.permission = *permission;
                self.objections.push(o);
            }
            IdmEvent::ValidityTested { answers, exception } => self.validity.push(Validity {
                answers: answers.clone(),
                exception: *exception,
            }),
            IdmEvent::NewRound => {
                self.round += 1;
                self.answered.clear();
                self.step = IdmStep::Object;
                self.round_version = self.versions.len();
            }
            IdmEvent::Ended { outcome } => self.outcome = Some(outcome.clone()),
            _ => self.apply_to_objection(event),
        }
    }

    /// `apply` for the moves about one objection.
    fn apply_to_objection(&mut self, event: &IdmEvent) {
        let i = match event {
            IdmEvent::Tested { objection, .. }
            | IdmEvent::SecretaryRuled { objection, .. }
            | IdmEvent::AmendmentSuggested { objection, .. }
            | IdmEvent::SuggestionAnswered { objection, .. }
            | IdmEvent::SuggestionJudged { objection, .. }
            | IdmEvent::ObjectorSatisfied { objection }
            | IdmEvent::ProposerSatisfied { objection }
            | IdmEvent::Abandoned { objection, .. } => *objection,
            _ => return,
        };
        let Some(o) = self.objections.get_mut(i) else {
            return;
        };
        match event {
            IdmEvent::Tested { test, .. } => o.test = Some(*test),
            IdmEvent::SecretaryRuled {
                secretary,
                breaks,
                ruling,
                ..
            } => {
                o.ruling = Some(Ruling {
                    secretary: *secretary,
                    breaks: *breaks,
                    text: ruling.clone(),
                })
            }
            IdmEvent::AmendmentSuggested { amendment, .. } => o.suggestions.push(Suggestion {
                amendment: amendment.clone(),
                answer: None,
                goes_on: None,
                reason: None,
            }),
            IdmEvent::SuggestionAnswered { answer, .. } => {
                if let Some(s) = o.suggestions.last_mut() {
                    s.answer = Some(answer.clone());
                }
            }
            IdmEvent::SuggestionJudged {
                goes_on, reason, ..
            } => {
                if let Some(s) = o.suggestions.last_mut() {
                    s.goes_on = Some(*goes_on);
                    s.reason = Some(reason.clone());
                }
                if !goes_on {
                    self.outcome = Some(Outcome::Dropped {
                        reason: reason.clone(),
                    });
                }
            }
            IdmEvent::ObjectorSatisfied { .. } | IdmEvent::ProposerSatisfied { .. } => {
                if matches!(event, IdmEvent::ObjectorSatisfied { .. }) {
                    o.objector_confirmed = true;
                } else {
                    o.proposer_confirmed = true;
                }
                if o.objector_confirmed && o.proposer_confirmed {
                    o.state = ObjectionState::Resolved;
                }
            }
            IdmEvent::Abandoned { reason, .. } => {
                o.state = ObjectionState::Abandoned;
                o.reason = (!reason.is_empty()).then(|| reason.clone());
            }
            _ => {}
        }
    }
}

/// A validity test answers each question until the first "no", or (4.1) gives an exception
/// and no answers. How many questions and whether exceptions exist is the rule set's, checked
/// by the meeting (`Rules::validity`).
fn validity_answers(answers: &[bool], exception: bool) -> Result<(), Refusal> {
    if exception {
        return match answers.is_empty() {
            true => Ok(()),
            false => refuse("an exception is given instead of the answers"),
        };
    }
    let stops_at_no = answers.iter().rev().skip(1).all(|a| *a);
    if answers.is_empty() || !stops_at_no {
        return refuse("a validity test answers each question until the first no");
    }
    Ok(())
}
