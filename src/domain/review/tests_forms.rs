//! The solo review's forms without a terminal: the question each asks and what an answer
//! makes of it, a refusal naming its rule and changing nothing.

use super::form::{Context, Finished, Form};
use super::{Entry, Review, ReviewEvent, Stop};
use crate::domain::form::{Answer, Answered, Form as _, PromptKind, Question};
use crate::domain::ids::{CircleId, MetricId, PersonId, RoleId};
use crate::domain::meeting::flow::Recorded;
use crate::domain::org::{Frequency, Metric, MetricValue, OrgRecords, Organisation, TensionKind};
use chrono::{NaiveDate, TimeZone, Utc};

fn period(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, day).expect("a date")
}

/// Metric 1, "Loaves", with four weeks of about 2,000.
fn org() -> Organisation {
    let value = |day, value| MetricValue {
        metric: MetricId(1),
        period: period(day),
        value,
        comment: None,
    };
    Organisation::new(OrgRecords {
        name: "Co".into(),
        metrics: vec![Metric {
            id: MetricId(1),
            role: RoleId(10),
            name: "Loaves".into(),
            unit: Some("loaves".into()),
            frequency: Frequency::Weekly,
            ended: None,
        }],
        metric_values: vec![
            value(2, 1980.0),
            value(9, 2010.0),
            value(16, 1995.0),
            value(23, 2050.0),
        ],
        ..OrgRecords::default()
    })
}

/// A review standing at the metric's stop, the summary after it.
fn review() -> Review {
    let at = Utc
        .with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .single()
        .expect("a time");
    let stops = vec![
        Stop::Metric {
            metric: MetricId(1),
            period: period(30),
        },
        Stop::Summary,
    ];
    let log = [Recorded {
        seq: 1,
        at,
        event: ReviewEvent::Started {
            person: PersonId(1),
            stops,
        },
    }];
    Review::fold(&log).expect("folds")
}

#[test]
fn a_metric_value_far_outside_its_history_is_asked_about_then_recorded_and_moves_on() {
    let (org, review) = (org(), review());
    let at = Context {
        review: &review,
        org: &org,
    };
    assert_eq!(
        Form::MetricValue.question(&at),
        Some(Question::titled(
            PromptKind::MetricValue,
            "Loaves in loaves"
        ))
    );
    let form = Form::MetricValue;
    let Answered::Refused(why) = form.answer(Answer::Text("lots".into()), &at) else {
        panic!("not a number is refused")
    };
    assert!(why.contains("not a number"), "{why}");
    assert_eq!(form, Form::MetricValue, "and the form is unchanged");
    let Answered::Ask(outlier) = form.answer(Answer::Text("12.5".into()), &at) else {
        panic!("asked about first")
    };
    assert_eq!(outlier, Form::MetricOutlier(12.5));
    assert_eq!(
        outlier.answer(Answer::Yes(false), &at),
        Answered::Ask(Form::MetricValue),
        "a no asks for the value again"
    );
    let Answered::Done(done) = outlier.answer(Answer::Yes(true), &at) else {
        panic!("recorded once meant")
    };
    assert!(done.moves_on);
    assert_eq!(
        done.event,
        ReviewEvent::Recorded {
            at: 0,
            entry: Entry::Metric {
                metric: MetricId(1),
                period: period(30),
                value: 12.5
            }
        }
    );
}

#[test]
fn finishing_asks_finish_or_not_yet_and_says_how_many_changes_were_saved() {
    let (org, review) = (org(), review());
    let at = Context {
        review: &review,
        org: &org,
    };
    assert!(matches!(
        Form::Finish.question(&at),
        Some(Question::YesNo {
            yes: "finish",
            no: "not yet",
            ..
        })
    ));
    assert_eq!(
        Form::Finish.answer(Answer::Yes(false), &at),
        Answered::Closed
    );
    assert_eq!(
        Form::Finish.answer(Answer::Yes(true), &at),
        Answered::Done(Finished {
            event: ReviewEvent::Ended,
            moves_on: false,
            then: Some("Review finished: 0 changes saved.".into()),
        })
    );
}

#[test]
fn a_form_kept_by_an_earlier_version_still_reads() {
    let kept: Form =
        serde_json::from_str(r#"{"TensionCircle":["governance",[1,2]]}"#).expect("reads");
    assert_eq!(
        kept,
        Form::TensionCircle(TensionKind::Governance, vec![CircleId(1), CircleId(2)])
    );
    let kept: Form = serde_json::from_str(r#""MetricValue""#).expect("reads");
    assert_eq!(kept, Form::MetricValue);
}
