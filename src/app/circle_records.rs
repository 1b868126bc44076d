//! A role's checklist items and metrics between meetings, from the browser: `c` adds a
//! checklist item (its text, then how often), `m` a metric (its name, unit, then how often),
//! `e` ends one; each then asks who is acting, among the people the rule set lets keep those
//! records, and records it in the organisation's log.
//!
//! Owns: the questions of those changes. Must not import: tokio; must not draw.

use super::App;
use super::keys::Action;
use super::modal::Outcome;
use super::people::{ask, picker, record};
use crate::domain::org_log::OrgRequest;
use crate::domain::org_log::records::{RecordKind, definers};
use crate::domain::{Frequency, Organisation, Role};
use crate::ui::{Modal, OrgForm, Prompt, PromptKind};

/// Whether `action` is one of these changes.
pub fn acts_on(action: Action) -> bool {
    matches!(
        action,
        Action::AddChecklistItem | Action::AddMetric | Action::EndRecord
    )
}

fn prompt(app: &mut App, form: OrgForm, title: String) {
    ask(
        app,
        form,
        Modal::Prompt(Prompt::titled(PromptKind::OutputText, title)),
    );
}

fn ask_frequency(app: &mut App, form: OrgForm) {
    let options = Frequency::ALL.iter().map(|f| f.to_string()).collect();
    ask(
        app,
        form,
        picker("How often is it reported?".into(), options),
    );
}

/// Starts the change `action` asks for on `role`.
pub fn act(app: &mut App, org: &Organisation, role: &Role, action: Action) {
    match action {
        Action::AddChecklistItem => prompt(
            app,
            OrgForm::ChecklistText { role: role.id },
            format!("Checklist item of {} (a recurring action)", role.name),
        ),
        Action::AddMetric => prompt(
            app,
            OrgForm::MetricName { role: role.id },
            format!("Metric of {} (its name)", role.name),
        ),
        _ => {
            let mut options: Vec<String> = Vec::new();
            let mut requests: Vec<OrgRequest> = Vec::new();
            for c in org.checklist_of(role.id) {
                options.push(format!("checklist: {} ({})", c.text, c.frequency));
                requests.push(OrgRequest::EndChecklistItem { item: c.id });
            }
            for m in org.metrics_of(role.id) {
                options.push(format!("metric: {} ({})", m.name, m.frequency));
                requests.push(OrgRequest::EndMetric { metric: m.id });
            }
            if requests.is_empty() {
                return app.info(format!(
                    "{} has no checklist items or metrics: c or m adds one.",
                    role.name
                ));
            }
            let title = format!("End which of {}'s records?", role.name);
            ask(app, OrgForm::EndRecord { requests }, picker(title, options));
        }
    }
}

/// The role and kind of record a request is about.
fn subject<'a>(org: &'a Organisation, request: &OrgRequest) -> Option<(&'a Role, RecordKind)> {
    let (role, kind) = match request {
        OrgRequest::AddChecklistItem { role, .. } => (*role, RecordKind::Checklist),
        OrgRequest::AddMetric { role, .. } => (*role, RecordKind::Metric),
        OrgRequest::EndChecklistItem { item } => {
            (org.checklist_item(*item)?.role, RecordKind::Checklist)
        }
        OrgRequest::EndMetric { metric } => (org.metric(*metric)?.role, RecordKind::Metric),
        _ => return None,
    };
    Some((org.role(role)?, kind))
}

/// Asks who is acting among the people who may keep these records, then records it.
fn ask_actor(app: &mut App, org: &Organisation, request: OrgRequest) {
    let Some((role, kind)) = subject(org, &request) else {
        return;
    };
    let (actors, article) = definers(org, role, kind);
    if actors.is_empty() {
        // Decided without an actor, the refusal says who would keep the records.
        return record(app, &request, None);
    }
    let options = actors
        .iter()
        .map(|p| org.person_name(*p).to_string())
        .collect();
    ask(
        app,
        OrgForm::Actor { request, actors },
        picker(format!("Who is acting? ({article})"), options),
    );
}

/// The answer to one of these changes' questions.
pub fn outcome(app: &mut App, org: &Organisation, form: OrgForm, outcome: Outcome) {
    let frequency = |n: usize| Frequency::ALL.get(n).copied();
    match (form, outcome) {
        (OrgForm::ChecklistText { .. } | OrgForm::MetricName { .. }, Outcome::Submitted(t))
            if t.trim().is_empty() =>
        {
            app.error("Type its text, or Esc to cancel.");
        }
        (OrgForm::ChecklistText { role }, Outcome::Submitted(text)) => {
            ask_frequency(app, OrgForm::ChecklistFrequency { role, text });
        }
        (OrgForm::ChecklistFrequency { role, text }, Outcome::Picked(n)) => {
            if let Some(frequency) = frequency(n) {
                let request = OrgRequest::AddChecklistItem {
                    role,
                    text,
                    frequency,
                };
                ask_actor(app, org, request);
            }
        }
        (OrgForm::MetricName { role }, Outcome::Submitted(name)) => prompt(
            app,
            OrgForm::MetricUnit { role, name },
            "Its unit, such as loaves or EUR (optional: Enter to skip)".into(),
        ),
        (OrgForm::MetricUnit { role, name }, Outcome::Submitted(unit)) => {
            let unit = Some(unit).filter(|u| !u.trim().is_empty());
            ask_frequency(app, OrgForm::MetricFrequency { role, name, unit });
        }
        (OrgForm::MetricFrequency { role, name, unit }, Outcome::Picked(n)) => {
            if let Some(frequency) = frequency(n) {
                let request = OrgRequest::AddMetric {
                    role,
                    name,
                    unit,
                    frequency,
                };
                ask_actor(app, org, request);
            }
        }
        (OrgForm::EndRecord { requests }, Outcome::Picked(n)) => {
            if let Some(request) = requests.into_iter().nth(n) {
                ask_actor(app, org, request);
            }
        }
        (form, outcome) => super::breakdown::outcome(app, org, form, outcome),
    }
}
