//! What each key does in a tactical meeting: every entry goes through `record`, which asks
//! the meeting whether it may happen, writes it with its effects in one transaction, and
//! only then shows it.
//!
//! Owns: the meeting's actions, multi-part entries (drafts), and who reports for an item.
//! Must not import: tokio; must not draw.

use super::App;
use super::keys::Action;
use super::modal::Outcome;
use crate::domain::meeting::OutputKind;
use crate::domain::meeting::tactical::{Event, Recorded, Step, Tactical};
use crate::domain::meeting::{Output, period_just_ended};
use crate::domain::{Organisation, ProjectStatus, RoleId, TensionKind};
use crate::ui::{Confirm, Draft, Modal, Picker, Prompt, PromptKind, Screen, TacticalScreen};
use std::sync::Arc;

/// Labels longer than this many words get a gentle warning.
const LABEL_WORDS: usize = 3;

fn screen(app: &mut App) -> Option<&mut TacticalScreen> {
    match &mut app.view.screen {
        Screen::Tactical(s) => Some(s),
        _ => None,
    }
}

/// Decides, writes and shows one event. Returns whether it was recorded; a refusal or a
/// failed write becomes the status line and changes nothing.
pub fn record(app: &mut App, event: Event) -> bool {
    let now = app.now();
    let App { store, view, .. } = app;
    let Screen::Tactical(screen) = &mut view.screen else {
        return false;
    };
    let effects = match screen.state.decide(&event) {
        Ok(effects) => effects,
        Err(refusal) => {
            app.error(capitalised(&refusal.0));
            return false;
        }
    };
    let seq = match store.append_event(screen.meeting, now, &event, &effects) {
        Ok(seq) => seq,
        Err(e) => {
            app.error(e.to_string());
            return false;
        }
    };
    let retraction = matches!(event, Event::Retracted { .. });
    let recorded = Recorded {
        seq,
        at: now,
        event,
    };
    screen.log.push(recorded.clone());
    if retraction {
        match Tactical::fold(&screen.log) {
            Ok(state) => screen.state = state,
            Err(e) => app.error(e.0),
        }
    } else {
        screen.state.apply(&recorded);
    }
    if !effects.is_empty() {
        app.reload_org();
    }
    true
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |c| {
        c.to_uppercase().chain(chars).collect::<String>() + "."
    })
}

fn org(app: &App) -> Option<Arc<Organisation>> {
    app.view.org.clone()
}

/// The role that owns the item under the cursor of a review step.
fn item_role(state: &Tactical, org: &Organisation) -> Option<RoleId> {
    let i = state.cursor(state.step);
    match state.step {
        Step::Checklist => state
            .checklist
            .get(i)
            .and_then(|&c| org.checklist_item(c))
            .map(|c| c.role),
        Step::Metrics => state
            .metrics
            .get(i)
            .and_then(|&m| org.metric(m))
            .map(|m| m.role),
        Step::Progress => state
            .projects
            .get(i)
            .and_then(|&p| org.project(p))
            .map(|p| p.role),
        _ => None,
    }
}

/// Who reports for the current item: the one chosen with `b`, else the first present filler
/// of its role, else nobody named (the facilitator's record).
pub fn reporter(screen: &TacticalScreen, org: &Organisation) -> Option<usize> {
    if screen.reporter.is_some() {
        return screen.reporter;
    }
    let role = item_role(&screen.state, org)?;
    let fillers: Vec<_> = org.fillers_of(role).map(|a| a.person).collect();
    screen.state.present().find(|&i| {
        screen.state.attendees[i]
            .person
            .is_some_and(|p| fillers.contains(&p))
    })
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

/// After an entry for the current item, moves on to the next one if there is one.
fn advance(app: &mut App) {
    let Some(screen) = screen(app) else { return };
    if screen.state.cursor(screen.state.step) + 1 < screen.state.len_of(screen.state.step) {
        move_cursor(app, 1);
    }
}

fn open(app: &mut App, modal: Modal, draft: Draft) {
    if let Some(screen) = screen(app) {
        screen.modal = Some(modal);
        screen.draft = draft;
    }
}

fn confirm(app: &mut App, question: String, draft: Draft) {
    open(
        app,
        Modal::Confirm(Confirm {
            question,
            yes: "yes",
            no: "no",
        }),
        draft,
    );
}

fn pick(app: &mut App, title: &str, options: Vec<String>, draft: Draft) {
    open(
        app,
        Modal::Picker(Picker {
            title: title.into(),
            options,
            selected: 0,
        }),
        draft,
    );
}

fn prompt(app: &mut App, kind: PromptKind, title: String, draft: Draft) {
    open(app, Modal::Prompt(Prompt::titled(kind, title)), draft);
}

/// A key's action in the meeting.
pub fn act(app: &mut App, action: Action) {
    let Some(screen) = screen(app) else { return };
    if screen.state.ended_at.is_some() {
        return minutes_action(app, action);
    }
    let step = screen.state.step;
    match action {
        Action::Next => move_cursor(app, 1),
        Action::Previous => move_cursor(app, -1),
        Action::NextStep => match step.next() {
            Some(next) => {
                record(app, Event::StepChanged { step: next });
            }
            None => confirm(
                app,
                "End the meeting? Everything recorded is kept.".into(),
                Draft::EndMeeting,
            ),
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
            Some(seq) => {
                let what = describe_entry(&screen.log, seq);
                confirm(
                    app,
                    format!("Take back the last entry of this step: {what}?"),
                    Draft::Retract(seq),
                );
            }
            None => app.info("Nothing recorded in this step to take back."),
        },
        Action::EndMeeting => confirm(
            app,
            "End the meeting? Everything recorded is kept.".into(),
            Draft::EndMeeting,
        ),
        Action::Presentation => screen.presentation = !screen.presentation,
        Action::Leave => {
            app.go_home();
            app.info("The meeting stays open: t on its circle resumes it.");
        }
        Action::Reporter => {
            let present: Vec<usize> = screen.state.present().collect();
            let next = match screen
                .reporter
                .and_then(|r| present.iter().position(|&p| p == r))
            {
                Some(i) => present.get(i + 1).copied(),
                None => present.first().copied(),
            };
            screen.reporter = next;
        }
        _ => step_action(app, step, action),
    }
}

fn step_action(app: &mut App, step: Step, action: Action) {
    let Some(org) = org(app) else { return };
    let today = app.now().date_naive();
    let bank = app.view.questions.clone();
    let nanos = app.now().timestamp_subsec_nanos();
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    let i = state.cursor(step);
    match (step, action) {
        (Step::CheckIn | Step::Closing, Action::Open) => {
            if let Some(speaker) = state.speaker() {
                let title = format!("Note for {}", state.name_of(speaker));
                prompt(app, PromptKind::Note, title, Draft::None);
            }
        }
        (Step::CheckIn, Action::NewQuestion) => {
            let at = bank
                .iter()
                .position(|q| *q == state.question)
                .map_or(0, |p| p + 1);
            if let Some(question) = bank.get(at % bank.len().max(1)).cloned() {
                record(app, Event::QuestionChanged { question });
            }
        }
        (Step::CheckIn | Step::Closing, Action::Shuffle) => {
            let mut order = state.order.clone();
            shuffle(&mut order, nanos);
            record(app, Event::OrderChanged { order });
        }
        (Step::CheckIn | Step::Closing, Action::MoveEarlier | Action::MoveLater) => {
            let to = if action == Action::MoveEarlier {
                i.checked_sub(1)
            } else {
                Some(i + 1)
            };
            if let Some(to) = to.filter(|&t| t < state.order.len()) {
                let mut order = state.order.clone();
                order.swap(i, to);
                if record(app, Event::OrderChanged { order }) {
                    record(app, Event::CursorMoved { step, index: to });
                }
            }
        }
        (Step::Checklist, Action::Check | Action::NoCheck) => {
            let Some(&item) = state.checklist.get(i) else {
                return app.info("No checklist items to review: > moves on.");
            };
            let period = org
                .checklist_item(item)
                .map_or(today, |c| period_just_ended(c.frequency, today));
            let reporter = reporter(screen, &org);
            let checked = action == Action::Check;
            if record(
                app,
                Event::ChecklistAnswered {
                    item,
                    checked,
                    reporter,
                    period,
                },
            ) {
                advance(app);
            }
        }
        (Step::Metrics, Action::Open) => {
            let Some(metric) = state.metrics.get(i).and_then(|&m| org.metric(m)) else {
                return app.info("No metrics to review: > moves on.");
            };
            let unit = metric
                .unit
                .as_deref()
                .map_or(String::new(), |u| format!(" in {u}"));
            prompt(
                app,
                PromptKind::MetricValue,
                format!("{}{unit}", metric.name),
                Draft::None,
            );
        }
        (
            Step::Progress,
            Action::Open | Action::NoUpdates | Action::MarkDone | Action::MarkWaiting,
        ) => {
            let Some(project) = state.projects.get(i).and_then(|&p| org.project(p)) else {
                return app.info("No current projects: > moves on.");
            };
            let status = match action {
                Action::MarkDone => ProjectStatus::Done,
                Action::MarkWaiting => ProjectStatus::Waiting,
                _ => project.status,
            };
            if action == Action::NoUpdates {
                let reporter = reporter(screen, &org);
                let event = Event::ProjectUpdated {
                    project: project.id,
                    update: None,
                    status_before: project.status,
                    status,
                    reporter,
                };
                if record(app, event) {
                    advance(app);
                }
            } else {
                let title = format!("Update on \"{}\" ({status})", project.title);
                prompt(
                    app,
                    PromptKind::ProjectUpdate,
                    title,
                    Draft::ProjectStatus(status),
                );
            }
        }
        (Step::Agenda | Step::Triage, Action::AddItem) => {
            prompt(
                app,
                PromptKind::AgendaLabel,
                PromptKind::AgendaLabel.question().into(),
                Draft::None,
            );
        }
        (Step::Agenda, Action::OfferTensions) => offer_tensions(app, &org),
        (Step::Agenda, Action::MoveEarlier | Action::MoveLater) => {
            let to = if action == Action::MoveEarlier {
                i.checked_sub(1)
            } else {
                Some(i + 1)
            };
            if let (Some(item), Some(to)) = (
                state.current_item(),
                to.filter(|&t| t < state.agenda_order.len()),
            ) {
                record(app, Event::AgendaItemMoved { item, to });
            }
        }
        (Step::Agenda, Action::DeleteItem) => {
            if let Some(item) = state.current_item().and_then(|i| state.item(i)) {
                let question = format!("Remove \"{}\" from the agenda?", item.label);
                let seq = item.seq;
                confirm(app, question, Draft::DeleteItem(seq));
            }
        }
        (Step::Triage, Action::Open) => {
            if state.current_item().is_none() {
                return app
                    .info("The agenda is empty: a adds an item, > goes to the closing round.");
            }
            let options = OutputKind::ALL
                .iter()
                .map(|k| capitalised(k.label()).trim_end_matches('.').to_string())
                .collect();
            pick(app, "What came out of it?", options, Draft::None);
        }
        (Step::Triage, Action::CloseItem) => {
            if let Some(item) = state.current_item().and_then(|i| state.item(i)) {
                let owner = state.name_of(item.owner).to_string();
                let options = vec!["Yes".to_string(), "No, not everything".to_string()];
                let seq = item.seq;
                pick(
                    app,
                    &format!("{owner}, did you get what you need?"),
                    options,
                    Draft::CloseItem(seq),
                );
            }
        }
        _ => {}
    }
}

/// Reorders `items` from a seed (Fisher-Yates with a small linear congruential generator):
/// the order is recorded in the event, so it need not be reproducible, only well mixed.
fn shuffle(items: &mut [usize], seed: u32) {
    let mut state = u64::from(seed) | 1;
    for i in (1..items.len()).rev() {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let j = usize::try_from((state >> 33) % (i as u64 + 1)).unwrap_or(0);
        items.swap(i, j);
    }
}

/// A few words about the entry `seq`, for the retraction question.
fn describe_entry(log: &[Recorded], seq: u64) -> String {
    let Some(rec) = log.iter().find(|r| r.seq == seq) else {
        return "the last entry".into();
    };
    match &rec.event {
        Event::NoteTaken { text, .. } => format!("the note \"{text}\""),
        Event::ChecklistAnswered { checked, .. } => {
            (if *checked { "a check" } else { "a no check" }).into()
        }
        Event::MetricReported { value, .. } => format!("the value {value}"),
        Event::ProjectUpdated { update, .. } => update
            .as_ref()
            .map_or("\"no updates\"".into(), |u| format!("the update \"{u}\"")),
        Event::AgendaItemAdded { label, .. } => format!("the agenda item \"{label}\""),
        Event::OutputAdded { output, .. } => {
            format!("the {} \"{}\"", output.kind.label(), output.text)
        }
        Event::ItemClosed { .. } => "the closing of the item".into(),
        _ => "the last entry".into(),
    }
}

/// Open tensions of the present attendees, offered as agenda items.
fn offer_tensions(app: &mut App, org: &Organisation) {
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    let on_agenda: Vec<_> = state.agenda_items().filter_map(|a| a.tension).collect();
    let offers: Vec<(crate::domain::TensionId, usize, String)> = org
        .tensions_in(state.circle)
        .filter(|t| t.open && t.kind == TensionKind::Tactical && !on_agenda.contains(&t.id))
        .filter_map(|t| {
            let owner = state
                .present()
                .find(|&i| state.attendees[i].person == Some(t.person))?;
            Some((t.id, owner, t.text.clone()))
        })
        .collect();
    if offers.is_empty() {
        return app.info("No open tensions of the people here: a adds an item.");
    }
    let options = offers
        .iter()
        .map(|(_, owner, text)| format!("{text} ({})", state.name_of(*owner)))
        .collect();
    pick(
        app,
        "Add a tension to the agenda",
        options,
        Draft::Tensions(offers),
    );
}

/// The first words of a tension, as an agenda label.
fn short_label(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= LABEL_WORDS {
        text.to_string()
    } else {
        format!("{}…", words[..LABEL_WORDS].join(" "))
    }
}

/// Who may own an output: each role's fillers, unfilled roles, then individual actions.
fn owners(
    state: &Tactical,
    org: &Organisation,
) -> Vec<(Option<RoleId>, Option<crate::domain::PersonId>, String)> {
    let mut owners = Vec::new();
    for role in org.roles_in(state.circle) {
        let mut filled = false;
        for a in org.fillers_of(role.id) {
            filled = true;
            owners.push((
                Some(role.id),
                Some(a.person),
                format!("{} — {}", role.name, org.person_name(a.person)),
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
                format!("Individual action — {}", state.name_of(i)),
            ));
        }
    }
    owners
}

/// A number as people type it: spaces and underscores are ignored; commas that group digits
/// in threes ("2,050", "1,234.5") separate thousands; any other comma is a decimal comma
/// ("9,5", "0,975").
pub fn parse_number(text: &str) -> Option<f64> {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_')
        .collect();
    let digits = t.strip_prefix('-').unwrap_or(&t);
    let whole = digits.split('.').next().unwrap_or("");
    let groups: Vec<&str> = whole.split(',').collect();
    let thousands = groups.len() > 1
        && !groups[0].is_empty()
        && groups[0].len() <= 3
        && groups[0] != "0"
        && groups[1..].iter().all(|g| g.len() == 3)
        && (digits.contains('.') || !t.ends_with(','));
    let normal = if thousands {
        t.replace(',', "")
    } else {
        t.replacen(',', ".", 1)
    };
    normal.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// What a modal's outcome means for the entry being put together.
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
        (Outcome::Cancelled | Outcome::Answered(false), _) => {}
        (Outcome::Answered(true), Draft::Retract(seq)) => {
            if record(app, Event::Retracted { seq }) {
                app.info("Taken back. The log keeps both the entry and its retraction.");
            }
        }
        (Outcome::Answered(true), Draft::EndMeeting) => {
            if record(app, Event::Ended) {
                app.refresh_open_meetings();
                app.info("The meeting has ended. Its minutes follow.");
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
                    let title = PromptKind::MetricComment.question().to_string();
                    prompt(
                        app,
                        PromptKind::MetricComment,
                        title,
                        Draft::MetricValue(value),
                    );
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
            let period = org
                .metric(metric)
                .map_or(today, |m| period_just_ended(m.frequency, today));
            let comment = Some(comment).filter(|c| !c.is_empty());
            if record(
                app,
                Event::MetricReported {
                    metric,
                    value,
                    comment,
                    reporter,
                    period,
                },
            ) {
                advance(app);
            }
        }
        (Outcome::Submitted(text), Draft::ProjectStatus(status)) => {
            let Some(project) = state.projects.get(i).and_then(|&p| org.project(p)) else {
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
                advance(app);
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
                advance(app);
            }
        }
        (Outcome::Picked(n), Draft::None) if step == Step::Triage => {
            let Some(&kind) = OutputKind::ALL.get(n) else {
                return;
            };
            let title = capitalised(kind.label()).trim_end_matches('.').to_string();
            prompt(app, PromptKind::OutputText, title, Draft::OutputKind(kind));
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
                };
                record(app, Event::OutputAdded { item, output });
                return;
            }
            let owners = owners(state, &org);
            let options = owners.iter().map(|(_, _, label)| label.clone()).collect();
            let choices = owners.into_iter().map(|(r, p, _)| (r, p)).collect();
            pick(
                app,
                &format!("Who owns this {}?", kind.label()),
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
            record(
                app,
                Event::OutputAdded {
                    item,
                    output: Output {
                        kind,
                        text,
                        role,
                        person,
                    },
                },
            );
        }
        _ => {}
    }
}

/// Keys on the minutes of an ended meeting.
fn minutes_action(app: &mut App, action: Action) {
    let Some(screen) = screen(app) else { return };
    match action {
        Action::Up => screen.minutes_scroll = screen.minutes_scroll.saturating_sub(1),
        Action::Down => screen.minutes_scroll = screen.minutes_scroll.saturating_add(1),
        Action::PageDown => screen.minutes_scroll = screen.minutes_scroll.saturating_add(10),
        Action::PageUp => screen.minutes_scroll = screen.minutes_scroll.saturating_sub(10),
        Action::Back | Action::Leave => app.go_home(),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_as_people_type_them() {
        assert_eq!(parse_number("1840"), Some(1840.0));
        assert_eq!(parse_number(" 1 840 "), Some(1840.0));
        assert_eq!(parse_number("1,840.5"), Some(1840.5));
        assert_eq!(parse_number("9,5"), Some(9.5));
        assert_eq!(parse_number("2,050"), Some(2050.0));
        assert_eq!(parse_number("12,345,678"), Some(12_345_678.0));
        assert_eq!(parse_number("0,975"), Some(0.975));
        assert_eq!(parse_number("1,5"), Some(1.5));
        assert_eq!(parse_number("1,2,3"), None);
        assert_eq!(parse_number("-3"), Some(-3.0));
        assert_eq!(parse_number("twelve"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number(""), None);
    }

    #[test]
    fn a_shuffle_keeps_everyone_once() {
        let mut order = vec![0, 1, 2, 3, 4, 5];
        shuffle(&mut order, 12345);
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, [0, 1, 2, 3, 4, 5]);
        assert_ne!(order, [0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn a_tension_becomes_a_short_label() {
        assert_eq!(
            short_label("Butter deliveries arrive after lamination"),
            "Butter deliveries arrive…"
        );
        assert_eq!(short_label("Queue"), "Queue");
    }
}
