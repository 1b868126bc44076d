//! The minutes screen: the minutes document (the same one every export renders) as
//! scrollable text, with local times.
//!
//! Owns: how each block of the document looks on screen.
//! Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use super::super::list;
use super::super::theme;
use super::super::view::MinutesScreen;
use super::super::wrap::wrap;
use crate::domain::document::{Block, minutes_document};
use crate::domain::minutes::Minutes;
use chrono::Local;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block as Border, Borders};
use std::cell::RefCell;

fn push(
    lines: &mut Vec<Line<'static>>,
    text: &str,
    width: usize,
    first: &str,
    rest: &str,
    style: Style,
) {
    for l in wrap(text, width, first, rest) {
        lines.push(Line::styled(l, style));
    }
}

/// The minutes, wrapped to `width`.
pub fn minutes_lines(m: &Minutes, width: usize) -> Vec<Line<'static>> {
    let offset = *Local::now().fixed_offset().offset();
    let mut lines = Vec::new();
    for block in minutes_document(m, offset) {
        match block {
            Block::Title(t) => push(&mut lines, &t, width, "", "  ", theme::strong()),
            Block::Subtitle(t) | Block::Empty(t) => {
                push(&mut lines, &t, width, "", "  ", theme::muted())
            }
            Block::Heading(t) => {
                lines.push(Line::raw(""));
                push(&mut lines, &t, width, "", "", theme::heading());
            }
            Block::Subheading(t) => push(&mut lines, &t, width, "", "   ", theme::strong()),
            Block::Paragraph(t) => push(&mut lines, &t, width, "", "", Style::new()),
            Block::Facts(facts) => {
                for (k, v) in facts {
                    push(
                        &mut lines,
                        &format!("{k}: {v}"),
                        width,
                        "",
                        "    ",
                        Style::new(),
                    );
                }
            }
            Block::Bullets(items) => {
                for item in items {
                    push(&mut lines, &item, width, "  • ", "    ", Style::new());
                }
            }
            Block::Table { head, rows } => {
                for row in rows {
                    let cells: Vec<String> = head
                        .iter()
                        .zip(&row)
                        .enumerate()
                        .filter(|(_, (_, cell))| !cell.is_empty())
                        .map(|(i, (h, cell))| {
                            if i < 2 {
                                cell.clone()
                            } else {
                                format!("{}: {cell}", h.to_lowercase())
                            }
                        })
                        .collect();
                    push(
                        &mut lines,
                        &cells.join(" · "),
                        width,
                        "  • ",
                        "    ",
                        Style::new(),
                    );
                }
            }
        }
    }
    lines
}

/// The minutes screen: the minutes, scrollable, with an export key.
pub fn draw(frame: &mut Frame, area: Rect, screen: &MinutesScreen) {
    let title = if screen.minutes.ended_at.is_some() {
        " Minutes "
    } else {
        " Minutes so far · the meeting is open "
    };
    let block = Border::default()
        .borders(Borders::ALL)
        .border_style(theme::border())
        .title(Span::styled(title, theme::heading()));
    let inner = block.inner(area);
    let width = usize::from(inner.width.saturating_sub(1));
    let mut kept = screen.lines.0.borrow_mut();
    if kept.as_ref().is_none_or(|(w, _)| *w != width) {
        *kept = Some((width, minutes_lines(&screen.minutes, width)));
    }
    let lines = kept.as_ref().map_or(&[][..], |(_, lines)| lines.as_slice());
    list::draw_window(frame, area, block, lines, screen.scroll);
}

/// The minutes' lines as last wrapped, with the width they were wrapped to: a screen's
/// minutes do not change while it is shown (new minutes come with a new screen), so a frame
/// wraps them again only when the width changed, not on every frame.
#[derive(Debug, Default)]
pub struct MinutesLines(RefCell<Option<(usize, Vec<Line<'static>>)>>);
