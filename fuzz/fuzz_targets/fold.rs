//! Fuzzes the event-log fold: a meeting log as it may sit in a damaged or hand-edited
//! database (each line one stored payload) is folded by the meeting kind it names, and a
//! fold that succeeds gives minutes that render in every format. Nothing may panic: a log
//! the fold cannot read is refused, and entries it cannot place are passed over.
//!
//! Input: the first byte picks the kind (tactical, governance, review) and the rule set;
//! every following line is one entry's JSON payload (lines that do not parse are dropped,
//! as the store drops nothing but also never writes them).
#![no_main]

use chrono::{DateTime, Duration, FixedOffset, Utc};
use libfuzzer_sys::fuzz_target;
use roundtable::domain::meeting::flow::Recorded;
use roundtable::domain::meeting::governance::{GovEvent, Governance};
use roundtable::domain::meeting::tactical::{Event, Tactical};
use roundtable::domain::minutes::Minutes;
use roundtable::domain::review::{Review, ReviewEvent, plan};
use roundtable::domain::{MeetingId, Organisation, PersonId, RuleSet};
use roundtable::export::{Format, minutes};
use roundtable::store::Store;
use roundtable::store::prelude::*;
use serde::de::DeserializeOwned;
use std::sync::OnceLock;

/// The demo organisation, imported once: the people and roles the seed logs name.
fn demo() -> &'static Organisation {
    static ORG: OnceLock<Organisation> = OnceLock::new();
    ORG.get_or_init(|| {
        let mut store = Store::open_in_memory().expect("an in-memory store opens");
        roundtable::app::setup::load_demo(&mut store).expect("the demo imports");
        store
            .load_organisation()
            .expect("the demo loads")
            .expect("the demo is there")
    })
}

fn log_of<E: DeserializeOwned>(lines: &[u8]) -> Vec<Recorded<E>> {
    let start: DateTime<Utc> = DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default();
    lines
        .split(|b| *b == b'\n')
        .filter_map(|line| serde_json::from_slice::<E>(line).ok())
        .enumerate()
        .map(|(i, event)| Recorded {
            seq: i as u64 + 1,
            at: start + Duration::seconds(i as i64 * 7),
            event,
        })
        .collect()
}

fn render_all(m: &Minutes) {
    let now = FixedOffset::east_opt(3600)
        .map(|offset| Utc::now().with_timezone(&offset))
        .expect("one hour east is a valid offset");
    for format in Format::ALL {
        let text = minutes(m, format, now);
        if format == Format::Json {
            serde_json::from_str::<serde_json::Value>(&text).expect("JSON minutes parse");
        }
    }
}

fuzz_target!(|bytes: &[u8]| {
    let Some((&head, lines)) = bytes.split_first() else {
        return;
    };
    let rules = if head & 0x10 == 0 {
        RuleSet::Holacracy41
    } else {
        RuleSet::Holacracy50
    };
    let org = demo();
    let meeting = MeetingId(1);
    match head % 3 {
        0 => {
            if let Ok(state) = Tactical::fold(&log_of::<Event>(lines)) {
                render_all(&Minutes::tactical(meeting, &state, org));
            }
        }
        1 => {
            if let Ok(state) = Governance::fold(&log_of::<GovEvent>(lines), rules) {
                render_all(&Minutes::governance(meeting, &state, org));
            }
        }
        _ => {
            if let Ok(review) = Review::fold(&log_of::<ReviewEvent>(lines)) {
                let _ = review.stop();
                let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default();
                let _ = plan(org, PersonId(1), today);
            }
        }
    }
});
