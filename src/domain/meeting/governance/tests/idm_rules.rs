//! Integrative decision-making's rules under each rule set, as the meeting enforces them:
//! the steps in order, the objection round complete before integration, no version adopted
//! before its own objection round, the Secretary's ruling, the rules of integration, the
//! validity test's questions and exceptions, and the roles a member represents. Each test
//! names the articles it checks.

use super::super::*;
use super::run::{Run, new_role};
use crate::domain::ids::*;
use crate::domain::org::*;
use crate::domain::ruleset::{CoreRole, RuleSet};

const EVERYONE: [usize; 4] = [0, 1, 2, 3];

/// A meeting with one proposal by Ben (attendee 1, the Baker) framed and drafted, in its
/// first objection round. Ana (0) is Circle Lead, Ben the facilitator, Cleo (2) the
/// Secretary, 3 a guest.
fn in_objection_round(rules: RuleSet) -> (Run, u64) {
    let mut run = Run::new(rules);
    run.ok(GovEvent::ItemAdded {
        label: "Ovens".into(),
        owner: 1,
        kind: ItemKind::Proposal,
        tension: None,
    });
    let item = run.log.len() as u64;
    run.idm(
        item,
        IdmEvent::Framed {
            tension: "Ovens idle".into(),
            example: "Tuesday".into(),
            role: Some(RoleId(13)),
            permission: None,
        },
    );
    run.idm(
        item,
        IdmEvent::Drafted {
            changes: vec![new_role()],
        },
    );
    run.walk_to_objections(item);
    (run, item)
}

fn objected(attendee: usize, role: Option<RoleId>) -> IdmEvent {
    IdmEvent::Objected {
        attendee,
        role,
        text: "It overlaps my role".into(),
        sub_circle: None,
        permission: None,
    }
}

fn tested(objection: usize, answers: [bool; 4], breaks_constitution: bool) -> IdmEvent {
    IdmEvent::Tested {
        objection,
        test: ObjectionTest {
            answers,
            breaks_constitution,
        },
    }
}

fn adopt(version: usize) -> IdmEvent {
    IdmEvent::Ended {
        outcome: Outcome::Adopted { version },
    }
}

fn refused(run: &mut Run, item: u64, event: IdmEvent) -> String {
    match run.try_event(GovEvent::Proposal { item, event }) {
        Err(refusal) => refusal,
        Ok(_) => panic!("accepted, but should be refused"),
    }
}

fn proposal(run: &Run, item: u64) -> Proposal {
    let state = run.state();
    state
        .item(item)
        .and_then(|i| i.proposal.clone())
        .expect("a proposal")
}

/// Ana objects with a valid objection; everyone else, Ben the proposer last, has no
/// objection; then integration.
fn integrating(rules: RuleSet) -> (Run, u64) {
    let (mut run, item) = in_objection_round(rules);
    run.idm(item, objected(0, Some(RoleId(10))));
    for attendee in [2, 3, 1] {
        run.idm(item, IdmEvent::NoObjection { attendee });
    }
    run.idm(item, tested(0, [true; 4], false));
    run.idm(
        item,
        IdmEvent::StepTo {
            step: IdmStep::Integrate,
        },
    );
    (run, item)
}

#[test]
fn steps_go_in_order_and_the_objection_round_follows_amend_and_clarify_4_1_3_3_5_and_5_0_5_4_5() {
    for rules in RuleSet::ALL {
        let mut run = Run::new(rules);
        run.ok(GovEvent::ItemAdded {
            label: "Ovens".into(),
            owner: 1,
            kind: ItemKind::Proposal,
            tension: None,
        });
        let item = run.log.len() as u64;
        run.idm(
            item,
            IdmEvent::Drafted {
                changes: vec![new_role()],
            },
        );
        let skip = IdmEvent::StepTo {
            step: IdmStep::React,
        };
        assert!(
            refused(&mut run, item, skip).contains("steps go in order"),
            "{rules}"
        );
        let early = refused(&mut run, item, IdmEvent::NewRound);
        assert!(
            early.contains("§5.4.5") && early.contains("§3.3.5"),
            "{early}"
        );
        run.walk_to_objections(item);
        let back = IdmEvent::StepTo {
            step: IdmStep::Clarify,
        };
        assert!(
            refused(&mut run, item, back).contains("steps go in order"),
            "{rules}"
        );
    }
}

#[test]
fn integration_waits_until_everyone_present_the_proposer_too_has_answered_4_1_3_3_5_e_5_0_5_4_5_e()
{
    for rules in RuleSet::ALL {
        let (mut run, item) = in_objection_round(rules);
        run.idm(item, objected(0, Some(RoleId(10))));
        run.idm(item, tested(0, [true; 4], false));
        for attendee in [2, 3] {
            run.idm(item, IdmEvent::NoObjection { attendee });
        }
        let to_integration = IdmEvent::StepTo {
            step: IdmStep::Integrate,
        };
        let refusal = refused(&mut run, item, to_integration.clone());
        assert!(refusal.contains("the proposer too"), "{rules}: {refusal}");
        run.idm(item, IdmEvent::NoObjection { attendee: 1 });
        run.idm(item, to_integration);
    }
}

#[test]
fn a_version_amended_in_integration_is_adopted_only_after_its_own_objection_round_4_1_3_2_5_0_5_3()
{
    for rules in RuleSet::ALL {
        let (mut run, item) = integrating(rules);
        let amended = Change::CreatePolicy {
            name: "Night keys".into(),
            text: "The scheduler holds a key.".into(),
        };
        run.idm(
            item,
            IdmEvent::Drafted {
                changes: vec![new_role(), amended],
            },
        );
        run.idm(item, IdmEvent::ObjectorSatisfied { objection: 0 });
        run.idm(item, IdmEvent::ProposerSatisfied { objection: 0 });
        // Everyone answered round 1, and nothing blocks: still, nobody objected to version 2.
        let refusal = refused(&mut run, item, adopt(2));
        assert!(refusal.contains("not adoptable"), "{rules}: {refusal}");
        run.idm(item, IdmEvent::NewRound);
        assert!(refused(&mut run, item, adopt(2)).contains("not adoptable"));
        for attendee in EVERYONE {
            run.idm(item, IdmEvent::NoObjection { attendee });
        }
        run.idm(item, adopt(2));
    }
}

#[test]
fn the_secretarys_ruling_that_the_constitution_is_not_broken_dismisses_the_objection_4_1_3_2_5_and_5_0_5_3_3()
 {
    for rules in RuleSet::ALL {
        let (mut run, item) = in_objection_round(rules);
        run.idm(item, objected(0, None));
        for attendee in [2, 3, 1] {
            run.idm(item, IdmEvent::NoObjection { attendee });
        }
        let ruled = |secretary, breaks| IdmEvent::SecretaryRuled {
            objection: 0,
            secretary,
            breaks,
            ruling: "Roles are governance outputs".into(),
        };
        let untested = refused(&mut run, item, ruled(2, false));
        assert!(untested.contains("§5.3.3"), "{untested}");
        run.idm(item, tested(0, [false; 4], true));
        assert!(proposal(&run, item).objections[0].blocks());
        let not_secretary = refused(&mut run, item, ruled(1, false));
        assert!(
            not_secretary.contains("only the meeting's Secretary"),
            "{not_secretary}"
        );
        run.idm(item, ruled(2, false));
        let p = proposal(&run, item);
        assert!(
            p.objections[0].dismissed() && !p.objections[0].blocks(),
            "{rules}"
        );
        assert_eq!(
            p.objections[0].ruling.as_ref().map(|r| r.text.as_str()),
            Some("Roles are governance outputs")
        );
        assert!(refused(&mut run, item, ruled(2, true)).contains("has ruled"));
        run.idm(item, adopt(1));
    }
}

#[test]
fn a_ruling_that_the_constitution_is_broken_keeps_the_objection_blocking_4_1_3_2_4_e_5_0_5_3_2() {
    for rules in RuleSet::ALL {
        let (mut run, item) = in_objection_round(rules);
        run.idm(item, objected(0, None));
        for attendee in [2, 3, 1] {
            run.idm(item, IdmEvent::NoObjection { attendee });
        }
        run.idm(item, tested(0, [false; 4], true));
        run.idm(
            item,
            IdmEvent::SecretaryRuled {
                objection: 0,
                secretary: 2,
                breaks: true,
                ruling: "It assigns a project".into(),
            },
        );
        assert!(proposal(&run, item).objections[0].blocks(), "{rules}");
        assert!(refused(&mut run, item, adopt(1)).contains("not adoptable"));
    }
}

#[test]
fn rules_of_integration_d_the_proposer_who_cannot_answer_an_amended_proposal_is_dropped_4_1_3_2_6_d_5_0_5_3_4_d()
 {
    for rules in RuleSet::ALL {
        let (mut run, item) = integrating(rules);
        let suggested = IdmEvent::AmendmentSuggested {
            objection: 0,
            amendment: "Schedule the ovens by the week".into(),
        };
        run.idm(item, suggested.clone());
        assert!(refused(&mut run, item, suggested).contains("waits for its answer"));
        let judged = |goes_on: bool, reason: &str| IdmEvent::SuggestionJudged {
            objection: 0,
            goes_on,
            reason: reason.into(),
        };
        let unanswered = refused(&mut run, item, judged(true, "Fine"));
        assert!(unanswered.contains("§5.3.4(d)"), "{unanswered}");
        assert!(refused(&mut run, item, judged(false, " ")).contains("reason"));
        run.idm(
            item,
            judged(false, "The proposer gave no example it fails in"),
        );
        let p = proposal(&run, item);
        assert_eq!(
            p.outcome,
            Some(Outcome::Dropped {
                reason: "The proposer gave no example it fails in".into()
            }),
            "{rules}"
        );
    }
}

#[test]
fn rules_of_integration_d_an_answered_amendment_lets_the_proposal_go_on_with_the_reason() {
    for rules in RuleSet::ALL {
        let (mut run, item) = integrating(rules);
        run.idm(
            item,
            IdmEvent::AmendmentSuggested {
                objection: 0,
                amendment: "Schedule the ovens by the week".into(),
            },
        );
        run.idm(
            item,
            IdmEvent::SuggestionAnswered {
                objection: 0,
                answer: "Tuesday's batch was ordered the same day".into(),
            },
        );
        run.idm(
            item,
            IdmEvent::SuggestionJudged {
                objection: 0,
                goes_on: true,
                reason: "Tuesday shows it fails".into(),
            },
        );
        let p = proposal(&run, item);
        assert!(p.outcome.is_none(), "{rules}");
        let s = &p.objections[0].suggestions[0];
        assert_eq!(s.goes_on, Some(true));
        assert_eq!(s.reason.as_deref(), Some("Tuesday shows it fails"));
        assert!(
            p.objections[0].blocks(),
            "the objection is still to integrate"
        );
    }
}

#[test]
fn abandoning_an_objection_or_dropping_a_proposal_records_why_4_1_3_2_6_b_c_5_0_5_3_4_b_c() {
    for rules in RuleSet::ALL {
        let (mut run, item) = integrating(rules);
        let abandon = |reason: &str| IdmEvent::Abandoned {
            objection: 0,
            reason: reason.into(),
        };
        assert!(refused(&mut run, item, abandon("")).contains("why"));
        run.idm(item, abandon("Refused every amendment"));
        let dropped = |reason: &str| IdmEvent::Ended {
            outcome: Outcome::Dropped {
                reason: reason.into(),
            },
        };
        assert!(refused(&mut run, item, dropped(" ")).contains("reason"));
        run.idm(item, dropped("No answer about the example"));
        let p = proposal(&run, item);
        assert_eq!(
            p.objections[0].reason.as_deref(),
            Some("Refused every amendment")
        );
        assert_eq!(
            p.outcome.map(|o| o.describe()),
            Some("dropped: No answer about the example".to_string()),
            "{rules}"
        );
    }
}

#[test]
fn under_4_1_a_proposal_that_only_triggers_an_election_is_valid_4_1_3_2_2_and_5_0_has_no_such_exception()
 {
    for rules in RuleSet::ALL {
        let (mut run, item) = in_objection_round(rules);
        let excepted = IdmEvent::ValidityTested {
            answers: Vec::new(),
            exception: Some(ValidityException::TriggersElection),
        };
        match rules {
            RuleSet::Holacracy41 => {
                run.idm(item, excepted);
                let p = proposal(&run, item);
                assert!(p.validity[0].valid(3));
            }
            RuleSet::Holacracy50 => {
                let refusal = refused(&mut run, item, excepted);
                assert!(refusal.contains("holacracy-5.0"), "{refusal}");
            }
        }
    }
}

#[test]
fn a_validity_test_asks_each_of_the_rule_sets_three_questions_until_the_first_no_5_0_5_3_1_4_1_3_2_3()
 {
    for rules in RuleSet::ALL {
        assert_eq!(rules.rules().idm.validity_questions.len(), 3);
        let (mut run, item) = in_objection_round(rules);
        for bad in [vec![true], vec![true; 4]] {
            let event = IdmEvent::ValidityTested {
                answers: bad,
                exception: None,
            };
            assert!(refused(&mut run, item, event).contains("until the first no"));
        }
        run.idm(
            item,
            IdmEvent::ValidityTested {
                answers: vec![true, true, true],
                exception: None,
            },
        );
    }
}

/// The test organisation with a sub-circle "Kitchen" whose Rep is Cleo and a "Dough" role in
/// it, and Ana allowed by Ben to speak for the Baker.
fn with_kitchen(run: &mut Run) {
    let mut records = run.org.records().clone();
    records.circles.push(Circle {
        id: CircleId(2),
        parent: Some(CircleId(1)),
        name: "Kitchen".into(),
        purpose: String::new(),
        strategy: None,
        domains: Vec::new(),
        accountabilities: Vec::new(),
    });
    let mut rep = records.roles[0].clone();
    rep.id = RoleId(20);
    rep.circle = CircleId(2);
    rep.name = "Circle Rep".into();
    rep.core = Some(CoreRole::Rep);
    records.roles.push(rep);
    let mut filled = records.assignments[0].clone();
    filled.id = AssignmentId(9);
    filled.role = RoleId(20);
    filled.person = PersonId(3);
    records.assignments.push(filled);
    run.org = Organisation::new(records);
}

#[test]
fn an_objection_limits_a_role_the_objector_fills_links_as_rep_or_has_permission_for_5_0_5_3_4_1_3_2_4_d()
 {
    for rules in RuleSet::ALL {
        let (mut run, item) = in_objection_round(rules);
        with_kitchen(&mut run);
        // Ana does not fill the Baker (Ben does): not without his permission.
        let refusal = refused(&mut run, item, objected(0, Some(RoleId(13))));
        assert!(
            refusal.contains("§5.3") && refusal.contains("§3.2.4(d)"),
            "{refusal}"
        );
        let with = |attendee, role, sub_circle, permission| IdmEvent::Objected {
            attendee,
            role,
            text: "It limits the role".into(),
            sub_circle,
            permission,
        };
        let from_nobody = with(0, Some(RoleId(13)), None, Some(PersonId(3)));
        assert!(refused(&mut run, item, from_nobody).contains("not a role they represent"));
        run.idm(item, with(0, Some(RoleId(13)), None, Some(PersonId(2))));
        // Cleo represents the Kitchen as its Rep; Ben does not.
        let ben = with(1, None, Some(CircleId(2)), None);
        assert!(refused(&mut run, item, ben).contains("not a role they represent"));
        run.idm(item, with(2, None, Some(CircleId(2)), None));
        let p = proposal(&run, item);
        assert_eq!(p.objections[0].permission, Some(PersonId(2)));
        assert_eq!(p.objections[1].sub_circle, Some(CircleId(2)));
        // A sub-circle named is a role named: the role criterion can pass.
        run.idm(item, tested(1, [true; 4], false));
    }
}

#[test]
fn the_choices_offered_are_the_roles_filled_the_sub_circles_linked_and_roles_by_permission() {
    let mut run = Run::new(RuleSet::Holacracy50);
    with_kitchen(&mut run);
    let labels = |person| {
        represent::representable(
            &run.org,
            CircleId(1),
            PersonId(person),
            RuleSet::Holacracy50,
        )
        .into_iter()
        .map(|r| r.label)
        .collect::<Vec<_>>()
    };
    let cleo = labels(3);
    assert_eq!(cleo[0], "Kitchen (as its Circle Rep)");
    assert!(cleo.contains(&"Baker — with permission from Ben".to_string()));
    let ana = labels(1);
    assert_eq!(ana[0], "Circle Lead");
}

#[test]
fn objection_criteria_are_asked_in_each_rule_sets_order_and_words_5_0_5_3_2_and_4_1_3_2_4() {
    let five = &RuleSet::Holacracy50.rules().idm;
    let four = &RuleSet::Holacracy41.rules().idm;
    let articles = |idm: &crate::domain::rules::IdmRules| {
        idm.objection_criteria
            .iter()
            .map(|c| c.article)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        articles(five),
        [
            "5.0 §5.3.2(a)",
            "5.0 §5.3.2(b)",
            "5.0 §5.3.2(c)",
            "5.0 §5.3.2(d)"
        ]
    );
    assert_eq!(
        articles(four),
        [
            "4.1 §3.2.4(a)",
            "4.1 §3.2.4(b)",
            "4.1 §3.2.4(c)",
            "4.1 §3.2.4(d)"
        ]
    );
    // 5.0 asks the role second, 4.1 fourth; both keep it in the role slot.
    assert_eq!(five.objection_criteria[1].slot, ROLE_QUESTION);
    assert_eq!(four.objection_criteria[3].slot, ROLE_QUESTION);
    let no_role_second = five
        .test_of(&[true, false, true, true, false])
        .expect("five");
    assert_eq!(no_role_second.answers, [true, true, true, false]);
    let no_role_fourth = four
        .test_of(&[true, true, true, false, false])
        .expect("five");
    assert_eq!(no_role_fourth.answers, [true, true, true, false]);
    assert!(
        five.test_of(&[true; 4]).is_none(),
        "five answers make a test"
    );
    assert!(four.objection_criteria[0].question.contains("degrade"));
    assert!(five.objection_criteria[3].question.contains("necessarily"));
    assert!(
        four.constitution_question
            .contains("processing or adopting")
    );
    assert!(
        five.constitution_question
            .contains("adopting the proposal violate")
    );
}

#[test]
fn entries_logged_before_reasons_and_representation_were_recorded_still_read() {
    let old = [
        r#"{"type":"abandoned","objection":0}"#,
        r#"{"type":"ended","outcome":{"outcome":"dropped"}}"#,
        r#"{"type":"objected","attendee":1,"role":null,"text":"No"}"#,
        r#"{"type":"framed","tension":"T","example":"E","role":null}"#,
        r#"{"type":"validity_tested","answers":[true,false]}"#,
    ];
    let read: Vec<IdmEvent> = old
        .iter()
        .map(|json| serde_json::from_str(json).expect(json))
        .collect();
    assert_eq!(
        read[0],
        IdmEvent::Abandoned {
            objection: 0,
            reason: String::new()
        }
    );
    assert_eq!(
        read[1],
        IdmEvent::Ended {
            outcome: Outcome::Dropped {
                reason: String::new()
            }
        }
    );
    assert_eq!(
        Outcome::Dropped {
            reason: String::new()
        }
        .describe(),
        "dropped"
    );
}

#[test]
fn the_step_after_reactions_is_amend_and_clarify_under_4_1_3_3_5_d_and_option_to_clarify_under_5_0_5_4_5_d()
 {
    assert_eq!(
        IdmStep::Amend.title_under(RuleSet::Holacracy41),
        "Amend and clarify"
    );
    assert_eq!(
        IdmStep::Amend.title_under(RuleSet::Holacracy50),
        "Option to clarify"
    );
    assert_eq!(
        IdmStep::Object.title_under(RuleSet::Holacracy50),
        "Objection round"
    );
}
