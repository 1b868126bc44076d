//! Word wrapping with a hanging indent, by display width (wide characters count double).
//!
//! Owns: breaking one text into lines that fit a width. Must not import: rusqlite, tokio.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Greedy word wrap of `text` into lines of at most `width` columns, the first starting with
/// `first` and the rest with `rest`. Words longer than a line are cut. A width too narrow
/// for the prefixes still gives one word per line rather than nothing.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_string();
    let mut empty = true;
    for word in text.split_whitespace() {
        let room = width.saturating_sub(line.width());
        let needed = word.width() + usize::from(!empty);
        if !empty && needed > room {
            lines.push(std::mem::replace(&mut line, rest.to_string()));
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        let avail = width.saturating_sub(line.width()).max(1);
        if word.width() > avail && empty {
            // A word longer than the line: cut it into pieces that fit.
            let mut used = 0;
            for c in word.chars() {
                let w = c.width().unwrap_or(0);
                if used > 0 && line.width() + w > width {
                    lines.push(std::mem::replace(&mut line, rest.to_string()));
                    used = 0;
                }
                line.push(c);
                used += w;
            }
        } else {
            line.push_str(word);
        }
        empty = false;
    }
    if !empty || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// "1 role", "3 roles": a count with its noun.
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// `text` cut to at most `width` columns, ending in "…" when something was cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuation_lines_get_the_hanging_indent() {
        let lines = wrap(
            "Planning each night's bake from the orders",
            20,
            "  • ",
            "    ",
        );
        assert_eq!(
            lines,
            [
                "  • Planning each",
                "    night's bake",
                "    from the orders"
            ]
        );
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut_not_lost() {
        let lines = wrap("abcdefghij", 6, "> ", "  ");
        assert_eq!(lines, ["> abcd", "  efgh", "  ij"]);
    }

    #[test]
    fn wide_characters_count_double() {
        let lines = wrap("面包 面包 面包", 9, "", "");
        assert_eq!(lines, ["面包 面包", "面包"]);
    }

    #[test]
    fn fit_cuts_with_an_ellipsis_only_when_needed() {
        assert_eq!(fit("Bakehouse", 9), "Bakehouse");
        assert_eq!(fit("Bakehouse", 5), "Bake…");
        assert_eq!(fit("面包面包", 5), "面包…");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn empty_text_gives_one_line_with_the_prefix() {
        assert_eq!(wrap("", 10, "- ", ""), ["- "]);
    }
}
