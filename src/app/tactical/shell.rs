//! The tactical meeting as one of the shell's kinds (`app::kinds`): starting it from setup
//! (its first entry names what it will review), resuming it, and reading its minutes.
//!
//! Owns: `Shell`. Must not import: tokio; must not draw.

use super::{TacticalScreen, outcomes};
use crate::app::keys::Action;
use crate::app::kinds::KindShell;
use crate::app::modal::Outcome;
use crate::app::{App, Screen, meeting_setup, reports};
use crate::domain::meeting::MeetingKind;
use crate::domain::meeting::flow::Recorded;
use crate::domain::meeting::tactical::{Event, Reviewed, Tactical};
use crate::domain::minutes::Minutes;
use crate::domain::{MeetingId, Organisation, RuleSet};
use crate::store::prelude::*;

/// What the shell does for tactical meetings.
pub struct Shell;

/// Shows the meeting `state`, folded from `log`, with nothing open over it.
fn show(app: &mut App, meeting: MeetingId, log: Vec<Recorded<Event>>, state: Tactical) {
    app.view.screen = Screen::Tactical(Box::new(TacticalScreen::new(meeting, log, state)));
}

impl KindShell for Shell {
    fn act(&self, app: &mut App, action: Action) {
        super::act(app, action);
    }

    fn outcome(&self, app: &mut App, outcome: Outcome) {
        outcomes::outcome(app, outcome);
    }

    fn ask_again(&self, app: &mut App) {
        outcomes::ask_again(app);
    }

    fn resume(&self, app: &mut App, meeting: MeetingId) {
        let Some((log, state)) =
            meeting_setup::folded::<Tactical>(app, meeting, RuleSet::default())
        else {
            return;
        };
        meeting_setup::say_resumed(app, state.started_at, state.step.title());
        show(app, meeting, log, state);
        app.resume_entry();
    }

    /// The first entry names the checklist items, metrics and projects the meeting reviews,
    /// as they stand today.
    fn start(&self, app: &mut App) {
        let (Screen::MeetingSetup(setup), Some(org)) = (&app.view.screen, app.view.org.clone())
        else {
            return;
        };
        let now = app.now();
        let circle = setup.circle;
        let reviewed = Reviewed::of(&org, circle, now.date_naive());
        let event = Event::Started {
            circle,
            attendees: setup.attendees.clone(),
            facilitator: setup.facilitator,
            secretary: setup.secretary,
            planned_minutes: setup.planned_minutes,
            question: meeting_setup::question(app),
            checklist: reviewed.checklist,
            metrics: reviewed.metrics,
            projects: reviewed.projects,
            progress: reviewed.progress,
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
        meeting_setup::open_started(
            app,
            circle,
            MeetingKind::Tactical,
            first,
            |app, id, first| {
                show(app, id, vec![first], state);
            },
        );
    }

    /// The minutes name what the roles reported before the meeting: the reports of the
    /// metrics it reviewed are read into a copy of `org` when it does not hold them (a role
    /// that has moved to another circle since).
    fn minutes(
        &self,
        store: &dyn Backend,
        meeting: MeetingId,
        org: &Organisation,
    ) -> Result<Minutes, String> {
        let log = store
            .meeting_events::<Event>(meeting)
            .map_err(|e| e.to_string())?;
        let state = Tactical::fold(&log)
            .map_err(|e| format!("meeting {} cannot be read: {e}", meeting.0))?;
        let roles = state
            .metrics
            .iter()
            .filter_map(|&m| org.metric(m))
            .map(|m| m.role);
        let missing = org.reports_missing(roles);
        if missing.is_empty() {
            return Ok(Minutes::tactical(meeting, &state, org));
        }
        let mut held = org.clone();
        reports::hold(store, &mut held, missing).map_err(|e| e.to_string())?;
        Ok(Minutes::tactical(meeting, &state, &held))
    }
}
