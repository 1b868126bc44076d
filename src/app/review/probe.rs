//! Which entry a key's action would record at the review's current stop, with stand-in
//! words where the typing goes. The hint bar asks the review (`Flow::may`) about it and
//! leaves off the keys it would refuse (say, `c` and `x` at a checklist stop already
//! answered); `act` asks the same first, so a key left off is refused with the reason.
//!
//! Owns: that mapping. Moving between stops and leaving are `None`: never left off.
//! Must not import: tokio; must not draw.

use crate::app::keys::Action;
use crate::domain::meeting::flow::STAND_IN;
use crate::domain::review::{Entry, Review, ReviewEvent, Stop};
use crate::domain::{Organisation, ProjectStatus};

/// The entry `action` would record now, if it records one the review could refuse.
pub(crate) fn probe(state: &Review, org: &Organisation, action: Action) -> Option<ReviewEvent> {
    let role = match state.stop() {
        Stop::Accountability { role, .. } => Some(role),
        Stop::Project { project } => org.project(project).map(|p| p.role),
        _ => None,
    };
    let entry = match (state.stop(), action) {
        (Stop::Accountability { .. } | Stop::Project { .. }, Action::AddNextAction) => {
            Entry::NextAction {
                role,
                text: STAND_IN.into(),
            }
        }
        (Stop::Accountability { .. }, Action::AddProject) => Entry::Project {
            role: role?,
            title: STAND_IN.into(),
        },
        (Stop::Project { project }, Action::MarkDone | Action::MarkWaiting) => {
            Entry::ProjectStatus {
                project,
                status_before: org.project(project)?.status,
                status: match action {
                    Action::MarkDone => ProjectStatus::Done,
                    _ => ProjectStatus::Waiting,
                },
            }
        }
        (Stop::Checklist { item, period }, Action::Check | Action::NoCheck) => Entry::Checklist {
            item,
            period,
            checked: action == Action::Check,
        },
        (Stop::Metric { metric, period }, Action::Open) => Entry::Metric {
            metric,
            period,
            value: 0.0,
        },
        _ => return None,
    };
    Some(ReviewEvent::Recorded {
        at: state.cursor,
        entry,
    })
}
