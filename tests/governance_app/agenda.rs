//! A governance meeting's agenda driven key by key: an open governance tension taken up as a
//! proposal and given back, items reordered and removed (never one being processed), the
//! scheduled end (5.0 §5.4.2), and an open meeting resumed from the past meetings.

use super::common::Harness;
use super::{BAKEHOUSE, frame_and_draft, org, up_to_items};
use ratatui::crossterm::event::KeyCode::{Char, Enter, Right};
use roundtable::app::Screen;
use roundtable::domain::meeting::governance::GovStep;

/// Whether the anchor circle's tension about the shop's insurance is open.
fn insurance_tension_open(h: &Harness) -> bool {
    let org = org(h);
    let anchor = org
        .circle_named("Riverbend Bakery Cooperative")
        .expect("anchor")
        .id;
    org.tensions_in(anchor)
        .any(|t| t.open && t.text.starts_with("Nobody is accountable"))
}

#[test]
fn an_open_governance_tension_is_taken_up_as_a_proposal_and_given_back_when_taken_back() {
    let mut h = Harness::demo();
    h.start_governance(0);
    h.press(Char('>')).press(Char('o'));
    h.choose("Nobody is accountable for renewing the shop's insurance (Tomasz Nowak)");
    let item = h.governance().state.items[0].clone();
    assert_eq!(item.label, "Nobody is accountable…");
    assert_eq!(h.governance().state.name_of(item.owner), "Tomasz Nowak");
    assert!(
        !insurance_tension_open(&h),
        "the tension is processed once on the agenda"
    );
    h.press(Char('o'));
    assert!(
        h.status()
            .is_some_and(|s| s.starts_with("No open governance tensions"))
    );
    h.press(Char('u')).press(Char('y'));
    assert!(
        insurance_tension_open(&h),
        "taking the item back opens the tension again"
    );
    assert!(h.governance().state.items.is_empty());
}

#[test]
fn past_the_scheduled_end_five_ends_the_meeting_unless_the_secretary_extends_it_5_0_5_4_2() {
    let mut h = Harness::demo();
    h.start_governance(BAKEHOUSE);
    h.wait(91 * 60);
    let over = h.screen(120, 30);
    assert!(over.contains("The scheduled end is reached"), "{over}");
    // The first key after the end records it; only the end or an extension is taken then.
    h.press(Char('>'));
    assert!(h.governance().state.time_up);
    assert!(h.status().is_some_and(|s| s.contains("§5.4.2")));
    h.press(Char('>'));
    assert!(
        h.status().is_some_and(|s| s.contains("scheduled end")),
        "{:?}",
        h.status()
    );
    h.press(Char('t')).enter_text("");
    let asked = h.screen(120, 30);
    assert!(asked.contains("Extending the meeting"), "{asked}");
    h.press(Char('y'));
    let state = &h.governance().state;
    assert_eq!(state.extra_minutes, 15);
    assert_eq!(state.extensions.len(), 1);
    let extended = h.screen(120, 30);
    assert!(
        !extended.contains("The scheduled end is reached"),
        "{extended}"
    );
}

#[test]
fn an_open_governance_meeting_resumes_from_the_past_meetings_and_an_ended_one_shows_its_minutes() {
    let mut h = Harness::demo();
    up_to_items(&mut h);
    h.press(Char('q'));
    h.press(Char('p')).type_str("governance open").press(Enter);
    assert_eq!(h.governance().state.step, GovStep::Items);
    assert!(h.status().is_some_and(|s| s.starts_with("Resumed")));
    h.press(Char('e')).press(Char('y'));
    h.press(Char('q'))
        .press(Char('p'))
        .type_str("governance ended")
        .press(Enter);
    let Screen::Minutes(m) = &h.app.view().screen else {
        panic!("no minutes:\n{}", h.screen(100, 30));
    };
    assert_eq!(m.minutes.circle, "Bakehouse");
}

#[test]
fn the_facilitator_reorders_and_removes_items_and_a_removed_tension_is_open_again() {
    let mut h = Harness::demo();
    h.start_governance(0);
    h.press(Char('>')).press(Char('o'));
    h.choose("Nobody is accountable");
    h.press(Char('a'))
        .choose("A proposal")
        .enter_text("Van")
        .choose("Amara");
    let labels = |h: &Harness| -> Vec<String> {
        let s = &h.governance().state;
        s.order
            .iter()
            .filter_map(|&i| s.item(i).map(|i| i.label.clone()))
            .collect()
    };
    h.press(Right).press(Char('['));
    assert_eq!(labels(&h), ["Van", "Nobody is accountable…"]);
    assert!(!insurance_tension_open(&h));
    h.press(Right).press(Char('x')).press(Char('y'));
    assert_eq!(labels(&h), ["Van"]);
    assert!(
        insurance_tension_open(&h),
        "the removed item's tension is open again"
    );
    h.press(Char('u')).press(Char('y'));
    assert_eq!(labels(&h), ["Van", "Nobody is accountable…"]);
    assert!(
        !insurance_tension_open(&h),
        "putting it back takes the tension up again"
    );
}

#[test]
fn an_item_being_processed_cannot_be_removed() {
    let mut h = Harness::demo();
    up_to_items(&mut h);
    h.press(Right);
    frame_and_draft(&mut h);
    // Refused at x, before the question (no y to answer).
    h.press(Char('<')).press(Right).press(Char('x'));
    assert!(h.governance().modal.is_none());
    assert!(
        h.status()
            .is_some_and(|s| s.starts_with("Processing has begun")),
        "{:?}",
        h.status()
    );
    assert_eq!(h.governance().state.order.len(), 2);
}
