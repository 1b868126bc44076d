//! The guided solo review in the shell: picking the person, starting or resuming their
//! review, and what each key does at each stop. Every entry goes through `record`: decided,
//! written with its effects in one transaction, then shown.
//!
//! Owns: the review's actions, and putting its forms (`domain::review::form`) on screen and
//! recording what they finish. Must not import: tokio; must not draw.

pub(crate) mod probe;
mod screen;

use super::forms::{self, Driven};
use super::keys::{self, Action, Binding};
use super::modal::Outcome;
use super::{App, Screen};
use crate::domain::meeting::flow::Recorded;
use crate::domain::review::form::{Context, Finished, Form};
use crate::domain::review::{Entry, Review, ReviewEvent, Stop, plan};
use crate::domain::{CircleId, Organisation, PersonId, ProjectStatus, TensionKind};
use crate::store::prelude::*;
use crate::ui::{Modal, PersonPick, Picker};
pub use screen::ReviewScreen;

/// Opens the "who are you?" picker on home, for a review or (`PersonPick::Work`) for "My
/// work", which anyone may open, roles or not.
pub fn pick_person(app: &mut App, picking: PersonPick) {
    if picking == PersonPick::Keyboard {
        return app.ask_keyboard();
    }
    let Some(org) = app.view.org.clone() else {
        return;
    };
    let Screen::Home(home) = &mut app.view.screen else {
        return;
    };
    let people: Vec<PersonId> = org
        .people()
        .iter()
        .filter(|p| match picking {
            PersonPick::Review => org.assignments_of(p.id).next().is_some(),
            PersonPick::Work | PersonPick::Keyboard => p.is_current(),
        })
        .map(|p| p.id)
        .collect();
    if people.is_empty() {
        return app.info(match picking {
            PersonPick::Review => "Nobody fills a role yet: there is nothing to review.",
            PersonPick::Work | PersonPick::Keyboard => {
                "Nobody is in the organisation yet: n adds a person."
            }
        });
    }
    let options: Vec<String> = people
        .iter()
        .map(|&p| org.person_name(p).to_string())
        .collect();
    // Who is at the keyboard (`--as`, or `i`), when they are among them, is offered first.
    let at_keyboard = app.view.actor.as_deref().and_then(|actor| {
        options
            .iter()
            .position(|name| crate::domain::names::same_name(name, actor))
    });
    home.modal = Some(Modal::Picker(Picker {
        title: match picking {
            PersonPick::Review => "Whose roles? Pick yourself",
            PersonPick::Work | PersonPick::Keyboard => "Whose work? Pick yourself",
        }
        .into(),
        options,
        selected: at_keyboard.unwrap_or(0),
    }));
    home.people = people;
    home.picking = picking;
}

/// The person picked on home.
pub fn picked(app: &mut App, outcome: Outcome) {
    let Screen::Home(home) = &mut app.view.screen else {
        return;
    };
    home.modal = None;
    if home.picking == PersonPick::Keyboard {
        return app.keyboard_picked(outcome);
    }
    if let Outcome::Picked(n) = outcome
        && let Some(&person) = home.people.get(n)
    {
        match home.picking {
            PersonPick::Review => begin(app, person),
            PersonPick::Work => super::work::begin(app, person),
            PersonPick::Keyboard => {}
        }
    }
}

/// Resumes the person's unfinished review, or starts one.
pub fn begin(app: &mut App, person: PersonId) {
    // Which checklist items and metrics are due depends on what the roles reported already.
    if let Some(org) = app.view.org.as_deref() {
        let roles = super::reports::of_person(org, person);
        app.hold_reports(roles);
    }
    let Some(org) = app.view.org.clone() else {
        return;
    };
    match app.store.open_review(person) {
        Ok(Some(id)) => match app.store.meeting_events::<ReviewEvent>(id) {
            Ok(log) => match Review::fold(&log) {
                Ok(state) => {
                    app.info(format!(
                        "Resumed the review started {}.",
                        state
                            .started_at
                            .with_timezone(&chrono::Local)
                            .format("%A %-d %B at %H:%M")
                    ));
                    show(app, id, log, state);
                    app.resume_entry();
                }
                Err(e) => app.error(e.0),
            },
            Err(e) => app.error(e.to_string()),
        },
        Ok(None) => {
            let now = app.now();
            let first = ReviewEvent::Started {
                person,
                stops: plan(&org, person, now.date_naive()),
            };
            match app.store.start_review(person, now, &first) {
                Ok(id) => {
                    let log = vec![Recorded {
                        seq: 1,
                        at: now,
                        event: first,
                    }];
                    match Review::fold(&log) {
                        Ok(state) => show(app, id, log, state),
                        Err(e) => app.error(e.0),
                    }
                }
                Err(e) => app.start_failed(e),
            }
        }
        Err(e) => app.error(e.to_string()),
    }
}

fn show(
    app: &mut App,
    meeting: crate::domain::MeetingId,
    log: Vec<Recorded<ReviewEvent>>,
    state: Review,
) {
    app.view.screen = Screen::Review(Box::new(ReviewScreen::new(meeting, log, state)));
}

fn screen(app: &mut App) -> Option<&mut ReviewScreen> {
    <ReviewScreen as forms::FormScreen>::of(&mut app.view.screen)
}

/// Decides, writes and shows one event. Returns whether it was recorded.
fn record(app: &mut App, event: ReviewEvent) -> bool {
    app.commit(event, <ReviewScreen as forms::FormScreen>::of)
}

/// The key table for the current stop (or the open modal).
pub fn table(screen: &ReviewScreen) -> &'static [Binding] {
    if let Some(modal) = &screen.modal {
        return super::modal::table(modal);
    }
    match screen.state.stop() {
        Stop::Role { .. } => keys::REVIEW_READ,
        Stop::Accountability { .. } => keys::REVIEW_ACCOUNTABILITY,
        Stop::Project { .. } => keys::REVIEW_PROJECT,
        Stop::Checklist { .. } => keys::REVIEW_CHECKLIST,
        Stop::Metric { .. } => keys::REVIEW_METRIC,
        Stop::Tensions => keys::REVIEW_TENSIONS,
        Stop::Summary => keys::REVIEW_SUMMARY,
    }
}

/// Runs `f` with the review's form, its modal, and what the form is decided against.
fn with_form<R>(
    app: &mut App,
    f: impl FnOnce(&mut Option<Modal>, &mut Form, &Context<'_>) -> R,
) -> Option<R> {
    forms::with_form::<ReviewScreen, R>(app, f)
}

/// The form on screen asked again against the organisation as it now stands.
pub(in crate::app) fn ask_again(app: &mut App) {
    with_form(app, forms::ask_again);
}

/// Puts `form` on the screen with its question open.
fn ask(app: &mut App, form: Form) {
    with_form(app, |modal, slot, at| forms::ask(modal, slot, form, at));
}

fn move_to(app: &mut App, index: Option<usize>) {
    let Some(screen) = screen(app) else { return };
    match index.filter(|&i| i < screen.state.stops.len()) {
        Some(index) => {
            record(app, ReviewEvent::Moved { index });
        }
        None => app.info("That is the end: Enter at the summary finishes the review."),
    }
}

/// A key's action in the review, once the review would take the entry it leads to.
pub fn act(app: &mut App, action: Action) {
    let Some(org) = app.view.org.clone() else {
        return;
    };
    let Some(probed) = screen(app).map(|s| probe::probe(&s.state, &org, action)) else {
        return;
    };
    if probed.is_some_and(|event| !app.may(&event, <ReviewScreen as forms::FormScreen>::of)) {
        return;
    }
    let Some(screen) = screen(app) else { return };
    let cursor = screen.state.cursor;
    let stop = screen.state.stop();
    match (stop, action) {
        (_, Action::Next) => move_to(app, Some(cursor + 1)),
        (_, Action::Previous) => move_to(app, cursor.checked_sub(1)),
        (_, Action::Leave) => {
            app.go_home();
            app.info("The review stays open: r and your name resume it.");
        }
        (_, Action::Retract) => ask_retract(app),
        (Stop::Accountability { .. } | Stop::Project { .. }, Action::AddNextAction) => {
            ask(app, Form::NextAction);
        }
        (Stop::Accountability { .. }, Action::AddProject) => ask(app, Form::Project),
        (Stop::Project { project }, Action::MarkDone | Action::MarkWaiting) => {
            let status = if action == Action::MarkDone {
                ProjectStatus::Done
            } else {
                ProjectStatus::Waiting
            };
            let status_before = org
                .project(project)
                .map_or(ProjectStatus::Current, |p| p.status);
            let entry = Entry::ProjectStatus {
                project,
                status_before,
                status,
            };
            record_and_move_on(app, cursor, entry);
        }
        (Stop::Checklist { item, period }, Action::Check | Action::NoCheck) => {
            let checked = action == Action::Check;
            let entry = Entry::Checklist {
                item,
                period,
                checked,
            };
            record_and_move_on(app, cursor, entry);
        }
        (Stop::Metric { .. }, Action::Open) => ask(app, Form::MetricValue),
        (Stop::Tensions, Action::TacticalTension | Action::GovernanceTension) => {
            let kind = if action == Action::TacticalTension {
                TensionKind::Tactical
            } else {
                TensionKind::Governance
            };
            ask_tension_circle(app, &org, kind);
        }
        (Stop::Summary, Action::Open) => ask(app, Form::Finish),
        _ => {}
    }
}

/// Asks whether to take back the review's last entry, saying what it was.
fn ask_retract(app: &mut App) {
    let Some(screen) = screen(app) else { return };
    match screen.state.entries.last() {
        Some((seq, _, _)) => {
            let seq = *seq;
            ask(app, Form::Retract(seq));
        }
        None => app.info("Nothing recorded in this review to take back."),
    }
}

/// Records an entry at the stop `cursor`, then moves on to the next stop.
fn record_and_move_on(app: &mut App, cursor: usize, entry: Entry) {
    if record(app, ReviewEvent::Recorded { at: cursor, entry }) {
        move_to(app, Some(cursor + 1));
    }
}

/// Asks for which of the person's circles a tension of `kind` is, among the circles of the
/// roles they fill.
fn ask_tension_circle(app: &mut App, org: &Organisation, kind: TensionKind) {
    let Some(screen) = screen(app) else { return };
    let person = screen.state.person;
    let mut circles: Vec<CircleId> = Vec::new();
    for a in org.assignments_of(person) {
        if let Some(role) = org.role(a.role)
            && !circles.contains(&role.circle)
        {
            circles.push(role.circle);
        }
    }
    ask(app, Form::TensionCircle(kind, circles));
}

/// What a modal's outcome does to the form on screen; a finished one is recorded, then the
/// review moves on, or goes home once finished.
pub fn outcome(app: &mut App, outcome: Outcome) {
    let cursor = screen(app).map(|s| s.state.cursor);
    let driven = with_form(app, |modal, slot, at| {
        forms::drive(modal, slot, outcome, at)
    });
    let (Some(cursor), Some(driven)) = (cursor, driven) else {
        return;
    };
    match driven {
        Driven::Nothing => {}
        Driven::Refused(why) => app.error(why),
        Driven::Done(Finished {
            event,
            moves_on,
            then,
        }) => {
            let ended = event == ReviewEvent::Ended;
            if !record(app, event) {
                return;
            }
            if moves_on {
                move_to(app, Some(cursor + 1));
            }
            if ended {
                app.go_home();
            }
            if let Some(then) = then {
                app.info(then);
            }
        }
    }
}
