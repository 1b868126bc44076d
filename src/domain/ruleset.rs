//! The rule sets Roundtable knows and what they decide about core roles.
//!
//! Owns: `RuleSet`, `CoreRole` and each core role's name under each rule set (their purposes,
//! domains and accountabilities are the rule set's definition, `rules::Rules::core`).
//! Must not import: anything outside `std` and `serde`.

use crate::domain::names::same_name;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The version of the rules an organisation runs by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum RuleSet {
    /// Holacracy Constitution v4.1 (2015): Lead Link, Rep Link, administrative concerns.
    #[serde(rename = "holacracy-4.1")]
    Holacracy41,
    /// Holacracy Constitution v5.0 (2021): Circle Lead, Circle Rep, time outs. The default.
    #[default]
    #[serde(rename = "holacracy-5.0")]
    Holacracy50,
}

impl RuleSet {
    /// Every rule set, in the order they are offered.
    pub const ALL: [RuleSet; 2] = [RuleSet::Holacracy50, RuleSet::Holacracy41];

    /// The identifier used in files and the database.
    pub fn id(self) -> &'static str {
        match self {
            RuleSet::Holacracy41 => "holacracy-4.1",
            RuleSet::Holacracy50 => "holacracy-5.0",
        }
    }

    /// The core roles a circle has. The anchor circle has no super-circle to represent it
    /// in, so it gets no Rep; under 5.0 it has no Circle Lead either unless a policy says so
    /// (§1.4; the rule set's `anchor_has_lead`).
    pub fn core_roles(self, is_anchor: bool, lead_by_policy: bool) -> &'static [CoreRole] {
        match (is_anchor, lead_by_policy || self.rules().anchor_has_lead) {
            (false, _) => &CoreRole::ALL,
            (true, true) => &[CoreRole::Lead, CoreRole::Facilitator, CoreRole::Secretary],
            (true, false) => &[CoreRole::Facilitator, CoreRole::Secretary],
        }
    }
}

impl RuleSet {
    /// The core role another rule set names `name` where this one names it differently
    /// ("Lead Link" under holacracy-5.0, "Circle Rep" under holacracy-4.1): that rule set
    /// and the role.
    pub fn core_role_named_elsewhere(self, name: &str) -> Option<(RuleSet, CoreRole)> {
        let name = name.trim();
        RuleSet::ALL
            .into_iter()
            .filter(|other| *other != self)
            .find_map(|other| {
                CoreRole::ALL
                    .into_iter()
                    .find(|c| same_name(c.name(other), name) && !same_name(c.name(self), name))
                    .map(|c| (other, c))
            })
    }

    /// The names of the core roles of a circle, in words: "Lead Link, Facilitator,
    /// Secretary and Rep Link".
    pub fn core_role_names(self, is_anchor: bool) -> String {
        let names: Vec<&str> = self
            .core_roles(is_anchor, false)
            .iter()
            .map(|c| c.name(self))
            .collect();
        match names.split_last() {
            Some((last, [])) => (*last).to_string(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => String::new(),
        }
    }
}

impl fmt::Display for RuleSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for RuleSet {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RuleSet::ALL
            .into_iter()
            .find(|r| r.id() == s)
            .ok_or_else(|| {
                format!("unknown rule set \"{s}\" (known: holacracy-5.0, holacracy-4.1)")
            })
    }
}

/// The roles the constitution puts in every circle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CoreRole {
    /// Circle Lead (v5.0) or Lead Link (v4.1): appointed by the super-circle.
    Lead,
    /// Facilitator: elected; runs the circle's meetings.
    Facilitator,
    /// Secretary: elected; keeps the record and schedules meetings.
    Secretary,
    /// Circle Rep (v5.0) or Rep Link (v4.1): elected; carries tensions to the super-circle.
    Rep,
}

impl CoreRole {
    /// All core roles in their usual order.
    pub const ALL: [CoreRole; 4] = [
        CoreRole::Lead,
        CoreRole::Facilitator,
        CoreRole::Secretary,
        CoreRole::Rep,
    ];

    /// The identifier used in the database.
    pub fn id(self) -> &'static str {
        match self {
            CoreRole::Lead => "lead",
            CoreRole::Facilitator => "facilitator",
            CoreRole::Secretary => "secretary",
            CoreRole::Rep => "rep",
        }
    }

    /// Parses the database identifier.
    pub fn from_id(id: &str) -> Option<CoreRole> {
        CoreRole::ALL.into_iter().find(|c| c.id() == id)
    }

    /// The role's name under a rule set.
    pub fn name(self, rules: RuleSet) -> &'static str {
        match (self, rules) {
            (CoreRole::Lead, RuleSet::Holacracy50) => "Circle Lead",
            (CoreRole::Lead, RuleSet::Holacracy41) => "Lead Link",
            (CoreRole::Facilitator, _) => "Facilitator",
            (CoreRole::Secretary, _) => "Secretary",
            (CoreRole::Rep, RuleSet::Holacracy50) => "Circle Rep",
            (CoreRole::Rep, RuleSet::Holacracy41) => "Rep Link",
        }
    }

    /// Whether the circle elects this role (rather than the super-circle appointing it).
    pub fn is_elected(self) -> bool {
        !matches!(self, CoreRole::Lead)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_role_names_follow_the_rule_set() {
        let names50: Vec<_> = CoreRole::ALL
            .iter()
            .map(|c| c.name(RuleSet::Holacracy50))
            .collect();
        let names41: Vec<_> = CoreRole::ALL
            .iter()
            .map(|c| c.name(RuleSet::Holacracy41))
            .collect();
        assert_eq!(
            names50,
            ["Circle Lead", "Facilitator", "Secretary", "Circle Rep"]
        );
        assert_eq!(
            names41,
            ["Lead Link", "Facilitator", "Secretary", "Rep Link"]
        );
    }

    #[test]
    fn a_core_role_name_of_the_other_rule_set_is_recognised() {
        assert_eq!(
            RuleSet::Holacracy41.core_role_named_elsewhere("circle lead"),
            Some((RuleSet::Holacracy50, CoreRole::Lead))
        );
        assert_eq!(
            RuleSet::Holacracy50.core_role_named_elsewhere("Rep Link"),
            Some((RuleSet::Holacracy41, CoreRole::Rep))
        );
        assert_eq!(
            RuleSet::Holacracy50.core_role_named_elsewhere("Facilitator"),
            None
        );
        assert_eq!(
            RuleSet::Holacracy50.core_role_named_elsewhere("Baker"),
            None
        );
    }

    #[test]
    fn core_role_names_read_as_a_list() {
        assert_eq!(
            RuleSet::Holacracy41.core_role_names(false),
            "Lead Link, Facilitator, Secretary and Rep Link"
        );
        assert_eq!(
            RuleSet::Holacracy41.core_role_names(true),
            "Lead Link, Facilitator and Secretary"
        );
    }

    #[test]
    fn the_anchor_circle_has_no_rep() {
        for rules in RuleSet::ALL {
            assert!(!rules.core_roles(true, true).contains(&CoreRole::Rep));
            assert!(rules.core_roles(false, false).contains(&CoreRole::Rep));
        }
    }

    #[test]
    fn five_o_1_4_the_anchor_circle_has_no_circle_lead_unless_a_policy_says_so() {
        let r = RuleSet::Holacracy50;
        assert!(!r.core_roles(true, false).contains(&CoreRole::Lead));
        assert!(r.core_roles(true, true).contains(&CoreRole::Lead));
        assert!(r.core_roles(false, false).contains(&CoreRole::Lead));
    }

    #[test]
    fn four_one_2_2_every_circle_the_anchor_too_has_a_lead_link() {
        assert!(
            RuleSet::Holacracy41
                .core_roles(true, false)
                .contains(&CoreRole::Lead)
        );
    }

    #[test]
    fn rule_sets_parse_from_their_ids_and_reject_others() {
        assert_eq!("holacracy-4.1".parse::<RuleSet>(), Ok(RuleSet::Holacracy41));
        assert_eq!(RuleSet::default(), RuleSet::Holacracy50);
        assert!("holacracy-6".parse::<RuleSet>().is_err());
    }
}
