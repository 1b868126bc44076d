//! The frame every meeting screen shares: the strip of steps, and a header that always says
//! the step, its rule, who speaks now and next, and the time left (or, for a shared screen,
//! the step and speaker in big letters).
//!
//! Owns: that frame's layout and words. Must not import: rusqlite, tokio, `crate::store`,
//! `crate::app`.

use super::theme;
use super::wrap::fit;
use crate::domain::meeting::{format_countdown, seconds_left};
use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// What the header says.
pub struct Header<'a> {
    pub title: String,
    pub rule: &'a str,
    /// Who has the floor (empty: nobody in particular).
    pub speaker: String,
    pub next: String,
    pub step_deadline: DateTime<Utc>,
    pub deadline: DateTime<Utc>,
    /// A line in the warning colour above the rule (a time out running), if any.
    pub alert: Option<String>,
}

/// Time left as "12:05", or overrun as "+3:10" in the warning colour.
pub fn countdown(deadline: DateTime<Utc>, now: DateTime<Utc>) -> Span<'static> {
    let left = seconds_left(deadline, now);
    let style = if left < 0 {
        theme::error()
    } else {
        theme::strong()
    };
    Span::styled(format_countdown(left), style)
}

/// Steps in a row, the current one highlighted, the done ones muted. When the names do not
/// all fit, the other steps show as their numbers.
pub fn strip(frame: &mut Frame, area: Rect, labels: &[&str], current: usize) {
    let full: usize = labels.iter().map(|s| s.chars().count() + 3).sum();
    let compact = full > usize::from(area.width);
    let mut spans = Vec::new();
    for (i, label) in labels.iter().enumerate() {
        let style = if i == current {
            theme::selected()
        } else if i < current {
            theme::muted()
        } else {
            Style::new()
        };
        if !spans.is_empty() {
            spans.push(Span::styled("›", theme::muted()));
        }
        let text = if compact && i != current {
            format!(" {} ", i + 1)
        } else {
            format!(" {label} ")
        };
        spans.push(Span::styled(text, style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A fact and the facilitator's keys for it ("No items yet." and "a adds one"): both to the
/// one facilitating, only the fact to a follower (another program facilitates: no key of
/// theirs records anything).
pub fn keyed(following: bool, fact: &str, keys: &str) -> String {
    if following {
        fact.to_string()
    } else {
        format!("{fact} {keys}")
    }
}

fn or_dash(text: &str) -> &str {
    if text.is_empty() { "—" } else { text }
}

/// The header: title and timers, the rule, now and next (four rows with its border).
pub fn header(frame: &mut Frame, area: Rect, h: &Header, now: DateTime<Utc>) {
    let timers = Line::from(vec![
        Span::styled("step ", theme::muted()),
        countdown(h.step_deadline, now),
        Span::styled("  meeting ", theme::muted()),
        countdown(h.deadline, now),
    ])
    .right_aligned();
    let width = usize::from(area.width);
    let rule = match &h.alert {
        Some(alert) => Line::styled(fit(alert, width), theme::error()),
        None => Line::styled(fit(h.rule, width), theme::muted()),
    };
    let lines = vec![
        Line::styled(fit(&h.title, width.saturating_sub(31)), theme::heading()),
        rule,
        Line::from(vec![
            Span::styled("Now ", theme::muted()),
            Span::styled(fit(or_dash(&h.speaker), width / 2), theme::strong()),
            Span::styled("   Next ", theme::muted()),
            Span::raw(fit(or_dash(&h.next), width / 3)),
        ]),
    ];
    let block = Block::default()
        .borders(Borders::BOTTOM)
        .border_style(theme::border());
    frame.render_widget(Paragraph::new(lines).block(block), area);
    frame.render_widget(Paragraph::new(timers), Rect { height: 1, ..area });
}

/// The shared-screen header (ten rows): `big` lines in big letters, then the rule, then who
/// is next and the timers.
pub fn presentation_header(
    frame: &mut Frame,
    area: Rect,
    h: &Header,
    big: Vec<String>,
    now: DateTime<Utc>,
) {
    let [big_area, rule, small] = Layout::vertical([
        Constraint::Length(8),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    super::big_letters::render(frame, big_area, theme::heading(), &big);
    let width = usize::from(area.width);
    let rule_line = match &h.alert {
        Some(alert) => Line::styled(fit(alert, width), theme::error()),
        None => Line::styled(fit(h.rule, width), theme::strong()),
    };
    frame.render_widget(Paragraph::new(rule_line), rule);
    let line = Line::from(vec![
        Span::styled("Next ", theme::muted()),
        Span::styled(fit(or_dash(&h.next), width / 2), theme::strong()),
        Span::styled("   step ", theme::muted()),
        countdown(h.step_deadline, now),
        Span::styled("  meeting ", theme::muted()),
        countdown(h.deadline, now),
    ]);
    frame.render_widget(Paragraph::new(line), small);
}

/// One name for the big letters: the speaker's words up to a comma or parenthesis, cut to
/// what the big letters hold.
pub fn big_name(speaker: &str) -> String {
    fit(speaker.split([',', '(']).next().unwrap_or("").trim(), 40)
}
