//! What each key does in a tactical meeting: every entry goes through `record`, which asks
//! the meeting whether it may happen, writes it with its effects in one transaction, and
//! only then shows it.
//!
//! Owns: the meeting's actions, multi-part entries (drafts), and who reports for an item.
//! Must not import: tokio; must not draw.

use super::App;
use super::keys::{self, Action, Binding};
mod outcomes;
pub(crate) mod probe;
mod review_keys;
mod screen;
mod shell;

use crate::app::Screen;
use crate::domain::Organisation;
use crate::domain::meeting::rounds::shuffle;
use crate::domain::meeting::tactical::{Cover, Event, Form, ReporterChoice, Step};
use outcomes::{ask, offer_tensions};
pub(super) use outcomes::{ask_again, outcome};
pub use screen::TacticalScreen;
pub(super) use shell::Shell;
use std::sync::Arc;

/// The meeting shown, if it is a tactical meeting.
fn of(screen: &mut Screen) -> Option<&mut TacticalScreen> {
    match screen {
        Screen::Tactical(s) => Some(s),
        _ => None,
    }
}

pub(super) fn screen(app: &mut App) -> Option<&mut TacticalScreen> {
    of(&mut app.view.screen)
}

/// Decides, writes and shows one event. Returns whether it was recorded; a refusal or a
/// failed write becomes the status line and changes nothing.
pub fn record(app: &mut App, event: Event) -> bool {
    app.commit(event, of)
}

/// Whether the meeting would take an entry like `event` now (`Flow::may`): asked before a
/// prompt, picker or question opens for it. A refusal becomes the status line.
pub(super) fn may(app: &mut App, event: &Event) -> bool {
    app.may(event, of)
}

pub(super) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |c| {
        c.to_uppercase().chain(chars).collect::<String>() + "."
    })
}

pub(super) fn org(app: &App) -> Option<Arc<Organisation>> {
    app.view.org.clone()
}

/// Who reports for the current item: the one chosen with `b`, else whoever covers its role
/// (a present filler, else the present Lead: 4.1 §4.2.4), else nobody yet: the meeting then
/// refuses the entry until `b` names someone present who accepts.
pub fn reporter(screen: &TacticalScreen, org: &Organisation) -> Option<usize> {
    let state = &screen.state;
    let at = state.cursor(state.step);
    if let Some(chosen) = screen.reporter.and_then(|c| c.at(state.step, at)) {
        return Some(chosen);
    }
    let role = state.review_role(org, state.step, state.cursor(state.step))?;
    match state.cover(org, role) {
        Cover::Filler(i) | Cover::Lead(i) => Some(i),
        Cover::Nobody => None,
    }
}

fn move_cursor(app: &mut App, delta: isize) {
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    let len = state.len_of(state.step);
    let index = state
        .cursor(state.step)
        .checked_add_signed(delta)
        .filter(|&i| i < len);
    match index {
        Some(index) => {
            screen.reporter = None;
            record(
                app,
                Event::CursorMoved {
                    step: app_step(app),
                    index,
                },
            );
        }
        None if delta > 0 && len > 0 => app.info("That was the last one: > goes to the next step."),
        None => {}
    }
}

fn app_step(app: &App) -> Step {
    match &app.view.screen {
        Screen::Tactical(s) => s.state.step,
        _ => Step::CheckIn,
    }
}

/// After an entry for the current item (the domain has moved the cursor on): the reporter
/// chosen with `b` was for that item only.
pub(super) fn answered(app: &mut App) {
    if let Some(screen) = screen(app) {
        screen.reporter = None;
    }
}

/// Asks whether to end the meeting, saying what ending now leaves out.
fn ask_end(app: &mut App) {
    ask(app, Form::EndMeeting);
}

/// The key table for the current step (or the open modal).
pub fn table(screen: &TacticalScreen) -> &'static [Binding] {
    if let Some(modal) = &screen.modal {
        return super::modal::table(modal);
    }
    let state = &screen.state;
    match state.step {
        Step::CheckIn => keys::ROUND,
        Step::Closing => keys::CLOSING_ROUND,
        Step::Checklist => keys::CHECKLIST,
        Step::Metrics => keys::METRICS,
        Step::Progress => keys::PROGRESS,
        Step::Agenda => keys::AGENDA,
        Step::Triage => match state.current_item().and_then(|i| state.item(i)) {
            Some(item) if item.closed.is_some() => keys::TRIAGE_CLOSED,
            _ => keys::TRIAGE,
        },
    }
}

/// A key's action in the meeting, once the meeting would take the entry it leads to
/// (`probe`; the hint bar leaves off the keys it would not).
pub fn act(app: &mut App, action: Action) {
    let Some(org) = org(app) else { return };
    let today = app.now().date_naive();
    let Some(probed) = screen(app).map(|s| probe::probe(s, &org, action, today)) else {
        return;
    };
    if probed.is_some_and(|event| !may(app, &event)) {
        return;
    }
    let Some(screen) = screen(app) else { return };
    let step = screen.state.step;
    match action {
        Action::Next => move_cursor(app, 1),
        Action::Previous => move_cursor(app, -1),
        Action::NextStep => match step.next() {
            Some(next) => {
                record(app, Event::StepChanged { step: next });
            }
            None => ask_end(app),
        },
        Action::PreviousStep => {
            if let Some(previous) = step.previous() {
                record(app, Event::StepChanged { step: previous });
            }
        }
        Action::OneMoreMinute => {
            if record(app, Event::TimeAdded { minutes: 1 }) {
                app.info("One more minute for this step.");
            }
        }
        Action::Retract => match screen.state.last_entry_in_step() {
            Some(seq) => ask(app, Form::Retract(seq)),
            None => app.info("Nothing recorded in this step to take back."),
        },
        Action::EndMeeting => ask_end(app),
        Action::Presentation => screen.presentation = !screen.presentation,
        Action::Leave => {
            app.go_home();
            app.info("The meeting stays open: t on its circle resumes it.");
        }
        Action::Reporter => {
            let present: Vec<usize> = screen.state.present().collect();
            let index = screen.state.cursor(step);
            let next = match screen
                .reporter
                .and_then(|c| c.at(step, index))
                .and_then(|r| present.iter().position(|&p| p == r))
            {
                Some(i) => present.get(i + 1).copied(),
                None => present.first().copied(),
            };
            screen.reporter = next.map(|attendee| ReporterChoice {
                step,
                index,
                attendee,
            });
        }
        _ => step_action(app, step, action),
    }
}

/// A key's action that only some steps have.
fn step_action(app: &mut App, step: Step, action: Action) {
    let Some(org) = org(app) else { return };
    match (step, action) {
        (Step::CheckIn | Step::Closing, _) => round_action(app, step, action),
        (Step::Checklist, Action::Check | Action::NoCheck) => {
            answer_checklist(app, &org, action == Action::Check);
        }
        (Step::Metrics, Action::Open) => review_keys::metric_value(app, &org),
        (
            Step::Progress,
            Action::Open
            | Action::NoUpdates
            | Action::MarkDone
            | Action::MarkWaiting
            | Action::MarkCurrent,
        ) => review_keys::project_update(app, &org, action),
        (Step::Progress, Action::AskUpdates | Action::EndUpdates) => {
            review_keys::update_request(app, &org, action);
        }
        (Step::Agenda | Step::Triage, Action::AddItem) => ask(app, Form::Label),
        (Step::Agenda, Action::OfferTensions) => offer_tensions(app, &org),
        (Step::Agenda, _) => agenda_action(app, action),
        (Step::Triage, _) => triage_action(app, action),
        _ => {}
    }
}

/// Where `MoveEarlier` or `MoveLater` takes the entry at `i` of a list of `len`, if anywhere.
fn moved_to(action: Action, i: usize, len: usize) -> Option<usize> {
    let to = if action == Action::MoveEarlier {
        i.checked_sub(1)
    } else {
        Some(i + 1)
    };
    to.filter(|&t| t < len)
}

/// The check-in and closing rounds: a note for the speaker, another question, and the
/// speaking order shuffled or changed.
fn round_action(app: &mut App, step: Step, action: Action) {
    let bank = app.view.questions.clone();
    let nanos = app.now().timestamp_subsec_nanos();
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    let i = state.cursor(step);
    match (step, action) {
        // A note for the speaker (none between speakers: the form then asks nothing).
        (_, Action::Open) => ask(app, Form::Note),
        (Step::CheckIn, Action::NewQuestion) => {
            let at = bank
                .iter()
                .position(|q| *q == state.question)
                .map_or(0, |p| p + 1);
            if let Some(question) = bank.get(at % bank.len().max(1)).cloned() {
                record(app, Event::QuestionChanged { question });
            }
        }
        (_, Action::Shuffle) => {
            let mut order = state.rounds.order.clone();
            shuffle(&mut order, nanos);
            record(app, Event::OrderChanged { order });
        }
        (_, Action::MoveEarlier | Action::MoveLater) => {
            if let Some(to) = moved_to(action, i, state.rounds.order.len()) {
                let mut order = state.rounds.order.clone();
                order.swap(i, to);
                if record(app, Event::OrderChanged { order }) {
                    record(app, Event::CursorMoved { step, index: to });
                }
            }
        }
        _ => {}
    }
}

/// The checklist item under the cursor answered, for the period it reviews.
fn answer_checklist(app: &mut App, org: &Organisation, checked: bool) {
    let today = app.now().date_naive();
    let Some(screen) = screen(app) else { return };
    let Some(event) = probe::checklist_answer(screen, org, checked, today) else {
        return app.info("No checklist items to review: > moves on.");
    };
    if record(app, event) {
        answered(app);
    }
}

/// Building the agenda: the item under the cursor moved or removed.
fn agenda_action(app: &mut App, action: Action) {
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    match action {
        Action::MoveEarlier | Action::MoveLater => {
            let to = moved_to(action, state.cursor(Step::Agenda), state.agenda_order.len());
            if let (Some(item), Some(to)) = (state.current_item(), to) {
                record(app, Event::AgendaItemMoved { item, to });
            }
        }
        Action::DeleteItem => {
            if let Some(item) = state.current_item().and_then(|i| state.item(i)) {
                let seq = item.seq;
                ask(app, Form::DeleteItem(seq));
            }
        }
        _ => {}
    }
}

/// Triage: what came out of the item, and whether its owner got what they needed.
fn triage_action(app: &mut App, action: Action) {
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    match action {
        Action::Open => {
            if state.current_item().is_none() {
                return app
                    .info("The agenda is empty: a adds an item, > goes to the closing round.");
            }
            ask(app, Form::OutputKinds);
        }
        Action::CloseItem => {
            if let Some(item) = state.current_item().and_then(|i| state.item(i)) {
                let seq = item.seq;
                ask(app, Form::CloseItem(seq));
            }
        }
        _ => {}
    }
}
