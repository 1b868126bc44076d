//! What adopted changes to sub-circles and Cross Links write: a
//! role expanded into a sub-circle, one collapsed back into a role, one removed with
//! everything within (4.1 §2.6-2.6.2; 5.0 §1.3.1, §5.2), and a Cross Link made (4.1 §2.7); the
//! store and the organisation in memory carry out the rows decided here alike.
//!
//! Owns: those steps of `Governing`, the planner. Must not import: rusqlite, ratatui, crossterm, tokio,
//! std::fs, or the clock.

use super::govern::{Governing, amend};
use super::rows::{RowWrite, Step, Unapplied};
use super::{Circle, CrossLink, LinkedEntity, Role, cross_link_role};
use crate::domain::CoreRole;
use crate::domain::ids::*;
use crate::domain::meeting::governance::Change;
use crate::domain::text::clean_line;

/// Owned copies of a core role text's lists.
fn owned(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

impl Governing<'_> {
    /// The writes of an adopted change of a sub-circle or a Cross Link. Any other change is
    /// `Governing::change`'s.
    pub(super) fn circle_change(&mut self, change: &Change) -> Step {
        match change {
            Change::AmendCircle {
                circle: target,
                name,
                purpose,
                domains,
                accountabilities,
            } => self.change_circle(*target, false, |c| {
                amend(
                    (&mut c.name, &mut c.purpose),
                    (&mut c.domains, &mut c.accountabilities),
                    (name, purpose, domains, accountabilities),
                )
            }),
            Change::ExpandRole { role } => self.expand(*role),
            Change::CollapseCircle { circle: target } => self.collapse(*target),
            Change::RemoveCircle { circle: target } => self.remove_within(*target),
            Change::CreateCrossLink { from, into, filler } => {
                self.create_cross_link(from, *into, *filler)
            }
            Change::RemoveCrossLink { role } => {
                self.change_role(*role, true, |_| {})?;
                self.end_fillers(*role)
            }
            _ => Err(Unapplied),
        }
    }

    /// The organisation's rule set's rules for sub-circles.
    fn role_lead_is_circle_lead(&self) -> bool {
        self.r.rule_set.rules().changes.role_lead_is_circle_lead
    }

    /// Role `role` becomes a sub-circle of its circle with its definition and the core roles
    /// every sub-circle has. The role itself becomes the sub-circle's Lead (5.0 §1.4 "Serving
    /// as a Role Lead also means serving as a Circle Lead within that Role's internal
    /// Circle"), so what it holds goes on there; under 4.1 its fillers' assignments end, as
    /// the super-circle's Lead Link assigns the Lead Link (§2.6.3).
    pub(super) fn expand(&mut self, role: RoleId) -> Step {
        let rules = self.r.rule_set;
        let expanded = self.role(role)?;
        let circle = CircleId(self.new_id());
        self.add_circle(Circle {
            id: circle,
            parent: Some(expanded.circle),
            name: expanded.name.clone(),
            purpose: expanded.purpose.clone(),
            strategy: None,
            domains: expanded.domains.clone(),
            accountabilities: expanded.accountabilities.clone(),
        })?;
        let mut lead = None;
        for &core in rules.core_roles(false, false) {
            let text = rules.rules().core(core);
            // The Lead's definition goes to the role expanded, which keeps its id: no row.
            let id = match core {
                CoreRole::Lead => role,
                _ => RoleId(self.new_id()),
            };
            let made = Role {
                id,
                circle,
                name: core.name(rules).to_string(),
                purpose: text.purpose.to_string(),
                domains: owned(text.domains),
                accountabilities: owned(text.accountabilities),
                core: Some(core),
            };
            match core {
                CoreRole::Lead => lead = Some(made),
                _ => self.add_role(made)?,
            }
        }
        for policy in self.held_by(role) {
            self.change_policy(policy, false, |p| {
                p.circle = circle;
                p.role = None;
            })?;
        }
        if !self.role_lead_is_circle_lead() {
            self.end_fillers(role)?;
        }
        if let Some(lead) = lead {
            // The role takes the Lead's definition, keeping its id.
            self.change_role(role, false, |r| *r = Role { id: r.id, ..lead })?;
        }
        Ok(())
    }

    /// Sub-circle `circle` becomes a role of its super-circle again, with its definition;
    /// what was within it goes. Its Lead role becomes that role (the inverse of `expand`);
    /// under 4.1 its fillers' assignments end (§2.6.3). Without a Lead role a new role is made.
    pub(super) fn collapse(&mut self, circle: CircleId) -> Step {
        let c = (self.r.circles.iter().find(|c| c.id == circle))
            .cloned()
            .ok_or(Unapplied)?;
        let lead = (self.r.roles.iter())
            .filter(|r| r.circle == circle && r.core == Some(CoreRole::Lead))
            .map(|r| r.id)
            .min();
        let parent = c.parent.ok_or(Unapplied)?;
        let Some(lead) = lead else {
            let id = RoleId(self.new_id());
            self.add_role(Role {
                id,
                circle: parent,
                name: c.name,
                purpose: c.purpose,
                domains: c.domains,
                accountabilities: c.accountabilities,
                core: None,
            })?;
            return self.remove_within(circle);
        };
        if !self.role_lead_is_circle_lead() {
            self.end_fillers(lead)?;
        }
        self.change_role(lead, false, |r| {
            *r = Role {
                id: r.id,
                circle: parent,
                name: c.name,
                purpose: c.purpose,
                domains: c.domains,
                accountabilities: c.accountabilities,
                core: None,
            }
        })?;
        self.policies_follow(lead, Some(parent))?;
        self.remove_within(circle)
    }

    /// Sub-circle `circle` goes with everything within: its roles (their fillers'
    /// assignments end, their policies go), its policies and its own sub-circles, innermost
    /// last found first, each with a version.
    pub(super) fn remove_within(&mut self, circle: CircleId) -> Step {
        let mut circles = vec![circle];
        let mut i = 0;
        while let Some(&at) = circles.get(i) {
            let mut inside: Vec<CircleId> = (self.r.circles.iter())
                .filter(|c| c.parent == Some(at))
                .map(|c| c.id)
                .collect();
            inside.sort();
            circles.extend(inside);
            i += 1;
        }
        for &at in circles.iter().rev() {
            let mut roles: Vec<RoleId> = (self.r.roles.iter())
                .filter(|r| r.circle == at)
                .map(|r| r.id)
                .collect();
            roles.sort();
            for role in roles {
                self.end_fillers(role)?;
                self.change_role(role, true, |_| {})?;
                self.policies_follow(role, None)?;
            }
            let mut policies: Vec<PolicyId> = (self.r.policies.iter())
                .filter(|p| p.circle == at)
                .map(|p| p.id)
                .collect();
            policies.sort();
            for policy in policies {
                self.change_policy(policy, true, |_| {})?;
            }
            self.change_circle(at, true, |_| {})?;
        }
        Ok(())
    }

    /// A Cross Link Policy adopted in `target` (4.1 §2.7): its Cross Link Role with the text
    /// §2.7.1 gives it, where it comes from, and its filler (§2.7.2).
    pub(super) fn create_cross_link(
        &mut self,
        from: &LinkedEntity,
        target: CircleId,
        filler: PersonId,
    ) -> Step {
        let circle_name = |r: &super::OrgRecords, id: CircleId| {
            let found = r.circles.iter().find(|c| c.id == id);
            found.map(|c| c.name.clone()).unwrap_or_default()
        };
        let from = match from {
            LinkedEntity::Circle { circle } => LinkedEntity::Circle { circle: *circle },
            LinkedEntity::Other { name } => LinkedEntity::Other {
                name: clean_line(name),
            },
        };
        let entity = match &from {
            LinkedEntity::Circle { circle } => circle_name(&self.r, *circle),
            LinkedEntity::Other { name } => name.clone(),
        };
        let text = cross_link_role(&entity, &circle_name(&self.r, target));
        let role = RoleId(self.new_id());
        self.add_role(Role {
            id: role,
            circle: target,
            name: text.name,
            purpose: text.purpose,
            domains: Vec::new(),
            accountabilities: text.accountabilities,
            core: None,
        })?;
        self.emit(RowWrite::AddCrossLink(CrossLink { role, from }))?;
        self.assign(role, filler, None)
    }
}
