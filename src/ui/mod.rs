//! Drawing: every screen as a pure function of the `View`.
//!
//! Owns: layout and text of every screen. Never queries the store, never blocks, builds only
//! the rows that are visible.
//! Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

pub mod adoption;
mod big_letters;
mod browser;
pub mod chrome;
pub mod columns;
pub mod details;
mod fillers;
mod gov_view;
pub mod governance;
mod home;
pub mod list;
pub mod meeting_frame;
mod modal;
mod org_form;
mod past;
mod prompt;
mod review;
pub mod round;
mod setup;
pub mod tactical;
pub mod theme;
pub mod view;
mod welcome;
pub mod work;
pub mod wrap;

pub use adoption::{AdoptForm, AdoptionState};
pub use gov_view::*;
pub use home::resume_hints;
pub use org_form::OrgForm;
pub use view::*;
pub use work::WorkScreen;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

/// Draws one frame of the view.
pub fn draw(frame: &mut Frame, view: &View) {
    let area = frame.area();
    if area.width < chrome::MIN_WIDTH || area.height < chrome::MIN_HEIGHT {
        chrome::too_small(frame, area);
        return;
    }
    let status = view
        .status
        .as_ref()
        .map(|s| chrome::status_lines(s, area.width))
        .unwrap_or_default();
    let status_height = u16::try_from(status.len()).unwrap_or(0);
    let [title, body, lost_area, status_area, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(u16::from(view.lost.is_some())),
        Constraint::Length(status_height),
        Constraint::Length(1),
    ])
    .areas(area);
    chrome::title_bar(frame, title, &screen_title(view), view);
    if let Some((m, area)) = draw_screen(frame, body, view) {
        modal::draw(frame, area, m);
    }
    if let Some(lost) = &view.lost {
        let line = chrome::lost_line(lost, area.width);
        frame.render_widget(ratatui::widgets::Paragraph::new(line), lost_area);
    }
    frame.render_widget(ratatui::widgets::Paragraph::new(status), status_area);
    chrome::hint_bar(frame, hints, &view.hints);
    if view.help_open {
        chrome::help_overlay(frame, body, &view.help, &view.help_scroll);
    }
}

/// The title bar's words for the screen: the organisation or circle, and where one is.
fn screen_title(view: &View) -> String {
    let circle_of = |id| {
        view.org
            .as_deref()
            .and_then(|o| o.circle(id))
            .map_or("?", |c| c.name.as_str())
    };
    let person_of = |id| view.org.as_deref().map_or("?", |o| o.person_name(id));
    let org_name = view.org.as_deref().map_or("", |o| o.name());
    match &view.screen {
        Screen::Welcome(_) => "Welcome".to_string(),
        Screen::Adoption(_) => "Adopting the constitution".to_string(),
        Screen::Home(_) => format!("{org_name} · Home"),
        Screen::Browser(b) => match &b.as_of {
            // The date first: where narrow, the name is what is cut.
            Some((date, _)) => format!("As it stood on {date} · {org_name}"),
            None => format!("{org_name} · Organisation browser"),
        },
        Screen::MeetingSetup(s) => format!("{} · {} setup", circle_of(s.circle), s.kind.title()),
        Screen::Tactical(s) => format!("{} · Tactical meeting", circle_of(s.state.circle)),
        Screen::Governance(s) => format!("{} · Governance meeting", circle_of(s.state.circle)),
        Screen::PastMeetings(_) => format!("{org_name} · Past meetings"),
        Screen::Minutes(s) => format!("{} · Minutes", s.minutes.circle),
        Screen::Review(s) => format!("Solo role review · {}", person_of(s.state.person)),
        Screen::Work(s) => format!("My work · {}", person_of(s.state.person)),
    }
}

/// Draws the screen's body; returns its open modal, if any, and the area it opens over.
fn draw_screen<'a>(frame: &mut Frame, body: Rect, view: &'a View) -> Option<(&'a Modal, Rect)> {
    match (&view.screen, view.org.as_deref()) {
        (Screen::Welcome(state), _) => {
            welcome::draw(frame, body, state, &view.database);
            None
        }
        (Screen::Adoption(state), _) => {
            adoption::draw(frame, body, state);
            state.modal.as_ref().map(|m| (m, body))
        }
        (Screen::Home(state), Some(org)) => {
            home::draw(
                frame,
                body,
                state,
                org,
                &view.open_meetings,
                view.now.date_naive(),
                view.actor.as_deref(),
            );
            state.modal.as_ref().map(|m| (m, body))
        }
        (Screen::Review(screen), Some(org)) => {
            review::draw(frame, body, &screen.state, org);
            screen.modal.as_ref().map(|m| (m, body))
        }
        (Screen::Work(screen), Some(org)) => {
            let drawn = work::Drawn {
                state: &screen.state,
                log: &screen.log,
                selected: screen.selected,
            };
            work::draw(frame, body, &drawn, org, view.now.date_naive());
            screen.modal.as_ref().map(|m| (m, body))
        }
        (Screen::Browser(state), Some(org)) => {
            browser::draw(frame, body, state, state.shown(org));
            if let Some(prompt) = &state.prompt {
                modal::draw_prompt_box(frame, body, prompt);
            }
            state.modal.as_ref().map(|m| (m, body))
        }
        (Screen::MeetingSetup(state), Some(org)) => {
            setup::draw(frame, body, state, org);
            state.modal.as_ref().map(|m| (m, body))
        }
        (Screen::PastMeetings(state), _) => {
            past::draw(frame, body, state);
            None
        }
        (Screen::Minutes(screen), _) => {
            tactical::draw_minutes(frame, body, screen);
            screen.modal.as_ref().map(|m| (m, body))
        }
        (Screen::Governance(screen), Some(org)) => {
            governance::draw(frame, body, screen, org, view.now);
            // While changes are being written, the editor's questions open in the lower
            // half so the proposal and its diff stay in view above them.
            let area = if screen.editing.is_some() {
                let [_, lower] =
                    Layout::vertical([Constraint::Percentage(45), Constraint::Min(0)]).areas(body);
                lower
            } else {
                body
            };
            screen.modal.as_ref().map(|m| (m, area))
        }
        (Screen::Tactical(screen), Some(org)) => {
            let drawn = tactical::Drawn {
                state: &screen.state,
                reporter: screen.reporter,
                presentation: screen.presentation,
                following: screen.following,
            };
            tactical::draw(frame, body, &drawn, org, view.now);
            screen.modal.as_ref().map(|m| (m, body))
        }
        // Home and the browser are only opened once an organisation is loaded.
        (_, None) => None,
    }
}
