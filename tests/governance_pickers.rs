//! A governance picker open while another program changes the organisation: it is asked
//! again (offering what stands) when those changes are taken in, and a pick of something
//! removed meanwhile is refused in one plain line, with nothing added.

mod common;

use common::{Harness, elsewhere};
use ratatui::crossterm::event::KeyCode::{Char, Down, Enter, Up};
use roundtable::domain::meeting::governance::GovStep;
use roundtable::ui::Modal;

const ANCHOR: usize = 0;

/// The anchor circle's governance meeting, processing a proposal, with the proposal editor's
/// "which role moves?" picker open: it offers the sub-circles' roles too (4.1 §2.6.1; 5.0
/// §5.2(d)), Bakehouse's among them.
fn moving_a_role(h: &mut Harness) {
    h.start_governance(ANCHOR);
    while h.governance().state.step != GovStep::Agenda {
        h.press(Char('>'));
    }
    h.press(Char('a'))
        .choose("A proposal")
        .enter_text("Tasting")
        .press(Enter);
    while h.governance().state.step != GovStep::Items {
        h.press(Char('>'));
    }
    h.press(Char('c'))
        .choose("Move a role into or out of a sub-circle");
    assert!(h.screen(100, 30).contains("Which role?"));
}

/// The open picker's options, and the one selected.
fn picker(h: &Harness) -> (Vec<String>, String) {
    match &h.governance().modal {
        Some(Modal::Picker(p)) => (p.options.clone(), p.options[p.selected].clone()),
        _ => panic!("no picker:\n{}", h.screen(100, 30)),
    }
}

/// Selects the option that starts with `label`, without choosing it.
fn select(h: &mut Harness, label: &str) {
    let (options, _) = picker(h);
    let at = options.iter().position(|o| o.starts_with(label));
    let at = at.unwrap_or_else(|| panic!("no option {label} in {options:?}"));
    h.press_n(Up, options.len()).press_n(Down, at);
}

#[test]
fn an_open_role_picker_of_the_proposal_editor_loses_a_role_removed_elsewhere() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.db");
    let mut h = Harness::demo_file(&path);
    elsewhere::sommelier_adopted(&path);
    moving_a_role(&mut h);
    let (options, _) = picker(&h);
    assert!(
        options.iter().any(|o| o.starts_with("Bread Sommelier")),
        "the role adopted elsewhere is offered: {options:?}"
    );
    let kept = options
        .iter()
        .find(|o| !o.starts_with("Bread Sommelier"))
        .cloned()
        .expect("another role");
    select(&mut h, &kept);
    elsewhere::sommelier_removed(&path);
    h.wait(1);
    let (options, selected) = picker(&h);
    assert!(
        !options.iter().any(|o| o.starts_with("Bread Sommelier")),
        "the picker is asked again at the next tick: {options:?}"
    );
    assert_eq!(selected, kept, "and the selection stays where it was");
}

#[test]
fn a_role_removed_elsewhere_meanwhile_is_refused_in_plain_words_and_nothing_is_added() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.db");
    let mut h = Harness::demo_file(&path);
    elsewhere::sommelier_adopted(&path);
    moving_a_role(&mut h);
    select(&mut h, "Bread Sommelier");
    // Removed elsewhere before this program's next tick: the pick is taken on what stands.
    elsewhere::sommelier_removed(&path);
    h.press(Enter);
    assert_eq!(
        h.status().as_deref(),
        Some("Bread Sommelier was removed in another program meanwhile: choose again.")
    );
    let (options, _) = picker(&h);
    assert!(
        !options.iter().any(|o| o.starts_with("Bread Sommelier")),
        "the picker stays open, offering what stands: {options:?}"
    );
    assert_eq!(
        h.governance().editing.as_deref(),
        Some(&[][..]),
        "no change is added"
    );
}
