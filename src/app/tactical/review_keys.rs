//! Keys of the metrics and progress reviews that start an entry. The meeting has been asked
//! first (`probe`, with the reporter the entry will name), before any prompt opens.
//!
//! Owns: starting a metric value, a project update and a request for updates. Must not import: tokio; must not draw.

use super::{answered, pick, prompt, record, reporter, screen};
use crate::app::App;
use crate::app::keys::Action;
use crate::domain::meeting::flow::STAND_IN;
use crate::domain::meeting::tactical::Event;
use crate::domain::{Organisation, ProjectStatus};
use crate::ui::{Draft, PromptKind};

/// Enter on a metric: its value (or the correction of one reported earlier), asked once the
/// meeting would take it.
pub(super) fn metric_value(app: &mut App, org: &Organisation) {
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    let at = state.cursor(state.step);
    let Some(metric) = state.metrics.get(at).and_then(|&m| org.metric(m)) else {
        return app.info("No metrics to review: > moves on.");
    };
    let unit = metric
        .unit
        .as_deref()
        .map_or(String::new(), |u| format!(" in {u}"));
    let title = match state.earlier_value(org, metric.id) {
        Some(v) => format!(
            "Correct {}{unit} (reported: {})",
            metric.name,
            crate::domain::text::format_number(v.value)
        ),
        None => format!("{}{unit}", metric.name),
    };
    prompt(app, PromptKind::MetricValue, title, Draft::None);
}

/// A progress key on a project: "no updates" at once; an update, done, waiting or current
/// again asks for its words once the meeting would take the entry.
pub(super) fn project_update(app: &mut App, org: &Organisation, action: Action) {
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    let at = state.cursor(state.step);
    let Some(project) = state.projects.get(at).and_then(|&p| org.project(p)) else {
        return app.info("No current or waiting projects: > moves on.");
    };
    let status = match action {
        Action::MarkDone => ProjectStatus::Done,
        Action::MarkWaiting => ProjectStatus::Waiting,
        Action::MarkCurrent => ProjectStatus::Current,
        _ => project.status,
    };
    if action != Action::Open && action != Action::NoUpdates && status == project.status {
        return app.info(format!(
            "The project is {status} already: Enter updates it."
        ));
    }
    let words = (action != Action::NoUpdates).then(|| STAND_IN.to_string());
    let event = Event::ProjectUpdated {
        project: project.id,
        update: words.clone(),
        status_before: project.status,
        status,
        reporter: reporter(screen, org),
    };
    if words.is_none() {
        if record(app, event) {
            answered(app);
        }
    } else {
        let title = format!("Update on \"{}\" ({status})", project.title);
        prompt(
            app,
            PromptKind::ProjectUpdate,
            title,
            Draft::ProjectStatus(status),
        );
    }
}

/// `a` on a project: who asks for updates on it (present members who do not fill its role);
/// `x`: its filler ends the request (5.0 §2.1(f)). The meeting has been asked already.
pub(super) fn update_request(app: &mut App, org: &Organisation, action: Action) {
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    let Some(project) = state
        .projects
        .get(state.cursor(state.step))
        .and_then(|&p| org.project(p))
    else {
        return app.info("No current or waiting projects: > moves on.");
    };
    if action == Action::EndUpdates {
        let event = Event::UpdateRequestEnded {
            project: project.id,
            reporter: reporter(screen, org),
        };
        record(app, event);
        return;
    }
    let askers = state.update_askers(org, project.id);
    let options = askers
        .iter()
        .map(|&a| state.name_of(a).to_string())
        .collect();
    let title = format!("Who asks for updates on \"{}\"?", project.title);
    pick(
        app,
        &title,
        options,
        Draft::UpdateAskers(project.id, askers),
    );
}
