//! The minutes screen of an ended meeting: the `Minutes` model as scrollable text.
//!
//! Owns: the minutes' on-screen layout (exports have their own, in `export`).
//! Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use super::super::details::format_number;
use super::super::theme;
use super::super::view::MinutesScreen;
use super::super::wrap::wrap;
use crate::domain::minutes::{Minutes, Turn};
use chrono::Local;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

struct Doc {
    width: usize,
    lines: Vec<Line<'static>>,
}

impl Doc {
    fn heading(&mut self, text: &str) {
        self.lines.push(Line::raw(""));
        self.lines
            .push(Line::styled(text.to_string(), theme::heading()));
    }

    fn text(&mut self, text: &str, style: Style) {
        for l in wrap(text, self.width, "", "  ") {
            self.lines.push(Line::styled(l, style));
        }
    }

    fn bullet(&mut self, text: &str) {
        for l in wrap(text, self.width, "  • ", "    ") {
            self.lines.push(Line::raw(l));
        }
    }

    fn bullets(&mut self, title: &str, items: Vec<String>, none: &str) {
        self.heading(title);
        if items.is_empty() {
            self.lines
                .push(Line::styled(format!("  {none}"), theme::muted()));
        }
        for item in items {
            self.bullet(&item);
        }
    }

    fn round(&mut self, title: &str, turns: &[Turn]) {
        let items = turns.iter().map(Turn::describe).collect();
        self.bullets(title, items, "nobody spoke");
    }
}

fn by(reported_by: &Option<String>) -> String {
    reported_by
        .as_ref()
        .map_or(String::new(), |r| format!(" (reported by {r})"))
}

/// The minutes, wrapped to `width`.
pub fn minutes_lines(m: &Minutes, width: usize) -> Vec<Line<'static>> {
    let mut doc = Doc {
        width,
        lines: Vec::new(),
    };
    doc.text(
        &format!("Tactical meeting of {}", m.circle),
        theme::strong(),
    );
    let start = m.started_at.with_timezone(&Local);
    let end = m
        .ended_at
        .map(|e| e.with_timezone(&Local).format("%H:%M").to_string())
        .unwrap_or_default();
    let when = format!(
        "{} · {}–{end}",
        start.format("%A %-d %B %Y"),
        start.format("%H:%M")
    );
    doc.text(
        &format!(
            "{when} · planned {} minutes · {}",
            m.planned_minutes, m.rule_set
        ),
        theme::muted(),
    );
    let dash = |n: &Option<String>| n.clone().unwrap_or_else(|| "—".into());
    doc.text(
        &format!(
            "Facilitator {} · Secretary {}",
            dash(&m.facilitator),
            dash(&m.secretary)
        ),
        Style::new(),
    );
    let names = |people: &[crate::domain::minutes::Person]| {
        people
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    doc.text(&format!("Present: {}", names(&m.attendees)), Style::new());
    if !m.absentees.is_empty() {
        doc.text(&format!("Absent: {}", names(&m.absentees)), Style::new());
    }
    doc.round("Check-in round", &m.check_in);
    let checklist = m
        .checklist
        .iter()
        .map(|c| {
            let mark = if c.checked { "check" } else { "no check" };
            format!(
                "{mark}: {} (period from {}){}",
                c.item,
                c.period,
                by(&c.reported_by)
            )
        })
        .collect();
    doc.bullets("Checklist review", checklist, "nothing answered");
    let metrics = m
        .metrics
        .iter()
        .map(|r| {
            let unit = r.unit.as_ref().map_or(String::new(), |u| format!(" {u}"));
            let comment = r
                .comment
                .as_ref()
                .map_or(String::new(), |c| format!(" — {c}"));
            format!(
                "{}: {}{unit}{comment}{}",
                r.metric,
                format_number(r.value),
                by(&r.reported_by)
            )
        })
        .collect();
    doc.bullets("Metrics review", metrics, "nothing reported");
    let projects = m
        .projects
        .iter()
        .map(|u| {
            let text = u.update.as_deref().unwrap_or("no updates");
            let status = if u.status != u.status_before {
                format!(" (now {})", u.status)
            } else {
                String::new()
            };
            format!("{}: {text}{status}{}", u.project, by(&u.reported_by))
        })
        .collect();
    doc.bullets("Progress updates", projects, "no updates given");
    doc.heading("Agenda and triage");
    if m.agenda.is_empty() {
        doc.lines
            .push(Line::styled("  no agenda items", theme::muted()));
    }
    for (n, item) in m.agenda.iter().enumerate() {
        let line = format!(
            "{}. {} ({}) — {}",
            n + 1,
            item.label,
            item.owner,
            Minutes::outcome_text(item)
        );
        doc.text(&line, theme::strong());
        for output in &item.outputs {
            doc.bullet(&Minutes::output_text(output));
        }
    }
    doc.round("Closing round", &m.closing);
    doc.lines
}

/// The minutes screen: the minutes, scrollable, with an export key.
pub fn draw(frame: &mut Frame, area: Rect, screen: &MinutesScreen) {
    let title = if screen.minutes.ended_at.is_some() {
        " Minutes "
    } else {
        " Minutes so far · the meeting is open "
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border())
        .title(Span::styled(title, theme::heading()));
    let inner = block.inner(area);
    let lines = minutes_lines(&screen.minutes, usize::from(inner.width.saturating_sub(1)));
    let max =
        u16::try_from(lines.len().saturating_sub(usize::from(inner.height))).unwrap_or(u16::MAX);
    let paragraph = Paragraph::new(lines)
        .scroll((screen.scroll.min(max), 0))
        .block(block);
    frame.render_widget(paragraph, area);
}
