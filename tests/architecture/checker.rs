//! The layer rules of DESIGN.md as data, and a checker over one file's path and text: every
//! path the code names (in `use` trees however grouped or nested, `extern crate`, fully
//! qualified paths in expressions and types, `self::`/`super::` resolved against the file's
//! module and its inline modules, test modules included) against the rules of its layer.
//!
//! Not seen: names brought in by a glob (`use crate::*; store::Store`) or a renamed crate
//! root (`use crate as c`); no code here does either.

use super::tokens::{Tok, Token, tokenize};
use std::fmt;

/// Something a layer must not name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Thing {
    /// An external crate: a path starting with it (`rusqlite::…`, `::rusqlite::…`).
    Crate(&'static str),
    /// One of our top-level modules, after resolving `crate::`, `self::` and `super::`.
    Module(&'static str),
    /// A path starting with these segments (`std::fs`).
    Prefix(&'static [&'static str]),
    /// These segments in a row anywhere in a path (`Utc::now`, `SystemTime`).
    Call(&'static [&'static str]),
}

/// One rule: what is forbidden, named as a maintainer would search for it, and why.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub forbids: &'static str,
    pub thing: Thing,
    pub why: &'static str,
}

/// A rule broken at a line of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub file: String,
    pub line: usize,
    pub forbids: &'static str,
    pub why: &'static str,
    /// The path as the code names it, groups expanded.
    pub found: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: `{}` uses {}: {}",
            self.file, self.line, self.found, self.forbids, self.why
        )
    }
}

const fn rule(forbids: &'static str, thing: Thing, why: &'static str) -> Rule {
    Rule {
        forbids,
        thing,
        why,
    }
}

const PURE: &str = "domain/ is pure: no terminal, database, runtime, file system or clock, \
                    nor crate::store, app, ui or export";
const DRAWS: &str = "ui/ only draws: no store, rusqlite, tokio, app or std::fs";
const STORE: &str = "store/ knows nothing of the terminal, the runtime, app or ui";
const EXPORT: &str = "export/ depends on the domain only: no store, app, ui, rusqlite or tokio";
const ONLY_STORE: &str = "store/ is the only rusqlite user";
const ONLY_APP: &str = "app/ is the only tokio user (and store/postgres/, for its own runtime)";
const ONLY_POSTGRES: &str = "store/postgres/ is the only tokio-postgres user";

const DOMAIN_RULES: &[Rule] = &[
    rule("ratatui", Thing::Crate("ratatui"), PURE),
    rule("crossterm", Thing::Crate("crossterm"), PURE),
    rule("rusqlite", Thing::Crate("rusqlite"), PURE),
    rule("tokio", Thing::Crate("tokio"), PURE),
    rule("futures", Thing::Crate("futures"), PURE),
    rule("std::fs", Thing::Prefix(&["std", "fs"]), PURE),
    rule("File::open", Thing::Call(&["File", "open"]), PURE),
    rule("Utc::now", Thing::Call(&["Utc", "now"]), PURE),
    rule("Local::now", Thing::Call(&["Local", "now"]), PURE),
    rule("SystemTime", Thing::Call(&["SystemTime"]), PURE),
    rule("Instant::now", Thing::Call(&["Instant", "now"]), PURE),
    rule("crate::store", Thing::Module("store"), PURE),
    rule("crate::app", Thing::Module("app"), PURE),
    rule("crate::ui", Thing::Module("ui"), PURE),
    rule("crate::export", Thing::Module("export"), PURE),
];

const UI_RULES: &[Rule] = &[
    rule("crate::store", Thing::Module("store"), DRAWS),
    rule("rusqlite", Thing::Crate("rusqlite"), DRAWS),
    rule("tokio", Thing::Crate("tokio"), DRAWS),
    rule("crate::app", Thing::Module("app"), DRAWS),
    rule("std::fs", Thing::Prefix(&["std", "fs"]), DRAWS),
    rule("File::open", Thing::Call(&["File", "open"]), DRAWS),
];

const STORE_RULES: &[Rule] = &[
    rule("ratatui", Thing::Crate("ratatui"), STORE),
    rule("crossterm", Thing::Crate("crossterm"), STORE),
    rule("tokio", Thing::Crate("tokio"), STORE),
    rule("crate::app", Thing::Module("app"), STORE),
    rule("crate::ui", Thing::Module("ui"), STORE),
];

const EXPORT_RULES: &[Rule] = &[
    rule("crate::store", Thing::Module("store"), EXPORT),
    rule("crate::app", Thing::Module("app"), EXPORT),
    rule("crate::ui", Thing::Module("ui"), EXPORT),
    rule("rusqlite", Thing::Crate("rusqlite"), EXPORT),
    rule("tokio", Thing::Crate("tokio"), EXPORT),
];

const NOT_STORE: Rule = rule("rusqlite", Thing::Crate("rusqlite"), ONLY_STORE);
const NOT_APP: Rule = rule("tokio", Thing::Crate("tokio"), ONLY_APP);
const NOT_POSTGRES: Rule = rule(
    "tokio_postgres",
    Thing::Crate("tokio_postgres"),
    ONLY_POSTGRES,
);
/// The PostgreSQL store owns a runtime for its connection; the rest of store/ runs none.
const POSTGRES_RULES: &[Rule] = &[
    rule("ratatui", Thing::Crate("ratatui"), STORE),
    rule("crossterm", Thing::Crate("crossterm"), STORE),
    rule("crate::app", Thing::Module("app"), STORE),
    rule("crate::ui", Thing::Module("ui"), STORE),
    rule(
        "rusqlite",
        Thing::Crate("rusqlite"),
        "store/postgres/ is PostgreSQL's: no rusqlite",
    ),
];
/// The store's interfaces are what every backend implements: no database library in them.
const INTERFACES: Rule = rule(
    "rusqlite",
    Thing::Crate("rusqlite"),
    "the store's interfaces (store/backend.rs) name no database library",
);

/// The module path of a file under `src/` (`src/domain/org/mod.rs` is `domain::org`), or
/// `None` for a file outside `src/`.
fn module_of(path: &str) -> Option<Vec<String>> {
    let inner = path.replace('\\', "/");
    let inner = inner.split_once("src/")?.1.strip_suffix(".rs")?;
    let mut parts: Vec<String> = inner.split('/').map(str::to_string).collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    Some(parts)
}

/// Every rule a file at `path` keeps: its layer's, and that only store/ uses rusqlite, only
/// app/ (and store/postgres/) tokio, and only store/postgres/ tokio-postgres.
pub fn rules_for(path: &str) -> Vec<Rule> {
    let module = module_of(path).unwrap_or_default();
    let layer = module.first().map_or("", String::as_str);
    let postgres = module.get(..2) == Some(&["store".to_string(), "postgres".to_string()][..]);
    let mut rules: Vec<Rule> = match layer {
        "store" if postgres => POSTGRES_RULES.to_vec(),
        "domain" => DOMAIN_RULES.to_vec(),
        "ui" => UI_RULES.to_vec(),
        "store" => STORE_RULES.to_vec(),
        "export" => EXPORT_RULES.to_vec(),
        _ => Vec::new(),
    };
    if module == ["store", "backend"] {
        rules.push(INTERFACES);
    }
    for (owner, global) in [("store", NOT_STORE), ("app", NOT_APP)] {
        let exempt = layer == owner || (postgres && global.thing == NOT_APP.thing);
        if !exempt && !rules.iter().any(|r| r.thing == global.thing) {
            rules.push(global);
        }
    }
    if !postgres {
        rules.push(NOT_POSTGRES);
    }
    rules
}

/// A path the code names: its segments as written (a leading `::` is the segment `::`).
#[derive(Debug)]
struct Named {
    segments: Vec<String>,
    line: usize,
    /// The module the path is written in, for `self` and `super`.
    module: Vec<String>,
}

impl Named {
    /// The segments with `crate`, `self` and `super` resolved to `crate::…`; other paths
    /// as written (an external crate, an import or a child module), except in the crate
    /// root where a plain path is `crate::…`.
    fn resolved(&self) -> Vec<String> {
        let s = &self.segments;
        let mut out = vec!["crate".to_string()];
        match s.first().map(String::as_str) {
            Some("crate") => out.extend(s[1..].iter().cloned()),
            Some("self" | "super") => {
                let mut module = self.module.clone();
                let relative = s.iter().take_while(|x| *x == "self" || *x == "super");
                for word in relative {
                    if word == "super" {
                        module.pop();
                    }
                }
                let rest = s.iter().skip_while(|x| *x == "self" || *x == "super");
                out.extend(module.into_iter().chain(rest.cloned()));
            }
            Some("::" | "Self") | None => return s.clone(),
            Some(_) if self.module.is_empty() => out.extend(s.iter().cloned()),
            Some(_) => return s.clone(),
        }
        out
    }

    fn breaks(&self, thing: Thing) -> bool {
        let plain: &[String] = match self.segments.first().map(String::as_str) {
            Some("::") => &self.segments[1..],
            _ => &self.segments,
        };
        match thing {
            Thing::Crate(name) => plain.first().is_some_and(|s| s == name),
            Thing::Module(name) => {
                let r = self.resolved();
                r.len() > 1 && r[0] == "crate" && r[1] == name
            }
            Thing::Prefix(prefix) => {
                plain.len() >= prefix.len() && plain.iter().zip(prefix).all(|(a, b)| a == b)
            }
            Thing::Call(run) => plain
                .windows(run.len())
                .any(|w| w.iter().zip(run).all(|(a, b)| a == b)),
        }
    }
}

/// Walks a file's tokens, keeping track of the inline module it is in.
struct Walk {
    toks: Vec<Token>,
    at: usize,
    depth: usize,
    file_module: Vec<String>,
    /// Inline modules entered: (name, brace depth inside them).
    inline: Vec<(String, usize)>,
    named: Vec<Named>,
}

impl Walk {
    fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i).map(|t| &t.tok)
    }

    fn ident(&self, i: usize) -> Option<&str> {
        match self.tok(i) {
            Some(Tok::Ident(s)) => Some(s),
            _ => None,
        }
    }

    fn line(&self, i: usize) -> usize {
        self.toks.get(i).or(self.toks.last()).map_or(0, |t| t.line)
    }

    fn module(&self) -> Vec<String> {
        let inline = self.inline.iter().map(|(n, _)| n.clone());
        self.file_module.iter().cloned().chain(inline).collect()
    }

    fn push(&mut self, segments: Vec<String>, line: usize) {
        let module = self.module();
        self.named.push(Named {
            segments,
            line,
            module,
        });
    }

    /// Every path of the file.
    fn run(mut self) -> Vec<Named> {
        while self.at < self.toks.len() {
            self.step();
        }
        self.named
    }

    fn step(&mut self) {
        let i = self.at;
        match self.tok(i) {
            Some(Tok::Punct('{')) => {
                self.depth += 1;
                self.at += 1;
            }
            Some(Tok::Punct('}')) => {
                self.depth = self.depth.saturating_sub(1);
                self.inline.retain(|(_, d)| *d <= self.depth);
                self.at += 1;
            }
            Some(Tok::Ident(w)) if w == "mod" => {
                if let (Some(name), Some(Tok::Punct('{'))) = (self.ident(i + 1), self.tok(i + 2)) {
                    let name = name.to_string();
                    self.depth += 1;
                    self.inline.push((name, self.depth));
                    self.at = i + 3;
                } else {
                    self.at += 1;
                }
            }
            Some(Tok::Ident(w)) if w == "use" => {
                self.at = i + 1;
                self.use_tree(Vec::new(), self.line(i));
                while !matches!(self.tok(self.at), Some(Tok::Punct(';')) | None) {
                    self.at += 1;
                }
            }
            Some(Tok::Ident(w)) if w == "extern" && self.ident(i + 1) == Some("crate") => {
                if let Some(name) = self.ident(i + 2) {
                    let segments = vec!["::".to_string(), name.to_string()];
                    self.push(segments, self.line(i));
                }
                self.at = i + 3;
            }
            Some(Tok::Ident(_) | Tok::PathSep) if self.starts_path(i) => self.expression_path(),
            _ => self.at += 1,
        }
    }

    /// Whether a path starts at `i`: not the tail of another path, a field or a method.
    fn starts_path(&self, i: usize) -> bool {
        let before = i.checked_sub(1).and_then(|b| self.tok(b));
        !matches!(before, Some(Tok::PathSep | Tok::Punct('.')))
    }

    /// A path in an expression, type, pattern or attribute: `a::b::c`, `::a::b`.
    fn expression_path(&mut self) {
        let line = self.line(self.at);
        let mut segments = Vec::new();
        if self.tok(self.at) == Some(&Tok::PathSep) {
            segments.push("::".to_string());
            self.at += 1;
        }
        while let Some(word) = self.ident(self.at) {
            segments.push(word.to_string());
            self.at += 1;
            if self.tok(self.at) == Some(&Tok::PathSep) && self.ident(self.at + 1).is_some() {
                self.at += 1;
            } else {
                break;
            }
        }
        if segments.last().is_some_and(|s| s != "::") {
            self.push(segments, line);
        } else {
            self.at += 1;
        }
    }

    /// One use tree after `prefix`: `a::b`, `a::{b, c::{d}}`, `{a, b}`, `::a`, `a::*`,
    /// `a as b`; each leaf becomes a path (`a::{self}` is `a`).
    fn use_tree(&mut self, prefix: Vec<String>, line: usize) {
        let mut path = prefix;
        if self.tok(self.at) == Some(&Tok::PathSep) {
            if path.is_empty() {
                path.push("::".to_string());
            }
            self.at += 1;
        }
        loop {
            match self.tok(self.at).cloned() {
                Some(Tok::Ident(word)) => {
                    let line = self.line(self.at);
                    self.at += 1;
                    if word != "self" || path.is_empty() {
                        path.push(word);
                    }
                    if self.tok(self.at) == Some(&Tok::PathSep) {
                        self.at += 1;
                        continue;
                    }
                    if self.ident(self.at) == Some("as") {
                        self.at += 2;
                    }
                    self.push(path, line);
                    return;
                }
                Some(Tok::Punct('{')) => {
                    self.at += 1;
                    self.use_group(&path, line);
                    return;
                }
                Some(Tok::Punct('*')) => {
                    self.at += 1;
                    self.push(path, line);
                    return;
                }
                _ => return,
            }
        }
    }

    /// After the `{` of a use group: each tree up to the matching `}`.
    fn use_group(&mut self, prefix: &[String], line: usize) {
        loop {
            match self.tok(self.at) {
                Some(Tok::Punct('}')) => {
                    self.at += 1;
                    return;
                }
                Some(Tok::Punct(',')) => self.at += 1,
                None | Some(Tok::Punct(';')) => return,
                _ => {
                    let before = self.at;
                    self.use_tree(prefix.to_vec(), line);
                    if self.at == before {
                        self.at += 1;
                    }
                }
            }
        }
    }
}

/// Every rule the file at `path` (relative, `src/…`) breaks in `source`, in order of lines.
pub fn check(path: &str, source: &str) -> Vec<Violation> {
    let rules = rules_for(path);
    let walk = Walk {
        toks: tokenize(source),
        at: 0,
        depth: 0,
        file_module: module_of(path).unwrap_or_default(),
        inline: Vec::new(),
        named: Vec::new(),
    };
    let mut out = Vec::new();
    for named in walk.run() {
        for r in rules.iter().filter(|r| named.breaks(r.thing)) {
            out.push(Violation {
                file: path.to_string(),
                line: named.line,
                forbids: r.forbids,
                why: r.why,
                found: named.segments.join("::").replacen("::::", "::", 1),
            });
        }
    }
    out
}
