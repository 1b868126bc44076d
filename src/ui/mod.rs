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
pub use browser::DETAIL_PAGE;
pub use org_form::OrgForm;
pub use view::*;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

/// Draws one frame of the view.
pub fn draw<S: ScreenBody>(frame: &mut Frame, view: &View<S>) {
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
    let shown = view.screen.body();
    chrome::title_bar(frame, title, &screen_title(view, &shown), view);
    if let Some((m, area)) = draw_screen(frame, body, view, shown) {
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
fn screen_title<S>(view: &View<S>, shown: &Body) -> String {
    let circle_of = |id| {
        view.org
            .as_deref()
            .and_then(|o| o.circle(id))
            .map_or("?", |c| c.name.as_str())
    };
    let person_of = |id| view.org.as_deref().map_or("?", |o| o.person_name(id));
    let org_name = view.org.as_deref().map_or("", |o| o.name());
    match shown {
        Body::Welcome(_) => "Welcome".to_string(),
        Body::Adoption(_) => "Adopting the constitution".to_string(),
        Body::Home(_) => format!("{org_name} · Home"),
        Body::Browser(b) => match &b.as_of {
            // The date first: where narrow, the name is what is cut.
            Some((date, _)) => format!("As it stood on {date} · {org_name}"),
            None => format!("{org_name} · Organisation browser"),
        },
        Body::MeetingSetup(s) => format!("{} · {} setup", circle_of(s.circle), s.kind.title()),
        Body::Tactical(s, _) => format!("{} · Tactical meeting", circle_of(s.state.circle)),
        Body::Governance(s, _) => format!("{} · Governance meeting", circle_of(s.state.circle)),
        Body::PastMeetings(_) => format!("{org_name} · Past meetings"),
        Body::Minutes(s) => format!("{} · Minutes", s.minutes.circle),
        Body::Review(state, _) => format!("Solo role review · {}", person_of(state.person)),
        Body::Work(s, _) => format!("My work · {}", person_of(s.state.person)),
    }
}

/// Draws the screen's body; returns its open modal, if any, and the area it opens over.
fn draw_screen<'a, S>(
    frame: &mut Frame,
    body: Rect,
    view: &View<S>,
    shown: Body<'a>,
) -> Option<(&'a Modal, Rect)> {
    match (shown, view.org.as_deref()) {
        (Body::Welcome(state), _) => {
            welcome::draw(frame, body, state, &view.database);
            None
        }
        (Body::Adoption(state), _) => {
            adoption::draw(frame, body, state);
            state.modal.as_ref().map(|m| (m, body))
        }
        (Body::Home(state), Some(org)) => {
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
        (Body::Review(state, modal), Some(org)) => {
            review::draw(frame, body, state, org);
            modal.map(|m| (m, body))
        }
        (Body::Work(drawn, modal), Some(org)) => {
            work::draw(frame, body, &drawn, org, view.now.date_naive());
            modal.map(|m| (m, body))
        }
        (Body::Browser(state), Some(org)) => {
            browser::draw(frame, body, state, state.shown(org));
            if let Some(prompt) = &state.prompt {
                modal::draw_prompt_box(frame, body, prompt);
            }
            state.modal.as_ref().map(|m| (m, body))
        }
        (Body::MeetingSetup(state), Some(org)) => {
            setup::draw(frame, body, state, org);
            state.modal.as_ref().map(|m| (m, body))
        }
        (Body::PastMeetings(state), _) => {
            past::draw(frame, body, state);
            None
        }
        (Body::Minutes(screen), _) => {
            tactical::draw_minutes(frame, body, screen);
            screen.modal.as_ref().map(|m| (m, body))
        }
        (Body::Governance(drawn, modal), Some(org)) => {
            governance::draw(frame, body, &drawn, org, view.now);
            // While changes are being written, the editor's questions open in the lower
            // half so the proposal and its diff stay in view above them.
            let area = if drawn.editing.is_some() {
                let [_, lower] =
                    Layout::vertical([Constraint::Percentage(45), Constraint::Min(0)]).areas(body);
                lower
            } else {
                body
            };
            modal.map(|m| (m, area))
        }
        (Body::Tactical(drawn, modal), Some(org)) => {
            tactical::draw(frame, body, &drawn, org, view.now);
            modal.map(|m| (m, body))
        }
        // Home and the browser are only opened once an organisation is loaded.
        (_, None) => None,
    }
}
