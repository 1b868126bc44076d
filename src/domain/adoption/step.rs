//! The adoption's steps in order, what each asks of the ratifiers, and what each needs
//! before the next one.
//!
//! Owns: `Step`, `Adoption::advance` and `Adoption::back`. Must not import: rusqlite,
//! ratatui, crossterm, tokio, std::fs, or the clock.

use super::{Adoption, Refusal};
use serde::{Deserialize, Serialize};

/// One step of the adoption.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Which constitution is adopted.
    #[default]
    RuleSet,
    /// The organisation's (and anchor circle's) name and purpose.
    Organisation,
    /// The people, the first partners.
    People,
    /// Who adopts the constitution.
    Ratifiers,
    /// The anchor circle's roles.
    Roles,
    /// Optional policies and sub-circles.
    Structure,
    /// Who controls the anchor circle's role assignments.
    Assignments,
    /// The first fillers.
    Fillers,
    /// Everything once more, then adopt.
    Confirm,
}

impl Step {
    pub const ALL: [Step; 9] = [
        Step::RuleSet,
        Step::Organisation,
        Step::People,
        Step::Ratifiers,
        Step::Roles,
        Step::Structure,
        Step::Assignments,
        Step::Fillers,
        Step::Confirm,
    ];

    /// 1 for the first step.
    pub fn number(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0) + 1
    }

    pub fn title(self) -> &'static str {
        match self {
            Step::RuleSet => "Constitution",
            Step::Organisation => "Organisation",
            Step::People => "People",
            Step::Ratifiers => "Ratifiers",
            Step::Roles => "Roles",
            Step::Structure => "Policies and sub-circles",
            Step::Assignments => "Role assignments",
            Step::Fillers => "First fillers",
            Step::Confirm => "Adopt",
        }
    }

    /// What to do on this step, in one sentence.
    pub fn what_to_do(self) -> &'static str {
        match self {
            Step::RuleSet => "Choose the constitution the ratifiers adopt, then Enter.",
            Step::Organisation => {
                "Enter names the organisation (its anchor circle bears the name), then its purpose."
            }
            Step::People => "Add everyone who will fill roles (a). Tab goes on when all are in.",
            Step::Ratifiers => "Mark who adopts the constitution (Space). At least one.",
            Step::Roles => {
                "Add the anchor circle's roles (a): name, purpose, accountabilities, domains."
            }
            Step::Structure => "Optional: add policies (a) and sub-circles (c), or Tab to go on.",
            Step::Assignments => "Choose who assigns the anchor circle's roles, then Enter.",
            Step::Fillers => {
                "Select a role and Enter to name its first filler; elected roles take a term end."
            }
            Step::Confirm => "Read it through; Enter adopts it (asks first). Shift+Tab goes back.",
        }
    }

    fn next(self) -> Step {
        Step::ALL
            .get(self.number())
            .copied()
            .unwrap_or(Step::Confirm)
    }

    fn previous(self) -> Step {
        Step::ALL
            .get(self.number().saturating_sub(2))
            .copied()
            .unwrap_or(Step::RuleSet)
    }
}

impl Adoption {
    /// On to the next step, when this one has what it needs.
    pub fn advance(&mut self) -> Result<(), Refusal> {
        let missing = match self.step {
            Step::Organisation if self.name.is_empty() => {
                Some("name the organisation first: Enter")
            }
            Step::People if self.people.is_empty() => Some("add at least one person first: a"),
            Step::Ratifiers if self.ratifiers.is_empty() => {
                Some("mark at least one ratifier first: Space on a person")
            }
            _ => None,
        };
        if let Some(missing) = missing {
            return Err(Refusal::Missing(missing));
        }
        self.step = self.step.next();
        Ok(())
    }

    /// Back to the previous step; nothing entered is lost.
    pub fn back(&mut self) {
        self.step = self.step.previous();
    }
}
