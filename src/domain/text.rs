//! Cleaning of text that comes from a person (typed or read from a file).
//!
//! Owns: the rule that no control character, no bidirectional override and no invisible
//! (zero-width) character reaches the store or the terminal.
//! Also: wrapping text to a width (by display width, wide characters counting double) and
//! writing numbers as people do. Must not import: anything outside `std` and `unicode-width`.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Characters that reorder text on screen (bidi embeddings, overrides and isolates) and
/// invisible marks that could hide them.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Characters that take no room on screen, so that "Ovens" and "Ov\u{200B}ens" would look the
/// same: zero-width space, non-joiner and joiner, word joiner, and the zero-width no-break
/// space (byte order mark).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Whether `c` is dropped from every text: a control, bidi or invisible character.
fn is_dropped(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || is_invisible(c)
}

/// Makes one line of the command line's output safe for a terminal: control characters
/// (escape sequences lose their ESC, so nothing reaches the terminal as a command), bidi
/// overrides and invisible characters are dropped, tabs and line breaks become spaces, and
/// other spacing (an indentation) is kept as it is.
pub fn printable(input: &str) -> String {
    input
        .chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if is_dropped(c) => None,
            c => Some(c),
        })
        .collect()
}

/// Cleans a one-line value such as a name or a label: control, bidi and invisible characters
/// are dropped, tabs and line breaks become single spaces, runs of spaces collapse, and the ends
/// are trimmed.
pub fn clean_line(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut pending_space = false;
    for c in input.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else if !is_dropped(c) {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Longest text accepted in one entry of a meeting or a review, and so in its text field.
pub const MAX_ENTRY_CHARS: usize = 2000;

/// Cleans text pasted into a one-line field: as [`clean_line`] does, control and bidi
/// characters are dropped and line breaks, tabs and runs of spaces become one space; unlike
/// it, a space at either end is kept, as the paste may land between two words (the field's
/// value is cleaned as a whole when it is entered).
pub fn clean_pasted_line(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut after_space = false;
    for c in input.chars() {
        if c.is_whitespace() {
            if !after_space {
                out.push(' ');
                after_space = true;
            }
        } else if !is_dropped(c) {
            out.push(c);
            after_space = false;
        }
    }
    out
}

/// Cleans text pasted into a field whose text may span lines: each line as by
/// [`clean_pasted_line`], line breaks kept as `\n` (whatever the system wrote: `\r\n`, `\r`,
/// a Unicode line or paragraph separator). Blank lines are cleaned when the field is entered.
pub fn clean_pasted_text(input: &str) -> String {
    let lines: Vec<String> = input
        .split("\r\n")
        .flat_map(|l| l.split(['\n', '\r', '\u{2028}', '\u{2029}']))
        .map(clean_pasted_line)
        .collect();
    lines.join("\n")
}

/// Cleans a multi-line value such as a purpose or a policy text: each line is cleaned as by
/// [`clean_line`], line breaks are kept (at most one blank line in a row), and blank lines at
/// either end are dropped.
pub fn clean_text(input: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for raw in input.split(['\n', '\r', '\u{2028}', '\u{2029}']) {
        let line = clean_line(raw);
        let last_blank = lines.last().is_none_or(|l| l.is_empty());
        if !line.is_empty() || !last_blank {
            lines.push(line);
        }
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

/// A number as a person writes it: no trailing zeros, at most two decimals.
pub fn format_number(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.to_string()
    }
}

/// Greedy word wrap of `text` into lines of at most `width` columns, the first starting with
/// `first` and the rest with `rest`. Words longer than a line are cut. A width too narrow
/// for the prefixes still gives one word per line rather than nothing. A line break in the
/// text (a policy of two paragraphs) starts a new line, and a blank line stays blank.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        if i == 0 {
            lines.extend(wrap_line(line, width, first, rest));
        } else if line.trim().is_empty() {
            lines.push(rest.trim_end().to_string());
        } else {
            lines.extend(wrap_line(line, width, rest, rest));
        }
    }
    lines
}

/// [`wrap`] of a text without line breaks.
fn wrap_line(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
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

/// A number as people type it: spaces and underscores are ignored; commas that group digits
/// in threes ("2,050", "1,234.5") separate thousands; any other comma is a decimal comma
/// ("9,5", "0,975").
pub fn parse_number(text: &str) -> Option<f64> {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_')
        .collect();
    let digits = t.strip_prefix('-').unwrap_or(&t);
    let whole = digits.split('.').next().unwrap_or("");
    let groups: Vec<&str> = whole.split(',').collect();
    let thousands = groups.len() > 1
        && !groups[0].is_empty()
        && groups[0].len() <= 3
        && groups[0] != "0"
        && groups[1..].iter().all(|g| g.len() == 3)
        && (digits.contains('.') || !t.ends_with(','));
    let normal = if thousands {
        t.replace(',', "")
    } else {
        t.replacen(',', ".", 1)
    };
    normal.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Names in a sentence: "Ana", "Ana and Ben", "Ana, Ben and Chloé"; `none` for no names.
pub fn and_list(names: &[String], none: &str) -> String {
    match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => none.to_string(),
    }
}

/// `text` with a capital first letter ("next action" → "Next action").
pub fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

/// `text` as a sentence: with a full stop, unless it ends with one already (a name such as
/// "Priya N." ends the sentence itself) or with another end of sentence.
pub fn sentence(text: &str) -> String {
    if text.ends_with(['.', '!', '?']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_ending_in_a_name_with_a_stop_gets_no_second_one() {
        assert_eq!(
            sentence("Priya is now called Priya N."),
            "Priya is now called Priya N."
        );
        assert_eq!(sentence("Priya N. joined"), "Priya N. joined.");
    }

    #[test]
    fn control_characters_are_dropped_from_a_name() {
        assert_eq!(clean_line("Ama\u{7}ra\u{1b}[31m"), "Amara[31m");
    }

    #[test]
    fn bidi_overrides_cannot_reorder_a_name() {
        assert_eq!(clean_line("abc\u{202E}fed\u{2066}x\u{2069}"), "abcfedx");
    }

    #[test]
    fn whitespace_in_a_line_collapses_to_single_spaces() {
        assert_eq!(clean_line("  Head \t\n Baker  "), "Head Baker");
    }

    #[test]
    fn multi_line_text_keeps_its_paragraphs_but_not_extra_blank_lines() {
        assert_eq!(
            clean_text("\n\nFirst  line\r\n\n\n\nSecond\u{0}\n\n"),
            "First line\n\nSecond"
        );
    }

    #[test]
    fn a_pasted_line_break_becomes_a_space_and_escapes_lose_their_escape() {
        assert_eq!(
            clean_pasted_line("Tired\r\nyes,\u{1b}[2J \u{202E}ready\u{7}\n"),
            "Tired yes,[2J ready "
        );
    }

    #[test]
    fn a_paste_into_a_text_keeps_its_line_breaks_and_loses_its_escapes() {
        assert_eq!(
            clean_pasted_text("First\r\n\r\nSecond\u{1b}[2J\tpart\rthird\u{2029}"),
            "First\n\nSecond[2J part\nthird\n"
        );
    }

    #[test]
    fn zero_width_characters_cannot_make_two_names_look_alike() {
        for hidden in ['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}'] {
            let name = format!("{hidden}Ov{hidden}ens{hidden}");
            assert_eq!(clean_line(&name), "Ovens", "{:?}", hidden);
            assert_eq!(clean_pasted_line(&name), "Ovens", "{:?}", hidden);
            assert_eq!(
                clean_text(&format!("a\n{name}")),
                "a\nOvens",
                "{:?}",
                hidden
            );
        }
    }

    #[test]
    fn printable_output_keeps_indentation_but_no_escape() {
        let line = "  circle \u{1b}]0;owned\u{7}X\u{1b}]52;c;aGk=\u{7}\u{9b}31m\u{202E}\u{200B}";
        assert_eq!(printable(line), "  circle ]0;ownedX]52;c;aGk=31m");
        assert_eq!(printable("a\tb\nc"), "a b c");
    }

    #[test]
    fn ordinary_unicode_is_kept() {
        assert_eq!(clean_line("Zoë Ångström — 面包"), "Zoë Ångström — 面包");
    }
}

#[cfg(test)]
mod wrap_tests {
    use super::wrap;

    #[test]
    fn each_paragraph_of_a_text_is_wrapped_on_its_own_lines() {
        assert_eq!(
            wrap("One two three\n\nFour", 9, "- ", "  "),
            ["- One two", "  three", "", "  Four"]
        );
    }
}

#[cfg(test)]
mod number_tests {
    use super::parse_number;

    #[test]
    fn numbers_are_read_as_people_type_them() {
        assert_eq!(parse_number("1840"), Some(1840.0));
        assert_eq!(parse_number(" 1 840 "), Some(1840.0));
        assert_eq!(parse_number("1,840.5"), Some(1840.5));
        assert_eq!(parse_number("9,5"), Some(9.5));
        assert_eq!(parse_number("2,050"), Some(2050.0));
        assert_eq!(parse_number("12,345,678"), Some(12_345_678.0));
        assert_eq!(parse_number("0,975"), Some(0.975));
        assert_eq!(parse_number("1,5"), Some(1.5));
        assert_eq!(parse_number("1,2,3"), None);
        assert_eq!(parse_number("-3"), Some(-3.0));
        assert_eq!(parse_number("twelve"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number(""), None);
    }
}
