//! Lists and texts taller than their box: a scrolling list that builds only the rows on
//! screen and follows the selection, a scrolled text, and the marks on a box's border that
//! say how much more there is above and below.
//!
//! Owns: the window arithmetic (which rows are visible for a selection), the "more" marks,
//! and drawing both. Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use super::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, List, ListState, Paragraph};
use unicode_width::UnicodeWidthStr;

/// The first visible row so that `selected` is on screen in a window of `height` rows.
pub fn window_start(selected: usize, len: usize, height: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    selected.saturating_sub(height - 1).min(len - height)
}

/// `block` with "↑ 3 more" on its top border when `above` rows are hidden above, and
/// "↓ 2 more" on its bottom border when `below` are hidden below.
pub fn more_marks(block: Block<'_>, above: usize, below: usize) -> Block<'_> {
    let mark = |arrow: &str, n: usize| {
        Line::styled(format!(" {arrow} {n} more "), theme::strong()).right_aligned()
    };
    let block = if above > 0 {
        block.title_top(mark("↑", above))
    } else {
        block
    };
    if below > 0 {
        block.title_bottom(mark("↓", below))
    } else {
        block
    }
}

/// Draws rows `[start, start + height)` of a list of `len`, making each with `row`, which is
/// given the row's index and the width it has. The window follows `selected`; the border
/// says how many rows are hidden above and below.
pub fn draw<'a>(
    frame: &mut Frame,
    area: Rect,
    block: Block<'a>,
    len: usize,
    selected: usize,
    row: impl Fn(usize, usize) -> Line<'a>,
) {
    let inner = block.inner(area);
    let inner_height = usize::from(inner.height);
    let start = window_start(selected, len, inner_height);
    let end = (start + inner_height).min(len);
    let marker = theme::selection_marker();
    let width = usize::from(inner.width).saturating_sub(marker.width());
    let items: Vec<Line<'a>> = (start..end).map(|i| row(i, width)).collect();
    let mut state = ListState::default().with_selected(Some(selected.saturating_sub(start)));
    let list = List::new(items)
        .block(more_marks(block, start, len - end))
        .highlight_style(theme::selected())
        .highlight_symbol(Line::raw(marker));
    frame.render_stateful_widget(list, area, &mut state);
}

/// Draws `lines` in `block` scrolled down by `scroll` (at most to where the last line is at
/// the bottom), with the "more" marks. Returns the furthest it can scroll.
pub fn draw_scrolled(
    frame: &mut Frame,
    area: Rect,
    block: Block<'_>,
    lines: Vec<Line<'_>>,
    scroll: u16,
) -> u16 {
    draw_window(frame, area, block, &lines, scroll)
}

/// The same as [`draw_scrolled`] for lines kept elsewhere: only the lines on screen are
/// copied into the frame.
pub fn draw_window(
    frame: &mut Frame,
    area: Rect,
    block: Block<'_>,
    lines: &[Line<'_>],
    scroll: u16,
) -> u16 {
    let height = usize::from(block.inner(area).height);
    let max = lines.len().saturating_sub(height);
    let from = usize::from(scroll).min(max);
    let to = (from + height).min(lines.len());
    let below = lines.len() - to;
    let block = more_marks(block, from, below);
    let paragraph = Paragraph::new(lines[from..to].to_vec()).block(block);
    frame.render_widget(paragraph, area);
    u16::try_from(max).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_list_starts_at_the_top() {
        assert_eq!(window_start(3, 5, 10), 0);
    }

    #[test]
    fn the_window_follows_the_selection_down_and_stops_at_the_end() {
        assert_eq!(window_start(9, 100, 10), 0);
        assert_eq!(window_start(10, 100, 10), 1);
        assert_eq!(window_start(99, 100, 10), 90);
    }

    #[test]
    fn a_zero_height_window_draws_nothing_and_does_not_panic() {
        assert_eq!(window_start(5, 10, 0), 0);
    }
}
