//! What someone at a governance meeting asks of it, as forms: an election to go first (4.1
//! §3.3.4(b); 5.0 §5.4.4), an interpretation from the Secretary (4.1 §3.4; 5.0 §4.2), a
//! special meeting's request with its intent and limits (4.1 §3.3; 5.0 §5.4), the
//! Secretary's extension past the scheduled end (5.0 §5.4.2), and a process breakdown (4.1
//! §3.5.1; 5.0 §5.5). Each asks who is asking, then records it with their name.
//!
//! Owns: those questions and answers. Must not import: rusqlite, ratatui, crossterm, tokio,
//! std::fs, or the clock.

use super::GovEvent;
use super::form::{
    Context, GovernanceForm, Next, Said, Settled, current_item, line, names, picked,
};
use crate::domain::form::{Answer, Answered, PromptKind, Question};
use crate::domain::ids::RoleId;
use crate::domain::meeting::flow::STAND_IN;
use crate::domain::names::same_name;

/// What an empty answer to one of these questions is told: nothing was recorded.
const EMPTY: &str = "Nothing was recorded: the words were empty.";

impl GovernanceForm {
    /// Who may declare a process breakdown now, among those present the rule set allows
    /// (4.1 §3.5.1; 5.0 §5.5), asked; or why nobody may.
    pub fn breakdown(at: &Context<'_>) -> Next {
        let state = at.state;
        let item = current_item(at);
        let allowed: Vec<usize> = state
            .present()
            .into_iter()
            .filter(|&by| {
                let declared = GovEvent::BreakdownDeclared {
                    by,
                    reason: STAND_IN.into(),
                    item,
                };
                state.decide(&declared, at.org).is_ok()
            })
            .collect();
        if allowed.is_empty() {
            let article = state.rules.rules().breakdown_article;
            return Answered::Done(Settled::default().info(format!(
                "Nobody here may declare a process breakdown ({article})."
            )));
        }
        Answered::Ask(GovernanceForm::BreakdownBy(allowed))
    }

    /// The question of one of these forms.
    pub(super) fn asks_question(&self, at: &Context<'_>) -> Option<Question> {
        use GovernanceForm as F;
        let state = at.state;
        let name = |i: usize| state.name_of(i);
        let secretary = state.secretary.map_or("", name);
        Some(match self {
            F::FirstBy(_, people) => {
                Question::pick("Who asks for the election to go first?", names(at, people))
            }
            F::ExtendBy => Question::edit(
                PromptKind::OutputText,
                format!("{secretary} (Secretary) extends the meeting by how many minutes?"),
                "15",
            ),
            F::ExtendAsk(minutes) => Question::series(
                "Extending the meeting (5.0 §5.4.2)",
                format!(
                    "{secretary} extends the meeting by {minutes} minutes. Does any member ask otherwise?"
                ),
                ("nobody does", "a member does"),
            ),
            F::InterpretBy(people) => {
                Question::pick("Who asks the Secretary for a ruling?", names(at, people))
            }
            F::InterpretQuestion(who) => {
                line(format!("{}'s question for the Secretary", name(*who)))
            }
            F::InterpretRuling(..) => {
                line(format!("{secretary}'s ruling, with its logic (Secretary)"))
            }
            F::SpecialBy(people) => {
                Question::pick("Who requested this special meeting?", names(at, people))
            }
            F::RequesterAllows(requester) => Question::yes_or(
                format!(
                    "Does {} allow others' items before theirs? (4.1 §3.3.4(b): \"unless that participant allows otherwise\")",
                    name(*requester)
                ),
                "allows",
                "not",
            ),
            F::SpecialIntent(requester) => line(format!(
                "{}'s intent for the meeting (empty: none; 5.0 §5.4)",
                name(*requester)
            )),
            F::SpecialLimits(..) => {
                line("Roles it may change, by name, comma-separated (empty: no limit)")
            }
            F::BreakdownBy(people) => {
                Question::pick("Who declares the process breakdown?", names(at, people))
            }
            F::BreakdownReason(by) => {
                line(format!("Process breakdown declared by {}: why?", name(*by)))
            }
            _ => return None,
        })
    }

    /// What an answer makes of one of these forms.
    pub(super) fn asks_answer(&self, answer: Answer, at: &Context<'_>) -> Next {
        use GovernanceForm as F;
        let state = at.state;
        let done = |event, said: &str| Answered::Done(Settled::record(event).info(said));
        match (self, answer) {
            (F::FirstBy(item, people), Answer::Pick(n)) => picked(people, n, |&by| {
                let first = GovEvent::ElectionFirst {
                    item: *item,
                    asked_by: Some(by),
                };
                done(first, "The election goes first, and stays first.")
            }),
            (F::ExtendBy, Answer::Text(text)) => match text.trim().parse::<u32>() {
                Ok(minutes) if (1..=240).contains(&minutes) => Answered::Ask(F::ExtendAsk(minutes)),
                _ => error("Type the minutes, 1 to 240."),
            },
            (F::ExtendAsk(minutes), Answer::Yes(true)) => match state.secretary {
                Some(secretary) => done(
                    GovEvent::Extended {
                        secretary,
                        minutes: *minutes,
                    },
                    &format!("Extended by {minutes} minutes by the Secretary."),
                ),
                None => Answered::Closed,
            },
            (F::ExtendAsk(_), Answer::Yes(false)) => Answered::Done(
                Settled::default().info("Not extended: a member asked otherwise (5.0 §5.4.2)."),
            ),
            (F::InterpretBy(people), Answer::Pick(n)) => {
                picked(people, n, |&who| Answered::Ask(F::InterpretQuestion(who)))
            }
            (F::SpecialBy(people), Answer::Pick(n)) => {
                picked(people, n, |&requester| special_requested_by(at, requester))
            }
            (F::BreakdownBy(people), Answer::Pick(n)) => {
                picked(people, n, |&by| Answered::Ask(F::BreakdownReason(by)))
            }
            (F::RequesterAllows(requester), Answer::Yes(true)) => done(
                GovEvent::RequesterAllows {
                    requester: *requester,
                },
                "Recorded: the facilitator may order the agenda as for any meeting.",
            ),
            (_, Answer::Text(text)) => self.asks_typed(text, at),
            _ => Answered::Closed,
        }
    }

    /// What a text typed into one of these forms makes of it.
    fn asks_typed(&self, text: String, at: &Context<'_>) -> Next {
        use GovernanceForm as F;
        let secretary = at.state.secretary;
        let done = |event, said: &str| Answered::Done(Settled::record(event).info(said));
        match self {
            F::SpecialIntent(requester) => Answered::Ask(F::SpecialLimits(*requester, text)),
            F::SpecialLimits(requester, intent) => match roles_named(at, &text) {
                Ok(limits) => Answered::Done(special(*requester, intent.clone(), limits)),
                Err(why) => error(why),
            },
            _ if text.trim().is_empty() => error(EMPTY),
            F::InterpretQuestion(who) => Answered::Ask(F::InterpretRuling(*who, text)),
            F::InterpretRuling(asked_by, question) => match secretary {
                Some(secretary) => done(
                    GovEvent::Interpreted {
                        asked_by: *asked_by,
                        secretary,
                        question: question.clone(),
                        ruling: text,
                    },
                    "The ruling is recorded; the minutes publish it.",
                ),
                None => Answered::Closed,
            },
            F::BreakdownReason(by) => done(
                GovEvent::BreakdownDeclared {
                    by: *by,
                    reason: text,
                    item: current_item(at),
                },
                "Process breakdown declared and recorded with its reason.",
            ),
            _ => Answered::Closed,
        }
    }
}

/// Nothing recorded: `why`, as an error, and the form closes.
fn error(why: impl Into<String>) -> Next {
    Answered::Done(Settled::say(Said::Error(why.into())))
}

/// The member who requested a special meeting picked: their intent is asked for where the
/// rule set has one (5.0 §5.4), or the request is recorded.
fn special_requested_by(at: &Context<'_>, requester: usize) -> Next {
    if at.state.rules.rules().special.intent_and_limits {
        return Answered::Ask(GovernanceForm::SpecialIntent(requester));
    }
    Answered::Done(special(requester, String::new(), Vec::new()))
}

/// The special meeting's request, recorded with who requested it.
fn special(requester: usize, intent: String, limits: Vec<RoleId>) -> Settled {
    Settled::record(GovEvent::SpecialRequested {
        requester,
        intent,
        limits,
    })
    .info("A special meeting: recorded with who requested it.")
}

/// The roles of the meeting's circle named in `text` (comma-separated, any case), or the
/// first name that is none of them.
fn roles_named(at: &Context<'_>, text: &str) -> Result<Vec<RoleId>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| {
            at.org
                .roles_in(at.state.circle)
                .find(|r| same_name(&r.name, n))
                .map(|r| r.id)
                .ok_or_else(|| format!("\"{n}\" is not a role of this circle."))
        })
        .collect()
}
