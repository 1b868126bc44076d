//! The parts around every screen: title bar, status line, hint bar, help overlay and the
//! "terminal too small" notice.
//!
//! Owns: their layout and text. Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use super::theme;
use super::view::{Hint, Status, View};
use super::wrap::{fit, wrap};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph, Wrap};

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// The keys that work on every screen, for the help overlay.
const CONVENTIONS: [Hint; 6] = [
    Hint {
        keys: "↑↓ k j",
        label: "move",
    },
    Hint {
        keys: "Enter",
        label: "open or confirm",
    },
    Hint {
        keys: "Esc",
        label: "back or cancel",
    },
    Hint {
        keys: "?",
        label: "help",
    },
    Hint {
        keys: "q",
        label: "leave the screen (quit from home)",
    },
    Hint {
        keys: "Ctrl-C",
        label: "quit from anywhere",
    },
];

/// The top line: where you are (`place`, after "Roundtable") and the rule set.
pub fn title_bar(frame: &mut Frame, area: Rect, place: &str, view: &View) {
    let left = format!(" Roundtable · {place}");
    let right = view
        .org
        .as_ref()
        .map_or(String::new(), |o| format!(" {} ", o.rule_set()));
    let right_width = u16::try_from(right.chars().count()).unwrap_or(0);
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_width)]).areas(area);
    let left = fit(&left, usize::from(left_area.width));
    frame.render_widget(Paragraph::new(left).style(theme::title()), left_area);
    frame.render_widget(Paragraph::new(right).style(theme::title()), right_area);
}

/// The most lines a status message takes; longer ones are cut.
const STATUS_LINES: usize = 3;

/// A status message wrapped to `width`, at most three lines.
pub fn status_lines(status: &Status, width: u16) -> Vec<Line<'static>> {
    let (text, style) = match status {
        Status::Info(t) => (t.as_str(), theme::info()),
        Status::Error(t) => (t.as_str(), theme::error()),
    };
    let mut lines = wrap(text, usize::from(width), " ", "   ");
    lines.truncate(STATUS_LINES);
    lines.into_iter().map(|l| Line::styled(l, style)).collect()
}

fn hint_spans(hint: &Hint) -> [Span<'static>; 3] {
    [
        Span::styled(hint.keys, theme::key()),
        Span::raw(" "),
        Span::raw(hint.label),
    ]
}

fn hint_width(hint: &Hint) -> usize {
    hint.keys.chars().count() + 1 + hint.label.chars().count()
}

/// Space between two hints.
const GAP: &str = "  ";
/// Marks hints left out for lack of room (they are all in the help overlay).
const MORE: &str = " …";

/// The keys that work now. `? help` is always drawn at the right end; the rest fill the line
/// from the left, and when they do not all fit, as many as fit are followed by "…".
pub fn hint_bar(frame: &mut Frame, area: Rect, hints: &[Hint]) {
    let (help, rest): (Vec<&Hint>, Vec<&Hint>) = hints.iter().partition(|h| h.keys == "?");
    let help_width = help.first().map_or(0, |h| hint_width(h) + 1);
    let [left, right] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(u16::try_from(help_width).unwrap_or(0)),
    ])
    .areas(area);
    let budget = usize::from(left.width);
    let total: usize = rest.iter().map(|h| hint_width(h)).sum::<usize>()
        + GAP.len() * rest.len().saturating_sub(1);
    let room = if total <= budget {
        budget
    } else {
        budget.saturating_sub(MORE.chars().count())
    };
    let mut spans = Vec::new();
    let mut used = 0;
    for (i, hint) in rest.iter().enumerate() {
        let gap = if i > 0 { GAP.len() } else { 0 };
        if used + gap + hint_width(hint) > room {
            spans.push(Span::styled(MORE, theme::muted()));
            break;
        }
        if i > 0 {
            spans.push(Span::raw(GAP));
        }
        spans.extend(hint_spans(hint));
        used += gap + hint_width(hint);
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), left);
    if let Some(h) = help.first() {
        let mut spans = vec![Span::raw(" ")];
        spans.extend(hint_spans(h));
        frame.render_widget(Paragraph::new(Line::from(spans)), right);
    }
}

/// A rectangle of at most `width` x `height`, centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

pub fn help_overlay(frame: &mut Frame, area: Rect, screen_keys: &[Hint]) {
    let popup = centered(area, 76, area.height);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::heading())
        .padding(Padding::horizontal(1))
        .title(" Keys · Esc or ? closes ");
    let width = usize::from(block.inner(popup).width);
    let key_width = 11;
    let mut lines = Vec::new();
    if !screen_keys.is_empty() {
        lines.push(Line::styled("On this screen", theme::heading()));
        let indent = " ".repeat(key_width);
        for hint in screen_keys {
            let keys = format!("{:<key_width$}", hint.keys);
            let texts = wrap(hint.label, width.saturating_sub(key_width), "", "");
            for (i, text) in texts.into_iter().enumerate() {
                let lead = if i == 0 {
                    Span::styled(keys.clone(), theme::key())
                } else {
                    Span::raw(indent.clone())
                };
                lines.push(Line::from(vec![lead, Span::raw(text)]));
            }
        }
    }
    lines.push(Line::styled("Everywhere", theme::heading()));
    let everywhere: Vec<String> = CONVENTIONS
        .iter()
        .map(|h| format!("{} {}", h.keys, h.label))
        .collect();
    lines.extend(
        wrap(&everywhere.join(" · "), width, "", "")
            .into_iter()
            .map(Line::raw),
    );
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let popup = centered(area, 76, height);
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

pub fn too_small(frame: &mut Frame, area: Rect) {
    let lines = vec![
        Line::styled("Terminal too small", theme::error()),
        Line::raw(format!(
            "{}x{} now; Roundtable needs {MIN_WIDTH}x{MIN_HEIGHT}.",
            area.width, area.height
        )),
        Line::styled(
            "Enlarge the window, or press Ctrl-C to quit.",
            theme::muted(),
        ),
    ];
    let rect = centered(area, area.width, 3);
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        rect,
    );
}
