//! Colours and text styles, in one place so every screen looks like the same program.
//!
//! Owns: the two palettes: colours, and a plain one without any colour for `NO_COLOR` and
//! dumb terminals (crossterm 0.29 sends a full reset with each colour change under
//! `NO_COLOR`, which would wipe reverse and bold; with no colours at all it sends none).
//! In the plain palette the selection is reverse and bold and carries a marker glyph, so
//! nothing on screen is told apart by colour alone.
//! Must not import: anything but ratatui's style types and `std`.

use ratatui::style::{Color, Modifier, Style};
use std::sync::atomic::{AtomicBool, Ordering};

pub const ACCENT: Color = Color::Cyan;

/// Whether the plain palette is in use. Set once at start-up, before the first frame.
static PLAIN: AtomicBool = AtomicBool::new(false);

/// Draws every following frame without colours (`true`) or with them.
pub fn use_plain(plain: bool) {
    PLAIN.store(plain, Ordering::Relaxed);
}

/// Whether frames are drawn without colours.
pub fn is_plain() -> bool {
    PLAIN.load(Ordering::Relaxed)
}

/// Whether the environment asks for no colours: `NO_COLOR` set to anything but the empty
/// string (see no-color.org), or `TERM=dumb`.
pub fn plain_wanted(no_color: Option<&str>, term: Option<&str>) -> bool {
    no_color.is_some_and(|v| !v.is_empty()) || term == Some("dumb")
}

/// What a selected row starts with: a marker in the plain palette, nothing with colours
/// (where the highlighted bar is marker enough).
pub fn selection_marker() -> &'static str {
    if is_plain() { "▶ " } else { "" }
}

/// `colour` in the colour palette, `plain` in the plain one.
fn pick(colour: Style, plain: Style) -> Style {
    if is_plain() { plain } else { colour }
}

const BOLD: Style = Style::new().add_modifier(Modifier::BOLD);
const REVERSED_BOLD: Style = Style::new()
    .add_modifier(Modifier::REVERSED)
    .add_modifier(Modifier::BOLD);
const NONE: Style = Style::new();

pub fn title() -> Style {
    pick(
        Style::new()
            .fg(Color::Black)
            .bg(ACCENT)
            .add_modifier(Modifier::BOLD),
        REVERSED_BOLD,
    )
}

pub fn heading() -> Style {
    pick(Style::new().fg(ACCENT).add_modifier(Modifier::BOLD), BOLD)
}

pub fn strong() -> Style {
    BOLD
}

pub fn muted() -> Style {
    pick(Style::new().fg(Color::Gray), NONE)
}

pub fn key() -> Style {
    pick(Style::new().fg(ACCENT).add_modifier(Modifier::BOLD), BOLD)
}

pub fn selected() -> Style {
    pick(
        Style::new()
            .fg(Color::Black)
            .bg(ACCENT)
            .add_modifier(Modifier::BOLD),
        REVERSED_BOLD,
    )
}

pub fn info() -> Style {
    pick(Style::new().fg(Color::Green), NONE)
}

pub fn error() -> Style {
    pick(
        Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        BOLD,
    )
}

pub fn warning() -> Style {
    pick(Style::new().fg(Color::Yellow), BOLD)
}

pub fn border() -> Style {
    pick(Style::new().fg(Color::DarkGray), NONE)
}

/// A line a change adds.
pub fn added() -> Style {
    pick(Style::new().fg(Color::Green), NONE)
}

/// A line a change takes out.
pub fn removed() -> Style {
    pick(Style::new().fg(Color::Red), NONE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_or_a_dumb_terminal_asks_for_the_plain_palette() {
        assert!(plain_wanted(Some("1"), Some("xterm-256color")));
        assert!(plain_wanted(None, Some("dumb")));
        assert!(!plain_wanted(Some(""), Some("xterm")));
        assert!(!plain_wanted(None, None));
    }
}
