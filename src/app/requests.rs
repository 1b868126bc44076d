//! What a command-line change between meetings asks (`person`, `assign`, `unassign`,
//! `checklist`, `metric`, `declare`, `restore`, `undo`): the organisation change with every name
//! resolved, and who is acting (`--as NAME`). Names that match nothing, or a change that
//! needs someone acting and names nobody, are a one-line refusal.
//!
//! Owns: turning those commands into `OrgRequest`s. Must not: write (the caller records
//! the request through `org_entries`), draw, or hold SQL.

use super::org_entries::{assignment, person, role};
use crate::cli::{ChecklistCommand, Command, MetricCommand, PersonCommand, RecordOf};
use crate::domain::org_log::OrgRequest;
use crate::domain::org_log::breakdown::declarers;
use crate::domain::{CircleId, Organisation, PersonId, Role};

/// A change, and who makes it (if the change names anyone).
pub type Asked = (OrgRequest, Option<PersonId>);

/// What the change `command` asks of `org`, made by `actor`.
pub fn asked(org: &Organisation, command: Command, actor: Option<&str>) -> Result<Asked, String> {
    match command {
        Command::Person(command) => people(org, command),
        Command::Assign {
            role: name,
            person: who,
            focus,
            circle,
        } => {
            let actor = acting(org, actor, "the Lead who may assign the role")?;
            let role = role(org, &name, circle.as_deref())?.id;
            let person = person(org, &who)?;
            Ok((
                OrgRequest::Assign {
                    role,
                    person,
                    focus,
                },
                actor,
            ))
        }
        Command::Unassign {
            role: name,
            person: who,
            circle,
        } => {
            let actor = acting(org, actor, "the Lead who may, or the person themself")?;
            let role = role(org, &name, circle.as_deref())?;
            let assignment = assignment(org, role, person(org, &who)?)?;
            Ok((OrgRequest::EndAssignment { assignment }, actor))
        }
        Command::Checklist(command) => checklist(org, command, actor),
        Command::Metric(command) => metric(org, command, actor),
        Command::Declare { circle, reason } => {
            let circle = circle_named(org, &circle)?;
            let (may, article) = declarers(org, circle);
            let names: Vec<&str> = may.iter().map(|p| org.person_name(*p)).collect();
            let who = match names.is_empty() {
                true => format!("one who may declare it ({article}; nobody may now)"),
                false => format!("one who may declare it ({article}): {}", names.join(", ")),
            };
            let actor = acting(org, actor, &who)?;
            Ok((OrgRequest::DeclareBreakdown { circle, reason }, actor))
        }
        Command::Restore { circle } => {
            let circle = circle_named(org, &circle)?;
            let actor = acting(org, actor, "the super-circle's Facilitator")?;
            Ok((OrgRequest::RestoreProcess { circle }, actor))
        }
        Command::Undo => Ok((OrgRequest::Undo, None)),
        _ => Err("not a change between meetings".into()),
    }
}

/// The circle named `name` (any case).
fn circle_named(org: &Organisation, name: &str) -> Result<CircleId, String> {
    org.circle_named(name.trim())
        .map(|c| c.id)
        .ok_or_else(|| format!("no circle named \"{}\"", name.trim()))
}

/// The person acting (`--as NAME`), who must be named for `who`.
fn acting(org: &Organisation, actor: Option<&str>, who: &str) -> Result<Option<PersonId>, String> {
    let name = actor.ok_or_else(|| format!("say who is acting with --as NAME: {who}"))?;
    Ok(Some(person(org, name)?))
}

fn people(org: &Organisation, command: PersonCommand) -> Result<Asked, String> {
    Ok(match command {
        PersonCommand::Add { name, email } => (OrgRequest::AddPerson { name, email }, None),
        PersonCommand::Rename { old, new } => {
            let person = person(org, &old)?;
            (OrgRequest::RenamePerson { person, name: new }, None)
        }
        PersonCommand::Leave { name } => {
            let person = person(org, &name)?;
            (OrgRequest::PersonLeaves { person }, None)
        }
    })
}

/// The role a record command names, and who is acting.
fn record_of<'a>(
    org: &'a Organisation,
    of: &RecordOf,
    actor: Option<&str>,
) -> Result<(&'a Role, Option<PersonId>), String> {
    let role = role(org, &of.role, of.circle.as_deref())?;
    let actor = acting(org, actor, "the circle's Secretary or the role's filler")?;
    Ok((role, actor))
}

/// The one of a role's `records` (checklist items or metrics) whose name is `wanted`,
/// ignoring case: its id, or a refusal naming the `kind` of record.
fn named<T, I>(
    records: impl Iterator<Item = T>,
    name: impl Fn(&T) -> &str,
    id: impl Fn(&T) -> I,
    (role, kind, wanted): (&Role, &str, &str),
) -> Result<I, String> {
    let wanted = wanted.trim();
    records
        .into_iter()
        .find(|r| name(r).eq_ignore_ascii_case(wanted))
        .map(|r| id(&r))
        .ok_or_else(|| format!("{} has no {kind} \"{wanted}\"", role.name))
}

fn checklist(
    org: &Organisation,
    command: ChecklistCommand,
    actor: Option<&str>,
) -> Result<Asked, String> {
    match command {
        ChecklistCommand::Add {
            of,
            text,
            frequency,
        } => {
            let (role, actor) = record_of(org, &of, actor)?;
            let role = role.id;
            let request = OrgRequest::AddChecklistItem {
                role,
                text,
                frequency,
            };
            Ok((request, actor))
        }
        ChecklistCommand::End { of, text } => {
            let (role, actor) = record_of(org, &of, actor)?;
            let item = named(
                org.checklist_of(role.id),
                |c| c.text.as_str(),
                |c| c.id,
                (role, "checklist item", &text),
            )?;
            Ok((OrgRequest::EndChecklistItem { item }, actor))
        }
    }
}

fn metric(
    org: &Organisation,
    command: MetricCommand,
    actor: Option<&str>,
) -> Result<Asked, String> {
    match command {
        MetricCommand::Add {
            of,
            name,
            unit,
            frequency,
        } => {
            let (role, actor) = record_of(org, &of, actor)?;
            let role = role.id;
            let request = OrgRequest::AddMetric {
                role,
                name,
                unit,
                frequency,
            };
            Ok((request, actor))
        }
        MetricCommand::End { of, name } => {
            let (role, actor) = record_of(org, &of, actor)?;
            let metric = named(
                org.metrics_of(role.id),
                |m| m.name.as_str(),
                |m| m.id,
                (role, "metric", &name),
            )?;
            Ok((OrgRequest::EndMetric { metric }, actor))
        }
    }
}
