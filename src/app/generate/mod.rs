//! `roundtable generate`: a large, realistic organisation on demand, for trying the program
//! and benchmarking it at scale. The structure is an organisation file imported like any
//! other; the history is meetings of every kind recorded entry by entry through the domain's
//! flows and the store, in batches of one transaction, so it folds and exports like meetings
//! held at the keyboard. The same sizes and seed always write the same database.
//!
//! Owns: the sizes, the schedule of meetings over the years, and the report of what was made.
//! Must not import: ratatui, crossterm, tokio.

mod log;
mod meetings;
mod org;
mod rng;
mod work;

use crate::domain::{CircleId, Organisation, PersonId};
use crate::store::prelude::*;
use crate::store::{Store, StoreError};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
pub use log::Counts;
use meetings::Slot;
use rng::Rng;
use std::fmt;

/// How large an organisation to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sizes {
    pub circles: usize,
    /// Every role, the core roles of each circle included.
    pub roles: usize,
    pub people: usize,
    pub meetings: usize,
    /// Entries of all the meetings together (each meeting has at least two).
    pub entries: usize,
    /// Over how many years the meetings were held, ending on `LAST_DAY`.
    pub years: u32,
    pub seed: u64,
}

impl Default for Sizes {
    fn default() -> Sizes {
        Sizes {
            circles: 1_000,
            roles: 14_000,
            people: 5_000,
            meetings: 50_000,
            entries: 1_000_000,
            years: 1,
            seed: 1,
        }
    }
}

/// The day the generated history ends (fixed, so a seed always gives the same database).
pub fn last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default()
}

/// Meetings written per transaction: large enough that the disk is not waited for per
/// entry, small enough that the `-wal` file stays modest.
const MEETINGS_PER_BATCH: usize = 250;

/// What was generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    pub circles: usize,
    pub roles: usize,
    pub people: usize,
    pub checklist_items: usize,
    pub metrics: usize,
    pub projects: usize,
    pub next_actions: usize,
    pub policies: usize,
    pub tensions: usize,
    pub counts: Counts,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
}

impl fmt::Display for Made {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.counts;
        writeln!(
            f,
            "{} circles, {} roles, {} people; {} checklist items, {} metrics, {} projects, {} next actions, {} policies, {} tensions",
            self.circles,
            self.roles,
            self.people,
            self.checklist_items,
            self.metrics,
            self.projects,
            self.next_actions,
            self.policies,
            self.tensions
        )?;
        write!(
            f,
            "{} meetings ({} tactical, {} governance, {} solo reviews) from {} to {}, {} entries",
            c.tactical + c.governance + c.reviews,
            c.tactical,
            c.governance,
            c.reviews,
            self.first_day,
            self.last_day,
            c.entries
        )?;
        if c.work > 0 {
            write!(f, " ({} of them own work between meetings)", c.work)?;
        }
        if c.refused > 0 {
            write!(f, " ({} refused by the rules and left out)", c.refused)?;
        }
        Ok(())
    }
}

/// Writes a generated organisation of `sizes` into `store`, which must hold none yet.
pub fn generate(store: &mut Store, sizes: &Sizes) -> Result<Made, StoreError> {
    if let Some(name) = store.organisation_name()? {
        return Err(StoreError::AlreadyHasOrganisation(name));
    }
    let mut rng = Rng::new(sizes.seed);
    // Adopted at the start of the history, so that the same seed writes the same database.
    let adopted = (last_day() - Duration::days(365 * i64::from(sizes.years.max(1))))
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc();
    store.adopt(
        &org::org_file(sizes, &mut rng),
        &crate::store::Adopted::at(adopted),
    )?;
    record_history(store, sizes, &mut rng)
}

/// Records `sizes.meetings` meetings (of `sizes.entries` entries, over `sizes.years`) on the
/// organisation the store already holds, the demo say; the other sizes are not used.
pub fn history(store: &mut Store, sizes: &Sizes) -> Result<Made, StoreError> {
    record_history(store, sizes, &mut Rng::new(sizes.seed))
}

fn record_history(store: &mut Store, sizes: &Sizes, rng: &mut Rng) -> Result<Made, StoreError> {
    // Every report held: the generator asks what each circle's roles reported already.
    let mut org = store
        .load_whole_organisation()?
        .ok_or(StoreError::NoOrganisation)?;
    let first_day = last_day() - Duration::days(365 * i64::from(sizes.years.max(1)));
    let circles: Vec<CircleId> = org.records().circles.iter().map(|c| c.id).collect();
    let people: Vec<PersonId> = org
        .people()
        .iter()
        .map(|p| p.id)
        .filter(|&p| org.assignments_of(p).next().is_some())
        .collect();
    let mut counts = Counts::default();
    let mut work = work::WorkLogs::default();
    let mut done = 0;
    while done < sizes.meetings {
        let end = (done + MEETINGS_PER_BATCH).min(sizes.meetings);
        store.batch(|store| {
            for m in done..end {
                let slot = Slot {
                    at: when(m, sizes.meetings, first_day),
                    budget: (sizes.entries.saturating_sub(counts.entries) / (sizes.meetings - m))
                        .max(2),
                    store: &mut *store,
                    org: &mut org,
                    counts: &mut counts,
                    rng: &mut *rng,
                };
                meeting(slot, (m, &mut work), &circles, &people)?;
            }
            Ok(())
        })?;
        done = end;
    }
    Ok(made(&org, counts, first_day))
}

/// Which kind meeting `m` is (seven in ten tactical, two governance, one a solo review
/// followed by some of the person's own work in `work`'s logs), whose, and records it.
fn meeting(
    slot: Slot<'_>,
    (m, work): (usize, &mut work::WorkLogs),
    circles: &[CircleId],
    people: &[PersonId],
) -> Result<(), StoreError> {
    match m % 10 {
        0..=6 if !circles.is_empty() => {
            let circle = circles[slot.rng.below(circles.len())];
            slot.counts.tactical += 1;
            meetings::tactical(slot, circle)
        }
        7..=8 if !circles.is_empty() => {
            let circle = circles[slot.rng.below(circles.len())];
            slot.counts.governance += 1;
            meetings::governance(slot, circle)
        }
        _ if !people.is_empty() => {
            let person = people[slot.rng.below(people.len())];
            slot.counts.reviews += 1;
            let mut slot = slot;
            let (at, budget) = (slot.at, slot.budget);
            meetings::review(slot.again(at, budget), person)?;
            // Afterwards, a few entries of their own work ("My work").
            let entries = 1 + slot.rng.below(4);
            let own = slot.again(at + Duration::hours(2), entries);
            work::session(own, work, person).map(drop)
        }
        _ => Ok(()),
    }
}

/// When meeting `m` of `total` starts: spread evenly from `first_day` to `last_day()`, in
/// working hours.
fn when(m: usize, total: usize, first_day: NaiveDate) -> DateTime<Utc> {
    let days = (last_day() - first_day).num_days().max(1) as usize;
    let day = first_day + Duration::days((m * days / total.max(1)) as i64);
    let hour = 8 + (m % 9) as u32;
    let start = day.and_hms_opt(hour, 0, 0).unwrap_or_default();
    Utc.from_utc_datetime(&start)
}

fn made(org: &Organisation, counts: Counts, first_day: NaiveDate) -> Made {
    let r = org.records();
    Made {
        circles: r.circles.len(),
        roles: r.roles.len(),
        people: r.people.len(),
        checklist_items: r.checklist.len(),
        metrics: r.metrics.len(),
        projects: r.projects.len(),
        next_actions: r.next_actions.len(),
        policies: r.policies.len(),
        tensions: r.tensions.len(),
        counts,
        first_day,
        last_day: last_day(),
    }
}
