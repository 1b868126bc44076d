//! The parts around every screen: title bar, status line, hint bar, help overlay and the
//! "terminal too small" notice.
//!
//! Owns: their layout and text. Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use super::list;
use super::theme;
use super::view::{ConnectionLost, Hint, Scroll, Status, View};
use super::wrap::{fit, wrap};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph, Wrap};
use std::borrow::Cow;

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// The keys that work on every screen, for the help overlay.
const CONVENTIONS: [Hint; 6] = [
    Hint {
        keys: "↑↓ k j",
        label: Cow::Borrowed("move"),
    },
    Hint {
        keys: "Enter",
        label: Cow::Borrowed("open or confirm"),
    },
    Hint {
        keys: "Esc",
        label: Cow::Borrowed("back or cancel"),
    },
    Hint {
        keys: "?",
        label: Cow::Borrowed("help"),
    },
    Hint {
        keys: "q",
        label: Cow::Borrowed(
            "leave the screen (quit from home; where you type, q is a letter and Esc leaves)",
        ),
    },
    Hint {
        keys: "Ctrl-C",
        label: Cow::Borrowed("quit from anywhere"),
    },
];

/// The top line: where you are (`place`, after "Roundtable" when there is room), who is at
/// the keyboard when named and there is room, and the rule set.
pub fn title_bar<S>(frame: &mut Frame, area: Rect, place: &str, view: &View<S>) {
    let left = format!(" Roundtable · {place}");
    let rules = view
        .org
        .as_ref()
        .map_or(String::new(), |o| format!(" {} ", o.rule_set()));
    let right = match view.actor.as_deref() {
        Some(name) => {
            let both = format!(" at the keyboard: {name} ·{rules}");
            let room = usize::from(area.width).saturating_sub(left.chars().count() + 1);
            if both.chars().count() <= room {
                both
            } else {
                rules
            }
        }
        None => rules,
    };
    let right_width = u16::try_from(right.chars().count()).unwrap_or(0);
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_width)]).areas(area);
    // Where narrow, the program's name goes before any of the place (a date, a name) is cut.
    let room = usize::from(left_area.width);
    let left = if unicode_width::UnicodeWidthStr::width(left.as_str()) > room {
        fit(&format!(" {place}"), room)
    } else {
        left
    };
    frame.render_widget(Paragraph::new(left).style(theme::title()), left_area);
    frame.render_widget(Paragraph::new(right).style(theme::title()), right_area);
}

/// The one line said while the store cannot be reached: what is wrong, that the program is
/// retrying by itself (nothing to do but wait) and that nothing typed is lost, then since
/// when and why. Where narrow, the longest of these sayings that fits, the why and the time
/// going first, so that what is wrong and what to do are never cut.
pub fn lost_line(lost: &ConnectionLost, width: u16) -> Line<'static> {
    let since = lost.since.with_timezone(&chrono::Local).format("%H:%M:%S");
    let room = usize::from(width);
    let sayings = [
        format!(
            " No connection to the server since {since}; retrying, nothing typed is lost ({})",
            lost.why
        ),
        format!(" No connection to the server since {since}; retrying, nothing typed is lost"),
        format!(" No connection to the server since {since}; retrying, nothing is lost"),
        " No connection to the server; retrying, nothing typed is lost".to_string(),
        " No connection to the server; retrying, nothing is lost".to_string(),
        " No connection to the server; retrying".to_string(),
        " No connection; retrying".to_string(),
    ];
    let text = sayings
        .iter()
        .find(|s| s.chars().count() <= room)
        .unwrap_or(&sayings[sayings.len() - 1]);
    Line::styled(fit(text, room), theme::error())
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
        Span::raw(hint.label.clone()),
    ]
}

fn hint_width(hint: &Hint) -> usize {
    hint.keys.chars().count() + 1 + hint.label.chars().count()
}

/// Space between two hints.
const GAP: usize = 2;
/// Marks that hints were left out for lack of room (they are all in the help overlay).
const MORE: &str = " …";

/// Which hints fit in `budget` columns, in the table's order (the current moment's keys
/// come first there): every one when they all fit; else each in turn that still fits in
/// the room left beside the "…" mark. Returns the indexes kept and whether any was left out.
fn fitting(hints: &[&Hint], budget: usize) -> (Vec<usize>, bool) {
    let total: usize =
        hints.iter().map(|h| hint_width(h)).sum::<usize>() + GAP * hints.len().saturating_sub(1);
    if total <= budget {
        return ((0..hints.len()).collect(), false);
    }
    let room = budget.saturating_sub(MORE.chars().count());
    let mut kept = Vec::new();
    let mut used = 0;
    for (i, hint) in hints.iter().enumerate() {
        let gap = if kept.is_empty() { 0 } else { GAP };
        if used + gap + hint_width(hint) <= room {
            used += gap + hint_width(hint);
            kept.push(i);
        }
    }
    (kept, true)
}

/// The keys that work now. The `?` key is always drawn at the right end; the rest fill the
/// line from the left in the table's order. When they do not all fit, those that fit are
/// followed by "…" and the right end reads `? more`: the help overlay lists them all.
pub fn hint_bar(frame: &mut Frame, area: Rect, hints: &[Hint]) {
    let (help, rest): (Vec<&Hint>, Vec<&Hint>) = hints.iter().partition(|h| h.keys == "?");
    let help_width = help.first().map_or(0, |h| hint_width(h) + 1);
    let [left, right] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(u16::try_from(help_width).unwrap_or(0)),
    ])
    .areas(area);
    let (kept, cut) = fitting(&rest, usize::from(left.width));
    let mut spans = Vec::new();
    for (n, &i) in kept.iter().enumerate() {
        if n > 0 {
            spans.push(Span::raw(" ".repeat(GAP)));
        }
        spans.extend(hint_spans(rest[i]));
    }
    if cut {
        spans.push(Span::styled(MORE, theme::strong()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), left);
    if let Some(h) = help.first() {
        let shown = if cut {
            Hint {
                keys: h.keys,
                label: Cow::Borrowed("more"),
            }
        } else {
            (*h).clone()
        };
        let mut spans = vec![Span::raw(" ")];
        spans.extend(hint_spans(&shown));
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

/// Clears what a pop-up at `rect` covers and a margin of one cell around it (as far as
/// `within`, the area it was placed in, allows), so no letter of the screen beneath shows at its edges, and a wide
/// character beneath cannot reach over its border.
pub fn clear_for_popup(frame: &mut Frame, rect: Rect, within: Rect) {
    let margin = Rect {
        x: rect.x.saturating_sub(1),
        y: rect.y.saturating_sub(1),
        width: rect.width.saturating_add(2),
        height: rect.height.saturating_add(2),
    }
    .intersection(within);
    frame.render_widget(Clear, margin);
}

/// The `?` overlay: the keys of this screen, then those that work everywhere. Taller than
/// the screen, it scrolls (`scroll`), and its border says what is above and below.
pub fn help_overlay(frame: &mut Frame, area: Rect, screen_keys: &[Hint], scroll: &Scroll) {
    let popup = centered(area, 76, area.height);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::heading())
        .padding(Padding::horizontal(1))
        .title(" Keys · Esc or ? closes ");
    let width = usize::from(block.inner(popup).width);
    let lines = help_lines(screen_keys, width);
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let popup = centered(area, 76, height);
    clear_for_popup(frame, popup, area);
    let max = list::draw_scrolled(frame, popup, block, lines, scroll.offset);
    scroll.max.set(max);
}

/// The overlay's lines for a text `width` wide.
fn help_lines(screen_keys: &[Hint], width: usize) -> Vec<Line<'static>> {
    let key_width = 11;
    let mut lines = Vec::new();
    if !screen_keys.is_empty() {
        lines.push(Line::styled("On this screen", theme::heading()));
        let indent = " ".repeat(key_width);
        for hint in screen_keys {
            let keys = format!("{:<key_width$}", hint.keys);
            let texts = wrap(&hint.label, width.saturating_sub(key_width), "", "");
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
    lines
}

pub fn too_small(frame: &mut Frame, area: Rect) {
    let lines = vec![
        Line::styled("Terminal too small", theme::error()),
        Line::raw(format!(
            "{}x{} now; Roundtable needs {MIN_WIDTH}x{MIN_HEIGHT}.",
            area.width, area.height
        )),
        Line::styled("Enlarge the window; Ctrl-C quits.", theme::muted()),
    ];
    let rect = centered(area, area.width, 3);
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        rect,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What is wrong and what happens (the program retries, nothing is lost) stay whole at
    /// every width; since when and why come after and go first.
    #[test]
    fn the_lost_line_keeps_what_is_wrong_and_what_to_do_whole_when_narrow() {
        let lost = ConnectionLost {
            since: chrono::Utc::now(),
            why: "connection refused by 127.0.0.1:5432".into(),
        };
        let said = |width: u16| -> String {
            lost_line(&lost, width)
                .spans
                .iter()
                .map(|s| s.content.to_string())
                .collect()
        };
        assert!(
            said(120).ends_with("nothing typed is lost (connection refused by 127.0.0.1:5432)")
        );
        assert_eq!(
            said(60),
            " No connection to the server; retrying, nothing is lost"
        );
        assert!(
            said(80).contains("retrying, nothing typed is lost"),
            "{}",
            said(80)
        );
        assert_eq!(said(30), " No connection; retrying");
        for width in 24..=200 {
            let line = said(width);
            assert!(
                line.chars().count() <= usize::from(width),
                "{width}: {line}"
            );
            assert!(!line.contains('…'), "{width}: nothing cut: {line}");
        }
    }
}
