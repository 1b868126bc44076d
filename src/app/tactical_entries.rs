//! The second half of a tactical meeting's keys: what a prompt, picker or yes/no answer
//! completes (drafts of several parts), and the lists those pickers offer.
//!
//! Owns: modal outcomes, owners of outputs, tension offers, number reading.
//! Must not import: tokio; must not draw.

use super::App;
use super::modal::Outcome;
use super::tactical::{answered, capitalised, org, pick, prompt, record, reporter, screen};
use crate::domain::meeting::tactical::{Event, Recorded, Step, Tactical};
use crate::domain::meeting::{Output, OutputKind, period_just_ended};
use crate::domain::minutes::Minutes;
use crate::domain::{Organisation, RoleId, TensionKind};
use crate::ui::{Draft, Modal, PromptKind};

/// Labels longer than this many words get a gentle warning.
pub const LABEL_WORDS: usize = 3;

/// Reorders `items` from a seed (Fisher-Yates with a small linear congruential generator):
/// the order is recorded in the event, so it need not be reproducible, only well mixed.
pub(super) fn shuffle(items: &mut [usize], seed: u32) {
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
        Event::ProjectUpdated { update, .. } => update
            .as_ref()
            .map_or("\"no updates\"".into(), |u| format!("the update \"{u}\"")),
        Event::AgendaItemAdded { label, .. } => format!("the agenda item \"{label}\""),
        Event::OutputAdded { output, .. } => {
            format!("the {} \"{}\"", output.kind.label(), output.text)
        }
        Event::ItemClosed { .. } => "the closing of the item".into(),
        Event::AgendaItemDeleted { .. } => "taking the item off the agenda".into(),
        _ => "the last entry".into(),
    }
}

/// The open tensions of `kind` in `circle` held by someone present and not yet on the
/// agenda, as (tension, attendee, text): what the agenda's "tensions" key offers.
pub(super) fn tension_offers(
    org: &Organisation,
    circle: crate::domain::CircleId,
    kind: TensionKind,
    attendees: &[crate::domain::meeting::Attendee],
    on_agenda: &[crate::domain::TensionId],
) -> Vec<(crate::domain::TensionId, usize, String)> {
    org.tensions_in(circle)
        .filter(|t| t.open && t.kind == kind && !on_agenda.contains(&t.id))
        .filter_map(|t| {
            let owner = attendees
                .iter()
                .position(|a| a.present && a.person == Some(t.person))?;
            Some((t.id, owner, t.text.clone()))
        })
        .collect()
}

/// "Tension text (Name)" for each offer, as the picker lists them.
pub(super) fn offer_labels(
    offers: &[(crate::domain::TensionId, usize, String)],
    attendees: &[crate::domain::meeting::Attendee],
) -> Vec<String> {
    offers
        .iter()
        .map(|(_, who, text)| {
            let name = attendees.get(*who).map_or("?", |a| a.name.as_str());
            format!("{text} ({name})")
        })
        .collect()
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

/// The first words of a tension, as an agenda label.
pub(super) fn short_label(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= LABEL_WORDS {
        text.to_string()
    } else {
        format!("{}…", words[..LABEL_WORDS].join(" "))
    }
}

/// Who may own an output: each role's fillers, unfilled roles, then individual actions.
pub(super) fn owners(
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
pub(super) fn parse_number(text: &str) -> Option<f64> {
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
        (Outcome::Cancelled | Outcome::Answered(false), _) => {}
        (Outcome::Answered(true), Draft::Retract(seq)) => {
            if record(app, Event::Retracted { seq }) {
                app.info("Taken back. The log keeps both the entry and its retraction.");
            }
        }
        (Outcome::Answered(true), Draft::EndMeeting) => {
            if record(app, Event::Ended) {
                app.refresh_open_meetings();
                if let Some(screen) = super::tactical::screen(app) {
                    let minutes = Minutes::tactical(screen.meeting, &screen.state, &org);
                    super::past::show_ended(app, minutes);
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
                answered(app);
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
