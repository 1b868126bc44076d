//! Governance changes that reach beyond the circle's own roles and policies: expanding a role
//! into a sub-circle, amending, collapsing or removing a sub-circle, and how far below the
//! circle a role or policy may move (4.1 §2.6-2.6.2; 5.0 §1.3.1, §5.2). `validate::validate`
//! calls these for the changes of those kinds.
//!
//! Owns: those checks and the state they share within one proposal (sub-circles removed by
//! an earlier change, circle names taken). Must not import: rusqlite, ratatui, crossterm,
//! tokio, std::fs, or the clock.

use super::change::ChangeError;
use crate::domain::ids::*;
use crate::domain::names::{name_key, same_name};
use crate::domain::org::{Circle, Organisation};
use crate::domain::rules::Rules;
use crate::domain::text::clean_line;
use std::collections::HashSet;

/// What earlier changes of the proposal did to circles.
pub(super) struct Circles {
    /// Sub-circles collapsed or removed (with everything within).
    removed: HashSet<CircleId>,
    /// Every circle's name, lower-cased: circle names are unique in the organisation.
    names: HashSet<String>,
}

impl Circles {
    pub(super) fn new(org: &Organisation) -> Circles {
        Circles {
            removed: HashSet::new(),
            names: org
                .records()
                .circles
                .iter()
                .map(|c| name_key(&c.name))
                .collect(),
        }
    }

    /// Whether `c` or a circle it is within was collapsed or removed earlier in the proposal.
    pub(super) fn gone(&self, org: &Organisation, c: CircleId) -> bool {
        let mut at = Some(c);
        while let Some(id) = at {
            if self.removed.contains(&id) {
                return true;
            }
            at = org.circle(id).and_then(|c| c.parent);
        }
        false
    }
}

/// How many levels `inner` is below `circle` (1: a sub-circle of it), if it is below it.
pub fn depth_below(org: &Organisation, circle: CircleId, inner: CircleId) -> Option<usize> {
    let mut depth = 0;
    let mut at = org.circle(inner);
    while let Some(c) = at {
        if c.id == circle {
            return (depth > 0).then_some(depth);
        }
        depth += 1;
        at = c.parent.and_then(|p| org.circle(p));
    }
    None
}

/// Whether a role or policy may move from circle `from` to circle `to` in `circle`'s
/// governance: from the circle into a sub-circle (5.0: or any sub-circle of one) or out of one
/// into the circle, never between two others.
pub fn may_move(
    org: &Organisation,
    circle: CircleId,
    rules: &Rules,
    from: CircleId,
    to: CircleId,
) -> bool {
    let within = |inner| {
        depth_below(org, circle, inner)
            .is_some_and(|d| rules.changes.move_depth.is_none_or(|max| d <= max))
    };
    (from == circle && within(to)) || (to == circle && within(from))
}

/// The circles a role or policy now in `from` may move to, the circle first.
pub fn move_targets(
    org: &Organisation,
    circle: CircleId,
    rules: &Rules,
    from: CircleId,
) -> Vec<CircleId> {
    org.circles_depth_first()
        .into_iter()
        .map(|(c, _)| c.id)
        .filter(|&to| to != from && may_move(org, circle, rules, from, to))
        .collect()
}

/// A move of something in `from` to `to`, as the proposal stands.
pub(super) fn check_move(
    org: &Organisation,
    circle: CircleId,
    rules: &Rules,
    circles: &Circles,
    (from, to): (CircleId, CircleId),
) -> Result<(), ChangeError> {
    let reach = match rules.changes.move_depth {
        Some(1) => "into one of its sub-circles, or out of one into it",
        _ => "into one of its sub-circles or any sub-circle of those, or out of one into it",
    };
    if !may_move(org, circle, rules, from, to) {
        return Err(format!(
            "the circle moves its own roles and policies {reach} ({})",
            rules.changes.moves
        ));
    }
    if circles.gone(org, from) || circles.gone(org, to) {
        return Err("that sub-circle is collapsed or removed earlier in this proposal".into());
    }
    Ok(())
}

/// The sub-circle `target` of `circle`, not collapsed or removed earlier in the proposal.
fn sub_circle<'o>(
    org: &'o Organisation,
    circle: CircleId,
    circles: &Circles,
    target: CircleId,
) -> Result<&'o Circle, ChangeError> {
    let c = org
        .circle(target)
        .filter(|c| c.parent == Some(circle))
        .ok_or("that circle is not a sub-circle of this circle")?;
    if circles.gone(org, c.id) {
        return Err(format!(
            "\"{}\" is collapsed or removed earlier in this proposal",
            c.name
        ));
    }
    Ok(c)
}

/// Expanding role `role` of `circle` into a sub-circle of the same name. `role_names` and
/// `removed_roles` are the circle's, as earlier changes left them.
pub(super) fn expand(
    org: &Organisation,
    circle: CircleId,
    rules: &Rules,
    circles: &mut Circles,
    role: RoleId,
    (role_names, removed_roles): (&mut HashSet<String>, &mut HashSet<RoleId>),
) -> Result<(), ChangeError> {
    let r = org
        .role(role)
        .filter(|r| r.circle == circle)
        .ok_or("that role is not in this circle")?;
    if r.core.is_some() {
        return Err(format!(
            "\"{}\" is a role the constitution defines and cannot become a circle ({})",
            r.name, rules.changes.expand
        ));
    }
    if !removed_roles.insert(role) {
        return Err(format!(
            "\"{}\" is removed or expanded earlier in this proposal",
            r.name
        ));
    }
    if !circles.names.insert(name_key(&r.name)) {
        return Err(format!(
            "the organisation already has a circle named \"{}\"",
            r.name
        ));
    }
    role_names.remove(&name_key(&r.name));
    Ok(())
}

/// Amending sub-circle `target`'s name (where the rule set allows it) or definition.
pub(super) fn amend(
    org: &Organisation,
    circle: CircleId,
    rules: &Rules,
    circles: &mut Circles,
    target: CircleId,
    name: Option<&str>,
) -> Result<(), ChangeError> {
    let c = sub_circle(org, circle, circles, target)?;
    let Some(new) = name.map(clean_line) else {
        return Ok(());
    };
    if !rules.changes.renames_sub_circles && new != c.name {
        return Err(format!(
            "a circle may modify a sub-circle's purpose, domains and accountabilities, not its name ({})",
            rules.changes.amend_sub_circle
        ));
    }
    if new.is_empty() {
        return Err("a circle needs a name".into());
    }
    if !same_name(&new, &c.name) && !circles.names.insert(name_key(&new)) {
        return Err(format!(
            "the organisation already has a circle named \"{new}\""
        ));
    }
    Ok(())
}

/// Collapsing sub-circle `target` back into a role of `circle` (`collapse`), or removing it
/// with everything within. Answers a warning naming what goes with it.
pub(super) fn remove(
    org: &Organisation,
    circle: CircleId,
    circles: &mut Circles,
    target: CircleId,
    collapse: bool,
    role_names: &mut HashSet<String>,
) -> Result<Option<String>, ChangeError> {
    let c = sub_circle(org, circle, circles, target)?;
    if collapse && !role_names.insert(name_key(&c.name)) {
        return Err(format!(
            "the circle already has a role named \"{}\" for it to collapse into",
            c.name
        ));
    }
    circles.removed.insert(c.id);
    let mut within = vec![c.id];
    let mut i = 0;
    while let Some(&at) = within.get(i) {
        within.extend(org.sub_circles(Some(at)).map(|s| s.id));
        i += 1;
    }
    let roles: usize = within
        .iter()
        .map(|&at| org.roles_in(at).filter(|r| r.core.is_none()).count())
        .sum();
    let policies: usize = within.iter().map(|&at| org.policies_of(at).count()).sum();
    let nested = within.len() - 1;
    let count = |n: usize, one: &str, many: &str| match n {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {many}")),
    };
    let goes: Vec<String> = [
        count(roles, "role", "roles"),
        count(policies, "policy", "policies"),
        count(nested, "sub-circle", "sub-circles"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if goes.is_empty() {
        return Ok(None);
    }
    Ok(Some(format!(
        "{} goes with what is within it ({}): move out first what should stay",
        c.name,
        goes.join(", ")
    )))
}
