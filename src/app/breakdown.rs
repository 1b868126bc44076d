//! A circle's process breakdown from home, between meetings: `B` declares one (who may:
//! 4.1 §3.5.2, 5.0 §5.5), `R` concludes that due process is restored (4.1 §3.5.3, 5.0
//! §5.5.2). Who is acting is the person at the keyboard when one is named (refused with the
//! rule if they may not), else chosen among those who may.
//!
//! Owns: those keys' questions. Must not import: tokio; must not draw.

use super::keys::Action;
use super::modal::Outcome;
use super::people::{ask, picker, record};
use super::{App, tactical::capitalised};
use crate::domain::org_log::breakdown::{declarers, restorers};
use crate::domain::org_log::{self, OrgRequest};
use crate::domain::{CircleId, Organisation, PersonId};
use crate::ui::{Modal, OrgForm, Prompt, PromptKind};

/// The person at the keyboard, when one is named and known to the organisation.
fn at_keyboard(app: &App, org: &Organisation) -> Option<PersonId> {
    let name = app.view.actor.as_deref()?;
    org.person_named(name).map(|p| p.id)
}

/// `R` or `B` on the circle selected on home.
pub(super) fn act(app: &mut App, circle: CircleId, action: Action) {
    let Some(org) = app.view.org.clone() else {
        return;
    };
    let actor = at_keyboard(app, &org);
    if action == Action::RestoreProcess {
        let (may, article) = restorers(&org, circle);
        return acting(
            app,
            OrgRequest::RestoreProcess { circle },
            actor,
            (may, article),
        );
    }
    // Asked before the reason is typed: a declaration the actor may not make, or one in a
    // circle already in breakdown, is refused now with the rule.
    let (may, _) = declarers(&org, circle);
    let probe = OrgRequest::DeclareBreakdown {
        circle,
        reason: "a pattern".into(),
    };
    let first = actor.or_else(|| may.first().copied());
    if let Err(why) = org_log::decide(&probe, first, &org) {
        return app.error(capitalised(&why.to_string()));
    }
    let name = org.circle(circle).map_or("?", |c| c.name.as_str());
    let title = format!(
        "Why a process breakdown in {name}? The pattern that conflicts with the constitution"
    );
    let prompt = Prompt::titled(PromptKind::Note, title);
    ask(
        app,
        OrgForm::BreakdownReason { circle },
        Modal::Prompt(prompt),
    );
}

/// Records `request` as the person at the keyboard, or asks who among `may` is acting.
fn acting(
    app: &mut App,
    request: OrgRequest,
    actor: Option<PersonId>,
    (may, article): (Vec<PersonId>, &'static str),
) {
    if actor.is_some() || may.is_empty() {
        // Decided as they are: a refusal names the rule and who may.
        return record(app, &request, actor);
    }
    let Some(org) = app.view.org.clone() else {
        return;
    };
    let options = may
        .iter()
        .map(|p| org.person_name(*p).to_string())
        .collect();
    ask(
        app,
        OrgForm::Actor {
            request,
            actors: may,
        },
        picker(format!("Who is acting? ({article})"), options),
    );
}

/// The answer to the reason's prompt.
pub(super) fn outcome(app: &mut App, org: &Organisation, form: OrgForm, outcome: Outcome) {
    if let (OrgForm::BreakdownReason { circle }, Outcome::Submitted(reason)) = (form, outcome) {
        if reason.trim().is_empty() {
            return app.error("Say why: the pattern that conflicts with the constitution.");
        }
        let actor = at_keyboard(app, org);
        let who = declarers(org, circle);
        acting(
            app,
            OrgRequest::DeclareBreakdown { circle, reason },
            actor,
            who,
        );
    }
}
