//! The layers keep to their rules: the pure core and the drawing code import nothing they
//! must not, and only the store touches SQLite.

use std::fs;
use std::path::Path;

/// Every `.rs` file under `dir`, with its text.
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
    out
}

/// The code of a file without its `#[cfg(test)]` module and comments.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or(text);
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn assert_no(layer: &str, forbidden: &[&str]) {
    for (path, text) in sources(&Path::new("src").join(layer)) {
        let code = code(&text);
        for word in forbidden {
            assert!(
                !code.contains(word),
                "{path} uses {word}, which {layer}/ must not"
            );
        }
    }
}

#[test]
fn the_domain_is_pure() {
    assert_no(
        "domain",
        &[
            "rusqlite",
            "ratatui",
            "crossterm",
            "tokio",
            "std::fs",
            "SystemTime",
            "Local::now",
            "Utc::now",
            "crate::store",
            "crate::app",
            "crate::ui",
        ],
    );
}

#[test]
fn the_ui_only_draws() {
    assert_no(
        "ui",
        &["rusqlite", "tokio", "crate::store", "crate::app", "std::fs"],
    );
}

#[test]
fn the_store_knows_nothing_of_the_terminal() {
    assert_no(
        "store",
        &["ratatui", "crossterm", "tokio", "crate::app", "crate::ui"],
    );
}

#[test]
fn only_the_store_uses_sqlite_and_only_the_app_uses_tokio() {
    for (path, text) in sources(Path::new("src")) {
        let code = code(&text);
        if !path.contains("/store/") {
            assert!(!code.contains("rusqlite"), "{path} uses rusqlite");
        }
        if !path.contains("/app/") {
            assert!(!code.contains("tokio"), "{path} uses tokio");
        }
    }
}

#[test]
fn every_module_says_what_it_owns() {
    for (path, text) in sources(Path::new("src")) {
        assert!(text.starts_with("//!"), "{path} has no //! header");
    }
}
