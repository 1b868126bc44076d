//! The tactical meeting as one of the shell's kinds (`app::kinds`): starting it from setup
//! (its first entry names what it will review), resuming it, and reading its minutes.
//!
//! Owns: `Shell`. Must not import: tokio; must not draw.

use super::TacticalScreen;
use crate::app::kinds::{self, KindShell};
use crate::app::{App, Screen, meeting_setup, minutes, reports};
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
    kinds::kind_shell_parts!();

    fn resume(&self, app: &mut App, meeting: MeetingId) {
        let resumed = |t: &Tactical| (t.started_at, t.step.title());
        meeting_setup::resume_with(app, meeting, RuleSet::default(), resumed, show);
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
        let kind = (circle, MeetingKind::Tactical);
        meeting_setup::start_with::<Tactical>(app, kind, (now, event), RuleSet::default(), show);
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
        let state: Tactical = minutes::folded(store, meeting, RuleSet::default())?;
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
