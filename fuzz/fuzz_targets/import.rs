//! Fuzzes the organisation importer: any bytes given as an organisation file are either
//! refused with a one-line error (and nothing written) or imported whole into a fresh
//! database, whose organisation then loads and exports again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roundtable::domain::OrgFile;
use roundtable::export::org::{OrgFormat, render};
use roundtable::store::Store;
use roundtable::store::prelude::*;

fuzz_target!(|bytes: &[u8]| {
    let file = match OrgFile::parse_bytes(bytes) {
        Ok(file) => file,
        Err(e) => {
            assert!(!e.to_string().contains('\n'), "a refusal is one line: {e}");
            return;
        }
    };
    let Ok(mut store) = Store::open_in_memory() else {
        return;
    };
    match store.import(&file) {
        Ok(()) => {
            let org = store
                .load_organisation()
                .expect("an imported organisation loads")
                .expect("an imported organisation is there");
            for format in OrgFormat::ALL {
                let _ = render(&org, &[], format);
            }
        }
        Err(_) => {
            let org = store.load_organisation().expect("the store still reads");
            assert!(org.is_none(), "a refused import writes nothing");
        }
    }
});
