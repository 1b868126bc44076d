//! The governance meeting's forms without a terminal: each question asked against the meeting
//! and the organisation, what each answer makes of it, the refusals (naming the rule), and a
//! picker asked again after another program changed the organisation.

use super::super::*;
use super::run::Run;
use crate::domain::form::{Answer, Answered, Form as _, PromptKind, Question};
use crate::domain::ids::*;
use crate::domain::org::OrgRecords;
use crate::domain::ruleset::{CoreRole, RuleSet};

pub(super) type Next = Answered<GovernanceForm, Settled>;

/// A meeting at its items with one proposal, Ben's (attendee 1), being processed.
pub(super) fn at_a_proposal(rules: RuleSet) -> (Run, u64) {
    let mut run = Run::new(rules);
    walk_to(&mut run, GovStep::Agenda);
    run.ok(GovEvent::ItemAdded {
        label: "Ovens".into(),
        owner: 1,
        kind: ItemKind::Proposal,
        tension: None,
    });
    let item = run.log.len() as u64;
    walk_to(&mut run, GovStep::Items);
    (run, item)
}

/// Steps on, one at a time, to `step`.
fn walk_to(run: &mut Run, step: GovStep) {
    while run.state().step != step {
        let next = run.state().step.next(run.rules).expect("a next step");
        run.ok(GovEvent::StepChanged { step: next });
    }
}

/// What the forms are decided against: the run's meeting and organisation.
pub(super) fn context<'a>(
    run: &'a Run,
    state: &'a Governance,
    editing: Option<&'a [Change]>,
) -> FormContext<'a> {
    FormContext {
        state,
        log: &run.log,
        org: &run.org,
        editing,
        seed: 7,
    }
}

/// The next form an answer asks.
pub(super) fn asked(next: Next) -> GovernanceForm {
    match next {
        Answered::Ask(form) => form,
        other => panic!("a next question was expected, not {other:?}"),
    }
}

/// What a finished answer settles.
pub(super) fn done(next: Next) -> Settled {
    match next {
        Answered::Done(settled) => settled,
        other => panic!("a finished form was expected, not {other:?}"),
    }
}

/// The refusal an answer met.
pub(super) fn refused(next: Next) -> String {
    match next {
        Answered::Refused(why) => why,
        other => panic!("a refusal was expected, not {other:?}"),
    }
}

/// The options a form's question offers.
pub(super) fn options(question: Option<Question>) -> Vec<String> {
    match question {
        Some(Question::Pick { options, .. }) => options,
        other => panic!("a pick was expected, not {other:?}"),
    }
}

fn text(t: &str) -> Answer {
    Answer::Text(t.to_string())
}

#[test]
fn a_proposal_on_the_agenda_is_its_label_then_its_owner_among_those_present() {
    let mut run = Run::new(RuleSet::Holacracy50);
    walk_to(&mut run, GovStep::Agenda);
    let state = run.state();
    let at = context(&run, &state, None);
    let kinds = GovernanceForm::item_kinds(&at);
    assert_eq!(
        options(kinds.question(&at)),
        [
            "A proposal (a tension to process)",
            "An election of the Facilitator",
            "An election of the Secretary"
        ],
        "elections only of the elected roles the circle has"
    );
    let label = asked(kinds.answer(Answer::Pick(0), &at));
    assert_eq!(
        refused(label.answer(text(""), &at)),
        "Type a few words, or Esc to cancel."
    );
    let owner = asked(label.answer(text("Ovens at night"), &at));
    assert_eq!(
        options(owner.question(&at)),
        ["Ana", "Ben", "Cleo", "Guest"]
    );
    let settled = done(owner.answer(Answer::Pick(1), &at));
    assert_eq!(
        settled.event,
        Some(GovEvent::ItemAdded {
            label: "Ovens at night".into(),
            owner: 1,
            kind: ItemKind::Proposal,
            tension: None,
        })
    );
}

#[test]
fn an_election_added_is_owned_by_the_facilitator_and_its_term_left_for_later() {
    let mut run = Run::new(RuleSet::Holacracy50);
    walk_to(&mut run, GovStep::Agenda);
    let state = run.state();
    let at = context(&run, &state, None);
    let settled = done(GovernanceForm::item_kinds(&at).answer(Answer::Pick(2), &at));
    assert_eq!(
        settled.event,
        Some(GovEvent::ItemAdded {
            label: "Election: Secretary".into(),
            owner: 1,
            kind: ItemKind::Election {
                role: CoreRole::Secretary,
                term_end: None
            },
            tension: None,
        })
    );
}

#[test]
fn framing_asks_the_tension_then_an_example_then_which_of_the_proposers_roles_feels_it() {
    let (run, item) = at_a_proposal(RuleSet::Holacracy50);
    let state = run.state();
    let at = context(&run, &state, None);
    assert_eq!(
        GovernanceForm::Tension.question(&at),
        Some(Question::edit(
            PromptKind::OutputText,
            "The tension Ben feels",
            ""
        ))
    );
    assert_eq!(
        refused(GovernanceForm::Tension.answer(text(""), &at)),
        "Type a few words, or Esc to cancel."
    );
    let example = asked(GovernanceForm::Tension.answer(text("Ovens idle"), &at));
    let role = asked(example.answer(text("Last Tuesday"), &at));
    let offered = options(role.question(&at));
    assert_eq!(offered.first().map(String::as_str), Some("Baker"));
    assert_eq!(offered.last().map(String::as_str), Some("No role named"));
    let settled = done(role.answer(Answer::Pick(0), &at));
    assert_eq!(
        settled.event,
        Some(GovEvent::Proposal {
            item,
            event: IdmEvent::Framed {
                tension: "Ovens idle".into(),
                example: "Last Tuesday".into(),
                role: Some(RoleId(13)),
                permission: None,
            }
        })
    );
    assert_eq!(
        settled.said,
        Some(Said::Info(
            "Framed. c writes the proposal's changes.".into()
        ))
    );
}

#[test]
fn under_4_1_the_validity_test_offers_the_exceptions_of_3_2_2_first() {
    let (run, _) = at_a_proposal(RuleSet::Holacracy41);
    let state = run.state();
    let at = context(&run, &state, None);
    let first = GovernanceForm::validity(&at);
    assert!(matches!(first, GovernanceForm::ValidityKind(_)));
    let offered = options(first.question(&at));
    assert_eq!(offered[0], "Neither: ask the validity questions");
    let questions = asked(first.answer(Answer::Pick(0), &at));
    assert_eq!(questions, GovernanceForm::Validity(Vec::new()));
    let (run, _) = at_a_proposal(RuleSet::Holacracy50);
    let state = run.state();
    let at = context(&run, &state, None);
    assert_eq!(
        GovernanceForm::validity(&at),
        GovernanceForm::Validity(Vec::new()),
        "5.0 has no exceptions: the questions at once"
    );
}

#[test]
fn a_no_in_the_validity_test_records_it_and_asks_whether_to_discard_quoting_the_question() {
    let (mut run, item) = at_a_proposal(RuleSet::Holacracy50);
    let state = run.state();
    let at = context(&run, &state, None);
    let first = GovernanceForm::Validity(Vec::new());
    let Some(Question::Series { question, .. }) = first.question(&at) else {
        panic!("one question of a series");
    };
    assert!(
        question.starts_with("Validity 1 of 3 — 5.0 §5.3.1(a)"),
        "{question}"
    );
    let second = asked(first.answer(Answer::Yes(true), &at));
    let settled = done(second.answer(Answer::Yes(false), &at));
    let tested = IdmEvent::ValidityTested {
        answers: vec![true, false],
        exception: None,
    };
    assert_eq!(
        settled.event,
        Some(GovEvent::Proposal {
            item,
            event: tested.clone()
        })
    );
    assert_eq!(settled.then, Then::Ask(GovernanceForm::DiscardInvalid));
    run.idm(item, tested);
    let state = run.state();
    let at = context(&run, &state, None);
    let Some(Question::YesNo { question, .. }) = GovernanceForm::DiscardInvalid.question(&at)
    else {
        panic!("a yes/no question");
    };
    assert!(
        question.starts_with("Not valid: \"5.0 §5.3.1(b)"),
        "the question answered no is quoted: {question}"
    );
}

#[test]
fn three_yeses_record_a_valid_proposal() {
    let (run, _) = at_a_proposal(RuleSet::Holacracy50);
    let state = run.state();
    let at = context(&run, &state, None);
    let mut form = GovernanceForm::Validity(Vec::new());
    for _ in 0..2 {
        form = asked(form.answer(Answer::Yes(true), &at));
    }
    let settled = done(form.answer(Answer::Yes(true), &at));
    assert_eq!(
        settled.said,
        Some(Said::Info(
            "The proposal is valid: the proposer goes on presenting.".into()
        ))
    );
}

#[test]
fn a_clarifying_question_then_its_answer_and_an_empty_reaction_is_no_reaction() {
    let (run, item) = at_a_proposal(RuleSet::Holacracy50);
    let state = run.state();
    let at = context(&run, &state, None);
    let answer = asked(GovernanceForm::Question.answer(text("Who fills it?"), &at));
    let settled = done(answer.answer(text(""), &at));
    assert_eq!(
        settled.event,
        Some(GovEvent::Proposal {
            item,
            event: IdmEvent::Question {
                question: "Who fills it?".into(),
                answer: None
            }
        }),
        "an empty answer is \"not specified\""
    );
    let settled = done(GovernanceForm::Reaction(2).answer(text(""), &at));
    assert!(matches!(
        settled.event,
        Some(GovEvent::Proposal { event: IdmEvent::Reaction { attendee: 2, text }, .. })
            if text == "No reaction."
    ));
}

#[test]
fn an_objection_is_its_words_then_the_role_it_would_limit_or_none_named() {
    let (run, item) = at_a_proposal(RuleSet::Holacracy50);
    let state = run.state();
    let at = context(&run, &state, None);
    let words = GovernanceForm::ObjectionText(1);
    assert_eq!(
        refused(words.answer(text(""), &at)),
        "Type a few words, or Esc to cancel."
    );
    let role = asked(words.answer(text("Too early"), &at));
    let offered = options(role.question(&at));
    let none = offered.len() - 1;
    let settled = done(role.answer(Answer::Pick(none), &at));
    assert_eq!(
        settled.event,
        Some(GovEvent::Proposal {
            item,
            event: IdmEvent::Objected {
                attendee: 1,
                role: None,
                text: "Too early".into(),
                sub_circle: None,
                permission: None,
            }
        })
    );
}

/// The proposal `item` with Cleo's objection naming no role, in its objection round.
fn objected_without_a_role(run: &mut Run, item: u64) {
    run.idm(
        item,
        IdmEvent::Drafted {
            changes: vec![super::run::new_role()],
        },
    );
    run.walk_to_objections(item);
    run.idm(
        item,
        IdmEvent::Objected {
            attendee: 2,
            role: None,
            text: "Too early".into(),
            sub_circle: None,
            permission: None,
        },
    );
}

#[test]
fn an_objection_naming_no_role_has_the_role_question_answered_no_saying_why_5_0_5_3_2_b() {
    let (mut run, item) = at_a_proposal(RuleSet::Holacracy50);
    objected_without_a_role(&mut run, item);
    let state = run.state();
    let at = context(&run, &state, None);
    let target = TestTarget::Proposal { item, objection: 0 };
    let first = GovernanceForm::test(target, Vec::new(), &at);
    let Some(Question::Series {
        title,
        question,
        yes,
        no,
    }) = first.question(&at)
    else {
        panic!("one question of a series");
    };
    assert_eq!(title, "Objection test");
    assert!(question.starts_with("1 of 5 — 5.0 §5.3.2(a)"), "{question}");
    assert!(question.ends_with("Objection: \"Too early\" No role named."));
    assert_eq!((yes, no), ("argument given", "no argument"));
    // 5.0 asks the role question second (§5.3.2(b)): with no role named it is answered no.
    let third = asked(first.answer(Answer::Yes(true), &at));
    assert_eq!(third, GovernanceForm::Test(target, vec![true, false]));
    let Some(Question::Series { question, .. }) = third.question(&at) else {
        panic!("one question of a series");
    };
    assert!(
        question.starts_with(&format!(
            "The role question is answered no: {NO_ROLE_RULE}. 3 of 5"
        )),
        "{question}"
    );
}

#[test]
fn the_fifth_answer_of_an_objection_test_records_it_and_says_whether_it_blocks() {
    let (mut run, item) = at_a_proposal(RuleSet::Holacracy41);
    objected_without_a_role(&mut run, item);
    let state = run.state();
    let at = context(&run, &state, None);
    let target = TestTarget::Proposal { item, objection: 0 };
    // 4.1 asks the role question last of the four (§3.2.4(d)): answered no for the facilitator.
    let mut form = GovernanceForm::test(target, Vec::new(), &at);
    for _ in 0..3 {
        form = asked(form.answer(Answer::Yes(true), &at));
    }
    assert_eq!(
        form,
        GovernanceForm::Test(target, vec![true, true, true, false])
    );
    let Some(Question::Series { question, yes, .. }) = form.question(&at) else {
        panic!("one question of a series");
    };
    assert!(question.contains("5 of 5 — 4.1 §3.2.4(e)"), "{question}");
    assert_eq!(yes, "it would");
    let settled = done(form.answer(Answer::Yes(false), &at));
    assert!(matches!(
        settled.event,
        Some(GovEvent::Proposal { event: IdmEvent::Tested { objection: 0, test }, .. })
            if !test.valid()
    ));
    assert_eq!(
        settled.said,
        Some(Said::Info(
            "Invalid objection: kept in the record, it does not block.".into()
        ))
    );
}

#[test]
fn stopping_a_test_records_nothing_and_no_answer_from_the_proposer_has_the_facilitator_judge() {
    let (run, item) = at_a_proposal(RuleSet::Holacracy50);
    let state = run.state();
    let at = context(&run, &state, None);
    let target = TestTarget::Proposal { item, objection: 0 };
    let stopped = done(GovernanceForm::Test(target, vec![true]).cancelled(&at));
    assert_eq!(stopped.event, None);
    assert_eq!(
        stopped.said,
        Some(Said::Info("Stopped: nothing was recorded.".into()))
    );
    assert_eq!(
        GovernanceForm::SuggestionAnswer(0).cancelled(&at),
        Answered::Ask(GovernanceForm::SuggestionJudge(0)),
        "4.1 §3.2.6(d): the facilitator judges"
    );
    assert_eq!(GovernanceForm::Note.cancelled(&at), Answered::Closed);
}

#[test]
fn closing_a_proposal_as_a_breakdown_asks_who_the_rule_set_lets_declare_it() {
    let (run, _) = at_a_proposal(RuleSet::Holacracy50);
    let state = run.state();
    let at = context(&run, &state, None);
    match GovernanceForm::Close.answer(Answer::Pick(3), &at) {
        Answered::Ask(GovernanceForm::BreakdownBy(who)) => assert!(!who.is_empty()),
        Answered::Done(settled) => assert!(
            matches!(&settled.said, Some(Said::Info(line)) if line.starts_with("Nobody here may declare")),
            "{settled:?}"
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        GovernanceForm::Close.answer(Answer::Pick(1), &at),
        Answered::Ask(GovernanceForm::DropReason)
    );
}

#[test]
fn the_secretarys_extension_takes_1_to_240_minutes_and_a_member_may_ask_otherwise_5_0_5_4_2() {
    let run = Run::new(RuleSet::Holacracy50);
    let state = run.state();
    let at = context(&run, &state, None);
    assert_eq!(
        GovernanceForm::ExtendBy.question(&at),
        Some(Question::edit(
            PromptKind::OutputText,
            "Cleo (Secretary) extends the meeting by how many minutes?",
            "15"
        ))
    );
    let settled = done(GovernanceForm::ExtendBy.answer(text("300"), &at));
    assert_eq!(
        settled.said,
        Some(Said::Error("Type the minutes, 1 to 240.".into()))
    );
    let ask = asked(GovernanceForm::ExtendBy.answer(text("20"), &at));
    assert_eq!(ask, GovernanceForm::ExtendAsk(20));
    let settled = done(ask.answer(Answer::Yes(false), &at));
    assert_eq!(settled.event, None);
    assert_eq!(
        settled.said,
        Some(Said::Info(
            "Not extended: a member asked otherwise (5.0 §5.4.2).".into()
        ))
    );
    let settled = done(ask.answer(Answer::Yes(true), &at));
    assert_eq!(
        settled.event,
        Some(GovEvent::Extended {
            secretary: 2,
            minutes: 20
        })
    );
}

#[test]
fn a_special_meetings_limits_name_roles_of_the_circle_or_are_refused_5_0_5_4() {
    let run = Run::new(RuleSet::Holacracy50);
    let state = run.state();
    let at = context(&run, &state, None);
    let intent = asked(GovernanceForm::SpecialBy(vec![0, 1]).answer(Answer::Pick(1), &at));
    assert_eq!(intent, GovernanceForm::SpecialIntent(1));
    let limits = asked(intent.answer(text("Ovens"), &at));
    let settled = done(limits.answer(text("Oven Master"), &at));
    assert_eq!(
        settled.said,
        Some(Said::Error(
            "\"Oven Master\" is not a role of this circle.".into()
        ))
    );
    let settled = done(limits.answer(text("baker"), &at));
    assert_eq!(
        settled.event,
        Some(GovEvent::SpecialRequested {
            requester: 1,
            intent: "Ovens".into(),
            limits: vec![RoleId(13)]
        })
    );
}

#[test]
fn an_objections_role_picker_asked_again_drops_a_role_removed_elsewhere_and_says_so() {
    let (run, _) = at_a_proposal(RuleSet::Holacracy50);
    let state = run.state();
    let before = context(&run, &state, None);
    let picker = asked(GovernanceForm::ObjectionText(1).answer(text("Too early"), &before));
    let was = options(picker.question(&before));
    assert_eq!(was[0], "Baker");
    // Another program removed the Baker role meanwhile.
    let mut records: OrgRecords = run.org.records().clone();
    records.roles.retain(|r| r.id != RoleId(13));
    records.assignments.retain(|a| a.role != RoleId(13));
    let org = crate::domain::org::Organisation::new(records);
    let now = FormContext {
        org: &org,
        ..before
    };
    let again = picker.asked_again(&now).expect("the roles are made again");
    assert!(!options(again.question(&now)).contains(&"Baker".to_string()));
    assert_eq!(
        picker.gone(0, "Baker", &before, &now),
        "Baker was removed in another program meanwhile: choose again."
    );
}

#[test]
fn a_form_kept_by_the_version_before_forms_reads_as_the_same_form() {
    // The screen's draft as the earlier version wrote it (`ui::GovDraft`).
    let kept = [
        (r#""ProposalLabel""#, GovernanceForm::ProposalLabel),
        (
            r#"{"ProposalOwner":["Ovens",[0,1]]}"#,
            GovernanceForm::ProposalOwner("Ovens".into(), vec![0, 1]),
        ),
        (
            r#"{"Test":[{"Proposal":{"item":3,"objection":0}},[true,false]]}"#,
            GovernanceForm::Test(
                TestTarget::Proposal {
                    item: 3,
                    objection: 0,
                },
                vec![true, false],
            ),
        ),
        (
            r#"{"RoleValue":[13,"Accountabilities"]}"#,
            GovernanceForm::RoleValue(RoleId(13), Field::Accountabilities),
        ),
        (
            r#"{"PickRole":["Amend",[10,13]]}"#,
            GovernanceForm::PickRole(RoleAim::Amend, vec![RoleId(10), RoleId(13)]),
        ),
    ];
    for (json, form) in kept {
        let read: GovernanceForm = serde_json::from_str(json).expect(json);
        assert_eq!(read, form, "{json}");
    }
}
