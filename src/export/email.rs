//! Minutes as an RFC 5322 message (`.eml`) that a mail client opens as a draft: To the present
//! attendees with e-mail addresses, Cc the absent ones, a Subject with circle, kind and date,
//! and the plain-text minutes as its body.
//!
//! Owns: header encoding (RFC 2047 for non-ASCII), display names quoted per RFC 5322, address
//! checks, CRLF line endings.
//! Must not import: rusqlite, ratatui, tokio.

use crate::domain::minutes::{Minutes, Person};
use crate::domain::names::email_problem;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, FixedOffset};

/// Longest piece of text in one encoded word, in bytes (keeps each word under 75 characters).
const WORD_BYTES: usize = 45;

/// A header value: as is when plain ASCII, otherwise as RFC 2047 encoded words.
fn header_text(text: &str) -> String {
    if text.is_ascii() && !text.contains("=?") {
        return text.to_string();
    }
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        if chunk.len() + c.len_utf8() > WORD_BYTES {
            words.push(format!("=?utf-8?B?{}?=", STANDARD.encode(&chunk)));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(format!("=?utf-8?B?{}?=", STANDARD.encode(&chunk)));
    }
    words.join("\r\n ")
}

/// An address that cannot break out of its header: the one e-mail rule
/// (`names::email_problem`) holds for it.
fn plausible_address(email: &str) -> bool {
    email_problem(email).is_none()
}

/// A display name that stays one phrase whatever it holds: an RFC 5322 quoted-string (with
/// `"` and `\` escaped by a backslash), or RFC 2047 encoded words when it is not plain ASCII
/// or could be mistaken for encoded words. Commas, colons and angle brackets inside it then
/// cannot start another recipient or another header.
fn display_name(name: &str) -> String {
    if name.is_ascii() && !name.contains("=?") {
        let mut quoted = String::with_capacity(name.len() + 2);
        quoted.push('"');
        for c in name.chars() {
            if matches!(c, '"' | '\\') {
                quoted.push('\\');
            }
            quoted.push(c);
        }
        quoted.push('"');
        quoted
    } else {
        header_text(name)
    }
}

/// `Name <address>` for everyone with a plausible address.
fn mailbox_list(people: &[Person]) -> Option<String> {
    let boxes: Vec<String> = people
        .iter()
        .filter_map(|p| {
            let email = p.email.as_deref().filter(|e| plausible_address(e))?;
            Some(format!("{} <{email}>", display_name(&p.name)))
        })
        .collect();
    (!boxes.is_empty()).then(|| boxes.join(",\r\n "))
}

/// The message, CRLF line endings, composed at `now`.
pub fn render(m: &Minutes, body: &str, now: DateTime<FixedOffset>) -> String {
    let date = m.started_at.with_timezone(now.offset()).format("%-d %B %Y");
    let subject = format!("Minutes: {} {} meeting, {date}", m.circle, m.kind.id());
    let mut headers = vec![
        "From: Roundtable minutes <minutes@roundtable.invalid>".to_string(),
        format!("Date: {}", now.to_rfc2822()),
        format!("Subject: {}", header_text(&subject)),
        format!(
            "Message-ID: <minutes-{}-{}@roundtable.invalid>",
            m.meeting,
            now.timestamp()
        ),
        "MIME-Version: 1.0".to_string(),
        "Content-Type: text/plain; charset=utf-8".to_string(),
        "Content-Transfer-Encoding: 8bit".to_string(),
        // Opens as an unsent draft in mail clients that honour it.
        "X-Unsent: 1".to_string(),
    ];
    match mailbox_list(&m.attendees) {
        Some(to) => headers.insert(1, format!("To: {to}")),
        None => headers.insert(1, "To: undisclosed-recipients:;".to_string()),
    }
    if let Some(cc) = mailbox_list(&m.absentees) {
        headers.insert(2, format!("Cc: {cc}"));
    }
    let body: String = body.lines().map(|l| format!("{l}\r\n")).collect();
    format!("{}\r\n\r\n{body}", headers.join("\r\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_ascii_header_text_is_encoded_in_short_words() {
        let encoded =
            header_text("Minutes: Café Ølstue tactical meeting, 24 November 2026, a long subject");
        assert!(encoded.starts_with("=?utf-8?B?"));
        assert!(encoded.split("\r\n ").all(|w| w.len() <= 75), "{encoded}");
        assert_eq!(header_text("Plain"), "Plain");
    }

    #[test]
    fn display_names_are_quoted_strings_or_encoded_words() {
        assert_eq!(
            display_name("Mal \"Quote\", Bcc: x@y"),
            "\"Mal \\\"Quote\\\", Bcc: x@y\""
        );
        assert_eq!(display_name("a\\b"), "\"a\\\\b\"");
        assert!(display_name("Zoë, Bcc: x@y").starts_with("=?utf-8?B?"));
        assert!(display_name("=?utf-8?B?eA==?=").starts_with("=?utf-8?B?"));
    }

    #[test]
    fn addresses_that_could_inject_headers_are_left_out() {
        assert!(plausible_address("ana@example.org"));
        assert!(!plausible_address("ana@example.org>\r\nBcc: x@y"));
        assert!(!plausible_address("a b@c"));
        assert!(!plausible_address("nobody"));
    }
}
