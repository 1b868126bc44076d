//! Starting a meeting: resuming the circle's unfinished one, or setting up a new one
//! (attendance, guests, facilitator, secretary, planned duration) and writing its first event.
//!
//! Owns: who is invited, the defaults, and what the meeting will review. Must not import:
//! tokio; must not draw.

use super::App;
use super::keys::Action;
use super::modal::Outcome;
use crate::domain::meeting::flow::Recorded;
use crate::domain::meeting::governance::{GovEvent, Governance};
use crate::domain::meeting::surrogate::{Chair, is_present, surrogate};
use crate::domain::meeting::tactical::{Event, Reviewed, Tactical};
use crate::domain::meeting::{Attendee, MeetingKind};
use crate::domain::{CircleId, CoreRole, MeetingId, Organisation, PersonId};
use crate::store::prelude::*;
use crate::ui::{
    Draft, GovDraft, GovScreen, Modal, Prompt, PromptKind, Screen, SetupState, TacticalScreen, step,
};

/// Planned minutes of a new meeting, by kind.
fn default_minutes(kind: MeetingKind) -> u32 {
    match kind {
        MeetingKind::Tactical => 60,
        MeetingKind::Governance => 90,
    }
}

/// The circle's members (fillers of its roles) and the Reps of its sub-circles, once each.
pub fn invited(org: &Organisation, circle: CircleId) -> Vec<PersonId> {
    let mut people: Vec<PersonId> = org.members_of(circle).iter().map(|p| p.id).collect();
    for sub in org.sub_circles(Some(circle)) {
        if let Some(rep) = org.core_role(sub.id, CoreRole::Rep) {
            for a in org.fillers_of(rep.id) {
                if !people.contains(&a.person) {
                    people.push(a.person);
                }
            }
        }
    }
    people
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
    let attendees: Vec<Attendee> = invited(&org, circle)
        .into_iter()
        .map(|p| Attendee {
            person: Some(p),
            name: org.person_name(p).to_string(),
            present: true,
            guest: false,
        })
        .collect();
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
        planned_minutes: default_minutes(kind),
        selected: 0,
        modal: None,
        surrogates: None,
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

/// Loads a governance meeting's log, folds it, and shows it where it was left.
fn resume_governance(app: &mut App, meeting: MeetingId) {
    let Some(org) = app.view.org.clone() else {
        return;
    };
    let log = match app.store.meeting_events::<GovEvent>(meeting) {
        Ok(log) => log,
        Err(e) => return app.error(e.to_string()),
    };
    let state = match Governance::fold(&log, org.rule_set()) {
        Ok(state) => state,
        Err(e) => return app.error(format!("meeting {} cannot be resumed: {e}", meeting.0)),
    };
    say_resumed(app, state.started_at, state.step.title());
    show_governance(app, meeting, log, state);
    app.resume_entry();
}

fn show_governance(
    app: &mut App,
    meeting: MeetingId,
    log: Vec<crate::domain::meeting::flow::Recorded<GovEvent>>,
    state: Governance,
) {
    app.view.screen = Screen::Governance(Box::new(GovScreen {
        meeting,
        log,
        state,
        modal: None,
        draft: GovDraft::None,
        presentation: false,
        editing: None,
    }));
}

/// Shows an unfinished meeting of either kind where it was left.
pub fn resume(app: &mut App, meeting: MeetingId, kind: MeetingKind) {
    match kind {
        MeetingKind::Tactical => resume_tactical(app, meeting),
        MeetingKind::Governance => resume_governance(app, meeting),
    }
}

/// Loads a tactical meeting's log, folds it, and shows it where it was left.
fn resume_tactical(app: &mut App, meeting: MeetingId) {
    let log = match app.store.meeting_events::<Event>(meeting) {
        Ok(log) => log,
        Err(e) => return app.error(e.to_string()),
    };
    let state = match Tactical::fold(&log) {
        Ok(state) => state,
        Err(e) => return app.error(format!("meeting {} cannot be resumed: {e}", meeting.0)),
    };
    say_resumed(app, state.started_at, state.step.title());
    show(app, meeting, log, state);
    app.resume_entry();
}

fn show(app: &mut App, meeting: MeetingId, log: Vec<Recorded<Event>>, state: Tactical) {
    app.view.screen = Screen::Tactical(Box::new(TacticalScreen {
        meeting,
        log,
        state,
        modal: None,
        draft: Draft::None,
        presentation: false,
        reporter: None,
        minutes_scroll: 0,
    }));
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
        Action::AddGuest => setup.modal = Some(Modal::Prompt(Prompt::new(PromptKind::GuestName))),
        Action::Longer => setup.planned_minutes = (setup.planned_minutes + 5).min(480),
        Action::Shorter => setup.planned_minutes = setup.planned_minutes.saturating_sub(5).max(5),
        Action::Open => start(app),
        Action::Back | Action::Leave => app.go_home(),
        _ => {}
    }
}

/// The outcome of the setup screen's modal (the guest's name).
pub fn outcome(app: &mut App, outcome: Outcome) {
    let Screen::MeetingSetup(setup) = &mut app.view.screen else {
        return;
    };
    match outcome {
        Outcome::Submitted(name) if name.is_empty() => {
            app.error("Type the guest's name, or Esc to cancel.")
        }
        Outcome::Submitted(name) => {
            // The name as typed; being a guest is a field of its own.
            setup.attendees.push(Attendee::guest(name));
            setup.selected = setup.attendees.len() - 1;
            setup.modal = None;
        }
        Outcome::Cancelled => setup.modal = None,
        _ => {}
    }
}

/// The check-in question: one of the bank, by the time.
fn question(app: &App) -> String {
    let questions = &app.view.questions;
    match questions.len() {
        0 => "What has your attention right now?".to_string(),
        n => questions[usize::try_from(app.now().timestamp()).unwrap_or(0) % n].clone(),
    }
}

/// Writes a governance meeting's first event (with the circle's Lead and the elected roles'
/// incumbents among the attendees, for eligibility and ties) and opens it.
fn start_governance(app: &mut App) {
    let (Screen::MeetingSetup(setup), Some(org)) = (&app.view.screen, app.view.org.clone()) else {
        return;
    };
    let now = app.now();
    let circle = setup.circle;
    let attendee_of = |core: CoreRole| filler_attendee(&org, circle, &setup.attendees, core);
    let incumbents = [CoreRole::Facilitator, CoreRole::Secretary, CoreRole::Rep]
        .into_iter()
        .filter_map(|r| attendee_of(r).map(|a| (r, a)))
        .collect();
    let event = GovEvent::Started {
        circle,
        attendees: setup.attendees.clone(),
        facilitator: setup.facilitator,
        secretary: setup.secretary,
        planned_minutes: setup.planned_minutes,
        question: question(app),
        lead: attendee_of(CoreRole::Lead),
        incumbents,
    };
    let log = vec![Recorded {
        seq: 1,
        at: now,
        event,
    }];
    let state = match Governance::fold(&log, org.rule_set()) {
        Ok(state) => state,
        Err(e) => return app.error(format!("Cannot start: {e}.")),
    };
    match app
        .store
        .start_meeting(circle, MeetingKind::Governance, now, &log[0].event)
    {
        Ok(meeting) => {
            app.refresh_open_meetings();
            show_governance(app, meeting, log, state);
        }
        Err(e) => app.error(e.to_string()),
    }
}

/// Writes the meeting's first event and opens it.
fn start(app: &mut App) {
    let (Screen::MeetingSetup(setup), Some(org)) = (&app.view.screen, app.view.org.clone()) else {
        return;
    };
    // The minutes never name someone absent as facilitator or secretary.
    let absent_chair = [setup.facilitator, setup.secretary]
        .into_iter()
        .any(|c| c.is_some() && !is_present(&setup.attendees, c));
    if absent_chair {
        return app.error("The Facilitator and Secretary must be present: f and s choose them.");
    }
    if setup.kind == MeetingKind::Governance {
        return start_governance(app);
    }
    let now = app.now();
    let today = now.date_naive();
    let circle = setup.circle;
    let reviewed = Reviewed::of(&org, circle, today);
    let question = question(app);
    let event = Event::Started {
        circle,
        attendees: setup.attendees.clone(),
        facilitator: setup.facilitator,
        secretary: setup.secretary,
        planned_minutes: setup.planned_minutes,
        question,
        checklist: reviewed.checklist,
        metrics: reviewed.metrics,
        projects: reviewed.projects,
    };
    let first = Recorded {
        seq: 1,
        at: now,
        event,
    };
    let state = match Tactical::start(&first) {
        Ok(state) => state,
        Err(e) => return app.error(format!("Cannot start: {e}.")),
    };
    match app
        .store
        .start_meeting(circle, setup.kind, now, &first.event)
    {
        Ok(meeting) => {
            app.refresh_open_meetings();
            show(app, meeting, vec![first], state);
        }
        Err(e) => app.error(e.to_string()),
    }
}
