//! What a governance meeting's record keeps (issues 13, 14): the answers of a proposal's
//! validity test, objection tests that show the role named and never find a role-less
//! objection valid on the role question (5.0 §5.3.2(b); 4.1 §3.2.4(d)), the Secretary's ruling
//! on the constitution (5.0 §5.3.3), and rules of integration (d) ending in a drop with the
//! facilitator's reason (5.0 §5.3.4(d)).

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode::Esc;
use ratatui::crossterm::event::KeyCode::{Char, Enter};
use roundtable::domain::meeting::governance::{GovEvent, IdmEvent, IdmStep, Outcome, Proposal};

const BAKEHOUSE: usize = 1;

fn proposal(h: &Harness) -> Proposal {
    h.governance()
        .state
        .current_item()
        .and_then(|i| i.proposal.clone())
        .expect("a proposal on screen")
}

/// A Bakehouse meeting processing Kwame's proposal "Waste", framed and drafted.
fn framed_proposal(h: &mut Harness) {
    h.start_governance(BAKEHOUSE);
    h.press(Char('>'));
    h.press(Char('a'))
        .choose("A proposal")
        .enter_text("Waste")
        .choose("Kwame Mensah");
    h.press(Char('>'));
    h.press(Enter)
        .enter_text("Too much bread thrown away")
        .enter_text("Forty loaves last Friday")
        .choose("Ovens and Equipment Keeper");
    h.press(Char('c'))
        .choose("Create a role")
        .enter_text("Waste Tracker")
        .enter_text("Bread that is baked gets eaten")
        .enter_text("Waste log")
        .enter_text("Weighing unsold bread daily")
        .choose("Save");
}

/// On to the objection round: no questions, no reactions.
fn to_objections(h: &mut Harness) {
    h.press(Char('n'))
        .press(Char('n'))
        .press(Char('n'))
        .press(Char('n'));
    assert_eq!(proposal(h).step, IdmStep::Object);
}

fn last_idm_event(h: &Harness) -> Option<IdmEvent> {
    h.governance()
        .log
        .iter()
        .rev()
        .find_map(|r| match &r.event {
            GovEvent::Proposal { event, .. } => Some(event.clone()),
            _ => None,
        })
}

#[test]
fn the_answers_of_a_validity_test_are_recorded() {
    let mut h = Harness::demo();
    framed_proposal(&mut h);
    h.press(Char('v'))
        .press(Char('y'))
        .press(Char('y'))
        .press(Char('n'));
    assert_eq!(
        last_idm_event(&h),
        Some(IdmEvent::ValidityTested {
            answers: vec![true, true, false],
            exception: None,
        }),
        "recorded at the first no, before asking to discard"
    );
    // Kept: the proposal goes on, the test stays on record; a second test passes.
    h.press(Char('n'));
    h.press(Char('v'))
        .press(Char('y'))
        .press(Char('y'))
        .press(Char('y'));
    let answers: Vec<Vec<bool>> = proposal(&h)
        .validity
        .iter()
        .map(|v| v.answers.clone())
        .collect();
    assert_eq!(answers, [vec![true, true, false], vec![true, true, true]]);
    assert!(proposal(&h).outcome.is_none());
}

#[test]
fn an_objection_test_names_the_role_and_a_role_less_objection_fails_the_role_question() {
    let mut h = Harness::demo();
    framed_proposal(&mut h);
    to_objections(&mut h);
    h.press(Char('x'))
        .enter_text("Nobody weighs on Sundays")
        .choose("No role named");
    h.press(Char('w'));
    assert!(
        h.screen(120, 40).contains("No role named"),
        "{}",
        h.screen(120, 40)
    );
    // 5.0 §5.3.2 asks (a) capacity, then (b) the role: answered no for the facilitator.
    h.press(Char('y'));
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("3 of 5") && screen.contains("§5.3.2(b)"),
        "the role question is answered no, with the rule: {screen}"
    );
    h.press(Char('y')).press(Char('y')).press(Char('n'));
    let test = proposal(&h).objections[0].test.expect("tested");
    assert_eq!(test.answers, [true, true, true, false]);
    assert!(!test.valid(), "no role represented: not valid");
}

#[test]
fn an_objection_naming_a_role_shows_it_and_can_be_tested_valid() {
    let mut h = Harness::demo();
    framed_proposal(&mut h);
    to_objections(&mut h);
    h.press(Char('x'))
        .enter_text("Nobody weighs on Sundays")
        .choose("Head Baker");
    h.press(Char('w'));
    assert!(
        h.screen(120, 40).contains("Role named: Head Baker"),
        "{}",
        h.screen(120, 40)
    );
    for answer in ['y', 'y', 'y', 'y', 'n'] {
        h.press(Char(answer));
    }
    assert!(proposal(&h).objections[0].test.is_some_and(|t| t.valid()));
}

/// Jonas objects first, naming `role`; everyone else, Kwame the proposer last, has none.
fn jonas_objects(h: &mut Harness, text: &str, role: &str) {
    framed_proposal(h);
    to_objections(h);
    h.press(Char('x')).enter_text(text).choose(role);
    for _ in 0..5 {
        h.press(Enter);
    }
}

#[test]
fn the_secretary_ruling_the_constitution_unbroken_dismisses_the_objection_5_0_5_3_3() {
    let mut h = Harness::demo();
    jonas_objects(&mut h, "It assigns a project", "No role named");
    // 5.0 order: (a), (b) the role (answered no: none named), (c), (d), then the constitution.
    h.press(Char('w'));
    for answer in ['n', 'n', 'n', 'y'] {
        h.press(Char(answer));
    }
    assert!(
        proposal(&h).objections[0].blocks(),
        "valid on the constitution"
    );
    h.press(Char('s'));
    assert!(h.screen(120, 40).contains("The Secretary's ruling"));
    h.press(Char('n'))
        .enter_text("A role's accountability is governance, not a project");
    let o = &proposal(&h).objections[0];
    assert!(o.dismissed() && !o.blocks());
    let ruling = o.ruling.as_ref().expect("ruled");
    assert_eq!(
        h.governance().state.name_of(ruling.secretary),
        "Elif Yılmaz"
    );
    h.press(Char('a')).press(Char('y'));
    assert!(matches!(
        proposal(&h).outcome,
        Some(Outcome::Adopted { version: 1 })
    ));
}

#[test]
fn a_proposer_without_an_answer_to_an_amended_proposal_is_dropped_with_the_reason_5_0_5_3_4_d() {
    let mut h = Harness::demo();
    jonas_objects(&mut h, "Weighing takes my mornings", "Head Baker");
    h.press(Char('w'));
    for answer in ['y', 'y', 'y', 'y', 'n'] {
        h.press(Char(answer));
    }
    h.press(Char('n'));
    assert_eq!(proposal(&h).step, IdmStep::Integrate);
    h.press(Char('m')).enter_text("Weigh once a week");
    // The proposer has no answer (Esc): the facilitator judges, and drops it with a reason.
    h.press(Char('m')).press(Esc);
    assert!(h.screen(120, 40).contains("Rules of integration (d)"));
    h.press(Char('n'))
        .enter_text("No example where weekly weighing fails");
    assert_eq!(
        proposal(&h).outcome,
        Some(Outcome::Dropped {
            reason: "No example where weekly weighing fails".into()
        })
    );
    let s = &proposal(&h).objections[0].suggestions[0];
    assert_eq!(s.amendment, "Weigh once a week");
    assert_eq!(s.answer, None);
}
