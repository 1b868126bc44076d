//! A scrolling list that builds only the rows on screen.
//!
//! Owns: the window arithmetic (which rows are visible for a selection) and drawing it.
//! Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use super::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, List, ListState};

/// The first visible row so that `selected` is on screen in a window of `height` rows.
pub fn window_start(selected: usize, len: usize, height: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    selected.saturating_sub(height - 1).min(len - height)
}

/// Draws rows `[start, start + height)` of a list of `len`, making each with `row`, which is
/// given the row's index and the width it has.
pub fn draw<'a>(
    frame: &mut Frame,
    area: Rect,
    block: Block<'a>,
    len: usize,
    selected: usize,
    row: impl Fn(usize, usize) -> Line<'a>,
) {
    let inner_height = usize::from(block.inner(area).height);
    let start = window_start(selected, len, inner_height);
    let end = (start + inner_height).min(len);
    let width = usize::from(block.inner(area).width);
    let items: Vec<Line<'a>> = (start..end).map(|i| row(i, width)).collect();
    let mut state = ListState::default().with_selected(Some(selected.saturating_sub(start)));
    let list = List::new(items)
        .block(block)
        .highlight_style(theme::selected());
    frame.render_stateful_widget(list, area, &mut state);
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
