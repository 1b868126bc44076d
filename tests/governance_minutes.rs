//! Minutes of a governance meeting, from a real log written through the store as the shell
//! will write it: each format snapshotted, the JSON checked against the schema.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use insta::assert_snapshot;
use roundtable::app::setup;
use roundtable::domain::meeting::governance::*;
use roundtable::domain::meeting::{Attendee, MeetingKind};
use roundtable::domain::*;
use roundtable::export::{self, Format};
use roundtable::store::Store;
use roundtable::store::prelude::*;

fn at(minute: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 14, 0, 0)
        .single()
        .expect("time")
        + Duration::minutes(minute)
}

/// Writes `events` as the shell would: each decided against the meeting so far and the
/// organisation, then appended with its effects.
fn write(store: &mut Store, meeting: MeetingId, events: Vec<GovEvent>) {
    for event in events {
        let org = store.load_organisation().expect("load").expect("org");
        let log = store.meeting_events::<GovEvent>(meeting).expect("log");
        let state = Governance::fold(&log, org.rule_set()).expect("folds");
        let effects = state
            .decide(&event, &org)
            .unwrap_or_else(|e| panic!("{event:?}: {e}"));
        let minute = i64::try_from(log.len()).unwrap_or(0);
        store
            .append_event(
                meeting,
                store.last_seq(meeting).expect("last seq"),
                at(minute),
                &event,
                &effects,
            )
            .expect("appended");
    }
}

/// A governance meeting of Bakehouse that adopts a role over an integrated objection (and an
/// invalid one) and elects a Secretary.
fn governance_meeting() -> (Store, MeetingId) {
    governance_meeting_by(None)
}

/// `governance_meeting`, its entries made by `actor` (a program's `--as`).
fn governance_meeting_by(actor: Option<&str>) -> (Store, MeetingId) {
    let mut store = Store::open_in_memory().expect("store");
    setup::load_demo(&mut store).expect("demo");
    store.set_actor(actor);
    let org = store.load_organisation().expect("load").expect("org");
    let bakehouse = org.circle_named("Bakehouse").expect("circle").id;
    let meeting = start(&mut store, &org, bakehouse);
    let term = NaiveDate::from_ymd_opt(2027, 11, 30);
    let mut events = agenda(term);
    events.extend(proposal_adopted_over_an_objection(&org, bakehouse));
    events.extend(election_counted(term));
    write(&mut store, meeting, events);
    // Kwame and Tomasz tied: the facilitator draws (5.0 §5.3.5(e)(iii)) with seed 7.
    let candidate = folded(&store, meeting)
        .item(ELECTION)
        .and_then(|i| i.election.as_ref()?.drawn(7))
        .expect("a tie");
    let tie = Some(TieBreak::Random { seed: 7 });
    let proposed = vote(ElectionEvent::Proposed { candidate, tie });
    write(&mut store, meeting, vec![proposed]);
    let election = folded(&store, meeting)
        .item(ELECTION)
        .and_then(|i| i.election.clone())
        .expect("election");
    let mut events: Vec<GovEvent> = election
        .objection_order(&[0, 1, 2, 3])
        .into_iter()
        .map(|a| vote(ElectionEvent::NoObjection { attendee: a }))
        .collect();
    events.push(vote(ElectionEvent::Elect));
    events.push(GovEvent::StepChanged {
        step: GovStep::Closing,
    });
    events.push(GovEvent::Ended);
    write(&mut store, meeting, events);
    (store, meeting)
}

/// The agenda's proposal item's sequence number.
const PROPOSAL: u64 = 3;
/// The agenda's election item's.
const ELECTION: u64 = 4;

/// A move on the proposal.
fn idm(event: IdmEvent) -> GovEvent {
    GovEvent::Proposal {
        item: PROPOSAL,
        event,
    }
}

/// A move of the election.
fn vote(event: ElectionEvent) -> GovEvent {
    GovEvent::Election {
        item: ELECTION,
        event,
    }
}

/// The meeting as its log now folds.
fn folded(store: &Store, meeting: MeetingId) -> Governance {
    let log = store.meeting_events::<GovEvent>(meeting).expect("log");
    let org = store.load_organisation().expect("load").expect("org");
    Governance::fold(&log, org.rule_set()).expect("folds")
}

/// The facilitator starts a governance meeting of Bakehouse with four present: Kwame
/// facilitates, Elif is the Secretary, Jonas the Lead.
fn start(store: &mut Store, org: &Organisation, bakehouse: CircleId) -> MeetingId {
    let names = [
        "Jonas Lindqvist",
        "Kwame Mensah",
        "Elif Yılmaz",
        "Tomasz Nowak",
    ];
    let attendees: Vec<Attendee> = names
        .iter()
        .map(|n| {
            let p = org.people().iter().find(|p| p.name == *n).expect("person");
            Attendee {
                person: Some(p.id),
                name: p.name.clone(),
                present: true,
                guest: false,
                invitation: None,
                observer: false,
            }
        })
        .collect();
    let started = GovEvent::Started {
        circle: bakehouse,
        attendees,
        facilitator: Some(1),
        secretary: Some(2),
        planned_minutes: 90,
        question: "What has your attention?".into(),
        lead: Some(0),
        incumbents: vec![(CoreRole::Secretary, 2)],
    };
    store
        .start_meeting(bakehouse, MeetingKind::Governance, at(0), &started)
        .expect("start")
}

/// Agenda building: a proposal ("Ovens") and the Secretary's election until `term`, then on
/// to the items.
fn agenda(term: Option<NaiveDate>) -> Vec<GovEvent> {
    vec![
        GovEvent::StepChanged {
            step: GovStep::Agenda,
        },
        GovEvent::ItemAdded {
            label: "Ovens".into(),
            owner: 0,
            kind: ItemKind::Proposal,
            tension: None,
        },
        GovEvent::ItemAdded {
            label: "Secretary".into(),
            owner: 2,
            kind: ItemKind::Election {
                role: CoreRole::Secretary,
                term_end: term,
            },
            tension: None,
        },
        GovEvent::StepChanged {
            step: GovStep::Items,
        },
    ]
}

/// Jonas proposes an Oven Scheduler; Kwame objects (invalid) and Tomasz objects for his role
/// (valid), integrated by amending it to nights; everyone then consents and it is adopted.
fn proposal_adopted_over_an_objection(org: &Organisation, bakehouse: CircleId) -> Vec<GovEvent> {
    let head_baker = org
        .roles_in(bakehouse)
        .find(|r| r.name == "Head Baker")
        .expect("role")
        .id;
    let role = Change::CreateRole {
        name: "Oven Scheduler".into(),
        purpose: "The ovens are used well, day and night.".into(),
        domains: vec![],
        accountabilities: vec!["Scheduling the ovens".into()],
    };
    let amended = Change::CreateRole {
        name: "Oven Scheduler".into(),
        purpose: "The ovens are used well at night.".into(),
        domains: vec![],
        accountabilities: vec!["Scheduling the night bake".into()],
    };
    // The role Tomasz's objection would limit (5.0 §5.3.2(b): a valid objection names one).
    let tomasz = org
        .people()
        .iter()
        .find(|p| p.name == "Tomasz Nowak")
        .expect("Tomasz")
        .id;
    let tomasz_role = org
        .roles_in(bakehouse)
        .find(|r| org.fillers_of(r.id).any(|a| a.person == tomasz))
        .map(|r| r.id);
    let mut events = vec![
        idm(IdmEvent::Framed {
            tension: "The ovens sit idle at night".into(),
            example: "Last Tuesday".into(),
            role: Some(head_baker),
            permission: None,
        }),
        idm(IdmEvent::Drafted {
            changes: vec![role],
        }),
        // 4.1 §3.3.5; 5.0 §5.4.5: questions, reactions and amend and clarify come first.
        idm(IdmEvent::StepTo {
            step: IdmStep::Clarify,
        }),
        idm(IdmEvent::StepTo {
            step: IdmStep::React,
        }),
        idm(IdmEvent::StepTo {
            step: IdmStep::Amend,
        }),
        idm(IdmEvent::NewRound),
    ];
    events.extend(objection_round(tomasz_role));
    events.extend([
        idm(IdmEvent::StepTo {
            step: IdmStep::Integrate,
        }),
        idm(IdmEvent::Drafted {
            changes: vec![amended],
        }),
        idm(IdmEvent::ObjectorSatisfied { objection: 1 }),
        idm(IdmEvent::ProposerSatisfied { objection: 1 }),
        idm(IdmEvent::NewRound),
    ]);
    events.extend((0..4).map(|attendee| idm(IdmEvent::NoObjection { attendee })));
    events.push(idm(IdmEvent::Ended {
        outcome: Outcome::Adopted { version: 2 },
    }));
    events
}

/// The first objection round: Kwame objects without a role (tested invalid), Tomasz for
/// `tomasz_role` (tested valid), Jonas and Elif have none.
fn objection_round(tomasz_role: Option<RoleId>) -> Vec<GovEvent> {
    vec![
        idm(IdmEvent::Objected {
            attendee: 1,
            role: None,
            text: "I would rather have a rota".into(),
            sub_circle: None,
            permission: None,
        }),
        idm(IdmEvent::Objected {
            attendee: 3,
            role: tomasz_role,
            text: "Nights need a key holder".into(),
            sub_circle: None,
            permission: None,
        }),
        idm(IdmEvent::NoObjection { attendee: 0 }),
        idm(IdmEvent::NoObjection { attendee: 2 }),
        idm(IdmEvent::Tested {
            objection: 0,
            test: ObjectionTest {
                answers: [true, false, true, false],
                breaks_constitution: false,
            },
        }),
        idm(IdmEvent::Tested {
            objection: 1,
            test: ObjectionTest {
                answers: [true; 4],
                breaks_constitution: false,
            },
        }),
    ]
}

/// The election up to its count: the term described, ballots cast (two each for Kwame and
/// Tomasz), every reason read, and the change round (two change, crossing: still tied).
fn election_counted(term: Option<NaiveDate>) -> Vec<GovEvent> {
    let mut events = vec![GovEvent::CursorMoved {
        step: GovStep::Items,
        index: 1,
    }];
    if let Some(term_end) = term {
        events.push(vote(ElectionEvent::Described { term_end }));
    }
    events.extend(
        [(0, 1), (1, 1), (2, 3), (3, 3)]
            .map(|(voter, nominee)| vote(ElectionEvent::Ballot { voter, nominee })),
    );
    let step = |step| vote(ElectionEvent::StepTo { step });
    events.push(step(ElectionStep::Nominations));
    events.extend((0..4).map(|voter| {
        let reason = "Knows the ovens".into();
        vote(ElectionEvent::Reason { voter, reason })
    }));
    events.push(step(ElectionStep::Changes));
    events.push(vote(ElectionEvent::Kept { voter: 0 }));
    events.push(vote(ElectionEvent::Changed {
        voter: 1,
        nominee: 3,
        reason: "Tomasz has the time".into(),
    }));
    events.push(vote(ElectionEvent::Changed {
        voter: 2,
        nominee: 1,
        reason: "Kwame needs the support".into(),
    }));
    events.push(vote(ElectionEvent::Kept { voter: 3 }));
    events.push(step(ElectionStep::Count));
    events
}

fn now() -> DateTime<FixedOffset> {
    FixedOffset::east_opt(0)
        .expect("UTC")
        .from_utc_datetime(&at(120).naive_utc())
}

#[test]
fn each_format_of_a_governance_meeting() {
    let (store, meeting) = governance_meeting();
    let minutes = roundtable::app::minutes::load(&store, meeting).expect("minutes");
    assert_eq!(
        minutes.proposals[0].outcome.as_deref(),
        Some("adopted (version 2)")
    );
    assert_eq!(
        minutes.proposals[0].objections[0].resolution,
        "invalid, kept in the record"
    );
    assert_eq!(minutes.proposals[0].objections[1].resolution, "integrated");
    assert!(
        minutes.elections[0]
            .tie_break
            .as_deref()
            .is_some_and(|t| t.contains("seed 7")),
        "Kwame and Tomasz tied"
    );
    for format in Format::ALL {
        assert_snapshot!(
            format!("governance_minutes_{}", format.extension()),
            export::minutes(&minutes, format, now())
        );
    }
    // The record changed with the meeting: the new role, and the elected Secretary.
    let org = store.load_organisation().expect("load").expect("org");
    let bakehouse = org.circle_named("Bakehouse").expect("circle").id;
    assert!(org.roles_in(bakehouse).any(|r| r.name == "Oven Scheduler" && r.purpose == "The ovens are used well at night."));
    let secretary = org
        .core_role(bakehouse, CoreRole::Secretary)
        .expect("core")
        .id;
    let fillers: Vec<_> = org
        .fillers_of(secretary)
        .map(|a| org.person_name(a.person).to_string())
        .collect();
    assert_eq!(fillers.len(), 1);
}

#[test]
fn governance_minutes_follow_the_published_schema() {
    let (store, meeting) = governance_meeting();
    let minutes = roundtable::app::minutes::load(&store, meeting).expect("minutes");
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../docs/minutes.schema.json"))
            .expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let json: serde_json::Value =
        serde_json::from_str(&export::minutes(&minutes, Format::Json, now())).expect("JSON");
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// The app on `store`, showing the organisation browser at the role (or circle) `name`, its
/// details scrolled to the end.
fn browse_to(store: Store, name: &str) -> String {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = roundtable::app::App::new(store).expect("app");
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    app.handle_key(key(KeyCode::Enter));
    for _ in 0..60 {
        let screen = draw(&app);
        if screen
            .lines()
            .nth(2)
            .is_some_and(|l| l.contains(&format!("││{name} ")))
        {
            // Scroll the details to their end, where the history is.
            for _ in 0..10 {
                app.handle_key(key(KeyCode::PageDown));
                draw(&app);
            }
            return draw(&app);
        }
        app.handle_key(key(KeyCode::Down));
    }
    panic!("{name} not found:\n{}", draw(&app));
}

fn draw(app: &roundtable::app::App) -> String {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 80)).expect("terminal");
    terminal
        .draw(|f| roundtable::ui::draw(f, app.view()))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    (0..80)
        .map(|y| {
            (0..160)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect()
}

#[test]
fn the_browser_shows_a_roles_history_and_the_circles_governance_log() {
    let (mut store, meeting) = governance_meeting();
    let org = store.load_organisation().expect("load").expect("org");
    let bakehouse = org.circle_named("Bakehouse").expect("circle").id;
    let head_baker = org
        .roles_in(bakehouse)
        .find(|r| r.name == "Head Baker")
        .expect("role");
    let mut accountabilities = head_baker.accountabilities.clone();
    accountabilities.push("Keeping the rye recipe".into());
    let amend = Change::AmendRole {
        role: head_baker.id,
        name: Some("Master Baker".into()),
        purpose: None,
        domains: None,
        accountabilities: Some(accountabilities),
    };
    let effects = [roundtable::domain::meeting::Effect::ApplyGovernance {
        circle: bakehouse,
        changes: vec![amend],
    }];
    store
        .append_event(
            meeting,
            store.last_seq(meeting).expect("last seq"),
            at(200),
            &"amended",
            &effects,
        )
        .expect("amended");
    let screen = browse_to(store, "Master Baker");
    assert!(screen.contains("History, newest first"), "{screen}");
    assert!(
        screen.contains("renamed from Head Baker; + Keeping the rye recipe"),
        "{screen}"
    );
}

#[test]
fn a_circles_governance_log_lists_what_its_meetings_adopted() {
    let (store, _) = governance_meeting();
    let screen = browse_to(store, "Bakehouse");
    assert!(screen.contains("Governance log, newest first"), "{screen}");
    assert!(
        screen.contains("· meeting 1 · proposal “Ovens” · role Oven Scheduler: created"),
        "{screen}"
    );
}

/// Issue 12, "Who recorded it": the history names who recorded a change made in a meeting
/// (the circle's log and the role's own history), and names nobody where that is unknown
/// (as in `a_circles_governance_log_lists_what_its_meetings_adopted`).
#[test]
fn a_change_made_in_a_meeting_names_who_recorded_it_in_the_history() {
    let (store, _) = governance_meeting_by(Some("Kwame Mensah"));
    let screen = browse_to(store, "Bakehouse");
    assert!(
        screen.contains("· proposal “Ovens” · recorded by Kwame Mensah · role Oven Scheduler"),
        "{screen}"
    );
    let (store, _) = governance_meeting_by(Some("Kwame Mensah"));
    let screen = browse_to(store, "Oven Scheduler");
    assert!(
        screen.contains("· proposal “Ovens” · recorded by Kwame Mensah: created"),
        "{screen}"
    );
    let (store, _) = governance_meeting();
    assert!(!browse_to(store, "Bakehouse").contains("recorded by"));
}

/// The next day, a later meeting entry renames the Head Baker to Master Baker.
fn rename_the_head_baker_the_next_day(store: &mut Store, meeting: MeetingId) {
    let org = store.load_organisation().expect("load").expect("org");
    let bakehouse = org.circle_named("Bakehouse").expect("circle").id;
    let head_baker = org
        .roles_in(bakehouse)
        .find(|r| r.name == "Head Baker")
        .expect("role")
        .id;
    let rename = Change::AmendRole {
        role: head_baker,
        name: Some("Master Baker".into()),
        purpose: None,
        domains: None,
        accountabilities: None,
    };
    let effects = [roundtable::domain::meeting::Effect::ApplyGovernance {
        circle: bakehouse,
        changes: vec![rename],
    }];
    store
        .append_event(
            meeting,
            store.last_seq(meeting).expect("last seq"),
            at(24 * 60),
            &"renamed the next day",
            &effects,
        )
        .expect("renamed");
}

/// In the browser, `d` and a date typed then Enter: the organisation as it stood then.
fn browse_as_of(app: &mut roundtable::app::App, date: &str) {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    app.handle_key(key(KeyCode::Char('d')));
    for c in date.chars() {
        app.handle_key(key(KeyCode::Char(c)));
    }
    app.handle_key(key(KeyCode::Enter));
}

#[test]
fn the_organisation_can_be_seen_as_it_stood_on_a_past_date() {
    let (mut store, meeting) = governance_meeting();
    rename_the_head_baker_the_next_day(&mut store, meeting);
    let org = store.load_organisation().expect("load").expect("org");
    let bakehouse = org.circle_named("Bakehouse").expect("circle").id;
    let names = |o: &Organisation| {
        o.roles_in(bakehouse)
            .map(|r| r.name.clone())
            .collect::<Vec<_>>()
    };

    let before = org.as_of(NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"));
    assert!(
        !names(&before).contains(&"Oven Scheduler".to_string()),
        "created later"
    );
    assert!(names(&before).contains(&"Head Baker".to_string()));
    let that_day = org.as_of(NaiveDate::from_ymd_opt(2026, 11, 24).expect("date"));
    assert!(names(&that_day).contains(&"Oven Scheduler".to_string()));
    assert!(
        names(&that_day).contains(&"Head Baker".to_string()),
        "renamed only the next day"
    );
    let today = names(&org);
    assert!(
        today.contains(&"Master Baker".to_string()) && !today.contains(&"Head Baker".to_string())
    );

    // In the browser: d, a date, Enter; Esc comes back to today.
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = roundtable::app::App::new(store).expect("app");
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    app.handle_key(key(KeyCode::Enter));
    browse_as_of(&mut app, "2026-11-23");
    let screen = draw(&app);
    assert!(screen.contains("As it stood on 2026-11-23"), "{screen}");
    assert!(
        screen.contains("Head Baker") && !screen.contains("Oven Scheduler"),
        "{screen}"
    );
    app.handle_key(key(KeyCode::Esc));
    let screen = draw(&app);
    assert!(
        screen.contains("Master Baker") && screen.contains("Organisation browser"),
        "{screen}"
    );
    browse_as_of(&mut app, "last week");
    assert!(draw(&app).contains("\"last week\" is not a date"));
}
