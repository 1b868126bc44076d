//! The solo review screen: the stops on the left (done ones marked), the current stop on the
//! right with its question, what was recorded there, and the summary at the end.
//!
//! Owns: its layout. Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use super::details::{answers_line, sparkline};
use super::list;
use super::theme;
use super::wrap::{fit, wrap};
use crate::domain::meeting::periods::{answers_before, period_label};
use crate::domain::review::Review;
use crate::domain::review::{Stop, entry_text};
use crate::domain::text::format_number;
use crate::domain::{ChecklistItemId, MetricId, Organisation, ProjectId, RoleId};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// How many earlier periods of a checklist item the review shows.
const HISTORY: usize = 4;

/// A short name for a stop, for the list.
fn stop_label(org: &Organisation, stop: Stop) -> String {
    match stop {
        Stop::Role { role } => {
            let r = org.role(role);
            let circle = r
                .and_then(|r| org.circle(r.circle))
                .map_or("?", |c| c.name.as_str());
            format!("{} · {circle}", r.map_or("?", |r| r.name.as_str()))
        }
        Stop::Accountability { role, index } => {
            let text = org
                .role(role)
                .and_then(|r| r.accountabilities.get(index))
                .map_or("?", |a| a.as_str());
            format!("  {text}")
        }
        Stop::Project { project } => format!(
            "  project: {}",
            org.project(project).map_or("?", |p| p.title.as_str())
        ),
        Stop::Checklist { item, .. } => format!(
            "  checklist: {}",
            org.checklist_item(item).map_or("?", |c| c.text.as_str())
        ),
        Stop::Metric { metric, .. } => format!(
            "  metric: {}",
            org.metric(metric).map_or("?", |m| m.name.as_str())
        ),
        Stop::Tensions => "Tensions for the next meetings".into(),
        Stop::Summary => "Summary".into(),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &Review, org: &Organisation) {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(area);
    let title = format!(
        " {} · stop {} of {} ",
        org.person_name(state.person),
        state.cursor + 1,
        state.stops.len()
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border())
        .title(Span::styled(title, theme::heading()));
    list::draw(
        frame,
        left,
        block,
        state.stops.len(),
        state.cursor,
        |i, width| {
            let done = if state.entries_at(i).next().is_some() {
                "✓ "
            } else {
                "  "
            };
            let style = if matches!(
                state.stops[i],
                Stop::Role { .. } | Stop::Tensions | Stop::Summary
            ) {
                theme::strong()
            } else {
                Style::new()
            };
            Line::styled(
                fit(&format!("{done}{}", stop_label(org, state.stops[i])), width),
                style,
            )
        },
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border())
        .title(Span::styled(" Now ", theme::heading()));
    let mut out = Pane {
        width: usize::from(block.inner(right).width.saturating_sub(1)),
        lines: Vec::new(),
    };
    match state.stop() {
        Stop::Role { role } => role_lines(&mut out, org, role),
        Stop::Accountability { role, index } => accountability_lines(&mut out, org, role, index),
        Stop::Project { project } => project_lines(&mut out, org, project),
        Stop::Checklist { item, period } => checklist_lines(&mut out, org, item, period),
        Stop::Metric { metric, period } => metric_lines(&mut out, org, metric, period),
        Stop::Tensions => {
            out.text(
                "Anything between what is and what could be?",
                theme::strong(),
            );
            out.text(
            "Note it for a circle's next tactical (t) or governance (g) meeting; it is offered when that meeting builds its agenda.",
            theme::muted(),
        );
        }
        Stop::Summary => summary_lines(&mut out, org, state),
    }
    recorded_here(&mut out, org, state);
    frame.render_widget(Paragraph::new(out.lines).block(block), right);
}

/// The lines of the right pane, wrapped to its width.
struct Pane {
    width: usize,
    lines: Vec<Line<'static>>,
}

impl Pane {
    /// `t` wrapped to the pane, in `style`.
    fn text(&mut self, t: &str, style: Style) {
        for l in wrap(t, self.width, "", "  ") {
            self.lines.push(Line::styled(l, style));
        }
    }
}

/// What the review recorded at the current stop (every stop but the summary).
fn recorded_here(out: &mut Pane, org: &Organisation, state: &Review) {
    if !matches!(state.stop(), Stop::Summary) {
        let here: Vec<String> = state
            .entries_at(state.cursor)
            .map(|e| entry_text(org, e))
            .collect();
        if !here.is_empty() {
            out.text("", Style::new());
            out.text("Recorded here:", theme::heading());
            for h in here {
                out.text(&format!("✓ {h}"), theme::info());
            }
        }
    }
}

/// A role's stop: the role as written, to read before its accountabilities.
fn role_lines(out: &mut Pane, org: &Organisation, role: RoleId) {
    if let Some(r) = org.role(role) {
        out.text(&r.name, theme::strong());
        out.text(
            &format!(
                "in {}",
                org.circle(r.circle).map_or("?", |c| c.name.as_str())
            ),
            theme::muted(),
        );
        out.text("", Style::new());
        out.text(
            &format!(
                "Purpose: {}",
                if r.purpose.is_empty() {
                    "(none yet)"
                } else {
                    &r.purpose
                }
            ),
            Style::new(),
        );
        for d in &r.domains {
            out.text(&format!("Domain: {d}"), Style::new());
        }
        out.text("", Style::new());
        out.text("Accountabilities:", theme::heading());
        for a in &r.accountabilities {
            out.text(&format!("- {a}"), Style::new());
        }
        out.text("", Style::new());
        out.text(
            "Read the role, then → goes through each accountability.",
            theme::muted(),
        );
    }
}

/// An accountability's stop.
fn accountability_lines(out: &mut Pane, org: &Organisation, role: RoleId, index: usize) {
    let r = org.role(role);
    out.text(r.map_or("?", |r| r.name.as_str()), theme::muted());
    out.text(
        r.and_then(|r| r.accountabilities.get(index))
            .map_or("?", |a| a.as_str()),
        theme::strong(),
    );
    out.text("", Style::new());
    out.text(
        "Is there a next action or a project for it?",
        theme::heading(),
    );
}

/// A project's stop.
fn project_lines(out: &mut Pane, org: &Organisation, project: ProjectId) {
    if let Some(p) = org.project(project) {
        out.text(&p.title, theme::strong());
        out.text(
            &format!(
                "{} · {}",
                org.role(p.role).map_or("?", |r| r.name.as_str()),
                p.status
            ),
            theme::muted(),
        );
        out.text("", Style::new());
        out.text(
            "What is the next action? What is its status?",
            theme::heading(),
        );
    }
}

/// A checklist item's stop: its history, and this period's answer or the question.
fn checklist_lines(out: &mut Pane, org: &Organisation, item: ChecklistItemId, period: NaiveDate) {
    if let Some(c) = org.checklist_item(item) {
        out.text(&c.text, theme::strong());
        out.text(
            &format!("{} · {}", c.frequency, period_label(c.frequency, period)),
            theme::muted(),
        );
        // The same history as the tactical checklist: dated, with the gaps.
        let marks: Vec<_> = org.marks_of(item).collect();
        let answers = answers_before(c, period, &marks, HISTORY);
        let line = answers_line(c.frequency, &answers, out.width);
        out.lines.push(line);
        out.text("", Style::new());
        match org.marks_of(item).find(|m| m.period == period) {
            Some(m) => out.text(
                &format!(
                    "Answered for that period: {}",
                    if m.checked {
                        "✓ check"
                    } else {
                        "✗ no check"
                    }
                ),
                theme::info(),
            ),
            None => out.text("Done for that period?", theme::heading()),
        }
    }
}

/// A metric's stop: its recent values and the question.
fn metric_lines(out: &mut Pane, org: &Organisation, metric: MetricId, period: NaiveDate) {
    if let Some(m) = org.metric(metric) {
        out.text(&m.name, theme::strong());
        let values: Vec<f64> = org.values_of(metric).map(|v| v.value).collect();
        let last = values.last().map_or("no values yet".to_string(), |v| {
            format!("last {}", format_number(*v))
        });
        out.text(
            &format!(
                "{} · {} · {} {last}",
                m.frequency,
                period_label(m.frequency, period),
                sparkline(&values[values.len().saturating_sub(8)..])
            ),
            theme::muted(),
        );
        out.text("", Style::new());
        out.text(
            &format!(
                "What is the value{}?",
                m.unit
                    .as_deref()
                    .map_or(String::new(), |u| format!(" in {u}"))
            ),
            theme::heading(),
        );
    }
}

/// The summary: everything recorded in the review.
fn summary_lines(out: &mut Pane, org: &Organisation, state: &Review) {
    out.text(
        &format!("What changed: {}", state.entries.len()),
        theme::strong(),
    );
    for (_, _, e) in &state.entries {
        out.text(&format!("- {}", entry_text(org, e)), Style::new());
    }
    if state.entries.is_empty() {
        out.text("Nothing yet.", theme::muted());
    }
    out.text("", Style::new());
    out.text("Enter finishes the review.", theme::muted());
}
