//! What the program writes to the terminal (`app::output::Output`) shows the same screens as
//! ratatui's crossterm backend, frame after frame, read back through a terminal emulator; and
//! a typed character costs its cell, not a fixed reset on every frame.

mod common;

use common::Harness;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use roundtable::app::output::Output;
use std::cell::RefCell;
use std::io::Write;
use std::num::NonZeroU16;
use std::rc::Rc;

/// A writer whose bytes are kept for the test to read.
#[derive(Clone, Default)]
struct Written(Rc<RefCell<Vec<u8>>>);

impl Write for Written {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Written {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut self.0.borrow_mut())
    }
}

/// A terminal of `cols` x `rows` on `backend`, without asking a real terminal its size.
fn terminal<B: Backend>(backend: B, cols: u16, rows: u16) -> Terminal<B> {
    let viewport = Viewport::Fixed(Rect::new(0, 0, cols, rows));
    Terminal::with_options(backend, TerminalOptions { viewport })
        .unwrap_or_else(|_| panic!("a terminal"))
}

fn emulator(cols: u16, rows: u16) -> vt100::Parser {
    let n = |v: u16| NonZeroU16::new(v).expect("a size");
    vt100::Parser::new(n(rows), n(cols), 0)
}

/// What a user sees: every cell with its colours and attributes, the cursor and whether it
/// is shown.
fn seen(parser: &vt100::Parser) -> (String, (u16, u16), bool) {
    let screen = parser.screen();
    (
        screen.contents_formatted(),
        screen.cursor_position(),
        screen.hide_cursor(),
    )
}

/// Both backends side by side, drawing the same frames into two emulators.
struct Pair {
    ours: (Terminal<Output<Written>>, Written, vt100::Parser),
    theirs: (Terminal<CrosstermBackend<Written>>, Written, vt100::Parser),
}

impl Pair {
    fn new(cols: u16, rows: u16) -> Pair {
        let (a, b) = (Written::default(), Written::default());
        Pair {
            ours: (
                terminal(Output::new(a.clone()), cols, rows),
                a,
                emulator(cols, rows),
            ),
            theirs: (
                terminal(CrosstermBackend::new(b.clone()), cols, rows),
                b,
                emulator(cols, rows),
            ),
        }
    }

    /// Draws the app's frame on both; returns the bytes each wrote (ours, theirs).
    fn draw(&mut self, h: &Harness, what: &str) -> (usize, usize) {
        let view = h.app.view();
        self.draw_with(what, |f| roundtable::ui::draw(f, view))
    }

    /// Draws the frame `render` makes on both; returns the bytes each wrote.
    fn draw_with(&mut self, what: &str, render: impl Fn(&mut ratatui::Frame)) -> (usize, usize) {
        let (t, w, p) = &mut self.ours;
        t.draw(&render).expect("draw");
        let ours = w.take();
        p.process(&ours);
        let (t, w, p) = &mut self.theirs;
        t.draw(&render).expect("draw");
        let theirs = w.take();
        p.process(&theirs);
        assert!(
            seen(&self.ours.2) == seen(&self.theirs.2),
            "{what}: the screens differ; ours:\n{}\ntheirs:\n{}",
            self.ours.2.screen().contents(),
            self.theirs.2.screen().contents()
        );
        (ours.len(), theirs.len())
    }
}

#[test]
fn every_frame_shows_what_ratatuis_crossterm_backend_shows() {
    for (cols, rows) in [(80, 24), (200, 50), (60, 16)] {
        let mut h = Harness::demo();
        let mut pair = Pair::new(cols, rows);
        pair.draw(&h, "home");
        h.press(KeyCode::Char('?'));
        pair.draw(&h, "help over home");
        h.press(KeyCode::Esc).press(KeyCode::Enter);
        pair.draw(&h, "browser");
        for _ in 0..6 {
            h.press(KeyCode::Down);
            pair.draw(&h, "browser, moved down");
        }
        h.press(KeyCode::Esc);
        pair.draw(&h, "home again");
        h.start_tactical(0, &[]);
        pair.draw(&h, "tactical check-in");
        for _ in 0..4 {
            h.press(KeyCode::Char('>'));
            pair.draw(&h, "the next step");
        }
        h.press(KeyCode::Char('a'));
        pair.draw(&h, "the agenda prompt");
        for c in "Ovén ✓ 受付".chars() {
            h.press(KeyCode::Char(c));
            pair.draw(&h, "a character typed");
        }
        h.press(KeyCode::Backspace).press(KeyCode::Esc);
        pair.draw(&h, "the prompt closed");
    }
}

#[test]
fn scattered_plain_bold_and_wide_changes_show_alike() {
    use ratatui::style::{Color, Style};
    use ratatui::text::{Line, Span};
    use ratatui::widgets::Paragraph;
    let lines = |words: &[(&str, Style)]| {
        let line = Line::from(
            words
                .iter()
                .map(|(w, s)| Span::styled(w.to_string(), *s))
                .collect::<Vec<_>>(),
        );
        Paragraph::new(vec![line.clone(), Line::from("plain row"), line])
    };
    type Frame = (&'static str, Vec<(&'static str, Style)>, Option<(u16, u16)>);
    let frames: Vec<Frame> = vec![
        (
            "styled",
            vec![
                ("red", Style::new().fg(Color::Red)),
                (" then plain", Style::new()),
            ],
            None,
        ),
        (
            "plain, scattered",
            vec![("rod", Style::new()), (" then plein", Style::new())],
            Some((3, 0)),
        ),
        (
            "bold only",
            vec![("rod", Style::new().bold()), (" then plein", Style::new())],
            Some((3, 0)),
        ),
        (
            "wide",
            vec![("受付✓", Style::new()), (" x", Style::new())],
            Some((8, 2)),
        ),
        (
            "plain again",
            vec![("ab", Style::new()), ("   x", Style::new())],
            None,
        ),
    ];
    let mut pair = Pair::new(20, 4);
    for (what, words, cursor) in frames {
        pair.draw_with(what, |f| {
            f.render_widget(lines(&words), f.area());
            if let Some((x, y)) = cursor {
                f.set_cursor_position((x, y));
            }
        });
    }
}

#[test]
fn a_typed_character_writes_its_cell_and_little_else() {
    let mut h = Harness::demo();
    h.start_tactical(0, &[]);
    for _ in 0..4 {
        h.press(KeyCode::Char('>'));
    }
    h.press(KeyCode::Char('a')).type_str("Suppl");
    let mut pair = Pair::new(80, 24);
    let (full, _) = pair.draw(&h, "the agenda prompt");
    h.press(KeyCode::Char('y'));
    let (ours, theirs) = pair.draw(&h, "a character typed");
    // The cell moved to and its character; the crossterm backend adds 19 bytes of resets,
    // 6 to show the shown cursor and 7 to move it where it already is.
    assert!(ours <= 10, "{ours} bytes written for one character");
    assert!(theirs > ours, "the crossterm backend wrote {theirs}");
    assert!(
        ours * 100 <= full,
        "{ours} bytes for a character against {full} for the whole screen: above 1 %"
    );
}
