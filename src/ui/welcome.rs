//! The first-run screen: load the demo, start an empty organisation, or import a file.
//!
//! Owns: its layout. Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use super::chrome::centered;
use super::prompt::{Editor, Prompt};
use super::theme;
use super::view::{WelcomeChoice, WelcomeState};
use super::wrap::{fit, wrap};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Paragraph};

pub fn draw(frame: &mut Frame, area: Rect, state: &WelcomeState, database: &str) {
    let width = area.width.min(74);
    let text_width = usize::from(width.saturating_sub(6));
    let prompt_height: u16 = if state.prompt.is_some() { 3 } else { 0 };
    let choice_lines = |with_details: bool| -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        for (i, choice) in WelcomeChoice::ALL.iter().enumerate() {
            let chosen = i == state.selected;
            let marker = if chosen { "▶ " } else { "  " };
            let style = if chosen {
                theme::selected()
            } else {
                theme::strong()
            };
            let title = fit(
                &format!("{}. {}", i + 1, choice.title()),
                text_width.saturating_sub(2),
            );
            lines.push(Line::from(vec![
                Span::styled(marker, theme::key()),
                Span::styled(title, style),
            ]));
            if with_details {
                for line in wrap(choice.detail(), text_width, "     ", "     ") {
                    lines.push(Line::styled(line, theme::muted()));
                }
            }
        }
        lines
    };
    let mut lines: Vec<Line<'static>> = wrap(INTRO, text_width, "", "")
        .into_iter()
        .map(Line::raw)
        .collect();
    lines.push(Line::styled(
        fit(&format!("Database: {database}"), text_width),
        theme::muted(),
    ));
    lines.push(Line::raw(""));
    // Room inside the box: the body less borders, top padding and the prompt.
    let room = usize::from(area.height.saturating_sub(3 + prompt_height));
    let detailed = choice_lines(true);
    if lines.len() + detailed.len() <= room {
        lines.extend(detailed);
    } else {
        lines.extend(choice_lines(false));
    }
    let height = u16::try_from(lines.len()).unwrap_or(u16::MAX) + 3 + prompt_height;
    let box_area = centered(area, width, height);
    let block = Block::default()
        .borders(Borders::ALL)
        .padding(Padding::new(2, 2, 1, 0))
        .border_style(theme::border())
        .title(Span::styled(" Welcome to Roundtable ", theme::heading()));
    let inner = block.inner(box_area);
    frame.render_widget(block, box_area);
    let [menu, prompt_area] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(prompt_height)]).areas(inner);
    frame.render_widget(Paragraph::new(lines), menu);
    if let Some(prompt) = &state.prompt {
        draw_prompt(frame, prompt_area, prompt);
    }
}

const INTRO: &str = "No organisation here yet. How would you like to start?";

/// A bordered one-line text field with the cursor placed in it.
pub fn draw_prompt(frame: &mut Frame, area: Rect, prompt: &Prompt) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::heading())
        .title(format!(" {} ", prompt.title()));
    let inner = block.inner(area);
    let width = usize::from(inner.width.max(1)) - 1;
    let Editor::Line(input) = &prompt.editor else {
        // A text of several lines is drawn in its own, taller box (`modal::draw_prompt_box`).
        return;
    };
    let scroll = input.visual_scroll(width);
    let text = Paragraph::new(input.value())
        .scroll((0, u16::try_from(scroll).unwrap_or(u16::MAX)))
        .block(block);
    frame.render_widget(text, area);
    let cursor = input.visual_cursor().saturating_sub(scroll);
    let x = inner
        .x
        .saturating_add(u16::try_from(cursor).unwrap_or(u16::MAX));
    frame.set_cursor_position((x.min(inner.right().saturating_sub(1)), inner.y));
}
