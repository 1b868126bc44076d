//! Minutes as one self-contained HTML page: no external resources, a Content-Security-Policy
//! that forbids scripts, a print stylesheet for clean pages, every user text escaped.
//!
//! Owns: HTML escaping and the page's markup and style. The page is also well-formed XML
//! (void elements closed), so tests can parse it back. Must not import: rusqlite, ratatui,
//! tokio.

use crate::domain::document::Block;

/// Text safe inside HTML elements and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// Text that may span lines, escaped, its line breaks shown as breaks (a blank line as two).
pub fn escape_lines(text: &str) -> String {
    escape(text.trim_end_matches('\n')).replace('\n', "<br/>\n")
}

const STYLE: &str = "
body { font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', sans-serif; color: #1d1d1f; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.2rem; margin-top: 1.8rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 0.3rem; }
.subtitle, .empty { color: #555; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; }
th, td { border: 1px solid #ccc; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2, h3 { break-after: avoid; }
  table, tr, li { break-inside: avoid; }
  th { background: none; }
}
";

/// The document as an HTML page titled `title`.
pub fn render(doc: &[Block], title: &str) -> String {
    let mut body = String::new();
    for block in doc {
        match block {
            Block::Title(t) => body.push_str(&format!("<h1>{}</h1>\n", escape(t))),
            Block::Subtitle(t) => {
                body.push_str(&format!("<p class=\"subtitle\">{}</p>\n", escape(t)))
            }
            Block::Heading(t) => body.push_str(&format!("<h2>{}</h2>\n", escape(t))),
            Block::Subheading(t) => body.push_str(&format!("<h3>{}</h3>\n", escape(t))),
            Block::Paragraph(t) => body.push_str(&format!("<p>{}</p>\n", escape_lines(t))),
            Block::Empty(t) => body.push_str(&format!("<p class=\"empty\">{}</p>\n", escape(t))),
            Block::Facts(facts) => {
                body.push_str("<dl>\n");
                for (k, v) in facts {
                    body.push_str(&format!(
                        "<dt>{}</dt><dd>{}</dd>\n",
                        escape(k),
                        escape_lines(v)
                    ));
                }
                body.push_str("</dl>\n");
            }
            Block::Bullets(items) => {
                body.push_str("<ul>\n");
                for item in items {
                    body.push_str(&format!("<li>{}</li>\n", escape_lines(item)));
                }
                body.push_str("</ul>\n");
            }
            Block::Table { head, rows } => {
                body.push_str("<table>\n<thead><tr>");
                for h in head {
                    body.push_str(&format!("<th>{}</th>", escape(h)));
                }
                body.push_str("</tr></thead>\n<tbody>\n");
                for row in rows {
                    body.push_str("<tr>");
                    for cell in row {
                        body.push_str(&format!("<td>{}</td>", escape_lines(cell)));
                    }
                    body.push_str("</tr>\n");
                }
                body.push_str("</tbody>\n</table>\n");
            }
        }
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src 'none'\" />\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n\
         <meta name=\"generator\" content=\"Roundtable\" />\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lines_of_a_text_are_shown_as_lines() {
        assert_eq!(escape_lines("a<b\n\nc\n"), "a&lt;b<br/>\n<br/>\nc");
    }

    #[test]
    fn every_markup_character_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }

    #[test]
    fn the_page_forbids_scripts_and_loads_nothing_from_outside() {
        let page = render(&[Block::Title("T".into())], "T");
        assert!(page.contains("script-src 'none'"));
        assert!(page.contains("default-src 'none'"));
        assert!(
            !page.contains("http://") && !page.contains("https://") && !page.contains("src=\"")
        );
        assert!(page.contains("@media print"));
    }
}
