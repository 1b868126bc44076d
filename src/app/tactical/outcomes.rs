//! What a prompt, picker or yes/no answer completes in a tactical meeting (entries of
//! several parts), and the lists those pickers offer.
//!
//! Owns: the tactical screen's modal outcomes and the owners offered for an output (agenda
//! offers and number reading are pure, in `domain`). Must not import: tokio; must not draw.

use super::{answered, capitalised, may, org, pick, prompt, record, reporter, screen};
use crate::app::App;
use crate::app::modal::Outcome;
use crate::domain::meeting::agenda::{LABEL_WORDS, offer_labels, short_label, tension_offers};
use crate::domain::meeting::flow::STAND_IN;
use crate::domain::meeting::tactical::{Cover, Event, Recorded, Step, Tactical, outlier_question};
use crate::domain::meeting::{Output, OutputKind};
use crate::domain::minutes::Minutes;
use crate::domain::text::parse_number;
use crate::domain::{MetricId, Organisation, PersonId, RoleId, TensionKind};
use crate::ui::{Draft, Modal, PromptKind};
use chrono::NaiveDate;

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

/// One owner a triage picker offers: the role and person the output goes to, and its line.
type OwnerChoice = (Option<RoleId>, Option<crate::domain::PersonId>, String);

/// 5.0 §3.2(f): a request to a role serves a role the requester represents. Asks which (the
/// domain refuses, with the article, when the requester represents none).
fn ask_served(
    app: &mut App,
    org: &Organisation,
    (item, served): (u64, Vec<RoleId>),
    (text, role, person): (String, RoleId, Option<PersonId>),
) {
    if served.is_empty() {
        let output = Output {
            kind: OutputKind::Request,
            text,
            role: Some(role),
            person,
            serves: None,
            accepted_by: None,
        };
        record(app, Event::OutputAdded { item, output });
        return;
    }
    let options = served
        .iter()
        .map(|r| org.role(*r).map_or("?".to_string(), |r| r.name.clone()))
        .collect();
    pick(
        app,
        "In service of which of the requester's roles? (5.0 §3.2(f))",
        options,
        Draft::Serves(text, role, person, served),
    );
}

/// Who may own an output: each role's fillers (with their focus, and marked when absent);
/// for a role whose fillers are all absent, the present Lead covering it (4.1 §4.2.4), or,
/// with the Lead absent too, the absent filler's line says someone present accepts it;
/// unfilled roles; then each person present for an action of their own, outside any role.
pub(super) fn owners(state: &Tactical, org: &Organisation, kind: OutputKind) -> Vec<OwnerChoice> {
    // Only next actions and projects are accepted on a role's behalf (4.1 §4.2.4).
    let accepted = |k| matches!(k, OutputKind::NextAction | OutputKind::Project);
    let mut owners = Vec::new();
    for role in org.roles_in(state.circle) {
        let mut filled = false;
        for a in org.fillers_of(role.id) {
            filled = true;
            let focus = a
                .focus
                .as_ref()
                .map_or(String::new(), |f| format!(" ({f})"));
            let absent = match (state.is_absent(a.person), state.cover(org, role.id)) {
                (false, _) => "",
                (true, Cover::Nobody) if accepted(kind) => {
                    " — absent: someone accepts on its behalf"
                }
                (true, _) => " — absent",
            };
            owners.push((
                Some(role.id),
                Some(a.person),
                format!(
                    "{} — {}{focus}{absent}",
                    role.name,
                    org.person_name(a.person)
                ),
            ));
        }
        if let Cover::Lead(lead) = state.cover(org, role.id)
            && let Some(person) = state.attendees[lead].person
        {
            owners.push((
                Some(role.id),
                Some(person),
                format!("{} — {}, Lead, covering", role.name, state.name_of(lead)),
            ));
        }
        if !filled {
            owners.push((Some(role.id), None, format!("{} — (unfilled)", role.name)));
        }
    }
    for i in state.present() {
        if let Some(person) = state.attendees[i].person {
            owners.push((
                None,
                Some(person),
                format!("{}'s own, no role", state.name_of(i)),
            ));
        }
    }
    owners
}

/// What to ask to have `output` accepted on behalf of its role, whose fillers and Lead are
/// all absent (4.1 §4.2.4): the question, the people present, and their attendee indexes.
fn acceptors(
    state: &Tactical,
    org: &Organisation,
    output: &Output,
) -> (String, Vec<String>, Vec<usize>) {
    let role = output
        .role
        .and_then(|r| org.role(r))
        .map_or("the role", |r| r.name.as_str());
    let present: Vec<usize> = state.present().collect();
    let options = present
        .iter()
        .map(|&i| state.name_of(i).to_string())
        .collect();
    (
        format!("Who present accepts it on behalf of {role}?"),
        options,
        present,
    )
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

/// What a modal's outcome means for the entry being put together.
// Recording writes to the store, so it stays in the arm's body, not in a match guard.
#[allow(clippy::collapsible_match)]
pub fn outcome(app: &mut App, outcome: Outcome) {
    let Some(org) = org(app) else { return };
    let Some(screen) = screen(app) else { return };
    let draft = std::mem::take(&mut screen.draft);
    let modal_kind = match &screen.modal {
        Some(Modal::Prompt(p)) => Some(p.kind),
        _ => None,
    };
    screen.modal = None;
    let state = &screen.state;
    let step = state.step;
    let i = state.cursor(step);
    let reporter = reporter(screen, &org);
    let today = app.now().date_naive();
    let Some(screen) = self::screen(app) else {
        return;
    };
    let state = &screen.state;
    match (outcome, draft) {
        (Outcome::Answered(false), Draft::MetricOutlier(_)) => {
            let title = PromptKind::MetricValue.question().to_string();
            prompt(app, PromptKind::MetricValue, title, Draft::None);
        }
        (Outcome::Answered(true), Draft::MetricOutlier(value)) => ask_comment(app, value),
        (Outcome::Cancelled | Outcome::Answered(false), _) => {}
        (Outcome::Answered(true), Draft::Retract(seq)) => {
            if record(app, Event::Retracted { seq }) {
                app.info("Taken back. The log keeps both the entry and its retraction.");
            }
        }
        (Outcome::Answered(true), Draft::EndMeeting) => {
            if record(app, Event::Ended) {
                app.refresh_open_meetings();
                if let Some(screen) = super::screen(app) {
                    let minutes = Minutes::tactical(screen.meeting, &screen.state, &org);
                    crate::app::past::show_ended(app, minutes);
                }
                app.info("The meeting has ended. x exports its minutes.");
            }
        }
        (Outcome::Answered(true), Draft::DeleteItem(item)) => {
            record(app, Event::AgendaItemDeleted { item });
        }
        (Outcome::Submitted(text), _) if modal_kind == Some(PromptKind::Note) => {
            if let Some(attendee) = state.speaker() {
                record(
                    app,
                    Event::NoteTaken {
                        step,
                        attendee,
                        text,
                    },
                );
            }
        }
        (Outcome::Submitted(text), _) if modal_kind == Some(PromptKind::MetricValue) => {
            match parse_number(&text) {
                Some(value) => {
                    let history: Vec<f64> = state
                        .metrics
                        .get(i)
                        .map(|&m| org.values_of(m).map(|v| v.value).collect())
                        .unwrap_or_default();
                    match outlier_question(value, &history) {
                        Some(question) => ask_outlier(app, value, question),
                        None => ask_comment(app, value),
                    }
                }
                None => {
                    let title = PromptKind::MetricValue.question().to_string();
                    prompt(app, PromptKind::MetricValue, title, Draft::None);
                    app.error(format!(
                        "\"{text}\" is not a number: type digits, like 1840 or 9.5."
                    ));
                }
            }
        }
        (Outcome::Submitted(comment), Draft::MetricValue(value)) => {
            let Some(metric) = state.metrics.get(i).copied() else {
                return;
            };
            let comment = Some(comment).filter(|c| !c.is_empty());
            let event = metric_entry(state, &org, (metric, value, comment), reporter, today);
            if record(app, event) {
                answered(app);
            }
        }
        (Outcome::Submitted(text), Draft::ProjectStatus(status)) => {
            let Some(project) = state.project_at(i).and_then(|p| org.project(p)) else {
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
                reporter,
            };
            if record(app, event) {
                answered(app);
            }
        }
        (Outcome::Submitted(label), _) if modal_kind == Some(PromptKind::AgendaLabel) => {
            if label.is_empty() {
                return app.error("Type a label of one or two words, or Esc to cancel.");
            }
            let present: Vec<usize> = state.present().collect();
            let options = present
                .iter()
                .map(|&p| state.name_of(p).to_string())
                .collect();
            pick(
                app,
                &format!("Whose item is \"{label}\"?"),
                options,
                Draft::AgendaOwners(label, present),
            );
        }
        (Outcome::Picked(n), Draft::AgendaOwners(label, present)) => {
            let Some(&owner) = present.get(n) else { return };
            let long = label.split_whitespace().count() > LABEL_WORDS;
            if record(
                app,
                Event::AgendaItemAdded {
                    label,
                    owner,
                    tension: None,
                },
            ) && long
            {
                app.info("Added. Labels work best as one or two words.");
            }
        }
        (Outcome::Picked(n), Draft::Accountabilities(role, texts)) => {
            let Some(text) = texts.get(n).cloned() else {
                return;
            };
            let probe = Event::AccountabilityReported {
                role,
                accountability: text.clone(),
                update: STAND_IN.into(),
                reporter,
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
        (Outcome::Submitted(update), Draft::Accountability(role, accountability)) => {
            if update.is_empty() {
                return app.error("Type the progress since the last report, or Esc to cancel.");
            }
            let event = Event::AccountabilityReported {
                role,
                accountability,
                update,
                reporter,
            };
            record(app, event);
        }
        (Outcome::Picked(n), Draft::UpdateAskers(project, askers)) => {
            if let Some(&by) = askers.get(n) {
                record(app, Event::UpdatesRequested { project, by });
            }
        }
        (Outcome::Picked(n), Draft::Tensions(offers)) => {
            if let Some((tension, owner, text)) = offers.get(n).cloned() {
                record(
                    app,
                    Event::AgendaItemAdded {
                        label: short_label(&text),
                        owner,
                        tension: Some(tension),
                    },
                );
            }
        }
        (Outcome::Picked(n), Draft::CloseItem(item)) => {
            if record(
                app,
                Event::ItemClosed {
                    item,
                    got_what_needed: n == 0,
                },
            ) {
                answered(app);
            }
        }
        (Outcome::Picked(n), Draft::None) if step == Step::Triage => {
            let Some(&kind) = OutputKind::ALL.get(n) else {
                return;
            };
            let title = capitalised(kind.label()).trim_end_matches('.').to_string();
            // Information shared may run to several lines; the other outputs are one line.
            let typed = match kind {
                OutputKind::Information => PromptKind::Text,
                _ => PromptKind::OutputText,
            };
            prompt(app, typed, title, Draft::OutputKind(kind));
        }
        (Outcome::Submitted(text), Draft::OutputKind(kind)) => {
            if text.is_empty() {
                return app.error("Type the output's text, or Esc to cancel.");
            }
            let Some(item) = state.current_item() else {
                return;
            };
            if !kind.has_owner() {
                let output = Output {
                    kind,
                    text,
                    role: None,
                    person: None,
                    accepted_by: None,
                    serves: None,
                };
                record(app, Event::OutputAdded { item, output });
                return;
            }
            let owners = owners(state, &org, kind);
            let options = owners.iter().map(|(_, _, label)| label.clone()).collect();
            let choices = owners.into_iter().map(|(r, p, _)| (r, p)).collect();
            pick(
                app,
                &kind.owner_question(),
                options,
                Draft::Owners(kind, text, choices),
            );
        }
        (Outcome::Picked(n), Draft::Owners(kind, text, choices)) => {
            let Some(item) = state.current_item() else {
                return;
            };
            let Some(&(role, person)) = choices.get(n) else {
                return;
            };
            let limited = org.rule_set().rules().requests_serve_represented_role;
            if let (OutputKind::Request, Some(role), Some(_)) = (kind, role, limited) {
                let owner = state.item(item).map(|i| i.owner);
                let served = owner.map_or_else(Vec::new, |o| state.represented_roles(&org, o));
                return ask_served(app, &org, (item, served), (text, role, person));
            }
            let output = Output {
                kind,
                text,
                role,
                person,
                accepted_by: None,
                serves: None,
            };
            if state.needs_acceptance(&org, &output) {
                let (question, options, present) = acceptors(state, &org, &output);
                return pick(app, &question, options, Draft::Acceptors(output, present));
            }
            record(app, Event::OutputAdded { item, output });
        }
        (Outcome::Picked(n), Draft::Acceptors(output, present)) => {
            let Some(item) = state.current_item() else {
                return;
            };
            let accepted_by = present.get(n).copied();
            let output = Output {
                accepted_by,
                ..output
            };
            record(app, Event::OutputAdded { item, output });
        }
        (Outcome::Picked(n), Draft::Serves(text, role, person, served)) => {
            let (Some(item), Some(&serves)) = (state.current_item(), served.get(n)) else {
                return;
            };
            let output = Output {
                kind: OutputKind::Request,
                text,
                role: Some(role),
                person,
                serves: Some(serves),
                accepted_by: None,
            };
            record(app, Event::OutputAdded { item, output });
        }
        _ => {}
    }
}
