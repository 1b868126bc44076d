//! The list of past meetings: filter line, then the meetings, newest first.
//!
//! Owns: its layout. Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use super::list;
use super::theme;
use super::view::{Count, PastState};
use super::wrap::fit;
use chrono::Local;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn draw(frame: &mut Frame, area: Rect, state: &PastState) {
    let [filter, rows] = Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::heading())
        .title(" Filter: type a circle, kind, date, open or ended ");
    let inner = block.inner(filter);
    frame.render_widget(
        Paragraph::new(state.filter.value().to_string()).block(block),
        filter,
    );
    let cursor = u16::try_from(state.filter.visual_cursor()).unwrap_or(0);
    frame.set_cursor_position((
        inner
            .x
            .saturating_add(cursor)
            .min(inner.right().saturating_sub(1)),
        inner.y,
    ));
    let title = match state.count() {
        Count::Exactly(n) => format!(" {n} of {} meetings ", state.total),
        Count::AtLeast(n) => format!(" at least {n} of {} meetings ", state.total),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border())
        .title(Span::styled(title, theme::heading()));
    // The shell reads as many rows as the last frame had room for.
    state
        .height
        .set(usize::from(block.inner(rows).height).max(1));
    if state.shown.is_empty() {
        let message = if state.total == 0 {
            "No meetings yet: t or g on a circle at home starts one."
        } else if !state.is_complete() {
            "Looking through older meetings for the filter…"
        } else {
            "No meeting matches the filter: Backspace or Esc clears it."
        };
        frame.render_widget(
            Paragraph::new(Line::styled(message, theme::muted())).block(block),
            rows,
        );
        return;
    }
    list::draw(
        frame,
        rows,
        block,
        // All of them counted, read or not (the "more" marks say so); the shell reads the
        // rest before the selection comes near them.
        state.shown_count(),
        state.selected,
        |i, width| {
            let Some(row) = state.shown.get(i) else {
                return Line::default();
            };
            let start = row.started_at.with_timezone(&Local);
            let status = match row.ended_at {
                // Ended on a later day (resumed days after): the day too.
                Some(end) => {
                    let end = end.with_timezone(&Local);
                    let same_day = end.date_naive() == start.date_naive();
                    let format = if same_day { "%H:%M" } else { "%Y-%m-%d %H:%M" };
                    format!("ended {}", end.format(format))
                }
                None => "open: Enter resumes".into(),
            };
            let text = format!(
                "{}  {:<10}  {}  ",
                start.format("%Y-%m-%d %H:%M"),
                row.kind.id(),
                fit(&row.circle, width.saturating_sub(50).max(10))
            );
            let style = if row.ended_at.is_some() {
                theme::muted()
            } else {
                theme::warning()
            };
            Line::from(vec![Span::raw(text), Span::styled(status, style)])
        },
    );
}
