//! The guided solo review in the shell: picking the person, starting or resuming their
//! review, and what each key does at each stop. Every entry goes through `record`: decided,
//! written with its effects in one transaction, then shown.
//!
//! Owns: the review's actions and its multi-part entries. Must not import: tokio; must not
//! draw.

pub(crate) mod probe;

use super::App;
use super::journal::Journal;
use super::keys::{self, Action, Binding};
use super::modal::Outcome;
use crate::domain::meeting::flow::Recorded;
use crate::domain::meeting::tactical::outlier_question;
use crate::domain::review::{Entry, Review, ReviewEvent, Stop, plan};
use crate::domain::text::parse_number;
use crate::domain::{CircleId, Organisation, PersonId, ProjectStatus, TensionKind};
use crate::store::prelude::*;
use crate::ui::{
    Confirm, Modal, PersonPick, Picker, Prompt, PromptKind, ReviewDraft, ReviewScreen, Screen,
};

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
    let options = people
        .iter()
        .map(|&p| org.person_name(p).to_string())
        .collect();
    home.modal = Some(Modal::Picker(Picker {
        title: match picking {
            PersonPick::Review => "Whose roles? Pick yourself",
            PersonPick::Work | PersonPick::Keyboard => "Whose work? Pick yourself",
        }
        .into(),
        options,
        selected: 0,
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
    app.view.screen = Screen::Review(Box::new(ReviewScreen {
        meeting,
        log,
        state,
        modal: None,
        draft: ReviewDraft::None,
    }));
}

fn screen(app: &mut App) -> Option<&mut ReviewScreen> {
    match &mut app.view.screen {
        Screen::Review(s) => Some(s),
        _ => None,
    }
}

impl Journal for ReviewScreen {
    type Flow = Review;

    fn meeting(&self) -> crate::domain::MeetingId {
        self.meeting
    }

    fn rules(&self) -> crate::domain::RuleSet {
        crate::domain::RuleSet::default()
    }

    fn state(&self) -> &Review {
        &self.state
    }

    fn parts(&mut self) -> (&mut Vec<Recorded<ReviewEvent>>, &mut Review) {
        (&mut self.log, &mut self.state)
    }
}

/// Decides, writes and shows one event. Returns whether it was recorded.
fn record(app: &mut App, event: ReviewEvent) -> bool {
    app.commit(event, |s| match s {
        Screen::Review(r) => Some(r.as_mut()),
        _ => None,
    })
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

fn open(app: &mut App, modal: Modal, draft: ReviewDraft) {
    if let Some(screen) = screen(app) {
        screen.modal = Some(modal);
        screen.draft = draft;
    }
}

fn prompt(app: &mut App, title: &str, draft: ReviewDraft) {
    open(
        app,
        Modal::Prompt(Prompt::titled(PromptKind::OutputText, title.into())),
        draft,
    );
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
    if probed.is_some_and(|event| {
        !app.may(&event, |s| match s {
            Screen::Review(r) => Some(r.as_mut()),
            _ => None,
        })
    }) {
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
        (_, Action::Retract) => ask_retract(app, &org),
        (Stop::Accountability { .. } | Stop::Project { .. }, Action::AddNextAction) => {
            prompt(app, "Next action", ReviewDraft::NextAction);
        }
        (Stop::Accountability { .. }, Action::AddProject) => prompt(
            app,
            "Project (the outcome, as if done)",
            ReviewDraft::Project,
        ),
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
        (Stop::Metric { .. }, Action::Open) => ask_value(app, &org, stop),
        (Stop::Tensions, Action::TacticalTension | Action::GovernanceTension) => {
            let kind = if action == Action::TacticalTension {
                TensionKind::Tactical
            } else {
                TensionKind::Governance
            };
            ask_tension_circle(app, &org, kind);
        }
        (Stop::Summary, Action::Open) => {
            let changes = screen.state.entries.len();
            let question = format!("Finish the review? {changes} changes are already saved.");
            open(
                app,
                Modal::Confirm(Confirm::new(question, "finish", "not yet")),
                ReviewDraft::Finish,
            );
        }
        _ => {}
    }
}

/// Asks whether to take back the review's last entry, saying what it was.
fn ask_retract(app: &mut App, org: &Organisation) {
    let Some(screen) = screen(app) else { return };
    match screen.state.entries.last() {
        Some((seq, _, e)) => {
            let question = format!("Take back: {}?", crate::domain::review::entry_text(org, e));
            let seq = *seq;
            open(
                app,
                Modal::Confirm(Confirm::new(question, "yes", "no")),
                ReviewDraft::Retract(seq),
            );
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
    let options = circles
        .iter()
        .filter_map(|&c| org.circle(c))
        .map(|c| c.name.clone())
        .collect();
    let title = format!("For which circle's next {kind} meeting?");
    open(
        app,
        Modal::Picker(Picker {
            title,
            options,
            selected: 0,
        }),
        ReviewDraft::TensionCircle(kind, circles),
    );
}

/// What a modal's outcome completes.
pub fn outcome(app: &mut App, outcome: Outcome) {
    let Some(org) = app.view.org.clone() else {
        return;
    };
    let Some(screen) = screen(app) else { return };
    let draft = std::mem::take(&mut screen.draft);
    screen.modal = None;
    let cursor = screen.state.cursor;
    let stop = screen.state.stop();
    let entry = |e: Entry| ReviewEvent::Recorded {
        at: cursor,
        entry: e,
    };
    let role = match stop {
        Stop::Accountability { role, .. } => Some(role),
        Stop::Project { project } => org.project(project).map(|p| p.role),
        _ => None,
    };
    match (outcome, draft) {
        (Outcome::Answered(false), ReviewDraft::MetricOutlier(_)) => ask_value(app, &org, stop),
        (Outcome::Answered(true), ReviewDraft::MetricOutlier(value)) => {
            if let Stop::Metric { metric, period } = stop {
                record_value(app, cursor, metric, period, value);
            }
        }
        (Outcome::Cancelled | Outcome::Answered(false), _) => {}
        (Outcome::Submitted(text), ReviewDraft::NextAction) => {
            record(app, entry(Entry::NextAction { role, text }));
        }
        (Outcome::Submitted(title), ReviewDraft::Project) => {
            if let Some(role) = role {
                record(app, entry(Entry::Project { role, title }));
            }
        }
        (Outcome::Submitted(text), ReviewDraft::MetricValue) => {
            value_typed(app, &org, (cursor, stop), &text);
        }
        (Outcome::Picked(n), ReviewDraft::TensionCircle(kind, circles)) => {
            if let Some(&circle) = circles.get(n) {
                let name = org.circle(circle).map_or("?", |c| c.name.as_str());
                prompt(
                    app,
                    &format!("Tension for {name}'s next {kind} meeting"),
                    ReviewDraft::TensionText(kind, circle),
                );
            }
        }
        (Outcome::Submitted(text), ReviewDraft::TensionText(kind, circle)) => {
            record_tension(app, &org, cursor, (kind, circle), text);
        }
        (Outcome::Answered(true), ReviewDraft::Retract(seq)) => {
            record(app, ReviewEvent::Retracted { seq });
        }
        (Outcome::Answered(true), ReviewDraft::Finish) => {
            let changes = screen_changes(app);
            if record(app, ReviewEvent::Ended) {
                app.go_home();
                app.info(format!("Review finished: {changes} changes saved."));
            }
        }
        _ => {}
    }
}

/// A metric's value typed at its stop: a value far outside the metric's history is asked
/// about first, as the tactical meeting asks (a slip like 12.5 for 2,050); what is not a
/// number is asked for again.
fn value_typed(app: &mut App, org: &Organisation, (cursor, stop): (usize, Stop), text: &str) {
    match (parse_number(text), stop) {
        (Some(value), Stop::Metric { metric, period }) => {
            // A value far outside the metric's history is asked about first, as the
            // tactical meeting asks (a slip like 12.5 for 2,050).
            let history: Vec<f64> = org.values_of(metric).map(|v| v.value).collect();
            match outlier_question(value, &history) {
                Some(question) => open(
                    app,
                    Modal::Confirm(Confirm::new(question, "yes", "no")),
                    ReviewDraft::MetricOutlier(value),
                ),
                None => record_value(app, cursor, metric, period, value),
            }
        }
        _ => {
            ask_value(app, org, stop);
            app.error(format!(
                "\"{text}\" is not a number: type digits, like 1840 or 9.5."
            ));
        }
    }
}

/// A tension for the next meeting of `circle`, on the person's role there if they fill one.
fn record_tension(
    app: &mut App,
    org: &Organisation,
    cursor: usize,
    (kind, circle): (TensionKind, CircleId),
    text: String,
) {
    let person = screen_person(app);
    let role = person
        .and_then(|p| {
            org.assignments_of(p)
                .filter_map(|a| org.role(a.role))
                .find(|r| r.circle == circle)
        })
        .map(|r| r.id);
    if record(
        app,
        ReviewEvent::Recorded {
            at: cursor,
            entry: Entry::Tension {
                circle,
                role,
                text,
                kind,
            },
        },
    ) {
        app.info("Noted: it is offered when that circle's meeting builds its agenda.");
    }
}

/// Asks for the value of the metric at `stop`: "Loaves baked in loaves".
fn ask_value(app: &mut App, org: &crate::domain::Organisation, stop: Stop) {
    let metric = match stop {
        Stop::Metric { metric, .. } => org.metric(metric),
        _ => None,
    };
    let title = metric.map_or("Value".to_string(), |m| {
        let unit = m
            .unit
            .as_deref()
            .map_or(String::new(), |u| format!(" in {u}"));
        format!("{}{unit}", m.name)
    });
    open(
        app,
        Modal::Prompt(Prompt::titled(PromptKind::MetricValue, title)),
        ReviewDraft::MetricValue,
    );
}

/// Records a metric's value at stop `cursor` and moves on.
fn record_value(
    app: &mut App,
    cursor: usize,
    metric: crate::domain::MetricId,
    period: chrono::NaiveDate,
    value: f64,
) {
    let entry = Entry::Metric {
        metric,
        period,
        value,
    };
    if record(app, ReviewEvent::Recorded { at: cursor, entry }) {
        move_to(app, Some(cursor + 1));
    }
}

fn screen_person(app: &mut App) -> Option<PersonId> {
    screen(app).map(|s| s.state.person)
}

fn screen_changes(app: &mut App) -> usize {
    screen(app).map_or(0, |s| s.state.entries.len())
}
