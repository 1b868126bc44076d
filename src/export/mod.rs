//! Exports: minutes as Markdown, HTML, JSON and e-mail; written to files atomically.
//!
//! Owns: choosing a format, rendering, default file names. Depends on `domain` only (and
//! the file system for writing). Must not import: rusqlite, ratatui, crossterm, tokio,
//! `crate::store`, `crate::app`, `crate::ui`.

pub mod email;
pub mod file;
pub mod html;
pub mod markdown;
pub mod org;
pub mod text;

use crate::domain::minutes::Minutes;
use chrono::{DateTime, FixedOffset};
use std::fmt;
use std::str::FromStr;

/// The formats minutes export to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown (`md`): readable as plain text, rendered as headings, lists and tables.
    Markdown,
    /// One self-contained HTML page (`html`), printable.
    Html,
    /// The minutes' model as JSON (`json`), for other programs.
    Json,
    /// An e-mail message (`eml`) a mail client opens as a draft to the attendees.
    Email,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Markdown, Format::Html, Format::Json, Format::Email];

    /// The file extension, which is also the name used on the command line.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
            Format::Email => "eml",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.extension() == s)
            .ok_or_else(|| format!("unknown format \"{s}\" (md, html, json or eml)"))
    }
}

/// The minutes in `format`, with times shown in `now`'s offset (the e-mail is dated `now`).
pub fn minutes(m: &Minutes, format: Format, now: DateTime<FixedOffset>) -> String {
    let doc = crate::domain::document::minutes_document(m, *now.offset());
    match format {
        Format::Markdown => markdown::render(&doc),
        Format::Html => html::render(
            &doc,
            &format!("Minutes: {} {}", m.circle, m.started_at.format("%Y-%m-%d")),
        ),
        // Serialising plain data with string keys cannot fail.
        Format::Json => serde_json::to_string_pretty(m).unwrap_or_default() + "\n",
        Format::Email => email::render(m, &text::render(&doc), now),
    }
}

/// The default file name of a meeting's minutes: date, circle, kind.
pub fn minutes_file_name(m: &Minutes, format: Format) -> String {
    let date = m.started_at.format("%Y-%m-%d").to_string();
    file::safe_file_name(
        &[&date, &m.circle, m.kind.id(), "minutes"],
        format.extension(),
    )
}
