//! The tactical meeting screen: the step strip, a header that always says the step, its rule,
//! who speaks now and next, and the time left, then the step's own body.
//!
//! Owns: the frame around every step, and the presentation mode for a shared screen.
//! Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

mod minutes;
mod steps;

pub use minutes::{draw as draw_minutes, minutes_lines};

use super::theme;
use super::view::TacticalScreen;
use super::wrap::fit;
use crate::domain::Organisation;
use crate::domain::meeting::tactical::{Step, Tactical};
use crate::domain::meeting::{format_countdown, seconds_left};
use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    screen: &TacticalScreen,
    org: &Organisation,
    now: DateTime<Utc>,
) {
    let state = &screen.state;
    let header_height = if screen.presentation { 10 } else { 4 };
    let [strip, header, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(header_height),
        Constraint::Min(0),
    ])
    .areas(area);
    draw_strip(frame, strip, state.step);
    if screen.presentation {
        draw_presentation_header(frame, header, screen, org, now);
    } else {
        draw_header(frame, header, screen, org, now);
    }
    steps::draw(frame, body, screen, org, now);
}

/// The seven steps in a row, the current one highlighted, the done ones muted. When the names
/// do not all fit, the other steps show as their numbers.
fn draw_strip(frame: &mut Frame, area: Rect, current: Step) {
    let full: usize = Step::ALL
        .iter()
        .map(|s| s.short().chars().count() + 3)
        .sum();
    let compact = full > usize::from(area.width);
    let mut spans = Vec::new();
    for step in Step::ALL {
        let style = if step == current {
            theme::selected()
        } else if step.index() < current.index() {
            theme::muted()
        } else {
            Style::new()
        };
        if !spans.is_empty() {
            spans.push(Span::styled("›", theme::muted()));
        }
        let label = if compact && step != current {
            format!(" {} ", step.index() + 1)
        } else {
            format!(" {} ", step.short())
        };
        spans.push(Span::styled(label, style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Time left as "12:05", or overrun as "+3:10" in the warning colour.
fn countdown(deadline: DateTime<Utc>, now: DateTime<Utc>) -> Span<'static> {
    let left = seconds_left(deadline, now);
    let style = if left < 0 {
        theme::error()
    } else {
        theme::strong()
    };
    Span::styled(format_countdown(left), style)
}

/// " — Person (Role)" for an output's owner, or nothing for information.
pub fn output_owner(org: &Organisation, output: &crate::domain::meeting::Output) -> String {
    match (output.role.and_then(|r| org.role(r)), output.person) {
        (Some(role), Some(p)) => format!(" — {} ({})", org.person_name(p), role.name),
        (Some(role), None) => format!(" — {}", role.name),
        (None, Some(p)) => format!(" — {} (individual action)", org.person_name(p)),
        (None, None) => String::new(),
    }
}

/// "1:05" of floor time, or nothing if the attendee did not speak in the round.
pub fn floor_time(state: &Tactical, step: Step, attendee: usize) -> Option<String> {
    state
        .floor_of(step, attendee)
        .map(|secs| format!("{}:{:02}", secs / 60, secs % 60))
}

/// Who has the floor now and who is next, in words that fit the step.
pub fn now_and_next(state: &Tactical, org: &Organisation) -> (String, String) {
    let at = state.cursor(state.step);
    let name = |i: Option<usize>| i.map_or(String::new(), |i| state.name_of(i).to_string());
    let role_owner = |role: Option<crate::domain::RoleId>| -> String {
        let Some(role) = role.and_then(|r| org.role(r)) else {
            return String::new();
        };
        let who: Vec<&str> = org
            .fillers_of(role.id)
            .map(|a| org.person_name(a.person))
            .collect();
        if who.is_empty() {
            role.name.clone()
        } else {
            format!("{} ({})", who.join(", "), role.name)
        }
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

fn draw_header(
    frame: &mut Frame,
    area: Rect,
    screen: &TacticalScreen,
    org: &Organisation,
    now: DateTime<Utc>,
) {
    let state = &screen.state;
    let step = state.step;
    let (speaker, next) = now_and_next(state, org);
    let timers = Line::from(vec![
        Span::styled("step ", theme::muted()),
        countdown(state.step_deadline(), now),
        Span::styled("  meeting ", theme::muted()),
        countdown(state.deadline(), now),
    ])
    .right_aligned();
    let width = usize::from(area.width);
    let lines = vec![
        Line::styled(
            fit(
                &format!("{}. {}", step.index() + 1, step.title()),
                width.saturating_sub(30),
            ),
            theme::heading(),
        ),
        Line::styled(fit(step.rule(), width), theme::muted()),
        Line::from(vec![
            Span::styled("Now ", theme::muted()),
            Span::styled(
                fit(if speaker.is_empty() { "—" } else { &speaker }, width / 2),
                theme::strong(),
            ),
            Span::styled("   Next ", theme::muted()),
            Span::raw(fit(if next.is_empty() { "—" } else { &next }, width / 3)),
        ]),
    ];
    let block = Block::default()
        .borders(Borders::BOTTOM)
        .border_style(theme::border());
    frame.render_widget(Paragraph::new(lines).block(block), area);
    frame.render_widget(Paragraph::new(timers), Rect { height: 1, ..area });
}

/// The shared-screen header: step and speaker in big letters, high contrast.
fn draw_presentation_header(
    frame: &mut Frame,
    area: Rect,
    screen: &TacticalScreen,
    org: &Organisation,
    now: DateTime<Utc>,
) {
    let state = &screen.state;
    let (speaker, next) = now_and_next(state, org);
    let [big, rule, small] = Layout::vertical([
        Constraint::Length(8),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    // Who has the floor, shortened to one name: the big letters hold about 20 characters.
    let who = speaker
        .split([',', '('])
        .next()
        .unwrap_or("")
        .trim()
        .to_string();
    let mut lines = vec![Line::raw(state.step.short().to_string())];
    if !who.is_empty() && state.step != Step::Agenda {
        lines.push(Line::raw(fit(&who, 40)));
    }
    let big_text = tui_big_text::BigText::builder()
        .pixel_size(tui_big_text::PixelSize::Quadrant)
        .style(theme::heading())
        .lines(lines)
        .build();
    frame.render_widget(big_text, big);
    let width = usize::from(area.width);
    frame.render_widget(
        Paragraph::new(Line::styled(fit(state.step.rule(), width), theme::strong())),
        rule,
    );
    let line = Line::from(vec![
        Span::styled("Next ", theme::muted()),
        Span::styled(
            fit(if next.is_empty() { "—" } else { &next }, width / 2),
            theme::strong(),
        ),
        Span::styled("   step ", theme::muted()),
        countdown(state.step_deadline(), now),
        Span::styled("  meeting ", theme::muted()),
        countdown(state.deadline(), now),
    ]);
    frame.render_widget(Paragraph::new(line), small);
}
