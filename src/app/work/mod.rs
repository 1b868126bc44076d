//! "My work" in the shell: opening a person's work log (started the first time), and what
//! each key does on the selected line. Every entry goes through the journal's commit:
//! decided by the `Work` flow, written with its effects in one transaction, then shown.
//!
//! Owns: the screen's actions, and putting its forms (`domain::work::form`) on screen and
//! recording what they finish. Must not import: tokio; must not draw.

use super::forms::{self, Driven};
use super::keys::{self, Action, Binding};
use super::modal::Outcome;
use super::{App, Screen};
use crate::domain::meeting::flow::Recorded;
use crate::domain::work::form::{Context, Finished, Form, saying};
use crate::domain::work::lists::Line;
use crate::domain::work::{Work, WorkEntry, WorkEvent, notes};
use crate::domain::{
    CircleId, MeetingId, Organisation, PersonId, ProjectId, ProjectStatus, TensionKind,
};
use crate::store::prelude::*;
use crate::ui::Modal;
use crate::ui::work::shown;
pub use screen::WorkScreen;

mod screen;
use chrono::{DateTime, Utc};

/// Opens the person's work log, starting it the first time.
pub fn begin(app: &mut App, person: PersonId) {
    let opened = match app.store.open_work(person) {
        Ok(Some(id)) => app
            .store
            .meeting_events::<WorkEvent>(id)
            .map(|log| (id, log)),
        Ok(None) => {
            let now = app.now();
            let first = WorkEvent::Started { person };
            app.store.start_work(person, now, &first).map(|id| {
                let log = vec![Recorded {
                    seq: 1,
                    at: now,
                    event: first,
                }];
                (id, log)
            })
        }
        Err(e) => Err(e),
    };
    match opened {
        Ok((id, log)) => match Work::fold(&log) {
            Ok(state) => show(app, id, log, state),
            Err(e) => app.error(e.0),
        },
        Err(e) => app.start_failed(e),
    }
}

fn show(app: &mut App, meeting: MeetingId, log: Vec<Recorded<WorkEvent>>, state: Work) {
    app.view.screen = Screen::Work(Box::new(WorkScreen::new(meeting, log, state)));
    app.resume_entry();
}

fn screen(app: &mut App) -> Option<&mut WorkScreen> {
    <WorkScreen as forms::FormScreen>::of(&mut app.view.screen)
}

/// Decides, writes and shows one entry. Returns whether it was recorded.
fn record(app: &mut App, entry: WorkEntry) -> bool {
    commit(app, WorkEvent::Recorded { entry })
}

/// Records an entry that takes a line off the list (a next action done, a project moved, a
/// tension dropped) and says what it did, so that the line's going is not a mystery.
fn record_saying(app: &mut App, entry: WorkEntry) {
    let Some(org) = app.view.org.clone() else {
        return;
    };
    let said = saying(&org, &entry);
    drop(org);
    if record(app, entry) {
        app.info(said);
    }
}

fn commit(app: &mut App, event: WorkEvent) -> bool {
    let recorded = app.commit(event, <WorkScreen as forms::FormScreen>::of);
    // The entry joins the histories in memory too (the role's, "as of a date"); one taken
    // back stays in them, marked (what it changed is taken back by its `Effect::Undo`).
    let note = screen(app).filter(|_| recorded).and_then(|s| {
        // The entry just recorded, or the one a taking back just named.
        let named = match s.log.last().map(|r| &r.event) {
            Some(WorkEvent::Retracted { seq }) => Some(*seq),
            _ => None,
        };
        notes::newest_first(s.state.person, &s.log).find(|n| named.is_none_or(|seq| n.seq == seq))
    });
    if let Some(note) = note {
        app.note_work(note);
    }
    recorded
}

/// The selected line, as the screen shows it now.
fn selected_line(screen: &WorkScreen, org: &Organisation, now: DateTime<Utc>) -> Option<Line> {
    let lines = shown(org, &screen.state, now.date_naive());
    let at = screen.selected.min(lines.len().saturating_sub(1));
    lines.into_iter().nth(at)
}

/// The key table for the selected line (or the open modal).
pub fn table(
    screen: &WorkScreen,
    org: Option<&Organisation>,
    now: DateTime<Utc>,
) -> &'static [Binding] {
    if let Some(modal) = &screen.modal {
        return super::modal::table(modal);
    }
    match org.and_then(|org| selected_line(screen, org, now)) {
        Some(Line::NextAction { .. }) => keys::WORK_ACTION,
        Some(Line::Project {
            status: ProjectStatus::Waiting,
            ..
        }) => keys::WORK_WAITING_PROJECT,
        Some(Line::Project { .. }) => keys::WORK_CURRENT_PROJECT,
        Some(Line::Tension { .. }) => keys::WORK_TENSION,
        _ => keys::WORK,
    }
}

/// Runs `f` with My work's form, its modal, and what the form is decided against.
fn with_form<R>(
    app: &mut App,
    f: impl FnOnce(&mut Option<Modal>, &mut Form, &Context<'_>) -> R,
) -> Option<R> {
    forms::with_form::<WorkScreen, R>(app, f)
}

/// The form on screen asked again against the organisation as it now stands.
pub(in crate::app) fn ask_again(app: &mut App) {
    with_form(app, forms::ask_again);
}

/// Puts `form` on the screen with its question open.
fn ask(app: &mut App, form: Form) {
    with_form(app, |modal, slot, at| forms::ask(modal, slot, form, at));
}

/// Moves the selection within `len` lines.
fn move_selection(screen: &mut WorkScreen, action: Action, len: usize) {
    let last = len.saturating_sub(1);
    let at = screen.selected.min(last);
    screen.selected = match action {
        Action::Up => at.saturating_sub(1),
        Action::Down => (at + 1).min(last),
        Action::PageUp => at.saturating_sub(10),
        Action::PageDown => (at + 10).min(last),
        Action::Top => 0,
        _ => last,
    };
}

/// A key's action on "My work".
pub fn act(app: &mut App, action: Action) {
    let Some(org) = app.view.org.clone() else {
        return;
    };
    let now = app.now();
    let Some(screen) = screen(app) else { return };
    let lines = shown(&org, &screen.state, now.date_naive());
    let line = lines
        .get(screen.selected.min(lines.len().saturating_sub(1)))
        .cloned();
    let person = screen.state.person;
    let role = line.as_ref().and_then(Line::role);
    match (action, line) {
        (
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom,
            _,
        ) => move_selection(screen, action, lines.len()),
        (Action::Leave | Action::Back, _) => app.go_home(),
        (Action::StartReview, _) => super::review::begin(app, person),
        (Action::Retract, _) => match screen.state.last_entry() {
            Some((seq, _, _)) => {
                let seq = *seq;
                ask(app, Form::Retract(seq));
            }
            None => app.info("Nothing recorded here yet to take back."),
        },
        (Action::AddNextAction, _) => ask(app, Form::NextAction(role)),
        (Action::AddProject, _) => match role.and_then(|r| org.role(r)) {
            Some(r) => ask(app, Form::Project(r.id)),
            None => app.info("A project belongs to a role: select one of your roles first."),
        },
        (Action::MarkDone, Some(Line::NextAction { action, .. })) => {
            record_saying(app, WorkEntry::NextActionDone { action });
        }
        (
            Action::MarkDone | Action::MarkWaiting | Action::MarkCurrent,
            Some(Line::Project {
                project,
                status: before,
                ..
            }),
        ) => mark_project(app, action, project, before),
        (Action::DropTension, Some(Line::Tension { tension, .. })) => {
            ask(app, Form::Drop(tension));
        }
        (Action::TacticalTension | Action::GovernanceTension, _) => {
            let kind = if action == Action::TacticalTension {
                TensionKind::Tactical
            } else {
                TensionKind::Governance
            };
            pick_circle(app, &org, person, kind, role.and_then(|r| org.role(r)));
        }
        _ => {}
    }
}

/// Records a project's new status, as the key says (done, waiting, current), with the one it
/// had.
fn mark_project(app: &mut App, action: Action, project: ProjectId, before: ProjectStatus) {
    let status = match action {
        Action::MarkDone => ProjectStatus::Done,
        Action::MarkWaiting => ProjectStatus::Waiting,
        _ => ProjectStatus::Current,
    };
    let entry = WorkEntry::ProjectStatus {
        project,
        status_before: before,
        status,
    };
    record_saying(app, entry);
}

/// Asks which circle a tension is for: the selected role's circle first, then the person's
/// other circles.
fn pick_circle(
    app: &mut App,
    org: &Organisation,
    person: PersonId,
    kind: TensionKind,
    selected: Option<&crate::domain::Role>,
) {
    let mut circles: Vec<CircleId> = selected.map(|r| r.circle).into_iter().collect();
    for a in org.assignments_of(person) {
        if let Some(role) = org.role(a.role)
            && !circles.contains(&role.circle)
        {
            circles.push(role.circle);
        }
    }
    if circles.is_empty() {
        return app.info("You fill no role yet: a tension is noted for a circle you are in.");
    }
    ask(app, Form::TensionCircle(kind, circles));
}

/// What a modal's outcome does to the form on screen; a finished one is recorded.
pub fn outcome(app: &mut App, outcome: Outcome) {
    let driven = with_form(app, |modal, slot, at| {
        forms::drive(modal, slot, outcome, at)
    });
    match driven {
        None | Some(Driven::Nothing) => {}
        Some(Driven::Refused(why)) => app.error(why),
        Some(Driven::Done(Finished { event, then })) => {
            if commit(app, event)
                && let Some(then) = then
            {
                app.info(then);
            }
        }
    }
}
