//! A paste goes into the open text field as text, never as keys: with bracketed paste on, the
//! terminal hands over a paste in one piece, so a pasted line break cannot act as Enter and
//! the letters after it cannot act as commands. A field whose text may span lines keeps the
//! paste's line breaks; a one-line field makes each a space.
//!
//! Owns: finding the open text field, cleaning a paste for it, and the status line that says
//! what became of the paste. Must not import: rusqlite, tokio; must not draw.

use super::App;
use super::modal::{Inserted, insert_into, insert_text};
use crate::app::Screen;
use crate::domain::text::{clean_pasted_line, clean_pasted_text};
use crate::ui::{Modal, Prompt};

/// The most characters the past meetings' filter holds.
const FILTER_MAX_CHARS: usize = 200;

/// Puts a paste into the open text field, or says on the status line that it changed nothing;
/// a paste too long for the field is shortened to its limit, and the status line says so.
pub fn paste(app: &mut App, text: &str) {
    app.view.now = app.now();
    let inserted = if app.view.help_open {
        None
    } else if let Screen::PastMeetings(state) = &mut app.view.screen {
        let inserted = insert_text(
            &mut state.filter,
            &clean_pasted_line(text),
            FILTER_MAX_CHARS,
        );
        Some((inserted, FILTER_MAX_CHARS))
    } else {
        open_prompt(app).map(|prompt| {
            let limit = prompt.kind.max_chars();
            let text = if prompt.kind.is_multi_line() {
                clean_pasted_text(text)
            } else {
                clean_pasted_line(text)
            };
            (insert_into(&mut prompt.editor, &text, limit), limit)
        })
    };
    if !app.view.help_open && matches!(app.view.screen, Screen::PastMeetings(_)) {
        super::past::refilter(app);
    }
    match inserted {
        None => app.info("Paste ignored: no text field is open."),
        Some((Inserted { dropped: 0, .. }, _)) => {}
        Some((Inserted { kept: 0, .. }, limit)) => {
            app.error(format!(
                "Paste ignored: the field is full ({limit} characters)."
            ));
        }
        Some((Inserted { dropped, .. }, limit)) => app.info(format!(
            "Paste shortened to the field's limit of {limit} characters ({dropped} left out)."
        )),
    }
}

/// The text prompt open on the current screen, if any.
fn open_prompt(app: &mut App) -> Option<&mut Prompt> {
    if !matches!(app.view.screen, Screen::Welcome(_) | Screen::Browser(_)) {
        return match app.modal_mut() {
            Some(Modal::Prompt(prompt)) => Some(prompt),
            _ => None,
        };
    }
    match &mut app.view.screen {
        Screen::Welcome(w) => w.prompt.as_mut(),
        Screen::Browser(b) => b.prompt.as_mut(),
        _ => None,
    }
}
