//! Requests in a tactical meeting's triage, from 5.0 §3.2(f): "requests to a Role may only be
//! made in service of a Role the requester represents in the meeting". The triage screen asks
//! which, and the screen and every format of the minutes say which role the request serves.

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode::{Char, Enter};
use roundtable::domain::meeting::tactical::Step;
use roundtable::domain::minutes::Minutes;
use roundtable::export::{self, Format};

const BAKEHOUSE: usize = 1;

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    common::start_time().fixed_offset()
}

/// A Bakehouse meeting at triage of Kwame's "Butter", with a request to the Pastry Lead made
/// in service of Kwame's Ovens and Equipment Keeper.
fn requested() -> Harness {
    let mut h = Harness::demo();
    h.start_tactical(BAKEHOUSE, &[]);
    while h.meeting().state.step != Step::Agenda {
        h.press(Char('>'));
    }
    h.press(Char('a'))
        .enter_text("Butter")
        .choose("Kwame Mensah");
    h.press(Char('>'));
    h.press(Enter)
        .choose("Request")
        .enter_text("Bake the trays at noon")
        .choose("Pastry Lead — Lucía Fernández");
    let screen = h.screen(100, 30);
    assert!(
        screen.contains("In service of which of the requester's roles? (5.0 §3.2(f))"),
        "{screen}"
    );
    h.choose("Ovens and Equipment Keeper");
    h
}

#[test]
fn five_o_3_2_f_the_triage_screen_says_which_of_the_requesters_roles_a_request_serves() {
    let h = requested();
    let screen = h.screen(200, 40);
    assert!(
        screen.contains(
            "request: Bake the trays at noon — Lucía Fernández (Pastry Lead), in service of the \
             requester's Ovens and Equipment Keeper"
        ),
        "{screen}"
    );
}

#[test]
fn five_o_3_2_f_every_format_of_the_minutes_says_which_role_a_request_serves() {
    let h = requested();
    let org = h.app.view().org.clone().expect("org");
    let minutes = Minutes::tactical(h.meeting().meeting, &h.meeting().state, &org);
    let output = &minutes.agenda[0].outputs[0];
    assert_eq!(output.serves.as_deref(), Some("Ovens and Equipment Keeper"));
    for format in Format::ALL.into_iter().filter(|f| *f != Format::Json) {
        let text = export::minutes(&minutes, format, now());
        // E-mail wraps its lines and HTML escapes the apostrophe.
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            text.contains("in service of the requester")
                && text.contains("Ovens and Equipment Keeper"),
            "{format:?}:\n{text}"
        );
    }
    let json = export::minutes(&minutes, Format::Json, now());
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(
        value["agenda"][0]["outputs"][0]["serves"],
        "Ovens and Equipment Keeper"
    );
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../docs/minutes.schema.json")).expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("a JSON Schema");
    assert!(
        validator.is_valid(&value),
        "the published schema has `serves`"
    );
}
