//! An election in the minutes: the role and term, each ballot as cast with its reason, the
//! change round's answers ("no change" too), the count, every proposal with the tie option
//! chosen, the objections with the candidate they were about, term amendments, the
//! candidates set aside and why, and the result (or "not processed" when the meeting ended
//! first). PROCESS.md "Minutes"; 4.1 §3.3.6, 5.0 §5.3.5.
//!
//! Owns: `ElectionLine` (part of the JSON minutes' schema, `roundtable.minutes/1`: fields are
//! only added) and its blocks in the minutes document. Must not import: rusqlite, ratatui,
//! crossterm, tokio, std::fs, or the clock.

use super::document::Block;
use super::meeting::governance::{Election, ObjectionState};
use super::minutes::ObjectionLine;
use super::minutes_governance::objection_line;
use super::org::Organisation;
use chrono::NaiveDate;
use serde::Serialize;

/// An election and its result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElectionLine {
    pub role: String,
    pub term_end: Option<NaiveDate>,
    pub elected: Option<String>,
    /// How the last tie was broken ("a random draw (seed 42)"), if there was one.
    pub tie_break: Option<String>,
    /// The final count, most first (set-aside candidates left out).
    pub nominations: Vec<(String, usize)>,
    /// "elected", "not elected yet", or "not processed (the meeting ended)".
    pub outcome: String,
    /// Each signed ballot as cast, in the order cast.
    pub ballots: Vec<BallotLine>,
    /// Each answer of the change round(s), in order.
    pub changes: Vec<ChangeLine>,
    /// Each proposal made, in order.
    pub proposals: Vec<ProposalMade>,
    pub objections: Vec<ElectionObjection>,
    /// Terms amended in integrating objections: "2027-12-01 → 2027-06-01".
    pub term_amendments: Vec<String>,
    pub set_aside: Vec<SetAsideLine>,
}

/// A ballot as cast, with the reason its author gave in the nomination round.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BallotLine {
    pub voter: String,
    pub nominee: String,
    pub reason: Option<String>,
}

/// An answer of the change round: a new nominee and why, or no change (`to` empty).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeLine {
    pub voter: String,
    pub to: Option<String>,
    pub reason: Option<String>,
    /// Re-nominating among the tied (tie option (iv)).
    pub among_tied: bool,
}

/// A candidate proposed, and the tie option that settled a tie (with its words).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProposalMade {
    pub candidate: String,
    pub tie_break: Option<String>,
}

/// An objection to a proposed candidate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElectionObjection {
    pub candidate: String,
    #[serde(flatten)]
    pub objection: ObjectionLine,
    /// Why it was abandoned, if it was.
    pub abandoned_because: Option<String>,
}

/// A candidate set aside, and the facilitator's reason (none in older logs).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SetAsideLine {
    pub candidate: String,
    pub reason: Option<String>,
}

impl ElectionLine {
    /// The election `e` in the minutes; `ended` says whether the meeting has ended.
    pub fn of(
        e: &Election,
        org: &Organisation,
        name: &dyn Fn(usize) -> String,
        ended: bool,
    ) -> ElectionLine {
        let outcome = match (e.elected, ended) {
            (Some(_), _) => "elected",
            (None, true) => "not processed (the meeting ended)",
            (None, false) => "not elected yet",
        };
        ElectionLine {
            role: e.role.name(e.rules).to_string(),
            term_end: e.term_end,
            elected: e.elected.map(name),
            tie_break: e.tie_break.map(|t| t.describe()),
            nominations: e.count().into_iter().map(|(c, n)| (name(c), n)).collect(),
            outcome: outcome.into(),
            ballots: ballots(e, name),
            changes: e
                .changes
                .iter()
                .map(|c| ChangeLine {
                    voter: name(c.voter),
                    to: c.to.map(name),
                    reason: (!c.reason.is_empty()).then(|| c.reason.clone()),
                    among_tied: c.among_tied,
                })
                .collect(),
            proposals: e
                .proposals
                .iter()
                .map(|p| ProposalMade {
                    candidate: name(p.candidate),
                    tie_break: p.tie.map(|t| t.describe()),
                })
                .collect(),
            objections: objections(e, org, name),
            term_amendments: e
                .amendments
                .iter()
                .map(|(before, after)| {
                    let before = before.map_or("none".into(), |d| d.to_string());
                    format!("{before} → {after}")
                })
                .collect(),
            set_aside: e
                .set_aside
                .iter()
                .map(|s| SetAsideLine {
                    candidate: name(s.candidate),
                    reason: s.reason.clone(),
                })
                .collect(),
        }
    }

    /// The election's blocks in the minutes document.
    pub fn blocks(&self, heading: String) -> Vec<Block> {
        let mut doc = vec![Block::Subheading(heading)];
        let result = match (&self.elected, self.term_end) {
            (Some(who), Some(end)) => format!("{who}, until {end}"),
            (Some(who), None) => who.clone(),
            // An election the meeting ended before is "not processed", nobody elected.
            (None, _) if self.outcome.starts_with("not processed") => self.outcome.clone(),
            (None, _) => format!("nobody: {}", self.outcome),
        };
        let mut facts = vec![("Elected".to_string(), result)];
        if let Some(tie) = &self.tie_break {
            facts.push(("Tie broken by".into(), tie.clone()));
        }
        if !self.nominations.is_empty() {
            facts.push((
                "Nominations".into(),
                self.nominations
                    .iter()
                    .map(|(n, c)| format!("{n} {c}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            ));
        }
        doc.push(Block::Facts(facts));
        section(&mut doc, "Ballots (nomination round):", self.ballot_lines());
        section(&mut doc, "Nomination change round:", self.change_lines());
        section(
            &mut doc,
            "Proposals:",
            self.proposals
                .iter()
                .map(|p| match &p.tie_break {
                    Some(how) => format!("{} (tie broken by {how})", p.candidate),
                    None => p.candidate.clone(),
                })
                .collect(),
        );
        section(&mut doc, "Objections:", self.objection_lines());
        section(&mut doc, "Term amended:", self.term_amendments.clone());
        section(
            &mut doc,
            "Set aside:",
            self.set_aside
                .iter()
                .map(|s| match &s.reason {
                    Some(r) => format!("{}: {r}", s.candidate),
                    None => s.candidate.clone(),
                })
                .collect(),
        );
        doc
    }

    /// "Ana nominated Ben: reason", ballot by ballot.
    fn ballot_lines(&self) -> Vec<String> {
        self.ballots
            .iter()
            .map(|b| match &b.reason {
                Some(r) => format!("{} nominated {}: {r}", b.voter, b.nominee),
                None => format!("{} nominated {}", b.voter, b.nominee),
            })
            .collect()
    }

    /// "Ana changed to Ben: reason" or "Ana: no change", answer by answer.
    fn change_lines(&self) -> Vec<String> {
        self.changes
            .iter()
            .map(|c| {
                let tied = if c.among_tied {
                    " (re-nominating among the tied)"
                } else {
                    ""
                };
                match (&c.to, &c.reason) {
                    (Some(to), Some(r)) => format!("{} changed to {to}{tied}: {r}", c.voter),
                    (Some(to), None) => format!("{} changed to {to}{tied}", c.voter),
                    (None, _) => format!("{}: no change", c.voter),
                }
            })
            .collect()
    }

    /// "Ana, to electing Ben (role Baker): text — valid, integrated".
    fn objection_lines(&self) -> Vec<String> {
        self.objections
            .iter()
            .map(|eo| {
                let o = &eo.objection;
                let role = o
                    .role
                    .as_ref()
                    .map_or(String::new(), |r| format!(" (role {r})"));
                let valid = if o.valid { "valid" } else { "invalid" };
                let why = eo
                    .abandoned_because
                    .as_ref()
                    .map_or(String::new(), |w| format!(": {w}"));
                format!(
                    "{}, to electing {}{role}: {} — {valid}, {}{why}",
                    o.objector, eo.candidate, o.text, o.resolution
                )
            })
            .collect()
    }
}

/// A section of the election's blocks: its title and bullets, or nothing when it has none.
fn section(doc: &mut Vec<Block>, title: &str, items: Vec<String>) {
    if !items.is_empty() {
        doc.push(Block::Paragraph(title.into()));
        doc.push(Block::Bullets(items));
    }
}

/// Each ballot as cast, with the reason its voter gave in the nomination round.
fn ballots(e: &Election, name: &dyn Fn(usize) -> String) -> Vec<BallotLine> {
    let reason_of = |voter: usize| {
        e.reasons
            .iter()
            .find(|(v, _)| *v == voter)
            .map(|(_, r)| r.clone())
    };
    e.cast
        .iter()
        .map(|&(voter, nominee)| BallotLine {
            voter: name(voter),
            nominee: name(nominee),
            reason: reason_of(voter),
        })
        .collect()
}

/// Each objection with the candidate it was about, and why it was abandoned if it was; one
/// still open when its candidate was set aside was settled by that.
fn objections(
    e: &Election,
    org: &Organisation,
    name: &dyn Fn(usize) -> String,
) -> Vec<ElectionObjection> {
    e.objections
        .iter()
        .enumerate()
        .map(|(i, o)| ElectionObjection {
            candidate: e.candidate_of(o).map_or_else(|| "?".into(), name),
            objection: {
                let mut line = objection_line(o, org, name);
                let set_aside = e.candidate_of(o).is_some_and(|c| e.discarded.contains(&c));
                if set_aside && o.state == ObjectionState::Open {
                    line.resolution = "the candidate was set aside".into();
                }
                line
            },
            abandoned_because: e
                .abandoned
                .iter()
                .find(|(a, _)| *a == i)
                .map(|(_, why)| why.clone()),
        })
        .collect()
}
