//! Minutes as Markdown: readable as plain text, rendered as headings, lists and tables.
//!
//! Owns: Markdown escaping, so that no user text can become markup (`*`, `|`, `#`, links,
//! HTML, or a list started by text like "1." or "-"), and the line breaks of a text of
//! several lines kept inside its paragraph, list item or table cell. Must not import: rusqlite, ratatui,
//! tokio.

use crate::domain::document::Block;

/// User text made inert inside a Markdown line (CommonMark and GitHub tables): every
/// character that can start inline markup is backslash-escaped, line breaks become spaces,
/// control characters go. Brackets are escaped, so parentheses can never form a link.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// As `escape`, for text that starts a line (a paragraph, a list item's content): a leading
/// "-", "+", "=" or "1." would otherwise start a list or a heading.
pub fn escape_line(text: &str) -> String {
    let mut out = escape(text);
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    }
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && (out[digits..].starts_with('.') || out[digits..].starts_with(')')) {
        out.insert(digits, '\\');
    }
    out
}

/// User text that may span lines (a policy of two paragraphs, a note), inert in Markdown:
/// each line escaped as `escape_line` does, so no line can start a list or a heading; a line
/// break becomes a hard break and a blank line a new paragraph, the lines after the first
/// indented by `indent` so that they stay inside a list item.
pub fn escape_lines(text: &str, indent: &str) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in text.split('\n') {
        if line.trim().is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\\\n" });
            out.push_str(indent);
        }
        blank = false;
        out.push_str(&escape_line(line));
    }
    out
}

/// A table cell: its lines joined by `<br>`, the one line break a GitHub table holds.
fn cell(text: &str) -> String {
    text.split('\n')
        .filter(|l| !l.trim().is_empty())
        .map(escape)
        .collect::<Vec<_>>()
        .join("<br>")
}

/// The document as Markdown.
pub fn render(doc: &[Block]) -> String {
    let mut out = String::new();
    for block in doc {
        match block {
            Block::Title(t) => out.push_str(&format!("# {}\n\n", escape(t))),
            Block::Subtitle(t) => out.push_str(&format!("{}\n\n", escape_line(t))),
            Block::Heading(t) => out.push_str(&format!("## {}\n\n", escape(t))),
            Block::Subheading(t) => out.push_str(&format!("### {}\n\n", escape(t))),
            Block::Paragraph(t) => out.push_str(&format!("{}\n\n", escape_lines(t, ""))),
            Block::Empty(t) => out.push_str(&format!("*{}*\n\n", escape(t))),
            Block::Facts(facts) => {
                for (k, v) in facts {
                    out.push_str(&format!("- **{}:** {}\n", escape(k), escape_lines(v, "  ")));
                }
                out.push('\n');
            }
            Block::Bullets(items) => {
                for item in items {
                    out.push_str(&format!("- {}\n", escape_lines(item, "  ")));
                }
                out.push('\n');
            }
            Block::Table { head, rows } => {
                let row = |cells: &[String]| {
                    let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
                    format!("| {} |\n", cells.join(" | "))
                };
                out.push_str(&row(head));
                out.push_str(&format!("|{}\n", "---|".repeat(head.len())));
                for r in rows {
                    out.push_str(&row(r));
                }
                out.push('\n');
            }
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_user_text_stays_text() {
        assert_eq!(
            escape("*bold* | [x](y) <script> #1"),
            "\\*bold\\* \\| \\[x\\](y) \\<script\\> \\#1"
        );
    }

    #[test]
    fn text_cannot_start_a_list_or_a_heading() {
        assert_eq!(escape_line("- item"), "\\- item");
        assert_eq!(escape_line("12. Point"), "12\\. Point");
        assert_eq!(escape_line("=== "), "\\=== ");
        assert_eq!(
            escape("1. Insurance"),
            "1. Insurance",
            "inside a heading it stays as typed"
        );
    }

    #[test]
    fn a_text_of_two_paragraphs_stays_in_its_list_item_and_starts_no_list() {
        assert_eq!(
            escape_lines(
                "Offer it to the food bank.\n- not a list\n\n# Weigh it",
                "  "
            ),
            "Offer it to the food bank.\\\n  \\- not a list\n\n  \\# Weigh it"
        );
        assert_eq!(cell("a|b\n\nc"), "a\\|b<br>c");
    }

    #[test]
    fn ordinary_text_is_left_readable() {
        assert_eq!(
            escape_line("Ask the dairy (by Friday), Zoë!"),
            "Ask the dairy (by Friday), Zoë!"
        );
    }
}
