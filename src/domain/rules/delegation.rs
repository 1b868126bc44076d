//! Who controls a circle's role assignments when no Lead does: 5.0 §1.4.1 "No one other than
//! a Circle Lead may assign a Role or revoke a Role assignment within the Circle, unless the
//! Circle has delegated control of Role assignments to a different Role or process." The
//! delegation is a policy of the circle; its text is written and read here, in one place.
//!
//! Owns: `Delegation`, the policy text that records one and reading it back.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use serde::{Deserialize, Serialize};

/// What controls a circle's role assignments instead of a Lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "to", content = "role", rename_all = "snake_case")]
pub enum Delegation {
    /// The fillers of this role of the circle assign its roles between meetings.
    Role(String),
    /// Assignments are made only through the circle's governance process.
    Governance,
}

/// The words every delegation policy starts with (and never the Lead's name, so that the
/// policy is not read as giving the anchor circle a Lead, `Rules::policy_gives_anchor_a_lead`).
const OPENING: &str = "Role assignments of this circle are ";
const TO_ROLE: &str = "controlled by the role \"";
const TO_GOVERNANCE: &str = "made only through its governance process";

impl Delegation {
    /// The policy's name.
    pub const POLICY_NAME: &'static str = "Role assignments of the anchor circle";

    /// The policy text that records the delegation, citing `article`.
    pub fn policy_text(&self, article: &str) -> String {
        match self {
            Delegation::Role(role) => format!("{OPENING}{TO_ROLE}{role}\" ({article})."),
            Delegation::Governance => format!("{OPENING}{TO_GOVERNANCE} ({article})."),
        }
    }

    /// The delegation a policy text records, if it records one.
    pub fn of_policy(text: &str) -> Option<Delegation> {
        let rest = text.trim().strip_prefix(OPENING)?;
        if rest.starts_with(TO_GOVERNANCE) {
            return Some(Delegation::Governance);
        }
        let name = rest.strip_prefix(TO_ROLE)?.split('"').next()?.trim();
        (!name.is_empty()).then(|| Delegation::Role(name.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_delegation_reads_back_from_the_policy_it_writes() {
        for d in [
            Delegation::Role("Operations".into()),
            Delegation::Governance,
        ] {
            assert_eq!(Delegation::of_policy(&d.policy_text("5.0 §1.4.1")), Some(d));
        }
        assert_eq!(Delegation::of_policy("Spending limit of 500 EUR"), None);
    }

    #[test]
    fn a_delegation_policy_does_not_give_the_anchor_a_lead() {
        let rules = crate::domain::RuleSet::Holacracy50.rules();
        let text = Delegation::Role("Ops".into()).policy_text("5.0 §1.4.1");
        assert!(!rules.policy_gives_anchor_a_lead(&text));
    }
}
