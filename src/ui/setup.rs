//! The meeting setup screen: attendance, guests, facilitator, secretary, planned duration.
//!
//! Owns: its layout. Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use super::list;
use super::theme;
use super::view::SetupState;
use super::wrap::fit;
use crate::domain::Organisation;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// " (f)": the key that changes what the line just said, for when the hint bar has no room.
fn key_mark(key: &'static str) -> Span<'static> {
    Span::styled(format!(" ({key})"), theme::key())
}

/// Setting up a meeting: who facilitates and takes notes, how long it runs, who is here.
pub fn draw(frame: &mut Frame, area: Rect, state: &SetupState, org: &Organisation) {
    let circle = org.circle(state.circle).map_or("?", |c| c.name.as_str());
    let title = Line::styled(
        format!("{} of {circle}: who is here?", state.kind.title()),
        theme::strong(),
    );
    let last = invited_line(state, org);
    let width = usize::from(area.width.max(1));
    let rows_of = |line: &Line| u16::try_from(line.width().div_ceil(width)).unwrap_or(1);
    let head_rows = 3 + rows_of(&title) + rows_of(&last);
    let [head, rows] =
        Layout::vertical([Constraint::Length(head_rows), Constraint::Min(0)]).areas(area);
    let present = state.attendees.iter().filter(|a| a.present).count();
    let lines = vec![
        title,
        Line::from(vec![
            Span::styled("Facilitator ", theme::muted()),
            Span::raw(name_of(state, state.facilitator).to_string()),
            key_mark("f"),
            Span::styled("   Secretary ", theme::muted()),
            Span::raw(name_of(state, state.secretary).to_string()),
            key_mark("s"),
        ]),
        Line::from(vec![
            Span::styled("Planned ", theme::muted()),
            Span::styled(
                format!("{} minutes", state.planned_minutes),
                theme::strong(),
            ),
            key_mark("+ -"),
            Span::styled(
                format!("   {present} of {} present", state.attendees.len()),
                theme::muted(),
            ),
            key_mark("Space"),
        ]),
        last,
    ];
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::BOTTOM)
                .border_style(theme::border()),
        ),
        head,
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border())
        .title(Span::styled(" Attendance ", theme::heading()));
    list::draw(
        frame,
        rows,
        block,
        state.attendees.len(),
        state.selected,
        |i, width| attendee_line(state, i, width),
    );
}

/// The attendee at `i`, or "(nobody)".
fn name_of(state: &SetupState, i: Option<usize>) -> &str {
    i.and_then(|i| state.attendees.get(i))
        .map_or("(nobody)", |a| a.name.as_str())
}

/// The last line of the head: a surrogate's note, or who may come (it wraps onto as many
/// rows as it needs).
fn invited_line(state: &SetupState, org: &Organisation) -> Line<'static> {
    match &state.surrogates {
        Some(note) => Line::from(vec![
            Span::styled(note.clone(), theme::warning()),
            key_mark("f s"),
        ]),
        None => Line::from(vec![
            Span::styled(
                "Invited: members, sub-circles' Leads and Reps; ",
                theme::muted(),
            ),
            Span::styled("a", theme::key()),
            Span::styled(
                format!(" guest ({}); ", org.rule_set().rules().guests.article),
                theme::muted(),
            ),
            Span::styled("o", theme::key()),
            Span::styled(" observer", theme::muted()),
        ]),
    }
}

/// One attendee's row: present or not, their links, and what they are in the meeting.
fn attendee_line(state: &SetupState, i: usize, width: usize) -> Line<'static> {
    let a = &state.attendees[i];
    let mark = if a.present { "[x]" } else { "[ ]" };
    let mut roles: Vec<String> = Vec::new();
    if let Some(links) = state.links.get(i).filter(|l| !l.is_empty()) {
        roles.push(links.clone());
    }
    match (&a.invitation, a.is_guest(), a.observer) {
        (Some(inv), _, _) => roles.push(format!(
            "guest of {}, for \"{}\"",
            name_of(state, Some(inv.by)),
            inv.tension
        )),
        (None, true, _) => roles.push("guest".into()),
        (None, false, true) => roles.push("observer, takes no part".into()),
        (None, false, false) => {}
    }
    if state.facilitator == Some(i) {
        roles.push("facilitator".into());
    }
    if state.secretary == Some(i) {
        roles.push("secretary".into());
    }
    let suffix = if roles.is_empty() {
        String::new()
    } else {
        format!("  {}", roles.join(", "))
    };
    let name = fit(&a.name, width.saturating_sub(6 + suffix.len()));
    let style = if a.present {
        ratatui::style::Style::new()
    } else {
        theme::muted()
    };
    Line::from(vec![
        Span::styled(format!("{mark} {name}"), style),
        Span::styled(suffix, theme::heading()),
    ])
}
