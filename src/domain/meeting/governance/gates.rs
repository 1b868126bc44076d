//! What a governance meeting's rule set and organisation require of an entry beyond the
//! item it is about: a proposal's changes the circle can take, the roles a speaker
//! represents, the rule set's validity test, the meeting's Secretary ruling.
//!
//! Owns: those checks, as part of `Governance::decide`. Must not import: rusqlite, ratatui,
//! crossterm, tokio, std::fs, or the clock.

use super::change::Change;
use super::events::{GovEvent, Interpretation, Special};
use super::idm::Outcome;
use super::idm::{IdmEvent, Proposal};
use super::meeting::Governance;
use super::represent;
use super::validate::validate;
use crate::domain::ids::RoleId;
use crate::domain::meeting::tactical::Refusal;
use crate::domain::org::Organisation;
use crate::domain::rules::Declarer;
use crate::domain::text::clean_line;

fn refuse<T>(m: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal::new(m))
}

fn idm_rules_article(g: &Governance) -> &'static str {
    g.rules.rules().breakdown_article
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
            IdmEvent::Drafted { changes } => {
                self.within_limits(changes)?;
                validate(org, self.circle, self.rules, changes)
                    .map(drop)
                    .map_err(Refusal::new)
            }
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
            // A breakdown is declared by someone the rule set names (`BreakdownDeclared`).
            IdmEvent::Ended {
                outcome: Outcome::ProcessBreakdown { .. },
            } => refuse(format!(
                "a process breakdown is declared by whom {} allows ({}), with its reason",
                self.rules,
                idm_rules_article(self)
            )),
            // 4.1 §3.2.5; 5.0 §5.3.3: "the Facilitator may ask the Circle's Secretary".
            IdmEvent::SecretaryRuled { secretary, .. } if self.secretary != Some(*secretary) => {
                refuse("only the meeting's Secretary rules on the constitution")
            }
            _ => Ok(()),
        }
    }

    /// Whether moving `item` to place `to` keeps the agenda's fixed order: every election
    /// someone asked first before every other item (4.1 §3.3.4(b) "the Facilitator must place
    /// any agenda item calling for an election ... before all other agenda items, if
    /// requested by any meeting participant"; 5.0 §5.4.4 "on request of a meeting
    /// participant, any agenda item calling for an election must go before all others"), and
    /// under 4.1 a special meeting's requester's items before the others' (§3.3.4(b)).
    pub(super) fn keeps_agenda_order(&self, item: u64, to: usize) -> Result<(), Refusal> {
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
        if let Some(requester) = self.requester_first() {
            let theirs = |s: &u64| self.item(*s).is_some_and(|i| i.owner == requester);
            let rest = &order[firsts..];
            let leading = rest.iter().take_while(|s| theirs(s)).count();
            if rest.iter().skip(leading).any(theirs) {
                return refuse(format!(
                    "{} asked for this special meeting: their items go before the others' (4.1 §3.3.4(b))",
                    self.name_of(requester)
                ));
            }
        }
        Ok(())
    }

    /// The requester of a special meeting whose items go first under the rule set (4.1),
    /// unless they allowed otherwise (4.1 §3.3.4(b)).
    fn requester_first(&self) -> Option<usize> {
        let special = self.special.as_ref().filter(|s| !s.allows_otherwise)?;
        self.rules
            .rules()
            .special
            .requesters_items_first
            .then_some(special.requester)
    }

    /// Where a new item by `owner` goes on the agenda: at the end, except that under 4.1 a
    /// special meeting's requester's items go after the elections asked first and their own
    /// earlier items, before everyone else's (§3.3.4(b)).
    pub(super) fn place_for_new_item(&self, owner: usize) -> usize {
        match self.requester_first() {
            Some(requester) if requester == owner => self
                .order
                .iter()
                .take_while(|s| {
                    self.first.iter().any(|(f, _)| f == *s)
                        || self.item(**s).is_some_and(|i| i.owner == requester)
                })
                .count(),
            _ => self.order.len(),
        }
    }

    /// Under 5.0, a special meeting limited to some roles changes only those (§5.4 "only
    /// making changes within the stated limits").
    fn within_limits(&self, changes: &[Change]) -> Result<(), Refusal> {
        let Some(special) = self.special.as_ref().filter(|s| !s.limits.is_empty()) else {
            return Ok(());
        };
        let touched = |c: &Change| match c {
            Change::AmendRole { role, .. }
            | Change::RemoveRole { role }
            | Change::MoveRole { role, .. } => Some(*role),
            _ => None,
        };
        if changes
            .iter()
            .all(|c| touched(c).is_some_and(|r| special.limits.contains(&r)))
        {
            return Ok(());
        }
        refuse(
            "this special meeting may change only the roles its requester named (5.0 §5.4): amend or remove those",
        )
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
    pub(super) fn decide_time_and_rulings(
        &self,
        event: &GovEvent,
        org: &Organisation,
    ) -> Result<(), Refusal> {
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
            GovEvent::SpecialRequested {
                requester,
                intent,
                limits,
            } => self.decide_special_request(*requester, intent, limits, org),
            GovEvent::RequesterAllows { requester } => self.decide_requester_allows(*requester),
            GovEvent::BreakdownDeclared { by, reason, item } => {
                self.may_declare_breakdown(*by, *item)?;
                if clean_line(reason).is_empty() {
                    return refuse("a process breakdown is declared with its reason");
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

    /// A special meeting's request (4.1 §3.3.4; 5.0 §5.4.4): recorded once, before the
    /// agenda, by its requester present, with an intent and limits only where the rule set
    /// has them, the limits naming roles of this circle.
    fn decide_special_request(
        &self,
        requester: usize,
        intent: &str,
        limits: &[RoleId],
        org: &Organisation,
    ) -> Result<(), Refusal> {
        let present = self.present();
        if self.special.is_some() || !self.items.is_empty() {
            return refuse("a special meeting's request is recorded once, before the agenda");
        }
        if !present.contains(&requester) {
            return refuse("the member who requested the meeting is present to record it");
        }
        if !self.rules.rules().special.intent_and_limits
            && (!clean_line(intent).is_empty() || !limits.is_empty())
        {
            return refuse(format!(
                "under {} a special meeting has no intent or limits; its requester's items go first (4.1 §3.3.4(b))",
                self.rules
            ));
        }
        if limits
            .iter()
            .any(|r| org.role(*r).is_none_or(|r| r.circle != self.circle))
        {
            return refuse("the limits name roles of this circle");
        }
        Ok(())
    }

    /// The requester of a special meeting allows others' items before theirs (4.1
    /// §3.3.4(b)), once.
    fn decide_requester_allows(&self, requester: usize) -> Result<(), Refusal> {
        let present = self.present();
        let Some(special) = &self.special else {
            return refuse("only a special meeting's requester allows otherwise");
        };
        if !self.rules.rules().special.requesters_items_first {
            return refuse(format!(
                "under {} the requester orders the agenda (5.0 §5.4.4)",
                self.rules
            ));
        }
        if special.requester != requester || !present.contains(&requester) {
            return refuse(format!(
                "{} requested the meeting: only they allow others' items first (4.1 §3.3.4(b))",
                self.name_of(special.requester)
            ));
        }
        if special.allows_otherwise {
            return refuse("the requester has allowed it already");
        }
        Ok(())
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
            GovEvent::BreakdownDeclared { by, reason, item } => {
                self.breakdowns.push((*by, reason.clone()));
                let proposal = item
                    .and_then(|seq| self.items.iter_mut().find(|i| i.seq == seq))
                    .and_then(|i| i.proposal.as_mut());
                if let Some(p) = proposal.filter(|p| p.outcome.is_none()) {
                    p.outcome = Some(Outcome::ProcessBreakdown {
                        reason: reason.clone(),
                    });
                }
            }
            GovEvent::SpecialRequested {
                requester,
                intent,
                limits,
            } => {
                self.special = Some(Special {
                    requester: *requester,
                    intent: intent.clone(),
                    limits: limits.clone(),
                    allows_otherwise: false,
                })
            }
            GovEvent::RequesterAllows { .. } => {
                if let Some(special) = &mut self.special {
                    special.allows_otherwise = true;
                }
            }
            _ => {}
        }
    }

    /// Whether `by` may declare a process breakdown now, ending `item` if given: someone the
    /// rule set names, present (`Rules::breakdown_declarers`).
    fn may_declare_breakdown(&self, by: usize, item: Option<u64>) -> Result<(), Refusal> {
        let rules = self.rules.rules();
        let proposer = item
            .and_then(|seq| self.item(seq))
            .and_then(|i| i.proposal.as_ref())
            .map(|p| p.proposer);
        let may = |d: &Declarer| match d {
            Declarer::Facilitator => self.facilitator == Some(by),
            Declarer::Secretary => self.secretary == Some(by),
            Declarer::SpecialRequester => {
                self.special.as_ref().is_some_and(|s| s.requester == by) && proposer == Some(by)
            }
        };
        if !self.present().contains(&by) || !rules.breakdown_declarers.iter().any(may) {
            return refuse(format!(
                "{} may not declare a process breakdown ({})",
                self.name_of(by),
                rules.breakdown_article
            ));
        }
        if let Some(seq) = item {
            match self.item(seq).and_then(|i| i.proposal.as_ref()) {
                Some(p) if p.outcome.is_none() => {}
                _ => return refuse("the breakdown ends an open proposal, or none"),
            }
        }
        Ok(())
    }
}
