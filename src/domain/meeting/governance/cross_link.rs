//! Whether a proposal may invite a Cross Link into its circle, remove one, or change a Cross
//! Link Role (4.1 §2.7). 5.0 has no Cross Link (it links roles into circles instead, §1.3.4),
//! so there the invitation is refused with that article.
//!
//! Owns: those checks, called by `validate::validate`. The Cross Link records are the
//! organisation's (`org::cross_links`). Must not import: rusqlite, ratatui, crossterm, tokio,
//! std::fs, or the clock.

use super::change::{Change, ChangeError};
use crate::domain::ids::{CircleId, PersonId, RoleId};
use crate::domain::names::{name_key, same_name};
use crate::domain::org::{LinkedEntity, Organisation, cross_link_role};
use crate::domain::rules::Rules;
use crate::domain::text::clean_line;
use std::collections::HashSet;

/// Checks a Cross Link Policy of `circle` inviting `from` into `into`, filled by `filler`;
/// the new role's name joins `names` (the role names of `circle`) when `into` is `circle`.
pub(super) fn check_create(
    org: &Organisation,
    circle: CircleId,
    law: &Rules,
    (from, filler): (&LinkedEntity, PersonId),
    (into, names): (CircleId, &mut HashSet<String>),
) -> Result<(), ChangeError> {
    let article = law.changes.cross_link;
    if !law.changes.cross_links {
        return Err(format!(
            "{article}: {} has no Cross Link; a role links into another circle when a policy \
             of that circle invites it",
            law.rule_set
        ));
    }
    // §2.7: "The Circle that will receive this link is the “Target Circle”, and it must be
    // the Circle creating the Policy, or one of its Sub-Circles."
    let sub = org.circle(into).is_some_and(|c| c.parent == Some(circle));
    if into != circle && !sub {
        return Err(format!(
            "{article}: the circle receiving the link is this circle or one of its sub-circles"
        ));
    }
    let entity = match from {
        LinkedEntity::Circle { circle: c } => {
            let linked = org
                .circle(*c)
                .ok_or("that circle is not in the organisation")?;
            if *c == into {
                return Err(format!(
                    "{article}: a circle invites another entity or group, not itself"
                ));
            }
            linked.name.clone()
        }
        LinkedEntity::Other { name } => clean_line(name),
    };
    if entity.is_empty() {
        return Err("name the entity or group the Cross Link comes from".into());
    }
    if !org.person(filler).is_some_and(|p| p.is_current()) {
        return Err("the Cross Link's filler is not a current member of the organisation".into());
    }
    let target = org.circle(into).map_or("?", |c| c.name.as_str());
    let role = cross_link_role(&entity, target);
    let linked_already = org
        .cross_links_into(into)
        .iter()
        .any(|(_, l)| same_entity(org, &l.from, from));
    let name_taken = if into == circle {
        !names.insert(name_key(&role.name))
    } else {
        org.roles_in(into).any(|r| same_name(&r.name, &role.name))
    };
    if linked_already || name_taken {
        return Err(format!(
            "{article}: {entity} already links into {target} (\"{}\")",
            role.name
        ));
    }
    Ok(())
}

/// Checks the removal of the Cross Link whose role is `role`.
pub(super) fn check_remove(
    org: &Organisation,
    circle: CircleId,
    role: RoleId,
    removed: &mut HashSet<RoleId>,
) -> Result<(), ChangeError> {
    // The circle whose policy made it removes it: into itself or one of its sub-circles.
    let here = |c: CircleId| c == circle || org.circle(c).is_some_and(|c| c.parent == Some(circle));
    let r = org
        .role(role)
        .filter(|r| here(r.circle) && org.cross_link(role).is_some())
        .ok_or("that is not a Cross Link into this circle or one of its sub-circles")?;
    if !removed.insert(role) {
        return Err(format!("\"{}\" is removed twice", r.name));
    }
    Ok(())
}

/// Refuses what no change other than `RemoveCrossLink` may do to a Cross Link Role: 4.1
/// §2.7.4 "A Linked Entity may amend its Cross Link Role through its own Governance Process.
/// A Target Circle may add Domains or Accountabilities to a Cross Link Role through its own
/// Governance Process, and may later amend or remove any it added."
pub(super) fn check_role_change(
    org: &Organisation,
    law: &Rules,
    change: &Change,
) -> Result<(), ChangeError> {
    let touched = match change {
        Change::AmendRole { role, .. }
        | Change::RemoveRole { role }
        | Change::MoveRole { role, .. }
        | Change::ExpandRole { role }
        | Change::CreateRolePolicy { role, .. } => *role,
        _ => return Ok(()),
    };
    let Some(r) = org
        .role(touched)
        .filter(|_| org.cross_link(touched).is_some())
    else {
        return Ok(());
    };
    let article = "4.1 §2.7.4";
    let Change::AmendRole {
        name,
        purpose,
        accountabilities,
        ..
    } = change
    else {
        return Err(format!(
            "{article}: \"{}\" is a Cross Link Role, the Linked Entity's; remove its Cross \
             Link instead ({})",
            r.name, law.changes.cross_link
        ));
    };
    if name.is_some() || purpose.is_some() {
        return Err(format!(
            "{article}: the circle may only add domains or accountabilities to \"{}\"; its \
             name and purpose are the Linked Entity's",
            r.name
        ));
    }
    // What it was created with is the Linked Entity's; what the circle added it may change.
    let created = org
        .history_of(touched)
        .next()
        .map_or(&r.accountabilities, |v| &v.accountabilities);
    if let Some(kept) = accountabilities
        && let Some(gone) = created.iter().find(|a| !kept.contains(a))
    {
        return Err(format!(
            "{article}: \"{gone}\" is the Linked Entity's and stays on \"{}\"",
            r.name
        ));
    }
    Ok(())
}

/// Whether two Linked Entities are the same: the same circle, or names alike.
fn same_entity(org: &Organisation, a: &LinkedEntity, b: &LinkedEntity) -> bool {
    match (a, b) {
        (LinkedEntity::Circle { circle: x }, LinkedEntity::Circle { circle: y }) => x == y,
        _ => same_name(
            &org.linked_entity_name(a),
            &clean_line(&org.linked_entity_name(b)),
        ),
    }
}
