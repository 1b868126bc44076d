//! The proposal editor as a form, without a terminal: the menu as the changes being written
//! stand, a new role asked part by part (its name checked at once), a change refused by the
//! circle's rules with the menu asked again, taking a change out, and saving.

use super::super::*;
use super::forms::{asked, at_a_proposal, context, done, options, refused};
use super::run::new_role;
use crate::domain::form::{Answer, Form as _};
use crate::domain::ids::*;
use crate::domain::ruleset::RuleSet;

fn text(t: &str) -> Answer {
    Answer::Text(t.to_string())
}

#[test]
fn the_menu_offers_saving_and_taking_out_only_once_something_is_written() {
    let (run, _) = at_a_proposal(RuleSet::Holacracy50);
    let state = run.state();
    let at = context(&run, &state, Some(&[]));
    let empty = options(GovernanceForm::menu(&at).question(&at));
    assert_eq!(empty.first().map(String::as_str), Some("Create a role"));
    assert_eq!(
        empty.last().map(String::as_str),
        Some("Leave without saving")
    );
    let written = [new_role()];
    let at = context(&run, &state, Some(&written));
    let menu = options(GovernanceForm::menu(&at).question(&at));
    assert_eq!(menu[0], "Save as version 1");
    assert!(menu.iter().any(|o| o.starts_with("Take out: ")), "{menu:?}");
}

#[test]
fn a_new_role_is_asked_part_by_part_then_added_to_what_is_written_and_the_menu_asked_again() {
    let (run, _) = at_a_proposal(RuleSet::Holacracy50);
    let state = run.state();
    let at = context(&run, &state, Some(&[]));
    let name = asked(GovernanceForm::menu(&at).answer(Answer::Pick(0), &at));
    assert_eq!(name, GovernanceForm::NewRoleName);
    let why = refused(name.answer(text("Baker"), &at));
    assert!(
        why.contains("Baker"),
        "a name the circle has is refused at once: {why}"
    );
    let purpose = asked(name.answer(text("Oven Scheduler"), &at));
    let domains = asked(purpose.answer(text("Ovens used well"), &at));
    let accountabilities = asked(domains.answer(text(""), &at));
    let settled = done(accountabilities.answer(text("Scheduling the ovens"), &at));
    assert_eq!(settled.event, None, "nothing is recorded until saved");
    assert_eq!(settled.editing, Editing::Now(vec![new_role()]));
    assert_eq!(
        settled.said,
        Some(Said::Info(
            "Added. Save when the proposal is complete.".into()
        ))
    );
    assert_eq!(settled.then, Then::Menu);
}

#[test]
fn a_change_the_circle_refuses_is_not_added_and_the_menu_says_why() {
    let (run, _) = at_a_proposal(RuleSet::Holacracy50);
    let state = run.state();
    let written = [new_role()];
    let at = context(&run, &state, Some(&written));
    // The same role twice: the second is refused by the circle's rules.
    let form = GovernanceForm::NewRoleAccountabilities(
        "Oven Scheduler".into(),
        "Ovens used well".into(),
        vec![],
    );
    let settled = done(form.answer(text("Scheduling the ovens"), &at));
    assert_eq!(settled.editing, Editing::Kept);
    assert!(matches!(settled.said, Some(Said::Error(_))), "{settled:?}");
    assert_eq!(settled.then, Then::Menu);
}

#[test]
fn taking_a_change_out_leaves_the_rest_and_saving_records_the_next_version() {
    let (run, item) = at_a_proposal(RuleSet::Holacracy50);
    let state = run.state();
    let written = [new_role()];
    let at = context(&run, &state, Some(&written));
    let menu = GovernanceForm::menu(&at);
    let GovernanceForm::Editor(choices) = &menu else {
        panic!("the menu");
    };
    let out = choices
        .iter()
        .position(|c| *c == EditorChoice::TakeOut(0))
        .expect("take out");
    let settled = done(menu.answer(Answer::Pick(out), &at));
    assert_eq!(settled.editing, Editing::Now(vec![]));
    let settled = done(menu.answer(Answer::Pick(0), &at));
    assert_eq!(
        settled.event,
        Some(GovEvent::Proposal {
            item,
            event: IdmEvent::Drafted {
                changes: vec![new_role()]
            }
        })
    );
    assert_eq!(settled.editing, Editing::Left);
    assert_eq!(settled.said, Some(Said::Info("Saved.".into())));
}

#[test]
fn saving_what_the_current_version_already_holds_is_refused() {
    let (mut run, item) = at_a_proposal(RuleSet::Holacracy50);
    run.idm(
        item,
        IdmEvent::Drafted {
            changes: vec![new_role()],
        },
    );
    let state = run.state();
    let written = [new_role()];
    let at = context(&run, &state, Some(&written));
    let settled = done(GovernanceForm::menu(&at).answer(Answer::Pick(0), &at));
    assert_eq!(settled.event, None);
    assert_eq!(
        settled.said,
        Some(Said::Error(
            "Nothing changed from the current version: add, amend or take out a change first."
                .into()
        ))
    );
}

#[test]
fn amending_a_role_asks_its_field_and_starts_from_its_value_as_it_stands() {
    let (run, _) = at_a_proposal(RuleSet::Holacracy50);
    let state = run.state();
    let at = context(&run, &state, Some(&[]));
    let pick = asked(
        GovernanceForm::PickRole(RoleAim::Amend, vec![RoleId(13)]).answer(Answer::Pick(0), &at),
    );
    assert_eq!(pick, GovernanceForm::RoleField(RoleId(13)));
    assert_eq!(
        options(pick.question(&at)),
        ["Name", "Purpose", "Domains", "Accountabilities"]
    );
    let value = asked(pick.answer(Answer::Pick(0), &at));
    let settled = done(value.answer(text("Head Baker"), &at));
    assert_eq!(
        settled.editing,
        Editing::Now(vec![Change::AmendRole {
            role: RoleId(13),
            name: Some("Head Baker".into()),
            purpose: None,
            domains: None,
            accountabilities: None,
        }])
    );
    let cancelled = GovernanceForm::RoleField(RoleId(13)).cancelled(&at);
    assert_eq!(
        done(cancelled).then,
        Then::Menu,
        "a cancel inside the editor goes back to its menu"
    );
}
