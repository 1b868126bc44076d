//! The governance meeting as one of the shell's kinds (`app::kinds`): starting it from setup
//! (its first entry names the circle's Lead and the elected roles' incumbents, for
//! eligibility and ties), resuming it under the organisation's rule set, and reading its
//! minutes.
//!
//! Owns: `Shell`. Must not import: tokio; must not draw.

use super::GovernanceScreen;
use crate::app::keys::Action;
use crate::app::kinds::KindShell;
use crate::app::modal::Outcome;
use crate::app::{App, Screen, meeting_setup};
use crate::domain::meeting::MeetingKind;
use crate::domain::meeting::flow::Recorded;
use crate::domain::meeting::governance::{GovEvent, Governance};
use crate::domain::minutes::Minutes;
use crate::domain::{CoreRole, MeetingId, Organisation};
use crate::store::prelude::*;

/// What the shell does for governance meetings.
pub struct Shell;

/// Shows the meeting `state`, folded from `log`, with nothing open over it.
fn show(app: &mut App, meeting: MeetingId, log: Vec<Recorded<GovEvent>>, state: Governance) {
    app.view.screen = Screen::Governance(Box::new(GovernanceScreen::new(meeting, log, state)));
}

impl KindShell for Shell {
    fn act(&self, app: &mut App, action: Action) {
        super::act(app, action);
    }

    fn outcome(&self, app: &mut App, outcome: Outcome) {
        super::outcome(app, outcome);
    }

    fn ask_again(&self, app: &mut App) {
        super::ask_again(app);
    }

    fn resume(&self, app: &mut App, meeting: MeetingId) {
        let Some(rules) = app.view.org.as_deref().map(Organisation::rule_set) else {
            return;
        };
        let Some((log, state)) = meeting_setup::folded::<Governance>(app, meeting, rules) else {
            return;
        };
        meeting_setup::say_resumed(app, state.started_at, state.step.title());
        show(app, meeting, log, state);
        app.resume_entry();
    }

    fn start(&self, app: &mut App) {
        let (Screen::MeetingSetup(setup), Some(org)) = (&app.view.screen, app.view.org.clone())
        else {
            return;
        };
        let now = app.now();
        let circle = setup.circle;
        let attendee_of =
            |core: CoreRole| meeting_setup::filler_attendee(&org, circle, &setup.attendees, core);
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
            question: meeting_setup::question(app),
            lead: attendee_of(CoreRole::Lead),
            incumbents,
        };
        let first = Recorded {
            seq: 1,
            at: now,
            event,
        };
        let state = match Governance::fold(std::slice::from_ref(&first), org.rule_set()) {
            Ok(state) => state,
            Err(e) => return app.error(format!("Cannot start: {e}.")),
        };
        meeting_setup::open_started(
            app,
            circle,
            MeetingKind::Governance,
            first,
            |app, id, first| {
                show(app, id, vec![first], state);
            },
        );
    }

    fn minutes(
        &self,
        store: &dyn Backend,
        meeting: MeetingId,
        org: &Organisation,
    ) -> Result<Minutes, String> {
        let log = store
            .meeting_events::<GovEvent>(meeting)
            .map_err(|e| e.to_string())?;
        let state = Governance::fold(&log, org.rule_set())
            .map_err(|e| format!("meeting {} cannot be read: {e}", meeting.0))?;
        Ok(Minutes::governance(meeting, &state, org))
    }
}
