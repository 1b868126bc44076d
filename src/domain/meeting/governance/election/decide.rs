//! Whether an election event may happen now: each refusal names the rule (and its article)
//! that refuses it.
//!
//! Owns: `Election::decide`. Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or
//! the clock.

use super::{Election, ElectionEvent, ElectionStep, Seats, TieBreak};
use crate::domain::meeting::governance::idm::{NO_ROLE_RULE, ObjectionState, ROLE_QUESTION};
use crate::domain::meeting::tactical::Refusal;
use crate::domain::rules::TieRule;
use crate::domain::text::clean_line;
use chrono::NaiveDate;

fn refuse<T>(m: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal::new(m))
}

impl Election {
    /// The article of the election process, for refusals: "5.0 §5.3.5".
    fn article(&self) -> &'static str {
        self.rules.rules().election.article
    }

    /// A term must be set, and end after the day of the meeting (4.1 §3.3.6(a) "identify the
    /// target Role and term"; 5.0 §5.3.5(a) "chooses a term").
    fn check_term(&self, term_end: NaiveDate) -> Result<(), Refusal> {
        if term_end <= self.held_on {
            return refuse(format!(
                "the term must end after today's meeting ({}(a))",
                self.article()
            ));
        }
        Ok(())
    }

    /// Whether `event` may happen now, given who is present and who is a member.
    pub fn decide(&self, event: &ElectionEvent, seats: &Seats) -> Result<(), Refusal> {
        if self.elected.is_some() {
            return refuse("the election is over");
        }
        match event {
            ElectionEvent::StepTo { step } => self.decide_step(*step, seats),
            ElectionEvent::Proposed { candidate, tie } => self.decide_proposal(*candidate, *tie),
            ElectionEvent::Elect => self.decide_elect(seats),
            ElectionEvent::NoObjection { .. }
            | ElectionEvent::Objected { .. }
            | ElectionEvent::Tested { .. }
            | ElectionEvent::Resolved { .. }
            | ElectionEvent::Abandoned { .. } => self.decide_objection_round(event, seats),
            ElectionEvent::TermAmended { .. }
            | ElectionEvent::NewRound
            | ElectionEvent::SetAside { .. } => self.decide_integration(event, seats),
            _ => self.decide_nomination(event, seats),
        }
    }

    /// Refused, saying `what` the rule is, unless the election is at `step`.
    fn in_step(&self, step: ElectionStep, what: &str) -> Result<(), Refusal> {
        if self.step == step {
            Ok(())
        } else {
            refuse(format!("{what} ({})", self.article()))
        }
    }

    /// The role described, the ballots and their reasons, the nomination changes and a tie
    /// settled by nominating again (4.1 §3.3.6(a)–(e); 5.0 §5.3.5(a)–(e)).
    fn decide_nomination(&self, event: &ElectionEvent, seats: &Seats) -> Result<(), Refusal> {
        let article = self.article();
        match event {
            ElectionEvent::Described { term_end } => {
                self.in_step(ElectionStep::Describe, "the term is set before the ballots")?;
                self.check_term(*term_end)
            }
            ElectionEvent::Ballot { voter, nominee } => {
                self.in_step(
                    ElectionStep::Ballots,
                    "ballots are cast after the role is described and before the nomination round",
                )?;
                if !seats.present.contains(voter) || self.ballots.iter().any(|(v, _)| v == voter) {
                    return refuse("one ballot per present attendee");
                }
                self.eligible(*nominee, seats)
            }
            ElectionEvent::Reason { voter, reason } => {
                self.in_step(
                    ElectionStep::Nominations,
                    "reasons are given in the nomination round",
                )?;
                if self.next_to_read().map(|(v, _)| v) != Some(*voter) {
                    return refuse("each ballot is read in turn");
                }
                if clean_line(reason).is_empty() {
                    return refuse("the ballot's author says why their nominee fits");
                }
                Ok(())
            }
            ElectionEvent::Changed { voter, nominee, .. } => {
                self.asked_to_change(*voter)?;
                if self.ballots.contains(&(*voter, *nominee)) {
                    return refuse("that is their nomination already: Enter records no change");
                }
                if let Some(tied) = &self.renominate_among
                    && !tied.contains(nominee)
                {
                    return refuse(format!(
                        "the nomination changes to one of the tied candidates ({article}(e)(iv))"
                    ));
                }
                self.eligible(*nominee, seats)
            }
            ElectionEvent::Kept { voter } => {
                self.asked_to_change(*voter)?;
                if self.renominate_among.is_some() {
                    return refuse(format!(
                        "whoever nominated someone not tied changes to one of the tied ({article}(e)(iv))"
                    ));
                }
                Ok(())
            }
            ElectionEvent::Propose { .. } | ElectionEvent::Discard => {
                refuse("this entry of an older version is no longer made")
            }
            ElectionEvent::Renominate => {
                self.in_step(ElectionStep::Count, "a tie is settled at the count")?;
                match self
                    .tie_options()
                    .iter()
                    .any(|o| o.rule == TieRule::Renominate)
                {
                    true => Ok(()),
                    false => refuse("nobody nominated someone outside the tie"),
                }
            }
            _ => refuse("not an entry of the nomination"),
        }
    }

    /// The objection round on a proposed candidate: answers in turn, their tests, an
    /// objection resolved or abandoned.
    fn decide_objection_round(&self, event: &ElectionEvent, seats: &Seats) -> Result<(), Refusal> {
        match event {
            ElectionEvent::NoObjection { attendee } | ElectionEvent::Objected { attendee, .. } => {
                self.in_step(
                    ElectionStep::Objections,
                    "objections come after a candidate is proposed",
                )?;
                if self.next_to_answer(&seats.present) != Some(*attendee) {
                    return refuse(match self.rules.rules().election.candidate_asked_last {
                        Some(article) => {
                            format!("each is asked in turn, the candidate last ({article})")
                        }
                        None => "each is asked in turn".into(),
                    });
                }
                if let ElectionEvent::Objected { text, .. } = event
                    && clean_line(text).is_empty()
                {
                    return refuse("state the objection");
                }
                Ok(())
            }
            ElectionEvent::Tested { objection, test } => match self.objections.get(*objection) {
                Some(o) if o.state != ObjectionState::Open => refuse("no such open objection"),
                Some(o) if o.role.is_none() && test.answers[ROLE_QUESTION] => {
                    refuse(format!("Not valid on that test: {NO_ROLE_RULE}."))
                }
                Some(_) => Ok(()),
                None => refuse("no such open objection"),
            },
            ElectionEvent::Resolved { objection } => match self.objections.get(*objection) {
                Some(o) if o.state == ObjectionState::Open => Ok(()),
                _ => refuse("no such open objection"),
            },
            ElectionEvent::Abandoned { objection, reason } => {
                match self.objections.get(*objection) {
                    Some(o) if o.state == ObjectionState::Open => {}
                    _ => return refuse("no such open objection"),
                }
                if clean_line(reason).is_empty() {
                    return refuse("say why the objection is abandoned");
                }
                Ok(())
            }
            _ => refuse("not an entry of the objection round"),
        }
    }

    /// Integrating objections to the candidate: the term amended, a new round, or the
    /// candidate set aside.
    fn decide_integration(&self, event: &ElectionEvent, seats: &Seats) -> Result<(), Refusal> {
        match event {
            ElectionEvent::TermAmended { term_end } => {
                self.in_step(
                    ElectionStep::Objections,
                    "the term is amended to integrate an objection",
                )?;
                // A term missing from an older log's election can always be set.
                if self.term_end.is_some() && self.this_round().next().is_none() {
                    return refuse(
                        "the term is amended to integrate an objection: none was raised in this round",
                    );
                }
                if Some(*term_end) == self.term_end {
                    return refuse("that is the term already proposed");
                }
                self.check_term(*term_end)
            }
            ElectionEvent::NewRound => {
                self.in_step(
                    ElectionStep::Objections,
                    "objection rounds are on a proposed candidate",
                )?;
                self.round_complete(seats)?;
                if self.this_round().any(|(_, o)| o.blocks()) {
                    return refuse("a valid objection is still open: integrate it first");
                }
                if self.this_round().next().is_none() {
                    return refuse("nobody objected: the candidate can be elected");
                }
                Ok(())
            }
            ElectionEvent::SetAside { reason } => {
                self.in_step(ElectionStep::Objections, "no candidate is proposed")?;
                let rules = &self.rules.rules().election;
                if self.this_round().next().is_none() {
                    return refuse(format!(
                        "a proposal is discarded only when objections are raised ({})",
                        rules.discard
                    ));
                }
                if rules.discard_after_round && self.next_to_answer(&seats.present).is_some() {
                    return refuse(format!(
                        "the proposal is discarded after the objection round or during integration ({})",
                        rules.discard
                    ));
                }
                if clean_line(reason).is_empty() {
                    return refuse("say why the candidate is set aside");
                }
                Ok(())
            }
            _ => refuse("not an entry of integrating objections"),
        }
    }

    /// The nominee may be elected, else the rule that keeps them out.
    fn eligible(&self, nominee: usize, seats: &Seats) -> Result<(), Refusal> {
        match self.ineligible(nominee, seats) {
            Some(why) => refuse(format!("not eligible: {why}")),
            None => Ok(()),
        }
    }

    /// `voter` is the one the change round asks now.
    fn asked_to_change(&self, voter: usize) -> Result<(), Refusal> {
        if self.step != ElectionStep::Changes {
            return refuse("nominations change in the nomination change round");
        }
        if self.next_to_change() != Some(voter) {
            return refuse(format!(
                "each voter is asked in turn ({}(d))",
                self.article()
            ));
        }
        Ok(())
    }

    fn decide_step(&self, step: ElectionStep, seats: &Seats) -> Result<(), Refusal> {
        let article = self.article();
        match (self.step, step) {
            (ElectionStep::Ballots, ElectionStep::Nominations) => {
                if seats
                    .present
                    .iter()
                    .all(|p| self.ballots.iter().any(|(v, _)| v == p))
                {
                    Ok(())
                } else {
                    refuse(format!(
                        "everyone present casts a ballot first: no abstaining ({article}(b))"
                    ))
                }
            }
            (ElectionStep::Nominations, ElectionStep::Changes) => match self.next_to_read() {
                None => Ok(()),
                Some(_) => refuse(format!(
                    "every ballot is read with its reason before the change round ({article}(c))"
                )),
            },
            (ElectionStep::Changes, ElectionStep::Count) => match self.next_to_change() {
                None => Ok(()),
                Some(_) => refuse(format!(
                    "each voter is asked whether they change their nomination first ({article}(d))"
                )),
            },
            _ => refuse(format!("the election goes {} next", self.next_step_name())),
        }
    }

    fn next_step_name(&self) -> &'static str {
        match self.step {
            ElectionStep::Describe => "to the ballots once the term is set",
            ElectionStep::Ballots => "to the nomination round",
            ElectionStep::Nominations => "to the nomination change round",
            ElectionStep::Changes => "to the count",
            ElectionStep::Count => "to the objection round with a proposal",
            ElectionStep::Objections => "to its result",
        }
    }

    /// The count proposes `candidate`: the only one with the most nominations, or a tied one
    /// by an option that applies (4.1 §3.3.6(e); 5.0 §5.3.5(e)).
    fn decide_proposal(&self, candidate: usize, tie: Option<TieBreak>) -> Result<(), Refusal> {
        if self.step != ElectionStep::Count {
            return refuse("the proposal is made at the count");
        }
        let tied = self.top();
        let article = self.article();
        match (tied.len(), tie) {
            (0, _) => refuse("every nominee has been set aside: there is nobody to propose"),
            (1, None) if tied[0] == candidate => Ok(()),
            (1, _) => refuse(format!(
                "the candidate with the most nominations is proposed ({article}(e))"
            )),
            (_, None) => refuse(format!(
                "there is a tie: choose one of the options the constitution lists ({article}(e))"
            )),
            (_, Some(TieBreak::Random { seed })) => match self.drawn(seed) == Some(candidate) {
                true => Ok(()),
                false => refuse("that is not the candidate the draw picked"),
            },
            (_, Some(how)) => {
                let applies = self
                    .tie_options()
                    .iter()
                    .any(|o| o.rule == how.rule() && o.candidate == Some(candidate));
                match applies {
                    true => Ok(()),
                    false => refuse(format!(
                        "{} does not apply to this tie ({article}(e))",
                        how.describe()
                    )),
                }
            }
        }
    }

    /// Everyone present has answered the objection round under way.
    fn round_complete(&self, seats: &Seats) -> Result<(), Refusal> {
        match self.next_to_answer(&seats.present) {
            None => Ok(()),
            Some(_) => refuse(match self.rules.rules().election.candidate_asked_last {
                Some(article) => {
                    format!(
                        "everyone, the candidate last, is asked for objections first ({article})"
                    )
                }
                None => "everyone is asked for objections first".into(),
            }),
        }
    }

    fn decide_elect(&self, seats: &Seats) -> Result<(), Refusal> {
        if self.proposed.is_none() || self.step != ElectionStep::Objections {
            return refuse("no candidate is proposed");
        }
        self.round_complete(seats)?;
        if self.this_round().any(|(_, o)| o.blocks()) {
            return refuse(
                "a valid objection is unresolved: integrate it or set the candidate aside",
            );
        }
        if self
            .this_round()
            .any(|(_, o)| o.state == ObjectionState::Resolved)
        {
            return refuse("an objection was integrated: everyone is asked again first");
        }
        if self.term_end.is_none() {
            return refuse(format!(
                "the proposal names a term: amend it first ({}(a))",
                self.article()
            ));
        }
        Ok(())
    }
}
