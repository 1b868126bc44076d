//! What another program on the same database file records meanwhile, for the tests of what
//! an open screen takes in: Bread Sommelier adopted in Bakehouse, elected, removed or taken
//! back, each written as that program's governance meeting writes it.

use super::{Harness, start_time};
use ratatui::crossterm::event::KeyCode::{Char, Enter};
use roundtable::domain::meeting::governance::Change;
use roundtable::domain::meeting::tactical::Step;
use roundtable::domain::meeting::{Effect, MeetingKind};
use roundtable::domain::{Organisation, RoleId};
use roundtable::store::Store;
use roundtable::store::prelude::*;
use std::path::Path;

/// Another program records `effects` in Bakehouse's governance meeting, starting it if none
/// is open. Answers the entry's sequence number.
pub fn recorded(path: &Path, effects: impl FnOnce(&Organisation) -> Vec<Effect>) -> u64 {
    let mut store = Store::open(path).expect("opens");
    let org = store.load_organisation().expect("reads").expect("org");
    let bakehouse = org.circle_named("Bakehouse").expect("Bakehouse").id;
    let open = store.open_meeting(bakehouse, MeetingKind::Governance);
    let meeting = match open.expect("reads") {
        Some(meeting) => meeting,
        None => store
            .start_meeting(bakehouse, MeetingKind::Governance, start_time(), &"started")
            .expect("starts"),
    };
    let after = store.last_seq(meeting).expect("seq");
    store
        .append_event(meeting, after, start_time(), &"recorded", &effects(&org))
        .expect("recorded")
}

/// Bread Sommelier adopted in Bakehouse; answers the adoption's entry.
pub fn sommelier_adopted(path: &Path) -> u64 {
    recorded(path, |org| {
        let circle = org.circle_named("Bakehouse").expect("Bakehouse").id;
        vec![Effect::ApplyGovernance {
            circle,
            changes: vec![Change::CreateRole {
                name: "Bread Sommelier".into(),
                purpose: "Bread tasted".into(),
                domains: vec![],
                accountabilities: vec!["Tasting the bread".into()],
            }],
        }]
    })
}

/// Bread Sommelier adopted, and Mei Chen elected to it.
pub fn sommelier_filled(path: &Path) {
    sommelier_adopted(path);
    recorded(path, |org| {
        let role = sommelier(org).expect("adopted");
        let person = org.person_named("Mei Chen").expect("Mei").id;
        vec![Effect::AssignElected {
            role,
            person,
            term_end: None,
        }]
    });
}

/// Bread Sommelier removed from Bakehouse by an adopted proposal.
pub fn sommelier_removed(path: &Path) {
    recorded(path, |org| {
        let circle = org.circle_named("Bakehouse").expect("Bakehouse").id;
        let role = sommelier(org).expect("there");
        vec![Effect::ApplyGovernance {
            circle,
            changes: vec![Change::RemoveRole { role }],
        }]
    });
}

/// The entry `seq` taken back (u, then y, in that program's meeting).
pub fn taken_back(path: &Path, seq: u64) {
    recorded(path, |_| vec![Effect::Undo { seq }]);
}

/// Bakehouse's Bread Sommelier, if the organisation has it.
pub fn sommelier(org: &Organisation) -> Option<RoleId> {
    let bakehouse = org.circle_named("Bakehouse")?.id;
    let found = org
        .roles_in(bakehouse)
        .find(|r| r.name == "Bread Sommelier");
    found.map(|r| r.id)
}

/// The picker open over the meeting: its options, and the one selected.
pub fn picker(h: &Harness) -> (Vec<String>, String) {
    match h.meeting_modal() {
        Some(roundtable::ui::Modal::Picker(p)) => {
            (p.options.clone(), p.options[p.selected].clone())
        }
        _ => panic!("no picker:\n{}", h.screen(100, 30)),
    }
}

/// Selects the option of the open picker that starts with `label`, without choosing it.
pub fn select(h: &mut Harness, label: &str) {
    let (options, _) = picker(h);
    let at = options.iter().position(|o| o.starts_with(label));
    let at = at.unwrap_or_else(|| panic!("no option {label} in {options:?}"));
    h.press_n(ratatui::crossterm::event::KeyCode::Up, options.len())
        .press_n(ratatui::crossterm::event::KeyCode::Down, at);
}

/// Bakehouse's meeting started and taken to triage with one item, an output of `kind`
/// ("Next action", "Project") typed as `text`: its owner is being asked.
pub fn owner_being_asked(h: &mut Harness, kind: &str, text: &str) {
    h.start_tactical(1, &[]).press_n(Char('>'), 4);
    h.press(Char('a')).enter_text("Ovens").press(Enter);
    h.press(Char('>'));
    assert_eq!(h.meeting().state.step, Step::Triage);
    h.press(Enter).choose(kind).enter_text(text);
    assert!(h.screen(100, 30).contains("Who owns this"));
}

/// How many rows of `table` (next_actions, projects) have this text in `column`.
pub fn rows(path: &Path, table: &str, column: &str, text: &str) -> i64 {
    let conn = rusqlite::Connection::open(path).expect("open");
    let sql = format!("SELECT count(*) FROM {table} WHERE {column} = ?1");
    conn.query_row(&sql, [text], |r| r.get(0)).expect("count")
}
