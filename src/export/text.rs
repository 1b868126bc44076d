//! Minutes as plain text, 76 columns wide: the body of the e-mail.
//!
//! Owns: the plain layout (underlined headings, "- " bullets, tables as one line per row).
//! Must not import: rusqlite, ratatui, tokio.

use crate::domain::document::Block;
use crate::domain::text::wrap;

const WIDTH: usize = 76;

fn push_wrapped(out: &mut String, text: &str, first: &str, rest: &str) {
    for line in wrap(text, WIDTH, first, rest) {
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// The document as plain text, lines ending in `\n`.
pub fn render(doc: &[Block]) -> String {
    let mut out = String::new();
    for block in doc {
        match block {
            Block::Title(t) => {
                push_wrapped(&mut out, t, "", "");
                out.push_str(&"=".repeat(t.chars().count().min(WIDTH)));
                out.push('\n');
            }
            Block::Subtitle(t) | Block::Paragraph(t) | Block::Empty(t) => {
                push_wrapped(&mut out, t, "", "")
            }
            Block::Heading(t) => {
                out.push('\n');
                push_wrapped(&mut out, t, "", "");
                out.push_str(&"-".repeat(t.chars().count().min(WIDTH)));
                out.push('\n');
            }
            Block::Subheading(t) => {
                out.push('\n');
                push_wrapped(&mut out, t, "", "   ");
            }
            Block::Facts(facts) => {
                out.push('\n');
                for (k, v) in facts {
                    push_wrapped(&mut out, &format!("{k}: {v}"), "", "    ");
                }
            }
            Block::Bullets(items) => {
                for item in items {
                    push_wrapped(&mut out, item, "- ", "  ");
                }
            }
            Block::Table { head, rows } => {
                for row in rows {
                    let cells: Vec<String> = head
                        .iter()
                        .zip(row)
                        .enumerate()
                        .filter(|(_, (_, cell))| !cell.is_empty())
                        .map(|(i, (h, cell))| {
                            if i < 2 {
                                cell.clone()
                            } else {
                                format!("{}: {cell}", h.to_lowercase())
                            }
                        })
                        .collect();
                    push_wrapped(&mut out, &cells.join(" · "), "- ", "  ");
                }
            }
        }
    }
    out
}
