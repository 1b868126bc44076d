//! Requests for updates on a project, through the progress step's keys, per rule set:
//! 4.1 §4.2.3(d) "if another Circle Member explicitly requested updates on a specific
//! Project, that one must be included until it's either completed or dropped"; 5.0 §2.1(f)
//! "If requested, you must continue to share these updates regularly, until you determine
//! they are no longer useful".

mod common;

use chrono::{FixedOffset, TimeZone};
use common::Harness;
use ratatui::crossterm::event::KeyCode::{Char, Enter, Right, Up};
use roundtable::domain::ProjectId;
use roundtable::domain::meeting::tactical::{ProgressItem, Step};
use roundtable::domain::minutes::Minutes;
use roundtable::export::{self, Format};

const BAKEHOUSE: usize = 1;

/// The progress step, on its first project (under 4.1 the roles' accountabilities are rows
/// too).
fn to_progress(h: &mut Harness) {
    h.start_tactical(BAKEHOUSE, &[]);
    while h.meeting().state.step != Step::Progress {
        h.press(Char('>'));
    }
    let state = &h.meeting().state;
    let first = ProgressItem::Project(state.projects[0]);
    let at = state.progress.iter().position(|p| *p == first);
    h.press_n(Right, at.expect("the project is a row"));
}

/// The first project of the progress step, and the name of a member who may ask on it.
fn first_project(h: &Harness) -> (ProjectId, String) {
    let org = h.app.view().org.clone().expect("org");
    let state = &h.meeting().state;
    let project = state.projects[0];
    let asker = state.update_askers(&org, project)[0];
    (project, state.name_of(asker).to_string())
}

/// In progress with `a`: `asker` asks for updates on the first project.
fn asked(h: &mut Harness) -> String {
    to_progress(h);
    let (_, asker) = first_project(h);
    h.press(Char('a')).choose(&asker);
    asker
}

#[test]
fn four_one_4_2_3_d_a_requested_project_must_be_reported_on_in_every_meeting() {
    let mut h = Harness::demo_under_four_one();
    let asker = asked(&mut h);
    let screen = h.screen(120, 30);
    assert!(
        screen.contains(&format!("requested by {asker}")),
        "{screen}"
    );
    assert!(screen.contains("1 requested"), "{screen}");
    h.press(Char('n'));
    let status = h.status().unwrap_or_default();
    assert!(status.contains("4.1 §4.2.3(d)"), "{status}");
    assert!(h.meeting().state.updates.is_empty());
    // The filler cannot end it: only completing or dropping the project does.
    h.press(Char('x'));
    let status = h.status().unwrap_or_default();
    assert!(status.contains("completed or dropped"), "{status}");
    // The next meeting asks for it again.
    h.press(Char('e')).press(Char('y')).press(Char('q'));
    h.press_n(Up, 50);
    to_progress(&mut h);
    let screen = h.screen(120, 30);
    assert!(
        screen.contains(&format!("requested by {asker}")),
        "{screen}"
    );
    h.press(Enter).enter_text("The oven is ordered");
    assert_eq!(h.meeting().state.updates.len(), 1);
}

#[test]
fn four_one_4_2_3_d_the_project_s_filler_does_not_request_updates_on_it() {
    let mut h = Harness::demo_under_four_one();
    to_progress(&mut h);
    let org = h.app.view().org.clone().expect("org");
    let state = &h.meeting().state;
    let (project, _) = first_project(&h);
    let role = org.project(project).expect("project").role;
    let filler = org.fillers_of(role).next().expect("a filler").person;
    let at = state
        .attendees
        .iter()
        .position(|a| a.person == Some(filler));
    let askers = state.update_askers(&org, project);
    assert!(at.is_some_and(|at| !askers.contains(&at)), "{askers:?}");
}

#[test]
fn every_format_of_the_minutes_says_who_requested_updates() {
    let mut h = Harness::demo_under_four_one();
    let asker = asked(&mut h);
    h.press(Enter).enter_text("Quotes are in");
    let org = h.app.view().org.clone().expect("org");
    let minutes = Minutes::tactical(h.meeting().meeting, &h.meeting().state, &org);
    assert_eq!(
        minutes.projects[0].requested_by.as_deref(),
        Some(asker.as_str())
    );
    let now = FixedOffset::east_opt(0)
        .expect("UTC")
        .with_ymd_and_hms(2026, 11, 24, 12, 0, 0)
        .single()
        .expect("a time");
    for format in Format::ALL.into_iter().filter(|f| *f != Format::Json) {
        let text = export::minutes(&minutes, format, now);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            text.contains(&format!("updates requested by {asker}"))
                && text.contains(&format!("{asker} requested updates on")),
            "{format:?}:\n{text}"
        );
    }
    let json = export::minutes(&minutes, Format::Json, now);
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(value["projects"][0]["requested_by"], asker.as_str());
    assert_eq!(value["update_requests"][0]["by"], asker.as_str());
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../docs/minutes.schema.json")).expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("a JSON Schema");
    assert!(validator.is_valid(&value), "{value}");
}

#[test]
fn five_o_2_1_f_the_filler_ends_requested_updates_no_longer_useful() {
    let mut h = Harness::demo();
    let asker = asked(&mut h);
    h.press(Char('n'));
    let status = h.status().unwrap_or_default();
    assert!(status.contains("5.0 §2.1(f)"), "{status}");
    h.press(Char('x'));
    let org = h.app.view().org.clone().expect("org");
    let (project, _) = first_project(&h);
    assert!(org.update_request(project).is_none());
    let screen = h.screen(120, 30);
    assert!(
        !screen.contains(&format!("requested by {asker}")),
        "{screen}"
    );
    let minutes = Minutes::tactical(h.meeting().meeting, &h.meeting().state, &org);
    assert!(
        minutes.update_requests[1].ended,
        "{:?}",
        minutes.update_requests
    );
    // Taking the end back restores the request.
    h.press(Char('u')).press(Char('y'));
    let org = h.app.view().org.clone().expect("org");
    assert!(org.update_request(project).is_some());
}
