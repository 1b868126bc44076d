//! Home: the circles of the organisation and what can be started for the selected one.
//!
//! Owns: its layout. Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use super::list;
use super::theme;
use super::view::HomeState;
use super::wrap::{fit, plural};
use crate::domain::meeting::MeetingKind;
use crate::domain::org_log::breakdown::restorers;
use crate::domain::{CircleId, CoreRole, Organisation};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// What else can be opened from home than a meeting, with its key (the shell binds the same
/// keys; the meetings' keys are the state's `starts`).
pub const ENTRIES: [(&str, &str); 4] = [
    ("Enter", "Organisation browser"),
    ("r", "Solo role review"),
    ("w", "My work"),
    ("p", "Past meetings"),
];

/// What a kind's key does for a circle: start a meeting of that kind, or resume the one open.
pub fn start_label(kind: MeetingKind, open: bool) -> String {
    match open {
        false => kind.title().to_string(),
        true => format!("Resume the open {} meeting", kind.id()),
    }
}

/// Days from `today` to a term's end, when it ends within 30 days (negative: already ended).
fn term_soon(end: NaiveDate, today: NaiveDate) -> Option<i64> {
    let days = (end - today).num_days();
    (days <= 30).then_some(days)
}

/// The elected roles of a circle whose terms end within 30 days.
pub fn terms_ending<'a>(
    org: &'a Organisation,
    circle: CircleId,
    today: NaiveDate,
) -> impl Iterator<Item = NaiveDate> + 'a {
    CoreRole::ALL
        .into_iter()
        .filter(|c| c.is_elected())
        .filter_map(move |c| org.core_role(circle, c))
        .flat_map(move |r| org.fillers_of(r.id).filter_map(|a| a.term_end))
        .filter(move |end| term_soon(*end, today).is_some())
}

/// What home's circle list says after a circle's name: its meetings going on (or its count
/// of roles), a term ending soon, a process breakdown.
struct CircleMarks<'a> {
    open: &'a [MeetingKind],
    roles: usize,
    ending: bool,
    broken: bool,
}

impl CircleMarks<'_> {
    /// The marks in words, or (`short`) in signs alone: "● T" for a tactical meeting going
    /// on, "● G" for a governance one (the kind's initial).
    fn text(&self, short: bool) -> String {
        let flag = if self.ending { " ⚠" } else { "" };
        let broken = if self.broken { " ✖" } else { "" };
        let open: Vec<String> = self
            .open
            .iter()
            .map(|k| match short {
                false => format!("● {} open", k.id()),
                true => format!("● {}", initial(*k)),
            })
            .collect();
        match (open.is_empty(), short) {
            (true, false) => format!("  {}{flag}{broken}", plural(self.roles, "role")),
            (true, true) => format!("{flag}{broken}"),
            (false, _) => format!("  {}{broken}", open.join(" ")),
        }
    }
}

/// A kind's initial, capitalised: "T" for tactical.
fn initial(kind: MeetingKind) -> String {
    kind.id()
        .chars()
        .take(1)
        .flat_map(char::to_uppercase)
        .collect()
}

/// One line of the circle panel's "Start" list: a key and what it opens.
fn entry(key: &str, label: String) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("  {key:<6}"), theme::key()),
        Span::raw(label),
    ])
}

/// An entry whose label may not fit in `width`: wrapped under its own first word, so that
/// "(read-only)" on a narrow panel stays indented below the label and not under the key.
fn entry_lines(key: &str, label: &str, width: usize) -> Vec<Line<'static>> {
    const KEY_WIDTH: usize = 8;
    let rest = " ".repeat(KEY_WIDTH);
    crate::domain::text::wrap(label, width.saturating_sub(KEY_WIDTH).max(1), "", "")
        .into_iter()
        .enumerate()
        .map(|(i, text)| match i {
            0 => entry(key, text),
            _ => Line::raw(format!("{rest}{text}")),
        })
        .collect()
}

/// The circle's process breakdown, while it lasts: when, by whom and why it was declared,
/// and who ends it (4.1 §3.5.3; 5.0 §5.5.2).
fn breakdown_lines(org: &Organisation, circle: CircleId) -> Vec<Line<'static>> {
    let Some(b) = org.breakdown(circle) else {
        return Vec::new();
    };
    let (restorers, article) = restorers(org, circle);
    let names: Vec<&str> = restorers.iter().map(|p| org.person_name(*p)).collect();
    let who = if names.is_empty() {
        "the Facilitator (unfilled)".to_string()
    } else {
        names.join(" or ")
    };
    vec![
        Line::styled(
            format!(
                "✖ PROCESS BREAKDOWN since {}, declared by {}: {}",
                b.declared_at.date_naive(),
                b.declared_by,
                b.reason
            ),
            theme::error(),
        ),
        Line::styled(
            format!(
                "Until {who} concludes due process is restored ({article}): R here, or roundtable restore --circle \"{}\" --as NAME",
                org.circle(circle).map_or("?", |c| c.name.as_str())
            ),
            theme::muted(),
        ),
    ]
}

/// Home: the circles on the left, the selected circle and what can be started on the right.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    state: &HomeState,
    org: &Organisation,
    open_meetings: &[(CircleId, MeetingKind)],
    today: NaiveDate,
    actor: Option<&str>,
) {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(area);
    draw_circles(frame, left, state, org, open_meetings, today);
    let Some(circle) = state.selected_circle().and_then(|id| org.circle(id)) else {
        return;
    };
    let mut lines = vec![Line::styled(circle.name.clone(), theme::strong())];
    if !circle.purpose.is_empty() {
        lines.push(Line::raw(circle.purpose.clone()));
    }
    lines.extend(breakdown_lines(org, circle.id));
    lines.push(Line::raw(""));
    lines.extend(core_role_lines(org, circle.id, today));
    let open_tensions = org.tensions_in(circle.id).filter(|t| t.open).count();
    let counts = [
        plural(org.members_of(circle.id).len(), "member"),
        plural(org.roles_in(circle.id).count(), "role"),
        plural(open_tensions, "open tension"),
    ];
    lines.push(Line::styled(counts.join(" · "), theme::muted()));
    lines.push(Line::raw(""));
    let width = usize::from(right.width.saturating_sub(2));
    lines.extend(start_lines(state, circle.id, open_meetings, actor, width));
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

/// The circles, depth first, each marked with its open meetings, roles, terms ending and
/// process breakdown.
fn draw_circles(
    frame: &mut Frame,
    area: Rect,
    state: &HomeState,
    org: &Organisation,
    open_meetings: &[(CircleId, MeetingKind)],
    today: NaiveDate,
) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border())
        .title(Span::styled(" Circles ", theme::heading()));
    list::draw(
        frame,
        area,
        block,
        state.circles.len(),
        state.selected,
        |i, width| {
            let (id, depth) = state.circles[i];
            let name = org.circle(id).map_or("?", |c| c.name.as_str());
            let open: Vec<MeetingKind> = open_meetings
                .iter()
                .filter(|(c, _)| *c == id)
                .map(|(_, k)| *k)
                .collect();
            let marks = CircleMarks {
                open: &open,
                roles: org.roles_in(id).count(),
                ending: terms_ending(org, id, today).next().is_some(),
                // A circle in process breakdown is marked whatever else its line says.
                broken: org.breakdown(id).is_some(),
            };
            let label = format!("{}{name}", "  ".repeat(depth));
            // The name comes first: where the marks would leave it less than a dozen columns,
            // they are said in short.
            let long = marks.text(false);
            let room = width.saturating_sub(long.width());
            let roles = if room < label.width().min(12) {
                marks.text(true)
            } else {
                long
            };
            let name = fit(&label, width.saturating_sub(roles.width()));
            Line::from(vec![Span::raw(name), Span::styled(roles, theme::muted())])
        },
    );
}

/// Each core role of the circle with who fills it, and the terms ended or ending soon.
fn core_role_lines(org: &Organisation, circle: CircleId, today: NaiveDate) -> Vec<Line<'static>> {
    let rules = org.rule_set();
    let mut lines = Vec::new();
    for core in CoreRole::ALL {
        let Some(role) = org.core_role(circle, core) else {
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
        let mut spans = vec![
            Span::styled(format!("{:<12}", core.name(rules)), theme::muted()),
            Span::raw(who),
        ];
        for (end, days) in org
            .fillers_of(role.id)
            .filter_map(|a| a.term_end)
            .filter_map(|end| term_soon(end, today).map(|d| (end, d)))
        {
            let (text, style) = if days < 0 {
                (format!("  term ended {end}"), theme::error())
            } else {
                (
                    format!("  term ends {end} (in {days} days)"),
                    theme::warning(),
                )
            };
            spans.push(Span::styled(text, style));
        }
        lines.push(Line::from(spans));
    }
    lines
}

/// What can be started on the circle: its meetings (resumed where open), following one going
/// on, and saying who is at the keyboard.
fn start_lines(
    state: &HomeState,
    circle: CircleId,
    open_meetings: &[(CircleId, MeetingKind)],
    actor: Option<&str>,
    width: usize,
) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled("Start", theme::heading())];
    let is_open = |kind| open_meetings.contains(&(circle, kind));
    for &(key, kind) in &state.starts {
        lines.push(entry(key, start_label(kind, is_open(kind))));
    }
    for (key, label) in ENTRIES {
        lines.push(entry(key, label.to_string()));
    }
    if MeetingKind::ALL.into_iter().any(is_open) {
        lines.extend(entry_lines(
            "f",
            "Follow the meeting going on (read-only)",
            width,
        ));
    }
    lines.push(entry(
        "i",
        match actor {
            Some(name) => format!("At the keyboard: {name}"),
            None => "Say who is at the keyboard".into(),
        },
    ));
    lines
}

#[cfg(test)]
mod entry_tests {
    use super::*;

    #[test]
    fn a_long_entry_wraps_indented_under_its_label_not_under_the_key() {
        let text = |l: &Line| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
        };
        let lines = entry_lines("f", "Follow the meeting going on (read-only)", 38);
        assert_eq!(lines.len(), 2);
        assert_eq!(text(&lines[0]), "  f     Follow the meeting going on");
        assert_eq!(text(&lines[1]), "        (read-only)");
    }
}
