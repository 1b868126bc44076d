//! What each key does in a governance meeting outside the items: moving between steps,
//! speakers and items, rounds, administrative concerns, the agenda, time outs, taking back
//! and ending. Every entry goes through `record`: asked of the meeting, written with its
//! effects in one transaction, then shown.
//!
//! Owns: the governance screen's journal and its meeting-level actions.
//! Must not import: tokio; must not draw.

mod asks;
mod editor;
mod election;
mod integration;
mod items;
mod outcomes;
pub(crate) mod probe;
mod screen;
mod shell;

use super::App;
use super::keys::{self, Action, Binding};
use crate::app::Screen;
use crate::domain::meeting::flow::STAND_IN;
use crate::domain::meeting::governance::{
    ElectionEvent, ElectionStep, GovEvent, GovStep, GovernanceForm as Form, IdmEvent, IdmStep,
    ItemKind,
};
use outcomes::{ask, ask_with, with_form};
pub(super) use outcomes::{ask_again, outcome};
pub use screen::GovernanceScreen;
pub(super) use shell::Shell;

/// The meeting shown, if it is a governance meeting.
fn of(screen: &mut Screen) -> Option<&mut GovernanceScreen> {
    match screen {
        Screen::Governance(s) => Some(s),
        _ => None,
    }
}

pub(super) fn screen(app: &mut App) -> Option<&mut GovernanceScreen> {
    of(&mut app.view.screen)
}

/// Decides, writes and shows one event. Returns whether it was recorded.
pub fn record(app: &mut App, event: GovEvent) -> bool {
    app.commit(event, of)
}

/// Whether the meeting would take an entry like `event` now (`Flow::may`): asked before a
/// prompt, picker or question opens for it. A refusal becomes the status line.
pub(super) fn may(app: &mut App, event: &GovEvent) -> bool {
    app.may(event, of)
}

/// Asks `may` about a move of the current item's proposal.
pub(super) fn may_idm(app: &mut App, event: IdmEvent) -> bool {
    current_item(app).is_some_and(|item| may(app, &GovEvent::Proposal { item, event }))
}

/// Asks `may` about a move of the current item's election.
pub(super) fn may_vote(app: &mut App, event: ElectionEvent) -> bool {
    current_item(app).is_some_and(|item| may(app, &GovEvent::Election { item, event }))
}

/// The item being processed, if any: its sequence number.
pub(super) fn current_item(app: &App) -> Option<u64> {
    match &app.view.screen {
        Screen::Governance(s) => s.state.current_item().map(|i| i.seq),
        _ => None,
    }
}

/// Records a move of the current proposal.
pub(super) fn idm(app: &mut App, event: IdmEvent) -> bool {
    match current_item(app) {
        Some(item) => record(app, GovEvent::Proposal { item, event }),
        None => false,
    }
}

/// Records a move of the current election; its record is shown from the top again.
pub(super) fn vote(app: &mut App, event: ElectionEvent) -> bool {
    let recorded = match current_item(app) {
        Some(item) => record(app, GovEvent::Election { item, event }),
        None => false,
    };
    if recorded && let Some(screen) = screen(app) {
        screen.scroll = 0;
    }
    recorded
}

/// The binding table for the meeting as it stands, under its rule set.
pub fn table(screen: &GovernanceScreen) -> &'static [Binding] {
    if let Some(modal) = &screen.modal {
        return super::modal::table(modal);
    }
    let state = &screen.state;
    let tables = match state.step {
        GovStep::CheckIn | GovStep::Closing => keys::GOV_ROUND,
        GovStep::AdminConcerns => return keys::GOV_ADMIN,
        GovStep::Agenda => keys::GOV_AGENDA,
        GovStep::Items => match state.current_item() {
            Some(item) if item.closed() => keys::GOV_ITEMS,
            Some(item) => match (&item.proposal, &item.election) {
                (Some(p), _) => match p.step {
                    IdmStep::Present => keys::IDM_PRESENT,
                    IdmStep::Clarify => keys::IDM_CLARIFY,
                    IdmStep::React => keys::IDM_REACT,
                    IdmStep::Amend => keys::IDM_AMEND,
                    IdmStep::Object => keys::IDM_OBJECT,
                    IdmStep::Integrate => keys::IDM_INTEGRATE,
                },
                (None, Some(e)) => match e.step {
                    ElectionStep::Describe => keys::ELECT_DESCRIBE,
                    ElectionStep::Ballots => keys::ELECT_BALLOTS,
                    ElectionStep::Nominations => keys::ELECT_NOMINATIONS,
                    ElectionStep::Changes if e.renominate_among.is_some() => keys::ELECT_RENOMINATE,
                    ElectionStep::Changes => keys::ELECT_CHANGES,
                    ElectionStep::Count => keys::ELECT_COUNT,
                    ElectionStep::Objections => keys::ELECT_OBJECTIONS,
                },
                (None, None) => keys::GOV_ITEMS,
            },
            None => keys::GOV_ITEMS,
        },
    };
    tables.of(state.rules)
}

/// A key's action in the governance meeting, once the meeting would take the entry it
/// leads to.
// Recording writes to the store, so it stays in the arm's body, not in a match guard.
#[allow(clippy::collapsible_match)]
pub fn act(app: &mut App, action: Action) {
    if app.view.org.is_none() {
        return;
    }
    // Refused before anything opens, as the hint bar left it off (`probe`).
    let Some(probed) = screen(app).map(|s| probe::probe(&s.state, action)) else {
        return;
    };
    if probed.is_some_and(|event| !may(app, &event)) {
        return;
    }
    asks::notice_time_up(app);
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    let step = state.step;
    let rules = state.rules;
    match action {
        Action::Next => move_cursor(app, 1),
        Action::Previous => move_cursor(app, -1),
        Action::NextStep => match step.next(rules) {
            Some(next) => {
                record(app, GovEvent::StepChanged { step: next });
            }
            None => ask_end(app),
        },
        Action::PreviousStep => {
            if let Some(previous) = step.previous(rules) {
                record(app, GovEvent::StepChanged { step: previous });
            }
        }
        Action::Retract => ask_retract(app),
        Action::EndMeeting => ask_end(app),
        Action::Presentation => screen.presentation = !screen.presentation,
        // The election's record, when it does not fit (the drawing stops at its end).
        Action::PageDown => screen.scroll = (screen.scroll + 5).min(200),
        Action::PageUp => screen.scroll = screen.scroll.saturating_sub(5),
        Action::Leave => {
            app.go_home();
            app.info("The meeting stays open: g on its circle resumes it.");
        }
        Action::TimeOut => time_out(app),
        Action::OneMoreMinute if rules.rules().ends_at_planned_time => asks::extend(app),
        Action::OneMoreMinute => {
            if record(app, GovEvent::TimeAdded { minutes: 5 }) {
                app.info("The meeting runs five minutes longer.");
            }
        }
        Action::Interpret => asks::interpret(app),
        Action::SpecialMeeting => asks::special(app),
        Action::Open if step.is_round() => ask_note(app),
        Action::Open if step == GovStep::AdminConcerns => ask_concern_by(app),
        Action::AddItem => add_item(app),
        Action::OfferTensions => offer_tensions(app),
        Action::MoveEarlier | Action::MoveLater if step == GovStep::Agenda => {
            move_item(app, action == Action::MoveEarlier);
        }
        Action::DeleteItem if step == GovStep::Agenda => ask_remove(app),
        Action::ElectionFirst => asks::election_first(app),
        _ if step == GovStep::Items => items::act(app, action),
        _ => {}
    }
}

/// Asks whether to take back the last entry, saying what it was; an entry that stays (a
/// random draw) is refused before the question.
fn ask_retract(app: &mut App) {
    let Some(screen) = screen(app) else { return };
    match screen.state.last_entry() {
        Some(seq) if !may(app, &GovEvent::Retracted { seq }) => {}
        Some(seq) => ask(app, Form::Retract(seq)),
        None => app.info("Nothing recorded yet to take back."),
    }
}

/// Enter in the administrative concerns: who raises one is asked, among those present.
fn ask_concern_by(app: &mut App) {
    let Some(screen) = screen(app) else { return };
    let present = screen.state.present();
    ask(app, Form::ConcernBy(present));
}

/// Open governance tensions of the people here, offered as agenda items.
fn offer_tensions(app: &mut App) {
    let offers = with_form(app, |_, _, at| Form::tension_offers(at)).unwrap_or_default();
    if offers.is_empty() {
        return app.info("No open governance tensions of the people here: a adds an item.");
    }
    ask(app, Form::Tensions(offers));
}

/// The agenda item under the cursor moved one place earlier or later.
fn move_item(app: &mut App, earlier: bool) {
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    let at = state.cursors[GovStep::Agenda.index()];
    let to = if earlier {
        at.checked_sub(1)
    } else {
        Some(at + 1).filter(|&t| t < state.order.len())
    };
    if let (Some(&item), Some(to)) = (state.order.get(at), to) {
        record(app, GovEvent::ItemMoved { item, to });
    }
}

/// Enter in a round: a note for the speaker, once the meeting would take one.
fn ask_note(app: &mut App) {
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    let step = state.step;
    if let Some(attendee) = state.speaker() {
        let text = STAND_IN.into();
        if may(
            app,
            &GovEvent::NoteTaken {
                step,
                attendee,
                text,
            },
        ) {
            ask(app, Form::Note);
        }
    }
}

/// `x` in agenda building: takes the selected item off, asked first, once the meeting would.
fn ask_remove(app: &mut App) {
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    let at = state.cursors[GovStep::Agenda.index()];
    let Some(item) = state.order.get(at).and_then(|&s| state.item(s)) else {
        return;
    };
    let seq = item.seq;
    if may(app, &GovEvent::ItemRemoved { item: seq }) {
        ask(app, Form::RemoveItem(seq));
    }
}

/// Asks whether to end the meeting, saying what ending now leaves out.
fn ask_end(app: &mut App) {
    ask(app, Form::EndMeeting);
}

fn move_cursor(app: &mut App, delta: isize) {
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    let step = state.step;
    let len = match step {
        GovStep::CheckIn | GovStep::Closing => state.rounds.order.len(),
        GovStep::Agenda | GovStep::Items => state.order.len(),
        GovStep::AdminConcerns => 0,
    };
    let index = state.cursors[step.index()]
        .checked_add_signed(delta)
        .filter(|&i| i < len);
    match index {
        Some(index) => {
            screen.editing = None;
            record(app, GovEvent::CursorMoved { step, index });
        }
        None if delta > 0 && len > 0 => app.info("That was the last one: > goes to the next step."),
        None => {}
    }
}

/// A time out: asked for by someone present, granted or not by the facilitator; ended by
/// the same key.
fn time_out(app: &mut App) {
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    if state.in_time_out() {
        if record(app, GovEvent::TimeOutEnded) {
            app.info("The time out has ended; the meeting goes on where it was.");
        }
        return;
    }
    let present = state.present();
    let Some(&asked_by) = present.first() else {
        return;
    };
    let asking = GovEvent::TimeOut {
        asked_by,
        granted: true,
    };
    if may(app, &asking) {
        ask(app, Form::TimeOutBy(present));
    }
}

/// The agenda's "add": a proposal, or an election of one of the circle's elected roles.
fn add_item(app: &mut App) {
    let Some(screen) = screen(app) else { return };
    let Some(&owner) = screen.state.present().first() else {
        return;
    };
    let adding = GovEvent::ItemAdded {
        label: STAND_IN.into(),
        owner,
        kind: ItemKind::Proposal,
        tension: None,
    };
    if may(app, &adding) {
        ask_with(app, Form::item_kinds);
    }
}
