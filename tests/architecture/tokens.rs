//! A small Rust tokenizer for the layer checker: identifiers, `::` and single punctuation
//! with their line numbers, and nothing of comments (line, block, nested, doc) or literals
//! (strings, raw strings, byte and C strings, chars, numbers). Lifetimes are dropped too.

/// One token of source code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    /// An identifier or keyword (`r#type` is `type`).
    Ident(String),
    /// `::`.
    PathSep,
    /// Any other punctuation character.
    Punct(char),
    /// A string, character or number literal, its text dropped.
    Literal,
}

/// A token and the line it starts on (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub tok: Tok,
    pub line: usize,
}

/// Walks the characters of a source text.
struct Cursor {
    chars: Vec<char>,
    at: usize,
    line: usize,
}

impl Cursor {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.at + ahead).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek(0)?;
        self.at += 1;
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    fn eat_while(&mut self, keep: impl Fn(char) -> bool) -> String {
        let mut out = String::new();
        while let Some(c) = self.peek(0).filter(|&c| keep(c)) {
            out.push(c);
            self.bump();
        }
        out
    }

    /// After `/*`: up to the matching `*/`, nested comments included.
    fn block_comment(&mut self) {
        let mut depth = 1;
        while depth > 0 {
            match (self.bump(), self.peek(0)) {
                (Some('/'), Some('*')) => {
                    self.bump();
                    depth += 1;
                }
                (Some('*'), Some('/')) => {
                    self.bump();
                    depth -= 1;
                }
                (None, _) => return,
                _ => {}
            }
        }
    }

    /// After the opening `"` of a string with escapes.
    fn string(&mut self) {
        while let Some(c) = self.bump() {
            match c {
                '\\' => {
                    self.bump();
                }
                '"' => return,
                _ => {}
            }
        }
    }

    /// At the `#`s or `"` after `r`, `br` or `cr`: the raw string up to its closing quote and
    /// as many `#`s.
    fn raw_string(&mut self) {
        let hashes = self.eat_while(|c| c == '#').len();
        if self.bump() != Some('"') {
            return;
        }
        while let Some(c) = self.bump() {
            if c == '"' && (0..hashes).all(|i| self.peek(i) == Some('#')) {
                for _ in 0..hashes {
                    self.bump();
                }
                return;
            }
        }
    }

    /// At a `'`: a character literal (dropped as a literal) or a lifetime or label (dropped).
    fn quote(&mut self) -> Option<Tok> {
        self.bump();
        let is_char = self.peek(0) == Some('\\') || self.peek(1) == Some('\'');
        if !is_char {
            self.eat_while(is_ident_char);
            return None;
        }
        while let Some(c) = self.bump() {
            match c {
                '\\' => {
                    self.bump();
                }
                '\'' => break,
                _ => {}
            }
        }
        Some(Tok::Literal)
    }

    /// A number: digits, letters (suffixes, hex, exponents), `_`, and a `.` before a digit.
    fn number(&mut self) {
        loop {
            self.eat_while(|c| c.is_alphanumeric() || c == '_');
            let fraction =
                self.peek(0) == Some('.') && self.peek(1).is_some_and(|c| c.is_ascii_digit());
            if !fraction {
                return;
            }
            self.bump();
        }
    }

    /// After an identifier: whether it prefixes a literal (`b"…"`, `r#"…"#`, `b'x'`, `c"…"`)
    /// or a raw identifier (`r#type`), and the token it makes.
    fn after_ident(&mut self, word: String) -> Option<Tok> {
        let next = self.peek(0);
        match (word.as_str(), next) {
            ("r" | "br" | "cr", Some('"')) => {
                self.raw_string();
                Some(Tok::Literal)
            }
            ("r" | "br" | "cr", Some('#')) if matches!(self.peek(1), Some('"' | '#')) => {
                self.raw_string();
                Some(Tok::Literal)
            }
            ("r", Some('#')) => {
                self.bump();
                Some(Tok::Ident(self.eat_while(is_ident_char)))
            }
            ("b" | "c", Some('"')) => {
                self.bump();
                self.string();
                Some(Tok::Literal)
            }
            ("b", Some('\'')) => self.quote().or(Some(Tok::Literal)),
            _ => Some(Tok::Ident(word)),
        }
    }
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The tokens of `source`, without comments, literal contents or lifetimes.
pub fn tokenize(source: &str) -> Vec<Token> {
    let mut cur = Cursor {
        chars: source.chars().collect(),
        at: 0,
        line: 1,
    };
    let mut out = Vec::new();
    while let Some(c) = cur.peek(0) {
        let line = cur.line;
        let tok = match c {
            _ if c.is_whitespace() => {
                cur.bump();
                None
            }
            '/' if cur.peek(1) == Some('/') => {
                cur.eat_while(|c| c != '\n');
                None
            }
            '/' if cur.peek(1) == Some('*') => {
                cur.bump();
                cur.bump();
                cur.block_comment();
                None
            }
            '"' => {
                cur.bump();
                cur.string();
                Some(Tok::Literal)
            }
            '\'' => cur.quote(),
            ':' if cur.peek(1) == Some(':') => {
                cur.bump();
                cur.bump();
                Some(Tok::PathSep)
            }
            _ if c.is_ascii_digit() => {
                cur.number();
                Some(Tok::Literal)
            }
            _ if is_ident_char(c) => {
                let word = cur.eat_while(is_ident_char);
                cur.after_ident(word)
            }
            _ => {
                cur.bump();
                Some(Tok::Punct(c))
            }
        };
        if let Some(tok) = tok {
            out.push(Token { tok, line });
        }
    }
    out
}
