//! The big letters (a meeting's step and speaker, large enough for a room), drawn with
//! tui-big-text's 8x8 font in quadrant pixels: four cells wide and four high a letter.
//!
//! That font holds ASCII, Latin-1 (é ñ ö ß ø å …), Greek and some symbols, but none of the
//! rest of Latin: a name such as Elif Yılmaz, Łukasz, Şule or Dvořák would be drawn with
//! holes. So each letter the font lacks is given one it has: ı (Turkish dotless i) is drawn
//! as a glyph of its own, i without its dot; ş and ţ as s and t with ç's cedilla under them;
//! any other letter as its letter without the mark (ł → l, ő → o, ř → r, İ → I, ğ → g), a
//! ligature as its letters (œ → oe); what is no letter at all as `?`.
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

/// One letter as drawn: a character of the font, whether its dot is taken off (ı), and
/// whether a cedilla is drawn under it (ş, ţ: the font's own ç lends its cedilla).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Glyph {
    shown: char,
    dotless: bool,
    cedilla: bool,
}

/// Letters drawn as their base letter with ç's cedilla under it.
fn with_cedilla(c: char) -> Option<char> {
    Some(match c {
        'ş' => 's',
        'Ş' => 'S',
        'ţ' => 't',
        'Ţ' => 'T',
        _ => return None,
    })
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
    let mut push = |shown, dotless, cedilla| {
        out.push(Glyph {
            shown,
            dotless,
            cedilla,
        })
    };
    for c in text.chars() {
        if in_font(c) {
            push(c, false, false);
        } else if c == 'ı' {
            push('i', true, false);
        } else if let Some(base) = with_cedilla(c) {
            push(base, false, true);
        } else if let Some(letters) = plain(c) {
            letters.chars().for_each(|l| push(l, false, false));
        } else {
            // The letter and its marks (compatibility: ĳ is i and j); the marks go.
            let letters: Vec<char> = std::iter::once(c).nfkd().filter(|&l| in_font(l)).collect();
            if letters.is_empty() {
                push('?', false, false);
            }
            letters.into_iter().for_each(|l| push(l, false, false));
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
        .map(|g| match (g.dotless, g.cedilla) {
            (true, _) => 'ı',
            (_, true) => with_cedilla_back(g.shown),
            _ => g.shown,
        })
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
        // The cedilla: the lowest pixel row of ç (its hook), added to the letter's bottom
        // row of cells, whose upper pixels hold the letter's own foot.
        let bottom = y.saturating_add(LETTER - 1);
        for (column, _) in (0u16..).zip(line).filter(|(_, g)| g.cedilla) {
            let left = area.x.saturating_add(column.saturating_mul(LETTER));
            for (dx, hook) in (0u16..).zip(cedilla_row(style)) {
                let x = left.saturating_add(dx);
                if x < area.right() && bottom < area.bottom() {
                    let cell = &mut buffer[(x, bottom)];
                    let own = quadrants(cell.symbol());
                    let joined = QUADRANTS[usize::from(own | (hook & LOWER_HALF))];
                    cell.set_symbol(joined);
                }
            }
        }
    }
}

/// Quadrant cells by their pixels: top left 1, top right 2, bottom left 4, bottom right 8.
const QUADRANTS: [&str; 16] = [
    " ", "▘", "▝", "▀", "▖", "▌", "▞", "▛", "▗", "▚", "▐", "▜", "▄", "▙", "▟", "█",
];
/// The two lower pixels of a quadrant cell.
const LOWER_HALF: u8 = 4 | 8;

/// The pixels of a quadrant cell (none for anything else).
fn quadrants(symbol: &str) -> u8 {
    QUADRANTS
        .iter()
        .position(|q| *q == symbol)
        .and_then(|i| u8::try_from(i).ok())
        .unwrap_or(0)
}

/// The pixels of the bottom row of cells of the font's ç, drawn alone: its hook below.
fn cedilla_row(style: Style) -> Vec<u8> {
    let area = Rect::new(0, 0, LETTER, LETTER);
    let mut scratch = ratatui::buffer::Buffer::empty(area);
    let big = tui_big_text::BigText::builder()
        .pixel_size(tui_big_text::PixelSize::Quadrant)
        .style(style)
        .lines(vec![Line::raw("ç")])
        .build();
    ratatui::widgets::Widget::render(big, area, &mut scratch);
    (0..LETTER)
        .map(|x| quadrants(scratch[(x, LETTER - 1)].symbol()))
        .collect()
}

/// The letter with a cedilla a base letter stands for (for reading the glyphs in tests).
#[cfg(test)]
fn with_cedilla_back(base: char) -> char {
    match base {
        's' => 'ş',
        'S' => 'Ş',
        't' => 'ţ',
        'T' => 'Ţ',
        other => other,
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
        assert_eq!(shown("Şule Doğan, İlker"), "Şule Dogan, Ilker");
        assert_eq!(shown("Łukasz Żółć"), "Lukasz Zólc");
        assert_eq!(
            shown("Antonín Dvořák, Erdős, Œuvre"),
            "Antonín Dvorák, Erdos, OEuvre"
        );
        assert_eq!(shown("漢"), "?");
    }

    /// `text` drawn in big letters on a terminal `width` cells wide and one letter high.
    fn drawn(text: &str, width: u16) -> ratatui::buffer::Buffer {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, 4)).expect("terminal");
        terminal
            .draw(|f| render(f, f.area(), Style::default(), &[text.to_string()]))
            .expect("draw");
        terminal.backend().buffer().clone()
    }

    /// Row `y` of the letter whose cells start at column `left`.
    fn cells_of(buffer: &ratatui::buffer::Buffer, left: u16, y: u16) -> String {
        (left..left + LETTER)
            .map(|x| buffer[(x, y)].symbol().to_string())
            .collect()
    }

    #[test]
    fn dotless_i_is_drawn_as_i_without_its_dot() {
        let buffer = drawn("ıi", 8);
        let cells = |left, y| cells_of(&buffer, left, y);
        assert_eq!(cells(0, 0).trim(), "", "no dot");
        assert_ne!(cells(4, 0).trim(), "", "the i has one");
        for y in 1..LETTER {
            assert_eq!(cells(0, y), cells(4, y), "the same stem, row {y}");
            assert_ne!(cells(0, y).trim(), "");
        }
    }

    #[test]
    fn s_with_cedilla_is_drawn_as_s_with_the_cedilla_of_c() {
        let buffer = drawn("şsç", 12);
        let cells = |left, y| cells_of(&buffer, left, y);
        let bottom = LETTER - 1;
        let lower = |left: u16| {
            (left..left + LETTER)
                .map(|x| quadrants(buffer[(x, bottom)].symbol()) & LOWER_HALF)
                .collect::<Vec<u8>>()
        };
        assert!(
            lower(4).iter().all(|&p| p == 0),
            "s has nothing under its foot"
        );
        assert_eq!(lower(0), lower(8), "ş has the hook of ç under it");
        assert!(lower(0).iter().any(|&p| p != 0));
        for y in 0..bottom {
            assert_eq!(cells(0, y), cells(4, y), "otherwise an s, row {y}");
        }
    }
}
