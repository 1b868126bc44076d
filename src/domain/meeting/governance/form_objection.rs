//! Objections as forms, to a proposal or to an election's candidate: the objection's words,
//! then which of the objector's roles it would limit (5.0 §5.3.2(b); 4.1 §3.2.4(d)), and the
//! facilitator's test of it: the rule set's four criteria in its order and words, then
//! whether adopting would break the constitution (4.1 §3.2.4(a)-(e); 5.0 §5.3.2).
//!
//! Owns: those questions and answers, and which objection a test is about.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::form::{Context, GovernanceForm, Next, Settled, current_item, line};
use super::form_idm::{on_proposal, role_options, roles_of};
use super::form_meeting::TYPE_WORDS;
use super::{ElectionEvent, GovEvent, IdmEvent, NO_ROLE_RULE, Objection, ROLE_QUESTION};
use crate::domain::form::{Answer, Answered, Question};
use crate::domain::ids::RoleId;
use serde::{Deserialize, Serialize};

/// Which objection a test is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TestTarget {
    /// Objection `objection` to the proposal of item `item`.
    Proposal { item: u64, objection: usize },
    /// Objection `objection` to the candidate of the election of item `item`.
    Election { item: u64, objection: usize },
}

impl GovernanceForm {
    /// The test of `target`'s objection with `answers` given so far, asking the next question.
    /// With no role named the role criterion cannot be answered "argument given" (5.0
    /// §5.3.2(b); 4.1 §3.2.4(d)): it is answered "no" for the facilitator, who is told why
    /// in the next question, and the test goes on.
    pub fn test(target: TestTarget, mut answers: Vec<bool>, at: &Context<'_>) -> GovernanceForm {
        let criteria = &at.state.rules.rules().idm.objection_criteria;
        let unnamed = objection_of(at, target).is_some_and(|o| role_named(at, &o).is_none());
        if unnamed
            && criteria
                .get(answers.len())
                .is_some_and(|c| c.slot == ROLE_QUESTION)
        {
            answers.push(false);
        }
        GovernanceForm::Test(target, answers)
    }

    /// The question of an objection's form.
    pub(super) fn objection_question(&self, at: &Context<'_>) -> Option<Question> {
        use GovernanceForm as F;
        let limits = "Which of the objector's roles would it limit?";
        Some(match self {
            F::ObjectionText(who) | F::ElectionObjection(who) => {
                line(format!("Objection of {}", at.state.name_of(*who)))
            }
            F::ObjectionRole(_, _, roles) => Question::pick(limits, role_options(roles)),
            F::ElectionObjectionRole(who, _, roles) => {
                let offered = election_roles(at, *who);
                let mut options: Vec<String> = roles
                    .iter()
                    .map(|r| {
                        let found = offered.iter().find(|(role, _)| role == r);
                        found.map_or_else(|| "?".to_string(), |(_, label)| label.clone())
                    })
                    .collect();
                options.push("No role named".into());
                Question::pick(limits, options)
            }
            F::Test(target, answers) => test_question(at, *target, answers)?,
            _ => return None,
        })
    }

    /// What an answer makes of an objection's form.
    pub(super) fn objection_answer(&self, answer: Answer, at: &Context<'_>) -> Next {
        use GovernanceForm as F;
        match (self, answer) {
            (F::ObjectionText(_) | F::ElectionObjection(_), Answer::Text(text))
                if text.is_empty() =>
            {
                Answered::Refused(TYPE_WORDS.into())
            }
            (F::ObjectionText(who), Answer::Text(text)) => {
                Answered::Ask(F::ObjectionRole(*who, text, roles_of(at, *who)))
            }
            (F::ObjectionRole(attendee, text, roles), Answer::Pick(n)) => {
                let chosen = roles.get(n);
                let objected = IdmEvent::Objected {
                    attendee: *attendee,
                    role: chosen.and_then(|r| r.role),
                    text: text.clone(),
                    sub_circle: chosen.and_then(|r| r.sub_circle),
                    permission: chosen.and_then(|r| r.permission),
                };
                let said = "Objection recorded. w tests it now, or after the round.";
                on_proposal(at, objected, Some(said))
            }
            (F::ElectionObjection(who), Answer::Text(text)) => {
                let roles = election_roles(at, *who)
                    .into_iter()
                    .map(|(r, _)| r)
                    .collect();
                Answered::Ask(F::ElectionObjectionRole(*who, text, roles))
            }
            (F::ElectionObjectionRole(attendee, text, roles), Answer::Pick(n)) => {
                let objected = ElectionEvent::Objected {
                    attendee: *attendee,
                    text: text.clone(),
                    role: roles.get(n).copied(),
                };
                match current_item(at) {
                    Some(item) => Answered::Done(Settled::record(GovEvent::Election {
                        item,
                        event: objected,
                    })),
                    None => Answered::Closed,
                }
            }
            (F::Test(target, answers), Answer::Yes(yes)) => tested(at, *target, answers, yes),
            _ => Answered::Closed,
        }
    }

    /// An objection's role picker asked again against an organisation changed meanwhile:
    /// the roles the objector represents are made again.
    pub(super) fn objection_asked_again(&self, at: &Context<'_>) -> Option<GovernanceForm> {
        use GovernanceForm as F;
        Some(match self {
            F::ObjectionRole(who, text, _) => {
                F::ObjectionRole(*who, text.clone(), roles_of(at, *who))
            }
            F::ElectionObjectionRole(who, text, _) => {
                let roles = election_roles(at, *who)
                    .into_iter()
                    .map(|(r, _)| r)
                    .collect();
                F::ElectionObjectionRole(*who, text.clone(), roles)
            }
            _ => return None,
        })
    }
}

/// The roles an objection to an election may name: the objector's own (no permission from
/// another filler), with their labels.
fn election_roles(at: &Context<'_>, who: usize) -> Vec<(RoleId, String)> {
    roles_of(at, who)
        .into_iter()
        .filter(|r| r.permission.is_none())
        .filter_map(|r| Some((r.role?, r.label)))
        .collect()
}

/// The objection a test is about, as the meeting holds it now (on the item being processed).
fn objection_of(at: &Context<'_>, target: TestTarget) -> Option<Objection> {
    let item = at.state.current_item()?;
    match target {
        TestTarget::Proposal { objection, .. } => item
            .proposal
            .as_ref()
            .and_then(|p| p.objections.get(objection).cloned()),
        TestTarget::Election { objection, .. } => item
            .election
            .as_ref()
            .and_then(|e| e.objections.get(objection).cloned()),
    }
}

/// The name of the role an objection says it would limit (a sub-circle's, when that is the
/// role), if it names one the organisation has.
fn role_named(at: &Context<'_>, objection: &Objection) -> Option<String> {
    match (objection.role, objection.sub_circle) {
        (Some(r), _) => at.org.role(r).map(|r| r.name.clone()),
        (None, Some(c)) => at.org.circle(c).map(|c| c.name.clone()),
        (None, None) => None,
    }
}

/// Question `answers.len()` of an objection test, in the rule set's order and words, naming
/// the objection and the role it was said to limit (none once all are answered).
fn test_question(at: &Context<'_>, target: TestTarget, answers: &[bool]) -> Option<Question> {
    let objection = objection_of(at, target)?;
    let idm = &at.state.rules.rules().idm;
    let criteria = &idm.objection_criteria;
    let role = role_named(at, &objection);
    let n = answers.len();
    let total = criteria.len() + 1;
    // The role criterion just answered "no" for the facilitator (`GovernanceForm::test`).
    let auto = role.is_none()
        && n.checked_sub(1)
            .and_then(|last| criteria.get(last))
            .is_some_and(|c| c.slot == ROLE_QUESTION);
    let note = match auto {
        true => format!("The role question is answered no: {NO_ROLE_RULE}. "),
        false => String::new(),
    };
    let question = match criteria.get(n) {
        Some(c) => format!("{} of {total} — {}: {}", n + 1, c.article, c.question),
        None if n == criteria.len() => {
            format!("{total} of {total} — {}", idm.constitution_question)
        }
        None => return None,
    };
    let labels = if n < criteria.len() {
        ("argument given", "no argument")
    } else {
        ("it would", "it would not")
    };
    let named = role.map_or("No role named".to_string(), |r| format!("Role named: {r}"));
    Some(Question::series(
        "Objection test",
        format!(
            "{note}{question} Objection: \"{}\" {named}.",
            objection.text
        ),
        labels,
    ))
}

/// An answer to an objection test: the next question, or once all are answered the test
/// recorded, saying whether the objection is valid.
fn tested(at: &Context<'_>, target: TestTarget, answers: &[bool], yes: bool) -> Next {
    let mut answers = answers.to_vec();
    answers.push(yes);
    let Some(test) = at.state.rules.rules().idm.test_of(&answers) else {
        return Answered::Ask(GovernanceForm::test(target, answers, at));
    };
    let event = match target {
        TestTarget::Proposal { item, objection } => GovEvent::Proposal {
            item,
            event: IdmEvent::Tested { objection, test },
        },
        TestTarget::Election { item, objection } => GovEvent::Election {
            item,
            event: ElectionEvent::Tested { objection, test },
        },
    };
    Answered::Done(Settled::record(event).info(if test.valid() {
        "Valid objection: it blocks until integrated."
    } else {
        "Invalid objection: kept in the record, it does not block."
    }))
}
