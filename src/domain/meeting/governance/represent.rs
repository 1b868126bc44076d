//! Which roles a member represents when proposing or objecting: 5.0 §5.3 "a Circle Member
//! may only represent the Roles in the Circle that they either fill as Role Lead or represent
//! as Circle Rep. A Circle Member may also represent a Role that they have permission to
//! temporarily represent from one of its Role Leads"; 4.1 §3.2.2 and §3.2.4(d) "one of the
//! Objector's Roles in the Circle; or, if it limits another Role, the Objector has permission
//! to represent that Role from a Circle Member who normally fills the Role". A sub-circle is
//! a role of its super-circle, represented there by its Rep and its Lead.
//!
//! Owns: the choices offered and the check of a choice made. Must not import: rusqlite,
//! ratatui, crossterm, tokio, std::fs, or the clock.

use crate::domain::ids::{CircleId, PersonId, RoleId};
use crate::domain::org::Organisation;
use crate::domain::ruleset::{CoreRole, RuleSet};
use serde::{Deserialize, Serialize};

/// A role someone may speak for, and on what grounds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Represented {
    /// The role (`None` for a sub-circle, which is the role).
    pub role: Option<RoleId>,
    /// The sub-circle represented as its Rep or Lead.
    pub sub_circle: Option<CircleId>,
    /// The role's filler who gave permission, when the person does not fill it.
    pub permission: Option<PersonId>,
    /// How the choice reads: "Baker", "Kitchen (as its Circle Rep)", "Oven — with
    /// permission from Ann".
    pub label: String,
}

/// The core roles through which someone represents a sub-circle in its super-circle.
const SUB_CIRCLE_LINKS: [CoreRole; 2] = [CoreRole::Rep, CoreRole::Lead];

fn fills(org: &Organisation, role: RoleId, person: PersonId) -> bool {
    org.fillers_of(role).any(|a| a.person == person)
}

/// The link role through which `person` represents sub-circle `sub` in `circle`, if any.
fn link_of(
    org: &Organisation,
    circle: CircleId,
    sub: CircleId,
    person: PersonId,
) -> Option<CoreRole> {
    let is_sub = org.circle(sub).is_some_and(|c| c.parent == Some(circle));
    SUB_CIRCLE_LINKS.into_iter().find(|core| {
        is_sub
            && org
                .core_role(sub, *core)
                .is_some_and(|r| fills(org, r.id, person))
    })
}

/// What `person` may represent in `circle`: the roles they fill, the sub-circles they link
/// to, then each other filled role with each filler who could give permission.
pub fn representable(
    org: &Organisation,
    circle: CircleId,
    person: PersonId,
    rules: RuleSet,
) -> Vec<Represented> {
    let own = org
        .roles_in(circle)
        .filter(|r| fills(org, r.id, person))
        .map(|r| Represented {
            role: Some(r.id),
            sub_circle: None,
            permission: None,
            label: r.name.clone(),
        });
    let linked = org.sub_circles(Some(circle)).filter_map(|c| {
        let core = link_of(org, circle, c.id, person)?;
        Some(Represented {
            role: None,
            sub_circle: Some(c.id),
            permission: None,
            label: format!("{} (as its {})", c.name, core.name(rules)),
        })
    });
    let by_permission = org
        .roles_in(circle)
        .filter(|r| !fills(org, r.id, person))
        .flat_map(|r| {
            org.fillers_of(r.id).filter_map(move |a| {
                let giver = org.person(a.person)?;
                Some(Represented {
                    role: Some(r.id),
                    sub_circle: None,
                    permission: Some(a.person),
                    label: format!("{} — with permission from {}", r.name, giver.name),
                })
            })
        });
    own.chain(linked).chain(by_permission).collect()
}

/// Whether `person` represents the role named (`role` or `sub_circle`) in `circle`, on the
/// grounds given (`permission`); the refusal names the article.
pub fn check(
    org: &Organisation,
    circle: CircleId,
    person: Option<PersonId>,
    (role, sub_circle, permission): (Option<RoleId>, Option<CircleId>, Option<PersonId>),
) -> Result<(), String> {
    const RULE: &str = "a member represents only the roles they fill, the sub-circle they link as its Rep or Lead, or a role whose filler gave them permission (5.0 §5.3; 4.1 §3.2.2, §3.2.4(d))";
    if role.is_none() && sub_circle.is_none() {
        return match permission {
            None => Ok(()),
            Some(_) => Err("permission is given for a role: name it".into()),
        };
    }
    let Some(person) = person else {
        return Err(format!("a guest represents no role of the circle: {RULE}"));
    };
    let ok = match (role, sub_circle, permission) {
        (Some(r), None, None) => {
            org.role(r).is_some_and(|x| x.circle == circle) && fills(org, r, person)
        }
        (Some(r), None, Some(giver)) => {
            org.role(r).is_some_and(|x| x.circle == circle)
                && giver != person
                && fills(org, r, giver)
        }
        (None, Some(sub), None) => link_of(org, circle, sub, person).is_some(),
        _ => false,
    };
    match ok {
        true => Ok(()),
        false => Err(format!("not a role they represent: {RULE}")),
    }
}
