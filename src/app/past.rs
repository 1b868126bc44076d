//! Past meetings and minutes on screen: the filterable list, opening a meeting's minutes (or
//! resuming it when still open), scrolling the minutes and exporting them to a file.
//!
//! Owns: those screens' actions. Must not import: tokio; must not draw.

use super::keys::Action;
use super::modal::Outcome;
use super::{App, meeting_setup, minutes};
use crate::app::Screen;
use crate::domain::MeetingId;
use crate::domain::minutes::Minutes;
use crate::export::{self, Format, file};
use crate::ui::{Confirm, MinutesScreen, Modal, PastRow, PastState, Picker, step};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::backend::crossterm::EventHandler;

/// Lines the minutes scroll per page.
const PAGE: u16 = 10;

/// Meetings the list of past meetings opens with: several screenfuls; the rest are read when
/// a filter is typed or the selection moves past them.
const FIRST_ROWS: usize = 200;

/// The list's rows of `meetings`, with their circles' names.
fn past_rows(app: &App, meetings: Vec<crate::store::MeetingRow>) -> Vec<PastRow> {
    let org = app.view.org.as_deref();
    meetings
        .into_iter()
        .map(|m| PastRow {
            id: m.id,
            circle: org
                .and_then(|o| o.circle(m.circle))
                .map_or_else(|| "?".into(), |c| c.name.clone()),
            kind: m.kind,
            started_at: m.started_at,
            ended_at: m.ended_at,
        })
        .collect()
}

/// Opens the list of past meetings, with the newest of them.
pub fn open(app: &mut App) {
    if app.view.org.is_none() {
        return;
    }
    match app.store.newest_meetings(FIRST_ROWS) {
        Ok((rows, total)) => {
            let rows = past_rows(app, rows);
            app.view.screen = Screen::PastMeetings(PastState::new(rows, total));
        }
        Err(e) => app.error(e.to_string()),
    }
}

/// Reads every meeting into the list on screen, if it has only the newest.
pub fn complete(app: &mut App) {
    if !matches!(&app.view.screen, Screen::PastMeetings(s) if !s.is_complete()) {
        return;
    }
    let rows = match app.store.meetings() {
        Ok(rows) => past_rows(app, rows),
        Err(e) => return app.error(e.to_string()),
    };
    if let Screen::PastMeetings(state) = &mut app.view.screen {
        state.complete(rows);
    }
}

/// A key on the list: arrows move, Enter opens, Esc clears the filter or goes home, and
/// anything else edits the filter.
pub fn list_key(app: &mut App, key: KeyEvent) -> bool {
    let needs_all = match key.code {
        KeyCode::Enter | KeyCode::Esc | KeyCode::Up | KeyCode::PageUp | KeyCode::Char('?') => false,
        // Moving down reads the rest only when it nears the end of what was read (closer than
        // a tall screen's rows).
        KeyCode::Down | KeyCode::PageDown => {
            matches!(&app.view.screen, Screen::PastMeetings(s) if s.selected + 60 >= s.all.len())
        }
        _ => true,
    };
    if needs_all {
        complete(app);
    }
    let Screen::PastMeetings(state) = &mut app.view.screen else {
        return false;
    };
    match key.code {
        KeyCode::Up => state.selected = step(state.selected, state.shown.len(), -1),
        KeyCode::Down => state.selected = step(state.selected, state.shown.len(), 1),
        KeyCode::PageUp => state.selected = step(state.selected, state.shown.len(), -10),
        KeyCode::PageDown => state.selected = step(state.selected, state.shown.len(), 10),
        KeyCode::Esc if !state.filter.value().is_empty() => {
            state.filter.reset();
            state.refilter();
        }
        KeyCode::Esc => app.go_home(),
        // `?` is help everywhere; a meeting filter has no use for it.
        KeyCode::Char('?') => app.view.help_open = true,
        KeyCode::Enter => {
            let Some(row) = state.selected_row().cloned() else {
                return false;
            };
            if row.ended_at.is_none() {
                meeting_setup::resume(app, row.id, row.kind);
            } else {
                show_minutes(app, row.id);
            }
        }
        _ => {
            if state.filter.handle_event(&Event::Key(key)).is_none() {
                return false;
            }
            state.refilter();
        }
    }
    true
}

/// Shows a meeting's minutes, with the list to go back to.
fn show_minutes(app: &mut App, id: MeetingId) {
    // The minutes name what the circle's roles reported before the meeting.
    match app.store.meeting(id) {
        Ok(Some(row)) => {
            if let Some(org) = app.view.org.as_deref() {
                let roles = super::reports::of_circle(org, row.circle);
                app.hold_reports(roles);
            }
        }
        Ok(None) => {}
        Err(e) => return app.error(e.to_string()),
    }
    let loaded = match app.view.org.clone() {
        Some(org) => minutes::load_in(app.store.as_ref(), id, &org),
        None => minutes::load(app.store.as_ref(), id),
    };
    match loaded {
        Ok(m) => {
            let past = match std::mem::replace(
                &mut app.view.screen,
                Screen::Welcome(Default::default()),
            ) {
                Screen::PastMeetings(state) => Some(state),
                _ => None,
            };
            app.view.screen = Screen::Minutes(Box::new(MinutesScreen {
                minutes: Box::new(m),
                scroll: 0,
                modal: None,
                past,
                pending: None,
                lines: Default::default(),
            }));
        }
        Err(e) => app.error(e),
    }
}

/// Shows the minutes of a meeting that just ended.
pub fn show_ended(app: &mut App, m: Minutes) {
    // Who recorded it, as the exports say (nobody named: the line is left out).
    let m = match app
        .store
        .actors_after(crate::domain::MeetingId(m.meeting), 0)
    {
        Ok(by) => m.recorded_by(&by),
        Err(e) => {
            tracing::warn!("who recorded meeting {} is not known: {e}", m.meeting);
            m
        }
    };
    app.view.screen = Screen::Minutes(Box::new(MinutesScreen {
        minutes: Box::new(m),
        scroll: 0,
        modal: None,
        past: None,
        pending: None,
        lines: Default::default(),
    }));
}

/// A key's action on the minutes screen.
pub fn minutes_action(app: &mut App, action: Action) {
    let Screen::Minutes(screen) = &mut app.view.screen else {
        return;
    };
    match action {
        Action::Up => screen.scroll = screen.scroll.saturating_sub(1),
        Action::Down => screen.scroll = screen.scroll.saturating_add(1),
        Action::PageDown => screen.scroll = screen.scroll.saturating_add(PAGE),
        Action::PageUp => screen.scroll = screen.scroll.saturating_sub(PAGE),
        Action::Export => {
            let options = Format::ALL
                .iter()
                .map(|f| format_title(*f).to_string())
                .collect();
            screen.modal = Some(Modal::Picker(Picker {
                title: "Export the minutes as".into(),
                options,
                selected: 0,
            }));
        }
        Action::Back | Action::Leave => match screen.past.take() {
            Some(list) => app.view.screen = Screen::PastMeetings(list),
            // The minutes of the meeting a `roundtable follow` program followed: it only
            // follows, so it ends here rather than open home's keys.
            None if app.follow_command => app.quit = true,
            None => app.go_home(),
        },
        _ => {}
    }
}

fn format_title(format: Format) -> &'static str {
    match format {
        Format::Markdown => "Markdown (.md)",
        Format::Html => "Web page, printable (.html)",
        Format::Json => "JSON (.json)",
        Format::Email => "E-mail draft (.eml)",
    }
}

/// A format was picked, or an overwrite answered.
pub fn outcome(app: &mut App, outcome: Outcome) {
    let now = app.now().with_timezone(&chrono::Local).fixed_offset();
    let export_dir = app.export_dir.clone();
    let Screen::Minutes(screen) = &mut app.view.screen else {
        return;
    };
    screen.modal = None;
    let (path, text) = match (outcome, screen.pending.take()) {
        (Outcome::Picked(n), _) => {
            let Some(&format) = Format::ALL.get(n) else {
                return;
            };
            let text = export::minutes(&screen.minutes, format, now);
            (
                export_dir.join(export::minutes_file_name(&screen.minutes, format)),
                text,
            )
        }
        (Outcome::Answered(true), Some(pending)) => {
            return write(app, &pending.0, &pending.1, true);
        }
        _ => return,
    };
    if path.exists() {
        let question = format!("{} exists here. Replace it?", path.display());
        screen.modal = Some(Modal::Confirm(Confirm::new(question, "replace", "keep it")));
        screen.pending = Some((path, text));
        return;
    }
    write(app, &path, &text, false);
}

fn write(app: &mut App, path: &std::path::Path, text: &str, force: bool) {
    match file::write_atomic(path, text.as_bytes(), force) {
        Ok(()) => {
            let shown = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            app.info(format!("Wrote {}", shown.display()));
        }
        Err(e) => app.error(e.to_string()),
    }
}
