//! "My work"'s forms without a terminal: the question each asks and what an answer makes of
//! it.

use super::form::{Context, Finished, Form};
use super::tests::{org, t, work};
use super::*;
use crate::domain::form::{Answer, Answered, Form as _, PromptKind, Question};

fn ask(form: &Form, w: &Work, org: &Organisation) -> Option<Question> {
    form.question(&Context { work: w, org })
}

fn answer(form: &Form, answer: Answer, w: &Work, org: &Organisation) -> form::Next {
    form.answer(answer, &Context { work: w, org })
}

#[test]
fn a_next_action_for_a_role_asks_its_text_and_records_it() {
    let (org, w) = (org(false), work(1));
    let form = Form::NextAction(Some(RoleId(1)));
    assert_eq!(
        ask(&form, &w, &org),
        Some(Question::titled(
            PromptKind::OutputText,
            "Next action (for Baker)"
        ))
    );
    assert_eq!(
        ask(&Form::NextAction(None), &w, &org).map(|q| q.title().to_string()),
        Some("Next action (your own, outside any role)".into())
    );
    let done = answer(&form, Answer::Text("Sift rye".into()), &w, &org);
    assert_eq!(
        done,
        Answered::Done(Finished {
            event: WorkEvent::Recorded {
                entry: WorkEntry::NextAction {
                    role: Some(RoleId(1)),
                    text: "Sift rye".into()
                }
            },
            then: None,
        })
    );
}

#[test]
fn a_tension_is_its_circle_then_its_text_noted_for_the_role_there() {
    let (org, w) = (org(false), work(1));
    let form = Form::TensionCircle(TensionKind::Governance, vec![CircleId(1)]);
    assert_eq!(
        ask(&form, &w, &org),
        Some(Question::pick(
            "For which circle's next governance meeting?",
            vec!["Bakery".into()]
        ))
    );
    assert_eq!(
        answer(&form, Answer::Pick(3), &w, &org),
        Answered::Closed,
        "an option that is not there records nothing"
    );
    let Answered::Ask(text) = answer(&form, Answer::Pick(0), &w, &org) else {
        panic!("its text is asked next")
    };
    assert_eq!(
        text,
        Form::TensionText(TensionKind::Governance, CircleId(1))
    );
    let Answered::Done(done) = answer(&text, Answer::Text("Oven rota".into()), &w, &org) else {
        panic!("recorded")
    };
    assert_eq!(
        done.event,
        WorkEvent::Recorded {
            entry: WorkEntry::Tension {
                circle: CircleId(1),
                role: Some(RoleId(1)),
                text: "Oven rota".into(),
                kind: TensionKind::Governance,
            }
        }
    );
    assert!(done.then.is_some_and(|t| t.starts_with("Noted")));
}

#[test]
fn dropping_a_tension_asks_drop_or_keep_and_says_what_went() {
    let (org, w) = (org(false), work(1));
    let form = Form::Drop(TensionId(1));
    assert!(matches!(
        ask(&form, &w, &org),
        Some(Question::YesNo {
            yes: "drop",
            no: "keep",
            ..
        })
    ));
    assert_eq!(
        answer(&form, Answer::Yes(false), &w, &org),
        Answered::Closed
    );
    let Answered::Done(done) = answer(&form, Answer::Yes(true), &w, &org) else {
        panic!("dropped")
    };
    assert_eq!(done.then.as_deref(), Some("Dropped: t. u takes it back."));
}

#[test]
fn taking_back_names_the_entry() {
    let org = org(false);
    let log = [
        Recorded {
            seq: 1,
            at: t(0),
            event: WorkEvent::Started {
                person: PersonId(1),
            },
        },
        Recorded {
            seq: 2,
            at: t(1),
            event: WorkEvent::Recorded {
                entry: WorkEntry::NextAction {
                    role: None,
                    text: "Call the mill".into(),
                },
            },
        },
    ];
    let w = Work::fold(&log).expect("folds");
    assert_eq!(
        ask(&Form::Retract(2), &w, &org),
        Some(Question::yes_no(
            "Take back: next action (own): Call the mill?"
        ))
    );
    assert!(matches!(
        answer(&Form::Retract(2), Answer::Yes(true), &w, &org),
        Answered::Done(Finished {
            event: WorkEvent::Retracted { seq: 2 },
            ..
        })
    ));
}

#[test]
fn a_form_kept_by_an_earlier_version_still_reads() {
    let kept: Form = serde_json::from_str(r#"{"TensionText":["tactical",1]}"#).expect("reads");
    assert_eq!(kept, Form::TensionText(TensionKind::Tactical, CircleId(1)));
}
