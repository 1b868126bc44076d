//! What a prompt, picker or yes/no answer completes in a tactical meeting (entries of
//! several parts), and the lists those pickers offer.
//!
//! Owns: the tactical screen's modal outcomes (triage's outputs are in `triage`; agenda
//! offers and number reading are pure, in `domain`). Must not import: tokio; must not draw.

use super::{answered, may, org, pick, prompt, record, reporter, screen, triage};
use crate::app::App;
use crate::app::modal::Outcome;
use crate::app::modal::attendee_options;
use crate::domain::meeting::Output;
use crate::domain::meeting::agenda::{LABEL_WORDS, offer_labels, short_label, tension_offers};
use crate::domain::meeting::flow::STAND_IN;
use crate::domain::meeting::tactical::{Event, Recorded, Step, Tactical, outlier_question};
use crate::domain::minutes::Minutes;
use crate::domain::text::parse_number;
use crate::domain::{MetricId, Organisation, ProjectStatus, RoleId, TensionId, TensionKind};
use crate::ui::{Draft, Modal, PromptKind};
use chrono::NaiveDate;
use std::sync::Arc;

/// A few words about the entry `seq`, for the retraction question.
pub(super) fn describe_entry(log: &[Recorded], seq: u64) -> String {
    let Some(rec) = log.iter().find(|r| r.seq == seq) else {
        return "the last entry".into();
    };
    match &rec.event {
        Event::NoteTaken { text, .. } => format!("the note \"{text}\""),
        Event::ChecklistAnswered { checked, .. } => {
            (if *checked { "a check" } else { "a no check" }).into()
        }
        Event::MetricReported { value, .. } => format!("the value {value}"),
        Event::MetricCorrected { value, was, .. } => {
            format!("the correction of {was} to {value}")
        }
        Event::ProjectUpdated { update, .. } => update
            .as_ref()
            .map_or("\"no updates\"".into(), |u| format!("the update \"{u}\"")),
        Event::AgendaItemAdded { label, .. } => format!("the agenda item \"{label}\""),
        Event::UpdatesRequested { .. } => "the request for updates".into(),
        Event::AccountabilityReported { accountability, .. } => {
            format!("the update on \"{accountability}\"")
        }
        Event::UpdateRequestEnded { .. } => "the end of the requested updates".into(),
        Event::OutputAdded { output, .. } => {
            format!("the {} \"{}\"", output.kind.label(), output.text)
        }
        Event::ItemClosed { .. } => "the closing of the item".into(),
        Event::AgendaItemDeleted { .. } => "taking the item off the agenda".into(),
        _ => "the last entry".into(),
    }
}

/// Open tensions of the present attendees, offered as agenda items.
pub(super) fn offer_tensions(app: &mut App, org: &Organisation) {
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    let on_agenda: Vec<_> = state.agenda_items().filter_map(|a| a.tension).collect();
    let offers = tension_offers(
        org,
        state.circle,
        TensionKind::Tactical,
        &state.attendees,
        &on_agenda,
    );
    if offers.is_empty() {
        return app.info("No open tensions of the people here: a adds an item.");
    }
    let options = offer_labels(&offers, &state.attendees);
    pick(
        app,
        "Add a tension to the agenda",
        options,
        Draft::Tensions(offers),
    );
}

/// Asks for the comment that completes a metric's value.
fn ask_comment(app: &mut App, value: f64) {
    let title = PromptKind::MetricComment.question().to_string();
    prompt(
        app,
        PromptKind::MetricComment,
        title,
        Draft::MetricValue(value),
    );
}

/// Asks whether a value far outside the metric's recent values is meant (a slip of the
/// keyboard, like 12.5 for 2,050), before it is recorded.
fn ask_outlier(app: &mut App, value: f64, question: String) {
    super::confirm(app, question, Draft::MetricOutlier(value));
}

/// The entry a metric's value makes: a report, or, for a period already reported by an
/// earlier meeting, a correction of that value (never a second one). `today` stands for the
/// period of a metric the organisation no longer has.
pub(super) fn metric_entry(
    state: &Tactical,
    org: &Organisation,
    (metric, value, comment): (MetricId, f64, Option<String>),
    reporter: Option<usize>,
    today: NaiveDate,
) -> Event {
    let period = org
        .metric(metric)
        .map_or(today, |m| state.period_for(m.frequency));
    match state.earlier_value(org, metric) {
        Some(earlier) => Event::MetricCorrected {
            metric,
            value,
            comment,
            reporter,
            period,
            was: earlier.value,
        },
        None => Event::MetricReported {
            metric,
            value,
            comment,
            reporter,
            period,
        },
    }
}

/// What the screen stood at when its modal closed: what an answer completes depends on it.
struct Closed {
    org: Arc<Organisation>,
    /// The prompt that closed, if it was one.
    prompt: Option<PromptKind>,
    step: Step,
    /// The current step's cursor.
    cursor: usize,
    /// Who reports for the item under the cursor, when not its filler.
    reporter: Option<usize>,
    today: NaiveDate,
}

/// The screen as its modal closes, with the modal and the draft taken off it.
fn close_modal(app: &mut App) -> Option<(Closed, Draft)> {
    let org = org(app)?;
    let today = app.now().date_naive();
    let screen = screen(app)?;
    let draft = std::mem::take(&mut screen.draft);
    let prompt = match &screen.modal {
        Some(Modal::Prompt(p)) => Some(p.kind),
        _ => None,
    };
    screen.modal = None;
    let step = screen.state.step;
    let closed = Closed {
        prompt,
        step,
        cursor: screen.state.cursor(step),
        reporter: reporter(screen, &org),
        today,
        org,
    };
    Some((closed, draft))
}

/// What a modal's outcome means for the entry being put together.
pub fn outcome(app: &mut App, outcome: Outcome) {
    let Some((at, draft)) = close_modal(app) else {
        return;
    };
    let typed = |kind| at.prompt == Some(kind);
    match (outcome, draft) {
        (Outcome::Answered(false), Draft::MetricOutlier(_)) => ask_value(app),
        (Outcome::Answered(true), Draft::MetricOutlier(value)) => ask_comment(app, value),
        (Outcome::Cancelled | Outcome::Answered(false), _) => {}
        (Outcome::Answered(true), Draft::Retract(seq)) => retract(app, seq),
        (Outcome::Answered(true), Draft::EndMeeting) => end_meeting(app, &at.org),
        (Outcome::Answered(true), Draft::DeleteItem(item)) => {
            record(app, Event::AgendaItemDeleted { item });
        }
        (Outcome::Submitted(text), _) if typed(PromptKind::Note) => take_note(app, at.step, text),
        (Outcome::Submitted(text), _) if typed(PromptKind::MetricValue) => {
            value_typed(app, &at, &text);
        }
        (Outcome::Submitted(comment), Draft::MetricValue(value)) => {
            record_value(app, &at, value, comment);
        }
        (Outcome::Submitted(text), Draft::ProjectStatus(status)) => {
            record_update(app, &at, text, status);
        }
        (Outcome::Submitted(label), _) if typed(PromptKind::AgendaLabel) => {
            ask_item_owner(app, label);
        }
        (Outcome::Picked(n), Draft::AgendaOwners(label, present)) => {
            add_item(app, label, present.get(n).copied());
        }
        (Outcome::Picked(n), Draft::Accountabilities(role, texts)) => {
            ask_progress(app, &at, role, texts.get(n).cloned());
        }
        (Outcome::Submitted(update), Draft::Accountability(role, accountability)) => {
            record_progress(app, &at, role, accountability, update);
        }
        (Outcome::Picked(n), Draft::UpdateAskers(project, askers)) => {
            if let Some(&by) = askers.get(n) {
                record(app, Event::UpdatesRequested { project, by });
            }
        }
        (Outcome::Picked(n), Draft::Tensions(offers)) => {
            if let Some(offer) = offers.get(n).cloned() {
                add_tension(app, offer);
            }
        }
        (Outcome::Picked(n), Draft::CloseItem(item)) => close_item(app, item, n == 0),
        (Outcome::Picked(n), Draft::None) if at.step == Step::Triage => {
            triage::ask_output_text(app, n);
        }
        (Outcome::Submitted(text), Draft::OutputKind(kind)) => {
            triage::output_typed(app, &at.org, kind, text);
        }
        (Outcome::Picked(n), Draft::Owners(kind, text, choices)) => {
            if let Some(&owner) = choices.get(n) {
                triage::owner_picked(app, &at.org, (kind, text), owner);
            }
        }
        (Outcome::Picked(n), Draft::Acceptors(output, present)) => {
            let accepted_by = present.get(n).copied();
            triage::add_output(
                app,
                Output {
                    accepted_by,
                    ..output
                },
            );
        }
        (Outcome::Picked(n), Draft::Serves(text, role, person, served)) => {
            if let Some(&serves) = served.get(n) {
                triage::add_request(app, (text, role, person), Some(serves));
            }
        }
        _ => {}
    }
}

/// Asks for a metric's value (again, after a value far outside its history was not meant).
fn ask_value(app: &mut App) {
    let title = PromptKind::MetricValue.question().to_string();
    prompt(app, PromptKind::MetricValue, title, Draft::None);
}

/// Takes the entry `seq` back.
fn retract(app: &mut App, seq: u64) {
    if record(app, Event::Retracted { seq }) {
        app.info("Taken back. The log keeps both the entry and its retraction.");
    }
}

/// Ends the meeting and shows its minutes.
fn end_meeting(app: &mut App, org: &Organisation) {
    if record(app, Event::Ended) {
        app.refresh_open_meetings();
        if let Some(screen) = super::screen(app) {
            let minutes = Minutes::tactical(screen.meeting, &screen.state, org);
            crate::app::past::show_ended(app, minutes);
        }
        app.info("The meeting has ended. x exports its minutes.");
    }
}

/// A note for the speaker whose turn it is.
fn take_note(app: &mut App, step: Step, text: String) {
    let Some(attendee) = screen(app).and_then(|s| s.state.speaker()) else {
        return;
    };
    let event = Event::NoteTaken {
        step,
        attendee,
        text,
    };
    record(app, event);
}

/// A metric's value typed: asked about when far outside its history, then its comment is
/// asked for; what is not a number is asked for again.
fn value_typed(app: &mut App, at: &Closed, text: &str) {
    let Some(value) = parse_number(text) else {
        ask_value(app);
        return app.error(format!(
            "\"{text}\" is not a number: type digits, like 1840 or 9.5."
        ));
    };
    let history: Vec<f64> = screen(app)
        .and_then(|s| s.state.metrics.get(at.cursor).copied())
        .map(|m| at.org.values_of(m).map(|v| v.value).collect())
        .unwrap_or_default();
    match outlier_question(value, &history) {
        Some(question) => ask_outlier(app, value, question),
        None => ask_comment(app, value),
    }
}

/// The metric's value with its comment: a report, or a correction of an earlier one.
fn record_value(app: &mut App, at: &Closed, value: f64, comment: String) {
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    let Some(metric) = state.metrics.get(at.cursor).copied() else {
        return;
    };
    let comment = Some(comment).filter(|c| !c.is_empty());
    let entry = (metric, value, comment);
    let event = metric_entry(state, &at.org, entry, at.reporter, at.today);
    if record(app, event) {
        answered(app);
    }
}

/// A project's update with the status chosen; an empty update must change the status.
fn record_update(app: &mut App, at: &Closed, text: String, status: ProjectStatus) {
    let Some(screen) = screen(app) else { return };
    let Some(project) = screen.state.project_at(at.cursor) else {
        return;
    };
    let Some(project) = at.org.project(project) else {
        return;
    };
    let update = Some(text).filter(|t| !t.is_empty());
    if update.is_none() && status == project.status {
        return app.error("Type what changed, or use n for \"no updates\".");
    }
    let event = Event::ProjectUpdated {
        project: project.id,
        update,
        status_before: project.status,
        status,
        reporter: at.reporter,
    };
    if record(app, event) {
        answered(app);
    }
}

/// An agenda item's label typed: whose item it is is asked next, among those present.
fn ask_item_owner(app: &mut App, label: String) {
    if label.is_empty() {
        return app.error("Type a label of one or two words, or Esc to cancel.");
    }
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    let present: Vec<usize> = state.present().collect();
    let options = attendee_options(&present, |i| state.name_of(i));
    pick(
        app,
        &format!("Whose item is \"{label}\"?"),
        options,
        Draft::AgendaOwners(label, present),
    );
}

/// An agenda item with its owner; a long label is taken, with a word on labels.
fn add_item(app: &mut App, label: String, owner: Option<usize>) {
    let Some(owner) = owner else { return };
    let long = label.split_whitespace().count() > LABEL_WORDS;
    let event = Event::AgendaItemAdded {
        label,
        owner,
        tension: None,
    };
    if record(app, event) && long {
        app.info("Added. Labels work best as one or two words.");
    }
}

/// An open tension taken up as an agenda item of its owner's, labelled in a few words.
fn add_tension(app: &mut App, (tension, owner, text): (TensionId, usize, String)) {
    let event = Event::AgendaItemAdded {
        label: short_label(&text),
        owner,
        tension: Some(tension),
    };
    record(app, event);
}

/// The owner's answer to "Did you get what you need?" closes the item.
fn close_item(app: &mut App, item: u64, got_what_needed: bool) {
    let event = Event::ItemClosed {
        item,
        got_what_needed,
    };
    if record(app, event) {
        answered(app);
    }
}

/// An accountability picked: the progress on it is asked for, if it may be reported now.
fn ask_progress(app: &mut App, at: &Closed, role: RoleId, accountability: Option<String>) {
    let Some(text) = accountability else { return };
    let probe = Event::AccountabilityReported {
        role,
        accountability: text.clone(),
        update: STAND_IN.into(),
        reporter: at.reporter,
    };
    if may(app, &probe) {
        let title = format!("Progress on \"{text}\"");
        prompt(
            app,
            PromptKind::ProjectUpdate,
            title,
            Draft::Accountability(role, text),
        );
    }
}

/// The progress typed on an accountability (4.1 §4.2.3(d)).
fn record_progress(
    app: &mut App,
    at: &Closed,
    role: RoleId,
    accountability: String,
    update: String,
) {
    if update.is_empty() {
        return app.error("Type the progress since the last report, or Esc to cancel.");
    }
    let event = Event::AccountabilityReported {
        role,
        accountability,
        update,
        reporter: at.reporter,
    };
    record(app, event);
}
