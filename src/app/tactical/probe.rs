//! Which entry a key's action would record in the tactical meeting right now, with stand-in
//! words where the typing goes and the reporter the entry would name. The hint bar asks the
//! meeting (`Flow::may`) about it and leaves off the keys it would refuse (say, `c` and `x` on
//! a checklist item nobody present answers for, until `b` names who does); `act` asks the
//! same before a prompt opens, so a key left off is refused with the reason if pressed.
//!
//! Owns: that mapping, and which keys only explain on the row selected (`idle`). Actions that
//! only move the selection, or whose entry is decided by
//! a later choice, are `None`: never left off. Must not import: tokio; must not draw.

use super::{TacticalScreen, reporter, review_keys};
use crate::app::keys::Action;
use crate::domain::meeting::flow::STAND_IN;
use crate::domain::meeting::tactical::{
    Event, ProgressItem, Step, Tactical, reported_accountabilities,
};
use crate::domain::meeting::{Output, OutputKind};
use crate::domain::{Organisation, RoleId};
use chrono::NaiveDate;

/// The role whose accountabilities row (4.1 §4.2.3(d)) is at `i` of the progress list.
fn accountabilities_of(state: &Tactical, i: usize) -> Option<RoleId> {
    match state.progress.get(i) {
        Some(ProgressItem::Accountabilities(role)) => Some(*role),
        _ => None,
    }
}

/// Whether `action` does nothing on the row selected now but say so: the keys of a project
/// (no updates, done, waiting, current, asking for and ending updates) on a role's
/// accountabilities row, where only Enter reports (4.1 §4.2.3(d)). Left off the hint bar.
pub(crate) fn idle(screen: &TacticalScreen, action: Action) -> bool {
    let state = &screen.state;
    state.step == Step::Progress
        && accountabilities_of(state, state.cursor(Step::Progress)).is_some()
        && matches!(
            action,
            Action::NoUpdates
                | Action::MarkDone
                | Action::MarkWaiting
                | Action::MarkCurrent
                | Action::AskUpdates
                | Action::EndUpdates
        )
}

/// The entry `action` would record now, if it records one the meeting could refuse.
pub(crate) fn probe(
    screen: &TacticalScreen,
    org: &Organisation,
    action: Action,
    today: NaiveDate,
) -> Option<Event> {
    let state = &screen.state;
    let step = state.step;
    match (step, action) {
        (_, Action::NextStep) => step.next().map(|to| Event::StepChanged { step: to }),
        (_, Action::PreviousStep) => step.previous().map(|to| Event::StepChanged { step: to }),
        (_, Action::OneMoreMinute) => Some(Event::TimeAdded { minutes: 1 }),
        (Step::CheckIn | Step::Closing, Action::Open) => {
            state.speaker().map(|attendee| Event::NoteTaken {
                step,
                attendee,
                text: STAND_IN.to_string(),
            })
        }
        (Step::Checklist, Action::Check | Action::NoCheck) => {
            checklist_answer(screen, org, action == Action::Check, today)
        }
        (Step::Metrics, Action::Open) => {
            let metric = *state.metrics.get(state.cursor(step))?;
            let value = (metric, 0.0, None);
            Some(state.metric_entry(org, value, reporter(screen, org), today))
        }
        (Step::Progress, _) => progress_entry(screen, org, action),
        (Step::Agenda | Step::Triage, _) => agenda_entry(state, action),
        _ => None,
    }
}

/// The entry `action` would record on the progress row under the cursor: a role's
/// accountabilities (4.1 §4.2.3(d)) or a project.
fn progress_entry(screen: &TacticalScreen, org: &Organisation, action: Action) -> Option<Event> {
    let state = &screen.state;
    let i = state.cursor(Step::Progress);
    let text = || STAND_IN.to_string();
    match action {
        Action::Open if accountabilities_of(state, i).is_some() => {
            // Enter picks one of the role's accountabilities; the entry is the same for each.
            let role = accountabilities_of(state, i)?;
            let accountability = reported_accountabilities(org, state.circle, role)
                .into_iter()
                .next()?;
            Some(Event::AccountabilityReported {
                role,
                accountability,
                update: text(),
                reporter: reporter(screen, org),
            })
        }
        Action::Open
        | Action::NoUpdates
        | Action::MarkDone
        | Action::MarkWaiting
        | Action::MarkCurrent => project_update(screen, org, action),
        Action::AskUpdates => {
            let project = state.project_at(i)?;
            let by = state.update_askers(org, project).first().copied()?;
            Some(Event::UpdatesRequested { project, by })
        }
        Action::EndUpdates => Some(Event::UpdateRequestEnded {
            project: state.project_at(i)?,
            reporter: reporter(screen, org),
        }),
        _ => None,
    }
}

/// The entry `action` would record on the agenda or in triage: an item added or deleted, an
/// output of the item being triaged, or the item closed.
fn agenda_entry(state: &Tactical, action: Action) -> Option<Event> {
    let text = || STAND_IN.to_string();
    match (state.step, action) {
        (Step::Agenda | Step::Triage, Action::AddItem) => Some(Event::AgendaItemAdded {
            label: text(),
            owner: state.present().next()?,
            tension: None,
        }),
        (Step::Agenda, Action::DeleteItem) => state
            .current_item()
            .map(|item| Event::AgendaItemDeleted { item }),
        (Step::Triage, Action::Open) => Some(Event::OutputAdded {
            item: state.current_item()?,
            output: Output {
                kind: OutputKind::Information,
                text: text(),
                role: None,
                person: None,
                accepted_by: None,
                serves: None,
            },
        }),
        (Step::Triage, Action::CloseItem) => Some(Event::ItemClosed {
            item: state.current_item()?,
            got_what_needed: true,
        }),
        _ => None,
    }
}

/// The answer to the checklist item under the cursor, for the period it reviews (`today`
/// for an item the organisation no longer has).
pub(super) fn checklist_answer(
    screen: &TacticalScreen,
    org: &Organisation,
    checked: bool,
    today: NaiveDate,
) -> Option<Event> {
    let state = &screen.state;
    let item = *state.checklist.get(state.cursor(Step::Checklist))?;
    let period = org
        .checklist_item(item)
        .map_or(today, |c| state.period_for(c.frequency));
    Some(Event::ChecklistAnswered {
        item,
        checked,
        reporter: reporter(screen, org),
        period,
    })
}

/// The update a progress key would record on the project under the cursor: none for a
/// status it already has, which is only told about (`review_keys::project_update`).
fn project_update(screen: &TacticalScreen, org: &Organisation, action: Action) -> Option<Event> {
    let state = &screen.state;
    let text = || STAND_IN.to_string();
    let project = org.project(state.project_at(state.cursor(Step::Progress))?)?;
    let status = review_keys::status_after(action, project.status);
    // A status it has already is only told about (`review_keys::project_update`).
    let moves = matches!(action, Action::Open | Action::NoUpdates);
    (moves || status != project.status).then(|| Event::ProjectUpdated {
        project: project.id,
        update: (action != Action::NoUpdates).then(text),
        status_before: project.status,
        status,
        reporter: reporter(screen, org),
    })
}
