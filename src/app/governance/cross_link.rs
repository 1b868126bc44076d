//! The proposal editor's Cross Links (4.1 §2.7): inviting one (the Linked Entity, a circle of
//! the organisation or an entity named, then the person it assigns, §2.7.2) and removing one.
//! Offered only where the rule set has Cross Links; the domain refuses them elsewhere.
//!
//! Owns: those menu options, their labels, pickers and prompt. The change is added through
//! the editor, which checks it against the circle. Must not import: tokio; must not draw.

use super::editor::{add, menu};
use super::{pick, prompt};
use crate::app::App;
use crate::app::modal::Outcome;
use crate::domain::meeting::governance::Change;
use crate::domain::{CircleId, LinkedEntity, Organisation, PersonId, RoleId};
use crate::ui::{EditorChoice, GovDraft};

/// The Cross Link options of the editor's menu for `circle`.
pub(super) fn choices(org: &Organisation, circle: CircleId) -> Vec<EditorChoice> {
    let mut out = Vec::new();
    if org.rule_set().rules().changes.cross_links {
        out.push(EditorChoice::CreateCrossLink);
    }
    if !org.cross_links_into(circle).is_empty() {
        out.push(EditorChoice::RemoveCrossLink);
    }
    out
}

/// A Cross Link option as the menu says it.
pub(super) fn label(choice: EditorChoice) -> &'static str {
    match choice {
        EditorChoice::CreateCrossLink => "Invite a Cross Link into this circle (4.1 §2.7)",
        EditorChoice::RemoveCrossLink => "Remove a Cross Link",
        _ => "",
    }
}

/// What a picked Cross Link option asks first.
pub(super) fn chosen(app: &mut App, org: &Organisation, circle: CircleId, choice: EditorChoice) {
    if choice == EditorChoice::RemoveCrossLink {
        let links = org.cross_links_into(circle);
        let options = links.iter().map(|(r, _)| r.name.clone()).collect();
        let roles = links.iter().map(|(r, _)| r.id).collect();
        return pick(
            app,
            "Which Cross Link?",
            options,
            GovDraft::PickCrossLink(roles),
        );
    }
    let mut circles: Vec<Option<CircleId>> = org
        .circles_depth_first()
        .into_iter()
        .map(|(c, _)| c.id)
        .filter(|c| *c != circle)
        .map(Some)
        .collect();
    circles.push(None);
    let options = circles
        .iter()
        .map(|c| match c.and_then(|c| org.circle(c)) {
            Some(c) => format!("The circle {}", c.name),
            None => "An entity or group outside the organisation…".to_string(),
        })
        .collect();
    pick(
        app,
        "Who is invited to link in (the Linked Entity)?",
        options,
        GovDraft::LinkedEntity(circles),
    );
}

/// Asks who fills the Cross Link from `from`.
fn ask_filler(app: &mut App, org: &Organisation, from: LinkedEntity) {
    let people: Vec<PersonId> = org.current_people().map(|p| p.id).collect();
    let options = people
        .iter()
        .map(|p| org.person_name(*p).to_string())
        .collect();
    let title = format!(
        "Who does {} assign as its Cross Link (4.1 §2.7.2)?",
        org.linked_entity_name(&from)
    );
    pick(
        app,
        &title,
        options,
        GovDraft::CrossLinkFiller(from, people),
    );
}

/// What an answer to one of the Cross Link questions does; hands back what it does not answer.
pub(super) fn answer(
    app: &mut App,
    org: &Organisation,
    outcome: Outcome,
    draft: GovDraft,
) -> Option<(Outcome, GovDraft)> {
    match (outcome, draft) {
        (Outcome::Picked(i), GovDraft::LinkedEntity(circles)) => match circles.get(i)? {
            Some(circle) => ask_filler(app, org, LinkedEntity::Circle { circle: *circle }),
            None => prompt(
                app,
                "Name of the entity or group invited to link in".into(),
                "",
                GovDraft::LinkedEntityName,
            ),
        },
        (Outcome::Submitted(name), GovDraft::LinkedEntityName) => {
            if crate::domain::text::clean_line(&name).is_empty() {
                app.error("Name the entity or group the Cross Link comes from.");
                menu(app);
            } else {
                ask_filler(app, org, LinkedEntity::Other { name });
            }
        }
        (Outcome::Picked(i), GovDraft::CrossLinkFiller(from, people)) => {
            let &filler = people.get(i)?;
            add(app, Change::CreateCrossLink { from, filler }, None);
        }
        (Outcome::Picked(i), GovDraft::PickCrossLink(roles)) => {
            let &role: &RoleId = roles.get(i)?;
            add(app, Change::RemoveCrossLink { role }, None);
        }
        other => return Some(other),
    }
    None
}
