//! The generated meetings: tactical meetings that go through their checklists, metrics and
//! projects and triage an agenda into next actions, projects and tensions; governance
//! meetings with their rounds, concerns and agenda; solo reviews that answer what is due.
//! Each is written entry by entry through `Log`.
//!
//! Owns: what a generated meeting of each kind says, within its entry budget.
//! Must not import: ratatui, crossterm, tokio.

use super::log::{Counts, Log};
use super::rng::Rng;
use crate::app::meeting_setup::filler_attendee;
use crate::domain::meeting::governance::{GovEvent, GovStep, Governance, ItemKind};
use crate::domain::meeting::tactical::{Event, Reviewed, Step, Tactical};
use crate::domain::meeting::{Attendee, MeetingKind, Output, OutputKind, period_just_ended};
use crate::domain::membership;
use crate::domain::review::{Entry, Review, ReviewEvent, Stop, plan};
use crate::domain::{CircleId, CoreRole, Organisation, PersonId, TensionKind};
use crate::store::{LogOwner, Store, StoreError};
use chrono::{DateTime, NaiveDate, Utc};

const NOTES: [&str; 8] = [
    "Tired but glad to be here",
    "Busy week with the new oven",
    "Distracted by the move, will focus",
    "Good: the orders went out on time",
    "Worried about the weekend rota",
    "Fine, nothing to add",
    "Happy with how the market went",
    "A bit behind on my projects",
];
const LABELS: [&str; 8] = [
    "Rota", "Supplier", "Oven", "Budget", "Website", "Van", "Hiring", "Waste",
];

/// Where and when a meeting happens, and how many entries it may take.
pub struct Slot<'a> {
    pub store: &'a mut Store,
    pub org: &'a mut Organisation,
    pub counts: &'a mut Counts,
    pub rng: &'a mut Rng,
    pub at: DateTime<Utc>,
    pub budget: usize,
}

impl Slot<'_> {
    /// Another slot on the same store and organisation: at `at`, of `budget` entries.
    pub fn again(&mut self, at: DateTime<Utc>, budget: usize) -> Slot<'_> {
        Slot {
            store: &mut *self.store,
            org: &mut *self.org,
            counts: &mut *self.counts,
            rng: &mut *self.rng,
            at,
            budget,
        }
    }
}

/// The circle's invited, nearly all present (never the Facilitator or Secretary absent).
fn attendees(org: &Organisation, circle: CircleId, rng: &mut Rng) -> Vec<Attendee> {
    let chairs: Vec<PersonId> = [CoreRole::Facilitator, CoreRole::Secretary]
        .into_iter()
        .filter_map(|core| org.core_role(circle, core))
        .flat_map(|role| org.fillers_of(role.id).map(|a| a.person))
        .collect();
    membership::members(org, circle)
        .into_iter()
        .map(|m| Attendee {
            present: chairs.contains(&m.person) || !rng.chance(8),
            ..Attendee::member(m.person, org.person_name(m.person).to_string())
        })
        .collect()
}

fn present(attendees: &[Attendee]) -> Vec<usize> {
    (0..attendees.len())
        .filter(|&i| attendees[i].present)
        .collect()
}

/// Check-in (or closing) notes, `n` of them, going round those present.
fn notes(present: &[usize], n: usize, rng: &mut Rng) -> Vec<(usize, String)> {
    (0..n)
        .filter_map(|k| present.get(k % present.len().max(1)).copied())
        .map(|who| (who, rng.pick(&NOTES).to_string()))
        .collect()
}

/// A tactical meeting of `circle`.
pub fn tactical(slot: Slot<'_>, circle: CircleId) -> Result<(), StoreError> {
    let org: &Organisation = slot.org;
    let today = slot.at.date_naive();
    let attendees = attendees(org, circle, slot.rng);
    let here = present(&attendees);
    let reviewed = Reviewed::of(org, circle, today);
    let open: Vec<_> = org
        .tensions_in(circle)
        .filter(|t| t.open && t.kind == TensionKind::Tactical)
        .map(|t| t.id)
        .collect();
    let items = slot.rng.below(4);
    // Entries besides notes: six steps, the reviews, and an item's add, two outputs, close.
    let planned = 6
        + reviewed.checklist.len()
        + reviewed.metrics.len()
        + reviewed.projects.len() / 2
        + items * 4;
    let spare = slot.budget.saturating_sub(2 + planned);
    let first = Event::Started {
        circle,
        facilitator: filler_attendee(org, circle, &attendees, CoreRole::Facilitator),
        secretary: filler_attendee(org, circle, &attendees, CoreRole::Secretary),
        attendees,
        planned_minutes: 60,
        question: "What has your attention right now?".into(),
        checklist: reviewed.checklist.clone(),
        metrics: reviewed.metrics.clone(),
        projects: reviewed.projects.clone(),
        progress: reviewed.progress.clone(),
    };
    let owner = LogOwner::Circle(circle, MeetingKind::Tactical);
    let rng = slot.rng;
    let Some(mut log) = Log::<Tactical>::start(
        slot.store,
        slot.org,
        slot.counts,
        owner,
        slot.at,
        first,
        slot.budget,
    )?
    else {
        return Ok(());
    };
    log_notes(
        &mut log,
        Step::CheckIn,
        &notes(&here, spare.div_ceil(2), rng),
    )?;
    review_items(&mut log, &reviewed, &here, today, rng)?;
    triage(&mut log, &here, &open, items, rng)?;
    log.record(Event::StepChanged {
        step: Step::Closing,
    })?;
    log_notes(&mut log, Step::Closing, &notes(&here, spare / 2, rng))?;
    log.end(Event::Ended)
}

/// The checklist answered, the metrics reported and every other project updated.
fn review_items(
    log: &mut Log<'_, Tactical>,
    reviewed: &Reviewed,
    here: &[usize],
    today: NaiveDate,
    rng: &mut Rng,
) -> Result<(), StoreError> {
    let reporter = |k: usize| here.get(k % here.len().max(1)).copied();
    log.record(Event::StepChanged {
        step: Step::Checklist,
    })?;
    for (k, item) in reviewed.checklist.iter().enumerate() {
        let frequency = log.org().checklist_item(*item).map(|c| c.frequency);
        let Some(frequency) = frequency else { continue };
        log.record(Event::ChecklistAnswered {
            item: *item,
            checked: !rng.chance(15),
            reporter: reporter(k),
            period: period_just_ended(frequency, today),
        })?;
    }
    log.record(Event::StepChanged {
        step: Step::Metrics,
    })?;
    for (k, metric) in reviewed.metrics.iter().enumerate() {
        let Some(frequency) = log.org().metric(*metric).map(|m| m.frequency) else {
            continue;
        };
        let period = period_just_ended(frequency, today);
        if log.org().value_in(*metric, period).is_some() {
            continue;
        }
        log.record(Event::MetricReported {
            metric: *metric,
            value: (rng.below(400) as f64) / 4.0,
            comment: rng.chance(10).then(|| "A holiday week".to_string()),
            reporter: reporter(k),
            period,
        })?;
    }
    log.record(Event::StepChanged {
        step: Step::Progress,
    })?;
    for (k, project) in reviewed
        .projects
        .iter()
        .enumerate()
        .filter(|(k, _)| k % 2 == 0)
    {
        let Some(before) = log.org().project(*project).map(|p| p.status) else {
            continue;
        };
        let done = rng.chance(10);
        log.record(Event::ProjectUpdated {
            project: *project,
            update: (!done).then(|| "Half way there".to_string()),
            status_before: before,
            status: if done {
                crate::domain::ProjectStatus::Done
            } else {
                before
            },
            reporter: reporter(k),
        })?;
    }
    Ok(())
}

fn log_notes(
    log: &mut Log<'_, Tactical>,
    step: Step,
    notes: &[(usize, String)],
) -> Result<(), StoreError> {
    for (attendee, text) in notes {
        log.record(Event::NoteTaken {
            step,
            attendee: *attendee,
            text: text.clone(),
        })?;
    }
    Ok(())
}

/// The agenda of a tactical meeting, each item triaged into two outputs and closed.
fn triage(
    log: &mut Log<'_, Tactical>,
    here: &[usize],
    open: &[crate::domain::TensionId],
    items: usize,
    rng: &mut Rng,
) -> Result<(), StoreError> {
    log.record(Event::StepChanged { step: Step::Agenda })?;
    let mut added = Vec::new();
    for k in 0..items {
        let Some(&owner) = here.get(rng.below(here.len())) else {
            break;
        };
        let label = rng.pick(&LABELS).to_string();
        let tension = open.get(k).copied();
        if log.record(Event::AgendaItemAdded {
            label,
            owner,
            tension,
        })? {
            added.push((log.state.agenda.last().map_or(0, |a| a.seq), owner));
        }
    }
    log.record(Event::StepChanged { step: Step::Triage })?;
    for (item, owner) in added {
        let person = log.state.attendees.get(owner).and_then(|a| a.person);
        let role = person.and_then(|p| log.org().assignments_of(p).next().map(|a| a.role));
        for kind in [OutputKind::NextAction, pick_kind(rng)] {
            let mut output = Output {
                kind,
                text: format!(
                    "{} the {}",
                    rng.pick(&["Ask about", "Fix", "Price"]),
                    rng.pick(&LABELS).to_lowercase()
                ),
                role,
                person,
                accepted_by: None,
                serves: None,
            };
            // As the triage screen asks: a request to a role serves one of the requester's
            // roles (5.0 §3.2(f)); an absent role's output is accepted by someone present
            // (4.1 §4.2.4).
            if kind == OutputKind::Request && role.is_some() {
                output.serves = log
                    .state
                    .represented_roles(log.org(), owner)
                    .first()
                    .copied();
            }
            if log.state.needs_acceptance(log.org(), &output) {
                output.accepted_by = log.state.present().next();
            }
            log.record(Event::OutputAdded { item, output })?;
        }
        log.record(Event::ItemClosed {
            item,
            got_what_needed: !rng.chance(10),
        })?;
    }
    Ok(())
}

fn pick_kind(rng: &mut Rng) -> OutputKind {
    match rng.below(10) {
        0..=3 => OutputKind::Information,
        4..=5 => OutputKind::Project,
        6..=7 => OutputKind::Request,
        8 => OutputKind::Tension,
        _ => OutputKind::NextAction,
    }
}

/// A governance meeting of `circle`: its rounds, concerns and agenda.
pub fn governance(slot: Slot<'_>, circle: CircleId) -> Result<(), StoreError> {
    let org: &Organisation = slot.org;
    let rules = org.rule_set();
    let attendees = attendees(org, circle, slot.rng);
    let here = present(&attendees);
    let open: Vec<_> = org
        .tensions_in(circle)
        .filter(|t| t.open && t.kind == TensionKind::Governance)
        .map(|t| t.id)
        .collect();
    let attendee_of = |core| filler_attendee(org, circle, &attendees, core);
    let first = GovEvent::Started {
        circle,
        facilitator: attendee_of(CoreRole::Facilitator),
        secretary: attendee_of(CoreRole::Secretary),
        lead: attendee_of(CoreRole::Lead),
        incumbents: [CoreRole::Facilitator, CoreRole::Secretary, CoreRole::Rep]
            .into_iter()
            .filter_map(|r| attendee_of(r).map(|a| (r, a)))
            .collect(),
        attendees: attendees.clone(),
        planned_minutes: 90,
        question: "What has your attention right now?".into(),
    };
    let items = 1 + slot.rng.below(3);
    let steps = GovStep::steps(rules);
    let spare = slot.budget.saturating_sub(2 + steps.len() + items);
    let owner = LogOwner::Circle(circle, MeetingKind::Governance);
    let rng = slot.rng;
    let Some(mut log) = Log::<Governance>::start(
        slot.store,
        slot.org,
        slot.counts,
        owner,
        slot.at,
        first,
        slot.budget,
    )?
    else {
        return Ok(());
    };
    let rounds = steps.iter().filter(|s| s.is_round()).count().max(1);
    for (k, step) in steps.iter().enumerate() {
        if k > 0 {
            log.record(GovEvent::StepChanged { step: *step })?;
        }
        let says = match step {
            GovStep::AdminConcerns => notes(&here, 1, rng),
            s if s.is_round() => notes(&here, spare / rounds, rng),
            _ => vec![],
        };
        for (attendee, text) in says {
            log.record(GovEvent::NoteTaken {
                step: *step,
                attendee,
                text,
            })?;
        }
        if *step == GovStep::Agenda {
            for i in 0..items {
                let Some(&owner) = here.get(rng.below(here.len())) else {
                    break;
                };
                log.record(GovEvent::ItemAdded {
                    label: rng.pick(&LABELS).to_string(),
                    owner,
                    kind: ItemKind::Proposal,
                    tension: open.get(i).copied(),
                })?;
            }
        }
    }
    log.end(GovEvent::Ended)
}

/// A person's solo review: each due checklist item answered, each due metric reported, a
/// next action here and there.
pub fn review(slot: Slot<'_>, person: PersonId) -> Result<(), StoreError> {
    let stops = plan(slot.org, person, slot.at.date_naive());
    let first = ReviewEvent::Started {
        person,
        stops: stops.clone(),
    };
    let rng = slot.rng;
    let Some(mut log) = Log::<Review>::start(
        slot.store,
        slot.org,
        slot.counts,
        LogOwner::Person(person),
        slot.at,
        first,
        slot.budget,
    )?
    else {
        return Ok(());
    };
    for (at, stop) in stops.iter().enumerate() {
        if at > 0 && !log.record(ReviewEvent::Moved { index: at })? {
            break;
        }
        let entry = match *stop {
            Stop::Checklist { item, period } => Some(Entry::Checklist {
                item,
                period,
                checked: !rng.chance(20),
            }),
            Stop::Metric { metric, period } => Some(Entry::Metric {
                metric,
                period,
                value: rng.below(100) as f64,
            }),
            Stop::Accountability { role, .. } if rng.chance(20) => Some(Entry::NextAction {
                role: Some(role),
                text: "Write down how this is done".into(),
            }),
            _ => None,
        };
        if let Some(entry) = entry {
            log.record(ReviewEvent::Recorded { at, entry })?;
        }
    }
    log.end(ReviewEvent::Ended)
}
