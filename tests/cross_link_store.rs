//! Cross Links (4.1 §2.7) as the record then reads: the Cross Link Role in the Target Circle,
//! its filler a member invited to its meetings, the organisation file that carries it and
//! reads back the same, its removal, and taking the adoption back.

use chrono::{DateTime, TimeZone, Utc};
use roundtable::domain::meeting::governance::Change;
use roundtable::domain::meeting::{Effect, MeetingKind};
use roundtable::domain::membership::{Basis, members};
use roundtable::domain::*;
use roundtable::export::org::{OrgFormat, render};
use roundtable::store::Store;
use roundtable::store::prelude::*;

fn at(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, minute, 0)
        .single()
        .expect("time")
}

const DEMO: &str = include_str!("../data/demo-org.toml");

/// The demo organisation under 4.1.
fn file() -> OrgFile {
    let text = DEMO
        .replace("holacracy-5.0", "holacracy-4.1")
        .replace("\"Circle Lead\"", "\"Lead Link\"")
        .replace("\"Circle Rep\"", "\"Rep Link\"");
    OrgFile::parse(&text).expect("the demo parses")
}

fn store() -> Store {
    let mut store = Store::open_in_memory().expect("store");
    store.import(&file()).expect("imports");
    store
}

fn org(store: &Store) -> Organisation {
    store.load_organisation().expect("load").expect("org")
}

/// Adopts `changes` in the anchor circle's governance meeting; answers the meeting.
fn adopt(store: &mut Store, minute: u32, changes: Vec<Change>) -> MeetingId {
    let anchor = org(store).anchor().expect("anchor").id;
    let meeting = store
        .start_meeting(anchor, MeetingKind::Governance, at(minute), &"started")
        .expect("start");
    store
        .append_event(
            meeting,
            store.last_seq(meeting).expect("last seq"),
            at(minute),
            &"adopted",
            &[Effect::ApplyGovernance {
                circle: anchor,
                changes,
            }],
        )
        .expect("adopted");
    meeting
}

fn invite_guild(store: &mut Store) -> (MeetingId, PersonId) {
    let jonas = org(store)
        .person_named("Jonas Lindqvist")
        .expect("Jonas")
        .id;
    let change = Change::CreateCrossLink {
        from: LinkedEntity::Other {
            name: "Millers' Guild".into(),
        },
        into: org(store).anchor().expect("anchor").id,
        filler: jonas,
    };
    (adopt(store, 1, vec![change]), jonas)
}

#[test]
fn four_one_2_7_an_adopted_cross_link_is_a_role_of_the_circle_whose_filler_is_a_member() {
    let mut store = store();
    let (_, jonas) = invite_guild(&mut store);
    let org = org(&store);
    let anchor = org.anchor().expect("anchor").id;
    let links = org.cross_links_into(anchor);
    let [(role, link)] = links.as_slice() else {
        panic!("one Cross Link: {links:?}")
    };
    assert_eq!(role.name, "Cross Link from Millers' Guild");
    assert!(role.purpose.contains("holds the Purpose of Millers' Guild"));
    assert_eq!(org.linked_entity_name(&link.from), "Millers' Guild");
    // 4.1 §2.7.3: "A Cross Link becomes a Core Circle Member of the Target Circle".
    let member = members(&org, anchor)
        .into_iter()
        .find(|m| m.person == jonas)
        .expect("a member");
    assert!(member.bases.contains(&Basis::CrossLink(role.id)));
}

#[test]
fn four_one_2_7_the_organisation_file_carries_a_cross_link_and_reads_back_the_same() {
    let mut store = store();
    invite_guild(&mut store);
    let bakehouse = org(&store).circle_named("Bakehouse").expect("Bakehouse").id;
    let sales = Change::CreateCrossLink {
        from: LinkedEntity::Circle { circle: bakehouse },
        into: org(&store).anchor().expect("anchor").id,
        filler: org(&store).person_named("Jonas Lindqvist").expect("J").id,
    };
    adopt(&mut store, 2, vec![sales]);
    let text = render(&org(&store), &[], OrgFormat::Toml).expect("toml");
    assert!(text.contains("entity = \"Millers' Guild\""), "{text}");
    assert!(text.contains("circle = \"Bakehouse\""), "{text}");
    let handbook = render(&org(&store), &[], OrgFormat::Markdown).expect("markdown");
    assert!(
        handbook.contains("**Cross Link (4.1 §2.7) from:** Millers' Guild"),
        "{handbook}"
    );
    let mut again = Store::open_in_memory().expect("store");
    again
        .import(&OrgFile::parse(&text).expect("parses"))
        .expect("imports");
    let reread = org(&again);
    let anchor = reread.anchor().expect("anchor").id;
    assert_eq!(reread.cross_links_into(anchor).len(), 2);
    let twice = render(&reread, &[], OrgFormat::Toml).expect("toml");
    assert_eq!(twice, text, "export, import, export gives the same text");
}

#[test]
fn five_1_3_4_an_organisation_file_under_5_0_cannot_hold_a_cross_link() {
    let mut store = store();
    invite_guild(&mut store);
    let text = render(&org(&store), &[], OrgFormat::Toml)
        .expect("toml")
        .replace("holacracy-4.1", "holacracy-5.0")
        .replace("\"Lead Link\"", "\"Circle Lead\"")
        .replace("\"Rep Link\"", "\"Circle Rep\"");
    let refused = OrgFile::parse(&text).expect_err("5.0 has no Cross Link");
    assert!(refused.to_string().contains("5.0 §1.3.4"), "{refused}");
}

#[test]
fn removing_a_cross_link_ends_its_role_and_taking_the_adoption_back_restores_it() {
    let mut store = store();
    let (_, jonas) = invite_guild(&mut store);
    let anchor = org(&store).anchor().expect("anchor").id;
    let role = org(&store).cross_links_into(anchor)[0].0.id;
    let meeting = adopt(&mut store, 3, vec![Change::RemoveCrossLink { role }]);
    let after = org(&store);
    assert!(after.cross_links_into(anchor).is_empty());
    assert!(
        !members(&after, anchor)
            .iter()
            .any(|m| m.person == jonas && m.bases.iter().any(|b| matches!(b, Basis::CrossLink(_))))
    );
    let seq = store.last_seq(meeting).expect("seq");
    store
        .append_event(meeting, seq, at(4), &"undo", &[Effect::Undo { seq }])
        .expect("undone");
    let back = org(&store);
    assert_eq!(back.cross_links_into(anchor).len(), 1, "the link is back");
    assert_eq!(
        back.fillers_of(role).map(|a| a.person).collect::<Vec<_>>(),
        [jonas]
    );
}

#[test]
fn four_one_2_7_2_the_linked_circle_assigns_its_cross_link_and_only_one_person_fills_it() {
    use roundtable::domain::org_log::{OrgRequest, decide};
    let mut store = store();
    let bakehouse = org(&store).circle_named("Bakehouse").expect("Bakehouse").id;
    let jonas = org(&store).person_named("Jonas Lindqvist").expect("J").id;
    let from_bakehouse = Change::CreateCrossLink {
        from: LinkedEntity::Circle { circle: bakehouse },
        into: org(&store).anchor().expect("anchor").id,
        filler: jonas,
    };
    adopt(&mut store, 1, vec![from_bakehouse]);
    let org = org(&store);
    let anchor = org.anchor().expect("anchor").id;
    let role = org.cross_links_into(anchor)[0].0.id;
    let amara = org.person_named("Amara Okafor").expect("Amara").id;
    let mei = org.person_named("Mei Chen").expect("Mei").id;
    let assign = OrgRequest::Assign {
        role,
        person: mei,
        focus: None,
    };
    // 4.1 §2.7.2: "it may assign someone to fill the Cross Link Role using whatever process it
    // already has": Bakehouse's Lead Link, not the anchor circle's.
    let refused = decide(&assign, Some(amara), &org).expect_err("not the anchor's Lead Link");
    assert!(refused.to_string().contains("4.1 §2.7.2"), "{refused}");
    // "In all cases, only one person may be assigned to each Cross Link Role".
    let second = decide(&assign, Some(jonas), &org).expect_err("one person");
    assert!(second.to_string().contains("only one person"), "{second}");
}

#[test]
fn four_one_2_7_a_circles_cross_link_policy_may_link_into_one_of_its_sub_circles() {
    // 4.1 §2.7: the Target Circle "must be the Circle creating the Policy, or one of its
    // Sub-Circles".
    let mut store = store();
    let bakehouse = org(&store).circle_named("Bakehouse").expect("Bakehouse").id;
    let hannah = org(&store)
        .person_named("Hannah Becker")
        .expect("Hannah")
        .id;
    let change = Change::CreateCrossLink {
        from: LinkedEntity::Other {
            name: "Millers' Guild".into(),
        },
        into: bakehouse,
        filler: hannah,
    };
    adopt(&mut store, 1, vec![change]);
    let org = org(&store);
    let anchor = org.anchor().expect("anchor").id;
    assert!(org.cross_links_into(anchor).is_empty());
    let [(role, _)] = org.cross_links_into(bakehouse)[..] else {
        panic!("one Cross Link into Bakehouse")
    };
    assert!(
        role.purpose.starts_with("Within Bakehouse,"),
        "{}",
        role.purpose
    );
    assert!(
        members(&org, bakehouse)
            .iter()
            .any(|m| m.person == hannah && m.bases.contains(&Basis::CrossLink(role.id)))
    );
}
