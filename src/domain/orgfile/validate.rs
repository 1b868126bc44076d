//! The checks an organisation file must pass before anything is written: every name known
//! and unique where it must be, core roles as the rule set has them, dates that are dates and
//! numbers that are finite.
//!
//! Owns: `OrgFile::validate` and the per-circle checks. Must not import: rusqlite, ratatui,
//! crossterm, tokio, std::fs.

use super::{
    CircleEntry, OrgFile, OrgFileError, PolicyEntry, RoleEntry, TensionEntry, cross_links, to_date,
};
use crate::domain::names::{bad_email, email_problem, name_key, same_name};
use crate::domain::ruleset::{CoreRole, RuleSet};
use std::collections::HashSet;

/// The refusal of a file, in one line.
fn invalid<T>(message: String) -> Result<T, OrgFileError> {
    Err(OrgFileError::Invalid(message))
}

impl OrgFile {
    /// Every check that must pass before anything is written.
    pub(super) fn validate(&self) -> Result<(), OrgFileError> {
        if self.name.is_empty() {
            return invalid("the organisation has no name".into());
        }
        let people = self.validate_people()?;
        let mut ratifiers = HashSet::new();
        for r in &self.ratifiers {
            if !people.contains(&name_key(r)) {
                return invalid(format!("unknown person \"{r}\" (a ratifier)"));
            }
            if !ratifiers.insert(name_key(r)) {
                return invalid(format!("ratifier \"{r}\" is listed twice"));
            }
        }
        self.validate_former_members()?;
        let mut circles = HashSet::new();
        self.circle
            .validate(self.rule_set, true, &people, &mut circles)?;
        cross_links::validate(self.rule_set, &self.circle)
    }

    /// The people's names, lower-cased, once each are checked named, unique and with an
    /// e-mail that has an @.
    fn validate_people(&self) -> Result<HashSet<String>, OrgFileError> {
        let mut people = HashSet::new();
        for p in &self.people {
            if p.name.is_empty() {
                return invalid("a person has an empty name".into());
            }
            if !people.insert(name_key(&p.name)) {
                return invalid(format!("person \"{}\" is listed twice", p.name));
            }
            if let Some(email) = &p.email
                && let Some(why) = email_problem(email)
            {
                return invalid(format!("person \"{}\": {}", p.name, bad_email(email, why)));
            }
        }
        Ok(people)
    }
}

impl CircleEntry {
    /// This circle and every circle inside it; `circles` gathers the names seen so far.
    pub(super) fn validate(
        &self,
        rules: RuleSet,
        is_anchor: bool,
        people: &HashSet<String>,
        circles: &mut HashSet<String>,
    ) -> Result<(), OrgFileError> {
        let here = &self.name;
        if here.is_empty() {
            return invalid("a circle has an empty name".into());
        }
        if !circles.insert(name_key(here)) {
            return invalid(format!(
                "circle \"{here}\" is listed twice (circle names must be unique)"
            ));
        }
        let check = CircleCheck {
            rules,
            is_anchor,
            people,
            here,
            core_names: rules
                .core_roles(is_anchor, self.has_lead(rules))
                .iter()
                .map(|c| c.name(rules))
                .collect(),
        };
        let mut roles = HashSet::new();
        for role in &self.roles {
            check.role_name(role, &mut roles)?;
            check.role_records(role)?;
        }
        check.policies(&self.policies, &roles)?;
        check.tensions(&self.tensions, &roles)?;
        for sub in &self.circles {
            sub.validate(rules, false, people, circles)?;
        }
        Ok(())
    }
}

/// What the checks of one circle's entries know of the file around them.
struct CircleCheck<'a> {
    rules: RuleSet,
    is_anchor: bool,
    /// Every person's name, lower-cased.
    people: &'a HashSet<String>,
    /// The circle's name.
    here: &'a str,
    /// The core roles the circle has under the rule set.
    core_names: Vec<&'static str>,
}

impl CircleCheck<'_> {
    /// A person named in the circle is one of the file's people; `what` says where.
    fn person_known(&self, name: &str, what: &str) -> Result<(), OrgFileError> {
        if self.people.contains(&name_key(name)) {
            Ok(())
        } else {
            invalid(format!(
                "unknown person \"{name}\" ({what} in circle \"{}\")",
                self.here
            ))
        }
    }

    /// Whether a role name is one of the circle's core roles, or one of its listed `roles`.
    fn role_known(&self, role: &str, roles: &HashSet<String>) -> bool {
        roles.contains(&name_key(role)) || self.core_names.iter().any(|c| same_name(c, role))
    }

    /// A role's name: present, unique in the circle (gathered in `roles`), and a core role's
    /// only as the rule set has that core role.
    fn role_name(&self, role: &RoleEntry, roles: &mut HashSet<String>) -> Result<(), OrgFileError> {
        let (rules, here, name) = (self.rules, self.here, &role.name);
        if name.is_empty() {
            return invalid(format!("a role in circle \"{here}\" has an empty name"));
        }
        if !roles.insert(name_key(name)) {
            return invalid(format!(
                "role \"{name}\" is listed twice in circle \"{here}\""
            ));
        }
        if let Some(refusal) = core_name_of_other_rules(rules, self.is_anchor, name, here) {
            return invalid(refusal);
        }
        let is_core = self.core_names.iter().any(|c| same_name(c, name));
        if is_core && !role.purpose.is_empty() {
            return invalid(format!(
                "role \"{name}\" in circle \"{here}\" is a core role: its purpose comes from the rule set"
            ));
        }
        // 4.1 §2.2.3: "A Circle may not add Accountabilities or other functions to its
        // own Lead Link Role".
        let lead = CoreRole::Lead.name(rules);
        if let Some(article) = rules.rules().closed_to_additions(CoreRole::Lead)
            && same_name(lead, name)
            && (!role.accountabilities.is_empty() || !role.domains.is_empty())
        {
            return invalid(format!(
                "role \"{name}\" in circle \"{here}\": nothing may be added to the {lead} ({article})"
            ));
        }
        if !is_core && CoreRole::ALL.iter().any(|c| same_name(c.name(rules), name)) {
            return invalid(format!(
                "circle \"{here}\" is the anchor circle and has no \"{name}\" (it has no super-circle)"
            ));
        }
        Ok(())
    }

    /// What a role holds: fillers, metrics and their values, checklist items, projects and
    /// next actions, each named or dated as it must be.
    fn role_records(&self, role: &RoleEntry) -> Result<(), OrgFileError> {
        let name = &role.name;
        for f in &role.fillers {
            self.person_known(&f.person, &format!("filler of \"{name}\""))?;
            if let Some(end) = &f.term_end
                && to_date(end).is_none()
            {
                return invalid(format!(
                    "term end of \"{}\" in \"{name}\" is not a date: {end}",
                    f.person
                ));
            }
        }
        for m in &role.metrics {
            if m.name.is_empty() {
                return invalid(format!("a metric of \"{name}\" has an empty name"));
            }
            for v in &m.values {
                if to_date(&v.date).is_none() {
                    return invalid(format!(
                        "a value of metric \"{}\" has a date that is not a date: {}",
                        m.name, v.date
                    ));
                }
                if !v.value.is_finite() {
                    return invalid(format!(
                        "a value of metric \"{}\" is not a finite number",
                        m.name
                    ));
                }
            }
        }
        if role.checklist.iter().any(|c| c.text.is_empty()) {
            return invalid(format!("a checklist item of \"{name}\" has no text"));
        }
        for p in &role.projects {
            if p.title.is_empty() {
                return invalid(format!("a project of \"{name}\" has no title"));
            }
            if let Some(person) = &p.person {
                self.person_known(person, &format!("project \"{}\"", p.title))?;
            }
        }
        for a in &role.next_actions {
            if a.text.is_empty() {
                return invalid(format!("a next action of \"{name}\" has no text"));
            }
            self.person_known(&a.person, &format!("next action \"{}\"", a.text))?;
        }
        Ok(())
    }

    /// The circle's policies: named, unique, and on a known role only where the rule set
    /// lets policies sit on roles.
    fn policies(
        &self,
        policies: &[PolicyEntry],
        roles: &HashSet<String>,
    ) -> Result<(), OrgFileError> {
        let (rules, here) = (self.rules, self.here);
        let mut names = HashSet::new();
        for p in policies {
            if p.name.is_empty() {
                return invalid(format!("a policy in circle \"{here}\" has an empty name"));
            }
            if !names.insert(name_key(&p.name)) {
                return invalid(format!(
                    "policy \"{}\" is listed twice in circle \"{here}\"",
                    p.name
                ));
            }
            if let Some(role) = &p.role {
                if !rules.rules().changes.policies_on_roles {
                    return invalid(format!(
                        "policy \"{}\" sits on role \"{role}\": under {rules} policies are the circle's (4.1 §2.1.1)",
                        p.name
                    ));
                }
                if !self.role_known(role, roles) {
                    return invalid(format!(
                        "unknown role \"{role}\" (policy \"{}\" in circle \"{here}\")",
                        p.name
                    ));
                }
            }
        }
        Ok(())
    }

    /// The circle's tensions: a known person's, with text, on a known role if any.
    fn tensions(
        &self,
        tensions: &[TensionEntry],
        roles: &HashSet<String>,
    ) -> Result<(), OrgFileError> {
        for t in tensions {
            self.person_known(&t.person, "tension")?;
            if t.text.is_empty() {
                return invalid(format!("a tension in circle \"{}\" has no text", self.here));
            }
            if let Some(role) = &t.role
                && !self.role_known(role, roles)
            {
                return invalid(format!(
                    "unknown role \"{role}\" (tension in circle \"{}\")",
                    self.here
                ));
            }
        }
        Ok(())
    }
}

/// Why a role named like a core role of the other rule set (a 5.0 "Circle Lead" in a 4.1
/// file) is refused: it would be an ordinary role beside the real, unfilled core role.
fn core_name_of_other_rules(
    rules: RuleSet,
    is_anchor: bool,
    name: &str,
    circle: &str,
) -> Option<String> {
    let (other, core) = rules.core_role_named_elsewhere(name)?;
    Some(format!(
        "role \"{name}\" in circle \"{circle}\" is the {other} name of the {}; under {rules} \
         a circle's core roles are {} (rename it, or set rule_set = \"{other}\")",
        core.name(rules),
        rules.core_role_names(is_anchor),
    ))
}
