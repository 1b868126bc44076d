//! The minutes of an ended tactical meeting: everything recorded, scrollable.
//!
//! Owns: the minutes' text as a pure function of the meeting and the organisation's names.
//! Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use super::super::details::format_number;
use super::super::theme;
use super::super::view::TacticalScreen;
use super::super::wrap::wrap;
use crate::domain::Organisation;
use crate::domain::meeting::tactical::{Step, Tactical};
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

    fn none(&mut self, text: &str) {
        self.lines
            .push(Line::styled(format!("  {text}"), theme::muted()));
    }
}

/// " (reported by Name)" when someone who does not fill the role reported for it.
fn by(
    state: &Tactical,
    org: &Organisation,
    role: Option<crate::domain::RoleId>,
    reporter: Option<usize>,
) -> String {
    let Some(r) = reporter else {
        return String::new();
    };
    let fills = |role| {
        org.fillers_of(role)
            .any(|a| Some(a.person) == state.attendees.get(r).and_then(|x| x.person))
    };
    if role.is_some_and(fills) {
        String::new()
    } else {
        format!(" (reported by {})", state.name_of(r))
    }
}

/// Everything the meeting recorded, wrapped to `width`.
pub fn minutes_lines(state: &Tactical, org: &Organisation, width: usize) -> Vec<Line<'static>> {
    let mut doc = Doc {
        width,
        lines: Vec::new(),
    };
    let circle = org.circle(state.circle).map_or("?", |c| c.name.as_str());
    doc.text(&format!("Tactical meeting of {circle}"), theme::strong());
    let start = state.started_at.with_timezone(&Local);
    let end = state
        .ended_at
        .map(|e| e.with_timezone(&Local).format("%H:%M").to_string())
        .unwrap_or_default();
    doc.text(
        &format!(
            "{} · {}–{end} · planned {} minutes · {}",
            start.format("%A %-d %B %Y"),
            start.format("%H:%M"),
            state.planned_minutes,
            org.rule_set()
        ),
        theme::muted(),
    );
    let name = |i: Option<usize>| i.map_or("—".to_string(), |i| state.name_of(i).to_string());
    doc.text(
        &format!(
            "Facilitator {} · Secretary {}",
            name(state.facilitator),
            name(state.secretary)
        ),
        Style::new(),
    );
    let (present, absent): (Vec<_>, Vec<_>) = state.attendees.iter().partition(|a| a.present);
    let names = |v: Vec<&crate::domain::meeting::Attendee>| {
        v.iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    doc.text(&format!("Present: {}", names(present)), Style::new());
    if !absent.is_empty() {
        doc.text(&format!("Absent: {}", names(absent)), Style::new());
    }
    round(&mut doc, state, Step::CheckIn);
    doc.heading(Step::Checklist.title());
    if state.answers.is_empty() {
        doc.none("nothing answered");
    }
    for a in &state.answers {
        let item = org.checklist_item(a.item);
        let text = item.map_or("?", |c| c.text.as_str());
        let mark = if a.checked { "check" } else { "no check" };
        let by = by(state, org, item.map(|c| c.role), a.reporter);
        doc.bullet(&format!("{mark}: {text} (period from {}){by}", a.period));
    }
    doc.heading(Step::Metrics.title());
    if state.reports.is_empty() {
        doc.none("nothing reported");
    }
    for r in &state.reports {
        let metric = org.metric(r.metric);
        let unit = metric
            .and_then(|m| m.unit.clone())
            .map_or(String::new(), |u| format!(" {u}"));
        let comment = r
            .comment
            .as_ref()
            .map_or(String::new(), |c| format!(" — {c}"));
        let name = metric.map_or("?", |m| m.name.as_str());
        let by = by(state, org, metric.map(|m| m.role), r.reporter);
        doc.bullet(&format!(
            "{name}: {}{unit}{comment}{by}",
            format_number(r.value)
        ));
    }
    doc.heading(Step::Progress.title());
    if state.updates.is_empty() {
        doc.none("no updates given");
    }
    for u in &state.updates {
        let project = org.project(u.project);
        let title = project.map_or("?", |p| p.title.as_str());
        let text = u.update.as_deref().unwrap_or("no updates");
        let status = if u.status != u.status_before {
            format!(" (now {})", u.status)
        } else {
            String::new()
        };
        let by = by(state, org, project.map(|p| p.role), u.reporter);
        doc.bullet(&format!("{title}: {text}{status}{by}"));
    }
    doc.heading("Agenda and triage");
    if state.agenda_order.is_empty() {
        doc.none("no agenda items");
    }
    for (n, item) in state.agenda_items().enumerate() {
        let outcome = match item.closed {
            Some(true) => "got what they needed",
            Some(false) => "did not get everything they needed",
            None => "not closed",
        };
        doc.text(
            &format!(
                "{}. {} ({}) — {outcome}",
                n + 1,
                item.label,
                state.name_of(item.owner)
            ),
            theme::strong(),
        );
        for (_, o) in &item.outputs {
            let owner = super::output_owner(org, o);
            doc.bullet(&format!("{}: {}{owner}", o.kind.label(), o.text));
        }
    }
    round(&mut doc, state, Step::Closing);
    doc.lines
}

fn round(doc: &mut Doc, state: &Tactical, step: Step) {
    doc.heading(step.title());
    for &who in &state.order {
        let floor =
            super::floor_time(state, step, who).map_or(String::new(), |t| format!(" ({t})"));
        let note = state
            .note_for(step, who)
            .map_or(String::new(), |n| format!(": {}", n.text));
        doc.bullet(&format!("{}{floor}{note}", state.name_of(who)));
    }
}

pub fn draw(frame: &mut Frame, area: Rect, screen: &TacticalScreen, org: &Organisation) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border())
        .title(Span::styled(
            " Minutes · the meeting has ended ",
            theme::heading(),
        ));
    let inner = block.inner(area);
    let lines = minutes_lines(
        &screen.state,
        org,
        usize::from(inner.width.saturating_sub(1)),
    );
    let max =
        u16::try_from(lines.len().saturating_sub(usize::from(inner.height))).unwrap_or(u16::MAX);
    let paragraph = Paragraph::new(lines)
        .scroll((screen.minutes_scroll.min(max), 0))
        .block(block);
    frame.render_widget(paragraph, area);
}
