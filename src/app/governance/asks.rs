//! What someone at a governance meeting asks of it, and time: an election to go first (4.1
//! §3.3.4(b); 5.0 §5.4.4), an interpretation from the Secretary (4.1 §3.4; 5.0 §4.2), the
//! scheduled end and the Secretary's extension (5.0 §5.4.2). Each asks who is asking, then
//! records it with their name.
//!
//! Owns: starting those entries; what their answers complete is the domain's forms'
//! (`GovernanceForm`). Must not import: tokio; must not draw.

use super::{Form, ask, may, record, screen};
use crate::app::App;
use crate::domain::meeting::flow::STAND_IN;
use crate::domain::meeting::governance::{GovEvent, GovStep, ItemKind};

/// `f` in agenda building: who asks for the selected election to go first.
pub(super) fn election_first(app: &mut App) {
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    let selected = state.order.get(state.cursors[GovStep::Agenda.index()]);
    let Some(item) = selected
        .and_then(|&s| state.item(s))
        .filter(|i| matches!(i.kind, ItemKind::Election { .. }))
        .map(|i| i.seq)
    else {
        return app.info("Select an election (→ ←) to move it first.");
    };
    let present = state.present();
    let asked_by = present.first().copied();
    if may(app, &GovEvent::ElectionFirst { item, asked_by }) {
        ask(app, Form::FirstBy(item, present));
    }
}

/// Under a rule set that ends meetings at their scheduled end (5.0 §5.4.2), records that
/// the end was reached, the first time a key is pressed after it.
pub(super) fn notice_time_up(app: &mut App) {
    let now = app.now();
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    let due = state.rules.rules().ends_at_planned_time
        && !state.time_up
        && state.ended_at.is_none()
        && now > state.deadline();
    if due && record(app, GovEvent::TimeUp) {
        app.info("The scheduled end is reached (5.0 §5.4.2): e ends the meeting; t if the Secretary extends it.");
    }
}

/// `t` under 5.0: the Secretary extends the meeting, if no member asks otherwise.
pub(super) fn extend(app: &mut App) {
    let Some(screen) = screen(app) else { return };
    let Some(secretary) = screen.state.secretary else {
        return app.info("Only the Secretary extends the meeting (5.0 §5.4.2), and it has none.");
    };
    let asked = GovEvent::Extended {
        secretary,
        minutes: 15,
    };
    if may(app, &asked) {
        ask(app, Form::ExtendBy);
    }
}

/// `I`: who asks the Secretary for an interpretation.
pub(super) fn interpret(app: &mut App) {
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    let present = state.present();
    let (Some(&asked_by), Some(secretary)) = (present.first(), state.secretary) else {
        return app.info(
            "Interpretations are the Secretary's (4.1 §3.4; 5.0 §4.2): this meeting has none.",
        );
    };
    let asked = GovEvent::Interpreted {
        asked_by,
        secretary,
        question: STAND_IN.into(),
        ruling: STAND_IN.into(),
    };
    if may(app, &asked) {
        ask(app, Form::InterpretBy(present));
    }
}

/// `S`: who requested this special meeting (4.1 §3.3; 5.0 §5.4); once recorded, under 4.1,
/// whether the requester allows others' items before theirs (§3.3.4(b)).
pub(super) fn special(app: &mut App) {
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    if let Some(special) = &state.special {
        let requester = special.requester;
        if may(app, &GovEvent::RequesterAllows { requester }) {
            ask(app, Form::RequesterAllows(requester));
        }
        return;
    }
    let present = state.present();
    let Some(&requester) = present.first() else {
        return;
    };
    let asked = GovEvent::SpecialRequested {
        requester,
        intent: String::new(),
        limits: Vec::new(),
    };
    if may(app, &asked) {
        ask(app, Form::SpecialBy(present));
    }
}
