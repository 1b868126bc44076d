//! The proposal editor's changes to sub-circles and Cross Links, as forms: which to offer,
//! the sub-circle picked and the field of an amendment (4.1 §2.6-2.6.2; 5.0 §1.3.1, §5.2),
//! where a role or policy moves (as far as the rule set reaches:
//! `domain::meeting::governance::sub_circle`), and inviting a Cross Link (the Linked Entity,
//! a circle of the organisation or an entity named, the Target Circle, then the person it
//! assigns: 4.1 §2.7.2) or removing one. Cross Links are offered only where the rule set has
//! them; the change rules refuse them elsewhere.
//!
//! Owns: those menu options, questions and answers. The change is added through the editor
//! (`form_editor::added`), which checks it against the circle. Must not import: rusqlite,
//! ratatui, crossterm, tokio, std::fs, or the clock.

use super::Change;
use super::form::{Context, GovernanceForm, Next, Said, line, picked};
use super::form_editor::{added, editing, to_menu};
use super::form_parts::{CircleAim, EditorChoice, Field, Subject, policy_circle, split_list};
use super::sub_circle::{depth_below, move_targets};
use crate::domain::form::{Answer, Answered, PromptKind, Question};
use crate::domain::ids::{CircleId, PersonId, RoleId};
use crate::domain::org::{LinkedEntity, Organisation};
use crate::domain::text::clean_line;

/// The sub-circle options of the editor's menu for `circle`: expanding needs a role that is
/// not a core role, the others a sub-circle.
pub(super) fn circle_choices(org: &Organisation, circle: CircleId) -> Vec<EditorChoice> {
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

/// The Cross Link options of the editor's menu for `circle`.
pub(super) fn cross_link_choices(org: &Organisation, circle: CircleId) -> Vec<EditorChoice> {
    let mut out = Vec::new();
    if org.rule_set().rules().changes.cross_links {
        out.push(EditorChoice::CreateCrossLink);
    }
    if !removable(org, circle).is_empty() {
        out.push(EditorChoice::RemoveCrossLink);
    }
    out
}

/// The circles below this one that roles and policies may move out of, as far as the rule
/// set reaches (4.1 §2.6.1: a sub-circle; 5.0 §5.2(d): or any sub-circle of one).
pub(super) fn movable_from(at: &Context<'_>) -> Vec<CircleId> {
    let (org, circle) = (at.org, at.state.circle);
    let reach = at.state.rules.rules().changes.move_depth;
    org.circles_depth_first()
        .into_iter()
        .map(|(c, _)| c.id)
        .filter(|&c| depth_below(org, circle, c).is_some_and(|d| reach.is_none_or(|max| d <= max)))
        .collect()
}

/// Where the role or policy `what` may move to from the circle it is in.
pub(super) fn move_targets_of(at: &Context<'_>, what: Subject) -> Vec<CircleId> {
    let from = match what {
        Subject::Role(role) => at.org.role(role).map(|r| r.circle),
        Subject::Policy(policy) => policy_circle(at.org, policy),
    };
    from.map_or_else(Vec::new, |from| {
        move_targets(at.org, at.state.circle, at.state.rules.rules(), from)
    })
}

/// Asks where `what` moves to, or says there is nowhere.
pub(super) fn ask_move(at: &Context<'_>, what: Subject) -> Next {
    let circles = move_targets_of(at, what);
    if circles.is_empty() {
        return to_menu(Some(Said::Error(
            "This circle has no sub-circle to move it into.".into(),
        )));
    }
    Answered::Ask(GovernanceForm::MoveTarget(what, circles))
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

/// "Bakehouse › Pastry": where `to` is below `circle` (just its name when it is `circle` or
/// one of its sub-circles).
pub(super) fn path(org: &Organisation, circle: CircleId, to: CircleId) -> String {
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

/// What a sub-circle or Cross Link option of the menu asks first.
pub(super) fn chosen(at: &Context<'_>, choice: EditorChoice) -> Next {
    let aim = match choice {
        EditorChoice::AmendCircle => CircleAim::Amend,
        EditorChoice::CollapseCircle => CircleAim::Collapse,
        EditorChoice::RemoveCircle => CircleAim::Remove,
        EditorChoice::RemoveCrossLink => {
            let roles = removable(at.org, at.state.circle);
            return Answered::Ask(GovernanceForm::PickCrossLink(
                roles.into_iter().map(|(_, r)| r).collect(),
            ));
        }
        _ => return Answered::Ask(GovernanceForm::LinkedEntity(linked_entities(at.org))),
    };
    Answered::Ask(GovernanceForm::PickCircle(aim, sub_circles(at)))
}

/// The sub-circles of the meeting's circle.
fn sub_circles(at: &Context<'_>) -> Vec<CircleId> {
    at.org
        .sub_circles(Some(at.state.circle))
        .map(|c| c.id)
        .collect()
}

/// The fields of a sub-circle the rule set lets a proposal amend.
fn fields(at: &Context<'_>) -> Vec<Field> {
    let renames = at.state.rules.rules().changes.renames_sub_circles;
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

impl GovernanceForm {
    /// The question of a sub-circle or Cross Link form.
    pub(super) fn changes_question(&self, at: &Context<'_>) -> Option<Question> {
        use GovernanceForm as F;
        let (org, here) = (at.org, at.state.circle);
        Some(match self {
            F::PickCircle(_, circles) => Question::pick(
                "Which sub-circle?",
                circles.iter().map(|c| name_of(org, *c)).collect(),
            ),
            F::CircleField(circle) => Question::pick(
                format!("Amend what of {}?", name_of(org, *circle)),
                fields(at).iter().map(|f| f.label().to_string()).collect(),
            ),
            F::CircleValue(circle, field) => Question::edit(
                PromptKind::OutputText,
                format!(
                    "{} of {} (lists separated by ;)",
                    field.label(),
                    name_of(org, *circle)
                ),
                circle_value(at, *circle, *field),
            ),
            F::LinkedEntity(circles) => Question::pick(
                "Who is invited to link in (the Linked Entity)?",
                circles
                    .iter()
                    .map(|c| match c.and_then(|c| org.circle(c)) {
                        Some(c) => format!("The circle {}", c.name),
                        None => "An entity or group outside the organisation…".to_string(),
                    })
                    .collect(),
            ),
            F::LinkedEntityName => line("Name of the entity or group invited to link in"),
            F::CrossLinkTarget(_, circles) => Question::pick(
                "Which circle receives the link (the Target Circle, 4.1 §2.7)?",
                circles
                    .iter()
                    .map(|c| match org.circle(*c) {
                        Some(x) if *c == here => format!("This circle, {}", x.name),
                        Some(x) => format!("The sub-circle {}", x.name),
                        None => "?".to_string(),
                    })
                    .collect(),
            ),
            F::CrossLinkFiller(from, _, people) => Question::pick(
                format!(
                    "Who does {} assign as its Cross Link (4.1 §2.7.2)?",
                    org.linked_entity_name(from)
                ),
                people
                    .iter()
                    .map(|p| org.person_name(*p).to_string())
                    .collect(),
            ),
            F::PickCrossLink(roles) => {
                let offered = removable(org, here);
                let label = |r: &RoleId| {
                    let found = offered.iter().find(|(_, role)| role == r);
                    found.map_or_else(|| "?".to_string(), |(name, _)| name.clone())
                };
                Question::pick("Which Cross Link?", roles.iter().map(label).collect())
            }
            _ => return None,
        })
    }

    /// What an answer makes of a sub-circle or Cross Link form; one none of them takes goes
    /// back to the menu.
    pub(super) fn changes_answer(&self, answer: Answer, at: &Context<'_>) -> Next {
        use GovernanceForm as F;
        match (self, answer) {
            (F::PickCircle(aim, circles), Answer::Pick(n)) => {
                picked(circles, n, |&circle| match aim {
                    CircleAim::Collapse => added(at, Change::CollapseCircle { circle }, None),
                    CircleAim::Remove => added(at, Change::RemoveCircle { circle }, None),
                    CircleAim::Amend => Answered::Ask(F::CircleField(circle)),
                })
            }
            (F::CircleField(circle), Answer::Pick(n)) => picked(&fields(at), n, |&field| {
                Answered::Ask(F::CircleValue(*circle, field))
            }),
            (F::CircleValue(circle, field), Answer::Text(value)) => {
                let (change, place) = circle_amended(at, *circle, *field, value);
                added(at, change, place)
            }
            (F::LinkedEntity(circles), Answer::Pick(n)) => picked(circles, n, |c| match c {
                Some(circle) => ask_target(at, LinkedEntity::Circle { circle: *circle }),
                None => Answered::Ask(F::LinkedEntityName),
            }),
            (F::LinkedEntityName, Answer::Text(name)) => {
                if clean_line(&name).is_empty() {
                    return to_menu(Some(Said::Error(
                        "Name the entity or group the Cross Link comes from.".into(),
                    )));
                }
                ask_target(at, LinkedEntity::Other { name })
            }
            (F::CrossLinkTarget(from, circles), Answer::Pick(n)) => {
                picked(circles, n, |&into| ask_filler(at, from.clone(), into))
            }
            (F::CrossLinkFiller(from, into, people), Answer::Pick(n)) => {
                picked(people, n, |&filler| {
                    let change = Change::CreateCrossLink {
                        from: from.clone(),
                        into: *into,
                        filler,
                    };
                    added(at, change, None)
                })
            }
            (F::PickCrossLink(roles), Answer::Pick(n)) => picked(roles, n, |&role| {
                added(at, Change::RemoveCrossLink { role }, None)
            }),
            _ => to_menu(None),
        }
    }

    /// A sub-circle or Cross Link picker asked again against an organisation changed
    /// meanwhile: the circles, people and Cross Links it offers are made again.
    pub(super) fn changes_asked_again(&self, at: &Context<'_>) -> Option<GovernanceForm> {
        use GovernanceForm as F;
        let (org, here) = (at.org, at.state.circle);
        Some(match self {
            F::PickCircle(aim, _) => F::PickCircle(*aim, sub_circles(at)),
            F::LinkedEntity(_) => F::LinkedEntity(linked_entities(org)),
            F::CrossLinkTarget(from, _) => {
                F::CrossLinkTarget(from.clone(), target_circles(at, from))
            }
            F::CrossLinkFiller(from, into, _) => {
                F::CrossLinkFiller(from.clone(), *into, current_people(org))
            }
            F::PickCrossLink(_) => {
                F::PickCrossLink(removable(org, here).into_iter().map(|(_, r)| r).collect())
            }
            _ => return None,
        })
    }
}

/// The amendment of `circle` being written (and its place), else a new one that changes
/// nothing yet.
fn pending(at: &Context<'_>, circle: CircleId) -> (Change, Option<usize>) {
    let place = editing(at)
        .iter()
        .position(|c| matches!(c, Change::AmendCircle { circle: c, .. } if *c == circle));
    let change = place
        .and_then(|i| editing(at).get(i).cloned())
        .unwrap_or(Change::AmendCircle {
            circle,
            name: None,
            purpose: None,
            domains: None,
            accountabilities: None,
        });
    (change, place)
}

/// A sub-circle's field as the amendment being written sets it, else as the record has it.
fn circle_value(at: &Context<'_>, circle: CircleId, field: Field) -> String {
    if let (
        Change::AmendCircle {
            name,
            purpose,
            domains,
            accountabilities,
            ..
        },
        Some(_),
    ) = pending(at, circle)
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
    at.org
        .circle(circle)
        .map_or(String::new(), |c| match field {
            Field::Name => c.name.clone(),
            Field::Purpose => c.purpose.clone(),
            Field::Domains => c.domains.join("; "),
            Field::Accountabilities => c.accountabilities.join("; "),
            Field::Text => String::new(),
        })
}

/// The amendment of `circle` with `field` set to `value`, merged into the one being written.
fn circle_amended(
    at: &Context<'_>,
    circle: CircleId,
    field: Field,
    value: String,
) -> (Change, Option<usize>) {
    let (mut change, place) = pending(at, circle);
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
    (change, place)
}

/// The circles a Cross Link Policy of `circle` may link into: 4.1 §2.7 "it must be the Circle
/// creating the Policy, or one of its Sub-Circles".
fn targets(org: &Organisation, circle: CircleId) -> Vec<CircleId> {
    let mut out = vec![circle];
    out.extend(org.sub_circles(Some(circle)).map(|c| c.id));
    out
}

/// The circles that may receive a link from `from`: not the Linked Entity itself.
fn target_circles(at: &Context<'_>, from: &LinkedEntity) -> Vec<CircleId> {
    targets(at.org, at.state.circle)
        .into_iter()
        .filter(|c| *from != LinkedEntity::Circle { circle: *c })
        .collect()
}

/// The Cross Links the circle's governance may remove: into it or one of its sub-circles,
/// with how each reads.
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

/// The Linked Entities offered: every circle, then (`None`) one named next.
fn linked_entities(org: &Organisation) -> Vec<Option<CircleId>> {
    let mut circles: Vec<Option<CircleId>> = org
        .circles_depth_first()
        .into_iter()
        .map(|(c, _)| Some(c.id))
        .collect();
    circles.push(None);
    circles
}

/// The people of the organisation now, who may fill a Cross Link.
fn current_people(org: &Organisation) -> Vec<PersonId> {
    org.current_people().map(|p| p.id).collect()
}

/// Asks which circle receives the link from `from` when there is a choice, then its filler.
fn ask_target(at: &Context<'_>, from: LinkedEntity) -> Next {
    let circles = target_circles(at, &from);
    match circles[..] {
        [] => to_menu(Some(Said::Error(
            "4.1 §2.7: a circle invites another entity or group, not itself.".into(),
        ))),
        [only] => ask_filler(at, from, only),
        _ => Answered::Ask(GovernanceForm::CrossLinkTarget(from, circles)),
    }
}

/// Asks who fills the Cross Link from `from` into `into`.
fn ask_filler(at: &Context<'_>, from: LinkedEntity, into: CircleId) -> Next {
    Answered::Ask(GovernanceForm::CrossLinkFiller(
        from,
        into,
        current_people(at.org),
    ))
}
