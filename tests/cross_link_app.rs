//! A Cross Link invited through the proposal editor as a facilitator would, key by key (4.1
//! §2.7), and not offered under 5.0, which links roles into circles instead (§1.3.4).

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode::{Char, Enter};
use roundtable::domain::membership::{Basis, members};

/// Opens the anchor circle's governance meeting on a proposal of Amara's, its editor open.
fn editor_open(h: &mut Harness) {
    h.start_governance(0);
    h.press(Char('>'));
    if h.governance().state.step != roundtable::domain::meeting::governance::GovStep::Agenda {
        h.press(Char('>'));
    }
    h.press(Char('a'))
        .choose("A proposal")
        .enter_text("Guild")
        .choose("Amara");
    h.press(Char('>'));
    h.press(Char('c'));
}

fn options(h: &Harness) -> Vec<String> {
    match &h.governance().modal {
        Some(roundtable::ui::Modal::Picker(p)) => p.options.clone(),
        _ => panic!("no picker"),
    }
}

#[test]
fn four_one_2_7_a_proposal_invites_a_cross_link_whose_filler_then_is_a_member() {
    let mut h = Harness::demo_under_four_one();
    editor_open(&mut h);
    h.choose("Invite a Cross Link")
        .choose("An entity or group outside")
        .enter_text("Millers' Guild")
        .choose("This circle")
        .choose("Kwame Mensah")
        .choose("Save");
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("Invite a Cross Link from Millers' Guild into Riverbend Bakery"),
        "{screen}"
    );
    h.press_n(Char('n'), 4);
    let present = h.governance().state.present().len();
    h.press_n(Enter, present);
    h.press(Char('a')).press(Char('y'));
    let org = h.app.view().org.clone().expect("org");
    let anchor = org.anchor().expect("anchor").id;
    let [(role, _)] = org.cross_links_into(anchor)[..] else {
        panic!("one Cross Link")
    };
    let kwame = org.person_named("Kwame Mensah").expect("Kwame").id;
    let member = members(&org, anchor)
        .into_iter()
        .find(|m| m.person == kwame)
        .expect("Kwame is a member of the anchor circle");
    assert_eq!(member.bases, [Basis::CrossLink(role.id)]);
}

#[test]
fn five_1_3_4_the_editor_offers_no_cross_link() {
    let mut h = Harness::demo();
    editor_open(&mut h);
    let offered = options(&h);
    assert!(
        !offered.iter().any(|o| o.contains("Cross Link")),
        "{offered:?}"
    );
}
