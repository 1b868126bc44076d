//! How deep an organisation file nests, measured on its TOML tokens before it is parsed, so
//! that a file nested thousands of levels deep is refused with its position instead of
//! overflowing the parser's stack.
//!
//! Owns: the nesting limits and the measure. Must not import: rusqlite, ratatui, crossterm,
//! tokio, std::fs.

use super::{CircleEntry, OrgFileError, line_and_column};
use toml_parser::parser::{EventReceiver, parse_document};
use toml_parser::{ErrorSink, Source, Span};

/// Circles nest at most this deep, the anchor circle counting as the first level.
pub const MAX_CIRCLE_DEPTH: usize = 1000;

/// At most this much nesting in the TOML itself: each key of a table header or a dotted
/// key counts one, each inline table or array one. A circle nested in table headers
/// (`[[circle.circles.circles]]`) costs one per level, written inline about three.
const MAX_NESTING: usize = 4 * MAX_CIRCLE_DEPTH + 16;

/// The nesting measure, fed by the TOML parser's events.
#[derive(Default)]
struct Nesting {
    in_header: bool,
    /// Keys of the current table header.
    header: usize,
    /// Keys of the key being read, until its value opens.
    pending: usize,
    /// The keys that led to each open inline table or array, innermost last.
    open: Vec<usize>,
    open_keys: usize,
    /// Where the limit was first passed.
    too_deep: Option<Span>,
}

impl Nesting {
    fn check(&mut self, span: Span) {
        let depth = self.header + self.open_keys + self.open.len() + self.pending;
        if depth > MAX_NESTING && self.too_deep.is_none() {
            self.too_deep = Some(span);
        }
    }

    fn open_header(&mut self) {
        *self = Nesting {
            in_header: true,
            too_deep: self.too_deep,
            ..Nesting::default()
        };
    }

    fn open_value(&mut self, span: Span) -> bool {
        self.open.push(self.pending);
        self.open_keys += self.pending;
        self.pending = 0;
        self.check(span);
        // Past the limit the parser goes no deeper (and so uses no more stack).
        self.too_deep.is_none()
    }

    fn close_value(&mut self) {
        if let Some(keys) = self.open.pop() {
            self.open_keys -= keys;
        }
    }
}

impl EventReceiver for Nesting {
    fn std_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.open_header();
    }
    fn std_table_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.in_header = false;
        self.check(span);
    }
    fn array_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.open_header();
    }
    fn array_table_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.in_header = false;
        self.check(span);
    }
    fn inline_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) -> bool {
        self.open_value(span)
    }
    fn inline_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.close_value();
    }
    fn array_open(&mut self, span: Span, _error: &mut dyn ErrorSink) -> bool {
        self.open_value(span)
    }
    fn array_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.close_value();
    }
    fn simple_key(
        &mut self,
        span: Span,
        _kind: Option<toml_parser::decoder::Encoding>,
        _error: &mut dyn ErrorSink,
    ) {
        if self.in_header {
            self.header += 1;
        } else {
            self.pending += 1;
        }
        self.check(span);
    }
    fn value_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.pending = 0;
    }
    fn newline(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.pending = 0;
    }
}

/// Refuses a text nested deeper than the parser can safely go, naming the place. Syntax
/// errors are left to the real parse, which reports them with their position.
pub fn check_nesting(text: &str) -> Result<(), OrgFileError> {
    let source = Source::new(text);
    let tokens = source.lex().into_vec();
    let mut nesting = Nesting::default();
    parse_document(&tokens, &mut nesting, &mut ());
    match nesting.too_deep {
        None => Ok(()),
        Some(span) => {
            let (line, column) = line_and_column(text, span.start());
            Err(OrgFileError::Syntax {
                line,
                column,
                message: format!(
                    "nested too deep (circles can nest at most {MAX_CIRCLE_DEPTH} levels)"
                ),
            })
        }
    }
}

/// Refuses circles nested more than [`MAX_CIRCLE_DEPTH`] levels, naming the first circle
/// too deep. Walks the tree without recursion.
pub fn check_circle_depth(anchor: &CircleEntry) -> Result<(), OrgFileError> {
    let mut stack = vec![(anchor, 1usize)];
    while let Some((circle, depth)) = stack.pop() {
        if depth > MAX_CIRCLE_DEPTH {
            return Err(OrgFileError::Invalid(format!(
                "circle \"{}\" is nested {depth} levels deep; circles can nest at most {MAX_CIRCLE_DEPTH} levels",
                super::clean_line(&circle.name)
            )));
        }
        stack.extend(circle.circles.iter().map(|c| (c, depth + 1)));
    }
    Ok(())
}
