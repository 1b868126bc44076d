//! What the screen says is kept survives a kill: an entry being put together (the open
//! question and every field confirmed before it, the proposal changes being written) comes
//! back when the meeting is resumed by a new program on the same database.

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode::{Char, Down, Enter};
use roundtable::domain::meeting::governance::{GovStep, GovernanceForm};
use roundtable::domain::meeting::tactical::{Form, Step};
use roundtable::store::prelude::*;
use roundtable::ui::Modal;

const BAKEHOUSE: usize = 1;

/// A new program on the file, resuming the Bakehouse meeting of this kind (`t` or `g`).
fn resumed(path: &std::path::Path, key: char) -> Harness {
    let mut h = Harness::demo_file(path);
    h.press_n(Down, BAKEHOUSE).press(Char(key));
    h
}

#[test]
fn an_agenda_item_whose_label_was_confirmed_resumes_at_its_owner_after_a_kill() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rt.db");
    {
        let mut h = Harness::demo_file(&path);
        h.start_tactical(BAKEHOUSE, &[]);
        h.press_n(Char('>'), 4);
        assert_eq!(h.meeting().state.step, Step::Agenda);
        h.press(Char('a')).enter_text("Butter timing");
        assert!(matches!(h.meeting_modal(), Some(Modal::Picker(_))));
        // Dropped without a goodbye, as a kill -9 would.
    }
    let mut h = resumed(&path, 't');
    assert!(
        matches!(&h.meeting().draft, Form::AgendaOwners(label, _) if label == "Butter timing"),
        "the confirmed label is back: {:?}",
        h.meeting().draft
    );
    assert!(
        matches!(h.meeting_modal(), Some(Modal::Picker(p)) if p.title.contains("Butter timing")),
        "and the owner question is open again"
    );
    h.choose("Lucía Fernández");
    let labels: Vec<_> = h
        .meeting()
        .state
        .agenda_items()
        .map(|i| i.label.clone())
        .collect();
    assert_eq!(
        labels,
        ["Butter timing"],
        "the item is added as if never interrupted"
    );
    drop(h);
    let h = resumed(&path, 't');
    assert!(
        h.meeting_modal().is_none() && h.meeting().draft == Form::None,
        "a finished entry is not kept"
    );
}

#[test]
fn proposal_changes_being_written_survive_a_kill_and_can_be_saved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rt.db");
    {
        let mut h = Harness::demo_file(&path);
        h.start_governance(BAKEHOUSE);
        h.press(Char('>'));
        h.press(Char('a'))
            .choose("A proposal")
            .enter_text("Waste")
            .choose("Kwame Mensah");
        h.press(Char('>'));
        assert_eq!(h.governance().state.step, GovStep::Items);
        h.press(Enter)
            .enter_text("Too much bread thrown away")
            .enter_text("Forty loaves last Friday")
            .choose("Ovens and Equipment Keeper");
        h.press(Char('c'))
            .choose("Create a role")
            .enter_text("Waste Tracker")
            .enter_text("Bread that is baked gets eaten")
            .enter_text("Waste log")
            .enter_text("Weighing unsold bread daily");
        let screen = h.screen(100, 30);
        assert!(screen.contains("Waste Tracker"), "{screen}");
    }
    let mut h = resumed(&path, 'g');
    let editing = h.governance().editing.clone().unwrap_or_default();
    assert_eq!(editing.len(), 1, "the change being written is back");
    let screen = h.screen(100, 30);
    assert!(
        screen.contains("Waste Tracker"),
        "and shown as being written:\n{screen}"
    );
    h.choose("Save");
    let versions = h
        .governance()
        .state
        .current_item()
        .and_then(|i| i.proposal.as_ref())
        .map_or(0, |p| p.versions.len());
    assert_eq!(versions, 1, "saved as the proposal's first version");
}

#[test]
fn a_label_being_typed_survives_a_kill_once_the_clock_ticks() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rt.db");
    {
        let mut h = Harness::demo_file(&path);
        h.start_tactical(BAKEHOUSE, &[]);
        h.press_n(Char('>'), 4);
        h.press(Char('a')).type_str("Studio re");
        // The tick after typing stops keeps what is on screen; then a kill -9.
        h.wait(3);
    }
    let h = resumed(&path, 't');
    assert_eq!(
        h.prompt_value().as_deref(),
        Some("Studio re"),
        "the label half typed is back in its field"
    );
}

/// What the version before forms kept while an agenda item's label was being typed: no
/// form, only the open question, whose kind said what was being put together.
const LABEL_KEPT_BEFORE_FORMS: &str = r#"{"screen":"tactical","modal":{"Prompt":{"kind":"AgendaLabel","title":"Agenda item (one or two words)","typed":{"text":"Studio re","cursor":[0,9]}}},"draft":"None"}"#;

#[test]
fn a_label_kept_by_the_version_before_forms_resumes_and_is_added() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rt.db");
    let meeting = {
        let mut h = Harness::demo_file(&path);
        h.start_tactical(BAKEHOUSE, &[]);
        h.press_n(Char('>'), 4);
        h.meeting().meeting
    };
    let mut store = roundtable::store::Store::open(&path).expect("store");
    store
        .keep_draft(meeting, Some(LABEL_KEPT_BEFORE_FORMS))
        .expect("kept");
    drop(store);
    let mut h = resumed(&path, 't');
    assert_eq!(h.meeting().draft, Form::Label, "read as the label's form");
    assert_eq!(h.prompt_value().as_deref(), Some("Studio re"));
    h.type_str("ad").press(Enter).choose("Lucía Fernández");
    let labels: Vec<_> = h
        .meeting()
        .state
        .agenda_items()
        .map(|i| i.label.clone())
        .collect();
    assert_eq!(
        labels,
        ["Studio read"],
        "and added as that version would have"
    );
}

#[test]
fn a_round_note_kept_by_the_version_before_governance_forms_resumes_and_is_recorded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rt.db");
    let meeting = {
        let mut h = Harness::demo_file(&path);
        h.start_governance(BAKEHOUSE);
        h.press(Enter).type_str("Rea");
        h.wait(3);
        h.governance().meeting
    };
    let mut store = roundtable::store::Store::open(&path).expect("store");
    let kept = store.draft(meeting).expect("reads").expect("kept");
    assert!(kept.contains(r#""draft":"Note""#), "{kept}");
    // The version before governance forms kept no form while a round's note was typed, only
    // the prompt: its kind says what was being put together.
    let before = kept.replace(r#""draft":"Note""#, r#""draft":"None""#);
    store.keep_draft(meeting, Some(&before)).expect("kept");
    drop(store);
    let mut h = resumed(&path, 'g');
    assert_eq!(
        h.governance().draft,
        GovernanceForm::Note,
        "read as the note's form"
    );
    h.type_str("dy").press(Enter);
    let notes: Vec<_> = h
        .governance()
        .state
        .rounds
        .notes
        .iter()
        .map(|n| n.text.clone())
        .collect();
    assert_eq!(notes, ["Ready"], "and recorded as that version would have");
}
