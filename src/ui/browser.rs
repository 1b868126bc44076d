//! The organisation browser: the tree of circles and roles, and the selected one's details.
//!
//! Owns: its layout. Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use super::details::{circle_lines, role_lines};
use super::list;
use super::theme;
use super::view::{BrowserState, TreeRow};
use super::wrap::fit;
use crate::domain::Organisation;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// Lines the detail pane scrolls per page.
pub const DETAIL_PAGE: u16 = 10;

pub fn draw(frame: &mut Frame, area: Rect, state: &BrowserState, org: &Organisation) {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(38), Constraint::Percentage(62)]).areas(area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border())
        .title(Span::styled(" Circles and roles ", theme::heading()));
    list::draw(
        frame,
        left,
        block,
        state.rows.len(),
        state.selected,
        |i, width| tree_line(org, state.rows[i], width),
    );

    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border())
        .title(Span::styled(" Details ", theme::heading()));
    let inner = block.inner(right);
    let width = usize::from(inner.width.saturating_sub(1));
    // Built down to a page below the last line shown: enough to page down once; what lies
    // further is built when it is scrolled to.
    let limit =
        usize::from(state.detail_scroll) + usize::from(inner.height) + usize::from(DETAIL_PAGE);
    let lines = match state.selected_row() {
        Some(TreeRow::Circle { id, .. }) => {
            org.circle(id).map(|c| circle_lines(org, c, width, limit))
        }
        Some(TreeRow::Role { id, .. }) => org.role(id).map(|r| role_lines(org, r, width, limit)),
        None => None,
    }
    .unwrap_or_else(|| vec![Line::styled("Nothing selected", theme::muted())]);
    // When the lines stopped at the limit, this is as far as the next page down goes.
    let max_scroll = lines.len().saturating_sub(usize::from(inner.height));
    let max_scroll = u16::try_from(max_scroll).unwrap_or(u16::MAX);
    state.detail_max_scroll.set(max_scroll);
    let scroll = state.detail_scroll.min(max_scroll);
    let block = if max_scroll > 0 {
        let more = if scroll < max_scroll {
            "PgDn more ▼"
        } else {
            "end ▲"
        };
        block.title_bottom(Line::styled(format!(" {more} "), theme::muted()).right_aligned())
    } else {
        block
    };
    let detail = Paragraph::new(lines).scroll((scroll, 0)).block(block);
    frame.render_widget(detail, right);
}

fn tree_line(org: &Organisation, row: TreeRow, width: usize) -> Line<'static> {
    match row {
        TreeRow::Circle {
            id,
            depth,
            collapsed,
        } => {
            let arrow = if collapsed { "▸" } else { "▾" };
            let name = org.circle(id).map_or("?", |c| c.name.as_str());
            let text = fit(&format!("{}{arrow} {name}", "  ".repeat(depth)), width);
            Line::styled(text, theme::strong())
        }
        TreeRow::Role { id, depth } => {
            let Some(role) = org.role(id) else {
                return Line::raw("?");
            };
            let style = if role.core.is_some() {
                theme::muted()
            } else {
                Style::new()
            };
            Line::styled(
                fit(&format!("{}  {}", "  ".repeat(depth), role.name), width),
                style,
            )
        }
    }
}
