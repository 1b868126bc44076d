//! The big letters (a meeting's step and speaker, large enough for a room), drawn with
//! tui-big-text's 8x8 font in quadrant pixels: four cells wide and four high a letter.
//!
//! That font holds ASCII, Latin-1 (é ñ ö ß ø å …), Greek and some symbols, but none of the
//! rest of Latin: a name such as Elif Yılmaz, Łukasz, Şule or Dvořák would be drawn with
//! holes. So each letter the font lacks is given one it has: ı (Turkish dotless i) is drawn
//! as a glyph of its own, i without its dot; any other letter as its letter without the mark
//! (ş → s, ł → l, ő → o, ř → r, İ → I), a ligature as its letters (œ → oe); what is no
//! letter at all as `?`.
//!
//! Owns: which glyph the big letters show for each character. Must not import: the store,
//! `crate::app`.

use font8x8::UnicodeFonts;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use unicode_normalization::UnicodeNormalization;

/// Cells a big letter takes, across and down (8x8 pixels, two by two a cell).
const LETTER: u16 = 4;

/// The fonts tui-big-text draws from, in its order.
const FONTS: [&dyn UnicodeFonts; 8] = [
    &font8x8::BASIC_FONTS,
    &font8x8::LATIN_FONTS,
    &font8x8::HIRAGANA_FONTS,
    &font8x8::GREEK_FONTS,
    &font8x8::BLOCK_FONTS,
    &font8x8::BOX_FONTS,
    &font8x8::MISC_FONTS,
    &font8x8::SGA_FONTS,
];

/// One letter as drawn: a character of the font, and whether its dot is taken off (ı).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Glyph {
    shown: char,
    dotless: bool,
}

fn in_font(c: char) -> bool {
    FONTS.iter().any(|font| font.get(c).is_some())
}

/// Letters without a decomposition into a letter and a mark, by the letter they are drawn as.
fn plain(c: char) -> Option<&'static str> {
    Some(match c {
        'ł' => "l",
        'Ł' => "L",
        'đ' => "d",
        'Đ' => "D",
        'ħ' => "h",
        'Ħ' => "H",
        'ŧ' => "t",
        'Ŧ' => "T",
        'ŋ' => "n",
        'Ŋ' => "N",
        'ĸ' => "k",
        'œ' => "oe",
        'Œ' => "OE",
        'ƒ' => "f",
        _ => return None,
    })
}

/// The glyphs `text` is drawn with.
fn glyphs(text: &str) -> Vec<Glyph> {
    let mut out = Vec::new();
    let mut push = |shown, dotless| out.push(Glyph { shown, dotless });
    for c in text.chars() {
        if in_font(c) {
            push(c, false);
        } else if c == 'ı' {
            push('i', true);
        } else if let Some(letters) = plain(c) {
            letters.chars().for_each(|l| push(l, false));
        } else {
            // The letter and its marks (compatibility: ĳ is i and j); the marks go.
            let letters: Vec<char> = std::iter::once(c).nfkd().filter(|&l| in_font(l)).collect();
            if letters.is_empty() {
                push('?', false);
            }
            letters.into_iter().for_each(|l| push(l, false));
        }
    }
    out
}

/// What `text` reads as in big letters: each character replaced by the one drawn for it
/// (ı stays ı: it is drawn as itself).
#[cfg(test)]
fn shown(text: &str) -> String {
    glyphs(text)
        .into_iter()
        .map(|g| if g.dotless { 'ı' } else { g.shown })
        .collect()
}

/// Draws `lines` in big letters from the top left of `area`.
pub fn render(frame: &mut Frame, area: Rect, style: Style, lines: &[String]) {
    let drawn: Vec<Vec<Glyph>> = lines.iter().map(|l| glyphs(l)).collect();
    let text: Vec<Line> = drawn
        .iter()
        .map(|g| Line::raw(g.iter().map(|g| g.shown).collect::<String>()))
        .collect();
    let big = tui_big_text::BigText::builder()
        .pixel_size(tui_big_text::PixelSize::Quadrant)
        .style(style)
        .lines(text)
        .build();
    frame.render_widget(big, area);
    // ı is i without its dot: the font's i holds its dot in its top two pixel rows, the top
    // row of cells, and nothing else there.
    let buffer = frame.buffer_mut();
    for (row, line) in (0u16..).zip(&drawn) {
        let y = area.y.saturating_add(row.saturating_mul(LETTER));
        for (column, _) in (0u16..).zip(line).filter(|(_, g)| g.dotless) {
            let left = area.x.saturating_add(column.saturating_mul(LETTER));
            for x in left..left.saturating_add(LETTER) {
                if x < area.right() && y < area.bottom() {
                    buffer[(x, y)].set_symbol(" ");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_of_latin_1_are_drawn_as_themselves() {
        assert_eq!(
            shown("Lucía Fernández, Jürgen Weiß, Bjørn"),
            "Lucía Fernández, Jürgen Weiß, Bjørn"
        );
    }

    #[test]
    fn other_latin_letters_are_drawn_without_their_marks_and_dotless_i_as_itself() {
        assert_eq!(shown("Elif Yılmaz"), "Elif Yılmaz");
        assert_eq!(shown("Şule Doğan, İlker"), "Sule Dogan, Ilker");
        assert_eq!(shown("Łukasz Żółć"), "Lukasz Zólc");
        assert_eq!(
            shown("Antonín Dvořák, Erdős, Œuvre"),
            "Antonín Dvorák, Erdos, OEuvre"
        );
        assert_eq!(shown("漢"), "?");
    }

    #[test]
    fn dotless_i_is_drawn_as_i_without_its_dot() {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(8, 4)).expect("terminal");
        terminal
            .draw(|f| render(f, f.area(), Style::default(), &["ıi".to_string()]))
            .expect("draw");
        let buffer = terminal.backend().buffer();
        let cells = |left: u16, y: u16| {
            (left..left + LETTER)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
        };
        assert_eq!(cells(0, 0).trim(), "", "no dot");
        assert_ne!(cells(4, 0).trim(), "", "the i has one");
        for y in 1..LETTER {
            assert_eq!(cells(0, y), cells(4, y), "the same stem, row {y}");
            assert_ne!(cells(0, y).trim(), "");
        }
    }
}
