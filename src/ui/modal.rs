//! Drawing whatever is open over a screen: a text prompt, a picker or a yes/no question.
//!
//! Owns: their boxes and placement, and how a text of several lines is shown while typed. Must not import: rusqlite, tokio, `crate::store`,
//! `crate::app`.

use super::chrome::{centered, clear_for_popup};
use super::list;
use super::prompt::{Editor, Prompt};
use super::theme;
use super::view::Modal;
use super::welcome::draw_prompt;
use super::wrap::{fit, wrap};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui_textarea::TextArea;
use unicode_width::UnicodeWidthStr;

/// A text prompt in a box over `area`: one row for a line, most of the area for a text that
/// may span lines.
pub fn draw_prompt_box(frame: &mut Frame, area: Rect, prompt: &Prompt) {
    let width = area.width.saturating_sub(4).min(76);
    match &prompt.editor {
        Editor::Line(_) => {
            let rect = centered(area, width, 3);
            clear_for_popup(frame, rect, area);
            draw_prompt(frame, rect, prompt);
        }
        Editor::Lines(text) => {
            // As tall as the text with a row to spare, up to most of the area (all of a small
            // one: at 60x16 every row counts).
            let most = (area.height.saturating_mul(3) / 4)
                .max(area.height.min(8))
                .clamp(5, 16);
            let rows = shown_rows(text.lines(), usize::from(width.saturating_sub(2)));
            let height = u16::try_from(rows + 3).unwrap_or(u16::MAX).clamp(5, most);
            let rect = centered(area, width, height);
            clear_for_popup(frame, rect, area);
            draw_text_box(frame, rect, prompt.title(), text);
        }
    }
}

/// About how many rows `lines` take wrapped to `width` columns (a word carried over to the
/// next row can add one; the box keeps a row to spare).
fn shown_rows(lines: &[String], width: usize) -> usize {
    lines
        .iter()
        .map(|l| l.width().div_ceil(width.max(1)).max(1))
        .sum()
}

/// The bottom edge of a text box: Enter saves, `new_line` (if said) starts a line, Esc cancels.
fn text_box_hint(new_line: Option<&'static str>) -> Line<'static> {
    let mut spans = vec![
        Span::raw(" "),
        Span::styled("Enter", theme::key()),
        Span::raw(" save · "),
    ];
    if let Some(keys) = new_line {
        spans.push(Span::styled(keys, theme::key()));
        spans.push(Span::raw(" new line · "));
    }
    spans.push(Span::styled("Esc", theme::key()));
    spans.push(Span::raw(" cancel "));
    Line::from(spans)
}

/// A text of several lines in its box: the question on top, how to save and start a new line
/// at the bottom, the text wrapped at words and scrolled so the cursor's line is in view.
fn draw_text_box(frame: &mut Frame, rect: Rect, title: &str, text: &TextArea<'static>) {
    let room = usize::from(rect.width.saturating_sub(2));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::heading())
        .title(fit(&format!(" {title} "), room));
    // The widest way of saying how to save and start a line that fits the box's bottom edge.
    let hint = [Some("Alt+Enter or Ctrl+J"), Some("Alt+Enter"), None]
        .into_iter()
        .map(text_box_hint)
        .find(|h| h.width() <= room);
    let block = match hint {
        Some(hint) => block.title_bottom(hint),
        None => block,
    };
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    frame.render_widget(text, inner);
    // The editor marks its cursor by style; the terminal's own cursor is put there too, so it
    // shows whatever the theme (and screen readers follow it).
    let cursor = text.screen_cursor();
    let (top, left) = text.scroll_offset();
    let row = cursor.row.saturating_sub(usize::from(top));
    let col = cursor.col.saturating_sub(usize::from(left));
    let at = |start: u16, offset: usize, end: u16| {
        start
            .saturating_add(u16::try_from(offset).unwrap_or(u16::MAX))
            .min(end.saturating_sub(1))
    };
    frame.set_cursor_position((
        at(inner.x, col, inner.right()),
        at(inner.y, row, inner.bottom()),
    ));
}

pub fn draw(frame: &mut Frame, area: Rect, modal: &Modal) {
    let width = area.width.saturating_sub(4).min(76);
    match modal {
        Modal::Prompt(prompt) => draw_prompt_box(frame, area, prompt),
        Modal::Picker(picker) => {
            let height = u16::try_from(picker.options.len() + 2)
                .unwrap_or(u16::MAX)
                .min(area.height);
            let rect = centered(area, width, height);
            clear_for_popup(frame, rect, area);
            let title = fit(
                &format!(" {} ", picker.title),
                usize::from(width.saturating_sub(2)),
            );
            let block = Block::default()
                .borders(Borders::ALL)
                .border_style(theme::heading())
                .title(title);
            list::draw(
                frame,
                rect,
                block,
                picker.options.len(),
                picker.selected,
                |i, w| Line::raw(fit(&picker.options[i], w)),
            );
        }
        Modal::Confirm(confirm) => {
            let text_width = usize::from(width.saturating_sub(4));
            let mut lines: Vec<Line> = wrap(&confirm.question, text_width, "", "")
                .into_iter()
                .map(Line::raw)
                .collect();
            lines.push(Line::raw(""));
            let mut answers = vec![
                Span::styled("y", theme::key()),
                Span::raw(format!(" {}    ", confirm.yes)),
                Span::styled("n", theme::key()),
                Span::raw(format!(" {}", confirm.no)),
            ];
            if confirm.in_series {
                answers.push(Span::styled("    Esc", theme::key()));
                answers.push(Span::raw(" stop"));
            }
            lines.push(Line::from(answers));
            let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
            let rect = centered(area, width, height);
            clear_for_popup(frame, rect, area);
            let block = Block::default()
                .borders(Borders::ALL)
                .border_style(theme::warning())
                .title(format!(" {} ", confirm.title));
            frame.render_widget(Paragraph::new(lines).block(block), rect);
        }
    }
}
