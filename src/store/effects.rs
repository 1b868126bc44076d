//! What a meeting entry writes, once for every backend: starting a log, appending an entry
//! with the expected-sequence check (`next_seq`, which the organisation's log shares),
//! running each `Effect` linked to its entry (meeting_id, event_seq), and undoing exactly
//! one entry's effects. Runs inside the caller's transaction through `Sql`; the caller makes it a write transaction that no other
//! append to the same meeting can interleave with.
//!
//! Owns: the effect statements and their order. An adoption's and an election's rows are
//! `governance`'s.
//! Must not import: ratatui, crossterm, tokio, a database library.

use super::backend::LogOwner;
use super::governance::{self, Source};
use super::sql::{Sql, Value};
use super::{Appended, StoreError};
use crate::domain::MeetingId;
use crate::domain::meeting::Effect;
use chrono::{DateTime, Utc};

/// Creates a log for `owner` whose first entry is `first`.
pub fn start_log(
    sql: &dyn Sql,
    owner: LogOwner,
    at: DateTime<Utc>,
    first: &str,
    actor: Option<&str>,
) -> Result<MeetingId, StoreError> {
    let id = match owner {
        LogOwner::Circle(circle, kind) => sql.insert(
            "INSERT INTO meetings (circle_id, kind, started_at) VALUES (?1, ?2, ?3) RETURNING id",
            &[Value::int(circle.0), Value::text(kind.id()), Value::Time(at)],
        )?,
        LogOwner::Person(person) => sql.insert(
            "INSERT INTO meetings (person_id, kind, started_at) VALUES (?1, 'review', ?2) RETURNING id",
            &[Value::int(person.0), Value::Time(at)],
        )?,
        LogOwner::Work(person) => sql.insert(
            "INSERT INTO meetings (person_id, kind, started_at) VALUES (?1, 'work', ?2) RETURNING id",
            &[Value::int(person.0), Value::Time(at)],
        )?,
    };
    sql.run(
        "INSERT INTO meeting_events (meeting_id, seq, at, payload, actor) VALUES (?1, 1, ?2, ?3, ?4)",
        &[
            Value::int(id),
            Value::Time(at),
            Value::text(first),
            Value::opt_text(actor),
        ],
    )?;
    Ok(MeetingId(id))
}

/// The newest sequence number of a meeting's log (0 for none).
pub fn last_seq(sql: &dyn Sql, meeting: MeetingId) -> Result<u64, StoreError> {
    let latest = sql.ints(
        "SELECT coalesce(max(seq), 0) FROM meeting_events WHERE meeting_id = ?1",
        &[Value::int(meeting.0)],
    )?;
    Ok(u64::try_from(latest.first().copied().unwrap_or(0)).unwrap_or(0))
}

/// The sequence number of the entry after `after`, in a log (`log`: "meeting",
/// "organisation") whose newest entry is `latest`: a log that grew past `after` is a
/// conflict, and nothing is to be written.
pub(super) fn next_seq(latest: u64, after: u64, log: &str) -> Result<i64, StoreError> {
    if latest != after {
        return Err(StoreError::Conflict {
            expected: after,
            latest,
        });
    }
    i64::try_from(after + 1).map_err(|_| StoreError::Invalid(format!("the {log} log is full")))
}

/// Appends `payload` as entry `after + 1` and runs its effects; a log that grew past `after`
/// is a conflict and nothing is written.
pub fn append(
    sql: &dyn Sql,
    meeting: MeetingId,
    after: u64,
    at: DateTime<Utc>,
    payload: &str,
    effects: &[Effect],
    actor: Option<&str>,
) -> Result<Appended, StoreError> {
    let seq = next_seq(last_seq(sql, meeting)?, after, "meeting")?;
    sql.run(
        "INSERT INTO meeting_events (meeting_id, seq, at, payload, actor) VALUES (?1, ?2, ?3, ?4, ?5)",
        &[
            Value::int(meeting.0),
            Value::int(seq),
            Value::Time(at),
            Value::text(payload),
            Value::opt_text(actor),
        ],
    )?;
    let src = Source {
        meeting: meeting.0,
        seq,
        at,
    };
    let created = effects
        .iter()
        .map(|effect| run_effect(sql, src, effect))
        .collect::<Result<Vec<_>, _>>()?;
    // The entry completes what was being put together: the kept draft goes with it, in the
    // same transaction (one key press, one write).
    sql.run(
        "DELETE FROM drafts WHERE meeting_id = ?1",
        &[Value::int(meeting.0)],
    )?;
    Ok(Appended {
        seq: after + 1,
        created,
    })
}

/// Runs one effect of the entry `src`, linking what it writes to that entry. Answers the ids
/// of the rows it created, in the order `Organisation::apply` takes them.
fn run_effect(sql: &dyn Sql, src: Source, effect: &Effect) -> Result<Vec<i64>, StoreError> {
    let (m, seq) = (Value::int(src.meeting), Value::int(src.seq));
    let run = |q: &str, args: &[Value]| sql.run(q, args).map(|_| Vec::new());
    let none = |done: Result<(), StoreError>| done.map(|()| Vec::new());
    match effect {
        Effect::AnswerChecklist { .. } | Effect::RecordMetric { .. } => {
            none(answer(sql, src, effect))
        }
        Effect::UpdateProject {
            project,
            update,
            status,
        } => none(update_project(
            sql,
            src,
            project.0,
            update.as_deref(),
            status.id(),
        )),
        Effect::CreateNextAction { .. }
        | Effect::CreateProject { .. }
        | Effect::CreateTension { .. } => Ok(create(sql, src, effect)?.into_iter().collect()),
        Effect::ProcessTension { .. }
        | Effect::DropTension { .. }
        | Effect::CompleteNextAction { .. } => none(settle(sql, src, effect)),
        Effect::ApplyGovernance { .. } | Effect::AssignElected { .. } => {
            governance::apply(sql, effect, src)
        }
        Effect::DeclareBreakdown {
            circle,
            declared_by,
            reason,
        } => run(
            "INSERT INTO process_breakdowns (circle_id, declared_at, declared_by, reason, meeting_id, event_seq)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            &[
                Value::int(circle.0),
                Value::Time(src.at),
                Value::text(declared_by),
                Value::text(reason),
                m,
                seq,
            ],
        ),
        Effect::RequestUpdates { .. } | Effect::EndUpdateRequest { .. } => {
            none(update_requests(sql, src, effect))
        }
        // Not linked to the entry as a source: an entry taken back stays in the histories.
        Effect::NoteWork { role, circle } => run(
            "INSERT INTO work_index (log_id, seq, role_id, circle_id) VALUES (?1, ?2, ?3, ?4)",
            &[m, seq, Value::Int(role.map(|r| r.0)), Value::Int(circle.map(|c| c.0))],
        ),
        Effect::Undo { seq: undone } => {
            let undone = i64::try_from(*undone).unwrap_or(-1);
            undo(sql, src.meeting, undone)?;
            none(governance::undo(sql, src.meeting, undone))
        }
        Effect::EndMeeting => run(
            "UPDATE meetings SET ended_at = ?1 WHERE id = ?2",
            &[Value::Time(src.at), m],
        ),
    }
}

/// Writes the checklist answer or metric value `effect` records, linked to the entry `src`.
/// Any other effect writes nothing here.
fn answer(sql: &dyn Sql, src: Source, effect: &Effect) -> Result<(), StoreError> {
    let (m, seq) = (Value::int(src.meeting), Value::int(src.seq));
    match effect {
        Effect::AnswerChecklist {
            item,
            period,
            checked,
        } => sql.run(
            "INSERT INTO checklist_answers (item_id, period, checked, meeting_id, event_seq)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            &[
                Value::int(item.0),
                Value::Date(Some(*period)),
                Value::Bool(*checked),
                m,
                seq,
            ],
        ),
        Effect::RecordMetric {
            metric,
            period,
            value,
            comment,
        } => sql.run(
            "INSERT INTO metric_values (metric_id, period, value, comment, meeting_id, event_seq)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            &[
                Value::int(metric.0),
                Value::Date(Some(*period)),
                Value::Real(*value),
                Value::opt_text(comment.as_deref()),
                m,
                seq,
            ],
        ),
        _ => Ok(0),
    }
    .map(|_| ())
}

/// Creates the next action, project or tension `effect` makes, linked to the entry `src`:
/// the new row's id. Any other effect creates nothing.
fn create(sql: &dyn Sql, src: Source, effect: &Effect) -> Result<Option<i64>, StoreError> {
    let (m, seq, at) = (
        Value::int(src.meeting),
        Value::int(src.seq),
        Value::Time(src.at),
    );
    let insert = |q: &str, args: &[Value]| sql.insert(q, args).map(Some);
    match effect {
        Effect::CreateNextAction { role, person, text } => insert(
            "INSERT INTO next_actions (role_id, person_id, text, meeting_id, event_seq, entry_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
            &[
                Value::Int(role.map(|r| r.0)),
                Value::int(person.0),
                Value::text(text),
                m,
                seq,
                at,
            ],
        ),
        Effect::CreateProject {
            role,
            person,
            title,
        } => insert(
            "INSERT INTO projects (role_id, person_id, title, status, meeting_id, event_seq, entry_at)
             VALUES (?1, ?2, ?3, 'current', ?4, ?5, ?6) RETURNING id",
            &[
                Value::int(role.0),
                Value::Int(person.map(|p| p.0)),
                Value::text(title),
                m,
                seq,
                at,
            ],
        ),
        Effect::CreateTension {
            person,
            role,
            circle,
            text,
            kind,
        } => insert(
            "INSERT INTO tensions (person_id, role_id, circle_id, text, kind, meeting_id, event_seq, entry_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
            &[
                Value::int(person.0),
                Value::Int(role.map(|r| r.0)),
                Value::int(circle.0),
                Value::text(text),
                Value::text(kind.id()),
                m,
                seq,
                at,
            ],
        ),
        _ => Ok(None),
    }
}

/// Marks the tension processed or dropped, or the next action done, as `effect` says, by the
/// entry `src` (which `undo` reverses). Any other effect changes nothing here.
fn settle(sql: &dyn Sql, src: Source, effect: &Effect) -> Result<(), StoreError> {
    let (m, seq) = (Value::int(src.meeting), Value::int(src.seq));
    let (query, id) = match effect {
        Effect::ProcessTension { tension } => (
            "UPDATE tensions SET status = 'processed', processed_meeting_id = ?1, processed_seq = ?2,
             processed_at = ?4 WHERE id = ?3",
            tension.0,
        ),
        Effect::DropTension { tension } => (
            "UPDATE tensions SET status = 'dropped', processed_meeting_id = ?1, processed_seq = ?2,
             processed_at = ?4 WHERE id = ?3 AND status = 'open'",
            tension.0,
        ),
        Effect::CompleteNextAction { action } => (
            "UPDATE next_actions SET done = TRUE, done_meeting_id = ?1, done_seq = ?2, done_at = ?4
             WHERE id = ?3 AND done = FALSE",
            action.0,
        ),
        _ => return Ok(()),
    };
    sql.run(query, &[m, seq, Value::int(id), Value::Time(src.at)])
        .map(|_| ())
}

/// Opens or ends the request for updates on a project that `effect` makes, by the entry
/// `src`. Any other effect changes nothing here.
fn update_requests(sql: &dyn Sql, src: Source, effect: &Effect) -> Result<(), StoreError> {
    let (m, seq) = (Value::int(src.meeting), Value::int(src.seq));
    match effect {
        Effect::RequestUpdates { project, by } => sql.run(
            "INSERT INTO update_requests (project_id, person_id, requested_at, meeting_id, event_seq)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            &[
                Value::int(project.0),
                Value::int(by.0),
                Value::Time(src.at),
                m,
                seq,
            ],
        ),
        Effect::EndUpdateRequest { project } => sql.run(
            "UPDATE update_requests SET ended_at = ?1, ended_meeting_id = ?2, ended_seq = ?3
             WHERE project_id = ?4 AND ended_at IS NULL",
            &[Value::Time(src.at), m, seq, Value::int(project.0)],
        ),
        _ => Ok(0),
    }
    .map(|_| ())
}

/// Records a project's update with the status it had, then sets the new status.
fn update_project(
    sql: &dyn Sql,
    src: Source,
    project: i64,
    update: Option<&str>,
    status: &str,
) -> Result<(), StoreError> {
    let before = sql
        .text(
            "SELECT status FROM projects WHERE id = ?1",
            &[Value::int(project)],
        )?
        .ok_or_else(|| StoreError::Invalid(format!("no project {project}")))?;
    sql.run(
        "INSERT INTO project_updates (project_id, update_text, status_before, status_after, meeting_id, event_seq, entry_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        &[
            Value::int(project),
            Value::opt_text(update),
            Value::text(before),
            Value::text(status),
            Value::int(src.meeting),
            Value::int(src.seq),
            Value::Time(src.at),
        ],
    )?;
    sql.run(
        "UPDATE projects SET status = ?1 WHERE id = ?2",
        &[Value::text(status), Value::int(project)],
    )?;
    Ok(())
}

/// Reverses every operational effect of the entry `(meeting, seq)`.
fn undo(sql: &dyn Sql, meeting: i64, seq: i64) -> Result<(), StoreError> {
    let args = [Value::int(meeting), Value::int(seq)];
    sql.run(
        "UPDATE projects SET status = (SELECT status_before FROM project_updates u
           WHERE u.project_id = projects.id AND u.meeting_id = ?1 AND u.event_seq = ?2)
         WHERE id IN (SELECT project_id FROM project_updates WHERE meeting_id = ?1 AND event_seq = ?2)",
        &args,
    )?;
    sql.run(
        "UPDATE tensions SET status = 'open', processed_meeting_id = NULL, processed_seq = NULL,
         processed_at = NULL WHERE processed_meeting_id = ?1 AND processed_seq = ?2",
        &args,
    )?;
    sql.run(
        "UPDATE next_actions SET done = FALSE, done_meeting_id = NULL, done_seq = NULL, done_at = NULL
         WHERE done_meeting_id = ?1 AND done_seq = ?2",
        &args,
    )?;
    sql.run(
        "UPDATE update_requests SET ended_at = NULL, ended_meeting_id = NULL, ended_seq = NULL
         WHERE ended_meeting_id = ?1 AND ended_seq = ?2",
        &args,
    )?;
    for table in [
        "update_requests",
        "project_updates",
        "checklist_answers",
        "metric_values",
        "next_actions",
        "projects",
        "tensions",
        "process_breakdowns",
    ] {
        sql.run(
            &format!("DELETE FROM {table} WHERE meeting_id = ?1 AND event_seq = ?2"),
            &args,
        )?;
    }
    Ok(())
}
