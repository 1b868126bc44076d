//! "My work": one person's lists between meetings. The lines (each role with its projects,
//! open next actions and what is due; their own actions; their open tensions) fill the
//! screen, the selected one is what the keys act on; on a wide screen, what they recorded
//! here is listed beside, newest first, each with its time (one taken back says when).
//!
//! Owns: its layout, drawn from what the shell keeps of the screen (`Drawn`). Must not
//! import: rusqlite, tokio, `crate::store`, `crate::app`.

use super::list;
use super::theme;
use super::wrap::fit;
use crate::domain::meeting::flow::Recorded;
pub use crate::domain::work::entry_text;
use crate::domain::work::lists::{Line, lines};
use crate::domain::work::{Work, WorkEvent, notes};
use crate::domain::{Organisation, ProjectStatus};
use chrono::{DateTime, NaiveDate, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line as TextLine, Span};
use ratatui::widgets::{Block, Borders};

/// The lines "My work" shows: the person's lists without the roles' texts (those are in the
/// browser and the review).
pub fn shown(org: &Organisation, state: &Work, today: NaiveDate) -> Vec<Line> {
    lines(org, state.person, today)
        .into_iter()
        .filter(|l| !matches!(l, Line::Purpose(_) | Line::Accountability(_)))
        .collect()
}

fn line_of<'a>(line: &Line, width: usize) -> TextLine<'a> {
    let (text, style) = match line {
        Line::Role { title, .. } => (title.clone(), theme::strong()),
        Line::Project { status, title, .. } => {
            let mark = if *status == ProjectStatus::Waiting {
                "waiting"
            } else {
                "project"
            };
            (format!("  {mark}: {title}"), Style::new())
        }
        Line::NextAction { text, .. } => (format!("  next: {text}"), Style::new()),
        Line::Due { text, .. } => (format!("  {text}"), theme::muted()),
        Line::OwnActions => ("Your own actions, outside any role".into(), theme::strong()),
        Line::Tensions => ("Open tensions".into(), theme::strong()),
        Line::Tension { text, place, .. } => (format!("  {text} ({place})"), Style::new()),
        Line::Purpose(_) | Line::Accountability(_) => (String::new(), Style::new()),
    };
    TextLine::styled(fit(&text, width), style)
}

fn time_of(at: DateTime<Utc>) -> String {
    at.with_timezone(&chrono::Local)
        .format("%-d %b %H:%M")
        .to_string()
}

/// What "My work" is drawn from, borrowed from the shell for one frame: the person's work
/// as folded from its log, the log (for what was recorded here), and the selected line.
#[derive(Debug, Clone, Copy)]
pub struct Drawn<'a> {
    pub state: &'a Work,
    pub log: &'a [Recorded<WorkEvent>],
    /// The selected line of `shown`.
    pub selected: usize,
}

pub fn draw(frame: &mut Frame, area: Rect, screen: &Drawn, org: &Organisation, today: NaiveDate) {
    let shown = shown(org, screen.state, today);
    let (left, right) = if area.width >= 100 {
        let [l, r] = Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)])
            .areas(area);
        (l, Some(r))
    } else {
        (area, None)
    };
    let title = format!(" {} · my work ", org.person_name(screen.state.person));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border())
        .title(Span::styled(title, theme::heading()));
    if shown.is_empty() {
        let empty = vec![TextLine::styled(
            "Nothing yet: no roles, actions or tensions. n adds an action of your own.",
            theme::muted(),
        )];
        list::draw_scrolled(frame, left, block, empty, 0);
    } else {
        let selected = screen.selected.min(shown.len() - 1);
        list::draw(frame, left, block, shown.len(), selected, |i, width| {
            line_of(&shown[i], width)
        });
    }
    if let Some(right) = right {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::border())
            .title(Span::styled(" Recorded here ", theme::heading()));
        let height = usize::from(block.inner(right).height);
        let width = usize::from(block.inner(right).width);
        let recent: Vec<TextLine> = notes::newest_first(screen.state.person, screen.log)
            .take(height)
            .map(|n| {
                // The taking back before the entry's words, so a narrow pane never cuts it.
                let text = format!(
                    "{}{} {}",
                    time_of(n.at),
                    n.taken_back_words(),
                    entry_text(org, &n.entry)
                );
                TextLine::raw(fit(&text, width))
            })
            .collect();
        list::draw_scrolled(frame, right, block, recent, 0);
    }
}
