//! The organisation the benchmarks run at: 101 circles, about 10,000 roles, 500 people, each
//! role with a weekly metric (two values reported) and two weekly checklist items.

// Each benchmark uses the part of this it needs.
#![allow(dead_code)]

use roundtable::domain::OrgFile;
use roundtable::store::Store;
use roundtable::store::prelude::*;
use std::fmt::Write;

pub const CIRCLES: usize = 100;
pub const ROLES_PER_CIRCLE: usize = 96;
pub const PEOPLE: usize = 500;

/// An organisation file with CIRCLES sub-circles ("Circle 0", …) of ROLES_PER_CIRCLE roles.
pub fn large_org_file() -> OrgFile {
    let mut toml = String::from("name = \"Scale Co\"\n");
    for p in 0..PEOPLE {
        let _ = writeln!(toml, "[[people]]\nname = \"Person {p}\"");
    }
    toml.push_str("[circle]\nname = \"Scale Co\"\npurpose = \"Scale\"\n");
    for c in 0..CIRCLES {
        let _ = writeln!(
            toml,
            "[[circle.circles]]\nname = \"Circle {c}\"\npurpose = \"Purpose of circle {c}\""
        );
        for r in 0..ROLES_PER_CIRCLE {
            let person = (c * ROLES_PER_CIRCLE + r) % PEOPLE;
            let _ = writeln!(
                toml,
                "[[circle.circles.roles]]\nname = \"Role {c}.{r}\"\npurpose = \"Doing the work of role {r}\"\n\
                 accountabilities = [\"Keeping things going\", \"Reporting on progress\"]\n\
                 fillers = [{{ person = \"Person {person}\" }}]\n\
                 [[circle.circles.roles.metrics]]\nname = \"Output\"\nfrequency = \"weekly\"\n\
                 values = [{{ date = 2026-11-02, value = 1.0 }}, {{ date = 2026-11-09, value = 2.0 }}]\n\
                 [[circle.circles.roles.checklist]]\ntext = \"Shelves stocked\"\nfrequency = \"weekly\"\n\
                 [[circle.circles.roles.checklist]]\ntext = \"Orders sent\"\nfrequency = \"weekly\""
            );
        }
    }
    OrgFile::parse(&toml).expect("the generated file is valid")
}

/// The organisation in a fresh database in memory.
pub fn large_store() -> Store {
    let mut store = Store::open_in_memory().expect("store");
    store.import(&large_org_file()).expect("import");
    store
}

/// The organisation in a fresh database file (WAL, synchronous=FULL, as the program uses).
pub fn large_store_file(path: &std::path::Path) -> Store {
    let mut store = Store::open(path).expect("store");
    store.import(&large_org_file()).expect("import");
    store
}
