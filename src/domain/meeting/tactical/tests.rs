//! The tactical state machine, fed event sequences as the shell would.

use super::super::{Attendee, Output, OutputKind};
use super::*;
use crate::domain::org::ProjectStatus;
use chrono::TimeZone;

/// A meeting log being written: each event is decided against the fold of what came before.
pub(super) struct Run {
    log: Vec<Recorded>,
    now: DateTime<Utc>,
}

pub(super) fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .expect("a time")
}

pub(super) fn attendee(name: &str, present: bool) -> Attendee {
    Attendee {
        person: Some(PersonId(name.len() as i64)),
        name: name.into(),
        present,
        guest: false,
        invitation: None,
        observer: false,
    }
}

pub(super) fn started(attendees: Vec<Attendee>, planned_minutes: u32) -> Event {
    Event::Started {
        circle: CircleId(2),
        attendees,
        facilitator: Some(0),
        secretary: Some(1),
        planned_minutes,
        question: "What has your attention?".into(),
        checklist: vec![ChecklistItemId(1), ChecklistItemId(2)],
        metrics: vec![MetricId(1)],
        projects: vec![ProjectId(7)],
        progress: vec![],
    }
}

pub(super) fn period() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 16).expect("a date")
}

impl Run {
    pub(super) fn new() -> Run {
        Run::with(
            vec![
                attendee("Ana", true),
                attendee("Ben", true),
                attendee("Cleo", false),
                attendee("Dev", true),
            ],
            60,
        )
    }

    pub(super) fn with(attendees: Vec<Attendee>, minutes: u32) -> Run {
        let first = Recorded {
            seq: 1,
            at: t0(),
            event: started(attendees, minutes),
        };
        Tactical::start(&first).expect("starts");
        Run {
            log: vec![first],
            now: t0(),
        }
    }

    pub(super) fn state(&self) -> Tactical {
        Tactical::fold(&self.log).expect("folds")
    }

    pub(super) fn wait(&mut self, seconds: i64) -> &mut Run {
        self.now += Duration::seconds(seconds);
        self
    }

    pub(super) fn try_event(&mut self, event: Event) -> Result<Vec<Effect>, Refusal> {
        let effects = self.state().decide(&event)?;
        let seq = self.log.len() as u64 + 1;
        self.log.push(Recorded {
            seq,
            at: self.now,
            event,
        });
        Ok(effects)
    }

    pub(super) fn ok(&mut self, event: Event) -> Vec<Effect> {
        self.try_event(event).expect("accepted")
    }

    pub(super) fn refused(&mut self, event: Event) -> String {
        let before = self.log.len();
        let refusal = self.try_event(event).expect_err("refused").0;
        assert_eq!(self.log.len(), before, "a refusal writes nothing");
        refusal
    }

    pub(super) fn last_seq(&self) -> u64 {
        self.log.len() as u64
    }

    pub(super) fn step(&mut self, step: Step) -> &mut Run {
        self.ok(Event::StepChanged { step });
        self
    }

    pub(super) fn add_item(&mut self, label: &str, owner: usize) -> u64 {
        self.ok(Event::AgendaItemAdded {
            label: label.into(),
            owner,
            tension: None,
        });
        self.last_seq()
    }
}

fn output(kind: OutputKind, role: Option<i64>, person: Option<i64>) -> Output {
    Output {
        kind,
        text: "Call the flour mill".into(),
        role: role.map(RoleId),
        person: person.map(PersonId),
        accepted_by: None,
        serves: None,
    }
}

#[test]
fn a_meeting_starts_at_check_in_with_the_present_attendees_in_order() {
    let m = Run::new().state();
    assert_eq!(m.step, Step::CheckIn);
    assert_eq!(m.rounds.order, [0, 1, 3], "Cleo is absent");
    assert_eq!(m.speaker(), Some(0));
    assert_eq!(m.deadline(), t0() + Duration::minutes(60));
}

#[test]
fn a_meeting_with_nobody_present_is_refused() {
    let first = Recorded {
        seq: 1,
        at: t0(),
        event: started(vec![attendee("Ana", false)], 60),
    };
    assert!(Tactical::start(&first).is_err());
}

#[test]
fn moving_to_the_next_speaker_records_how_long_the_last_one_held_the_floor() {
    let mut run = Run::new();
    run.wait(95).ok(Event::CursorMoved {
        step: Step::CheckIn,
        index: 1,
    });
    run.wait(30).ok(Event::CursorMoved {
        step: Step::CheckIn,
        index: 2,
    });
    let m = run.state();
    assert_eq!(m.speaker(), Some(3));
    let floor: Vec<_> = m
        .rounds
        .floor
        .iter()
        .map(|f| (f.step, f.attendee, f.seconds))
        .collect();
    assert_eq!(floor, [(Step::CheckIn, 0, 95), (Step::CheckIn, 1, 30)]);
}

#[test]
fn the_cursor_cannot_go_past_the_last_speaker() {
    let mut run = Run::new();
    assert_eq!(
        run.refused(Event::CursorMoved {
            step: Step::CheckIn,
            index: 3
        }),
        "nothing there"
    );
}

#[test]
fn a_shuffled_order_must_name_every_present_attendee_once() {
    let mut run = Run::new();
    run.ok(Event::OrderChanged {
        order: vec![3, 0, 1],
    });
    assert_eq!(run.state().speaker(), Some(3));
    run.refused(Event::OrderChanged { order: vec![3, 0] });
    run.refused(Event::OrderChanged {
        order: vec![3, 0, 2],
    });
}

#[test]
fn notes_are_for_present_speakers_in_rounds_only() {
    let mut run = Run::new();
    run.ok(Event::NoteTaken {
        step: Step::CheckIn,
        attendee: 1,
        text: "Tired but here".into(),
    });
    assert_eq!(
        run.state()
            .note_for(Step::CheckIn, 1)
            .map(|n| n.text.as_str()),
        Some("Tired but here")
    );
    run.refused(Event::NoteTaken {
        step: Step::CheckIn,
        attendee: 2,
        text: "absent".into(),
    });
    run.refused(Event::NoteTaken {
        step: Step::CheckIn,
        attendee: 0,
        text: "  ".into(),
    });
    run.step(Step::Metrics);
    run.refused(Event::NoteTaken {
        step: Step::Metrics,
        attendee: 0,
        text: "x".into(),
    });
}

#[test]
fn a_checklist_answer_writes_to_the_organisation_once_and_can_be_taken_back() {
    let mut run = Run::new();
    run.step(Step::Checklist);
    let answer = Event::ChecklistAnswered {
        item: ChecklistItemId(1),
        checked: true,
        reporter: Some(1),
        period: period(),
    };
    let effects = run.ok(answer.clone());
    assert_eq!(
        effects,
        [Effect::AnswerChecklist {
            item: ChecklistItemId(1),
            period: period(),
            checked: true
        }]
    );
    assert!(run.refused(answer.clone()).contains("already answered"));
    let seq = run.last_seq();
    assert_eq!(run.ok(Event::Retracted { seq }), [Effect::Undo { seq }]);
    assert!(run.state().answer_for(ChecklistItemId(1)).is_none());
    run.ok(answer);
}

#[test]
fn an_absent_fillers_item_can_be_reported_by_someone_present() {
    let mut run = Run::new();
    run.step(Step::Checklist);
    run.refused(Event::ChecklistAnswered {
        item: ChecklistItemId(2),
        checked: false,
        reporter: Some(2),
        period: period(),
    });
    run.ok(Event::ChecklistAnswered {
        item: ChecklistItemId(2),
        checked: false,
        reporter: Some(3),
        period: period(),
    });
    assert_eq!(
        run.state()
            .answer_for(ChecklistItemId(2))
            .and_then(|a| a.reporter),
        Some(3)
    );
}

#[test]
fn a_metric_value_must_be_a_finite_number() {
    let mut run = Run::new();
    run.step(Step::Metrics);
    let report = |value| Event::MetricReported {
        metric: MetricId(1),
        value,
        comment: None,
        reporter: None,
        period: period(),
    };
    run.refused(report(f64::NAN));
    run.refused(report(f64::INFINITY));
    let effects = run.ok(report(1985.0));
    assert!(matches!(effects[0], Effect::RecordMetric { value, .. } if value == 1985.0));
}

#[test]
fn a_project_update_can_change_its_status() {
    let mut run = Run::new();
    run.step(Step::Progress);
    let effects = run.ok(Event::ProjectUpdated {
        project: ProjectId(7),
        update: Some("Oven delivered".into()),
        status_before: ProjectStatus::Current,
        status: ProjectStatus::Done,
        reporter: Some(0),
    });
    assert_eq!(
        effects,
        [Effect::UpdateProject {
            project: ProjectId(7),
            update: Some("Oven delivered".into()),
            status: ProjectStatus::Done
        }]
    );
    assert!(
        run.refused(Event::ProjectUpdated {
            project: ProjectId(8),
            update: None,
            status_before: ProjectStatus::Current,
            status: ProjectStatus::Current,
            reporter: None,
        })
        .contains("not in this meeting")
    );
}

#[test]
fn agenda_items_can_be_reordered_and_deleted_but_not_once_they_have_outputs() {
    let mut run = Run::new();
    run.step(Step::Agenda);
    let a = run.add_item("Butter", 0);
    let b = run.add_item("Queue", 1);
    let c = run.add_item("Oven", 3);
    run.ok(Event::AgendaItemMoved { item: c, to: 0 });
    assert_eq!(run.state().agenda_order, [c, a, b]);
    run.ok(Event::AgendaItemDeleted { item: a });
    assert_eq!(run.state().agenda_order, [c, b]);
    run.step(Step::Triage);
    run.ok(Event::OutputAdded {
        item: c,
        output: output(OutputKind::Information, None, None),
    });
    assert!(
        run.refused(Event::AgendaItemDeleted { item: c })
            .contains("outputs")
    );
}

#[test]
fn a_tension_from_someones_list_is_processed_when_it_joins_the_agenda_and_only_once() {
    let mut run = Run::new();
    run.step(Step::Agenda);
    let add = Event::AgendaItemAdded {
        label: "Butter".into(),
        owner: 0,
        tension: Some(TensionId(5)),
    };
    assert_eq!(
        run.ok(add.clone()),
        [Effect::ProcessTension {
            tension: TensionId(5)
        }]
    );
    assert!(run.refused(add).contains("already on the agenda"));
}

#[test]
fn triage_outputs_need_their_owners_and_write_to_the_organisation() {
    let mut run = Run::new();
    run.step(Step::Agenda);
    let item = run.add_item("Butter", 0);
    run.step(Step::Triage);
    let add = |o| Event::OutputAdded { item, output: o };
    assert!(
        run.refused(add(output(OutputKind::NextAction, Some(10), None)))
            .contains("needs a person")
    );
    assert!(
        run.refused(add(output(OutputKind::Project, None, Some(1))))
            .contains("needs a role")
    );
    let effects = run.ok(add(output(OutputKind::NextAction, None, Some(1))));
    assert!(
        matches!(
            &effects[0],
            Effect::CreateNextAction {
                role: None,
                person: PersonId(1),
                ..
            }
        ),
        "an individual action"
    );
    let effects = run.ok(add(output(OutputKind::Project, Some(10), Some(1))));
    assert!(matches!(
        &effects[0],
        Effect::CreateProject {
            role: RoleId(10),
            ..
        }
    ));
    let effects = run.ok(add(output(OutputKind::Tension, Some(10), Some(1))));
    assert!(matches!(
        &effects[0],
        Effect::CreateTension {
            circle: CircleId(2),
            kind: crate::domain::org::TensionKind::Governance,
            ..
        }
    ));
    assert!(
        run.ok(add(output(OutputKind::Information, None, None)))
            .is_empty()
    );
    run.ok(Event::ItemClosed {
        item,
        got_what_needed: true,
    });
    assert!(
        run.refused(add(output(OutputKind::Request, None, Some(1))))
            .contains("closed")
    );
    assert_eq!(run.state().item(item).map(|i| i.outputs.len()), Some(4));
}

#[test]
fn only_the_last_entry_of_the_current_step_can_be_taken_back() {
    let mut run = Run::new();
    run.ok(Event::NoteTaken {
        step: Step::CheckIn,
        attendee: 0,
        text: "first".into(),
    });
    let first = run.last_seq();
    run.ok(Event::NoteTaken {
        step: Step::CheckIn,
        attendee: 1,
        text: "second".into(),
    });
    assert!(
        run.refused(Event::Retracted { seq: first })
            .contains("only the last entry")
    );
    run.step(Step::Checklist);
    assert_eq!(
        run.state().last_entry_in_step(),
        None,
        "nothing to take back in a fresh step"
    );
}

#[test]
fn an_item_with_outputs_cannot_be_taken_back_but_its_outputs_can() {
    let mut run = Run::new();
    run.step(Step::Agenda);
    let item = run.add_item("Butter", 0);
    run.step(Step::Triage);
    run.ok(Event::OutputAdded {
        item,
        output: output(OutputKind::Request, None, Some(1)),
    });
    let out = run.last_seq();
    run.step(Step::Agenda);
    assert!(
        run.refused(Event::Retracted { seq: item })
            .contains("outputs")
    );
    run.step(Step::Triage);
    run.ok(Event::Retracted { seq: out });
    run.step(Step::Agenda);
    run.ok(Event::Retracted { seq: item });
    assert!(run.state().agenda_order.is_empty());
}

#[test]
fn taking_back_an_item_leaves_later_items_and_their_outputs_in_place() {
    let mut run = Run::new();
    run.step(Step::Agenda);
    let first = run.add_item("Butter", 0);
    run.ok(Event::Retracted { seq: first });
    let second = run.add_item("Queue", 1);
    run.step(Step::Triage);
    run.ok(Event::OutputAdded {
        item: second,
        output: output(OutputKind::Information, None, None),
    });
    let m = run.state();
    assert_eq!(m.agenda_order, [second]);
    assert_eq!(
        m.item(second).map(|i| (i.label.as_str(), i.outputs.len())),
        Some(("Queue", 1))
    );
}

#[test]
fn timeboxes_come_from_deadlines_and_a_minute_can_be_added() {
    let mut run = Run::new();
    let m = run.state();
    assert_eq!(
        m.step_deadline(),
        t0() + Duration::minutes(6),
        "check-in is 10% of 60 minutes"
    );
    run.ok(Event::TimeAdded { minutes: 1 });
    let m = run.state();
    assert_eq!(m.step_deadline(), t0() + Duration::minutes(7));
    assert_eq!(m.deadline(), t0() + Duration::minutes(61));
    run.refused(Event::TimeAdded { minutes: 0 });
}

#[test]
fn each_triage_item_gets_its_share_of_the_remaining_time() {
    let mut run = Run::new();
    run.step(Step::Agenda);
    let a = run.add_item("Butter", 0);
    run.add_item("Queue", 1);
    run.wait(20 * 60).step(Step::Triage);
    let m = run.state();
    assert_eq!(m.current_item(), Some(a));
    assert_eq!(
        m.item_deadline(),
        Some(t0() + Duration::minutes(20) + Duration::seconds(33 * 60 / 2)),
        "triage's own 33 minutes (55% of 60), 2 open items: 16:30 each, as the step clock says"
    );
}

#[test]
fn an_ended_meeting_takes_no_more_entries() {
    let mut run = Run::new();
    run.ok(Event::Ended);
    assert_eq!(
        run.state().ended_at,
        Some(t0()),
        "a two-second meeting is a meeting"
    );
    assert_eq!(
        run.refused(Event::StepChanged { step: Step::Triage }),
        "the meeting has ended"
    );
}

#[test]
fn forty_attendees_with_long_names_make_a_valid_meeting() {
    let people: Vec<Attendee> = (0..40)
        .map(|i| attendee(&format!("{i} {}", "Longname ".repeat(30)), true))
        .collect();
    let mut run = Run::with(people, 90);
    run.ok(Event::CursorMoved {
        step: Step::CheckIn,
        index: 39,
    });
    assert_eq!(run.state().speaker(), Some(39));
}

#[test]
fn the_log_survives_a_trip_through_json() {
    let mut run = Run::new();
    run.step(Step::Agenda);
    run.add_item("Butter", 0);
    let json = serde_json::to_string(&run.log).expect("serialises");
    let back: Vec<Recorded> = serde_json::from_str(&json).expect("parses");
    assert_eq!(back, run.log);
    assert_eq!(Tactical::fold(&back).expect("folds"), run.state());
}

#[test]
fn a_damaged_log_is_folded_without_panicking() {
    let mut run = Run::new();
    for event in [
        Event::CursorMoved {
            step: Step::CheckIn,
            index: 99,
        },
        Event::AgendaItemMoved { item: 42, to: 7 },
        Event::OutputAdded {
            item: 42,
            output: output(OutputKind::Information, None, None),
        },
        Event::ItemClosed {
            item: 42,
            got_what_needed: false,
        },
    ] {
        let seq = run.log.len() as u64 + 1;
        run.log.push(Recorded {
            seq,
            at: run.now,
            event,
        });
    }
    let m = run.state();
    assert_eq!(m.speaker(), Some(3), "the cursor is kept inside the list");
}
