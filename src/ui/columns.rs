//! Rows laid out in columns so that the decisive part of a row (an answer, a status, a value,
//! a clock) is never cut off: those columns have a fixed width and are drawn whole, and the
//! columns of less important text share what is left, cut with "…" when too long. Every row
//! of a list built from the same widths is exactly as wide as the list, so its columns line
//! up from row to row.
//!
//! Owns: that arithmetic. Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use super::wrap::fit;
use ratatui::layout::Alignment;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// How wide a column is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Width {
    /// Exactly this many columns, whatever the row's width: for the decisive part.
    Fixed(usize),
    /// A share of what the fixed columns leave, in proportion to the weight, padded to it.
    Fill(usize),
    /// As wide as its text when there is room, else cut like a fill cell of this weight.
    Text(usize),
}

/// One cell of a row.
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub style: Style,
    pub width: Width,
    pub align: Alignment,
}

impl Cell {
    /// A cell of exactly `width` columns, its text on the left.
    pub fn fixed(text: impl Into<String>, width: usize, style: Style) -> Cell {
        Cell {
            text: text.into(),
            style,
            width: Width::Fixed(width),
            align: Alignment::Left,
        }
    }

    /// A cell sharing the room left with the other fill cells, by `weight`.
    pub fn fill(text: impl Into<String>, weight: usize, style: Style) -> Cell {
        Cell {
            text: text.into(),
            style,
            width: Width::Fill(weight),
            align: Alignment::Left,
        }
    }

    /// A cell as wide as its text, cut (by `weight`, with the others) only when the row is
    /// too narrow for every text.
    pub fn text(text: impl Into<String>, weight: usize, style: Style) -> Cell {
        Cell {
            text: text.into(),
            style,
            width: Width::Text(weight),
            align: Alignment::Left,
        }
    }

    /// The same cell with its text on the right.
    pub fn right(self) -> Cell {
        Cell {
            align: Alignment::Right,
            ..self
        }
    }
}

/// The width the widest of `texts` takes: what a fixed column must give them all.
pub fn widest<'a>(texts: impl IntoIterator<Item = &'a str>) -> usize {
    texts
        .into_iter()
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
}

/// A cell's spans: its text cut to `width` (with "…") in its style, and the plain padding
/// that makes it exactly `width` wide, on the side away from its alignment.
fn spans(cell: Cell, width: usize) -> [Span<'static>; 2] {
    let text = fit(&cell.text, width);
    let room = Span::raw(" ".repeat(width.saturating_sub(text.width())));
    let text = Span::styled(text, cell.style);
    match cell.align {
        Alignment::Right => [room, text],
        _ => [text, room],
    }
}

/// How wide each cell is drawn in a row `width` wide. Fixed cells get their width; the
/// others share what is left by weight, except that a text cell never gets more than its
/// text needs (what it leaves goes to the others).
fn widths(cells: &[Cell], width: usize) -> Vec<usize> {
    let fixed: usize = cells
        .iter()
        .map(|c| match c.width {
            Width::Fixed(w) => w,
            _ => 0,
        })
        .sum();
    let mut left = width.saturating_sub(fixed);
    let mut out: Vec<usize> = cells
        .iter()
        .map(|c| match c.width {
            Width::Fixed(w) => w,
            _ => 0,
        })
        .collect();
    let weight = |c: &Cell| match c.width {
        Width::Fill(w) | Width::Text(w) => w.max(1),
        Width::Fixed(_) => 0,
    };
    let mut open: Vec<usize> = (0..cells.len())
        .filter(|&i| weight(&cells[i]) > 0)
        .collect();
    // Text cells that need less than their share take what they need, until none does.
    loop {
        let weights: usize = open.iter().map(|&i| weight(&cells[i])).sum();
        let settled = open.iter().copied().find(|&i| {
            let share = (left * weight(&cells[i])).checked_div(weights).unwrap_or(0);
            matches!(cells[i].width, Width::Text(_)) && cells[i].text.width() <= share
        });
        match settled {
            Some(i) => {
                out[i] = cells[i].text.width();
                left -= out[i];
                open.retain(|&j| j != i);
            }
            None => break,
        }
    }
    let weights: usize = open.iter().map(|&i| weight(&cells[i])).sum();
    let mut given = 0;
    for (n, &i) in open.iter().enumerate() {
        out[i] = if n + 1 == open.len() {
            left - given
        } else {
            (left * weight(&cells[i])).checked_div(weights).unwrap_or(0)
        };
        given += out[i];
    }
    out
}

/// The cells as one line exactly `width` wide (or as wide as the fixed cells, if they take
/// more; narrower when text cells need less than the room).
pub fn row(cells: Vec<Cell>, width: usize) -> Line<'static> {
    let widths = widths(&cells, width);
    let spans: Vec<Span<'static>> = cells
        .into_iter()
        .zip(widths)
        .flat_map(|(cell, w)| spans(cell, w))
        .collect();
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_long_text_is_cut_and_the_fixed_column_stays_whole() {
        let line = row(
            vec![
                Cell::fill("Sourdough starters fed and logged", 1, Style::new()),
                Cell::fixed(" weekly", 7, Style::new()),
            ],
            20,
        );
        assert_eq!(text(&line), "Sourdough st… weekly");
    }

    #[test]
    fn rows_of_different_texts_line_up() {
        let a = row(
            vec![
                Cell::fixed("2050", 6, Style::new()).right(),
                Cell::fill(" Loaves baked", 1, Style::new()),
                Cell::fixed(" last", 5, Style::new()),
            ],
            30,
        );
        let b = row(
            vec![
                Cell::fixed("5.8", 6, Style::new()).right(),
                Cell::fill(" Waste", 1, Style::new()),
                Cell::fixed(" last", 5, Style::new()),
            ],
            30,
        );
        assert_eq!(text(&a).find("last"), text(&b).find("last"));
        assert_eq!(text(&a).width(), 30);
        assert!(text(&b).starts_with("   5.8"));
    }

    #[test]
    fn text_cells_take_what_they_need_and_give_the_rest_away() {
        let line = row(
            vec![
                Cell::text("Oven", 1, Style::new()),
                Cell::text("  owner Lucía Fernández", 1, Style::new()),
                Cell::fixed("  4:10", 6, Style::new()),
            ],
            30,
        );
        assert_eq!(text(&line), "Oven  owner Lucía Ferná…  4:10");
    }

    #[test]
    fn fill_cells_share_the_room_by_weight() {
        let line = row(
            vec![
                Cell::fill("aaaaaaaaaa", 1, Style::new()),
                Cell::fill("bbbbbbbbbb", 1, Style::new()),
            ],
            10,
        );
        assert_eq!(text(&line), "aaaa…bbbb…");
    }
}
