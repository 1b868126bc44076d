//! The Secretary's rulings in the circle's governance record, not only in the minutes: 4.1
//! §3.4.3 "Interpretations Become Standards" (published "in the Governance records of the
//! Circle"); 5.0 §4.2 (governance is read "within any official interpretation rulings of that
//! Circle"). The Markdown handbook and the JSON record carry them; TOML, the import format,
//! does not (they are read from the meetings).

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode::Char;
use roundtable::app::minutes::published_rulings;
use roundtable::export::org::{OrgFormat, render};
use roundtable::store::Store;
use roundtable::store::prelude::*;

const BAKEHOUSE: usize = 1;
const QUESTION: &str = "May the Head Baker buy flour";
const RULING: &str = "Yes, within the spending limit";

#[test]
fn five_o_4_2_a_secretarys_ruling_in_a_meeting_is_published_in_the_governance_record() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("rt.db");
    let mut h = Harness::demo_file(&path);
    h.start_governance(BAKEHOUSE);
    h.press(Char('I'))
        .choose("Jonas Lindqvist")
        .enter_text(QUESTION)
        .enter_text(RULING);
    assert!(
        h.governance().state.interpretations.len() == 1,
        "{:?}",
        h.status()
    );
    h.press(Char('e')).press(Char('y'));
    drop(h);

    let store = Store::open(&path).expect("store");
    let org = store.load_organisation().expect("loads").expect("an org");
    let rulings = published_rulings(&store, &org).expect("rulings");
    let handbook = render(&org, &rulings, OrgFormat::Markdown).expect("md");
    let at_bakehouse = handbook
        .split("## Riverbend Bakery Cooperative › Bakehouse")
        .nth(1)
        .expect("Bakehouse's section");
    let section = at_bakehouse.split("\n## ").next().unwrap_or_default();
    assert!(
        section.contains("Interpretations (the Secretary's rulings, 5.0 §4.2, §4.2.1):")
            && section.contains(&format!(
                "{QUESTION} — Elif Yılmaz (Secretary) ruled: {RULING} (asked by Jonas Lindqvist)"
            )),
        "{section}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&render(&org, &rulings, OrgFormat::Json).expect("json"))
            .expect("JSON");
    assert_eq!(json["interpretations"][0]["circle"], "Bakehouse");
    assert_eq!(json["interpretations"][0]["ruling"], RULING);
    let toml = render(&org, &rulings, OrgFormat::Toml).expect("toml");
    assert!(!toml.contains(RULING), "the import format leaves them out");
}
