//! The body of each tactical step: the speaking order of a round, the review lists with
//! their history and answers, the agenda, and the triage item with its outputs.
//!
//! Owns: each step's rows. Builds only the rows on screen (see `list`).
//! Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use super::super::columns::{self, Cell};
use super::super::details::{answers_line, format_number, sparkline};
use super::super::list;
use super::super::meeting_frame::{countdown, keyed};
use super::super::round::RoundView;
use super::super::theme;
use super::super::wrap::{fit, plural, wrap};
use super::Drawn;
use crate::domain::meeting::periods::{answer_glyph, answers_before, period_label};
use crate::domain::meeting::tactical::{Step, Tactical};
use crate::domain::{ChecklistItem, MetricId, Organisation, RoleId};
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

pub fn draw(frame: &mut Frame, area: Rect, screen: &Drawn, org: &Organisation, now: DateTime<Utc>) {
    match screen.state.step {
        Step::CheckIn | Step::Closing => {
            round(frame, area, screen.state, !screen.presentation, now);
        }
        Step::Checklist => checklist(frame, area, screen, org),
        Step::Metrics => metrics(frame, area, screen, org),
        Step::Progress => super::progress::draw(frame, area, screen, org),
        Step::Agenda => agenda(frame, area, screen),
        Step::Triage => triage(frame, area, screen, org, now),
    }
}

/// "Item 1 of 2: label  owner Name  share 4:10": the label and owner are cut before the
/// share clock is.
fn triage_head(
    state: &Tactical,
    item: &crate::domain::meeting::tactical::AgendaItem,
    at: usize,
    width: usize,
    now: DateTime<Utc>,
) -> Line<'static> {
    let place = format!("Item {} of {}: ", at + 1, state.agenda_order.len());
    let place_width = place.chars().count();
    let mut cells = vec![
        Cell::fixed(place, place_width, theme::muted()),
        Cell::text(item.label.clone(), 1, theme::selected()),
        Cell::text(
            format!("  owner {}", state.name_of(item.owner)),
            1,
            theme::strong(),
        ),
    ];
    if item.closed.is_some() {
        cells.push(Cell::fixed("  closed", 8, theme::muted()));
    } else if let Some(deadline) = state.item_deadline() {
        let clock = countdown(deadline, now);
        cells.push(Cell::fixed("  share ", 8, theme::muted()));
        let clock_width = clock.content.chars().count();
        cells.push(Cell::fixed(
            clock.content.into_owned(),
            clock_width,
            clock.style,
        ));
    }
    columns::row(cells, width)
}

/// A round, drawn as every meeting draws its rounds.
fn round(frame: &mut Frame, area: Rect, state: &Tactical, big_name: bool, now: DateTime<Utc>) {
    let names = |i: usize| state.name_of(i);
    let view = RoundView {
        rounds: &state.rounds,
        step: state.step,
        at: state.cursor(state.step),
        question: (state.step == Step::CheckIn).then_some(state.question.as_str()),
        names: &names,
        big_name,
        turn: state.turn().map(|t| (t, now)),
    };
    super::super::round::draw(frame, area, &view);
}

/// "Name" of who reports for an item when it is not the usual filler.
fn reporter_line(screen: &Drawn, org: &Organisation) -> Option<Line<'static>> {
    let state = screen.state;
    let reporter = screen.reporter?.at(state.step, state.cursor(state.step))?;
    let _ = org;
    Some(Line::from(vec![
        Span::styled("Reported by ", theme::muted()),
        Span::styled(state.name_of(reporter).to_string(), theme::strong()),
        Span::styled(" (b: someone else)", theme::muted()),
    ]))
}

fn with_reporter(frame: &mut Frame, area: Rect, screen: &Drawn, org: &Organisation) -> Rect {
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
pub(super) struct ReviewStep {
    pub(super) step: Step,
    pub(super) len: usize,
    /// The box's title, and what it says when the step has nothing to review: the fact and
    /// the facilitator's keys (`meeting_frame::keyed`).
    pub(super) empty: (&'static str, &'static str, &'static str),
    pub(super) title: String,
}

/// A review step: its message when empty, else the reporter line and the step's rows, each
/// given its role group cell (a third of the width, blank under the same role).
pub(super) fn review_list<'a>(
    frame: &mut Frame,
    area: Rect,
    screen: &Drawn,
    org: &Organisation,
    step: ReviewStep,
    row: impl Fn(usize, usize, Cell) -> Line<'a>,
) {
    let state = screen.state;
    if step.len == 0 {
        let (title, fact, keys) = step.empty;
        return empty(frame, area, title, &keyed(screen.following, fact, keys));
    }
    let area = with_reporter(frame, area, screen, org);
    let role_of = |i: usize| state.review_role(org, step.step, i);
    list::draw(
        frame,
        area,
        block(step.title),
        step.len,
        state.cursor(step.step),
        |i, width| row(i, width, group_cell(state, org, &role_of, i, width / 3)),
    );
}

fn group_cell(
    state: &Tactical,
    org: &Organisation,
    role_of: &dyn Fn(usize) -> Option<RoleId>,
    i: usize,
    width: usize,
) -> Cell {
    let role = role_of(i);
    if i > 0 && role_of(i - 1) == role {
        return Cell::fixed("", width, Style::new());
    }
    let text = role.and_then(|r| org.role(r)).map_or("?".to_string(), |r| {
        let fillers: Vec<(&str, bool)> = org
            .fillers_of(r.id)
            .map(|a| (org.person_name(a.person), state.is_absent(a.person)))
            .collect();
        // A sub-circle's Lead reports for the sub-circle, a role of this circle.
        let name = match org.circle(r.circle).filter(|c| c.id != state.circle) {
            Some(sub) => format!("{} sub-circle", sub.name),
            None => r.name.clone(),
        };
        group_text(&name, &fillers, width.saturating_sub(1))
    });
    Cell::fixed(text, width, theme::heading())
}

/// "Role (Name absent, Name)" in `width` columns, the "absent" marks never cut: when the
/// whole text is too wide the names are shortened first ("Pastry Lead (Lucía F… absent)"),
/// then left out ("Pastry L… (absent)", "Ovens Keeper (1 absent)"). With nobody absent it
/// is simply cut.
fn group_text(role: &str, fillers: &[(&str, bool)], width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let marked = |names: &[String]| -> String {
        let who: Vec<String> = names
            .iter()
            .zip(fillers)
            .map(|(n, (_, absent))| {
                if *absent {
                    format!("{n} absent")
                } else {
                    n.clone()
                }
            })
            .collect();
        format!("{role} ({})", who.join(", "))
    };
    if fillers.is_empty() {
        return fit(role, width);
    }
    let names: Vec<String> = fillers.iter().map(|(n, _)| n.to_string()).collect();
    let full = marked(&names);
    let absent = fillers.iter().filter(|(_, a)| *a).count();
    if absent == 0 || full.width() <= width {
        return fit(&full, width);
    }
    // The names share what the role, the marks and the punctuation leave.
    let names_width: usize = names.iter().map(|n| n.width()).sum();
    let room = width.saturating_sub(full.width() - names_width);
    let share = room / fillers.len();
    // A name cut shorter than "Luc…" says nothing: leave the names out instead.
    if share >= 4 {
        let cut: Vec<String> = names.iter().map(|n| fit(n, share)).collect();
        return marked(&cut);
    }
    let mark = match absent {
        n if n == fillers.len() => " (absent)".to_string(),
        n => format!(" ({n} absent)"),
    };
    format!("{}{mark}", fit(role, width.saturating_sub(mark.width())))
}

fn checklist(frame: &mut Frame, area: Rect, screen: &Drawn, org: &Organisation) {
    let state = screen.state;
    let step = ReviewStep {
        step: Step::Checklist,
        len: state.checklist.len(),
        empty: (
            "Checklist",
            "No checklist items are due for this circle.",
            "> goes to the metrics.",
        ),
        title: format!(
            "Checklist · {} · {} of {} answered",
            answered_periods(state, org),
            state.answers.len(),
            state.checklist.len()
        ),
    };
    let periods: Vec<String> = state
        .checklist
        .iter()
        .map(|&id| {
            org.checklist_item(id)
                .map_or(String::new(), |c| c.frequency.to_string())
        })
        .collect();
    let area = with_history_line(frame, area, state, org);
    let period_width = columns::widest(periods.iter().map(String::as_str));
    review_list(frame, area, screen, org, step, |i, width, group| {
        let id = state.checklist[i];
        let Some(item) = org.checklist_item(id) else {
            return Line::raw("?");
        };
        let (answer, style) = match state.answer_for(id) {
            Some(a) if a.checked => ("✓ check", theme::info()),
            Some(_) => ("✗ no check", theme::error()),
            None => ("· ...", theme::muted()),
        };
        let history: String = earlier_answers(state, org, item, HISTORY)
            .into_iter()
            .map(|(_, answer)| answer_glyph(answer))
            .collect();
        let cells = vec![
            group,
            Cell::fixed(answer, 11, style),
            Cell::fill(item.text.clone(), 1, Style::new()),
            Cell::fixed(format!(" {}", periods[i]), period_width + 1, theme::muted()),
            Cell::fixed(format!(" {history}"), HISTORY + 1, theme::muted()),
        ];
        columns::row(cells, width)
    });
}

/// The periods the checklist answers, named: "week of 16 Nov" (several, when items of
/// different frequencies are due).
fn answered_periods(state: &Tactical, org: &Organisation) -> String {
    let mut labels: Vec<String> = Vec::new();
    for item in state
        .checklist
        .iter()
        .filter_map(|&c| org.checklist_item(c))
    {
        let label = period_label(item.frequency, state.period_for(item.frequency));
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    labels.join(", ")
}

/// A checklist item's answers for the `count` periods before the one being answered, oldest
/// first; a period nobody answered is `None`.
fn earlier_answers(
    state: &Tactical,
    org: &Organisation,
    item: &ChecklistItem,
    count: usize,
) -> Vec<(chrono::NaiveDate, Option<bool>)> {
    let marks: Vec<_> = org.marks_of(item.id).collect();
    answers_before(item, state.period_for(item.frequency), &marks, count)
}

/// The selected item's earlier answers with their dates, on the box's last row.
fn with_history_line(frame: &mut Frame, area: Rect, state: &Tactical, org: &Organisation) -> Rect {
    let Some(item) = state
        .checklist
        .get(state.cursor(Step::Checklist))
        .and_then(|&c| org.checklist_item(c))
    else {
        return area;
    };
    let answers = earlier_answers(state, org, item, 4);
    let [list, foot] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    let line = answers_line(item.frequency, &answers, usize::from(foot.width));
    frame.render_widget(Paragraph::new(line), foot);
    list
}

fn metrics(frame: &mut Frame, area: Rect, screen: &Drawn, org: &Organisation) {
    let state = screen.state;
    let earlier = state
        .metrics
        .iter()
        .any(|&id| state.earlier_value(org, id).is_some());
    let step = ReviewStep {
        step: Step::Metrics,
        len: state.metrics.len(),
        empty: (
            "Metrics",
            "This circle has no metrics.",
            "> goes to the progress updates.",
        ),
        title: format!(
            "Metrics · {} of {} reported{}",
            state.reports.len(),
            state.metrics.len(),
            match (earlier, screen.following) {
                (true, false) => " · ✓ reported earlier: Enter corrects",
                (true, true) => " · ✓ reported earlier",
                (false, _) => "",
            }
        ),
    };
    // The value columns are as wide as their widest entry, so they line up row to row.
    let nows: Vec<String> = state
        .metrics
        .iter()
        .map(|&id| reported(state, org, id))
        .collect();
    let value_width = columns::widest(nows.iter().map(String::as_str));
    let lasts: Vec<String> = state.metrics.iter().map(|&id| last(org, id)).collect();
    let last_width = columns::widest(lasts.iter().map(String::as_str));
    review_list(frame, area, screen, org, step, |i, width, group| {
        let id = state.metrics[i];
        let Some(metric) = org.metric(id) else {
            return Line::raw("?");
        };
        let values: Vec<f64> = org.values_of(id).map(|v| v.value).collect();
        let recent = &values[values.len().saturating_sub(HISTORY)..];
        let style = if state.report_for(id).is_some() {
            theme::info()
        } else {
            theme::muted()
        };
        let cells = vec![
            group,
            Cell::fill(metric.name.clone(), 1, Style::new()),
            Cell::fixed(
                format!(" {}", sparkline(recent)),
                HISTORY + 1,
                theme::heading(),
            ),
            Cell::fixed(format!(" {}", lasts[i]), last_width + 1, theme::muted()),
            Cell::fixed(nows[i].clone(), value_width + 2, style).right(),
        ];
        columns::row(cells, width)
    });
}

/// "2050 loaves" as reported in this meeting, "✓ 2050 loaves" when the period already has
/// its value from before (the title says so), or "..." while not yet.
fn reported(state: &Tactical, org: &Organisation, id: MetricId) -> String {
    let unit = org.metric(id).and_then(|m| m.unit.as_deref());
    match (state.report_for(id), state.earlier_value(org, id)) {
        (Some(r), _) => with_unit(r.value, unit),
        (None, Some(v)) => format!("✓ {}", with_unit(v.value, unit)),
        (None, None) => "...".into(),
    }
}

/// "last 2050 loaves": the value last recorded before, with its unit, or nothing.
fn last(org: &Organisation, id: MetricId) -> String {
    let unit = org.metric(id).and_then(|m| m.unit.as_deref());
    org.values_of(id).last().map_or(String::new(), |v| {
        format!("last {}", with_unit(v.value, unit))
    })
}

fn with_unit(value: f64, unit: Option<&str>) -> String {
    match unit.filter(|u| !u.is_empty()) {
        Some(unit) => format!("{} {unit}", format_number(value)),
        None => format_number(value),
    }
}

fn agenda(frame: &mut Frame, area: Rect, screen: &Drawn) {
    let state = screen.state;
    if state.agenda_order.is_empty() {
        let said = keyed(
            screen.following,
            "No items yet.",
            "a adds one (a label, then its owner); T adds from the open tensions of the people here.",
        );
        return empty(frame, area, "Agenda", &said);
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

fn triage(frame: &mut Frame, area: Rect, screen: &Drawn, org: &Organisation, now: DateTime<Utc>) {
    let state = screen.state;
    let Some(item) = state.current_item().and_then(|s| state.item(s)) else {
        let said = keyed(
            screen.following,
            "The agenda is empty.",
            "a adds an item; > goes to the closing round.",
        );
        return empty(frame, area, "Triage", &said);
    };
    let at = state.cursor(Step::Triage);
    // The agenda box is as tall as the agenda (up to a third of the room); the current item
    // gets the rest.
    let agenda_rows = u16::try_from(state.agenda_order.len()).unwrap_or(u16::MAX);
    let agenda_height = agenda_rows.saturating_add(2).min((area.height / 3).max(3));
    let [current, rest] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(agenda_height)]).areas(area);
    let width = usize::from(current.width.saturating_sub(2));
    let mut lines = vec![triage_head(state, item, at, width, now)];
    lines.push(match item.closed {
        Some(true) => Line::styled("Closed: they got what they needed.", theme::info()),
        Some(false) => Line::styled(
            "Closed: they did not get everything they needed.",
            theme::warning(),
        ),
        None => Line::styled(
            keyed(
                screen.following,
                "Ask: what do you need?",
                " Enter adds an output, c closes.",
            ),
            theme::muted(),
        ),
    });
    let mut outputs = Vec::new();
    for (_, output) in &item.outputs {
        let text = super::output_text(state, org, output);
        outputs.extend(
            wrap(&text, width, "  • ", "    ")
                .into_iter()
                .map(Line::raw),
        );
    }
    // The outputs scroll to the newest (the one just added); the border says how many
    // lines of earlier ones are above.
    let room = usize::from(current.height.saturating_sub(2)).saturating_sub(lines.len());
    let hidden = outputs.len().saturating_sub(room);
    lines.extend(outputs.into_iter().skip(hidden));
    let title = format!("Triage · {} open", state.open_items());
    let current_block = list::more_marks(block(title), hidden, 0);
    frame.render_widget(Paragraph::new(lines).block(current_block), current);
    list::draw(
        frame,
        rest,
        block("Agenda".into()),
        state.agenda_order.len(),
        at,
        |i, width| triage_agenda_row(state, i, width),
    );
}

/// A row of the agenda under the triage item: closed or not, place, label, owner, outputs.
fn triage_agenda_row(state: &Tactical, i: usize, width: usize) -> Line<'static> {
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
    let text = format!(
        "{mark} {:>2}. {} — {}{outputs}",
        i + 1,
        item.label,
        state.name_of(item.owner)
    );
    Line::styled(fit(&text, width), style)
}
