//! Starting a meeting: resuming the circle's unfinished one, or setting up a new one
//! (attendance, guests, facilitator, secretary, planned duration) and writing its first event.
//!
//! Owns: who is invited, the defaults, and writing a meeting's first entry and opening it
//! (each kind's shell, `app::kinds`, says what that entry holds), or resuming it.
//! Must not import: tokio; must not draw.

use super::App;
use super::keys::Action;
use super::kinds;
use super::modal::Outcome;
use crate::app::Screen;
use crate::domain::meeting::flow::{self, Flow, Recorded};
use crate::domain::meeting::surrogate::{Chair, is_present, surrogate};
use crate::domain::meeting::{Attendee, MeetingKind};
use crate::domain::membership::{self, GuestLink, Invitation};
use crate::domain::{CircleId, CoreRole, MeetingId, Organisation, RuleSet};
use crate::store::prelude::*;
use crate::ui::{GuestDraft, Modal, Prompt, PromptKind, SetupState, step};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The links a member holds into the circle, in words: "Circle Lead", "Circle Rep of
/// Bakehouse".
fn links_said(org: &Organisation, member: &membership::Member) -> String {
    let rules = org.rule_set();
    let of = |core: CoreRole, c: CircleId| {
        format!(
            "{} of {}",
            core.name(rules),
            org.circle(c).map_or("?", |c| c.name.as_str())
        )
    };
    member
        .bases
        .iter()
        .filter_map(|basis| match *basis {
            membership::Basis::Fills(role) => org
                .role(role)
                .filter(|r| r.core == Some(CoreRole::Lead))
                .map(|_| CoreRole::Lead.name(rules).to_string()),
            membership::Basis::SubCircleLead(c) => Some(of(CoreRole::Lead, c)),
            membership::Basis::SubCircleRep(c) => Some(of(CoreRole::Rep, c)),
            membership::Basis::CrossLink(role) => org.role(role).map(|r| r.name.clone()),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Opens the circle's unfinished meeting of this kind, or the setup of a new one.
pub fn begin(app: &mut App, circle: CircleId, kind: MeetingKind) {
    match app.store.open_meeting(circle, kind) {
        Ok(Some(meeting)) => resume(app, meeting, kind),
        Ok(None) => setup(app, circle, kind),
        Err(e) => app.error(e.to_string()),
    }
}

fn setup(app: &mut App, circle: CircleId, kind: MeetingKind) {
    let Some(org) = app.view.org.clone() else {
        return;
    };
    // The circle's members are invited (4.1 §3.3.1, §4.2.2; 5.0 §5.4.1, §3.1): the fillers
    // of its roles, and its sub-circles' Leads and Reps.
    let members = membership::members(&org, circle);
    let attendees: Vec<Attendee> = members
        .iter()
        .map(|m| Attendee::member(m.person, org.person_name(m.person).to_string()))
        .collect();
    let links = members.iter().map(|m| links_said(&org, m)).collect();
    let filler_of = |core: CoreRole| filler_attendee(&org, circle, &attendees, core);
    let (facilitator, secretary) = (
        filler_of(CoreRole::Facilitator),
        filler_of(CoreRole::Secretary),
    );
    let mut setup = SetupState {
        circle,
        kind,
        facilitator,
        secretary,
        attendees,
        planned_minutes: kind.planned_minutes(),
        selected: 0,
        modal: None,
        surrogates: None,
        guest: None,
        links,
    };
    cover_chairs(&mut setup, &org);
    app.view.screen = Screen::MeetingSetup(setup);
}

/// The invited attendee who fills `core` in the circle, if any.
pub(super) fn filler_attendee(
    org: &Organisation,
    circle: CircleId,
    attendees: &[Attendee],
    core: CoreRole,
) -> Option<usize> {
    let role = org.core_role(circle, core)?;
    let person = org.fillers_of(role.id).next()?.person;
    attendees.iter().position(|a| a.person == Some(person))
}

/// Gives an absent or unfilled Facilitator and Secretary their surrogate (5.0 §5.3.6; 4.1
/// §2.5.4): the other chair's acting person, else the circle's Lead, else (the first member
/// to declare) the first person present, whom `f` or `s` changes. Says who and why.
fn cover_chairs(setup: &mut SetupState, org: &Organisation) {
    let lead = filler_attendee(org, setup.circle, &setup.attendees, CoreRole::Lead);
    let section = org.rule_set().rules().surrogates_section;
    // A surrogate stands in only while the one they replace is away: marked present again,
    // the role's filler takes it back (unless f or s chose someone, which ends covering).
    if setup.surrogates.take().is_some() {
        let regular = |core| filler_attendee(org, setup.circle, &setup.attendees, core);
        for (core, holder) in [
            (CoreRole::Facilitator, &mut setup.facilitator),
            (CoreRole::Secretary, &mut setup.secretary),
        ] {
            if let Some(filler) = regular(core).filter(|&f| setup.attendees[f].present) {
                *holder = Some(filler);
            }
        }
    }
    let mut notes = Vec::new();
    for chair in [Chair::Facilitator, Chair::Secretary] {
        let (holder, other) = match chair {
            Chair::Facilitator => (setup.facilitator, setup.secretary),
            Chair::Secretary => (setup.secretary, setup.facilitator),
        };
        if is_present(&setup.attendees, holder) {
            continue;
        }
        let Some((who, why)) = surrogate(chair, &setup.attendees, other, lead)
            .map(|(w, p)| (w, p.says()))
            .or_else(|| {
                let first = setup.attendees.iter().position(|a| a.present)?;
                Some((first, "first to declare".to_string()))
            })
        else {
            continue;
        };
        let name = |i: usize| setup.attendees.get(i).map_or("?", |a| a.name.as_str());
        let cause = match holder {
            Some(i) => format!("{} ({}) is absent", name(i), chair.name()),
            None => format!("No {} here", chair.name()),
        };
        notes.push(format!(
            "{cause}: {} is surrogate ({why}, {section}).",
            name(who)
        ));
        match chair {
            Chair::Facilitator => setup.facilitator = Some(who),
            Chair::Secretary => setup.secretary = Some(who),
        }
    }
    if !notes.is_empty() {
        setup.surrogates = Some(notes.join(" "));
    }
}

/// "Resumed the meeting started Tuesday 24 November at 09:00, at: STEP."
fn say_resumed(app: &mut App, started: chrono::DateTime<chrono::Utc>, step: &str) {
    let started = started
        .with_timezone(&chrono::Local)
        .format("%A %-d %B at %H:%M");
    app.info(format!(
        "Resumed the meeting started {started}, at: {step}."
    ));
}

/// Meeting `meeting`'s log, read and folded under `rules`; `None` once the status line says
/// why it cannot be resumed.
fn folded<F: Flow<Event: DeserializeOwned>>(
    app: &mut App,
    meeting: MeetingId,
    rules: RuleSet,
) -> Option<(Vec<Recorded<F::Event>>, F)> {
    let log = match app.store.meeting_events::<F::Event>(meeting) {
        Ok(log) => log,
        Err(e) => {
            app.error(e.to_string());
            return None;
        }
    };
    match flow::fold::<F>(&log, rules) {
        Ok(state) => Some((log, state)),
        Err(e) => {
            app.error(format!("meeting {} cannot be resumed: {e}", meeting.0));
            None
        }
    }
}

/// How a kind shows its meeting of flow `F`, folded from its log, with nothing open over it.
pub(super) type Show<F> = fn(&mut App, MeetingId, Vec<Recorded<<F as Flow>::Event>>, F);

/// Shows the unfinished meeting `meeting` of flow `F`, folded under `rules`, where it was
/// left (`show`), saying when it started and the step it is at (`resumed`).
pub(super) fn resume_with<F: Flow<Event: DeserializeOwned>>(
    app: &mut App,
    meeting: MeetingId,
    rules: RuleSet,
    resumed: impl FnOnce(&F) -> (chrono::DateTime<chrono::Utc>, &'static str),
    show: Show<F>,
) {
    let Some((log, state)) = folded::<F>(app, meeting, rules) else {
        return;
    };
    let (started, step) = resumed(&state);
    say_resumed(app, started, step);
    show(app, meeting, log, state);
    app.resume_entry();
}

/// Shows an unfinished meeting of any kind where it was left.
pub fn resume(app: &mut App, meeting: MeetingId, kind: MeetingKind) {
    kinds::shell(kind).resume(app, meeting);
}

/// A key's action on the setup screen.
pub fn act(app: &mut App, action: Action) {
    let Screen::MeetingSetup(setup) = &mut app.view.screen else {
        return;
    };
    let len = setup.attendees.len();
    let selected = Some(setup.selected).filter(|&i| i < len);
    let absent = selected.is_some() && !is_present(&setup.attendees, selected);
    match action {
        Action::Up => setup.selected = step(setup.selected, len, -1),
        Action::Down => setup.selected = step(setup.selected, len, 1),
        Action::TogglePresent => {
            if let Some(a) = setup.attendees.get_mut(setup.selected) {
                a.present = !a.present;
            }
            if let Some(org) = app.view.org.clone()
                && let Screen::MeetingSetup(setup) = &mut app.view.screen
            {
                cover_chairs(setup, &org);
            }
        }
        Action::MakeFacilitator | Action::MakeSecretary if absent => {
            app.error("Someone absent cannot act in the meeting: Space marks them present.");
        }
        Action::MakeFacilitator if selected.is_some() => {
            setup.facilitator = selected;
            setup.surrogates = None;
        }
        Action::MakeSecretary if selected.is_some() => {
            setup.secretary = selected;
            setup.surrogates = None;
        }
        Action::AddGuest => invite(app),
        Action::AddObserver => {
            setup.modal = Some(Modal::Prompt(Prompt::new(PromptKind::ObserverName)))
        }
        Action::Longer => setup.planned_minutes = (setup.planned_minutes + 5).min(480),
        Action::Shorter => setup.planned_minutes = setup.planned_minutes.saturating_sub(5).max(5),
        Action::Open => start(app),
        Action::Back | Action::Leave => app.go_home(),
        _ => {}
    }
}

/// Starts inviting a guest through the selected attendee's first link that has none yet
/// (4.1 §3.3.1: the Lead Link and each Rep Link, one guest each; 5.0 §5.4.1: a sub-circle's
/// Circle Rep, one at a time). Refused, naming the article, for anyone else.
fn invite(app: &mut App) {
    let (Screen::MeetingSetup(setup), Some(org)) = (&mut app.view.screen, app.view.org.clone())
    else {
        return;
    };
    let rules = org.rule_set().rules();
    let by = setup.selected;
    let used = |link: &GuestLink| {
        setup.attendees.iter().any(|a| {
            a.invitation
                .as_ref()
                .is_some_and(|i| i.by == by && i.link == *link)
        })
    };
    let links = setup
        .attendees
        .get(by)
        .and_then(|a| a.person.filter(|_| !a.is_guest() && !a.observer))
        .map(|p| membership::links_of(&org, rules, setup.circle, p))
        .unwrap_or_default();
    let Some(link) = links.iter().find(|l| !used(l)).copied() else {
        let why = match links.first() {
            Some(_) => "this link already has its guest".to_string(),
            None => rules.guests.says.to_string(),
        };
        return app.error(format!(
            "{}: {why}. Select the one who invites, then a; o adds an observer.",
            rules.guests.article
        ));
    };
    let title = format!(
        "Guest of {} ({}): name",
        setup.attendees.get(by).map_or("?", |a| a.name.as_str()),
        link.says(&org)
    );
    setup.guest = Some(GuestDraft {
        by,
        link,
        name: None,
    });
    setup.modal = Some(Modal::Prompt(Prompt::titled(PromptKind::GuestName, title)));
}

/// The outcome of the setup screen's modal: a guest's name, then their tension; or an
/// observer's name.
pub fn outcome(app: &mut App, outcome: Outcome) {
    let Screen::MeetingSetup(setup) = &mut app.view.screen else {
        return;
    };
    let asked = match &setup.modal {
        Some(Modal::Prompt(p)) => p.kind,
        _ => return,
    };
    let text = match outcome {
        Outcome::Submitted(text) => text,
        Outcome::Cancelled => {
            setup.modal = None;
            setup.guest = None;
            return;
        }
        _ => return,
    };
    if text.is_empty() {
        return app.error(match asked {
            PromptKind::GuestTension => "Name the tension the guest helps with, or Esc.",
            _ => "Type the name, or Esc to cancel.",
        });
    }
    match (asked, setup.guest.take()) {
        (PromptKind::GuestName, Some(mut draft)) => {
            draft.name = Some(text);
            setup.guest = Some(draft);
            setup.modal = Some(Modal::Prompt(Prompt::new(PromptKind::GuestTension)));
        }
        (PromptKind::GuestTension, Some(draft)) => {
            let invitation = Invitation {
                by: draft.by,
                link: draft.link,
                tension: text,
            };
            // The name as typed; being a guest is a field of its own.
            let guest = Attendee::guest(draft.name.unwrap_or_default(), Some(invitation));
            add_attendee(app, guest);
        }
        (PromptKind::ObserverName, _) => add_attendee(app, Attendee::observer(text)),
        _ => setup.modal = None,
    }
}

/// Adds a guest or an observer to the attendance, if the rule set allows it.
fn add_attendee(app: &mut App, attendee: Attendee) {
    let (Screen::MeetingSetup(setup), Some(org)) = (&mut app.view.screen, app.view.org.clone())
    else {
        return;
    };
    setup.modal = None;
    let mut attendees = setup.attendees.clone();
    attendees.push(attendee);
    if let Err(why) = membership::check_guests(org.rule_set().rules(), &attendees) {
        return app.error(why);
    }
    setup.attendees = attendees;
    setup.selected = setup.attendees.len() - 1;
}

/// The check-in question: one of the bank, by the time.
pub(super) fn question(app: &App) -> String {
    let questions = &app.view.questions;
    match questions.len() {
        0 => "What has your attention right now?".to_string(),
        n => questions[usize::try_from(app.now().timestamp()).unwrap_or(0) % n].clone(),
    }
}

/// Whether the meeting the store started holds just the first entry as written here. A start
/// whose answer was lost is answered, when asked again, with the meeting it made, whose first
/// entry was decided then (another check-in question, an earlier time): that one is resumed.
fn as_written<E: serde::Serialize>(app: &App, meeting: MeetingId, first: &E) -> bool {
    let written = serde_json::to_string(first).ok();
    match app.store.payloads_after(meeting, 0) {
        Ok(log) => log.len() == 1 && Some(&log[0].event) == written.as_ref(),
        // Shown as written: the next entry's expected-sequence check catches any difference.
        Err(_) => true,
    }
}

/// Writes a meeting's first entry, as its kind made it from the setup screen, and opens the
/// meeting (`show`, with the entry as written). A start whose answer was lost resumes the
/// meeting the store made instead.
pub(super) fn open_started<E: Serialize>(
    app: &mut App,
    circle: CircleId,
    kind: MeetingKind,
    first: Recorded<E>,
    show: impl FnOnce(&mut App, MeetingId, Recorded<E>),
) {
    match app
        .store
        .start_meeting(circle, kind, first.at, &first.event)
    {
        Ok(meeting) if !as_written(app, meeting, &first.event) => {
            app.refresh_open_meetings();
            resume(app, meeting, kind);
        }
        Ok(meeting) => {
            app.refresh_open_meetings();
            show(app, meeting, first);
        }
        Err(e) => app.start_failed(e),
    }
}

/// Starts a meeting of flow `F` whose first entry, made at `now` from the setup screen, is
/// `event`: the state it makes under `rules` is shown (`show`) once the entry is written
/// (`open_started`). A first entry the meeting refuses is said, and nothing is written.
pub(super) fn start_with<F: Flow<Event: Serialize>>(
    app: &mut App,
    (circle, kind): (CircleId, MeetingKind),
    (now, event): (chrono::DateTime<chrono::Utc>, F::Event),
    rules: RuleSet,
    show: Show<F>,
) {
    let first = Recorded {
        seq: 1,
        at: now,
        event,
    };
    let state = match F::start(&first, rules) {
        Ok(state) => state,
        Err(e) => return app.error(format!("Cannot start: {e}.")),
    };
    open_started(app, circle, kind, first, |app, id, first| {
        show(app, id, vec![first], state);
    });
}

/// Writes the meeting's first event and opens it.
fn start(app: &mut App) {
    // What the meeting reviews depends on the answers its roles gave already.
    if let (Screen::MeetingSetup(setup), Some(org)) = (&app.view.screen, app.view.org.as_deref()) {
        let roles = super::reports::of_circle(org, setup.circle);
        app.hold_reports(roles);
    }
    let Screen::MeetingSetup(setup) = &app.view.screen else {
        return;
    };
    // The minutes never name someone absent as facilitator or secretary.
    let absent_chair = [setup.facilitator, setup.secretary]
        .into_iter()
        .any(|c| c.is_some() && !is_present(&setup.attendees, c));
    if absent_chair {
        return app.error("The Facilitator and Secretary must be present: f and s choose them.");
    }
    kinds::shell(setup.kind).start(app);
}
