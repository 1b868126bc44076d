//! A proposal being processed: the strip of the six steps of integrative decision-making, the
//! proposal itself (its framing and its changes as a diff against the record, or the changes
//! being written), and the current step's record: questions, reactions, what the last
//! amendment changed, the objection round, the objection being integrated.
//!
//! Owns: that body. Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use super::super::list;
use super::super::meeting_frame;
use super::super::theme;
use super::super::wrap::wrap;
use super::Drawn;
use super::{block, wrapped};
use crate::domain::Organisation;
use crate::domain::meeting::governance::{
    Change, DiffLine, GovItem, IdmStep, Mark, Objection, ObjectionState, Proposal, change_lines,
    versions_diff,
};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

/// The proposal being processed: the strip of steps, the proposal (its framing and changes,
/// or the changes being written), and under it the current step's record when it has one.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    screen: &Drawn<'_>,
    item: &GovItem,
    p: &Proposal,
    org: &Organisation,
) {
    let state = &screen.state;
    let [strip, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let labels: Vec<&str> = IdmStep::ALL.iter().map(|s| s.short()).collect();
    let at = IdmStep::ALL.iter().position(|s| *s == p.step).unwrap_or(0);
    meeting_frame::strip(frame, strip, &labels, at);
    let width = usize::from(area.width.saturating_sub(2));
    let step_lines = step_lines(screen, p, org, width);
    let (top, bottom) = if step_lines.is_empty() || item.closed() {
        (rest, None)
    } else {
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(rest);
        (top, Some(bottom))
    };
    let title = match (screen.editing, p.versions.len()) {
        (Some(_), 0) => "Proposal · being written (not saved: c goes on)".to_string(),
        (Some(_), n) => format!("Proposal · changes to version {n} being written (c goes on)"),
        (None, 0) => "Proposal · no changes yet".to_string(),
        (None, n) => format!("Proposal · version {n}"),
    };
    frame.render_widget(
        Paragraph::new(proposal_lines(screen, item, p, org, width))
            .block(block(title))
            .wrap(Wrap { trim: false }),
        top,
    );
    if let Some(bottom) = bottom {
        // The newest lines matter most (the person asked, the latest answer): keep the tail.
        let room = usize::from(bottom.height.saturating_sub(2));
        let skip = step_lines.len().saturating_sub(room);
        let shown: Vec<Line> = step_lines.into_iter().skip(skip).collect();
        let title = p.step.title_under(state.rules).to_string();
        let step_block = list::more_marks(block(title), skip, 0);
        frame.render_widget(Paragraph::new(shown).block(step_block), bottom);
    }
}

/// The proposal's own lines: its outcome once it has one, then an amendment being written
/// against the current version, or the framing and the changes (being written, or the
/// current version's).
fn proposal_lines(
    screen: &Drawn<'_>,
    item: &GovItem,
    p: &Proposal,
    org: &Organisation,
    width: usize,
) -> Vec<Line<'static>> {
    let mut lines = match (screen.editing, p.current().map(Vec::as_slice)) {
        (Some(editing), Some(current)) => amendment(org, current, editing, width),
        (editing, current) => {
            let proposer = screen.state.name_of(p.proposer);
            let mut lines = framing(proposer, item, p, org, screen.following, width);
            match editing.or(current) {
                Some([]) => lines.push(Line::styled("No changes yet.", theme::muted())),
                Some(changes) => {
                    for c in changes {
                        lines.extend(diff(&change_lines(org, c), width));
                    }
                }
                None => lines.push(Line::styled(
                    keyed(
                        screen.following,
                        "No changes yet",
                        "c writes them (roles, policies and sub-circles)",
                    ),
                    theme::muted(),
                )),
            }
            lines
        }
    };
    if let Some(outcome) = &p.outcome {
        lines.insert(
            0,
            Line::styled(format!("Outcome: {}", outcome.describe()), theme::strong()),
        );
    }
    lines
}

/// An amendment being written: each change taken out of the current version, then each new
/// or changed one in full against the record, then how many stay as they were.
fn amendment(
    org: &Organisation,
    current: &[Change],
    editing: &[Change],
    width: usize,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for c in current.iter().filter(|c| !editing.contains(c)) {
        lines.extend(diff(
            &[DiffLine {
                mark: Mark::Removed,
                text: format!("Taken out: {}", c.describe(org)),
            }],
            width,
        ));
    }
    for c in editing.iter().filter(|c| !current.contains(c)) {
        lines.extend(diff(&change_lines(org, c), width));
    }
    let kept = editing.iter().filter(|c| current.contains(c)).count();
    if kept > 0 {
        lines.push(Line::styled(
            format!("…and {kept} change(s) as in the current version."),
            theme::muted(),
        ));
    }
    if lines.is_empty() {
        lines.push(Line::styled("Nothing changed yet.", theme::muted()));
    }
    lines
}

/// Diff lines, coloured by their mark.
fn diff(lines: &[DiffLine], width: usize) -> Vec<Line<'static>> {
    lines
        .iter()
        .flat_map(|l| {
            let style = match l.mark {
                Mark::Added => theme::added(),
                Mark::Removed => theme::removed(),
                Mark::Same => ratatui::style::Style::new(),
            };
            let sign = format!("{} ", l.mark.sign());
            wrap(&l.text, width, &sign, "    ")
                .into_iter()
                .map(move |t| Line::styled(t, style))
        })
        .collect()
}

/// A fact and the facilitator's keys for it: "fact: keys" to the one facilitating, "fact."
/// to a follower (another program facilitates; no key of theirs records anything).
fn keyed(following: bool, fact: &str, keys: &str) -> String {
    if following {
        format!("{fact}.")
    } else {
        format!("{fact}: {keys}.")
    }
}

/// What is said of a proposal whose tension was not framed in the meeting: the tension it
/// stands for (a noted tension, or the agenda item's words) once it is closed, else how to
/// frame it (to a follower, only that it is not framed yet).
fn unframed(proposer: &str, item: &GovItem, p: &Proposal, following: bool) -> String {
    match (&p.outcome, item.tension, p.versions.is_empty()) {
        (None, ..) if following => format!("Proposer: {proposer}. The tension is not framed yet."),
        (None, ..) => format!(
            "Proposer: {proposer}. Enter frames the tension, an example and the role that feels it."
        ),
        (Some(_), Some(_), _) => {
            format!(
                "Proposer: {proposer}. Tension (noted before the meeting): {}",
                item.label
            )
        }
        (Some(_), None, false) => format!(
            "Proposer: {proposer}. Tension (as the agenda item says, not framed further): {}",
            item.label
        ),
        (Some(_), None, true) => {
            format!("Proposer: {proposer}. The item was closed before its tension was framed.")
        }
    }
}

fn framing(
    proposer: &str,
    item: &GovItem,
    p: &Proposal,
    org: &Organisation,
    following: bool,
    width: usize,
) -> Vec<Line<'static>> {
    if p.tension.is_empty() {
        return wrapped(
            &unframed(proposer, item, p, following),
            width,
            theme::muted(),
        );
    }
    let role = p
        .role
        .and_then(|r| org.role(r))
        .map_or("no role named".to_string(), |r| r.name.clone());
    let mut lines = wrapped(
        &format!("Tension ({proposer}, {role}): {}", p.tension),
        width,
        theme::strong(),
    );
    if !p.example.is_empty() {
        lines.extend(wrapped(
            &format!("Example: {}", p.example),
            width,
            theme::muted(),
        ));
    }
    lines.push(Line::raw(""));
    lines
}

/// What the latest version changed from the one before, if there are two.
fn last_amendment(p: &Proposal, org: &Organisation, width: usize) -> Vec<Line<'static>> {
    let n = p.versions.len();
    if n < 2 {
        return Vec::new();
    }
    let mut lines = vec![Line::styled(
        format!("What version {n} changed:"),
        theme::strong(),
    )];
    lines.extend(diff(
        &versions_diff(org, &p.versions[n - 2], &p.versions[n - 1]),
        width,
    ));
    lines
}

/// An objection in one line: who, which role, the words, and where it stands.
pub fn objection_text(name: &str, o: &Objection, org: &Organisation) -> String {
    let role = match (o.role, o.sub_circle) {
        (Some(r), _) => org.role(r).map(|r| r.name.clone()),
        (None, Some(c)) => org.circle(c).map(|c| c.name.clone()),
        (None, None) => None,
    };
    let permission = o
        .permission
        .and_then(|p| org.person(p))
        .map_or(String::new(), |p| {
            format!(", with permission from {}", p.name)
        });
    let role = role.map_or(String::new(), |r| format!(" ({r}{permission})"));
    let test = match o.test {
        None => "not tested",
        Some(_) if o.dismissed() => "dismissed on the Secretary's ruling",
        Some(_) if o.valid() => "valid",
        Some(_) => "invalid, does not block",
    };
    let stands = match o.state {
        ObjectionState::Open => String::new(),
        ObjectionState::Resolved => ", resolved".into(),
        ObjectionState::Abandoned => ", abandoned".into(),
    };
    format!("{name}{role}: {} [{test}{stands}]", o.text)
}

/// The current step's record, or nothing when the proposal itself is all there is to see.
fn step_lines(
    screen: &Drawn<'_>,
    p: &Proposal,
    org: &Organisation,
    width: usize,
) -> Vec<Line<'static>> {
    match p.step {
        IdmStep::Present => Vec::new(),
        IdmStep::Clarify => questions(screen, p, width),
        IdmStep::React => reactions(screen, p, width),
        IdmStep::Amend => {
            let diff = last_amendment(p, org, width);
            if !diff.is_empty() {
                return diff;
            }
            let none = "c amends (each amendment is a new version)";
            let text = keyed(screen.following, "No amendment yet", none);
            vec![Line::styled(text, theme::muted())]
        }
        IdmStep::Object => objection_round(screen, p, org, width),
        IdmStep::Integrate => integration(screen, p, org, width),
    }
}

/// Clarifying questions asked, each with its answer.
fn questions(screen: &Drawn<'_>, p: &Proposal, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if p.questions.is_empty() {
        lines.push(Line::styled(
            keyed(
                screen.following,
                "No questions yet",
                "Enter records one and its answer",
            ),
            theme::muted(),
        ));
    }
    for (q, a) in &p.questions {
        lines.extend(wrapped(&format!("Q: {q}"), width, theme::strong()));
        let answer = a.as_deref().unwrap_or("not specified");
        lines.extend(wrapped(&format!("A: {answer}"), width, theme::muted()));
    }
    lines
}

/// The reactions given, then who present (but the proposer) is still to react.
fn reactions(screen: &Drawn<'_>, p: &Proposal, width: usize) -> Vec<Line<'static>> {
    let state = &screen.state;
    let name = |i: usize| state.name_of(i).to_string();
    let mut lines = Vec::new();
    for (who, text) in &p.reactions {
        lines.extend(wrapped(
            &format!("{}: {text}", name(*who)),
            width,
            theme::muted(),
        ));
    }
    let waiting: Vec<String> = state
        .present()
        .iter()
        .filter(|a| **a != p.proposer && !p.reactions.iter().any(|(r, _)| r == *a))
        .map(|a| name(*a))
        .collect();
    let text = if waiting.is_empty() {
        keyed(
            screen.following,
            "Everyone has reacted",
            "n goes on to amend and clarify",
        )
    } else {
        format!("Still to react: {}", waiting.join(", "))
    };
    lines.extend(wrapped(&text, width, theme::strong()));
    lines
}

/// This objection round, person by person in the order asked: their objection, no
/// objection, or waiting.
fn objection_round(
    screen: &Drawn<'_>,
    p: &Proposal,
    org: &Organisation,
    width: usize,
) -> Vec<Line<'static>> {
    let state = &screen.state;
    let name = |i: usize| state.name_of(i).to_string();
    let mut lines = vec![Line::styled(
        format!("Objection round {}", p.round),
        theme::muted(),
    )];
    for who in p.objection_order(&state.present()) {
        let objection = p
            .objections
            .iter()
            .find(|o| o.objector == who && o.round == p.round);
        let text = match (objection, p.answered.contains(&who)) {
            (Some(o), _) => format!("✗ {}", objection_text(&name(who), o, org)),
            (None, true) => format!("✓ {}: no objection", name(who)),
            (None, false) => format!("○ {}: waiting", name(who)),
        };
        lines.extend(wrapped(&text, width, ratatui::style::Style::new()));
    }
    lines
}

/// Every objection, the one being integrated marked with who has confirmed and its notes;
/// once none is left, what comes next; then what the last amendment changed.
fn integration(
    screen: &Drawn<'_>,
    p: &Proposal,
    org: &Organisation,
    width: usize,
) -> Vec<Line<'static>> {
    let name = |i: usize| screen.state.name_of(i).to_string();
    let mut lines = Vec::new();
    for (i, o) in p.objections.iter().enumerate() {
        let current = p.integrating() == Some(i);
        let mut text = objection_text(&name(o.objector), o, org);
        if current {
            let yes = |b: bool| if b { "yes" } else { "not yet" };
            text = format!(
                "▶ {text} — objector ok: {}, proposer ok: {}",
                yes(o.objector_confirmed),
                yes(o.proposer_confirmed)
            );
        }
        let style = if current {
            theme::strong()
        } else {
            theme::muted()
        };
        lines.extend(wrapped(&text, width, style));
        if current {
            lines.extend(integration_notes(o, &name, screen.following, width));
        }
    }
    if p.integrating().is_none() {
        lines.extend(wrapped(
            &keyed(
                screen.following,
                "Every valid objection is resolved",
                "n starts a new objection round",
            ),
            width,
            theme::strong(),
        ));
    }
    lines.extend(last_amendment(p, org, width));
    lines
}

/// Under the objection being integrated: the Secretary's ruling, and each amended proposal
/// the objector suggested with the proposer's answer and the judgement (rules of integration
/// (d)), and what `m` does next.
fn integration_notes(
    o: &Objection,
    name: &dyn Fn(usize) -> String,
    following: bool,
    width: usize,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if let Some(r) = &o.ruling {
        let says = if r.breaks {
            "it breaks the constitution"
        } else {
            "it does not"
        };
        let text = format!("  Secretary {}: {says} — {}", name(r.secretary), r.text);
        lines.extend(wrapped(&text, width, theme::muted()));
    }
    for s in &o.suggestions {
        lines.extend(wrapped(
            &format!("  Suggested: {}", s.amendment),
            width,
            theme::muted(),
        ));
        let answer = match (&s.answer, s.goes_on) {
            (Some(a), _) => format!("  Proposer: {a}"),
            (None, None) => format!(
                "  {}",
                keyed(
                    following,
                    "Waiting for the proposer's answer",
                    "m records it"
                )
            ),
            (None, Some(_)) => "  Proposer: no answer".into(),
        };
        lines.extend(wrapped(&answer, width, theme::muted()));
        if let (Some(goes_on), Some(reason)) = (s.goes_on, &s.reason) {
            let judged = if goes_on { "goes on" } else { "dropped" };
            lines.extend(wrapped(
                &format!("  Facilitator: {judged} — {reason}"),
                width,
                theme::muted(),
            ));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::TensionId;
    use crate::domain::meeting::governance::{ItemKind, Outcome};

    fn item(tension: Option<TensionId>) -> GovItem {
        GovItem {
            seq: 1,
            label: "Ovens run cold at dawn".into(),
            owner: 0,
            tension,
            kind: ItemKind::Proposal,
            proposal: None,
            election: None,
        }
    }

    #[test]
    fn an_adopted_proposal_from_a_noted_tension_names_it_not_a_closing_before_framing() {
        let mut p = Proposal::new(0);
        p.versions.push(Vec::new());
        p.outcome = Some(Outcome::Adopted { version: 1 });
        let said = unframed("Ana", &item(Some(TensionId(7))), &p, false);
        assert!(!said.contains("closed before"), "{said}");
        assert!(
            said.contains("noted before the meeting): Ovens run cold at dawn"),
            "{said}"
        );
        let said = unframed("Ana", &item(None), &p, false);
        assert!(!said.contains("closed before"), "{said}");
        p.versions.clear();
        p.outcome = Some(Outcome::Withdrawn);
        assert!(unframed("Ana", &item(None), &p, false).contains("closed before"));
    }
}
