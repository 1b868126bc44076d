//! Word wrapping with a hanging indent, by display width (wide characters count double).
//!
//! Owns: breaking one text into lines that fit a width. Must not import: rusqlite, tokio.

pub use crate::domain::text::wrap;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// "1 role", "3 roles": a count with its noun.
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// `text` on one row, cut to at most `width` columns, ending in "…" when something was cut. The
/// lines of a text of several (a note, a policy) are joined by spaces.
pub fn fit(text: &str, width: usize) -> String {
    if text.contains('\n') {
        let joined: Vec<&str> = text.split('\n').filter(|l| !l.trim().is_empty()).collect();
        return fit(&joined.join(" "), width);
    }
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
    fn a_text_of_several_lines_fits_on_one_row() {
        assert_eq!(fit("Tired\n\nyes, ready", 40), "Tired yes, ready");
        assert_eq!(fit("Tired\nyes, ready", 8), "Tired y…");
    }

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
