//! The conformance checks of an organisation itself: imported (the demo) it loads as on
//! SQLite and is not imported twice; created empty it starts with its anchor circle.

use super::*;

pub fn the_organisation_round_trips(store: &mut dyn Backend) {
    assert_eq!(store.organisation_name().expect("name"), None);
    assert!(store.load_organisation().expect("load").is_none());
    demo(store);
    assert_eq!(
        store.organisation_name().expect("name").as_deref(),
        Some("Riverbend Bakery Cooperative")
    );
    assert_eq!(
        records(store),
        records(&reference()),
        "loads as SQLite does"
    );
    let again = setup::load_demo(&mut *store).expect_err("a second import is refused");
    assert!(again.to_string().contains("already holds"), "{again}");
    assert_eq!(records(store), records(&reference()), "and changes nothing");
    assert_eq!(
        store.schema_version().expect("version"),
        reference().schema_version().expect("SQLite's version"),
        "at the version SQLite's migrations reach"
    );
}

pub fn an_empty_organisation_starts_with_its_anchor_circle(store: &mut dyn Backend) {
    store
        .create_organisation("Tiny Co", RuleSet::default())
        .expect("created");
    let mut reference = Store::open_in_memory().expect("reference");
    reference
        .create_organisation("Tiny Co", RuleSet::default())
        .expect("created");
    assert_same(&records(store), &records(&reference), "starts as on SQLite");
}
