//! A speaking round (check-in or closing) of any meeting: the question, who is speaking (in
//! big letters when there is room), and the speaking order with floor times and notes.
//!
//! Owns: that body. Builds only the rows on screen. Must not import: rusqlite, tokio,
//! `crate::store`, `crate::app`.

use super::list;
use super::theme;
use super::wrap::{fit, wrap};
use crate::domain::meeting::format_countdown;
use crate::domain::meeting::rounds::{Rounds, Turn};
use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// The round body's height from which the speaker's name is drawn in big letters.
const BIG_NAME_MIN_HEIGHT: u16 = 14;

/// One round as the screen shows it.
pub struct RoundView<'a, S> {
    pub rounds: &'a Rounds<S>,
    pub step: S,
    /// The place in the speaking order of who is speaking.
    pub at: usize,
    /// The check-in question, for the check-in round.
    pub question: Option<&'a str>,
    pub names: &'a dyn Fn(usize) -> &'a str,
    /// Draw the speaker's name in big letters when there is room.
    pub big_name: bool,
    /// The speaker's turn so far, and the time it is seen at.
    pub turn: Option<(Turn, DateTime<Utc>)>,
}

/// "0:42 of 1:00" held so far of the turn's share ("0:42" without one), in the warning
/// colour and marked once past it.
pub fn turn_clock(turn: &Turn, now: DateTime<Utc>) -> Span<'static> {
    let clock = format_countdown;
    let elapsed = turn.elapsed(now);
    match turn.share {
        Some(share) if turn.over(now) => Span::styled(
            format!("{} of {} — past the share", clock(elapsed), clock(share)),
            theme::error(),
        ),
        Some(share) => Span::styled(
            format!("{} of {}", clock(elapsed), clock(share)),
            theme::strong(),
        ),
        None => Span::styled(clock(elapsed), theme::strong()),
    }
}

pub fn draw<S: Copy + PartialEq>(frame: &mut Frame, area: Rect, round: &RoundView<S>) {
    let RoundView {
        rounds, step, at, ..
    } = *round;
    let name = round.names;
    let speaker = rounds.order.get(at).copied();
    let mut lines = Vec::new();
    let width = usize::from(area.width.saturating_sub(2));
    if let Some(question) = round.question {
        for l in wrap(question, width, "Question: ", "          ") {
            lines.push(Line::styled(l, theme::heading()));
        }
    }
    if let Some(speaker) = speaker {
        let place = format!("Speaking ({} of {}): ", at + 1, rounds.order.len());
        // The clock is the decisive part: the name is cut before it is.
        let clock = round
            .turn
            .map_or(Span::raw(""), |(turn, now)| turn_clock(&turn, now));
        let room = width.saturating_sub(place.chars().count() + clock.content.chars().count() + 2);
        lines.push(Line::from(vec![
            Span::styled(place, theme::muted()),
            Span::styled(fit(name(speaker), room), theme::selected()),
            Span::raw("  "),
            clock,
        ]));
        // Notes add up: each one taken for the speaker is shown.
        for note in rounds.notes_for(step, speaker) {
            for l in wrap(&note.text, width, "Note: ", "      ") {
                lines.push(Line::raw(l));
            }
        }
    }
    // The speaker's name in big letters when there is room for it and a list below.
    let big = if round.big_name && area.height >= BIG_NAME_MIN_HEIGHT && !lines.is_empty() {
        4
    } else {
        0
    };
    let [top, name_area, rest] = Layout::vertical([
        Constraint::Length(u16::try_from(lines.len()).unwrap_or(3)),
        Constraint::Length(big),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(lines), top);
    if let Some(speaker) = speaker.filter(|_| big > 0) {
        let room = usize::from(area.width / 4).max(1);
        let big_name = [fit(name(speaker), room)];
        super::big_letters::render(frame, name_area, theme::heading(), &big_name);
    }
    let title = format!(" Speaking order · {} present ", rounds.order.len());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border())
        .title(Span::styled(title, theme::heading()));
    list::draw(frame, rest, block, rounds.order.len(), at, |i, width| {
        let who = rounds.order[i];
        let floor = rounds
            .floor_of(step, who)
            .map_or(String::new(), |s| format!("  {}:{:02}", s / 60, s % 60));
        let notes: Vec<String> = rounds
            .notes_for(step, who)
            .map(|n| format!("“{}”", n.text))
            .collect();
        let note = if notes.is_empty() {
            String::new()
        } else {
            format!("  {}", notes.join(" "))
        };
        let mark = if i < at { "✓" } else { " " };
        let text = format!("{mark} {:>2}. {}{floor}{note}", i + 1, name(who));
        Line::raw(fit(&text, width))
    });
}
