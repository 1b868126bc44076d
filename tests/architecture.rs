//! The layers keep to their rules (DESIGN.md, "Layers"): the domain is pure, the ui only
//! draws, only the store touches SQLite and only the app runs tokio. A checker reads every
//! file of `src/`, test modules and grouped imports included; the tests below plant each kind
//! of violation in a made-up file to show the checker catches it.

#[path = "architecture/checker.rs"]
mod checker;
#[path = "architecture/tokens.rs"]
mod tokens;

use checker::{Violation, check};
use std::fs;
use std::path::Path;

/// Every `.rs` file under `dir`, with its path (`src/…`) and text.
fn sources(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("read source dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = fs::read_to_string(&path).expect("read source");
                out.push((path.display().to_string(), text));
            }
        }
    }
    assert!(!out.is_empty(), "no sources under {}", dir.display());
    out.sort();
    out
}

fn list(found: &[Violation]) -> String {
    found.iter().map(|v| format!("\n  {v}")).collect()
}

/// Fails unless checking `source` as the file `path` reports `forbids` for that file.
fn assert_reports(path: &str, source: &str, forbids: &str) -> Violation {
    let found = check(path, source);
    found
        .iter()
        .find(|v| v.file == path && v.forbids == forbids)
        .cloned()
        .unwrap_or_else(|| {
            panic!(
                "{forbids} planted in {path} was not reported; found:{}\nsource:\n{source}",
                list(&found)
            )
        })
}

fn assert_clean(path: &str, source: &str) {
    let found = check(path, source);
    assert!(found.is_empty(), "{path} reported:{}", list(&found));
}

#[test]
fn the_source_tree_keeps_its_layers() {
    let mut found = Vec::new();
    for (path, text) in sources(Path::new("src")) {
        found.extend(check(&path, &text));
    }
    assert!(found.is_empty(), "layer rules broken:{}", list(&found));
}

#[test]
fn every_module_says_what_it_owns() {
    for (path, text) in sources(Path::new("src")) {
        assert!(text.starts_with("//!"), "{path} has no //! header");
    }
}

/// One planted line per forbidden thing, each in its own file of the layer.
fn assert_each_reported(layer: &str, plants: &[(&str, &str)]) {
    for (i, (line, forbids)) in plants.iter().enumerate() {
        let path = format!("src/{layer}/planted_{i}.rs");
        let v = assert_reports(&path, &format!("//! Planted.\n{line}\n"), forbids);
        assert_eq!(v.line, 2, "{v}");
    }
}

#[test]
fn each_thing_the_domain_must_not_use_is_reported() {
    assert_each_reported(
        "domain",
        &[
            ("use ratatui::widgets::Paragraph;", "ratatui"),
            ("use crossterm::event::KeyCode;", "crossterm"),
            ("use rusqlite::Connection;", "rusqlite"),
            ("use tokio::sync::mpsc;", "tokio"),
            ("use futures::StreamExt;", "futures"),
            ("use std::fs;", "std::fs"),
            ("fn f() { let _ = File::open(\"x\"); }", "File::open"),
            ("fn f() -> T { chrono::Utc::now() }", "Utc::now"),
            ("fn f() -> T { Local::now() }", "Local::now"),
            (
                "fn f() { let _ = std::time::SystemTime::UNIX_EPOCH; }",
                "SystemTime",
            ),
            ("fn f() { let _ = Instant::now(); }", "Instant::now"),
            ("use crate::store::Store;", "crate::store"),
            ("use crate::app::App;", "crate::app"),
            ("use crate::ui::Screen;", "crate::ui"),
            ("use crate::export::Format;", "crate::export"),
        ],
    );
}

#[test]
fn each_thing_the_ui_must_not_use_is_reported() {
    assert_each_reported(
        "ui",
        &[
            ("use crate::store::Store;", "crate::store"),
            ("fn f(c: &rusqlite::Connection) {}", "rusqlite"),
            ("#[tokio::main] async fn f() {}", "tokio"),
            ("use crate::app::App;", "crate::app"),
            ("fn f() { std::fs::read(\"x\"); }", "std::fs"),
        ],
    );
}

#[test]
fn each_thing_the_store_must_not_use_is_reported() {
    assert_each_reported(
        "store",
        &[
            ("use ratatui::Frame;", "ratatui"),
            ("use crossterm::terminal;", "crossterm"),
            ("fn f() { tokio::spawn(async {}); }", "tokio"),
            ("use crate::app::App;", "crate::app"),
            ("use crate::ui::draw;", "crate::ui"),
        ],
    );
}

#[test]
fn each_thing_the_export_must_not_use_is_reported() {
    assert_each_reported(
        "export",
        &[
            ("use crate::store::Store;", "crate::store"),
            ("use crate::app::minutes;", "crate::app"),
            ("use crate::ui::Screen;", "crate::ui"),
            ("use rusqlite::params;", "rusqlite"),
            ("use tokio::fs;", "tokio"),
        ],
    );
}

#[test]
fn rusqlite_outside_the_store_and_tokio_outside_the_app_are_reported() {
    let v = assert_reports("src/cli.rs", "use rusqlite::Connection;", "rusqlite");
    assert_eq!(v.why, "store/ is the only rusqlite user");
    let v = assert_reports(
        "src/main.rs",
        "fn main() { tokio::runtime::Builder::new_current_thread(); }",
        "tokio",
    );
    assert_eq!(
        v.why,
        "app/ is the only tokio user (and store/postgres/, for its own runtime)"
    );
    assert_clean("src/store/x.rs", "use rusqlite::{Connection, params};");
    assert_clean("src/app/x.rs", "use tokio::sync::mpsc;");
}

#[test]
fn tokio_postgres_outside_store_postgres_and_tokio_elsewhere_in_the_store_are_reported() {
    for path in [
        "src/store/meetings.rs",
        "src/app/run.rs",
        "src/main.rs",
        "src/domain/x.rs",
    ] {
        let v = assert_reports(path, "use tokio_postgres::Client;", "tokio_postgres");
        assert_eq!(
            v.why, "store/postgres/ is the only tokio-postgres user",
            "{path}"
        );
    }
    assert_reports(
        "src/store/sql.rs",
        "fn f() { tokio::runtime::Builder::new_current_thread(); }",
        "tokio",
    );
    assert_clean(
        "src/store/postgres/session.rs",
        "use tokio::runtime::Runtime;\nuse tokio_postgres::{Client, NoTls};",
    );
    assert_clean(
        "src/store/postgres/mod.rs",
        "fn f() { tokio_postgres::connect(); }",
    );
    let v = assert_reports(
        "src/store/postgres/x.rs",
        "use rusqlite::Connection;",
        "rusqlite",
    );
    assert_eq!(v.why, "store/postgres/ is PostgreSQL's: no rusqlite");
    assert_reports(
        "src/store/postgres/x.rs",
        "use crate::app::App;",
        "crate::app",
    );
    assert_reports("src/store/postgres/x.rs", "use ratatui::Frame;", "ratatui");
}

#[test]
fn the_store_interfaces_name_no_database_library() {
    let v = assert_reports(
        "src/store/backend.rs",
        "pub trait MeetingLog { fn conn(&self) -> &rusqlite::Connection; }",
        "rusqlite",
    );
    assert_eq!(
        v.why,
        "the store's interfaces (store/backend.rs) name no database library"
    );
}

#[test]
fn a_violation_inside_a_test_module_is_reported() {
    let source = "//! Pure.\npub fn f() {}\n\n#[cfg(test)]\nmod tests {\n    use super::*;\n    use rusqlite::Connection;\n}\n";
    let v = assert_reports("src/domain/org/mod.rs", source, "rusqlite");
    assert_eq!(v.line, 7);
    assert!(
        v.to_string()
            .starts_with("src/domain/org/mod.rs:7: `rusqlite::Connection`"),
        "{v}"
    );
}

#[test]
fn a_store_import_inside_a_crate_group_is_reported() {
    let v = assert_reports(
        "src/ui/home.rs",
        "use crate::{domain, store::Store};",
        "crate::store",
    );
    assert_eq!(v.found, "crate::store::Store");
    assert_reports("src/ui/home.rs", "use crate::{store};", "crate::store");
    assert_reports(
        "src/ui/home.rs",
        "use crate::store::{self, Store};",
        "crate::store",
    );
}

#[test]
fn nested_groups_and_a_group_without_a_root_are_reported() {
    let v = assert_reports(
        "src/domain/x.rs",
        "use crate::{domain::{Org, ids::{A, B}}, app::{screens::{Screen as S}}};",
        "crate::app",
    );
    assert_eq!(v.found, "crate::app::screens::Screen");
    let v = assert_reports(
        "src/domain/x.rs",
        "use {std::io, rusqlite::Connection};",
        "rusqlite",
    );
    assert_eq!(v.found, "rusqlite::Connection");
    assert_reports(
        "src/domain/x.rs",
        "use std::{io, fs::{self, File}};",
        "std::fs",
    );
    assert_reports("src/domain/x.rs", "use ::rusqlite::Connection;", "rusqlite");
}

#[test]
fn extern_crate_is_reported() {
    let v = assert_reports(
        "src/domain/x.rs",
        "extern crate rusqlite as db;",
        "rusqlite",
    );
    assert_eq!(v.found, "::rusqlite");
}

#[test]
fn a_super_path_that_reaches_the_store_is_reported() {
    assert_reports(
        "src/ui/home.rs",
        "use super::super::store::Store;",
        "crate::store",
    );
    assert_reports(
        "src/ui/tactical/steps.rs",
        "fn f() { super::super::super::store::open(); }",
        "crate::store",
    );
    assert_reports("src/ui/mod.rs", "use super::store;", "crate::store");
    // In a test module of domain/x.rs, super is domain::x and three supers are the crate.
    let source = "mod tests {\n    use super::super::super::store::Store;\n}\n";
    assert_reports("src/domain/x.rs", source, "crate::store");
    assert_clean(
        "src/domain/x.rs",
        "mod tests {\n    use super::super::org::Role;\n}\n",
    );
    // In the crate root a plain path is the crate's own.
    assert_clean("src/ui/home.rs", "use super::view::View;");
}

#[test]
fn a_fully_qualified_path_in_an_expression_or_type_is_reported() {
    let v = assert_reports(
        "src/domain/x.rs",
        "fn f() { let c = ::rusqlite::Connection::open_in_memory(); }",
        "rusqlite",
    );
    assert_eq!(v.found, "::rusqlite::Connection::open_in_memory");
    assert_reports(
        "src/ui/x.rs",
        "fn f(s: &crate::store::Store) {}",
        "crate::store",
    );
    assert_reports(
        "src/export/x.rs",
        "fn f() -> Vec<crate::app::Action> { vec![] }",
        "crate::app",
    );
    assert_reports(
        "src/domain/x.rs",
        "fn f() { let t = self::super::super::ui::draw; }",
        "crate::ui",
    );
}

#[test]
fn a_clock_call_is_reported_however_it_is_named() {
    assert_reports(
        "src/domain/x.rs",
        "use chrono::Utc;\nfn f() -> D { Utc::now() }",
        "Utc::now",
    );
    assert_reports(
        "src/domain/x.rs",
        "fn f() -> D { chrono::offset::Local::now() }",
        "Local::now",
    );
    assert_reports(
        "src/domain/x.rs",
        "use std::time::{Duration, SystemTime};",
        "SystemTime",
    );
    assert_reports(
        "src/domain/x.rs",
        "fn f() { std::time::Instant::now(); }",
        "Instant::now",
    );
    assert_clean(
        "src/domain/x.rs",
        "fn f(now: DateTime<Utc>) -> NaiveDate { now.date_naive() }",
    );
}

#[test]
fn comments_strings_and_chars_that_mention_forbidden_things_are_not_reported() {
    let source = r####"//! Must not import: rusqlite, tokio, crate::store.
/// Unlike rusqlite::Connection, this is pure.
// use rusqlite::Connection;
/* use tokio::spawn; /* nested: crate::store::Store */ still a comment: std::fs */
const A: &str = "use rusqlite::Connection; Utc::now()";
const B: &str = r#"a "quoted" rusqlite::Connection"#;
const C: &[u8] = b"tokio::spawn";
const D: &str = r##"crate::store "# still inside"##;
const E: char = '"';
const F: char = '\'';
fn g<'a>(x: &'a str) -> &'a str { let _ = "\"rusqlite\""; x }
"####;
    assert_clean("src/domain/x.rs", source);
    assert_clean("src/ui/x.rs", "#[doc = \"see crate::store\"]\nfn f() {}");
}

#[test]
fn what_follows_a_tricky_literal_is_still_checked() {
    let source = "const E: char = '\"';\nconst S: &str = r#\"\"#;\nuse rusqlite::Connection;\n";
    let v = assert_reports("src/domain/x.rs", source, "rusqlite");
    assert_eq!(v.line, 3);
}
