//! Past meetings and minutes on screen: the filterable list, opening a meeting's minutes (or
//! resuming it when still open), scrolling the minutes and exporting them to a file.
//!
//! Owns: those screens' actions. Must not import: tokio; must not draw.

use super::keys::Action;
use super::modal::Outcome;
use super::{App, meeting_setup, minutes};
use crate::app::Screen;
use crate::domain::MeetingId;
use crate::domain::Organisation;
use crate::domain::meeting_list::{Filter, Reading};
use crate::domain::minutes::Minutes;
use crate::export::{self, Format, file};
use crate::store::{Backend, StoreError};
use crate::ui::{Confirm, Count, MinutesScreen, Modal, PastRow, PastState, Picker, step};
use chrono::NaiveDate;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::backend::crossterm::EventHandler;

/// Lines the minutes scroll per page.
const PAGE: u16 = 10;

/// The list's rows before a frame has said how many fit: a tall terminal's.
pub(super) const FIRST_HEIGHT: usize = 40;

/// Rows read beyond the last on screen, so that moving down reads now and then, not at
/// every key.
const AHEAD: usize = 16;

/// The most meetings one key reads looking for what the filter lets through (a filter that
/// lets through few of the meetings it is read from); the clock's tick reads on.
const KEY_BUDGET: usize = 2_000;

/// The most meetings one tick of the clock reads on (a few milliseconds once a second).
const TICK_BUDGET: usize = 5_000;

/// Opens the list of past meetings, with a screenful of the newest.
pub fn open(app: &mut App) {
    if app.view.org.is_none() {
        return;
    }
    match app.store.meeting_counts() {
        Ok(kinds) => {
            let state = PastState::new(kinds);
            state.height.set(app.past_height);
            app.view.screen = Screen::PastMeetings(state);
            refilter(app);
        }
        Err(e) => app.error(e.to_string()),
    }
}

/// Reads the list again for the filter as it is now typed: from its newest meeting, a
/// screenful.
pub fn refilter(app: &mut App) {
    let today = app.now().date_naive();
    let store = app.store.as_ref();
    let org = app.view.org.as_deref();
    let Screen::PastMeetings(state) = &mut app.view.screen else {
        return;
    };
    let read = restart(store, org, state, today).and_then(|()| {
        let read = read_ahead(store, org, state, Reach::Screen, KEY_BUDGET);
        state.selected = state.selected.min(state.shown.len().saturating_sub(1));
        read
    });
    if let Err(e) = read {
        app.error(e.to_string());
    }
}

/// A tick of the clock on the list: reads on what a key's reading left (a frame taller than
/// was read, a filter that lets through few of what it reads), then on towards the end of
/// what the filter lets through while the title cannot count it exactly, in bounded steps.
/// Returns whether it read.
pub fn tick(app: &mut App) -> bool {
    let store = app.store.as_ref();
    let org = app.view.org.as_deref();
    let Screen::PastMeetings(state) = &mut app.view.screen else {
        return false;
    };
    let read = read_ahead(store, org, state, Reach::Screen, TICK_BUDGET).and_then(|screen| {
        let counted = matches!(state.count(), Count::Exactly(_));
        Ok(screen || (!counted && read_ahead(store, org, state, Reach::End, TICK_BUDGET)?))
    });
    match read {
        Ok(read) => read,
        Err(e) => {
            app.error(e.to_string());
            true
        }
    }
}

/// Starts reading what the filter typed lets through, from its newest meeting.
fn restart(
    store: &dyn Backend,
    org: Option<&Organisation>,
    state: &mut PastState,
    today: NaiveDate,
) -> Result<(), StoreError> {
    state.words = Filter::new(state.filter.value());
    state.shown.clear();
    if state.words.needs_days() && state.days.is_none() {
        // A meeting started while the list is open is found by today's date too.
        let days = store
            .meeting_days()?
            .map(|(first, last)| (first, last.max(today)));
        state.days = Some(days);
    }
    if state.words.needs_names() && state.circle_names.is_none() {
        let names = org.map_or_else(Vec::new, |o| {
            o.records()
                .circles
                .iter()
                .map(|c| (c.id, c.name.to_lowercase()))
                .collect()
        });
        state.circle_names = Some(names);
    }
    let names = state.circle_names.as_deref().unwrap_or_default();
    // The share of all meetings let through at least (every meeting of some kinds).
    let through = state.whole() as f64 / state.total.max(1) as f64;
    let looks = state
        .words
        .looks(names, state.days.flatten(), through, wanted(state));
    state.reading = Reading::new(&looks);
    Ok(())
}

/// How far a read goes.
#[derive(Clone, Copy, PartialEq)]
enum Reach {
    /// What the next frames show: the rows down to the selection or a screenful, and some
    /// ahead.
    Screen,
    /// On to the last meeting the filter lets through, so that the title counts them.
    End,
}

/// The most meetings one read asks the store for at once, reading on to the end.
const CHUNK: usize = 500;

/// How many rows the next frames show: down to the selection or a screenful (as many as the
/// last frame had room for), and some ahead.
fn wanted(state: &PastState) -> usize {
    let height = match state.height.get() {
        0 => FIRST_HEIGHT,
        h => h,
    };
    state.selected.max(height.saturating_sub(1)) + 1 + AHEAD
}

/// Reads as far as `reach`, if not read yet, reading at most `budget` meetings. Returns
/// whether it read.
fn read_ahead(
    store: &dyn Backend,
    org: Option<&Organisation>,
    state: &mut PastState,
    reach: Reach,
    budget: usize,
) -> Result<bool, StoreError> {
    let want = match reach {
        Reach::Screen if state.shown.len() + AHEAD / 2 >= wanted(state) => return Ok(false),
        Reach::Screen => wanted(state),
        Reach::End => usize::MAX,
    };
    if state.reading.is_done() {
        return Ok(false);
    }
    let started = state.reading.fetched;
    let mut fetch = |look, after, limit| store.meeting_page(look, after, limit);
    while state.shown.len() < want && state.reading.fetched - started < budget {
        let limit = (want - state.shown.len())
            .min(CHUNK)
            .div_ceil(state.reading.looks().max(1))
            .max(8);
        let Some(row) = state.reading.next(limit, &mut fetch)? else {
            break;
        };
        let circle = org.and_then(|o| o.circle(row.circle));
        let name = circle.map_or("?", |c| c.name.as_str());
        if state.words.is_empty() || state.words.lets_through(&name.to_lowercase(), &row) {
            state.shown.push(PastRow {
                id: row.id,
                circle: name.to_string(),
                kind: row.kind,
                started_at: row.started_at,
                ended_at: row.ended_at,
            });
        }
    }
    Ok(true)
}

/// A key on the list: arrows move, Enter opens, Esc clears the filter or goes home, and
/// anything else edits the filter.
pub fn list_key(app: &mut App, key: KeyEvent) -> bool {
    let Screen::PastMeetings(state) = &mut app.view.screen else {
        return false;
    };
    if state.height.get() > 0 {
        app.past_height = state.height.get();
    }
    let moved = match key.code {
        KeyCode::Up => -1,
        KeyCode::Down => 1,
        KeyCode::PageUp => -10,
        KeyCode::PageDown => 10,
        _ => 0,
    };
    match key.code {
        _ if moved != 0 => return move_by(app, moved),
        KeyCode::Esc if !state.filter.value().is_empty() => {
            state.filter.reset();
            refilter(app);
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
            refilter(app);
        }
    }
    true
}

/// Moves the selection by `delta` rows, reading the rows it comes to first.
fn move_by(app: &mut App, delta: isize) -> bool {
    let store = app.store.as_ref();
    let org = app.view.org.as_deref();
    let Screen::PastMeetings(state) = &mut app.view.screen else {
        return false;
    };
    state.selected = state.selected.saturating_add_signed(delta);
    let read = read_ahead(store, org, state, Reach::Screen, KEY_BUDGET);
    state.selected = step(state.selected, state.shown.len(), 0);
    if let Err(e) = read {
        app.error(e.to_string());
    }
    true
}

/// Shows a meeting's minutes, with the list to go back to.
fn show_minutes(app: &mut App, id: MeetingId) {
    // The minutes name what the circle's roles reported before the meeting.
    if let Some(org) = app.view.org.as_deref() {
        match minutes::roles_named(app.store.as_ref(), org, id) {
            Ok(roles) => app.hold_reports(roles),
            Err(e) => return app.error(e.to_string()),
        }
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
