//! The guided solo review, key by key: entries at every kind of stop written into the
//! organisation, the summary, resuming after an interruption, and a tension offered to the
//! next tactical meeting of its circle.

mod common;

use common::Harness;
use insta::assert_snapshot;
use ratatui::crossterm::event::KeyCode::{self, Char, Enter, Left, Right};
use roundtable::app::Screen;
use roundtable::domain::ProjectStatus;
use roundtable::domain::review::Stop;
use roundtable::ui::Modal;

fn review(h: &Harness) -> &roundtable::app::ReviewScreen {
    match &h.app.view().screen {
        Screen::Review(r) => r,
        _ => panic!("no review; screen:\n{}", h.screen(100, 30)),
    }
}

/// Presses → until the review stands on a stop matching `wanted`.
fn go_to(h: &mut Harness, wanted: impl Fn(Stop) -> bool) {
    for _ in 0..100 {
        if wanted(review(h).state.stop()) {
            return;
        }
        h.press(Right);
    }
    panic!("no such stop");
}

/// Picks `name` in home's "whose roles?" picker.
fn start_review(h: &mut Harness, name: &str) {
    h.press(Char('r'));
    let Screen::Home(home) = &h.app.view().screen else {
        panic!("home")
    };
    let Some(Modal::Picker(p)) = &home.modal else {
        panic!("the person picker")
    };
    let at = p.options.iter().position(|o| o == name).expect("listed");
    h.press_n(KeyCode::Down, at).press(Enter);
}

/// At the tensions stop, `t`: a tension for `circle`'s next tactical meeting, in `text`.
fn note_tension(h: &mut Harness, circle: &str, text: &str) {
    h.press(Char('t'));
    let Some(Modal::Picker(p)) = &review(h).modal else {
        panic!("circle picker")
    };
    let at = p.options.iter().position(|o| o == circle).expect(circle);
    h.press_n(KeyCode::Down, at).press(Enter).enter_text(text);
}

/// How many circles the review's role stops are in.
fn circles_of_the_roles_reviewed(h: &Harness) -> usize {
    let org = h.app.view().org.clone().expect("org");
    let circles: std::collections::HashSet<_> = review(h)
        .state
        .stops
        .iter()
        .filter_map(|s| match s {
            Stop::Role { role } => org.role(*role).map(|r| r.circle),
            _ => None,
        })
        .collect();
    circles.len()
}

/// What Mei's review wrote is in the organisation (the next action, the new project, the
/// project done, the tension), and her review is no longer open.
fn meis_entries_are_in_the_organisation(h: &Harness) {
    let org = h.app.view().org.clone().expect("org");
    let records = org.records();
    assert!(
        records
            .next_actions
            .iter()
            .any(|a| a.text == "Draft the December minutes template")
    );
    assert!(
        records
            .projects
            .iter()
            .any(|p| p.title == "Minutes template adopted" && p.status == ProjectStatus::Current)
    );
    assert!(
        records
            .projects
            .iter()
            .any(|p| p.title == "Compostable bags introduced" && p.status == ProjectStatus::Done)
    );
    assert!(
        records
            .tensions
            .iter()
            .any(|t| t.text == "Bags run out on Saturdays" && t.open)
    );
    assert!(
        h.app
            .store()
            .open_review(
                org.people()
                    .iter()
                    .find(|p| p.name == "Mei Chen")
                    .expect("Mei")
                    .id
            )
            .expect("query")
            .is_none()
    );
}

#[test]
fn a_review_for_someone_in_three_circles_writes_each_entry_and_sums_up() {
    let mut h = Harness::demo();
    start_review(&mut h, "Mei Chen");
    assert_snapshot!("review_first_stop_80x24", h.draw(80, 24));
    assert_eq!(circles_of_the_roles_reviewed(&h), 3);
    // An accountability: a next action and a project.
    h.press(Right)
        .press(Char('n'))
        .enter_text("Draft the December minutes template");
    h.press(Char('p')).enter_text("Minutes template adopted");
    // A project: done.
    go_to(&mut h, |s| matches!(s, Stop::Project { .. }));
    h.press(Char('d'));
    // A checklist item.
    go_to(&mut h, |s| matches!(s, Stop::Checklist { .. }));
    h.press(Char('c'));
    // Tensions: one for Shopfront's next tactical meeting.
    go_to(&mut h, |s| s == Stop::Tensions);
    note_tension(&mut h, "Shopfront", "Bags run out on Saturdays");
    h.press(Right);
    let summary = h.screen(100, 40);
    assert!(summary.contains("What changed: 5"), "{summary}");
    h.press(Enter).press(Char('y'));
    assert!(matches!(h.app.view().screen, Screen::Home(_)));
    assert!(h.status().is_some_and(|s| s.contains("5 changes saved")));

    meis_entries_are_in_the_organisation(&h);
}

#[test]
fn a_review_tension_is_offered_in_the_next_tactical_meeting_of_its_circle() {
    let mut h = Harness::demo();
    start_review(&mut h, "Jonas Lindqvist");
    go_to(&mut h, |s| s == Stop::Tensions);
    note_tension(&mut h, "Bakehouse", "Proofing room too cold");
    h.press(Char('q')).press_n(KeyCode::Up, 5);
    h.start_tactical(1, &[]);
    for _ in 0..4 {
        h.press(Char('>'));
    }
    h.press(Char('T'));
    h.choose("Proofing room too cold");
    let item = h.meeting().state.agenda_items().next().expect("an item");
    assert_eq!(item.label, "Proofing room too…");
    assert!(item.tension.is_some());
    // Taken off the agenda, the tension is open again; put back, it is taken up again.
    let open = |h: &Harness| {
        let org = h.app.view().org.clone().expect("org");
        org.records()
            .tensions
            .iter()
            .any(|t| t.open && t.text == "Proofing room too cold")
    };
    assert!(!open(&h));
    h.press(Char('x')).press(Char('y'));
    assert!(open(&h), "the removed item's tension is open again");
    h.press(Char('u')).press(Char('y'));
    assert!(
        !open(&h),
        "putting the item back takes the tension up again"
    );
    assert_eq!(h.meeting().state.agenda_items().count(), 1);
}

#[test]
fn an_interrupted_review_resumes_where_it_was_with_its_entries() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rt.db");
    {
        let mut h = Harness::demo_file(&path);
        start_review(&mut h, "Mei Chen");
        h.press(Right)
            .press(Char('n'))
            .enter_text("Order more boxes");
        h.press(Right).press(Right);
        // Dropped without leaving, as after a kill.
    }
    let mut h = Harness::demo_file(&path);
    start_review(&mut h, "Mei Chen");
    assert!(
        h.status()
            .is_some_and(|s| s.starts_with("Resumed the review"))
    );
    let state = &review(&h).state;
    assert_eq!(state.cursor, 3);
    assert_eq!(state.entries.len(), 1);
    h.press(Left).press(Left).press(Char('u')).press(Char('y'));
    assert!(review(&h).state.entries.is_empty(), "taken back");
    assert!(
        !h.app
            .view()
            .org
            .as_ref()
            .expect("org")
            .records()
            .next_actions
            .iter()
            .any(|a| a.text == "Order more boxes")
    );
}

#[test]
fn a_checklist_stop_answered_shows_its_answer_when_revisited() {
    let mut h = Harness::demo();
    start_review(&mut h, "Mei Chen");
    go_to(&mut h, |s| matches!(s, Stop::Checklist { .. }));
    assert!(h.screen(100, 30).contains("Done for that period?"));
    h.press(Char('x')).press(Left);
    let screen = h.screen(100, 30);
    assert!(
        screen.contains("Answered for that period: ✗ no check"),
        "{screen}"
    );
    assert!(!screen.contains("Done for that period?"), "{screen}");
    // Answered: the hint bar no longer offers to answer it (the review would refuse).
    let bar = screen.lines().last().unwrap_or_default().to_string();
    assert!(!bar.contains("c check"), "{bar}");
    assert!(bar.contains("u undo"), "{bar}");
}

/// The review's checklist stop shows the same history as the tactical checklist: each
/// earlier period dated, the ones nobody answered as gaps.
#[test]
fn a_checklist_stop_shows_its_history_by_period_with_the_gaps() {
    let mut h = Harness::demo();
    h.start_tactical(1, &[]);
    while h.meeting().state.step != roundtable::domain::meeting::tactical::Step::Checklist {
        h.press(Char('>'));
    }
    h.press(Char('c'));
    h.press(Char('e')).press(Char('y')).press(Char('q'));
    // Two weeks on: the week of 23 Nov went by unanswered.
    h.wait(14 * 86_400);
    h.press_n(KeyCode::Up, 50);
    start_review(&mut h, "Jonas Lindqvist");
    let org = h.app.view().org.clone().expect("org");
    go_to(&mut h, |s| match s {
        Stop::Checklist { item, .. } => org
            .checklist_item(item)
            .is_some_and(|c| c.text.starts_with("Sourdough")),
        _ => false,
    });
    let screen = h.screen(120, 30);
    assert!(screen.contains("weekly · week of 30 Nov"), "{screen}");
    assert!(
        screen.contains("Before: 2 Nov ·  9 Nov ·  16 Nov ✓  23 Nov ·"),
        "{screen}"
    );
    // At the 60x16 minimum the oldest periods give way, never the latest.
    let narrow = h.screen(60, 16);
    assert!(narrow.contains("16 Nov ✓  23 Nov ·"), "{narrow}");
}

/// A metric value far outside its history is asked about before the review records it, as
/// the tactical meeting asks; "no" asks for the value again.
#[test]
fn a_metric_value_far_from_its_history_asks_first() {
    let mut h = Harness::demo();
    // A week on, when the loaves of the week just ended are due.
    h.wait(7 * 86_400);
    start_review(&mut h, "Jonas Lindqvist");
    let org = h.app.view().org.clone().expect("org");
    go_to(&mut h, |s| match s {
        Stop::Metric { metric, .. } => org.metric(metric).is_some_and(|m| m.name == "Loaves baked"),
        _ => false,
    });
    h.press(Enter).enter_text("12.5");
    let screen = h.screen(100, 30);
    assert!(
        screen.contains("12.5 is far from this metric's recent values"),
        "{screen}"
    );
    assert!(review(&h).state.entries.is_empty(), "nothing recorded yet");
    h.press(Char('n'));
    assert!(
        matches!(review(&h).modal, Some(Modal::Prompt(_))),
        "the value is asked again"
    );
    h.enter_text("12.5").press(Char('y'));
    assert_eq!(review(&h).state.entries.len(), 1);
}
