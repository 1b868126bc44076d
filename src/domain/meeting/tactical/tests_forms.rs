//! The tactical meeting's forms without a terminal: the question each asks, what an answer
//! makes of it, and refusals that name their rule and change nothing.

use super::super::{Output, OutputKind};
use super::form::Next;
use super::tests::{attendee, started, t0};
use super::*;
use crate::domain::form::{Answer, Answered, Form as _, PromptKind, Question};
use crate::domain::ids::*;
use crate::domain::org::*;

/// Circle 2: Baker (Ana) with project 7 "New oven" and metric 1 "Loaves" (four weeks of
/// about 2,000), and Miller (Benedict).
fn org() -> Organisation {
    let role = |id, name: &str| Role {
        id: RoleId(id),
        circle: CircleId(2),
        name: name.into(),
        purpose: String::new(),
        domains: vec![],
        accountabilities: vec![],
        core: None,
    };
    let fill = |id, role, person| Assignment {
        id: AssignmentId(id),
        role: RoleId(role),
        person: PersonId(person),
        focus: None,
        term_end: None,
        since: None,
        until: None,
    };
    let person = |id, name: &str| Person {
        id: PersonId(id),
        name: name.into(),
        email: None,
        left: None,
    };
    let week = |day| NaiveDate::from_ymd_opt(2026, 10, day).expect("a date");
    let value = |day, value| MetricValue {
        metric: MetricId(1),
        period: week(day),
        value,
        comment: None,
    };
    Organisation::new(OrgRecords {
        name: "Co".into(),
        people: vec![person(3, "Ana"), person(8, "Benedict")],
        circles: vec![Circle {
            id: CircleId(2),
            parent: None,
            name: "Co".into(),
            purpose: String::new(),
            strategy: None,
            domains: vec![],
            accountabilities: vec![],
        }],
        roles: vec![role(20, "Baker"), role(21, "Miller")],
        assignments: vec![fill(1, 20, 3), fill(2, 21, 8)],
        projects: vec![Project {
            id: ProjectId(7),
            role: RoleId(20),
            person: Some(PersonId(3)),
            title: "New oven".into(),
            status: ProjectStatus::Current,
            since: None,
        }],
        metrics: vec![Metric {
            id: MetricId(1),
            role: RoleId(20),
            name: "Loaves".into(),
            unit: None,
            frequency: Frequency::Weekly,
            ended: None,
        }],
        metric_values: vec![
            value(5, 1980.0),
            value(12, 2010.0),
            value(19, 1995.0),
            value(26, 2050.0),
        ],
        ..OrgRecords::default()
    })
}

/// A tactical meeting of Ana, Benedict and Cleo (absent), kept with its organisation.
struct Meeting {
    log: Vec<Recorded>,
    org: Organisation,
}

impl Meeting {
    fn new() -> Meeting {
        let attendees = vec![
            attendee("Ana", true),
            attendee("Benedict", true),
            attendee("Cleo", false),
        ];
        let first = Recorded {
            seq: 1,
            at: t0(),
            event: started(attendees, 60),
        };
        Meeting {
            log: vec![first],
            org: org(),
        }
    }

    fn state(&self) -> Tactical {
        Tactical::fold(&self.log).expect("folds")
    }

    /// Records `event` as the app would: decided against the meeting and the organisation.
    fn record(&mut self, event: Event) -> u64 {
        <Tactical as Flow>::decide(&self.state(), &event, &self.org).expect("accepted");
        let seq = self.log.len() as u64 + 1;
        self.log.push(Recorded {
            seq,
            at: t0(),
            event,
        });
        seq
    }

    fn step(&mut self, step: Step) -> &mut Meeting {
        self.record(Event::StepChanged { step });
        self
    }

    /// Asks `form` its question, as the meeting stands.
    fn question(&self, form: &Form) -> Option<Question> {
        let state = self.state();
        form.question(&self.context(&state))
    }

    /// Gives `form` an answer, as the meeting stands.
    fn answer(&self, form: &Form, answer: Answer) -> Next {
        let state = self.state();
        form.answer(answer, &self.context(&state))
    }

    fn context<'a>(&'a self, state: &'a Tactical) -> FormContext<'a> {
        FormContext {
            state,
            log: &self.log,
            org: &self.org,
            reporter: None,
            today: t0().date_naive(),
        }
    }
}

/// The next form of an answer that asks another question.
fn next(answered: Next) -> Form {
    match answered {
        Answered::Ask(form) => form,
        other => panic!("another question was expected, not {other:?}"),
    }
}

/// The entry of an answer that finishes the form.
fn done(answered: Next) -> Entry {
    match answered {
        Answered::Done(entry) => entry,
        other => panic!("a finished entry was expected, not {other:?}"),
    }
}

/// The refusal of an answer, checking that the form it was given to is as it was.
fn refused(meeting: &Meeting, form: &Form, answer: Answer) -> String {
    let before = form.clone();
    let why = match meeting.answer(form, answer) {
        Answered::Refused(why) => why,
        other => panic!("a refusal was expected, not {other:?}"),
    };
    assert_eq!(*form, before, "a refusal changes nothing");
    why
}

fn options(question: Option<Question>) -> Vec<String> {
    match question {
        Some(Question::Pick { options, .. }) => options,
        other => panic!("a pick was expected, not {other:?}"),
    }
}

#[test]
fn a_next_action_is_its_kind_then_its_text_then_its_owner() {
    let mut m = Meeting::new();
    m.step(Step::Agenda);
    let item = m.record(Event::AgendaItemAdded {
        label: "Flour".into(),
        owner: 0,
        tension: None,
    });
    m.step(Step::Triage);
    let kinds = options(m.question(&Form::OutputKinds));
    assert_eq!(kinds[0], "Next action");
    let form = next(m.answer(&Form::OutputKinds, Answer::Pick(0)));
    assert_eq!(form, Form::OutputKind(OutputKind::NextAction));
    assert_eq!(
        m.question(&form),
        Some(Question::titled(PromptKind::OutputText, "Next action"))
    );
    let why = refused(&m, &form, Answer::Text(String::new()));
    assert_eq!(why, "Type the output's text, or Esc to cancel.");
    let form = next(m.answer(&form, Answer::Text("Order rye".into())));
    let owners = options(m.question(&form));
    assert_eq!(owners[0], "Baker — Ana");
    assert!(owners.contains(&"Benedict's own, no role".to_string()));
    let entry = done(m.answer(&form, Answer::Pick(0)));
    let Event::OutputAdded { item: on, output } = entry.event else {
        panic!("an output is recorded")
    };
    assert_eq!(on, item);
    assert_eq!(
        (
            output.kind,
            output.text.as_str(),
            output.role,
            output.person
        ),
        (
            OutputKind::NextAction,
            "Order rye",
            Some(RoleId(20)),
            Some(PersonId(3))
        )
    );
}

#[test]
fn information_needs_no_owner_and_is_recorded_with_its_text() {
    let mut m = Meeting::new();
    m.step(Step::Agenda);
    m.record(Event::AgendaItemAdded {
        label: "Flour".into(),
        owner: 0,
        tension: None,
    });
    m.step(Step::Triage);
    let form = Form::OutputKind(OutputKind::Information);
    assert!(
        matches!(
            m.question(&form),
            Some(Question::Text {
                kind: PromptKind::Text,
                ..
            })
        ),
        "information may run to several lines"
    );
    let entry = done(m.answer(&form, Answer::Text("Rye is late".into())));
    assert!(matches!(
        entry.event,
        Event::OutputAdded {
            output: Output { role: None, .. },
            ..
        }
    ));
}

#[test]
fn a_metric_value_far_outside_its_history_asks_first_then_takes_a_comment() {
    let mut m = Meeting::new();
    m.step(Step::Metrics);
    assert_eq!(
        m.question(&Form::Value),
        Some(Question::titled(PromptKind::MetricValue, "Loaves"))
    );
    let why = refused(&m, &Form::Value, Answer::Text("lots".into()));
    assert!(why.contains("not a number"), "{why}");
    let form = next(m.answer(&Form::Value, Answer::Text("12.5".into())));
    assert_eq!(form, Form::MetricOutlier(12.5));
    assert_eq!(
        m.question(&form),
        Some(Question::yes_no(
            "12.5 is far from this metric's recent values (1980 to 2050). Record it?"
        ))
    );
    assert_eq!(
        next(m.answer(&form, Answer::Yes(false))),
        Form::Value,
        "a no asks for the value again"
    );
    let form = next(m.answer(&form, Answer::Yes(true)));
    assert_eq!(form, Form::MetricValue(12.5));
    assert_eq!(
        m.question(&form),
        Some(Question::text(PromptKind::MetricComment))
    );
    let entry = done(m.answer(&form, Answer::Text(String::new())));
    assert!(
        entry.answers_item,
        "the reporter chosen for the metric is done with"
    );
    assert!(matches!(
        entry.event,
        Event::MetricReported {
            metric: MetricId(1),
            value: 12.5,
            comment: None,
            ..
        }
    ));
}

#[test]
fn a_value_near_its_history_goes_straight_to_its_comment() {
    let mut m = Meeting::new();
    m.step(Step::Metrics);
    let form = next(m.answer(&Form::Value, Answer::Text("2,020".into())));
    assert_eq!(form, Form::MetricValue(2020.0));
}

#[test]
fn an_agenda_item_is_a_label_then_its_owner_among_those_present() {
    let mut m = Meeting::new();
    m.step(Step::Agenda);
    let why = refused(&m, &Form::Label, Answer::Text(String::new()));
    assert_eq!(why, "Type a label of one or two words, or Esc to cancel.");
    let form = next(m.answer(&Form::Label, Answer::Text("Butter timing".into())));
    assert_eq!(form, Form::AgendaOwners("Butter timing".into(), vec![0, 1]));
    assert_eq!(
        m.question(&form),
        Some(Question::pick(
            "Whose item is \"Butter timing\"?",
            vec!["Ana".into(), "Benedict".into()]
        )),
        "Cleo is absent: not offered"
    );
    let entry = done(m.answer(&form, Answer::Pick(1)));
    assert_eq!(
        entry.event,
        Event::AgendaItemAdded {
            label: "Butter timing".into(),
            owner: 1,
            tension: None
        }
    );
    assert_eq!(entry.then, None);
}

#[test]
fn a_long_label_is_taken_with_a_word_on_labels() {
    let m = Meeting::new();
    let form = Form::AgendaOwners("When the butter comes in".into(), vec![0, 1]);
    let entry = done(m.answer(&form, Answer::Pick(0)));
    assert_eq!(
        entry.then,
        Some("Added. Labels work best as one or two words.")
    );
}

#[test]
fn a_project_update_with_no_words_must_change_its_status() {
    let mut m = Meeting::new();
    m.step(Step::Progress);
    let same = Form::ProjectStatus(ProjectStatus::Current);
    let why = refused(&m, &same, Answer::Text(String::new()));
    assert_eq!(why, "Type what changed, or use n for \"no updates\".");
    let done_now = Form::ProjectStatus(ProjectStatus::Done);
    assert_eq!(
        m.question(&done_now),
        Some(Question::titled(
            PromptKind::ProjectUpdate,
            "Update on \"New oven\" (done)"
        ))
    );
    let entry = done(m.answer(&done_now, Answer::Text(String::new())));
    assert_eq!(
        entry.event,
        Event::ProjectUpdated {
            project: ProjectId(7),
            update: None,
            status_before: ProjectStatus::Current,
            status: ProjectStatus::Done,
            reporter: None,
        }
    );
}

#[test]
fn taking_an_entry_back_asks_about_it_by_name_and_a_no_records_nothing() {
    let mut m = Meeting::new();
    m.step(Step::Agenda);
    let seq = m.record(Event::AgendaItemAdded {
        label: "Butter".into(),
        owner: 0,
        tension: None,
    });
    let form = Form::Retract(seq);
    assert_eq!(
        m.question(&form),
        Some(Question::yes_no(
            "Take back the last entry of this step: the agenda item \"Butter\"?"
        ))
    );
    assert_eq!(m.answer(&form, Answer::Yes(false)), Answered::Closed);
    let entry = done(m.answer(&form, Answer::Yes(true)));
    assert_eq!(entry.event, Event::Retracted { seq });
    assert!(entry.then.is_some_and(|t| t.starts_with("Taken back")));
}

#[test]
fn an_item_is_closed_by_its_owners_answer() {
    let mut m = Meeting::new();
    m.step(Step::Agenda);
    let item = m.record(Event::AgendaItemAdded {
        label: "Flour".into(),
        owner: 1,
        tension: None,
    });
    m.step(Step::Triage);
    let form = Form::CloseItem(item);
    assert_eq!(
        m.question(&form).map(|q| q.title().to_string()),
        Some("Benedict, did you get what you need?".into())
    );
    let entry = done(m.answer(&form, Answer::Pick(1)));
    assert_eq!(
        entry.event,
        Event::ItemClosed {
            item,
            got_what_needed: false
        }
    );
}

#[test]
fn a_form_kept_by_an_earlier_version_still_reads() {
    // As `app::kept` wrote them: the label confirmed, its owner being picked; a value far
    // outside its history; nothing but a question open.
    let kept: Form =
        serde_json::from_str(r#"{"AgendaOwners":["Butter timing",[0,1,3]]}"#).expect("reads");
    assert_eq!(
        kept,
        Form::AgendaOwners("Butter timing".into(), vec![0, 1, 3])
    );
    let kept: Form = serde_json::from_str(r#"{"MetricOutlier":12.5}"#).expect("reads");
    assert_eq!(kept, Form::MetricOutlier(12.5));
    let kept: Form = serde_json::from_str(r#""None""#).expect("reads");
    assert!(kept.holds_nothing());
    assert_eq!(Form::asking(PromptKind::AgendaLabel), Form::Label);
    assert_eq!(Form::asking(PromptKind::MetricValue), Form::Value);
    let back: Form =
        serde_json::from_str(&serde_json::to_string(&Form::Retract(4)).expect("writes"))
            .expect("reads");
    assert_eq!(back, Form::Retract(4));
}

#[test]
fn no_form_asks_nothing_and_an_answer_to_it_closes_it() {
    let m = Meeting::new();
    assert_eq!(m.question(&Form::None), None);
    assert_eq!(m.answer(&Form::None, Answer::Pick(0)), Answered::Closed);
    assert_eq!(
        m.answer(&Form::AgendaOwners("Rye".into(), vec![0]), Answer::Pick(5)),
        Answered::Closed,
        "an option that is not there records nothing"
    );
}

/// The organisation of `org` without the Miller role (and its filler's assignment), as
/// another program leaves it by removing the role.
fn without_miller(org: &Organisation) -> Organisation {
    let mut records = org.records().clone();
    records.roles.retain(|r| r.id != RoleId(21));
    records.assignments.retain(|a| a.role != RoleId(21));
    Organisation::new(records)
}

#[test]
fn an_owner_question_asked_again_offers_the_roles_as_they_stand_and_names_one_removed() {
    let mut m = Meeting::new();
    m.step(Step::Agenda);
    m.record(Event::AgendaItemAdded {
        label: "Flour".into(),
        owner: 0,
        tension: None,
    });
    m.step(Step::Triage);
    let kind = Form::OutputKind(OutputKind::NextAction);
    let form = next(m.answer(&kind, Answer::Text("Sift the rye".into())));
    let asked = options(m.question(&form));
    let miller = asked
        .iter()
        .position(|o| o.starts_with("Miller — Benedict"));
    let miller = miller.expect("offered");
    let before = std::mem::replace(&mut m.org, without_miller(&org()));
    let state = m.state();
    let now = m.context(&state);
    let again = form
        .asked_again(&now)
        .expect("the owners come from the organisation");
    let offered = options(again.question(&now));
    assert!(
        !offered.iter().any(|o| o.starts_with("Miller")),
        "{offered:?}"
    );
    assert!(offered.iter().any(|o| o.starts_with("Baker — Ana")));
    let then = FormContext {
        org: &before,
        ..now
    };
    assert_eq!(
        form.gone(miller, &asked[miller], &then, &now),
        "Miller was removed in another program meanwhile: choose again."
    );
    // Answered on the form as it was asked, the meeting refuses the role it no longer has.
    let Entry { event, .. } = done(form.answer(Answer::Pick(miller), &then));
    let refusal = <Tactical as Flow>::decide(&state, &event, &m.org).expect_err("refused");
    assert_eq!(
        refusal.0,
        "the role chosen was removed in another program meanwhile"
    );
}

#[test]
fn someone_who_left_is_not_offered_as_an_owner_and_an_output_for_them_is_refused() {
    let mut m = Meeting::new();
    m.step(Step::Agenda);
    let item = m.record(Event::AgendaItemAdded {
        label: "Flour".into(),
        owner: 0,
        tension: None,
    });
    m.step(Step::Triage);
    let mut records = m.org.records().clone();
    // Leaving ends one's assignments (`person leave`).
    records.people[1].left = Some(t0());
    records.assignments.retain(|a| a.person != PersonId(8));
    m.org = Organisation::new(records);
    let output = Output {
        kind: OutputKind::NextAction,
        text: "Sift the rye".into(),
        role: None,
        person: Some(PersonId(8)),
        accepted_by: None,
        serves: None,
    };
    let event = Event::OutputAdded { item, output };
    let refusal = <Tactical as Flow>::decide(&m.state(), &event, &m.org).expect_err("refused");
    assert_eq!(refusal.0, "Benedict has left the organisation");
    let offered = owners(&m.state(), &m.org, OutputKind::NextAction);
    let lines: Vec<_> = offered.into_iter().map(|(_, _, line)| line).collect();
    let offered = ["Baker — Ana", "Miller — (unfilled)", "Ana's own, no role"];
    assert_eq!(lines, offered, "nor offered");
}
