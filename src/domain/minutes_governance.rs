//! The parts of a governance meeting's minutes beyond rounds and items: an objection as the
//! minutes record it (objector, the role it limits and how it is represented, the test, the
//! Secretary's ruling, the amended proposals suggested in integration, how it ended), the
//! elections asked first and by whom, the Secretary's interpretations, and extensions.
//!
//! Owns: `Minutes::governance` (the administrative concerns, time outs, and each proposal and
//! election in the order processed), `ObjectionLine`, `GovRecords` and making them from a
//! meeting. Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::election_minutes::ElectionLine;
use super::ids::MeetingId;
use super::meeting::MeetingKind;
use super::meeting::governance::{
    GovStep, Governance, Objection, ObjectionState, Outcome, Proposal,
};
use super::minutes::{Common, ItemLine, Minutes, NOT_PROCESSED, ProposalLine, TimeOutLine};
use super::org::Organisation;
use serde::Serialize;

/// An objection raised in an objection round.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObjectionLine {
    pub objector: String,
    pub role: Option<String>,
    pub text: String,
    /// The four test answers, when it was tested.
    pub tests: Option<[bool; 4]>,
    pub breaks_constitution: bool,
    /// Valid (blocking) unless tested invalid.
    pub valid: bool,
    /// "integrated", "abandoned", "invalid, kept in the record", "dismissed on the
    /// Secretary's ruling" or "open".
    pub resolution: String,
    /// How the objector represents the role when they do not fill it: "as its Circle Rep",
    /// "with permission from Ann".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub represents: Option<String>,
    /// The Secretary's ruling on the constitution, "Name: it would / would not: words".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ruling: Option<String>,
    /// Each amended proposal the objector suggested, with the proposer's answer and the
    /// facilitator's judgement and reason.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<String>,
    /// Why the facilitator deemed it abandoned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abandoned_because: Option<String>,
}

pub(super) fn objection_line(
    o: &Objection,
    org: &Organisation,
    name: &dyn Fn(usize) -> String,
) -> ObjectionLine {
    let valid = o.valid();
    let resolution = match o.state {
        ObjectionState::Resolved => "integrated",
        ObjectionState::Abandoned => "abandoned",
        ObjectionState::Open if o.dismissed() => "dismissed on the Secretary's ruling",
        ObjectionState::Open if !valid => "invalid, kept in the record",
        ObjectionState::Open => "open",
    };
    let represents = match (o.sub_circle, o.permission) {
        (Some(_), _) => Some("as the sub-circle's Rep or Lead".to_string()),
        (None, Some(p)) => org
            .person(p)
            .map(|p| format!("with permission from {}", p.name)),
        (None, None) => None,
    };
    let ruling = o.ruling.as_ref().map(|r| {
        let breaks = if r.breaks {
            "it would break the constitution"
        } else {
            "it would not break the constitution"
        };
        format!("{} (Secretary): {breaks}: {}", name(r.secretary), r.text)
    });
    let suggestions = o
        .suggestions
        .iter()
        .map(|s| {
            let answer = s.answer.as_deref().unwrap_or("no answer");
            let judged = match (s.goes_on, &s.reason) {
                (Some(true), Some(r)) => format!("the proposal goes on: {r}"),
                (Some(false), Some(r)) => format!("the proposal is dropped: {r}"),
                _ => "not judged".to_string(),
            };
            format!("suggested: {}; proposer: {answer}; {judged}", s.amendment)
        })
        .collect();
    ObjectionLine {
        objector: name(o.objector),
        role: match (o.role, o.sub_circle) {
            (Some(r), _) => org.role(r).map(|r| r.name.clone()),
            (None, Some(c)) => org.circle(c).map(|c| c.name.clone()),
            (None, None) => None,
        },
        text: o.text.clone(),
        tests: o.test.map(|t| t.answers),
        breaks_constitution: o.test.is_some_and(|t| t.breaks_constitution),
        valid,
        resolution: resolution.into(),
        represents,
        ruling,
        suggestions,
        abandoned_because: o.reason.clone(),
    }
}

/// A ruling of the Secretary on how the constitution or the governance applies, published
/// with the minutes (4.1 §3.4.3; 5.0 §4.2.1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InterpretationLine {
    pub asked_by: String,
    pub secretary: String,
    pub question: String,
    pub ruling: String,
}

/// A Secretary's ruling as the circle's governance record publishes it: "Interpretations
/// Become Standards" (4.1 §3.4.3, "publish that interpretation and the logic behind it in
/// the Governance records of the Circle"; 5.0 §4.2: the circle's "official interpretation
/// rulings"), with the meeting and day it was given in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublishedRuling {
    pub circle: String,
    pub meeting: i64,
    pub date: chrono::NaiveDate,
    #[serde(flatten)]
    pub ruling: InterpretationLine,
}

impl PublishedRuling {
    /// The rulings a meeting's minutes hold.
    pub fn of(minutes: &super::minutes::Minutes) -> Vec<PublishedRuling> {
        minutes
            .governance
            .interpretations
            .iter()
            .map(|ruling| PublishedRuling {
                circle: minutes.circle.clone(),
                meeting: minutes.meeting,
                date: minutes.started_at.date_naive(),
                ruling: ruling.clone(),
            })
            .collect()
    }

    /// "2026-11-24: question — Elif Yılmaz (Secretary) ruled: ruling (asked by Ana)".
    pub fn text(&self) -> String {
        let r = &self.ruling;
        format!(
            "{}: {} — {} (Secretary) ruled: {} (asked by {})",
            self.date, r.question, r.secretary, r.ruling, r.asked_by
        )
    }
}

/// What a governance meeting recorded about its own conduct; each list is left out of the
/// JSON when empty, so minutes of meetings without them read as before.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct GovRecords {
    /// "Election: Secretary — asked first by Ana" (4.1 §3.3.4(b); 5.0 §5.4.4).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub asked_first: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub interpretations: Vec<InterpretationLine>,
    /// "Elif Yılmaz (Secretary) extended it by 15 minutes" (5.0 §5.4.2).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extensions: Vec<String>,
    /// "requested by Ana; intent: …; may change only: Baker" for a special meeting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub special: Option<String>,
    /// "declared by Kwame Mensah: no resolution after an hour" (4.1 §3.5; 5.0 §5.5).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub breakdowns: Vec<String>,
}

impl GovRecords {
    pub fn of(g: &Governance, org: &Organisation) -> GovRecords {
        let name = |i: usize| g.name_of(i).to_string();
        GovRecords {
            asked_first: g
                .first
                .iter()
                // Logs written before who asked was recorded keep their minutes as they were.
                .filter_map(|(item, who)| {
                    let label = &g.item(*item)?.label;
                    Some(format!("{label} — asked first by {}", name((*who)?)))
                })
                .collect(),
            interpretations: g
                .interpretations
                .iter()
                .map(|i| InterpretationLine {
                    asked_by: name(i.asked_by),
                    secretary: name(i.secretary),
                    question: i.question.clone(),
                    ruling: i.ruling.clone(),
                })
                .collect(),
            extensions: g
                .extensions
                .iter()
                .map(|(who, minutes)| {
                    format!(
                        "{} (Secretary) extended it by {minutes} minutes",
                        name(*who)
                    )
                })
                .collect(),
            special: g.special.as_ref().map(|s| {
                let mut text = format!("requested by {}", name(s.requester));
                if !s.intent.is_empty() {
                    text.push_str(&format!("; intent: {}", s.intent));
                }
                if !s.limits.is_empty() {
                    let roles: Vec<&str> = s
                        .limits
                        .iter()
                        .filter_map(|r| org.role(*r).map(|r| r.name.as_str()))
                        .collect();
                    text.push_str(&format!("; may change only: {}", roles.join(", ")));
                }
                if s.allows_otherwise {
                    text.push_str("; they allowed others' items before theirs (4.1 §3.3.4(b))");
                }
                text
            }),
            breakdowns: g
                .breakdowns
                .iter()
                .map(|(by, reason)| format!("declared by {}: {reason}", name(*by)))
                .collect(),
        }
    }
}

impl Minutes {
    /// The minutes of a governance meeting.
    pub fn governance(id: MeetingId, g: &Governance, org: &Organisation) -> Minutes {
        let name = |i: usize| {
            g.attendees
                .get(i)
                .map_or_else(|| "?".to_string(), |a| a.name.clone())
        };
        let (proposals, elections, items) = governance_items(g, org, &name);
        let common = Common {
            id,
            kind: MeetingKind::Governance,
            rule_set: g.rules.to_string(),
            circle: g.circle,
            started_at: g.started_at,
            ended_at: g.ended_at,
            planned_minutes: g.planned_minutes,
            facilitator: g.facilitator,
            secretary: g.secretary,
            attendees: &g.attendees,
            question: &g.question,
            rounds: &g.rounds,
            check_in: GovStep::CheckIn,
            closing: GovStep::Closing,
        };
        Minutes {
            admin_concerns: g
                .rounds
                .notes
                .iter()
                .filter(|n| n.step == GovStep::AdminConcerns)
                .map(|n| format!("{}: {}", name(n.attendee), n.text))
                .collect(),
            time_outs: time_out_lines(g, &name),
            proposals,
            elections,
            items,
            governance: GovRecords::of(g, org),
            ..Minutes::common(common, org, &name)
        }
    }
}

/// The time outs asked for, with how long each granted one lasted.
fn time_out_lines(g: &Governance, name: &dyn Fn(usize) -> String) -> Vec<TimeOutLine> {
    g.time_outs
        .iter()
        .map(|t| TimeOutLine {
            asked_by: name(t.asked_by),
            granted: t.granted,
            minutes: t
                .ended
                .filter(|_| t.granted)
                .map(|e| (e - t.started).num_minutes()),
        })
        .collect()
}

/// The governance items' lines in the order they were processed, and that order.
fn governance_items(
    g: &Governance,
    org: &Organisation,
    name: &dyn Fn(usize) -> String,
) -> (Vec<ProposalLine>, Vec<ElectionLine>, Vec<ItemLine>) {
    let (mut proposals, mut elections, mut items) = (Vec::new(), Vec::new(), Vec::new());
    for item in g.processing_order() {
        let not_processed = g.ended_at.is_some() && !item.closed();
        if let Some(p) = &item.proposal {
            items.push(ItemLine {
                kind: "proposal",
                index: proposals.len(),
                not_processed,
            });
            proposals.push(proposal_line(&item.label, p, g, org, name));
        } else if let Some(e) = &item.election {
            items.push(ItemLine {
                kind: "election",
                index: elections.len(),
                not_processed,
            });
            elections.push(ElectionLine::of(e, org, &name, g.ended_at.is_some()));
        }
    }
    (proposals, elections, items)
}

/// A proposal as the minutes give it.
fn proposal_line(
    label: &str,
    p: &Proposal,
    g: &Governance,
    org: &Organisation,
    name: &dyn Fn(usize) -> String,
) -> ProposalLine {
    let adopted = match p.outcome {
        Some(Outcome::Adopted { version }) => p
            .versions
            .get(version.saturating_sub(1))
            .map(|changes| changes.iter().map(|c| c.describe(org)).collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    ProposalLine {
        label: label.to_string(),
        proposer: name(p.proposer),
        proposer_role: p.role.and_then(|r| org.role(r)).map(|r| r.name.clone()),
        questions: p.questions.clone(),
        reactions: p
            .reactions
            .iter()
            .map(|(who, text)| format!("{}: {text}", name(*who)))
            .collect(),
        validity: p.validity.iter().map(|v| v.answers.clone()).collect(),
        validity_exceptions: p
            .validity
            .iter()
            .filter_map(|v| v.exception.map(|e| e.describe().to_string()))
            .collect(),
        permission_from: p
            .permission
            .and_then(|who| org.person(who))
            .map(|who| who.name.clone()),
        tension: p.tension.clone(),
        example: p.example.clone(),
        // Undecided when the meeting ended: not processed (PROCESS.md outcomes).
        outcome: p
            .outcome
            .as_ref()
            .map(Outcome::describe)
            .or_else(|| g.ended_at.map(|_| NOT_PROCESSED.to_string())),
        adopted,
        versions: p.versions.len(),
        objections: p
            .objections
            .iter()
            .map(|o| objection_line(o, org, name))
            .collect(),
    }
}
