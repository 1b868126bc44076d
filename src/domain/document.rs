//! The minutes as a small document (headings, paragraphs, facts, bullets, tables) that every
//! export format and the minutes screen render, so the minutes' structure is written once.
//!
//! Owns: what the minutes say and in what order. Must not import: rusqlite, ratatui,
//! crossterm, tokio, std::fs, or the clock.

use super::minutes::{DueLine, ElectionLine, Minutes, ObjectionLine, Person, ProposalLine, Turn};
use super::text::format_number;
use chrono::FixedOffset;

/// One block of a document. Every string is user or domain text, unescaped: each renderer
/// escapes for its format.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The document's title ("Tactical meeting of Bakehouse"), once, at the top.
    Title(String),
    /// A line under the title: date, times, organisation.
    Subtitle(String),
    /// A section's heading ("Check-in round").
    Heading(String),
    /// A smaller heading, for an agenda item.
    Subheading(String),
    /// A paragraph of text, which may hold several lines.
    Paragraph(String),
    /// "Label: value" pairs.
    Facts(Vec<(String, String)>),
    /// A bulleted list, one item each.
    Bullets(Vec<String>),
    /// A muted line saying a section is empty.
    Empty(String),
    /// A table: its column headings, then its rows of cells.
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

fn names(people: &[Person]) -> String {
    if people.is_empty() {
        return "—".into();
    }
    // A guest is marked here, from the field, never in the name itself.
    people
        .iter()
        .map(|p| match (&p.invited, p.guest, p.observer) {
            (Some(invited), _, _) => format!("{} (guest of {invited})", p.name),
            (None, true, _) => format!("{} (guest)", p.name),
            (None, false, true) => format!("{} (observer)", p.name),
            (None, false, false) => p.name.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn round(doc: &mut Vec<Block>, title: &str, list: &[Turn]) {
    doc.push(Block::Heading(title.into()));
    turns(doc, list);
}

fn turns(doc: &mut Vec<Block>, turns: &[Turn]) {
    let spoke: Vec<String> = turns.iter().map(Turn::describe).collect();
    doc.push(if spoke.is_empty() {
        Block::Empty("Nobody spoke.".into())
    } else {
        Block::Bullets(spoke)
    });
}

fn section(doc: &mut Vec<Block>, title: &str, head: &[&str], rows: Vec<Vec<String>>, none: &str) {
    doc.push(Block::Heading(title.into()));
    if rows.is_empty() {
        doc.push(Block::Empty(none.into()));
    } else {
        doc.push(Block::Table {
            head: head.iter().map(|h| h.to_string()).collect(),
            rows,
        });
    }
}

/// The minutes as blocks, with times shown at `offset` from UTC.
pub fn minutes_document(m: &Minutes, offset: FixedOffset) -> Vec<Block> {
    let start = m.started_at.with_timezone(&offset);
    // A meeting that ends on a later day (one resumed days after) says the day it ended.
    let end = m.ended_at.map(|e| {
        let e = e.with_timezone(&offset);
        let format = if e.date_naive() == start.date_naive() {
            "%H:%M"
        } else {
            "%A %-d %B %Y, %H:%M"
        };
        e.format(format).to_string()
    });
    let zone = if offset.local_minus_utc() == 0 {
        "UTC".to_string()
    } else {
        start.format("UTC%:z").to_string()
    };
    let when = match end {
        Some(end) => format!(
            "{}, {}–{end} ({zone})",
            start.format("%A %-d %B %Y"),
            start.format("%H:%M")
        ),
        None => format!(
            "{}, from {} ({zone}), not ended",
            start.format("%A %-d %B %Y"),
            start.format("%H:%M")
        ),
    };
    let dash = |n: &Option<String>| n.clone().unwrap_or_else(|| "—".into());
    let mut facts = vec![
        ("Facilitator".into(), dash(&m.facilitator)),
        ("Secretary".into(), dash(&m.secretary)),
        ("Present".into(), names(&m.attendees)),
        ("Absent".into(), names(&m.absentees)),
        ("Planned".into(), format!("{} minutes", m.planned_minutes)),
        ("Rule set".into(), m.rule_set.clone()),
    ];
    if !m.recorded_by.is_empty() {
        facts.push(("Recorded by".into(), m.recorded_by.join(", ")));
    }
    let mut doc = vec![
        Block::Title(format!("{} of {}", m.kind.title(), m.circle)),
        Block::Subtitle(format!("{} · {when}", m.organisation)),
        Block::Facts(facts),
    ];
    doc.push(Block::Heading("Check-in round".into()));
    if !m.question.is_empty() {
        doc.push(Block::Paragraph(format!("Question: {}", m.question)));
    }
    turns(&mut doc, &m.check_in);
    match m.kind {
        super::meeting::MeetingKind::Tactical => tactical_sections(&mut doc, m),
        super::meeting::MeetingKind::Governance => governance_sections(&mut doc, m),
    }
    round(&mut doc, "Closing round", &m.closing);
    doc
}

/// Checklist, metrics, progress and triage.
fn tactical_sections(doc: &mut Vec<Block>, m: &Minutes) {
    checklist_section(doc, m);
    metrics_section(doc, m);
    progress_sections(doc, m);
    agenda_section(doc, m);
}

/// Who reported an entry, when not the role's filler; empty otherwise.
fn reported(by: &Option<String>) -> String {
    by.clone().unwrap_or_default()
}

/// The rows of the items of `kind` ("checklist" or "metric") that were due but not
/// reported: role, item, period, "not reported", and `blank` empty cells after.
fn not_reported_rows(m: &Minutes, kind: &str, blank: usize) -> Vec<Vec<String>> {
    m.not_reported
        .iter()
        .filter(|d: &&DueLine| d.kind == kind)
        .map(|d| {
            let mut row = vec![
                d.role.clone(),
                d.item.clone(),
                d.period.to_string(),
                "not reported".to_string(),
            ];
            row.extend(std::iter::repeat_n(String::new(), blank));
            row
        })
        .collect()
}

/// The checklist's answers, then the items due and not answered.
fn checklist_section(doc: &mut Vec<Block>, m: &Minutes) {
    let mut rows: Vec<Vec<String>> = m
        .checklist
        .iter()
        .map(|c| {
            let answer = if c.checked { "check" } else { "no check" };
            vec![
                c.role.clone(),
                c.item.clone(),
                c.period.to_string(),
                answer.into(),
                reported(&c.reported_by),
            ]
        })
        .collect();
    rows.extend(not_reported_rows(m, "checklist", 1));
    section(
        doc,
        "Checklist review",
        &["Role", "Item", "Period from", "Answer", "Reported by"],
        rows,
        "Nothing was answered.",
    );
}

/// The metrics' values (and corrections), then the metrics due and not reported.
fn metrics_section(doc: &mut Vec<Block>, m: &Minutes) {
    let mut rows: Vec<Vec<String>> = m
        .metrics
        .iter()
        .map(|r| {
            let unit = r.unit.as_ref().map_or(String::new(), |u| format!(" {u}"));
            let corrects = r.corrects.map_or(String::new(), |was| {
                format!(" (corrects {}{unit})", format_number(was))
            });
            let value = format!("{}{unit}{corrects}", format_number(r.value));
            let comment = r.comment.clone().unwrap_or_default();
            vec![
                r.role.clone(),
                r.metric.clone(),
                r.period.to_string(),
                value,
                comment,
                reported(&r.reported_by),
            ]
        })
        .collect();
    rows.extend(not_reported_rows(m, "metric", 2));
    section(
        doc,
        "Metrics review",
        &[
            "Role",
            "Metric",
            "Period from",
            "Value",
            "Comment",
            "Reported by",
        ],
        rows,
        "Nothing was reported.",
    );
}

/// The projects' updates, the progress on accountabilities (when any) and the requests for
/// updates.
fn progress_sections(doc: &mut Vec<Block>, m: &Minutes) {
    let projects = m
        .projects
        .iter()
        .map(|u| {
            let update = u.update.clone().unwrap_or_else(|| "no updates".into());
            let status = if u.status == u.status_before {
                u.status.to_string()
            } else {
                format!("{} → {}", u.status_before, u.status)
            };
            let project = match &u.requested_by {
                Some(by) => format!("{} (updates requested by {by})", u.project),
                None => u.project.clone(),
            };
            vec![
                u.role.clone(),
                project,
                update,
                status,
                reported(&u.reported_by),
            ]
        })
        .collect();
    section(
        doc,
        "Progress updates",
        &["Role", "Project", "Update", "Status", "Reported by"],
        projects,
        "No updates were given.",
    );
    if !m.accountabilities.is_empty() {
        let rows = m
            .accountabilities
            .iter()
            .map(|a| {
                vec![
                    a.role.clone(),
                    a.accountability.clone(),
                    a.update.clone(),
                    reported(&a.reported_by),
                ]
            })
            .collect();
        section(
            doc,
            "Progress on accountabilities",
            &["Role", "Accountability", "Update", "Reported by"],
            rows,
            "",
        );
    }
    if !m.update_requests.is_empty() {
        doc.push(Block::Bullets(
            m.update_requests.iter().map(|r| r.text()).collect(),
        ));
    }
}

/// Each agenda item with how it ended and its outputs.
fn agenda_section(doc: &mut Vec<Block>, m: &Minutes) {
    doc.push(Block::Heading("Agenda and triage".into()));
    if m.agenda.is_empty() {
        doc.push(Block::Empty("There were no agenda items.".into()));
    }
    for (n, item) in m.agenda.iter().enumerate() {
        doc.push(Block::Subheading(format!(
            "{}. {} ({})",
            n + 1,
            item.label,
            item.owner
        )));
        doc.push(Block::Paragraph(format!(
            "Outcome: {}.",
            Minutes::outcome_text(item)
        )));
        if !item.outputs.is_empty() {
            doc.push(Block::Bullets(
                item.outputs.iter().map(Minutes::output_text).collect(),
            ));
        }
    }
}

/// Administrative concerns, time outs, proposals with their objections, elections.
fn governance_sections(doc: &mut Vec<Block>, m: &Minutes) {
    if !m.admin_concerns.is_empty() {
        doc.push(Block::Heading("Administrative concerns".into()));
        doc.push(Block::Bullets(m.admin_concerns.clone()));
    }
    if !m.time_outs.is_empty() {
        doc.push(Block::Heading("Time outs".into()));
        doc.push(Block::Bullets(
            m.time_outs
                .iter()
                .map(|t| match (t.granted, t.minutes) {
                    (false, _) => format!("asked by {}, not granted", t.asked_by),
                    (true, Some(0)) => format!("asked by {}, under a minute", t.asked_by),
                    (true, Some(1)) => format!("asked by {}, 1 minute", t.asked_by),
                    (true, Some(min)) => format!("asked by {}, {min} minutes", t.asked_by),
                    (true, None) => format!("asked by {}, not ended", t.asked_by),
                })
                .collect(),
        ));
    }
    conduct_sections(doc, m);
    // Listed in the order they were processed (PROCESS.md, Minutes: "per step what was
    // recorded, in the order it happened"; "anything not processed").
    doc.push(Block::Heading("Proposals and elections".into()));
    if m.items.is_empty() {
        doc.push(Block::Empty("There were no proposals or elections.".into()));
    }
    for (n, item) in m.items.iter().enumerate() {
        match item.kind {
            "election" => {
                if let Some(e) = m.elections.get(item.index) {
                    election(doc, n + 1, e);
                }
            }
            _ => {
                if let Some(p) = m.proposals.get(item.index) {
                    proposal(doc, n + 1, p);
                }
            }
        }
    }
}

/// Proposal number `n`: its framing, outcome, talk, adopted changes and objections.
fn proposal(doc: &mut Vec<Block>, n: usize, p: &ProposalLine) {
    doc.push(Block::Subheading(format!(
        "{n}. {} ({})",
        p.label, p.proposer
    )));
    let tension = if p.tension.is_empty() {
        "not framed".to_string()
    } else {
        p.tension.clone()
    };
    let mut facts = vec![("Tension".to_string(), tension)];
    if !p.example.is_empty() {
        facts.push(("Example".into(), p.example.clone()));
    }
    facts.push((
        "Outcome".into(),
        p.outcome.clone().unwrap_or_else(|| "not decided".into()),
    ));
    facts.push(("Versions".into(), p.versions.to_string()));
    if let Some(role) = &p.proposer_role {
        facts.insert(0, ("Proposer's role".into(), role.clone()));
    }
    if let Some(giver) = &p.permission_from {
        facts.push(("Represented with permission from".into(), giver.clone()));
    }
    for (n, answers) in p.validity.iter().enumerate() {
        facts.push((format!("Validity test {}", n + 1), validity_text(answers)));
    }
    for exception in &p.validity_exceptions {
        facts.push(("Valid because".into(), exception.clone()));
    }
    doc.push(Block::Facts(facts));
    proposal_talk(doc, p);
    if !p.adopted.is_empty() {
        doc.push(Block::Paragraph("Adopted:".into()));
        doc.push(Block::Bullets(p.adopted.clone()));
    }
    if !p.objections.is_empty() {
        let rows = p
            .objections
            .iter()
            .map(|o| {
                // Tests 1-4 and test 5, the constitution: "yes" an argument was given
                // (for 5: adopting it would break the constitution).
                let tested = match o.tests {
                    Some(t) => t
                        .iter()
                        .chain([&o.breaks_constitution])
                        .map(|ok| if *ok { "yes" } else { "no" })
                        .collect::<Vec<_>>()
                        .join("/"),
                    None => "not tested".to_string(),
                };
                let valid = if o.valid { "valid" } else { "invalid" };
                vec![
                    o.objector.clone(),
                    o.role.clone().unwrap_or_default(),
                    o.text.clone(),
                    tested,
                    valid.into(),
                    o.resolution.clone(),
                ]
            })
            .collect();
        let head = [
            "Objector",
            "Role",
            "Objection",
            "Tests 1-5",
            "Valid",
            "Resolution",
        ];
        doc.push(Block::Table {
            head: head.iter().map(|h| h.to_string()).collect(),
            rows,
        });
        objection_notes(doc, &p.objections);
    }
}

/// Election number `n`: its result (or that the meeting ended before it), ballots, changes,
/// proposals, objections and set-aside candidates.
fn election(doc: &mut Vec<Block>, n: usize, e: &ElectionLine) {
    doc.extend(e.blocks(format!("{n}. Election: {}", e.role)));
}

/// How the meeting went about its work, where anything was recorded: elections asked
/// first, extensions, and the Secretary's interpretations (published: 4.1 §3.4.3; 5.0
/// §4.2.1).
fn conduct_sections(doc: &mut Vec<Block>, m: &Minutes) {
    let g = &m.governance;
    if let Some(special) = &g.special {
        doc.push(Block::Heading("Special meeting".into()));
        doc.push(Block::Paragraph(special.clone()));
    }
    if !g.breakdowns.is_empty() {
        doc.push(Block::Heading("Process breakdown".into()));
        doc.push(Block::Bullets(g.breakdowns.clone()));
    }
    if !g.asked_first.is_empty() {
        doc.push(Block::Heading("Elections asked first".into()));
        doc.push(Block::Bullets(g.asked_first.clone()));
    }
    if !g.extensions.is_empty() {
        doc.push(Block::Heading("Extensions".into()));
        doc.push(Block::Bullets(g.extensions.clone()));
    }
    if !g.interpretations.is_empty() {
        doc.push(Block::Heading("Interpretations".into()));
        doc.push(Block::Bullets(
            g.interpretations
                .iter()
                .map(|i| {
                    format!(
                        "{} asked: {} — {} (Secretary) ruled: {}",
                        i.asked_by, i.question, i.secretary, i.ruling
                    )
                })
                .collect(),
        ));
    }
}

/// What the objections' table has no room for: how a role is represented, the Secretary's
/// ruling, the amended proposals suggested in integration, why one was abandoned.
fn objection_notes(doc: &mut Vec<Block>, objections: &[ObjectionLine]) {
    let notes: Vec<String> = objections
        .iter()
        .enumerate()
        .flat_map(|(n, o)| {
            let head = format!("Objection {} ({})", n + 1, o.objector);
            let represents = o
                .represents
                .iter()
                .map(|r| format!("represents the role {r}"));
            let ruling = o.ruling.iter().map(|r| format!("ruling: {r}"));
            let suggestions = o.suggestions.iter().cloned();
            let abandoned = o
                .abandoned_because
                .iter()
                .map(|r| format!("abandoned: {r}"));
            represents
                .chain(ruling)
                .chain(suggestions)
                .chain(abandoned)
                .map(move |note| format!("{head}: {note}"))
                .collect::<Vec<_>>()
        })
        .collect();
    if !notes.is_empty() {
        doc.push(Block::Bullets(notes));
    }
}

/// "tension yes, example yes, how it helps no: invalid" for a validity test's answers.
fn validity_text(answers: &[bool]) -> String {
    const WHAT: [&str; 3] = ["tension", "example", "how it helps"];
    let parts: Vec<String> = answers
        .iter()
        .zip(WHAT)
        .map(|(ok, what)| format!("{what} {}", if *ok { "yes" } else { "no" }))
        .collect();
    // Both rule sets ask three questions (5.0 §5.3.1(a)-(c); 4.1 §3.2.2-3.2.3).
    let valid = answers.len() == WHAT.len() && answers.iter().all(|a| *a);
    format!(
        "{}: {}",
        parts.join(", "),
        if valid { "valid" } else { "invalid" }
    )
}

/// A proposal's clarifying questions with their answers, and its reactions.
fn proposal_talk(doc: &mut Vec<Block>, p: &ProposalLine) {
    if !p.questions.is_empty() {
        doc.push(Block::Paragraph("Clarifying questions:".into()));
        doc.push(Block::Bullets(
            p.questions
                .iter()
                .map(|(q, a)| format!("{q} — {}", a.as_deref().unwrap_or("not specified")))
                .collect(),
        ));
    }
    if !p.reactions.is_empty() {
        doc.push(Block::Paragraph("Reactions:".into()));
        doc.push(Block::Bullets(p.reactions.clone()));
    }
}
