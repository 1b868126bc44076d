//! The proposal editor's Cross Links (4.1 §2.7): inviting one (the Linked Entity, a circle of
//! the organisation or an entity named, then the person it assigns, §2.7.2) and removing one.
//! Offered only where the rule set has Cross Links; the domain refuses them elsewhere.
//!
//! Owns: those menu options, their labels, pickers and prompt. The change is added through
//! the editor, which checks it against the circle. Must not import: tokio; must not draw.

use super::editor::{add, menu};
use super::{pick, prompt, screen};
use crate::app::App;
use crate::app::modal::Outcome;
use crate::domain::meeting::governance::Change;
use crate::domain::{CircleId, LinkedEntity, Organisation, PersonId, RoleId};
use crate::ui::{EditorChoice, GovDraft};

/// The circles a Cross Link Policy of `circle` may link into: 4.1 §2.7 "it must be the Circle
/// creating the Policy, or one of its Sub-Circles".
fn targets(org: &Organisation, circle: CircleId) -> Vec<CircleId> {
    let mut out = vec![circle];
    out.extend(org.sub_circles(Some(circle)).map(|c| c.id));
    out
}

/// The Cross Links the circle's governance may remove: into it or one of its sub-circles.
fn removable(org: &Organisation, circle: CircleId) -> Vec<(String, RoleId)> {
    let mut out = Vec::new();
    for target in targets(org, circle) {
        for (role, _) in org.cross_links_into(target) {
            let name = match org.circle(target) {
                Some(c) if target != circle => format!("{} (into {})", role.name, c.name),
                _ => role.name.clone(),
            };
            out.push((name, role.id));
        }
    }
    out
}

/// The Cross Link options of the editor's menu for `circle`.
pub(super) fn choices(org: &Organisation, circle: CircleId) -> Vec<EditorChoice> {
    let mut out = Vec::new();
    if org.rule_set().rules().changes.cross_links {
        out.push(EditorChoice::CreateCrossLink);
    }
    if !removable(org, circle).is_empty() {
        out.push(EditorChoice::RemoveCrossLink);
    }
    out
}

/// A Cross Link option as the menu says it.
pub(super) fn label(choice: EditorChoice) -> &'static str {
    match choice {
        EditorChoice::CreateCrossLink => "Invite a Cross Link (4.1 §2.7)",
        EditorChoice::RemoveCrossLink => "Remove a Cross Link",
        _ => "",
    }
}

/// What a picked Cross Link option asks first.
pub(super) fn chosen(app: &mut App, org: &Organisation, circle: CircleId, choice: EditorChoice) {
    if choice == EditorChoice::RemoveCrossLink {
        let (options, roles) = removable(org, circle).into_iter().unzip();
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
        .map(|(c, _)| Some(c.id))
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

/// Asks which circle receives the link from `from` when there is a choice, then its filler.
fn ask_target(app: &mut App, org: &Organisation, circle: CircleId, from: LinkedEntity) {
    let circles: Vec<CircleId> = targets(org, circle)
        .into_iter()
        .filter(|c| from != LinkedEntity::Circle { circle: *c })
        .collect();
    match circles[..] {
        [] => {
            app.error("4.1 §2.7: a circle invites another entity or group, not itself.");
            return menu(app);
        }
        [only] => return ask_filler(app, org, from, only),
        _ => {}
    }
    let options = circles
        .iter()
        .map(|c| match org.circle(*c) {
            Some(x) if *c == circle => format!("This circle, {}", x.name),
            Some(x) => format!("The sub-circle {}", x.name),
            None => "?".to_string(),
        })
        .collect();
    let title = "Which circle receives the link (the Target Circle, 4.1 §2.7)?";
    pick(
        app,
        title,
        options,
        GovDraft::CrossLinkTarget(from, circles),
    );
}

/// Asks who fills the Cross Link from `from` into `into`.
fn ask_filler(app: &mut App, org: &Organisation, from: LinkedEntity, into: CircleId) {
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
        GovDraft::CrossLinkFiller(from, into, people),
    );
}

/// What an answer to one of the Cross Link questions does; hands back what it does not answer.
pub(super) fn answer(
    app: &mut App,
    org: &Organisation,
    outcome: Outcome,
    draft: GovDraft,
) -> Option<(Outcome, GovDraft)> {
    let here = screen(app).map(|s| s.state.circle)?;
    match (outcome, draft) {
        (Outcome::Picked(i), GovDraft::LinkedEntity(circles)) => match circles.get(i)? {
            Some(c) => ask_target(app, org, here, LinkedEntity::Circle { circle: *c }),
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
                ask_target(app, org, here, LinkedEntity::Other { name });
            }
        }
        (Outcome::Picked(i), GovDraft::CrossLinkTarget(from, circles)) => {
            let &into = circles.get(i)?;
            ask_filler(app, org, from, into);
        }
        (Outcome::Picked(i), GovDraft::CrossLinkFiller(from, into, people)) => {
            let &filler = people.get(i)?;
            add(app, Change::CreateCrossLink { from, into, filler }, None);
        }
        (Outcome::Picked(i), GovDraft::PickCrossLink(roles)) => {
            let &role: &RoleId = roles.get(i)?;
            add(app, Change::RemoveCrossLink { role }, None);
        }
        other => return Some(other),
    }
    None
}
