//! What ending a meeting now leaves out: the steps not yet reached and the agenda items still
//! open, said in the question that asks whether to end early (the minutes then list the
//! items as not processed).
//!
//! Owns: that summary for each meeting kind. Must not import: rusqlite, ratatui, crossterm,
//! tokio, std::fs, or the clock.

use super::governance::{GovStep, Governance};
use super::tactical::{Step, Tactical};

/// Steps after the furthest one reached (a meeting that went back to an earlier step held
/// the later ones it had reached), and how many agenda items are still open.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Unheld {
    pub steps: Vec<&'static str>,
    pub open_items: usize,
}

impl Unheld {
    /// "Not held: Triage, Closing; 2 items not processed." (empty when nothing is left out).
    pub fn says(&self) -> String {
        let mut parts = Vec::new();
        if !self.steps.is_empty() {
            parts.push(format!("Not held: {}", self.steps.join(", ")));
        }
        if self.open_items > 0 {
            let items = match self.open_items {
                1 => "1 agenda item".to_string(),
                n => format!("{n} agenda items"),
            };
            parts.push(format!("{items} not processed"));
        }
        match parts.is_empty() {
            true => String::new(),
            false => format!("{}.", parts.join("; ")),
        }
    }
}

impl Unheld {
    /// The question that asks whether to end the meeting, with what ending now leaves out.
    pub fn end_question(&self) -> String {
        let said = self.says();
        let parts = ["End the meeting?", &said, "Everything recorded is kept."];
        parts
            .iter()
            .filter(|p| !p.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl Tactical {
    /// What ending the meeting now would leave out.
    pub fn unheld(&self) -> Unheld {
        Unheld {
            steps: Step::ALL
                .iter()
                .filter(|s| s.index() > self.furthest.index())
                .map(|s| s.short())
                .collect(),
            open_items: self.open_items(),
        }
    }
}

impl Governance {
    /// What ending the meeting now would leave out.
    pub fn unheld(&self) -> Unheld {
        let steps = GovStep::steps(self.rules);
        let at = steps.iter().position(|s| *s == self.furthest).unwrap_or(0);
        Unheld {
            steps: steps.iter().skip(at + 1).map(|s| s.short()).collect(),
            open_items: self
                .order
                .iter()
                .filter_map(|&seq| self.item(seq))
                .filter(|i| !i.closed())
                .count(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ending_early_names_the_steps_and_items_left_out() {
        let unheld = Unheld {
            steps: vec!["Triage", "Closing"],
            open_items: 2,
        };
        assert_eq!(
            unheld.says(),
            "Not held: Triage, Closing; 2 agenda items not processed."
        );
        assert_eq!(Unheld::default().says(), "");
        assert_eq!(
            Unheld::default().end_question(),
            "End the meeting? Everything recorded is kept."
        );
    }
}
