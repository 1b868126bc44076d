//! PostgreSQL's reading queries, which differ from SQLite's in their row types and a few
//! words of dialect (ASCII-case ordering by `rt_nocase`, JSON by `->>`): meeting logs and
//! rows, drafts, the whole organisation, and a role's history.
//!
//! Owns: those queries, run on the store's own thread. Must not import: ratatui, crossterm,
//! `crate::app`, `crate::ui`.

use super::super::sql_types::list_from_json;
use super::super::{MeetingRow, OpenMeeting, RoleVersion, StoreError};
use super::session::Session;
use crate::domain::meeting::MeetingKind;
use crate::domain::meeting::flow::Recorded;
use crate::domain::meeting_list::{Key, Look, Page};
use crate::domain::org_log::OrgEntry;
use crate::domain::*;
use crate::store::meeting_pages as pages;
use crate::store::org_load::ENTRY_ROWS;
use crate::store::org_log;
use crate::store::sql::numbered_placeholders;
use chrono::{DateTime, NaiveDate, Utc};
use tokio_postgres::Row;
use tokio_postgres::types::{FromSql, ToSql};

/// Column `i` of a row, as `T`.
fn get<'a, T: FromSql<'a>>(r: &'a Row, i: usize) -> Result<T, StoreError> {
    Ok(r.try_get(i)?)
}

/// A JSON list column.
fn list(r: &Row, i: usize) -> Result<Vec<String>, StoreError> {
    list_from_json(&get::<String>(r, i)?).map_err(|e| StoreError::Invalid(e.to_string()))
}

/// The label of the agenda item whose adoption wrote version `v` (as SQLite's `PROPOSAL`).
const PROPOSAL: &str = "(SELECT i.payload::json ->> 'label' FROM meeting_events e
     JOIN meeting_events i ON i.meeting_id = e.meeting_id AND i.seq::text = e.payload::json ->> 'item'
     WHERE e.meeting_id = v.meeting_id AND e.seq = v.event_seq AND e.payload::json ->> 'type' = 'proposal')";

/// Who recorded the meeting entry that made version `v`.
const RECORDED_BY: &str = "(SELECT e.actor FROM meeting_events e WHERE e.meeting_id = v.meeting_id AND e.seq = v.event_seq)";

impl Session {
    /// The organisation's own log, oldest first.
    pub fn org_entries(&self) -> Result<Vec<OrgEntry>, StoreError> {
        self.all(
            "SELECT seq, at, actor_id, payload FROM org_log ORDER BY seq",
            |r| org_log::entry(get(r, 0)?, get(r, 1)?, get(r, 2)?, &get::<String>(r, 3)?),
        )
    }

    /// Maps every row of a query without parameters.
    fn all<T>(
        &self,
        sql: &str,
        map: impl Fn(&Row) -> Result<T, StoreError>,
    ) -> Result<Vec<T>, StoreError> {
        self.rows_of(sql)?.iter().map(map).collect()
    }

    pub fn payloads_after(
        &self,
        meeting: MeetingId,
        after: u64,
    ) -> Result<Vec<Recorded<String>>, StoreError> {
        let after = i64::try_from(after).unwrap_or(i64::MAX);
        let rows = self.read().rows(
            "SELECT seq, at, payload FROM meeting_events WHERE meeting_id = $1 AND seq > $2 ORDER BY seq",
            &[&meeting.0, &after],
        )?;
        rows.iter()
            .map(|r| {
                Ok(Recorded {
                    seq: u64::try_from(get::<i64>(r, 0)?).unwrap_or(0),
                    at: get(r, 1)?,
                    event: get(r, 2)?,
                })
            })
            .collect()
    }

    pub fn actors_after(
        &self,
        meeting: MeetingId,
        after: u64,
    ) -> Result<Vec<Option<String>>, StoreError> {
        let after = i64::try_from(after).unwrap_or(i64::MAX);
        let rows = self.read().rows(
            "SELECT actor FROM meeting_events WHERE meeting_id = $1 AND seq > $2 ORDER BY seq",
            &[&meeting.0, &after],
        )?;
        rows.iter().map(|r| get(r, 0)).collect()
    }

    /// The newest unfinished meeting (or review) matching `filter` (`$1`, `$2`).
    fn open_one(&self, filter: &str, a: i64, kind: &str) -> Result<Option<MeetingId>, StoreError> {
        let sql = format!(
            "SELECT id FROM meetings WHERE {filter} = $1 AND kind = $2 AND ended_at IS NULL ORDER BY id DESC LIMIT 1"
        );
        let row = self.read().row(&sql, &[&a, &kind])?;
        row.map(|r| get(&r, 0).map(MeetingId)).transpose()
    }

    pub fn open_review(&self, person: PersonId) -> Result<Option<MeetingId>, StoreError> {
        self.open_one("person_id", person.0, "review")
    }

    pub fn open_work(&self, person: PersonId) -> Result<Option<MeetingId>, StoreError> {
        self.open_one("person_id", person.0, "work")
    }

    pub fn open_meeting(
        &self,
        circle: CircleId,
        kind: MeetingKind,
    ) -> Result<Option<MeetingId>, StoreError> {
        self.open_one("circle_id", circle.0, kind.id())
    }

    /// Meeting rows of a query selecting (id, circle, kind, started, ended); kinds this
    /// version does not know are passed over.
    pub fn meeting_rows(
        &self,
        filter: &str,
        id: Option<i64>,
    ) -> Result<Vec<MeetingRow>, StoreError> {
        let sql =
            format!("SELECT id, circle_id, kind, started_at, ended_at FROM meetings {filter}");
        let rows = match id {
            Some(id) => self.read().rows(&sql, &[&id])?,
            None => self.read().rows(&sql, &[])?,
        };
        Self::meetings_of(&rows)
    }

    /// Up to `limit` of `look`'s meetings newest first, below `after` (as SQLite's).
    pub fn meeting_page(
        &self,
        look: Look,
        after: Option<Key>,
        limit: usize,
    ) -> Result<Page, StoreError> {
        let (sql, args) = pages::page(look, after, limit);
        let args: Vec<&(dyn ToSql + Sync)> =
            args.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
        let rows = self.read().rows(&numbered_placeholders(&sql), &args)?;
        Ok(pages::page_of(Self::raw_meetings(&rows)?, limit))
    }

    /// Each kind's count of circles' meetings, as the trigger of migration 020 keeps it.
    pub fn meeting_counts(&self) -> Result<Vec<(MeetingKind, usize)>, StoreError> {
        let rows = self.read().rows(pages::COUNTS, &[])?;
        let rows = rows
            .iter()
            .map(|r| Ok((get(r, 0)?, get(r, 1)?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(pages::known_counts(rows))
    }

    /// The first and the last day a circle's meeting started on.
    pub fn meeting_days(&self) -> Result<Option<(NaiveDate, NaiveDate)>, StoreError> {
        let Some(r) = self.read().row(pages::DAYS, &[])? else {
            return Ok(None);
        };
        let first: Option<DateTime<Utc>> = get(&r, 0)?;
        let last: Option<DateTime<Utc>> = get(&r, 1)?;
        Ok(first
            .zip(last)
            .map(|(a, b)| (a.date_naive(), b.date_naive())))
    }

    /// Meeting rows of a query selecting (id, circle, kind, started, ended); kinds this
    /// version does not know are passed over.
    fn meetings_of(rows: &[Row]) -> Result<Vec<MeetingRow>, StoreError> {
        Ok(pages::known(Self::raw_meetings(rows)?))
    }

    /// The rows of a query selecting (id, circle, kind, started, ended), of any kind.
    fn raw_meetings(rows: &[Row]) -> Result<Vec<pages::Raw>, StoreError> {
        rows.iter()
            .map(|r| {
                Ok((
                    MeetingId(get(r, 0)?),
                    get(r, 1)?,
                    get(r, 2)?,
                    get(r, 3)?,
                    get(r, 4)?,
                ))
            })
            .collect()
    }

    pub fn open_meetings(&self) -> Result<Vec<OpenMeeting>, StoreError> {
        Ok(self
            .meeting_rows(
                "WHERE ended_at IS NULL AND circle_id IS NOT NULL ORDER BY id",
                None,
            )?
            .into_iter()
            .map(|m| OpenMeeting {
                id: m.id,
                circle: m.circle,
                kind: m.kind,
                started_at: m.started_at,
            })
            .collect())
    }

    pub fn draft(&self, meeting: MeetingId) -> Result<Option<String>, StoreError> {
        let row = self.read().row(
            "SELECT payload FROM drafts WHERE meeting_id = $1",
            &[&meeting.0],
        )?;
        row.map(|r| get(&r, 0)).transpose()
    }

    pub fn organisation_name(&self) -> Result<Option<String>, StoreError> {
        let row = self
            .read()
            .row("SELECT name FROM organisation WHERE id = 1", &[])?;
        row.map(|r| get(&r, 0)).transpose()
    }

    pub fn role_history(&self, role: RoleId) -> Result<Vec<RoleVersion>, StoreError> {
        let rows = self.read().rows(
            "SELECT name, purpose, domains, accountabilities, circle_id, removed, baseline, recorded_at, meeting_id
             FROM role_versions WHERE role_id = $1 ORDER BY id",
            &[&role.0],
        )?;
        rows.iter()
            .map(|r| {
                Ok(RoleVersion {
                    name: get(r, 0)?,
                    purpose: get(r, 1)?,
                    domains: list(r, 2)?,
                    accountabilities: list(r, 3)?,
                    circle: get(r, 4)?,
                    removed: get(r, 5)?,
                    baseline: get(r, 6)?,
                    recorded_at: get(r, 7)?,
                    meeting: get::<Option<i64>>(r, 8)?.map(MeetingId),
                })
            })
            .collect()
    }

    /// Every value and answer of the roles' metrics and checklist items (`None`: of all), as
    /// SQLite's `reported`.
    pub fn reported(&self, roles: Option<&[RoleId]>) -> Result<Reported, StoreError> {
        let ids: Vec<i64> = roles.unwrap_or_default().iter().map(|r| r.0).collect();
        let every = roles.is_none();
        let values = self.read().rows(
            "SELECT v.metric_id, v.period, v.value, v.comment FROM metric_values v
             WHERE $2 OR v.metric_id IN (SELECT id FROM metrics WHERE role_id = ANY($1))
             ORDER BY v.metric_id, v.period, v.id",
            &[&ids, &every],
        )?;
        let marks = self.read().rows(
            "SELECT a.item_id, a.period, a.checked FROM checklist_answers a
             WHERE $2 OR a.item_id IN (SELECT id FROM checklist_items WHERE role_id = ANY($1))
             ORDER BY a.item_id, a.period, a.id",
            &[&ids, &every],
        )?;
        // A role among `ids`, or any role's when all are asked for.
        let sql = |query: &str| {
            let of =
                |t: &str| format!("({t}.role_id = ANY($1) OR ($2 AND {t}.role_id IS NOT NULL))");
            query.replace("{p}", &of("p")).replace("{a}", &of("a"))
        };
        let params: [&(dyn ToSql + Sync); 2] = [&ids, &every];
        let projects = self.read().rows(&sql(ENTRY_ROWS.projects), &params)?;
        let changes = self.read().rows(&sql(ENTRY_ROWS.status_changes), &params)?;
        let actions = self.read().rows(&sql(ENTRY_ROWS.next_actions), &params)?;
        let work = self.read().rows(
            &crate::store::org_load::work_of_index(
                "(w.role_id = ANY($1) OR ($2 AND w.role_id IS NOT NULL)) AND w.circle_id IS NULL",
            ),
            &params,
        )?;
        Ok(Reported {
            work: crate::store::backend::work_notes(
                work.iter().map(work_row).collect::<Result<_, _>>()?,
            ),
            projects: projects.iter().map(project_of).collect::<Result<_, _>>()?,
            status_changes: (changes.iter())
                .map(|r| {
                    Ok(StatusChange {
                        project: get(r, 0)?,
                        at: get(r, 1)?,
                        before: get(r, 2)?,
                    })
                })
                .collect::<Result<_, StoreError>>()?,
            next_actions: actions
                .iter()
                .map(next_action_of)
                .collect::<Result<_, _>>()?,
            values: values
                .iter()
                .map(|r| {
                    Ok(MetricValue {
                        metric: get(r, 0)?,
                        period: get(r, 1)?,
                        value: get(r, 2)?,
                        comment: get(r, 3)?,
                    })
                })
                .collect::<Result<_, StoreError>>()?,
            marks: marks
                .iter()
                .map(|r| {
                    Ok(ChecklistMark {
                        item: get(r, 0)?,
                        period: get(r, 1)?,
                        checked: get(r, 2)?,
                    })
                })
                .collect::<Result<_, StoreError>>()?,
        })
    }

    /// As SQLite's `roles_tracked_in`.
    pub fn roles_tracked_in(&self, meeting: MeetingId) -> Result<Vec<RoleId>, StoreError> {
        let sql = numbered_placeholders(crate::store::org::ROLES_TRACKED_IN);
        let rows = self.read().rows(&sql, &[&meeting.0])?;
        rows.iter().map(|r| get(r, 0)).collect()
    }

    /// The organisation as it stands, or `None` when the database holds none yet (without
    /// what roles reported and track: `reported`).
    pub fn load_organisation(&self) -> Result<Option<Organisation>, StoreError> {
        let Some(head) = self
            .read()
            .row("SELECT name, rule_set FROM organisation WHERE id = 1", &[])?
        else {
            return Ok(None);
        };
        let mut records = OrgRecords {
            name: get(&head, 0)?,
            rule_set: get(&head, 1)?,
            ..OrgRecords::default()
        };
        self.read_structure(&mut records)?;
        self.read_role_records(&mut records)?;
        self.read_entry_rows(&mut records)?;
        self.read_later_records(&mut records)?;
        Ok(Some(Organisation::new(records)))
    }

    /// People, circles, roles, who fills them (and filled them), the log, the policies.
    fn read_structure(&self, records: &mut OrgRecords) -> Result<(), StoreError> {
        records.people = self.all(
            "SELECT id, name, email, left_at FROM people ORDER BY id",
            |r| {
                Ok(Person {
                    id: get(r, 0)?,
                    name: get(r, 1)?,
                    email: get(r, 2)?,
                    left: get(r, 3)?,
                })
            },
        )?;
        records.circles = self.all(
            "SELECT id, parent_id, name, purpose, strategy, domains, accountabilities FROM circles
             WHERE removed_at IS NULL ORDER BY id",
            |r| {
                Ok(Circle {
                    id: get(r, 0)?,
                    parent: get(r, 1)?,
                    name: get(r, 2)?,
                    purpose: get(r, 3)?,
                    strategy: get(r, 4)?,
                    domains: list(r, 5)?,
                    accountabilities: list(r, 6)?,
                })
            },
        )?;
        records.roles = self.all(
            "SELECT id, circle_id, name, purpose, domains, accountabilities, core FROM roles
             WHERE removed_at IS NULL ORDER BY id",
            |r| {
                Ok(Role {
                    id: get(r, 0)?,
                    circle: get(r, 1)?,
                    name: get(r, 2)?,
                    purpose: get(r, 3)?,
                    domains: list(r, 4)?,
                    accountabilities: list(r, 5)?,
                    core: get::<Option<String>>(r, 6)?
                        .as_deref()
                        .and_then(CoreRole::from_id),
                })
            },
        )?;
        records.assignments = self.all(
            &format!(
                "{ASSIGNMENT} WHERE ended_meeting_id IS NULL AND ended_at IS NULL ORDER BY id"
            ),
            assignment,
        )?;
        records.ended_assignments = self.all(
            &format!("{ASSIGNMENT} WHERE ended_meeting_id IS NOT NULL OR ended_at IS NOT NULL ORDER BY id"),
            assignment,
        )?;
        records.log = self.org_entries()?;
        records.policies = self.all(
            "SELECT id, circle_id, name, text, role_id FROM policies WHERE removed_at IS NULL ORDER BY id",
            |r| Ok(Policy { id: get(r, 0)?, circle: get(r, 1)?, name: get(r, 2)?, text: get(r, 3)?, role: get(r, 4)? }),
        )?;
        Ok(())
    }

    /// Roles' checklists and metrics (their values and answers are read by role when a
    /// screen needs them: `reported`), and every version of roles, policies and circles.
    fn read_role_records(&self, records: &mut OrgRecords) -> Result<(), StoreError> {
        records.checklist = self.all(
            &format!(
                "SELECT id, role_id, text, frequency, ended_at, {} FROM checklist_items c ORDER BY id",
                super::super::org_load::ADDED_AT
            ),
            |r| Ok(ChecklistItem { id: get(r, 0)?, role: get(r, 1)?, text: get(r, 2)?, frequency: get(r, 3)?, ended: get(r, 4)?, added: get(r, 5)? }),
        )?;
        records.metrics = self.all(
            "SELECT id, role_id, name, unit, frequency, ended_at FROM metrics ORDER BY id",
            |r| {
                Ok(Metric {
                    id: get(r, 0)?,
                    role: get(r, 1)?,
                    name: get(r, 2)?,
                    unit: get(r, 3)?,
                    frequency: get(r, 4)?,
                    ended: get(r, 5)?,
                })
            },
        )?;
        records.versions = self.versions()?;
        Ok(())
    }

    /// The rows meeting entries wrote that the organisation is read with: the tensions and
    /// the people's own next actions, as SQLite's load (roles' are `reported`'s).
    fn read_entry_rows(&self, records: &mut OrgRecords) -> Result<(), StoreError> {
        let own = ENTRY_ROWS.next_actions.replace("{a}", "a.role_id IS NULL");
        records.next_actions = self.all(&own, next_action_of)?;
        records.tensions = self.all(ENTRY_ROWS.tensions, |r| {
            Ok(Tension {
                id: get(r, 0)?,
                person: get(r, 1)?,
                role: get(r, 2)?,
                circle: get(r, 3)?,
                text: get(r, 4)?,
                kind: get(r, 5)?,
                open: get::<String>(r, 6)? == "open",
                since: get(r, 7)?,
                closed_at: get(r, 8)?,
            })
        })?;
        Ok(())
    }

    /// Process breakdowns, requests for updates, Cross Links and people's own work.
    fn read_later_records(&self, records: &mut OrgRecords) -> Result<(), StoreError> {
        records.breakdowns = self.all(super::super::org_load::BREAKDOWNS, |r| {
            Ok(Breakdown {
                circle: get(r, 0)?,
                declared_at: get(r, 1)?,
                declared_by: get(r, 2)?,
                reason: get(r, 3)?,
                meeting: get::<Option<i64>>(r, 4)?.map(MeetingId),
                restored_at: get(r, 5)?,
                restored_by: get(r, 6)?,
            })
        })?;
        records.update_requests = self.all(super::super::org_load::UPDATE_REQUESTS, |r| {
            Ok(UpdateRequest {
                project: get(r, 0)?,
                by: get(r, 1)?,
                requested_at: get(r, 2)?,
                ended_at: get(r, 3)?,
            })
        })?;
        records.cross_links = self.all(crate::store::cross_links::CROSS_LINKS, |r| {
            Ok(crate::store::cross_links::from_row(
                get(r, 0)?,
                get(r, 1)?,
                get(r, 2)?,
            ))
        })?;
        let work = self.all(&crate::store::org_load::WORK_READ_WHOLE, work_row)?;
        records.work = crate::store::backend::work_notes(work);
        Ok(())
    }

    /// Every role, policy and sub-circle version, oldest first (of one moment roles first, then
    /// policies, then sub-circles, each kind in the order written: as SQLite's load).
    fn versions(&self) -> Result<Vec<RecordVersion>, StoreError> {
        self.all(
            &format!(
                "SELECT role_id, NULL::bigint, circle_id, name, purpose, domains, accountabilities, removed, baseline, recorded_at, meeting_id, id, {PROPOSAL}, 0, NULL::bigint, NULL::bigint, migration, core, {RECORDED_BY} FROM role_versions v
                 UNION ALL
                 SELECT NULL::bigint, policy_id, circle_id, name, text, '[]', '[]', removed, baseline, recorded_at, meeting_id, id, {PROPOSAL}, 1, NULL::bigint, role_id, migration, NULL::text, {RECORDED_BY} FROM policy_versions v
                 UNION ALL
                 SELECT NULL::bigint, NULL::bigint, parent_id, name, purpose, domains, accountabilities, removed, baseline, recorded_at, meeting_id, id, {PROPOSAL}, 2, circle_id, NULL::bigint, NULL::text, NULL::text, {RECORDED_BY} FROM circle_versions v
                 ORDER BY 10, 14, 12"
            ),
            |r| {
                Ok(RecordVersion {
                    role: get(r, 0)?,
                    policy: get(r, 1)?,
                    circle: get(r, 2)?,
                    name: get(r, 3)?,
                    text: get(r, 4)?,
                    domains: list(r, 5)?,
                    accountabilities: list(r, 6)?,
                    removed: get(r, 7)?,
                    baseline: get(r, 8)?,
                    recorded_at: get(r, 9)?,
                    meeting: get::<Option<i64>>(r, 10)?.map(MeetingId),
                    recorded_by: get(r, 18)?,
                    proposal: get(r, 12)?,
                    sub_circle: get(r, 14)?,
                    holder: get(r, 15)?,
                    migration: get(r, 16)?,
                    core: get::<Option<String>>(r, 17)?.map(|c| CoreRole::from_id(&c)),
                })
            },
        )
    }
}

/// The columns of an assignment, as `assignment` reads them.
const ASSIGNMENT: &str =
    "SELECT id, role_id, person_id, focus, term_end, started_at, ended_at FROM assignments";

fn assignment(r: &Row) -> Result<Assignment, StoreError> {
    Ok(Assignment {
        id: get(r, 0)?,
        role: get(r, 1)?,
        person: get(r, 2)?,
        focus: get(r, 3)?,
        term_end: get(r, 4)?,
        since: get(r, 5)?,
        until: get(r, 6)?,
    })
}

/// A project of `ENTRY_ROWS.projects`' columns.
fn project_of(r: &Row) -> Result<Project, StoreError> {
    Ok(Project {
        id: get(r, 0)?,
        role: get(r, 1)?,
        person: get(r, 2)?,
        title: get(r, 3)?,
        status: get(r, 4)?,
        since: get(r, 5)?,
    })
}

/// A next action of `ENTRY_ROWS.next_actions`' columns.
fn next_action_of(r: &Row) -> Result<NextAction, StoreError> {
    Ok(NextAction {
        id: get(r, 0)?,
        role: get(r, 1)?,
        person: get(r, 2)?,
        text: get(r, 3)?,
        done: get(r, 4)?,
        since: get(r, 5)?,
        done_at: get(r, 6)?,
    })
}

/// An own-work entry of `org_load::work_of_index`'s columns, as SQLite's `work_row`.
fn work_row(r: &Row) -> Result<crate::store::backend::WorkRow, StoreError> {
    Ok((
        get(r, 0)?,
        get(r, 1)?,
        Recorded {
            seq: u64::try_from(get::<i64>(r, 2)?).unwrap_or(0),
            at: get(r, 3)?,
            event: get(r, 4)?,
        },
    ))
}
