//! Compatibility kept: meeting logs and a database recorded by earlier versions (the sets
//! under `tests/golden/`) still read, fold to the same minutes in every format, open, resume
//! their open meetings where they were and export unchanged. A failure here means a past
//! meeting would no longer read as it was held: fix the code, never the fixture.

mod common;
#[path = "common/golden.rs"]
mod golden;

use common::Harness;
use golden::{Row, assert_matches_file};
use ratatui::crossterm::event::KeyCode::{self, Char, Enter, Right};
use roundtable::app::Screen;
use roundtable::domain::meeting::governance::IdmStep;
use roundtable::domain::meeting::tactical::Step;
use roundtable::domain::review::ReviewEvent;
use roundtable::store::Store;
use roundtable::store::prelude::*;
use roundtable::ui::Modal;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The set recorded by commit 3813263, whose open meetings the resume tests know.
const FIRST_SET: &str = "0.1.0-3813263";

/// Every recorded set, oldest name first.
fn sets() -> Vec<PathBuf> {
    let mut sets: Vec<PathBuf> = std::fs::read_dir(golden::root())
        .expect("tests/golden exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    sets.sort();
    assert!(
        sets.iter().any(|s| s.ends_with(FIRST_SET)),
        "the first golden set {FIRST_SET} is missing: {sets:?}"
    );
    sets
}

/// The files of a set whose names end with `suffix`, sorted.
fn files(set: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(set)
        .expect("a set folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_str().is_some_and(|n| n.ends_with(suffix)))
        .collect();
    out.sort();
    out
}

/// The minutes this version is expected to make of an old set's file `expected`: the file
/// under `tests/golden_minutes_now/<set>/` where the minutes of old meetings legitimately
/// gained what they used to omit (see `tests/golden/README.md`), else the set's own file.
/// The set's files are never edited; every old log must still fold either way.
fn minutes_now(expected: &Path) -> PathBuf {
    let relative = expected.strip_prefix(golden::root()).unwrap_or(expected);
    let now = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden_minutes_now")
        .join(relative);
    if now.exists() {
        now
    } else {
        expected.to_path_buf()
    }
}

/// `dir/name` with `.events.jsonl` replaced by `ending`.
fn beside(log: &Path, ending: &str) -> PathBuf {
    let name = log.to_str().expect("a UTF-8 path");
    PathBuf::from(name.replace(".events.jsonl", ending))
}

#[test]
fn each_set_imports_its_organisation_with_the_ids_its_logs_refer_to() {
    for set in sets() {
        let org = golden::organisation(&set);
        assert_matches_file(&set.join("org-ids.txt"), &golden::ids(&org));
    }
}

#[test]
fn each_recorded_meeting_log_folds_to_its_minutes_in_every_format() {
    let mut checked = 0;
    for set in sets() {
        let org = golden::organisation(&set);
        for log in files(&set, ".events.jsonl") {
            let name = log.display().to_string();
            if golden::fixture_kind(&name) == "review" {
                continue;
            }
            let minutes = golden::minutes(&name, &golden::rows(&log), &org);
            for (ext, text) in golden::rendered(&minutes) {
                let expected = beside(&log, &format!(".minutes.{ext}"));
                assert_matches_file(&minutes_now(&expected), &text);
                checked += 1;
            }
        }
    }
    assert!(
        checked >= 8,
        "a tactical and a governance log in four formats"
    );
}

#[test]
fn each_recorded_review_log_folds_to_its_summary() {
    let mut checked = 0;
    for set in sets() {
        let org = golden::organisation(&set);
        for log in files(&set, ".events.jsonl") {
            let name = log.display().to_string();
            if golden::fixture_kind(&name) != "review" {
                continue;
            }
            let summary = golden::review_summary(&name, &golden::rows(&log), &org);
            assert_matches_file(&minutes_now(&beside(&log, ".summary.txt")), &summary);
            checked += 1;
        }
    }
    assert!(checked >= 1, "no review log was checked");
}

#[test]
fn the_first_set_holds_whole_meetings_of_each_kind_with_their_retractions() {
    let set = golden::root().join(FIRST_SET);
    for (log, wanted) in [
        (
            "tactical",
            &["question_changed", "retracted", "agenda_item_deleted"][..],
        ),
        (
            "governance",
            &["time_out", "retracted", "tested", "changed"][..],
        ),
        ("review", &["retracted", "ended"][..]),
    ] {
        let text =
            std::fs::read_to_string(set.join(format!("{log}.events.jsonl"))).expect("the log");
        for kind in wanted {
            assert!(
                text.contains(&format!("\"type\":\"{kind}\"")),
                "{log}.events.jsonl has no {kind} event"
            );
        }
        assert!(text.contains("\"type\":\"ended\""), "{log} did not end");
    }
}

#[test]
fn an_event_that_no_longer_reads_fails_naming_the_fixture_and_its_seq() {
    let rows = vec![
        Row {
            meeting: 1,
            seq: 1,
            at: "2026-11-24 09:00:00+00:00".into(),
            payload: r#"{"type":"started","person":8,"stops":[]}"#.into(),
        },
        Row {
            meeting: 1,
            seq: 2,
            at: "2026-11-24 09:00:00+00:00".into(),
            payload: r#"{"type":"renamed_since"}"#.into(),
        },
    ];
    let failure = std::panic::catch_unwind(|| {
        golden::events::<ReviewEvent>("tests/golden/x/review.events.jsonl", &rows)
    })
    .expect_err("an unknown event type must not read");
    let message = failure
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_default();
    assert!(
        message.starts_with("tests/golden/x/review.events.jsonl: seq 2: the event no longer"),
        "{message}"
    );
    assert!(message.contains("renamed_since"), "{message}");
}

/// A copy of a set's database in a fresh 0700 temp dir, mode 0600, as a user's file would be.
fn database_copy(set: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("roundtable.db");
    std::fs::copy(set.join("roundtable.db"), &path).expect("copy the fixture");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
            .expect("chmod the copy");
    }
    (dir, path)
}

fn database_sets() -> Vec<PathBuf> {
    sets()
        .into_iter()
        .filter(|s| s.join("roundtable.db").exists())
        .collect()
}

#[test]
fn each_recorded_database_opens_migrates_to_this_schema_and_its_fixture_is_untouched() {
    for set in database_sets() {
        let fixture = std::fs::read(set.join("roundtable.db")).expect("the fixture");
        assert!(
            fixture.len() < 1024 * 1024,
            "{}: keep it small",
            set.display()
        );
        let (_dir, path) = database_copy(&set);
        let read_only = Store::open_read_only(&path).expect("opens read-only");
        assert!(read_only.schema_version().expect("version") >= 3);
        drop(read_only);
        let store = Store::open(&path).unwrap_or_else(|e| panic!("{}: {e}", set.display()));
        let latest = roundtable::store::Store::open_in_memory()
            .and_then(|s| s.schema_version())
            .expect("the latest schema");
        assert_eq!(store.schema_version().expect("version"), latest);
        let org = store.load_organisation().expect("loads").expect("an org");
        assert_eq!(org.name(), "Riverbend Bakery Cooperative");
        let ended = store.meetings().expect("meetings");
        assert!(ended.iter().filter(|m| m.ended_at.is_some()).count() >= 2);
        assert!(!store.open_meetings().expect("open").is_empty());
        let after = std::fs::read(set.join("roundtable.db")).expect("the fixture");
        assert!(
            after == fixture,
            "{}: the fixture was modified",
            set.display()
        );
    }
}

/// `(id, expected file)` for each ended meeting's minutes recorded beside a set's database.
fn recorded_exports(set: &Path, ext: &str) -> Vec<(i64, PathBuf)> {
    let suffix = format!(".minutes.{ext}");
    let out: Vec<_> = files(set, &suffix)
        .into_iter()
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?;
            let id = name.strip_prefix("db-meeting-")?.strip_suffix(&suffix)?;
            Some((id.parse().ok()?, p))
        })
        .collect();
    assert!(out.len() >= 2, "{}: no db-meeting-*{suffix}", set.display());
    out
}

#[test]
fn each_recorded_database_exports_its_ended_meetings_as_recorded() {
    for set in database_sets() {
        let (_dir, path) = database_copy(&set);
        let store = Store::open(&path).expect("opens");
        for format in roundtable::export::Format::ALL {
            for (id, expected) in recorded_exports(&set, format.extension()) {
                let id = roundtable::domain::MeetingId(id);
                let minutes = roundtable::app::minutes::load(&store, id)
                    .unwrap_or_else(|e| panic!("{}: {e}", expected.display()));
                let text = roundtable::export::minutes(&minutes, format, golden::export_now());
                assert_matches_file(&minutes_now(&expected), &text);
            }
        }
    }
}

/// The e-mail without its two lines that say when it was composed.
fn undated(eml: &str) -> String {
    eml.split_inclusive("\r\n")
        .filter(|l| !l.starts_with("Date: ") && !l.starts_with("Message-ID: "))
        .collect()
}

#[test]
fn export_minutes_on_the_command_line_gives_the_recorded_files() {
    for set in database_sets() {
        let (_dir, path) = database_copy(&set);
        for ext in ["md", "html", "json", "eml"] {
            for (id, expected) in recorded_exports(&set, ext) {
                let out = Command::new(env!("CARGO_BIN_EXE_roundtable"))
                    .args([
                        "export",
                        "minutes",
                        &id.to_string(),
                        "--format",
                        ext,
                        "-o",
                        "-",
                    ])
                    .env("ROUNDTABLE_DB", &path)
                    .env("TZ", "UTC")
                    .env_remove("ROUNDTABLE_LOG")
                    .output()
                    .expect("the binary runs");
                let stderr = String::from_utf8_lossy(&out.stderr);
                assert!(out.status.success(), "{}: {stderr}", expected.display());
                let text = String::from_utf8(out.stdout).expect("UTF-8");
                let expected = minutes_now(&expected);
                if ext == "eml" {
                    let want = std::fs::read_to_string(&expected).expect("expected");
                    assert_eq!(undated(&text), undated(&want), "{}", expected.display());
                } else {
                    assert_matches_file(&expected, &text);
                }
            }
        }
    }
}

#[test]
fn each_review_in_a_recorded_database_folds_to_its_summary() {
    for set in database_sets() {
        let (_dir, path) = database_copy(&set);
        let store = Store::open(&path).expect("opens");
        let org = store
            .load_whole_organisation()
            .expect("loads")
            .expect("an org");
        let summaries = files(&set, ".summary.txt");
        let mut checked = 0;
        for expected in summaries.iter().filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("db-review-"))
        }) {
            let name = expected.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let id: i64 = name
                .trim_start_matches("db-review-")
                .trim_end_matches(".summary.txt")
                .parse()
                .expect("db-review-<id>.summary.txt");
            let log = store
                .meeting_events::<ReviewEvent>(roundtable::domain::MeetingId(id))
                .unwrap_or_else(|e| panic!("{}: {e}", expected.display()));
            let review = roundtable::domain::review::Review::fold(&log)
                .unwrap_or_else(|e| panic!("{}: {e}", expected.display()));
            assert_matches_file(expected, &golden::summary(&review, &org));
            checked += 1;
        }
        assert!(
            checked >= 2,
            "{}: an ended and an open review",
            set.display()
        );
    }
}

/// The headless app on a copy of the first set's database.
fn first_database() -> (tempfile::TempDir, Harness) {
    let (dir, path) = database_copy(&golden::root().join(FIRST_SET));
    let h = Harness::demo_file(&path);
    (dir, h)
}

#[test]
fn the_open_governance_meeting_resumes_mid_integration_and_can_adopt() {
    let (_dir, mut h) = first_database();
    assert!(h.screen(100, 30).contains("● governance open"));
    h.press_n(KeyCode::Down, 1).press(Char('g'));
    assert!(h.status().is_some_and(|s| s.starts_with("Resumed")));
    let state = &h.governance().state;
    let item = state.current_item().expect("the item being processed");
    assert_eq!(item.label, "Crumbs");
    let p = item.proposal.as_ref().expect("a proposal");
    assert_eq!(p.step, IdmStep::Integrate);
    assert_eq!(p.versions.len(), 1);
    let o = &p.objections[0];
    assert_eq!(o.text, "Sweeping needs a broom budget");
    assert!(o.blocks() && o.objector_confirmed && !o.proposer_confirmed);
    let present = state.present().len();
    h.press(Char('p')).press(Char('n'));
    h.press_n(Enter, present).press(Char('a')).press(Char('y'));
    let org = h.app.view().org.clone().expect("org");
    assert!(
        org.records()
            .roles
            .iter()
            .any(|r| r.name == "Crumb Sweeper"),
        "the resumed meeting adopts:\n{}",
        h.screen(100, 30)
    );
}

#[test]
fn the_open_tactical_meeting_resumes_mid_triage_with_its_entries() {
    let (_dir, mut h) = first_database();
    h.press_n(KeyCode::Down, 2).press(Char('t'));
    assert!(h.status().is_some_and(|s| s.starts_with("Resumed")));
    let state = &h.meeting().state;
    assert_eq!(state.step, Step::Triage);
    assert_eq!(state.cursor(Step::Triage), 1, "on the second item");
    let items: Vec<_> = state.agenda_items().collect();
    assert_eq!(items.len(), 2);
    assert!(
        items[0].tension.is_some(),
        "the review's tension was taken up"
    );
    assert_eq!(items[0].outputs.len(), 1);
    assert_eq!(items[1].label, "Till roll");
    assert_eq!(
        state.note_for(Step::CheckIn, 0).map(|n| n.text.as_str()),
        Some("Busy morning")
    );
    h.press(Enter)
        .choose("Information")
        .enter_text("Rolls come Friday");
    assert_eq!(
        h.meeting()
            .state
            .agenda_items()
            .nth(1)
            .map(|i| i.outputs.len()),
        Some(1)
    );
}

#[test]
fn the_open_review_resumes_at_its_stop_with_its_entry() {
    let (_dir, mut h) = first_database();
    h.press(Char('r'));
    let Screen::Home(home) = &h.app.view().screen else {
        panic!("home:\n{}", h.screen(100, 30))
    };
    let Some(Modal::Picker(p)) = &home.modal else {
        panic!("no person picker")
    };
    let at = p.options.iter().position(|o| o == "Jonas Lindqvist");
    h.press_n(KeyCode::Down, at.expect("Jonas")).press(Enter);
    assert!(
        h.status()
            .is_some_and(|s| s.starts_with("Resumed the review"))
    );
    let Screen::Review(r) = &h.app.view().screen else {
        panic!("no review:\n{}", h.screen(100, 30))
    };
    assert_eq!(r.state.cursor, 3);
    assert_eq!(r.state.entries.len(), 1);
    h.press(Right);
    let Screen::Review(r) = &h.app.view().screen else {
        panic!("no review")
    };
    assert_eq!(r.state.cursor, 4, "the review goes on from there");
}
