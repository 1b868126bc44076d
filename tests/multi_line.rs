//! Texts that may span lines (a policy of two paragraphs, a role's accountabilities, a note)
//! are typed in a multi-line field: Enter saves as in every field, Alt+Enter or Ctrl+J starts
//! a new line, a paste keeps its line breaks. The text is stored with its lines, read back
//! in the minutes and the organisation file, kept through a kill while half typed, and at
//! 60x16 the line being typed stays in view.

mod common;

use chrono::{FixedOffset, TimeZone};
use common::Harness;
use ratatui::crossterm::event::KeyCode::{Char, Down, Enter};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use roundtable::app::Screen;
use roundtable::domain::Organisation;
use roundtable::domain::meeting::governance::{GovStep, Outcome};
use roundtable::domain::meeting::tactical::Step;
use roundtable::export::{self, Format, org::OrgFormat};
use roundtable::ui::Modal;

const BAKEHOUSE: usize = 1;

const FIRST: &str = "Bread not sold by closing time goes to the food bank the same evening.";
const SECOND: &str = "The Ovens and Equipment Keeper weighs what is left, every night.";

fn alt_enter(h: &mut Harness) -> &mut Harness {
    h.app.handle_key(KeyEvent::new(Enter, KeyModifiers::ALT));
    h
}

fn ctrl(h: &mut Harness, c: char) -> &mut Harness {
    h.app
        .handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    h
}

fn org(h: &Harness) -> std::sync::Arc<Organisation> {
    h.app.view().org.clone().expect("org")
}

fn bakehouse_policy(h: &Harness, name: &str) -> Option<String> {
    let org = org(h);
    let circle = org.circle_named("Bakehouse").expect("Bakehouse").id;
    org.policies_of(circle)
        .find(|p| p.name == name)
        .map(|p| p.text.clone())
}

/// The open governance prompt's text, if a prompt is open.
fn gov_prompt(h: &Harness) -> Option<String> {
    match &h.governance().modal {
        Some(Modal::Prompt(p)) => Some(p.value()),
        _ => None,
    }
}

/// A Bakehouse governance meeting processing Kwame's "Waste" proposal, framed, with the
/// editor's "Create a policy" chosen and the policy named: its text is being asked for.
fn policy_text_open(h: &mut Harness) {
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
        .choose("Create a policy")
        .enter_text("Unsold bread");
    assert_eq!(
        gov_prompt(h).as_deref(),
        Some(""),
        "the policy's text is asked"
    );
}

/// Saves the proposal being written, takes it through the rounds with no objection and
/// adopts it, then ends the meeting: the minutes screen.
fn save_adopt_and_end(h: &mut Harness) {
    h.choose("Save");
    for _ in 0..4 {
        h.press(Char('n'));
    }
    // Everyone present answers "no objection" in turn.
    for _ in 0..6 {
        h.press(Enter);
    }
    h.press(Char('a')).press(Char('y'));
    let outcome = h
        .governance()
        .state
        .current_item()
        .and_then(|i| i.proposal.as_ref())
        .and_then(|p| p.outcome.clone());
    assert_eq!(
        outcome,
        Some(Outcome::Adopted { version: 1 }),
        "{:?}\n{}",
        h.status(),
        h.screen(100, 30)
    );
    h.press(Char('>')).press(Char('e')).press(Char('y'));
    assert!(
        matches!(h.app.view().screen, Screen::Minutes(_)),
        "{}",
        h.screen(100, 30)
    );
}

fn minutes(h: &Harness, format: Format) -> String {
    let Screen::Minutes(m) = &h.app.view().screen else {
        panic!("no minutes:\n{}", h.screen(100, 30));
    };
    let now = FixedOffset::east_opt(0)
        .expect("UTC")
        .with_ymd_and_hms(2026, 11, 24, 12, 0, 0)
        .single()
        .expect("a time");
    export::minutes(&m.minutes, format, now)
}

#[test]
fn a_policy_of_two_paragraphs_typed_with_alt_enter_is_adopted_with_both_and_the_minutes_show_them()
{
    let mut h = Harness::demo();
    policy_text_open(&mut h);
    h.type_str(FIRST);
    alt_enter(&mut h);
    // Ctrl+J is a new line too: every terminal can send it.
    ctrl(&mut h, 'j');
    h.type_str(SECOND);
    assert_eq!(
        gov_prompt(&h),
        Some(format!("{FIRST}\n\n{SECOND}")),
        "Alt+Enter and Ctrl+J started new lines; nothing was saved yet"
    );
    let wide = h.screen(80, 24);
    assert!(
        wide.contains("Enter save · Alt+Enter or Ctrl+J new line · Esc cancel"),
        "the box says how to save and start a line:\n{wide}"
    );
    let small = h.screen(60, 16);
    assert!(
        small.contains("Enter save · Alt+Enter new line · Esc cancel"),
        "and says it in fewer words where the box is narrow:\n{small}"
    );
    h.press(Enter);
    assert!(
        matches!(&h.governance().modal, Some(Modal::Picker(_))),
        "Enter saved the text and the editor's menu is back"
    );
    save_adopt_and_end(&mut h);
    assert_eq!(
        bakehouse_policy(&h, "Unsold bread").as_deref(),
        Some(format!("{FIRST}\n\n{SECOND}").as_str()),
        "stored with both paragraphs"
    );
    let md = minutes(&h, Format::Markdown);
    assert!(
        md.contains(&format!("{FIRST}\n\n  {SECOND}"))
            || md.contains(&format!("{FIRST}\n\n{SECOND}")),
        "the Markdown minutes keep the paragraphs apart:\n{md}"
    );
    let html = minutes(&h, Format::Html);
    assert!(
        html.contains(&format!("{FIRST}<br/>\n<br/>\n{SECOND}")),
        "the HTML minutes break the lines:\n{html}"
    );
    let json = minutes(&h, Format::Json);
    assert!(
        json.contains(&format!("{FIRST}\\n\\n{SECOND}")),
        "the JSON minutes hold the text as stored:\n{json}"
    );
    // The browser's details of the circle: one policy, its second paragraph under the first.
    h.press(KeyCode::Esc);
    assert!(
        matches!(h.app.view().screen, Screen::Home(_)),
        "{}",
        h.screen(100, 30)
    );
    h.press(Enter);
    let mut seen = String::new();
    for _ in 0..6 {
        seen.push_str(&h.screen(120, 40));
        h.press(KeyCode::PageDown);
    }
    assert!(seen.contains("• Unsold bread: Bread not sold"), "{seen}");
    assert!(
        seen.lines()
            .any(|l| l.contains("│    The Ovens and Equipment Keeper weighs")),
        "the second paragraph is indented under the policy, not a bullet of its own:\n{seen}"
    );
}

#[test]
fn a_pasted_policy_keeps_its_paragraphs_and_the_organisation_file_round_trips_them() {
    let mut h = Harness::demo();
    policy_text_open(&mut h);
    h.paste(&format!("{FIRST}\r\n\r\n- {SECOND}\r\n"));
    assert_eq!(
        gov_prompt(&h),
        Some(format!("{FIRST}\n\n- {SECOND}\n")),
        "the paste kept its line breaks and did not save"
    );
    h.press(Enter);
    save_adopt_and_end(&mut h);
    let stored = format!("{FIRST}\n\n- {SECOND}");
    assert_eq!(
        bakehouse_policy(&h, "Unsold bread").as_deref(),
        Some(stored.as_str()),
        "stored cleaned: the trailing line break is gone, the paragraphs stay"
    );
    // Markdown: the "- " that starts the second paragraph cannot start a list.
    let md = minutes(&h, Format::Markdown);
    assert!(
        !md.lines()
            .any(|l| l.trim_start().starts_with("- The Ovens")),
        "no list was started by the text:\n{md}"
    );
    assert!(md.contains("\\- The Ovens"), "{md}");
    // The organisation file holds the text with its lines, and reads back the same.
    let toml = export::org::render(&org(&h), &[], OrgFormat::Toml).expect("toml");
    let file = roundtable::domain::OrgFile::parse(&toml).expect("the export parses");
    let mut store = roundtable::store::Store::open_in_memory().expect("store");
    roundtable::store::prelude::OrganisationStore::import(&mut store, &file).expect("imports");
    let again = Harness::with_backend(store);
    assert_eq!(
        bakehouse_policy(&again, "Unsold bread").as_deref(),
        Some(stored.as_str()),
        "the round trip keeps both paragraphs:\n{toml}"
    );
}

#[test]
fn accountabilities_are_typed_one_a_line_and_stored_as_a_list() {
    let mut h = Harness::demo();
    policy_text_open(&mut h);
    h.press(KeyCode::Esc);
    h.choose("Create a role")
        .enter_text("Waste Tracker")
        .enter_text("Bread that is baked gets eaten")
        .enter_text("Waste log");
    h.type_str("Weighing unsold bread daily");
    alt_enter(&mut h).type_str("Reporting waste weekly");
    h.press(Enter);
    let editing = h.governance().editing.clone().unwrap_or_default();
    let listed = format!("{editing:?}");
    assert!(
        listed.contains("[\"Weighing unsold bread daily\", \"Reporting waste weekly\"]"),
        "each line is one accountability: {listed}"
    );
}

#[test]
fn a_check_in_note_of_two_lines_is_recorded_with_both() {
    let mut h = Harness::demo();
    h.start_tactical(BAKEHOUSE, &[]).press(Enter);
    h.type_str("Tired after the early bake");
    alt_enter(&mut h).type_str("but ready");
    h.press(Enter);
    let state = &h.meeting().state;
    assert_eq!(state.step, Step::CheckIn);
    assert_eq!(
        state.note_for(Step::CheckIn, 0).map(|n| n.text.as_str()),
        Some("Tired after the early bake\nbut ready")
    );
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("Tired after the early bake") && screen.contains("but ready"),
        "{screen}"
    );
}

#[test]
fn a_governance_round_note_of_two_lines_is_recorded_with_both() {
    let mut h = Harness::demo();
    h.start_governance(BAKEHOUSE).press(Enter).press(Enter);
    h.type_str("Glad to be here");
    alt_enter(&mut h).type_str("and rested");
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("Alt+Enter or Ctrl+J new line"),
        "the round's note box takes lines, as a tactical round's does:\n{screen}"
    );
    h.press(Enter);
    let notes: Vec<&str> = h
        .governance()
        .state
        .rounds
        .notes
        .iter()
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(notes, ["Glad to be here\nand rested"]);
}

#[test]
fn a_half_typed_policy_text_is_back_after_a_kill_with_its_cursor_at_the_same_place() {
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
        h.press(Enter)
            .enter_text("Too much bread thrown away")
            .enter_text("Forty loaves last Friday")
            .choose("Ovens and Equipment Keeper");
        h.press(Char('c'))
            .choose("Create a policy")
            .enter_text("Unsold bread");
        h.type_str(FIRST);
        alt_enter(&mut h);
        alt_enter(&mut h).type_str("The Ovens and Equipment");
        // The clock ticks once typing pauses: what is on screen is kept.
        h.wait(3);
        // Dropped without a goodbye, as a kill -9 would.
    }
    let mut h = Harness::demo_file(&path);
    h.press_n(Down, BAKEHOUSE).press(Char('g'));
    assert_eq!(
        gov_prompt(&h),
        Some(format!("{FIRST}\n\nThe Ovens and Equipment")),
        "the half-typed text is back"
    );
    // The cursor is where typing stopped: the rest of the sentence follows on.
    h.type_str(" Keeper weighs what is left, every night.");
    assert_eq!(gov_prompt(&h), Some(format!("{FIRST}\n\n{SECOND}")));
    h.press(Enter);
    let editing = h.governance().editing.clone().unwrap_or_default();
    assert!(
        format!("{editing:?}").contains("every night"),
        "the policy is among the changes being written: {editing:?}"
    );
}

#[test]
fn a_new_line_is_kept_at_once_without_waiting_for_the_clock() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rt.db");
    {
        let mut h = Harness::demo_file(&path);
        h.start_tactical(BAKEHOUSE, &[]).press(Enter);
        h.type_str("Tired after the early bake");
        alt_enter(&mut h);
        // Killed at once: no tick came after the last key.
    }
    let mut h = Harness::demo_file(&path);
    h.press_n(Down, BAKEHOUSE).press(Char('t'));
    assert_eq!(
        h.prompt_value().as_deref(),
        Some("Tired after the early bake\n"),
        "the first line and the new one are back"
    );
    h.type_str("but ready").press(Enter);
    assert_eq!(
        h.meeting()
            .state
            .note_for(Step::CheckIn, 0)
            .map(|n| n.text.as_str()),
        Some("Tired after the early bake\nbut ready")
    );
}

#[test]
fn at_60x16_the_line_being_typed_stays_in_view_however_long_the_text() {
    let mut h = Harness::demo();
    policy_text_open(&mut h);
    for n in 1..=12 {
        h.type_str(&format!(
            "Line {n} of a long policy, each with enough words to wrap."
        ));
        alt_enter(&mut h);
    }
    h.type_str("The very last words");
    let screen = h.screen(60, 16);
    assert!(
        screen.contains("The very last words"),
        "the cursor's line is on screen:\n{screen}"
    );
    assert!(
        !screen.contains("Line 1 of"),
        "the start scrolled up out of the box:\n{screen}"
    );
    assert!(screen.contains("Alt+Enter"), "{screen}");
    // Moving to the top brings the start back into view.
    h.app.handle_key(KeyEvent::new(
        KeyCode::Up,
        KeyModifiers::CONTROL | KeyModifiers::ALT,
    ));
    let top = h.screen(60, 16);
    assert!(top.contains("Line 1 of"), "{top}");
}
