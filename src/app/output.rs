//! What the program writes to the terminal: ratatui's crossterm backend, without the bytes it
//! repeats on every frame when they change nothing on screen.
//!
//! Owns: [`Output`], a ratatui `Backend` that remembers whether the cursor is shown and where
//! the terminal's cursor is. A frame whose changed cells are all unstyled is written as
//! moves and text alone (the crossterm backend ends every frame, even an empty one, by
//! resetting colours and attributes, 19 bytes); showing or hiding a cursor already shown or
//! hidden, and moving it where it already is, write nothing. Styled cells are written by the
//! crossterm backend itself. Must not import: rusqlite, `crate::store`.

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::cursor::MoveTo;
use ratatui::crossterm::queue;
use ratatui::crossterm::style::Print;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use std::io::{self, Write};

/// The terminal's output, for a ratatui `Terminal`.
pub struct Output<W: Write> {
    writer: W,
    /// Whether the cursor is shown; `None` when not known (at first, after a clear).
    cursor_shown: Option<bool>,
    /// Where the terminal's cursor is, when known.
    at: Option<Position>,
}

impl<W: Write> Output<W> {
    pub fn new(writer: W) -> Output<W> {
        Output {
            writer,
            cursor_shown: None,
            at: None,
        }
    }

    /// Forgets what is known of the terminal (after anything else wrote to it).
    pub fn forget(&mut self) {
        self.cursor_shown = None;
        self.at = None;
    }

    /// The crossterm backend on the same writer, for what this one writes as it does.
    fn crossterm(&mut self) -> CrosstermBackend<&mut W> {
        CrosstermBackend::new(&mut self.writer)
    }
}

/// A cell drawn in the terminal's own colours, without attributes: what the terminal is left
/// at after every frame, so it needs no setting and no reset.
fn plain(cell: &Cell) -> bool {
    cell.fg == Color::Reset
        && cell.bg == Color::Reset
        && cell.underline_color == Color::Reset
        && cell.modifier == Modifier::empty()
}

impl<W: Write> Backend for Output<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let cells: Vec<(u16, u16, &Cell)> = content.collect();
        let Some(&(x, y, last)) = cells.last() else {
            return Ok(());
        };
        // After one ASCII character the cursor stands just right of it; after a wider one
        // where it stands depends on the terminal.
        self.at = (last.symbol().len() == 1).then(|| Position::new(x.saturating_add(1), y));
        if !cells.iter().all(|(_, _, cell)| plain(cell)) {
            return self.crossterm().draw(cells.into_iter());
        }
        let mut next: Option<Position> = None;
        for (x, y, cell) in cells {
            if next != Some(Position::new(x, y)) {
                queue!(self.writer, MoveTo(x, y))?;
            }
            next = Some(Position::new(x.saturating_add(1), y));
            queue!(self.writer, Print(cell.symbol()))?;
        }
        Ok(())
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.at = None;
        self.crossterm().append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_shown != Some(false) {
            self.crossterm().hide_cursor()?;
            self.cursor_shown = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_shown != Some(true) {
            self.crossterm().show_cursor()?;
            self.cursor_shown = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.crossterm().get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let position = position.into();
        if self.at != Some(position) {
            self.crossterm().set_cursor_position(position)?;
            self.at = Some(position);
        }
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.forget();
        self.crossterm().clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.forget();
        self.crossterm().clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        ratatui::crossterm::terminal::size().map(|(width, height)| Size { width, height })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.crossterm().window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}
