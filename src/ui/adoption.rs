//! The adoption screens: the steps of adopting the constitution from an empty organisation,
//! with the step's instruction, its list and, while one is open, the question being asked.
//!
//! Owns: `AdoptionState` (the draft, the selection and the open question), `AdoptForm` and
//! the layout. Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use super::theme;
use super::view::Modal;
use super::wrap::{fit, wrap};
use crate::domain::adoption::{Adoption, Control, Step};
use crate::domain::{CoreRole, RuleSet};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Paragraph};
use serde::{Deserialize, Serialize};

/// What the question open on the adoption screen is for, with the answers so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum AdoptForm {
    /// The organisation's name (its anchor circle bears it).
    Name,
    /// The organisation's purpose.
    Purpose,
    /// The name of a person being added.
    PersonName,
    /// The optional e-mail address of the person just named.
    PersonEmail { name: String },
    /// The name of a new role of the anchor circle.
    RoleName,
    /// The purpose of the role just named.
    RolePurpose { name: String },
    /// The accountabilities of the role being added, one a line.
    RoleAccountabilities { name: String, purpose: String },
    /// The domains of the role being added, one a line (none is fine); the last question.
    RoleDomains {
        name: String,
        purpose: String,
        accountabilities: Vec<String>,
    },
    /// The name of a policy being added.
    PolicyName,
    /// The text of the policy just named.
    PolicyText { name: String },
    /// The name of a sub-circle being added.
    CircleName,
    /// The purpose of the sub-circle just named.
    CirclePurpose { name: String },
    /// Who fills the `seat`-th seat (a picker of the people).
    FillWho { seat: usize },
    /// The elected role's term end (a prompt).
    Term { seat: usize, person: usize },
    /// The focus of the `person`-th person, just named for the `seat`-th seat (a prompt).
    Focus { seat: usize, person: usize },
    /// Adopt? (a yes/no question)
    Adopt,
}

/// The adoption on screen.
#[derive(Debug, Clone, Default)]
pub struct AdoptionState {
    pub draft: Adoption,
    pub selected: usize,
    pub modal: Option<Modal>,
    pub form: Option<AdoptForm>,
}

impl AdoptionState {
    /// The rows of the step on screen, as drawn (the selection moves among them).
    pub fn rows(&self) -> Vec<String> {
        let d = &self.draft;
        let mark = |on: bool| if on { "(•) " } else { "( ) " };
        match d.step {
            Step::RuleSet => RuleSet::ALL
                .iter()
                .map(|r| format!("{}{}", mark(*r == d.rule_set), rule_set_title(*r)))
                .collect(),
            Step::Organisation => vec![
                format!("Name: {}", or_none(&d.name)),
                format!("Purpose: {}", or_none(&d.purpose)),
            ],
            Step::People => d
                .people
                .iter()
                .map(|p| match &p.email {
                    Some(e) => format!("{} <{e}>", p.name),
                    None => p.name.clone(),
                })
                .collect(),
            Step::Ratifiers => (0..d.people.len())
                .map(|i| {
                    let on = if d.ratifies(i) { "[x] " } else { "[ ] " };
                    format!("{on}{}", d.people[i].name)
                })
                .collect(),
            Step::Roles => d
                .roles
                .iter()
                .map(|r| format!("{} — {}", r.name, or_none(&r.purpose)))
                .collect(),
            Step::Structure => d.structure(),
            Step::Assignments => d
                .controls()
                .iter()
                .map(|c| format!("{}{}", mark(*c == d.control), d.control_label(c)))
                .collect(),
            Step::Fillers => d.seats().iter().map(|s| seat_row(d, s)).collect(),
            Step::Confirm => summary(d),
        }
    }
}

fn rule_set_title(r: RuleSet) -> &'static str {
    match r {
        RuleSet::Holacracy50 => "Holacracy Constitution 5.0 (2021): Circle Lead, Circle Rep",
        RuleSet::Holacracy41 => "Holacracy Constitution 4.1 (2015): Lead Link, Rep Link",
    }
}

fn or_none(text: &str) -> &str {
    if text.is_empty() { "(none yet)" } else { text }
}

fn seat_row(d: &Adoption, seat: &crate::domain::adoption::Seat) -> String {
    let fillers: Vec<String> = d
        .fillers_on(seat)
        .map(|f| match (f.term_end, &f.focus) {
            (Some(end), _) => format!("{} (term to {end})", f.person),
            (None, Some(focus)) => format!("{} (focus: {focus})", f.person),
            (None, None) => f.person.clone(),
        })
        .collect();
    let who = if fillers.is_empty() {
        "unfilled".to_string()
    } else {
        fillers.join(", ")
    };
    let elected = if seat.core.is_some_and(|c| c.is_elected()) {
        " (elected)"
    } else {
        ""
    };
    format!("{}{elected}: {who}", seat.label())
}

/// Everything the adoption will record, a line each.
fn summary(d: &Adoption) -> Vec<String> {
    let names = |v: Vec<&str>| {
        if v.is_empty() {
            "none".to_string()
        } else {
            v.join(", ")
        }
    };
    let control = d.control_label(&d.control);
    let mut lines = vec![
        format!("Constitution: {}", rule_set_title(d.rule_set)),
        format!("Organisation: {}", d.name),
        format!("Purpose: {}", or_none(&d.purpose)),
        format!(
            "People: {}",
            names(d.people.iter().map(|p| p.name.as_str()).collect())
        ),
        format!(
            "Ratifiers: {}",
            names(d.ratifiers.iter().map(String::as_str).collect())
        ),
        format!(
            "Roles: {}",
            names(d.roles.iter().map(|r| r.name.as_str()).collect())
        ),
        format!(
            "Policies and sub-circles: {}",
            names(d.structure().iter().map(String::as_str).collect())
        ),
        format!("Role assignments: {control}"),
    ];
    lines.extend(
        d.seats()
            .iter()
            .filter(|s| d.fillers_on(s).next().is_some())
            .map(|s| format!("Filled: {}", seat_row(d, s))),
    );
    lines
}

/// A line saying which core roles the anchor circle has already (on the roles step).
/// The anchor circle's core roles, said before step 7 chooses whether it has a Lead: that
/// one is named as depending on it (5.0 §1.4 "The Anchor Circle has no Circle Leads, unless a
/// Policy of the Circle says otherwise"; 4.1 §5.2.1 "The Ratifiers may appoint an initial
/// Lead Link").
fn core_line(d: &Adoption) -> String {
    let with_lead = d.control == Control::Lead;
    let names: Vec<&str> = d
        .rule_set
        .core_roles(true, with_lead)
        .iter()
        .filter(|c| **c != CoreRole::Lead)
        .map(|c| c.name(d.rule_set))
        .collect();
    let lead = CoreRole::Lead.name(d.rule_set);
    let article = match d.rule_set {
        RuleSet::Holacracy50 => "5.0 §1.4",
        RuleSet::Holacracy41 => "4.1 §5.2.1",
    };
    let step = Step::Assignments.number();
    let then = if with_lead {
        format!("; a {lead} too, unless step {step} leaves it without one ({article})")
    } else {
        format!("; no {lead}: step {step} gave its role assignments to another ({article})")
    };
    format!(
        "The anchor circle has its core roles already: {}{then}.",
        names.join(", ")
    )
}

pub fn draw(frame: &mut Frame, area: Rect, state: &AdoptionState) {
    let d = &state.draft;
    let width = usize::from(area.width.saturating_sub(4)).max(1);
    let step = d.step;
    let mut head: Vec<Line<'static>> = vec![Line::from(vec![
        Span::styled(
            format!("Step {} of {} · ", step.number(), Step::ALL.len()),
            theme::muted(),
        ),
        Span::styled(step.title().to_string(), theme::heading()),
    ])];
    if area.height > 18
        && let Some(trail) = trail(step, width)
    {
        head.push(trail);
    }
    for line in wrap(step.what_to_do(), width, "", "") {
        head.push(Line::styled(line, theme::strong()));
    }
    if step == Step::Roles {
        for line in wrap(&core_line(d), width, "", "") {
            head.push(Line::styled(line, theme::muted()));
        }
    }
    let head_height = u16::try_from(head.len()).unwrap_or(u16::MAX);
    let [top, list_area] =
        Layout::vertical([Constraint::Length(head_height), Constraint::Min(0)]).areas(area);
    let padded = Block::default().padding(Padding::horizontal(2));
    frame.render_widget(Paragraph::new(head).block(padded), top);
    let rows = state.rows();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border())
        .title(Span::styled(
            fit(
                &format!(" Adopting the constitution · {} ", or_none(&d.name)),
                usize::from(list_area.width.saturating_sub(2)),
            ),
            theme::heading(),
        ));
    if rows.is_empty() {
        let empty = Paragraph::new(Line::styled(empty_text(step), theme::muted())).block(block);
        frame.render_widget(empty, list_area);
        return;
    }
    let selected = state.selected.min(rows.len() - 1);
    super::list::draw(frame, list_area, block, rows.len(), selected, |i, w| {
        Line::raw(fit(&rows[i], w))
    });
}

/// The steps in a row, the current one in brackets (marked without colour too). Where the
/// row is wider than `width`, the steps nearest the current one, "…" where some are left out;
/// `None` when not even the current one fits.
fn trail(current: Step, width: usize) -> Option<Line<'static>> {
    use unicode_width::UnicodeWidthStr;
    let titles: Vec<String> = Step::ALL
        .iter()
        .map(|s| match *s == current {
            true => format!("[{}]", s.title()),
            false => s.title().to_string(),
        })
        .collect();
    let at = current.number() - 1;
    let (mut from, mut to) = (0, titles.len());
    let width_of = |from: usize, to: usize| {
        let cut = usize::from(from > 0) * 2 + usize::from(to < titles.len()) * 2;
        titles[from..to].join(" › ").width() + cut
    };
    while width_of(from, to) > width {
        // The end farther from the current step goes first.
        if to - 1 > at && to - 1 - at >= at - from {
            to -= 1;
        } else if from < at {
            from += 1;
        } else {
            return None;
        }
    }
    let mut spans = Vec::new();
    if from > 0 {
        spans.push(Span::styled("… ", theme::muted()));
    }
    for (i, title) in titles.iter().enumerate().take(to).skip(from) {
        if i > from {
            spans.push(Span::styled(" › ", theme::muted()));
        }
        let style = if i == at {
            theme::heading()
        } else {
            theme::muted()
        };
        spans.push(Span::styled(title.clone(), style));
    }
    if to < titles.len() {
        spans.push(Span::styled(" …", theme::muted()));
    }
    Some(Line::from(spans))
}

fn empty_text(step: Step) -> &'static str {
    match step {
        Step::People => "Nobody yet: a adds a person.",
        Step::Roles => "No roles of your own yet: a adds one (or Tab to go on).",
        Step::Structure => "None yet: a adds a policy, c a sub-circle (or Tab to go on).",
        _ => "",
    }
}
