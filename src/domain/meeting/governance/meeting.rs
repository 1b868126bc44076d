//! A governance meeting as a pure state machine over its log: check-in round, administrative
//! concerns (4.1 only), agenda building (proposals and elections; an election goes first when
//! anyone asks), processing each item with integrative decision-making or an integrative
//! election, and the closing round; time outs under 5.0.
//!
//! Owns: the meeting's steps, items, time outs, and turning adoptions and elections into
//! effects on the governance record. Must not import: rusqlite, ratatui, crossterm, tokio,
//! std::fs, or the clock.

use super::election::{Election, ElectionEvent, Seats};
pub use super::events::{GovEvent, GovItem, GovStep, Interpretation, ItemKind, Special, TimeOut};
use super::idm::{IdmEvent, Outcome, Proposal};
use crate::domain::ids::*;
use crate::domain::meeting::flow::{self, Recorded};
use crate::domain::meeting::rounds::{Note, Rounds};
use crate::domain::meeting::tactical::Refusal;
use crate::domain::meeting::{Attendee, Effect};
use crate::domain::membership::{self, Part};
use crate::domain::org::Organisation;
use crate::domain::ruleset::{CoreRole, RuleSet};
use crate::domain::text::clean_line;
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// A governance meeting folded from its events.
#[derive(Debug, Clone, PartialEq)]
pub struct Governance {
    pub circle: CircleId,
    pub rules: RuleSet,
    pub attendees: Vec<Attendee>,
    pub facilitator: Option<usize>,
    pub secretary: Option<usize>,
    pub planned_minutes: u32,
    pub question: String,
    pub lead: Option<usize>,
    pub incumbents: Vec<(CoreRole, usize)>,
    pub started_at: DateTime<Utc>,
    pub step: GovStep,
    /// The furthest step the meeting reached (it may have gone back since): what ending it
    /// leaves out comes after this one.
    pub furthest: GovStep,
    pub step_started_at: DateTime<Utc>,
    pub extra_minutes: i64,
    pub rounds: Rounds<GovStep>,
    pub cursors: [usize; 5],
    pub items: Vec<GovItem>,
    /// The agenda as it stands, by item sequence number.
    pub order: Vec<u64>,
    pub time_outs: Vec<TimeOut>,
    pub ended_at: Option<DateTime<Utc>>,
    /// Sequence numbers of the entries standing (not taken back), oldest first.
    pub entries: Vec<u64>,
    /// Items taken off the agenda, with the sequence number of their removal.
    pub removed: Vec<(u64, GovItem)>,
    /// Items in the order their processing began (the first entry recorded for each): the
    /// order the minutes list them in, whatever the agenda's order became.
    pub taken_up: Vec<u64>,
    /// Entries that drew an election's candidate at random: they cannot be taken back.
    pub draws: Vec<u64>,
    /// Elections someone asked to go first, with who asked: they stay before all others.
    pub first: Vec<(u64, Option<usize>)>,
    /// The Secretary's rulings on the constitution and the governance, in order.
    pub interpretations: Vec<Interpretation>,
    /// The scheduled end was reached and not yet extended (5.0 §5.4.2).
    pub time_up: bool,
    /// Each extension: the Secretary who extended it and by how many minutes.
    pub extensions: Vec<(usize, u32)>,
    /// The request that made this a special meeting, if one did.
    pub special: Option<Special>,
    /// Process breakdowns declared in the meeting: who declared, and why.
    pub breakdowns: Vec<(usize, String)>,
}

fn refuse<T>(m: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal::new(m))
}

impl Governance {
    /// Rebuilds a meeting from its log, skipping retracted entries.
    pub fn fold(log: &[Recorded<GovEvent>], rules: RuleSet) -> Result<Governance, Refusal> {
        flow::fold(log, rules)
    }

    /// The meeting as its first event (`Started`) sets it up.
    pub(super) fn start(first: &Recorded<GovEvent>, rules: RuleSet) -> Result<Governance, Refusal> {
        let Recorded {
            at,
            event:
                GovEvent::Started {
                    circle,
                    attendees,
                    facilitator,
                    secretary,
                    planned_minutes,
                    question,
                    lead,
                    incumbents,
                },
            ..
        } = first
        else {
            return refuse("a governance meeting starts with its setup");
        };
        let attendees: Vec<Attendee> = attendees.iter().map(Attendee::normalised).collect();
        membership::check_guests(rules.rules(), &attendees).map_err(Refusal::new)?;
        let scope = rules.rules().guests.scope;
        let order: Vec<usize> = (0..attendees.len())
            .filter(|&i| attendees[i].takes_part(scope, Part::Rounds))
            .collect();
        if order.is_empty() {
            return refuse("nobody is marked present");
        }
        let meeting = Governance {
            circle: *circle,
            rules,
            attendees,
            facilitator: *facilitator,
            secretary: *secretary,
            planned_minutes: *planned_minutes,
            question: question.clone(),
            lead: *lead,
            incumbents: incumbents.clone(),
            started_at: *at,
            step: GovStep::CheckIn,
            furthest: GovStep::CheckIn,
            step_started_at: *at,
            extra_minutes: 0,
            rounds: Rounds::new(GovStep::CheckIn, order, *at),
            cursors: [0; 5],
            items: Vec::new(),
            order: Vec::new(),
            time_outs: Vec::new(),
            ended_at: None,
            entries: Vec::new(),
            removed: Vec::new(),
            taken_up: Vec::new(),
            draws: Vec::new(),
            first: Vec::new(),
            interpretations: Vec::new(),
            time_up: false,
            extensions: Vec::new(),
            special: None,
            breakdowns: Vec::new(),
        };
        Ok(meeting)
    }

    /// Who is present, the members (not guests), present or absent, and everyone filling
    /// the circle's Lead in `org`: an election's voters, eligible candidates, and those the
    /// rule set may keep out of a role.
    pub fn seats(&self, org: &Organisation) -> Seats {
        let fill_lead: Vec<_> = org
            .core_role(self.circle, CoreRole::Lead)
            .map(|r| org.fillers_of(r.id).map(|a| a.person).collect())
            .unwrap_or_default();
        Seats {
            present: self.present(),
            members: (0..self.attendees.len())
                .filter(|&i| !self.attendees[i].is_guest() && !self.attendees[i].observer)
                .collect(),
            leads: (0..self.attendees.len())
                .filter(|&i| {
                    Some(i) == self.lead
                        || self.attendees[i]
                            .person
                            .is_some_and(|p| fill_lead.contains(&p))
                })
                .collect(),
        }
    }

    /// The attendees who take part now, in the rounds, answers and ballots of the current
    /// step: present and not observers; while items are processed, a guest whose rule set
    /// limits them to their tension only in that tension's item, never in an election (5.0
    /// §5.4.1).
    pub fn present(&self) -> Vec<usize> {
        let item = match self.step {
            GovStep::Items => self.current_item(),
            _ => None,
        };
        self.taking_part(item)
    }

    /// The attendees who take part in `item` (`None`: outside any item).
    pub fn taking_part(&self, item: Option<&GovItem>) -> Vec<usize> {
        let scope = self.rules.rules().guests.scope;
        let part = item.map_or(Part::Rounds, GovItem::part);
        (0..self.attendees.len())
            .filter(|&i| self.attendees[i].takes_part(scope, part))
            .collect()
    }

    pub fn item(&self, seq: u64) -> Option<&GovItem> {
        self.items.iter().find(|i| i.seq == seq)
    }

    fn item_mut(&mut self, seq: u64) -> Option<&mut GovItem> {
        self.items.iter_mut().find(|i| i.seq == seq)
    }

    /// The item under the cursor while processing items.
    pub fn current_item(&self) -> Option<&GovItem> {
        self.order
            .get(self.cursors[GovStep::Items.index()])
            .and_then(|&s| self.item(s))
    }

    /// The attendee speaking in a round.
    pub fn speaker(&self) -> Option<usize> {
        self.step
            .is_round()
            .then(|| {
                self.rounds
                    .order
                    .get(self.cursors[self.step.index()])
                    .copied()
            })
            .flatten()
    }

    /// The attendee's name as the meeting knows it.
    pub fn name_of(&self, attendee: usize) -> &str {
        self.attendees
            .get(attendee)
            .map_or("?", |a| a.name.as_str())
    }

    /// When the current step's timebox ends: its share of the planned time after it began.
    pub fn step_deadline(&self) -> DateTime<Utc> {
        let secs = i64::from(self.planned_minutes) * 60 * self.step.share_percent() / 100;
        self.step_started_at + Duration::seconds(secs)
    }

    /// The entry that `u` would take back: the last one standing.
    pub fn last_entry(&self) -> Option<u64> {
        self.entries.last().copied()
    }

    /// When the meeting is planned to end (5.0 ends it then unless extended).
    pub fn deadline(&self) -> DateTime<Utc> {
        self.started_at + Duration::minutes(i64::from(self.planned_minutes) + self.extra_minutes)
    }

    /// A time out in progress.
    pub fn in_time_out(&self) -> bool {
        self.time_outs
            .last()
            .is_some_and(|t| t.granted && t.ended.is_none())
    }

    fn len_of(&self, step: GovStep) -> usize {
        match step {
            GovStep::CheckIn | GovStep::Closing => self.rounds.order.len(),
            GovStep::AdminConcerns => 0,
            GovStep::Agenda | GovStep::Items => self.order.len(),
        }
    }

    /// What holds for every entry: none once the meeting has ended, and during a time out
    /// (5.0 §5.4.3) only notes, taking back, and ending it.
    pub(super) fn gate(&self, event: &GovEvent) -> Result<(), Refusal> {
        if self.ended_at.is_some() {
            return refuse("the meeting has ended");
        }
        if self.in_time_out()
            && !matches!(
                event,
                GovEvent::TimeOutEnded
                    | GovEvent::NoteTaken { .. }
                    | GovEvent::Retracted { .. }
                    | GovEvent::Interpreted { .. }
            )
        {
            return refuse("a time out is running: only logistics and the rules; end it first");
        }
        self.gate_time_up(event)
    }

    /// Whether `event` may happen now, and its effects on the governance record.
    pub fn decide(&self, event: &GovEvent, org: &Organisation) -> Result<Vec<Effect>, Refusal> {
        self.gate(event)?;
        let present = self.present();
        let none = Ok(Vec::new());
        match event {
            GovEvent::Started { .. } => refuse("the meeting has already started"),
            GovEvent::StepChanged { step } if !GovStep::steps(self.rules).contains(step) => refuse(
                format!("{} is not a step under {}", step.title(), self.rules),
            ),
            GovEvent::StepChanged { .. } => none,
            GovEvent::TimeAdded { .. }
            | GovEvent::TimeUp
            | GovEvent::Extended { .. }
            | GovEvent::Interpreted { .. }
            | GovEvent::SpecialRequested { .. }
            | GovEvent::RequesterAllows { .. } => {
                self.decide_time_and_rulings(event, org).map(|_| vec![])
            }
            // A breakdown is a state of the circle until restored (4.1 §3.5.3; 5.0 §5.5.2).
            GovEvent::BreakdownDeclared { by, reason, .. } => {
                self.decide_time_and_rulings(event, org)?;
                Ok(vec![Effect::DeclareBreakdown {
                    circle: self.circle,
                    declared_by: self.name_of(*by).to_string(),
                    reason: clean_line(reason),
                }])
            }
            GovEvent::CursorMoved { step, index }
                if *step == self.step && *index < self.len_of(*step) =>
            {
                none
            }
            GovEvent::CursorMoved { .. } => refuse("nothing there"),
            GovEvent::NoteTaken {
                step,
                attendee,
                text,
            } => {
                if *step != self.step || !(step.is_round() || *step == GovStep::AdminConcerns) {
                    return refuse("notes belong to the rounds and the administrative concerns");
                }
                if !present.contains(attendee) || clean_line(text).is_empty() {
                    return refuse("a note needs a present attendee and words");
                }
                none
            }
            GovEvent::ItemAdded {
                label,
                owner,
                kind,
                tension,
            } => self.decide_item_added((label, *owner, kind, *tension), org),
            GovEvent::ItemMoved { .. }
            | GovEvent::ItemRemoved { .. }
            | GovEvent::ElectionFirst { .. } => self.decide_agenda_change(event),
            GovEvent::Proposal { item, event } => self.decide_on_proposal(*item, event, org),
            GovEvent::Election { item, event } => self.decide_on_election(*item, event, org),
            GovEvent::TimeOut { asked_by, .. } => {
                if !self.rules.rules().time_outs {
                    return refuse(format!(
                        "under {} there are no time outs: raise it as an administrative concern instead",
                        self.rules
                    ));
                }
                if !present.contains(asked_by) {
                    return refuse("only someone present can ask for a time out");
                }
                none
            }
            GovEvent::TimeOutEnded => match self.in_time_out() {
                true => none,
                false => refuse("no time out is running"),
            },
            GovEvent::Retracted { seq } => self.decide_retraction(*seq),
            GovEvent::Ended => Ok(self.ending_effects()),
        }
    }

    /// Applies an accepted (or logged) event; anything out of range is ignored.
    pub fn apply(&mut self, entry: &Recorded<GovEvent>) {
        let (seq, at, event) = (entry.seq, entry.at, &entry.event);
        if event.is_entry() {
            self.entries.push(seq);
        }
        match event {
            GovEvent::Started { .. } | GovEvent::Retracted { .. } => {}
            GovEvent::StepChanged { step } => self.enter_step(*step, at),
            GovEvent::CursorMoved { step, index } if *step == self.step => {
                self.move_cursor(*index, at);
            }
            GovEvent::CursorMoved { .. } => {}
            GovEvent::NoteTaken {
                step,
                attendee,
                text,
            } => {
                self.rounds.notes.push(Note {
                    seq,
                    step: *step,
                    attendee: *attendee,
                    text: text.clone(),
                });
            }
            GovEvent::ItemAdded { .. }
            | GovEvent::ItemMoved { .. }
            | GovEvent::ItemRemoved { .. }
            | GovEvent::ElectionFirst { .. } => self.apply_agenda(seq, event),
            GovEvent::Proposal { item, event } => self.apply_to_proposal(*item, event),
            GovEvent::Election { item, event } => self.apply_to_election(seq, *item, event),
            GovEvent::TimeOut { asked_by, granted } => {
                self.time_outs.push(TimeOut {
                    asked_by: *asked_by,
                    granted: *granted,
                    started: at,
                    ended: (!granted).then_some(at),
                });
            }
            GovEvent::TimeOutEnded => {
                if let Some(t) = self.time_outs.last_mut() {
                    t.ended = Some(at);
                }
            }
            GovEvent::TimeAdded { .. }
            | GovEvent::TimeUp
            | GovEvent::Extended { .. }
            | GovEvent::Interpreted { .. }
            | GovEvent::SpecialRequested { .. }
            | GovEvent::RequesterAllows { .. }
            | GovEvent::BreakdownDeclared { .. } => self.apply_time_and_rulings(seq, event),
            GovEvent::Ended => {
                self.end_turn(at);
                self.ended_at = Some(at);
            }
        }
    }

    /// The meeting goes on (or back) to `step`; a round's turns start over.
    fn enter_step(&mut self, step: GovStep, at: DateTime<Utc>) {
        self.end_turn(at);
        self.step = step;
        if step.index() > self.furthest.index() {
            self.furthest = step;
        }
        self.step_started_at = at;
        if step.is_round() {
            self.rounds.enter(step, at);
        }
    }

    /// The selection moves to `index` of the step being held; in a round, the next speaker's
    /// turn starts.
    fn move_cursor(&mut self, index: usize, at: DateTime<Utc>) {
        self.end_turn(at);
        self.cursors[self.step.index()] = index;
        if self.step.is_round() {
            self.rounds.speaker_since = Some(at);
        }
    }

    /// An entry of item `item`'s proposal, which takes the item up.
    fn apply_to_proposal(&mut self, item: u64, event: &IdmEvent) {
        self.take_up(item);
        if let Some(p) = self.item_mut(item).and_then(|i| i.proposal.as_mut()) {
            p.apply(event);
        }
    }

    /// An entry of item `item`'s election, which takes the item up (a draw is kept by its
    /// sequence number `seq`).
    fn apply_to_election(&mut self, seq: u64, item: u64, event: &ElectionEvent) {
        self.take_up(item);
        if event.is_draw() {
            self.draws.push(seq);
        }
        if let Some(e) = self.item_mut(item).and_then(|i| i.election.as_mut()) {
            e.apply(event);
        }
    }

    /// Ends the speaker's turn, if a round is being held.
    fn end_turn(&mut self, at: DateTime<Utc>) {
        let speaker = self.speaker();
        self.rounds.end_turn(self.step, speaker, at);
    }

    /// An agenda item added, moved, removed, or an election asked to go first.
    fn apply_agenda(&mut self, seq: u64, event: &GovEvent) {
        match event {
            GovEvent::ItemAdded {
                label,
                owner,
                kind,
                tension,
            } => {
                let item = self.new_item(seq, (label, *owner, *tension), *kind);
                self.items.push(item);
                let at = self.place_for_new_item(*owner);
                self.order.insert(at, seq);
            }
            GovEvent::ItemMoved { item, to } => {
                if let Some(from) = self.order.iter().position(|s| s == item)
                    && *to < self.order.len()
                {
                    self.order.remove(from);
                    self.order.insert(*to, *item);
                    self.cursors[self.step.index()] = *to;
                }
            }
            GovEvent::ItemRemoved { item } => {
                self.order.retain(|s| s != item);
                if let Some(at) = self.items.iter().position(|i| i.seq == *item) {
                    let gone = self.items.remove(at);
                    self.removed.push((seq, gone));
                }
                let at = &mut self.cursors[self.step.index()];
                *at = (*at).min(self.order.len().saturating_sub(1));
            }
            GovEvent::ElectionFirst { item, asked_by } => {
                self.first.push((*item, *asked_by));
                if let Some(pos) = self.order.iter().position(|s| s == item) {
                    let seq = self.order.remove(pos);
                    self.order.insert(0, seq);
                    // The selection follows the election to the top, in the same entry.
                    if self.step == GovStep::Agenda {
                        self.cursors[GovStep::Agenda.index()] = 0;
                    }
                }
            }
            _ => {}
        }
    }

    /// The item the entry `seq` adds: a proposal of its owner's, or an election with the
    /// role's incumbent and the term the rule set gives.
    fn new_item(
        &self,
        seq: u64,
        (label, owner, tension): (&str, usize, Option<TensionId>),
        kind: ItemKind,
    ) -> GovItem {
        let (proposal, election) = match kind {
            ItemKind::Proposal => (Some(Proposal::new(owner)), None),
            ItemKind::Election { role, term_end } => {
                let incumbent = self
                    .incumbents
                    .iter()
                    .find(|(r, _)| *r == role)
                    .map(|(_, a)| *a);
                (
                    None,
                    Some(Election::new(
                        role,
                        self.rules,
                        (term_end, self.started_at.date_naive()),
                        self.lead,
                        incumbent,
                    )),
                )
            }
        };
        GovItem {
            seq,
            label: label.to_string(),
            owner,
            tension,
            kind,
            proposal,
            election,
        }
    }

    /// Notes that processing of `item` has begun, if it had not.
    fn take_up(&mut self, item: u64) {
        if !self.taken_up.contains(&item) {
            self.taken_up.push(item);
        }
    }

    /// The items on the agenda in the order the meeting processed them: those taken up in
    /// the order their processing began, then those never taken up, in agenda order.
    pub fn processing_order(&self) -> Vec<&GovItem> {
        let untouched = self.order.iter().filter(|s| !self.taken_up.contains(s));
        self.taken_up
            .iter()
            .chain(untouched)
            .filter_map(|&s| self.item(s))
            .collect()
    }

    /// Items whose processing adopted something, for the record: (item, version adopted).
    pub fn adopted(&self) -> Vec<(&GovItem, usize)> {
        self.items
            .iter()
            .filter_map(|i| match i.proposal.as_ref()?.outcome {
                Some(Outcome::Adopted { version }) => Some((i, version)),
                _ => None,
            })
            .collect()
    }

    /// People elected in this meeting: (role, attendee, term end).
    pub fn elected(&self) -> Vec<(CoreRole, usize, Option<NaiveDate>)> {
        self.items
            .iter()
            .filter_map(|i| i.election.as_ref())
            .filter_map(|e| e.elected.map(|who| (e.role, who, e.term_end)))
            .collect()
    }
}
