//! The tactical meeting screen: the shared meeting frame (step strip and header) filled in
//! for tactical steps, then the step's own body.
//!
//! Owns: who speaks now and next in each tactical step.
//! Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

mod minutes;
mod progress;
mod steps;

pub use minutes::{MinutesLines, draw as draw_minutes, minutes_lines};

use super::meeting_frame::{self, Header};
use crate::domain::Organisation;
use crate::domain::RoleId;
use crate::domain::meeting::format_countdown;
use crate::domain::meeting::tactical::{Cover, ReporterChoice, Step, Tactical};
use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

/// What the tactical screen is drawn from, borrowed from the shell for one frame: the
/// meeting as folded from its log, who reports when it is not the usual filler, and how it is
/// shown. The screen keeps none of it.
#[derive(Debug, Clone, Copy)]
pub struct Drawn<'a> {
    pub state: &'a Tactical,
    /// Who reports for the current checklist item, metric or project, when not its filler.
    pub reporter: Option<ReporterChoice>,
    /// Big letters and less detail, for a shared screen.
    pub presentation: bool,
    /// Shown to a follower (another program facilitates): what happens, not the
    /// facilitator's keys.
    pub following: bool,
}

pub fn draw(frame: &mut Frame, area: Rect, screen: &Drawn, org: &Organisation, now: DateTime<Utc>) {
    let state = screen.state;
    let header_height = if screen.presentation { 10 } else { 4 };
    let [strip, header, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(header_height),
        Constraint::Min(0),
    ])
    .areas(area);
    let labels: Vec<&str> = Step::ALL.iter().map(|s| s.short()).collect();
    meeting_frame::strip(frame, strip, &labels, state.step.index());
    let h = header_of(state, org, now);
    if screen.presentation {
        meeting_frame::presentation_header(frame, header, &h, big_lines(state, &h, now), now);
    } else {
        meeting_frame::header(frame, header, &h, now);
    }
    steps::draw(frame, body, screen, org, now);
}

/// An output as the minutes will say it: "request: text — Person (Role), in service of …".
pub fn output_text(
    state: &Tactical,
    org: &Organisation,
    output: &crate::domain::meeting::Output,
) -> String {
    let name = |i: usize| state.name_of(i).to_string();
    let line = crate::domain::minutes::OutputLine::of(output, org, &name);
    crate::domain::minutes::Minutes::output_text(&line)
}

/// Who has the floor now and who is next, in words that fit the step.
pub fn now_and_next(state: &Tactical, org: &Organisation) -> (String, String) {
    let at = state.cursor(state.step);
    let name = |i: Option<usize>| i.map_or(String::new(), |i| state.name_of(i).to_string());
    let role_owner = |role: Option<crate::domain::RoleId>| -> String {
        role.map_or(String::new(), |r| answers_for(state, org, r))
    };
    let role_at = |i: usize| state.review_role(org, state.step, i);
    match state.step {
        Step::CheckIn | Step::Closing => (
            name(state.rounds.order.get(at).copied()),
            name(state.rounds.order.get(at + 1).copied()),
        ),
        Step::Checklist | Step::Metrics | Step::Progress => {
            (role_owner(role_at(at)), role_owner(role_at(at + 1)))
        }
        Step::Agenda => ("anyone, one or two words".into(), String::new()),
        Step::Triage => {
            let owner = |i: usize| {
                state
                    .agenda_order
                    .get(i)
                    .and_then(|&s| state.item(s))
                    .map(|a| a.owner)
            };
            (name(owner(at)), name(owner(at + 1)))
        }
    }
}

/// The fillers of `role`, each one absent marked so: "Mei Chen absent".
pub fn fillers_marked(state: &Tactical, org: &Organisation, role: RoleId) -> Vec<String> {
    org.fillers_of(role)
        .map(|a| {
            let name = org.person_name(a.person);
            match state.is_absent(a.person) {
                true => format!("{name} absent"),
                false => name.to_string(),
            }
        })
        .collect()
}

/// Who answers for a role in a review step: "Kwame Mensah (Ovens Keeper)"; with its filler
/// absent, the Lead who covers (4.1 §4.2.4), or that someone present must accept (`b`).
fn answers_for(state: &Tactical, org: &Organisation, role: RoleId) -> String {
    let Some(r) = org.role(role) else {
        return String::new();
    };
    let fillers = fillers_marked(state, org, role);
    match state.cover(org, role) {
        _ if fillers.is_empty() => r.name.clone(),
        Cover::Filler(_) => format!("{} ({})", fillers.join(", "), r.name),
        Cover::Lead(lead) => format!(
            "{}, Lead, for {} ({})",
            state.name_of(lead),
            r.name,
            fillers.join(", ")
        ),
        Cover::Nobody => format!(
            "nobody: b picks who accepts for {} ({})",
            r.name,
            fillers.join(", ")
        ),
    }
}

/// The shared screen's big letters: the step with the floor's clock ("Check-in 0:42"), then
/// who has the floor, shortened to one name (the letters hold about 20 characters); in
/// triage the item being triaged.
fn big_lines(state: &Tactical, h: &Header, now: DateTime<Utc>) -> Vec<String> {
    let clock = state.turn().map_or(String::new(), |t| {
        format!(" {}", format_countdown(t.elapsed(now)))
    });
    let mut big = vec![format!("{}{clock}", state.step.short())];
    let who = match state.step {
        Step::Triage => state
            .current_item()
            .and_then(|i| state.item(i))
            .map_or(String::new(), |item| item.label.clone()),
        Step::Agenda => String::new(),
        _ => meeting_frame::big_name(&h.speaker),
    };
    if !who.is_empty() {
        big.push(who);
    }
    big
}

/// The warning line when the speaker or the triage item has run past its share.
fn past_share(state: &Tactical, now: DateTime<Utc>) -> Option<String> {
    let turn = state.turn().filter(|t| t.over(now))?;
    let share = format_countdown(turn.share.unwrap_or(0));
    let held = format_countdown(turn.elapsed(now));
    Some(match state.step {
        Step::Triage => format!("This item has run past its share: {held} of {share}."),
        _ => format!("The speaker is past their share of the round: {held} of {share}."),
    })
}

fn header_of<'a>(state: &'a Tactical, org: &Organisation, now: DateTime<Utc>) -> Header<'a> {
    let (speaker, next) = now_and_next(state, org);
    Header {
        title: format!("{}. {}", state.step.index() + 1, state.step.title()),
        rule: state.step.rule(),
        speaker,
        next,
        step_deadline: state.step_deadline(),
        deadline: state.deadline(),
        alert: past_share(state, now),
    }
}
