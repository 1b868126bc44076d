//! Whether a proposal's changes can be made to a circle as it stands: names taken, roles and
//! policies removed earlier in the same proposal, core roles that cannot be removed or move,
//! and the -ing warning for accountabilities. Sub-circle changes and the reach of moves are
//! `sub_circle`'s; Cross Links are `cross_link`'s.
//!
//! Owns: `validate`, `new_role_name` and the state one proposal's checks share. Must not
//! import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::change::{Change, ChangeError, starts_with_ing};
use super::core_limits::check_core_amendment;
use super::cross_link;
use super::sub_circle::{self, Circles};
use crate::domain::ids::*;
use crate::domain::names::{name_key, same_name};
use crate::domain::org::{Organisation, Policy, Role};
use crate::domain::rules::Rules;
use crate::domain::ruleset::RuleSet;
use crate::domain::text::clean_line;
use std::collections::HashSet;

/// A new role's name, cleaned, checked as soon as it is typed (before its purpose, domains
/// and accountabilities): refused when empty, or when the circle or the proposal being
/// written (`changes`) has a role of that name. What else a role may be refused for is
/// checked when it is added.
pub fn new_role_name(
    org: &Organisation,
    circle: CircleId,
    rules: RuleSet,
    changes: &[Change],
    name: &str,
) -> Result<String, ChangeError> {
    let name = clean_line(name);
    if validate(org, circle, rules, changes).is_err() {
        return Ok(name);
    }
    let mut candidate = changes.to_vec();
    candidate.push(Change::CreateRole {
        name: name.clone(),
        purpose: String::new(),
        domains: Vec::new(),
        accountabilities: Vec::new(),
    });
    validate(org, circle, rules, &candidate).map(|_| name)
}

/// Checks a proposal's changes against `circle` as it stands. Returns warnings (kept, shown)
/// or the first error (the proposal cannot be recorded that way).
pub fn validate(
    org: &Organisation,
    circle: CircleId,
    rules: RuleSet,
    changes: &[Change],
) -> Result<Vec<String>, ChangeError> {
    let mut check = Check::new(org, circle, rules);
    for change in changes {
        cross_link::check_role_change(org, check.law, change)?;
        check.change(change)?;
    }
    Ok(check.warnings)
}

/// Why a role cannot take `name` in `circle`: a role of the circle bears it, or one this
/// proposal creates (or renames) does.
fn role_name_taken(org: &Organisation, circle: CircleId, name: &str) -> ChangeError {
    if org.roles_in(circle).any(|r| same_name(&r.name, name)) {
        format!("the circle already has a role named \"{name}\"")
    } else {
        format!("this proposal already has a role named \"{name}\"")
    }
}

/// Why a role or policy named `name` cannot be changed again.
fn removed_earlier(name: &str) -> ChangeError {
    format!("\"{name}\" is removed earlier in this proposal")
}

/// Why a policy cannot take `name`: the circle or this proposal has one of that name.
fn policy_name_taken(name: &str) -> ChangeError {
    format!("the circle already has a policy named \"{name}\"")
}

/// What the changes checked so far did to the circle, for the ones after them.
struct Check<'o> {
    org: &'o Organisation,
    circle: CircleId,
    rules: RuleSet,
    law: &'static Rules,
    /// The circle's role names, lower-cased, with those the proposal adds or renames to.
    names: HashSet<String>,
    /// The circle's policy names, lower-cased, likewise.
    policies: HashSet<String>,
    removed_roles: HashSet<RoleId>,
    removed_policies: HashSet<PolicyId>,
    circles: Circles,
    warnings: Vec<String>,
}

impl<'o> Check<'o> {
    /// Nothing checked yet: the circle's names as they stand.
    fn new(org: &'o Organisation, circle: CircleId, rules: RuleSet) -> Check<'o> {
        Check {
            org,
            circle,
            rules,
            law: rules.rules(),
            names: org.roles_in(circle).map(|r| name_key(&r.name)).collect(),
            policies: org.policies_of(circle).map(|p| name_key(&p.name)).collect(),
            removed_roles: HashSet::new(),
            removed_policies: HashSet::new(),
            circles: Circles::new(org),
            warnings: Vec::new(),
        }
    }

    /// Checks one change, by what it changes: a role, a policy, or a sub-circle or Cross Link.
    fn change(&mut self, change: &Change) -> Result<(), ChangeError> {
        match change {
            Change::CreateRole {
                name,
                accountabilities,
                ..
            } => self.create_role(name, accountabilities),
            Change::AmendRole {
                role,
                name,
                purpose,
                domains,
                accountabilities,
            } => {
                let given = (purpose.is_some(), domains.as_deref());
                self.amend_role(*role, name.as_deref(), given, accountabilities.as_deref())
            }
            Change::RemoveRole { role } => self.remove_role(*role),
            Change::MoveRole { role, to } => self.move_role(*role, *to),
            Change::CreateRolePolicy { role, name, text } => {
                self.create_role_policy(*role, name, text)
            }
            Change::CreatePolicy { name, text } => self.create_policy(name, text),
            Change::AmendPolicy { policy, name, text } => {
                self.amend_policy(*policy, name.as_deref(), text.as_deref())
            }
            Change::RemovePolicy { policy } => self.remove_policy(*policy),
            Change::MovePolicy { policy, to } => self.move_policy(*policy, *to),
            Change::ExpandRole { role } => self.expand_role(*role),
            Change::AmendCircle {
                circle,
                name,
                accountabilities,
                ..
            } => self.amend_circle(*circle, name.as_deref(), accountabilities.as_deref()),
            Change::CollapseCircle { circle } => self.remove_circle(*circle, true),
            Change::RemoveCircle { circle } => self.remove_circle(*circle, false),
            Change::CreateCrossLink { from, into, filler } => {
                let (org, circle, law) = (self.org, self.circle, self.law);
                let target = (*into, &mut self.names);
                cross_link::check_create(org, circle, law, (from, *filler), target)
            }
            Change::RemoveCrossLink { role } => {
                let removed = &mut self.removed_roles;
                cross_link::check_remove(self.org, self.circle, *role, removed)
            }
        }
    }

    /// Whether circle `c` is this circle or one below it.
    fn here(&self, c: CircleId) -> bool {
        c == self.circle || sub_circle::depth_below(self.org, self.circle, c).is_some()
    }

    /// Warns of each accountability that does not start with an -ing verb.
    fn warn_ing(&mut self, accountabilities: &[String]) {
        for a in accountabilities.iter().filter(|a| !starts_with_ing(a)) {
            self.warnings.push(format!(
                "\"{a}\" does not start with an -ing verb (\"Publishing…\")"
            ));
        }
    }

    /// A role of this circle itself, or the refusal.
    fn own_role(&self, role: RoleId) -> Result<&'o Role, ChangeError> {
        let circle = self.circle;
        let r = self.org.role(role).filter(|r| r.circle == circle);
        r.ok_or_else(|| "that role is not in this circle".into())
    }

    /// A policy of this circle itself, or the refusal.
    fn own_policy(&self, policy: PolicyId) -> Result<&'o Policy, ChangeError> {
        let p = self.org.policies_of(self.circle).find(|p| p.id == policy);
        p.ok_or_else(|| "that policy is not in this circle".into())
    }

    /// A new role: it needs a name no role of the circle or of the proposal has.
    fn create_role(&mut self, name: &str, accountabilities: &[String]) -> Result<(), ChangeError> {
        let name = clean_line(name);
        if name.is_empty() {
            return Err("a new role needs a name".into());
        }
        if !self.names.insert(name_key(&name)) {
            return Err(role_name_taken(self.org, self.circle, &name));
        }
        self.warn_ing(accountabilities);
        Ok(())
    }

    /// An amended role: one of the circle's, not removed before, within what its core role
    /// may change, and renamed (if it is) to a name not taken.
    fn amend_role(
        &mut self,
        role: RoleId,
        name: Option<&str>,
        (purpose, domains): (bool, Option<&[String]>),
        accountabilities: Option<&[String]>,
    ) -> Result<(), ChangeError> {
        let r = self.own_role(role)?;
        if self.removed_roles.contains(&role) {
            return Err(removed_earlier(&r.name));
        }
        let renamed = name.is_some();
        check_core_amendment(self.rules, r, renamed, purpose, domains, accountabilities)?;
        if let Some(new) = name.map(clean_line) {
            if new.is_empty() {
                return Err("a role needs a name".into());
            }
            if !same_name(&new, &r.name) && !self.names.insert(name_key(&new)) {
                return Err(role_name_taken(self.org, self.circle, &new));
            }
        }
        if let Some(accs) = accountabilities {
            self.warn_ing(accs);
        }
        Ok(())
    }

    /// A removed role: one of the circle's, not a core role, removed once; its name is free.
    fn remove_role(&mut self, role: RoleId) -> Result<(), ChangeError> {
        let r = self.own_role(role)?;
        // 4.1 §2.2.3, §2.5.3 "nor remove an Elected Role entirely"; 5.0 §1.4.5 "nor
        // remove the Role", §1.3.5, §5.1.1.
        if r.core.is_some() {
            return Err(format!(
                "{}: \"{}\" is a core role and cannot be removed",
                self.law.core_limits.protected, r.name
            ));
        }
        if !self.removed_roles.insert(role) {
            return Err(format!("\"{}\" is removed twice", r.name));
        }
        self.names.remove(&name_key(&r.name));
        Ok(())
    }

    /// A moved role: of this circle or one below, not a core role, not removed before, moved
    /// within reach, to a circle without a role of its name.
    fn move_role(&self, role: RoleId, to: CircleId) -> Result<(), ChangeError> {
        let r = self
            .org
            .role(role)
            .filter(|r| self.here(r.circle))
            .ok_or("that role is not in this circle or one of its sub-circles")?;
        if r.core.is_some() {
            return Err(format!("\"{}\" is a core role and cannot move", r.name));
        }
        if self.removed_roles.contains(&role) {
            return Err(removed_earlier(&r.name));
        }
        let (org, circle, law) = (self.org, self.circle, self.law);
        sub_circle::check_move(org, circle, law, &self.circles, (r.circle, to))?;
        if org.roles_in(to).any(|x| same_name(&x.name, &r.name)) {
            return Err(format!(
                "the target circle already has a role named \"{}\"",
                r.name
            ));
        }
        Ok(())
    }

    /// A policy on a role: the role is the circle's and stays, the rule set lets roles hold
    /// policies, and the policy is new.
    fn create_role_policy(
        &mut self,
        role: RoleId,
        name: &str,
        text: &str,
    ) -> Result<(), ChangeError> {
        if self.own_role(role).is_err() || self.removed_roles.contains(&role) {
            return Err("that role is not in this circle".into());
        }
        if !self.law.changes.policies_on_roles {
            return Err(format!(
                "under {} a policy is the circle's, not a role's (4.1 §2.1.1)",
                self.rules
            ));
        }
        self.create_policy(name, text)
    }

    /// A new policy: it needs a name and a text, and a name no policy of the circle has.
    fn create_policy(&mut self, name: &str, text: &str) -> Result<(), ChangeError> {
        let name = clean_line(name);
        if name.is_empty() || clean_line(text).is_empty() {
            return Err("a policy needs a name and a text".into());
        }
        if !self.policies.insert(name_key(&name)) {
            return Err(policy_name_taken(&name));
        }
        Ok(())
    }

    /// An amended policy: one of the circle's, not removed before, renamed (if it is) to a
    /// name not taken, its name and text (if changed) not left empty.
    fn amend_policy(
        &mut self,
        policy: PolicyId,
        name: Option<&str>,
        text: Option<&str>,
    ) -> Result<(), ChangeError> {
        let p = self.own_policy(policy)?;
        if self.removed_policies.contains(&policy) {
            return Err(removed_earlier(&p.name));
        }
        // A policy is a grant of authority or a limit on it (4.1 §1.4: "either grants of
        // authority … or limits on how others may do so"; 5.0 §5.2.1): it keeps words that
        // say which, and a name to be found by, as when it was created.
        if name.is_some_and(|n| clean_line(n).is_empty()) {
            return Err(format!(
                "\"{}\" needs a name: a policy cannot lose it",
                p.name
            ));
        }
        if text.is_some_and(|t| clean_line(t).is_empty()) {
            return Err(format!(
                "\"{}\" needs a text: a policy cannot lose it",
                p.name
            ));
        }
        if let Some(new) = name.map(clean_line)
            && !same_name(&new, &p.name)
            && !self.policies.insert(name_key(&new))
        {
            return Err(policy_name_taken(&new));
        }
        Ok(())
    }

    /// A removed policy: one of the circle's, removed once; its name is free.
    fn remove_policy(&mut self, policy: PolicyId) -> Result<(), ChangeError> {
        let p = self.own_policy(policy)?;
        if !self.removed_policies.insert(policy) {
            return Err(format!("\"{}\" is removed twice", p.name));
        }
        self.policies.remove(&name_key(&p.name));
        Ok(())
    }

    /// A moved policy: of this circle or one below, not removed before, moved within reach.
    fn move_policy(&self, policy: PolicyId, to: CircleId) -> Result<(), ChangeError> {
        let p = (self.org.records().policies.iter())
            .find(|p| p.id == policy && self.here(p.circle))
            .ok_or("that policy is not in this circle or one of its sub-circles")?;
        if self.removed_policies.contains(&policy) {
            return Err(removed_earlier(&p.name));
        }
        let (org, circle, law) = (self.org, self.circle, self.law);
        sub_circle::check_move(org, circle, law, &self.circles, (p.circle, to))
    }

    /// A role expanded into a sub-circle, checked by `sub_circle` with the names so far.
    fn expand_role(&mut self, role: RoleId) -> Result<(), ChangeError> {
        let (org, circle, law) = (self.org, self.circle, self.law);
        let taken = (&mut self.names, &mut self.removed_roles);
        sub_circle::expand(org, circle, law, &mut self.circles, role, taken)
    }

    /// An amended sub-circle, checked by `sub_circle`; its accountabilities are warned of.
    fn amend_circle(
        &mut self,
        target: CircleId,
        name: Option<&str>,
        accountabilities: Option<&[String]>,
    ) -> Result<(), ChangeError> {
        let (org, circle, law) = (self.org, self.circle, self.law);
        sub_circle::amend(org, circle, law, &mut self.circles, target, name)?;
        if let Some(accs) = accountabilities {
            self.warn_ing(accs);
        }
        Ok(())
    }

    /// A sub-circle collapsed into a role or removed, checked by `sub_circle`; what goes with
    /// it is warned of.
    fn remove_circle(&mut self, target: CircleId, collapse: bool) -> Result<(), ChangeError> {
        let (org, circle) = (self.org, self.circle);
        let (circles, names) = (&mut self.circles, &mut self.names);
        let gone = sub_circle::remove(org, circle, circles, target, collapse, names)?;
        self.warnings.extend(gone);
        Ok(())
    }
}
