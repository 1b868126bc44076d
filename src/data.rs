//! Data shipped inside the binary: the demo organisation and the check-in question bank.
//!
//! Owns: the embedded files of `data/` and their parsing.
//! Must not import: rusqlite, ratatui, crossterm, tokio.

use crate::domain::{OrgFile, OrgFileError};
use serde::Deserialize;

/// The demo organisation's file, `data/demo-org.toml`.
pub const DEMO_ORG: &str = include_str!("../data/demo-org.toml");

/// The check-in question bank, `data/checkin-questions.toml`.
pub const CHECKIN_QUESTIONS: &str = include_str!("../data/checkin-questions.toml");

/// The demo organisation, parsed and validated.
pub fn demo_org() -> Result<OrgFile, OrgFileError> {
    OrgFile::parse(DEMO_ORG)
}

#[derive(Deserialize)]
struct QuestionBank {
    questions: Vec<String>,
}

/// The check-in questions (empty if the bank cannot be read, which the tests rule out).
pub fn checkin_questions() -> Vec<String> {
    toml::from_str::<QuestionBank>(CHECKIN_QUESTIONS)
        .map(|bank| bank.questions)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_organisation_is_valid() {
        let demo = demo_org().expect("the demo parses and validates");
        assert_eq!(demo.name, "Riverbend Bakery Cooperative");
        let subs: Vec<_> = demo
            .circle
            .circles
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(subs, ["Bakehouse", "Shopfront", "Community"]);
        assert!((10..=14).contains(&demo.people.len()));
    }

    #[test]
    fn the_question_bank_has_questions() {
        let questions = checkin_questions();
        assert!(questions.len() >= 10);
        assert!(questions.iter().all(|q| q.ends_with('?')));
    }
}
