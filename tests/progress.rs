//! Progress updates offer waiting projects too: to report on, or to make current again; under
//! 4.1 the accountabilities of the roles as well (§4.2.3(d)).

mod common;

use chrono::{FixedOffset, TimeZone};
use common::Harness;
use ratatui::crossterm::event::KeyCode::{Char, Enter, Right};
use roundtable::domain::ProjectStatus;
use roundtable::domain::meeting::tactical::{ProgressItem, Step, reported_accountabilities};
use roundtable::domain::minutes::Minutes;
use roundtable::export::{self, Format};

const BAKEHOUSE: usize = 1;

#[test]
fn a_waiting_project_is_offered_and_r_makes_it_current_again() {
    let mut h = Harness::demo();
    h.start_tactical(BAKEHOUSE, &[]);
    while h.meeting().state.step != Step::Progress {
        h.press(Char('>'));
    }
    let at = oven_row(&h);
    h.press_n(Right, at);
    assert!(h.screen(80, 24).contains("waiting"));
    h.press(Char('w'));
    assert!(h.status().is_some_and(|s| s.contains("waiting already")));
    h.press(Char('r')).enter_text("The installer has a date");
    let org = h.app.view().org.clone().expect("org");
    let project = org
        .projects_of(org.project(h.meeting().state.projects[at]).expect("p").role)
        .find(|p| p.title == "Second deck oven installed")
        .expect("project");
    assert_eq!(project.status, ProjectStatus::Current);
    let update = h.meeting().state.updates.last().cloned().expect("update");
    assert_eq!(update.status_before, ProjectStatus::Waiting);
}

/// Where the progress updates offer the Bakehouse's waiting project, the deck oven.
fn oven_row(h: &Harness) -> usize {
    let org = h.app.view().org.clone().expect("org");
    h.meeting()
        .state
        .projects
        .iter()
        .position(|&p| {
            org.project(p)
                .is_some_and(|p| p.title == "Second deck oven installed")
        })
        .expect("the waiting project is offered")
}

/// The progress step of the Bakehouse's tactical meeting.
fn to_progress(h: &mut Harness) {
    h.start_tactical(BAKEHOUSE, &[]);
    while h.meeting().state.step != Step::Progress {
        h.press(Char('>'));
    }
}

#[test]
fn four_one_4_2_3_d_progress_is_shared_on_an_accountability_and_minuted() {
    let mut h = Harness::demo_under_four_one();
    to_progress(&mut h);
    let org = h.app.view().org.clone().expect("org");
    let state = &h.meeting().state;
    let (at, role) = state
        .progress
        .iter()
        .enumerate()
        .find_map(|(i, p)| match p {
            ProgressItem::Accountabilities(r) => Some((i, *r)),
            ProgressItem::Project(_) => None,
        })
        .expect("4.1 §4.2.3(d): a role's accountabilities are in the progress updates");
    let text = reported_accountabilities(&org, state.circle, role)[0].clone();
    h.press_n(Right, at);
    let screen = h.screen(100, 30);
    assert!(screen.contains("Projects and accountabilities"), "{screen}");
    assert!(screen.contains("Accountabilities ("), "{screen}");
    // On an accountabilities row only Enter reports: a project's keys are left off the bar.
    let bar = screen.lines().last().unwrap_or_default().to_string();
    assert!(bar.contains("Enter update"), "{bar}");
    for key in ["n no updates", "d done", "w waiting", "r current", "a ask"] {
        assert!(!bar.contains(key), "{key} does nothing here: {bar}");
    }
    h.press(Enter).choose(&format!("  {text}"));
    h.enter_text("Two new suppliers tried");
    assert_eq!(h.meeting().state.accountability_updates.len(), 1);
    let screen = h.screen(200, 40);
    assert!(screen.contains("Two new suppliers tried"), "{screen}");
    let org = h.app.view().org.clone().expect("org");
    let minutes = Minutes::tactical(h.meeting().meeting, &h.meeting().state, &org);
    let now = FixedOffset::east_opt(0)
        .expect("UTC")
        .with_ymd_and_hms(2026, 11, 24, 12, 0, 0)
        .single()
        .expect("a time");
    for format in Format::ALL.into_iter().filter(|f| *f != Format::Json) {
        let out = export::minutes(&minutes, format, now);
        let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            out.contains("Progress on accountabilities") && out.contains("Two new suppliers tried"),
            "{format:?}:\n{out}"
        );
    }
    let json = export::minutes(&minutes, Format::Json, now);
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(
        value["accountabilities"][0]["accountability"],
        text.as_str()
    );
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../docs/minutes.schema.json")).expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("a JSON Schema");
    assert!(validator.is_valid(&value), "{value}");
}

#[test]
fn five_o_3_2_d_progress_lists_projects_only() {
    let mut h = Harness::demo();
    to_progress(&mut h);
    let state = &h.meeting().state;
    assert!(
        state
            .progress
            .iter()
            .all(|p| matches!(p, ProgressItem::Project(_)))
    );
    assert!(h.screen(100, 30).contains("Current and waiting projects"));
}

/// A status moved since (here in the last meeting) is said in the next meeting's progress
/// updates, until someone reports: "was waiting; current since …" (issue 15: a project's
/// status change shows in progress updates).
#[test]
fn the_next_meeting_shows_when_a_project_last_changed_status_and_from_what() {
    let mut h = Harness::demo();
    to_progress(&mut h);
    let at = oven_row(&h);
    h.press_n(Right, at);
    h.press(Char('r')).enter_text("The installer has a date");
    for c in ['e', 'y', 'q'] {
        h.press(Char(c));
    }
    h.wait(86_400);
    // Home keeps the Bakehouse selected: its next meeting.
    h.press(Char('t'));
    h.press(Enter);
    while h.meeting().state.step != Step::Progress {
        h.press(Char('>'));
    }
    let screen = h.screen(200, 40);
    let row = screen
        .lines()
        .find(|l| l.contains("Second deck oven installed"))
        .unwrap_or_default();
    assert!(row.contains("was waiting; current since"), "{screen}");
}
