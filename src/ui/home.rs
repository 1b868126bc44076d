//! Home: the circles of the organisation and what can be started for the selected one.
//!
//! Owns: its layout. Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use super::list;
use super::theme;
use super::view::HomeState;
use super::wrap::{fit, plural};
use crate::domain::meeting::MeetingKind;
use crate::domain::{CircleId, CoreRole, Organisation};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// What can be started from home, with its key (the shell binds the same keys).
pub const ENTRIES: [(&str, &str); 5] = [
    ("t", "Tactical meeting"),
    ("g", "Governance meeting"),
    ("Enter", "Organisation browser"),
    ("r", "Solo role review"),
    ("p", "Past meetings"),
];

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    state: &HomeState,
    org: &Organisation,
    open_meetings: &[(CircleId, MeetingKind)],
) {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border())
        .title(Span::styled(" Circles ", theme::heading()));
    list::draw(
        frame,
        left,
        block,
        state.circles.len(),
        state.selected,
        |i, width| {
            let (id, depth) = state.circles[i];
            let name = org.circle(id).map_or("?", |c| c.name.as_str());
            let open: Vec<&str> = open_meetings
                .iter()
                .filter(|(c, _)| *c == id)
                .map(|(_, k)| {
                    if *k == MeetingKind::Tactical {
                        "● tactical open"
                    } else {
                        "● governance open"
                    }
                })
                .collect();
            let roles = if open.is_empty() {
                format!("  {}", plural(org.roles_in(id).count(), "role"))
            } else {
                format!("  {}", open.join(" "))
            };
            let name = fit(
                &format!("{}{name}", "  ".repeat(depth)),
                width.saturating_sub(roles.len()),
            );
            Line::from(vec![Span::raw(name), Span::styled(roles, theme::muted())])
        },
    );

    let Some(circle) = state.selected_circle().and_then(|id| org.circle(id)) else {
        return;
    };
    let mut lines = vec![Line::styled(circle.name.clone(), theme::strong())];
    if !circle.purpose.is_empty() {
        lines.push(Line::raw(circle.purpose.clone()));
    }
    lines.push(Line::raw(""));
    let rules = org.rule_set();
    for core in CoreRole::ALL {
        let Some(role) = org.core_role(circle.id, core) else {
            continue;
        };
        let fillers: Vec<&str> = org
            .fillers_of(role.id)
            .map(|a| org.person_name(a.person))
            .collect();
        let who = if fillers.is_empty() {
            "(unfilled)".to_string()
        } else {
            fillers.join(", ")
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{:<12}", core.name(rules)), theme::muted()),
            Span::raw(who),
        ]));
    }
    let open_tensions = org.tensions_in(circle.id).filter(|t| t.open).count();
    let counts = [
        plural(org.members_of(circle.id).len(), "member"),
        plural(org.roles_in(circle.id).count(), "role"),
        plural(open_tensions, "open tension"),
    ];
    lines.push(Line::styled(counts.join(" · "), theme::muted()));
    lines.push(Line::raw(""));
    lines.push(Line::styled("Start", theme::heading()));
    for (key, label) in ENTRIES {
        lines.push(Line::from(vec![
            Span::styled(format!("  {key:<6}"), theme::key()),
            Span::raw(label),
        ]));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border())
        .title(Span::styled(" Circle ", theme::heading()));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        right,
    );
}
