//! One value per metric per period. A meeting reports a metric's value for the period just
//! ended; if the organisation already holds one for that period (a second meeting that week),
//! the meeting shows it, refuses a second report, and changing it is an explicit correction
//! (`Event::MetricCorrected`), recorded in the log with the value it replaces.
//!
//! Owns: the periods a meeting reports on, deciding and applying reports and corrections, and
//! telling a value far outside a metric's history (a slip of the keyboard, asked about first).
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
    /// The entry a metric's value makes: a report, or, for a period already reported by an
    /// earlier meeting, a correction of that value (never a second one). `today` stands for
    /// the period of a metric the organisation no longer has.
    pub fn metric_entry(
        &self,
        org: &Organisation,
        (metric, value, comment): (MetricId, f64, Option<String>),
        reporter: Option<usize>,
        today: NaiveDate,
    ) -> Event {
        let period = org
            .metric(metric)
            .map_or(today, |m| self.period_for(m.frequency));
        match self.earlier_value(org, metric) {
            Some(earlier) => Event::MetricCorrected {
                metric,
                value,
                comment,
                reporter,
                period,
                was: earlier.value,
            },
            None => Event::MetricReported {
                metric,
                value,
                comment,
                reporter,
                period,
            },
        }
    }

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
        self.decide_owner(event, org)?;
        self.decide_request(event, org)?;
        if let Some(effects) = self.decide_updates(event, org)? {
            return Ok(effects);
        }
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

/// How many of the latest values a new one is compared with.
const RECENT: usize = 12;

/// Whether `value` lies far outside `history` (oldest first), so that it is asked about
/// before it is recorded: with at least three earlier values, it is further from their median
/// than ten times their median absolute deviation and than half the median's size. Returns
/// the recent values' lowest and highest, to say what it is far from.
pub fn far_outside(value: f64, history: &[f64]) -> Option<(f64, f64)> {
    let recent = &history[history.len().saturating_sub(RECENT)..];
    if recent.len() < 3 || !value.is_finite() {
        return None;
    }
    let median = |values: &mut Vec<f64>| {
        values.sort_by(f64::total_cmp);
        let mid = values.len() / 2;
        match values.len() % 2 {
            0 => (values[mid - 1] + values[mid]) / 2.0,
            _ => values[mid],
        }
    };
    let mid = median(&mut recent.to_vec());
    let spread = median(&mut recent.iter().map(|v| (v - mid).abs()).collect());
    let allowed = (10.0 * spread).max(0.5 * mid.abs());
    if allowed <= 0.0 || (value - mid).abs() <= allowed {
        return None;
    }
    let low = recent.iter().copied().fold(f64::INFINITY, f64::min);
    let high = recent.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Some((low, high))
}

/// What to ask before `value` is recorded, when it lies far outside `history` (see
/// `far_outside`): the one question the tactical meeting and the solo review ask.
pub fn outlier_question(value: f64, history: &[f64]) -> Option<String> {
    let (low, high) = far_outside(value, history)?;
    Some(format!(
        "{} is far from this metric's recent values ({} to {}). Record it?",
        format_number(value),
        format_number(low),
        format_number(high)
    ))
}

/// The yes/no question confirming `value`: the outlier question, or, should the history no
/// longer make it one (another program's entry came in), a plain "Record it?".
pub fn outlier_confirmation(value: f64, history: &[f64]) -> String {
    outlier_question(value, history).unwrap_or_else(|| format!("Record {}?", format_number(value)))
}

#[cfg(test)]
mod tests {
    use super::far_outside;

    #[test]
    fn a_value_far_from_its_history_is_told_and_a_near_one_is_not() {
        let loaves = [1980.0, 2010.0, 1995.0, 2050.0];
        assert_eq!(far_outside(12.5, &loaves), Some((1980.0, 2050.0)));
        assert_eq!(far_outside(20_500.0, &loaves), Some((1980.0, 2050.0)));
        assert_eq!(far_outside(2100.0, &loaves), None);
        assert_eq!(far_outside(1400.0, &loaves), None, "a bad week, not a slip");
    }

    #[test]
    fn too_short_or_flat_a_history_tells_nothing() {
        assert_eq!(far_outside(12.5, &[2000.0, 2010.0]), None);
        assert_eq!(far_outside(3.0, &[0.0, 0.0, 0.0]), None);
    }
}
