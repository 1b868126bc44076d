//! Drawing whatever is open over a screen: a text prompt, a picker or a yes/no question.
//!
//! Owns: their boxes and placement. Must not import: rusqlite, tokio, `crate::store`,
//! `crate::app`.

use super::chrome::{centered, clear_for_popup};
use super::list;
use super::prompt::Prompt;
use super::theme;
use super::view::Modal;
use super::welcome::draw_prompt;
use super::wrap::{fit, wrap};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// A text prompt in a box over `area`.
pub fn draw_prompt_box(frame: &mut Frame, area: Rect, prompt: &Prompt) {
    let rect = centered(area, area.width.saturating_sub(4).min(76), 3);
    clear_for_popup(frame, rect, area);
    draw_prompt(frame, rect, prompt);
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
