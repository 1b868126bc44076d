//! One value per metric per period. A meeting reports a metric's value for the period just
//! ended; if the organisation already holds one for that period (a second meeting that week),
//! the meeting shows it, refuses a second report, and changing it is an explicit correction
//! (`Event::MetricCorrected`), recorded in the log with the value it replaces.
//!
//! Owns: the periods a meeting reports on, and deciding and applying reports and corrections.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::{Effect, Event, MetricReport, Refusal, Tactical};
use crate::domain::ids::MetricId;
use crate::domain::meeting::period_just_ended;
use crate::domain::org::{Frequency, MetricValue, Organisation};
use crate::domain::text::format_number;
use chrono::NaiveDate;

/// A metric's value as an entry gives it (a report or a correction).
pub(super) struct Reported<'a> {
    pub metric: MetricId,
    pub value: f64,
    pub comment: &'a Option<String>,
    pub reporter: Option<usize>,
    pub period: NaiveDate,
}

impl Tactical {
    /// The first day of the period an item of `frequency` reports on: the period that had
    /// ended when the meeting started (a meeting resumed later still reviews that one).
    pub fn period_for(&self, frequency: Frequency) -> NaiveDate {
        period_just_ended(frequency, self.started_at.date_naive())
    }

    /// The value the organisation already holds for `metric`'s period from before this
    /// meeting (another meeting or review of the same period), while this one has none.
    pub fn earlier_value<'a>(
        &self,
        org: &'a Organisation,
        metric: MetricId,
    ) -> Option<&'a MetricValue> {
        if self.report_for(metric).is_some() {
            return None;
        }
        let period = self.period_for(org.metric(metric)?.frequency);
        org.value_in(metric, period)
    }

    /// What a report or correction must satisfy within the meeting, and its effect.
    pub(super) fn decide_value(&self, r: &Reported) -> Result<Vec<Effect>, Refusal> {
        if !self.metrics.contains(&r.metric) {
            return Err(Refusal::new("that metric is not in this meeting"));
        }
        if !r.value.is_finite() {
            return Err(Refusal::new("the value is not a number"));
        }
        if self.report_for(r.metric).is_some() {
            return Err(Refusal::new("already reported; u takes the value back"));
        }
        self.reporter_ok(r.reporter)?;
        Ok(vec![Effect::RecordMetric {
            metric: r.metric,
            period: r.period,
            value: r.value,
            comment: r.comment.clone(),
        }])
    }

    /// `decide`, and what only the organisation knows: a period's value is reported once,
    /// and only a value that stands can be corrected.
    pub(super) fn decide_in(
        &self,
        event: &Event,
        org: &Organisation,
    ) -> Result<Vec<Effect>, Refusal> {
        self.decide_reporter(event, org)?;
        match event {
            Event::MetricReported { metric, period, .. } => {
                if let Some(v) = org.value_in(*metric, *period)
                    && self.report_for(*metric).is_none()
                {
                    return Err(Refusal::new(format!(
                        "already reported for the period from {period}: {}; Enter corrects it",
                        format_number(v.value)
                    )));
                }
            }
            Event::MetricCorrected {
                metric,
                period,
                was,
                ..
            } => match org.value_in(*metric, *period) {
                None => return Err(Refusal::new("no value stands for that period: report it")),
                Some(v) if v.value != *was => {
                    return Err(Refusal::new(
                        "the value standing has changed meanwhile: look again",
                    ));
                }
                Some(_) => {}
            },
            _ => {}
        }
        self.decide(event)
    }

    /// Records a report (`corrects: None`) or a correction of the value `corrects`.
    pub(super) fn apply_value(&mut self, seq: u64, r: &Reported, corrects: Option<f64>) {
        self.reports.push(MetricReport {
            seq,
            metric: r.metric,
            value: r.value,
            comment: r.comment.clone(),
            reporter: r.reporter,
            period: r.period,
            corrects,
        });
    }
}
