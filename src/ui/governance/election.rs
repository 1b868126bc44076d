//! An election being processed: the strip of its steps, then the step's record: the role
//! described (purpose, domains, accountabilities, who holds it, who is not eligible), the
//! ballots (names hidden until read), the nomination round, the change round voter by voter,
//! the count as a bar chart with the tie and its options, and the objection round on the
//! candidate with earlier rounds, amendments and set-aside candidates.
//!
//! Owns: that body. Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use super::super::list;
use super::super::meeting_frame;
use super::super::theme;
use super::Drawn;
use super::{block, wrapped};
use crate::domain::Organisation;
use crate::domain::meeting::governance::{
    Election, ElectionStep, Governance, Objection, ObjectionState,
};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    (screen, org): (&Drawn<'_>, &Organisation),
    (e, scroll): (&Election, usize),
) {
    let [strip, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let labels: Vec<&str> = ElectionStep::ALL.iter().map(|s| s.short()).collect();
    let at = ElectionStep::ALL
        .iter()
        .position(|s| *s == e.step)
        .unwrap_or(0);
    meeting_frame::strip(frame, strip, &labels, at);
    let width = usize::from(area.width.saturating_sub(2));
    let body = Body {
        state: screen.state,
        e,
        width,
        following: screen.following,
    };
    let mut lines = Vec::new();
    if let Some(w) = e.elected {
        lines.extend(body.text(
            &format!(
                "Elected: {} as {} ({}).",
                body.name(w),
                body.role(),
                body.term()
            ),
            theme::strong(),
        ));
    }
    match e.step {
        ElectionStep::Describe => body.describe(&mut lines, org),
        ElectionStep::Ballots => body.ballots(&mut lines),
        ElectionStep::Nominations => body.nominations(&mut lines),
        ElectionStep::Changes => {
            body.changes(&mut lines);
            body.count(&mut lines);
        }
        ElectionStep::Count => body.count(&mut lines),
        ElectionStep::Objections => {
            body.objections(&mut lines);
            body.count(&mut lines);
        }
    }
    if !e.set_aside.is_empty() {
        let names: Vec<String> = e
            .set_aside
            .iter()
            .map(|s| match &s.reason {
                Some(why) => format!("{} ({why})", body.name(s.candidate)),
                None => body.name(s.candidate),
            })
            .collect();
        lines.extend(body.text(&format!("Set aside: {}", names.join(", ")), theme::muted()));
    }
    // The role and term last: on a small screen the step's own lines come first.
    if e.step != ElectionStep::Describe {
        lines.extend(body.text(&body.about(), theme::muted()));
    }
    let height = usize::from(rest.height.saturating_sub(2));
    let top = scroll.min(lines.len().saturating_sub(height));
    let below = lines.len().saturating_sub(top + height);
    let step_block = list::more_marks(block(e.step.title().to_string()), top, below);
    let offset = u16::try_from(top).unwrap_or(u16::MAX);
    frame.render_widget(
        Paragraph::new(lines).block(step_block).scroll((offset, 0)),
        rest,
    );
}

/// What the body's lines are made from.
struct Body<'a> {
    state: &'a Governance,
    e: &'a Election,
    width: usize,
    /// Shown to a follower: what happens, not the facilitator's keys.
    following: bool,
}

impl Body<'_> {
    fn name(&self, i: usize) -> String {
        self.state.name_of(i).to_string()
    }

    fn role(&self) -> &'static str {
        self.e.role.name(self.e.rules)
    }

    fn term(&self) -> String {
        self.e.term_end.map_or("no term set".to_string(), |d| {
            format!("term until {}", d.format("%-d %B %Y"))
        })
    }

    fn text(&self, text: &str, style: Style) -> Vec<Line<'static>> {
        wrapped(text, self.width, style)
    }

    /// "Electing the Secretary, term until …. Ann is not eligible (Circle Lead). Held …".
    fn about(&self) -> String {
        let e = self.e;
        let mut about = format!("Electing the {}, {}.", self.role(), self.term());
        if let Some(x) = e.excluded {
            let lead = crate::domain::CoreRole::Lead.name(e.rules);
            about.push_str(&format!(" {} is not eligible ({lead}).", self.name(x)));
        }
        if let Some(i) = e.incumbent {
            about.push_str(&format!(" Held until now by {}.", self.name(i)));
        }
        about
    }

    fn describe(&self, lines: &mut Vec<Line<'static>>, org: &Organisation) {
        lines.extend(self.text(&format!("The {}", self.role()), theme::strong()));
        match org.core_role(self.state.circle, self.e.role) {
            Some(role) => {
                lines.extend(self.text(&format!("Purpose: {}", role.purpose), Style::new()));
                for (label, items) in [
                    ("Domains", &role.domains),
                    ("Accountabilities", &role.accountabilities),
                ] {
                    if items.is_empty() {
                        continue;
                    }
                    lines.push(Line::styled(format!("{label}:"), theme::heading()));
                    for a in items {
                        lines.extend(self.text(&format!("• {a}"), Style::new()));
                    }
                }
            }
            None => lines.extend(self.text("This circle has no such role.", theme::muted())),
        }
        lines.extend(self.text(&self.about(), theme::muted()));
        let said = if self.following {
            "The term's end is set first (required). No comments on candidates."
        } else {
            "Enter sets the term's end (required). No comments on candidates."
        };
        lines.extend(self.text(said, theme::muted()));
    }

    fn ballots(&self, lines: &mut Vec<Line<'static>>) {
        let present = self.state.present();
        lines.push(Line::styled(
            format!(
                "Ballots in: {} of {} (hidden until read)",
                self.e.ballots.len(),
                present.len()
            ),
            theme::strong(),
        ));
        for who in &present {
            let text = if self.e.ballots.iter().any(|(v, _)| v == who) {
                format!("✓ {}", self.name(*who))
            } else {
                format!("○ {}: to write a ballot", self.name(*who))
            };
            lines.push(Line::raw(text));
        }
    }

    fn nominations(&self, lines: &mut Vec<Line<'static>>) {
        for (voter, nominee) in &self.e.ballots {
            let reason = self.e.reasons.iter().find(|(v, _)| v == voter);
            let (text, style) = match reason {
                Some((_, r)) => (
                    format!("{} → {}: {r}", self.name(*voter), self.name(*nominee)),
                    Style::new(),
                ),
                None => (
                    format!("{}: not read yet", self.name(*voter)),
                    theme::muted(),
                ),
            };
            lines.extend(self.text(&text, style));
        }
    }

    /// The change round, voter by voter in the order asked.
    fn changes(&self, lines: &mut Vec<Line<'static>>) {
        let e = self.e;
        if let Some(tied) = &e.renominate_among {
            let names: Vec<String> = tied.iter().map(|t| self.name(*t)).collect();
            lines.extend(self.text(
                &format!("Re-nominate one of the tied: {}", names.join(", ")),
                theme::strong(),
            ));
        }
        let next = e.next_to_change();
        for voter in e.change_order() {
            let change = e.changes.iter().rev().find(|c| c.voter == voter);
            let text = match (e.change_answered.contains(&voter), change) {
                (true, Some(c)) if c.to.is_some() => {
                    let to = c.to.map_or(String::new(), |t| self.name(t));
                    format!("→ {} changes to {to}: {}", self.name(voter), c.reason)
                }
                (true, _) => format!("✓ {}: no change", self.name(voter)),
                (false, _) if next == Some(voter) => format!("▸ {}: asked now", self.name(voter)),
                (false, _) => format!("○ {}", self.name(voter)),
            };
            lines.extend(self.text(&text, Style::new()));
        }
    }

    /// The count as a bar chart: each candidate's name, a bar, and the number of
    /// nominations; then the tie, if any.
    fn count(&self, lines: &mut Vec<Line<'static>>) {
        let counts = self.e.count();
        let most = counts.first().map_or(1, |(_, n)| *n).max(1);
        let label = counts
            .iter()
            .map(|(c, _)| self.state.name_of(*c).chars().count())
            .max()
            .unwrap_or(0)
            .min(24);
        let room = self.width.saturating_sub(label + 6).clamp(1, 40);
        lines.push(Line::styled("Count", theme::strong()));
        for (candidate, n) in counts {
            let bar = "█".repeat((n * room).div_ceil(most));
            let who: String = self.state.name_of(candidate).chars().take(label).collect();
            lines.push(Line::from(vec![
                Span::raw(format!("{who:<label$} ")),
                Span::styled(bar, theme::heading()),
                Span::raw(format!(" {n}")),
            ]));
        }
        let top = self.e.top();
        if self.e.step == ElectionStep::Count && top.len() > 1 {
            let names: Vec<String> = top.iter().map(|t| self.name(*t)).collect();
            let tie = format!("A tie between {}.", names.join(" and "));
            let said = meeting_frame::keyed(
                self.following,
                &tie,
                "Enter offers the options the constitution lists.",
            );
            lines.extend(self.text(&said, theme::strong()));
        }
    }

    fn objections(&self, lines: &mut Vec<Line<'static>>) {
        let e = self.e;
        if let Some(c) = e.proposed {
            let how = e.tie_break.map_or(String::new(), |t| {
                format!(" (tie broken by {})", t.describe())
            });
            lines.extend(self.text(&format!("Proposed: {}{how}", self.name(c)), theme::strong()));
        }
        for (before, after) in &e.amendments {
            let before = before.map_or("none".into(), |d| d.to_string());
            lines.extend(self.text(&format!("Term amended: {before} → {after}"), theme::muted()));
        }
        for o in e.objections.iter().filter(|o| o.round < e.round) {
            lines.extend(self.text(&self.objection(o, true), theme::muted()));
        }
        for who in e.objection_order(&self.state.present()) {
            let objection = e.this_round().find(|(_, o)| o.objector == who);
            let text = match (objection, e.answered.contains(&who)) {
                (Some((_, o)), _) => self.objection(o, false),
                (None, true) => format!("✓ {}: no objection", self.name(who)),
                (None, false) => format!("○ {}: waiting", self.name(who)),
            };
            lines.extend(self.text(&text, Style::new()));
        }
    }

    fn objection(&self, o: &Objection, earlier: bool) -> String {
        let test = match o.test {
            None => "not tested",
            Some(t) if t.valid() => "valid",
            Some(_) => "invalid, does not block",
        };
        let state = match o.state {
            ObjectionState::Open => "",
            ObjectionState::Resolved => ", integrated",
            ObjectionState::Abandoned => ", abandoned",
        };
        let when = match self.e.candidate_of(o).filter(|_| earlier) {
            Some(c) if Some(c) != self.e.proposed => format!("earlier, to {}: ", self.name(c)),
            Some(_) => "earlier round: ".to_string(),
            None => String::new(),
        };
        format!(
            "✗ {when}{}: {} [{test}{state}]",
            self.name(o.objector),
            o.text
        )
    }
}
