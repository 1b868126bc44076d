//! The first-run screen: load the demo, start an empty organisation, or import a file.
//!
//! Owns: its layout. Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use super::chrome::centered;
use super::theme;
use super::view::{Prompt, WelcomeChoice, WelcomeState};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

pub fn draw(frame: &mut Frame, area: Rect, state: &WelcomeState, database: &str) {
    let box_area = centered(area, 72, 17);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border())
        .title(Span::styled(" Welcome to Roundtable ", theme::heading()));
    let inner = block.inner(box_area);
    frame.render_widget(block, box_area);

    let mut lines = vec![
        Line::raw("This database holds no organisation yet. How would you like to start?"),
        Line::styled(format!("Database: {database}"), theme::muted()),
        Line::raw(""),
    ];
    for (i, choice) in WelcomeChoice::ALL.iter().enumerate() {
        let chosen = i == state.selected;
        let marker = if chosen { "▶ " } else { "  " };
        let style = if chosen {
            theme::selected()
        } else {
            theme::strong()
        };
        lines.push(Line::from(vec![
            Span::styled(marker, theme::key()),
            Span::styled(format!("{}. {}", i + 1, choice.title()), style),
        ]));
        lines.push(Line::styled(
            format!("     {}", choice.detail()),
            theme::muted(),
        ));
    }
    let [menu, prompt_area] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(3)]).areas(inner);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), menu);
    if let Some(prompt) = &state.prompt {
        draw_prompt(frame, prompt_area, prompt);
    }
}

/// A bordered one-line text field with the cursor placed in it.
pub fn draw_prompt(frame: &mut Frame, area: Rect, prompt: &Prompt) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::heading())
        .title(format!(" {} ", prompt.kind.question()));
    let inner = block.inner(area);
    let width = usize::from(inner.width.max(1)) - 1;
    let scroll = prompt.input.visual_scroll(width);
    let text = Paragraph::new(prompt.input.value())
        .scroll((0, u16::try_from(scroll).unwrap_or(u16::MAX)))
        .block(block);
    frame.render_widget(text, area);
    let cursor = prompt.input.visual_cursor().saturating_sub(scroll);
    let x = inner
        .x
        .saturating_add(u16::try_from(cursor).unwrap_or(u16::MAX));
    frame.set_cursor_position((x.min(inner.right().saturating_sub(1)), inner.y));
}
