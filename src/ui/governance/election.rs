//! An election being processed: the strip of its steps, the role and term, and the step's
//! record: ballots (names hidden until read), the nomination round, the changes, the count as
//! a bar chart with how a tie was broken, and the objection round on the candidate.
//!
//! Owns: that body. Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use super::super::list;
use super::super::meeting_frame;
use super::super::theme;
use super::{block, wrapped};
use crate::domain::meeting::governance::{
    Election, ElectionStep, GovItem, Governance, ObjectionState,
};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, area: Rect, state: &Governance, item: &GovItem, e: &Election) {
    let [strip, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let labels: Vec<&str> = ElectionStep::ALL.iter().map(|s| s.title()).collect();
    let at = ElectionStep::ALL
        .iter()
        .position(|s| *s == e.step)
        .unwrap_or(0);
    meeting_frame::strip(frame, strip, &labels, at);
    let width = usize::from(area.width.saturating_sub(2));
    let name = |i: usize| state.name_of(i).to_string();
    let present = state.present();
    let role = e.role.name(e.rules);
    let mut lines = Vec::new();
    let term = e.term_end.map_or("no term end".to_string(), |d| {
        format!("term until {}", d.format("%-d %B %Y"))
    });
    let mut about = format!("Electing the {role}, {term}.");
    if let Some(x) = e.excluded {
        about.push_str(&format!(
            " {} is not eligible ({}).",
            name(x),
            crate::domain::CoreRole::Lead.name(e.rules)
        ));
    }
    if let Some(i) = e.incumbent {
        about.push_str(&format!(" Held until now by {}.", name(i)));
    }
    if let Some(w) = e.elected {
        lines.extend(wrapped(
            &format!("Elected: {} as {role} ({term}).", name(w)),
            width,
            theme::strong(),
        ));
    }
    let _ = item;
    match e.step {
        ElectionStep::Ballots => {
            lines.push(Line::styled(
                format!(
                    "Ballots in: {} of {} (hidden until read)",
                    e.ballots.len(),
                    present.len()
                ),
                theme::strong(),
            ));
            for who in &present {
                let cast = e.ballots.iter().any(|(v, _)| v == who);
                let text = if cast {
                    format!("✓ {}", name(*who))
                } else {
                    format!("○ {}: to write a ballot", name(*who))
                };
                lines.push(Line::raw(text));
            }
        }
        ElectionStep::Nominations => {
            for (voter, nominee) in &e.ballots {
                let reason = e.reasons.iter().find(|(v, _)| v == voter);
                let text = match reason {
                    Some((_, r)) => format!("{} → {}: {r}", name(*voter), name(*nominee)),
                    None => format!("{}: not read yet", name(*voter)),
                };
                let style = if reason.is_some() {
                    Style::new()
                } else {
                    theme::muted()
                };
                lines.extend(wrapped(&text, width, style));
            }
        }
        ElectionStep::Changes => {
            for (voter, nominee, reason) in &e.changes {
                lines.extend(wrapped(
                    &format!("{} changes to {}: {reason}", name(*voter), name(*nominee)),
                    width,
                    Style::new(),
                ));
            }
            lines.extend(count(e, state, width));
        }
        ElectionStep::Objections => {
            if let Some(c) = e.proposed {
                let how = e.tie_break.map_or(String::new(), |t| {
                    format!(" (tie broken by {})", t.describe())
                });
                lines.extend(wrapped(
                    &format!("Proposed: {}{how}", name(c)),
                    width,
                    theme::strong(),
                ));
            }
            for who in e.objection_order(&present) {
                let objection = e.objections.iter().find(|o| o.objector == who);
                let text = match (objection, e.answered.contains(&who)) {
                    (Some(o), _) => {
                        let test = match o.test {
                            None => "not tested",
                            Some(t) if t.valid() => "valid",
                            Some(_) => "invalid, does not block",
                        };
                        let resolved = if o.state == ObjectionState::Resolved {
                            ", resolved"
                        } else {
                            ""
                        };
                        format!("✗ {}: {} [{test}{resolved}]", name(who), o.text)
                    }
                    (None, true) => format!("✓ {}: no objection", name(who)),
                    (None, false) => format!("○ {}: waiting", name(who)),
                };
                lines.extend(wrapped(&text, width, Style::new()));
            }
            lines.extend(count(e, state, width));
        }
    }
    if !e.discarded.is_empty() {
        let names: Vec<String> = e.discarded.iter().map(|d| name(*d)).collect();
        lines.extend(wrapped(
            &format!("Set aside: {}", names.join(", ")),
            width,
            theme::muted(),
        ));
    }
    // The role and term last: on a small screen the step's own lines come first.
    lines.extend(wrapped(&about, width, theme::muted()));
    let below = lines
        .len()
        .saturating_sub(usize::from(rest.height.saturating_sub(2)));
    let step_block = list::more_marks(block(e.step.title().to_string()), 0, below);
    frame.render_widget(Paragraph::new(lines).block(step_block), rest);
}

/// The count as a bar chart: each candidate's name, a bar, and the number of nominations.
fn count(e: &Election, state: &Governance, width: usize) -> Vec<Line<'static>> {
    let counts = e.count();
    let most = counts.first().map_or(1, |(_, n)| *n).max(1);
    let label = counts
        .iter()
        .map(|(c, _)| state.name_of(*c).chars().count())
        .max()
        .unwrap_or(0)
        .min(24);
    let room = width.saturating_sub(label + 6).clamp(1, 40);
    let mut lines = vec![Line::styled("Count", theme::strong())];
    for (candidate, n) in counts {
        let bar = "█".repeat((n * room).div_ceil(most));
        let who: String = state.name_of(candidate).chars().take(label).collect();
        lines.push(Line::from(vec![
            ratatui::text::Span::raw(format!("{who:<label$} ")),
            ratatui::text::Span::styled(bar, theme::heading()),
            ratatui::text::Span::raw(format!(" {n}")),
        ]));
    }
    lines
}
