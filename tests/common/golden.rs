//! Golden fixtures: meeting logs and a database recorded by an earlier version, read back the
//! way the program reads them, and what every later version must still make of them.
//!
//! Shared by `tests/golden.rs` (the checks) and `tests/golden_record.rs` (the recorder of new
//! fixture sets). A fixture set is a folder under `tests/golden/` named by the version that
//! recorded it; see `tests/golden/README.md`.

#![allow(dead_code)]
use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use roundtable::domain::meeting::flow::Recorded;
use roundtable::domain::meeting::governance::{GovEvent, Governance};
use roundtable::domain::meeting::tactical::{Event, Tactical};
use roundtable::domain::minutes::Minutes;
use roundtable::domain::review::{Review, ReviewEvent, Stop, entry_text};
use roundtable::domain::{MeetingId, OrgFile, Organisation};
use roundtable::export::{self, Format};
use roundtable::store::Store;
use roundtable::store::prelude::*;
use serde::de::DeserializeOwned;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// Where fixture sets live.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// One stored row of `meeting_events`, its text exactly as the store wrote it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub meeting: i64,
    pub seq: u64,
    /// The `at` column's text.
    pub at: String,
    /// The `payload` column's text (JSON).
    pub payload: String,
}

/// Marks the payload in a line; it comes last so its text stays byte for byte.
const PAYLOAD_KEY: &str = ",\"payload\":";

impl Row {
    /// The row as one line of a `.events.jsonl` fixture.
    pub fn line(&self) -> String {
        let at = serde_json::to_string(&self.at).expect("a string serialises");
        format!(
            "{{\"meeting_id\":{},\"seq\":{},\"at\":{at}{PAYLOAD_KEY}{}}}",
            self.meeting, self.seq, self.payload
        )
    }

    /// Reads a line written by `line`; `where_` names it in errors.
    fn parse(line: &str, where_: &str) -> Row {
        let value: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{where_}: not JSON: {e}"));
        let field = |name: &str| {
            value
                .get(name)
                .unwrap_or_else(|| panic!("{where_}: no \"{name}\""))
        };
        let at = line.find(PAYLOAD_KEY).map(|i| i + PAYLOAD_KEY.len());
        let payload = at
            .and_then(|i| line.get(i..line.len() - 1))
            .unwrap_or_else(|| panic!("{where_}: the payload is not last"));
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(payload)
                .ok()
                .as_ref(),
            Some(field("payload")),
            "{where_}: the payload's text is not the payload"
        );
        Row {
            meeting: field("meeting_id")
                .as_i64()
                .expect("meeting_id is a number"),
            seq: field("seq").as_u64().expect("seq is a number"),
            at: field("at").as_str().expect("at is text").to_string(),
            payload: payload.to_string(),
        }
    }
}

/// The rows of a `.events.jsonl` fixture, in order.
pub fn rows(path: &Path) -> Vec<Row> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: cannot read: {e}", path.display()));
    let rows: Vec<Row> = text
        .lines()
        .enumerate()
        .map(|(n, line)| Row::parse(line, &format!("{}:{}", path.display(), n + 1)))
        .collect();
    assert!(!rows.is_empty(), "{}: no rows", path.display());
    rows
}

/// A stored `at` read as the store reads it (SQLite text, as rusqlite writes `DateTime<Utc>`).
pub fn parse_at(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f%:z")
        .or_else(|_| DateTime::parse_from_rfc3339(text))
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Each row's event read as `E`. A row that no longer reads fails naming the fixture, the
/// sequence number and the payload.
pub fn events<E: DeserializeOwned>(fixture: &str, rows: &[Row]) -> Vec<Recorded<E>> {
    rows.iter()
        .map(|row| {
            let at = parse_at(&row.at).unwrap_or_else(|| {
                panic!(
                    "{fixture}: seq {}: the time {:?} no longer reads",
                    row.seq, row.at
                )
            });
            let event = serde_json::from_str(&row.payload).unwrap_or_else(|e| {
                panic!(
                    "{fixture}: seq {}: the event no longer deserialises ({e}); payload: {}",
                    row.seq, row.payload
                )
            });
            Recorded {
                seq: row.seq,
                at,
                event,
            }
        })
        .collect()
}

/// The organisation file of a set imported into a fresh database, as the logs' ids expect.
pub fn organisation(set: &Path) -> Organisation {
    let path = set.join("org.toml");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: cannot read: {e}", path.display()));
    let file = OrgFile::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut store = Store::open_in_memory().expect("in-memory store");
    store.import(&file).expect("the organisation imports");
    store
        .load_whole_organisation()
        .expect("the organisation loads")
        .expect("an organisation")
}

/// Every id of the organisation with what it names, one per line: the logs refer to these.
pub fn ids(org: &Organisation) -> String {
    let r = org.records();
    let mut out = String::new();
    for p in &r.people {
        let _ = writeln!(out, "person {} {}", p.id.0, p.name);
    }
    for c in &r.circles {
        let _ = writeln!(out, "circle {} {}", c.id.0, c.name);
    }
    for x in &r.roles {
        let _ = writeln!(out, "role {} {}", x.id.0, x.name);
    }
    for x in &r.checklist {
        let _ = writeln!(out, "checklist {} {}", x.id.0, x.text);
    }
    for x in &r.metrics {
        let _ = writeln!(out, "metric {} {}", x.id.0, x.name);
    }
    for x in &r.projects {
        let _ = writeln!(out, "project {} {}", x.id.0, x.title);
    }
    for x in &r.tensions {
        let _ = writeln!(out, "tension {} {}", x.id.0, x.text);
    }
    out
}

/// The minutes a tactical or governance log folds to, with the organisation's names.
pub fn minutes(fixture: &str, rows: &[Row], org: &Organisation) -> Minutes {
    let kind = fixture_kind(fixture);
    let id = MeetingId(rows[0].meeting);
    let unreadable = |e: roundtable::domain::meeting::tactical::Refusal| -> ! {
        panic!("{fixture}: the log no longer folds: {e}")
    };
    match kind {
        "tactical" => {
            let log = events::<Event>(fixture, rows);
            let state = Tactical::fold(&log).unwrap_or_else(|e| unreadable(e));
            Minutes::tactical(id, &state, org)
        }
        "governance" => {
            let log = events::<GovEvent>(fixture, rows);
            let state = Governance::fold(&log, org.rule_set()).unwrap_or_else(|e| unreadable(e));
            Minutes::governance(id, &state, org)
        }
        other => panic!("{fixture}: a {other} log has no minutes"),
    }
}

/// What a fixture file's name says it holds: `tactical`, `governance` or `review`.
pub fn fixture_kind(fixture: &str) -> &str {
    let name = Path::new(fixture)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(fixture);
    name.split(['.', '-']).next().unwrap_or(name)
}

/// A review log folded, in words: who, when, where it stands, and each entry standing.
pub fn review_summary(fixture: &str, rows: &[Row], org: &Organisation) -> String {
    let log = events::<ReviewEvent>(fixture, rows);
    let review =
        Review::fold(&log).unwrap_or_else(|e| panic!("{fixture}: the log no longer folds: {e}"));
    summary(&review, org)
}

/// The words of `review_summary`. The stops read the roles as they stood on the day of the
/// review: a later change (an adopted proposal, migration 007's core role texts) does not
/// rewrite what was reviewed.
pub fn summary(review: &Review, org: &Organisation) -> String {
    let org = &org.as_of(review.started_at.date_naive());
    let mut out = String::new();
    let _ = writeln!(out, "Review of {}", org.person_name(review.person));
    let _ = writeln!(out, "Started: {}", review.started_at.to_rfc3339());
    let ended = review.ended_at.map_or("open".into(), |t| t.to_rfc3339());
    let _ = writeln!(out, "Ended: {ended}");
    let _ = writeln!(out, "Stops:");
    for (i, stop) in review.stops.iter().enumerate() {
        let here = if i == review.cursor { " <- here" } else { "" };
        let _ = writeln!(out, "  {}. {}{here}", i + 1, stop_text(org, *stop));
        for entry in review.entries_at(i) {
            let _ = writeln!(out, "     - {}", entry_text(org, entry));
        }
    }
    out
}

fn stop_text(org: &Organisation, stop: Stop) -> String {
    let role = |r| org.role(r).map_or("?".to_string(), |r| r.name.clone());
    match stop {
        Stop::Role { role: r } => format!("role {}", role(r)),
        Stop::Accountability { role: r, index } => {
            let text = org
                .role(r)
                .and_then(|x| x.accountabilities.get(index).cloned())
                .unwrap_or_else(|| "?".into());
            format!("accountability of {}: {text}", role(r))
        }
        Stop::Project { project } => {
            format!("project {}", org.project(project).map_or("?", |p| &p.title))
        }
        Stop::Checklist { item, period } => {
            let text = org.checklist_item(item).map_or("?", |c| &c.text);
            format!("checklist {text} (period from {period})")
        }
        Stop::Metric { metric, period } => {
            let name = org.metric(metric).map_or("?", |m| &m.name);
            format!("metric {name} (period from {period})")
        }
        Stop::Tensions => "tensions".into(),
        Stop::Summary => "summary".into(),
    }
}

/// The moment golden exports are made: 11:00 UTC on 24 November 2026, in UTC, so neither
/// the clock nor the machine's zone shows in them.
pub fn export_now() -> DateTime<FixedOffset> {
    let utc = FixedOffset::east_opt(0).expect("UTC");
    utc.with_ymd_and_hms(2026, 11, 24, 11, 0, 0)
        .single()
        .expect("a time")
}

/// The minutes in every format, with each format's file extension.
pub fn rendered(m: &Minutes) -> Vec<(&'static str, String)> {
    Format::ALL
        .into_iter()
        .map(|f| (f.extension(), export::minutes(m, f, export_now())))
        .collect()
}

/// Compares `actual` to the checked-in file `expected`. On a difference, writes the actual
/// text under `target/golden-actual/` and fails naming both and the first differing line.
pub fn assert_matches_file(expected: &Path, actual: &str) {
    let want = std::fs::read_to_string(expected)
        .unwrap_or_else(|e| panic!("{}: cannot read: {e}", expected.display()));
    if want == actual {
        return;
    }
    let now = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden_minutes_now");
    let relative = expected
        .strip_prefix(root())
        .or_else(|_| expected.strip_prefix(&now))
        .unwrap_or(expected);
    let out = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/golden-actual")
        .join(relative);
    if let Some(dir) = out.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = std::fs::write(&out, actual);
    let line = want
        .split_inclusive('\n')
        .zip(actual.split_inclusive('\n'))
        .position(|(a, b)| a != b)
        .map_or_else(
            || want.lines().count().min(actual.lines().count()) + 1,
            |i| i + 1,
        );
    panic!(
        "{} is no longer what this version makes of its fixture (first difference at line \
         {line}; this version's output is in {}). Old fixtures are never re-recorded: fix the \
         code, not the file.",
        expected.display(),
        out.display()
    );
}
