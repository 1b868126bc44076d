//! Loading a meeting's minutes from the store: its log folded and turned into `Minutes`.
//!
//! Owns: finding a meeting by id, as the last one, or a circle's over a span of days, for the
//! CLI and the screens.
//! Must not import: ratatui, tokio.

use crate::domain::meeting::MeetingKind;
use crate::domain::meeting::flow::{self, Flow};
use crate::domain::meeting_list::{Look, MeetingRow};
use crate::domain::minutes::{Minutes, PublishedRuling};
use crate::domain::{MeetingId, Organisation, RuleSet};
use crate::store::StoreError;
use crate::store::prelude::*;
use serde::de::DeserializeOwned;

/// The organisation as it stands, or the one line saying there is none.
fn organisation(store: &dyn Backend) -> Result<Organisation, String> {
    store
        .load_organisation()
        .map_err(|e| e.to_string())?
        .ok_or_else(|| "the database holds no organisation".to_string())
}

/// Meeting `meeting`'s log, read from `store` and folded under `rules`: what a kind's shell
/// makes its minutes of. Errors are one line for the person asking.
pub(super) fn folded<F: Flow<Event: DeserializeOwned>>(
    store: &dyn Backend,
    meeting: MeetingId,
    rules: RuleSet,
) -> Result<F, String> {
    let log = store
        .meeting_events::<F::Event>(meeting)
        .map_err(|e| e.to_string())?;
    flow::fold(&log, rules).map_err(|e| format!("meeting {} cannot be read: {e}", meeting.0))
}

/// The minutes of meeting `id`. Errors are one line for the person asking.
pub fn load(store: &dyn Backend, id: MeetingId) -> Result<Minutes, String> {
    let mut org = organisation(store)?;
    hold_for(store, &mut org, id).map_err(|e| e.to_string())?;
    load_in(store, id, &org)
}

/// Holds in `org` what meeting `id`'s minutes name (`roles_named`).
pub fn hold_for(
    store: &dyn Backend,
    org: &mut Organisation,
    id: MeetingId,
) -> Result<(), StoreError> {
    let roles = roles_named(store, org, id)?;
    super::reports::hold(store, org, roles)
}

/// The roles whose reports and projects meeting `id`'s minutes name: its circle's (a metric
/// whose period had its value before the meeting is not listed as due) and those whose
/// projects it updated (one moved or removed since among them).
pub fn roles_named(
    store: &dyn Backend,
    org: &Organisation,
    id: MeetingId,
) -> Result<Vec<crate::domain::RoleId>, StoreError> {
    let mut roles = store.roles_tracked_in(id)?;
    if let Some(row) = store.meeting(id)? {
        roles.extend(super::reports::of_circle(org, row.circle));
    }
    Ok(roles)
}

/// Every Secretary's ruling recorded in a governance meeting, oldest meeting first: what the
/// governance record publishes (4.1 §3.4.3; 5.0 §4.2). Reads each governance meeting's log.
pub fn published_rulings(
    store: &dyn Backend,
    org: &Organisation,
) -> Result<Vec<PublishedRuling>, String> {
    let mut rows = store.meetings().map_err(|e| e.to_string())?;
    rows.retain(|m| m.kind == MeetingKind::Governance);
    rows.sort_by_key(|m| (m.started_at, m.id.0));
    let mut rulings = Vec::new();
    for row in rows {
        rulings.extend(PublishedRuling::of(&load_in(store, row.id, org)?));
    }
    Ok(rulings)
}

/// The minutes of meeting `id`, named as `org` (the organisation already read, as the
/// program holds it) names things: one meeting's log is read, not the organisation again.
/// A tactical meeting's minutes name what its roles reported before it: `org` should hold
/// the reports of its circle's roles (`hold_for`), or they are read into a copy of it. How a
/// kind's log becomes minutes is its shell's (`app::kinds`).
pub fn load_in(store: &dyn Backend, id: MeetingId, org: &Organisation) -> Result<Minutes, String> {
    let row = store
        .meeting(id)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("there is no meeting {}", id.0))?;
    let by = store.actors_after(id, 0).map_err(|e| e.to_string())?;
    let minutes = super::kinds::shell(row.kind).minutes(store, id, org)?;
    Ok(minutes.recorded_by(&by))
}

/// The most recent ended meeting, of one circle if named.
pub fn last(store: &dyn Backend, circle: Option<&str>) -> Result<MeetingId, String> {
    let circle = match circle {
        Some(name) => {
            let org = organisation(store)?;
            let circle = org
                .circle_named(name)
                .ok_or_else(|| format!("no circle named \"{name}\""))?;
            Some((circle.id, circle.name.clone()))
        }
        None => None,
    };
    let look = circle
        .as_ref()
        .map_or(Look::Newest, |(id, _)| Look::Circle(*id));
    let mut found = None;
    newest_first(store, look, |m| {
        found = m.ended_at.map(|_| m.id);
        found.is_none()
    })
    .map_err(|e| e.to_string())?;
    found.ok_or_else(|| match circle {
        Some((_, name)) => format!("the circle \"{name}\" has no ended meeting yet"),
        None => "there is no ended meeting yet".to_string(),
    })
}

/// Reads `look`'s meetings newest first, a page at a time by index, giving each to `visit`
/// until it answers false or there are no more: what is read is what is asked for, however
/// many meetings the store holds.
fn newest_first(
    store: &dyn Backend,
    look: Look,
    mut visit: impl FnMut(&MeetingRow) -> bool,
) -> Result<(), StoreError> {
    const PAGE: usize = 64;
    let mut after = None;
    loop {
        let page = store.meeting_page(look, after, PAGE)?;
        if !page.rows.iter().all(&mut visit) {
            return Ok(());
        }
        match page.next {
            Some(key) => after = Some(key),
            None => return Ok(()),
        }
    }
}

/// The minutes of every ended meeting of the circle named `circle` begun on a day from `since`
/// to `until` (local days, both included; no `until`: to today), oldest first: the
/// organisation and the circle's reports read once for all of them (`roundtable export
/// minutes --circle NAME --since DATE`). The circle's meetings are read newest first down
/// to the first begun before `since`.
pub fn of_circle_between(
    store: &dyn Backend,
    circle: &str,
    since: chrono::NaiveDate,
    until: Option<chrono::NaiveDate>,
) -> Result<Vec<Minutes>, String> {
    let mut org = organisation(store)?;
    let found = org
        .circle_named(circle)
        .ok_or_else(|| format!("no circle named \"{circle}\""))?;
    let id = found.id;
    let day = |at: chrono::DateTime<chrono::Utc>| at.with_timezone(&chrono::Local).date_naive();
    let mut ids: Vec<MeetingId> = Vec::new();
    newest_first(store, Look::Circle(id), |m| {
        let begun = day(m.started_at);
        if m.ended_at.is_some() && begun >= since && until.is_none_or(|u| begun <= u) {
            ids.push(m.id);
        }
        begun >= since
    })
    .map_err(|e| e.to_string())?;
    // Newest first from the store; the minutes go oldest first.
    ids.reverse();
    let mut roles = super::reports::of_circle(&org, id);
    for &m in &ids {
        roles.extend(store.roles_tracked_in(m).map_err(|e| e.to_string())?);
    }
    super::reports::hold(store, &mut org, roles).map_err(|e| e.to_string())?;
    ids.into_iter().map(|m| load_in(store, m, &org)).collect()
}
