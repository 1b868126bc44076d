//! The governance meeting screen: the shared meeting frame (step strip and header) filled in
//! for governance, then the step's body: a round, the administrative concerns, the agenda,
//! or the item being processed (see `proposal` and `election`).
//!
//! Owns: who speaks now and next in each governance step and item step, and the agenda.
//! Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

mod election;
mod proposal;

use super::list;
use super::meeting_frame::{self, Header};
use super::round::{self, RoundView};
use super::theme;
use super::wrap::{fit, wrap};
use crate::domain::Organisation;
use crate::domain::meeting::governance::{
    Change, Election, ElectionStep, GovItem, GovStep, Governance, IdmStep, ItemKind, Proposal,
};
use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// What the governance screen is drawn from, borrowed from the shell for one frame: the
/// meeting as folded from its log, the changes being written, and how it is shown. The screen
/// keeps none of it.
#[derive(Debug, Clone, Copy)]
pub struct Drawn<'a> {
    pub state: &'a Governance,
    /// The changes being written for the next version of the current proposal, not yet
    /// recorded.
    pub editing: Option<&'a [Change]>,
    /// Lines of an election's record scrolled off the top.
    pub scroll: usize,
    /// Big letters and less detail, for a shared screen.
    pub presentation: bool,
    /// Shown to a follower (another program facilitates): no key of the facilitator's is
    /// offered.
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
    let steps = GovStep::steps(state.rules);
    let labels: Vec<&str> = steps.iter().map(|s| s.short()).collect();
    let at = steps.iter().position(|s| *s == state.step).unwrap_or(0);
    meeting_frame::strip(frame, strip, &labels, at);
    let h = header_of(state, screen.following, at, now);
    if screen.presentation {
        let mut big = vec![big_step(state).to_string()];
        let who = meeting_frame::big_name(&h.speaker);
        if !who.is_empty() {
            big.push(who);
        }
        meeting_frame::presentation_header(frame, header, &h, big, now);
    } else {
        meeting_frame::header(frame, header, &h, now);
    }
    match state.step {
        GovStep::CheckIn | GovStep::Closing => {
            let names = |i: usize| state.name_of(i);
            let view = RoundView {
                rounds: &state.rounds,
                step: state.step,
                at: state.cursors[state.step.index()],
                question: (state.step == GovStep::CheckIn).then_some(state.question.as_str()),
                names: &names,
                big_name: !screen.presentation,
                turn: state.rounds.speaker_since.map(|since| {
                    let turn = crate::domain::meeting::rounds::Turn { since, share: None };
                    (turn, now)
                }),
            };
            round::draw(frame, body, &view);
        }
        GovStep::AdminConcerns => concerns(frame, body, state, screen.following),
        GovStep::Agenda => agenda(frame, body, state, screen.following),
        GovStep::Items => item(frame, body, screen, org),
    }
}

fn block(title: String) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border())
        .title(Span::styled(format!(" {title} "), theme::heading()))
}

/// Lines wrapped to `width`, each with `style`.
fn wrapped(text: &str, width: usize, style: ratatui::style::Style) -> Vec<Line<'static>> {
    wrap(text, width, "", "  ")
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect()
}

/// The word the big letters show for the step (the item's own step while processing).
fn big_step(state: &Governance) -> &'static str {
    match (state.step, state.current_item()) {
        (GovStep::Items, Some(item)) if !item.closed() => match (&item.proposal, &item.election) {
            (Some(p), _) => p.step.short(),
            (None, Some(_)) => "Election",
            _ => "Items",
        },
        (step, _) => step.short(),
    }
}

/// "Ana" or "Ana, then Bo": a name of the attendee, if any.
fn name(state: &Governance, who: Option<usize>) -> String {
    who.map_or(String::new(), |i| state.name_of(i).to_string())
}

fn header_of(
    state: &Governance,
    following: bool,
    at: usize,
    now: DateTime<Utc>,
) -> Header<'static> {
    let present = state.present();
    let step_title = format!("{}. {}", at + 1, state.step.title());
    let mut h = Header {
        title: step_title.clone(),
        rule: state.step.rule(),
        speaker: String::new(),
        next: String::new(),
        step_deadline: state.step_deadline(),
        deadline: state.deadline(),
        alert: None,
    };
    match state.step {
        GovStep::CheckIn | GovStep::Closing => {
            let at = state.cursors[state.step.index()];
            h.speaker = name(state, state.rounds.order.get(at).copied());
            h.next = name(state, state.rounds.order.get(at + 1).copied());
        }
        GovStep::AdminConcerns | GovStep::Agenda => h.speaker = "anyone".into(),
        GovStep::Items => {
            if let Some(item) = state.current_item() {
                item_header(state, item, &present, following, &mut h);
            }
        }
    }
    if state.rules.rules().ends_at_planned_time && now > state.deadline() {
        h.alert = Some(format!(
            "The scheduled end is reached: under {} the meeting ends (e) unless the Secretary extends it and no member asks otherwise (t).",
            state.rules
        ));
    }
    if let Some((by, reason)) = state.breakdowns.last() {
        h.alert = Some(format!(
            "PROCESS BREAKDOWN declared by {}: {reason}",
            state.name_of(*by)
        ));
    }
    if let Some(t) = state.time_outs.last().filter(|_| state.in_time_out()) {
        h.alert = Some(format!(
            "TIME OUT asked by {}: only logistics and the rules. T ends it.",
            state.name_of(t.asked_by)
        ));
    }
    h
}

/// The current item's header; a follower is not told the facilitator's keys.
fn item_header(
    state: &Governance,
    item: &GovItem,
    present: &[usize],
    following: bool,
    h: &mut Header,
) {
    let place = state
        .order
        .iter()
        .position(|s| *s == item.seq)
        .map_or(0, |p| p + 1);
    let of = format!("Item {place} of {}: {}", state.order.len(), item.label);
    if item.closed() {
        h.title = format!("{of} — closed");
        h.rule = if following {
            "This item is closed: the meeting goes on with the next item."
        } else {
            "This item is closed: → goes to the next item, > to the closing round."
        };
        return;
    }
    match (&item.proposal, &item.election) {
        (Some(p), _) => {
            h.title = format!("{of} — {}", p.step.title_under(state.rules));
            h.rule = p.step.rule();
            (h.speaker, h.next) = proposal_speakers(state, p, present);
        }
        (None, Some(e)) => {
            h.title = format!("{of} — {}", e.step.title());
            h.rule = e.step.rule(e.rules);
            (h.speaker, h.next) = election_speakers(state, e, present);
        }
        (None, None) => {}
    }
}

/// Who speaks now and next in a proposal's step of integrative decision-making.
fn proposal_speakers(state: &Governance, p: &Proposal, present: &[usize]) -> (String, String) {
    let proposer = state.name_of(p.proposer).to_string();
    match p.step {
        IdmStep::Present | IdmStep::Amend => (proposer, String::new()),
        IdmStep::Clarify => (format!("anyone asks, {proposer} answers"), String::new()),
        IdmStep::React => {
            let first = p.next_reactor(present);
            let after = present
                .iter()
                .copied()
                .filter(|a| Some(*a) != first)
                .find(|a| *a != p.proposer && !p.reactions.iter().any(|(r, _)| r == a));
            (name(state, first), name(state, after))
        }
        IdmStep::Object => {
            let order = p.objection_order(present);
            let mut waiting = order.iter().filter(|a| !p.answered.contains(a));
            let first = waiting.next().copied();
            (name(state, first), name(state, waiting.next().copied()))
        }
        IdmStep::Integrate => match p.integrating() {
            Some(i) => (
                format!(
                    "{} with {proposer}",
                    state.name_of(p.objections[i].objector)
                ),
                String::new(),
            ),
            None => (proposer, String::new()),
        },
    }
}

/// Who speaks now and next in an election's step.
fn election_speakers(state: &Governance, e: &Election, present: &[usize]) -> (String, String) {
    match e.step {
        ElectionStep::Describe | ElectionStep::Count => ("the facilitator".into(), String::new()),
        ElectionStep::Ballots => ("everyone, in silence".into(), String::new()),
        ElectionStep::Nominations => {
            let next = e.next_to_read();
            let after = e
                .ballots
                .iter()
                .filter(|(v, _)| !e.reasons.iter().any(|(r, _)| r == v))
                .nth(1)
                .map(|(v, _)| *v);
            (name(state, next.map(|(v, _)| v)), name(state, after))
        }
        ElectionStep::Changes => {
            let order = e.change_order();
            let mut waiting = order.iter().filter(|v| !e.change_answered.contains(v));
            let now = name(state, waiting.next().copied());
            (now, name(state, waiting.next().copied()))
        }
        ElectionStep::Objections => {
            let order = e.objection_order(present);
            let mut waiting = order.iter().filter(|a| !e.answered.contains(a));
            let now = name(state, waiting.next().copied());
            (now, name(state, waiting.next().copied()))
        }
    }
}

fn concerns(frame: &mut Frame, area: Rect, state: &Governance, following: bool) {
    let notes: Vec<_> = state
        .rounds
        .notes
        .iter()
        .filter(|n| n.step == GovStep::AdminConcerns)
        .collect();
    if notes.is_empty() {
        let said = meeting_frame::keyed(
            following,
            "No concerns yet.",
            "Enter records one (time available, breaks, who leaves early); > goes to agenda building.",
        );
        let lines = wrapped(
            &said,
            usize::from(area.width.saturating_sub(2)),
            theme::muted(),
        );
        frame.render_widget(
            Paragraph::new(lines).block(block("Administrative concerns".into())),
            area,
        );
        return;
    }
    let title = format!("Administrative concerns · {}", notes.len());
    list::draw(
        frame,
        area,
        block(title),
        notes.len(),
        notes.len() - 1,
        |i, w| {
            let n = notes[i];
            Line::raw(fit(
                &format!("{}: {}", state.name_of(n.attendee), n.text),
                w,
            ))
        },
    );
}

/// The item in one line: its place, kind, label, owner and where it stands.
pub fn item_line(state: &Governance, item: &GovItem) -> String {
    // An election's label says it is one ("Election: Secretary"): only its term is added.
    let kind = match item.kind {
        ItemKind::Proposal => format!(" (proposal by {})", state.name_of(item.owner)),
        ItemKind::Election { .. } => item
            .election
            .as_ref()
            .and_then(|e| e.term_end)
            .map_or(String::new(), |d| {
                format!(" (term until {})", d.format("%-d %b %Y"))
            }),
    };
    let stands = match (&item.proposal, &item.election) {
        (Some(p), _) => p
            .outcome
            .as_ref()
            .map_or(String::new(), |o| format!(" — {}", o.describe())),
        (None, Some(e)) => e.elected.map_or(String::new(), |w| {
            format!(" — elected {}", state.name_of(w))
        }),
        _ => String::new(),
    };
    let first = match state.first.iter().find(|(s, _)| *s == item.seq) {
        Some((_, Some(who))) => format!(" · first, asked by {}", state.name_of(*who)),
        Some((_, None)) => " · first, asked".to_string(),
        None => String::new(),
    };
    format!("{}{kind}{first}{stands}", item.label)
}

fn agenda(frame: &mut Frame, area: Rect, state: &Governance, following: bool) {
    if state.order.is_empty() {
        let said = meeting_frame::keyed(
            following,
            "The agenda is empty.",
            "a adds a proposal or an election; an election goes first when anyone asks (f).",
        );
        let lines = wrapped(
            &said,
            usize::from(area.width.saturating_sub(2)),
            theme::muted(),
        );
        frame.render_widget(Paragraph::new(lines).block(block("Agenda".into())), area);
        return;
    }
    let special = state.special.as_ref().map_or(String::new(), |s| {
        format!(" · special, requested by {}", state.name_of(s.requester))
    });
    let title = format!(
        "Agenda · {}{special}",
        super::wrap::plural(state.order.len(), "item")
    );
    list::draw(
        frame,
        area,
        block(title),
        state.order.len(),
        state.cursors[GovStep::Agenda.index()],
        |i, w| {
            let text = state
                .item(state.order[i])
                .map_or(String::new(), |item| item_line(state, item));
            Line::raw(fit(&format!("{:>2}. {text}", i + 1), w))
        },
    );
}

fn item(frame: &mut Frame, area: Rect, screen: &Drawn, org: &Organisation) {
    let state = &screen.state;
    let Some(item) = state.current_item() else {
        let said = meeting_frame::keyed(
            screen.following,
            "Nothing on the agenda.",
            "< goes back to agenda building, > to the closing round.",
        );
        let lines = wrapped(
            &said,
            usize::from(area.width.saturating_sub(2)),
            theme::muted(),
        );
        frame.render_widget(Paragraph::new(lines).block(block("Items".into())), area);
        return;
    };
    match (&item.proposal, &item.election) {
        (Some(p), _) => proposal::draw(frame, area, screen, item, p, org),
        (None, Some(e)) => election::draw(frame, area, (screen, org), (e, screen.scroll)),
        (None, None) => {}
    }
}
