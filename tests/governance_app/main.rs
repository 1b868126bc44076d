//! Governance meetings driven key by key as a facilitator would, with only the keys the
//! screens offer: a whole Bakehouse meeting that adopts a role through an objection tested
//! valid and integrated and elects a Secretary; an invalid objection that does not block; a
//! meeting killed mid-integration and resumed; taking an adoption back; bad changes refused.
//! The agenda (tensions taken up, items reordered and removed), the scheduled end and
//! resuming from the past meetings are in `agenda`.

mod agenda;
#[path = "../common/mod.rs"]
mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode::{Char, Down, Enter, Esc, Right};
use roundtable::app::Screen;
use roundtable::domain::meeting::governance::{GovStep, IdmStep, Outcome};
use roundtable::domain::{CoreRole, Organisation};

const BAKEHOUSE: usize = 1;

fn org(h: &Harness) -> std::sync::Arc<Organisation> {
    h.app.view().org.clone().expect("org")
}

fn bakehouse_role(h: &Harness, name: &str) -> Option<roundtable::domain::Role> {
    let org = org(h);
    let circle = org.circle_named("Bakehouse").expect("Bakehouse").id;
    org.roles_in(circle).find(|r| r.name == name).cloned()
}

/// The value of the text prompt open over the governance meeting, if any.
fn gov_prompt(h: &Harness) -> Option<String> {
    match &h.governance().modal {
        Some(roundtable::ui::Modal::Prompt(p)) => Some(p.value()),
        _ => None,
    }
}

fn proposal(h: &Harness) -> roundtable::domain::meeting::governance::Proposal {
    h.governance()
        .state
        .current_item()
        .and_then(|i| i.proposal.clone())
        .expect("a proposal on screen")
}

/// Check-in, then an agenda of a proposal by Kwame ("Waste") and a Secretary election, which
/// someone asks to go first; leaves the meeting processing the election.
fn up_to_items(h: &mut Harness) {
    h.start_governance(BAKEHOUSE);
    assert_eq!(h.governance().state.step, GovStep::CheckIn);
    h.press(Enter).enter_text("Ready");
    h.press(Char('>'));
    h.press(Char('a'))
        .choose("A proposal")
        .enter_text("Waste")
        .choose("Kwame Mensah");
    h.press(Char('a')).choose("An election of the Secretary");
    h.press(Right).press(Char('f')).choose("Mei Chen");
    h.press(Char('>'));
    assert_eq!(h.governance().state.step, GovStep::Items);
    // The election describes the role first; its term is offered a year ahead.
    let described = h.screen(100, 30);
    assert!(
        described.contains("Purpose:") && described.contains("Enter sets the term's end"),
        "{described}"
    );
    h.press(Enter).enter_text("");
}

/// Frames Kwame's proposal and writes its first version: a new Waste Tracker role.
fn frame_and_draft(h: &mut Harness) {
    h.press(Enter)
        .enter_text("Too much bread thrown away")
        .enter_text("Forty loaves last Friday")
        .choose("Ovens and Equipment Keeper");
    h.press(Char('c'))
        .choose("Create a role")
        .enter_text("Waste Tracker")
        .enter_text("Bread that is baked gets eaten")
        .enter_text("Waste log")
        .enter_text("Weighing unsold bread daily; Reporting waste weekly")
        .choose("Save");
    assert_eq!(proposal(h).versions.len(), 1, "{:?}", h.status());
}

/// Takes the proposal through questions, a reaction and amend to the objection round.
fn to_objections(h: &mut Harness) {
    h.press(Char('n'));
    h.press(Enter)
        .enter_text("Who weighs on Sundays?")
        .enter_text("");
    h.press(Char('n'));
    h.press(Enter).enter_text("Good idea");
    h.press(Char('n')).press(Char('n'));
    assert_eq!(proposal(h).step, IdmStep::Object);
}

#[test]
fn a_whole_meeting_adopts_a_role_through_an_integrated_objection_and_elects_a_secretary() {
    let mut h = Harness::demo();
    up_to_items(&mut h);
    elif_is_elected_secretary_on_a_tie_given_to_the_incumbent(&mut h);
    mei_objects_and_her_objection_tests_valid(&mut h);
    a_policy_integrates_the_objection_and_version_2_is_adopted(&mut h);
    the_record_holds_the_role_its_history_the_policy_and_the_secretary(&mut h);
    // Closing round, then the end: the minutes tell it all.
    h.press(Char('>')).press(Char('e')).press(Char('y'));
    let Screen::Minutes(m) = &h.app.view().screen else {
        panic!("no minutes:\n{}", h.screen(100, 30));
    };
    let text = format!("{:?}", m.minutes);
    assert!(text.contains("adopted (version 2)"), "{text}");
    assert!(text.contains("Nobody weighs on Sundays"), "{text}");
    // The election's result is in the role's history, in the browser.
    h.press(Esc).press(Enter);
    for _ in 0..60 {
        if h.selected_name().as_deref() == Some("Secretary")
            && h.screen(100, 90).contains("Elif Yılmaz elected")
        {
            break;
        }
        h.press(Down);
    }
    let details = h.screen(100, 90);
    assert!(
        details.contains("Elections and changes, newest first")
            && details.contains("2026-11-24 09:00: Elif Yılmaz elected (term to"),
        "{details}"
    );
}

/// The election went first: six ballots, three each for Elif and Tomasz, read with their
/// reasons; nobody changes; under 5.0 the facilitator gives the tie to the incumbent, Elif
/// (§5.3.5(e)(ii)).
fn elif_is_elected_secretary_on_a_tie_given_to_the_incumbent(h: &mut Harness) {
    for nominee in ["Elif", "Elif", "Elif", "Tomasz", "Tomasz", "Tomasz"] {
        h.press(Enter);
        let voter = match &h.governance().modal {
            Some(roundtable::ui::Modal::Picker(p)) => p.options[0].clone(),
            _ => panic!("no voter picker"),
        };
        h.choose(&voter).choose(nominee);
    }
    let ballots = h.screen(100, 30);
    assert!(
        ballots.contains("Ballots in: 6 of 6 (hidden until read)") && !ballots.contains("→ Elif"),
        "{ballots}"
    );
    h.press(Char('n'));
    for _ in 0..6 {
        h.press(Enter).enter_text("Steady and careful");
    }
    h.press(Char('n'));
    // The change round asks each in turn: nobody changes.
    for _ in 0..6 {
        h.press(Enter);
    }
    h.press(Char('n'));
    // A tie: under 5.0 the facilitator may give it to the incumbent, Elif (§5.3.5(e)(ii)).
    h.press(Enter);
    let options = match &h.governance().modal {
        Some(roundtable::ui::Modal::Picker(p)) => p.options.clone(),
        _ => panic!("no tie options"),
    };
    assert!(
        options[0].starts_with("The incumbent: Elif")
            && options[0].ends_with("(5.0 §5.3.5(e)(ii))"),
        "{options:?}"
    );
    h.choose("The incumbent");
    let count = h.screen(100, 30);
    assert!(
        count.contains("Proposed: Elif Yılmaz (tie broken by the incumbent)"),
        "{count}"
    );
    assert!(count.contains("████"), "the count is a bar chart:\n{count}");
    for _ in 0..6 {
        h.press(Enter);
    }
    h.press(Char('a')).press(Char('y'));
    assert_eq!(
        h.status().as_deref(),
        Some("Elected: the role is assigned with its term.")
    );
}

/// The proposal: framed, drafted, questions, a reaction, then the objection round, where
/// Mei objects and her objection, tested valid, blocks adoption.
fn mei_objects_and_her_objection_tests_valid(h: &mut Harness) {
    h.press(Right);
    frame_and_draft(h);
    to_objections(h);
    // Four have no objection; Mei objects; Kwame, the proposer, is asked last.
    h.press(Enter).press(Enter).press(Enter).press(Enter);
    h.press(Char('x'))
        .enter_text("Nobody weighs on Sundays")
        .choose("Ingredients Buyer");
    h.press(Enter);
    // Tested valid: all four questions answered with an argument, no constitution breach.
    h.press(Char('w'));
    for answer in ['y', 'y', 'y', 'y', 'n'] {
        h.press(Char(answer));
    }
    assert!(proposal(h).objections[0].blocks());
    h.press(Char('a'));
    assert!(h.status().is_some_and(|s| s.starts_with("Not adoptable")));
}

/// Integration: a policy is added (version 2), both confirm, a new round adopts it.
fn a_policy_integrates_the_objection_and_version_2_is_adopted(h: &mut Harness) {
    h.press(Char('n'));
    assert_eq!(proposal(h).step, IdmStep::Integrate);
    h.press(Char('c'))
        .choose("Create a policy")
        .enter_text("Sunday weighing")
        .enter_text("The Ovens Keeper weighs unsold bread on Sundays.")
        .choose("Save as version 2");
    let diff = h.screen(100, 40);
    assert!(diff.contains("What version 2 changed:"), "{diff}");
    assert!(
        diff.contains("+ Create policy Sunday weighing: The Ovens Keeper weighs"),
        "{diff}"
    );
    h.press(Char('o')).press(Char('p'));
    h.press(Char('n'));
    assert_eq!(proposal(h).round, 2);
    for _ in 0..6 {
        h.press(Enter);
    }
    h.press(Char('a')).press(Char('y'));
    assert_eq!(proposal(h).outcome, Some(Outcome::Adopted { version: 2 }));
}

/// The governance record changed in the same entry: the role, its history, the policy, and
/// the Secretary elected with her term.
fn the_record_holds_the_role_its_history_the_policy_and_the_secretary(h: &mut Harness) {
    let role = bakehouse_role(h, "Waste Tracker").expect("the new role");
    assert_eq!(
        role.accountabilities,
        ["Weighing unsold bread daily", "Reporting waste weekly"]
    );
    let history = h.app.store().role_history(role.id).expect("history");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].meeting, Some(h.governance().meeting));
    let org = org(h);
    let versions: Vec<_> = org.history_of(role.id).collect();
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0].proposal.as_deref(), Some("Waste"));
    let circle = org.circle_named("Bakehouse").expect("Bakehouse").id;
    assert!(org.policies_of(circle).any(|p| p.name == "Sunday weighing"));
    let secretary = org
        .core_role(circle, CoreRole::Secretary)
        .expect("secretary");
    let filler = org.fillers_of(secretary.id).next().expect("filled");
    assert_eq!(org.person_name(filler.person), "Elif Yılmaz");
    assert_eq!(
        filler.term_end.map(|d| d.to_string()).as_deref(),
        Some("2027-11-24")
    );
}

#[test]
fn an_invalid_objection_stays_in_the_record_and_does_not_block_adoption() {
    let mut h = Harness::demo();
    up_to_items(&mut h);
    h.press(Right);
    frame_and_draft(&mut h);
    to_objections(&mut h);
    h.press(Char('x'))
        .enter_text("I prefer another name")
        .choose("No role named");
    // With no role named the role question is answered "no" for the facilitator.
    h.press(Char('w'));
    for answer in ['n', 'y', 'y', 'n'] {
        h.press(Char(answer));
    }
    assert!(
        h.status()
            .is_some_and(|s| s.starts_with("Invalid objection"))
    );
    for _ in 0..5 {
        h.press(Enter);
    }
    h.press(Char('a')).press(Char('y'));
    assert_eq!(proposal(&h).outcome, Some(Outcome::Adopted { version: 1 }));
    assert_eq!(proposal(&h).objections.len(), 1);
    assert!(bakehouse_role(&h, "Waste Tracker").is_some());
}

#[test]
fn taking_an_adoption_back_takes_the_role_out_of_the_record_again() {
    let mut h = Harness::demo();
    up_to_items(&mut h);
    h.press(Right);
    frame_and_draft(&mut h);
    to_objections(&mut h);
    for _ in 0..6 {
        h.press(Enter);
    }
    h.press(Char('a')).press(Char('y'));
    assert!(bakehouse_role(&h, "Waste Tracker").is_some());
    h.press(Char('u'));
    let question = h.screen(100, 30);
    assert!(question.contains("the adoption"), "{question}");
    h.press(Char('y'));
    assert!(bakehouse_role(&h, "Waste Tracker").is_none());
    assert_eq!(proposal(&h).outcome, None);
}

#[test]
fn a_change_the_circle_does_not_allow_is_refused_when_added_and_nothing_is_lost() {
    let mut h = Harness::demo();
    up_to_items(&mut h);
    h.press(Right);
    // A name the circle has already is refused as soon as it is typed, not after the
    // purpose, domains and accountabilities, and the prompt keeps it to correct.
    h.press(Char('c'))
        .choose("Create a role")
        .enter_text("Head Baker");
    assert!(
        h.status()
            .is_some_and(|s| s.contains("The circle already has a role named \"Head Baker\"")),
        "{:?}",
        h.status()
    );
    assert_eq!(gov_prompt(&h).as_deref(), Some("Head Baker"));
    // Esc: the editor is open again with nothing added; a core role cannot be removed either.
    h.press(ratatui::crossterm::event::KeyCode::Esc);
    h.choose("Remove a role");
    let options = match &h.governance().modal {
        Some(roundtable::ui::Modal::Picker(p)) => p.options.clone(),
        _ => panic!("no picker"),
    };
    assert!(!options.iter().any(|o| o == "Facilitator"), "{options:?}");
    h.press(ratatui::crossterm::event::KeyCode::Esc)
        .press(ratatui::crossterm::event::KeyCode::Esc);
    assert_eq!(h.governance().editing.as_deref(), Some(&[][..]));
    assert!(proposal(&h).versions.is_empty());
}

/// A second role of a name the proposal already creates is refused at its name, saying it
/// is this proposal's (the circle has no such role yet), with the typed name kept.
#[test]
fn a_role_named_like_one_this_proposal_creates_is_refused_at_its_name() {
    let mut h = Harness::demo();
    up_to_items(&mut h);
    h.press(Right);
    h.press(Char('c'))
        .choose("Create a role")
        .enter_text("Copywriter")
        .enter_text("Words that sell bread")
        .enter_text("")
        .enter_text("Writing the menu");
    h.choose("Create a role").enter_text("copywriter");
    let said = h.status().unwrap_or_default();
    assert!(
        said.contains("This proposal already has a role named \"copywriter\""),
        "{said}"
    );
    assert!(!said.contains("The circle already"), "{said}");
    assert_eq!(gov_prompt(&h).as_deref(), Some("copywriter"));
    assert_eq!(h.governance().editing.as_ref().map(Vec::len), Some(1));
}

#[test]
fn a_meeting_killed_mid_integration_resumes_exactly_where_it_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rt.db");
    {
        let mut h = Harness::demo_file(&path);
        up_to_items(&mut h);
        h.press(Right);
        frame_and_draft(&mut h);
        to_objections(&mut h);
        h.press(Enter).press(Enter).press(Enter).press(Enter);
        h.press(Char('x'))
            .enter_text("Sundays")
            .choose("No role named");
        h.press(Enter).press(Char('w'));
        for answer in ['y', 'y', 'y', 'y', 'n'] {
            h.press(Char(answer));
        }
        h.press(Char('n')).press(Char('o'));
        // Dropped without a goodbye, as a kill -9 would.
    }
    let mut h = Harness::demo_file(&path);
    h.press_n(ratatui::crossterm::event::KeyCode::Down, BAKEHOUSE)
        .press(Char('g'));
    let p = proposal(&h);
    assert_eq!(p.step, IdmStep::Integrate);
    assert!(p.objections[0].objector_confirmed && !p.objections[0].proposer_confirmed);
    assert!(h.status().is_some_and(|s| s.starts_with("Resumed")));
    h.press(Char('p')).press(Char('n'));
    for _ in 0..6 {
        h.press(Enter);
    }
    h.press(Char('a')).press(Char('y'));
    assert!(bakehouse_role(&h, "Waste Tracker").is_some());
}

#[test]
fn under_four_one_concerns_are_raised_no_time_out_is_taken_and_the_lead_link_is_not_elected() {
    let mut h = Harness::demo_under_four_one();
    h.start_governance(BAKEHOUSE);
    let strip = h.screen(100, 30);
    assert!(strip.contains("Admin"), "{strip}");
    h.press(Char('T'));
    assert!(
        h.status()
            .is_some_and(|s| s.contains("Under holacracy-4.1 there are no time outs")),
        "{:?}",
        h.status()
    );
    h.press(Char('>'));
    assert_eq!(h.governance().state.step, GovStep::AdminConcerns);
    h.press(Enter)
        .choose("Tomasz Nowak")
        .enter_text("Leaves at four");
    let concerns = h.screen(100, 30);
    assert!(
        concerns.contains("Tomasz Nowak: Leaves at four"),
        "{concerns}"
    );
    h.press(Char('>'));
    h.press(Char('a')).choose("An election of the Facilitator");
    h.press(Char('>'));
    h.press(Enter).enter_text("");
    let org = org(&h);
    let circle = org.circle_named("Bakehouse").expect("Bakehouse").id;
    let lead = org.core_role(circle, CoreRole::Lead).expect("lead link");
    let lead = org
        .person_name(org.fillers_of(lead.id).next().expect("filled").person)
        .to_string();
    h.press(Enter);
    let voter = match &h.governance().modal {
        Some(roundtable::ui::Modal::Picker(p)) => p.options[0].clone(),
        _ => panic!("no voter picker"),
    };
    h.choose(&voter);
    let nominees = match &h.governance().modal {
        Some(roundtable::ui::Modal::Picker(p)) => p.options.clone(),
        _ => panic!("no nominee picker"),
    };
    let marked =
        format!("{lead} — not eligible: the Lead Link cannot be elected Facilitator (4.1 §2.5.1)");
    assert!(nominees.contains(&marked), "{nominees:?}");
    h.choose(&lead);
    assert!(
        h.status()
            .is_some_and(|s| s.contains("the Lead Link cannot be elected Facilitator (4.1 §2.5.1)")),
        "{:?}",
        h.status()
    );
    let election = h
        .governance()
        .state
        .current_item()
        .and_then(|i| i.election.clone())
        .expect("election");
    assert!(election.ballots.is_empty());
}

#[test]
fn saving_a_version_that_changes_nothing_is_refused() {
    let mut h = Harness::demo();
    up_to_items(&mut h);
    h.press(Right);
    frame_and_draft(&mut h);
    h.press_n(Char('n'), 3);
    h.press(Char('c')).choose("Save as version 2");
    assert!(
        h.status()
            .is_some_and(|s| s.starts_with("Nothing changed from the current version")),
        "{:?}",
        h.status()
    );
    assert_eq!(proposal(&h).versions.len(), 1);
}

#[test]
fn esc_stops_an_objection_test_without_recording_it() {
    let mut h = Harness::demo();
    up_to_items(&mut h);
    h.press(Right);
    frame_and_draft(&mut h);
    to_objections(&mut h);
    h.press(Char('x'))
        .enter_text("Too soon")
        .choose("No role named");
    h.press(Char('w')).press(Char('y')).press(Char('y'));
    h.press(ratatui::crossterm::event::KeyCode::Esc);
    assert_eq!(
        h.status().as_deref(),
        Some("Stopped: nothing was recorded.")
    );
    assert_eq!(proposal(&h).objections[0].test, None);
    assert!(h.governance().modal.is_none());
}

#[test]
fn under_five_a_role_moves_into_a_sub_circle() {
    let mut h = Harness::demo();
    h.start_governance(0);
    h.press(Char('>'))
        .press(Char('a'))
        .choose("A proposal")
        .enter_text("Wholesale")
        .choose("Amara");
    h.press(Char('>'));
    h.press(Char('c'))
        .choose("Move a role")
        .choose("Wholesale Accounts")
        .choose("Shopfront")
        .choose("Save");
    h.press_n(Char('n'), 4);
    let present = h.governance().state.present().len();
    h.press_n(Enter, present);
    let bar = h.screen(100, 30);
    let bar = bar.lines().last().unwrap_or_default();
    assert!(
        !bar.contains("no objection") && bar.contains("a adopt"),
        "once everyone answered, the answer keys are left off: {bar}"
    );
    h.press(Char('a')).press(Char('y'));
    let org = org(&h);
    let role = org
        .records()
        .roles
        .iter()
        .find(|r| r.name == "Wholesale Accounts")
        .expect("role");
    assert_eq!(
        org.circle(role.circle).map(|c| c.name.as_str()),
        Some("Shopfront")
    );
}
