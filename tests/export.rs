//! Minutes exports from real meetings: snapshots of every format, JSON checked against the
//! published schema, and hostile text in every field proven inert in every format.

mod common;

use chrono::{FixedOffset, TimeZone};
use common::{Harness, start_time};
use insta::assert_snapshot;
use quick_xml::events::Event as Xml;
use ratatui::crossterm::event::KeyCode::{Char, Enter, Right};
use roundtable::app::Screen;
use roundtable::domain::minutes::Minutes;
use roundtable::export::{self, Format};
use roundtable::store::prelude::*;

/// The moment exports are made, in UTC, so snapshots do not depend on the machine's zone.
fn now() -> chrono::DateTime<FixedOffset> {
    let utc = FixedOffset::east_opt(0).expect("UTC");
    utc.from_utc_datetime(&(start_time() + chrono::Duration::hours(2)).naive_utc())
}

/// Ends the meeting on screen and loads its minutes back from the store.
fn end_and_load(h: &mut Harness) -> Minutes {
    let id = h.meeting().meeting;
    h.press(Char('e')).press(Char('y'));
    let loaded = roundtable::app::minutes::load(h.app.store(), id).expect("minutes");
    let Screen::Minutes(shown) = &h.app.view().screen else {
        panic!("the minutes are shown")
    };
    assert_eq!(
        *shown.minutes, loaded,
        "the minutes on screen are the ones exported"
    );
    loaded
}

/// A short Bakehouse meeting with an entry in every step.
fn bakehouse_minutes() -> Minutes {
    let mut h = Harness::demo();
    h.start_tactical(1, &["Mei Chen"]);
    h.press(Enter)
        .enter_text("Tired but happy")
        .wait(75)
        .press(Right)
        .wait(30)
        .press(Char('>'));
    h.press(Char('c'))
        .press(Char('x'))
        .press(Char('b'))
        .press(Char('c'))
        .press(Char('>'));
    h.press(Enter)
        .enter_text("2050")
        .enter_text("Festival week")
        .press(Char('>'));
    h.press(Char('d'))
        .enter_text("Launched on Saturday")
        .press(Char('>'));
    h.press(Char('a'))
        .enter_text("Butter timing")
        .choose("Lucía Fernández")
        .press(Char('>'));
    h.press(Enter)
        .choose("Next action")
        .enter_text("Ask the dairy for a 5 am delivery");
    h.choose("Ingredients Buyer — Mei Chen");
    h.press(Char('c')).choose("Yes");
    h.wait(1200)
        .press(Char('>'))
        .press(Enter)
        .enter_text("Good meeting");
    end_and_load(&mut h)
}

const HOSTILE: [&str; 6] = [
    "<script>alert(1)</script>",
    "*Bold* | [x](javascript:alert(1))",
    "</li><img src=x onerror=alert(1)>",
    "# Heading | pipe & \"quotes\" 'apos'",
    "]]> <!-- comment --> &amp; <a href=\"x\">link</a>",
    "- 1. looks like a list",
];

/// A meeting of a new organisation whose every text is hostile.
fn hostile_minutes() -> Minutes {
    // Everyone fills a role of the anchor circle, so all are invited (a guest needs a link
    // to invite them: 5.0 §5.4.1).
    let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut file = format!("name = {}\n", quoted(HOSTILE[1]));
    for name in HOSTILE {
        file.push_str(&format!("[[people]]\nname = {}\n", quoted(name)));
    }
    file.push_str(&format!(
        "[circle]\nname = {}\npurpose = \"\"\n[[circle.roles]]\nname = \"Host\"\npurpose = \"Hosting\"\nfillers = [{}]\n",
        quoted(HOSTILE[1]),
        HOSTILE
            .iter()
            .map(|n| format!("{{ person = {} }}", quoted(n)))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    let mut h = Harness::from_toml(&file);
    h.press(Char('t'));
    h.press(Enter);
    h.press(Enter).enter_text(HOSTILE[2]);
    for _ in 0..4 {
        h.press(Char('>'));
    }
    h.press(Char('a')).enter_text(HOSTILE[3]).choose("<script>");
    h.press(Char('a')).enter_text(HOSTILE[5]).choose("- 1.");
    h.press(Char('>')).press(Enter).choose("Information");
    h.enter_text(&format!(
        "{} {}",
        HOSTILE[4],
        "a very long line ".repeat(120)
    ));
    h.press(Char('c')).choose("No");
    end_and_load(&mut h)
}

#[test]
fn each_format_of_a_tactical_meeting() {
    let minutes = bakehouse_minutes();
    for format in Format::ALL {
        let name = format!("bakehouse_minutes_{}", format.extension());
        assert_snapshot!(name, export::minutes(&minutes, format, now()));
    }
    assert_eq!(
        export::minutes_file_name(&minutes, Format::Html),
        "2026-11-24-bakehouse-tactical-minutes.html"
    );
}

fn schema_validator() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../docs/minutes.schema.json"))
            .expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
}

#[test]
fn json_exports_follow_the_published_schema() {
    let validator = schema_validator();
    for minutes in [bakehouse_minutes(), hostile_minutes()] {
        let json: serde_json::Value =
            serde_json::from_str(&export::minutes(&minutes, Format::Json, now())).expect("JSON");
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        assert_eq!(json["schema"], "roundtable.minutes/1");
    }
}

#[test]
fn the_schema_rejects_what_it_should() {
    let validator = schema_validator();
    let mut json: serde_json::Value =
        serde_json::from_str(&export::minutes(&bakehouse_minutes(), Format::Json, now()))
            .expect("JSON");
    json["kind"] = "party".into();
    assert!(
        !validator.is_valid(&json),
        "a test that cannot fail proves nothing"
    );
}

/// Every element name in an HTML page, parsed as XML.
fn elements(page: &str) -> (Vec<String>, String) {
    let mut reader = quick_xml::Reader::from_str(page);
    let mut names = Vec::new();
    let mut text = String::new();
    loop {
        match reader.read_event().expect("the page is well-formed") {
            Xml::Start(e) | Xml::Empty(e) => names.push(e.name().as_ref().to_string()),
            Xml::Text(t) => text.push_str(&t),
            Xml::GeneralRef(r) => {
                text.push_str(match &*r {
                    "lt" => "<",
                    "gt" => ">",
                    "amp" => "&",
                    "quot" => "\"",
                    "#39" => "'",
                    other => panic!("unexpected entity {other}"),
                });
            }
            Xml::Eof => break,
            _ => {}
        }
    }
    (names, text)
}

#[test]
fn no_html_element_comes_from_user_text() {
    let page = export::minutes(&hostile_minutes(), Format::Html, now());
    let (names, text) = elements(&page);
    let allowed = [
        "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "dl", "dt", "dd",
        "ul", "li", "table", "thead", "tbody", "tr", "th", "td",
    ];
    for name in &names {
        assert!(
            allowed.contains(&name.as_str()),
            "element <{name}> came from user text"
        );
    }
    for hostile in HOSTILE {
        assert!(text.contains(hostile), "{hostile:?} is shown as text");
    }
    assert!(!page.contains("<script") && !page.contains("<img") && !page.contains("<a "));
}

/// Pipes in a Markdown line that are not escaped.
fn bare_pipes(line: &str) -> usize {
    line.match_indices('|')
        .filter(|(i, _)| !line[..*i].ends_with('\\'))
        .count()
}

#[test]
fn markdown_shows_hostile_text_as_text() {
    let md = export::minutes(&hostile_minutes(), Format::Markdown, now());
    for tag in ["<script", "<img", "<a ", "<!--"] {
        assert!(
            md.match_indices(tag).all(|(i, _)| md[..i].ends_with('\\')),
            "raw {tag} in:\n{md}"
        );
    }
    assert!(!md.contains("[x](javascript"), "no link can form");
    for table in md.split("\n\n").filter(|b| b.starts_with('|')) {
        let columns = bare_pipes(table.lines().next().unwrap_or(""));
        assert!(
            table.lines().all(|l| bare_pipes(l) == columns),
            "a cell broke its table:\n{table}"
        );
    }
    assert!(
        md.lines()
            .all(|l| !l.starts_with("- - ") && !l.starts_with("- 1.")),
        "no list inside an item"
    );
}

#[test]
fn the_email_is_a_well_formed_message() {
    for minutes in [bakehouse_minutes(), hostile_minutes()] {
        let eml = export::minutes(&minutes, Format::Email, now());
        assert!(
            !eml.replace("\r\n", "").contains('\n'),
            "every line ends in CRLF"
        );
        assert!(
            eml.split("\r\n").all(|l| l.len() <= 998),
            "no line over 998 octets"
        );
        let (head, _body) = eml.split_once("\r\n\r\n").expect("headers, then a body");
        let names: Vec<&str> = head
            .split("\r\n")
            .filter(|l| !l.starts_with(' '))
            .map(|l| l.split(':').next().unwrap_or(""))
            .collect();
        let known = [
            "From",
            "To",
            "Cc",
            "Date",
            "Subject",
            "Message-ID",
            "MIME-Version",
            "Content-Type",
            "Content-Transfer-Encoding",
            "X-Unsent",
        ];
        assert!(
            names.iter().all(|n| known.contains(n)),
            "only known headers: {names:?}"
        );
        for required in [
            "From",
            "To",
            "Date",
            "Subject",
            "MIME-Version",
            "Content-Type",
        ] {
            assert_eq!(
                names.iter().filter(|n| **n == required).count(),
                1,
                "{required} once"
            );
        }
        assert!(
            head.split("\r\n").all(|l| l.is_ascii()),
            "headers are ASCII (RFC 2047 for the rest)"
        );
    }
    let eml = export::minutes(&bakehouse_minutes(), Format::Email, now());
    assert!(eml.contains("To: \"Jonas Lindqvist\" <jonas@riverbend-bakery.example>,"));
    assert!(
        eml.contains("Cc: \"Mei Chen\" <mei@riverbend-bakery.example>"),
        "the absent are copied"
    );
    assert!(eml.contains("Subject: Minutes: Bakehouse tactical meeting, 24 November 2026"));
}

#[test]
fn an_address_that_would_inject_a_header_is_left_out() {
    let mut minutes = bakehouse_minutes();
    minutes.attendees[0].email = Some("x@y.z>\r\nBcc: spy@example.org".into());
    let eml = export::minutes(&minutes, Format::Email, now());
    assert!(!eml.contains("Bcc") && !eml.contains("spy@"));
}

mod org_export {
    use super::*;
    use roundtable::domain::OrgFile;
    use roundtable::export::org::{OrgFormat, render};
    use roundtable::store::Store;

    /// Export, import into an empty database, export again.
    fn round_trip(org: &roundtable::domain::Organisation) -> (String, String) {
        let first = render(org, &[], OrgFormat::Toml).expect("exports");
        let mut store = Store::open_in_memory().expect("store");
        store
            .import(&OrgFile::parse(&first).expect("the export is a valid organisation file"))
            .expect("imports");
        let again = store.load_whole_organisation().expect("load").expect("org");
        (
            first,
            render(&again, &[], OrgFormat::Toml).expect("exports again"),
        )
    }

    #[test]
    fn the_demo_round_trips_through_toml_identically() {
        let h = Harness::demo();
        let org = h.app.store().load_whole_organisation().expect("load");
        let (first, second) = round_trip(&org.expect("org"));
        assert_eq!(first, second);
        assert!(first.contains("name = \"Head Baker\""));
        assert!(first.contains("[[circle.circles.roles.metrics.values]]"));
    }

    #[test]
    fn an_organisation_changed_by_a_meeting_round_trips_too() {
        let mut h = Harness::demo();
        h.start_tactical(1, &[]);
        for _ in 0..2 {
            h.press(Char('>'));
        }
        h.press(Enter)
            .enter_text("1999")
            .enter_text("after the meeting")
            .press(Char('>'))
            .press(Char('>'));
        h.press(Char('a'))
            .enter_text("Ovens")
            .choose("Kwame Mensah")
            .press(Char('>'));
        h.press(Enter)
            .choose("Project")
            .enter_text("New oven bought")
            .choose("Ovens and Equipment Keeper");
        h.press(Enter)
            .choose("Tension")
            .enter_text("Who may sign oven contracts?")
            .choose("Circle Lead");
        end_and_load(&mut h);
        // The organisation in memory holds the reports of the meeting's roles (the value
        // recorded in it among them); the export names every role's, so the rest are read.
        let mut org = (*h.app.view().org.clone().expect("org")).clone();
        let rest = org.reports_missing(org.all_roles());
        let reported = h.app.store().reported(Some(&rest)).expect("reports");
        org.hold_reports(&rest, reported);
        let (first, second) = round_trip(&org);
        assert_eq!(first, second);
        for text in [
            "New oven bought",
            "Who may sign oven contracts?",
            "value = 1999.0",
            "after the meeting",
        ] {
            assert!(first.contains(text), "{text} is in the export");
        }
    }

    /// Issue #15: a role's checklist items and metrics are in every format of the record,
    /// marked operational (not governance); the TOML still imports the same.
    #[test]
    fn checklist_items_and_metrics_are_in_every_format_marked_operational() {
        let h = Harness::demo();
        let org = h.app.view().org.clone().expect("org");
        let md = render(&org, &[], OrgFormat::Markdown).expect("md");
        for text in [
            "Checklist items, operational (not governance):",
            "VAT return filed (quarterly)",
            "Metrics, operational (not governance):",
            "Cash in bank (EUR, monthly)",
        ] {
            assert!(md.contains(text), "{text} in the handbook:\n{md}");
        }
        let json: serde_json::Value =
            serde_json::from_str(&render(&org, &[], OrgFormat::Json).expect("json"))
                .expect("parses");
        let roles = json["circle"]["roles"].as_array().expect("roles");
        let keeper = roles
            .iter()
            .find(|r| r["checklist"].is_array())
            .expect("a role with a checklist");
        assert_eq!(keeper["operational"], "operational (not governance)");
        assert!(
            roles
                .iter()
                .filter(|r| r["checklist"].is_null() && r["metrics"].is_null())
                .all(|r| r["operational"].is_null())
        );
        let (toml, again) = round_trip(&org);
        assert_eq!(toml, again);
        assert!(toml.contains("# operational (not governance)\n[[circle.roles.checklist]]"));
        assert!(toml.contains("# operational (not governance)\n[[circle.roles.metrics]]"));
    }

    #[test]
    fn the_handbook_and_the_json_carry_every_role() {
        let h = Harness::demo();
        let org = h.app.view().org.clone().expect("org");
        let md = render(&org, &[], OrgFormat::Markdown).expect("md");
        let json: serde_json::Value =
            serde_json::from_str(&render(&org, &[], OrgFormat::Json).expect("json"))
                .expect("parses");
        for role in &org.records().roles {
            assert!(
                md.contains(&format!("### {}", role.name)),
                "{} in the handbook",
                role.name
            );
        }
        assert_eq!(json["circle"]["circles"].as_array().map(Vec::len), Some(3));
        assert_eq!(json["rule_set"], "holacracy-5.0");
        assert!(md.contains("## Riverbend Bakery Cooperative › Bakehouse"));
    }
}

/// The mailboxes of every `name` header of `eml`, parsed back by an independent RFC 5322
/// parser (mailparse), as (display name, address).
fn recipients(eml: &str, name: &str) -> Vec<(String, String)> {
    let (message, _) = mailparse::parse_headers(eml.as_bytes()).expect("headers parse");
    let mut out = Vec::new();
    for header in message
        .iter()
        .filter(|h| h.get_key().eq_ignore_ascii_case(name))
    {
        let list = mailparse::addrparse_header(header).expect("address list parses");
        for addr in list.iter() {
            match addr {
                mailparse::MailAddr::Single(s) => {
                    out.push((s.display_name.clone().unwrap_or_default(), s.addr.clone()))
                }
                mailparse::MailAddr::Group(g) => panic!("unexpected group {:?}", g.group_name),
            }
        }
    }
    out
}

#[test]
fn display_names_are_quoted_so_they_add_no_recipient() {
    let names = [
        "Mal \"Quote\", Bcc: x@y",
        "Back\\slash, <spy@example.org>",
        "Zoë \"Ø\", Bcc: spy@example.org",
        "=?utf-8?B?U3B5?= <spy@example.org>",
    ];
    let mut minutes = bakehouse_minutes();
    for (i, name) in names.iter().enumerate() {
        let who = if i % 2 == 0 {
            &mut minutes.attendees[i / 2]
        } else {
            &mut minutes.absentees[0]
        };
        who.name = (*name).to_string();
        who.email = Some(format!("person{i}@example.org"));
        if i == 3 {
            minutes.attendees[1].name = (*name).to_string();
            minutes.attendees[1].email = Some("person3@example.org".into());
        }
    }
    let eml = export::minutes(&minutes, Format::Email, now());
    let (head, _) = eml.split_once("\r\n\r\n").expect("head");
    assert!(
        !head.to_lowercase().contains("\nbcc"),
        "no Bcc header:\n{head}"
    );
    let to = recipients(&eml, "To");
    let cc = recipients(&eml, "Cc");
    let expected_to: Vec<(String, String)> = minutes
        .attendees
        .iter()
        .filter_map(|p| Some((p.name.clone(), p.email.clone()?)))
        .collect();
    let expected_cc: Vec<(String, String)> = minutes
        .absentees
        .iter()
        .filter_map(|p| Some((p.name.clone(), p.email.clone()?)))
        .collect();
    assert_eq!(to, expected_to, "To, exactly:\n{head}");
    assert_eq!(cc, expected_cc, "Cc, exactly:\n{head}");
    assert!(
        to.iter()
            .chain(&cc)
            .all(|(_, a)| !a.contains("spy") && a != "x@y"),
        "{head}"
    );
}

/// The anchor circle's tactical meeting with a guest its Bakehouse's Circle Rep invited for a
/// tension (5.0 §5.4.1) and an observer, ended at once.
fn minutes_with_a_guest_and_an_observer() -> Minutes {
    let mut h = Harness::demo();
    h.press(Char('t'));
    let Screen::MeetingSetup(setup) = &h.app.view().screen else {
        panic!("no setup:\n{}", h.screen(100, 30));
    };
    let rep = setup
        .attendees
        .iter()
        .position(|a| a.name == "Tomasz Nowak")
        .expect("the Bakehouse's Circle Rep is invited");
    for _ in 0..rep {
        h.press(ratatui::crossterm::event::KeyCode::Down);
    }
    h.press(Char('a'))
        .enter_text("Zoë Park")
        .enter_text("Flour supply");
    h.press(Char('o')).enter_text("Sam Visitor");
    h.press(Enter);
    end_and_load(&mut h)
}

#[test]
fn guests_are_listed_with_who_invited_them_and_observers_as_such() {
    let minutes = minutes_with_a_guest_and_an_observer();
    let md = export::minutes(&minutes, Format::Markdown, now());
    assert!(
        md.contains(
            "Zoë Park (guest of Tomasz Nowak (Circle Rep of Bakehouse), for \"Flour supply\")"
        ),
        "{md}"
    );
    assert!(md.contains("Sam Visitor (observer)"), "{md}");
    let json: serde_json::Value =
        serde_json::from_str(&export::minutes(&minutes, Format::Json, now())).expect("JSON");
    let errors: Vec<String> = schema_validator()
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}
