//! Progress updates offer waiting projects too: to report on, or to make current again.

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode::{Char, Right};
use roundtable::domain::ProjectStatus;
use roundtable::domain::meeting::tactical::Step;

const BAKEHOUSE: usize = 1;

#[test]
fn a_waiting_project_is_offered_and_r_makes_it_current_again() {
    let mut h = Harness::demo();
    h.start_tactical(BAKEHOUSE, &[]);
    while h.meeting().state.step != Step::Progress {
        h.press(Char('>'));
    }
    let org = h.app.view().org.clone().expect("org");
    let at = h
        .meeting()
        .state
        .projects
        .iter()
        .position(|&p| {
            org.project(p)
                .is_some_and(|p| p.title == "Second deck oven installed")
        })
        .expect("the waiting project is offered");
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
