//! A tactical meeting's minutes: the checklist, metrics, progress updates, the items due but not
//! reported, and the agenda with its outputs, each with who reported it when that was not the
//! role's filler.
//!
//! Owns: `Minutes::tactical`. Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or
//! the clock.

use super::ids::{MeetingId, RoleId};
use super::meeting::MeetingKind;
use super::meeting::tactical::{Step, Tactical};
use super::minutes::{
    AgendaLine, ChecklistLine, Common, DueLine, MetricLine, Minutes, OutputLine, ProjectLine,
};
use super::minutes_progress::{accountability_lines, request_lines, requested_by};
use super::org::Organisation;

/// Who reported an entry, named only when they do not fill the entry's role.
type ReportedBy<'a> = dyn Fn(RoleId, Option<usize>) -> Option<String> + 'a;

impl Minutes {
    /// The minutes of a tactical meeting.
    pub fn tactical(id: MeetingId, m: &Tactical, org: &Organisation) -> Minutes {
        let name = |i: usize| m.name_of(i).to_string();
        let reported_by = |role, reporter: Option<usize>| {
            let r = reporter?;
            let person = m.attendees.get(r).and_then(|a| a.person);
            let fills = org.fillers_of(role).any(|a| Some(a.person) == person);
            (!fills).then(|| name(r))
        };
        let common = Common {
            id,
            kind: MeetingKind::Tactical,
            rule_set: org.rule_set().to_string(),
            circle: m.circle,
            started_at: m.started_at,
            ended_at: m.ended_at,
            planned_minutes: m.planned_minutes,
            facilitator: m.facilitator,
            secretary: m.secretary,
            attendees: &m.attendees,
            question: &m.question,
            rounds: &m.rounds,
            check_in: Step::CheckIn,
            closing: Step::Closing,
        };
        Minutes {
            not_reported: not_reported(m, org),
            checklist: checklist_lines(m, org, &reported_by),
            metrics: metric_lines(m, org, &reported_by),
            projects: project_lines(m, org, &reported_by),
            update_requests: request_lines(m, org),
            accountabilities: accountability_lines(m, org, &reported_by),
            agenda: agenda_lines(m, org, &name),
            ..Minutes::common(common, org, &name)
        }
    }
}

/// A role's name, or "?" for one the organisation no longer has.
fn role_name(org: &Organisation, role: RoleId) -> String {
    org.role(role)
        .map_or_else(|| "?".to_string(), |r| r.name.clone())
}

/// The checklist answers given in the meeting.
fn checklist_lines(
    m: &Tactical,
    org: &Organisation,
    reported_by: &ReportedBy,
) -> Vec<ChecklistLine> {
    m.answers
        .iter()
        .filter_map(|a| {
            let item = org.checklist_item(a.item)?;
            Some(ChecklistLine {
                role: role_name(org, item.role),
                item: item.text.clone(),
                frequency: item.frequency.to_string(),
                period: a.period,
                checked: a.checked,
                reported_by: reported_by(item.role, a.reporter),
            })
        })
        .collect()
}

/// The metric values reported (or corrected) in the meeting.
fn metric_lines(m: &Tactical, org: &Organisation, reported_by: &ReportedBy) -> Vec<MetricLine> {
    m.reports
        .iter()
        .filter_map(|r| {
            let metric = org.metric(r.metric)?;
            Some(MetricLine {
                role: role_name(org, metric.role),
                metric: metric.name.clone(),
                unit: metric.unit.clone(),
                period: r.period,
                value: r.value,
                comment: r.comment.clone(),
                reported_by: reported_by(metric.role, r.reporter),
                corrects: r.corrects,
            })
        })
        .collect()
}

/// The progress updates given on projects.
fn project_lines(m: &Tactical, org: &Organisation, reported_by: &ReportedBy) -> Vec<ProjectLine> {
    m.updates
        .iter()
        .filter_map(|u| {
            let project = org.project(u.project)?;
            Some(ProjectLine {
                role: role_name(org, project.role),
                project: project.title.clone(),
                update: u.update.clone(),
                status_before: u.status_before,
                status: u.status,
                reported_by: reported_by(project.role, u.reporter),
                requested_by: requested_by(m, org, u.project),
            })
        })
        .collect()
}

/// The agenda items in agenda order, with their outputs.
fn agenda_lines(
    m: &Tactical,
    org: &Organisation,
    name: &dyn Fn(usize) -> String,
) -> Vec<AgendaLine> {
    m.agenda_items()
        .map(|item| AgendaLine {
            label: item.label.clone(),
            owner: name(item.owner),
            got_what_needed: item.closed,
            outputs: item
                .outputs
                .iter()
                .map(|(_, o)| OutputLine::of(o, org, name))
                .collect(),
        })
        .collect()
}

/// The checklist items and metrics of the meeting with no answer or value in it, each for
/// the period the meeting reviewed (a metric whose period already had its value from an
/// earlier meeting is not due again, and is left out).
fn not_reported(m: &Tactical, org: &Organisation) -> Vec<DueLine> {
    let items = m
        .checklist
        .iter()
        .filter(|&&c| m.answer_for(c).is_none())
        .filter_map(|&c| org.checklist_item(c))
        .map(|c| DueLine {
            role: role_name(org, c.role),
            item: c.text.clone(),
            kind: "checklist",
            period: m.period_for(c.frequency),
        });
    let metrics = m
        .metrics
        .iter()
        .filter(|&&id| m.report_for(id).is_none() && m.earlier_value(org, id).is_none())
        .filter_map(|&id| org.metric(id))
        .map(|x| DueLine {
            role: role_name(org, x.role),
            item: x.name.clone(),
            kind: "metric",
            period: m.period_for(x.frequency),
        });
    items.chain(metrics).collect()
}
