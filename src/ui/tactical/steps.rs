//! The body of each tactical step: the speaking order of a round, the review lists with
//! their history and answers, the agenda, and the triage item with its outputs.
//!
//! Owns: each step's rows. Builds only the rows on screen (see `list`).
//! Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use super::super::details::{format_number, sparkline};
use super::super::list;
use super::super::meeting_frame::countdown;
use super::super::round::RoundView;
use super::super::theme;
use super::super::view::TacticalScreen;
use super::super::wrap::{fit, plural, wrap};
use crate::domain::meeting::tactical::{Step, Tactical};
use crate::domain::{Organisation, RoleId};
use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// How many past answers or values a row shows.
const HISTORY: usize = 6;

fn block(title: String) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border())
        .title(Span::styled(format!(" {title} "), theme::heading()))
}

fn empty(frame: &mut Frame, area: Rect, title: &str, message: &str) {
    let lines: Vec<Line> = wrap(message, usize::from(area.width.saturating_sub(2)), "", "")
        .into_iter()
        .map(|l| Line::styled(l, theme::muted()))
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block(title.into())), area);
}

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    screen: &TacticalScreen,
    org: &Organisation,
    now: DateTime<Utc>,
) {
    match screen.state.step {
        Step::CheckIn | Step::Closing => round(frame, area, &screen.state, !screen.presentation),
        Step::Checklist => checklist(frame, area, screen, org),
        Step::Metrics => metrics(frame, area, screen, org),
        Step::Progress => progress(frame, area, screen, org),
        Step::Agenda => agenda(frame, area, &screen.state),
        Step::Triage => triage(frame, area, &screen.state, org, now),
    }
}

/// A round, drawn as every meeting draws its rounds.
fn round(frame: &mut Frame, area: Rect, state: &Tactical, big_name: bool) {
    let names = |i: usize| state.name_of(i);
    let view = RoundView {
        rounds: &state.rounds,
        step: state.step,
        at: state.cursor(state.step),
        question: (state.step == Step::CheckIn).then_some(state.question.as_str()),
        names: &names,
        big_name,
    };
    super::super::round::draw(frame, area, &view);
}

/// "Name" of who reports for an item when it is not the usual filler.
fn reporter_line(screen: &TacticalScreen, org: &Organisation) -> Option<Line<'static>> {
    let state = &screen.state;
    let reporter = screen.reporter?;
    let _ = org;
    Some(Line::from(vec![
        Span::styled("Reported by ", theme::muted()),
        Span::styled(state.name_of(reporter).to_string(), theme::strong()),
        Span::styled(" (b: someone else)", theme::muted()),
    ]))
}

fn with_reporter(
    frame: &mut Frame,
    area: Rect,
    screen: &TacticalScreen,
    org: &Organisation,
) -> Rect {
    match reporter_line(screen, org) {
        Some(line) => {
            let [list, foot] =
                Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
            frame.render_widget(Paragraph::new(line), foot);
            list
        }
        None => area,
    }
}

/// The group column of a review row: "Role (fillers)" on the first row of each role's
/// group, blank below it, so the rows read as grouped by role and filler.
/// One of the review steps (checklist, metrics, progress) as the list shows it.
struct ReviewStep {
    step: Step,
    len: usize,
    /// The box's title and message when the step has nothing to review.
    empty: (&'static str, &'static str),
    title: String,
}

/// A review step: its message when empty, else the reporter line and the step's rows, each
/// given its role group cell (a third of the width, blank under the same role).
fn review_list<'a>(
    frame: &mut Frame,
    area: Rect,
    screen: &TacticalScreen,
    org: &Organisation,
    step: ReviewStep,
    row: impl Fn(usize, usize, Span<'static>) -> Line<'a>,
) {
    let state = &screen.state;
    if step.len == 0 {
        let (title, message) = step.empty;
        return empty(frame, area, title, message);
    }
    let area = with_reporter(frame, area, screen, org);
    let role_of = |i: usize| state.review_role(org, step.step, i);
    list::draw(
        frame,
        area,
        block(step.title),
        step.len,
        state.cursor(step.step),
        |i, width| row(i, width, group_cell(org, &role_of, i, width / 3)),
    );
}

fn group_cell(
    org: &Organisation,
    role_of: &dyn Fn(usize) -> Option<RoleId>,
    i: usize,
    width: usize,
) -> Span<'static> {
    let role = role_of(i);
    if i > 0 && role_of(i - 1) == role {
        return Span::raw(" ".repeat(width));
    }
    let text = role.and_then(|r| org.role(r)).map_or("?".to_string(), |r| {
        let who: Vec<&str> = org
            .fillers_of(r.id)
            .map(|a| org.person_name(a.person))
            .collect();
        if who.is_empty() {
            r.name.clone()
        } else {
            format!("{} ({})", r.name, who.join(", "))
        }
    });
    Span::styled(
        format!("{:<width$}", fit(&text, width.saturating_sub(1))),
        theme::heading(),
    )
}

fn checklist(frame: &mut Frame, area: Rect, screen: &TacticalScreen, org: &Organisation) {
    let state = &screen.state;
    let step = ReviewStep {
        step: Step::Checklist,
        len: state.checklist.len(),
        empty: (
            "Checklist",
            "No checklist items are due for this circle. > goes to the metrics.",
        ),
        title: format!(
            "Checklist · {} of {} answered",
            state.answers.len(),
            state.checklist.len()
        ),
    };
    review_list(frame, area, screen, org, step, |i, width, group| {
        let id = state.checklist[i];
        let Some(item) = org.checklist_item(id) else {
            return Line::raw("?");
        };
        let answer = match state.answer_for(id) {
            Some(a) if a.checked => Span::styled("✓ check    ", theme::info()),
            Some(_) => Span::styled("✗ no check ", theme::error()),
            None => Span::styled("· ...      ", theme::muted()),
        };
        let marks: Vec<&str> = org
            .marks_of(id)
            .map(|m| if m.checked { "✓" } else { "✗" })
            .collect();
        let history = marks[marks.len().saturating_sub(HISTORY)..].join("");
        let room = width.saturating_sub(width / 3 + 11 + HISTORY + 2);
        let text = format!("{} ({})", item.text, item.frequency);
        Line::from(vec![
            group,
            answer,
            Span::raw(fit(&text, room)),
            Span::styled(format!("  {history}"), theme::muted()),
        ])
    });
}

fn metrics(frame: &mut Frame, area: Rect, screen: &TacticalScreen, org: &Organisation) {
    let state = &screen.state;
    let step = ReviewStep {
        step: Step::Metrics,
        len: state.metrics.len(),
        empty: (
            "Metrics",
            "This circle has no metrics. > goes to the progress updates.",
        ),
        title: format!(
            "Metrics · {} of {} reported",
            state.reports.len(),
            state.metrics.len()
        ),
    };
    review_list(frame, area, screen, org, step, |i, width, group| {
        let id = state.metrics[i];
        let Some(metric) = org.metric(id) else {
            return Line::raw("?");
        };
        let unit = metric.unit.as_deref().unwrap_or("");
        let values: Vec<f64> = org.values_of(id).map(|v| v.value).collect();
        let recent = &values[values.len().saturating_sub(HISTORY)..];
        let reported = match state.report_for(id) {
            Some(r) => Span::styled(format!("{} {unit} ", format_number(r.value)), theme::info()),
            None => Span::styled("... ", theme::muted()),
        };
        let last = recent
            .last()
            .map_or(String::new(), |v| format!(" last {}", format_number(*v)));
        let spark = format!(" {}{last}", sparkline(recent));
        let used = width / 3 + spark.chars().count() + reported.content.chars().count();
        let name = fit(&metric.name, width.saturating_sub(used));
        Line::from(vec![
            group,
            reported,
            Span::raw(name),
            Span::styled(spark, theme::heading()),
        ])
    });
}

fn progress(frame: &mut Frame, area: Rect, screen: &TacticalScreen, org: &Organisation) {
    let state = &screen.state;
    let step = ReviewStep {
        step: Step::Progress,
        len: state.projects.len(),
        empty: (
            "Projects",
            "No current projects in this circle. > goes to agenda building.",
        ),
        title: format!(
            "Current projects · {} of {} updated",
            state.updates.len(),
            state.projects.len()
        ),
    };
    review_list(frame, area, screen, org, step, |i, width, group| {
        let id = state.projects[i];
        let Some(project) = org.project(id) else {
            return Line::raw("?");
        };
        let (mark, style) = match state.update_for(id) {
            Some(u) => {
                let text = u.update.as_deref().unwrap_or("no updates");
                let status = if u.status != u.status_before {
                    format!(" → {}", u.status)
                } else {
                    String::new()
                };
                (format!(" ✓ {text}{status}"), theme::info())
            }
            None => (" ...".into(), theme::muted()),
        };
        let rest = width.saturating_sub(width / 3);
        let title = fit(&project.title, rest / 2);
        let mark = fit(&mark, rest.saturating_sub(title.chars().count()));
        Line::from(vec![group, Span::raw(title), Span::styled(mark, style)])
    });
}

fn agenda(frame: &mut Frame, area: Rect, state: &Tactical) {
    if state.agenda_order.is_empty() {
        return empty(
            frame,
            area,
            "Agenda",
            "No items yet. a adds one (a label, then its owner); T adds from the open tensions of the people here.",
        );
    }
    let title = format!("Agenda · {}", plural(state.agenda_order.len(), "item"));
    list::draw(
        frame,
        area,
        block(title),
        state.agenda_order.len(),
        state.cursor(Step::Agenda),
        |i, width| {
            let Some(item) = state.item(state.agenda_order[i]) else {
                return Line::raw("?");
            };
            let from = if item.tension.is_some() {
                "  (from a tension)"
            } else {
                ""
            };
            Line::raw(fit(
                &format!(
                    "{:>2}. {} — {}{from}",
                    i + 1,
                    item.label,
                    state.name_of(item.owner)
                ),
                width,
            ))
        },
    );
}

fn triage(frame: &mut Frame, area: Rect, state: &Tactical, org: &Organisation, now: DateTime<Utc>) {
    let Some(item) = state.current_item().and_then(|s| state.item(s)) else {
        return empty(
            frame,
            area,
            "Triage",
            "The agenda is empty. a adds an item; > goes to the closing round.",
        );
    };
    let at = state.cursor(Step::Triage);
    let [current, rest] =
        Layout::vertical([Constraint::Percentage(60), Constraint::Min(3)]).areas(area);
    let mut head = vec![
        Span::styled(
            format!("Item {} of {}: ", at + 1, state.agenda_order.len()),
            theme::muted(),
        ),
        Span::styled(item.label.clone(), theme::selected()),
        Span::styled(
            format!("  owner {}", state.name_of(item.owner)),
            theme::strong(),
        ),
    ];
    if let Some(deadline) = state.item_deadline() {
        head.push(Span::styled("  share ", theme::muted()));
        head.push(countdown(deadline, now));
    }
    let mut lines = vec![Line::from(head)];
    match item.closed {
        Some(true) => lines.push(Line::styled(
            "Closed: they got what they needed.",
            theme::info(),
        )),
        Some(false) => lines.push(Line::styled(
            "Closed: they did not get everything they needed.",
            theme::warning(),
        )),
        None => lines.push(Line::styled(
            "Ask: what do you need?  Enter adds an output, c closes.",
            theme::muted(),
        )),
    }
    let width = usize::from(current.width.saturating_sub(2));
    for (_, output) in &item.outputs {
        let owner = super::output_owner(org, output);
        for l in wrap(
            &format!("{}: {}{owner}", output.kind.label(), output.text),
            width,
            "  • ",
            "    ",
        ) {
            lines.push(Line::raw(l));
        }
    }
    let title = format!("Triage · {} open", state.open_items());
    frame.render_widget(Paragraph::new(lines).block(block(title)), current);
    list::draw(
        frame,
        rest,
        block("Agenda".into()),
        state.agenda_order.len(),
        at,
        |i, width| {
            let Some(item) = state.item(state.agenda_order[i]) else {
                return Line::raw("?");
            };
            let mark = match item.closed {
                Some(true) => "✓",
                Some(false) => "✗",
                None => " ",
            };
            let outputs = if item.outputs.is_empty() {
                String::new()
            } else {
                format!("  ({})", plural(item.outputs.len(), "output"))
            };
            let style = if item.closed.is_some() {
                theme::muted()
            } else {
                Style::new()
            };
            Line::styled(
                fit(
                    &format!(
                        "{mark} {:>2}. {} — {}{outputs}",
                        i + 1,
                        item.label,
                        state.name_of(item.owner)
                    ),
                    width,
                ),
                style,
            )
        },
    );
}
