//! The proposal editor's changes to sub-circles: which to offer, picking the sub-circle, and
//! the prompts of an amendment (4.1 §2.6-2.6.2; 5.0 §1.3.1, §5.2). Expanding a role starts
//! from the editor's role picker; moves are the editor's too, reaching as far as the rule set
//! lets them (`domain::meeting::governance::sub_circle`).
//!
//! Owns: those menu options, their labels and prompts. The change is added through the
//! editor, which checks it against the circle. Must not import: tokio; must not draw.

use super::editor::{add, menu, split_list};
use super::{pick, prompt, screen};
use crate::app::App;
use crate::app::modal::Outcome;
use crate::domain::meeting::governance::Change;
use crate::domain::meeting::governance::sub_circle::{depth_below, move_targets};
use crate::domain::{CircleId, Organisation, RuleSet};
use crate::ui::{CircleAim, EditorChoice, Field, GovDraft, GovScreen, Subject};

/// The sub-circle options of the editor's menu for `circle`: expanding needs a role that is
/// not a core role, the others a sub-circle.
pub(super) fn choices(org: &Organisation, circle: CircleId) -> Vec<EditorChoice> {
    let mut out = Vec::new();
    if org.roles_in(circle).any(|r| r.core.is_none()) {
        out.push(EditorChoice::ExpandRole);
    }
    if org.sub_circles(Some(circle)).next().is_some() {
        out.extend([
            EditorChoice::AmendCircle,
            EditorChoice::CollapseCircle,
            EditorChoice::RemoveCircle,
        ]);
    }
    out
}

/// The circles below this one that roles and policies may move out of, as far as the rule
/// set reaches (4.1 §2.6.1: a sub-circle; 5.0 §5.2(d): or any sub-circle of one).
pub(super) fn movable_from(org: &Organisation, screen: &GovScreen) -> Vec<CircleId> {
    let circle = screen.state.circle;
    let reach = screen.state.rules.rules().changes.move_depth;
    org.circles_depth_first()
        .into_iter()
        .map(|(c, _)| c.id)
        .filter(|&c| depth_below(org, circle, c).is_some_and(|d| reach.is_none_or(|max| d <= max)))
        .collect()
}

/// Asks where a role or policy now in `from` moves to, or says there is nowhere.
pub(super) fn pick_target(
    app: &mut App,
    org: &Organisation,
    (circle, rules): (CircleId, RuleSet),
    from: Option<CircleId>,
    what: Subject,
) {
    let circles = from.map_or_else(Vec::new, |from| {
        move_targets(org, circle, rules.rules(), from)
    });
    if circles.is_empty() {
        app.error("This circle has no sub-circle to move it into.");
        return menu(app);
    }
    let options = circles.iter().map(|c| path(org, circle, *c)).collect();
    pick(
        app,
        "Move it to",
        options,
        GovDraft::MoveTarget(what, circles),
    );
}

/// A role's or policy's name in a picker, with its circle's when that is not `here`.
pub(super) fn placed(
    org: &Organisation,
    here: CircleId,
    name: String,
    at: Option<CircleId>,
) -> String {
    match at.and_then(|c| org.circle(c)) {
        Some(c) if c.id != here => format!("{name} ({})", c.name),
        _ => name,
    }
}

/// A sub-circle option as the menu says it.
pub(super) fn label(choice: EditorChoice) -> &'static str {
    match choice {
        EditorChoice::ExpandRole => "Expand a role into a sub-circle",
        EditorChoice::AmendCircle => "Amend a sub-circle",
        EditorChoice::CollapseCircle => "Collapse a sub-circle into a role",
        EditorChoice::RemoveCircle => "Remove a sub-circle and everything within",
        _ => "",
    }
}

/// Asks which sub-circle a picked option is about.
pub(super) fn choose(app: &mut App, org: &Organisation, circle: CircleId, choice: EditorChoice) {
    let aim = match choice {
        EditorChoice::CollapseCircle => CircleAim::Collapse,
        EditorChoice::RemoveCircle => CircleAim::Remove,
        _ => CircleAim::Amend,
    };
    let circles: Vec<CircleId> = org.sub_circles(Some(circle)).map(|c| c.id).collect();
    let options = circles.iter().map(|c| name_of(org, *c)).collect();
    pick(
        app,
        "Which sub-circle?",
        options,
        GovDraft::PickCircle(aim, circles),
    );
}

/// "Bakehouse › Pastry": where `to` is below `circle` (just its name when it is `circle` or
/// one of its sub-circles).
fn path(org: &Organisation, circle: CircleId, to: CircleId) -> String {
    let mut names = vec![name_of(org, to)];
    let mut at = org.circle(to).and_then(|c| c.parent);
    while let Some(c) = at.filter(|c| *c != circle).and_then(|c| org.circle(c)) {
        names.push(c.name.clone());
        at = c.parent;
    }
    if to == circle {
        names.truncate(1);
    }
    names.reverse();
    names.join(" › ")
}

fn name_of(org: &Organisation, circle: CircleId) -> String {
    org.circle(circle)
        .map_or("?".to_string(), |c| c.name.clone())
}

/// The fields of a sub-circle the rule set lets a proposal amend.
fn fields(screen: &GovScreen) -> Vec<Field> {
    let renames = screen.state.rules.rules().changes.renames_sub_circles;
    [
        Field::Name,
        Field::Purpose,
        Field::Domains,
        Field::Accountabilities,
    ]
    .into_iter()
    .filter(|f| renames || *f != Field::Name)
    .collect()
}

/// The amendment of `circle` being written (and its place), else a new one that changes
/// nothing yet.
fn pending(screen: &GovScreen, circle: CircleId) -> (Change, Option<usize>) {
    let at = screen
        .editing
        .iter()
        .flatten()
        .position(|c| matches!(c, Change::AmendCircle { circle: c, .. } if *c == circle));
    let change = at
        .and_then(|i| screen.editing.as_ref().and_then(|e| e.get(i)).cloned())
        .unwrap_or(Change::AmendCircle {
            circle,
            name: None,
            purpose: None,
            domains: None,
            accountabilities: None,
        });
    (change, at)
}

/// A field's value as the amendment being written sets it, else as the record has it.
fn current_value(org: &Organisation, screen: &GovScreen, circle: CircleId, field: Field) -> String {
    if let (
        Change::AmendCircle {
            name,
            purpose,
            domains,
            accountabilities,
            ..
        },
        Some(_),
    ) = pending(screen, circle)
    {
        let set = match field {
            Field::Name => name,
            Field::Purpose => purpose,
            Field::Domains => domains.map(|d| d.join("; ")),
            Field::Accountabilities => accountabilities.map(|a| a.join("; ")),
            Field::Text => None,
        };
        if let Some(value) = set {
            return value;
        }
    }
    org.circle(circle).map_or(String::new(), |c| match field {
        Field::Name => c.name.clone(),
        Field::Purpose => c.purpose.clone(),
        Field::Domains => c.domains.join("; "),
        Field::Accountabilities => c.accountabilities.join("; "),
        Field::Text => String::new(),
    })
}

/// What an answer to one of the sub-circle questions does.
pub(super) fn outcome(app: &mut App, org: &Organisation, outcome: Outcome, draft: GovDraft) {
    let Some(screen) = screen(app) else { return };
    match (outcome, draft) {
        (Outcome::Picked(i), GovDraft::PickCircle(aim, circles)) => {
            let Some(&circle) = circles.get(i) else {
                return;
            };
            match aim {
                CircleAim::Collapse => add(app, Change::CollapseCircle { circle }, None),
                CircleAim::Remove => add(app, Change::RemoveCircle { circle }, None),
                CircleAim::Amend => {
                    let options = fields(screen)
                        .iter()
                        .map(|f| f.label().to_string())
                        .collect();
                    let title = format!("Amend what of {}?", name_of(org, circle));
                    pick(app, &title, options, GovDraft::CircleField(circle));
                }
            }
        }
        (Outcome::Picked(i), GovDraft::CircleField(circle)) => {
            let Some(&field) = fields(screen).get(i) else {
                return;
            };
            let value = current_value(org, screen, circle, field);
            let title = format!(
                "{} of {} (lists separated by ;)",
                field.label(),
                name_of(org, circle)
            );
            prompt(app, title, &value, GovDraft::CircleValue(circle, field));
        }
        (Outcome::Submitted(value), GovDraft::CircleValue(circle, field)) => {
            let (mut change, at) = pending(screen, circle);
            if let Change::AmendCircle {
                name,
                purpose,
                domains,
                accountabilities,
                ..
            } = &mut change
            {
                match field {
                    Field::Name => *name = Some(value),
                    Field::Purpose => *purpose = Some(value),
                    Field::Domains => *domains = Some(split_list(&value)),
                    Field::Accountabilities => *accountabilities = Some(split_list(&value)),
                    Field::Text => {}
                }
            }
            add(app, change, at);
        }
        _ => menu(app),
    }
}
