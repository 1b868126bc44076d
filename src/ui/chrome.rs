//! The parts around every screen: title bar, status line, hint bar, help overlay and the
//! "terminal too small" notice.
//!
//! Owns: their layout and text. Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use super::theme;
use super::view::{Hint, Status, View};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// The keys that work on every screen, for the help overlay.
const CONVENTIONS: [Hint; 6] = [
    Hint {
        keys: "↑ ↓  k j",
        label: "move",
    },
    Hint {
        keys: "Enter",
        label: "open or confirm",
    },
    Hint {
        keys: "Esc",
        label: "go back or cancel",
    },
    Hint {
        keys: "?",
        label: "this help",
    },
    Hint {
        keys: "q",
        label: "leave this screen (quits from home)",
    },
    Hint {
        keys: "Ctrl-C",
        label: "quit from anywhere",
    },
];

pub fn title_bar(frame: &mut Frame, area: Rect, screen_name: &str, view: &View) {
    let org = view.org.as_ref().map_or("", |o| o.name());
    let left = if org.is_empty() {
        format!(" Roundtable · {screen_name}")
    } else {
        format!(" Roundtable · {org} · {screen_name}")
    };
    let right = view
        .org
        .as_ref()
        .map_or(String::new(), |o| format!("{} ", o.rule_set()));
    frame.render_widget(Paragraph::new(left).style(theme::title()), area);
    frame.render_widget(
        Paragraph::new(right)
            .style(theme::title())
            .alignment(Alignment::Right),
        area,
    );
}

pub fn status_line(frame: &mut Frame, area: Rect, status: &Status) {
    let (text, style) = match status {
        Status::Info(t) => (t.as_str(), theme::info()),
        Status::Error(t) => (t.as_str(), theme::error()),
    };
    frame.render_widget(Paragraph::new(format!(" {text}")).style(style), area);
}

fn hint_spans(hint: &Hint) -> [Span<'static>; 3] {
    [
        Span::styled(hint.keys, theme::key()),
        Span::raw(" "),
        Span::raw(hint.label),
    ]
}

/// The keys that work now. `?` help is always drawn at the right end; the rest fill the line
/// from the left and are cut with "…" when they do not fit.
pub fn hint_bar(frame: &mut Frame, area: Rect, hints: &[Hint]) {
    let (help, rest): (Vec<&Hint>, Vec<&Hint>) = hints.iter().partition(|h| h.keys == "?");
    let help_width = help
        .first()
        .map_or(0, |h| h.keys.chars().count() + h.label.chars().count() + 2);
    let [left, right] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(help_width as u16)])
            .areas(area);
    let budget = usize::from(left.width).saturating_sub(1);
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (i, hint) in rest.iter().enumerate() {
        let width =
            hint.keys.chars().count() + hint.label.chars().count() + 1 + if i > 0 { 2 } else { 0 };
        if used + width > budget {
            spans.push(Span::styled(" …", theme::muted()));
            break;
        }
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.extend(hint_spans(hint));
        used += width;
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), left);
    if let Some(h) = help.first() {
        let mut spans = hint_spans(h).to_vec();
        spans.push(Span::raw(" "));
        frame.render_widget(
            Paragraph::new(Line::from(spans)).alignment(Alignment::Right),
            right,
        );
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
    let mut lines = vec![Line::styled("Everywhere", theme::heading())];
    let key_line = |h: &Hint| {
        Line::from(vec![
            Span::styled(format!("  {:<12}", h.keys), theme::key()),
            Span::raw(h.label),
        ])
    };
    lines.extend(CONVENTIONS.iter().map(key_line));
    if !screen_keys.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("On this screen", theme::heading()));
        lines.extend(screen_keys.iter().map(key_line));
    }
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let popup = centered(area, 64, height);
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::heading())
        .title(" Keys · Esc or ? closes ");
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        popup,
    );
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
