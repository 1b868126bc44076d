//! Keys of the metrics and progress reviews that start an entry. The meeting has been asked
//! first (`probe`, with the reporter the entry will name), before any prompt opens.
//!
//! Owns: starting a metric value, a project update and a request for updates. Must not import: tokio; must not draw.

use super::{answered, ask, record, reporter, screen};
use crate::app::App;
use crate::app::keys::Action;
use crate::domain::meeting::flow::STAND_IN;
use crate::domain::meeting::tactical::{Event, Form, ProgressItem, reported_accountabilities};
use crate::domain::{Organisation, ProjectStatus, RoleId};

/// Enter on a metric: its value (or the correction of one reported earlier), asked once the
/// meeting would take it.
pub(super) fn metric_value(app: &mut App, org: &Organisation) {
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    let at = state.cursor(state.step);
    if state.metrics.get(at).and_then(|&m| org.metric(m)).is_none() {
        return app.info("No metrics to review: > moves on.");
    }
    ask(app, Form::Value);
}

/// The status a progress key gives a project whose status is `now`: done, waiting or current
/// again, or the same for an update or "no updates".
pub(super) fn status_after(action: Action, now: ProjectStatus) -> ProjectStatus {
    match action {
        Action::MarkDone => ProjectStatus::Done,
        Action::MarkWaiting => ProjectStatus::Waiting,
        Action::MarkCurrent => ProjectStatus::Current,
        _ => now,
    }
}

/// A progress key on a project: "no updates" at once; an update, done, waiting or current
/// again asks for its words once the meeting would take the entry.
pub(super) fn project_update(app: &mut App, org: &Organisation, action: Action) {
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    let at = state.cursor(state.step);
    if let Some(ProgressItem::Accountabilities(role)) = state.progress.get(at).copied() {
        return match action {
            Action::Open => accountability(app, org, role),
            _ => app.info(
                "Reporting on accountabilities is each participant's choice (4.1 §4.2.3(d)): Enter reports on one, → moves on.",
            ),
        };
    }
    let Some(project) = state.project_at(at).and_then(|p| org.project(p)) else {
        return app.info("No current or waiting projects: > moves on.");
    };
    let status = status_after(action, project.status);
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
        ask(app, Form::ProjectStatus(status));
    }
}

/// `a` on a project: who asks for updates on it (present members who do not fill its role);
/// `x`: its filler ends the request (5.0 §2.1(f)). The meeting has been asked already.
pub(super) fn update_request(app: &mut App, org: &Organisation, action: Action) {
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    let Some(project) = state
        .project_at(state.cursor(state.step))
        .and_then(|p| org.project(p))
    else {
        return app.info("Updates are requested on a project: → moves to one.");
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
    ask(app, Form::UpdateAskers(project.id, askers));
}

/// Enter on a role's accountabilities (4.1 §4.2.3(d)): which one the progress is on, each
/// marked once reported in this meeting.
fn accountability(app: &mut App, org: &Organisation, role: RoleId) {
    let Some(screen) = screen(app) else { return };
    let texts = reported_accountabilities(org, screen.state.circle, role);
    ask(app, Form::Accountabilities(role, texts));
}
