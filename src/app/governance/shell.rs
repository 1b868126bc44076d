//! The governance meeting as one of the shell's kinds (`app::kinds`): starting it from setup
//! (its first entry names the circle's Lead and the elected roles' incumbents, for
//! eligibility and ties), resuming it under the organisation's rule set, and reading its
//! minutes.
//!
//! Owns: `Shell`. Must not import: tokio; must not draw.

use super::GovernanceScreen;
use crate::app::kinds::{self, KindShell};
use crate::app::{App, Screen, meeting_setup, minutes};
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
    kinds::kind_shell_parts!();

    fn resume(&self, app: &mut App, meeting: MeetingId) {
        let Some(rules) = app.view.org.as_deref().map(Organisation::rule_set) else {
            return;
        };
        let resumed = |g: &Governance| (g.started_at, g.step.title());
        meeting_setup::resume_with(app, meeting, rules, resumed, show);
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
        let kind = (circle, MeetingKind::Governance);
        meeting_setup::start_with::<Governance>(app, kind, (now, event), org.rule_set(), show);
    }

    fn minutes(
        &self,
        store: &dyn Backend,
        meeting: MeetingId,
        org: &Organisation,
    ) -> Result<Minutes, String> {
        let state = minutes::folded(store, meeting, org.rule_set())?;
        Ok(Minutes::governance(meeting, &state, org))
    }
}
