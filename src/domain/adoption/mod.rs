//! The adoption of the constitution by an organisation that starts from nothing: the
//! ratifiers define its initial structure (5.0 §1.3.3 "The Ratifiers may define an initial
//! structure and other Governance within the Anchor Circle upon adopting this Constitution";
//! 4.1 §5.2 "the Ratifiers must establish an initial Circle to express the overall Purpose of
//! the Organization", §5.2.1, §5.3), one step at a time, each answer checked as it is given.
//! Once confirmed the draft becomes the same organisation file an import reads, with the
//! ratifiers named, so that both are recorded alike.
//!
//! Owns: `Adoption` (the draft, kept as JSON while it is written), its steps, what each
//! accepts, and `Adoption::file`. Must not import: rusqlite, ratatui, crossterm, tokio,
//! std::fs, or the clock (today's date comes in as an argument).

mod fill;
mod step;
#[cfg(test)]
mod tests;

pub use fill::Seat;
pub use step::Step;

use super::names::{bad_email, email_problem, same_name};
use super::orgfile::{CircleEntry, OrgFile, OrgFileError, PersonEntry, PolicyEntry, RoleEntry};
use super::rules::delegation::Delegation;
use super::ruleset::{CoreRole, RuleSet};
use super::text::{clean_line, clean_text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The organisation being adopted, as far as the ratifiers have got.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Adoption {
    pub step: Step,
    pub rule_set: RuleSet,
    /// The organisation's name, which its anchor circle bears too.
    pub name: String,
    /// The anchor circle's purpose: the organisation's (4.1 §5.2.3; 5.0 §1.3.3).
    pub purpose: String,
    pub people: Vec<NewPerson>,
    /// Names of the people who adopt the constitution.
    pub ratifiers: Vec<String>,
    /// The anchor circle's roles besides its core roles.
    pub roles: Vec<NewRole>,
    pub policies: Vec<NewPolicy>,
    /// Sub-circles of the anchor circle.
    pub circles: Vec<NewCircle>,
    /// Who controls the anchor circle's role assignments.
    pub control: Control,
    /// The first fillers.
    pub fillers: Vec<NewFiller>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewPerson {
    pub name: String,
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct NewRole {
    pub name: String,
    pub purpose: String,
    pub accountabilities: Vec<String>,
    pub domains: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewPolicy {
    pub name: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewCircle {
    pub name: String,
    pub purpose: String,
}

/// A person filling a role from the start. `circle` is a sub-circle's name, `None` for the
/// anchor circle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewFiller {
    pub circle: Option<String>,
    pub role: String,
    pub person: String,
    /// An elected role's term end.
    pub term_end: Option<NaiveDate>,
    /// What the Lead asks the filler to focus on in the role (4.1 §2.4.2; 5.0 §1.4.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
}

/// Who controls the anchor circle's role assignments (5.0 §1.4 "The Anchor Circle has no
/// Circle Leads, unless a Policy of the Circle says otherwise", §1.4.1; 4.1 §5.2.1 "The
/// Ratifiers may appoint an initial Lead Link", §5.2.2 acting without one).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub enum Control {
    /// The anchor circle has a Lead (under 5.0 by a policy saying so).
    #[default]
    Lead,
    /// No Lead: a role or the governance process controls the assignments (5.0: by policy;
    /// 4.1: only `Governance`, §5.2.2, and no policy is written).
    Delegated(Delegation),
}

/// Why an answer was refused; nothing of the draft changed. One line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// `what` ("the organisation", "a person", …) needs a name or text.
    Empty(&'static str),
    /// Names are unique ignoring case: `what` already has this one.
    Taken { what: &'static str, name: String },
    /// A role named like a core role: one the anchor circle has already (`anchor`, its
    /// core roles in words), or the Rep every sub-circle has but the anchor has not (`rep`).
    CoreName {
        name: String,
        anchor: String,
        rep: &'static str,
    },
    /// An e-mail address that is not one (`why` from `names::email_problem`).
    BadEmail { email: String, why: &'static str },
    /// The step needs more before the next one.
    Missing(&'static str),
    /// An elected role's first filler needs a term end after today.
    Term { role: String, article: &'static str },
    /// An appointed role has no term.
    NoTerm(String),
    /// The person picked for a seat fills that role already.
    Fills { person: String, role: String },
    /// A rule on who may fill what, in words with its article.
    Rule(String),
    /// The finished draft does not make a valid organisation.
    File(OrgFileError),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Empty(what) => write!(f, "{what} needs a name: type one, or Esc"),
            Refusal::Taken { what, name } => write!(
                f,
                "{what} \"{name}\" is already there (names are unique, ignoring case)"
            ),
            Refusal::CoreName { name, anchor, rep } => write!(
                f,
                "\"{name}\" is a core role's name: the anchor circle has its {anchor} already, \
                 and each sub-circle a {rep} (the anchor circle has none)"
            ),
            Refusal::BadEmail { email, why } => f.write_str(&bad_email(email, why)),
            Refusal::Missing(what) => write!(f, "{what}"),
            Refusal::Term { role, article } => write!(
                f,
                "the {role} is elected: its term ends after today, typed as 2027-06-30 ({article})"
            ),
            Refusal::NoTerm(role) => write!(f, "{role} is not elected: it has no term"),
            Refusal::Fills { person, role } => write!(f, "{person} already fills {role}"),
            Refusal::Rule(words) => f.write_str(words),
            Refusal::File(e) => write!(f, "the organisation is not valid yet: {e}"),
        }
    }
}

impl std::error::Error for Refusal {}

/// A cleaned name, refused when empty or when `taken` says it is.
fn name_of(
    name: &str,
    what: &'static str,
    taken: impl Fn(&str) -> bool,
) -> Result<String, Refusal> {
    let name = clean_line(name);
    if name.is_empty() {
        return Err(Refusal::Empty(what));
    }
    if taken(&name) {
        return Err(Refusal::Taken { what, name });
    }
    Ok(name)
}

/// A list typed one item a line, cleaned, blank lines left out.
pub fn lines_of(text: &str) -> Vec<String> {
    clean_text(text)
        .lines()
        .map(clean_line)
        .filter(|l| !l.is_empty())
        .collect()
}

impl Adoption {
    /// A new draft under `rule_set`, at its first step.
    pub fn new(rule_set: RuleSet) -> Adoption {
        Adoption {
            rule_set,
            ..Adoption::default()
        }
    }

    /// The rule set the ratifiers adopt. Choices it does not allow are undone (4.1 knows no
    /// role controlling assignments by policy).
    pub fn choose_rule_set(&mut self, rule_set: RuleSet) {
        self.rule_set = rule_set;
        if !self.controls().contains(&self.control) {
            self.control = Control::Lead;
        }
        let seats = self.seats();
        self.fillers.retain(|f| {
            seats
                .iter()
                .any(|s| s.circle == f.circle && same_name(&s.role, &f.role))
        });
    }

    pub fn set_name(&mut self, name: &str) -> Result<(), Refusal> {
        let circles = &self.circles;
        self.name = name_of(name, "the organisation", |n| {
            circles.iter().any(|c| same_name(&c.name, n))
        })?;
        Ok(())
    }

    pub fn set_purpose(&mut self, text: &str) {
        self.purpose = clean_text(text);
    }

    /// A new person's name, cleaned, or why it is refused (asked before the rest of them).
    pub fn person_name(&self, name: &str) -> Result<String, Refusal> {
        name_of(name, "a person", |n| {
            self.people.iter().any(|p| same_name(&p.name, n))
        })
    }

    pub fn add_person(&mut self, name: &str, email: Option<&str>) -> Result<(), Refusal> {
        let name = self.person_name(name)?;
        let email = email.map(clean_line).filter(|e| !e.is_empty());
        if let Some(e) = &email
            && let Some(why) = email_problem(e)
        {
            return Err(Refusal::BadEmail {
                email: e.clone(),
                why,
            });
        }
        self.people.push(NewPerson { name, email });
        Ok(())
    }

    /// Takes the `i`-th person out, with their ratification and first roles.
    pub fn remove_person(&mut self, i: usize) {
        if i >= self.people.len() {
            return;
        }
        let gone = self.people.remove(i).name;
        self.ratifiers.retain(|r| !same_name(r, &gone));
        self.fillers.retain(|f| !same_name(&f.person, &gone));
    }

    /// Whether the `i`-th person is a ratifier.
    pub fn ratifies(&self, i: usize) -> bool {
        self.people
            .get(i)
            .is_some_and(|p| self.ratifiers.iter().any(|r| same_name(r, &p.name)))
    }

    /// Makes the `i`-th person a ratifier, or no longer one.
    pub fn toggle_ratifier(&mut self, i: usize) {
        let Some(name) = self.people.get(i).map(|p| p.name.clone()) else {
            return;
        };
        if self.ratifies(i) {
            self.ratifiers.retain(|r| !same_name(r, &name));
        } else {
            self.ratifiers.push(name);
        }
    }

    /// Whether a role or sub-circle of the anchor circle bears `name` (they share one list
    /// of names: a sub-circle is a role of the anchor circle, 5.0 §1.3).
    fn anchor_name_taken(&self, name: &str) -> bool {
        self.roles.iter().any(|r| same_name(&r.name, name))
            || self.circles.iter().any(|c| same_name(&c.name, name))
    }

    /// A new role or sub-circle's name: free, and not a core role's under either rule set.
    pub fn anchor_name(&self, name: &str, what: &'static str) -> Result<String, Refusal> {
        let name = name_of(name, what, |n| self.anchor_name_taken(n))?;
        let core = RuleSet::ALL
            .iter()
            .any(|r| CoreRole::ALL.iter().any(|c| same_name(c.name(*r), &name)));
        if core {
            return Err(Refusal::CoreName {
                name,
                anchor: self.rule_set.core_role_names(true),
                rep: CoreRole::Rep.name(self.rule_set),
            });
        }
        Ok(name)
    }

    pub fn add_role(&mut self, role: NewRole) -> Result<(), Refusal> {
        let name = self.anchor_name(&role.name, "a role")?;
        self.roles.push(NewRole {
            name,
            purpose: clean_text(&role.purpose),
            accountabilities: role
                .accountabilities
                .iter()
                .map(|a| clean_line(a))
                .collect(),
            domains: role.domains.iter().map(|d| clean_line(d)).collect(),
        });
        Ok(())
    }

    /// Takes the `i`-th role out, with its fillers (and its control of assignments).
    pub fn remove_role(&mut self, i: usize) {
        if i >= self.roles.len() {
            return;
        }
        let gone = self.roles.remove(i).name;
        self.fillers
            .retain(|f| !(f.circle.is_none() && same_name(&f.role, &gone)));
        if matches!(&self.control, Control::Delegated(Delegation::Role(r)) if same_name(r, &gone)) {
            self.control = Control::Lead;
        }
    }

    /// A new policy's name, cleaned, or why it is refused.
    pub fn policy_name(&self, name: &str) -> Result<String, Refusal> {
        name_of(name, "a policy", |n| {
            self.policies.iter().any(|p| same_name(&p.name, n))
                || same_name(n, Delegation::POLICY_NAME)
        })
    }

    pub fn add_policy(&mut self, name: &str, text: &str) -> Result<(), Refusal> {
        let name = self.policy_name(name)?;
        let text = clean_text(text);
        if text.is_empty() {
            return Err(Refusal::Missing("a policy needs its text: type it, or Esc"));
        }
        self.policies.push(NewPolicy { name, text });
        Ok(())
    }

    pub fn add_circle(&mut self, name: &str, purpose: &str) -> Result<(), Refusal> {
        let name = self.anchor_name(name, "a role or sub-circle")?;
        if same_name(&name, &self.name) {
            return Err(Refusal::Taken {
                what: "a circle",
                name,
            });
        }
        self.circles.push(NewCircle {
            name,
            purpose: clean_text(purpose),
        });
        Ok(())
    }

    /// The policies, then the sub-circles, as the structure step lists them.
    pub fn structure(&self) -> Vec<String> {
        let policies = self.policies.iter().map(|p| format!("Policy: {}", p.name));
        let circles = self
            .circles
            .iter()
            .map(|c| format!("Sub-circle: {}", c.name));
        policies.chain(circles).collect()
    }

    /// Takes the `i`-th line of `structure` out (a sub-circle with its first fillers).
    pub fn remove_structure(&mut self, i: usize) {
        if i < self.policies.len() {
            self.policies.remove(i);
        } else if i - self.policies.len() < self.circles.len() {
            let gone = self.circles.remove(i - self.policies.len()).name;
            self.fillers
                .retain(|f| !f.circle.as_ref().is_some_and(|c| same_name(c, &gone)));
        }
    }

    /// The ways the anchor circle's role assignments may be controlled under the rule set.
    pub fn controls(&self) -> Vec<Control> {
        let mut all = vec![Control::Lead];
        if self.rule_set.rules().assignment.delegation.is_some() {
            all.extend(
                self.roles
                    .iter()
                    .map(|r| Control::Delegated(Delegation::Role(r.name.clone()))),
            );
        }
        all.push(Control::Delegated(Delegation::Governance));
        all
    }

    /// A way of `controls` in words.
    pub fn control_label(&self, control: &Control) -> String {
        let rules = self.rule_set.rules();
        let lead = CoreRole::Lead.name(self.rule_set);
        match (control, rules.anchor_has_lead) {
            (Control::Lead, true) => format!("A {lead}, appointed now, assigns the roles"),
            (Control::Lead, false) => {
                format!("A {lead} assigns the roles (a policy gives the anchor circle one)")
            }
            (Control::Delegated(Delegation::Role(r)), _) => {
                format!("No {lead}: the role {r} assigns the roles (by policy)")
            }
            (Control::Delegated(Delegation::Governance), _) => {
                format!("No {lead}: roles are assigned through governance")
            }
        }
    }

    pub fn set_control(&mut self, control: Control) {
        if !self.controls().contains(&control) {
            return;
        }
        self.control = control;
        if self.control != Control::Lead {
            let lead = CoreRole::Lead.name(self.rule_set);
            self.fillers
                .retain(|f| f.circle.is_some() || !same_name(&f.role, lead));
        }
    }
}
